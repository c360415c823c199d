//! A registry serves one partition, region and account: an ARN of another partition, account or
//! region never reaches its resources, whatever the operation.
//!
//! Every operation that takes an ARN is called with the ARN of a resource that exists in the
//! registry (`aws` / `us-east-1` / `123456789012`), rewritten to another account, another region
//! and another partition (`aws-cn`). Each answers the operation's own not-found behaviour, with
//! the ARN as given in the message, or its documented not-found success (deletes succeed and
//! delete nothing; ListStateMachineVersions lists nothing). After every call the registry is
//! compared with a fork taken before it: same describes and lists, and the same RNG state (a
//! probe that draws from the RNG answers the same on both).

use std::fmt::Debug;

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineAliasInput, DeleteStateMachineInput,
    DeleteStateMachineOutput, DeleteStateMachineVersionInput, DescribeExecutionInput, DescribeStateMachineAliasInput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineInput, ExecutionStatus, GetExecutionHistoryInput,
    ListExecutionsInput, ListStateMachineAliasesInput, ListStateMachineVersionsInput, ListStateMachinesInput,
    ListTagsForResourceInput, PublishStateMachineVersionInput, RoutingConfigurationListItem, StartExecutionInput,
    StateMachineType, StopExecutionInput, Tag, TagResourceInput, UntagResourceInput, UpdateStateMachineAliasInput,
    UpdateStateMachineInput,
};
use sfn_registry::{
    ErrorCode, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, Result, Timestamp,
};

mod common;
use common::{assert_err, to_json};

const T0: i64 = 1_700_000_000_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
/// The head of every ARN of the registry under test.
const HOME: &str = "arn:aws:states:us-east-1:123456789012:";
/// The same head in another account, another region and another partition.
const ELSEWHERE: [(&str, &str); 3] = [
    ("another account", "arn:aws:states:us-east-1:210987654321:"),
    ("another region", "arn:aws:states:us-west-2:123456789012:"),
    ("another partition", "arn:aws-cn:states:us-east-1:123456789012:"),
];
const ALIAS_NOT_FOUND: &str = "Request references a resource that does not exist.";

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn route(arn: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::new(arn, weight)
}

fn named(arn: &str, name: &str) -> StartExecutionInput {
    let mut input = StartExecutionInput::new(arn);
    input.name = Some(name.to_owned());
    input
}

fn exec_ref(arn: &str) -> ExecutionRef {
    ExecutionRef::parse(arn).expect("an execution ARN")
}

/// `arn` (of the registry under test) rewritten to each foreign scope.
fn elsewhere(arn: &str) -> Vec<(&'static str, String)> {
    let rest = arn.strip_prefix(HOME).expect("an ARN of the registry under test");
    ELSEWHERE
        .iter()
        .map(|(label, head)| (*label, format!("{head}{rest}")))
        .collect()
}

#[track_caller]
fn sm_does_not_exist<T: Debug>(result: Result<T>, arn: &str) {
    assert_err(
        result,
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{arn}'"),
    );
}

#[track_caller]
fn execution_does_not_exist<T: Debug>(result: Result<T>, arn: &str) {
    assert_err(
        result,
        ErrorCode::ExecutionDoesNotExist,
        &format!("Execution Does Not Exist: '{arn}'"),
    );
}

#[track_caller]
fn resource_not_found<T: Debug>(result: Result<T>, arn: &str) {
    assert_err(
        result,
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{arn}'"),
    );
}

// ---------------------------------------------------------------------------------------------
// The registry under test and its snapshot
// ---------------------------------------------------------------------------------------------

/// The registry (`aws` / `us-east-1` / `123456789012`) and the ARNs of what it holds.
struct Home {
    reg: InMemoryRegistry,
    sm: String,
    v1: String,
    v2: String,
    /// Published from a third revision; no alias routes to it.
    v3: String,
    /// Routes 60/40 to v1/v2.
    prod: String,
    /// Routes 100 to v2.
    beta: String,
    /// Running, started through the unqualified ARN with input `{"n":1}`.
    running: String,
    /// Running, started through PROD.
    via_alias: String,
    /// Running, started through v1.
    via_version: String,
    /// Stopped with StopExecution.
    stopped: String,
    /// Ended with `end_execution` (SUCCEEDED).
    succeeded: String,
    /// An express state machine and one of its running executions.
    express_sm: String,
    express_running: String,
}

