//! What text alone says about each line: the facts the rules read
//! ([`LineFacts`]) and the feature rows the model reads ([`Rows`]).
//!
//! A line's own features (length, punctuation, capitalisation, wording) say
//! little on their own: a short "Sign up" and a short heading look alike.
//! What carries most of the model is context: how dense the text around a
//! line is, relative to the densest stretch of the page, over windows of
//! ±2, ±5 and ±15 lines; whether the line lies between the page's first
//! and last long line; how often it repeats; how it compares with its
//! neighbours.
//!
//! The constants here define the features, so changing one means retraining
//! the model (`python3 train/train.py`); they are not tunables, and the
//! model records [`names`] and [`settings`], checked when it loads.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::super::Label;
use crate::blocks::Block;
use crate::hash::{FastMap, FastSet};
use crate::wording::{self, PhraseMatch, Strength};

/// A line of at least this many words is "long": prose rather than a menu
/// item, a button or a heading.
pub const LONG_LINE_WORDS: u32 = 12;

/// Half-widths of the windows over which word density is smoothed.
const WINDOWS: [usize; 3] = [2, 5, 15];

/// Distances to the nearest long line are capped here.
const MAX_DISTANCE: u32 = 50;

/// Leading spaces are counted up to here (a tab counts as two).
const MAX_INDENT: u32 = 32;

/// Characters that separate items in menus and breadcrumbs.
const SEPARATORS: &[char] = &['|', '•', '·', '›', '»', '«', '→', '/', '>', '‹', '▸', '►'];

/// Characters that open a bulleted line.
const BULLETS: &[char] = &[
    '•', '-', '*', '·', '▪', '►', '▸', '‣', '◦', '–', '—', '✓', '✔',
];

/// Frequent function words of the languages most common on the web. Prose
/// is full of them; menus, buttons and product grids have few.
const STOPWORDS: &[&str] = &[
    // English
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "not", "of",
    "on", "one", "or", "our", "out", "she", "so", "some", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "up", "was", "we", "were", "what", "when",
    "which", "while", "who", "will", "with", "would", "you", "your", // German
    "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine", "auch",
    "dem", "den", "des", "zu", "von", "im", "es", "sie", "wir", "wird", "sind",
    // French
    "le", "la", "les", "et", "est", "une", "des", "du", "pour", "dans", "que", "qui", "pas", "sur",
    "au", "avec", "ce", "il", "elle", "nous", "vous", "sont",
    // Spanish, Portuguese, Italian
    "el", "los", "las", "y", "es", "un", "una", "por", "con", "para", "del", "se", "lo", "como",
    "o", "em", "os", "não", "uma", "il", "di", "che", "è", "per", "non", "gli", "della",
    // Dutch
    "het", "een", "van", "en", "niet", "zijn", "voor", "op", "dat", "ook",
];

/// Longest word [`packed`] holds: every function word of [`STOPWORDS`]
/// fits.
const PACKED_WORD_BYTES: usize = 8;

/// A word of at most [`PACKED_WORD_BYTES`] bytes as a number, its bytes in
/// order: a cheap key to look function words up by.
fn packed(word: &[u8]) -> u64 {
    let mut b = [0u8; PACKED_WORD_BYTES];
    b[..word.len()].copy_from_slice(word);
    u64::from_be_bytes(b)
}

/// [`STOPWORDS`] packed, in a hash set: every word of every line is looked
/// up, and a binary search's unpredictable steps were a tenth of text
/// mode's time.
static STOPWORD_KEYS: LazyLock<FastSet<u64>> =
    LazyLock::new(|| STOPWORDS.iter().map(|w| packed(w.as_bytes())).collect());

/// What C4 drops a line for mentioning (besides its policy phrases, which
/// [`wording`] knows as legal and consent wording).
const C4_WORDS: &[&str] = &["javascript", "cookie", "terms of use", "privacy policy"];

static C4_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(C4_WORDS)
        .expect("C4's words are a valid set of literal patterns")
});

