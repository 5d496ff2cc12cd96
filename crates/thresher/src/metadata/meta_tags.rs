//! `<meta>`, `<link>`, `<title>` and `<html lang>`: what the page tells
//! machines about itself in its markup — Open Graph (`og:*`, `article:*`),
//! Twitter cards, Dublin Core (`dc.*`), Parse.ly, Sailthru, Highwire
//! (`citation_*`) and microdata `itemprop` on `<meta>`.

use crate::dom::{Document, NodeId, Tag};

/// What a `<meta>` key (its `property`, `name`, `itemprop` or `http-equiv`)
/// feeds. Ranks order sources of the same field: lower is more trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    OgTitle,
    TwitterTitle,
    OtherTitle,
    SiteName,
    AppName,
    Author,
    /// Highwire's `citation_author`, often written "Last, First".
    CitationAuthor,
    Published(u8),
    Modified(u8),
    Image(u8),
    Description(u8),
    Section,
    Tag,
    Keywords,
    Language,
    Locale,
    OgType,
    OgUrl,
    /// `twitter:labelN`: what the card's Nth extra line is ("Written by").
    CardLabel(u8),
    /// `twitter:dataN`: the card's Nth extra line ("Jane Doe").
    CardData(u8),
}

/// The field a `<meta>` key feeds, by its lower-cased key.
fn field(key: &str) -> Option<Field> {
    use Field::*;
    Some(match key {
        "og:title" => OgTitle,
        "twitter:title" => TwitterTitle,
        "dc.title" | "dcterms.title" | "parsely-title" | "sailthru.title" | "citation_title"
        | "headline" => OtherTitle,
        "og:site_name" => SiteName,
        "application-name" | "apple-mobile-web-app-title" => AppName,
        "author" | "article:author" | "og:article:author" | "parsely-author"
        | "sailthru.author" | "dc.creator" | "dcterms.creator" | "byl" | "cxenseparse:author" => {
            Author
        }
        "citation_author" => CitationAuthor,
        "article:published_time" | "og:article:published_time" | "datepublished" => Published(0),
        "parsely-pub-date" | "sailthru.date" | "article.published" | "published_time"
        | "og:published_time" | "publish-date" | "publish_date" | "publishdate" | "pubdate"
        | "date.published" | "published" | "published-date" | "published_date"
        | "date-published" | "date_published" | "publication-date" | "publication_date" => {
            Published(1)
        }
        "dc.date.issued"
        | "dcterms.issued"
        | "citation_publication_date"
        | "citation_date"
        | "citation_online_date"
        | "dc.date"
        | "dcterms.date"
        | "dcterms.created"
        | "dc.date.created"
        | "release_date" => Published(2),
        "article:modified_time" | "og:article:modified_time" | "datemodified" => Modified(0),
        "og:updated_time" | "dcterms.modified" | "dc.date.modified" | "last-modified"
        | "lastmod" | "article.updated" => Modified(1),
        "og:image" | "og:image:url" | "og:image:secure_url" => Image(0),
        "twitter:image" | "twitter:image:src" | "image" => Image(1),
        "description" => Description(0),
        "og:description" => Description(1),
        "twitter:description" | "dc.description" | "dcterms.description" => Description(2),
        "article:section" | "og:article:section" | "parsely-section" | "articlesection" => Section,
        "article:tag" | "og:article:tag" | "parsely-tags" | "sailthru.tags" | "news_keywords" => {
            Tag
        }
        "keywords" => Keywords,
        "content-language" | "language" | "dc.language" | "dcterms.language" | "inlanguage" => {
            Language
        }
        "og:locale" => Locale,
        "og:type" => OgType,
        "og:url" => OgUrl,
        _ => return card_line(key),
    })
}

/// `twitter:label1`..`twitter:data9`: the extra lines of a Twitter card,
/// which CMSs fill with the writer ("Written by" / "Jane Doe").
fn card_line(key: &str) -> Option<Field> {
    let n = |rest: &str| rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n));
    if let Some(rest) = key.strip_prefix("twitter:label") {
        return n(rest).map(Field::CardLabel);
    }
    key.strip_prefix("twitter:data")
        .and_then(n)
        .map(Field::CardData)
}

/// Card labels whose line names the writer.
const AUTHOR_CARD_LABELS: &[&str] = &["written by", "author", "by", "posted by"];

