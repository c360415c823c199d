//! The two properties of the cargo-fuzz targets in `fuzz/`, as bounded proptests so that the
//! normal test suite (and CI) covers them:
//!
//! - ARN parsing (`fuzz/fuzz_targets/arn.rs`): no string makes a parser panic, and whatever
//!   parses prints back to exactly its input and reparses to the same value, for `Arn`,
//!   `StateMachineRef`, `ExecutionRef` and every typed ARN;
//! - the JSON adapter (`fuzz/fuzz_targets/json_adapter.rs`): a sequence of requests against one
//!   registry never panics, answers 200 or 4xx, always JSON, and every error is an object with
//!   a string `__type` without `:` and a string `message`.

mod common;

use std::fmt::{Debug, Display};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};
use sfn_registry::{
    ActivityArn, Arn, ArnError, ExecutionArn, ExecutionRef, ExpressExecutionArn, InMemoryRegistry, JsonResponse,
    ManualClock, MapRunArn, Operation, StateMachineAliasArn, StateMachineArn, StateMachineLabelArn, StateMachineRef,
    StateMachineVersionArn, TARGET_PREFIX, Timestamp, handle_json,
};

// ---------------------------------------------------------------------------------------------
// ARN round trip
// ---------------------------------------------------------------------------------------------

/// Pieces ARNs are made of, and near misses of them.
const FRAGMENTS: &[&str] = &[
    "arn:",
    "arn",
    "ARN:",
    "aws",
    "aws-cn",
    "aws-us-gov",
    "AWS",
    "states",
    "state",
    "stateMachine",
    "statemachine",
    "execution",
    "express",
    "mapRun",
    "activity",
    ":",
    ":",
    ":",
    "::",
    "/",
    "/",
    "us-east-1",
    "eu-west-1",
    "-",
    "123456789012",
    "12345678901",
    "1234567890123",
    "0",
    "1",
    "2",
    "01",
    "007",
    "4294967295",
    "4294967296",
    "99999999999999999999",
    "orders",
    "PROD",
    "run-1",
    "label",
    "a.b_c-d",
    "x",
    "é",
    "名前",
    "😀",
    " ",
    "\t",
    "\u{0}",
    "\u{7f}",
    "?",
    "*",
    "\"",
    "#",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => "[0-9]{1,13}",
        1 => "[a-zA-Z0-9_.-]{1,12}",
        1 => Just("A".repeat(80)),
        1 => Just("A".repeat(81)),
        1 => Just("😀".repeat(40)),
        1 => Just("😀".repeat(41)),
    ]
}

/// Names, qualifiers and ids as they appear in the resource part, valid or nearly.
const RESOURCE_PARTS: &[&str] = &[
    "orders",
    "PROD",
    "run-1",
    "label",
    "a.b_c-d",
    "x",
    "1",
    "2",
    "01",
    "0",
    "4294967296",
    "名前",
    "😀",
    "a b",
];

