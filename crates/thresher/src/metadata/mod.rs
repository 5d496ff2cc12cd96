//! Document -> Metadata: title, authors, dates, site, language, lead image.
//!
//! Three readers look at the page independently — [`json_ld`] (schema.org
//! data), [`meta_tags`] (`<meta>`, `<link>`, `<title>`) and [`dom_hints`]
//! (what a reader sees: the `<h1>`, the byline, `<time>`, the lead figure) —
//! and [`extract`] merges what they found field by field, most trusted
//! source first. Each field's merge is one small function below.
//!
//! Restraint matters as much as recall: a date or author that the page does
//! not state is left out rather than guessed.

mod authors;
mod dates;
mod declared;
mod dom_hints;
mod json_ld;
mod meta_tags;
pub mod text;
mod title;

pub use declared::Declared;
pub use json_ld::ItemKind;

use url::Url;

use crate::dom::Document;
use dates::Date;
use dom_hints::{BylineMark, DateHint, DateKind, DateSource, DomHints};
use json_ld::JsonLd;
use meta_tags::MetaTags;

/// The lead image.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Image {
    /// Absolute URL when the page's address is known.
    pub url: Option<String>,
    /// Caption.
    pub caption: Option<String>,
    /// Photographer or agency credit.
    pub credit: Option<String>,
}

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Metadata {
    /// The headline, without the site name.
    pub title: Option<String>,
    /// Authors' names.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub date_published: Option<String>,
    /// Last modification date, ISO 8601.
    pub date_modified: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// Summary the page gives of itself.
    pub description: Option<String>,
    /// `<link rel=canonical>`.
    pub canonical_url: Option<String>,
    /// The lead image.
    pub image: Option<Image>,
    /// Sections.
    pub categories: Vec<String>,
    /// Keywords.
    pub tags: Vec<String>,
    /// What the page's structured data says it is about, a hint for
    /// telling articles from products, forums and listings.
    #[serde(skip)]
    pub(crate) item_kind: Option<ItemKind>,
    /// What the page declares itself to be (schema.org types, `og:type`)
    /// and whether it states when it was published: what the page type and
    /// the block model read, not an output.
    #[serde(skip)]
    pub(crate) declared: Declared,
    /// The headline classification matches blocks against (see
    /// [`Metadata::title_as_matched`]).
    #[serde(skip)]
    pub(crate) title_matched: Option<String>,
}

impl Metadata {
    /// The title as classification matches it against the page's blocks:
    /// typographic apostrophes and single quotes (’ ‘) as typed ('). The
    /// title itself is printed as the site printed it; the block model's
    /// title features were trained on this form, and matching the printed
    /// form instead cost 0.0009 of cross-validated F1 (0.02 on product
    /// pages; `train/EXPERIMENTS.md`, session 6), so it stays until a
    /// retrain that folds both sides is measured.
    ///
    /// It is the headline as [`title::choose`] finds it, before the touches
    /// that make the printed title ([`title::as_printed`]): those came
    /// after the model was trained, and a retrain on the rows they change
    /// is a new draw of the model (`train/EXPERIMENTS.md`, session 7).
    pub(crate) fn title_as_matched(&self) -> Option<String> {
        self.title_matched
            .as_deref()
            .map(|t| t.replace(['\u{2019}', '\u{2018}'], "'"))
    }

    /// What stays once the page is known to be a frame around items rather
    /// than a piece someone wrote ([`PageType::is_authored`](crate::page_type::PageType::is_authored)):
    /// a date the page declares (`datePublished`, `article:published_time`),
    /// but no date read from its text, where it is a listed story's or an
    /// offer's, and no author, where the names found are reviewers',
    /// listed stories' bylines or the shop's. On the WCXB dev pages this
    /// raises restraint (nothing returned where the page names nothing)
    /// from 86.8 % to 91.2 % for dates and from 82.6 % to 91.7 % for
    /// authors, for 5 dates and 12 authors of pages typed wrongly.
    pub fn restrain_to_items(&mut self) {
        if !self.declared.published {
            self.date_published = None;
        }
        self.authors.clear();
    }
}

