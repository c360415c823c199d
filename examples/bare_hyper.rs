//! The floor of the example server's throughput: a hyper server set up as `examples/server`
//! is (tokio's multi-threaded runtime, its connection handling `server/listen.rs`, the request
//! body read whole, the same response headers) that answers every request with one fixed body
//! and no registry. `examples/server/throughput.sh` loads both with the same generator.
//!
//! ```text
//! cargo run --release --example bare_hyper -- --port 8084
//! ```
//!
//! It prints `listening on http://127.0.0.1:<port>` once it accepts connections (`--port 0`
//! picks a free port).

use std::convert::Infallible;
use std::process::ExitCode;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use sfn_registry::CONTENT_TYPE;

#[path = "server/listen.rs"]
mod listen;

/// What every request gets: a ListStateMachines answer of an empty registry.
const BODY: &[u8] = br#"{"stateMachines":[]}"#;

/// The largest body read, as the example server's.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

async fn serve(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let status = match Limited::new(request.into_body(), MAX_BODY_BYTES).collect().await {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::PAYLOAD_TOO_LARGE,
    };
    let response = Response::builder()
        .status(status)
        .header("content-type", CONTENT_TYPE)
        .header("x-amzn-requestid", "00000000-0000-4000-8000-000000000000")
        .body(Full::new(Bytes::from_static(BODY)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())));
    Ok(response)
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = match (args.next().as_deref(), args.next().map(|p| p.parse::<u16>())) {
        (None, _) => 8084,
        (Some("--port"), Some(Ok(port))) => port,
        _ => {
            eprintln!("usage: bare_hyper [--port <port>]");
            return ExitCode::from(2);
        }
    };
    let Some(listener) = listen::listen(port).await else {
        return ExitCode::FAILURE;
    };
    listen::serve(listener, service_fn(serve)).await
}
