//! The explain report: one self-contained HTML page that shows every block
//! in reading order — kept content in full, each removed block greyed with
//! its label and the rule that removed it — with the confidence and page type
//! on top, the metadata beside, and each block's byte range in the source.
//!
//! The page being explained is untrusted, so the report is inert by
//! construction:
//! - everything taken from the page (text, metadata, URLs, rule output) is
//!   written as escaped text; nothing from it becomes an element, an
//!   attribute name, a link or part of the script or style;
//! - URLs are shown as text, never as links or images;
//! - a Content-Security-Policy forbids every load (`default-src 'none'`,
//!   `img-src 'none'`) and allows only the report's one script, by its hash
//!   ([`SCRIPT_HASH`]).
//!
//! The script filters blocks (kept, removed, one label) and, when the source
//! is embedded, highlights a block's range in it. The report reads fine
//! without it.

use std::collections::BTreeMap;

use super::html::escape;
use super::Extraction;
use crate::blocks::{Block, BlockKind};
use crate::label::Label;
use crate::select::Removed;

/// The report's one script. It reads only the report's own markup; no text
/// from the page is ever written into it. Changing it changes
/// [`SCRIPT_HASH`] (a test checks the two agree).
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll("article.block"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-show]"));
  var select = document.getElementById("label-filter");
  var count = document.getElementById("shown-count");
  var show = "all";
  function apply() {
    var label = select.value;
    var shown = 0;
    blocks.forEach(function (b) {
      var visible = (show === "all" || b.getAttribute("data-state") === show) &&
        (label === "" || b.getAttribute("data-label") === label);
      b.hidden = !visible;
      if (visible) { shown += 1; }
    });
    buttons.forEach(function (btn) {
      btn.setAttribute("aria-pressed", btn.getAttribute("data-show") === show ? "true" : "false");
    });
    count.textContent = String(shown);
  }
  buttons.forEach(function (btn) {
    btn.addEventListener("click", function () { show = btn.getAttribute("data-show"); apply(); });
  });
  select.addEventListener("change", apply);
  var pre = document.getElementById("source-text");
  var details = document.getElementById("source");
  var text = pre ? pre.textContent : "";
  document.addEventListener("click", function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest("a.range") : null;
    if (!link || !pre) { return; }
    ev.preventDefault();
    var from = Number(link.getAttribute("data-from"));
    var to = Number(link.getAttribute("data-to"));
    var mark = document.createElement("mark");
    mark.id = "source-mark";
    mark.textContent = text.slice(from, to);
    pre.textContent = "";
    pre.append(text.slice(0, from), mark, text.slice(to));
    details.open = true;
    mark.scrollIntoView({ block: "center" });
  });
  apply();
})();"#;

/// `sha256-` and the base64 SHA-256 of [`SCRIPT`], as the
/// Content-Security-Policy names it.
pub const SCRIPT_HASH: &str = "sha256-f9oZJdrre3mfypKo3ovrNnUhSICpsWJ0ZqoN66sAbVg=";

