//! The model's limits, at the boundary and one past it, with AWS's errors asserted verbatim
//! (`1 validation error detected: Value '…' at '…' failed to satisfy constraint: …`; the values
//! of sensitive members are not echoed): definition and execution input sizes, name and
//! description lengths, tags, `maxResults`, `nextToken`, routing, ARN members, and StopExecution's
//! `error` / `cause`. Then: memory stays bounded when the same state machine is created and
//! deleted 100,000 times, measured with a counting global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Debug;
use std::sync::atomic::{AtomicIsize, Ordering};

use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineAliasInput, DeleteStateMachineInput,
    DeleteStateMachineVersionInput, DescribeExecutionInput, DescribeStateMachineAliasInput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineInput, ExecutionStatus, GetExecutionHistoryInput,
    ListExecutionsInput, ListStateMachineAliasesInput, ListStateMachineVersionsInput, ListStateMachinesInput,
    ListTagsForResourceInput, PublishStateMachineVersionInput, RoutingConfigurationListItem, StartExecutionInput,
    StopExecutionInput, Tag, TagResourceInput, UntagResourceInput, UpdateStateMachineAliasInput,
    UpdateStateMachineInput,
};
use sfn_registry::{
    ErrorCode, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, Result, Timestamp,
};

mod common;
use common::assert_err;

// ---------------------------------------------------------------------------------------------
// A counting allocator: live bytes allocated by the threads that opted in
// ---------------------------------------------------------------------------------------------

/// Wraps the system allocator and keeps, in an atomic, the live bytes allocated by threads that
/// set [`TRACKED`]: other tests of this binary run in parallel on their own threads and do not
/// disturb the measurement.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    static TRACKED: Cell<bool> = const { Cell::new(false) };
}

fn tracked() -> bool {
    TRACKED.try_with(Cell::get).unwrap_or(false)
}

