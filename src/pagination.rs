//! Page sizes and the opaque `nextToken` of every list operation.
//!
//! A token names the list it belongs to (operation and the ARN it was called with), the key of
//! the last item returned, and when it was issued; a checksum covers all of it. So a token is
//! refused with `InvalidToken` when it is garbled, used on another list, or older than 24 hours
//! by the registry's clock. Resuming from the key of the last item (not from a position) means
//! items deleted or added between two pages never make the next page skip or repeat an item.
//! A key is a number (a creation or start order, a version number, an event id) or, for the
//! state machines, which are listed by name, the name itself.

use std::borrow::Cow;

use crate::constraints::Constraints;
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// The page size when `maxResults` is absent or 0.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 100;
/// The largest `maxResults`.
pub(crate) const MAX_PAGE_SIZE: i64 = 1000;
/// The longest `nextToken` of most lists.
pub(crate) const MAX_TOKEN_LEN: usize = 1024;
/// How long a token stays valid.
const TOKEN_LIFETIME_MILLIS: i64 = 24 * 60 * 60 * 1000;
/// The longest key a token carries, in bytes: a state machine name of 80 UTF-16 code units is
/// at most 240 bytes of UTF-8, so a token is at most 546 characters.
const MAX_KEY_BYTES: usize = 240;

/// The key of an item of a list, as a token carries it.
pub(crate) trait PageKey {
    /// The key's bytes.
    fn key_bytes(&self) -> Cow<'_, [u8]>;
}

/// A key read back from a token.
pub(crate) trait ResumeKey: Sized {
    /// The key these bytes encode; `None` if they encode none of this type.
    fn from_key_bytes(bytes: &[u8]) -> Option<Self>;
}

impl PageKey for u64 {
    fn key_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(self.to_be_bytes().to_vec())
    }
}

impl ResumeKey for u64 {
    fn from_key_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(u64::from_be_bytes)
    }
}

impl PageKey for &str {
    fn key_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(self.as_bytes())
    }
}

impl ResumeKey for String {
    fn from_key_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.is_empty() {
            return None;
        }
        String::from_utf8(bytes.to_vec()).ok()
    }
}

/// Which list a token belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum ListKind {
    StateMachines = 1,
    Versions = 2,
    Aliases = 3,
    Executions = 4,
    History = 5,
}

/// A list request's `maxResults` and `nextToken`, checked against the model's constraints.
pub(crate) struct PageRequest<'a> {
    max_results: Option<i32>,
    next_token: Option<&'a str>,
}

impl<'a> PageRequest<'a> {
    /// Records the constraint violations of `maxResults` (0–1000) and `nextToken`
    /// (1–`max_token_len` characters).
    pub(crate) fn check(
        c: &mut Constraints,
        max_results: Option<i32>,
        next_token: Option<&'a str>,
        max_token_len: usize,
    ) -> Self {
        if let Some(n) = max_results {
            c.range("maxResults", i64::from(n), 0, MAX_PAGE_SIZE);
        }
        c.opt_length("nextToken", next_token, 1, max_token_len);
        PageRequest {
            max_results,
            next_token,
        }
    }

    /// The page size.
    pub(crate) fn size(&self) -> usize {
        match self.max_results {
            Some(n) if n > 0 => usize::try_from(n).unwrap_or(DEFAULT_PAGE_SIZE),
            _ => DEFAULT_PAGE_SIZE,
        }
    }

    /// The key after which the page starts, from the token; `None` for the first page.
    ///
    /// # Errors
    ///
    /// `InvalidToken` for a garbled, foreign or expired token.
    pub(crate) fn after<K: ResumeKey>(&self, kind: ListKind, scope: &str, now: Timestamp) -> Result<Option<K>> {
        let Some(token) = self.next_token else { return Ok(None) };
        let t = Token::decode(token).ok_or_else(Error::invalid_token)?;
        if t.kind != kind as u8 || t.scope != fnv1a(scope.as_bytes()) {
            return Err(Error::invalid_token());
        }
        if now.unix_millis().saturating_sub(t.issued) > TOKEN_LIFETIME_MILLIS {
            return Err(Error::invalid_token());
        }
        K::from_key_bytes(&t.after).map(Some).ok_or_else(Error::invalid_token)
    }
}

/// Takes one page from `items` (keyed, in list order, starting after the previous page) and
/// returns it with the token of the next page, if there is one.
pub(crate) fn page<K: PageKey, T>(
    items: impl Iterator<Item = (K, T)>,
    size: usize,
    kind: ListKind,
    scope: &str,
    now: Timestamp,
) -> (Vec<T>, Option<String>) {
    let mut items = items.peekable();
    let mut out = Vec::with_capacity(size.min(DEFAULT_PAGE_SIZE));
    let mut last = None;
    while out.len() < size {
        let Some((key, item)) = items.next() else { break };
        last = Some(key);
        out.push(item);
    }
    let token = match (items.peek(), last) {
        (Some(_), Some(after)) => Some(
            Token {
                kind: kind as u8,
                scope: fnv1a(scope.as_bytes()),
                after: after.key_bytes().into_owned(),
                issued: now.unix_millis(),
            }
            .encode(),
        ),
        _ => None,
    };
    (out, token)
}

