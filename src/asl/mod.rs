//! Amazon States Language validation: the checks AWS runs on a definition, reported as its
//! diagnostics.

mod choice;
mod diagnostics;
mod fallback;
mod fields;
mod graph;
mod language;
mod machine;
mod map;
mod payload;
mod resource;
mod syntax;
mod task;
mod walk;

use crate::definition::{DefinitionValidator, Diagnostic};
use crate::dto::StateMachineType;
use crate::jackson::{self, Value};
use diagnostics::{code, text};
use language::Language;
use walk::Walk;

/// The registry's default [`DefinitionValidator`]: the Amazon States Language as AWS checks
/// it, with AWS's diagnostic codes, messages and locations.
///
/// It reads the definition as AWS's JSON parser does (its error texts and positions for text
/// that is not JSON: `INVALID_JSON_DESCRIPTION`), then checks the schema: the top-level
/// fields; each state's type, required and allowed fields in its query language (JSONPath or
/// JSONata, a state inheriting the state machine's language, not its Map's or Parallel's);
/// `Next`/`End`; Choice rules (boolean and data-test expressions, every comparison operator,
/// JSONata `Condition`); Wait; Succeed and Fail; Parallel branches; Map (`ItemProcessor` or
/// `Iterator`, `ProcessorConfig`, `ItemReader`, `ItemBatcher`, `ResultWriter`, tolerated
/// failures, concurrency, `Label`); `Retry` and `Catch`; paths, payload templates (`.$`
/// keys), intrinsic function calls and `{% %}` JSONata strings; `Credentials`; Task
/// resources; and, for an `EXPRESS` state machine, what Express refuses (`.sync`,
/// `.waitForTaskToken`, activities). When the schema holds, it checks the graph: state names
/// unique across nesting, Map labels unique, every transition to a state of its own
/// container, a terminal state in each container, and every state transitioned to. As on
/// AWS, a schema error suppresses the graph checks, and `Workflow has no terminal state`
/// suppresses the unreachable-state check.
///
/// A false refusal breaks every Terraform plan (the provider validates each definition before
/// it plans), so where AWS's behaviour is not known the validator accepts: unknown fields of
/// `Credentials`, `ProcessorConfig`, `ItemReader` and its `ReaderConfig`, `ItemBatcher` and
/// `ResultWriter` are let through; any AWS SDK integration is accepted, and so is an optimised
/// integration of a service the validator does not know (only the actions of a few services'
/// short, stable lists are checked); a Distributed Map's iterations are not held to the
/// Express rules.
///
/// ```
/// use sfn_registry::dto::StateMachineType;
/// use sfn_registry::{AslValidator, DefinitionValidator};
///
/// let ok = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
/// assert!(AslValidator.validate(ok, &StateMachineType::Standard).is_empty());
///
/// let bad = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#;
/// let found: Vec<String> = AslValidator
///     .validate(bad, &StateMachineType::Standard)
///     .iter()
///     .map(ToString::to_string)
///     .collect();
/// assert_eq!(
///     found,
///     [
///         "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next",
///         "MISSING_END_STATE: Workflow has no terminal state at null",
///     ]
/// );
/// ```
///
/// # Texts
///
/// Recorded from AWS, verbatim: `Definition must be a valid JSON object` (white space only),
/// Jackson's parse errors, `These fields are required: [States, StartAt]`, `The field 'Type'
/// should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]`,
/// `'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine`, `Value
/// cannot be empty`, `String does not match RFC3339 timestamp`, `The field 'RoleArn' is
/// required but was missing`, `The value for the field '<key>.$' must be a valid JSONPath or a
/// valid intrinsic function call`, `The resource provided <arn> is not recognized. The value
/// is not a valid resource ARN, or the resource is not available in this region.`, and the
/// three Express texts (`…'.waitForTaskToken' service integration ` with its trailing space).
/// Quoted from AWS in issue threads: `Missing 'Next' target: <name>`, `State "<name>" is not
/// reachable.`, `Workflow has no terminal state`, `Field '<field>' is not supported`, `The
/// QueryLanguage is set to 'JSONPath', but field '<field>' is only supported for the 'JSONata'
/// QueryLanguage`, and the JSONata codes.
///
/// Worded by this crate in the same style, where no recording shows AWS's:
/// - any JSON that is not an object: `Definition must be a valid JSON object`, without location;
/// - a value of the wrong kind or out of range: `The value for the field '<field>' must be
///   <a string | an integer between 1 and 99999999 | a valid ReferencePath | …>`, at the field;
/// - `The field '<field>' should have one of these values: […]` for every enumeration
///   (`QueryLanguage`, `JitterStrategy`, `Mode`, `ExecutionType`);
/// - `The QueryLanguage is set to 'JSONata', but field '<field>' is only supported for the
///   'JSONPath' QueryLanguage`;
/// - field groups: `Exactly one of these fields is required: [Next, End]`, `At least one of
///   these fields is required: […]`, `These fields are mutually exclusive: […]`, at the object;
/// - `Exactly one comparison operator is required` (a data-test Choice Rule);
/// - `'States.ALL' must be the only error in the last Retrier` (or `Catcher`);
/// - `The value for the field 'HeartbeatSeconds' must be smaller than the value for the field
///   'TimeoutSeconds'`;
/// - `INVALID_STATE_NAME` `State names must be at most 80 characters long`;
///   `DUPLICATE_STATE_NAME` `Duplicate State name: <name>` (AWS's Step Functions Local text),
///   at the second state; `INVALID_LABEL_NAME` and `DUPLICATE_LABEL_NAME` `Duplicate Label
///   name: <label>` for Map labels;
/// - the warnings `NO_DOLLAR`, `NO_PATH` and `PASS_RESULT_IS_STATIC` (returned only with
///   `severity: WARNING`).
///
/// The order of several diagnostics follows the document: for each object, its missing
/// required fields, then its members in document order, then its field groups; the graph
/// checks come after, container by container (missing targets first).
#[derive(Clone, Copy, Debug, Default)]
pub struct AslValidator;

impl DefinitionValidator for AslValidator {
    fn validate(&self, definition: &str, kind: &StateMachineType) -> Vec<Diagnostic> {
        validate(definition, *kind == StateMachineType::Express)
    }
}

fn validate(definition: &str, express: bool) -> Vec<Diagnostic> {
    let document = match jackson::parse(definition) {
        Err(e) => {
            let location = e.location().map(str::to_owned);
            return vec![Diagnostic::error(code::INVALID_JSON, e.message(), location)];
        }
        Ok(document) => document,
    };
    let Some(Value::Object(root)) = document.as_ref().map(jackson::Document::root) else {
        return vec![Diagnostic::error(code::SCHEMA, text::NOT_AN_OBJECT, None)];
    };
    let mut walk = Walk::new(Language::of_machine(root));
    machine::machine(&mut walk, root, express);
    if !walk.report.has_errors() {
        let graph = std::mem::take(&mut walk.graph);
        graph.check(&mut walk.report);
    }
    walk.report.into_diagnostics()
}
