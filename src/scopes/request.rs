//! The scope a request belongs to, from its `Authorization` header.

use super::account::account_id_of_access_key;
use super::partition::Partition;
use super::sigv4::SigV4Credential;
use crate::arn::ArnScope;

/// The partition, region and account a request acts in, from its `Authorization` header: the
/// region its SigV4 credential was signed for, that region's [`Partition`], and the account of
/// its access key id ([`account_id_of_access_key`], with `default`'s account for a key that is
/// not 12 digits).
///
/// A request with no `Authorization` header, or one [`SigV4Credential::from_authorization`]
/// cannot read, or whose region cannot be in an ARN (it must be lowercase ASCII letters, digits
/// and `-`, at most 64 of them), acts in `default`. Never panics, whatever the bytes.
///
/// ```
/// use sfn_registry::{ArnScope, scope_of_request};
///
/// let default = ArnScope::new("aws", "us-east-1", "123456789012")?;
/// let header = b"AWS4-HMAC-SHA256 Credential=111111111111/20240101/cn-north-1/states/aws4_request, \
///                SignedHeaders=host;x-amz-date, Signature=0123abcd";
/// let scope = scope_of_request(Some(header), &default);
/// assert_eq!((scope.partition(), scope.region(), scope.account_id()), ("aws-cn", "cn-north-1", "111111111111"));
///
/// let header = b"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-gov-west-1/states/aws4_request, \
///                SignedHeaders=host;x-amz-date, Signature=0123abcd";
/// let scope = scope_of_request(Some(header), &default);
/// assert_eq!((scope.partition(), scope.region(), scope.account_id()), ("aws-us-gov", "us-gov-west-1", "123456789012"));
///
/// assert_eq!(scope_of_request(None, &default), default);
/// assert_eq!(scope_of_request(Some(b"Bearer abc"), &default), default);
/// # Ok::<(), sfn_registry::ArnError>(())
/// ```
#[must_use]
pub fn scope_of_request(authorization: Option<&[u8]>, default: &ArnScope) -> ArnScope {
    let Some(credential) = authorization.and_then(SigV4Credential::from_authorization) else {
        return default.clone();
    };
    let region = credential.region();
    let account_id = account_id_of_access_key(credential.access_key_id(), default.account_id());
    ArnScope::new(Partition::of_region(region).as_str(), region, account_id).unwrap_or_else(|_| default.clone())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn header(key: &str, region: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential={key}/20240101/{region}/states/aws4_request, SignedHeaders=host, Signature=00"
        )
    }

    fn default() -> ArnScope {
        ArnScope::new("aws", "eu-west-1", "999999999999").unwrap()
    }

    fn scope(header: &str) -> (String, String, String) {
        let scope = scope_of_request(Some(header.as_bytes()), &default());
        (
            scope.partition().to_owned(),
            scope.region().to_owned(),
            scope.account_id().to_owned(),
        )
    }

    fn expect(partition: &str, region: &str, account: &str) -> (String, String, String) {
        (partition.to_owned(), region.to_owned(), account.to_owned())
    }

    #[test]
    fn region_partition_and_account_come_from_the_credential() {
        assert_eq!(
            scope(&header("111111111111", "us-west-2")),
            expect("aws", "us-west-2", "111111111111")
        );
        assert_eq!(
            scope(&header("222222222222", "cn-north-1")),
            expect("aws-cn", "cn-north-1", "222222222222")
        );
        assert_eq!(
            scope(&header("AKIAIOSFODNN7EXAMPLE", "us-iso-east-1")),
            expect("aws-iso", "us-iso-east-1", "999999999999")
        );
        // An unknown region is served, in `aws`, as the SDKs resolve it.
        assert_eq!(scope(&header("test", "local")), expect("aws", "local", "999999999999"));
    }

    #[test]
    fn a_region_that_cannot_be_in_an_arn_acts_in_the_default_scope() {
        for region in ["US-WEST-2", "us_west_2", "us-west-2.", &"a".repeat(65)] {
            assert_eq!(
                scope_of_request(Some(header("111111111111", region).as_bytes()), &default()),
                default(),
                "{region}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_header_gives_a_scope(bytes in proptest::collection::vec(any::<u8>(), 0..120)) {
            let scope = scope_of_request(Some(&bytes), &default());
            // Either the default scope or one read from a credential in the header.
            if scope != default() {
                let credential = SigV4Credential::from_authorization(&bytes);
                prop_assert_eq!(credential.map(|c| c.region()), Some(scope.region()));
            }
        }

        #[test]
        fn any_signed_region_gives_its_scope(region in "[a-z0-9-]{1,64}", key in "[0-9]{12}|[A-Z0-9]{16,20}") {
            let scope = scope_of_request(Some(header(&key, &region).as_bytes()), &default());
            prop_assert_eq!(scope.region(), region.as_str());
            prop_assert_eq!(scope.partition(), Partition::of_region(&region).as_str());
            let account = if key.len() == 12 { key.as_str() } else { "999999999999" };
            prop_assert_eq!(scope.account_id(), account);
        }
    }
}
