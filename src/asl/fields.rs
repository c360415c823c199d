//! The fields each state type takes in each query language, and the checks on field values.
//!
//! One table, [`state_field`], says which state types take a field, in which query language,
//! and how its value is checked; [`GROUPS`] says which fields go together. The objects inside
//! states (retriers, catchers, Map configurations, …) use the same [`Field`] rows.

use super::diagnostics::text;
use super::graph::Via;
use super::language::{self, Language};
use super::walk::{Site, Walk};
use super::{choice, fallback, machine, map, payload, resource, syntax, task};
use crate::jackson::{Object, Value};

/// A state's `Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StateType {
    Task,
    Wait,
    Pass,
    Succeed,
    Fail,
    Choice,
    Parallel,
    Map,
}

/// The values of `Type`, in the order AWS lists them (recorded).
pub(super) const STATE_TYPES: &[&str] = &["Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"];

impl StateType {
    pub(super) fn parse(name: &str) -> Option<StateType> {
        Some(match name {
            "Task" => StateType::Task,
            "Wait" => StateType::Wait,
            "Pass" => StateType::Pass,
            "Succeed" => StateType::Succeed,
            "Fail" => StateType::Fail,
            "Choice" => StateType::Choice,
            "Parallel" => StateType::Parallel,
            "Map" => StateType::Map,
            _ => return None,
        })
    }

    /// This type's bit in a [`Field::on`] mask.
    pub(super) fn bit(self) -> u8 {
        match self {
            StateType::Task => TASK,
            StateType::Wait => WAIT,
            StateType::Pass => PASS,
            StateType::Succeed => SUCCEED,
            StateType::Fail => FAIL,
            StateType::Choice => CHOICE,
            StateType::Parallel => PARALLEL,
            StateType::Map => MAP,
        }
    }

    /// The fields a state of this type must have (beyond `Type`).
    pub(super) fn required(self) -> &'static [&'static str] {
        match self {
            StateType::Task => &["Resource"],
            StateType::Parallel => &["Branches"],
            StateType::Choice => &["Choices"],
            _ => &[],
        }
    }
}

const TASK: u8 = 1;
const WAIT: u8 = 1 << 1;
const PASS: u8 = 1 << 2;
const SUCCEED: u8 = 1 << 3;
const FAIL: u8 = 1 << 4;
const CHOICE: u8 = 1 << 5;
const PARALLEL: u8 = 1 << 6;
const MAP: u8 = 1 << 7;
/// Every state type; also the mask of the rows of the objects that are not states.
pub(super) const ALL: u8 = u8::MAX;
/// The types that transition with `Next` or end with `End`.
const FLOW: u8 = TASK | PARALLEL | MAP | PASS | WAIT;
/// The types that do work and so can fail: `Retry`, `Catch`, `ResultSelector`.
const WORK: u8 = TASK | PARALLEL | MAP;

/// The query languages a field belongs to.
#[derive(Clone, Copy, Debug)]
pub(super) enum Only {
    Both,
    JsonPath,
    Jsonata,
}

impl Only {
    fn allows(self, language: Language) -> bool {
        match self {
            Only::Both => true,
            Only::JsonPath => language == Language::JsonPath,
            Only::Jsonata => language == Language::Jsonata,
        }
    }
}

/// A check on a value whose shape the table cannot say: it runs with the location at the
/// object holding the field.
pub(super) type Nested = for<'t> fn(&mut Walk<'t>, &Site, &'static str, Value<'t>);

/// How a field's value is checked.
#[derive(Clone, Copy)]
pub(super) enum Check {
    /// Checked by the rule that reads the object.
    Skip,
    /// A string.
    String,
    /// A string; in JSONata also a `{% %}` expression.
    Text,
    /// `true` or `false`.
    Boolean,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// The name of a state to go to.
    Transition(Via),
    /// `null` or a JSONPath (`InputPath`, `OutputPath`).
    Path,
    /// `null` or a reference path without `$$` (`ResultPath`).
    ResultPath,
    /// A reference path (`…Path` fields).
    ReferencePath,
    /// A reference path or an intrinsic function call (`ErrorPath`, `CausePath`).
    PathOrIntrinsic,
    /// A payload template in JSONPath (`.$` keys); in JSONata, any JSON with `{% %}` strings.
    Template,
    /// Any JSON with `{% %}` strings (`Output`, `Arguments`).
    Expressions,
    /// An object of variables, its values as a [`Template`](Check::Template).
    Assign,
    /// An integer in this range; in JSONata also a `{% %}` expression.
    Count(i64, i64),
    /// A number in this range; in JSONata also a `{% %}` expression.
    Number(f64, f64),
    /// An RFC 3339 timestamp; in JSONata also a `{% %}` expression.
    Timestamp,
    /// An array, or a `{% %}` expression (JSONata `Items`).
    Items,
    /// Its own rule.
    Nested(Nested),
}

