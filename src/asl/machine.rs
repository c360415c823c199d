//! The state machine and its sub-machines (Parallel branches, Map processors): `StartAt`,
//! `States`, and each state's type, query language, fields and field groups.

use super::diagnostics::{code, text};
use super::fields::{self, ALL, Check, StateType, any};
use super::language::{LANGUAGES, Language};
use super::task;
use super::walk::{Site, Walk};
use crate::jackson::{Object, Value};

/// The top-level fields.
const TOP: &[fields::Field] = &[
    any("Comment", Check::String),
    any("StartAt", Check::String),
    any("States", Check::Skip),
    any("Version", Check::String),
    any("TimeoutSeconds", Check::Count(0, fields::MAX_SECONDS)),
    any("QueryLanguage", Check::Enum(LANGUAGES)),
];

/// The fields of a Parallel branch.
const BRANCH: &[fields::Field] = &[
    any("StartAt", Check::String),
    any("States", Check::Skip),
    any("Comment", Check::String),
];

/// The longest state name, in UTF-16 code units (as Java, and AWS, count a string's length).
const MAX_STATE_NAME: usize = 80;

/// The whole definition, `root`; the Express rules apply when `express`.
pub(super) fn machine<'t>(walk: &mut Walk<'t>, root: Object<'t>, express: bool) {
    container(walk, root, TOP, express);
}

/// A (sub-)machine, the object here: `table` lists its fields. Missing `States`/`StartAt`
/// are one diagnostic (recorded: `These fields are required: [States, StartAt]`), then come
/// its other fields, then its states in document order.
pub(super) fn container<'t>(walk: &mut Walk<'t>, object: Object<'t>, table: &[fields::Field], express: bool) {
    let index = walk.graph.container(walk.path.prefix());
    fields::required(walk, object, &["States", "StartAt"]);
    let site = Site {
        types: ALL,
        language: Language::JsonPath,
        express,
        node: None,
    };
    fields::members(walk, &site, object, |key| fields::find(table, key), true);
    if let Some(Value::String(start)) = object.get("StartAt") {
        walk.graph.start_at(index, start);
    }
    match object.get("States") {
        Some(Value::Object(states)) => {
            let at = walk.path.field("States");
            for (name, state) in states.entries() {
                let mark = walk.path.field(name);
                state_of(walk, index, name, state, express);
                walk.path.back(mark);
            }
            walk.path.back(at);
        }
        Some(_) => walk.must_be("States", "an object"),
        None => {}
    }
}

/// Parallel `Branches`: a non-empty array of sub-machines.
pub(super) fn branches<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    walk.objects(field, value, true, |walk, _, branch| {
        container(walk, branch, BRANCH, site.express)
    });
}

/// The state `name` of the container `index` (the location here).
fn state_of<'t>(walk: &mut Walk<'t>, index: usize, name: &'t str, value: Value<'t>, express: bool) {
    if name.encode_utf16().count() > MAX_STATE_NAME {
        let location = walk.path.here();
        walk.report
            .error(code::INVALID_STATE_NAME, text::STATE_NAME_TOO_LONG, Some(location));
    }
    let Value::Object(object) = value else {
        walk.graph.state(index, name, false);
        let location = walk.path.here();
        walk.report
            .error(code::SCHEMA, text::must_be(name, "an object"), Some(location));
        return;
    };
    let ty = match object.get("Type") {
        Some(Value::String(ty)) => StateType::parse(ty),
        Some(_) => None,
        None => {
            walk.graph.state(index, name, false);
            return walk.schema_here(text::required(&["Type"]));
        }
    };
    let Some(ty) = ty else {
        walk.graph.state(index, name, false);
        return walk.schema_at("Type", text::one_of("Type", fields::STATE_TYPES));
    };
    let terminal =
        matches!(ty, StateType::Succeed | StateType::Fail) || matches!(object.get("End"), Some(Value::Bool(true)));
    let node = walk.graph.state(index, name, terminal);
    let language = Language::of_state(walk, object);
    let site = Site {
        types: ty.bit(),
        language,
        express,
        node: Some(node),
    };
    fields::required(walk, object, ty.required());
    fields::members(walk, &site, object, fields::state_field, true);
    fields::groups(walk, &site, object, fields::GROUPS);
    if ty == StateType::Task {
        task::timeouts(walk, object);
    }
}
