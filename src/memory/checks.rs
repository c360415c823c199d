//! Checks shared by several operations: member constraints of shared shapes, and the semantic
//! rules of role ARNs, logging, encryption, tags and routing.

use crate::arn::{Arn, StateMachineArn, StateMachineVersionArn};
use crate::constraints::{Constraints, ItemPath, Lazy};
use crate::dto::{
    EncryptionConfiguration, EncryptionType, LogLevel, LoggingConfiguration, RoutingConfigurationListItem, Tag,
};
use crate::error::{Error, ErrorCode, Result};
use crate::jackson;
use crate::pagination::{self, PageRequest};
use crate::routing::{Route, RoutingConfiguration, RoutingErrorKind, Weight};

/// The model's bounds of an `Arn` member.
pub(super) fn arn_member(c: &mut Constraints, path: impl std::fmt::Display, value: &str) {
    c.length(path, value, 1, 256);
}

/// The members of a list of what an ARN names (versions, aliases, history events): the ARN
/// member `path`, then `maxResults` and `nextToken` (of at most 1,024 characters). Returns the
/// page asked for; the violations go to `c`.
pub(super) fn list_members<'a>(
    c: &mut Constraints,
    path: &str,
    arn: &str,
    max_results: Option<i32>,
    next_token: Option<&'a str>,
) -> PageRequest<'a> {
    arn_member(c, path, arn);
    PageRequest::check(c, max_results, next_token, pagination::MAX_TOKEN_LEN)
}

/// The model's bounds of a `Definition` member (1 byte to 1 MiB, sensitive).
pub(super) fn definition_member(c: &mut Constraints, value: &str) {
    c.sensitive_byte_length("definition", value, 1, 1_048_576);
}

pub(super) fn logging_members(c: &mut Constraints, logging: Option<&LoggingConfiguration>) {
    let Some(logging) = logging else { return };
    if let Some(level) = &logging.level {
        c.enum_value("loggingConfiguration.level", level);
    }
    for (i, d) in logging.destinations.iter().flatten().enumerate() {
        let arn = d
            .cloud_watch_logs_log_group
            .as_ref()
            .and_then(|g| g.log_group_arn.as_deref());
        let path = ItemPath {
            list: "loggingConfiguration.destinations",
            index: i,
            member: "cloudWatchLogsLogGroup.logGroupArn",
        };
        c.opt_length(path, arn, 1, 256);
    }
}

pub(super) fn encryption_members(c: &mut Constraints, encryption: Option<&EncryptionConfiguration>) {
    let Some(e) = encryption else { return };
    c.enum_value("encryptionConfiguration.type", &e.r#type);
    c.opt_length("encryptionConfiguration.kmsKeyId", e.kms_key_id.as_deref(), 1, 2048);
    if let Some(seconds) = e.kms_data_key_reuse_period_seconds {
        c.range(
            "encryptionConfiguration.kmsDataKeyReusePeriodSeconds",
            i64::from(seconds),
            60,
            900,
        );
    }
}

pub(super) fn tag_members(c: &mut Constraints, tags: &[Tag]) {
    for (i, tag) in tags.iter().enumerate() {
        c.length(
            ItemPath {
                list: "tags",
                index: i,
                member: "key",
            },
            &tag.key,
            1,
            128,
        );
        c.length(
            ItemPath {
                list: "tags",
                index: i,
                member: "value",
            },
            &tag.value,
            0,
            256,
        );
    }
}

pub(super) fn tag_key_members(c: &mut Constraints, keys: &[String]) {
    for (i, key) in keys.iter().enumerate() {
        c.length(
            ItemPath {
                list: "tagKeys",
                index: i,
                member: "",
            },
            key,
            1,
            128,
        );
    }
}

/// `text` as AWS reads a JSON document (with Jackson, which reads the first value and ignores what
/// follows it): `Err` with Jackson's own words when it is not JSON, or with `empty` when it holds
/// no value at all (empty or white space).
pub(super) fn json_document(text: &str, empty: &str) -> std::result::Result<(), String> {
    match jackson::parse(text) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(empty.to_owned()),
        Err(e) => Err(e.detail().to_owned()),
    }
}

/// A role ARN must be an ARN, `arn:<partition>:<service>:<region>:<account>:<resource>` with a
/// partition, a service and a resource: AWS answers a string that is not one with `InvalidArn`
/// `Invalid Role Arn: '<input>'` (aws-validation-and-edges.md §2e). AWS was not observed refusing
/// an ARN for its service, resource type or account (a policy ARN, a four-digit account), so
/// neither does the registry.
pub(super) fn role_arn(role: &str) -> Result<()> {
    let is_arn = role.strip_prefix("arn:").is_some_and(|rest| {
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        parts.len() == 5 && !parts[0].is_empty() && !parts[1].is_empty() && !parts[4].is_empty()
    });
    if is_arn {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::InvalidArn, format!("Invalid Role Arn: '{role}'")))
    }
}

