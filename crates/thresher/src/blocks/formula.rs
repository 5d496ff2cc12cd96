//! Formulas: where each one sits on a page, and its TeX.
//!
//! Pages write a formula in MathML (`<math>`) for screen readers and show
//! sighted readers a rendering beside it, hidden from the screen readers
//! in turn: KaTeX follows its `math` with an `aria-hidden` tree of glyphs;
//! MathJax 3 puts an `aria-hidden` `mjx-math` before the `math`, and
//! MathJax 2 an `aria-hidden` `nobr`; Wikipedia hides the `math` in a
//! `display: none` span and shows an `aria-hidden` image whose `alt` is the
//! TeX. Read as they stand, the rendering is hidden, the math never content
//! and the sentence around them cut in two.
//!
//! So, before segmenting, each `math` element is traced up to its
//! *wrapper*: the highest inline ancestor whose other children are all
//! rendering details — hidden by markup, or holding no text — climbing
//! past neither a block nor a link. The segmenter writes the formula once
//! in the wrapper's place and skips the rest of it. No class name is read.
//!
//! The TeX is the math's TeX annotation, else its `alttext`, else the
//! `alt` of an image in the wrapper, else the MathML converted
//! ([`super::mathml`]). MathJax 2 also leaves the source in a
//! `<script type="math/tex">` after its rendering: a formula is taken from
//! the script when none came from the rendering before it.

use super::{hiding, mathml};
use crate::dom::{tags, Document, NodeData, NodeId, Tag};
use crate::hash::{FastMap, FastSet};

/// A formula, as LaTeX.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Formula {
    /// The source, without a `{\displaystyle …}` wrapper; whitespace runs
    /// collapsed to a space (display formulas keep their lines).
    pub tex: Box<str>,
    /// A formula set on its own line (`display="block"`, or MathJax's
    /// `mode=display`).
    pub display: bool,
}

/// The elements the segmenter treats specially: it writes the formula in
/// place of an element mapped to `Some`, and skips the subtree of every
/// element in the map.
pub(super) type Formulas = FastMap<NodeId, Option<Formula>>;

/// Levels a formula's wrapper may sit above its `math` element. KaTeX's
/// display wrapper is three levels up (`span.katex-display > span.katex >
/// span.katex-mathml > math`); the others one or two.
const MAX_WRAPPER_LEVELS: usize = 4;

/// Siblings of a climbed-through element looked at: a formula's wrapper
/// holds its math and one or two renderings, not a paragraph's worth of
/// elements.
const MAX_WRAPPER_CHILDREN: usize = 6;

/// Elements just before a MathJax 2 script looked at for its rendering
/// (the rendering, its preview, a display wrapper).
const MAX_SCRIPT_RENDERINGS: usize = 3;

/// The page's formulas, by the element each replaces (empty for pages
/// without `math` elements or TeX scripts, nearly all of them).
pub(super) fn find(doc: &Document) -> Formulas {
    let mut maths = Vec::new();
    let mut scripts = Vec::new();
    for (id, e) in doc.elements() {
        match e.tag {
            Tag::Math => maths.push(id),
            Tag::Script if tex_script(e).is_some() => scripts.push(id),
            _ => {}
        }
    }
    let mut finder = Finder {
        doc,
        above_math: FastSet::default(),
        out: Formulas::default(),
    };
    if maths.is_empty() && scripts.is_empty() {
        return finder.out;
    }
    for &m in &maths {
        for a in doc.ancestors_and_self(m) {
            if !finder.above_math.insert(a) {
                break;
            }
        }
    }
    for m in maths {
        if !doc
            .ancestors_and_self(m)
            .skip(1)
            .any(|a| doc.tag(a) == Some(Tag::Math))
        {
            finder.add_math(m);
        }
    }
    for s in scripts {
        finder.add_script(s);
    }
    finder.out
}

/// Whether a script holds TeX (`math/tex`, `math/tex; mode=display`), and
/// if so whether it is set on its own line.
fn tex_script(e: &crate::dom::Element) -> Option<bool> {
    let kind = e.attr("type")?.trim().to_ascii_lowercase();
    kind.starts_with("math/tex")
        .then(|| kind.contains("mode=display"))
}

struct Finder<'d> {
    doc: &'d Document,
    /// Every `math` element and its ancestors: the elements that hold a
    /// formula, known without walking their subtrees.
    above_math: FastSet<NodeId>,
    out: Formulas,
}

