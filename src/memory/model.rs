//! The registry's stored entities. Private: the API exposes them only through the DTOs.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use indexmap::IndexMap;

use crate::arn::{ExecutionRef, StateMachineAliasArn, StateMachineArn, StateMachineVersionArn};
use crate::dto::{
    EncryptionConfiguration, ExecutionStatus, LogLevel, LoggingConfiguration, RevisionId, StateMachineType,
    TracingConfiguration,
};
use crate::error::{Error, Result};
use crate::name::{AliasName, ExecutionName, StateMachineName, VersionNumber};
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
    /// Standard executions, in start order (keys ascending): ListExecutions' order, reversed.
    pub(super) executions: IndexMap<ExecutionName, Execution>,
    /// Express executions while they run.
    pub(super) express_executions: ExpressExecutions,
    /// The standard executions by how they were started and by status.
    pub(super) execution_index: ExecutionIndex,
    pub(super) next_execution_seq: u64,
}

/// What a standard execution is associated with besides its state machine, as AWS's
/// documentation words it: the version it was started with, or the alias it was started
/// through and the version that alias picked (an execution of the unqualified ARN has none,
/// even when a version has the same revision). ListExecutions given a version or an alias ARN
/// lists the executions associated with it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Association {
    /// This version: started with its ARN, or through an alias that picked it.
    Version(VersionNumber),
    /// The alias of this name: started through it.
    Alias(AliasName),
}

/// The `seq` of a state machine's standard executions, ascending, by association, by status,
/// and by both. Every ListExecutions listing (with or without a `statusFilter`, given the state
/// machine, a version or an alias ARN) reads one of them, so that a page costs in proportion to
/// the page; the running ones hold a DELETING state machine.
#[derive(Clone, Debug, Default)]
pub(super) struct ExecutionIndex {
    by_association: HashMap<Association, Vec<u64>>,
    by_status: HashMap<RunStatus, BTreeSet<u64>>,
    by_association_status: HashMap<(Association, RunStatus), BTreeSet<u64>>,
}

impl ExecutionIndex {
    /// Adds execution `seq`, the newest, with its `associations`, in `status`.
    pub(super) fn add(&mut self, seq: u64, associations: &[Association], status: RunStatus) {
        for association in associations {
            self.by_association.entry(association.clone()).or_default().push(seq);
            self.by_association_status
                .entry((association.clone(), status))
                .or_default()
                .insert(seq);
        }
        self.by_status.entry(status).or_default().insert(seq);
    }

    /// Records that execution `seq`, with its `associations`, went from status `from` to `to`.
    pub(super) fn set_status(&mut self, seq: u64, associations: &[Association], from: RunStatus, to: RunStatus) {
        if let Some(set) = self.by_status.get_mut(&from) {
            set.remove(&seq);
        }
        self.by_status.entry(to).or_default().insert(seq);
        for association in associations {
            let key = (association.clone(), from);
            if let Some(set) = self.by_association_status.get_mut(&key) {
                set.remove(&seq);
                if set.is_empty() {
                    self.by_association_status.remove(&key);
                }
            }
            self.by_association_status.entry((key.0, to)).or_default().insert(seq);
        }
    }

    /// Those associated with `association`.
    pub(super) fn associated_with(&self, association: &Association) -> &[u64] {
        self.by_association.get(association).map_or(&[], Vec::as_slice)
    }

    /// Those in `status` associated with `association` (`None`: all of them).
    pub(super) fn in_status(&self, association: Option<&Association>, status: RunStatus) -> Option<&BTreeSet<u64>> {
        match association {
            None => self.by_status.get(&status),
            Some(association) => self.by_association_status.get(&(association.clone(), status)),
        }
    }

    /// How many are running.
    pub(super) fn running(&self) -> usize {
        self.by_status.get(&RunStatus::Running).map_or(0, BTreeSet::len)
    }
}

/// A state machine's express executions while they run, in start order. No API reads them, so
/// they go when they end, or five minutes after they started, when AWS would have timed them
/// out: from then on they are not found, and the next express start forgets them.
#[derive(Clone, Debug, Default)]
pub(super) struct ExpressExecutions {
    /// By the id that ends their ARN.
    by_id: HashMap<String, Execution>,
    /// Their start and id, in start order.
    by_start: BTreeSet<(Timestamp, String)>,
}

impl ExpressExecutions {
    /// The longest an express execution runs on AWS (five minutes).
    pub(super) const MAX_MILLIS: i64 = 5 * 60 * 1000;

    /// Whether an execution started at `started` still runs at `now`.
    fn live(started: Timestamp, now: Timestamp) -> bool {
        now.unix_millis().saturating_sub(started.unix_millis()) < Self::MAX_MILLIS
    }

    /// The running execution with ARN id `id`, unless it is over five minutes old at `now`.
    pub(super) fn get(&self, id: &str, now: Timestamp) -> Option<&Execution> {
        self.by_id.get(id).filter(|e| Self::live(e.started, now))
    }

    /// [`ExpressExecutions::get`], to change.
    pub(super) fn get_mut(&mut self, id: &str, now: Timestamp) -> Option<&mut Execution> {
        self.by_id.get_mut(id).filter(|e| Self::live(e.started, now))
    }

    /// Those running at `now`, in start order.
    pub(super) fn running(&self, now: Timestamp) -> impl Iterator<Item = &Execution> {
        self.all().filter(move |e| Self::live(e.started, now))
    }

