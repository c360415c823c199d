//! State machine definitions and the replaceable check that accepts or refuses them.

use std::fmt;

use serde_json::Value;

/// Decides whether a state machine definition is acceptable.
///
/// The registry calls it on every definition that CreateStateMachine and UpdateStateMachine
/// receive; an `Err(detail)` becomes AWS's `InvalidDefinition` error with the message
/// `Invalid State Machine Definition: '<detail>'`. An emulator that runs workflows plugs its own
/// full Amazon States Language validator in here
/// ([`InMemoryRegistryBuilder::definition_validator`](crate::InMemoryRegistryBuilder::definition_validator)).
///
/// ```
/// use sfn_registry::DefinitionValidator;
///
/// #[derive(Debug)]
/// struct OnlyPassStates;
///
/// impl DefinitionValidator for OnlyPassStates {
///     fn validate(&self, definition: &str) -> Result<(), String> {
///         if definition.contains("\"Task\"") {
///             return Err("SCHEMA_VALIDATION_FAILED: Task states are not supported here".into());
///         }
///         Ok(())
///     }
/// }
/// ```
pub trait DefinitionValidator: Send + Sync + fmt::Debug {
    /// `Ok(())` to accept `definition`, or `Err(detail)` to refuse it.
    ///
    /// # Errors
    ///
    /// The detail text of the `InvalidDefinition` error.
    fn validate(&self, definition: &str) -> Result<(), String>;
}

/// The default check: the definition is a JSON object with a string `StartAt` that names a
/// key of its object `States`. It does not validate the states themselves.
///
/// ```
/// use sfn_registry::{DefinitionValidator, StructuralValidator};
///
/// let ok = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
/// assert!(StructuralValidator.validate(ok).is_ok());
/// assert!(StructuralValidator.validate(r#"{"StartAt": "B", "States": {}}"#).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct StructuralValidator;

impl DefinitionValidator for StructuralValidator {
    fn validate(&self, definition: &str) -> Result<(), String> {
        let value: Value = serde_json::from_str(definition).map_err(|e| format!("INVALID_JSON_DESCRIPTION: {e}"))?;
        let Value::Object(root) = value else {
            return Err("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /".into());
        };
        let start_at = match root.get("StartAt") {
            Some(Value::String(s)) => s,
            Some(_) => {
                return Err("SCHEMA_VALIDATION_FAILED: Expected value of type: String at /StartAt".into());
            }
            None => {
                return Err("SCHEMA_VALIDATION_FAILED: The field \"StartAt\" is required but was missing at /".into());
            }
        };
        let states = match root.get("States") {
            Some(Value::Object(states)) => states,
            Some(_) => {
                return Err("SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /States".into());
            }
            None => {
                return Err("SCHEMA_VALIDATION_FAILED: The field \"States\" is required but was missing at /".into());
            }
        };
        if !states.contains_key(start_at) {
            return Err(format!(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: {start_at} at /StartAt"
            ));
        }
        Ok(())
    }
}
