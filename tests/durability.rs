//! Durable state: a snapshot restores a registry that answers every read identically and
//! continues exactly where the original left off; recorded changes replay to the same registry;
//! a corrupt, truncated or foreign snapshot is refused whole.

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DescribeExecutionInput, DescribeStateMachineAliasInput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineInput, GetExecutionHistoryInput, ListExecutionsInput,
    ListStateMachineAliasesInput, ListStateMachineVersionsInput, ListStateMachinesInput, ListTagsForResourceInput,
    PublishStateMachineVersionInput, RoutingConfigurationListItem, StartExecutionInput, StopExecutionInput, Tag,
    TagResourceInput, UpdateStateMachineInput,
};
use sfn_registry::{
    Change, Clock, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, Snapshot,
    SnapshotErrorKind, Timestamp, handle_json,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn builder(clock: &ManualClock) -> sfn_registry::InMemoryRegistryBuilder {
    InMemoryRegistry::builder().clock(clock.clone())
}

/// A registry with state machines, revisions, versions, aliases, tags and executions in every
/// status, one state machine DELETING, and one express execution running.
fn populated(clock: &ManualClock, record: bool) -> InMemoryRegistry {
    let mut reg = builder(clock).seed(77).record_changes(record).build().unwrap();
    let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    create.publish = true;
    create.tags = Some(vec![Tag::new("team", "payments")]);
    reg.create_state_machine(create).unwrap();
    clock.advance_millis(1_000);
    for n in 2..=4 {
        let mut update = UpdateStateMachineInput::new(SM);
        update.definition = Some(def(&format!("r{n}")));
        update.publish = n != 3;
        reg.update_state_machine(update).unwrap();
        clock.advance_millis(1_000);
    }
    let mut publish = PublishStateMachineVersionInput::new(SM);
    publish.description = Some("described".into());
    reg.publish_state_machine_version(publish).unwrap();
    let mut alias = CreateStateMachineAliasInput::new(
        "PROD",
        vec![
            RoutingConfigurationListItem::new(format!("{SM}:1"), 70),
            RoutingConfigurationListItem::new(format!("{SM}:2"), 30),
        ],
    );
    alias.description = Some("prod".into());
    reg.create_state_machine_alias(alias).unwrap();
    for i in 0..12 {
        clock.advance_millis(10);
        let target = match i % 3 {
            0 => format!("{SM}:PROD"),
            1 => format!("{SM}:3"),
            _ => SM.to_owned(),
        };
        let started = reg.start_execution(StartExecutionInput::new(target)).unwrap();
        match i % 4 {
            0 => reg
                .end_execution(&started.execution_arn, ExecutionOutcome::succeeded(r#"{"ok":1}"#))
                .unwrap(),
            1 => reg
                .end_execution(&started.execution_arn, ExecutionOutcome::failed("E", "c"))
                .unwrap(),
            2 => {
                reg.stop_execution(StopExecutionInput::new(&started.execution_arn))
                    .unwrap();
            }
            _ => {}
        }
    }
    // A second state machine, express, with a running execution, and a third being deleted.
    let mut express = CreateStateMachineInput::new("fast", def("e"), ROLE);
    express.r#type = Some(sfn_registry::dto::StateMachineType::Express);
    let fast = reg.create_state_machine(express).unwrap().state_machine_arn;
    reg.start_execution(StartExecutionInput::new(&fast)).unwrap();
    let doomed = reg
        .create_state_machine(CreateStateMachineInput::new("doomed", def("d"), ROLE))
        .unwrap()
        .state_machine_arn;
    reg.start_execution(StartExecutionInput::new(&doomed)).unwrap();
    reg.delete_state_machine(sfn_registry::dto::DeleteStateMachineInput::new(&doomed))
        .unwrap();
    reg
}

/// Every read the API offers on `reg`, as JSON (errors included).
fn reads(reg: &mut InMemoryRegistry) -> Value {
    let mut out = Vec::new();
    let mut call = |reg: &mut InMemoryRegistry, op: &str, body: Value| {
        let response = handle_json(reg, &format!("AWSStepFunctions.{op}"), body.to_string().as_bytes());
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        out.push(json!([op, response.status, body]));
        body
    };
    let machines = call(reg, "ListStateMachines", json!({}));
    for sm in machines["stateMachines"].as_array().unwrap() {
        let arn = sm["stateMachineArn"].as_str().unwrap().to_owned();
        call(reg, "DescribeStateMachine", json!({"stateMachineArn": arn}));
        call(reg, "ListTagsForResource", json!({"resourceArn": arn}));
        let versions = call(reg, "ListStateMachineVersions", json!({"stateMachineArn": arn}));
        for v in versions["stateMachineVersions"].as_array().unwrap() {
            call(
                reg,
                "DescribeStateMachine",
                json!({"stateMachineArn": v["stateMachineVersionArn"]}),
            );
        }
        let aliases = call(reg, "ListStateMachineAliases", json!({"stateMachineArn": arn}));
        for a in aliases["stateMachineAliases"].as_array().unwrap_or(&Vec::new()) {
            call(
                reg,
                "DescribeStateMachineAlias",
                json!({"stateMachineAliasArn": a["stateMachineAliasArn"]}),
            );
        }
        let executions = call(reg, "ListExecutions", json!({"stateMachineArn": arn, "maxResults": 5}));
        for e in executions["executions"].as_array().unwrap_or(&Vec::new()) {
            let arn = e["executionArn"].clone();
            call(reg, "DescribeExecution", json!({"executionArn": arn}));
            call(reg, "DescribeStateMachineForExecution", json!({"executionArn": arn}));
            call(
                reg,
                "GetExecutionHistory",
                json!({"executionArn": arn, "reverseOrder": true}),
            );
        }
    }
    Value::Array(out)
}

/// The same writes on both registries give byte-identical answers: they continue alike.
fn continue_alike(a: &mut InMemoryRegistry, b: &mut InMemoryRegistry, clock_a: &ManualClock, clock_b: &ManualClock) {
    let writes: Vec<(&str, Value)> = vec![
        (
            "UpdateStateMachine",
            json!({"stateMachineArn": SM, "definition": def("next"), "publish": true}),
        ),
        (
            "PublishStateMachineVersion",
            json!({"stateMachineArn": SM, "description": "again"}),
        ),
        ("StartExecution", json!({"stateMachineArn": format!("{SM}:PROD")})),
        ("StartExecution", json!({"stateMachineArn": format!("{SM}:PROD")})),
        ("StartExecution", json!({"stateMachineArn": format!("{SM}:PROD")})),
        ("StartExecution", json!({"stateMachineArn": SM, "name": "named"})),
        (
            "CreateStateMachine",
            json!({"name": "later", "definition": def("l"), "roleArn": ROLE, "publish": true}),
        ),
    ];
    for (op, body) in writes {
        clock_a.advance_millis(5);
        clock_b.advance_millis(5);
        let target = format!("AWSStepFunctions.{op}");
        let ra = handle_json(a, &target, body.to_string().as_bytes());
        let rb = handle_json(b, &target, body.to_string().as_bytes());
        assert_eq!(
            (ra.status, String::from_utf8_lossy(&ra.body)),
            (rb.status, String::from_utf8_lossy(&rb.body)),
            "{op}"
        );
    }
    assert_eq!(reads(a), reads(b));
}

#[test]
fn a_restored_snapshot_answers_every_read_identically_and_continues_exactly() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let mut original = populated(&clock, false);
    let bytes = original.snapshot().to_json();

    let restored_clock = ManualClock::new(clock.now());
    let mut restored = builder(&restored_clock)
        .restore(Snapshot::from_json(&bytes).unwrap())
        .unwrap();
    assert_eq!(restored.seed(), original.seed());
    assert_eq!(reads(&mut restored), reads(&mut original));
    assert_eq!(
        restored.snapshot().to_json(),
        bytes,
        "a restored snapshot snapshots to the same bytes"
    );
    continue_alike(&mut original, &mut restored, &clock, &restored_clock);
}

#[test]
fn recorded_changes_replay_to_the_same_registry() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let empty = builder(&clock).seed(77).build().unwrap().snapshot();
    let mut original = populated(&clock, true);
    let changes = original.take_changes();
    assert!(original.take_changes().is_empty(), "taken changes are gone");
    // Every acknowledged write is there, and no failed or read request.
    assert_eq!(changes.iter().filter(|c| c.operation == "StartExecution").count(), 14);
    assert_eq!(changes.iter().filter(|c| c.operation == "EndExecution").count(), 6);

    // A change survives a round trip through JSON, as an embedder persists it.
    let lines: Vec<String> = changes.iter().map(|c| serde_json::to_string(c).unwrap()).collect();
    let read_back: Vec<Change> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(read_back, changes);

    let replay_clock = ManualClock::new(Timestamp::from_unix_millis(0));
    let mut replayed = builder(&replay_clock).restore_with_changes(empty, &read_back).unwrap();
    assert_eq!(replayed.snapshot(), original.snapshot());
    replay_clock.set(clock.now());
    continue_alike(&mut original, &mut replayed, &clock, &replay_clock);
}

#[test]
fn a_snapshot_plus_the_changes_after_it_is_the_registry() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let mut reg = populated(&clock, true);
    reg.take_changes();
    let snapshot = reg.snapshot();
    clock.advance_millis(100);
    let mut update = UpdateStateMachineInput::new(SM);
    update.definition = Some(def("after"));
    reg.update_state_machine(update).unwrap();
    let started = reg
        .start_execution(StartExecutionInput::new(format!("{SM}:PROD")))
        .unwrap();
    reg.end_execution(&started.execution_arn, ExecutionOutcome::timed_out("T", "slow"))
        .unwrap();
    // A failed write is not a change.
    assert!(
        reg.tag_resource(TagResourceInput::new(format!("{SM}:1"), vec![Tag::new("k", "v")]))
            .is_err()
    );
    let changes = reg.take_changes();
    assert_eq!(
        changes.iter().map(|c| c.operation.as_str()).collect::<Vec<_>>(),
        ["UpdateStateMachine", "StartExecution", "EndExecution"]
    );

    let restored = builder(&ManualClock::new(clock.now()))
        .restore_with_changes(snapshot, &changes)
        .unwrap();
    assert_eq!(restored.snapshot(), reg.snapshot());
    let execution = restored.execution(&started.execution_arn).unwrap();
    assert_eq!(execution.status().as_str(), "TIMED_OUT");
}