/// A field of a state or of an object inside one.
#[derive(Clone, Copy)]
pub(super) struct Field {
    pub(super) name: &'static str,
    /// The state types that take it ([`ALL`] for the objects that are not states).
    pub(super) on: u8,
    pub(super) only: Only,
    pub(super) check: Check,
}

/// A field on every kind of object, in both languages.
pub(super) const fn any(name: &'static str, check: Check) -> Field {
    Field {
        name,
        on: ALL,
        only: Only::Both,
        check,
    }
}

/// A field on every kind of object, in one language.
pub(super) const fn only(name: &'static str, only: Only, check: Check) -> Field {
    Field {
        name,
        on: ALL,
        only,
        check,
    }
}

const fn state(name: &'static str, on: u8, only: Only, check: Check) -> Field {
    Field { name, on, only, check }
}

/// The largest count most fields take (AWS's `99999999`).
pub(super) const MAX_SECONDS: i64 = 99_999_999;

/// Every field of every state type (the spec's field tables, JSONPath and JSONata): the row of
/// the field `name`, if a state type takes it. A `match`, which reads the name once.
macro_rules! state_fields {
    ($($name:literal => $on:expr, $only:ident, $check:expr;)*) => {
        pub(super) fn state_field(name: &str) -> Option<Field> {
            Some(match name {
                $($name => state($name, $on, Only::$only, $check),)*
                _ => return None,
            })
        }
    };
}

state_fields! {
    "Type" => ALL, Both, Check::Skip;
    "Comment" => ALL, Both, Check::String;
    "QueryLanguage" => ALL, Both, Check::Skip;
    "InputPath" => ALL & !FAIL, JsonPath, Check::Path;
    "OutputPath" => ALL & !FAIL, JsonPath, Check::Path;
    "Output" => ALL & !FAIL, Jsonata, Check::Expressions;
    "Assign" => ALL & !(SUCCEED | FAIL), Both, Check::Assign;
    "Next" => FLOW, Both, Check::Transition(Via::Next);
    "End" => FLOW, Both, Check::Boolean;
    "Parameters" => WORK | PASS, JsonPath, Check::Template;
    "ResultSelector" => WORK, JsonPath, Check::Template;
    "ResultPath" => WORK | PASS, JsonPath, Check::ResultPath;
    "Arguments" => TASK | PARALLEL, Jsonata, Check::Expressions;
    "Retry" => WORK, Both, Check::Nested(fallback::retry);
    "Catch" => WORK, Both, Check::Nested(fallback::catch);
    "Resource" => TASK, Both, Check::Nested(resource::check);
    "TimeoutSeconds" => TASK, Both, Check::Count(1, MAX_SECONDS);
    "TimeoutSecondsPath" => TASK, JsonPath, Check::ReferencePath;
    "HeartbeatSeconds" => TASK, Both, Check::Count(1, MAX_SECONDS);
    "HeartbeatSecondsPath" => TASK, JsonPath, Check::ReferencePath;
    "Credentials" => TASK, Both, Check::Nested(task::credentials);
    "Branches" => PARALLEL, Both, Check::Nested(machine::branches);
    "ItemProcessor" => MAP, Both, Check::Nested(map::processor);
    "Iterator" => MAP, Both, Check::Nested(map::processor);
    "ItemsPath" => MAP, JsonPath, Check::ReferencePath;
    "Items" => MAP, Jsonata, Check::Items;
    "ItemSelector" => MAP, Both, Check::Template;
    "ItemReader" => MAP, Both, Check::Nested(map::reader);
    "ItemBatcher" => MAP, Both, Check::Nested(map::batcher);
    "ResultWriter" => MAP, Both, Check::Nested(map::writer);
    "MaxConcurrency" => MAP, Both, Check::Count(0, i64::MAX);
    "MaxConcurrencyPath" => MAP, JsonPath, Check::ReferencePath;
    "ToleratedFailurePercentage" => MAP, Both, Check::Number(0.0, 100.0);
    "ToleratedFailurePercentagePath" => MAP, JsonPath, Check::ReferencePath;
    "ToleratedFailureCount" => MAP, Both, Check::Count(0, i64::MAX);
    "ToleratedFailureCountPath" => MAP, JsonPath, Check::ReferencePath;
    "Label" => MAP, Both, Check::Nested(map::label);
    "Result" => PASS, JsonPath, Check::Nested(payload::pass_result);
    "Seconds" => WAIT, Both, Check::Count(0, MAX_SECONDS);
    "SecondsPath" => WAIT, JsonPath, Check::ReferencePath;
    "Timestamp" => WAIT, Both, Check::Timestamp;
    "TimestampPath" => WAIT, JsonPath, Check::ReferencePath;
    "Choices" => CHOICE, Both, Check::Nested(choice::choices);
    "Default" => CHOICE, Both, Check::Transition(Via::Default);
    "Error" => FAIL, Both, Check::Text;
    "Cause" => FAIL, Both, Check::Text;
    "ErrorPath" => FAIL, JsonPath, Check::PathOrIntrinsic;
    "CausePath" => FAIL, JsonPath, Check::PathOrIntrinsic;
}

