//! StartExecution, StopExecution, DescribeExecution, ListExecutions,
//! DescribeStateMachineForExecution, GetExecutionHistory, and the embedder's side of an
//! execution: [`InMemoryRegistry::execution`] and [`InMemoryRegistry::end_execution`].

use std::sync::Arc;

use rand::Rng as _;

use super::model::{Revision, StateMachine};
use super::persistence::{EndExecutionChange, StateEventChange};
use super::records::{Association, Ending, Execution, RunStatus, StateEventRecord, Via};
use super::state_machines::shown_encryption;
use super::{InMemoryRegistry, checks};
use crate::arn::{ArnRef, ExecutionArn, ExecutionRef, Form, StateMachineAliasArn, StateMachineVersionArn};
use crate::constraints::Constraints;
use crate::definition_text::Definition;
use crate::dto::{
    CloudWatchEventsExecutionDataDetails, DescribeExecutionInput, DescribeExecutionOutput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineForExecutionOutput, ExecutionErrorEventDetails,
    ExecutionListItem, ExecutionRedriveFilter, ExecutionRedriveStatus, ExecutionStartedEventDetails, ExecutionStatus,
    ExecutionSucceededEventDetails, GetExecutionHistoryInput, GetExecutionHistoryOutput, HistoryEvent,
    HistoryEventExecutionDataDetails, HistoryEventType, IncludedData, ListExecutionsInput, ListExecutionsOutput,
    RevisionId, StartExecutionInput, StartExecutionOutput, StateEnteredEventDetails, StateExitedEventDetails,
    StateMachineType, StopExecutionInput, StopExecutionOutput, TracingConfiguration,
};
use crate::error::{Error, ErrorCode, Result};
use crate::name::{ArnId, ExecutionName, uuid_text};
use crate::pagination::{self, ListKind, PageRequest};
use crate::time::Timestamp;

/// The largest execution input or output, in UTF-8 bytes (256 KiB).
const MAX_DATA_BYTES: usize = 262_144;

/// Jackson's words for a document with no value, for the embedder's state data and output.
const NO_CONTENT: &str = "No content to map due to end-of-input";

/// The most events an execution's history holds, as AWS limits it.
pub(super) const MAX_HISTORY_EVENTS: usize = 25_000;

/// ListExecutions takes longer tokens than the other lists.
const MAX_LIST_EXECUTIONS_TOKEN_LEN: usize = 3096;

/// How an execution ended, as the embedder that ran it reports to
/// [`InMemoryRegistry::end_execution`]. (Stopping is StopExecution's.)
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "status", rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ExecutionOutcome {
    /// `SUCCEEDED` with this JSON output.
    Succeeded {
        /// The execution's output: a JSON document of at most 256 KiB.
        output: String,
    },
    /// `FAILED`.
    Failed {
        /// The error code.
        error: Option<String>,
        /// A more detailed cause.
        cause: Option<String>,
    },
    /// `TIMED_OUT`.
    TimedOut {
        /// The error code.
        error: Option<String>,
        /// A more detailed cause.
        cause: Option<String>,
    },
}

impl ExecutionOutcome {
    /// `SUCCEEDED` with `output`.
    #[must_use]
    pub fn succeeded(output: impl Into<String>) -> Self {
        ExecutionOutcome::Succeeded { output: output.into() }
    }

    /// `FAILED` with an error and a cause.
    #[must_use]
    pub fn failed(error: impl Into<String>, cause: impl Into<String>) -> Self {
        ExecutionOutcome::Failed {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }

    /// `TIMED_OUT` with an error and a cause.
    #[must_use]
    pub fn timed_out(error: impl Into<String>, cause: impl Into<String>) -> Self {
        ExecutionOutcome::TimedOut {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }
}

/// The type of a state, for the history events of [`StateEvent`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum StateType {
    /// `Pass`
    Pass,
    /// `Task`
    Task,
    /// `Choice`
    Choice,
    /// `Wait`
    Wait,
    /// `Succeed`
    Succeed,
    /// `Fail` (entered only: it ends the execution)
    Fail,
    /// `Parallel`
    Parallel,
    /// `Map`
    Map,
}

/// A state a running execution entered or left, as the embedder that runs it reports to
/// [`InMemoryRegistry::record_state_event`]: the `…StateEntered` / `…StateExited` events of
/// GetExecutionHistory.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "event", rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum StateEvent {
    /// The execution entered state `name` with `input`.
    #[non_exhaustive]
    Entered {
        /// The type of the state.
        state_type: StateType,
        /// The state's name (1–80 characters).
        name: String,
        /// The state's JSON input.
        input: String,
    },
    /// The execution left state `name` with `output`.
    #[non_exhaustive]
    Exited {
        /// The type of the state (not `Fail`, which is never left).
        state_type: StateType,
        /// The state's name (1–80 characters).
        name: String,
        /// The state's JSON output.
        output: String,
    },
}

impl StateEvent {
    /// The execution entered state `name`, of type `state_type`, with the JSON `input`.
    #[must_use]
    pub fn entered(state_type: StateType, name: impl Into<String>, input: impl Into<String>) -> Self {
        StateEvent::Entered {
            state_type,
            name: name.into(),
            input: input.into(),
        }
    }