impl Finder<'_> {
    fn add_math(&mut self, math: NodeId) {
        let doc = self.doc;
        let wrapper = self.wrapper(math);
        if self.out.contains_key(&wrapper) {
            return;
        }
        // A formula hidden as a whole, with no rendering beside it, is
        // hidden from readers too: it is skipped without cutting the text
        // around it.
        let hidden = doc.element(wrapper).and_then(hiding).is_some();
        let display = doc
            .attr(math, "display")
            .is_some_and(|d| d.trim().eq_ignore_ascii_case("block"));
        let formula = if hidden {
            None
        } else {
            Formula::new(&tex_of(doc, math, wrapper), display)
        };
        self.out.insert(wrapper, formula);
    }

    /// The highest inline ancestor of `math` (or `math` itself) whose
    /// other children are all rendering details.
    fn wrapper(&self, math: NodeId) -> NodeId {
        let doc = self.doc;
        let mut w = math;
        for _ in 0..MAX_WRAPPER_LEVELS {
            let Some(parent) = doc.parent(w) else { break };
            let Some(e) = doc.element(parent) else { break };
            if tags::is_block(e.tag) || tags::is_never_content(e.tag) || e.tag == Tag::A {
                break;
            }
            let mut others = doc.children(parent).filter(|&c| c != w);
            let details = others
                .by_ref()
                .take(MAX_WRAPPER_CHILDREN)
                .all(|c| self.rendering_detail(c));
            if !details || others.next().is_some() {
                break;
            }
            w = parent;
        }
        w
    }

    /// True for what a reader never takes for text of its own: blank
    /// text, comments, and elements hidden by markup, never content or
    /// holding no text or image, provided they hold no formula.
    fn rendering_detail(&self, n: NodeId) -> bool {
        let doc = self.doc;
        match &doc.node(n).data {
            NodeData::Text(t) => doc.text_of(*t).trim().is_empty(),
            NodeData::Comment | NodeData::Doctype => true,
            NodeData::Document => false,
            NodeData::Element(e) => {
                !self.above_math.contains(&n)
                    && (hiding(e).is_some() || tags::is_never_content(e.tag) || empty(doc, n))
            }
        }
    }

    /// A MathJax 2 script: a formula in its place unless the rendering
    /// before it held MathML (whose formula is taken from there); the
    /// rendering (`id` the script's plus `-Frame`, or an element around
    /// it) and a hidden, empty preview skipped.
    fn add_script(&mut self, script: NodeId) {
        let doc = self.doc;
        let Some(display) = doc.element(script).and_then(tex_script) else {
            return;
        };
        let frame = doc.attr(script, "id").map(|id| format!("{id}-Frame"));
        let is_frame = |n: NodeId| {
            frame
                .as_deref()
                .is_some_and(|f| doc.attr(n, "id") == Some(f))
        };
        let mut from_mathml = false;
        let mut looked = 0;
        let mut sibling = doc.node(script).prev_sibling;
        while let Some(s) = sibling {
            sibling = doc.node(s).prev_sibling;
            let Some(e) = doc.element(s) else {
                if self.rendering_detail(s) {
                    continue;
                }
                break;
            };
            if looked == MAX_SCRIPT_RENDERINGS {
                break;
            }
            looked += 1;
            if self.above_math.contains(&s) {
                from_mathml = true;
            } else if is_frame(s)
                || doc.children(s).any(is_frame)
                || (hiding(e).is_some() && empty(doc, s))
            {
                self.out.insert(s, None);
            } else {
                break;
            }
        }
        if !from_mathml {
            let formula = Formula::new(&doc.text_content(script), display);
            self.out.insert(script, formula);
        }
    }
}

/// Nodes of a subtree looked at for text before it is taken to hold some:
/// the empty parts of a rendering (struts, previews) are a few elements.
const MAX_EMPTY_NODES: usize = 256;

/// True when the subtree of `n` holds no text and no image (looking at no
/// more than [`MAX_EMPTY_NODES`]), and `n` is no line break or rule.
fn empty(doc: &Document, n: NodeId) -> bool {
    if matches!(doc.tag(n), Some(Tag::Img | Tag::Br | Tag::Hr)) {
        return false;
    }
    let mut nodes = doc.descendants(n).take(MAX_EMPTY_NODES + 1);
    let mut seen = 0;
    let holds = nodes.by_ref().any(|d| {
        seen += 1;
        match &doc.node(d).data {
            NodeData::Text(t) => !doc.text_of(*t).trim().is_empty(),
            NodeData::Element(e) => e.tag == Tag::Img,
            _ => false,
        }
    });
    !holds && seen <= MAX_EMPTY_NODES
}

