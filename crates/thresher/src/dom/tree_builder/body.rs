//! The "in body" insertion mode (§13.2.6.4.7): implied end tags (`p`
//! closed by a block, `li` by the next `li` …), end tags that match nothing,
//! void and raw text elements, forms, and the entry into SVG and MathML.

use super::tag_sets::{is_formatting, is_heading, is_implied_end, is_special, Scope};
use super::{Flow, Mode, Ns, TreeBuilder};
use crate::dom::tokenizer::{EndTag, StartTag, State, Token};
use crate::dom::Tag;

/// The headings, for "is any heading open" checks.
const HEADINGS: [Tag; 6] = [Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6];

impl<'a> TreeBuilder<'a> {
    pub(super) fn in_body(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(t) => {
                let t = crate::dom::without_nul(t);
                if t.is_empty() {
                    return Flow::Done;
                }
                self.reconstruct_formatting();
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
            Token::Doctype(_) => Flow::Done,
            Token::Eof => {
                if self.template_modes.is_empty() {
                    Flow::Done
                } else {
                    self.in_template(Token::Eof)
                }
            }
            Token::Start(t) => self.body_start_tag(t),
            Token::End(t) => self.body_end_tag(t),
        }
    }

    fn body_start_tag(&mut self, mut t: StartTag<'a>) -> Flow<'a> {
        use Tag::*;
        match t.tag {
            Html => {
                if !self.is_open(Template) {
                    if let Some(html) = self.stack.first().map(|e| e.id) {
                        self.add_missing_attrs(html, t.attrs);
                    }
                }
            }
            Base | Basefont | Bgsound | Link | Meta | Noframes | Script | Style | Template
            | Title => return self.in_head(Token::Start(t)),
            Body => {
                let body = self.stack.get(1).filter(|e| e.is(Body)).map(|e| e.id);
                if let Some(body) = body {
                    if !self.is_open(Template) {
                        self.frameset_ok = false;
                        self.add_missing_attrs(body, t.attrs);
                    }
                }
            }
            Frameset => {
                let body = self.stack.get(1).filter(|e| e.is(Body)).map(|e| e.id);
                if let (true, Some(body)) = (self.frameset_ok, body) {
                    self.b.detach(body);
                    while self.stack.len() > 1 {
                        self.pop();
                    }
                    self.insert_start(t);
                    self.mode = Mode::InFrameset;
                }
            }
            Address | Article | Aside | Blockquote | Center | Details | Dialog | Dir | Div | Dl
            | Fieldset | Figcaption | Figure | Footer | Header | Hgroup | Main | Menu | Nav
            | Ol | P | Search | Section | Summary | Ul => {
                self.close_p_in_button_scope();
                self.insert_start(t);
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                self.close_p_in_button_scope();
                if self.current_in(is_heading) {
                    self.pop();
                }
                self.insert_start(t);
            }
            Pre | Listing => {
                self.close_p_in_button_scope();
                self.insert_start(t);
                self.ignore_lf = true;
                self.frameset_ok = false;
            }
            Form => {
                let in_template = self.is_open(Template);
                if self.form.is_none() || in_template {
                    self.close_p_in_button_scope();
                    let id = self.insert_start(t);
                    if !in_template {
                        self.form = Some(id);
                    }
                }
            }
            Li | Dd | Dt => {
                self.close_list_item(t.tag);
                self.close_p_in_button_scope();
                self.insert_start(t);
            }
            Plaintext => {
                self.close_p_in_button_scope();
                self.insert_start(t);
                self.switch = Some((State::Plaintext, Plaintext));
            }
            Button => {
                if self.in_scope(Button, Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(Button);
                }
                self.reconstruct_formatting();
                self.insert_start(t);
                self.frameset_ok = false;
            }
            A => {
                if let Some(open_a) = self.formatting_after_marker(A) {
                    self.adoption_agency(A);
                    self.remove_formatting_entry(open_a);
                    self.remove_from_stack(open_a);
                }
                self.reconstruct_formatting();
                self.insert_formatting(t);
            }
            B | Big | Code | Em | Font | I | S | Small | Strike | Strong | Tt | U => {
                self.reconstruct_formatting();
                self.insert_formatting(t);
            }
            Nobr => {
                self.reconstruct_formatting();
                if self.in_scope(Nobr, Scope::Default) {
                    self.adoption_agency(Nobr);
                    self.reconstruct_formatting();
                }
                self.insert_formatting(t);
            }
            Applet | Marquee | Object => {
                self.reconstruct_formatting();
                self.insert_start(t);
                self.push_marker();
                self.frameset_ok = false;
            }
            Table => {
                // Quirks mode keeps an open `p` around a table, as old
                // browsers did.
                if !self.quirks {
                    self.close_p_in_button_scope();
                }
                self.insert_start(t);
                self.frameset_ok = false;
                self.mode = Mode::InTable;
            }
            Area | Br | Embed | Img | Keygen | Wbr => {
                self.reconstruct_formatting();
                self.insert_void(t);
                self.frameset_ok = false;
            }
            Input => {
                if self.in_scope(Select, Scope::Default) {
                    self.pop_until(Select);
                }
                let hidden = t
                    .attrs
                    .iter()
                    .any(|a| &*a.name == "type" && a.value.eq_ignore_ascii_case("hidden"));
                self.reconstruct_formatting();
                self.insert_void(t);
                if !hidden {
                    self.frameset_ok = false;
                }
            }
            Param | Source | Track => {
                self.insert_void(t);
            }
            Hr => {
                self.close_p_in_button_scope();
                if self.in_scope(Select, Scope::Default) {
                    self.generate_implied_end_tags(None);
                }
                self.insert_void(t);
                self.frameset_ok = false;
            }
            Image => {
                // `<image>` is an old spelling of `<img>`.
                t.tag = Img;
                t.name = "img".into();
                return self.body_start_tag(t);
            }
            Textarea => {
                self.ignore_lf = true;
                self.frameset_ok = false;
                return self.raw_text(t, State::Rcdata);
            }
            Xmp => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting();
                self.frameset_ok = false;
                return self.raw_text(t, State::RawText);
            }
            Iframe => {
                self.frameset_ok = false;
                return self.raw_text(t, State::RawText);
            }
            // Scripting is off: `noscript` is an ordinary element (below).
            Noembed => return self.raw_text(t, State::RawText),
            Select => {
                if self.in_scope(Select, Scope::Default) {
                    self.pop_until(Select);
                } else {
                    self.reconstruct_formatting();
                    self.insert_start(t);
                    self.frameset_ok = false;
                }
            }
            Option | Optgroup => {
                if self.in_scope(Select, Scope::Default) {
                    let except = (t.tag == Option).then_some(Optgroup);
                    self.generate_implied_end_tags(except);
                } else if self.current_is(Option) {
                    self.pop();
                }
                self.reconstruct_formatting();
                self.insert_start(t);
            }
            Rb | Rtc | Rp | Rt => {
                if self.in_scope(Ruby, Scope::Default) {
                    let except = matches!(t.tag, Rp | Rt).then_some(Rtc);
                    self.generate_implied_end_tags(except);
                }
                self.insert_start(t);
            }
            Math => {
                self.reconstruct_formatting();
                self.insert_foreign(t, Ns::MathMl);
            }
            Svg => {
                self.reconstruct_formatting();
                self.insert_foreign(t, Ns::Svg);
            }
            Caption | Col | Colgroup | Frame | Head | Tbody | Td | Tfoot | Th | Thead | Tr => {}
            _ => {
                self.reconstruct_formatting();
                self.insert_start(t);
            }
        }
        Flow::Done
    }