/// Reads a document's metadata. `url` is the page's address, if known: it
/// resolves relative image and canonical URLs, names the site, and may date
/// the page.
pub fn extract(doc: &Document, url: Option<&str>) -> Metadata {
    let page_url = url.and_then(|u| Url::parse(u).ok());
    let hints = dom_hints::read(doc);
    let ld = json_ld::read(doc, &hints.markup);
    let tags = meta_tags::read(doc, &hints.markup);
    let site_name = site_name(&ld, &tags);
    let markup_site_names = site_names(site_name.as_deref(), &ld, &tags, None);
    let site_names = site_names(site_name.as_deref(), &ld, &tags, page_url.as_ref());
    let domain_names: Vec<String> = page_url
        .as_ref()
        .and_then(Url::host_str)
        .map(host_names)
        .unwrap_or_default();
    let site = authors::SiteNames {
        all: &site_names,
        domain: &domain_names,
    };
    let article_like = is_article_like(&ld, &tags);
    let (published, modified) = dates(&ld, &tags, &hints, article_like, page_url.as_ref());
    let title = title(
        &ld,
        &tags,
        &hints,
        &markup_site_names,
        &domain_names,
        article_like,
        page_url.as_ref(),
    );
    let (title, title_matched) = match title {
        Some(t) => (Some(t.printed), Some(t.matched)),
        None => (None, None),
    };
    Metadata {
        title,
        title_matched,
        authors: authors(&ld, &tags, &hints, site, article_like),
        date_published: published.map(|d| d.iso()),
        date_modified: modified.map(|d| d.iso()),
        language: language(&ld, &tags, &hints),
        description: tags
            .descriptions
            .first()
            .cloned()
            .or_else(|| ld.description.clone()),
        canonical_url: tags
            .canonical
            .as_deref()
            .map(|c| resolve(c, page_url.as_ref())),
        image: image(&ld, &tags, &hints, page_url.as_ref()),
        categories: first_non_empty(&[&ld.sections, &tags.sections]),
        tags: first_non_empty(&[&ld.keywords, &tags.tags, &tags.keywords]),
        item_kind: ld.kind,
        declared: declared::read(doc),
        site_name,
    }
}

/// `og:site_name`, else the JSON-LD `WebSite` or publisher, else
/// `application-name`.
fn site_name(ld: &JsonLd, tags: &MetaTags) -> Option<String> {
    tags.site_name
        .clone()
        .or_else(|| ld.website.clone())
        .or_else(|| ld.publisher.clone())
        .or_else(|| tags.app_name.clone())
}

/// Every name the site goes by: to cut from titles and to keep out of the
/// author list.
fn site_names(site: Option<&str>, ld: &JsonLd, tags: &MetaTags, url: Option<&Url>) -> Vec<String> {
    let mut names: Vec<String> = site.into_iter().map(str::to_owned).collect();
    names.extend(ld.website.iter().cloned());
    names.extend(ld.publisher.iter().cloned());
    names.extend(ld.organisations.iter().cloned());
    names.extend(tags.app_name.iter().cloned());
    if let Some(host) = url.and_then(Url::host_str) {
        names.extend(host_names(host));
    }
    names.retain(|n| !key(n).is_empty());
    names
}

/// Second-level labels that are part of a public suffix (`co.uk`,
/// `com.au`): the site's name is the label before them.
const PUBLIC_SECOND_LEVELS: &[&str] = &["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"];

/// Names a host gives a site: `www.the-week.co.uk` gives `the-week.co.uk`
/// and `the-week`.
fn host_names(host: &str) -> Vec<String> {
    let host = host.trim_start_matches("www.");
    let labels: Vec<&str> = host.split('.').collect();
    let mut names = vec![host.to_owned()];
    let n = labels.len();
    let name = match n {
        0 | 1 => None,
        2 => labels.first(),
        _ if PUBLIC_SECOND_LEVELS.contains(&labels[n - 2]) && labels[n - 1].len() == 2 => {
            labels.get(n - 3)
        }
        _ => labels.get(n - 2),
    };
    names.extend(name.map(|s| (*s).to_owned()));
    names
}

/// `og:type`s of written pieces.
const ARTICLE_OG_TYPES: &[&str] = &["article", "blog", "blogposting", "news", "newsarticle"];

/// Whether the page calls itself an article in its markup.
fn is_article_like(ld: &JsonLd, tags: &MetaTags) -> bool {
    ld.kind == Some(ItemKind::Article)
        || tags
            .og_type
            .as_deref()
            .is_some_and(|t| ARTICLE_OG_TYPES.contains(&t))
}

/// `og:type` prefix and schema.org types of things for sale.
const PRODUCT_OG_TYPE: &str = "product";
const PRODUCT_TYPES: &[&str] = &["product", "productgroup"];

/// Whether the page calls itself a product in its markup.
fn is_product_like(ld: &JsonLd, tags: &MetaTags) -> bool {
    tags.og_type
        .as_deref()
        .is_some_and(|t| t.starts_with(PRODUCT_OG_TYPE))
        || ld.types.iter().any(|t| {
            let bare = t.rsplit(['/', ':']).next().unwrap_or(t);
            PRODUCT_TYPES.iter().any(|p| p.eq_ignore_ascii_case(bare))
        })
}

