//! Author strings as pages write them -> a clean list of names.
//!
//! "By Jane Doe and John Roe, Staff Writers | January 5, 2022" becomes
//! `["Jane Doe", "John Roe"]`: labels, dates and trailing roles or
//! credentials go; the site's or publisher's own name never counts as an
//! author.

use crate::wording;

/// Longest name kept: longer strings are sentences or bios.
const MAX_NAME_CHARS: usize = 60;

/// Most words in one name ("Juan Carlos de la Fuente Ramírez" has six).
const MAX_NAME_WORDS: usize = 6;

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
const STOP_SEPARATORS: &[&str] = &[
    " | ", "|", " • ", "•", " · ", "⋅", "∙", "・", " — ", " – ", " - ", "\n",
];

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

/// Letters of a dotted credential ("Ph.D.", "M.Sc.").
const MAX_DOTTED_CREDENTIAL_LETTERS: usize = 4;

/// Words of a "By" line that holds a user name and nothing else.
const MAX_HANDLE_BYLINE_WORDS: usize = 2;

/// How far a source can be trusted to hold names only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Trust {
    /// A field meant for authors: JSON-LD, `<meta name=author>`.
    Field,
    /// An element marked as the byline, which may hold a job title or a
    /// teaser instead ("HomeAdvisor Staff Writer", "Insights from"): role
    /// phrases and phrases with function words are dropped.
    Byline,
    /// Text that starts with "By", which may be a sentence ("By adopting
    /// these strategies..."): only name-shaped words are taken.
    Prose,
}

/// The names that are the site's rather than an author's.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SiteNames<'a> {
    /// Every name the site goes by, its domain's included.
    pub all: &'a [String],
    /// The names the page's domain spells (`janedoe.com`, `janedoe`).
    pub domain: &'a [String],
}

/// Cleans raw author strings from one source into names, dropping those
/// that are the site's or an organisation's name (compared case- and
/// punctuation-insensitively) unless the site is a personal one: a name
/// written as a person's that the domain spells out ("Jane Doe" on
/// janedoe.com), or that an author field gives alone, is the writer the
/// site is named after; a company is named after itself ("Kaspersky" on
/// kaspersky.com, "CBC Bank").
pub(crate) fn clean(raw: &[String], site: SiteNames<'_>, trust: Trust) -> Vec<String> {
    let excluded: Vec<String> = site.all.iter().map(|n| super::key(n)).collect();
    let domain: Vec<String> = site.domain.iter().map(|n| super::key(n)).collect();
    // An author field that names only the site, and writes it as a
    // person's, names the writer a personal site goes by ("Cory
    // Dransfeldt" on coryd.dev); beside other writers it is the
    // publication's name.
    let sole = raw.iter().map(|r| names(r).len()).sum::<usize>() == 1;
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        for name in names(r) {
            let name = if trust >= Trust::Byline {
                without_job_title(&name)
            } else {
                name
            };
            if trust >= Trust::Byline && (name.is_empty() || has_function_word(&name)) {
                continue;
            }
            // A lone lower-case handle is a name when it is all the byline
            // holds ("by ibby"), not when a sentence goes on.
            let lone_handle =
                r.split_whitespace().count() <= MAX_HANDLE_BYLINE_WORDS && !name.contains(' ');
            if trust == Trust::Prose && !is_name_shaped(&name) && !lone_handle {
                continue;
            }
            let k = super::key(&name);
            let dup = out.iter().any(|o| super::key(o) == k);
            let personal_site =
                (domain.contains(&k) || (trust == Trust::Field && sole)) && is_person_shaped(&name);
            if !dup && (!excluded.contains(&k) || personal_site) {
                out.push(name);
            }
        }
    }
    out
}

