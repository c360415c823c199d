//! The Amazon States Language rules of `AslValidator`, one by one: what each refuses, with the
//! code, message and location it reports (AWS's where recorded, the crate's documented wording
//! otherwise), and neighbouring definitions each rule must accept.
//!
//! Definitions are written with `json!`, which writes object keys in alphabetical order: where
//! a definition has several faults, the diagnostics come in that document order.

use serde_json::{Value, json};
use sfn_registry::dto::StateMachineType;
use sfn_registry::{AslValidator, DefinitionValidator};

/// The error diagnostics of `definition` for `kind`, as `<code>: <message> at <location>`.
fn errors_of(definition: &str, kind: &StateMachineType) -> Vec<String> {
    AslValidator
        .validate(definition, kind)
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

#[track_caller]
fn assert_errors(definition: &Value, expected: &[&str]) {
    let text = definition.to_string();
    assert_eq!(errors_of(&text, &StateMachineType::Standard), expected, "{text}");
}

#[track_caller]
fn assert_express_errors(definition: &Value, expected: &[&str]) {
    let text = definition.to_string();
    assert_eq!(errors_of(&text, &StateMachineType::Express), expected, "{text}");
}

#[track_caller]
fn assert_valid(definition: &Value) {
    assert_errors(definition, &[]);
}

/// A one-state machine around `state` (named `S`).
fn single(state: Value) -> Value {
    json!({"StartAt": "S", "States": {"S": state}})
}

/// A one-state JSONata machine around `state` (named `S`).
fn jsonata(state: Value) -> Value {
    json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": state}})
}

fn task(extra: Value) -> Value {
    let mut state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true});
    merge(&mut state, extra);
    state
}

fn merge(into: &mut Value, extra: Value) {
    if let (Value::Object(into), Value::Object(extra)) = (into, extra) {
        for (k, v) in extra {
            if v.is_null() {
                into.remove(&k);
            } else {
                into.insert(k, v);
            }
        }
    }
}

#[test]
fn definitions_that_are_not_json_objects() {
    for text in ["[]", "1", "\"x\"", "null", "true", "", "\n\t "] {
        assert_eq!(
            errors_of(text, &StateMachineType::Standard),
            ["SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null"],
            "{text:?}"
        );
    }
}

#[test]
fn json_errors_are_jacksons() {
    assert_eq!(
        errors_of("{\"StartAt\": \"A\",}", &StateMachineType::Standard),
        [
            "INVALID_JSON_DESCRIPTION: Unexpected character ('}' (code 125)): was expecting double-quote to start field name\n at [Source: (String)\"{\"StartAt\": \"A\",}\"; line: 1, column: 18] at [Source: (String)\"{\"StartAt\": \"A\",}\"; line: 1, column: 18]"
        ]
    );
    let deep = format!("{}{}", "[".repeat(1001), "]".repeat(1001));
    let found = AslValidator.validate(&deep, &StateMachineType::Standard);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "INVALID_JSON_DESCRIPTION");
    assert_eq!(
        found[0].message,
        "Depth (1001) exceeds the maximum allowed nesting depth (1000)"
    );
    assert_eq!(found[0].location, None);
    let big = format!("{{\"Comment\": \"{}\", ", "x".repeat(2_000_000));
    let found = AslValidator.validate(&big, &StateMachineType::Standard);
    assert_eq!(
        found[0].location.as_deref(),
        Some("[Source: (StringReader); line: 1, column: 2000017]"),
        "a long definition is not echoed"
    );
}

#[test]
fn text_after_the_definition_is_not_read() {
    // Jackson's `readTree` stops after the first value, as AWS's parser does by default.
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}} trailing words"#;
    assert!(errors_of(text, &StateMachineType::Standard).is_empty());
}

