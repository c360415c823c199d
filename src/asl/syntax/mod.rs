//! The syntax of the expressions a definition embeds: JSONPath paths, intrinsic function calls,
//! JSONata expressions and timestamps.
//!
//! Each checker is a pure function of a string; the state rules decide where each applies and
//! which diagnostic a failure becomes.

use std::fmt;

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

/// A reference path: a JSONPath that names a single node (`$`, `$.a.b`, `$['a b'][0]`), as
/// `ResultPath`, `Variable` and the `…Path` comparison operators take. `$$…` context paths are
/// accepted when `context` is true.
pub(crate) fn reference_path(path: &str, context: bool) -> Result<(), SyntaxError> {
    let _ = (path, context);
    Ok(())
}

/// A JSONPath as `InputPath`, `OutputPath`, `ItemsPath` and `.$` payload template values take it
/// (Jayway syntax: wildcards, filters, slices, unions, deep scan), or a `$$…` context path.
pub(crate) fn path(path: &str) -> Result<(), SyntaxError> {
    let _ = path;
    Ok(())
}

/// An intrinsic function call (`States.Format('{}', $.name)`), as a `.$` payload template value
/// may hold: a known function, its arguments literals, paths or nested calls.
pub(crate) fn intrinsic_call(text: &str) -> Result<(), SyntaxError> {
    let _ = text;
    Ok(())
}

/// The JSONata expression between `{%` and `%}` (the delimiters excluded).
pub(crate) fn jsonata(expression: &str) -> Result<(), JsonataError> {
    let _ = expression;
    Ok(())
}

/// An RFC 3339 timestamp as a Wait state's `Timestamp` takes it: uppercase `T` and `Z` unless a
/// numeric offset is given, fractional seconds allowed (`2016-03-14T01:59:00Z`).
pub(crate) fn rfc3339_timestamp(text: &str) -> bool {
    let _ = text;
    true
}
