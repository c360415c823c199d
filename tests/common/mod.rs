//! Helpers shared by the integration tests: reading outputs as JSON and asserting AWS errors.
#![allow(dead_code)] // Each test binary uses some of them.

pub mod server;

use std::collections::BTreeSet;
use std::fmt::Debug;

use serde::Serialize;
use serde_json::Value;
use sfn_registry::{Error, ErrorCode, InMemoryRegistry, ManualClock, Timestamp};

/// The property suites' proptest settings: `cases` cases, and no regression files (a failure is
/// reported with its input, not persisted beside the tests).
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// A registry seeded with `seed` on a clock that stands at `start_millis` until the test moves
/// it, and that clock.
pub fn clocked_registry(start_millis: i64, seed: u64) -> (InMemoryRegistry, ManualClock) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(start_millis));
    let registry = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(seed)
        .build()
        .expect("valid scope");
    (registry, clock)
}

/// `value` as JSON, as it goes on the wire.
pub fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).expect("serializable")
}

/// The top-level keys of `value` serialized as JSON.
pub fn keys(value: &impl Serialize) -> BTreeSet<String> {
    match to_json(value) {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not a JSON object: {other}"),
    }
}

/// A set of key names, to compare with [`keys`].
pub fn key_set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// `result` is the AWS error `code` with exactly `message`.
#[track_caller]
pub fn assert_err<T: Debug>(result: Result<T, Error>, code: ErrorCode, message: &str) -> Error {
    match result {
        Ok(value) => panic!("expected {code} `{message}`, got Ok({value:?})"),
        Err(e) => {
            assert_eq!(e.code(), code, "error code of {e:?}");
            assert_eq!(e.message(), message, "error message of {e:?}");
            e
        }
    }
}

/// `result` is the AWS error `code` (for texts AWS was never recorded giving).
#[track_caller]
pub fn assert_code<T: Debug>(result: Result<T, Error>, code: ErrorCode) -> Error {
    match result {
        Ok(value) => panic!("expected {code}, got Ok({value:?})"),
        Err(e) => {
            assert_eq!(e.code(), code, "error code of {e:?}");
            e
        }
    }
}

/// `s` is a UUID in its hyphenated form (revision ids, generated names).
#[track_caller]
pub fn assert_uuid(s: &str) {
    let groups: Vec<&str> = s.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    assert_eq!(lengths, [8, 4, 4, 4, 12], "not a UUID: {s}");
    assert!(
        groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit())),
        "not a UUID: {s}"
    );
}

/// The members of the JSON object `value` whose names start with `prefix`, as an object
/// (`redrive` → `redriveCount`, `redriveStatus`, …).
pub fn members_starting_with(value: &Value, prefix: &str) -> Value {
    let object = value.as_object().expect("a JSON object");
    Value::Object(
        object
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}
