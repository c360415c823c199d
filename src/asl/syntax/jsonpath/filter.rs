//! A filter's body, `[?( … )]`, as Jayway's `FilterCompiler` compiles it.
//!
//! Jayway reads relational expressions (`@.price < 10`, `@.name =~ /a.*/i`, `@.tags`,
//! `!@.deleted`, `@.a in ['x']`) joined by `&&` and `||` with a stack machine, and compiles
//! each path operand (`@.a`, `$.b`) as a path of its own; what it refuses, this refuses. Two
//! things it does at compile time are not repeated here, so their failures are accepted: the
//! Java regular expression of a `/…/` literal, and the unescaping of a string literal.

use super::{SyntaxError, error, parse_nested};

/// How deep filters may nest inside filters' paths before the inner ones are taken on trust.
const MAX_NESTING: usize = 16;

/// Compiles `criteria`, the text from `[` to `]` of a filter token. `nesting` counts the filters
/// around it.
pub(super) fn compile(criteria: &[u8], nesting: usize) -> Result<(), SyntaxError> {
    if nesting >= MAX_NESTING {
        return Ok(());
    }
    let s = java_trim(criteria);
    let s = s
        .strip_prefix(b"[")
        .and_then(|s| s.strip_suffix(b"]"))
        .ok_or_else(|| error("a filter must be written [?(…)]"))?;
    let s = java_trim(s)
        .strip_prefix(b"?")
        .ok_or_else(|| error("a filter must be written [?(…)]"))?;
    let s = java_trim(s);
    if !(s.starts_with(b"(") && s.ends_with(b")")) {
        return Err(error("a filter must be written [?(…)]"));
    }
    Filter { s, pos: 0, nesting }.compile()
}

fn invalid() -> SyntaxError {
    error("a filter expression is malformed")
}

/// Java's `String.trim`: drops characters up to U+0020 at both ends.
fn java_trim(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&c| c > b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c > b' ').map_or(start, |i| i + 1);
    &b[start..end]
}

fn is_relational(c: u8) -> bool {
    matches!(c, b'<' | b'>' | b'=' | b'~' | b'!')
}

/// The operators Jayway's `RelationalOperator.fromString` knows, compared in upper case.
const OPERATORS: &[&str] = &[
    ">=", "<=", "==", "===", "!=", "!==", "<", ">", "=~", "NIN", "IN", "CONTAINS", "ALL", "SIZE", "EXISTS", "TYPE",
    "MATCHES", "EMPTY", "SUBSETOF", "ANYOF", "NONEOF",
];

/// What a value read in a filter is.
enum Operand {
    Path,
    Literal,
}

struct Filter<'a> {
    s: &'a [u8],
    pos: usize,
    nesting: usize,
}