fn isize_of(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counting
// only reads sizes and touches an atomic and a const-initialized thread local (no allocation).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && tracked() {
            LIVE.fetch_add(isize_of(layout.size()), Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && tracked() {
            LIVE.fetch_add(isize_of(layout.size()), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        if tracked() {
            LIVE.fetch_sub(isize_of(layout.size()), Ordering::Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && tracked() {
            LIVE.fetch_add(isize_of(new_size) - isize_of(layout.size()), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Counts this thread's allocations until dropped.
struct Tracking;

impl Tracking {
    fn start() -> Self {
        TRACKED.with(|t| t.set(true));
        Tracking
    }

    /// The live bytes counted so far.
    fn live(&self) -> isize {
        LIVE.load(Ordering::SeqCst)
    }
}

impl Drop for Tracking {
    fn drop(&mut self) {
        TRACKED.with(|t| t.set(false));
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const T0: i64 = 1_700_000_000_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:";
const MAX_DEFINITION_BYTES: usize = 1_048_576;
const MAX_INPUT_BYTES: usize = 262_144;

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

/// A valid definition of exactly `bytes` UTF-8 bytes, padded with `fill` in a `Comment` (and
/// ASCII to hit the exact size).
fn definition_of(bytes: usize, fill: char) -> String {
    let head = r#"{"Comment":""#;
    let tail = r#"","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
    let room = bytes - head.len() - tail.len();
    let wide = room / fill.len_utf8();
    let mut s = String::with_capacity(bytes);
    s.push_str(head);
    s.extend(std::iter::repeat_n(fill, wide));
    s.extend(std::iter::repeat_n('a', room - wide * fill.len_utf8()));
    s.push_str(tail);
    assert_eq!(s.len(), bytes);
    s
}

/// A JSON string of exactly `bytes` UTF-8 bytes, made of `fill` (and ASCII to hit the size).
fn json_string_of(bytes: usize, fill: char) -> String {
    let room = bytes - 2;
    let wide = room / fill.len_utf8();
    let mut s = String::with_capacity(bytes);
    s.push('"');
    s.extend(std::iter::repeat_n(fill, wide));
    s.extend(std::iter::repeat_n('a', room - wide * fill.len_utf8()));
    s.push('"');
    assert_eq!(s.len(), bytes);
    s
}

fn route(arn: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::new(arn, weight)
}

fn named(arn: &str, name: &str) -> StartExecutionInput {
    let mut input = StartExecutionInput::new(arn);
    input.name = Some(name.to_owned());
    input
}

fn exec_ref(arn: &str) -> ExecutionRef {
    ExecutionRef::parse(arn).expect("an execution ARN")
}

fn registry() -> InMemoryRegistry {
    InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(T0)))
        .seed(1)
        .build()
        .expect("valid scope")
}

/// `1 validation error detected: Value '<value>' at '<path>' failed to satisfy constraint: <rule>`.
#[track_caller]
fn invalid<T: Debug>(result: Result<T>, value: &str, path: &str, rule: &str) {
    let e = assert_err(
        result,
        ErrorCode::ValidationException,
        &format!("1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: {rule}"),
    );
    assert_eq!(e.http_status(), 400);
}

/// The same for a sensitive member, whose value is not echoed.
#[track_caller]
fn invalid_sensitive<T: Debug>(result: Result<T>, path: &str, rule: &str) {
    let e = assert_err(
        result,
        ErrorCode::ValidationException,
        &format!("1 validation error detected: Value at '{path}' failed to satisfy constraint: {rule}"),
    );
    assert_eq!(e.http_status(), 400);
}

fn at_most(n: usize) -> String {
    format!("Member must have length less than or equal to {n}")
}

fn at_least(n: usize) -> String {
    format!("Member must have length greater than or equal to {n}")
}

/// A state machine `orders` with versions 1–3 (from three revisions) and a running execution.
struct Fx {
    reg: InMemoryRegistry,
    sm: String,
    v1: String,
    v2: String,
    v3: String,
    alias: String,
    execution: String,
}

impl Fx {
    fn new() -> Self {
        let mut reg = registry();
        let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
        create.publish = true;
        let created = reg.create_state_machine(create).expect("create");
        let sm = created.state_machine_arn.to_string();
        let v1 = created.state_machine_version_arn.expect("v1").to_string();
        let mut publish = |tag: &str| {
            let mut input = UpdateStateMachineInput::new(&sm);
            input.definition = Some(def(tag));
            input.publish = true;
            reg.update_state_machine(input)
                .expect("update")
                .state_machine_version_arn
                .expect("a version")
                .to_string()
        };
        let v2 = publish("r2");
        let v3 = publish("r3");
        let alias = reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("PROD", vec![route(&v1, 100)]))
            .expect("alias")
            .state_machine_alias_arn
            .to_string();
        let execution = reg
            .start_execution(named(&sm, "run"))
            .expect("start")
            .execution_arn
            .to_string();
        Fx {
            reg,
            sm,
            v1,
            v2,
            v3,
            alias,
            execution,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Definitions: 1 to 1,048,576 UTF-8 bytes, sensitive
// ---------------------------------------------------------------------------------------------

#[test]
fn a_definition_of_one_mib_is_accepted_and_one_byte_more_is_refused() {
    let mut reg = registry();
    let largest = definition_of(MAX_DEFINITION_BYTES, 'a');
    let created = reg
        .create_state_machine(CreateStateMachineInput::new("big", largest.clone(), ROLE))
        .expect("a 1 MiB definition");
    let arn = created.state_machine_arn.to_string();
    let described = reg
        .describe_state_machine(DescribeStateMachineInput::new(&arn))
        .expect("describe");
    assert_eq!(described.definition.len(), MAX_DEFINITION_BYTES);
    assert_eq!(described.definition, largest);

    let too_big = definition_of(MAX_DEFINITION_BYTES + 1, 'a');
    invalid_sensitive(
        reg.create_state_machine(CreateStateMachineInput::new("bigger", too_big.clone(), ROLE)),
        "definition",
        &at_most(MAX_DEFINITION_BYTES),
    );
    let listed = reg
        .list_state_machines(ListStateMachinesInput::new())
        .expect("list")
        .state_machines;
    assert_eq!(listed.len(), 1, "a refused create creates nothing");

    // UpdateStateMachine has the same bound.
    let mut update = UpdateStateMachineInput::new(&arn);
    update.definition = Some(too_big);
    invalid_sensitive(
        reg.update_state_machine(update),
        "definition",
        &at_most(MAX_DEFINITION_BYTES),
    );
    let mut update = UpdateStateMachineInput::new(&arn);
    update.definition = Some(definition_of(MAX_DEFINITION_BYTES, 'b'));
    let updated = reg.update_state_machine(update).expect("a 1 MiB update");
    assert!(updated.revision_id.is_some());

    // At least one byte.
    invalid_sensitive(
        reg.create_state_machine(CreateStateMachineInput::new("empty", "", ROLE)),
        "definition",
        &at_least(1),
    );
}

#[test]
fn a_definition_is_measured_in_utf8_bytes() {
    let mut reg = registry();
    // 'é' is two bytes: a definition of 1,048,576 bytes made of it is accepted…
    let largest = definition_of(MAX_DEFINITION_BYTES, 'é');
    assert!(largest.chars().count() < MAX_DEFINITION_BYTES);
    reg.create_state_machine(CreateStateMachineInput::new("wide", largest, ROLE))
        .expect("1 MiB of 'é'");
    // …and one of 1,048,577 bytes is refused, though it has far fewer characters.
    let too_big = definition_of(MAX_DEFINITION_BYTES + 1, 'é');
    assert!(too_big.chars().count() < MAX_DEFINITION_BYTES);
    invalid_sensitive(
        reg.create_state_machine(CreateStateMachineInput::new("wider", too_big, ROLE)),
        "definition",
        &at_most(MAX_DEFINITION_BYTES),
    );
}

// ---------------------------------------------------------------------------------------------
// Execution input (and output): up to 262,144 UTF-8 bytes, sensitive
// ---------------------------------------------------------------------------------------------

#[test]
fn an_execution_input_of_256_kib_is_accepted_and_one_byte_more_is_refused() {
    let mut fx = Fx::new();
    for fill in ['a', 'é', '😀'] {
        let largest = json_string_of(MAX_INPUT_BYTES, fill);
        let mut input = named(&fx.sm, &format!("largest-{}", u32::from(fill)));
        input.input = Some(largest.clone());
        let started = fx.reg.start_execution(input).expect("a 256 KiB input");
        let described = fx
            .reg
            .describe_execution(DescribeExecutionInput::new(started.execution_arn.as_str()))
            .expect("describe");
        assert_eq!(described.input.as_deref(), Some(largest.as_str()));

        let mut input = named(&fx.sm, &format!("too-large-{}", u32::from(fill)));
        input.input = Some(json_string_of(MAX_INPUT_BYTES + 1, fill));
        invalid_sensitive(fx.reg.start_execution(input), "input", &at_most(MAX_INPUT_BYTES));
    }
    let listed = fx
        .reg
        .list_executions(ListExecutionsInput::new(&fx.sm))
        .expect("list")
        .executions;
    assert_eq!(
        listed.len(),
        4,
        "the run and the three largest inputs; nothing refused was started"
    );
}

#[test]
fn an_execution_output_of_256_kib_is_accepted_and_one_byte_more_is_refused() {
    let mut fx = Fx::new();
    let running = exec_ref(&fx.execution);
    invalid_sensitive(
        fx.reg.end_execution(
            &running,
            ExecutionOutcome::succeeded(json_string_of(MAX_INPUT_BYTES + 1, 'é')),
        ),
        "output",
        &at_most(MAX_INPUT_BYTES),
    );
    assert_eq!(
        fx.reg.execution(&running).expect("there").status(),
        ExecutionStatus::Running
    );
    let largest = json_string_of(MAX_INPUT_BYTES, 'é');
    fx.reg
        .end_execution(&running, ExecutionOutcome::succeeded(largest.clone()))
        .expect("a 256 KiB output");
    let described = fx
        .reg
        .describe_execution(DescribeExecutionInput::new(&fx.execution))
        .expect("describe");
    assert_eq!(described.output.as_deref(), Some(largest.as_str()));
}

// ---------------------------------------------------------------------------------------------
// Names: 1 to 80 UTF-16 code units
// ---------------------------------------------------------------------------------------------

#[test]
fn state_machine_names_are_at_most_80_utf16_units() {
    let mut reg = registry();
    for (ok, too_long) in [
        ("n".repeat(80), "n".repeat(81)),
        // 'é' is one UTF-16 unit (two UTF-8 bytes): 80 of them are fine.
        ("é".repeat(80), "é".repeat(81)),
        // '😀' is two UTF-16 units: 40 of them are 80 units.
        ("😀".repeat(40), "😀".repeat(41)),
    ] {
        let created = reg
            .create_state_machine(CreateStateMachineInput::new(ok.as_str(), def("r"), ROLE))
            .unwrap_or_else(|e| panic!("{ok}: {e:?}"));
        assert_eq!(created.state_machine_arn.as_str(), format!("{SM_PREFIX}{ok}"));
        reg.describe_state_machine(DescribeStateMachineInput::new(created.state_machine_arn.as_str()))
            .expect("describe by its ARN");
        invalid(
            reg.create_state_machine(CreateStateMachineInput::new(too_long.as_str(), def("r"), ROLE)),
            &too_long,
            "name",
            &at_most(80),
        );
    }
    invalid(
        reg.create_state_machine(CreateStateMachineInput::new("", def("r"), ROLE)),
        "",
        "name",
        &at_least(1),
    );
    let listed = reg.list_state_machines(ListStateMachinesInput::new()).expect("list");
    assert_eq!(listed.state_machines.len(), 3);
}

#[test]
fn execution_names_are_at_most_80_utf16_units() {
    let mut fx = Fx::new();
    for (ok, too_long) in [
        ("x".repeat(80), "x".repeat(81)),
        ("é".repeat(80), "é".repeat(81)),
        ("😀".repeat(40), "😀".repeat(41)),
    ] {
        let started = fx
            .reg
            .start_execution(named(&fx.alias, &ok))
            .unwrap_or_else(|e| panic!("{ok}: {e:?}"));
        let described = fx
            .reg
            .describe_execution(DescribeExecutionInput::new(started.execution_arn.as_str()))
            .expect("describe");
        assert_eq!(described.name.as_ref().map(String::from), Some(ok.clone()));
        invalid(
            fx.reg.start_execution(named(&fx.alias, &too_long)),
            &too_long,
            "name",
            &at_most(80),
        );
    }
    invalid(fx.reg.start_execution(named(&fx.sm, "")), "", "name", &at_least(1));
}

#[test]
fn alias_names_are_at_most_80_characters() {
    let mut fx = Fx::new();
    let ok = format!("A{}", "1".repeat(79));
    let created = fx
        .reg
        .create_state_machine_alias(CreateStateMachineAliasInput::new(ok.as_str(), vec![route(&fx.v1, 100)]))
        .expect("an 80-character alias name");
    assert_eq!(created.state_machine_alias_arn.as_str(), format!("{}:{ok}", fx.sm));
    fx.reg
        .describe_state_machine_alias(DescribeStateMachineAliasInput::new(
            created.state_machine_alias_arn.as_str(),
        ))
        .expect("describe");
    let too_long = format!("A{}", "1".repeat(80));
    invalid(
        fx.reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
            too_long.as_str(),
            vec![route(&fx.v1, 100)],
        )),
        &too_long,
        "name",
        &at_most(80),
    );
}

// ---------------------------------------------------------------------------------------------
// Descriptions: up to 256 UTF-16 units, sensitive
// ---------------------------------------------------------------------------------------------

#[test]
fn version_descriptions_are_at_most_256_characters() {
    let mut reg = registry();
    for (i, fill) in ["d", "é"].into_iter().enumerate() {
        let ok = fill.repeat(256);
        let too_long = fill.repeat(257);

        let mut create = CreateStateMachineInput::new(format!("sm-{i}"), def("r1"), ROLE);
        create.publish = true;
        create.version_description = Some(too_long.clone());
        invalid_sensitive(reg.create_state_machine(create), "versionDescription", &at_most(256));
        let mut create = CreateStateMachineInput::new(format!("sm-{i}"), def("r1"), ROLE);
        create.publish = true;
        create.version_description = Some(ok.clone());
        let created = reg.create_state_machine(create).expect("a 256-character description");
        let sm = created.state_machine_arn.to_string();
        let v1 = created.state_machine_version_arn.expect("v1").to_string();
        let described = reg
            .describe_state_machine(DescribeStateMachineInput::new(&v1))
            .expect("describe v1");
        assert_eq!(described.description.as_deref(), Some(ok.as_str()));

        let mut update = UpdateStateMachineInput::new(&sm);
        update.definition = Some(def("r2"));
        update.publish = true;
        update.version_description = Some(too_long.clone());
        invalid_sensitive(reg.update_state_machine(update), "versionDescription", &at_most(256));
        let mut update = UpdateStateMachineInput::new(&sm);
        update.definition = Some(def("r2"));
        update.publish = true;
        update.version_description = Some(ok.clone());
        reg.update_state_machine(update).expect("a 256-character description");

        let mut update = UpdateStateMachineInput::new(&sm);
        update.definition = Some(def("r3"));
        reg.update_state_machine(update).expect("a new revision");
        let mut publish = PublishStateMachineVersionInput::new(&sm);
        publish.description = Some(too_long.clone());
        invalid_sensitive(reg.publish_state_machine_version(publish), "description", &at_most(256));
        let mut publish = PublishStateMachineVersionInput::new(&sm);
        publish.description = Some(ok.clone());
        let v3 = reg
            .publish_state_machine_version(publish)
            .expect("a 256-character description")
            .state_machine_version_arn;
        assert_eq!(v3.as_str(), format!("{sm}:3"));
    }
}

#[test]
fn alias_descriptions_are_at_most_256_characters() {
    let mut fx = Fx::new();
    for (i, fill) in ["d", "é"].into_iter().enumerate() {
        let ok = fill.repeat(256);
        let too_long = fill.repeat(257);
        let name = format!("alias-{i}");
        let mut create = CreateStateMachineAliasInput::new(name.as_str(), vec![route(&fx.v1, 100)]);
        create.description = Some(too_long.clone());
        invalid_sensitive(fx.reg.create_state_machine_alias(create), "description", &at_most(256));
        let mut create = CreateStateMachineAliasInput::new(name.as_str(), vec![route(&fx.v1, 100)]);
        create.description = Some(ok.clone());
        let alias = fx
            .reg
            .create_state_machine_alias(create)
            .expect("a 256-character description")
            .state_machine_alias_arn
            .to_string();

        let mut update = UpdateStateMachineAliasInput::new(&alias);
        update.description = Some(too_long);
        invalid_sensitive(fx.reg.update_state_machine_alias(update), "description", &at_most(256));
        let mut update = UpdateStateMachineAliasInput::new(&alias);
        update.description = Some(ok.clone());
        fx.reg
            .update_state_machine_alias(update)
            .expect("a 256-character description");
        let described = fx
            .reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&alias))
            .expect("describe");
        assert_eq!(described.description.as_deref(), Some(ok.as_str()));
    }
}

// ---------------------------------------------------------------------------------------------
// Tags: 50 per resource; keys 1–128, values 0–256
// ---------------------------------------------------------------------------------------------

fn numbered_tags(prefix: &str, count: usize) -> Vec<Tag> {
    (0..count)
        .map(|i| Tag::new(format!("{prefix}{i}"), format!("v{i}")))
        .collect()
}

fn tag_count(reg: &InMemoryRegistry, arn: &str) -> usize {
    reg.list_tags_for_resource(ListTagsForResourceInput::new(arn))
        .expect("list tags")
        .tags
        .len()
}

#[test]
fn a_resource_has_at_most_50_tags() {
    let mut reg = registry();
    let mut create = CreateStateMachineInput::new("fifty", def("r"), ROLE);
    create.tags = Some(numbered_tags("k", 50));
    let arn = reg
        .create_state_machine(create)
        .expect("50 tags")
        .state_machine_arn
        .to_string();
    assert_eq!(tag_count(&reg, &arn), 50);

    let mut create = CreateStateMachineInput::new("fifty-one", def("r"), ROLE);
    create.tags = Some(numbered_tags("k", 51));
    assert_err(
        reg.create_state_machine(create),
        ErrorCode::TooManyTags,
        &format!("Too many tags: a resource can have at most 50 tags: '{SM_PREFIX}fifty-one'"),
    );
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(format!("{SM_PREFIX}fifty-one"))),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{SM_PREFIX}fifty-one'"),
    );

    // At 50, replacing values is fine; one new key is one too many.
    reg.tag_resource(TagResourceInput::new(&arn, numbered_tags("k", 50)))
        .expect("replacing 50 values");
    assert_err(
        reg.tag_resource(TagResourceInput::new(&arn, vec![Tag::new("k50", "v")])),
        ErrorCode::TooManyTags,
        &format!("Too many tags: a resource can have at most 50 tags: '{arn}'"),
    );
    assert_eq!(tag_count(&reg, &arn), 50);

    // From none: 50 at once, then 51 at once.
    let empty = reg
        .create_state_machine(CreateStateMachineInput::new("tagged-later", def("r"), ROLE))
        .expect("create")
        .state_machine_arn
        .to_string();
    assert_err(
        reg.tag_resource(TagResourceInput::new(&empty, numbered_tags("t", 51))),
        ErrorCode::TooManyTags,
        &format!("Too many tags: a resource can have at most 50 tags: '{empty}'"),
    );
    assert_eq!(tag_count(&reg, &empty), 0);
    reg.tag_resource(TagResourceInput::new(&empty, numbered_tags("t", 50)))
        .expect("50 tags");
    assert_eq!(tag_count(&reg, &empty), 50);
}

#[test]
fn tag_keys_are_1_to_128_and_values_0_to_256_characters() {
    let mut reg = registry();
    let arn = reg
        .create_state_machine(CreateStateMachineInput::new("sm", def("r"), ROLE))
        .expect("create")
        .state_machine_arn
        .to_string();
    let key_128 = "k".repeat(128);
    let key_129 = "k".repeat(129);
    let value_256 = "é".repeat(256);
    let value_257 = "é".repeat(257);

    reg.tag_resource(TagResourceInput::new(
        &arn,
        vec![Tag::new(key_128.as_str(), value_256.as_str()), Tag::new("empty", "")],
    ))
    .expect("a 128-character key, a 256-character value and an empty value");
    assert_eq!(tag_count(&reg, &arn), 2);

    invalid(
        reg.tag_resource(TagResourceInput::new(&arn, vec![Tag::new(key_129.as_str(), "v")])),
        &key_129,
        "tags.1.member.key",
        &at_most(128),
    );
    invalid(
        reg.tag_resource(TagResourceInput::new(
            &arn,
            vec![Tag::new("ok", "v"), Tag::new("", "v")],
        )),
        "",
        "tags.2.member.key",
        &at_least(1),
    );
    invalid(
        reg.tag_resource(TagResourceInput::new(
            &arn,
            vec![Tag::new("ok", "v"), Tag::new("long", value_257.as_str())],
        )),
        &value_257,
        "tags.2.member.value",
        &at_most(256),
    );
    invalid(
        reg.untag_resource(UntagResourceInput::new(&arn, vec![key_129.clone()])),
        &key_129,
        "tagKeys.1.member",
        &at_most(128),
    );
    reg.untag_resource(UntagResourceInput::new(&arn, vec![key_128.clone()]))
        .expect("a 128-character key");
    assert_eq!(tag_count(&reg, &arn), 1);

    // CreateStateMachine checks the same members.
    let mut create = CreateStateMachineInput::new("other", def("r"), ROLE);
    create.tags = Some(vec![Tag::new(key_129.as_str(), "v")]);
    invalid(
        reg.create_state_machine(create),
        &key_129,
        "tags.1.member.key",
        &at_most(128),
    );
    let mut create = CreateStateMachineInput::new("other", def("r"), ROLE);
    create.tags = Some(vec![Tag::new("a", "b"), Tag::new("c", value_257.as_str())]);
    invalid(
        reg.create_state_machine(create),
        &value_257,
        "tags.2.member.value",
        &at_most(256),
    );
    let mut create = CreateStateMachineInput::new("other", def("r"), ROLE);
    create.tags = Some(vec![Tag::new(key_128.as_str(), value_256.as_str())]);
    reg.create_state_machine(create).expect("the largest tag");
}

// ---------------------------------------------------------------------------------------------
// maxResults 0..=1000 and nextToken lengths
// ---------------------------------------------------------------------------------------------

/// A list operation called with `maxResults` and `nextToken`.
type ListCall<'a> = Box<dyn Fn(Option<i32>, Option<String>) -> Result<()> + 'a>;

/// Each list operation of the fixture, with the longest `nextToken` it takes.
fn lists(fx: &Fx) -> Vec<(&'static str, usize, ListCall<'_>)> {
    vec![
        (
            "ListStateMachines",
            1024,
            Box::new(|max_results, next_token| {
                let mut input = ListStateMachinesInput::new();
                input.max_results = max_results;
                input.next_token = next_token;
                fx.reg.list_state_machines(input).map(drop)
            }),
        ),
        (
            "ListStateMachineVersions",
            1024,
            Box::new(|max_results, next_token| {
                let mut input = ListStateMachineVersionsInput::new(&fx.sm);
                input.max_results = max_results;
                input.next_token = next_token;
                fx.reg.list_state_machine_versions(input).map(drop)
            }),
        ),
        (
            "ListStateMachineAliases",
            1024,
            Box::new(|max_results, next_token| {
                let mut input = ListStateMachineAliasesInput::new(&fx.sm);
                input.max_results = max_results;
                input.next_token = next_token;
                fx.reg.list_state_machine_aliases(input).map(drop)
            }),
        ),
        (
            "ListExecutions",
            3096,
            Box::new(|max_results, next_token| {
                let mut input = ListExecutionsInput::new(&fx.sm);
                input.max_results = max_results;
                input.next_token = next_token;
                fx.reg.list_executions(input).map(drop)
            }),
        ),
        (
            "GetExecutionHistory",
            1024,
            Box::new(|max_results, next_token| {
                let mut input = GetExecutionHistoryInput::new(&fx.execution);
                input.max_results = max_results;
                input.next_token = next_token;
                fx.reg.get_execution_history(input).map(drop)
            }),
        ),
    ]
}

#[test]
fn max_results_is_0_to_1000() {
    let fx = Fx::new();
    for (operation, _, list) in lists(&fx) {
        for ok in [0, 1, 1000] {
            list(Some(ok), None).unwrap_or_else(|e| panic!("{operation} maxResults={ok}: {e:?}"));
        }
        invalid(
            list(Some(1001), None),
            "1001",
            "maxResults",
            "Member must have value less than or equal to 1000",
        );
        invalid(
            list(Some(-1), None),
            "-1",
            "maxResults",
            "Member must have value greater than or equal to 0",
        );
        invalid(
            list(Some(i32::MAX), None),
            &i32::MAX.to_string(),
            "maxResults",
            "Member must have value less than or equal to 1000",
        );
    }
}

#[test]
fn next_tokens_are_1_to_1024_characters_and_3096_for_list_executions() {
    let fx = Fx::new();
    for (operation, max_len, list) in lists(&fx) {
        // At the bound the token passes the constraint and is then refused as a token.
        let longest = "a".repeat(max_len);
        let e = list(None, Some(longest)).expect_err(operation);
        assert_eq!(e.code(), ErrorCode::InvalidToken, "{operation}: {e:?}");
        assert_eq!(e.message(), "Invalid Token: 'Invalid token'", "{operation}");

        let too_long = "a".repeat(max_len + 1);
        invalid(
            list(None, Some(too_long.clone())),
            &too_long,
            "nextToken",
            &at_most(max_len),
        );
        invalid(list(None, Some(String::new())), "", "nextToken", &at_least(1));
    }
    // The difference is ListExecutions' alone: 1,025 to 3,096 characters are not a length error.
    let (_, _, list_executions) = lists(&fx).into_iter().nth(3).expect("ListExecutions");
    let e = list_executions(None, Some("a".repeat(2000))).expect_err("not a token");
    assert_eq!(e.code(), ErrorCode::InvalidToken);
}

// ---------------------------------------------------------------------------------------------
// Routing: 1–2 items, weights 0–100
// ---------------------------------------------------------------------------------------------

fn shown(items: &[(&str, i32)]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|(arn, w)| format!("RoutingConfigurationListItem(stateMachineVersionArn={arn}, weight={w})"))
        .collect();
    format!("[{}]", items.join(", "))
}

#[test]
fn a_routing_configuration_has_one_or_two_items() {
    let mut fx = Fx::new();
    let three = [(fx.v1.as_str(), 34), (fx.v2.as_str(), 33), (fx.v3.as_str(), 33)];
    let items = || three.iter().map(|(arn, w)| route(arn, *w)).collect::<Vec<_>>();
    invalid(
        fx.reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("THREE", items())),
        &shown(&three),
        "routingConfiguration",
        &at_most(2),
    );
    invalid(
        fx.reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("NONE", Vec::new())),
        "[]",
        "routingConfiguration",
        &at_least(1),
    );
    let mut update = UpdateStateMachineAliasInput::new(&fx.alias);
    update.routing_configuration = Some(items());
    invalid(
        fx.reg.update_state_machine_alias(update),
        &shown(&three),
        "routingConfiguration",
        &at_most(2),
    );
    let mut update = UpdateStateMachineAliasInput::new(&fx.alias);
    update.routing_configuration = Some(Vec::new());
    invalid(
        fx.reg.update_state_machine_alias(update),
        "[]",
        "routingConfiguration",
        &at_least(1),
    );

    // One and two items are fine.
    fx.reg
        .create_state_machine_alias(CreateStateMachineAliasInput::new("ONE", vec![route(&fx.v3, 100)]))
        .expect("one item");
    fx.reg
        .create_state_machine_alias(CreateStateMachineAliasInput::new(
            "TWO",
            vec![route(&fx.v2, 50), route(&fx.v3, 50)],
        ))
        .expect("two items");
    let mut update = UpdateStateMachineAliasInput::new(&fx.alias);
    update.routing_configuration = Some(vec![route(&fx.v1, 1), route(&fx.v2, 99)]);
    fx.reg.update_state_machine_alias(update).expect("two items");
}

#[test]
fn routing_weights_are_0_to_100() {
    let mut fx = Fx::new();
    fx.reg
        .create_state_machine_alias(CreateStateMachineAliasInput::new(
            "EDGES",
            vec![route(&fx.v1, 0), route(&fx.v2, 100)],
        ))
        .expect("weights 0 and 100");
    invalid(
        fx.reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("OVER", vec![route(&fx.v1, 101)])),
        "101",
        "routingConfiguration.1.member.weight",
        "Member must have value less than or equal to 100",
    );
    invalid(
        fx.reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
            "UNDER",
            vec![route(&fx.v1, 100), route(&fx.v2, -1)],
        )),
        "-1",
        "routingConfiguration.2.member.weight",
        "Member must have value greater than or equal to 0",
    );
    let mut update = UpdateStateMachineAliasInput::new(&fx.alias);
    update.routing_configuration = Some(vec![route(&fx.v1, 50), route(&fx.v2, 101)]);
    invalid(
        fx.reg.update_state_machine_alias(update),
        "101",
        "routingConfiguration.2.member.weight",
        "Member must have value less than or equal to 100",
    );
    let mut update = UpdateStateMachineAliasInput::new(&fx.alias);
    update.routing_configuration = Some(vec![route(&fx.v1, -1)]);
    invalid(
        fx.reg.update_state_machine_alias(update),
        "-1",
        "routingConfiguration.1.member.weight",
        "Member must have value greater than or equal to 0",
    );
    let mut update = UpdateStateMachineAliasInput::new(&fx.alias);
    update.routing_configuration = Some(vec![route(&fx.v1, 100), route(&fx.v2, 0)]);
    fx.reg.update_state_machine_alias(update).expect("weights 100 and 0");
}

