//! `ScopedRegistries`: one registry per partition, region and account behind one value. Each
//! scope is isolated, made on first write with the template's settings, seeded reproducibly
//! whatever the order scopes are used in, served in parallel with the others, and snapshotted,
//! logged and restored as a whole.

use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};
use sfn_registry::dto::{CreateStateMachineInput, StateMachineType, UpdateStateMachineInput};
use sfn_registry::{
    ArnScope, DefinitionValidator, Diagnostic, InMemoryRegistry, ManualClock, Registry, ScopedChange, ScopedRegistries,
    ScopedSnapshot, SnapshotErrorKind, Timestamp, derive_seed,
};

const PASS: &str = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;

fn scope(partition: &str, region: &str, account: &str) -> ArnScope {
    ArnScope::new(partition, region, account).unwrap()
}

/// The scopes the tests spread their writes over: three partitions, two accounts.
fn scopes() -> [ArnScope; 5] {
    [
        scope("aws", "us-east-1", "123456789012"),
        scope("aws", "us-west-2", "111111111111"),
        scope("aws", "us-west-2", "222222222222"),
        scope("aws-cn", "cn-north-1", "111111111111"),
        scope("aws-us-gov", "us-gov-west-1", "111111111111"),
    ]
}

fn head(scope: &ArnScope) -> String {
    format!(
        "arn:{}:states:{}:{}:",
        scope.partition(),
        scope.region(),
        scope.account_id()
    )
}

fn role(scope: &ArnScope) -> String {
    format!("arn:{}:iam::{}:role/sfn", scope.partition(), scope.account_id())
}

/// `operation` in `scope`; its 200 body as JSON.
#[track_caller]
fn call(registries: &ScopedRegistries, scope: &ArnScope, operation: &str, body: &Value) -> Value {
    let response = registries.handle_json(
        scope,
        &format!("AWSStepFunctions.{operation}"),
        body.to_string().as_bytes(),
    );
    let text = String::from_utf8_lossy(&response.body).into_owned();
    assert_eq!(response.status, 200, "{operation} in {scope:?}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// `operation` in `scope`; its error code.
#[track_caller]
fn error(registries: &ScopedRegistries, scope: &ArnScope, operation: &str, body: &Value) -> String {
    let response = registries.handle_json(
        scope,
        &format!("AWSStepFunctions.{operation}"),
        body.to_string().as_bytes(),
    );
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_ne!(response.status, 200, "{operation} in {scope:?} succeeded: {body}");
    body["__type"].as_str().unwrap().to_owned()
}

/// Every string in `value` that looks like a Step Functions or IAM ARN.
fn arns(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with("arn:") => found.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| arns(v, found)),
        Value::Object(map) => map.values().for_each(|v| arns(v, found)),
        _ => {}
    }
}

/// A state machine `orders` with two versions, a 90/10 alias and an execution through it, in
/// `scope`; every response of the way.
fn populate(registries: &ScopedRegistries, scope: &ArnScope) -> Vec<Value> {
    let created = call(
        registries,
        scope,
        "CreateStateMachine",
        &json!({"name": "orders", "definition": PASS, "roleArn": role(scope), "publish": true}),
    );
    let sm = created["stateMachineArn"].as_str().unwrap().to_owned();
    let updated = call(
        registries,
        scope,
        "UpdateStateMachine",
        &json!({"stateMachineArn": sm, "definition": PASS.replace("\"P\"", "\"Q\""), "publish": true}),
    );
    let alias = call(
        registries,
        scope,
        "CreateStateMachineAlias",
        &json!({"name": "PROD", "routingConfiguration": [
            {"stateMachineVersionArn": format!("{sm}:1"), "weight": 90},
            {"stateMachineVersionArn": format!("{sm}:2"), "weight": 10},
        ]}),
    );
    let started = call(
        registries,
        scope,
        "StartExecution",
        &json!({"stateMachineArn": alias["stateMachineAliasArn"], "name": "run-1"}),
    );
    let described = call(
        registries,
        scope,
        "DescribeExecution",
        &json!({"executionArn": started["executionArn"]}),
    );
    let listed = call(registries, scope, "ListStateMachines", &json!({}));
    vec![created, updated, alias, started, described, listed]
}