impl Home {
    fn new() -> Self {
        let clock = ManualClock::new(Timestamp::from_unix_millis(T0));
        let mut reg = InMemoryRegistry::builder()
            .partition("aws")
            .region("us-east-1")
            .account_id("123456789012")
            .clock(clock.clone())
            .seed(7)
            .build()
            .expect("valid scope");
        let tick = || clock.advance_millis(1_000);

        let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
        create.publish = true;
        create.tags = Some(vec![Tag::new("team", "core"), Tag::new("env", "prod")]);
        let created = reg.create_state_machine(create).expect("create");
        let sm = created.state_machine_arn.to_string();
        let v1 = created.state_machine_version_arn.expect("version 1").to_string();

        let publish_update = |reg: &mut InMemoryRegistry, tag: &str| {
            tick();
            let mut input = UpdateStateMachineInput::new(&sm);
            input.definition = Some(def(tag));
            input.publish = true;
            input.version_description = Some(format!("from {tag}"));
            let out = reg.update_state_machine(input).expect("update and publish");
            out.state_machine_version_arn.expect("a version").to_string()
        };
        let v2 = publish_update(&mut reg, "r2");
        let v3 = publish_update(&mut reg, "r3");

        tick();
        let mut prod = CreateStateMachineAliasInput::new("PROD", vec![route(&v1, 60), route(&v2, 40)]);
        prod.description = Some("production".to_owned());
        let prod = reg
            .create_state_machine_alias(prod)
            .expect("create PROD")
            .state_machine_alias_arn
            .to_string();
        tick();
        let beta = reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("BETA", vec![route(&v2, 100)]))
            .expect("create BETA")
            .state_machine_alias_arn
            .to_string();

