//! End-to-end wire tests against the example server (`examples/server.rs`):
//!
//! - `boto3_and_aws_cli_scenario`: the real boto3 client and AWS CLI v1 (pinned in
//!   `tests/wire/requirements.txt`, installed into `target/wire-venv` by
//!   `tests/wire/setup-venv.sh`) run `tests/wire/scenario.py`, which asserts the responses
//!   against the recordings of the real service in aws-behaviour.md.
//! - `same_seed_gives_same_revision_ids`: two servers started with the same `--seed` hand out
//!   the same revision ids for the same requests (raw HTTP/1.1 over `TcpStream`).
//! - `malformed_requests_get_json_4xx`: garbage in, a JSON error with `__type` out, never a 5xx.
//!
//! The test does not build the server: it expects `<target>/<profile>/examples/server`, next to
//! the test binary's `deps/` directory. `cargo test` builds examples before it runs tests, but
//! `cargo test --test wire` alone does not, so build it first:
//!
//! ```text
//! cargo build --example server && cargo test --test wire
//! ```
//!
//! The first run needs `python3` (with `venv`) and access to PyPI; later runs work offline.
//! Uses std and serde_json only.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const ROLE: &str = "arn:aws:iam::123456789012:role/wire-test-role";
const IO_TIMEOUT: Duration = Duration::from_secs(30);

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ------------------------------------------------------------------------------------------------
// The server under test
// ------------------------------------------------------------------------------------------------

/// `<target>/<profile>/examples/server`: the test binary is `<target>/<profile>/deps/wire-<hash>`.
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("unexpected test binary location {}", exe.display()));
    let server = profile_dir
        .join("examples")
        .join(format!("server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        server.is_file(),
        "the example server binary {} is missing: build it with `cargo test` (which builds examples) or \
         `cargo build --example server` (same profile as the tests) before `cargo test --test wire`",
        server.display()
    );
    server
}

/// A running example server; killed (and reaped) on drop, whatever happens in the test.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(seed: u64) -> Server {
        let binary = server_binary();
        let mut child = Command::new(&binary)
            .args(["--port", "0", "--seed", &seed.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let stdout = child.stdout.take().expect("piped stdout");
        // From here on the guard owns the child, so a panic below still kills it.
        let mut server = Server { child, port: 0 };

        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            // Keeps draining stdout until the server exits, so it can never block on a full pipe.
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + IO_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = line.trim().strip_prefix("listening on http://127.0.0.1:") {
                        server.port = url.parse().unwrap_or_else(|e| panic!("bad port in {line:?}: {e}"));
                        return server;
                    }
                }
                Err(e) => {
                    let status = server.child.try_wait().ok().flatten();
                    panic!("the server printed no `listening on` line ({e}); exit status: {status:?}");
                }
            }
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ------------------------------------------------------------------------------------------------
// Child processes with a time limit
// ------------------------------------------------------------------------------------------------

struct Output {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `command` to completion, killing it after `limit`.
fn run(command: &mut Command, limit: Duration) -> Output {
    let description = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {description}: {e}"));
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(25)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                let (stdout, stderr) = (stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default());
                panic!("{description} timed out after {limit:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
            }
            Err(e) => panic!("waiting for {description}: {e}"),
        }
    };
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

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

#[test]
fn boto3_and_aws_cli_scenario() {
    let python = wire_python();
    let server = Server::start(7);
    let started = Instant::now();
    let out = run(
        Command::new(&python)
            .arg("tests/wire/scenario.py")
            .arg(server.url())
            .current_dir(repo_root()),
        Duration::from_secs(600),
    );
    drop(server);
    let report = format!(
        "--- scenario.py stdout\n{}--- scenario.py stderr\n{}",
        out.stdout, out.stderr
    );
    assert!(
        out.status.success(),
        "tests/wire/scenario.py failed ({})\n{report}",
        out.status
    );
    assert!(
        out.stdout.contains("\nPASS: "),
        "scenario.py exited 0 without its PASS line\n{report}"
    );
    println!("{report}scenario took {:.1?}", started.elapsed());
}

// ------------------------------------------------------------------------------------------------
// A tiny HTTP/1.1 client
// ------------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Response {
    status: u16,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn connect(port: u16) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect to {port}: {e}"));
    stream.set_read_timeout(Some(IO_TIMEOUT)).expect("set_read_timeout");
    stream.set_write_timeout(Some(IO_TIMEOUT)).expect("set_write_timeout");
    BufReader::new(stream)
}

/// `POST /` with the AWS JSON 1.0 headers; `target: None` leaves `X-Amz-Target` out. Reads the
/// response by its `Content-Length`, so the connection can be reused.
fn post(conn: &mut BufReader<TcpStream>, target: Option<&[u8]>, body: &[u8]) -> io::Result<Response> {
    let mut request = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n".to_vec();
    if let Some(target) = target {
        request.extend_from_slice(b"X-Amz-Target: ");
        request.extend_from_slice(target);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    request.extend_from_slice(body);
    // A server may answer (and close) before it has read all of a body it rejects: still try to
    // read its answer when the write fails.
    let written = conn.get_mut().write_all(&request).and_then(|()| conn.get_mut().flush());

    let read = read_response(conn);
    match (written, read) {
        (_, Ok(response)) => Ok(response),
        (Err(w), Err(r)) => Err(io::Error::new(
            r.kind(),
            format!("write failed ({w}), then read failed ({r})"),
        )),
        (Ok(()), Err(r)) => Err(r),
    }
}

fn read_response(conn: &mut BufReader<TcpStream>) -> io::Result<Response> {
    let bad = |what: String| io::Error::new(io::ErrorKind::InvalidData, what);
    let mut line = String::new();
    if conn.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed before the status line",
        ));
    }
    let status = line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| bad(format!("bad status line {line:?}")))?;
    let mut content_length = None;
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed in the headers",
            ));
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            content_length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|e| bad(format!("{header:?}: {e}")))?,
            );
        }
    }
    let length = content_length.ok_or_else(|| bad("no Content-Length header".to_owned()))?;
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok(Response { status, body })
}

fn call(conn: &mut BufReader<TcpStream>, operation: &str, body: &str) -> Response {
    let target = format!("AWSStepFunctions.{operation}");
    post(conn, Some(target.as_bytes()), body.as_bytes()).unwrap_or_else(|e| panic!("{operation} {body}: {e}"))
}

/// The body as JSON, or why it is not.
fn json(body: &[u8]) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_slice(body)
}

/// The string member `key` of an object.
fn str_member<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(serde_json::Value::as_str)
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