/// The names one byline holds.
///
/// A byline may lead with its date or put the name after a separator
/// ("Dec. 19, 2025 · Niko Matsakis"): the first segment that names someone
/// is taken.
pub(crate) fn names(raw: &str) -> Vec<String> {
    let text = super::collapse_whitespace(raw);
    if is_url_or_handle(&text) {
        return vec![];
    }
    segments(&text)
        .into_iter()
        .map(segment_names)
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

/// A byline split at the separators that end a list of names.
fn segments(text: &str) -> Vec<&str> {
    let mut out = vec![text];
    for sep in STOP_SEPARATORS {
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out.into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The names in one segment of a byline.
fn segment_names(segment: &str) -> Vec<String> {
    let lower = segment.to_lowercase();
    if NOT_AUTHOR_LABELS.iter().any(|l| lower.starts_with(l)) {
        return vec![];
    }
    let body = wording::strip_byline_label(skip_leading_date(segment));
    let body = cut_at_stop(body);
    if is_last_comma_first(body) {
        return name(body).into_iter().collect();
    }
    let mut parts = split_names(body).into_iter();
    let mut out = Vec::new();
    if let Some(first) = parts.next() {
        out.extend(name(first));
    }
    // After the first name, parts that are roles or credentials belong to
    // the name before them: "Jane Doe, MD", "Jane Doe, Staff Writer".
    out.extend(
        parts
            .filter(|p| !is_role(p) && !is_credential(p))
            .filter_map(name),
    );
    out
}

/// Words that may precede a byline's name along with a date: "Published
/// on Dec 5, 2025 by Jane Doe".
const LEADING_NOISE: &[&str] = &["published", "updated", "posted", "last", "on", "at", "date"];

/// `s` without a leading date, weekday, or "Published on".
fn skip_leading_date(s: &str) -> &str {
    let numeric = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let mut rest = s.trim_start();
    let mut in_date = false;
    loop {
        let mut words = rest.split_whitespace();
        let Some(w) = words.next() else { return rest };
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let next = words.next().unwrap_or("");
        let next_bare = next.trim_matches(|c: char| !c.is_alphanumeric());
        let next_numeric = numeric(next);
        // A number is part of a date when a month or another number is next
        // to it ("17, 2025", "5 Jan"), or a month came before; "98 Buck
        // Social" keeps its 98.
        let date_number = numeric(w)
            && (in_date
                || next_numeric
                || super::dates::is_month_word(next_bare)
                || bare.contains(|c: char| !c.is_ascii_digit()));
        let month = super::dates::is_month_word(bare) && next_numeric;
        in_date |= month || date_number;
        let noise = bare.is_empty()
            || date_number
            || month
            || is_weekday(bare)
            || LEADING_NOISE.iter().any(|n| n.eq_ignore_ascii_case(bare));
        if !noise {
            return rest;
        }
        rest = rest.get(w.len()..).unwrap_or("").trim_start();
    }
}

fn is_url_or_handle(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || l.starts_with('@')
        || l.starts_with('/')
        // An address is one word ("jane@example.com"); "Jane Doe @08:00PM
        // on example.com" is a byline with a time.
        || l.split_whitespace()
            .any(|w| w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.')))
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
    end = end.min(date_or_count_start(s));
    // `lower` may differ in byte length from `s` for some characters; cut
    // only where both agree on a character boundary.
    let end = (0..=end)
        .rev()
        .find(|i| s.is_char_boundary(*i))
        .unwrap_or(0);
    if end < s.len() {
        trim_trailing_connectives(s[..end].trim())
    } else {
        // Nothing was cut: a trailing "from" ends a teaser, not a name.
        s.trim()
    }
}

/// Words left dangling where a cut date was: "Jane Doe on", "Jane Doe at".
fn trim_trailing_connectives(mut s: &str) -> &str {
    const CONNECTIVES: &[&str] = &["on", "at", "in", "from", "|", "-", "•", "·"];
    loop {
        let Some((head, last)) = s.rsplit_once(' ') else {
            return s;
        };
        if !CONNECTIVES.iter().any(|c| c.eq_ignore_ascii_case(last)) {
            return s;
        }
        s = head.trim_end();
    }
}

/// Where a date or a count begins ("5 min read", "Dec 17, 2025",
/// "March 3"): a word of digits, or a month name followed by one. Digits
/// inside a word ("paulb203") belong to a user name.
fn date_or_count_start(s: &str) -> usize {
    let numeric = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let mut words = s.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        let next = words.peek().copied();
        let month_word = |w: &str| super::dates::is_month_word(w.trim_end_matches(['.', ',']));
        let month = month_word(w);
        // "Tuesday, March 3": a weekday before a date starts it.
        let weekday = is_weekday(w) && next.is_some_and(|n| numeric(n) || month_word(n));
        if (month && next.is_some_and(numeric)) || weekday || (numeric(w) && ends_a_name(w, next)) {
            return start;
        }
    }
    s.len()
}

/// Words after a number that make it a count: "5 min read".
const COUNT_WORDS: &[&str] = &[
    "min", "mins", "minute", "minutes", "read", "comments", "views",
];

/// Whether a number in a byline starts a date or a count rather than
/// belonging to a name ("98 Buck Social"): it is written as a date or a
/// year, or a month, a number or a count word follows, or nothing does.
fn ends_a_name(number: &str, next: Option<&str>) -> bool {
    let digits = number.chars().take_while(char::is_ascii_digit).count();
    let date_like = number.len() > digits || digits == 4;
    date_like
        || next.map_or(true, |n| {
            let bare = n.trim_matches(|c: char| !c.is_alphanumeric());
            n.starts_with(|c: char| c.is_ascii_digit())
                || super::dates::is_month_word(bare)
                || COUNT_WORDS.iter().any(|c| c.eq_ignore_ascii_case(bare))
        })
}

/// Words of a job title standing where a name should be.
/// ("Podium Staff" and "Travel Editor" sign articles as a desk would, and
/// stay.)
const JOB_TITLE_WORDS: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "columnist",
    "journalist",
    "producer",
    "specialist",
    "manager",
    "director",
    "admin",
    "administrator",
];

/// A byline's name without the job title printed after it ("Rachel
/// MacDonald Writer"); empty when the byline holds only a job title.
fn without_job_title(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_job = |w: &str| JOB_TITLE_WORDS.iter().any(|j| j.eq_ignore_ascii_case(w));
    match words.iter().position(|w| is_job(w)) {
        // The title's own first words ("Staff Writer", "Senior Editor") go
        // with it only when capitalised after the name; a title that starts
        // the byline leaves no name.
        Some(0) => String::new(),
        Some(i) => words[..i].join(" "),
        None => name.to_owned(),
    }
}

/// Lower-case words that occur in phrases, never in names.
const FUNCTION_WORDS: &[&str] = &[
    "of", "from", "for", "with", "in", "on", "at", "to", "about", "this", "that", "our", "your",
    "is", "are", "how", "what", "more",
];

fn has_function_word(name: &str) -> bool {
    name.split_whitespace().any(|w| FUNCTION_WORDS.contains(&w))
}

/// Words that name an organisation, a desk or a team rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "team",
    "staff",
    "news",
    "newsroom",
    "clinic",
    "foundation",
    "university",
    "college",
    "institute",
    "inc",
    "llc",
    "ltd",
    "gmbh",
    "corp",
    "corporation",
    "company",
    "group",
    "media",
    "magazine",
    "agency",
    "association",
    "society",
    "council",
    "department",
    "editors",
    "editorial",
    "desk",
    "today",
    "press",
    "network",
    "hospital",
    "center",
    "centre",
    "bank",
    "studio",
    "labs",
    "solutions",
    "services",
    "online",
    "blog",
];

/// Whether a name is an organisation's ("USA TODAY", "The Editorial Team").
pub(crate) fn is_organisation_like(name: &str) -> bool {
    let lower = name.to_lowercase();
    ORGANISATION_WORDS
        .iter()
        .any(|w| find_word(&lower, w).is_some())
}

/// Articles that open the names of publications, never of people.
const ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "der", "die", "das", "el", "il",
];

