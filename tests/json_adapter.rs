//! The AWS JSON 1.0 adapter (`handle_json`) against the wire rules of wire-format.md: success
//! bodies, timestamps, omitted optionals, error bodies and statuses, protocol errors, and a
//! property test that no input makes it panic or answer 5xx.

mod common;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};
use sfn_registry::{
    CONTENT_TYPE, InMemoryRegistry, JsonResponse, ManualClock, Operation, TARGET_PREFIX, Timestamp, handle_json,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const T0: i64 = 1_700_000_000_123;

fn definition(result: &str) -> String {
    format!(r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#)
}

fn registry() -> (InMemoryRegistry, ManualClock) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(T0));
    let reg = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(1)
        .build()
        .expect("valid scope");
    (reg, clock)
}

fn raw(reg: &mut InMemoryRegistry, target: &str, body: &[u8]) -> JsonResponse {
    handle_json(reg, target, body)
}

/// Calls `AWSStepFunctions.<op>` with `body`; the response body must be JSON.
#[track_caller]
fn call(reg: &mut InMemoryRegistry, op: &str, body: &Value) -> (u16, Value) {
    let body = serde_json::to_vec(body).expect("request serializes");
    let response = raw(reg, &format!("{TARGET_PREFIX}{op}"), &body);
    (response.status, parse_body(&response))
}

#[track_caller]
fn parse_body(response: &JsonResponse) -> Value {
    serde_json::from_slice(&response.body).unwrap_or_else(|e| {
        panic!(
            "response body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&response.body)
        )
    })
}

#[track_caller]
fn ok(reg: &mut InMemoryRegistry, op: &str, body: &Value) -> Value {
    let (status, out) = call(reg, op, body);
    assert_eq!(status, 200, "{op} {body} answered {out}");
    out
}

/// Asserts an error body of exactly `{"__type": code, "message": message}` (plus the modelled
/// extras `reason` / `resourceName`) with `status`.
#[track_caller]
fn assert_error(response: (u16, Value), status: u16, code: &str, message: &str) {
    let (got_status, body) = response;
    assert_eq!(body["__type"], json!(code), "__type of {body}");
    assert_eq!(body["message"], json!(message), "message of {body}");
    assert_eq!(got_status, status, "status of {body}");
    assert_error_shape(&body);
}

#[track_caller]
fn assert_error_shape(body: &Value) {
    let map = body
        .as_object()
        .unwrap_or_else(|| panic!("error body is not an object: {body}"));
    let code = map
        .get("__type")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string __type: {body}"));
    assert!(
        !code.is_empty() && !code.contains(':'),
        "botocore cuts __type at ':': {code:?}"
    );
    assert!(
        map.get("message").is_some_and(Value::is_string),
        "no string message: {body}"
    );
    for key in map.keys() {
        assert!(
            ["__type", "message", "reason", "resourceName"].contains(&key.as_str()),
            "unexpected error member {key}: {body}"
        );
    }
}

/// Every `…Date` member of a raw success body: a JSON number of epoch seconds with at most
/// three decimals, never a string.
#[track_caller]
fn assert_wire_timestamps(raw_body: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = raw_body;
    while let Some(at) = rest.find("Date\":") {
        let after = &rest[at + "Date\":".len()..];
        let after = after.trim_start();
        let token: String = after
            .chars()
            .take_while(|c| !matches!(c, ',' | '}' | ']' | ' ' | '\n'))
            .collect();
        let (int, frac) = token.split_once('.').unwrap_or((token.as_str(), ""));
        assert!(
            !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.len() <= 3
                && frac.bytes().all(|b| b.is_ascii_digit()),
            "a timestamp must be a plain JSON number with at most 3 decimals, got {token:?} in {raw_body}"
        );
        rest = &after[token.len()..];
        found.push(token);
    }
    found
}

/// Keys are camelCase model member names, and no member is `null`.
#[track_caller]
fn assert_wire_members(value: &Value) {
    match value {
        Value::Null => panic!("a success body never carries null"),
        Value::Object(map) => {
            for (key, v) in map {
                let first = key.chars().next().expect("empty key");
                assert!(
                    first.is_ascii_lowercase() && key.chars().all(|c| c.is_ascii_alphanumeric()),
                    "not camelCase: {key}"
                );
                assert!(!v.is_null(), "member {key} is null");
                assert_wire_members(v);
            }
        }
        Value::Array(items) => items.iter().for_each(assert_wire_members),
        _ => {}
    }
}

