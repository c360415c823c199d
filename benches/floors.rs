//! Each hot path of the crate beside its floor: a minimal hand-written version of the same work
//! with the same validation (`benches/floor/mod.rs`), so that a reader sees how far the crate is
//! from the limit, not only how fast it is.
//!
//! ```text
//! cargo bench --bench floors              # the interleaved table, then criterion for each
//! cargo bench --bench floors -- ratios    # the interleaved table only (about 30 s)
//! cargo bench --bench floors -- ratios start  # the table of the hot paths named `…start…`
//! cargo bench --bench floors -- start     # criterion, one hot path (crate and floor)
//! cargo test --bench floors               # each once, checking that crate and floor agree
//! ```
//!
//! The table runs crate and floor in the same process, alternating: each round times a batch
//! of calls of one, then of the other (the order swapping every round), and the ratio of the
//! two is taken per round, so that what the other processes on a shared machine do to one
//! side they do to the other. It prints the median time per call of each and the median ratio.
//! Allocations per call are counted by `benches/memory.rs`.
//!
//! Before anything is timed, the floor's answer is checked against the crate's: the same ARNs
//! (the floor draws names and routes from the crate's RNG, seeded alike), the same response
//! bytes, the same page and token.

#[path = "fixture/mod.rs"]
mod fixture;
#[path = "floor/mod.rs"]
mod floor;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use fixture::{DESCRIBE, ROLE, SEED, SMALL_INPUT, START, VERSION_ARN, definition, registry};
use sfn_registry::dto::{
    CreateStateMachineInput, GetExecutionHistoryInput, ListExecutionsInput, PublishStateMachineVersionInput,
    StartExecutionInput, UpdateStateMachineInput,
};
use sfn_registry::{
    ExecutionOutcome, ExecutionRef, InMemoryRegistry, Registry, StateEvent, StateMachineAliasArn, StateMachineArn,
    StateMachineVersionArn, StateType, Timestamp, handle_json,
};

/// Executions in the list fixture, and events in the history fixture's execution.
const LISTED: u32 = 100_000;
const EVENTS: usize = 24_998;

fn floor_registry() -> floor::Registry {
    floor::Registry::new(SEED, START.unix_millis())
}

/// `orders` with `versions` versions, each of its own revision (`definition(0)`, …), in the
/// crate and in the floor, whose RNG has drawn what the crate's drew (a revision id per update).
fn orders(versions: u64) -> (InMemoryRegistry, StateMachineArn, floor::Registry) {
    let mut registry = registry();
    let mut floor = floor_registry();
    let arn = registry
        .create_state_machine(CreateStateMachineInput::new("orders", definition(0), ROLE))
        .expect("CreateStateMachine")
        .state_machine_arn;
    floor.create("orders", &definition(0), ROLE);
    for n in 0..versions {
        if n > 0 {
            let mut update = UpdateStateMachineInput::new(&arn);
            update.definition = Some(definition(n));
            registry.update_state_machine(update).expect("UpdateStateMachine");
            let mut revision_id = [0u8; 16];
            sfn_registry::rand::Rng::fill_bytes(&mut floor.rng, &mut revision_id);
        }
        registry
            .publish_state_machine_version(PublishStateMachineVersionInput::new(&arn))
            .expect("PublishStateMachineVersion");
        floor.publish("orders");
    }
    (registry, arn, floor)
}

/// `orders` with versions 1 and 2, and `PROD` routing 90/10 over them.
struct AliasRuns {
    registry: InMemoryRegistry,
    arn: StateMachineArn,
    prod: StateMachineAliasArn,
    floor: floor::Registry,
    started: u64,
}

impl AliasRuns {
    fn new() -> Self {
        let (mut registry, arn, mut floor) = orders(2);
        let prod = fixture::prod_alias(&mut registry, &arn);
        floor.alias("orders", "PROD", 1, 90, 2);
        AliasRuns {
            registry,
            arn,
            prod,
            floor,
            started: 0,
        }
    }

