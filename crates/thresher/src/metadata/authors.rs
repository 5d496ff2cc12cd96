//! Author strings as pages write them -> a clean list of names.
//!
//! "By Jane Doe and John Roe, Staff Writers | January 5, 2022" becomes
//! `["Jane Doe", "John Roe"]`: labels, dates and trailing roles or
//! credentials go; the site's or publisher's own name never counts as an
//! author.

/// Longest name kept: longer strings are sentences or bios.
const MAX_NAME_CHARS: usize = 60;

/// Most words in one name ("Juan Carlos de la Fuente Ramírez" has six).
const MAX_NAME_WORDS: usize = 6;

/// Labels that introduce a byline, lower case, longest first.
const LABELS: &[&str] = &[
    "written by",
    "posted by",
    "published by",
    "article by",
    "story by",
    "words by",
    "text by",
    "authors:",
    "author:",
    "author",
    "by:",
    "by",
];

/// Byline labels in other languages, matched only as written (lower case):
/// capitalised, "Di" or "Von" begin names.
const FOREIGN_LABELS: &[&str] = &["von", "par", "por", "di", "door", "av"];

/// Bylines that name someone other than the author: reviewers, editors.
const NOT_AUTHOR_LABELS: &[&str] = &[
    "reviewed by",
    "medically reviewed",
    "fact checked",
    "fact-checked",
    "edited by",
    "illustrated by",
    "photographed by",
    "photos by",
    "photo by",
];

/// Where a byline stops naming people: dates, reading times, places.
const STOP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "on behalf of",
    "min read",
    "minute read",
    "read time",
    "reviewed by",
    "medically reviewed",
    "fact checked",
    "follow",
    "view profile",
    "more articles",
];

/// Separators after which a byline says something other than names.
const STOP_SEPARATORS: &[&str] = &[" | ", "|", " • ", "•", " · ", " — ", " – ", " - ", "\n"];

/// Words that make a part of a byline a role or a job title, not a name.
const ROLE_WORDS: &[&str] = &[
    "writer",
    "editor",
    "reporter",
    "correspondent",
    "contributor",
    "columnist",
    "journalist",
    "staff",
    "producer",
    "expert",
    "specialist",
    "founder",
    "ceo",
    "director",
    "manager",
    "author",
    "president",
    "professor",
    "analyst",
    "strategist",
    "consultant",
    "team",
    "desk",
];

/// Short credentials written after a name: "MD", "Ph.D.", "RN".
const MAX_CREDENTIAL_LETTERS: usize = 5;

/// Cleans raw author strings from one source into names, dropping those
/// that are the site's or an organisation's name (`not_names`, compared
/// case- and punctuation-insensitively).
pub(crate) fn clean(raw: &[String], not_names: &[String]) -> Vec<String> {
    let excluded: Vec<String> = not_names.iter().map(|n| super::key(n)).collect();
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        for name in names(r) {
            let k = super::key(&name);
            let dup = out.iter().any(|o| super::key(o) == k);
            if !dup && !excluded.contains(&k) {
                out.push(name);
            }
        }
    }
    out
}

/// The names one byline holds.
pub(crate) fn names(raw: &str) -> Vec<String> {
    let text = super::collapse_whitespace(raw);
    if is_url_or_handle(&text) {
        return vec![];
    }
    let lower = text.to_lowercase();
    if NOT_AUTHOR_LABELS.iter().any(|l| lower.starts_with(l)) {
        return vec![];
    }
    let body = strip_label(&text);
    let body = cut_at_stop(body);
    let mut parts = split_names(body).into_iter();
    let mut out = Vec::new();
    if let Some(first) = parts.next() {
        out.extend(name(first));
    }
    // After the first name, parts that are roles or credentials belong to
    // the name before them: "Jane Doe, MD", "Jane Doe, Staff Writer".
    out.extend(parts.filter(|p| !is_role(p) && !is_credential(p)).filter_map(name));
    out
}

fn is_url_or_handle(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || l.starts_with('@')
        || l.starts_with('/')
        || (l.contains('@') && l.contains('.'))
}

/// Removes a leading "By", "Written by", "Author:".
fn strip_label(s: &str) -> &str {
    let s = s.trim();
    let english = LABELS.iter().find_map(|l| after_label(s, l, true));
    english
        .or_else(|| FOREIGN_LABELS.iter().find_map(|l| after_label(s, l, false)))
        .unwrap_or(s)
}