        let start = |reg: &mut InMemoryRegistry, arn: &str, name: &str| {
            tick();
            let mut input = named(arn, name);
            input.input = Some(r#"{"n":1}"#.to_owned());
            reg.start_execution(input)
                .expect("start execution")
                .execution_arn
                .to_string()
        };
        let running = start(&mut reg, &sm, "running");
        let via_alias = start(&mut reg, &prod, "via-alias");
        let via_version = start(&mut reg, &v1, "via-version");
        let stopped = start(&mut reg, &beta, "stopped");
        let succeeded = start(&mut reg, &sm, "succeeded");
        tick();
        let mut stop = StopExecutionInput::new(&stopped);
        stop.error = Some("Halt".to_owned());
        stop.cause = Some("stopped by the test".to_owned());
        reg.stop_execution(stop).expect("stop");
        tick();
        reg.end_execution(&exec_ref(&succeeded), ExecutionOutcome::succeeded(r#"{"ok":true}"#))
            .expect("end execution");
        tick();
        reg.start_execution(StartExecutionInput::new(&sm))
            .expect("start with a generated name");

        tick();
        let mut express = CreateStateMachineInput::new("fast", def("x1"), ROLE);
        express.r#type = Some(StateMachineType::Express);
        let express_sm = reg
            .create_state_machine(express)
            .expect("create express")
            .state_machine_arn
            .to_string();
        tick();
        let express_running = start(&mut reg, &express_sm, "quick");
        assert!(express_running.contains(":express:"), "{express_running}");

        tick();
        Home {
            reg,
            sm,
            v1,
            v2,
            v3,
            prod,
            beta,
            running,
            via_alias,
            via_version,
            stopped,
            succeeded,
            express_sm,
            express_running,
        }
    }

    /// Everything a client (and the embedder) can read of the registry.
    fn snapshot(&self) -> Value {
        snapshot(&self.reg, std::slice::from_ref(&self.express_running))
    }

    /// A fork of the registry as it is now, to compare with after a call.
    fn fork(&self) -> InMemoryRegistry {
        self.reg.clone()
    }

    /// The registry is exactly the fork: same reads, same RNG state.
    #[track_caller]
    fn assert_unchanged(&self, fork: &InMemoryRegistry, what: &str) {
        let express = std::slice::from_ref(&self.express_running);
        assert_eq!(
            snapshot(&self.reg, express),
            snapshot(fork, express),
            "{what} changed the registry"
        );
        assert_eq!(
            probe(self.reg.clone(), &self.sm),
            probe(fork.clone(), &self.sm),
            "{what} changed the registry's RNG"
        );
    }
}

/// All pages of a list, through `call(next_token)`.
fn all_pages<T>(mut call: impl FnMut(Option<String>) -> (Vec<T>, Option<String>)) -> Vec<T> {
    let mut items = Vec::new();
    let mut token = None;
    loop {
        let (page, next) = call(token);
        items.extend(page);
        match next {
            Some(next) => token = Some(next),
            None => return items,
        }
    }
}

/// Every describe and list of every resource in `reg`, plus the embedder's view of each
/// execution (and of the express executions in `express`).
fn snapshot(reg: &InMemoryRegistry, express: &[String]) -> Value {
    let machines = all_pages(|token| {
        let mut input = ListStateMachinesInput::new();
        input.max_results = Some(1);
        input.next_token = token;
        let out = reg.list_state_machines(input).expect("list state machines");
        (out.state_machines, out.next_token)
    });
    let mut out = Vec::new();
    for item in &machines {
        let arn = item.state_machine_arn.to_string();
        let describe = reg
            .describe_state_machine(DescribeStateMachineInput::new(&arn))
            .expect("describe state machine");
        let versions = all_pages(|token| {
            let mut input = ListStateMachineVersionsInput::new(&arn);
            input.max_results = Some(1);
            input.next_token = token;
            let out = reg.list_state_machine_versions(input).expect("list versions");
            (out.state_machine_versions, out.next_token)
        });
        let described_versions: Vec<Value> = versions
            .iter()
            .map(|v| {
                to_json(
                    &reg.describe_state_machine(DescribeStateMachineInput::new(&v.state_machine_version_arn))
                        .expect("describe version"),
                )
            })
            .collect();
        let aliases = all_pages(|token| {
            let mut input = ListStateMachineAliasesInput::new(&arn);
            input.max_results = Some(1);
            input.next_token = token;
            let out = reg.list_state_machine_aliases(input).expect("list aliases");
            (out.state_machine_aliases, out.next_token)
        });
        let described_aliases: Vec<Value> = aliases
            .iter()
            .map(|a| {
                to_json(
                    &reg.describe_state_machine_alias(DescribeStateMachineAliasInput::new(&a.state_machine_alias_arn))
                        .expect("describe alias"),
                )
            })
            .collect();
        let tags = reg
            .list_tags_for_resource(ListTagsForResourceInput::new(&arn))
            .expect("list tags");
        let executions = if describe.r#type == StateMachineType::Standard {
            let listed = all_pages(|token| {
                let mut input = ListExecutionsInput::new(&arn);
                input.max_results = Some(2);
                input.next_token = token;
                let out = reg.list_executions(input).expect("list executions");
                (out.executions, out.next_token)
            });
            listed
                .iter()
                .map(|e| {
                    let arn = e.execution_arn.to_string();
                    let view = reg
                        .execution(&exec_ref(&arn))
                        .expect("the embedder sees a listed execution");
                    json!({
                        "item": to_json(e),
                        "describe": to_json(&reg.describe_execution(DescribeExecutionInput::new(&arn))
                            .expect("describe execution")),
                        "stateMachine": to_json(&reg
                            .describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(&arn))
                            .expect("describe state machine for execution")),
                        "history": to_json(&reg.get_execution_history(GetExecutionHistoryInput::new(&arn))
                            .expect("history")),
                        "view": view_json(&view),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        out.push(json!({
            "item": to_json(item),
            "describe": to_json(&describe),
            "versions": to_json(&versions),
            "describedVersions": described_versions,
            "aliases": to_json(&aliases),
            "describedAliases": described_aliases,
            "tags": to_json(&tags),
            "executions": executions,
        }));
    }
    let express: Vec<Value> = express
        .iter()
        .map(|arn| reg.execution(&exec_ref(arn)).map_or(Value::Null, |v| view_json(&v)))
        .collect();
    json!({ "stateMachines": out, "express": express })
}

fn view_json(view: &sfn_registry::ExecutionView<'_>) -> Value {
    json!({
        "arn": view.arn().as_str(),
        "name": String::from(view.name()),
        "status": to_json(&view.status()),
        "definition": view.definition(),
        "role": view.role_arn(),
        "revision": view.revision_id().map(|r| r.to_string()),
        "version": view.version().map(|v| v.as_str().to_owned()),
        "alias": view.alias().map(|a| a.as_str().to_owned()),
        "input": view.input(),
        "start": to_json(&view.start_date()),
        "stop": to_json(&view.stop_date()),
    })
}

/// Calls that draw from the RNG (a generated execution name, a new revision id): equal answers
/// on two registries mean equal RNG states.
fn probe(mut reg: InMemoryRegistry, sm: &str) -> Value {
    let started = reg
        .start_execution(StartExecutionInput::new(sm))
        .expect("probe: start with a generated name");
    let mut update = UpdateStateMachineInput::new(sm);
    update.definition = Some(def("probe"));
    let updated = reg.update_state_machine(update).expect("probe: update");
    json!({ "started": to_json(&started), "updated": to_json(&updated) })
}

// ---------------------------------------------------------------------------------------------
// The fixture itself
// ---------------------------------------------------------------------------------------------

#[test]
fn the_fixture_holds_what_the_isolation_tests_rely_on() {
    let home = Home::new();
    let snapshot = home.snapshot();
    let machines = snapshot["stateMachines"].as_array().expect("a list");
    assert_eq!(machines.len(), 2);
    // Listed by name: `fast` before `orders`.
    let orders = &machines[1];
    assert_eq!(orders["describe"]["stateMachineArn"], json!(home.sm));
    assert_eq!(orders["versions"].as_array().map(Vec::len), Some(3));
    assert_eq!(orders["aliases"].as_array().map(Vec::len), Some(2));
    assert_eq!(orders["tags"]["tags"].as_array().map(Vec::len), Some(2));
    assert_eq!(orders["executions"].as_array().map(Vec::len), Some(6));
    for arn in [&home.running, &home.via_alias, &home.via_version] {
        let view = home.reg.execution(&exec_ref(arn)).expect("a running execution");
        assert_eq!(view.status(), ExecutionStatus::Running);
    }
    let stopped = home.reg.execution(&exec_ref(&home.stopped)).expect("stopped");
    assert_eq!(stopped.status(), ExecutionStatus::Aborted);
    let succeeded = home.reg.execution(&exec_ref(&home.succeeded)).expect("succeeded");
    assert_eq!(succeeded.status(), ExecutionStatus::Succeeded);
    assert!(home.reg.execution(&exec_ref(&home.express_running)).is_some());
    assert_eq!(home.express_sm, format!("{HOME}stateMachine:fast"));
    // The home ARNs work where the foreign ones must not (so the tests below test scope, not
    // a broken fixture): the local calls that mirror the foreign ones succeed or conflict.
    let mut reg = home.reg.clone();
    assert_err(
        reg.delete_state_machine_version(DeleteStateMachineVersionInput::new(&home.v1)),
        ErrorCode::ConflictException,
        "Version to be deleted must not be referenced by an alias. \
         Current list of aliases referencing this version: [PROD]",
    );
    let mut replay = named(&home.sm, "running");
    replay.input = Some(r#"{"n":1}"#.to_owned());
    let replayed = reg.start_execution(replay).expect("an idempotent replay");
    assert_eq!(replayed.execution_arn.as_str(), home.running);
}

// ---------------------------------------------------------------------------------------------
// State machines
// ---------------------------------------------------------------------------------------------

#[test]
fn describe_state_machine_of_another_scope_does_not_exist() {
    let home = Home::new();
    for arn in [&home.sm, &home.v1, &home.v2, &home.prod] {
        for (label, foreign) in elsewhere(arn) {
            let fork = home.fork();
            sm_does_not_exist(
                home.reg
                    .describe_state_machine(DescribeStateMachineInput::new(&foreign)),
                &foreign,
            );
            home.assert_unchanged(&fork, &format!("DescribeStateMachine in {label}"));
        }
    }
}

#[test]
fn update_state_machine_of_another_scope_does_not_exist() {
    let mut home = Home::new();
    for arn in [home.sm.clone(), home.v1.clone()] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            let mut input = UpdateStateMachineInput::new(&foreign);
            input.definition = Some(def("foreign"));
            sm_does_not_exist(home.reg.update_state_machine(input), &foreign);
            home.assert_unchanged(&fork, &format!("UpdateStateMachine in {label}"));

            let mut input = UpdateStateMachineInput::new(&foreign);
            input.definition = Some(def("foreign"));
            input.publish = true;
            input.version_description = Some("never".to_owned());
            sm_does_not_exist(home.reg.update_state_machine(input), &foreign);
            home.assert_unchanged(&fork, &format!("UpdateStateMachine with publish in {label}"));
        }
    }
}

#[test]
fn delete_state_machine_of_another_scope_succeeds_and_deletes_nothing() {
    let mut home = Home::new();
    for arn in [
        home.sm.clone(),
        home.v1.clone(),
        home.prod.clone(),
        home.express_sm.clone(),
    ] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            let out = home
                .reg
                .delete_state_machine(DeleteStateMachineInput::new(&foreign))
                .unwrap_or_else(|e| panic!("DeleteStateMachine {foreign} in {label}: {e:?}"));
            assert_eq!(out, DeleteStateMachineOutput::default());
            home.assert_unchanged(&fork, &format!("DeleteStateMachine in {label}"));
        }
    }
    // Still there and ACTIVE: not DELETING, though it has running executions.
    let described = home
        .reg
        .describe_state_machine(DescribeStateMachineInput::new(&home.sm))
        .expect("still there");
    assert_eq!(to_json(&described)["status"], json!("ACTIVE"));
}

// ---------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------

#[test]
fn publish_state_machine_version_of_another_scope_does_not_exist() {
    let mut home = Home::new();
    let current = home
        .reg
        .describe_state_machine(DescribeStateMachineInput::new(&home.sm))
        .expect("describe")
        .revision_id
        .expect("a revision id")
        .to_string();
    for arn in [home.sm.clone(), home.v2.clone()] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            sm_does_not_exist(
                home.reg
                    .publish_state_machine_version(PublishStateMachineVersionInput::new(&foreign)),
                &foreign,
            );
            let mut input = PublishStateMachineVersionInput::new(&foreign);
            input.revision_id = Some(current.clone());
            input.description = Some("a new description would publish a new version".to_owned());
            sm_does_not_exist(home.reg.publish_state_machine_version(input), &foreign);
            home.assert_unchanged(&fork, &format!("PublishStateMachineVersion in {label}"));
        }
    }
}

