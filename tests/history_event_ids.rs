//! GetExecutionHistory's `previousEventId`, pinned against the histories AWS recorded
//! (aws-validation-and-edges.md §2b, §2h item 2): `ExecutionStarted` and the first state entered
//! point at 0, each later state event at the event before it, `ExecutionSucceeded` and
//! `ExecutionFailed` at the event before them, `ExecutionAborted` where the entry of the state it
//! stopped in points. The embedder reports only the state events; the registry numbers them.
//! `reverseOrder` and pages of any size give every event the same value.

use sfn_registry::dto::{
    CreateStateMachineInput, GetExecutionHistoryInput, HistoryEvent, StartExecutionInput, StopExecutionInput,
};
use sfn_registry::{
    ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, StateEvent, StateType, Timestamp,
    handle_json,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const DEFINITION: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;

/// What the embedder does while the execution runs.
#[derive(Clone, Copy)]
enum Do {
    Enter(StateType, &'static str),
    Exit(StateType, &'static str),
    Succeed,
    Fail,
    TimeOut,
    Stop,
}

/// Runs `steps` on a new execution; its history as `(id, type, previousEventId)`.
fn history_of(steps: &[Do]) -> Vec<(i64, String, i64)> {
    let (mut reg, arn) = started();
    for step in steps {
        match *step {
            Do::Enter(kind, name) => reg.record_state_event(&arn, StateEvent::entered(kind, name, "{}")),
            Do::Exit(kind, name) => reg.record_state_event(&arn, StateEvent::exited(kind, name, "{}")),
            Do::Succeed => reg.end_execution(&arn, ExecutionOutcome::succeeded("{}")),
            Do::Fail => reg.end_execution(&arn, ExecutionOutcome::failed("States.Fail", "it failed")),
            Do::TimeOut => reg.end_execution(&arn, ExecutionOutcome::timed_out("States.Timeout", "late")),
            Do::Stop => reg.stop_execution(StopExecutionInput::new(arn.as_str())).map(drop),
        }
        .expect("the step is accepted");
    }
    summary(&all_events(&reg, &arn, false, 1000))
}

fn started() -> (InMemoryRegistry, ExecutionRef) {
    let mut reg = InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(5)
        .build()
        .expect("a registry");
    let sm = reg
        .create_state_machine(CreateStateMachineInput::new("jobs", DEFINITION, ROLE))
        .expect("create")
        .state_machine_arn;
    let arn = reg
        .start_execution(StartExecutionInput::new(&sm))
        .expect("start")
        .execution_arn;
    (reg, arn)
}

/// Every event, page after page of `page_size`.
fn all_events(reg: &InMemoryRegistry, arn: &ExecutionRef, reverse: bool, page_size: i32) -> Vec<HistoryEvent> {
    let mut events = Vec::new();
    let mut token = None;
    loop {
        let mut input = GetExecutionHistoryInput::new(arn.as_str());
        input.reverse_order = reverse;
        input.max_results = Some(page_size);
        input.next_token = token;
        let page = reg.get_execution_history(input).expect("history");
        events.extend(page.events);
        match page.next_token {
            Some(t) => token = Some(t),
            None => return events,
        }
    }
}

fn summary(events: &[HistoryEvent]) -> Vec<(i64, String, i64)> {
    events
        .iter()
        .map(|e| {
            let previous = e.previous_event_id.expect("previousEventId is always present");
            (e.id, e.r#type.as_str().to_owned(), previous)
        })
        .collect()
}

/// A label, what the embedder does, and the history wanted as `(id, type, previousEventId)`.
type Case = (&'static str, Vec<Do>, Vec<(i64, &'static str, i64)>);

fn expect(events: &[(i64, &str, i64)]) -> Vec<(i64, String, i64)> {
    events.iter().map(|&(id, t, p)| (id, t.to_owned(), p)).collect()
}

use Do::{Enter, Exit, Fail, Stop, Succeed, TimeOut};
use StateType::{Choice, Fail as FailState, Map, Pass, Succeed as SucceedState, Task, Wait};

#[test]
fn recorded_histories() {
    let cases: Vec<Case> = vec![
        (
            // test_sfn_api.py::test_start_execution (2024-06-30).
            "one Pass state",
            vec![Enter(Pass, "A"), Exit(Pass, "A"), Succeed],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "PassStateEntered", 0),
                (3, "PassStateExited", 2),
                (4, "ExecutionSucceeded", 3),
            ],
        ),
        (
            // base/test_base.py::test_state_fail (2024-03-06).
            "a Fail state",
            vec![Enter(FailState, "F"), Fail],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "FailStateEntered", 0),
                (3, "ExecutionFailed", 2),
            ],
        ),
        (
            // base/test_wait.py::test_timestamp_too_far_in_future_boundary (2023-12-13).
            "a Wait state that fails",
            vec![Enter(Wait, "W"), Fail],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "WaitStateEntered", 0),
                (3, "ExecutionFailed", 2),
            ],
        ),
        (
            // test_sfn_api.py::test_stop_execution (2024-05-06): no WaitStateExited is written,
            // and ExecutionAborted points at 0, not at the WaitStateEntered before it.
            "a Wait state stopped",
            vec![Enter(Wait, "W"), Stop],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "WaitStateEntered", 0),
                (3, "ExecutionAborted", 0),
            ],
        ),
        (
            // Later states enter from the previous state's exit; exits from their own entry.
            "Pass, Choice, Task, Succeed",
            vec![
                Enter(Pass, "A"),
                Exit(Pass, "A"),
                Enter(Choice, "C"),
                Exit(Choice, "C"),
                Enter(Task, "T"),
                Exit(Task, "T"),
                Enter(SucceedState, "S"),
                Exit(SucceedState, "S"),
                Succeed,
            ],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "PassStateEntered", 0),
                (3, "PassStateExited", 2),
                (4, "ChoiceStateEntered", 3),
                (5, "ChoiceStateExited", 4),
                (6, "TaskStateEntered", 5),
                (7, "TaskStateExited", 6),
                (8, "SucceedStateEntered", 7),
                (9, "SucceedStateExited", 8),
                (10, "ExecutionSucceeded", 9),
            ],
        ),
    ];
    for (label, steps, want) in cases {
        assert_eq!(history_of(&steps), expect(&want), "{label}");
    }
}

