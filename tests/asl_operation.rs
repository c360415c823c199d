//! ValidateStateMachineDefinition and the definition check of CreateStateMachine and
//! UpdateStateMachine around the default validator: `severity`, `maxResults` and `truncated`;
//! the state machine's type on update; and properties: no definition makes the operation
//! panic or fail with 5xx, and the operation never changes the registry or its RNG.

mod common;

use common::assert_err;
use proptest::prelude::*;
use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineInput, DescribeStateMachineInput, StateMachineType, UpdateStateMachineInput,
    ValidateStateMachineDefinitionInput, ValidateStateMachineDefinitionResultCode,
    ValidateStateMachineDefinitionSeverity,
};
use sfn_registry::{ErrorCode, InMemoryRegistry, ManualClock, Registry, TARGET_PREFIX, Timestamp, handle_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";

fn registry() -> InMemoryRegistry {
    InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(11)
        .build()
        .expect("valid scope")
}

/// Three schema errors (in document order) and, with `severity: WARNING`, a `NO_DOLLAR`
/// warning first.
const THREE_ERRORS: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"p": "$.x"}, "Comment": 1, "Foo": 2, "InputPath": "x", "End": true}}}"#;

fn validate(body: Value) -> (u16, Value) {
    let response = handle_json(
        &mut registry(),
        &format!("{TARGET_PREFIX}ValidateStateMachineDefinition"),
        body.to_string().as_bytes(),
    );
    let body = serde_json::from_slice(&response.body).expect("JSON body");
    (response.status, body)
}

fn codes(body: &Value) -> Vec<&str> {
    body["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect()
}

#[test]
fn severity_error_is_the_default_and_hides_warnings() {
    let (status, body) = validate(json!({"definition": THREE_ERRORS}));
    assert_eq!(status, 200);
    assert_eq!(body["result"], "FAIL");
    assert_eq!(codes(&body), ["SCHEMA_VALIDATION_FAILED"; 3]);
    assert!(
        body["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] == "ERROR")
    );
    assert_eq!(body["truncated"], false);
}

#[test]
fn severity_warning_returns_warnings_too_and_they_do_not_fail() {
    let (_, body) = validate(json!({"definition": THREE_ERRORS, "severity": "WARNING"}));
    assert_eq!(
        codes(&body),
        [
            "NO_DOLLAR",
            "SCHEMA_VALIDATION_FAILED",
            "SCHEMA_VALIDATION_FAILED",
            "SCHEMA_VALIDATION_FAILED"
        ]
    );
    assert_eq!(
        body["diagnostics"][0],
        json!({
            "severity": "WARNING",
            "code": "NO_DOLLAR",
            "message": "The value for the field 'p' looks like a JSONPath or an intrinsic function call, but the field name does not end with '.$'",
            "location": "/States/A/Parameters"
        })
    );
    let only_warnings =
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"p": "$.x"}, "End": true}}}"#;
    let (_, body) = validate(json!({"definition": only_warnings, "severity": "WARNING"}));
    assert_eq!(body["result"], "OK");
    assert_eq!(codes(&body), ["NO_DOLLAR"]);
    let (_, body) = validate(json!({"definition": only_warnings}));
    assert_eq!(body, json!({"result": "OK", "diagnostics": [], "truncated": false}));
    // CreateStateMachine accepts what has only warnings.
    registry()
        .create_state_machine(CreateStateMachineInput::new("warned", only_warnings, ROLE))
        .expect("warnings do not refuse a definition");
}

#[test]
fn max_results_cuts_and_says_so() {
    let (_, body) = validate(json!({"definition": THREE_ERRORS, "maxResults": 2}));
    assert_eq!(body["result"], "FAIL");
    assert_eq!(codes(&body).len(), 2);
    assert_eq!(body["truncated"], true);
    assert_eq!(
        body["diagnostics"][0]["message"],
        "The value for the field 'Comment' must be a string"
    );
    let (_, body) = validate(json!({"definition": THREE_ERRORS, "maxResults": 3}));
    assert_eq!((codes(&body).len(), &body["truncated"]), (3, &json!(false)));
    let (_, body) = validate(json!({"definition": THREE_ERRORS, "maxResults": 0}));
    assert_eq!((codes(&body).len(), &body["truncated"]), (3, &json!(false)));
    // The warning counts only when it is returned.
    let (_, body) = validate(json!({"definition": THREE_ERRORS, "maxResults": 3, "severity": "WARNING"}));
    assert_eq!(
        (codes(&body), &body["truncated"]),
        (
            vec!["NO_DOLLAR", "SCHEMA_VALIDATION_FAILED", "SCHEMA_VALIDATION_FAILED"],
            &json!(true)
        )
    );
    let (status, body) = validate(json!({"definition": THREE_ERRORS, "maxResults": 101}));
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "ValidationException");
}

