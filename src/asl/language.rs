//! Query languages: which one a state uses, and JSONata's `{% %}` strings.

use super::diagnostics::text;
use super::walk::Walk;
use crate::jackson::{Object, Value};

/// A state's query language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Language {
    /// `JSONPath`, the default.
    JsonPath,
    /// `JSONata`.
    Jsonata,
}

/// The values of `QueryLanguage`, in AWS's order.
pub(super) const LANGUAGES: &[&str] = &["JSONPath", "JSONata"];

impl Language {
    pub(super) fn name(self) -> &'static str {
        match self {
            Language::JsonPath => "JSONPath",
            Language::Jsonata => "JSONata",
        }
    }

    pub(super) fn other(self) -> Language {
        match self {
            Language::JsonPath => Language::Jsonata,
            Language::Jsonata => Language::JsonPath,
        }
    }

    fn parse(value: Value<'_>) -> Option<Language> {
        match value {
            Value::String("JSONPath") => Some(Language::JsonPath),
            Value::String("JSONata") => Some(Language::Jsonata),
            _ => None,
        }
    }

    /// The state machine's language: its top-level `QueryLanguage` (checked with the other
    /// top-level fields), `JSONPath` when absent or not a language.
    pub(super) fn of_machine(root: Object<'_>) -> Language {
        root.get("QueryLanguage")
            .and_then(Language::parse)
            .unwrap_or(Language::JsonPath)
    }

    /// The language of the state `object` (the location here): its own `QueryLanguage`, else
    /// the state machine's. States inside a Map or Parallel inherit the state machine's
    /// language, not the Map's or Parallel's (AWS's rule, recorded). A `JSONPath` state in a
    /// `JSONata` state machine is an error (recorded); the state is then read as `JSONPath`.
    pub(super) fn of_state(walk: &mut Walk<'_>, object: Object<'_>) -> Language {
        let Some(value) = object.get("QueryLanguage") else {
            return walk.top;
        };
        match Language::parse(value) {
            None => {
                walk.schema_at("QueryLanguage", text::one_of("QueryLanguage", LANGUAGES));
                walk.top
            }
            Some(Language::JsonPath) if walk.top == Language::Jsonata => {
                walk.schema_here(text::JSONPATH_UNDER_JSONATA);
                Language::JsonPath
            }
            Some(language) => language,
        }
    }
}

/// The expression of a JSONata string: what is between `{%` and `%}`, when `text` is one.
pub(super) fn expression(text: &str) -> Option<&str> {
    text.strip_prefix("{%")?.strip_suffix("%}")
}
