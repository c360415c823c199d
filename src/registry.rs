//! The [`Registry`] trait: one method per Step Functions operation.

use std::fmt;

use crate::dto::{
    CreateStateMachineAliasInput, CreateStateMachineAliasOutput, CreateStateMachineInput, CreateStateMachineOutput,
    DeleteStateMachineAliasInput, DeleteStateMachineAliasOutput, DeleteStateMachineInput, DeleteStateMachineOutput,
    DeleteStateMachineVersionInput, DeleteStateMachineVersionOutput, DescribeExecutionInput, DescribeExecutionOutput,
    DescribeStateMachineAliasInput, DescribeStateMachineAliasOutput, DescribeStateMachineForExecutionInput,
    DescribeStateMachineForExecutionOutput, DescribeStateMachineInput, DescribeStateMachineOutput,
    GetExecutionHistoryInput, GetExecutionHistoryOutput, ListExecutionsInput, ListExecutionsOutput,
    ListStateMachineAliasesInput, ListStateMachineAliasesOutput, ListStateMachineVersionsInput,
    ListStateMachineVersionsOutput, ListStateMachinesInput, ListStateMachinesOutput, ListTagsForResourceInput,
    ListTagsForResourceOutput, PublishStateMachineVersionInput, PublishStateMachineVersionOutput, StartExecutionInput,
    StartExecutionOutput, StopExecutionInput, StopExecutionOutput, TagResourceInput, TagResourceOutput,
    UntagResourceInput, UntagResourceOutput, UpdateStateMachineAliasInput, UpdateStateMachineAliasOutput,
    UpdateStateMachineInput, UpdateStateMachineOutput, ValidateStateMachineDefinitionInput,
    ValidateStateMachineDefinitionOutput,
};
use crate::error::{Error, ErrorCode, Result};

/// The Step Functions versioning API: one method per operation, taking the typed request and
/// returning the typed response or the AWS error.
///
/// Reads take `&self` and writes `&mut self`; the trait is object safe, so an HTTP layer can
/// hold a `&mut dyn Registry` (see [`handle_json`](crate::handle_json)), or serve the reads
/// through a `&dyn Registry` ([`JsonRequest`](crate::JsonRequest)). Every method has a
/// default body that answers `UnknownOperationException`, so a partial fake needs only the
/// operations it uses; [`InMemoryRegistry`](crate::InMemoryRegistry) implements them all.
///
/// Each method links AWS's API reference; the `# Errors` sections list the codes it can return.
/// Every request is first checked against the API model's member constraints (lengths, ranges,
/// patterns, enums), which fail with `ValidationException`; a failed request changes nothing.
pub trait Registry: fmt::Debug {
    /// [CreateStateMachine](https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html):
    /// creates a state machine, and with `publish` its version 1.
    ///
    /// Idempotent: a second request with the same name, definition (compared as a string), type,
    /// logging, tracing, encryption, `publish` and `versionDescription` returns the first
    /// response; `roleArn` and `tags` differences are ignored.
    ///
    /// # Errors
    ///
    /// `ValidationException` (constraints; `versionDescription` without `publish`),
    /// `InvalidName`, `InvalidArn` (role), `InvalidDefinition`, `InvalidLoggingConfiguration`,
    /// `InvalidEncryptionConfiguration`, `TooManyTags`, `StateMachineAlreadyExists` (same name,
    /// other parameters), `StateMachineDeleting`.
    fn create_state_machine(&mut self, input: CreateStateMachineInput) -> Result<CreateStateMachineOutput> {
        let _ = input;
        Err(unsupported("CreateStateMachine"))
    }

    /// [DescribeStateMachine](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html):
    /// a state machine (unqualified ARN) or one of its versions (version ARN).
    ///
    /// # Errors
    ///
    /// `ValidationException` (constraints; a Distributed Map label ARN), `InvalidArn`,
    /// `StateMachineDoesNotExist` (also for an alias ARN or a deleted version).
    fn describe_state_machine(&self, input: DescribeStateMachineInput) -> Result<DescribeStateMachineOutput> {
        let _ = input;
        Err(unsupported("DescribeStateMachine"))
    }

    /// [UpdateStateMachine](https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html):
    /// changes definition, role, logging, tracing or encryption. An effective change makes a
    /// new revision with a new UUID `revisionId`; with `publish`, the resulting revision is
    /// published (or its existing version returned).
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `MissingRequiredParameter` (nothing to update),
    /// `StateMachineDoesNotExist` (also for a version or alias ARN), `StateMachineDeleting`,
    /// `InvalidDefinition`, `InvalidLoggingConfiguration`, `InvalidEncryptionConfiguration`,
    /// `ServiceQuotaExceededException` (publishing past 1,000 versions).
    fn update_state_machine(&mut self, input: UpdateStateMachineInput) -> Result<UpdateStateMachineOutput> {
        let _ = input;
        Err(unsupported("UpdateStateMachine"))
    }