/// How many fields of a [`Group`] an object may have: exactly one, at most one, at least one.
#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    Exactly,
    AtMost,
    AtLeast,
}

/// Fields that go together. `End` counts only when `true`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Group {
    pub(super) on: u8,
    pub(super) rule: Rule,
    pub(super) fields: &'static [&'static str],
}

/// A group of fields of every kind of object.
pub(super) const fn group(rule: Rule, fields: &'static [&'static str]) -> Group {
    Group { on: ALL, rule, fields }
}

const fn state_group(on: u8, rule: Rule, fields: &'static [&'static str]) -> Group {
    Group { on, rule, fields }
}

/// The groups of state fields.
pub(super) const GROUPS: &[Group] = &[
    state_group(FLOW, Rule::Exactly, &["Next", "End"]),
    state_group(
        WAIT,
        Rule::Exactly,
        &["Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
    ),
    state_group(MAP, Rule::Exactly, &["ItemProcessor", "Iterator"]),
    state_group(TASK, Rule::AtMost, &["TimeoutSeconds", "TimeoutSecondsPath"]),
    state_group(TASK, Rule::AtMost, &["HeartbeatSeconds", "HeartbeatSecondsPath"]),
    state_group(MAP, Rule::AtMost, &["ItemSelector", "Parameters"]),
    state_group(MAP, Rule::AtMost, &["MaxConcurrency", "MaxConcurrencyPath"]),
    state_group(
        MAP,
        Rule::AtMost,
        &["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"],
    ),
    state_group(
        MAP,
        Rule::AtMost,
        &["ToleratedFailureCount", "ToleratedFailureCountPath"],
    ),
    state_group(FAIL, Rule::AtMost, &["Error", "ErrorPath"]),
    state_group(FAIL, Rule::AtMost, &["Cause", "CausePath"]),
];

/// The object here (`object`) has every field of `required`: one `These fields are required`
/// diagnostic (recorded) lists those it lacks, in the order given.
pub(super) fn required(walk: &mut Walk<'_>, object: Object<'_>, required: &[&str]) {
    if required.iter().all(|f| object.contains(f)) {
        return;
    }
    let missing: Vec<&str> = required.iter().copied().filter(|f| !object.contains(f)).collect();
    walk.schema_here(text::required(&missing));
}

/// The row of the field `name` in `table`.
pub(super) fn find(table: &[Field], name: &str) -> Option<Field> {
    table.iter().find(|f| f.name == name).copied()
}

/// Checks each member of the object here against the rows `field` finds (those for `site`'s state type):
/// a field of the other query language is refused (once per object: the first such field
/// says the object is written for the other language); one in no row is refused when
/// `closed`, else ignored; the others' values are checked.
pub(super) fn members<'t>(
    walk: &mut Walk<'t>,
    site: &Site,
    object: Object<'t>,
    field: impl Fn(&str) -> Option<Field>,
    closed: bool,
) {
    let mut other_language = false;
    for (key, value) in object.entries() {
        match field(key).filter(|f| f.on & site.types != 0) {
            None if closed => walk.schema_here(text::not_supported(key)),
            None => {}
            Some(field) if !field.only.allows(site.language) && !other_language => {
                other_language = true;
                other_language_field(walk, site.language, key);
            }
            Some(field) if !field.only.allows(site.language) => {}
            Some(field) => value_of(walk, site, field.name, field.check, value),
        }
    }
}