/// What the rules and the features read of one line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LineFacts {
    /// Leading spaces before the line (a tab counts as two), capped.
    pub indent: u32,
    /// A blank line (or the start of the text) precedes the line.
    pub blank_before: bool,
    /// A blank line (or the end of the text) follows the line.
    pub blank_after: bool,
    /// The strongest boilerplate phrase of the trained vocabulary in the
    /// line, if any: what the line model reads.
    pub phrase: Option<PhraseMatch>,
    /// The strongest phrase the rules read (`wording::rule_phrase`).
    pub rule_phrase: Option<PhraseMatch>,
    /// The line is nothing but a known button or label ("Sign up").
    pub button: Option<Label>,
    /// The line is a photo credit.
    pub credit: bool,
    /// The line is nothing but one URL.
    pub bare_url: bool,
    /// The line contains a URL.
    pub has_url: bool,
    /// The line mentions what C4 drops lines for: javascript, cookies,
    /// terms of use, privacy policy.
    pub c4_banned: bool,
    /// Letters.
    pub letters: u32,
    /// Upper-case letters.
    pub upper: u32,
    /// Decimal digits.
    pub digits: u32,
    /// Punctuation and symbols.
    pub punct: u32,
    /// Menu and breadcrumb separators.
    pub separators: u32,
    /// Words that start with an upper-case letter.
    pub title_words: u32,
    /// Function words (`STOPWORDS`).
    pub stopwords: u32,
    /// The first letter is upper-case.
    pub starts_upper: bool,
    /// The line opens with a bullet.
    pub starts_bullet: bool,
    /// The line ends with an ellipsis.
    pub ends_ellipsis: bool,
    /// The line ends with `.`, `!`, `?` (closing quotes and brackets aside).
    pub ends_terminal: bool,
    /// The line ends with a colon.
    pub ends_colon: bool,
    /// How many lines of the text read exactly like this one (itself included).
    pub repeats: u32,
}

impl LineFacts {
    /// The wording evidence as a number: 1 strong, 0.5 weak, 0 none.
    pub fn wording_strength(&self) -> f32 {
        match self.phrase.map(|p| p.strength) {
            Some(Strength::Strong) => 1.0,
            Some(Strength::Weak) => 0.5,
            None => 0.0,
        }
    }
}

fn is_url(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | '\''));
    w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
}

fn is_stopword(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() || w.len() > PACKED_WORD_BYTES {
        return false;
    }
    if w.is_ascii() {
        let mut buf = [0u8; 8];
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf.make_ascii_lowercase();
        return STOPWORD_KEYS.contains(&u64::from_be_bytes(buf));
    }
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in w.chars().flat_map(char::to_lowercase) {
        let l = c.len_utf8();
        if n + l > buf.len() {
            return false;
        }
        c.encode_utf8(&mut buf[n..n + l]);
        n += l;
    }
    STOPWORD_KEYS.contains(&packed(&buf[..n]))
}

