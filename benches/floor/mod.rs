//! Floors: minimal hand-written versions of the crate's hot paths, doing the same work with the
//! same validation, for `benches/floors.rs` (time) and `benches/memory.rs` (allocations) to
//! measure the crate against.
//!
//! Each floor keeps the representation the crate's output types have: ARNs and names are
//! shared text (`Arc<str>`, cloned for free), while what the API hands out as a `String`
//! (a state's data, a role ARN) is copied. It keeps what a minimal implementation would keep
//! precomputed: the JSON-escaped form of each stored definition. It checks what the crate checks:
//! member lengths, the ARN grammar (partition, service, region, account, resource type, the names'
//! characters and lengths in UTF-16 units), the scope, existence, and the routes. Only the
//! successful path is written out: the floors answer `None` where the crate answers an error.

#![allow(dead_code)] // each bench binary uses part of it.

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::sync::Arc;

use indexmap::IndexSet;
use indexmap::set::MutableValues;
use sfn_registry::rand::rngs::Xoshiro256PlusPlus;
use sfn_registry::rand::{Rng, SeedableRng};

/// The longest ARN looked at.
const MAX_ARN_LEN: usize = 2048;

/// ASCII bytes a state machine or execution name may not hold: white space and control
/// characters, brackets, wildcards and the special characters `" # % \ ^ | ~ ` $ & , ; : /`.
const FORBIDDEN_ASCII: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b <= 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    let specials = b"<>{}[]?*\"#%\\^|~`$&,;:/";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = true;
        i += 1;
    }
    t
};

/// A state machine or execution name: 1-80 UTF-16 units, none of them forbidden.
pub fn resource_name(s: &str) -> bool {
    for &b in s.as_bytes() {
        if b >= 0x80 {
            return resource_name_unicode(s);
        }
        if FORBIDDEN_ASCII[usize::from(b)] {
            return false;
        }
    }
    !s.is_empty() && s.len() <= 80
}

fn resource_name_unicode(s: &str) -> bool {
    s.encode_utf16().count() <= 80
        && !s.chars().any(|c| {
            c.is_whitespace()
                || (c.is_ascii() && FORBIDDEN_ASCII[c as usize])
                || matches!(c, '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' | '\u{10ffff}')
        })
}

/// An alias name: 1-80 of `[a-zA-Z0-9_.-]`, not all digits.
pub fn alias_name(s: &str) -> bool {
    let mut digits_only = true;
    for &b in s.as_bytes() {
        if b.is_ascii_digit() {
            continue;
        }
        digits_only = false;
        if !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
            return false;
        }
    }
    !digits_only && s.len() <= 80
}

/// 1-64 of `[a-z0-9-]`.
fn partition_or_region(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A version qualifier: a decimal number from 1, without leading zeros.
fn version_number(s: &str) -> Option<NonZeroU32> {
    let bytes = s.as_bytes();
    if bytes.first().is_none_or(|&b| b == b'0') || bytes.len() > 10 {
        return None;
    }
    let mut n = 0u64;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    u32::try_from(n).ok().and_then(NonZeroU32::new)
}

/// `true` when every byte of `s` is a digit (the empty string included).
fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// The length constraint of an `Arn` member: 1-256 UTF-16 units.
fn arn_member(s: &str) -> bool {
    !s.is_empty() && (s.len() <= 256 || (!s.is_ascii() && s.encode_utf16().count() <= 256))
}

/// `arn:<partition>:states:<region>:<account>:<type>:<resource>`, split and checked.
pub struct Parts<'a> {
    pub partition: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource_type: &'a str,
    pub resource: &'a str,
    /// Where `<type>` starts.
    pub type_start: usize,
}

