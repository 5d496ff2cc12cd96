//! Dates as pages write them -> ISO 8601.
//!
//! Machine-readable values (`2022-01-28T16:42:10Z`) and the common textual
//! forms ("28 January 2022", "January 28th, 2022", "28.01.2022") are read.
//! Anything uncertain yields `None`: a missing date is better than an
//! invented one. Relative dates ("2 days ago") are never resolved, since the
//! engine does not know when the page was captured.

use std::sync::LazyLock;

use regex::Regex;

/// Years outside this range are taken for noise (version numbers, prices,
/// placeholder dates such as `0001-01-01`), not publication dates.
const MIN_YEAR: u16 = 1990;
/// See [`MIN_YEAR`].
const MAX_YEAR: u16 = 2100;

/// Longest text searched for a textual date: a date sits in a short line
/// ("Published January 28, 2022"), not in a paragraph.
const MAX_TEXT_CHARS: usize = 200;

/// A calendar date, with the time of day when the source gave one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    year: u16,
    month: u8,
    day: u8,
    /// `HH:MM:SS` and an optional zone (`Z`, `+01:00`), already formatted.
    time: Option<String>,
}

impl Date {
    fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date {
            year,
            month,
            day,
            time: None,
        })
    }

    /// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[zone]` when the time
    /// is known.
    pub(crate) fn iso(&self) -> String {
        let day = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        match &self.time {
            Some(t) => format!("{day}T{t}"),
            None => day,
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An ISO-like date at the start of a value, optionally with a time and a
/// zone: `2022-01-28`, `2022/01/28 16:42`, `2022-01-28T16:42:10.000+0100`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
    )
    .expect("ISO pattern compiles")
});

/// Reads a machine-readable value: ISO 8601 first, then the textual forms.
pub(crate) fn parse(value: &str) -> Option<Date> {
    let value = value.trim();
    parse_iso(value).or_else(|| parse_text(value))
}

/// Reads `YYYY-MM-DD[THH:MM[:SS][zone]]` at the start of `value`.
pub(crate) fn parse_iso(value: &str) -> Option<Date> {
    let c = ISO.captures(value.trim())?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
    let mut date = Date::new(
        num(1)?,
        u8::try_from(num(2)?).ok()?,
        u8::try_from(num(3)?).ok()?,
    )?;
    if let (Some(h), Some(m)) = (num(4), num(5)) {
        let s = num(6).unwrap_or(0);
        if h < 24 && m < 60 && s < 60 {
            let zone = c.get(7).map_or(String::new(), |z| zone(z.as_str()));
            date.time = Some(format!("{h:02}:{m:02}:{s:02}{zone}"));
        }
    }
    Some(date)
}

/// `Z` stays `Z`; `+0100` becomes `+01:00`.
fn zone(z: &str) -> String {
    if z == "Z" || z.contains(':') {
        return z.to_owned();
    }
    let (head, tail) = z.split_at(z.len().min(3));
    format!("{head}:{tail}")
}

/// A piece of text split for date matching.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'a> {
    /// Digits, with how many there were (`05` has 2).
    Num(u16, usize),
    /// A lower-cased word.
    Word(&'a str),
    /// A separator between two numbers: `/`, `.` or `-`.
    Sep(char),
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            let n = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            // A number too large for a date part still separates the
            // tokens around it.
            out.push(Token::Num(rest[..n].parse::<u16>().unwrap_or(0), n));
            n
        } else if c.is_alphabetic() {
            rest.find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len())
        } else {
            if matches!(c, '/' | '.' | '-') {
                out.push(Token::Sep(c));
            }
            c.len_utf8()
        };
        if c.is_alphabetic() {
            out.push(Token::Word(&rest[..len]));
        }
        rest = &rest[len..];
    }
    out
}