#[test]
fn duplicate_keys_are_read_as_jackson_reads_them() {
    let text = r#"{"StartAt": "Nope", "States": {"A": {"Type": "Pass", "End": true}}, "StartAt": "A"}"#;
    assert!(errors_of(text, &StateMachineType::Standard).is_empty());
    let text =
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "A": {"Type": "Pass", "End": true}}}"#;
    assert!(errors_of(text, &StateMachineType::Standard).is_empty());
}

#[test]
fn top_level_fields() {
    let mut definition = single(json!({"Type": "Pass", "End": true}));
    merge(
        &mut definition,
        json!({"Comment": 1, "Version": "1.0", "TimeoutSeconds": -1, "QueryLanguage": "YAML", "Foo": true}),
    );
    assert_errors(
        &definition,
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Comment' must be a string at /Comment",
            "SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /",
            "SCHEMA_VALIDATION_FAILED: The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata] at /QueryLanguage",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'TimeoutSeconds' must be an integer between 0 and 99999999 at /TimeoutSeconds",
        ],
    );
    assert_errors(
        &json!({"StartAt": 1, "States": []}),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'StartAt' must be a string at /StartAt",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'States' must be an object at /States",
        ],
    );
    let mut definition = single(json!({"Type": "Pass", "End": true}));
    merge(
        &mut definition,
        json!({"Comment": "c", "Version": "1.0", "TimeoutSeconds": 3600}),
    );
    assert_valid(&definition);
}

#[test]
fn states_and_their_types() {
    assert_errors(
        &single(json!(1)),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'S' must be an object at /States/S"],
    );
    assert_errors(
        &single(json!({"End": true})),
        &["SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/S"],
    );
    assert_errors(
        &single(json!({"Type": 5, "End": true})),
        &[
            "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/S/Type",
        ],
    );
    assert_errors(
        &single(json!({"Type": "Pass", "End": true, "Unknown": 1, "Resource": "x"})),
        &[
            "SCHEMA_VALIDATION_FAILED: Field 'Resource' is not supported at /States/S",
            "SCHEMA_VALIDATION_FAILED: Field 'Unknown' is not supported at /States/S",
        ],
    );
    let long = "n".repeat(81);
    assert_errors(
        &json!({"StartAt": long, "States": {long.clone(): {"Type": "Succeed"}}}),
        &[&format!(
            "INVALID_STATE_NAME: State names must be at most 80 characters long at /States/{long}"
        )],
    );
    let exact = "é".repeat(80);
    assert_valid(&json!({"StartAt": exact, "States": {exact.clone(): {"Type": "Succeed"}}}));
    // Lengths count UTF-16 code units, as AWS (Java) counts them: 41 emoji are 82 units.
    let wide = "😀".repeat(41);
    assert_errors(
        &json!({"StartAt": wide, "States": {wide.clone(): {"Type": "Succeed"}}}),
        &[&format!(
            "INVALID_STATE_NAME: State names must be at most 80 characters long at /States/{wide}"
        )],
    );
}

#[test]
fn next_and_end() {
    assert_errors(
        &single(json!({"Type": "Pass"})),
        &["SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: [Next, End] at /States/S"],
    );
    assert_errors(
        &single(json!({"Type": "Pass", "End": false})),
        &["SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: [Next, End] at /States/S"],
    );
    assert_errors(
        &single(json!({"Type": "Pass", "Next": "S", "End": true})),
        &["SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [Next, End] at /States/S"],
    );
    // One fault, one diagnostic: an `End` that is not a boolean is still an `End`.
    assert_errors(
        &single(json!({"Type": "Pass", "End": "yes"})),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'End' must be a boolean at /States/S/End"],
    );
    for ty in ["Succeed", "Fail"] {
        assert_errors(
            &single(json!({"Type": ty, "Next": "S"})),
            &["SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/S"],
        );
    }
    assert_valid(
        &json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": false}, "B": {"Type": "Succeed"}}}),
    );
}

