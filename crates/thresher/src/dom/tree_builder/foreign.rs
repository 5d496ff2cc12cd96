//! SVG and MathML (§13.2.6.5, "the rules for parsing tokens in foreign
//! content"): elements keep their own namespace, `<tag/>` closes at once,
//! and an HTML block such as `<p>` or `<div>` breaks back out into HTML, so
//! an unclosed `<svg>` cannot swallow the rest of the page.

use super::{
    Flow, Ns, Token, TreeBuilder, FLAG_ANNOTATION_XML, FLAG_HTML_POINT, FLAG_MATHML_TEXT,
    FLAG_SCOPE_BOUNDARY,
};
use crate::dom::tokenizer::StartTag;
use crate::dom::{element_name, Attr, Tag};

/// HTML start tags that end foreign content (`font` only with `color`,
/// `face` or `size`).
fn breaks_out(t: &StartTag<'_>) -> bool {
    use Tag::*;
    match t.tag {
        B | Big | Blockquote | Body | Br | Center | Code | Dd | Div | Dl | Dt | Em | Embed | H1
        | H2 | H3 | H4 | H5 | H6 | Head | Hr | I | Img | Li | Listing | Menu | Meta | Nobr | Ol
        | P | Pre | Ruby | S | Small | Span | Strong | Strike | Sub | Sup | Table | Tt | U | Ul
        | Var => true,
        Font => t
            .attrs
            .iter()
            .any(|a| matches!(&*a.name, "color" | "face" | "size")),
        _ => false,
    }
}

/// SVG element names written in mixed case, from their lower-cased form.
const SVG_TAG_NAMES: &[(&str, &str)] = &[
    ("altglyph", "altGlyph"),
    ("altglyphdef", "altGlyphDef"),
    ("altglyphitem", "altGlyphItem"),
    ("animatecolor", "animateColor"),
    ("animatemotion", "animateMotion"),
    ("animatetransform", "animateTransform"),
    ("clippath", "clipPath"),
    ("feblend", "feBlend"),
    ("fecolormatrix", "feColorMatrix"),
    ("fecomponenttransfer", "feComponentTransfer"),
    ("fecomposite", "feComposite"),
    ("feconvolvematrix", "feConvolveMatrix"),
    ("fediffuselighting", "feDiffuseLighting"),
    ("fedisplacementmap", "feDisplacementMap"),
    ("fedistantlight", "feDistantLight"),
    ("fedropshadow", "feDropShadow"),
    ("feflood", "feFlood"),
    ("fefunca", "feFuncA"),
    ("fefuncb", "feFuncB"),
    ("fefuncg", "feFuncG"),
    ("fefuncr", "feFuncR"),
    ("fegaussianblur", "feGaussianBlur"),
    ("feimage", "feImage"),
    ("femerge", "feMerge"),
    ("femergenode", "feMergeNode"),
    ("femorphology", "feMorphology"),
    ("feoffset", "feOffset"),
    ("fepointlight", "fePointLight"),
    ("fespecularlighting", "feSpecularLighting"),
    ("fespotlight", "feSpotLight"),
    ("fetile", "feTile"),
    ("feturbulence", "feTurbulence"),
    ("foreignobject", "foreignObject"),
    ("glyphref", "glyphRef"),
    ("lineargradient", "linearGradient"),
    ("radialgradient", "radialGradient"),
    ("textpath", "textPath"),
];

/// SVG attribute names written in mixed case, from their lower-cased form.
const SVG_ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("attributename", "attributeName"),
    ("attributetype", "attributeType"),
    ("basefrequency", "baseFrequency"),
    ("baseprofile", "baseProfile"),
    ("calcmode", "calcMode"),
    ("clippathunits", "clipPathUnits"),
    ("diffuseconstant", "diffuseConstant"),
    ("edgemode", "edgeMode"),
    ("filterunits", "filterUnits"),
    ("glyphref", "glyphRef"),
    ("gradienttransform", "gradientTransform"),
    ("gradientunits", "gradientUnits"),
    ("kernelmatrix", "kernelMatrix"),
    ("kernelunitlength", "kernelUnitLength"),
    ("keypoints", "keyPoints"),
    ("keysplines", "keySplines"),
    ("keytimes", "keyTimes"),
    ("lengthadjust", "lengthAdjust"),
    ("limitingconeangle", "limitingConeAngle"),
    ("markerheight", "markerHeight"),
    ("markerunits", "markerUnits"),
    ("markerwidth", "markerWidth"),
    ("maskcontentunits", "maskContentUnits"),
    ("maskunits", "maskUnits"),
    ("numoctaves", "numOctaves"),
    ("pathlength", "pathLength"),
    ("patterncontentunits", "patternContentUnits"),
    ("patterntransform", "patternTransform"),
    ("patternunits", "patternUnits"),
    ("pointsatx", "pointsAtX"),
    ("pointsaty", "pointsAtY"),
    ("pointsatz", "pointsAtZ"),
    ("preservealpha", "preserveAlpha"),
    ("preserveaspectratio", "preserveAspectRatio"),
    ("primitiveunits", "primitiveUnits"),
    ("refx", "refX"),
    ("refy", "refY"),
    ("repeatcount", "repeatCount"),
    ("repeatdur", "repeatDur"),
    ("requiredextensions", "requiredExtensions"),
    ("requiredfeatures", "requiredFeatures"),
    ("specularconstant", "specularConstant"),
    ("specularexponent", "specularExponent"),
    ("spreadmethod", "spreadMethod"),
    ("startoffset", "startOffset"),
    ("stddeviation", "stdDeviation"),
    ("stitchtiles", "stitchTiles"),
    ("surfacescale", "surfaceScale"),
    ("systemlanguage", "systemLanguage"),
    ("tablevalues", "tableValues"),
    ("targetx", "targetX"),
    ("targety", "targetY"),
    ("textlength", "textLength"),
    ("viewbox", "viewBox"),
    ("viewtarget", "viewTarget"),
    ("xchannelselector", "xChannelSelector"),
    ("ychannelselector", "yChannelSelector"),
    ("zoomandpan", "zoomAndPan"),
];