#[test]
fn list_state_machine_versions_of_another_scope_lists_nothing() {
    let home = Home::new();
    for (label, foreign) in elsewhere(&home.sm) {
        let fork = home.fork();
        for max_results in [None, Some(1), Some(1000)] {
            let mut input = ListStateMachineVersionsInput::new(&foreign);
            input.max_results = max_results;
            let out = home
                .reg
                .list_state_machine_versions(input)
                .unwrap_or_else(|e| panic!("ListStateMachineVersions {foreign} in {label}: {e:?}"));
            assert!(
                out.state_machine_versions.is_empty(),
                "{label}: {:?}",
                out.state_machine_versions
            );
            assert_eq!(out.next_token, None, "{label}");
        }
        home.assert_unchanged(&fork, &format!("ListStateMachineVersions in {label}"));
    }
}

#[test]
fn delete_state_machine_version_of_another_scope_succeeds_and_deletes_nothing() {
    let mut home = Home::new();
    // v1 and v2 are referenced by aliases (a local delete is a ConflictException); v3 is not
    // (a local delete would delete it).
    for arn in [home.v1.clone(), home.v2.clone(), home.v3.clone()] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            home.reg
                .delete_state_machine_version(DeleteStateMachineVersionInput::new(&foreign))
                .unwrap_or_else(|e| panic!("DeleteStateMachineVersion {foreign} in {label}: {e:?}"));
            home.assert_unchanged(&fork, &format!("DeleteStateMachineVersion in {label}"));
        }
    }
    home.reg
        .describe_state_machine(DescribeStateMachineInput::new(&home.v3))
        .expect("v3 is still there");
}