// ---------------------------------------------------------------------------------------------
// ARN members: 1–256 characters (2000 for DeleteStateMachineVersion)
// ---------------------------------------------------------------------------------------------

/// A registry whose region is long enough that real ARNs reach 256 characters: an execution of
/// an 80-character state machine with an 80-character name, and an alias of it with a
/// 77-character name.
struct LongArns {
    reg: InMemoryRegistry,
    sm: String,
    v1: String,
    /// 256 characters.
    alias: String,
    /// 256 characters.
    execution: String,
}

impl LongArns {
    fn new() -> Self {
        let region = format!("{}-1", "r".repeat(54));
        assert_eq!(region.len(), 56);
        let mut reg = InMemoryRegistry::builder()
            .region(region)
            .clock(ManualClock::new(Timestamp::from_unix_millis(T0)))
            .seed(1)
            .build()
            .expect("valid scope");
        let mut create = CreateStateMachineInput::new("s".repeat(80), def("r1"), ROLE);
        create.publish = true;
        let created = reg.create_state_machine(create).expect("create");
        let sm = created.state_machine_arn.to_string();
        let v1 = created.state_machine_version_arn.expect("v1").to_string();
        let alias = reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("a".repeat(77), vec![route(&v1, 100)]))
            .expect("alias")
            .state_machine_alias_arn
            .to_string();
        assert_eq!(alias.len(), 256);
        let execution = reg
            .start_execution(named(&sm, &"e".repeat(80)))
            .expect("start")
            .execution_arn
            .to_string();
        assert_eq!(execution.len(), 256);
        LongArns {
            reg,
            sm,
            v1,
            alias,
            execution,
        }
    }
}

