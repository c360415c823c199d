//! Enum constraint messages (aws-validation-and-edges.md §2c, §2h item 3): every enum member of
//! every operation, given a value outside the model, is a `ValidationException` listing the
//! enum's values in AWS's order: the recorded one for `statusFilter`, model order (a guess) for
//! the members no recording shows. A request refused so changes nothing.

use serde_json::{Value, json};
use sfn_registry::dto::{
    EncryptionType, ExecutionRedriveFilter, ExecutionStatus, IncludedData, LogLevel, StateMachineType,
    ValidateStateMachineDefinitionSeverity,
};
use sfn_registry::{InMemoryRegistry, ManualClock, Timestamp, handle_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const DEFINITION: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;

fn registry() -> (InMemoryRegistry, String) {
    let mut reg = InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(3)
        .build()
        .expect("a registry");
    let body = json!({"name": "orders", "definition": DEFINITION, "roleArn": ROLE});
    let response = handle_json(
        &mut reg,
        "AWSStepFunctions.CreateStateMachine",
        body.to_string().as_bytes(),
    );
    assert_eq!(response.status, 200);
    let body = json!({"stateMachineArn": SM, "name": "e1"});
    let response = handle_json(&mut reg, "AWSStepFunctions.StartExecution", body.to_string().as_bytes());
    let started: Value = serde_json::from_slice(&response.body).expect("JSON");
    (
        reg,
        started["executionArn"].as_str().expect("an execution ARN").to_owned(),
    )
}

fn message(raw: &str, member: &str, values: &[&str]) -> String {
    format!(
        "1 validation error detected: Value '{raw}' at '{member}' failed to satisfy constraint: \
         Member must satisfy enum value set: [{}]",
        values.join(", ")
    )
}

#[test]
fn status_filter_lists_its_values_in_the_recorded_order() {
    // test_sfn_api.py::test_state_machine_status_filter (2024-03-14), verbatim.
    let (mut reg, _) = registry();
    let body = json!({"stateMachineArn": SM, "statusFilter": "succeeded"});
    let response = handle_json(&mut reg, "AWSStepFunctions.ListExecutions", body.to_string().as_bytes());
    assert_eq!(response.status, 400);
    assert_eq!(
        serde_json::from_slice::<Value>(&response.body).expect("JSON"),
        json!({
            "__type": "ValidationException",
            "message": "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy \
                        constraint: Member must satisfy enum value set: \
                        [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]"
        })
    );
    // The table is the enum's own: the model order stays what the model says.
    assert_eq!(
        ExecutionStatus::MESSAGE_ORDER,
        [
            "SUCCEEDED",
            "TIMED_OUT",
            "PENDING_REDRIVE",
            "ABORTED",
            "FAILED",
            "RUNNING"
        ]
    );
    assert_eq!(
        ExecutionStatus::VALUES,
        [
            "RUNNING",
            "SUCCEEDED",
            "FAILED",
            "TIMED_OUT",
            "ABORTED",
            "PENDING_REDRIVE"
        ]
    );
}

#[test]
fn every_enum_member_of_every_operation() {
    let (mut reg, execution) = registry();
    let create = |extra: Value| {
        let mut body = json!({"name": "other", "definition": DEFINITION, "roleArn": ROLE});
        body.as_object_mut()
            .expect("an object")
            .extend(extra.as_object().expect("an object").clone());
        body
    };
    // Operation, body, member path, raw value, and the values the message lists. Only
    // statusFilter's order was recorded; the others are in model order.
    let cases: Vec<(&str, Value, &str, &str, &[&str])> = vec![
        (
            "CreateStateMachine",
            create(json!({"type": "standard"})),
            "type",
            "standard",
            &["STANDARD", "EXPRESS"],
        ),
        (
            "CreateStateMachine",
            create(json!({"loggingConfiguration": {"level": "VERBOSE"}})),
            "loggingConfiguration.level",
            "VERBOSE",
            &["ALL", "ERROR", "FATAL", "OFF"],
        ),
        (
            "CreateStateMachine",
            create(json!({"encryptionConfiguration": {"type": "KMS"}})),
            "encryptionConfiguration.type",
            "KMS",
            &["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"],
        ),
        (
            "UpdateStateMachine",
            json!({"stateMachineArn": SM, "loggingConfiguration": {"level": "off"}}),
            "loggingConfiguration.level",
            "off",
            &["ALL", "ERROR", "FATAL", "OFF"],
        ),
        (
            "UpdateStateMachine",
            json!({"stateMachineArn": SM, "encryptionConfiguration": {"type": ""}}),
            "encryptionConfiguration.type",
            "",
            &["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"],
        ),
        (
            "DescribeStateMachine",
            json!({"stateMachineArn": SM, "includedData": "ALL"}),
            "includedData",
            "ALL",
            &["ALL_DATA", "METADATA_ONLY"],
        ),
        (
            "DescribeExecution",
            json!({"executionArn": execution, "includedData": "NONE"}),
            "includedData",
            "NONE",
            &["ALL_DATA", "METADATA_ONLY"],
        ),
        (
            "DescribeStateMachineForExecution",
            json!({"executionArn": execution, "includedData": "metadata_only"}),
            "includedData",
            "metadata_only",
            &["ALL_DATA", "METADATA_ONLY"],
        ),
        (
            "ListExecutions",
            json!({"stateMachineArn": SM, "statusFilter": "DONE"}),
            "statusFilter",
            "DONE",
            &[
                "SUCCEEDED",
                "TIMED_OUT",
                "PENDING_REDRIVE",
                "ABORTED",
                "FAILED",
                "RUNNING",
            ],
        ),
        (
            "ListExecutions",
            json!({"stateMachineArn": SM, "redriveFilter": "ALL"}),
            "redriveFilter",
            "ALL",
            &["REDRIVEN", "NOT_REDRIVEN"],
        ),
        (
            "ValidateStateMachineDefinition",
            json!({"definition": DEFINITION, "type": "Express"}),
            "type",
            "Express",
            &["STANDARD", "EXPRESS"],
        ),
        (
            "ValidateStateMachineDefinition",
            json!({"definition": DEFINITION, "severity": "INFO"}),
            "severity",
            "INFO",
            &["ERROR", "WARNING"],
        ),
    ];
    for (operation, body, member, raw, values) in cases {
        let before = reg.snapshot().to_json();
        let response = handle_json(
            &mut reg,
            &format!("AWSStepFunctions.{operation}"),
            body.to_string().as_bytes(),
        );
        assert_eq!(
            (
                response.status,
                serde_json::from_slice::<Value>(&response.body).expect("JSON")
            ),
            (
                400,
                json!({"__type": "ValidationException", "message": message(raw, member, values)})
            ),
            "{operation} {member}"
        );
        assert_eq!(reg.snapshot().to_json(), before, "{operation} {member} changed nothing");
    }
}

#[test]
fn each_enum_has_one_message_table_holding_its_values() {
    // Model order wherever no recording shows another.
    let tables: [(&[&str], &[&str]); 6] = [
        (StateMachineType::VALUES, StateMachineType::MESSAGE_ORDER),
        (LogLevel::VALUES, LogLevel::MESSAGE_ORDER),
        (EncryptionType::VALUES, EncryptionType::MESSAGE_ORDER),
        (IncludedData::VALUES, IncludedData::MESSAGE_ORDER),
        (ExecutionRedriveFilter::VALUES, ExecutionRedriveFilter::MESSAGE_ORDER),
        (
            ValidateStateMachineDefinitionSeverity::VALUES,
            ValidateStateMachineDefinitionSeverity::MESSAGE_ORDER,
        ),
    ];
    for (values, order) in tables {
        assert_eq!(values, order);
    }
}
