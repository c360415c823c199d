//! [proptest](mod@proptest) strategies for the crate's values: names, ARNs of every kind, routing
//! configurations and state machine definitions ([`asl`]), for property tests of code that uses
//! the registry (feature `proptest`).
//!
//! Every value they generate is valid: the strategies build it through the same constructors
//! users call, so a property test never has to filter.
//!
//! A property test of routing, as a user would write it (in a test file, put `#[test]` above
//! the function inside `proptest!`):
//!
//! ```
//! use proptest::prelude::*;
//! use sfn_registry::strategies;
//! use rand::SeedableRng;
//!
//! proptest! {
//!     fn a_zero_weight_route_is_never_picked(routing in strategies::routing_configuration(), seed: u64) {
//!         let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(seed);
//!         for _ in 0..100 {
//!             let picked = routing.pick(&mut rng);
//!             let route = routing.routes().iter().find(|r| r.version() == picked).unwrap();
//!             prop_assert!(route.weight().get() > 0);
//!         }
//!     }
//! }
//! # a_zero_weight_route_is_never_picked();
//! ```

use proptest::prelude::*;

pub mod asl;

use crate::arn::{
    Arn, ArnScope, ExecutionArn, ExpressExecutionArn, MapRunArn, StateMachineAliasArn, StateMachineArn,
    StateMachineLabelArn, StateMachineVersionArn,
};
use crate::name::{AliasName, ArnId, ExecutionName, MapRunLabel, StateMachineName, VersionNumber};
use crate::routing::{Route, RoutingConfiguration, Weight};

/// Characters of state machine, execution and label names: ASCII letters, digits and the
/// punctuation AWS allows, with a few non-ASCII letters (each one UTF-16 unit).
const NAME_CHARS: &[char] = &[
    'a', 'b', 'c', 'x', 'y', 'z', 'A', 'B', 'C', 'X', 'Y', 'Z', '0', '1', '2', '7', '8', '9', '-', '_', '.', '!', '@',
    '(', ')', '\'', '+', '=', 'é', 'ñ', 'ü', 'ß', 'Ω', '日',
];

/// A resource name of 1–`max` characters of [`NAME_CHARS`].
fn resource_name(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(NAME_CHARS), 1..=max).prop_map(|c| c.into_iter().collect())
}

/// A valid state machine name.
pub fn state_machine_name() -> impl Strategy<Value = StateMachineName> {
    resource_name(StateMachineName::MAX_LEN)
        .prop_filter_map("valid state machine name", |s| StateMachineName::new(s).ok())
}

/// A valid execution name.
pub fn execution_name() -> impl Strategy<Value = ExecutionName> {
    resource_name(ExecutionName::MAX_LEN).prop_filter_map("valid execution name", |s| ExecutionName::new(s).ok())
}

/// A valid Distributed Map label.
pub fn map_run_label() -> impl Strategy<Value = MapRunLabel> {
    resource_name(40).prop_filter_map("valid label", |s| MapRunLabel::new(s).ok())
}

/// A valid trailing id of an express execution or Map Run ARN (UUID-shaped or short).
fn arn_id() -> impl Strategy<Value = ArnId> {
    "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|[a-z0-9]{1,12}"
        .prop_filter_map("valid id", |s| ArnId::new(s).ok())
}

/// A valid alias name: 1–80 characters of `[a-zA-Z0-9_.-]`, not all digits.
pub fn alias_name() -> impl Strategy<Value = AliasName> {
    "[a-zA-Z0-9_.-]{0,79}[a-zA-Z_.-]|[a-zA-Z_.-][0-9]{0,79}"
        .prop_filter_map("valid alias name", |s| AliasName::new(s).ok())
}

/// A version number, mostly small, sometimes near `u32::MAX`.
pub fn version_number() -> impl Strategy<Value = VersionNumber> {
    prop_oneof![4 => 1u32..=2000, 1 => 1u32..=u32::MAX].prop_filter_map("nonzero", VersionNumber::new)
}

/// A routing weight, 0–100.
pub fn weight() -> impl Strategy<Value = Weight> {
    (0u8..=100).prop_filter_map("0..=100", Weight::new)
}

