//! The headline among the titles a page offers.
//!
//! A page names itself several times: `og:title`, JSON-LD `headline`,
//! `<title>` (usually with the site's name appended) and its visible `<h1>`.
//! The visible heading wins when a markup title agrees with it; otherwise
//! the best markup title is taken with the site's name cut off.

/// Fewest words for a lone `<h1>` to be taken over disagreeing markup
/// titles on an article: shorter ones are section names ("Blog", "News").
const MIN_HEADLINE_WORDS: usize = 4;

/// Share of words a heading and a markup title must have in common
/// (intersection over union) to be taken for the same headline.
const CLOSE_WORDING_OVERLAP: f32 = 0.5;

/// Longest lone `<h1>` taken against the markup titles: longer ones are
/// teasers or whole paragraphs set in a heading.
const MAX_LONE_HEADLINE_CHARS: usize = 150;

/// Longest heading considered a headline; longer `<h1>`s wrap whole
/// sections of the page.
const MAX_HEADLINE_CHARS: usize = 300;

/// Shortest markup title taken for one cut short without an ellipsis when
/// a longer title goes on from where it stops: SEO plugins cut the
/// JSON-LD `headline` at a fixed length (110 characters for Yoast), and a
/// shorter title followed by more words is a headline and its subtitle.
const MIN_TRUNCATED_TITLE_CHARS: usize = 80;

/// Shortest site-name key searched for inside a segment; shorter keys
/// ("bbc" aside) match by accident.
const MIN_SITE_KEY_CHARS: usize = 4;

/// Separators between a headline and the site's name in a title, with the
/// spaces that make them separators rather than hyphens.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " • ", " · ", " :: ", " » ", " « ", " / ", " ~ ", "|",
];

/// Top-level domains that mark a title segment as a bare domain
/// ("example.com"); "Node.js" ends in no such thing.
const COMMON_TLDS: &[&str] = &[
    "com", "org", "net", "io", "co", "uk", "de", "fr", "es", "it", "nl", "ru", "ca", "au", "in",
    "info", "edu", "gov", "us", "eu", "app", "dev", "ai", "me", "tv", "ch", "jp", "br", "pl", "se",
    "no", "dk", "fi", "be", "at", "nz", "ie", "biz",
];

/// What the title is chosen from.
#[derive(Debug, Default)]
pub(crate) struct Candidates<'a> {
    /// Titles from markup, most trusted first.
    pub metas: Vec<&'a str>,
    /// Visible `<h1>` texts outside the page's chrome, in document order.
    pub headings: Vec<&'a str>,
    /// Names the site goes by in its markup (`og:site_name`, publisher).
    pub site_names: &'a [String],
    /// Names the page's domain spells (`example.com`, `example`): matched
    /// whole only, since brands name their products after themselves
    /// ("Ridge Wallet" on ridge.com).
    pub domain_names: &'a [String],
    /// The page calls itself an article (`og:type`, JSON-LD type).
    pub article_like: bool,
    /// The page calls itself a product: its `<h1>` names the product, short
    /// as the name may be.
    pub product_like: bool,
    /// The page's address has a path below the site's root: it is not the
    /// site's home page, whose title is the site's own.
    pub below_root: bool,
}

/// Where the chosen title came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// An `<h1>` that a markup title agrees with.
    AgreedHeading,
    /// An `<h1>` worded much like a markup title.
    CloseHeading,
    /// The article's lone long `<h1>`.
    Heading,
    /// A markup title, site name cut off.
    Markup,
}

/// A page's headline in its two forms.
pub(crate) struct Title {
    /// As the reader sees it: [`as_printed`].
    pub printed: String,
    /// As [`choose`] found it, which classification matches blocks against.
    pub matched: String,
}