    /// The execution left state `name`, of type `state_type`, with the JSON `output`.
    #[must_use]
    pub fn exited(state_type: StateType, name: impl Into<String>, output: impl Into<String>) -> Self {
        StateEvent::Exited {
            state_type,
            name: name.into(),
            output: output.into(),
        }
    }

    /// Whether the embedder may report this event: a `Fail` state is never left.
    pub(super) fn is_recordable(&self) -> bool {
        self.event_type().is_some()
    }

    /// The history event type, e.g. `PassStateEntered`; `None` for a `Fail` state's exit.
    fn event_type(&self) -> Option<HistoryEventType> {
        use HistoryEventType as H;
        Some(match self {
            StateEvent::Entered { state_type, .. } => match state_type {
                StateType::Pass => H::PassStateEntered,
                StateType::Task => H::TaskStateEntered,
                StateType::Choice => H::ChoiceStateEntered,
                StateType::Wait => H::WaitStateEntered,
                StateType::Succeed => H::SucceedStateEntered,
                StateType::Fail => H::FailStateEntered,
                StateType::Parallel => H::ParallelStateEntered,
                StateType::Map => H::MapStateEntered,
            },
            StateEvent::Exited { state_type, .. } => match state_type {
                StateType::Pass => H::PassStateExited,
                StateType::Task => H::TaskStateExited,
                StateType::Choice => H::ChoiceStateExited,
                StateType::Wait => H::WaitStateExited,
                StateType::Succeed => H::SucceedStateExited,
                StateType::Parallel => H::ParallelStateExited,
                StateType::Map => H::MapStateExited,
                StateType::Fail => return None,
            },
        })
    }

    fn name(&self) -> &str {
        match self {
            StateEvent::Entered { name, .. } | StateEvent::Exited { name, .. } => name,
        }
    }

    fn data(&self) -> &str {
        match self {
            StateEvent::Entered { input, .. } => input,
            StateEvent::Exited { output, .. } => output,
        }
    }
}

/// What an execution runs and how it was started: the embedder's read of an execution, for
/// standard and express executions alike (the API reads only standard ones).
#[derive(Clone, Copy, Debug)]
pub struct ExecutionView<'a> {
    execution: &'a Execution,
}

impl<'a> ExecutionView<'a> {
    /// The execution's ARN.
    #[must_use]
    pub fn arn(&self) -> &'a ExecutionRef {
        &self.execution.arn
    }

    /// The execution's name.
    #[must_use]
    pub fn name(&self) -> &'a ExecutionName {
        &self.execution.name
    }

    /// Its status.
    #[must_use]
    pub fn status(&self) -> ExecutionStatus {
        self.execution.status.to_wire()
    }

    /// The definition it runs, pinned when it started.
    #[must_use]
    pub fn definition(&self) -> &'a str {
        &self.execution.revision.config.definition
    }

    /// The IAM role it runs with, pinned when it started.
    #[must_use]
    pub fn role_arn(&self) -> &'a str {
        &self.execution.revision.config.role_arn
    }

    /// The revision it runs; `None` for a state machine's initial revision.
    #[must_use]
    pub fn revision_id(&self) -> Option<RevisionId> {
        self.execution.revision.id
    }

    /// The version it runs, when started through a version or an alias.
    #[must_use]
    pub fn version(&self) -> Option<&'a StateMachineVersionArn> {
        self.execution.version()
    }

    /// The alias it was started through, if any.
    #[must_use]
    pub fn alias(&self) -> Option<&'a StateMachineAliasArn> {
        self.execution.alias()
    }

    /// Its input.
    #[must_use]
    pub fn input(&self) -> &'a str {
        self.execution.input()
    }

    /// When it started.
    #[must_use]
    pub fn start_date(&self) -> Timestamp {
        self.execution.started
    }

    /// When it ended, if it did.
    #[must_use]
    pub fn stop_date(&self) -> Option<Timestamp> {
        self.execution.stopped()
    }
}

/// A revision a StartExecution may run, with how it is reached (version and alias).
struct Candidate {
    revision: Arc<Revision>,
    via: Option<Arc<Via>>,
}

/// Which executions a ListExecutions call lists: all, or those associated with a version or an
/// alias.
enum Listed {
    All,
    AssociatedWith(Association),
}

impl InMemoryRegistry {
    /// The standard execution the member `arn` names, with its state machine: what the
    /// execution operations read. Express executions are not readable through the API
    /// (`InvalidArn`); an unknown one is `ExecutionDoesNotExist`.
    fn standard_execution(&self, arn: &str) -> Result<(&StateMachine, &Execution)> {
        let parsed = ArnRef::parse(arn)?;
        if parsed.form() != Form::Execution {
            ExecutionArn::parse(arn)?;
        }
        let sm = self.state_machine_named(&parsed);
        let execution = sm.and_then(|sm| Some((sm, sm.executions.get(parsed.execution_name())?)));
        execution.ok_or_else(|| Error::execution_does_not_exist(arn))
    }

    /// StartExecution.
    pub(super) fn start_execution_impl(&mut self, input: StartExecutionInput) -> Result<StartExecutionOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineArn", &input.state_machine_arn);
        c.opt_length("name", input.name.as_deref(), 1, ExecutionName::MAX_LEN);
        if let Some(data) = &input.input {
            c.sensitive_byte_length("input", data, 0, MAX_DATA_BYTES);
        }
        if let Some(header) = &input.trace_header {
            c.length("traceHeader", header, 0, 256);
            c.pattern("traceHeader", header, header.is_ascii(), r"\p{ASCII}*");
        }
        c.finish()?;

