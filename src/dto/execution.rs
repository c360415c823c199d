//! StartExecution, StopExecution, DescribeExecution, ListExecutions,
//! DescribeStateMachineForExecution, GetExecutionHistory.

use serde::{Deserialize, Serialize};

use super::common::{
    EncryptionConfiguration, IncludedData, LoggingConfiguration, RevisionId, TracingConfiguration, wire_enum,
};
use crate::arn::{ExecutionArn, ExecutionRef, StateMachineAliasArn, StateMachineArn, StateMachineVersionArn};
use crate::definition_text::Definition;
use crate::name::{ExecutionName, StateMachineName};
use crate::time::Timestamp;

wire_enum! {
    /// The status of an execution.
    ExecutionStatus {
        /// Started and not ended yet.
        Running = "RUNNING",
        /// Ended with an output.
        Succeeded = "SUCCEEDED",
        /// Ended with an error.
        Failed = "FAILED",
        /// Ran out of time.
        TimedOut = "TIMED_OUT",
        /// Stopped by StopExecution.
        Aborted = "ABORTED",
        /// A Map Run child waiting to be redriven.
        PendingRedrive = "PENDING_REDRIVE",
    }
    // Recorded (test_state_machine_status_filter, 2024-03-14): neither model nor alphabetical
    // order, nor derivable from either.
    message_order = ["SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"];
}

wire_enum! {
    /// Whether an execution can be redriven now.
    ExecutionRedriveStatus {
        /// It can.
        Redrivable = "REDRIVABLE",
        /// It cannot; `redriveStatusReason` says why.
        NotRedrivable = "NOT_REDRIVABLE",
        /// Its Map Run can redrive it.
        RedrivableByMapRun = "REDRIVABLE_BY_MAP_RUN",
    }
}

wire_enum! {
    /// ListExecutions' filter on redriven executions.
    ExecutionRedriveFilter {
        /// Only executions that were redriven.
        Redriven = "REDRIVEN",
        /// Only executions that were never redriven.
        NotRedriven = "NOT_REDRIVEN",
    }
}

/// The request of StartExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartExecutionInput {
    /// An unqualified state machine ARN (the latest revision), a version ARN, or an alias ARN
    /// (a version picked by weight).
    pub state_machine_arn: String,
    /// The execution name; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The JSON input; `{}` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The X-Ray trace header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_header: Option<String>,
}

impl StartExecutionInput {
    /// A request starting `state_machine_arn` with a generated name and input `{}`.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        StartExecutionInput {
            state_machine_arn: state_machine_arn.into(),
            name: None,
            input: None,
            trace_header: None,
        }
    }
}

/// The response of StartExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartExecutionOutput {
    /// The execution: `…:execution:<stateMachineName>:<name>` however it was started
    /// (`…:express:…` for an express state machine).
    pub execution_arn: ExecutionRef,
    /// When it started.
    pub start_date: Timestamp,
}

impl StartExecutionOutput {
    /// A response.
    #[must_use]
    pub fn new(execution_arn: ExecutionRef, start_date: Timestamp) -> Self {
        StartExecutionOutput {
            execution_arn,
            start_date,
        }
    }
}

/// The request of StopExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StopExecutionInput {
    /// The execution ARN.
    pub execution_arn: String,
    /// The error code to record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A more detailed cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

impl StopExecutionInput {
    /// A request stopping `execution_arn`.
    #[must_use]
    pub fn new(execution_arn: impl Into<String>) -> Self {
        StopExecutionInput {
            execution_arn: execution_arn.into(),
            error: None,
            cause: None,
        }
    }
}

/// The response of StopExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StopExecutionOutput {
    /// When the execution stopped.
    pub stop_date: Timestamp,
}

impl StopExecutionOutput {
    /// A response.
    #[must_use]
    pub fn new(stop_date: Timestamp) -> Self {
        StopExecutionOutput { stop_date }
    }
}

/// The request of DescribeExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeExecutionInput {
    /// The execution ARN.
    pub execution_arn: String,
    /// `METADATA_ONLY` leaves the input and output out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub included_data: Option<IncludedData>,
}

impl DescribeExecutionInput {
    /// A request for `execution_arn`.
    #[must_use]
    pub fn new(execution_arn: impl Into<String>) -> Self {
        DescribeExecutionInput {
            execution_arn: execution_arn.into(),
            included_data: None,
        }
    }
}

