//! Snapshots an embedder did not write: the snapshot of a populated registry (state machines
//! with revisions, versions, weighted aliases and tags, executions in every status with state
//! events, a DELETING state machine, an express execution running), with its JSON mutated:
//! numbers set to 0, -1, 1, 2^53 + 1, `i64::MAX`, `u64::MAX`, a huge float or one off;
//! strings replaced by other valid-looking names, ARNs, statuses and documents (many taken from
//! the snapshot itself, so of other parts of it); array items dropped, duplicated or swapped;
//! object members removed or nulled; booleans flipped; the RNG state set to zeros.
//!
//! `Snapshot::from_json` and `restore` may refuse such a snapshot, but must never panic. A
//! registry they accept must behave as one the API could have built: a sequence of requests
//! through `handle_json` (every list and describe, StartExecution with and without a name,
//! through its aliases and versions, a repeated named start, UpdateStateMachine with publish,
//! PublishStateMachineVersion, aliases and tags, StopExecution, DeleteStateMachine, a new state
//! machine) and the embedder's `record_state_event` and `end_execution` on every running
//! execution never panics, never answers a 5xx, and finishes (each case runs on a thread of its
//! own and must end within [`CASE_TIMEOUT`]); and the registry's own snapshot, afterwards,
//! reads and restores again.
//!
//! A failure reports the mutations (shrunk by proptest to the fewest that fail) as JSON paths
//! with the values they got.

use std::fmt::Write as _;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, Once, OnceLock};
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineInput, PublishStateMachineVersionInput,
    RoutingConfigurationListItem, StartExecutionInput, StateMachineType, StopExecutionInput, Tag, TracingConfiguration,
    UpdateStateMachineInput,
};
use sfn_registry::{
    ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, Snapshot, StateEvent, StateType,
    Timestamp, handle_json,
};

const START: i64 = 1_700_000_000_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const PREFIX: &str = "arn:aws:states:us-east-1:123456789012:";
/// How long one case may run: a few milliseconds in debug when all is well.
const CASE_TIMEOUT: Duration = Duration::from_secs(10);
/// The most pages any list is read to.
const MAX_PAGES: usize = 40;

