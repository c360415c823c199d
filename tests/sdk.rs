//! The `aws-sdk` feature: a real `aws_sdk_sfn::Client` served in-process by a shared registry.
//! Every operation, the typed errors, the paginators, scope agreement, sharing across threads
//! and runtimes, and the execution hook.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use sfn_registry::dto::ListStateMachinesInput;
use sfn_registry::sdk::aws_sdk_sfn;
use sfn_registry::sdk::{self, Fake};
use sfn_registry::{ExecutionOutcome, InMemoryRegistry, Operation, Registry, StateEvent, StateType};

use aws_sdk_sfn::config::http::HttpResponse;
use aws_sdk_sfn::config::interceptors::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_sdk_sfn::config::{ConfigBag, Intercept, Region, RuntimeComponents};
use aws_sdk_sfn::error::{BoxError, ProvideErrorMetadata, SdkError};
use aws_sdk_sfn::operation::RequestId;
use aws_sdk_sfn::operation::create_state_machine::CreateStateMachineError;
use aws_sdk_sfn::operation::create_state_machine::builders::CreateStateMachineFluentBuilder;
use aws_sdk_sfn::operation::create_state_machine_alias::CreateStateMachineAliasError;
use aws_sdk_sfn::operation::create_state_machine_alias::builders::CreateStateMachineAliasFluentBuilder;
use aws_sdk_sfn::operation::delete_state_machine::DeleteStateMachineError;
use aws_sdk_sfn::operation::describe_execution::{DescribeExecutionError, DescribeExecutionOutput};
use aws_sdk_sfn::operation::describe_state_machine::DescribeStateMachineError;
use aws_sdk_sfn::operation::describe_state_machine_alias::DescribeStateMachineAliasError;
use aws_sdk_sfn::operation::list_state_machines::ListStateMachinesError;
use aws_sdk_sfn::operation::publish_state_machine_version::PublishStateMachineVersionError;
use aws_sdk_sfn::operation::start_execution::StartExecutionError;
use aws_sdk_sfn::operation::start_execution::builders::StartExecutionFluentBuilder;
use aws_sdk_sfn::operation::update_state_machine_alias::UpdateStateMachineAliasError;
use aws_sdk_sfn::types::{
    ExecutionStatus, HistoryEventType, RoutingConfigurationListItem, StateMachineStatus, Tag,
    ValidateStateMachineDefinitionResultCode, ValidationExceptionReason,
};
use aws_smithy_runtime_api::client::auth::AuthSchemeId;

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

fn pass(result: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{result}","End":true}}}}}}"#)
}

fn shared(seed: u64) -> Arc<Mutex<InMemoryRegistry>> {
    Arc::new(Mutex::new(InMemoryRegistry::builder().seed(seed).build().unwrap()))
}

fn route(version: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version)
        .weight(weight)
        .build()
        .unwrap()
}

/// CreateStateMachine of `name`, a Pass state with `result`, through the SDK.
fn create(client: &aws_sdk_sfn::Client, name: impl Into<String>, result: &str) -> CreateStateMachineFluentBuilder {
    client
        .create_state_machine()
        .name(name)
        .definition(pass(result))
        .role_arn(ROLE)
}

/// StartExecution of `arn` (a state machine, version or alias), through the SDK.
fn start(client: &aws_sdk_sfn::Client, arn: impl Into<String>) -> StartExecutionFluentBuilder {
    client.start_execution().state_machine_arn(arn)
}

/// DescribeExecution of `arn`, through the SDK.
async fn describe_execution(client: &aws_sdk_sfn::Client, arn: &str) -> DescribeExecutionOutput {
    client.describe_execution().execution_arn(arn).send().await.unwrap()
}

/// CreateStateMachineAlias `name` with `routes` (version ARN, weight), through the SDK.
fn create_alias(
    client: &aws_sdk_sfn::Client,
    name: impl Into<String>,
    routes: &[(&str, i32)],
) -> CreateStateMachineAliasFluentBuilder {
    routes.iter().fold(
        client.create_state_machine_alias().name(name),
        |alias, (version, weight)| alias.routing_configuration(route(version, *weight)),
    )
}

/// `err` (an `SdkError`) is its operation's typed error `variant`, whose message, read through
/// the SDK's accessor, is `message`; evaluates to the variant's error.
macro_rules! assert_typed {
    ($err:expr, $variant:path, $message:expr) => {{
        let service_error = $err.into_service_error();
        let $variant(typed) = service_error else {
            panic!("expected {}, got {service_error:?}", stringify!($variant))
        };
        assert_eq!(typed.message(), Some(AsRef::<str>::as_ref(&$message)));
        typed
    }};
}

