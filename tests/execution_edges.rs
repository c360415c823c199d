//! Execution edge cases: generated names never clobber a chosen one, idempotent replays draw no
//! randomness, ListExecutions' filters and Map Run arguments, the members StartExecution and
//! StopExecution bound, the embedder's state events and its list of running executions.

use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DescribeExecutionInput, ExecutionRedriveFilter,
    ExecutionStatus, GetExecutionHistoryInput, HistoryEventType, ListExecutionsInput, RoutingConfigurationListItem,
    StartExecutionInput, StateMachineType, StopExecutionInput, UpdateStateMachineInput,
};
use sfn_registry::{
    ErrorCode, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, StateEvent, StateType,
    Timestamp,
};

mod common;
use common::assert_err;

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn registry(seed: u64) -> InMemoryRegistry {
    InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(seed)
        .build()
        .unwrap()
}

/// `orders` with versions 1 and 2 and an alias `PROD` routing 50/50.
fn with_alias(seed: u64) -> InMemoryRegistry {
    let mut reg = registry(seed);
    let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    create.publish = true;
    reg.create_state_machine(create).unwrap();
    let mut update = UpdateStateMachineInput::new(SM);
    update.definition = Some(def("r2"));
    update.publish = true;
    reg.update_state_machine(update).unwrap();
    reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
        "PROD",
        vec![
            RoutingConfigurationListItem::new(format!("{SM}:1"), 50),
            RoutingConfigurationListItem::new(format!("{SM}:2"), 50),
        ],
    ))
    .unwrap();
    reg
}

fn start(reg: &mut InMemoryRegistry, target: &str, name: Option<&str>, input: Option<&str>) -> ExecutionRef {
    let mut request = StartExecutionInput::new(target);
    request.name = name.map(str::to_owned);
    request.input = input.map(str::to_owned);
    reg.start_execution(request).unwrap().execution_arn
}

fn version_of(reg: &InMemoryRegistry, arn: &ExecutionRef) -> String {
    reg.execution(arn)
        .unwrap()
        .version()
        .map(|v| v.to_string())
        .unwrap_or_default()
}