// ---------------------------------------------------------------------------------------------
// Aliases
// ---------------------------------------------------------------------------------------------

#[test]
fn create_state_machine_alias_routing_to_another_scope_is_resource_not_found() {
    let mut home = Home::new();
    let foreign_v1 = elsewhere(&home.v1);
    let foreign_v2 = elsewhere(&home.v2);
    for ((label, v1), (_, v2)) in foreign_v1.iter().zip(&foreign_v2) {
        let fork = home.fork();
        // A new name.
        let input = CreateStateMachineAliasInput::new("NEW", vec![route(v1, 100)]);
        resource_not_found(home.reg.create_state_machine_alias(input), v1);
        // PROD's name with PROD's routing and description, which locally is an idempotent replay.
        let mut input = CreateStateMachineAliasInput::new("PROD", vec![route(v1, 60), route(v2, 40)]);
        input.description = Some("production".to_owned());
        resource_not_found(home.reg.create_state_machine_alias(input), v1);
        // PROD's name with another routing, which locally is a ConflictException.
        let input = CreateStateMachineAliasInput::new("PROD", vec![route(v2, 100)]);
        resource_not_found(home.reg.create_state_machine_alias(input), v2);
        // A local and a foreign version are versions of two state machines.
        let input = CreateStateMachineAliasInput::new("MIXED", vec![route(&home.v1, 50), route(v2, 50)]);
        assert_err(
            home.reg.create_state_machine_alias(input),
            ErrorCode::ValidationException,
            &format!(
                "Routing configuration must contain state machine version ARNs of the same state machine. \
                 Received: [{}, {v2}]",
                home.v1
            ),
        );
        home.assert_unchanged(&fork, &format!("CreateStateMachineAlias in {label}"));
    }
}

#[test]
fn describe_state_machine_alias_of_another_scope_is_resource_not_found() {
    let home = Home::new();
    for arn in [&home.prod, &home.beta] {
        for (label, foreign) in elsewhere(arn) {
            let fork = home.fork();
            assert_err(
                home.reg
                    .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&foreign)),
                ErrorCode::ResourceNotFound,
                ALIAS_NOT_FOUND,
            );
            home.assert_unchanged(&fork, &format!("DescribeStateMachineAlias in {label}"));
        }
    }
}