#[test]
fn paths() {
    assert_valid(&single(
        json!({"Type": "Pass", "InputPath": null, "OutputPath": "$.a[0]", "ResultPath": null, "End": true}),
    ));
    assert_valid(&single(
        json!({"Type": "Pass", "InputPath": "$$.Execution.Input", "ResultPath": "$.r", "End": true}),
    ));
    assert_errors(
        &single(json!({"Type": "Pass", "InputPath": "a.b", "ResultPath": "$$.Execution", "End": true})),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/S/InputPath",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid ReferencePath at /States/S/ResultPath",
        ],
    );
}

#[test]
fn payload_templates() {
    let parameters = json!({
        "path.$": "$.a",
        "context.$": "$$.Execution.Id",
        "variable.$": "$var.field",
        "call.$": "States.Format('{} {}', $.a, States.UUID())",
        "literal": "$.not evaluated",
        "nested": {"deep": [{"x.$": "$.b"}]}
    });
    assert_valid(&single(json!({"Type": "Pass", "Parameters": parameters, "End": true})));
    for bad in [
        json!({"x.$": 5}),
        json!({"x.$": "no path"}),
        json!({"a": [{"b": {"x.$": "States.Nope("}}]}),
    ] {
        assert_errors(
            &single(json!({"Type": "Pass", "Parameters": bad, "End": true})),
            &[
                "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters",
            ],
        );
    }
    assert_errors(
        &single(task(
            json!({"ResultSelector": {"r.$": "bad"}, "Assign": {"v.$": "bad"}}),
        )),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Assign",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'r.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/ResultSelector",
        ],
    );
    assert_errors(
        &single(json!({"Type": "Pass", "Assign": [1], "End": true})),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'Assign' must be an object at /States/S/Assign"],
    );
}

#[test]
fn task_states() {
    assert_errors(
        &single(json!({"Type": "Task", "End": true})),
        &["SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/S"],
    );
    assert_errors(
        &single(task(json!({"TimeoutSeconds": 0, "HeartbeatSeconds": 1.5}))),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'HeartbeatSeconds' must be an integer between 1 and 99999999 at /States/S/HeartbeatSeconds",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'TimeoutSeconds' must be an integer between 1 and 99999999 at /States/S/TimeoutSeconds",
        ],
    );
    assert_errors(
        &single(task(json!({"TimeoutSeconds": 10, "HeartbeatSeconds": 10}))),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds' at /States/S/HeartbeatSeconds",
        ],
    );
    assert_errors(
        &single(task(json!({"TimeoutSeconds": 10, "TimeoutSecondsPath": "$.t"}))),
        &[
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [TimeoutSeconds, TimeoutSecondsPath] at /States/S",
        ],
    );
    assert_valid(&single(task(
        json!({"TimeoutSeconds": 10, "HeartbeatSeconds": 9.0, "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/r"}}),
    )));
    assert_valid(&single(task(
        json!({"TimeoutSecondsPath": "$.t", "HeartbeatSecondsPath": "$$.Execution.Input.h", "Credentials": {"RoleArn.$": "$.role"}}),
    )));
    assert_errors(
        &single(task(json!({"Credentials": {"RoleArn.$": "role"}}))),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'RoleArn.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Credentials",
        ],
    );
    assert_errors(
        &single(task(json!({"Credentials": "arn:aws:iam::123456789012:role/r"}))),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'Credentials' must be an object at /States/S/Credentials"],
    );
}

