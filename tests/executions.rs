//! Executions: StartExecution through unqualified, version and alias ARNs, StopExecution,
//! DescribeExecution, ListExecutions, DescribeStateMachineForExecution, GetExecutionHistory, and
//! the embedder's side (`InMemoryRegistry::execution` / `end_execution`), pinned against the
//! recordings of the real service (aws-behaviour.md §1, §2.11–§2.13).
//!
//! Message texts are asserted verbatim. Where the reference marks a text NOT OBSERVED, the test
//! says so and pins the code the API model / docs require and the crate's documented wording.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineAliasInput, DeleteStateMachineInput,
    DeleteStateMachineVersionInput, DescribeExecutionInput, DescribeExecutionOutput, DescribeStateMachineAliasInput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineForExecutionOutput, DescribeStateMachineInput,
    ExecutionRedriveStatus, ExecutionStatus, GetExecutionHistoryInput, GetExecutionHistoryOutput, HistoryEvent,
    HistoryEventType, ListExecutionsInput, ListExecutionsOutput, ListStateMachineAliasesInput,
    ListStateMachineVersionsInput, ListStateMachinesInput, PublishStateMachineVersionInput,
    RoutingConfigurationListItem, StartExecutionInput, StartExecutionOutput, StateMachineStatus, StateMachineType,
    StopExecutionInput, StopExecutionOutput, UpdateStateMachineAliasInput, UpdateStateMachineInput,
};
use sfn_registry::{
    Clock, ErrorCode, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, Result, Timestamp,
};

mod common;
use common::{assert_code, assert_err, assert_uuid, key_set, keys, members_starting_with, to_json};

const T0: i64 = 1_700_000_000_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const OTHER_ROLE: &str = "arn:aws:iam::123456789012:role/other-role";
const SM_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:";
const EXEC_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:execution:";
const EXPRESS_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:express:";
const MAX_INPUT_BYTES: usize = 262_144;

/// A valid definition whose text depends on `tag`.
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

fn with_input(arn: &str, name: &str, data: &str) -> StartExecutionInput {
    let mut input = named(arn, name);
    input.input = Some(data.to_owned());
    input
}

fn exec_ref(arn: &str) -> ExecutionRef {
    ExecutionRef::parse(arn).expect("an execution ARN")
}

/// A registry on a manual clock, with helpers that tick the clock before every write.
struct Fx {
    reg: InMemoryRegistry,
    clock: ManualClock,
}

impl Fx {
    fn new() -> Self {
        Fx::with_seed(1)
    }

    fn with_seed(seed: u64) -> Self {
        let (reg, clock) = common::clocked_registry(T0, seed);
        Fx { reg, clock }
    }

    fn tick(&self) {
        self.clock.advance_millis(1_000);
    }

    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Creates `name` with definition `def("r1")`; with `publish`, version 1 from the initial
    /// revision.
    #[track_caller]
    fn create(&mut self, name: &str, publish: bool) -> String {
        self.create_typed(name, publish, StateMachineType::Standard)
    }

    #[track_caller]
    fn create_express(&mut self, name: &str, publish: bool) -> String {
        self.create_typed(name, publish, StateMachineType::Express)
    }

    #[track_caller]
    fn create_typed(&mut self, name: &str, publish: bool, kind: StateMachineType) -> String {
        self.tick();
        let mut input = CreateStateMachineInput::new(name, def("r1"), ROLE);
        input.publish = publish;
        input.r#type = Some(kind);
        let out = self.reg.create_state_machine(input).expect("create state machine");
        out.state_machine_arn.to_string()
    }

    /// Updates the definition to `def(tag)` without publishing; returns the new revision id.
    #[track_caller]
    fn update(&mut self, sm: &str, tag: &str) -> String {
        self.tick();
        let mut input = UpdateStateMachineInput::new(sm);
        input.definition = Some(def(tag));
        let out = self.reg.update_state_machine(input).expect("update state machine");
        out.revision_id.expect("a revision id after a real update").to_string()
    }

    /// Updates the definition to `def(tag)` with `publish`; returns (version ARN, revision id).
    #[track_caller]
    fn update_publish(&mut self, sm: &str, tag: &str) -> (String, String) {
        self.tick();
        let mut input = UpdateStateMachineInput::new(sm);
        input.definition = Some(def(tag));
        input.publish = true;
        let out = self.reg.update_state_machine(input).expect("update and publish");
        (
            out.state_machine_version_arn.expect("a published version").to_string(),
            out.revision_id.expect("a revision id").to_string(),
        )
    }

    #[track_caller]
    fn alias(&mut self, name: &str, routes: &[(&str, i32)]) -> String {
        self.tick();
        let routing = routes.iter().map(|(arn, w)| route(arn, *w)).collect();
        let out = self
            .reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new(name, routing))
            .expect("create alias");
        out.state_machine_alias_arn.to_string()
    }

    #[track_caller]
    fn route_alias(&mut self, alias: &str, routes: &[(&str, i32)]) {
        self.tick();
        let mut input = UpdateStateMachineAliasInput::new(alias);
        input.routing_configuration = Some(routes.iter().map(|(arn, w)| route(arn, *w)).collect());
        self.reg.update_state_machine_alias(input).expect("update alias");
    }

    fn try_start(&mut self, input: StartExecutionInput) -> Result<StartExecutionOutput> {
        self.tick();
        self.reg.start_execution(input)
    }

    /// Starts `arn` with a generated name; returns the execution ARN.
    #[track_caller]
    fn start(&mut self, arn: &str) -> String {
        self.try_start(StartExecutionInput::new(arn))
            .expect("start execution")
            .execution_arn
            .to_string()
    }

    #[track_caller]
    fn start_named(&mut self, arn: &str, name: &str) -> String {
        self.try_start(named(arn, name))
            .expect("start execution")
            .execution_arn
            .to_string()
    }

    fn try_stop(&mut self, exec: &str, error: Option<&str>, cause: Option<&str>) -> Result<StopExecutionOutput> {
        self.tick();
        let mut input = StopExecutionInput::new(exec);
        input.error = error.map(str::to_owned);
        input.cause = cause.map(str::to_owned);
        self.reg.stop_execution(input)
    }

    #[track_caller]
    fn stop(&mut self, exec: &str) -> Timestamp {
        self.try_stop(exec, None, None).expect("stop execution").stop_date
    }

    fn end(&mut self, exec: &str, outcome: ExecutionOutcome) -> Result<()> {
        self.tick();
        self.reg.end_execution(&exec_ref(exec), outcome)
    }

    #[track_caller]
    fn succeed(&mut self, exec: &str, output: &str) {
        self.end(exec, ExecutionOutcome::succeeded(output))
            .expect("end execution");
    }

    #[track_caller]
    fn describe(&self, exec: &str) -> DescribeExecutionOutput {
        self.reg
            .describe_execution(DescribeExecutionInput::new(exec))
            .expect("describe execution")
    }

    #[track_caller]
    fn dsmfe(&self, exec: &str) -> DescribeStateMachineForExecutionOutput {
        self.reg
            .describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(exec))
            .expect("describe state machine for execution")
    }

    #[track_caller]
    fn history(&self, exec: &str) -> Vec<HistoryEvent> {
        let out = self
            .reg
            .get_execution_history(GetExecutionHistoryInput::new(exec))
            .expect("get execution history");
        assert_eq!(out.next_token, None);
        out.events
    }

    fn list_page(
        &self,
        arn: &str,
        status: Option<ExecutionStatus>,
        max_results: Option<i32>,
        next_token: Option<&str>,
    ) -> Result<ListExecutionsOutput> {
        let mut input = ListExecutionsInput::new(arn);
        input.status_filter = status;
        input.max_results = max_results;
        input.next_token = next_token.map(str::to_owned);
        self.reg.list_executions(input)
    }

    /// The execution ARNs ListExecutions gives for `arn`, in order (one page of up to 1000).
    #[track_caller]
    fn listed(&self, arn: &str) -> Vec<String> {
        self.listed_with(arn, None)
    }

    #[track_caller]
    fn listed_with(&self, arn: &str, status: Option<ExecutionStatus>) -> Vec<String> {
        let page = self.list_page(arn, status, Some(1000), None).expect("list executions");
        assert_eq!(page.next_token, None);
        page.executions.iter().map(|e| e.execution_arn.to_string()).collect()
    }

    /// The embedder's view of `exec`, as JSON (`null` if the registry does not know it).
    fn view(&self, exec: &str) -> Value {
        match self.reg.execution(&exec_ref(exec)) {
            None => Value::Null,
            Some(v) => json!({
                "arn": v.arn().to_string(),
                "name": v.name().to_string(),
                "status": v.status().as_str(),
                "definition": v.definition(),
                "roleArn": v.role_arn(),
                "revisionId": v.revision_id().map(|r| r.to_string()),
                "version": v.version().map(ToString::to_string),
                "alias": v.alias().map(ToString::to_string),
                "input": v.input(),
                "startDate": v.start_date().unix_millis(),
                "stopDate": v.stop_date().map(Timestamp::unix_millis),
            }),
        }
    }

    /// Everything observable about a standard execution.
    #[track_caller]
    fn snapshot(&self, exec: &str) -> Value {
        json!({
            "describe": to_json(&self.describe(exec)),
            "stateMachine": to_json(&self.dsmfe(exec)),
            "history": to_json(&self.history(exec)),
            "view": self.view(exec),
        })
    }
}

/// A standard state machine `orders` with v1 (r1, the initial revision), v2 (r2) and a current,
/// unpublished revision r3.
struct Versioned {
    fx: Fx,
    sm: String,
    v1: String,
    v2: String,
    r2: String,
    r3: String,
}

fn versioned() -> Versioned {
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let v1 = format!("{sm}:1");
    let (v2, r2) = fx.update_publish(&sm, "r2");
    let r3 = fx.update(&sm, "r3");
    Versioned { fx, sm, v1, v2, r2, r3 }
}

