//! Serves the AWS JSON 1.0 adapter over HTTP on 127.0.0.1, so that the AWS CLI and boto3 work
//! against an in-memory registry unchanged.
//!
//! ```text
//! cargo run --example server -- --port 8083 [--seed N] [--region R] [--account-id A]
//! aws --endpoint-url http://127.0.0.1:8083 stepfunctions list-state-machines
//! ```
//!
//! It routes on the `X-Amz-Target` header only (any method, any path), serves concurrent
//! keep-alive connections, and prints `listening on http://127.0.0.1:<port>` once it accepts
//! connections (`--port 0` picks a free port).

use std::convert::Infallible;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use sfn_registry::{CONTENT_TYPE, InMemoryRegistry, handle_json};
use tokio::net::TcpListener;

/// Largest request body accepted: a 1 MiB definition, JSON-escaped, fits with room to spare.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

const USAGE: &str = "usage: server --port <port> [--seed <u64>] [--region <region>] [--account-id <12 digits>]";

struct Options {
    port: u16,
    seed: Option<u64>,
    region: Option<String>,
    account_id: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        port: 8083,
        seed: None,
        region: None,
        account_id: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => options.port = value()?.parse().map_err(|e| format!("--port: {e}"))?,
            "--seed" => options.seed = Some(value()?.parse().map_err(|e| format!("--seed: {e}"))?),
            "--region" => options.region = Some(value()?),
            "--account-id" => options.account_id = Some(value()?),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}

struct Server {
    registry: Mutex<InMemoryRegistry>,
    requests: AtomicU64,
    request_id_prefix: u64,
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
                    let mut registry = self.registry.lock().unwrap_or_else(PoisonError::into_inner);
                    handle_json(&mut *registry, &target, &body)
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
    if let Some(region) = options.region {
        builder = builder.region(region);
    }
    if let Some(account_id) = options.account_id {
        builder = builder.account_id(account_id);
    }
    let registry = match builder.build() {
        Ok(registry) => registry,
        Err(e) => {
            eprintln!("invalid scope: {e}");
            return ExitCode::from(2);
        }
    };
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
        registry: Mutex::new(registry),
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
