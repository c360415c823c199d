//! Step Functions ARNs: typed values for every form the API uses, parsed and printed.
//! See [`Arn`] for the forms.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::name::{AliasName, ArnId, ExecutionName, MapRunLabel, StateMachineName, VersionNumber};

/// The text of an ARN (or of a name), shared by every copy: a clone costs a reference count,
/// so the registry hands out ARNs without copying them.
pub(crate) type Text = Arc<str>;

/// `parts` end to end as one [`Text`], in one allocation.
pub(crate) fn concat(parts: &[&str]) -> Text {
    let len = parts.iter().map(|p| p.len()).sum::<usize>();
    let mut buf = [0u8; 384];
    if let Some(out) = buf.get_mut(..len) {
        let mut at = 0;
        for part in parts {
            out[at..at + part.len()].copy_from_slice(part.as_bytes());
            at += part.len();
        }
        // Whole `str`s end to end are UTF-8: this never fails.
        if let Ok(text) = std::str::from_utf8(out) {
            return Arc::from(text);
        }
    }
    Arc::from(parts.concat())
}

/// `n` in decimal, in `buf`.
pub(crate) fn decimal(n: u32, buf: &mut [u8; 10]) -> &str {
    let mut at = buf.len();
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// The longest string the parser looks at; longer input is refused unread.
const MAX_ARN_LEN: usize = 2048;

/// Why a string is not a Step Functions ARN of the expected form.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ArnError {
    input: String,
    kind: ArnErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ArnErrorKind {
    TooLong,
    Prefix,
    Format,
    Partition,
    Service,
    Region,
    Account,
    ResourceType(String),
    Resource,
    WrongKind {
        expected: &'static str,
        found: &'static str,
    },
}

impl fmt::Display for ArnErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArnErrorKind::TooLong => write!(f, "ARN is longer than {MAX_ARN_LEN} bytes"),
            ArnErrorKind::Prefix => f.write_str("ARN does not start with `arn:`"),
            ArnErrorKind::Format => f.write_str("ARN is missing a component"),
            ArnErrorKind::Partition => f.write_str("invalid partition in ARN"),
            ArnErrorKind::Service => f.write_str("ARN is not a Step Functions (`states`) ARN"),
            ArnErrorKind::Region => f.write_str("invalid region in ARN"),
            ArnErrorKind::Account => f.write_str("invalid account id in ARN (expected 12 digits)"),
            ArnErrorKind::ResourceType(t) => write!(f, "unknown resource type {t:?} in ARN"),
            ArnErrorKind::Resource => f.write_str("invalid resource name or qualifier in ARN"),
            ArnErrorKind::WrongKind { expected, found } => {
                write!(f, "expected a {expected} ARN, found a {found} ARN")
            }
        }
    }
}

impl fmt::Debug for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArnError")
            .field("input", &self.input)
            .field("kind", &self.kind)
            .finish()
    }
}

impl ArnError {
    fn new(input: &str, kind: ArnErrorKind) -> Self {
        ArnError {
            input: input.to_owned(),
            kind,
        }
    }

    /// The string that failed to parse.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The text AWS puts inside `Invalid Arn: '…'`.
    ///
    /// Only `Invalid ARN prefix: <input>` and `Resource type not valid in this context: <type>`
    /// were observed on the real service; the other texts are this crate's, in the same style.
    #[must_use]
    pub fn aws_detail(&self) -> String {
        let input = &self.input;
        match &self.kind {
            ArnErrorKind::Prefix => format!("Invalid ARN prefix: {input}"),
            ArnErrorKind::TooLong | ArnErrorKind::Format => format!("Invalid ARN format: {input}"),
            ArnErrorKind::Partition => format!("Invalid ARN partition: {input}"),
            ArnErrorKind::Service => format!("Invalid ARN service: {input}"),
            ArnErrorKind::Region => format!("Invalid ARN region: {input}"),
            ArnErrorKind::Account => format!("Invalid ARN account id: {input}"),
            ArnErrorKind::ResourceType(t) => format!("Resource type not valid in this context: {t}"),
            ArnErrorKind::Resource => format!("Invalid ARN resource: {input}"),
            ArnErrorKind::WrongKind { found, .. } => format!("Resource type not valid in this context: {found}"),
        }
    }
}

impl From<ArnError> for crate::Error {
    fn from(e: ArnError) -> Self {
        crate::Error::invalid_arn(e.aws_detail())
    }
}

fn is_partition_or_region(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The partition, region and account an ARN belongs to: the `aws`, `us-east-1` and
/// `123456789012` of `arn:aws:states:us-east-1:123456789012:…`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArnScope {
    partition: String,
    region: String,
    account_id: String,
}

impl ArnScope {
    /// Validates the three parts: partition and region are lowercase letters, digits and `-`;
    /// the account id is 12 digits.
    ///
    /// # Errors
    ///
    /// An [`ArnError`] naming the part that is not valid.
    pub fn new(
        partition: impl Into<String>,
        region: impl Into<String>,
        account_id: impl Into<String>,
    ) -> Result<Self, ArnError> {
        let (partition, region, account_id) = (partition.into(), region.into(), account_id.into());
        if !is_partition_or_region(&partition) {
            return Err(ArnError::new(&partition, ArnErrorKind::Partition));
        }
        if !is_partition_or_region(&region) {
            return Err(ArnError::new(&region, ArnErrorKind::Region));
        }
        if !is_account_id(&account_id) {
            return Err(ArnError::new(&account_id, ArnErrorKind::Account));
        }
        Ok(ArnScope {
            partition,
            region,
            account_id,
        })
    }

    /// The partition, e.g. `aws`.
    #[must_use]
    pub fn partition(&self) -> &str {
        &self.partition
    }

    /// The region, e.g. `us-east-1`.
    #[must_use]
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The 12-digit account id.
    #[must_use]
    pub fn account_id(&self) -> &str {
        &self.account_id
    }
}

impl Default for ArnScope {
    /// `aws`, `us-east-1`, `123456789012`.
    fn default() -> Self {
        ArnScope {
            partition: "aws".into(),
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
        }
    }
}