/// Strings built from ARN fragments: free concatenations, and ones shaped like
/// `arn:<partition>:states:<region>:<account>:<type>:<resource>` with a fragment in a slot now
/// and then and a resource of one to three parts.
fn arn_ish() -> impl Strategy<Value = String> {
    let free = prop::collection::vec(fragment(), 0..16).prop_map(|parts| parts.concat());
    let slot = |typical: &'static [&'static str]| {
        prop_oneof![
            24 => prop::sample::select(typical).prop_map(str::to_owned),
            1 => prop::collection::vec(fragment(), 0..3).prop_map(|parts| parts.concat()),
        ]
    };
    let part = prop_oneof![
        6 => prop::sample::select(RESOURCE_PARTS).prop_map(str::to_owned),
        1 => fragment(),
    ];
    let separator = prop::sample::select(&[":", ":", "/"][..]);
    let resource = prop_oneof![
        4 => (part.clone(), prop::collection::vec((separator, part), 0..3)).prop_map(|(first, rest)| {
            rest.into_iter().fold(first, |mut s, (sep, part)| {
                s.push_str(sep);
                s.push_str(&part);
                s
            })
        }),
        1 => prop::collection::vec(fragment(), 0..8).prop_map(|parts| parts.concat()),
    ];
    let shaped = (
        slot(&["arn:"]),
        slot(&["aws", "aws-cn", "a1-b2"]),
        slot(&[":states:"]),
        slot(&["us-east-1", "eu-west-1"]),
        slot(&[":"]),
        slot(&["123456789012", "000000000000"]),
        slot(&[":"]),
        slot(&["stateMachine", "execution", "express", "mapRun", "activity"]),
        slot(&[":"]),
        resource,
    )
        .prop_map(|(a, b, c, d, e, f, g, h, i, rest)| [a, b, c, d, e, f, g, h, i, rest].concat());
    prop_oneof![
        2 => any::<String>(),
        3 => free,
        5 => shaped,
    ]
}

/// One parser's round trip on `s`: if it parses, it prints back to `s` and reparses to the same
/// value, and `Arn::parse` accepts the same text. Rendering an error must not panic either.
fn round_trip<T>(
    s: &str,
    any: &Result<Arn, ArnError>,
    parse: fn(&str) -> Result<T, ArnError>,
) -> Result<(), TestCaseError>
where
    T: Debug + Display + PartialEq,
{
    let parsed = parse(s);
    match &parsed {
        Ok(value) => {
            let text = value.to_string();
            prop_assert_eq!(&text, s, "{:?} prints differently from its input", value);
            prop_assert_eq!(&parse(&text), &parsed, "reparsing {:?} gives another value", text);
            prop_assert_eq!(
                any.as_ref().map(Arn::as_str).ok(),
                Some(s),
                "Arn::parse refuses {:?}",
                value
            );
        }
        Err(e) => {
            let _ = (e.to_string(), e.aws_detail(), format!("{e:?}"));
        }
    }
    Ok(())
}

fn check_arn_round_trips(s: &str) -> Result<(), TestCaseError> {
    let any = Arn::parse(s);
    round_trip(s, &any, Arn::parse)?;
    round_trip(s, &any, StateMachineRef::parse)?;
    round_trip(s, &any, ExecutionRef::parse)?;
    round_trip(s, &any, StateMachineArn::parse)?;
    round_trip(s, &any, StateMachineVersionArn::parse)?;
    round_trip(s, &any, StateMachineAliasArn::parse)?;
    round_trip(s, &any, StateMachineLabelArn::parse)?;
    round_trip(s, &any, ExecutionArn::parse)?;
    round_trip(s, &any, ExpressExecutionArn::parse)?;
    round_trip(s, &any, MapRunArn::parse)?;
    round_trip(s, &any, ActivityArn::parse)
}

