//! ARNs and names: every ARN form of aws-behaviour.md §1 parsed and printed, the InvalidArn text
//! of §1.1, the name rules of api-docs.md / api-model.md, and `Send + Sync` of the public types.

mod common;

use proptest::prelude::*;
use sfn_registry::{
    ActivityArn, AliasName, Arn, ArnError, ArnId, ArnScope, Error, ErrorCode, ExecutionArn, ExecutionName,
    ExpressExecutionArn, MapRunArn, MapRunLabel, StateMachineAliasArn, StateMachineArn, StateMachineLabelArn,
    StateMachineName, StateMachineRef, StateMachineVersionArn, VersionNumber,
};

const HEAD: &str = "arn:aws:states:us-east-1:123456789012";

#[track_caller]
fn parse(s: &str) -> Arn {
    let arn = Arn::parse(s).unwrap_or_else(|e| panic!("{s:?} does not parse: {e} ({e:?})"));
    assert_eq!(arn.to_string(), s);
    assert_eq!(arn.as_str(), s);
    assert_eq!(Arn::parse(&arn.to_string()).unwrap(), arn);
    assert_eq!(s.parse::<Arn>().unwrap(), arn);
    arn
}

#[track_caller]
fn assert_scope<T: AsRef<str>>(arn: &T, partition: &str, region: &str, account: &str) {
    let text = arn.as_ref();
    assert!(
        text.starts_with(&format!("arn:{partition}:states:{region}:{account}:")),
        "{text}"
    );
}

#[track_caller]
fn assert_invalid_arn_prefix(e: ArnError, input: &str) {
    assert_eq!(e.input(), input);
    let err = Error::from(e);
    assert_eq!(err.code(), ErrorCode::InvalidArn);
    assert_eq!(err.message(), format!("Invalid Arn: 'Invalid ARN prefix: {input}'"));
    assert_eq!(err.http_status(), 400);
}

// ---------------------------------------------------------------------------------------------
// §1 Each form
// ---------------------------------------------------------------------------------------------

#[test]
fn unqualified_state_machine_arn() {
    let s = format!("{HEAD}:stateMachine:orders");
    let Arn::StateMachine(a) = parse(&s) else {
        panic!("not a state machine ARN")
    };
    assert_eq!(a.name(), "orders");
    assert_eq!(
        (a.partition(), a.region(), a.account_id()),
        ("aws", "us-east-1", "123456789012")
    );
    assert_eq!(a.scope(), ArnScope::default());
    assert!(a.is_in(&ArnScope::default()));
    assert!(!a.is_in(&ArnScope::new("aws", "eu-west-1", "123456789012").unwrap()));
    assert_eq!(StateMachineArn::parse(&s).unwrap(), a);
    assert_eq!(
        StateMachineRef::parse(&s).unwrap(),
        StateMachineRef::Unqualified(a.clone())
    );
    assert_eq!(Arn::StateMachine(a.clone()).resource_type(), "stateMachine");
    let built = StateMachineArn::new(&ArnScope::default(), &StateMachineName::new("orders").unwrap());
    assert_eq!(built, a);
    assert_eq!(built.as_str(), s);
}

#[test]
fn version_arn_n_from_1_without_leading_zero() {
    for n in [1u32, 2, 9, 10, 13, 999, 1000, u32::MAX] {
        let s = format!("{HEAD}:stateMachine:orders:{n}");
        let Arn::StateMachineVersion(v) = parse(&s) else {
            panic!("{s} is not a version ARN")
        };
        assert_eq!(v.version().get(), n);
        assert_eq!(v.version().to_string(), n.to_string());
        assert_eq!(v.state_machine_name(), "orders");
        assert_eq!(v.state_machine_arn().as_str(), format!("{HEAD}:stateMachine:orders"));
        assert_eq!(StateMachineVersionArn::parse(&s).unwrap(), v);
        assert_eq!(StateMachineRef::parse(&s).unwrap(), StateMachineRef::Version(v.clone()));
        let sm = StateMachineArn::parse(&format!("{HEAD}:stateMachine:orders")).unwrap();
        assert_eq!(sm.version(VersionNumber::new(n).unwrap()), v);
    }
}