/// What the page's markup says, before merging with other sources.
#[derive(Clone, Debug, Default)]
pub(crate) struct MetaTags {
    /// `og:title`.
    pub og_title: Option<String>,
    /// `twitter:title`.
    pub twitter_title: Option<String>,
    /// `<title>`.
    pub title_tag: Option<String>,
    /// Dublin Core, Parse.ly, Sailthru and citation titles.
    pub other_titles: Vec<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// `application-name`.
    pub app_name: Option<String>,
    /// Authors' names (or URLs, which the merge drops), as written.
    pub authors: Vec<String>,
    /// Publication dates as written, most trusted first.
    pub published: Vec<String>,
    /// Modification dates as written, most trusted first.
    pub modified: Vec<String>,
    /// The page's image, most trusted first.
    pub images: Vec<String>,
    /// Descriptions, most trusted first.
    pub descriptions: Vec<String>,
    /// `<link rel=canonical>`, else `og:url`.
    pub canonical: Option<String>,
    /// `article:section` and the like.
    pub sections: Vec<String>,
    /// `article:tag` and the like.
    pub tags: Vec<String>,
    /// `<meta name=keywords>`: often stuffed, so only a fallback for tags.
    pub keywords: Vec<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// `content-language`, `dc.language`, `og:locale`, in that order.
    pub declared_languages: Vec<String>,
    /// `og:type`.
    pub og_type: Option<String>,
}

/// Values collected with their rank, sorted once at the end.
#[derive(Default)]
struct Ranked(Vec<(u8, String)>);

impl Ranked {
    fn push(&mut self, rank: u8, value: String) {
        self.0.push((rank, value));
    }

