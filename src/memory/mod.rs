//! [`InMemoryRegistry`]: the in-memory implementation of [`Registry`].
//!
//! Each operation's rules live in one function, in the module of its resource:
//! `state_machines` (Create/Describe/Update/Delete/ListStateMachines), `versions`
//! (Publish/List/DeleteStateMachineVersion), `aliases` (the five alias operations), `tags`, and
//! `executions` (Start/Stop/Describe/ListExecutions, DescribeStateMachineForExecution,
//! GetExecutionHistory, and the embedder's side). `persistence` turns the state into snapshots
//! and changes and back; `checks` holds the checks several operations share.
//!
//! Every operation first checks the model's constraints, then the request's own values (ARN
//! syntax, names, JSON input), then existence, then its business rules, and changes state only
//! once nothing can fail any more: a failed request leaves the registry (including its RNG)
//! exactly as it was.

mod aliases;
mod checks;
mod definitions;
mod executions;
mod model;
mod persistence;
mod records;
mod state_machines;
mod tags;
mod validation;
mod versions;

use std::fmt;
use std::sync::Arc;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, SeedableRng, TryRng};

use crate::arn::{ArnError, ArnRef, ArnScope, ExecutionRef, StateMachineArn};
use crate::asl::AslValidator;
use crate::definition::DefinitionValidator;
use crate::dto::{
    CreateStateMachineAliasInput, CreateStateMachineAliasOutput, CreateStateMachineInput, CreateStateMachineOutput,
    DeleteStateMachineAliasInput, DeleteStateMachineAliasOutput, DeleteStateMachineInput, DeleteStateMachineOutput,
    DeleteStateMachineVersionInput, DeleteStateMachineVersionOutput, DescribeExecutionInput, DescribeExecutionOutput,
    DescribeStateMachineAliasInput, DescribeStateMachineAliasOutput, DescribeStateMachineForExecutionInput,
    DescribeStateMachineForExecutionOutput, DescribeStateMachineInput, DescribeStateMachineOutput,
    GetExecutionHistoryInput, GetExecutionHistoryOutput, ListExecutionsInput, ListExecutionsOutput,
    ListStateMachineAliasesInput, ListStateMachineAliasesOutput, ListStateMachineVersionsInput,
    ListStateMachineVersionsOutput, ListStateMachinesInput, ListStateMachinesOutput, ListTagsForResourceInput,
    ListTagsForResourceOutput, PublishStateMachineVersionInput, PublishStateMachineVersionOutput, RevisionId,
    StartExecutionInput, StartExecutionOutput, StopExecutionInput, StopExecutionOutput, TagResourceInput,
    TagResourceOutput, UntagResourceInput, UntagResourceOutput, UpdateStateMachineAliasInput,
    UpdateStateMachineAliasOutput, UpdateStateMachineInput, UpdateStateMachineOutput,
    ValidateStateMachineDefinitionInput, ValidateStateMachineDefinitionOutput,
};
use crate::error::Result;
use crate::registry::Registry;
use crate::time::{Clock, SystemClock, Timestamp};

pub use executions::{ExecutionOutcome, ExecutionView, StateEvent, StateType};
use model::{StateMachine, StateMachines};
pub(crate) use persistence::check_format;
pub use persistence::{Change, Snapshot, SnapshotError, SnapshotErrorKind};

/// Service quotas the registry enforces, as AWS documents them.
pub(crate) mod quota {
    /// Versions per state machine (PublishStateMachineVersion).
    pub(crate) const VERSIONS_PER_STATE_MACHINE: usize = 1000;
    /// Aliases per state machine (CreateStateMachineAlias).
    pub(crate) const ALIASES_PER_STATE_MACHINE: usize = 100;
    /// Tags per resource (TagResource, CreateStateMachine).
    pub(crate) const TAGS_PER_RESOURCE: usize = 50;
}

