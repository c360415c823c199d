//! JSONPath as AWS reads it: Jayway JsonPath's grammar, with the States Language's roots.
//!
//! The token rules follow Jayway's `PathCompiler` (the Java library AWS runs), so what it compiles
//! is accepted here: dot and bracket properties (`$.a`, `$['a b']`, `$.['a']`, `$["a"]`),
//! indexes and unions (`[0]`, `[-1]`, `[0,1]`, `['a','b']`), slices (`[1:3]`, `[:2]`, `[-2:]`),
//! wildcards (`.*`, `[*]`), deep scan (`..`), filters (`[?(@.x > 1)]`) and functions
//! (`.length()`). Like Jayway, a property name runs to the next `.`, `[` or `(` and may hold any
//! other character but a space, surrounding spaces are trimmed, and one stray character after a
//! complete token is ignored. A filter's body is compiled as Jayway's `FilterCompiler` compiles
//! it (see [`filter`]).
//!
//! The roots are the States Language's: `$` (the state's input), `$$` (the context object) and
//! `$name` (a workflow variable, since 2024-11).

use super::SyntaxError;

mod filter;

/// Where a path starts reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathRoot {
    /// `$`, `$.a`: the state's input (or its result, where the field says so).
    Input,
    /// `$$`, `$$.Execution.Id`: the context object.
    Context,
    /// `$name`, `$name.a`: a workflow variable.
    Variable,
}

/// The root `text` starts from, when it starts with `$`: a classifier for the rules (a `.$`
/// value, the `NO_DOLLAR` and `NO_PATH` warnings). It says nothing of the rest's syntax.
pub(crate) fn path_root(text: &str) -> Option<PathRoot> {
    let rest = text.strip_prefix('$')?;
    Some(match rest.bytes().next() {
        None | Some(b'.' | b'[') => PathRoot::Input,
        Some(b'$') => PathRoot::Context,
        Some(_) => PathRoot::Variable,
    })
}

/// A JSONPath (any Jayway path, from any root).
pub(crate) fn path(text: &str) -> Result<(), SyntaxError> {
    parse(text.as_bytes(), 0).map(drop)
}

/// A reference path: a path that names one node. Only single properties and single indexes; no
/// `..`, `*`, filter, union, slice or function, as AWS's documentation lists. `$$…` paths only
/// when `context` is true.
pub(crate) fn reference_path(text: &str, context: bool) -> Result<(), SyntaxError> {
    let parsed = parse(text.as_bytes(), 0)?;
    if parsed.root == PathRoot::Context && !context {
        return Err(error("a context object path ($$) is not allowed here"));
    }
    match parsed.indefinite {
        None => Ok(()),
        Some(what) => Err(error(&format!(
            "a reference path names a single node, but this one has {what}"
        ))),
    }
}

/// What parsing a path found.
struct Parsed {
    root: PathRoot,
    /// The first token that can select more than one node (or a function), if any.
    indefinite: Option<&'static str>,
}

fn error(message: &str) -> SyntaxError {
    SyntaxError {
        message: message.to_owned(),
    }
}

/// A path operand inside a filter (`@.price`, `$.limit`), `nesting` filters deep.
fn parse_nested(text: &[u8], nesting: usize) -> Result<(), SyntaxError> {
    match text.split_first() {
        Some((b'@', rest)) => {
            let mut root = Vec::with_capacity(text.len());
            root.push(b'$');
            root.extend_from_slice(rest);
            parse(&root, nesting).map(drop)
        }
        _ => parse(text, nesting).map(drop),
    }
}

