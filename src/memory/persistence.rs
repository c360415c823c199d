//! Durable state for embedders, without I/O: a versioned [`Snapshot`] of the whole registry, and
//! a log of [`Change`]s (every acknowledged write) to persist one write at a time.
//!
//! A restore yields a registry that answers every read as the original did and continues exactly
//! where it left off: the next version number, the next revision id, the next routed pick.
//! The embedder persists; the crate only turns state into values and back.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use rand::rngs::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::executions::ExecutionOutcome;
use super::model::{
    Alias, CreateOptions, Execution, Logging, Revision, RevisionConfig, RunStatus, StateEventRecord, StateMachine,
    Version,
};
use super::{InMemoryRegistry, InMemoryRegistryBuilder};
use crate::arn::{ArnScope, ExecutionRef, StateMachineAliasArn, StateMachineArn, StateMachineVersionArn};
use crate::dto::{EncryptionConfiguration, RevisionId, StateMachineType};
use crate::error::{Error, ErrorCode, Result};
use crate::json::Operation;
use crate::name::{AliasName, ExecutionName, StateMachineName, VersionNumber};
use crate::routing::RoutingConfiguration;
use crate::time::Timestamp;

/// The snapshot format this crate writes and reads.
const FORMAT: u32 = 1;

/// Why a snapshot or a change could not be read or applied. Nothing is restored then.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SnapshotError(String);

impl SnapshotError {
    fn inconsistent(detail: impl fmt::Display) -> Self {
        SnapshotError(format!("inconsistent snapshot: {detail}"))
    }
}

/// A versioned, serializable image of a whole [`InMemoryRegistry`]: scope, seed and RNG state,
/// state machines with their revisions, versions, aliases, tags and executions, and every counter.
///
/// Its serde form is self-describing JSON with a `format` number; [`Snapshot::from_json`] refuses
/// an unknown format, a truncated or corrupt document, or one whose parts do not fit together.
/// Revisions are stored once each and referred to by index, as the registry shares them.
///
/// ```
/// use sfn_registry::dto::CreateStateMachineInput;
/// use sfn_registry::{InMemoryRegistry, Registry, Snapshot};
///
/// let mut registry = InMemoryRegistry::builder().seed(9).build()?;
/// let definition = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
/// registry.create_state_machine(CreateStateMachineInput::new("jobs", definition, "arn:aws:iam::123456789012:role/r"))?;
///
/// let bytes = registry.snapshot().to_json();
/// let restored = InMemoryRegistry::builder().restore(Snapshot::from_json(&bytes)?)?;
/// assert_eq!(restored.snapshot().to_json(), bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    format: u32,
    partition: String,
    region: String,
    account_id: String,
    seed: u64,
    rng: Xoshiro256PlusPlus,
    next_state_machine_seq: u64,
    state_machines: Vec<StateMachineImage>,
}