/// State machine `orders` with versions 1 and 2 and alias `PROD` → `:1`, all through the adapter.
fn fixture() -> (InMemoryRegistry, ManualClock) {
    let (mut reg, clock) = registry();
    ok(
        &mut reg,
        "CreateStateMachine",
        &json!({"name": "orders", "definition": definition("r1"), "roleArn": ROLE, "publish": true}),
    );
    clock.advance_millis(1_001);
    ok(
        &mut reg,
        "UpdateStateMachine",
        &json!({"stateMachineArn": SM, "definition": definition("r2"), "publish": true}),
    );
    clock.advance_millis(1_001);
    ok(
        &mut reg,
        "CreateStateMachineAlias",
        &json!({"name": "PROD", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": 100}]}),
    );
    clock.advance_millis(1_001);
    ok(
        &mut reg,
        "StartExecution",
        &json!({"stateMachineArn": format!("{SM}:PROD"), "name": "run-1"}),
    );
    clock.advance_millis(1_001);
    (reg, clock)
}

// ---------------------------------------------------------------------------------------------
// Success bodies
// ---------------------------------------------------------------------------------------------

#[test]
fn constants_name_the_protocol() {
    assert_eq!(CONTENT_TYPE, "application/x-amz-json-1.0");
    assert_eq!(TARGET_PREFIX, "AWSStepFunctions.");
}

#[test]
fn create_state_machine_answers_200_with_camel_case_members_and_a_numeric_date() {
    let (mut reg, _) = registry();
    let body = json!({"name": "orders", "definition": definition("r1"), "roleArn": ROLE});
    let response = raw(
        &mut reg,
        "AWSStepFunctions.CreateStateMachine",
        &serde_json::to_vec(&body).unwrap(),
    );
    assert_eq!(response.status, 200);
    let text = String::from_utf8(response.body.clone()).unwrap();
    assert_eq!(assert_wire_timestamps(&text), ["1700000000.123"]);
    let out = parse_body(&response);
    assert_eq!(out, json!({"stateMachineArn": SM, "creationDate": 1_700_000_000.123}));
    assert!(!text.contains("null"), "{text}");
}

#[test]
fn timestamps_on_a_whole_second_are_still_plain_numbers() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let mut reg = InMemoryRegistry::builder().clock(clock).seed(1).build().unwrap();
    let body = json!({"name": "orders", "definition": definition("r1"), "roleArn": ROLE});
    let response = raw(
        &mut reg,
        "AWSStepFunctions.CreateStateMachine",
        &serde_json::to_vec(&body).unwrap(),
    );
    assert_eq!(response.status, 200);
    let tokens = assert_wire_timestamps(std::str::from_utf8(&response.body).unwrap());
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].parse::<f64>().unwrap(), 1_700_000_000.0);
}

#[test]
fn every_success_body_of_a_version_and_alias_workflow_follows_the_wire_rules() {
    let (mut reg, clock) = registry();
    let v1 = format!("{SM}:1");
    let v2 = format!("{SM}:2");
    let alias = format!("{SM}:PROD");
    let calls: Vec<(&str, Value)> = vec![
        (
            "CreateStateMachine",
            json!({"name": "orders", "definition": definition("r1"), "roleArn": ROLE, "publish": true, "versionDescription": "v1"}),
        ),
        ("DescribeStateMachine", json!({"stateMachineArn": SM})),
        (
            "UpdateStateMachine",
            json!({"stateMachineArn": SM, "definition": definition("r2")}),
        ),
        (
            "PublishStateMachineVersion",
            json!({"stateMachineArn": SM, "description": "v2"}),
        ),
        ("DescribeStateMachine", json!({"stateMachineArn": v1})),
        ("ListStateMachineVersions", json!({"stateMachineArn": SM})),
        ("ListStateMachines", json!({})),
        (
            "CreateStateMachineAlias",
            json!({"name": "PROD", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 90}, {"stateMachineVersionArn": v2, "weight": 10}]}),
        ),
        ("DescribeStateMachineAlias", json!({"stateMachineAliasArn": alias})),
        (
            "UpdateStateMachineAlias",
            json!({"stateMachineAliasArn": alias, "description": "d"}),
        ),
        ("ListStateMachineAliases", json!({"stateMachineArn": SM})),
        (
            "TagResource",
            json!({"resourceArn": SM, "tags": [{"key": "k", "value": "v"}]}),
        ),
        ("ListTagsForResource", json!({"resourceArn": SM})),
        ("UntagResource", json!({"resourceArn": SM, "tagKeys": ["k"]})),
        ("DeleteStateMachineAlias", json!({"stateMachineAliasArn": alias})),
        ("DeleteStateMachineVersion", json!({"stateMachineVersionArn": v2})),
        ("DeleteStateMachine", json!({"stateMachineArn": SM})),
    ];
    let mut dates = 0;
    for (op, body) in calls {
        clock.advance_millis(1_234);
        let response = raw(
            &mut reg,
            &format!("{TARGET_PREFIX}{op}"),
            &serde_json::to_vec(&body).unwrap(),
        );
        let text = String::from_utf8(response.body.clone()).expect("UTF-8 body");
        assert_eq!(response.status, 200, "{op}: {text}");
        let value = parse_body(&response);
        assert!(value.is_object(), "{op}: {text}");
        assert_wire_members(&value);
        dates += assert_wire_timestamps(&text).len();
    }
    assert!(dates >= 12, "the workflow returns many dates, saw {dates}");
}