/// Whether input or output data is included in a response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CloudWatchEventsExecutionDataDetails {
    /// `true` when the data is in the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub included: Option<bool>,
}

impl CloudWatchEventsExecutionDataDetails {
    /// The details saying whether the data is `included`.
    #[must_use]
    pub fn new(included: bool) -> Self {
        CloudWatchEventsExecutionDataDetails {
            included: Some(included),
        }
    }
}

/// The response of DescribeExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeExecutionOutput {
    /// The execution.
    pub execution_arn: ExecutionArn,
    /// The unqualified state machine ARN, however the execution was started.
    pub state_machine_arn: StateMachineArn,
    /// The execution name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<ExecutionName>,
    /// The status.
    pub status: ExecutionStatus,
    /// When it started.
    pub start_date: Timestamp,
    /// When it ended, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Timestamp>,
    /// The input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Whether the input is included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_details: Option<CloudWatchEventsExecutionDataDetails>,
    /// The output, when the execution succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Whether the output is included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_details: Option<CloudWatchEventsExecutionDataDetails>,
    /// The X-Ray trace header given to StartExecution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_header: Option<String>,
    /// The error, when the execution failed, timed out or was stopped with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The cause, when the execution failed, timed out or was stopped with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// The version it ran, when started through a version or an alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_version_arn: Option<StateMachineVersionArn>,
    /// The alias it was started through, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_alias_arn: Option<StateMachineAliasArn>,
    /// How many times it was redriven.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redrive_count: Option<i32>,
    /// Whether it can be redriven now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redrive_status: Option<ExecutionRedriveStatus>,
    /// Why it cannot be redriven.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redrive_status_reason: Option<String>,
}

impl DescribeExecutionOutput {
    /// A response with the required members.
    #[must_use]
    pub fn new(
        execution_arn: ExecutionArn,
        state_machine_arn: StateMachineArn,
        status: ExecutionStatus,
        start_date: Timestamp,
    ) -> Self {
        DescribeExecutionOutput {
            execution_arn,
            state_machine_arn,
            name: None,
            status,
            start_date,
            stop_date: None,
            input: None,
            input_details: None,
            output: None,
            output_details: None,
            trace_header: None,
            error: None,
            cause: None,
            state_machine_version_arn: None,
            state_machine_alias_arn: None,
            redrive_count: None,
            redrive_status: None,
            redrive_status_reason: None,
        }
    }
}

/// The request of ListExecutions: `state_machine_arn` or `map_run_arn`, not both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListExecutionsInput {
    /// An unqualified state machine ARN (every execution), a version ARN (those started with that
    /// version ARN) or an alias ARN (those started through that alias).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_arn: Option<String>,
    /// Only executions with this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_filter: Option<ExecutionStatus>,
    /// Page size: 1–1000; 0 or absent means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    /// The token of the previous page (up to 3,096 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// A Map Run, to list its child executions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
    /// Only redriven, or only never redriven, executions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redrive_filter: Option<ExecutionRedriveFilter>,
}

impl ListExecutionsInput {
    /// A request for the first page of `state_machine_arn`'s executions.
    #[must_use]
    pub fn new(state_machine_arn: impl Into<String>) -> Self {
        ListExecutionsInput {
            state_machine_arn: Some(state_machine_arn.into()),
            ..ListExecutionsInput::default()
        }
    }
}

/// One execution in ListExecutions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExecutionListItem {
    /// The execution.
    pub execution_arn: ExecutionArn,
    /// The unqualified state machine ARN.
    pub state_machine_arn: StateMachineArn,
    /// The execution name.
    pub name: ExecutionName,
    /// The status.
    pub status: ExecutionStatus,
    /// When it started.
    pub start_date: Timestamp,
    /// When it ended, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Timestamp>,
    /// The version it ran, when started through a version or an alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_version_arn: Option<StateMachineVersionArn>,
    /// The alias it was started through, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_alias_arn: Option<StateMachineAliasArn>,
    /// How many times it was redriven.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redrive_count: Option<i32>,
}