pub fn split(s: &str) -> Option<Parts<'_>> {
    let rest = s.strip_prefix("arn:")?;
    if s.len() > MAX_ARN_LEN {
        return None;
    }
    let (partition, rest) = rest.split_once(':')?;
    let (service, rest) = rest.split_once(':')?;
    let (region, rest) = rest.split_once(':')?;
    let (account, typed) = rest.split_once(':')?;
    let (resource_type, resource) = typed.split_once(':')?;
    let account_ok = account.len() == 12 && all_digits(account);
    if !partition_or_region(partition) || service != "states" || !partition_or_region(region) || !account_ok {
        return None;
    }
    Some(Parts {
        partition,
        region,
        account,
        resource_type,
        resource,
        type_start: s.len() - typed.len(),
    })
}

/// A parsed version ARN: its text once, and the offsets of its parts.
pub struct VersionArn {
    pub text: Arc<str>,
    pub partition_end: u16,
    pub region_end: u16,
    pub account_end: u16,
    pub name_start: u16,
    pub name_end: u16,
    pub version: NonZeroU32,
}

/// Parses `…:stateMachine:<name>:<version>`.
pub fn parse_version_arn(s: &str) -> Option<VersionArn> {
    let p = split(s)?;
    if p.resource_type != "stateMachine" {
        return None;
    }
    // A `/` (a label ARN) is not a name character, so the name check refuses it.
    let (name, qualifier) = p.resource.split_once(':')?;
    if !resource_name(name) {
        return None;
    }
    let version = version_number(qualifier)?;
    let partition_end = 4 + p.partition.len();
    let region_end = partition_end + 8 + p.region.len();
    let account_end = region_end + 1 + p.account.len();
    let name_start = s.len() - p.resource.len();
    let offset = |n: usize| u16::try_from(n).ok();
    Some(VersionArn {
        text: Arc::from(s),
        partition_end: offset(partition_end)?,
        region_end: offset(region_end)?,
        account_end: offset(account_end)?,
        name_start: offset(name_start)?,
        name_end: offset(name_start + name.len())?,
        version,
    })
}

/// Concatenates `parts` into one shared text, in one allocation.
fn shared(parts: &[&str]) -> Arc<str> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut buf = [0u8; 512];
    if len > buf.len() {
        return Arc::from(parts.concat());
    }
    let mut at = 0;
    for p in parts {
        buf[at..at + p.len()].copy_from_slice(p.as_bytes());
        at += p.len();
    }
    std::str::from_utf8(&buf[..len]).map_or_else(|_| Arc::from(parts.concat()), Arc::from)
}

/// 64-bit FNV-1a, the checksum of the crate's page tokens, fed in pieces.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn feed(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
}

/// The token of the page after the item with key `after`, as the crate writes it: kind, a
/// checksum of the list's identity, the key, the issue time and a checksum, in hex.
fn token(kind: u8, scope: u64, after: u64, issued: i64) -> String {
    use std::fmt::Write as _;
    let mut check = Fnv::new();
    check
        .feed(&[kind])
        .feed(&scope.to_be_bytes())
        .feed(&after.to_be_bytes())
        .feed(&issued.to_be_bytes());
    let mut s = String::with_capacity(66);
    let _ = write!(
        s,
        "{kind:02x}{scope:016x}{after:016x}{:016x}{:016x}",
        issued as u64, check.0
    );
    s
}

/// An execution status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    Succeeded,
}

/// A state entered or left, with its data.
pub struct Event {
    pub at: i64,
    pub entered: bool,
    pub name: Box<str>,
    pub data: Box<str>,
}

/// An execution: found by name (its `Borrow<str>`), in start order.
pub struct Execution {
    pub arn: Arc<str>,
    name_start: u16,
    pub version: Option<Arc<str>>,
    pub alias: Option<Arc<str>>,
    pub input: Cow<'static, str>,
    pub status: Status,
    pub started: i64,
    pub stopped: Option<i64>,
    pub output: Option<Box<str>>,
    pub events: Vec<Event>,
}

impl Execution {
    pub fn name(&self) -> &str {
        &self.arn[usize::from(self.name_start)..]
    }
}

impl Borrow<str> for Execution {
    fn borrow(&self) -> &str {
        self.name()
    }
}