#[test]
fn absent_optionals_are_omitted_never_null() {
    let (mut reg, _) = fixture();
    // CreateStateMachine without publish: no stateMachineVersionArn.
    let out = ok(
        &mut reg,
        "CreateStateMachine",
        &json!({"name": "plain", "definition": definition("p"), "roleArn": ROLE}),
    );
    assert!(out.get("stateMachineVersionArn").is_none(), "{out}");
    // DescribeStateMachine of a never-updated state machine: no revisionId, description, label.
    let plain = SM.replace("orders", "plain");
    let out = ok(&mut reg, "DescribeStateMachine", &json!({"stateMachineArn": plain}));
    for absent in ["revisionId", "description", "label", "updateDate"] {
        assert!(out.get(absent).is_none(), "{absent} in {out}");
    }
    // An alias created without a description.
    ok(
        &mut reg,
        "CreateStateMachineAlias",
        &json!({"name": "BARE", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:2"), "weight": 100}]}),
    );
    let out = ok(
        &mut reg,
        "DescribeStateMachineAlias",
        &json!({"stateMachineAliasArn": format!("{SM}:BARE")}),
    );
    assert!(out.get("description").is_none(), "{out}");
    // The last page of a list: no nextToken.
    let out = ok(&mut reg, "ListStateMachineAliases", &json!({"stateMachineArn": SM}));
    assert!(out.get("nextToken").is_none(), "{out}");
    let out = ok(&mut reg, "ListStateMachineVersions", &json!({"stateMachineArn": SM}));
    assert!(out.get("nextToken").is_none(), "{out}");
    // UpdateStateMachine without publish: no stateMachineVersionArn.
    let out = ok(
        &mut reg,
        "UpdateStateMachine",
        &json!({"stateMachineArn": SM, "definition": definition("r3")}),
    );
    assert!(out.get("stateMachineVersionArn").is_none(), "{out}");
}

#[test]
fn deletes_answer_an_empty_object() {
    let (mut reg, _) = fixture();
    let response = raw(
        &mut reg,
        "AWSStepFunctions.DeleteStateMachineAlias",
        format!(r#"{{"stateMachineAliasArn":"{SM}:PROD"}}"#).as_bytes(),
    );
    assert_eq!((response.status, response.body), (200, b"{}".to_vec()));
}

#[test]
fn any_whitespace_and_key_order_are_accepted() {
    let (mut reg, _) = registry();
    let body = format!(
        "\n\t{{ \"roleArn\" :\t\"{ROLE}\" ,\r\n \"definition\": {def} , \"name\"  :  \"orders\"   }}  \n",
        def = serde_json::to_string(&definition("x")).unwrap()
    );
    let response = raw(&mut reg, "AWSStepFunctions.CreateStateMachine", body.as_bytes());
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
}

#[test]
fn an_empty_body_counts_as_an_empty_object() {
    let (mut reg, _) = registry();
    for body in [&b""[..], b"  \n"] {
        let response = raw(&mut reg, "AWSStepFunctions.ListStateMachines", body);
        assert_eq!(response.status, 200);
        assert_eq!(parse_body(&response), json!({"stateMachines": []}));
    }
    let response = raw(&mut reg, "AWSStepFunctions.DescribeStateMachine", b"");
    assert_error(
        (response.status, parse_body(&response)),
        400,
        "ValidationException",
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
}

// ---------------------------------------------------------------------------------------------
// Error bodies and statuses
// ---------------------------------------------------------------------------------------------

#[test]
fn modelled_errors_have_the_aws_body_and_400() {
    let (mut reg, _) = fixture();
    assert_error(
        call(
            &mut reg,
            "DescribeStateMachine",
            &json!({"stateMachineArn": "not_a_valid_arn"}),
        ),
        400,
        "InvalidArn",
        "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'",
    );
    let ghost = SM.replace("orders", "ghost");
    assert_error(
        call(&mut reg, "DescribeStateMachine", &json!({"stateMachineArn": ghost})),
        400,
        "StateMachineDoesNotExist",
        &format!("State Machine Does Not Exist: '{ghost}'"),
    );
    assert_error(
        call(
            &mut reg,
            "UpdateStateMachineAlias",
            &json!({"stateMachineAliasArn": format!("{SM}:NOPE"), "description": "d"}),
        ),
        400,
        "ResourceNotFound",
        "Request references a resource that does not exist.",
    );
    assert_error(
        call(
            &mut reg,
            "ListStateMachineAliases",
            &json!({"stateMachineArn": SM, "nextToken": "InvalidToken"}),
        ),
        400,
        "InvalidToken",
        "Invalid Token: 'Invalid token'",
    );
    assert_error(
        call(
            &mut reg,
            "ListStateMachineAliases",
            &json!({"stateMachineArn": SM, "maxResults": 1001}),
        ),
        400,
        "ValidationException",
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    assert_error(
        call(
            &mut reg,
            "CreateStateMachine",
            &json!({"name": "v", "definition": definition("x"), "roleArn": ROLE, "versionDescription": "d"}),
        ),
        400,
        "ValidationException",
        "Version description can only be set when publish is true",
    );
}

#[test]
fn conflict_exception_is_409() {
    let (mut reg, _) = fixture();
    assert_error(
        call(
            &mut reg,
            "DeleteStateMachineVersion",
            &json!({"stateMachineVersionArn": format!("{SM}:1")}),
        ),
        409,
        "ConflictException",
        "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [PROD]",
    );
    assert_error(
        call(
            &mut reg,
            "CreateStateMachineAlias",
            &json!({"name": "PROD", "description": "other", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": 100}]}),
        ),
        409,
        "ConflictException",
        "Failed to create alias because an alias with the same name and a different routing configuration already exists.",
    );
}

#[test]
fn service_quota_exceeded_is_402() {
    let (mut reg, _) = fixture();
    for i in 1..100 {
        ok(
            &mut reg,
            "CreateStateMachineAlias",
            &json!({"name": format!("a{i}"), "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": 100}]}),
        );
    }
    let (status, body) = call(
        &mut reg,
        "CreateStateMachineAlias",
        &json!({"name": "one-too-many", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": 100}]}),
    );
    assert_eq!(body["__type"], json!("ServiceQuotaExceededException"), "{body}");
    assert_eq!(status, 402, "{body}");
    assert_error_shape(&body);
}

#[test]
fn routing_validation_errors_travel_verbatim() {
    let (mut reg, _) = fixture();
    let v1 = format!("{SM}:1");
    let v2 = format!("{SM}:2");
    assert_error(
        call(
            &mut reg,
            "CreateStateMachineAlias",
            &json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 70}, {"stateMachineVersionArn": v2, "weight": 29}]}),
        ),
        400,
        "ValidationException",
        "Sum of routing configuration weights must equal 100. Received: [70, 29]",
    );
    assert_error(
        call(
            &mut reg,
            "CreateStateMachineAlias",
            &json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 101}]}),
        ),
        400,
        "ValidationException",
        "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    assert_error(
        call(
            &mut reg,
            "CreateStateMachineAlias",
            &json!({"name": "123", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 100}]}),
        ),
        400,
        "ValidationException",
        r"1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$",
    );
}

