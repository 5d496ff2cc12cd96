//! The JSON document. Its schema is versioned by [`SCHEMA`] and documented
//! in the README.

use serde_json::{json, Value};

use super::Extraction;

/// Version of the JSON document's schema.
pub const SCHEMA: &str = "thresher/1";

/// Characters of a removed block's text included in `removed[].text`.
const REMOVED_TEXT_CHARS: usize = 200;

/// The JSON document as a value; `source` is the input's path, if any.
pub fn to_value(e: &Extraction, source: Option<&str>) -> Value {
    let m = &e.metadata;
    let removed: Vec<Value> = e
        .selection
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
        .collect();
    json!({
        "schema": SCHEMA,
        "source": source,
        "url": e.url,
        "title": m.title,
        "authors": m.authors,
        "date_published": m.date_published,
        "date_modified": m.date_modified,
        "site_name": m.site_name,
        "language": m.language,
        "description": m.description,
        "canonical_url": m.canonical_url,
        "image": m.image,
        "categories": m.categories,
        "tags": m.tags,
        "encoding": e.encoding,
        "text": e.text,
        "markdown": super::markdown::render(e),
        "removed": removed,
    })
}

/// The JSON document as one line of text.
pub fn render(e: &Extraction, source: Option<&str>) -> String {
    to_value(e, source).to_string()
}