fn ends_terminal(t: &str) -> bool {
    t.trim_end_matches(['"', '\'', ')', '”', '’', '»', ']'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// The facts of every block of `text`, parallel to `blocks`.
pub fn facts(text: &str, blocks: &[Block]) -> Vec<LineFacts> {
    let bytes = text.as_bytes();
    // Each line's group of equal lines, hashed once; then the group sizes.
    let mut groups: FastMap<&str, usize> = FastMap::default();
    groups.reserve(blocks.len());
    let group: Vec<usize> = blocks
        .iter()
        .map(|b| {
            let next = groups.len();
            *groups.entry(b.text.as_str()).or_insert(next)
        })
        .collect();
    let mut group_size = vec![0u32; groups.len()];
    for &g in &group {
        group_size[g] += 1;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        let t = b.text.as_str();
        let start = b.span.start as usize;
        let line_start = bytes[..start]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let indent = bytes[line_start..start]
            .iter()
            .map(|&c| if c == b'\t' { 2 } else { 1 })
            .sum::<u32>()
            .min(MAX_INDENT);
        let gap_before = match i {
            0 => &bytes[..start],
            _ => &bytes[blocks[i - 1].span.end as usize..start],
        };
        let gap_after = match blocks.get(i + 1) {
            Some(n) => &bytes[b.span.end as usize..n.span.start as usize],
            None => &bytes[b.span.end as usize..],
        };
        let newlines = |g: &[u8]| g.iter().filter(|&&c| c == b'\n').count();
        let (phrase, rule_phrase) = wording::phrase_pair(t);
        let mut f = LineFacts {
            indent,
            blank_before: i == 0 || newlines(gap_before) >= 2,
            blank_after: i + 1 == blocks.len() || newlines(gap_after) >= 2,
            phrase,
            rule_phrase,
            button: wording::whole_text(t),
            credit: wording::is_credit_line(t),
            repeats: group_size[group[i]],
            ends_terminal: ends_terminal(t),
            ends_colon: t.ends_with(':'),
            ends_ellipsis: t.ends_with("...") || t.ends_with('…'),
            starts_bullet: t.starts_with(BULLETS),
            ..LineFacts::default()
        };
        let mut first_letter = None;
        for c in t.chars() {
            if c.is_ascii() {
                match c {
                    'a'..='z' => f.letters += 1,
                    'A'..='Z' => {
                        f.letters += 1;
                        f.upper += 1;
                    }
                    '0'..='9' => f.digits += 1,
                    _ if c.is_ascii_whitespace() => continue,
                    _ => {
                        f.punct += 1;
                        f.separators += u32::from(SEPARATORS.contains(&c));
                        continue;
                    }
                }
                if c.is_ascii_alphabetic() {
                    first_letter.get_or_insert(c);
                }
            } else if c.is_alphabetic() {
                f.letters += 1;
                if c.is_uppercase() {
                    f.upper += 1;
                }
                first_letter.get_or_insert(c);
            } else if c.is_numeric() {
                f.digits += 1;
            } else if !c.is_whitespace() {
                f.punct += 1;
                f.separators += u32::from(SEPARATORS.contains(&c));
            }
        }
        f.starts_upper = first_letter.is_some_and(char::is_uppercase);
        let mut words = 0;
        for w in t.split_whitespace() {
            words += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                f.title_words += 1;
            }
            if is_stopword(w) {
                f.stopwords += 1;
            }
            if is_url(w) {
                f.has_url = true;
            }
        }
        f.bare_url = words == 1 && f.has_url;
        f.c4_banned = C4_AUTOMATON.is_match(t);
        out.push(f);
    }
    out
}

/// Feature rows, one per block, row-major.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    values: Vec<f32>,
}

impl Rows {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.values.len() / COUNT
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.values[i * COUNT..(i + 1) * COUNT]
    }

    /// All rows, row-major.
    pub fn values(&self) -> &[f32] {
        &self.values
    }
}