/// Words that may stand between the parts of a date: "28th of January",
/// "28 de enero de 2022".
fn is_filler(word: &str) -> bool {
    const FILLERS: &[&str] = &["st", "nd", "rd", "th", "of", "de", "del", "di", "du", "the"];
    FILLERS.iter().any(|f| word.eq_ignore_ascii_case(f))
}

/// Month names and abbreviations in the languages the engine meets most.
/// Abbreviations are matched as prefixes of at least three letters.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner",
    ],
    &[
        "february",
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
    ],
    &[
        "march", "märz", "maerz", "mars", "marzo", "março", "marco", "maart",
    ],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "août", "aout", "agosto", "augustus"],
    &[
        "september",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "sept",
    ],
    &[
        "october", "oktober", "octobre", "octubre", "ottobre", "outubro",
    ],
    &["november", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
    ],
];

/// Shortest prefix of a month name accepted as its abbreviation.
const MIN_MONTH_ABBREVIATION: usize = 3;

/// The month a word names (1-12).
fn month(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    if w.chars().count() < MIN_MONTH_ABBREVIATION {
        return None;
    }
    let names = |i: &usize| MONTHS[*i].iter();
    let exact = (0..MONTHS.len()).find(|i| names(i).any(|n| *n == w));
    // An abbreviation must point to one month only ("jui" could be June
    // or July in French).
    let mut prefixed = (0..MONTHS.len()).filter(|i| names(i).any(|n| n.starts_with(&w)));
    let abbreviated = match (prefixed.next(), prefixed.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    };
    exact.or(abbreviated).and_then(|i| u8::try_from(i + 1).ok())
}

/// Whether a word names a month ("March", "Dec").
pub(crate) fn is_month_word(word: &str) -> bool {
    word.chars().all(char::is_alphabetic) && month(word).is_some()
}

/// Finds a date written out in a short piece of text: "Published January
/// 28, 2022", "28th of January 2022", "Fri, 28 Jan 2022 16:42:10 GMT",
/// "28.01.2022". Numeric dates whose day and month could be swapped
/// ("01/02/2022") are refused.
pub(crate) fn parse_text(text: &str) -> Option<Date> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return None;
    }
    let toks: Vec<Token<'_>> = tokens(text)
        .into_iter()
        .filter(|t| !matches!(t, Token::Word(w) if is_filler(w)))
        .collect();
    (0..toks.len()).find_map(|i| date_at(&toks[i..]))
}