#[test]
fn every_arn_form_passes_the_round_trip_check() {
    let head = "arn:aws:states:us-east-1:123456789012";
    for s in [
        format!("{head}:stateMachine:orders"),
        format!("{head}:stateMachine:orders:1"),
        format!("{head}:stateMachine:orders:PROD"),
        format!("{head}:stateMachine:orders/label"),
        format!("{head}:execution:orders:run-1"),
        format!("{head}:express:orders:run-1:x"),
        format!("{head}:mapRun:orders/label:x"),
        format!("{head}:activity:orders"),
    ] {
        assert!(Arn::parse(&s).is_ok(), "{s}");
        check_arn_round_trips(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

#[test]
fn arn_ish_strings_often_parse_so_the_round_trip_is_exercised() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = arn_ish();
    let mut kinds = std::collections::HashMap::new();
    for _ in 0..4_000 {
        let s = strategy.new_tree(&mut runner).expect("generates").current();
        if let Ok(arn) = Arn::parse(&s) {
            *kinds.entry(std::mem::discriminant(&arn)).or_insert(0u32) += 1;
        }
    }
    let parsed: u32 = kinds.values().sum();
    assert!(parsed >= 200, "only {parsed} of 4000 strings parse");
    assert_eq!(kinds.len(), 8, "not every ARN form is generated");
    eprintln!("{parsed} of 4000 arn_ish strings parse");
}

// ---------------------------------------------------------------------------------------------
// JSON adapter sequences
// ---------------------------------------------------------------------------------------------

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const HEAD: &str = "arn:aws:states:us-east-1:123456789012";

fn definition(result: u32) -> String {
    format!(r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#)
}

/// Choices from small pools, so that a sequence of requests keeps meeting the same resources.
#[derive(Clone, Debug)]
struct Picks {
    state_machine: &'static str,
    version: u32,
    alias: &'static str,
    execution: &'static str,
    /// 0: unqualified, 1: version, 2: alias, 3: label.
    qualifier: u8,
    weight: i64,
    tag_key: &'static str,
    publish: bool,
}

fn picks() -> impl Strategy<Value = Picks> {
    (
        prop::sample::select(&["orders", "orders", "other", "ghost"][..]),
        0u32..5,
        prop::sample::select(&["PROD", "BETA", "x1"][..]),
        prop::sample::select(&["run-1", "run-2", "run-3"][..]),
        0u8..4,
        prop_oneof![4 => 0i64..=100, 1 => -2i64..=102],
        prop::sample::select(&["k", "team", "aws:x"][..]),
        any::<bool>(),
    )
        .prop_map(
            |(state_machine, version, alias, execution, qualifier, weight, tag_key, publish)| Picks {
                state_machine,
                version,
                alias,
                execution,
                qualifier,
                weight,
                tag_key,
                publish,
            },
        )
}

impl Picks {
    fn arn(&self) -> String {
        format!("{HEAD}:stateMachine:{}", self.state_machine)
    }

    fn version_arn(&self) -> String {
        format!("{}:{}", self.arn(), self.version)
    }

    fn alias_arn(&self) -> String {
        format!("{}:{}", self.arn(), self.alias)
    }

    fn any_arn(&self) -> String {
        match self.qualifier {
            0 => self.arn(),
            1 => self.version_arn(),
            2 => self.alias_arn(),
            _ => format!("{}/label", self.arn()),
        }
    }

    fn routes(&self) -> Value {
        if (0..100).contains(&self.weight) {
            json!([
                {"stateMachineVersionArn": self.version_arn(), "weight": self.weight},
                {"stateMachineVersionArn": format!("{}:{}", self.arn(), self.version + 1), "weight": 100 - self.weight},
            ])
        } else {
            json!([{"stateMachineVersionArn": self.version_arn(), "weight": self.weight}])
        }
    }

    /// A request for `op` that is valid when the picked resources exist.
    fn body(&self, op: Operation) -> Value {
        let execution = format!("{HEAD}:execution:{}:{}", self.state_machine, self.execution);
        match op.name() {
            "CreateStateMachine" => json!({
                "name": self.state_machine, "definition": definition(self.version), "roleArn": ROLE, "publish": self.publish,
            }),
            "UpdateStateMachine" => {
                json!({"stateMachineArn": self.arn(), "definition": definition(self.version), "publish": self.publish})
            }
            "DeleteStateMachine" => json!({"stateMachineArn": self.arn()}),
            "ListStateMachines" => json!({}),
            "StartExecution" => json!({"stateMachineArn": self.any_arn(), "name": self.execution}),
            "DescribeStateMachine"
            | "PublishStateMachineVersion"
            | "ListStateMachineVersions"
            | "ListStateMachineAliases"
            | "ListExecutions" => json!({"stateMachineArn": self.any_arn()}),
            "DeleteStateMachineVersion" => json!({"stateMachineVersionArn": self.version_arn()}),
            "CreateStateMachineAlias" => json!({"name": self.alias, "routingConfiguration": self.routes()}),
            "UpdateStateMachineAlias" => {
                json!({"stateMachineAliasArn": self.alias_arn(), "routingConfiguration": self.routes()})
            }
            "DescribeStateMachineAlias" | "DeleteStateMachineAlias" => {
                json!({"stateMachineAliasArn": self.alias_arn()})
            }
            "TagResource" => json!({"resourceArn": self.any_arn(), "tags": [{"key": self.tag_key, "value": "v"}]}),
            "UntagResource" => json!({"resourceArn": self.any_arn(), "tagKeys": [self.tag_key]}),
            "ListTagsForResource" => json!({"resourceArn": self.any_arn()}),
            "StopExecution" | "DescribeExecution" | "DescribeStateMachineForExecution" | "GetExecutionHistory" => {
                json!({"executionArn": execution})
            }
            "ValidateStateMachineDefinition" => json!({"definition": definition(self.version)}),
            _ => json!({}),
        }
    }
}

const MEMBERS: &[&str] = &[
    "name",
    "definition",
    "roleArn",
    "type",
    "publish",
    "versionDescription",
    "stateMachineArn",
    "stateMachineVersionArn",
    "stateMachineAliasArn",
    "routingConfiguration",
    "weight",
    "description",
    "revisionId",
    "maxResults",
    "nextToken",
    "resourceArn",
    "tags",
    "key",
    "value",
    "tagKeys",
    "executionArn",
    "input",
    "traceHeader",
    "statusFilter",
    "error",
    "cause",
    "reverseOrder",
    "includeExecutionData",
    "loggingConfiguration",
    "tracingConfiguration",
    "encryptionConfiguration",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..10).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        any::<String>().prop_map(Value::String),
        arn_ish().prop_map(Value::String),
        Just(Value::String(definition(1))),
    ]
}

/// Arbitrary JSON values, objects keyed mostly by member names of the model.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 32, 5, |inner| {
        let key = prop_oneof![3 => prop::sample::select(MEMBERS).prop_map(str::to_owned), 1 => any::<String>()];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..5).prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