#[test]
fn revisions_stay_shared_after_a_restore() {
    // Publish idempotency compares revisions by identity: a restored version of the current
    // revision is still that revision.
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let mut reg = builder(&clock).seed(1).build().unwrap();
    let mut create = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    create.publish = true;
    reg.create_state_machine(create).unwrap();
    let mut restored = builder(&clock).restore(reg.snapshot()).unwrap();
    let again = restored
        .publish_state_machine_version(PublishStateMachineVersionInput::new(SM))
        .unwrap();
    assert_eq!(again.state_machine_version_arn.as_str(), format!("{SM}:1"));
    let listed = restored
        .list_state_machine_versions(ListStateMachineVersionsInput::new(SM))
        .unwrap();
    assert_eq!(listed.state_machine_versions.len(), 1);
}

#[test]
fn corrupt_truncated_and_foreign_snapshots_are_refused() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let bytes = populated(&clock, false).snapshot().to_json();

    let truncated = &bytes[..bytes.len() / 2];
    let err = Snapshot::from_json(truncated).unwrap_err();
    assert!(err.to_string().starts_with("not a registry snapshot: "), "{err}");

    assert!(Snapshot::from_json(b"").is_err());
    assert!(Snapshot::from_json(b"[1,2,3]").is_err());

    let mut value: Value = serde_json::from_slice(&bytes).unwrap();
    value["format"] = json!(2);
    let err = Snapshot::from_json(value.to_string().as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unsupported snapshot format 2 (this version of sfn-registry reads format 1)"
    );

    let mut value: Value = serde_json::from_slice(&bytes).unwrap();
    value["state_machines"] = json!("nope");
    assert!(Snapshot::from_json(value.to_string().as_bytes()).is_err());

    // Well-formed JSON whose parts do not fit together: an alias routing to a missing version.
    let mut value: Value = serde_json::from_slice(&bytes).unwrap();
    let orders = value["state_machines"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|sm| sm["name"] == "orders")
        .unwrap();
    orders["versions"].as_array_mut().unwrap().retain(|v| v["number"] != 2);
    let snapshot = Snapshot::from_json(value.to_string().as_bytes()).unwrap();
    let err = builder(&clock).restore(snapshot).unwrap_err();
    assert_eq!(
        err.to_string(),
        "inconsistent snapshot: state machine orders: an alias routes to a version that does not exist"
    );

    // A change that does not follow from the snapshot.
    let empty = builder(&clock).seed(1).build().unwrap().snapshot();
    let stray: Change = serde_json::from_value(json!({
        "at": 1_700_000_000.0,
        "operation": "PublishStateMachineVersion",
        "input": {"stateMachineArn": SM},
        "output": {"creationDate": 1_700_000_000.0, "stateMachineVersionArn": format!("{SM}:1")}
    }))
    .unwrap();
    let err = builder(&clock)
        .restore_with_changes(empty.clone(), [&stray])
        .unwrap_err();
    assert_eq!(err.kind(), SnapshotErrorKind::ChangeDoesNotApply);
    assert_eq!(
        err.to_string(),
        format!(
            "change 1: PublishStateMachineVersion does not apply: StateMachineDoesNotExist: State Machine Does Not \
             Exist: '{SM}'"
        )
    );

    // A read is not a change.
    let read: Change = serde_json::from_value(json!({
        "at": 1_700_000_000.0, "operation": "ListStateMachines", "input": {}, "output": {"stateMachines": []}
    }))
    .unwrap();
    let err = builder(&clock).restore_with_changes(empty, [&read]).unwrap_err();
    assert_eq!(err.kind(), SnapshotErrorKind::ChangeDoesNotApply);
}

