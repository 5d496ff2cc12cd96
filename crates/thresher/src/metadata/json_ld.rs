//! `<script type="application/ld+json">`: what the page says about itself
//! in schema.org terms.
//!
//! Blocks may hold one object, an array, or an `@graph`; the item the page is
//! about may sit at the top or be nested (`mainEntity`). Every typed object is
//! collected, the main item is chosen by its type, and references by `@id`
//! (how Yoast and others link an article to its author) are followed.

use std::collections::HashMap;

use serde_json::Value;

use crate::dom::{Document, NodeId, Tag};

/// Nesting followed when collecting typed objects: schema.org data is
/// shallow; deeper levels are product catalogues and breadcrumbs.
const MAX_DEPTH: usize = 12;

/// Typed objects collected per page; beyond this the JSON-LD is a catalogue,
/// and its first items are enough to find the main one.
const MAX_ITEMS: usize = 400;

/// What kind of thing a schema.org type describes, best main item first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A news story, blog post, report or other written piece.
    Article,
    /// A forum thread or a question with answers.
    Discussion,
    /// Something sold, or a recipe, course, event, video...
    Thing,
    /// The page itself (`WebPage` and its subtypes).
    Page,
}

/// Types of written pieces.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "reportagenewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "medicalscholarlyarticle",
    "advertisercontentarticle",
    "satiricalarticle",
];

/// Types of discussions.
const DISCUSSION_TYPES: &[&str] = &["discussionforumposting", "question"];

/// Types describing the page as a whole.
const PAGE_TYPES: &[&str] = &[
    "webpage",
    "itempage",
    "aboutpage",
    "collectionpage",
    "faqpage",
    "profilepage",
    "searchresultspage",
    "qapage",
    "medicalwebpage",
    "contactpage",
    "checkoutpage",
    "realestatelisting",
];

/// Types of organisations: their names are never an author's.
const ORGANISATION_TYPES: &[&str] = &[
    "organization",
    "corporation",
    "newsmediaorganization",
    "localbusiness",
    "educationalorganization",
    "governmentorganization",
    "ngo",
    "onlinebusiness",
    "onlinestore",
    "store",
];

/// Types of things a page may be about other than a written piece: what
/// is sold, cooked, watched, attended or installed. Every other type
/// (`WebSite`, `BreadcrumbList`, `ImageObject`, `SearchAction`...) is site
/// furniture and never the main item.
const THING_TYPES: &[&str] = &[
    "product",
    "productgroup",
    "recipe",
    "event",
    "course",
    "videoobject",
    "howto",
    "softwareapplication",
    "mobileapplication",
    "webapplication",
    "book",
    "movie",
    "jobposting",
    "service",
    "dataset",
    "podcastepisode",
    "musicrecording",
    "vehicle",
    "car",
    "creativework",
];

/// The type of a page of questions and answers written by the site.
const FAQ_PAGE_TYPE: &str = "faqpage";

/// The type of a person: an author.
const PERSON_TYPE: &str = "person";

/// A type's bare lower-case name: `http://schema.org/Article` and
/// `schema:Article` are `article`.
fn type_key(ty: &str) -> String {
    ty.rsplit(['/', ':'])
        .next()
        .unwrap_or(ty)
        .trim()
        .to_ascii_lowercase()
}

/// The kind of a microdata `itemtype` (`https://schema.org/Article`; the
/// attribute may list several types).
pub(crate) fn kind_of_type_url(itemtype: &str) -> Option<ItemKind> {
    itemtype.split_ascii_whitespace().filter_map(kind_of).min()
}

fn kind_of(ty: &str) -> Option<ItemKind> {
    let key = type_key(ty);
    let t = key.as_str();
    if ARTICLE_TYPES.contains(&t) {
        Some(ItemKind::Article)
    } else if DISCUSSION_TYPES.contains(&t) {
        Some(ItemKind::Discussion)
    } else if PAGE_TYPES.contains(&t) {
        Some(ItemKind::Page)
    } else if THING_TYPES.contains(&t) {
        Some(ItemKind::Thing)
    } else {
        None
    }
}