        let arn = ArnRef::state_machine(&input.state_machine_arn)?;
        if arn.form() == Form::Label {
            return Err(Error::labeled_arn_not_supported(arn.as_str()));
        }
        if let Some(name) = &input.name {
            ExecutionName::check(name).map_err(|_| Error::invalid_name(name))?;
        }
        // As recorded: Jackson's words for text that is not JSON, `Invalid execution input.` for
        // an empty one. An absent input is `{}`, which is JSON.
        let data = input.input.as_deref().unwrap_or("{}");
        if input.input.is_some() {
            checks::json_document(data, "Invalid execution input.").map_err(|e| Error::invalid_execution_input(&e))?;
        }

        let not_found = || Error::state_machine_does_not_exist(&input.state_machine_arn);
        let now = self.now();
        // The state machine and the RNG, borrowed apart: the state machine is looked up once.
        let InMemoryRegistry {
            scope,
            state_machines,
            rng,
            ..
        } = self;
        let sm = arn
            .is_in(scope)
            .then(|| state_machines.get_mut(arn.state_machine_name()))
            .flatten()
            .ok_or_else(not_found)?;
        // What the execution may run, resolved before any randomness is drawn: the revision and
        // version of each candidate (one, or an alias's one or two routes), with the weight of
        // an alias's first route.
        let (first, second, first_weight) = match arn.form() {
            Form::Version(number) => {
                let version = sm.versions.get(&number).ok_or_else(not_found)?;
                let candidate = Candidate {
                    revision: Arc::clone(&version.revision),
                    via: Some(Arc::clone(&version.via)),
                };
                (candidate, None, None)
            }
            Form::Alias => {
                let alias = sm.aliases.get(arn.qualifier()).ok_or_else(not_found)?;
                let routes = alias.routing.routes();
                let candidate = |i: usize| {
                    let version = sm.versions.get(&routes.get(i)?.version().version())?;
                    Some(Candidate {
                        revision: Arc::clone(&version.revision),
                        via: Some(Arc::clone(alias.vias.get(i)?)),
                    })
                };
                let first = candidate(0).ok_or_else(not_found)?;
                let second = match routes.len() {
                    1 => None,
                    2 => Some(candidate(1).ok_or_else(not_found)?),
                    _ => return Err(not_found()),
                };
                (first, second, Some(routes[0].weight().get()))
            }
            _ => {
                let candidate = Candidate {
                    revision: Arc::clone(&sm.revision),
                    via: None,
                };
                (candidate, None, None)
            }
        };
        sm.ensure_active()?;
        let express = sm.kind == StateMachineType::Express;
        if !express
            && let Some(name) = &input.name
            && let Some(existing) = sm.executions.get(name)
        {
            // Idempotent for a running execution with the same input (whichever ARN it was started
            // through); otherwise the name is taken.
            if existing.status == RunStatus::Running && existing.input() == data {
                return Ok(StartExecutionOutput::new(existing.arn.clone(), existing.started));
            }
            return Err(Error::execution_already_exists(existing.arn.as_str()));
        }