/// `arn` and one character more: 257 characters.
fn one_more(arn: &str) -> String {
    assert_eq!(arn.len(), 256);
    format!("{arn}x")
}

#[track_caller]
fn arn_too_long<T: Debug>(result: Result<T>, arn: &str, path: &str) {
    invalid(result, arn, path, &at_most(256));
}

#[test]
fn state_machine_arn_members_are_at_most_256_characters() {
    let mut l = LongArns::new();
    let alias = l.alias.clone();
    let long = one_more(&alias);
    let path = "stateMachineArn";

    // At 256 each operation answers what it answers for an alias ARN; at 257, the constraint.
    assert_err(
        l.reg.describe_state_machine(DescribeStateMachineInput::new(&alias)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{alias}'"),
    );
    arn_too_long(
        l.reg.describe_state_machine(DescribeStateMachineInput::new(&long)),
        &long,
        path,
    );

    let update = |arn: &str| {
        let mut input = UpdateStateMachineInput::new(arn);
        input.definition = Some(def("r2"));
        input
    };
    assert_err(
        l.reg.update_state_machine(update(&alias)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{alias}'"),
    );
    arn_too_long(l.reg.update_state_machine(update(&long)), &long, path);

    assert_err(
        l.reg
            .publish_state_machine_version(PublishStateMachineVersionInput::new(&alias)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{alias}'"),
    );
    arn_too_long(
        l.reg
            .publish_state_machine_version(PublishStateMachineVersionInput::new(&long)),
        &long,
        path,
    );

    let versions = l
        .reg
        .list_state_machine_versions(ListStateMachineVersionsInput::new(&alias))
        .expect("lists no versions");
    assert!(versions.state_machine_versions.is_empty());
    arn_too_long(
        l.reg
            .list_state_machine_versions(ListStateMachineVersionsInput::new(&long)),
        &long,
        path,
    );

    assert_err(
        l.reg
            .list_state_machine_aliases(ListStateMachineAliasesInput::new(&alias)),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{alias}'"),
    );
    arn_too_long(
        l.reg
            .list_state_machine_aliases(ListStateMachineAliasesInput::new(&long)),
        &long,
        path,
    );

    let started = l
        .reg
        .start_execution(named(&alias, "through-a-256-character-alias-arn"))
        .expect("a 256-character ARN");
    let described = l
        .reg
        .describe_execution(DescribeExecutionInput::new(started.execution_arn.as_str()))
        .expect("describe");
    assert_eq!(described.state_machine_alias_arn.map(String::from), Some(alias.clone()));
    arn_too_long(l.reg.start_execution(named(&long, "too-long")), &long, path);

    let listed = l
        .reg
        .list_executions(ListExecutionsInput::new(&alias))
        .expect("a 256-character ARN");
    assert_eq!(listed.executions.len(), 1);
    arn_too_long(l.reg.list_executions(ListExecutionsInput::new(&long)), &long, path);

    l.reg
        .delete_state_machine(DeleteStateMachineInput::new(&alias))
        .expect("deletes nothing");
    arn_too_long(
        l.reg.delete_state_machine(DeleteStateMachineInput::new(&long)),
        &long,
        path,
    );
    l.reg
        .describe_state_machine(DescribeStateMachineInput::new(&l.sm))
        .expect("still there");

    arn_too_long(
        l.reg.create_state_machine(CreateStateMachineInput::new(
            "x",
            def("r"),
            one_more(&format!("{ROLE}{}", "r".repeat(256 - ROLE.len()))),
        )),
        &one_more(&format!("{ROLE}{}", "r".repeat(256 - ROLE.len()))),
        "roleArn",
    );
    let role_256 = format!("{ROLE}{}", "r".repeat(256 - ROLE.len()));
    l.reg
        .create_state_machine(CreateStateMachineInput::new("x", def("r"), role_256.as_str()))
        .expect("a 256-character role ARN");
    let mut update = UpdateStateMachineInput::new(&l.sm);
    update.role_arn = Some(one_more(&role_256));
    arn_too_long(l.reg.update_state_machine(update), &one_more(&role_256), "roleArn");

    invalid(
        l.reg.describe_state_machine(DescribeStateMachineInput::new("")),
        "",
        path,
        &at_least(1),
    );
}

#[test]
fn alias_and_resource_arn_members_are_at_most_256_characters() {
    let mut l = LongArns::new();
    let alias = l.alias.clone();
    let long = one_more(&alias);
    let path = "stateMachineAliasArn";

    let described = l
        .reg
        .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&alias))
        .expect("a 256-character alias ARN");
    assert_eq!(described.state_machine_alias_arn.as_str(), alias);
    arn_too_long(
        l.reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&long)),
        &long,
        path,
    );

    let mut update = UpdateStateMachineAliasInput::new(&alias);
    update.description = Some("long".to_owned());
    l.reg
        .update_state_machine_alias(update)
        .expect("a 256-character alias ARN");
    let mut update = UpdateStateMachineAliasInput::new(&long);
    update.description = Some("long".to_owned());
    arn_too_long(l.reg.update_state_machine_alias(update), &long, path);

    // Tags: a 256-character alias ARN is a resource without tags (ResourceNotFound).
    let resource = "resourceArn";
    assert_err(
        l.reg.list_tags_for_resource(ListTagsForResourceInput::new(&alias)),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{alias}'"),
    );
    arn_too_long(
        l.reg.list_tags_for_resource(ListTagsForResourceInput::new(&long)),
        &long,
        resource,
    );
    arn_too_long(
        l.reg
            .tag_resource(TagResourceInput::new(&long, vec![Tag::new("k", "v")])),
        &long,
        resource,
    );
    arn_too_long(
        l.reg
            .untag_resource(UntagResourceInput::new(&long, vec!["k".to_owned()])),
        &long,
        resource,
    );

    // Routing ARNs: 256 characters pass the constraint (and are then not ARNs), 257 do not.
    let not_an_arn = "v".repeat(256);
    assert_err(
        l.reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new("R", vec![route(&not_an_arn, 100)])),
        ErrorCode::InvalidArn,
        &format!("Invalid Arn: 'Invalid ARN prefix: {not_an_arn}'"),
    );
    let too_long = "v".repeat(257);
    invalid(
        l.reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
            "R",
            vec![route(&l.v1, 50), route(&too_long, 50)],
        )),
        &too_long,
        "routingConfiguration.2.member.stateMachineVersionArn",
        &at_most(256),
    );

    arn_too_long(
        l.reg
            .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&long)),
        &long,
        path,
    );
    l.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&alias))
        .expect("a 256-character alias ARN");
    assert_err(
        l.reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&alias)),
        ErrorCode::ResourceNotFound,
        "Request references a resource that does not exist.",
    );
}