fn sm_arn(name: &str) -> String {
    format!("{PREFIX}stateMachine:{name}")
}

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn entered(name: &str) -> StateEvent {
    StateEvent::entered(StateType::Pass, name, r#"{"in":1}"#)
}

fn exited(name: &str) -> StateEvent {
    StateEvent::exited(StateType::Task, name, r#"{"out":2}"#)
}

/// A registry with something of everything a snapshot holds.
fn populated() -> InMemoryRegistry {
    let clock = ManualClock::new(Timestamp::from_unix_millis(START));
    let mut reg = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(2024)
        .build()
        .expect("the default scope");
    let orders = sm_arn("orders");
    let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    create.publish = true;
    create.version_description = Some("first".into());
    create.tags = Some(vec![Tag::new("team", "payments"), Tag::new("tier", "1")]);
    reg.create_state_machine(create).expect("orders");
    for n in 2..=4 {
        clock.advance_millis(1_000);
        let mut update = UpdateStateMachineInput::new(&orders);
        update.definition = Some(def(&format!("r{n}")));
        update.publish = n != 3;
        if n == 4 {
            update.tracing_configuration = Some(TracingConfiguration::new(true));
        }
        reg.update_state_machine(update).expect("update");
    }
    let mut publish = PublishStateMachineVersionInput::new(&orders);
    publish.description = Some("described".into());
    reg.publish_state_machine_version(publish).expect("publish");
    let mut prod = CreateStateMachineAliasInput::new(
        "PROD",
        vec![
            RoutingConfigurationListItem::new(format!("{orders}:1"), 70),
            RoutingConfigurationListItem::new(format!("{orders}:2"), 30),
        ],
    );
    prod.description = Some("prod".into());
    reg.create_state_machine_alias(prod).expect("PROD");
    reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
        "beta",
        vec![RoutingConfigurationListItem::new(format!("{orders}:3"), 100)],
    ))
    .expect("beta");

    // Executions in every status, started every way, some with state events.
    for i in 0..10 {
        clock.advance_millis(10);
        let target = match i % 3 {
            0 => format!("{orders}:PROD"),
            1 => format!("{orders}:3"),
            _ => orders.clone(),
        };
        let mut start = StartExecutionInput::new(target);
        if i % 2 == 0 {
            start.name = Some(format!("run-{i}"));
        }
        if i == 4 {
            start.trace_header = Some("Root=1-abc".into());
            start.input = Some(r#"{"k":[1,2]}"#.into());
        }
        let arn = reg.start_execution(start).expect("start").execution_arn;
        if i % 2 == 1 {
            reg.record_state_event(&arn, entered("A")).expect("entered");
            reg.record_state_event(&arn, exited("A")).expect("exited");
        }
        clock.advance_millis(5);
        match i % 5 {
            0 => reg.end_execution(&arn, ExecutionOutcome::succeeded(r#"{"ok":1}"#)),
            1 => reg.end_execution(&arn, ExecutionOutcome::failed("E", "cause")),
            2 => reg.end_execution(&arn, ExecutionOutcome::timed_out("T", "slow")),
            3 => reg.stop_execution(StopExecutionInput::new(&arn)).map(drop),
            _ => Ok(()),
        }
        .expect("end");
    }

    // An express state machine with a running execution, a state machine with no version, and
    // one being deleted.
    let mut express = CreateStateMachineInput::new("fast", def("e"), ROLE);
    express.r#type = Some(StateMachineType::Express);
    let fast = reg.create_state_machine(express).expect("fast").state_machine_arn;
    let running = reg
        .start_execution(StartExecutionInput::new(&fast))
        .expect("express")
        .execution_arn;
    reg.record_state_event(&running, entered("E")).expect("express event");
    reg.create_state_machine(CreateStateMachineInput::new("tiny", def("t"), ROLE))
        .expect("tiny");
    let doomed = reg
        .create_state_machine(CreateStateMachineInput::new("doomed", def("d"), ROLE))
        .expect("doomed")
        .state_machine_arn;
    let mut named = StartExecutionInput::new(&doomed);
    named.name = Some("last".into());
    reg.start_execution(named).expect("doomed run");
    reg.delete_state_machine(DeleteStateMachineInput::new(&doomed))
        .expect("deleting");
    reg
}

/// The populated registry's snapshot, as JSON.
fn original() -> &'static Value {
    static ORIGINAL: OnceLock<Value> = OnceLock::new();
    ORIGINAL.get_or_init(|| serde_json::from_slice(&populated().snapshot().to_json()).expect("a snapshot is JSON"))
}

/// Strings a mutated string may become: every string of the snapshot (names, ARNs, statuses,
/// documents of other parts of it), and some of no part of it.
fn string_pool() -> &'static [String] {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::String(s) => out.push(s.clone()),
                Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                Value::Object(members) => members.values().for_each(|m| walk(m, out)),
                _ => {}
            }
        }
        let mut pool = Vec::new();
        walk(original(), &mut pool);
        pool.extend(
            [
                "",
                "x",
                "orders",
                "fast",
                "doomed",
                "tiny",
                "PROD",
                "beta",
                "123",
                "bad name",
                "RUNNING",
                "SUCCEEDED",
                "FAILED",
                "TIMED_OUT",
                "ABORTED",
                "PENDING_REDRIVE",
                "STANDARD",
                "EXPRESS",
                "OFF",
                "ALL",
                "aws-cn",
                "eu-west-1",
                "999999999999",
                "12345",
                "not json",
                "{}",
                "00000000-0000-4000-8000-000000000000",
                "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
                "arn:aws:states:us-east-1:123456789012:stateMachine:orders:1",
                "arn:aws:states:us-east-1:123456789012:stateMachine:orders:9",
                "arn:aws:states:us-east-1:123456789012:stateMachine:orders:4294967295",
                "arn:aws:states:us-east-1:123456789012:stateMachine:orders:PROD",
                "arn:aws:states:us-east-1:123456789012:stateMachine:tiny:PROD",
                "arn:aws:states:us-east-1:123456789012:stateMachine:fast:1",
                "arn:aws:states:us-east-1:999999999999:stateMachine:orders:1",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:orders",
                "arn:aws:states:us-east-1:123456789012:execution:orders:run-0",
                "arn:aws:states:us-east-1:123456789012:execution:tiny:run-0",
                "arn:aws:states:us-east-1:123456789012:execution:fast:run-0",
                "arn:aws:states:us-east-1:123456789012:express:fast:run-0:00000000-0000-4000-8000-000000000000",
                "arn:aws:states:us-east-1:123456789012:express:orders:run-0:00000000-0000-4000-8000-000000000000",
            ]
            .map(str::to_owned),
        );
        pool.push("a".repeat(80));
        pool.push("é".repeat(81));
        pool.sort();
        pool.dedup();
        pool
    })
}

