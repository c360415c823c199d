//! ARN parsing: no input panics, and whatever parses prints back to exactly its input and
//! parses again to the same value: `parse(to_string(parse(s))) == parse(s)` and
//! `to_string(parse(s)) == s`, for `Arn`, `StateMachineRef`, `ExecutionRef` and every typed ARN.

#![no_main]

use std::fmt::{Debug, Display};

use libfuzzer_sys::fuzz_target;
use sfn_registry::{
    ActivityArn, Arn, ArnError, ExecutionArn, ExecutionRef, ExpressExecutionArn, MapRunArn, StateMachineAliasArn,
    StateMachineArn, StateMachineLabelArn, StateMachineRef, StateMachineVersionArn,
};

/// Checks the round trip of one parser on `s` and, when it parses, that `Arn::parse` agrees.
fn round_trip<T>(s: &str, any: &Result<Arn, ArnError>, parse: fn(&str) -> Result<T, ArnError>)
where
    T: Debug + Display + PartialEq,
{
    let parsed = parse(s);
    match &parsed {
        Ok(value) => {
            let text = value.to_string();
            assert_eq!(text, s, "{value:?} prints differently from its input");
            assert_eq!(parse(&text), parsed, "reparsing {text:?} gives another value");
            assert_eq!(
                any.as_ref().map(Arn::as_str).ok(),
                Some(s),
                "Arn::parse refuses {value:?}"
            );
        }
        // Rendering the error must not panic either.
        Err(e) => {
            let _ = (e.to_string(), e.aws_detail(), format!("{e:?}"));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // Any UTF-8 input: the valid prefix of the bytes.
    let s = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).expect("the valid prefix is UTF-8"),
    };
    let any = Arn::parse(s);
    round_trip(s, &any, Arn::parse);
    round_trip(s, &any, StateMachineRef::parse);
    round_trip(s, &any, ExecutionRef::parse);
    round_trip(s, &any, StateMachineArn::parse);
    round_trip(s, &any, StateMachineVersionArn::parse);
    round_trip(s, &any, StateMachineAliasArn::parse);
    round_trip(s, &any, StateMachineLabelArn::parse);
    round_trip(s, &any, ExecutionArn::parse);
    round_trip(s, &any, ExpressExecutionArn::parse);
    round_trip(s, &any, MapRunArn::parse);
    round_trip(s, &any, ActivityArn::parse);
});
