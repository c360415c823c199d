//! The JSONata tokenizer, after jsonata-js's `tokenizer` (JSONata 2.x).

use super::error::{JError, Value};

/// A token. Operators are the symbols of the operator table; `and`, `or` and `in` are operators
/// that may also stand as names.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
    Op(&'static str),
    Name(String),
    /// `$name`, without the `$` (`$` alone is the empty name, `$$` the name `$`).
    Variable(String),
    Str(String),
    Num(f64),
    True,
    False,
    Null,
    Regex,
}

impl Token {
    /// The token's value as jsonata-js's error messages print it.
    pub(super) fn value(&self) -> Value {
        match self {
            Token::Op(op) => Value::Str((*op).to_owned()),
            Token::Name(s) | Token::Variable(s) | Token::Str(s) => Value::Str(s.clone()),
            Token::Num(n) => Value::Num(*n),
            Token::True => Value::Bool(true),
            Token::False => Value::Bool(false),
            Token::Null => Value::Null,
            Token::Regex => Value::Regex,
        }
    }
}

/// Characters that end a name: jsonata-js's one-character operators.
const SINGLE: &[(u8, &str)] = &[
    (b'.', "."),
    (b'[', "["),
    (b']', "]"),
    (b'{', "{"),
    (b'}', "}"),
    (b'(', "("),
    (b')', ")"),
    (b',', ","),
    (b'@', "@"),
    (b'#', "#"),
    (b';', ";"),
    (b':', ":"),
    (b'?', "?"),
    (b'+', "+"),
    (b'-', "-"),
    (b'*', "*"),
    (b'/', "/"),
    (b'%', "%"),
    (b'|', "|"),
    (b'=', "="),
    (b'<', "<"),
    (b'>', ">"),
    (b'^', "^"),
    (b'&', "&"),
    (b'!', "!"),
    (b'~', "~"),
];

/// Two-character operators, in the order the tokenizer tries them. `?:` and `??` are JSONata
/// 2.1's; AWS documents 2.0.6, which refuses both, so reading them only widens what is accepted.
const DOUBLE: &[&str] = &["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];

fn single(c: u8) -> Option<&'static str> {
    SINGLE.iter().find(|(b, _)| *b == c).map(|(_, op)| *op)
}

/// JavaScript's whitespace in the tokenizer: space, tab, LF, CR and VT.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b)
}

pub(super) struct Lexer<'s> {
    src: &'s str,
    pos: usize,
}

