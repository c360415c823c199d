//! End-to-end wire tests against the example server (`examples/server/main.rs`):
//!
//! - `boto3_and_aws_cli_scenario`: the real boto3 client and AWS CLI v1 (pinned in
//!   `tests/wire/requirements.txt`, installed into `target/wire-venv` by
//!   `tests/wire/setup-venv.sh`) run `tests/wire/scenario.py`, which asserts the responses
//!   against the recordings of the real service in aws-behaviour.md;
//!   `boto3_sees_the_recorded_responses_of_executions_the_runner_ends` runs
//!   `tests/wire/recorded.py` against a server whose runner ends Pass and Fail state machines.
//! - `same_seed_gives_same_revision_ids`: two servers started with the same `--seed` hand out
//!   the same revision ids for the same requests (raw HTTP/1.1 over `TcpStream`).
//! - `malformed_requests_get_json_4xx`: garbage in, a JSON error with `__type` out, never a 5xx.
//! - `alias_split_passes_chi_square`: 20,000 StartExecution calls through a 90/10 alias, counted
//!   per version from ListExecutions(alias ARN), pass a chi-square test; 100/0 and 0/100 aliases
//!   route every execution to one version.
//! - `same_seed_routes_identically`: two servers with the same `--seed` route the same 500 alias
//!   starts to the same versions; another seed routes them differently.
//! - `boto3_clients_of_many_regions_and_accounts_each_see_their_own`: boto3 clients and the AWS
//!   CLI signing for several regions, partitions and access keys run `tests/wire/scopes.py`.
//! - `random_authorization_headers_get_no_5xx_and_act_in_their_scope`: 3,000 mangled
//!   `Authorization` headers; each request acts in the scope its header names, or the default.
//! - `state_file_loses_no_acknowledged_write_after_sigkill`: writes in four scopes, SIGKILL, restart.
//!
//! The test does not build the server (see `tests/common/server.rs`): build it first when you
//! run this test alone, `cargo build --example server && cargo test --test wire`.
//!
//! The first run needs `python3` (with `venv`) and access to PyPI; later runs work offline.
//! Uses std and serde_json only.

