//! What the registry allocates: allocations per call on each hot path (the crate's and its
//! floor's, see `benches/floor/mod.rs`), and the bytes a state machine, a version, an execution
//! and a history event take. Counted by dhat's counting global allocator.
//!
//! ```text
//! cargo bench --bench memory     # prints both tables (about 30 s)
//! cargo test --bench memory      # the same on small numbers, as a smoke test
//! ```
//!
//! Bytes are those the registry asked the allocator for and still holds (the allocator's own
//! overhead per block is not counted), measured as the growth of the live heap while the
//! registry grows by many of a kind, divided by how many: so the spare capacity of the growing
//! collections is included, as it would be in a process holding them.

#[path = "fixture/mod.rs"]
mod fixture;
#[path = "floor/mod.rs"]
mod floor;

use std::hint::black_box;

use fixture::{DESCRIBE, ROLE, SEED, SMALL_INPUT, START, VERSION_ARN, definition};
use sfn_registry::dto::{
    CreateStateMachineInput, GetExecutionHistoryInput, ListExecutionsInput, PublishStateMachineVersionInput,
    StartExecutionInput, UpdateStateMachineInput,
};
use sfn_registry::{
    ExecutionOutcome, InMemoryRegistry, Registry, StateEvent, StateMachineAliasArn, StateMachineArn,
    StateMachineVersionArn, StateType, handle_json,
};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The live heap: bytes and blocks held, and blocks allocated so far.
fn heap() -> dhat::HeapStats {
    dhat::HeapStats::get()
}

/// Allocations (blocks, reallocations included) and bytes per call of `call`, over `n` calls
/// on inputs made beforehand.
fn per_call<I, O>(n: usize, make: impl FnMut() -> I, mut call: impl FnMut(I) -> O) -> (f64, f64) {
    let inputs: Vec<I> = std::iter::repeat_with(make).take(n).collect();
    let mut outputs = Vec::with_capacity(n);
    let before = heap();
    for input in inputs {
        outputs.push(call(black_box(input)));
    }
    let after = heap();
    drop(outputs);
    let n = n as f64;
    (
        (after.total_blocks - before.total_blocks) as f64 / n,
        (after.total_bytes - before.total_bytes) as f64 / n,
    )
}

/// Live bytes added per item while `grow` adds `n` of them.
fn live_bytes_per(n: usize, grow: impl FnOnce()) -> f64 {
    let before = heap().curr_bytes;
    grow();
    (heap().curr_bytes - before) as f64 / n as f64
}

/// `orders` with `versions` versions, each of its own revision.
fn orders(versions: u64) -> (InMemoryRegistry, StateMachineArn) {
    let mut registry = fixture::registry();
    let arn = registry
        .create_state_machine(CreateStateMachineInput::new("orders", definition(0), ROLE))
        .expect("CreateStateMachine")
        .state_machine_arn;
    for n in 0..versions {
        if n > 0 {
            let mut update = UpdateStateMachineInput::new(&arn);
            update.definition = Some(definition(n));
            registry.update_state_machine(update).expect("UpdateStateMachine");
        }
        registry
            .publish_state_machine_version(PublishStateMachineVersionInput::new(&arn))
            .expect("PublishStateMachineVersion");
    }
    (registry, arn)
}

/// `orders` with versions 1 and 2 and `PROD` routing 90/10 over them.
fn alias_runs() -> (InMemoryRegistry, StateMachineArn, StateMachineAliasArn) {
    let (mut registry, arn) = orders(2);
    let prod = fixture::prod_alias(&mut registry, &arn);
    (registry, arn, prod)
}

fn floor_alias_runs() -> floor::Registry {
    let mut floor = floor::Registry::new(SEED, START.unix_millis());
    floor.create("orders", &definition(0), ROLE);
    floor.publish("orders");
    floor.publish("orders");
    floor.alias("orders", "PROD", 1, 90, 2);
    floor
}

fn row(path: &str, (c, c_bytes): (f64, f64), (f, f_bytes): (f64, f64)) {
    println!("| {path} | {c:.1} ({c_bytes:.0} B) | {f:.1} ({f_bytes:.0} B) |");
}

