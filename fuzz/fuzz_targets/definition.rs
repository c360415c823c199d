//! Definition validation: no input panics; ValidateStateMachineDefinition through `handle_json`
//! answers 200 with exactly the validator's error diagnostics; and a definition an EXPRESS state
//! machine accepts, a STANDARD one accepts too (the Express rules only add refusals).

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_registry::dto::StateMachineType;
use sfn_registry::{AslValidator, DefinitionValidator, InMemoryRegistry, handle_json};

fuzz_target!(|data: &[u8]| {
    // Any UTF-8 input: the valid prefix of the bytes.
    let definition = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).expect("the valid prefix is UTF-8"),
    };
    let standard = AslValidator.validate(definition, &StateMachineType::Standard);
    let express = AslValidator.validate(definition, &StateMachineType::Express);
    if !express.iter().any(|d| d.is_error()) {
        assert!(
            !standard.iter().any(|d| d.is_error()),
            "accepted as EXPRESS, refused as STANDARD: {standard:?}"
        );
    }
    if definition.is_empty() || definition.len() > 1_048_576 {
        return;
    }
    let mut registry = InMemoryRegistry::builder().seed(1).build().expect("the default scope");
    let body = serde_json::json!({ "definition": definition }).to_string();
    let response = handle_json(&mut registry, "AWSStepFunctions.ValidateStateMachineDefinition", body.as_bytes());
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let answer: serde_json::Value = serde_json::from_slice(&response.body).expect("a JSON answer");
    let errors: Vec<_> = standard.iter().filter(|d| d.is_error()).take(100).collect();
    let listed = answer["diagnostics"].as_array().expect("diagnostics").len();
    assert_eq!(listed, errors.len(), "{answer}");
    assert_eq!(answer["result"], if errors.is_empty() { "OK" } else { "FAIL" }, "{answer}");
});