    /// Every one held, over five minutes old or not, in start order: what a snapshot keeps.
    pub(super) fn all(&self) -> impl Iterator<Item = &Execution> {
        self.by_start.iter().filter_map(|(_, id)| self.by_id.get(id))
    }

    /// Adds the execution that just started, with ARN id `id`, first forgetting those over five
    /// minutes old at `now` (the oldest first, so at O(log n) each).
    pub(super) fn start(&mut self, id: String, execution: Execution, now: Timestamp) {
        while let Some(&(started, _)) = self.by_start.first()
            && !Self::live(started, now)
        {
            if let Some((_, gone)) = self.by_start.pop_first() {
                self.by_id.remove(&gone);
            }
        }
        self.insert(id, execution);
    }

    /// Adds `execution` with ARN id `id` as it is (a restore); `false` if the id is taken.
    pub(super) fn insert(&mut self, id: String, execution: Execution) -> bool {
        if self.by_id.contains_key(&id) {
            return false;
        }
        self.by_start.insert((execution.started, id.clone()));
        self.by_id.insert(id, execution);
        true
    }

    /// Forgets the execution with ARN id `id` (it ended).
    pub(super) fn remove(&mut self, id: &str) {
        if let Some(execution) = self.by_id.remove(id) {
            self.by_start.remove(&(execution.started, id.to_owned()));
        }
    }
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
    /// Shared, not copied, when a role, logging or tracing change makes a new revision.
    pub(super) definition: Arc<str>,
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
    pub(super) created: Timestamp,
    pub(super) updated: Timestamp,
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

/// An execution: what it runs, how it was started, and how it ended.
#[derive(Clone, Debug)]
pub(super) struct Execution {
    /// Start order of a standard execution within its state machine, from 1: the
    /// ListExecutions key. 0 for an express execution.
    pub(super) seq: u64,
    pub(super) arn: ExecutionRef,
    pub(super) name: ExecutionName,
    /// The revision it runs, pinned at start: later updates, publishes, alias changes and
    /// version deletes never change it.
    pub(super) revision: Arc<Revision>,
    pub(super) version: Option<StateMachineVersionArn>,
    pub(super) alias: Option<StateMachineAliasArn>,
    pub(super) input: String,
    pub(super) trace_header: Option<String>,
    pub(super) status: RunStatus,
    pub(super) started: Timestamp,
    pub(super) stopped: Option<Timestamp>,
    pub(super) output: Option<String>,
    pub(super) error: Option<String>,
    pub(super) cause: Option<String>,
    /// The states the embedder reported entering and leaving, in order (history events).
    pub(super) state_events: Vec<StateEventRecord>,
}

impl Execution {
    /// What the execution is associated with ([`Association`]): its version, and the alias it
    /// was started through.
    pub(super) fn associations(&self) -> Vec<Association> {
        let version = self.version.as_ref().map(|v| Association::Version(v.version()));
        // The alias part of an alias ARN the registry made is a valid alias name.
        let alias = self
            .alias
            .as_ref()
            .and_then(|a| AliasName::new(a.alias_name()).ok())
            .map(Association::Alias);
        version.into_iter().chain(alias).collect()
    }
}

/// A state event the embedder reported, and when.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct StateEventRecord {
    pub(super) at: Timestamp,
    pub(super) event: super::executions::StateEvent,
}

/// An execution's status. `PENDING_REDRIVE` is a Map Run child's, which the registry has none of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(super) enum RunStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

impl RunStatus {
    /// The status of a wire value; `None` for `PENDING_REDRIVE`, which no execution here has.
    pub(super) fn from_wire(status: &ExecutionStatus) -> Option<Self> {
        match status {
            ExecutionStatus::Running => Some(RunStatus::Running),
            ExecutionStatus::Succeeded => Some(RunStatus::Succeeded),
            ExecutionStatus::Failed => Some(RunStatus::Failed),
            ExecutionStatus::TimedOut => Some(RunStatus::TimedOut),
            ExecutionStatus::Aborted => Some(RunStatus::Aborted),
            _ => None,
        }
    }

    pub(super) fn to_wire(self) -> ExecutionStatus {
        match self {
            RunStatus::Running => ExecutionStatus::Running,
            RunStatus::Succeeded => ExecutionStatus::Succeeded,
            RunStatus::Failed => ExecutionStatus::Failed,
            RunStatus::TimedOut => ExecutionStatus::TimedOut,
            RunStatus::Aborted => ExecutionStatus::Aborted,
        }
    }
}

impl StateMachine {
    /// How many standard executions are running. (Express executions never hold a state machine
    /// back from deletion.)
    pub(super) fn running(&self) -> usize {
        self.execution_index.running()
    }

    /// `StateMachineDeleting` once DeleteStateMachine was called.
    pub(super) fn ensure_active(&self) -> Result<()> {
        if self.deleting {
            Err(Error::state_machine_deleting(self.arn.as_str()))
        } else {
            Ok(())
        }
    }

    /// The standard execution with start order `seq`: at position `seq - 1`, since standard
    /// executions are numbered from 1 in start order and only leave with their state machine.
    pub(super) fn execution_by_seq(&self, seq: u64) -> Option<&Execution> {
        let index = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.executions
            .get_index(index)
            .map(|(_, e)| e)
            .filter(|e| e.seq == seq)
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
