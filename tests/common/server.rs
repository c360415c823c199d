//! The example server under test (`examples/server/main.rs`), child processes with a time limit,
//! and a tiny HTTP/1.1 client to call the server with: shared by the tests that drive the server
//! over the wire (`tests/wire.rs`, `tests/terraform.rs`).
//!
//! They do not build the server: they expect `<target>/<profile>/examples/server`, next to the
//! test binary's `deps/` directory. `cargo test` builds examples before it runs tests, but
//! `cargo test --test <name>` alone does not, so build it first:
//!
//! ```text
//! cargo build --example server && cargo test --test wire
//! ```

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long a connection, a read or the server's start may take.
pub const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// The repository's root directory.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ------------------------------------------------------------------------------------------------
// The server under test
// ------------------------------------------------------------------------------------------------

/// `<target>/<profile>/examples/server`: the test binary is `<target>/<profile>/deps/<test>-<hash>`.
pub fn server_binary() -> PathBuf {
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
         `cargo build --example server` (same profile as the tests) before `cargo test --test <name>`",
        server.display()
    );
    server
}

/// A running example server; killed (and reaped) on drop, whatever happens in the test.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Server {
    /// Starts the server on a free port with `--seed seed`.
    pub fn start(seed: u64) -> Server {
        Server::start_with(&["--port", "0", "--seed", &seed.to_string()])
    }

    /// Starts the server with `args` (which must include `--port 0`) and waits for its
    /// `listening on` line.
    pub fn start_with(args: &[&str]) -> Server {
        let binary = server_binary();
        let mut child = Command::new(&binary)
            .args(args)
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

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
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

/// How a child process ended, and what it printed.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Reads `pipe` to its end on a thread of its own.
pub fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `command` to completion, killing it after `limit`.
pub fn run(command: &mut Command, limit: Duration) -> Output {
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
// A tiny HTTP/1.1 client
// ------------------------------------------------------------------------------------------------

/// A response: its status and its body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Response {
    /// The body as text (lossily).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A connection to the server on `port`, with [`IO_TIMEOUT`] on reads and writes.
pub fn connect(port: u16) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect to {port}: {e}"));
    stream.set_read_timeout(Some(IO_TIMEOUT)).expect("set_read_timeout");
    stream.set_write_timeout(Some(IO_TIMEOUT)).expect("set_write_timeout");
    BufReader::new(stream)
}

/// `POST /` with the AWS JSON 1.0 headers; `target: None` leaves `X-Amz-Target` out. Reads the
/// response by its `Content-Length`, so the connection can be reused.
pub fn post(conn: &mut BufReader<TcpStream>, target: Option<&[u8]>, body: &[u8]) -> io::Result<Response> {
    post_signed(conn, None, target, body)
}

/// [`post`] with an `Authorization` header, if `authorization` is given.
pub fn post_signed(
    conn: &mut BufReader<TcpStream>,
    authorization: Option<&[u8]>,
    target: Option<&[u8]>,
    body: &[u8],
) -> io::Result<Response> {
    let mut request = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n".to_vec();
    for (name, value) in [(&b"X-Amz-Target"[..], target), (b"Authorization", authorization)] {
        if let Some(value) = value {
            request.extend_from_slice(name);
            request.extend_from_slice(b": ");
            request.extend_from_slice(value);
            request.extend_from_slice(b"\r\n");
        }
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

/// Reads one response: status line, headers, and a body of `Content-Length` bytes.
pub fn read_response(conn: &mut BufReader<TcpStream>) -> io::Result<Response> {
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

/// Calls `AWSStepFunctions.<operation>` with `body`; panics if the request cannot be made.
pub fn call(conn: &mut BufReader<TcpStream>, operation: &str, body: &str) -> Response {
    let target = format!("AWSStepFunctions.{operation}");
    post(conn, Some(target.as_bytes()), body.as_bytes()).unwrap_or_else(|e| panic!("{operation} {body}: {e}"))
}

/// The body as JSON, or why it is not.
pub fn json(body: &[u8]) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_slice(body)
}

/// The string member `key` of an object.
pub fn str_member<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(serde_json::Value::as_str)
}

/// Calls `operation` with the JSON `body`, asserts HTTP 200 and returns the response body.
pub fn call_json(conn: &mut BufReader<TcpStream>, operation: &str, body: &serde_json::Value) -> serde_json::Value {
    let response = call(conn, operation, &body.to_string());
    assert_eq!(response.status, 200, "{operation} {body}: {}", response.text());
    json(&response.body).unwrap_or_else(|e| panic!("{operation} response body ({e}): {}", response.text()))
}