#[test]
fn update_state_machine_alias_of_another_scope_is_resource_not_found() {
    let mut home = Home::new();
    for (label, foreign) in elsewhere(&home.prod.clone()) {
        let fork = home.fork();
        let mut input = UpdateStateMachineAliasInput::new(&foreign);
        input.description = Some("hijacked".to_owned());
        assert_err(
            home.reg.update_state_machine_alias(input),
            ErrorCode::ResourceNotFound,
            ALIAS_NOT_FOUND,
        );
        // Routed to the versions of the same foreign state machine.
        let foreign_v2 = foreign.replace(":PROD", ":2");
        let mut input = UpdateStateMachineAliasInput::new(&foreign);
        input.routing_configuration = Some(vec![route(&foreign_v2, 100)]);
        assert_err(
            home.reg.update_state_machine_alias(input),
            ErrorCode::ResourceNotFound,
            ALIAS_NOT_FOUND,
        );
        home.assert_unchanged(&fork, &format!("UpdateStateMachineAlias in {label}"));
    }
}

#[test]
fn delete_state_machine_alias_of_another_scope_succeeds_and_deletes_nothing() {
    let mut home = Home::new();
    for arn in [home.prod.clone(), home.beta.clone()] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            home.reg
                .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&foreign))
                .unwrap_or_else(|e| panic!("DeleteStateMachineAlias {foreign} in {label}: {e:?}"));
            home.assert_unchanged(&fork, &format!("DeleteStateMachineAlias in {label}"));
        }
    }
}

#[test]
fn list_state_machine_aliases_of_another_scope_does_not_exist() {
    let home = Home::new();
    for (label, foreign) in elsewhere(&home.sm) {
        let fork = home.fork();
        sm_does_not_exist(
            home.reg
                .list_state_machine_aliases(ListStateMachineAliasesInput::new(&foreign)),
            &foreign,
        );
        home.assert_unchanged(&fork, &format!("ListStateMachineAliases in {label}"));
    }
    // An alias ARN is ResourceNotFound in any scope (the crate's documented choice).
    for (label, foreign) in elsewhere(&home.prod) {
        let fork = home.fork();
        resource_not_found(
            home.reg
                .list_state_machine_aliases(ListStateMachineAliasesInput::new(&foreign)),
            &foreign,
        );
        home.assert_unchanged(&fork, &format!("ListStateMachineAliases (alias ARN) in {label}"));
    }
}

#[test]
fn list_state_machine_aliases_of_a_version_of_another_scope_does_not_exist() {
    let home = Home::new();
    for (label, foreign) in elsewhere(&home.v1) {
        let fork = home.fork();
        // The state machine of the version does not exist: StateMachineDoesNotExist, with the
        // ARN as given. AWS was not observed here (aws-behaviour.md §6), but every recorded
        // not-found message echoes the ARN as given (DescribeStateMachine / UpdateStateMachine
        // with `${SM}:2` answer `State Machine Does Not Exist: '${SM}:2'`), and so do this
        // crate's DescribeStateMachine, StartExecution and ListExecutions for a version ARN.
        sm_does_not_exist(
            home.reg
                .list_state_machine_aliases(ListStateMachineAliasesInput::new(&foreign)),
            &foreign,
        );
        home.assert_unchanged(&fork, &format!("ListStateMachineAliases (version ARN) in {label}"));
    }
}

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

#[test]
fn tags_of_another_scope_are_resource_not_found() {
    let mut home = Home::new();
    for arn in [home.sm.clone(), home.v1.clone(), home.prod.clone()] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            resource_not_found(
                home.reg
                    .tag_resource(TagResourceInput::new(&foreign, vec![Tag::new("team", "intruder")])),
                &foreign,
            );
            resource_not_found(
                home.reg
                    .untag_resource(UntagResourceInput::new(&foreign, vec!["team".to_owned()])),
                &foreign,
            );
            resource_not_found(
                home.reg.list_tags_for_resource(ListTagsForResourceInput::new(&foreign)),
                &foreign,
            );
            home.assert_unchanged(&fork, &format!("tags in {label}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Executions
// ---------------------------------------------------------------------------------------------

#[test]
fn start_execution_in_another_scope_does_not_exist() {
    let mut home = Home::new();
    for arn in [
        home.sm.clone(),
        home.v1.clone(),
        home.prod.clone(),
        home.express_sm.clone(),
    ] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            // The name and input of a running local execution: locally an idempotent replay.
            let mut input = named(&foreign, "running");
            input.input = Some(r#"{"n":1}"#.to_owned());
            sm_does_not_exist(home.reg.start_execution(input), &foreign);
            // The name of a stopped local execution: locally ExecutionAlreadyExists.
            sm_does_not_exist(home.reg.start_execution(named(&foreign, "stopped")), &foreign);
            // A generated name: the RNG must not be drawn.
            sm_does_not_exist(home.reg.start_execution(StartExecutionInput::new(&foreign)), &foreign);
            home.assert_unchanged(&fork, &format!("StartExecution in {label}"));
        }
    }
}

#[test]
fn stop_execution_in_another_scope_does_not_exist() {
    let mut home = Home::new();
    for arn in [home.running.clone(), home.via_alias.clone(), home.stopped.clone()] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            let mut input = StopExecutionInput::new(&foreign);
            input.error = Some("Intruder".to_owned());
            execution_does_not_exist(home.reg.stop_execution(input), &foreign);
            home.assert_unchanged(&fork, &format!("StopExecution in {label}"));
        }
    }
    let view = home.reg.execution(&exec_ref(&home.running)).expect("still there");
    assert_eq!(view.status(), ExecutionStatus::Running);
}