/// Allocations per call, crate and floor.
fn allocations(n: usize) {
    println!("| hot path | allocations per call: crate (bytes) | floor (bytes) |");
    println!("|---|---|---|");
    row(
        "parse a version ARN",
        per_call(n, || VERSION_ARN, |s| StateMachineVersionArn::parse(s).expect("parsed")),
        per_call(n, || VERSION_ARN, |s| floor::parse_version_arn(s).expect("parsed")),
    );
    for (what, input) in [("no input", None), ("a 90-byte input", Some(SMALL_INPUT))] {
        let (mut registry, _, prod) = alias_runs();
        let mut start = StartExecutionInput::new(&prod);
        start.input = input.map(str::to_owned);
        let crate_side = per_call(n, || start.clone(), |i| registry.start_execution(i).expect("started"));
        let mut floor = floor_alias_runs();
        let floor_side = per_call(
            n,
            || input.map(str::to_owned),
            |i| floor.start(prod.as_str(), i).expect("started"),
        );
        row(
            &format!("StartExecution through a 90/10 alias, {what}"),
            crate_side,
            floor_side,
        );
    }
    {
        let (mut registry, arn) = orders(1);
        let body = format!(r#"{{"stateMachineArn": "{arn}"}}"#).into_bytes();
        let mut floor = floor::Registry::new(SEED, START.unix_millis());
        floor.create("orders", &definition(0), ROLE);
        row(
            "DescribeStateMachine through `handle_json`",
            per_call(n, || (), |()| handle_json(&mut registry, DESCRIBE, &body)),
            per_call(n, || (), |()| floor.describe_json(DESCRIBE, &body).expect("described")),
        );
    }
    {
        let (mut registry, arn, prod) = alias_runs();
        let mut floor = floor_alias_runs();
        for _ in 0..1_000 {
            registry
                .start_execution(StartExecutionInput::new(&prod))
                .expect("started");
            floor.start(prod.as_str(), None).expect("started");
        }
        let input = ListExecutionsInput::new(&arn);
        row(
            "ListExecutions, a page of 100",
            per_call(
                n / 100 + 1,
                || input.clone(),
                |i| registry.list_executions(i).expect("listed"),
            ),
            per_call(
                n / 100 + 1,
                || (),
                |()| floor.list_executions(arn.as_str(), 100).expect("listed"),
            ),
        );
    }
    {
        let (mut registry, arn) = orders(0);
        let mut floor = floor::Registry::new(SEED, START.unix_millis());
        floor.create("orders", &definition(0), ROLE);
        let execution = registry
            .start_execution(StartExecutionInput::new(&arn))
            .expect("started")
            .execution_arn;
        floor.start(arn.as_str(), None).expect("started");
        let data = format!(r#"{{"pad":"{}"}}"#, "x".repeat(1_014));
        for i in 0..198 {
            let name = format!("S{}", i / 2);
            registry
                .record_state_event(
                    &execution,
                    StateEvent::entered(StateType::Pass, name.clone(), data.clone()),
                )
                .expect("recorded");
            floor.record(
                "orders",
                execution.execution_name(),
                floor::Event {
                    at: START.unix_millis(),
                    entered: true,
                    name: name.into(),
                    data: data.as_str().into(),
                },
            );
        }
        let mut input = GetExecutionHistoryInput::new(&execution);
        input.max_results = Some(100);
        row(
            "GetExecutionHistory, a page of 100 events (1 KiB of data each)",
            per_call(
                n / 100 + 1,
                || input.clone(),
                |i| registry.get_execution_history(i).expect("read"),
            ),
            per_call(
                n / 100 + 1,
                || (),
                |()| floor.history(execution.as_str(), 100).expect("read"),
            ),
        );
    }
}

/// Live bytes per state machine, version, execution and history event.
fn footprint(scale: usize) {
    println!("| what | bytes each |");
    println!("|---|---|");
    let machines = 10_000 / scale;
    let mut registry = fixture::registry();
    let each = live_bytes_per(machines, || {
        for i in 0..machines {
            let name = format!("sm-{i:05}");
            registry
                .create_state_machine(CreateStateMachineInput::new(name, definition(i as u64), ROLE))
                .expect("CreateStateMachine");
        }
    });
    println!("| a state machine ({machines} of them, each with its own 90-byte definition) | {each:.0} |");
    drop(registry);

    let versions = 999 / scale;
    let (mut registry, arn) = orders(1);
    let each = live_bytes_per(versions, || {
        for n in 1..=versions {
            let mut update = UpdateStateMachineInput::new(&arn);
            update.definition = Some(definition(n as u64));
            registry.update_state_machine(update).expect("UpdateStateMachine");
            registry
                .publish_state_machine_version(PublishStateMachineVersionInput::new(&arn))
                .expect("PublishStateMachineVersion");
        }
    });
    println!("| a version, with its revision and its own 90-byte definition ({versions} of them) | {each:.0} |");
    drop(registry);
    let (mut registry, arn) = orders(1);
    let mut role_only = 0;
    let each = live_bytes_per(versions, || {
        for n in 0..versions {
            let mut update = UpdateStateMachineInput::new(&arn);
            update.role_arn = Some(format!("{ROLE}-{n}"));
            registry.update_state_machine(update).expect("UpdateStateMachine");
            registry
                .publish_state_machine_version(PublishStateMachineVersionInput::new(&arn))
                .expect("PublishStateMachineVersion");
            role_only += 1;
        }
    });
    println!(
        "| a version of a revision that changed only the role ({role_only} of them; the definition is shared) | {each:.0} |"
    );
    drop(registry);

    // 1,000 versions whose 10 KiB definition alternates between two texts.
    let big = |n: u64| {
        let states: String = (0..100)
            .map(|i| {
                format!(
                    r#""S{i}": {{"Type": "Pass", "Result": "{n:>60}", "Next": "S{}"}}, "#,
                    i + 1
                )
            })
            .collect();
        format!(r#"{{"StartAt": "S0", "States": {{{states}"S100": {{"Type": "Succeed"}}}}}}"#)
    };
    let (a, b) = (big(1), big(2));
    let versions = 1_000 / scale;
    let mut registry = fixture::registry();
    let total = live_bytes_per(1, || {
        let arn = registry
            .create_state_machine(CreateStateMachineInput::new("big", a.clone(), ROLE))
            .expect("CreateStateMachine")
            .state_machine_arn;
        for n in 0..versions {
            let mut update = UpdateStateMachineInput::new(&arn);
            update.definition = Some(if n % 2 == 0 { b.clone() } else { a.clone() });
            update.publish = true;
            registry.update_state_machine(update).expect("UpdateStateMachine");
        }
    });
    println!(
        "| {versions} versions of a {} KiB definition alternating between two texts (in all) | {:.2} MiB |",
        a.len() / 1024,
        total / (1024.0 * 1024.0)
    );
    drop(registry);

    let executions = 100_000 / scale;
    let (mut registry, _, prod) = alias_runs();
    let start = StartExecutionInput::new(&prod);
    let each = live_bytes_per(executions, || {
        for _ in 0..executions {
            registry.start_execution(start.clone()).expect("StartExecution");
        }
    });
    println!("| an execution started through an alias, no input ({executions} of them) | {each:.0} |");
    drop(registry);

    let events = 24_998 / scale;
    let (mut registry, arn) = orders(0);
    let execution = registry
        .start_execution(StartExecutionInput::new(&arn))
        .expect("StartExecution")
        .execution_arn;
    let each = live_bytes_per(events, || {
        for i in 0..events {
            let name = format!("S{}", i / 2);
            let event = if i % 2 == 0 {
                StateEvent::entered(StateType::Pass, name, "{}")
            } else {
                StateEvent::exited(StateType::Pass, name, "{}")
            };
            registry.record_state_event(&execution, event).expect("recorded");
        }
    });
    println!(
        "| a history event (a state entered or exited, its name and `{{}}` as data; {events} of them) | {each:.0} |"
    );
    registry
        .end_execution(&execution, ExecutionOutcome::succeeded("{}"))
        .expect("ended");
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().trim_backtraces(Some(4)).build();
    let benching = std::env::args().any(|a| a == "--bench");
    let scale = if benching { 1 } else { 100 };
    allocations(if benching { 10_000 } else { 100 });
    println!();
    footprint(scale);
}
