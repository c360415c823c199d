//! JSONata expressions as Step Functions checks them: JSONata's syntax, then what a state
//! machine may not read.
//!
//! The syntax is jsonata-js's (the reference implementation; AWS documents JSONata 2.0.6), ported
//! token for token so that an expression fails exactly where jsonata-js fails and with its
//! message, less the `Sxxxx: ` code, as AWS prints it (`Unexpected end of expression`,
//! `Expected "]", got ","`). JSONata 2.1's `??` and `?:` are read too; AWS's 2.0.6 would refuse
//! them, so reading them can only accept more. Regular expression bodies are not compiled.
//!
//! A well-formed expression is then walked as AWS walks it (measured against
//! `ValidateStateMachineDefinition` in floci-io/floci#2670 and its tests): an expression runs
//! with no context item, so a path whose first step is a field name (`phone`, `phone[0].x`)
//! or `$` (`$.phone`) reads the top level and is refused, one diagnostic per distinct name in
//! the order written; `$$` has a message of its own; `$states.errorOutput` exists only in a
//! `Catch`. Names after the first step, in predicates, sort terms, groupings and transforms,
//! and every variable (`$states.input.x`, `$myVar`, `$now()`) are fine. A lambda's body keeps
//! the context of the expression that defines it, so a bare name there is refused too.

mod error;
mod lexer;
mod parser;

use super::JsonataError;
use parser::{Id, Kind, Parsed};

/// The JSONata expression between `{%` and `%}` (the delimiters excluded): its first problem,
/// with `$states.errorOutput` taken as available (use [`jsonata_problems`] where it is not).
pub(crate) fn jsonata(expression: &str) -> Result<(), JsonataError> {
    match jsonata_problems(expression, true).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Every problem AWS reports for one JSONata expression, in its order: the one syntax error
/// (`Invalid`), or one `Unsupported` per distinct top-level reference. `error_output` says
/// whether `$states.errorOutput` exists where the expression sits (a `Catch`'s `Output` and
/// `Assign`).
pub(crate) fn jsonata_problems(expression: &str, error_output: bool) -> Vec<JsonataError> {
    let parsed = match parser::parse(expression) {
        Ok(parsed) => parsed,
        Err(e) => return vec![JsonataError::Invalid(e.message())],
    };
    top_level_reads(&parsed)
        .into_iter()
        .filter_map(|read| match read {
            Read::Field(name) => Some(format!("Reference to '{name}' at the top level is not supported.")),
            Read::Root => Some("Reference to '$$' is not supported.".to_owned()),
            Read::ErrorOutput if error_output => None,
            Read::ErrorOutput => Some("Field '$states.errorOutput' does not exist.".to_owned()),
        })
        .map(JsonataError::Unsupported)
        .collect()
}

/// What an expression reads from the context it runs in.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Read {
    /// A field of the (absent) context item, or `$` itself.
    Field(String),
    /// `$$`.
    Root,
    /// `$states.errorOutput`.
    ErrorOutput,
}

/// The distinct top-level reads, in the order a depth-first walk meets them.
fn top_level_reads(parsed: &Parsed) -> Vec<Read> {
    let mut reads: Vec<Read> = Vec::new();
    let mut add = |read: Read| {
        if !reads.contains(&read) {
            reads.push(read);
        }
    };
    let mut stack: Vec<Id> = vec![parsed.root];
    while let Some(id) = stack.pop() {
        match parsed.kind(id) {
            Kind::Path(steps) => {
                if let [first, second, ..] = steps[..]
                    && matches!(parsed.kind(first), Kind::Variable(v) if v == "states")
                    && matches!(parsed.kind(second), Kind::Name(n) if n == "errorOutput")
                {
                    add(Read::ErrorOutput);
                }
                stack.extend(steps.first());
            }
            Kind::Name(name) => add(Read::Field(name.clone())),
            Kind::Variable(v) if v.is_empty() => add(Read::Field("$".to_owned())),
            Kind::Variable(v) if v == "$" => add(Read::Root),
            Kind::Negate(operand) | Kind::Bind(operand) | Kind::Lambda(operand) => {
                stack.push(*operand);
            }
            Kind::Array(items) | Kind::Block(items) => stack.extend(items.iter().rev()),
            Kind::Object(pairs) => {
                for (key, value) in pairs.iter().rev() {
                    stack.extend([*value, *key]);
                }
            }
            Kind::Binary(left, right) | Kind::Apply(left, right) => {
                stack.extend([*right, *left]);
            }
            Kind::Function { procedure, arguments } => {
                stack.extend(arguments.iter().rev());
                stack.push(*procedure);
            }
            Kind::Condition(condition, then, otherwise) => {
                stack.extend(otherwise);
                stack.extend([*then, *condition]);
            }
            _ => {}
        }
    }
    reads
}

#[cfg(test)]
mod tests;