crate::classify::features::feature_set! {
    /// The line features, in row order.
    enum F, const NAMES;
    chars = "Non-space characters.",
    words = "Words.",
    mean_word_len = "Characters / words.",
    commas = "Commas.",
    sentence_ends = "Sentence-ending marks.",
    ends_terminal = "1 when the line ends like a sentence (`.`, `!`, `?`, closing quotes aside).",
    ends_colon = "1 when the line ends with a colon.",
    starts_upper = "1 when the first letter is upper-case.",
    upper_share = "Upper-case letters / letters.",
    title_share = "Capitalised words / words.",
    digit_share = "Digits / characters.",
    alpha_share = "Letters / characters.",
    punct_share = "Punctuation and symbols / characters.",
    separators = "Menu and breadcrumb separators.",
    indent = "Leading spaces (a tab counts two), capped at `MAX_INDENT`.",
    blank_before = "1 when a blank line (or the start) precedes the line.",
    blank_after = "1 when a blank line (or the end) follows the line.",
    bare_url = "1 when the line is one URL and nothing else.",
    has_url = "1 when the line contains a URL.",
    starts_bullet = "1 when the line opens with a bullet.",
    ends_ellipsis = "1 when the line ends with an ellipsis.",
    stopword_share = "Function words (`STOPWORDS`) / words.",
    wording = "Boilerplate wording: 1 strong, 0.5 weak, 0 none.",
    button = "1 when the line is a known button or label (\"Sign up\").",
    credit = "1 when the line is a photo credit.",
    c4_banned = "1 when the line mentions what C4 drops lines for.",
    repeats = "Lines of the text that read exactly like this one, itself included.",
    position = "Line index / lines.",
    char_position = "Characters before the line / the text's characters.",
    lines = "Lines in the text.",
    page_words = "Words in the text.",
    long_share = "Long lines (`LONG_LINE_WORDS`) / lines.",
    mean_words = "Words / lines.",
    terminal_share = "Lines that end like a sentence / lines.",
    inside_long_span = "1 between the text's first and last long line.",
    distance_to_long = "Lines to the nearest long line, capped at `MAX_DISTANCE`.",
    density_2 = "Mean words a line over ±2 lines / the densest such stretch.",
    density_5 = "The same over ±5 lines.",
    density_15 = "The same over ±15 lines.",
    mean_words_5 = "Mean words a line over ±5 lines.",
    terminal_share_5 = "Share of lines ending like a sentence over ±5 lines.",
    prev_words = "Words of the line before (0 at the start).",
    next_words = "Words of the line after (0 at the end).",
    prev_terminal = "1 when the line before ends like a sentence.",
    next_terminal = "1 when the line after ends like a sentence.",
    prev_wording = "`wording` of the line before.",
    next_wording = "`wording` of the line after.",
    similar_prev = "Words of the shorter / the longer of this line and the one before.",
    similar_next = "The same with the line after.",
    indent_delta = "Indent minus the indent of the line before.",
    short_run = "Length of the run of short lines the line is in (0 for a long line).",
    words_before_share = "Words before the line / the text's words.",
    first_word_shared = "1 when the line before or after opens with the same word.",
}

/// Number of features in a row.
pub const COUNT: usize = NAMES.len();

/// The feature names in row order, as a trained line model records them.
pub fn names() -> Vec<String> {
    NAMES.iter().map(|n| (*n).to_owned()).collect()
}