#[test]
fn execution_arn_members_are_at_most_256_characters() {
    let mut l = LongArns::new();
    let execution = l.execution.clone();
    let long = one_more(&execution);
    let path = "executionArn";

    l.reg
        .describe_execution(DescribeExecutionInput::new(&execution))
        .expect("a 256-character execution ARN");
    arn_too_long(
        l.reg.describe_execution(DescribeExecutionInput::new(&long)),
        &long,
        path,
    );
    l.reg
        .describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(&execution))
        .expect("a 256-character execution ARN");
    arn_too_long(
        l.reg
            .describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(&long)),
        &long,
        path,
    );
    l.reg
        .get_execution_history(GetExecutionHistoryInput::new(&execution))
        .expect("a 256-character execution ARN");
    arn_too_long(
        l.reg.get_execution_history(GetExecutionHistoryInput::new(&long)),
        &long,
        path,
    );
    arn_too_long(l.reg.stop_execution(StopExecutionInput::new(&long)), &long, path);
    assert_eq!(
        l.reg.execution(&exec_ref(&execution)).expect("there").status(),
        ExecutionStatus::Running
    );
    l.reg
        .stop_execution(StopExecutionInput::new(&execution))
        .expect("a 256-character execution ARN");
    assert_eq!(
        l.reg.execution(&exec_ref(&execution)).expect("there").status(),
        ExecutionStatus::Aborted
    );
}