/// Offsets of the fixed head `arn:<partition>:states:<region>:<account>:<type>:`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Head {
    partition_end: u16,
    region_end: u16,
    account_end: u16,
    /// Where the resource part (after `<type>:`) starts.
    resource_start: u16,
}

impl Head {
    /// The head of an ARN of `scope` whose resource type is `resource_type`.
    fn of(scope: &ArnScope, resource_type: &str) -> Head {
        let partition_end = 4 + scope.partition.len();
        let region_end = partition_end + ":states:".len() + scope.region.len();
        let account_end = region_end + 1 + scope.account_id.len();
        Head {
            partition_end: to_u16(partition_end),
            region_end: to_u16(region_end),
            account_end: to_u16(account_end),
            resource_start: to_u16(account_end + 1 + resource_type.len() + 1),
        }
    }

    /// Where `<type>` starts.
    fn type_start(self) -> usize {
        usize::from(self.account_end) + 1
    }

    /// The head of an ARN of the same scope whose resource type is `resource_type`.
    fn with_type(self, resource_type: &str) -> Head {
        Head {
            resource_start: to_u16(self.type_start() + resource_type.len() + 1),
            ..self
        }
    }

    fn partition<'a>(&self, text: &'a str) -> &'a str {
        &text[4..usize::from(self.partition_end)]
    }

    fn region<'a>(&self, text: &'a str) -> &'a str {
        &text[usize::from(self.partition_end) + ":states:".len()..usize::from(self.region_end)]
    }

    fn account_id<'a>(&self, text: &'a str) -> &'a str {
        &text[usize::from(self.region_end) + 1..usize::from(self.account_end)]
    }

    fn resource<'a>(&self, text: &'a str) -> &'a str {
        &text[usize::from(self.resource_start)..]
    }

    fn scope(&self, text: &str) -> ArnScope {
        ArnScope {
            partition: self.partition(text).to_owned(),
            region: self.region(text).to_owned(),
            account_id: self.account_id(text).to_owned(),
        }
    }

    fn is_in(&self, text: &str, scope: &ArnScope) -> bool {
        self.partition(text) == scope.partition
            && self.region(text) == scope.region
            && self.account_id(text) == scope.account_id
    }

    fn debug(&self, f: &mut fmt::DebugStruct<'_, '_>, text: &str) {
        f.field("partition", &self.partition(text))
            .field("region", &self.region(text))
            .field("account_id", &self.account_id(text));
    }
}

/// ARN lengths are bounded by [`MAX_ARN_LEN`], and names by 80, so offsets fit in a `u16`.
fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Splits `arn:<partition>:states:<region>:<account>:<type>:<resource>` and checks the head.
fn parse_head(input: &str) -> Result<(Head, &str), ArnError> {
    let err = |kind| ArnError::new(input, kind);
    let rest = input.strip_prefix("arn:").ok_or_else(|| err(ArnErrorKind::Prefix))?;
    if input.len() > MAX_ARN_LEN {
        return Err(err(ArnErrorKind::TooLong));
    }
    let parts = rest.split_once(':').and_then(|(partition, rest)| {
        let (service, rest) = rest.split_once(':')?;
        let (region, rest) = rest.split_once(':')?;
        let (account, resource) = rest.split_once(':')?;
        Some((partition, service, region, account, resource))
    });
    let Some((partition, service, region, account, resource)) = parts else {
        return Err(err(ArnErrorKind::Format));
    };
    if !is_partition_or_region(partition) {
        return Err(err(ArnErrorKind::Partition));
    }
    if service != "states" {
        return Err(err(ArnErrorKind::Service));
    }
    if !is_partition_or_region(region) {
        return Err(err(ArnErrorKind::Region));
    }
    if !is_account_id(account) {
        return Err(err(ArnErrorKind::Account));
    }
    let Some((resource_type, _)) = resource.split_once(':') else {
        return Err(err(ArnErrorKind::Format));
    };
    let partition_end = 4 + partition.len();
    let region_end = partition_end + ":states:".len() + region.len();
    let account_end = region_end + 1 + account.len();
    let head = Head {
        partition_end: to_u16(partition_end),
        region_end: to_u16(region_end),
        account_end: to_u16(account_end),
        resource_start: to_u16(account_end + 1 + resource_type.len() + 1),
    };
    Ok((head, resource_type))
}

/// The version number that `digits` spell: from 1, without leading zeros, within `u32`, as
/// `VersionNumber`'s `FromStr` reads it, in one pass.
fn version_number(digits: &str) -> Option<VersionNumber> {
    if digits.starts_with('0') {
        return None;
    }
    let mut n: u32 = 0;
    for b in digits.bytes() {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        n = n.checked_mul(10)?.checked_add(u32::from(digit))?;
    }
    VersionNumber::new(n)
}

/// The form of a parsed ARN, with the offsets of the parts after the state machine name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `…:stateMachine:<name>`
    StateMachine,
    /// `…:stateMachine:<name>:<version>`
    Version(VersionNumber),
    /// `…:stateMachine:<name>:<alias>`
    Alias,
    /// `…:stateMachine:<name>/<label>`
    Label,
    /// `…:execution:<stateMachineName>:<executionName>`
    Execution,
    /// `…:express:<stateMachineName>:<executionName>:<id>`
    Express { execution_end: u16 },
    /// `…:mapRun:<stateMachineName>/<label>:<id>`
    MapRun { label_end: u16 },
    /// `…:activity:<name>`
    Activity,
}

/// An ARN read in place: its form and the offsets of its parts over the borrowed text. The
/// typed ARNs are made from it by copying the text once; the registry looks things up with it
/// and copies nothing.
#[derive(Clone, Copy)]
pub(crate) struct ArnRef<'a> {
    text: &'a str,
    head: Head,
    /// Where the state machine name (an activity's name) ends.
    name_end: u16,
    form: Form,
}

