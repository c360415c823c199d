//! The diagnostics the validator reports: AWS's codes, and every message text in one place.
//!
//! Texts marked *recorded* are AWS's, verbatim, from recordings of the real service or from
//! issue threads quoting it; the others are worded in the same style (see
//! [`AslValidator`](super::AslValidator) for the list of choices).

use std::fmt::Display;

use crate::definition::Diagnostic;

/// AWS's diagnostic codes.
pub(super) mod code {
    /// Schema errors: fields, types, values (recorded).
    pub(crate) const SCHEMA: &str = "SCHEMA_VALIDATION_FAILED";
    /// The definition is not JSON (recorded).
    pub(crate) const INVALID_JSON: &str = "INVALID_JSON_DESCRIPTION";
    /// A transition names no state of its container, or a state is never transitioned to
    /// (quoted from AWS in issue threads).
    pub(crate) const MISSING_TRANSITION_TARGET: &str = "MISSING_TRANSITION_TARGET";
    /// A container has no terminal state (quoted from AWS in issue threads).
    pub(crate) const MISSING_END_STATE: &str = "MISSING_END_STATE";
    /// Two states share a name (documented).
    pub(crate) const DUPLICATE_STATE_NAME: &str = "DUPLICATE_STATE_NAME";
    /// A state name breaks the naming rules (documented).
    pub(crate) const INVALID_STATE_NAME: &str = "INVALID_STATE_NAME";
    /// Two Map states share a label (documented).
    pub(crate) const DUPLICATE_LABEL_NAME: &str = "DUPLICATE_LABEL_NAME";
    /// A Map label breaks the naming rules (documented).
    pub(crate) const INVALID_LABEL_NAME: &str = "INVALID_LABEL_NAME";
    /// A `{% %}` string that is not JSONata (quoted from AWS in issue threads).
    pub(crate) const INVALID_JSONATA: &str = "INVALID_JSONATA_EXPRESSION";
    /// JSONata a state machine may not use (quoted from AWS in issue threads).
    pub(crate) const UNSUPPORTED_JSONATA: &str = "UNSUPPORTED_JSONATA_EXPRESSION";
    /// Warning: a path-like value under a key without `.$` (documented).
    pub(crate) const NO_DOLLAR: &str = "NO_DOLLAR";
    /// Warning: a path-like value in a field whose name does not end in `Path` (documented).
    pub(crate) const NO_PATH: &str = "NO_PATH";
    /// Warning: a path in a Pass state's static `Result` (documented).
    pub(crate) const PASS_RESULT_IS_STATIC: &str = "PASS_RESULT_IS_STATIC";
}

/// Message texts.
pub(super) mod text {
    use super::list;

    /// Recorded: whitespace-only input (and, by this crate's choice, any JSON that is not an
    /// object).
    pub(crate) const NOT_AN_OBJECT: &str = "Definition must be a valid JSON object";
    /// Recorded: `Branches: []`.
    pub(crate) const EMPTY: &str = "Value cannot be empty";
    /// Recorded: a Wait `Timestamp` that is not RFC 3339.
    pub(crate) const NOT_RFC3339: &str = "String does not match RFC3339 timestamp";
    /// Recorded: a JSONPath state under a JSONata state machine.
    pub(crate) const JSONPATH_UNDER_JSONATA: &str =
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
    /// Recorded, with its trailing space.
    pub(crate) const EXPRESS_WAIT_FOR_TASK_TOKEN: &str =
        "Express state machine does not support '.waitForTaskToken' service integration ";
    /// Recorded.
    pub(crate) const EXPRESS_SYNC: &str = "Express state machine does not support '.sync' service integration";
    /// Recorded.
    pub(crate) const EXPRESS_ACTIVITY: &str = "Express state machine does not support Activity ARN";
    /// Quoted from AWS (floci-io/floci#2735).
    pub(crate) const NO_TERMINAL_STATE: &str = "Workflow has no terminal state";
    /// The crate's wording: a data-test Choice Rule without exactly one comparison operator.
    pub(crate) const ONE_COMPARISON_OPERATOR: &str = "Exactly one comparison operator is required";
    /// The crate's wording: a state name longer than 80 characters.
    pub(crate) const STATE_NAME_TOO_LONG: &str = "State names must be at most 80 characters long";
    /// The crate's wording: `HeartbeatSeconds` not below `TimeoutSeconds`.
    pub(crate) const HEARTBEAT_NOT_BELOW_TIMEOUT: &str =
        "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'";

    /// Recorded: `These fields are required: [States, StartAt]`.
    pub(crate) fn required(fields: &[&str]) -> String {
        format!("These fields are required: [{}]", list(fields))
    }

