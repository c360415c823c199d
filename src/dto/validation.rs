//! ValidateStateMachineDefinition.

use serde::{Deserialize, Serialize};

use super::common::{StateMachineType, wire_enum};
pub use crate::definition::Diagnostic as ValidateStateMachineDefinitionDiagnostic;

wire_enum! {
    /// The lowest severity of the diagnostics ValidateStateMachineDefinition returns.
    ValidateStateMachineDefinitionSeverity {
        /// Errors only (the default).
        Error = "ERROR",
        /// Errors and warnings.
        Warning = "WARNING",
    }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro that takes no `#[default]`.
impl Default for ValidateStateMachineDefinitionSeverity {
    fn default() -> Self {
        ValidateStateMachineDefinitionSeverity::Error
    }
}

wire_enum! {
    /// Whether a definition can be created or updated.
    ValidateStateMachineDefinitionResultCode {
        /// No error diagnostic: the definition can be used (warnings may be present).
        Ok = "OK",
        /// At least one error diagnostic.
        Fail = "FAIL",
    }
}

/// The request of ValidateStateMachineDefinition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ValidateStateMachineDefinitionInput {
    /// The Amazon States Language definition to check.
    pub definition: String,
    /// The type of state machine it is meant for: `STANDARD` (the default) or `EXPRESS`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<StateMachineType>,
    /// The lowest severity returned: `ERROR` (the default) or `WARNING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<ValidateStateMachineDefinitionSeverity>,
    /// At most this many diagnostics, 0–100; absent or 0 means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
}

impl ValidateStateMachineDefinitionInput {
    /// A request for `definition`, with the defaults: `STANDARD`, `ERROR`, 100 diagnostics.
    #[must_use]
    pub fn new(definition: impl Into<String>) -> Self {
        ValidateStateMachineDefinitionInput {
            definition: definition.into(),
            r#type: None,
            severity: None,
            max_results: None,
        }
    }
}

/// The response of ValidateStateMachineDefinition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ValidateStateMachineDefinitionOutput {
    /// `OK` when no error diagnostic exists, `FAIL` otherwise.
    pub result: ValidateStateMachineDefinitionResultCode,
    /// The diagnostics of the requested severity, at most `maxResults` of them.
    pub diagnostics: Vec<ValidateStateMachineDefinitionDiagnostic>,
    /// `true` when more diagnostics exist than were returned. Always present.
    pub truncated: bool,
}
