//! The AWS JSON 1.0 adapter: an `X-Amz-Target` value and a request body in, an HTTP status and
//! a response body out. No I/O: an HTTP server (see `examples/server/main.rs`) puts it on the wire.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::constraints::Constraints;
use crate::error::{Error, ErrorCode};
use crate::registry::Registry;

mod fast;
mod request;
mod strict;

pub use request::{JsonRead, JsonRequest, JsonWrite};
use strict::Strict;

/// The `Content-Type` of AWS JSON 1.0 requests and responses.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.0";

/// The prefix of every Step Functions `X-Amz-Target` value.
pub const TARGET_PREFIX: &str = "AWSStepFunctions.";

/// What [`handle_json`] answers: the HTTP status and the JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonResponse {
    /// 200 on success; the error code's status otherwise.
    pub status: u16,
    /// The output JSON, or `{"__type": "<Code>", "message": "<text>"}`.
    pub body: Vec<u8>,
}

impl JsonResponse {
    fn error(e: &Error) -> Self {
        JsonResponse {
            status: e.http_status(),
            body: e.to_json_bytes(),
        }
    }

    fn from_result(result: Result<Vec<u8>, Error>) -> Self {
        match result {
            Ok(body) => JsonResponse { status: 200, body },
            Err(e) => JsonResponse::error(&e),
        }
    }
}

fn unknown_operation(target: &str) -> Error {
    Error::new(
        ErrorCode::UnknownOperationException,
        format!("Unknown operation: '{target}'"),
    )
}

/// How an operation's output is written: by `serde_json`, or by the encoder given.
macro_rules! encoder {
    () => {
        encode
    };
    ($encode:path) => {
        $encode
    };
}

macro_rules! operations {
    (@is_write read) => { false };
    (@is_write write) => { true };
    (@reader read $method:ident $($encode:path)?) => {
        Some(|registry: &dyn Registry, body: &[u8]| encoder!($($encode)?)(&registry.$method(read(body)?)?))
    };
    (@reader write $method:ident $($encode:path)?) => { None };
    ($( $access:ident $op:ident => $method:ident $(($encode:path))?, )*) => {
        /// A Step Functions operation, by its wire name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Operation {
            $(
                #[doc = concat!("`", stringify!($op), "`")]
                $op,
            )*
        }

        impl Operation {
            /// Every operation the adapter serves.
            pub const ALL: &'static [Operation] = &[$(Operation::$op),*];

            /// The operation's name, e.g. `"CreateStateMachineAlias"`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { $(Operation::$op => stringify!($op),)* }
            }

            /// The operation named `name`.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $(stringify!($op) => Some(Operation::$op),)*
                    _ => None,
                }
            }

            /// `true` for an operation that can change the registry (its successes are recorded
            /// as [`Change`](crate::Change)s); `false` for the reads, which
            /// [`JsonRequest`] serves through a shared reference.
            #[must_use]
            pub const fn is_write(self) -> bool {
                match self { $(Operation::$op => operations!(@is_write $access),)* }
            }

            /// Runs the operation on `registry` with `body` as its input; the output as JSON.
            pub(crate) fn call(self, registry: &mut dyn Registry, body: Value) -> Result<Vec<u8>, Error> {
                match self {
                    $(Operation::$op => encoder!($($encode)?)(&registry.$method(decode(body)?)?),)*
                }
            }

            /// Runs the operation on `registry` with the request `body` as its input; the
            /// output as JSON.
            fn call_with_body(self, registry: &mut dyn Registry, body: &[u8]) -> Result<Vec<u8>, Error> {
                match self {
                    $(Operation::$op => encoder!($($encode)?)(&registry.$method(read(body)?)?),)*
                }
            }

            /// A read runs through a shared reference: how, or `None` for a write. The `read`
            /// marks of the table below are checked by the compiler: a method that takes
            /// `&mut self` cannot be called here.
            pub(crate) fn reader(self) -> Option<ReadFn> {
                match self { $(Operation::$op => operations!(@reader $access $method $($encode)?),)* }
            }
        }
    };
}

