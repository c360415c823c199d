//! AWS's recorded answers for Amazon States Language definitions, verbatim: every
//! ValidateStateMachineDefinition response of aws-validation-and-edges.md §1.2 through
//! `handle_json`, byte for byte; every `InvalidDefinition` of §1.3 through CreateStateMachine;
//! and the diagnostics issue threads quote from real AWS (§1.4), each test naming its thread.

mod common;

use common::assert_err;
use serde_json::json;
use sfn_registry::dto::{CreateStateMachineInput, StateMachineType};
use sfn_registry::{ErrorCode, InMemoryRegistry, Registry, TARGET_PREFIX, handle_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";

fn registry() -> InMemoryRegistry {
    InMemoryRegistry::builder().seed(7).build().expect("valid scope")
}

/// ValidateStateMachineDefinition of `definition` for `kind`: the HTTP status and body.
fn validate(definition: &str, kind: &str) -> (u16, String) {
    let body = json!({"definition": definition, "type": kind}).to_string();
    let response = handle_json(
        &mut registry(),
        &format!("{TARGET_PREFIX}ValidateStateMachineDefinition"),
        body.as_bytes(),
    );
    (response.status, String::from_utf8(response.body).expect("UTF-8 body"))
}

/// The response body is exactly `expected` for both types.
#[track_caller]
fn assert_validates(definition: &str, kinds: &[&str], expected: &str) {
    for kind in kinds {
        assert_eq!(
            validate(definition, kind),
            (200, expected.to_owned()),
            "type {kind}: {definition}"
        );
    }
}

const BOTH: &[&str] = &["STANDARD", "EXPRESS"];
const OK: &str = r#"{"result":"OK","diagnostics":[],"truncated":false}"#;

/// CreateStateMachine of `definition`: `InvalidDefinition` with exactly `message`.
#[track_caller]
fn assert_create_refused(definition: &str, kind: StateMachineType, message: &str) {
    let mut input = CreateStateMachineInput::new("machine", definition, ROLE);
    input.r#type = Some(kind);
    assert_err(
        registry().create_state_machine(input),
        ErrorCode::InvalidDefinition,
        message,
    );
}

#[track_caller]
fn assert_created(definition: &str, kind: StateMachineType) {
    let mut input = CreateStateMachineInput::new("machine", definition, ROLE);
    input.r#type = Some(kind);
    if let Err(e) = registry().create_state_machine(input) {
        panic!("refused {definition}: {e}");
    }
}

// §1.2: test_sfn_api_validation.py (recorded 2025-10-19).

#[test]
fn not_a_definition_empty_string() {
    assert_validates(
        " ",
        &["STANDARD"],
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"Definition must be a valid JSON object"}],"truncated":false}"#,
    );
}

#[test]
fn not_a_definition_not_a_def() {
    assert_validates(
        "not a definition",
        &["STANDARD"],
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"INVALID_JSON_DESCRIPTION","message":"Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]","location":"[Source: (String)\"not a definition\"; line: 1, column: 4]"}],"truncated":false}"#,
    );
}

#[test]
fn not_a_definition_empty_dict() {
    assert_validates(
        "{}",
        &["STANDARD"],
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"These fields are required: [States, StartAt]","location":"/"}],"truncated":false}"#,
    );
}

#[test]
fn valid_base_pass() {
    assert_validates(
        r#"{"StartAt": "StartState", "States": {"StartState": {"Type": "Pass", "End": true}}}"#,
        BOTH,
        OK,
    );
}

#[test]
fn invalid_base_no_startat() {
    assert_validates(
        r#"{"States": {"StartState": {"Type": "Pass", "End": true}}}"#,
        BOTH,
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"These fields are required: [StartAt]","location":"/"}],"truncated":false}"#,
    );
}

#[test]
fn invalid_downgrade_query_language() {
    assert_validates(
        r#"{"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true, "QueryLanguage": "JSONPath"}}, "QueryLanguage": "JSONata"}"#,
        BOTH,
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine","location":"/States/Pass"}],"truncated":false}"#,
    );
}

#[test]
fn valid_query_language_pass() {
    let definition = json!({
        "QueryLanguage": "JSONPath",
        "StartAt": "Map",
        "States": {"Map": {
            "QueryLanguage": "JSONata",
            "Type": "Map",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Pass",
                "States": {"Pass": {"QueryLanguage": "JSONPath", "Type": "Pass", "End": true}}
            },
            "End": true
        }}
    });
    assert_validates(&definition.to_string(), BOTH, OK);
}

