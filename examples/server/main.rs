//! Serves the AWS JSON 1.0 adapter over HTTP on 127.0.0.1, so that the AWS CLI and boto3 work
//! against an in-memory registry unchanged.
//!
//! ```text
//! cargo run --example server -- --port 8083 [--seed N] [--region R] [--account-id A] [--state-file PATH]
//! aws --endpoint-url http://127.0.0.1:8083 stepfunctions list-state-machines
//! ```
//!
//! It routes on the `X-Amz-Target` header only (any method, any path), serves concurrent
//! keep-alive connections, and prints `listening on http://127.0.0.1:<port>` once it accepts
//! connections (`--port 0` picks a free port).
//!
//! The server runs state machines made only of `Pass`, `Succeed` and `Fail` states to their end
//! as soon as they start (see `runner.rs`), so that simple executions succeed or fail as on AWS;
//! other executions stay `RUNNING` until StopExecution. `--no-runner` leaves every execution
//! running.
//!
//! With `--state-file PATH` the registry is durable: at start it restores from PATH (a snapshot
//! line followed by one line per change), and it appends every acknowledged write to PATH and
//! syncs it to disk *before* answering. Killing the server at any moment (SIGKILL included) and
//! starting it again with the same PATH loses no write a client saw succeed; a half-written last
//! line, from a write that was never answered, is dropped. The file is compacted into a fresh
//! snapshot at start and every 50,000 writes. A restored registry keeps its own seed and RNG
//! state: `--seed` only seeds a new one.

use std::convert::Infallible;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use sfn_registry::{
    CONTENT_TYPE, Change, ExecutionRef, InMemoryRegistry, InMemoryRegistryBuilder, Snapshot, handle_json,
};

mod runner;
use tokio::net::TcpListener;

/// Largest request body accepted: a 1 MiB definition, JSON-escaped, fits with room to spare.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

const USAGE: &str = "usage: server --port <port> [--seed <u64>] [--region <region>] [--account-id <12 digits>] [--state-file <path>] [--no-runner]";

/// Writes between two compactions of the state file.
const COMPACT_EVERY: usize = 50_000;

