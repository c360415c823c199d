//! A snapshot written before the rules of issue 10 (list order, history event ids, redrive
//! fields, the default encryption) still restores, and the restored registry answers by today's
//! rules. The fixture `tests/fixtures/snapshot-before-issue-10.json` was written by the code of
//! commit b684b76 (seed 2024): five state machines created in the order `statemachine_1`,
//! `zeta` (a customer managed key), `statemachine_10`, `Alpha`, `alpha` (an AWS owned key given
//! explicitly), each published as version 1; `statemachine_1` updated and published as version 2,
//! with an alias `PROD` (50/50), and five executions `run-0` … `run-4`.

use serde_json::{Value, json};
use sfn_registry::dto::ListStateMachinesInput;
use sfn_registry::{InMemoryRegistry, ManualClock, Registry, Snapshot, Timestamp, handle_json};

mod common;
use common::members_starting_with;

const FIXTURE: &[u8] = include_bytes!("fixtures/snapshot-before-issue-10.json");

fn restored() -> InMemoryRegistry {
    let snapshot = Snapshot::from_json(FIXTURE).expect("the old snapshot reads");
    InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_100_000)))
        .restore(snapshot)
        .expect("the old snapshot restores")
}

fn call(reg: &mut InMemoryRegistry, op: &str, body: &Value) -> Value {
    let response = handle_json(reg, &format!("AWSStepFunctions.{op}"), body.to_string().as_bytes());
    assert_eq!(response.status, 200, "{op} {body}");
    serde_json::from_slice(&response.body).expect("JSON")
}

#[test]
fn the_old_snapshot_restores_and_writes_itself_back_unchanged() {
    let reg = restored();
    let again = reg.snapshot().to_json();
    assert_eq!(
        serde_json::from_slice::<Value>(&again).expect("JSON"),
        serde_json::from_slice::<Value>(FIXTURE).expect("JSON")
    );
}

