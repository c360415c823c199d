//! Reads served through a shared reference ([`JsonRequest`]) answer exactly what `handle_json`
//! answers through `&mut`, byte for byte, on the same registry states, and change nothing.
//!
//! Seeded random sequences of every operation, valid and invalid (ARNs the registry handed
//! out and others, pages by `nextToken`, members of the wrong type or missing, bodies that are
//! not JSON, unknown targets), interleaved with the embedder's `record_state_event` and
//! `end_execution` and with the clock moving (tokens expire): every read is answered through
//! `&dyn Registry` and through `&mut dyn Registry` and the two answers must be the same bytes;
//! every request is sorted as [`Operation::is_write`] says; every write is then applied with
//! `handle_json`. The same sequences run through a [`ScopedRegistries`] (reads under a scope's
//! read lock) must answer as a lone registry of that scope and seed does.

mod common;

use common::clocked_registry;
use serde_json::{Value, json};
use sfn_registry::rand::rngs::Xoshiro256PlusPlus;
use sfn_registry::rand::{RngExt, SeedableRng};
use sfn_registry::{
    ArnScope, ExecutionOutcome, ExecutionRef, InMemoryRegistry, JsonRequest, ManualClock, Operation, ScopedRegistries,
    StateEvent, StateType, TARGET_PREFIX, Timestamp, derive_seed, handle_json,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const HEAD: &str = "arn:aws:states:us-east-1:123456789012:";
const T0: i64 = 1_700_000_000_123;
const SEQUENCES: u64 = 24;
const STEPS: usize = 400;

/// The operations that change the registry, as the API documentation's actions do.
const WRITES: &[&str] = &[
    "CreateStateMachine",
    "UpdateStateMachine",
    "DeleteStateMachine",
    "PublishStateMachineVersion",
    "DeleteStateMachineVersion",
    "CreateStateMachineAlias",
    "UpdateStateMachineAlias",
    "DeleteStateMachineAlias",
    "TagResource",
    "UntagResource",
    "StartExecution",
    "StopExecution",
];

fn definition(result: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{result}","End":true}}}}}}"#)
}

/// The members each operation takes; `*` marks the required ones.
fn members(operation: Operation) -> &'static [&'static str] {
    match operation.name() {
        "CreateStateMachine" => &[
            "*name",
            "*definition",
            "*roleArn",
            "type",
            "publish",
            "versionDescription",
            "tags",
        ],
        "UpdateStateMachine" => &[
            "*stateMachineArn",
            "definition",
            "roleArn",
            "publish",
            "versionDescription",
        ],
        "DescribeStateMachine" => &["*stateMachineArn", "includedData"],
        "DeleteStateMachine" => &["*stateMachineArn"],
        "ListStateMachineVersions" | "ListStateMachineAliases" => &["*stateMachineArn", "maxResults", "nextToken"],
        "ListStateMachines" => &["maxResults", "nextToken"],
        "PublishStateMachineVersion" => &["*stateMachineArn", "revisionId", "description"],
        "DeleteStateMachineVersion" => &["*stateMachineVersionArn"],
        "CreateStateMachineAlias" => &["*name", "*routingConfiguration", "description"],
        "UpdateStateMachineAlias" => &["*stateMachineAliasArn", "routingConfiguration", "description"],
        "DescribeStateMachineAlias" | "DeleteStateMachineAlias" => &["*stateMachineAliasArn"],
        "TagResource" => &["*resourceArn", "*tags"],
        "UntagResource" => &["*resourceArn", "*tagKeys"],
        "ListTagsForResource" => &["*resourceArn"],
        "StartExecution" => &["*stateMachineArn", "name", "input"],
        "StopExecution" => &["*executionArn", "error", "cause"],
        "DescribeExecution" | "DescribeStateMachineForExecution" => &["*executionArn", "includedData"],
        "ListExecutions" => &["*stateMachineArn", "statusFilter", "maxResults", "nextToken"],
        "GetExecutionHistory" => &[
            "*executionArn",
            "maxResults",
            "nextToken",
            "reverseOrder",
            "includeExecutionData",
        ],
        "ValidateStateMachineDefinition" => &["*definition", "type", "severity", "maxResults"],
        other => panic!("no members known for {other}"),
    }
}