/// One change to the snapshot's JSON: the node at `at` (an index into the nodes, depth first),
/// changed as `how` and `which` choose for its type; or the RNG state set to zeros.
#[derive(Clone, Debug)]
enum Mutation {
    Node { at: Index, how: u8, which: Index },
    ZeroRng,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        12 => (any::<Index>(), any::<u8>(), any::<Index>()).prop_map(|(at, how, which)| Mutation::Node { at, how, which }),
        1 => Just(Mutation::ZeroRng),
    ]
}

/// Every node's path, depth first (the root first).
fn paths(v: &Value, path: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(path.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(PathStep::Item(i));
                paths(item, path, out);
                path.pop();
            }
        }
        Value::Object(members) => {
            for (k, m) in members {
                path.push(PathStep::Member(k.clone()));
                paths(m, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Item(usize),
    Member(String),
}

fn render(path: &[PathStep]) -> String {
    let mut s = String::new();
    for step in path {
        match step {
            PathStep::Item(i) => write!(s, "[{i}]").expect("a String"),
            PathStep::Member(k) => write!(s, ".{k}").expect("a String"),
        }
    }
    if s.is_empty() { ".".to_owned() } else { s }
}

fn node_mut<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Item(i) => &mut v[*i],
        PathStep::Member(k) => &mut v[k.as_str()],
    })
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!(
            "{}… ({} characters)",
            s.chars().take(160).collect::<String>(),
            s.chars().count()
        )
    } else {
        s
    }
}

/// Applies `m` to `v`; says what it did.
fn apply(v: &mut Value, m: &Mutation) -> String {
    let (at, how, which) = match m {
        Mutation::ZeroRng => {
            v["rng"] = json!({"s": [0, 0, 0, 0]});
            return ".rng = {\"s\":[0,0,0,0]}".to_owned();
        }
        Mutation::Node { at, how, which } => (at, *how, which),
    };
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = &all[at.index(all.len())];
    let node = node_mut(v, path);
    let before = match &*node {
        Value::Array(items) => format!("{} items", items.len()),
        Value::Object(members) => format!("{} members", members.len()),
        other => short(other),
    };
    let what = match node {
        Value::Number(n) => {
            let old = n.as_i64().unwrap_or(0);
            *node = match how % 10 {
                0 => json!(0),
                1 => json!(-1),
                2 => json!(1),
                3 => json!(9_007_199_254_740_993_u64),
                4 => json!(i64::MAX),
                5 => json!(u64::MAX),
                6 => json!(1e300),
                7 => json!(old.saturating_add(1)),
                8 => json!(old.saturating_sub(1)),
                _ => json!(n.as_u64().map_or(2, |n| n.saturating_mul(2))),
            };
            format!("= {}", short(node))
        }
        Value::String(_) => {
            let pool = string_pool();
            *node = Value::String(pool[which.index(pool.len())].clone());
            format!("= {}", short(node))
        }
        Value::Bool(b) => {
            *b = !*b;
            format!("= {b}")
        }
        Value::Null => {
            *node = match how % 3 {
                0 => json!(1),
                1 => json!("PROD"),
                _ => json!([]),
            };
            format!("= {}", short(node))
        }
        Value::Array(items) if items.is_empty() => {
            *node = json!([0]);
            "= [0]".to_owned()
        }
        Value::Array(items) => {
            let i = which.index(items.len());
            match how % 3 {
                0 => {
                    let item = items.remove(i);
                    format!("item {i} dropped: {}", short(&item))
                }
                1 => {
                    let item = items[i].clone();
                    items.insert(i, item);
                    format!("item {i} duplicated")
                }
                _ => {
                    let j = (i + 1) % items.len();
                    items.swap(i, j);
                    format!("items {i} and {j} swapped")
                }
            }
        }
        Value::Object(members) if members.is_empty() => "(an empty object: unchanged)".to_owned(),
        Value::Object(members) => {
            let key = members
                .keys()
                .nth(which.index(members.len()))
                .expect("in range")
                .clone();
            if how % 2 == 0 {
                members.remove(&key);
                format!("member {key} removed")
            } else {
                members.insert(key.clone(), Value::Null);
                format!("member {key} = null")
            }
        }
    };
    format!("{} {what} (was {before})", render(path))
}