/// The report's style sheet. Label chips take their colour from `--hue`.
const STYLE: &str = r#"
:root { color-scheme: light; --kept: #1a7f37; --grey: #6e7781; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
.bar { position: sticky; top: 0; z-index: 1; }
header.top { padding: 10px 24px 8px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
header.top h1 { margin: 0 0 2px; font-size: 19px; line-height: 1.3; }
header.top .tool { color: var(--grey); font-weight: normal; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; margin-right: 10px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 20px; align-items: center; font-size: 14px; }
.facts b { font-weight: 600; }
meter { width: 90px; vertical-align: middle; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 24px; background: #fff; border-bottom: 1px solid #d0d7de; font-size: 14px; }
.toolbar button { font: inherit; padding: 3px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: #0969da; border-color: #0969da; color: #fff; }
.toolbar select { font: inherit; padding: 2px 6px; }
.toolbar .count { color: var(--grey); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 24px; padding: 16px 24px; }
main { min-width: 0; }
[hidden] { display: none !important; }
article.block { margin: 0 0 6px; padding: 4px 10px; border-left: 4px solid var(--kept); }
article.block .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
article.block.removed { border-left-color: #afb8c1; background: #f6f8fa; color: var(--grey); }
article.block.removed .text { font-size: 13px; }
article.block.dropped { border-left-style: dashed; }
.k-heading .text { font-weight: 650; font-size: 18px; }
.k-list_item .text::before { content: "• "; }
.k-preformatted .text { font-family: ui-monospace, monospace; font-size: 13px; }
.why { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; font-size: 12px; color: var(--grey); margin-bottom: 2px; }
.chip { display: inline-block; padding: 0 8px; border-radius: 10px; font-weight: 600; color: #fff; background: hsl(var(--hue, 210), 50%, 42%); }
.chip.content { background: var(--kept); }
.rule { font-family: ui-monospace, monospace; }
a.range { color: inherit; }
aside { font-size: 13px; position: sticky; top: 110px; align-self: start; max-height: calc(100vh - 120px); overflow: auto; }
aside h2, #source summary { font-size: 14px; margin: 0 0 6px; }
aside dl { margin: 0; display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 3px 10px; }
aside dt { color: var(--grey); }
aside dd { margin: 0; overflow-wrap: anywhere; }
aside ul { margin: 0; padding-left: 16px; }
.none { color: #afb8c1; }
code { font-family: ui-monospace, monospace; font-size: 12px; overflow-wrap: anywhere; }
#source { margin: 0 24px 24px; }
#source summary { cursor: pointer; }
#source pre { max-height: 70vh; overflow: auto; padding: 8px; border: 1px solid #d0d7de; background: #f6f8fa; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #fff8c5; outline: 2px solid #d4a72c; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
"#;

/// The Content-Security-Policy of every report: nothing loads, nothing but
/// the report's own script runs.
fn csp() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; \
         img-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// What became of a block.
enum Fate<'a> {
    Kept,
    Removed(&'a Removed),
    /// Neither kept nor listed as removed (should not happen; shown rather
    /// than hidden if it ever does).
    Unselected,
}

impl Fate<'_> {
    fn state(&self) -> &'static str {
        match self {
            Fate::Kept => "kept",
            Fate::Removed(_) => "removed",
            Fate::Unselected => "unselected",
        }
    }
}

/// Renders the explain report. `source` is the decoded page text the
/// blocks' spans point into; when given it is embedded (escaped) so that
/// each block's range can be shown in it.
pub fn render(e: &Extraction, source: Option<&str>) -> String {
    let fates = fates(e);
    let view = source.map(|s| SourceView::new(s, &e.blocks));
    let mut out = String::with_capacity(16 * 1024 + source.map_or(0, |s| s.len() * 11 / 10));
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        csp()
    ));
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let title = e.metadata.title.as_deref().unwrap_or("untitled page");
    out.push_str(&format!(
        "<title>Thresher explain: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    ));
    header(e, &fates, &mut out);
    toolbar(e, &fates, &mut out);
    out.push_str("<div class=\"layout\">\n<main id=\"blocks\">\n");
    for (b, fate) in e.blocks.iter().zip(&fates) {
        block(e, b, fate, view.as_ref(), &mut out);
    }
    out.push_str("</main>\n");
    metadata(e, &mut out);
    out.push_str("</div>\n");
    if let Some(v) = &view {
        out.push_str(
            "<details id=\"source\"><summary>Source (decoded page text)</summary>\n<pre id=\"source-text\">\n",
        );
        out.push_str(&escape(&v.text));
        out.push_str("</pre></details>\n");
    }
    out.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    out
}

/// Each block's fate, parallel to `e.blocks`.
fn fates(e: &Extraction) -> Vec<Fate<'_>> {
    let mut fates: Vec<Fate<'_>> = e.blocks.iter().map(|_| Fate::Unselected).collect();
    for id in &e.selection.kept {
        if let Some(f) = fates.get_mut(id.index()) {
            *f = Fate::Kept;
        }
    }
    for r in &e.selection.removed {
        if let Some(f) = fates.get_mut(r.block.index()) {
            *f = Fate::Removed(r);
        }
    }
    fates
}

/// The label a block is shown and filtered under.
fn label_of(e: &Extraction, b: &Block, fate: &Fate<'_>) -> Label {
    match fate {
        Fate::Removed(r) => r.label,
        _ => e
            .labels
            .get(b.id.index())
            .map_or(Label::Content, |l| l.label),
    }
}

fn header(e: &Extraction, fates: &[Fate<'_>], out: &mut String) {
    let kept = fates.iter().filter(|f| matches!(f, Fate::Kept)).count();
    let removed = fates
        .iter()
        .filter(|f| matches!(f, Fate::Removed(_)))
        .count();
    let confidence = e.confidence.clamp(0.0, 1.0);
    out.push_str("<div class=\"bar\">\n<header class=\"top\">\n<h1><span class=\"tool\">Thresher explain</span>");
    match &e.metadata.title {
        Some(t) => out.push_str(&escape(t)),
        None => out.push_str("<span class=\"none\">untitled page</span>"),
    }
    out.push_str("</h1>\n<div class=\"facts\">");
    out.push_str(&format!(
        "<span id=\"page-type\">page type <b>{}</b></span>",
        e.page_type.name()
    ));
    out.push_str(&format!(
        "<span id=\"confidence\">confidence <b>{confidence:.2}</b> \
         <meter min=\"0\" max=\"1\" low=\"0.4\" high=\"0.7\" optimum=\"1\" value=\"{confidence:.3}\"></meter></span>"
    ));
    out.push_str(&format!(
        "<span><b>{kept}</b> blocks kept, <b>{removed}</b> removed, of {}</span>",
        e.blocks.len()
    ));
    out.push_str(&format!(
        "<span>encoding <b>{}</b></span>",
        escape(e.encoding)
    ));
    if e.blocks.iter().all(|b| b.span.end <= b.span.start) {
        out.push_str("<span class=\"none\">source ranges not recorded by the parser</span>");
    }
    out.push_str("</div>\n</header>\n");
}

fn toolbar(e: &Extraction, fates: &[Fate<'_>], out: &mut String) {
    let mut labels: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (b, fate) in e.blocks.iter().zip(fates) {
        *labels.entry(label_of(e, b, fate).name()).or_default() += 1;
    }
    out.push_str("<nav class=\"toolbar\" aria-label=\"Filters\">\n");
    for (show, name) in [("all", "All"), ("kept", "Kept"), ("removed", "Removed")] {
        out.push_str(&format!(
            "<button type=\"button\" data-show=\"{show}\" aria-pressed=\"{}\">{name}</button>",
            show == "all"
        ));
    }
    out.push_str(
        "\n<label>label <select id=\"label-filter\"><option value=\"\">every label</option>",
    );
    for (name, n) in &labels {
        out.push_str(&format!("<option value=\"{name}\">{name} ({n})</option>"));
    }
    out.push_str(&format!(
        "</select></label>\n<span class=\"count\">showing <span id=\"shown-count\">{}</span> of {} blocks</span>\n</nav>\n</div>\n",
        e.blocks.len(),
        e.blocks.len()
    ));
}

fn block(e: &Extraction, b: &Block, fate: &Fate<'_>, view: Option<&SourceView>, out: &mut String) {
    let label = label_of(e, b, fate);
    let (kind_class, kind_name) = kind(b.kind);
    let i = b.id.index();
    let extra = if b.hidden.is_some() { " dropped" } else { "" };
    out.push_str(&format!(
        "<article class=\"block {} k-{kind_class}{extra}\" id=\"b{i}\" data-state=\"{}\" data-label=\"{}\"",
        fate.state(),
        fate.state(),
        label.name()
    ));
    let known = b.span.end > b.span.start;
    if known {
        out.push_str(&format!(
            " data-start=\"{}\" data-end=\"{}\" title=\"source bytes {}–{}\"",
            b.span.start, b.span.end, b.span.start, b.span.end
        ));
    }
    out.push_str(">\n<div class=\"why\">");
    let chip = if label == Label::Content {
        "chip content".to_owned()
    } else {
        format!("chip\" style=\"--hue:{}", hue(label))
    };
    out.push_str(&format!("<span class=\"{chip}\">{}</span>", label.name()));
    match fate {
        Fate::Kept => out.push_str("<span>kept</span>"),
        Fate::Removed(r) => out.push_str(&format!(
            "<span>removed by <span class=\"rule\">{}</span></span>",
            escape(r.rule)
        )),
        Fate::Unselected => out.push_str("<span>not selected</span>"),
    }
    if let Some(l) = e.labels.get(i) {
        // The other rules that voted for the block's label, strongest
        // first; the one that removed it is named already.
        let decided = match fate {
            Fate::Removed(r) => Some(r.rule),
            _ => None,
        };
        let rules: Vec<String> = l
            .because
            .iter()
            .filter(|r| Some(**r) != decided)
            .map(|r| escape(r))
            .collect();
        if !rules.is_empty() {
            out.push_str(&format!(
                "<span title=\"the rules that voted for {}, strongest first\">{} <span class=\"rule\">{}</span></span>",
                l.label.name(),
                if decided.is_some() { "also" } else { "because" },
                rules.join(", ")
            ));
        }
        out.push_str(&format!("<span>score {:.2}</span>", l.score));
    }
    out.push_str(&format!("<span>#{i} · {kind_name}</span>"));
    if b.hidden.is_some() {
        out.push_str("<span>hidden in the page</span>");
    }
    match (known, view) {
        (true, Some(v)) => {
            let (from, to) = v.range(b.span.start, b.span.end);
            out.push_str(&format!(
                "<a class=\"range\" href=\"#source\" data-from=\"{from}\" data-to=\"{to}\">source bytes {}–{}</a>",
                b.span.start, b.span.end
            ));
        }
        (true, None) => out.push_str(&format!(
            "<span class=\"range\">source bytes {}–{}</span>",
            b.span.start, b.span.end
        )),
        // Unknown ranges are said once, in the header.
        (false, _) => {}
    }
    out.push_str("</div>\n<p class=\"text\">");
    out.push_str(&escape(&b.text));
    out.push_str("</p>\n</article>\n");
}

/// A CSS class and a short name for a block's kind.
fn kind(k: BlockKind) -> (&'static str, String) {
    match k {
        BlockKind::Heading(level) => ("heading", format!("h{level}")),
        BlockKind::Paragraph => ("paragraph", "p".to_owned()),
        BlockKind::ListItem => ("list_item", "li".to_owned()),
        BlockKind::TableCell => ("table_cell", "cell".to_owned()),
        BlockKind::Preformatted => ("preformatted", "pre".to_owned()),
        BlockKind::Caption => ("caption", "caption".to_owned()),
        BlockKind::Definition => ("definition", "dt/dd".to_owned()),
        BlockKind::Text => ("text", "text".to_owned()),
    }
}

/// A label chip's hue; greens are left to kept content, and labels often
/// seen side by side get hues far apart.
fn hue(label: Label) -> u16 {
    match label {
        Label::Content => 140,
        Label::Title | Label::Byline => 200,
        Label::Navigation => 215,
        Label::Breadcrumb => 190,
        Label::Header => 235,
        Label::Footer => 255,
        Label::Sidebar => 275,
        Label::Advertisement => 0,
        Label::CookieBanner => 30,
        Label::Subscription => 340,
        Label::Newsletter => 290,
        Label::Paywall => 15,
        Label::SocialShare => 180,
        Label::AuthorBio => 45,
        Label::RelatedLinks => 225,
        Label::Comments => 310,
        Label::ImageCredit => 175,
        Label::Form => 265,
        Label::Login => 325,
        Label::TableOfContents => 205,
        Label::Legal => 245,
        Label::Duplicate => 60,
        Label::Hidden => 85,
        Label::Other => 220,
    }
}

fn metadata(e: &Extraction, out: &mut String) {
    let m = &e.metadata;
    out.push_str("<aside id=\"metadata\">\n<h2>Metadata</h2>\n<dl>\n");
    let text = |v: Option<&str>| match v {
        Some(s) => escape(s),
        None => "<span class=\"none\">—</span>".to_owned(),
    };
    // Addresses are shown as text: the report links nowhere.
    let address = |v: Option<&str>| match v {
        Some(s) => format!("<code>{}</code>", escape(s)),
        None => "<span class=\"none\">—</span>".to_owned(),
    };
    let list = |v: &[String]| {
        if v.is_empty() {
            "<span class=\"none\">—</span>".to_owned()
        } else {
            let items: Vec<String> = v
                .iter()
                .map(|s| format!("<li>{}</li>", escape(s)))
                .collect();
            format!("<ul>{}</ul>", items.concat())
        }
    };
    let image = m.image.as_ref();
    let rows: [(&str, &str, String); 15] = [
        ("title", "title", text(m.title.as_deref())),
        ("authors", "authors", list(&m.authors)),
        (
            "date_published",
            "published",
            text(m.date_published.as_deref()),
        ),
        (
            "date_modified",
            "modified",
            text(m.date_modified.as_deref()),
        ),
        ("site_name", "site", text(m.site_name.as_deref())),
        ("language", "language", text(m.language.as_deref())),
        ("description", "description", text(m.description.as_deref())),
        ("url", "url", address(e.url.as_deref())),
        (
            "canonical_url",
            "canonical",
            address(m.canonical_url.as_deref()),
        ),
        (
            "image_url",
            "image",
            address(image.and_then(|i| i.url.as_deref())),
        ),
        (
            "image_caption",
            "caption",
            text(image.and_then(|i| i.caption.as_deref())),
        ),
        (
            "image_credit",
            "credit",
            text(image.and_then(|i| i.credit.as_deref())),
        ),
        ("categories", "categories", list(&m.categories)),
        ("tags", "tags", list(&m.tags)),
        ("encoding", "encoding", escape(e.encoding)),
    ];
    for (field, name, value) in rows {
        out.push_str(&format!(
            "<dt>{name}</dt><dd data-field=\"{field}\">{value}</dd>\n"
        ));
    }
    out.push_str("</dl>\n</aside>\n");
}

/// The source as the report's `<pre>` shows it, with a way to turn byte
/// offsets in the decoded text into offsets in what the browser will hold.
///
/// An HTML parser does not keep every character of a text as written: it
/// turns `\r\n` and `\r` into `\n` and drops or replaces NUL. So the text is
/// normalised here first — line ends to `\n`, other control characters but
/// tab to U+FFFD — and offsets are counted in UTF-16 units, as script
/// strings count them.
struct SourceView {
    /// The normalised text, before escaping.
    text: String,
    /// Byte offset in the decoded text -> UTF-16 offset in `text`, for every
    /// block boundary.
    offsets: BTreeMap<u32, u32>,
}

impl SourceView {
    fn new(source: &str, blocks: &[Block]) -> SourceView {
        let mut wanted: Vec<u32> = blocks
            .iter()
            .filter(|b| b.span.end > b.span.start)
            .flat_map(|b| [b.span.start, b.span.end])
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut offsets = BTreeMap::new();
        let mut text = String::with_capacity(source.len());
        let mut units: u32 = 0;
        let mut next = wanted.iter().copied().peekable();
        let mut chars = source.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            while let Some(w) = next.next_if(|&w| w as usize <= at) {
                offsets.insert(w, units);
            }
            let shown = match c {
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => continue,
                '\r' => '\n',
                '\n' | '\t' => c,
                c if c.is_control() => '\u{FFFD}',
                c => c,
            };
            text.push(shown);
            units += shown.len_utf16() as u32;
        }
        for w in next {
            offsets.insert(w, units);
        }
        SourceView { text, offsets }
    }

    /// UTF-16 offsets in the shown text of the byte range `start..end`.
    fn range(&self, start: u32, end: u32) -> (u32, u32) {
        let at = |b: u32| self.offsets.get(&b).copied().unwrap_or(0);
        (at(start), at(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Span;

    /// A page that tries every way we know to run script or load something.
    const HOSTILE: &str = r#"<!DOCTYPE html><html><head>
<title>Evil </title><script>alert('title')</script> title</title>
<meta property="og:title" content="&quot;><script>alert('og')</script>">
<meta name="author" content="<img src=x onerror=alert('author')>">
<link rel="canonical" href="javascript:alert('canonical')">
<base href="javascript:alert('base')//">
<script>alert('head')</script>
</head><body onload="alert('onload')">
<nav><a href="javascript:alert('nav')">Home</a> <a href="/" onclick="alert('click')">News</a></nav>
<article>
<h1 onmouseover="alert('h1')">A headline with <b>markup</b> &lt;/script&gt;&lt;script&gt;alert('h1text')&lt;/script&gt;</h1>
<p>A paragraph of prose that is long enough to be kept as the article's content, with a
<a href="javascript:alert('link')">script link</a> and text that looks like a tag:
&lt;/script&gt;&lt;script&gt;alert('breakout')&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;
and a quote " and an apostrophe ' and an ampersand &amp; in it, all of which must stay text.</p>
<p>A second paragraph, also long enough to count as prose, holding <img src="x" onerror="alert('img')" alt="&quot; onerror=&quot;alert('alt')">
an image whose alt text tries to break out of its attribute, and <svg onload="alert('svg')"><script>alert('svg')</script></svg> an SVG.</p>
<iframe src="javascript:alert('iframe')"></iframe>
</article>
<div class="newsletter"><p>Sign up for our newsletter</p><form action="javascript:alert('form')"><input onfocus="alert('focus')" autofocus><button>Sign up</button></form></div>
<footer><p>Copyright 2024 <a href="data:text/html,<script>alert('data')</script>">Example</a></p></footer>
<script>document.write('<img src=//evil.example/x>')</script>
</body></html>"#;

    fn base64(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn the_policy_names_the_script_by_its_hash() {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
        assert_eq!(
            SCRIPT_HASH,
            format!("sha256-{}", base64(&digest)),
            "SCRIPT changed: update SCRIPT_HASH"
        );
    }

    #[test]
    fn a_hostile_page_gives_an_inert_report() {
        let e = crate::extract(HOSTILE.as_bytes()).expect("extracts");
        let report = render(&e, Some(HOSTILE));
        // The report's own script is the only one, and nothing from the page
        // made an element or attribute of its own.
        assert_eq!(report.matches("<script").count(), 1, "one script element");
        assert_eq!(report.matches("</script").count(), 1, "one script end");
        for needle in [
            "<img",
            "<svg",
            "<iframe",
            "<form",
            "<input",
            "<base",
            "<link",
            "<b>markup",
            "href=\"javascript",
            "href=\"data",
            "href=\"/",
            "<script>alert",
            "<script>document",
        ] {
            // Handlers such as ` onerror=` do appear, as escaped text of the
            // page; that no element carries one is checked on the parsed
            // report below.
            assert!(!report.contains(needle), "{needle} appears unescaped");
        }
        // The only link is the report's own anchor. (Escaped text holds
        // `href=&quot;`, never a raw quote.)
        for (at, _) in report.match_indices("href=\"") {
            assert!(
                report[at..].starts_with("href=\"#source\""),
                "unexpected link: {}",
                &report[at..report.len().min(at + 60)]
            );
        }
        // The page's text is there, escaped.
        assert!(report
            .contains("&lt;/script&gt;&lt;script&gt;alert(&#39;breakout&#39;)&lt;/script&gt;"));
        assert!(report.contains("content=\"default-src 'none'; "));
    }

    #[test]
    fn a_hostile_page_parses_back_to_only_the_reports_own_markup() {
        let e = crate::extract(HOSTILE.as_bytes()).expect("extracts");
        let report = render(&e, Some(HOSTILE));
        let doc = crate::dom::parse(&report, None).expect("the report parses");
        let mut scripts = 0;
        for id in doc.descendants(doc.root()) {
            let Some(el) = doc.element(id) else { continue };
            let name = el.name.to_ascii_lowercase();
            assert!(
                ALLOWED_ELEMENTS.contains(&name.as_str()),
                "unexpected element <{name}>"
            );
            scripts += usize::from(name == "script");
            for a in el.attrs.iter() {
                let attr = a.name.to_ascii_lowercase();
                assert!(!attr.starts_with("on"), "event handler {attr} on <{name}>");
                assert!(
                    !matches!(
                        attr.as_str(),
                        "src" | "action" | "formaction" | "srcdoc" | "background"
                    ),
                    "{attr} on <{name}>"
                );
                if attr == "href" {
                    assert_eq!(&*a.value, "#source", "a link out of the report");
                }
            }
        }
        assert_eq!(scripts, 1);
        let body = report
            .split_once("<script>")
            .and_then(|(_, rest)| rest.split_once("</script>"))
            .map(|(body, _)| body);
        assert_eq!(body, Some(SCRIPT), "the one script is ours, whole");
    }

    /// Every element the report itself writes.
    const ALLOWED_ELEMENTS: &[&str] = &[
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "span", "b", "br",
        "div", "nav", "button", "label", "select", "option", "main", "article", "p", "a", "aside",
        "dl", "dt", "dd", "ul", "li", "code", "details", "summary", "pre", "script", "meter",
    ];

    #[test]
    fn kept_and_removed_blocks_are_marked_with_label_and_rule() {
        let e = crate::extract(HOSTILE.as_bytes()).expect("extracts");
        let report = render(&e, None);
        assert!(report.contains("data-state=\"kept\" data-label=\"content\""));
        for r in &e.selection.removed {
            let needle = format!(
                "id=\"b{}\" data-state=\"removed\" data-label=\"{}\"",
                r.block.index(),
                r.label.name()
            );
            assert!(report.contains(&needle), "{needle}");
            assert!(report.contains(&format!(
                "removed by <span class=\"rule\">{}</span>",
                r.rule
            )));
        }
        assert!(
            report.contains("source ranges not recorded")
                || e.blocks.iter().any(|b| b.span.end > b.span.start)
        );
        assert!(
            !report.contains("id=\"source-text\""),
            "no source given, none embedded"
        );
    }

    #[test]
    fn byte_ranges_become_offsets_in_the_shown_source() {
        // "é" is two bytes and one UTF-16 unit; "𝄞" four bytes and two
        // units; "\r\n" shows as one "\n"; NUL as U+FFFD.
        let source = "é\r\n𝄞\0<p>x</p>";
        let mut e = crate::render::tests::all_kept("<p>x</p>", None);
        let start = source.find("<p>").expect("there") as u32;
        e.blocks[0].span = Span {
            start,
            end: source.len() as u32,
        };
        let v = SourceView::new(source, &e.blocks);
        assert_eq!(v.text, "é\n𝄞\u{FFFD}<p>x</p>");
        let (from, to) = v.range(start, source.len() as u32);
        let units: Vec<u16> = v.text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16_lossy(&units[from as usize..to as usize]),
            "<p>x</p>"
        );
        let report = render(&e, Some(source));
        assert!(report.contains(&format!("data-from=\"{from}\" data-to=\"{to}\"")));
        assert!(report.contains(&format!("source bytes {start}–{}", source.len())));
        assert!(report.contains("<pre id=\"source-text\">\n"));
    }
}
