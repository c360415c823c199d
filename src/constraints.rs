//! The API model's member constraints (length, range, pattern, enum, required), checked before
//! any business rule and reported in AWS's format:
//!
//! `1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to
//! satisfy constraint: Member must have value less than or equal to 100`
//!
//! Several violations are joined as `N validation errors detected: a; b`. Values of members the
//! model marks sensitive (definitions, descriptions, inputs) are not echoed: `Value at '…'`.

use std::fmt::{self, Display};

use crate::dto::WireEnum;
use crate::error::Error;
use crate::name::aws_len;

/// Collects the constraint violations of one request. Paths and shown values are `Display`
/// values formatted only when a constraint fails, so a valid request costs no formatting.
#[derive(Debug, Default)]
pub(crate) struct Constraints {
    violations: Vec<String>,
}

impl Constraints {
    pub(crate) fn new() -> Self {
        Constraints::default()
    }

    fn push(&mut self, value: Option<&dyn Display>, path: &dyn Display, constraint: fmt::Arguments<'_>) {
        let violation = match value {
            Some(v) => format!("Value '{v}' at '{path}' failed to satisfy constraint: {constraint}"),
            None => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
        };
        self.violations.push(violation);
    }

    fn check_len(&mut self, path: &dyn Display, shown: Option<&dyn Display>, len: usize, min: usize, max: usize) {
        if len < min {
            self.push(
                shown,
                path,
                format_args!("Member must have length greater than or equal to {min}"),
            );
        } else if len > max {
            self.push(
                shown,
                path,
                format_args!("Member must have length less than or equal to {max}"),
            );
        }
    }

    /// A string member whose length (UTF-16 units) must be in `min..=max`.
    pub(crate) fn length(&mut self, path: impl Display, value: &str, min: usize, max: usize) {
        self.check_len(&path, Some(&value), aws_len(value), min, max);
    }

    /// A sensitive string member: its value is not echoed.
    pub(crate) fn sensitive_length(&mut self, path: impl Display, value: &str, min: usize, max: usize) {
        self.check_len(&path, None, aws_len(value), min, max);
    }

    /// A sensitive member whose length the model counts in UTF-8 bytes (definitions, inputs).
    pub(crate) fn sensitive_byte_length(&mut self, path: impl Display, value: &str, min: usize, max: usize) {
        self.check_len(&path, None, value.len(), min, max);
    }

    /// An optional string member.
    pub(crate) fn opt_length(&mut self, path: impl Display, value: Option<&str>, min: usize, max: usize) {
        if let Some(v) = value {
            self.length(path, v, min, max);
        }
    }

    /// An optional sensitive string member.
    pub(crate) fn opt_sensitive_length(&mut self, path: impl Display, value: Option<&str>, min: usize, max: usize) {
        if let Some(v) = value {
            self.sensitive_length(path, v, min, max);
        }
    }

    /// A list member whose item count must be in `min..=max`; `shown` renders the list as AWS
    /// does (Java's `toString`).
    pub(crate) fn list_length(&mut self, path: impl Display, shown: impl Display, len: usize, min: usize, max: usize) {
        self.check_len(&path, Some(&shown), len, min, max);
    }

    /// A numeric member that must be in `min..=max`.
    pub(crate) fn range(&mut self, path: impl Display, value: i64, min: i64, max: i64) {
        if value < min {
            self.push(
                Some(&value),
                &path,
                format_args!("Member must have value greater than or equal to {min}"),
            );
        } else if value > max {
            self.push(
                Some(&value),
                &path,
                format_args!("Member must have value less than or equal to {max}"),
            );
        }
    }

    /// A string member that must match `pattern`; `matches` is the outcome.
    pub(crate) fn pattern(&mut self, path: impl Display, value: &str, matches: bool, pattern: &str) {
        if !matches {
            self.push(
                Some(&value),
                &path,
                format_args!("Member must satisfy regular expression pattern: {pattern}"),
            );
        }
    }

    /// An enum member: a value outside the model is answered with the enum's values, in the
    /// order AWS's message lists them ([`WireEnum::MESSAGE_ORDER`]).
    pub(crate) fn enum_value<E: WireEnum>(&mut self, path: impl Display, value: &E) {
        if !value.is_known() {
            let values = E::MESSAGE_ORDER.join(", ");
            self.push(
                Some(&value.as_str()),
                &path,
                format_args!("Member must satisfy enum value set: [{values}]"),
            );
        }
    }

    /// A required member that is missing.
    pub(crate) fn missing(&mut self, path: impl Display) {
        self.violations.push(format!(
            "Value null at '{path}' failed to satisfy constraint: Member must not be null"
        ));
    }

    /// `Ok` if nothing was violated, else AWS's `ValidationException`.
    pub(crate) fn finish(self) -> Result<(), Error> {
        match self.violations.len() {
            0 => Ok(()),
            1 => Err(Error::validation(format!(
                "1 validation error detected: {}",
                self.violations[0]
            ))),
            n => Err(Error::validation(format!(
                "{n} validation errors detected: {}",
                self.violations.join("; ")
            ))),
        }
    }
}

/// The path of a member of the `index`-th (0-based) item of list member `list`, as AWS writes
/// it: `routingConfiguration.1.member.weight` for `weight` of the first item (`member` may be
/// empty for the item itself: `tagKeys.1.member`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ItemPath<'a> {
    pub(crate) list: &'a str,
    pub(crate) index: usize,
    pub(crate) member: &'a str,
}

impl Display for ItemPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.member", self.list, self.index + 1)?;
        if !self.member.is_empty() {
            write!(f, ".{}", self.member)?;
        }
        Ok(())
    }
}

/// Renders something lazily through a closure: formatted only when displayed.
pub(crate) struct Lazy<F>(pub(crate) F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> Display for Lazy<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_violation_uses_the_singular_form() {
        let mut c = Constraints::new();
        c.range("maxResults", 1001, 0, 1000);
        let e = c.finish().unwrap_err();
        assert_eq!(
            e.message(),
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: \
             Member must have value less than or equal to 1000"
        );
    }

    #[test]
    fn several_violations_are_joined() {
        let mut c = Constraints::new();
        c.range("maxResults", -1, 0, 1000);
        c.sensitive_length("description", &"x".repeat(257), 0, 256);
        let e = c.finish().unwrap_err();
        assert_eq!(
            e.message(),
            "2 validation errors detected: Value '-1' at 'maxResults' failed to satisfy constraint: \
             Member must have value greater than or equal to 0; Value at 'description' failed to \
             satisfy constraint: Member must have length less than or equal to 256"
        );
    }
}
