//! The HTTP side both the example server and `examples/bare_hyper.rs` use, so that the two are
//! measured under the same setup: a listener on 127.0.0.1, and HTTP/1.1 keep-alive connections
//! with `TCP_NODELAY`, each on its own task, until Ctrl-C.

use std::convert::Infallible;
use std::io::Write;
use std::process::ExitCode;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::Service;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

/// Listens on 127.0.0.1:`port` (0: a free port) and prints `listening on
/// http://127.0.0.1:<port>`; `None` (after saying why) if it cannot.
pub async fn listen(port: u16) -> Option<TcpListener> {
    let listener = match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            return None;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!("listening on http://127.0.0.1:{port}");
    let _ = std::io::stdout().flush();
    Some(listener)
}

/// Serves every connection `listener` accepts with `service` until Ctrl-C.
pub async fn serve<S>(listener: TcpListener, service: S) -> ExitCode
where
    S: Service<Request<Incoming>, Response = Response<Full<Bytes>>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
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
        let service = service.clone();
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .keep_alive(true)
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