#[test]
fn not_recorded_histories_follow_the_same_causes() {
    let cases: Vec<Case> = vec![
        (
            // The stopped state's entry points at the previous state's exit: so does the abort.
            "stopped in the second state",
            vec![Enter(Pass, "A"), Exit(Pass, "A"), Enter(Wait, "W"), Stop],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "PassStateEntered", 0),
                (3, "PassStateExited", 2),
                (4, "WaitStateEntered", 3),
                (5, "ExecutionAborted", 3),
            ],
        ),
        (
            // Between two states: where the next state's entry would have pointed.
            "stopped between two states",
            vec![Enter(Pass, "A"), Exit(Pass, "A"), Stop],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "PassStateEntered", 0),
                (3, "PassStateExited", 2),
                (4, "ExecutionAborted", 3),
            ],
        ),
        (
            "stopped before any state",
            vec![Stop],
            vec![(1, "ExecutionStarted", 0), (2, "ExecutionAborted", 0)],
        ),
        (
            // Nothing points at ExecutionStarted.
            "ended before any state was reported",
            vec![Succeed],
            vec![(1, "ExecutionStarted", 0), (2, "ExecutionSucceeded", 0)],
        ),
        (
            "timed out in a Task state",
            vec![Enter(Task, "T"), TimeOut],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "TaskStateEntered", 0),
                (3, "ExecutionTimedOut", 2),
            ],
        ),
        (
            // A state nested in a Map state enters from the event before it (AWS's
            // MapIterationStarted, which the registry does not write); the Map state exits from
            // the last event of its iterations (AWS: where MapStateSucceeded points).
            "a Map state with one nested Pass state",
            vec![
                Enter(Map, "M"),
                Enter(Pass, "inner"),
                Exit(Pass, "inner"),
                Exit(Map, "M"),
                Succeed,
            ],
            vec![
                (1, "ExecutionStarted", 0),
                (2, "MapStateEntered", 0),
                (3, "PassStateEntered", 2),
                (4, "PassStateExited", 3),
                (5, "MapStateExited", 4),
                (6, "ExecutionSucceeded", 5),
            ],
        ),
    ];
    for (label, steps, want) in cases {
        assert_eq!(history_of(&steps), expect(&want), "{label}");
    }
}

#[test]
fn reverse_order_and_every_page_size_keep_the_values() {
    // test_get_execution_history_reversed (2024-01-28): the same events, newest first, with
    // unchanged previousEventIds.
    let (mut reg, arn) = started();
    for name in ["A", "B", "C"] {
        reg.record_state_event(&arn, StateEvent::entered(Pass, name, "{}"))
            .expect("entered");
        reg.record_state_event(&arn, StateEvent::exited(Pass, name, "{}"))
            .expect("exited");
    }
    reg.record_state_event(&arn, StateEvent::entered(Wait, "W", "{}"))
        .expect("entered");
    reg.stop_execution(StopExecutionInput::new(arn.as_str())).expect("stop");
    let forward = summary(&all_events(&reg, &arn, false, 1000));
    assert_eq!(
        forward,
        expect(&[
            (1, "ExecutionStarted", 0),
            (2, "PassStateEntered", 0),
            (3, "PassStateExited", 2),
            (4, "PassStateEntered", 3),
            (5, "PassStateExited", 4),
            (6, "PassStateEntered", 5),
            (7, "PassStateExited", 6),
            (8, "WaitStateEntered", 7),
            (9, "ExecutionAborted", 7),
        ])
    );
    let mut backward = forward.clone();
    backward.reverse();
    for size in 1..=10 {
        assert_eq!(
            summary(&all_events(&reg, &arn, false, size)),
            forward,
            "page size {size}"
        );
        assert_eq!(
            summary(&all_events(&reg, &arn, true, size)),
            backward,
            "reverse, page size {size}"
        );
    }
}

#[test]
fn the_wire_shows_previous_event_id_0_as_a_number() {
    // `previousEventId` is always present, also when 0 (§2b).
    let (mut reg, arn) = started();
    reg.record_state_event(&arn, StateEvent::entered(Wait, "W", "{}"))
        .expect("entered");
    reg.stop_execution(StopExecutionInput::new(arn.as_str())).expect("stop");
    let body = format!(r#"{{"executionArn":"{arn}","includeExecutionData":false}}"#);
    let response = handle_json(&mut reg, "AWSStepFunctions.GetExecutionHistory", body.as_bytes());
    assert_eq!(response.status, 200);
    let json: serde_json::Value = serde_json::from_slice(&response.body).expect("JSON");
    let ids: Vec<(i64, i64)> = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().expect("id"),
                e["previousEventId"].as_i64().expect("a number"),
            )
        })
        .collect();
    assert_eq!(ids, [(1, 0), (2, 0), (3, 0)]);
    assert_eq!(json["events"][2]["executionAbortedEventDetails"], serde_json::json!({}));
}
