//! Map states: the iteration's sub-machine (`ItemProcessor`, or the older `Iterator`) and the
//! Distributed Map's reader, batcher, writer and label.

use super::diagnostics::{code, text};
use super::fields::{self, Check, Group, Only, Rule, any, group, only};
use super::machine;
use super::walk::{Site, Walk};
use crate::jackson::Value;

/// The fields of `ItemProcessor` / `Iterator` (`States` is read as the sub-machine's).
const PROCESSOR: &[fields::Field] = &[
    any("StartAt", Check::String),
    any("States", Check::Skip),
    any("Comment", Check::String),
    any("ProcessorConfig", Check::Nested(processor_config)),
];

/// The fields of `ProcessorConfig` checked; others are let through.
const PROCESSOR_CONFIG: &[fields::Field] = &[
    any("Mode", Check::Enum(&["INLINE", "DISTRIBUTED"])),
    any("ExecutionType", Check::Enum(&["STANDARD", "EXPRESS"])),
];

/// The fields of `ItemReader` checked; others are let through.
const READER: &[fields::Field] = &[
    any("Resource", Check::String),
    any("ReaderConfig", Check::Nested(reader_config)),
    only("Parameters", Only::JsonPath, Check::Template),
    only("Arguments", Only::Jsonata, Check::Expressions),
];

/// The fields of `ReaderConfig` checked; others (`InputType`, `CSVHeaders`, …) are let through.
const READER_CONFIG: &[fields::Field] = &[
    any("MaxItems", Check::Count(1, 100_000_000)),
    only("MaxItemsPath", Only::JsonPath, Check::ReferencePath),
];

/// The fields of `ItemBatcher` checked; others are let through.
const BATCHER: &[fields::Field] = &[
    any("MaxItemsPerBatch", Check::Count(1, i64::MAX)),
    only("MaxItemsPerBatchPath", Only::JsonPath, Check::ReferencePath),
    any("MaxInputBytesPerBatch", Check::Count(1, 262_144)),
    only("MaxInputBytesPerBatchPath", Only::JsonPath, Check::ReferencePath),
    any("BatchInput", Check::Template),
];

const BATCHER_GROUPS: &[Group] = &[
    group(
        Rule::AtLeast,
        &[
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
        ],
    ),
    group(Rule::AtMost, &["MaxItemsPerBatch", "MaxItemsPerBatchPath"]),
    group(Rule::AtMost, &["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"]),
];

/// The fields of `ResultWriter` checked; others (`WriterConfig`, …) are let through.
const WRITER: &[fields::Field] = &[
    any("Resource", Check::String),
    only("Parameters", Only::JsonPath, Check::Template),
    only("Arguments", Only::Jsonata, Check::Expressions),
];

/// The characters a Map label may not hold (besides white space and control characters).
const LABEL_FORBIDDEN: &str = "<>{}[]?*\"#%\\^|~`$&,;:/";

/// `ItemProcessor` or `Iterator`: the sub-machine each item runs. The Express rules apply to
/// it when they apply to the Map and it runs inline: a Distributed Map's iterations are child
/// executions of their own type.
pub(super) fn processor<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    let Value::Object(object) = value else {
        return walk.must_be(field, "an object");
    };
    let distributed = matches!(
        object.get("ProcessorConfig"),
        Some(Value::Object(config)) if matches!(config.get("Mode"), Some(Value::String(m)) if m == "DISTRIBUTED")
    );
    let at = walk.path.field(field);
    machine::container(walk, object, PROCESSOR, site.express && !distributed);
    walk.path.back(at);
}

fn processor_config<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    configuration(walk, site, field, value, PROCESSOR_CONFIG, &[], |walk, object| {
        if matches!(object.get("Mode"), Some(Value::String(m)) if m == "DISTRIBUTED") {
            fields::required(walk, object, &["ExecutionType"]);
        }
    });
}

/// `ItemReader`: where a Distributed Map reads its items.
pub(super) fn reader<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    configuration(walk, site, field, value, READER, &[], |walk, object| {
        fields::required(walk, object, &["Resource"]);
    });
}

fn reader_config<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    let groups = [group(Rule::AtMost, &["MaxItems", "MaxItemsPath"])];
    configuration(walk, site, field, value, READER_CONFIG, &groups, |_, _| {});
}

/// `ItemBatcher`: how a Distributed Map groups items.
pub(super) fn batcher<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    configuration(walk, site, field, value, BATCHER, BATCHER_GROUPS, |_, _| {});
}

/// `ResultWriter`: where a Distributed Map writes its results.
pub(super) fn writer<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    configuration(walk, site, field, value, WRITER, &[], |_, _| {});
}

/// A Map configuration object: an object whose known fields are checked, with its groups and
/// its own rule; unknown fields are let through (AWS keeps adding some).
fn configuration<'t>(
    walk: &mut Walk<'t>,
    site: &Site,
    field: &'static str,
    value: Value<'t>,
    table: &[fields::Field],
    groups: &[Group],
    rule: impl FnOnce(&mut Walk<'t>, crate::jackson::Object<'t>),
) {
    let Value::Object(object) = value else {
        return walk.must_be(field, "an object");
    };
    let at = walk.path.field(field);
    rule(walk, object);
    fields::members(walk, site, object, |key| fields::find(table, key), false);
    fields::groups(walk, site, object, groups);
    walk.path.back(at);
}

/// `Label`: at most 40 characters, none of them white space, a control character or one of
/// [`LABEL_FORBIDDEN`]; unique in the state machine (checked with the graph).
pub(super) fn label<'t>(walk: &mut Walk<'t>, _site: &Site, field: &'static str, value: Value<'t>) {
    let Value::String(label) = value else {
        return walk.must_be(field, "a string");
    };
    let location = walk.path.child(field);
    let valid = !label.is_empty()
        && label.encode_utf16().count() <= 40
        && !label
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || LABEL_FORBIDDEN.contains(c));
    if valid {
        walk.graph.label(label, location);
    } else {
        walk.report.error(
            code::INVALID_LABEL_NAME,
            text::must_be(
                field,
                "1 to 40 characters, none of them white space, a control character or one of <>{}[]?*\"#%\\^|~`$&,;:/",
            ),
            Some(location),
        );
    }
}