fn parse(text: &[u8], nesting: usize) -> Result<Parsed, SyntaxError> {
    let start = text.iter().position(|&c| c != b' ').unwrap_or(text.len());
    let end = text.iter().rposition(|&c| c != b' ').map_or(start, |i| i + 1);
    let s = &text[start..end];
    if s.last() == Some(&b'.') {
        return Err(error("a path must not end with '.'"));
    }
    let Some(rest) = s.strip_prefix(b"$") else {
        return Err(error("a path must start with '$'"));
    };
    let (root, start) = match rest.first() {
        None | Some(b'.' | b'[') => (PathRoot::Input, 1),
        Some(b'$') => (PathRoot::Context, 2),
        Some(_) => {
            let name = rest.iter().take_while(|&&c| !matches!(c, b'.' | b'[' | b' ')).count();
            (PathRoot::Variable, 1 + name)
        }
    };
    let mut cursor = Cursor {
        s,
        pos: start,
        indefinite: None,
        nesting,
    };
    cursor.tokens()?;
    Ok(Parsed {
        root,
        indefinite: cursor.indefinite,
    })
}

/// A position in the path, as Jayway's `CharacterIndex` keeps it.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
    indefinite: Option<&'static str>,
    /// How many filters this path sits in.
    nesting: usize,
}

