//! The syntax of the expressions a definition embeds: JSONPath paths, intrinsic function calls,
//! JSONata expressions and timestamps.
//!
//! Each checker is a pure function of a string; the state rules decide where each applies and
//! which diagnostic a failure becomes. None panics, none recurses deeper than a fixed bound, and
//! each reads its input in time linear in its length.
//!
//! - [`path`] and [`reference_path`]: Jayway JsonPath's grammar (the library AWS runs), from the
//!   roots `$`, `$$` and `$variable`; a reference path is the single-node subset.
//! - [`intrinsic_call`]: `States.<Name>(…)` with AWS's eighteen functions.
//! - [`jsonata()`] and [`jsonata_problems`]: jsonata-js's parser, then AWS's rule that an
//!   expression reads nothing from the top level but `$states` and variables.
//! - [`rfc3339_timestamp`]: a Wait state's `Timestamp`.
//! - [`path_root`] and [`looks_like_intrinsic_call`]: classifiers for the warnings.

use std::fmt;

mod intrinsics;
mod jsonata;
mod jsonpath;
mod timestamp;

// The state rules, which call these, arrive on their own branch.
#[allow(unused_imports)]
pub(crate) use intrinsics::{intrinsic_call, looks_like_intrinsic_call};
#[allow(unused_imports)]
pub(crate) use jsonata::{jsonata, jsonata_problems};
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

#[cfg(test)]
mod tests {
    //! No input makes a checker panic: arbitrary text, and text made of each grammar's tokens.

    use super::{intrinsic_call, jsonata_problems, path, path_root, reference_path, rfc3339_timestamp};
    use proptest::prelude::*;

    fn check_all(text: &str) {
        let _ = path(text);
        let _ = reference_path(text, true);
        let _ = reference_path(text, false);
        let _ = path_root(text);
        let _ = intrinsic_call(text);
        let _ = jsonata_problems(text, true);
        let _ = jsonata_problems(text, false);
        let _ = rfc3339_timestamp(text);
    }

    /// Text made of the pieces the grammars are made of, so that generated inputs get deep.
    fn tokens() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "$",
            "$$",
            ".",
            "..",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "'",
            "\"",
            "`",
            "\\",
            "/",
            "*",
            "?",
            ":",
            ":=",
            ",",
            ";",
            "@",
            "#",
            "%",
            "^",
            "~>",
            "|",
            "&",
            "-",
            "+",
            "=",
            "!=",
            "<",
            ">",
            "and",
            "or",
            "in",
            "a",
            "b",
            "1",
            "0",
            "-1",
            "e5",
            "States.",
            "Format",
            "Array",
            "function",
            "\u{3bb}",
            "true",
            "null",
            " ",
            "\n",
            "/*",
            "*/",
            "\\u",
            "é",
            "T",
            "Z",
            "2016-03-14",
            "01:59:00",
            "+01:00",
        ]);
        prop::collection::vec(piece, 0..64).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            check_all(&text);
        }

        #[test]
        fn token_soup_never_panics(text in tokens()) {
            check_all(&text);
        }
    }
}