#[test]
fn task_resources() {
    for resource in [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::sqs:sendMessage",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::batch:submitJob.sync",
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::events:putEvents.waitForTaskToken",
        "arn:aws:states:::apigateway:invoke",
        "arn:aws:states:::http:invoke",
        "arn:aws:states:::athena:startQueryExecution.sync",
        "arn:aws:states:::bedrock:invokeModel",
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::eks:runJob.sync",
        "arn:aws:states:::emr-serverless:startJobRun.sync",
        "arn:aws:states:::aws-sdk:s3:listObjectsV2",
        "arn:aws:states:::aws-sdk:dynamodb:query",
        "arn:aws-us-gov:states:::lambda:invoke",
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:lambda:us-east-1:123456789012:function:f:live",
        "arn:aws:states:us-east-1:123456789012:activity:a",
    ] {
        assert_valid(&single(task(json!({"Resource": resource}))));
    }
    // A service the validator does not know is accepted: AWS adds optimised integrations.
    assert_valid(&single(task(
        json!({"Resource": "arn:aws:states:::bedrockagentcore:invokeHarness"}),
    )));
    for resource in [
        "foo",
        "arn:aws:states:::sqs:receiveMessage",
        "arn:aws:states:::lambda:invoke.later",
        "arn:aws:states:::lambda",
    ] {
        assert_errors(
            &single(task(json!({"Resource": resource}))),
            &[&format!(
                "SCHEMA_VALIDATION_FAILED: The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/S/Resource"
            )],
        );
    }
    assert_errors(
        &single(task(json!({"Resource": 1}))),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'Resource' must be a string at /States/S/Resource"],
    );
}

#[test]
fn express_rules_apply_to_the_express_execution_only() {
    let inline = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {
        "StartAt": "T",
        "States": {"T": task(json!({"Resource": "arn:aws:states:::ecs:runTask.sync"}))}
    }, "End": true}}});
    assert_express_errors(
        &inline,
        &[
            "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/M/ItemProcessor/States/T/Resource",
        ],
    );
    let branch = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{
        "StartAt": "T",
        "States": {"T": task(json!({"Resource": "arn:aws:states:us-east-1:123456789012:activity:a"}))}
    }], "End": true}}});
    assert_express_errors(
        &branch,
        &[
            "SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/P/Branches[0]/States/T/Resource",
        ],
    );
    let distributed = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "T",
        "States": {"T": task(json!({"Resource": "arn:aws:states:::ecs:runTask.sync"}))}
    }, "End": true}}});
    assert_express_errors(&distributed, &[]);
    assert_express_errors(
        &single(task(
            json!({"Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess"}),
        )),
        &[],
    );
}