        // Nothing can fail from here on: draw the name (again while it is taken), then the route.
        let mut draw = || {
            let mut bytes = [0; 16];
            rng.fill_bytes(&mut bytes);
            bytes
        };
        let mut generated = [0; 36];
        let name = match &input.name {
            Some(name) => name.as_str(),
            None => {
                let bytes = loop {
                    let bytes = draw();
                    if !sm.executions.contains(uuid_text(bytes, &mut generated)) {
                        break bytes;
                    }
                };
                uuid_text(bytes, &mut generated)
            }
        };
        let express_id = express.then(|| ArnId::from_uuid(draw()));
        let Candidate { revision, via } = match (first_weight, second) {
            // The first route when the roll is below its weight, the second otherwise
            // (`RoutingConfiguration::pick_with_roll`).
            (Some(weight), Some(second)) => {
                if crate::routing::roll(rng) >= weight {
                    second
                } else {
                    first
                }
            }
            // One route always gets the execution; the roll is still drawn, as for two.
            (Some(_), None) => {
                crate::routing::roll(rng);
                first
            }
            (None, _) => first,
        };
        let execution_arn = match &express_id {
            Some(id) => ExecutionRef::Express(sm.arn.express_execution_named(name, id.as_str())),
            None => ExecutionRef::Standard(sm.arn.execution_named(name)),
        };
        let execution = Execution::start(
            execution_arn.clone(),
            revision,
            via,
            input.input,
            input.trace_header,
            now,
        );
        match express_id {
            Some(id) => sm.express_executions.start(id.into_string(), execution, now),
            None => {
                sm.executions.add(execution);
            }
        }
        Ok(StartExecutionOutput::new(execution_arn, now))
    }

    /// StopExecution: a running execution becomes `ABORTED`. Stopping an execution that has
    /// already ended changes nothing and answers its stop date (not observed on AWS).
    pub(super) fn stop_execution_impl(&mut self, input: StopExecutionInput) -> Result<StopExecutionOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "executionArn", &input.execution_arn);
        c.opt_sensitive_length("error", input.error.as_deref(), 0, 256);
        c.opt_sensitive_length("cause", input.cause.as_deref(), 0, 32_768);
        c.finish()?;

        let (_, execution) = self.standard_execution(&input.execution_arn)?;
        if let Some(stopped) = execution.stopped() {
            return Ok(StopExecutionOutput::new(stopped));
        }
        let arn = execution.arn.clone();
        let now = self.now();
        self.finish(
            &arn,
            Ending {
                status: RunStatus::Aborted,
                stopped: now,
                output: None,
                error: input.error,
                cause: input.cause,
            },
        )?;
        Ok(StopExecutionOutput::new(now))
    }

    /// Records that the execution `arn` ended: sets its status and stop date and appends the
    /// terminal history event. If its state machine is `DELETING` and this was its last running
    /// execution, the state machine goes, with its versions, aliases and executions.
    fn finish(&mut self, arn: &ExecutionRef, ending: Ending) -> Result<()> {
        self.running_execution_mut(arn)?.end(ending);
        let Some(sm) = self.state_machine_of_mut(arn) else {
            return Ok(());
        };
        match arn {
            ExecutionRef::Express(a) => sm.express_executions.remove(a.id()),
            ExecutionRef::Standard(a) => sm.executions.status_changed(a.execution_name(), RunStatus::Running),
        }
        if sm.deleting && sm.running() == 0 {
            self.state_machines.remove(arn.state_machine_name());
        }
        Ok(())
    }

    /// Every running execution, standard and express, for an embedder that runs them: state
    /// machine by state machine in creation order, standard executions in start order, then
    /// express ones in start order. Express executions over five minutes old are not running
    /// (AWS would have timed them out). Costs in proportion to the state machines and the running
    /// executions, not to all executions.
    pub fn running_executions(&self) -> impl Iterator<Item = ExecutionView<'_>> {
        let now = self.now();
        self.state_machines.values().flat_map(move |sm| {
            let standard = sm
                .executions
                .in_status(None, RunStatus::Running)
                .into_iter()
                .flatten()
                .filter_map(|&seq| sm.executions.by_seq(seq));
            standard
                .chain(sm.express_executions.running(now))
                .map(|execution| ExecutionView { execution })
        })
    }

    /// The execution `arn`, standard or express, while it exists: what it runs (the definition,
    /// role and revision pinned when it started) and how it was started. Express executions are
    /// kept only while they run.
    #[must_use]
    pub fn execution(&self, arn: &ExecutionRef) -> Option<ExecutionView<'_>> {
        let sm = self.state_machine_of(arn)?;
        let execution = match arn {
            ExecutionRef::Standard(a) => sm.executions.get(a.execution_name()),
            ExecutionRef::Express(a) => sm.express_executions.get(a.id(), self.now()),
        }?;
        (execution.arn == *arn).then_some(ExecutionView { execution })
    }

    /// Reports that the running execution `arn` ended with `outcome`: the registry runs no
    /// workflow, so the embedder that does tells it what happened. The execution's status and
    /// stop date are set and the terminal history event appended; an express execution is then
    /// forgotten. If its state machine is `DELETING` and this was its last running execution,
    /// the state machine goes, with its versions, aliases and executions.
    ///
    /// # Errors
    ///
    /// `ExecutionDoesNotExist` for an unknown execution; `ValidationException` if it is not
    /// running (it was stopped, or already ended), if the output is longer than 256 KiB, or if
    /// `error` / `cause` exceed 256 / 32,768 characters; `InvalidOutput` if the output is not JSON.
    ///
    /// ```
    /// use sfn_registry::dto::{CreateStateMachineInput, DescribeExecutionInput, StartExecutionInput};
    /// use sfn_registry::{ExecutionOutcome, InMemoryRegistry, Registry};
    ///
    /// let mut registry = InMemoryRegistry::builder().seed(3).build()?;
    /// let definition = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
    /// let sm = registry
    ///     .create_state_machine(CreateStateMachineInput::new("jobs", definition, "arn:aws:iam::123456789012:role/r"))?
    ///     .state_machine_arn;
    /// let started = registry.start_execution(StartExecutionInput::new(&sm))?;
    ///
    /// // The embedder runs what the execution pinned…
    /// let view = registry.execution(&started.execution_arn).ok_or("no execution")?;
    /// assert_eq!(view.definition(), definition);
    /// // …and reports how it ended.
    /// registry.end_execution(&started.execution_arn, ExecutionOutcome::succeeded(r#"{"ok":true}"#))?;
    /// let described = registry.describe_execution(DescribeExecutionInput::new(&started.execution_arn))?;
    /// assert_eq!(described.output.as_deref(), Some(r#"{"ok":true}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end_execution(&mut self, arn: &ExecutionRef, outcome: ExecutionOutcome) -> Result<()> {
        let change = EndExecutionChange {
            execution_arn: arn.clone(),
            outcome,
        };
        self.write("EndExecution", change, |registry, c| {
            registry.end_execution_impl(&c.execution_arn, c.outcome)
        })
    }

    /// Records that the running execution `arn` entered or left a state: the embedder that runs
    /// the workflow reports its steps, and GetExecutionHistory shows them (`PassStateEntered`,
    /// `PassStateExited`, …) between `ExecutionStarted` and the terminal event. The registry
    /// numbers the events and gives each its `previousEventId` as AWS does (the first state
    /// entered points at 0, each later entry or exit at the event before it): the embedder
    /// reports only what happened, in order.
    ///
    /// # Errors
    ///
    /// `ExecutionDoesNotExist` for an unknown execution; `ValidationException` if it is not
    /// running, for a state name outside 1–80 characters, data longer than 256 KiB or not JSON,
    /// the exit of a `Fail` state (which has none), or a history already at 25,000 events.
    pub fn record_state_event(&mut self, arn: &ExecutionRef, event: StateEvent) -> Result<()> {
        let change = StateEventChange {
            execution_arn: arn.clone(),
            event,
        };
        self.write("RecordStateEvent", change, |registry, c| {
            registry.record_state_event_impl(&c.execution_arn, c.event)
        })
    }

    fn record_state_event_impl(&mut self, arn: &ExecutionRef, event: StateEvent) -> Result<()> {
        let mut c = Constraints::new();
        c.length("name", event.name(), 1, 80);
        c.sensitive_byte_length(
            if matches!(event, StateEvent::Entered { .. }) {
                "input"
            } else {
                "output"
            },
            event.data(),
            0,
            MAX_DATA_BYTES,
        );
        c.finish()?;
        checks::json_document(event.data(), NO_CONTENT)
            .map_err(|e| Error::validation(format!("State data is not JSON: '{e}'")))?;
        if !event.is_recordable() {
            return Err(Error::validation("A Fail state has no exited event"));
        }
        let now = self.now();
        let execution = self.running_execution_mut(arn)?;
        // ExecutionStarted and the terminal event count too.
        if execution.state_events().len() + 2 >= MAX_HISTORY_EVENTS {
            return Err(Error::validation(format!(
                "The history of execution '{arn}' holds the most events an execution may have ({MAX_HISTORY_EVENTS})"
            )));
        }
        execution.record_state_event(StateEventRecord { at: now, event });
        Ok(())
    }

    /// The running execution `arn`, to change.
    fn running_execution_mut(&mut self, arn: &ExecutionRef) -> Result<&mut Execution> {
        let not_found = || Error::execution_does_not_exist(arn.as_str());
        let now = self.now();
        let sm = self.state_machine_of_mut(arn).ok_or_else(not_found)?;
        let execution = match arn {
            ExecutionRef::Standard(a) => sm.executions.get_mut(a.execution_name()),
            ExecutionRef::Express(a) => sm.express_executions.get_mut(a.id(), now),
        }
        .filter(|e| e.arn == *arn)
        .ok_or_else(not_found)?;
        if execution.status != RunStatus::Running {
            return Err(Error::validation(format!(
                "Execution '{arn}' is not running: it is {}",
                execution.status.to_wire()
            )));
        }
        Ok(execution)
    }

    fn end_execution_impl(&mut self, arn: &ExecutionRef, outcome: ExecutionOutcome) -> Result<()> {
        let mut c = Constraints::new();
        let (status, output, error, cause) = match outcome {
            ExecutionOutcome::Succeeded { output } => {
                c.sensitive_byte_length("output", &output, 0, MAX_DATA_BYTES);
                (RunStatus::Succeeded, Some(output), None, None)
            }
            ExecutionOutcome::Failed { error, cause } => (RunStatus::Failed, None, error, cause),
            ExecutionOutcome::TimedOut { error, cause } => (RunStatus::TimedOut, None, error, cause),
        };
        c.opt_sensitive_length("error", error.as_deref(), 0, 256);
        c.opt_sensitive_length("cause", cause.as_deref(), 0, 32_768);
        c.finish()?;
        if let Some(output) = &output {
            checks::json_document(output, NO_CONTENT)
                .map_err(|e| Error::new(ErrorCode::InvalidOutput, format!("Invalid Output: '{e}'")))?;
        }
        let now = self.now();
        self.finish(
            arn,
            Ending {
                status,
                stopped: now,
                output,
                error,
                cause,
            },
        )
    }

    /// DescribeExecution.
    pub(super) fn describe_execution_impl(&self, input: &DescribeExecutionInput) -> Result<DescribeExecutionOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "executionArn", &input.execution_arn);
        included_data_member(&mut c, input.included_data.as_ref());
        c.finish()?;

        let (sm, e) = self.standard_execution(&input.execution_arn)?;
        let ExecutionRef::Standard(arn) = &e.arn else {
            return Err(Error::execution_does_not_exist(&input.execution_arn));
        };
        let with_data = !matches!(input.included_data, Some(IncludedData::MetadataOnly));
        let mut output = DescribeExecutionOutput::new(arn.clone(), sm.arn.clone(), e.status.to_wire(), e.started);
        output.name = Some(e.name.clone());
        output.stop_date = e.stopped();
        output.input = with_data.then(|| e.input().to_owned());
        output.input_details = Some(CloudWatchEventsExecutionDataDetails::new(with_data));
        if e.status == RunStatus::Succeeded {
            output.output = with_data.then(|| e.output().map(str::to_owned)).flatten();
            output.output_details = Some(CloudWatchEventsExecutionDataDetails::new(with_data));
        }
        output.trace_header = e.trace_header().map(str::to_owned);
        output.error = e.error().map(str::to_owned);
        output.cause = e.cause().map(str::to_owned);
        output.state_machine_version_arn = e.version().cloned();
        output.state_machine_alias_arn = e.alias().cloned();
        output.redrive_count = Some(0);
        let (redrive_status, reason) = redrive_status(sm, e);
        output.redrive_status = Some(redrive_status);
        output.redrive_status_reason = reason;
        Ok(output)
    }

    /// ListExecutions: newest first (by start). Given a version ARN, the executions associated
    /// with the version: started with its ARN, or through an alias that picked it (AWS's
    /// documentation: an alias start is associated "with that alias and the version to which the
    /// alias points"; not observed), never those of the unqualified ARN (recorded); given an
    /// alias ARN, those started through the alias.
    pub(super) fn list_executions_impl(&self, input: &ListExecutionsInput) -> Result<ListExecutionsOutput> {
        let mut c = Constraints::new();
        if let Some(arn) = &input.state_machine_arn {
            checks::arn_member(&mut c, "stateMachineArn", arn);
        }
        if let Some(status) = &input.status_filter {
            c.enum_value("statusFilter", status);
        }
        let page = PageRequest::check(
            &mut c,
            input.max_results,
            input.next_token.as_deref(),
            MAX_LIST_EXECUTIONS_TOKEN_LEN,
        );
        c.opt_length("mapRunArn", input.map_run_arn.as_deref(), 1, 2000);
        if let Some(filter) = &input.redrive_filter {
            c.enum_value("redriveFilter", filter);
        }
        c.finish()?;

        let arn = match (&input.state_machine_arn, &input.map_run_arn) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(Error::validation(
                    "Exactly one of stateMachineArn and mapRunArn must be specified",
                ));
            }
            (None, Some(map_run)) => {
                // The registry runs no Distributed Map, so no Map Run exists.
                crate::arn::MapRunArn::parse(map_run)?;
                return Err(Error::resource_not_found(map_run));
            }
            (Some(arn), None) => arn,
        };
        if matches!(input.status_filter, Some(ExecutionStatus::PendingRedrive)) {
            return Err(Error::validation(
                "The PENDING_REDRIVE status filter can only be used with a mapRunArn",
            ));
        }
        let not_found = || Error::state_machine_does_not_exist(arn);
        let parsed = ArnRef::state_machine(arn)?;
        if parsed.form() == Form::Label {
            return Err(Error::labeled_arn_not_supported(arn));
        }
        let sm = self.state_machine_named(&parsed).ok_or_else(not_found)?;
        let listed = match parsed.form() {
            Form::Version(number) => {
                if !sm.versions.contains_key(&number) {
                    return Err(not_found());
                }
                Listed::AssociatedWith(Association::Version(number))
            }
            Form::Alias => {
                let alias = sm.aliases.get(parsed.qualifier()).ok_or_else(not_found)?;
                Listed::AssociatedWith(Association::Alias(alias.name.clone()))
            }
            _ => Listed::All,
        };
        if sm.kind == StateMachineType::Express {
            return Err(Error::new(
                ErrorCode::StateMachineTypeNotSupported,
                "This operation is not supported by EXPRESS state machines",
            ));
        }

        let now = self.now();
        let scope = format!(
            "{arn}|{}|{}",
            input.status_filter.as_ref().map_or("", ExecutionStatus::as_str),
            input.redrive_filter.as_ref().map_or("", ExecutionRedriveFilter::as_str)
        );
        let before = page
            .after::<u64>(ListKind::Executions, &scope, now)?
            .unwrap_or(u64::MAX);
        // No execution of this registry was ever redriven.
        if matches!(input.redrive_filter, Some(ExecutionRedriveFilter::Redriven)) {
            return Ok(ListExecutionsOutput::new(Vec::new(), None));
        }
        // Newest first, from an index, so that a page costs in proportion to the page: the
        // start order, or the executions associated with one version or one alias, of one
        // status, or of both.
        let status = input.status_filter.as_ref().and_then(RunStatus::from_wire);
        if input.status_filter.is_some() && status.is_none() {
            return Ok(ListExecutionsOutput::new(Vec::new(), None));
        }
        let newest_first: Box<dyn Iterator<Item = (u64, &Execution)>> = match (&listed, status) {
            (Listed::All, None) => {
                let end = usize::try_from(before.saturating_sub(1))
                    .unwrap_or(usize::MAX)
                    .min(sm.executions.len());
                Box::new(sm.executions.iter().take(end).rev())
            }
            (Listed::AssociatedWith(association), None) => {
                let seqs = sm.executions.associated_with(association);
                let end = seqs.partition_point(|&s| s < before);
                Box::new(
                    seqs[..end]
                        .iter()
                        .rev()
                        .filter_map(|&seq| Some((seq, sm.executions.by_seq(seq)?))),
                )
            }
            (listed, Some(status)) => {
                let association = match listed {
                    Listed::All => None,
                    Listed::AssociatedWith(association) => Some(association),
                };
                Box::new(
                    sm.executions
                        .in_status(association, status)
                        .into_iter()
                        .flat_map(move |seqs| seqs.range(..before).rev())
                        .filter_map(|&seq| Some((seq, sm.executions.by_seq(seq)?))),
                )
            }
        };
        let items = newest_first
            .filter(|(_, e)| status.is_none_or(|s| e.status == s))
            .map(|(seq, e)| (seq, list_item(sm, e)));
        let (executions, next_token) = pagination::page(items, page.size(), ListKind::Executions, &scope, now);
        Ok(ListExecutionsOutput::new(executions, next_token))
    }

    /// DescribeStateMachineForExecution: the revision the execution runs, under the unqualified
    /// state machine ARN.
    pub(super) fn describe_state_machine_for_execution_impl(
        &self,
        input: &DescribeStateMachineForExecutionInput,
    ) -> Result<DescribeStateMachineForExecutionOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "executionArn", &input.execution_arn);
        included_data_member(&mut c, input.included_data.as_ref());
        c.finish()?;

        let (sm, e) = self.standard_execution(&input.execution_arn)?;
        let revision: &Revision = &e.revision;
        let definition = if matches!(input.included_data, Some(IncludedData::MetadataOnly)) {
            Definition::from("{}")
        } else {
            revision.config.definition.clone()
        };
        let mut output = DescribeStateMachineForExecutionOutput::new(
            sm.arn.clone(),
            sm.name.clone(),
            definition,
            revision.config.role_arn.clone(),
            revision.created,
        );
        output.logging_configuration = Some(revision.config.logging.to_output());
        output.tracing_configuration = Some(TracingConfiguration::new(revision.config.tracing));
        output.revision_id = revision.id;
        // That of the version it runs (which keeps the encryption it was published with), else
        // the state machine's.
        let version = e.version().and_then(|v| sm.versions.get(&v.version()));
        output.encryption_configuration = Some(shown_encryption(match version {
            Some(v) => v.encryption.as_ref(),
            None => sm.encryption.as_ref(),
        }));
        Ok(output)
    }

    /// GetExecutionHistory: `ExecutionStarted`, the state events the embedder reported, then the
    /// terminal event once the execution ended, each pointing at its cause
    /// ([`previous_event_id`]); `reverseOrder` lists the same events from the newest.
    pub(super) fn get_execution_history_impl(
        &self,
        input: &GetExecutionHistoryInput,
    ) -> Result<GetExecutionHistoryOutput> {
        let mut c = Constraints::new();
        let page = checks::list_members(
            &mut c,
            "executionArn",
            &input.execution_arn,
            input.max_results,
            input.next_token.as_deref(),
        );
        c.finish()?;

        let (_, e) = self.standard_execution(&input.execution_arn)?;
        let with_data = input.include_execution_data.unwrap_or(true);
        let now = self.now();
        let scope = format!("{}|{}|{with_data}", input.execution_arn, input.reverse_order);
        let after = page.after::<u64>(ListKind::History, &scope, now)?;
        // Event ids run 1, 2, … without a gap: the page is chosen by id, and only its events
        // are built, so a page costs the same however long the history is.
        let last = history_len(e);
        let ids: Box<dyn Iterator<Item = u64>> = if input.reverse_order {
            let top = after.map_or(last, |before| before.saturating_sub(1).min(last));
            Box::new((1..=top).rev())
        } else {
            Box::new(after.unwrap_or(0).saturating_add(1)..=last)
        };
        let (ids, next_token) = pagination::page(ids.map(|id| (id, id)), page.size(), ListKind::History, &scope, now);
        let events = ids
            .into_iter()
            .filter_map(|id| history_event(e, id, with_data))
            .collect();
        Ok(GetExecutionHistoryOutput::new(events, next_token))
    }
}