/// `The QueryLanguage is set to '<language>', but field '<key>' is only supported for the
/// '<other>' QueryLanguage`, at the object here.
pub(super) fn other_language_field(walk: &mut Walk<'_>, language: Language, key: &str) {
    walk.schema_here(text::other_language(language.name(), key, language.other().name()));
}

/// Checks the groups of `groups` that apply to `site`'s state type on the object here.
pub(super) fn groups(walk: &mut Walk<'_>, site: &Site, object: Object<'_>, groups: &[Group]) {
    let given = |f: &str| match object.get(f) {
        Some(Value::Bool(end)) if f == "End" => end,
        Some(_) => true,
        None => false,
    };
    for group in groups.iter().filter(|g| g.on & site.types != 0) {
        let count = group.fields.iter().filter(|f| given(f)).count();
        let message = match group.rule {
            Rule::Exactly if count == 0 => text::exactly_one_of(group.fields),
            Rule::AtLeast if count == 0 => text::at_least_one_of(group.fields),
            Rule::Exactly | Rule::AtMost if count > 1 => {
                let present: Vec<&str> = group.fields.iter().copied().filter(|f| given(f)).collect();
                text::mutually_exclusive(&present)
            }
            _ => continue,
        };
        walk.schema_here(message);
    }
}

/// Checks the value of the field `name` of the object here.
pub(super) fn value_of<'t>(walk: &mut Walk<'t>, site: &Site, name: &'static str, check: Check, value: Value<'t>) {
    let jsonata = site.language == Language::Jsonata;
    match check {
        Check::Skip => {}
        Check::String => {
            if !matches!(value, Value::String(_)) {
                walk.must_be(name, "a string");
            }
        }
        Check::Text => match value {
            Value::String(s) => match language::expression(s) {
                Some(expression) if jsonata => payload::jsonata(walk, walk.path.child(name), expression),
                _ if !jsonata => payload::no_path(walk, name, s),
                _ => {}
            },
            _ => walk.must_be(name, "a string"),
        },
        Check::Boolean => {
            if !matches!(value, Value::Bool(_)) {
                walk.must_be(name, "a boolean");
            }
        }
        Check::Enum(values) => {
            if !matches!(value, Value::String(s) if values.contains(&s)) {
                walk.schema_at(name, text::one_of(name, values));
            }
        }
        Check::Transition(via) => match value {
            Value::String(target) => {
                if let Some(node) = site.node {
                    walk.graph.transition(node, via, target);
                }
            }
            _ => walk.must_be(name, "a string"),
        },
        Check::Path => match value {
            Value::Null => {}
            Value::String(s) if syntax::path(s).is_ok() => {}
            _ => walk.must_be(name, "a valid JSONPath"),
        },
        Check::ResultPath => match value {
            Value::Null => {}
            Value::String(s) if syntax::reference_path(s, false).is_ok() => {}
            _ => walk.must_be(name, "a valid ReferencePath"),
        },
        Check::ReferencePath => match value {
            Value::String(s) if syntax::reference_path(s, true).is_ok() => {}
            _ => walk.must_be(name, "a valid ReferencePath"),
        },
        Check::PathOrIntrinsic => match value {
            Value::String(s) if syntax::reference_path(s, true).is_ok() || syntax::intrinsic_call(s).is_ok() => {}
            _ => walk.schema_at(name, text::path_or_intrinsic(name)),
        },
        Check::Template if jsonata => payload::expressions(walk, name, value),
        Check::Template => payload::template(walk, name, value),
        Check::Expressions => payload::expressions(walk, name, value),
        Check::Assign => match value {
            Value::Object(_) => value_of(walk, site, name, Check::Template, value),
            _ => walk.must_be(name, "an object"),
        },
        Check::Count(min, max) => match value {
            Value::Number(n) if integer(n).is_some_and(|v| (i128::from(min)..=i128::from(max)).contains(&v)) => {}
            Value::String(s) if jsonata && language::expression(s).is_some() => {
                expression_of(walk, name, s);
            }
            _ => walk.must_be(name, &count_range(min, max)),
        },
        Check::Number(min, max) => match value {
            Value::Number(n) if n.parse::<f64>().is_ok_and(|v| (min..=max).contains(&v)) => {}
            Value::String(s) if jsonata && language::expression(s).is_some() => {
                expression_of(walk, name, s);
            }
            _ => walk.must_be(name, &number_range(min, max)),
        },
        Check::Timestamp => match value {
            Value::String(s) => match language::expression(s) {
                Some(expression) if jsonata => payload::jsonata(walk, walk.path.child(name), expression),
                _ if syntax::rfc3339_timestamp(s) => {}
                _ => walk.schema_at(name, text::NOT_RFC3339),
            },
            _ => walk.must_be(name, "a string"),
        },
        Check::Items => match value {
            Value::Array(_) => payload::expressions(walk, name, value),
            Value::String(s) if language::expression(s).is_some() => expression_of(walk, name, s),
            _ => walk.must_be(name, "an array or a JSONata expression"),
        },
        Check::Nested(rule) => rule(walk, site, name, value),
    }
}