/// The TeX of a `math` element: its TeX annotation, its `alttext`, the
/// `alt` of a fallback image beside it, or its MathML converted.
fn tex_of(doc: &Document, math: NodeId, wrapper: NodeId) -> String {
    let annotation = doc.descendants(math).find(|&d| {
        doc.element(d).is_some_and(|e| {
            e.name == "annotation"
                && e.attr("encoding").is_some_and(|enc| {
                    let enc = enc.trim().to_ascii_lowercase();
                    enc == "application/x-tex" || enc == "tex" || enc == "application/x-latex"
                })
        })
    });
    if let Some(tex) = annotation
        .map(|a| doc.text_content(a))
        .filter(|t| !t.trim().is_empty())
    {
        return tex;
    }
    if let Some(alt) = doc.attr(math, "alttext").filter(|t| !t.trim().is_empty()) {
        return alt.to_owned();
    }
    let image_alt = doc
        .descendants(wrapper)
        .filter(|&d| doc.tag(d) == Some(Tag::Img))
        .find_map(|d| doc.attr(d, "alt").filter(|t| !t.trim().is_empty()));
    if let Some(alt) = image_alt {
        return alt.to_owned();
    }
    mathml::to_latex(doc, math)
}

impl Formula {
    /// A formula of `tex`, or `None` when it is blank.
    fn new(tex: &str, display: bool) -> Option<Formula> {
        let tex = without_style(tex.trim());
        let tex = if display {
            tex.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            tex.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        (!tex.is_empty()).then(|| Formula {
            tex: tex.into(),
            display,
        })
    }
}

/// `tex` without the style switch Wikipedia wraps every formula in
/// (`{\displaystyle …}`, `{\textstyle …}`), which says how to set it, not
/// what it is.
fn without_style(tex: &str) -> &str {
    for style in ["\\displaystyle", "\\textstyle"] {
        let inner = match tex.strip_prefix('{') {
            Some(rest) if closes_at_end(tex) => rest[..rest.len() - 1].trim_start(),
            _ => tex,
        };
        if let Some(rest) = inner.strip_prefix(style) {
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let rest = rest.trim();
                if inner.len() != tex.len() || !rest.is_empty() {
                    return rest;
                }
            }
        }
    }
    tex
}