#[test]
fn version_zero_and_leading_zeros_are_refused() {
    for q in ["0", "01", "00", "007", "0013"] {
        let s = format!("{HEAD}:stateMachine:orders:{q}");
        assert!(Arn::parse(&s).is_err(), "{s} parsed: {:?}", Arn::parse(&s));
        assert!(StateMachineVersionArn::parse(&s).is_err(), "{s}");
        assert!(StateMachineRef::parse(&s).is_err(), "{s}");
        assert!(
            StateMachineAliasArn::parse(&s).is_err(),
            "{s}: digits only is never an alias"
        );
    }
    for q in ["0", "01", "", "-1", "+1", "1.0", " 1"] {
        assert!(q.parse::<VersionNumber>().is_err(), "{q:?}");
    }
    assert_eq!(VersionNumber::new(0), None);
    assert_eq!(VersionNumber::FIRST.get(), 1);
}

#[test]
fn alias_arn() {
    for alias in ["PROD", "AliasName-1", "state_machine_alias_name", "v1.2", "1a", "_"] {
        let s = format!("{HEAD}:stateMachine:orders:{alias}");
        let Arn::StateMachineAlias(a) = parse(&s) else {
            panic!("{s} is not an alias ARN")
        };
        assert_eq!(a.alias_name(), alias);
        assert_eq!(a.state_machine_name(), "orders");
        assert_eq!(a.state_machine_arn().as_str(), format!("{HEAD}:stateMachine:orders"));
        assert_eq!(StateMachineAliasArn::parse(&s).unwrap(), a);
        assert_eq!(StateMachineRef::parse(&s).unwrap(), StateMachineRef::Alias(a.clone()));
        let sm = StateMachineArn::parse(&format!("{HEAD}:stateMachine:orders")).unwrap();
        assert_eq!(sm.alias(&AliasName::new(alias).unwrap()), a);
    }
    for bad in ["INVALID ALIAS", "ALIAS@", "!INVALID", ""] {
        let s = format!("{HEAD}:stateMachine:orders:{bad}");
        assert!(StateMachineAliasArn::parse(&s).is_err(), "{s}");
    }
}

#[test]
fn distributed_map_label_arn() {
    let s = format!("{HEAD}:stateMachine:orders/TestMap");
    let Arn::StateMachineLabel(l) = parse(&s) else {
        panic!("not a label ARN")
    };
    assert_eq!(l.label(), "TestMap");
    assert_eq!(l.state_machine_name(), "orders");
    assert_eq!(l.state_machine_arn().as_str(), format!("{HEAD}:stateMachine:orders"));
    assert_eq!(StateMachineLabelArn::parse(&s).unwrap(), l);
    assert_eq!(StateMachineRef::parse(&s).unwrap(), StateMachineRef::Label(l.clone()));
    let sm = StateMachineArn::parse(&format!("{HEAD}:stateMachine:orders")).unwrap();
    assert_eq!(sm.label(&MapRunLabel::new("TestMap").unwrap()), l);
    // A UUID-shaped label, as AWS generates when the ASL gives none.
    parse(&format!(
        "{HEAD}:stateMachine:orders/8c1f5a9e-3f0b-4c55-9d7c-2b1e7a7f3c10"
    ));
}

#[test]
fn execution_arn_is_the_same_for_every_route() {
    let s = format!("{HEAD}:execution:orders:run-1");
    let Arn::Execution(e) = parse(&s) else {
        panic!("not an execution ARN")
    };
    assert_eq!(e.state_machine_name(), "orders");
    assert_eq!(e.execution_name(), "run-1");
    assert_eq!(e.state_machine_arn().as_str(), format!("{HEAD}:stateMachine:orders"));
    assert_eq!(Arn::Execution(e.clone()).resource_type(), "execution");
    assert_eq!(ExecutionArn::parse(&s).unwrap(), e);
    let sm = StateMachineArn::parse(&format!("{HEAD}:stateMachine:orders")).unwrap();
    assert_eq!(sm.execution(&ExecutionName::new("run-1").unwrap()), e);
    // An execution is not a state machine.
    assert!(StateMachineRef::parse(&s).is_err());
}

