//! Generated definitions (`strategies::asl`) validate `OK`; a single mutation that breaks one rule
//! makes them `FAIL`, with every diagnostic's location pointing into the mutated document.
#![cfg(feature = "proptest")]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};
use sfn_registry::strategies::asl;
use sfn_registry::{InMemoryRegistry, handle_json};

/// ValidateStateMachineDefinition's answer for `definition` as a state machine of type `kind`.
fn validate(definition: &Value, kind: &str) -> Value {
    let mut registry = InMemoryRegistry::new();
    let body = json!({"definition": definition.to_string(), "type": kind});
    let response = handle_json(
        &mut registry,
        "AWSStepFunctions.ValidateStateMachineDefinition",
        body.to_string().as_bytes(),
    );
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    serde_json::from_slice(&response.body).expect("JSON response")
}

// ---------------------------------------------------------------------------------------------
// Walking a definition
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// AWS's location of a path: `/States/M/ItemProcessor/States/P`, `/States/C/Choices[0]/Next`.
fn location(path: &[Step]) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                out.push('/');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The node a location names, if the document has it.
fn resolve<'a>(doc: &'a Value, location: &str) -> Option<&'a Value> {
    if location == "/" {
        return Some(doc);
    }
    let mut node = doc;
    for segment in location.strip_prefix('/')?.split('/') {
        let mut key = segment;
        let mut indexes = Vec::new();
        while let Some(open) = key.rfind('[')
            && key.ends_with(']')
        {
            indexes.push(key[open + 1..key.len() - 1].parse::<usize>().ok()?);
            key = &key[..open];
        }
        node = node.get(key)?;
        for i in indexes.into_iter().rev() {
            node = node.get(i)?;
        }
    }
    Some(node)
}

fn get_mut<'a>(doc: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(doc, |node, step| match step {
        Step::Key(k) => &mut node[k.as_str()],
        Step::Index(i) => &mut node[*i],
    })
}

fn join(path: &[Step], more: &[&str]) -> Vec<Step> {
    let mut out = path.to_vec();
    out.extend(more.iter().map(|k| Step::Key((*k).to_owned())));
    out
}

/// One state of a definition: where it is, in which container, its type and query language.
#[derive(Clone, Debug)]
struct Site {
    path: Vec<Step>,
    container: Vec<Step>,
    name: String,
    kind: String,
    jsonata: bool,
    depth: usize,
}

fn sites(doc: &Value) -> Vec<Site> {
    let top_jsonata = doc["QueryLanguage"] == "JSONata";
    let mut out = Vec::new();
    walk(doc, &[], top_jsonata, 0, &mut out);
    out
}