// ---------------------------------------------------------------------------------------------
// Protocol errors
// ---------------------------------------------------------------------------------------------

#[track_caller]
fn assert_serialization_exception(response: &JsonResponse) {
    assert_eq!(response.status, 400, "{}", String::from_utf8_lossy(&response.body));
    let body = parse_body(response);
    assert_eq!(body["__type"], json!("SerializationException"), "{body}");
    assert_error_shape(&body);
}

#[test]
fn a_body_that_is_not_json_is_a_serialization_exception() {
    let (mut reg, _) = fixture();
    for body in [
        &b"not json"[..],
        b"{",
        b"{\"stateMachineArn\": }",
        b"\xff\xfe{}",
        b"{} {}",
        b"{'a': 1}",
    ] {
        assert_serialization_exception(&raw(&mut reg, "AWSStepFunctions.ListStateMachines", body));
        assert_serialization_exception(&raw(&mut reg, "AWSStepFunctions.DescribeStateMachine", body));
    }
}

#[test]
fn a_json_body_that_is_not_an_object_is_a_serialization_exception() {
    let (mut reg, _) = fixture();
    for body in [&b"[]"[..], b"[{}]", b"\"text\"", b"42", b"true", b"null"] {
        assert_serialization_exception(&raw(&mut reg, "AWSStepFunctions.ListStateMachines", body));
        assert_serialization_exception(&raw(&mut reg, "AWSStepFunctions.CreateStateMachineAlias", body));
    }
}