impl<'a> ArnRef<'a> {
    /// Parses any Step Functions ARN form.
    pub(crate) fn parse(input: &'a str) -> Result<Self, ArnError> {
        let (head, resource_type) = parse_head(input)?;
        let resource = head.resource(input);
        let bad = || ArnError::new(input, ArnErrorKind::Resource);
        let offset = |part: &str| to_u16(usize::from(head.resource_start) + part.len());
        let arn = |name_end, form| ArnRef {
            text: input,
            head,
            name_end,
            form,
        };
        match resource_type {
            "stateMachine" => {
                if let Some((name, label)) = resource.split_once('/') {
                    StateMachineName::check(name).map_err(|_| bad())?;
                    MapRunLabel::check(label).map_err(|_| bad())?;
                    return Ok(arn(offset(name), Form::Label));
                }
                let Some((name, qualifier)) = resource.split_once(':') else {
                    StateMachineName::check(resource).map_err(|_| bad())?;
                    return Ok(arn(offset(resource), Form::StateMachine));
                };
                StateMachineName::check(name).map_err(|_| bad())?;
                if qualifier.bytes().all(|b| b.is_ascii_digit()) {
                    let version = version_number(qualifier).ok_or_else(bad)?;
                    Ok(arn(offset(name), Form::Version(version)))
                } else {
                    AliasName::check(qualifier).map_err(|_| bad())?;
                    Ok(arn(offset(name), Form::Alias))
                }
            }
            "execution" => {
                let (sm, execution) = resource.split_once(':').ok_or_else(bad)?;
                StateMachineName::check(sm).map_err(|_| bad())?;
                ExecutionName::check(execution).map_err(|_| bad())?;
                Ok(arn(offset(sm), Form::Execution))
            }
            "express" => {
                let (sm, rest) = resource.split_once(':').ok_or_else(bad)?;
                let (execution, id) = rest.split_once(':').ok_or_else(bad)?;
                StateMachineName::check(sm).map_err(|_| bad())?;
                ExecutionName::check(execution).map_err(|_| bad())?;
                ArnId::check(id).map_err(|_| bad())?;
                let name_end = offset(sm);
                let execution_end = to_u16(usize::from(name_end) + 1 + execution.len());
                Ok(arn(name_end, Form::Express { execution_end }))
            }
            "mapRun" => {
                let (sm, rest) = resource.split_once('/').ok_or_else(bad)?;
                let (label, id) = rest.split_once(':').ok_or_else(bad)?;
                StateMachineName::check(sm).map_err(|_| bad())?;
                MapRunLabel::check(label).map_err(|_| bad())?;
                ArnId::check(id).map_err(|_| bad())?;
                let name_end = offset(sm);
                let label_end = to_u16(usize::from(name_end) + 1 + label.len());
                Ok(arn(name_end, Form::MapRun { label_end }))
            }
            "activity" => {
                StateMachineName::check(resource).map_err(|_| bad())?;
                Ok(arn(offset(resource), Form::Activity))
            }
            other => Err(ArnError::new(input, ArnErrorKind::ResourceType(other.to_owned()))),
        }
    }

    /// Parses a state machine ARN of any of the four forms ([`StateMachineRef::parse`]).
    pub(crate) fn state_machine(input: &'a str) -> Result<Self, ArnError> {
        let arn = ArnRef::parse(input)?;
        match arn.form {
            Form::StateMachine | Form::Version(_) | Form::Alias | Form::Label => Ok(arn),
            _ => Err(arn.wrong_kind("state machine")),
        }
    }

    fn wrong_kind(&self, expected: &'static str) -> ArnError {
        ArnError::new(
            self.text,
            ArnErrorKind::WrongKind {
                expected,
                found: self.kind(),
            },
        )
    }

    fn kind(&self) -> &'static str {
        match self.form {
            Form::StateMachine => "stateMachine",
            Form::Version(_) => "stateMachine version",
            Form::Alias => "stateMachine alias",
            Form::Label => "stateMachine label",
            Form::Execution => "execution",
            Form::Express { .. } => "express",
            Form::MapRun { .. } => "mapRun",
            Form::Activity => "activity",
        }
    }

    /// The form, with the version number of a version ARN.
    pub(crate) fn form(&self) -> Form {
        self.form
    }

    /// The ARN text.
    pub(crate) fn as_str(&self) -> &'a str {
        self.text
    }

    /// `true` if the ARN belongs to `scope`.
    pub(crate) fn is_in(&self, scope: &ArnScope) -> bool {
        self.head.is_in(self.text, scope)
    }

    /// The state machine name (an activity's name).
    pub(crate) fn state_machine_name(&self) -> &'a str {
        &self.text[usize::from(self.head.resource_start)..usize::from(self.name_end)]
    }

    /// What follows the state machine name and its separator: an alias name, a label, or an
    /// execution name (with an express execution's id).
    pub(crate) fn qualifier(&self) -> &'a str {
        self.text.get(usize::from(self.name_end) + 1..).unwrap_or_default()
    }

    /// The execution name of an execution ARN.
    pub(crate) fn execution_name(&self) -> &'a str {
        match self.form {
            Form::Express { execution_end } => &self.text[usize::from(self.name_end) + 1..usize::from(execution_end)],
            _ => self.qualifier(),
        }
    }

    /// The typed ARN, owning a copy of the text.
    pub(crate) fn to_arn(self) -> Arn {
        let (text, head, name_end): (Text, _, _) = (Arc::from(self.text), self.head, self.name_end);
        match self.form {
            Form::StateMachine => Arn::StateMachine(StateMachineArn { text, head }),
            Form::Version(version) => Arn::StateMachineVersion(StateMachineVersionArn {
                text,
                head,
                name_end,
                version,
            }),
            Form::Alias => Arn::StateMachineAlias(StateMachineAliasArn { text, head, name_end }),
            Form::Label => Arn::StateMachineLabel(StateMachineLabelArn { text, head, name_end }),
            Form::Execution => Arn::Execution(ExecutionArn { text, head, name_end }),
            Form::Express { execution_end } => Arn::ExpressExecution(ExpressExecutionArn {
                text,
                head,
                name_end,
                execution_end,
            }),
            Form::MapRun { label_end } => Arn::MapRun(MapRunArn {
                text,
                head,
                name_end,
                label_end,
            }),
            Form::Activity => Arn::Activity(ActivityArn { text, head }),
        }
    }
}