fn title(
    ld: &JsonLd,
    tags: &MetaTags,
    hints: &DomHints,
    site_names: &[String],
    domain_names: &[String],
    article_like: bool,
    page_url: Option<&Url>,
) -> Option<title::Title> {
    let headline = ld
        .headline
        .as_deref()
        .filter(|_| matches!(ld.kind, Some(ItemKind::Article | ItemKind::Discussion)));
    let metas: Vec<&str> = [
        headline,
        tags.og_title.as_deref(),
        tags.twitter_title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(tags.other_titles.iter().map(String::as_str))
    .chain(hints.itemprop_headline.as_deref())
    .chain(tags.title_tag.as_deref())
    .chain(ld.page_name.as_deref())
    .chain(ld.headline.as_deref())
    .collect();
    let headings = if hints.headings.is_empty() {
        &hints.chrome_headings
    } else {
        &hints.headings
    };
    let candidates = title::Candidates {
        metas,
        headings: headings.iter().map(String::as_str).collect(),
        site_names,
        domain_names,
        article_like,
        product_like: is_product_like(ld, tags),
        below_root: page_url.is_some_and(|u| !u.path().trim_matches('/').is_empty()),
    };
    title::choose(&candidates).map(|chosen| title::Title {
        printed: title::as_printed(&chosen, &candidates),
        matched: chosen.0,
    })
}

/// JSON-LD authors, else `<meta>` authors, else the visible byline, else
/// the one person an article's JSON-LD mentions.
///
/// A source that names only an organisation ("USA TODAY", "Cleveland
/// Clinic") gives way to a later one that names a person; a byline that
/// names the same first author and more besides completes a list that
/// markup cut short.
fn authors(
    ld: &JsonLd,
    tags: &MetaTags,
    hints: &DomHints,
    site: authors::SiteNames<'_>,
    article_like: bool,
) -> Vec<String> {
    use authors::{SiteNames, Trust};
    // A name the page types as a person is one, even when it is also the
    // site's name (a personal blog).
    let ld_excluded = if ld.authors_are_people {
        SiteNames::default()
    } else {
        site
    };
    let byline = byline_authors(hints, site);
    let persons = match ld.persons.as_slice() {
        [one] if article_like => authors::clean(
            std::slice::from_ref(one),
            SiteNames::default(),
            Trust::Field,
        ),
        _ => vec![],
    };
    let sources = [
        authors::clean(&ld.authors, ld_excluded, Trust::Field),
        authors::clean(&tags.authors, site, Trust::Field),
        byline.clone(),
        persons,
    ];
    let names_a_person =
        |names: &Vec<String>| names.iter().any(|n| !authors::is_organisation_like(n));
    let chosen_at = sources
        .iter()
        .position(names_a_person)
        .or_else(|| sources.iter().position(|s| !s.is_empty()));
    let mut chosen = chosen_at.map(|i| sources[i].clone()).unwrap_or_default();
    // A markup author that is a login ("andrew.keaveney", "KatieS") gives
    // way to a printed byline that names a person.
    let from_markup = matches!(chosen_at, Some(0 | 1));
    let byline_names_a_person = byline.iter().any(|n| authors::is_person_shaped(n));
    if from_markup
        && byline_names_a_person
        && chosen.iter().all(|n| authors::is_login(n))
        && !chosen
            .iter()
            .any(|c| byline.iter().any(|b| key(b) == key(c)))
    {
        chosen = byline.clone();
    }
    let completes = |first: Option<&String>| {
        byline.len() > chosen.len()
            && first.is_some_and(|f| {
                key(authors::without_honorific(f)) == key(authors::without_honorific(&byline[0]))
            })
    };
    if completes(chosen.first()) {
        byline
    } else if chosen.is_empty() {
        // The site's own name printed as the byline under the headline
        // ("By ASU Online") is the author when nothing else names one:
        // left out above so that a site name in a menu or a logo is not.
        site_byline_authors(hints)
    } else {
        chosen
    }
}

/// Names a byline after the headline gives when the site's own name is
/// allowed among them.
fn site_byline_authors(hints: &DomHints) -> Vec<String> {
    let after_heading: Vec<&dom_hints::Byline> =
        hints.bylines.iter().filter(|b| b.after_heading).collect();
    names_of_bylines(after_heading, authors::SiteNames::default())
}

/// Names from the page's own byline: the first that yields a name, the
/// main microdata item's author first, then bylines after the headline
/// (before it sit menus and logos), then any.
fn byline_authors(hints: &DomHints, site: authors::SiteNames<'_>) -> Vec<String> {
    names_of_bylines(hints.bylines.iter().collect(), site)
}

/// The names of the first of `bylines` that yields any, the main
/// microdata item's author first, then those after the headline.
fn names_of_bylines(
    mut bylines: Vec<&dom_hints::Byline>,
    site: authors::SiteNames<'_>,
) -> Vec<String> {
    bylines.sort_by_key(|b| (b.mark != BylineMark::MainItem, !b.after_heading));
    bylines
        .iter()
        .map(|b| {
            let trust = match b.mark {
                BylineMark::ByPrefix => authors::Trust::Prose,
                BylineMark::MainItem => authors::Trust::Field,
                _ => authors::Trust::Byline,
            };
            authors::clean(std::slice::from_ref(&b.text), site, trust)
        })
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// `<time>` elements beyond which a page is a list of dated items (a
/// listing, a blog index) and an unmarked date is not the page's own.
const MAX_UNMARKED_TIMES: usize = 3;

/// Publication and modification dates.
///
/// The date a page shows next to its headline is the one its readers take
/// for its date, and it wins: many pages show only "Updated March 3" and
/// keep the first publication date in markup alone. Without one, the
/// markup's publication date is taken, then (for articles) the date of the
/// `WebPage` item, an unmarked date in a page with few dates, and the URL.
fn dates(
    ld: &JsonLd,
    tags: &MetaTags,
    hints: &DomHints,
    article_like: bool,
    url: Option<&Url>,
) -> (Option<Date>, Option<Date>) {
    let marked = |kind: DateKind| {
        hints
            .dates
            .iter()
            .filter(move |d| {
                d.kind == kind
                    && d.in_body
                    && (d.source != DateSource::Text || kind == DateKind::Published)
            })
            .map(|d| d.value.as_str())
    };
    let markup_published = ld
        .date_published
        .iter()
        .chain(&tags.published)
        .map(String::as_str)
        .chain(marked(DateKind::Published))
        .find_map(dates::parse);
    let modified = ld
        .date_modified
        .iter()
        .chain(&tags.modified)
        .map(String::as_str)
        .chain(marked(DateKind::Modified))
        .chain(ld.page_date_modified.as_deref().filter(|_| article_like))
        .find_map(dates::parse);
    let few_times = hints.time_elements <= MAX_UNMARKED_TIMES;
    let shown = shown_dates(hints);
    let shown_as = |updated: bool| {
        shown
            .iter()
            .filter(|d| (d.kind == DateKind::Modified) == updated)
            .find_map(|d| dates::parse(&d.value))
    };
    let published = shown_as(false)
        .or(markup_published)
        .or_else(|| shown_as(true))
        .or_else(|| {
            marked(DateKind::Unmarked)
                .filter(|_| article_like && few_times)
                .find_map(dates::parse)
        })
        .or_else(|| {
            url.filter(|_| article_like)
                .and_then(|u| dates::from_url_path(u.path()))
        })
        .or_else(|| conversation_start(hints));
    (published, modified)
}

/// Fewest `<time>`s after the heading that make a conversation.
const MIN_CONVERSATION_TIMES: usize = 3;

/// Fewest characters of text between two posts' dates: a post says
/// something, while a column of bare dates (a shop's delivery slots, a
/// calendar) does not.
const MIN_POST_CHARS: usize = 40;

/// The date of a thread's opening post: the page's `<time>`s after its
/// heading run oldest first with text between them, as a conversation's
/// posts do, and the first is when it started. A listing runs newest first
/// and dates nothing.
fn conversation_start(hints: &DomHints) -> Option<Date> {
    let heading = hints.heading_offset?;
    let times: Vec<(usize, Date)> = hints
        .dates
        .iter()
        .filter(|d| d.source == DateSource::Time && d.in_body && d.offset >= heading)
        .filter(|d| d.kind == DateKind::Unmarked)
        .filter_map(|d| Some((d.offset, dates::parse(&d.value)?)))
        .collect();
    let conversation = times.len() >= MIN_CONVERSATION_TIMES
        && times
            .windows(2)
            .all(|w| w[0].1 <= w[1].1 && w[1].0 >= w[0].0 + MIN_POST_CHARS);
    conversation
        .then(|| times.into_iter().next().map(|(_, d)| d))
        .flatten()
}

/// The date printed next to the headline: one labelled as the publication
/// date first, then an unlabelled one, then an "Updated" one. On a page of
/// many dated items (a listing) an unlabelled date is an item's, not the
/// page's.
fn shown_dates(hints: &DomHints) -> Vec<&DateHint> {
    let listing = hints.time_elements > MAX_UNMARKED_TIMES;
    let post_date = if listing {
        opening_post_date(hints)
    } else {
        None
    };
    let mut near: Vec<&DateHint> = hints
        .dates
        .iter()
        .enumerate()
        .filter(|(_, d)| d.in_body && near_headline(hints, d.offset))
        .filter(|&(i, d)| !(listing && d.kind == DateKind::Unmarked) || post_date == Some(i))
        .map(|(_, d)| d)
        .collect();
    near.sort_by_key(|d| d.kind);
    near
}

/// Near the headline, or, on a page without one, near the top of its text.
fn near_headline(hints: &DomHints, offset: usize) -> bool {
    match hints.heading_offset {
        Some(_) => hints.near_heading(offset),
        None => offset <= HEADLESS_DATE_CHARS,
    }
}

/// How far into the text of a page without a headline its date may be
/// printed: the first lines. On the WCXB dev pages 600 finds three dates
/// more; the restraint it costs falls on listings and shops, where the
/// page type withdraws the date again (`Metadata::restrain_to_items`).
const HEADLESS_DATE_CHARS: usize = 600;

/// How close to the headline the date of a thread's opening post sits:
/// just under it (120 characters after, 50 before). On the WCXB dev pages
/// this dates six forum threads more and one page wrongly.
const POST_DATE_AFTER_HEADING_CHARS: usize = 120;
/// See [`POST_DATE_AFTER_HEADING_CHARS`].
const POST_DATE_BEFORE_HEADING_CHARS: usize = 50;

/// The date (its index in `hints.dates`) heading a post under the
/// headline: the first date by the headline, with a post's worth of text
/// before the next date, and no later `<time>` older than it. On a page of
/// many dated items, that one is the thread's own; a column of dates
/// (items with their dates and little else) and a listing's newest-first
/// run are not.
fn opening_post_date(hints: &DomHints) -> Option<usize> {
    let heading = hints.heading_offset?;
    let by_heading = |d: &DateHint| {
        d.offset + POST_DATE_BEFORE_HEADING_CHARS >= heading
            && d.offset <= heading + POST_DATE_AFTER_HEADING_CHARS
    };
    let first = hints.dates.iter().position(by_heading)?;
    let d = &hints.dates[first];
    let later = &hints.dates[first + 1..];
    let text_follows = later
        .iter()
        .find(|next| next.offset > d.offset)
        .map_or(true, |next| next.offset >= d.offset + MIN_POST_CHARS);
    let oldest_first = match dates::parse(&d.value) {
        Some(date) => later
            .iter()
            .filter(|t| t.source == DateSource::Time)
            .filter_map(|t| dates::parse(&t.value))
            .next()
            .map_or(true, |next| next >= date),
        None => false,
    };
    (text_follows && oldest_first).then_some(first)
}

/// The language the markup declares, else the one the text is written in.
/// When the declarations disagree (`lang="en"` on a template, `og:locale`
/// `de_DE` for the story), the text decides between them; if it names
/// neither, the `lang` attribute stands.
fn language(ld: &JsonLd, tags: &MetaTags, hints: &DomHints) -> Option<String> {
    let mut declared: Vec<String> = Vec::new();
    for tag in tags
        .html_lang
        .iter()
        .chain(&tags.declared_languages)
        .chain(&ld.language)
        .filter_map(|l| language_tag(l))
    {
        if !declared.contains(&tag) {
            declared.push(tag);
        }
    }
    match declared.as_slice() {
        [] => detected_language(&hints.text_sample),
        [one] => Some(one.clone()),
        [first, ..] => detected_language(&hints.text_sample)
            .filter(|detected| declared.contains(detected))
            .or_else(|| Some(first.clone())),
    }
}

/// Language subtags that name no language.
const NOT_LANGUAGES: &[&str] = &["x", "i", "und", "zxx", "mul", "mis", "xx"];

/// The primary language subtag of a declared tag: `en-US` and `en_us` give
/// `en`. The region is dropped because templates declare it by default
/// (`en-US` on British sites) and detection cannot supply it either.
fn language_tag(declared: &str) -> Option<String> {
    let primary = declared
        .trim()
        .split(['-', '_', ','])
        .next()?
        .to_ascii_lowercase();
    let valid = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && !NOT_LANGUAGES.contains(&primary.as_str());
    valid.then_some(primary)
}

/// Fewest characters of text worth running detection on.
const MIN_DETECTION_CHARS: usize = 40;

/// The language `whatlang` finds in the text, when it is sure: the
/// two-letter code where one exists.
pub fn detected_language(text: &str) -> Option<String> {
    if text.len() < MIN_DETECTION_CHARS {
        return None;
    }
    let info = whatlang::detect(text)?;
    info.is_reliable()
        .then(|| iso_639_1(info.lang().code()))
        .flatten()
        .map(str::to_owned)
}

/// BCP 47 uses the two-letter ISO 639-1 code where one exists; `whatlang`
/// gives ISO 639-3.
fn iso_639_1(code: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    CODES
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

/// Characters of body text before which a figure still counts as the lead
/// image when it does not show the page's declared image.
const LEAD_FIGURE_MAX_TEXT_BEFORE: usize = 1500;

/// The page's image: its declared address, with the caption and credit of
/// the figure that shows it (or of the lead figure).
fn image(ld: &JsonLd, tags: &MetaTags, hints: &DomHints, url: Option<&Url>) -> Option<Image> {
    let declared = tags.images.first().or(ld.image.as_ref());
    let figure = declared
        .and_then(|d| {
            hints
                .figures
                .iter()
                .find(|f| f.src.as_deref().is_some_and(|s| same_image(s, d)))
        })
        .or_else(|| {
            hints
                .figures
                .iter()
                .find(|f| f.text_before <= LEAD_FIGURE_MAX_TEXT_BEFORE)
        });
    let src = declared.or_else(|| figure.and_then(|f| f.src.as_ref()))?;
    Some(Image {
        url: Some(resolve(src, url)),
        caption: figure.and_then(|f| f.caption.clone()),
        credit: figure.and_then(|f| f.credit.clone()),
    })
}

/// Two addresses of the same picture: equal, or the same file name (CDNs
/// serve one image under several paths and sizes).
fn same_image(a: &str, b: &str) -> bool {
    let file = |s: &str| {
        s.split(['?', '#'])
            .next()
            .and_then(|p| p.rsplit('/').next())
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    a == b || (!file(a).is_empty() && file(a) == file(b))
}

/// `href` made absolute against the page's address, when known.
fn resolve(href: &str, base: Option<&Url>) -> String {
    base.and_then(|b| b.join(href).ok())
        .map_or_else(|| href.to_owned(), |u| u.to_string())
}

fn first_non_empty(lists: &[&Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(list) = lists.iter().find(|l| !l.is_empty()) {
        for item in list.iter() {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
                out.push(item.clone());
            }
        }
    }
    out
}

/// Whitespace runs as single spaces, ends trimmed.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Letters and digits only, lower case: how names and titles are compared.
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Decodes the HTML entities that JSON-LD and `content` attributes carry
/// double-encoded (`&amp;#8217;`, `&quot;`): the parser has decoded one
/// level, CMSs often add a second.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Longest entity looked at, `&#x1F600;` included.
const MAX_ENTITY_LEN: usize = 10;

/// The character an entity at the start of `s` stands for, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(..s.len().min(MAX_ENTITY_LEN))?.find(';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        // The HTML standard's table, as html5ever uses it: keys keep their
        // semicolon; a second code point is needed by none of the entities
        // a title or a name holds.
        let (code, _) = *markup5ever::data::NAMED_ENTITIES.get(&s[1..=end])?;
        char::from_u32(code)?
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str, url: Option<&str>) -> Metadata {
        extract(&crate::dom::parse(html, None).expect("parses"), url)
    }

    #[test]
    fn entities_are_decoded_once_more() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x2014; &bogus; &"),
            "Tom & Jerry’s — &bogus; &"
        );
        assert_eq!(decode_entities("TFC8&reg; caf&eacute;"), "TFC8® café");
    }

    #[test]
    fn a_title_keeps_the_quotes_the_site_printed() {
        let html = "<html><head><title>Macron\u{2019}s call: \u{201c}no offensive plans\u{201d} | Le Monde</title>\
            <meta property='og:title' content='Macron\u{2019}s call: \u{201c}no offensive plans\u{201d}'></head>\
            <body><h1>Macron\u{2019}s call: \u{201c}no offensive plans\u{201d}</h1></body></html>";
        assert_eq!(
            meta(
                html,
                Some("https://www.lemonde.example/world/article/macron")
            )
            .title
            .as_deref(),
            Some("Macron\u{2019}s call: \u{201c}no offensive plans\u{201d}")
        );
        // Entities decode to the characters they stand for.
        let html = "<html><head><meta property='og:title' content='Jerry&#8217;s &amp; Tom&#8217;s'></head><body></body></html>";
        assert_eq!(
            meta(html, None).title.as_deref(),
            Some("Jerry\u{2019}s & Tom\u{2019}s")
        );
    }

    #[test]
    fn host_names_skip_public_suffixes() {
        assert_eq!(
            host_names("www.the-week.co.uk"),
            ["the-week.co.uk", "the-week"]
        );
        assert_eq!(
            host_names("blog.example.com"),
            ["blog.example.com", "example"]
        );
    }

    #[test]
    fn a_thread_is_dated_by_its_opening_post() {
        let page = |times: [&str; 4]| {
            let posts: String = times
                .iter()
                .map(|t| format!("<article><p>A reply worth reading, with a few words of its own.</p><time datetime='{t}'>{t}</time></article>"))
                .collect();
            format!("<html><body><main><h1>Which kettle lasts?</h1>{posts}</main></body></html>")
        };
        let thread = meta(
            &page(["2024-02-25", "2024-02-26", "2024-03-01", "2024-03-02"]),
            None,
        );
        assert_eq!(thread.date_published.as_deref(), Some("2024-02-25"));
        let listing = meta(
            &page(["2024-03-02", "2024-03-01", "2024-02-26", "2024-02-25"]),
            None,
        );
        assert_eq!(listing.date_published, None);
    }

    #[test]
    fn a_date_inside_an_updated_label_is_the_update() {
        let m = meta(
            "<html><head><meta property='article:published_time' content='2024-08-13T06:14:39+00:00'></head>\
             <body><h1>How to pack a van</h1><p class='meta'>Last updated on <span>March 12, 2026</span></p>\
             <p>Start with the heaviest boxes and work towards the door.</p></body></html>",
            None,
        );
        assert_eq!(
            m.date_published.as_deref(),
            Some("2024-08-13T06:14:39+00:00")
        );
    }

    #[test]
    fn a_thread_among_many_dates_is_dated_by_the_post_under_its_title() {
        // The opening post's date sits under the title; replies carry
        // their own, and the sidebar lists other threads' dates in no order.
        let html = "<html><body><h1>Which graphics card for 1440p?</h1>\
             <time datetime='2025-06-14T08:33:11-0400'>Jun 14, 2025</time>\
             <p>I am torn between two cards and would like to hear from owners of either before I buy.</p>\
             <aside><time datetime='2026-03-12'>x</time><time datetime='2014-08-03'>y</time>\
             <time datetime='2018-01-08'>z</time></aside></body></html>";
        assert_eq!(
            meta(html, None).date_published.as_deref(),
            Some("2025-06-14T08:33:11-04:00")
        );
    }

    #[test]
    fn a_labelled_publication_date_counts_wherever_it_is_printed() {
        let body = "<p>Indexes widen a journal's reach, and the work to join them pays back over years.</p>".repeat(20);
        let html = format!("<html><body><article><h1>Why indexing matters</h1>{body}<div class='meta'><span>Posted on April 13, 2023</span></div></article></body></html>");
        assert_eq!(
            meta(&html, None).date_published.as_deref(),
            Some("2023-04-13")
        );
    }

    #[test]
    fn a_page_without_a_headline_is_dated_by_its_first_lines() {
        let html = "<html><body><p>December 17, 2025</p><p>Luke Kim</p>\
             <p>We rebuilt our onboarding around one question, and the answers surprised us.</p></body></html>";
        assert_eq!(
            meta(html, None).date_published.as_deref(),
            Some("2025-12-17")
        );
    }

    #[test]
    fn a_page_of_items_keeps_only_the_date_it_declares() {
        let html = "<html><body><h1>Standing desks</h1><p>By Logan Jones</p><p>March 5, 2026</p></body></html>";
        let mut m = meta(html, None);
        assert!(m.date_published.is_some() && !m.authors.is_empty());
        m.restrain_to_items();
        assert_eq!((m.date_published.as_deref(), m.authors.len()), (None, 0));
        let declared = "<html><head><meta property='article:published_time' content='2025-01-02'></head><body><h1>Desks</h1></body></html>";
        let mut m = meta(declared, None);
        m.restrain_to_items();
        assert_eq!(m.date_published.as_deref(), Some("2025-01-02"));
    }

    #[test]
    fn bylines_name_authors_as_printed() {
        let story = |head: &str, byline: &str| {
            meta(&format!("<html><head>{head}<meta property='og:type' content='article'></head><body><article><h1>Harbour dredging starts in May</h1>{byline}<p>Dredging of the inner harbour will start in May and last six weeks.</p></article></body></html>"), Some("https://harbour-gazette.test/news/dredging"))
        };
        // The site's own name, printed as the byline, when nothing else names anyone.
        let site = "<meta property='og:site_name' content='Harbour Gazette'>";
        let m = story(site, "<p class='byline'>By Harbour Gazette</p>");
        assert_eq!(m.authors, ["Harbour Gazette"]);
        // A login in the markup gives way to the printed name.
        let m = story(
            "<meta name='author' content='jdoe42'>",
            "<p class='byline'>By Jane Doe</p>",
        );
        assert_eq!(m.authors, ["Jane Doe"]);
        // A link to the writer's page is a byline.
        let m = story("", "<p><a href='/authors/jane-doe/'>Jane Doe</a></p>");
        assert_eq!(m.authors, ["Jane Doe"]);
        // A name printed by the writer's portrait; not by any photo.
        let m = story("", "<div class='meta'><img class='avatar' src='/a/jd.jpg' alt='Jane Doe'><span>Jane Doe</span></div>");
        assert_eq!(m.authors, ["Jane Doe"]);
        let m = story(
            "",
            "<div><img src='/p/jd.jpg' alt='Jane Doe'><span>Jane Doe</span></div>",
        );
        assert!(m.authors.is_empty(), "{:?}", m.authors);
        let m = story("", "<div><img src='/p/x.jpg' alt='Headshot of \u{212A}im Lee, MD'><p>\u{212A}im Lee</p></div>");
        assert!(m.authors.len() <= 1);
        // A middle dot ends the names; a weekday starts the date.
        let m = story("", "<p class='byline'>By Jane Doe ⋅ 5 min read</p>");
        assert_eq!(m.authors, ["Jane Doe"]);
        let m = story(
            "",
            "<p class='byline'>By Jane Doe Tuesday, March 3, 2026</p>",
        );
        assert_eq!(m.authors, ["Jane Doe"]);
        // A byline that names the markup's author with a title completes the list.
        let m = story(
            "<meta name='author' content='Jane Doe'>",
            "<p class='byline'>By Dr. Jane Doe and Tom Brown</p>",
        );
        assert_eq!(m.authors, ["Dr. Jane Doe", "Tom Brown"]);
    }

    #[test]
    fn a_commenter_is_not_the_author() {
        let m = meta("<html><body><article><h1>Harbour dredging starts in May</h1><p>Dredging of the inner harbour will start in May.</p></article><section id='comments'><div class='comment'><p class='byline'>By Tom Brown</p><p>About time.</p></div></section></body></html>", None);
        assert!(m.authors.is_empty(), "{:?}", m.authors);
    }

    #[test]
    fn an_unclosed_aside_does_not_hide_the_main_content() {
        let m = meta("<html><body><aside class='banner'>Free delivery this week<main><h1>Harbour dredging starts in May</h1><p class='byline'>By Jane Doe</p><p>Dredging of the inner harbour will start in May.</p></main></body></html>", None);
        assert_eq!(m.authors, ["Jane Doe"]);
    }

    #[test]
    fn language_comes_from_markup_else_from_the_text() {
        let m = meta(
            "<html lang='en-US'><body><p>Bonjour</p></body></html>",
            None,
        );
        assert_eq!(m.language.as_deref(), Some("en"));
        let text = "Der schnelle braune Fuchs springt über den faulen Hund, und die Katze schläft ruhig auf dem warmen Sofa im Wohnzimmer.";
        let m = meta(&format!("<html><body><p>{text}</p></body></html>"), None);
        assert_eq!(m.language.as_deref(), Some("de"));
        // A template's `lang` against the story's `og:locale`: the text decides.
        let m = meta(&format!("<html lang='en'><head><meta property='og:locale' content='de_DE'></head><body><p>{text}</p></body></html>"), None);
        assert_eq!(m.language.as_deref(), Some("de"));
        let m = meta("<html lang='en'><head><meta property='og:locale' content='de_DE'></head><body><p>Hi</p></body></html>", None);
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn image_url_is_resolved_against_the_page() {
        let m = meta(
            "<html><head><meta property='og:image' content='/img/a.jpg'></head></html>",
            Some("https://x.test/news/story"),
        );
        assert_eq!(
            m.image.and_then(|i| i.url).as_deref(),
            Some("https://x.test/img/a.jpg")
        );
    }

    #[test]
    fn no_date_is_invented_for_a_page_without_one() {
        let m = meta("<html><head><title>Kettles | Shop</title></head><body><h1>Kettles</h1><time>2020-01-01</time><time>2020-01-02</time><time>2020-01-03</time><time>2020-01-04</time></body></html>", Some("https://shop.test/2021/05/06/kettles"));
        assert_eq!(m.date_published, None);
    }

    #[test]
    fn the_url_dates_an_article_that_states_no_date() {
        let m = meta("<html><head><meta property='og:type' content='article'></head><body><h1>Story</h1></body></html>", Some("https://x.test/2021/05/06/story"));
        assert_eq!(m.date_published.as_deref(), Some("2021-05-06"));
    }

    /// Every cut of a full page — JSON-LD, bylines, figures broken off at
    /// any point — still yields metadata without a panic.
    #[test]
    fn truncated_pages_never_panic() {
        let page = include_str!("../../tests/fixtures/metadata/news-article-seed/input.html");
        const CUT_STEP: usize = 7;
        for end in (0..page.len())
            .step_by(CUT_STEP)
            .filter(|&i| page.is_char_boundary(i))
        {
            let _ = meta(&page[..end], Some("https://example.test/a"));
        }
    }

    #[test]
    fn junk_input_yields_empty_metadata() {
        for junk in [
            "",
            "<",
            "<html><head><meta></head>",
            "<script type='application/ld+json'>{{{</script>",
            "\u{0}\u{1}",
        ] {
            let _ = meta(junk, Some("not a url"));
        }
    }
}