/// An in-memory Step Functions registry for one partition, region and account.
///
/// It is deterministic: time comes from an injected [`Clock`] and randomness from a portable,
/// seeded [`Xoshiro256PlusPlus`], so the same seed and the same calls give the same answers,
/// byte for byte. Without a seed it draws one from the operating system; [`seed`] tells which,
/// so a run can be replayed. One stream of randomness serves, in call order, revision ids,
/// generated execution names, express execution ids and alias picks: an extra unnamed start or
/// update shifts the picks that follow it.
///
/// It is `Send + Sync` and takes `&mut self` for writes: share it between threads behind a
/// `Mutex` (or `RwLock`). `clone` forks it: the copy has the same state machines and the same
/// RNG state, and shares the clock.
///
/// ```
/// use sfn_registry::{InMemoryRegistry, ManualClock, Timestamp};
///
/// let registry = InMemoryRegistry::builder()
///     .region("eu-west-1")
///     .account_id("111122223333")
///     .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
///     .seed(42)
///     .build()?;
/// assert_eq!(registry.scope().region(), "eu-west-1");
/// assert_eq!(registry.seed(), 42);
/// # Ok::<(), sfn_registry::ArnError>(())
/// ```
///
/// # Where the real service's behaviour was not observed
///
/// The registry follows the recordings of the real service wherever they exist, and AWS's API
/// documentation where they do not. Where neither decides, it chooses as follows.
///
/// - **An ARN of the wrong form names nothing.** A well-formed state machine ARN with another
///   qualifier than the operation takes is a resource that does not exist, answered with the
///   operation's own not-found behaviour (as AWS answers UpdateStateMachine given a version ARN):
///   DescribeStateMachine, UpdateStateMachine and PublishStateMachineVersion given an alias ARN →
///   `StateMachineDoesNotExist`; DeleteStateMachine given a version or alias ARN, and
///   DeleteStateMachineVersion given an unqualified or alias ARN → success, nothing deleted;
///   DescribeStateMachineAlias and UpdateStateMachineAlias given another form → `ResourceNotFound`;
///   DeleteStateMachineAlias → success. A Distributed Map label ARN, which the documentation
///   says fails, is a `ValidationException` with reason `API_DOES_NOT_SUPPORT_LABELED_ARNS`.
///   ARNs of another partition, region or account name nothing either.
/// - **ListStateMachineVersions** has no not-found error in the API model: for an unknown state
///   machine (or a version or alias ARN) it lists no versions. **ListStateMachineAliases** answers
///   `StateMachineDoesNotExist` for an unknown state machine and `ResourceNotFound` for an unknown
///   version or an alias ARN.
/// - **Orders.** ListStateMachines lists by name comparing bytes, as recorded; how AWS orders
///   upper and lower case or non-ASCII names was not observed, and bytes (code points) decide
///   here too (`B` before `a`, `é` after `z`). ListStateMachineAliases lists oldest first, as
///   recorded (the documentation says newest first); ListExecutions newest first by start date
///   (the documentation sorts ended executions by stop date, which would move an execution
///   between pages as it ends).
/// - **Idempotency.** PublishStateMachineVersion (and UpdateStateMachine with `publish`) returns
///   the current revision's newest version when no description is given or the description is the
///   same; another description publishes a new version. A replayed CreateStateMachine with
///   `publish` answers the current revision's version, and no version if it was deleted.
///   CreateStateMachineAlias compares routes in any order.
/// - **Encryption** is not part of a revision: changing only it makes no new revision, and a
///   version keeps the encryption it was published with. An AWS owned key with nothing else set
///   is the same as no encryption configuration, and DescribeStateMachine and
///   DescribeStateMachineForExecution show both as `{"type": "AWS_OWNED_KEY"}`, as recorded.
///   DescribeStateMachineForExecution shows the encryption of the version the execution runs,
///   or the state machine's for an execution of the unqualified ARN (not observed with a
///   customer managed key).
/// - **Executions.** StopExecution of an execution that already ended changes nothing and
///   answers its stop date. DescribeExecution shows an `ABORTED` execution as `REDRIVABLE`, with
///   no reason, like a `FAILED` or `TIMED_OUT` one (as recorded): RedriveExecution's
///   documentation redrives "failed, aborted, or timed out" executions. The redrivable period
///   (14 days after an execution ends) is not modelled. A missing execution name is a UUID drawn from the RNG (drawn again
///   while the name is taken). StartExecution through a deleted version or alias, like
///   ListExecutions given one, is `StateMachineDoesNotExist` with the ARN given. A repeated
///   start with the same name and input as a running execution answers that execution, whichever
///   ARN either start named. Express executions are kept only while they run (no API reads
///   them), and never hold back the deletion of their state machine, which AWS documents as
///   eventual: it goes at once. ListExecutions given a version ARN lists the executions started
///   with that ARN and those an alias routed to it, as the documentation words it (not
///   observed), never those of the unqualified ARN; given an alias ARN, those started through an
///   alias of that name, including one deleted and created again. GetExecutionHistory and
///   DescribeStateMachineForExecution treat an execution started through an alias like one
///   started through the version it picked, with the alias in the `ExecutionStarted` event.
///   History events point at their cause as AWS's recorded histories do: `ExecutionStarted`
///   and the first state entered at 0, a state's entry or exit and `ExecutionSucceeded` /
///   `ExecutionFailed` at the event before them, `ExecutionAborted` where the entry of the state
///   it stopped in points. Where nothing was recorded (`ExecutionTimedOut`, a stop between two
///   states, states nested in a Map or Parallel state, whose iteration and branch events the
///   registry does not write), an event points at the event before it, and what would point at
///   `ExecutionStarted` points at 0.
/// - **Execution input** is read as AWS reads it, with Jackson's rules and words: any JSON value
///   (`2`, `"text"`, `null`), read up to the end of its first value (what follows is not looked
///   at, as Jackson's `readTree` does; not observed). Text that is not JSON is
///   `InvalidExecutionInput` `Invalid State Machine Execution Input: '<Jackson's message>'`,
///   verbatim where recorded (`Unrecognized token 'not': …`, `Unexpected character (''' (code
///   39)): …`) and in the words of Jackson's source otherwise; an empty input is `Invalid
///   execution input.`, as recorded. The embedder's state data and outputs are read the same way.
/// - **Role ARNs.** A `roleArn` that is not an ARN is `InvalidArn` `Invalid Role Arn: '<input>'`,
///   as recorded; a well-formed ARN is not refused for its service, resource type or account
///   (a policy ARN, a four-digit account), which AWS was not observed refusing.
/// - **Texts the crate words itself**, in AWS's style: `ServiceQuotaExceededException`,
///   `TooManyTags`, `StateMachineDeleting`, `StateMachineTypeNotSupported`, the label-ARN error,
///   routing across two state machines, `InvalidArn` other than `Invalid ARN prefix`,
///   `InvalidLoggingConfiguration`, `InvalidEncryptionConfiguration`,
///   `InvalidName` (`Invalid Name: '<name>'`), the ListExecutions errors for `mapRunArn`
///   and `PENDING_REDRIVE`, and the embedder calls' errors (`InvalidOutput`, "is not running").
///   Their HTTP status is 400, except `ConflictException` (409) and
///   `ServiceQuotaExceededException` (402), as the API documentation gives them. An enum
///   constraint message lists the enum's values in AWS's recorded order for `statusFilter`, the
///   only one recorded, and in model order for the others. A member of the wrong JSON type is a
///   `SerializationException` worded as AWS's JSON reader words it (`Start of list found where
///   not expected.` for a structure sent as an array).
///   `InvalidDefinition` is AWS's `Invalid State Machine Definition: '<code>: <message> at
///   <location>, …'` built from the validator's diagnostics; [`AslValidator`](crate::AslValidator)
///   lists which of its diagnostic texts are AWS's and which it words itself.
///
/// [`seed`]: InMemoryRegistry::seed
#[derive(Clone)]
pub struct InMemoryRegistry {
    scope: ArnScope,
    clock: Arc<dyn Clock>,
    validator: Arc<dyn DefinitionValidator>,
    seed: u64,
    rng: Xoshiro256PlusPlus,
    /// In creation order, and by name: ListStateMachines' order.
    state_machines: StateMachines,
    /// Each distinct definition text, once.
    definitions: definitions::Definitions,
    next_state_machine_seq: u64,
    /// The instant the write in progress (or the change being applied) happens at: a write reads
    /// the clock once.
    frozen_now: Option<Timestamp>,
    /// Acknowledged writes not yet taken, when recording (`InMemoryRegistryBuilder::record_changes`).
    changes: Option<Vec<persistence::Change>>,
    /// A recorded change is being applied: its definitions were accepted when it was made.
    replaying: bool,
}

