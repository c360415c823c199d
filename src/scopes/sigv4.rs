//! The access key id and credential scope of a SigV4 `Authorization` header.

/// The algorithm of a SigV4 `Authorization` header.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The last component of a SigV4 credential scope.
const TERMINATOR: &str = "aws4_request";

/// The longest access key id AWS issues (IAM's `AccessKeyId`: 16 to 128 characters).
const MAX_ACCESS_KEY_ID_LEN: usize = 128;

/// The `Credential` of a SigV4 signature: who signed (the access key id) and for which date,
/// region and service, as in `Credential=AKID/20240101/us-west-2/states/aws4_request`.
///
/// It reads what a client claims; it does not verify the signature. An emulator uses it to pick
/// the region and account a request belongs to (see [`scope_of_request`](crate::scope_of_request)).
///
/// ```
/// use sfn_registry::SigV4Credential;
///
/// let header = b"AWS4-HMAC-SHA256 Credential=111111111111/20240101/us-west-2/states/aws4_request, \
///                SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123abcd";
/// let credential = SigV4Credential::from_authorization(header).unwrap();
/// assert_eq!(credential.access_key_id(), "111111111111");
/// assert_eq!(credential.date(), "20240101");
/// assert_eq!(credential.region(), "us-west-2");
/// assert_eq!(credential.service(), "states");
///
/// // Another scheme, or a SigV4 header without its credential, has none.
/// assert_eq!(SigV4Credential::from_authorization(b"Bearer token"), None);
/// assert_eq!(SigV4Credential::from_authorization(b"AWS4-HMAC-SHA256 Signature=0123abcd"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SigV4Credential<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
}

/// The whitespace a header may hold around its parts: space and horizontal tab (HTTP's `OWS`),
/// and the other ASCII whitespace a lenient client might put there.
fn is_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// A component of a credential: not empty, printable ASCII (no space, no `/`, no `,`).
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && b != b'/' && b != b',')
}

impl<'a> SigV4Credential<'a> {
    /// The credential of an `Authorization` header value, as AWS reads the header:
    /// `AWS4-HMAC-SHA256`, whitespace, then the comma-separated `Credential`, `SignedHeaders`
    /// and `Signature` parameters, in any order, with or without whitespace around the commas
    /// and the `=` signs.
    ///
    /// `None` for anything else: another scheme (SigV2, SigV4a, `Bearer`), bytes that are not
    /// UTF-8, a parameter that is not `key=value`, a missing or repeated parameter, or a
    /// credential that is not `<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request`.
    /// Parameters other than those three are ignored. Never panics, whatever the bytes.
    #[must_use]
    pub fn from_authorization(header: &'a [u8]) -> Option<Self> {
        let header = std::str::from_utf8(header).ok()?.trim_matches(is_space);
        let parameters = header.strip_prefix(ALGORITHM)?;
        if !parameters.starts_with(is_space) {
            return None;
        }
        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for parameter in parameters.split(',') {
            let (key, value) = parameter.split_once('=')?;
            let slot = match key.trim_matches(is_space) {
                "Credential" => &mut credential,
                "SignedHeaders" => &mut signed_headers,
                "Signature" => &mut signature,
                _ => continue,
            };
            if slot.replace(value.trim_matches(is_space)).is_some() {
                return None;
            }
        }
        signed_headers.filter(|v| !v.is_empty())?;
        signature.filter(|v| !v.is_empty())?;
        SigV4Credential::from_credential(credential?)
    }

