//! GitHub-flavoured Markdown: ATX headings, paragraphs, nested lists
//! (numbered `1.`, `2.` …), GFM tables, fenced code, block quotes, emphasis,
//! inline code, links and images with addresses resolved against the page's
//! URL, and formulas as LaTeX between dollars (`$…$` in the text, `$$` on
//! lines of their own around a display formula).
//!
//! Text is escaped only where it would otherwise turn into markup — a line
//! that starts like a heading, list item or quote; `*`, `_`, `` ` `` and `~`
//! that could open emphasis, code or strike-through; `<` that could open a
//! tag; `&` that could form an entity; `$` beside a formula, where it
//! could open one — so ordinary prose stays readable. A formula's LaTeX is
//! written as it is.

use super::layout::{self, Node, Table};
use super::url::Resolver;
use super::Extraction;
use crate::blocks::{Block, BlockKind, Inline, Marks};

/// Renders the kept blocks as Markdown, after the front matter and the
/// title heading when the options ask for them.
pub fn render(e: &Extraction) -> String {
    let kept: Vec<&Block> = e.shown_blocks().collect();
    let r = Resolver::new(e.url.as_deref()).with_options(e.options);
    let laid_out = layout::layout(&kept);
    let body = crate::invisible::without_invisible(nodes(&laid_out, &r));
    let mut out = String::new();
    if e.options.front_matter {
        out.push_str(&front_matter(e));
    }
    if e.options.title_heading {
        if let Some(title) = e.metadata.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let heading = format!("# {}", escape_text(title.trim(), Escape::default()));
            if !body.starts_with(&heading) {
                out.push_str(&heading);
                if !body.is_empty() {
                    out.push_str("\n\n");
                }
            }
        }
    }
    out.push_str(&body);
    out
}

/// YAML front matter: the title, authors, publication date, address and
/// site the page has, each a double-quoted scalar (a JSON string is one).
fn front_matter(e: &Extraction) -> String {
    let quoted = |s: &str| serde_json::Value::from(s).to_string();
    let m = &e.metadata;
    let mut lines = vec!["---".to_owned()];
    if let Some(title) = &m.title {
        lines.push(format!("title: {}", quoted(title)));
    }
    if !m.authors.is_empty() {
        let names: Vec<String> = m.authors.iter().map(|a| quoted(a)).collect();
        lines.push(format!("authors: [{}]", names.join(", ")));
    }
    if let Some(date) = &m.date_published {
        lines.push(format!("date: {}", quoted(date)));
    }
    if let Some(url) = &e.url {
        lines.push(format!("url: {}", quoted(url)));
    }
    if let Some(site) = &m.site_name {
        lines.push(format!("site: {}", quoted(site)));
    }
    lines.push("---".to_owned());
    lines.join("\n") + "\n\n"
}

fn nodes(nodes: &[Node<'_>], r: &Resolver) -> String {
    let mut out = String::new();
    for n in nodes {
        let s = node(n, r);
        if s.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&s);
    }
    out
}

fn node(n: &Node<'_>, r: &Resolver) -> String {
    match n {
        Node::Heading(level, b) => {
            let text = inlines(&b.inlines, r, false).replace('\n', " ");
            let text = text.trim();
            if text.is_empty() {
                return String::new();
            }
            let text = match text.strip_suffix('#') {
                Some(rest) if rest.ends_with([' ', '#']) => format!("{rest}\\#"),
                _ => text.to_owned(),
            };
            format!("{} {text}", "#".repeat(usize::from(*level)))
        }
        Node::Paragraph(b) => paragraph(b, r),
        Node::Code(b) => code_block(&layout::preformatted(b), b.code_language.as_deref()),
        Node::List { ordered, items } => list(*ordered, items, r),
        Node::Table(t) => table(t, r),
        Node::Quote(inner) => prefix_lines(&nodes(inner, r), "> ", ">"),
    }
}

