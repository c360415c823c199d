//! The `proptest` feature's strategies generate only valid values, of every kind.
#![cfg(feature = "proptest")]

use proptest::prelude::*;
use sfn_registry::{AliasName, Arn, ExecutionName, StateMachineName, StateMachineRef, VersionNumber, strategies};

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn names_are_valid_and_round_trip(
        sm in strategies::state_machine_name(),
        alias in strategies::alias_name(),
        execution in strategies::execution_name(),
    ) {
        prop_assert_eq!(StateMachineName::new(sm.as_str()).unwrap(), sm.clone());
        prop_assert_eq!(AliasName::new(alias.as_str()).unwrap(), alias.clone());
        prop_assert!(!alias.as_str().bytes().all(|b| b.is_ascii_digit()));
        prop_assert_eq!(ExecutionName::new(execution.as_str()).unwrap(), execution);
    }

    #[test]
    fn every_arn_parses_back_to_itself(arn in strategies::arn()) {
        prop_assert_eq!(Arn::parse(&arn.to_string()).unwrap(), arn);
    }

    #[test]
    fn version_and_alias_arns_are_told_apart(
        version in strategies::state_machine_version_arn(),
        alias in strategies::state_machine_alias_arn(),
    ) {
        prop_assert!(matches!(StateMachineRef::parse(version.as_str()).unwrap(), StateMachineRef::Version(_)));
        prop_assert!(matches!(StateMachineRef::parse(alias.as_str()).unwrap(), StateMachineRef::Alias(_)));
    }

    #[test]
    fn routing_configurations_are_valid(routing in strategies::routing_configuration()) {
        let routes = routing.routes();
        prop_assert!(matches!(routes.len(), 1 | 2));
        prop_assert_eq!(routes.iter().map(|r| u32::from(r.weight().get())).sum::<u32>(), 100);
        if let [a, b] = routes {
            prop_assert_ne!(a.version(), b.version());
            prop_assert_eq!(a.version().state_machine_arn(), b.version().state_machine_arn());
        }
        prop_assert!(routes.iter().all(|r| r.version().version() >= VersionNumber::FIRST));
    }
}