/// The constants above that shape the features, as `(name, value)` pairs
/// in the order a line model records them (see `classify::model`).
pub fn settings() -> Vec<(String, String)> {
    let windows: Vec<String> = WINDOWS.iter().map(usize::to_string).collect();
    [
        ("lines.long_line_words", LONG_LINE_WORDS.to_string()),
        ("lines.windows", windows.join(",")),
        ("lines.max_distance", MAX_DISTANCE.to_string()),
        ("lines.max_indent", MAX_INDENT.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn share(part: u32, whole: u32) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

fn bool_f(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn similarity(a: u32, b: u32) -> f32 {
    let (lo, hi) = (a.min(b), a.max(b));
    if hi == 0 {
        1.0
    } else {
        lo as f32 / hi as f32
    }
}

/// Sums over `[i - k, i + k]` (clipped) of a sequence, by prefix sums.
struct Window<'a> {
    prefix: &'a [f32],
}

impl Window<'_> {
    fn mean(&self, i: usize, k: usize) -> f32 {
        let n = self.prefix.len() - 1;
        let lo = i.saturating_sub(k);
        let hi = (i + k + 1).min(n);
        (self.prefix[hi] - self.prefix[lo]) / (hi - lo) as f32
    }
}

fn prefix_sums(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut out = vec![0.0];
    let mut sum = 0.0;
    for v in values {
        sum += v;
        out.push(sum);
    }
    out
}

fn first_word(t: &str) -> &str {
    t.split_whitespace().next().unwrap_or("")
}

/// The feature rows of every block.
pub fn rows(blocks: &[Block], facts: &[LineFacts]) -> Rows {
    let n = blocks.len();
    let mut values = Vec::with_capacity(n * COUNT);
    if n == 0 {
        return Rows { values };
    }
    let words: Vec<u32> = blocks.iter().map(|b| b.stats.words).collect();
    let long: Vec<bool> = words.iter().map(|&w| w >= LONG_LINE_WORDS).collect();
    let page_words: u32 = words.iter().sum();
    let page_chars: u32 = blocks.iter().map(|b| b.stats.chars).sum();
    let long_lines = long.iter().filter(|&&l| l).count() as u32;
    let terminal_lines = facts.iter().filter(|f| f.ends_terminal).count() as u32;
    let first_long = long.iter().position(|&l| l);
    let last_long = long.iter().rposition(|&l| l);

    let word_prefix = prefix_sums(words.iter().map(|&w| w as f32));
    let term_prefix = prefix_sums(facts.iter().map(|f| bool_f(f.ends_terminal)));
    let wwin = Window {
        prefix: &word_prefix,
    };
    let twin = Window {
        prefix: &term_prefix,
    };
    let mut dens = [vec![0.0f32; n], vec![0.0f32; n], vec![0.0f32; n]];
    for (d, &k) in dens.iter_mut().zip(&WINDOWS) {
        for (i, v) in d.iter_mut().enumerate() {
            *v = wwin.mean(i, k);
        }
        let max = d.iter().copied().fold(0.0f32, f32::max);
        if max > 0.0 {
            d.iter_mut().for_each(|v| *v /= max);
        }
    }
    // Lines to the nearest long line, looking both ways.
    let mut distance = vec![MAX_DISTANCE; n];
    let mut last = None;
    for i in 0..n {
        if long[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            distance[i] = ((i - l) as u32).min(MAX_DISTANCE);
        }
    }
    last = None;
    for i in (0..n).rev() {
        if long[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            distance[i] = distance[i].min(((l - i) as u32).min(MAX_DISTANCE));
        }
    }
    // Runs of consecutive short lines.
    let mut short_run = vec![0u32; n];
    let mut i = 0;
    while i < n {
        if long[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && !long[i] {
            i += 1;
        }
        short_run[start..i].fill((i - start) as u32);
    }

    let mut chars_before = 0u32;
    let mut words_before = 0u32;
    for (i, (b, f)) in blocks.iter().zip(facts).enumerate() {
        let s = &b.stats;
        let prev = i.checked_sub(1).map(|p| (&blocks[p], &facts[p]));
        let next = blocks.get(i + 1).map(|b| (b, &facts[i + 1]));
        let fw = first_word(&b.text);
        let shares_first_word = |o: Option<(&Block, &LineFacts)>| {
            o.is_some_and(|(o, _)| !fw.is_empty() && first_word(&o.text) == fw)
        };
        let mut row = [0.0f32; COUNT];
        let mut set = |f: F, v: f32| row[f as usize] = v;
        set(F::chars, s.chars as f32);
        set(F::words, s.words as f32);
        set(F::mean_word_len, share(s.chars, s.words));
        set(F::commas, s.commas as f32);
        set(F::sentence_ends, s.sentence_ends as f32);
        set(F::ends_terminal, bool_f(f.ends_terminal));
        set(F::ends_colon, bool_f(f.ends_colon));
        set(F::starts_upper, bool_f(f.starts_upper));
        set(F::upper_share, share(f.upper, f.letters));
        set(F::title_share, share(f.title_words, s.words));
        set(F::digit_share, share(f.digits, s.chars));
        set(F::alpha_share, share(f.letters, s.chars));
        set(F::punct_share, share(f.punct, s.chars));
        set(F::separators, f.separators as f32);
        set(F::indent, f.indent as f32);
        set(F::blank_before, bool_f(f.blank_before));
        set(F::blank_after, bool_f(f.blank_after));
        set(F::bare_url, bool_f(f.bare_url));
        set(F::has_url, bool_f(f.has_url));
        set(F::starts_bullet, bool_f(f.starts_bullet));
        set(F::ends_ellipsis, bool_f(f.ends_ellipsis));
        set(F::stopword_share, share(f.stopwords, s.words));
        set(F::wording, f.wording_strength());
        set(F::button, bool_f(f.button.is_some()));
        set(F::credit, bool_f(f.credit));
        set(F::c4_banned, bool_f(f.c4_banned));
        set(F::repeats, f.repeats as f32);
        set(F::position, i as f32 / n as f32);
        set(F::char_position, share(chars_before, page_chars));
        set(F::lines, n as f32);
        set(F::page_words, page_words as f32);
        set(F::long_share, share(long_lines, n as u32));
        set(F::mean_words, share(page_words, n as u32));
        set(F::terminal_share, share(terminal_lines, n as u32));
        set(
            F::inside_long_span,
            bool_f(first_long.is_some_and(|a| a <= i) && last_long.is_some_and(|z| i <= z)),
        );
        set(F::distance_to_long, distance[i] as f32);
        set(F::density_2, dens[0][i]);
        set(F::density_5, dens[1][i]);
        set(F::density_15, dens[2][i]);
        set(F::mean_words_5, wwin.mean(i, WINDOWS[1]));
        set(F::terminal_share_5, twin.mean(i, WINDOWS[1]));
        set(F::prev_words, prev.map_or(0.0, |p| p.0.stats.words as f32));
        set(F::next_words, next.map_or(0.0, |p| p.0.stats.words as f32));
        set(
            F::prev_terminal,
            bool_f(prev.is_some_and(|p| p.1.ends_terminal)),
        );
        set(
            F::next_terminal,
            bool_f(next.is_some_and(|p| p.1.ends_terminal)),
        );
        set(
            F::prev_wording,
            prev.map_or(0.0, |p| p.1.wording_strength()),
        );
        set(
            F::next_wording,
            next.map_or(0.0, |p| p.1.wording_strength()),
        );
        set(
            F::similar_prev,
            prev.map_or(0.0, |p| similarity(s.words, p.0.stats.words)),
        );
        set(
            F::similar_next,
            next.map_or(0.0, |p| similarity(s.words, p.0.stats.words)),
        );
        set(
            F::indent_delta,
            prev.map_or(0.0, |p| f.indent as f32 - p.1.indent as f32),
        );
        set(F::short_run, short_run[i] as f32);
        set(F::words_before_share, share(words_before, page_words));
        set(
            F::first_word_shared,
            bool_f(shares_first_word(prev) || shares_first_word(next)),
        );
        values.extend_from_slice(&row);
        chars_before += s.chars;
        words_before += s.words;
    }
    Rows { values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::text::segment;

    fn facts_of(text: &str) -> Vec<LineFacts> {
        facts(text, &segment(text))
    }

    #[test]
    fn layout_is_read_back_from_the_spans() {
        let f = facts_of("Menu\n  Item one\n\nA paragraph.");
        assert_eq!(f[1].indent, 2);
        assert!(f[0].blank_before && !f[0].blank_after);
        assert!(!f[1].blank_before && f[1].blank_after);
        assert!(f[2].blank_before && f[2].ends_terminal);
    }

    #[test]
    fn urls_buttons_repeats_and_wording() {
        let f = facts_of(
            "https://cdn.example.com/a.jpg\nSign up\nSign up\nGet it delivered to your inbox.",
        );
        assert!(f[0].bare_url);
        assert_eq!(f[1].button, Some(Label::Newsletter));
        assert_eq!(f[2].repeats, 2);
        assert_eq!(f[3].phrase.map(|p| p.label), Some(Label::Newsletter));
    }

    #[test]
    fn stopwords_are_counted_in_any_case() {
        let f = facts_of("The cat and THE dog, of course.");
        assert_eq!(f[0].stopwords, 4);
    }

    #[test]
    fn density_is_relative_to_the_densest_stretch() {
        let mut text = String::from("Home\nAbout\nContact\n");
        let prose = "This is a long line of prose with more than twelve words in it, surely.\n";
        text.push_str(&prose.repeat(6));
        let blocks = segment(&text);
        let r = rows(&blocks, &facts(&text, &blocks));
        assert_eq!(r.len(), blocks.len());
        let col = |name: &str| NAMES.iter().position(|n| *n == name).expect("a feature");
        let d = col("density_2");
        assert!(r.row(0)[d] < 0.5);
        assert!((r.row(6)[d] - 1.0).abs() < 1e-6);
        assert_eq!(r.row(0)[col("inside_long_span")], 0.0);
        assert_eq!(r.row(5)[col("inside_long_span")], 1.0);
    }
}
