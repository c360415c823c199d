//! State machine definitions: the diagnostics a check reports, and the replaceable check that
//! accepts or refuses them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::dto::{StateMachineType, ValidateStateMachineDefinitionSeverity};

/// One finding of a definition check, in the shape of AWS's
/// `ValidateStateMachineDefinitionDiagnostic`.
///
/// `code` is one of AWS's diagnostic codes (`SCHEMA_VALIDATION_FAILED`,
/// `MISSING_TRANSITION_TARGET`, …); `location` points into the definition
/// (`/States/A/Choices[0]/Next`), when there is a place to point at.
///
/// Its [`Display`](fmt::Display) is the form AWS joins into an `InvalidDefinition` message:
/// `<code>: <message> at <location>`, with `null` for a missing location.
///
/// ```
/// use sfn_registry::Diagnostic;
///
/// let d = Diagnostic::error("SCHEMA_VALIDATION_FAILED", "These fields are required: [States]", Some("/".into()));
/// assert_eq!(d.to_string(), "SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /");
/// let d = Diagnostic::error("MISSING_END_STATE", "Workflow has no terminal state", None);
/// assert_eq!(d.to_string(), "MISSING_END_STATE: Workflow has no terminal state at null");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Diagnostic {
    /// `ERROR` (the definition is refused) or `WARNING`.
    pub severity: ValidateStateMachineDefinitionSeverity,
    /// AWS's diagnostic code.
    pub code: String,
    /// What is wrong, in AWS's words.
    pub message: String,
    /// Where in the definition, if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Diagnostic {
    /// An `ERROR` diagnostic: the definition is refused.
    #[must_use]
    pub fn error(code: impl Into<String>, message: impl Into<String>, location: Option<String>) -> Self {
        Diagnostic {
            severity: ValidateStateMachineDefinitionSeverity::Error,
            code: code.into(),
            message: message.into(),
            location,
        }
    }

    /// A `WARNING` diagnostic: the definition is accepted.
    #[must_use]
    pub fn warning(code: impl Into<String>, message: impl Into<String>, location: Option<String>) -> Self {
        Diagnostic {
            severity: ValidateStateMachineDefinitionSeverity::Warning,
            code: code.into(),
            message: message.into(),
            location,
        }
    }

    /// `true` for an `ERROR` diagnostic.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == ValidateStateMachineDefinitionSeverity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} at {}",
            self.code,
            self.message,
            self.location.as_deref().unwrap_or("null")
        )
    }
}

/// Decides whether a state machine definition is acceptable, and says why not.
///
/// The registry calls it on every definition that CreateStateMachine and UpdateStateMachine
/// receive, with the state machine's type, and answers ValidateStateMachineDefinition with it.
/// A definition with at least one `ERROR` diagnostic is refused: CreateStateMachine and
/// UpdateStateMachine answer `InvalidDefinition` with AWS's message built from the error
/// diagnostics (`Invalid State Machine Definition: '<code>: <message> at <location>, …'`).
/// An emulator with its own Amazon States Language validator plugs it in with
/// [`InMemoryRegistryBuilder::definition_validator`](crate::InMemoryRegistryBuilder::definition_validator),
/// and its findings reach clients in the same shape as the default's.
///
/// ```
/// use sfn_registry::dto::StateMachineType;
/// use sfn_registry::{DefinitionValidator, Diagnostic};
///
/// #[derive(Debug)]
/// struct NoTaskStates;
///
/// impl DefinitionValidator for NoTaskStates {
///     fn validate(&self, definition: &str, _kind: &StateMachineType) -> Vec<Diagnostic> {
///         if definition.contains("\"Task\"") {
///             return vec![Diagnostic::error(
///                 "SCHEMA_VALIDATION_FAILED",
///                 "Task states are not supported here",
///                 None,
///             )];
///         }
///         Vec::new()
///     }
/// }
/// ```
pub trait DefinitionValidator: Send + Sync + fmt::Debug {
    /// Every finding about `definition` as the definition of a state machine of type `kind`,
    /// errors and warnings, in the order they should be reported. No `ERROR` diagnostic means
    /// the definition is accepted.
    fn validate(&self, definition: &str, kind: &StateMachineType) -> Vec<Diagnostic>;
}