impl<'s> Lexer<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        Lexer { src, pos: 0 }
    }

    fn bytes(&self) -> &'s [u8] {
        self.src.as_bytes()
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.bytes().get(i).copied()
    }

    /// The next token, `None` at the end. After an operand (`infix`), `/` divides; elsewhere it
    /// opens a regular expression.
    pub(super) fn next(&mut self, infix: bool) -> Result<Option<Token>, JError> {
        loop {
            while self.at(self.pos).is_some_and(is_space) {
                self.pos += 1;
            }
            if self.at(self.pos) == Some(b'/') && self.at(self.pos + 1) == Some(b'*') {
                let start = self.pos + 2;
                match self.src[start..].find("*/") {
                    Some(end) => self.pos = start + end + 2,
                    None => return Err(JError::S0106),
                }
                continue;
            }
            break;
        }
        let Some(c) = self.at(self.pos) else {
            return Ok(None);
        };
        if !infix && c == b'/' {
            self.pos += 1;
            return self.regex().map(Some);
        }
        let rest = &self.bytes()[self.pos..];
        if let Some(op) = DOUBLE.iter().find(|op| rest.starts_with(op.as_bytes())) {
            self.pos += 2;
            return Ok(Some(Token::Op(op)));
        }
        if let Some(op) = single(c) {
            self.pos += 1;
            return Ok(Some(Token::Op(op)));
        }
        if c == b'"' || c == b'\'' {
            return self.string(c).map(Some);
        }
        if c.is_ascii_digit() {
            return self.number().map(Some);
        }
        if c == b'`' {
            let start = self.pos + 1;
            return match self.src[start..].find('`') {
                Some(len) => {
                    self.pos = start + len + 1;
                    Ok(Some(Token::Name(self.src[start..start + len].to_owned())))
                }
                None => Err(JError::S0105),
            };
        }
        let start = self.pos;
        let mut end = start;
        while let Some(b) = self.at(end) {
            if is_space(b) || single(b).is_some() {
                break;
            }
            end += 1;
        }
        self.pos = end;
        let name = &self.src[start..end];
        Ok(Some(if let Some(variable) = name.strip_prefix('$') {
            Token::Variable(variable.to_owned())
        } else {
            match name {
                "or" => Token::Op("or"),
                "in" => Token::Op("in"),
                "and" => Token::Op("and"),
                "true" => Token::True,
                "false" => Token::False,
                "null" => Token::Null,
                _ => Token::Name(name.to_owned()),
            }
        }))
    }

    /// A regular expression after its opening `/`: up to an unescaped `/` outside brackets,
    /// then the flags `i` and `m`. The pattern itself is not compiled.
    fn regex(&mut self) -> Result<Token, JError> {
        let start = self.pos;
        let mut depth = 0i64;
        while let Some(c) = self.at(self.pos) {
            if c == b'/' && depth == 0 {
                let backslashes = self.bytes()[..self.pos]
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\\')
                    .count();
                if backslashes % 2 == 0 {
                    if self.pos == start {
                        return Err(JError::S0301);
                    }
                    self.pos += 1;
                    while matches!(self.at(self.pos), Some(b'i' | b'm')) {
                        self.pos += 1;
                    }
                    return Ok(Token::Regex);
                }
            }
            let escaped = self.pos > 0 && self.at(self.pos - 1) == Some(b'\\');
            match c {
                b'(' | b'[' | b'{' if !escaped => depth += 1,
                b')' | b']' | b'}' if !escaped => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
        Err(JError::S0302)
    }

    /// A string literal opened by `quote`, with JSON's escapes.
    fn string(&mut self, quote: u8) -> Result<Token, JError> {
        self.pos += 1;
        let mut out = String::new();
        let mut units: Vec<u16> = Vec::new();
        let mut plain = self.pos;
        while let Some(c) = self.at(self.pos) {
            if c == quote {
                flush_units(&mut units, &mut out);
                out.push_str(&self.src[plain..self.pos]);
                self.pos += 1;
                return Ok(Token::Str(out));
            }
            if c != b'\\' {
                if !units.is_empty() {
                    flush_units(&mut units, &mut out);
                }
                self.pos += 1;
                continue;
            }
            out.push_str(&self.src[plain..self.pos]);
            self.pos += 1;
            let escaped = match self.at(self.pos) {
                Some(b'"') => Some('"'),
                Some(b'\\') => Some('\\'),
                Some(b'/') => Some('/'),
                Some(b'b') => Some('\u{8}'),
                Some(b'f') => Some('\u{c}'),
                Some(b'n') => Some('\n'),
                Some(b'r') => Some('\r'),
                Some(b't') => Some('\t'),
                _ => None,
            };
            if let Some(e) = escaped {
                flush_units(&mut units, &mut out);
                out.push(e);
                self.pos += 1;
            } else if self.at(self.pos) == Some(b'u') {
                let hex = &self.bytes()[self.pos + 1..(self.pos + 5).min(self.bytes().len())];
                if hex.is_empty() || !hex.iter().all(u8::is_ascii_hexdigit) {
                    return Err(JError::S0104);
                }
                let unit = hex
                    .iter()
                    .fold(0u16, |n, h| n * 16 + (*h as char).to_digit(16).map_or(0, |d| d as u16));
                units.push(unit);
                // jsonata-js steps four characters on, even past a short end of input.
                self.pos += 5;
                if self.pos > self.bytes().len() {
                    return Err(JError::S0101);
                }
            } else {
                let token = self.src[self.pos..]
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default();
                return Err(JError::S0103(token));
            }
            plain = self.pos;
        }
        Err(JError::S0101)
    }

    /// A number: `(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?`, finite.
    fn number(&mut self) -> Result<Token, JError> {
        let b = self.bytes();
        let start = self.pos;
        let digits = |i: usize| (i..b.len()).take_while(|&j| b[j].is_ascii_digit()).count();
        let mut end = start + if b[start] == b'0' { 1 } else { digits(start) };
        if b.get(end) == Some(&b'.') && digits(end + 1) > 0 {
            end += 1 + digits(end + 1);
        }
        if matches!(b.get(end), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
            let exponent = digits(end + 1 + sign);
            if exponent > 0 {
                end += 1 + sign + exponent;
            }
        }
        let text = &self.src[start..end];
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => {
                self.pos = end;
                Ok(Token::Num(n))
            }
            _ => Err(JError::S0102(text.to_owned())),
        }
    }
}

/// Appends UTF-16 code units from `\u` escapes as text, pairing surrogates.
fn flush_units(units: &mut Vec<u16>, out: &mut String) {
    out.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or('\u{fffd}')));
}
