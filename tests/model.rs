//! A model-based property test, in the style of `http`'s `header_map_fuzz`: seeded random
//! sequences of every `Registry` operation and of the embedder's `end_execution` and
//! `record_state_event`, valid and invalid (unknown names, deleted versions, bad weights, alias
//! names like `123`, three routes, malformed ARNs, ARNs of another account, region or partition,
//! stale revision ids, oversized names, garbled and expired tokens, the exit of a `Fail` state,
//! state data that is not JSON, events of executions that ended), run against `InMemoryRegistry`
//! and against a small reference model written here with plain `Vec`s and `BTreeMap`s. The
//! universe is small (three state machine names, three alias names, three execution names), so
//! operations collide often.
//!
//! The model predicts each answer before the registry gives it. After every step the two must
//! agree: both succeed, with the same key fields (ARNs, version numbers, dates, statuses, the
//! version an execution runs), or both fail with the same error code. A request that fails, or
//! that the model expects to change nothing (an idempotent replay, deleting what does not
//! exist, stopping an execution that ended), must leave the registry's snapshot (RNG included)
//! exactly as it was. Every list is read to its end with random page sizes (`maxResults`
//! 0..=5) and must return every item exactly once, in its documented order; some tokens are
//! kept for later steps, where they resume after their last item, or are refused
//! (`InvalidToken`) once 24 hours passed or on another list. An execution's history is
//! `ExecutionStarted`, the state events the embedder recorded (in order, with their names and
//! data), then the terminal event, with consecutive ids. Every few steps, and at the end of
//! each sequence, the whole observable state is compared with the model and the invariants are
//! checked: version numbers only grow and are never reused, an alias routes only to versions
//! that exist, and every execution runs the definition it pinned when it started (the
//! version's, or the revision current at an unqualified start).
//!
//! Durability is checked along the way. The registry records its changes; at random steps, and
//! at the end of each sequence, the changes so far are taken and written as JSON lines (as an
//! embedder persists them), and the registry's snapshot is written with `Snapshot::to_json`.
//! Then (a) a snapshot taken at an earlier such step (or the empty registry's), read back with
//! `Snapshot::from_json`, plus the changes recorded since, replayed with `restore_with_changes`
//! on a clock that reads another time, must give exactly the live registry's snapshot; and (b) a
//! registry restored from the live registry's snapshot must continue identically: the next few
//! generated steps run on both (each checked against its own copy of the model), every answer
//! must be the same bytes (`serde_json` of the output, or the error's code, message and JSON),
//! and so must a full read of both, their snapshots, and the changes both recorded.
//!
//! Revision ids and generated names are random. The model numbers revisions per state machine
//! and checks the registry's ids against that numbering (equal ids ⇔ the same revision); it
//! learns generated execution names, and the version an alias picked, from the registry, and
//! checks the pick is one of the alias's routes with a weight above 0.
//!
//! The model follows `aws-behaviour.md` and, where AWS was not observed, the choices listed in
//! the rustdoc of `InMemoryRegistry` and the `# Errors` of `Registry`.
//!
//! A failure prints the seed, the step, the operation, and the sequence shrunk to the steps it
//! needs. `MODEL_SEED=<n>` replays one sequence and prints its steps; `MODEL_SEQUENCES`,
//! `MODEL_FIRST_SEED` and `MODEL_STEPS` choose which sequences run and how long they are;
//! `MODEL_STATS=1` prints how often each operation succeeded, or failed with each error code.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineAliasInput, DeleteStateMachineInput,
    DeleteStateMachineVersionInput, DescribeExecutionInput, DescribeStateMachineAliasInput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineInput, ExecutionStatus, GetExecutionHistoryInput,
    IncludedData, ListExecutionsInput, ListStateMachineAliasesInput, ListStateMachineVersionsInput,
    ListStateMachinesInput, ListTagsForResourceInput, PublishStateMachineVersionInput, RevisionId,
    RoutingConfigurationListItem, StartExecutionInput, StateMachineStatus, StateMachineType, StopExecutionInput, Tag,
    TagResourceInput, TracingConfiguration, UntagResourceInput, UpdateStateMachineAliasInput, UpdateStateMachineInput,
};
use sfn_registry::rand::rngs::Xoshiro256PlusPlus;
use sfn_registry::rand::{RngExt, SeedableRng};
use sfn_registry::{
    Change, Error, ErrorCode, ExecutionOutcome, ExecutionRef, InMemoryRegistry, ManualClock, Registry, Snapshot,
    StateEvent, StateType, Timestamp,
};

// ---------------------------------------------------------------------------------------------
// The universe: few names, so that operations collide often
// ---------------------------------------------------------------------------------------------

const START: i64 = 1_700_000_000_000;
const DAY: i64 = 24 * 60 * 60 * 1000;
/// The registry's own scope first, then another account, another region, another partition.
const SCOPES: [&str; 4] = [
    "arn:aws:states:us-east-1:123456789012:",
    "arn:aws:states:us-east-1:999999999999:",
    "arn:aws:states:eu-west-1:123456789012:",
    "arn:aws-cn:states:us-east-1:123456789012:",
];
const SM_NAMES: [&str; 3] = ["alpha", "beta", "gamma"];
const ALIASES: [&str; 3] = ["PROD", "beta-1", "x.y"];
const EXEC_NAMES: [&str; 3] = ["run-a", "run-b", "run-c"];
const ROLES: [&str; 2] = ["arn:aws:iam::123456789012:role/r1", "arn:aws:iam::123456789012:role/r2"];
const BAD_ROLES: [&str; 2] = ["not-a-role", "arn:aws:iam"];
const BAD_DEFINITIONS: [&str; 2] = [
    "not json",
    r#"{"StartAt":"B","States":{"A":{"Type":"Pass","End":true}}}"#,
];
const INPUTS: [&str; 2] = ["{}", r#"{"k":1}"#];
/// Strings no ARN parser accepts.
const MALFORMED: [&str; 7] = [
    "not-an-arn",
    "arn:aws:states:us-east-1:123456789012:stateMachine:",
    "arn:aws:states:us-east-1:123456789012:stateMachine:alpha:0",
    "arn:aws:states:us-east-1:123456789012:stateMachine:alpha:007",
    "arn:aws:lambda:us-east-1:123456789012:function:alpha",
    "arn:aws:states:us-east-1:12345:stateMachine:alpha",
    "arn:aws:states:us-east-1:123456789012:execution:alpha",
];
const V: ErrorCode = ErrorCode::ValidationException;
const SMDNE: ErrorCode = ErrorCode::StateMachineDoesNotExist;
const RNF: ErrorCode = ErrorCode::ResourceNotFound;
const EDNE: ErrorCode = ErrorCode::ExecutionDoesNotExist;
const DELETING: ErrorCode = ErrorCode::StateMachineDeleting;

/// Valid definitions: three, and the first again with other white space (another string, so
/// another revision).
fn definition(i: usize) -> String {
    if i == 3 {
        return r#"{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": "d0", "End": true } } }"#.to_owned();
    }
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"d{i}","End":true}}}}}}"#)
}

fn is_valid_definition(d: &str) -> bool {
    (0..4).any(|i| definition(i) == d)
}

/// A valid name of 80 characters but 160 bytes: AWS counts lengths in UTF-16 code units.
fn wide_name() -> String {
    "é".repeat(80)
}

fn is_valid_sm_name(name: &str) -> bool {
    SM_NAMES.contains(&name) || name == wide_name()
}

fn is_valid_exec_name(name: &str) -> bool {
    EXEC_NAMES.contains(&name) || name == wide_name()
}

/// A length as AWS counts it.
fn aws_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

fn is_json(s: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(s).is_ok()
}

fn sm_arn(name: &str) -> String {
    format!("{}stateMachine:{name}", SCOPES[0])
}

fn version_arn(name: &str, n: u32) -> String {
    format!("{}stateMachine:{name}:{n}", SCOPES[0])
}

fn alias_arn(name: &str, alias: &str) -> String {
    format!("{}stateMachine:{name}:{alias}", SCOPES[0])
}

// ---------------------------------------------------------------------------------------------
// ARNs the operations are given, with what they are
// ---------------------------------------------------------------------------------------------

/// What an ARN string is. The `usize` is its scope: an index in [`SCOPES`].
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// `""`: fails every length constraint.
    Empty,
    /// 301 characters, with a state machine name of 250: fails a 256-character constraint, and
    /// every parser.
    Long,
    /// One of [`MALFORMED`].
    Malformed(usize),
    Sm(usize, String),
    Version(usize, String, u32),
    Alias(usize, String, String),
    /// A Distributed Map label ARN.
    Label(usize, String),
    Execution(usize, String, String),
    /// An express execution of a state machine: its text is the registry's ARN, or made up.
    Express(usize, String),
    Activity,
}

#[derive(Clone, PartialEq, Eq)]
struct Target {
    text: String,
    kind: Kind,
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.len() > 120 {
            write!(f, "<{} characters>", self.text.len())
        } else {
            write!(f, "{:?}", self.text)
        }
    }
}

impl Target {
    fn of(kind: Kind) -> Target {
        let text = match &kind {
            Kind::Empty => String::new(),
            Kind::Long => format!("{}stateMachine:{}", SCOPES[0], "a".repeat(250)),
            Kind::Malformed(i) => MALFORMED[*i].to_owned(),
            Kind::Sm(s, n) => format!("{}stateMachine:{n}", SCOPES[*s]),
            Kind::Version(s, n, v) => format!("{}stateMachine:{n}:{v}", SCOPES[*s]),
            Kind::Alias(s, n, a) => format!("{}stateMachine:{n}:{a}", SCOPES[*s]),
            Kind::Label(s, n) => format!("{}stateMachine:{n}/label", SCOPES[*s]),
            Kind::Execution(s, n, e) => format!("{}execution:{n}:{e}", SCOPES[*s]),
            Kind::Express(s, n) => format!("{}express:{n}:run-a:00000000-0000-4000-8000-000000000000", SCOPES[*s]),
            Kind::Activity => format!("{}activity:worker", SCOPES[0]),
        };
        Target { text, kind }
    }

    /// The member constraint of an ARN: 1 to `max` characters.
    fn length(&self, max: usize) -> bool {
        !self.text.is_empty() && aws_len(&self.text) <= max
    }

    /// `Arn::parse` accepts it (as some Step Functions ARN).
    fn parses(&self) -> bool {
        !matches!(self.kind, Kind::Empty | Kind::Long | Kind::Malformed(_))
    }
}

/// A state machine ARN in any of its forms, as `StateMachineRef::parse` reads it.
enum SmRef<'a> {
    Sm(usize, &'a str),
    Version(usize, &'a str, u32),
    Alias(usize, &'a str, &'a str),
    Label,
}

fn sm_ref(kind: &Kind) -> Result<SmRef<'_>, ErrorCode> {
    match kind {
        Kind::Sm(s, n) => Ok(SmRef::Sm(*s, n)),
        Kind::Version(s, n, v) => Ok(SmRef::Version(*s, n, *v)),
        Kind::Alias(s, n, a) => Ok(SmRef::Alias(*s, n, a)),
        Kind::Label(..) => Ok(SmRef::Label),
        _ => Err(ErrorCode::InvalidArn),
    }
}

/// A standard execution ARN, as `ExecutionArn::parse` reads it (an express one is refused).
fn execution_ref(kind: &Kind) -> Result<(usize, &str, &str), ErrorCode> {
    match kind {
        Kind::Execution(s, n, e) => Ok((*s, n, e)),
        _ => Err(ErrorCode::InvalidArn),
    }
}

// ---------------------------------------------------------------------------------------------
// The reference model
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
struct Rev {
    definition: String,
    role: String,
    tracing: bool,
    created: i64,
}

#[derive(Clone, Debug)]
struct Ver {
    rev: usize,
    description: Option<String>,
    created: i64,
}

#[derive(Clone, Debug)]
struct Alias {
    name: String,
    /// Creation order within the state machine, from 1.
    seq: u64,
    description: Option<String>,
    /// (version, weight), in the order given.
    routes: Vec<(u32, u8)>,
    created: i64,
    updated: i64,
}

#[derive(Clone, Debug)]
struct Exec {
    /// Start order within the state machine, from 1 (0 for an express execution).
    seq: u64,
    arn: String,
    name: String,
    rev: usize,
    version: Option<u32>,
    alias: Option<String>,
    input: String,
    status: ExecutionStatus,
    started: i64,
    stopped: Option<i64>,
    /// The state events the embedder recorded, in order.
    events: Vec<StateEv>,
}

/// A state event as the model keeps it: its history event type, state name, data and time.
#[derive(Clone, Debug)]
struct StateEv {
    kind: String,
    name: String,
    data: String,
    at: i64,
}

#[derive(Clone, Debug)]
struct Sm {
    /// Creation order across the registry, from 1.
    seq: u64,
    name: String,
    express: bool,
    created: i64,
    /// Revision 0 is the initial one (no id); the last is the current one.
    revs: Vec<Rev>,
    created_with: (bool, Option<String>),
    versions: BTreeMap<u32, Ver>,
    next_version: u32,
    /// In creation order.
    aliases: Vec<Alias>,
    next_alias_seq: u64,
    /// In the order keys were first added.
    tags: Vec<(String, String)>,
    deleting: bool,
    /// Standard executions, in start order.
    execs: Vec<Exec>,
    next_exec_seq: u64,
    /// Running express executions.
    express_execs: Vec<Exec>,
}

impl Sm {
    fn current(&self) -> usize {
        self.revs.len() - 1
    }

    fn arn(&self) -> String {
        sm_arn(&self.name)
    }

    /// The newest version of the current revision with this description (any when `None`).
    fn version_of_current(&self, description: Option<&str>) -> Option<u32> {
        self.versions
            .iter()
            .rev()
            .find(|(_, v)| v.rev == self.current() && description.is_none_or(|d| v.description.as_deref() == Some(d)))
            .map(|(n, _)| *n)
    }

    /// Standard executions running: they hold a deleted state machine back.
    fn running(&self) -> usize {
        self.execs
            .iter()
            .filter(|e| e.status == ExecutionStatus::Running)
            .count()
    }

    fn alias(&self, name: &str) -> Option<usize> {
        self.aliases.iter().position(|a| a.name == name)
    }

    fn exec(&self, name: &str) -> Option<usize> {
        self.execs.iter().position(|e| e.name == name)
    }
}

/// Which revision each revision id names: equal ids ⇔ the same model revision.
#[derive(Clone, Default)]
struct RevIds {
    by_rev: HashMap<(u64, usize), RevisionId>,
    by_id: HashMap<RevisionId, (u64, usize)>,
}

impl RevIds {
    fn observe(&mut self, sm_seq: u64, rev: usize, id: Option<RevisionId>, what: &str) -> Check {
        match (rev, id) {
            (0, None) => Ok(()),
            (0, Some(id)) => Err(format!("{what}: the initial revision has the id {id}")),
            (_, None) => Err(format!("{what}: revision {rev} has no id")),
            (_, Some(id)) => {
                if let Some(known) = self.by_rev.get(&(sm_seq, rev))
                    && *known != id
                {
                    return Err(format!("{what}: revision {rev} was {known}, now {id}"));
                }
                if let Some(owner) = self.by_id.get(&id)
                    && *owner != (sm_seq, rev)
                {
                    return Err(format!(
                        "{what}: id {id} names revision {rev} of state machine #{sm_seq} and revision {} of #{}",
                        owner.1, owner.0
                    ));
                }
                self.by_rev.insert((sm_seq, rev), id);
                self.by_id.insert(id, (sm_seq, rev));
                Ok(())
            }
        }
    }

    /// What PublishStateMachineVersion compares `revisionId` with.
    fn current_text(&self, sm: &Sm) -> String {
        match sm.current() {
            0 => "INITIAL".to_owned(),
            rev => self
                .by_rev
                .get(&(sm.seq, rev))
                .map_or_else(|| "unknown".to_owned(), ToString::to_string),
        }
    }
}

#[derive(Clone, Default)]
struct Model {
    /// In creation order.
    sms: Vec<Sm>,
    next_sm_seq: u64,
    revids: RevIds,
    /// Pagination tokens kept for a later step.
    held: Vec<Held>,
    /// Every execution ever started, for targets (also of deleted state machines).
    seen_execs: Vec<Target>,
}

