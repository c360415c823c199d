//! Task states, beyond the field table: `Credentials`, and `HeartbeatSeconds` below
//! `TimeoutSeconds`. (`Resource` has its own module.)

use super::diagnostics::text;
use super::fields::integer;
use super::language::{self, Language};
use super::payload;
use super::syntax;
use super::walk::{Site, Walk};
use crate::jackson::{Object, Value};

/// `Credentials`: an object with a `RoleArn` (or, in JSONPath, `RoleArn.$`); other fields
/// are let through, as AWS does (recorded: it reports only the missing `RoleArn`).
pub(super) fn credentials<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    let Value::Object(object) = value else {
        return walk.must_be(field, "an object");
    };
    let at = walk.path.field(field);
    let jsonata = site.language == Language::Jsonata;
    match (object.get("RoleArn"), object.get("RoleArn.$")) {
        (Some(Value::String(role)), _) => {
            if let Some(expression) = language::expression(role).filter(|_| jsonata) {
                let location = walk.path.child("RoleArn");
                payload::jsonata(walk, location, expression);
            }
        }
        (Some(_), _) => walk.must_be("RoleArn", "a string"),
        (None, Some(path)) if !jsonata => {
            let valid =
                matches!(path, Value::String(s) if syntax::path(s).is_ok() || syntax::intrinsic_call(s).is_ok());
            if !valid {
                walk.schema_here(text::path_or_intrinsic("RoleArn.$"));
            }
        }
        (None, _) => walk.schema_here(text::required_but_missing("RoleArn")),
    }
    walk.path.back(at);
}

/// `HeartbeatSeconds` must be below `TimeoutSeconds` when both are numbers.
pub(super) fn timeouts(walk: &mut Walk<'_>, object: Object<'_>) {
    let seconds = |field| match object.get(field) {
        Some(Value::Number(n)) => integer(n),
        _ => None,
    };
    if let (Some(timeout), Some(heartbeat)) = (seconds("TimeoutSeconds"), seconds("HeartbeatSeconds"))
        && heartbeat >= timeout
    {
        walk.schema_at("HeartbeatSeconds", text::HEARTBEAT_NOT_BELOW_TIMEOUT);
    }
}