/// Parses any Step Functions ARN form.
fn parse_any(input: &str) -> Result<Arn, ArnError> {
    ArnRef::parse(input).map(ArnRef::to_arn)
}

/// The common trait impls of every ARN type: text identity, serde as a string, parsing.
macro_rules! arn_common {
    ($ty:ident, $kind:literal, $variant:ident) => {
        impl $ty {
            /// The ARN text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// The ARN text, owned.
            #[must_use]
            pub fn into_string(self) -> String {
                String::from(&*self.text)
            }

            /// The partition, e.g. `aws`.
            #[must_use]
            pub fn partition(&self) -> &str {
                self.head.partition(&self.text)
            }

            /// The region, e.g. `us-east-1`.
            #[must_use]
            pub fn region(&self) -> &str {
                self.head.region(&self.text)
            }

            /// The 12-digit account id.
            #[must_use]
            pub fn account_id(&self) -> &str {
                self.head.account_id(&self.text)
            }

            /// The partition, region and account of this ARN.
            #[must_use]
            pub fn scope(&self) -> ArnScope {
                self.head.scope(&self.text)
            }

            /// `true` if this ARN belongs to `scope` (same partition, region and account).
            #[must_use]
            pub fn is_in(&self, scope: &ArnScope) -> bool {
                self.head.is_in(&self.text, scope)
            }

            /// Parses `s`.
            ///
            /// # Errors
            ///
            /// An [`ArnError`] if `s` is not a Step Functions ARN, or an ARN of another form.
            pub fn parse(s: &str) -> Result<Self, ArnError> {
                match parse_any(s)? {
                    Arn::$variant(arn) => Ok(arn),
                    other => Err(ArnError::new(
                        s,
                        ArnErrorKind::WrongKind {
                            expected: $kind,
                            found: other.kind(),
                        },
                    )),
                }
            }
        }

        impl FromStr for $ty {
            type Err = ArnError;

            fn from_str(s: &str) -> Result<Self, ArnError> {
                $ty::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = ArnError;

            fn try_from(s: &str) -> Result<Self, ArnError> {
                $ty::parse(s)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = ArnError;

            fn try_from(s: String) -> Result<Self, ArnError> {
                $ty::parse(&s)
            }
        }

        impl From<$ty> for String {
            fn from(arn: $ty) -> String {
                String::from(&*arn.text)
            }
        }

        impl From<&$ty> for String {
            fn from(arn: &$ty) -> String {
                String::from(&*arn.text)
            }
        }

        impl From<$ty> for Arn {
            fn from(arn: $ty) -> Arn {
                Arn::$variant(arn)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.text
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.text == other.text
            }
        }

        impl Eq for $ty {}

        impl std::hash::Hash for $ty {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.text.hash(state);
            }
        }

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.text.cmp(&other.text)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                $ty::parse(&s).map_err(|e| serde::de::Error::custom(format_args!("{e}: {s:?}")))
            }
        }
    };
}

/// An unqualified state machine ARN: `arn:<partition>:states:<region>:<account>:stateMachine:<name>`.
#[derive(Clone)]
pub struct StateMachineArn {
    text: Text,
    head: Head,
}

arn_common!(StateMachineArn, "state machine", StateMachine);

impl StateMachineArn {
    /// The ARN of state machine `name` in `scope`.
    #[must_use]
    pub fn new(scope: &ArnScope, name: &StateMachineName) -> Self {
        let text = concat(&[
            "arn:",
            &scope.partition,
            ":states:",
            &scope.region,
            ":",
            &scope.account_id,
            ":stateMachine:",
            name.as_str(),
        ]);
        StateMachineArn {
            text,
            head: Head::of(scope, "stateMachine"),
        }
    }

    /// The state machine name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.head.resource(&self.text)
    }

    /// The ARN of version `version` of this state machine (`…:<version>`).
    #[must_use]
    pub fn version(&self, version: VersionNumber) -> StateMachineVersionArn {
        let mut digits = [0; 10];
        StateMachineVersionArn {
            text: concat(&[&self.text, ":", decimal(version.get(), &mut digits)]),
            head: self.head,
            name_end: to_u16(self.text.len()),
            version,
        }
    }

    /// The ARN of alias `alias` of this state machine (`…:<alias>`).
    #[must_use]
    pub fn alias(&self, alias: &AliasName) -> StateMachineAliasArn {
        StateMachineAliasArn {
            text: concat(&[&self.text, ":", alias.as_str()]),
            head: self.head,
            name_end: to_u16(self.text.len()),
        }
    }

    /// The ARN of the Distributed Map state labelled `label` in this state machine (`…/<label>`).
    #[must_use]
    pub fn label(&self, label: &MapRunLabel) -> StateMachineLabelArn {
        StateMachineLabelArn {
            text: concat(&[&self.text, "/", label.as_str()]),
            head: self.head,
            name_end: to_u16(self.text.len()),
        }
    }

    /// The ARN of a standard execution named `name` of this state machine.
    #[must_use]
    pub fn execution(&self, name: &ExecutionName) -> ExecutionArn {
        self.execution_named(name.as_str())
    }

    /// [`StateMachineArn::execution`] for a name already checked.
    pub(crate) fn execution_named(&self, name: &str) -> ExecutionArn {
        let head = self.head.with_type("execution");
        let state_machine = self.name();
        let prefix = &self.text[..self.head.type_start()];
        ExecutionArn {
            text: concat(&[prefix, "execution:", state_machine, ":", name]),
            head,
            name_end: to_u16(usize::from(head.resource_start) + state_machine.len()),
        }
    }

    /// The ARN of an express execution named `name`, with the trailing id `id`.
    #[must_use]
    pub fn express_execution(&self, name: &ExecutionName, id: &ArnId) -> ExpressExecutionArn {
        self.express_execution_named(name.as_str(), id.as_str())
    }

    /// [`StateMachineArn::express_execution`] for a name and an id already checked.
    pub(crate) fn express_execution_named(&self, name: &str, id: &str) -> ExpressExecutionArn {
        let head = self.head.with_type("express");
        let state_machine = self.name();
        let prefix = &self.text[..self.head.type_start()];
        let name_end = usize::from(head.resource_start) + state_machine.len();
        ExpressExecutionArn {
            text: concat(&[prefix, "express:", state_machine, ":", name, ":", id]),
            head,
            name_end: to_u16(name_end),
            execution_end: to_u16(name_end + 1 + name.len()),
        }
    }
}