#[test]
fn members_of_the_wrong_json_type_are_a_serialization_exception() {
    let (mut reg, _) = fixture();
    let v1 = format!("{SM}:1");
    let cases: Vec<(&str, Value)> = vec![
        ("DescribeStateMachine", json!({"stateMachineArn": 5})),
        ("DescribeStateMachine", json!({"stateMachineArn": [SM]})),
        (
            "CreateStateMachine",
            json!({"name": "x", "definition": {"StartAt": "A"}, "roleArn": ROLE}),
        ),
        (
            "CreateStateMachine",
            json!({"name": "x", "definition": definition("x"), "roleArn": ROLE, "publish": "yes"}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": "all of it"}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": {"stateMachineVersionArn": v1, "weight": 100}}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": "100"}]}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 99.5}]}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": ["X"], "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 100}]}),
        ),
        (
            "ListStateMachineAliases",
            json!({"stateMachineArn": SM, "maxResults": "1"}),
        ),
        (
            "ListStateMachineAliases",
            json!({"stateMachineArn": SM, "maxResults": 1.5}),
        ),
        ("TagResource", json!({"resourceArn": SM, "tags": {"k": "v"}})),
        ("UntagResource", json!({"resourceArn": SM, "tagKeys": "k"})),
    ];
    for (op, body) in cases {
        let (status, out) = call(&mut reg, op, &body);
        assert_eq!(
            out["__type"],
            json!("SerializationException"),
            "{op} {body} answered {out}"
        );
        assert_eq!(status, 400);
        assert_error_shape(&out);
    }
}

fn must_not_be_null(member: &str) -> String {
    format!(
        "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
    )
}

#[test]
fn a_missing_required_member_is_a_validation_exception_naming_it() {
    let (mut reg, _) = fixture();
    let v1 = format!("{SM}:1");
    let cases: Vec<(&str, Value, &str)> = vec![
        ("DescribeStateMachine", json!({}), "stateMachineArn"),
        ("DescribeStateMachineAlias", json!({}), "stateMachineAliasArn"),
        ("DeleteStateMachineVersion", json!({}), "stateMachineVersionArn"),
        (
            "CreateStateMachine",
            json!({"definition": definition("x"), "roleArn": ROLE}),
            "name",
        ),
        (
            "CreateStateMachine",
            json!({"name": "x", "roleArn": ROLE}),
            "definition",
        ),
        (
            "CreateStateMachine",
            json!({"name": "x", "definition": definition("x")}),
            "roleArn",
        ),
        (
            "CreateStateMachineAlias",
            json!({"routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 100}]}),
            "name",
        ),
        ("CreateStateMachineAlias", json!({"name": "X"}), "routingConfiguration"),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": v1}]}),
            "routingConfiguration.1.member.weight",
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": [{"weight": 100}]}),
            "routingConfiguration.1.member.stateMachineVersionArn",
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 50}, {"stateMachineVersionArn": format!("{SM}:2")}]}),
            "routingConfiguration.2.member.weight",
        ),
        (
            "UpdateStateMachineAlias",
            json!({"description": "d"}),
            "stateMachineAliasArn",
        ),
        ("TagResource", json!({"resourceArn": SM}), "tags"),
        ("UntagResource", json!({"resourceArn": SM}), "tagKeys"),
        ("ListTagsForResource", json!({}), "resourceArn"),
    ];
    for (op, body, member) in cases {
        assert_error(
            call(&mut reg, op, &body),
            400,
            "ValidationException",
            &must_not_be_null(member),
        );
    }
}

