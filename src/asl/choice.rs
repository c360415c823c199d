//! Choice states: their rules, in JSONPath (boolean and data-test expressions, every
//! comparison operator) and in JSONata (`Condition`).

use super::diagnostics::{code, text};
use super::fields::{self, Check};
use super::graph::Via;
use super::language::{self, Language};
use super::payload;
use super::syntax;
use super::walk::{Mark, Site, Walk};
use crate::jackson::{Object, Value};

/// What a comparison operator compares the `Variable` with.
#[derive(Clone, Copy, Debug)]
enum Operand {
    String,
    Number,
    Boolean,
    /// A timestamp, as a string (AWS compares at run time).
    Timestamp,
    /// A reference path (the `…Path` operators).
    Path,
}

/// What the comparison operator `name` compares the `Variable` with; `None` when `name` is not
/// one of the data-test expression's operators.
fn operand(name: &str) -> Option<Operand> {
    Some(match name {
        "StringEquals"
        | "StringLessThan"
        | "StringGreaterThan"
        | "StringLessThanEquals"
        | "StringGreaterThanEquals"
        | "StringMatches" => Operand::String,
        "NumericEquals"
        | "NumericLessThan"
        | "NumericGreaterThan"
        | "NumericLessThanEquals"
        | "NumericGreaterThanEquals" => Operand::Number,
        "BooleanEquals" | "IsNull" | "IsPresent" | "IsNumeric" | "IsString" | "IsBoolean" | "IsTimestamp" => {
            Operand::Boolean
        }
        "TimestampEquals"
        | "TimestampLessThan"
        | "TimestampGreaterThan"
        | "TimestampLessThanEquals"
        | "TimestampGreaterThanEquals" => Operand::Timestamp,
        "StringEqualsPath"
        | "StringLessThanPath"
        | "StringGreaterThanPath"
        | "StringLessThanEqualsPath"
        | "StringGreaterThanEqualsPath"
        | "NumericEqualsPath"
        | "NumericLessThanPath"
        | "NumericGreaterThanPath"
        | "NumericLessThanEqualsPath"
        | "NumericGreaterThanEqualsPath"
        | "BooleanEqualsPath"
        | "TimestampEqualsPath"
        | "TimestampLessThanPath"
        | "TimestampGreaterThanPath"
        | "TimestampLessThanEqualsPath"
        | "TimestampGreaterThanEqualsPath" => Operand::Path,
        _ => return None,
    })
}

/// The operators of a boolean expression.
const BOOLEAN: [&str; 3] = ["And", "Or", "Not"];

/// A rule nested in `And`, `Or` or `Not`, waiting to be checked: its location is the one
/// `parent` marks, then `/<key>` and `[index]`.
struct Nested<'t> {
    rule: Object<'t>,
    parent: Mark,
    key: &'t str,
    index: Option<usize>,
}

/// A Choice state's `Choices`: a non-empty array of rules, each with a `Next`.
pub(super) fn choices<'t>(walk: &mut Walk<'t>, site: &Site, field: &str, value: Value<'t>) {
    let mut pending = Vec::new();
    walk.objects(field, value, true, |walk, i, rule| {
        rules_from(walk, site, rule, i, &mut pending)
    });
}

/// The rule `Choices[index]` (the location here) and the rules nested in it, depth first in
/// document order, without recursion. Each nested rule's location extends its parent's, which
/// is still the start of the location when the rule's turn comes.
fn rules_from<'t>(walk: &mut Walk<'t>, site: &Site, top: Object<'t>, index: usize, pending: &mut Vec<Nested<'t>>) {
    let here = walk.path.mark();
    rule(walk, site, top, Some(index), pending);
    pending.reverse();
    while let Some(nested) = pending.pop() {
        walk.path.back(nested.parent);
        walk.path.field(nested.key);
        if let Some(i) = nested.index {
            walk.path.index(i);
        }
        let children = pending.len();
        rule(walk, site, nested.rule, None, pending);
        pending[children..].reverse();
    }
    walk.path.back(here);
}