impl fmt::Debug for StateMachineArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("StateMachineArn");
        self.head.debug(&mut d, &self.text);
        d.field("name", &self.name()).finish()
    }
}

/// A state machine ARN qualified with a part after its name (version, alias or label).
macro_rules! qualified_common {
    ($ty:ident) => {
        impl $ty {
            /// The state machine name.
            #[must_use]
            pub fn state_machine_name(&self) -> &str {
                &self.text[usize::from(self.head.resource_start)..usize::from(self.name_end)]
            }

            /// The unqualified ARN of the state machine.
            #[must_use]
            pub fn state_machine_arn(&self) -> StateMachineArn {
                StateMachineArn {
                    text: Arc::from(&self.text[..usize::from(self.name_end)]),
                    head: self.head,
                }
            }
        }
    };
}

/// A state machine version ARN: `…:stateMachine:<name>:<version>`.
#[derive(Clone)]
pub struct StateMachineVersionArn {
    text: Text,
    head: Head,
    name_end: u16,
    version: VersionNumber,
}

arn_common!(StateMachineVersionArn, "state machine version", StateMachineVersion);
qualified_common!(StateMachineVersionArn);

impl StateMachineVersionArn {
    /// The version number.
    #[must_use]
    pub fn version(&self) -> VersionNumber {
        self.version
    }
}

impl fmt::Debug for StateMachineVersionArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("StateMachineVersionArn");
        self.head.debug(&mut d, &self.text);
        d.field("name", &self.state_machine_name())
            .field("version", &self.version.get())
            .finish()
    }
}

/// A state machine alias ARN: `…:stateMachine:<name>:<alias>`.
#[derive(Clone)]
pub struct StateMachineAliasArn {
    text: Text,
    head: Head,
    name_end: u16,
}

arn_common!(StateMachineAliasArn, "state machine alias", StateMachineAlias);
qualified_common!(StateMachineAliasArn);

impl StateMachineAliasArn {
    /// The alias name.
    #[must_use]
    pub fn alias_name(&self) -> &str {
        &self.text[usize::from(self.name_end) + 1..]
    }

    /// The alias name, sharing the ARN's text.
    pub(crate) fn shared_alias_name(&self) -> AliasName {
        AliasName::within(&self.text, usize::from(self.name_end) + 1, self.text.len())
    }
}

impl fmt::Debug for StateMachineAliasArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("StateMachineAliasArn");
        self.head.debug(&mut d, &self.text);
        d.field("name", &self.state_machine_name())
            .field("alias", &self.alias_name())
            .finish()
    }
}

/// A Distributed Map state ARN: `…:stateMachine:<name>/<label>`.
#[derive(Clone)]
pub struct StateMachineLabelArn {
    text: Text,
    head: Head,
    name_end: u16,
}

arn_common!(StateMachineLabelArn, "Distributed Map label", StateMachineLabel);
qualified_common!(StateMachineLabelArn);

impl StateMachineLabelArn {
    /// The Distributed Map state's label.
    #[must_use]
    pub fn label(&self) -> &str {
        &self.text[usize::from(self.name_end) + 1..]
    }
}

impl fmt::Debug for StateMachineLabelArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("StateMachineLabelArn");
        self.head.debug(&mut d, &self.text);
        d.field("name", &self.state_machine_name())
            .field("label", &self.label())
            .finish()
    }
}

/// A standard execution ARN: `…:execution:<stateMachineName>:<executionName>`.
///
/// The ARN is the same whether the execution was started through the unqualified state
/// machine ARN, a version, or an alias.
#[derive(Clone)]
pub struct ExecutionArn {
    text: Text,
    head: Head,
    name_end: u16,
}

arn_common!(ExecutionArn, "execution", Execution);

impl ExecutionArn {
    /// The state machine name.
    #[must_use]
    pub fn state_machine_name(&self) -> &str {
        &self.text[usize::from(self.head.resource_start)..usize::from(self.name_end)]
    }

    /// The execution name.
    #[must_use]
    pub fn execution_name(&self) -> &str {
        &self.text[usize::from(self.name_end) + 1..]
    }

    /// The execution name, sharing the ARN's text.
    pub(crate) fn shared_execution_name(&self) -> ExecutionName {
        ExecutionName::within(&self.text, usize::from(self.name_end) + 1, self.text.len())
    }

    /// The unqualified ARN of the state machine.
    #[must_use]
    pub fn state_machine_arn(&self) -> StateMachineArn {
        state_machine_arn_of(&self.text, self.head, self.state_machine_name())
    }
}

fn state_machine_arn_of(text: &str, head: Head, name: &str) -> StateMachineArn {
    StateMachineArn {
        text: concat(&[&text[..head.type_start()], "stateMachine:", name]),
        head: head.with_type("stateMachine"),
    }
}

impl fmt::Debug for ExecutionArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ExecutionArn");
        self.head.debug(&mut d, &self.text);
        d.field("state_machine", &self.state_machine_name())
            .field("name", &self.execution_name())
            .finish()
    }
}

/// An express execution ARN: `…:express:<stateMachineName>:<executionName>:<id>`.
#[derive(Clone)]
pub struct ExpressExecutionArn {
    text: Text,
    head: Head,
    name_end: u16,
    execution_end: u16,
}

arn_common!(ExpressExecutionArn, "express execution", ExpressExecution);