impl PartialEq for Execution {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Execution {}

impl Hash for Execution {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

/// The start orders (from 1) of the executions associated with a version or an alias: all of
/// them, and those running.
#[derive(Default)]
struct Index {
    all: Vec<u32>,
    running: BTreeSet<u32>,
}

impl Index {
    fn add(&mut self, seq: u32) {
        self.all.push(seq);
        self.running.insert(seq);
    }
}

struct Version {
    arn: Arc<str>,
    index: Index,
}

struct Alias {
    arn: Arc<str>,
    routes: [(u32, u8); 2],
    route_count: usize,
    index: Index,
}

/// A state machine.
pub struct Machine {
    arn: Arc<str>,
    name_start: usize,
    express: bool,
    deleting: bool,
    created: i64,
    definition: Arc<str>,
    /// The definition as a JSON string literal, quotes included.
    definition_json: Box<str>,
    role: Box<str>,
    versions: BTreeMap<u32, Version>,
    next_version: u32,
    aliases: HashMap<Box<str>, Alias>,
    executions: IndexSet<Execution>,
    running: BTreeSet<u32>,
}

impl Machine {
    fn name(&self) -> &str {
        &self.arn[self.name_start..]
    }
}

/// One item of a ListExecutions page.
pub struct ListItem {
    pub execution_arn: Arc<str>,
    pub state_machine_arn: Arc<str>,
    /// The name: a part of the execution ARN's text.
    pub name: (Arc<str>, u16),
    pub status: Status,
    pub started: i64,
    pub stopped: Option<i64>,
    pub version: Option<Arc<str>>,
    pub alias: Option<Arc<str>>,
}

/// One event of a GetExecutionHistory page.
pub struct HistoryEvent {
    pub id: i64,
    pub previous: i64,
    pub at: i64,
    pub kind: &'static str,
    pub name: Option<String>,
    pub data: Option<String>,
    pub role: Option<String>,
    pub version: Option<Arc<str>>,
    pub alias: Option<Arc<str>>,
}

/// A registry of one scope.
pub struct Registry {
    partition: Box<str>,
    region: Box<str>,
    account: Box<str>,
    machines: HashMap<Box<str>, Machine>,
    pub rng: Xoshiro256PlusPlus,
    pub now: i64,
}

impl Registry {
    /// `aws` / `us-east-1` / `123456789012`, with the crate's RNG for `seed`.
    pub fn new(seed: u64, now: i64) -> Self {
        Registry {
            partition: "aws".into(),
            region: "us-east-1".into(),
            account: "123456789012".into(),
            machines: HashMap::new(),
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            now,
        }
    }

    fn in_scope(&self, p: &Parts<'_>) -> bool {
        p.partition == &*self.partition && p.region == &*self.region && p.account == &*self.account
    }

    /// The name and qualifier (if any) of a state machine ARN of this scope.
    fn state_machine_of<'a>(&self, arn: &'a str) -> Option<(&'a str, Option<&'a str>)> {
        let p = split(arn)?;
        if p.resource_type != "stateMachine" || !self.in_scope(&p) {
            return None;
        }
        let (name, qualifier) = match p.resource.split_once(':') {
            Some((name, qualifier)) => (name, Some(qualifier)),
            None => (p.resource, None),
        };
        resource_name(name).then_some((name, qualifier))
    }

    // Setup (not measured, so not checked).

    /// Creates state machine `name`.
    pub fn create(&mut self, name: &str, definition: &str, role: &str) {
        let arn = shared(&[
            "arn:",
            &self.partition,
            ":states:",
            &self.region,
            ":",
            &self.account,
            ":stateMachine:",
            name,
        ]);
        let machine = Machine {
            name_start: arn.len() - name.len(),
            arn,
            express: false,
            deleting: false,
            created: self.now,
            definition: Arc::from(definition),
            definition_json: serde_json::to_string(definition).expect("a string").into(),
            role: role.into(),
            versions: BTreeMap::new(),
            next_version: 1,
            aliases: HashMap::new(),
            executions: IndexSet::new(),
            running: BTreeSet::new(),
        };
        self.machines.insert(name.into(), machine);
    }