impl ExecutionListItem {
    /// An item with the required members.
    #[must_use]
    pub fn new(
        execution_arn: ExecutionArn,
        state_machine_arn: StateMachineArn,
        name: ExecutionName,
        status: ExecutionStatus,
        start_date: Timestamp,
    ) -> Self {
        ExecutionListItem {
            execution_arn,
            state_machine_arn,
            name,
            status,
            start_date,
            stop_date: None,
            state_machine_version_arn: None,
            state_machine_alias_arn: None,
            redrive_count: None,
        }
    }
}

/// The response of ListExecutions: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListExecutionsOutput {
    /// This page.
    pub executions: Vec<ExecutionListItem>,
    /// The token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListExecutionsOutput {
    /// A page.
    #[must_use]
    pub fn new(executions: Vec<ExecutionListItem>, next_token: Option<String>) -> Self {
        ListExecutionsOutput { executions, next_token }
    }
}

/// The request of DescribeStateMachineForExecution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeStateMachineForExecutionInput {
    /// The execution ARN.
    pub execution_arn: String,
    /// `METADATA_ONLY` returns the definition as `{}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub included_data: Option<IncludedData>,
}

impl DescribeStateMachineForExecutionInput {
    /// A request for `execution_arn`.
    #[must_use]
    pub fn new(execution_arn: impl Into<String>) -> Self {
        DescribeStateMachineForExecutionInput {
            execution_arn: execution_arn.into(),
            included_data: None,
        }
    }
}

/// The response of DescribeStateMachineForExecution: the revision the execution runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeStateMachineForExecutionOutput {
    /// The unqualified state machine ARN, even for an execution of a version.
    pub state_machine_arn: StateMachineArn,
    /// The state machine name.
    pub name: StateMachineName,
    /// The definition the execution runs.
    pub definition: Definition,
    /// The IAM role the execution runs with.
    pub role_arn: String,
    /// When that revision was made (the state machine's creation for the initial one).
    pub update_date: Timestamp,
    /// Logging of that revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// Tracing of that revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// That revision's id; absent for the initial revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<RevisionId>,
    /// Server-side encryption: `{"type": "AWS_OWNED_KEY"}` unless a key was configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

impl DescribeStateMachineForExecutionOutput {
    /// A response with the required members.
    #[must_use]
    pub fn new(
        state_machine_arn: StateMachineArn,
        name: StateMachineName,
        definition: impl Into<Definition>,
        role_arn: String,
        update_date: Timestamp,
    ) -> Self {
        DescribeStateMachineForExecutionOutput {
            state_machine_arn,
            name,
            definition: definition.into(),
            role_arn,
            update_date,
            logging_configuration: None,
            tracing_configuration: None,
            revision_id: None,
            encryption_configuration: None,
        }
    }
}

/// The request of GetExecutionHistory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GetExecutionHistoryInput {
    /// The execution ARN.
    pub execution_arn: String,
    /// Page size: 1–1000; 0 or absent means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    /// Newest event first.
    #[serde(default, skip_serializing_if = "super::state_machine::is_false")]
    pub reverse_order: bool,
    /// The token of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Whether events carry their input and output (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_execution_data: Option<bool>,
}

impl GetExecutionHistoryInput {
    /// A request for the first page of `execution_arn`'s history.
    #[must_use]
    pub fn new(execution_arn: impl Into<String>) -> Self {
        GetExecutionHistoryInput {
            execution_arn: execution_arn.into(),
            max_results: None,
            reverse_order: false,
            next_token: None,
            include_execution_data: None,
        }
    }
}

/// Whether input or output data of a history event was truncated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryEventExecutionDataDetails {
    /// `true` when the data was cut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
}

impl HistoryEventExecutionDataDetails {
    /// The details saying whether the data was `truncated`.
    #[must_use]
    pub fn new(truncated: bool) -> Self {
        HistoryEventExecutionDataDetails {
            truncated: Some(truncated),
        }
    }
}

/// The details of an `ExecutionStarted` event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExecutionStartedEventDetails {
    /// The execution's input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Whether the input was truncated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_details: Option<HistoryEventExecutionDataDetails>,
    /// The IAM role the execution runs with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The alias the execution was started through, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_alias_arn: Option<StateMachineAliasArn>,
    /// The version the execution runs, when started through a version or an alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_machine_version_arn: Option<StateMachineVersionArn>,
}

