//! Alias routing: see [`RoutingConfiguration`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::arn::{StateMachineArn, StateMachineVersionArn};

/// A routing weight: a percentage from 0 to 100.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Weight(u8);

impl Weight {
    /// All the traffic.
    pub const ALL: Weight = Weight(100);
    /// None of the traffic.
    pub const NONE: Weight = Weight(0);

    /// The weight `percent`, or `None` above 100.
    #[must_use]
    pub const fn new(percent: u8) -> Option<Self> {
        if percent <= 100 { Some(Weight(percent)) } else { None }
    }

    /// The percentage.
    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Debug for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Weight({})", self.0)
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Weight> for u8 {
    fn from(w: Weight) -> u8 {
        w.0
    }
}

impl TryFrom<i64> for Weight {
    type Error = RoutingError;

    fn try_from(n: i64) -> Result<Self, RoutingError> {
        u8::try_from(n)
            .ok()
            .and_then(Weight::new)
            .ok_or(RoutingError(RoutingErrorKind::WeightOutOfRange))
    }
}

/// One route of an alias: a version and the share of executions it receives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    state_machine_version_arn: StateMachineVersionArn,
    weight: Weight,
}

impl Route {
    /// The route sending `weight` percent of executions to `version`.
    #[must_use]
    pub fn new(version: StateMachineVersionArn, weight: Weight) -> Self {
        Route {
            state_machine_version_arn: version,
            weight,
        }
    }

    /// The version.
    #[must_use]
    pub fn version(&self) -> &StateMachineVersionArn {
        &self.state_machine_version_arn
    }

    /// The weight.
    #[must_use]
    pub fn weight(&self) -> Weight {
        self.weight
    }
}

/// Why routes do not form a valid routing configuration.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RoutingError(RoutingErrorKind);

/// What is wrong with a routing configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoutingErrorKind {
    /// Not one or two routes.
    Count,
    /// A weight above 100.
    WeightOutOfRange,
    /// The same version twice.
    Duplicate,
    /// Versions of two state machines.
    MixedStateMachines,
    /// Weights that do not sum to 100.
    Sum,
}

impl fmt::Display for RoutingErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RoutingErrorKind::Count => "a routing configuration has one or two routes",
            RoutingErrorKind::WeightOutOfRange => "a routing weight is from 0 to 100",
            RoutingErrorKind::Duplicate => "the routes name the same version twice",
            RoutingErrorKind::MixedStateMachines => "the routes name versions of different state machines",
            RoutingErrorKind::Sum => "the routing weights do not sum to 100",
        })
    }
}

impl RoutingError {
    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> RoutingErrorKind {
        self.0
    }
}

/// An alias's routing: one or two distinct versions of one state machine with weights that sum
/// to 100, and the pick that chooses one of them by weight.
///
/// The pick is pure and reproducible: a *roll* in `0..100` selects the first route when it is
/// below the first weight, the second otherwise. A weight of 0 is never picked and a weight of
/// 100 always is. [`roll`] draws the roll from any [`rand::Rng`] by a widening multiply of one
/// `u64`, so the same seed gives the same picks on every platform and with every `rand` version.
///
/// ```
/// use sfn_registry::{Route, RoutingConfiguration, StateMachineVersionArn, Weight};
///
/// let v1: StateMachineVersionArn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders:1".parse()?;
/// let v2: StateMachineVersionArn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders:2".parse()?;
/// let routing = RoutingConfiguration::new(vec![
///     Route::new(v1.clone(), Weight::new(90).unwrap()),
///     Route::new(v2.clone(), Weight::new(10).unwrap()),
/// ])?;
/// assert_eq!(routing.pick_with_roll(89), &v1);
/// assert_eq!(routing.pick_with_roll(90), &v2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Route>", into = "Vec<Route>")]
pub struct RoutingConfiguration {
    routes: Vec<Route>,
}

impl RoutingConfiguration {
    /// Validates `routes`.
    ///
    /// # Errors
    ///
    /// A [`RoutingError`] if there are not one or two routes, if they name the same version twice
    /// or versions of different state machines, or if the weights do not sum to 100.
    pub fn new(routes: Vec<Route>) -> Result<Self, RoutingError> {
        let err = |kind| Err(RoutingError(kind));
        match routes.as_slice() {
            [_] => {}
            [a, b] => {
                if a.version() == b.version() {
                    return err(RoutingErrorKind::Duplicate);
                }
                if a.version().state_machine_arn() != b.version().state_machine_arn() {
                    return err(RoutingErrorKind::MixedStateMachines);
                }
            }
            _ => return err(RoutingErrorKind::Count),
        }
        if routes.iter().map(|r| u32::from(r.weight.get())).sum::<u32>() != 100 {
            return err(RoutingErrorKind::Sum);
        }
        Ok(RoutingConfiguration { routes })
    }

    /// All the traffic to `version`.
    #[must_use]
    pub fn single(version: StateMachineVersionArn) -> Self {
        RoutingConfiguration {
            routes: vec![Route::new(version, Weight::ALL)],
        }
    }

    /// The routes, in the order they were given.
    #[must_use]
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// The state machine whose versions the routes name.
    #[must_use]
    pub fn state_machine_arn(&self) -> StateMachineArn {
        self.routes[0].version().state_machine_arn()
    }

    /// `true` if a route names `version` (even with weight 0).
    #[must_use]
    pub fn routes_to(&self, version: &StateMachineVersionArn) -> bool {
        self.routes.iter().any(|r| r.version() == version)
    }

    /// `true` if both configurations hold the same routes, in any order.
    #[must_use]
    pub fn same_routes(&self, other: &RoutingConfiguration) -> bool {
        self.routes.len() == other.routes.len() && self.routes.iter().all(|r| other.routes.contains(r))
    }

    /// The version a roll in `0..100` selects: the first route when `roll` is below its weight,
    /// the second otherwise. Rolls of 100 and above count as `roll % 100`.
    #[must_use]
    pub fn pick_with_roll(&self, roll: u8) -> &StateMachineVersionArn {
        let roll = roll % 100;
        match self.routes.as_slice() {
            [first, second] if roll >= first.weight.get() => second.version(),
            routes => routes[0].version(),
        }
    }

    /// The version a roll drawn from `rng` selects (see [`roll`]).
    pub fn pick<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> &StateMachineVersionArn {
        self.pick_with_roll(roll(rng))
    }
}

/// A roll in `0..100` from one `u64` of `rng`: `(x * 100) >> 64`. It depends only on
/// `next_u64`, so it is the same on every platform and with every `rand` version.
pub fn roll<R: rand::Rng + ?Sized>(rng: &mut R) -> u8 {
    let wide = u128::from(rng.next_u64()) * 100;
    // (u64::MAX * 100) >> 64 == 99, so the value always fits.
    u8::try_from(wide >> 64).unwrap_or(99)
}

impl TryFrom<Vec<Route>> for RoutingConfiguration {
    type Error = RoutingError;

    fn try_from(routes: Vec<Route>) -> Result<Self, RoutingError> {
        RoutingConfiguration::new(routes)
    }
}

impl From<RoutingConfiguration> for Vec<Route> {
    fn from(r: RoutingConfiguration) -> Vec<Route> {
        r.routes
    }
}