/// The chosen headline as it is printed: without invisible characters;
/// a heading without the site's name after any separator ("Story – Site";
/// [`choose`] cuts only at " | " inside headings); and, when the title
/// chosen from markup has an empty headline ("| Nuts & Volts Magazine"),
/// the visible heading instead.
pub(crate) fn as_printed((title, source): &(String, Source), c: &Candidates<'_>) -> String {
    let sites = Sites::of(c);
    let heading = headlines(c, &sites).next();
    let empty_headline =
        *source == Source::Markup && c.metas.first().is_some_and(|m| opens_with_separator(m));
    let printed = match heading {
        Some(h) if empty_headline => h,
        _ if *source != Source::Markup => without_site_suffix(title, &sites),
        _ => one_word_runs_on(title, &c.metas)
            .map_or_else(|| title.clone(), |t| without_site_suffix(t, &sites)),
    };
    crate::invisible::without_invisible(printed)
}

/// The visible headings that may be the headline, cleaned
/// ([`clean_heading`]): not empty, not a whole section, not the site's name.
fn headlines<'c>(c: &'c Candidates<'_>, sites: &'c Sites) -> impl Iterator<Item = String> + 'c {
    c.headings
        .iter()
        .map(move |h| clean_heading(h, sites))
        .filter(|h| !h.is_empty() && h.chars().count() <= MAX_HEADLINE_CHARS)
        .filter(move |h| !is_site(h, sites))
}

/// A title whose headline is empty ("| Nuts & Volts Magazine"): it names
/// the site alone.
fn opens_with_separator(title: &str) -> bool {
    let t = title.trim_start();
    SEPARATORS.iter().any(|sep| t.starts_with(sep.trim()))
}

/// Dashes after which a one-word first segment goes on.
const DASHES: &[&str] = &[" - ", " – ", " — "];

/// Fewest words after the dash for a one-word segment to lead a headline.
const MIN_RUN_ON_WORDS: usize = 2;

/// A one-word title cut from a markup title that goes on past a dash
/// ("Alma — Simplifying Access to Therapy", "Git - git-commit
/// Documentation"): one word before a dash is a name or a badge leading the
/// headline, not the headline. The markup title up to its first " | ".
fn one_word_runs_on<'m>(title: &str, metas: &[&'m str]) -> Option<&'m str> {
    if title.contains(char::is_whitespace) {
        return None;
    }
    metas.iter().find_map(|m| {
        let upto_bar = m.split(" | ").next().unwrap_or(m).trim();
        let rest = DASHES
            .iter()
            .find_map(|d| upto_bar.strip_prefix(title)?.strip_prefix(d))?;
        (rest.split_whitespace().count() >= MIN_RUN_ON_WORDS).then_some(upto_bar)
    })
}

/// A heading without the site's name, whole, after its last separator
/// (part of the name is not enough here: "Wendi Weiner – The Writing Guru"
/// on a site named "Wendi Weiner - The Writing Guru" is its headline).
fn without_site_suffix(heading: &str, sites: &Sites) -> String {
    let names_site = |tail: &str| {
        let k = super::key(tail);
        is_domain(tail.trim()) || sites.markup.contains(&k) || sites.domain.contains(&k)
    };
    SEPARATORS
        .iter()
        .find_map(|sep| {
            let (head, tail) = heading.rsplit_once(sep)?;
            (!head.trim().is_empty() && names_site(tail)).then(|| head.trim().to_owned())
        })
        .unwrap_or_else(|| heading.to_owned())
}