    /// [DeleteStateMachine](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html):
    /// deletes a state machine with its versions and aliases. Deleting one that does not exist
    /// succeeds.
    ///
    /// # Errors
    ///
    /// `ValidationException` (constraints; a Distributed Map label ARN), `InvalidArn`.
    fn delete_state_machine(&mut self, input: DeleteStateMachineInput) -> Result<DeleteStateMachineOutput> {
        let _ = input;
        Err(unsupported("DeleteStateMachine"))
    }

    /// [ListStateMachines](https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html):
    /// the state machines, by name in ascending byte order.
    ///
    /// # Errors
    ///
    /// `ValidationException` (`maxResults` above 1000, `nextToken` too long), `InvalidToken`.
    fn list_state_machines(&self, input: ListStateMachinesInput) -> Result<ListStateMachinesOutput> {
        let _ = input;
        Err(unsupported("ListStateMachines"))
    }

    /// [PublishStateMachineVersion](https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html):
    /// publishes the current revision as a new version, or returns the version it already has.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `StateMachineDoesNotExist`, `StateMachineDeleting`,
    /// `ConflictException` (`revisionId` is not the current revision),
    /// `ServiceQuotaExceededException` (1,000 versions).
    fn publish_state_machine_version(
        &mut self,
        input: PublishStateMachineVersionInput,
    ) -> Result<PublishStateMachineVersionOutput> {
        let _ = input;
        Err(unsupported("PublishStateMachineVersion"))
    }

    /// [ListStateMachineVersions](https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineVersions.html):
    /// the versions of a state machine, newest first.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `InvalidToken`.
    fn list_state_machine_versions(
        &self,
        input: ListStateMachineVersionsInput,
    ) -> Result<ListStateMachineVersionsOutput> {
        let _ = input;
        Err(unsupported("ListStateMachineVersions"))
    }

    /// [DeleteStateMachineVersion](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineVersion.html):
    /// deletes a version. Deleting one that does not exist succeeds.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ConflictException` (an alias routes to it).
    fn delete_state_machine_version(
        &mut self,
        input: DeleteStateMachineVersionInput,
    ) -> Result<DeleteStateMachineVersionOutput> {
        let _ = input;
        Err(unsupported("DeleteStateMachineVersion"))
    }

    /// [CreateStateMachineAlias](https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html):
    /// creates an alias routing to one or two versions. Idempotent on name, description and
    /// routing.
    ///
    /// # Errors
    ///
    /// `ValidationException` (name, routing), `InvalidArn` (a routing ARN),
    /// `ResourceNotFound` (a version that does not exist), `StateMachineDeleting`,
    /// `ConflictException` (same name, other description or routing),
    /// `ServiceQuotaExceededException` (100 aliases).
    fn create_state_machine_alias(
        &mut self,
        input: CreateStateMachineAliasInput,
    ) -> Result<CreateStateMachineAliasOutput> {
        let _ = input;
        Err(unsupported("CreateStateMachineAlias"))
    }

    /// [DescribeStateMachineAlias](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineAlias.html).
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ResourceNotFound`.
    fn describe_state_machine_alias(
        &self,
        input: DescribeStateMachineAliasInput,
    ) -> Result<DescribeStateMachineAliasOutput> {
        let _ = input;
        Err(unsupported("DescribeStateMachineAlias"))
    }

    /// [UpdateStateMachineAlias](https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachineAlias.html):
    /// changes the description and/or the routing; the next StartExecution uses the new routing.
    ///
    /// # Errors
    ///
    /// `ValidationException` (neither member given; routing), `InvalidArn`, `ResourceNotFound`,
    /// `StateMachineDeleting`.
    fn update_state_machine_alias(
        &mut self,
        input: UpdateStateMachineAliasInput,
    ) -> Result<UpdateStateMachineAliasOutput> {
        let _ = input;
        Err(unsupported("UpdateStateMachineAlias"))
    }

    /// [DeleteStateMachineAlias](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineAlias.html).
    /// Deleting one that does not exist succeeds.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`.
    fn delete_state_machine_alias(
        &mut self,
        input: DeleteStateMachineAliasInput,
    ) -> Result<DeleteStateMachineAliasOutput> {
        let _ = input;
        Err(unsupported("DeleteStateMachineAlias"))
    }

    /// [ListStateMachineAliases](https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineAliases.html):
    /// the aliases of a state machine, or those routing to a version, oldest first.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `InvalidToken`, `StateMachineDoesNotExist`,
    /// `StateMachineDeleting`, `ResourceNotFound` (a version that does not exist).
    fn list_state_machine_aliases(&self, input: ListStateMachineAliasesInput) -> Result<ListStateMachineAliasesOutput> {
        let _ = input;
        Err(unsupported("ListStateMachineAliases"))
    }

    /// [TagResource](https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html)
    /// on a state machine.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ResourceNotFound` (also for a version or alias ARN),
    /// `TooManyTags` (more than 50).
    fn tag_resource(&mut self, input: TagResourceInput) -> Result<TagResourceOutput> {
        let _ = input;
        Err(unsupported("TagResource"))
    }

