//! Serves the AWS JSON 1.0 adapter over HTTP on 127.0.0.1, so that the AWS CLI and boto3 work
//! against in-memory registries unchanged.
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
//! It serves every partition, region and account: a request acts in the region its SigV4
//! `Authorization` header was signed for, in that region's partition (`cn-north-1` in `aws-cn`,
//! `us-gov-west-1` in `aws-us-gov`, …), and in the account its access key id names when the key
//! is 12 digits. A request without a readable `Authorization` header, and the account of any
//! other key, use `--region` and `--account-id` (default `us-east-1`, `123456789012`). Each
//! scope is a registry of its own (`ScopedRegistries`), seeded from `--seed` and the scope, and
//! served in parallel with the others. Signatures are not checked.
//!
//! Within a scope, reads (`Operation::is_write` false) are served in parallel under the scope's
//! read lock, writes one at a time under its write lock (`JsonRequest`).
//!
//! The server runs state machines made only of `Pass`, `Succeed` and `Fail` states to their end
//! as soon as they start (see `runner.rs`), so that simple executions succeed or fail as on AWS;
//! other executions stay `RUNNING` until StopExecution. `--no-runner` leaves every execution
//! running. The runner holds no lock while it works: after a StartExecution it reads what the
//! execution runs under the scope's read lock, computes the whole run without a lock, and reports
//! it under a short write lock; the StartExecution is answered once the run is reported (and,
//! with `--state-file`, persisted).
//!
//! With `--state-file PATH` every scope is durable: at start the server restores from PATH (a
//! snapshot line of every scope followed by one line per change, each with its scope), and it
//! appends every acknowledged write to PATH and syncs it to disk *before* answering. Killing the
//! server at any moment (SIGKILL included) and starting it again with the same PATH loses no
//! write a client saw succeed; a half-written last line, from a write that was never answered,
//! is dropped. The file is compacted into a fresh snapshot at start and every 50,000 writes
//! (`--compact-every N`: every N), while no write runs. A restored state keeps its own seeds:
//! `--seed` only seeds a new one.

use std::convert::Infallible;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use sfn_registry::{
    ArnScope, CONTENT_TYPE, Change, ExecutionRef, InMemoryRegistry, InMemoryRegistryBuilder, JsonRequest, JsonResponse,
    Operation, Partition, ScopedChange, ScopedRegistries, ScopedSnapshot,
};

mod listen;
mod runner;

/// Largest request body accepted: a 1 MiB definition, JSON-escaped, fits with room to spare.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

const USAGE: &str = "usage: server --port <port> [--seed <u64>] [--region <region>] [--account-id <12 digits>] [--state-file <path> [--compact-every <writes>]] [--no-runner]";

/// Writes between two compactions of the state file, unless `--compact-every` says otherwise.
const COMPACT_EVERY: usize = 50_000;

struct Options {
    port: u16,
    seed: Option<u64>,
    region: Option<String>,
    account_id: Option<String>,
    state_file: Option<PathBuf>,
    compact_every: usize,
    runner: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        port: 8083,
        seed: None,
        region: None,
        account_id: None,
        state_file: None,
        compact_every: COMPACT_EVERY,
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
            "--compact-every" => {
                options.compact_every = value()?.parse().map_err(|e| format!("--compact-every: {e}"))?;
            }
            "--no-runner" => options.runner = false,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// The execution a StartExecution answer names.
fn started_execution(body: &[u8]) -> Option<ExecutionRef> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Started {
        execution_arn: ExecutionRef,
    }
    serde_json::from_slice::<Started>(body)
        .ok()
        .map(|started| started.execution_arn)
}

struct Server {
    registries: ScopedRegistries,
    /// The state file, if any. A write appends its changes while it holds its scope's lock, so
    /// that the file holds each scope's changes in the order they were applied.
    journal: Option<Mutex<Journal>>,
    /// Writes hold it shared from their start until their changes are on disk; a compaction
    /// holds it exclusively, so that the snapshot it writes holds every change the file held.
    compaction: RwLock<()>,
    runner: bool,
    requests: AtomicU64,
    request_id_prefix: u64,
}

/// The state file: a snapshot line, then one line per change, each synced before it is answered.
struct Journal {
    path: PathBuf,
    file: File,
    since_compaction: usize,
    compact_every: usize,
}

