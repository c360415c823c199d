//! StartExecution, StopExecution, DescribeExecution, ListExecutions,
//! DescribeStateMachineForExecution, GetExecutionHistory, and the embedder's side of an
//! execution: [`InMemoryRegistry::execution`] and [`InMemoryRegistry::end_execution`].

use std::sync::Arc;

use super::model::{Execution, Revision, RunStatus, StateMachine};
use super::persistence::EndExecutionChange;
use super::{InMemoryRegistry, checks};
use crate::arn::{ExecutionArn, ExecutionRef, StateMachineAliasArn, StateMachineRef, StateMachineVersionArn};
use crate::constraints::Constraints;
use crate::dto::{
    CloudWatchEventsExecutionDataDetails, DescribeExecutionInput, DescribeExecutionOutput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineForExecutionOutput, ExecutionErrorEventDetails,
    ExecutionListItem, ExecutionRedriveFilter, ExecutionRedriveStatus, ExecutionStartedEventDetails, ExecutionStatus,
    ExecutionSucceededEventDetails, GetExecutionHistoryInput, GetExecutionHistoryOutput, HistoryEvent,
    HistoryEventExecutionDataDetails, HistoryEventType, IncludedData, ListExecutionsInput, ListExecutionsOutput,
    RevisionId, StartExecutionInput, StartExecutionOutput, StateMachineType, StopExecutionInput, StopExecutionOutput,
    TracingConfiguration,
};
use crate::error::{Error, ErrorCode, Result};
use crate::name::{AliasName, ArnId, ExecutionName, VersionNumber};
use crate::pagination::{self, ListKind, PageRequest};
use crate::time::Timestamp;

/// The largest execution input or output, in UTF-8 bytes (256 KiB).
const MAX_DATA_BYTES: usize = 262_144;
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
        self.execution.version.as_ref()
    }

    /// The alias it was started through, if any.
    #[must_use]
    pub fn alias(&self) -> Option<&'a StateMachineAliasArn> {
        self.execution.alias.as_ref()
    }

    /// Its input.
    #[must_use]
    pub fn input(&self) -> &'a str {
        &self.execution.input
    }

    /// When it started.
    #[must_use]
    pub fn start_date(&self) -> Timestamp {
        self.execution.started
    }

    /// When it ended, if it did.
    #[must_use]
    pub fn stop_date(&self) -> Option<Timestamp> {
        self.execution.stopped
    }
}

/// What a StartExecution resolved its state machine ARN to.
struct Target {
    version: Option<VersionNumber>,
    alias: Option<AliasName>,
}

/// Which executions a ListExecutions call lists.
enum Listed {
    All,
    Version(VersionNumber),
    Alias(AliasName),
}

/// The standard execution `arn` names; express executions are not readable through the API.
fn standard_arn(arn: &str) -> Result<ExecutionArn> {
    Ok(ExecutionArn::parse(arn)?)
}

impl InMemoryRegistry {
    fn execution_of(&self, arn: &ExecutionArn) -> Option<(&StateMachine, &Execution)> {
        let sm = self.state_machine(&arn.state_machine_arn())?;
        let execution = sm.executions.get(arn.execution_name())?;
        Some((sm, execution))
    }

    fn new_name(&mut self) -> String {
        RevisionId::from_random_bytes(self.rng_bytes()).to_string()
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

        let arn = StateMachineRef::parse(&input.state_machine_arn)?;
        if let StateMachineRef::Label(label) = &arn {
            return Err(Error::labeled_arn_not_supported(label.as_str()));
        }
        let name = match &input.name {
            Some(name) => Some(ExecutionName::new(name.as_str()).map_err(|_| Error::invalid_name(name))?),
            None => None,
        };
        let data = input.input.unwrap_or_else(|| "{}".to_owned());
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&data) {
            return Err(Error::invalid_execution_input(&e.to_string()));
        }