    /// Before a new `li` (or `dd`/`dt`): closes the open one, unless a
    /// block other than `address`, `div` or `p` stands between.
    fn close_list_item(&mut self, tag: Tag) {
        self.frameset_ok = false;
        let closes = |t: Tag| {
            if tag == Tag::Li {
                t == Tag::Li
            } else {
                matches!(t, Tag::Dd | Tag::Dt)
            }
        };
        let candidates = if tag == Tag::Li {
            self.is_open(Tag::Li)
        } else {
            self.is_open(Tag::Dd) || self.is_open(Tag::Dt)
        };
        if !candidates {
            return;
        }
        let mut to_close = None;
        for e in self.stack.iter().rev() {
            if !e.is_html() {
                continue;
            }
            if closes(e.tag) {
                to_close = Some(e.tag);
                break;
            }
            if is_special(e.tag) && !matches!(e.tag, Tag::Address | Tag::Div | Tag::P) {
                break;
            }
        }
        if let Some(found) = to_close {
            self.generate_implied_end_tags(Some(found));
            self.pop_until(found);
        }
    }

    fn body_end_tag(&mut self, t: EndTag<'a>) -> Flow<'a> {
        use Tag::*;
        match t.tag {
            Template => return self.in_head(Token::End(t)),
            Body => {
                if self.in_scope(Body, Scope::Default) {
                    self.mode = Mode::AfterBody;
                }
            }
            Html => {
                if self.in_scope(Body, Scope::Default) {
                    return Flow::Reprocess(Mode::AfterBody, Token::End(t));
                }
            }
            Address | Article | Aside | Blockquote | Button | Center | Details | Dialog | Dir
            | Div | Dl | Fieldset | Figcaption | Figure | Footer | Header | Hgroup | Listing
            | Main | Menu | Nav | Ol | Pre | Search | Section | Select | Summary | Ul => {
                if self.in_scope(t.tag, Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(t.tag);
                }
            }
            Form => self.end_form(),
            P => {
                if !self.in_scope(P, Scope::Button) {
                    // `</p>` with no open `p` makes an empty one.
                    self.insert_implied(P);
                }
                self.close_p();
            }
            Li | Dd | Dt => {
                let scope = if t.tag == Li {
                    Scope::ListItem
                } else {
                    Scope::Default
                };
                if self.in_scope(t.tag, scope) {
                    self.generate_implied_end_tags(Some(t.tag));
                    self.pop_until(t.tag);
                }
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                // Any heading closes any other: `<h2>…</h3>` still ends.
                if self.in_scope_any(is_heading, &HEADINGS, Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until_any(is_heading);
                }
            }
            tag if is_formatting(tag) => self.adoption_agency(tag),
            Applet | Marquee | Object => {
                if self.in_scope(t.tag, Scope::Default) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(t.tag);
                    self.clear_formatting_to_marker();
                }
            }
            Br => {
                // `</br>` acts as `<br>`.
                return self.body_start_tag(StartTag {
                    name: "br".into(),
                    tag: Br,
                    attrs: Vec::new(),
                    self_closing: false,
                });
            }
            _ => self.any_other_end_tag(&t),
        }
        Flow::Done
    }

