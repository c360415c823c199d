//! Executions as the registry keeps them: compact records, found by name, numbered in start
//! order, and listed through indexes by association and status.
//!
//! A record is about a hundred bytes: the execution's ARN (whose text its name and the key it is
//! found by share), the revision it pinned, a pointer to how it was started ([`Via`], shared by
//! every execution started alike), its input and its status. What most executions never have
//! (a trace header, an end, state events) is boxed apart.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use indexmap::IndexSet;
use indexmap::set::MutableValues;

use super::executions::StateEvent;
use super::model::Revision;
use crate::arn::{ExecutionRef, StateMachineAliasArn, StateMachineVersionArn};
use crate::dto::ExecutionStatus;
use crate::name::{AliasName, ExecutionName, VersionNumber};
use crate::time::Timestamp;

/// How an execution was started: the version it runs and the alias that picked it, if any.
/// Shared by every execution started alike: a version keeps one for the executions started
/// with its ARN, an alias one per route.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Via {
    pub(super) version: StateMachineVersionArn,
    pub(super) alias: Option<StateMachineAliasArn>,
    /// The alias's name, what the alias index is keyed by.
    alias_name: Option<AliasName>,
}

impl Via {
    pub(super) fn new(version: StateMachineVersionArn, alias: Option<StateMachineAliasArn>) -> Arc<Via> {
        let alias_name = alias.as_ref().map(StateMachineAliasArn::shared_alias_name);
        Arc::new(Via {
            version,
            alias,
            alias_name,
        })
    }

    /// What an execution started this way is associated with: the version, and the alias.
    fn associations(&self) -> impl Iterator<Item = Association> + '_ {
        std::iter::once(Association::Version(self.version.version()))
            .chain(self.alias_name.iter().cloned().map(Association::Alias))
    }
}

/// An execution: what it runs, how it was started, and how it ended.
#[derive(Clone, Debug)]
pub(super) struct Execution {
    pub(super) arn: ExecutionRef,
    /// Its name: part of the ARN's text, shared.
    pub(super) name: ExecutionName,
    /// The revision it runs, pinned at start: later updates, publishes, alias changes and
    /// version deletes never change it.
    pub(super) revision: Arc<Revision>,
    /// The version and alias it was started through; `None` for the unqualified ARN.
    pub(super) via: Option<Arc<Via>>,
    /// `None` for `{}`, the input of a start that gives none.
    input: Option<Box<str>>,
    pub(super) status: RunStatus,
    pub(super) started: Timestamp,
    tail: Option<Box<Tail>>,
}

/// What few executions have from the start, and what an execution gets as it runs and ends.
#[derive(Clone, Debug, Default)]
struct Tail {
    trace_header: Option<String>,
    stopped: Option<Timestamp>,
    output: Option<String>,
    error: Option<String>,
    cause: Option<String>,
    /// The states the embedder reported entering and leaving, in order (history events).
    state_events: Vec<StateEventRecord>,
}

/// How an execution ended: its status, when, and its output or error and cause.
pub(super) struct Ending {
    pub(super) status: RunStatus,
    pub(super) stopped: Timestamp,
    pub(super) output: Option<String>,
    pub(super) error: Option<String>,
    pub(super) cause: Option<String>,
}

impl Execution {
    /// An execution that starts running at `started`.
    pub(super) fn start(
        arn: ExecutionRef,
        revision: Arc<Revision>,
        via: Option<Arc<Via>>,
        input: Option<String>,
        trace_header: Option<String>,
        started: Timestamp,
    ) -> Self {
        Execution {
            name: arn.shared_execution_name(),
            arn,
            revision,
            via,
            input: input.filter(|i| i != "{}").map(String::into_boxed_str),
            status: RunStatus::Running,
            started,
            tail: trace_header.map(|header| {
                Box::new(Tail {
                    trace_header: Some(header),
                    ..Tail::default()
                })
            }),
        }
    }