#[test]
fn a_replay_that_does_not_reproduce_its_results_is_refused() {
    // Dropping a change from the middle of a log makes a later one give another result (here,
    // another revision id and generated execution name): the replay says so.
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let empty = builder(&clock).seed(77).build().unwrap().snapshot();
    let mut reg = populated(&clock, true);
    let mut changes = reg.take_changes();
    let update = changes
        .iter()
        .position(|c| c.operation == "UpdateStateMachine")
        .unwrap();
    changes.remove(update);
    let err = builder(&clock).restore_with_changes(empty, &changes).unwrap_err();
    assert_eq!(err.kind(), SnapshotErrorKind::ChangeDiverged, "{err}");
}

/// Runs `f` on the `orders` state machine of a snapshot's JSON.
fn in_orders(value: &mut Value, f: impl Fn(&mut Value)) {
    let machines = value["state_machines"].as_array_mut().unwrap();
    f(machines.iter_mut().find(|sm| sm["name"] == "orders").unwrap());
}

#[test]
fn snapshots_whose_parts_do_not_fit_are_refused() {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let bytes = populated(&clock, false).snapshot().to_json();
    let refused = |edit: &dyn Fn(&mut Value)| {
        let mut value: Value = serde_json::from_slice(&bytes).unwrap();
        edit(&mut value);
        match Snapshot::from_json(value.to_string().as_bytes()) {
            Err(e) => e.kind(),
            Ok(snapshot) => builder(&clock).restore(snapshot).map(|_| ()).unwrap_err().kind(),
        }
    };
    assert_eq!(
        refused(&|v| v["rng"] = json!({"s": [0, 0, 0, 0]})),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&|v| v["next_state_machine_seq"] = json!(u64::MAX)),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(refused(&|v| v["unknown"] = json!(1)), SnapshotErrorKind::Corrupt);
    assert_eq!(
        refused(&|v| in_orders(v, |sm| sm["next_execution_seq"] = json!(u64::MAX))),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&|v| in_orders(v, |sm| sm["next_execution_seq"] = json!(5))),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&|v| in_orders(v, |sm| sm["next_alias_seq"] = json!(u64::MAX))),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&|v| in_orders(v, |sm| sm["tags"] = json!([["k", "1"], ["k", "2"]]))),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&|v| in_orders(v, |sm| {
            let executions = sm["executions"].as_array_mut().unwrap();
            let running = executions.iter_mut().find(|e| e["status"] == "RUNNING").unwrap();
            running["stopped"] = json!(1_700_000_000.0);
        })),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&|v| in_orders(v, |sm| {
            let executions = sm["executions"].as_array_mut().unwrap();
            executions[0]["version"] = json!("arn:aws:states:eu-west-1:999999999999:stateMachine:other:7");
        })),
        SnapshotErrorKind::Inconsistent
    );
    // History events the embedder could never have recorded: a Fail state's exit, and more
    // state events than fit beside ExecutionStarted and the terminal event in 25,000.
    let event = |kind: &str, state_type: &str| json!({"at": 1_700_000_000.5, "event": {"event": kind, "state_type": state_type, "name": "S", kind_data(kind): "{}"}});
    fn kind_data(kind: &str) -> &'static str {
        if kind == "ENTERED" { "input" } else { "output" }
    }
    let with_events = |events: Vec<Value>| {
        move |v: &mut Value| {
            in_orders(v, |sm| {
                let executions = sm["executions"].as_array_mut().unwrap();
                executions[0]["state_events"] = json!(events.clone());
            });
        }
    };
    assert_eq!(
        refused(&with_events(vec![event("ENTERED", "Fail"), event("EXITED", "Fail")])),
        SnapshotErrorKind::Inconsistent
    );
    assert_eq!(
        refused(&with_events(vec![event("ENTERED", "Pass"); 24_999])),
        SnapshotErrorKind::Inconsistent
    );
    // The same events within the rules restore.
    for events in [vec![event("ENTERED", "Fail")], vec![event("ENTERED", "Pass"); 24_998]] {
        let mut value: Value = serde_json::from_slice(&bytes).unwrap();
        with_events(events)(&mut value);
        let snapshot = Snapshot::from_json(value.to_string().as_bytes()).unwrap();
        builder(&clock).restore(snapshot).unwrap();
    }
}