// ---------------------------------------------------------------------------------------------
// §2.11 StartExecution: what each ARN form runs
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unqualified_start_runs_the_latest_revision_without_a_version_even_if_published() {
    let mut fx = Fx::new();
    // Created with publish: the current revision *is* version 1 (VSNAP test_start_version_execution).
    let sm = fx.create("orders", true);
    let e1 = fx.start(&sm);

    let described = fx.describe(&e1);
    assert_eq!(described.state_machine_arn.as_str(), sm);
    let described = to_json(&described);
    assert!(described.get("stateMachineVersionArn").is_none(), "{described}");
    assert!(described.get("stateMachineAliasArn").is_none(), "{described}");
    let view = fx.view(&e1);
    assert_eq!(view["version"], Value::Null);
    assert_eq!(view["alias"], Value::Null);
    assert_eq!(view["definition"], json!(def("r1")));
    assert_eq!(view["revisionId"], Value::Null);

    // An update (not published) is what the next unqualified start runs.
    let r2 = fx.update(&sm, "r2");
    let e2 = fx.start(&sm);
    assert_eq!(fx.view(&e2)["definition"], json!(def("r2")));
    assert_eq!(fx.view(&e2)["revisionId"], json!(r2));
    assert_eq!(fx.dsmfe(&e2).definition, def("r2"));

    // Even when the latest revision is published as v2, no version is associated.
    let (_, r3) = fx.update_publish(&sm, "r3");
    let e3 = fx.start(&sm);
    let view = fx.view(&e3);
    assert_eq!(view["definition"], json!(def("r3")));
    assert_eq!(view["revisionId"], json!(r3));
    assert_eq!(view["version"], Value::Null);
    let described = to_json(&fx.describe(&e3));
    assert!(described.get("stateMachineVersionArn").is_none(), "{described}");
    assert!(described.get("stateMachineAliasArn").is_none(), "{described}");
}

#[test]
fn a_version_start_runs_that_version() {
    let Versioned {
        mut fx, sm, v1, v2, r2, ..
    } = versioned();

    let e1 = fx.start(&v1);
    let view = fx.view(&e1);
    assert_eq!(view["definition"], json!(def("r1")));
    assert_eq!(view["roleArn"], json!(ROLE));
    assert_eq!(view["revisionId"], Value::Null);
    assert_eq!(view["version"], json!(v1));
    assert_eq!(view["alias"], Value::Null);
    let described = fx.describe(&e1);
    assert_eq!(described.state_machine_arn.as_str(), sm);
    assert_eq!(
        described.state_machine_version_arn.as_ref().map(ToString::to_string),
        Some(v1.clone())
    );
    assert!(to_json(&described).get("stateMachineAliasArn").is_none());

    let e2 = fx.start(&v2);
    let view = fx.view(&e2);
    assert_eq!(view["definition"], json!(def("r2")));
    assert_eq!(view["revisionId"], json!(r2));
    assert_eq!(view["version"], json!(v2));
    assert_eq!(fx.dsmfe(&e2).definition, def("r2"));
}

#[test]
fn an_alias_start_runs_a_version_the_alias_routes_to() {
    let Versioned {
        mut fx, sm, v1, v2, r2, ..
    } = versioned();
    let prod = fx.alias("prod", &[(&v2, 100)]);

    let e = fx.start(&prod);
    let view = fx.view(&e);
    assert_eq!(view["definition"], json!(def("r2")));
    assert_eq!(view["revisionId"], json!(r2));
    assert_eq!(view["version"], json!(v2));
    assert_eq!(view["alias"], json!(prod));
    let described = fx.describe(&e);
    assert_eq!(described.state_machine_arn.as_str(), sm);
    assert_eq!(
        described.state_machine_version_arn.as_ref().map(ToString::to_string),
        Some(v2.clone())
    );
    assert_eq!(
        described.state_machine_alias_arn.as_ref().map(ToString::to_string),
        Some(prod.clone())
    );

    // With two routes, every execution runs one of the two versions, and its own definition.
    let split = fx.alias("split", &[(&v1, 50), (&v2, 50)]);
    let mut seen = BTreeSet::new();
    for _ in 0..40 {
        let e = fx.start(&split);
        let view = fx.view(&e);
        let version = view["version"].as_str().expect("a version").to_owned();
        let expected = if version == v1 { def("r1") } else { def("r2") };
        assert!(version == v1 || version == v2, "{version}");
        assert_eq!(view["definition"], json!(expected));
        assert_eq!(view["alias"], json!(split));
        seen.insert(version);
    }
    assert_eq!(seen.len(), 2, "40 starts of a 50/50 alias ran only {seen:?}");
}

#[test]
fn the_execution_arn_names_the_state_machine_and_the_execution_however_it_was_started() {
    let Versioned { mut fx, sm, v1, .. } = versioned();
    let prod = fx.alias("prod", &[(&v1, 100)]);
    // §1: no version number and no alias name in the execution ARN.
    assert_eq!(fx.start_named(&sm, "plain"), format!("{EXEC_PREFIX}orders:plain"));
    assert_eq!(
        fx.start_named(&v1, "by-version"),
        format!("{EXEC_PREFIX}orders:by-version")
    );
    assert_eq!(
        fx.start_named(&prod, "by-alias"),
        format!("{EXEC_PREFIX}orders:by-alias")
    );
    for arn in [&sm, &v1, &prod] {
        let e = fx.start(arn);
        let name = e
            .strip_prefix(&format!("{EXEC_PREFIX}orders:"))
            .expect("execution ARN form");
        assert_eq!(fx.describe(&e).name.expect("name").to_string(), name);
    }
}

#[test]
fn an_express_execution_arn_has_the_express_form_however_it_was_started() {
    let mut fx = Fx::new();
    let sm = fx.create_express("fast", true);
    let v1 = format!("{sm}:1");
    let prod = fx.alias("prod", &[(&v1, 100)]);
    let mut arns = BTreeSet::new();
    for arn in [&sm, &v1, &prod] {
        let e = fx.start_named(arn, "run");
        let id = e
            .strip_prefix(&format!("{EXPRESS_PREFIX}fast:run:"))
            .unwrap_or_else(|| panic!("not an express execution ARN: {e}"));
        assert!(!id.is_empty() && !id.contains(':'), "{e}");
        assert_eq!(fx.view(&e)["status"], json!("RUNNING"));
        arns.insert(e);
    }
    assert_eq!(arns.len(), 3, "express names are reusable at once: {arns:?}");
}

#[test]
fn express_starts_are_not_idempotent() {
    let mut fx = Fx::new();
    let sm = fx.create_express("fast", false);
    let a = fx.try_start(with_input(&sm, "same", "{}")).expect("first");
    let b = fx.try_start(with_input(&sm, "same", "{}")).expect("second");
    assert_ne!(a.execution_arn, b.execution_arn);
    assert_ne!(a.start_date, b.start_date);
    assert!(fx.reg.execution(&a.execution_arn).is_some());
    assert!(fx.reg.execution(&b.execution_arn).is_some());
}

#[test]
fn a_distributed_map_label_arn_is_a_validation_exception() {
    // [DOC] ValidationException; the message is NOT OBSERVED (the crate's wording).
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    for arn in [format!("{sm}/mapLabel"), format!("{SM_PREFIX}missing/mapLabel")] {
        assert_err(
            fx.try_start(StartExecutionInput::new(&arn)),
            ErrorCode::ValidationException,
            &format!("Unsupported Distributed Map state label ARN: '{arn}'"),
        );
    }
    assert!(fx.listed(&sm).is_empty());
}

