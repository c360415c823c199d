//! CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
//! ListStateMachines.

use serde::{Deserialize, Serialize};

use super::common::{
    EncryptionConfiguration, IncludedData, LoggingConfiguration, RevisionId, StateMachineStatus, StateMachineType, Tag,
    TracingConfiguration,
};
use crate::arn::{StateMachineArn, StateMachineRef, StateMachineVersionArn};
use crate::definition_text::Definition;
use crate::name::StateMachineName;
use crate::time::Timestamp;

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// The request of CreateStateMachine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateStateMachineInput {
    /// The state machine name.
    pub name: String,
    /// The Amazon States Language definition (a JSON document in a string).
    pub definition: String,
    /// The IAM role the state machine runs with.
    pub role_arn: String,
    /// `STANDARD` (the default) or `EXPRESS`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<StateMachineType>,
    /// Logging; `OFF` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// Tags to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// X-Ray tracing; disabled when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// Publish version 1 of the new state machine.
    #[serde(default, skip_serializing_if = "is_false")]
    pub publish: bool,
    /// The description of the version published with `publish`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_description: Option<String>,
    /// Server-side encryption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

impl CreateStateMachineInput {
    /// A request with the three required members.
    #[must_use]
    pub fn new(name: impl Into<String>, definition: impl Into<String>, role_arn: impl Into<String>) -> Self {
        CreateStateMachineInput {
            name: name.into(),
            definition: definition.into(),
            role_arn: role_arn.into(),
            r#type: None,
            logging_configuration: None,
            tags: None,
            tracing_configuration: None,
            publish: false,
            version_description: None,
            encryption_configuration: None,
        }
    }
}

/// The response of CreateStateMachine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateStateMachineOutput {
    /// The new state machine.
    pub state_machine_arn: StateMachineArn,
    /// When it was created.
    pub creation_date: Timestamp,
    /// Version 1, when the request set `publish`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_version_arn: Option<StateMachineVersionArn>,
}

impl CreateStateMachineOutput {
    /// A response without a version.
    #[must_use]
    pub fn new(state_machine_arn: StateMachineArn, creation_date: Timestamp) -> Self {
        CreateStateMachineOutput {
            state_machine_arn,
            creation_date,
            state_machine_version_arn: None,
        }
    }
}

/// The request of DescribeStateMachine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeStateMachineInput {
    /// An unqualified state machine ARN, or a version ARN.
    pub state_machine_arn: String,
    /// `METADATA_ONLY` returns the definition as `{}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub included_data: Option<IncludedData>,
}

impl DescribeStateMachineInput {
    /// A request for `state_machine_arn`.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        DescribeStateMachineInput {
            state_machine_arn: state_machine_arn.into(),
            included_data: None,
        }
    }
}

/// The response of DescribeStateMachine, for a state machine or one of its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeStateMachineOutput {
    /// The ARN asked for: unqualified, or the version ARN.
    pub state_machine_arn: StateMachineRef,
    /// The state machine name.
    pub name: StateMachineName,
    /// `ACTIVE` or `DELETING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StateMachineStatus>,
    /// The definition.
    pub definition: Definition,
    /// The IAM role.
    pub role_arn: String,
    /// `STANDARD` or `EXPRESS`.
    #[serde(rename = "type")]
    pub r#type: StateMachineType,
    /// When the state machine (or, for a version, the version) was created.
    pub creation_date: Timestamp,
    /// Logging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// X-Ray tracing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// The Distributed Map label, for a label ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The revision; absent at the initial revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<RevisionId>,
    /// The version's description, when one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Server-side encryption: `{"type": "AWS_OWNED_KEY"}` unless a key was configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

impl DescribeStateMachineOutput {
    /// A response with the required members.
    #[must_use]
    pub fn new(
        state_machine_arn: StateMachineRef,
        name: StateMachineName,
        definition: impl Into<Definition>,
        role_arn: String,
        r#type: StateMachineType,
        creation_date: Timestamp,
    ) -> Self {
        DescribeStateMachineOutput {
            state_machine_arn,
            name,
            status: None,
            definition: definition.into(),
            role_arn,
            r#type,
            creation_date,
            logging_configuration: None,
            tracing_configuration: None,
            label: None,
            revision_id: None,
            description: None,
            encryption_configuration: None,
        }
    }
}

/// The request of UpdateStateMachine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateStateMachineInput {
    /// The unqualified state machine ARN.
    pub state_machine_arn: String,
    /// A new definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// A new IAM role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// New logging settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// New tracing settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// Publish a version of the resulting revision.
    #[serde(default, skip_serializing_if = "is_false")]
    pub publish: bool,
    /// The description of the version published with `publish`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_description: Option<String>,
    /// New encryption settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

impl UpdateStateMachineInput {
    /// A request that changes nothing yet: set the members to change.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        UpdateStateMachineInput {
            state_machine_arn: state_machine_arn.into(),
            definition: None,
            role_arn: None,
            logging_configuration: None,
            tracing_configuration: None,
            publish: false,
            version_description: None,
            encryption_configuration: None,
        }
    }
}

/// The response of UpdateStateMachine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateStateMachineOutput {
    /// When the update happened.
    pub update_date: Timestamp,
    /// The current revision; absent while the state machine is at its initial revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<RevisionId>,
    /// The published version, when the request set `publish`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_version_arn: Option<StateMachineVersionArn>,
}

impl UpdateStateMachineOutput {
    /// A response with the required member.
    #[must_use]
    pub fn new(update_date: Timestamp) -> Self {
        UpdateStateMachineOutput {
            update_date,
            revision_id: None,
            state_machine_version_arn: None,
        }
    }
}

/// The request of DeleteStateMachine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeleteStateMachineInput {
    /// The unqualified state machine ARN.
    pub state_machine_arn: String,
}

impl DeleteStateMachineInput {
    /// A request for `state_machine_arn`.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        DeleteStateMachineInput {
            state_machine_arn: state_machine_arn.into(),
        }
    }
}

/// The (empty) response of DeleteStateMachine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteStateMachineOutput {}

/// The request of ListStateMachines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListStateMachinesInput {
    /// Page size: 1–1000; 0 or absent means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    /// The token of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListStateMachinesInput {
    /// A request for the first page.
    #[must_use]
    pub fn new() -> Self {
        ListStateMachinesInput::default()
    }
}

/// One state machine in ListStateMachines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StateMachineListItem {
    /// Its ARN.
    pub state_machine_arn: StateMachineArn,
    /// Its name.
    pub name: StateMachineName,
    /// `STANDARD` or `EXPRESS`.
    #[serde(rename = "type")]
    pub r#type: StateMachineType,
    /// When it was created.
    pub creation_date: Timestamp,
}

impl StateMachineListItem {
    /// An item with every member.
    #[must_use]
    pub fn new(
        state_machine_arn: StateMachineArn,
        name: StateMachineName,
        r#type: StateMachineType,
        creation_date: Timestamp,
    ) -> Self {
        StateMachineListItem {
            state_machine_arn,
            name,
            r#type,
            creation_date,
        }
    }
}

/// The response of ListStateMachines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListStateMachinesOutput {
    /// This page.
    pub state_machines: Vec<StateMachineListItem>,
    /// The token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListStateMachinesOutput {
    /// A page.
    #[must_use]
    pub fn new(state_machines: Vec<StateMachineListItem>, next_token: Option<String>) -> Self {
        ListStateMachinesOutput {
            state_machines,
            next_token,
        }
    }
}