/// The details of an `ExecutionSucceeded` event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExecutionSucceededEventDetails {
    /// The execution's output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Whether the output was truncated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_details: Option<HistoryEventExecutionDataDetails>,
}

/// The error and cause of an `ExecutionFailed`, `ExecutionAborted` or `ExecutionTimedOut` event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExecutionErrorEventDetails {
    /// The error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A more detailed cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// The details of a `…StateEntered` event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StateEnteredEventDetails {
    /// The state's name.
    pub name: String,
    /// The state's input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Whether the input was truncated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_details: Option<HistoryEventExecutionDataDetails>,
}

/// The details of a `…StateExited` event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StateExitedEventDetails {
    /// The state's name.
    pub name: String,
    /// The state's output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Whether the output was truncated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_details: Option<HistoryEventExecutionDataDetails>,
}

/// An event of an execution's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryEvent {
    /// When it happened.
    pub timestamp: Timestamp,
    /// The type of event.
    #[serde(rename = "type")]
    pub r#type: HistoryEventType,
    /// Its id: 1, 2, 3, … in order.
    pub id: i64,
    /// The id of the event before it (0 for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_event_id: Option<i64>,
    /// For `ExecutionStarted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_started_event_details: Option<ExecutionStartedEventDetails>,
    /// For `ExecutionSucceeded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_succeeded_event_details: Option<ExecutionSucceededEventDetails>,
    /// For `ExecutionFailed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_failed_event_details: Option<ExecutionErrorEventDetails>,
    /// For `ExecutionAborted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_aborted_event_details: Option<ExecutionErrorEventDetails>,
    /// For `ExecutionTimedOut`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_timed_out_event_details: Option<ExecutionErrorEventDetails>,
    /// For the `…StateEntered` events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_entered_event_details: Option<StateEnteredEventDetails>,
    /// For the `…StateExited` events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_exited_event_details: Option<StateExitedEventDetails>,
}

impl HistoryEvent {
    /// An event without details.
    #[must_use]
    pub fn new(timestamp: Timestamp, r#type: HistoryEventType, id: i64) -> Self {
        HistoryEvent {
            timestamp,
            r#type,
            id,
            previous_event_id: None,
            execution_started_event_details: None,
            execution_succeeded_event_details: None,
            execution_failed_event_details: None,
            execution_aborted_event_details: None,
            execution_timed_out_event_details: None,
            state_entered_event_details: None,
            state_exited_event_details: None,
        }
    }
}

/// The response of GetExecutionHistory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GetExecutionHistoryOutput {
    /// This page of events.
    pub events: Vec<HistoryEvent>,
    /// The token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl GetExecutionHistoryOutput {
    /// A page.
    #[must_use]
    pub fn new(events: Vec<HistoryEvent>, next_token: Option<String>) -> Self {
        GetExecutionHistoryOutput { events, next_token }
    }
}