    /// An execution as a snapshot holds it.
    pub(super) fn restore(
        start: Execution,
        status: RunStatus,
        stopped: Option<Timestamp>,
        output: Option<String>,
        error: Option<String>,
        cause: Option<String>,
        state_events: Vec<StateEventRecord>,
    ) -> Self {
        let mut e = start;
        e.status = status;
        if stopped.is_some() || output.is_some() || error.is_some() || cause.is_some() || !state_events.is_empty() {
            let tail = e.tail_mut();
            tail.stopped = stopped;
            tail.output = output;
            tail.error = error;
            tail.cause = cause;
            tail.state_events = state_events;
        }
        e
    }

    fn tail_mut(&mut self) -> &mut Tail {
        self.tail.get_or_insert_with(Box::default)
    }

    pub(super) fn input(&self) -> &str {
        self.input.as_deref().unwrap_or("{}")
    }

    pub(super) fn version(&self) -> Option<&StateMachineVersionArn> {
        self.via.as_ref().map(|v| &v.version)
    }

    pub(super) fn alias(&self) -> Option<&StateMachineAliasArn> {
        self.via.as_ref().and_then(|v| v.alias.as_ref())
    }

    pub(super) fn trace_header(&self) -> Option<&str> {
        self.tail.as_ref()?.trace_header.as_deref()
    }

    pub(super) fn stopped(&self) -> Option<Timestamp> {
        self.tail.as_ref()?.stopped
    }

    pub(super) fn output(&self) -> Option<&str> {
        self.tail.as_ref()?.output.as_deref()
    }

    pub(super) fn error(&self) -> Option<&str> {
        self.tail.as_ref()?.error.as_deref()
    }

    pub(super) fn cause(&self) -> Option<&str> {
        self.tail.as_ref()?.cause.as_deref()
    }

    pub(super) fn state_events(&self) -> &[StateEventRecord] {
        self.tail.as_ref().map_or(&[], |t| &t.state_events)
    }

    pub(super) fn record_state_event(&mut self, record: StateEventRecord) {
        self.tail_mut().state_events.push(record);
    }

    /// The execution ended.
    pub(super) fn end(&mut self, ending: Ending) {
        self.status = ending.status;
        let tail = self.tail_mut();
        tail.stopped = Some(ending.stopped);
        tail.output = ending.output;
        tail.error = ending.error;
        tail.cause = ending.cause;
    }
}

/// A state event the embedder reported, and when.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct StateEventRecord {
    pub(super) at: Timestamp,
    pub(super) event: StateEvent,
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

    /// Its place in a [`ByStatus`].
    fn slot(self) -> usize {
        self as usize
    }
}

/// What a standard execution is associated with besides its state machine, as AWS's
/// documentation words it: the version it was started with, or the alias it was started
/// through and the version that alias picked (an execution of the unqualified ARN has none,
/// even when a version has the same revision). ListExecutions given a version or an alias ARN
/// lists the executions associated with it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Association {
    /// This version: started with its ARN, or through an alias that picked it.
    Version(VersionNumber),
    /// The alias of this name: started through it.
    Alias(AliasName),
}

/// Start orders (from 1) by status, ascending.
type ByStatus = [BTreeSet<u64>; 5];

/// The executions associated with a version or an alias: all, and by status.
#[derive(Clone, Debug, Default)]
struct Associated {
    all: Vec<u64>,
    by_status: ByStatus,
}

/// An execution found by its name.
#[derive(Clone, Debug)]
struct ByName(Execution);

impl Borrow<str> for ByName {
    fn borrow(&self) -> &str {
        self.0.name.as_str()
    }
}

impl PartialEq for ByName {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for ByName {}

impl Hash for ByName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.name.as_str().hash(state);
    }
}

/// A state machine's standard executions: found by name, numbered 1, 2, 3, … in start order
/// (their place in the table plus one: they leave only with their state machine), and indexed
/// by association and status, so that every ListExecutions page (given the state machine, a
/// version or an alias ARN, with a `statusFilter` or not) costs in proportion to the page.
#[derive(Clone, Debug, Default)]
pub(super) struct Executions {
    by_name: IndexSet<ByName>,
    by_status: ByStatus,
    /// A few versions and aliases: a small ordered map finds one faster than hashing its name.
    by_association: BTreeMap<Association, Associated>,
}

