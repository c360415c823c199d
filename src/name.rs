//! Validated names: state machines, executions, aliases, Distributed Map labels, and version
//! numbers.
//!
//! Lengths are counted as AWS counts them (UTF-16 code units, as Java strings do).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::arn::Text;

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

/// The ASCII characters [`forbidden_in_resource_name`] refuses, by code: white space and control
/// characters (U+0000–0020, U+007F), brackets, wildcards and the special characters.
const FORBIDDEN_ASCII: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b <= 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    let specials = b"<>{}[]?*\"#%\\^|~`$&,;:/";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table
};

/// Checks a state machine or execution name (or a label, or an ARN id): not empty, at most
/// `max` UTF-16 units, no forbidden character. An ASCII name is checked in one pass over its
/// bytes; any other goes through [`check_resource_name_chars`], the rules as written.
fn check_resource_name(kind: &'static str, s: &str, max: usize) -> Result<(), NameError> {
    let err = |reason| Err(NameError { kind, reason });
    let mut forbidden = None;
    for &b in s.as_bytes() {
        if !b.is_ascii() {
            return check_resource_name_chars(kind, s, max);
        }
        if forbidden.is_none() && FORBIDDEN_ASCII[usize::from(b)] {
            forbidden = Some(char::from(b));
        }
    }
    if s.is_empty() {
        return err(NameErrorReason::Empty);
    }
    if s.len() > max {
        return err(NameErrorReason::TooLong(max));
    }
    match forbidden {
        Some(c) => err(NameErrorReason::InvalidCharacter(c)),
        None => Ok(()),
    }
}

/// [`check_resource_name`] for any string, character by character.
fn check_resource_name_chars(kind: &'static str, s: &str, max: usize) -> Result<(), NameError> {
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
/// i.e. AWS's pattern `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`. One pass over the bytes.
fn check_alias_name(s: &str) -> Result<(), NameError> {
    const KIND: &str = "alias name";
    let err = |reason| Err(NameError { kind: KIND, reason });
    if s.is_empty() {
        return err(NameErrorReason::Empty);
    }
    let mut digits_only = true;
    for (i, b) in s.bytes().enumerate() {
        if b.is_ascii_digit() {
            continue;
        }
        digits_only = false;
        if !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
            let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            return err(NameErrorReason::InvalidCharacter(c));
        }
    }
    if digits_only {
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
        ///
        /// Its text is shared by every copy (a clone costs a reference count).
        #[derive(Clone)]
        pub struct $name {
            /// The text the name is `start..end` of: its own, or (for an execution's name) that
            /// of the ARN it is part of.
            text: Text,
            start: u16,
            end: u16,
        }

        impl $name {
            /// Validates `name`.
            ///
            /// # Errors
            ///
            /// A [`NameError`] naming the rule the name breaks.
            pub fn new(name: impl AsRef<str>) -> Result<Self, NameError> {
                let name = name.as_ref();
                Self::check(name)?;
                Ok($name::whole(Arc::from(name)))
            }

            /// Validates `name` without taking ownership of it.
            pub(crate) fn check(name: &str) -> Result<(), NameError> {
                let check: fn(&str) -> Result<(), NameError> = $check;
                check(name)
            }

            /// All of `text`, a name already checked.
            fn whole(text: Text) -> Self {
                let end = u16::try_from(text.len()).unwrap_or(u16::MAX);
                $name { text, start: 0, end }
            }

            /// `text[start..end]`, a name already checked (as part of an ARN), sharing the text.
            #[allow(dead_code)] // not every kind of name is part of an ARN the registry keeps.
            pub(crate) fn within(text: &Text, start: usize, end: usize) -> Self {
                let offset = |n| u16::try_from(n).unwrap_or(u16::MAX);
                $name {
                    text: Arc::clone(text),
                    start: offset(start),
                    end: offset(end),
                }
            }

            /// The name as a string slice.
            #[must_use]
            pub fn as_str(&self) -> &str {
                self.text
                    .get(usize::from(self.start)..usize::from(self.end))
                    .unwrap_or_default()
            }

            /// The name as an owned string.
            #[must_use]
            pub fn into_string(self) -> String {
                self.as_str().to_owned()
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                $name::new(&*s).map_err(serde::de::Error::custom)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
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
                name.into_string()
            }
        }

        impl From<&$name> for String {
            fn from(name: &$name) -> String {
                name.as_str().to_owned()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
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

/// A version 4 UUID, hyphenated, made of these random bytes, in `buf`: always a valid name.
pub(crate) fn uuid_text(bytes: [u8; 16], buf: &mut [u8; 36]) -> &str {
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .encode_lower(buf)
}

impl ArnId {
    /// A UUID id, here from the registry's RNG.
    pub(crate) fn from_uuid(bytes: [u8; 16]) -> Self {
        ArnId::whole(Arc::from(uuid_text(bytes, &mut [0; 36])))
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_ascii_table_is_the_rule() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(FORBIDDEN_ASCII[usize::from(b)], forbidden_in_resource_name(c), "{c:?}");
        }
    }

    /// The alias rule character by character, as it was first written.
    fn check_alias_name_chars(s: &str) -> Result<(), NameError> {
        let err = |reason| {
            Err(NameError {
                kind: "alias name",
                reason,
            })
        };
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

    /// Any string, and strings near the rules' edges: printable ASCII, the alias alphabet, and
    /// names mixing allowed characters with white space, separators and non-ASCII ones.
    fn names() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~]{0,100}",
            "[a-zA-Z0-9_.-]{0,90}",
            "[0-9]{0,85}",
            "[a-z0-9:/ \t\u{7f}\u{85}\u{a0}\u{9f}é\u{2028}\u{fffe}\u{10ffff}😀]{0,90}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn the_one_pass_name_check_is_the_rule(s in names(), max in 1usize..100) {
            prop_assert_eq!(check_resource_name("name", &s, max), check_resource_name_chars("name", &s, max));
        }

        #[test]
        fn the_one_pass_alias_check_is_the_rule(s in names()) {
            prop_assert_eq!(check_alias_name(&s), check_alias_name_chars(&s));
        }
    }
}
