//! Page sizes and the opaque `nextToken` of every list operation.
//!
//! A token names the list it belongs to (operation and the ARN it was called with), the key of
//! the last item returned, and when it was issued; a checksum covers all of it. So a token is
//! refused with `InvalidToken` when it is garbled, used on another list, or older than 24 hours
//! by the registry's clock. Resuming from the key of the last item (not from a position) means
//! items deleted or added between two pages never make the next page skip or repeat an item.

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
    pub(crate) fn after(&self, kind: ListKind, scope: &str, now: Timestamp) -> Result<Option<u64>> {
        let Some(token) = self.next_token else { return Ok(None) };
        let t = Token::decode(token).ok_or_else(Error::invalid_token)?;
        if t.kind != kind as u8 || t.scope != fnv1a(scope.as_bytes()) {
            return Err(Error::invalid_token());
        }
        if now.unix_millis().saturating_sub(t.issued) > TOKEN_LIFETIME_MILLIS {
            return Err(Error::invalid_token());
        }
        Ok(Some(t.after))
    }
}

/// Takes one page from `items` (keyed, in list order, starting after the previous page) and
/// returns it with the token of the next page, if there is one.
pub(crate) fn page<T>(
    items: impl Iterator<Item = (u64, T)>,
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
                after,
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
    after: u64,
    issued: i64,
}

const TOKEN_HEX_LEN: usize = 2 + 16 * 4;

impl Token {
    fn payload(&self) -> [u8; 25] {
        let mut p = [0; 25];
        p[0] = self.kind;
        p[1..9].copy_from_slice(&self.scope.to_be_bytes());
        p[9..17].copy_from_slice(&self.after.to_be_bytes());
        p[17..25].copy_from_slice(&self.issued.to_be_bytes());
        p
    }

    fn encode(&self) -> String {
        let check = fnv1a(&self.payload());
        #[allow(clippy::cast_sign_loss)] // the bits are what is encoded.
        let issued = self.issued as u64;
        format!(
            "{:02x}{:016x}{:016x}{:016x}{check:016x}",
            self.kind, self.scope, self.after, issued
        )
    }

    fn decode(s: &str) -> Option<Token> {
        if s.len() != TOKEN_HEX_LEN || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let field = |range: std::ops::Range<usize>| u64::from_str_radix(&s[range], 16).ok();
        let kind = u8::from_str_radix(&s[0..2], 16).ok()?;
        #[allow(clippy::cast_possible_wrap)] // the bits are what was encoded.
        let token = Token {
            kind,
            scope: field(2..18)?,
            after: field(18..34)?,
            issued: field(34..50)? as i64,
        };
        (field(50..66)? == fnv1a(&token.payload())).then_some(token)
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
        let t = Token {
            kind: 2,
            scope: fnv1a(b"arn"),
            after: 42,
            issued: 1_700_000_000_000,
        };
        let s = t.encode();
        assert_eq!(s.len(), TOKEN_HEX_LEN);
        let back = Token::decode(&s).unwrap();
        assert_eq!(
            (back.kind, back.scope, back.after, back.issued),
            (t.kind, t.scope, t.after, t.issued)
        );
        for i in 0..s.len() {
            let mut garbled = s.clone().into_bytes();
            garbled[i] = if garbled[i] == b'0' { b'1' } else { b'0' };
            assert!(
                Token::decode(std::str::from_utf8(&garbled).unwrap()).is_none(),
                "position {i}"
            );
        }
    }
}
