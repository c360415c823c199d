//! The JSONata parser: jsonata-js's Pratt parser (`parser.js`) and its post-parse stage
//! (`processAST`), the stage run as each node completes instead of as a second pass.
//!
//! Running the post-parse stage eagerly keeps the only recursion the parser's own, which
//! follows the expression's nesting: a long chain such as `a & b & c & …` or `a.b.c.…` is read
//! in a loop at any length. Each node carries the first error its post-parse stage would throw,
//! combined in jsonata-js's order (a function's arguments before its procedure, a predicate's
//! step checks before the predicate), and a syntax error met while parsing still wins over all
//! of them, as it does in jsonata-js, whose post-parse stage only runs on a complete parse.
//!
//! The parent operator `%` is resolved as jsonata-js resolves it: slots whose level counts the
//! steps still to climb, lists of slots shared between nodes as JavaScript arrays are shared.
//! Its walks are bounded by a budget proportional to the input, so no input costs more than
//! linear time; past the budget the expression is accepted.

use super::error::{JError, Value};
use super::lexer::{Lexer, Token};

/// How deep expressions may nest. jsonata-js recurses as deep as the JavaScript stack allows
/// (some thousands of levels); this stays well inside a 2 MiB thread stack even in a debug build.
const MAX_DEPTH: usize = 200;

pub(super) type Id = usize;

/// Errors travel boxed, which keeps the parser's stack frames small.
type Fail = Box<JError>;
type PResult<T> = Result<T, Fail>;

fn fail<T>(e: JError) -> PResult<T> {
    Err(Box::new(e))
}

/// A node after the post-parse stage.
#[derive(Debug)]
pub(super) enum Kind {
    /// The end of the expression, where an operand was expected.
    End,
    Name(String),
    Variable(String),
    Str(String),
    /// A number, `true`, `false` or `null`.
    Literal(Value),
    Regex,
    Wildcard,
    Descendant,
    /// `%`, with its slot.
    Parent(usize),
    /// `?` in a partial application.
    Placeholder,
    Path(Vec<Id>),
    Negate(Id),
    Array(Vec<Id>),
    Object(Vec<(Id, Id)>),
    /// Arithmetic, comparison, boolean, `&`, `in`, a range `..`, and `??`/`?:`.
    Binary(Id, Id),
    /// `~>`.
    Apply(Id, Id),
    /// `$x := value`: the value.
    Bind(Id),
    Function {
        procedure: Id,
        arguments: Vec<Id>,
    },
    /// `function($x){ body }`: the body.
    Lambda(Id),
    Condition(Id, Id, Option<Id>),
    Transform,
    Sort,
    Block(Vec<Id>),
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    /// jsonata-js's `seekingParent`: a list of slots, possibly shared with other nodes.
    seeking: Option<usize>,
    /// A group-by `{…}` applies to it.
    group: bool,
    /// A predicate `[…]` applies to it.
    filtered: bool,
    /// A focus binding `@$v` applies to it.
    focus: bool,
    /// For a path: how many leading steps the literal-step check has seen.
    checked: usize,
}

/// A parsed expression: its nodes and the root's index.
pub(super) struct Parsed {
    nodes: Vec<Node>,
    pub(super) root: Id,
}

impl Parsed {
    pub(super) fn kind(&self, id: Id) -> &Kind {
        &self.nodes[id].kind
    }
}

/// Parses `source`, or returns the error jsonata-js throws for it.
pub(super) fn parse(source: &str) -> Result<Parsed, JError> {
    let mut p = Parser {
        lexer: Lexer::new(source),
        node: None,
        nodes: Vec::new(),
        lists: Vec::new(),
        levels: Vec::new(),
        depth: 0,
        budget: source.len().saturating_mul(16).saturating_add(10_000),
    };
    let root = p.advance(None, false).and_then(|()| p.expression(0)).map_err(|e| *e)?;
    if let Some(token) = &p.node {
        return Err(JError::S0201(token.value()));
    }
    if let Some(e) = root.err {
        return Err(*e);
    }
    let top = &p.nodes[root.id];
    if matches!(top.kind, Kind::Parent(_)) || top.seeking.is_some() {
        return Err(JError::S0217);
    }
    Ok(Parsed {
        nodes: p.nodes,
        root: root.id,
    })
}