impl fmt::Debug for InMemoryRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryRegistry")
            .field("scope", &self.scope)
            .field("clock", &self.clock)
            .field("validator", &self.validator)
            .field("seed", &self.seed)
            .field("state_machines", &self.state_machines.len())
            .finish_non_exhaustive()
    }
}

impl Default for InMemoryRegistry {
    fn default() -> Self {
        InMemoryRegistry::new()
    }
}

impl InMemoryRegistry {
    /// A registry for `aws` / `us-east-1` / `123456789012`, on the system clock, seeded from the
    /// operating system's entropy.
    #[must_use]
    pub fn new() -> Self {
        InMemoryRegistryBuilder::default().build_with(ArnScope::default())
    }

    /// A builder to choose the scope, clock, seed and definition validator.
    #[must_use]
    pub fn builder() -> InMemoryRegistryBuilder {
        InMemoryRegistryBuilder::default()
    }

    /// The partition, region and account the registry serves.
    #[must_use]
    pub fn scope(&self) -> &ArnScope {
        &self.scope
    }

    /// The seed the registry's RNG started from.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    fn now(&self) -> Timestamp {
        self.frozen_now.unwrap_or_else(|| self.clock.now())
    }

    /// 16 bytes from the registry's RNG: revision ids and generated names are made of them.
    fn rng_bytes(&mut self) -> [u8; 16] {
        let mut bytes = [0; 16];
        self.rng.fill_bytes(&mut bytes);
        bytes
    }

    fn new_revision_id(&mut self) -> RevisionId {
        RevisionId::from_random_bytes(self.rng_bytes())
    }

    /// The state machine `arn` names, if it is in this registry's scope and exists.
    fn state_machine(&self, arn: &StateMachineArn) -> Option<&StateMachine> {
        if !arn.is_in(&self.scope) {
            return None;
        }
        self.state_machines.get(arn.name())
    }

    /// The state machine an ARN read in place names (any form), if it is in this registry's
    /// scope and exists.
    fn state_machine_named(&self, arn: &ArnRef<'_>) -> Option<&StateMachine> {
        if !arn.is_in(&self.scope) {
            return None;
        }
        self.state_machines.get(arn.state_machine_name())
    }

    /// The state machine of execution `arn`, if it is in this registry's scope and exists.
    fn state_machine_of(&self, arn: &ExecutionRef) -> Option<&StateMachine> {
        if !arn.is_in(&self.scope) {
            return None;
        }
        self.state_machines.get(arn.state_machine_name())
    }

    /// [`InMemoryRegistry::state_machine_of`], to change.
    fn state_machine_of_mut(&mut self, arn: &ExecutionRef) -> Option<&mut StateMachine> {
        if !arn.is_in(&self.scope) {
            return None;
        }
        self.state_machines.get_mut(arn.state_machine_name())
    }

    fn state_machine_mut(&mut self, arn: &StateMachineArn) -> Option<&mut StateMachine> {
        if !arn.is_in(&self.scope) {
            return None;
        }
        self.state_machines.get_mut(arn.name())
    }
}

