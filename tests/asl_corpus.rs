//! The ASL corpora of `tests/asl_corpus` (see its README): every valid definition validates `OK`
//! and is created, every invalid one gets exactly its diagnostics from ValidateStateMachineDefinition
//! and the matching `InvalidDefinition` from CreateStateMachine and UpdateStateMachine.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sfn_registry::{InMemoryRegistry, handle_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/asl_corpus");

fn registry() -> InMemoryRegistry {
    InMemoryRegistry::builder().seed(8).build().expect("registry")
}

/// `AWSStepFunctions.<op>` with `body`: the status and the response as JSON.
fn call(registry: &mut InMemoryRegistry, op: &str, body: &Value) -> (u16, Value) {
    let response = handle_json(
        registry,
        &format!("AWSStepFunctions.{op}"),
        &serde_json::to_vec(body).expect("request"),
    );
    let out = serde_json::from_slice(&response.body).unwrap_or_else(|e| {
        panic!(
            "{op}: the response is not JSON ({e}): {}",
            String::from_utf8_lossy(&response.body)
        )
    });
    (response.status, out)
}

/// ValidateStateMachineDefinition's answer for `definition` as a state machine of type `kind`.
fn validate(definition: &str, kind: &str, severity: &str) -> Value {
    let body = json!({"definition": definition, "type": kind, "severity": severity});
    let (status, out) = call(&mut registry(), "ValidateStateMachineDefinition", &body);
    assert_eq!(status, 200, "ValidateStateMachineDefinition answered {status}: {out}");
    out
}

/// The files of `dir` whose names end with `suffix`, sorted.
fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let dir = Path::new(CORPUS).join(dir);
    let mut out: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(suffix))
        })
        .collect();
    out.sort();
    out
}

fn name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).expect("file name")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Panics with every failure at once, so that one run names all the files that fail.
fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} {what}:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Valid corpus
// ---------------------------------------------------------------------------------------------

struct Valid {
    path: PathBuf,
    text: String,
    json: Value,
    standard_only: bool,
}

fn valid_corpus() -> Vec<Valid> {
    files("valid", ".json")
        .into_iter()
        .map(|path| {
            let text = read(&path);
            let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
            let standard_only = name(&path).ends_with(".standard.asl.json");
            assert!(
                name(&path).ends_with(".asl.json"),
                "{}: not a .asl.json file",
                path.display()
            );
            Valid {
                path,
                text,
                json,
                standard_only,
            }
        })
        .collect()
}

impl Valid {
    fn kinds(&self) -> &'static [&'static str] {
        if self.standard_only {
            &["STANDARD"]
        } else {
            &["STANDARD", "EXPRESS"]
        }
    }
}

#[test]
fn every_valid_definition_validates_ok() {
    let corpus = valid_corpus();
    assert!(corpus.len() >= 150, "only {} valid definitions", corpus.len());
    let mut failures = Vec::new();
    for valid in &corpus {
        for kind in valid.kinds() {
            for severity in ["ERROR", "WARNING"] {
                let out = validate(&valid.text, kind, severity);
                let errors: Vec<&Value> = out["diagnostics"]
                    .as_array()
                    .map(|d| d.iter().filter(|d| d["severity"] != "WARNING").collect())
                    .unwrap_or_default();
                let clean = out["result"] == "OK"
                    && out["truncated"] == false
                    && errors.is_empty()
                    && (severity == "WARNING" || out["diagnostics"] == json!([]));
                if !clean {
                    failures.push(format!(
                        "{} as {kind} (severity {severity}): {}",
                        name(&valid.path),
                        serde_json::to_string_pretty(&out).expect("json")
                    ));
                }
            }
        }
    }
    report("valid definitions are refused", &failures);
}

#[test]
fn every_valid_definition_is_created_with_each_of_its_types() {
    let mut failures = Vec::new();
    for valid in valid_corpus() {
        for kind in valid.kinds() {
            let mut reg = registry();
            let body = json!({"name": "corpus", "definition": valid.text, "roleArn": ROLE, "type": kind});
            let (status, out) = call(&mut reg, "CreateStateMachine", &body);
            if status != 200 {
                failures.push(format!("{} as {kind}: {status} {out}", name(&valid.path)));
                continue;
            }
            let arn = out["stateMachineArn"].clone();
            let (_, described) = call(&mut reg, "DescribeStateMachine", &json!({"stateMachineArn": arn}));
            assert_eq!(described["definition"], json!(valid.text), "{}", name(&valid.path));
        }
    }
    report("valid definitions are refused by CreateStateMachine", &failures);
}