#[test]
fn choice_rules() {
    let choice = |rules: Value| json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": rules, "Default": "D"}, "D": {"Type": "Succeed"}}});
    let every_operator = json!([
        {"Variable": "$.s", "StringEquals": "a", "Next": "D"},
        {"Variable": "$.s", "StringEqualsPath": "$.t", "Next": "D"},
        {"Variable": "$.s", "StringLessThan": "a", "Next": "D"},
        {"Variable": "$.s", "StringGreaterThanEqualsPath": "$$.Execution.Input.x", "Next": "D"},
        {"Variable": "$.s", "StringMatches": "log-*.txt", "Next": "D"},
        {"Variable": "$.n", "NumericEquals": 1, "Next": "D"},
        {"Variable": "$.n", "NumericLessThanEqualsPath": "$.m", "Next": "D"},
        {"Variable": "$.n", "NumericGreaterThan": -1.5e3, "Next": "D"},
        {"Variable": "$.b", "BooleanEquals": true, "Next": "D"},
        {"Variable": "$.b", "BooleanEqualsPath": "$.c", "Next": "D"},
        {"Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:00Z", "Next": "D"},
        {"Variable": "$.t", "TimestampLessThanPath": "$.u", "Next": "D"},
        {"Variable": "$.x", "IsNull": false, "Next": "D"},
        {"Variable": "$.x", "IsPresent": true, "Next": "D"},
        {"Variable": "$.x", "IsNumeric": true, "Next": "D"},
        {"Variable": "$.x", "IsString": true, "Next": "D"},
        {"Variable": "$.x", "IsBoolean": true, "Next": "D"},
        {"Variable": "$.x", "IsTimestamp": true, "Next": "D"},
        {"Variable": "$var.x", "IsPresent": true, "Next": "D", "Comment": "a variable", "Assign": {"seen": true}},
        {"And": [{"Variable": "$.a", "IsPresent": true}, {"Or": [{"Variable": "$.b", "IsNull": true}, {"Not": {"Variable": "$.c", "StringEquals": "x"}}]}], "Next": "D"}
    ]);
    assert_valid(&choice(every_operator));
    assert_errors(
        &choice(json!([])),
        &["SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices"],
    );
    assert_errors(
        &choice(json!([{"Variable": "$.x", "IsPresent": true}])),
        &["SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/C/Choices[0]"],
    );
    assert_errors(
        &choice(json!([{"Variable": "$.x", "Next": "D"}])),
        &["SCHEMA_VALIDATION_FAILED: Exactly one comparison operator is required at /States/C/Choices[0]"],
    );
    assert_errors(
        &choice(json!([{"Variable": "$.x", "IsNull": true, "IsString": true, "Next": "D"}])),
        &["SCHEMA_VALIDATION_FAILED: Exactly one comparison operator is required at /States/C/Choices[0]"],
    );
    assert_errors(
        &choice(json!([{"IsNull": true, "Next": "D"}])),
        &["SCHEMA_VALIDATION_FAILED: These fields are required: [Variable] at /States/C/Choices[0]"],
    );
    assert_errors(
        &choice(json!([{"Variable": "x", "NumericEquals": "1", "Next": "D"}])),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'NumericEquals' must be a number at /States/C/Choices[0]/NumericEquals",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Variable' must be a valid ReferencePath at /States/C/Choices[0]/Variable",
        ],
    );
    assert_errors(
        &choice(json!([{"Not": {"Variable": "$.x", "IsNull": true, "Next": "D"}, "Next": "D"}])),
        &["SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/C/Choices[0]/Not"],
    );
    assert_errors(
        &choice(json!([{"And": [], "Or": [{"Variable": "$.x", "IsNull": true}, 3], "Next": "D"}])),
        &[
            "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices[0]/And",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Or[1]' must be an object at /States/C/Choices[0]/Or[1]",
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [And, Or] at /States/C/Choices[0]",
        ],
    );
    assert_errors(
        &choice(
            json!([{"Variable": "$.x", "IsNull": true, "Next": "D", "And": [{"Variable": "$.y", "IsNull": true}]}]),
        ),
        &[
            "SCHEMA_VALIDATION_FAILED: Field 'IsNull' is not supported at /States/C/Choices[0]",
            "SCHEMA_VALIDATION_FAILED: Field 'Variable' is not supported at /States/C/Choices[0]",
        ],
    );
    assert_errors(
        &json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "D"}], "End": true}, "D": {"Type": "Succeed"}}}),
        &["SCHEMA_VALIDATION_FAILED: Field 'End' is not supported at /States/C"],
    );
    assert_errors(
        &json!({"StartAt": "C", "States": {"C": {"Type": "Choice"}}}),
        &["SCHEMA_VALIDATION_FAILED: These fields are required: [Choices] at /States/C"],
    );
}

#[test]
fn deeply_nested_choice_rules_do_not_overflow() {
    let mut rule = json!({"Variable": "$.x", "IsNull": true});
    for _ in 0..450 {
        rule = json!({"Not": rule});
    }
    let mut top = rule;
    merge(&mut top, json!({"Next": "D"}));
    let definition =
        json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [top]}, "D": {"Type": "Succeed"}}});
    let text = definition.to_string();
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || errors_of(&text, &StateMachineType::Standard))
        .expect("thread")
        .join()
        .expect("no stack overflow");
    assert!(result.is_empty(), "{result:?}");
}