        let not_found = || Error::state_machine_does_not_exist(&input.state_machine_arn);
        let sm_arn = match &arn {
            StateMachineRef::Unqualified(a) => a.clone(),
            StateMachineRef::Version(v) => v.state_machine_arn(),
            StateMachineRef::Alias(a) => a.state_machine_arn(),
            StateMachineRef::Label(_) => return Err(not_found()),
        };
        let sm = self.state_machine(&sm_arn).ok_or_else(not_found)?;
        let target = match &arn {
            StateMachineRef::Version(v) if !sm.versions.contains_key(&v.version()) => return Err(not_found()),
            StateMachineRef::Version(v) => Target {
                version: Some(v.version()),
                alias: None,
            },
            StateMachineRef::Alias(a) => {
                let alias = sm.aliases.get(a.alias_name()).ok_or_else(not_found)?;
                Target {
                    version: None,
                    alias: Some(alias.name.clone()),
                }
            }
            _ => Target {
                version: None,
                alias: None,
            },
        };
        sm.ensure_active()?;
        let express = sm.kind == StateMachineType::Express;
        if !express
            && let Some(name) = &name
            && let Some(existing) = sm.executions.get(name)
        {
            // Idempotent for a running execution with the same input; otherwise the name is taken.
            if existing.status == RunStatus::Running && existing.input == data {
                return Ok(StartExecutionOutput::new(existing.arn.clone(), existing.started));
            }
            return Err(Error::execution_already_exists(existing.arn.as_str()));
        }

        // Nothing can fail from here on: draw the name, then the route.
        let now = self.now();
        let name = match name {
            Some(name) => name,
            None => ExecutionName::new(self.new_name())
                .map_err(|e| Error::new(ErrorCode::InternalFailure, e.to_string()))?,
        };
        let express_id = if express { Some(self.new_name()) } else { None };
        let roll = target.alias.is_some().then(|| crate::routing::roll(&mut self.rng));
        let (version, alias) = match (target.alias, roll) {
            (Some(alias_name), Some(roll)) => {
                let sm = self.state_machine(&sm_arn).ok_or_else(not_found)?;
                let alias = sm.aliases.get(&alias_name).ok_or_else(not_found)?;
                let version = alias.routing.pick_with_roll(roll).version();
                let alias_arn = alias.arn.clone();
                (Some(version), Some((alias_name, alias_arn)))
            }
            _ => (target.version, None),
        };
        let sm = self.state_machine_mut(&sm_arn).ok_or_else(not_found)?;
        let (revision, version_arn) = match version {
            Some(number) => {
                let v = sm.versions.get(&number).ok_or_else(not_found)?;
                (Arc::clone(&v.revision), Some(v.arn.clone()))
            }
            None => (Arc::clone(&sm.revision), None),
        };
        let execution_arn = match &express_id {
            Some(id) => {
                let id = ArnId::new(id.as_str()).map_err(|e| Error::new(ErrorCode::InternalFailure, e.to_string()))?;
                ExecutionRef::Express(sm.arn.express_execution(&name, &id))
            }
            None => ExecutionRef::Standard(sm.arn.execution(&name)),
        };
        // Standard executions are numbered 1, 2, 3, … in start order (so `seq` is their position
        // in `executions` plus one); express ones are never listed and take no number.
        let seq = if express_id.is_some() {
            0
        } else {
            let seq = sm.next_execution_seq;
            sm.next_execution_seq += 1;
            seq
        };
        let execution = Execution {
            seq,
            arn: execution_arn.clone(),
            name: name.clone(),
            revision,
            version: version_arn,
            alias: alias.as_ref().map(|(_, arn)| arn.clone()),
            input: data,
            trace_header: input.trace_header,
            status: RunStatus::Running,
            started: now,
            stopped: None,
            output: None,
            error: None,
            cause: None,
        };
        sm.running += 1;
        match express_id {
            Some(id) => {
                sm.express_executions.insert(id, execution);
            }
            None => {
                if let Some(number) = version.filter(|_| alias.is_none()) {
                    sm.executions_by_version.entry(number).or_default().push(seq);
                }
                if let Some((alias_name, _)) = alias {
                    sm.executions_by_alias.entry(alias_name).or_default().push(seq);
                }
                sm.executions.insert(name, execution);
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

        let arn = standard_arn(&input.execution_arn)?;
        let (_, execution) = self
            .execution_of(&arn)
            .ok_or_else(|| Error::execution_does_not_exist(&input.execution_arn))?;
        if let Some(stopped) = execution.stopped {
            return Ok(StopExecutionOutput::new(stopped));
        }
        let now = self.now();
        self.finish(
            &ExecutionRef::Standard(arn),
            RunStatus::Aborted,
            None,
            input.error,
            input.cause,
            now,
        )?;
        Ok(StopExecutionOutput::new(now))
    }

    /// Records that the execution `arn` ended: sets its status and stop date and appends the
    /// terminal history event. If its state machine is `DELETING` and this was its last running
    /// execution, the state machine goes, with its versions, aliases and executions.
    fn finish(
        &mut self,
        arn: &ExecutionRef,
        status: RunStatus,
        output: Option<String>,
        error: Option<String>,
        cause: Option<String>,
        now: Timestamp,
    ) -> Result<()> {
        let not_found = || Error::execution_does_not_exist(arn.as_str());
        let sm_arn = arn.state_machine_arn();
        let sm = self.state_machine_mut(&sm_arn).ok_or_else(not_found)?;
        let execution = match arn {
            ExecutionRef::Standard(a) => sm.executions.get_mut(a.execution_name()),
            ExecutionRef::Express(a) => sm.express_executions.get_mut(a.id()),
        }
        .filter(|e| e.arn == *arn)
        .ok_or_else(not_found)?;
        if execution.status != RunStatus::Running {
            return Err(Error::validation(format!(
                "Execution '{arn}' is not running: it is {}",
                execution.status.to_wire()
            )));
        }
        execution.status = status;
        execution.stopped = Some(now);
        execution.output = output;
        execution.error = error;
        execution.cause = cause;
        sm.running -= 1;
        if let ExecutionRef::Express(a) = arn {
            sm.express_executions.swap_remove(a.id());
        }
        if sm.deleting && sm.running == 0 {
            self.state_machines.shift_remove(sm_arn.name());
        }
        Ok(())
    }

    /// The execution `arn`, standard or express, while it exists: what it runs (the definition,
    /// role and revision pinned when it started) and how it was started. Express executions are
    /// kept only while they run.
    #[must_use]
    pub fn execution(&self, arn: &ExecutionRef) -> Option<ExecutionView<'_>> {
        let sm = self.state_machine(&arn.state_machine_arn())?;
        let execution = match arn {
            ExecutionRef::Standard(a) => sm.executions.get(a.execution_name()),
            ExecutionRef::Express(a) => sm.express_executions.get(a.id()),
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
        if let Some(output) = &output
            && let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(output)
        {
            return Err(Error::new(ErrorCode::InvalidOutput, format!("Invalid Output: '{e}'")));
        }
        let now = self.now();
        self.finish(arn, status, output, error, cause, now)
    }

    /// DescribeExecution.
    pub(super) fn describe_execution_impl(&self, input: &DescribeExecutionInput) -> Result<DescribeExecutionOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "executionArn", &input.execution_arn);
        included_data_member(&mut c, input.included_data.as_ref());
        c.finish()?;