wire_enum! {
    /// The type of a history event.
    HistoryEventType {
        /// `ActivityFailed`
        ActivityFailed = "ActivityFailed",
        /// `ActivityScheduled`
        ActivityScheduled = "ActivityScheduled",
        /// `ActivityScheduleFailed`
        ActivityScheduleFailed = "ActivityScheduleFailed",
        /// `ActivityStarted`
        ActivityStarted = "ActivityStarted",
        /// `ActivitySucceeded`
        ActivitySucceeded = "ActivitySucceeded",
        /// `ActivityTimedOut`
        ActivityTimedOut = "ActivityTimedOut",
        /// `ChoiceStateEntered`
        ChoiceStateEntered = "ChoiceStateEntered",
        /// `ChoiceStateExited`
        ChoiceStateExited = "ChoiceStateExited",
        /// `ExecutionAborted`
        ExecutionAborted = "ExecutionAborted",
        /// `ExecutionFailed`
        ExecutionFailed = "ExecutionFailed",
        /// `ExecutionStarted`
        ExecutionStarted = "ExecutionStarted",
        /// `ExecutionSucceeded`
        ExecutionSucceeded = "ExecutionSucceeded",
        /// `ExecutionTimedOut`
        ExecutionTimedOut = "ExecutionTimedOut",
        /// `FailStateEntered`
        FailStateEntered = "FailStateEntered",
        /// `LambdaFunctionFailed`
        LambdaFunctionFailed = "LambdaFunctionFailed",
        /// `LambdaFunctionScheduled`
        LambdaFunctionScheduled = "LambdaFunctionScheduled",
        /// `LambdaFunctionScheduleFailed`
        LambdaFunctionScheduleFailed = "LambdaFunctionScheduleFailed",
        /// `LambdaFunctionStarted`
        LambdaFunctionStarted = "LambdaFunctionStarted",
        /// `LambdaFunctionStartFailed`
        LambdaFunctionStartFailed = "LambdaFunctionStartFailed",
        /// `LambdaFunctionSucceeded`
        LambdaFunctionSucceeded = "LambdaFunctionSucceeded",
        /// `LambdaFunctionTimedOut`
        LambdaFunctionTimedOut = "LambdaFunctionTimedOut",
        /// `MapIterationAborted`
        MapIterationAborted = "MapIterationAborted",
        /// `MapIterationFailed`
        MapIterationFailed = "MapIterationFailed",
        /// `MapIterationStarted`
        MapIterationStarted = "MapIterationStarted",
        /// `MapIterationSucceeded`
        MapIterationSucceeded = "MapIterationSucceeded",
        /// `MapStateAborted`
        MapStateAborted = "MapStateAborted",
        /// `MapStateEntered`
        MapStateEntered = "MapStateEntered",
        /// `MapStateExited`
        MapStateExited = "MapStateExited",
        /// `MapStateFailed`
        MapStateFailed = "MapStateFailed",
        /// `MapStateStarted`
        MapStateStarted = "MapStateStarted",
        /// `MapStateSucceeded`
        MapStateSucceeded = "MapStateSucceeded",
        /// `ParallelStateAborted`
        ParallelStateAborted = "ParallelStateAborted",
        /// `ParallelStateEntered`
        ParallelStateEntered = "ParallelStateEntered",
        /// `ParallelStateExited`
        ParallelStateExited = "ParallelStateExited",
        /// `ParallelStateFailed`
        ParallelStateFailed = "ParallelStateFailed",
        /// `ParallelStateStarted`
        ParallelStateStarted = "ParallelStateStarted",
        /// `ParallelStateSucceeded`
        ParallelStateSucceeded = "ParallelStateSucceeded",
        /// `PassStateEntered`
        PassStateEntered = "PassStateEntered",
        /// `PassStateExited`
        PassStateExited = "PassStateExited",
        /// `SucceedStateEntered`
        SucceedStateEntered = "SucceedStateEntered",
        /// `SucceedStateExited`
        SucceedStateExited = "SucceedStateExited",
        /// `TaskFailed`
        TaskFailed = "TaskFailed",
        /// `TaskScheduled`
        TaskScheduled = "TaskScheduled",
        /// `TaskStarted`
        TaskStarted = "TaskStarted",
        /// `TaskStartFailed`
        TaskStartFailed = "TaskStartFailed",
        /// `TaskStateAborted`
        TaskStateAborted = "TaskStateAborted",
        /// `TaskStateEntered`
        TaskStateEntered = "TaskStateEntered",
        /// `TaskStateExited`
        TaskStateExited = "TaskStateExited",
        /// `TaskSubmitFailed`
        TaskSubmitFailed = "TaskSubmitFailed",
        /// `TaskSubmitted`
        TaskSubmitted = "TaskSubmitted",
        /// `TaskSucceeded`
        TaskSucceeded = "TaskSucceeded",
        /// `TaskTimedOut`
        TaskTimedOut = "TaskTimedOut",
        /// `WaitStateAborted`
        WaitStateAborted = "WaitStateAborted",
        /// `WaitStateEntered`
        WaitStateEntered = "WaitStateEntered",
        /// `WaitStateExited`
        WaitStateExited = "WaitStateExited",
        /// `MapRunAborted`
        MapRunAborted = "MapRunAborted",
        /// `MapRunFailed`
        MapRunFailed = "MapRunFailed",
        /// `MapRunStarted`
        MapRunStarted = "MapRunStarted",
        /// `MapRunSucceeded`
        MapRunSucceeded = "MapRunSucceeded",
        /// `ExecutionRedriven`
        ExecutionRedriven = "ExecutionRedriven",
        /// `MapRunRedriven`
        MapRunRedriven = "MapRunRedriven",
        /// `EvaluationFailed`
        EvaluationFailed = "EvaluationFailed",
    }
}