fn walk(container: &Value, path: &[Step], top_jsonata: bool, depth: usize, out: &mut Vec<Site>) {
    let Some(states) = container["States"].as_object() else {
        return;
    };
    for (name, state) in states {
        let here = join(path, &["States", name]);
        let jsonata = match state["QueryLanguage"].as_str() {
            Some(q) => q == "JSONata",
            None => top_jsonata,
        };
        out.push(Site {
            path: here.clone(),
            container: path.to_vec(),
            name: name.clone(),
            kind: state["Type"].as_str().unwrap_or_default().to_owned(),
            jsonata,
            depth,
        });
        if let Some(branches) = state["Branches"].as_array() {
            for (i, branch) in branches.iter().enumerate() {
                let mut branch_path = join(&here, &["Branches"]);
                branch_path.push(Step::Index(i));
                walk(branch, &branch_path, top_jsonata, depth + 1, out);
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if state.get(key).is_some() {
                walk(&state[key], &join(&here, &[key]), top_jsonata, depth + 1, out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The generator is right on its own terms
// ---------------------------------------------------------------------------------------------

/// The transitions of a state: `(location of the field, target)`.
fn transitions(state: &Value, path: &[Step]) -> Vec<(Vec<Step>, String)> {
    let mut out = Vec::new();
    let mut add = |p: Vec<Step>, v: &Value| {
        if let Some(t) = v.as_str() {
            out.push((p, t.to_owned()));
        }
    };
    add(join(path, &["Next"]), &state["Next"]);
    add(join(path, &["Default"]), &state["Default"]);
    for list in ["Choices", "Catch"] {
        if let Some(items) = state[list].as_array() {
            for (i, item) in items.iter().enumerate() {
                let mut p = join(path, &[list]);
                p.push(Step::Index(i));
                add(join(&p, &["Next"]), &item["Next"]);
            }
        }
    }
    out
}

/// Names unique across nesting, transitions inside their container, every state reachable, a
/// terminal state in every container: what the generator promises, checked without the validator.
fn check_graph(doc: &Value) -> Result<(), String> {
    let all = sites(doc);
    let mut seen = BTreeSet::new();
    for site in &all {
        if !seen.insert(site.name.clone()) {
            return Err(format!("duplicate state name {:?}", site.name));
        }
    }
    let mut containers: BTreeMap<String, Vec<&Site>> = BTreeMap::new();
    for site in &all {
        containers.entry(location(&site.container)).or_default().push(site);
    }
    for (container, members) in containers {
        let node = resolve(doc, &container).ok_or("container")?;
        let names: BTreeSet<&str> = members.iter().map(|s| s.name.as_str()).collect();
        let start = node["StartAt"].as_str().ok_or("StartAt")?;
        let mut reached = BTreeSet::from([start.to_owned()]);
        let mut todo = vec![start.to_owned()];
        while let Some(name) = todo.pop() {
            let site = members
                .iter()
                .find(|s| s.name == name)
                .ok_or(format!("{container}: {name} missing"))?;
            let state = resolve(doc, &location(&site.path)).ok_or("state")?;
            for (_, target) in transitions(state, &site.path) {
                if !names.contains(target.as_str()) {
                    return Err(format!("{container}: {name} -> {target} leaves its container"));
                }
                if reached.insert(target.clone()) {
                    todo.push(target);
                }
            }
        }
        if reached.len() != names.len() {
            return Err(format!("{container}: unreachable states"));
        }
        let terminal = members.iter().any(|s| {
            let state = resolve(doc, &location(&s.path)).expect("state");
            state["End"] == true || matches!(s.kind.as_str(), "Succeed" | "Fail")
        });
        if !terminal {
            return Err(format!("{container}: no terminal state"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(64))]

    #[test]
    fn generated_definitions_validate_ok(definition in asl::definition()) {
        prop_assert_eq!(check_graph(&definition), Ok(()), "{}", definition);
        let out = validate(&definition, "STANDARD");
        prop_assert_eq!(&out, &json!({"result": "OK", "diagnostics": [], "truncated": false}), "{:#}", definition);
    }

    #[test]
    fn generated_express_definitions_validate_ok_as_both_types(definition in asl::express_definition()) {
        prop_assert_eq!(check_graph(&definition), Ok(()), "{}", definition);
        for kind in ["STANDARD", "EXPRESS"] {
            let out = validate(&definition, kind);
            prop_assert_eq!(&out, &json!({"result": "OK", "diagnostics": [], "truncated": false}), "{} {:#}", kind, definition);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/// What a mutation expects besides `FAIL`: a diagnostic with this code, and this message and
/// location when AWS's words for them are known.
struct Expect {
    code: &'static str,
    message: Option<String>,
    location: Option<String>,
}

impl Expect {
    fn fail() -> Option<Expect> {
        None
    }

    fn exactly(code: &'static str, message: impl Into<String>, location: impl Into<String>) -> Option<Expect> {
        Some(Expect {
            code,
            message: Some(message.into()),
            location: Some(location.into()),
        })
    }

    fn code(code: &'static str) -> Option<Expect> {
        Some(Expect {
            code,
            message: None,
            location: None,
        })
    }
}

const SCHEMA: &str = "SCHEMA_VALIDATION_FAILED";
const MISSING: &str = "MISSING_TRANSITION_TARGET";

/// A mutated definition, the type to validate it as, and what to expect.
struct Mutant {
    what: String,
    doc: Value,
    kind: &'static str,
    expect: Option<Expect>,
}

/// Counts the single-rule-breaking mutations that apply to `doc` (only those validated as
/// `STANDARD` unless `express`), and makes the one numbered `pick`, if any: enumerating is cheap,
/// only the picked mutation copies the document.
#[allow(clippy::too_many_lines)]
fn mutations(doc: &Value, express: bool, pick: Option<usize>) -> (usize, Option<Mutant>) {
    let all = sites(doc);
    let mut count = 0;
    let mut picked = None;
    let mut mutate = |what: String, kind: &'static str, expect: Option<Expect>, change: &dyn Fn(&mut Value)| {
        if kind == "EXPRESS" && !express {
            return;
        }
        if pick == Some(count) {
            let mut mutated = doc.clone();
            change(&mut mutated);
            picked = Some(Mutant {
                what,
                doc: mutated,
                kind,
                expect,
            });
        }
        count += 1;
    };
    mutate(
        "drop StartAt".into(),
        "STANDARD",
        Expect::exactly(SCHEMA, "These fields are required: [StartAt]", "/"),
        &|d| {
            d.as_object_mut().expect("object").remove("StartAt");
        },
    );
    mutate(
        "drop States".into(),
        "STANDARD",
        Expect::exactly(SCHEMA, "These fields are required: [States]", "/"),
        &|d| {
            d.as_object_mut().expect("object").remove("States");
        },
    );
    mutate("StartAt a number".into(), "STANDARD", Expect::fail(), &|d| {
        d["StartAt"] = json!(1)
    });
    mutate("States an array".into(), "STANDARD", Expect::fail(), &|d| {
        d["States"] = json!([])
    });
    mutate("unknown top-level field".into(), "STANDARD", Expect::fail(), &|d| {
        d["Bogus"] = json!(true)
    });
    mutate(
        "StartAt names no state".into(),
        "STANDARD",
        Expect::exactly(MISSING, "Missing 'Next' target: No such state", "/StartAt"),
        &|d| d["StartAt"] = json!("No such state"),
    );
    for site in &all {
        let at = location(&site.path);
        let path = site.path.clone();
        let state = resolve(doc, &at).expect("state");
        let name = site.name.clone();
        mutate(format!("drop Type of {at}"), "STANDARD", Expect::fail(), &|d| {
            get_mut(d, &path).as_object_mut().expect("state").remove("Type");
        });
        mutate(
            format!("unknown Type at {at}"),
            "STANDARD",
            Expect::exactly(
                SCHEMA,
                "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
                format!("{at}/Type"),
            ),
            &|d| get_mut(d, &path)["Type"] = json!("Sleep"),
        );
        mutate(
            format!("unknown field at {at}"),
            "STANDARD",
            Expect::exactly(SCHEMA, "Field 'Bogus' is not supported", at.clone()),
            &|d| get_mut(d, &path)["Bogus"] = json!(1),
        );
        if site.kind != "Task" {
            mutate(
                format!("TimeoutSeconds on {} {at}", site.kind),
                "STANDARD",
                Expect::exactly(SCHEMA, "Field 'TimeoutSeconds' is not supported", at.clone()),
                &|d| get_mut(d, &path)["TimeoutSeconds"] = json!(10),
            );
        }
        if state.get("Next").is_some() {
            let next = join(&site.path, &["Next"]);
            mutate(
                format!("dangling Next at {at}"),
                "STANDARD",
                Expect::exactly(MISSING, "Missing 'Next' target: No such state", location(&next)),
                &|d| *get_mut(d, &next) = json!("No such state"),
            );
            mutate(format!("drop Next at {at}"), "STANDARD", Expect::fail(), &|d| {
                get_mut(d, &path).as_object_mut().expect("state").remove("Next");
            });
            mutate(format!("Next and End at {at}"), "STANDARD", Expect::fail(), &|d| {
                get_mut(d, &path)["End"] = json!(true);
            });
        }
        for (field_path, _) in transitions(state, &site.path).into_iter().skip(1) {
            mutate(
                format!("dangling transition at {}", location(&field_path)),
                "STANDARD",
                Expect::exactly(MISSING, "Missing 'Next' target: No such state", location(&field_path)),
                &|d| *get_mut(d, &field_path) = json!("No such state"),
            );
        }
        if site.depth > 0 {
            // A name of the top level, given to this nested state (and to the transitions to it).
            if let Some(outer) = all.iter().find(|s| s.depth == 0) {
                let outer = outer.name.clone();
                let container = site.container.clone();
                mutate(
                    format!("{at} renamed to the top-level state {outer:?}"),
                    "STANDARD",
                    Expect::code("DUPLICATE_STATE_NAME"),
                    &|d| rename_state(get_mut(d, &container), &name, &outer),
                );
            }
        }
        if doc["QueryLanguage"] == "JSONata" {
            mutate(
                format!("JSONPath state {at} under a JSONata top level"),
                "STANDARD",
                Expect::exactly(
                    SCHEMA,
                    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                    at.clone(),
                ),
                &|d| get_mut(d, &path)["QueryLanguage"] = json!("JSONPath"),
            );
        }
        if site.jsonata {
            if site.kind != "Fail" {
                mutate(
                    format!("JSONata syntax error in {at}/Output"),
                    "STANDARD",
                    Expect::exactly(
                        "INVALID_JSONATA_EXPRESSION",
                        "Unexpected end of expression",
                        format!("{at}/Output"),
                    ),
                    &|d| get_mut(d, &path)["Output"] = json!("{% 1 + %}"),
                );
            }
            mutate(
                format!("JSONPath field InputPath in JSONata state {at}"),
                "STANDARD",
                Expect::fail(),
                &|d| {
                    get_mut(d, &path)["InputPath"] = json!("$.a");
                },
            );
        } else {
            if site.kind != "Fail" {
                mutate(format!("bad InputPath at {at}"), "STANDARD", Expect::fail(), &|d| {
                    get_mut(d, &path)["InputPath"] = json!("not a path");
                });
                mutate(
                    format!("JSONata field Output in JSONPath state {at}"),
                    "STANDARD",
                    Expect::exactly(
                        SCHEMA,
                        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
                        at.clone(),
                    ),
                    &|d| get_mut(d, &path)["Output"] = json!("{% $states.input %}"),
                );
            }
            if matches!(site.kind.as_str(), "Pass" | "Task" | "Parallel" | "Map") {
                let parameters = join(&site.path, &["Parameters"]);
                let has_object = state.get("Parameters").is_none_or(Value::is_object);
                if has_object {
                    for (bad, why) in [
                        ("States.Nope(", "unclosed call"),
                        ("not a path", "no $"),
                        ("$$$", "bad path"),
                    ] {
                        mutate(
                            format!("{why} in {at}/Parameters"),
                            "STANDARD",
                            Expect::exactly(
                                SCHEMA,
                                "The value for the field 'broken.$' must be a valid JSONPath or a valid intrinsic function call",
                                location(&parameters),
                            ),
                            &|d| {
                                let p = get_mut(d, &parameters);
                                if p.is_null() {
                                    *p = json!({});
                                }
                                p["broken.$"] = json!(bad);
                            },
                        );
                    }
                }
                mutate(
                    format!("ResultPath into the context object at {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        get_mut(d, &path)["ResultPath"] = json!("$$.Execution.Id");
                    },
                );
            }
            if site.kind == "Wait" {
                let timestamp = join(&site.path, &["Timestamp"]);
                mutate(
                    format!("space instead of T in {at}/Timestamp"),
                    "STANDARD",
                    Expect::exactly(SCHEMA, "String does not match RFC3339 timestamp", location(&timestamp)),
                    &|d| {
                        let w = get_mut(d, &path).as_object_mut().expect("state");
                        for f in ["Seconds", "SecondsPath", "TimestampPath"] {
                            w.remove(f);
                        }
                        w.insert("Timestamp".into(), json!("2016-12-05 21:29:29Z"));
                    },
                );
            }
        }
        match site.kind.as_str() {
            "Task" => {
                mutate(format!("drop Resource of {at}"), "STANDARD", Expect::fail(), &|d| {
                    get_mut(d, &path).as_object_mut().expect("state").remove("Resource");
                });
                let resource = join(&site.path, &["Resource"]);
                mutate(
                    format!("unknown integration at {at}"),
                    "STANDARD",
                    Expect::exactly(
                        SCHEMA,
                        "The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
                        location(&resource),
                    ),
                    &|d| *get_mut(d, &resource) = json!("arn:aws:states:::dynamodb:query"),
                );
                mutate(
                    format!("empty Credentials at {at}"),
                    "STANDARD",
                    Expect::exactly(
                        SCHEMA,
                        "The field 'RoleArn' is required but was missing",
                        format!("{at}/Credentials"),
                    ),
                    &|d| {
                        let s = get_mut(d, &path);
                        s["Resource"] = json!("arn:aws:states:::aws-sdk:s3:listBuckets");
                        s["Credentials"] = json!({});
                    },
                );
                mutate(
                    format!("heartbeat not below timeout at {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        let s = get_mut(d, &path).as_object_mut().expect("state");
                        for f in ["TimeoutSecondsPath", "HeartbeatSecondsPath"] {
                            s.remove(f);
                        }
                        s.insert("TimeoutSeconds".into(), json!(30));
                        s.insert("HeartbeatSeconds".into(), json!(30));
                    },
                );
                mutate(
                    format!("States.ALL first of two retriers at {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        get_mut(d, &path)["Retry"] =
                            json!([{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["States.Timeout"]}]);
                    },
                );
                mutate(
                    format!("BackoffRate below 1 at {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        get_mut(d, &path)["Retry"] = json!([{"ErrorEquals": ["States.Timeout"], "BackoffRate": 0.5}]);
                    },
                );
                mutate(
                    format!("catcher without Next at {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        get_mut(d, &path)["Catch"] = json!([{"ErrorEquals": ["States.ALL"]}]);
                    },
                );
                mutate(
                    format!("{at} is .sync in an EXPRESS machine"),
                    "EXPRESS",
                    Expect::exactly(
                        SCHEMA,
                        "Express state machine does not support '.sync' service integration",
                        location(&resource),
                    ),
                    &|d| *get_mut(d, &resource) = json!("arn:aws:states:::states:startExecution.sync:2"),
                );
                mutate(
                    format!("{at} is an activity in an EXPRESS machine"),
                    "EXPRESS",
                    Expect::exactly(
                        SCHEMA,
                        "Express state machine does not support Activity ARN",
                        location(&resource),
                    ),
                    &|d| *get_mut(d, &resource) = json!("arn:aws:states:us-east-1:123456789012:activity:a"),
                );
            }
            "Choice" => {
                mutate(format!("empty Choices at {at}"), "STANDARD", Expect::fail(), &|d| {
                    get_mut(d, &path)["Choices"] = json!([]);
                });
                mutate(format!("drop Choices of {at}"), "STANDARD", Expect::fail(), &|d| {
                    get_mut(d, &path).as_object_mut().expect("state").remove("Choices");
                });
                mutate(format!("End on Choice {at}"), "STANDARD", Expect::fail(), &|d| {
                    get_mut(d, &path)["End"] = json!(true);
                });
                let rule = {
                    let mut p = join(&site.path, &["Choices"]);
                    p.push(Step::Index(0));
                    p
                };
                mutate(
                    format!("drop Next of {}", location(&rule)),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        get_mut(d, &rule).as_object_mut().expect("rule").remove("Next");
                    },
                );
                if site.jsonata {
                    mutate(
                        format!("drop Condition of {}", location(&rule)),
                        "STANDARD",
                        Expect::fail(),
                        &|d| {
                            get_mut(d, &rule).as_object_mut().expect("rule").remove("Condition");
                        },
                    );
                } else {
                    mutate(
                        format!("second operator in {}", location(&rule)),
                        "STANDARD",
                        Expect::fail(),
                        &|d| {
                            let r = get_mut(d, &rule);
                            *r = json!({"Variable": "$.x", "StringEquals": "a", "NumericEquals": 1, "Next": r["Next"].clone()});
                        },
                    );
                    mutate(
                        format!("empty And in {}", location(&rule)),
                        "STANDARD",
                        Expect::fail(),
                        &|d| {
                            let r = get_mut(d, &rule);
                            *r = json!({"And": [], "Next": r["Next"].clone()});
                        },
                    );
                }
            }
            "Parallel" => {
                mutate(
                    format!("empty Branches at {at}"),
                    "STANDARD",
                    Expect::exactly(SCHEMA, "Value cannot be empty", format!("{at}/Branches")),
                    &|d| get_mut(d, &path)["Branches"] = json!([]),
                );
            }
            "Map" => {
                mutate(
                    format!("drop the processor of {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        let m = get_mut(d, &path).as_object_mut().expect("state");
                        m.remove("ItemProcessor");
                        m.remove("Iterator");
                    },
                );
                mutate(
                    format!("negative MaxConcurrency at {at}"),
                    "STANDARD",
                    Expect::fail(),
                    &|d| {
                        let m = get_mut(d, &path).as_object_mut().expect("state");
                        m.remove("MaxConcurrencyPath");
                        m.insert("MaxConcurrency".into(), json!(-1));
                    },
                );
            }
            _ => {}
        }
    }
    // A state nothing reaches, in each container.
    let containers: BTreeSet<String> = all.iter().map(|s| location(&s.container)).collect();
    for container in containers {
        let site = all.iter().find(|s| location(&s.container) == container).expect("site");
        let states = join(&site.container, &["States"]);
        let orphan = location(&join(&states, &["Orphan state"]));
        mutate(
            format!("unreachable state in {container}"),
            "STANDARD",
            Expect::exactly(MISSING, "State \"Orphan state\" is not reachable.", orphan),
            &|d| get_mut(d, &states)["Orphan state"] = json!({"Type": "Succeed"}),
        );
    }
    (count, picked)
}

/// Renames the state `from` of `container` to `to`, with every transition to it.
fn rename_state(container: &mut Value, from: &str, to: &str) {
    if container["StartAt"] == from {
        container["StartAt"] = json!(to);
    }
    let states = container["States"].as_object_mut().expect("States");
    let state = states.remove(from).expect("state");
    states.insert(to.to_owned(), state);
    for state in states.values_mut() {
        for (path, target) in transitions(state, &[]) {
            if target == from {
                *get_mut(state, &path) = json!(to);
            }
        }
    }
}

proptest! {
    #![proptest_config(common::proptest_config(160))]

    #[test]
    fn each_single_mutation_fails_with_locations_in_the_document(
        (express, definition) in prop_oneof![asl::definition().prop_map(|d| (false, d)), asl::express_definition().prop_map(|d| (true, d))],
        pick in any::<Index>(),
    ) {
        // EXPRESS mutations need a definition that is otherwise fine as EXPRESS.
        let (count, _) = mutations(&definition, express, None);
        let (_, mutant) = mutations(&definition, express, Some(pick.index(count)));
        let mutant = mutant.expect("the picked mutation");
        let out = validate(&mutant.doc, mutant.kind);
        prop_assert_eq!(&out["result"], "FAIL", "{}: {:#}\n{}", mutant.what, out, mutant.doc);
        let diagnostics = out["diagnostics"].as_array().cloned().unwrap_or_default();
        prop_assert!(!diagnostics.is_empty());
        for d in &diagnostics {
            match d["location"].as_str() {
                Some(location) => prop_assert!(
                    resolve(&mutant.doc, location).is_some(),
                    "{}: location {} is not in the document\n{:#}\n{}", mutant.what, location, out, mutant.doc
                ),
                None => prop_assert_eq!(&d["code"], "MISSING_END_STATE", "{}: no location: {}", mutant.what, d),
            }
        }
        if let Some(expect) = &mutant.expect {
            let found = diagnostics.iter().any(|d| {
                d["code"] == expect.code
                    && expect.message.as_ref().is_none_or(|m| d["message"] == json!(m))
                    && expect.location.as_ref().is_none_or(|l| d["location"] == json!(l))
            });
            prop_assert!(
                found,
                "{}: expected {} {:?} at {:?}, got {:#}\n{}",
                mutant.what, expect.code, expect.message, expect.location, out, mutant.doc
            );
        }
    }
}

#[test]
fn locations_resolve_like_aws_writes_them() {
    let doc =
        json!({"StartAt": "A", "States": {"A b": {"Choices": [{"Next": "x"}], "Branches": [{"States": {"P": {}}}]}}});
    assert!(resolve(&doc, "/").is_some());
    assert!(resolve(&doc, "/StartAt").is_some());
    assert!(resolve(&doc, "/States/A b/Choices[0]/Next").is_some());
    assert!(resolve(&doc, "/States/A b/Branches[0]/States/P").is_some());
    assert!(resolve(&doc, "/States/A b/Choices[1]").is_none());
    assert!(resolve(&doc, "/States/A/Next").is_none());
    assert!(resolve(&doc, "States").is_none());
    let path = vec![
        Step::Key("States".into()),
        Step::Key("A b".into()),
        Step::Key("Choices".into()),
        Step::Index(0),
        Step::Key("Next".into()),
    ];
    assert_eq!(location(&path), "/States/A b/Choices[0]/Next");
}