fn included_data_member(c: &mut Constraints, included_data: Option<&IncludedData>) {
    if let Some(data) = included_data {
        c.enum_value("includedData", data);
    }
}

fn list_item(sm: &StateMachine, e: &Execution) -> ExecutionListItem {
    let arn = match &e.arn {
        ExecutionRef::Standard(arn) => arn.clone(),
        // Express executions are never listed; build the standard form rather than fail.
        ExecutionRef::Express(_) => sm.arn.execution(&e.name),
    };
    let mut item = ExecutionListItem::new(arn, sm.arn.clone(), e.name.clone(), e.status.to_wire(), e.started);
    item.stop_date = e.stopped();
    item.state_machine_version_arn = e.version().cloned();
    item.state_machine_alias_arn = e.alias().cloned();
    item.redrive_count = Some(0);
    item
}

/// DescribeExecution's redrive status: AWS's reasons for what cannot be redriven (as recorded
/// for SUCCEEDED and RUNNING; the DELETING reason is the documented one). FAILED and TIMED_OUT
/// are REDRIVABLE with no reason, as recorded; ABORTED, not observed, is REDRIVABLE too, since
/// RedriveExecution's documentation redrives "failed, aborted, or timed out" executions.
/// Nothing here was ever redriven, so `redriveCount` is 0 and there is no `redriveDate`.
fn redrive_status(sm: &StateMachine, e: &Execution) -> (ExecutionRedriveStatus, Option<String>) {
    let not = |reason: &str| (ExecutionRedriveStatus::NotRedrivable, Some(reason.to_owned()));
    match e.status {
        _ if sm.deleting => not("State machine is in DELETING status"),
        RunStatus::Running => not("Execution is RUNNING and cannot be redriven"),
        RunStatus::Succeeded => not("Execution is SUCCEEDED and cannot be redriven"),
        RunStatus::Failed | RunStatus::TimedOut | RunStatus::Aborted => (ExecutionRedriveStatus::Redrivable, None),
    }
}

