//! ValidateStateMachineDefinition, and the definition check CreateStateMachine and
//! UpdateStateMachine share with it.

use super::InMemoryRegistry;
use super::checks;
use crate::constraints::Constraints;
use crate::dto::{
    StateMachineType, ValidateStateMachineDefinitionInput, ValidateStateMachineDefinitionOutput,
    ValidateStateMachineDefinitionResultCode, ValidateStateMachineDefinitionSeverity,
};
use crate::error::{Error, Result};

/// The most diagnostics one answer holds, and the number `maxResults` 0 or absent stands for.
const MAX_DIAGNOSTICS: usize = 100;

impl InMemoryRegistry {
    /// The definition check of CreateStateMachine and UpdateStateMachine: `InvalidDefinition`
    /// with the validator's error diagnostics. Skipped when a recorded change is replayed (it
    /// was accepted when it was made, whatever validator the registry has now).
    pub(super) fn validate_definition(&self, definition: &str, kind: &StateMachineType) -> Result<()> {
        if self.replaying {
            return Ok(());
        }
        let diagnostics = self.validator.validate(definition, kind);
        if diagnostics.iter().any(|d| d.is_error()) {
            return Err(Error::invalid_definition(diagnostics.iter().filter(|d| d.is_error())));
        }
        Ok(())
    }

    /// ValidateStateMachineDefinition.
    pub(super) fn validate_state_machine_definition_impl(
        &self,
        input: &ValidateStateMachineDefinitionInput,
    ) -> Result<ValidateStateMachineDefinitionOutput> {
        let mut c = Constraints::new();
        checks::definition_member(&mut c, &input.definition);
        if let Some(kind) = &input.r#type {
            c.enum_value("type", kind);
        }
        if let Some(severity) = &input.severity {
            c.enum_value("severity", severity);
        }
        if let Some(max) = input.max_results {
            c.range("maxResults", i64::from(max), 0, MAX_DIAGNOSTICS as i64);
        }
        c.finish()?;

        let kind = input.r#type.clone().unwrap_or_default();
        let with_warnings = input.severity == Some(ValidateStateMachineDefinitionSeverity::Warning);
        let max = match input.max_results {
            Some(n) if n > 0 => usize::try_from(n).unwrap_or(MAX_DIAGNOSTICS),
            _ => MAX_DIAGNOSTICS,
        };
        let mut diagnostics = self.validator.validate(&input.definition, &kind);
        let result = if diagnostics.iter().any(|d| d.is_error()) {
            ValidateStateMachineDefinitionResultCode::Fail
        } else {
            ValidateStateMachineDefinitionResultCode::Ok
        };
        if !with_warnings {
            diagnostics.retain(|d| d.is_error());
        }
        let truncated = diagnostics.len() > max;
        diagnostics.truncate(max);
        Ok(ValidateStateMachineDefinitionOutput {
            result,
            diagnostics,
            truncated,
        })
    }
}
