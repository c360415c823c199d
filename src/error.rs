//! The one error type of the crate: an AWS error code, its HTTP status and AWS's message.
//!
//! Every message text the crate produces is built here, so the texts recorded from the real
//! service (`aws-behaviour.md`) live in one place and tests can pin them verbatim.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::definition::Diagnostic;

/// A `Result` whose error is the AWS [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $name:ident = $status:literal; )*) => {
        /// An AWS error code, as sent in the `__type` member of an AWS JSON 1.0 error body.
        ///
        /// The codes are the error shape names of the Step Functions API model (most have no
        /// `Exception` suffix), plus the protocol-level codes of AWS JSON services.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $name, )*
        }

        impl ErrorCode {
            /// Every code this crate knows, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name),*];

            /// The wire name of the code, e.g. `"StateMachineDoesNotExist"`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$name => stringify!($name),)* }
            }

            /// The HTTP status AWS answers this code with.
            ///
            /// `ConflictException` is 409 and `ServiceQuotaExceededException` is 402, as the
            /// AWS API documentation states; every other modelled error is 400.
            #[must_use]
            pub const fn http_status(self) -> u16 {
                match self { $(ErrorCode::$name => $status,)* }
            }
        }

        impl FromStr for ErrorCode {
            type Err = UnknownErrorCode;

            fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                match s {
                    $(stringify!($name) => Ok(ErrorCode::$name),)*
                    _ => Err(UnknownErrorCode(s.to_owned())),
                }
            }
        }
    };
}

error_codes! {
    /// Updating or deleting a resource can cause an inconsistent state.
    ConflictException = 409;
    /// The execution has the same name as another execution (but a different input).
    ExecutionAlreadyExists = 400;
    /// The specified execution does not exist.
    ExecutionDoesNotExist = 400;
    /// The maximum number of running executions has been reached.
    ExecutionLimitExceeded = 400;
    /// The execution cannot be redriven.
    ExecutionNotRedrivable = 400;
    /// The provided Amazon Resource Name (ARN) is not valid.
    InvalidArn = 400;
    /// The provided Amazon States Language definition is not valid.
    InvalidDefinition = 400;
    /// The encryption configuration is not valid.
    InvalidEncryptionConfiguration = 400;
    /// The provided JSON input data is not valid.
    InvalidExecutionInput = 400;
    /// The logging configuration is not valid.
    InvalidLoggingConfiguration = 400;
    /// The provided name is not valid.
    InvalidName = 400;
    /// The provided JSON output data is not valid.
    InvalidOutput = 400;
    /// The provided token is not valid.
    InvalidToken = 400;
    /// The tracing configuration is not valid.
    InvalidTracingConfiguration = 400;
    /// Request is missing a required parameter.
    MissingRequiredParameter = 400;
    /// Could not find the referenced resource.
    ResourceNotFound = 400;
    /// The request would cause a service quota to be exceeded.
    ServiceQuotaExceededException = 402;
    /// A state machine with the same name but a different definition or role ARN already exists.
    StateMachineAlreadyExists = 400;
    /// The specified state machine is being deleted.
    StateMachineDeleting = 400;
    /// The specified state machine does not exist.
    StateMachineDoesNotExist = 400;
    /// The maximum number of state machines has been reached.
    StateMachineLimitExceeded = 400;
    /// State machine type is not supported.
    StateMachineTypeNotSupported = 400;
    /// You've exceeded the number of tags allowed for a resource.
    TooManyTags = 400;
    /// The input does not satisfy the constraints specified by an AWS service.
    ValidationException = 400;
    /// Protocol level: the request body is not JSON, or a member has the wrong JSON type.
    SerializationException = 400;
    /// Protocol level: the `X-Amz-Target` header names no operation of the service.
    UnknownOperationException = 400;
    /// An unexpected failure inside the service; never produced for client input.
    InternalFailure = 500;
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    /// Reads a `__type` as clients do: `com.amazonaws.swf.service.v2.model#InvalidArn` and
    /// `InvalidArn:http://…` both name `InvalidArn` (the part before the first `:`, after the last
    /// `#`).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        let code = s.split(':').next().unwrap_or_default();
        let code = code.rsplit('#').next().unwrap_or_default();
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// The error of parsing an unknown [`ErrorCode`] name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown AWS error code {0:?}")]
pub struct UnknownErrorCode(String);

/// The `reason` member AWS adds to some `ValidationException`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ValidationExceptionReason {
    /// The operation does not accept a Distributed Map label ARN.
    ApiDoesNotSupportLabeledArns,
    /// A parameter the operation needs is missing.
    MissingRequiredParameter,
    /// A completed Map Run cannot be updated.
    CannotUpdateCompletedMapRun,
    /// The alias routing configuration is not valid.
    InvalidRoutingConfiguration,
}