    /// Recorded (Task `Credentials` without `RoleArn`).
    pub(crate) fn required_but_missing(field: &str) -> String {
        format!("The field '{field}' is required but was missing")
    }

    /// Quoted from AWS (floci-io/floci#2735): a field the object does not take.
    pub(crate) fn not_supported(field: &str) -> String {
        format!("Field '{field}' is not supported")
    }

    /// Recorded for `Type`; the same words for the other enumerations.
    pub(crate) fn one_of(field: &str, values: &[&str]) -> String {
        format!(
            "The field '{field}' should have one of these values: [{}]",
            list(values)
        )
    }

    /// Quoted from AWS (floci-io/floci#2968) for `JSONPath`; the same words the other way.
    pub(crate) fn other_language(language: &str, field: &str, other: &str) -> String {
        format!(
            "The QueryLanguage is set to '{language}', but field '{field}' is only supported for the '{other}' QueryLanguage"
        )
    }

    /// Recorded: a `.$` value that is neither a path nor an intrinsic function call.
    pub(crate) fn path_or_intrinsic(key: &str) -> String {
        format!("The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call")
    }

    /// The crate's wording, after the recorded `.$` text: a value of the wrong kind.
    pub(crate) fn must_be(field: &str, what: &str) -> String {
        format!("The value for the field '{field}' must be {what}")
    }

    /// Recorded: an `arn:aws:states:::…` integration AWS does not know.
    pub(crate) fn unknown_resource(resource: &str) -> String {
        format!(
            "The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
        )
    }

    /// Quoted from AWS (several threads); the word is `Next` for every transition.
    pub(crate) fn missing_target(name: &str) -> String {
        format!("Missing 'Next' target: {name}")
    }

    /// Quoted from AWS (several threads).
    pub(crate) fn unreachable(name: &str) -> String {
        format!("State \"{name}\" is not reachable.")
    }

    /// AWS's Step Functions Local wording.
    pub(crate) fn duplicate_state(name: &str) -> String {
        format!("Duplicate State name: {name}")
    }

    /// The crate's wording, after the state one.
    pub(crate) fn duplicate_label(label: &str) -> String {
        format!("Duplicate Label name: {label}")
    }

    /// The crate's wording: a group of which exactly one field must be given.
    pub(crate) fn exactly_one_of(fields: &[&str]) -> String {
        format!("Exactly one of these fields is required: [{}]", list(fields))
    }

    /// The crate's wording: a group of which at least one field must be given.
    pub(crate) fn at_least_one_of(fields: &[&str]) -> String {
        format!("At least one of these fields is required: [{}]", list(fields))
    }

    /// The crate's wording: fields that cannot be given together.
    pub(crate) fn mutually_exclusive(fields: &[&str]) -> String {
        format!("These fields are mutually exclusive: [{}]", list(fields))
    }

    /// The crate's wording: `States.ALL` not alone, or not in the last retrier or catcher.
    pub(crate) fn states_all_not_last(kind: &str) -> String {
        format!("'States.ALL' must be the only error in the last {kind}")
    }

    /// The crate's wording for the `NO_DOLLAR` warning.
    pub(crate) fn no_dollar(key: &str) -> String {
        format!(
            "The value for the field '{key}' looks like a JSONPath or an intrinsic function call, but the field name does not end with '.$'"
        )
    }

    /// The crate's wording for the `NO_PATH` warning.
    pub(crate) fn no_path(field: &str) -> String {
        format!("The value for the field '{field}' looks like a JSONPath, but the field name does not end with 'Path'")
    }

    /// The crate's wording for the `PASS_RESULT_IS_STATIC` warning.
    pub(crate) fn pass_result_is_static(key: &str) -> String {
        format!("The field '{key}' of a Pass state's Result is static: its value is not evaluated as a JSONPath")
    }
}

fn list(items: &[impl Display]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&item.to_string());
    }
    out
}

/// The diagnostics found so far, in the order they are reported.
#[derive(Debug, Default)]
pub(super) struct Report {
    diagnostics: Vec<Diagnostic>,
    errors: usize,
}

impl Report {
    /// An `ERROR` diagnostic.
    pub(super) fn error(&mut self, code: &str, message: impl Into<String>, location: Option<String>) {
        self.errors += 1;
        self.diagnostics.push(Diagnostic::error(code, message, location));
    }

    /// A `WARNING` diagnostic.
    pub(super) fn warning(&mut self, code: &str, message: impl Into<String>, location: Option<String>) {
        self.diagnostics.push(Diagnostic::warning(code, message, location));
    }

    /// `true` once an error was reported.
    pub(super) fn has_errors(&self) -> bool {
        self.errors > 0
    }

    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