impl Model {
    fn idx(&self, scope: usize, name: &str) -> Option<usize> {
        if scope != 0 {
            return None;
        }
        self.sms.iter().position(|sm| sm.name == name)
    }

    fn sm(&self, scope: usize, name: &str) -> Option<&Sm> {
        self.idx(scope, name).map(|i| &self.sms[i])
    }

    /// A DELETING state machine goes when its last standard execution ends.
    fn after_end(&mut self, idx: usize) {
        if self.sms[idx].deleting && self.sms[idx].running() == 0 {
            self.sms.remove(idx);
        }
    }
}

type Check = Result<(), String>;

fn same<T: PartialEq + fmt::Debug>(what: &str, got: T, want: T) -> Check {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: registry has {got:?}, model {want:?}"))
    }
}

thread_local! {
    /// How often each operation ended how (`MODEL_STATS=1` prints it): what the test exercises.
    static STATS: RefCell<BTreeMap<(&'static str, String), u64>> = const { RefCell::new(BTreeMap::new()) };
    static CURRENT_OP: RefCell<&'static str> = const { RefCell::new("") };
    /// Set while a restored registry follows the live one: its requests are not counted twice.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The answers of the registry, as bytes, while [`captured`] collects them.
    static CAPTURE: RefCell<Option<Vec<Vec<u8>>>> = const { RefCell::new(None) };
}

fn count(outcome: String) {
    if QUIET.with(Cell::get) {
        return;
    }
    let op = CURRENT_OP.with(|c| *c.borrow());
    STATS.with(|s| *s.borrow_mut().entry((op, outcome)).or_default() += 1);
}

/// Runs `f` without counting its requests in the statistics.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    QUIET.with(|q| q.set(true));
    let out = f();
    QUIET.with(|q| q.set(false));
    out
}

/// Runs `f`, collecting the bytes of every answer the registry gave meanwhile ([`capture`]).
fn captured<T>(f: impl FnOnce() -> T) -> (T, Vec<Vec<u8>>) {
    CAPTURE.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let out = f();
    let answers = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (out, answers)
}

/// While [`captured`] collects: the answer's bytes, as an embedder would send them on: the
/// output's JSON, or the error's code, message and JSON.
fn capture<O: Serialize>(got: &Result<O, Error>) {
    CAPTURE.with(|c| {
        if let Some(answers) = c.borrow_mut().as_mut() {
            answers.push(match got {
                Ok(out) => serde_json::to_vec(out).expect("an output serializes"),
                Err(e) => format!(
                    "{}: {} {}",
                    e.code().as_str(),
                    e.message(),
                    serde_json::to_string(e).expect("an error serializes")
                )
                .into_bytes(),
            });
        }
    });
}

/// Compares the registry's answer with the model's prediction: both succeed (the pair is
/// returned), or both fail with the same code. `before` is the registry's state before a
/// request the model expects to fail or to change nothing: it must be unchanged after.
fn agree<P, O: fmt::Debug + Serialize>(
    reg: &InMemoryRegistry,
    want: Result<P, ErrorCode>,
    before: Option<Snapshot>,
    got: Result<O, Error>,
) -> Result<Option<(P, O)>, String> {
    capture(&got);
    match &got {
        Ok(_) => count("ok".to_owned()),
        Err(e) => count(e.code().as_str().to_owned()),
    }
    match (want, got) {
        (Ok(p), Ok(o)) => {
            if let Some(before) = before
                && before != reg.snapshot()
            {
                return Err(format!("the request changed the registry, which it should not: {o:?}"));
            }
            Ok(Some((p, o)))
        }
        (Err(w), Ok(o)) => Err(format!("model expected {w:?}, registry succeeded: {o:?}")),
        (Ok(_), Err(e)) => Err(format!("model expected success, registry failed: {e:?}")),
        (Err(w), Err(e)) => {
            if e.code() != w {
                return Err(format!("model expected {w:?}, registry failed with {e:?}"));
            }
            if let Some(before) = before
                && before != reg.snapshot()
            {
                return Err(format!("the failed request ({e:?}) changed the registry"));
            }
            Ok(None)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListKind {
    StateMachines,
    Versions,
    Aliases,
    Executions,
    History,
}

const LIST_KINDS: [ListKind; 5] = [
    ListKind::StateMachines,
    ListKind::Versions,
    ListKind::Aliases,
    ListKind::Executions,
    ListKind::History,
];

/// Where a list's first page starts.
#[derive(Clone, Debug)]
enum TokenPick {
    None,
    /// A token an earlier list returned.
    Held(Held),
    /// A string that is no token of this registry.
    Raw(String),
}

#[derive(Clone, Debug)]
struct Held {
    /// The request that returned it (its first page).
    kind: ListKind,
    target: Target,
    status: Option<ExecutionStatus>,
    reverse: bool,
    token: String,
    issued: i64,
    /// The key of the last item of the page that returned the token.
    key: Key,
}

/// What a list's token resumes after: a number (creation order, version number, event id), or,
/// for ListStateMachines, which lists by name, a name. Keys of one list are all of one kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Num(u64),
    Name(String),
}

/// A list request, read page after page to its end.
#[derive(Clone, Debug)]
struct ListReq {
    kind: ListKind,
    /// Unused by ListStateMachines.
    target: Target,
    /// ListExecutions' `statusFilter`.
    status: Option<ExecutionStatus>,
    /// GetExecutionHistory's `reverseOrder`.
    reverse: bool,
    token: TokenPick,
    /// `maxResults` of each page, cyclically.
    sizes: Vec<Option<i32>>,
    /// Keep the first page's token for a later step.
    hold: bool,
}

impl ListReq {
    fn new(kind: ListKind, target: Target) -> ListReq {
        ListReq {
            kind,
            target,
            status: None,
            reverse: false,
            token: TokenPick::None,
            sizes: vec![Some(1000)],
            hold: false,
        }
    }

    /// The list a token belongs to: the operation, the ARN and the filters it was called with.
    fn scope(&self) -> (ListKind, &str, Option<&ExecutionStatus>, bool) {
        match self.kind {
            ListKind::StateMachines => (self.kind, "", None, false),
            _ => (self.kind, &self.target.text, self.status.as_ref(), self.reverse),
        }
    }

    fn max_token_len(&self) -> usize {
        if self.kind == ListKind::Executions { 3096 } else { 1024 }
    }
}

/// How the embedder ends an execution.
#[derive(Clone, Debug)]
enum End {
    Succeeded(String),
    Failed,
    TimedOut,
}

impl End {
    fn outcome(&self) -> ExecutionOutcome {
        match self {
            End::Succeeded(output) => ExecutionOutcome::succeeded(output),
            End::Failed => ExecutionOutcome::failed("E", "c"),
            End::TimedOut => ExecutionOutcome::timed_out("T", "c"),
        }
    }

    fn status(&self) -> ExecutionStatus {
        match self {
            End::Succeeded(_) => ExecutionStatus::Succeeded,
            End::Failed => ExecutionStatus::Failed,
            End::TimedOut => ExecutionStatus::TimedOut,
        }
    }
}

/// A state event the embedder records: a state entered (with its input) or exited (with its
/// output).
#[derive(Clone, Debug)]
struct Ev {
    exited: bool,
    state_type: StateType,
    name: String,
    data: String,
}

impl Ev {
    fn event(&self) -> StateEvent {
        let (state_type, name, data) = (self.state_type, self.name.clone(), self.data.clone());
        if self.exited {
            StateEvent::exited(state_type, name, data)
        } else {
            StateEvent::entered(state_type, name, data)
        }
    }

    /// Its history event type, e.g. `PassStateEntered`.
    fn kind(&self) -> String {
        format!(
            "{:?}State{}",
            self.state_type,
            if self.exited { "Exited" } else { "Entered" }
        )
    }
}

type Routes = Vec<(Target, i32)>;

/// A state machine as an ARN names it: scope and name.
type SmId = (usize, String);

#[derive(Clone, Debug)]
enum Op {
    Create(CreateStateMachineInput),
    /// With `includedData` `METADATA_ONLY` when `true`.
    Describe(Target, bool),
    Update {
        target: Target,
        definition: Option<String>,
        role: Option<String>,
        tracing: Option<bool>,
        publish: bool,
        description: Option<String>,
    },
    DeleteSm(Target),
    Publish {
        target: Target,
        revision: Option<String>,
        description: Option<String>,
    },
    DeleteVersion(Target),
    CreateAlias {
        name: String,
        description: Option<String>,
        routes: Routes,
    },
    DescribeAlias(Target),
    UpdateAlias {
        target: Target,
        description: Option<String>,
        routes: Option<Routes>,
    },
    DeleteAlias(Target),
    Tag(Target, Vec<Tag>),
    Untag(Target, Vec<String>),
    ListTags(Target),
    Start {
        target: Target,
        name: Option<String>,
        input: Option<String>,
    },
    Stop(Target),
    DescribeExecution(Target),
    /// With `includedData` `METADATA_ONLY` when `true`.
    DescribeForExecution(Target, bool),
    End(Target, End),
    /// The embedder's `record_state_event`.
    Record(Target, Ev),
    List(ListReq),
}

impl Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Create(_) => "CreateStateMachine",
            Op::Describe(..) => "DescribeStateMachine",
            Op::Update { .. } => "UpdateStateMachine",
            Op::DeleteSm(_) => "DeleteStateMachine",
            Op::Publish { .. } => "PublishStateMachineVersion",
            Op::DeleteVersion(_) => "DeleteStateMachineVersion",
            Op::CreateAlias { .. } => "CreateStateMachineAlias",
            Op::DescribeAlias(_) => "DescribeStateMachineAlias",
            Op::UpdateAlias { .. } => "UpdateStateMachineAlias",
            Op::DeleteAlias(_) => "DeleteStateMachineAlias",
            Op::Tag(..) => "TagResource",
            Op::Untag(..) => "UntagResource",
            Op::ListTags(_) => "ListTagsForResource",
            Op::Start { .. } => "StartExecution",
            Op::Stop(_) => "StopExecution",
            Op::DescribeExecution(_) => "DescribeExecution",
            Op::DescribeForExecution(..) => "DescribeStateMachineForExecution",
            Op::End(..) => "end_execution",
            Op::Record(..) => "record_state_event",
            Op::List(r) => match r.kind {
                ListKind::StateMachines => "ListStateMachines",
                ListKind::Versions => "ListStateMachineVersions",
                ListKind::Aliases => "ListStateMachineAliases",
                ListKind::Executions => "ListExecutions",
                ListKind::History => "GetExecutionHistory",
            },
        }
    }
}

#[derive(Clone, Debug)]
struct Step {
    /// Milliseconds the clock moves before the operation.
    advance: i64,
    op: Op,
    /// Check durability after the operation.
    durable: Option<Durable>,
}

/// A durability check after a step: replay the changes since an earlier snapshot (`from`, modulo
/// the snapshots kept), then let a registry restored from the live one's snapshot follow it for
/// `follow` steps. With `full_read`, a full read of both must then give the same bytes too
/// (otherwise only the restored one's full read is checked against the model: serializing every
/// answer twice is what costs).
#[derive(Clone, Copy, Debug)]
struct Durable {
    from: usize,
    follow: usize,
    full_read: bool,
}

// ---------------------------------------------------------------------------------------------
// The model's predictions: pure functions of the model and the request
// ---------------------------------------------------------------------------------------------

enum CreatePlan {
    New,
    Replay { created: i64, version: Option<u32> },
}

struct UpdatePlan {
    idx: usize,
    new_rev: Option<Rev>,
    publish_new: Option<u32>,
    existing: Option<u32>,
}

enum PublishPlan {
    Existing { n: u32, created: i64 },
    New { idx: usize, n: u32 },
}

struct DescribeWant {
    seq: u64,
    name: String,
    rev: Rev,
    rev_idx: usize,
    description: Option<String>,
    deleting: bool,
    express: bool,
    created: i64,
}

enum AliasPlan {
    New { idx: usize, routes: Vec<(u32, u8)> },
    Replay { arn: String, created: i64 },
}

struct UpdateAliasPlan {
    idx: usize,
    alias: usize,
    routes: Option<Vec<(u32, u8)>>,
}

/// How a StartExecution names what it runs.
enum Via {
    Unqualified,
    Version(u32),
    Alias(String, Vec<(u32, u8)>),
}

enum StartPlan {
    New { idx: usize, via: Via, input: String },
    Replay { arn: String, started: i64 },
}

enum StopPlan {
    Ended(i64),
    Stop { idx: usize, exec: usize },
}

enum EndPlan {
    Standard { idx: usize, exec: usize },
    Express { idx: usize, exec: usize },
}

enum RecordPlan {
    Standard { idx: usize, exec: usize },
    Express,
}

/// The member constraints of a routing configuration: 1–2 routes, ARNs of 1–256 characters,
/// weights 0–100.
fn routing_members_ok(routes: &[(Target, i32)]) -> bool {
    (1..=2).contains(&routes.len()) && routes.iter().all(|(t, w)| t.length(256) && (0..=100).contains(w))
}

/// The routing rules after the member constraints: the state machine (scope, name) and the
/// routes (version, weight). `owner`: the state machine of the alias being updated.
fn check_routing(routes: &[(Target, i32)], owner: Option<(usize, &str)>) -> Result<(SmId, Vec<(u32, u8)>), ErrorCode> {
    if routes.iter().any(|(t, _)| !t.parses()) {
        return Err(ErrorCode::InvalidArn);
    }
    let mut versions = Vec::new();
    for (t, w) in routes {
        match &t.kind {
            Kind::Version(s, n, v) => versions.push((*s, n.clone(), *v, u8::try_from(*w).expect("0..=100"))),
            _ => return Err(V),
        }
    }
    // Two routes: distinct versions, of one state machine.
    if let [a, b] = versions.as_slice()
        && ((a.0, &a.1, a.2) == (b.0, &b.1, b.2) || (a.0, &a.1) != (b.0, &b.1))
    {
        return Err(V);
    }
    if versions.iter().map(|r| u32::from(r.3)).sum::<u32>() != 100 {
        return Err(V);
    }
    let sm = (versions[0].0, versions[0].1.clone());
    if owner.is_some_and(|(s, n)| (s, n) != (sm.0, sm.1.as_str())) {
        return Err(V);
    }
    Ok((sm, versions.iter().map(|r| (r.2, r.3)).collect()))
}

fn same_routes(a: &[(u32, u8)], b: &[(u32, u8)]) -> bool {
    a.len() == b.len() && a.iter().all(|r| b.contains(r))
}