#[test]
fn null_members_count_as_absent() {
    let (mut reg, _) = fixture();
    // Optional members set to null: accepted, and treated as not given.
    let out = ok(
        &mut reg,
        "CreateStateMachine",
        &json!({"name": "n", "definition": definition("n"), "roleArn": ROLE, "publish": null, "versionDescription": null, "type": null, "tags": null, "loggingConfiguration": null}),
    );
    assert!(out.get("stateMachineVersionArn").is_none(), "{out}");
    ok(
        &mut reg,
        "ListStateMachineAliases",
        &json!({"stateMachineArn": SM, "nextToken": null, "maxResults": null}),
    );
    // A description of null on an alias update is no description: the update has nothing to do.
    let (status, body) = call(
        &mut reg,
        "UpdateStateMachineAlias",
        &json!({"stateMachineAliasArn": format!("{SM}:PROD"), "description": null, "routingConfiguration": null}),
    );
    assert_eq!(
        (status, body["__type"].clone()),
        (400, json!("ValidationException")),
        "{body}"
    );
    assert_eq!(body["reason"], json!("MISSING_REQUIRED_PARAMETER"), "{body}");
    // Required members set to null are missing.
    assert_error(
        call(&mut reg, "DescribeStateMachine", &json!({"stateMachineArn": null})),
        400,
        "ValidationException",
        &must_not_be_null("stateMachineArn"),
    );
    assert_error(
        call(
            &mut reg,
            "CreateStateMachineAlias",
            &json!({"name": "X", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": null}]}),
        ),
        400,
        "ValidationException",
        &must_not_be_null("routingConfiguration.1.member.weight"),
    );
}

#[test]
fn unknown_targets_are_unknown_operation_exception() {
    let (mut reg, _) = fixture();
    for target in [
        "AWSStepFunctions.Bogus",
        "AWSStepFunctions.",
        "AWSStepFunctions.listStateMachines",
        "AWSStepFunctions.StartExecution2",
        "ListStateMachines",
        "AmazonSQS.ListStateMachines",
        "AWSStepFunctionsListStateMachines",
        "",
        "AWSStepFunctions.ListStateMachines ",
    ] {
        let response = raw(&mut reg, target, b"{}");
        assert_eq!(response.status, 400, "{target:?}");
        let body = parse_body(&response);
        assert_eq!(body["__type"], json!("UnknownOperationException"), "{target:?}: {body}");
        assert_error_shape(&body);
    }
}

#[test]
fn an_unknown_enum_value_is_a_validation_exception_listing_the_enum() {
    let (mut reg, _) = registry();
    let (status, body) = call(
        &mut reg,
        "CreateStateMachine",
        &json!({"name": "x", "definition": definition("x"), "roleArn": ROLE, "type": "BOGUS"}),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["__type"], json!("ValidationException"), "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "1 validation error detected: Value 'BOGUS' at 'type' failed to satisfy constraint: Member must satisfy enum value set: ["
        ),
        "{message}"
    );
    assert!(message.contains("STANDARD") && message.contains("EXPRESS"), "{message}");
    // Nothing was created.
    assert_eq!(
        ok(&mut reg, "ListStateMachines", &json!({})),
        json!({"stateMachines": []})
    );
}

// ---------------------------------------------------------------------------------------------
// Every operation
// ---------------------------------------------------------------------------------------------

/// A valid request for each operation against [`fixture`].
/// The execution the fixture starts through the `PROD` alias.
const EXECUTION: &str = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";

fn valid_body(op: &str) -> Option<Value> {
    let v1 = format!("{SM}:1");
    let alias = format!("{SM}:PROD");
    Some(match op {
        "CreateStateMachine" => json!({"name": "other", "definition": definition("o"), "roleArn": ROLE}),
        "DescribeStateMachine"
        | "ListStateMachineVersions"
        | "ListStateMachineAliases"
        | "PublishStateMachineVersion" => {
            json!({"stateMachineArn": SM})
        }
        "UpdateStateMachine" => json!({"stateMachineArn": SM, "definition": definition("r9")}),
        "DeleteStateMachine" => json!({"stateMachineArn": SM}),
        "ListStateMachines" => json!({}),
        "DeleteStateMachineVersion" => json!({"stateMachineVersionArn": format!("{SM}:2")}),
        "CreateStateMachineAlias" => {
            json!({"name": "BETA", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 100}]})
        }
        "DescribeStateMachineAlias" | "DeleteStateMachineAlias" => json!({"stateMachineAliasArn": alias}),
        "UpdateStateMachineAlias" => json!({"stateMachineAliasArn": alias, "description": "d"}),
        "TagResource" => json!({"resourceArn": SM, "tags": [{"key": "k", "value": "v"}]}),
        "UntagResource" => json!({"resourceArn": SM, "tagKeys": ["k"]}),
        "ListTagsForResource" => json!({"resourceArn": SM}),
        "StartExecution" | "ListExecutions" => json!({"stateMachineArn": SM}),
        "StopExecution" | "DescribeExecution" | "DescribeStateMachineForExecution" | "GetExecutionHistory" => {
            json!({"executionArn": EXECUTION})
        }
        "ValidateStateMachineDefinition" => {
            json!({"definition": r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#})
        }
        _ => return None,
    })
}

#[test]
fn every_operation_is_reachable_through_its_target() {
    assert!(Operation::ALL.len() >= 16, "{:?}", Operation::ALL);
    for &op in Operation::ALL {
        let target = format!("AWSStepFunctions.{}", op.name());
        assert_eq!(Operation::from_target(&target), Some(op));
        assert_eq!(Operation::from_name(op.name()), Some(op));
        assert_eq!(op.to_string(), op.name());

        let (mut reg, _) = fixture();
        let response = raw(&mut reg, &target, b"{}");
        let body = parse_body(&response);
        assert_ne!(body["__type"], json!("UnknownOperationException"), "{target}: {body}");
        assert!(response.status < 500, "{target}: {body}");

        let body = valid_body(op.name()).unwrap_or_else(|| panic!("no valid request known for {op}"));
        let (mut reg, _) = fixture();
        let response = raw(&mut reg, &target, &serde_json::to_vec(&body).unwrap());
        let out = parse_body(&response);
        assert_eq!(response.status, 200, "{target} {body}: {out}");
        assert_wire_members(&out);
    }
}

// ---------------------------------------------------------------------------------------------
// Properties: no input panics or answers 5xx
// ---------------------------------------------------------------------------------------------

const MEMBERS: &[&str] = &[
    "name",
    "definition",
    "roleArn",
    "type",
    "loggingConfiguration",
    "level",
    "includeExecutionData",
    "destinations",
    "cloudWatchLogsLogGroup",
    "logGroupArn",
    "tracingConfiguration",
    "enabled",
    "publish",
    "versionDescription",
    "encryptionConfiguration",
    "kmsKeyId",
    "kmsDataKeyReusePeriodSeconds",
    "stateMachineArn",
    "includedData",
    "maxResults",
    "nextToken",
    "revisionId",
    "description",
    "stateMachineVersionArn",
    "routingConfiguration",
    "weight",
    "stateMachineAliasArn",
    "resourceArn",
    "tags",
    "key",
    "value",
    "tagKeys",
];

fn known_strings() -> Vec<String> {
    vec![
        SM.to_owned(),
        format!("{SM}:1"),
        format!("{SM}:2"),
        format!("{SM}:3"),
        format!("{SM}:0"),
        format!("{SM}:01"),
        format!("{SM}:PROD"),
        format!("{SM}:NEW"),
        format!("{SM}/label"),
        SM.replace("orders", "ghost"),
        "arn:aws:states:us-east-1:123456789012:execution:orders:run".to_owned(),
        "arn:aws:states:us-east-1:123456789012:activity:worker".to_owned(),
        "arn:aws:states:eu-west-1:999999999999:stateMachine:orders:1".to_owned(),
        "not_a_valid_arn".to_owned(),
        ROLE.to_owned(),
        definition("p"),
        "{}".to_owned(),
        "INITIAL".to_owned(),
        "InvalidToken".to_owned(),
        "BOGUS".to_owned(),
        "STANDARD".to_owned(),
        "EXPRESS".to_owned(),
        "OFF".to_owned(),
        "ALL".to_owned(),
        "METADATA_ONLY".to_owned(),
        "CUSTOMER_MANAGED_KMS_KEY".to_owned(),
        "AWS_OWNED_KEY".to_owned(),
        "PROD".to_owned(),
        "123".to_owned(),
        String::new(),
        "A".repeat(81),
        "x".repeat(1100),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..1003).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(known_strings()).prop_map(Value::String),
    ]
}

fn member_name() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(MEMBERS).prop_map(str::to_owned), 1 => "[a-zA-Z_]{0,8}"]
}