#[test]
fn delete_state_machine_version_takes_arns_of_up_to_2000_characters() {
    let mut fx = Fx::new();
    let before = fx
        .reg
        .list_state_machine_versions(ListStateMachineVersionsInput::new(&fx.sm))
        .expect("list");
    // Past 256 and up to 2000 characters the constraint holds; such a string is not an ARN.
    for len in [257, 1000, 2000] {
        let long = "v".repeat(len);
        assert_err(
            fx.reg
                .delete_state_machine_version(DeleteStateMachineVersionInput::new(&long)),
            ErrorCode::InvalidArn,
            &format!("Invalid Arn: 'Invalid ARN prefix: {long}'"),
        );
    }
    let too_long = "v".repeat(2001);
    invalid(
        fx.reg
            .delete_state_machine_version(DeleteStateMachineVersionInput::new(&too_long)),
        &too_long,
        "stateMachineVersionArn",
        &at_most(2000),
    );
    invalid(
        fx.reg
            .delete_state_machine_version(DeleteStateMachineVersionInput::new("")),
        "",
        "stateMachineVersionArn",
        &at_least(1),
    );
    let after = fx
        .reg
        .list_state_machine_versions(ListStateMachineVersionsInput::new(&fx.sm))
        .expect("list");
    assert_eq!(after, before);
    // The other ARN members stop at 256: the same 257-character string is a length error there.
    let v257 = "v".repeat(257);
    invalid(
        fx.reg.describe_state_machine(DescribeStateMachineInput::new(&v257)),
        &v257,
        "stateMachineArn",
        &at_most(256),
    );
}