#[test]
fn illegal_wait_for_task_token_in_express() {
    let definition = r#"{"StartAt": "SendMessageWithWait", "States": {"SendMessageWithWait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl.$": "$.QueueUrl", "MessageBody": {"Message.$": "$.Message", "TaskToken.$": "$$.Task.Token"}}, "End": true}}}"#;
    assert_validates(
        definition,
        &["EXPRESS"],
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"Express state machine does not support '.waitForTaskToken' service integration ","location":"/States/SendMessageWithWait/Resource"}],"truncated":false}"#,
    );
    assert_validates(definition, &["STANDARD"], OK);
}

// §1.3: InvalidDefinition from CreateStateMachine.

#[test]
fn create_delete_invalid_sm() {
    assert_create_refused(
        r#"{"Comment": "BASE_INVALID_DER", "StartAt": "State_1"}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
    );
}

#[test]
fn illegal_callbacks_wait_for_task_token() {
    let definition = r#"{"Comment": "SNS_PUBLISH_WAIT_FOR_TASK_TOKEN", "StartAt": "Publish", "States": {"Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken", "Parameters": {"TopicArn.$": "$.TopicArn", "Message": {"TaskToken.$": "$$.Task.Token", "arg1.$": "$.body.arg1"}}, "End": true}}}"#;
    assert_create_refused(
        definition,
        StateMachineType::Express,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/Publish/Resource'",
    );
    assert_created(definition, StateMachineType::Standard);
}

#[test]
fn illegal_callbacks_sync() {
    let definition = r#"{"StartAt": "StartExecution", "States": {"StartExecution": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "Parameters": {"StateMachineArn.$": "$.StateMachineArn", "Input.$": "$.Input", "Name.$": "$.Name"}, "End": true}}}"#;
    assert_create_refused(
        definition,
        StateMachineType::Express,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/StartExecution/Resource'",
    );
    assert_created(definition, StateMachineType::Standard);
}

#[test]
fn illegal_activity_task() {
    let definition = r#"{"StartAt": "ActivityTask", "States": {"ActivityTask": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:activity-1", "End": true}}}"#;
    assert_create_refused(
        definition,
        StateMachineType::Express,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/ActivityTask/Resource'",
    );
    assert_created(definition, StateMachineType::Standard);
}

#[test]
fn invalid_credentials_field() {
    for credentials in [json!({}), json!({"InvalidField": "invalid"})] {
        let definition = json!({
            "QueryLanguage": "JSONata",
            "StartAt": "State0",
            "States": {"State0": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": "{% $state.input %}",
                "Credentials": credentials,
                "End": true
            }}
        });
        assert_create_refused(
            &definition.to_string(),
            StateMachineType::Standard,
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials'",
        );
    }
}

fn wait_until(timestamp: &str) -> String {
    json!({"Comment": "WAIT_TIMESTAMP", "StartAt": "WaitUntil", "States": {"WaitUntil": {"Type": "Wait", "Timestamp": timestamp, "End": true}}}).to_string()
}

#[test]
fn wait_timestamp_invalid() {
    for timestamp in [
        "2016-12-05 21:29:29Z",
        "2016-12-05T21:29:29",
        "2016-13-05T21:29:29Z",
        "2016-12-05T25:29:29Z",
        "05-12-2016T21:29:29Z",
        "{% '2016-03-14T01:59:00Z' %}",
    ] {
        assert_create_refused(
            &wait_until(timestamp),
            StateMachineType::Standard,
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'",
        );
    }
}

#[test]
fn wait_timestamp_valid() {
    for timestamp in ["2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252Z"] {
        assert_created(&wait_until(timestamp), StateMachineType::Standard);
    }
}

#[test]
fn illegal_escapes_in_intrinsic_functions() {
    for parsed in [
        r#"States.StringToJson('{"text":"An \"escaped double quote\" here"}')"#,
        r#"States.Format('He said, \"Hello, {}!\"', 'Test \"Name\" Here')"#,
    ] {
        let definition = json!({
            "StartAt": "IntrinsicEscape",
            "States": {"IntrinsicEscape": {"Type": "Pass", "Parameters": {"parsed.$": parsed}, "End": true}}
        });
        assert_create_refused(
            &definition.to_string(),
            StateMachineType::Standard,
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/IntrinsicEscape/Parameters'",
        );
    }
}