#[test]
fn reads_of_a_restored_registry_use_its_own_clock() {
    // Pagination tokens carry their issue time: a restored registry honours tokens of the
    // original until they are 24 hours old by its clock.
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let reg = populated(&clock, false);
    let mut first = ListExecutionsInput::new(SM);
    first.max_results = Some(2);
    let page = reg.list_executions(first.clone()).unwrap();
    let restored_clock = ManualClock::new(clock.now());
    let restored = builder(&restored_clock).restore(reg.snapshot()).unwrap();
    let mut next = first;
    next.next_token = page.next_token;
    assert_eq!(
        restored.list_executions(next.clone()).unwrap(),
        reg.list_executions(next.clone()).unwrap()
    );
    restored_clock.advance_millis(24 * 60 * 60 * 1000 + 1);
    assert!(restored.list_executions(next).is_err());
    // And the other reads still agree.
    let input = ListStateMachinesInput::new();
    assert_eq!(
        restored.list_state_machines(input.clone()).unwrap(),
        reg.list_state_machines(input).unwrap()
    );
    let tags = ListTagsForResourceInput::new(SM);
    assert_eq!(
        restored.list_tags_for_resource(tags.clone()).unwrap(),
        reg.list_tags_for_resource(tags).unwrap()
    );
    let alias = DescribeStateMachineAliasInput::new(format!("{SM}:PROD"));
    assert_eq!(
        restored.describe_state_machine_alias(alias.clone()).unwrap(),
        reg.describe_state_machine_alias(alias).unwrap()
    );
    let aliases = ListStateMachineAliasesInput::new(SM);
    assert_eq!(
        restored.list_state_machine_aliases(aliases.clone()).unwrap(),
        reg.list_state_machine_aliases(aliases).unwrap()
    );
    let describe = DescribeStateMachineInput::new(format!("{SM}:2"));
    assert_eq!(
        restored.describe_state_machine(describe.clone()).unwrap(),
        reg.describe_state_machine(describe).unwrap()
    );
    let executions = reg.list_executions(ListExecutionsInput::new(SM)).unwrap().executions;
    for e in executions {
        let arn = e.execution_arn.as_str();
        let d = DescribeExecutionInput::new(arn);
        assert_eq!(
            restored.describe_execution(d.clone()).unwrap(),
            reg.describe_execution(d).unwrap()
        );
        let d = DescribeStateMachineForExecutionInput::new(arn);
        assert_eq!(
            restored.describe_state_machine_for_execution(d.clone()).unwrap(),
            reg.describe_state_machine_for_execution(d).unwrap()
        );
        let h = GetExecutionHistoryInput::new(arn);
        assert_eq!(
            restored.get_execution_history(h.clone()).unwrap(),
            reg.get_execution_history(h).unwrap()
        );
        let view = restored
            .execution(&ExecutionRef::Standard(e.execution_arn.clone()))
            .unwrap();
        assert_eq!(
            view.definition(),
            reg.execution(&ExecutionRef::Standard(e.execution_arn))
                .unwrap()
                .definition()
        );
    }
}
