//! The API model's member constraints (length, range, pattern, enum, required), checked before
//! any business rule and reported in AWS's format:
//!
//! `1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to
//! satisfy constraint: Member must have value less than or equal to 100`
//!
//! Several violations are joined as `N validation errors detected: a; b`. Values of members the
//! model marks sensitive (definitions, descriptions, inputs) are not echoed: `Value at '…'`.

use crate::error::Error;
use crate::name::aws_len;

/// Collects the constraint violations of one request.
#[derive(Debug, Default)]
pub(crate) struct Constraints {
    violations: Vec<String>,
}

impl Constraints {
    pub(crate) fn new() -> Self {
        Constraints::default()
    }

    fn push(&mut self, value: Option<&str>, path: &str, constraint: &str) {
        let violation = match value {
            Some(v) => format!("Value '{v}' at '{path}' failed to satisfy constraint: {constraint}"),
            None => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
        };
        self.violations.push(violation);
    }

    fn check_len(&mut self, path: &str, shown: Option<&str>, len: usize, min: usize, max: usize) {
        if len < min {
            self.push(
                shown,
                path,
                &format!("Member must have length greater than or equal to {min}"),
            );
        } else if len > max {
            self.push(
                shown,
                path,
                &format!("Member must have length less than or equal to {max}"),
            );
        }
    }

    /// A string member whose length (UTF-16 units) must be in `min..=max`.
    pub(crate) fn length(&mut self, path: &str, value: &str, min: usize, max: usize) {
        self.check_len(path, Some(value), aws_len(value), min, max);
    }

    /// A sensitive string member: its value is not echoed.
    pub(crate) fn sensitive_length(&mut self, path: &str, value: &str, min: usize, max: usize) {
        self.check_len(path, None, aws_len(value), min, max);
    }

    /// A sensitive member whose length the model counts in UTF-8 bytes (definitions, inputs).
    pub(crate) fn sensitive_byte_length(&mut self, path: &str, value: &str, min: usize, max: usize) {
        self.check_len(path, None, value.len(), min, max);
    }

    /// An optional string member.
    pub(crate) fn opt_length(&mut self, path: &str, value: Option<&str>, min: usize, max: usize) {
        if let Some(v) = value {
            self.length(path, v, min, max);
        }
    }

    /// An optional sensitive string member.
    pub(crate) fn opt_sensitive_length(&mut self, path: &str, value: Option<&str>, min: usize, max: usize) {
        if let Some(v) = value {
            self.sensitive_length(path, v, min, max);
        }
    }

    /// A list member whose item count must be in `min..=max`; `shown` renders the list as AWS
    /// does (Java's `toString`).
    pub(crate) fn list_length(&mut self, path: &str, shown: &str, len: usize, min: usize, max: usize) {
        self.check_len(path, Some(shown), len, min, max);
    }

    /// A numeric member that must be in `min..=max`.
    pub(crate) fn range(&mut self, path: &str, value: i64, min: i64, max: i64) {
        let shown = value.to_string();
        if value < min {
            self.push(
                Some(&shown),
                path,
                &format!("Member must have value greater than or equal to {min}"),
            );
        } else if value > max {
            self.push(
                Some(&shown),
                path,
                &format!("Member must have value less than or equal to {max}"),
            );
        }
    }

    /// A string member that must match `pattern`; `matches` is the outcome.
    pub(crate) fn pattern(&mut self, path: &str, value: &str, matches: bool, pattern: &str) {
        if !matches {
            self.push(
                Some(value),
                path,
                &format!("Member must satisfy regular expression pattern: {pattern}"),
            );
        }
    }

    /// An enum member: `known` is false for a value outside `values`.
    pub(crate) fn enum_value(&mut self, path: &str, value: &str, known: bool, values: &[&str]) {
        if !known {
            self.push(
                Some(value),
                path,
                &format!("Member must satisfy enum value set: [{}]", values.join(", ")),
            );
        }
    }

    /// A required member that is missing.
    pub(crate) fn missing(&mut self, path: &str) {
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

/// The path of the `index`-th (0-based) item of list member `list`, as AWS writes it:
/// `routingConfiguration.1.member` for the first item.
pub(crate) fn item_path(list: &str, index: usize) -> String {
    format!("{list}.{}.member", index + 1)
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