#[test]
fn invalid_integration() {
    let definition = r#"{"StartAt": "Query", "States": {"Query": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:query", "Parameters": {"TableName": "table", "KeyConditionExpression": "id = :id"}, "End": true}}}"#;
    assert_create_refused(
        definition,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/Query/Resource'",
    );
    assert_created(
        &definition.replace("dynamodb:query", "aws-sdk:dynamodb:query"),
        StateMachineType::Standard,
    );
}

#[test]
fn state_name_invalid_state_definition() {
    assert_create_refused(
        r#"{"StartAt": "ExistingButInvalidState", "States": {"ExistingButInvalidState": {"Type": "TypeThatDoesNotExist", "End": true}}}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/ExistingButInvalidState/Type'",
    );
}

#[test]
fn parallel_state_empty_branches() {
    assert_create_refused(
        r#"{"StartAt": "StateName", "States": {"StateName": {"Type": "Parallel", "Branches": [], "End": true}}}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'",
    );
}

// §1.4: diagnostics real AWS gave, as issue threads quote them.

/// localstack/localstack#11978 and PR #12487.
#[test]
fn localstack_11978_missing_target_then_unreachable() {
    assert_create_refused(
        r#"{"StartAt": "pass1", "States": {"pass1": {"Type": "Pass", "Next": "pass3"}, "pass2": {"Type": "Pass", "End": true}}}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
    );
}

/// aws-cloudformation/cfn-lint#4074: the word is `Next` for `StartAt` too; a state named only
/// by an unreachable one is not reported.
#[test]
fn cfn_lint_4074_start_at_names_no_state() {
    assert_create_refused(
        r#"{"StartAt": "Not sure", "States": {"Pass One": {"Type": "Pass", "Next": "Success"}, "Success": {"Type": "Succeed"}}}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt, MISSING_TRANSITION_TARGET: State \"Pass One\" is not reachable. at /States/Pass One'",
    );
}

/// aws-cloudformation/cfn-lint#4073.
#[test]
fn cfn_lint_4073_unreachable_state() {
    assert_create_refused(
        r#"{"StartAt": "Start", "States": {"Start": {"Type": "Pass", "End": true}, "Unreachable pass": {"Type": "Pass", "End": true}}}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: State \"Unreachable pass\" is not reachable. at /States/Unreachable pass'",
    );
}

/// aws-cloudformation/cfn-lint#4077 (the thread cuts the text after `/States/Choice/Ch`).
#[test]
fn cfn_lint_4077_choice_rule_without_next() {
    let definition = r#"{"StartAt": "Choice", "States": {"Choice": {"Type": "Choice", "Choices": [{"Variable": "$", "StringMatches": "Test"}], "Default": "Done"}, "Done": {"Type": "Succeed"}}}"#;
    let quoted = "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/Choice/Ch";
    let mut input = CreateStateMachineInput::new("machine", definition, ROLE);
    input.r#type = Some(StateMachineType::Standard);
    let e = registry().create_state_machine(input).expect_err("refused");
    assert_eq!(e.code(), ErrorCode::InvalidDefinition);
    assert!(e.message().starts_with(quoted), "{}", e.message());
    assert_eq!(e.message(), format!("{quoted}oices[0]'"));
}

/// serverless-step-functions#250.
#[test]
fn serverless_250_start_at_missing() {
    assert_create_refused(
        r#"{"StartAt": "aws_own.run_step", "States": {"run_step": {"Type": "Pass", "End": true}}}"#,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: aws_own.run_step at /StartAt, MISSING_TRANSITION_TARGET: State \"run_step\" is not reachable. at /States/run_step'",
    );
}

const LOOP: &str = r#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}"#;

/// floci-io/floci#2735 / PR #2786: a loop has no terminal state; no location.
#[test]
fn floci_2735_no_terminal_state() {
    let definition = format!(r#"{{"StartAt": "A", "States": {{{LOOP}}}}}"#);
    assert_validates(
        &definition,
        BOTH,
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"MISSING_END_STATE","message":"Workflow has no terminal state"}],"truncated":false}"#,
    );
    assert_create_refused(
        &definition,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
    );
}