/// Why a definition cannot be an EXPRESS state machine's, if it cannot.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ExpressObstacle {
    /// A Task resource EXPRESS refuses, at this location, with AWS's recorded message.
    Resource {
        location: String,
        message: &'static str,
    },
    DistributedMap,
    LongTimeout,
}

fn express_obstacles(value: &Value, location: &str, out: &mut BTreeSet<ExpressObstacle>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(kind)), Some(Value::String(resource))) = (map.get("Type"), map.get("Resource"))
                && kind == "Task"
            {
                let message = if resource.contains(":activity:") {
                    Some("Express state machine does not support Activity ARN")
                } else if resource.ends_with(".waitForTaskToken") {
                    Some("Express state machine does not support '.waitForTaskToken' service integration ")
                } else if resource.contains(".sync") {
                    Some("Express state machine does not support '.sync' service integration")
                } else {
                    None
                };
                if let Some(message) = message {
                    out.insert(ExpressObstacle::Resource {
                        location: format!("{location}/Resource"),
                        message,
                    });
                }
            }
            if map.get("Mode") == Some(&json!("DISTRIBUTED")) {
                out.insert(ExpressObstacle::DistributedMap);
            }
            for (key, child) in map {
                express_obstacles(child, &format!("{location}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                express_obstacles(child, &format!("{location}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn standard_only_definitions_cannot_be_express() {
    let mut failures = Vec::new();
    let mut marked = 0;
    for valid in valid_corpus().into_iter().filter(|v| v.standard_only) {
        marked += 1;
        let mut obstacles = BTreeSet::new();
        express_obstacles(&valid.json, "", &mut obstacles);
        if valid.json["TimeoutSeconds"].as_u64().is_some_and(|t| t > 300) {
            obstacles.insert(ExpressObstacle::LongTimeout);
        }
        if obstacles.is_empty() {
            failures.push(format!(
                "{} is marked STANDARD-only but holds nothing EXPRESS refuses",
                name(&valid.path)
            ));
        }
        // Where a Task resource is the obstacle, EXPRESS must refuse it with AWS's words.
        let resources: Vec<(&str, &str)> = obstacles
            .iter()
            .filter_map(|o| match o {
                ExpressObstacle::Resource { location, message } => Some((location.as_str(), *message)),
                _ => None,
            })
            .collect();
        if resources.is_empty() {
            continue;
        }
        let out = validate(&valid.text, "EXPRESS", "ERROR");
        let diagnostics = out["diagnostics"].as_array().cloned().unwrap_or_default();
        let found = |location: &str, message: &str| {
            diagnostics.iter().any(|d| {
                d["code"] == "SCHEMA_VALIDATION_FAILED" && d["message"] == message && d["location"] == location
            })
        };
        if out["result"] != "FAIL" || !resources.iter().all(|(l, m)| found(l, m)) {
            failures.push(format!(
                "{} as EXPRESS: expected FAIL with {resources:?}, got {}",
                name(&valid.path),
                serde_json::to_string_pretty(&out).expect("json")
            ));
        }
    }
    assert!(marked > 0);
    report("STANDARD-only markings are wrong", &failures);
}

/// Every value of `key` anywhere in `value`.
fn values_of<'a>(value: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            for (k, child) in map {
                if k == key {
                    out.push(child);
                }
                values_of(child, key, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|c| values_of(c, key, out)),
        _ => {}
    }
}

/// Every object key and every string anywhere in `value`.
fn words<'a>(value: &'a Value, out: &mut BTreeSet<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, child) in map {
                out.insert(k);
                words(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|c| words(c, out)),
        Value::String(s) => {
            out.insert(s);
        }
        _ => {}
    }
}