/// The service error's code and message, as a user of the SDK reads them.
fn code_and_message<E: ProvideErrorMetadata>(e: &E) -> (Option<&str>, Option<&str>) {
    (e.code(), e.message())
}

/// The HTTP status the service answered with.
fn status<E>(e: &SdkError<E, HttpResponse>) -> u16 {
    e.raw_response()
        .expect("a service error has a response")
        .status()
        .as_u16()
}

/// `orders`, published as versions 1 and 2, through the SDK.
async fn orders_with_two_versions(client: &aws_sdk_sfn::Client) -> (String, String) {
    let created = create(client, "orders", "v1").publish(true).send().await.unwrap();
    let updated = client
        .update_state_machine()
        .state_machine_arn(created.state_machine_arn())
        .definition(pass("v2"))
        .publish(true)
        .send()
        .await
        .unwrap();
    (
        created.state_machine_version_arn().unwrap().to_owned(),
        updated.state_machine_version_arn().unwrap().to_owned(),
    )
}

/// Records, through the SDK's own interceptor API, the `X-Amz-Target` and status of every
/// request the client sends.
#[derive(Debug, Default, Clone)]
struct Seen {
    pending: Arc<Mutex<Vec<String>>>,
    answered: Arc<Mutex<Vec<(String, u16)>>>,
    /// The last request's `Authorization` header.
    authorization: Arc<Mutex<Option<String>>>,
}

impl Intercept for Seen {
    fn name(&self) -> &'static str {
        "Seen"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let headers = context.request().headers();
        let target = headers.get("x-amz-target").unwrap_or_default();
        self.pending.lock().unwrap().push(target.to_owned());
        *self.authorization.lock().unwrap() = headers.get("authorization").map(str::to_owned);
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let target = self.pending.lock().unwrap().pop().unwrap_or_default();
        let status = context.response().status().as_u16();
        self.answered.lock().unwrap().push((target, status));
        Ok(())
    }
}