#[test]
fn express_execution_arn() {
    let s = format!("{HEAD}:express:orders:run-1:5b4e0a7c-3f0b-4c55-9d7c-2b1e7a7f3c10");
    let Arn::ExpressExecution(x) = parse(&s) else {
        panic!("not an express ARN")
    };
    assert_eq!(x.state_machine_name(), "orders");
    assert_eq!(x.execution_name(), "run-1");
    assert_eq!(x.id(), "5b4e0a7c-3f0b-4c55-9d7c-2b1e7a7f3c10");
    assert_eq!(x.state_machine_arn().as_str(), format!("{HEAD}:stateMachine:orders"));
    assert_eq!(Arn::ExpressExecution(x.clone()).resource_type(), "express");
    assert_eq!(ExpressExecutionArn::parse(&s).unwrap(), x);
    let sm = StateMachineArn::parse(&format!("{HEAD}:stateMachine:orders")).unwrap();
    let built = sm.express_execution(
        &ExecutionName::new("run-1").unwrap(),
        &ArnId::new("5b4e0a7c-3f0b-4c55-9d7c-2b1e7a7f3c10").unwrap(),
    );
    assert_eq!(built, x);
    assert!(ExecutionArn::parse(&s).is_err());
}

#[test]
fn map_run_arn() {
    let s = format!("{HEAD}:mapRun:orders/TestMap:0f9e8d7c-3f0b-4c55-9d7c-2b1e7a7f3c10");
    let Arn::MapRun(m) = parse(&s) else {
        panic!("not a map run ARN")
    };
    assert_eq!(m.state_machine_name(), "orders");
    assert_eq!(m.label(), "TestMap");
    assert_eq!(m.id(), "0f9e8d7c-3f0b-4c55-9d7c-2b1e7a7f3c10");
    assert_eq!(Arn::MapRun(m.clone()).resource_type(), "mapRun");
    assert_eq!(MapRunArn::parse(&s).unwrap(), m);
}

#[test]
fn activity_arn() {
    let s = format!("{HEAD}:activity:worker");
    let Arn::Activity(a) = parse(&s) else {
        panic!("not an activity ARN")
    };
    assert_eq!(a.name(), "worker");
    assert_eq!(Arn::Activity(a.clone()).resource_type(), "activity");
    assert_eq!(ActivityArn::parse(&s).unwrap(), a);
    assert!(StateMachineRef::parse(&s).is_err());
}

#[test]
fn other_partitions_and_regions() {
    for (partition, region, account) in [
        ("aws-cn", "cn-north-1", "000011112222"),
        ("aws-us-gov", "us-gov-west-1", "999999999999"),
        ("aws", "eu-west-1", "111111111111"),
    ] {
        let s = format!("arn:{partition}:states:{region}:{account}:stateMachine:orders:7");
        let Arn::StateMachineVersion(v) = parse(&s) else {
            panic!("{s}")
        };
        assert_eq!(
            (v.partition(), v.region(), v.account_id()),
            (partition, region, account)
        );
        assert_scope(&v, partition, region, account);
        assert_eq!(v.scope(), ArnScope::new(partition, region, account).unwrap());
    }
}

#[test]
fn a_typed_parse_refuses_the_other_forms() {
    let unqualified = format!("{HEAD}:stateMachine:orders");
    let version = format!("{unqualified}:1");
    let alias = format!("{unqualified}:PROD");
    let label = format!("{unqualified}/map");
    assert!(StateMachineArn::parse(&version).is_err());
    assert!(StateMachineArn::parse(&alias).is_err());
    assert!(StateMachineArn::parse(&label).is_err());
    assert!(StateMachineVersionArn::parse(&unqualified).is_err());
    assert!(StateMachineVersionArn::parse(&alias).is_err());
    assert!(StateMachineAliasArn::parse(&version).is_err());
    assert!(StateMachineLabelArn::parse(&alias).is_err());
    assert!(ActivityArn::parse(&unqualified).is_err());
}

