//! Jackson's reading, character by character: which text it refuses, with its message and
//! position. [`parse`](super::parse) runs this reader only when the byte-level one in
//! [`fast`](super::fast) did not accept the text, and gets its error (or, should the fast reader
//! have declined a text Jackson accepts, its tree).

use std::fmt::Write as _;

use super::tree::{Builder, Document, Node, Span, push_unit, simple_escape};
use super::{MAX_DEPTH, MAX_NUMBER_LENGTH, ParseError, Result};

/// `ContentReference.DEFAULT_MAX_CONTENT_SNIPPET`: UTF-16 units of input quoted in a location.
const MAX_SNIPPET: usize = 500;
/// `JsonFactory.createParser(String)` reads longer strings through a `StringReader`.
const MAX_STRING_SOURCE: usize = 0x8000;
/// `ErrorReportConfiguration.DEFAULT_MAX_ERROR_TOKEN_LENGTH`: units of an unrecognized token.
const MAX_ERROR_TOKEN: usize = 256;
/// What Jackson says it expected where a value should start.
const VALID_VALUES: &str = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/// Reads `text` as Jackson does: its first value, `None` when it holds none, or Jackson's error.
pub(super) fn parse(text: &str) -> Result<Option<Document<'_>>> {
    Parser::new(text).document()
}

/// Where a container starts: its line, and the byte offsets of that line and of the byte
/// after its `[` or `{` (the column is counted only when an error needs it).
#[derive(Clone, Copy, Debug)]
struct Mark {
    row: usize,
    row_start: usize,
    after: usize,
}

/// A container being read: where it starts, and where its elements or members begin on the
/// builder's stack.
enum Frame {
    Array { first: usize, start: Mark },
    Object { first: usize, start: Mark },
}

impl Frame {
    fn start(&self) -> Mark {
        match self {
            Frame::Array { start, .. } | Frame::Object { start, .. } => *start,
        }
    }

    fn first(&self) -> usize {
        match self {
            Frame::Array { first, .. } | Frame::Object { first, .. } => *first,
        }
    }

    fn type_desc(&self) -> &'static str {
        match self {
            Frame::Array { .. } => "Array",
            Frame::Object { .. } => "Object",
        }
    }
}

