//! Tree construction, one rule per test.

use crate::dom::differential::outline;
use crate::dom::parse;

fn tree(html: &str) -> String {
    outline(&parse(html, None).expect("parses"))
}

#[test]
fn implies_html_head_and_body() {
    assert_eq!(tree("hi"), "<html>\n  <head>\n  <body>\n    \"hi\"\n");
}
