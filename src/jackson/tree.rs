//! The tree a document is read into: every value in one `Vec`, the elements of each container
//! side by side, strings and numbers as spans of the text. Reading it allocates a few buffers
//! whatever the document's shape, and dropping it frees them at once.

use std::collections::{HashMap, HashSet};
use std::fmt;

/// An offset into the text or an index into the nodes. A document of `n` bytes has at most `n`
/// nodes and at most `n` bytes of unescaped text, so [`MAX_TEXT`] bytes keep every one in range.
type Index = u32;

/// The longest text the tree can hold (4 GiB; AWS's largest document is 1 MiB).
pub(super) const MAX_TEXT: usize = Index::MAX as usize;

/// A byte range of the text, or of the unescaped strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    start: Index,
    end: Index,
}

impl Span {
    /// The range `start..end`; both are at most [`MAX_TEXT`].
    pub(super) fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as Index,
            end: end as Index,
        }
    }

    fn of(self, text: &str) -> &str {
        text.get(self.start as usize..self.end as usize).unwrap_or_default()
    }

    fn bytes(self, text: &str) -> &[u8] {
        text.as_bytes()
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

/// A value as the tree stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    /// A number: its text.
    Number(Span),
    /// A string without escapes: its text.
    String(Span),
    /// A string with escapes: its unescaped text, in [`Document::unescaped`].
    Unescaped(Span),
    /// An array: its `len` elements are `nodes[first..first + len]`.
    Array {
        first: Index,
        len: Index,
    },
    /// An object: its `len` members are `nodes[first..first + 2 * len]`, each key (a string
    /// node) followed by its value. `duplicates`: some key is given twice.
    Object {
        first: Index,
        len: Index,
        duplicates: bool,
    },
}

/// A JSON document read as Jackson reads it.
pub(crate) struct Document<'a> {
    text: &'a str,
    /// The texts of the strings that hold escapes, unescaped, one after the other.
    unescaped: String,
    /// The elements and members of every container.
    nodes: Vec<Node>,
    root: Node,
}

impl<'a> Document<'a> {
    /// The document's value.
    pub(crate) fn root(&self) -> Value<'_> {
        self.value(&self.root)
    }

    fn value<'d>(&'d self, node: &Node) -> Value<'d> {
        match *node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(span) => Value::Number(span.of(self.text)),
            Node::String(_) | Node::Unescaped(_) => Value::String(self.str(node)),
            Node::Array { first, len } => Value::Array(Array {
                doc: self,
                items: self.children(first, len as usize),
            }),
            Node::Object { first, len, duplicates } => Value::Object(Object {
                doc: self,
                members: self.children(first, 2 * len as usize),
                duplicates,
            }),
        }
    }

    fn children(&self, first: Index, count: usize) -> &[Node] {
        let first = first as usize;
        self.nodes.get(first..first + count).unwrap_or_default()
    }

    /// The text of a string node (empty for any other).
    fn str(&self, node: &Node) -> &str {
        match *node {
            Node::String(span) => span.of(self.text),
            Node::Unescaped(span) => span.of(&self.unescaped),
            _ => "",
        }
    }

    /// `true` if the string node `node` holds `key`.
    fn is_key(&self, node: &Node, key: &str) -> bool {
        match *node {
            Node::String(span) => span.bytes(self.text) == key.as_bytes(),
            Node::Unescaped(span) => span.bytes(&self.unescaped) == key.as_bytes(),
            _ => false,
        }
    }
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root().fmt(f)
    }
}

/// Two documents are equal when their values are.
impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.root() == other.root()
    }
}

/// A JSON value, borrowed from its [`Document`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value<'d> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (`-1.5e3`).
    Number(&'d str),
    /// A string, unescaped.
    String(&'d str),
    /// An array.
    Array(Array<'d>),
    /// An object.
    Object(Object<'d>),
}

/// A JSON array.
#[derive(Clone, Copy)]
pub(crate) struct Array<'d> {
    doc: &'d Document<'d>,
    items: &'d [Node],
}

impl<'d> Array<'d> {
    /// How many elements it has.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// `true` if it has no element.
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Its elements, in order.
    pub(crate) fn iter(&self) -> Items<'d> {
        Items {
            doc: self.doc,
            items: self.items.iter(),
        }
    }
}

impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Array<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The elements of an [`Array`].
#[derive(Clone)]
pub(crate) struct Items<'d> {
    doc: &'d Document<'d>,
    items: std::slice::Iter<'d, Node>,
}