/// floci-io/floci#2735: `MISSING_END_STATE` suppresses the unreachable-state walk.
#[test]
fn floci_2735_no_terminal_state_suppresses_unreachable() {
    let definition = format!(r#"{{"StartAt": "A", "States": {{{LOOP}, "C": {{"Type": "Pass", "Next": "A"}}}}}}"#);
    assert_create_refused(
        &definition,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
    );
}

/// floci-io/floci#2735: an unreachable terminal state is a terminal state.
#[test]
fn floci_2735_unreachable_terminal_state() {
    let definition = format!(r#"{{"StartAt": "A", "States": {{{LOOP}, "C": {{"Type": "Succeed"}}}}}}"#);
    assert_create_refused(
        &definition,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: State \"C\" is not reachable. at /States/C'",
    );
}

/// floci-io/floci#2735: a missing target, then the missing end state, in this order.
#[test]
fn floci_2735_missing_target_then_no_terminal_state() {
    assert_validates(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "NOPE"}}}"#,
        BOTH,
        r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"MISSING_TRANSITION_TARGET","message":"Missing 'Next' target: NOPE","location":"/States/A/Next"},{"severity":"ERROR","code":"MISSING_END_STATE","message":"Workflow has no terminal state"}],"truncated":false}"#,
    );
}

/// floci-io/floci#2735: every transition field says `Next`, at its own location.
#[test]
fn floci_2735_dangling_choice_default_and_catch() {
    let choice = r#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "NOPE"}], "Default": "End"}, "End": {"Type": "Succeed"}}}"#;
    assert_create_refused(
        choice,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/C/Choices[0]/Next'",
    );
    let default = r#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "End"}], "Default": "NOPE"}, "End": {"Type": "Succeed"}}}"#;
    assert_create_refused(
        default,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/A/Default'",
    );
    let catch = r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "NOPE"}], "End": true}}}"#;
    assert_create_refused(
        catch,
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/T/Catch[0]/Next'",
    );
}

/// floci-io/floci#2735 (comment): fields a state type does not take, reported at the state.
#[test]
fn floci_2735_field_not_supported() {
    let state = |ty: &str, extra: &str| {
        let end = if matches!(ty, "Choice" | "Succeed" | "Fail") {
            ""
        } else {
            r#", "End": true"#
        };
        let body = match ty {
            "Map" => r#", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}"#,
            "Parallel" => r#", "Branches": [{"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}]"#,
            "Wait" => r#", "Seconds": 1"#,
            "Choice" => r#", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}], "Default": "Done""#,
            _ => "",
        };
        format!(
            r#"{{"StartAt": "S", "States": {{"S": {{"Type": "{ty}"{body}{end}, {extra}}}, "Done": {{"Type": "Succeed"}}}}}}"#
        )
    };
    for ty in ["Pass", "Wait", "Choice", "Succeed", "Fail", "Map", "Parallel"] {
        let definition = state(ty, r#""TimeoutSeconds": 5"#);
        let (status, body) = validate(&definition, "STANDARD");
        assert_eq!(status, 200);
        assert_eq!(
            body,
            r#"{"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"Field 'TimeoutSeconds' is not supported","location":"/States/S"}],"truncated":false}"#,
            "{ty}"
        );
    }
    for ty in ["Pass", "Wait", "Choice", "Succeed", "Fail"] {
        for field in ["Catch", "Retry"] {
            let definition = state(ty, &format!(r#""{field}": []"#));
            let expected = format!(
                r#"{{"result":"FAIL","diagnostics":[{{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"Field '{field}' is not supported","location":"/States/S"}}],"truncated":false}}"#
            );
            assert_eq!(validate(&definition, "STANDARD"), (200, expected), "{field} on {ty}");
        }
    }
}

/// floci-io/floci#2968: a JSONata-only field in a JSONPath state nested in a JSONata Map; the
/// inner state inherits the state machine's language, not the Map's.
#[test]
fn floci_2968_jsonata_field_in_inherited_jsonpath_state() {
    let definition = json!({
        "StartAt": "M",
        "States": {"M": {
            "Type": "Map",
            "QueryLanguage": "JSONata",
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}},
            "End": true
        }}
    });
    assert_create_refused(
        &definition.to_string(),
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/M/ItemProcessor/States/P'",
    );
}

/// floci-io/floci#2968: `QueryLanguage` is not a field of `ItemProcessor`.
#[test]
fn floci_2968_query_language_on_item_processor() {
    let definition = json!({
        "StartAt": "M",
        "States": {"M": {
            "Type": "Map",
            "ItemProcessor": {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true
        }}
    });
    assert_create_refused(
        &definition.to_string(),
        StateMachineType::Standard,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor'",
    );
}