impl Cursor<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.s.get(i).copied()
    }

    /// Whether the cursor is on the last character or past it: Jayway stops reading there.
    fn at_tail(&self) -> bool {
        self.pos + 1 >= self.s.len()
    }

    fn mark(&mut self, what: &'static str) {
        self.indefinite.get_or_insert(what);
    }

    /// The index of the first character after `i` that is not a space.
    fn next_significant(&self, i: usize) -> Option<usize> {
        (i + 1..self.s.len()).find(|&j| self.s[j] != b' ')
    }

    fn next_significant_is(&self, i: usize, c: u8) -> Option<usize> {
        self.next_significant(i).filter(|&j| self.s[j] == c)
    }

    /// The tokens after the root: the root must be followed by `.` or `[`, or by nothing.
    fn tokens(&mut self) -> Result<(), SyntaxError> {
        match self.at(self.pos) {
            None => return Ok(()),
            Some(b'.' | b'[') => {}
            Some(_) => return Err(error("a path's root must be followed by '.' or '['")),
        }
        loop {
            self.token()?;
            if self.at_tail() {
                return Ok(());
            }
        }
    }

    /// One token at the cursor (Jayway's `readNextToken`), leaving the cursor after it.
    fn token(&mut self) -> Result<(), SyntaxError> {
        match self.at(self.pos) {
            Some(b'[') => self.bracket(),
            Some(b'.') => {
                if self.at(self.pos + 1) == Some(b'.') {
                    self.mark("a deep scan (..)");
                    self.pos += 2;
                } else if self.pos + 1 >= self.s.len() {
                    return Err(error("a path must not end with '.'"));
                } else {
                    self.pos += 1;
                }
                if self.at(self.pos) == Some(b'.') {
                    return Err(error("a path must not hold '...'"));
                }
                self.token()
            }
            Some(b'*') => {
                self.mark("a wildcard (*)");
                self.pos += 1;
                Ok(())
            }
            Some(b' ') | None => Err(error("a path must not hold a space outside brackets")),
            Some(_) => self.property_or_function(),
        }
    }

    /// `name` or `name(…)`: a property runs to the next `.`, `[` or `(`.
    fn property_or_function(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        let mut end = start;
        while let Some(c) = self.at(end) {
            match c {
                b' ' => return Err(error("a property name with a space needs brackets: ['my prop']")),
                b'.' | b'[' | b'(' => break,
                _ => end += 1,
            }
        }
        if self.at(end) != Some(b'(') {
            self.pos = end;
            return Ok(());
        }
        self.mark("a function");
        let mut depth = 0usize;
        let mut close = None;
        for (i, &c) in self.s.iter().enumerate().skip(end) {
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            return Err(error("a function's arguments are not closed"));
        };
        // Jayway leaves a call without arguments on its `)`, which then starts the next token.
        self.pos = if close == end + 1 { close } else { close + 1 };
        Ok(())
    }

    /// A token starting with `[`: quoted properties, indexes and slices, `[*]` or a filter.
    fn bracket(&mut self) -> Result<(), SyntaxError> {
        let Some(first) = self.next_significant(self.pos) else {
            return Err(error("a '[' must be closed by ']'"));
        };
        let c = self.s[first];
        match c {
            quote @ (b'\'' | b'"') => return self.quoted_properties(quote),
            b'0'..=b'9' | b'-' | b':' if self.indexes()? => return Ok(()),
            b'*' => {
                let Some(close) = self.next_significant_is(first, b']') else {
                    return Err(error("a wildcard in brackets must be followed by ']'"));
                };
                self.mark("a wildcard ([*])");
                self.pos = close + 1;
                return Ok(());
            }
            b'?' => return self.filter(first),
            _ => {}
        }
        Err(error(
            "a bracket must hold a quoted name, an index, a slice, '*' or a filter",
        ))
    }

    /// `['a']`, `["a"]`, `['a','b']` (Jayway's `readBracketPropertyToken`).
    fn quoted_properties(&mut self, quote: u8) -> Result<(), SyntaxError> {
        let mut count = 0usize;
        let mut in_property = false;
        let mut in_escape = false;
        let mut after_comma = false;
        let mut last_end = None;
        let mut i = self.pos + 1;
        while let Some(c) = self.at(i) {
            if in_escape {
                in_escape = false;
            } else if c == b'\\' {
                in_escape = true;
            } else if c == b']' && !in_property {
                if after_comma {
                    return Err(error("a bracket must not hold an empty property"));
                }
                break;
            } else if c == quote {
                if in_property {
                    match self.next_significant(i).map(|j| self.s[j]) {
                        Some(b']' | b',') => {}
                        _ => {
                            return Err(error(
                                "properties in brackets must be separated by ',' and closed by ']'",
                            ));
                        }
                    }
                    last_end = Some(i);
                    count += 1;
                    in_property = false;
                } else {
                    in_property = true;
                    after_comma = false;
                }
            } else if c == b',' && !in_property {
                if after_comma {
                    return Err(error("a bracket must not hold an empty property"));
                }
                after_comma = true;
            }
            i += 1;
        }
        if in_property {
            return Err(error("a quoted property is not closed"));
        }
        let Some(close) = last_end.and_then(|end| self.next_significant_is(end, b']')) else {
            return Err(error("a property in brackets must be closed by ']'"));
        };
        if count > 1 {
            self.mark("several properties (['a','b'])");
        }
        self.pos = close + 1;
        Ok(())
    }

    /// `[0]`, `[-1]`, `[0, 1]`, `[1:3]` (Jayway's `readArrayToken`): `Ok(false)` when the
    /// bracket is not of that shape, so that the other forms are tried.
    fn indexes(&mut self) -> Result<bool, SyntaxError> {
        let Some(close) = (self.pos + 1..self.s.len()).find(|&j| self.s[j] == b']') else {
            return Ok(false);
        };
        let inner = java_trim(&self.s[self.pos + 1..close]);
        if !inner
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b',' | b'-' | b':' | b' '))
        {
            return Ok(false);
        }
        if inner.contains(&b':') {
            slice(inner)?;
            self.mark("a slice ([a:b])");
        } else {
            let mut count = 0;
            for part in inner.split(|&c| c == b',') {
                java_int(java_trim(part)).ok_or_else(|| error("an array index must be an integer"))?;
                count += 1;
            }
            if count > 1 {
                self.mark("several indexes ([0,1])");
            }
        }
        self.pos = close + 1;
        Ok(true)
    }

    /// `[?(…)]`: a filter whose parentheses balance, strings and regular expressions skipped.
    fn filter(&mut self, question: usize) -> Result<(), SyntaxError> {
        let Some(open) = self.next_significant_is(question, b'(') else {
            return Err(error("a filter must be written [?(…)]"));
        };
        let mut depth = 1usize;
        let mut i = open + 1;
        let close = loop {
            let Some(c) = self.at(i) else {
                return Err(error("a filter's parentheses are not closed"));
            };
            match c {
                b'\'' | b'"' | b'/' => {
                    i = self
                        .closing_unescaped(i, c)
                        .ok_or_else(|| error("a string or regular expression in a filter is not closed"))?;
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break i;
                    }
                }
                _ => {}
            }
            i += 1;
        };
        let Some(end) = self.next_significant_is(close, b']') else {
            return Err(error("a filter must be closed by ']'"));
        };
        filter::compile(&self.s[self.pos..=end], self.nesting)?;
        self.mark("a filter ([?(…)])");
        self.pos = end + 1;
        Ok(())
    }

    /// The index of the next `c` after `start` not preceded by a backslash.
    fn closing_unescaped(&self, start: usize, c: u8) -> Option<usize> {
        let mut escaped = false;
        for (i, &b) in self.s.iter().enumerate().skip(start + 1) {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == c {
                return Some(i);
            }
        }
        None
    }
}

