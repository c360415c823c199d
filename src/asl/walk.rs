//! The state of one validation: where in the definition it stands, what it found, and what
//! the graph checks will need.

use super::diagnostics::{Report, code, text};
use super::graph::Graph;
use super::language::Language;
use crate::jackson::{Object, Value};

/// A location in the definition, as AWS writes it: `/States/A/Choices[0]/Next`, state names
/// verbatim, `/` for the root.
#[derive(Debug, Default)]
pub(super) struct Path {
    buf: String,
}

/// A length of a [`Path`] to come back to.
#[derive(Clone, Copy, Debug)]
pub(super) struct Mark(usize);

impl Path {
    /// Steps into the member `name`.
    pub(super) fn field(&mut self, name: &str) -> Mark {
        let mark = Mark(self.buf.len());
        self.buf.push('/');
        self.buf.push_str(name);
        mark
    }

    /// Steps into the element `index` of the array here.
    pub(super) fn index(&mut self, index: usize) -> Mark {
        let mark = Mark(self.buf.len());
        self.buf.push('[');
        push_decimal(&mut self.buf, index);
        self.buf.push(']');
        mark
    }

    /// Where the location is now, to come back to.
    pub(super) fn mark(&self) -> Mark {
        Mark(self.buf.len())
    }

    /// Steps back out.
    pub(super) fn back(&mut self, mark: Mark) {
        self.buf.truncate(mark.0);
    }

    /// The location here.
    pub(super) fn here(&self) -> String {
        if self.buf.is_empty() {
            "/".to_owned()
        } else {
            self.buf.clone()
        }
    }

    /// The location of the member `name` of the object here.
    pub(super) fn child(&self, name: &str) -> String {
        format!("{}/{name}", self.buf)
    }

    /// The location here, without the `/` of the root (a prefix for [`child`](Self::child)).
    pub(super) fn prefix(&self) -> &str {
        &self.buf
    }
}

/// Appends `n` in decimal.
pub(super) fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A validation in progress.
#[derive(Debug)]
pub(super) struct Walk<'t> {
    pub(super) report: Report,
    pub(super) path: Path,
    /// The state machine's query language (`QueryLanguage` at the top level).
    pub(super) top: Language,
    pub(super) graph: Graph<'t>,
}

impl<'t> Walk<'t> {
    pub(super) fn new(top: Language) -> Self {
        Walk {
            report: Report::default(),
            path: Path {
                buf: String::with_capacity(128),
            },
            top,
            graph: Graph::default(),
        }
    }

    /// A `SCHEMA_VALIDATION_FAILED` error at the location here.
    pub(super) fn schema_here(&mut self, message: impl Into<String>) {
        let location = self.path.here();
        self.report.error(code::SCHEMA, message, Some(location));
    }

    /// A `SCHEMA_VALIDATION_FAILED` error at the member `field` of the object here.
    pub(super) fn schema_at(&mut self, field: &str, message: impl Into<String>) {
        let location = self.path.child(field);
        self.report.error(code::SCHEMA, message, Some(location));
    }

    /// `The value for the field '<field>' must be <what>`, at that field.
    pub(super) fn must_be(&mut self, field: &str, what: &str) {
        self.schema_at(field, text::must_be(field, what));
    }

    /// The field `field` of the object here, `value`, as an array of objects (`Retry`,
    /// `Branches`, `Choices`, …): `each` runs on each element with the location there; an
    /// element that is not an object is reported. With `non_empty`, `[]` is `Value cannot be
    /// empty` (recorded for `Branches`).
    pub(super) fn objects(
        &mut self,
        field: &str,
        value: Value<'t>,
        non_empty: bool,
        mut each: impl FnMut(&mut Self, usize, Object<'t>),
    ) {
        let Value::Array(items) = value else {
            return self.must_be(field, "an array");
        };
        if non_empty && items.is_empty() {
            self.schema_at(field, text::EMPTY);
        }
        let at = self.path.field(field);
        for (i, item) in items.iter().enumerate() {
            let mark = self.path.index(i);
            match item {
                Value::Object(object) => each(self, i, object),
                _ => {
                    let location = self.path.here();
                    self.report.error(
                        code::SCHEMA,
                        text::must_be(&format!("{field}[{i}]"), "an object"),
                        Some(location),
                    );
                }
            }
            self.path.back(mark);
        }
        self.path.back(at);
    }
}

/// What applies to the fields being checked: those of a state, of an object inside one, or of
/// a (sub-)machine.
#[derive(Clone, Copy, Debug)]
pub(super) struct Site {
    /// The state's type, as a mask of [`Field::on`](super::fields::Field::on) (every bit for a
    /// (sub-)machine).
    pub(super) types: u8,
    /// The state's query language.
    pub(super) language: Language,
    /// The Express rules apply: the state runs in an Express execution.
    pub(super) express: bool,
    /// Where the state is in the graph (`None` for a (sub-)machine).
    pub(super) node: Option<super::graph::Node>,
}