#[tokio::test]
async fn every_operation_the_registry_serves_answers_through_the_sdk() {
    let registry = shared(1);
    let seen = Seen::default();
    let config = sdk::config(&registry).to_builder().interceptor(seen.clone()).build();
    let client = aws_sdk_sfn::Client::from_conf(config);

    // ValidateStateMachineDefinition
    let valid = client
        .validate_state_machine_definition()
        .definition(pass("v1"))
        .send()
        .await
        .unwrap();
    assert_eq!(valid.result(), &ValidateStateMachineDefinitionResultCode::Ok);
    assert!(valid.diagnostics().is_empty());
    let invalid = client
        .validate_state_machine_definition()
        .definition("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.result(), &ValidateStateMachineDefinitionResultCode::Fail);
    let [diagnostic] = invalid.diagnostics() else {
        panic!("one diagnostic expected: {:?}", invalid.diagnostics())
    };
    assert_eq!(diagnostic.code(), "SCHEMA_VALIDATION_FAILED");
    assert_eq!(diagnostic.message(), "These fields are required: [States, StartAt]");
    assert_eq!(diagnostic.location(), Some("/"));

    // CreateStateMachine, DescribeStateMachine
    let created = create(&client, "orders", "v1")
        .publish(true)
        .version_description("first")
        .send()
        .await
        .unwrap();
    assert_eq!(created.state_machine_arn(), SM);
    let v1 = created.state_machine_version_arn().unwrap().to_owned();
    assert_eq!(v1, format!("{SM}:1"));
    let described = client
        .describe_state_machine()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap();
    assert_eq!(described.name(), "orders");
    assert_eq!(described.definition(), pass("v1"));
    assert_eq!(described.role_arn(), ROLE);
    assert_eq!(described.status(), Some(&StateMachineStatus::Active));
    assert_eq!(described.revision_id(), None);
    let version = client
        .describe_state_machine()
        .state_machine_arn(&v1)
        .send()
        .await
        .unwrap();
    assert_eq!(version.description(), Some("first"));

    // UpdateStateMachine, PublishStateMachineVersion (idempotent: the revision has version 2)
    let updated = client
        .update_state_machine()
        .state_machine_arn(SM)
        .definition(pass("v2"))
        .publish(true)
        .send()
        .await
        .unwrap();
    let v2 = updated.state_machine_version_arn().unwrap().to_owned();
    assert_eq!(v2, format!("{SM}:2"));
    let revision = updated.revision_id().unwrap().to_owned();
    let published = client
        .publish_state_machine_version()
        .state_machine_arn(SM)
        .revision_id(&revision)
        .send()
        .await
        .unwrap();
    assert_eq!(published.state_machine_version_arn(), v2);

    // ListStateMachineVersions: newest first
    let versions = client
        .list_state_machine_versions()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap();
    let listed: Vec<&str> = versions
        .state_machine_versions()
        .iter()
        .map(|v| v.state_machine_version_arn())
        .collect();
    assert_eq!(listed, [v2.as_str(), v1.as_str()]);

    // CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias, ListStateMachineAliases
    let alias = create_alias(&client, "PROD", &[(&v1, 90), (&v2, 10)])
        .send()
        .await
        .unwrap()
        .state_machine_alias_arn()
        .to_owned();
    assert_eq!(alias, format!("{SM}:PROD"));
    let described = client
        .describe_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await
        .unwrap();
    let routes: Vec<(&str, i32)> = described
        .routing_configuration()
        .iter()
        .map(|r| (r.state_machine_version_arn(), r.weight()))
        .collect();
    assert_eq!(routes, [(v1.as_str(), 90), (v2.as_str(), 10)]);
    client
        .update_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .routing_configuration(route(&v2, 100))
        .description("all on v2")
        .send()
        .await
        .unwrap();
    let aliases = client
        .list_state_machine_aliases()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap();
    let listed: Vec<&str> = aliases
        .state_machine_aliases()
        .iter()
        .map(|a| a.state_machine_alias_arn())
        .collect();
    assert_eq!(listed, [alias.as_str()]);

    // TagResource, ListTagsForResource, UntagResource
    client
        .tag_resource()
        .resource_arn(SM)
        .tags(Tag::builder().key("team").value("payments").build())
        .tags(Tag::builder().key("tier").value("1").build())
        .send()
        .await
        .unwrap();
    client
        .untag_resource()
        .resource_arn(SM)
        .tag_keys("tier")
        .send()
        .await
        .unwrap();
    let tags = client.list_tags_for_resource().resource_arn(SM).send().await.unwrap();
    let tags: Vec<(Option<&str>, Option<&str>)> = tags.tags().iter().map(|t| (t.key(), t.value())).collect();
    assert_eq!(tags, [(Some("team"), Some("payments"))]);

    // StartExecution through the alias, DescribeExecution, ListExecutions,
    // DescribeStateMachineForExecution, GetExecutionHistory, StopExecution
    let started = start(&client, &alias)
        .name("run-1")
        .input(r#"{"order": 7}"#)
        .send()
        .await
        .unwrap();
    let execution = started.execution_arn().to_owned();
    assert_eq!(
        execution,
        "arn:aws:states:us-east-1:123456789012:execution:orders:run-1"
    );
    let described = describe_execution(&client, &execution).await;
    assert_eq!(described.status(), &ExecutionStatus::Running);
    assert_eq!(described.state_machine_arn(), SM);
    assert_eq!(described.state_machine_alias_arn(), Some(alias.as_str()));
    assert_eq!(described.state_machine_version_arn(), Some(v2.as_str()));
    assert_eq!(described.input(), Some(r#"{"order": 7}"#));
    assert_eq!(described.start_date(), started.start_date());
    let executions = client.list_executions().state_machine_arn(SM).send().await.unwrap();
    let listed: Vec<&str> = executions.executions().iter().map(|e| e.execution_arn()).collect();
    assert_eq!(listed, [execution.as_str()]);
    let pinned = client
        .describe_state_machine_for_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    assert_eq!(pinned.definition(), pass("v2"));
    assert_eq!(pinned.revision_id(), Some(revision.as_str()));
    let stopped = client
        .stop_execution()
        .execution_arn(&execution)
        .error("Operator")
        .cause("stopped by the test")
        .send()
        .await
        .unwrap();
    let history = client
        .get_execution_history()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let types: Vec<&HistoryEventType> = history.events().iter().map(|e| e.r#type()).collect();
    assert_eq!(
        types,
        [&HistoryEventType::ExecutionStarted, &HistoryEventType::ExecutionAborted]
    );
    let started_event = history.events()[0].execution_started_event_details().unwrap();
    assert_eq!(started_event.state_machine_alias_arn(), Some(alias.as_str()));
    assert_eq!(started_event.state_machine_version_arn(), Some(v2.as_str()));
    let described = describe_execution(&client, &execution).await;
    assert_eq!(described.status(), &ExecutionStatus::Aborted);
    assert_eq!(described.stop_date(), Some(stopped.stop_date()));
    assert_eq!(described.error(), Some("Operator"));

    // ListStateMachines
    let machines = client.list_state_machines().send().await.unwrap();
    let names: Vec<&str> = machines.state_machines().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["orders"]);

    // DeleteStateMachineAlias, DeleteStateMachineVersion, DeleteStateMachine
    client
        .delete_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await
        .unwrap();
    client
        .delete_state_machine_version()
        .state_machine_version_arn(&v1)
        .send()
        .await
        .unwrap();
    let versions = client
        .list_state_machine_versions()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap();
    assert_eq!(versions.state_machine_versions().len(), 1);
    client
        .delete_state_machine()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap();
    assert!(
        client
            .list_state_machines()
            .send()
            .await
            .unwrap()
            .state_machines()
            .is_empty()
    );

    // Every operation the registry serves went through the SDK and was answered 200.
    let answered = seen.answered.lock().unwrap();
    assert!(answered.iter().all(|(_, status)| *status == 200), "{answered:?}");
    assert_eq!(
        *seen.authorization.lock().unwrap(),
        None,
        "the fake's client sends unsigned requests"
    );
    let targets: BTreeSet<String> = answered.iter().map(|(target, _)| target.clone()).collect();
    let served: BTreeSet<String> = Operation::ALL
        .iter()
        .map(|op| format!("{}{}", sfn_registry::TARGET_PREFIX, op.name()))
        .collect();
    assert_eq!(targets, served);
    // What the test saw through the SDK is what the registry holds.
    let registry = registry.lock().unwrap();
    assert!(
        registry
            .list_state_machines(ListStateMachinesInput::default())
            .unwrap()
            .state_machines
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// Typed errors, with AWS's texts through the SDK's accessors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_alias_conflict_is_the_typed_conflict_exception() {
    let registry = shared(2);
    let client = sdk::client(&registry);
    let (v1, v2) = orders_with_two_versions(&client).await;
    create_alias(&client, "PROD", &[(&v1, 100)]).send().await.unwrap();
    let before = registry.lock().unwrap().snapshot();
    let err = create_alias(&client, "PROD", &[(&v2, 100)]).send().await.unwrap_err();
    assert_eq!(status(&err), 409);
    assert_typed!(
        err,
        CreateStateMachineAliasError::ConflictException,
        "Failed to create alias because an alias with the same name and a different routing configuration already exists."
    );
    assert_eq!(
        registry.lock().unwrap().snapshot(),
        before,
        "a failed request changed the registry"
    );
}

#[tokio::test]
async fn a_missing_alias_is_the_typed_resource_not_found() {
    let registry = shared(3);
    let client = sdk::client(&registry);
    orders_with_two_versions(&client).await;
    let err = client
        .describe_state_machine_alias()
        .state_machine_alias_arn(format!("{SM}:PROD"))
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        DescribeStateMachineAliasError::ResourceNotFound,
        "Request references a resource that does not exist."
    );

    let err = client
        .update_state_machine_alias()
        .state_machine_alias_arn(format!("{SM}:PROD"))
        .description("d")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(
        err.into_service_error(),
        UpdateStateMachineAliasError::ResourceNotFound(_)
    ));
}

#[tokio::test]
async fn validation_errors_are_typed_with_their_reason() {
    let registry = shared(4);
    let client = sdk::client(&registry);
    let (v1, v2) = orders_with_two_versions(&client).await;

    let err = create_alias(&client, "PROD", &[(&v1, 70), (&v2, 29)])
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        CreateStateMachineAliasError::ValidationException,
        "Sum of routing configuration weights must equal 100. Received: [70, 29]"
    );

    let label = format!("{SM}/mapLabel");
    let err = client
        .delete_state_machine()
        .state_machine_arn(&label)
        .send()
        .await
        .unwrap_err();
    let e = assert_typed!(
        err,
        DeleteStateMachineError::ValidationException,
        format!("Unsupported Distributed Map state label ARN: '{label}'")
    );
    assert_eq!(
        e.reason(),
        Some(&ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
    );

    // An error the operation's model does not list still arrives, with its code and text.
    let err = client
        .describe_state_machine()
        .state_machine_arn(&label)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        code_and_message(&err),
        (
            Some("ValidationException"),
            Some(format!("Unsupported Distributed Map state label ARN: '{label}'").as_str())
        )
    );
}

#[tokio::test]
async fn arn_token_existence_and_definition_errors_are_typed() {
    let registry = shared(5);
    let client = sdk::client(&registry);

    let err = client
        .describe_state_machine()
        .state_machine_arn("not_a_valid_arn")
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        DescribeStateMachineError::InvalidArn,
        "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"
    );

    let err = client
        .describe_state_machine()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        DescribeStateMachineError::StateMachineDoesNotExist,
        format!("State Machine Does Not Exist: '{SM}'")
    );

    let err = client
        .list_state_machines()
        .next_token("garbage")
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        ListStateMachinesError::InvalidToken,
        "Invalid Token: 'Invalid token'"
    );

    let err = client
        .create_state_machine()
        .name("orders")
        .definition("{}")
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        CreateStateMachineError::InvalidDefinition,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /'"
    );

    create(&client, "orders", "v1").send().await.unwrap();
    let err = create(&client, "orders", "other").send().await.unwrap_err();
    assert_typed!(
        err,
        CreateStateMachineError::StateMachineAlreadyExists,
        format!("State Machine Already Exists: '{SM}'")
    );

    let execution = start(&client, SM)
        .name("once")
        .input("{}")
        .send()
        .await
        .unwrap()
        .execution_arn()
        .to_owned();
    let err = start(&client, SM)
        .name("once")
        .input(r#"{"other": true}"#)
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        StartExecutionError::ExecutionAlreadyExists,
        format!("Execution Already Exists: '{execution}'")
    );

    let ghost = format!("{execution}-ghost");
    let err = client
        .describe_execution()
        .execution_arn(&ghost)
        .send()
        .await
        .unwrap_err();
    assert_typed!(
        err,
        DescribeExecutionError::ExecutionDoesNotExist,
        format!("Execution Does Not Exist: '{ghost}'")
    );

    let err = client
        .publish_state_machine_version()
        .state_machine_arn(SM)
        .revision_id("00000000-0000-4000-8000-000000000000")
        .send()
        .await
        .unwrap_err();
    assert_eq!(status(&err), 409);
    assert!(matches!(
        err.into_service_error(),
        PublishStateMachineVersionError::ConflictException(_)
    ));
}