use std::io::{self, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

mod common;
use common::server::{
    IO_TIMEOUT, Response, Server, call, call_json, connect, json, post, post_signed, repo_root, run, str_member,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/wire-test-role";

// ------------------------------------------------------------------------------------------------
// Test 1: boto3 + AWS CLI
// ------------------------------------------------------------------------------------------------

/// Creates the venv if needed and returns its python, the last line of the script's stdout.
fn wire_python() -> PathBuf {
    let out = run(
        Command::new("bash")
            .arg("tests/wire/setup-venv.sh")
            .current_dir(repo_root()),
        Duration::from_secs(900),
    );
    assert!(
        out.status.success(),
        "tests/wire/setup-venv.sh failed ({}): it needs python3 with venv and, the first time, PyPI\n\
         --- stdout\n{}\n--- stderr\n{}",
        out.status,
        out.stdout,
        out.stderr
    );
    let python = out
        .stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(str::trim)
        .unwrap_or_default();
    let python = PathBuf::from(python);
    assert!(
        python.is_file(),
        "setup-venv.sh printed {python:?}, which is not a file\n{}",
        out.stderr
    );
    python
}

/// Runs `tests/wire/<script>` against `server` with `args` after its URL, and asserts that it
/// passed; its output.
fn run_wire_script(script: &str, server: &Server, args: &[&str]) -> String {
    let python = wire_python();
    let out = run(
        Command::new(&python)
            .arg(format!("tests/wire/{script}"))
            .arg(server.url())
            .args(args)
            .current_dir(repo_root()),
        Duration::from_secs(600),
    );
    let report = format!("--- {script} stdout\n{}--- {script} stderr\n{}", out.stdout, out.stderr);
    assert!(
        out.status.success(),
        "tests/wire/{script} failed ({})\n{report}",
        out.status
    );
    assert!(
        out.stdout.contains("\nPASS: "),
        "{script} exited 0 without its PASS line\n{report}"
    );
    report
}

#[test]
fn boto3_and_aws_cli_scenario() {
    // The scenario checks running executions (idempotent starts, DELETING): no runner.
    let server = Server::start_with(&["--port", "0", "--seed", "7", "--no-runner"]);
    let started = Instant::now();
    let report = run_wire_script("scenario.py", &server, &[]);
    println!("{report}scenario took {:.1?}", started.elapsed());
}

#[test]
fn boto3_sees_the_recorded_responses_of_executions_the_runner_ends() {
    // History event ids and redrive fields of executions that ended (recorded.py).
    let server = Server::start_with(&["--port", "0", "--seed", "8"]);
    let started = Instant::now();
    let report = run_wire_script("recorded.py", &server, &[]);
    println!("{report}recorded.py took {:.1?}", started.elapsed());
}

/// boto3 clients and the AWS CLI signing for several regions and access keys each see only their
/// own resources, with their own partition, region and account in every ARN.
#[test]
fn boto3_clients_of_many_regions_and_accounts_each_see_their_own() {
    let server = Server::start_with(&[
        "--port",
        "0",
        "--seed",
        "11",
        "--no-runner",
        "--region",
        "eu-central-1",
        "--account-id",
        "999999999999",
    ]);
    run_wire_script("scopes.py", &server, &["eu-central-1", "999999999999"]);
}

// ------------------------------------------------------------------------------------------------
// Test 2: determinism of the seeded servers
// ------------------------------------------------------------------------------------------------

fn definition(result: &str) -> String {
    // The definition is a JSON string inside the JSON body, hence the escaped quotes.
    format!(r#"{{\"StartAt\":\"P\",\"States\":{{\"P\":{{\"Type\":\"Pass\",\"Result\":\"{result}\",\"End\":true}}}}}}"#)
}

/// Creates a state machine and updates it twice on a fresh server; returns the two revisionIds.
fn seeded_revision_ids(seed: u64) -> (String, [String; 2]) {
    let server = Server::start(seed);
    let mut conn = connect(server.port);
    let create = call(
        &mut conn,
        "CreateStateMachine",
        &format!(
            r#"{{"name":"wire-seeded","definition":"{}","roleArn":"{ROLE}"}}"#,
            definition("R1")
        ),
    );
    assert_eq!(create.status, 200, "CreateStateMachine: {}", create.text());
    let create = json(&create.body).unwrap_or_else(|e| panic!("CreateStateMachine body: {e}"));
    let arn = str_member(&create, "stateMachineArn")
        .expect("stateMachineArn")
        .to_owned();

    let revision_ids = ["R2", "R3"].map(|result| {
        let update = call(
            &mut conn,
            "UpdateStateMachine",
            &format!(r#"{{"stateMachineArn":"{arn}","definition":"{}"}}"#, definition(result)),
        );
        assert_eq!(update.status, 200, "UpdateStateMachine: {}", update.text());
        let body = json(&update.body).unwrap_or_else(|e| panic!("UpdateStateMachine body: {e}"));
        str_member(&body, "revisionId")
            .unwrap_or_else(|| panic!("no revisionId in {}", update.text()))
            .to_owned()
    });
    // The connection was kept alive across the three requests: the describe sees the last id.
    let describe = call(
        &mut conn,
        "DescribeStateMachine",
        &format!(r#"{{"stateMachineArn":"{arn}"}}"#),
    );
    let describe = json(&describe.body).expect("DescribeStateMachine body");
    assert_eq!(str_member(&describe, "revisionId"), Some(revision_ids[1].as_str()));
    (arn, revision_ids)
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[test]
fn same_seed_gives_same_revision_ids() {
    let (arn_a, ids_a) = seeded_revision_ids(7);
    let (arn_b, ids_b) = seeded_revision_ids(7);
    assert_eq!(arn_a, arn_b);
    assert!(ids_a.iter().all(|id| is_uuid(id)), "revisionIds are UUIDs: {ids_a:?}");
    assert_ne!(ids_a[0], ids_a[1], "each update gets a new revisionId");
    assert_eq!(
        ids_a, ids_b,
        "two servers with --seed 7 handed out different revisionIds"
    );

    let (_, ids_c) = seeded_revision_ids(8);
    assert_ne!(ids_a, ids_c, "--seed 7 and --seed 8 handed out the same revisionIds");
}

// ------------------------------------------------------------------------------------------------
// Test 3: malformed requests
// ------------------------------------------------------------------------------------------------

const OPERATIONS: &[&str] = &[
    "CreateStateMachine",
    "DescribeStateMachine",
    "UpdateStateMachine",
    "DeleteStateMachine",
    "ListStateMachines",
    "PublishStateMachineVersion",
    "ListStateMachineVersions",
    "DeleteStateMachineVersion",
    "CreateStateMachineAlias",
    "DescribeStateMachineAlias",
    "UpdateStateMachineAlias",
    "DeleteStateMachineAlias",
    "ListStateMachineAliases",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
];

fn malformed_requests() -> Vec<(String, Option<Vec<u8>>, Vec<u8>)> {
    let op = |name: &str| Some(format!("AWSStepFunctions.{name}").into_bytes());
    let sm = "arn:aws:states:us-east-1:123456789012:stateMachine:wire-malformed";
    let mut cases: Vec<(String, Option<Vec<u8>>, Vec<u8>)> = Vec::new();
    let mut add = |label: &str, target: Option<Vec<u8>>, body: Vec<u8>| cases.push((label.to_owned(), target, body));

    // Bodies that are not a JSON object.
    for (label, body) in [
        ("non-JSON body", &b"this is not json"[..]),
        ("truncated JSON", b"{\"maxResults\": 1"),
        ("JSON array body", b"[1, 2, 3]"),
        ("JSON string body", b"\"ListStateMachines\""),
        ("JSON number body", b"42"),
        ("JSON null body", b"null"),
        ("JSON true body", b"true"),
        ("two JSON objects", b"{} {}"),
        ("trailing comma", b"{\"maxResults\": 1,}"),
        ("single quotes", b"{'maxResults': 1}"),
        ("NaN", b"{\"maxResults\": NaN}"),
        ("invalid UTF-8 body", b"\xff\xfe\xfd"),
        ("invalid UTF-8 in a string", b"{\"nextToken\": \"\xc3\x28\"}"),
        ("lone surrogate escape", b"{\"nextToken\": \"\\ud800\"}"),
        ("NUL byte", b"{\"nextToken\": \"a\0b\"}"),
    ] {
        add(label, op("ListStateMachines"), body.to_vec());
    }
    // Wrong member types and out-of-range numbers.
    for (label, body) in [
        ("maxResults as a string", r#"{"maxResults": "x"}"#.to_owned()),
        ("maxResults as an object", r#"{"maxResults": {}}"#.to_owned()),
        ("maxResults as a float", r#"{"maxResults": 1.5}"#.to_owned()),
        ("maxResults negative", r#"{"maxResults": -1}"#.to_owned()),
        ("maxResults 2^31", r#"{"maxResults": 2147483648}"#.to_owned()),
        ("maxResults 2^64", r#"{"maxResults": 18446744073709551616}"#.to_owned()),
        (
            "maxResults with 400 digits",
            format!(r#"{{"maxResults": {}}}"#, "9".repeat(400)),
        ),
        ("maxResults 1e400", r#"{"maxResults": 1e400}"#.to_owned()),
        ("maxResults -1e400", r#"{"maxResults": -1e400}"#.to_owned()),
        ("nextToken as a number", r#"{"nextToken": 5}"#.to_owned()),
        ("nextToken as an array", r#"{"nextToken": ["a"]}"#.to_owned()),
    ] {
        add(label, op("ListStateMachines"), body.into_bytes());
    }
    for (label, operation, body) in [
        (
            "name as a number",
            "CreateStateMachine",
            format!(r#"{{"name": 123, "definition": "{{}}", "roleArn": "{ROLE}"}}"#),
        ),
        (
            "publish as a string",
            "CreateStateMachine",
            format!(r#"{{"name": "a", "definition": "{{}}", "roleArn": "{ROLE}", "publish": "yes"}}"#),
        ),
        (
            "definition as an object",
            "CreateStateMachine",
            format!(r#"{{"name": "a", "definition": {{}}, "roleArn": "{ROLE}"}}"#),
        ),
        (
            "tags as an object",
            "CreateStateMachine",
            format!(r#"{{"name": "a", "definition": "{{}}", "roleArn": "{ROLE}", "tags": {{"k": "v"}}}}"#),
        ),
        (
            "type not in the enum",
            "CreateStateMachine",
            format!(r#"{{"name": "a", "definition": "{{}}", "roleArn": "{ROLE}", "type": "BOGUS"}}"#),
        ),
        (
            "loggingConfiguration as a list",
            "CreateStateMachine",
            format!(r#"{{"name": "a", "definition": "{{}}", "roleArn": "{ROLE}", "loggingConfiguration": []}}"#),
        ),
        ("missing every required member", "CreateStateMachine", "{}".to_owned()),
        (
            "missing definition and roleArn",
            "CreateStateMachine",
            r#"{"name": "a"}"#.to_owned(),
        ),
        (
            "stateMachineArn as a number",
            "DescribeStateMachine",
            r#"{"stateMachineArn": 5}"#.to_owned(),
        ),
        (
            "stateMachineArn empty",
            "DescribeStateMachine",
            r#"{"stateMachineArn": ""}"#.to_owned(),
        ),
        (
            "stateMachineArn of 100k chars",
            "DescribeStateMachine",
            format!(r#"{{"stateMachineArn": "{}"}}"#, "a".repeat(100_000)),
        ),
        (
            "weight as a string",
            "CreateStateMachineAlias",
            format!(
                r#"{{"name": "a", "routingConfiguration": [{{"stateMachineVersionArn": "{sm}:1", "weight": "100"}}]}}"#
            ),
        ),
        (
            "weight 2^63",
            "CreateStateMachineAlias",
            format!(
                r#"{{"name": "a", "routingConfiguration": [{{"stateMachineVersionArn": "{sm}:1", "weight": {}}}]}}"#,
                "9223372036854775808"
            ),
        ),
        (
            "routingConfiguration as a string",
            "CreateStateMachineAlias",
            r#"{"name": "a", "routingConfiguration": "x"}"#.to_owned(),
        ),
        (
            "routingConfiguration empty",
            "CreateStateMachineAlias",
            r#"{"name": "a", "routingConfiguration": []}"#.to_owned(),
        ),
        (
            "routing item missing its ARN",
            "CreateStateMachineAlias",
            r#"{"name": "a", "routingConfiguration": [{"weight": 100}]}"#.to_owned(),
        ),
        (
            "version ARN with a huge number",
            "DescribeStateMachine",
            format!(r#"{{"stateMachineArn": "{sm}:{}"}}"#, "9".repeat(40)),
        ),
        (
            "tags as a string",
            "TagResource",
            format!(r#"{{"resourceArn": "{sm}", "tags": "k=v"}}"#),
        ),
        (
            "tagKeys with a number",
            "UntagResource",
            format!(r#"{{"resourceArn": "{sm}", "tagKeys": [1]}}"#),
        ),
        (
            "update of a machine that does not exist",
            "UpdateStateMachine",
            format!(r#"{{"stateMachineArn": "{sm}", "definition": "{{}}"}}"#),
        ),
    ] {
        add(label, op(operation), body.into_bytes());
    }
    // Structure members of the wrong JSON type in requests that are otherwise valid: a structure
    // is never read from an array (serde's derives would read `[]` as an empty structure).
    let valid = |extra: &str| {
        format!(
            r#"{{"name": "wire-types", "definition": {}, "roleArn": "{ROLE}", {extra}}}"#,
            serde_json::json!(PASS_RESULT)
        )
    };
    for (label, operation, body) in [
        (
            "loggingConfiguration []",
            "CreateStateMachine",
            valid(r#""loggingConfiguration": []"#),
        ),
        (
            "tracingConfiguration []",
            "CreateStateMachine",
            valid(r#""tracingConfiguration": []"#),
        ),
        (
            "encryptionConfiguration []",
            "CreateStateMachine",
            valid(r#""encryptionConfiguration": []"#),
        ),
        (
            "tracingConfiguration [true]",
            "CreateStateMachine",
            valid(r#""tracingConfiguration": [true]"#),
        ),
        (
            "tracingConfiguration \"x\"",
            "CreateStateMachine",
            valid(r#""tracingConfiguration": "x""#),
        ),
        (
            "loggingConfiguration 7",
            "CreateStateMachine",
            valid(r#""loggingConfiguration": 7"#),
        ),
        (
            "a tag as a list",
            "CreateStateMachine",
            valid(r#""tags": [["k", "v"]]"#),
        ),
        (
            "a destination as a list",
            "CreateStateMachine",
            valid(r#""loggingConfiguration": {"destinations": [[]]}"#),
        ),
        (
            "a log group as a list",
            "CreateStateMachine",
            valid(r#""loggingConfiguration": {"destinations": [{"cloudWatchLogsLogGroup": []}]}"#),
        ),
        (
            "destinations as an object",
            "CreateStateMachine",
            valid(r#""loggingConfiguration": {"destinations": {}}"#),
        ),
        (
            "tracingConfiguration [] on update",
            "UpdateStateMachine",
            format!(r#"{{"stateMachineArn": "{sm}", "tracingConfiguration": []}}"#),
        ),
        (
            "a routing item as a list",
            "CreateStateMachineAlias",
            format!(r#"{{"name": "a", "routingConfiguration": [["{sm}:1", 100]]}}"#),
        ),
        (
            "routingConfiguration as an object",
            "UpdateStateMachineAlias",
            format!(r#"{{"stateMachineAliasArn": "{sm}:a", "routingConfiguration": {{}}}}"#),
        ),
        (
            "tagKeys as an object",
            "UntagResource",
            format!(r#"{{"resourceArn": "{sm}", "tagKeys": {{}}}}"#),
        ),
    ] {
        add(label, op(operation), body.into_bytes());
    }
    // Deep nesting, as the whole body and inside a member.
    add(
        "100k nested arrays",
        op("ListStateMachines"),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
    );
    add(
        "10k nested arrays, unclosed",
        op("ListStateMachines"),
        "[".repeat(10_000).into_bytes(),
    );
    add(
        "nested objects in a member",
        op("ListStateMachines"),
        format!(r#"{{"nextToken": {}1{}}}"#, r#"{"a":"#.repeat(5_000), "}".repeat(5_000)).into_bytes(),
    );
    add(
        "nested arrays in tags",
        op("TagResource"),
        format!(
            r#"{{"resourceArn": "{sm}", "tags": {}{}}}"#,
            "[".repeat(3_000),
            "]".repeat(3_000)
        )
        .into_bytes(),
    );
    // Every operation with an empty object (a missing required member for all but the list) and with
    // an object of wrong types.
    for operation in OPERATIONS.iter().filter(|o| **o != "ListStateMachines") {
        add(&format!("{operation} with {{}}"), op(operation), b"{}".to_vec());
        add(&format!("{operation} with an array"), op(operation), b"[]".to_vec());
        add(
            &format!("{operation} with members of the wrong type"),
            op(operation),
            concat!(
                r#"{"stateMachineArn": [], "stateMachineVersionArn": {}, "stateMachineAliasArn": 1, "#,
                r#""resourceArn": true, "name": 7, "routingConfiguration": 7}"#
            )
            .as_bytes()
            .to_vec(),
        );
    }
    // Unknown or missing targets.
    add("unknown operation", op("Bogus"), b"{}".to_vec());
    add(
        "target without the prefix",
        Some(b"ListStateMachines".to_vec()),
        b"{}".to_vec(),
    );
    add(
        "target of another service",
        Some(b"AmazonSQS.ListQueues".to_vec()),
        b"{}".to_vec(),
    );
    add(
        "lower-case target",
        Some(b"awsstepfunctions.liststatemachines".to_vec()),
        b"{}".to_vec(),
    );
    add("empty target", Some(Vec::new()), b"{}".to_vec());
    add("no X-Amz-Target header", None, b"{}".to_vec());
    add(
        "non-UTF-8 target",
        Some(b"AWSStepFunctions.List\xffMachines".to_vec()),
        b"{}".to_vec(),
    );
    add(
        "target of 10k chars",
        Some(format!("AWSStepFunctions.{}", "A".repeat(10_000)).into_bytes()),
        b"{}".to_vec(),
    );
    cases
}

#[test]
fn malformed_requests_get_json_4xx() {
    let server = Server::start(7);
    let cases = malformed_requests();
    let mut failures = Vec::new();
    for (label, target, body) in &cases {
        // A fresh connection per request: a server may close the connection after a bad request.
        let mut conn = connect(server.port);
        let response = match post(&mut conn, target.as_deref(), body) {
            Ok(response) => response,
            Err(e) => {
                failures.push(format!("{label}: no response: {e}"));
                continue;
            }
        };
        let shown = response.text().chars().take(300).collect::<String>();
        if response.status >= 500 {
            failures.push(format!("{label}: HTTP {} {shown}", response.status));
            continue;
        }
        if response.status < 400 {
            failures.push(format!("{label}: accepted with HTTP {}: {shown}", response.status));
            continue;
        }
        match json(&response.body) {
            Ok(body) => {
                let has_type = str_member(&body, "__type").is_some_and(|t| !t.is_empty() && !t.contains(':'));
                if !has_type || str_member(&body, "message").is_none() {
                    failures.push(format!(
                        "{label}: HTTP {} without a __type/message: {shown}",
                        response.status
                    ));
                }
            }
            Err(e) => failures.push(format!(
                "{label}: HTTP {} body is not JSON ({e}): {shown}",
                response.status
            )),
        }
    }
    // The server is still alive and well after all that.
    let mut conn = connect(server.port);
    let list = call(&mut conn, "ListStateMachines", "{}");
    assert_eq!((list.status, list.text()), (200, r#"{"stateMachines":[]}"#.to_owned()));
    assert!(
        failures.is_empty(),
        "{} of {} malformed requests were mishandled:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------------------------------------
// Tests 4 and 5: alias routing of StartExecution over the wire
// ------------------------------------------------------------------------------------------------

/// A state machine with two versions, `v1` (result R1) and `v2` (result R2), and aliases on them.
struct Versioned {
    arn: String,
    v1: String,
    v2: String,
}

impl Versioned {
    /// Creates `name` with publish (`:1`), updates it and publishes again (`:2`), then creates
    /// one alias per `(alias name, weight of v1, weight of v2)`.
    fn create(conn: &mut BufReader<TcpStream>, name: &str, aliases: &[(&str, u8, u8)]) -> Versioned {
        let plain_definition = |result: &str| {
            format!(r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Result":"{result}","End":true}}}}}}"#)
        };
        let create = call_json(
            conn,
            "CreateStateMachine",
            &serde_json::json!({"name": name, "definition": plain_definition("R1"), "roleArn": ROLE, "publish": true}),
        );
        let arn = str_member(&create, "stateMachineArn")
            .expect("stateMachineArn")
            .to_owned();
        let (v1, v2) = (format!("{arn}:1"), format!("{arn}:2"));
        assert_eq!(str_member(&create, "stateMachineVersionArn"), Some(v1.as_str()));
        let update = call_json(
            conn,
            "UpdateStateMachine",
            &serde_json::json!({"stateMachineArn": arn, "definition": plain_definition("R2"), "publish": true}),
        );
        assert_eq!(str_member(&update, "stateMachineVersionArn"), Some(v2.as_str()));
        for &(alias, w1, w2) in aliases {
            let created = call_json(
                conn,
                "CreateStateMachineAlias",
                &serde_json::json!({
                    "name": alias,
                    "routingConfiguration": [
                        {"stateMachineVersionArn": v1, "weight": w1},
                        {"stateMachineVersionArn": v2, "weight": w2},
                    ],
                }),
            );
            assert_eq!(
                str_member(&created, "stateMachineAliasArn"),
                Some(format!("{arn}:{alias}").as_str())
            );
        }
        Versioned { arn, v1, v2 }
    }

    fn alias(&self, name: &str) -> String {
        format!("{}:{name}", self.arn)
    }
}

/// `count` StartExecution calls through `target` (an ARN of `sm`) on one keep-alive connection,
/// with generated names, or `<prefix>-<i>` when `names` is given. Each executionArn must be
/// `…:execution:<smName>:<name>`, however the execution was started.
fn start_executions(conn: &mut BufReader<TcpStream>, sm: &Versioned, target: &str, count: usize, names: Option<&str>) {
    let execution_prefix = format!("{}:", sm.arn.replacen(":stateMachine:", ":execution:", 1));
    for i in 0..count {
        let name = names.map(|prefix| format!("{prefix}-{i:05}"));
        let body = match &name {
            Some(name) => serde_json::json!({"stateMachineArn": target, "name": name}),
            None => serde_json::json!({"stateMachineArn": target}),
        };
        let started = call_json(conn, "StartExecution", &body);
        let arn = str_member(&started, "executionArn").unwrap_or_default();
        let name_ok = arn.strip_prefix(&execution_prefix).is_some_and(|rest| match &name {
            Some(name) => rest == name,
            None => !rest.is_empty() && !rest.contains(':'),
        });
        assert!(
            name_ok,
            "StartExecution #{i} through {target}: executionArn {arn:?} is not {execution_prefix}{}",
            name.as_deref().unwrap_or("<name>")
        );
    }
}

/// Every execution ListExecutions gives for `arn`, newest first, in pages of 1,000 (each page
/// must bring a new nextToken).
fn list_all_executions(conn: &mut BufReader<TcpStream>, arn: &str) -> Vec<serde_json::Value> {
    let mut executions = Vec::new();
    let mut tokens = std::collections::HashSet::new();
    let mut next_token: Option<String> = None;
    loop {
        let mut request = serde_json::json!({"stateMachineArn": arn, "maxResults": 1000});
        if let Some(token) = &next_token {
            request["nextToken"] = token.clone().into();
        }
        let mut page = call_json(conn, "ListExecutions", &request);
        let items = match page.get_mut("executions").map(serde_json::Value::take) {
            Some(serde_json::Value::Array(items)) => items,
            other => panic!("ListExecutions {arn}: executions is {other:?}"),
        };
        assert!(items.len() <= 1000, "a page of {} items", items.len());
        executions.extend(items);
        match str_member(&page, "nextToken") {
            Some(token) if !token.is_empty() => {
                assert!(
                    tokens.insert(token.to_owned()),
                    "ListExecutions {arn}: nextToken repeated"
                );
                next_token = Some(token.to_owned());
            }
            _ => return executions,
        }
    }
}

/// The `stateMachineVersionArn` of every execution started through `alias`, oldest first.
fn routed_versions(conn: &mut BufReader<TcpStream>, alias: &str) -> Vec<(String, String)> {
    let mut routed: Vec<(String, String)> = list_all_executions(conn, alias)
        .iter()
        .map(|item| {
            assert_eq!(
                str_member(item, "stateMachineAliasArn"),
                Some(alias),
                "an execution listed for {alias}: {item}"
            );
            let name = str_member(item, "name").unwrap_or_else(|| panic!("no name in {item}"));
            let version = str_member(item, "stateMachineVersionArn")
                .unwrap_or_else(|| panic!("an alias execution without stateMachineVersionArn: {item}"));
            (name.to_owned(), version.to_owned())
        })
        .collect();
    routed.reverse();
    routed
}

/// How many of `routed` went to `v1` and to `v2`; anything else fails.
fn count_versions(routed: &[(String, String)], v1: &str, v2: &str) -> (usize, usize) {
    let on_v1 = routed.iter().filter(|(_, v)| v == v1).count();
    let on_v2 = routed.iter().filter(|(_, v)| v == v2).count();
    assert_eq!(
        on_v1 + on_v2,
        routed.len(),
        "executions routed to neither {v1} nor {v2}"
    );
    (on_v1, on_v2)
}

/// Pearson's chi-square statistic of `observed` against `expected`.
fn chi_square(observed: &[usize], expected: &[f64]) -> f64 {
    observed
        .iter()
        .zip(expected)
        .map(|(&o, &e)| {
            let d = o as f64 - e;
            d * d / e
        })
        .sum()
}

/// The 0.999 quantile of the chi-square distribution with 1 degree of freedom.
const CHI_SQUARE_1_DOF_999: f64 = 10.828;

#[test]
fn alias_split_passes_chi_square() {
    const STARTS: usize = 20_000;
    const ALL_ONE_STARTS: usize = 2_000;
    let started = Instant::now();
    let server = Server::start(11);
    let mut conn = connect(server.port);
    let sm = Versioned::create(
        &mut conn,
        "wire-chi-square",
        &[("PROD", 90, 10), ("ALL_V1", 100, 0), ("ALL_V2", 0, 100)],
    );

    let prod = sm.alias("PROD");
    start_executions(&mut conn, &sm, &prod, STARTS, None);
    let starting = started.elapsed();
    let routed = routed_versions(&mut conn, &prod);
    assert_eq!(routed.len(), STARTS, "ListExecutions(PROD) lists every alias start");
    let names: std::collections::HashSet<&str> = routed.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.len(), STARTS, "generated execution names are distinct");
    let (on_v1, on_v2) = count_versions(&routed, &sm.v1, &sm.v2);
    let expected = [STARTS as f64 * 0.9, STARTS as f64 * 0.1];
    let chi2 = chi_square(&[on_v1, on_v2], &expected);
    println!(
        "PROD 90/10: {on_v1} on :1, {on_v2} on :2 of {STARTS} (expected {} / {}); chi-square {chi2:.3} \
         (0.999 quantile, 1 dof: {CHI_SQUARE_1_DOF_999}); {STARTS} starts took {starting:.1?}",
        expected[0], expected[1]
    );
    assert!(
        chi2 < CHI_SQUARE_1_DOF_999,
        "the 90/10 split is off: {on_v1} / {on_v2} of {STARTS}, chi-square {chi2:.3} >= {CHI_SQUARE_1_DOF_999}"
    );

    // ListExecutions(version ARN) lists the executions the alias routed to that version (AWS's
    // documentation associates them with it), each once, newest first.
    for version in [&sm.v1, &sm.v2] {
        let listed: Vec<String> = list_all_executions(&mut conn, version)
            .iter()
            .map(|item| str_member(item, "name").unwrap_or_default().to_owned())
            .collect();
        let mut routed_here: Vec<String> = routed
            .iter()
            .filter(|(_, v)| v == version)
            .map(|(name, _)| name.clone())
            .collect();
        routed_here.reverse();
        assert_eq!(listed, routed_here, "ListExecutions({version}) after alias starts only");
    }

    for (alias, want_v1, want_v2) in [("ALL_V1", ALL_ONE_STARTS, 0), ("ALL_V2", 0, ALL_ONE_STARTS)] {
        let alias = sm.alias(alias);
        start_executions(&mut conn, &sm, &alias, ALL_ONE_STARTS, None);
        let routed = routed_versions(&mut conn, &alias);
        assert_eq!(routed.len(), ALL_ONE_STARTS, "ListExecutions({alias})");
        assert_eq!(
            count_versions(&routed, &sm.v1, &sm.v2),
            (want_v1, want_v2),
            "{alias} routes every execution to one version"
        );
    }
    let all = list_all_executions(&mut conn, &sm.arn);
    assert_eq!(
        all.len(),
        STARTS + 2 * ALL_ONE_STARTS,
        "ListExecutions(unqualified) lists every start"
    );
    println!("alias_split_passes_chi_square took {:.1?}", started.elapsed());
}

/// On a fresh server with `--seed seed`: a 90/10 alias, 500 named starts through it; returns
/// each execution's (name, stateMachineVersionArn), oldest first.
fn seeded_alias_routes(seed: u64) -> Vec<(String, String)> {
    let server = Server::start(seed);
    let mut conn = connect(server.port);
    let sm = Versioned::create(&mut conn, "wire-seeded-routing", &[("PROD", 90, 10)]);
    let prod = sm.alias("PROD");
    start_executions(&mut conn, &sm, &prod, 500, Some("routed"));
    let routed = routed_versions(&mut conn, &prod);
    let names: Vec<String> = (0..500).map(|i| format!("routed-{i:05}")).collect();
    assert!(
        routed.iter().map(|(name, _)| name).eq(names.iter()),
        "ListExecutions(PROD) lists the 500 named starts, newest first (reversed here)"
    );
    let (on_v1, on_v2) = count_versions(&routed, &sm.v1, &sm.v2);
    assert!(
        on_v1 > 0 && on_v2 > 0,
        "500 starts at 90/10 reach both versions: {on_v1} / {on_v2}"
    );
    println!("--seed {seed}: {on_v1} on :1, {on_v2} on :2");
    routed
}

#[test]
fn same_seed_routes_identically() {
    let started = Instant::now();
    let a = seeded_alias_routes(7);
    let b = seeded_alias_routes(7);
    assert!(
        a == b,
        "two servers with --seed 7 routed the same 500 starts differently; first difference: {:?}",
        a.iter().zip(&b).find(|(x, y)| x != y)
    );
    let c = seeded_alias_routes(8);
    assert!(
        a.iter().map(|(name, _)| name).eq(c.iter().map(|(name, _)| name)),
        "the same names in the same order"
    );
    assert_ne!(a, c, "--seed 7 and --seed 8 routed all 500 starts identically");
    println!("same_seed_routes_identically took {:.1?}", started.elapsed());
}

// ------------------------------------------------------------------------------------------------
// Durability: --state-file survives SIGKILL
// ------------------------------------------------------------------------------------------------

/// A plain definition, as a value (not pre-escaped like [`definition`]).
const PASS: &str = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;

/// A write the server acknowledged (answered 200), and the ARN a describe must then find.
#[derive(Clone, Debug)]
enum Ack {
    StateMachine(String),
    Version(String),
    Execution(String),
}

/// A scope the durability load writes in: the `Authorization` header that selects it (none for
/// the default scope) and the head of its ARNs.
#[derive(Clone, Debug)]
struct Signer {
    authorization: Option<String>,
    head: String,
}

/// A SigV4 `Authorization` header as boto3 sends it (the server reads the credential scope and
/// does not check the signature).
fn authorization(access_key_id: &str, region: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential={access_key_id}/20240101/{region}/states/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
         Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
    )
}

impl Signer {
    fn default_scope() -> Signer {
        Signer {
            authorization: None,
            head: "arn:aws:states:us-east-1:123456789012:".to_owned(),
        }
    }

    fn signing(access_key_id: &str, region: &str, head: &str) -> Signer {
        Signer {
            authorization: Some(authorization(access_key_id, region)),
            head: head.to_owned(),
        }
    }

    fn post(&self, conn: &mut BufReader<TcpStream>, operation: &str, body: &str) -> io::Result<Response> {
        let target = format!("AWSStepFunctions.{operation}");
        post_signed(
            conn,
            self.authorization.as_deref().map(str::as_bytes),
            Some(target.as_bytes()),
            body.as_bytes(),
        )
    }
}

/// The scopes of the durability test: the default one, two regions of two other partitions,
/// and two accounts of one region.
fn durability_signers() -> [Signer; 4] {
    [
        Signer::default_scope(),
        Signer::signing(
            "111111111111",
            "cn-north-1",
            "arn:aws-cn:states:cn-north-1:111111111111:",
        ),
        Signer::signing(
            "222222222222",
            "us-gov-west-1",
            "arn:aws-us-gov:states:us-gov-west-1:222222222222:",
        ),
        Signer::signing("333333333333", "eu-west-1", "arn:aws:states:eu-west-1:333333333333:"),
    ]
}

/// Creates state machines (with version 1) and starts executions of them in the scope of
/// `signer` until the server goes away, recording every write it answered with 200.
fn write_load(port: u16, signer: &Signer, prefix: &str, acks: &std::sync::Mutex<Vec<(Signer, Ack)>>) {
    let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let mut conn = BufReader::new(stream);
    let acked = |ack: Ack| (signer.clone(), ack);
    for n in 0.. {
        let name = format!("{prefix}-{n}");
        let body = serde_json::json!({"name": name, "definition": PASS, "roleArn": ROLE, "publish": true});
        let Ok(created) = signer.post(&mut conn, "CreateStateMachine", &body.to_string()) else {
            return;
        };
        assert_eq!(created.status, 200, "{}", created.text());
        let created = json(&created.body).expect("CreateStateMachine body");
        let sm = str_member(&created, "stateMachineArn")
            .expect("stateMachineArn")
            .to_owned();
        let version = str_member(&created, "stateMachineVersionArn")
            .expect("stateMachineVersionArn")
            .to_owned();
        assert!(sm.starts_with(&signer.head), "{sm} is not in the scope of {signer:?}");
        acks.lock()
            .unwrap()
            .extend([acked(Ack::StateMachine(sm)), acked(Ack::Version(version.clone()))]);

        let body = serde_json::json!({"stateMachineArn": version, "name": "run"});
        let Ok(started) = signer.post(&mut conn, "StartExecution", &body.to_string()) else {
            return;
        };
        assert_eq!(started.status, 200, "{}", started.text());
        let started = json(&started.body).expect("StartExecution body");
        let execution = str_member(&started, "executionArn").expect("executionArn").to_owned();
        acks.lock().unwrap().push(acked(Ack::Execution(execution)));
    }
}

#[track_caller]
fn assert_all_present(port: u16, acks: &[(Signer, Ack)]) {
    let mut conn = connect(port);
    let others = durability_signers();
    for (signer, ack) in acks {
        let (operation, body) = match ack {
            Ack::StateMachine(arn) | Ack::Version(arn) => {
                ("DescribeStateMachine", format!(r#"{{"stateMachineArn":"{arn}"}}"#))
            }
            Ack::Execution(arn) => ("DescribeExecution", format!(r#"{{"executionArn":"{arn}"}}"#)),
        };
        let response = signer
            .post(&mut conn, operation, &body)
            .unwrap_or_else(|e| panic!("{operation} {body}: {e}"));
        assert_eq!(
            response.status,
            200,
            "acknowledged {ack:?} of {signer:?} is lost: {}",
            response.text()
        );
        // The runner ended each execution and persisted its run before its start was
        // answered: it is SUCCEEDED, not left running.
        if let Ack::Execution(_) = ack {
            let described = json(&response.body).expect("DescribeExecution body");
            assert_eq!(
                str_member(&described, "status"),
                Some("SUCCEEDED"),
                "{ack:?}: {}",
                response.text()
            );
        }
        // Restored in its own scope only.
        if let Ack::StateMachine(_) = ack {
            for other in others.iter().filter(|other| other.head != signer.head) {
                let response = other
                    .post(&mut conn, operation, &body)
                    .unwrap_or_else(|e| panic!("{operation} {body}: {e}"));
                assert_eq!(
                    response.status,
                    400,
                    "{ack:?} is found in {other:?}: {}",
                    response.text()
                );
            }
        }
    }
}

#[test]
fn state_file_loses_no_acknowledged_write_after_sigkill() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("sigkill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let state = dir.join("state.jsonl");
    let state = state.to_str().expect("UTF-8 path");

    let mut acknowledged: Vec<(Signer, Ack)> = Vec::new();
    for round in 0..4 {
        // Odd rounds compact the file every 97 writes, while writes to every scope go on.
        let mut server = if round % 2 == 1 {
            Server::start_with(&[
                "--port",
                "0",
                "--seed",
                "5",
                "--state-file",
                state,
                "--compact-every",
                "97",
            ])
        } else {
            Server::start_with(&["--port", "0", "--seed", "5", "--state-file", state])
        };
        assert_all_present(server.port, &acknowledged);

        let acks = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        // Two writers in each scope: writes of one scope race each other, and the other scopes'.
        let writers: Vec<_> = (0..8)
            .map(|t| {
                let acks = std::sync::Arc::clone(&acks);
                let port = server.port;
                let signer = durability_signers()[t % 4].clone();
                thread::spawn(move || write_load(port, &signer, &format!("r{round}-t{t}"), &acks))
            })
            .collect();
        // Kill it in the middle of the load, at a different moment each round.
        thread::sleep(Duration::from_millis(250 + 150 * round));
        server.child.kill().expect("SIGKILL");
        server.child.wait().expect("reap");
        for writer in writers {
            writer.join().expect("writer thread");
        }
        let acks = std::mem::take(&mut *acks.lock().unwrap());
        for signer in durability_signers() {
            let in_scope = acks.iter().filter(|(s, _)| s.head == signer.head).count();
            assert!(
                in_scope > 3,
                "round {round}: the load made only {in_scope} writes in {signer:?}"
            );
        }
        eprintln!("round {round}: {} acknowledged writes before SIGKILL", acks.len());
        acknowledged.extend(acks);
    }
    let server = Server::start_with(&["--port", "0", "--state-file", state]);
    assert_all_present(server.port, &acknowledged);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The server persists a StartExecution, then reports its run in a second write: a SIGKILL
/// between the two leaves a started execution whose run is not on disk (a `--no-runner` server
/// leaves exactly that). A restart with the runner finishes it and persists that.
#[test]
fn a_run_cut_off_after_its_start_is_finished_and_persisted_on_restart() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cut-run-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let state = dir.join("state.jsonl");
    let state = state.to_str().expect("UTF-8 path");
    let describe = |port: u16, arn: &str| {
        call_json(
            &mut connect(port),
            "DescribeExecution",
            &serde_json::json!({"executionArn": arn}),
        )
    };

    let mut server = Server::start_with(&["--port", "0", "--seed", "4", "--state-file", state, "--no-runner"]);
    let mut conn = connect(server.port);
    let created = call_json(
        &mut conn,
        "CreateStateMachine",
        &serde_json::json!({"name": "cut", "definition": PASS_RESULT, "roleArn": ROLE}),
    );
    let started = call_json(
        &mut conn,
        "StartExecution",
        &serde_json::json!({"stateMachineArn": created["stateMachineArn"], "input": "{}"}),
    );
    let arn = started["executionArn"].as_str().expect("executionArn").to_owned();
    assert_eq!(describe(server.port, &arn)["status"], "RUNNING");
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("reap");

    let mut server = Server::start_with(&["--port", "0", "--state-file", state]);
    let finished = describe(server.port, &arn);
    assert_eq!(finished["status"], "SUCCEEDED", "{finished}");
    assert_eq!(finished["output"], r#"{"Arg1":"argument1"}"#);
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("reap");

    // The run was persisted: a server without the runner restores it as it was.
    let server = Server::start_with(&["--port", "0", "--state-file", state, "--no-runner"]);
    assert_eq!(describe(server.port, &arn), finished);
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------------------------------------------
// The example server's runner: Pass / Succeed / Fail state machines end as on AWS
// ------------------------------------------------------------------------------------------------

/// LocalStack's BASE_PASS_RESULT template, whose executions the recordings show SUCCEEDED.
const PASS_RESULT: &str =
    r#"{"StartAt":"State_1","States":{"State_1":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}}"#;

fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

#[test]
fn the_runner_ends_pass_state_machines_as_aws_does() {
    let server = Server::start(3);
    let mut conn = connect(server.port);
    let created = call_json(
        &mut conn,
        "CreateStateMachine",
        &serde_json::json!({"name": "runner", "definition": PASS_RESULT, "roleArn": ROLE, "publish": true}),
    );
    let sm = created["stateMachineArn"].as_str().expect("stateMachineArn").to_owned();
    let v1 = created["stateMachineVersionArn"]
        .as_str()
        .expect("stateMachineVersionArn")
        .to_owned();
    call_json(
        &mut conn,
        "CreateStateMachineAlias",
        &serde_json::json!({"name": "PROD", "routingConfiguration": [{"stateMachineVersionArn": v1, "weight": 100}]}),
    );

    // Through the alias (aws-behaviour.md §2.12, ASNAP test_base_lifecycle_create_invoke_describe_list).
    let started = call_json(
        &mut conn,
        "StartExecution",
        &serde_json::json!({"stateMachineArn": format!("{sm}:PROD"), "input": "{}"}),
    );
    let arn = started["executionArn"].as_str().expect("executionArn").to_owned();
    let described = call_json(
        &mut conn,
        "DescribeExecution",
        &serde_json::json!({"executionArn": arn}),
    );
    assert_eq!(
        keys(&described),
        [
            "executionArn",
            "input",
            "inputDetails",
            "name",
            "output",
            "outputDetails",
            "redriveCount",
            "redriveStatus",
            "redriveStatusReason",
            "startDate",
            "stateMachineAliasArn",
            "stateMachineArn",
            "stateMachineVersionArn",
            "status",
            "stopDate"
        ]
    );
    assert_eq!(described["status"], "SUCCEEDED");
    assert_eq!(described["output"], r#"{"Arg1":"argument1"}"#);
    assert_eq!(described["outputDetails"], serde_json::json!({"included": true}));
    assert_eq!(described["redriveStatus"], "NOT_REDRIVABLE");
    assert_eq!(
        described["redriveStatusReason"],
        "Execution is SUCCEEDED and cannot be redriven"
    );
    assert!(described["stopDate"].as_f64() >= described["startDate"].as_f64());

    // The history: started, the Pass state entered and exited, succeeded.
    let history = call_json(
        &mut conn,
        "GetExecutionHistory",
        &serde_json::json!({"executionArn": arn}),
    );
    let events = history["events"].as_array().expect("events");
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap_or_default()).collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(
        events[1]["stateEnteredEventDetails"],
        serde_json::json!({"name": "State_1", "input": "{}", "inputDetails": {"truncated": false}})
    );
    assert_eq!(
        events[2]["stateExitedEventDetails"],
        serde_json::json!({"name": "State_1", "output": r#"{"Arg1":"argument1"}"#, "outputDetails": {"truncated": false}})
    );
    assert_eq!(
        events[3]["executionSucceededEventDetails"],
        serde_json::json!({"output": r#"{"Arg1":"argument1"}"#, "outputDetails": {"truncated": false}})
    );
    let ids: Vec<(i64, i64)> = events
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().unwrap_or(-1),
                e["previousEventId"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    // As recorded (test_start_execution): the first state entered points at 0, not at 1.
    assert_eq!(ids, [(1, 0), (2, 0), (3, 2), (4, 3)]);

    // A Fail state fails the execution with its error and cause.
    let fail = r#"{"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Oops","Cause":"on purpose"}}}"#;
    let failing = call_json(
        &mut conn,
        "CreateStateMachine",
        &serde_json::json!({"name": "failing", "definition": fail, "roleArn": ROLE}),
    );
    let started = call_json(
        &mut conn,
        "StartExecution",
        &serde_json::json!({"stateMachineArn": failing["stateMachineArn"]}),
    );
    let described = call_json(
        &mut conn,
        "DescribeExecution",
        &serde_json::json!({"executionArn": started["executionArn"]}),
    );
    assert_eq!(
        (&described["status"], &described["error"], &described["cause"]),
        (
            &serde_json::json!("FAILED"),
            &serde_json::json!("Oops"),
            &serde_json::json!("on purpose")
        )
    );

    // A Wait state is beyond the runner: the execution stays RUNNING until stopped.
    let wait = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#;
    let waiting = call_json(
        &mut conn,
        "CreateStateMachine",
        &serde_json::json!({"name": "waiting", "definition": wait, "roleArn": ROLE}),
    );
    let started = call_json(
        &mut conn,
        "StartExecution",
        &serde_json::json!({"stateMachineArn": waiting["stateMachineArn"]}),
    );
    let described = call_json(
        &mut conn,
        "DescribeExecution",
        &serde_json::json!({"executionArn": started["executionArn"]}),
    );
    assert_eq!(described["status"], "RUNNING");

    // Ended executions hold nothing back: the state machine is deleted at once.
    call_json(
        &mut conn,
        "DeleteStateMachine",
        &serde_json::json!({"stateMachineArn": sm}),
    );
    let gone = call(
        &mut conn,
        "DescribeStateMachine",
        &format!(r#"{{"stateMachineArn":"{sm}"}}"#),
    );
    assert_eq!(gone.status, 400, "{}", gone.text());
    assert_eq!(
        str_member(&json(&gone.body).expect("JSON"), "__type"),
        Some("StateMachineDoesNotExist")
    );
}

// ------------------------------------------------------------------------------------------------
// Thousands of random requests over the wire
// ------------------------------------------------------------------------------------------------

/// A request body made from `rng`: random bytes, a JSON value, or a request holding a valid value
/// of every member any operation takes, some of them removed or replaced by junk.
fn random_body(rng: &mut sfn_registry::rand::rngs::Xoshiro256PlusPlus) -> Vec<u8> {
    use sfn_registry::rand::RngExt;
    let junk = [
        serde_json::json!(null),
        serde_json::json!(true),
        serde_json::json!(-1),
        serde_json::json!(1e300),
        serde_json::json!(9_999_999_999_i64),
        serde_json::json!(""),
        serde_json::json!("arn:aws:states:us-east-1:123456789012:stateMachine:x:0"),
        serde_json::json!("x".repeat(300)),
        serde_json::json!([]),
        serde_json::json!({"a": {"b": [1, {"c": null}]}}),
    ];
    match rng.random_range(0..4u8) {
        0 => (0..rng.random_range(0..64usize)).map(|_| rng.random::<u8>()).collect(),
        1 => junk[rng.random_range(0..junk.len())].to_string().into_bytes(),
        _ => {
            let sm = "arn:aws:states:us-east-1:123456789012:stateMachine:fuzz";
            let mut body = serde_json::json!({
                "name": "fuzz", "definition": PASS, "roleArn": ROLE, "publish": true,
                "stateMachineArn": sm, "stateMachineVersionArn": format!("{sm}:1"),
                "stateMachineAliasArn": format!("{sm}:PROD"), "executionArn": format!("{sm}:run"),
                "resourceArn": sm, "tags": [{"key": "k", "value": "v"}], "tagKeys": ["k"],
                "routingConfiguration": [{"stateMachineVersionArn": format!("{sm}:1"), "weight": 100}],
                "maxResults": 2, "input": "{}", "description": "d", "revisionId": "INITIAL",
            });
            let keys: Vec<String> = body
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            for _ in 0..rng.random_range(0..3u8) {
                let key = &keys[rng.random_range(0..keys.len())];
                if rng.random::<bool>() {
                    body.as_object_mut().map(|o| o.remove(key));
                } else {
                    body[key] = junk[rng.random_range(0..junk.len())].clone();
                }
            }
            body.to_string().into_bytes()
        }
    }
}

#[test]
fn thousands_of_random_requests_over_the_wire_get_200_or_a_json_4xx() {
    use sfn_registry::rand::{RngExt, SeedableRng};
    let server = Server::start(13);
    let mut rng = sfn_registry::rand::rngs::Xoshiro256PlusPlus::seed_from_u64(2026);
    let mut conn = connect(server.port);
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..5_000 {
        let operation = sfn_registry::Operation::ALL[rng.random_range(0..sfn_registry::Operation::ALL.len())];
        let target = if i % 50 == 0 {
            "AWSStepFunctions.Bogus".to_owned()
        } else {
            format!("AWSStepFunctions.{operation}")
        };
        let body = random_body(&mut rng);
        let response = match post(&mut conn, Some(target.as_bytes()), &body) {
            Ok(response) => response,
            // The server may close a connection after a bad request: open another.
            Err(_) => {
                conn = connect(server.port);
                post(&mut conn, Some(target.as_bytes()), &body)
                    .unwrap_or_else(|e| panic!("request {i}: no answer: {e}"))
            }
        };
        *statuses.entry(response.status).or_insert(0) += 1;
        assert!(
            response.status == 200 || (400..500).contains(&response.status),
            "request {i} {target}: HTTP {}",
            response.status
        );
        let parsed = json(&response.body)
            .unwrap_or_else(|e| panic!("request {i} {target}: body is not JSON ({e}): {}", response.text()));
        if response.status != 200 {
            assert!(
                str_member(&parsed, "__type").is_some_and(|t| !t.is_empty() && !t.contains(':'))
                    && str_member(&parsed, "message").is_some(),
                "request {i} {target}: {}",
                response.text()
            );
        }
    }
    assert!(
        statuses.get(&200).copied().unwrap_or(0) > 100,
        "too few requests succeeded to reach the registry: {statuses:?}"
    );
    let list = call(&mut connect(server.port), "ListStateMachines", "{}");
    assert_eq!(list.status, 200);
}

// ------------------------------------------------------------------------------------------------
// Random Authorization headers
// ------------------------------------------------------------------------------------------------

/// An `Authorization` header value made from `rng`: a signed header with characters deleted,
/// replaced or inserted, parameters shuffled, or random bytes (control characters included,
/// which the HTTP layer may refuse).
fn random_authorization(rng: &mut sfn_registry::rand::rngs::Xoshiro256PlusPlus) -> Vec<u8> {
    use sfn_registry::rand::RngExt;
    let regions = [
        "us-west-2",
        "cn-north-1",
        "us-gov-west-1",
        "us-isob-east-1",
        "eu-west-1",
        "x",
    ];
    let keys = [
        "111111111111",
        "222222222222",
        "AKIAIOSFODNN7EXAMPLE",
        "1111111111111",
        "",
    ];
    let region = regions[rng.random_range(0..regions.len())];
    let key = keys[rng.random_range(0..keys.len())];
    let mut header = authorization(key, region).into_bytes();
    match rng.random_range(0..4u8) {
        0 => {}
        1 => {
            for _ in 0..rng.random_range(1..4usize) {
                let at = rng.random_range(0..header.len());
                match rng.random_range(0..3u8) {
                    0 => {
                        header.remove(at);
                    }
                    1 => header[at] = rng.random_range(0x20..0x7f),
                    _ => header.insert(at, *b" ,=/\t".get(rng.random_range(0..5usize)).unwrap_or(&b' ')),
                }
            }
        }
        2 => {
            let text = String::from_utf8(header).unwrap_or_default();
            let (algorithm, parameters) = text.split_once(' ').unwrap_or_default();
            let mut parameters: Vec<&str> = parameters.split(", ").collect();
            parameters.rotate_left(rng.random_range(0..3usize));
            let separator = [",", ", ", " , ", ",\t"][rng.random_range(0..4usize)];
            header = format!("{algorithm} {}", parameters.join(separator)).into_bytes();
        }
        _ => {
            header = (0..rng.random_range(0..80usize)).map(|_| rng.random::<u8>()).collect();
        }
    }
    header
}

#[test]
fn random_authorization_headers_get_no_5xx_and_act_in_their_scope() {
    use sfn_registry::rand::SeedableRng;
    let server = Server::start(17);
    let default = sfn_registry::ArnScope::default();
    let mut rng = sfn_registry::rand::rngs::Xoshiro256PlusPlus::seed_from_u64(2027);
    let mut conn = connect(server.port);
    let mut scopes = std::collections::BTreeMap::new();
    let mut refused = 0;
    for i in 0..3_000 {
        let header = random_authorization(&mut rng);
        let body = serde_json::json!({"name": format!("auth-{i}"), "definition": PASS, "roleArn": ROLE});
        let target = b"AWSStepFunctions.CreateStateMachine";
        let response = match post_signed(&mut conn, Some(&header), Some(target), body.to_string().as_bytes()) {
            Ok(response) => response,
            // The HTTP layer may close a connection after a header it refuses: open another.
            Err(_) => {
                conn = connect(server.port);
                post_signed(&mut conn, Some(&header), Some(target), body.to_string().as_bytes())
                    .unwrap_or_else(|e| panic!("request {i} ({header:?}): no answer: {e}"))
            }
        };
        assert!(
            response.status < 500,
            "request {i} ({header:?}): HTTP {}: {}",
            response.status,
            response.text()
        );
        if response.status != 200 {
            // Only the HTTP layer refuses a request for its header: bytes a header cannot hold.
            assert!(
                header.iter().any(|&b| b < 0x20 && b != b'\t' || b == 0x7f),
                "request {i} ({header:?}): HTTP {}: {}",
                response.status,
                response.text()
            );
            refused += 1;
            conn = connect(server.port);
            continue;
        }
        let created = json(&response.body).expect("CreateStateMachine body");
        let arn = str_member(&created, "stateMachineArn").expect("stateMachineArn");
        let scope = sfn_registry::scope_of_request(Some(&header), &default);
        let head = format!(
            "arn:{}:states:{}:{}:stateMachine:",
            scope.partition(),
            scope.region(),
            scope.account_id()
        );
        assert_eq!(arn, format!("{head}auth-{i}"), "request {i} ({header:?})");
        *scopes.entry(head).or_insert(0) += 1;
    }
    // The load reached the default scope and many others, and the server still serves.
    eprintln!(
        "{} scopes, {refused} headers refused by the HTTP layer: {scopes:?}",
        scopes.len()
    );
    assert!(scopes.len() >= 10, "{scopes:?}");
    assert!(refused < 1_000, "{refused} requests refused");
    let list = call(
        &mut connect(server.port),
        "ListStateMachines",
        r#"{"maxResults": 1000}"#,
    );
    assert_eq!(list.status, 200);
    let listed = json(&list.body).expect("ListStateMachines body");
    let default_head = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    assert_eq!(
        listed["stateMachines"].as_array().map(Vec::len),
        scopes.get(default_head).copied(),
        "the default scope lists exactly the state machines created in it"
    );
}