/// Builds an [`InMemoryRegistry`].
///
/// It is `Clone`: a clone shares the clock and the definition validator, so one builder can serve
/// as the template of many registries (as [`ScopedRegistries`](crate::ScopedRegistries) uses it).
#[derive(Clone)]
pub struct InMemoryRegistryBuilder {
    partition: String,
    region: String,
    account_id: String,
    clock: Arc<dyn Clock>,
    validator: Arc<dyn DefinitionValidator>,
    seed: Option<u64>,
    record_changes: bool,
}

impl fmt::Debug for InMemoryRegistryBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryRegistryBuilder")
            .field("partition", &self.partition)
            .field("region", &self.region)
            .field("account_id", &self.account_id)
            .field("clock", &self.clock)
            .field("validator", &self.validator)
            .field("seed", &self.seed)
            .field("record_changes", &self.record_changes)
            .finish()
    }
}

impl Default for InMemoryRegistryBuilder {
    fn default() -> Self {
        let scope = ArnScope::default();
        InMemoryRegistryBuilder {
            partition: scope.partition().to_owned(),
            region: scope.region().to_owned(),
            account_id: scope.account_id().to_owned(),
            clock: Arc::new(SystemClock),
            validator: Arc::new(AslValidator),
            seed: None,
            record_changes: false,
        }
    }
}