/// A partition, region and account.
pub fn arn_scope() -> impl Strategy<Value = ArnScope> {
    (
        proptest::sample::select(&["aws", "aws-cn", "aws-us-gov"][..]),
        proptest::sample::select(
            &[
                "us-east-1",
                "eu-west-3",
                "ap-southeast-2",
                "cn-north-1",
                "us-gov-west-1",
            ][..],
        ),
        "[0-9]{12}",
    )
        .prop_filter_map("valid scope", |(p, r, a)| ArnScope::new(p, r, a).ok())
}

/// An unqualified state machine ARN.
pub fn state_machine_arn() -> impl Strategy<Value = StateMachineArn> {
    (arn_scope(), state_machine_name()).prop_map(|(scope, name)| StateMachineArn::new(&scope, &name))
}

/// A state machine version ARN.
pub fn state_machine_version_arn() -> impl Strategy<Value = StateMachineVersionArn> {
    (state_machine_arn(), version_number()).prop_map(|(sm, v)| sm.version(v))
}

/// A state machine alias ARN.
pub fn state_machine_alias_arn() -> impl Strategy<Value = StateMachineAliasArn> {
    (state_machine_arn(), alias_name()).prop_map(|(sm, a)| sm.alias(&a))
}

/// A Distributed Map label ARN.
pub fn state_machine_label_arn() -> impl Strategy<Value = StateMachineLabelArn> {
    (state_machine_arn(), map_run_label()).prop_map(|(sm, l)| sm.label(&l))
}

/// A standard execution ARN.
pub fn execution_arn() -> impl Strategy<Value = ExecutionArn> {
    (state_machine_arn(), execution_name()).prop_map(|(sm, e)| sm.execution(&e))
}

/// An express execution ARN.
pub fn express_execution_arn() -> impl Strategy<Value = ExpressExecutionArn> {
    (state_machine_arn(), execution_name(), arn_id()).prop_map(|(sm, e, id)| sm.express_execution(&e, &id))
}

/// A Map Run ARN.
pub fn map_run_arn() -> impl Strategy<Value = MapRunArn> {
    (state_machine_arn(), map_run_label(), arn_id()).prop_filter_map("valid map run ARN", |(sm, label, id)| {
        let text = format!(
            "arn:{}:states:{}:{}:mapRun:{}/{label}:{id}",
            sm.partition(),
            sm.region(),
            sm.account_id(),
            sm.name()
        );
        MapRunArn::parse(&text).ok()
    })
}

/// An ARN of any kind.
pub fn arn() -> impl Strategy<Value = Arn> {
    prop_oneof![
        state_machine_arn().prop_map(Arn::from),
        state_machine_version_arn().prop_map(Arn::from),
        state_machine_alias_arn().prop_map(Arn::from),
        state_machine_label_arn().prop_map(Arn::from),
        execution_arn().prop_map(Arn::from),
        express_execution_arn().prop_map(Arn::from),
        map_run_arn().prop_map(Arn::from),
    ]
}

/// A valid routing configuration: one version with weight 100, or two distinct versions of one
/// state machine whose weights sum to 100 (0/100 and 100/0 included).
pub fn routing_configuration() -> impl Strategy<Value = RoutingConfiguration> {
    state_machine_arn().prop_flat_map(routing_configuration_of)
}

/// A valid routing configuration over versions of `state_machine`.
pub fn routing_configuration_of(state_machine: StateMachineArn) -> impl Strategy<Value = RoutingConfiguration> {
    let single = version_number().prop_map({
        let sm = state_machine.clone();
        move |v| RoutingConfiguration::single(sm.version(v))
    });
    let split = (
        version_number(),
        version_number(),
        prop_oneof![1 => Just(0u8), 1 => Just(100u8), 8 => 0u8..=100],
    )
        .prop_filter_map("two distinct versions", move |(a, b, first)| {
            let routes = vec![
                Route::new(state_machine.version(a), Weight::new(first)?),
                Route::new(state_machine.version(b), Weight::new(100 - first)?),
            ];
            RoutingConfiguration::new(routes).ok()
        });
    prop_oneof![1 => single, 3 => split]
}
