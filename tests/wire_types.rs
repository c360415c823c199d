//! Structure and list members of the wrong JSON type: every structure member and every list
//! member of every operation's request, sent as the JSON types it is not, is a
//! `SerializationException` in AWS's wording, never an empty value (serde's derives would read
//! a structure from an array: `"loggingConfiguration": []` as an empty configuration). Each such
//! request changes nothing.
//!
//! The members come from a request of each operation that sets every member of its input (the
//! API model's, listed below), walked for every object and array in it; the walk must find
//! exactly the structure and list members the model has.

use serde_json::{Value, json};
use sfn_registry::{InMemoryRegistry, ManualClock, Operation, Timestamp, handle_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const LOG_GROUP: &str = "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*";
const DEFINITION: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;

/// `orders` with versions 1 and 2, alias `PROD`, and a running execution `run`.
fn registry() -> InMemoryRegistry {
    let mut reg = InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(11)
        .build()
        .expect("a registry");
    for (op, body) in [
        (
            "CreateStateMachine",
            json!({"name": "orders", "definition": DEFINITION, "roleArn": ROLE, "publish": true}),
        ),
        (
            "UpdateStateMachine",
            json!({"stateMachineArn": SM, "definition": DEFINITION.replace("Pass", "Succeed").replace(",\"End\":true", ""), "publish": true}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "PROD", "routingConfiguration": [{"stateMachineVersionArn": format!("{SM}:1"), "weight": 100}]}),
        ),
        ("StartExecution", json!({"stateMachineArn": SM, "name": "run"})),
    ] {
        let response = send(&mut reg, op, &body);
        assert_eq!(response.0, 200, "{op}: {}", response.1);
    }
    reg
}

fn send(reg: &mut InMemoryRegistry, op: &str, body: &Value) -> (u16, Value) {
    let response = handle_json(reg, &format!("AWSStepFunctions.{op}"), body.to_string().as_bytes());
    let body = serde_json::from_slice(&response.body).expect("a JSON body");
    (response.status, body)
}

/// A valid request of `op` that sets every member of its input.
fn every_member(op: &str) -> Value {
    let execution = "arn:aws:states:us-east-1:123456789012:execution:orders:run";
    let logging = json!({
        "level": "ALL",
        "includeExecutionData": true,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": LOG_GROUP}}],
    });
    let encryption = json!({
        "type": "CUSTOMER_MANAGED_KMS_KEY",
        "kmsKeyId": "alias/orders",
        "kmsDataKeyReusePeriodSeconds": 300,
    });
    let routing = json!([
        {"stateMachineVersionArn": format!("{SM}:1"), "weight": 60},
        {"stateMachineVersionArn": format!("{SM}:2"), "weight": 40},
    ]);
    match op {
        "CreateStateMachine" => json!({
            "name": "every-member", "definition": DEFINITION, "roleArn": ROLE, "type": "STANDARD",
            "loggingConfiguration": logging, "tags": [{"key": "team", "value": "payments"}],
            "tracingConfiguration": {"enabled": true}, "publish": true, "versionDescription": "v1",
            "encryptionConfiguration": encryption,
        }),
        "UpdateStateMachine" => json!({
            "stateMachineArn": SM, "definition": DEFINITION, "roleArn": ROLE, "loggingConfiguration": logging,
            "tracingConfiguration": {"enabled": true}, "publish": true, "versionDescription": "v3",
            "encryptionConfiguration": encryption,
        }),
        "DeleteStateMachine" => json!({"stateMachineArn": format!("{SM}-gone")}),
        "DescribeStateMachine" => json!({"stateMachineArn": SM, "includedData": "ALL_DATA"}),
        "DescribeStateMachineForExecution" | "DescribeExecution" => {
            json!({"executionArn": execution, "includedData": "ALL_DATA"})
        }
        "ListStateMachines" => json!({"maxResults": 10}),
        "PublishStateMachineVersion" => json!({"stateMachineArn": SM, "description": "again"}),
        "DeleteStateMachineVersion" => json!({"stateMachineVersionArn": format!("{SM}:9")}),
        "ListStateMachineVersions" | "ListStateMachineAliases" => json!({"stateMachineArn": SM, "maxResults": 10}),
        "CreateStateMachineAlias" => json!({"description": "d", "name": "BETA", "routingConfiguration": routing}),
        "DescribeStateMachineAlias" => json!({"stateMachineAliasArn": format!("{SM}:PROD")}),
        "UpdateStateMachineAlias" => json!({
            "stateMachineAliasArn": format!("{SM}:PROD"), "description": "d", "routingConfiguration": routing,
        }),
        "DeleteStateMachineAlias" => json!({"stateMachineAliasArn": format!("{SM}:GONE")}),
        "StartExecution" => json!({"stateMachineArn": SM, "name": "other", "input": "{}", "traceHeader": "Root=1"}),
        "StopExecution" => json!({"executionArn": execution, "error": "E", "cause": "C"}),
        "ListExecutions" => json!({
            "stateMachineArn": SM, "statusFilter": "RUNNING", "maxResults": 10, "redriveFilter": "NOT_REDRIVEN",
        }),
        "GetExecutionHistory" => json!({
            "executionArn": execution, "maxResults": 10, "reverseOrder": true, "includeExecutionData": false,
        }),
        "TagResource" => json!({"resourceArn": SM, "tags": [{"key": "k", "value": "v"}]}),
        "UntagResource" => json!({"resourceArn": SM, "tagKeys": ["team"]}),
        "ListTagsForResource" => json!({"resourceArn": SM}),
        "ValidateStateMachineDefinition" => json!({
            "definition": DEFINITION, "type": "STANDARD", "severity": "WARNING", "maxResults": 10,
        }),
        other => panic!("no request of {other}"),
    }
}