/// A slice `from:to[:step]` as Jayway's `ArraySliceOperation` reads it: at least one bound.
fn slice(inner: &[u8]) -> Result<(), SyntaxError> {
    if !inner.iter().all(|c| c.is_ascii_digit() || matches!(c, b'-' | b':')) {
        return Err(error("a slice holds only digits, '-' and ':'"));
    }
    let mut parts = inner.split(|&c| c == b':');
    let bound = |part: Option<&[u8]>| match part {
        None | Some([]) => Ok(None),
        Some(digits) => java_int(digits)
            .map(Some)
            .ok_or_else(|| error("a slice bound must be an integer")),
    };
    let from = bound(parts.next())?;
    let to = bound(parts.next())?;
    if from.is_none() && to.is_none() {
        return Err(error("a slice needs a start or an end"));
    }
    Ok(())
}

/// Java's `Integer.parseInt` over ASCII: an optional `-`, digits, within 32 bits.
fn java_int(b: &[u8]) -> Option<i32> {
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Java's `String.trim`: drops characters up to U+0020 at both ends.
fn java_trim(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&c| c > b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c > b' ').map_or(start, |i| i + 1);
    &b[start..end]
}

#[cfg(test)]
mod tests {
    use super::{PathRoot, path, path_root, reference_path};

    /// Reference paths from AWS's documentation and samples, and Jayway's single-node forms.
    const REFERENCE_PATHS: &[&str] = &[
        "$",
        "$.foo",
        "$.bar",
        "$.car.cdr",
        "$.a.b.c.d.e",
        "$.input",
        "$.result",
        "$.taskresult",
        "$.Payload",
        "$.Payload.body",
        "$.detail.requestParameters.bucketName",
        "$.items[0]",
        "$.items[10].name",
        "$.items[-1]",
        "$[0]",
        "$[0][1]",
        "$['a']",
        "$[\"a\"]",
        "$['a b']",
        "$.abc.['def ghi']",
        "$.['a']",
        "$['a']['b']",
        "$['a.b']",
        "$['it\\'s']",
        "$.a['b'].c[3]",
        "$.destroy-status",
        "$.error-info",
        "$.a_b",
        "$.日本",
        "$.a$b",
        "$.a@b",
        "$.a:b",
        "$.a?b",
        "$.a,b",
        "$.a*b",
        "$.1",
        "$.Execution",
        "$.guid",
        "$.lambdaresult.Payload.statusCode",
        "$.ResultSelector",
        "$.sum",
        "$.[0]",
        " $.a ",
        "$.a[ 0 ]",
        "$[ 'a' ]",
        "$.a[0]x",
        "$.a[",
        "$myVar",
        "$myVar.field",
        "$my_var.a[0]",
        "$x['a']",
        "$$.Execution.Id",
    ];

