//! Clean article HTML, safe to show.
//!
//! The output is generated from blocks, never copied from the source: the
//! only elements written are `article`, `h1`–`h6`, `p`, `ul`, `ol`, `li`,
//! `table`, `tr`, `th`, `td`, `pre`, `code`, `blockquote`, `em`, `strong`,
//! `a`, `img`, `br` and `span` (a formula: `<span class="math inline">\(…\)`
//! or `math display` with `\[…\]`, its LaTeX as text, the way pandoc
//! writes it for MathJax and KaTeX to render); the only attributes `href`,
//! `src`, `alt` and those two classes; all
//! text and attribute values are escaped; and addresses are resolved against
//! the page's URL and kept only for http(s), mailto, tel and ftp. So no
//! script, style, event handler, `javascript:`/`data:` URL or iframe can
//! survive, whatever the page held.

use super::layout::{self, Node, Table};
use super::url::Resolver;
use super::Extraction;
use crate::blocks::{Block, Inline, Marks};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            _ => out.push(c),
        }
    }
    out
}

/// True for URLs that cannot run script when followed or loaded.
pub fn is_safe_url(url: &str) -> bool {
    super::url::is_safe(url)
}

/// Renders the kept blocks as HTML.
pub fn render(e: &Extraction) -> String {
    let kept: Vec<&Block> = e.shown_blocks().collect();
    let r = Resolver::new(e.url.as_deref()).with_options(e.options);
    let mut out = String::from("<article>\n");
    nodes(&layout::layout(&kept), &r, &mut out);
    out.push_str("</article>\n");
    out
}