#[test]
fn max_results_of_one_hundred_diagnostics() {
    let states: serde_json::Map<String, Value> = (0..150)
        .map(|i| (format!("S{i:03}"), json!({"Type": "Pass", "End": true, "Comment": i})))
        .collect();
    let definition = json!({"StartAt": "S000", "States": states}).to_string();
    let (_, body) = validate(json!({"definition": definition}));
    assert_eq!((codes(&body).len(), &body["truncated"]), (100, &json!(true)));
    assert_eq!(body["diagnostics"][99]["location"], "/States/S099/Comment");
}

#[test]
fn update_checks_the_definition_with_the_state_machines_type() {
    let pass = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
    let sync = r#"{"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}}}"#;
    let mut reg = registry();
    let mut input = CreateStateMachineInput::new("fast", pass, ROLE);
    input.r#type = Some(StateMachineType::Express);
    let express = reg.create_state_machine(input).expect("created").state_machine_arn;
    let standard = reg
        .create_state_machine(CreateStateMachineInput::new("slow", pass, ROLE))
        .expect("created")
        .state_machine_arn;
    let before = reg.snapshot().to_json();
    let mut update = UpdateStateMachineInput::new(&express);
    update.definition = Some(sync.to_owned());
    assert_err(
        reg.update_state_machine(update),
        ErrorCode::InvalidDefinition,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/Run/Resource'",
    );
    assert_eq!(reg.snapshot().to_json(), before, "a refused update changes nothing");
    let described = reg
        .describe_state_machine(DescribeStateMachineInput::new(&express))
        .expect("exists");
    assert_eq!(described.definition, pass);
    let mut update = UpdateStateMachineInput::new(&standard);
    update.definition = Some(sync.to_owned());
    reg.update_state_machine(update)
        .expect("a Standard state machine runs .sync");
}

#[test]
fn the_operation_needs_no_state_machine_and_the_trait_agrees_with_the_wire() {
    let reg = registry();
    let mut input = ValidateStateMachineDefinitionInput::new(THREE_ERRORS);
    input.severity = Some(ValidateStateMachineDefinitionSeverity::Warning);
    input.max_results = Some(1);
    let output = reg.validate_state_machine_definition(input).expect("answered");
    assert_eq!(output.result, ValidateStateMachineDefinitionResultCode::Fail);
    assert_eq!(output.diagnostics.len(), 1);
    assert_eq!(output.diagnostics[0].code, "NO_DOLLAR");
    assert!(output.truncated);
}

/// Field names and values of the States Language, so that generated documents reach deep into
/// the validator's rules.
const KEYS: &[&str] = &[
    "StartAt",
    "States",
    "Type",
    "Next",
    "End",
    "Comment",
    "QueryLanguage",
    "Resource",
    "Parameters",
    "Arguments",
    "Output",
    "Assign",
    "InputPath",
    "OutputPath",
    "ResultPath",
    "ResultSelector",
    "Retry",
    "Catch",
    "ErrorEquals",
    "Choices",
    "Variable",
    "And",
    "Or",
    "Not",
    "Condition",
    "Default",
    "StringEquals",
    "NumericEqualsPath",
    "IsNull",
    "Branches",
    "ItemProcessor",
    "Iterator",
    "ProcessorConfig",
    "Mode",
    "ExecutionType",
    "ItemReader",
    "ReaderConfig",
    "ItemBatcher",
    "ResultWriter",
    "MaxConcurrency",
    "ToleratedFailurePercentage",
    "Label",
    "Items",
    "ItemsPath",
    "Seconds",
    "Timestamp",
    "SecondsPath",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Credentials",
    "RoleArn",
    "Error",
    "CausePath",
    "a.$",
    "A",
    "B",
    "x",
];
const STRINGS: &[&str] = &[
    "Pass",
    "Task",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "JSONata",
    "JSONPath",
    "A",
    "B",
    "$",
    "$.x",
    "$$.Execution.Id",
    "$var",
    "States.Format('{}', $.x)",
    "States.ALL",
    "{% $states.input %}",
    "{% 1 + %}",
    "arn:aws:states:::lambda:invoke",
    "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "arn:aws:states:us-east-1:123456789012:activity:a",
    "2016-03-14T01:59:00Z",
    "DISTRIBUTED",
    "INLINE",
    "EXPRESS",
    "",
];