/// True when the `{` that opens `tex` is closed by its last character.
fn closes_at_end(tex: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = tex.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1 == tex.len();
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn formulas(html: &str) -> Vec<(String, Option<Formula>)> {
        let doc = parse(html, None).expect("parses");
        let mut found: Vec<_> = find(&doc)
            .into_iter()
            .map(|(n, f)| {
                let e = doc.element(n).expect("an element");
                let name = match e.attr("class").or(e.attr("id")) {
                    Some(c) => format!("{}.{c}", e.name),
                    None => e.name.to_string(),
                };
                (n, name, f)
            })
            .collect();
        found.sort_by_key(|(n, ..)| *n);
        found.into_iter().map(|(_, name, f)| (name, f)).collect()
    }

    fn formula(tex: &str, display: bool) -> Option<Formula> {
        Some(Formula {
            tex: tex.into(),
            display,
        })
    }

    #[test]
    fn the_wrapper_is_the_highest_element_whose_other_parts_are_renderings() {
        // KaTeX: the glyphs beside the math are aria-hidden.
        let katex = "<p>Energy <span class=katex><span class=katex-mathml><math><semantics>\
            <mrow><mi>E</mi></mrow><annotation encoding='application/x-tex'>E = mc^2</annotation>\
            </semantics></math></span><span class=katex-html aria-hidden=true><span>E</span></span></span> is mass.</p>";
        assert_eq!(
            formulas(katex),
            [("span.katex".to_owned(), formula("E = mc^2", false))]
        );
        // Wikipedia: the math is display:none, the image aria-hidden.
        let wiki = "<p>Given <span class=w><span style='display: none'><math alttext='{\\displaystyle N}'>\
            <mi>N</mi></math></span><img aria-hidden=true alt='{\\displaystyle N}' src=n.svg></span> objects</p>";
        assert_eq!(formulas(wiki), [("span.w".to_owned(), formula("N", false))]);
        // MathJax 3: the rendering comes first; no annotation.
        let mjx = "<p>so <mjx-container><mjx-math aria-hidden=true><mjx-mi></mjx-mi></mjx-math>\
            <mjx-assistive-mml><math display=block><mi>x</mi><mo>=</mo><mn>1</mn></math>\
            </mjx-assistive-mml></mjx-container></p>";
        assert_eq!(
            formulas(mjx),
            [("mjx-container".to_owned(), formula("x = 1", true))]
        );
    }

    #[test]
    fn the_climb_stops_at_text_blocks_links_and_other_formulas() {
        // Visible text beside the math: the math is its own wrapper.
        let beside = "<p><span>see <math alttext='a'><mi>a</mi></math></span></p>";
        assert_eq!(formulas(beside), [("math".to_owned(), formula("a", false))]);
        // A block: a formula alone in its paragraph does not take it.
        let alone = "<p><span><math alttext='b'><mi>b</mi></math></span></p>";
        assert_eq!(formulas(alone), [("span".to_owned(), formula("b", false))]);
        // Two hidden formulas side by side stay two.
        let two = "<p><span><span hidden><math alttext='c'></math></span>\
                   <span hidden><math alttext='d'></math></span></span></p>";
        let found = formulas(two);
        assert_eq!(found.len(), 2);
        // Hidden as a whole, with nothing shown beside it: skipped.
        assert_eq!(found[0], ("span".to_owned(), None));
        // A line break beside the math is the paragraph's, not a detail.
        let broken = "<p>x<span><math alttext='e'></math><br></span>y</p>";
        assert_eq!(formulas(broken), [("math".to_owned(), formula("e", false))]);
        // A link keeps its formula inside it.
        let linked = "<p>x <a href=/f><math alttext='f'></math></a> y</p>";
        assert_eq!(formulas(linked), [("math".to_owned(), formula("f", false))]);
    }

    #[test]
    fn tex_comes_from_the_annotation_the_alttext_the_image_or_the_mathml() {
        let tex = |html: &str| {
            formulas(html)
                .into_iter()
                .find_map(|(_, f)| f)
                .map(|f| f.tex.to_string())
        };
        assert_eq!(
            tex("<math alttext='alt'><semantics><mi>m</mi><annotation encoding='application/x-tex'>ann</annotation></semantics></math>")
                .as_deref(),
            Some("ann")
        );
        assert_eq!(
            tex("<math alttext='alt'><mi>m</mi></math>").as_deref(),
            Some("alt")
        );
        assert_eq!(
            tex("<p>x <span><span hidden><math><mi>m</mi></math></span><img aria-hidden=true alt='\\alpha' src=a.svg></span></p>")
                .as_deref(),
            Some("\\alpha")
        );
        assert_eq!(
            tex("<math><msup><mi>m</mi><mn>2</mn></msup></math>").as_deref(),
            Some("m^2")
        );
    }

    #[test]
    fn mathjax_2_scripts_give_a_formula_unless_the_rendering_did() {
        // The rendering without MathML: skipped, with its empty preview;
        // the formula comes from the script.
        let html = "<p>Let <span class=MathJax_Preview style='display:none'></span>\
            <span id=MathJax-Element-1-Frame><nobr><span>x2</span></nobr></span>\
            <script type='math/tex' id=MathJax-Element-1>x^2</script> be.</p>";
        assert_eq!(
            formulas(html),
            [
                ("span.MathJax_Preview".to_owned(), None),
                ("span.MathJax-Element-1-Frame".to_owned(), None),
                ("script.MathJax-Element-1".to_owned(), formula("x^2", false)),
            ]
        );
        // With assistive MathML: the rendering's formula, and none again.
        let html =
            "<p>Let <span id=MathJax-Element-2-Frame><nobr aria-hidden=true><span>y</span></nobr>\
            <span><math><mi>y</mi></math></span></span>\
            <script type='math/tex; mode=display' id=MathJax-Element-2>y</script></p>";
        assert_eq!(
            formulas(html),
            [(
                "span.MathJax-Element-2-Frame".to_owned(),
                formula("y", false)
            )]
        );
    }

    #[test]
    fn the_style_wrapper_is_stripped() {
        assert_eq!(without_style("{\\displaystyle x^{2}}"), "x^{2}");
        assert_eq!(without_style("{\\textstyle {a}+{b}}"), "{a}+{b}");
        assert_eq!(without_style("\\displaystyle \\sum x"), "\\sum x");
        // Braces that close before the end are not a wrapper.
        assert_eq!(
            without_style("{\\displaystyle a}+{b}"),
            "{\\displaystyle a}+{b}"
        );
        assert_eq!(without_style("{\\displaystylex}"), "{\\displaystylex}");
        assert_eq!(
            Formula::new("{\\displaystyle a\n  + b}", false),
            formula("a + b", false)
        );
        assert_eq!(
            Formula::new("a \\\\\n\n  b", true),
            formula("a \\\\\nb", true)
        );
    }
}