impl Filter<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.s.get(i).copied()
    }

    fn current(&self) -> Result<u8, SyntaxError> {
        self.at(self.pos).ok_or_else(invalid)
    }

    fn skip_blanks(&mut self) {
        while self.at(self.pos) == Some(b' ') {
            self.pos += 1;
        }
    }

    fn next_significant(&self) -> Option<u8> {
        self.s[(self.pos + 1).min(self.s.len())..]
            .iter()
            .copied()
            .find(|&c| c != b' ')
    }

    /// Jayway's stack machine; only the stacks' depths matter for what it refuses.
    fn compile(&mut self) -> Result<(), SyntaxError> {
        let mut expressions = 0usize;
        let mut operators = 0usize;
        let mut open = 0i64;
        loop {
            self.skip_blanks();
            let Some(c) = self.at(self.pos) else {
                break;
            };
            let before = self.pos;
            match c {
                b'(' => {
                    open += 1;
                    self.pos += 1;
                }
                b')' => {
                    open -= 1;
                    self.pos += 1;
                    expressions = expressions.checked_sub(1).ok_or_else(invalid)?;
                    if operators > 0 {
                        expressions = expressions
                            .checked_sub(1)
                            .ok_or_else(|| error("a filter's operator has no expression on its right"))?;
                        operators -= 1;
                        while operators > 0 {
                            expressions = expressions.checked_sub(1).ok_or_else(invalid)?;
                            operators -= 1;
                        }
                    }
                    expressions += 1;
                }
                b'!' => self.pos += 1,
                b'|' | b'&' => {
                    let pair = self.s.get(self.pos..self.pos + 2);
                    if pair != Some(b"||") && pair != Some(b"&&") {
                        return Err(error("a filter's logical operator must be && or ||"));
                    }
                    self.pos += 2;
                    operators += 1;
                }
                _ => {
                    self.expression()?;
                    expressions += 1;
                }
            }
            if self.pos <= before {
                return Err(invalid());
            }
        }
        if open != 0 {
            return Err(error("a filter's parentheses are not balanced"));
        }
        expressions.checked_sub(1).map(drop).ok_or_else(invalid)
    }

    /// `value`, or `value operator value`.
    fn expression(&mut self) -> Result<(), SyntaxError> {
        let left = self.value()?;
        let c = self.current()?;
        let terminated = matches!(c, b')' | b'&' | b'|') || matches!(self.next_significant(), Some(b')' | b'&' | b'|'));
        if terminated {
            return match left {
                Operand::Path => Ok(()),
                Operand::Literal => Err(error("a filter's existence check needs a path")),
            };
        }
        self.skip_blanks();
        let begin = self.pos;
        if self.at(self.pos).is_some_and(is_relational) {
            while self.at(self.pos).is_some_and(is_relational) {
                self.pos += 1;
            }
        } else {
            while self.at(self.pos).is_some_and(|c| c != b' ') {
                self.pos += 1;
            }
        }
        let operator = String::from_utf8_lossy(&self.s[begin..self.pos]).to_uppercase();
        if !OPERATORS.contains(&operator.as_str()) {
            return Err(error("a filter's operator is not one Jayway knows"));
        }
        self.value().map(drop)
    }

    fn value(&mut self) -> Result<Operand, SyntaxError> {
        self.skip_blanks();
        match self.current()? {
            b'$' | b'@' => self.path().map(|()| Operand::Path),
            _ => self.literal().map(|()| Operand::Literal),
        }
    }

    /// A path operand: it runs to a space, a relational operator or a `)` that does not close a
    /// function call, brackets skipped; then it must compile.
    fn path(&mut self) -> Result<(), SyntaxError> {
        let begin = self.pos;
        self.pos += 1;
        // Whether a `.` follows the root: a `)` closes a call only then (Jayway looks back for it).
        let mut dotted = false;
        while let Some(mut c) = self.at(self.pos) {
            if c == b'[' {
                let close = (self.pos..self.s.len())
                    .find(|&i| self.s[i] == b']')
                    .ok_or_else(|| error("a filter's path has an unclosed '['"))?;
                dotted |= self.s[self.pos..close].contains(&b'.');
                self.pos = close + 1;
                c = self.current()?;
            }
            let closes_call = c == b')' && dotted && self.after_open_parenthesis();
            if is_relational(c) || c == b' ' || (c == b')' && !closes_call) {
                break;
            }
            dotted |= c == b'.';
            self.pos += 1;
        }
        parse_nested(&self.s[begin..self.pos], self.nesting + 1)
    }

    /// Whether the last character before the cursor, spaces aside, is `(`.
    fn after_open_parenthesis(&self) -> bool {
        self.s[..self.pos].iter().rev().find(|&&c| c != b' ') == Some(&b'(')
    }

    fn literal(&mut self) -> Result<(), SyntaxError> {
        match self.current()? {
            quote @ (b'\'' | b'"') => {
                let close = self
                    .closing_unescaped(quote)
                    .ok_or_else(|| error("a string in a filter is not closed"))?;
                self.pos = close + 1;
            }
            b't' => self.word(b"true")?,
            b'f' => self.word(b"false")?,
            b'n' => self.word(b"null")?,
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                let end = self
                    .matching(open, close)
                    .ok_or_else(|| error("a JSON literal in a filter is not closed"))?;
                self.pos = end + 1;
            }
            b'/' => {
                let mut close = self
                    .closing_unescaped(b'/')
                    .ok_or_else(|| error("a regular expression in a filter is not closed"))?;
                if self.at(close + 1) == Some(b'i') {
                    close += 1;
                }
                self.pos = close + 1;
            }
            _ => self.number()?,
        }
        Ok(())
    }

    fn word(&mut self, w: &[u8]) -> Result<(), SyntaxError> {
        if self.s[self.pos..].starts_with(w) {
            self.pos += w.len();
            Ok(())
        } else {
            Err(error("a filter's literal is not true, false or null"))
        }
    }

    /// Digits, `-` and `.` as Jayway reads a number, then Java's `BigDecimal` over them.
    fn number(&mut self) -> Result<(), SyntaxError> {
        let begin = self.pos;
        while self
            .at(self.pos)
            .is_some_and(|c| c.is_ascii_digit() || c == b'-' || c == b'.')
        {
            self.pos += 1;
        }
        let digits = &self.s[begin..self.pos];
        let unsigned = digits.strip_prefix(b"-").unwrap_or(digits);
        let (int, frac) = match unsigned.iter().position(|&c| c == b'.') {
            Some(dot) => (&unsigned[..dot], Some(&unsigned[dot + 1..])),
            None => (unsigned, None),
        };
        let all_digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
        let valid =
            all_digits(int) && frac.is_none_or(all_digits) && !(int.is_empty() && frac.is_none_or(<[u8]>::is_empty));
        if valid {
            Ok(())
        } else {
            Err(error(
                "a filter's value is not a number, string, boolean, null, JSON, regex or path",
            ))
        }
    }

    /// Jayway's `nextIndexOfUnescaped`: the next `c` after the cursor not after a single `\`.
    fn closing_unescaped(&self, c: u8) -> Option<usize> {
        (self.pos + 1..self.s.len()).find(|&i| {
            let prev1 = i.checked_sub(1).map(|j| self.s[j]);
            let prev2 = i.checked_sub(2).map(|j| self.s[j]);
            let escaped = prev1 == Some(b'\\') && prev2 != Some(b'\\');
            self.s[i] == c && !escaped
        })
    }

    /// Jayway's `indexOfMatchingCloseChar` for a JSON literal: strings in single quotes skipped.
    fn matching(&self, open: u8, close: u8) -> Option<usize> {
        let mut depth = 1usize;
        let mut i = self.pos + 1;
        while i < self.s.len() {
            if self.s[i] == b'\'' {
                let mut escaped = false;
                i += 1;
                while i < self.s.len() {
                    let c = self.s[i];
                    i += 1;
                    if escaped {
                        escaped = false;
                    } else if c == b'\\' {
                        escaped = true;
                    } else if c == b'\'' {
                        break;
                    }
                }
                continue;
            }
            if self.s[i] == open {
                depth += 1;
            } else if self.s[i] == close {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            i += 1;
        }
        None
    }
}