/// Fewest and most words of a name written as a person's.
const PERSON_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=4;

/// Whether a name is written as a person's: two to four capitalised words
/// (particles and initials allowed), no acronym, no organisation word.
pub(crate) fn is_person_shaped(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let word_ok = |w: &&str| {
        let initial = w.len() <= 2 && w.ends_with('.');
        let capitalised = w.starts_with(|c: char| c.is_uppercase())
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        initial || capitalised || NAME_PARTICLES.contains(w)
    };
    // "The Paper", "Le Monde": a name does not open with an article.
    let opens_with_article = words
        .first()
        .is_some_and(|w| ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(w)));
    PERSON_NAME_WORDS.contains(&words.len())
        && words.iter().all(word_ok)
        && !opens_with_article
        && !is_organisation_like(name)
}

/// Particles written in lower case inside names: "Ludwig van Beethoven".
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "der", "van", "von", "la", "le", "du", "bin", "al", "y", "e",
];

/// Every word capitalised (particles aside), as names are written.
fn is_name_shaped(name: &str) -> bool {
    name.split_whitespace()
        .all(|w| w.starts_with(|c: char| c.is_uppercase()) || NAME_PARTICLES.contains(&w))
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
    out.into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// "Doe, Jane" or "Doe, Jane A.": one person written surname first, as
/// library catalogues and some CMSs print authors. Both sides must be
/// written as names ("Doe, MD" is a name and a credential; "Doe, Smith and
/// Lee" is a list).
fn is_last_comma_first(s: &str) -> bool {
    let Some((last, first)) = s.split_once(',') else {
        return false;
    };
    let title_case = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && w.chars().count() > 1
            && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
    };
    let initial = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.as_str() == "."
    };
    let first: Vec<&str> = first.split_whitespace().collect();
    let last: Vec<&str> = last.split_whitespace().collect();
    matches!(last.as_slice(), [l] if title_case(l))
        && match first.as_slice() {
            [f] => title_case(f),
            [f, i] => title_case(f) && initial(i),
            _ => false,
        }
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
            || (w.contains('.') && letters.chars().count() <= MAX_DOTTED_CREDENTIAL_LETTERS)
    })
}

