//! Error handling fields of Task, Parallel and Map states: `Retry` (retriers) and `Catch`
//! (catchers).

use super::diagnostics::text;
use super::fields::{self, Check, Only, any, only};
use super::graph::Via;
use super::walk::{Site, Walk};
use crate::jackson::Value;

/// The fields of a retrier.
const RETRIER: &[fields::Field] = &[
    any("ErrorEquals", Check::Nested(error_equals)),
    any("IntervalSeconds", Check::Count(1, fields::MAX_SECONDS)),
    any("MaxAttempts", Check::Count(0, fields::MAX_SECONDS)),
    any("BackoffRate", Check::Number(1.0, f64::MAX)),
    any("MaxDelaySeconds", Check::Count(1, fields::MAX_SECONDS)),
    any("JitterStrategy", Check::Enum(&["FULL", "NONE"])),
    any("Comment", Check::String),
];

/// The fields of a catcher (`Next` is read by [`catch`], which knows the catcher's index).
const CATCHER: &[fields::Field] = &[
    any("ErrorEquals", Check::Nested(error_equals)),
    any("Next", Check::Skip),
    only("ResultPath", Only::JsonPath, Check::ResultPath),
    only("Output", Only::Jsonata, Check::Expressions),
    any("Assign", Check::Assign),
    any("Comment", Check::String),
];

/// `Retry`: an array of retriers.
pub(super) fn retry<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    handlers(walk, site, field, value, Handler::Retrier);
}

/// `Catch`: an array of catchers.
pub(super) fn catch<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    handlers(walk, site, field, value, Handler::Catcher);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Retrier,
    Catcher,
}

fn handlers<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>, handler: Handler) {
    let count = match value {
        Value::Array(items) => items.len(),
        _ => 0,
    };
    walk.objects(field, value, false, |walk, i, object| {
        let (required, table, kind): (&[&str], _, _) = match handler {
            Handler::Retrier => (&["ErrorEquals"], RETRIER, "Retrier"),
            Handler::Catcher => (&["ErrorEquals", "Next"], CATCHER, "Catcher"),
        };
        fields::required(walk, object, required);
        fields::members(walk, site, object, |key| fields::find(table, key), true);
        if let (Handler::Catcher, Some(next)) = (handler, object.get("Next")) {
            fields::value_of(walk, site, "Next", Check::Transition(Via::Catch(i)), next);
        }
        let alone_and_last = match object.get("ErrorEquals") {
            Some(Value::Array(errors))
                if errors
                    .iter()
                    .any(|e| matches!(e, Value::String(s) if s == "States.ALL")) =>
            {
                errors.len() == 1 && i + 1 == count
            }
            _ => true,
        };
        if !alone_and_last {
            walk.schema_at("ErrorEquals", text::states_all_not_last(kind));
        }
    });
}

/// `ErrorEquals`: a non-empty array of error names.
fn error_equals<'t>(walk: &mut Walk<'t>, _site: &Site, field: &'static str, value: Value<'t>) {
    match value {
        Value::Array(errors) if errors.is_empty() => walk.schema_at(field, text::EMPTY),
        Value::Array(errors) if errors.iter().all(|e| matches!(e, Value::String(_))) => {}
        _ => walk.must_be(field, "an array of strings"),
    }
}