        let arn = standard_arn(&input.execution_arn)?;
        let (sm, e) = self
            .execution_of(&arn)
            .ok_or_else(|| Error::execution_does_not_exist(&input.execution_arn))?;
        let with_data = !matches!(input.included_data, Some(IncludedData::MetadataOnly));
        let mut output = DescribeExecutionOutput::new(arn, sm.arn.clone(), e.status.to_wire(), e.started);
        output.name = Some(e.name.clone());
        output.stop_date = e.stopped;
        output.input = with_data.then(|| e.input.clone());
        output.input_details = Some(CloudWatchEventsExecutionDataDetails::new(with_data));
        if e.status == RunStatus::Succeeded {
            output.output = with_data.then(|| e.output.clone()).flatten();
            output.output_details = Some(CloudWatchEventsExecutionDataDetails::new(with_data));
        }
        output.trace_header.clone_from(&e.trace_header);
        output.error.clone_from(&e.error);
        output.cause.clone_from(&e.cause);
        output.state_machine_version_arn.clone_from(&e.version);
        output.state_machine_alias_arn.clone_from(&e.alias);
        output.redrive_count = Some(0);
        let (redrive_status, reason) = redrive_status(sm, e);
        output.redrive_status = Some(redrive_status);
        output.redrive_status_reason = reason;
        Ok(output)
    }

    /// ListExecutions: newest first (by start). Given a version ARN, the executions started with
    /// that version ARN (not those an alias routed to it); given an alias ARN, those started
    /// through the alias.
    pub(super) fn list_executions_impl(&self, input: &ListExecutionsInput) -> Result<ListExecutionsOutput> {
        let mut c = Constraints::new();
        if let Some(arn) = &input.state_machine_arn {
            checks::arn_member(&mut c, "stateMachineArn", arn);
        }
        if let Some(status) = &input.status_filter {
            c.enum_value(
                "statusFilter",
                status.as_str(),
                status.is_known(),
                ExecutionStatus::VALUES,
            );
        }
        let page = PageRequest::check(
            &mut c,
            input.max_results,
            input.next_token.as_deref(),
            MAX_LIST_EXECUTIONS_TOKEN_LEN,
        );
        c.opt_length("mapRunArn", input.map_run_arn.as_deref(), 1, 2000);
        if let Some(filter) = &input.redrive_filter {
            c.enum_value(
                "redriveFilter",
                filter.as_str(),
                filter.is_known(),
                ExecutionRedriveFilter::VALUES,
            );
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
        let (sm, listed) = match StateMachineRef::parse(arn)? {
            StateMachineRef::Unqualified(a) => (self.state_machine(&a).ok_or_else(not_found)?, Listed::All),
            StateMachineRef::Version(v) => {
                let sm = self.state_machine(&v.state_machine_arn()).ok_or_else(not_found)?;
                if !sm.versions.contains_key(&v.version()) {
                    return Err(not_found());
                }
                (sm, Listed::Version(v.version()))
            }
            StateMachineRef::Alias(a) => {
                let sm = self.state_machine(&a.state_machine_arn()).ok_or_else(not_found)?;
                let alias = sm.aliases.get(a.alias_name()).ok_or_else(not_found)?;
                (sm, Listed::Alias(alias.name.clone()))
            }
            StateMachineRef::Label(label) => return Err(Error::labeled_arn_not_supported(label.as_str())),
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
        let before = page.after(ListKind::Executions, &scope, now)?.unwrap_or(u64::MAX);
        let newest_first: Box<dyn Iterator<Item = &Execution>> = match &listed {
            Listed::All => {
                let end = sm.executions.partition_point(|_, e| e.seq < before);
                Box::new(
                    sm.executions
                        .get_range(..end)
                        .into_iter()
                        .flat_map(|s| s.values().rev()),
                )
            }
            Listed::Version(number) => by_seq(sm, sm.executions_by_version.get(number), before),
            Listed::Alias(name) => by_seq(sm, sm.executions_by_alias.get(name), before),
        };
        let status = input.status_filter.clone();
        // No execution of this registry was ever redriven.
        let redriven_only = matches!(input.redrive_filter, Some(ExecutionRedriveFilter::Redriven));
        let items = newest_first
            .filter(|e| !redriven_only && status.as_ref().is_none_or(|s| e.status.to_wire() == *s))
            .map(|e| (e.seq, list_item(sm, e)));
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

        let arn = standard_arn(&input.execution_arn)?;
        let (sm, e) = self
            .execution_of(&arn)
            .ok_or_else(|| Error::execution_does_not_exist(&input.execution_arn))?;
        let revision: &Revision = &e.revision;
        let definition = if matches!(input.included_data, Some(IncludedData::MetadataOnly)) {
            "{}".to_owned()
        } else {
            revision.config.definition.to_string()
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
        Ok(output)
    }

    /// GetExecutionHistory: `ExecutionStarted`, then the terminal event once the execution ended.
    pub(super) fn get_execution_history_impl(
        &self,
        input: &GetExecutionHistoryInput,
    ) -> Result<GetExecutionHistoryOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "executionArn", &input.execution_arn);
        let page = PageRequest::check(
            &mut c,
            input.max_results,
            input.next_token.as_deref(),
            pagination::MAX_TOKEN_LEN,
        );
        c.finish()?;

        let arn = standard_arn(&input.execution_arn)?;
        let (_, e) = self
            .execution_of(&arn)
            .ok_or_else(|| Error::execution_does_not_exist(&input.execution_arn))?;
        let with_data = input.include_execution_data.unwrap_or(true);
        let now = self.now();
        let scope = format!("{}|{}|{with_data}", input.execution_arn, input.reverse_order);
        let after = page.after(ListKind::History, &scope, now)?;
        let events = history(e, with_data);
        let events: Box<dyn Iterator<Item = HistoryEvent>> = if input.reverse_order {
            let before = after.unwrap_or(u64::MAX);
            Box::new(events.into_iter().rev().filter(move |ev| event_key(ev) < before))
        } else {
            let after = after.unwrap_or(0);
            Box::new(events.into_iter().filter(move |ev| event_key(ev) > after))
        };
        let (events, next_token) = pagination::page(
            events.map(|ev| (event_key(&ev), ev)),
            page.size(),
            ListKind::History,
            &scope,
            now,
        );
        Ok(GetExecutionHistoryOutput::new(events, next_token))
    }
}

