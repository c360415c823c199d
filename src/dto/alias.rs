//! CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
//! DeleteStateMachineAlias, ListStateMachineAliases.

use serde::{Deserialize, Serialize};

use crate::arn::StateMachineAliasArn;
use crate::name::AliasName;
use crate::routing::RoutingConfiguration;
use crate::time::Timestamp;

/// One route of a routing configuration, as a client sends it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RoutingConfigurationListItem {
    /// A version ARN of the state machine.
    pub state_machine_version_arn: String,
    /// The percentage of executions the version receives, 0–100.
    pub weight: i32,
}

impl RoutingConfigurationListItem {
    /// A route.
    #[must_use]
    pub fn new(state_machine_version_arn: impl Into<String>, weight: i32) -> Self {
        RoutingConfigurationListItem {
            state_machine_version_arn: state_machine_version_arn.into(),
            weight,
        }
    }
}

/// The request of CreateStateMachineAlias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateStateMachineAliasInput {
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The alias name.
    pub name: String,
    /// One or two versions of one state machine, with weights summing to 100.
    pub routing_configuration: Vec<RoutingConfigurationListItem>,
}

impl CreateStateMachineAliasInput {
    /// A request for alias `name` routing as `routing_configuration` says.
    #[must_use]
    pub fn new(name: impl Into<String>, routing_configuration: Vec<RoutingConfigurationListItem>) -> Self {
        CreateStateMachineAliasInput {
            description: None,
            name: name.into(),
            routing_configuration,
        }
    }
}

/// The response of CreateStateMachineAlias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateStateMachineAliasOutput {
    /// The alias (`<stateMachineArn>:<name>`).
    pub state_machine_alias_arn: StateMachineAliasArn,
    /// When it was created.
    pub creation_date: Timestamp,
}

impl CreateStateMachineAliasOutput {
    /// A response.
    #[must_use]
    pub fn new(state_machine_alias_arn: StateMachineAliasArn, creation_date: Timestamp) -> Self {
        CreateStateMachineAliasOutput {
            state_machine_alias_arn,
            creation_date,
        }
    }
}

/// The request of DescribeStateMachineAlias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeStateMachineAliasInput {
    /// The alias ARN.
    pub state_machine_alias_arn: String,
}

impl DescribeStateMachineAliasInput {
    /// A request for `state_machine_alias_arn`.
    #[must_use]
    pub fn new(state_machine_alias_arn: impl Into<String>) -> Self {
        DescribeStateMachineAliasInput {
            state_machine_alias_arn: state_machine_alias_arn.into(),
        }
    }
}

/// The response of DescribeStateMachineAlias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeStateMachineAliasOutput {
    /// The alias ARN.
    pub state_machine_alias_arn: StateMachineAliasArn,
    /// The bare alias name.
    pub name: AliasName,
    /// The description, when one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The routes, in the order they were given.
    pub routing_configuration: RoutingConfiguration,
    /// When the alias was created.
    pub creation_date: Timestamp,
    /// When it was last updated; its creation date if it never was.
    pub update_date: Timestamp,
}

impl DescribeStateMachineAliasOutput {
    /// A response with the required members.
    #[must_use]
    pub fn new(
        state_machine_alias_arn: StateMachineAliasArn,
        name: AliasName,
        routing_configuration: RoutingConfiguration,
        creation_date: Timestamp,
        update_date: Timestamp,
    ) -> Self {
        DescribeStateMachineAliasOutput {
            state_machine_alias_arn,
            name,
            description: None,
            routing_configuration,
            creation_date,
            update_date,
        }
    }
}

/// The request of UpdateStateMachineAlias: at least one of `description` and
/// `routing_configuration`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateStateMachineAliasInput {
    /// The alias ARN.
    pub state_machine_alias_arn: String,
    /// A new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New routes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_configuration: Option<Vec<RoutingConfigurationListItem>>,
}

impl UpdateStateMachineAliasInput {
    /// A request that changes nothing yet: set the members to change.
    #[must_use]
    pub fn new(state_machine_alias_arn: impl Into<String>) -> Self {
        UpdateStateMachineAliasInput {
            state_machine_alias_arn: state_machine_alias_arn.into(),
            description: None,
            routing_configuration: None,
        }
    }
}

/// The response of UpdateStateMachineAlias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateStateMachineAliasOutput {
    /// When the alias was updated.
    pub update_date: Timestamp,
}

impl UpdateStateMachineAliasOutput {
    /// A response.
    #[must_use]
    pub fn new(update_date: Timestamp) -> Self {
        UpdateStateMachineAliasOutput { update_date }
    }
}

/// The request of DeleteStateMachineAlias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeleteStateMachineAliasInput {
    /// The alias ARN.
    pub state_machine_alias_arn: String,
}

impl DeleteStateMachineAliasInput {
    /// A request for `state_machine_alias_arn`.
    #[must_use]
    pub fn new(state_machine_alias_arn: impl Into<String>) -> Self {
        DeleteStateMachineAliasInput {
            state_machine_alias_arn: state_machine_alias_arn.into(),
        }
    }
}

/// The (empty) response of DeleteStateMachineAlias.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteStateMachineAliasOutput {}

/// The request of ListStateMachineAliases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListStateMachineAliasesInput {
    /// The unqualified state machine ARN (every alias), or a version ARN (the aliases that route
    /// to that version).
    pub state_machine_arn: String,
    /// The token of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Page size: 1–1000; 0 or absent means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
}

impl ListStateMachineAliasesInput {
    /// A request for the first page.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        ListStateMachineAliasesInput {
            state_machine_arn: state_machine_arn.into(),
            next_token: None,
            max_results: None,
        }
    }
}

/// One alias in ListStateMachineAliases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StateMachineAliasListItem {
    /// The alias.
    pub state_machine_alias_arn: StateMachineAliasArn,
    /// When it was created.
    pub creation_date: Timestamp,
}

impl StateMachineAliasListItem {
    /// An item.
    #[must_use]
    pub fn new(state_machine_alias_arn: StateMachineAliasArn, creation_date: Timestamp) -> Self {
        StateMachineAliasListItem {
            state_machine_alias_arn,
            creation_date,
        }
    }
}

/// The response of ListStateMachineAliases: oldest first, as the real service answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListStateMachineAliasesOutput {
    /// This page.
    pub state_machine_aliases: Vec<StateMachineAliasListItem>,
    /// The token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListStateMachineAliasesOutput {
    /// A page.
    #[must_use]
    pub fn new(state_machine_aliases: Vec<StateMachineAliasListItem>, next_token: Option<String>) -> Self {
        ListStateMachineAliasesOutput {
            state_machine_aliases,
            next_token,
        }
    }
}