/// An AWS error: code, HTTP status, message, and the optional `reason` / `resourceName` members.
///
/// Its serde form is the AWS JSON 1.0 error body, e.g.
/// `{"__type":"StateMachineDoesNotExist","message":"State Machine Does Not Exist: '…'"}`.
///
/// ```
/// use sfn_registry::{Error, ErrorCode};
///
/// let e = Error::new(ErrorCode::InvalidToken, "Invalid Token: 'Invalid token'");
/// assert_eq!(e.http_status(), 400);
/// assert_eq!(
///     serde_json::to_string(&e).unwrap(),
///     r#"{"__type":"InvalidToken","message":"Invalid Token: 'Invalid token'"}"#
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}: {}", .inner.code, .inner.message)]
pub struct Error {
    #[serde(flatten)]
    inner: Box<Inner>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Inner {
    #[serde(rename = "__type")]
    code: ErrorCode,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<ValidationExceptionReason>,
    #[serde(default, rename = "resourceName", skip_serializing_if = "Option::is_none")]
    resource_name: Option<String>,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("code", &self.inner.code).field("message", &self.inner.message);
        if let Some(reason) = &self.inner.reason {
            d.field("reason", reason);
        }
        if let Some(name) = &self.inner.resource_name {
            d.field("resource_name", name);
        }
        d.finish()
    }
}

