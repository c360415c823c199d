//! RFC 3339 timestamps as a Wait state's `Timestamp` takes them.
//!
//! AWS's recordings accept `2016-03-14T01:59:00Z` and `2016-03-05T21:29:29.243167252Z` and refuse a
//! space for `T`, a missing zone, month 13, hour 25 and a day-first date. The specification asks
//! for an uppercase `T` and `Z`, so the lowercase forms RFC 3339 tolerates are refused. Where
//! neither says more, this checker accepts: any number of fraction digits, a numeric offset
//! (`+01:00`, `-00:00`) and second 60 (RFC 3339's leap second). The calendar (days per month,
//! leap years) is the `time` crate's.

use time::{Date, Month};

/// Whether `text` is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` naming a real calendar day.
pub(crate) fn rfc3339_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let Some((year, month, day)) = date(b) else {
        return false;
    };
    if b.get(10) != Some(&b'T') {
        return false;
    }
    let Some(rest) = b.get(11..) else {
        return false;
    };
    let Some(rest) = clock(rest) else {
        return false;
    };
    let rest = fraction(rest);
    if !zone(rest) {
        return false;
    }
    let Ok(month) = Month::try_from(month) else {
        return false;
    };
    Date::from_calendar_date(year, month, day).is_ok()
}

/// `YYYY-MM-DD` at the start of `b`: year, month and day, unchecked against the calendar.
fn date(b: &[u8]) -> Option<(i32, u8, u8)> {
    let year = digits(b.get(0..4)?)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(b.get(5..7)?)?;
    let day = digits(b.get(8..10)?)?;
    Some((
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    ))
}

/// `HH:MM:SS` at the start of `b`, in range; what follows it.
fn clock(b: &[u8]) -> Option<&[u8]> {
    let hour = digits(b.get(0..2)?)?;
    let minute = digits(b.get(3..5)?)?;
    let second = digits(b.get(6..8)?)?;
    if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    (hour <= 23 && minute <= 59 && second <= 60).then(|| &b[8..])
}

/// Skips `.` and one or more digits, if present.
fn fraction(b: &[u8]) -> &[u8] {
    match b.split_first() {
        Some((b'.', rest)) => {
            let count = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if count == 0 { b } else { &rest[count..] }
        }
        _ => b,
    }
}

/// `Z` or `±HH:MM` making up the whole of `b`.
fn zone(b: &[u8]) -> bool {
    match b {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// The value of a run of ASCII digits, all of `b`.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter()
        .try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::rfc3339_timestamp;

    #[test]
    fn accepts_the_recorded_and_specified_forms() {
        for text in [
            "2016-03-14T01:59:00Z",
            "2016-03-05T21:29:29.243167252Z",
            "2016-03-14T01:59:00+01:00",
            "2016-03-14T01:59:00-07:30",
            "2016-03-14T01:59:00-00:00",
            "2016-03-14T01:59:00.5Z",
            "2016-03-14T01:59:00.123456789012Z",
            "2016-02-29T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2016-12-31T23:59:60Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2024-01-31T12:00:00Z",
            "2024-04-30T12:00:00Z",
            "2024-02-29T12:00:00.000Z",
            "2026-09-02T10:15:30.1+14:00",
        ] {
            assert!(rfc3339_timestamp(text), "{text}");
        }
    }

    #[test]
    fn refuses_the_recorded_and_specified_forms() {
        for text in [
            // Recorded: AWS answers `String does not match RFC3339 timestamp` for each of these.
            "2016-12-05 21:29:29Z",
            "2016-12-05T21:29:29",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "05-12-2016T21:29:29Z",
            "{% '2016-03-14T01:59:00Z' %}",
            // The specification's uppercase `T` and `Z`.
            "2016-03-14t01:59:00Z",
            "2016-03-14T01:59:00z",
            // Calendar and clock ranges.
            "2015-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2016-04-31T00:00:00Z",
            "2016-00-10T00:00:00Z",
            "2016-01-00T00:00:00Z",
            "2016-01-32T00:00:00Z",
            "2016-01-01T24:00:00Z",
            "2016-01-01T23:60:00Z",
            "2016-01-01T23:59:61Z",
            "2016-01-01T00:00:00+24:00",
            "2016-01-01T00:00:00+01:60",
            // Shape.
            "",
            "2016",
            "2016-01-01",
            "2016-01-01T",
            "2016-01-01T00:00Z",
            "2016-01-01T00:00:00.Z",
            "2016-01-01T00:00:00ZZ",
            "2016-01-01T00:00:00+0100",
            "2016-01-01T00:00:00+01",
            "2016-01-01T00:00:00 Z",
            " 2016-01-01T00:00:00Z",
            "2016-01-01T00:00:00Z ",
            "+2016-01-01T00:00:00Z",
            "20160-01-01T00:00:00Z",
            "2016-1-01T00:00:00Z",
            "２０１６-01-01T00:00:00Z",
            "2016-01-01T00:00:00.１Z",
        ] {
            assert!(!rfc3339_timestamp(text), "{text}");
        }
    }
}
