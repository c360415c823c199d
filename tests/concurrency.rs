//! One registry shared between threads, as the README shows it: `Arc<Mutex<InMemoryRegistry>>`
//! for writers, `Arc<RwLock<InMemoryRegistry>>` when reads (which take `&self`) dominate.
//!
//! 8 threads × 10,000 StartExecution calls through aliases with forced routing (100/0 and 0/100)
//! and through version ARNs, with explicit unique names and generated ones; afterwards
//! ListExecutions (every page) finds each execution exactly once, and the per-version and
//! per-alias counts are exact.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Barrier, Mutex, RwLock};
use std::thread;

use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DescribeExecutionInput, DescribeStateMachineAliasInput,
    DescribeStateMachineInput, ExecutionListItem, ExecutionStatus, ListExecutionsInput, RoutingConfigurationListItem,
    StartExecutionInput, UpdateStateMachineInput,
};
use sfn_registry::{InMemoryRegistry, ManualClock, Registry, Timestamp};

const THREADS: usize = 8;
const PER_THREAD: usize = 10_000;
/// Every `GENERATED_EVERY`-th call of a thread gives no name: the registry draws one.
const GENERATED_EVERY: usize = 7;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn route(arn: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::new(arn, weight)
}

/// `orders` with versions 1 and 2, and the aliases ONE (v1 100 / v2 0), TWO (v1 0 / v2 100).
struct Setup {
    reg: InMemoryRegistry,
    sm: String,
    v1: String,
    v2: String,
    one: String,
    two: String,
}

fn setup(seed: u64) -> Setup {
    let mut reg = InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(seed)
        .build()
        .expect("valid scope");
    let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    create.publish = true;
    let created = reg.create_state_machine(create).expect("create");
    let sm = created.state_machine_arn.to_string();
    let v1 = created.state_machine_version_arn.expect("v1").to_string();
    let mut update = UpdateStateMachineInput::new(&sm);
    update.definition = Some(def("r2"));
    update.publish = true;
    let v2 = reg
        .update_state_machine(update)
        .expect("update")
        .state_machine_version_arn
        .expect("v2")
        .to_string();
    let mut alias = |name: &str, routing| {
        reg.create_state_machine_alias(CreateStateMachineAliasInput::new(name, routing))
            .expect("alias")
            .state_machine_alias_arn
            .to_string()
    };
    let one = alias("ONE", vec![route(&v1, 100), route(&v2, 0)]);
    let two = alias("TWO", vec![route(&v1, 0), route(&v2, 100)]);
    Setup {
        reg,
        sm,
        v1,
        v2,
        one,
        two,
    }
}

/// What thread `t` starts its executions through, and the version each must run.
fn target(s: &Setup, t: usize) -> (&str, &str) {
    match t % 4 {
        0 => (&s.one, &s.v1),
        1 => (&s.two, &s.v2),
        2 => (&s.v1, &s.v1),
        _ => (&s.v2, &s.v2),
    }
}