    /// A credential value on its own, `<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request`,
    /// as a presigned URL's `X-Amz-Credential` parameter carries it (once URL-decoded).
    ///
    /// `None` unless it has exactly those five parts: an access key id of 1 to 128 printable
    /// ASCII characters, a date of eight digits, a region and a service of printable ASCII, and
    /// `aws4_request`.
    ///
    /// ```
    /// use sfn_registry::SigV4Credential;
    ///
    /// let credential = SigV4Credential::from_credential("AKIDEXAMPLE/20240101/cn-north-1/states/aws4_request").unwrap();
    /// assert_eq!(credential.region(), "cn-north-1");
    /// assert_eq!(SigV4Credential::from_credential("AKIDEXAMPLE/20240101/cn-north-1/states"), None);
    /// ```
    #[must_use]
    pub fn from_credential(value: &'a str) -> Option<Self> {
        let mut parts = value.split('/');
        let (Some(access_key_id), Some(date), Some(region), Some(service), Some(TERMINATOR), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return None;
        };
        let valid = is_token(access_key_id)
            && access_key_id.len() <= MAX_ACCESS_KEY_ID_LEN
            && date.len() == 8
            && date.bytes().all(|b| b.is_ascii_digit())
            && is_token(region)
            && is_token(service);
        valid.then_some(SigV4Credential {
            access_key_id,
            date,
            region,
            service,
        })
    }