#[derive(Clone, Debug)]
enum Target {
    /// `AWSStepFunctions.<op>`
    Forced,
    /// Anything else: arbitrary, or a near miss of a real target.
    Free(String),
}

fn target() -> impl Strategy<Value = Target> {
    let near_miss = (prop::sample::select(Operation::ALL), 0u8..5).prop_map(|(op, how)| match how {
        0 => op.name().to_owned(),
        1 => format!("{TARGET_PREFIX}{} ", op.name()),
        2 => format!("{TARGET_PREFIX}{}", op.name().to_lowercase()),
        3 => format!("awsstepfunctions.{}", op.name()),
        _ => format!("{TARGET_PREFIX}{TARGET_PREFIX}{}", op.name()),
    });
    prop_oneof![
        12 => Just(Target::Forced),
        1 => any::<String>().prop_map(Target::Free),
        1 => "AWSStepFunctions\\.[A-Za-z:.]{0,30}".prop_map(Target::Free),
        1 => near_miss.prop_map(Target::Free),
    ]
}

#[derive(Clone, Debug)]
enum Body {
    /// A valid-looking request for the operation, with members overridden or removed.
    Template {
        picks: Picks,
        overrides: Vec<(&'static str, Value)>,
        removed: Option<&'static str>,
    },
    /// Any JSON value.
    Json(Value),
    /// Any bytes.
    Bytes(Vec<u8>),
    /// The serialized template, cut short or with a byte changed.
    Damaged {
        picks: Picks,
        at: prop::sample::Index,
        byte: Option<u8>,
    },
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        8 => (
            picks(),
            prop::collection::vec((prop::sample::select(MEMBERS), json_value()), 0..2),
            prop::option::weighted(0.2, prop::sample::select(MEMBERS)),
        )
            .prop_map(|(picks, overrides, removed)| Body::Template { picks, overrides, removed }),
        2 => json_value().prop_map(Body::Json),
        1 => prop::collection::vec(any::<u8>(), 0..96).prop_map(Body::Bytes),
        1 => (picks(), any::<prop::sample::Index>(), any::<Option<u8>>())
            .prop_map(|(picks, at, byte)| Body::Damaged { picks, at, byte }),
    ]
}