/// One rule (the location here): `index` is its place in `Choices` for a top-level rule,
/// `None` for a rule nested in `And`, `Or` or `Not`. The rules nested in it go on `nested`, in
/// document order.
fn rule<'t>(walk: &mut Walk<'t>, site: &Site, object: Object<'t>, index: Option<usize>, nested: &mut Vec<Nested<'t>>) {
    let jsonata = site.language == Language::Jsonata;
    // A rule written for the other query language: one diagnostic says so.
    let foreign = object.entries().map(|(key, _)| key).find(|&key| {
        if jsonata {
            key == "Variable" || BOOLEAN.contains(&key) || operand(key).is_some()
        } else {
            key == "Condition" || key == "Output"
        }
    });
    if let Some(key) = foreign {
        fields::other_language_field(walk, site.language, key);
        return;
    }
    let boolean = BOOLEAN.map(|f| object.contains(f));
    let data_test = !jsonata && !boolean.contains(&true);
    let here = walk.path.mark();
    let mut operators = 0;
    for (key, value) in object.entries() {
        match (key, index, operand(key)) {
            ("Comment", _, _) => fields::value_of(walk, site, "Comment", Check::String, value),
            ("Next", Some(i), _) => fields::value_of(walk, site, "Next", Check::Transition(Via::Choice(i)), value),
            ("Assign", Some(_), _) => fields::value_of(walk, site, "Assign", Check::Assign, value),
            ("Output", Some(_), _) => fields::value_of(walk, site, "Output", Check::Expressions, value),
            ("Condition", _, _) => condition(walk, value),
            ("Variable", _, _) if data_test => variable(walk, value),
            ("And" | "Or", _, _) => match value {
                Value::Array(items) if items.is_empty() => walk.schema_at(key, text::EMPTY),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        match item {
                            Value::Object(rule) => nested.push(Nested {
                                rule,
                                parent: here,
                                key,
                                index: Some(i),
                            }),
                            _ => {
                                let location = format!("{}[{i}]", walk.path.child(key));
                                walk.report.error(
                                    code::SCHEMA,
                                    text::must_be(&format!("{key}[{i}]"), "an object"),
                                    Some(location),
                                );
                            }
                        }
                    }
                }
                _ => walk.must_be(key, "an array"),
            },
            ("Not", _, _) => match value {
                Value::Object(rule) => nested.push(Nested {
                    rule,
                    parent: here,
                    key,
                    index: None,
                }),
                _ => walk.must_be("Not", "an object"),
            },
            (_, _, Some(operand)) if data_test => {
                operators += 1;
                compared(walk, key, operand, value);
            }
            _ => walk.schema_here(text::not_supported(key)),
        }
    }
    if boolean.iter().filter(|&&given| given).count() > 1 {
        let given: Vec<&str> = BOOLEAN
            .iter()
            .zip(boolean)
            .filter(|(_, given)| *given)
            .map(|(f, _)| *f)
            .collect();
        walk.schema_here(text::mutually_exclusive(&given));
    }
    let missing: Vec<&str> = [
        (jsonata, "Condition"),
        (data_test, "Variable"),
        (index.is_some(), "Next"),
    ]
    .into_iter()
    .filter(|&(required, field)| required && !object.contains(field))
    .map(|(_, field)| field)
    .collect();
    if !missing.is_empty() {
        walk.schema_here(text::required(&missing));
    }
    if data_test && operators != 1 {
        walk.schema_here(text::ONE_COMPARISON_OPERATOR);
    }
}

/// A data-test's `Variable`: a reference path.
fn variable(walk: &mut Walk<'_>, value: Value<'_>) {
    if !matches!(value, Value::String(s) if syntax::reference_path(s, true).is_ok()) {
        walk.must_be("Variable", "a valid ReferencePath");
    }
}

/// A JSONata rule's `Condition`: `true`, `false` or a `{% %}` expression.
fn condition(walk: &mut Walk<'_>, value: Value<'_>) {
    match value {
        Value::Bool(_) => {}
        Value::String(s) => match language::expression(s) {
            Some(expression) => {
                let location = walk.path.child("Condition");
                payload::jsonata(walk, location, expression);
            }
            None => walk.must_be("Condition", "a boolean or a JSONata expression"),
        },
        _ => walk.must_be("Condition", "a boolean or a JSONata expression"),
    }
}

/// The value of the comparison operator `name`.
fn compared(walk: &mut Walk<'_>, name: &str, operand: Operand, value: Value<'_>) {
    let (ok, what) = match (operand, value) {
        (Operand::String | Operand::Timestamp, Value::String(s)) => {
            payload::no_path(walk, name, s);
            (true, "")
        }
        (Operand::String | Operand::Timestamp, _) => (false, "a string"),
        (Operand::Number, value) => (matches!(value, Value::Number(_)), "a number"),
        (Operand::Boolean, value) => (matches!(value, Value::Bool(_)), "a boolean"),
        (Operand::Path, Value::String(s)) => (syntax::reference_path(s, true).is_ok(), "a valid ReferencePath"),
        (Operand::Path, _) => (false, "a valid ReferencePath"),
    };
    if !ok {
        walk.must_be(name, what);
    }
}