#[tokio::test]
async fn the_101st_alias_is_the_typed_service_quota_exceeded_exception() {
    let registry = shared(6);
    let client = sdk::client(&registry);
    let (v1, _) = orders_with_two_versions(&client).await;
    for i in 0..100 {
        create_alias(&client, format!("alias-{i:03}"), &[(&v1, 100)])
            .send()
            .await
            .unwrap();
    }
    let err = create_alias(&client, "alias-100", &[(&v1, 100)])
        .send()
        .await
        .unwrap_err();
    assert_eq!(status(&err), 402);
    assert_typed!(
        err,
        CreateStateMachineAliasError::ServiceQuotaExceededException,
        format!("Maximum number of aliases (100) reached for state machine '{SM}'")
    );
}

// ---------------------------------------------------------------------------------------------
// Paginators
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_sdk_paginators_walk_every_page() {
    let registry = shared(7);
    let client = sdk::client(&registry);
    for i in 0..7 {
        create(&client, format!("machine-{i}"), "x").send().await.unwrap();
    }
    let pages = client
        .list_state_machines()
        .max_results(2)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 4);
    let names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.state_machines().iter().map(|m| m.name().to_owned()))
        .collect();
    let expected: Vec<String> = (0..7).map(|i| format!("machine-{i}")).collect();
    assert_eq!(names, expected);

    let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:machine-0";
    let mut started = Vec::new();
    for i in 0..7 {
        let out = start(&client, machine).name(format!("run-{i}")).send().await.unwrap();
        started.push(out.execution_arn().to_owned());
    }
    let executions = client
        .list_executions()
        .state_machine_arn(machine)
        .max_results(3)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let listed: Vec<&str> = executions.iter().map(|e| e.execution_arn()).collect();
    let newest_first: Vec<&str> = started.iter().rev().map(String::as_str).collect();
    assert_eq!(listed, newest_first);

    // A history of 1 + 2 × 5 + 1 events, read 4 at a time.
    let execution = started[0].parse().unwrap();
    {
        let mut registry = registry.lock().unwrap();
        for i in 0..5 {
            let name = format!("S{i}");
            registry
                .record_state_event(&execution, StateEvent::entered(StateType::Pass, &name, "{}"))
                .unwrap();
            registry
                .record_state_event(&execution, StateEvent::exited(StateType::Pass, &name, "{}"))
                .unwrap();
        }
        registry
            .end_execution(&execution, ExecutionOutcome::succeeded(r#"{"done":true}"#))
            .unwrap();
    }
    let pages = client
        .get_execution_history()
        .execution_arn(&started[0])
        .max_results(4)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let ids: Vec<i64> = pages.iter().flat_map(|p| p.events().iter().map(|e| e.id())).collect();
    assert_eq!(ids, (1..=12).collect::<Vec<i64>>());
    let last = pages[2].events().last().unwrap();
    assert_eq!(last.r#type(), &HistoryEventType::ExecutionSucceeded);
    assert_eq!(
        last.execution_succeeded_event_details().and_then(|d| d.output()),
        Some(r#"{"done":true}"#)
    );
}

// ---------------------------------------------------------------------------------------------
// Scope agreement
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_client_of_the_registrys_scope_gets_arns_of_that_scope() {
    let registry = Arc::new(Mutex::new(
        InMemoryRegistry::builder()
            .region("eu-west-1")
            .account_id("111122223333")
            .seed(8)
            .build()
            .unwrap(),
    ));
    let client = sdk::client(&registry);
    assert_eq!(client.config().region(), Some(&Region::new("eu-west-1")));
    let created = client
        .create_state_machine()
        .name("orders")
        .definition(pass("v1"))
        .role_arn("arn:aws:iam::111122223333:role/sfn")
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.state_machine_arn(),
        "arn:aws:states:eu-west-1:111122223333:stateMachine:orders"
    );
}

#[tokio::test]
async fn a_client_of_another_region_is_refused_and_changes_nothing() {
    let registry = shared(9);
    let config = sdk::config(&registry)
        .to_builder()
        .region(Region::new("us-west-2"))
        .build();
    let client = aws_sdk_sfn::Client::from_conf(config);
    let before = registry.lock().unwrap().snapshot();
    let err = create(&client, "orders", "v1").send().await.unwrap_err();
    assert_eq!(status(&err), 400);
    let err = err.into_service_error();
    assert_eq!(
        code_and_message(&err),
        (
            Some("AccessDeniedException"),
            Some(
                "The client is configured for region 'us-west-2', and this sfn-registry serves region 'us-east-1' \
                 (account 123456789012, partition 'aws'): build the client with sfn_registry::sdk::config, or the \
                 registry with .region(\"us-west-2\")."
            )
        )
    );
    assert_eq!(registry.lock().unwrap().snapshot(), before);

    // The same for one request whose configuration is overridden, and for a read.
    let client = sdk::client(&registry);
    let err = client
        .list_state_machines()
        .customize()
        .config_override(aws_sdk_sfn::Config::builder().region(Region::new("eu-central-1")))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert!(
        err.message()
            .unwrap()
            .starts_with("The client is configured for region 'eu-central-1'"),
        "{err:?}"
    );
    // The client of the registry's region is served.
    assert!(client.list_state_machines().send().await.is_ok());
}

/// A client that signs its requests (SigV4, with the fake's dummy credentials) is known by the
/// region it signs for.
#[tokio::test]
async fn a_signing_client_is_served_in_the_registrys_region_only() {
    let registry = shared(16);
    let sigv4 = || {
        sdk::config(&registry)
            .to_builder()
            .auth_scheme_preference([AuthSchemeId::new("sigv4")])
    };
    let seen = Seen::default();
    let signing = aws_sdk_sfn::Client::from_conf(sigv4().interceptor(seen.clone()).build());
    signing.list_state_machines().send().await.unwrap();
    assert_eq!(
        *seen.answered.lock().unwrap(),
        [("AWSStepFunctions.ListStateMachines".to_owned(), 200)]
    );
    assert!(
        seen.authorization
            .lock()
            .unwrap()
            .as_deref()
            .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 Credential=AKIDSFNREGISTRYFAKE/")),
        "the request was not signed: {:?}",
        seen.authorization
    );

    let elsewhere = aws_sdk_sfn::Client::from_conf(sigv4().region(Region::new("ap-south-1")).build());
    let err = elsewhere.list_state_machines().send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert!(
        err.message()
            .unwrap()
            .starts_with("The client is configured for region 'ap-south-1'"),
        "{err:?}"
    );
}

#[tokio::test]
async fn arns_of_another_account_or_region_are_refused_with_the_scope_named() {
    let registry = shared(10);
    let client = sdk::client(&registry);
    let (v1, _) = orders_with_two_versions(&client).await;
    let before = registry.lock().unwrap().snapshot();

    let other_account = "arn:aws:states:us-east-1:999999999999:stateMachine:orders";
    let err = client
        .describe_state_machine()
        .state_machine_arn(other_account)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        code_and_message(&err),
        (
            Some("AccessDeniedException"),
            Some(
                "stateMachineArn 'arn:aws:states:us-east-1:999999999999:stateMachine:orders' is outside this \
                 sfn-registry's scope: it names account 999999999999 in region 'us-east-1' (partition 'aws'), and \
                 the registry serves account 123456789012 in region 'us-east-1' (partition 'aws')."
            )
        )
    );

    let other_region = "arn:aws:states:eu-west-1:123456789012:execution:orders:run";
    let err = client
        .stop_execution()
        .execution_arn(other_region)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert_eq!(
        err.message(),
        Some(
            "executionArn 'arn:aws:states:eu-west-1:123456789012:execution:orders:run' is outside this \
             sfn-registry's scope: it names account 123456789012 in region 'eu-west-1' (partition 'aws'), and \
             the registry serves account 123456789012 in region 'us-east-1' (partition 'aws')."
        )
    );

    // A route to a version of another account.
    let foreign = "arn:aws:states:us-east-1:999999999999:stateMachine:orders:1";
    let err = create_alias(&client, "PROD", &[(&v1, 50), (foreign, 50)])
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert!(
        err.message().unwrap().starts_with(&format!(
            "routingConfiguration.2.member.stateMachineVersionArn '{foreign}'"
        )),
        "{err:?}"
    );

    // Tagging names its resource in resourceArn.
    let err = client
        .tag_resource()
        .resource_arn("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orders")
        .tags(Tag::builder().key("k").value("v").build())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert!(err.message().unwrap().contains("(partition 'aws-cn')"), "{err:?}");

    assert_eq!(
        registry.lock().unwrap().snapshot(),
        before,
        "a refused request changed the registry"
    );
}

// ---------------------------------------------------------------------------------------------
// Sharing: threads, runtimes, locks
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_clients_tasks_and_threads_share_one_registry() {
    let registry = shared(11);
    let client = sdk::client(&registry);
    create(&client, "orders", "v1").send().await.unwrap();

    let tasks: Vec<_> = (0..8)
        .map(|i| {
            // Half share the first client, half have their own.
            let client = if i % 2 == 0 {
                client.clone()
            } else {
                sdk::client(&registry)
            };
            tokio::spawn(async move {
                for _ in 0..25 {
                    client.start_execution().state_machine_arn(SM).send().await.unwrap();
                }
            })
        })
        .collect();
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let registry = Arc::clone(&registry);
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
                let client = sdk::client(&registry);
                runtime.block_on(async {
                    for _ in 0..25 {
                        client.start_execution().state_machine_arn(SM).send().await.unwrap();
                    }
                });
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    for thread in threads {
        thread.join().unwrap();
    }

    let executions = client
        .list_executions()
        .state_machine_arn(SM)
        .max_results(1000)
        .send()
        .await
        .unwrap();
    let names: BTreeSet<&str> = executions.executions().iter().map(|e| e.name()).collect();
    assert_eq!(executions.executions().len(), 250);
    assert_eq!(names.len(), 250, "generated names are distinct");
}

#[tokio::test]
async fn a_registry_behind_an_rwlock_is_served_and_readable_through_the_trait() {
    let registry = Arc::new(RwLock::new(InMemoryRegistry::builder().seed(12).build().unwrap()));
    let client = sdk::client(&registry);
    create(&client, "orders", "v1").send().await.unwrap();
    let listed = registry
        .read()
        .unwrap()
        .list_state_machines(ListStateMachinesInput::default())
        .unwrap();
    assert_eq!(listed.state_machines.len(), 1);
    assert_eq!(listed.state_machines[0].state_machine_arn.as_str(), SM);
}

#[test]
fn reads_share_an_rwlock_and_writes_wait_for_it() {
    let registry = Arc::new(RwLock::new(InMemoryRegistry::builder().seed(13).build().unwrap()));
    let client = sdk::client(&registry);
    let on_a_thread = |work: fn(aws_sdk_sfn::Client) -> String| {
        let client = client.clone();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || done_tx.send(work(client)).unwrap());
        done_rx
    };
    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().build().unwrap()
    }
    // The test holds the read lock...
    let reading = registry.read().unwrap();
    // ...and a read through the SDK is answered meanwhile...
    let listed = on_a_thread(|client| {
        let listed = runtime().block_on(client.list_state_machines().send()).unwrap();
        format!("{} state machines", listed.state_machines().len())
    });
    assert_eq!(
        listed.recv_timeout(Duration::from_secs(60)).as_deref(),
        Ok("0 state machines"),
        "a read through the SDK waited for the test's read lock"
    );
    // ...while a write waits until the test lets go.
    let created = on_a_thread(|client| {
        let created = runtime().block_on(create(&client, "orders", "v1").send()).unwrap();
        created.state_machine_arn().to_owned()
    });
    assert_eq!(
        created.recv_timeout(Duration::from_millis(300)),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout),
        "a write ran while the test held the read lock"
    );
    drop(reading);
    assert_eq!(created.recv_timeout(Duration::from_secs(60)).as_deref(), Ok(SM));
}