fn asl_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        (-1e6f64..1e6).prop_map(|n| json!(n)),
        prop::sample::select(STRINGS).prop_map(|s| json!(s)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![prop::sample::select(KEYS).prop_map(str::to_owned), ".{0,8}"],
                    inner
                ),
                0..8
            )
            .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A valid skeleton with generated values in its states: documents close to valid ones.
fn asl_like() -> impl Strategy<Value = Value> {
    (asl_json(), asl_json(), prop::sample::select(STRINGS)).prop_map(
        |(a, b, ty)| json!({"StartAt": "A", "States": {"A": {"Type": ty, "Next": "B", "Parameters": a}, "B": b}}),
    )
}

/// ValidateStateMachineDefinition with `definition` answers 200 (or 400 for a definition
/// outside the model's length) with JSON, for both types, and changes nothing.
fn check_no_change(definition: &str) -> Result<(), TestCaseError> {
    let mut reg = registry();
    reg.create_state_machine(CreateStateMachineInput::new(
        "existing",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
        ROLE,
    ))
    .expect("created");
    let before = reg.snapshot().to_json();
    for kind in ["STANDARD", "EXPRESS"] {
        let body = json!({"definition": definition, "type": kind, "severity": "WARNING"}).to_string();
        let response = handle_json(
            &mut reg,
            &format!("{TARGET_PREFIX}ValidateStateMachineDefinition"),
            body.as_bytes(),
        );
        prop_assert!(
            response.status == 200 || (response.status == 400 && definition.is_empty()),
            "{}",
            response.status
        );
        let parsed: Value = serde_json::from_slice(&response.body).expect("JSON");
        if response.status == 200 {
            let diagnostics = parsed["diagnostics"].as_array().expect("diagnostics");
            let failed = parsed["result"] == "FAIL";
            prop_assert_eq!(failed, diagnostics.iter().any(|d| d["severity"] == "ERROR"));
        }
        prop_assert_eq!(&reg.snapshot().to_json(), &before);
    }
    // A refused CreateStateMachine changes nothing either.
    if reg
        .create_state_machine(CreateStateMachineInput::new("generated", definition, ROLE))
        .is_err()
    {
        prop_assert_eq!(&reg.snapshot().to_json(), &before);
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn no_string_makes_the_validator_panic(definition in ".{0,200}") {
        check_no_change(&definition)?;
    }

    #[test]
    fn no_bytes_make_the_validator_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_no_change(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn no_json_makes_the_validator_panic(value in asl_json()) {
        check_no_change(&value.to_string())?;
    }

    #[test]
    fn no_near_valid_definition_makes_the_validator_panic(value in asl_like()) {
        check_no_change(&value.to_string())?;
    }

    #[test]
    fn no_truncated_definition_makes_the_validator_panic(value in asl_like(), cut in 0.0f64..1.0) {
        let text = value.to_string();
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        check_no_change(&text[..at])?;
    }

    #[test]
    fn no_nesting_depth_makes_the_validator_panic(depth in 0usize..3000, open in prop::sample::select(&["[", "{\"a\":", "{\"Not\":"][..])) {
        let close = if open == "[" { "]" } else { "}" };
        let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        check_no_change(&nested)?;
        let choice = format!(
            r#"{{"StartAt": "C", "States": {{"C": {{"Type": "Choice", "Choices": [{{"Next": "D", "Not": {}{{"Variable": "$.x", "IsNull": true}}{}}}], "Default": "D"}}, "D": {{"Type": "Succeed"}}}}}}"#,
            "{\"Not\":".repeat(depth.min(900)),
            "}".repeat(depth.min(900))
        );
        check_no_change(&choice)?;
    }
}