/// What follows `label` at the start of `s`, when the label is a whole word
/// and something follows it.
fn after_label<'a>(s: &'a str, label: &str, any_case: bool) -> Option<&'a str> {
    let head = s.get(..label.len())?;
    let tail = &s[label.len()..];
    let same = if any_case {
        head.eq_ignore_ascii_case(label)
    } else {
        head == label
    };
    let boundary = label.ends_with(':') || tail.starts_with(|c: char| c.is_whitespace() || c == ':');
    let rest = tail.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    (same && boundary && !rest.is_empty()).then_some(rest)
}

/// Cuts a byline where it stops naming people.
fn cut_at_stop(s: &str) -> &str {
    let lower = s.to_lowercase();
    let mut end = s.len();
    for w in STOP_WORDS {
        if let Some(i) = find_word(&lower, w) {
            end = end.min(i);
        }
    }
    for sep in STOP_SEPARATORS {
        if let Some(i) = s.find(sep) {
            end = end.min(i);
        }
    }
    // A digit starts a date or a count ("5 min read"), never a name.
    if let Some(i) = s.find(|c: char| c.is_ascii_digit()) {
        end = end.min(i);
    }
    // `lower` may differ in byte length from `s` for some characters; cut
    // only where both agree on a character boundary.
    let end = (0..=end).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
    s[..end].trim()
}

/// `needle` in `hay` as a whole word.
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Splits "A, B and C" / "A & B" / "A; B".
fn split_names(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in s.split([',', ';', '&', '/']) {
        let mut rest = part;
        while let Some(i) = find_word(&rest.to_lowercase(), "and") {
            out.push(&rest[..i]);
            rest = rest.get(i + 3..).unwrap_or("");
        }
        out.push(rest);
    }
    out.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

fn is_role(part: &str) -> bool {
    let lower = part.to_lowercase();
    ROLE_WORDS.iter().any(|r| find_word(&lower, r).is_some())
}

/// "MD", "Ph.D.", "RN", "E-RYT 200": short upper-case tokens.
fn is_credential(part: &str) -> bool {
    part.split_whitespace().all(|w| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        w.chars().any(|c| c.is_ascii_digit())
            || (letters.chars().count() <= MAX_CREDENTIAL_LETTERS
                && letters.chars().all(char::is_uppercase))
            || (w.contains('.') && letters.chars().count() <= 4)
    })
}

/// One name, trimmed, or `None` when it cannot be one.
fn name(part: &str) -> Option<String> {
    let n = part
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')' && c != '(')
        .trim_matches(['(', ')'])
        .trim();
    let words = n.split_whitespace().count();
    let ok = !n.is_empty()
        && n.chars().count() <= MAX_NAME_CHARS
        && words <= MAX_NAME_WORDS
        && n.chars().any(char::is_alphabetic)
        && !is_url_or_handle(n)
        && !matches!(n.to_lowercase().as_str(), "by" | "and" | "author" | "authors" | "admin" | "unknown" | "staff");
    ok.then(|| n.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Vec<String> {
        names(s)
    }

    #[test]
    fn strips_labels_and_splits_names() {
        assert_eq!(n("By Brigid Kennedy"), ["Brigid Kennedy"]);
        assert_eq!(n("Written by: Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(n("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"), ["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"]);
        assert_eq!(n("Maria & Katerina"), ["Maria", "Katerina"]);
    }

    #[test]
    fn drops_roles_credentials_and_dates() {
        assert_eq!(n("Brigid Kennedy, Staff Writer"), ["Brigid Kennedy"]);
        assert_eq!(n("Dylan Bailey, MS, RD, FAND"), ["Dylan Bailey"]);
        assert_eq!(n("By Emily Norwood | September 1st, 2023"), ["Emily Norwood"]);
        assert_eq!(n("By Jane Doe Published 5 Jan 2022"), ["Jane Doe"]);
        assert_eq!(n("Jane Doe 5 min read"), ["Jane Doe"]);
    }

    #[test]
    fn refuses_urls_handles_and_reviewers() {
        assert!(n("https://www.facebook.com/someone").is_empty());
        assert!(n("@someone").is_empty());
        assert!(n("Medically reviewed by Dr. A. Person").is_empty());
        assert!(n("By").is_empty());
    }

    #[test]
    fn names_are_deduplicated_and_the_site_is_not_an_author() {
        let raw = vec!["Jane Doe".to_owned(), "JANE DOE".to_owned(), "The Paper".to_owned()];
        assert_eq!(clean(&raw, &["The Paper".to_owned()]), ["Jane Doe"]);
    }

    #[test]
    fn keeps_names_that_contain_label_words() {
        assert_eq!(n("Bygrave Smith"), ["Bygrave Smith"]);
        assert_eq!(n("Andy Parker"), ["Andy Parker"]);
        assert_eq!(n("Dianne Porter"), ["Dianne Porter"]);
    }
}
