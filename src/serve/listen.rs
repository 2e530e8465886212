//! The accept loop of `vitrina serve`. axum's own `serve` waits for a request's
//! headers forever, so a client that opens connections and sends nothing (or a
//! byte a minute) holds them all open; here every connection must deliver its
//! headers within [`HEADER_READ_TIMEOUT`] or is closed.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::time::Duration;

/// Time a client has to send a request's headers (a browser sends them at once).
/// hyper also runs it while a kept-alive connection waits for its next request,
/// so it is the idle timeout too; browsers reopen such a connection by themselves.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until an accept fails.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors and the like: wait, the server stays up.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT);
            // A connection that fails (closed, timed out) concerns that client only.
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

fn is_transient(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::Interrupted
    ) || matches!(e.raw_os_error(), Some(23 | 24))
}