/// The input members of each operation, as the API model lists them.
fn model_members(op: &str) -> &'static [&'static str] {
    match op {
        "CreateStateMachine" => &[
            "name",
            "definition",
            "roleArn",
            "type",
            "loggingConfiguration",
            "tags",
            "tracingConfiguration",
            "publish",
            "versionDescription",
            "encryptionConfiguration",
        ],
        "UpdateStateMachine" => &[
            "stateMachineArn",
            "definition",
            "roleArn",
            "loggingConfiguration",
            "tracingConfiguration",
            "publish",
            "versionDescription",
            "encryptionConfiguration",
        ],
        "DeleteStateMachine" => &["stateMachineArn"],
        "DescribeStateMachine" => &["stateMachineArn", "includedData"],
        "DescribeStateMachineForExecution" | "DescribeExecution" => &["executionArn", "includedData"],
        "ListStateMachines" => &["maxResults"],
        "PublishStateMachineVersion" => &["stateMachineArn", "description"],
        "DeleteStateMachineVersion" => &["stateMachineVersionArn"],
        "ListStateMachineVersions" | "ListStateMachineAliases" => &["stateMachineArn", "maxResults"],
        "CreateStateMachineAlias" => &["description", "name", "routingConfiguration"],
        "DescribeStateMachineAlias" | "DeleteStateMachineAlias" => &["stateMachineAliasArn"],
        "UpdateStateMachineAlias" => &["stateMachineAliasArn", "description", "routingConfiguration"],
        "StartExecution" => &["stateMachineArn", "name", "input", "traceHeader"],
        "StopExecution" => &["executionArn", "error", "cause"],
        "ListExecutions" => &["stateMachineArn", "statusFilter", "maxResults", "redriveFilter"],
        "GetExecutionHistory" => &["executionArn", "maxResults", "reverseOrder", "includeExecutionData"],
        "TagResource" => &["resourceArn", "tags"],
        "UntagResource" => &["resourceArn", "tagKeys"],
        "ListTagsForResource" => &["resourceArn"],
        "ValidateStateMachineDefinition" => &["definition", "type", "severity", "maxResults"],
        other => panic!("no model of {other}"),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Structure,
    List,
}

/// Where a member is in a request: the keys and list indexes leading to it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every structure and list member under `value` (not `value` itself), with its path.
fn walk(value: &Value, path: &mut Vec<Step>, found: &mut Vec<(Vec<Step>, Kind)>) {
    match value {
        Value::Object(members) => {
            for (k, v) in members {
                path.push(Step::Key(k.clone()));
                note(v, path, found);
                walk(v, path, found);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                note(v, path, found);
                walk(v, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

fn note(value: &Value, path: &[Step], found: &mut Vec<(Vec<Step>, Kind)>) {
    // The first item of a list stands for every item.
    if path.iter().any(|s| matches!(s, Step::Index(i) if *i > 0)) {
        return;
    }
    match value {
        Value::Object(_) => found.push((path.to_vec(), Kind::Structure)),
        Value::Array(_) => found.push((path.to_vec(), Kind::List)),
        _ => {}
    }
}

/// A path as the table below writes it: `tags[].key`.
fn shown(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(_) => out.push_str("[]"),
        }
    }
    out
}

fn replaced(mut request: Value, path: &[Step], with: Value) -> Value {
    let mut at = &mut request;
    for step in path {
        at = match step {
            Step::Key(k) => at.get_mut(k.as_str()),
            Step::Index(i) => at.get_mut(*i),
        }
        .expect("the path is in the request");
    }
    *at = with;
    request
}

/// The JSON types a member of `kind` is not, and AWS's wording for each.
fn wrong_types(kind: Kind) -> Vec<(Value, &'static str)> {
    match kind {
        Kind::Structure => vec![
            (json!([]), "Start of list found where not expected."),
            (json!([{}]), "Start of list found where not expected."),
            (json!("x"), "STRING_VALUE can not be converted to a Structure"),
            (json!(""), "STRING_VALUE can not be converted to a Structure"),
            (json!(7), "NUMBER_VALUE can not be converted to a Structure"),
            (json!(-7), "NUMBER_VALUE can not be converted to a Structure"),
            (json!(1.5), "NUMBER_VALUE can not be converted to a Structure"),
            (json!(true), "BOOLEAN_VALUE can not be converted to a Structure"),
        ],
        Kind::List => vec![
            (json!({}), "Start of structure or map found where not expected."),
            (
                json!({"key": "k"}),
                "Start of structure or map found where not expected.",
            ),
            (json!("x"), "STRING_VALUE can not be converted to a List"),
            (json!(7), "NUMBER_VALUE can not be converted to a List"),
            (json!(1.5), "NUMBER_VALUE can not be converted to a List"),
            (json!(false), "BOOLEAN_VALUE can not be converted to a List"),
        ],
    }
}

#[test]
fn the_requests_set_every_member_of_the_model_and_are_accepted() {
    for op in Operation::ALL {
        let request = every_member(op.name());
        let mut keys: Vec<&str> = request
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut model = model_members(op.name()).to_vec();
        keys.sort_unstable();
        model.sort_unstable();
        // nextToken is left out: it would have to be a token of this registry.
        model.retain(|m| *m != "nextToken");
        assert_eq!(keys, model, "{op}");
        let mut reg = registry();
        let (status, body) = send(&mut reg, op.name(), &request);
        assert_eq!(status, 200, "{op}: {body}");
    }
}

#[test]
fn every_structure_and_list_member_of_the_wrong_json_type_is_a_serialization_exception() {
    let mut members = Vec::new();
    let mut cases = 0;
    for op in Operation::ALL {
        let request = every_member(op.name());
        let mut found = Vec::new();
        walk(&request, &mut Vec::new(), &mut found);
        for (path, kind) in found {
            members.push(format!("{op} {} {kind:?}", shown(&path)));
            for (wrong, message) in wrong_types(kind) {
                let mut reg = registry();
                let before = reg.snapshot().to_json();
                let body = replaced(request.clone(), &path, wrong.clone());
                let (status, out) = send(&mut reg, op.name(), &body);
                assert_eq!(
                    (status, out),
                    (400, json!({"__type": "SerializationException", "message": message})),
                    "{op} {} = {wrong}",
                    shown(&path)
                );
                assert_eq!(reg.snapshot().to_json(), before, "{op} {} = {wrong}", shown(&path));
                cases += 1;
            }
        }
    }
    // Exactly the structure and list members of the API model's inputs (members by name).
    assert_eq!(
        members,
        [
            "CreateStateMachine encryptionConfiguration Structure",
            "CreateStateMachine loggingConfiguration Structure",
            "CreateStateMachine loggingConfiguration.destinations List",
            "CreateStateMachine loggingConfiguration.destinations[] Structure",
            "CreateStateMachine loggingConfiguration.destinations[].cloudWatchLogsLogGroup Structure",
            "CreateStateMachine tags List",
            "CreateStateMachine tags[] Structure",
            "CreateStateMachine tracingConfiguration Structure",
            "UpdateStateMachine encryptionConfiguration Structure",
            "UpdateStateMachine loggingConfiguration Structure",
            "UpdateStateMachine loggingConfiguration.destinations List",
            "UpdateStateMachine loggingConfiguration.destinations[] Structure",
            "UpdateStateMachine loggingConfiguration.destinations[].cloudWatchLogsLogGroup Structure",
            "UpdateStateMachine tracingConfiguration Structure",
            "CreateStateMachineAlias routingConfiguration List",
            "CreateStateMachineAlias routingConfiguration[] Structure",
            "UpdateStateMachineAlias routingConfiguration List",
            "UpdateStateMachineAlias routingConfiguration[] Structure",
            "TagResource tags List",
            "TagResource tags[] Structure",
            "UntagResource tagKeys List",
        ]
    );
    // 14 structures of 8 wrong values, 7 lists of 6.
    assert_eq!(cases, 154);
}

#[test]
fn the_issues_examples() {
    // `"loggingConfiguration": []` and `"tracingConfiguration": []` were read as empty
    // configurations, and the state machine created.
    let mut reg = registry();
    for member in ["loggingConfiguration", "tracingConfiguration"] {
        let body = json!({"name": "other", "definition": DEFINITION, "roleArn": ROLE, member: []});
        assert_eq!(
            send(&mut reg, "CreateStateMachine", &body),
            (
                400,
                json!({"__type": "SerializationException", "message": "Start of list found where not expected."})
            ),
            "{member}"
        );
    }
    let (_, listed) = send(&mut reg, "ListStateMachines", &json!({}));
    assert_eq!(listed["stateMachines"].as_array().map(Vec::len), Some(1));
}
