//! Validated names: state machines, executions, aliases, Distributed Map labels, and version
//! numbers.
//!
//! Lengths are counted as AWS counts them (UTF-16 code units, as Java strings do).

use std::borrow::Borrow;
use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a name was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind} {reason}")]
pub struct NameError {
    kind: &'static str,
    reason: NameErrorReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum NameErrorReason {
    Empty,
    TooLong(usize),
    InvalidCharacter(char),
    NoNonDigit,
}

impl fmt::Display for NameErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameErrorReason::Empty => f.write_str("is empty"),
            NameErrorReason::TooLong(max) => write!(f, "is longer than {max} characters"),
            NameErrorReason::InvalidCharacter(c) => write!(f, "contains the invalid character {c:?}"),
            NameErrorReason::NoNonDigit => {
                f.write_str("must contain a letter, '_', '-' or '.' (all digits is a version number)")
            }
        }
    }
}

impl NameError {
    /// `true` when the name was refused for its length alone (empty or too long).
    #[must_use]
    pub fn is_length_error(&self) -> bool {
        matches!(self.reason, NameErrorReason::Empty | NameErrorReason::TooLong(_))
    }
}

/// The length of `s` as AWS counts it: UTF-16 code units.
pub(crate) fn aws_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// A character AWS refuses in state machine and execution names: white space, brackets,
/// wildcards, the special characters `" # % \ ^ | ~ ` $ & , ; : /`, control characters
/// (U+0000–001F, U+007F–009F) and the non-characters U+FFFE, U+FFFF and U+10FFFF.
fn forbidden_in_resource_name(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>'
                | '{'
                | '}'
                | '['
                | ']'
                | '?'
                | '*'
                | '"'
                | '#'
                | '%'
                | '\\'
                | '^'
                | '|'
                | '~'
                | '`'
                | '$'
                | '&'
                | ','
                | ';'
                | ':'
                | '/'
        )
        || matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' | '\u{10ffff}')
}

fn check_resource_name(kind: &'static str, s: &str, max: usize) -> Result<(), NameError> {
    let err = |reason| Err(NameError { kind, reason });
    if s.is_empty() {
        return err(NameErrorReason::Empty);
    }
    if aws_len(s) > max {
        return err(NameErrorReason::TooLong(max));
    }
    match s.chars().find(|&c| forbidden_in_resource_name(c)) {
        Some(c) => err(NameErrorReason::InvalidCharacter(c)),
        None => Ok(()),
    }
}

/// Checks an alias name: 1–80 characters of `[a-zA-Z0-9_.-]`, at least one of them not a digit,
/// i.e. AWS's pattern `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`.
fn check_alias_name(s: &str) -> Result<(), NameError> {
    const KIND: &str = "alias name";
    let err = |reason| Err(NameError { kind: KIND, reason });
    if s.is_empty() {
        return err(NameErrorReason::Empty);
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return err(NameErrorReason::InvalidCharacter(c));
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return err(NameErrorReason::NoNonDigit);
    }
    if s.len() > AliasName::MAX_LEN {
        return err(NameErrorReason::TooLong(AliasName::MAX_LEN));
    }
    Ok(())
}