#[test]
fn a_generated_name_is_drawn_again_while_it_is_taken() {
    // Learn the first name seed 5 generates, then take it before the registry draws it.
    let mut probe = registry(5);
    probe
        .create_state_machine(CreateStateMachineInput::new("orders", def("r1"), ROLE))
        .unwrap();
    let generated = start(&mut probe, SM, None, None).execution_name().to_owned();

    let mut reg = registry(5);
    reg.create_state_machine(CreateStateMachineInput::new("orders", def("r1"), ROLE))
        .unwrap();
    let chosen = start(&mut reg, SM, Some(&generated), Some(r#"{"who":"user"}"#));
    let drawn = start(&mut reg, SM, None, None);
    assert_ne!(drawn, chosen, "the generated name must not reuse a taken one");
    let user = reg.describe_execution(DescribeExecutionInput::new(&chosen)).unwrap();
    assert_eq!(user.input.as_deref(), Some(r#"{"who":"user"}"#));
    let listed = reg.list_executions(ListExecutionsInput::new(SM)).unwrap();
    assert_eq!(listed.executions.len(), 2);
}

#[test]
fn an_idempotent_start_through_an_alias_draws_no_roll() {
    let mut a = with_alias(9);
    let mut b = with_alias(9);
    let first = start(&mut a, &format!("{SM}:PROD"), Some("same"), None);
    start(&mut b, &format!("{SM}:PROD"), Some("same"), None);
    // `a` replays the start (same name and input: the same answer) before the next starts.
    assert_eq!(start(&mut a, &format!("{SM}:PROD"), Some("same"), None), first);
    let picks = |reg: &mut InMemoryRegistry| -> Vec<String> {
        (0..20)
            .map(|_| {
                let arn = start(reg, &format!("{SM}:PROD"), None, None);
                version_of(reg, &arn)
            })
            .collect()
    };
    assert_eq!(picks(&mut a), picks(&mut b));
}

#[test]
fn list_executions_status_filter_and_redrive_filter() {
    let mut reg = with_alias(2);
    let mut arns = Vec::new();
    for i in 0..9 {
        arns.push(start(&mut reg, SM, Some(&format!("e{i}")), None));
    }
    reg.end_execution(&arns[1], ExecutionOutcome::succeeded("{}")).unwrap();
    reg.end_execution(&arns[4], ExecutionOutcome::failed("E", "c")).unwrap();
    reg.stop_execution(StopExecutionInput::new(&arns[7])).unwrap();
    let names = |status: Option<ExecutionStatus>, page: i32| {
        let mut names = Vec::new();
        let mut request = ListExecutionsInput::new(SM);
        request.status_filter = status;
        request.max_results = Some(page);
        loop {
            let out = reg.list_executions(request.clone()).unwrap();
            names.extend(out.executions.iter().map(|e| e.name.to_string()));
            match out.next_token {
                Some(token) => request.next_token = Some(token),
                None => return names,
            }
        }
    };
    assert_eq!(
        names(Some(ExecutionStatus::Running), 2),
        ["e8", "e6", "e5", "e3", "e2", "e0"]
    );
    assert_eq!(names(Some(ExecutionStatus::Succeeded), 1), ["e1"]);
    assert_eq!(names(Some(ExecutionStatus::Failed), 5), ["e4"]);
    assert_eq!(names(Some(ExecutionStatus::Aborted), 0), ["e7"]);
    assert_eq!(names(Some(ExecutionStatus::TimedOut), 3), Vec::<String>::new());
    assert_eq!(names(None, 4).len(), 9);

    let mut request = ListExecutionsInput::new(SM);
    request.redrive_filter = Some(ExecutionRedriveFilter::Redriven);
    assert!(
        reg.list_executions(request).unwrap().executions.is_empty(),
        "nothing here was ever redriven"
    );
    let mut request = ListExecutionsInput::new(SM);
    request.redrive_filter = Some(ExecutionRedriveFilter::NotRedriven);
    assert_eq!(reg.list_executions(request).unwrap().executions.len(), 9);

    let mut request = ListExecutionsInput::new(SM);
    request.status_filter = Some(ExecutionStatus::PendingRedrive);
    assert_err(
        reg.list_executions(request),
        ErrorCode::ValidationException,
        "The PENDING_REDRIVE status filter can only be used with a mapRunArn",
    );
}

#[test]
fn list_executions_of_a_map_run_or_of_nothing() {
    let reg = with_alias(2);
    let map_run = format!(
        "arn:aws:states:us-east-1:123456789012:mapRun:orders/fanout:{}",
        "0".repeat(8)
    );
    let mut request = ListExecutionsInput::default();
    request.map_run_arn = Some(map_run.clone());
    assert_err(
        reg.list_executions(request),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{map_run}'"),
    );

    let mut both = ListExecutionsInput::new(SM);
    both.map_run_arn = Some(map_run);
    let only_one = "Exactly one of stateMachineArn and mapRunArn must be specified";
    assert_err(reg.list_executions(both), ErrorCode::ValidationException, only_one);
    assert_err(
        reg.list_executions(ListExecutionsInput::default()),
        ErrorCode::ValidationException,
        only_one,
    );
}

#[test]
fn start_and_stop_bound_their_members() {
    let mut reg = with_alias(2);
    let mut request = StartExecutionInput::new(SM);
    request.trace_header = Some("x".repeat(257));
    assert_err(
        reg.start_execution(request),
        ErrorCode::ValidationException,
        &format!(
            "1 validation error detected: Value '{}' at 'traceHeader' failed to satisfy constraint: Member must have \
             length less than or equal to 256",
            "x".repeat(257)
        ),
    );
    let mut request = StartExecutionInput::new(SM);
    request.trace_header = Some("Root=é".into());
    assert_err(
        reg.start_execution(request),
        ErrorCode::ValidationException,
        r"1 validation error detected: Value 'Root=é' at 'traceHeader' failed to satisfy constraint: Member must satisfy regular expression pattern: \p{ASCII}*",
    );
    let mut request = StartExecutionInput::new(SM);
    request.trace_header = Some("Root=1-5759e988-bd862e3fe1be46a994272793".into());
    let arn = reg.start_execution(request).unwrap().execution_arn;
    let described = reg.describe_execution(DescribeExecutionInput::new(&arn)).unwrap();
    assert_eq!(
        described.trace_header.as_deref(),
        Some("Root=1-5759e988-bd862e3fe1be46a994272793")
    );

    let mut stop = StopExecutionInput::new(&arn);
    stop.error = Some("e".repeat(257));
    stop.cause = Some("c".repeat(32_769));
    assert_err(
        reg.stop_execution(stop),
        ErrorCode::ValidationException,
        "2 validation errors detected: Value at 'error' failed to satisfy constraint: Member must have length less \
         than or equal to 256; Value at 'cause' failed to satisfy constraint: Member must have length less than or \
         equal to 32768",
    );
    let mut stop = StopExecutionInput::new(&arn);
    stop.error = Some("e".repeat(256));
    stop.cause = Some("c".repeat(32_768));
    reg.stop_execution(stop).unwrap();
}

#[test]
fn the_embedder_reports_state_events_into_the_history() {
    let mut reg = with_alias(2);
    let arn = start(&mut reg, SM, Some("run"), Some(r#"{"n":1}"#));
    let entered = StateEvent::entered(StateType::Pass, "A", r#"{"n":1}"#);
    let exited = StateEvent::exited(StateType::Pass, "A", r#""r1""#);
    reg.record_state_event(&arn, entered).unwrap();
    reg.record_state_event(&arn, exited).unwrap();
    let bad_exit = StateEvent::exited(StateType::Fail, "F", "{}");
    assert_err(
        reg.record_state_event(&arn, bad_exit),
        ErrorCode::ValidationException,
        "A Fail state has no exited event",
    );
    let not_json = StateEvent::entered(StateType::Task, "T", "{");
    assert_eq!(
        reg.record_state_event(&arn, not_json).unwrap_err().code(),
        ErrorCode::ValidationException
    );
    reg.end_execution(&arn, ExecutionOutcome::succeeded(r#""r1""#)).unwrap();

    let history = reg.get_execution_history(GetExecutionHistoryInput::new(&arn)).unwrap();
    let summary: Vec<(HistoryEventType, i64, Option<i64>)> = history
        .events
        .iter()
        .map(|e| (e.r#type.clone(), e.id, e.previous_event_id))
        .collect();
    assert_eq!(
        summary,
        [
            (HistoryEventType::ExecutionStarted, 1, Some(0)),
            (HistoryEventType::PassStateEntered, 2, Some(0)),
            (HistoryEventType::PassStateExited, 3, Some(2)),
            (HistoryEventType::ExecutionSucceeded, 4, Some(3)),
        ]
    );
    let entered = history.events[1].state_entered_event_details.as_ref().unwrap();
    assert_eq!(
        (entered.name.as_str(), entered.input.as_deref()),
        ("A", Some(r#"{"n":1}"#))
    );
    let exited = history.events[2].state_exited_event_details.as_ref().unwrap();
    assert_eq!((exited.name.as_str(), exited.output.as_deref()), ("A", Some(r#""r1""#)));

    let mut without_data = GetExecutionHistoryInput::new(&arn);
    without_data.include_execution_data = Some(false);
    without_data.reverse_order = true;
    let history = reg.get_execution_history(without_data).unwrap();
    assert_eq!(history.events[1].r#type, HistoryEventType::PassStateExited);
    assert_eq!(
        history.events[1].state_exited_event_details.as_ref().unwrap().output,
        None
    );

    let ended = StateEvent::entered(StateType::Pass, "B", "{}");
    assert_err(
        reg.record_state_event(&arn, ended),
        ErrorCode::ValidationException,
        &format!("Execution '{arn}' is not running: it is SUCCEEDED"),
    );
}

#[test]
fn running_executions_lists_what_the_embedder_must_run() {
    let mut reg = with_alias(2);
    let a = start(&mut reg, SM, Some("a"), None);
    let b = start(&mut reg, SM, Some("b"), None);
    let c = start(&mut reg, &format!("{SM}:PROD"), Some("c"), None);
    let mut express = CreateStateMachineInput::new("fast", def("e"), ROLE);
    express.r#type = Some(StateMachineType::Express);
    let fast = reg.create_state_machine(express).unwrap().state_machine_arn;
    let x = start(&mut reg, fast.as_str(), None, None);
    reg.end_execution(&b, ExecutionOutcome::succeeded("{}")).unwrap();

    let running: Vec<ExecutionRef> = reg.running_executions().map(|e| e.arn().clone()).collect();
    assert_eq!(running, [a, c.clone(), x.clone()]);
    let view = reg.running_executions().find(|e| *e.arn() == c).unwrap();
    assert_eq!(view.alias().map(ToString::to_string), Some(format!("{SM}:PROD")));
    reg.end_execution(&x, ExecutionOutcome::succeeded("{}")).unwrap();
    assert_eq!(reg.running_executions().count(), 2);
}

#[test]
fn express_executions_end_five_minutes_after_they_start() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let mut reg = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(3)
        .build()
        .unwrap();
    let mut express = CreateStateMachineInput::new("fast", def("e"), ROLE);
    express.r#type = Some(StateMachineType::Express);
    let fast = reg.create_state_machine(express).unwrap().state_machine_arn;
    let old = start(&mut reg, fast.as_str(), None, None);
    clock.advance_millis(60_000);
    let young = start(&mut reg, fast.as_str(), None, None);

    // One millisecond short of five minutes, the first still runs.
    clock.advance_millis(4 * 60_000 - 1);
    let running: Vec<ExecutionRef> = reg.running_executions().map(|e| e.arn().clone()).collect();
    assert_eq!(running, [old.clone(), young.clone()]);
    reg.record_state_event(&old, StateEvent::entered(StateType::Pass, "A", "{}"))
        .unwrap();

    // At five minutes it is gone (AWS would have timed it out): not running, not found, and
    // the embedder can no longer report on it. The younger one still runs.
    clock.advance_millis(1);
    assert!(reg.execution(&old).is_none());
    let running: Vec<ExecutionRef> = reg.running_executions().map(|e| e.arn().clone()).collect();
    assert_eq!(running, std::slice::from_ref(&young));
    let gone = format!("Execution Does Not Exist: '{old}'");
    assert_err(
        reg.end_execution(&old, ExecutionOutcome::succeeded("{}")),
        ErrorCode::ExecutionDoesNotExist,
        &gone,
    );
    assert_err(
        reg.record_state_event(&old, StateEvent::entered(StateType::Pass, "B", "{}")),
        ErrorCode::ExecutionDoesNotExist,
        &gone,
    );

    // The next express start forgets it for good: the snapshot no longer holds it.
    assert!(
        reg.snapshot()
            .to_json()
            .windows(old.as_str().len())
            .any(|w| w == old.as_str().as_bytes())
    );
    let next = start(&mut reg, fast.as_str(), None, None);
    let json = reg.snapshot().to_json();
    assert!(!json.windows(old.as_str().len()).any(|w| w == old.as_str().as_bytes()));
    let running: Vec<ExecutionRef> = reg.running_executions().map(|e| e.arn().clone()).collect();
    assert_eq!(running, [young, next]);
}

#[test]
fn execution_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ExecutionRef>();
    send_sync::<ExecutionOutcome>();
    send_sync::<StateEvent>();
    send_sync::<sfn_registry::ExecutionView<'static>>();
    send_sync::<sfn_registry::dto::HistoryEvent>();
    send_sync::<sfn_registry::dto::StartExecutionInput>();
    send_sync::<sfn_registry::dto::StartExecutionOutput>();
    send_sync::<sfn_registry::dto::DescribeExecutionOutput>();
    send_sync::<sfn_registry::dto::ListExecutionsOutput>();
    send_sync::<sfn_registry::dto::GetExecutionHistoryOutput>();
    send_sync::<sfn_registry::dto::DescribeStateMachineForExecutionOutput>();
    send_sync::<sfn_registry::Snapshot>();
    send_sync::<sfn_registry::Change>();
    send_sync::<sfn_registry::RoutingErrorKind>();
    send_sync::<sfn_registry::SnapshotError>();
    send_sync::<sfn_registry::SnapshotErrorKind>();
    send_sync::<sfn_registry::InMemoryRegistryBuilder>();
    send_sync::<sfn_registry::StateType>();
    send_sync::<sfn_registry::Error>();
    send_sync::<sfn_registry::ArnError>();
    send_sync::<sfn_registry::NameError>();
    send_sync::<sfn_registry::RoutingError>();
    send_sync::<sfn_registry::JsonResponse>();
    send_sync::<sfn_registry::Operation>();
}