impl Model {
    fn predict_create(&self, i: &CreateStateMachineInput) -> Result<CreatePlan, ErrorCode> {
        let tags = i.tags.as_deref().unwrap_or_default();
        if i.name.is_empty()
            || aws_len(&i.name) > 80
            || i.role_arn.is_empty()
            || i.role_arn.len() > 256
            || i.version_description.as_ref().is_some_and(|d| d.len() > 256)
            || tags
                .iter()
                .any(|t| t.key.is_empty() || t.key.len() > 128 || t.value.len() > 256)
        {
            return Err(V);
        }
        if i.version_description.is_some() && !i.publish {
            return Err(V);
        }
        if !is_valid_sm_name(&i.name) {
            return Err(ErrorCode::InvalidName);
        }
        if !ROLES.contains(&i.role_arn.as_str()) {
            return Err(ErrorCode::InvalidArn);
        }
        if !is_valid_definition(&i.definition) {
            return Err(ErrorCode::InvalidDefinition);
        }
        if let Some(sm) = self.sm(0, &i.name) {
            if sm.deleting {
                return Err(DELETING);
            }
            let cur = &sm.revs[sm.current()];
            let same = sm.express == matches!(i.r#type, Some(StateMachineType::Express))
                && cur.definition == i.definition
                && cur.tracing == tracing_of(i.tracing_configuration.as_ref())
                && sm.created_with == (i.publish, i.version_description.clone());
            if !same {
                return Err(ErrorCode::StateMachineAlreadyExists);
            }
            let version = if i.publish {
                sm.version_of_current(i.version_description.as_deref())
            } else {
                None
            };
            return Ok(CreatePlan::Replay {
                created: sm.created,
                version,
            });
        }
        let mut keys: Vec<&str> = tags.iter().map(|t| t.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.len() > 50 {
            return Err(ErrorCode::TooManyTags);
        }
        Ok(CreatePlan::New)
    }

    fn predict_describe(&self, t: &Target) -> Result<DescribeWant, ErrorCode> {
        if !t.length(256) {
            return Err(V);
        }
        let (sm, version) = match sm_ref(&t.kind)? {
            SmRef::Sm(s, n) => (self.sm(s, n).ok_or(SMDNE)?, None),
            SmRef::Version(s, n, v) => {
                let sm = self.sm(s, n).ok_or(SMDNE)?;
                (sm, Some(sm.versions.get(&v).ok_or(SMDNE)?))
            }
            SmRef::Alias(..) => return Err(SMDNE),
            SmRef::Label => return Err(V),
        };
        let rev_idx = version.map_or(sm.current(), |v| v.rev);
        Ok(DescribeWant {
            seq: sm.seq,
            name: sm.name.clone(),
            rev: sm.revs[rev_idx].clone(),
            rev_idx,
            description: version.and_then(|v| v.description.clone()),
            deleting: sm.deleting,
            express: sm.express,
            created: version.map_or(sm.created, |v| v.created),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn predict_update(
        &self,
        t: &Target,
        definition: Option<&String>,
        role: Option<&String>,
        tracing: Option<bool>,
        publish: bool,
        description: Option<&String>,
        now: i64,
    ) -> Result<UpdatePlan, ErrorCode> {
        if !t.length(256)
            || role.is_some_and(|r| r.is_empty() || r.len() > 256)
            || description.is_some_and(|d| d.len() > 256)
        {
            return Err(V);
        }
        let (s, name) = match sm_ref(&t.kind)? {
            SmRef::Sm(s, n) => (s, n),
            SmRef::Label => return Err(V),
            SmRef::Version(..) | SmRef::Alias(..) => return Err(SMDNE),
        };
        if definition.is_none() && role.is_none() && tracing.is_none() {
            return Err(ErrorCode::MissingRequiredParameter);
        }
        if description.is_some() && !publish {
            return Err(V);
        }
        // The request's own values (the role's ARN syntax, the definition), then existence, as
        // `src/memory/mod.rs` states and CreateStateMachine does.
        if role.is_some_and(|r| !ROLES.contains(&r.as_str())) {
            return Err(ErrorCode::InvalidArn);
        }
        if definition.is_some_and(|d| !is_valid_definition(d)) {
            return Err(ErrorCode::InvalidDefinition);
        }
        let idx = self.idx(s, name).ok_or(SMDNE)?;
        let sm = &self.sms[idx];
        if sm.deleting {
            return Err(DELETING);
        }
        let cur = &sm.revs[sm.current()];
        let next = Rev {
            definition: definition.unwrap_or(&cur.definition).clone(),
            role: role.unwrap_or(&cur.role).clone(),
            tracing: tracing.unwrap_or(cur.tracing),
            created: now,
        };
        let changed = (&next.definition, &next.role, next.tracing) != (&cur.definition, &cur.role, cur.tracing);
        let existing = if publish && !changed {
            sm.version_of_current(description.map(String::as_str))
        } else {
            None
        };
        let publish_new = (publish && existing.is_none()).then_some(sm.next_version);
        Ok(UpdatePlan {
            idx,
            new_rev: changed.then_some(next),
            publish_new,
            existing,
        })
    }

    /// `Some((index, remove))`: the state machine goes (`remove`) or becomes DELETING.
    fn predict_delete_sm(&self, t: &Target) -> Result<Option<(usize, bool)>, ErrorCode> {
        if !t.length(256) {
            return Err(V);
        }
        match sm_ref(&t.kind)? {
            SmRef::Sm(s, n) => Ok(self.idx(s, n).map(|i| (i, self.sms[i].running() == 0))),
            SmRef::Label => Err(V),
            SmRef::Version(..) | SmRef::Alias(..) => Ok(None),
        }
    }

    fn predict_publish(
        &self,
        t: &Target,
        revision: Option<&String>,
        description: Option<&String>,
    ) -> Result<PublishPlan, ErrorCode> {
        if !t.length(256) || description.is_some_and(|d| d.len() > 256) {
            return Err(V);
        }
        let (s, name) = match sm_ref(&t.kind)? {
            SmRef::Sm(s, n) => (s, n),
            SmRef::Label => return Err(V),
            SmRef::Version(..) | SmRef::Alias(..) => return Err(SMDNE),
        };
        let idx = self.idx(s, name).ok_or(SMDNE)?;
        let sm = &self.sms[idx];
        if sm.deleting {
            return Err(DELETING);
        }
        if let Some(given) = revision
            && *given != self.revids.current_text(sm)
        {
            return Err(ErrorCode::ConflictException);
        }
        if let Some(n) = sm.version_of_current(description.map(String::as_str)) {
            return Ok(PublishPlan::Existing {
                n,
                created: sm.versions[&n].created,
            });
        }
        Ok(PublishPlan::New {
            idx,
            n: sm.next_version,
        })
    }

    /// `Some((index, version))` to delete.
    fn predict_delete_version(&self, t: &Target) -> Result<Option<(usize, u32)>, ErrorCode> {
        if !t.length(2000) {
            return Err(V);
        }
        let (s, name, v) = match sm_ref(&t.kind)? {
            SmRef::Version(s, n, v) => (s, n, v),
            SmRef::Label => return Err(V),
            SmRef::Sm(..) | SmRef::Alias(..) => return Ok(None),
        };
        let Some(idx) = self.idx(s, name) else { return Ok(None) };
        if self.sms[idx].aliases.iter().any(|a| a.routes.iter().any(|r| r.0 == v)) {
            return Err(ErrorCode::ConflictException);
        }
        Ok(Some((idx, v)))
    }

    fn predict_create_alias(
        &self,
        name: &str,
        description: Option<&String>,
        routes: &[(Target, i32)],
    ) -> Result<AliasPlan, ErrorCode> {
        if description.is_some_and(|d| d.len() > 256) || !ALIASES.contains(&name) || !routing_members_ok(routes) {
            return Err(V);
        }
        let ((s, sm_name), routes) = check_routing(routes, None)?;
        let idx = self.idx(s, &sm_name).ok_or(RNF)?;
        let sm = &self.sms[idx];
        if sm.deleting {
            return Err(DELETING);
        }
        if routes.iter().any(|(v, _)| !sm.versions.contains_key(v)) {
            return Err(RNF);
        }
        if let Some(a) = sm.alias(name) {
            let a = &sm.aliases[a];
            if a.description.as_ref() == description && same_routes(&a.routes, &routes) {
                return Ok(AliasPlan::Replay {
                    arn: alias_arn(&sm.name, name),
                    created: a.created,
                });
            }
            return Err(ErrorCode::ConflictException);
        }
        Ok(AliasPlan::New { idx, routes })
    }

    /// The alias an alias ARN names: (state machine, alias) indexes.
    fn alias_of(&self, t: &Target) -> Result<(usize, usize), ErrorCode> {
        match sm_ref(&t.kind)? {
            SmRef::Alias(s, n, a) => {
                let idx = self.idx(s, n).ok_or(RNF)?;
                Ok((idx, self.sms[idx].alias(a).ok_or(RNF)?))
            }
            SmRef::Label => Err(V),
            SmRef::Sm(..) | SmRef::Version(..) => Err(RNF),
        }
    }

    fn predict_describe_alias(&self, t: &Target) -> Result<(usize, usize), ErrorCode> {
        if !t.length(256) {
            return Err(V);
        }
        self.alias_of(t)
    }

    fn predict_update_alias(
        &self,
        t: &Target,
        description: Option<&String>,
        routes: Option<&Routes>,
    ) -> Result<UpdateAliasPlan, ErrorCode> {
        if !t.length(256)
            || description.is_some_and(|d| d.len() > 256)
            || routes.is_some_and(|r| !routing_members_ok(r))
        {
            return Err(V);
        }
        let owner = match sm_ref(&t.kind)? {
            SmRef::Alias(s, n, _) => Some((s, n)),
            SmRef::Label => return Err(V),
            SmRef::Sm(..) | SmRef::Version(..) => None,
        };
        if description.is_none() && routes.is_none() {
            return Err(V);
        }
        let routes = match routes {
            Some(r) => Some(check_routing(r, owner)?.1),
            None => None,
        };
        let (idx, alias) = self.alias_of(t)?;
        let sm = &self.sms[idx];
        if sm.deleting {
            return Err(DELETING);
        }
        if routes.iter().flatten().any(|(v, _)| !sm.versions.contains_key(v)) {
            return Err(RNF);
        }
        Ok(UpdateAliasPlan { idx, alias, routes })
    }

    fn predict_delete_alias(&self, t: &Target) -> Result<Option<(usize, usize)>, ErrorCode> {
        if !t.length(256) {
            return Err(V);
        }
        match self.alias_of(t) {
            Ok(found) => Ok(Some(found)),
            Err(RNF) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The state machine a `resourceArn` names, for the tag operations.
    fn tagged(&self, t: &Target) -> Result<usize, ErrorCode> {
        match &t.kind {
            Kind::Sm(s, n) => self.idx(*s, n).ok_or(RNF),
            Kind::Version(..) | Kind::Alias(..) | Kind::Label(..) | Kind::Activity => Err(RNF),
            Kind::Empty | Kind::Long | Kind::Malformed(_) | Kind::Execution(..) | Kind::Express(..) => {
                Err(ErrorCode::InvalidArn)
            }
        }
    }

    fn predict_tag(&self, t: &Target, tags: &[Tag]) -> Result<usize, ErrorCode> {
        if !t.length(256)
            || tags
                .iter()
                .any(|t| t.key.is_empty() || t.key.len() > 128 || t.value.len() > 256)
        {
            return Err(V);
        }
        let idx = self.tagged(t)?;
        let sm = &self.sms[idx];
        let mut keys: Vec<&str> = sm.tags.iter().map(|(k, _)| k.as_str()).collect();
        keys.extend(tags.iter().map(|t| t.key.as_str()));
        keys.sort_unstable();
        keys.dedup();
        if keys.len() > 50 {
            return Err(ErrorCode::TooManyTags);
        }
        Ok(idx)
    }

    fn predict_untag(&self, t: &Target, keys: &[String]) -> Result<usize, ErrorCode> {
        if !t.length(256) || keys.iter().any(|k| k.is_empty() || k.len() > 128) {
            return Err(V);
        }
        self.tagged(t)
    }

    fn predict_start(&self, t: &Target, name: Option<&String>, input: Option<&String>) -> Result<StartPlan, ErrorCode> {
        if !t.length(256) || name.is_some_and(|n| n.is_empty() || aws_len(n) > 80) {
            return Err(V);
        }
        let (s, sm_name) = match sm_ref(&t.kind)? {
            SmRef::Sm(s, n) | SmRef::Version(s, n, _) | SmRef::Alias(s, n, _) => (s, n),
            SmRef::Label => return Err(V),
        };
        if name.is_some_and(|n| !is_valid_exec_name(n)) {
            return Err(ErrorCode::InvalidName);
        }
        let input = input.cloned().unwrap_or_else(|| "{}".to_owned());
        if !is_json(&input) {
            return Err(ErrorCode::InvalidExecutionInput);
        }
        let idx = self.idx(s, sm_name).ok_or(SMDNE)?;
        let sm = &self.sms[idx];
        let via = match sm_ref(&t.kind)? {
            SmRef::Version(_, _, v) => {
                if !sm.versions.contains_key(&v) {
                    return Err(SMDNE);
                }
                Via::Version(v)
            }
            SmRef::Alias(_, _, a) => {
                let alias = sm.alias(a).ok_or(SMDNE)?;
                Via::Alias(a.to_owned(), sm.aliases[alias].routes.clone())
            }
            _ => Via::Unqualified,
        };
        if sm.deleting {
            return Err(DELETING);
        }
        if !sm.express
            && let Some(name) = name
            && let Some(e) = sm.exec(name)
        {
            let e = &sm.execs[e];
            if e.status == ExecutionStatus::Running && e.input == input {
                return Ok(StartPlan::Replay {
                    arn: e.arn.clone(),
                    started: e.started,
                });
            }
            return Err(ErrorCode::ExecutionAlreadyExists);
        }
        Ok(StartPlan::New { idx, via, input })
    }

    /// The standard execution an execution ARN names: (state machine, execution) indexes.
    fn execution(&self, t: &Target) -> Result<(usize, usize), ErrorCode> {
        if !t.length(256) {
            return Err(V);
        }
        let (s, sm, e) = execution_ref(&t.kind)?;
        let idx = self.idx(s, sm).ok_or(EDNE)?;
        Ok((idx, self.sms[idx].exec(e).ok_or(EDNE)?))
    }

    fn predict_stop(&self, t: &Target) -> Result<StopPlan, ErrorCode> {
        let (idx, exec) = self.execution(t)?;
        Ok(match self.sms[idx].execs[exec].stopped {
            Some(stopped) => StopPlan::Ended(stopped),
            None => StopPlan::Stop { idx, exec },
        })
    }

    fn predict_end(&self, t: &Target, end: &End, now: i64) -> Result<EndPlan, ErrorCode> {
        if let End::Succeeded(output) = end
            && !is_json(output)
        {
            return Err(ErrorCode::InvalidOutput);
        }
        match &t.kind {
            Kind::Execution(s, sm, e) => {
                let idx = self.idx(*s, sm).ok_or(EDNE)?;
                let exec = self.sms[idx].exec(e).ok_or(EDNE)?;
                if self.sms[idx].execs[exec].status != ExecutionStatus::Running {
                    return Err(V);
                }
                Ok(EndPlan::Standard { idx, exec })
            }
            Kind::Express(s, sm) => {
                let idx = self.idx(*s, sm).ok_or(EDNE)?;
                let exec = self.sms[idx]
                    .express_execs
                    .iter()
                    .position(|e| e.arn == t.text && express_live(e, now))
                    .ok_or(EDNE)?;
                Ok(EndPlan::Express { idx, exec })
            }
            other => panic!("end_execution takes an execution ARN, not {other:?}"),
        }
    }

    /// `record_state_event`: the event's own values (name, JSON data, no `Fail` exit), then the
    /// execution, which must be running.
    fn predict_record(&self, t: &Target, ev: &Ev, now: i64) -> Result<RecordPlan, ErrorCode> {
        if ev.name.is_empty() || aws_len(&ev.name) > 80 || !is_json(&ev.data) {
            return Err(V);
        }
        if ev.exited && ev.state_type == StateType::Fail {
            return Err(V);
        }
        match &t.kind {
            Kind::Execution(s, sm, e) => {
                let idx = self.idx(*s, sm).ok_or(EDNE)?;
                let exec = self.sms[idx].exec(e).ok_or(EDNE)?;
                let e = &self.sms[idx].execs[exec];
                // ExecutionStarted and the terminal event count towards AWS's 25,000 events.
                if e.status != ExecutionStatus::Running || e.events.len() + 2 >= 25_000 {
                    return Err(V);
                }
                Ok(RecordPlan::Standard { idx, exec })
            }
            Kind::Express(s, sm) => {
                let idx = self.idx(*s, sm).ok_or(EDNE)?;
                if !self.sms[idx]
                    .express_execs
                    .iter()
                    .any(|e| e.arn == t.text && express_live(e, now))
                {
                    return Err(EDNE);
                }
                Ok(RecordPlan::Express)
            }
            other => panic!("record_state_event takes an execution ARN, not {other:?}"),
        }
    }

    /// The items of a list, in list order, with their keys: every item (no token), or those
    /// after the held token's key.
    fn predict_list(&self, r: &ListReq, now: i64) -> Result<Vec<(Key, String)>, ErrorCode> {
        let token_bad = match &r.token {
            TokenPick::Raw(s) => s.is_empty() || s.len() > r.max_token_len(),
            _ => false,
        };
        let size_bad = r.sizes[0].is_some_and(|n| !(0..=1000).contains(&n));
        let target_bad = r.kind != ListKind::StateMachines && !r.target.length(256);
        if token_bad || size_bad || target_bad {
            return Err(V);
        }
        // Ascending keys, or descending (newest first).
        let (items, descending): (Vec<(Key, String)>, bool) = match r.kind {
            // By name, comparing bytes (recorded), whatever the creation order.
            ListKind::StateMachines => {
                let mut items: Vec<(Key, String)> = self
                    .sms
                    .iter()
                    .map(|sm| {
                        (
                            Key::Name(sm.name.clone()),
                            sm_item(&sm.arn(), &sm.name, sm.express, sm.created),
                        )
                    })
                    .collect();
                items.sort();
                (items, false)
            }
            ListKind::Versions => {
                let sm = match sm_ref(&r.target.kind)? {
                    SmRef::Sm(s, n) => self.sm(s, n),
                    SmRef::Label => return Err(V),
                    SmRef::Version(..) | SmRef::Alias(..) => None,
                };
                let items = sm.map_or_else(Vec::new, |sm| {
                    sm.versions
                        .iter()
                        .rev()
                        .map(|(n, v)| {
                            (
                                Key::Num(u64::from(*n)),
                                version_item(&version_arn(&sm.name, *n), v.created),
                            )
                        })
                        .collect()
                });
                (items, true)
            }
            ListKind::Aliases => {
                let (s, n, version) = match sm_ref(&r.target.kind)? {
                    SmRef::Sm(s, n) => (s, n, None),
                    SmRef::Version(s, n, v) => (s, n, Some(v)),
                    SmRef::Alias(..) => return Err(RNF),
                    SmRef::Label => return Err(V),
                };
                let sm = self.sm(s, n).ok_or(SMDNE)?;
                if sm.deleting {
                    return Err(DELETING);
                }
                if version.is_some_and(|v| !sm.versions.contains_key(&v)) {
                    return Err(RNF);
                }
                let items = sm
                    .aliases
                    .iter()
                    .filter(|a| version.is_none_or(|v| a.routes.iter().any(|r| r.0 == v)))
                    .map(|a| (Key::Num(a.seq), alias_item(&alias_arn(&sm.name, &a.name), a.created)))
                    .collect();
                (items, false)
            }
            ListKind::Executions => {
                let (sm, version, alias) = match sm_ref(&r.target.kind)? {
                    SmRef::Sm(s, n) => (self.sm(s, n).ok_or(SMDNE)?, None, None),
                    SmRef::Version(s, n, v) => {
                        let sm = self.sm(s, n).ok_or(SMDNE)?;
                        if !sm.versions.contains_key(&v) {
                            return Err(SMDNE);
                        }
                        (sm, Some(v), None)
                    }
                    SmRef::Alias(s, n, a) => {
                        let sm = self.sm(s, n).ok_or(SMDNE)?;
                        sm.alias(a).ok_or(SMDNE)?;
                        (sm, None, Some(a))
                    }
                    SmRef::Label => return Err(V),
                };
                if sm.express {
                    return Err(ErrorCode::StateMachineTypeNotSupported);
                }
                let items = sm
                    .execs
                    .iter()
                    .rev()
                    .filter(|e| match (version, alias) {
                        // Started with the version ARN, or through an alias that picked it
                        // (associated with the version, as the documentation words it).
                        (Some(v), _) => e.version == Some(v),
                        (_, Some(a)) => e.alias.as_deref() == Some(a),
                        _ => true,
                    })
                    .filter(|e| r.status.as_ref().is_none_or(|s| e.status == *s))
                    .map(|e| (Key::Num(e.seq), exec_item(&sm.name, e)))
                    .collect();
                (items, true)
            }
            ListKind::History => {
                let (idx, exec) = self.execution(&r.target)?;
                let sm = &self.sms[idx];
                let mut items: Vec<(Key, String)> = history(&sm.name, &sm.execs[exec])
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| (Key::Num(i as u64 + 1), e))
                    .collect();
                if r.reverse {
                    items.reverse();
                }
                (items, r.reverse)
            }
        };
        let Some(after) = self.token_after(r, now)? else {
            return Ok(items);
        };
        Ok(items
            .into_iter()
            .filter(|(k, _)| if descending { *k < after } else { *k > after })
            .collect())
    }

    /// The key the request's token resumes after.
    fn token_after(&self, r: &ListReq, now: i64) -> Result<Option<Key>, ErrorCode> {
        match &r.token {
            TokenPick::None => Ok(None),
            TokenPick::Raw(_) => Err(ErrorCode::InvalidToken),
            TokenPick::Held(h) => {
                let mut held = ListReq::new(h.kind, h.target.clone());
                held.status.clone_from(&h.status);
                held.reverse = h.reverse;
                if held.scope() != r.scope() || now - h.issued > DAY {
                    Err(ErrorCode::InvalidToken)
                } else {
                    Ok(Some(h.key.clone()))
                }
            }
        }
    }
}

fn tracing_of(t: Option<&TracingConfiguration>) -> bool {
    t.and_then(|t| t.enabled).unwrap_or(false)
}

// Items of lists, as strings both sides build the same way.

fn sm_item(arn: &str, name: &str, express: bool, created: i64) -> String {
    format!(
        "{arn} {name} {} {created}",
        if express { "EXPRESS" } else { "STANDARD" }
    )
}

fn version_item(arn: &str, created: i64) -> String {
    format!("{arn} {created}")
}

fn alias_item(arn: &str, created: i64) -> String {
    format!("{arn} {created}")
}

#[allow(clippy::too_many_arguments)]
fn exec_line(
    arn: &str,
    sm: &str,
    name: &str,
    status: &str,
    start: i64,
    stop: Option<i64>,
    version: Option<&str>,
    alias: Option<&str>,
) -> String {
    format!("{arn} sm={sm} name={name} {status} start={start} stop={stop:?} version={version:?} alias={alias:?}")
}

fn exec_item(sm_name: &str, e: &Exec) -> String {
    exec_line(
        &e.arn,
        &sm_arn(sm_name),
        &e.name,
        e.status.as_str(),
        e.started,
        e.stopped,
        e.version.map(|v| version_arn(sm_name, v)).as_deref(),
        e.alias.as_ref().map(|a| alias_arn(sm_name, a)).as_deref(),
    )
}

/// `state`: the name and data (input or output) of a state event.
fn event_line(
    id: i64,
    previous: Option<i64>,
    kind: &str,
    at: i64,
    version: Option<&str>,
    alias: Option<&str>,
    state: Option<(&str, Option<&str>)>,
) -> String {
    format!("#{id} after={previous:?} {kind} at={at} version={version:?} alias={alias:?} state={state:?}")
}

/// An execution's history: `ExecutionStarted`, the state events recorded, then the terminal
/// event once it ended; ids from 1. Each event points at its cause (aws-validation-and-edges.md
/// §2b): `ExecutionStarted` and the first state entered at 0 (nothing points at
/// `ExecutionStarted`), a state event and `ExecutionSucceeded` / `Failed` / `TimedOut` at the
/// event before it, `ExecutionAborted` where the entry of the state it stopped in points (or, when
/// stopped right after a state's exit, at that exit).
fn history(sm_name: &str, e: &Exec) -> Vec<String> {
    let version = e.version.map(|v| version_arn(sm_name, v));
    let alias = e.alias.as_ref().map(|a| alias_arn(sm_name, a));
    let mut events = vec![event_line(
        1,
        Some(0),
        "ExecutionStarted",
        e.started,
        version.as_deref(),
        alias.as_deref(),
        None,
    )];
    // `previous[i]` is the previousEventId of event i + 1.
    let mut previous: Vec<i64> = vec![0];
    let not_the_start = |id: i64| if id == 1 { 0 } else { id };
    for ev in &e.events {
        let id = i64::try_from(events.len()).expect("few events") + 1;
        let points_at = not_the_start(id - 1);
        previous.push(points_at);
        events.push(event_line(
            id,
            Some(points_at),
            &ev.kind,
            ev.at,
            None,
            None,
            Some((&ev.name, Some(&ev.data))),
        ));
    }
    if let Some(stopped) = e.stopped {
        let kind = match e.status {
            ExecutionStatus::Succeeded => "ExecutionSucceeded",
            ExecutionStatus::Failed => "ExecutionFailed",
            ExecutionStatus::TimedOut => "ExecutionTimedOut",
            _ => "ExecutionAborted",
        };
        let id = i64::try_from(events.len()).expect("few events") + 1;
        let points_at = match (kind, e.events.last()) {
            ("ExecutionAborted", None) => 0,
            ("ExecutionAborted", Some(last)) if last.kind.ends_with("Entered") => previous[previous.len() - 1],
            _ => not_the_start(id - 1),
        };
        events.push(event_line(id, Some(points_at), kind, stopped, None, None, None));
    }
    events
}

// ---------------------------------------------------------------------------------------------
// Running steps against both
// ---------------------------------------------------------------------------------------------

/// Whether the express execution `e` still runs at `now`: AWS times them out after five minutes,
/// and the registry then forgets them.
fn express_live(e: &Exec, now: i64) -> bool {
    now - e.started < 5 * 60 * 1000
}

struct Runner {
    reg: InMemoryRegistry,
    clock: ManualClock,
    now: i64,
    m: Model,
}

impl Runner {
    fn new(seed: u64) -> Runner {
        let clock = ManualClock::new(Timestamp::from_unix_millis(START));
        let reg = InMemoryRegistry::builder()
            .clock(clock.clone())
            .seed(seed)
            .record_changes(true)
            .build()
            .expect("the default scope is valid");
        Runner {
            reg,
            clock,
            now: START,
            m: Model {
                next_sm_seq: 1,
                ..Model::default()
            },
        }
    }

    /// A runner on the registry `snapshot` (JSON) restores, on a clock of its own that reads
    /// this runner's time, with a copy of this runner's model.
    fn restored(&self, snapshot: &[u8]) -> Result<Runner, String> {
        let clock = ManualClock::new(Timestamp::from_unix_millis(self.now));
        let snapshot = Snapshot::from_json(snapshot).map_err(|e| format!("Snapshot::from_json: {e}"))?;
        let reg = InMemoryRegistry::builder()
            .clock(clock.clone())
            .record_changes(true)
            .restore(snapshot)
            .map_err(|e| format!("restore: {e}"))?;
        Ok(Runner {
            reg,
            clock,
            now: self.now,
            m: self.m.clone(),
        })
    }

    /// The registry's state before a request the model expects to fail.
    fn dump_if<P>(&self, want: &Result<P, ErrorCode>) -> Option<Snapshot> {
        want.is_err().then(|| self.reg.snapshot())
    }

    /// The registry's state before a request the model expects to fail or to change nothing.
    fn dump_unless<P>(&self, want: &Result<P, ErrorCode>, changes: impl FnOnce(&P) -> bool) -> Option<Snapshot> {
        match want {
            Ok(plan) if changes(plan) => None,
            _ => Some(self.reg.snapshot()),
        }
    }

    fn step(&mut self, step: &Step) -> Check {
        CURRENT_OP.with(|c| *c.borrow_mut() = step.op.name());
        self.clock.advance_millis(step.advance);
        self.now += step.advance;
        match &step.op {
            Op::Create(input) => self.create(input),
            Op::Describe(t, metadata) => self.describe(t, *metadata),
            Op::Update {
                target,
                definition,
                role,
                tracing,
                publish,
                description,
            } => self.update(target, definition, role, *tracing, *publish, description),
            Op::DeleteSm(t) => self.delete_sm(t),
            Op::Publish {
                target,
                revision,
                description,
            } => self.publish(target, revision, description),
            Op::DeleteVersion(t) => self.delete_version(t),
            Op::CreateAlias {
                name,
                description,
                routes,
            } => self.create_alias(name, description, routes),
            Op::DescribeAlias(t) => self.describe_alias(t),
            Op::UpdateAlias {
                target,
                description,
                routes,
            } => self.update_alias(target, description, routes.as_ref()),
            Op::DeleteAlias(t) => self.delete_alias(t),
            Op::Tag(t, tags) => self.tag(t, tags),
            Op::Untag(t, keys) => self.untag(t, keys),
            Op::ListTags(t) => self.list_tags(t),
            Op::Start { target, name, input } => self.start(target, name, input),
            Op::Stop(t) => self.stop(t),
            Op::DescribeExecution(t) => self.describe_execution(t),
            Op::DescribeForExecution(t, metadata) => self.describe_for_execution(t, *metadata),
            Op::End(t, end) => self.end(t, end),
            Op::Record(t, ev) => self.record(t, ev),
            Op::List(r) => self.list(r),
        }
    }

    fn create(&mut self, input: &CreateStateMachineInput) -> Check {
        let want = self.m.predict_create(input);
        let before = self.dump_unless(&want, |p| matches!(p, CreatePlan::New));
        let got = self.reg.create_state_machine(input.clone());
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        same("stateMachineArn", out.state_machine_arn.as_str(), &sm_arn(&input.name))?;
        let (created, version) = match plan {
            CreatePlan::Replay { created, version } => (created, version),
            CreatePlan::New => {
                let mut sm = Sm {
                    seq: self.m.next_sm_seq,
                    name: input.name.clone(),
                    express: matches!(input.r#type, Some(StateMachineType::Express)),
                    created: self.now,
                    revs: vec![Rev {
                        definition: input.definition.clone(),
                        role: input.role_arn.clone(),
                        tracing: tracing_of(input.tracing_configuration.as_ref()),
                        created: self.now,
                    }],
                    created_with: (input.publish, input.version_description.clone()),
                    versions: BTreeMap::new(),
                    next_version: 1,
                    aliases: Vec::new(),
                    next_alias_seq: 1,
                    tags: Vec::new(),
                    deleting: false,
                    execs: Vec::new(),
                    next_exec_seq: 1,
                    express_execs: Vec::new(),
                };
                for tag in input.tags.iter().flatten() {
                    set_tag(&mut sm.tags, &tag.key, &tag.value);
                }
                if input.publish {
                    let version = Ver {
                        rev: 0,
                        description: input.version_description.clone(),
                        created: self.now,
                    };
                    sm.versions.insert(1, version);
                    sm.next_version = 2;
                }
                self.m.next_sm_seq += 1;
                self.m.sms.push(sm);
                (self.now, input.publish.then_some(1))
            }
        };
        same("creationDate", out.creation_date.unix_millis(), created)?;
        same(
            "stateMachineVersionArn",
            out.state_machine_version_arn.as_ref().map(|a| a.as_str().to_owned()),
            version.map(|n| version_arn(&input.name, n)),
        )
    }

    fn describe(&mut self, t: &Target, metadata_only: bool) -> Check {
        let want = self.m.predict_describe(t);
        let before = self.dump_if(&want);
        let mut input = DescribeStateMachineInput::new(&t.text);
        if metadata_only {
            input.included_data = Some(IncludedData::MetadataOnly);
        }
        let got = self.reg.describe_state_machine(input);
        let Some((w, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        same("stateMachineArn", out.state_machine_arn.as_str(), &t.text)?;
        same("name", out.name.as_str(), &w.name)?;
        let definition = if metadata_only { "{}" } else { &w.rev.definition };
        same("definition", out.definition.as_str(), definition)?;
        same("roleArn", &out.role_arn, &w.rev.role)?;
        same(
            "tracing",
            out.tracing_configuration.and_then(|t| t.enabled),
            Some(w.rev.tracing),
        )?;
        same("description", out.description, w.description)?;
        same("creationDate", out.creation_date.unix_millis(), w.created)?;
        let kind = if w.express {
            StateMachineType::Express
        } else {
            StateMachineType::Standard
        };
        same("type", out.r#type, kind)?;
        let status = if w.deleting {
            StateMachineStatus::Deleting
        } else {
            StateMachineStatus::Active
        };
        same("status", out.status, Some(status))?;
        self.m
            .revids
            .observe(w.seq, w.rev_idx, out.revision_id, "DescribeStateMachine revisionId")
    }

    fn update(
        &mut self,
        t: &Target,
        definition: &Option<String>,
        role: &Option<String>,
        tracing: Option<bool>,
        publish: bool,
        description: &Option<String>,
    ) -> Check {
        let want = self.m.predict_update(
            t,
            definition.as_ref(),
            role.as_ref(),
            tracing,
            publish,
            description.as_ref(),
            self.now,
        );
        let before = self.dump_unless(&want, |p| p.new_rev.is_some() || p.publish_new.is_some());
        let mut input = UpdateStateMachineInput::new(&t.text);
        input.definition.clone_from(definition);
        input.role_arn.clone_from(role);
        input.tracing_configuration = tracing.map(TracingConfiguration::new);
        input.publish = publish;
        input.version_description.clone_from(description);
        let got = self.reg.update_state_machine(input);
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        same("updateDate", out.update_date.unix_millis(), self.now)?;
        let sm = &mut self.m.sms[plan.idx];
        let fresh = plan.new_rev.is_some();
        if let Some(rev) = plan.new_rev {
            sm.revs.push(rev);
        }
        let cur = sm.current();
        if fresh
            && let Some(id) = out.revision_id
            && let Some(owner) = self.m.revids.by_id.get(&id)
        {
            return Err(format!("a new revision got the id {id} of revision {owner:?}"));
        }
        self.m
            .revids
            .observe(sm.seq, cur, out.revision_id, "UpdateStateMachine revisionId")?;
        let version = if let Some(n) = plan.publish_new {
            let version = Ver {
                rev: cur,
                description: description.clone(),
                created: self.now,
            };
            sm.versions.insert(n, version);
            sm.next_version = n + 1;
            Some(n)
        } else {
            plan.existing
        };
        same(
            "stateMachineVersionArn",
            out.state_machine_version_arn.as_ref().map(|a| a.as_str().to_owned()),
            version.map(|n| version_arn(&sm.name, n)),
        )
    }

    fn delete_sm(&mut self, t: &Target) -> Check {
        let want = self.m.predict_delete_sm(t);
        let before = self.dump_unless(&want, Option::is_some);
        let got = self.reg.delete_state_machine(DeleteStateMachineInput::new(&t.text));
        let Some((plan, _)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        match plan {
            Some((idx, true)) => {
                self.m.sms.remove(idx);
            }
            Some((idx, false)) => self.m.sms[idx].deleting = true,
            None => {}
        }
        Ok(())
    }

    fn publish(&mut self, t: &Target, revision: &Option<String>, description: &Option<String>) -> Check {
        let want = self.m.predict_publish(t, revision.as_ref(), description.as_ref());
        let before = self.dump_unless(&want, |p| matches!(p, PublishPlan::New { .. }));
        let mut input = PublishStateMachineVersionInput::new(&t.text);
        input.revision_id.clone_from(revision);
        input.description.clone_from(description);
        let got = self.reg.publish_state_machine_version(input);
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let Kind::Sm(_, name) = &t.kind else {
            return Err(format!("published on {t:?}"));
        };
        let (n, created) = match plan {
            PublishPlan::Existing { n, created } => (n, created),
            PublishPlan::New { idx, n } => {
                let sm = &mut self.m.sms[idx];
                let version = Ver {
                    rev: sm.current(),
                    description: description.clone(),
                    created: self.now,
                };
                sm.versions.insert(n, version);
                sm.next_version = n + 1;
                (n, self.now)
            }
        };
        same(
            "stateMachineVersionArn",
            out.state_machine_version_arn.as_str(),
            &version_arn(name, n),
        )?;
        same("creationDate", out.creation_date.unix_millis(), created)
    }

    fn delete_version(&mut self, t: &Target) -> Check {
        let want = self.m.predict_delete_version(t);
        let before = self.dump_unless(&want, |p| {
            p.is_some_and(|(idx, v)| self.m.sms[idx].versions.contains_key(&v))
        });
        let got = self
            .reg
            .delete_state_machine_version(DeleteStateMachineVersionInput::new(&t.text));
        let Some((plan, _)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        if let Some((idx, v)) = plan {
            self.m.sms[idx].versions.remove(&v);
        }
        Ok(())
    }

    fn create_alias(&mut self, name: &str, description: &Option<String>, routes: &Routes) -> Check {
        let want = self.m.predict_create_alias(name, description.as_ref(), routes);
        let before = self.dump_unless(&want, |p| matches!(p, AliasPlan::New { .. }));
        let mut input = CreateStateMachineAliasInput::new(name, routing_items(routes));
        input.description.clone_from(description);
        let got = self.reg.create_state_machine_alias(input);
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let (arn, created) = match plan {
            AliasPlan::Replay { arn, created } => (arn, created),
            AliasPlan::New { idx, routes } => {
                let sm = &mut self.m.sms[idx];
                sm.aliases.push(Alias {
                    name: name.to_owned(),
                    seq: sm.next_alias_seq,
                    description: description.clone(),
                    routes,
                    created: self.now,
                    updated: self.now,
                });
                sm.next_alias_seq += 1;
                (alias_arn(&sm.name, name), self.now)
            }
        };
        same("stateMachineAliasArn", out.state_machine_alias_arn.as_str(), &arn)?;
        same("creationDate", out.creation_date.unix_millis(), created)
    }

    fn describe_alias(&mut self, t: &Target) -> Check {
        let want = self.m.predict_describe_alias(t);
        let before = self.dump_if(&want);
        let got = self
            .reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(&t.text));
        let Some(((idx, alias), out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let sm = &self.m.sms[idx];
        let a = &sm.aliases[alias];
        same(
            "stateMachineAliasArn",
            out.state_machine_alias_arn.as_str(),
            &alias_arn(&sm.name, &a.name),
        )?;
        same("name", out.name.as_str(), &a.name)?;
        same("description", out.description.as_ref(), a.description.as_ref())?;
        same("creationDate", out.creation_date.unix_millis(), a.created)?;
        same("updateDate", out.update_date.unix_millis(), a.updated)?;
        let routes: Vec<(String, u8)> = out
            .routing_configuration
            .routes()
            .iter()
            .map(|r| (r.version().as_str().to_owned(), r.weight().get()))
            .collect();
        let want: Vec<(String, u8)> = a.routes.iter().map(|(v, w)| (version_arn(&sm.name, *v), *w)).collect();
        same("routingConfiguration", &routes, &want)?;
        // The invariant, on the registry's side: the versions routed to exist.
        for (version, _) in &routes {
            if let Err(e) = self.reg.describe_state_machine(DescribeStateMachineInput::new(version)) {
                return Err(format!("alias {} routes to {version}, which is gone: {e:?}", a.name));
            }
        }
        Ok(())
    }

    fn update_alias(&mut self, t: &Target, description: &Option<String>, routes: Option<&Routes>) -> Check {
        let want = self.m.predict_update_alias(t, description.as_ref(), routes);
        let before = self.dump_if(&want);
        let mut input = UpdateStateMachineAliasInput::new(&t.text);
        input.description.clone_from(description);
        input.routing_configuration = routes.map(|r| routing_items(r));
        let got = self.reg.update_state_machine_alias(input);
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        same("updateDate", out.update_date.unix_millis(), self.now)?;
        let a = &mut self.m.sms[plan.idx].aliases[plan.alias];
        if let Some(d) = description {
            a.description = Some(d.clone());
        }
        if let Some(routes) = plan.routes {
            a.routes = routes;
        }
        a.updated = self.now;
        Ok(())
    }

    fn delete_alias(&mut self, t: &Target) -> Check {
        let want = self.m.predict_delete_alias(t);
        let before = self.dump_unless(&want, Option::is_some);
        let got = self
            .reg
            .delete_state_machine_alias(DeleteStateMachineAliasInput::new(&t.text));
        let Some((plan, _)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        if let Some((idx, alias)) = plan {
            self.m.sms[idx].aliases.remove(alias);
        }
        Ok(())
    }

    fn tag(&mut self, t: &Target, tags: &[Tag]) -> Check {
        let want = self.m.predict_tag(t, tags);
        let before = self.dump_if(&want);
        let got = self.reg.tag_resource(TagResourceInput::new(&t.text, tags.to_vec()));
        let Some((idx, _)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        for tag in tags {
            set_tag(&mut self.m.sms[idx].tags, &tag.key, &tag.value);
        }
        Ok(())
    }

    fn untag(&mut self, t: &Target, keys: &[String]) -> Check {
        let want = self.m.predict_untag(t, keys);
        let before = self.dump_if(&want);
        let got = self.reg.untag_resource(UntagResourceInput::new(&t.text, keys.to_vec()));
        let Some((idx, _)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        self.m.sms[idx].tags.retain(|(k, _)| !keys.contains(k));
        Ok(())
    }

    fn list_tags(&mut self, t: &Target) -> Check {
        let want = if t.length(256) { self.m.tagged(t) } else { Err(V) };
        let before = self.dump_if(&want);
        let got = self.reg.list_tags_for_resource(ListTagsForResourceInput::new(&t.text));
        let Some((idx, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let tags: Vec<(String, String)> = out.tags.into_iter().map(|t| (t.key, t.value)).collect();
        same("tags", &tags, &self.m.sms[idx].tags)
    }

    fn start(&mut self, t: &Target, name: &Option<String>, input: &Option<String>) -> Check {
        let want = self.m.predict_start(t, name.as_ref(), input.as_ref());
        let before = self.dump_unless(&want, |p| matches!(p, StartPlan::New { .. }));
        let mut request = StartExecutionInput::new(&t.text);
        request.name.clone_from(name);
        request.input.clone_from(input);
        let got = self.reg.start_execution(request);
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let (idx, via, input) = match plan {
            StartPlan::Replay { arn, started } => {
                same("executionArn", out.execution_arn.as_str(), &arn)?;
                return same("startDate", out.start_date.unix_millis(), started);
            }
            StartPlan::New { idx, via, input } => (idx, via, input),
        };
        same("startDate", out.start_date.unix_millis(), self.now)?;
        let sm = &self.m.sms[idx];
        let arn = out.execution_arn.as_str().to_owned();
        let exec_name = out.execution_arn.execution_name().to_owned();
        let prefix = format!(
            "{}{}:{}:{exec_name}",
            SCOPES[0],
            if sm.express { "express" } else { "execution" },
            sm.name
        );
        if !arn.starts_with(&prefix) || (!sm.express && arn != prefix) {
            return Err(format!("execution ARN {arn} is not of the form {prefix}"));
        }
        match name {
            Some(name) => same("execution name", &exec_name, name)?,
            None if !sm.express && sm.exec(&exec_name).is_some() => {
                return Err(format!("the generated name {exec_name} is taken"));
            }
            None => {}
        }
        // What the execution runs, as the embedder reads it.
        let view = self
            .reg
            .execution(&out.execution_arn)
            .ok_or_else(|| format!("no execution {arn} right after its start"))?;
        let (version, alias) = match via {
            Via::Unqualified => (None, None),
            Via::Version(v) => (Some(v), None),
            Via::Alias(a, routes) => {
                let picked = view
                    .version()
                    .ok_or_else(|| format!("alias {a} started {arn} on no version"))?;
                let n = picked.version().get();
                if picked.as_str() != version_arn(&sm.name, n) || !routes.iter().any(|(v, w)| *v == n && *w > 0) {
                    return Err(format!("alias {a} with routes {routes:?} picked {picked:?}"));
                }
                (Some(n), Some(a))
            }
        };
        same(
            "the version it runs",
            view.version().map(|v| v.as_str().to_owned()),
            version.map(|v| version_arn(&sm.name, v)),
        )?;
        same(
            "the alias it was started through",
            view.alias().map(|a| a.as_str().to_owned()),
            alias.as_ref().map(|a| alias_arn(&sm.name, a)),
        )?;
        let rev = version.map_or(sm.current(), |v| sm.versions[&v].rev);
        same("pinned definition", view.definition(), &sm.revs[rev].definition)?;
        same("pinned role", view.role_arn(), &sm.revs[rev].role)?;
        same("status", view.status(), ExecutionStatus::Running)?;
        same("input", view.input(), &input)?;
        let revision = view.revision_id();
        let express = sm.express;
        let seq = sm.seq;
        self.m.revids.observe(seq, rev, revision, "execution's revisionId")?;
        let sm = &mut self.m.sms[idx];
        let exec = Exec {
            seq: if express { 0 } else { sm.next_exec_seq },
            arn: arn.clone(),
            name: exec_name.clone(),
            rev,
            version,
            alias,
            input,
            status: ExecutionStatus::Running,
            started: self.now,
            stopped: None,
            events: Vec::new(),
        };
        let target = if express {
            // Express executions last at most five minutes: those older are forgotten at the
            // next express start.
            let now = self.now;
            sm.express_execs.retain(|e| express_live(e, now));
            sm.express_execs.push(exec);
            Target {
                text: arn,
                kind: Kind::Express(0, sm.name.clone()),
            }
        } else {
            sm.execs.push(exec);
            sm.next_exec_seq += 1;
            Target::of(Kind::Execution(0, sm.name.clone(), exec_name))
        };
        if !self.m.seen_execs.contains(&target) {
            self.m.seen_execs.push(target);
        }
        Ok(())
    }

    fn stop(&mut self, t: &Target) -> Check {
        let want = self.m.predict_stop(t);
        let before = self.dump_unless(&want, |p| matches!(p, StopPlan::Stop { .. }));
        let got = self.reg.stop_execution(StopExecutionInput::new(&t.text));
        let Some((plan, out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        match plan {
            StopPlan::Ended(stopped) => same("stopDate", out.stop_date.unix_millis(), stopped),
            StopPlan::Stop { idx, exec } => {
                let e = &mut self.m.sms[idx].execs[exec];
                e.status = ExecutionStatus::Aborted;
                e.stopped = Some(self.now);
                self.m.after_end(idx);
                same("stopDate", out.stop_date.unix_millis(), self.now)
            }
        }
    }

    fn end(&mut self, t: &Target, end: &End) -> Check {
        let want = self.m.predict_end(t, end, self.now);
        let before = self.dump_if(&want);
        let arn = ExecutionRef::parse(&t.text).expect("an execution ARN");
        let got = self.reg.end_execution(&arn, end.outcome());
        let Some((plan, ())) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        match plan {
            EndPlan::Standard { idx, exec } => {
                let e = &mut self.m.sms[idx].execs[exec];
                e.status = end.status();
                e.stopped = Some(self.now);
                self.m.after_end(idx);
            }
            EndPlan::Express { idx, exec } => {
                self.m.sms[idx].express_execs.remove(exec);
            }
        }
        if self
            .reg
            .execution(&arn)
            .is_some_and(|v| v.status() == ExecutionStatus::Running)
        {
            return Err(format!("{} still runs after it ended", t.text));
        }
        Ok(())
    }

    fn record(&mut self, t: &Target, ev: &Ev) -> Check {
        let want = self.m.predict_record(t, ev, self.now);
        let before = self.dump_if(&want);
        let arn = ExecutionRef::parse(&t.text).expect("an execution ARN");
        let got = self.reg.record_state_event(&arn, ev.event());
        let Some((plan, ())) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        // An express execution's events are not readable: no API reads the execution.
        if let RecordPlan::Standard { idx, exec } = plan {
            self.m.sms[idx].execs[exec].events.push(StateEv {
                kind: ev.kind(),
                name: ev.name.clone(),
                data: ev.data.clone(),
                at: self.now,
            });
        }
        Ok(())
    }

    fn describe_execution(&mut self, t: &Target) -> Check {
        let want = self.m.execution(t);
        let before = self.dump_if(&want);
        let got = self.reg.describe_execution(DescribeExecutionInput::new(&t.text));
        let Some(((idx, exec), out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let sm = &self.m.sms[idx];
        let e = &sm.execs[exec];
        let line = exec_line(
            out.execution_arn.as_str(),
            out.state_machine_arn.as_str(),
            out.name.as_ref().map_or("", |n| n.as_str()),
            out.status.as_str(),
            out.start_date.unix_millis(),
            out.stop_date.map(Timestamp::unix_millis),
            out.state_machine_version_arn.as_ref().map(|v| v.as_str()),
            out.state_machine_alias_arn.as_ref().map(|a| a.as_str()),
        );
        same("DescribeExecution", line, exec_item(&sm.name, e))?;
        same("input", out.input.as_ref(), Some(&e.input))
    }

    fn describe_for_execution(&mut self, t: &Target, metadata_only: bool) -> Check {
        let want = self.m.execution(t);
        let before = self.dump_if(&want);
        let mut input = DescribeStateMachineForExecutionInput::new(&t.text);
        if metadata_only {
            input.included_data = Some(IncludedData::MetadataOnly);
        }
        let got = self.reg.describe_state_machine_for_execution(input);
        let Some(((idx, exec), out)) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let sm = &self.m.sms[idx];
        let e = &sm.execs[exec];
        let rev = &sm.revs[e.rev];
        same("stateMachineArn", out.state_machine_arn.as_str(), &sm.arn())?;
        same("name", out.name.as_str(), &sm.name)?;
        let definition = if metadata_only { "{}" } else { &rev.definition };
        same("pinned definition", out.definition.as_str(), definition)?;
        same("pinned role", &out.role_arn, &rev.role)?;
        same("updateDate", out.update_date.unix_millis(), rev.created)?;
        same(
            "tracing",
            out.tracing_configuration.and_then(|t| t.enabled),
            Some(rev.tracing),
        )?;
        let (seq, rev) = (sm.seq, e.rev);
        self.m
            .revids
            .observe(seq, rev, out.revision_id, "DescribeStateMachineForExecution revisionId")
    }

    /// One page of `r`'s list, as item strings.
    fn call_list(
        &self,
        r: &ListReq,
        max_results: Option<i32>,
        next_token: Option<String>,
    ) -> Result<(Vec<String>, Option<String>), Error> {
        let target = r.target.text.clone();
        match r.kind {
            ListKind::StateMachines => {
                let mut input = ListStateMachinesInput::new();
                input.max_results = max_results;
                input.next_token = next_token;
                let out = self.reg.list_state_machines(input);
                capture(&out);
                let out = out?;
                let items = out
                    .state_machines
                    .iter()
                    .map(|i| {
                        sm_item(
                            i.state_machine_arn.as_str(),
                            i.name.as_str(),
                            i.r#type == StateMachineType::Express,
                            i.creation_date.unix_millis(),
                        )
                    })
                    .collect();
                Ok((items, out.next_token))
            }
            ListKind::Versions => {
                let mut input = ListStateMachineVersionsInput::new(target);
                input.max_results = max_results;
                input.next_token = next_token;
                let out = self.reg.list_state_machine_versions(input);
                capture(&out);
                let out = out?;
                let items = out
                    .state_machine_versions
                    .iter()
                    .map(|i| version_item(i.state_machine_version_arn.as_str(), i.creation_date.unix_millis()))
                    .collect();
                Ok((items, out.next_token))
            }
            ListKind::Aliases => {
                let mut input = ListStateMachineAliasesInput::new(target);
                input.max_results = max_results;
                input.next_token = next_token;
                let out = self.reg.list_state_machine_aliases(input);
                capture(&out);
                let out = out?;
                let items = out
                    .state_machine_aliases
                    .iter()
                    .map(|i| alias_item(i.state_machine_alias_arn.as_str(), i.creation_date.unix_millis()))
                    .collect();
                Ok((items, out.next_token))
            }
            ListKind::Executions => {
                let mut input = ListExecutionsInput::new(target);
                input.status_filter.clone_from(&r.status);
                input.max_results = max_results;
                input.next_token = next_token;
                let out = self.reg.list_executions(input);
                capture(&out);
                let out = out?;
                let mut starts = out.executions.iter().map(|i| i.start_date);
                if starts.clone().zip(starts.by_ref().skip(1)).any(|(a, b)| a < b) {
                    return Err(Error::new(ErrorCode::InternalFailure, "a page is not newest first"));
                }
                let items = out
                    .executions
                    .iter()
                    .map(|i| {
                        exec_line(
                            i.execution_arn.as_str(),
                            i.state_machine_arn.as_str(),
                            i.name.as_str(),
                            i.status.as_str(),
                            i.start_date.unix_millis(),
                            i.stop_date.map(Timestamp::unix_millis),
                            i.state_machine_version_arn.as_ref().map(|v| v.as_str()),
                            i.state_machine_alias_arn.as_ref().map(|a| a.as_str()),
                        )
                    })
                    .collect();
                Ok((items, out.next_token))
            }
            ListKind::History => {
                let mut input = GetExecutionHistoryInput::new(target);
                input.reverse_order = r.reverse;
                input.max_results = max_results;
                input.next_token = next_token;
                let out = self.reg.get_execution_history(input);
                capture(&out);
                let out = out?;
                let items = out
                    .events
                    .iter()
                    .map(|e| {
                        let details = e.execution_started_event_details.as_ref();
                        let state = match (&e.state_entered_event_details, &e.state_exited_event_details) {
                            (Some(d), None) => Some((d.name.as_str(), d.input.as_deref())),
                            (None, Some(d)) => Some((d.name.as_str(), d.output.as_deref())),
                            (None, None) => None,
                            (Some(_), Some(_)) => Some(("<entered and exited>", None)),
                        };
                        event_line(
                            e.id,
                            e.previous_event_id,
                            e.r#type.as_str(),
                            e.timestamp.unix_millis(),
                            details
                                .and_then(|d| d.state_machine_version_arn.as_ref())
                                .map(|v| v.as_str()),
                            details
                                .and_then(|d| d.state_machine_alias_arn.as_ref())
                                .map(|a| a.as_str()),
                            state,
                        )
                    })
                    .collect();
                Ok((items, out.next_token))
            }
        }
    }

    /// Reads the list to its end, page after page, and checks every page against the model:
    /// each page as long as its `maxResults` allows, a token exactly when items remain, and
    /// the pages together every item once, in order.
    fn list(&mut self, r: &ListReq) -> Check {
        self.read_list(r).map_err(|e| {
            let status = r.status.as_ref().map_or("", ExecutionStatus::as_str);
            format!("{} {:?} {status}: {e}", Op::List(r.clone()).name(), r.target)
        })
    }

    fn read_list(&mut self, r: &ListReq) -> Check {
        let want = self.m.predict_list(r, self.now);
        if let TokenPick::Held(h) = &r.token {
            let mut held = ListReq::new(h.kind, h.target.clone());
            held.status.clone_from(&h.status);
            held.reverse = h.reverse;
            let use_ = if held.scope() != r.scope() {
                "on another list"
            } else if self.now - h.issued > DAY {
                "after 24 hours"
            } else {
                "on its list"
            };
            count(format!(
                "held token {use_}: {}",
                want.as_ref().map_or_else(|e| e.as_str(), |_| "ok")
            ));
        }
        let before = self.dump_if(&want);
        let first_token = match &r.token {
            TokenPick::None => None,
            TokenPick::Held(h) => Some(h.token.clone()),
            TokenPick::Raw(s) => Some(s.clone()),
        };
        let got = self.call_list(r, r.sizes[0], first_token);
        let Some((want, (mut page, mut token))) = agree(&self.reg, want, before, got)? else {
            return Ok(());
        };
        let mut all: Vec<String> = Vec::new();
        let mut i = 0;
        loop {
            let size = match r.sizes[i % r.sizes.len()] {
                Some(n) if n > 0 => usize::try_from(n).unwrap_or(100),
                _ => 100,
            };
            let remaining = want.len().saturating_sub(all.len());
            same(&format!("length of page {i}"), page.len(), size.min(remaining))?;
            same(
                &format!("nextToken on page {i}"),
                token.is_some(),
                remaining > page.len(),
            )?;
            if i == 0
                && r.hold
                && let Some(token) = &token
            {
                self.m.held.push(Held {
                    kind: r.kind,
                    target: r.target.clone(),
                    status: r.status.clone(),
                    reverse: r.reverse,
                    token: token.clone(),
                    issued: self.now,
                    key: want[page.len() - 1].0.clone(),
                });
                if self.m.held.len() > 4 {
                    self.m.held.remove(0);
                }
            }
            all.append(&mut page);
            let Some(t) = token.take() else { break };
            i += 1;
            if i > 1000 {
                return Err("more than 1000 pages".to_owned());
            }
            (page, token) = self
                .call_list(r, r.sizes[i % r.sizes.len()], Some(t))
                .map_err(|e| format!("page {i} failed: {e:?}"))?;
        }
        let want: Vec<String> = want.into_iter().map(|(_, item)| item).collect();
        same("items, page after page", all, want)
    }

    /// Compares the whole observable state with the model, and checks the invariants.
    fn full_check(&mut self) -> Check {
        self.check_all(false)
    }

    /// [`full_check`](Self::full_check); `deep` also reads what the registry answers from its
    /// indexes (which a restore rebuilds): the executions of each status, version and alias, and
    /// the aliases routing to each version.
    fn check_all(&mut self, deep: bool) -> Check {
        self.list(&ListReq::new(ListKind::StateMachines, Target::of(Kind::Empty)))?;
        let names = SM_NAMES.iter().map(|n| (*n).to_owned()).chain([wide_name()]);
        for name in names {
            let name = name.as_str();
            let sm_target = Target::of(Kind::Sm(0, name.to_owned()));
            self.describe(&sm_target, false)?;
            self.list(&ListReq::new(ListKind::Versions, sm_target.clone()))?;
            let Some(sm) = self.m.sm(0, name) else { continue };
            let versions: Vec<u32> = sm.versions.keys().copied().collect();
            let next = sm.next_version;
            let aliases: Vec<String> = sm.aliases.iter().map(|a| a.name.clone()).collect();
            let execs: Vec<String> = sm.execs.iter().map(|e| e.name.clone()).collect();
            let express = sm.express;
            // Version numbers only grow: every live one is below the next.
            if let Some(n) = versions.iter().find(|n| **n >= next) {
                return Err(format!("version {n} of {name} is not below the next number {next}"));
            }
            for &n in &versions {
                self.describe(&Target::of(Kind::Version(0, name.to_owned(), n)), false)?;
            }
            self.list(&ListReq::new(ListKind::Aliases, sm_target.clone()))?;
            for alias in &aliases {
                self.describe_alias(&Target::of(Kind::Alias(0, name.to_owned(), alias.clone())))?;
            }
            self.list_tags(&sm_target)?;
            self.list(&ListReq::new(ListKind::Executions, sm_target.clone()))?;
            if express {
                continue;
            }
            if deep {
                for status in [
                    ExecutionStatus::Running,
                    ExecutionStatus::Succeeded,
                    ExecutionStatus::Failed,
                    ExecutionStatus::TimedOut,
                    ExecutionStatus::Aborted,
                ] {
                    let mut r = ListReq::new(ListKind::Executions, sm_target.clone());
                    r.status = Some(status);
                    self.list(&r)?;
                }
                for &n in &versions {
                    let version = Target::of(Kind::Version(0, name.to_owned(), n));
                    self.list(&ListReq::new(ListKind::Executions, version.clone()))?;
                    self.list(&ListReq::new(ListKind::Aliases, version))?;
                }
                for alias in aliases {
                    let alias = Target::of(Kind::Alias(0, name.to_owned(), alias));
                    self.list(&ListReq::new(ListKind::Executions, alias))?;
                }
            }
            for exec in execs {
                let target = Target::of(Kind::Execution(0, name.to_owned(), exec));
                self.describe_execution(&target)?;
                self.describe_for_execution(&target, false)?;
                self.list(&ListReq::new(ListKind::History, target))?;
            }
        }
        // Every execution's pinned definition is the one it started with.
        let now = self.now;
        for sm in &self.m.sms {
            for e in sm
                .execs
                .iter()
                .chain(sm.express_execs.iter().filter(|e| express_live(e, now)))
            {
                let arn = ExecutionRef::parse(&e.arn).expect("an execution ARN");
                let view = self
                    .reg
                    .execution(&arn)
                    .ok_or_else(|| format!("the registry lost {}", e.arn))?;
                same("pinned definition", view.definition(), &sm.revs[e.rev].definition)?;
                same("status", view.status(), e.status.clone())?;
            }
        }
        // The embedder's list: state machines in creation order, each one's standard executions
        // in start order, then its express ones under five minutes old in start order (ties by
        // the id that ends their ARN).
        let expected_running: Vec<String> = self
            .m
            .sms
            .iter()
            .flat_map(|sm| {
                let mut express: Vec<&Exec> = sm.express_execs.iter().filter(|e| express_live(e, now)).collect();
                express.sort_by_key(|e| (e.started, e.arn.rsplit(':').next().unwrap_or_default().to_owned()));
                sm.execs
                    .iter()
                    .filter(|e| e.status == ExecutionStatus::Running)
                    .chain(express)
            })
            .map(|e| e.arn.clone())
            .collect();
        let running: Vec<String> = self
            .reg
            .running_executions()
            .map(|v| v.arn().as_str().to_owned())
            .collect();
        same("running executions", running, expected_running)
    }
}

fn set_tag(tags: &mut Vec<(String, String)>, key: &str, value: &str) {
    match tags.iter_mut().find(|(k, _)| k == key) {
        Some(tag) => tag.1 = value.to_owned(),
        None => tags.push((key.to_owned(), value.to_owned())),
    }
}

fn routing_items(routes: &[(Target, i32)]) -> Vec<RoutingConfigurationListItem> {
    routes
        .iter()
        .map(|(t, w)| RoutingConfigurationListItem::new(&t.text, *w))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Generating steps
// ---------------------------------------------------------------------------------------------

type Rng = Xoshiro256PlusPlus;

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn chance(rng: &mut Rng, percent: u32) -> bool {
    rng.random_range(0..100) < percent
}

/// A state machine name: mostly of one that exists.
fn sm_name(rng: &mut Rng, m: &Model) -> String {
    if !m.sms.is_empty() && chance(rng, 75) {
        pick(rng, &m.sms).name.clone()
    } else {
        (*pick(rng, &SM_NAMES)).to_owned()
    }
}

/// A version number of `name`: mostly one that exists, else one deleted or never published.
fn version_number(rng: &mut Rng, m: &Model, name: &str) -> u32 {
    match m.sm(0, name) {
        Some(sm) if !sm.versions.is_empty() && chance(rng, 80) => {
            let numbers: Vec<u32> = sm.versions.keys().copied().collect();
            *pick(rng, &numbers)
        }
        Some(sm) => rng.random_range(1..=sm.next_version),
        None => rng.random_range(1..=3),
    }
}

/// An alias name of `name`: mostly of one that exists.
fn alias_name(rng: &mut Rng, m: &Model, name: &str) -> String {
    match m.sm(0, name) {
        Some(sm) if !sm.aliases.is_empty() && chance(rng, 70) => pick(rng, &sm.aliases).name.clone(),
        _ => (*pick(rng, &ALIASES)).to_owned(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Prefer {
    Sm,
    Version,
    Alias,
}

/// A state machine ARN of mostly the preferred form, sometimes of another, sometimes not one of
/// the registry's state machines or not valid at all.
fn sm_target(rng: &mut Rng, m: &Model, prefer: Prefer) -> Target {
    let name = sm_name(rng, m);
    let roll = rng.random_range(0..100);
    let form = match roll {
        0..=59 => prefer,
        60..=69 => Prefer::Sm,
        70..=79 => Prefer::Version,
        80..=87 => Prefer::Alias,
        _ => return odd_target(rng, m),
    };
    match form {
        Prefer::Sm => Target::of(Kind::Sm(0, name)),
        Prefer::Version => {
            let n = version_number(rng, m, &name);
            Target::of(Kind::Version(0, name, n))
        }
        Prefer::Alias => Target::of({
            let a = alias_name(rng, m, &name);
            Kind::Alias(0, name, a)
        }),
    }
}

/// An ARN that is not of the registry's state machines, or not valid.
fn odd_target(rng: &mut Rng, m: &Model) -> Target {
    let name = sm_name(rng, m);
    match rng.random_range(0..11) {
        0 => Target::of(Kind::Empty),
        1 => Target::of(Kind::Long),
        2 | 3 => Target::of(Kind::Malformed(rng.random_range(0..MALFORMED.len()))),
        4 => Target::of(Kind::Sm(rng.random_range(1..SCOPES.len()), name)),
        5 => {
            let n = version_number(rng, m, &name);
            Target::of(Kind::Version(rng.random_range(1..SCOPES.len()), name, n))
        }
        6 => {
            let a = alias_name(rng, m, &name);
            Target::of(Kind::Alias(rng.random_range(1..SCOPES.len()), name, a))
        }
        7 => Target::of(Kind::Label(0, name)),
        8 => exec_target(rng, m),
        9 => Target::of(Kind::Activity),
        _ => Target::of(Kind::Express(0, name)),
    }
}

/// An execution ARN: mostly of an execution that exists or existed.
fn exec_target(rng: &mut Rng, m: &Model) -> Target {
    let name = sm_name(rng, m);
    match rng.random_range(0..20) {
        0..=12 if !m.seen_execs.is_empty() => pick(rng, &m.seen_execs).clone(),
        0..=14 => Target::of(Kind::Execution(0, name, (*pick(rng, &EXEC_NAMES)).to_owned())),
        15 => Target::of(Kind::Execution(
            rng.random_range(1..SCOPES.len()),
            name,
            (*pick(rng, &EXEC_NAMES)).to_owned(),
        )),
        16 => Target::of(Kind::Express(0, name)),
        17 => Target::of(Kind::Sm(0, name)),
        18 => Target::of(Kind::Malformed(rng.random_range(0..MALFORMED.len()))),
        _ => Target::of(pick(rng, &[Kind::Empty, Kind::Long]).clone()),
    }
}

/// The ARN of a running execution, standard or express, for `end_execution`.
fn end_target(rng: &mut Rng, m: &Model) -> Target {
    let running: Vec<Target> = m
        .sms
        .iter()
        .flat_map(|sm| {
            let standard = sm
                .execs
                .iter()
                .filter(|e| e.status == ExecutionStatus::Running)
                .map(|e| Target::of(Kind::Execution(0, sm.name.clone(), e.name.clone())));
            let express = sm.express_execs.iter().map(|e| Target {
                text: e.arn.clone(),
                kind: Kind::Express(0, sm.name.clone()),
            });
            standard.chain(express).collect::<Vec<_>>()
        })
        .collect();
    if !running.is_empty() && chance(rng, 75) {
        return pick(rng, &running).clone();
    }
    match exec_target(rng, m) {
        t if matches!(t.kind, Kind::Execution(..) | Kind::Express(..)) => t,
        _ => Target::of(Kind::Express(0, sm_name(rng, m))),
    }
}

/// Routes to versions of `of` (or of a state machine with versions): mostly valid ones.
fn routes(rng: &mut Rng, m: &Model, of: Option<&str>) -> Routes {
    let with_versions: Vec<&Sm> = m.sms.iter().filter(|sm| !sm.versions.is_empty()).collect();
    let name = match of {
        Some(name) => name.to_owned(),
        None if !with_versions.is_empty() && chance(rng, 85) => pick(rng, &with_versions).name.clone(),
        None => sm_name(rng, m),
    };
    let live = m.sm(0, &name).map_or(0, |sm| sm.versions.len());
    let count = match rng.random_range(0..30) {
        0 => 3,
        1..=14 => 1,
        // Two routes need two versions.
        _ if live < 2 && chance(rng, 90) => 1,
        _ => 2,
    };
    let weights: Vec<i32> = match count {
        1 => vec![if chance(rng, 90) {
            100
        } else {
            *pick(rng, &[0, 99, 101])
        }],
        2 if chance(rng, 90) => pick(
            rng,
            &[vec![50, 50], vec![100, 0], vec![0, 100], vec![70, 30], vec![1, 99]],
        )
        .clone(),
        2 => pick(rng, &[vec![70, 29], vec![101, -1], vec![60, 60]]).clone(),
        _ => vec![50, 30, 20],
    };
    // Distinct versions, mostly.
    let mut numbers: Vec<u32> = m
        .sm(0, &name)
        .map(|sm| sm.versions.keys().copied().collect())
        .unwrap_or_default();
    weights
        .into_iter()
        .map(|w| {
            let target = match rng.random_range(0..100) {
                0..=90 if !numbers.is_empty() && chance(rng, 90) => {
                    let n = numbers.remove(rng.random_range(0..numbers.len()));
                    Target::of(Kind::Version(0, name.clone(), n))
                }
                0..=90 => Target::of(Kind::Version(0, name.clone(), version_number(rng, m, &name))),
                91 | 92 => {
                    let other = sm_name(rng, m);
                    let n = version_number(rng, m, &other);
                    Target::of(Kind::Version(0, other, n))
                }
                93 => Target::of(Kind::Version(
                    rng.random_range(1..SCOPES.len()),
                    name.clone(),
                    version_number(rng, m, &name),
                )),
                94 => Target::of(Kind::Sm(0, name.clone())),
                95 => Target::of(Kind::Alias(0, name.clone(), alias_name(rng, m, &name))),
                96 => Target::of(Kind::Malformed(rng.random_range(0..MALFORMED.len()))),
                97 => Target::of(Kind::Empty),
                _ => exec_target(rng, m),
            };
            (target, w)
        })
        .collect()
}

const STATE_TYPES: [StateType; 8] = [
    StateType::Pass,
    StateType::Task,
    StateType::Choice,
    StateType::Wait,
    StateType::Succeed,
    StateType::Fail,
    StateType::Parallel,
    StateType::Map,
];

/// A state event: mostly valid; sometimes with a name of 0 or 81 characters, data that is not
/// JSON, or the exit of a `Fail` state.
fn state_event(rng: &mut Rng) -> Ev {
    Ev {
        exited: chance(rng, 45),
        state_type: *pick(rng, &STATE_TYPES),
        name: match rng.random_range(0..30) {
            0 => String::new(),
            1 => "s".repeat(81),
            2 => wide_name(),
            _ => (*pick(rng, &["A", "Choose", "Wait 5s"])).to_owned(),
        },
        data: match rng.random_range(0..20) {
            0 => "{".to_owned(),
            1 => "not json".to_owned(),
            _ => (*pick(rng, &INPUTS)).to_owned(),
        },
    }
}

fn description(rng: &mut Rng) -> Option<String> {
    match rng.random_range(0..25) {
        0..=11 => None,
        12..=17 => Some("first".to_owned()),
        18..=21 => Some("second".to_owned()),
        22 | 23 => Some(String::new()),
        _ => Some("d".repeat(257)),
    }
}

fn definition_choice(rng: &mut Rng) -> String {
    if chance(rng, 92) {
        definition(rng.random_range(0..4))
    } else {
        (*pick(rng, &BAD_DEFINITIONS)).to_owned()
    }
}

fn role_choice(rng: &mut Rng) -> String {
    match rng.random_range(0..20) {
        0 => (*pick(rng, &BAD_ROLES)).to_owned(),
        1 => format!("arn:aws:iam::123456789012:role/{}", "r".repeat(250)),
        _ => (*pick(rng, &ROLES)).to_owned(),
    }
}

fn tag_key(rng: &mut Rng) -> String {
    match rng.random_range(0..20) {
        0 => String::new(),
        1 => "k".repeat(129),
        _ => (*pick(rng, &["k1", "k2", "k3"])).to_owned(),
    }
}

fn tags(rng: &mut Rng) -> Vec<Tag> {
    if chance(rng, 20) {
        // Many at once: both batches are more than the 50 a resource takes.
        let batch = *pick(rng, &["m", "n"]);
        return (0..30).map(|i| Tag::new(format!("{batch}{i:02}"), "v")).collect();
    }
    (0..rng.random_range(1..=3))
        .map(|_| {
            let value = match rng.random_range(0..20) {
                0 => "v".repeat(257),
                _ => (*pick(rng, &["v1", "v2", ""])).to_owned(),
            };
            Tag::new(tag_key(rng), value)
        })
        .collect()
}

fn status_filter(rng: &mut Rng) -> Option<ExecutionStatus> {
    if chance(rng, 70) {
        return None;
    }
    Some(
        pick(
            rng,
            &[
                ExecutionStatus::Running,
                ExecutionStatus::Succeeded,
                ExecutionStatus::Failed,
                ExecutionStatus::TimedOut,
                ExecutionStatus::Aborted,
            ],
        )
        .clone(),
    )
}

fn list_req(rng: &mut Rng, m: &Model, kind: ListKind) -> ListReq {
    let target = match kind {
        ListKind::StateMachines => Target::of(Kind::Empty),
        ListKind::Versions => sm_target(rng, m, Prefer::Sm),
        ListKind::Aliases => {
            let prefer = if chance(rng, 70) { Prefer::Sm } else { Prefer::Version };
            sm_target(rng, m, prefer)
        }
        ListKind::Executions => {
            let prefer = *pick(rng, &[Prefer::Sm, Prefer::Sm, Prefer::Version, Prefer::Alias]);
            sm_target(rng, m, prefer)
        }
        ListKind::History => exec_target(rng, m),
    };
    let mut sizes: Vec<Option<i32>> = (0..4)
        .map(|_| match rng.random_range(0..8) {
            0 => None,
            n => Some((n - 2).max(0)),
        })
        .collect();
    match rng.random_range(0..40) {
        0 => sizes[0] = Some(1001),
        1 => sizes[0] = Some(-1),
        _ => {}
    }
    let token = match rng.random_range(0..25) {
        0 => TokenPick::Raw("garbage".to_owned()),
        1 => TokenPick::Raw(format!("{:066x}", rng.random::<u64>())),
        2 => TokenPick::Raw(String::new()),
        3 => TokenPick::Raw("a".repeat(1025)),
        4 => TokenPick::Raw("a".repeat(3097)),
        _ => TokenPick::None,
    };
    ListReq {
        kind,
        target,
        status: if kind == ListKind::Executions {
            status_filter(rng)
        } else {
            None
        },
        reverse: kind == ListKind::History && chance(rng, 50),
        token,
        sizes,
        hold: chance(rng, 50),
    }
}

/// A later use of a held token: on its own list (its next page), garbled, or on another list.
fn resume(rng: &mut Rng, m: &Model) -> ListReq {
    let held = pick(rng, &m.held).clone();
    let mut r = if chance(rng, 70) {
        let mut r = list_req(rng, m, held.kind);
        r.target = held.target.clone();
        r
    } else {
        let kind = *pick(rng, &LIST_KINDS);
        list_req(rng, m, kind)
    };
    if (r.kind, &r.target) == (held.kind, &held.target) {
        r.status.clone_from(&held.status);
        r.reverse = held.reverse;
    }
    if chance(rng, 15) {
        let mut bytes = held.token.clone().into_bytes();
        let i = rng.random_range(0..bytes.len());
        bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
        r.token = TokenPick::Raw(String::from_utf8(bytes).expect("hex"));
    } else {
        r.token = TokenPick::Held(held);
    }
    if r.sizes[0].is_some_and(|n| !(0..=1000).contains(&n)) {
        r.sizes[0] = Some(1);
    }
    r
}

/// The operations, with their weights.
const WEIGHTS: [(&str, u32); 25] = [
    ("create", 8),
    ("describe", 3),
    ("update", 9),
    ("delete", 2),
    ("publish", 9),
    ("delete version", 5),
    ("create alias", 8),
    ("describe alias", 3),
    ("update alias", 6),
    ("delete alias", 3),
    ("tag", 3),
    ("untag", 2),
    ("list tags", 1),
    ("start", 11),
    ("stop", 3),
    ("describe execution", 3),
    ("describe for execution", 2),
    ("end", 6),
    ("record", 7),
    ("list state machines", 2),
    ("list versions", 3),
    ("list aliases", 3),
    ("list executions", 3),
    ("history", 2),
    ("resume", 6),
];

fn gen_op(rng: &mut Rng, m: &Model) -> Op {
    let total: u32 = WEIGHTS.iter().map(|w| w.1).sum();
    let mut roll = rng.random_range(0..total);
    let mut chosen = WEIGHTS[0].0;
    for (name, weight) in WEIGHTS {
        if roll < weight {
            chosen = name;
            break;
        }
        roll -= weight;
    }
    match chosen {
        "create" => {
            let name = match rng.random_range(0..40) {
                0 | 1 => "bad name".to_owned(),
                2 | 3 => "x".repeat(81),
                4 => String::new(),
                5 => wide_name(),
                _ => sm_name(rng, m),
            };
            let mut input = CreateStateMachineInput::new(name, definition_choice(rng), role_choice(rng));
            if chance(rng, 8) {
                input.r#type = Some(StateMachineType::Express);
            }
            if chance(rng, 15) {
                input.tracing_configuration = Some(TracingConfiguration::new(chance(rng, 50)));
            }
            input.publish = chance(rng, 40);
            if chance(rng, 25) {
                input.version_description = description(rng);
            }
            if chance(rng, 20) {
                input.tags = Some(tags(rng));
            }
            Op::Create(input)
        }
        "describe" => {
            let prefer = *pick(rng, &[Prefer::Sm, Prefer::Version]);
            Op::Describe(sm_target(rng, m, prefer), chance(rng, 10))
        }
        "update" => Op::Update {
            target: sm_target(rng, m, Prefer::Sm),
            definition: chance(rng, 60).then(|| definition_choice(rng)),
            role: chance(rng, 25).then(|| role_choice(rng)),
            tracing: chance(rng, 20).then(|| chance(rng, 50)),
            publish: chance(rng, 40),
            description: if chance(rng, 30) { description(rng) } else { None },
        },
        "delete" => Op::DeleteSm(sm_target(rng, m, Prefer::Sm)),
        "publish" => {
            let target = sm_target(rng, m, Prefer::Sm);
            let revision = match rng.random_range(0..10) {
                0..=5 => None,
                6 => Some("INITIAL".to_owned()),
                7 => Some("not-a-uuid".to_owned()),
                _ => {
                    // A real id: this state machine's current one, or any other (stale).
                    // Sorted: a `HashMap`'s order differs from run to run, and a seed must replay.
                    let mut ids: Vec<String> = m.revids.by_id.keys().map(ToString::to_string).collect();
                    ids.sort_unstable();
                    let current = match &target.kind {
                        Kind::Sm(0, n) => m.sm(0, n).map(|sm| m.revids.current_text(sm)),
                        _ => None,
                    };
                    match current {
                        Some(c) if chance(rng, 60) => Some(c),
                        _ if !ids.is_empty() => Some(pick(rng, &ids).clone()),
                        _ => None,
                    }
                }
            };
            Op::Publish {
                target,
                revision,
                description: description(rng),
            }
        }
        "delete version" => Op::DeleteVersion(sm_target(rng, m, Prefer::Version)),
        "create alias" => Op::CreateAlias {
            name: match rng.random_range(0..20) {
                0 => "123".to_owned(),
                1 => "bad name".to_owned(),
                2 => "A".repeat(81),
                3 => String::new(),
                _ => {
                    let name = sm_name(rng, m);
                    alias_name(rng, m, &name)
                }
            },
            description: description(rng),
            routes: routes(rng, m, None),
        },
        "describe alias" => Op::DescribeAlias(sm_target(rng, m, Prefer::Alias)),
        "update alias" => {
            let target = sm_target(rng, m, Prefer::Alias);
            let of = match &target.kind {
                Kind::Alias(_, name, _) if chance(rng, 90) => Some(name.clone()),
                _ => None,
            };
            let (description, routes) = match rng.random_range(0..20) {
                0 => (None, None),
                1..=5 => (description(rng), None),
                6..=15 => (None, Some(routes(rng, m, of.as_deref()))),
                _ => (description(rng), Some(routes(rng, m, of.as_deref()))),
            };
            Op::UpdateAlias {
                target,
                description,
                routes,
            }
        }
        "delete alias" => Op::DeleteAlias(sm_target(rng, m, Prefer::Alias)),
        "tag" => Op::Tag(sm_target(rng, m, Prefer::Sm), tags(rng)),
        "untag" => Op::Untag(
            sm_target(rng, m, Prefer::Sm),
            if chance(rng, 15) {
                let batch = *pick(rng, &["m", "n"]);
                (0..30).map(|i| format!("{batch}{i:02}")).collect()
            } else {
                (0..rng.random_range(1..=2)).map(|_| tag_key(rng)).collect()
            },
        ),
        "list tags" => Op::ListTags(sm_target(rng, m, Prefer::Sm)),
        "start" => Op::Start {
            target: {
                let prefer = *pick(rng, &[Prefer::Sm, Prefer::Version, Prefer::Alias]);
                sm_target(rng, m, prefer)
            },
            name: match rng.random_range(0..40) {
                0 | 1 => Some("bad name".to_owned()),
                2 | 3 => Some("x".repeat(81)),
                4 => Some(wide_name()),
                5..=19 => None,
                _ => Some((*pick(rng, &EXEC_NAMES)).to_owned()),
            },
            input: match rng.random_range(0..10) {
                0 => Some("{".to_owned()),
                1..=4 => None,
                _ => Some((*pick(rng, &INPUTS)).to_owned()),
            },
        },
        "stop" => Op::Stop(exec_target(rng, m)),
        "describe execution" => Op::DescribeExecution(exec_target(rng, m)),
        "describe for execution" => Op::DescribeForExecution(exec_target(rng, m), chance(rng, 10)),
        "end" => Op::End(
            end_target(rng, m),
            match rng.random_range(0..10) {
                0 => End::Succeeded("{".to_owned()),
                1..=5 => End::Succeeded(r#"{"ok":true}"#.to_owned()),
                6 | 7 => End::Failed,
                _ => End::TimedOut,
            },
        ),
        "record" => Op::Record(end_target(rng, m), state_event(rng)),
        "list state machines" => Op::List(list_req(rng, m, ListKind::StateMachines)),
        "list versions" => Op::List(list_req(rng, m, ListKind::Versions)),
        "list aliases" => Op::List(list_req(rng, m, ListKind::Aliases)),
        "list executions" => Op::List(list_req(rng, m, ListKind::Executions)),
        "history" => Op::List(list_req(rng, m, ListKind::History)),
        _ if m.held.is_empty() => Op::List(list_req(rng, m, ListKind::StateMachines)),
        _ => Op::List(resume(rng, m)),
    }
}

fn gen_step(rng: &mut Rng, m: &Model) -> Step {
    let advance = match rng.random_range(0..100) {
        0..=39 => 0,
        40..=89 => rng.random_range(1..3_000),
        90..=97 => rng.random_range(3_000..7_200_000),
        // Past the 24 hours a token lives (or just short of them).
        _ => DAY + rng.random_range(-1_000..3_600_000),
    };
    let op = gen_op(rng, m);
    let durable = chance(rng, DURABLE_PERCENT).then(|| Durable {
        from: rng.random_range(0..KEPT_SNAPSHOTS),
        follow: rng.random_range(1..=8),
        full_read: chance(rng, 25),
    });
    Step { advance, op, durable }
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

const SEQUENCES: u64 = 1_000;
const STEPS: usize = 300;
const FULL_CHECK_EVERY: usize = 10;
/// How often a step is followed by a durability check, in percent.
const DURABLE_PERCENT: u32 = 3;
/// How many snapshots a sequence keeps to replay changes from (the empty registry's among them).
const KEPT_SNAPSHOTS: usize = 6;

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

// ---------------------------------------------------------------------------------------------
// Durability: snapshots, changes, and a restored registry that follows the live one
// ---------------------------------------------------------------------------------------------

/// A snapshot taken during a sequence, as JSON, and how many changes had been recorded then.
struct Kept {
    json: Vec<u8>,
    changes: usize,
    /// The step it was taken after (`None`: the empty registry's).
    step: Option<usize>,
}

/// A registry restored from the live one's snapshot, following it step by step.
struct Fork {
    runner: Runner,
    left: usize,
    /// The step after which it was restored.
    since: usize,
    /// Compare a full read of both, byte for byte, at the end.
    full_read: bool,
}

/// A sequence: the live registry with its model, and its durable side: the changes it recorded
/// (JSON lines, as an embedder persists them), snapshots kept to replay them from, and perhaps a
/// restored registry following it.
struct Session {
    live: Runner,
    log: Vec<String>,
    kept: Vec<Kept>,
    fork: Option<Fork>,
}

/// The first place two JSON documents differ, for a failure message.
fn json_diff(got: &[u8], want: &[u8]) -> String {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
        use serde_json::Value;
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    match y.get(k) {
                        Some(vb) => {
                            if let Some(d) = walk(va, vb, &format!("{path}.{k}")) {
                                return Some(d);
                            }
                        }
                        None => return Some(format!("{path}.{k}: only in the first")),
                    }
                }
                y.keys()
                    .find(|k| !x.contains_key(*k))
                    .map(|k| format!("{path}.{k}: only in the second"))
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    if let Some(d) = walk(va, vb, &format!("{path}[{i}]")) {
                        return Some(d);
                    }
                }
                (x.len() != y.len()).then(|| format!("{path}: {} items against {}", x.len(), y.len()))
            }
            _ if a != b => {
                let (a, b) = (a.to_string(), b.to_string());
                Some(format!(
                    "{path}: {} against {}",
                    &a[..a.len().min(300)],
                    &b[..b.len().min(300)]
                ))
            }
            _ => None,
        }
    }
    match (
        serde_json::from_slice::<serde_json::Value>(got),
        serde_json::from_slice::<serde_json::Value>(want),
    ) {
        (Ok(a), Ok(b)) => walk(&a, &b, "").unwrap_or_else(|| "the same JSON, other bytes".to_owned()),
        _ => format!(
            "{} against {}",
            String::from_utf8_lossy(got),
            String::from_utf8_lossy(want)
        ),
    }
}

/// The answers of the live registry and of the restored one are the same bytes.
fn same_answers(what: &str, live: &[Vec<u8>], restored: &[Vec<u8>]) -> Check {
    for (i, (a, b)) in live.iter().zip(restored).enumerate() {
        if a != b {
            return Err(format!(
                "{what}: answer {i} differs:\n  live:     {}\n  restored: {}",
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(b)
            ));
        }
    }
    same(&format!("{what}: number of answers"), restored.len(), live.len())
}

impl Session {
    fn new(seed: u64) -> Session {
        let live = Runner::new(seed);
        let empty = Kept {
            json: live.reg.snapshot().to_json(),
            changes: 0,
            step: None,
        };
        Session {
            live,
            log: Vec::new(),
            kept: vec![empty],
            fork: None,
        }
    }

    /// Runs step `i` on the live registry, and on the restored one if one follows it: both
    /// must agree with the model, and give the same bytes.
    fn step(&mut self, i: usize, step: &Step) -> Check {
        match &mut self.fork {
            None => self.live.step(step)?,
            Some(fork) => {
                let (live, live_answers) = captured(|| self.live.step(step));
                live?;
                let (restored, restored_answers) = quietly(|| captured(|| fork.runner.step(step)));
                let since = fork.since;
                restored.map_err(|e| format!("the registry restored after step {since}: {e}"))?;
                same_answers(
                    &format!("the registry restored after step {since}"),
                    &live_answers,
                    &restored_answers,
                )?;
                fork.left -= 1;
                if fork.left == 0 {
                    self.end_fork()?;
                }
            }
        }
        match step.durable {
            Some(d) => self.durable(i, d),
            None => Ok(()),
        }
    }

    /// The changes the live registry recorded since they were last taken, written as JSON lines
    /// and appended to the log; each must read back as itself.
    fn take_changes(&mut self) -> Result<Vec<String>, String> {
        let mut lines = Vec::new();
        for change in self.live.reg.take_changes() {
            let line = serde_json::to_string(&change).map_err(|e| format!("a change does not serialize: {e}"))?;
            let back: Change = serde_json::from_str(&line).map_err(|e| format!("change {line} does not read: {e}"))?;
            if back != change {
                return Err(format!("change {line} reads back as {back:?}"));
            }
            lines.push(line);
        }
        self.log.extend(lines.iter().cloned());
        Ok(lines)
    }

    /// (a) The snapshot `kept` plus the changes recorded since replays to `want` (the live
    /// registry's snapshot), on a clock that reads another time.
    fn replay_from(&self, kept: &Kept, want: &Snapshot) -> Check {
        let since = kept
            .step
            .map_or_else(|| "the empty registry".to_owned(), |s| format!("step {s}"));
        let changes = self.log[kept.changes..]
            .iter()
            .map(|line| serde_json::from_str::<Change>(line))
            .collect::<Result<Vec<Change>, _>>()
            .map_err(|e| format!("a change does not read: {e}"))?;
        let snapshot = Snapshot::from_json(&kept.json).map_err(|e| format!("the snapshot of {since}: {e}"))?;
        let replayed = InMemoryRegistry::builder()
            .clock(ManualClock::new(Timestamp::from_unix_millis(0)))
            .restore_with_changes(snapshot, &changes)
            .map_err(|e| format!("the snapshot of {since} with the {} changes since: {e}", changes.len()))?;
        let got = replayed.snapshot();
        if got != *want {
            return Err(format!(
                "the snapshot of {since} with the {} changes since is not the registry: {}",
                changes.len(),
                json_diff(&got.to_json(), &want.to_json())
            ));
        }
        Ok(())
    }

    /// The durability check after step `i`: (a) replay, then (b) restore a registry that
    /// follows the live one for the next `d.follow` steps.
    fn durable(&mut self, i: usize, d: Durable) -> Check {
        if self.fork.is_some() {
            self.end_fork()?;
        }
        self.take_changes()?;
        let snapshot = self.live.reg.snapshot();
        let json = snapshot.to_json();
        let back = Snapshot::from_json(&json).map_err(|e| format!("the snapshot after step {i}: {e}"))?;
        if back != snapshot {
            return Err(format!("the snapshot after step {i} does not read back as itself"));
        }
        self.replay_from(&self.kept[d.from % self.kept.len()], &snapshot)?;

        let fork = self
            .live
            .restored(&json)
            .map_err(|e| format!("the snapshot after step {i}: {e}"))?;
        let again = fork.reg.snapshot();
        if again != snapshot {
            return Err(format!(
                "the registry restored after step {i} snapshots otherwise: {}",
                json_diff(&again.to_json(), &json)
            ));
        }
        self.fork = Some(Fork {
            runner: fork,
            left: d.follow,
            since: i,
            full_read: d.full_read,
        });
        self.kept.push(Kept {
            json,
            changes: self.log.len(),
            step: Some(i),
        });
        if self.kept.len() > KEPT_SNAPSHOTS {
            // Keep the empty registry's.
            self.kept.remove(1);
        }
        Ok(())
    }

    /// The restored registry has followed the live one: a full read of it agrees with the model
    /// (and gives the same bytes as one of the live registry, if asked), and both have the same
    /// snapshot and recorded the same changes.
    fn end_fork(&mut self) -> Check {
        let Some(mut fork) = self.fork.take() else {
            return Ok(());
        };
        let what = format!("the registry restored after step {}", fork.since);
        CURRENT_OP.with(|c| *c.borrow_mut() = "(full check)");
        if fork.full_read {
            let (live, live_answers) = quietly(|| captured(|| self.live.check_all(true)));
            live.map_err(|e| format!("full check: {e}"))?;
            let (restored, restored_answers) = quietly(|| captured(|| fork.runner.check_all(true)));
            restored.map_err(|e| format!("{what}: full check: {e}"))?;
            same_answers(&format!("{what}, full check"), &live_answers, &restored_answers)?;
        } else {
            quietly(|| fork.runner.check_all(true)).map_err(|e| format!("{what}: full check: {e}"))?;
        }
        let (got, want) = (fork.runner.reg.snapshot(), self.live.reg.snapshot());
        if got != want {
            return Err(format!(
                "{what}: its snapshot differs: {}",
                json_diff(&got.to_json(), &want.to_json())
            ));
        }
        let live_changes = self.take_changes()?;
        let restored_changes: Vec<String> = fork
            .runner
            .reg
            .take_changes()
            .iter()
            .map(|c| serde_json::to_string(c).expect("a change serializes"))
            .collect();
        same(
            &format!("{what}: the changes it recorded"),
            restored_changes,
            live_changes,
        )
    }

    /// At the end of a sequence: the empty registry's snapshot plus every change, and the last
    /// snapshot kept plus the changes since, replay to the registry.
    fn finish(&mut self) -> Check {
        self.end_fork()?;
        self.take_changes()?;
        let snapshot = self.live.reg.snapshot();
        self.replay_from(&self.kept[0], &snapshot)?;
        if let Some(last) = self.kept.last().filter(|k| k.step.is_some()) {
            self.replay_from(last, &snapshot)?;
        }
        Ok(())
    }
}

/// Runs `f`, turning a panic (of the registry, or of the test) into an error.
fn unwinding<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        Err(format!("panicked: {message}"))
    })
}

/// Runs one sequence; on failure returns the steps run (the failing one last) and the message.
fn run_sequence(seed: u64, steps: usize, verbose: bool) -> Result<(), (Vec<Step>, String)> {
    let mut rng = Rng::seed_from_u64(seed);
    let mut session = Session::new(seed);
    let mut log = Vec::with_capacity(steps);
    for i in 0..steps {
        let step = gen_step(&mut rng, &session.live.m);
        if verbose {
            println!("step {i}: {step:?}");
        }
        log.push(step.clone());
        if let Err(e) = unwinding(|| session.step(i, &step)) {
            return Err((log, format!("step {i} ({}): {e}", step.op.name())));
        }
        if (i + 1) % FULL_CHECK_EVERY == 0 || i + 1 == steps {
            CURRENT_OP.with(|c| *c.borrow_mut() = "(full check)");
            if let Err(e) = unwinding(|| session.live.full_check()) {
                return Err((log, format!("full check after step {i}: {e}")));
            }
        }
    }
    unwinding(|| session.finish()).map_err(|e| (log, format!("durability at the end of the sequence: {e}")))
}

/// Replays exactly `steps` on a fresh registry seeded with `seed`, with a full check and the
/// durability checks at the end.
fn replay(seed: u64, steps: &[Step]) -> Result<(), String> {
    unwinding(|| {
        let mut session = Session::new(seed);
        for (i, step) in steps.iter().enumerate() {
            session
                .step(i, step)
                .map_err(|e| format!("step {i} ({}): {e}", step.op.name()))?;
        }
        session.live.full_check().map_err(|e| format!("full check: {e}"))?;
        session
            .finish()
            .map_err(|e| format!("durability at the end of the sequence: {e}"))
    })
}

/// A shorter sequence that still fails, by removing chunks of steps while it does.
fn shrink(seed: u64, mut steps: Vec<Step>) -> (Vec<Step>, String) {
    let mut message = replay(seed, &steps).err().unwrap_or_default();
    let mut chunk = steps.len().div_ceil(2).max(1);
    loop {
        let mut i = 0;
        let mut removed = false;
        while i < steps.len() {
            let mut candidate = steps.clone();
            candidate.drain(i..(i + chunk).min(steps.len()));
            match replay(seed, &candidate) {
                Err(e) => {
                    steps = candidate;
                    message = e;
                    removed = true;
                }
                Ok(()) => i += chunk,
            }
        }
        if chunk == 1 && !removed {
            return (steps, message);
        }
        chunk = (chunk / 2).max(1);
    }
}

/// A failed sequence: its seed, the steps it ran and the message.
type Failure = (u64, Vec<Step>, String);

/// Runs the sequences of `seeds` on `threads` threads (sequences are independent); stops at the
/// first failure. Returns the failure of the smallest seed found, and the statistics.
fn run_all(seeds: &[u64], steps: usize, threads: usize) -> (Option<Failure>, BTreeMap<(&'static str, String), u64>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = AtomicBool::new(false);
    let verbose = seeds.len() == 1;
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let stop = &stop;
                scope.spawn(move || {
                    let mut failure = None;
                    for &seed in seeds.iter().skip(t).step_by(threads) {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        if let Err((log, message)) = run_sequence(seed, steps, verbose) {
                            stop.store(true, Ordering::Relaxed);
                            failure = Some((seed, log, message));
                            break;
                        }
                    }
                    (failure, STATS.with(RefCell::take))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a sequence thread"))
            .collect()
    });
    let mut stats = BTreeMap::new();
    let mut first: Option<Failure> = None;
    for (failure, thread_stats) in outcomes {
        for (key, n) in thread_stats {
            *stats.entry(key).or_default() += n;
        }
        if let Some(f) = failure
            && first.as_ref().is_none_or(|g| f.0 < g.0)
        {
            first = Some(f);
        }
    }
    (first, stats)
}

#[test]
fn registry_agrees_with_the_reference_model() {
    let steps = env_number("MODEL_STEPS").map_or(STEPS, |n| usize::try_from(n).expect("steps"));
    let seeds: Vec<u64> = match env_number("MODEL_SEED") {
        Some(seed) => vec![seed],
        None => {
            let first = env_number("MODEL_FIRST_SEED").unwrap_or(0);
            (first..first + env_number("MODEL_SEQUENCES").unwrap_or(SEQUENCES)).collect()
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
        .min(seeds.len().max(1));
    let (failure, stats) = run_all(&seeds, steps, threads);
    if std::env::var_os("MODEL_STATS").is_some() {
        for ((op, outcome), n) in &stats {
            println!("{op:34} {outcome:32} {n:>8}");
        }
    }
    if let Some((seed, log, message)) = failure {
        // Replays that panic say so in their message: keep the shrinking quiet.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let (shrunk, shrunk_message) = shrink(seed, log);
        std::panic::set_hook(hook);
        let mut report = format!(
            "seed {seed}: {message}\nreplay: MODEL_SEED={seed} cargo test --test model -- --nocapture\n\n\
             shrunk to {} steps, which fail with: {shrunk_message}\n",
            shrunk.len()
        );
        for (i, step) in shrunk.iter().enumerate() {
            report.push_str(&format!("  {i}: {step:?}\n"));
        }
        panic!("{report}");
    }
}