/// The headline, or `None` when the page names nothing.
pub(crate) fn choose(c: &Candidates<'_>) -> Option<(String, Source)> {
    let sites = Sites::of(c);
    let metas = usable_metas(&c.metas, &sites);
    let headings: Vec<String> = headlines(c, &sites).collect();
    if !headings.is_empty() {
        let forms = title_forms(&metas, &sites);
        if let Some(h) = headings.iter().find(|h| forms.contains(&super::key(h))) {
            return Some((h.clone(), Source::AgreedHeading));
        }
        let stripped: Vec<String> = metas.iter().map(|m| strip_site(m, &sites)).collect();
        // A heading worded much like a markup title is the same headline,
        // edited for the page ("15 Best Tutoring Platforms" beside "15
        // Best Online Tutoring Platforms 2025"); the reader sees the heading.
        let close = headings.iter().find(|h| {
            stripped
                .iter()
                .any(|m| word_overlap(h, m).0 >= CLOSE_WORDING_OVERLAP && !only_adds_words(h, m))
        });
        if let Some(h) = close {
            return Some((h.clone(), Source::CloseHeading));
        }
        let lone = &headings[0];
        let long_enough = c.product_like || lone.split_whitespace().count() >= MIN_HEADLINE_WORDS;
        if (c.article_like || c.product_like)
            && long_enough
            && lone.chars().count() <= MAX_LONE_HEADLINE_CHARS
        {
            return Some((lone.clone(), Source::Heading));
        }
    }
    if let (Some(h), Some(m)) = (headings.first(), metas.first()) {
        if c.below_root && leads_with_site(m, &sites) {
            return Some((h.clone(), Source::Heading));
        }
    }
    if let Some(m) = metas.first() {
        return Some((strip_site(m, &sites), Source::Markup));
    }
    headings.first().map(|h| (h.clone(), Source::Heading))
}

/// The markup titles worth reading: without those that name only the site
/// (an `og:title` of "Example Inc") when others name more, and with a
/// title cut short ("… Readers Find Solutions (Including") replaced by a
/// longer one that goes on from where it stops (SEO plugins truncate the
/// JSON-LD `headline`).
fn usable_metas<'a>(metas: &[&'a str], sites: &Sites) -> Vec<&'a str> {
    let names_more = |m: &&str| {
        segments(m)
            .iter()
            .any(|s| !is_site(s, sites) && !is_label(s))
    };
    let kept: Vec<&str> = if metas.iter().any(names_more) {
        metas.iter().copied().filter(names_more).collect()
    } else {
        metas.to_vec()
    };
    kept.iter()
        .map(|m| {
            kept.iter()
                .copied()
                .find(|longer| continues(m, longer))
                .unwrap_or(m)
        })
        .collect()
}

/// Whether `longer` goes on from where `title` stops in the middle of a
/// phrase: `title` is its start, cut before a word rather than before a
/// separator, or ends with an ellipsis.
fn continues(title: &str, longer: &str) -> bool {
    let stem = title.trim_end_matches(['.', '…']).trim_end();
    let cut = stem.len() < title.trim_end().len();
    (cut || stem.chars().count() >= MIN_TRUNCATED_TITLE_CHARS)
        && longer.len() > stem.len()
        && longer.starts_with(stem)
        && longer[stem.len()..]
            .chars()
            .next()
            .is_some_and(|c| cut || c.is_whitespace())
        && longer[stem.len()..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| cut || c.is_alphanumeric())
}

/// A "site name" that is one of the page's titles, separators and all
/// ("Tech conferences 2026 / 2027"): a CMS that fills `og:site_name` with
/// the page's title. Taken for the site, it would hide every segment.
fn is_misplaced_title(site_name: &str, metas: &[&str]) -> bool {
    let k = super::key(site_name);
    segments(site_name).len() > 1 && metas.iter().any(|m| super::key(m) == k)
}

/// Labels that name a kind of page, never one page ("NationStates • View
/// topic - MLS is Back!", "Home - Example").
const PAGE_LABELS: &[&str] = &["view topic", "home", "home page", "homepage"];

/// A title segment that is only a page label.
fn is_label(segment: &str) -> bool {
    let k = super::key(segment);
    PAGE_LABELS.iter().any(|l| super::key(l) == k)
}

/// A title that starts with the site's name ("Site - Tagline"): the site's
/// own title, which apps that name their pages in script give every page.
fn leads_with_site(title: &str, sites: &Sites) -> bool {
    let segments = segments(title);
    segments.len() > 1 && segments.first().is_some_and(|s| is_site(s, sites))
}