/// A template variable left unfilled ("page.head.extra.author"): several
/// dots and no space.
fn is_identifier(s: &str) -> bool {
    const MIN_DOTS: usize = 3;
    !s.contains(' ') && s.matches('.').count() >= MIN_DOTS
}

/// Weekday names and abbreviations: a date, not a name.
fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    const MIN_ABBREVIATION: usize = 3;
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    w.len() >= MIN_ABBREVIATION && WEEKDAYS.iter().any(|d| d.starts_with(&w))
}

/// A login rather than a name: one word with a dot, underscore, at sign or
/// digit in it ("andrew.keaveney", "user2"), all lower case ("jdoe"), or
/// with a capital inside ("KatieS").
pub(crate) fn is_login(name: &str) -> bool {
    if name.contains(char::is_whitespace) {
        return false;
    }
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    name.contains(['.', '_', '@'])
        || name.chars().any(|c| c.is_ascii_digit())
        || (letters.len() > 1 && letters.iter().all(|c| c.is_lowercase()))
        || letters.iter().skip(1).any(|c| c.is_uppercase())
}

/// Titles printed before a name that one source gives and another leaves
/// out ("Dr. Jane Doe", "Jane Doe").
const HONORIFICS: &[&str] = &["Dr. ", "Dr ", "Prof. ", "Prof ", "Mr. ", "Mrs. ", "Ms. "];

/// The name without a leading honorific.
pub(crate) fn without_honorific(name: &str) -> &str {
    HONORIFICS
        .iter()
        .find_map(|h| name.strip_prefix(h))
        .unwrap_or(name)
}

