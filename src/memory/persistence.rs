//! Durable state for embedders, without I/O: a versioned [`Snapshot`] of the whole registry, and
//! a log of [`Change`]s (every acknowledged write) to persist one write at a time.
//!
//! A restore yields a registry that answers every read as the original did and continues exactly
//! where it left off: the next version number, the next revision id, the next routed pick.
//! The embedder persists; the crate only turns state into values and back.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use rand::rngs::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::definitions::Definitions;
use super::executions::ExecutionOutcome;
use super::executions::MAX_HISTORY_EVENTS;
use super::model::{Alias, CreateOptions, Logging, Revision, RevisionConfig, StateMachine, StateMachines, Version};
use super::records::{Execution, Executions, ExpressExecutions, RunStatus, StateEventRecord, Vias};
use super::{InMemoryRegistry, InMemoryRegistryBuilder, quota};
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
#[error("{message}")]
pub struct SnapshotError {
    kind: SnapshotErrorKind,
    message: String,
}

/// What kind of [`SnapshotError`] it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SnapshotErrorKind {
    /// Not a snapshot: corrupt or truncated JSON, or missing or unknown members.
    Corrupt,
    /// A snapshot of a format this version of the crate does not read.
    UnsupportedFormat,
    /// A well-formed snapshot whose parts do not fit together.
    Inconsistent,
    /// A change that does not apply to the registry it was replayed on.
    ChangeDoesNotApply,
    /// A change that applied but did not reproduce the result it records.
    ChangeDiverged,
}

impl SnapshotError {
    pub(crate) fn new(kind: SnapshotErrorKind, message: impl Into<String>) -> Self {
        SnapshotError {
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn inconsistent(detail: impl fmt::Display) -> Self {
        SnapshotError::new(
            SnapshotErrorKind::Inconsistent,
            format!("inconsistent snapshot: {detail}"),
        )
    }

    /// What kind of error it is.
    #[must_use]
    pub fn kind(&self) -> SnapshotErrorKind {
        self.kind
    }
}

/// The largest counter a snapshot may hold: far beyond any real registry, and far from overflow.
const MAX_COUNTER: u64 = 1 << 53;

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
#[serde(deny_unknown_fields)]
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
        check_format(bytes, FORMAT, "registry snapshot", "snapshot")?;
        serde_json::from_slice(bytes)
            .map_err(|e| SnapshotError::new(SnapshotErrorKind::Corrupt, format!("corrupt registry snapshot: {e}")))
    }
}