#[test]
fn wait_states() {
    for field in [
        json!({"Seconds": 0}),
        json!({"SecondsPath": "$.s"}),
        json!({"Timestamp": "2016-03-14T01:59:00+01:00"}),
        json!({"TimestampPath": "$.t"}),
    ] {
        let mut state = json!({"Type": "Wait", "End": true});
        merge(&mut state, field);
        assert_valid(&single(state));
    }
    assert_errors(
        &single(json!({"Type": "Wait", "End": true})),
        &[
            "SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath] at /States/S",
        ],
    );
    assert_errors(
        &single(json!({"Type": "Wait", "Seconds": -1, "Timestamp": "2016-03-14T01:59:00Z", "End": true})),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Seconds' must be an integer between 0 and 99999999 at /States/S/Seconds",
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [Seconds, Timestamp] at /States/S",
        ],
    );
}

#[test]
fn fail_states() {
    assert_valid(&single(json!({"Type": "Fail", "Error": "E", "Cause": "c"})));
    assert_valid(&single(
        json!({"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('{}', $.c)"}),
    ));
    assert_errors(
        &single(json!({"Type": "Fail", "Error": "E", "ErrorPath": "$.e", "CausePath": "c", "OutputPath": "$"})),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call at /States/S/CausePath",
            "SCHEMA_VALIDATION_FAILED: Field 'OutputPath' is not supported at /States/S",
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [Error, ErrorPath] at /States/S",
        ],
    );
}

#[test]
fn parallel_states() {
    let parallel = |branches: Value| json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": branches, "End": true}}});
    assert_valid(&parallel(json!([
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}, "Comment": "two"}
    ])));
    assert_errors(
        &parallel(json!([{"States": {"A": {"Type": "Pass", "End": true}}}, 7])),
        &[
            "SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /States/P/Branches[0]",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Branches[1]' must be an object at /States/P/Branches[1]",
        ],
    );
    // A branch may not leave its container, and needs a terminal state of its own.
    assert_errors(
        &json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Done"}}}], "Next": "Done"},
            "Done": {"Type": "Succeed"}
        }}),
        &[
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Done at /States/P/Branches[0]/States/A/Next",
            "MISSING_END_STATE: Workflow has no terminal state at null",
        ],
    );
    assert_errors(
        &json!({"StartAt": "A", "States": {
            "A": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}], "End": true}
        }}),
        &["DUPLICATE_STATE_NAME: Duplicate State name: A at /States/A/Branches[0]/States/A"],
    );
}