#[test]
fn execution_reads_in_another_scope_do_not_exist() {
    let home = Home::new();
    for arn in [
        &home.running,
        &home.via_alias,
        &home.via_version,
        &home.stopped,
        &home.succeeded,
    ] {
        for (label, foreign) in elsewhere(arn) {
            let fork = home.fork();
            execution_does_not_exist(
                home.reg.describe_execution(DescribeExecutionInput::new(&foreign)),
                &foreign,
            );
            execution_does_not_exist(
                home.reg
                    .describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(&foreign)),
                &foreign,
            );
            execution_does_not_exist(
                home.reg.get_execution_history(GetExecutionHistoryInput::new(&foreign)),
                &foreign,
            );
            let mut reversed = GetExecutionHistoryInput::new(&foreign);
            reversed.reverse_order = true;
            reversed.max_results = Some(1);
            execution_does_not_exist(home.reg.get_execution_history(reversed), &foreign);
            home.assert_unchanged(&fork, &format!("execution reads in {label}"));
        }
    }
}

#[test]
fn list_executions_of_another_scope_does_not_exist() {
    let home = Home::new();
    for arn in [&home.sm, &home.v1, &home.prod, &home.beta] {
        for (label, foreign) in elsewhere(arn) {
            let fork = home.fork();
            sm_does_not_exist(home.reg.list_executions(ListExecutionsInput::new(&foreign)), &foreign);
            let mut filtered = ListExecutionsInput::new(&foreign);
            filtered.status_filter = Some(ExecutionStatus::Running);
            filtered.max_results = Some(1);
            sm_does_not_exist(home.reg.list_executions(filtered), &foreign);
            home.assert_unchanged(&fork, &format!("ListExecutions in {label}"));
        }
    }
}

