//! The syntax of the expressions a definition embeds: JSONPath paths, intrinsic function calls,
//! JSONata expressions and timestamps.
//!
//! Each checker is a pure function of a string; the state rules decide where each applies and
//! which diagnostic a failure becomes.

use std::fmt;

mod intrinsics;
mod jsonpath;
mod timestamp;

// The state rules, which call these, arrive on their own branch.
#[allow(unused_imports)]
pub(crate) use intrinsics::{intrinsic_call, looks_like_intrinsic_call};
#[allow(unused_imports)]
pub(crate) use jsonpath::{PathRoot, path, path_root, reference_path};
#[allow(unused_imports)]
pub(crate) use timestamp::rfc3339_timestamp;

/// Why an expression is not well formed, in words fit for a diagnostic message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why a JSONata expression is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum JsonataError {
    /// Not a JSONata expression (`INVALID_JSONATA_EXPRESSION`), with the parser's text without
    /// its `Sxxxx` code: `Unexpected end of expression`.
    Invalid(String),
    /// Well formed, but not allowed in a state machine (`UNSUPPORTED_JSONATA_EXPRESSION`):
    /// `Reference to 'phone' at the top level is not supported.`
    Unsupported(String),
}

/// The JSONata expression between `{%` and `%}` (the delimiters excluded).
pub(crate) fn jsonata(expression: &str) -> Result<(), JsonataError> {
    let _ = expression;
    Ok(())
}