/// What a value's first character started.
enum Start {
    Scalar(Node),
    Array,
    Object,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read: Jackson's `_inputPtr`.
    pos: usize,
    /// 1-based line of `pos`.
    row: usize,
    /// Byte offset where the line of `pos` starts.
    row_start: usize,
    tree: Builder<'a>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            row: 1,
            row_start: 0,
            tree: Builder::new(text),
        }
    }

    fn document(mut self) -> Result<Option<Document<'a>>> {
        let mut stack: Vec<Frame> = Vec::new();
        let Some((ch, start)) = self.skip_ws_or_end()? else {
            return Ok(None);
        };
        if ch == u32::from(b']') || ch == u32::from(b'}') {
            return Err(self.mismatched_close(ch, &stack));
        }
        let mut value = match self.value(ch, start, &stack)? {
            Start::Scalar(v) => Some(v),
            open => self.open(open, &mut stack)?,
        };
        loop {
            // `value` is a finished value, or `None` while a container is open at the top.
            if let Some(done) = value.take() {
                self.tree.push(done);
                if stack.is_empty() {
                    return Ok(Some(self.tree.finish()));
                }
            }
            let Some((mut ch, mut start)) = self.skip_ws_or_end()? else {
                return Err(self.eof_in_container(&stack));
            };
            if ch == u32::from(b']') || ch == u32::from(b'}') {
                self.close(ch, &mut stack)?;
                if stack.is_empty() {
                    return Ok(Some(self.tree.finish()));
                }
                continue;
            }
            let Some(frame) = stack.last() else {
                unreachable!("a container is open");
            };
            if !self.tree.is_empty_since(frame.first()) {
                if ch != u32::from(b',') {
                    let what = format!("was expecting comma to separate {} entries", frame.type_desc());
                    return Err(self.unexpected_char_after(ch, start, &what));
                }
                (ch, start) = self.skip_after_comma(&stack)?;
            }
            if let Some(Frame::Object { .. }) = stack.last() {
                let key = if ch == u32::from(b'"') {
                    self.string(true)?
                } else {
                    return Err(self.unexpected_char_after(
                        ch,
                        start,
                        "was expecting double-quote to start field name",
                    ));
                };
                (ch, start) = self.skip_colon()?;
                self.tree.push(key);
            }
            value = match self.value(ch, start, &stack)? {
                Start::Scalar(v) => Some(v),
                open => self.open(open, &mut stack)?,
            };
        }
    }

    /// Opens the container `open` started; `None`: its members come next.
    fn open(&mut self, open: Start, stack: &mut Vec<Frame>) -> Result<Option<Node>> {
        let start = Mark {
            row: self.row,
            row_start: self.row_start,
            after: self.pos,
        };
        let first = self.tree.mark();
        let frame = match open {
            Start::Array => Frame::Array { first, start },
            Start::Object => Frame::Object { first, start },
            Start::Scalar(v) => return Ok(Some(v)),
        };
        stack.push(frame);
        if stack.len() > MAX_DEPTH {
            return Err(ParseError {
                detail: format!(
                    "Depth ({}) exceeds the maximum allowed nesting depth ({MAX_DEPTH})",
                    stack.len()
                ),
                location: None,
            });
        }
        Ok(None)
    }

    /// `]` or `}` closes the innermost container: the builder holds it as the value just read.
    fn close(&mut self, ch: u32, stack: &mut Vec<Frame>) -> Result<()> {
        let matches = match stack.last() {
            Some(Frame::Array { .. }) => ch == u32::from(b']'),
            Some(Frame::Object { .. }) => ch == u32::from(b'}'),
            None => false,
        };
        if !matches {
            return Err(self.mismatched_close(ch, stack));
        }
        match stack.pop() {
            Some(Frame::Array { first, .. }) => self.tree.close_array(first),
            Some(Frame::Object { first, .. }) => self.tree.close_object(first),
            None => unreachable!("checked above"),
        }
        Ok(())
    }

    /// The value whose first character, `ch` at `start`, was just read.
    fn value(&mut self, ch: u32, start: usize, stack: &[Frame]) -> Result<Start> {
        let in_root = stack.is_empty();
        let Ok(byte) = u8::try_from(ch) else {
            return Err(self.odd_value(ch, start));
        };
        match byte {
            b'"' => Ok(Start::Scalar(self.string(false)?)),
            b'[' => Ok(Start::Array),
            b'{' => Ok(Start::Object),
            b'-' => self.signed_number(start, in_root).map(Start::Scalar),
            b'0'..=b'9' => self.unsigned_number(start, in_root).map(Start::Scalar),
            b't' => {
                self.match_token("true", 1)?;
                Ok(Start::Scalar(Node::Bool(true)))
            }
            b'f' => {
                self.match_token("false", 1)?;
                Ok(Start::Scalar(Node::Bool(false)))
            }
            b'n' => {
                self.match_token("null", 1)?;
                Ok(Start::Scalar(Node::Null))
            }
            b'}' => Err(self.unexpected_char_after(ch, start, "expected a value")),
            _ => Err(self.odd_value(ch, start)),
        }
    }

    /// `_handleOddValue`: a character no value starts with.
    fn odd_value(&mut self, ch: u32, start: usize) -> ParseError {
        match ch {
            0x2B /* + */ => {
                let Some((next, _)) = self.read_char() else {
                    return self.invalid_eof(" in a Number value");
                };
                return self.invalid_number_start(next, false, true);
            }
            0x49 /* I */ => {
                if let Err(e) = self.match_token("Infinity", 1) {
                    return e;
                }
                return self.error(
                    "Non-standard token 'Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow".to_owned(),
                );
            }
            0x4E /* N */ => {
                if let Err(e) = self.match_token("NaN", 1) {
                    return e;
                }
                return self.error(
                    "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow".to_owned(),
                );
            }
            _ => {}
        }
        if is_java_identifier_start(ch) {
            let first = char::from_u32(ch).map(String::from).unwrap_or_default();
            return self.invalid_token(first);
        }
        self.unexpected_char_after(ch, start, &format!("expected a valid value {VALID_VALUES}"))
    }

    /// `_matchToken`: the rest of `word` from its `i`-th character, then no identifier part.
    fn match_token(&mut self, word: &str, i: usize) -> Result<()> {
        for (k, expected) in word.bytes().enumerate().skip(i) {
            if self.bytes.get(self.pos) != Some(&expected) {
                return Err(self.invalid_token(word[..k].to_owned()));
            }
            self.pos += 1;
        }
        if let Some((ch, _)) = self.peek_char()
            && ch >= u32::from(b'0')
            && ch != u32::from(b']')
            && ch != u32::from(b'}')
            && is_java_identifier_part(ch)
        {
            return Err(self.invalid_token(word.to_owned()));
        }
        Ok(())
    }

    /// `_reportInvalidToken`: the token read so far, and the identifier characters after it.
    fn invalid_token(&mut self, mut token: String) -> ParseError {
        let mut units: usize = token.encode_utf16().count();
        while let Some((ch, len)) = self.peek_char() {
            if !is_java_identifier_part(ch) {
                break;
            }
            self.pos += len;
            token.push(char::from_u32(ch).unwrap_or(char::REPLACEMENT_CHARACTER));
            units += 1;
            if units >= MAX_ERROR_TOKEN {
                token.push_str("...");
                break;
            }
        }
        self.error(format!("Unrecognized token '{token}': was expecting {VALID_VALUES}"))
    }

    /// A string after its opening quote: a member name (`name`) or a value.
    fn string(&mut self, name: bool) -> Result<Node> {
        let mut out: Option<String> = None;
        // A high surrogate from a `\u` escape, waiting for its low half.
        let mut high: Option<u32> = None;
        loop {
            let run = self.pos;
            let special = self.bytes[run..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .map(|offset| run + offset);
            let end = special.unwrap_or(self.bytes.len());
            if out.is_none() && special.is_some_and(|at| self.bytes[at] == b'"') {
                self.pos = end + 1;
                return Ok(Node::String(Span::new(run, end)));
            }
            let buffer = out.get_or_insert_with(|| String::with_capacity(end - run + 16));
            if end > run {
                if high.take().is_some() {
                    buffer.push(char::REPLACEMENT_CHARACTER);
                }
                buffer.push_str(&self.text[run..end]);
            }
            self.pos = end;
            let Some(at) = special else {
                return Err(self.invalid_eof(if name {
                    " in field name"
                } else {
                    ": was expecting closing quote for a string value"
                }));
            };
            self.pos = at + 1;
            match self.bytes[at] {
                b'"' => {
                    let mut buffer = out.unwrap_or_default();
                    if high.is_some() {
                        buffer.push(char::REPLACEMENT_CHARACTER);
                    }
                    let start = self.tree.unescaped_buffer().len();
                    self.tree.unescaped_buffer().push_str(&buffer);
                    return Ok(self.tree.unescaped(start));
                }
                b'\\' => {
                    let unit = self.escape()?;
                    let buffer = out.get_or_insert_with(String::new);
                    push_unit(buffer, &mut high, unit);
                }
                control => {
                    let context = if name { "name" } else { "string value" };
                    return Err(self.error(format!(
                        "Illegal unquoted character ({}): has to be escaped using backslash to be included in {context}",
                        char_desc(u32::from(control))
                    )));
                }
            }
        }
    }

    /// `_decodeEscaped`, after a backslash: the UTF-16 unit the escape stands for.
    fn escape(&mut self) -> Result<u32> {
        let Some((ch, _)) = self.read_char() else {
            return Err(self.invalid_eof(" in character escape sequence"));
        };
        let letter = u8::try_from(ch).unwrap_or(0);
        let unit = match simple_escape(letter) {
            Some(unit) => unit,
            None if letter == b'u' => {
                let mut value = 0;
                for _ in 0..4 {
                    let Some((digit, digit_start)) = self.read_char() else {
                        return Err(self.invalid_eof(" in character escape sequence"));
                    };
                    let Some(hex) = char::from_u32(digit).and_then(|c| c.to_digit(16)) else {
                        return Err(self.unexpected_char_after(
                            digit,
                            digit_start,
                            "expected a hex-digit for character escape sequence",
                        ));
                    };
                    value = (value << 4) | hex;
                }
                value
            }
            None => {
                return Err(self.error(format!("Unrecognized character escape {}", char_desc(ch))));
            }
        };
        Ok(unit)
    }

    /// `_parseUnsignedNumber`: a number whose first digit is at `start`.
    fn unsigned_number(&mut self, start: usize, in_root: bool) -> Result<Node> {
        if self.bytes[start] == b'0' {
            return self.number_slow(false, start, in_root);
        }
        self.number_fast(false, start, start + 1, in_root)
    }

    /// `_parseSignedNumber(true)`: a number whose `-` is at `start`.
    fn signed_number(&mut self, start: usize, in_root: bool) -> Result<Node> {
        let ptr = start + 1;
        let Some(&first) = self.bytes.get(ptr) else {
            return self.number_slow(true, start, in_root);
        };
        if first.is_ascii_digit() {
            if first == b'0' {
                return self.number_slow(true, start, in_root);
            }
            return self.number_fast(true, start, ptr + 1, in_root);
        }
        let (ch, len) = java_char(self.text, ptr);
        self.pos = ptr + len;
        if ch == u32::from(b'.') {
            return Err(self.unexpected_char_after(ch, ptr, &format!("expected a valid value {VALID_VALUES}")));
        }
        Err(self.invalid_number_start(ch, true, true))
    }

    /// The fast path of Jackson's number reading, from the digit after the first at `ptr`. It
    /// falls back to the slow path when the number reaches the end of the input.
    fn number_fast(&mut self, neg: bool, start: usize, ptr: usize, in_root: bool) -> Result<Node> {
        // The digits from `at`: how many, the byte after them and where it ends; `None` at the
        // end of the input.
        let bytes = self.bytes;
        let digits = |at: usize| -> Option<(usize, u8, usize)> {
            let count = bytes.get(at..)?.iter().take_while(|b| b.is_ascii_digit()).count();
            bytes.get(at + count).map(|&stop| (count, stop, at + count + 1))
        };
        let Some((more, mut ch, mut ptr)) = digits(ptr) else {
            return self.number_slow(neg, start, in_root);
        };
        let int_len = 1 + more;
        if ch != b'.' && (ch | 0x20) != b'e' {
            return self.number_end(start, ptr - 1, in_root, int_len, 0, 0, false);
        }
        // `_parseFloat`: Jackson's pointer stays just after the `.` or `e`.
        self.pos = ptr;
        let mut fract_len = 0;
        if ch == b'.' {
            let Some(found) = digits(ptr) else {
                return self.number_slow(neg, start, in_root);
            };
            (fract_len, ch, ptr) = found;
            if fract_len == 0 {
                let (unit, _) = java_char(self.text, ptr - 1);
                return Err(self.unexpected_number_char(unit, "Decimal point not followed by a digit"));
            }
        }
        let mut exp_len = 0;
        if (ch | 0x20) == b'e' {
            let Some(&sign) = bytes.get(ptr) else {
                return self.number_slow(neg, start, in_root);
            };
            let from = if sign == b'-' || sign == b'+' { ptr + 1 } else { ptr };
            let Some(found) = digits(from) else {
                return self.number_slow(neg, start, in_root);
            };
            (exp_len, _, ptr) = found;
            if exp_len == 0 {
                let (unit, _) = java_char(self.text, ptr - 1);
                return Err(self.unexpected_number_char(unit, "Exponent indicator not followed by a digit"));
            }
        }
        self.number_end(start, ptr - 1, in_root, int_len, fract_len, exp_len, true)
    }

    /// The number ends before byte `end`: the reader stops there, a root-level number must be
    /// followed by white space, and the token is made.
    #[allow(clippy::too_many_arguments)]
    fn number_end(
        &mut self,
        start: usize,
        end: usize,
        in_root: bool,
        int_len: usize,
        fract_len: usize,
        exp_len: usize,
        float: bool,
    ) -> Result<Node> {
        self.pos = end;
        if in_root {
            self.verify_root_space(end)?;
        }
        self.number(start, end, int_len, fract_len, exp_len, float)
    }

    /// `_parseNumber2`: Jackson's character-by-character number reading.
    fn number_slow(&mut self, neg: bool, start: usize, in_root: bool) -> Result<Node> {
        self.pos = if neg { start + 1 } else { start };
        let Some((mut c, _)) = self.read_char() else {
            return Err(self.invalid_eof("No digit following sign"));
        };
        if c == u32::from(b'0') {
            // `_verifyNoLeadingZeroes`.
            if self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                return Err(self.error("Invalid numeric value: Leading zeroes not allowed".to_owned()));
            }
        }
        let digit = |c: u32| (u32::from(b'0')..=u32::from(b'9')).contains(&c);
        let mut int_len = 0;
        let mut eof = false;
        while digit(c) {
            int_len += 1;
            match self.read_char() {
                Some((next, _)) => c = next,
                None => {
                    c = 0;
                    eof = true;
                    break;
                }
            }
        }
        if int_len == 0 {
            return Err(self.invalid_number_start(c, neg, false));
        }
        let mut fract_len = None;
        if c == u32::from(b'.') {
            let mut len = 0;
            loop {
                let Some((next, _)) = self.read_char() else {
                    eof = true;
                    break;
                };
                c = next;
                if !digit(c) {
                    break;
                }
                len += 1;
            }
            if len == 0 {
                return Err(self.unexpected_number_char(c, "Decimal point not followed by a digit"));
            }
            fract_len = Some(len);
        }
        let mut exp_len = None;
        if !eof && (c | 0x20) == u32::from(b'e') {
            let eof_message = "expected a digit for number exponent";
            let Some((next, _)) = self.read_char() else {
                return Err(self.invalid_eof(eof_message));
            };
            c = next;
            if c == u32::from(b'-') || c == u32::from(b'+') {
                let Some((next, _)) = self.read_char() else {
                    return Err(self.invalid_eof(eof_message));
                };
                c = next;
            }
            let mut len = 0;
            while digit(c) {
                len += 1;
                match self.read_char() {
                    Some((next, _)) => c = next,
                    None => {
                        eof = true;
                        break;
                    }
                }
            }
            if len == 0 {
                return Err(self.unexpected_number_char(c, "Exponent indicator not followed by a digit"));
            }
            exp_len = Some(len);
        }
        let (fract_len, exp_len, float) = (
            fract_len.unwrap_or(0),
            exp_len.unwrap_or(0),
            fract_len.is_some() || exp_len.is_some(),
        );
        if eof {
            return self.number(start, self.bytes.len(), int_len, fract_len, exp_len, float);
        }
        // The character after the number is read again as the next token.
        let end = self.pos - char_len_at(self.bytes, self.pos);
        self.number_end(start, end, in_root, int_len, fract_len, exp_len, float)
    }

    /// `resetInt` / `resetFloat`: the number token, within the length constraint.
    fn number(
        &self,
        start: usize,
        end: usize,
        int_len: usize,
        fract_len: usize,
        exp_len: usize,
        float: bool,
    ) -> Result<Node> {
        let len = if float { int_len + fract_len + exp_len } else { int_len };
        if len > MAX_NUMBER_LENGTH {
            return Err(ParseError {
                detail: format!("Number length ({len}) exceeds the maximum length ({MAX_NUMBER_LENGTH})"),
                location: None,
            });
        }
        Ok(Node::Number(Span::new(start, end)))
    }

    /// `_verifyRootSpace`: a root-level number must be followed by white space (or the end).
    fn verify_root_space(&mut self, at: usize) -> Result<()> {
        let Some((ch, len)) = self.peek_char() else {
            return Ok(());
        };
        match u8::try_from(ch).unwrap_or(0) {
            b' ' | b'\t' => self.pos += len,
            b'\n' => {
                self.pos += len;
                self.row += 1;
                self.row_start = self.pos;
            }
            b'\r' => {}
            _ => {
                self.pos += len;
                return Err(self.unexpected_char_after(ch, at, "Expected space separating root-level values"));
            }
        }
        Ok(())
    }

    /// `_handleInvalidNumberStart`: `ch` (at `at`, already read) where a digit should be.
    fn invalid_number_start(&mut self, mut ch: u32, negative: bool, has_sign: bool) -> ParseError {
        if ch == u32::from(b'I') {
            let Some((next, _)) = self.read_char() else {
                return self.invalid_eof(" in a Number value");
            };
            ch = next;
            let sign = if negative { "-" } else { "+" };
            let word = match u8::try_from(ch).unwrap_or(0) {
                b'N' => Some(format!("{sign}INF")),
                b'n' => Some(format!("{sign}Infinity")),
                _ => None,
            };
            if let Some(word) = word {
                if let Err(e) = self.match_token(&word, 3) {
                    return e;
                }
                return self.error(format!(
                    "Non-standard token '{word}': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
                ));
            }
        }
        if has_sign && !negative {
            return self.unexpected_number_char(
                u32::from(b'+'),
                "JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow",
            );
        }
        let message = if negative {
            "expected digit (0-9) to follow minus sign, for valid numeric value"
        } else {
            "expected digit (0-9) for valid numeric value"
        };
        self.unexpected_number_char(ch, message)
    }

    /// `_skipWSOrEnd`: the next character that is not white space, read; `None` at the end.
    fn skip_ws_or_end(&mut self) -> Result<Option<(u32, usize)>> {
        loop {
            // The common case first: spaces and tabs.
            while let Some(b' ' | b'\t') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            let start = self.pos;
            let Some((ch, _)) = self.read_char() else {
                return Ok(None);
            };
            if ch > 0x20 {
                if ch == u32::from(b'/') {
                    return Err(self.comment());
                }
                return Ok(Some((ch, start)));
            }
            self.white_space(ch)?;
        }
    }

    /// After a comma: the next character that is not white space.
    fn skip_after_comma(&mut self, stack: &[Frame]) -> Result<(u32, usize)> {
        match self.skip_ws_or_end()? {
            Some(found) => Ok(found),
            None => {
                let what = stack.last().map_or("root", Frame::type_desc);
                Err(self.error(format!("Unexpected end-of-input within/between {what} entries")))
            }
        }
    }

    /// `_skipColon`: the colon after a member name, then the first character of the value.
    fn skip_colon(&mut self) -> Result<(u32, usize)> {
        let mut got_colon = false;
        loop {
            let start = self.pos;
            let Some((ch, _)) = self.read_char() else {
                return Err(self.invalid_eof(" within/between Object entries"));
            };
            if ch > 0x20 {
                if ch == u32::from(b'/') {
                    return Err(self.comment());
                }
                if got_colon {
                    return Ok((ch, start));
                }
                if ch != u32::from(b':') {
                    return Err(self.unexpected_char_after(
                        ch,
                        start,
                        "was expecting a colon to separate field name and value",
                    ));
                }
                got_colon = true;
            } else {
                self.white_space(ch)?;
            }
        }
    }

    /// A character at or below the space, just read between tokens.
    fn white_space(&mut self, ch: u32) -> Result<()> {
        match ch {
            0x20 | 0x09 => Ok(()),
            0x0A => {
                self.row += 1;
                self.row_start = self.pos;
                Ok(())
            }
            0x0D => {
                if self.bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.row += 1;
                self.row_start = self.pos;
                Ok(())
            }
            _ => Err(self.error(format!(
                "Illegal character ({}): only regular white space (\\r, \\n, \\t) is allowed between tokens",
                char_desc(ch)
            ))),
        }
    }

    /// `_skipComment` with comments disabled.
    fn comment(&mut self) -> ParseError {
        self.error(format!(
            "Unexpected character ({}): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
            char_desc(u32::from(b'/'))
        ))
    }

    /// The end of the input inside a container.
    fn eof_in_container(&mut self, stack: &[Frame]) -> ParseError {
        let Some(frame) = stack.last() else {
            return self.invalid_eof("");
        };
        let marker = frame.type_desc();
        let at = self.start_location(frame.start());
        self.invalid_eof(&format!(": expected close marker for {marker} (start marker at {at})"))
    }

    /// `_reportMismatchedEndMarker`.
    fn mismatched_close(&mut self, ch: u32, stack: &[Frame]) -> ParseError {
        let (expected, desc, at) = match stack.last() {
            None => (
                if ch == u32::from(b']') { '}' } else { ']' },
                "root",
                // Jackson's root context starts at line 1, column 0.
                self.location(1, 0),
            ),
            Some(frame @ Frame::Array { .. }) => (']', "Array", self.start_location(frame.start())),
            Some(frame @ Frame::Object { .. }) => ('}', "Object", self.start_location(frame.start())),
        };
        let actual = char::from_u32(ch).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.error(format!(
            "Unexpected close marker '{actual}': expected '{expected}' (for {desc} starting at {at})"
        ))
    }

    fn invalid_eof(&mut self, message: &str) -> ParseError {
        self.error(format!("Unexpected end-of-input{message}"))
    }

    fn unexpected_number_char(&mut self, ch: u32, comment: &str) -> ParseError {
        self.error(format!(
            "Unexpected character ({}) in numeric value: {comment}",
            char_desc(ch)
        ))
    }

    /// `_reportUnexpectedChar` for `ch`, read at `at`: Jackson's pointer stands one UTF-16 unit
    /// after the character's start.
    fn unexpected_char_after(&mut self, ch: u32, at: usize, comment: &str) -> ParseError {
        let col = self.utf16_col(at) + 1;
        ParseError {
            detail: format!("Unexpected character ({}): {comment}", char_desc(ch)),
            location: Some(self.location(self.row, col)),
        }
    }

    /// An error at the reader's position.
    fn error(&mut self, detail: String) -> ParseError {
        let col = self.utf16_col(self.pos);
        ParseError {
            detail,
            location: Some(self.location(self.row, col)),
        }
    }

    /// The 1-based column of byte offset `at` on the current line, in UTF-16 units.
    fn utf16_col(&self, at: usize) -> usize {
        let at = at.clamp(self.row_start, self.text.len());
        self.text[self.row_start..at].encode_utf16().count() + 1
    }

    /// Where a container starts, as Jackson writes it: the column of its `[` or `{`.
    fn start_location(&self, mark: Mark) -> String {
        let col = self.text[mark.row_start..mark.after].encode_utf16().count();
        self.location(mark.row, col)
    }

    /// `JsonLocation.toString()`.
    fn location(&self, row: usize, col: usize) -> String {
        format!(
            "[Source: {}; line: {row}, column: {col}]",
            source_description(self.text)
        )
    }

    /// Reads the next character: its Java `char` (the high surrogate above U+FFFF) and start.
    fn read_char(&mut self) -> Option<(u32, usize)> {
        let (ch, len) = self.peek_char()?;
        let start = self.pos;
        self.pos += len;
        Some((ch, start))
    }

    fn peek_char(&self) -> Option<(u32, usize)> {
        (self.pos < self.bytes.len()).then(|| java_char(self.text, self.pos))
    }
}