/// The kinds of ARN the registry hands out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    StateMachine,
    Version,
    Alias,
    Execution,
}

impl Kind {
    fn of(arn: &str) -> Option<Kind> {
        let parts: Vec<&str> = arn.split(':').collect();
        match (parts.get(5).copied(), parts.len()) {
            (Some("execution" | "express"), _) => Some(Kind::Execution),
            (Some("stateMachine"), 7) => Some(Kind::StateMachine),
            (Some("stateMachine"), 8) if parts[7].bytes().all(|b| b.is_ascii_digit()) => Some(Kind::Version),
            (Some("stateMachine"), 8) => Some(Kind::Alias),
            _ => None,
        }
    }
}

/// What the sequence has seen: every ARN and token the registry handed out.
#[derive(Default)]
struct Seen {
    arns: Vec<String>,
    tokens: Vec<String>,
    revisions: Vec<String>,
}

impl Seen {
    fn learn(&mut self, value: &Value) {
        match value {
            Value::String(s) if s.starts_with("arn:") && !self.arns.contains(s) => self.arns.push(s.clone()),
            Value::Object(map) => {
                for (key, member) in map {
                    match (key.as_str(), member) {
                        ("nextToken", Value::String(t)) => self.tokens.push(t.clone()),
                        ("revisionId", Value::String(r)) => self.revisions.push(r.clone()),
                        _ => self.learn(member),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.learn(item)),
            _ => {}
        }
    }

    fn of_kind(&self, kind: Kind) -> Vec<&String> {
        self.arns.iter().filter(|a| Kind::of(a) == Some(kind)).collect()
    }
}

fn pick<'a, T>(rng: &mut Xoshiro256PlusPlus, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[rng.random_range(0..items.len())])
}

/// An ARN for an `…Arn` member: one the registry handed out (mostly), or one it did not.
fn arn(rng: &mut Xoshiro256PlusPlus, seen: &Seen, kind: Kind) -> Value {
    let odd = [
        format!("{HEAD}stateMachine:ghost"),
        format!("{HEAD}stateMachine:a:7"),
        format!("{HEAD}stateMachine:a:PROD"),
        format!("{HEAD}stateMachine:a/label"),
        format!("{HEAD}execution:a:nobody"),
        "arn:aws:states:eu-west-1:999999999999:stateMachine:a".to_owned(),
        "arn:aws:states:us-east-1:123456789012:activity:worker".to_owned(),
        "not_a_valid_arn".to_owned(),
        String::new(),
    ];
    let handed: Vec<&String> = if rng.random_bool(0.7) {
        seen.of_kind(kind)
    } else {
        seen.arns.iter().collect()
    };
    match pick(rng, &handed) {
        Some(arn) if rng.random_bool(0.85) => json!(arn),
        _ => json!(pick(rng, &odd).expect("odd ARNs")),
    }
}

/// A plausible value for `member`, with now and then one of the wrong JSON type.
fn value(rng: &mut Xoshiro256PlusPlus, seen: &Seen, member: &str) -> Value {
    // One of the first `common` choices, now and then one of the others.
    fn one_of<T: Clone>(rng: &mut Xoshiro256PlusPlus, choices: &[T], common: usize) -> T {
        let n = if rng.random_bool(0.9) { common } else { choices.len() };
        choices[rng.random_range(0..n)].clone()
    }
    if rng.random_bool(0.03) {
        return pick(
            rng,
            &[json!(null), json!(17), json!([]), json!({}), json!("x"), json!(true)],
        )
        .expect("junk")
        .clone();
    }
    let name = || ["a", "b", "c", "PROD", "123", "bad name", ""];

    match member {
        "stateMachineArn" => {
            let kind = one_of(rng, &[Kind::StateMachine, Kind::Version, Kind::Alias], 3);
            arn(rng, seen, kind)
        }
        "resourceArn" => arn(rng, seen, Kind::StateMachine),
        "stateMachineVersionArn" => arn(rng, seen, Kind::Version),
        "stateMachineAliasArn" => arn(rng, seen, Kind::Alias),
        "executionArn" => arn(rng, seen, Kind::Execution),
        "roleArn" => json!(if rng.random_bool(0.95) { ROLE } else { "role" }),
        "name" => json!(one_of(rng, &name(), 4)),
        "definition" => json!(match rng.random_range(0..12u8) {
            0 => "{not json".to_owned(),
            1 => r#"{"StartAt":"Nowhere","States":{}}"#.to_owned(),
            n => definition(&format!("r{n}")),
        }),
        "type" => json!(one_of(rng, &["STANDARD", "EXPRESS", "BOGUS"], 2)),
        "publish" | "reverseOrder" | "includeExecutionData" => json!(rng.random_bool(0.5)),
        "versionDescription" | "description" | "error" | "cause" => json!(format!("d{}", rng.random_range(0..3u8))),
        "tags" => json!([{"key": format!("k{}", rng.random_range(0..3u8)), "value": "v"}]),
        "tagKeys" => json!([format!("k{}", rng.random_range(0..3u8))]),
        "maxResults" => json!(one_of(rng, &[0, 1, 2, 3, 1000, 1001, -1], 5)),
        "nextToken" => match pick(rng, &seen.tokens) {
            Some(token) if rng.random_bool(0.8) => json!(token),
            _ => json!("garbled"),
        },
        "revisionId" => match pick(rng, &seen.revisions) {
            Some(revision) if rng.random_bool(0.8) => json!(revision),
            _ => json!("00000000-0000-4000-8000-000000000000"),
        },
        "includedData" => json!(one_of(rng, &["ALL_DATA", "METADATA_ONLY", "SOME"], 2)),
        "statusFilter" => json!(one_of(rng, &["RUNNING", "SUCCEEDED", "FAILED", "ABORTED", "NOPE"], 4)),
        "severity" => json!(pick(rng, &["ERROR", "WARNING"]).expect("severity")),
        "input" => json!(one_of(rng, &["{}", r#"{"n":1}"#, "7", "[1,"], 3)),
        "routingConfiguration" => {
            let versions = seen.of_kind(Kind::Version);
            let routes = one_of(rng, &[1, 2, 0, 3], 2);
            let weights = [[100, 0, 0], [90, 10, 0], [50, 50, 0], [101, -1, 0]][rng.random_range(0..4usize)];
            Value::Array(
                (0..routes)
                    .map(|i| {
                        let version =
                            pick(rng, &versions).map_or_else(|| format!("{HEAD}stateMachine:a:1"), |v| (*v).clone());
                        json!({"stateMachineVersionArn": version, "weight": weights[i]})
                    })
                    .collect(),
            )
        }
        other => panic!("no value known for {other}"),
    }
}

/// A request of the sequence: a target and a body.
fn request(rng: &mut Xoshiro256PlusPlus, seen: &Seen) -> (String, Vec<u8>) {
    if rng.random_bool(0.02) {
        let target = pick(
            rng,
            &[
                "AWSStepFunctions.Bogus",
                "",
                "AWSStepFunctions.",
                "StepFunctions.ListStateMachines",
            ],
        )
        .expect("targets");
        return ((*target).to_owned(), b"{}".to_vec());
    }
    // Deletes less often than the rest, so that the registry fills up.
    let operation = loop {
        let operation = *pick(rng, Operation::ALL).expect("operations");
        if !operation.name().starts_with("Delete") || rng.random_bool(0.3) {
            break operation;
        }
    };
    let mut body = serde_json::Map::new();
    for member in members(operation) {
        let (member, odds) = member
            .strip_prefix('*')
            .map_or((*member, 0.4), |required| (required, 0.97));
        if rng.random_bool(odds) {
            body.insert(member.to_owned(), value(rng, seen, member));
        }
    }
    let mut bytes = serde_json::to_vec(&Value::Object(body)).expect("JSON");
    match rng.random_range(0..40u8) {
        0 => bytes.truncate(rng.random_range(0..bytes.len())),
        1 => bytes = b"[1, 2]".to_vec(),
        2 => bytes = b"  ".to_vec(),
        _ => {}
    }
    (format!("{TARGET_PREFIX}{}", operation.name()), bytes)
}

/// What the embedder does now and then: reports a step of an execution, or ends it.
fn embedder_step(rng: &mut Xoshiro256PlusPlus, seen: &Seen, registry: &mut InMemoryRegistry) {
    let executions = seen.of_kind(Kind::Execution);
    let Some(arn) = pick(rng, &executions).and_then(|a| ExecutionRef::parse(a).ok()) else {
        return;
    };
    // Errors (an execution that ended, say) are fine: they change nothing.
    let _ = match rng.random_range(0..4u8) {
        0 => registry.record_state_event(&arn, StateEvent::entered(StateType::Pass, "A", r#"{"x":1}"#)),
        1 => registry.record_state_event(&arn, StateEvent::exited(StateType::Pass, "A", r#"{"x":2}"#)),
        2 => registry.end_execution(&arn, ExecutionOutcome::succeeded(r#"{"done":true}"#)),
        _ => registry.end_execution(&arn, ExecutionOutcome::failed("E", "because")),
    };
}

fn clocked(seed: u64) -> (InMemoryRegistry, ManualClock) {
    clocked_registry(T0, seed)
}

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

#[test]
fn every_operation_is_sorted_by_the_access_it_needs() {
    for &operation in Operation::ALL {
        let target = format!("{TARGET_PREFIX}{}", operation.name());
        let sorted = JsonRequest::new(&target, b"{}");
        assert_eq!(sorted.operation(), Some(operation));
        let is_write = WRITES.contains(&operation.name());
        assert_eq!(operation.is_write(), is_write, "{operation}");
        match sorted {
            JsonRequest::Read(read) => {
                assert!(!is_write, "{operation} is a write, sorted as a read");
                assert_eq!(read.operation(), Some(operation));
            }
            JsonRequest::Write(write) => {
                assert!(is_write, "{operation} is a read, sorted as a write");
                assert_eq!(write.operation(), operation);
            }
        }
    }
    assert_eq!(
        Operation::ALL.iter().filter(|o| o.is_write()).count(),
        WRITES.len(),
        "every write is an operation"
    );
    // An unknown target needs no write access, and is answered as handle_json answers it.
    let (mut registry, _) = clocked(1);
    for target in ["", "AWSStepFunctions.Bogus", "AWSStepFunctions.", "ListStateMachines"] {
        let JsonRequest::Read(read) = JsonRequest::new(target, b"{}") else {
            panic!("{target:?} sorted as a write");
        };
        assert_eq!(read.operation(), None);
        let shared = read.serve(&registry);
        assert_eq!(shared.status, 400);
        assert_eq!(
            text(&shared.body),
            format!(r#"{{"__type":"UnknownOperationException","message":"Unknown operation: '{target}'"}}"#)
        );
        assert_eq!(shared, handle_json(&mut registry, target, b"{}"));
    }
}

/// Runs one seeded sequence on `registry`, checking each read both ways; returns the answers.
fn run_sequence(seed: u64, registry: &mut InMemoryRegistry, clock: &ManualClock) -> (Vec<(u16, Vec<u8>)>, [usize; 3]) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut seen = Seen::default();
    let mut answers = Vec::new();
    // Reads answered 200, reads answered an error, writes.
    let mut counts = [0; 3];
    for step in 0..STEPS {
        match rng.random_range(0..20u8) {
            0 => embedder_step(&mut rng, &seen, registry),
            1 => clock.advance_millis(rng.random_range(1..90_000_000)),
            _ => clock.advance_millis(rng.random_range(0..2_000)),
        }
        let (target, body) = request(&mut rng, &seen);
        let before = registry.snapshot().to_json();
        let response = match JsonRequest::new(&target, &body) {
            JsonRequest::Read(read) => {
                let shared = read.serve(registry);
                assert_eq!(registry.snapshot().to_json(), before, "a read changed the registry");
                let exclusive = handle_json(registry, &target, &body);
                assert_eq!(
                    (shared.status, text(&shared.body)),
                    (exclusive.status, text(&exclusive.body)),
                    "seed {seed}, step {step}: {target} {} answered otherwise through &",
                    text(&body)
                );
                assert_eq!(registry.snapshot().to_json(), before, "a read changed the registry");
                counts[usize::from(shared.status != 200)] += 1;
                shared
            }
            JsonRequest::Write(write) => {
                assert!(write.operation().is_write());
                counts[2] += 1;
                handle_json(registry, &target, &body)
            }
        };
        if let Ok(value) = serde_json::from_slice::<Value>(&response.body) {
            seen.learn(&value);
        }
        answers.push((response.status, response.body));
    }
    (answers, counts)
}

#[test]
fn reads_through_a_shared_reference_answer_as_handle_json_byte_for_byte() {
    let mut totals = [0; 3];
    let mut read_operations_answered_200 = std::collections::BTreeSet::new();
    for seed in 0..SEQUENCES {
        let (mut registry, clock) = clocked(seed);
        let (answers, counts) = run_sequence(seed, &mut registry, &clock);
        for (i, total) in totals.iter_mut().enumerate() {
            *total += counts[i];
        }
        // The sequences reach real states, not only errors: note the lists that found items.
        for (status, body) in &answers {
            if *status == 200 {
                let value: Value = serde_json::from_slice(body).expect("a 200 body is JSON");
                for key in [
                    "stateMachines",
                    "executions",
                    "events",
                    "stateMachineVersions",
                    "stateMachineAliases",
                ] {
                    if value.get(key).and_then(Value::as_array).is_some_and(|a| !a.is_empty()) {
                        read_operations_answered_200.insert(key);
                    }
                }
            }
        }
    }
    eprintln!(
        "reads answered 200: {}, reads answered an error: {}, writes: {}",
        totals[0], totals[1], totals[2]
    );
    assert!(totals[0] > 1000 && totals[1] > 1000 && totals[2] > 1000, "{totals:?}");
    assert_eq!(
        read_operations_answered_200.len(),
        5,
        "some list stayed empty: {read_operations_answered_200:?}"
    );
}

#[test]
fn scoped_registries_answer_as_a_lone_registry_of_the_scope() {
    let scope = ArnScope::default();
    for seed in 0..4 {
        let (mut lone, lone_clock) = clocked(derive_seed(seed, &scope));
        let (expected, _) = run_sequence(seed, &mut lone, &lone_clock);

        // The same requests through a ScopedRegistries: reads under the scope's read lock.
        let clock = ManualClock::new(Timestamp::from_unix_millis(T0));
        let registries = ScopedRegistries::new(
            scope.clone(),
            InMemoryRegistry::builder().clock(clock.clone()).seed(seed),
        );
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut seen = Seen::default();
        for (step, (status, body)) in expected.iter().enumerate() {
            match rng.random_range(0..20u8) {
                0 => registries.with(&scope, |registry| embedder_step(&mut rng, &seen, registry)),
                1 => clock.advance_millis(rng.random_range(1..90_000_000)),
                _ => clock.advance_millis(rng.random_range(0..2_000)),
            }
            let (target, request) = request(&mut rng, &seen);
            let response = registries.handle_json(&scope, &target, &request);
            assert_eq!(
                (response.status, text(&response.body)),
                (*status, text(body)),
                "seed {seed}, step {step}: {target} {}",
                text(&request)
            );
            if let Ok(value) = serde_json::from_slice::<Value>(&response.body) {
                seen.learn(&value);
            }
        }
        assert_eq!(
            registries.with_read(&scope, |registry| registry.snapshot().to_json()),
            lone.snapshot().to_json()
        );
    }
}

#[test]
fn the_request_types_are_send_and_sync() {
    fn check<T: Send + Sync + Copy + std::fmt::Debug>() {}
    check::<JsonRequest<'static>>();
    check::<sfn_registry::JsonRead<'static>>();
    check::<sfn_registry::JsonWrite<'static>>();
    // Debug shows the operation and the body's length, not the body.
    let body = br#"{"stateMachineArn": "secret"}"#;
    let debug = format!("{:?}", JsonRequest::new("AWSStepFunctions.DescribeStateMachine", body));
    assert_eq!(
        debug,
        format!(
            r#"Read(JsonRead {{ target: "AWSStepFunctions.DescribeStateMachine", operation: Some(DescribeStateMachine), body_len: {} }})"#,
            body.len()
        )
    );
    let debug = format!("{:?}", JsonRequest::new("AWSStepFunctions.StartExecution", body));
    assert_eq!(
        debug,
        format!(
            r#"Write(JsonWrite {{ operation: StartExecution, body_len: {} }})"#,
            body.len()
        )
    );
}