fn start_input(arn: &str, t: usize, i: usize) -> StartExecutionInput {
    let mut input = StartExecutionInput::new(arn);
    if !i.is_multiple_of(GENERATED_EVERY) {
        input.name = Some(format!("t{t}-{i}"));
    }
    input.input = Some(format!(r#"{{"thread":{t},"call":{i}}}"#));
    input
}

/// Every page of ListExecutions for `arn`, `page_size` at a time.
fn list_all(reg: &InMemoryRegistry, arn: &str, page_size: i32) -> Vec<ExecutionListItem> {
    let mut all = Vec::new();
    let mut token = None;
    loop {
        let mut input = ListExecutionsInput::new(arn);
        input.max_results = Some(page_size);
        input.next_token = token;
        let page = reg.list_executions(input).expect("list executions");
        assert!(page.executions.len() <= usize::try_from(page_size).expect("positive"));
        all.extend(page.executions);
        match page.next_token {
            Some(next) => token = Some(next),
            None => return all,
        }
    }
}

/// Checks what the threads started against every page of every list: each execution listed
/// exactly once, none missing, and the version and alias of each as its thread forced them.
fn check_listing(reg: &InMemoryRegistry, s: &Setup, started: &[(usize, usize, String)]) {
    let total = THREADS * PER_THREAD;
    assert_eq!(started.len(), total);
    let started_arns: HashSet<&str> = started.iter().map(|(_, _, arn)| arn.as_str()).collect();
    assert_eq!(
        started_arns.len(),
        total,
        "every StartExecution returned a distinct execution"
    );

    let listed = list_all(reg, &s.sm, 1000);
    assert_eq!(listed.len(), total);
    let listed_arns: HashSet<&str> = listed.iter().map(|e| e.execution_arn.as_str()).collect();
    assert_eq!(listed_arns.len(), total, "no execution listed twice");
    assert_eq!(listed_arns, started_arns, "every execution listed, and only those");

    // Newest first: execution numbers are start order, so the list is strictly ordered the
    // other way round from the order in which each thread's calls returned.
    let position: BTreeMap<&str, usize> = listed
        .iter()
        .enumerate()
        .map(|(i, e)| (e.execution_arn.as_str(), i))
        .collect();
    for t in 0..THREADS {
        let of_thread: Vec<usize> = started
            .iter()
            .filter(|(thread, _, _)| *thread == t)
            .map(|(_, _, arn)| position[arn.as_str()])
            .collect();
        assert!(
            of_thread.windows(2).all(|w| w[0] > w[1]),
            "thread {t}'s executions out of order"
        );
    }

    // Per version and per route, exact.
    let mut by_route: BTreeMap<(Option<String>, Option<String>), usize> = BTreeMap::new();
    for e in &listed {
        assert_eq!(e.status, ExecutionStatus::Running);
        let key = (
            e.state_machine_version_arn.as_ref().map(ToString::to_string),
            e.state_machine_alias_arn.as_ref().map(ToString::to_string),
        );
        *by_route.entry(key).or_default() += 1;
    }
    let per_target = PER_THREAD * THREADS / 4;
    let expected: BTreeMap<(Option<String>, Option<String>), usize> = [
        ((Some(s.v1.clone()), Some(s.one.clone())), per_target),
        ((Some(s.v2.clone()), Some(s.two.clone())), per_target),
        ((Some(s.v1.clone()), None), per_target),
        ((Some(s.v2.clone()), None), per_target),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_route, expected);
    let per_version = |v: &str| {
        listed
            .iter()
            .filter(|e| e.state_machine_version_arn.as_ref().is_some_and(|a| a.as_str() == v))
            .count()
    };
    assert_eq!(per_version(&s.v1), total / 2);
    assert_eq!(per_version(&s.v2), total / 2);

    // The same counts through the qualified lists, with another page size: a version lists
    // those started with its ARN and those an alias routed to it.
    for (arn, count) in [
        (&s.one, per_target),
        (&s.two, per_target),
        (&s.v1, 2 * per_target),
        (&s.v2, 2 * per_target),
    ] {
        let listed = list_all(reg, arn, 777);
        assert_eq!(listed.len(), count, "ListExecutions({arn})");
        let distinct: HashSet<&str> = listed.iter().map(|e| e.execution_arn.as_str()).collect();
        assert_eq!(distinct.len(), count, "ListExecutions({arn}) lists each once");
    }

    // Names: explicit ones as given, generated ones distinct UUIDs.
    let generated = started
        .iter()
        .filter(|(_, i, _)| i.is_multiple_of(GENERATED_EVERY))
        .count();
    assert_eq!(generated, THREADS * PER_THREAD.div_ceil(GENERATED_EVERY));
    for (t, i, arn) in started.iter().step_by(97) {
        let described = reg
            .describe_execution(DescribeExecutionInput::new(arn))
            .expect("describe");
        let name = described.name.map(String::from).expect("a name");
        if i.is_multiple_of(GENERATED_EVERY) {
            assert_eq!(name.len(), 36, "a generated UUID name: {name}");
        } else {
            assert_eq!(name, format!("t{t}-{i}"));
        }
        assert_eq!(described.input, Some(format!(r#"{{"thread":{t},"call":{i}}}"#)));
        let (_, version) = target(s, *t);
        assert_eq!(
            described.state_machine_version_arn.map(String::from).as_deref(),
            Some(version)
        );
    }
}

#[test]
fn eight_threads_start_80000_executions_through_a_mutex() {
    let s = setup(11);
    let shared = Arc::new(Mutex::new(s.reg.clone()));
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let shared = Arc::clone(&shared);
            let start = Arc::clone(&start);
            let (arn, _) = target(&s, t);
            let arn = arn.to_owned();
            thread::spawn(move || {
                start.wait();
                (0..PER_THREAD)
                    .map(|i| {
                        let out = shared
                            .lock()
                            .expect("not poisoned")
                            .start_execution(start_input(&arn, t, i))
                            .unwrap_or_else(|e| panic!("thread {t} call {i}: {e:?}"));
                        (t, i, out.execution_arn.to_string())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let started: Vec<(usize, usize, String)> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("thread panicked"))
        .collect();
    let reg = Arc::try_unwrap(shared)
        .expect("the threads are done")
        .into_inner()
        .expect("not poisoned");
    check_listing(&reg, &s, &started);
}

#[test]
fn readers_share_an_rwlock_while_writers_start_executions() {
    const WRITERS: usize = 2;
    const READERS: usize = 6;
    const WRITES: usize = 5_000;
    const READS: usize = 1_000;

    let s = setup(12);
    let shared = Arc::new(RwLock::new(s.reg.clone()));

    // Reads take `&self`: two readers hold the lock at the same time (each waits for the other
    // while holding its read guard, which only shared access allows).
    let both = Arc::new(Barrier::new(2));
    let overlapping: Vec<_> = (0..2)
        .map(|_| {
            let shared = Arc::clone(&shared);
            let both = Arc::clone(&both);
            let alias = s.one.clone();
            thread::spawn(move || {
                let reg = shared.read().expect("not poisoned");
                both.wait();
                reg.describe_state_machine_alias(DescribeStateMachineAliasInput::new(&alias))
                    .expect("describe alias")
            })
        })
        .collect();
    for h in overlapping {
        h.join().expect("reader panicked");
    }

    let go = Arc::new(Barrier::new(WRITERS + READERS));
    let writers: Vec<_> = (0..WRITERS)
        .map(|t| {
            let shared = Arc::clone(&shared);
            let go = Arc::clone(&go);
            let (arn, _) = target(&s, t);
            let arn = arn.to_owned();
            thread::spawn(move || {
                go.wait();
                (0..WRITES)
                    .map(|i| {
                        let out = shared
                            .write()
                            .expect("not poisoned")
                            .start_execution(start_input(&arn, t, i))
                            .unwrap_or_else(|e| panic!("writer {t} call {i}: {e:?}"));
                        out.execution_arn.to_string()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let readers: Vec<_> = (0..READERS)
        .map(|r| {
            let shared = Arc::clone(&shared);
            let go = Arc::clone(&go);
            let (sm, one, two) = (s.sm.clone(), s.one.clone(), s.two.clone());
            thread::spawn(move || {
                go.wait();
                let mut last_total = 0;
                for n in 0..READS {
                    let reg = shared.read().expect("not poisoned");
                    match (r + n) % 3 {
                        // The newest page: each execution once, and never fewer than before.
                        0 => {
                            let mut input = ListExecutionsInput::new(&sm);
                            input.max_results = Some(50);
                            let page = reg.list_executions(input).expect("list");
                            let distinct: HashSet<&str> =
                                page.executions.iter().map(|e| e.execution_arn.as_str()).collect();
                            assert_eq!(distinct.len(), page.executions.len());
                            for e in &page.executions {
                                reg.describe_execution(DescribeExecutionInput::new(e.execution_arn.as_str()))
                                    .expect("a listed execution can be described");
                            }
                        }
                        // The aliases route as forced, whatever the writers do.
                        1 => {
                            for alias in [&one, &two] {
                                let described = reg
                                    .describe_state_machine_alias(DescribeStateMachineAliasInput::new(alias))
                                    .expect("describe alias");
                                assert_eq!(described.routing_configuration.routes().len(), 2);
                            }
                        }
                        // Through one alias: a count that only grows.
                        _ => {
                            let total = list_all(&reg, &one, 1000).len();
                            assert!(total >= last_total, "{total} < {last_total}");
                            last_total = total;
                            reg.describe_state_machine(DescribeStateMachineInput::new(&sm))
                                .expect("describe");
                        }
                    }
                }
            })
        })
        .collect();

    let mut started = Vec::new();
    for h in writers {
        started.extend(h.join().expect("writer panicked"));
    }
    for h in readers {
        h.join().expect("reader panicked");
    }

    let reg = shared.read().expect("not poisoned");
    let listed = list_all(&reg, &s.sm, 1000);
    assert_eq!(listed.len(), WRITERS * WRITES);
    let listed: HashSet<String> = listed.iter().map(|e| e.execution_arn.to_string()).collect();
    let started: HashSet<String> = started.into_iter().collect();
    assert_eq!(listed.len(), WRITERS * WRITES, "no execution listed twice");
    assert_eq!(listed, started);
    assert_eq!(list_all(&reg, &s.one, 1000).len(), WRITES);
    assert_eq!(list_all(&reg, &s.two, 1000).len(), WRITES);
}

#[test]
fn the_registry_is_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<InMemoryRegistry>();
    send_sync::<Arc<Mutex<InMemoryRegistry>>>();
    send_sync::<Arc<RwLock<InMemoryRegistry>>>();
    send_sync::<Mutex<Box<dyn Registry + Send>>>();
}

#[test]
fn a_boxed_dyn_registry_moves_between_threads_and_is_shared_behind_a_mutex() {
    let s = setup(13);
    let boxed: Box<dyn Registry + Send> = Box::new(s.reg.clone());

    // Moved to another thread and back.
    let one = s.one.clone();
    let boxed = thread::spawn(move || {
        let mut boxed = boxed;
        let mut input = StartExecutionInput::new(&one);
        input.name = Some("moved".to_owned());
        boxed.start_execution(input).expect("start in another thread");
        boxed
    })
    .join()
    .expect("thread panicked");
    let listed = list_all_dyn(boxed.as_ref(), &s.one);
    assert_eq!(listed.len(), 1);

    // Shared by several threads.
    let shared: Arc<Mutex<Box<dyn Registry + Send>>> = Arc::new(Mutex::new(boxed));
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let shared = Arc::clone(&shared);
            let arn = if t % 2 == 0 { s.one.clone() } else { s.two.clone() };
            thread::spawn(move || {
                for i in 0..250 {
                    let mut input = StartExecutionInput::new(&arn);
                    input.name = Some(format!("dyn-{t}-{i}"));
                    shared
                        .lock()
                        .expect("not poisoned")
                        .start_execution(input)
                        .expect("start through dyn Registry");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread panicked");
    }
    let reg = shared.lock().expect("not poisoned");
    assert_eq!(list_all_dyn(reg.as_ref(), &s.one).len(), 1 + 500);
    assert_eq!(list_all_dyn(reg.as_ref(), &s.two).len(), 500);
    assert_eq!(list_all_dyn(reg.as_ref(), &s.sm).len(), 1 + 1000);
}

fn list_all_dyn(reg: &dyn Registry, arn: &str) -> Vec<ExecutionListItem> {
    let mut all = Vec::new();
    let mut token = None;
    loop {
        let mut input = ListExecutionsInput::new(arn);
        input.max_results = Some(100);
        input.next_token = token;
        let page = reg.list_executions(input).expect("list executions");
        all.extend(page.executions);
        match page.next_token {
            Some(next) => token = Some(next),
            None => return all,
        }
    }
}