impl ExpressExecutionArn {
    /// The state machine name.
    #[must_use]
    pub fn state_machine_name(&self) -> &str {
        &self.text[usize::from(self.head.resource_start)..usize::from(self.name_end)]
    }

    /// The execution name.
    #[must_use]
    pub fn execution_name(&self) -> &str {
        &self.text[usize::from(self.name_end) + 1..usize::from(self.execution_end)]
    }

    /// The execution name, sharing the ARN's text.
    pub(crate) fn shared_execution_name(&self) -> ExecutionName {
        ExecutionName::within(
            &self.text,
            usize::from(self.name_end) + 1,
            usize::from(self.execution_end),
        )
    }

    /// The trailing id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.text[usize::from(self.execution_end) + 1..]
    }

    /// The unqualified ARN of the state machine.
    #[must_use]
    pub fn state_machine_arn(&self) -> StateMachineArn {
        state_machine_arn_of(&self.text, self.head, self.state_machine_name())
    }
}

impl fmt::Debug for ExpressExecutionArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ExpressExecutionArn");
        self.head.debug(&mut d, &self.text);
        d.field("state_machine", &self.state_machine_name())
            .field("name", &self.execution_name())
            .field("id", &self.id())
            .finish()
    }
}

/// A Map Run ARN: `…:mapRun:<stateMachineName>/<label>:<id>`.
#[derive(Clone)]
pub struct MapRunArn {
    text: Text,
    head: Head,
    name_end: u16,
    label_end: u16,
}

arn_common!(MapRunArn, "map run", MapRun);

impl MapRunArn {
    /// The state machine name.
    #[must_use]
    pub fn state_machine_name(&self) -> &str {
        &self.text[usize::from(self.head.resource_start)..usize::from(self.name_end)]
    }

    /// The Distributed Map state's label.
    #[must_use]
    pub fn label(&self) -> &str {
        &self.text[usize::from(self.name_end) + 1..usize::from(self.label_end)]
    }

    /// The trailing id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.text[usize::from(self.label_end) + 1..]
    }
}

impl fmt::Debug for MapRunArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("MapRunArn");
        self.head.debug(&mut d, &self.text);
        d.field("state_machine", &self.state_machine_name())
            .field("label", &self.label())
            .field("id", &self.id())
            .finish()
    }
}

/// An activity ARN: `…:activity:<name>`. The registry models no activities; the type exists so
/// that tagging calls on an activity get AWS's not-found answer rather than `InvalidArn`.
#[derive(Clone)]
pub struct ActivityArn {
    text: Text,
    head: Head,
}

arn_common!(ActivityArn, "activity", Activity);

impl ActivityArn {
    /// The activity name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.head.resource(&self.text)
    }
}

impl fmt::Debug for ActivityArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ActivityArn");
        self.head.debug(&mut d, &self.text);
        d.field("name", &self.name()).finish()
    }
}

/// Any Step Functions ARN: typed values for every form the API uses, parsed and printed.
///
/// | form | example resource part |
/// |---|---|
/// | [`StateMachineArn`] (unqualified) | `stateMachine:orders` |
/// | [`StateMachineVersionArn`] | `stateMachine:orders:7` |
/// | [`StateMachineAliasArn`] | `stateMachine:orders:PROD` |
/// | [`StateMachineLabelArn`] (Distributed Map state) | `stateMachine:orders/mapLabel` |
/// | [`ExecutionArn`] | `execution:orders:run-1` |
/// | [`ExpressExecutionArn`] | `express:orders:run-1:8c1f…` |
/// | [`MapRunArn`] | `mapRun:orders/mapLabel:8c1f…` |
/// | [`ActivityArn`] | `activity:worker` |
///
/// Each type keeps its text once, with the offsets of its parts (the `url` crate's layout):
/// printing and `as_str` are free, and equality, ordering and hashing follow the text.
/// `parse(x.to_string()) == x` for every value. Parsing never panics; any string that is not
/// one of these forms is an [`ArnError`], which the registry answers with AWS's `InvalidArn`.
///
/// ```
/// use sfn_registry::{StateMachineRef, VersionNumber};
///
/// let arn: StateMachineRef = "arn:aws:states:us-east-1:123456789012:stateMachine:orders:7".parse()?;
/// match arn {
///     StateMachineRef::Version(v) => {
///         assert_eq!(v.version(), VersionNumber::new(7).unwrap());
///         assert_eq!(v.state_machine_name(), "orders");
///         assert_eq!(v.state_machine_arn().as_str(), "arn:aws:states:us-east-1:123456789012:stateMachine:orders");
///     }
///     other => panic!("not a version ARN: {other}"),
/// }
/// # Ok::<(), sfn_registry::ArnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Arn {
    /// `…:stateMachine:<name>`
    StateMachine(StateMachineArn),
    /// `…:stateMachine:<name>:<version>`
    StateMachineVersion(StateMachineVersionArn),
    /// `…:stateMachine:<name>:<alias>`
    StateMachineAlias(StateMachineAliasArn),
    /// `…:stateMachine:<name>/<label>`
    StateMachineLabel(StateMachineLabelArn),
    /// `…:execution:<stateMachineName>:<executionName>`
    Execution(ExecutionArn),
    /// `…:express:<stateMachineName>:<executionName>:<id>`
    ExpressExecution(ExpressExecutionArn),
    /// `…:mapRun:<stateMachineName>/<label>:<id>`
    MapRun(MapRunArn),
    /// `…:activity:<name>`
    Activity(ActivityArn),
}

impl Arn {
    /// Parses any Step Functions ARN.
    ///
    /// # Errors
    ///
    /// An [`ArnError`] if `s` is none of the forms.
    pub fn parse(s: &str) -> Result<Self, ArnError> {
        parse_any(s)
    }