/// The first check of every kind of snapshot: `bytes` are a JSON object whose `format` member is
/// `expected`. `what` names the kind in the error for bytes that are not one ("not a {what}"),
/// `format_of` in the error for another format ("unsupported {format_of} format").
pub(crate) fn check_format(
    bytes: &[u8],
    expected: u32,
    what: &str,
    format_of: &str,
) -> std::result::Result<(), SnapshotError> {
    #[derive(Deserialize)]
    struct Header {
        format: u32,
    }
    let header: Header = serde_json::from_slice(bytes)
        .map_err(|e| SnapshotError::new(SnapshotErrorKind::Corrupt, format!("not a {what}: {e}")))?;
    if header.format != expected {
        return Err(SnapshotError::new(
            SnapshotErrorKind::UnsupportedFormat,
            format!(
                "unsupported {format_of} format {} (this version of sfn-registry reads format {expected})",
                header.format
            ),
        ));
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
struct RevisionImage {
    id: Option<RevisionId>,
    definition: String,
    role_arn: String,
    logging: Logging,
    tracing: bool,
    created: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionImage {
    number: VersionNumber,
    revision: usize,
    description: Option<String>,
    encryption: Option<EncryptionConfiguration>,
    created: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasImage {
    seq: u64,
    name: AliasName,
    description: Option<String>,
    routing: RoutingConfiguration,
    created: Timestamp,
    updated: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// The image of execution `e`, whose start order is `seq` (0 for an express execution).
fn execution_image(seq: u64, e: &Execution, revisions: &mut RevisionTable) -> ExecutionImage {
    ExecutionImage {
        seq,
        arn: e.arn.clone(),
        name: e.name.clone(),
        revision: revisions.index_of(&e.revision),
        version: e.version().cloned(),
        alias: e.alias().cloned(),
        input: e.input().to_owned(),
        trace_header: e.trace_header().map(str::to_owned),
        status: e.status,
        started: e.started,
        stopped: e.stopped(),
        output: e.output().map(str::to_owned),
        error: e.error().map(str::to_owned),
        cause: e.cause().map(str::to_owned),
        state_events: e.state_events().to_vec(),
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
        .iter()
        .map(|(seq, e)| execution_image(seq, e, &mut revisions))
        .collect();
    let express_executions = sm
        .express_executions
        .all()
        .map(|e| execution_image(0, e, &mut revisions))
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
        next_execution_seq: sm.executions.next_seq(),
    }
}

/// Rebuilds a state machine from its image, checking that its parts fit together: whatever a
/// snapshot says, a restored registry must behave as one the API could have built.
fn state_machine_from(
    image: StateMachineImage,
    scope: &ArnScope,
    definitions: &mut Definitions,
) -> std::result::Result<StateMachine, SnapshotError> {
    let name = image.name.as_str().to_owned();
    let bad = |detail: &str| SnapshotError::inconsistent(format_args!("state machine {name}: {detail}"));
    if image.next_alias_seq > MAX_COUNTER || image.next_execution_seq > MAX_COUNTER {
        return Err(bad("a counter is out of range"));
    }
    let arn = StateMachineArn::new(scope, &image.name);
    let revisions: Vec<Arc<Revision>> = image
        .revisions
        .into_iter()
        .map(|r| {
            Arc::new(Revision {
                id: r.id,
                config: RevisionConfig {
                    definition: definitions.intern(r.definition),
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
        let version = Version::new(
            arn.version(v.number),
            revision(v.revision)?,
            v.description,
            v.encryption,
            v.created,
        );
        if versions.insert(v.number, version).is_some() {
            return Err(bad("a version appears twice"));
        }
    }
    if versions.len() > quota::VERSIONS_PER_STATE_MACHINE {
        return Err(bad("more versions than the quota"));
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
        let alias_arn = arn.alias(&a.name);
        let alias = Alias {
            seq: a.seq,
            vias: Alias::vias(&alias_arn, &a.routing),
            arn: alias_arn,
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
    if aliases.len() > quota::ALIASES_PER_STATE_MACHINE {
        return Err(bad("more aliases than the quota"));
    }

    let mut tags = IndexMap::new();
    for (key, value) in image.tags {
        if tags.insert(key, value).is_some() {
            return Err(bad("a tag key appears twice"));
        }
    }
    if tags.len() > quota::TAGS_PER_RESOURCE {
        return Err(bad("more tags than the quota"));
    }

    // How each execution was started, made once for the executions started alike.
    let mut vias = Vias::default();
    let mut execution = |e: ExecutionImage| -> std::result::Result<(u64, Execution), SnapshotError> {
        if e.arn.state_machine_arn() != arn || e.arn.execution_name() != e.name.as_str() {
            return Err(bad("an execution's ARN does not match it"));
        }
        if e.version.as_ref().is_some_and(|v| v.state_machine_arn() != arn)
            || e.alias.as_ref().is_some_and(|a| a.state_machine_arn() != arn)
            || (e.alias.is_some() && e.version.is_none())
        {
            return Err(bad("an execution names another state machine's version or alias"));
        }
        let ended = e.status != RunStatus::Running;
        if ended != e.stopped.is_some()
            || (e.output.is_some() && e.status != RunStatus::Succeeded)
            // ExecutionStarted and the terminal event count towards the cap, as when recorded.
            || e.state_events.len() + 2 > MAX_HISTORY_EVENTS
            || e.state_events.iter().any(|r| !r.event.is_recordable())
        {
            return Err(bad(
                "an execution's status does not fit its stop date, output or history",
            ));
        }
        let via = e.version.map(|version| vias.of(version, e.alias));
        let start = Execution::start(
            e.arn,
            revision(e.revision)?,
            via,
            Some(e.input),
            e.trace_header,
            e.started,
        );
        Ok((
            e.seq,
            Execution::restore(start, e.status, e.stopped, e.output, e.error, e.cause, e.state_events),
        ))
    };
    let standard = image.kind == StateMachineType::Standard;
    if !standard && !image.executions.is_empty() || standard && !image.express_executions.is_empty() {
        return Err(bad("executions of the other type"));
    }
    if image.next_execution_seq != image.executions.len() as u64 + 1 {
        return Err(bad("the execution counter does not follow the executions"));
    }
    let mut executions = Executions::default();
    for standard in image.executions {
        let (seq, e) = execution(standard)?;
        if !matches!(e.arn, ExecutionRef::Standard(_)) || seq != executions.next_seq() {
            return Err(bad("standard executions are out of order"));
        }
        if let Some(alias) = e.alias() {
            alias_name(alias)?;
        }
        if !executions.add(e) {
            return Err(bad("an execution name appears twice"));
        }
    }
    let mut express_executions = ExpressExecutions::default();
    for express in image.express_executions {
        let (seq, e) = execution(express)?;
        let ExecutionRef::Express(arn) = &e.arn else {
            return Err(bad("a standard execution is listed as express"));
        };
        if e.status != RunStatus::Running || seq != 0 {
            return Err(bad("an express execution that is not running"));
        }
        if !express_executions.insert(arn.id().to_owned(), e) {
            return Err(bad("an express execution appears twice"));
        }
    }
    if image.deleting && executions.running() == 0 {
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
        tags,
        deleting: image.deleting,
        executions,
        express_executions,
    })
}

fn alias_name(arn: &StateMachineAliasArn) -> std::result::Result<AliasName, SnapshotError> {
    AliasName::new(arn.alias_name()).map_err(SnapshotError::inconsistent)
}

/// One acknowledged write, in the order the registry applied it: the operation, its input, the
/// time the registry read from its clock, and the result it answered. Replaying the changes, in
/// order, on the snapshot taken before them yields the same registry (the RNG is part of the
/// state, and failed requests neither change state nor appear as changes); a replay checks that
/// each change gives its recorded result again, so a missing or reordered change, or a registry
/// that draws its randomness otherwise, is detected rather than silently diverging.
///
/// Persist each change before acknowledging the write it records (see
/// [`InMemoryRegistry::take_changes`]); the cost of a change depends on its request, not on the
/// size of the registry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Change {
    /// When the write happened, by the registry's clock.
    pub at: Timestamp,
    /// The operation's wire name (`CreateStateMachine`, …), or `EndExecution` /
    /// `RecordStateEvent` for [`InMemoryRegistry::end_execution`] /
    /// [`InMemoryRegistry::record_state_event`].
    pub operation: String,
    /// The request, in its wire form.
    pub input: Value,
    /// The result the write answered, in its wire form (`null` for the embedder's calls).
    pub output: Value,
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
        if snapshot.next_state_machine_seq > MAX_COUNTER {
            return Err(SnapshotError::inconsistent("the state machine counter is out of range"));
        }
        // An all-zero xoshiro state yields zeros forever (every generated name would collide).
        if serde_json::to_value(&snapshot.rng).ok() == Some(serde_json::json!({"s": [0, 0, 0, 0]})) {
            return Err(SnapshotError::inconsistent("the RNG state is all zeros"));
        }
        let mut state_machines = StateMachines::default();
        let mut definitions = Definitions::default();
        for image in snapshot.state_machines {
            if image.seq >= snapshot.next_state_machine_seq
                || state_machines.last_seq().is_some_and(|last| last >= image.seq)
            {
                return Err(SnapshotError::inconsistent("state machines are out of order"));
            }
            if !state_machines.insert(state_machine_from(image, &scope, &mut definitions)?) {
                return Err(SnapshotError::inconsistent("a state machine appears twice"));
            }
        }
        let mut registry = self.build_with(scope);
        registry.seed = snapshot.seed;
        registry.rng = snapshot.rng;
        registry.state_machines = state_machines;
        registry.definitions = definitions;
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
                .map_err(|e| SnapshotError::new(e.kind, format!("change {}: {e}", i + 1)))?;
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

    /// Applies one recorded change, as the write it records did, at the time it records, and
    /// checks that it gives the result it records. Definitions are not validated again: the
    /// change was acknowledged, whatever validator the registry now has.
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] of kind `ChangeDoesNotApply` if the write fails now (the registry is
    /// then unchanged), or of kind `ChangeDiverged` if it gives another result (the registry has
    /// then applied it: discard it).
    pub fn apply_change(&mut self, change: &Change) -> std::result::Result<(), SnapshotError> {
        let recording = self.changes.take();
        self.frozen_now = Some(change.at);
        self.replaying = true;
        let result = self.replay(change);
        self.replaying = false;
        self.frozen_now = None;
        self.changes = recording;
        let output = result.map_err(|e| {
            SnapshotError::new(
                SnapshotErrorKind::ChangeDoesNotApply,
                format!("{} does not apply: {e}", change.operation),
            )
        })?;
        if output != change.output {
            return Err(SnapshotError::new(
                SnapshotErrorKind::ChangeDiverged,
                format!(
                    "{} gave {output} where the change records {}",
                    change.operation, change.output
                ),
            ));
        }
        Ok(())
    }

    /// Runs a change's write; its result as JSON.
    fn replay(&mut self, change: &Change) -> Result<Value> {
        let serialization = |e: serde_json::Error| Error::new(ErrorCode::SerializationException, e.to_string());
        match change.operation.as_str() {
            "EndExecution" => {
                let c: EndExecutionChange = serde_json::from_value(change.input.clone()).map_err(serialization)?;
                self.end_execution(&c.execution_arn, c.outcome).map(|()| Value::Null)
            }
            "RecordStateEvent" => {
                let c: StateEventChange = serde_json::from_value(change.input.clone()).map_err(serialization)?;
                self.record_state_event(&c.execution_arn, c.event).map(|()| Value::Null)
            }
            name => match Operation::from_name(name).filter(|op| op.is_write()) {
                Some(operation) => {
                    let bytes = operation.call(self, change.input.clone())?;
                    serde_json::from_slice(&bytes).map_err(serialization)
                }
                None => Err(Error::new(
                    ErrorCode::UnknownOperationException,
                    format!("'{name}' is not a write the registry records"),
                )),
            },
        }
    }

    /// Runs the write `operation` with `input` at one instant of the clock, and records it as a
    /// [`Change`] if it succeeded and the registry records changes. Recording fails closed: a
    /// request that cannot be recorded is refused before it is applied.
    pub(super) fn write<I: Serialize, O: Serialize>(
        &mut self,
        operation: &str,
        input: I,
        apply: impl FnOnce(&mut Self, I) -> Result<O>,
    ) -> Result<O> {
        let outer = self.frozen_now;
        let at = outer.unwrap_or_else(|| self.clock.now());
        let recorded = match (&self.changes, outer) {
            (Some(_), None) => Some(serde_json::to_value(&input).map_err(unrecordable)?),
            _ => None,
        };
        self.frozen_now = Some(at);
        let result = apply(self, input);
        self.frozen_now = outer;
        if let (Ok(output), Some(input), Some(changes)) = (&result, recorded, self.changes.as_mut()) {
            // Outputs are plain data with string keys: serializing them cannot fail.
            let output = serde_json::to_value(output).unwrap_or(Value::Null);
            changes.push(Change {
                at,
                operation: operation.to_owned(),
                input,
                output,
            });
        }
        result
    }
}

fn unrecordable(e: serde_json::Error) -> Error {
    Error::new(
        ErrorCode::InternalFailure,
        format!("the request cannot be recorded: {e}"),
    )
}