impl Snapshot {
    /// The snapshot as JSON.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        // Plain data with string keys: serialization cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a snapshot written by [`Snapshot::to_json`].
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] for bytes that are not a snapshot (corrupt or truncated JSON, missing
    /// members) or a snapshot of another format version.
    pub fn from_json(bytes: &[u8]) -> std::result::Result<Self, SnapshotError> {
        #[derive(Deserialize)]
        struct Header {
            format: u32,
        }
        let header: Header =
            serde_json::from_slice(bytes).map_err(|e| SnapshotError(format!("not a registry snapshot: {e}")))?;
        if header.format != FORMAT {
            return Err(SnapshotError(format!(
                "unsupported snapshot format {} (this version of sfn-registry reads format {FORMAT})",
                header.format
            )));
        }
        serde_json::from_slice(bytes).map_err(|e| SnapshotError(format!("corrupt registry snapshot: {e}")))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct StateMachineImage {
    seq: u64,
    name: StateMachineName,
    kind: StateMachineType,
    created: Timestamp,
    /// Every revision still referred to, each once.
    revisions: Vec<RevisionImage>,
    /// Index in `revisions` of the current revision.
    current: usize,
    encryption: Option<EncryptionConfiguration>,
    created_with_publish: bool,
    created_with_version_description: Option<String>,
    versions: Vec<VersionImage>,
    next_version: Option<VersionNumber>,
    aliases: Vec<AliasImage>,
    next_alias_seq: u64,
    tags: Vec<(String, String)>,
    deleting: bool,
    executions: Vec<ExecutionImage>,
    express_executions: Vec<ExecutionImage>,
    next_execution_seq: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct RevisionImage {
    id: Option<RevisionId>,
    definition: String,
    role_arn: String,
    logging: Logging,
    tracing: bool,
    created: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct VersionImage {
    number: VersionNumber,
    revision: usize,
    description: Option<String>,
    encryption: Option<EncryptionConfiguration>,
    created: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct AliasImage {
    seq: u64,
    name: AliasName,
    description: Option<String>,
    routing: RoutingConfiguration,
    created: Timestamp,
    updated: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ExecutionImage {
    seq: u64,
    arn: ExecutionRef,
    name: ExecutionName,
    revision: usize,
    version: Option<StateMachineVersionArn>,
    alias: Option<StateMachineAliasArn>,
    input: String,
    trace_header: Option<String>,
    status: RunStatus,
    started: Timestamp,
    stopped: Option<Timestamp>,
    output: Option<String>,
    error: Option<String>,
    cause: Option<String>,
    #[serde(default)]
    state_events: Vec<StateEventRecord>,
}

/// Numbers the distinct revisions of a state machine, so each is stored once.
#[derive(Default)]
struct RevisionTable {
    images: Vec<RevisionImage>,
    index: HashMap<*const Revision, usize>,
}

impl RevisionTable {
    fn index_of(&mut self, revision: &Arc<Revision>) -> usize {
        *self.index.entry(Arc::as_ptr(revision)).or_insert_with(|| {
            self.images.push(RevisionImage {
                id: revision.id,
                definition: revision.config.definition.to_string(),
                role_arn: revision.config.role_arn.clone(),
                logging: revision.config.logging.clone(),
                tracing: revision.config.tracing,
                created: revision.created,
            });
            self.images.len() - 1
        })
    }
}

fn execution_image(e: &Execution, revisions: &mut RevisionTable) -> ExecutionImage {
    ExecutionImage {
        seq: e.seq,
        arn: e.arn.clone(),
        name: e.name.clone(),
        revision: revisions.index_of(&e.revision),
        version: e.version.clone(),
        alias: e.alias.clone(),
        input: e.input.clone(),
        trace_header: e.trace_header.clone(),
        status: e.status,
        started: e.started,
        stopped: e.stopped,
        output: e.output.clone(),
        error: e.error.clone(),
        cause: e.cause.clone(),
        state_events: e.state_events.clone(),
    }
}

fn state_machine_image(sm: &StateMachine) -> StateMachineImage {
    let mut revisions = RevisionTable::default();
    let current = revisions.index_of(&sm.revision);
    let versions = sm
        .versions
        .values()
        .map(|v| VersionImage {
            number: v.arn.version(),
            revision: revisions.index_of(&v.revision),
            description: v.description.clone(),
            encryption: v.encryption.clone(),
            created: v.created,
        })
        .collect();
    let executions = sm
        .executions
        .values()
        .map(|e| execution_image(e, &mut revisions))
        .collect();
    let express_executions = sm
        .express_executions
        .values()
        .map(|e| execution_image(e, &mut revisions))
        .collect();
    StateMachineImage {
        seq: sm.seq,
        name: sm.name.clone(),
        kind: sm.kind.clone(),
        created: sm.created,
        revisions: revisions.images,
        current,
        encryption: sm.encryption.clone(),
        created_with_publish: sm.created_with.publish,
        created_with_version_description: sm.created_with.version_description.clone(),
        versions,
        next_version: sm.next_version,
        aliases: sm
            .aliases
            .values()
            .map(|a| AliasImage {
                seq: a.seq,
                name: a.name.clone(),
                description: a.description.clone(),
                routing: a.routing.clone(),
                created: a.created,
                updated: a.updated,
            })
            .collect(),
        next_alias_seq: sm.next_alias_seq,
        tags: sm.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        deleting: sm.deleting,
        executions,
        express_executions,
        next_execution_seq: sm.next_execution_seq,
    }
}

/// Rebuilds a state machine from its image, checking that its parts fit together.
fn state_machine_from(image: StateMachineImage, scope: &ArnScope) -> std::result::Result<StateMachine, SnapshotError> {
    let name = image.name.as_str().to_owned();
    let bad = |detail: &str| SnapshotError::inconsistent(format_args!("state machine {name}: {detail}"));
    let arn = StateMachineArn::new(scope, &image.name);
    let revisions: Vec<Arc<Revision>> = image
        .revisions
        .into_iter()
        .map(|r| {
            Arc::new(Revision {
                id: r.id,
                config: RevisionConfig {
                    definition: r.definition.into(),
                    role_arn: r.role_arn,
                    logging: r.logging,
                    tracing: r.tracing,
                },
                created: r.created,
            })
        })
        .collect();
    let revision = |i: usize| {
        revisions
            .get(i)
            .cloned()
            .ok_or_else(|| bad("refers to a missing revision"))
    };

    let mut versions = BTreeMap::new();
    for v in image.versions {
        if image.next_version.is_some_and(|next| v.number >= next) {
            return Err(bad("a version number is not below the next one"));
        }
        let version = Version {
            arn: arn.version(v.number),
            revision: revision(v.revision)?,
            description: v.description,
            encryption: v.encryption,
            created: v.created,
        };
        if versions.insert(v.number, version).is_some() {
            return Err(bad("a version appears twice"));
        }
    }

    let mut aliases = IndexMap::new();
    for a in image.aliases {
        if a.seq >= image.next_alias_seq || aliases.last().is_some_and(|(_, last): (_, &Alias)| last.seq >= a.seq) {
            return Err(bad("aliases are out of order"));
        }
        if a.routing.state_machine_arn() != arn
            || a.routing
                .routes()
                .iter()
                .any(|r| !versions.contains_key(&r.version().version()))
        {
            return Err(bad("an alias routes to a version that does not exist"));
        }
        let alias = Alias {
            seq: a.seq,
            arn: arn.alias(&a.name),
            name: a.name.clone(),
            description: a.description,
            routing: a.routing,
            created: a.created,
            updated: a.updated,
        };
        if aliases.insert(a.name, alias).is_some() {
            return Err(bad("an alias appears twice"));
        }
    }

    let execution = |e: ExecutionImage| -> std::result::Result<Execution, SnapshotError> {
        if e.arn.state_machine_arn() != arn || e.arn.execution_name() != e.name.as_str() {
            return Err(bad("an execution's ARN does not match it"));
        }
        Ok(Execution {
            seq: e.seq,
            arn: e.arn,
            name: e.name,
            revision: revision(e.revision)?,
            version: e.version,
            alias: e.alias,
            input: e.input,
            trace_header: e.trace_header,
            status: e.status,
            started: e.started,
            stopped: e.stopped,
            output: e.output,
            error: e.error,
            cause: e.cause,
            state_events: e.state_events,
        })
    };
    let mut executions = IndexMap::new();
    let mut executions_by_version: HashMap<VersionNumber, Vec<u64>> = HashMap::new();
    let mut executions_by_alias: HashMap<AliasName, Vec<u64>> = HashMap::new();
    let mut executions_by_status: HashMap<RunStatus, BTreeSet<u64>> = HashMap::new();
    let next_execution_seq = image.next_execution_seq;
    for (position, standard) in image.executions.into_iter().enumerate() {
        let e = execution(standard)?;
        if !matches!(e.arn, ExecutionRef::Standard(_)) || e.seq != position as u64 + 1 || e.seq >= next_execution_seq {
            return Err(bad("standard executions are out of order"));
        }
        match (&e.alias, &e.version) {
            (Some(alias), _) => executions_by_alias.entry(alias_name(alias)?).or_default().push(e.seq),
            (None, Some(version)) => executions_by_version.entry(version.version()).or_default().push(e.seq),
            (None, None) => {}
        }
        executions_by_status.entry(e.status).or_default().insert(e.seq);
        if executions.insert(e.name.clone(), e).is_some() {
            return Err(bad("an execution name appears twice"));
        }
    }
    let mut express_executions = IndexMap::new();
    for express in image.express_executions {
        let e = execution(express)?;
        let ExecutionRef::Express(express) = &e.arn else {
            return Err(bad("a standard execution is listed as express"));
        };
        express_executions.insert(express.id().to_owned(), e);
    }
    let running = executions_by_status.get(&RunStatus::Running).map_or(0, BTreeSet::len);
    if image.deleting && running == 0 {
        return Err(bad("deleting with no running execution"));
    }

    Ok(StateMachine {
        seq: image.seq,
        arn,
        name: image.name,
        kind: image.kind,
        created: image.created,
        revision: revision(image.current)?,
        encryption: image.encryption,
        created_with: CreateOptions {
            publish: image.created_with_publish,
            version_description: image.created_with_version_description,
        },
        versions,
        next_version: image.next_version,
        aliases,
        next_alias_seq: image.next_alias_seq,
        tags: image.tags.into_iter().collect(),
        deleting: image.deleting,
        executions,
        express_executions,
        executions_by_version,
        executions_by_alias,
        next_execution_seq,
        executions_by_status,
    })
}

fn alias_name(arn: &StateMachineAliasArn) -> std::result::Result<AliasName, SnapshotError> {
    AliasName::new(arn.alias_name()).map_err(SnapshotError::inconsistent)
}

/// One acknowledged write, in the order the registry applied it: the operation, its input, and
/// the time the registry read from its clock. Replaying the changes, in order, on the snapshot
/// taken before them yields the same registry (the RNG is part of the state, and failed requests
/// neither change state nor appear as changes).
///
/// Persist each change before acknowledging the write it records (see
/// [`InMemoryRegistry::take_changes`]); the cost of a change depends on its request, not on the
/// size of the registry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Change {
    /// When the write happened, by the registry's clock.
    pub at: Timestamp,
    /// The operation's wire name (`CreateStateMachine`, …), or `EndExecution` for
    /// [`InMemoryRegistry::end_execution`].
    pub operation: String,
    /// The request, in its wire form.
    pub input: Value,
}

/// The request of the embedder's `RecordStateEvent`, as a [`Change`] records it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StateEventChange {
    pub(super) execution_arn: ExecutionRef,
    pub(super) event: super::executions::StateEvent,
}

/// The request of the embedder's `EndExecution`, as a [`Change`] records it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EndExecutionChange {
    pub(super) execution_arn: ExecutionRef,
    pub(super) outcome: ExecutionOutcome,
}

impl InMemoryRegistryBuilder {
    /// Records every acknowledged write as a [`Change`], for the embedder to persist
    /// ([`InMemoryRegistry::take_changes`]). Off by default.
    #[must_use]
    pub fn record_changes(mut self, record: bool) -> Self {
        self.record_changes = record;
        self
    }

    /// The registry `snapshot` describes, with this builder's clock, definition validator and
    /// change recording. The scope, seed and RNG state come from the snapshot.
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] if the snapshot's parts do not fit together (a state machine whose
    /// alias routes to a missing version, executions out of order, an ARN of another scope, …).
    pub fn restore(self, snapshot: Snapshot) -> std::result::Result<InMemoryRegistry, SnapshotError> {
        let scope = ArnScope::new(snapshot.partition, snapshot.region, snapshot.account_id)
            .map_err(SnapshotError::inconsistent)?;
        let mut state_machines = IndexMap::new();
        for image in snapshot.state_machines {
            if image.seq >= snapshot.next_state_machine_seq
                || state_machines
                    .last()
                    .is_some_and(|(_, last): (_, &StateMachine)| last.seq >= image.seq)
            {
                return Err(SnapshotError::inconsistent("state machines are out of order"));
            }
            let sm = state_machine_from(image, &scope)?;
            if state_machines.insert(sm.name.clone(), sm).is_some() {
                return Err(SnapshotError::inconsistent("a state machine appears twice"));
            }
        }
        let mut registry = self.build_with(scope);
        registry.seed = snapshot.seed;
        registry.rng = snapshot.rng;
        registry.state_machines = state_machines;
        registry.next_state_machine_seq = snapshot.next_state_machine_seq;
        Ok(registry)
    }

    /// [`restore`](Self::restore), then replays `changes` in order: the registry as it was after
    /// the last of them.
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] if the snapshot is inconsistent or a change cannot be applied (it does
    /// not follow from the snapshot); nothing is returned then, not a partial registry.
    pub fn restore_with_changes<'a>(
        self,
        snapshot: Snapshot,
        changes: impl IntoIterator<Item = &'a Change>,
    ) -> std::result::Result<InMemoryRegistry, SnapshotError> {
        let mut registry = self.restore(snapshot)?;
        for (i, change) in changes.into_iter().enumerate() {
            registry
                .apply_change(change)
                .map_err(|e| SnapshotError(format!("change {} ({}) does not apply: {e}", i + 1, change.operation)))?;
        }
        Ok(registry)
    }
}

impl InMemoryRegistry {
    /// A snapshot of the whole registry: every state machine, revision, version, alias, tag and
    /// execution, the counters, and the RNG state.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            format: FORMAT,
            partition: self.scope.partition().to_owned(),
            region: self.scope.region().to_owned(),
            account_id: self.scope.account_id().to_owned(),
            seed: self.seed,
            rng: self.rng.clone(),
            next_state_machine_seq: self.next_state_machine_seq,
            state_machines: self.state_machines.values().map(state_machine_image).collect(),
        }
    }

    /// The writes acknowledged since the last call, oldest first, when the registry records
    /// changes ([`InMemoryRegistryBuilder::record_changes`]); empty otherwise.
    ///
    /// An embedder that must not lose an acknowledged write persists these before it answers the
    /// request that made them, and restores with
    /// [`InMemoryRegistryBuilder::restore_with_changes`].
    pub fn take_changes(&mut self) -> Vec<Change> {
        self.changes.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Applies one recorded change, as the write it records did, at the time it records.
    ///
    /// # Errors
    ///
    /// The error the write gives now, if it does not apply to the registry as it is (the change
    /// does not follow from this state); the registry is then unchanged.
    pub fn apply_change(&mut self, change: &Change) -> Result<()> {
        let recording = self.changes.take();
        self.frozen_now = Some(change.at);
        let serialization = |e: serde_json::Error| Error::new(ErrorCode::SerializationException, e.to_string());
        let result = if change.operation == "EndExecution" {
            serde_json::from_value::<EndExecutionChange>(change.input.clone())
                .map_err(serialization)
                .and_then(|c| self.end_execution(&c.execution_arn, c.outcome))
        } else if change.operation == "RecordStateEvent" {
            serde_json::from_value::<StateEventChange>(change.input.clone())
                .map_err(serialization)
                .and_then(|c| self.record_state_event(&c.execution_arn, c.event))
        } else {
            match Operation::from_name(&change.operation) {
                Some(operation) => operation.call(self, change.input.clone()).map(drop),
                None => Err(Error::new(
                    ErrorCode::UnknownOperationException,
                    format!("Unknown operation in change: '{}'", change.operation),
                )),
            }
        };
        self.frozen_now = None;
        self.changes = recording;
        result
    }

    /// Runs the write `operation` with `input` at one instant of the clock, and records it as a
    /// [`Change`] if it succeeded and the registry records changes.
    pub(super) fn write<I: Serialize, O>(
        &mut self,
        operation: &str,
        input: I,
        apply: impl FnOnce(&mut Self, I) -> Result<O>,
    ) -> Result<O> {
        let outer = self.frozen_now;
        let at = outer.unwrap_or_else(|| self.clock.now());
        self.frozen_now = Some(at);
        let recorded = match (&self.changes, outer) {
            (Some(_), None) => Some(serde_json::to_value(&input)),
            _ => None,
        };
        let result = apply(self, input);
        self.frozen_now = outer;
        if result.is_ok()
            && let (Some(changes), Some(Ok(input))) = (self.changes.as_mut(), recorded)
        {
            changes.push(Change {
                at,
                operation: operation.to_owned(),
                input,
            });
        }
        result
    }
}
