//! The registry's stored entities. Private: the API exposes them only through the DTOs.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;

use indexmap::IndexMap;

use super::records::{Executions, ExpressExecutions, Via};
use crate::arn::{StateMachineAliasArn, StateMachineArn, StateMachineVersionArn};
use crate::definition_text::Definition;
use crate::dto::{
    EncryptionConfiguration, LogLevel, LoggingConfiguration, RevisionId, StateMachineType, TracingConfiguration,
};
use crate::error::{Error, Result};
use crate::name::{AliasName, StateMachineName, VersionNumber};
use crate::routing::RoutingConfiguration;
use crate::time::Timestamp;

/// A state machine and everything that hangs off it.
#[derive(Clone, Debug)]
pub(super) struct StateMachine {
    /// Creation order across the registry (snapshots keep it).
    pub(super) seq: u64,
    pub(super) arn: StateMachineArn,
    pub(super) name: StateMachineName,
    pub(super) kind: StateMachineType,
    pub(super) created: Timestamp,
    /// The latest revision: what an unqualified StartExecution runs.
    pub(super) revision: Arc<Revision>,
    /// Applied in place: a change of encryption alone makes no new revision.
    pub(super) encryption: Option<EncryptionConfiguration>,
    /// `publish` and `versionDescription` of the CreateStateMachine call, for its idempotency.
    pub(super) created_with: CreateOptions,
    pub(super) versions: BTreeMap<VersionNumber, Version>,
    /// The number the next published version gets; never reused, even after a delete.
    /// `None` once every `u32` was used.
    pub(super) next_version: Option<VersionNumber>,
    /// In creation order, which is ListStateMachineAliases' order.
    pub(super) aliases: IndexMap<AliasName, Alias>,
    pub(super) next_alias_seq: u64,
    /// In the order keys were first added.
    pub(super) tags: IndexMap<String, String>,
    /// DeleteStateMachine was called while executions were running: the state machine goes
    /// when the last of them ends.
    pub(super) deleting: bool,
    /// Standard executions, in start order, by name and through their indexes.
    pub(super) executions: Executions,
    /// Express executions while they run.
    pub(super) express_executions: ExpressExecutions,
}

/// The `publish` / `versionDescription` of a CreateStateMachine call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct CreateOptions {
    pub(super) publish: bool,
    pub(super) version_description: Option<String>,
}

/// One revision of a state machine's configuration. Shared (`Arc`) by the state machine while
/// it is current and by every version published from it: a definition is stored once per
/// revision, never copied per version.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Revision {
    /// `None` for the initial revision, which AWS gives no id.
    pub(super) id: Option<RevisionId>,
    pub(super) config: RevisionConfig,
    /// When this revision was made (the state machine's creation for the initial one).
    pub(super) created: Timestamp,
}

/// What a revision pins: an effective change of any of it is a new revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RevisionConfig {
    /// Shared, not copied, by every revision of the same text (`Definitions`).
    pub(super) definition: Definition,
    pub(super) role_arn: String,
    pub(super) logging: Logging,
    pub(super) tracing: bool,
}

/// A logging configuration with its defaults filled in, so that `{}` and `{"level": "OFF"}`
/// compare equal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Logging {
    pub(super) level: LogLevel,
    pub(super) include_execution_data: bool,
    pub(super) destinations: Vec<crate::dto::LogDestination>,
}

impl Logging {
    pub(super) fn from_input(c: Option<&LoggingConfiguration>) -> Self {
        let c = c.cloned().unwrap_or_default();
        Logging {
            level: c.level.unwrap_or(LogLevel::Off),
            include_execution_data: c.include_execution_data.unwrap_or(false),
            destinations: c.destinations.unwrap_or_default(),
        }
    }

    pub(super) fn to_output(&self) -> LoggingConfiguration {
        LoggingConfiguration {
            level: Some(self.level.clone()),
            include_execution_data: Some(self.include_execution_data),
            destinations: (!self.destinations.is_empty()).then(|| self.destinations.clone()),
        }
    }
}

pub(super) fn tracing_from_input(c: Option<&TracingConfiguration>) -> bool {
    c.and_then(|c| c.enabled).unwrap_or(false)
}

/// A published version: immutable.
#[derive(Clone, Debug)]
pub(super) struct Version {
    pub(super) arn: StateMachineVersionArn,
    pub(super) revision: Arc<Revision>,
    pub(super) description: Option<String>,
    /// The state machine's encryption when the version was published (encryption is not part of
    /// a revision, but a version is immutable).
    pub(super) encryption: Option<EncryptionConfiguration>,
    pub(super) created: Timestamp,
    /// How the executions started with its ARN were started, shared by all of them.
    pub(super) via: Arc<Via>,
}