impl<'d> Iterator for Items<'d> {
    type Item = Value<'d>;

    fn next(&mut self) -> Option<Value<'d>> {
        self.items.next().map(|node| self.doc.value(node))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

/// A JSON object: its members in document order, duplicates included.
#[derive(Clone, Copy)]
pub(crate) struct Object<'d> {
    doc: &'d Document<'d>,
    /// Each key followed by its value.
    members: &'d [Node],
    duplicates: bool,
}

impl<'d> Object<'d> {
    /// The value of `key`: the last one given, as in Jackson's `ObjectNode`.
    pub(crate) fn get(&self, key: &str) -> Option<Value<'d>> {
        self.members
            .chunks_exact(2)
            .rev()
            .find(|member| self.doc.is_key(&member[0], key))
            .map(|member| self.doc.value(&member[1]))
    }

    /// `true` if `key` is a member.
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.members
            .chunks_exact(2)
            .any(|member| self.doc.is_key(&member[0], key))
    }

    /// The members as written, duplicates included.
    fn members(&self) -> impl Iterator<Item = (&'d str, Value<'d>)> + use<'d> {
        let doc = self.doc;
        self.members
            .chunks_exact(2)
            .map(move |member| (doc.str(&member[0]), doc.value(&member[1])))
    }

    /// The members as Jackson's `ObjectNode` holds them: each key once, where it first appears,
    /// with the last value given for it.
    pub(crate) fn entries(&self) -> Entries<'d> {
        if !self.duplicates {
            return Entries(EntriesOf::Plain(self.doc, self.members.chunks_exact(2)));
        }
        let mut last = HashMap::with_capacity(self.members.len() / 2);
        for (i, (key, _)) in self.members().enumerate() {
            last.insert(key, i);
        }
        let members: Vec<_> = self.members().collect();
        let deduplicated: Vec<_> = members
            .iter()
            .filter_map(|(key, _)| last.remove(key).map(|at| (*key, members[at].1)))
            .collect();
        Entries(EntriesOf::Deduplicated(deduplicated.into_iter()))
    }
}

impl PartialEq for Object<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.members.len() == other.members.len() && self.members().eq(other.members())
    }
}

impl fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.members()).finish()
    }
}

/// The members of an [`Object`], as [`Object::entries`] reads them.
#[derive(Clone)]
pub(crate) struct Entries<'d>(EntriesOf<'d>);

#[derive(Clone)]
enum EntriesOf<'d> {
    /// No key is repeated: the members as written.
    Plain(&'d Document<'d>, std::slice::ChunksExact<'d, Node>),
    /// Some key is repeated: each once, with its last value.
    Deduplicated(std::vec::IntoIter<(&'d str, Value<'d>)>),
}

impl<'d> Iterator for Entries<'d> {
    type Item = (&'d str, Value<'d>);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            EntriesOf::Plain(doc, members) => members
                .next()
                .map(|member| (doc.str(&member[0]), doc.value(&member[1]))),
            EntriesOf::Deduplicated(members) => members.next(),
        }
    }
}

/// Builds a [`Document`] as a reader meets its values: each value goes on a stack, and when a
/// container closes its elements move, side by side, to the document's nodes.
pub(super) struct Builder<'a> {
    text: &'a str,
    unescaped: String,
    nodes: Vec<Node>,
    /// The values of the containers being read, innermost last.
    stack: Vec<Node>,
}

impl<'a> Builder<'a> {
    /// A builder for `text`, at most [`MAX_TEXT`] bytes long.
    pub(super) fn new(text: &'a str) -> Self {
        Builder {
            text,
            unescaped: String::new(),
            nodes: Vec::with_capacity(text.len() / 6),
            stack: Vec::with_capacity(64),
        }
    }

    /// A value (a key, in an object) of the innermost container, or the root.
    pub(super) fn push(&mut self, node: Node) {
        self.stack.push(node);
    }

