//! Element names the engine reasons about, and named sets of them.
//!
//! Rules ask "is this a block?" or "can this ever be content?" through the
//! sets below rather than repeating tag lists, the way html5ever names its
//! `tag_sets`.

macro_rules! tags {
    ($($variant:ident => $name:literal,)*) => {
        /// An HTML element name. Names the engine has no rule for are `Other`;
        /// their text is still kept in [`super::Element::name`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Tag { $($variant,)* Other }

        impl Tag {
            /// The tag for a lower-case element name.
            pub fn from_name(name: &str) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }
            /// The lower-case element name, or `""` for `Other`.
            pub fn name(self) -> &'static str {
                match self { $(Tag::$variant => $name,)* Tag::Other => "" }
            }
            /// How many tags there are, `Other` included: the size of a
            /// table indexed by `tag as usize`.
            pub const COUNT: usize = [$($name,)*].len() + 1;
        }
    };
}

tags! {
    A => "a", Abbr => "abbr", Address => "address", Article => "article", Aside => "aside",
    Audio => "audio", B => "b", Base => "base", Blockquote => "blockquote", Body => "body",
    Br => "br", Button => "button", Canvas => "canvas", Caption => "caption", Center => "center",
    Cite => "cite", Code => "code", Dd => "dd", Del => "del", Details => "details", Dfn => "dfn",
    Dialog => "dialog", Div => "div", Dl => "dl", Dt => "dt", Em => "em", Embed => "embed",
    Fieldset => "fieldset", Figcaption => "figcaption", Figure => "figure", Font => "font",
    Footer => "footer", Form => "form", Frame => "frame", Frameset => "frameset", H1 => "h1",
    H2 => "h2", H3 => "h3", H4 => "h4", H5 => "h5", H6 => "h6", Head => "head",
    Header => "header", Hgroup => "hgroup", Hr => "hr", Html => "html", I => "i",
    Iframe => "iframe", Img => "img", Input => "input", Ins => "ins", Kbd => "kbd",
    Label => "label", Legend => "legend", Li => "li", Link => "link", Main => "main",
    Mark => "mark", Menu => "menu", Meta => "meta", Meter => "meter", Nav => "nav",
    Noscript => "noscript", Object => "object", Ol => "ol", Optgroup => "optgroup",
    Option => "option", Output => "output", P => "p", Param => "param", Picture => "picture",
    Pre => "pre", Progress => "progress", Q => "q", S => "s", Samp => "samp",
    Script => "script", Section => "section", Select => "select", Small => "small",
    Source => "source", Span => "span", Strike => "strike", Strong => "strong",
    Style => "style", Sub => "sub", Summary => "summary", Sup => "sup", Svg => "svg",
    Table => "table", Tbody => "tbody", Td => "td", Template => "template",
    Textarea => "textarea", Tfoot => "tfoot", Th => "th", Thead => "thead", Time => "time",
    Title => "title", Tr => "tr", Track => "track", U => "u", Ul => "ul", Var => "var",
    Video => "video", Wbr => "wbr", Math => "math", Map => "map", Area => "area",
    // Names the parser's recovery rules single out, though no later stage does.
    Applet => "applet", Basefont => "basefont", Bgsound => "bgsound", Big => "big",
    Col => "col", Colgroup => "colgroup", Dir => "dir", Image => "image", Keygen => "keygen",
    Listing => "listing", Marquee => "marquee", Nobr => "nobr", Noembed => "noembed",
    Noframes => "noframes", Plaintext => "plaintext", Rb => "rb", Rp => "rp", Rt => "rt",
    Rtc => "rtc", Ruby => "ruby", Search => "search", Tt => "tt", Xmp => "xmp",
}

/// Elements that start a new block of text: their content never runs on
/// into the text around them.
pub fn is_block(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Address
            | Article
            | Aside
            | Blockquote
            | Body
            | Caption
            | Center
            | Dd
            | Details
            | Dialog
            | Div
            | Dl
            | Dt
            | Fieldset
            | Figcaption
            | Figure
            | Footer
            | Form
            | Frameset
            | H1
            | H2
            | H3
            | H4
            | H5
            | H6
            | Header
            | Hgroup
            | Hr
            | Html
            | Legend
            | Li
            | Main
            | Menu
            | Nav
            | Ol
            | Optgroup
            | Option
            | P
            | Pre
            | Section
            | Select
            | Summary
            | Table
            | Tbody
            | Td
            | Tfoot
            | Th
            | Thead
            | Tr
            | Ul
            | Textarea
            | Br
    )
}

/// Elements whose subtree is never page content: code, styling, embedded
/// objects and form controls that only carry labels for machines.
pub fn is_never_content(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Script
            | Style
            | Template
            | Head
            | Title
            | Meta
            | Link
            | Base
            | Iframe
            | Frame
            | Object
            | Embed
            | Param
            | Svg
            | Canvas
            | Math
            | Select
            | Option
            | Optgroup
            | Textarea
            | Input
            | Button
            | Audio
            | Video
            | Source
            | Track
            | Map
            | Area
            | Dialog
    )
}

/// Headings, `h1` to `h6`, with their level.
pub fn heading_level(tag: Tag) -> Option<u8> {
    match tag {
        Tag::H1 => Some(1),
        Tag::H2 => Some(2),
        Tag::H3 => Some(3),
        Tag::H4 => Some(4),
        Tag::H5 => Some(5),
        Tag::H6 => Some(6),
        _ => None,
    }
}

/// Elements that HTML5 marks as page furniture by their very name.
pub fn is_landmark_boilerplate(tag: Tag) -> bool {
    matches!(tag, Tag::Nav | Tag::Header | Tag::Footer | Tag::Aside)
}

/// Elements with no children and no end tag.
pub fn is_void(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Area | Base | Br | Embed | Hr | Img | Input | Link | Meta | Param | Source | Track | Wbr
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Tag::from_name("blockquote"), Tag::Blockquote);
        assert_eq!(Tag::Blockquote.name(), "blockquote");
        assert_eq!(Tag::from_name("my-widget"), Tag::Other);
    }

    #[test]
    fn sets_are_disjoint_where_they_must_be() {
        assert!(is_block(Tag::P) && !is_never_content(Tag::P));
        assert!(is_never_content(Tag::Script) && !is_block(Tag::Script));
        assert_eq!(heading_level(Tag::H3), Some(3));
    }
}