// ---------------------------------------------------------------------------------------------
// What a restored registry must survive
// ---------------------------------------------------------------------------------------------

/// A registry restored from a mutated snapshot, and what went wrong with it.
struct Probe {
    reg: InMemoryRegistry,
    clock: ManualClock,
    requests: usize,
}

impl Probe {
    /// One request through `handle_json`: never a 5xx, and always a JSON answer.
    fn call(&mut self, operation: &str, body: &Value) -> Result<Value, String> {
        self.requests += 1;
        let response = handle_json(
            &mut self.reg,
            &format!("AWSStepFunctions.{operation}"),
            body.to_string().as_bytes(),
        );
        let answer: Value = serde_json::from_slice(&response.body)
            .map_err(|e| format!("{operation} {body}: the answer is not JSON ({e})"))?;
        if response.status >= 500 {
            return Err(format!("{operation} {body}: {} {answer}", response.status));
        }
        Ok(if response.status == 200 { answer } else { Value::Null })
    }

    /// A list read to its end (or [`MAX_PAGES`]), two items a page; the items.
    fn list(&mut self, operation: &str, mut body: Value, items: &str) -> Result<Vec<Value>, String> {
        body["maxResults"] = json!(2);
        let mut all = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.call(operation, &body)?;
            all.extend(page[items].as_array().cloned().unwrap_or_default());
            match page["nextToken"].as_str() {
                Some(token) => body["nextToken"] = json!(token),
                None => break,
            }
        }
        Ok(all)
    }

    /// The state machine ARNs to work on: those listed, and those the populated registry had.
    fn machines(&mut self) -> Result<Vec<String>, String> {
        let mut arns: Vec<String> = self
            .list("ListStateMachines", json!({}), "stateMachines")?
            .iter()
            .filter_map(|sm| sm["stateMachineArn"].as_str().map(str::to_owned))
            .collect();
        for name in ["orders", "fast", "doomed", "tiny"] {
            let arn = sm_arn(name);
            if !arns.contains(&arn) {
                arns.push(arn);
            }
        }
        Ok(arns)
    }

    /// Every read the API offers, on everything listed. Returns the version and alias ARNs.
    fn read_everything(&mut self) -> Result<(Vec<String>, Vec<String>), String> {
        let (mut versions, mut aliases) = (Vec::new(), Vec::new());
        for arn in self.machines()? {
            self.call("DescribeStateMachine", &json!({"stateMachineArn": arn}))?;
            self.call(
                "DescribeStateMachine",
                &json!({"stateMachineArn": arn, "includedData": "METADATA_ONLY"}),
            )?;
            self.call("ListTagsForResource", &json!({"resourceArn": arn}))?;
            for v in self.list(
                "ListStateMachineVersions",
                json!({"stateMachineArn": arn}),
                "stateMachineVersions",
            )? {
                if let Some(v) = v["stateMachineVersionArn"].as_str() {
                    versions.push(v.to_owned());
                }
            }
            for a in self.list(
                "ListStateMachineAliases",
                json!({"stateMachineArn": arn}),
                "stateMachineAliases",
            )? {
                if let Some(a) = a["stateMachineAliasArn"].as_str() {
                    aliases.push(a.to_owned());
                }
            }
            let mut executions = Vec::new();
            for status in [
                None,
                Some("RUNNING"),
                Some("SUCCEEDED"),
                Some("FAILED"),
                Some("TIMED_OUT"),
                Some("ABORTED"),
            ] {
                let mut body = json!({"stateMachineArn": arn});
                if let Some(status) = status {
                    body["statusFilter"] = json!(status);
                }
                executions.extend(self.list("ListExecutions", body, "executions")?);
            }
            for e in executions.iter().filter_map(|e| e["executionArn"].as_str()) {
                self.call("DescribeExecution", &json!({"executionArn": e}))?;
                self.call("DescribeStateMachineForExecution", &json!({"executionArn": e}))?;
                self.list("GetExecutionHistory", json!({"executionArn": e}), "events")?;
                self.list(
                    "GetExecutionHistory",
                    json!({"executionArn": e, "reverseOrder": true, "includeExecutionData": false}),
                    "events",
                )?;
            }
        }
        for name in ["orders", "fast"] {
            for n in 1..=6 {
                versions.push(format!("{}:{n}", sm_arn(name)));
            }
            aliases.push(format!("{}:PROD", sm_arn(name)));
        }
        aliases.push(format!("{}:beta", sm_arn("orders")));
        versions.sort();
        versions.dedup();
        aliases.sort();
        aliases.dedup();
        for v in &versions {
            self.call("DescribeStateMachine", &json!({"stateMachineArn": v}))?;
            self.list("ListExecutions", json!({"stateMachineArn": v}), "executions")?;
            self.list(
                "ListStateMachineAliases",
                json!({"stateMachineArn": v}),
                "stateMachineAliases",
            )?;
        }
        for a in &aliases {
            self.call("DescribeStateMachineAlias", &json!({"stateMachineAliasArn": a}))?;
            self.list(
                "ListExecutions",
                json!({"stateMachineArn": a, "statusFilter": "RUNNING"}),
                "executions",
            )?;
        }
        Ok((versions, aliases))
    }

    /// The embedder's side: every running execution records a state event and ends (or stops).
    fn end_running(&mut self) -> Result<(), String> {
        let running: Vec<ExecutionRef> = self.reg.running_executions().map(|e| e.arn().clone()).collect();
        for (i, arn) in running.iter().enumerate() {
            self.clock.advance_millis(7);
            self.requests += 2;
            let _ = self.reg.record_state_event(arn, entered("Fuzz"));
            let outcome = match i % 4 {
                0 => ExecutionOutcome::succeeded(r#"{"done":true}"#),
                1 => ExecutionOutcome::failed("Fuzz.Error", "fuzzed"),
                2 => ExecutionOutcome::timed_out("States.Timeout", "late"),
                _ => {
                    self.call(
                        "StopExecution",
                        &json!({"executionArn": arn.as_str(), "error": "Stopped"}),
                    )?;
                    continue;
                }
            };
            let _ = self.reg.end_execution(arn, outcome);
        }
        Ok(())
    }

    /// Writes of every kind, on everything listed.
    fn write_everything(&mut self, versions: &[String], aliases: &[String]) -> Result<(), String> {
        let machines = self.machines()?;
        for arn in &machines {
            self.clock.advance_millis(1_000);
            let targets = std::iter::once(arn.clone())
                .chain(versions.iter().filter(|v| v.starts_with(&format!("{arn}:"))).cloned())
                .chain(aliases.iter().filter(|a| a.starts_with(&format!("{arn}:"))).cloned());
            for target in targets.take(12) {
                self.call("StartExecution", &json!({"stateMachineArn": target}))?;
            }
            let named = json!({"stateMachineArn": arn, "name": "fuzz-named", "input": "{\"n\":1}"});
            self.call("StartExecution", &named)?;
            self.call("StartExecution", &named)?;
            self.call(
                "StartExecution",
                &json!({"stateMachineArn": format!("{arn}:PROD"), "name": "fuzz-alias"}),
            )?;
            self.call(
                "UpdateStateMachine",
                &json!({"stateMachineArn": arn, "definition": def("fuzzed"), "publish": true,
                        "versionDescription": "fuzz"}),
            )?;
            self.call(
                "PublishStateMachineVersion",
                &json!({"stateMachineArn": arn, "description": "again"}),
            )?;
            self.call(
                "TagResource",
                &json!({"resourceArn": arn, "tags": [{"key": "fuzz", "value": "1"}]}),
            )?;
            self.call("UntagResource", &json!({"resourceArn": arn, "tagKeys": ["team"]}))?;
            if let Some(version) = versions.iter().find(|v| v.starts_with(&format!("{arn}:"))) {
                self.call(
                    "CreateStateMachineAlias",
                    &json!({"name": "FUZZ", "routingConfiguration":
                        [{"stateMachineVersionArn": version, "weight": 100}]}),
                )?;
                self.call(
                    "UpdateStateMachineAlias",
                    &json!({"stateMachineAliasArn": format!("{arn}:PROD"), "routingConfiguration":
                        [{"stateMachineVersionArn": version, "weight": 100}]}),
                )?;
                self.call("DeleteStateMachineVersion", &json!({"stateMachineVersionArn": version}))?;
            }
        }
        self.call(
            "CreateStateMachine",
            &json!({"name": "fresh", "definition": def("f"), "roleArn": ROLE, "publish": true}),
        )?;
        // Some state machines go while executions still run (DELETING, until they end).
        for arn in machines.iter().step_by(2) {
            self.call("DeleteStateMachine", &json!({"stateMachineArn": arn}))?;
        }
        self.end_running()?;
        for arn in machines.iter().skip(1).step_by(2) {
            self.call("DeleteStateMachine", &json!({"stateMachineArn": arn}))?;
        }
        self.call(
            "StartExecution",
            &json!({"stateMachineArn": sm_arn("fresh"), "name": "fuzz-named"}),
        )?;
        self.end_running()
    }
}