fn arb_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(member_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Well-typed routing items with arbitrary values: they get past deserialization and exercise
/// the registry's own checks.
fn routing_item() -> impl Strategy<Value = Value> {
    (prop::sample::select(known_strings()), -5i64..110, any::<bool>()).prop_map(|(arn, weight, with_weight)| {
        if with_weight {
            json!({"stateMachineVersionArn": arn, "weight": weight})
        } else {
            json!({"stateMachineVersionArn": arn})
        }
    })
}

/// A request object: member names of the model with arbitrary values, or with plausible ones.
fn request_object() -> impl Strategy<Value = Value> {
    let plausible = prop_oneof![
        leaf(),
        prop::collection::vec(routing_item(), 0..4).prop_map(Value::Array),
        prop::collection::vec(prop::sample::select(known_strings()).prop_map(Value::String), 0..3)
            .prop_map(Value::Array),
        (prop::sample::select(known_strings()), ".{0,6}").prop_map(|(k, v)| json!([{"key": k, "value": v}])),
        arb_json(),
    ];
    prop::collection::btree_map(member_name(), plausible, 0..7)
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>()))
}

fn arbitrary_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        arb_json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        request_object().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        // A valid-looking body, cut short or with a byte changed.
        (
            request_object(),
            any::<prop::sample::Index>(),
            any::<u8>(),
            any::<bool>()
        )
            .prop_map(|(v, at, byte, cut)| {
                let mut bytes = serde_json::to_vec(&v).unwrap();
                let i = at.index(bytes.len());
                if cut {
                    bytes.truncate(i);
                } else {
                    bytes[i] = byte;
                }
                bytes
            }),
    ]
}