    /// [UntagResource](https://docs.aws.amazon.com/step-functions/latest/apireference/API_UntagResource.html).
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ResourceNotFound`.
    fn untag_resource(&mut self, input: UntagResourceInput) -> Result<UntagResourceOutput> {
        let _ = input;
        Err(unsupported("UntagResource"))
    }

    /// [ListTagsForResource](https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListTagsForResource.html).
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ResourceNotFound`.
    fn list_tags_for_resource(&self, input: ListTagsForResourceInput) -> Result<ListTagsForResourceOutput> {
        let _ = input;
        Err(unsupported("ListTagsForResource"))
    }

    /// [StartExecution](https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html):
    /// starts an execution of the latest revision (unqualified ARN), of a version (version ARN),
    /// or of a version the alias picks by weight (alias ARN). The execution pins the definition,
    /// role and revision it runs. Idempotent for a running standard execution with the same name
    /// and input.
    ///
    /// # Errors
    ///
    /// `ValidationException` (constraints; a Distributed Map label ARN), `InvalidArn`,
    /// `InvalidName`, `InvalidExecutionInput` (not JSON), `StateMachineDoesNotExist` (also for a
    /// deleted version or alias), `StateMachineDeleting`, `ExecutionAlreadyExists` (the name is
    /// taken by a closed execution, or by a running one with another input).
    fn start_execution(&mut self, input: StartExecutionInput) -> Result<StartExecutionOutput> {
        let _ = input;
        Err(unsupported("StartExecution"))
    }

    /// [StopExecution](https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html):
    /// a running execution becomes `ABORTED`.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn` (also for an express execution), `ExecutionDoesNotExist`.
    fn stop_execution(&mut self, input: StopExecutionInput) -> Result<StopExecutionOutput> {
        let _ = input;
        Err(unsupported("StopExecution"))
    }

    /// [DescribeExecution](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html):
    /// status, input, output, and the version and alias it was started through.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn` (also for an express execution), `ExecutionDoesNotExist`.
    fn describe_execution(&self, input: DescribeExecutionInput) -> Result<DescribeExecutionOutput> {
        let _ = input;
        Err(unsupported("DescribeExecution"))
    }

    /// [ListExecutions](https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html):
    /// a state machine's executions (or those of a version, or of an alias), newest first.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `InvalidToken`, `StateMachineDoesNotExist`,
    /// `StateMachineTypeNotSupported` (an express state machine), `ResourceNotFound` (a Map Run).
    fn list_executions(&self, input: ListExecutionsInput) -> Result<ListExecutionsOutput> {
        let _ = input;
        Err(unsupported("ListExecutions"))
    }

    /// [DescribeStateMachineForExecution](https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html):
    /// the revision an execution runs.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ExecutionDoesNotExist`.
    fn describe_state_machine_for_execution(
        &self,
        input: DescribeStateMachineForExecutionInput,
    ) -> Result<DescribeStateMachineForExecutionOutput> {
        let _ = input;
        Err(unsupported("DescribeStateMachineForExecution"))
    }

    /// [GetExecutionHistory](https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html):
    /// an execution's events, oldest first unless `reverseOrder`.
    ///
    /// # Errors
    ///
    /// `ValidationException`, `InvalidArn`, `ExecutionDoesNotExist`, `InvalidToken`.
    fn get_execution_history(&self, input: GetExecutionHistoryInput) -> Result<GetExecutionHistoryOutput> {
        let _ = input;
        Err(unsupported("GetExecutionHistory"))
    }

    /// [ValidateStateMachineDefinition](https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html):
    /// checks an Amazon States Language definition as CreateStateMachine and UpdateStateMachine
    /// would, and lists what is wrong with it. A pure function of its input: it needs no state
    /// machine and changes nothing. `result` is `FAIL` when an `ERROR` diagnostic exists (the
    /// definition would be refused), `OK` otherwise; `diagnostics` holds those of at least the
    /// requested `severity`, at most `maxResults` of them (`truncated` says when more exist).
    ///
    /// # Errors
    ///
    /// `ValidationException` (constraints: `definition` of 1 to 1,048,576 bytes, `type`,
    /// `severity`, `maxResults` from 0 to 100). A bad definition is not an error: it is a `FAIL`
    /// result.
    fn validate_state_machine_definition(
        &self,
        input: ValidateStateMachineDefinitionInput,
    ) -> Result<ValidateStateMachineDefinitionOutput> {
        let _ = input;
        Err(unsupported("ValidateStateMachineDefinition"))
    }
}

fn unsupported(operation: &str) -> Error {
    Error::new(
        ErrorCode::UnknownOperationException,
        format!("Operation {operation} is not supported by this registry"),
    )
}

/// `dyn Registry` must stay object safe.
const _: fn(&mut dyn Registry) = |_| {};