impl InMemoryRegistryBuilder {
    /// The partition (default `aws`).
    #[must_use]
    pub fn partition(mut self, partition: impl Into<String>) -> Self {
        self.partition = partition.into();
        self
    }

    /// The region (default `us-east-1`).
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// The 12-digit account id (default `123456789012`).
    #[must_use]
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = account_id.into();
        self
    }

    /// The clock (default [`SystemClock`]).
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The seed of the registry's RNG (default: drawn from the operating system).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The check definitions must pass (default [`AslValidator`]).
    #[must_use]
    pub fn definition_validator(mut self, validator: impl DefinitionValidator + 'static) -> Self {
        self.validator = Arc::new(validator);
        self
    }

    /// The registry.
    ///
    /// # Errors
    ///
    /// An [`ArnError`] if the partition, region or account id is not valid.
    pub fn build(self) -> std::result::Result<InMemoryRegistry, ArnError> {
        let scope = ArnScope::new(self.partition.clone(), self.region.clone(), self.account_id.clone())?;
        Ok(self.build_with(scope))
    }

    pub(crate) fn build_with(self, scope: ArnScope) -> InMemoryRegistry {
        // The one place the library reads the OS's entropy: when the embedder gave no seed.
        // Should the OS refuse, a fixed seed is better than failing to build.
        let seed = self
            .seed
            .unwrap_or_else(|| rand::rngs::SysRng.try_next_u64().unwrap_or(0x5eed_5eed_5eed_5eed));
        InMemoryRegistry {
            scope,
            clock: self.clock,
            validator: self.validator,
            seed,
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            state_machines: StateMachines::default(),
            definitions: definitions::Definitions::default(),
            next_state_machine_seq: 1,
            frozen_now: None,
            changes: self.record_changes.then(Vec::new),
            replaying: false,
        }
    }
}

#[deny(clippy::missing_trait_methods)]
impl Registry for InMemoryRegistry {
    fn create_state_machine(&mut self, input: CreateStateMachineInput) -> Result<CreateStateMachineOutput> {
        self.write("CreateStateMachine", input, Self::create_state_machine_impl)
    }

    fn describe_state_machine(&self, input: DescribeStateMachineInput) -> Result<DescribeStateMachineOutput> {
        self.describe_state_machine_impl(&input)
    }

    fn update_state_machine(&mut self, input: UpdateStateMachineInput) -> Result<UpdateStateMachineOutput> {
        self.write("UpdateStateMachine", input, Self::update_state_machine_impl)
    }

    fn delete_state_machine(&mut self, input: DeleteStateMachineInput) -> Result<DeleteStateMachineOutput> {
        self.write("DeleteStateMachine", input, |registry, input| {
            registry.delete_state_machine_impl(&input)
        })
    }

    fn list_state_machines(&self, input: ListStateMachinesInput) -> Result<ListStateMachinesOutput> {
        self.list_state_machines_impl(&input)
    }