impl Journal {
    /// Restores every scope from `path` (or starts with none if there is no such file) and
    /// compacts the file into a fresh snapshot.
    fn open(
        path: &Path,
        default_scope: ArnScope,
        template: InMemoryRegistryBuilder,
        compact_every: usize,
    ) -> Result<(ScopedRegistries, Journal), String> {
        let template = template.record_changes(true);
        let registries = match fs::read(path) {
            Ok(bytes) => restore(&bytes, default_scope, template)
                .map_err(|e| format!("cannot restore from {}: {e}", path.display()))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => ScopedRegistries::new(default_scope, template),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let file = compact(path, &registries).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok((
            registries,
            Journal {
                path: path.to_owned(),
                file,
                since_compaction: 0,
                compact_every,
            },
        ))
    }

    /// Appends the changes of `scope` and syncs them to disk; `true` once the file is due for
    /// a compaction.
    fn append(&mut self, scope: &ArnScope, changes: Vec<Change>) -> io::Result<bool> {
        let mut lines = Vec::new();
        let count = changes.len();
        for change in changes {
            serde_json::to_writer(&mut lines, &ScopedChange::new(scope.clone(), change))?;
            lines.push(b'\n');
        }
        self.file.write_all(&lines)?;
        self.file.sync_data()?;
        self.since_compaction += count;
        Ok(self.since_compaction >= self.compact_every)
    }
}

/// The scopes a state file describes: its snapshot line, then its change lines. A last line
/// without its newline is a write that was cut off before it was answered: it is dropped.
fn restore(
    bytes: &[u8],
    default_scope: ArnScope,
    template: InMemoryRegistryBuilder,
) -> Result<ScopedRegistries, String> {
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
    let snapshot =
        ScopedSnapshot::from_json(lines.next().ok_or("the file holds no snapshot")?).map_err(|e| e.to_string())?;
    let changes = lines
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_slice::<ScopedChange>(line).map_err(|e| format!("change {} is corrupt: {e}", i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    ScopedRegistries::restore_with_changes(default_scope, template, snapshot, &changes).map_err(|e| e.to_string())
}

/// Replaces the file at `path` by the snapshot of every scope (written beside it, synced, then
/// renamed over it) and opens it for appending. No write may run meanwhile.
fn compact(path: &Path, registries: &ScopedRegistries) -> io::Result<File> {
    // Beside the state file, under a name no other state file can have.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".compacting");
    let tmp = PathBuf::from(tmp);
    let mut file = File::create(&tmp)?;
    file.write_all(&registries.snapshot().to_json())?;
    file.write_all(b"\n")?;
    file.sync_all()?;
    fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        File::open(dir)?.sync_all()?;
    }
    OpenOptions::new().append(true).open(path)
}

/// Stops the process: a write was applied but cannot be made durable, so it must not be
/// answered.
fn cannot_persist(path: &Path, e: &io::Error) -> ! {
    eprintln!("cannot persist to {}: {e}", path.display());
    std::process::abort();
}

impl Server {
    /// Runs the request in its scope: a read under the scope's read lock, a write under its
    /// write lock. A write persists its changes under that lock, before it is answered; a
    /// StartExecution is answered once the runner has reported the run (see [`Server::run`]).
    fn handle(&self, scope: &ArnScope, target: &str, body: &[u8]) -> JsonResponse {
        let write = match JsonRequest::new(target, body) {
            JsonRequest::Read(read) => return self.registries.with_read(scope, |registry| read.serve(registry)),
            JsonRequest::Write(write) => write,
        };
        let (response, mut compaction_due) = self.persisted(scope, |registry| write.serve(registry));
        if self.runner && response.status == 200 && write.operation() == Operation::StartExecution {
            compaction_due |= self.run(scope, &response.body);
        }
        if compaction_due {
            self.compact();
        }
        response
    }

    /// Runs the execution a StartExecution answer names, if the runner can, without holding
    /// the scope's lock while it works: what the execution runs is read under the read lock, the
    /// run computed with no lock, and its steps reported (and persisted) under a short write
    /// lock. If StopExecution ended the execution in between, nothing is reported. `true` once
    /// the state file is due for a compaction.
    fn run(&self, scope: &ArnScope, started: &[u8]) -> bool {
        let Some(arn) = started_execution(started) else {
            return false;
        };
        let execution = self.registries.with_read(scope, |registry| {
            registry
                .execution(&arn)
                .map(|execution| (execution.definition().to_owned(), execution.input().to_owned()))
        });
        let Some(run) = execution.and_then(|(definition, input)| runner::plan(&definition, &input)) else {
            return false;
        };
        self.persisted(scope, |registry| run.report(registry, &arn)).1
    }

    /// Runs `write` under the scope's write lock and persists the changes it made before the
    /// lock is released, so that the state file holds each scope's changes in the order they
    /// were made; `true` once the file is due for a compaction.
    fn persisted<R>(&self, scope: &ArnScope, write: impl FnOnce(&mut InMemoryRegistry) -> R) -> (R, bool) {
        let _writing = self.compaction.read().unwrap_or_else(PoisonError::into_inner);
        self.registries.with(scope, |registry| {
            let result = write(registry);
            (result, self.persist(scope, registry))
        })
    }

    /// Appends the changes `registry` recorded to the state file; `true` once it is due for a
    /// compaction.
    fn persist(&self, scope: &ArnScope, registry: &mut InMemoryRegistry) -> bool {
        let Some(journal) = &self.journal else {
            return false;
        };
        let changes = registry.take_changes();
        if changes.is_empty() {
            return false;
        }
        let mut journal = journal.lock().unwrap_or_else(PoisonError::into_inner);
        match journal.append(scope, changes) {
            Ok(due) => due,
            Err(e) => cannot_persist(&journal.path, &e),
        }
    }

    /// Compacts the state file, once no write is running.
    fn compact(&self) {
        let Some(journal) = &self.journal else {
            return;
        };
        let _no_writes = self.compaction.write().unwrap_or_else(PoisonError::into_inner);
        let mut journal = journal.lock().unwrap_or_else(PoisonError::into_inner);
        // Another write may have compacted it while this one waited.
        if journal.since_compaction < journal.compact_every {
            return;
        }
        match compact(&journal.path, &self.registries) {
            Ok(file) => {
                journal.file = file;
                journal.since_compaction = 0;
            }
            Err(e) => cannot_persist(&journal.path, &e),
        }
    }

    async fn serve(&self, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
        let headers = request.headers();
        let target = headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let scope = self
            .registries
            .scope_of_request(headers.get(hyper::header::AUTHORIZATION).map(|v| v.as_bytes()));
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        let request_id = format!("{:08x}-0000-4000-8000-{n:012x}", self.request_id_prefix);
        let (status, body) = match Limited::new(request.into_body(), MAX_BODY_BYTES).collect().await {
            Ok(body) => {
                let response = self.handle(&scope, &target, &body.to_bytes());
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

    /// Runs to their end the executions the runner can finish that a crash left running between
    /// their start and their end, in every scope, and persists that.
    fn finish_interrupted_runs(&self) {
        for scope in self.registries.scopes() {
            self.registries.with(&scope, |registry| {
                let running: Vec<ExecutionRef> = registry.running_executions().map(|e| e.arn().clone()).collect();
                for arn in &running {
                    runner::run(registry, arn);
                }
                self.persist(&scope, registry);
            });
        }
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
    let mut template = InMemoryRegistry::builder();
    if let Some(seed) = options.seed {
        template = template.seed(seed);
    }
    // Requests without a readable `Authorization` header act here, in the region's partition
    // (`--region cn-north-1` serves `aws-cn`).
    let default = ArnScope::default();
    let region = options.region.as_deref().unwrap_or(default.region());
    let account_id = options.account_id.as_deref().unwrap_or(default.account_id());
    let default_scope = match ArnScope::new(Partition::of_region(region).as_str(), region, account_id) {
        Ok(scope) => scope,
        Err(e) => {
            eprintln!("invalid --region or --account-id: {e}");
            return ExitCode::from(2);
        }
    };
    let (registries, journal) = match &options.state_file {
        Some(path) => match Journal::open(path, default_scope, template, options.compact_every) {
            Ok((registries, journal)) => (registries, Some(Mutex::new(journal))),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => (ScopedRegistries::new(default_scope, template), None),
    };
    let server = Arc::new(Server {
        request_id_prefix: registries.base_seed() & 0xffff_ffff,
        registries,
        journal,
        compaction: RwLock::new(()),
        runner: options.runner,
        requests: AtomicU64::new(0),
    });
    if options.runner {
        server.finish_interrupted_runs();
    }
    let Some(listener) = listen::listen(options.port).await else {
        return ExitCode::FAILURE;
    };
    listen::serve(
        listener,
        service_fn(move |request| {
            let server = Arc::clone(&server);
            async move { server.serve(request).await }
        }),
    )
    .await
}