impl Version {
    pub(super) fn new(
        arn: StateMachineVersionArn,
        revision: Arc<Revision>,
        description: Option<String>,
        encryption: Option<EncryptionConfiguration>,
        created: Timestamp,
    ) -> Self {
        Version {
            via: Via::new(arn.clone(), None),
            arn,
            revision,
            description,
            encryption,
            created,
        }
    }
}

/// An alias.
#[derive(Clone, Debug)]
pub(super) struct Alias {
    /// Creation order within the state machine: the ListStateMachineAliases key.
    pub(super) seq: u64,
    pub(super) arn: StateMachineAliasArn,
    pub(super) name: AliasName,
    pub(super) description: Option<String>,
    pub(super) routing: RoutingConfiguration,
    /// How the executions it routes to each route (in order) were started, shared by all of them.
    pub(super) vias: Box<[Arc<Via>]>,
    pub(super) created: Timestamp,
    pub(super) updated: Timestamp,
}

impl Alias {
    /// The [`Via`] of each route of `routing` through the alias `arn`.
    pub(super) fn vias(arn: &StateMachineAliasArn, routing: &RoutingConfiguration) -> Box<[Arc<Via>]> {
        routing
            .routes()
            .iter()
            .map(|route| Via::new(route.version().clone(), Some(arn.clone())))
            .collect()
    }

    /// Routes to `routing` from now on.
    pub(super) fn set_routing(&mut self, routing: RoutingConfiguration) {
        self.vias = Alias::vias(&self.arn, &routing);
        self.routing = routing;
    }
}

impl StateMachine {
    /// The newest live version published from the current revision whose description is
    /// `description` (any description when `None`): the version a repeated publish returns.
    pub(super) fn version_of_current_revision(&self, description: Option<&str>) -> Option<&Version> {
        // A revision is current until the next one replaces it for good, so its versions are the
        // newest ones: stop at the first version of an older revision.
        self.versions
            .values()
            .rev()
            .take_while(|v| Arc::ptr_eq(&v.revision, &self.revision))
            .find(|v| description.is_none_or(|d| v.description.as_deref() == Some(d)))
    }

    /// The names of the aliases that route to `version`, in creation order.
    pub(super) fn aliases_routing_to(&self, version: &StateMachineVersionArn) -> Vec<&str> {
        self.aliases
            .values()
            .filter(|a| a.routing.routes_to(version))
            .map(|a| a.name.as_str())
            .collect()
    }
}

impl StateMachine {
    /// How many standard executions are running. (Express executions never hold a state machine
    /// back from deletion.)
    pub(super) fn running(&self) -> usize {
        self.executions.running()
    }

    /// `StateMachineDeleting` once DeleteStateMachine was called.
    pub(super) fn ensure_active(&self) -> Result<()> {
        if self.deleting {
            Err(Error::state_machine_deleting(self.arn.as_str()))
        } else {
            Ok(())
        }
    }
}

/// The state machines of a registry, in creation order and by name (ListStateMachines' order).
/// Removing one costs O(log n), however many there are.
#[derive(Clone, Debug, Default)]
pub(super) struct StateMachines {
    by_seq: BTreeMap<u64, StateMachine>,
    /// Ascending by the names' bytes (their code points).
    seq_of: BTreeMap<StateMachineName, u64>,
}

impl StateMachines {
    pub(super) fn len(&self) -> usize {
        self.by_seq.len()
    }

    pub(super) fn get(&self, name: &str) -> Option<&StateMachine> {
        self.seq_of.get(name).and_then(|seq| self.by_seq.get(seq))
    }

    pub(super) fn get_mut(&mut self, name: &str) -> Option<&mut StateMachine> {
        self.seq_of.get(name).and_then(|seq| self.by_seq.get_mut(seq))
    }

    /// Adds `sm`, unless a state machine of that name or creation number is there.
    pub(super) fn insert(&mut self, sm: StateMachine) -> bool {
        if self.seq_of.contains_key(&sm.name) || self.by_seq.contains_key(&sm.seq) {
            return false;
        }
        self.seq_of.insert(sm.name.clone(), sm.seq);
        self.by_seq.insert(sm.seq, sm);
        true
    }

    pub(super) fn remove(&mut self, name: &str) -> Option<StateMachine> {
        let seq = self.seq_of.remove(name)?;
        self.by_seq.remove(&seq)
    }

    /// In creation order.
    pub(super) fn values(&self) -> impl Iterator<Item = &StateMachine> {
        self.by_seq.values()
    }

    /// Those whose name comes after `name` (all for `None`), ascending by name: at O(log n) each.
    pub(super) fn by_name_after(&self, name: Option<&str>) -> impl Iterator<Item = &StateMachine> {
        let from = name.map_or(Bound::Unbounded, Bound::Excluded);
        self.seq_of
            .range::<str, _>((from, Bound::Unbounded))
            .filter_map(|(_, seq)| self.by_seq.get(seq))
    }

    /// The newest creation number, if any.
    pub(super) fn last_seq(&self) -> Option<u64> {
        self.by_seq.keys().next_back().copied()
    }
}