/// How a read operation runs on a shared registry: the request body in, the output JSON out.
pub(crate) type ReadFn = fn(&dyn Registry, &[u8]) -> Result<Vec<u8>, Error>;

operations! {
    write CreateStateMachine => create_state_machine,
    read  DescribeStateMachine => describe_state_machine (encode_describe_state_machine),
    write UpdateStateMachine => update_state_machine,
    write DeleteStateMachine => delete_state_machine,
    read  ListStateMachines => list_state_machines,
    write PublishStateMachineVersion => publish_state_machine_version,
    read  ListStateMachineVersions => list_state_machine_versions,
    write DeleteStateMachineVersion => delete_state_machine_version,
    write CreateStateMachineAlias => create_state_machine_alias,
    read  DescribeStateMachineAlias => describe_state_machine_alias,
    write UpdateStateMachineAlias => update_state_machine_alias,
    write DeleteStateMachineAlias => delete_state_machine_alias,
    read  ListStateMachineAliases => list_state_machine_aliases,
    write TagResource => tag_resource,
    write UntagResource => untag_resource,
    read  ListTagsForResource => list_tags_for_resource,
    write StartExecution => start_execution,
    write StopExecution => stop_execution,
    read  DescribeExecution => describe_execution,
    read  ListExecutions => list_executions,
    read  DescribeStateMachineForExecution => describe_state_machine_for_execution,
    read  GetExecutionHistory => get_execution_history,
    read  ValidateStateMachineDefinition => validate_state_machine_definition,
}

impl Operation {
    /// The operation an `X-Amz-Target` value (`AWSStepFunctions.<Operation>`) names.
    #[must_use]
    pub fn from_target(target: &str) -> Option<Self> {
        target.strip_prefix(TARGET_PREFIX).and_then(Operation::from_name)
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Serves one AWS JSON 1.0 request: `target` is the `X-Amz-Target` header value and `body` the
/// request body. Never panics, whatever the input:
///
/// - success: 200 and the output JSON;
/// - an AWS error: its status and `{"__type": "<Code>", "message": "<text>"}`;
/// - a body that is not a JSON object, or a member of the wrong JSON type:
///   `SerializationException` in AWS's wording (`STRING_VALUE can not be converted to an
///   Integer`; a structure sent as an array: `Start of list found where not expected.`, never
///   an empty structure); a missing required member: `ValidationException`
///   (`Value null at '<member>' failed to satisfy constraint: Member must not be null`);
/// - an unknown target: `UnknownOperationException`.
///
/// An empty body counts as `{}`, and `null` members as absent ones.
///
/// It needs `&mut` for the writes only: to serve the reads through a shared reference (under a
/// read lock, say), sort the request with [`JsonRequest`] first; the answers are the same, byte
/// for byte.
///
/// ```
/// use sfn_registry::{handle_json, InMemoryRegistry};
///
/// let mut registry = InMemoryRegistry::builder().seed(1).build()?;
/// let response = handle_json(&mut registry, "AWSStepFunctions.ListStateMachines", b"{}");
/// assert_eq!(response.status, 200);
/// assert_eq!(response.body, br#"{"stateMachines":[]}"#);
///
/// let response = handle_json(
///     &mut registry,
///     "AWSStepFunctions.DescribeStateMachine",
///     br#"{"stateMachineArn": "not_a_valid_arn"}"#,
/// );
/// assert_eq!(response.status, 400);
/// assert_eq!(
///     response.body,
///     br#"{"__type":"InvalidArn","message":"Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"}"#
/// );
/// # Ok::<(), sfn_registry::ArnError>(())
/// ```
pub fn handle_json(registry: &mut dyn Registry, target: &str, body: &[u8]) -> JsonResponse {
    match Operation::from_target(target) {
        Some(operation) => serve_exclusive(operation, registry, body),
        None => JsonResponse::error(&unknown_operation(target)),
    }
}

/// Serves any operation through an exclusive reference: [`handle_json`]'s way, and
/// [`JsonWrite::serve`]'s.
fn serve_exclusive(operation: Operation, registry: &mut dyn Registry, body: &[u8]) -> JsonResponse {
    JsonResponse::from_result(operation.call_with_body(registry, body))
}

fn serialization_error(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::SerializationException, message)
}

/// The operation's input from the request body: straight from the bytes when the fast path
/// reads it (`json/fast.rs`), else through a `Value`, which words every error as AWS does.
fn read<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    match fast::decode(body) {
        Some(input) => Ok(input),
        None => decode(parse_body(body)?),
    }
}