/// Namespaced attributes, named by their local part as the Document keeps
/// names (`xlink:href` is `href`, as html5ever's local name gives it).
const FOREIGN_ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("xlink:actuate", "actuate"),
    ("xlink:arcrole", "arcrole"),
    ("xlink:href", "href"),
    ("xlink:role", "role"),
    ("xlink:show", "show"),
    ("xlink:title", "title"),
    ("xlink:type", "type"),
    ("xml:lang", "lang"),
    ("xml:space", "space"),
    ("xmlns:xlink", "xlink"),
];

/// Looks `name` up in one of the tables above, which are sorted by key.
fn lookup(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(name))
        .ok()
        .map(|i| table[i].1)
}

/// Renames attributes as the namespace wants them.
fn adjust_attributes(attrs: &mut [Attr], ns: Ns) {
    for a in attrs {
        let renamed = match ns {
            Ns::Svg => lookup(SVG_ATTRIBUTE_NAMES, &a.name),
            Ns::MathMl if &*a.name == "definitionurl" => Some("definitionURL"),
            _ => None,
        }
        .or_else(|| lookup(FOREIGN_ATTRIBUTE_NAMES, &a.name));
        if let Some(name) = renamed {
            a.name = name.into();
        }
    }
}

impl<'a> TreeBuilder<'a> {
    /// True when text is handled by the foreign content rules: the
    /// tokenizer then turns NUL into U+FFFD instead of dropping it.
    pub(in crate::dom) fn text_is_foreign(&self) -> bool {
        self.is_foreign(&Token::Text(std::borrow::Cow::Borrowed("")))
    }

    /// True when `token` is handled by the foreign content rules rather than
    /// by the insertion mode.
    pub(super) fn is_foreign(&self, token: &Token<'a>) -> bool {
        let Some(cur) = self.current() else {
            return false;
        };
        if cur.is_html() || matches!(token, Token::Eof) {
            return false;
        }
        let start = match token {
            Token::Start(t) => Some(t),
            _ => None,
        };
        let text_or_start = start.is_some() || matches!(token, Token::Text(_));
        if cur.flags & FLAG_MATHML_TEXT != 0 {
            let glyph = start.is_some_and(|t| matches!(&*t.name, "mglyph" | "malignmark"));
            if text_or_start && !glyph {
                return false;
            }
        }
        if cur.flags & FLAG_ANNOTATION_XML != 0 && start.is_some_and(|t| t.tag == Tag::Svg) {
            return false;
        }
        !(cur.flags & FLAG_HTML_POINT != 0 && text_or_start)
    }

