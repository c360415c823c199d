//! A minimal workflow runner for the example server: it runs state machines made only of `Pass`,
//! `Succeed` and `Fail` states to their end as soon as they start, reporting each step to the
//! registry (`record_state_event`) and the outcome (`end_execution`), so that simple state
//! machines behave over the wire as on AWS. A run is computed from the execution's definition
//! and input alone ([`plan`]), without the registry, and then reported in one go
//! ([`Run::report`]): the server holds no lock while the runner works. Anything else (`Task`, `Wait`, `Choice`, `Map`,
//! `Parallel`, or a `Pass` with `Parameters` or a non-trivial path) is left `RUNNING`, for
//! StopExecution or a real embedder.
//!
//! `Pass` supports `Result` and `ResultPath` (`$`, `null`, or `$.a.b`); `InputPath` and
//! `OutputPath` only as `$`.

use serde_json::{Map, Value};
use sfn_registry::{ExecutionOutcome, ExecutionRef, InMemoryRegistry, StateEvent, StateType};

/// At most this many states per execution (a loop of Pass states never ends).
const MAX_STEPS: usize = 1000;

/// One step the runner takes.
enum Step {
    Event(StateEvent),
    End(ExecutionOutcome),
}

/// The whole run of an execution, from its start to its end.
pub struct Run {
    steps: Vec<Step>,
}

impl Run {
    /// Reports every step of the run to `registry`, stopping at the first it refuses (the
    /// execution was stopped meanwhile: it has ended, and the rest would be refused too).
    pub fn report(self, registry: &mut InMemoryRegistry, arn: &ExecutionRef) {
        for step in self.steps {
            let reported = match step {
                Step::Event(event) => registry.record_state_event(arn, event),
                Step::End(outcome) => registry.end_execution(arn, outcome),
            };
            if reported.is_err() {
                return;
            }
        }
    }
}

/// Runs the execution `arn` now if its definition is simple enough; leaves it running otherwise.
pub fn run(registry: &mut InMemoryRegistry, arn: &ExecutionRef) {
    let run = registry
        .execution(arn)
        .and_then(|execution| plan(execution.definition(), execution.input()));
    if let Some(run) = run {
        run.report(registry, arn);
    }
}

/// The run of an execution of `definition` on `input`, or `None` if a state is beyond this
/// runner.
pub fn plan(definition: &str, input: &str) -> Option<Run> {
    steps(definition, input).map(|steps| Run { steps })
}

/// The steps of the whole run, or `None` if a state is beyond this runner.
fn steps(definition: &str, input: &str) -> Option<Vec<Step>> {
    let definition: Value = serde_json::from_str(definition).ok()?;
    let states = definition.get("States")?.as_object()?;
    let mut name = definition.get("StartAt")?.as_str()?.to_owned();
    let mut data: Value = serde_json::from_str(input).ok()?;
    let mut steps = Vec::new();
    for _ in 0..MAX_STEPS {
        let state = states.get(&name)?.as_object()?;
        let paths_are_default = ["InputPath", "OutputPath"]
            .iter()
            .all(|p| state.get(*p).is_none_or(|v| v == "$"));
        if !paths_are_default || state.contains_key("Parameters") || state.contains_key("ResultSelector") {
            return None;
        }
        let enter = |kind, data: &Value| StateEvent::entered(kind, name.clone(), data.to_string());
        match state.get("Type")?.as_str()? {
            "Pass" => {
                steps.push(Step::Event(enter(StateType::Pass, &data)));
                let result = state.get("Result").cloned().unwrap_or_else(|| data.clone());
                data = apply_result_path(data, result, state.get("ResultPath"))?;
                steps.push(Step::Event(StateEvent::exited(
                    StateType::Pass,
                    name.clone(),
                    data.to_string(),
                )));
                if state.get("End") == Some(&Value::Bool(true)) {
                    steps.push(Step::End(ExecutionOutcome::succeeded(data.to_string())));
                    return Some(steps);
                }
                name = state.get("Next")?.as_str()?.to_owned();
            }
            "Succeed" => {
                steps.push(Step::Event(enter(StateType::Succeed, &data)));
                steps.push(Step::Event(StateEvent::exited(
                    StateType::Succeed,
                    name.clone(),
                    data.to_string(),
                )));
                steps.push(Step::End(ExecutionOutcome::succeeded(data.to_string())));
                return Some(steps);
            }
            "Fail" => {
                steps.push(Step::Event(enter(StateType::Fail, &data)));
                let text = |key: &str| state.get(key).and_then(Value::as_str).map(str::to_owned);
                steps.push(Step::End(ExecutionOutcome::Failed {
                    error: text("Error"),
                    cause: text("Cause"),
                }));
                return Some(steps);
            }
            _ => return None,
        }
    }
    None
}

/// Where a `Pass` state's result goes: `$` (the default) replaces the data, `null` keeps the
/// input, `$.a.b` sets that field (creating the objects on the way).
fn apply_result_path(data: Value, result: Value, path: Option<&Value>) -> Option<Value> {
    match path {
        None => Some(result),
        Some(Value::Null) => Some(data),
        Some(Value::String(path)) if path == "$" => Some(result),
        Some(Value::String(path)) => {
            let fields: Vec<&str> = path.strip_prefix("$.")?.split('.').collect();
            if fields.iter().any(|f| f.is_empty() || f.contains(['[', ']', '*', '@'])) {
                return None;
            }
            let mut root = match data {
                Value::Object(map) => map,
                _ => return None,
            };
            let (last, parents) = fields.split_last()?;
            let mut node = &mut root;
            for field in parents {
                let child = node
                    .entry((*field).to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                node = child.as_object_mut()?;
            }
            node.insert((*last).to_owned(), result);
            Some(Value::Object(root))
        }
        Some(_) => None,
    }
}