    fn publish_state_machine_version(
        &mut self,
        input: PublishStateMachineVersionInput,
    ) -> Result<PublishStateMachineVersionOutput> {
        self.write(
            "PublishStateMachineVersion",
            input,
            Self::publish_state_machine_version_impl,
        )
    }

    fn list_state_machine_versions(
        &self,
        input: ListStateMachineVersionsInput,
    ) -> Result<ListStateMachineVersionsOutput> {
        self.list_state_machine_versions_impl(&input)
    }

    fn delete_state_machine_version(
        &mut self,
        input: DeleteStateMachineVersionInput,
    ) -> Result<DeleteStateMachineVersionOutput> {
        self.write("DeleteStateMachineVersion", input, |registry, input| {
            registry.delete_state_machine_version_impl(&input)
        })
    }

    fn create_state_machine_alias(
        &mut self,
        input: CreateStateMachineAliasInput,
    ) -> Result<CreateStateMachineAliasOutput> {
        self.write("CreateStateMachineAlias", input, Self::create_state_machine_alias_impl)
    }

    fn describe_state_machine_alias(
        &self,
        input: DescribeStateMachineAliasInput,
    ) -> Result<DescribeStateMachineAliasOutput> {
        self.describe_state_machine_alias_impl(&input)
    }

    fn update_state_machine_alias(
        &mut self,
        input: UpdateStateMachineAliasInput,
    ) -> Result<UpdateStateMachineAliasOutput> {
        self.write("UpdateStateMachineAlias", input, Self::update_state_machine_alias_impl)
    }

    fn delete_state_machine_alias(
        &mut self,
        input: DeleteStateMachineAliasInput,
    ) -> Result<DeleteStateMachineAliasOutput> {
        self.write("DeleteStateMachineAlias", input, |registry, input| {
            registry.delete_state_machine_alias_impl(&input)
        })
    }

    fn list_state_machine_aliases(&self, input: ListStateMachineAliasesInput) -> Result<ListStateMachineAliasesOutput> {
        self.list_state_machine_aliases_impl(&input)
    }

    fn tag_resource(&mut self, input: TagResourceInput) -> Result<TagResourceOutput> {
        self.write("TagResource", input, Self::tag_resource_impl)
    }

    fn untag_resource(&mut self, input: UntagResourceInput) -> Result<UntagResourceOutput> {
        self.write("UntagResource", input, |registry, input| {
            registry.untag_resource_impl(&input)
        })
    }

    fn list_tags_for_resource(&self, input: ListTagsForResourceInput) -> Result<ListTagsForResourceOutput> {
        self.list_tags_for_resource_impl(&input)
    }

    fn start_execution(&mut self, input: StartExecutionInput) -> Result<StartExecutionOutput> {
        self.write("StartExecution", input, Self::start_execution_impl)
    }

    fn stop_execution(&mut self, input: StopExecutionInput) -> Result<StopExecutionOutput> {
        self.write("StopExecution", input, Self::stop_execution_impl)
    }

    fn describe_execution(&self, input: DescribeExecutionInput) -> Result<DescribeExecutionOutput> {
        self.describe_execution_impl(&input)
    }

    fn list_executions(&self, input: ListExecutionsInput) -> Result<ListExecutionsOutput> {
        self.list_executions_impl(&input)
    }

    fn describe_state_machine_for_execution(
        &self,
        input: DescribeStateMachineForExecutionInput,
    ) -> Result<DescribeStateMachineForExecutionOutput> {
        self.describe_state_machine_for_execution_impl(&input)
    }

    fn get_execution_history(&self, input: GetExecutionHistoryInput) -> Result<GetExecutionHistoryOutput> {
        self.get_execution_history_impl(&input)
    }

    fn validate_state_machine_definition(
        &self,
        input: ValidateStateMachineDefinitionInput,
    ) -> Result<ValidateStateMachineDefinitionOutput> {
        self.validate_state_machine_definition_impl(&input)
    }
}