/// The forms a heading may take to agree with the markup titles: each
/// title whole, without the site's name, and its first segment.
fn title_forms(metas: &[&str], sites: &Sites) -> Vec<String> {
    let mut forms: Vec<String> = Vec::with_capacity(metas.len() * 3);
    for m in metas {
        let segments = segments(m);
        let first = segments.first().copied().unwrap_or(m);
        for form in [
            super::key(m),
            super::key(&strip_site(m, sites)),
            super::key(first),
        ] {
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// A heading that only adds words to a markup title ("(latimes.com) 87",
/// "Thread:", "The Complete ...") carries decorations the markup title is
/// without.
fn only_adds_words(heading: &str, markup: &str) -> bool {
    let (_, only_heading, only_markup) = word_overlap(heading, markup);
    only_heading > 0 && only_markup == 0
}

/// Intersection over union of two texts' lower-cased words, and how many
/// words only the first and only the second has.
fn word_overlap(a: &str, b: &str) -> (f32, usize, usize) {
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let (a, b) = (words(a), words(b));
    let common = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let union = a.len() + b.len() - common;
    let overlap = if union == 0 {
        0.0
    } else {
        common as f32 / union as f32
    };
    (overlap, a.len() - common, b.len() - common)
}

/// A heading without the permalink marks documentation generators append,
/// and without what follows a bar: some sites print their whole `<title>`
/// ("Story | Section | Site") as the heading.
fn clean_heading(h: &str, sites: &Sites) -> String {
    let h = h.trim_end_matches(|c: char| matches!(c, '¶' | '#' | '§' | '🔗') || c.is_whitespace());
    let h = super::collapse_whitespace(&super::decode_entities(h));
    match h
        .split(HEADING_SEPARATOR)
        .map(str::trim)
        .find(|p| !p.is_empty() && !is_site(p, sites))
    {
        Some(first) if h.contains(HEADING_SEPARATOR) => first.to_owned(),
        _ => h,
    }
}

/// The separator that, inside a visible heading, still sets off a section
/// or the site's name; dashes and colons there belong to the headline.
const HEADING_SEPARATOR: &str = " | ";

/// The parts of a title between separators.
fn segments(title: &str) -> Vec<&str> {
    let mut out = vec![title];
    for sep in SEPARATORS {
        // A piece without the separator's mark cannot hold the separator;
        // looking for one character costs far less than setting up the
        // search for a string, and most titles hold few marks.
        let mark = sep.trim().chars().next().unwrap_or(' ');
        if !out.iter().any(|p| p.contains(mark)) {
            continue;
        }
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out.into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The title without the segments that name the site. With several
/// segments left, the first is the headline: sites append taglines and
/// section names after it ("Story - Section | Site").
fn strip_site(title: &str, site_keys: &Sites) -> String {
    let title = strip_decorations(title, site_keys);
    let segments = segments(title);
    if segments.len() <= 1 {
        return title.trim().to_owned();
    }
    segments
        .iter()
        .find(|s| !is_site(s, site_keys) && !is_label(s))
        .or(segments.first())
        .map_or_else(|| title.trim().to_owned(), |s| (*s).to_owned())
}

/// Suffix CMSs append to the titles of category pages.
const ARCHIVE_SUFFIX: &str = " Archives";

/// The title without the additions that no separator sets off: a
/// trailing "[Site]" or "(Site)" (or "[Site Documentation]"), a leading
/// bare domain ("example.com Story"), WordPress's " Archives". (A leading
/// "Site: " stays: product pages name themselves "Figma: The Design Tool".)
fn strip_decorations<'t>(title: &'t str, site_keys: &Sites) -> &'t str {
    let mut t = title.trim();
    if let Some(open) = t.rfind(['[', '(']) {
        let inner = t[open + 1..].trim_end_matches([']', ')']);
        if open > 0
            && t.ends_with([']', ')'])
            && (is_site(inner, site_keys) || holds_domain_name(inner, site_keys))
        {
            t = t[..open].trim_end();
        }
    }
    if let Some((first, rest)) = t.split_once(' ') {
        if is_domain(first)
            && site_keys.domain.contains(&super::key(first))
            && rest.starts_with(char::is_alphanumeric)
        {
            t = rest.trim_start();
        }
    }
    if t.len() > ARCHIVE_SUFFIX.len() && t.ends_with(ARCHIVE_SUFFIX) {
        t = t[..t.len() - ARCHIVE_SUFFIX.len()].trim_end();
    }
    t
}

/// A bare domain ("example.com"); "Node.js" ends in no common TLD.
fn is_domain(word: &str) -> bool {
    !word.contains(' ')
        && word.contains('.')
        && word
            .rsplit('.')
            .next()
            .is_some_and(|tld| COMMON_TLDS.contains(&tld.to_ascii_lowercase().as_str()))
}

/// Bracketed words that hold the domain's name ("Zotero Documentation" on
/// zotero.org): the site's name and what part of it the page is in.
fn holds_domain_name(inner: &str, site_keys: &Sites) -> bool {
    let k = super::key(inner);
    site_keys
        .domain
        .iter()
        .any(|d| d.len() >= MIN_SITE_KEY_CHARS && k.contains(d.as_str()))
}

/// The keys of the names a site goes by.
#[derive(Debug, Default)]
struct Sites {
    /// From the markup: matched whole, or with a short tagline.
    markup: Vec<String>,
    /// From the domain: matched whole only.
    domain: Vec<String>,
}

impl Sites {
    /// The candidates' site names, without one that is a page's title
    /// ([`is_misplaced_title`]).
    fn of(c: &Candidates<'_>) -> Sites {
        Sites {
            markup: c
                .site_names
                .iter()
                .filter(|s| !is_misplaced_title(s, &c.metas))
                .map(|s| super::key(s))
                .collect(),
            domain: c.domain_names.iter().map(|s| super::key(s)).collect(),
        }
    }
}

/// A segment that names the site: one of its names, part of a markup name
/// ("Verge" for "The Verge"), or a bare domain. A segment holding a site's
/// name with more words is kept: brands name their products after
/// themselves ("Visual Studio Community" on a "Visual Studio" site).
fn is_site(segment: &str, site_keys: &Sites) -> bool {
    let k = super::key(segment);
    if k.is_empty() {
        return false;
    }
    is_domain(segment)
        || site_keys.domain.contains(&k)
        || site_keys.markup.iter().any(|s| {
            s == &k
                || (s.len() >= MIN_SITE_KEY_CHARS
                    && (s.contains(k.as_str()) && k.len() >= MIN_SITE_KEY_CHARS))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(metas: &[&str], headings: &[&str], sites: &[&str], article: bool) -> Option<String> {
        let sites: Vec<String> = sites.iter().map(|s| (*s).to_owned()).collect();
        choose(&Candidates {
            metas: metas.to_vec(),
            headings: headings.to_vec(),
            site_names: &sites,
            domain_names: &[],
            article_like: article,
            product_like: false,
            below_root: false,
        })
        .map(|(t, _)| t)
    }

    #[test]
    fn site_name_suffixes_are_cut() {
        let keys = Sites {
            markup: vec![super::super::key("The Week")],
            domain: vec![],
        };
        assert_eq!(
            strip_site("Macron and Putin talk | The Week", &keys),
            "Macron and Putin talk"
        );
        assert_eq!(
            strip_site("Macron and Putin talk - The Week UK", &keys),
            "Macron and Putin talk"
        );
        assert_eq!(
            strip_site("theweek.com - Macron and Putin talk", &keys),
            "Macron and Putin talk"
        );
        assert_eq!(
            strip_site("Story – Section | Other", &Sites::default()),
            "Story"
        );
        assert_eq!(
            strip_site("Well-known co-founder speaks", &keys),
            "Well-known co-founder speaks"
        );
        assert_eq!(
            strip_site("Welcome to LWN.net [LWN.net]", &Sites::default()),
            "Welcome to LWN.net"
        );
        assert_eq!(
            strip_site("Air Fryer Recipes Archives", &Sites::default()),
            "Air Fryer Recipes"
        );
    }

    #[test]
    fn a_domain_name_is_cut_only_whole() {
        let keys = Sites {
            markup: vec![],
            domain: vec!["ridge".to_owned()],
        };
        assert_eq!(strip_site("Ridge Wallet | Ridge", &keys), "Ridge Wallet");
    }

    /// Candidates on a site known by its domain only.
    fn on_domain<'a>(
        metas: &[&'a str],
        headings: &[&'a str],
        domain: &'a [String],
    ) -> Candidates<'a> {
        Candidates {
            metas: metas.to_vec(),
            headings: headings.to_vec(),
            domain_names: domain,
            ..Candidates::default()
        }
    }

    #[test]
    fn a_title_naming_only_the_site_gives_way_to_one_naming_more() {
        let domain = vec!["bushco".to_owned()];
        let c = on_domain(&["Bush Co", "Outdoor Gear – Bush Co"], &[], &domain);
        assert_eq!(choose(&c).map(|t| t.0).as_deref(), Some("Outdoor Gear"));
        let alone = on_domain(&["Bush Co"], &["Best of the best"], &domain);
        assert_eq!(choose(&alone).map(|t| t.0).as_deref(), Some("Bush Co"));
    }

    #[test]
    fn a_headline_cut_short_gives_way_to_the_title_it_starts() {
        let cut = "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers (Including";
        let whole = "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers (Including One Trick) - Emily";
        let c = on_domain(&[cut, whole], &[], &[]);
        assert_eq!(
            choose(&c).map(|t| t.0).as_deref(),
            Some("Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers (Including One Trick)")
        );
        assert!(continues("Top 7 Trends…", "Top 7 Trends in Kitchens"));
        assert!(!continues("Short title", "Short title and more words"));
        assert!(!continues("Story", "Story | Site"));
    }

    #[test]
    fn below_the_root_a_title_leading_with_the_site_gives_way_to_the_heading() {
        let domain = vec!["reddit".to_owned()];
        let mut c = on_domain(
            &["Reddit - The heart of the internet"],
            &["Enameled Cast Iron Pan and Metal"],
            &domain,
        );
        assert_eq!(
            choose(&c).map(|t| t.0).as_deref(),
            Some("The heart of the internet")
        );
        c.below_root = true;
        assert_eq!(
            choose(&c).map(|t| t.0).as_deref(),
            Some("Enameled Cast Iron Pan and Metal")
        );
    }

    #[test]
    fn page_labels_are_not_headlines() {
        let domain = vec!["nationstates".to_owned()];
        let c = on_domain(&["NationStates • View topic - MLS is Back!"], &[], &domain);
        assert_eq!(choose(&c).map(|t| t.0).as_deref(), Some("MLS is Back!"));
        let c = on_domain(&["Home", "Home | Acme Blog"], &[], &[]);
        assert_eq!(choose(&c).map(|t| t.0).as_deref(), Some("Acme Blog"));
    }

    #[test]
    fn a_site_name_that_is_the_page_s_title_is_no_site_name() {
        let site = vec!["Tech conferences 2026 / 2027".to_owned()];
        let c = Candidates {
            metas: vec!["Tech conferences 2026 / 2027"],
            headings: vec!["Tech conferences 2026 / 2027"],
            site_names: &site,
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).map(|t| t.0).as_deref(),
            Some("Tech conferences 2026 / 2027")
        );
    }

    #[test]
    fn the_domain_is_cut_from_brackets_and_from_the_front() {
        let keys = Sites {
            markup: vec![],
            domain: vec!["zotero".to_owned(), "davidbaucom".to_owned()],
        };
        assert_eq!(
            strip_site("searching [Zotero Documentation]", &keys),
            "searching"
        );
        assert_eq!(strip_site("davidbau.com Vibe Coding", &keys), "Vibe Coding");
        assert_eq!(
            strip_site("Best Laptops (2025 Guide)", &keys),
            "Best Laptops (2025 Guide)"
        );
    }

    #[test]
    fn a_segment_naming_a_product_after_the_site_is_kept() {
        let keys = Sites {
            markup: vec![super::super::key("Visual Studio")],
            domain: vec![],
        };
        assert_eq!(
            strip_site("Visual Studio Community | Visual Studio", &keys),
            "Visual Studio Community"
        );
    }

    #[test]
    fn the_heading_wins_when_markup_agrees() {
        assert_eq!(
            pick(&["Story | Site"], &["Site", "Story"], &["Site"], false).as_deref(),
            Some("Story")
        );
        assert_eq!(
            pick(&["Models — Docs"], &["Models¶"], &[], false).as_deref(),
            Some("Models")
        );
    }

    #[test]
    fn a_long_article_heading_beats_a_rewritten_markup_title() {
        let metas = ["SEO title for search engines - Site"];
        let h1 = ["The headline the reader sees on the page"];
        assert_eq!(pick(&metas, &h1, &["Site"], true).as_deref(), Some(h1[0]));
        assert_eq!(
            pick(&metas, &h1, &["Site"], false).as_deref(),
            Some("SEO title for search engines")
        );
        assert_eq!(
            pick(&metas, &["Blog"], &["Site"], true).as_deref(),
            Some("SEO title for search engines")
        );
    }

    #[test]
    fn a_heading_worded_like_the_markup_title_wins() {
        let metas = ["15 Best Online Tutoring Platforms 2025 | Site"];
        assert_eq!(
            pick(&metas, &["15 Best Tutoring Platforms"], &["Site"], false).as_deref(),
            Some("15 Best Tutoring Platforms")
        );
        assert_eq!(
            pick(&metas, &["Our Services"], &["Site"], false).as_deref(),
            Some("15 Best Online Tutoring Platforms 2025")
        );
    }

    fn printed(metas: &[&str], headings: &[&str], sites: &[&str]) -> (String, String) {
        let sites: Vec<String> = sites.iter().map(|s| (*s).to_owned()).collect();
        let c = Candidates {
            metas: metas.to_vec(),
            headings: headings.to_vec(),
            site_names: &sites,
            article_like: true,
            ..Candidates::default()
        };
        let chosen = choose(&c).expect("a title");
        (as_printed(&chosen, &c), chosen.0)
    }

    #[test]
    fn the_printed_title_loses_what_readers_do_not_see_as_the_headline() {
        let (shown, matched) = printed(
            &["Critics’ Choice 2025"],
            &["Critics’ Choice 2025 – Artlyst"],
            &["Artlyst"],
        );
        assert_eq!(
            (shown.as_str(), matched.as_str()),
            ("Critics’ Choice 2025", "Critics’ Choice 2025 – Artlyst")
        );
        let (shown, matched) = printed(&["Alma — Simplifying Access to Therapy | Alma"], &[], &[]);
        assert_eq!(
            (shown.as_str(), matched.as_str()),
            ("Alma — Simplifying Access to Therapy", "Alma")
        );
        let (shown, _) = printed(&["| Nuts & Volts Magazine"], &["Electronic Gadgets"], &[]);
        assert_eq!(shown, "Electronic Gadgets");
        let (shown, _) = printed(&["Home Re\u{AD}pair Assis\u{200B}tance Program"], &[], &[]);
        assert_eq!(shown, "Home Repair Assistance Program");
    }

    #[test]
    fn nothing_to_choose_from_gives_none() {
        assert_eq!(pick(&[], &[], &[], true), None);
        assert_eq!(
            pick(&[], &["Only heading"], &[], false).as_deref(),
            Some("Only heading")
        );
    }
}