/// What a page's JSON-LD says, before merging with other sources. Dates are
/// raw strings; the merge parses them.
#[derive(Clone, Debug, Default)]
pub(crate) struct JsonLd {
    /// The main item's kind.
    pub kind: Option<ItemKind>,
    /// Every `@type` seen, as written.
    pub types: Vec<String>,
    /// The main item's `headline`, else its `name`.
    pub headline: Option<String>,
    /// The page item's `name` (a `WebPage` names the page, often as its title).
    pub page_name: Option<String>,
    /// Authors' names, as written.
    pub authors: Vec<String>,
    /// Every author came from an object typed `Person`: the page says
    /// outright that these are people, even where a name is also the
    /// site's (a personal blog).
    pub authors_are_people: bool,
    /// Names of every `Person` item.
    pub persons: Vec<String>,
    /// `datePublished` (or `dateCreated`, `uploadDate`) of the main item.
    pub date_published: Option<String>,
    /// `dateModified` of the main item.
    pub date_modified: Option<String>,
    /// `datePublished` of a `WebPage` item: CMSs stamp every page with one,
    /// so it counts only where the page is otherwise an article.
    pub page_date_published: Option<String>,
    /// `dateModified` of a `WebPage` item.
    pub page_date_modified: Option<String>,
    /// The publisher's name, when the publisher is an organisation.
    pub publisher: Option<String>,
    /// The `WebSite` item's name.
    pub website: Option<String>,
    /// Names of every organisation mentioned.
    pub organisations: Vec<String>,
    /// The main item's image URL.
    pub image: Option<String>,
    /// `articleSection`.
    pub sections: Vec<String>,
    /// `keywords`.
    pub keywords: Vec<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `description`.
    pub description: Option<String>,
}

/// Reads every JSON-LD block among `markup`, the elements the walk over
/// the page set aside.
pub(crate) fn read(doc: &Document, markup: &[NodeId]) -> JsonLd {
    let mut values = Vec::new();
    for &script in markup.iter().filter(|&&n| doc.tag(n) == Some(Tag::Script)) {
        let is_ld = doc
            .attr(script, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if is_ld {
            values.extend(parse_block(&doc.text_content(script)));
        }
    }
    let mut items = Vec::new();
    for v in &values {
        collect(v, 0, &mut items);
    }
    describe(&items)
}

/// Parses one block, tolerating what pages put around JSON: HTML comments,
/// CDATA markers, raw line breaks inside strings, several values in a row.
fn parse_block(text: &str) -> Vec<Value> {
    let trimmed = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    let values = parse_values(trimmed);
    if !values.is_empty() {
        return values;
    }
    // Raw control characters inside strings are the most common error.
    let repaired: String = trimmed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    parse_values(&repaired)
}

fn parse_values(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Collects every object with an `@type`, depth first.
fn collect<'v>(v: &'v Value, depth: usize, out: &mut Vec<&'v Value>) {
    if depth > MAX_DEPTH || out.len() >= MAX_ITEMS {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, depth + 1, out)),
        Value::Object(map) => {
            if map.contains_key("@type") {
                out.push(v);
            }
            map.iter()
                .filter(|(k, _)| k.as_str() != "@context")
                .for_each(|(_, child)| collect(child, depth + 1, out));
        }
        _ => {}
    }
}