/// Logging needs exactly one destination unless its level is `OFF`.
pub(super) fn logging_rules(logging: Option<&LoggingConfiguration>) -> Result<()> {
    let Some(logging) = logging else { return Ok(()) };
    let destinations = logging.destinations.as_ref().map_or(0, Vec::len);
    let off = logging.level.as_ref().is_none_or(|l| *l == LogLevel::Off);
    if destinations > 1 || (!off && destinations == 0) {
        return Err(Error::new(
            ErrorCode::InvalidLoggingConfiguration,
            "Invalid Logging Configuration: Must specify exactly one Log Destination.",
        ));
    }
    Ok(())
}

/// A customer managed key needs a `kmsKeyId`; an AWS owned key takes none.
pub(super) fn encryption_rules(encryption: Option<&EncryptionConfiguration>) -> Result<()> {
    let Some(e) = encryption else { return Ok(()) };
    let invalid = |detail: &str| {
        Err(Error::new(
            ErrorCode::InvalidEncryptionConfiguration,
            format!("Invalid Encryption Configuration: {detail}"),
        ))
    };
    match e.r#type {
        EncryptionType::CustomerManagedKmsKey if e.kms_key_id.is_none() => {
            invalid("kmsKeyId is required when type is CUSTOMER_MANAGED_KMS_KEY")
        }
        EncryptionType::AwsOwnedKey if e.kms_key_id.is_some() || e.kms_data_key_reuse_period_seconds.is_some() => {
            invalid("kmsKeyId and kmsDataKeyReusePeriodSeconds can only be set when type is CUSTOMER_MANAGED_KMS_KEY")
        }
        _ => Ok(()),
    }
}

/// The model's bounds of a `routingConfiguration` member: 1–2 items, ARNs of 1–256
/// characters, weights 0–100.
pub(super) fn routing_members(c: &mut Constraints, items: &[RoutingConfigurationListItem]) {
    // Java's toString of the list, as AWS echoes it.
    let shown = Lazy(|f: &mut std::fmt::Formatter<'_>| {
        f.write_str("[")?;
        for (i, item) in items.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(
                f,
                "{separator}RoutingConfigurationListItem(stateMachineVersionArn={}, weight={})",
                item.state_machine_version_arn, item.weight
            )?;
        }
        f.write_str("]")
    });
    c.list_length("routingConfiguration", shown, items.len(), 1, 2);
    for (i, item) in items.iter().enumerate() {
        let path = |member| ItemPath {
            list: "routingConfiguration",
            index: i,
            member,
        };
        arn_member(c, path("stateMachineVersionArn"), &item.state_machine_version_arn);
        c.range(path("weight"), i64::from(item.weight), 0, 100);
    }
}

/// The routing rules, after the member constraints: every ARN is a version ARN, the versions
/// are distinct and of one state machine (`owner`, for an alias that exists), and the weights
/// sum to 100. The texts are the recorded ones (the one of another state machine is the crate's).
pub(super) fn routing(
    items: &[RoutingConfigurationListItem],
    owner: Option<&StateMachineArn>,
) -> Result<RoutingConfiguration> {
    let arns = || Received(items.iter().map(|i| i.state_machine_version_arn.as_str()).collect());
    let mut routes = Vec::with_capacity(items.len());
    let mut all_versions = true;
    for item in items {
        match Arn::parse(&item.state_machine_version_arn)? {
            Arn::StateMachineVersion(version) => {
                let weight = u8::try_from(item.weight)
                    .ok()
                    .and_then(Weight::new)
                    .unwrap_or(Weight::NONE);
                routes.push(Route::new(version, weight));
            }
            _ => all_versions = false,
        }
    }
    if !all_versions {
        return Err(Error::routing_not_version_arns(&arns()));
    }
    let routing = RoutingConfiguration::new(routes).map_err(|e| match e.kind() {
        RoutingErrorKind::Duplicate => Error::routing_not_distinct(&arns()),
        RoutingErrorKind::MixedStateMachines => Error::routing_mixed_state_machines(&arns()),
        // Count and range are member constraints, reported before this function runs.
        RoutingErrorKind::Sum | RoutingErrorKind::Count | RoutingErrorKind::WeightOutOfRange => {
            Error::routing_weights_sum(&Received(items.iter().map(|i| i.weight).collect()))
        }
    })?;
    if owner.is_some_and(|owner| routing.state_machine_arn() != *owner) {
        return Err(Error::routing_mixed_state_machines(&arns()));
    }
    Ok(routing)
}

/// A list as AWS echoes it in routing messages: `[a, b]`.
pub(super) struct Received<T>(Vec<T>);

impl<T: std::fmt::Display> std::fmt::Display for Received<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[")?;
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{item}")?;
        }
        f.write_str("]")
    }
}

/// The first route naming a version that `exists` says is not there.
pub(super) fn missing_version(
    routing: &RoutingConfiguration,
    exists: impl Fn(&StateMachineVersionArn) -> bool,
) -> Option<&StateMachineVersionArn> {
    routing.routes().iter().map(Route::version).find(|v| !exists(v))
}