#[test]
fn malformed_arns_are_refused() {
    for s in [
        String::new(),
        "arn:".to_owned(),
        "arn:aws:states:us-east-1:123456789012".to_owned(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:".to_owned(),
        "arn:aws:lambda:us-east-1:123456789012:function:f".to_owned(),
        "arn:aws:states:us-east-1:12345678901:stateMachine:orders".to_owned(),
        "arn:aws:states:us-east-1:1234567890123:stateMachine:orders".to_owned(),
        "arn:aws:states:us-east-1:12345678901a:stateMachine:orders".to_owned(),
        "arn:aws:states::123456789012:stateMachine:orders".to_owned(),
        "arn::states:us-east-1:123456789012:stateMachine:orders".to_owned(),
        "arn:aws:states:us-east-1:123456789012:bogus:orders".to_owned(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:or ders".to_owned(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:orders:1:2".to_owned(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:orders:".to_owned(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:orders/".to_owned(),
        "arn:aws:states:us-east-1:123456789012:execution:orders".to_owned(),
        "arn:aws:states:us-east-1:123456789012:express:orders:run".to_owned(),
        "arn:aws:states:us-east-1:123456789012:mapRun:orders:x".to_owned(),
        format!("{HEAD}:stateMachine:{}", "a".repeat(81)),
    ] {
        assert!(Arn::parse(&s).is_err(), "{s:?} parsed as {:?}", Arn::parse(&s));
        assert_eq!(Arn::parse(&s).unwrap_err().input(), s);
    }
}

// ---------------------------------------------------------------------------------------------
// §1.1 InvalidArn
// ---------------------------------------------------------------------------------------------

#[test]
fn a_string_without_the_arn_prefix_is_invalid_arn_prefix() {
    for input in [
        "not_a_valid_arn",
        "invalid_arn",
        "invalid_state_machine_arn",
        "",
        "ARN:aws:states:x",
        "arn",
        " arn:aws",
    ] {
        assert_invalid_arn_prefix(Arn::parse(input).unwrap_err(), input);
        assert_invalid_arn_prefix(StateMachineRef::parse(input).unwrap_err(), input);
        assert_invalid_arn_prefix(StateMachineArn::parse(input).unwrap_err(), input);
        assert_invalid_arn_prefix(StateMachineVersionArn::parse(input).unwrap_err(), input);
        assert_invalid_arn_prefix(StateMachineAliasArn::parse(input).unwrap_err(), input);
        assert_invalid_arn_prefix(ExecutionArn::parse(input).unwrap_err(), input);
    }
}

#[test]
fn a_long_string_without_the_arn_prefix_is_still_invalid_arn_prefix() {
    let input = "x".repeat(3000);
    assert_invalid_arn_prefix(Arn::parse(&input).unwrap_err(), &input);
}

#[test]
fn arns_serialize_as_json_strings() {
    let s = format!("{HEAD}:stateMachine:orders:PROD");
    let a = StateMachineAliasArn::parse(&s).unwrap();
    assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{s}\""));
    assert_eq!(
        serde_json::from_str::<StateMachineAliasArn>(&format!("\"{s}\"")).unwrap(),
        a
    );
    assert_eq!(
        serde_json::from_str::<Arn>(&format!("\"{s}\"")).unwrap(),
        Arn::StateMachineAlias(a)
    );
    assert!(serde_json::from_str::<StateMachineVersionArn>(&format!("\"{s}\"")).is_err());
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// api-docs.md, CreateStateMachine `name`: white space, brackets, wildcards, the special
/// characters, control characters and U+FFFE–FFFF / U+10FFFF. (Surrogates cannot occur in a
/// Rust `str`.)
const FORBIDDEN: &[char] = &[
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{0B}',
    '\u{0C}',
    '\u{2003}',
    '\u{3000}',
    '<',
    '>',
    '{',
    '}',
    '[',
    ']',
    '?',
    '*',
    '"',
    '#',
    '%',
    '\\',
    '^',
    '|',
    '~',
    '`',
    '$',
    '&',
    ',',
    ';',
    ':',
    '/',
    '\u{0}',
    '\u{1}',
    '\u{1F}',
    '\u{7F}',
    '\u{80}',
    '\u{9F}',
    '\u{FFFE}',
    '\u{FFFF}',
    '\u{10FFFF}',
];

#[test]
fn state_machine_names_refuse_every_forbidden_character() {
    for &c in FORBIDDEN {
        for name in [format!("a{c}b"), format!("{c}ab"), format!("ab{c}"), c.to_string()] {
            let err = StateMachineName::new(name.as_str()).expect_err(&format!("{name:?} accepted"));
            assert!(!err.is_length_error(), "{name:?}: {err}");
            assert!(
                ExecutionName::new(name.as_str()).is_err(),
                "execution name {name:?} accepted"
            );
        }
    }
}

#[test]
fn state_machine_names_accept_everything_else() {
    for name in [
        "orders",
        "orders-v2",
        "a_b.c",
        "a@b",
        "a+b=c",
        "a!b",
        "a'b",
        "a(b)",
        "名前",
        "é",
        "😀",
        "-",
        "1",
    ] {
        let n = StateMachineName::new(name).unwrap_or_else(|e| panic!("{name:?} refused: {e}"));
        assert_eq!(n.as_str(), name);
        assert_eq!(n.to_string(), name);
        ExecutionName::new(name).unwrap_or_else(|e| panic!("execution name {name:?} refused: {e}"));
    }
}

#[test]
fn name_lengths_are_counted_in_utf16_units() {
    let cases: Vec<(String, bool)> = vec![
        ("a".repeat(80), true),
        ("a".repeat(81), false),
        ("é".repeat(80), true), // 160 bytes, 80 units
        ("é".repeat(81), false),
        ("名".repeat(80), true),                  // 240 bytes, 80 units
        ("😀".repeat(40), true),                  // 40 chars, 80 units
        ("😀".repeat(41), false),                 // 41 chars, 82 units
        (format!("{}😀", "a".repeat(78)), true),  // 79 chars, 80 units
        (format!("{}😀", "a".repeat(79)), false), // 80 chars, 81 units
        (String::new(), false),
    ];
    for (name, ok) in cases {
        let units = name.encode_utf16().count();
        for (kind, result) in [
            ("state machine", StateMachineName::new(name.as_str()).map(|_| ())),
            ("execution", ExecutionName::new(name.as_str()).map(|_| ())),
        ] {
            match result {
                Ok(()) => assert!(ok, "{kind} name of {units} UTF-16 units accepted"),
                Err(e) => {
                    assert!(!ok, "{kind} name of {units} UTF-16 units refused: {e}");
                    assert!(e.is_length_error(), "{kind} name of {units} units: {e}");
                }
            }
        }
    }
    assert_eq!(StateMachineName::MAX_LEN, 80);
    assert_eq!(ExecutionName::MAX_LEN, 80);
}

#[test]
fn alias_names_follow_the_model_pattern() {
    for good in [
        "PROD",
        "AliasName-1",
        "name-second",
        "v1.2-beta_3",
        "1a",
        "a1",
        "_",
        "-",
        ".",
        "1.0",
        "0_",
    ] {
        let n = AliasName::new(good).unwrap_or_else(|e| panic!("{good:?} refused: {e}"));
        assert_eq!(n.as_str(), good);
    }
    for bad in [
        "123",
        "1",
        "0",
        "INVALID ALIAS",
        "!INVALID",
        "ALIAS@",
        "é",
        "a/b",
        "a:b",
        "a b",
        "",
    ] {
        assert!(AliasName::new(bad).is_err(), "{bad:?} accepted");
    }
    assert!(!AliasName::new("123").unwrap_err().is_length_error());
    assert!(!AliasName::new("ALIAS@").unwrap_err().is_length_error());
}

#[test]
fn alias_names_are_1_to_80_long_and_81_is_only_a_length_error() {
    assert_eq!(AliasName::MAX_LEN, 80);
    assert!(AliasName::new("A".repeat(80)).is_ok());
    let err = AliasName::new("A".repeat(81)).unwrap_err();
    assert!(err.is_length_error(), "{err}");
    assert!(AliasName::new("").unwrap_err().is_length_error());
}

// ---------------------------------------------------------------------------------------------
// Send + Sync
// ---------------------------------------------------------------------------------------------

#[test]
fn every_public_type_is_send_and_sync() {
    fn check<T: Send + Sync + ?Sized>() {}
    use sfn_registry::dto::*;
    use sfn_registry::*;

    check::<Arn>();
    check::<ArnError>();
    check::<ArnScope>();
    check::<ActivityArn>();
    check::<ExecutionArn>();
    check::<ExpressExecutionArn>();
    check::<MapRunArn>();
    check::<StateMachineAliasArn>();
    check::<StateMachineArn>();
    check::<StateMachineLabelArn>();
    check::<StateMachineRef>();
    check::<StateMachineVersionArn>();
    check::<dyn DefinitionValidator>();
    check::<AslValidator>();
    check::<Definition>();
    check::<JsonRequest>();
    check::<ScopedRegistries>();
    check::<ScopedSnapshot>();
    check::<ScopedChange>();
    check::<SigV4Credential>();
    check::<Partition>();
    check::<Error>();
    check::<ErrorCode>();
    check::<UnknownErrorCode>();
    check::<ValidationExceptionReason>();
    check::<JsonResponse>();
    check::<Operation>();
    check::<InMemoryRegistry>();
    check::<InMemoryRegistryBuilder>();
    check::<AliasName>();
    check::<ArnId>();
    check::<ExecutionName>();
    check::<MapRunLabel>();
    check::<NameError>();
    check::<StateMachineName>();
    check::<VersionNumber>();
    check::<VersionNumberError>();
    check::<Route>();
    check::<RoutingConfiguration>();
    check::<RoutingError>();
    check::<Weight>();
    check::<dyn Clock>();
    check::<ManualClock>();
    check::<SystemClock>();
    check::<Timestamp>();

    check::<StateMachineType>();
    check::<StateMachineStatus>();
    check::<LogLevel>();
    check::<EncryptionType>();
    check::<IncludedData>();
    check::<CloudWatchLogsLogGroup>();
    check::<LogDestination>();
    check::<LoggingConfiguration>();
    check::<TracingConfiguration>();
    check::<EncryptionConfiguration>();
    check::<Tag>();
    check::<RevisionId>();
    check::<RevisionIdError>();
    check::<CreateStateMachineInput>();
    check::<CreateStateMachineOutput>();
    check::<DescribeStateMachineInput>();
    check::<DescribeStateMachineOutput>();
    check::<UpdateStateMachineInput>();
    check::<UpdateStateMachineOutput>();
    check::<DeleteStateMachineInput>();
    check::<DeleteStateMachineOutput>();
    check::<ListStateMachinesInput>();
    check::<ListStateMachinesOutput>();
    check::<StateMachineListItem>();
    check::<PublishStateMachineVersionInput>();
    check::<PublishStateMachineVersionOutput>();
    check::<ListStateMachineVersionsInput>();
    check::<ListStateMachineVersionsOutput>();
    check::<StateMachineVersionListItem>();
    check::<DeleteStateMachineVersionInput>();
    check::<DeleteStateMachineVersionOutput>();
    check::<RoutingConfigurationListItem>();
    check::<CreateStateMachineAliasInput>();
    check::<CreateStateMachineAliasOutput>();
    check::<DescribeStateMachineAliasInput>();
    check::<DescribeStateMachineAliasOutput>();
    check::<UpdateStateMachineAliasInput>();
    check::<UpdateStateMachineAliasOutput>();
    check::<DeleteStateMachineAliasInput>();
    check::<DeleteStateMachineAliasOutput>();
    check::<ListStateMachineAliasesInput>();
    check::<ListStateMachineAliasesOutput>();
    check::<StateMachineAliasListItem>();
    check::<TagResourceInput>();
    check::<TagResourceOutput>();
    check::<UntagResourceInput>();
    check::<UntagResourceOutput>();
    check::<ListTagsForResourceInput>();
    check::<ListTagsForResourceOutput>();
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// One of the ARN forms, with the parts it was built from.
#[derive(Clone, Debug)]
enum Form {
    Unqualified,
    Version(u32),
    Alias(String),
    Label(String),
    Execution(String),
    Express(String, String),
    MapRun(String, String),
    Activity,
}

#[derive(Clone, Debug)]
struct Generated {
    partition: String,
    region: String,
    account: String,
    name: String,
    form: Form,
}

impl Generated {
    fn text(&self) -> String {
        let Generated {
            partition,
            region,
            account,
            name,
            form,
        } = self;
        let head = format!("arn:{partition}:states:{region}:{account}");
        match form {
            Form::Unqualified => format!("{head}:stateMachine:{name}"),
            Form::Version(n) => format!("{head}:stateMachine:{name}:{n}"),
            Form::Alias(a) => format!("{head}:stateMachine:{name}:{a}"),
            Form::Label(l) => format!("{head}:stateMachine:{name}/{l}"),
            Form::Execution(e) => format!("{head}:execution:{name}:{e}"),
            Form::Express(e, id) => format!("{head}:express:{name}:{e}:{id}"),
            Form::MapRun(l, id) => format!("{head}:mapRun:{name}/{l}:{id}"),
            Form::Activity => format!("{head}:activity:{name}"),
        }
    }
}

/// A name of 1–80 UTF-16 units with no forbidden character.
fn resource_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.@!()'=+-]{1,80}",
        "[a-zA-Z0-9éß名前_.-]{1,80}",
        "[a-z😀]{1,40}",
    ]
}

fn alias_name() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9_.-]{0,79}", "[a-zA-Z_.-]", any::<prop::sample::Index>()).prop_map(|(body, letter, at)| {
        let mut s = body;
        let i = at.index(s.len() + 1);
        s.insert_str(i, &letter);
        s
    })
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(Form::Unqualified),
        prop_oneof![1u32..20, 1u32..=u32::MAX].prop_map(Form::Version),
        alias_name().prop_map(Form::Alias),
        resource_name().prop_map(Form::Label),
        resource_name().prop_map(Form::Execution),
        (resource_name(), "[a-zA-Z0-9-]{1,40}").prop_map(|(e, id)| Form::Express(e, id)),
        (resource_name(), "[a-zA-Z0-9-]{1,40}").prop_map(|(l, id)| Form::MapRun(l, id)),
        Just(Form::Activity),
    ]
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop_oneof![
            Just("aws".to_owned()),
            Just("aws-cn".to_owned()),
            Just("aws-us-gov".to_owned()),
            "[a-z0-9-]{1,20}"
        ],
        "[a-z]{2}-[a-z]{4,9}-[1-9]",
        "[0-9]{12}",
        resource_name(),
        form(),
    )
        .prop_map(|(partition, region, account, name, form)| Generated {
            partition,
            region,
            account,
            name,
            form,
        })
}