    /// The ARN text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Arn::StateMachine(a) => a.as_str(),
            Arn::StateMachineVersion(a) => a.as_str(),
            Arn::StateMachineAlias(a) => a.as_str(),
            Arn::StateMachineLabel(a) => a.as_str(),
            Arn::Execution(a) => a.as_str(),
            Arn::ExpressExecution(a) => a.as_str(),
            Arn::MapRun(a) => a.as_str(),
            Arn::Activity(a) => a.as_str(),
        }
    }

    /// The partition, region and account of this ARN.
    #[must_use]
    pub fn scope(&self) -> ArnScope {
        match self {
            Arn::StateMachine(a) => a.scope(),
            Arn::StateMachineVersion(a) => a.scope(),
            Arn::StateMachineAlias(a) => a.scope(),
            Arn::StateMachineLabel(a) => a.scope(),
            Arn::Execution(a) => a.scope(),
            Arn::ExpressExecution(a) => a.scope(),
            Arn::MapRun(a) => a.scope(),
            Arn::Activity(a) => a.scope(),
        }
    }

    /// The resource type as it appears in the ARN: `stateMachine`, `execution`, `express`,
    /// `mapRun` or `activity`.
    #[must_use]
    pub fn resource_type(&self) -> &'static str {
        match self {
            Arn::StateMachine(_)
            | Arn::StateMachineVersion(_)
            | Arn::StateMachineAlias(_)
            | Arn::StateMachineLabel(_) => "stateMachine",
            Arn::Execution(_) => "execution",
            Arn::ExpressExecution(_) => "express",
            Arn::MapRun(_) => "mapRun",
            Arn::Activity(_) => "activity",
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Arn::StateMachine(_) => "stateMachine",
            Arn::StateMachineVersion(_) => "stateMachine version",
            Arn::StateMachineAlias(_) => "stateMachine alias",
            Arn::StateMachineLabel(_) => "stateMachine label",
            other => other.resource_type(),
        }
    }
}

impl FromStr for Arn {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, ArnError> {
        parse_any(s)
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Arn {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Arn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        parse_any(&s).map_err(|e| serde::de::Error::custom(format_args!("{e}: {s:?}")))
    }
}

/// Any state machine ARN: unqualified, version, alias or Distributed Map label, as the
/// `stateMachineArn` member of many operations accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StateMachineRef {
    /// `…:stateMachine:<name>`
    Unqualified(StateMachineArn),
    /// `…:stateMachine:<name>:<version>`
    Version(StateMachineVersionArn),
    /// `…:stateMachine:<name>:<alias>`
    Alias(StateMachineAliasArn),
    /// `…:stateMachine:<name>/<label>`
    Label(StateMachineLabelArn),
}

impl StateMachineRef {
    /// Parses a state machine ARN of any of the four forms.
    ///
    /// # Errors
    ///
    /// An [`ArnError`] if `s` is not a state machine ARN.
    pub fn parse(s: &str) -> Result<Self, ArnError> {
        match parse_any(s)? {
            Arn::StateMachine(a) => Ok(StateMachineRef::Unqualified(a)),
            Arn::StateMachineVersion(a) => Ok(StateMachineRef::Version(a)),
            Arn::StateMachineAlias(a) => Ok(StateMachineRef::Alias(a)),
            Arn::StateMachineLabel(a) => Ok(StateMachineRef::Label(a)),
            other => Err(ArnError::new(
                s,
                ArnErrorKind::WrongKind {
                    expected: "state machine",
                    found: other.kind(),
                },
            )),
        }
    }

    /// The ARN text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            StateMachineRef::Unqualified(a) => a.as_str(),
            StateMachineRef::Version(a) => a.as_str(),
            StateMachineRef::Alias(a) => a.as_str(),
            StateMachineRef::Label(a) => a.as_str(),
        }
    }

    /// The state machine name.
    #[must_use]
    pub fn state_machine_name(&self) -> &str {
        match self {
            StateMachineRef::Unqualified(a) => a.name(),
            StateMachineRef::Version(a) => a.state_machine_name(),
            StateMachineRef::Alias(a) => a.state_machine_name(),
            StateMachineRef::Label(a) => a.state_machine_name(),
        }
    }

    /// `true` if the ARN belongs to `scope`.
    #[must_use]
    pub fn is_in(&self, scope: &ArnScope) -> bool {
        match self {
            StateMachineRef::Unqualified(a) => a.is_in(scope),
            StateMachineRef::Version(a) => a.is_in(scope),
            StateMachineRef::Alias(a) => a.is_in(scope),
            StateMachineRef::Label(a) => a.is_in(scope),
        }
    }
}

impl FromStr for StateMachineRef {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, ArnError> {
        StateMachineRef::parse(s)
    }
}

impl fmt::Display for StateMachineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StateMachineRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StateMachineRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        StateMachineRef::parse(&s).map_err(|e| serde::de::Error::custom(format_args!("{e}: {s:?}")))
    }
}

impl From<StateMachineRef> for Arn {
    fn from(r: StateMachineRef) -> Arn {
        match r {
            StateMachineRef::Unqualified(a) => Arn::StateMachine(a),
            StateMachineRef::Version(a) => Arn::StateMachineVersion(a),
            StateMachineRef::Alias(a) => Arn::StateMachineAlias(a),
            StateMachineRef::Label(a) => Arn::StateMachineLabel(a),
        }
    }
}

/// The ARN of an execution: standard (`…:execution:…`) or express (`…:express:…`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ExecutionRef {
    /// `…:execution:<stateMachineName>:<executionName>`
    Standard(ExecutionArn),
    /// `…:express:<stateMachineName>:<executionName>:<id>`
    Express(ExpressExecutionArn),
}

impl ExecutionRef {
    /// Parses a standard or express execution ARN.
    ///
    /// # Errors
    ///
    /// An [`ArnError`] if `s` is not an execution ARN.
    pub fn parse(s: &str) -> Result<Self, ArnError> {
        match parse_any(s)? {
            Arn::Execution(a) => Ok(ExecutionRef::Standard(a)),
            Arn::ExpressExecution(a) => Ok(ExecutionRef::Express(a)),
            other => Err(ArnError::new(
                s,
                ArnErrorKind::WrongKind {
                    expected: "execution",
                    found: other.kind(),
                },
            )),
        }
    }