#[derive(Clone, Debug)]
struct Request {
    op: Operation,
    target: Target,
    body: Body,
    advance_millis: i64,
}

impl Request {
    fn encode(&self) -> (String, Vec<u8>) {
        let target = match &self.target {
            Target::Forced => format!("{TARGET_PREFIX}{}", self.op.name()),
            Target::Free(t) => t.clone(),
        };
        let body = match &self.body {
            Body::Template {
                picks,
                overrides,
                removed,
            } => {
                let mut value = picks.body(self.op);
                let map = value.as_object_mut().expect("templates are objects");
                if let Some(key) = removed {
                    map.remove(*key);
                }
                for (key, v) in overrides {
                    map.insert((*key).to_owned(), v.clone());
                }
                serde_json::to_vec(&value).expect("serializes")
            }
            Body::Json(value) => serde_json::to_vec(value).expect("serializes"),
            Body::Bytes(bytes) => bytes.clone(),
            Body::Damaged { picks, at, byte } => {
                let mut bytes = serde_json::to_vec(&picks.body(self.op)).expect("serializes");
                let i = at.index(bytes.len());
                match byte {
                    Some(b) => bytes[i] = *b,
                    None => bytes.truncate(i),
                }
                bytes
            }
        };
        (target, body)
    }
}

fn request() -> impl Strategy<Value = Request> {
    (prop::sample::select(Operation::ALL), target(), body(), 0i64..2_000).prop_map(
        |(op, target, body, advance_millis)| Request {
            op,
            target,
            body,
            advance_millis,
        },
    )
}

/// The fuzz target's assertions on one response.
fn check_response(target: &str, body: &[u8], response: &JsonResponse) -> Result<(), TestCaseError> {
    let context = || {
        format!(
            "{target:?} {:?} answered {} {:?}",
            String::from_utf8_lossy(body),
            response.status,
            String::from_utf8_lossy(&response.body)
        )
    };
    prop_assert!(
        response.status == 200 || (400..500).contains(&response.status),
        "status is neither 200 nor 4xx: {}",
        context()
    );
    let value: Value = serde_json::from_slice(&response.body)
        .map_err(|e| TestCaseError::fail(format!("body is not JSON ({e}): {}", context())))?;
    let map = value
        .as_object()
        .ok_or_else(|| TestCaseError::fail(format!("body is not an object: {}", context())))?;
    if response.status == 200 {
        prop_assert!(!map.contains_key("__type"), "200 with an error body: {}", context());
        return Ok(());
    }
    let code = map
        .get("__type")
        .and_then(Value::as_str)
        .ok_or_else(|| TestCaseError::fail(format!("error without a string __type: {}", context())))?;
    prop_assert!(
        !code.is_empty() && !code.contains(':'),
        "bad __type {:?}: {}",
        code,
        context()
    );
    prop_assert!(
        map.get("message").is_some_and(Value::is_string),
        "error without a string message: {}",
        context()
    );
    Ok(())
}