    fn into_sorted(mut self) -> Vec<String> {
        self.0.sort_by_key(|(rank, _)| *rank);
        let mut out: Vec<String> = Vec::with_capacity(self.0.len());
        for (_, v) in self.0 {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// Reads the document's `<meta>`, `<link>`, `<title>` and `<html>` elements
/// among `markup`, the elements the walk over the page set aside.
pub(crate) fn read(doc: &Document, markup: &[NodeId]) -> MetaTags {
    let mut m = MetaTags::default();
    let (mut published, mut modified, mut images, mut descriptions) = (
        Ranked::default(),
        Ranked::default(),
        Ranked::default(),
        Ranked::default(),
    );
    let mut og_url = None;
    let mut locale = None;
    let (mut card_labels, mut card_data) = (Vec::new(), Vec::new());
    for &n in markup {
        match doc.tag(n) {
            Some(Tag::Meta) => {
                let Some((f, value)) = meta_entry(doc, n) else {
                    continue;
                };
                match f {
                    Field::OgTitle => set_once(&mut m.og_title, value),
                    Field::TwitterTitle => set_once(&mut m.twitter_title, value),
                    Field::OtherTitle => m.other_titles.push(value),
                    Field::SiteName => set_once(&mut m.site_name, value),
                    Field::AppName => set_once(&mut m.app_name, value),
                    Field::Author => m.authors.push(value),
                    Field::CitationAuthor => m.authors.push(first_last(&value)),
                    Field::Published(r) => published.push(r, value),
                    Field::Modified(r) => modified.push(r, value),
                    Field::Image(r) => images.push(r, value),
                    Field::Description(r) => descriptions.push(r, value),
                    Field::Section => m.sections.extend(split_list(&value)),
                    Field::Tag => m.tags.extend(split_list(&value)),
                    Field::Keywords => m.keywords.extend(split_list(&value)),
                    Field::Language => m.declared_languages.push(value),
                    Field::Locale => set_once(&mut locale, value),
                    Field::OgType => set_once(&mut m.og_type, value.to_ascii_lowercase()),
                    Field::OgUrl => set_once(&mut og_url, value),
                    Field::CardLabel(i) => card_labels.push((i, value)),
                    Field::CardData(i) => card_data.push((i, value)),
                }
            }
            Some(Tag::Link) => read_link(doc, n, &mut m, &mut images),
            Some(Tag::Title) if m.title_tag.is_none() && !in_svg(doc, n) => {
                m.title_tag = clean(&doc.text_content(n));
            }
            Some(Tag::Html) if m.html_lang.is_none() => {
                m.html_lang = doc
                    .attr(n, "lang")
                    .or_else(|| doc.attr(n, "xml:lang"))
                    .and_then(clean);
            }
            _ => {}
        }
    }
    m.declared_languages.extend(locale);
    for (i, label) in &card_labels {
        let names_writer = AUTHOR_CARD_LABELS
            .iter()
            .any(|l| label.trim().eq_ignore_ascii_case(l));
        if names_writer {
            let data = card_data.iter().filter(|(j, _)| j == i);
            m.authors.extend(data.map(|(_, v)| v.clone()));
        }
    }
    m.published = published.into_sorted();
    m.modified = modified.into_sorted();
    m.images = images.into_sorted();
    m.descriptions = descriptions.into_sorted();
    if m.canonical.is_none() {
        m.canonical = og_url;
    }
    m
}

/// The field and the value of one `<meta>` element.
fn meta_entry(doc: &Document, n: NodeId) -> Option<(Field, String)> {
    let value = clean(doc.attr(n, "content")?)?;
    ["property", "name", "itemprop", "http-equiv"]
        .iter()
        .filter_map(|a| doc.attr(n, a))
        .find_map(|key| field(&key.trim().to_ascii_lowercase()))
        .map(|f| (f, value))
}

fn read_link(doc: &Document, n: NodeId, m: &mut MetaTags, images: &mut Ranked) {
    let (Some(rel), Some(href)) = (doc.attr(n, "rel"), doc.attr(n, "href").and_then(clean)) else {
        return;
    };
    for token in rel.split_ascii_whitespace() {
        if token.eq_ignore_ascii_case("canonical") && m.canonical.is_none() {
            m.canonical = Some(href.clone());
        } else if token.eq_ignore_ascii_case("image_src") {
            images.push(2, href.clone());
        }
    }
}

/// "Roe, John" -> "John Roe": citation tags list surname first.
fn first_last(name: &str) -> String {
    match name.split_once(',') {
        Some((last, first)) if !first.contains(',') && !first.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.to_owned(),
    }
}

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// `<title>` inside an inline SVG names the drawing, not the page.
fn in_svg(doc: &Document, n: NodeId) -> bool {
    doc.ancestors_and_self(n)
        .any(|a| doc.tag(a) == Some(Tag::Svg))
}

fn clean(s: &str) -> Option<String> {
    let s = super::collapse_whitespace(&super::decode_entities(s));
    (!s.is_empty()).then_some(s)
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(super::collapse_whitespace)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(head: &str) -> MetaTags {
        let html = format!("<html lang='en-GB'><head>{head}</head><body></body></html>");
        let doc = crate::dom::parse(&html, None).expect("parses");
        let all: Vec<NodeId> = doc.descendants(doc.root()).collect();
        read(&doc, &all)
    }

    #[test]
    fn a_card_line_labelled_written_by_names_the_author() {
        let m = tags(
            "<meta name='twitter:label1' content='Written by'>\
             <meta name='twitter:data1' content='Nawaz Dhandala'>\
             <meta name='twitter:label2' content='Est. reading time'>\
             <meta name='twitter:data2' content='9 minutes'>",
        );
        assert_eq!(m.authors, ["Nawaz Dhandala"]);
    }

    #[test]
    fn plain_publication_date_names_are_read() {
        for name in ["published", "published-date", "publication_date"] {
            let m = tags(&format!("<meta name='{name}' content='July 17, 2025'>"));
            assert_eq!(m.published, ["July 17, 2025"], "{name}");
        }
    }

    #[test]
    fn reads_open_graph_and_article_tags() {
        let m = tags(
            "<title>Story | Site</title>
             <meta property='og:title' content='Story'>
             <meta property='og:site_name' content='Site'>
             <meta property='article:published_time' content='2022-01-28T16:42:10Z'>
             <meta property='article:modified_time' content='2022-01-29'>
             <meta property='article:section' content='World'>
             <meta property='article:tag' content='a'><meta property='article:tag' content='b'>
             <meta property='og:image' content='/i.jpg'>
             <meta name='author' content='Jane Doe'>
             <link rel='canonical' href='https://x.test/story'>",
        );
        assert_eq!(m.og_title.as_deref(), Some("Story"));
        assert_eq!(m.title_tag.as_deref(), Some("Story | Site"));
        assert_eq!(m.site_name.as_deref(), Some("Site"));
        assert_eq!(m.published, ["2022-01-28T16:42:10Z"]);
        assert_eq!(m.modified, ["2022-01-29"]);
        assert_eq!(m.sections, ["World"]);
        assert_eq!(m.tags, ["a", "b"]);
        assert_eq!(m.images, ["/i.jpg"]);
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.canonical.as_deref(), Some("https://x.test/story"));
        assert_eq!(m.html_lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn ranks_date_sources_and_reads_other_vocabularies() {
        let m = tags(
            "<meta name='dc.date' content='2020-01-01'>
             <meta name='parsely-pub-date' content='2021-02-02'>
             <meta itemprop='datePublished' content='2022-03-03'>
             <meta name='citation_author' content='Roe, John'>
             <meta http-equiv='content-language' content='de'>
             <meta property='og:locale' content='fr_FR'>",
        );
        assert_eq!(m.published, ["2022-03-03", "2021-02-02", "2020-01-01"]);
        assert_eq!(m.authors, ["John Roe"]);
        assert_eq!(m.declared_languages, ["de", "fr_FR"]);
    }
}