    /// Paths with several nodes or functions: valid JSONPath, never reference paths.
    const MULTI_PATHS: &[&str] = &[
        "$..a",
        "$..[0]",
        "$..*",
        "$.*",
        "$[*]",
        "$.a[*]",
        "$.a[ * ]",
        "$.a[*].b",
        "$[*][*]",
        "$.*abc",
        "$.a[0,1]",
        "$.a[0, 1, 2]",
        "$['a','b']",
        "$['a', 'b']",
        "$.a[1:3]",
        "$.a[:2]",
        "$.a[-2:]",
        "$.a[1:]",
        "$.a[1:2:3]",
        "$.a[?(@.x > 1)]",
        "$.a[?(@.x > 1 && @.y == 'z')]",
        "$.a[?(@.x == ')')]",
        "$.a[?(@.x =~ /a)b/)]",
        "$.a[ ?( @.x ) ]",
        "$.jar[?(@.a >= 5)]",
        "$.Payload[?(@.subject_status=='subject_completed')]..subject_id",
        "$[?(@.status == 'ACTIVE')].id",
        "$.store.book[?(@.price < 10)].title",
        "$.a.length()",
        "$.a.length().b",
        "$.a.sum(1, 2)",
        "$.a.max()",
        "$..book[?(@.isbn)]",
        "$.store..price",
        "$.Payload.Items[*].id.S",
        "$[*]['a']",
        "$$.Map.Item.Value[*]",
    ];

    const INVALID_PATHS: &[&str] = &[
        "",
        "a",
        "Test",
        "@.a",
        ".a",
        "$.",
        "$..",
        "$.a.",
        "$...a",
        "$.a..",
        "$ .a",
        "$. a",
        "$.a b",
        "$[",
        "$[]",
        "$.a[]",
        "$a b",
        "$[a]",
        "$['a'",
        "$['a]",
        "$['a' x]",
        "$['a',]",
        "$['a',,'b']",
        "$[0",
        "$[1 2]",
        "$[1,]",
        "$[--1]",
        "$[99999999999]",
        "$[:]",
        "$[1 :2]",
        "$[1:-]",
        "$[*x]",
        "$[?]",
        "$[?(@.a]",
        "$[?(@.a == 'x)]",
        "$[?@.a]",
        "$.a(",
        "$.a((",
        "$x y",
        // Jayway reads a bare word as a number, and `BigDecimal` refuses it.
        "$.Payload[?(@.subject_status==subject_completed)]..subject_id",
        "\u{0}",
        "€",
    ];

    #[test]
    fn reference_paths_are_paths_and_reference_paths() {
        for p in REFERENCE_PATHS {
            assert_eq!(path(p), Ok(()), "{p}");
            assert_eq!(reference_path(p, true), Ok(()), "{p}");
        }
    }

    #[test]
    fn multi_node_paths_are_paths_but_not_reference_paths() {
        for p in MULTI_PATHS {
            assert_eq!(path(p), Ok(()), "{p}");
            assert!(reference_path(p, true).is_err(), "{p}");
        }
    }

    #[test]
    fn invalid_paths_are_refused() {
        for p in INVALID_PATHS {
            assert!(path(p).is_err(), "{p:?}");
            assert!(reference_path(p, true).is_err(), "{p:?}");
        }
    }

    #[test]
    fn context_paths_follow_the_flag() {
        for p in [
            "$$",
            "$$.Execution.Id",
            "$$.Map.Item.Value",
            "$$.Task.Token",
            "$$.Execution.Input.n",
        ] {
            assert_eq!(path(p), Ok(()), "{p}");
            assert_eq!(reference_path(p, true), Ok(()), "{p}");
            assert!(reference_path(p, false).is_err(), "{p}");
        }
        assert!(reference_path("$.a", false).is_ok());
        assert!(reference_path("$var.a", false).is_ok());
    }