fn included_data_member(c: &mut Constraints, included_data: Option<&IncludedData>) {
    if let Some(data) = included_data {
        c.enum_value("includedData", data.as_str(), data.is_known(), IncludedData::VALUES);
    }
}

/// The executions whose `seq` is in `seqs` and below `before`, newest first.
fn by_seq<'a>(
    sm: &'a StateMachine,
    seqs: Option<&'a Vec<u64>>,
    before: u64,
) -> Box<dyn Iterator<Item = &'a Execution> + 'a> {
    let seqs = seqs.map_or(&[][..], Vec::as_slice);
    let end = seqs.partition_point(|&s| s < before);
    Box::new(seqs[..end].iter().rev().filter_map(|&seq| sm.execution_by_seq(seq)))
}

fn list_item(sm: &StateMachine, e: &Execution) -> ExecutionListItem {
    let arn = match &e.arn {
        ExecutionRef::Standard(arn) => arn.clone(),
        // Express executions are never listed; build the standard form rather than fail.
        ExecutionRef::Express(_) => sm.arn.execution(&e.name),
    };
    let mut item = ExecutionListItem::new(arn, sm.arn.clone(), e.name.clone(), e.status.to_wire(), e.started);
    item.stop_date = e.stopped;
    item.state_machine_version_arn.clone_from(&e.version);
    item.state_machine_alias_arn.clone_from(&e.alias);
    item.redrive_count = Some(0);
    item
}