    /// The foreign content rules.
    pub(super) fn foreign(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(t) => {
                if t.contains(|c| !super::is_space(c)) {
                    self.frameset_ok = false;
                }
                self.insert_text(&t);
                Flow::Done
            }
            Token::Comment => {
                self.insert_comment();
                Flow::Done
            }
            Token::Start(t) if breaks_out(&t) => {
                self.break_out();
                self.step(self.mode, Token::Start(t))
            }
            Token::Start(t) => {
                let ns = self.current().map_or(Ns::Html, |e| e.ns);
                self.insert_foreign(t, ns);
                Flow::Done
            }
            Token::End(t) if matches!(t.tag, Tag::Br | Tag::P) => {
                self.break_out();
                self.step(self.mode, Token::End(t))
            }
            Token::End(t) => {
                // Close the nearest foreign element of that name; reaching
                // HTML, hand the tag to the insertion mode.
                let mut i = self.stack.len() - 1;
                let mut first = true;
                while i > 0 {
                    let e = self.stack[i];
                    if !first && e.is_html() {
                        return self.step(self.mode, Token::End(t));
                    }
                    if self.element_name(e.id).eq_ignore_ascii_case(&t.name) {
                        while self.stack.len() > i {
                            self.pop();
                        }
                        // Closed by its own end tag: the span takes it in.
                        let start = self.b.node(e.id).span.start;
                        let end = self.tok.end;
                        self.b.set_span(e.id, crate::dom::Span { start, end });
                        return Flow::Done;
                    }
                    first = false;
                    i -= 1;
                }
                Flow::Done
            }
            Token::Doctype(_) | Token::Eof => Flow::Done,
        }
    }

    /// Pops foreign elements until HTML or an integration point is current.
    fn break_out(&mut self) {
        while self
            .current()
            .is_some_and(|e| !e.is_html() && e.flags & (FLAG_MATHML_TEXT | FLAG_HTML_POINT) == 0)
        {
            self.pop();
        }
    }

    /// Inserts an SVG or MathML element, pushed unless written `<tag/>`.
    pub(super) fn insert_foreign(&mut self, mut t: StartTag<'a>, ns: Ns) {
        if ns == Ns::Svg {
            if let Some(name) = lookup(SVG_TAG_NAMES, &t.name) {
                t.name = name.into();
            }
        }
        adjust_attributes(&mut t.attrs, ns);
        let flags = match (ns, &*t.name) {
            (Ns::MathMl, "mi" | "mo" | "mn" | "ms" | "mtext") => {
                FLAG_MATHML_TEXT | FLAG_SCOPE_BOUNDARY
            }
            (Ns::MathMl, "annotation-xml") => {
                let html = t.attrs.iter().any(|a| {
                    &*a.name == "encoding"
                        && (a.value.eq_ignore_ascii_case("text/html")
                            || a.value.eq_ignore_ascii_case("application/xhtml+xml"))
                });
                FLAG_ANNOTATION_XML | if html { FLAG_HTML_POINT } else { 0 }
            }
            (Ns::Svg, "foreignObject" | "desc" | "title") => FLAG_HTML_POINT | FLAG_SCOPE_BOUNDARY,
            _ => 0,
        };
        // The Document names foreign elements by the two roots only.
        let element_tag = match &*t.name {
            "svg" => Tag::Svg,
            "math" => Tag::Math,
            _ => Tag::Other,
        };
        let id = self.create(element_tag, element_name(element_tag, t.name), t.attrs);
        let place = self.element_place();
        self.insert_at(place, id);
        if !t.self_closing {
            self.push(id, Tag::Other, ns, flags);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{lookup, FOREIGN_ATTRIBUTE_NAMES, SVG_ATTRIBUTE_NAMES, SVG_TAG_NAMES};
    use crate::dom::{parse, Tag};

    #[test]
    fn name_tables_are_sorted_for_binary_search() {
        for table in [SVG_TAG_NAMES, SVG_ATTRIBUTE_NAMES, FOREIGN_ATTRIBUTE_NAMES] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        }
        assert_eq!(lookup(SVG_TAG_NAMES, "clippath"), Some("clipPath"));
        assert_eq!(lookup(SVG_ATTRIBUTE_NAMES, "viewbox"), Some("viewBox"));
        assert_eq!(lookup(SVG_ATTRIBUTE_NAMES, "fill"), None);
    }

    fn parent_tag(html: &str, of: Tag) -> Option<Tag> {
        let doc = parse(html, None).expect("parses");
        let node = doc.find(of).expect("element present");
        doc.parent(node).and_then(|p| doc.tag(p))
    }

    #[test]
    fn html_blocks_break_out_of_svg() {
        assert_eq!(
            parent_tag("<svg><g><p>out</p></g></svg>", Tag::P),
            Some(Tag::Body)
        );
    }

    #[test]
    fn foreign_object_holds_html() {
        let doc =
            parse("<svg><foreignObject><p>in</p></foreignObject></svg>", None).expect("parses");
        let p = doc.find(Tag::P).expect("p");
        let parent = doc
            .parent(p)
            .and_then(|n| doc.element(n))
            .map(|e| e.name.to_string());
        assert_eq!(parent.as_deref(), Some("foreignObject"));
    }

    #[test]
    fn annotation_xml_with_html_encoding_holds_html() {
        // The standard's rule; html5ever through our sink breaks out instead.
        let html = "<math><annotation-xml encoding='text/html'><p>y</p></annotation-xml></math>";
        let doc = parse(html, None).expect("parses");
        let p = doc.find(Tag::P).expect("p");
        let parent = doc
            .parent(p)
            .and_then(|n| doc.element(n))
            .map(|e| e.name.to_string());
        assert_eq!(parent.as_deref(), Some("annotation-xml"));
    }

    #[test]
    fn foreign_spans_take_in_their_end_tags() {
        let html = "<p><svg><g><path/></g></svg></p>";
        let doc = parse(html, None).expect("parses");
        let svg = doc.find(Tag::Svg).expect("svg");
        let s = doc.node(svg).span;
        assert_eq!(
            &html[s.start as usize..s.end as usize],
            "<svg><g><path/></g></svg>"
        );
    }

    #[test]
    fn self_closing_foreign_elements_close_at_once() {
        let doc = parse("<svg><rect/><circle/></svg>", None).expect("parses");
        let svg = doc.find(Tag::Svg).expect("svg");
        assert_eq!(doc.children(svg).count(), 2);
    }
}