fn date_at(t: &[Token<'_>]) -> Option<Date> {
    match t {
        // 28 January 2022
        [Token::Num(d, 1..=2), Token::Word(m), Token::Num(y, 4), ..]
        | [Token::Num(d, 1..=2), Token::Sep('.'), Token::Word(m), Token::Num(y, 4), ..] => {
            Date::new(*y, month(m)?, u8::try_from(*d).ok()?)
        }
        // January 28, 2022
        [Token::Word(m), Token::Num(d, 1..=2), Token::Num(y, 4), ..]
        | [Token::Word(m), Token::Sep('.'), Token::Num(d, 1..=2), Token::Num(y, 4), ..] => {
            Date::new(*y, month(m)?, u8::try_from(*d).ok()?)
        }
        // 2022 January 28
        [Token::Num(y, 4), Token::Word(m), Token::Num(d, 1..=2), ..] => {
            Date::new(*y, month(m)?, u8::try_from(*d).ok()?)
        }
        // 2022-01-28, 2022/1/28
        [Token::Num(y, 4), Token::Sep(a), Token::Num(m, 1..=2), Token::Sep(b), Token::Num(d, 1..=2), ..]
            if a == b =>
        {
            Date::new(*y, u8::try_from(*m).ok()?, u8::try_from(*d).ok()?)
        }
        // 28.01.2022, 01/28/2022
        [Token::Num(a, 1..=2), Token::Sep(s1), Token::Num(b, 1..=2), Token::Sep(s2), Token::Num(y, 4), ..]
            if s1 == s2 =>
        {
            numeric_day_month(*a, *b, *s1).and_then(|(d, m)| Date::new(*y, m, d))
        }
        _ => None,
    }
}

/// Day and month of a numeric date. Dots are the European day-first form;
/// with slashes or dashes the order is known only when one number exceeds 12.
fn numeric_day_month(a: u16, b: u16, sep: char) -> Option<(u8, u8)> {
    let (a, b) = (u8::try_from(a).ok()?, u8::try_from(b).ok()?);
    if sep == '.' || a > 12 {
        Some((a, b))
    } else if b > 12 {
        Some((b, a))
    } else if a == b {
        Some((a, b))
    } else {
        None
    }
}

/// A date in a URL path: `/2022/01/28/` or `/2022-01-28-`. The month alone
/// (`/2022/01/`) is not a date.
pub(crate) fn from_url_path(path: &str) -> Option<Date> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_-]|$)")
            .expect("URL date pattern compiles")
    });
    let c = URL_DATE.captures(path)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
    Date::new(
        num(1)?,
        u8::try_from(num(2)?).ok()?,
        u8::try_from(num(3)?).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s).map(|d| d.iso())
    }

    #[test]
    fn reads_iso_values_with_and_without_time() {
        assert_eq!(iso("2022-01-28"), Some("2022-01-28".into()));
        assert_eq!(
            iso("2022-01-28T16:42:10Z"),
            Some("2022-01-28T16:42:10Z".into())
        );
        assert_eq!(
            iso("2022-01-28T16:42:10.123+0100"),
            Some("2022-01-28T16:42:10+01:00".into())
        );
        assert_eq!(iso("2022-01-28 16:42"), Some("2022-01-28T16:42:00".into()));
        assert_eq!(iso("2022/1/8"), Some("2022-01-08".into()));
    }

    #[test]
    fn reads_textual_dates_in_several_orders() {
        assert_eq!(iso("28 January 2022"), Some("2022-01-28".into()));
        assert_eq!(iso("January 28, 2022"), Some("2022-01-28".into()));
        assert_eq!(
            iso("Published: Jan. 28th, 2022 at 4pm"),
            Some("2022-01-28".into())
        );
        assert_eq!(
            iso("Fri, 28 Jan 2022 16:42:10 GMT"),
            Some("2022-01-28".into())
        );
        assert_eq!(iso("28. Januar 2022"), Some("2022-01-28".into()));
        assert_eq!(iso("28 de enero de 2022"), Some("2022-01-28".into()));
        assert_eq!(iso("Sept 3, 2021"), Some("2021-09-03".into()));
    }

    #[test]
    fn numeric_dates_only_when_unambiguous() {
        assert_eq!(iso("01/28/2022"), Some("2022-01-28".into()));
        assert_eq!(iso("28/01/2022"), Some("2022-01-28".into()));
        assert_eq!(iso("28.01.2022"), Some("2022-01-28".into()));
        assert_eq!(iso("02/03/2022"), None);
    }

    #[test]
    fn refuses_impossible_and_relative_dates() {
        assert_eq!(iso("2022-02-30"), None);
        assert_eq!(iso("0001-01-01T00:00:00Z"), None);
        assert_eq!(iso("3 days ago"), None);
        assert_eq!(iso("Version 2.4.1"), None);
        assert_eq!(iso("May I help you, 2022?"), None);
        assert_eq!(iso(""), None);
    }

    #[test]
    fn url_paths_give_a_date_only_with_a_day() {
        assert_eq!(
            from_url_path("/2022/01/28/slug").map(|d| d.iso()),
            Some("2022-01-28".into())
        );
        assert_eq!(
            from_url_path("/news/2022-1-8-slug").map(|d| d.iso()),
            Some("2022-01-08".into())
        );
        assert_eq!(from_url_path("/2022/01/slug"), None);
        assert_eq!(from_url_path("/products/12345678"), None);
    }
}