/// The `@type`s of an item (a string or an array of them).
fn types(item: &Value) -> Vec<&str> {
    match &item["@type"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

fn best_kind(item: &Value) -> Option<ItemKind> {
    types(item).into_iter().filter_map(kind_of).min()
}

fn has_type(item: &Value, set: &[&str]) -> bool {
    types(item)
        .iter()
        .any(|t| set.contains(&type_key(t).as_str()))
}

fn describe(items: &[&Value]) -> JsonLd {
    let by_id: HashMap<&str, &Value> = items
        .iter()
        .filter_map(|v| Some((v["@id"].as_str()?, *v)))
        .collect();
    let mut ld = JsonLd {
        types: items
            .iter()
            .flat_map(|v| types(v))
            .map(str::to_owned)
            .collect(),
        ..JsonLd::default()
    };
    ld.organisations = items
        .iter()
        .filter(|v| is_organisation(v))
        .filter_map(|v| text(&v["name"]))
        .collect();
    ld.persons = items
        .iter()
        .filter(|v| has_type(v, &[PERSON_TYPE]))
        .filter_map(|v| text(&v["name"]))
        .collect();
    ld.website = items
        .iter()
        .find(|v| has_type(v, &["website"]))
        .and_then(|v| text(&v["name"]));
    let page = items.iter().find(|v| best_kind(v) == Some(ItemKind::Page));
    if let Some(page) = page {
        ld.page_name = text(&page["name"]).or_else(|| text(&page["headline"]));
        ld.page_date_published = text(&page["datePublished"]);
        ld.page_date_modified = text(&page["dateModified"]);
    }
    // The questions of an FAQ page are entries in it, not a discussion.
    let faq = items.iter().any(|v| has_type(v, &[FAQ_PAGE_TYPE]));
    let main = items
        .iter()
        .filter_map(|v| Some((best_kind(v)?, *v)))
        .filter(|(k, _)| !(faq && *k == ItemKind::Discussion))
        .min_by_key(|(k, _)| *k);
    let Some((kind, main)) = main else {
        return ld;
    };
    ld.kind = Some(kind);
    ld.headline = text(&main["headline"]).or_else(|| text(&main["name"]));
    let mut authors = people(&main["author"], &by_id);
    if authors.is_empty() {
        authors = people(&main["creator"], &by_id);
    }
    ld.authors_are_people = !authors.is_empty() && authors.iter().all(|(_, person)| *person);
    ld.authors = authors.into_iter().map(|(name, _)| name).collect();
    if kind <= ItemKind::Discussion {
        ld.date_published = ["datePublished", "dateCreated", "uploadDate"]
            .iter()
            .find_map(|k| text(&main[*k]));
        ld.date_modified = text(&main["dateModified"]);
    }
    ld.publisher = organisation_name(&main["publisher"], &by_id)
        .or_else(|| page.and_then(|p| organisation_name(&p["publisher"], &by_id)));
    ld.image = image_url(&main["image"], &by_id)
        .or_else(|| image_url(&main["thumbnailUrl"], &by_id))
        .or_else(|| page.and_then(|p| image_url(&p["primaryImageOfPage"], &by_id)));
    ld.sections = list(&main["articleSection"]);
    ld.keywords = list(&main["keywords"]);
    ld.language = text(&main["inLanguage"]).or_else(|| page.and_then(|p| text(&p["inLanguage"])));
    ld.description = text(&main["description"]);
    ld
}

/// A non-empty string value, whitespace collapsed.
fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        // `"headline": ["A"]`, `"name": {"@value": "A"}`
        Value::Array(a) => return a.iter().find_map(text),
        Value::Object(_) => return text(&v["@value"]),
        _ => return None,
    };
    let s = super::collapse_whitespace(&super::decode_entities(s));
    (!s.is_empty()).then_some(s)
}

/// Strings or comma-separated lists: `"keywords": "a, b"` or `["a", "b"]`.
fn list(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => s
            .split(',')
            .map(super::collapse_whitespace)
            .filter(|s| !s.is_empty())
            .collect(),
        Value::Array(a) => a.iter().filter_map(text).collect(),
        _ => vec![],
    }
}

/// The item `v` stands for: itself, or the item its `@id` points to when it
/// is only a reference.
fn resolve<'v>(v: &'v Value, by_id: &HashMap<&str, &'v Value>) -> &'v Value {
    match v.as_object() {
        Some(map) if !map.contains_key("name") => map
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| by_id.get(id).copied())
            .unwrap_or(v),
        _ => v,
    }
}

/// An organisation that is not also a person (Yoast types a blogger who is
/// their own publisher as both).
fn is_organisation(item: &Value) -> bool {
    has_type(item, ORGANISATION_TYPES) && !has_type(item, &[PERSON_TYPE])
}

/// The name of a publisher given as a string, an object or a reference,
/// unless it is a person.
fn organisation_name(v: &Value, by_id: &HashMap<&str, &Value>) -> Option<String> {
    match v {
        Value::String(_) => text(v),
        Value::Array(a) => a.iter().find_map(|x| organisation_name(x, by_id)),
        Value::Object(_) => {
            let item = resolve(v, by_id);
            if has_type(item, &[PERSON_TYPE]) {
                return None;
            }
            text(&item["name"])
        }
        _ => None,
    }
}

/// Authors' names, each with whether it came from a `Person` object:
/// strings, objects, references, arrays of them. An author typed as an
/// organisation is kept (sites type people wrongly); the merge drops it
/// when it is the site's own name.
fn people(v: &Value, by_id: &HashMap<&str, &Value>) -> Vec<(String, bool)> {
    match v {
        Value::String(_) => text(v).map(|t| (t, false)).into_iter().collect(),
        Value::Array(a) => a.iter().flat_map(|x| people(x, by_id)).collect(),
        Value::Object(_) => {
            let item = resolve(v, by_id);
            let person = has_type(item, &[PERSON_TYPE]);
            text(&item["name"])
                .map(|t| (t, person))
                .into_iter()
                .collect()
        }
        _ => vec![],
    }
}