/// DescribeExecution's redrive status: AWS's reasons for what cannot be redriven.
fn redrive_status(sm: &StateMachine, e: &Execution) -> (ExecutionRedriveStatus, Option<String>) {
    let not = |reason: &str| (ExecutionRedriveStatus::NotRedrivable, Some(reason.to_owned()));
    match e.status {
        _ if sm.deleting => not("State machine is in DELETING status"),
        RunStatus::Running => not("Execution is RUNNING and cannot be redriven"),
        RunStatus::Succeeded => not("Execution is SUCCEEDED and cannot be redriven"),
        RunStatus::Failed | RunStatus::TimedOut | RunStatus::Aborted => (ExecutionRedriveStatus::Redrivable, None),
    }
}

fn event_key(event: &HistoryEvent) -> u64 {
    u64::try_from(event.id).unwrap_or(0)
}

/// An execution's history: `ExecutionStarted` (id 1), then its terminal event (id 2) once it
/// ended. `with_data` false leaves the input and output out.
fn history(e: &Execution, with_data: bool) -> Vec<HistoryEvent> {
    let mut started = HistoryEvent::new(e.started, HistoryEventType::ExecutionStarted, 1);
    started.previous_event_id = Some(0);
    let mut details = ExecutionStartedEventDetails::default();
    if with_data {
        details.input = Some(e.input.clone());
        details.input_details = Some(HistoryEventExecutionDataDetails::new(false));
    }
    details.role_arn = Some(e.revision.config.role_arn.clone());
    details.state_machine_version_arn.clone_from(&e.version);
    details.state_machine_alias_arn.clone_from(&e.alias);
    started.execution_started_event_details = Some(details);
    let mut events = vec![started];

    let Some(stopped) = e.stopped else { return events };
    let error_details = || {
        let mut d = ExecutionErrorEventDetails::default();
        d.error.clone_from(&e.error);
        d.cause.clone_from(&e.cause);
        d
    };
    let mut end = match e.status {
        RunStatus::Running => return events,
        RunStatus::Succeeded => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionSucceeded, 2);
            let mut d = ExecutionSucceededEventDetails::default();
            if with_data {
                d.output.clone_from(&e.output);
                d.output_details = Some(HistoryEventExecutionDataDetails::new(false));
            }
            event.execution_succeeded_event_details = Some(d);
            event
        }
        RunStatus::Failed => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionFailed, 2);
            event.execution_failed_event_details = Some(error_details());
            event
        }
        RunStatus::TimedOut => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionTimedOut, 2);
            event.execution_timed_out_event_details = Some(error_details());
            event
        }
        RunStatus::Aborted => {
            let mut event = HistoryEvent::new(stopped, HistoryEventType::ExecutionAborted, 2);
            event.execution_aborted_event_details = Some(error_details());
            event
        }
    };
    end.previous_event_id = Some(1);
    events.push(end);
    events
}
