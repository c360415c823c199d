//! The common case in one pass over the bytes: a document Jackson accepts. Positions, lines and
//! Java's characters matter only to Jackson's error messages, so this reader keeps none of them:
//! at the first byte that is not plainly part of a valid document it gives up, and
//! [`exact`](super::exact) reads the text again, as Jackson does, for its error.
//!
//! It gives up on every text Jackson refuses, and on a few it accepts whose reading needs
//! Java's rules: a document of white space only, and a root-level `true`, `false` or `null`
//! directly followed by a character other than ASCII punctuation or white space.

use super::tree::{Builder, Document, Node, Span, push_unit, simple_escape};
use super::{MAX_DEPTH, MAX_NUMBER_LENGTH};

/// The document `text` holds, if it is one this reader is sure Jackson accepts as it is read
/// here; `None` otherwise.
pub(super) fn read(text: &str) -> Option<Document<'_>> {
    Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        tree: Builder::new(text),
    }
    .document()
}

/// A byte that ends the plain text of a string: a quote, a backslash or a control character.
fn ends_plain_text(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// How many bytes `bytes` starts with that do not [end plain text](ends_plain_text): eight at
/// a time, each word tested for a quote, a backslash or a byte below 0x20 at once.
pub(crate) fn plain_text_len(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH_BITS: u64 = ONES << 7;
    // The high bit of each byte of `word` below `n` (`n` at most 0x80); exact for the lowest
    // such byte, which is all that is read.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH_BITS;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found =
            below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1) | below(word, 0x20);
        if found != 0 {
            return len + found.trailing_zeros() as usize / 8;
        }
        len += 8;
    }
    let rest = chunks.remainder();
    len + rest.iter().position(|&b| ends_plain_text(b)).unwrap_or(rest.len())
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    pos: usize,
    tree: Builder<'a>,
}