/// A registry with a fixed seed and a manual clock, and `orders` with versions 1 and 2, alias
/// `PROD` → `:1` and execution `run-1`, all through the adapter.
fn fixture() -> (InMemoryRegistry, ManualClock) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_123));
    let mut reg = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(7)
        .build()
        .expect("the default scope is valid");
    let orders = format!("{HEAD}:stateMachine:orders");
    let setup = [
        (
            "CreateStateMachine",
            json!({"name": "orders", "definition": definition(1), "roleArn": ROLE, "publish": true}),
        ),
        (
            "UpdateStateMachine",
            json!({"stateMachineArn": orders, "definition": definition(2), "publish": true}),
        ),
        (
            "CreateStateMachineAlias",
            json!({"name": "PROD", "routingConfiguration": [{"stateMachineVersionArn": format!("{orders}:1"), "weight": 100}]}),
        ),
        (
            "StartExecution",
            json!({"stateMachineArn": format!("{orders}:PROD"), "name": "run-1"}),
        ),
    ];
    for (op, body) in setup {
        let response = handle_json(
            &mut reg,
            &format!("{TARGET_PREFIX}{op}"),
            &serde_json::to_vec(&body).expect("serializes"),
        );
        assert_eq!(
            response.status,
            200,
            "fixture {op}: {}",
            String::from_utf8_lossy(&response.body)
        );
        clock.advance_millis(1_001);
    }
    (reg, clock)
}

#[test]
fn templates_are_valid_requests_against_the_fixture() {
    // Each template answers 200 on a fresh fixture when its picks name existing resources, so
    // the sequences below reach the registry's own logic, not only the decoding errors.
    let picks = Picks {
        state_machine: "orders",
        version: 1,
        alias: "PROD",
        execution: "run-1",
        qualifier: 0,
        weight: 100,
        tag_key: "k",
        publish: true,
    };
    for &op in Operation::ALL {
        let (mut reg, _) = fixture();
        let picks = match op.name() {
            "CreateStateMachine" => Picks {
                state_machine: "other",
                ..picks.clone()
            },
            "CreateStateMachineAlias" => Picks {
                alias: "BETA",
                ..picks.clone()
            },
            // Version 1 is behind `PROD`; version 2 is free to delete.
            "DeleteStateMachineVersion" => Picks {
                version: 2,
                ..picks.clone()
            },
            _ => picks.clone(),
        };
        let body = serde_json::to_vec(&picks.body(op)).expect("serializes");
        let response = handle_json(&mut reg, &format!("{TARGET_PREFIX}{}", op.name()), &body);
        assert_eq!(
            response.status,
            200,
            "{op} {}: {}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&response.body)
        );
    }
}

#[test]
fn request_sequences_reach_success_for_most_operations() {
    // The generated sequences must get past decoding into the registry's logic: most
    // operations answer 200 at least once over a few hundred sequences.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(request(), 1..8);
    let mut succeeded = std::collections::HashSet::new();
    for _ in 0..300 {
        let requests = strategy.new_tree(&mut runner).expect("generates").current();
        let (mut reg, clock) = fixture();
        for request in &requests {
            let (target, body) = request.encode();
            let response = handle_json(&mut reg, &target, &body);
            if response.status == 200 {
                succeeded.insert(Operation::from_target(&target).expect("200 only for a known target"));
            }
            clock.advance_millis(request.advance_millis);
        }
    }
    let missing: Vec<_> = Operation::ALL.iter().filter(|op| !succeeded.contains(op)).collect();
    assert!(missing.len() <= 2, "never answered 200: {missing:?}");
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(common::proptest_config(8_192))]

    #[test]
    fn arn_parsers_never_panic_and_whatever_parses_round_trips(s in arn_ish()) {
        check_arn_round_trips(&s)?;
    }
}

proptest! {
    #![proptest_config(common::proptest_config(1_024))]

    #[test]
    fn request_sequences_never_panic_and_answer_200_or_a_4xx_error_object(
        requests in prop::collection::vec(request(), 1..8),
    ) {
        let (mut reg, clock) = fixture();
        for request in &requests {
            let (target, body) = request.encode();
            let response = handle_json(&mut reg, &target, &body);
            check_response(&target, &body, &response)?;
            clock.advance_millis(request.advance_millis);
        }
    }
}
