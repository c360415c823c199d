//! Values built at run time: JSONPath payload templates (`.$` keys), JSONata `{% %}` strings,
//! and the warnings about path-like values written where no path is read.

use super::diagnostics::{code, text};
use super::language;
use super::syntax::{self, JsonataError, PathRoot};
use super::walk::{Site, Walk, push_decimal};
use crate::jackson::{Entries, Items, Value};

/// A JSONPath payload template, the value of the field `field` of the object here: each key
/// ending in `.$` holds a JSONPath or an intrinsic function call (else an error, recorded, at
/// `field` itself however deep the key); a path-like string under another key draws the
/// `NO_DOLLAR` warning.
pub(super) fn template<'t>(walk: &mut Walk<'t>, field: &str, value: Value<'t>) {
    visit(value, None, |_, key, value| {
        let Some(key) = key else { return };
        let dollar = key.ends_with(".$");
        let valid = match value {
            Value::String(s) if dollar => syntax::path(s).is_ok() || syntax::intrinsic_call(s).is_ok(),
            _ if dollar => false,
            Value::String(s) => {
                if looks_like_input_path(s) || syntax::looks_like_intrinsic_call(s) {
                    let location = walk.path.child(field);
                    walk.report
                        .warning(code::NO_DOLLAR, text::no_dollar(key), Some(location));
                }
                true
            }
            _ => true,
        };
        if !valid {
            let location = walk.path.child(field);
            walk.report
                .error(code::SCHEMA, text::path_or_intrinsic(key), Some(location));
        }
    });
}

/// The `{% %}` strings anywhere in the value of the field `field` of the object here, each
/// checked and reported at its own location (`/States/E/Output/v`, as AWS does).
pub(super) fn expressions<'t>(walk: &mut Walk<'t>, field: &str, value: Value<'t>) {
    let mut location = walk.path.child(field);
    let mut found = Vec::new();
    visit(value, Some(&mut location), |location, _, value| {
        if let Value::String(s) = value
            && let Some(expression) = language::expression(s)
        {
            found.push((location.to_owned(), expression));
        }
    });
    for (location, expression) in found {
        jsonata(walk, location, expression);
    }
}

/// A JSONata expression (the text between `{%` and `%}`) at `location`.
pub(super) fn jsonata(walk: &mut Walk<'_>, location: String, expression: &str) {
    match syntax::jsonata(expression) {
        Ok(()) => {}
        Err(JsonataError::Invalid(message)) => walk.report.error(code::INVALID_JSONATA, message, Some(location)),
        Err(JsonataError::Unsupported(message)) => {
            walk.report.error(code::UNSUPPORTED_JSONATA, message, Some(location));
        }
    }
}

/// The `NO_PATH` warning when `value`, the string of the field `field` of the object here,
/// looks like a JSONPath although the field does not read one.
pub(super) fn no_path(walk: &mut Walk<'_>, field: &str, value: &str) {
    if looks_like_input_path(value) {
        let location = walk.path.child(field);
        walk.report.warning(code::NO_PATH, text::no_path(field), Some(location));
    }
}

/// A Pass state's `Result`: any JSON, taken as it is. A `.$` key in it draws the
/// `PASS_RESULT_IS_STATIC` warning.
pub(super) fn pass_result<'t>(walk: &mut Walk<'t>, _site: &Site, field: &'static str, value: Value<'t>) {
    visit(value, None, |_, key, _| {
        if let Some(key) = key.filter(|k| k.ends_with(".$")) {
            let location = walk.path.child(field);
            walk.report.warning(
                code::PASS_RESULT_IS_STATIC,
                text::pass_result_is_static(key),
                Some(location),
            );
        }
    });
}

/// A string that reads as a path from the state's input or the context (`$`, `$.a`, `$$.b`).
fn looks_like_input_path(s: &str) -> bool {
    matches!(syntax::path_root(s), Some(PathRoot::Input | PathRoot::Context)) && syntax::path(s).is_ok()
}

/// A container being visited, and the length of the location it started at.
enum Frame<'t> {
    Object(Entries<'t>, usize),
    Array(Items<'t>, usize, usize),
}

/// Calls `f` on `root` (with no key) and every value inside it, depth first in document
/// order, with its key and, when `location` is given, its location (`location` extended by
/// `/key` or `[i]`; else the empty string). Iterative: any nesting depth is fine.
pub(super) fn visit<'t>(
    root: Value<'t>,
    location: Option<&mut String>,
    mut f: impl FnMut(&str, Option<&'t str>, Value<'t>),
) {
    let mut none = String::new();
    let (location, tracked) = match location {
        Some(location) => (location, true),
        None => (&mut none, false),
    };
    let base = location.len();
    let mut stack: Vec<Frame<'t>> = Vec::new();
    let open = |value: Value<'t>, at: usize| match value {
        Value::Object(object) => Some(Frame::Object(object.entries(), at)),
        Value::Array(items) => Some(Frame::Array(items.iter(), at, 0)),
        _ => None,
    };
    f(location, None, root);
    stack.extend(open(root, base));
    while let Some(frame) = stack.last_mut() {
        let (key, value) = match frame {
            Frame::Object(entries, at) => match entries.next() {
                Some((key, value)) => {
                    if tracked {
                        location.truncate(*at);
                        location.push('/');
                        location.push_str(key);
                    }
                    (Some(key), value)
                }
                None => {
                    stack.pop();
                    continue;
                }
            },
            Frame::Array(items, at, index) => match items.next() {
                Some(value) => {
                    if tracked {
                        location.truncate(*at);
                        location.push('[');
                        push_decimal(location, *index);
                        location.push(']');
                    }
                    *index += 1;
                    (None, value)
                }
                None => {
                    stack.pop();
                    continue;
                }
            },
        };
        f(location, key, value);
        let at = location.len();
        stack.extend(open(value, at));
    }
    location.truncate(base);
}