    /// Publishes the next version of `name`.
    pub fn publish(&mut self, name: &str) {
        let m = self.machines.get_mut(name).expect("a state machine");
        let n = m.next_version;
        m.next_version += 1;
        let arn = shared(&[&m.arn, ":", &n.to_string()]);
        m.versions.insert(
            n,
            Version {
                arn,
                index: Index::default(),
            },
        );
    }

    /// Creates alias `alias` of `name` routing `weight` percent to `first`, the rest to `second`.
    pub fn alias(&mut self, name: &str, alias: &str, first: u32, weight: u8, second: u32) {
        let m = self.machines.get_mut(name).expect("a state machine");
        let arn = shared(&[&m.arn, ":", alias]);
        m.aliases.insert(
            alias.into(),
            Alias {
                arn,
                routes: [(first, weight), (second, 100 - weight)],
                route_count: 2,
                index: Index::default(),
            },
        );
    }

    /// Ends execution `name` of `machine`, successfully, with `output`.
    pub fn end(&mut self, machine: &str, name: &str, output: &str) {
        let now = self.now;
        let m = self.machines.get_mut(machine).expect("a state machine");
        let (index, e) = m.executions.get_full_mut2(name).expect("an execution");
        e.status = Status::Succeeded;
        e.stopped = Some(now);
        e.output = Some(output.into());
        let seq = u32::try_from(index + 1).expect("fits");
        m.running.remove(&seq);
        if let Some(alias) = e.alias.as_ref().and_then(|a| a.rsplit(':').next()) {
            m.aliases.get_mut(alias).expect("an alias").index.running.remove(&seq);
        }
        if let Some(version) = e
            .version
            .as_ref()
            .and_then(|v| v.rsplit(':').next()?.parse::<u32>().ok())
        {
            m.versions
                .get_mut(&version)
                .expect("a version")
                .index
                .running
                .remove(&seq);
        }
    }

    /// Records a state entered or left by execution `name` of `machine`.
    pub fn record(&mut self, machine: &str, name: &str, event: Event) {
        let m = self.machines.get_mut(machine).expect("a state machine");
        let (_, e) = m.executions.get_full_mut2(name).expect("an execution");
        e.events.push(event);
    }

    /// Makes `machine` an express state machine (a check StartExecution reads).
    pub fn set_express(&mut self, machine: &str, express: bool) {
        self.machines.get_mut(machine).expect("a state machine").express = express;
    }

    // The hot paths.

    /// StartExecution of `arn`, unnamed, with `input` (`{}` when absent): an unqualified ARN
    /// runs the current revision, an alias ARN routes by weight. The execution's ARN and start.
    pub fn start(&mut self, arn: &str, input: Option<String>) -> Option<(Arc<str>, i64)> {
        if !arn_member(arn) {
            return None;
        }
        let input = match input {
            None => Cow::Borrowed("{}"),
            Some(data) => {
                // Any JSON value, read up to the end of the first: the same work as the crate's
                // Jackson reader, whose rules differ only in what it accepts at the edges.
                if data.len() > 262_144 {
                    return None;
                }
                let mut values = serde_json::Deserializer::from_str(&data).into_iter::<serde::de::IgnoredAny>();
                values.next()?.ok()?;
                Cow::Owned(data)
            }
        };
        let (name, qualifier) = self.state_machine_of(arn)?;
        let Registry { machines, rng, now, .. } = self;
        let m = machines.get_mut(name)?;
        // The routes of the alias, each a version that exists.
        let routes = match qualifier {
            None => None,
            Some(q) if all_digits(q) => return None, // not measured: a version start.
            Some(q) => {
                if !alias_name(q) {
                    return None;
                }
                let alias = m.aliases.get(q)?;
                let routes = &alias.routes[..alias.route_count];
                if !routes.iter().all(|(v, _)| m.versions.contains_key(v)) {
                    return None;
                }
                Some((q, alias.routes, alias.route_count))
            }
        };
        if m.deleting || m.express {
            return None;
        }
        // A fresh name (drawn again while taken), then the route.
        let mut text = [0u8; 36];
        let execution_name = loop {
            let mut bytes = [0u8; 16];
            rng.fill_bytes(&mut bytes);
            let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
            let name = &*uuid.hyphenated().encode_lower(&mut text);
            if !m.executions.contains(name) {
                break name;
            }
        };
        let picked = routes.map(|(alias, routes, count)| {
            let roll = u8::try_from((u128::from(rng.next_u64()) * 100) >> 64).unwrap_or(99);
            let version = if count == 2 && roll >= routes[0].1 {
                routes[1].0
            } else {
                routes[0].0
            };
            (alias, version)
        });
        let head = &m.arn[..m.arn.len() - name.len() - "stateMachine:".len()];
        let arn = shared(&[head, "execution:", name, ":", execution_name]);
        let seq = u32::try_from(m.executions.len() + 1).ok()?;
        let (version, alias) = match picked {
            Some((alias_name, version)) => {
                let v = m.versions.get_mut(&version)?;
                v.index.add(seq);
                let a = m.aliases.get_mut(alias_name)?;
                a.index.add(seq);
                (Some(Arc::clone(&v.arn)), Some(Arc::clone(&a.arn)))
            }
            None => (None, None),
        };
        m.running.insert(seq);
        m.executions.insert(Execution {
            name_start: u16::try_from(arn.len() - execution_name.len()).ok()?,
            arn: Arc::clone(&arn),
            version,
            alias,
            input,
            status: Status::Running,
            started: *now,
            stopped: None,
            output: None,
            events: Vec::new(),
        });
        Some((arn, *now))
    }