// ---------------------------------------------------------------------------------------------
// StopExecution: error up to 256, cause up to 32,768 characters, both sensitive
// ---------------------------------------------------------------------------------------------

#[test]
fn stop_execution_error_is_at_most_256_and_cause_at_most_32768_characters() {
    let mut fx = Fx::new();
    let stop = |error: String, cause: String| {
        let mut input = StopExecutionInput::new(&fx.execution);
        input.error = Some(error);
        input.cause = Some(cause);
        input
    };
    invalid_sensitive(
        fx.reg.stop_execution(stop("e".repeat(257), String::new())),
        "error",
        &at_most(256),
    );
    invalid_sensitive(
        fx.reg.stop_execution(stop(String::new(), "c".repeat(32_769))),
        "cause",
        &at_most(32_768),
    );
    assert_err(
        fx.reg.stop_execution(stop("é".repeat(257), "😀".repeat(16_385))),
        ErrorCode::ValidationException,
        "2 validation errors detected: Value at 'error' failed to satisfy constraint: Member must have length \
         less than or equal to 256; Value at 'cause' failed to satisfy constraint: Member must have length less \
         than or equal to 32768",
    );
    assert_eq!(
        fx.reg.execution(&exec_ref(&fx.execution)).expect("there").status(),
        ExecutionStatus::Running,
        "a refused stop stops nothing"
    );

    // At the bounds ('é' is one UTF-16 unit, '😀' two).
    let error = "é".repeat(256);
    let cause = "😀".repeat(16_384);
    fx.reg
        .stop_execution(stop(error.clone(), cause.clone()))
        .expect("error of 256 and cause of 32,768 characters");
    let described = fx
        .reg
        .describe_execution(DescribeExecutionInput::new(&fx.execution))
        .expect("describe");
    assert_eq!(described.status, ExecutionStatus::Aborted);
    assert_eq!(described.error.as_deref(), Some(error.as_str()));
    assert_eq!(described.cause.as_deref(), Some(cause.as_str()));
}