/// How many events the history of `e` holds: `ExecutionStarted`, the state events the embedder
/// reported, and the terminal event once it ended. They are numbered 1 to this.
fn history_len(e: &Execution) -> u64 {
    let events = 1 + e.state_events().len() + usize::from(e.stopped().is_some());
    u64::try_from(events).unwrap_or(u64::MAX)
}

/// The `previousEventId` of event `id` of the history of `e` (see [`history_len`]): the event
/// that caused it, as AWS's histories record it (aws-validation-and-edges.md §2b), computed from
/// at most the two events before it, so that a page costs the same wherever it is.
///
/// - `ExecutionStarted` points at 0, and so does what would point at it: AWS's first
///   `…StateEntered` points at 0, never at 1.
/// - A state entered points at the event before it (the previous state's `…StateExited`, or for
///   a state nested in a Map or Parallel state the event that opened it); a state exited at the
///   event before it (its own `…StateEntered`, or the last event of the states nested in it).
/// - `ExecutionSucceeded` and `ExecutionFailed` point at the event before them, as recorded;
///   `ExecutionTimedOut` (not observed) likewise.
/// - `ExecutionAborted` points where the entry of the state the execution was in points (the one
///   recording: `2 WaitStateEntered` → 0, then `3 ExecutionAborted` → 0), with no exit of that
///   state written. Stopped between two states (not observed), it points where the next state's
///   entry would have: at the last state's exit.
fn previous_event_id(e: &Execution, id: u64) -> u64 {
    // What would point at ExecutionStarted (1) points at 0.
    let at = |cause: u64| if cause <= 1 { 0 } else { cause };
    let state_events = u64::try_from(e.state_events().len()).unwrap_or(u64::MAX);
    if id <= 1 {
        return 0;
    }
    let is_terminal = id == state_events.saturating_add(2);
    if is_terminal && e.status == RunStatus::Aborted {
        return match e.state_events().last() {
            None => 0,
            // The entry of the state it was in: at `state_events + 1`.
            Some(StateEventRecord {
                event: StateEvent::Entered { .. },
                ..
            }) => previous_event_id(e, state_events + 1),
            Some(_) => at(state_events + 1),
        };
    }
    at(id - 1)
}