#[test]
fn the_fake_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Fake<Mutex<InMemoryRegistry>>>();
    assert_send_sync::<Fake<RwLock<InMemoryRegistry>>>();
}

/// Polls `future` with a waker that does nothing: no runtime, no reactor, no timer.
fn block_on_without_a_runtime<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..100 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the SDK call waited for something: the client needs a runtime")
}

#[test]
fn the_client_needs_no_async_runtime() {
    let registry = shared(13);
    let client = sdk::client(&registry);
    let created = block_on_without_a_runtime(create(&client, "orders", "v1").publish(true).send()).unwrap();
    assert_eq!(created.state_machine_version_arn(), Some(format!("{SM}:1").as_str()));
    let err = block_on_without_a_runtime(
        client
            .describe_state_machine()
            .state_machine_arn(format!("{SM}x"))
            .send(),
    )
    .unwrap_err();
    assert!(matches!(
        err.into_service_error(),
        DescribeStateMachineError::StateMachineDoesNotExist(_)
    ));
}

#[tokio::test]
async fn responses_carry_a_request_id_numbered_per_http_client() {
    let registry = shared(14);
    let client = sdk::client(&registry);
    let first = client.list_state_machines().send().await.unwrap();
    assert_eq!(first.request_id(), Some("00000000-0000-4000-8000-000000000001"));
    let err = client
        .describe_state_machine()
        .state_machine_arn(SM)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("00000000-0000-4000-8000-000000000002"));
}

