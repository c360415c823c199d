//! Choice states: their rules, in JSONPath (boolean and data-test expressions, every
//! comparison operator) and in JSONata (`Condition`).

use super::diagnostics::{code, text};
use super::fields::{self, Check};
use super::graph::Via;
use super::language::{self, Language};
use super::payload;
use super::syntax;
use super::walk::{Site, Walk};
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

/// Every comparison operator of a data-test expression.
const OPERATORS: &[(&str, Operand)] = &[
    ("StringEquals", Operand::String),
    ("StringEqualsPath", Operand::Path),
    ("StringLessThan", Operand::String),
    ("StringLessThanPath", Operand::Path),
    ("StringGreaterThan", Operand::String),
    ("StringGreaterThanPath", Operand::Path),
    ("StringLessThanEquals", Operand::String),
    ("StringLessThanEqualsPath", Operand::Path),
    ("StringGreaterThanEquals", Operand::String),
    ("StringGreaterThanEqualsPath", Operand::Path),
    ("StringMatches", Operand::String),
    ("NumericEquals", Operand::Number),
    ("NumericEqualsPath", Operand::Path),
    ("NumericLessThan", Operand::Number),
    ("NumericLessThanPath", Operand::Path),
    ("NumericGreaterThan", Operand::Number),
    ("NumericGreaterThanPath", Operand::Path),
    ("NumericLessThanEquals", Operand::Number),
    ("NumericLessThanEqualsPath", Operand::Path),
    ("NumericGreaterThanEquals", Operand::Number),
    ("NumericGreaterThanEqualsPath", Operand::Path),
    ("BooleanEquals", Operand::Boolean),
    ("BooleanEqualsPath", Operand::Path),
    ("TimestampEquals", Operand::Timestamp),
    ("TimestampEqualsPath", Operand::Path),
    ("TimestampLessThan", Operand::Timestamp),
    ("TimestampLessThanPath", Operand::Path),
    ("TimestampGreaterThan", Operand::Timestamp),
    ("TimestampGreaterThanPath", Operand::Path),
    ("TimestampLessThanEquals", Operand::Timestamp),
    ("TimestampLessThanEqualsPath", Operand::Path),
    ("TimestampGreaterThanEquals", Operand::Timestamp),
    ("TimestampGreaterThanEqualsPath", Operand::Path),
    ("IsNull", Operand::Boolean),
    ("IsPresent", Operand::Boolean),
    ("IsNumeric", Operand::Boolean),
    ("IsString", Operand::Boolean),
    ("IsBoolean", Operand::Boolean),
    ("IsTimestamp", Operand::Boolean),
];

/// The operators of a boolean expression.
const BOOLEAN: &[&str] = &["And", "Or", "Not"];

/// A Choice state's `Choices`: a non-empty array of rules, each with a `Next`.
pub(super) fn choices<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    walk.objects(field, value, true, |walk, i, rule| rules_from(walk, site, rule, i));
}

/// The rule `Choices[index]` (the location here) and the rules nested in it, depth first
/// without recursion.
fn rules_from<'t>(walk: &mut Walk<'t>, site: &Site, top: Object<'t>, index: usize) {
    let mut pending: Vec<(Object<'t>, String)> = Vec::new();
    let mut nested = rule(walk, site, top, Some(index));
    loop {
        // Children are checked in document order.
        pending.extend(nested.drain(..).rev());
        let Some((object, location)) = pending.pop() else { break };
        let saved = walk.path.replace(location);
        nested = rule(walk, site, object, None);
        walk.path.replace(saved);
    }
}

/// One rule (the location here): `index` is its place in `Choices` for a top-level rule,
/// `None` for a rule nested in `And`, `Or` or `Not`. Returns the nested rules, with their
/// locations.
fn rule<'t>(walk: &mut Walk<'t>, site: &Site, object: Object<'t>, index: Option<usize>) -> Vec<(Object<'t>, String)> {
    let mut nested = Vec::new();
    let jsonata = site.language == Language::Jsonata;
    // A rule written for the other query language: one diagnostic says so.
    let foreign = object.entries().map(|(key, _)| key).find(|&key| {
        let jsonpath_only =
            key == "Variable" || BOOLEAN.contains(&key) || OPERATORS.iter().any(|(name, _)| *name == key);
        let jsonata_only = key == "Condition" || key == "Output";
        if jsonata { jsonpath_only } else { jsonata_only }
    });
    if let Some(key) = foreign {
        fields::other_language_field(walk, site.language, key);
        return nested;
    }
    let boolean: Vec<&str> = BOOLEAN.iter().copied().filter(|f| object.contains(f)).collect();
    let data_test = !jsonata && boolean.is_empty();
    let mut operators = 0;
    for (key, value) in object.entries() {
        let operator = OPERATORS.iter().find(|(name, _)| *name == key);
        match (key, index, operator) {
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
                        let location = format!("{}[{i}]", walk.path.child(key));
                        match item {
                            Value::Object(child) => nested.push((child, location)),
                            _ => walk.report.error(
                                code::SCHEMA,
                                text::must_be(&format!("{key}[{i}]"), "an object"),
                                Some(location),
                            ),
                        }
                    }
                }
                _ => walk.must_be(key, "an array"),
            },
            ("Not", _, _) => match value {
                Value::Object(child) => nested.push((child, walk.path.child("Not"))),
                _ => walk.must_be("Not", "an object"),
            },
            (_, _, Some(&(name, operand))) if data_test => {
                operators += 1;
                compared(walk, name, operand, value);
            }
            _ => walk.schema_here(text::not_supported(key)),
        }
    }
    if boolean.len() > 1 {
        walk.schema_here(text::mutually_exclusive(&boolean));
    }
    let mut missing = Vec::new();
    if jsonata && !object.contains("Condition") {
        missing.push("Condition");
    }
    if data_test && !object.contains("Variable") {
        missing.push("Variable");
    }
    if index.is_some() && !object.contains("Next") {
        missing.push("Next");
    }
    if !missing.is_empty() {
        walk.schema_here(text::required(&missing));
    }
    if data_test && operators != 1 {
        walk.schema_here(text::ONE_COMPARISON_OPERATOR);
    }
    nested
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
fn compared(walk: &mut Walk<'_>, name: &'static str, operand: Operand, value: Value<'_>) {
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