#[test]
fn the_valid_corpus_covers_the_language() {
    let corpus = valid_corpus();
    let mut keys = BTreeSet::new();
    let mut strings = String::new();
    let mut express = 0;
    for valid in &corpus {
        words(&valid.json, &mut keys);
        strings.push_str(&valid.text);
        express += usize::from(!valid.standard_only);
    }
    assert!(express >= 100, "only {express} definitions are valid as EXPRESS too");
    let mut missing = Vec::new();
    let mut need = |what: &str, present: bool| {
        if !present {
            missing.push(what.to_owned());
        }
    };
    let all_values = |key: &str| {
        let mut out = Vec::new();
        for valid in &corpus {
            values_of(&valid.json, key, &mut out);
        }
        out.into_iter().cloned().collect::<Vec<Value>>()
    };
    let types = all_values("Type");
    for t in ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] {
        need(&format!("state type {t}"), types.contains(&json!(t)));
    }
    let languages = all_values("QueryLanguage");
    for q in ["JSONPath", "JSONata"] {
        need(&format!("QueryLanguage {q}"), languages.contains(&json!(q)));
    }
    let comparisons = [
        "Equals",
        "LessThan",
        "GreaterThan",
        "LessThanEquals",
        "GreaterThanEquals",
    ];
    for family in ["String", "Numeric", "Timestamp"] {
        for op in comparisons {
            need(
                &format!("{family}{op}"),
                keys.contains(format!("{family}{op}").as_str()),
            );
            need(
                &format!("{family}{op}Path"),
                keys.contains(format!("{family}{op}Path").as_str()),
            );
        }
    }
    for op in [
        "BooleanEquals",
        "BooleanEqualsPath",
        "StringMatches",
        "IsNull",
        "IsPresent",
        "IsNumeric",
        "IsString",
        "IsBoolean",
        "IsTimestamp",
        "And",
        "Or",
        "Not",
        "Condition",
        "Default",
    ] {
        need(op, keys.contains(op));
    }
    for f in [
        "States.Format",
        "States.StringToJson",
        "States.JsonToString",
        "States.Array(",
        "States.ArrayPartition",
        "States.ArrayContains",
        "States.ArrayRange",
        "States.ArrayGetItem",
        "States.ArrayLength",
        "States.ArrayUnique",
        "States.Base64Encode",
        "States.Base64Decode",
        "States.Hash",
        "States.JsonMerge",
        "States.MathRandom",
        "States.MathAdd",
        "States.StringSplit",
        "States.UUID",
    ] {
        need(f, strings.contains(f));
    }
    for field in [
        "Seconds",
        "SecondsPath",
        "Timestamp",
        "TimestampPath",
        "Error",
        "Cause",
        "ErrorPath",
        "CausePath",
        "Result",
        "ResultPath",
        "ResultSelector",
        "InputPath",
        "OutputPath",
        "Parameters",
        "Arguments",
        "Output",
        "Assign",
        "Credentials",
        "RoleArn",
        "RoleArn.$",
        "TimeoutSeconds",
        "TimeoutSecondsPath",
        "HeartbeatSeconds",
        "HeartbeatSecondsPath",
        "Retry",
        "Catch",
        "ErrorEquals",
        "IntervalSeconds",
        "MaxAttempts",
        "BackoffRate",
        "MaxDelaySeconds",
        "JitterStrategy",
        "Branches",
        "ItemProcessor",
        "Iterator",
        "ProcessorConfig",
        "ExecutionType",
        "ItemsPath",
        "Items",
        "ItemSelector",
        "ItemReader",
        "ReaderConfig",
        "InputType",
        "CSVHeaderLocation",
        "CSVHeaders",
        "CSVDelimiter",
        "MaxItems",
        "MaxItemsPath",
        "ManifestType",
        "ItemBatcher",
        "MaxItemsPerBatch",
        "MaxItemsPerBatchPath",
        "MaxInputBytesPerBatch",
        "MaxInputBytesPerBatchPath",
        "BatchInput",
        "ResultWriter",
        "WriterConfig",
        "OutputType",
        "Transformation",
        "MaxConcurrency",
        "MaxConcurrencyPath",
        "ToleratedFailurePercentage",
        "ToleratedFailurePercentagePath",
        "ToleratedFailureCount",
        "ToleratedFailureCountPath",
        "Label",
        "Comment",
        "Version",
    ] {
        need(&format!("field {field}"), keys.contains(field));
    }
    for value in [
        "CSV",
        "JSON",
        "JSONL",
        "PARQUET",
        "MANIFEST",
        "FIRST_ROW",
        "GIVEN",
        "COMMA",
        "PIPE",
        "SEMICOLON",
        "SPACE",
        "TAB",
        "NONE",
        "COMPACT",
        "FLATTEN",
        "INLINE",
        "DISTRIBUTED",
        "STANDARD",
        "EXPRESS",
        "FULL",
        "States.ALL",
        "States.TaskFailed",
        "arn:aws:states:::s3:getObject",
        "arn:aws:states:::s3:listObjectsV2",
        "arn:aws:states:::s3:putObject",
    ] {
        need(&format!("value {value}"), keys.contains(value));
    }
    for resource in [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::sqs:sendMessage",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::dynamodb:getItem",
        "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::dynamodb:updateItem",
        "arn:aws:states:::dynamodb:deleteItem",
        "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::batch:submitJob.sync",
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::events:putEvents",
        "arn:aws:states:::http:invoke",
        "arn:aws:states:::bedrock:invokeModel",
        "arn:aws:states:::aws-sdk:s3:getObject",
        "arn:aws:states:::apigateway:invoke",
        "arn:aws:states:::codebuild:startBuild.sync",
        "arn:aws:states:::athena:startQueryExecution.sync",
        "arn:aws:states:::eks:runJob.sync",
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::elasticmapreduce:createCluster.sync",
    ] {
        need(resource, keys.contains(resource));
    }
    need("an activity ARN", strings.contains(":activity:"));
    need("a Lambda function ARN", strings.contains(":function:"));
    need(
        "a variable reference ($name) in a JSONPath field",
        keys.iter().any(|s| {
            s.strip_prefix('$')
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_alphabetic)
        }),
    );
    need("a JSONata expression", strings.contains("{%"));
    need("a null ResultPath", all_values("ResultPath").contains(&Value::Null));
    need("a null InputPath", all_values("InputPath").contains(&Value::Null));
    need("a null OutputPath", all_values("OutputPath").contains(&Value::Null));
    need("a non-ASCII state name", corpus.iter().any(|v| v.text.contains("注文")));
    report("kinds of valid input are missing from the corpus", &missing);
}