/// The Java `char` that starts at byte `at` of `text` (the high surrogate of a character above
/// U+FFFF), and the UTF-8 length of the whole character.
fn java_char(text: &str, at: usize) -> (u32, usize) {
    if let Some(&b) = text.as_bytes().get(at)
        && b < 0x80
    {
        return (u32::from(b), 1);
    }
    let c = text
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut units = [0u16; 2];
    let first = c.encode_utf16(&mut units)[0];
    (u32::from(first), c.len_utf8())
}

/// The UTF-8 length of the character that ends at byte `end`.
fn char_len_at(bytes: &[u8], end: usize) -> usize {
    let mut len = 1;
    while len < 4 && end >= len && (bytes[end - len] & 0xC0) == 0x80 {
        len += 1;
    }
    len.min(end)
}

/// `ContentReference.appendSourceDescription` for a `String` read by `ObjectMapper.readTree`.
fn source_description(text: &str) -> String {
    let total = text.encode_utf16().count();
    if total > MAX_STRING_SOURCE {
        return "(StringReader)".to_owned();
    }
    let mut out = String::with_capacity(text.len().min(MAX_SNIPPET * 2) + 32);
    out.push_str("(String)\"");
    let mut units = 0;
    for c in text.chars() {
        let len = c.len_utf16();
        if units + len > MAX_SNIPPET {
            if units < MAX_SNIPPET {
                // Java cuts between the two halves of a surrogate pair.
                out.push(char::REPLACEMENT_CHARACTER);
            }
            break;
        }
        units += len;
        let code = u32::from(c);
        if is_iso_control(code) && c != '\r' && c != '\n' {
            let _ = write!(out, "\\u{code:04X}");
        } else {
            out.push(c);
        }
    }
    out.push('"');
    if total > MAX_SNIPPET {
        let _ = write!(out, "[truncated {} chars]", total - MAX_SNIPPET);
    }
    out
}

