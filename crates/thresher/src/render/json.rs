//! The JSON document: one object per page, on one line (JSON Lines in
//! batches). Its schema is versioned by [`SCHEMA`]; every field is always
//! present, `null` or empty when unknown, so that consumers need not test
//! for keys.
//!
//! | field | type | meaning |
//! | --- | --- | --- |
//! | `schema` | string | [`SCHEMA`], the version of this layout |
//! | `source` | string or null | the input's path, as the caller gave it |
//! | `url` | string or null | the page's address, as the caller gave it |
//! | `title` | string or null | the headline, without the site's name |
//! | `authors` | list of strings | the authors' names |
//! | `date_published`, `date_modified` | string or null | ISO 8601 |
//! | `site_name` | string or null | the site's name |
//! | `language` | string or null | BCP 47 tag |
//! | `description` | string or null | the summary the page gives of itself |
//! | `canonical_url` | string or null | `<link rel=canonical>` |
//! | `image` | object or null | the lead image: `url`, `caption`, `credit` (each string or null) |
//! | `categories`, `tags` | list of strings | sections and keywords |
//! | `page_type` | string | `article`, `forum`, `product`, `collection`, `listing`, `documentation` or `service` ([`crate::PageType`]) |
//! | `text` | string | the main content as plain text |
//! | `markdown` | string | the main content as GitHub-flavoured Markdown |
//! | `confidence` | number | 0–1, how sure the engine is that it found the main content (`crate::confidence`) |
//! | `encoding` | string | the encoding the page was decoded with (WHATWG name) |
//! | `removed` | list of objects | every removed block, in reading order: `label` ([`crate::Label::name`]), `rule` (the rule that weighed most), `text` (its first [`REMOVED_TEXT_CHARS`] characters), `start` and `end` (byte offsets of the block's element in the decoded source) |

use serde_json::{json, Value};

use super::Extraction;

/// Version of the JSON document's schema.
pub const SCHEMA: &str = "thresher/1";

/// Characters of a removed block's text included in `removed[].text`.
pub const REMOVED_TEXT_CHARS: usize = 200;

/// Top-level fields of the document.
pub const FIELDS: &[&str] = &[
    "schema",
    "source",
    "url",
    "title",
    "authors",
    "date_published",
    "date_modified",
    "site_name",
    "language",
    "description",
    "canonical_url",
    "image",
    "categories",
    "tags",
    "page_type",
    "text",
    "markdown",
    "confidence",
    "encoding",
    "removed",
];

/// Digits kept of `confidence`: more would only be noise.
const CONFIDENCE_DECIMALS: i32 = 3;

/// The document's `removed` list: one object per removed block.
pub fn removed(e: &Extraction) -> Vec<Value> {
    e.selection
        .removed
        .iter()
        .map(|r| {
            let b = &e.blocks[r.block.index()];
            let text: String = b.text.chars().take(REMOVED_TEXT_CHARS).collect();
            json!({
                "label": r.label.name(),
                "rule": r.rule,
                "text": text,
                "start": b.span.start,
                "end": b.span.end,
            })
        })
        .collect()
}

/// The JSON document as a value; `source` is the input's path, if any.
pub fn to_value(e: &Extraction, source: Option<&str>) -> Value {
    let m = &e.metadata;
    let removed = removed(e);
    let image = m.image.as_ref().map(|i| {
        json!({
            "url": i.url,
            "caption": i.caption,
            "credit": i.credit,
        })
    });
    // Rounded in f64: an f32 widened after rounding prints as 0.8960000276.
    let scale = 10f64.powi(CONFIDENCE_DECIMALS);
    let confidence = (f64::from(e.confidence.clamp(0.0, 1.0)) * scale).round() / scale;
    let mut doc = serde_json::Map::new();
    let fields: [(&str, Value); FIELDS.len()] = [
        ("schema", json!(SCHEMA)),
        ("source", json!(source)),
        ("url", json!(e.url)),
        ("title", json!(m.title)),
        ("authors", json!(m.authors)),
        ("date_published", json!(m.date_published)),
        ("date_modified", json!(m.date_modified)),
        ("site_name", json!(m.site_name)),
        ("language", json!(m.language)),
        ("description", json!(m.description)),
        ("canonical_url", json!(m.canonical_url)),
        ("image", json!(image)),
        ("categories", json!(m.categories)),
        ("tags", json!(m.tags)),
        ("page_type", json!(e.page_type.name())),
        ("text", json!(e.text)),
        ("markdown", json!(super::markdown::render(e))),
        ("confidence", json!(confidence)),
        ("encoding", json!(e.encoding)),
        ("removed", json!(removed)),
    ];
    for (k, v) in fields {
        doc.insert(k.to_owned(), v);
    }
    Value::Object(doc)
}

/// The JSON document as one line of text.
pub fn render(e: &Extraction, source: Option<&str>) -> String {
    to_value(e, source).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_field_is_present() {
        let e = crate::extract(b"<html><body><article><p>Some article text that is long enough to keep.</p></article><footer>Copyright 2024 Example Inc.</footer></body></html>")
            .expect("extracts");
        let v = to_value(&e, Some("a.html"));
        let obj = v.as_object().expect("an object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut expected = FIELDS.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(v["schema"], SCHEMA);
        assert_eq!(v["source"], "a.html");
        assert_eq!(v["page_type"], "article");
        assert!(v["confidence"]
            .as_f64()
            .is_some_and(|c| (0.0..=1.0).contains(&c)));
        for r in v["removed"].as_array().expect("removed is a list") {
            for k in ["label", "rule", "text", "start", "end"] {
                assert!(r.get(k).is_some(), "removed[].{k}");
            }
        }
    }
}