// ---------------------------------------------------------------------------------------------
// Invalid corpus
// ---------------------------------------------------------------------------------------------

/// The exact text of the top-level member `key` of the JSON object `text`.
fn member_text<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = text.trim_start().strip_prefix('{')?;
    loop {
        rest = rest.trim_start();
        let mut keys = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        let k = keys.next()?.ok()?;
        rest = rest[keys.byte_offset()..].trim_start().strip_prefix(':')?.trim_start();
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<serde::de::IgnoredAny>();
        values.next()?.ok()?;
        let end = values.byte_offset();
        if k == key {
            return Some(&rest[..end]);
        }
        rest = rest[end..].trim_start();
        rest = rest.strip_prefix(',')?;
    }
}

struct Invalid {
    file: String,
    definition: String,
    kind: String,
    diagnostics: Vec<Value>,
}

fn invalid_corpus() -> Vec<Invalid> {
    files("invalid", ".json")
        .into_iter()
        .map(|path| {
            let file = name(&path).to_owned();
            let text = read(&path);
            let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: not JSON: {e}"));
            let object = case.as_object().unwrap_or_else(|| panic!("{file}: not an object"));
            let known: BTreeSet<&str> = ["source", "type", "diagnostics", "definition"].into();
            for key in object.keys() {
                assert!(known.contains(key.as_str()), "{file}: unknown member {key}");
            }
            let source = case["source"].as_str().unwrap_or_else(|| panic!("{file}: no source"));
            assert!(
                ["recorded: ", "thread: ", "chosen: "]
                    .iter()
                    .any(|p| source.starts_with(p)),
                "{file}: source must start with `recorded: `, `thread: ` or `chosen: `"
            );
            let definition = match &case["definition"] {
                Value::String(s) => s.clone(),
                Value::Null => panic!("{file}: no definition"),
                other => {
                    let raw =
                        member_text(&text, "definition").unwrap_or_else(|| panic!("{file}: definition not found"));
                    let reparsed: Value = serde_json::from_str(raw).expect("definition text");
                    assert_eq!(&reparsed, other, "{file}: definition text cut out wrongly");
                    raw.to_owned()
                }
            };
            let kind = case
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("STANDARD")
                .to_owned();
            let diagnostics: Vec<Value> = case["diagnostics"]
                .as_array()
                .unwrap_or_else(|| panic!("{file}: no diagnostics"))
                .iter()
                .map(|d| {
                    let mut d = d
                        .as_object()
                        .unwrap_or_else(|| panic!("{file}: diagnostic not an object"))
                        .clone();
                    for key in d.keys() {
                        assert!(
                            ["code", "message", "location"].contains(&key.as_str()),
                            "{file}: diagnostic member {key}"
                        );
                    }
                    d.insert("severity".into(), json!("ERROR"));
                    Value::Object(d)
                })
                .collect();
            assert!(!diagnostics.is_empty(), "{file}: an invalid case needs diagnostics");
            Invalid {
                file,
                definition,
                kind,
                diagnostics,
            }
        })
        .collect()
}

