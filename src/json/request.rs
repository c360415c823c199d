//! A request sorted by the access it needs: reads served through `&dyn Registry`, writes through `&mut dyn Registry`.

use std::fmt;

use super::{JsonResponse, Operation, ReadFn, serve_exclusive, unknown_operation};
use crate::registry::Registry;

/// One AWS JSON 1.0 request (`X-Amz-Target` value and body), sorted by the access to the registry
/// it needs, so that an HTTP layer can serve reads under a shared (read) lock, many at once,
/// and take the exclusive (write) lock for writes only.
///
/// A [`Read`](JsonRequest::Read) is an operation whose [`Operation::is_write`] is `false`, or an
/// unknown target (answered `UnknownOperationException` without reading the registry); a
/// [`Write`](JsonRequest::Write) is any other operation. Either answers exactly what
/// [`handle_json`](crate::handle_json) answers, byte for byte (`handle_json` runs every
/// operation through `&mut`; a read runs the same code through `&`).
/// Sorting reads nothing but the target: the body is read when the request is served.
///
/// ```
/// use std::sync::RwLock;
/// use sfn_registry::{InMemoryRegistry, JsonRequest, JsonResponse};
///
/// let registry = RwLock::new(InMemoryRegistry::builder().seed(1).build()?);
/// let serve = |target: &str, body: &[u8]| -> JsonResponse {
///     match JsonRequest::new(target, body) {
///         // Reads run in parallel with each other...
///         JsonRequest::Read(read) => read.serve(&*registry.read().unwrap()),
///         // ...and writes one at a time, with no read running.
///         JsonRequest::Write(write) => write.serve(&mut *registry.write().unwrap()),
///     }
/// };
///
/// let create = br#"{"name": "orders", "roleArn": "arn:aws:iam::123456789012:role/r",
///     "definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"}"#;
/// assert_eq!(serve("AWSStepFunctions.CreateStateMachine", create).status, 200);
/// let listed = serve("AWSStepFunctions.ListStateMachines", b"{}");
/// assert!(String::from_utf8(listed.body)?.contains(r#""name":"orders""#));
/// assert_eq!(serve("AWSStepFunctions.Bogus", b"{}").status, 400);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub enum JsonRequest<'a> {
    /// A read, or an unknown target: served through a shared reference.
    Read(JsonRead<'a>),
    /// A write: served through an exclusive reference.
    Write(JsonWrite<'a>),
}

impl<'a> JsonRequest<'a> {
    /// Sorts the request whose `X-Amz-Target` header value is `target` and whose body is
    /// `body`. Reads only the target; never fails (an unknown target is a read).
    #[must_use]
    pub fn new(target: &'a str, body: &'a [u8]) -> Self {
        let Some(operation) = Operation::from_target(target) else {
            return JsonRequest::Read(JsonRead {
                target,
                read: None,
                body,
            });
        };
        match operation.reader() {
            Some(reader) => JsonRequest::Read(JsonRead {
                target,
                read: Some((operation, reader)),
                body,
            }),
            None => JsonRequest::Write(JsonWrite { operation, body }),
        }
    }

    /// The operation the target names, or `None` for an unknown target.
    #[must_use]
    pub fn operation(&self) -> Option<Operation> {
        match self {
            JsonRequest::Read(read) => read.operation(),
            JsonRequest::Write(write) => Some(write.operation()),
        }
    }
}

/// A request that only reads the registry: a read operation, or an unknown target. See
/// [`JsonRequest`].
#[derive(Clone, Copy)]
pub struct JsonRead<'a> {
    target: &'a str,
    read: Option<(Operation, ReadFn)>,
    body: &'a [u8],
}

impl JsonRead<'_> {
    /// The read operation, or `None` for an unknown target.
    #[must_use]
    pub fn operation(&self) -> Option<Operation> {
        self.read.map(|(operation, _)| operation)
    }

    /// Serves the request, reading `registry`: the same answer as
    /// [`handle_json`](crate::handle_json) gives, byte for byte, and like it never panics,
    /// whatever the body. An unknown target is answered `UnknownOperationException` (400).
    #[must_use]
    pub fn serve(self, registry: &dyn Registry) -> JsonResponse {
        let Some((_, reader)) = self.read else {
            return JsonResponse::error(&unknown_operation(self.target));
        };
        JsonResponse::from_result(reader(registry, self.body))
    }
}

impl fmt::Debug for JsonRead<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonRead")
            .field("target", &self.target)
            .field("operation", &self.operation())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A request that can change the registry: an operation whose [`Operation::is_write`] is
/// `true`. See [`JsonRequest`].
#[derive(Clone, Copy)]
pub struct JsonWrite<'a> {
    operation: Operation,
    body: &'a [u8],
}

impl JsonWrite<'_> {
    /// The write operation.
    #[must_use]
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// Serves the request on `registry`: the same answer as [`handle_json`](crate::handle_json)
    /// gives, byte for byte, and like it never panics, whatever the body. A failed request
    /// changes nothing.
    #[must_use]
    pub fn serve(self, registry: &mut dyn Registry) -> JsonResponse {
        serve_exclusive(self.operation, registry, self.body)
    }
}

impl fmt::Debug for JsonWrite<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonWrite")
            .field("operation", &self.operation)
            .field("body_len", &self.body.len())
            .finish()
    }
}