/// Arbitrary strings, strings that start like an ARN, and valid ARNs with one edit.
fn arbitrary_string() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,120}",
        "arn:[a-zA-Z0-9:/_.-]{0,80}",
        proptest::string::string_regex(&format!(
            "{HEAD}:(stateMachine|execution|express|mapRun|activity|x)[:/][a-zA-Z0-9:/ ._-]{{0,40}}"
        ))
        .expect("a valid regex"),
        (generated(), any::<prop::sample::Index>(), any::<char>(), 0u8..3).prop_map(|(g, at, c, edit)| {
            let mut chars: Vec<char> = g.text().chars().collect();
            let i = at.index(chars.len());
            match edit {
                0 => chars.insert(i, c),
                1 => {
                    chars.remove(i);
                }
                _ => chars.truncate(i),
            }
            chars.into_iter().collect()
        }),
    ]
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    #[test]
    fn every_generated_arn_round_trips_through_its_text(g in generated()) {
        let text = g.text();
        let arn = Arn::parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(arn.to_string(), text.clone());
        prop_assert_eq!(&Arn::parse(&arn.to_string()).unwrap(), &arn);
        let sm_arn = format!("arn:{}:states:{}:{}:stateMachine:{}", g.partition, g.region, g.account, g.name);
        match (&g.form, &arn) {
            (Form::Unqualified, Arn::StateMachine(a)) => {
                prop_assert_eq!(a.name(), g.name.as_str());
                prop_assert_eq!(&StateMachineArn::parse(a.as_str()).unwrap(), a);
                prop_assert_eq!(a.to_string(), text.clone());
                let built = StateMachineArn::new(
                    &ArnScope::new(g.partition.as_str(), g.region.as_str(), g.account.as_str()).unwrap(),
                    &StateMachineName::new(g.name.as_str()).unwrap(),
                );
                prop_assert_eq!(&built, a);
            }
            (Form::Version(n), Arn::StateMachineVersion(v)) => {
                prop_assert_eq!(v.version().get(), *n);
                prop_assert_eq!(v.state_machine_name(), g.name.as_str());
                prop_assert_eq!(v.state_machine_arn().to_string(), sm_arn.clone());
                prop_assert_eq!(&StateMachineVersionArn::parse(v.as_str()).unwrap(), v);
                prop_assert_eq!(v.to_string(), text.clone());
                prop_assert_eq!(&v.state_machine_arn().version(v.version()), v);
            }
            (Form::Alias(name), Arn::StateMachineAlias(a)) => {
                prop_assert_eq!(a.alias_name(), name.as_str());
                prop_assert_eq!(a.state_machine_arn().to_string(), sm_arn.clone());
                prop_assert_eq!(&StateMachineAliasArn::parse(a.as_str()).unwrap(), a);
                prop_assert_eq!(a.to_string(), text.clone());
                prop_assert_eq!(&a.state_machine_arn().alias(&AliasName::new(name.as_str()).unwrap()), a);
            }
            (Form::Label(label), Arn::StateMachineLabel(l)) => {
                prop_assert_eq!(l.label(), label.as_str());
                prop_assert_eq!(l.state_machine_arn().to_string(), sm_arn.clone());
                prop_assert_eq!(&StateMachineLabelArn::parse(l.as_str()).unwrap(), l);
                prop_assert_eq!(l.to_string(), text.clone());
            }
            (Form::Execution(name), Arn::Execution(e)) => {
                prop_assert_eq!(e.execution_name(), name.as_str());
                prop_assert_eq!(e.state_machine_name(), g.name.as_str());
                prop_assert_eq!(e.state_machine_arn().to_string(), sm_arn.clone());
                prop_assert_eq!(&ExecutionArn::parse(e.as_str()).unwrap(), e);
                prop_assert_eq!(e.to_string(), text.clone());
            }
            (Form::Express(name, id), Arn::ExpressExecution(x)) => {
                prop_assert_eq!(x.execution_name(), name.as_str());
                prop_assert_eq!(x.id(), id.as_str());
                prop_assert_eq!(x.state_machine_arn().to_string(), sm_arn.clone());
                prop_assert_eq!(&ExpressExecutionArn::parse(x.as_str()).unwrap(), x);
                prop_assert_eq!(x.to_string(), text.clone());
            }
            (Form::MapRun(label, id), Arn::MapRun(m)) => {
                prop_assert_eq!(m.state_machine_name(), g.name.as_str());
                prop_assert_eq!(m.label(), label.as_str());
                prop_assert_eq!(m.id(), id.as_str());
                prop_assert_eq!(&MapRunArn::parse(m.as_str()).unwrap(), m);
                prop_assert_eq!(m.to_string(), text.clone());
            }
            (Form::Activity, Arn::Activity(a)) => {
                prop_assert_eq!(a.name(), g.name.as_str());
                prop_assert_eq!(&ActivityArn::parse(a.as_str()).unwrap(), a);
                prop_assert_eq!(a.to_string(), text.clone());
            }
            (form, arn) => prop_assert!(false, "{:?} parsed as {:?}", form, arn),
        }
        // serde goes through the same text.
        let json = serde_json::to_string(&arn).unwrap();
        prop_assert_eq!(serde_json::from_str::<Arn>(&json).unwrap(), arn);
    }

    #[test]
    fn no_string_makes_a_parser_panic_and_whatever_parses_prints_back(s in arbitrary_string()) {
        if let Ok(arn) = Arn::parse(&s) {
            prop_assert_eq!(arn.to_string(), s.clone());
            prop_assert_eq!(Arn::parse(&arn.to_string()).unwrap(), arn);
        }
        if let Ok(r) = StateMachineRef::parse(&s) {
            prop_assert_eq!(r.to_string(), s.clone());
            prop_assert!(Arn::parse(&s).is_ok());
        }
        let typed = [
            StateMachineArn::parse(&s).map(|a| a.to_string()),
            StateMachineVersionArn::parse(&s).map(|a| a.to_string()),
            StateMachineAliasArn::parse(&s).map(|a| a.to_string()),
            StateMachineLabelArn::parse(&s).map(|a| a.to_string()),
            ExecutionArn::parse(&s).map(|a| a.to_string()),
            ExpressExecutionArn::parse(&s).map(|a| a.to_string()),
            MapRunArn::parse(&s).map(|a| a.to_string()),
            ActivityArn::parse(&s).map(|a| a.to_string()),
        ];
        let parsed: Vec<&String> = typed.iter().filter_map(|r| r.as_ref().ok()).collect();
        prop_assert!(parsed.len() <= 1, "{:?} parses as several kinds", s);
        for text in parsed {
            prop_assert_eq!(text, &s);
        }
        if let Err(e) = Arn::parse(&s) {
            let err = Error::from(e);
            prop_assert_eq!(err.code(), ErrorCode::InvalidArn);
            prop_assert!(err.message().starts_with("Invalid Arn: '") && err.message().ends_with('\''), "{}", err.message());
        }
    }

    #[test]
    fn a_string_without_the_arn_prefix_always_gets_the_prefix_text(s in ".{0,200}") {
        prop_assume!(!s.starts_with("arn:"));
        let err = Error::from(Arn::parse(&s).unwrap_err());
        prop_assert_eq!(err.code(), ErrorCode::InvalidArn);
        prop_assert_eq!(err.message(), format!("Invalid Arn: 'Invalid ARN prefix: {s}'"));
    }

    #[test]
    fn names_never_panic_and_agree_with_the_rules(s in ".{0,100}") {
        let units = s.encode_utf16().count();
        let has_forbidden = s.chars().any(|c| FORBIDDEN.contains(&c) || c.is_whitespace() || c.is_control());
        let sm = StateMachineName::new(s.as_str());
        prop_assert_eq!(sm.is_ok(), (1..=80).contains(&units) && !has_forbidden, "{:?}: {:?}", s, sm);
        let pattern = !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && !s.bytes().all(|b| b.is_ascii_digit());
        let alias = AliasName::new(s.as_str());
        prop_assert_eq!(alias.is_ok(), pattern && units <= 80, "{:?}: {:?}", s, alias);
    }
}