/// The `InvalidDefinition` message AWS builds from error diagnostics.
fn invalid_definition_message(diagnostics: &[Value]) -> String {
    let mut parts = Vec::new();
    for d in diagnostics {
        parts.push(format!(
            "{}: {} at {}",
            d["code"].as_str().expect("code"),
            d["message"].as_str().expect("message"),
            d["location"].as_str().unwrap_or("null")
        ));
    }
    format!("Invalid State Machine Definition: '{}'", parts.join(", "))
}

#[test]
fn every_invalid_definition_gets_its_diagnostics() {
    let corpus = invalid_corpus();
    assert!(corpus.len() >= 60, "only {} invalid definitions", corpus.len());
    let mut failures = Vec::new();
    for case in &corpus {
        let out = validate(&case.definition, &case.kind, "ERROR");
        let expected = json!({"result": "FAIL", "diagnostics": case.diagnostics, "truncated": false});
        if out != expected {
            failures.push(format!(
                "{} ({}):\n  expected {}\n  got      {}",
                case.file,
                case.kind,
                serde_json::to_string(&expected["diagnostics"]).expect("json"),
                serde_json::to_string(&out["diagnostics"]).unwrap_or_default()
            ));
        }
    }
    report("invalid definitions get other diagnostics", &failures);
}

#[test]
fn create_and_update_refuse_every_invalid_definition_with_its_message() {
    let mut failures = Vec::new();
    for case in invalid_corpus() {
        let expected = invalid_definition_message(&case.diagnostics);
        let mut reg = registry();
        let create = json!({"name": "corpus", "definition": case.definition, "roleArn": ROLE, "type": case.kind});
        let (status, out) = call(&mut reg, "CreateStateMachine", &create);
        if status != 400 || out["__type"] != "InvalidDefinition" || out["message"] != json!(expected) {
            failures.push(format!(
                "{} CreateStateMachine ({}):\n  expected 400 InvalidDefinition {expected:?}\n  got      {status} {out}",
                case.file, case.kind
            ));
            continue;
        }
        let (_, listed) = call(&mut reg, "ListStateMachines", &json!({}));
        assert_eq!(
            listed["stateMachines"],
            json!([]),
            "{}: a refused create left a machine",
            case.file
        );

        let good = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
        let create = json!({"name": "corpus", "definition": good, "roleArn": ROLE, "type": case.kind});
        let (status, created) = call(&mut reg, "CreateStateMachine", &create);
        assert_eq!(status, 200, "{created}");
        let arn = created["stateMachineArn"].clone();
        let update = json!({"stateMachineArn": arn, "definition": case.definition});
        let (status, out) = call(&mut reg, "UpdateStateMachine", &update);
        if status != 400 || out["__type"] != "InvalidDefinition" || out["message"] != json!(expected) {
            failures.push(format!(
                "{} UpdateStateMachine ({}):\n  expected 400 InvalidDefinition {expected:?}\n  got      {status} {out}",
                case.file, case.kind
            ));
            continue;
        }
        let (_, described) = call(&mut reg, "DescribeStateMachine", &json!({"stateMachineArn": arn}));
        assert_eq!(
            described["definition"],
            json!(good),
            "{}: a refused update changed the definition",
            case.file
        );
    }
    report("invalid definitions get other InvalidDefinition answers", &failures);
}

#[test]
fn member_text_cuts_out_a_member_verbatim() {
    let text = r#" { "a" : [1, {"b": "}"}] , "definition":  {"StartAt" :"x", "States": {}} , "z": 1 }"#;
    assert_eq!(member_text(text, "a"), Some(r#"[1, {"b": "}"}]"#));
    assert_eq!(
        member_text(text, "definition"),
        Some(r#"{"StartAt" :"x", "States": {}}"#)
    );
    assert_eq!(member_text(text, "z"), Some("1"));
    assert_eq!(member_text(text, "missing"), None);
}