/// An image's URL: a string, an `ImageObject` (`url` or `contentUrl`), a
/// reference, or the first of an array.
fn image_url(v: &Value, by_id: &HashMap<&str, &Value>) -> Option<String> {
    match v {
        Value::String(_) => text(v),
        Value::Array(a) => a.iter().find_map(|x| image_url(x, by_id)),
        Value::Object(_) => {
            let item = resolve(v, by_id);
            text(&item["url"]).or_else(|| text(&item["contentUrl"]))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> JsonLd {
        let html = format!("<html><head><script type='application/ld+json'>{json}</script></head><body></body></html>");
        let doc = crate::dom::parse(&html, None).expect("parses");
        let all: Vec<NodeId> = doc.descendants(doc.root()).collect();
        read(&doc, &all)
    }

    #[test]
    fn reads_a_news_article_with_nested_author_and_publisher() {
        let l = ld(r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"A headline","datePublished":"2022-01-28T16:42:10Z",
            "dateModified":"2022-01-29","articleSection":"World",
            "keywords":"russia, ukraine","author":[{"@type":"Person","name":"Jane Doe"},
            {"@type":"Person","name":"John Roe"}],
            "publisher":{"@type":"Organization","name":"The Paper"},
            "image":{"@type":"ImageObject","url":"https://x.test/a.jpg"}}"#);
        assert_eq!(l.kind, Some(ItemKind::Article));
        assert_eq!(l.headline.as_deref(), Some("A headline"));
        assert_eq!(l.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(l.date_published.as_deref(), Some("2022-01-28T16:42:10Z"));
        assert_eq!(l.date_modified.as_deref(), Some("2022-01-29"));
        assert_eq!(l.publisher.as_deref(), Some("The Paper"));
        assert_eq!(l.image.as_deref(), Some("https://x.test/a.jpg"));
        assert_eq!(l.sections, ["World"]);
        assert_eq!(l.keywords, ["russia", "ukraine"]);
    }

    #[test]
    fn follows_references_in_a_graph() {
        let l = ld(r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"Site Name"},
            {"@type":"WebPage","@id":"#page","name":"Page - Site Name","datePublished":"2020-05-01"},
            {"@type":"BlogPosting","headline":"Post","author":{"@id":"#me"},
             "publisher":{"@id":"#org"},"datePublished":"2021-03-04"},
            {"@type":"Person","@id":"#me","name":"Ann Author"},
            {"@type":"Organization","@id":"#org","name":"Org"}]}"##);
        assert_eq!(l.authors, ["Ann Author"]);
        assert_eq!(l.publisher.as_deref(), Some("Org"));
        assert_eq!(l.website.as_deref(), Some("Site Name"));
        assert_eq!(l.page_name.as_deref(), Some("Page - Site Name"));
        assert_eq!(l.page_date_published.as_deref(), Some("2020-05-01"));
        assert_eq!(l.date_published.as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn organisation_authors_are_flagged_and_products_have_no_publication_date() {
        let l = ld(
            r#"[{"@type":"Product","name":"Kettle","datePublished":"2020-01-01",
            "author":{"@type":"Organization","name":"Shop"}}]"#,
        );
        assert_eq!(l.kind, Some(ItemKind::Thing));
        assert!(!l.authors_are_people);
        assert_eq!(l.date_published, None);
    }

    #[test]
    fn faq_questions_are_not_the_page_s_subject() {
        let l = ld(r#"{"@graph":[{"@type":"WebPage","name":"Travel Insurance"},
            {"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"What plans are there?"}]}]}"#);
        assert_eq!(l.kind, Some(ItemKind::Page));
        assert_eq!(l.headline.as_deref(), Some("Travel Insurance"));
    }

    #[test]
    fn survives_broken_blocks() {
        for junk in [
            "",
            "{",
            "[1,2",
            "null",
            "\"x\"",
            "{\"@type\":5}",
            "<!-- {\"@type\":\"Article\",\"headline\":\"H\"} -->",
        ] {
            let _ = ld(junk);
        }
        let l = ld("{\"@type\":\"Article\",\"headline\":\"Line\nbreak\"}");
        assert_eq!(l.headline.as_deref(), Some("Line break"));
    }
}