    /// Where the container about to open starts on the stack.
    pub(super) fn mark(&self) -> usize {
        self.stack.len()
    }

    /// `true` if nothing was pushed since `mark`.
    pub(super) fn is_empty_since(&self, mark: usize) -> bool {
        self.stack.len() == mark
    }

    /// The buffer a string with escapes is unescaped into; [`unescaped`](Self::unescaped) makes
    /// its node.
    pub(super) fn unescaped_buffer(&mut self) -> &mut String {
        &mut self.unescaped
    }

    /// The node of the string unescaped into the buffer since it was `start` bytes long.
    pub(super) fn unescaped(&self, start: usize) -> Node {
        Node::Unescaped(Span::new(start, self.unescaped.len()))
    }

    /// Closes the array whose elements were pushed since `mark`.
    pub(super) fn close_array(&mut self, mark: usize) {
        let first = self.nodes.len() as Index;
        let len = (self.stack.len() - mark) as Index;
        self.nodes.extend_from_slice(&self.stack[mark..]);
        self.stack.truncate(mark);
        self.stack.push(Node::Array { first, len });
    }

    /// Closes the object whose keys and values were pushed since `mark`.
    pub(super) fn close_object(&mut self, mark: usize) {
        let first = self.nodes.len() as Index;
        let members = &self.stack[mark..];
        let len = (members.len() / 2) as Index;
        let duplicates = self.has_duplicates(members);
        self.nodes.extend_from_slice(members);
        self.stack.truncate(mark);
        self.stack.push(Node::Object { first, len, duplicates });
    }

    fn key(&self, node: &Node) -> &[u8] {
        match *node {
            Node::String(span) => span.bytes(self.text),
            Node::Unescaped(span) => span.bytes(&self.unescaped),
            _ => &[],
        }
    }

    fn has_duplicates(&self, members: &[Node]) -> bool {
        if members.len() <= 32 {
            // Few keys. A first look: each key's length and first and last bytes pick one of 64
            // bits, and keys that pick different bits differ.
            let mut picked = 0u64;
            let mut clash = false;
            for key in members.iter().step_by(2) {
                let key = self.key(key);
                let (first, last) = (key.first().copied(), key.last().copied());
                let bit = key.len() * 31 + usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0));
                clash |= picked & (1 << (bit % 64)) != 0;
                picked |= 1 << (bit % 64);
            }
            // Some keys may be the same: compare each with those after it.
            return clash
                && (0..members.len()).step_by(2).any(|i| {
                    let key = self.key(&members[i]);
                    members[i + 2..].iter().step_by(2).any(|other| self.key(other) == key)
                });
        }
        let mut seen = HashSet::with_capacity(members.len() / 2);
        !members.iter().step_by(2).all(|key| seen.insert(self.key(key)))
    }

    /// The document whose root is the one value pushed outside any container.
    pub(super) fn finish(mut self) -> Document<'a> {
        let root = self.stack.pop().unwrap_or(Node::Null);
        Document {
            text: self.text,
            unescaped: self.unescaped,
            nodes: self.nodes,
            root,
        }
    }
}

/// Appends the UTF-16 unit of a `\u` escape to `out`, pairing surrogates: `high` holds a high
/// surrogate waiting for its low half; a lone one is U+FFFD.
pub(super) fn push_unit(out: &mut String, high: &mut Option<u32>, unit: u32) {
    match (high.take(), unit) {
        (Some(h), 0xDC00..=0xDFFF) => {
            let c = 0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00);
            out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        (previous, _) => {
            if previous.is_some() {
                out.push(char::REPLACEMENT_CHARACTER);
            }
            if (0xD800..=0xDBFF).contains(&unit) {
                *high = Some(unit);
            } else {
                out.push(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
        }
    }
}

/// The character a one-letter escape (`\n`, `\"`, …) stands for; `None` for `u` and the
/// letters JSON has no escape for.
pub(super) fn simple_escape(letter: u8) -> Option<u32> {
    Some(match letter {
        b'"' | b'/' | b'\\' => u32::from(letter),
        b'b' => 0x08,
        b'f' => 0x0C,
        b'n' => 0x0A,
        b'r' => 0x0D,
        b't' => 0x09,
        _ => return None,
    })
}