fn nodes(nodes: &[Node<'_>], r: &Resolver, out: &mut String) {
    for n in nodes {
        node(n, r, out);
    }
}

fn node(n: &Node<'_>, r: &Resolver, out: &mut String) {
    match n {
        Node::Heading(level, b) => {
            out.push_str(&format!("<h{level}>"));
            inlines(b, r, out);
            out.push_str(&format!("</h{level}>\n"));
        }
        Node::Paragraph(b) => {
            out.push_str("<p>");
            inlines(b, r, out);
            out.push_str("</p>\n");
        }
        Node::Code(b) => {
            match b.code_language.as_deref() {
                // `code_language` keeps only letters, digits and `+#._-`:
                // nothing to escape.
                Some(lang) => out.push_str(&format!("<pre><code class=\"language-{lang}\">")),
                None => out.push_str("<pre><code>"),
            }
            out.push_str(&escape(&layout::preformatted(b)));
            out.push_str("</code></pre>\n");
        }
        Node::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>\n"));
            for item in items {
                out.push_str("<li>");
                match item.as_slice() {
                    [Node::Paragraph(b)] => inlines(b, r, out),
                    [Node::Paragraph(b), rest @ ..]
                        if rest.iter().all(|n| matches!(n, Node::List { .. })) =>
                    {
                        inlines(b, r, out);
                        out.push('\n');
                        nodes(rest, r, out);
                    }
                    _ => {
                        out.push('\n');
                        nodes(item, r, out);
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(&format!("</{tag}>\n"));
        }
        Node::Table(t) => table(t, r, out),
        Node::Quote(inner) => {
            out.push_str("<blockquote>\n");
            nodes(inner, r, out);
            out.push_str("</blockquote>\n");
        }
    }
}

fn table(t: &Table<'_>, r: &Resolver, out: &mut String) {
    out.push_str("<table>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            let tag = if cell.as_ref().is_some_and(|c| c.header) {
                "th"
            } else {
                "td"
            };
            out.push_str(&format!("<{tag}>"));
            if let Some(c) = cell {
                for (i, b) in c.blocks.iter().enumerate() {
                    if i > 0 {
                        out.push_str("<br>");
                    }
                    inlines(b, r, out);
                }
            }
            out.push_str(&format!("</{tag}>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn inlines(b: &Block, r: &Resolver, out: &mut String) {
    let items = &b.inlines;
    let start = out.len();
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Inline::Text { href: Some(h), .. } => {
                let symbol = super::is_symbol_anchor(items, i);
                let url = r.link(h).filter(|_| !symbol);
                if let Some(u) = &url {
                    out.push_str(&format!("<a href=\"{}\">", escape(u)));
                }
                while let Some(Inline::Text {
                    text,
                    marks,
                    href: Some(h2),
                }) = items.get(i)
                {
                    if h2 != h {
                        break;
                    }
                    if !symbol {
                        run(text, *marks, out);
                    }
                    i += 1;
                }
                if url.is_some() {
                    out.push_str("</a>");
                }
            }
            Inline::Text {
                text,
                marks,
                href: None,
            } => {
                run(text, *marks, out);
                i += 1;
            }
            Inline::Image {
                src,
                alt,
                decorative,
            } => {
                if let Some(src) = r.image(src, *decorative) {
                    let markup = format!("<img src=\"{}\" alt=\"{}\">", escape(&src), escape(alt));
                    super::push_image(out, &markup, items.get(i + 1));
                }
                i += 1;
            }
            Inline::LineBreak => {
                out.push_str("<br>");
                i += 1;
            }
            Inline::Formula {
                tex,
                display: false,
            } => {
                out.push_str(&format!(
                    "<span class=\"math inline\">\\({}\\)</span>",
                    escape(tex)
                ));
                i += 1;
            }
            Inline::Formula { tex, display: true } => {
                out.push_str(&format!(
                    "<span class=\"math display\">\\[{}\\]</span>",
                    escape(tex)
                ));
                i += 1;
            }
        }
    }
    let trimmed = out[start..].trim().to_owned();
    out.truncate(start);
    out.push_str(&trimmed);
}

fn run(text: &str, marks: Marks, out: &mut String) {
    let tags: Vec<&str> = [
        (marks.strong, "strong"),
        (marks.emphasis, "em"),
        (marks.code, "code"),
    ]
    .into_iter()
    .filter_map(|(on, tag)| on.then_some(tag))
    .collect();
    for t in &tags {
        out.push_str(&format!("<{t}>"));
    }
    out.push_str(&escape(text));
    for t in tags.iter().rev() {
        out.push_str(&format!("</{t}>"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::all_kept;

    fn html(src: &str, url: Option<&str>) -> String {
        render(&all_kept(src, url))
    }

    #[test]
    fn script_urls_are_not_safe() {
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JavaScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
        assert!(is_safe_url("https://example.com/a"));
        assert!(is_safe_url("/relative/path"));
    }

    #[test]
    fn links_and_images_can_be_left_out() {
        let mut e = crate::render::tests::all_kept(
            "<p>See <a href='/docs'>the docs</a> <img src='i.png' alt='cat'>.</p>",
            None,
        );
        e.options.links = false;
        e.options.images = false;
        let out = render(&e);
        assert!(!out.contains("<a ") && !out.contains("<img"), "{out}");
        assert!(out.contains("<p>See the docs"), "{out}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b onclick=\"x\">"),
            "&lt;b onclick=&quot;x&quot;&gt;"
        );
    }

    #[test]
    fn formulas_are_escaped_latex_in_math_spans() {
        assert_eq!(
            html(
                "<p>If <math alttext='a<b'></math> then <math display=block alttext='</span><script>'></math></p>",
                None
            ),
            "<article>\n<p>If <span class=\"math inline\">\\(a&lt;b\\)</span> then \
             <span class=\"math display\">\\[&lt;/span&gt;&lt;script&gt;\\]</span></p>\n</article>\n"
        );
    }

    #[test]
    fn structure_is_rebuilt_from_blocks() {
        assert_eq!(
            html(
                "<h2 class=x>T</h2><p style='color:red'>a <em>b</em> <a href='/l' onclick='x()'>c</a></p>\
                 <ol><li>one<ul><li>n</li></ul></li><li>two</li></ol>\
                 <table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table>\
                 <blockquote><p>q</p></blockquote><pre>  x &lt; y</pre>",
                Some("https://example.com/p/")
            ),
            "<article>\n<h2>T</h2>\n<p>a <em>b</em> <a href=\"https://example.com/l\">c</a></p>\n\
             <ol>\n<li>one\n<ul>\n<li>n</li>\n</ul>\n</li>\n<li>two</li>\n</ol>\n\
             <table>\n<tr><th>k</th><th>v</th></tr>\n<tr><td>1</td><td>2</td></tr>\n</table>\n\
             <blockquote>\n<p>q</p>\n</blockquote>\n<pre><code>  x &lt; y</code></pre>\n</article>\n"
        );
    }
}