#[test]
fn map_states() {
    let map = |fields: Value| {
        let mut state = json!({"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true});
        merge(&mut state, fields);
        single(state)
    };
    assert_valid(&map(
        json!({"ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "MaxConcurrency": 0}),
    ));
    assert_valid(&map(
        json!({"ItemProcessor": null, "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "Parameters": {"a": 1}}),
    ));
    let distributed = json!({
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 10}, "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
        "ItemBatcher": {"MaxItemsPerBatch": 10, "MaxInputBytesPerBatch": 1024, "BatchInput": {"k.$": "$.k"}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}, "WriterConfig": {"OutputType": "JSONL"}},
        "ToleratedFailurePercentage": 5.5,
        "ToleratedFailureCount": 3,
        "Label": "My-Map_1"
    });
    assert_valid(&map(distributed));
    assert_errors(
        &map(json!({"ItemProcessor": null})),
        &["SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: [ItemProcessor, Iterator] at /States/S"],
    );
    assert_errors(
        &map(
            json!({"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}),
        ),
        &[
            "SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType] at /States/S/ItemProcessor/ProcessorConfig",
        ],
    );
    assert_errors(
        &map(
            json!({"ItemProcessor": {"ProcessorConfig": {"Mode": "PARALLEL"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}),
        ),
        &[
            "SCHEMA_VALIDATION_FAILED: The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED] at /States/S/ItemProcessor/ProcessorConfig/Mode",
        ],
    );
    assert_errors(
        &map(
            json!({"ItemReader": {"ReaderConfig": {"MaxItems": 0}}, "ItemBatcher": {}, "ToleratedFailurePercentage": 101, "MaxConcurrency": -1}),
        ),
        &[
            "SCHEMA_VALIDATION_FAILED: At least one of these fields is required: [MaxItemsPerBatch, MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath] at /States/S/ItemBatcher",
            "SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/S/ItemReader",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'MaxItems' must be an integer between 1 and 100000000 at /States/S/ItemReader/ReaderConfig/MaxItems",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'MaxConcurrency' must be a non-negative integer at /States/S/MaxConcurrency",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'ToleratedFailurePercentage' must be a number between 0 and 100 at /States/S/ToleratedFailurePercentage",
        ],
    );
    assert_errors(
        &map(json!({"ItemSelector": {}, "Parameters": {}, "MaxConcurrency": 1, "MaxConcurrencyPath": "$.m"})),
        &[
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [ItemSelector, Parameters] at /States/S",
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [MaxConcurrency, MaxConcurrencyPath] at /States/S",
        ],
    );
    assert_errors(
        &map(json!({"Label": "has space"})),
        &[
            "INVALID_LABEL_NAME: The value for the field 'Label' must be 1 to 40 characters, none of them white space, a control character or one of <>{}[]?*\"#%\\^|~`$&,;:/ at /States/S/Label",
        ],
    );
    let inner = json!({"Type": "Map", "Label": "L", "ItemProcessor": {"StartAt": "J", "States": {"J": {"Type": "Succeed"}}}, "End": true});
    assert_errors(
        &map(json!({"Label": "L", "ItemProcessor": {"StartAt": "I", "States": {"I": inner}}})),
        // The outer Map's `Label` comes after its `ItemProcessor` in the text: it is the second.
        &["DUPLICATE_LABEL_NAME: Duplicate Label name: L at /States/S/Label"],
    );
}

#[test]
fn retriers_and_catchers() {
    let retry = json!([
        {"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 0, "BackoffRate": 1, "MaxDelaySeconds": 10, "JitterStrategy": "FULL", "Comment": "c"},
        {"ErrorEquals": ["States.ALL"]}
    ]);
    let catch = json!([{"ErrorEquals": ["States.ALL"], "Next": "S", "ResultPath": "$.error", "Assign": {"failed": true}, "Comment": "c"}]);
    assert_valid(&single(task(json!({"Retry": retry, "Catch": catch}))));
    assert_errors(
        &single(task(json!({"Retry": [
            {"ErrorEquals": ["States.ALL", "X"], "BackoffRate": 0.5, "JitterStrategy": "SOME", "Extra": 1},
            {"ErrorEquals": []},
            {"IntervalSeconds": 0}
        ]}))),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'BackoffRate' must be a number greater than or equal to 1.0 at /States/S/Retry[0]/BackoffRate",
            "SCHEMA_VALIDATION_FAILED: Field 'Extra' is not supported at /States/S/Retry[0]",
            "SCHEMA_VALIDATION_FAILED: The field 'JitterStrategy' should have one of these values: [FULL, NONE] at /States/S/Retry[0]/JitterStrategy",
            "SCHEMA_VALIDATION_FAILED: 'States.ALL' must be the only error in the last Retrier at /States/S/Retry[0]/ErrorEquals",
            "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Retry[1]/ErrorEquals",
            "SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals] at /States/S/Retry[2]",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'IntervalSeconds' must be an integer between 1 and 99999999 at /States/S/Retry[2]/IntervalSeconds",
        ],
    );
    assert_errors(
        &single(task(
            json!({"Catch": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["E"], "Next": "S"}]}),
        )),
        &[
            "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S/Catch[0]",
            "SCHEMA_VALIDATION_FAILED: 'States.ALL' must be the only error in the last Catcher at /States/S/Catch[0]/ErrorEquals",
        ],
    );
    assert_errors(
        &single(task(json!({"Retry": {}}))),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'Retry' must be an array at /States/S/Retry"],
    );
}

#[test]
fn jsonata_states() {
    assert_valid(&jsonata(task(json!({
        "Arguments": {"Payload": "{% $states.input %}", "Static": [1, 2]},
        "Output": "{% $states.result.Payload %}",
        "Assign": {"x": "{% $states.input.x %}", "y": 1},
        "TimeoutSeconds": "{% $timeout %}",
        "HeartbeatSeconds": 5,
        "Credentials": {"RoleArn": "{% $role %}"},
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "S", "Output": {"e": "{% $states.errorOutput %}"}}]
    }))));
    assert_valid(&jsonata(json!({"Type": "Wait", "Seconds": "{% $s %}", "End": true})));
    assert_valid(&jsonata(json!({"Type": "Wait", "Timestamp": "{% $t %}", "End": true})));
    assert_valid(&jsonata(json!({"Type": "Fail", "Error": "{% $e %}", "Cause": "plain"})));
    assert_valid(&jsonata(
        json!({"Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
        "MaxConcurrency": "{% $n %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}),
    ));
    assert_valid(&json!({"QueryLanguage": "JSONata", "StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.x > 1 %}", "Next": "D", "Output": {"x": 1}, "Assign": {"y": 2}}, {"Condition": true, "Next": "D"}], "Default": "D"},
        "D": {"Type": "Succeed", "Output": "{% $states.input %}"}
    }}));
    assert_errors(
        &jsonata(task(
            json!({"TimeoutSeconds": "10", "Parameters": {"a": 1}, "ResultPath": "$.r"}),
        )),
        // One diagnostic says the state holds JSONPath fields (`Parameters`, `ResultPath`).
        &[
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage at /States/S",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'TimeoutSeconds' must be an integer between 1 and 99999999 at /States/S/TimeoutSeconds",
        ],
    );
    assert_errors(
        &jsonata(
            json!({"Type": "Map", "Items": 5, "ItemsPath": "$.i", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}),
        ),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Items' must be an array or a JSONata expression at /States/S/Items",
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ItemsPath' is only supported for the 'JSONPath' QueryLanguage at /States/S",
        ],
    );
    assert_errors(
        &json!({"QueryLanguage": "JSONata", "StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Condition": "x > 1", "Next": "D"}, {"Next": "D"}]},
            "D": {"Type": "Succeed"}
        }}),
        &[
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Condition' must be a boolean or a JSONata expression at /States/C/Choices[0]/Condition",
            "SCHEMA_VALIDATION_FAILED: These fields are required: [Condition] at /States/C/Choices[1]",
        ],
    );
    // A JSONPath state in a JSONPath machine may use its own JSONata fields once it says so.
    assert_valid(&single(
        json!({"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"a": "{% 1 %}"}, "End": true}),
    ));
}

#[test]
fn schema_errors_suppress_the_graph_checks() {
    assert_errors(
        &json!({"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "Next": "Elsewhere", "Comment": 1}}}),
        &["SCHEMA_VALIDATION_FAILED: The value for the field 'Comment' must be a string at /States/A/Comment"],
    );
}

#[test]
fn graph_checks_run_in_every_container() {
    assert_errors(
        &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {
            "StartAt": "Missing",
            "States": {"I": {"Type": "Succeed"}, "J": {"Type": "Pass", "Next": "I"}}
        }, "End": true}}}),
        &[
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at /States/M/ItemProcessor/StartAt",
            "MISSING_TRANSITION_TARGET: State \"J\" is not reachable. at /States/M/ItemProcessor/States/J",
        ],
    );
}

#[test]
fn big_definitions_are_accepted() {
    let mut states = serde_json::Map::new();
    for i in 0..20_000 {
        let next = if i + 1 == 20_000 {
            json!({"End": true})
        } else {
            json!({"Next": format!("S{}", i + 1)})
        };
        let mut state = json!({"Type": "Pass", "Parameters": {"i": i, "v.$": "$.v"}});
        merge(&mut state, next);
        states.insert(format!("S{i}"), state);
    }
    let definition = json!({"StartAt": "S0", "States": states});
    assert!(definition.to_string().len() > 1_000_000);
    assert_valid(&definition);
}