struct Token {
    kind: u8,
    scope: u64,
    /// The key of the last item returned: 1 to [`MAX_KEY_BYTES`] bytes.
    after: Vec<u8>,
    issued: i64,
}

/// The hex digits of a token besides its key: kind, scope, issue time and checksum.
const TOKEN_FIXED_HEX_LEN: usize = 2 + 16 * 3;

impl Token {
    fn payload(&self) -> Vec<u8> {
        let mut p = Vec::with_capacity(1 + 8 + self.after.len() + 8);
        p.push(self.kind);
        p.extend_from_slice(&self.scope.to_be_bytes());
        p.extend_from_slice(&self.after);
        p.extend_from_slice(&self.issued.to_be_bytes());
        p
    }

    /// `kind scope key issued checksum` in hex: a numeric key takes 16 digits, a name two per byte.
    fn encode(&self) -> String {
        use std::fmt::Write as _;
        let check = fnv1a(&self.payload());
        #[allow(clippy::cast_sign_loss)] // the bits are what is encoded.
        let issued = self.issued as u64;
        let mut s = String::with_capacity(TOKEN_FIXED_HEX_LEN + 2 * self.after.len());
        let _ = write!(s, "{:02x}{:016x}", self.kind, self.scope);
        for b in &self.after {
            let _ = write!(s, "{b:02x}");
        }
        let _ = write!(s, "{issued:016x}{check:016x}");
        s
    }

    fn decode(s: &str) -> Option<Token> {
        let key_hex_len = s.len().checked_sub(TOKEN_FIXED_HEX_LEN)?;
        if key_hex_len == 0
            || key_hex_len % 2 != 0
            || key_hex_len > 2 * MAX_KEY_BYTES
            || !s.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return None;
        }
        let field = |range: std::ops::Range<usize>| u64::from_str_radix(&s[range], 16).ok();
        let kind = u8::from_str_radix(&s[0..2], 16).ok()?;
        let key_end = 18 + key_hex_len;
        let after = (18..key_end)
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        #[allow(clippy::cast_possible_wrap)] // the bits are what was encoded.
        let token = Token {
            kind,
            scope: field(2..18)?,
            after,
            issued: field(key_end..key_end + 16)? as i64,
        };
        (field(key_end + 16..key_end + 32)? == fnv1a(&token.payload())).then_some(token)
    }
}

/// 64-bit FNV-1a: a checksum that catches garbled tokens (not a security measure).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_detect_any_single_character_change() {
        for after in [
            42u64.key_bytes().into_owned(),
            "statemachine_10".key_bytes().into_owned(),
        ] {
            let t = Token {
                kind: 2,
                scope: fnv1a(b"arn"),
                after,
                issued: 1_700_000_000_000,
            };
            let s = t.encode();
            assert_eq!(s.len(), TOKEN_FIXED_HEX_LEN + 2 * t.after.len());
            let back = Token::decode(&s).unwrap();
            assert_eq!(
                (back.kind, back.scope, &back.after, back.issued),
                (t.kind, t.scope, &t.after, t.issued)
            );
            for i in 0..s.len() {
                let mut garbled = s.clone().into_bytes();
                garbled[i] = if garbled[i] == b'0' { b'1' } else { b'0' };
                assert!(
                    Token::decode(std::str::from_utf8(&garbled).unwrap()).is_none(),
                    "position {i}"
                );
            }
            // Cut short or lengthened, it is refused too.
            assert!(Token::decode(&s[..s.len() - 2]).is_none());
            assert!(Token::decode(&format!("{s}00")).is_none());
        }
    }

    #[test]
    fn a_numeric_key_keeps_the_token_layout_of_before_names_were_keys() {
        // kind, scope, key, issue time and checksum, 16 hex digits each after the kind: the
        // tokens of the numeric lists are the bytes they were.
        let t = Token {
            kind: 4,
            scope: 0x0123_4567_89ab_cdef,
            after: 7u64.key_bytes().into_owned(),
            issued: 0x10,
        };
        let s = t.encode();
        assert_eq!(&s[..50], "040123456789abcdef00000000000000070000000000000010");
        assert_eq!(s.len(), 66);
    }

    #[test]
    fn the_longest_name_key_fits_the_shortest_token_limit() {
        let name = "\u{800}".repeat(80);
        let t = Token {
            kind: ListKind::StateMachines as u8,
            scope: fnv1a(b""),
            after: name.as_str().key_bytes().into_owned(),
            issued: 0,
        };
        assert_eq!(t.after.len(), MAX_KEY_BYTES);
        assert!(t.encode().len() <= MAX_TOKEN_LEN);
        assert_eq!(
            String::from_key_bytes(&Token::decode(&t.encode()).unwrap().after),
            Some(name)
        );
        assert_eq!(u64::from_key_bytes(b"name"), None);
        assert_eq!(String::from_key_bytes(&[0xff]), None);
    }
}