    #[test]
    fn roots_are_classified() {
        assert_eq!(path_root("$"), Some(PathRoot::Input));
        assert_eq!(path_root("$.a"), Some(PathRoot::Input));
        assert_eq!(path_root("$[0]"), Some(PathRoot::Input));
        assert_eq!(path_root("$$"), Some(PathRoot::Context));
        assert_eq!(path_root("$$.Task.Token"), Some(PathRoot::Context));
        assert_eq!(path_root("$x"), Some(PathRoot::Variable));
        assert_eq!(path_root("$x.y"), Some(PathRoot::Variable));
        assert_eq!(path_root("States.UUID()"), None);
        assert_eq!(path_root("a$"), None);
        assert_eq!(path_root(""), None);
    }

    /// Single-node segments as AWS's documentation and samples write them.
    const DEFINITE_SEGMENTS: &[&str] = &[
        ".a",
        ".Payload",
        ".detail",
        ".body",
        ".Items",
        ".StatusCode",
        ".s3",
        ".bucket-name",
        ".object_key",
        ".Record1",
        ".日付",
        "[0]",
        "[12]",
        "[-1]",
        "['a']",
        "['key with spaces']",
        "['dotted.key']",
        "[\"double\"]",
        ".['quoted']",
        ".[3]",
    ];

    /// Segments that select several nodes or compute: paths, never reference paths.
    const INDEFINITE_SEGMENTS: &[&str] = &[
        "..a",
        ".*",
        "[*]",
        "[0,1]",
        "['a','b']",
        "[1:3]",
        "[:2]",
        "[-1:]",
        "[?(@.price < 10)]",
        "[?(@.status == 'ACTIVE' && @.count > 0)]",
        "[?(@.tags)]",
        "[?(!@.deleted)]",
        ".length()",
    ];

    const ROOTS: &[&str] = &["$", "$$", "$myVariable"];

    #[test]
    fn combined_definite_segments_are_reference_paths() {
        let mut count = 0;
        for root in ROOTS {
            for first in DEFINITE_SEGMENTS {
                for second in DEFINITE_SEGMENTS {
                    let p = format!("{root}{first}{second}");
                    assert_eq!(path(&p), Ok(()), "{p}");
                    assert_eq!(reference_path(&p, true), Ok(()), "{p}");
                    count += 1;
                }
            }
        }
        assert_eq!(count, 3 * 20 * 20);
    }

    #[test]
    fn an_indefinite_segment_anywhere_makes_a_path_only() {
        for root in ROOTS {
            for definite in DEFINITE_SEGMENTS {
                for indefinite in INDEFINITE_SEGMENTS {
                    for p in [
                        format!("{root}{definite}{indefinite}"),
                        format!("{root}{indefinite}{definite}"),
                    ] {
                        assert_eq!(path(&p), Ok(()), "{p}");
                        assert!(reference_path(&p, true).is_err(), "{p}");
                    }
                }
            }
        }
    }

    /// Filters as Jayway's documentation writes them, and each relational operator it knows.
    #[test]
    fn jayway_filters_compile() {
        for filter in [
            "[?(@.isbn)]",
            "[?(@.price < 10)]",
            "[?(@.price <= $['expensive'])]",
            "[?(@.author =~ /.*REES/i)]",
            "[?(@.author =~ /^a\\/b$/)]",
            "[?(@.color == 'red')]",
            "[?(@.color == \"red\")]",
            "[?(@.color != 'it\\'s')]",
            "[?(@.size in ['S', 'M'])]",
            "[?(@.size nin ['S'])]",
            "[?(@.size IN ['S'])]",
            "[?(@.sizes subsetof ['S', 'M'])]",
            "[?(@.sizes anyof ['M'])]",
            "[?(@.sizes noneof ['M'])]",
            "[?(@.sizes contains 'M')]",
            "[?(@.sizes all ['M'])]",
            "[?(@.name size 4)]",
            "[?(@.tags empty false)]",
            "[?(@.name type 'string')]",
            "[?(@.name matches 'x')]",
            "[?(@.a exists true)]",
            "[?(@.a === 1)]",
            "[?(@.a !== 1)]",
            "[?(@.a >= -1.5)]",
            "[?(@.a > 1.)]",
            "[?(@.a < .5)]",
            "[?(@.a == null)]",
            "[?(@.a == true)]",
            "[?(@.a != false)]",
            "[?(@.a == {\"x\": 1})]",
            "[?(@.a in [1, 2, 3])]",
            "[?(@.a == $.b)]",
            "[?(@.a == @.b)]",
            "[?('x' == @.a)]",
            "[?(@)]",
            "[?(@.*)]",
            "[?(@['key with space'] == 1)]",
            "[?(@.a.length() > 2)]",
            "[?(@.a == 1 && @.b == 2)]",
            "[?(@.a == 1 || @.b == 2)]",
            "[?(@.a > 1 && (@.b < 2 || @.c))]",
            "[?((@.a > 1) || (@.b < 2))]",
            "[?(!@.deleted)]",
            "[?(!(@.a == 1))]",
            "[?(@.a==1&&@.b==2)]",
            "[?(@.items[?(@.ok)])]",
            "[ ?( @.a ) ]",
        ] {
            let p = format!("$.list{filter}");
            assert_eq!(path(&p), Ok(()), "{p}");
        }
    }