fn parse_body(body: &[u8]) -> Result<Value, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let mut value: Value = serde_json::from_slice(body)
        .map_err(|e| serialization_error(format!("The request body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(serialization_error("The request body must be a JSON object"));
    }
    drop_nulls(&mut value);
    Ok(value)
}

/// Removes `null` members from every object: AWS reads a `null` member as an absent one.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// The operation's input from the request body: a member of the wrong JSON type (a structure
/// sent as an array, a string or a number, a list sent as an object, …) is a
/// `SerializationException`, a missing required member a `ValidationException`.
fn decode<T: DeserializeOwned>(body: Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(Strict(body)).map_err(|e| {
        let mut path = member_path(e.path());
        let inner = e.inner().to_string();
        if let Some(field) = inner
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
            let mut c = Constraints::new();
            c.missing(&path);
            return c.finish().err().unwrap_or_else(|| serialization_error(inner));
        }
        serialization_error(type_error_message(&inner))
    })
}

/// AWS's wording of a member of the wrong JSON type (its JSON reader's), from serde's
/// `invalid type: <found>, expected <wanted>` / `invalid value: integer `<n>`, expected i32`.
fn type_error_message(serde_message: &str) -> String {
    if let Some(rest) = serde_message.strip_prefix("invalid value: integer `")
        && let Some((number, _)) = rest.split_once('`')
    {
        return format!("Numeric value ({number}) out of range of int");
    }
    let Some((found, wanted)) = serde_message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return serde_message.to_owned();
    };
    let found = match found.split_whitespace().next().unwrap_or_default() {
        "map" => return "Start of structure or map found where not expected.".to_owned(),
        "sequence" => return "Start of list found where not expected.".to_owned(),
        "string" => "STRING_VALUE",
        "integer" | "floating" => "NUMBER_VALUE",
        "boolean" => "BOOLEAN_VALUE",
        _ => return serde_message.to_owned(),
    };
    let wanted = match wanted {
        "i32" | "i64" | "u8" | "u32" | "u64" => "an Integer",
        "a string" | "a borrowed string" => "a String",
        "a boolean" => "a Boolean",
        "a sequence" => "a List",
        _ => "a Structure",
    };
    format!("{found} can not be converted to {wanted}")
}

/// A serde path in AWS's form: `routingConfiguration.1.member.weight`.
fn member_path(path: &serde_path_to_error::Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Map { key } => parts.push(key.clone()),
            serde_path_to_error::Segment::Seq { index } => {
                parts.push((index + 1).to_string());
                parts.push("member".to_owned());
            }
            serde_path_to_error::Segment::Enum { variant } => parts.push(variant.clone()),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    parts.join(".")
}

fn encode<T: Serialize>(output: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(output).map_err(write_error)
}

fn encode_describe_state_machine(output: &crate::dto::DescribeStateMachineOutput) -> Result<Vec<u8>, Error> {
    fast::describe_state_machine(output).map_err(write_error)
}

fn write_error(e: serde_json::Error) -> Error {
    Error::new(ErrorCode::InternalFailure, format!("Could not write the response: {e}"))
}