/// How a case ended, when it did not fail.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// `Snapshot::from_json` refused it.
    Corrupt,
    /// `restore` refused it.
    Inconsistent,
    /// Restored, survived the requests, and its own snapshot restores.
    Accepted,
}

/// The whole case on the current thread.
fn exercise(json: &[u8]) -> Result<Outcome, String> {
    let Ok(snapshot) = Snapshot::from_json(json) else {
        return Ok(Outcome::Corrupt);
    };
    let clock = ManualClock::new(Timestamp::from_unix_millis(START + 3_600_000));
    let Ok(reg) = InMemoryRegistry::builder().clock(clock.clone()).restore(snapshot) else {
        return Ok(Outcome::Inconsistent);
    };
    let mut probe = Probe {
        reg,
        clock,
        requests: 0,
    };
    let (versions, aliases) = probe.read_everything()?;
    probe.write_everything(&versions, &aliases)?;
    probe.read_everything()?;
    let again = probe.reg.snapshot().to_json();
    let snapshot = Snapshot::from_json(&again).map_err(|e| {
        format!(
            "after {} requests, the registry's own snapshot does not read: {e}",
            probe.requests
        )
    })?;
    InMemoryRegistry::builder().restore(snapshot).map_err(|e| {
        format!(
            "after {} requests, the registry's own snapshot does not restore: {e}",
            probe.requests
        )
    })?;
    Ok(Outcome::Accepted)
}