/// `ParserMinimalBase._getCharDesc`.
fn char_desc(ch: u32) -> String {
    if is_iso_control(ch) {
        return format!("(CTRL-CHAR, code {ch})");
    }
    let c = char::from_u32(ch).unwrap_or(char::REPLACEMENT_CHARACTER);
    if ch > 255 {
        format!("'{c}' (code {ch} / 0x{ch:x})")
    } else {
        format!("'{c}' (code {ch})")
    }
}

/// `Character.isISOControl`.
fn is_iso_control(ch: u32) -> bool {
    ch <= 0x1F || (0x7F..=0x9F).contains(&ch)
}

/// `Character.isIdentifierIgnorable` (format characters approximated by their main ranges).
fn is_identifier_ignorable(ch: u32) -> bool {
    matches!(ch, 0x00..=0x08 | 0x0E..=0x1B | 0x7F..=0x9F)
        || matches!(
            ch,
            0xAD | 0x600..=0x605
                | 0x61C
                | 0x6DD
                | 0x70F
                | 0x180E
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
        )
}

/// Currency symbols and connector punctuation, which Java lets identifiers start with.
fn is_currency_or_connector(ch: u32) -> bool {
    matches!(
        ch,
        0x24 | 0x5F
            | 0xA2..=0xA5
            | 0x58F
            | 0x60B
            | 0x9F2..=0x9F3
            | 0xAF1
            | 0xBF9
            | 0xE3F
            | 0x17DB
            | 0x203F..=0x2040
            | 0x2054
            | 0x20A0..=0x20C0
            | 0xA838
            | 0xFDFC
            | 0xFE33..=0xFE34
            | 0xFE4D..=0xFE4F
            | 0xFE69
            | 0xFF04
            | 0xFF3F
            | 0xFFE0..=0xFFE1
            | 0xFFE5..=0xFFE6
    )
}

/// Combining marks (main blocks), which Java counts as identifier parts.
fn is_combining_mark(ch: u32) -> bool {
    matches!(ch, 0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// `Character.isJavaIdentifierStart` for a UTF-16 unit.
fn is_java_identifier_start(ch: u32) -> bool {
    if ch < 0x80 {
        let b = ch as u8;
        return b.is_ascii_alphabetic() || b == b'$' || b == b'_';
    }
    match char::from_u32(ch) {
        Some(c) => c.is_alphabetic() || is_currency_or_connector(ch),
        None => false,
    }
}

/// `Character.isJavaIdentifierPart` for a UTF-16 unit.
fn is_java_identifier_part(ch: u32) -> bool {
    if ch < 0x80 {
        let b = ch as u8;
        return b.is_ascii_alphanumeric() || b == b'$' || b == b'_' || is_identifier_ignorable(ch);
    }
    match char::from_u32(ch) {
        Some(c) => {
            c.is_alphanumeric() || is_currency_or_connector(ch) || is_combining_mark(ch) || is_identifier_ignorable(ch)
        }
        None => false,
    }
}