impl<'a> Reader<'a> {
    fn document(mut self) -> Option<Document<'a>> {
        // The containers being read: whether each is an object, and where its values start
        // on the builder's stack.
        let mut open: Vec<(bool, usize)> = Vec::new();
        let mut byte = self.skip_white_space()?;
        loop {
            // `byte`, at `pos`, starts a value.
            if byte == b'{' || byte == b'[' {
                let object = byte == b'{';
                self.pos += 1;
                open.push((object, self.tree.mark()));
                if open.len() > MAX_DEPTH {
                    return None;
                }
                let next = self.skip_white_space()?;
                if next != if object { b'}' } else { b']' } {
                    byte = if object { self.member_name(next)? } else { next };
                    continue;
                }
            } else {
                self.scalar(byte)?;
                if open.is_empty() {
                    return self.ends_root_scalar(byte).then(|| self.tree.finish());
                }
            }
            // A value was read, or a container opened just before its close marker.
            loop {
                let &(object, mark) = open.last()?;
                match self.skip_white_space()? {
                    b',' => {
                        self.pos += 1;
                        let next = self.skip_white_space()?;
                        byte = if object { self.member_name(next)? } else { next };
                        break;
                    }
                    b']' if !object => self.tree.close_array(mark),
                    b'}' if object => self.tree.close_object(mark),
                    _ => return None,
                }
                self.pos += 1;
                open.pop();
                if open.is_empty() {
                    return Some(self.tree.finish());
                }
            }
        }
    }

    /// The next byte that is not white space (Jackson's: space, tab, LF and CR), not read.
    fn skip_white_space(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// A member's name, which `first` should open, and its colon: the first byte of its value.
    fn member_name(&mut self, first: u8) -> Option<u8> {
        if first != b'"' {
            return None;
        }
        self.pos += 1;
        let name = self.string()?;
        self.tree.push(name);
        if self.skip_white_space()? != b':' {
            return None;
        }
        self.pos += 1;
        self.skip_white_space()
    }

    /// A value other than an array or object, whose first byte is `first`.
    fn scalar(&mut self, first: u8) -> Option<()> {
        let node = match first {
            b'"' => {
                self.pos += 1;
                self.string()?
            }
            b't' => self.word(b"true", Node::Bool(true))?,
            b'f' => self.word(b"false", Node::Bool(false))?,
            b'n' => self.word(b"null", Node::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return None,
        };
        self.tree.push(node);
        Some(())
    }

    /// Jackson reads nothing after a root-level value but the character that ends a number or
    /// a word: a number must be followed by white space; a word by no part of a Java
    /// identifier, which is sure only for ASCII punctuation.
    fn ends_root_scalar(&self, first: u8) -> bool {
        let next = self.bytes.get(self.pos).copied();
        match first {
            b'"' => true,
            b't' | b'f' | b'n' => next.is_none_or(|b| b < b'0' || b == b']' || b == b'}'),
            _ => next.is_none_or(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t')),
        }
    }

    fn word(&mut self, word: &[u8], node: Node) -> Option<Node> {
        if !self.bytes[self.pos..].starts_with(word) {
            return None;
        }
        self.pos += word.len();
        Some(node)
    }

    /// A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, within Jackson's length.
    fn number(&mut self) -> Option<Node> {
        let start = self.pos;
        let mut at = start + usize::from(self.bytes[start] == b'-');
        let int_len = self.digits(&mut at);
        let leading_zero = self.bytes.get(at - int_len) == Some(&b'0');
        if int_len == 0 || (leading_zero && int_len > 1) {
            return None;
        }
        let mut float = false;
        let mut fraction_len = 0;
        if self.bytes.get(at) == Some(&b'.') {
            at += 1;
            fraction_len = self.digits(&mut at);
            if fraction_len == 0 {
                return None;
            }
            float = true;
        }
        let mut exponent_len = 0;
        if let Some(b'e' | b'E') = self.bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(at) {
                at += 1;
            }
            exponent_len = self.digits(&mut at);
            if exponent_len == 0 {
                return None;
            }
            float = true;
        }
        let len = if float {
            int_len + fraction_len + exponent_len
        } else {
            int_len
        };
        if len > MAX_NUMBER_LENGTH {
            return None;
        }
        self.pos = at;
        Some(Node::Number(Span::new(start, at)))
    }

    /// Moves `at` past the ASCII digits there: how many.
    fn digits(&self, at: &mut usize) -> usize {
        let count = self.bytes[*at..].iter().take_while(|b| b.is_ascii_digit()).count();
        *at += count;
        count
    }

    /// A string after its opening quote.
    fn string(&mut self) -> Option<Node> {
        let start = self.pos;
        let end = start + plain_text_len(&self.bytes[start..]);
        match *self.bytes.get(end)? {
            b'"' => {
                self.pos = end + 1;
                Some(Node::String(Span::new(start, end)))
            }
            b'\\' => self.escaped_string(start, end),
            _ => None,
        }
    }

    /// A string with escapes, unescaped as Jackson does: its plain text `run..at` is read, and
    /// a backslash is at `at`.
    fn escaped_string(&mut self, mut run: usize, mut at: usize) -> Option<Node> {
        let from = self.tree.unescaped_buffer().len();
        // A high surrogate from a `\u` escape, waiting for its low half.
        let mut high: Option<u32> = None;
        loop {
            let out = self.tree.unescaped_buffer();
            if at > run {
                if high.take().is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                out.push_str(self.text.get(run..at)?);
            }
            if self.bytes[at] == b'"' {
                if high.is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                self.pos = at + 1;
                return Some(self.tree.unescaped(from));
            }
            let letter = *self.bytes.get(at + 1)?;
            let unit = match simple_escape(letter) {
                Some(unit) => {
                    run = at + 2;
                    unit
                }
                None if letter == b'u' => {
                    let hex = self.bytes.get(at + 2..at + 6)?;
                    run = at + 6;
                    hex.iter()
                        .try_fold(0, |unit, &h| Some((unit << 4) | char::from(h).to_digit(16)?))?
                }
                None => return None,
            };
            push_unit(out, &mut high, unit);
            at = run + plain_text_len(self.bytes.get(run..)?);
            if *self.bytes.get(at)? < 0x20 {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ends_plain_text, plain_text_len};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Eight bytes at a time finds what one byte at a time finds.
        #[test]
        fn plain_text_len_is_bytewise(
            bytes in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(b'"'), Just(b'\\'), 0x18..0x24u8, 0x7e..0x82u8, Just(b'a')],
                0..40,
            )
        ) {
            let bytewise = bytes.iter().position(|&b| ends_plain_text(b)).unwrap_or(bytes.len());
            prop_assert_eq!(plain_text_len(&bytes), bytewise);
        }
    }
}