/// Event `id` of the history of `e` (see [`history_len`]): `ExecutionStarted` is 1, the state
/// events follow in the order reported, then the terminal event; each points at its cause
/// ([`previous_event_id`]). `with_data` false leaves the inputs and outputs out.
fn history_event(e: &Execution, id: u64, with_data: bool) -> Option<HistoryEvent> {
    let wire_id = i64::try_from(id).ok()?;
    let state_event = usize::try_from(id).ok()?.checked_sub(2);
    let mut event = if id == 1 {
        let mut event = HistoryEvent::new(e.started, HistoryEventType::ExecutionStarted, wire_id);
        let mut details = ExecutionStartedEventDetails::default();
        if with_data {
            details.input = Some(e.input().to_owned());
            details.input_details = Some(HistoryEventExecutionDataDetails::new(false));
        }
        details.role_arn = Some(e.revision.config.role_arn.clone());
        details.state_machine_version_arn = e.version().cloned();
        details.state_machine_alias_arn = e.alias().cloned();
        event.execution_started_event_details = Some(details);
        event
    } else if let Some(record) = state_event.and_then(|i| e.state_events().get(i)) {
        state_history_event(record, wire_id, with_data)?
    } else if state_event == Some(e.state_events().len()) {
        terminal_history_event(e, wire_id, with_data)?
    } else {
        return None;
    };
    event.previous_event_id = i64::try_from(previous_event_id(e, id)).ok();
    Some(event)
}