/// Where the last panic happened (a panic hook records it).
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn record_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let location = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            *LAST_PANIC.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(location);
            default(info);
        }));
    });
}

/// [`exercise`] on a thread of its own, so that a panic is reported with where it happened and
/// a case that never ends is reported after [`CASE_TIMEOUT`] (its thread is left behind).
fn bounded(json: Vec<u8>) -> Result<Outcome, String> {
    record_panics();
    let (tx, rx) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("snapshot case".into())
        .spawn(move || {
            let _ = tx.send(exercise(&json));
        })
        .map_err(|e| format!("no thread: {e}"))?;
    match rx.recv_timeout(CASE_TIMEOUT) {
        Ok(outcome) => {
            let _ = thread.join();
            outcome
        }
        Err(RecvTimeoutError::Disconnected) => {
            let payload = thread.join().err();
            let message = payload
                .as_ref()
                .and_then(|p| {
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                })
                .unwrap_or_default();
            let location = LAST_PANIC
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
                .unwrap_or_default();
            Err(format!("panicked at {location}: {message}"))
        }
        Err(RecvTimeoutError::Timeout) => Err(format!(
            "did not finish within {CASE_TIMEOUT:?} (its thread is left running)"
        )),
    }
}

#[test]
fn the_unmutated_snapshot_is_accepted_and_survives_the_requests() {
    let json = serde_json::to_vec(original()).expect("JSON");
    assert_eq!(bounded(json), Ok(Outcome::Accepted));
}

proptest! {
    #![proptest_config(Config {
        cases: 1_500,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..Config::default()
    })]

    #[test]
    fn a_mutated_snapshot_is_refused_or_makes_a_registry_that_works(
        mutations in prop::collection::vec(mutation(), 1..=3)
    ) {
        let mut snapshot = original().clone();
        let applied: Vec<String> = mutations.iter().map(|m| apply(&mut snapshot, m)).collect();
        let json = serde_json::to_vec(&snapshot).expect("JSON");
        if let Err(failure) = bounded(json) {
            prop_assert!(false, "{failure}\nmutations:\n  {}", applied.join("\n  "));
        }
    }
}