struct Options {
    port: u16,
    seed: Option<u64>,
    region: Option<String>,
    account_id: Option<String>,
    state_file: Option<PathBuf>,
    runner: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        port: 8083,
        seed: None,
        region: None,
        account_id: None,
        state_file: None,
        runner: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => options.port = value()?.parse().map_err(|e| format!("--port: {e}"))?,
            "--seed" => options.seed = Some(value()?.parse().map_err(|e| format!("--seed: {e}"))?),
            "--region" => options.region = Some(value()?),
            "--account-id" => options.account_id = Some(value()?),
            "--state-file" => options.state_file = Some(PathBuf::from(value()?)),
            "--no-runner" => options.runner = false,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Runs the execution a StartExecution response names, if the runner can.
fn run_started(registry: &mut InMemoryRegistry, body: &[u8]) {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Started {
        execution_arn: ExecutionRef,
    }
    if let Ok(started) = serde_json::from_slice::<Started>(body) {
        runner::run(registry, &started.execution_arn);
    }
}

/// The registry, and the state file its changes go to, locked together so that the file holds
/// the changes in the order they were applied.
struct State {
    registry: InMemoryRegistry,
    journal: Option<Journal>,
}

struct Server {
    state: Mutex<State>,
    runner: bool,
    requests: AtomicU64,
    request_id_prefix: u64,
}

/// The state file: a snapshot line, then one line per change, each synced before it is answered.
struct Journal {
    path: PathBuf,
    file: File,
    since_compaction: usize,
}

impl Journal {
    /// Restores the registry from `path` (or builds a new one if there is no such file) and
    /// compacts the file into a fresh snapshot.
    fn open(path: &Path, builder: InMemoryRegistryBuilder) -> Result<(InMemoryRegistry, Journal), String> {
        let registry = match fs::read(path) {
            Ok(bytes) => restore(&bytes, builder.record_changes(true))
                .map_err(|e| format!("cannot restore from {}: {e}", path.display()))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => builder
                .record_changes(true)
                .build()
                .map_err(|e| format!("invalid scope: {e}"))?,
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let file = compact(path, &registry).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok((
            registry,
            Journal {
                path: path.to_owned(),
                file,
                since_compaction: 0,
            },
        ))
    }

    /// Appends the changes and syncs them to disk.
    fn append(&mut self, changes: &[Change], registry: &InMemoryRegistry) -> io::Result<()> {
        let mut lines = Vec::new();
        for change in changes {
            serde_json::to_writer(&mut lines, change)?;
            lines.push(b'\n');
        }
        self.file.write_all(&lines)?;
        self.file.sync_data()?;
        self.since_compaction += changes.len();
        if self.since_compaction >= COMPACT_EVERY {
            self.file = compact(&self.path, registry)?;
            self.since_compaction = 0;
        }
        Ok(())
    }
}

/// The registry a state file describes: its snapshot line, then its change lines. A last line
/// without its newline is a write that was cut off before it was answered: it is dropped.
fn restore(bytes: &[u8], builder: InMemoryRegistryBuilder) -> Result<InMemoryRegistry, String> {
    let complete = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(end) => &bytes[..=end],
        None => &[][..],
    };
    if complete.len() < bytes.len() {
        eprintln!(
            "dropping a partly written last line ({} bytes): its write was never answered",
            bytes.len() - complete.len()
        );
    }
    let mut lines = complete.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    let snapshot = Snapshot::from_json(lines.next().ok_or("the file holds no snapshot")?).map_err(|e| e.to_string())?;
    let changes = lines
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_slice::<Change>(line).map_err(|e| format!("change {} is corrupt: {e}", i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    builder
        .restore_with_changes(snapshot, &changes)
        .map_err(|e| e.to_string())
}

/// Replaces the file at `path` by the registry's snapshot (written beside it, synced, then
/// renamed over it) and opens it for appending.
fn compact(path: &Path, registry: &InMemoryRegistry) -> io::Result<File> {
    // Beside the state file, under a name no other state file can have.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".compacting");
    let tmp = PathBuf::from(tmp);
    let mut file = File::create(&tmp)?;
    file.write_all(&registry.snapshot().to_json())?;
    file.write_all(b"\n")?;
    file.sync_all()?;
    fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        File::open(dir)?.sync_all()?;
    }
    OpenOptions::new().append(true).open(path)
}

impl Server {
    async fn serve(&self, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
        let target = request
            .headers()
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        let request_id = format!("{:08x}-0000-4000-8000-{n:012x}", self.request_id_prefix);
        let (status, body) = match Limited::new(request.into_body(), MAX_BODY_BYTES).collect().await {
            Ok(body) => {
                let body = body.to_bytes();
                let response = {
                    let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                    let State { registry, journal } = &mut *state;
                    let response = handle_json(registry, &target, &body);
                    if self.runner && response.status == 200 && target == "AWSStepFunctions.StartExecution" {
                        run_started(registry, &response.body);
                    }
                    if let Some(journal) = journal {
                        let changes = registry.take_changes();
                        if !changes.is_empty()
                            && let Err(e) = journal.append(&changes, registry)
                        {
                            // The write is applied but not durable: it must not be answered.
                            eprintln!("cannot persist to {}: {e}", journal.path.display());
                            std::process::abort();
                        }
                    }
                    response
                };
                (StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), response.body)
            }
            Err(e) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                serde_json::json!({"__type": "SerializationException", "message": format!("Could not read the request body: {e}")})
                    .to_string()
                    .into_bytes(),
            ),
        };
        let response = Response::builder()
            .status(status)
            .header("content-type", CONTENT_TYPE)
            .header("x-amzn-requestid", request_id)
            .body(Full::new(Bytes::from(body)))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())));
        Ok(response)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut builder = InMemoryRegistry::builder();
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    if let Some(region) = &options.region {
        builder = builder.region(region.clone());
    }
    if let Some(account_id) = &options.account_id {
        builder = builder.account_id(account_id.clone());
    }
    let (mut registry, mut journal) = match &options.state_file {
        Some(path) => match Journal::open(path, builder) {
            Ok((registry, journal)) => {
                let restored_scope = registry.scope();
                if options.region.as_deref().is_some_and(|r| r != restored_scope.region())
                    || options
                        .account_id
                        .as_deref()
                        .is_some_and(|a| a != restored_scope.account_id())
                {
                    eprintln!(
                        "{} is restored with its own region and account; --region and --account-id only set those of a new registry",
                        path.display()
                    );
                }
                (registry, Some(journal))
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => match builder.build() {
            Ok(registry) => (registry, None),
            Err(e) => {
                eprintln!("invalid scope: {e}");
                return ExitCode::from(2);
            }
        },
    };
    // Executions the runner can finish, left running by a crash between their start and their
    // end: finish them now (and persist that) before serving.
    if options.runner {
        let running: Vec<ExecutionRef> = registry.running_executions().map(|e| e.arn().clone()).collect();
        for arn in &running {
            runner::run(&mut registry, arn);
        }
        if let Some(journal) = &mut journal {
            let changes = registry.take_changes();
            if !changes.is_empty()
                && let Err(e) = journal.append(&changes, &registry)
            {
                eprintln!("cannot persist to {}: {e}", journal.path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let listener = match TcpListener::bind(("127.0.0.1", options.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{}: {e}", options.port);
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(options.port);
    let server = Arc::new(Server {
        request_id_prefix: registry.seed() & 0xffff_ffff,
        state: Mutex::new(State { registry, journal }),
        runner: options.runner,
        requests: AtomicU64::new(0),
    });
    println!("listening on http://127.0.0.1:{port}");
    let _ = std::io::stdout().flush();

    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    eprintln!("accept failed: {e}");
                    continue;
                }
            },
            _ = tokio::signal::ctrl_c() => return ExitCode::SUCCESS,
        };
        let _ = stream.set_nodelay(true);
        let server = Arc::clone(&server);
        tokio::spawn(async move {
            let service = service_fn(|request| {
                let server = Arc::clone(&server);
                async move { server.serve(request).await }
            });
            let _ = http1::Builder::new()
                .keep_alive(true)
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
