//! Shapes shared by several operations: enums, configurations, tags, revision ids.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A string enum of the API model, as the member constraints read it.
pub(crate) trait WireEnum {
    /// The values in the order AWS lists them in its enum constraint message.
    const MESSAGE_ORDER: &'static [&'static str];

    /// The wire value.
    fn as_str(&self) -> &str;

    /// `true` for a value of the model.
    fn is_known(&self) -> bool;
}

/// `true` if `order` holds exactly the values of `values`, each once: checked at compile time
/// for every enum's message order.
pub(crate) const fn is_permutation(values: &[&str], order: &[&str]) -> bool {
    if values.len() != order.len() {
        return false;
    }
    let mut i = 0;
    while i < values.len() {
        let mut found = 0;
        let mut j = 0;
        while j < order.len() {
            if str_eq(values[i], order[j]) {
                found += 1;
            }
            j += 1;
        }
        if found != 1 {
            return false;
        }
        i += 1;
    }
    true
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Defines a string enum of the API model. Values the crate does not know are kept in
/// `Unknown`, so that the registry can answer them with AWS's enum `ValidationException`.
///
/// The values are given in model order. Where a recording shows the order AWS lists them in
/// its constraint message, `message_order = [...]` gives it (checked at compile time to hold
/// the same values); otherwise the message lists them in model order.
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $wire:literal, )* }) => {
        wire_enum! {
            $(#[$doc])* $name { $( $(#[$vdoc])* $variant = $wire, )* }
            message_order = [$($wire),*];
        }
    };
    (
        $(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $wire:literal, )* }
        message_order = [$($message:literal),* $(,)?];
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
            /// A value this crate does not know; the registry refuses it.
            Unknown(String),
        }

        impl $name {
            /// The wire values the model allows, in model order.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The wire values in the order AWS lists them in its enum constraint message
            /// (`Member must satisfy enum value set: [...]`): the recorded order where a
            /// recording shows one, else model order.
            pub const MESSAGE_ORDER: &'static [&'static str] = &[$($message),*];

            /// The wire value.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown(s) => s,
                }
            }

            /// `true` for a value of the model.
            #[must_use]
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        const _: () = assert!(
            $crate::dto::common::is_permutation($name::VALUES, $name::MESSAGE_ORDER),
            concat!("the message order of ", stringify!($name), " must hold its values, each once")
        );

        impl $crate::dto::common::WireEnum for $name {
            const MESSAGE_ORDER: &'static [&'static str] = $name::MESSAGE_ORDER;

            fn as_str(&self) -> &str {
                $name::as_str(self)
            }

            fn is_known(&self) -> bool {
                $name::is_known(self)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                Ok($name::from(s.as_str()))
            }
        }
    };
}

pub(crate) use wire_enum;

wire_enum! {
    /// Whether a state machine is a Standard or an Express workflow.
    StateMachineType {
        /// A Standard workflow (the default).
        Standard = "STANDARD",
        /// An Express workflow.
        Express = "EXPRESS",
    }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro that takes no `#[default]`.
impl Default for StateMachineType {
    fn default() -> Self {
        StateMachineType::Standard
    }
}

wire_enum! {
    /// The status of a state machine.
    StateMachineStatus {
        /// The state machine can be used.
        Active = "ACTIVE",
        /// DeleteStateMachine was called and the state machine is going away.
        Deleting = "DELETING",
    }
}

wire_enum! {
    /// Which execution history events are logged.
    LogLevel {
        /// Every event.
        All = "ALL",
        /// Errors only.
        Error = "ERROR",
        /// Fatal errors only.
        Fatal = "FATAL",
        /// Nothing (the default).
        Off = "OFF",
    }
}

wire_enum! {
    /// The kind of key that encrypts a state machine's data.
    EncryptionType {
        /// A key owned by AWS (the default).
        AwsOwnedKey = "AWS_OWNED_KEY",
        /// A customer managed KMS key.
        CustomerManagedKmsKey = "CUSTOMER_MANAGED_KMS_KEY",
    }
}

wire_enum! {
    /// Whether DescribeStateMachine returns the definition.
    IncludedData {
        /// Everything (the default).
        AllData = "ALL_DATA",
        /// Metadata only: the definition is returned as `{}`.
        MetadataOnly = "METADATA_ONLY",
    }
}

/// A CloudWatch Logs log group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CloudWatchLogsLogGroup {
    /// The log group's ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_group_arn: Option<String>,
}

