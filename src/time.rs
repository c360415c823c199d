//! Time: the [`Timestamp`] of the wire format and the injected [`Clock`].

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A point in time with millisecond precision, as Step Functions reports it.
///
/// On the wire it is a JSON number of seconds since the Unix epoch with at most three
/// fractional digits (`1700000000.123`), the AWS JSON 1.0 `unixTimestamp` form.
///
/// ```
/// use sfn_registry::Timestamp;
///
/// let t = Timestamp::from_unix_millis(1_700_000_000_123);
/// assert_eq!(serde_json::to_string(&t).unwrap(), "1700000000.123");
/// assert_eq!(serde_json::from_str::<Timestamp>("1700000000.123").unwrap(), t);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The Unix epoch.
    pub const UNIX_EPOCH: Timestamp = Timestamp(0);

    /// The instant `millis` milliseconds after the Unix epoch.
    #[must_use]
    pub const fn from_unix_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    /// Milliseconds since the Unix epoch.
    #[must_use]
    pub const fn unix_millis(self) -> i64 {
        self.0
    }

    /// The instant `t`, truncated to the millisecond.
    #[must_use]
    pub fn from_offset_date_time(t: OffsetDateTime) -> Self {
        let millis = t.unix_timestamp_nanos().div_euclid(1_000_000);
        Timestamp(i64::try_from(millis).unwrap_or(if millis < 0 { i64::MIN } else { i64::MAX }))
    }

    /// This instant as a UTC [`OffsetDateTime`], or `None` outside the range `time` supports.
    #[must_use]
    pub fn to_offset_date_time(self) -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000).ok()
    }

    /// This instant plus `millis` milliseconds (saturating).
    #[must_use]
    pub const fn add_millis(self, millis: i64) -> Self {
        Timestamp(self.0.saturating_add(millis))
    }

    /// Seconds since the epoch as a float, the wire value.
    #[allow(clippy::cast_precision_loss)] // i64 millis of any real date fit the f64 mantissa.
    fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(t: OffsetDateTime) -> Self {
        Timestamp::from_offset_date_time(t)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl fmt::Display for Timestamp {
    /// Seconds since the epoch with three decimals, e.g. `1700000000.123`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:03}", abs / 1000, abs % 1000)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_secs_f64())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let secs = f64::deserialize(deserializer)?;
        if !secs.is_finite() || secs.abs() > 1e15 {
            return Err(serde::de::Error::custom(format_args!("timestamp out of range: {secs}")));
        }
        #[allow(clippy::cast_possible_truncation)] // bounded above.
        Ok(Timestamp((secs * 1000.0).round() as i64))
    }
}

/// The source of the current time. The registry asks it for every timestamp it records and for
/// the age of pagination tokens; it never reads the system clock itself.
///
/// Implement it to drive time from a simulation; [`ManualClock`] does so for tests.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The system's wall clock: the default of [`InMemoryRegistry`](crate::InMemoryRegistry).
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_offset_date_time(OffsetDateTime::now_utc())
    }
}

/// A clock that stands still until told to move. Clones share the same time, so a test can keep
/// one handle and give another to the registry.
///
/// ```
/// use sfn_registry::{Clock, ManualClock, Timestamp};
///
/// let clock = ManualClock::new(Timestamp::from_unix_millis(1_000));
/// let handle = clock.clone();
/// handle.advance_millis(500);
/// assert_eq!(clock.now(), Timestamp::from_unix_millis(1_500));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ManualClock {
    millis: Arc<AtomicI64>,
}

impl ManualClock {
    /// A clock showing `start`.
    #[must_use]
    pub fn new(start: Timestamp) -> Self {
        ManualClock {
            millis: Arc::new(AtomicI64::new(start.unix_millis())),
        }
    }

    /// Sets the time.
    pub fn set(&self, t: Timestamp) {
        self.millis.store(t.unix_millis(), Ordering::SeqCst);
    }

    /// Moves the time forward by `millis` milliseconds (backward if negative).
    pub fn advance_millis(&self, millis: i64) {
        self.millis.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(self.millis.load(Ordering::SeqCst))
    }
}