// ---------------------------------------------------------------------------------------------
// Memory stays bounded
// ---------------------------------------------------------------------------------------------

/// Creates `cycled` (published, tagged), an alias, two executions (one named, one with a
/// generated name) and one more tag, then deletes it all: even cycles stop and end the
/// executions first; odd cycles delete the state machine while they run (DELETING) and end them
/// afterwards, which removes it.
fn cycle(reg: &mut InMemoryRegistry, clock: &ManualClock, i: u64) {
    clock.advance_millis(1);
    let mut create = CreateStateMachineInput::new("cycled", def("r1"), ROLE);
    create.publish = true;
    create.tags = Some(vec![Tag::new("team", "core"), Tag::new("cycle", "x")]);
    let created = reg.create_state_machine(create).expect("create");
    let sm = created.state_machine_arn;
    let v1 = created.state_machine_version_arn.expect("v1");
    let alias = reg
        .create_state_machine_alias(CreateStateMachineAliasInput::new("LIVE", vec![route(v1.as_str(), 100)]))
        .expect("alias")
        .state_machine_alias_arn;
    reg.tag_resource(TagResourceInput::new(&sm, vec![Tag::new("env", "test")]))
        .expect("tag");
    let mut named_input = named(alias.as_str(), "named");
    named_input.input = Some(r#"{"n":1}"#.to_owned());
    let first = reg.start_execution(named_input).expect("start named").execution_arn;
    let second = reg
        .start_execution(StartExecutionInput::new(&sm))
        .expect("start with a generated name")
        .execution_arn;
    if i.is_multiple_of(2) {
        reg.stop_execution(StopExecutionInput::new(first.as_str()))
            .expect("stop");
        reg.end_execution(&second, ExecutionOutcome::succeeded(r#"{"ok":true}"#))
            .expect("end");
        reg.delete_state_machine(DeleteStateMachineInput::new(&sm))
            .expect("delete");
    } else {
        reg.delete_state_machine(DeleteStateMachineInput::new(&sm))
            .expect("delete while running");
        reg.end_execution(&first, ExecutionOutcome::failed("E", "cause"))
            .expect("end");
        reg.end_execution(&second, ExecutionOutcome::timed_out("T", "cause"))
            .expect("end the last one");
    }
}

#[test]
fn memory_stays_bounded_over_100000_create_delete_cycles() {
    const WARM_UP: u64 = 1_000;
    const CYCLES: u64 = 100_000;
    /// Live bytes may differ by this much between the two measurements: far less than one byte
    /// per cycle.
    const SLACK: isize = 16 * 1024;

    let clock = ManualClock::new(Timestamp::from_unix_millis(T0));
    let tracking = Tracking::start();
    let mut reg = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(5)
        .build()
        .expect("valid scope");
    for i in 0..WARM_UP {
        cycle(&mut reg, &clock, i);
    }
    let after_warm_up = tracking.live();
    for i in WARM_UP..CYCLES {
        cycle(&mut reg, &clock, i);
    }
    let after_all = tracking.live();
    drop(tracking);

    let listed = reg.list_state_machines(ListStateMachinesInput::new()).expect("list");
    assert!(listed.state_machines.is_empty(), "{:?}", listed.state_machines);
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(format!("{SM_PREFIX}cycled"))),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{SM_PREFIX}cycled'"),
    );
    let growth = after_all - after_warm_up;
    assert!(
        growth.abs() <= SLACK,
        "live bytes after {WARM_UP} cycles: {after_warm_up}; after {CYCLES}: {after_all} ({growth:+} bytes)"
    );
}