    /// DescribeStateMachine through the JSON adapter: target and body in, status and body out.
    pub fn describe_json(&self, target: &str, body: &[u8]) -> Option<Vec<u8>> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Input<'a> {
            #[serde(borrow)]
            state_machine_arn: Cow<'a, str>,
            #[serde(borrow, default)]
            included_data: Option<Cow<'a, str>>,
        }
        if target.strip_prefix("AWSStepFunctions.")? != "DescribeStateMachine" {
            return None;
        }
        let input: Input<'_> = serde_json::from_slice(body).ok()?;
        let arn = &*input.state_machine_arn;
        let metadata_only = match input.included_data.as_deref() {
            None | Some("ALL_DATA") => false,
            Some("METADATA_ONLY") => true,
            Some(_) => return None,
        };
        if !arn_member(arn) {
            return None;
        }
        let p = split(arn)?;
        if p.resource_type != "stateMachine" || p.resource.contains(':') || !self.in_scope(&p) {
            return None; // not measured: version, alias and label ARNs.
        }
        if !resource_name(p.resource) {
            return None;
        }
        let m = self.machines.get(p.resource)?;
        let definition: &str = if metadata_only { "\"{}\"" } else { &m.definition_json };
        let mut out = Vec::with_capacity(320 + definition.len() + m.role.len());
        out.extend_from_slice(b"{\"stateMachineArn\":\"");
        out.extend_from_slice(m.arn.as_bytes());
        out.extend_from_slice(b"\",\"name\":\"");
        out.extend_from_slice(m.name().as_bytes());
        out.extend_from_slice(if m.deleting {
            b"\",\"status\":\"DELETING\",\"definition\":"
        } else {
            b"\",\"status\":\"ACTIVE\",\"definition\":"
        });
        out.extend_from_slice(definition.as_bytes());
        out.extend_from_slice(b",\"roleArn\":");
        serde_json::to_writer(&mut out, &*m.role).ok()?;
        out.extend_from_slice(if m.express {
            b",\"type\":\"EXPRESS\",\"creationDate\":"
        } else {
            b",\"type\":\"STANDARD\",\"creationDate\":"
        });
        #[allow(clippy::cast_precision_loss)]
        serde_json::to_writer(&mut out, &(m.created as f64 / 1000.0)).ok()?;
        out.extend_from_slice(
            br#","loggingConfiguration":{"level":"OFF","includeExecutionData":false},"tracingConfiguration":{"enabled":false},"encryptionConfiguration":{"type":"AWS_OWNED_KEY"}}"#,
        );
        Some(out)
    }

    /// ListExecutions of the unqualified ARN or an alias ARN: the newest `size` executions
    /// started before the page's start, and the next page's token.
    pub fn list_executions(&self, arn: &str, size: usize) -> Option<(Vec<ListItem>, Option<String>)> {
        if !arn_member(arn) {
            return None;
        }
        let (name, qualifier) = self.state_machine_of(arn)?;
        let m = self.machines.get(name)?;
        if m.express {
            return None;
        }
        let seqs: Box<dyn Iterator<Item = u32>> = match qualifier {
            None => Box::new((1..=u32::try_from(m.executions.len()).ok()?).rev()),
            Some(q) if !all_digits(q) && alias_name(q) => Box::new(m.aliases.get(q)?.index.all.iter().rev().copied()),
            Some(_) => return None, // not measured: version ARNs.
        };
        let mut seqs = seqs.peekable();
        let mut items = Vec::with_capacity(size);
        let mut last = 0;
        while items.len() < size {
            let Some(seq) = seqs.next() else { break };
            let e = m.executions.get_index(usize::try_from(seq - 1).ok()?)?;
            last = seq;
            items.push(ListItem {
                execution_arn: Arc::clone(&e.arn),
                state_machine_arn: Arc::clone(&m.arn),
                name: (Arc::clone(&e.arn), e.name_start),
                status: e.status,
                started: e.started,
                stopped: e.stopped,
                version: e.version.clone(),
                alias: e.alias.clone(),
            });
        }
        let next = seqs.peek().is_some().then(|| {
            let mut scope = Fnv::new();
            scope.feed(arn.as_bytes()).feed(b"||");
            token(4, scope.0, u64::from(last), self.now)
        });
        Some((items, next))
    }

    /// GetExecutionHistory's first page of `size` events, with their data.
    pub fn history(&self, arn: &str, size: usize) -> Option<(Vec<HistoryEvent>, Option<String>)> {
        if !arn_member(arn) {
            return None;
        }
        let p = split(arn)?;
        if p.resource_type != "execution" || !self.in_scope(&p) {
            return None;
        }
        let (machine, name) = p.resource.split_once(':')?;
        if !resource_name(machine) || !resource_name(name) {
            return None;
        }
        let m = self.machines.get(machine)?;
        let e = m.executions.get(name)?;
        let last = 1 + e.events.len() as u64 + u64::from(e.stopped.is_some());
        let mut events = Vec::with_capacity(size);
        let mut id = 1;
        while events.len() < size && id <= last {
            let wire = i64::try_from(id).ok()?;
            let previous = if id <= 2 { 0 } else { wire - 1 };
            let event = if id == 1 {
                HistoryEvent {
                    id: wire,
                    previous,
                    at: e.started,
                    kind: "ExecutionStarted",
                    name: None,
                    data: Some(e.input.to_string()),
                    role: Some(m.role.to_string()),
                    version: e.version.clone(),
                    alias: e.alias.clone(),
                }
            } else if let Some(s) = e.events.get(usize::try_from(id - 2).ok()?) {
                HistoryEvent {
                    id: wire,
                    previous,
                    at: s.at,
                    kind: if s.entered {
                        "PassStateEntered"
                    } else {
                        "PassStateExited"
                    },
                    name: Some(s.name.to_string()),
                    data: Some(s.data.to_string()),
                    role: None,
                    version: None,
                    alias: None,
                }
            } else {
                HistoryEvent {
                    id: wire,
                    previous,
                    at: e.stopped?,
                    kind: "ExecutionSucceeded",
                    name: None,
                    data: e.output.as_deref().map(str::to_owned),
                    role: None,
                    version: None,
                    alias: None,
                }
            };
            events.push(event);
            id += 1;
        }
        let next = (id <= last).then(|| {
            let mut scope = Fnv::new();
            scope.feed(arn.as_bytes()).feed(b"|false|true");
            token(5, scope.0, id - 1, self.now)
        });
        Some((events, next))
    }
}

#[cfg(test)]
mod tests {}
