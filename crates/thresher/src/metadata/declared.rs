//! What the page declares itself to be: schema.org types in JSON-LD and
//! microdata, `og:type`, and whether it states when it was published. The
//! one place these are found; the page type and the block model's features
//! read them from [`Metadata::declared`](super::Metadata::declared).

use crate::dom::{Document, Tag};

/// The page's declarations of its own kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Declared {
    /// The `@type`s of the page's JSON-LD, in page order, once per mention,
    /// lower-case and without the vocabulary's address (`product` for
    /// `https://schema.org/Product`). Found by scanning the scripts rather
    /// than parsing them, so a script too broken to parse still says what
    /// it declares.
    pub json_ld: Vec<String>,
    /// The microdata `itemtype`s, in the same form.
    pub microdata: Vec<String>,
    /// Every `og:type` (a `meta` `property` or `name`), lower-case, trimmed.
    pub og_types: Vec<String>,
    /// The page states when it was published (`datePublished` in JSON-LD
    /// or microdata, `article:published_time`).
    pub published: bool,
}

/// Reads the page's declarations, in one pass over the document.
pub fn read(doc: &Document) -> Declared {
    let mut d = Declared::default();
    for n in doc.descendants(doc.root()) {
        let Some(e) = doc.element(n) else { continue };
        match e.tag {
            Tag::Script
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                for c in doc.children(n) {
                    if let Some(t) = doc.text(c) {
                        json_ld_types(t, &mut d.json_ld);
                        d.published |= t.contains("\"datePublished\"");
                    }
                }
            }
            Tag::Meta => {
                let key = e.attr("property").or_else(|| e.attr("name")).unwrap_or("");
                if key.eq_ignore_ascii_case("og:type") {
                    if let Some(v) = e.attr("content") {
                        d.og_types.push(v.trim().to_ascii_lowercase());
                    }
                }
                d.published |= key.eq_ignore_ascii_case("article:published_time");
            }
            _ => {}
        }
        if let Some(t) = e.attr("itemtype") {
            d.microdata.extend(t.split_whitespace().map(short_type));
        }
        d.published |= e
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
    }
    d
}

/// The `@type` values in a JSON-LD script, found by scanning rather than
/// parsing.
fn json_ld_types(text: &str, out: &mut Vec<String>) {
    let mut rest = text;
    while let Some(at) = rest.find("\"@type\"") {
        rest = rest[at + "\"@type\"".len()..].trim_start();
        let Some(after) = rest.strip_prefix(':') else {
            continue;
        };
        rest = after.trim_start();
        let list = rest.starts_with('[');
        let end = if list { rest.find(']') } else { None };
        let scope = match end {
            Some(e) => &rest[..e],
            None => rest,
        };
        let mut quoted = scope.split('"').skip(1).step_by(2);
        if list {
            out.extend(quoted.map(short_type));
        } else if let Some(t) = quoted.next() {
            out.push(short_type(t));
        }
    }
}

/// `https://schema.org/Product` -> `product`.
fn short_type(t: &str) -> String {
    t.trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .unwrap_or(t)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_types_are_found_without_parsing() {
        let mut out = Vec::new();
        json_ld_types(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type": ["Product", "Thing"]},{"@type":"http://schema.org/Offer"}]"#,
            &mut out,
        );
        assert_eq!(out, ["webpage", "product", "thing", "offer"]);
    }

    #[test]
    fn every_kind_of_declaration_is_read() {
        let doc = crate::dom::parse(
            r#"<html><head><meta property="og:type" content=" Article "><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-02"</script></head>
            <body><div itemscope itemtype="https://schema.org/Recipe"></div></body></html>"#,
            None,
        )
        .expect("parses");
        let d = read(&doc);
        assert_eq!(d.json_ld, ["newsarticle"]);
        assert_eq!(d.microdata, ["recipe"]);
        assert_eq!(d.og_types, ["article"]);
        assert!(d.published);
    }
}