#[test]
fn its_state_machines_are_listed_by_name() {
    let reg = restored();
    let names: Vec<String> = reg
        .list_state_machines(ListStateMachinesInput::new())
        .expect("list")
        .state_machines
        .into_iter()
        .map(|i| i.name.into_string())
        .collect();
    assert_eq!(names, ["Alpha", "alpha", "statemachine_1", "statemachine_10", "zeta"]);
    // And page by page, through the wire.
    let mut reg = reg;
    let mut token = None;
    let mut paged = Vec::new();
    loop {
        let mut body = json!({"maxResults": 2});
        if let Some(t) = token.take() {
            body["nextToken"] = Value::String(t);
        }
        let page = call(&mut reg, "ListStateMachines", &body);
        paged.extend(
            page["stateMachines"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|i| i["name"].clone()),
        );
        match page["nextToken"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    assert_eq!(paged, names);
}

#[test]
fn its_histories_point_at_their_causes() {
    let mut reg = restored();
    let execution = |name: &str| format!("arn:aws:states:us-east-1:123456789012:execution:statemachine_1:{name}");
    // An execution's name, and its history as `(id, type, previousEventId)`.
    type Case = (&'static str, &'static [(i64, &'static str, i64)]);
    let cases: [Case; 5] = [
        (
            "run-0",
            &[
                (1, "ExecutionStarted", 0),
                (2, "PassStateEntered", 0),
                (3, "PassStateExited", 2),
                (4, "ExecutionSucceeded", 3),
            ],
        ),
        (
            "run-1",
            &[
                (1, "ExecutionStarted", 0),
                (2, "WaitStateEntered", 0),
                (3, "ExecutionAborted", 0),
            ],
        ),
        (
            "run-2",
            &[
                (1, "ExecutionStarted", 0),
                (2, "PassStateEntered", 0),
                (3, "PassStateExited", 2),
                (4, "FailStateEntered", 3),
                (5, "ExecutionFailed", 4),
            ],
        ),
        ("run-3", &[(1, "ExecutionStarted", 0), (2, "ExecutionTimedOut", 0)]),
        ("run-4", &[(1, "ExecutionStarted", 0)]),
    ];
    for (name, want) in cases {
        let history = call(
            &mut reg,
            "GetExecutionHistory",
            &json!({"executionArn": execution(name), "includeExecutionData": false}),
        );
        let got: Vec<(i64, String, i64)> = history["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                (
                    e["id"].as_i64().expect("id"),
                    e["type"].as_str().expect("type").to_owned(),
                    e["previousEventId"].as_i64().expect("previousEventId"),
                )
            })
            .collect();
        let want: Vec<(i64, String, i64)> = want.iter().map(|&(i, t, p)| (i, t.to_owned(), p)).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn its_executions_show_the_redrive_fields_of_their_status() {
    let mut reg = restored();
    let execution = |name: &str| format!("arn:aws:states:us-east-1:123456789012:execution:statemachine_1:{name}");
    let not = |status: &str| {
        json!({"redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE",
               "redriveStatusReason": format!("Execution is {status} and cannot be redriven")})
    };
    let redrivable = json!({"redriveCount": 0, "redriveStatus": "REDRIVABLE"});
    let cases = [
        ("run-0", "SUCCEEDED", not("SUCCEEDED")),
        ("run-1", "ABORTED", redrivable.clone()),
        ("run-2", "FAILED", redrivable.clone()),
        ("run-3", "TIMED_OUT", redrivable),
        ("run-4", "RUNNING", not("RUNNING")),
    ];
    for (name, status, want) in cases {
        let described = call(&mut reg, "DescribeExecution", &json!({"executionArn": execution(name)}));
        assert_eq!(described["status"], json!(status), "{name}");
        assert_eq!(members_starting_with(&described, "redrive"), want, "{name}");
    }
}

#[test]
fn its_state_machines_show_their_encryption() {
    // `zeta` was created with a customer managed key, `alpha` with an AWS owned key given
    // explicitly (stored as no configuration), the others with none.
    let mut reg = restored();
    let sm = |name: &str| format!("arn:aws:states:us-east-1:123456789012:stateMachine:{name}");
    let aws_owned = json!({"type": "AWS_OWNED_KEY"});
    let zeta =
        json!({"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "alias/zeta", "kmsDataKeyReusePeriodSeconds": 120});
    for (name, want) in [
        ("statemachine_1", &aws_owned),
        ("statemachine_10", &aws_owned),
        ("Alpha", &aws_owned),
        ("alpha", &aws_owned),
        ("zeta", &zeta),
    ] {
        for arn in [sm(name), format!("{}:1", sm(name))] {
            let described = call(&mut reg, "DescribeStateMachine", &json!({"stateMachineArn": arn}));
            assert_eq!(&described["encryptionConfiguration"], want, "{arn}");
        }
    }
    for run in 0..5 {
        let arn = format!("arn:aws:states:us-east-1:123456789012:execution:statemachine_1:run-{run}");
        let described = call(
            &mut reg,
            "DescribeStateMachineForExecution",
            &json!({"executionArn": arn}),
        );
        assert_eq!(described["encryptionConfiguration"], aws_owned, "{arn}");
    }
}

#[test]
fn its_versions_list_the_executions_an_alias_routed_to_them() {
    // run-2 and run-3 were started through PROD, which picked version 1 for both; run-1 with
    // version 1's ARN, run-4 with version 2's, run-0 with the unqualified ARN.
    let mut reg = restored();
    let sm = "arn:aws:states:us-east-1:123456789012:stateMachine:statemachine_1";
    let names = |reg: &mut InMemoryRegistry, arn: &str, status: Option<&str>| -> Vec<String> {
        let mut body = json!({"stateMachineArn": arn});
        if let Some(status) = status {
            body["statusFilter"] = json!(status);
        }
        call(reg, "ListExecutions", &body)["executions"]
            .as_array()
            .expect("executions")
            .iter()
            .map(|e| e["name"].as_str().expect("a name").to_owned())
            .collect()
    };
    assert_eq!(names(&mut reg, &format!("{sm}:1"), None), ["run-3", "run-2", "run-1"]);
    assert_eq!(names(&mut reg, &format!("{sm}:2"), None), ["run-4"]);
    assert_eq!(names(&mut reg, &format!("{sm}:PROD"), None), ["run-3", "run-2"]);
    assert_eq!(names(&mut reg, sm, None), ["run-4", "run-3", "run-2", "run-1", "run-0"]);
    assert_eq!(names(&mut reg, &format!("{sm}:1"), Some("FAILED")), ["run-2"]);
    assert_eq!(names(&mut reg, &format!("{sm}:1"), Some("TIMED_OUT")), ["run-3"]);
    assert!(names(&mut reg, &format!("{sm}:2"), Some("FAILED")).is_empty());
}
