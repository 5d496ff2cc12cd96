//! Tree construction, one rule per test.

use crate::dom::outline;
use crate::dom::parse::{parse_with_limits, Limits};
use crate::dom::{parse, Tag};

/// Parses with no depth limit, to show the tree builder itself stays linear.
fn parse_deep(html: &str) -> crate::dom::Document {
    parse_with_limits(
        html,
        None,
        Limits {
            tree_depth: usize::MAX,
            nodes: usize::MAX,
        },
    )
    .expect("parses")
    .0
}

fn tree(html: &str) -> String {
    outline(&parse(html, None).expect("parses"))
}

#[test]
fn implies_html_head_and_body() {
    assert_eq!(tree("hi"), "<html>\n  <head>\n  <body>\n    \"hi\"\n");
}

/// The source text each element named `tag` came from, per its span.
fn spans_of(html: &str, tag: Tag) -> Vec<String> {
    let doc = parse(html, None).expect("parses");
    doc.find_all(tag)
        .map(|n| {
            let s = doc.node(n).span;
            html[s.start as usize..s.end as usize].to_owned()
        })
        .collect()
}

#[test]
fn spans_run_from_start_tag_to_end_tag() {
    let html = "<div class=a><span>x</span> y</div>";
    assert_eq!(spans_of(html, Tag::Div), [html]);
    assert_eq!(spans_of(html, Tag::Span), ["<span>x</span>"]);
}

#[test]
fn implicitly_closed_elements_end_where_the_closing_token_starts() {
    let html = "<p>one<p>two</p><ul><li>a<li>b</ul>";
    assert_eq!(spans_of(html, Tag::P), ["<p>one", "<p>two</p>"]);
    assert_eq!(spans_of(html, Tag::Li), ["<li>a", "<li>b"]);
}

#[test]
fn elements_open_at_the_end_run_to_the_end() {
    let html = "<div><p>unclosed";
    assert_eq!(spans_of(html, Tag::Div), [html]);
    assert_eq!(spans_of(html, Tag::Body), [html]);
}

#[test]
fn void_and_raw_text_elements_cover_their_tags() {
    let html = "<p>a<img src='x.png'>b<script>if (a<b) {}</script></p>";
    assert_eq!(spans_of(html, Tag::Img), ["<img src='x.png'>"]);
    assert_eq!(
        spans_of(html, Tag::Script),
        ["<script>if (a<b) {}</script>"]
    );
}

#[test]
fn spans_are_byte_offsets_in_the_source_not_the_decoded_text() {
    let html = "<p>caf\u{e9} &amp; cr\u{e8}me</p><h2>x</h2>";
    assert_eq!(spans_of(html, Tag::H2), ["<h2>x</h2>"]);
    let doc = parse(html, None).expect("parses");
    let p = doc.find(Tag::P).expect("p");
    let text = doc.children(p).next().expect("text");
    let s = doc.node(text).span;
    assert_eq!(
        &html[s.start as usize..s.end as usize],
        "caf\u{e9} &amp; cr\u{e8}me"
    );
}

#[test]
fn implied_table_parts_start_at_the_token_that_implied_them() {
    let html = "<table><tr><td>x</td></tr></table>";
    assert_eq!(spans_of(html, Tag::Tbody), ["<tr><td>x</td></tr>"]);
}

#[cfg(feature = "html5ever")]
#[test]
fn html5ever_records_no_spans() {
    let doc = crate::dom::parse_html5ever("<p>x</p>", None).expect("parses");
    let p = doc.find(Tag::P).expect("p");
    assert_eq!(doc.node(p).span, crate::dom::Span::default());
}

/// Nodes on the path from the root to the deepest node (in linear time:
/// 100,000 levels would make a per-node ancestor walk quadratic).
fn depth(doc: &crate::dom::Document) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 1)];
    while let Some((n, d)) = stack.pop() {
        deepest = deepest.max(d);
        stack.extend(doc.children(n).map(|c| (c, d + 1)));
    }
    deepest
}

/// 100,000 levels, far past `MAX_TREE_DEPTH`, unflattened.
const DEEP: usize = 100_000;

#[test]
fn hundred_thousand_nested_divs_parse_without_recursion() {
    let html = "<div>".repeat(DEEP) + "deep" + &"</div>".repeat(DEEP);
    let doc = parse_deep(&html);
    assert!(depth(&doc) > DEEP);
    assert_eq!(doc.text_content(doc.root()), "deep");
}

#[test]
fn unmatched_end_tags_under_deep_inline_nesting_stay_linear() {
    // Each stray end tag must not walk the 100,000 open elements.
    let html = "<span>".repeat(DEEP) + &"</x-a></div></p></li>".repeat(DEEP);
    let doc = parse_deep(&html);
    assert!(depth(&doc) > DEEP);
}

#[test]
fn deep_custom_elements_with_stray_end_tags_stay_linear() {
    let html = "<x-a>".repeat(DEEP) + &"</x-b>".repeat(DEEP) + &"</x-a>".repeat(DEEP);
    parse_deep(&html);
}

#[test]
fn many_distinct_formatting_elements_stay_bounded() {
    let mut html = String::new();
    for i in 0..DEEP {
        html.push_str(&format!("<b id={i}>"));
    }
    html.push_str("<p>x</p><p>y</p>");
    let doc = parse_deep(&html);
    assert!(doc.text_content(doc.root()).contains('y'));
}

#[test]
fn deeply_nested_tables_and_links_parse() {
    let tables = "<table><tr><td>".repeat(DEEP / 10) + "cell";
    parse_deep(&tables);
    let links = "<a href=x>".repeat(DEEP) + "link";
    let doc = parse_deep(&links);
    // Each `<a>` closes the one before: they end up siblings, not nested.
    assert!(depth(&doc) < 10);
}

#[test]
fn reset_after_deep_inline_nesting_stays_linear() {
    let html = "<span>".repeat(DEEP) + &"<table></table>".repeat(DEEP / 10);
    parse_deep(&html);
}