#[test]
fn a_nonexistent_state_machine_is_state_machine_does_not_exist() {
    // [SNAP] PSNAP test_invalid_start_execution_arn.
    let mut fx = Fx::new();
    let arn = format!("{SM_PREFIX}missing");
    assert_err(
        fx.try_start(StartExecutionInput::new(&arn)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{arn}'"),
    );
    for qualified in [format!("{arn}:1"), format!("{arn}:prod")] {
        assert_err(
            fx.try_start(StartExecutionInput::new(&qualified)),
            ErrorCode::StateMachineDoesNotExist,
            &format!("State Machine Does Not Exist: '{qualified}'"),
        );
    }
    // Another account or region is another state machine.
    let elsewhere = "arn:aws:states:eu-west-1:123456789012:stateMachine:orders";
    fx.create("orders", false);
    assert_err(
        fx.try_start(StartExecutionInput::new(elsewhere)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{elsewhere}'"),
    );
}

#[test]
fn an_unknown_or_deleted_version_is_state_machine_does_not_exist_with_the_arn_given() {
    let Versioned { mut fx, sm, v1, .. } = versioned();
    let v7 = format!("{sm}:7");
    assert_err(
        fx.try_start(StartExecutionInput::new(&v7)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{v7}'"),
    );
    fx.reg
        .delete_state_machine_version(DeleteStateMachineVersionInput::new(&v1))
        .expect("delete version");
    assert_err(
        fx.try_start(StartExecutionInput::new(&v1)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{v1}'"),
    );
    assert!(fx.listed(&sm).is_empty());
}

#[test]
fn an_unknown_or_deleted_alias_is_state_machine_does_not_exist_with_the_arn_given() {
    let Versioned { mut fx, sm, v1, .. } = versioned();
    let missing = format!("{sm}:missing");
    assert_err(
        fx.try_start(StartExecutionInput::new(&missing)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{missing}'"),
    );
    let prod = fx.alias("prod", &[(&v1, 100)]);
    fx.start(&prod);
    fx.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&prod))
        .expect("delete alias");
    assert_err(
        fx.try_start(StartExecutionInput::new(&prod)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{prod}'"),
    );
    assert_eq!(fx.listed(&sm).len(), 1);
}

#[test]
fn a_malformed_arn_is_invalid_arn() {
    let mut fx = Fx::new();
    assert_err(
        fx.try_start(StartExecutionInput::new("not_a_valid_arn")),
        ErrorCode::InvalidArn,
        "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'",
    );
}

// ---------------------------------------------------------------------------------------------
// An execution pins the revision it runs
// ---------------------------------------------------------------------------------------------

#[test]
fn later_updates_publishes_alias_changes_and_version_deletes_never_change_a_started_execution() {
    let Versioned {
        mut fx, sm, v1, v2, r2, ..
    } = versioned();
    let prod = fx.alias("prod", &[(&v2, 100)]);
    let by_sm = fx.start(&sm);
    let by_version = fx.start(&v1);
    let by_alias = fx.start(&prod);
    let before: Vec<Value> = [&by_sm, &by_version, &by_alias].map(|e| fx.snapshot(e)).to_vec();

    assert_eq!(fx.view(&by_sm)["definition"], json!(def("r3")));
    assert_eq!(fx.view(&by_version)["definition"], json!(def("r1")));
    assert_eq!(fx.view(&by_alias)["definition"], json!(def("r2")));
    assert_eq!(fx.dsmfe(&by_alias).revision_id.map(|r| r.to_string()), Some(r2));

    // A new definition and role, published as v3; the alias moves to v3; v1, v2 and the alias go.
    fx.tick();
    let mut update = UpdateStateMachineInput::new(&sm);
    update.definition = Some(def("r4"));
    update.role_arn = Some(OTHER_ROLE.to_owned());
    update.publish = true;
    let v3 = fx
        .reg
        .update_state_machine(update)
        .expect("update")
        .state_machine_version_arn
        .expect("v3")
        .to_string();
    fx.route_alias(&prod, &[(&v3, 100)]);
    fx.tick();
    fx.reg
        .publish_state_machine_version(PublishStateMachineVersionInput::new(&sm))
        .expect("publish");
    for v in [&v1, &v2] {
        fx.reg
            .delete_state_machine_version(DeleteStateMachineVersionInput::new(v))
            .expect("delete version");
    }
    fx.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&prod))
        .expect("delete alias");

    let after: Vec<Value> = [&by_sm, &by_version, &by_alias].map(|e| fx.snapshot(e)).to_vec();
    assert_eq!(after, before);
    assert_eq!(fx.view(&by_version)["version"], json!(v1));
    assert_eq!(fx.view(&by_alias)["version"], json!(v2));
    assert_eq!(fx.view(&by_alias)["alias"], json!(prod));
    assert_eq!(fx.dsmfe(&by_version).role_arn, ROLE);
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

#[test]
fn names_with_forbidden_characters_are_invalid_name() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let bad = [
        "has space",
        "tab\there",
        "a<b",
        "a>b",
        "a{b",
        "a}b",
        "a[b",
        "a]b",
        "a?b",
        "a*b",
        "a\"b",
        "a#b",
        "a%b",
        "a\\b",
        "a^b",
        "a|b",
        "a~b",
        "a`b",
        "a$b",
        "a&b",
        "a,b",
        "a;b",
        "a:b",
        "a/b",
        "ctl\u{1}",
        "del\u{7f}",
        "c1\u{85}",
        "nonchar\u{fffe}",
        "nonchar\u{ffff}",
    ];
    for name in bad {
        assert_err(
            fx.try_start(named(&sm, name)),
            ErrorCode::InvalidName,
            &format!("Invalid Name: '{name}'"),
        );
    }
    assert!(fx.listed(&sm).is_empty());
    // What the documentation allows is accepted.
    for name in ["simple", "with-dash_and.dot", "ünïcødé", "123", "a=b+c@d!(e)'"] {
        let e = fx.start_named(&sm, name);
        assert_eq!(e, format!("{EXEC_PREFIX}orders:{name}"));
    }
}

#[test]
fn name_length_is_checked_as_a_constraint() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let longest = "n".repeat(80);
    assert_eq!(fx.start_named(&sm, &longest), format!("{EXEC_PREFIX}orders:{longest}"));
    let too_long = "n".repeat(81);
    assert_err(
        fx.try_start(named(&sm, &too_long)),
        ErrorCode::ValidationException,
        &format!(
            "1 validation error detected: Value '{too_long}' at 'name' failed to satisfy constraint: \
             Member must have length less than or equal to 80"
        ),
    );
    assert_err(
        fx.try_start(named(&sm, "")),
        ErrorCode::ValidationException,
        "1 validation error detected: Value '' at 'name' failed to satisfy constraint: \
         Member must have length greater than or equal to 1",
    );
}

#[test]
fn generated_names_are_uuids_drawn_from_the_seeded_rng() {
    fn names(seed: u64) -> Vec<String> {
        let mut fx = Fx::with_seed(seed);
        let sm = fx.create("orders", false);
        (0..5)
            .map(|_| {
                let e = fx.start(&sm);
                e.strip_prefix(&format!("{EXEC_PREFIX}orders:"))
                    .expect("execution ARN form")
                    .to_owned()
            })
            .collect()
    }
    let a = names(7);
    for name in &a {
        assert_uuid(name);
    }
    assert_eq!(a.iter().collect::<BTreeSet<_>>().len(), a.len(), "{a:?}");
    assert_eq!(names(7), a, "same seed, same names");
    assert_ne!(names(8), a, "another seed, other names");
}

// ---------------------------------------------------------------------------------------------
// Idempotency (STANDARD only)
// ---------------------------------------------------------------------------------------------

#[test]
fn the_same_name_and_input_as_a_running_execution_returns_the_same_response() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let first = fx.try_start(with_input(&sm, "job", r#"{"a":1}"#)).expect("start");
    let again = fx.try_start(with_input(&sm, "job", r#"{"a":1}"#)).expect("replay");
    assert_eq!(again, first);
    assert_ne!(fx.now(), first.start_date, "the replay came later");
    assert_eq!(fx.listed(&sm), [first.execution_arn.to_string()]);
    // Also with the default input.
    let plain = fx.try_start(named(&sm, "plain")).expect("start");
    assert_eq!(fx.try_start(named(&sm, "plain")).expect("replay"), plain);
}

#[test]
fn the_same_name_with_another_input_is_execution_already_exists() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start_named(&sm, "job");
    let before = fx.snapshot(&e);
    assert_err(
        fx.try_start(with_input(&sm, "job", r#"{"other":true}"#)),
        ErrorCode::ExecutionAlreadyExists,
        &format!("Execution Already Exists: '{e}'"),
    );
    assert_eq!(fx.snapshot(&e), before);
    assert_eq!(fx.listed(&sm), [e]);
}

#[test]
fn the_name_of_a_closed_execution_is_execution_already_exists_even_with_the_same_input() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let outcomes: [(&str, Option<ExecutionOutcome>); 4] = [
        ("stopped", None),
        ("succeeded", Some(ExecutionOutcome::succeeded("{}"))),
        ("failed", Some(ExecutionOutcome::failed("E", "C"))),
        ("timed-out", Some(ExecutionOutcome::timed_out("States.Timeout", "late"))),
    ];
    for (name, outcome) in outcomes {
        let e = fx
            .try_start(with_input(&sm, name, "{}"))
            .expect("start")
            .execution_arn
            .to_string();
        match outcome {
            None => {
                fx.stop(&e);
            }
            Some(outcome) => fx.end(&e, outcome).expect("end"),
        }
        assert_err(
            fx.try_start(with_input(&sm, name, "{}")),
            ErrorCode::ExecutionAlreadyExists,
            &format!("Execution Already Exists: '{e}'"),
        );
    }
    assert_eq!(fx.listed(&sm).len(), 4);
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

#[test]
fn input_that_is_not_json_is_invalid_execution_input() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    // The recorded texts (test_sfn_api.py::test_invalid_start_execution_input), then Jackson's
    // own words for other faults.
    for (data, detail) in [
        (
            "not some json",
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        ),
        (
            "{'not': 'json'",
            "Unexpected character (''' (code 39)): was expecting double-quote to start field name",
        ),
        ("", "Invalid execution input."),
        ("  \n", "Invalid execution input."),
        (
            "{",
            "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"; line: 1, column: 1])",
        ),
        (r#"{"a":}"#, "Unexpected character ('}' (code 125)): expected a value"),
    ] {
        assert_err(
            fx.try_start(with_input(&sm, "bad", data)),
            ErrorCode::InvalidExecutionInput,
            &format!("Invalid State Machine Execution Input: '{detail}'"),
        );
    }
    assert!(fx.listed(&sm).is_empty());
}

#[test]
fn input_is_any_json_value_read_as_jackson_reads_it() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    // Recorded as accepted: a number, a JSON string, null. Jackson's readTree reads the first
    // value and does not look past it, so trailing text is accepted too (not observed).
    for (i, data) in ["2", r#""some string""#, "null", "{} {}", "[1] x"]
        .into_iter()
        .enumerate()
    {
        let e = fx
            .try_start(with_input(&sm, &format!("ok-{i}"), data))
            .unwrap_or_else(|e| panic!("{data:?}: {e:?}"));
        assert_eq!(fx.describe(e.execution_arn.as_str()).input.as_deref(), Some(data));
    }
}

#[test]
fn input_defaults_to_an_empty_object() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    assert_eq!(fx.describe(&e).input.as_deref(), Some("{}"));
    assert_eq!(fx.view(&e)["input"], json!("{}"));
    let started = fx.history(&e)[0]
        .execution_started_event_details
        .clone()
        .expect("details");
    assert_eq!(started.input.as_deref(), Some("{}"));
}

#[test]
fn input_is_at_most_256_kib_of_utf8() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let json_string = |body: String| format!("\"{body}\"");

    let largest = json_string("a".repeat(MAX_INPUT_BYTES - 2));
    assert_eq!(largest.len(), MAX_INPUT_BYTES);
    let e = fx
        .try_start(with_input(&sm, "largest", &largest))
        .expect("262144 bytes");
    assert_eq!(
        fx.describe(&e.execution_arn.to_string()).input.as_deref(),
        Some(largest.as_str())
    );

    let too_large_message = "1 validation error detected: Value at 'input' failed to satisfy constraint: \
                             Member must have length less than or equal to 262144";
    let too_large = json_string("a".repeat(MAX_INPUT_BYTES - 1));
    assert_eq!(too_large.len(), MAX_INPUT_BYTES + 1);
    assert_err(
        fx.try_start(with_input(&sm, "too-large", &too_large)),
        ErrorCode::ValidationException,
        too_large_message,
    );

    // Bytes, not characters: 2-byte characters reach the limit at half the character count.
    let wide = json_string("é".repeat((MAX_INPUT_BYTES - 2) / 2));
    assert_eq!(wide.len(), MAX_INPUT_BYTES);
    fx.try_start(with_input(&sm, "wide", &wide))
        .expect("262144 bytes of UTF-8");
    let too_wide = json_string("é".repeat((MAX_INPUT_BYTES - 2) / 2 + 1));
    assert!(
        too_wide.chars().count() < MAX_INPUT_BYTES / 2 + 10,
        "far below the limit in characters"
    );
    assert_err(
        fx.try_start(with_input(&sm, "too-wide", &too_wide)),
        ErrorCode::ValidationException,
        too_large_message,
    );
    assert_eq!(fx.listed(&sm).len(), 2);
}

// ---------------------------------------------------------------------------------------------
// A failed request changes nothing, not even the RNG
// ---------------------------------------------------------------------------------------------

/// Two registries with the same seed and setup: `orders` with v1, v2 and a 50/50 alias, a running
/// `taken` execution, and `doomed`, DELETING with a running execution.
fn twin(seed: u64) -> (Fx, String, String) {
    let mut fx = Fx::with_seed(seed);
    let sm = fx.create("orders", true);
    let v1 = format!("{sm}:1");
    let (v2, _) = fx.update_publish(&sm, "r2");
    let split = fx.alias("split", &[(&v1, 50), (&v2, 50)]);
    fx.try_start(with_input(&sm, "taken", r#"{"x":1}"#)).expect("taken");
    let doomed = fx.create("doomed", false);
    fx.start_named(&doomed, "running");
    fx.reg
        .delete_state_machine(DeleteStateMachineInput::new(&doomed))
        .expect("delete");
    (fx, sm, split)
}

#[test]
fn a_failed_start_consumes_no_randomness_and_records_nothing() {
    let (mut a, sm, split) = twin(5);
    let (mut b, _, _) = twin(5);
    let v1 = format!("{sm}:1");

    let failing = [
        (
            with_input(&sm, "bad-input", "not json"),
            ErrorCode::InvalidExecutionInput,
        ),
        (named(&sm, "bad name"), ErrorCode::InvalidName),
        (named(&sm, &"n".repeat(81)), ErrorCode::ValidationException),
        (
            with_input(&sm, "too-large", &format!("\"{}\"", "a".repeat(MAX_INPUT_BYTES))),
            ErrorCode::ValidationException,
        ),
        (
            with_input(&sm, "taken", r#"{"x":2}"#),
            ErrorCode::ExecutionAlreadyExists,
        ),
        (
            StartExecutionInput::new(format!("{sm}/label")),
            ErrorCode::ValidationException,
        ),
        (
            StartExecutionInput::new(format!("{sm}:9")),
            ErrorCode::StateMachineDoesNotExist,
        ),
        (
            StartExecutionInput::new(format!("{sm}:missing")),
            ErrorCode::StateMachineDoesNotExist,
        ),
        (
            StartExecutionInput::new(format!("{SM_PREFIX}missing")),
            ErrorCode::StateMachineDoesNotExist,
        ),
        (
            StartExecutionInput::new(format!("{SM_PREFIX}doomed")),
            ErrorCode::StateMachineDeleting,
        ),
        (StartExecutionInput::new("not_an_arn"), ErrorCode::InvalidArn),
    ];
    for (input, code) in failing {
        assert_code(a.try_start(input), code);
    }
    b.clock.set(a.now());

    let listed = |fx: &Fx| to_json(&fx.list_page(&sm, None, Some(1000), None).expect("list"));
    assert_eq!(listed(&a), listed(&b));
    // Generated names and alias routes continue identically in both.
    let mut runs = [Vec::new(), Vec::new()];
    for (fx, run) in [&mut a, &mut b].into_iter().zip(runs.iter_mut()) {
        for target in [&split, &sm, &split, &v1, &split, &split, &split, &split] {
            let e = fx.start(target);
            run.push((e.clone(), fx.view(&e)["version"].clone()));
        }
    }
    assert_eq!(runs[0], runs[1]);
}

// ---------------------------------------------------------------------------------------------
// StopExecution
// ---------------------------------------------------------------------------------------------

#[test]
fn stop_execution_aborts_with_the_error_cause_and_stop_date() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    let started = fx.describe(&e).start_date;
    let stopped = fx.try_stop(&e, Some("Oops"), Some("it broke")).expect("stop");
    assert_eq!(stopped.stop_date, fx.now());
    assert!(stopped.stop_date > started);

    let d = fx.describe(&e);
    assert_eq!(d.status, ExecutionStatus::Aborted);
    assert_eq!(d.stop_date, Some(stopped.stop_date));
    assert_eq!(d.error.as_deref(), Some("Oops"));
    assert_eq!(d.cause.as_deref(), Some("it broke"));
    let json = to_json(&d);
    assert!(
        json.get("output").is_none() && json.get("outputDetails").is_none(),
        "{json}"
    );
    // AWS redrives FAILED, TIMED_OUT and ABORTED executions.
    assert_eq!(d.redrive_status, Some(ExecutionRedriveStatus::Redrivable));
    assert_eq!(d.redrive_status_reason, None);
    assert_eq!(fx.view(&e)["status"], json!("ABORTED"));
    assert_eq!(fx.view(&e)["stopDate"], json!(stopped.stop_date.unix_millis()));

    let events = fx.history(&e);
    assert_eq!(events.len(), 2);
    let end = &events[1];
    assert_eq!(end.r#type, HistoryEventType::ExecutionAborted);
    // Stopped before any state was entered: it points at 0, as nothing points at ExecutionStarted.
    assert_eq!((end.id, end.previous_event_id), (2, Some(0)));
    assert_eq!(end.timestamp, stopped.stop_date);
    let details = end.execution_aborted_event_details.clone().expect("aborted details");
    assert_eq!(details.error.as_deref(), Some("Oops"));
    assert_eq!(details.cause.as_deref(), Some("it broke"));
    assert_eq!(fx.listed_with(&sm, Some(ExecutionStatus::Aborted)), [e]);
}

#[test]
fn stop_execution_without_error_or_cause_records_neither() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.stop(&e);
    let json = to_json(&fx.describe(&e));
    assert_eq!(json["status"], json!("ABORTED"));
    assert!(json.get("error").is_none() && json.get("cause").is_none(), "{json}");
}

#[test]
fn stopping_an_ended_execution_changes_nothing_and_answers_its_stop_date() {
    // NOT OBSERVED on AWS; the crate documents this choice on StopExecution.
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let aborted = fx.start(&sm);
    let first = fx.try_stop(&aborted, Some("E1"), None).expect("stop").stop_date;
    let before = fx.snapshot(&aborted);
    let again = fx.try_stop(&aborted, Some("E2"), Some("C2")).expect("stop again");
    assert_eq!(again.stop_date, first);
    assert_eq!(fx.snapshot(&aborted), before);

    let succeeded = fx.start(&sm);
    fx.succeed(&succeeded, r#"{"ok":true}"#);
    let before = fx.snapshot(&succeeded);
    let stopped = fx.try_stop(&succeeded, None, None).expect("stop a succeeded execution");
    assert_eq!(Some(stopped.stop_date), fx.describe(&succeeded).stop_date);
    assert_eq!(fx.snapshot(&succeeded), before);
}

#[test]
fn stop_execution_of_an_unknown_malformed_or_express_execution() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let unknown = format!("{EXEC_PREFIX}orders:nope");
    assert_err(
        fx.try_stop(&unknown, None, None),
        ErrorCode::ExecutionDoesNotExist,
        &format!("Execution Does Not Exist: '{unknown}'"),
    );
    assert_err(
        fx.try_stop("invalid_execution_arn", None, None),
        ErrorCode::InvalidArn,
        "Invalid Arn: 'Invalid ARN prefix: invalid_execution_arn'",
    );
    let express = fx.create_express("fast", false);
    let e = fx.start(&express);
    assert_err(
        fx.try_stop(&e, None, None),
        ErrorCode::InvalidArn,
        "Invalid Arn: 'Resource type not valid in this context: express'",
    );
    assert_eq!(fx.view(&e)["status"], json!("RUNNING"));
    assert!(fx.listed(&sm).is_empty());
}

// ---------------------------------------------------------------------------------------------
// DescribeExecution (§2.12)
// ---------------------------------------------------------------------------------------------

#[test]
fn describe_execution_keys_for_each_way_of_starting() {
    let Versioned { mut fx, sm, v1, .. } = versioned();
    let prod = fx.alias("prod", &[(&v1, 100)]);
    let common = [
        "executionArn",
        "stateMachineArn",
        "name",
        "status",
        "startDate",
        "stopDate",
        "input",
        "inputDetails",
        "output",
        "outputDetails",
        "redriveCount",
        "redriveStatus",
        "redriveStatusReason",
    ];
    let cases: [(&str, &[&str]); 3] = [
        (&sm, &[]),
        (&v1, &["stateMachineVersionArn"]),
        (&prod, &["stateMachineVersionArn", "stateMachineAliasArn"]),
    ];
    for (arn, extra) in cases {
        let e = fx.start(arn);
        fx.succeed(&e, r#"{"done":1}"#);
        let d = fx.describe(&e);
        let expected: Vec<&str> = common.iter().chain(extra.iter()).copied().collect();
        assert_eq!(keys(&d), key_set(&expected), "started through {arn}");
        assert_eq!(d.state_machine_arn.as_str(), sm, "always the unqualified ARN");
        if !extra.is_empty() {
            assert_eq!(
                d.state_machine_version_arn.as_ref().map(ToString::to_string),
                Some(v1.clone())
            );
        }
        if extra.len() == 2 {
            assert_eq!(
                d.state_machine_alias_arn.as_ref().map(ToString::to_string),
                Some(prod.clone())
            );
        }
    }
}

#[test]
fn describe_execution_of_a_succeeded_execution_as_recorded() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.try_start(with_input(&sm, "done", r#"{"in":1}"#)).expect("start");
    let exec = e.execution_arn.to_string();
    fx.succeed(&exec, r#"{"out":2}"#);
    let stop = fx.now();
    let json = to_json(&fx.describe(&exec));
    assert_eq!(
        json,
        json!({
            "executionArn": exec,
            "stateMachineArn": sm,
            "name": "done",
            "status": "SUCCEEDED",
            "startDate": to_json(&e.start_date),
            "stopDate": to_json(&stop),
            "input": r#"{"in":1}"#,
            "inputDetails": {"included": true},
            "output": r#"{"out":2}"#,
            "outputDetails": {"included": true},
            "redriveCount": 0,
            "redriveStatus": "NOT_REDRIVABLE",
            "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven",
        })
    );
}

#[test]
fn describe_execution_redrive_fields_for_each_status() {
    // aws-validation-and-edges.md §2g / §2h item 7: `redriveCount` is always 0, `redriveDate`
    // absent (never redriven); SUCCEEDED (recorded 2024-08-21) and RUNNING (the EventBridge event
    // of 2024-02-07) are NOT_REDRIVABLE with AWS's reason; FAILED (2024-03-06) and TIMED_OUT
    // (2024-03-10) are REDRIVABLE with no reason. ABORTED was not observed: RedriveExecution's
    // documentation redrives "failed, aborted, or timed out" executions, so it is REDRIVABLE too.
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let cases: [(&str, Option<ExecutionOutcome>, bool, Value); 5] = [
        (
            "RUNNING",
            None,
            false,
            json!({"redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE",
                   "redriveStatusReason": "Execution is RUNNING and cannot be redriven"}),
        ),
        (
            "SUCCEEDED",
            Some(ExecutionOutcome::succeeded("{}")),
            false,
            json!({"redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE",
                   "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven"}),
        ),
        (
            "FAILED",
            Some(ExecutionOutcome::failed("E", "c")),
            false,
            json!({"redriveCount": 0, "redriveStatus": "REDRIVABLE"}),
        ),
        (
            "TIMED_OUT",
            Some(ExecutionOutcome::timed_out("States.Timeout", "late")),
            false,
            json!({"redriveCount": 0, "redriveStatus": "REDRIVABLE"}),
        ),
        (
            "ABORTED",
            None,
            true,
            json!({"redriveCount": 0, "redriveStatus": "REDRIVABLE"}),
        ),
    ];
    for (status, outcome, stop, want) in cases {
        let e = fx.start(&sm);
        if let Some(outcome) = outcome {
            fx.end(&e, outcome).expect("end");
        }
        if stop {
            fx.try_stop(&e, None, None).expect("stop");
        }
        let json = to_json(&fx.describe(&e));
        assert_eq!(json["status"], json!(status));
        assert_eq!(members_starting_with(&json, "redrive"), want, "{status}");
    }
}

#[test]
fn describe_execution_of_a_running_execution() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    let d = fx.describe(&e);
    assert_eq!(d.status, ExecutionStatus::Running);
    assert_eq!(d.redrive_count, Some(0));
    assert_eq!(d.redrive_status, Some(ExecutionRedriveStatus::NotRedrivable));
    assert_eq!(
        d.redrive_status_reason.as_deref(),
        Some("Execution is RUNNING and cannot be redriven")
    );
    let json = to_json(&d);
    for absent in ["stopDate", "output", "outputDetails", "error", "cause"] {
        assert!(json.get(absent).is_none(), "{absent} in {json}");
    }
}

#[test]
fn describe_execution_and_history_of_unknown_malformed_and_express_executions() {
    let mut fx = Fx::new();
    fx.create("orders", false);
    let express = fx.create_express("fast", false);
    let running_express = fx.start(&express);
    let unknown = [
        format!("{EXEC_PREFIX}orders:nope"),
        format!("{EXEC_PREFIX}missing:nope"),
    ];
    let reg = &fx.reg;
    type Read<'a> = Box<dyn Fn(&str) -> Result<Value> + 'a>;
    let reads: [(&str, Read<'_>); 3] = [
        (
            "DescribeExecution",
            Box::new(|a| {
                reg.describe_execution(DescribeExecutionInput::new(a))
                    .map(|o| to_json(&o))
            }),
        ),
        (
            "GetExecutionHistory",
            Box::new(|a| {
                reg.get_execution_history(GetExecutionHistoryInput::new(a))
                    .map(|o| to_json(&o))
            }),
        ),
        (
            "DescribeStateMachineForExecution",
            Box::new(|a| {
                reg.describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(a))
                    .map(|o| to_json(&o))
            }),
        ),
    ];
    for (op, read) in &reads {
        for arn in &unknown {
            let e = assert_code(read(arn), ErrorCode::ExecutionDoesNotExist);
            assert_eq!(e.message(), format!("Execution Does Not Exist: '{arn}'"), "{op}");
        }
        let e = assert_code(read("invalid_state_machine_arn"), ErrorCode::InvalidArn);
        assert_eq!(
            e.message(),
            "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
            "{op}"
        );
        let e = assert_code(read(&running_express), ErrorCode::InvalidArn);
        assert_eq!(
            e.message(),
            "Invalid Arn: 'Resource type not valid in this context: express'",
            "{op}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// ListExecutions (§2.12)
// ---------------------------------------------------------------------------------------------

/// `orders` (created with publish: its initial revision is v1) with aliases `prod` and `beta`
/// routing to v1, and executions started unqualified, through v1, through `prod`, through `beta`,
/// through v2 and unqualified again, in that order.
struct Listing {
    fx: Fx,
    sm: String,
    v1: String,
    v2: String,
    prod: String,
    beta: String,
    plain1: String,
    by_v1: String,
    by_prod: String,
    by_beta: String,
    by_v2: String,
    plain2: String,
}

fn listing() -> Listing {
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let v1 = format!("{sm}:1");
    let (v2, _) = fx.update_publish(&sm, "r2");
    let prod = fx.alias("prod", &[(&v1, 100)]);
    let beta = fx.alias("beta", &[(&v1, 100)]);
    // The SM's current revision is v2's; v1 is the initial one.
    let plain1 = fx.start_named(&sm, "plain1");
    let by_v1 = fx.start_named(&v1, "by-v1");
    let by_prod = fx.start_named(&prod, "by-prod");
    let by_beta = fx.start_named(&beta, "by-beta");
    let by_v2 = fx.start_named(&v2, "by-v2");
    let plain2 = fx.start_named(&sm, "plain2");
    Listing {
        fx,
        sm,
        v1,
        v2,
        prod,
        beta,
        plain1,
        by_v1,
        by_prod,
        by_beta,
        by_v2,
        plain2,
    }
}

#[test]
fn list_executions_of_the_unqualified_arn_lists_every_execution_newest_first() {
    let l = listing();
    assert_eq!(
        l.fx.listed(&l.sm),
        [
            l.plain2.as_str(),
            l.by_v2.as_str(),
            l.by_beta.as_str(),
            l.by_prod.as_str(),
            l.by_v1.as_str(),
            l.plain1.as_str()
        ]
    );
    let page = l.fx.list_page(&l.sm, None, None, None).expect("list");
    let items: Vec<Value> = page.executions.iter().map(to_json).collect();
    let base = [
        "executionArn",
        "stateMachineArn",
        "name",
        "status",
        "startDate",
        "redriveCount",
    ];
    for item in &items {
        assert_eq!(item["stateMachineArn"], json!(l.sm));
        assert_eq!(item["redriveCount"], json!(0));
        assert_eq!(item["status"], json!("RUNNING"));
        let arn = item["executionArn"].as_str().expect("arn");
        let expected: Vec<&str> = if *arn == l.plain1 || *arn == l.plain2 {
            base.to_vec()
        } else if *arn == l.by_v1 || *arn == l.by_v2 {
            base.iter().copied().chain(["stateMachineVersionArn"]).collect()
        } else {
            base.iter()
                .copied()
                .chain(["stateMachineVersionArn", "stateMachineAliasArn"])
                .collect()
        };
        assert_eq!(keys(item), key_set(&expected), "{item}");
    }
    let by_prod = items.iter().find(|i| i["name"] == json!("by-prod")).expect("by-prod");
    assert_eq!(by_prod["stateMachineVersionArn"], json!(l.v1));
    assert_eq!(by_prod["stateMachineAliasArn"], json!(l.prod));
    let by_v2 = items.iter().find(|i| i["name"] == json!("by-v2")).expect("by-v2");
    assert_eq!(by_v2["stateMachineVersionArn"], json!(l.v2));
}

#[test]
fn list_executions_of_a_version_lists_those_started_with_it_or_routed_to_it_by_an_alias() {
    // VSNAP test_start_version_execution: not the unqualified execution of the same revision.
    // AWS's documentation (aws-validation-and-edges.md §2f): an alias start is associated "with
    // that alias and the version to which the alias points", so it is listed under the version
    // too (not observed).
    let l = listing();
    assert_eq!(
        l.fx.listed(&l.v1),
        [l.by_beta.as_str(), l.by_prod.as_str(), l.by_v1.as_str()]
    );
    assert_eq!(l.fx.listed(&l.v2), [l.by_v2.as_str()]);
    let page = l.fx.list_page(&l.v1, None, None, None).expect("list");
    let items: Vec<Value> = page.executions.iter().map(to_json).collect();
    for item in &items {
        assert_eq!(item["stateMachineArn"], json!(l.sm));
        assert_eq!(item["stateMachineVersionArn"], json!(l.v1));
    }
    // Each keeps the alias it was started through, as DescribeExecution shows it.
    let aliases: Vec<&Value> = items.iter().map(|i| &i["stateMachineAliasArn"]).collect();
    assert_eq!(aliases, [&json!(l.beta), &json!(l.prod), &Value::Null]);
}

#[test]
fn a_version_lists_what_an_alias_routed_to_it_when_it_started_page_after_page() {
    // The version an alias start runs is pinned when it starts: routing the alias elsewhere
    // later moves nothing between the versions' listings.
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let v1 = format!("{sm}:1");
    let (v2, _) = fx.update_publish(&sm, "r2");
    let prod = fx.alias("prod", &[(&v1, 100)]);
    let mut on_v1 = Vec::new();
    for i in 0..4 {
        on_v1.push(fx.start_named(&prod, &format!("prod-{i}")));
        on_v1.push(fx.start_named(&v1, &format!("v1-{i}")));
        fx.start_named(&sm, &format!("plain-{i}"));
    }
    fx.route_alias(&prod, &[(&v2, 100)]);
    let on_v2 = vec![fx.start_named(&prod, "prod-later"), fx.start_named(&v2, "v2-later")];
    on_v1.reverse();
    assert_eq!(fx.listed(&v1), on_v1);
    assert_eq!(fx.listed(&v2), [on_v2[1].clone(), on_v2[0].clone()]);
    // Page by page, one at a time: each once, newest first.
    let mut paged = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = fx.list_page(&v1, None, Some(1), token.as_deref()).expect("page");
        paged.extend(page.executions.iter().map(|e| e.execution_arn.to_string()));
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(paged, on_v1);
    let mut through_prod = fx.listed(&prod);
    through_prod.sort();
    let mut want: Vec<String> = on_v1
        .iter()
        .chain(&on_v2)
        .filter(|a| a.contains(":prod-"))
        .cloned()
        .collect();
    want.sort();
    assert_eq!(through_prod, want);
}

#[test]
fn list_executions_of_an_alias_lists_only_those_started_through_it() {
    let l = listing();
    assert_eq!(l.fx.listed(&l.prod), [l.by_prod.as_str()]);
    assert_eq!(l.fx.listed(&l.beta), [l.by_beta.as_str()]);
}

#[test]
fn list_executions_status_filter() {
    let mut l = listing();
    l.fx.stop(&l.by_v1);
    l.fx.succeed(&l.by_prod, "{}");
    l.fx.end(&l.by_beta, ExecutionOutcome::failed("E", "C")).expect("fail");
    l.fx.end(&l.by_v2, ExecutionOutcome::timed_out("E", "C"))
        .expect("time out");
    let sm = l.sm.clone();
    let fx = &l.fx;
    assert_eq!(
        fx.listed_with(&sm, Some(ExecutionStatus::Running)),
        [l.plain2.as_str(), l.plain1.as_str()]
    );
    assert_eq!(fx.listed_with(&sm, Some(ExecutionStatus::Aborted)), [l.by_v1.as_str()]);
    assert_eq!(
        fx.listed_with(&sm, Some(ExecutionStatus::Succeeded)),
        [l.by_prod.as_str()]
    );
    assert_eq!(fx.listed_with(&sm, Some(ExecutionStatus::Failed)), [l.by_beta.as_str()]);
    assert_eq!(fx.listed_with(&sm, Some(ExecutionStatus::TimedOut)), [l.by_v2.as_str()]);
    assert_eq!(
        fx.listed_with(&l.v1, Some(ExecutionStatus::Aborted)),
        [l.by_v1.as_str()]
    );
    assert!(fx.listed_with(&l.v1, Some(ExecutionStatus::Running)).is_empty());
    // Routed to v1 by the aliases, they are v1's too.
    assert_eq!(
        fx.listed_with(&l.v1, Some(ExecutionStatus::Succeeded)),
        [l.by_prod.as_str()]
    );
    assert_eq!(
        fx.listed_with(&l.v1, Some(ExecutionStatus::Failed)),
        [l.by_beta.as_str()]
    );
    assert!(fx.listed_with(&l.v2, Some(ExecutionStatus::Succeeded)).is_empty());
    assert_eq!(
        fx.listed_with(&l.prod, Some(ExecutionStatus::Succeeded)),
        [l.by_prod.as_str()]
    );
    // The filtered items carry their stop date.
    let page = fx
        .list_page(&sm, Some(ExecutionStatus::Aborted), None, None)
        .expect("list");
    assert_eq!(page.executions[0].stop_date, fx.describe(&l.by_v1).stop_date);
    assert!(page.executions[0].stop_date.is_some());
}

/// `orders` with 13 executions started through v1 (PSNAP test_list_executions_versions_pagination),
/// plus one unqualified execution listed only under the unqualified ARN.
fn thirteen() -> (Fx, String, String, Vec<String>) {
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let v1 = format!("{sm}:1");
    fx.start(&sm);
    let mut started: Vec<String> = (0..13).map(|_| fx.start(&v1)).collect();
    started.reverse();
    (fx, sm, v1, started)
}

#[test]
fn list_executions_pagination_as_recorded() {
    let (fx, _, v1, newest_first) = thirteen();
    let first = fx.list_page(&v1, None, Some(10), None).expect("first page");
    assert_eq!(first.executions.len(), 10);
    let token = first.next_token.clone().expect("a token after 10 of 13");
    let second = fx.list_page(&v1, None, Some(3), Some(&token)).expect("second page");
    assert_eq!(second.executions.len(), 3);
    assert_eq!(second.next_token, None, "no token on the exhausting page");
    assert!(to_json(&second).get("nextToken").is_none());
    let all: Vec<String> = first
        .executions
        .iter()
        .chain(&second.executions)
        .map(|e| e.execution_arn.to_string())
        .collect();
    assert_eq!(all, newest_first);

    let zero = fx.list_page(&v1, None, Some(0), None).expect("maxResults 0");
    assert_eq!(zero.executions.len(), 13);
    assert_eq!(zero.next_token, None);
}

#[test]
fn list_executions_page_size_and_token_constraints() {
    let (fx, sm, v1, _) = thirteen();
    assert_err(
        fx.list_page(&v1, None, Some(1001), None),
        ErrorCode::ValidationException,
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: \
         Member must have value less than or equal to 1000",
    );
    let long = "a".repeat(3097);
    assert_err(
        fx.list_page(&v1, None, None, Some(&long)),
        ErrorCode::ValidationException,
        &format!(
            "1 validation error detected: Value '{long}' at 'nextToken' failed to satisfy constraint: \
             Member must have length less than or equal to 3096"
        ),
    );
    // 3096 characters pass the constraint (ListExecutions' limit is not 1024): only the token is bad.
    assert_err(
        fx.list_page(&sm, None, None, Some(&"a".repeat(3096))),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
}

#[test]
fn list_executions_refuses_tokens_of_other_lists() {
    let (mut fx, sm, v1, _) = thirteen();
    let other = fx.create("other", false);
    for _ in 0..3 {
        fx.start(&other);
    }
    let version_token = fx
        .list_page(&v1, None, Some(1), None)
        .expect("list")
        .next_token
        .expect("token");
    let filtered_token = fx
        .list_page(&sm, Some(ExecutionStatus::Running), Some(1), None)
        .expect("list")
        .next_token
        .expect("token");
    fx.update_publish(&sm, "r2");
    let mut versions = ListStateMachineVersionsInput::new(&sm);
    versions.max_results = Some(1);
    let versions_token = fx
        .reg
        .list_state_machine_versions(versions)
        .expect("list versions")
        .next_token
        .expect("token");

    let invalid = "Invalid Token: 'Invalid token'";
    assert_err(
        fx.list_page(&sm, None, None, Some(&version_token)),
        ErrorCode::InvalidToken,
        invalid,
    );
    assert_err(
        fx.list_page(&other, None, None, Some(&version_token)),
        ErrorCode::InvalidToken,
        invalid,
    );
    assert_err(
        fx.list_page(&sm, None, None, Some(&filtered_token)),
        ErrorCode::InvalidToken,
        invalid,
    );
    assert_err(
        fx.list_page(&sm, None, None, Some(&versions_token)),
        ErrorCode::InvalidToken,
        invalid,
    );
    assert_err(
        fx.list_page(&sm, None, None, Some("InvalidToken")),
        ErrorCode::InvalidToken,
        invalid,
    );
    // The token works where it came from.
    let page = fx
        .list_page(&v1, None, Some(1), Some(&version_token))
        .expect("own token");
    assert_eq!(page.executions.len(), 1);
}

#[test]
fn list_executions_of_an_express_state_machine_is_state_machine_type_not_supported() {
    // [DOC] "not supported by EXPRESS state machines"; the message is the crate's.
    let mut fx = Fx::new();
    let sm = fx.create_express("fast", true);
    fx.start(&sm);
    for arn in [sm.clone(), format!("{sm}:1")] {
        assert_err(
            fx.list_page(&arn, None, None, None),
            ErrorCode::StateMachineTypeNotSupported,
            "This operation is not supported by EXPRESS state machines",
        );
    }
}

#[test]
fn list_executions_of_an_unknown_or_malformed_arn() {
    // [SNAP] PSNAP test_list_execution_no_such_state_machine / test_list_execution_invalid_arn.
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let missing = format!("{SM_PREFIX}missing");
    assert_err(
        fx.list_page(&missing, None, None, None),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{missing}'"),
    );
    for qualified in [format!("{sm}:3"), format!("{sm}:nope")] {
        assert_err(
            fx.list_page(&qualified, None, None, None),
            ErrorCode::StateMachineDoesNotExist,
            &format!("State Machine Does Not Exist: '{qualified}'"),
        );
    }
    assert_err(
        fx.list_page("invalid_state_machine_arn", None, None, None),
        ErrorCode::InvalidArn,
        "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
    );
}

// ---------------------------------------------------------------------------------------------
// DescribeStateMachineForExecution (§2.12)
// ---------------------------------------------------------------------------------------------

/// §2.12's shape, plus `encryptionConfiguration`, which every recording since 2024-11 shows
/// (aws-validation-and-edges.md §2d; the older ones predate it in the SDK model).
const DSMFE_KEYS: [&str; 8] = [
    "definition",
    "encryptionConfiguration",
    "loggingConfiguration",
    "name",
    "roleArn",
    "stateMachineArn",
    "tracingConfiguration",
    "updateDate",
];

fn dsmfe_keys_with_revision() -> BTreeSet<String> {
    let mut keys = key_set(&DSMFE_KEYS);
    keys.insert("revisionId".to_owned());
    keys
}

#[test]
fn describe_state_machine_for_execution_is_the_revision_the_execution_runs() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let created = fx.now();
    let e1 = fx.start(&sm);
    fx.tick();
    let mut update = UpdateStateMachineInput::new(&sm);
    update.definition = Some(def("r2"));
    update.role_arn = Some(OTHER_ROLE.to_owned());
    let updated = fx.reg.update_state_machine(update).expect("update");
    let e2 = fx.start(&sm);

    let d1 = fx.dsmfe(&e1);
    assert_eq!(
        keys(&d1),
        key_set(&DSMFE_KEYS),
        "no revisionId for the initial revision"
    );
    assert_eq!(d1.state_machine_arn.as_str(), sm);
    assert_eq!(d1.name.to_string(), "orders");
    assert_eq!(d1.definition, def("r1"));
    assert_eq!(d1.role_arn, ROLE);
    assert_eq!(d1.update_date, created);
    assert_eq!(
        to_json(&d1)["encryptionConfiguration"],
        json!({"type": "AWS_OWNED_KEY"})
    );

    let d2 = fx.dsmfe(&e2);
    assert_eq!(keys(&d2), dsmfe_keys_with_revision());
    assert_eq!(d2.definition, def("r2"));
    assert_eq!(d2.role_arn, OTHER_ROLE);
    assert_eq!(d2.revision_id, updated.revision_id);
    assert_eq!(d2.update_date, updated.update_date);
    assert_eq!(
        to_json(&d2)["loggingConfiguration"],
        json!({"includeExecutionData": false, "level": "OFF"})
    );
    assert_eq!(to_json(&d2)["tracingConfiguration"], json!({"enabled": false}));
}

#[test]
fn describe_state_machine_for_execution_of_a_version_execution() {
    // VSNAP test_describe_state_machine_for_execution_of_version(_with_revision).
    let Versioned {
        mut fx, sm, v1, v2, r2, ..
    } = versioned();
    let e1 = fx.start(&v1);
    let e2 = fx.start(&v2);

    let d1 = fx.dsmfe(&e1);
    assert_eq!(d1.state_machine_arn.as_str(), sm, "unqualified, not {v1}");
    assert_eq!(keys(&d1), key_set(&DSMFE_KEYS), "v1 came from the initial revision");
    assert_eq!(d1.definition, def("r1"));

    let d2 = fx.dsmfe(&e2);
    assert_eq!(d2.state_machine_arn.as_str(), sm);
    assert_eq!(keys(&d2), dsmfe_keys_with_revision());
    assert_eq!(d2.definition, def("r2"), "the version's definition, not the current r3");
    assert_eq!(d2.revision_id.map(|r| r.to_string()), Some(r2));
}

#[test]
fn describe_state_machine_for_execution_of_an_alias_execution() {
    // NOT OBSERVED on AWS: the revision of the version the alias picked.
    let Versioned {
        mut fx, sm, v2, r2, r3, ..
    } = versioned();
    let prod = fx.alias("prod", &[(&v2, 100)]);
    let e = fx.start(&prod);
    let d = fx.dsmfe(&e);
    assert_eq!(d.state_machine_arn.as_str(), sm);
    assert_eq!(d.definition, def("r2"));
    assert_eq!(d.revision_id.map(|r| r.to_string()), Some(r2));
    assert_ne!(d.revision_id.map(|r| r.to_string()), Some(r3));
}

// ---------------------------------------------------------------------------------------------
// GetExecutionHistory (§2.12)
// ---------------------------------------------------------------------------------------------

#[test]
fn history_of_an_unqualified_start_as_recorded() {
    // PSNAP test_start_execution.exec_hist_resp.
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let started = fx.try_start(with_input(&sm, "h", r#"{"k":"v"}"#)).expect("start");
    let events = fx.history(&started.execution_arn.to_string());
    assert_eq!(
        to_json(&events),
        json!([{
            "timestamp": to_json(&started.start_date),
            "type": "ExecutionStarted",
            "id": 1,
            "previousEventId": 0,
            "executionStartedEventDetails": {
                "input": r#"{"k":"v"}"#,
                "inputDetails": {"truncated": false},
                "roleArn": ROLE,
            },
        }])
    );
}

#[test]
fn history_of_version_and_alias_starts_names_them() {
    let Versioned { mut fx, v1, .. } = versioned();
    let prod = fx.alias("prod", &[(&v1, 100)]);
    let by_version = fx.start(&v1);
    let by_alias = fx.start(&prod);

    let details = to_json(&fx.history(&by_version)[0].execution_started_event_details);
    assert_eq!(
        keys(&details),
        key_set(&["input", "inputDetails", "roleArn", "stateMachineVersionArn"])
    );
    assert_eq!(details["stateMachineVersionArn"], json!(v1));

    let details = to_json(&fx.history(&by_alias)[0].execution_started_event_details);
    assert_eq!(
        keys(&details),
        key_set(&[
            "input",
            "inputDetails",
            "roleArn",
            "stateMachineVersionArn",
            "stateMachineAliasArn"
        ])
    );
    assert_eq!(details["stateMachineVersionArn"], json!(v1));
    assert_eq!(details["stateMachineAliasArn"], json!(prod));
}

#[test]
fn history_role_is_the_one_the_execution_runs_with() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.tick();
    let mut update = UpdateStateMachineInput::new(&sm);
    update.role_arn = Some(OTHER_ROLE.to_owned());
    fx.reg.update_state_machine(update).expect("update role");
    let later = fx.start(&sm);
    let role = |fx: &Fx, e: &str| {
        fx.history(e)[0]
            .execution_started_event_details
            .clone()
            .and_then(|d| d.role_arn)
    };
    assert_eq!(role(&fx, &e).as_deref(), Some(ROLE));
    assert_eq!(role(&fx, &later).as_deref(), Some(OTHER_ROLE));
}

#[test]
fn history_ends_with_the_terminal_event() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);

    let succeeded = fx.start(&sm);
    fx.succeed(&succeeded, r#"{"r":1}"#);
    let failed = fx.start(&sm);
    fx.end(&failed, ExecutionOutcome::failed("States.TaskFailed", "boom"))
        .expect("fail");
    let timed_out = fx.start(&sm);
    fx.end(&timed_out, ExecutionOutcome::timed_out("States.Timeout", "slow"))
        .expect("time out");
    let aborted = fx.start(&sm);
    fx.try_stop(&aborted, Some("Stop"), Some("by hand")).expect("stop");

    let cases = [
        (
            &succeeded,
            json!({"type": "ExecutionSucceeded",
                   "executionSucceededEventDetails": {"output": r#"{"r":1}"#, "outputDetails": {"truncated": false}}}),
        ),
        (
            &failed,
            json!({"type": "ExecutionFailed",
                   "executionFailedEventDetails": {"error": "States.TaskFailed", "cause": "boom"}}),
        ),
        (
            &timed_out,
            json!({"type": "ExecutionTimedOut",
                   "executionTimedOutEventDetails": {"error": "States.Timeout", "cause": "slow"}}),
        ),
        (
            &aborted,
            json!({"type": "ExecutionAborted",
                   "executionAbortedEventDetails": {"error": "Stop", "cause": "by hand"}}),
        ),
    ];
    for (e, expected) in cases {
        let events = fx.history(e);
        assert_eq!(events.len(), 2, "{e}");
        assert_eq!(events[0].r#type, HistoryEventType::ExecutionStarted);
        let stop = fx.describe(e).stop_date.expect("stopped");
        let mut expected = expected;
        expected["timestamp"] = to_json(&stop);
        expected["id"] = json!(2);
        // What would point at ExecutionStarted points at 0.
        expected["previousEventId"] = json!(0);
        assert_eq!(to_json(&events[1]), expected, "{e}");
    }
}

#[test]
fn history_in_reverse_order() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.succeed(&e, "{}");
    let mut input = GetExecutionHistoryInput::new(&e);
    input.reverse_order = true;
    let events = fx.reg.get_execution_history(input).expect("history").events;
    let order: Vec<(i64, HistoryEventType)> = events.iter().map(|ev| (ev.id, ev.r#type.clone())).collect();
    assert_eq!(
        order,
        [
            (2, HistoryEventType::ExecutionSucceeded),
            (1, HistoryEventType::ExecutionStarted)
        ]
    );
}

#[test]
fn history_without_execution_data_drops_input_and_output() {
    let Versioned { mut fx, v1, .. } = versioned();
    let e = fx
        .try_start(with_input(&v1, "quiet", r#"{"secret":1}"#))
        .expect("start");
    let e = e.execution_arn.to_string();
    fx.succeed(&e, r#"{"secret":2}"#);
    let mut input = GetExecutionHistoryInput::new(&e);
    input.include_execution_data = Some(false);
    let events = fx.reg.get_execution_history(input).expect("history").events;
    let started = to_json(&events[0].execution_started_event_details);
    assert_eq!(
        keys(&started),
        key_set(&["roleArn", "stateMachineVersionArn"]),
        "{started}"
    );
    let succeeded = to_json(&events[1].execution_succeeded_event_details);
    assert!(
        succeeded.get("output").is_none() && succeeded.get("outputDetails").is_none(),
        "{succeeded}"
    );
    assert!(!to_json(&events).to_string().contains("secret"));
}

#[test]
fn history_pagination_one_event_per_page() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.stop(&e);
    for reverse in [false, true] {
        let page = |token: Option<String>| -> GetExecutionHistoryOutput {
            let mut input = GetExecutionHistoryInput::new(&e);
            input.max_results = Some(1);
            input.reverse_order = reverse;
            input.next_token = token;
            fx.reg.get_execution_history(input).expect("history page")
        };
        let first = page(None);
        assert_eq!(first.events.len(), 1);
        let token = first.next_token.clone().expect("a second page");
        let second = page(Some(token));
        assert_eq!(second.events.len(), 1);
        assert_eq!(second.next_token, None);
        let ids = [first.events[0].id, second.events[0].id];
        assert_eq!(ids, if reverse { [2, 1] } else { [1, 2] }, "reverse {reverse}");
    }
}

// ---------------------------------------------------------------------------------------------
// The embedder's side: end_execution
// ---------------------------------------------------------------------------------------------

#[test]
fn end_execution_succeeded_sets_status_stop_date_output_and_history() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.succeed(&e, r#"{"total":3}"#);
    let now = fx.now();
    let d = fx.describe(&e);
    assert_eq!(d.status, ExecutionStatus::Succeeded);
    assert_eq!(d.stop_date, Some(now));
    assert_eq!(d.output.as_deref(), Some(r#"{"total":3}"#));
    assert_eq!(to_json(&d)["outputDetails"], json!({"included": true}));
    assert_eq!(fx.view(&e)["status"], json!("SUCCEEDED"));
    assert_eq!(fx.view(&e)["stopDate"], json!(now.unix_millis()));
    let events = fx.history(&e);
    assert_eq!(events[1].r#type, HistoryEventType::ExecutionSucceeded);
    assert_eq!(events[1].timestamp, now);
}

#[test]
fn end_execution_failed_sets_status_error_and_cause() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.end(&e, ExecutionOutcome::failed("States.TaskFailed", "boom"))
        .expect("fail");
    let now = fx.now();
    let d = fx.describe(&e);
    assert_eq!(d.status, ExecutionStatus::Failed);
    assert_eq!(d.stop_date, Some(now));
    assert_eq!(d.error.as_deref(), Some("States.TaskFailed"));
    assert_eq!(d.cause.as_deref(), Some("boom"));
    assert_eq!(d.redrive_status, Some(ExecutionRedriveStatus::Redrivable));
    let json = to_json(&d);
    assert!(
        json.get("output").is_none() && json.get("outputDetails").is_none(),
        "{json}"
    );
    assert_eq!(fx.history(&e)[1].r#type, HistoryEventType::ExecutionFailed);

    // Without error and cause.
    let bare = fx.start(&sm);
    fx.end(
        &bare,
        ExecutionOutcome::Failed {
            error: None,
            cause: None,
        },
    )
    .expect("fail");
    let json = to_json(&fx.describe(&bare));
    assert_eq!(json["status"], json!("FAILED"));
    assert!(json.get("error").is_none() && json.get("cause").is_none(), "{json}");
}

#[test]
fn end_execution_timed_out_sets_status_and_stop_date() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    fx.end(&e, ExecutionOutcome::timed_out("States.Timeout", "too slow"))
        .expect("time out");
    let d = fx.describe(&e);
    assert_eq!(d.status, ExecutionStatus::TimedOut);
    assert_eq!(d.stop_date, Some(fx.now()));
    assert_eq!(d.error.as_deref(), Some("States.Timeout"));
    assert_eq!(d.cause.as_deref(), Some("too slow"));
    assert_eq!(d.redrive_status, Some(ExecutionRedriveStatus::Redrivable));
    assert_eq!(fx.history(&e)[1].r#type, HistoryEventType::ExecutionTimedOut);
    assert_eq!(fx.view(&e)["status"], json!("TIMED_OUT"));
}

#[test]
fn ending_an_aborted_or_already_ended_execution_is_an_error_and_changes_nothing() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let aborted = fx.start(&sm);
    fx.stop(&aborted);
    let succeeded = fx.start(&sm);
    fx.succeed(&succeeded, "{}");
    let failed = fx.start(&sm);
    fx.end(&failed, ExecutionOutcome::failed("E", "C")).expect("fail");
    let timed_out = fx.start(&sm);
    fx.end(&timed_out, ExecutionOutcome::timed_out("E", "C"))
        .expect("time out");

    for e in [&aborted, &succeeded, &failed, &timed_out] {
        let before = fx.snapshot(e);
        for outcome in [
            ExecutionOutcome::succeeded(r#"{"late":true}"#),
            ExecutionOutcome::failed("Late", "late"),
            ExecutionOutcome::timed_out("Late", "late"),
        ] {
            // The rustdoc of end_execution: ValidationException when it is not running.
            assert_code(fx.end(e, outcome), ErrorCode::ValidationException);
            assert_eq!(fx.snapshot(e), before, "{e}");
        }
    }
}

#[test]
fn end_execution_of_an_unknown_execution_is_execution_does_not_exist() {
    let mut fx = Fx::new();
    fx.create("orders", false);
    for unknown in [
        format!("{EXEC_PREFIX}orders:nope"),
        format!("{EXEC_PREFIX}missing:nope"),
    ] {
        assert_err(
            fx.end(&unknown, ExecutionOutcome::succeeded("{}")),
            ErrorCode::ExecutionDoesNotExist,
            &format!("Execution Does Not Exist: '{unknown}'"),
        );
    }
}

#[test]
fn end_execution_with_a_bad_output_changes_nothing() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", false);
    let e = fx.start(&sm);
    let before = fx.snapshot(&e);
    assert_code(
        fx.end(&e, ExecutionOutcome::succeeded("not json")),
        ErrorCode::InvalidOutput,
    );
    assert_eq!(fx.snapshot(&e), before);
    let too_large = format!("\"{}\"", "a".repeat(MAX_INPUT_BYTES - 1));
    assert_code(
        fx.end(&e, ExecutionOutcome::succeeded(too_large)),
        ErrorCode::ValidationException,
    );
    assert_eq!(fx.snapshot(&e), before);
    let largest = format!("\"{}\"", "a".repeat(MAX_INPUT_BYTES - 2));
    fx.end(&e, ExecutionOutcome::succeeded(largest.clone()))
        .expect("256 KiB output");
    assert_eq!(fx.describe(&e).output, Some(largest));
}

#[test]
fn an_express_execution_is_readable_by_the_embedder_until_it_ends() {
    let mut fx = Fx::new();
    let sm = fx.create_express("fast", true);
    let v1 = format!("{sm}:1");
    let e = fx.try_start(with_input(&v1, "run", r#"{"n":1}"#)).expect("start");
    let exec = e.execution_arn.to_string();
    let view = fx.view(&exec);
    assert_eq!(view["definition"], json!(def("r1")));
    assert_eq!(view["roleArn"], json!(ROLE));
    assert_eq!(view["version"], json!(v1));
    assert_eq!(view["input"], json!(r#"{"n":1}"#));
    assert_eq!(view["status"], json!("RUNNING"));
    assert_eq!(view["startDate"], json!(e.start_date.unix_millis()));
    fx.end(&exec, ExecutionOutcome::succeeded("{}")).expect("end");
    assert_eq!(fx.view(&exec), Value::Null);
}

#[test]
fn deleting_a_version_never_terminates_its_running_executions() {
    let Versioned { mut fx, v1, .. } = versioned();
    let e = fx.start(&v1);
    fx.reg
        .delete_state_machine_version(DeleteStateMachineVersionInput::new(&v1))
        .expect("delete version");
    let d = fx.describe(&e);
    assert_eq!(d.status, ExecutionStatus::Running);
    assert_eq!(d.stop_date, None);
    assert_eq!(d.state_machine_version_arn.map(|v| v.to_string()), Some(v1.clone()));
    assert_eq!(fx.view(&e)["definition"], json!(def("r1")));
    assert_eq!(fx.history(&e).len(), 1);
    fx.succeed(&e, "{}");
    assert_eq!(fx.describe(&e).status, ExecutionStatus::Succeeded);
}

// ---------------------------------------------------------------------------------------------
// DeleteStateMachine with running executions (§2.13)
// ---------------------------------------------------------------------------------------------

/// `orders` with v1, alias `prod`, two running executions and one that ended, after
/// DeleteStateMachine.
struct Deleting {
    fx: Fx,
    sm: String,
    v1: String,
    prod: String,
    running: [String; 2],
    ended: String,
}

fn deleting() -> Deleting {
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let v1 = format!("{sm}:1");
    let prod = fx.alias("prod", &[(&v1, 100)]);
    let running = [fx.start(&sm), fx.start(&prod)];
    let ended = fx.start(&v1);
    fx.succeed(&ended, "{}");
    fx.tick();
    fx.reg
        .delete_state_machine(DeleteStateMachineInput::new(&sm))
        .expect("delete state machine");
    Deleting {
        fx,
        sm,
        v1,
        prod,
        running,
        ended,
    }
}

fn deleting_error(sm: &str) -> String {
    // The message is NOT OBSERVED; the crate's wording.
    format!("State Machine Is Being Deleted: '{sm}'")
}

#[test]
fn delete_with_running_executions_leaves_the_state_machine_deleting() {
    let d = deleting();
    let described =
        d.fx.reg
            .describe_state_machine(DescribeStateMachineInput::new(&d.sm))
            .expect("still there");
    assert_eq!(described.status, Some(StateMachineStatus::Deleting));
    // Its executions stay readable, and say why they cannot be redriven.
    for e in d.running.iter().chain([&d.ended]) {
        let described = d.fx.describe(e);
        assert_eq!(described.redrive_status, Some(ExecutionRedriveStatus::NotRedrivable));
        assert_eq!(
            described.redrive_status_reason.as_deref(),
            Some("State machine is in DELETING status")
        );
    }
    assert_eq!(d.fx.listed(&d.sm).len(), 3);
}

#[test]
fn start_execution_on_a_deleting_state_machine_is_state_machine_deleting() {
    let mut d = deleting();
    let message = deleting_error(&d.sm);
    for arn in [d.sm.clone(), d.v1.clone(), d.prod.clone()] {
        assert_err(
            d.fx.try_start(StartExecutionInput::new(&arn)),
            ErrorCode::StateMachineDeleting,
            &message,
        );
    }
    assert_eq!(d.fx.listed(&d.sm).len(), 3);
}

#[test]
fn update_state_machine_on_a_deleting_state_machine_is_state_machine_deleting() {
    let mut d = deleting();
    let mut update = UpdateStateMachineInput::new(&d.sm);
    update.definition = Some(def("r2"));
    assert_err(
        d.fx.reg.update_state_machine(update),
        ErrorCode::StateMachineDeleting,
        &deleting_error(&d.sm),
    );
    let described =
        d.fx.reg
            .describe_state_machine(DescribeStateMachineInput::new(&d.sm))
            .expect("still there");
    assert_eq!(described.definition, def("r1"));
    assert_eq!(described.revision_id, None);
}

#[test]
fn other_writes_on_a_deleting_state_machine_are_state_machine_deleting() {
    let mut d = deleting();
    let message = deleting_error(&d.sm);
    assert_err(
        d.fx.reg
            .publish_state_machine_version(PublishStateMachineVersionInput::new(&d.sm)),
        ErrorCode::StateMachineDeleting,
        &message,
    );
    assert_err(
        d.fx.reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("beta", vec![route(&d.v1, 100)])),
        ErrorCode::StateMachineDeleting,
        &message,
    );
    let mut update = UpdateStateMachineAliasInput::new(&d.prod);
    update.description = Some("new".to_owned());
    assert_err(
        d.fx.reg.update_state_machine_alias(update),
        ErrorCode::StateMachineDeleting,
        &message,
    );
    assert_err(
        d.fx.reg
            .create_state_machine(CreateStateMachineInput::new("orders", def("r1"), ROLE)),
        ErrorCode::StateMachineDeleting,
        &message,
    );
}

#[test]
fn a_deleting_state_machine_goes_when_its_last_running_execution_is_stopped() {
    let mut d = deleting();
    d.fx.stop(&d.running[0]);
    let still =
        d.fx.reg
            .describe_state_machine(DescribeStateMachineInput::new(&d.sm))
            .expect("one execution still runs");
    assert_eq!(still.status, Some(StateMachineStatus::Deleting));
    d.fx.stop(&d.running[1]);
    assert_gone(&mut d);
}

#[test]
fn a_deleting_state_machine_goes_when_its_last_running_execution_ends() {
    let mut d = deleting();
    d.fx.end(&d.running[1], ExecutionOutcome::failed("E", "C"))
        .expect("fail");
    assert!(
        d.fx.reg
            .describe_state_machine(DescribeStateMachineInput::new(&d.sm))
            .is_ok()
    );
    d.fx.succeed(&d.running[0], "{}");
    assert_gone(&mut d);
}

/// The state machine is gone with its versions, aliases and executions; its name is free again.
#[track_caller]
fn assert_gone(d: &mut Deleting) {
    let fx = &mut d.fx;
    for arn in [&d.sm, &d.v1] {
        assert_err(
            fx.reg.describe_state_machine(DescribeStateMachineInput::new(arn)),
            ErrorCode::StateMachineDoesNotExist,
            &format!("State Machine Does Not Exist: '{arn}'"),
        );
    }
    assert_code(
        fx.reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&d.prod)),
        ErrorCode::ResourceNotFound,
    );
    for arn in [&d.sm, &d.v1, &d.prod] {
        assert_err(
            fx.try_start(StartExecutionInput::new(arn)),
            ErrorCode::StateMachineDoesNotExist,
            &format!("State Machine Does Not Exist: '{arn}'"),
        );
    }
    for e in d.running.iter().chain([&d.ended]) {
        assert_err(
            fx.reg.describe_execution(DescribeExecutionInput::new(e)),
            ErrorCode::ExecutionDoesNotExist,
            &format!("Execution Does Not Exist: '{e}'"),
        );
        assert_eq!(fx.view(e), Value::Null);
    }
    let listed = fx
        .reg
        .list_state_machines(ListStateMachinesInput::new())
        .expect("list state machines");
    assert!(listed.state_machines.is_empty(), "{listed:?}");

    // A new state machine of the same name starts afresh.
    let sm = fx.create("orders", false);
    assert_eq!(sm, d.sm);
    let versions = fx
        .reg
        .list_state_machine_versions(ListStateMachineVersionsInput::new(&sm))
        .expect("list versions");
    assert!(versions.state_machine_versions.is_empty());
    let aliases = fx
        .reg
        .list_state_machine_aliases(ListStateMachineAliasesInput::new(&sm))
        .expect("list aliases");
    assert!(aliases.state_machine_aliases.is_empty());
    assert!(fx.listed(&sm).is_empty());
}

#[test]
fn a_state_machine_without_running_executions_goes_at_once() {
    let mut fx = Fx::new();
    let sm = fx.create("orders", true);
    let e = fx.start(&sm);
    fx.stop(&e);
    fx.reg
        .delete_state_machine(DeleteStateMachineInput::new(&sm))
        .expect("delete");
    assert_err(
        fx.reg.describe_state_machine(DescribeStateMachineInput::new(&sm)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{sm}'"),
    );
    let v1 = format!("{sm}:1");
    assert_code(
        fx.reg.describe_state_machine(DescribeStateMachineInput::new(&v1)),
        ErrorCode::StateMachineDoesNotExist,
    );

    let never_ran = fx.create("idle", false);
    fx.reg
        .delete_state_machine(DeleteStateMachineInput::new(&never_ran))
        .expect("delete");
    assert_code(
        fx.reg
            .describe_state_machine(DescribeStateMachineInput::new(&never_ran)),
        ErrorCode::StateMachineDoesNotExist,
    );
}

/// An express state machine goes at once, running executions or not: AWS documents its deletion
/// as eventual, and no API can stop an express execution, so waiting for them could block the
/// name forever.
#[test]
fn an_express_state_machine_is_deleted_at_once_even_with_a_running_execution() {
    let mut fx = Fx::new();
    let sm = fx.create_express("fast", false);
    let e = fx.start(&sm);
    fx.reg
        .delete_state_machine(DeleteStateMachineInput::new(&sm))
        .expect("delete");
    assert_code(
        fx.reg.describe_state_machine(DescribeStateMachineInput::new(&sm)),
        ErrorCode::StateMachineDoesNotExist,
    );
    assert_code(
        fx.end(&e, ExecutionOutcome::succeeded("{}")),
        ErrorCode::ExecutionDoesNotExist,
    );
    fx.create_express("fast", false);
}
