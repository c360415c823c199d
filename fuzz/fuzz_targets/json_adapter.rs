//! The AWS JSON 1.0 adapter: a short sequence of requests against one registry never panics,
//! never answers 5xx, always answers JSON, and every error is
//! `{"__type": "<Code without ':'>", "message": "<text>", …}`.
//!
//! Input format: requests separated by `0x00` bytes (at most [`MAX_REQUESTS`]). In each one the
//! first byte picks the target: below `0xF0` it forces `AWSStepFunctions.<Operation::ALL[b % n]>`
//! and the rest is the body; from `0xF0` the rest is `<target>0x01<body>` (the target read as
//! lossy UTF-8), so that unknown and malformed targets are fuzzed too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sfn_registry::{InMemoryRegistry, JsonResponse, ManualClock, Operation, TARGET_PREFIX, Timestamp, handle_json};

const MAX_REQUESTS: usize = 8;
const FREE_TARGET: u8 = 0xF0;
const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const DEFINITION: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

fn check(target: &str, body: &[u8], response: &JsonResponse) {
    let context = || {
        format!(
            "{target:?} {:?} answered {} {:?}",
            String::from_utf8_lossy(body),
            response.status,
            String::from_utf8_lossy(&response.body)
        )
    };
    assert!(
        response.status == 200 || (400..500).contains(&response.status),
        "status is neither 200 nor 4xx: {}",
        context()
    );
    let value: Value =
        serde_json::from_slice(&response.body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", context()));
    let map = value
        .as_object()
        .unwrap_or_else(|| panic!("body is not an object: {}", context()));
    if response.status == 200 {
        assert!(!map.contains_key("__type"), "200 with an error body: {}", context());
        return;
    }
    let code = map
        .get("__type")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("error without a string __type: {}", context()));
    assert!(
        !code.is_empty() && !code.contains(':'),
        "bad __type {code:?}: {}",
        context()
    );
    assert!(
        map.get("message").is_some_and(Value::is_string),
        "error without a string message: {}",
        context()
    );
}

fn send(reg: &mut InMemoryRegistry, clock: &ManualClock, target: &str, body: &[u8]) -> JsonResponse {
    let response = handle_json(reg, target, body);
    check(target, body, &response);
    clock.advance_millis(1_001);
    response
}

/// State machine `orders` with versions 1 and 2, alias `PROD` → `:1` and execution `run-1`, so
/// that even short inputs reach existing resources.
fn fixture() -> (InMemoryRegistry, ManualClock) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_123));
    let mut reg = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(1)
        .build()
        .expect("the default scope is valid");
    let setup = [
        (
            "CreateStateMachine",
            serde_json::json!({"name": "orders", "definition": DEFINITION, "roleArn": ROLE, "publish": true}),
        ),
        (
            "UpdateStateMachine",
            serde_json::json!({"stateMachineArn": SM, "definition": DEFINITION.replace("\"A\"", "\"B\""), "publish": true}),
        ),
        (
            "CreateStateMachineAlias",
            serde_json::json!({"name": "PROD", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": 100}]}),
        ),
        (
            "StartExecution",
            serde_json::json!({"stateMachineArn": format!("{SM}:PROD"), "name": "run-1"}),
        ),
    ];
    for (op, body) in setup {
        let target = format!("{TARGET_PREFIX}{op}");
        let body = serde_json::to_vec(&body).expect("serializes");
        let response = send(&mut reg, &clock, &target, &body);
        assert_eq!(
            response.status,
            200,
            "fixture {op}: {}",
            String::from_utf8_lossy(&response.body)
        );
    }
    (reg, clock)
}

fuzz_target!(|data: &[u8]| {
    let (mut reg, clock) = fixture();
    for request in data.split(|&b| b == 0).take(MAX_REQUESTS) {
        let (selector, rest) = request.split_first().map_or((0, &[][..]), |(&b, rest)| (b, rest));
        let (target, body) = if selector < FREE_TARGET {
            let op = Operation::ALL[usize::from(selector) % Operation::ALL.len()];
            (format!("{TARGET_PREFIX}{}", op.name()), rest)
        } else {
            let at = rest.iter().position(|&b| b == 1).unwrap_or(rest.len());
            let body = rest.get(at + 1..).unwrap_or_default();
            (String::from_utf8_lossy(&rest[..at]).into_owned(), body)
        };
        send(&mut reg, &clock, &target, body);
    }
});
