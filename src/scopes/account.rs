//! The account an access key id belongs to, as AWS emulators assign it.

/// The account id an access key id acts for: the key itself when it is 12 ASCII digits (the
/// convention of LocalStack and moto, which lets a client choose its account by its key), and
/// `default_account_id` for any other key.
///
/// Real AWS key ids (`AKIA…`, `ASIA…`) are not decoded: they act for the default account.
///
/// ```
/// use sfn_registry::account_id_of_access_key;
///
/// assert_eq!(account_id_of_access_key("111111111111", "123456789012"), "111111111111");
/// assert_eq!(account_id_of_access_key("AKIAIOSFODNN7EXAMPLE", "123456789012"), "123456789012");
/// assert_eq!(account_id_of_access_key("test", "000000000000"), "000000000000");
/// ```
#[must_use]
pub fn account_id_of_access_key<'a>(access_key_id: &'a str, default_account_id: &'a str) -> &'a str {
    if access_key_id.len() == 12 && access_key_id.bytes().all(|b| b.is_ascii_digit()) {
        access_key_id
    } else {
        default_account_id
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn twelve_digits_name_their_account() {
        assert_eq!(account_id_of_access_key("000000000000", "123456789012"), "000000000000");
        assert_eq!(account_id_of_access_key("222222222222", "123456789012"), "222222222222");
        for other in [
            "",
            "11111111111",
            "1111111111111",
            "11111111111a",
            " 11111111111",
            "١١١١١١١١١١١١",
        ] {
            assert_eq!(
                account_id_of_access_key(other, "123456789012"),
                "123456789012",
                "{other:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn only_twelve_digit_keys_are_accounts(key in any::<String>()) {
            let account = account_id_of_access_key(&key, "123456789012");
            let is_account = key.len() == 12 && key.bytes().all(|b| b.is_ascii_digit());
            prop_assert_eq!(account, if is_account { key.as_str() } else { "123456789012" });
        }
    }
}