#[test]
fn the_embedder_does_not_see_executions_of_another_scope() {
    let mut home = Home::new();
    for arn in [
        home.running.clone(),
        home.via_version.clone(),
        home.stopped.clone(),
        home.succeeded.clone(),
        home.express_running.clone(),
    ] {
        for (label, foreign) in elsewhere(&arn) {
            let fork = home.fork();
            let foreign_ref = exec_ref(&foreign);
            assert!(
                home.reg.execution(&foreign_ref).is_none(),
                "execution() found {foreign} in {label}"
            );
            for outcome in [
                ExecutionOutcome::succeeded(r#"{"stolen":true}"#),
                ExecutionOutcome::failed("Intruder", "another scope"),
                ExecutionOutcome::timed_out("States.Timeout", "another scope"),
            ] {
                execution_does_not_exist(home.reg.end_execution(&foreign_ref, outcome), &foreign);
            }
            home.assert_unchanged(&fork, &format!("end_execution in {label}"));
        }
    }
    assert!(home.reg.execution(&exec_ref(&home.express_running)).is_some());
}

// ---------------------------------------------------------------------------------------------
// Two registries, one name
// ---------------------------------------------------------------------------------------------

/// A registry for `scope` with `orders` (published, tagged, aliased) and a running execution
/// `run-1` whose input names the scope.
fn neighbour(partition: &str, region: &str, account: &str) -> (InMemoryRegistry, String, String, String) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(T0));
    let mut reg = InMemoryRegistry::builder()
        .partition(partition)
        .region(region)
        .account_id(account)
        .clock(clock)
        .seed(7)
        .build()
        .expect("valid scope");
    let mut create = CreateStateMachineInput::new("orders", def(account), ROLE);
    create.publish = true;
    create.tags = Some(vec![Tag::new("owner", account)]);
    let created = reg.create_state_machine(create).expect("create");
    let sm = created.state_machine_arn.to_string();
    let v1 = created.state_machine_version_arn.expect("v1").to_string();
    let alias = reg
        .create_state_machine_alias(CreateStateMachineAliasInput::new("PROD", vec![route(&v1, 100)]))
        .expect("alias")
        .state_machine_alias_arn
        .to_string();
    let mut start = named(&alias, "run-1");
    start.input = Some(format!(r#"{{"scope":"{partition}/{region}/{account}"}}"#));
    let execution = reg.start_execution(start).expect("start").execution_arn.to_string();
    (reg, sm, alias, execution)
}

#[test]
fn registries_of_other_scopes_with_the_same_names_do_not_see_each_other() {
    let scopes = [
        ("aws", "us-east-1", "123456789012"),
        ("aws", "us-east-1", "210987654321"),
        ("aws", "eu-west-1", "123456789012"),
        ("aws-cn", "us-east-1", "123456789012"),
    ];
    let mut registries: Vec<_> = scopes.iter().map(|&(p, r, a)| neighbour(p, r, a)).collect();

    // The same names, different ARNs.
    for (i, (_, sm, alias, execution)) in registries.iter().enumerate() {
        let (p, r, a) = scopes[i];
        let head = format!("arn:{p}:states:{r}:{a}:");
        assert_eq!(*sm, format!("{head}stateMachine:orders"));
        assert_eq!(*alias, format!("{head}stateMachine:orders:PROD"));
        assert_eq!(*execution, format!("{head}execution:orders:run-1"));
    }

    for i in 0..registries.len() {
        for j in 0..registries.len() {
            if i == j {
                continue;
            }
            let (sm, alias, execution) = {
                let (_, sm, alias, execution) = &registries[j];
                (sm.clone(), alias.clone(), execution.clone())
            };
            let v1 = format!("{sm}:1");
            let (reg, own_sm, _, own_execution) = &mut registries[i];
            let before = snapshot(reg, &[]);

            sm_does_not_exist(reg.describe_state_machine(DescribeStateMachineInput::new(&sm)), &sm);
            sm_does_not_exist(reg.describe_state_machine(DescribeStateMachineInput::new(&v1)), &v1);
            assert_err(
                reg.describe_state_machine_alias(DescribeStateMachineAliasInput::new(&alias)),
                ErrorCode::ResourceNotFound,
                ALIAS_NOT_FOUND,
            );
            execution_does_not_exist(
                reg.describe_execution(DescribeExecutionInput::new(&execution)),
                &execution,
            );
            sm_does_not_exist(reg.list_executions(ListExecutionsInput::new(&sm)), &sm);
            resource_not_found(reg.list_tags_for_resource(ListTagsForResourceInput::new(&sm)), &sm);
            let versions = reg
                .list_state_machine_versions(ListStateMachineVersionsInput::new(&sm))
                .expect("list versions");
            assert!(versions.state_machine_versions.is_empty());

            // Writes with the neighbour's ARNs reach nothing here.
            sm_does_not_exist(reg.start_execution(named(&alias, "run-2")), &alias);
            execution_does_not_exist(reg.stop_execution(StopExecutionInput::new(&execution)), &execution);
            resource_not_found(
                reg.create_state_machine_alias(CreateStateMachineAliasInput::new("PROD", vec![route(&v1, 100)])),
                &v1,
            );
            reg.delete_state_machine_alias(DeleteStateMachineAliasInput::new(&alias))
                .expect("delete a foreign alias");
            reg.delete_state_machine_version(DeleteStateMachineVersionInput::new(&v1))
                .expect("delete a foreign version");
            reg.delete_state_machine(DeleteStateMachineInput::new(&sm))
                .expect("delete a foreign state machine");
            assert_eq!(
                snapshot(reg, &[]),
                before,
                "registry {i} given the ARNs of registry {j}"
            );

            // Its own resources are all there, under its own ARNs.
            let listed = reg
                .list_state_machines(ListStateMachinesInput::new())
                .expect("list")
                .state_machines;
            assert_eq!(listed.len(), 1);
            assert_eq!(listed[0].state_machine_arn.as_str(), own_sm.as_str());
            let own = reg
                .describe_execution(DescribeExecutionInput::new(own_execution.as_str()))
                .expect("its own execution");
            assert_eq!(own.status, ExecutionStatus::Running);
            let (p, r, a) = scopes[i];
            assert_eq!(
                own.input.as_deref(),
                Some(format!(r#"{{"scope":"{p}/{r}/{a}"}}"#).as_str())
            );
        }
    }
}