/// What a finished (sub)expression hands to the operator that takes it.
struct Raw {
    /// The token shape the parser's own checks look at (jsonata-js's unprocessed `type`).
    shape: Shape,
    id: Id,
    /// The first error the post-parse stage throws in this subexpression.
    err: Option<Fail>,
}

#[derive(Clone, Copy)]
enum Shape {
    /// The name `function` or `λ`, which makes a call a lambda definition.
    LambdaKeyword,
    Variable,
    Other,
}

fn first(errors: impl IntoIterator<Item = Option<Fail>>) -> Option<Fail> {
    errors.into_iter().flatten().next()
}

fn some(e: JError) -> Option<Fail> {
    Some(Box::new(e))
}

struct Parser<'s> {
    lexer: Lexer<'s>,
    /// The current token; `None` is `(end)`.
    node: Option<Token>,
    nodes: Vec<Node>,
    lists: Vec<Vec<usize>>,
    levels: Vec<i64>,
    depth: usize,
    budget: usize,
}

impl Parser<'_> {
    // --- tokens -------------------------------------------------------------------------

    /// The symbol of the current token, as jsonata-js's `node.id`.
    fn id(&self) -> &'static str {
        match &self.node {
            None => "(end)",
            Some(Token::Op(op)) => op,
            Some(Token::Name(_) | Token::Variable(_)) => "(name)",
            Some(Token::Regex) => "(regex)",
            Some(_) => "(literal)",
        }
    }

    /// The current token's left binding power.
    fn lbp(&self) -> u32 {
        match self.id() {
            "." => 75,
            "[" | "(" | "@" | "#" => 80,
            "{" => 70,
            "*" | "/" | "%" => 60,
            "+" | "-" | "&" => 50,
            "=" | "<" | ">" | "!=" | "<=" | ">=" | "^" | "~>" | "in" | "?:" | "??" => 40,
            "and" => 30,
            "or" => 25,
            "?" => 20,
            ":=" => 10,
            _ => 0,
        }
    }

    /// Checks that the current token is `expected` (if given) and reads the next one.
    fn advance(&mut self, expected: Option<&'static str>, infix: bool) -> PResult<()> {
        if let Some(expected) = expected
            && self.id() != expected
        {
            return fail(match &self.node {
                None => JError::S0203 { expected },
                Some(token) => JError::S0202 {
                    expected,
                    got: token.value(),
                },
            });
        }
        let next = self.lexer.next(infix).map_err(Box::new)?;
        if let Some(Token::Op(op @ ("!" | "~"))) = next {
            return fail(JError::S0204(Value::Str(op.to_owned())));
        }
        self.node = next;
        Ok(())
    }

    /// `advance(Some(expected), false)`.
    fn expect(&mut self, expected: &'static str) -> PResult<()> {
        self.advance(Some(expected), false)
    }

    // --- Pratt's algorithm ----------------------------------------------------------------

    fn expression(&mut self, rbp: u32) -> PResult<Raw> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(JError::TooDeep);
        }
        let t = self.node.take();
        self.advance(None, true)?;
        let mut left = match t {
            None => self.end(),
            Some(Token::Op(op)) => self.prefix(op)?,
            Some(token) => self.operand(token),
        };
        while rbp < self.lbp() {
            let Some(Token::Op(op)) = self.node else {
                break;
            };
            self.advance(None, false)?;
            left = self.led(op, left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    /// `(end)` where an operand belongs: the post-parse stage's `Unexpected end of expression`.
    fn end(&mut self) -> Raw {
        let id = self.push(Kind::End);
        self.raw(id, some(JError::S0207))
    }

    /// A name, variable or literal.
    fn operand(&mut self, token: Token) -> Raw {
        match token {
            Token::Name(name) => {
                let shape = if name == "function" || name == "\u{3bb}" {
                    Shape::LambdaKeyword
                } else {
                    Shape::Other
                };
                let id = self.name_path(name);
                Raw { shape, id, err: None }
            }
            Token::Variable(v) => Raw {
                shape: Shape::Variable,
                id: self.push(Kind::Variable(v)),
                err: None,
            },
            Token::Str(s) => self.plain(Kind::Str(s)),
            Token::Regex => self.plain(Kind::Regex),
            Token::Op(op) => self.plain(Kind::Literal(Value::Str(op.to_owned()))),
            literal => self.plain(Kind::Literal(literal.value())),
        }
    }

    /// An operator in prefix position (its `nud`).
    fn prefix(&mut self, op: &'static str) -> PResult<Raw> {
        Ok(match op {
            "and" | "or" | "in" => {
                let id = self.name_path(op.to_owned());
                self.raw(id, None)
            }
            "-" => self.negation()?,
            "*" => self.plain(Kind::Wildcard),
            "**" => self.plain(Kind::Descendant),
            "%" => {
                self.levels.push(1);
                let slot = self.levels.len() - 1;
                self.plain(Kind::Parent(slot))
            }
            "(" => self.block()?,
            "[" => self.array()?,
            "{" => self.object(None)?,
            "|" => self.transform()?,
            _ => return fail(JError::S0211(Value::Str(op.to_owned()))),
        })
    }

    /// An operator in infix position (its `led`).
    fn led(&mut self, op: &'static str, left: Raw) -> PResult<Raw> {
        match op {
            "(" => self.call(left),
            "[" => self.predicate(left),
            "^" => self.sort(left),
            "{" => self.object(Some(left)),
            ":=" => self.bind(left),
            "@" | "#" => self.binding(op, left),
            "?" => self.condition(left),
            "." => self.dot(left),
            "~>" => self.apply(left),
            _ => self.infix(op, left),
        }
    }

    // --- constructs -----------------------------------------------------------------------

    /// `-operand`
    fn negation(&mut self) -> PResult<Raw> {
        let operand = self.expression(70)?;
        if let Kind::Literal(Value::Num(n)) = &mut self.nodes[operand.id].kind {
            *n = -*n;
            return Ok(operand);
        }
        let id = self.push(Kind::Negate(operand.id));
        self.push_ancestry(id, operand.id);
        Ok(self.raw(id, operand.err))
    }

    /// Arithmetic, comparison, boolean and string operators, and JSONata 2.1's `??` and `?:`,
    /// which take the rest of the expression.
    fn infix(&mut self, op: &'static str, left: Raw) -> PResult<Raw> {
        let bp = match op {
            "*" | "/" | "%" => 60,
            "+" | "-" | "&" => 50,
            "and" => 30,
            "or" => 25,
            "??" | "?:" => 0,
            _ => 40,
        };
        let right = self.expression(bp)?;
        Ok(self.binary(left, right))
    }

    /// `$x := value`
    fn bind(&mut self, left: Raw) -> PResult<Raw> {
        if !matches!(left.shape, Shape::Variable) {
            return fail(JError::S0212);
        }
        let value = self.expression(9)?;
        let id = self.push(Kind::Bind(value.id));
        self.push_ancestry(id, value.id);
        Ok(self.raw(id, first([left.err, value.err])))
    }

    /// `step@$v` and `step#$i`
    fn binding(&mut self, op: &'static str, left: Raw) -> PResult<Raw> {
        let variable = self.expression(80)?;
        if !matches!(variable.shape, Shape::Variable) {
            return fail(JError::S0214(op));
        }
        if op == "#" {
            let path = self.as_path(left.id);
            return Ok(self.raw(path, left.err));
        }
        let step = self.last_step(left.id);
        let filtered = self.nodes[step].filtered.then(|| Box::new(JError::S0215));
        let sorted = matches!(self.nodes[step].kind, Kind::Sort).then(|| Box::new(JError::S0216));
        self.nodes[step].focus = true;
        Ok(self.raw(left.id, first([left.err, filtered, sorted])))
    }

    /// `condition ? then [: otherwise]`
    fn condition(&mut self, left: Raw) -> PResult<Raw> {
        let then = self.expression(0)?;
        let otherwise = self.optional_after(":")?;
        let id = self.push(Kind::Condition(left.id, then.id, otherwise.as_ref().map(|o| o.id)));
        self.push_ancestry(id, left.id);
        self.push_ancestry(id, then.id);
        let otherwise_err = otherwise.and_then(|o| {
            self.push_ancestry(id, o.id);
            o.err
        });
        Ok(self.raw(id, first([left.err, then.err, otherwise_err])))
    }

    /// One more expression after `separator`, if `separator` comes next.
    fn optional_after(&mut self, separator: &'static str) -> PResult<Option<Raw>> {
        if self.id() != separator {
            return Ok(None);
        }
        self.expect(separator)?;
        self.expression(0).map(Some)
    }

    /// `left ~> right`
    fn apply(&mut self, left: Raw) -> PResult<Raw> {
        let right = self.expression(40)?;
        let id = self.push(Kind::Apply(left.id, right.id));
        Ok(self.raw(id, first([left.err, right.err])))
    }

    /// `( e; e; … )`
    fn block(&mut self) -> PResult<Raw> {
        let mut items = Vec::new();
        while self.id() != ")" {
            items.push(self.expression(0)?);
            if self.id() != ";" {
                break;
            }
            self.expect(";")?;
        }
        self.advance(Some(")"), true)?;
        Ok(self.sequence(items, Kind::Block))
    }

    /// `[ e, a..b, … ]`
    fn array(&mut self) -> PResult<Raw> {
        let mut items = Vec::new();
        if self.id() != "]" {
            loop {
                let mut item = self.expression(0)?;
                if self.id() == ".." {
                    self.expect("..")?;
                    let end = self.expression(0)?;
                    item = self.binary(item, end);
                }
                items.push(item);
                if self.id() != "," {
                    break;
                }
                self.expect(",")?;
            }
        }
        self.advance(Some("]"), true)?;
        Ok(self.sequence(items, Kind::Array))
    }

    /// `{ k: v, … }` as a constructor, or after `left` as a group-by.
    fn object(&mut self, left: Option<Raw>) -> PResult<Raw> {
        let mut pairs = Vec::new();
        if self.id() != "}" {
            loop {
                let key = self.expression(0)?;
                self.expect(":")?;
                let value = self.expression(0)?;
                pairs.push((key, value));
                if self.id() != "," {
                    break;
                }
                self.expect(",")?;
            }
        }
        self.advance(Some("}"), true)?;
        let mut errors = Vec::new();
        let Some(left) = left else {
            let id = self.push(Kind::Object(pairs.iter().map(|(k, v)| (k.id, v.id)).collect()));
            for (key, value) in pairs {
                self.push_ancestry(id, key.id);
                self.push_ancestry(id, value.id);
                errors.extend([key.err, value.err]);
            }
            return Ok(self.raw(id, first(errors)));
        };
        let regroup = self.nodes[left.id].group.then(|| Box::new(JError::S0210));
        self.nodes[left.id].group = true;
        errors.extend([left.err, regroup]);
        for (key, value) in pairs {
            errors.extend([key.err, value.err]);
        }
        Ok(self.raw(left.id, first(errors)))
    }

    /// `| pattern | update [, delete] |`
    fn transform(&mut self) -> PResult<Raw> {
        let pattern = self.expression(0)?;
        self.expect("|")?;
        let update = self.expression(0)?;
        let delete = self.optional_after(",")?;
        self.expect("|")?;
        let id = self.push(Kind::Transform);
        Ok(self.raw(id, first([pattern.err, update.err, delete.and_then(|d| d.err)])))
    }

    /// `procedure(args)`, a partial application `f(?, x)`, or `function($x){ body }`.
    fn call(&mut self, procedure: Raw) -> PResult<Raw> {
        let mut arguments = Vec::new();
        if self.id() != ")" {
            loop {
                if self.id() == "?" {
                    let id = self.push(Kind::Placeholder);
                    arguments.push(self.raw(id, None));
                    self.expect("?")?;
                } else {
                    arguments.push(self.expression(0)?);
                }
                if self.id() != "," {
                    break;
                }
                self.expect(",")?;
            }
        }
        self.advance(Some(")"), true)?;
        if !matches!(procedure.shape, Shape::LambdaKeyword) {
            let id = self.push(Kind::Function {
                procedure: procedure.id,
                arguments: arguments.iter().map(|a| a.id).collect(),
            });
            let mut errors = Vec::new();
            for argument in arguments {
                self.push_ancestry(id, argument.id);
                errors.push(argument.err);
            }
            errors.push(procedure.err);
            return Ok(self.raw(id, first(errors)));
        }
        if let Some(index) = arguments.iter().position(|a| !matches!(a.shape, Shape::Variable)) {
            return fail(JError::S0208(index + 1));
        }
        if self.id() == "<" {
            self.signature()?;
        }
        self.expect("{")?;
        let body = self.expression(0)?;
        self.expect("}")?;
        let id = self.push(Kind::Lambda(body.id));
        Ok(self.raw(id, body.err))
    }

    /// A lambda's signature `<…>`: its tokens up to the matching `>`, then jsonata-js's checks.
    fn signature(&mut self) -> PResult<()> {
        let mut depth = 1;
        let mut signature = String::from("<");
        while depth > 0 && self.id() != "{" && self.id() != "(end)" {
            self.advance(None, false)?;
            match self.id() {
                ">" => depth -= 1,
                "<" => depth += 1,
                _ => {}
            }
            signature.push_str(&self.token_text());
        }
        self.expect(">")?;
        check_signature(&signature).map_err(Box::new)
    }

    /// The current token as JavaScript's `+=` appends its value to a string.
    fn token_text(&self) -> String {
        match &self.node {
            None => "(end)".to_owned(),
            Some(Token::Op(op)) => (*op).to_owned(),
            Some(Token::Name(s) | Token::Variable(s) | Token::Str(s)) => s.clone(),
            Some(Token::Num(n)) => super::error::js_number(*n),
            Some(Token::True) => "true".to_owned(),
            Some(Token::False) => "false".to_owned(),
            Some(Token::Null) => "null".to_owned(),
            Some(Token::Regex) => String::new(),
        }
    }

    /// `step[ predicate ]`, or `step[]`.
    fn predicate(&mut self, left: Raw) -> PResult<Raw> {
        if self.id() == "]" {
            self.expect("]")?;
            return Ok(left);
        }
        let predicate = self.expression(0)?;
        self.advance(Some("]"), true)?;
        let step = self.last_step(left.id);
        let grouped = self.nodes[step].group.then(|| Box::new(JError::S0209));
        let mut climbed = None;
        if let Some(list) = self.nodes[predicate.id].seeking {
            let slots = self.lists[list].clone();
            for slot in slots {
                if self.levels[slot] == 1 {
                    if let Err(e) = self.seek_parent(step, slot) {
                        climbed = some(e);
                        break;
                    }
                } else {
                    self.levels[slot] -= 1;
                }
            }
            self.push_ancestry(step, predicate.id);
        }
        self.nodes[step].filtered = true;
        Ok(self.raw(left.id, first([left.err, grouped, predicate.err, climbed])))
    }

    /// `steps ^( [<|>] term, … )`
    fn sort(&mut self, left: Raw) -> PResult<Raw> {
        self.expect("(")?;
        let mut terms = Vec::new();
        loop {
            if self.id() == "<" {
                self.expect("<")?;
            } else if self.id() == ">" {
                self.expect(">")?;
            }
            terms.push(self.expression(0)?);
            if self.id() != "," {
                break;
            }
            self.expect(",")?;
        }
        self.expect(")")?;
        let path = self.as_path(left.id);
        let sort = self.push(Kind::Sort);
        let mut errors = vec![left.err];
        for term in terms {
            self.push_ancestry(sort, term.id);
            errors.push(term.err);
        }
        self.steps_mut(path).push(sort);
        errors.push(self.resolve_ancestry(path).map(Box::new));
        Ok(self.raw(path, first(errors)))
    }

    /// `left.rest`: one path of steps.
    fn dot(&mut self, left: Raw) -> PResult<Raw> {
        let rest = self.expression(75)?;
        let path = self.as_path(left.id);
        if let Kind::Parent(slot) = self.nodes[left.id].kind {
            self.lists.push(vec![slot]);
            self.nodes[path].seeking = Some(self.lists.len() - 1);
        }
        if matches!(self.nodes[rest.id].kind, Kind::Path(_)) {
            let more = std::mem::take(self.steps_mut(rest.id));
            self.steps_mut(path).extend(more);
        } else {
            self.steps_mut(path).push(rest.id);
        }
        let literal = self.check_steps(path).map(Box::new);
        let climbed = self.resolve_ancestry(path).map(Box::new);
        Ok(self.raw(path, first([left.err, rest.err, literal, climbed])))
    }

    fn binary(&mut self, left: Raw, right: Raw) -> Raw {
        let id = self.push(Kind::Binary(left.id, right.id));
        self.push_ancestry(id, left.id);
        self.push_ancestry(id, right.id);
        self.raw(id, first([left.err, right.err]))
    }

    fn sequence(&mut self, items: Vec<Raw>, kind: fn(Vec<Id>) -> Kind) -> Raw {
        let id = self.push(kind(items.iter().map(|i| i.id).collect()));
        let mut errors = Vec::new();
        for item in items {
            self.push_ancestry(id, item.id);
            errors.push(item.err);
        }
        self.raw(id, first(errors))
    }

    // --- nodes ------------------------------------------------------------------------------

    fn push(&mut self, kind: Kind) -> Id {
        self.nodes.push(Node {
            kind,
            seeking: None,
            group: false,
            filtered: false,
            focus: false,
            checked: 0,
        });
        self.nodes.len() - 1
    }

    fn raw(&self, id: Id, err: Option<Fail>) -> Raw {
        Raw {
            shape: Shape::Other,
            id,
            err,
        }
    }

    fn plain(&mut self, kind: Kind) -> Raw {
        let id = self.push(kind);
        self.raw(id, None)
    }

    /// A name, which the post-parse stage makes a one-step path.
    fn name_path(&mut self, name: String) -> Id {
        let step = self.push(Kind::Name(name));
        self.push(Kind::Path(vec![step]))
    }

    /// `id` if it is a path, else a new path whose one step it is.
    fn as_path(&mut self, id: Id) -> Id {
        if matches!(self.nodes[id].kind, Kind::Path(_)) {
            id
        } else {
            self.push(Kind::Path(vec![id]))
        }
    }

    fn steps_mut(&mut self, path: Id) -> &mut Vec<Id> {
        match &mut self.nodes[path].kind {
            Kind::Path(steps) => steps,
            _ => unreachable!("a path's steps are asked of a path"),
        }
    }

    fn step_at(&self, path: Id, index: usize) -> Id {
        match &self.nodes[path].kind {
            Kind::Path(steps) => steps[index],
            _ => path,
        }
    }

    fn step_count(&self, path: Id) -> usize {
        match &self.nodes[path].kind {
            Kind::Path(steps) => steps.len(),
            _ => 1,
        }
    }

    /// The last step of a path, or the node itself.
    fn last_step(&self, id: Id) -> Id {
        match &self.nodes[id].kind {
            Kind::Path(steps) => steps.last().copied().unwrap_or(id),
            _ => id,
        }
    }

    /// Steps may not be numbers, booleans or null; string steps become names. Only the steps
    /// added since the last check are read.
    fn check_steps(&mut self, path: Id) -> Option<JError> {
        let count = self.step_count(path);
        for index in self.nodes[path].checked..count {
            let step = self.step_at(path, index);
            let name = match &self.nodes[step].kind {
                Kind::Literal(value) => return Some(JError::S0213(value.clone())),
                Kind::Str(s) => s.clone(),
                _ => continue,
            };
            self.nodes[step].kind = Kind::Name(name);
        }
        self.nodes[path].checked = count;
        None
    }

    // --- the parent operator ------------------------------------------------------------------

    /// Whether the budget for parent walks still allows `cost` steps.
    fn spend(&mut self, cost: usize) -> bool {
        match self.budget.checked_sub(cost) {
            Some(left) => {
                self.budget = left;
                true
            }
            None => false,
        }
    }

    /// jsonata-js's `pushAncestry`: `result` seeks the parents `value` seeks.
    fn push_ancestry(&mut self, result: Id, value: Id) {
        let seeking = self.nodes[value].seeking;
        let parent = match self.nodes[value].kind {
            Kind::Parent(slot) => Some(slot),
            _ => None,
        };
        if seeking.is_none() && parent.is_none() {
            return;
        }
        let list = seeking.unwrap_or_else(|| {
            self.lists.push(Vec::new());
            self.lists.len() - 1
        });
        if let Some(slot) = parent {
            self.lists[list].push(slot);
        }
        match self.nodes[result].seeking {
            None => self.nodes[result].seeking = Some(list),
            Some(target) => {
                if !self.spend(self.lists[list].len()) {
                    return;
                }
                let slots = self.lists[list].clone();
                self.lists[target].extend(slots);
            }
        }
    }

    /// jsonata-js's `resolveAncestry`: the parents the path's last step seeks are looked for
    /// in the steps before it; those not found there are sought by the path itself.
    fn resolve_ancestry(&mut self, path: Id) -> Option<JError> {
        let count = self.step_count(path);
        let last = self.step_at(path, count - 1);
        let parent = match self.nodes[last].kind {
            Kind::Parent(slot) => Some(slot),
            _ => None,
        };
        let list = match (self.nodes[last].seeking, parent) {
            (Some(list), _) => list,
            (None, Some(_)) => {
                self.lists.push(Vec::new());
                self.lists.len() - 1
            }
            (None, None) => return None,
        };
        if let Some(slot) = parent {
            self.lists[list].push(slot);
        }
        let mut i = 0;
        while i < self.lists[list].len() {
            let slot = self.lists[list][i];
            let mut index = count.checked_sub(2);
            while self.levels[slot] > 0 {
                if !self.spend(1) {
                    return None;
                }
                let Some(at) = index else {
                    match self.nodes[path].seeking {
                        None => {
                            self.lists.push(vec![slot]);
                            self.nodes[path].seeking = Some(self.lists.len() - 1);
                        }
                        Some(own) => self.lists[own].push(slot),
                    }
                    break;
                };
                let mut step = self.step_at(path, at);
                index = at.checked_sub(1);
                while let Some(before) = index {
                    let previous = self.step_at(path, before);
                    if !(self.nodes[step].focus && self.nodes[previous].focus) {
                        break;
                    }
                    step = previous;
                    index = before.checked_sub(1);
                }
                if let Err(e) = self.seek_parent(step, slot) {
                    return Some(e);
                }
            }
            i += 1;
        }
        None
    }

    /// jsonata-js's `seekParent`: climbs one level per name or wildcard.
    fn seek_parent(&mut self, node: Id, slot: usize) -> Result<(), JError> {
        enum Climb {
            Down,
            Up,
            Into(Option<Id>),
            Steps(usize),
            Stuck,
        }
        if !self.spend(1) {
            return Ok(());
        }
        let climb = match &self.nodes[node].kind {
            Kind::Name(_) | Kind::Wildcard => Climb::Down,
            Kind::Parent(_) => Climb::Up,
            Kind::Block(items) => Climb::Into(items.last().copied()),
            Kind::Path(steps) => Climb::Steps(steps.len()),
            _ => Climb::Stuck,
        };
        match climb {
            Climb::Down => self.levels[slot] -= 1,
            Climb::Up => self.levels[slot] += 1,
            Climb::Into(last) => {
                if let Some(last) = last {
                    self.seek_parent(last, slot)?;
                }
            }
            Climb::Steps(mut index) => {
                while index > 0 {
                    index -= 1;
                    let step = self.step_at(node, index);
                    self.seek_parent(step, slot)?;
                    if self.levels[slot] <= 0 {
                        break;
                    }
                }
            }
            Climb::Stuck => return Err(JError::S0217),
        }
        Ok(())
    }
}

/// jsonata-js's `parseSignature`, for the errors it throws: a type parameter `<…>` only after
/// `a` or `f`, and none inside a choice `(…)`.
fn check_signature(signature: &str) -> Result<(), JError> {
    let s: Vec<char> = signature.chars().collect();
    let closing = |start: usize, open: char, close: char| {
        let mut depth = 1;
        let mut position = start;
        while position < s.len() {
            position += 1;
            match s.get(position) {
                Some(&c) if c == close => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Some(&c) if c == open => depth += 1,
                _ => {}
            }
        }
        position
    };
    let mut previous: Option<char> = None;
    let mut position = 1;
    while position < s.len() {
        match s[position] {
            ':' => break,
            c @ ('s' | 'n' | 'b' | 'l' | 'o' | 'a' | 'f' | 'j' | 'x') => previous = Some(c),
            '(' => {
                let end = closing(position, '(', ')');
                let choice = s.get(position + 1..end.min(s.len())).unwrap_or_default();
                if choice.contains(&'<') {
                    return Err(JError::S0402);
                }
                previous = Some('(');
                position = end;
            }
            '<' => {
                if !matches!(previous, Some('a' | 'f')) {
                    return Err(JError::S0401);
                }
                position = closing(position, '<', '>');
            }
            _ => {}
        }
        position += 1;
    }
    Ok(())
}