/// Words bylines hold that name no one: placeholders and link texts.
const NOT_NAMES: &[&str] = &[
    "and",
    "admin",
    "unknown",
    "staff",
    "anonymous",
    "guest",
    "full bio",
    "bio",
    "profile",
    "logged",
    "more",
    "read more",
    "view all posts",
    // A template's empty value, and menu links a loose byline selector
    // catches.
    "undefined",
    "null",
    "webmaster",
    "contact us",
    "privacy policy",
    "category",
    "uncategorized",
];

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
        && !is_identifier(n)
        && !wording::is_bare_byline_label(n)
        && !super::dates::is_month_word(n.trim_end_matches('.'))
        && !is_weekday(n)
        && !NOT_NAMES.contains(&n.to_lowercase().trim_end_matches('.'))
        // "The Author", "Topic Author": a label where the name should be.
        && !["author", "authors"]
            .iter()
            .any(|w| find_word(&n.to_lowercase(), w).is_some());
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
        assert_eq!(
            n("Written by: Jane Doe and John Roe"),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            n("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"),
            ["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"]
        );
        assert_eq!(n("Maria & Katerina"), ["Maria", "Katerina"]);
    }

    #[test]
    fn drops_roles_credentials_and_dates() {
        assert_eq!(n("Brigid Kennedy, Staff Writer"), ["Brigid Kennedy"]);
        assert_eq!(n("Dylan Bailey, MS, RD, FAND"), ["Dylan Bailey"]);
        assert_eq!(
            n("By Emily Norwood | September 1st, 2023"),
            ["Emily Norwood"]
        );
        assert_eq!(n("By Jane Doe Published 5 Jan 2022"), ["Jane Doe"]);
        assert_eq!(n("Jane Doe 5 min read"), ["Jane Doe"]);
        assert_eq!(n("FlowGuard EMEA on 09 May 2024"), ["FlowGuard EMEA"]);
    }

    #[test]
    fn refuses_urls_handles_and_reviewers() {
        assert!(n("https://www.facebook.com/someone").is_empty());
        assert!(n("@someone").is_empty());
        assert!(n("Medically reviewed by Dr. A. Person").is_empty());
        assert!(n("By").is_empty());
        assert!(n("undefined").is_empty());
        assert_eq!(n("Doe, Jane"), ["Doe, Jane"]);
        assert_eq!(n("By Doe, Jane A."), ["Doe, Jane A."]);
        assert_eq!(n("Jane Doe, MD"), ["Jane Doe"]);
        assert_eq!(n("Doe, Smith and Lee"), ["Doe", "Smith", "Lee"]);
        assert!(n("Privacy Policy.").is_empty());
    }

    #[test]
    fn names_are_deduplicated_and_the_site_is_not_an_author() {
        let raw = vec![
            "Jane Doe".to_owned(),
            "JANE DOE".to_owned(),
            "The Paper".to_owned(),
        ];
        let site = ["The Paper".to_owned()];
        let names = SiteNames {
            all: &site,
            domain: &[],
        };
        assert_eq!(clean(&raw, names, Trust::Field), ["Jane Doe"]);
    }

    #[test]
    fn dates_end_a_byline_but_digits_in_handles_stay() {
        assert_eq!(n("Stacy Edgar December 5, 2024"), ["Stacy Edgar"]);
        assert_eq!(n("paulb203"), ["paulb203"]);
        assert!(n("August 28, 2025").is_empty());
        assert!(n("Sat").is_empty());
        assert!(n("Written by").is_empty());
    }

    #[test]
    fn a_leading_date_is_skipped() {
        assert_eq!(
            n("Dec. 19, 2025 · Niko Matsakis on behalf of the team"),
            ["Niko Matsakis"]
        );
        assert_eq!(n("Dec 17, 2025 Julian K. Arni"), ["Julian K. Arni"]);
        assert_eq!(
            n("Published on Friday, 5 Jan 2022 by Jane Doe"),
            ["Jane Doe"]
        );
        assert_eq!(n("June Carter"), ["June Carter"]);
        assert_eq!(n("98 Buck Social"), ["98 Buck Social"]);
        assert_eq!(n("12.12.2025 Jane Doe"), ["Jane Doe"]);
    }

    #[test]
    fn job_titles_and_teasers_are_not_bylines() {
        let raw = |s: &str| vec![s.to_owned()];
        assert_eq!(
            clean(
                &raw("Rachel MacDonald Writer"),
                SiteNames::default(),
                Trust::Byline
            ),
            ["Rachel MacDonald"]
        );
        assert!(clean(&raw("Writer"), SiteNames::default(), Trust::Byline).is_empty());
        assert!(clean(&raw("Insights from"), SiteNames::default(), Trust::Byline).is_empty());
        assert_eq!(
            clean(
                &raw("Ludwig van Beethoven"),
                SiteNames::default(),
                Trust::Byline
            ),
            ["Ludwig van Beethoven"]
        );
    }

    #[test]
    fn a_site_named_after_its_writer_keeps_them_as_author() {
        let raw = |s: &str| vec![s.to_owned()];
        let domain = vec!["shawnhymel.com".to_owned(), "shawnhymel".to_owned()];
        let site = SiteNames {
            all: &domain,
            domain: &domain,
        };
        assert_eq!(
            clean(&raw("Shawn Hymel"), site, Trust::Field),
            ["Shawn Hymel"]
        );
        let domain = vec!["kaspersky".to_owned()];
        let site = SiteNames {
            all: &domain,
            domain: &domain,
        };
        assert!(clean(&raw("Kaspersky"), site, Trust::Field).is_empty());
        let markup_only = vec!["Riverside Gazette".to_owned()];
        let site = SiteNames {
            all: &markup_only,
            domain: &[],
        };
        let both = vec!["Riverside Gazette, Tom Reed".to_owned()];
        assert_eq!(clean(&both, site, Trust::Field), ["Tom Reed"]);
        assert_eq!(
            clean(&raw("Riverside Gazette"), site, Trust::Byline),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_author_field_naming_only_a_person_shaped_site_keeps_it() {
        let markup_only = vec!["Cory Dransfeldt".to_owned()];
        let site = SiteNames {
            all: &markup_only,
            domain: &[],
        };
        let raw = vec!["Cory Dransfeldt".to_owned()];
        assert_eq!(clean(&raw, site, Trust::Field), ["Cory Dransfeldt"]);
        let brand = vec!["Acme Media Group".to_owned()];
        let site = SiteNames {
            all: &brand,
            domain: &[],
        };
        assert!(clean(&brand, site, Trust::Field).is_empty());
    }

    #[test]
    fn prose_after_by_is_not_a_name() {
        let raw = vec!["By adopting these strategies, you build trust.".to_owned()];
        assert!(clean(&raw, SiteNames::default(), Trust::Prose).is_empty());
        let raw = vec!["By Ludwig van Beethoven".to_owned()];
        assert_eq!(
            clean(&raw, SiteNames::default(), Trust::Prose),
            ["Ludwig van Beethoven"]
        );
        assert_eq!(
            clean(&["by ibby".to_owned()], SiteNames::default(), Trust::Prose),
            ["ibby"]
        );
        assert!(clean(
            &["By batching queries we save time".to_owned()],
            SiteNames::default(),
            Trust::Prose
        )
        .is_empty());
    }

    #[test]
    fn keeps_names_that_contain_label_words() {
        assert_eq!(n("Bygrave Smith"), ["Bygrave Smith"]);
        assert_eq!(n("Andy Parker"), ["Andy Parker"]);
        assert_eq!(n("Dianne Porter"), ["Dianne Porter"]);
    }
}