impl Error {
    /// An error with this code and message.
    #[must_use]
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(Inner {
                code,
                message: message.into(),
                reason: None,
                resource_name: None,
            }),
        }
    }

    /// Sets the `reason` member (sent by AWS with some `ValidationException`s).
    #[must_use]
    pub fn with_reason(mut self, reason: ValidationExceptionReason) -> Self {
        self.inner.reason = Some(reason);
        self
    }

    /// Sets the `resourceName` member (of `ResourceNotFound` and `TooManyTags`).
    #[must_use]
    pub fn with_resource_name(mut self, name: impl Into<String>) -> Self {
        self.inner.resource_name = Some(name.into());
        self
    }

    /// The AWS error code.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        self.inner.code
    }

    /// The message, verbatim as AWS words it.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The `reason` member, if any.
    #[must_use]
    pub fn reason(&self) -> Option<ValidationExceptionReason> {
        self.inner.reason
    }

    /// The `resourceName` member, if any.
    #[must_use]
    pub fn resource_name(&self) -> Option<&str> {
        self.inner.resource_name.as_deref()
    }

    /// The HTTP status AWS answers this error with.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        self.inner.code.http_status()
    }

    /// The AWS JSON 1.0 error body: `{"__type": …, "message": …}` plus any extra members.
    #[must_use]
    pub fn to_json_bytes(&self) -> Vec<u8> {
        // Serializing a struct of strings and unit enums into a Vec cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Constructors for every message text the crate sends, verbatim from the recordings of the
/// real service where one exists (`aws-behaviour.md`), in the same style where none does.
impl Error {
    /// `InvalidArn`: `Invalid Arn: '<detail>'`.
    pub(crate) fn invalid_arn(detail: impl fmt::Display) -> Self {
        Error::new(ErrorCode::InvalidArn, format!("Invalid Arn: '{detail}'"))
    }

    /// `StateMachineDoesNotExist`: `State Machine Does Not Exist: '<arn>'`.
    pub(crate) fn state_machine_does_not_exist(arn: &str) -> Self {
        Error::new(
            ErrorCode::StateMachineDoesNotExist,
            format!("State Machine Does Not Exist: '{arn}'"),
        )
    }

    /// `StateMachineAlreadyExists`: `State Machine Already Exists: '<arn>'`.
    pub(crate) fn state_machine_already_exists(arn: &str) -> Self {
        Error::new(
            ErrorCode::StateMachineAlreadyExists,
            format!("State Machine Already Exists: '{arn}'"),
        )
    }

    /// `StateMachineDeleting` (text not observed): `State Machine Is Being Deleted: '<arn>'`.
    pub(crate) fn state_machine_deleting(arn: &str) -> Self {
        Error::new(
            ErrorCode::StateMachineDeleting,
            format!("State Machine Is Being Deleted: '{arn}'"),
        )
    }

    /// `ExecutionDoesNotExist`: `Execution Does Not Exist: '<arn>'`.
    pub(crate) fn execution_does_not_exist(arn: &str) -> Self {
        Error::new(
            ErrorCode::ExecutionDoesNotExist,
            format!("Execution Does Not Exist: '{arn}'"),
        )
    }

    /// `ExecutionAlreadyExists`: `Execution Already Exists: '<arn>'`.
    pub(crate) fn execution_already_exists(arn: &str) -> Self {
        Error::new(
            ErrorCode::ExecutionAlreadyExists,
            format!("Execution Already Exists: '{arn}'"),
        )
    }

    /// `InvalidExecutionInput`: `Invalid State Machine Execution Input: '<detail>'`.
    pub(crate) fn invalid_execution_input(detail: &str) -> Self {
        Error::new(
            ErrorCode::InvalidExecutionInput,
            format!("Invalid State Machine Execution Input: '{detail}'"),
        )
    }

    /// `ResourceNotFound`: `Resource not found: '<arn>'` (as TagResource answers).
    pub(crate) fn resource_not_found(arn: &str) -> Self {
        Error::new(ErrorCode::ResourceNotFound, format!("Resource not found: '{arn}'"))
    }

    /// `ResourceNotFound` for a missing alias: `Request references a resource that does not exist.`
    pub(crate) fn alias_not_found() -> Self {
        Error::new(
            ErrorCode::ResourceNotFound,
            "Request references a resource that does not exist.",
        )
    }

    /// `InvalidName`: `Invalid Name: '<name>'`.
    pub(crate) fn invalid_name(name: &str) -> Self {
        Error::new(ErrorCode::InvalidName, format!("Invalid Name: '{name}'"))
    }

    /// `InvalidToken`: `Invalid Token: 'Invalid token'` (the token itself is not echoed).
    pub(crate) fn invalid_token() -> Self {
        Error::new(ErrorCode::InvalidToken, "Invalid Token: 'Invalid token'")
    }

    /// `InvalidDefinition` for the error diagnostics of a definition, as AWS words it:
    /// `Invalid State Machine Definition: '<code>: <message> at <location>, …'` (`null` for a
    /// diagnostic without location).
    pub(crate) fn invalid_definition<'a>(errors: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut message = String::from("Invalid State Machine Definition: '");
        for (i, diagnostic) in errors.into_iter().enumerate() {
            if i > 0 {
                message.push_str(", ");
            }
            let _ = write!(message, "{diagnostic}");
        }
        message.push('\'');
        Error::new(ErrorCode::InvalidDefinition, message)
    }

    /// A `ValidationException` with a free-form message.
    pub(crate) fn validation(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::ValidationException, message)
    }

    /// `ValidationException` for a Distributed Map label ARN given where it is not supported.
    pub(crate) fn labeled_arn_not_supported(arn: &str) -> Self {
        Error::validation(format!("Unsupported Distributed Map state label ARN: '{arn}'"))
            .with_reason(ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
    }

    /// `ValidationException`: `Version description can only be set when publish is true`.
    pub(crate) fn version_description_without_publish() -> Self {
        Error::validation("Version description can only be set when publish is true")
    }

    /// `ConflictException` of PublishStateMachineVersion with a stale `revisionId`.
    pub(crate) fn publish_revision_conflict(given: &str, current: &str) -> Self {
        Error::new(
            ErrorCode::ConflictException,
            format!(
                "Failed to publish the State Machine version for revision {given}. \
                 The current State Machine revision is {current}."
            ),
        )
    }

    /// `ConflictException` of DeleteStateMachineVersion while aliases still route to it.
    pub(crate) fn version_referenced_by_aliases(alias_names: &[&str]) -> Self {
        Error::new(
            ErrorCode::ConflictException,
            format!(
                "Version to be deleted must not be referenced by an alias. \
                 Current list of aliases referencing this version: [{}]",
                alias_names.join(", ")
            ),
        )
    }

    /// `ValidationException`: a routing ARN that is not a version ARN.
    pub(crate) fn routing_not_version_arns(received: &dyn fmt::Display) -> Self {
        Error::validation(format!(
            "Routing configuration must contain state machine version ARNs. Received: {received}"
        ))
    }

    /// `ValidationException`: the same version twice in a routing configuration.
    pub(crate) fn routing_not_distinct(received: &dyn fmt::Display) -> Self {
        Error::validation(format!(
            "Routing configuration must contain distinct state machine version ARNs. Received: {received}"
        ))
    }

    /// `ValidationException` (text not observed): versions of another state machine than the
    /// other route's, or than the alias's.
    pub(crate) fn routing_mixed_state_machines(received: &dyn fmt::Display) -> Self {
        Error::validation(format!(
            "Routing configuration must contain state machine version ARNs of the same state machine. \
             Received: {received}"
        ))
    }

    /// `ValidationException`: routing weights that do not sum to 100.
    pub(crate) fn routing_weights_sum(weights: &dyn fmt::Display) -> Self {
        Error::validation(format!(
            "Sum of routing configuration weights must equal 100. Received: {weights}"
        ))
    }

    /// `ConflictException` of CreateStateMachineAlias on a non-idempotent replay.
    pub(crate) fn alias_conflict() -> Self {
        Error::new(
            ErrorCode::ConflictException,
            "Failed to create alias because an alias with the same name and a different routing \
             configuration already exists.",
        )
    }

    /// `ServiceQuotaExceededException` (text not observed).
    pub(crate) fn quota_exceeded(what: &str, limit: usize, arn: &str) -> Self {
        Error::new(
            ErrorCode::ServiceQuotaExceededException,
            format!("Maximum number of {what} ({limit}) reached for state machine '{arn}'"),
        )
    }

    /// `TooManyTags` (text not observed).
    pub(crate) fn too_many_tags(limit: usize, arn: &str) -> Self {
        Error::new(
            ErrorCode::TooManyTags,
            format!("Too many tags: a resource can have at most {limit} tags: '{arn}'"),
        )
        .with_resource_name(arn)
    }

    /// `MissingRequiredParameter` of UpdateStateMachine with nothing to update.
    pub(crate) fn update_state_machine_nothing_to_update() -> Self {
        Error::new(
            ErrorCode::MissingRequiredParameter,
            "Either the definition, the role ARN, the LoggingConfiguration, or the \
             TracingConfiguration must be specified",
        )
    }
}