    /// The ARN text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            ExecutionRef::Standard(a) => a.as_str(),
            ExecutionRef::Express(a) => a.as_str(),
        }
    }

    /// The execution name.
    #[must_use]
    pub fn execution_name(&self) -> &str {
        match self {
            ExecutionRef::Standard(a) => a.execution_name(),
            ExecutionRef::Express(a) => a.execution_name(),
        }
    }

    /// The unqualified ARN of the state machine.
    #[must_use]
    pub fn state_machine_arn(&self) -> StateMachineArn {
        match self {
            ExecutionRef::Standard(a) => a.state_machine_arn(),
            ExecutionRef::Express(a) => a.state_machine_arn(),
        }
    }

    /// The state machine name.
    pub(crate) fn state_machine_name(&self) -> &str {
        match self {
            ExecutionRef::Standard(a) => a.state_machine_name(),
            ExecutionRef::Express(a) => a.state_machine_name(),
        }
    }

    /// `true` if the ARN belongs to `scope`.
    pub(crate) fn is_in(&self, scope: &ArnScope) -> bool {
        match self {
            ExecutionRef::Standard(a) => a.is_in(scope),
            ExecutionRef::Express(a) => a.is_in(scope),
        }
    }

    /// The execution name, sharing the ARN's text.
    pub(crate) fn shared_execution_name(&self) -> ExecutionName {
        match self {
            ExecutionRef::Standard(a) => a.shared_execution_name(),
            ExecutionRef::Express(a) => a.shared_execution_name(),
        }
    }
}

impl FromStr for ExecutionRef {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, ArnError> {
        ExecutionRef::parse(s)
    }
}

impl fmt::Display for ExecutionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ExecutionArn> for ExecutionRef {
    fn from(a: ExecutionArn) -> Self {
        ExecutionRef::Standard(a)
    }
}

impl From<ExpressExecutionArn> for ExecutionRef {
    fn from(a: ExpressExecutionArn) -> Self {
        ExecutionRef::Express(a)
    }
}

impl From<&ExecutionRef> for String {
    fn from(r: &ExecutionRef) -> String {
        r.as_str().to_owned()
    }
}

impl From<ExecutionRef> for String {
    fn from(r: ExecutionRef) -> String {
        match r {
            ExecutionRef::Standard(a) => a.into_string(),
            ExecutionRef::Express(a) => a.into_string(),
        }
    }
}

impl Serialize for ExecutionRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ExecutionRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        ExecutionRef::parse(&s).map_err(|e| serde::de::Error::custom(format_args!("{e}: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The one-pass version reader reads what `VersionNumber`'s `FromStr` reads.
        #[test]
        fn version_numbers_read_as_from_str_reads_them(digits in "[0-9]{0,12}|\\PC{0,6}") {
            prop_assert_eq!(version_number(&digits), digits.parse::<VersionNumber>().ok());
        }

        /// A state machine ARN's resource with `/` and `:` anywhere: the form its parts make
        /// (name, then label or qualifier, each checked by its own rule), or a resource error.
        #[test]
        fn state_machine_forms_are_those_their_parts_make(resource in "[a-z]{0,3}[/:]?[A-Za-z0-9]{0,3}[/:]?[a-z0-9]{0,3}") {
            let text = format!("arn:aws:states:us-east-1:123456789012:stateMachine:{resource}");
            let expected = if let Some((name, label)) = resource.split_once('/') {
                (StateMachineName::check(name).is_ok() && MapRunLabel::check(label).is_ok()).then_some(Form::Label)
            } else if let Some((name, qualifier)) = resource.split_once(':') {
                if StateMachineName::check(name).is_err() {
                    None
                } else if qualifier.bytes().all(|b| b.is_ascii_digit()) {
                    qualifier.parse::<VersionNumber>().ok().map(Form::Version)
                } else {
                    AliasName::check(qualifier).is_ok().then_some(Form::Alias)
                }
            } else {
                StateMachineName::check(&resource).is_ok().then_some(Form::StateMachine)
            };
            let parsed = ArnRef::parse(&text);
            prop_assert_eq!(parsed.as_ref().ok().map(ArnRef::form), expected, "{}", text);
            if let Err(e) = parsed {
                prop_assert_eq!(e, ArnError::new(&text, ArnErrorKind::Resource));
            }
        }
    }

    #[test]
    fn offsets_of_built_arns_match_parsed_ones() {
        let scope = ArnScope::new("aws-cn", "cn-north-1", "000011112222").unwrap();
        let sm = StateMachineArn::new(&scope, &StateMachineName::new("orders").unwrap());
        let parsed = StateMachineArn::parse(sm.as_str()).unwrap();
        assert_eq!(format!("{sm:?}"), format!("{parsed:?}"));
        let version = sm.version(VersionNumber::new(12).unwrap());
        assert_eq!(
            format!("{version:?}"),
            format!("{:?}", StateMachineVersionArn::parse(version.as_str()).unwrap())
        );
        let alias = sm.alias(&AliasName::new("PROD").unwrap());
        assert_eq!(
            format!("{alias:?}"),
            format!("{:?}", StateMachineAliasArn::parse(alias.as_str()).unwrap())
        );
        let label = sm.label(&MapRunLabel::new("fanout").unwrap());
        assert_eq!(
            format!("{label:?}"),
            format!("{:?}", StateMachineLabelArn::parse(label.as_str()).unwrap())
        );
        let exec = sm.execution(&ExecutionName::new("run-1").unwrap());
        assert_eq!(
            format!("{exec:?}"),
            format!("{:?}", ExecutionArn::parse(exec.as_str()).unwrap())
        );
        let express = sm.express_execution(&ExecutionName::new("run-2").unwrap(), &ArnId::new("abc").unwrap());
        assert_eq!(
            format!("{express:?}"),
            format!("{:?}", ExpressExecutionArn::parse(express.as_str()).unwrap())
        );
        assert_eq!(exec.state_machine_arn(), sm);
        assert_eq!(express.state_machine_arn(), sm);
        assert_eq!(version.state_machine_arn(), sm);
    }
}