/// A block's prose: a paragraph for each run its blank lines (from
/// `<br><br>`) or display formulas separate, and a hard line break for
/// each single `<br>`. A display formula is a paragraph of its own.
fn paragraph(b: &Block, r: &Resolver) -> String {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, item) in b.inlines.iter().enumerate() {
        if let Inline::Formula { tex, display: true } = item {
            parts.push(prose(&b.inlines[start..i], r));
            parts.push(display_formula(tex));
            start = i + 1;
        }
    }
    parts.push(prose(&b.inlines[start..], r));
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// A display formula: `$$` on a line before and after its LaTeX. A line
/// of LaTeX that a Markdown reader would take for the start of a list,
/// quote or heading (`- a`) joins the line before it, unless that line
/// holds a `%`, which would make a TeX comment of it.
fn display_formula(tex: &str) -> String {
    let mut lines = vec!["$$".to_owned()];
    for line in tex.lines() {
        let markup = escape_line_start(line) != line.trim_start();
        match lines.last_mut() {
            Some(prev) if markup && !prev.contains('%') => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => lines.push(line.to_owned()),
        }
    }
    lines.push("$$".to_owned());
    lines.join("\n")
}

/// Inline content as paragraphs and hard line breaks.
fn prose(items: &[Inline], r: &Resolver) -> String {
    inlines(items, r, false)
        .split("\n\n")
        .map(|p| {
            p.split('\n')
                .map(escape_line_start)
                .collect::<Vec<_>>()
                .join("\\\n")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn list(ordered: bool, items: &[Vec<Node<'_>>], r: &Resolver) -> String {
    let rendered: Vec<(String, bool)> = items
        .iter()
        .map(|item| {
            let mut body = String::new();
            let mut loose = false;
            for child in item {
                let s = node(child, r);
                if s.is_empty() {
                    continue;
                }
                if !body.is_empty() {
                    let nested = matches!(child, Node::List { .. });
                    loose |= !nested;
                    body.push_str(if nested { "\n" } else { "\n\n" });
                }
                body.push_str(&s);
            }
            (body, loose)
        })
        .filter(|(body, _)| !body.is_empty())
        .collect();
    let loose = rendered.iter().any(|(_, l)| *l);
    let mut out = String::new();
    for (i, (body, _)) in rendered.iter().enumerate() {
        if i > 0 {
            out.push_str(if loose { "\n\n" } else { "\n" });
        }
        let marker = if ordered {
            format!("{}. ", i + 1)
        } else {
            "- ".to_owned()
        };
        let indent = " ".repeat(marker.len());
        let body = prefix_lines(body, &indent, "");
        out.push_str(&marker);
        out.push_str(body.strip_prefix(&indent).unwrap_or(&body));
    }
    out
}

/// Prefixes every line of `s` with `prefix`, and blank lines with `blank`.
fn prefix_lines(s: &str, prefix: &str, blank: &str) -> String {
    s.split('\n')
        .map(|l| {
            if l.is_empty() {
                blank.to_owned()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(t: &Table<'_>, r: &Resolver) -> String {
    // A list in a cell stays there, an item a line.
    let cell_text = |c: &Option<layout::Cell<'_>>| {
        let mut out = String::new();
        let mut previous_item = false;
        for b in c.iter().flat_map(|c| &c.blocks) {
            let text = inlines(&b.inlines, r, true).replace('\n', " ");
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let item = b.kind == BlockKind::ListItem;
            if !out.is_empty() {
                out.push_str(if item || previous_item { "<br>" } else { " " });
            }
            out.push_str(text);
            previous_item = item;
        }
        out
    };
    let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let mut rows = t
        .rows
        .iter()
        .map(|cells| cells.iter().map(cell_text).collect::<Vec<_>>());
    let Some(header) = rows.next() else {
        return String::new();
    };
    let mut out = vec![row(header), row(vec!["---".to_owned(); t.columns])];
    out.extend(rows.map(row));
    out.join("\n")
}

/// A fenced code block whose fence is longer than any backtick run inside,
/// with the language as its info string when the page names one.
fn code_block(code: &str, language: Option<&str>) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    format!("{fence}{}\n{code}\n{fence}", language.unwrap_or(""))
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for x in s.chars() {
        cur = if x == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// A code span that holds `code` verbatim.
fn code_span(code: &str) -> String {
    let ticks = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{code}{pad}{ticks}")
}

/// Inline content as Markdown; line breaks stay `\n` for the caller to
/// turn into hard breaks. In table cells `|` is escaped too. A display
/// formula here (in a heading or a cell, which hold one line) is written
/// on the line, between `$$`.
fn inlines(items: &[Inline], r: &Resolver, in_cell: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    let dollars = items.iter().any(|i| matches!(i, Inline::Formula { .. }));
    let esc = Escape {
        in_link: false,
        in_cell,
        dollars,
    };
    while i < items.len() {
        match &items[i] {
            Inline::Text { href: Some(h), .. } => {
                let symbol = super::is_symbol_anchor(items, i);
                let mut j = i;
                let mut text = String::new();
                while let Some(Inline::Text {
                    text: t,
                    marks,
                    href: Some(h2),
                }) = items.get(j)
                {
                    if h2 != h {
                        break;
                    }
                    text.push_str(&run(
                        t,
                        *marks,
                        Escape {
                            in_link: true,
                            ..esc
                        },
                    ));
                    j += 1;
                }
                if !symbol {
                    out.push_str(&link(&text, h, r));
                }
                i = j;
            }
            Inline::Text {
                text,
                marks,
                href: None,
            } => {
                out.push_str(&run(text, *marks, esc));
                i += 1;
            }
            Inline::Formula { tex, display } => {
                let tex = if *display {
                    tex.replace('\n', " ")
                } else {
                    tex.to_string()
                };
                let tex = if in_cell {
                    tex.replace('|', "\\|")
                } else {
                    tex
                };
                let fence = if *display { "$$" } else { "$" };
                // Formulas side by side would read as one `$$`.
                if out.ends_with('$') {
                    out.push(' ');
                }
                out.push_str(&format!("{fence}{tex}{fence}"));
                i += 1;
            }
            Inline::Image {
                src,
                alt,
                decorative,
            } => {
                if let Some(src) = r.image(src, *decorative) {
                    let alt = escape_text(
                        alt,
                        Escape {
                            in_link: true,
                            ..esc
                        },
                    );
                    let markup = format!("![{alt}]({})", destination(&src));
                    super::push_image(&mut out, &markup, items.get(i + 1));
                }
                i += 1;
            }
            Inline::LineBreak => {
                while out.ends_with(' ') {
                    out.pop();
                }
                // One break ends a line; a second in a row (`<br><br>`,
                // how many pages separate paragraphs) ends the paragraph:
                // a blank line, which `paragraph` splits at.
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                i += 1;
            }
        }
    }
    out.split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn link(text: &str, href: &str, r: &Resolver) -> String {
    let core = text.trim();
    let (lead, trail) = edges(text);
    match r.link(href) {
        Some(url) if !core.is_empty() => format!("{lead}[{core}]({}){trail}", destination(&url)),
        _ => text.to_owned(),
    }
}

/// A link destination that cannot end early.
fn destination(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// Leading and trailing whitespace of `s`, as one space each at most.
fn edges(s: &str) -> (&'static str, &'static str) {
    let lead = if s.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    (lead, trail)
}

/// Where text is written, for what it must escape.
#[derive(Clone, Copy, Default)]
struct Escape {
    /// Inside a link's text or an image's alt: `[` and `]` too.
    in_link: bool,
    /// In a table cell: `|` too.
    in_cell: bool,
    /// Beside a formula: `$` too.
    dollars: bool,
}

/// One run of text with its emphasis.
fn run(text: &str, marks: Marks, esc: Escape) -> String {
    let core = text.trim();
    if core.is_empty() {
        return if text.is_empty() {
            String::new()
        } else {
            " ".to_owned()
        };
    }
    let (lead, trail) = edges(text);
    let s = if marks.code {
        let span = code_span(core);
        if esc.in_cell {
            span.replace('|', "\\|")
        } else {
            span
        }
    } else {
        escape_text(core, esc)
    };
    let delim = match (marks.strong, marks.emphasis) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    format!("{lead}{delim}{s}{delim}{trail}")
}

/// Escapes characters that would start inline markup.
fn escape_text(s: &str, esc: Escape) -> String {
    let Escape {
        in_link,
        in_cell,
        dollars,
    } = esc;
    let chars: Vec<char> = s.chars().collect();
    let tildes = chars.iter().filter(|&&c| c == '~').count();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' => next.is_some_and(|n| n.is_ascii_punctuation()),
            '`' => true,
            '*' => !(space_or_edge(prev) && space_or_edge(next)),
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '~' => tildes > 1,
            '[' => in_link,
            ']' => in_link || matches!(next, Some('(' | '[' | ':')),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => looks_like_entity(&chars[i + 1..]),
            '|' => in_cell,
            '$' => dollars,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn space_or_edge(c: Option<char>) -> bool {
    c.map_or(true, char::is_whitespace)
}

/// Longer names are no HTML character reference (the longest has 31
/// characters), so their `&` needs no escape.
const MAX_ENTITY_NAME_CHARS: usize = 32;

/// True when `rest` (the text after an `&`) would make it an entity.
fn looks_like_entity(rest: &[char]) -> bool {
    let name = rest.strip_prefix(&['#']).unwrap_or(rest);
    let len = name
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    len > 0 && len <= MAX_ENTITY_NAME_CHARS && name.get(len) == Some(&';')
}

/// Escapes what would make a line start a heading, list item, quote,
/// thematic break or setext underline.
fn escape_line_start(line: &str) -> String {
    let line = line.trim_start();
    let bytes = line.as_bytes();
    let followed_by_space = |n: usize| bytes.get(n).map_or(true, |b| *b == b' ' || *b == b'\t');
    let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
    if (1..=6).contains(&hashes) && followed_by_space(hashes) {
        return format!("\\{line}");
    }
    if matches!(bytes.first(), Some(b'-' | b'+' | b'*' | b'>')) && followed_by_space(1) {
        return format!("\\{line}");
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && followed_by_space(digits + 1)
    {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    let rule = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>();
    if !rule.is_empty() && (rule.chars().all(|c| c == '-') || rule.chars().all(|c| c == '=')) {
        return format!("\\{line}");
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::all_kept;

    fn md(html: &str) -> String {
        render(&all_kept(html, None))
    }

    #[test]
    fn headings_paragraphs_and_emphasis() {
        assert_eq!(
            md("<h2>Title</h2><p>Some <b>bold</b>, <i>italic</i> and <code>x_y</code> text.</p>"),
            "## Title\n\nSome **bold**, *italic* and `x_y` text."
        );
    }

    #[test]
    fn nested_and_numbered_lists() {
        assert_eq!(
            md("<ol><li>one<ul><li>a</li><li>b</li></ul></li><li>two</li><li>three</li></ol>"),
            "1. one\n   - a\n   - b\n2. two\n3. three"
        );
    }

    #[test]
    fn items_with_several_paragraphs_are_loose() {
        assert_eq!(
            md("<ul><li><p>a</p><p>a2</p></li><li><p>b</p></li></ul>"),
            "- a\n\n  a2\n\n- b"
        );
    }

    #[test]
    fn tables_become_gfm_tables() {
        assert_eq!(
            md("<table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td><td>1</td></tr><tr><td></td><td>2</td></tr></table>"),
            "| Name | Value |\n| --- | --- |\n| a\\|b | 1 |\n|  | 2 |"
        );
        assert_eq!(
            md("<table><tr><td>x</td><td>y</td></tr></table>"),
            "| x | y |\n| --- | --- |"
        );
    }

    #[test]
    fn a_list_in_a_cell_stays_in_the_cell() {
        assert_eq!(
            md("<table><tr><th>Name</th><th>Stretches</th></tr><tr><td>Maria</td><td><ul><li>Upper bog</li><li>Old mill</li></ul></td></tr><tr><td>Tomas</td><td><ul><li>Fox bridge</li></ul></td></tr></table>"),
            "| Name | Stretches |\n| --- | --- |\n| Maria | Upper bog<br>Old mill |\n| Tomas | Fox bridge |"
        );
    }

    #[test]
    fn symbol_links_to_the_page_itself_are_left_out() {
        assert_eq!(
            md("<h2 id=s>Install<a href='#s'>¶</a></h2><p>See <a href='#s'>install</a>.</p>"),
            "## Install\n\nSee [install](#s)."
        );
    }

    #[test]
    fn decorative_images_are_left_out() {
        assert_eq!(
            md("<p>Text <img src='/pixel.gif' width=1 height=1 alt=''><img src='/a.jpg' alt='A'></p>"),
            "Text ![A](/a.jpg)"
        );
    }

    #[test]
    fn code_blocks_are_fenced_verbatim() {
        assert_eq!(
            md("<pre><code>if a {\n    b(); // *not* emphasis\n}</code></pre>"),
            "```\nif a {\n    b(); // *not* emphasis\n}\n```"
        );
        assert_eq!(md("<pre>a ``` b</pre>"), "````\na ``` b\n````");
    }

    #[test]
    fn code_blocks_name_the_language_the_page_gives() {
        assert_eq!(
            md("<pre><code class='hljs language-python'>print(1)</code></pre>"),
            "```python\nprint(1)\n```"
        );
        assert_eq!(
            md("<div class='highlight highlight-source-rust'><pre>fn main() {}</pre></div>"),
            "```rust\nfn main() {}\n```"
        );
        assert_eq!(md("<pre class='brush: js;'>x()</pre>"), "```js\nx()\n```");
        assert_eq!(
            md("<pre data-lang='C++'>int x;</pre>"),
            "```c++\nint x;\n```"
        );
        // Not a name: no info string, rather than markup in the fence.
        assert_eq!(md("<pre class='language-a`b'>y</pre>"), "```\ny\n```");
    }

    #[test]
    fn links_and_images_resolve_against_the_url() {
        let e = all_kept(
            "<p>See <a href='/docs/x'>the <b>docs</b></a> and <a href='javascript:alert(1)'>this</a>.</p><p><img src='i.png' alt='A [cat]'></p>",
            Some("https://example.com/a/b"),
        );
        assert_eq!(
            render(&e),
            "See [the **docs**](https://example.com/docs/x) and this.\n\n![A \\[cat\\]](https://example.com/a/i.png)"
        );
    }

    #[test]
    fn links_images_and_tables_can_be_left_out() {
        let html = "<p>See <a href='/docs'>the docs</a>.</p><p><img src='i.png' alt='cat'></p>\
                    <table><tr><td>a</td><td>b</td></tr></table><p>After.</p>";
        let mut e = all_kept(html, Some("https://example.com/"));
        e.options = crate::render::RenderOptions {
            tables: false,
            images: false,
            links: false,
            ..Default::default()
        };
        assert_eq!(render(&e), "See the docs.\n\nAfter.");
    }

    #[test]
    fn quotes_are_prefixed() {
        assert_eq!(
            md("<blockquote><p>a</p><p>b</p></blockquote>"),
            "> a\n>\n> b"
        );
    }

    #[test]
    fn text_that_would_become_markup_is_escaped() {
        assert_eq!(md("<p># not a heading</p>"), "\\# not a heading");
        assert_eq!(md("<p>- not a list</p>"), "\\- not a list");
        assert_eq!(md("<p>1. not a list</p>"), "1\\. not a list");
        assert_eq!(md("<p>2024. A year</p>"), "2024\\. A year");
        assert_eq!(md("<p>> not a quote</p>"), "\\> not a quote");
        assert_eq!(md("<p>---</p>"), "\\---");
        assert_eq!(
            md("<p>*stars* and _under_ and `tick` &amp;amp; &lt;div&gt;</p>"),
            "\\*stars\\* and \\_under\\_ and \\`tick\\` \\&amp; \\<div>"
        );
        assert_eq!(md("<p>a<br>- b</p>"), "a\\\n\\- b");
    }

    #[test]
    fn formulas_are_latex_between_dollars() {
        let katex = |tex: &str, display: bool| {
            format!(
                "<span><span><math{}><semantics><mi>x</mi><annotation encoding='application/x-tex'>{tex}</annotation>\
                 </semantics></math></span><span aria-hidden=true>x</span></span>",
                if display { " display=block" } else { "" }
            )
        };
        assert_eq!(
            md(&format!(
                "<p>So {} costs $5 and *more*.</p>",
                katex("a_1*b_2", false)
            )),
            "So $a_1*b_2$ costs \\$5 and \\*more\\*."
        );
        assert_eq!(
            md(&format!(
                "<ul><li>Then {} where - a.</li></ul>",
                katex("- a\n= b", true)
            )),
            "- Then\n\n  $$ - a\n  = b\n  $$\n\n  where - a."
        );
        assert_eq!(
            md(&format!(
                "<h2>On {}</h2><p>Prose without: $5.</p>",
                katex("x|y", true)
            )),
            "## On $$x|y$$\n\nProse without: $5."
        );
        assert_eq!(
            md(&format!(
                "<p>{}{}</p>",
                katex("a", false),
                katex("b", false)
            )),
            "$a$ $b$"
        );
        assert_eq!(
            md(&format!(
                "<table><tr><td>{}</td><td>b</td></tr></table>",
                katex("|x|", false)
            )),
            "| $\\|x\\|$ | b |\n| --- | --- |"
        );
    }

    #[test]
    fn ordinary_prose_is_not_escaped() {
        let prose = "It's 5 * 3 = 15, snake_case_name costs $5 - or 10% (roughly) - and #1 fans say \"yes\"! A & B; 3 < 4.";
        assert_eq!(
            md(&format!("<p>{}</p>", crate::render::html::escape(prose))),
            prose
        );
    }
}