impl Executions {
    pub(super) fn len(&self) -> usize {
        self.by_name.len()
    }

    /// The start order the next execution gets.
    pub(super) fn next_seq(&self) -> u64 {
        self.by_name.len() as u64 + 1
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.by_name.contains(name)
    }

    pub(super) fn get(&self, name: &str) -> Option<&Execution> {
        self.by_name.get(name).map(|e| &e.0)
    }

    /// The execution named `name`, to change (never its name).
    pub(super) fn get_mut(&mut self, name: &str) -> Option<&mut Execution> {
        self.by_name.get_full_mut2(name).map(|(_, e)| &mut e.0)
    }

    /// The execution with start order `seq`.
    pub(super) fn by_seq(&self, seq: u64) -> Option<&Execution> {
        let index = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.by_name.get_index(index).map(|e| &e.0)
    }

    /// Every execution, in start order, with its start order.
    pub(super) fn iter(&self) -> impl DoubleEndedIterator<Item = (u64, &Execution)> + ExactSizeIterator {
        self.by_name.iter().enumerate().map(|(i, e)| (i as u64 + 1, &e.0))
    }

    /// Adds `execution`, the newest; `false` (and nothing added) if its name is taken.
    pub(super) fn add(&mut self, execution: Execution) -> bool {
        let seq = self.next_seq();
        let (status, via) = (execution.status, execution.via.clone());
        if !self.by_name.insert(ByName(execution)) {
            return false;
        }
        self.by_status[status.slot()].insert(seq);
        for association in via.iter().flat_map(|v| v.associations()) {
            let associated = match self.by_association.get_mut(&association) {
                Some(associated) => associated,
                None => self.by_association.entry(association).or_default(),
            };
            associated.all.push(seq);
            associated.by_status[status.slot()].insert(seq);
        }
        true
    }

    /// Records that execution `name` went from status `from` to the status it has now.
    pub(super) fn status_changed(&mut self, name: &str, from: RunStatus) {
        let Some((index, e)) = self.by_name.get_full(name) else {
            return;
        };
        let (seq, to) = (index as u64 + 1, e.0.status);
        self.by_status[from.slot()].remove(&seq);
        self.by_status[to.slot()].insert(seq);
        for association in e.0.via.iter().flat_map(|v| v.associations()) {
            if let Some(associated) = self.by_association.get_mut(&association) {
                associated.by_status[from.slot()].remove(&seq);
                associated.by_status[to.slot()].insert(seq);
            }
        }
    }

    /// The start orders of those associated with `association`, ascending.
    pub(super) fn associated_with(&self, association: &Association) -> &[u64] {
        self.by_association.get(association).map_or(&[], |a| a.all.as_slice())
    }

    /// The start orders of those in `status` associated with `association` (`None`: all of
    /// them), ascending.
    pub(super) fn in_status(&self, association: Option<&Association>, status: RunStatus) -> Option<&BTreeSet<u64>> {
        match association {
            None => Some(&self.by_status[status.slot()]),
            Some(association) => self
                .by_association
                .get(association)
                .map(|a| &a.by_status[status.slot()]),
        }
    }

    /// How many are running.
    pub(super) fn running(&self) -> usize {
        self.by_status[RunStatus::Running.slot()].len()
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

/// The [`Via`]s of executions read back from a snapshot, each made once.
#[derive(Default)]
pub(super) struct Vias(HashSet<ViaKey>);

/// A [`Via`] found by its two ARNs.
#[derive(PartialEq, Eq, Hash)]
struct ViaKey(Arc<Via>);

impl Vias {
    /// The `Via` of `version` and `alias`, shared with the executions read before.
    pub(super) fn of(&mut self, version: StateMachineVersionArn, alias: Option<StateMachineAliasArn>) -> Arc<Via> {
        let key = ViaKey(Via::new(version, alias));
        if let Some(ViaKey(known)) = self.0.get(&key) {
            return Arc::clone(known);
        }
        let via = Arc::clone(&key.0);
        self.0.insert(key);
        via
    }
}

impl Hash for Via {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.version.hash(state);
        self.alias.hash(state);
    }
}