/// Where execution history events are logged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogDestination {
    /// A CloudWatch Logs log group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_log_group: Option<CloudWatchLogsLogGroup>,
}

impl LogDestination {
    /// A destination logging to the log group with ARN `log_group_arn`.
    #[must_use]
    pub fn cloud_watch_logs(log_group_arn: impl Into<String>) -> Self {
        LogDestination {
            cloud_watch_logs_log_group: Some(CloudWatchLogsLogGroup {
                log_group_arn: Some(log_group_arn.into()),
            }),
        }
    }
}

/// What execution history events are logged, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LoggingConfiguration {
    /// The level; `OFF` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<LogLevel>,
    /// Whether execution data is logged; `false` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_execution_data: Option<bool>,
    /// The destinations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destinations: Option<Vec<LogDestination>>,
}

impl LoggingConfiguration {
    /// A configuration at `level`.
    #[must_use]
    pub fn new(level: LogLevel) -> Self {
        LoggingConfiguration {
            level: Some(level),
            include_execution_data: None,
            destinations: None,
        }
    }
}

/// Whether AWS X-Ray tracing is enabled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TracingConfiguration {
    /// `true` to trace; `false` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl TracingConfiguration {
    /// A configuration with tracing `enabled` or not.
    #[must_use]
    pub fn new(enabled: bool) -> Self {
        TracingConfiguration { enabled: Some(enabled) }
    }
}

/// Server-side encryption settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EncryptionConfiguration {
    /// The KMS key (alias, alias ARN, key id or key ARN) for `CUSTOMER_MANAGED_KMS_KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// How long, in seconds (60–900), a data key is reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_data_key_reuse_period_seconds: Option<i32>,
    /// The kind of key.
    #[serde(rename = "type")]
    pub r#type: EncryptionType,
}

impl EncryptionConfiguration {
    /// A configuration of kind `kind`.
    #[must_use]
    pub fn new(kind: EncryptionType) -> Self {
        EncryptionConfiguration {
            kms_key_id: None,
            kms_data_key_reuse_period_seconds: None,
            r#type: kind,
        }
    }
}

/// A tag: key and value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Tag {
    /// The key, 1–128 characters.
    #[serde(default)]
    pub key: String,
    /// The value, 0–256 characters.
    #[serde(default)]
    pub value: String,
}

impl Tag {
    /// The tag `key` = `value`.
    #[must_use]
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// The identifier of a state machine revision: a UUID, drawn from the registry's seeded RNG.
///
/// A state machine that was never updated is at its initial revision, which has no id; the
/// API then omits `revisionId` and PublishStateMachineVersion accepts the string `INITIAL`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RevisionId(uuid::Uuid);

impl RevisionId {
    /// The revision id made of these random bytes (as a version 4 UUID).
    #[must_use]
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        RevisionId(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

impl fmt::Display for RevisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for RevisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RevisionId({self})")
    }
}

/// Why a string is not a revision id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid revision id {0:?}: expected a UUID")]
pub struct RevisionIdError(String);

impl FromStr for RevisionId {
    type Err = RevisionIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::try_parse(s)
            .map(RevisionId)
            .map_err(|_| RevisionIdError(s.to_owned()))
    }
}

impl Serialize for RevisionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RevisionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::is_permutation;

    #[test]
    fn a_message_order_must_hold_the_values_each_once() {
        let values = ["RUNNING", "SUCCEEDED", "FAILED"];
        assert!(is_permutation(&values, &["FAILED", "RUNNING", "SUCCEEDED"]));
        assert!(is_permutation(&values, &values));
        assert!(!is_permutation(&values, &["RUNNING", "SUCCEEDED"]), "one missing");
        assert!(!is_permutation(&values, &["RUNNING", "RUNNING", "FAILED"]), "one twice");
        assert!(
            !is_permutation(&values, &["RUNNING", "SUCCEEDED", "FAILED", "ABORTED"]),
            "one more"
        );
        assert!(!is_permutation(&values, &["RUNNING", "SUCCEEDED", "FAILE"]), "misspelt");
    }
}