/// The `…StateEntered` / `…StateExited` event `id` for a state event the embedder reported.
fn state_history_event(record: &StateEventRecord, id: i64, with_data: bool) -> Option<HistoryEvent> {
    let mut event = HistoryEvent::new(record.at, record.event.event_type()?, id);
    let data = with_data.then(|| record.event.data().to_owned());
    let data_details = with_data.then(|| HistoryEventExecutionDataDetails::new(false));
    match &record.event {
        StateEvent::Entered { name, .. } => {
            let mut d = StateEnteredEventDetails::default();
            d.name.clone_from(name);
            d.input = data;
            d.input_details = data_details;
            event.state_entered_event_details = Some(d);
        }
        StateEvent::Exited { name, .. } => {
            let mut d = StateExitedEventDetails::default();
            d.name.clone_from(name);
            d.output = data;
            d.output_details = data_details;
            event.state_exited_event_details = Some(d);
        }
    }
    Some(event)
}

/// The terminal event `id` of `e`, once it ended.
fn terminal_history_event(e: &Execution, id: i64, with_data: bool) -> Option<HistoryEvent> {
    let stopped = e.stopped()?;
    let error_details = || ExecutionErrorEventDetails {
        error: e.error().map(str::to_owned),
        cause: e.cause().map(str::to_owned),
    };
    Some(match e.status {
        RunStatus::Running => return None,
        RunStatus::Succeeded => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionSucceeded, id);
            let mut d = ExecutionSucceededEventDetails::default();
            if with_data {
                d.output = e.output().map(str::to_owned);
                d.output_details = Some(HistoryEventExecutionDataDetails::new(false));
            }
            event.execution_succeeded_event_details = Some(d);
            event
        }
        RunStatus::Failed => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionFailed, id);
            event.execution_failed_event_details = Some(error_details());
            event
        }
        RunStatus::TimedOut => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionTimedOut, id);
            event.execution_timed_out_event_details = Some(error_details());
            event
        }
        RunStatus::Aborted => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionAborted, id);
            event.execution_aborted_event_details = Some(error_details());
            event
        }
    })
}