    /// The access key id that signed, e.g. `AKIAIOSFODNN7EXAMPLE`.
    #[must_use]
    pub fn access_key_id(&self) -> &'a str {
        self.access_key_id
    }

    /// The date of the credential scope, `YYYYMMDD`.
    #[must_use]
    pub fn date(&self) -> &'a str {
        self.date
    }

    /// The region the request was signed for, e.g. `us-west-2`.
    #[must_use]
    pub fn region(&self) -> &'a str {
        self.region
    }

    /// The signing name of the service, e.g. `states`.
    #[must_use]
    pub fn service(&self) -> &'a str {
        self.service
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const CREDENTIAL: &str = "Credential=AKIDEXAMPLE/20240101/us-west-2/states/aws4_request";
    const SIGNED: &str = "SignedHeaders=content-type;host;x-amz-date;x-amz-target";
    const SIGNATURE: &str = "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    fn parse(header: &str) -> Option<(&str, &str, &str, &str)> {
        SigV4Credential::from_authorization(header.as_bytes())
            .map(|c| (c.access_key_id(), c.date(), c.region(), c.service()))
    }

    const EXPECTED: Option<(&str, &str, &str, &str)> = Some(("AKIDEXAMPLE", "20240101", "us-west-2", "states"));

    #[test]
    fn reads_what_botocore_and_the_other_sdks_send() {
        // botocore: ", " between the parameters.
        assert_eq!(
            parse(&format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNED}, {SIGNATURE}")),
            EXPECTED
        );
        // The Java and Go SDKs, and AWS's S3 examples: "," alone.
        assert_eq!(
            parse(&format!("AWS4-HMAC-SHA256 {CREDENTIAL},{SIGNED},{SIGNATURE}")),
            EXPECTED
        );
    }

    #[test]
    fn tolerates_spacing_and_order() {
        for header in [
            format!("AWS4-HMAC-SHA256   {CREDENTIAL} ,\t{SIGNED} ,  {SIGNATURE}  "),
            format!("  AWS4-HMAC-SHA256\t{CREDENTIAL},{SIGNED},{SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {SIGNATURE}, {SIGNED}, {CREDENTIAL}"),
            format!("AWS4-HMAC-SHA256 {SIGNED}, {CREDENTIAL}, {SIGNATURE}"),
            format!(
                "AWS4-HMAC-SHA256 Credential = AKIDEXAMPLE/20240101/us-west-2/states/aws4_request , {SIGNED}, {SIGNATURE}"
            ),
            // Parameters AWS may add one day are ignored.
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNED}, Extra=1, {SIGNATURE}"),
        ] {
            assert_eq!(parse(&header), EXPECTED, "{header:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_sigv4_credential() {
        let good_credential = "AKIDEXAMPLE/20240101/us-west-2/states/aws4_request";
        let refused = [
            String::new(),
            " ".to_owned(),
            "AWS4-HMAC-SHA256".to_owned(),
            "AWS4-HMAC-SHA256 ".to_owned(),
            "Bearer abc".to_owned(),
            // SigV2, SigV4a, the algorithm in another case, no space after it.
            "AWS AKIDEXAMPLE:signature".to_owned(),
            format!(
                "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20240101/states/aws4_request, {SIGNED}, {SIGNATURE}"
            ),
            format!("aws4-hmac-sha256 {CREDENTIAL}, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256{CREDENTIAL}, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256X {CREDENTIAL}, {SIGNED}, {SIGNATURE}"),
            // A parameter missing, empty, repeated, or not key=value.
            format!("AWS4-HMAC-SHA256 {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNED}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, SignedHeaders=, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNED}, Signature="),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {CREDENTIAL}, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNED}, {SIGNATURE}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL}, {SIGNED}, {SIGNATURE},"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL},, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 {CREDENTIAL} {SIGNED} {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 credential={good_credential}, {SIGNED}, {SIGNATURE}"),
            // Credentials that are not five parts of the right form.
            format!("AWS4-HMAC-SHA256 Credential=, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-west-2/states, {SIGNED}, {SIGNATURE}"),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-west-2/states/aws4_request/x, {SIGNED}, {SIGNATURE}"
            ),
            format!("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-west-2/states/aws4, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 Credential=/20240101/us-west-2/states/aws4_request, {SIGNED}, {SIGNATURE}"),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2024011/us-west-2/states/aws4_request, {SIGNED}, {SIGNATURE}"
            ),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2024O101/us-west-2/states/aws4_request, {SIGNED}, {SIGNATURE}"
            ),
            format!("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101//states/aws4_request, {SIGNED}, {SIGNATURE}"),
            format!("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-west-2//aws4_request, {SIGNED}, {SIGNATURE}"),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKID EXAMPLE/20240101/us-west-2/states/aws4_request, {SIGNED}, {SIGNATURE}"
            ),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us wést/states/aws4_request, {SIGNED}, {SIGNATURE}"
            ),
            format!(
                "AWS4-HMAC-SHA256 Credential={}/20240101/us-west-2/states/aws4_request, {SIGNED}, {SIGNATURE}",
                "A".repeat(129)
            ),
        ];
        for header in refused {
            assert_eq!(parse(&header), None, "{header:?}");
        }
        assert_eq!(SigV4Credential::from_authorization(b"AWS4-HMAC-SHA256 \xff\xfe"), None);
    }

    #[test]
    fn access_key_ids_up_to_128_characters() {
        let key = "A".repeat(128);
        let header =
            format!("AWS4-HMAC-SHA256 Credential={key}/20240101/eu-west-1/states/aws4_request, {SIGNED}, {SIGNATURE}");
        assert_eq!(parse(&header).map(|c| c.0), Some(key.as_str()));
    }

    proptest! {
        #[test]
        fn never_panics_on_any_bytes(header in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Some(credential) = SigV4Credential::from_authorization(&header) {
                prop_assert!(is_token(credential.region()) && is_token(credential.access_key_id()));
            }
        }

        #[test]
        fn never_panics_on_header_like_strings(
            header in "(AWS4-HMAC-SHA256)?[ \t]{0,2}((Credential|SignedHeaders|Signature|X)[ ]?=[ ]?[A-Za-z0-9/_;.-]{0,40}[ ]?,?[ ]?){0,4}"
        ) {
            if let Some(credential) = SigV4Credential::from_authorization(header.as_bytes()) {
                prop_assert!(header.contains(credential.region()));
                prop_assert_eq!(credential.date().len(), 8);
            }
        }

        #[test]
        fn reads_every_well_formed_header(
            key in "[A-Z0-9]{1,128}",
            date in "[0-9]{8}",
            region in "[a-z]{2}(-[a-z]{1,9}){1,2}-[0-9]{1,2}",
            service in "[a-z0-9-]{1,20}",
            order in 0..6usize,
            separator in "[ \t]{0,2},[ \t]{0,2}",
        ) {
            let credential = format!("Credential={key}/{date}/{region}/{service}/aws4_request");
            let mut parameters = [credential.as_str(), SIGNED, SIGNATURE];
            parameters.rotate_left(order % 3);
            if order >= 3 {
                parameters.swap(0, 1);
            }
            let header = format!("AWS4-HMAC-SHA256 {}", parameters.join(&separator));
            let parsed = SigV4Credential::from_authorization(header.as_bytes());
            prop_assert_eq!(
                parsed.map(|c| (c.access_key_id(), c.date(), c.region(), c.service())),
                Some((key.as_str(), date.as_str(), region.as_str(), service.as_str()))
            );
        }
    }
}