fn check_response(target: &str, body: &[u8], response: &JsonResponse) -> Result<(), TestCaseError> {
    let input = String::from_utf8_lossy(body);
    prop_assert!(
        response.status < 500,
        "{} answered {} to {}",
        target,
        response.status,
        input
    );
    let parsed: Result<Value, _> = serde_json::from_slice(&response.body);
    prop_assert!(
        parsed.is_ok(),
        "{} answered a body that is not JSON to {}: {:?}",
        target,
        input,
        String::from_utf8_lossy(&response.body)
    );
    let value = parsed.unwrap_or_default();
    prop_assert!(
        value.is_object(),
        "{} answered a non-object to {}: {}",
        target,
        input,
        value
    );
    if response.status == 200 {
        prop_assert!(
            value.get("__type").is_none(),
            "{} answered 200 with an error body: {}",
            target,
            value
        );
    } else {
        prop_assert!(
            value
                .get("__type")
                .and_then(Value::as_str)
                .is_some_and(|t| !t.is_empty()),
            "{} answered {} without __type to {}: {}",
            target,
            response.status,
            input,
            value
        );
        prop_assert!(
            value.get("message").is_some_and(Value::is_string),
            "{} error without message: {}",
            target,
            value
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn no_body_makes_any_operation_panic_or_fail_with_5xx(body in arbitrary_body()) {
        let (mut reg, _) = fixture();
        for &op in Operation::ALL {
            let target = format!("{TARGET_PREFIX}{}", op.name());
            let response = handle_json(&mut reg, &target, &body);
            check_response(&target, &body, &response)?;
        }
    }

    #[test]
    fn no_json_value_makes_any_operation_panic_or_fail_with_5xx(value in prop_oneof![arb_json(), request_object()]) {
        let (mut reg, _) = fixture();
        let body = serde_json::to_vec(&value).unwrap();
        for &op in Operation::ALL {
            let target = format!("{TARGET_PREFIX}{}", op.name());
            let response = handle_json(&mut reg, &target, &body);
            check_response(&target, &body, &response)?;
        }
    }

    #[test]
    fn no_mutation_of_a_valid_request_panics_or_fails_with_5xx(
        overrides in request_object(),
        removed in prop::collection::vec(prop::sample::select(MEMBERS), 0..3),
    ) {
        let (mut reg, clock) = fixture();
        // DeleteStateMachine last, so that the other operations find the state machine.
        let mut ops = Operation::ALL.to_vec();
        ops.sort_by_key(|op| op.name() == "DeleteStateMachine");
        for op in ops {
            let mut body = valid_body(op.name()).unwrap_or_else(|| json!({}));
            let map = body.as_object_mut().expect("valid bodies are objects");
            for key in &removed {
                map.remove(*key);
            }
            for (key, value) in overrides.as_object().expect("an object") {
                map.insert(key.clone(), value.clone());
            }
            let target = format!("{TARGET_PREFIX}{}", op.name());
            let bytes = serde_json::to_vec(&body).unwrap();
            let response = handle_json(&mut reg, &target, &bytes);
            check_response(&target, &bytes, &response)?;
            clock.advance_millis(7);
        }
    }

    #[test]
    fn no_target_panics_and_unknown_ones_are_unknown_operation(target in prop_oneof![".{0,40}", "AWSStepFunctions\\.[A-Za-z]{0,30}"]) {
        let (mut reg, _) = fixture();
        let response = handle_json(&mut reg, &target, b"{}");
        check_response(&target, b"{}", &response)?;
        if Operation::from_target(&target).is_none() {
            let value: Value = serde_json::from_slice(&response.body).unwrap_or_default();
            prop_assert_eq!(response.status, 400);
            prop_assert_eq!(&value["__type"], &json!("UnknownOperationException"));
        }
    }

    #[test]
    fn timestamps_serialize_as_numbers_with_at_most_three_decimals(millis in 0i64..4_102_444_800_000) {
        let text = serde_json::to_string(&Timestamp::from_unix_millis(millis)).unwrap();
        let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
        prop_assert!(int.bytes().all(|b| b.is_ascii_digit()) && !int.is_empty(), "{}", text);
        prop_assert!(frac.len() <= 3 && frac.bytes().all(|b| b.is_ascii_digit()), "{}", text);
        // The number is the instant, to the millisecond.
        let parsed: f64 = text.parse().unwrap();
        #[allow(clippy::cast_possible_truncation)]
        let back = (parsed * 1000.0).round() as i64;
        prop_assert_eq!(back, millis);
        prop_assert_eq!(serde_json::from_str::<Timestamp>(&text).unwrap(), Timestamp::from_unix_millis(millis));
    }
}