    /// Starts one execution through `PROD` in both, checking they agree.
    fn start_both(&mut self, input: Option<&str>) -> ExecutionRef {
        let mut start = StartExecutionInput::new(&self.prod);
        start.input = input.map(str::to_owned);
        let crate_out = self.registry.start_execution(start).expect("StartExecution");
        let (floor_arn, floor_date) = self
            .floor
            .start(self.prod.as_str(), input.map(str::to_owned))
            .expect("the floor starts it too");
        assert_eq!(crate_out.execution_arn.as_str(), &*floor_arn);
        assert_eq!(crate_out.start_date.unix_millis(), floor_date);
        self.started += 1;
        crate_out.execution_arn
    }

    /// `count` executions through `PROD`, the even ones (from 0) ended with output `{}`.
    fn with_executions(count: u32) -> Self {
        let mut runs = AliasRuns::new();
        for i in 0..count {
            let arn = runs.start_both(None);
            if i % 2 == 0 {
                runs.registry
                    .end_execution(&arn, ExecutionOutcome::succeeded("{}"))
                    .expect("end_execution");
                runs.floor.end("orders", arn.execution_name(), "{}");
            }
        }
        runs
    }
}

/// One hot path: a batch of `n` calls of the crate, and of the floor, each timed alone.
struct HotPath<'a> {
    name: &'static str,
    what: &'static str,
    batch: u64,
    run_crate: Box<dyn FnMut(u64) -> Duration + 'a>,
    run_floor: Box<dyn FnMut(u64) -> Duration + 'a>,
}

/// Times `n` calls of `call`, each given an input made beforehand by `make`. Each output is
/// dropped as soon as it is made, as a server drops a response once it is sent: keeping them
/// all would time the page faults of a growing heap, which depend on the sizes each side
/// happens to allocate more than on the work.
fn timed<I, O>(n: u64, make: impl FnMut() -> I, mut call: impl FnMut(I) -> O) -> Duration {
    let inputs: Vec<I> = std::iter::repeat_with(make).take(n as usize).collect();
    let start = Instant::now();
    for input in inputs {
        drop(black_box(call(black_box(input))));
    }
    start.elapsed()
}

fn arn_parse<'a>() -> HotPath<'a> {
    let parsed = StateMachineVersionArn::parse(VERSION_ARN).expect("a version ARN");
    let floor = floor::parse_version_arn(VERSION_ARN).expect("the floor parses it");
    assert_eq!(&*floor.text, parsed.as_str());
    assert_eq!(floor.version.get(), parsed.version().get());
    assert_eq!(
        &floor.text[usize::from(floor.name_start)..usize::from(floor.name_end)],
        parsed.state_machine_name()
    );
    HotPath {
        name: "arn_parse",
        what: "parse a version ARN",
        batch: 5_000,
        run_crate: Box::new(|n| {
            timed(
                n,
                || VERSION_ARN,
                |s| StateMachineVersionArn::parse(s).expect("a version ARN"),
            )
        }),
        run_floor: Box::new(|n| timed(n, || VERSION_ARN, |s| floor::parse_version_arn(s).expect("parsed"))),
    }
}

/// The most executions a start fixture takes before it is built anew (outside the timing).
const START_CAP: u64 = 100_000;

fn routed_start<'a>(name: &'static str, what: &'static str, input: Option<&'static str>) -> HotPath<'a> {
    let runs = std::rc::Rc::new(std::cell::RefCell::new(AliasRuns::new()));
    // The first starts agree (the ARN, from the same RNG draws, and the date).
    for _ in 0..10 {
        runs.borrow_mut().start_both(input);
    }
    let (crate_runs, floor_runs) = (runs.clone(), runs);
    let fresh = |runs: &mut AliasRuns, n: u64| {
        if runs.started + n > START_CAP {
            *runs = AliasRuns::new();
        }
        runs.started += n;
    };
    HotPath {
        name,
        what,
        batch: 2_000,
        run_crate: Box::new(move |n| {
            let mut runs = crate_runs.borrow_mut();
            fresh(&mut runs, n);
            let mut start = StartExecutionInput::new(&runs.prod);
            start.input = input.map(str::to_owned);
            timed(
                n,
                || start.clone(),
                |i| runs.registry.start_execution(i).expect("StartExecution"),
            )
        }),
        run_floor: Box::new(move |n| {
            let mut runs = floor_runs.borrow_mut();
            let prod = runs.prod.as_str().to_owned();
            timed(
                n,
                || input.map(str::to_owned),
                |i| runs.floor.start(&prod, i).expect("started"),
            )
        }),
    }
}

fn describe_json<'a>() -> HotPath<'a> {
    let (registry, arn, floor) = orders(1);
    let body = format!(r#"{{"stateMachineArn": "{arn}"}}"#).into_bytes();
    let mut registry = Box::new(registry);
    let response = handle_json(&mut *registry, DESCRIBE, &body);
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let floor_body = floor.describe_json(DESCRIBE, &body).expect("the floor describes it");
    assert_eq!(
        String::from_utf8_lossy(&floor_body),
        String::from_utf8_lossy(&response.body)
    );
    let body_crate = body.clone();
    HotPath {
        name: "describe_json",
        what: "DescribeStateMachine through `handle_json`",
        batch: 2_000,
        run_crate: Box::new(move |n| timed(n, || (), |()| handle_json(&mut *registry, DESCRIBE, &body_crate))),
        run_floor: Box::new(move |n| timed(n, || (), |()| floor.describe_json(DESCRIBE, &body).expect("described"))),
    }
}

fn list_page<'a>() -> HotPath<'a> {
    let runs = AliasRuns::with_executions(LISTED);
    let input = ListExecutionsInput::new(&runs.arn);
    let page = runs.registry.list_executions(input.clone()).expect("ListExecutions");
    let (items, token) = runs
        .floor
        .list_executions(runs.arn.as_str(), 100)
        .expect("the floor lists them");
    assert_eq!(page.executions.len(), items.len());
    for (a, b) in page.executions.iter().zip(&items) {
        assert_eq!(a.execution_arn.as_str(), &*b.execution_arn);
        assert_eq!(a.name.as_str(), &b.name.0[usize::from(b.name.1)..]);
        assert_eq!(a.stop_date.map(Timestamp::unix_millis), b.stopped);
        assert_eq!(
            a.state_machine_version_arn.as_ref().map(StateMachineVersionArn::as_str),
            b.version.as_deref()
        );
    }
    assert_eq!(page.next_token, token);
    let runs = std::rc::Rc::new(runs);
    let (crate_runs, floor_runs) = (runs.clone(), runs);
    HotPath {
        name: "list_page",
        what: "ListExecutions, a page of 100 of 100,000",
        batch: 100,
        run_crate: Box::new(move |n| {
            timed(
                n,
                || input.clone(),
                |i| crate_runs.registry.list_executions(i).expect("ListExecutions"),
            )
        }),
        run_floor: Box::new(move |n| {
            let arn = floor_runs.arn.as_str();
            timed(
                n,
                || (),
                |()| floor_runs.floor.list_executions(arn, 100).expect("listed"),
            )
        }),
    }
}

fn history_page<'a>() -> HotPath<'a> {
    let (mut registry, arn, mut floor) = orders(0);
    let execution = registry
        .start_execution(StartExecutionInput::new(&arn))
        .expect("StartExecution")
        .execution_arn;
    let (floor_execution, _) = floor.start(arn.as_str(), None).expect("the floor starts it");
    assert_eq!(&*floor_execution, execution.as_str());
    let data = format!(r#"{{"pad":"{}"}}"#, "x".repeat(1_014));
    for i in 0..EVENTS {
        let name = format!("S{}", i / 2);
        let entered = i % 2 == 0;
        let event = if entered {
            StateEvent::entered(StateType::Pass, name.clone(), data.clone())
        } else {
            StateEvent::exited(StateType::Pass, name.clone(), data.clone())
        };
        registry
            .record_state_event(&execution, event)
            .expect("record_state_event");
        floor.record(
            "orders",
            execution.execution_name(),
            floor::Event {
                at: START.unix_millis(),
                entered,
                name: name.into(),
                data: data.as_str().into(),
            },
        );
    }
    registry
        .end_execution(&execution, ExecutionOutcome::succeeded("{}"))
        .expect("end_execution");
    floor.end("orders", execution.execution_name(), "{}");
    let mut input = GetExecutionHistoryInput::new(&execution);
    input.max_results = Some(100);
    let page = registry.get_execution_history(input.clone()).expect("history");
    let (events, token) = floor.history(execution.as_str(), 100).expect("the floor reads it");
    assert_eq!(page.events.len(), events.len());
    for (a, b) in page.events.iter().zip(&events) {
        assert_eq!((a.id, a.previous_event_id), (b.id, Some(b.previous)));
        assert_eq!(a.r#type.as_str(), b.kind);
        if let Some(d) = &a.state_entered_event_details {
            assert_eq!((Some(&d.name), d.input.as_ref()), (b.name.as_ref(), b.data.as_ref()));
        }
    }
    assert_eq!(page.next_token, token);
    let arn = execution.as_str().to_owned();
    HotPath {
        name: "history_page",
        what: "GetExecutionHistory, a page of 100 events (1 KiB of data each) of 25,000",
        batch: 50,
        run_crate: Box::new(move |n| {
            timed(
                n,
                || input.clone(),
                |i| registry.get_execution_history(i).expect("history"),
            )
        }),
        run_floor: Box::new(move |n| timed(n, || (), |()| floor.history(&arn, 100).expect("read"))),
    }
}

fn routed_start_no_input<'a>() -> HotPath<'a> {
    routed_start("routed_start", "StartExecution through a 90/10 alias, no input", None)
}

fn routed_start_small_input<'a>() -> HotPath<'a> {
    routed_start(
        "routed_start_input",
        "the same, with a 90-byte input",
        Some(SMALL_INPUT),
    )
}

/// Builds a hot path and its fixtures.
type MakeHotPath = fn() -> HotPath<'static>;

/// Every hot path, by name: each builds its fixtures when called.
const HOT_PATHS: [(&str, MakeHotPath); 6] = [
    ("arn_parse", arn_parse),
    ("routed_start", routed_start_no_input),
    ("routed_start_input", routed_start_small_input),
    ("describe_json", describe_json),
    ("list_page", list_page),
    ("history_page", history_page),
];

/// The hot paths whose name contains one of `filters` (all without filters).
fn hot_paths(filters: &[String]) -> impl Iterator<Item = HotPath<'static>> + '_ {
    HOT_PATHS
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .map(|(_, make)| make())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn nanos(d: Duration, n: u64) -> f64 {
    d.as_secs_f64() * 1e9 / n as f64
}

fn show(ns: f64) -> String {
    if ns >= 1_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The interleaved table: `rounds` rounds of a batch of each side.
fn ratios(rounds: usize, scale: u64, filters: &[String]) {
    println!("| hot path | crate (median) | floor (median) | ratio (median of rounds) |");
    println!("|---|---|---|---|");
    for mut path in hot_paths(filters) {
        let n = (path.batch / scale).max(1);
        // Warm up both.
        (path.run_crate)(n);
        (path.run_floor)(n);
        let (mut crate_ns, mut floor_ns, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (c, f) = if round % 2 == 0 {
                let c = (path.run_crate)(n);
                (c, (path.run_floor)(n))
            } else {
                let f = (path.run_floor)(n);
                ((path.run_crate)(n), f)
            };
            crate_ns.push(nanos(c, n));
            floor_ns.push(nanos(f, n));
            ratio.push(c.as_secs_f64() / f.as_secs_f64());
        }
        println!(
            "| `{}`: {} | {} | {} | {:.2}× |",
            path.name,
            path.what,
            show(median(&mut crate_ns)),
            show(median(&mut floor_ns)),
            median(&mut ratio)
        );
    }
}

/// Criterion, crate and floor side by side: `<path>/crate` and `<path>/floor`.
fn criterion_benches(c: &mut Criterion, filters: &[String]) {
    for mut path in hot_paths(filters) {
        let mut group = c.benchmark_group(path.name);
        group.bench_function("crate", |b| b.iter_custom(|n| (path.run_crate)(n)));
        group.bench_function("floor", |b| b.iter_custom(|n| (path.run_floor)(n)));
        group.finish();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let only_ratios = args.iter().any(|a| a == "ratios");
    // Criterion's filter, and ours: the hot paths named.
    let filters: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-') && *a != "ratios")
        .cloned()
        .collect();
    if benching {
        if only_ratios || filters.is_empty() {
            ratios(41, 1, &filters);
        }
        if only_ratios {
            return;
        }
    } else {
        // `cargo test --benches`: every check, and one short round.
        ratios(1, 1_000, &filters);
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    criterion_benches(&mut c, &filters);
    c.final_summary();
}