// ---------------------------------------------------------------------------------------------
// The execution hook
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_start_hook_ends_executions_before_the_sdk_sees_the_start() {
    let registry = shared(15);
    let client = Fake::new(&registry)
        .on_start_execution(|registry, execution| {
            let view = registry.execution(execution).expect("the execution just started");
            let outcome = if view.input().contains("fail") {
                ExecutionOutcome::failed("Test.Failure", "the input asked for it")
            } else {
                ExecutionOutcome::succeeded(view.input().to_owned())
            };
            registry.end_execution(execution, outcome).unwrap();
        })
        .client();
    create(&client, "orders", "v1").send().await.unwrap();

    let ok = start(&client, SM).input(r#"{"n":1}"#).send().await.unwrap();
    let described = describe_execution(&client, ok.execution_arn()).await;
    assert_eq!(described.status(), &ExecutionStatus::Succeeded);
    assert_eq!(described.output(), Some(r#"{"n":1}"#));

    let failed = start(&client, SM).input(r#"{"fail":true}"#).send().await.unwrap();
    let described = describe_execution(&client, failed.execution_arn()).await;
    assert_eq!(described.status(), &ExecutionStatus::Failed);
    assert_eq!(described.error(), Some("Test.Failure"));

    // A client without the hook leaves executions running.
    let plain = sdk::client(&registry);
    let running = plain.start_execution().state_machine_arn(SM).send().await.unwrap();
    let described = plain
        .describe_execution()
        .execution_arn(running.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.status(), &ExecutionStatus::Running);
}
