//! PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion.

use serde::{Deserialize, Serialize};

use crate::arn::StateMachineVersionArn;
use crate::time::Timestamp;

/// The request of PublishStateMachineVersion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PublishStateMachineVersionInput {
    /// The unqualified state machine ARN.
    pub state_machine_arn: String,
    /// Publish only if this is the current revision (`INITIAL` for a never-updated state machine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<String>,
    /// The version's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl PublishStateMachineVersionInput {
    /// A request for `state_machine_arn`.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        PublishStateMachineVersionInput {
            state_machine_arn: state_machine_arn.into(),
            revision_id: None,
            description: None,
        }
    }
}

/// The response of PublishStateMachineVersion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PublishStateMachineVersionOutput {
    /// When the version was created.
    pub creation_date: Timestamp,
    /// The version.
    pub state_machine_version_arn: StateMachineVersionArn,
}

impl PublishStateMachineVersionOutput {
    /// A response.
    #[must_use]
    pub fn new(creation_date: Timestamp, state_machine_version_arn: StateMachineVersionArn) -> Self {
        PublishStateMachineVersionOutput {
            creation_date,
            state_machine_version_arn,
        }
    }
}

/// The request of ListStateMachineVersions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListStateMachineVersionsInput {
    /// The unqualified state machine ARN.
    pub state_machine_arn: String,
    /// The token of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Page size: 1–1000; 0 or absent means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
}

impl ListStateMachineVersionsInput {
    /// A request for the first page.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        ListStateMachineVersionsInput {
            state_machine_arn: state_machine_arn.into(),
            next_token: None,
            max_results: None,
        }
    }
}

/// One version in ListStateMachineVersions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StateMachineVersionListItem {
    /// The version.
    pub state_machine_version_arn: StateMachineVersionArn,
    /// When it was created.
    pub creation_date: Timestamp,
}

impl StateMachineVersionListItem {
    /// An item.
    #[must_use]
    pub fn new(state_machine_version_arn: StateMachineVersionArn, creation_date: Timestamp) -> Self {
        StateMachineVersionListItem {
            state_machine_version_arn,
            creation_date,
        }
    }
}

/// The response of ListStateMachineVersions: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListStateMachineVersionsOutput {
    /// This page.
    pub state_machine_versions: Vec<StateMachineVersionListItem>,
    /// The token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListStateMachineVersionsOutput {
    /// A page.
    #[must_use]
    pub fn new(state_machine_versions: Vec<StateMachineVersionListItem>, next_token: Option<String>) -> Self {
        ListStateMachineVersionsOutput {
            state_machine_versions,
            next_token,
        }
    }
}

/// The request of DeleteStateMachineVersion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeleteStateMachineVersionInput {
    /// The version ARN.
    pub state_machine_version_arn: String,
}

impl DeleteStateMachineVersionInput {
    /// A request for `state_machine_version_arn`.
    #[must_use]
    pub fn new(state_machine_version_arn: impl Into<String>) -> Self {
        DeleteStateMachineVersionInput {
            state_machine_version_arn: state_machine_version_arn.into(),
        }
    }
}

/// The (empty) response of DeleteStateMachineVersion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteStateMachineVersionOutput {}
