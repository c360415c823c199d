//! Criterion benchmarks of [`InMemoryRegistry`]: ARN parsing, publishing, aliases, the list
//! operations, the JSON adapter and executions (start, describe, list, history).
//!
//! ```text
//! cargo bench --bench registry              # everything (about 2.5 min)
//! cargo bench --bench registry -- list/     # one group
//! cargo bench --bench registry -- execution/  # the executions (about 50 s)
//! cargo test --benches                      # each benchmark once, as a smoke test
//! ```
//!
//! Every registry runs on a [`ManualClock`] that never moves and a fixed seed, so each run does
//! exactly the same work. Requests are built outside the measured section: the trait takes them
//! by value, so the read benchmarks hand each call a clone made in `iter_batched`'s setup, and
//! what is timed is the call alone. Fixtures are built on first use, so a filtered run builds
//! only the ones it needs.

use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineAliasInput,
    DeleteStateMachineVersionInput, DescribeExecutionInput, ExecutionStatus, GetExecutionHistoryInput,
    ListExecutionsInput, ListStateMachineAliasesInput, ListStateMachineVersionsInput, ListStateMachinesInput,
    PublishStateMachineVersionInput, RoutingConfigurationListItem, StartExecutionInput, UpdateStateMachineInput,
};
use sfn_registry::{
    AliasName, Arn, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, StateEvent,
    StateMachineAliasArn, StateMachineArn, StateMachineVersionArn, StateType, Timestamp, VersionNumber, handle_json,
};

const SEED: u64 = 0x5eed_0001;
const START: Timestamp = Timestamp::from_unix_millis(1_700_000_000_000);
const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const VERSION_ARN: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders:42";
const ALIAS_ARN: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders:PROD";

/// A small Pass-state definition (about 90 bytes); `n` makes each one distinct.
fn definition(n: u64) -> String {
    format!(r#"{{"StartAt": "Hello", "States": {{"Hello": {{"Type": "Pass", "Result": "r{n}", "End": true}}}}}}"#)
}

/// An empty registry on a clock that stands still at [`START`], with the fixed seed.
fn registry() -> InMemoryRegistry {
    InMemoryRegistry::builder()
        .clock(ManualClock::new(START))
        .seed(SEED)
        .build()
        .expect("the default scope is valid")
}

fn version_number(n: u32) -> VersionNumber {
    VersionNumber::new(n).expect("version numbers start at 1")
}

/// A registry holding one state machine, `orders`, and the bookkeeping to publish and delete
/// its versions without asking the registry.
struct Machine {
    registry: InMemoryRegistry,
    arn: StateMachineArn,
    /// Revisions made so far: the next definition's `n`.
    revisions: u64,
    /// The oldest live version; versions `oldest..next` are live.
    oldest: u32,
    /// The number the next published version gets.
    next: u32,
}

impl Machine {
    /// `orders` at its initial revision, with no version.
    fn new() -> Self {
        let mut registry = registry();
        let created = registry
            .create_state_machine(CreateStateMachineInput::new("orders", definition(0), ROLE))
            .expect("CreateStateMachine");
        Machine {
            registry,
            arn: created.state_machine_arn,
            revisions: 1,
            oldest: 1,
            next: 1,
        }
    }

    /// `orders` with `live` versions (1..=live), each of its own revision; the current revision
    /// is the newest version's.
    fn with_versions(live: u32) -> Self {
        let mut m = Machine::new();
        for i in 0..live {
            if i > 0 {
                m.new_revision();
            }
            let published = m
                .registry
                .publish_state_machine_version(m.publish_input())
                .expect("publish");
            assert_eq!(
                published.state_machine_version_arn.version(),
                m.version(m.next).version()
            );
            m.next += 1;
        }
        m
    }

    fn live(&self) -> u32 {
        self.next - self.oldest
    }

    fn version(&self, n: u32) -> StateMachineVersionArn {
        self.arn.version(version_number(n))
    }

    fn publish_input(&self) -> PublishStateMachineVersionInput {
        PublishStateMachineVersionInput::new(&self.arn)
    }

    /// UpdateStateMachine with a definition never used before: a new, unpublished revision.
    fn new_revision(&mut self) {
        let mut update = UpdateStateMachineInput::new(&self.arn);
        update.definition = Some(definition(self.revisions));
        self.revisions += 1;
        let updated = self.registry.update_state_machine(update).expect("UpdateStateMachine");
        assert!(updated.revision_id.is_some(), "a new definition makes a new revision");
    }

    fn delete_oldest(&mut self) {
        let oldest = self.version(self.oldest);
        self.registry
            .delete_state_machine_version(DeleteStateMachineVersionInput::new(&oldest))
            .expect("DeleteStateMachineVersion");
        self.oldest += 1;
    }

    /// A 90/10 routing over the two newest versions.
    fn routing_90_10(&self) -> Vec<RoutingConfigurationListItem> {
        assert!(self.live() >= 2, "a 90/10 routing needs two versions");
        vec![
            RoutingConfigurationListItem::new(self.version(self.next - 2), 90),
            RoutingConfigurationListItem::new(self.version(self.next - 1), 10),
        ]
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(100)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

fn arn(c: &mut Criterion) {
    c.bench_function("arn/parse_version", |b| {
        b.iter(|| StateMachineVersionArn::parse(black_box(VERSION_ARN)).expect("a version ARN"));
    });
    c.bench_function("arn/parse_any", |b| {
        b.iter(|| Arn::parse(black_box(ALIAS_ARN)).expect("an alias ARN"));
    });
    let version = StateMachineVersionArn::parse(VERSION_ARN).expect("a version ARN");
    c.bench_function("arn/display", |b| b.iter(|| black_box(&version).to_string()));
}

/// PublishStateMachineVersion of a new revision on a state machine kept at `live` live
/// versions: each setup deletes the oldest version once `live` are live (so the 1,000-version
/// quota is never reached) and makes a new revision; only the publish is timed.
///
/// The registry is shared by setup and routine, so the batch size is one: setup must run right
/// before each publish. That adds the timer's own cost to every timed call: about 40 ns on a
/// 2-core VM, measured with an empty routine.
fn publish_new_version(c: &mut Criterion, name: &str, live: u32) {
    let mut fixture = None;
    c.bench_function(name, |b| {
        let m = RefCell::new(fixture.get_or_insert_with(|| Machine::with_versions(live)));
        b.iter_batched(
            || {
                let mut m = m.borrow_mut();
                if m.live() >= live {
                    m.delete_oldest();
                }
                m.new_revision();
                m.publish_input()
            },
            |input| {
                let mut m = m.borrow_mut();
                let published = m.registry.publish_state_machine_version(input).expect("publish");
                m.next += 1;
                published
            },
            BatchSize::PerIteration,
        );
    });
    if let Some(m) = &fixture {
        // Every timed call created a version: the registry agrees with the bookkeeping.
        let page = m
            .registry
            .list_state_machine_versions(ListStateMachineVersionsInput::new(&m.arn))
            .expect("list");
        assert_eq!(
            page.state_machine_versions[0].state_machine_version_arn,
            m.version(m.next - 1)
        );
        assert_eq!(
            u32::try_from(page.state_machine_versions.len()).ok(),
            Some(live.min(100))
        );
    }
}

fn publish(c: &mut Criterion) {
    publish_new_version(c, "publish/new_version", 10);
    publish_new_version(c, "publish/new_version_999_live", 999);

    let mut fixture = None;
    c.bench_function("publish/idempotent", |b| {
        let m = fixture.get_or_insert_with(|| Machine::with_versions(10));
        let input = m.publish_input();
        let newest = m.version(m.next - 1);
        b.iter_batched(
            || input.clone(),
            |input| {
                let published = m.registry.publish_state_machine_version(input).expect("publish");
                debug_assert_eq!(published.state_machine_version_arn, newest);
                published
            },
            BatchSize::SmallInput,
        );
    });
}

/// CreateStateMachineAlias `PROD`, 90/10 over two versions. Setup deletes `PROD`, so every
/// timed call creates it (never the idempotent answer) and the 100-alias quota is never near.
fn alias(c: &mut Criterion) {
    let mut fixture = None;
    c.bench_function("alias/create", |b| {
        let m = RefCell::new(fixture.get_or_insert_with(|| {
            let m = Machine::with_versions(2);
            let prod = m.arn.alias(&AliasName::new("PROD").expect("an alias name"));
            (m, prod)
        }));
        b.iter_batched(
            || {
                let mut m = m.borrow_mut();
                let (m, prod) = &mut **m;
                m.registry
                    .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&*prod))
                    .expect("DeleteStateMachineAlias");
                CreateStateMachineAliasInput::new("PROD", m.routing_90_10())
            },
            |input| {
                let mut m = m.borrow_mut();
                let (m, prod) = &mut **m;
                let created = m
                    .registry
                    .create_state_machine_alias(input)
                    .expect("CreateStateMachineAlias");
                debug_assert_eq!(created.state_machine_alias_arn, *prod);
                created
            },
            BatchSize::PerIteration,
        );
    });
}

fn list(c: &mut Criterion) {
    // 1,000 versions (the quota) on one state machine; pages are newest first.
    let mut versions = None;
    c.bench_function("list/versions_page_100", |b| {
        let m = versions.get_or_insert_with(|| Machine::with_versions(1000));
        let input = ListStateMachineVersionsInput::new(&m.arn);
        let page = m.registry.list_state_machine_versions(input.clone()).expect("list");
        assert_eq!(page.state_machine_versions.len(), 100);
        b.iter_batched(
            || input.clone(),
            |input| m.registry.list_state_machine_versions(input).expect("list"),
            BatchSize::SmallInput,
        );
    });
    c.bench_function("list/versions_page_100_second", |b| {
        let m = versions.get_or_insert_with(|| Machine::with_versions(1000));
        let mut input = ListStateMachineVersionsInput::new(&m.arn);
        input.next_token = m
            .registry
            .list_state_machine_versions(input.clone())
            .expect("list")
            .next_token;
        assert!(input.next_token.is_some());
        let page = m.registry.list_state_machine_versions(input.clone()).expect("list");
        assert_eq!(page.state_machine_versions.len(), 100);
        assert_eq!(page.state_machine_versions[0].state_machine_version_arn, m.version(900));
        b.iter_batched(
            || input.clone(),
            |input| m.registry.list_state_machine_versions(input).expect("list"),
            BatchSize::SmallInput,
        );
    });

    // 100 aliases (the quota) over two versions: one page holds them all.
    let mut aliases = None;
    c.bench_function("list/aliases_page_100", |b| {
        let m = aliases.get_or_insert_with(|| {
            let mut m = Machine::with_versions(2);
            for i in 0..100 {
                let create = CreateStateMachineAliasInput::new(format!("alias-{i:03}"), m.routing_90_10());
                m.registry
                    .create_state_machine_alias(create)
                    .expect("CreateStateMachineAlias");
            }
            m
        });
        let input = ListStateMachineAliasesInput::new(&m.arn);
        let page = m.registry.list_state_machine_aliases(input.clone()).expect("list");
        assert_eq!((page.state_machine_aliases.len(), page.next_token), (100, None));
        b.iter_batched(
            || input.clone(),
            |input| m.registry.list_state_machine_aliases(input).expect("list"),
            BatchSize::SmallInput,
        );
    });

    // 10,000 state machines: the first page.
    let mut machines = None;
    c.bench_function("list/state_machines_page_100", |b| {
        let many = machines.get_or_insert_with(|| {
            let mut registry = registry();
            for i in 0..10_000 {
                let create = CreateStateMachineInput::new(format!("sm-{i:05}"), definition(i), ROLE);
                registry.create_state_machine(create).expect("CreateStateMachine");
            }
            registry
        });
        let page = many.list_state_machines(ListStateMachinesInput::new()).expect("list");
        assert_eq!(page.state_machines.len(), 100);
        assert!(page.next_token.is_some());
        b.iter_batched(
            ListStateMachinesInput::new,
            |input| many.list_state_machines(input).expect("list"),
            BatchSize::SmallInput,
        );
    });
}

/// DescribeStateMachine through the AWS JSON 1.0 adapter: parse the body, describe, serialize.
fn json(c: &mut Criterion) {
    let mut fixture = None;
    c.bench_function("json/describe_state_machine", |b| {
        let (m, body) = fixture.get_or_insert_with(|| {
            let m = Machine::with_versions(1);
            let body = format!(r#"{{"stateMachineArn": "{}"}}"#, m.arn);
            (m, body.into_bytes())
        });
        let body: &[u8] = body;
        let registry: &mut dyn Registry = &mut m.registry;
        let response = handle_json(registry, "AWSStepFunctions.DescribeStateMachine", body);
        assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
        b.iter(|| {
            handle_json(
                registry,
                black_box("AWSStepFunctions.DescribeStateMachine"),
                black_box(body),
            )
        });
    });
}

/// `orders` with versions 1 and 2 and the alias `PROD` routing 90/10 over them, with
/// executions started through `PROD` under generated names.
struct AliasRuns {
    registry: InMemoryRegistry,
    arn: StateMachineArn,
    prod: StateMachineAliasArn,
    /// Executions started so far.
    started: u64,
}

/// [`AliasRuns`] holding `count` executions, and the ones the benchmarks read.
struct ExecutionFixture {
    runs: AliasRuns,
    /// The execution in the middle (position `count / 2`, from 0): ended (`SUCCEEDED`, output
    /// `{}`), as is every execution at an even position; the others still run.
    ended: ExecutionRef,
    /// The execution started last: the first of the first page, newest first.
    newest: ExecutionRef,
    /// The execution started 101st from last: the first of the second page.
    second_page_head: ExecutionRef,
}

impl AliasRuns {
    fn new() -> Self {
        let Machine { mut registry, arn, .. } = Machine::with_versions(2);
        let routing = vec![
            RoutingConfigurationListItem::new(arn.version(version_number(1)), 90),
            RoutingConfigurationListItem::new(arn.version(version_number(2)), 10),
        ];
        let prod = registry
            .create_state_machine_alias(CreateStateMachineAliasInput::new("PROD", routing))
            .expect("CreateStateMachineAlias")
            .state_machine_alias_arn;
        AliasRuns {
            registry,
            arn,
            prod,
            started: 0,
        }
    }

    fn start(&mut self) -> ExecutionRef {
        self.started += 1;
        self.registry
            .start_execution(StartExecutionInput::new(&self.prod))
            .expect("StartExecution")
            .execution_arn
    }

    /// A fresh fixture holding `count` (at least 101) executions.
    fn with_executions(count: u64) -> ExecutionFixture {
        assert!(count > 100, "the second page needs more than 100 executions");
        let mut runs = AliasRuns::new();
        let (mut ended, mut second_page_head, mut newest, mut to_version_2) = (None, None, None, 0_u64);
        let version_2 = runs.arn.version(version_number(2));
        for i in 0..count {
            let execution = runs.start();
            let view = runs.registry.execution(&execution).expect("a started execution exists");
            if view.version() == Some(&version_2) {
                to_version_2 += 1;
            }
            if i % 2 == 0 || i == count / 2 {
                runs.registry
                    .end_execution(&execution, ExecutionOutcome::succeeded("{}"))
                    .expect("end_execution");
            }
            if i == count / 2 {
                ended = Some(execution.clone());
            }
            if i == count - 101 {
                second_page_head = Some(execution.clone());
            }
            newest = Some(execution);
        }
        // The alias really routes 90/10: about a tenth went to version 2.
        assert!(
            (count / 20..=count * 3 / 20).contains(&to_version_2),
            "{to_version_2} of {count} executions went to version 2"
        );
        let ended = ended.expect("count / 2 < count");
        ExecutionFixture {
            runs,
            ended,
            newest: newest.expect("count > 0"),
            second_page_head: second_page_head.expect("count > 100"),
        }
    }
}

/// How many executions a `execution/start_via_alias` registry takes before it is replaced by
/// a fresh one (outside the timed section), so memory stays bounded (100,000 executions take
/// about 80 MB) however many iterations criterion asks for.
const START_CAP: u64 = 100_000;

/// StartExecution through `PROD` (90/10, generated names). The registry grows with every
/// call; `iter_custom` times the calls alone, on requests cloned beforehand, and swaps in a
/// fresh registry every [`START_CAP`] executions without timing it.
fn start_via_alias(c: &mut Criterion) {
    let mut fixture = None;
    c.bench_function("execution/start_via_alias", |b| {
        let runs = fixture.get_or_insert_with(AliasRuns::new);
        let input = StartExecutionInput::new(&runs.prod);
        let mut inputs = Vec::new();
        let mut outputs = Vec::new();
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            let mut left = iters;
            while left > 0 {
                if runs.started >= START_CAP {
                    *runs = AliasRuns::new();
                }
                let n = left.min(START_CAP - runs.started);
                inputs.extend((0..n).map(|_| input.clone()));
                let timer = Instant::now();
                for input in inputs.drain(..) {
                    outputs.push(runs.registry.start_execution(input));
                }
                timed += timer.elapsed();
                runs.started += n;
                left -= n;
                for output in outputs.drain(..) {
                    output.expect("StartExecution");
                }
            }
            timed
        });
    });
    if let Some(runs) = &fixture {
        // Every timed call started an execution through the alias.
        let listed = runs
            .registry
            .list_executions(ListExecutionsInput::new(&runs.prod))
            .expect("ListExecutions");
        assert_eq!(listed.executions.len(), usize::try_from(runs.started.min(100)).unwrap());
    }
}

/// DescribeExecution, ListExecutions and GetExecutionHistory over `orders` holding 1,000 or
/// 100,000 executions started through `PROD`. Each fixture is built once, by the first
/// benchmark that needs it.
fn execution(c: &mut Criterion) {
    start_via_alias(c);

    let mut thousand = None;
    c.bench_function("execution/describe", |b| {
        let f = thousand.get_or_insert_with(|| AliasRuns::with_executions(1_000));
        let input = DescribeExecutionInput::new(&f.ended);
        let described = f
            .runs
            .registry
            .describe_execution(input.clone())
            .expect("DescribeExecution");
        assert_eq!(described.status, ExecutionStatus::Succeeded);
        assert_eq!(described.output.as_deref(), Some("{}"));
        assert_eq!(described.state_machine_alias_arn.as_ref(), Some(&f.runs.prod));
        b.iter_batched(
            || input.clone(),
            |input| f.runs.registry.describe_execution(input).expect("DescribeExecution"),
            BatchSize::SmallInput,
        );
    });
    c.bench_function("execution/history_page", |b| {
        let f = thousand.get_or_insert_with(|| AliasRuns::with_executions(1_000));
        let input = GetExecutionHistoryInput::new(&f.ended);
        let history = f.runs.registry.get_execution_history(input.clone()).expect("history");
        assert_eq!((history.events.len(), history.next_token), (2, None));
        b.iter_batched(
            || input.clone(),
            |input| f.runs.registry.get_execution_history(input).expect("history"),
            BatchSize::SmallInput,
        );
    });
    list_page(
        c,
        "execution/list_page_100_of_1000",
        &mut thousand,
        1_000,
        Listing::Machine,
    );
    list_page(
        c,
        "execution/list_page_100_of_1000_by_alias",
        &mut thousand,
        1_000,
        Listing::Alias,
    );
    list_page(
        c,
        "execution/list_running_page_100_of_1000",
        &mut thousand,
        1_000,
        Listing::Running,
    );

    let mut hundred_thousand = None;
    let benches = [
        ("execution/list_page_100_of_100000", Listing::Machine),
        ("execution/list_page_100_of_100000_by_alias", Listing::Alias),
        (
            "execution/list_page_100_of_100000_second_page",
            Listing::MachineSecondPage,
        ),
        (
            "execution/list_page_100_of_100000_by_alias_second_page",
            Listing::AliasSecondPage,
        ),
        ("execution/list_running_page_100_of_100000", Listing::Running),
        (
            "execution/list_running_page_100_of_100000_by_alias",
            Listing::AliasRunning,
        ),
    ];
    for (name, listing) in benches {
        list_page(c, name, &mut hundred_thousand, 100_000, listing);
    }
    history_pages(c);
}

/// An ended execution of `orders` whose history holds `events` state events (entered and
/// exited `Pass` states, each carrying 1 KiB of data) between `ExecutionStarted` and
/// `ExecutionSucceeded`.
fn long_history(events: usize) -> (InMemoryRegistry, ExecutionRef) {
    let mut registry = registry();
    let arn = registry
        .create_state_machine(CreateStateMachineInput::new("orders", definition(0), ROLE))
        .expect("CreateStateMachine")
        .state_machine_arn;
    let execution = registry
        .start_execution(StartExecutionInput::new(&arn))
        .expect("StartExecution")
        .execution_arn;
    let data = format!(r#"{{"pad":"{}"}}"#, "x".repeat(1_014));
    for i in 0..events {
        let name = format!("S{}", i / 2);
        let event = if i % 2 == 0 {
            StateEvent::entered(StateType::Pass, name, data.clone())
        } else {
            StateEvent::exited(StateType::Pass, name, data.clone())
        };
        registry
            .record_state_event(&execution, event)
            .expect("record_state_event");
    }
    registry
        .end_execution(&execution, ExecutionOutcome::succeeded("{}"))
        .expect("end_execution");
    (registry, execution)
}

/// GetExecutionHistory pages of 100 events (with their data) from a history of 200 events and
/// from one of 25,000 (the most AWS keeps): only the page's events are built, so they cost the
/// same, first page or last.
fn history_pages(c: &mut Criterion) {
    for (name, events, last) in [
        ("execution/history_page_100_of_200", 198, false),
        ("execution/history_page_100_of_25000", 24_998, false),
        ("execution/history_last_page_100_of_25000", 24_998, true),
    ] {
        c.bench_function(name, |b| {
            let (registry, execution) = long_history(events);
            let mut input = GetExecutionHistoryInput::new(&execution);
            input.max_results = Some(100);
            let history = |input: GetExecutionHistoryInput| registry.get_execution_history(input).expect("history");
            if last {
                // Follow the tokens to the last page.
                while let Some(token) = history(input.clone()).next_token {
                    input.next_token = Some(token);
                }
            }
            let page = history(input.clone());
            assert_eq!(page.events.len(), 100);
            let first = if last { events as i64 + 2 - 99 } else { 1 };
            assert_eq!(page.events[0].id, first);
            b.iter_batched(|| input.clone(), history, BatchSize::SmallInput);
        });
    }
}

/// What a ListExecutions benchmark lists.
#[derive(Clone, Copy)]
enum Listing {
    /// The unqualified state machine ARN: every execution.
    Machine,
    /// The alias ARN: the executions started through it.
    Alias,
    /// The second page of [`Listing::Machine`], with the first page's `nextToken`.
    MachineSecondPage,
    /// The second page of [`Listing::Alias`].
    AliasSecondPage,
    /// The unqualified ARN with `statusFilter` RUNNING (half of the executions).
    Running,
    /// The alias ARN with `statusFilter` RUNNING.
    AliasRunning,
}

/// One ListExecutions page of 100 (the default `maxResults`) from a fixture of `count`
/// executions, built on first use. Every execution of the fixture was started through `PROD`,
/// so the machine and the alias listings both hold all of them, newest first.
fn list_page(c: &mut Criterion, name: &str, fixture: &mut Option<ExecutionFixture>, count: u64, listing: Listing) {
    c.bench_function(name, |b| {
        let f = fixture.get_or_insert_with(|| AliasRuns::with_executions(count));
        let list = |input: ListExecutionsInput| f.runs.registry.list_executions(input).expect("ListExecutions");
        let mut input = match listing {
            Listing::Machine | Listing::MachineSecondPage | Listing::Running => ListExecutionsInput::new(&f.runs.arn),
            Listing::Alias | Listing::AliasSecondPage | Listing::AliasRunning => ListExecutionsInput::new(&f.runs.prod),
        };
        if let Listing::Running | Listing::AliasRunning = listing {
            input.status_filter = Some(ExecutionStatus::Running);
        }
        let head = match listing {
            // The newest execution (at an odd position) is still running.
            Listing::Machine | Listing::Alias | Listing::Running | Listing::AliasRunning => &f.newest,
            Listing::MachineSecondPage | Listing::AliasSecondPage => {
                input.next_token = list(input.clone()).next_token;
                &f.second_page_head
            }
        };
        let page = list(input.clone());
        assert_eq!(page.executions.len(), 100);
        assert_eq!(page.executions[0].execution_arn.as_str(), head.as_str());
        assert!(page.next_token.is_some());
        b.iter_batched(|| input.clone(), list, BatchSize::SmallInput);
    });
}

criterion_group! {
    name = benches;
    config = config();
    targets = arn, publish, alias, list, json, execution
}
criterion_main!(benches);