/// `true` if `s` matches AWS's alias name pattern `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`
/// (length aside).
pub(crate) fn matches_alias_pattern(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !s.bytes().all(|b| b.is_ascii_digit())
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `name`.
            ///
            /// # Errors
            ///
            /// A [`NameError`] naming the rule the name breaks.
            pub fn new(name: impl Into<String>) -> Result<Self, NameError> {
                let name = name.into();
                Self::check(&name)?;
                Ok($name(name))
            }

            /// Validates `name` without taking ownership of it.
            pub(crate) fn check(name: &str) -> Result<(), NameError> {
                let check: fn(&str) -> Result<(), NameError> = $check;
                check(name)
            }

            /// The name as a string slice.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The name as an owned string.
            #[must_use]
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl FromStr for $name {
            type Err = NameError;

            fn from_str(s: &str) -> Result<Self, NameError> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = NameError;

            fn try_from(s: String) -> Result<Self, NameError> {
                $name::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = NameError;

            fn try_from(s: &str) -> Result<Self, NameError> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(name: $name) -> String {
                name.0
            }
        }

        impl From<&$name> for String {
            fn from(name: &$name) -> String {
                name.0.clone()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

name_type!(
    /// A state machine name: 1–80 characters, none of them white space, brackets `< > { } [ ]`,
    /// wildcards `? *`, the special characters `" # % \ ^ | ~ ` $ & , ; : /`, or control
    /// characters.
    ///
    /// ```
    /// use sfn_registry::StateMachineName;
    ///
    /// assert!(StateMachineName::new("orders-v2").is_ok());
    /// assert!(StateMachineName::new("has space").is_err());
    /// assert!(StateMachineName::new("a:b").is_err());
    /// ```
    StateMachineName,
    |s| check_resource_name("state machine name", s, StateMachineName::MAX_LEN)
);

name_type!(
    /// An execution name: the same rules as a [`StateMachineName`].
    ExecutionName,
    |s| check_resource_name("execution name", s, ExecutionName::MAX_LEN)
);

name_type!(
    /// An alias name: 1–80 characters of `[a-zA-Z0-9_.-]` with at least one that is not a
    /// digit, so that `…:7` (a version) and `…:PROD` (an alias) are never ambiguous.
    ///
    /// ```
    /// use sfn_registry::AliasName;
    ///
    /// assert!(AliasName::new("PROD").is_ok());
    /// assert!(AliasName::new("v1.2-beta_3").is_ok());
    /// assert!(AliasName::new("123").is_err());
    /// assert!(AliasName::new("ALIAS@").is_err());
    /// ```
    AliasName,
    check_alias_name
);

name_type!(
    /// The label of a Distributed Map state, as it appears in `…:stateMachine:<name>/<label>`
    /// and in Map Run ARNs: 1–80 characters with the same forbidden characters as a
    /// [`StateMachineName`].
    MapRunLabel,
    |s| check_resource_name("map run label", s, MapRunLabel::MAX_LEN)
);

name_type!(
    /// The trailing id of an express execution or Map Run ARN: 1–80 characters with the same
    /// forbidden characters as a [`StateMachineName`].
    ArnId,
    |s| check_resource_name("ARN id", s, ArnId::MAX_LEN)
);

/// A version 4 UUID, hyphenated, made of these random bytes: always a valid name.
fn uuid_text(bytes: [u8; 16]) -> String {
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

impl ExecutionName {
    /// The name AWS gives an execution started without one: a UUID, here from the registry's RNG.
    pub(crate) fn from_uuid(bytes: [u8; 16]) -> Self {
        ExecutionName(uuid_text(bytes))
    }
}

impl ArnId {
    /// A UUID id, here from the registry's RNG.
    pub(crate) fn from_uuid(bytes: [u8; 16]) -> Self {
        ArnId(uuid_text(bytes))
    }
}

impl StateMachineName {
    /// The longest name AWS accepts.
    pub const MAX_LEN: usize = 80;
}

impl ExecutionName {
    /// The longest name AWS accepts.
    pub const MAX_LEN: usize = 80;
}

impl AliasName {
    /// The longest name AWS accepts.
    pub const MAX_LEN: usize = 80;
}

impl MapRunLabel {
    /// The longest label this crate accepts.
    pub const MAX_LEN: usize = 80;
}

impl ArnId {
    /// The longest id this crate accepts.
    pub const MAX_LEN: usize = 80;
}

/// A state machine version number: 1, 2, 3, … Printed in decimal, without leading zeros.
///
/// ```
/// use sfn_registry::VersionNumber;
///
/// let v: VersionNumber = "13".parse().unwrap();
/// assert_eq!(v.get(), 13);
/// assert!("0".parse::<VersionNumber>().is_err());
/// assert!("07".parse::<VersionNumber>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VersionNumber(NonZeroU32);

impl VersionNumber {
    /// Version 1, the first a state machine publishes.
    pub const FIRST: VersionNumber = VersionNumber(NonZeroU32::MIN);

    /// The version number `n`, or `None` for 0.
    #[must_use]
    pub const fn new(n: u32) -> Option<Self> {
        match NonZeroU32::new(n) {
            Some(n) => Some(VersionNumber(n)),
            None => None,
        }
    }

    /// The number.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0.get()
    }

    /// The number after this one, or `None` on overflow.
    #[must_use]
    pub const fn next(self) -> Option<Self> {
        match self.0.checked_add(1) {
            Some(n) => Some(VersionNumber(n)),
            None => None,
        }
    }
}

impl fmt::Display for VersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for VersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VersionNumber({})", self.0)
    }
}

/// Why a string is not a version number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid version number {0:?}: expected a decimal number from 1, without leading zeros")]
pub struct VersionNumberError(String);

impl FromStr for VersionNumber {
    type Err = VersionNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || VersionNumberError(s.to_owned());
        if s.is_empty() || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        s.parse::<NonZeroU32>().map(VersionNumber).map_err(|_| err())
    }
}