    /// Filters Jayway's compiler refuses.
    #[test]
    fn malformed_filters_are_refused() {
        for filter in [
            "[?()]",
            "[?( )]",
            "[?(@.a ==)]",
            "[?(@.a == abc)]",
            "[?(@.a == 1e3)]",
            "[?(@.a == tru)]",
            "[?(@.a == nul)]",
            "[?(@.a == 1 2)]",
            "[?(1)]",
            "[?('x')]",
            "[?(@.a =! 1)]",
            "[?(@.a like 'x')]",
            "[?(@.a & @.b)]",
            "[?(@.a && )]",
            "[?(@.a ||)]",
            "[?(@.a == 'x)]",
            "[?(@.a == [1, 2)]",
            "[?(@.a =~ /x)]",
            "[?(@.a[0 == 1)]",
            "[?(@..)]",
            "[?(@.a. == 1)]",
            "[?(@.a == 1))]",
            "[?((@.a == 1)]",
            "[?(@.a == --1)]",
            "[?(@.a == 1.2.3)]",
            "[?(@.items[?(@.ok ==)])]",
        ] {
            let p = format!("$.list{filter}");
            assert!(path(&p).is_err(), "{p}");
        }
    }

    #[test]
    fn megabyte_paths_are_read_in_one_pass() {
        let n = 1 << 18;
        assert_eq!(path(&format!("${}", ".a".repeat(n))), Ok(()));
        assert_eq!(reference_path(&format!("${}", "['a'][0]".repeat(n / 4)), true), Ok(()));
        assert_eq!(path(&format!("$.f{}", "()".repeat(n))), Ok(()));
        let filter = format!("$[?({}@.a == 1)]", "@.a == 1 && ".repeat(n / 16));
        assert_eq!(path(&filter), Ok(()));
        let calls = format!("$[?(@.a{} > 1)]", ".f()".repeat(n / 4));
        assert_eq!(path(&calls), Ok(()));
        // Jayway ends a filter's path operand at the first `]`, so filters nest one deep only.
        assert_eq!(path("$[?(@.a[?(@.b)])]"), Ok(()));
        assert!(path("$[?(@.a[?(@.b[?(@.c)])])]").is_err());
        let nested = format!("${}{}", "[?(@".repeat(n / 8), ")]".repeat(n / 8));
        assert!(path(&nested).is_err());
        assert!(path(&format!("$['{}", "a".repeat(n))).is_err());
    }

    #[test]
    fn refusals_explain_themselves() {
        let message = reference_path("$.a[*]", true).unwrap_err().message;
        assert!(message.contains("wildcard"), "{message}");
        let message = reference_path("$$.a", false).unwrap_err().message;
        assert!(message.contains("context"), "{message}");
        let message = path("a.b").unwrap_err().message;
        assert!(message.contains("'$'"), "{message}");
    }
}