#[test]
fn every_scope_is_isolated_and_names_itself_in_every_arn() {
    let registries = ScopedRegistries::new(scopes()[0].clone(), InMemoryRegistry::builder().seed(1));
    for scope in scopes() {
        let responses = populate(&registries, &scope);
        let mut found = Vec::new();
        responses.iter().for_each(|r| arns(r, &mut found));
        assert!(found.len() >= 8, "{found:?}");
        for arn in found {
            let own = arn.starts_with(&head(&scope)) || arn == role(&scope);
            assert!(own, "{arn} in a response of {scope:?}");
        }
    }
    assert_eq!(registries.scopes().len(), 5);
    for scope in scopes() {
        // Only its own state machine is listed.
        let listed = call(&registries, &scope, "ListStateMachines", &json!({}));
        let listed: Vec<&str> = listed["stateMachines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["stateMachineArn"].as_str().unwrap())
            .collect();
        assert_eq!(listed, [format!("{}stateMachine:orders", head(&scope))]);
        // Every other scope's resources name nothing here.
        for other in scopes().iter().filter(|other| **other != scope) {
            let sm = format!("{}stateMachine:orders", head(other));
            for (operation, body, code) in [
                (
                    "DescribeStateMachine",
                    json!({"stateMachineArn": sm}),
                    "StateMachineDoesNotExist",
                ),
                (
                    "DescribeStateMachine",
                    json!({"stateMachineArn": format!("{sm}:1")}),
                    "StateMachineDoesNotExist",
                ),
                (
                    "DescribeStateMachineAlias",
                    json!({"stateMachineAliasArn": format!("{sm}:PROD")}),
                    "ResourceNotFound",
                ),
                (
                    "DescribeExecution",
                    json!({"executionArn": format!("{}execution:orders:run-1", head(other))}),
                    "ExecutionDoesNotExist",
                ),
                (
                    "StartExecution",
                    json!({"stateMachineArn": format!("{sm}:PROD")}),
                    "StateMachineDoesNotExist",
                ),
                ("ListTagsForResource", json!({"resourceArn": sm}), "ResourceNotFound"),
            ] {
                assert_eq!(
                    error(&registries, &scope, operation, &body),
                    code,
                    "{operation} of {other:?} in {scope:?}"
                );
            }
            // Deleting another scope's state machine deletes nothing (AWS answers success).
            call(
                &registries,
                &scope,
                "DeleteStateMachine",
                &json!({"stateMachineArn": sm}),
            );
        }
    }
    for scope in scopes() {
        let sm = format!("{}stateMachine:orders", head(&scope));
        call(
            &registries,
            &scope,
            "DescribeStateMachine",
            &json!({"stateMachineArn": sm}),
        );
    }
}

#[test]
fn a_scope_is_made_by_its_first_write_and_never_by_a_read() {
    let registries = ScopedRegistries::new(scopes()[0].clone(), InMemoryRegistry::builder().seed(1));
    let west = &scopes()[1];
    assert_eq!(
        call(&registries, west, "ListStateMachines", &json!({})),
        json!({"stateMachines": []})
    );
    let sm = format!("{}stateMachine:nothing", head(west));
    assert_eq!(
        error(
            &registries,
            west,
            "DescribeStateMachine",
            &json!({"stateMachineArn": sm})
        ),
        "StateMachineDoesNotExist"
    );
    assert_eq!(
        error(&registries, west, "Bogus", &json!({})),
        "UnknownOperationException"
    );
    assert!(registries.scopes().is_empty());

    call(
        &registries,
        west,
        "CreateStateMachine",
        &json!({"name": "a", "definition": PASS, "roleArn": role(west)}),
    );
    assert_eq!(registries.scopes(), std::slice::from_ref(west));
    // The registry is kept: a read sees the write.
    let listed = call(&registries, west, "ListStateMachines", &json!({}));
    assert_eq!(listed["stateMachines"].as_array().unwrap().len(), 1);
    // `with` makes the scope too.
    let gov = &scopes()[4];
    registries.with(gov, |registry| assert_eq!(registry.scope(), gov));
    assert_eq!(registries.scopes(), [west.clone(), gov.clone()]);
}

/// The revision ids `scope` hands out for the same calls.
fn revision_ids(registries: &ScopedRegistries, scope: &ArnScope) -> Vec<String> {
    registries.with(scope, revision_ids_of)
}

fn revision_ids_of(registry: &mut InMemoryRegistry) -> Vec<String> {
    let role = role(registry.scope());
    let created = registry
        .create_state_machine(CreateStateMachineInput::new("seeded", PASS, role))
        .unwrap();
    (0..3)
        .map(|n| {
            let mut update = UpdateStateMachineInput::new(&created.state_machine_arn);
            update.definition = Some(PASS.replace("\"P\"", &format!("\"P{n}\"")));
            registry
                .update_state_machine(update)
                .unwrap()
                .revision_id
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn each_scope_is_seeded_by_the_base_seed_and_its_scope_whatever_the_order_of_first_use() {
    let [default, west, _, china, gov] = scopes();
    let forward = ScopedRegistries::new(default.clone(), InMemoryRegistry::builder().seed(42));
    let backward = ScopedRegistries::new(default.clone(), InMemoryRegistry::builder().seed(42));
    let forward_ids: Vec<_> = [&west, &china, &gov].map(|s| revision_ids(&forward, s)).into();
    let backward_ids: Vec<_> = [&gov, &china, &west].map(|s| revision_ids(&backward, s)).into();
    assert_eq!(forward_ids[0], backward_ids[2]);
    assert_eq!(forward_ids[1], backward_ids[1]);
    assert_eq!(forward_ids[2], backward_ids[0]);
    // Scopes differ from one another.
    assert_ne!(forward_ids[0], forward_ids[1]);
    assert_ne!(forward_ids[1], forward_ids[2]);

    // One scope alone, repeated with its derived seed.
    assert_eq!(forward.base_seed(), 42);
    assert_eq!(forward.seed_of(&west), derive_seed(42, &west));
    let mut alone = InMemoryRegistry::builder()
        .partition(west.partition())
        .region(west.region())
        .account_id(west.account_id())
        .seed(derive_seed(42, &west))
        .build()
        .unwrap();
    assert_eq!(revision_ids_of(&mut alone), forward_ids[0]);

    // Another base seed, other ids.
    let other = ScopedRegistries::new(default, InMemoryRegistry::builder().seed(43));
    assert_ne!(revision_ids(&other, &west), forward_ids[0]);
}

#[test]
fn without_a_seed_the_base_seed_is_drawn_once_and_told() {
    let registries = ScopedRegistries::new(ArnScope::default(), InMemoryRegistry::builder());
    let base = registries.base_seed();
    let [_, west, ..] = scopes();
    assert_eq!(registries.seed_of(&west), derive_seed(base, &west));
    let ids = revision_ids(&registries, &west);
    let again = ScopedRegistries::new(ArnScope::default(), InMemoryRegistry::builder().seed(base));
    assert_eq!(revision_ids(&again, &west), ids);
}

#[derive(Debug)]
struct NoWaitStates;

impl DefinitionValidator for NoWaitStates {
    fn validate(&self, definition: &str, _kind: &StateMachineType) -> Vec<Diagnostic> {
        if definition.contains("\"Wait\"") {
            vec![Diagnostic::error(
                "SCHEMA_VALIDATION_FAILED",
                "No Wait states here",
                None,
            )]
        } else {
            Vec::new()
        }
    }
}

#[test]
fn every_scope_shares_the_templates_clock_and_validator() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let template = InMemoryRegistry::builder()
        .seed(5)
        .clock(clock.clone())
        .definition_validator(NoWaitStates);
    let registries = ScopedRegistries::new(scopes()[0].clone(), template);
    let wait = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}"#;
    for (n, scope) in scopes().iter().enumerate() {
        clock.set(Timestamp::from_unix_millis(1_700_000_000_000 + 1000 * n as i64));
        let created = call(
            &registries,
            scope,
            "CreateStateMachine",
            &json!({"name": "timed", "definition": PASS, "roleArn": role(scope)}),
        );
        assert_eq!(created["creationDate"], json!(1_700_000_000.0 + n as f64), "{scope:?}");
        let refused = error(
            &registries,
            scope,
            "CreateStateMachine",
            &json!({"name": "waits", "definition": wait, "roleArn": role(scope)}),
        );
        assert_eq!(refused, "InvalidDefinition", "{scope:?}");
    }
}

#[test]
fn scopes_are_served_in_parallel() {
    let registries = Arc::new(ScopedRegistries::new(
        scopes()[0].clone(),
        InMemoryRegistry::builder().seed(9),
    ));
    let [_, west, _, china, _] = scopes();
    // One thread holds the west scope's lock...
    let (entered_tx, entered_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let holder = {
        let registries = Arc::clone(&registries);
        let west = west.clone();
        thread::spawn(move || {
            registries.with(&west, |_| {
                entered_tx.send(()).unwrap();
                release_rx.recv().unwrap();
            });
        })
    };
    entered_rx.recv().unwrap();
    // ...while another scope serves writes and reads.
    let (done_tx, done_rx) = mpsc::channel();
    let worker = {
        let registries = Arc::clone(&registries);
        thread::spawn(move || {
            let responses = populate(&registries, &china);
            done_tx.send(responses.len()).unwrap();
        })
    };
    assert_eq!(
        done_rx.recv_timeout(Duration::from_secs(60)),
        Ok(6),
        "a scope waited for another scope's lock"
    );
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    worker.join().unwrap();
}

#[test]
fn concurrent_writes_to_many_scopes_all_land_in_their_scope() {
    let registries = Arc::new(ScopedRegistries::new(
        scopes()[0].clone(),
        InMemoryRegistry::builder().seed(3),
    ));
    let barrier = Arc::new(Barrier::new(8));
    let workers: Vec<_> = (0..8)
        .map(|t| {
            let registries = Arc::clone(&registries);
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                barrier.wait();
                for n in 0..50 {
                    // Every thread writes to every scope, a scope made by whichever comes first.
                    let scope = &scopes()[(t + n) % 5];
                    call(
                        &registries,
                        scope,
                        "CreateStateMachine",
                        &json!({"name": format!("t{t}-{n}"), "definition": PASS, "roleArn": role(scope)}),
                    );
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(registries.scopes().len(), 5);
    let mut total = 0;
    for scope in scopes() {
        let listed = call(&registries, &scope, "ListStateMachines", &json!({"maxResults": 1000}));
        let items = listed["stateMachines"].as_array().unwrap();
        assert_eq!(items.len(), 80, "{scope:?}");
        assert!(
            items
                .iter()
                .all(|item| item["stateMachineArn"].as_str().unwrap().starts_with(&head(&scope)))
        );
        total += items.len();
    }
    assert_eq!(total, 400);
}

#[test]
fn reads_of_one_scope_run_in_parallel_and_a_write_waits_for_them() {
    let registries = Arc::new(ScopedRegistries::new(
        scopes()[0].clone(),
        InMemoryRegistry::builder().seed(4),
    ));
    let west = scopes()[1].clone();
    populate(&registries, &west);
    // One thread reads the west scope and holds its read lock...
    let (entered_tx, entered_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let reader = {
        let registries = Arc::clone(&registries);
        let west = west.clone();
        thread::spawn(move || {
            registries.with_read(&west, |registry| {
                entered_tx.send(()).unwrap();
                release_rx.recv().unwrap();
                registry.scope().clone()
            })
        })
    };
    entered_rx.recv().unwrap();
    // ...while other reads of the same scope are answered...
    let (read_tx, read_rx) = mpsc::channel();
    {
        let registries = Arc::clone(&registries);
        let west = west.clone();
        thread::spawn(move || {
            let listed = call(&registries, &west, "ListStateMachines", &json!({}));
            let counted = registries.with_read(&west, |registry| registry.running_executions().count());
            read_tx.send((listed, counted)).unwrap();
        });
    }
    let (listed, running) = read_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("a read of a scope waited for another read of it");
    assert_eq!(listed["stateMachines"].as_array().unwrap().len(), 1);
    assert_eq!(running, 1);
    // ...and a write to it waits until the first read is over.
    let (wrote_tx, wrote_rx) = mpsc::channel();
    let writer = {
        let registries = Arc::clone(&registries);
        let west = west.clone();
        thread::spawn(move || {
            let created = call(
                &registries,
                &west,
                "CreateStateMachine",
                &json!({"name": "later", "definition": PASS, "roleArn": role(&west)}),
            );
            wrote_tx.send(created).unwrap();
        })
    };
    assert_eq!(
        wrote_rx.recv_timeout(Duration::from_millis(300)),
        Err(mpsc::RecvTimeoutError::Timeout),
        "a write ran while a read held the scope"
    );
    release_tx.send(()).unwrap();
    assert_eq!(reader.join().unwrap(), west);
    let created = wrote_rx.recv_timeout(Duration::from_secs(60)).expect("the write ran");
    assert_eq!(
        created["stateMachineArn"],
        json!(format!("{}stateMachine:later", head(&west)))
    );
    writer.join().unwrap();
}

#[test]
fn concurrent_reads_and_writes_of_one_scope_log_every_change_in_order() {
    let registries = Arc::new(recording(21));
    let scope = scopes()[3].clone();
    let empty = registries.snapshot();
    let barrier = Arc::new(Barrier::new(6));
    // Four writers create state machines and start executions in one scope...
    let writers: Vec<_> = (0..4)
        .map(|t| {
            let registries = Arc::clone(&registries);
            let barrier = Arc::clone(&barrier);
            let scope = scope.clone();
            thread::spawn(move || {
                barrier.wait();
                for n in 0..40 {
                    let created = call(
                        &registries,
                        &scope,
                        "CreateStateMachine",
                        &json!({"name": format!("w{t}-{n}"), "definition": PASS, "roleArn": role(&scope), "publish": true}),
                    );
                    call(
                        &registries,
                        &scope,
                        "StartExecution",
                        &json!({"stateMachineArn": created["stateMachineVersionArn"]}),
                    );
                }
            })
        })
        .collect();
    // ...while two readers list it: each sees whole writes, never fewer than before.
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let registries = Arc::clone(&registries);
            let barrier = Arc::clone(&barrier);
            let scope = scope.clone();
            thread::spawn(move || {
                barrier.wait();
                let mut last = 0;
                let mut reads = 0;
                while last < 160 {
                    let listed = call(&registries, &scope, "ListStateMachines", &json!({"maxResults": 1000}));
                    let count = listed["stateMachines"].as_array().unwrap().len();
                    assert!(count >= last, "a read saw {count} state machines after {last}");
                    last = count;
                    reads += 1;
                }
                reads
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    for reader in readers {
        assert!(reader.join().unwrap() > 0);
    }
    // The changes, in the order they were taken, rebuild the scope exactly.
    let changes = registries.take_changes();
    assert_eq!(changes.len(), 320, "a create and a start per step");
    let rebuilt = ScopedRegistries::restore_with_changes(scopes()[0].clone(), template(), empty, &changes).unwrap();
    assert_eq!(rebuilt.snapshot().to_json(), registries.snapshot().to_json());
}

/// A template on a clock that stands still, recording changes.
fn template() -> sfn_registry::InMemoryRegistryBuilder {
    InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .record_changes(true)
}

fn recording(base_seed: u64) -> ScopedRegistries {
    ScopedRegistries::new(scopes()[0].clone(), template().seed(base_seed))
}

/// The next revision id and alias pick of `scope`: what a restored collection must continue with.
fn continuation(registries: &ScopedRegistries, scope: &ArnScope) -> (Value, Value) {
    let sm = format!("{}stateMachine:orders", head(scope));
    let updated = call(
        registries,
        scope,
        "UpdateStateMachine",
        &json!({"stateMachineArn": sm, "definition": PASS.replace("\"P\"", "\"Z\"")}),
    );
    let started = call(
        registries,
        scope,
        "StartExecution",
        &json!({"stateMachineArn": format!("{sm}:PROD")}),
    );
    let described = call(
        registries,
        scope,
        "DescribeExecution",
        &json!({"executionArn": started["executionArn"]}),
    );
    (updated["revisionId"].clone(), described)
}

#[test]
fn a_snapshot_restores_every_scope_exactly() {
    let registries = recording(11);
    for scope in scopes() {
        populate(&registries, &scope);
    }
    let bytes = registries.snapshot().to_json();
    let restored = ScopedRegistries::restore(
        scopes()[0].clone(),
        template(),
        ScopedSnapshot::from_json(&bytes).unwrap(),
    )
    .unwrap();
    assert_eq!(restored.scopes(), registries.scopes());
    assert_eq!(restored.base_seed(), 11);
    assert_eq!(restored.snapshot().to_json(), bytes);
    for scope in scopes() {
        assert_eq!(restored.seed_of(&scope), derive_seed(11, &scope));
        assert_eq!(
            continuation(&restored, &scope),
            continuation(&registries, &scope),
            "{scope:?}"
        );
    }
    // A scope first used after the restore gets the seed it would have had without it.
    let new = scope("aws", "eu-central-1", "333333333333");
    assert_eq!(revision_ids(&restored, &new), revision_ids(&registries, &new));
}

#[test]
fn changes_replayed_on_a_snapshot_rebuild_every_scope() {
    let registries = recording(12);
    populate(&registries, &scopes()[0]);
    // Changes are handed over once, with their scope.
    let before = registries.take_changes();
    assert!(before.iter().all(|c| c.scope == scopes()[0]));
    assert!(registries.take_changes().is_empty());
    let snapshot = registries.snapshot();

    for scope in scopes().iter().skip(1) {
        populate(&registries, scope);
    }
    for scope in scopes() {
        continuation(&registries, &scope);
    }
    let changes = registries.take_changes();
    let in_scope = |s: &ArnScope| changes.iter().filter(|c| c.scope == *s).count();
    assert_eq!(in_scope(&scopes()[0]), 2);
    assert_eq!(in_scope(&scopes()[4]), 6);

    // Through JSON, as an embedder persists them.
    let lines: Vec<String> = changes.iter().map(|c| serde_json::to_string(c).unwrap()).collect();
    let first: Value = serde_json::from_str(&lines[0]).unwrap();
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["accountId", "change", "partition", "region"]);
    let read: Vec<ScopedChange> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(read, changes);
    let snapshot = ScopedSnapshot::from_json(&snapshot.to_json()).unwrap();

    let template = template();
    let replayed =
        ScopedRegistries::restore_with_changes(scopes()[0].clone(), template.clone(), snapshot.clone(), &read).unwrap();
    assert_eq!(replayed.snapshot(), registries.snapshot());

    // Scopes are independent: changes of different scopes may be replayed in any order...
    let mut by_scope = read.clone();
    by_scope.sort_by(|a, b| b.scope.cmp(&a.scope));
    let reordered =
        ScopedRegistries::restore_with_changes(scopes()[0].clone(), template.clone(), snapshot.clone(), &by_scope)
            .unwrap();
    assert_eq!(reordered.snapshot(), registries.snapshot());

    // ...but within a scope a lost change is detected.
    let mut lost = read.clone();
    let position = lost.iter().position(|c| c.scope == scopes()[3]).unwrap();
    lost.remove(position);
    let err = ScopedRegistries::restore_with_changes(scopes()[0].clone(), template.clone(), snapshot.clone(), &lost)
        .unwrap_err();
    assert!(
        matches!(
            err.kind(),
            SnapshotErrorKind::ChangeDoesNotApply | SnapshotErrorKind::ChangeDiverged
        ),
        "{err}"
    );
    assert!(
        err.to_string().starts_with(&format!("change {}: ", position + 1)),
        "{err}"
    );

    // A change moved to another scope does not apply there.
    let mut moved = read;
    moved[position].scope = scope("aws", "ap-south-1", "111111111111");
    assert!(ScopedRegistries::restore_with_changes(scopes()[0].clone(), template, snapshot, &moved).is_err());
}

#[test]
fn a_change_with_an_invalid_scope_is_not_read() {
    let registries = recording(1);
    populate(&registries, &scopes()[1]);
    let change = serde_json::to_value(&registries.take_changes()[0]).unwrap();
    for (member, value) in [
        ("partition", json!("AWS")),
        ("region", json!("")),
        ("accountId", json!("12345")),
        ("accountId", json!(null)),
    ] {
        let mut bad = change.clone();
        bad[member] = value;
        assert!(serde_json::from_value::<ScopedChange>(bad.clone()).is_err(), "{bad}");
    }
    let mut extra = change;
    extra["more"] = json!(1);
    assert!(serde_json::from_value::<ScopedChange>(extra).is_err());
}

#[test]
fn a_bad_scoped_snapshot_is_refused_whole() {
    let registries = recording(2);
    populate(&registries, &scopes()[1]);
    populate(&registries, &scopes()[3]);
    let good: Value = serde_json::from_slice(&registries.snapshot().to_json()).unwrap();
    let kind = |value: &Value| {
        ScopedSnapshot::from_json(value.to_string().as_bytes())
            .and_then(|s| ScopedRegistries::restore(ArnScope::default(), InMemoryRegistry::builder(), s))
            .map(|_| ())
            .unwrap_err()
            .kind()
    };
    assert_eq!(
        ScopedSnapshot::from_json(b"not json").unwrap_err().kind(),
        SnapshotErrorKind::Corrupt
    );
    assert_eq!(
        ScopedSnapshot::from_json(&good.to_string().as_bytes()[..40])
            .unwrap_err()
            .kind(),
        SnapshotErrorKind::Corrupt
    );
    let mut future = good.clone();
    future["format"] = json!(2);
    assert_eq!(kind(&future), SnapshotErrorKind::UnsupportedFormat);
    let mut inner_future = good.clone();
    inner_future["registries"][1]["format"] = json!(2);
    assert_eq!(kind(&inner_future), SnapshotErrorKind::UnsupportedFormat);
    let mut unknown = good.clone();
    unknown["extra"] = json!(true);
    assert_eq!(kind(&unknown), SnapshotErrorKind::Corrupt);
    let mut twice = good.clone();
    let first = twice["registries"][0].clone();
    twice["registries"][1] = first;
    assert_eq!(kind(&twice), SnapshotErrorKind::Inconsistent);
    let mut bad_region = good.clone();
    bad_region["registries"][0]["region"] = json!("US WEST");
    assert_eq!(kind(&bad_region), SnapshotErrorKind::Inconsistent);
    // The untouched snapshot restores.
    assert!(
        ScopedSnapshot::from_json(good.to_string().as_bytes())
            .and_then(|s| ScopedRegistries::restore(ArnScope::default(), InMemoryRegistry::builder(), s))
            .is_ok()
    );
}

#[test]
fn an_empty_collection_snapshots_and_restores() {
    let registries = ScopedRegistries::new(ArnScope::default(), InMemoryRegistry::builder().seed(77));
    let bytes = registries.snapshot().to_json();
    assert_eq!(
        serde_json::from_slice::<Value>(&bytes).unwrap(),
        json!({"format": 1, "base_seed": 77, "registries": []})
    );
    let restored = ScopedRegistries::restore(
        ArnScope::default(),
        InMemoryRegistry::builder(),
        ScopedSnapshot::from_json(&bytes).unwrap(),
    )
    .unwrap();
    assert_eq!(restored.base_seed(), 77);
    assert!(restored.scopes().is_empty());
}

#[test]
fn the_default_scope_serves_requests_without_a_readable_header() {
    let default = scope("aws", "eu-west-1", "444444444444");
    let registries = ScopedRegistries::new(default.clone(), InMemoryRegistry::builder().seed(1));
    assert_eq!(registries.default_scope(), &default);
    for header in [None, Some(&b""[..]), Some(b"Bearer x"), Some(b"AWS4-HMAC-SHA256 \xff")] {
        assert_eq!(registries.scope_of_request(header), default);
    }
    let signed = b"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-gov-east-1/states/aws4_request, \
                   SignedHeaders=host, Signature=00";
    assert_eq!(
        registries.scope_of_request(Some(signed)),
        scope("aws-us-gov", "us-gov-east-1", "444444444444")
    );
}

#[test]
fn the_new_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ScopedRegistries>();
    check::<ScopedSnapshot>();
    check::<ScopedChange>();
    check::<sfn_registry::Partition>();
    check::<sfn_registry::SigV4Credential<'static>>();
    check::<sfn_registry::InMemoryRegistryBuilder>();
}