/// The `{% %}` string `s` of the field `name` of the object here, checked.
fn expression_of(walk: &mut Walk<'_>, name: &str, s: &str) {
    if let Some(expression) = language::expression(s) {
        let location = walk.path.child(name);
        payload::jsonata(walk, location, expression);
    }
}

fn count_range(min: i64, max: i64) -> String {
    match (min, max) {
        (0, i64::MAX) => "a non-negative integer".to_owned(),
        (1, i64::MAX) => "a positive integer".to_owned(),
        _ => format!("an integer between {min} and {max}"),
    }
}

fn number_range(min: f64, max: f64) -> String {
    if max == f64::MAX {
        format!("a number greater than or equal to {min:.1}")
    } else {
        format!("a number between {min} and {max}")
    }
}

/// The value of a JSON number when it is an integer (`10`, `10.0`, `1e2`), saturated far
/// beyond any range a field takes; `None` when it has a fractional part.
pub(super) fn integer(number: &str) -> Option<i128> {
    let (negative, unsigned) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    if unsigned.len() <= 30 && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        if unsigned.is_empty() {
            return None;
        }
        let value = unsigned
            .bytes()
            .fold(0, |value, digit| value * 10 + i128::from(digit - b'0'));
        return Some(if negative { -value } else { value });
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let mut scale = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    let mut digits = digits.to_owned();
    while scale < 0 {
        if !digits.ends_with('0') {
            return if digits.is_empty() { Some(0) } else { None };
        }
        digits.pop();
        scale += 1;
    }
    const SATURATED: i128 = 1 << 100;
    let length = i64::try_from(digits.len()).ok()?;
    let value = if digits.is_empty() {
        0
    } else if length.saturating_add(scale) > 30 {
        SATURATED
    } else {
        let base: i128 = digits.parse().ok()?;
        (0..scale).fold(base, |v, _| v * 10)
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::integer;

    #[test]
    fn integers_as_aws_reads_them() {
        assert_eq!(integer("10"), Some(10));
        assert_eq!(integer("-10"), Some(-10));
        assert_eq!(integer("10.0"), Some(10));
        assert_eq!(integer("1e2"), Some(100));
        assert_eq!(integer("1.5e1"), Some(15));
        assert_eq!(integer("150e-1"), Some(15));
        assert_eq!(integer("0"), Some(0));
        assert_eq!(integer("0.000"), Some(0));
        assert_eq!(integer("10.5"), None);
        assert_eq!(integer("1e-1"), None);
        assert!(integer("1e400").is_some_and(|v| v > i128::from(i64::MAX)));
        assert!(integer("123456789012345678901234567890123").is_some_and(|v| v > i128::from(i64::MAX)));
        assert_eq!(integer("0e999999999999"), Some(0));
    }
}