    fn end_form(&mut self) {
        if self.is_open(Tag::Template) {
            if self.in_scope(Tag::Form, Scope::Default) {
                self.generate_implied_end_tags(None);
                self.pop_until(Tag::Form);
            }
            return;
        }
        let Some(form) = self.form.take() else {
            return;
        };
        if !self.node_in_scope(form) {
            return;
        }
        self.generate_implied_end_tags(None);
        // The form element may be closed out of order: only it is removed.
        self.remove_from_stack(form);
    }

    /// An end tag with no rule of its own closes the nearest open element of
    /// its name, unless a special element (a block, a table part …) stands
    /// in between; with no such element it is ignored.
    pub(super) fn any_other_end_tag(&mut self, t: &EndTag<'a>) {
        let maybe_open = if t.tag == Tag::Other {
            self.other_buckets[super::name_bucket(&t.name) as usize] > 0
        } else {
            self.is_open(t.tag)
        };
        if !maybe_open {
            return;
        }
        let mut found = None;
        for (i, e) in self.stack.iter().enumerate().rev() {
            if e.is(t.tag) && (t.tag != Tag::Other || self.element_name(e.id) == t.name) {
                found = Some(i);
                break;
            }
            if e.is_html() && is_special(e.tag) {
                return;
            }
        }
        let Some(i) = found else { return };
        let except = is_implied_end(t.tag).then_some(t.tag);
        self.generate_implied_end_tags(except);
        while self.stack.len() > i {
            self.pop();
        }
    }
}
