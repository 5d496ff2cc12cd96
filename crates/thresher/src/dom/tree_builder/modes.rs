//! The insertion modes around the body: before it (`initial` to `after
//! head`), raw text, templates, and after it (`after body`, framesets).
//! Before `body`, text other than whitespace and any element that does not
//! belong in `head` implies the missing `html`, `head` and `body`.

use std::borrow::Cow;

use super::{split_leading_space, Flow, Mode, TreeBuilder};
use crate::dom::tokenizer::{State, Token};
use crate::dom::Tag;

use super::tag_sets::{is_head_content, is_thoroughly_implied_end};

impl<'a> TreeBuilder<'a> {
    /// Handles the whitespace that leads `text` with `on_space`, and returns
    /// the rest as a token to handle by the mode's "anything else" rule, or
    /// `None` when nothing is left.
    fn leading_space(
        &mut self,
        text: Cow<'a, str>,
        on_space: fn(&mut Self, &str),
    ) -> Option<Token<'a>> {
        let (space, rest) = split_leading_space(text);
        if !space.is_empty() {
            on_space(self, &space);
            let used = u32::try_from(space.len()).unwrap_or(u32::MAX);
            self.tok.start = self.tok.start.saturating_add(used).min(self.tok.end);
        }
        (!rest.is_empty()).then_some(Token::Text(rest))
    }

    /// Among frames only whitespace is kept, wherever it is in the text:
    /// hands it to `on_space` and drops the rest.
    pub(super) fn only_space(&mut self, text: &str, on_space: fn(&mut Self, &str)) {
        let space: String = text.chars().filter(|&c| super::is_space(c)).collect();
        if !space.is_empty() {
            on_space(self, &space);
        }
    }

    fn ignore_space(&mut self, _: &str) {}

    fn insert_space(&mut self, space: &str) {
        self.insert_text(space);
    }

    fn space_in_body(&mut self, space: &str) {
        self.reconstruct_formatting();
        self.insert_text(space);
    }

    pub(super) fn initial(&mut self, token: Token<'a>) -> Flow<'a> {
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::ignore_space) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                let root = self.b.root();
                self.append_comment_to(root);
                return Flow::Done;
            }
            other => other,
        };
        // No doctype: quirks mode.
        self.quirks = true;
        Flow::Reprocess(Mode::BeforeHtml, token)
    }

    pub(super) fn before_html(&mut self, token: Token<'a>) -> Flow<'a> {
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::ignore_space) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                let root = self.b.root();
                self.append_comment_to(root);
                return Flow::Done;
            }
            Token::Start(t) if t.tag == Tag::Html => {
                self.create_root(t.attrs);
                self.mode = Mode::BeforeHead;
                return Flow::Done;
            }
            Token::End(t) if !matches!(t.tag, Tag::Head | Tag::Body | Tag::Html | Tag::Br) => {
                return Flow::Done;
            }
            other => other,
        };
        self.create_root(Vec::new());
        Flow::Reprocess(Mode::BeforeHead, token)
    }

    fn create_root(&mut self, attrs: Vec<crate::dom::Attr>) {
        let id = self.create(Tag::Html, Tag::Html.name().into(), attrs);
        let root = self.b.root();
        self.b.append(root, id);
        self.push(id, Tag::Html, super::Ns::Html, 0);
    }

    pub(super) fn before_head(&mut self, token: Token<'a>) -> Flow<'a> {
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::ignore_space) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                self.insert_comment();
                return Flow::Done;
            }
            Token::Start(t) if t.tag == Tag::Html => return self.in_body(Token::Start(t)),
            Token::Start(t) if t.tag == Tag::Head => {
                self.head = Some(self.insert_start(t));
                self.mode = Mode::InHead;
                return Flow::Done;
            }
            Token::End(t) if !matches!(t.tag, Tag::Head | Tag::Body | Tag::Html | Tag::Br) => {
                return Flow::Done;
            }
            other => other,
        };
        self.head = Some(self.insert_implied(Tag::Head));
        Flow::Reprocess(Mode::InHead, token)
    }

    pub(super) fn in_head(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::insert_space) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                self.insert_comment();
                return Flow::Done;
            }
            Token::Start(t) => match t.tag {
                Html => return self.in_body(Token::Start(t)),
                Base | Basefont | Bgsound | Link | Meta => {
                    self.insert_void(t);
                    return Flow::Done;
                }
                Title => return self.raw_text(t, State::Rcdata),
                Noframes | Style => return self.raw_text(t, State::RawText),
                // Scripting is off: `noscript` holds markup.
                Noscript => {
                    self.insert_start(t);
                    self.mode = Mode::InHeadNoscript;
                    return Flow::Done;
                }
                Script => return self.raw_text(t, State::ScriptData),
                Template => {
                    self.insert_start(t);
                    self.push_marker();
                    self.frameset_ok = false;
                    self.mode = Mode::InTemplate;
                    self.template_modes.push(Mode::InTemplate);
                    return Flow::Done;
                }
                Head => return Flow::Done,
                _ => Token::Start(t),
            },
            Token::End(t) => match t.tag {
                Head => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    return Flow::Done;
                }
                Body | Html | Br => Token::End(t),
                Template => {
                    if self.is_open(Template) {
                        while self.current_in(is_thoroughly_implied_end) {
                            self.pop();
                        }
                        self.pop_until(Template);
                        self.clear_formatting_to_marker();
                        self.template_modes.pop();
                        self.mode = self.reset_mode();
                    }
                    return Flow::Done;
                }
                _ => return Flow::Done,
            },
            other => other,
        };
        self.pop();
        Flow::Reprocess(Mode::AfterHead, token)
    }

    /// `noscript` in `head` may only hold what `head` may; anything else
    /// closes it.
    pub(super) fn in_head_noscript(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::insert_space) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => return self.in_head(Token::Comment),
            Token::Start(t) => match t.tag {
                Html => return self.in_body(Token::Start(t)),
                Basefont | Bgsound | Link | Meta | Noframes | Style => {
                    return self.in_head(Token::Start(t))
                }
                Head | Noscript => return Flow::Done,
                _ => Token::Start(t),
            },
            Token::End(t) => match t.tag {
                Noscript => {
                    self.pop();
                    self.mode = Mode::InHead;
                    return Flow::Done;
                }
                Br => Token::End(t),
                _ => return Flow::Done,
            },
            other => other,
        };
        self.pop();
        Flow::Reprocess(Mode::InHead, token)
    }

    pub(super) fn after_head(&mut self, token: Token<'a>) -> Flow<'a> {
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::insert_space) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                self.insert_comment();
                return Flow::Done;
            }
            Token::Start(t) => match t.tag {
                Tag::Html => return self.in_body(Token::Start(t)),
                Tag::Body => {
                    self.insert_start(t);
                    self.frameset_ok = false;
                    self.mode = Mode::InBody;
                    return Flow::Done;
                }
                Tag::Frameset => {
                    self.insert_start(t);
                    self.mode = Mode::InFrameset;
                    return Flow::Done;
                }
                tag if is_head_content(tag) => {
                    // Late head content still goes into head.
                    let Some(head) = self.head else {
                        return self.in_head(Token::Start(t));
                    };
                    self.push(head, Tag::Head, super::Ns::Html, 0);
                    let flow = self.in_head(Token::Start(t));
                    self.remove_from_stack(head);
                    return flow;
                }
                Tag::Head => return Flow::Done,
                _ => Token::Start(t),
            },
            Token::End(t) => match t.tag {
                Tag::Template => return self.in_head(Token::End(t)),
                Tag::Body | Tag::Html | Tag::Br => Token::End(t),
                _ => return Flow::Done,
            },
            other => other,
        };
        self.insert_implied(Tag::Body);
        Flow::Reprocess(Mode::InBody, token)
    }

    /// Raw text and RCDATA: the tokenizer hands over text until the end tag.
    pub(super) fn text(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(t) => self.insert_text(&t),
            Token::Eof => {
                self.pop();
                return Flow::Reprocess(self.orig_mode, Token::Eof);
            }
            Token::End(_) => {
                self.pop();
                self.mode = self.orig_mode;
            }
            _ => {}
        }
        Flow::Done
    }

    pub(super) fn in_template(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        let switch_to = |this: &mut Self, mode: Mode| {
            this.template_modes.pop();
            this.template_modes.push(mode);
            mode
        };
        match token {
            Token::Text(_) | Token::Comment => self.in_body(token),
            Token::Start(ref t) if is_head_content(t.tag) => self.in_head(token),
            Token::End(ref t) if t.tag == Template => self.in_head(token),
            Token::Start(ref t) => {
                let mode = match t.tag {
                    Caption | Colgroup | Tbody | Tfoot | Thead => Mode::InTable,
                    Col => Mode::InColumnGroup,
                    Tr => Mode::InTableBody,
                    Td | Th => Mode::InRow,
                    _ => Mode::InBody,
                };
                Flow::Reprocess(switch_to(self, mode), token)
            }
            Token::Eof => {
                if !self.is_open(Template) {
                    return Flow::Done;
                }
                self.pop_until(Template);
                self.clear_formatting_to_marker();
                self.template_modes.pop();
                let mode = self.reset_mode();
                Flow::Reprocess(mode, Token::Eof)
            }
            _ => Flow::Done,
        }
    }

    pub(super) fn after_body(&mut self, token: Token<'a>) -> Flow<'a> {
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::space_in_body) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                let html = self.stack.first().map_or(self.b.root(), |e| e.id);
                self.append_comment_to(html);
                return Flow::Done;
            }
            Token::Start(t) if t.tag == Tag::Html => return self.in_body(Token::Start(t)),
            Token::End(t) if t.tag == Tag::Html => {
                self.mode = Mode::AfterAfterBody;
                return Flow::Done;
            }
            Token::Eof => return Flow::Done,
            other => other,
        };
        Flow::Reprocess(Mode::InBody, token)
    }

    pub(super) fn after_after_body(&mut self, token: Token<'a>) -> Flow<'a> {
        let token = match token {
            Token::Text(t) => match self.leading_space(t, Self::space_in_body) {
                Some(rest) => rest,
                None => return Flow::Done,
            },
            Token::Comment => {
                let root = self.b.root();
                self.append_comment_to(root);
                return Flow::Done;
            }
            Token::Start(t) if t.tag == Tag::Html => return self.in_body(Token::Start(t)),
            Token::Eof => return Flow::Done,
            other => other,
        };
        Flow::Reprocess(Mode::InBody, token)
    }

    pub(super) fn in_frameset(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(t) => self.only_space(&t, Self::insert_space),
            Token::Comment => self.insert_comment(),
            Token::Start(t) => match t.tag {
                Tag::Html => return self.in_body(Token::Start(t)),
                Tag::Frameset => {
                    self.insert_start(t);
                }
                Tag::Frame => {
                    self.insert_void(t);
                }
                Tag::Noframes => return self.in_head(Token::Start(t)),
                _ => {}
            },
            Token::End(t) if t.tag == Tag::Frameset && self.stack.len() > 1 => {
                self.pop();
                if !self.current_is(Tag::Frameset) {
                    self.mode = Mode::AfterFrameset;
                }
            }
            _ => {}
        }
        Flow::Done
    }

    pub(super) fn after_frameset(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(t) => self.only_space(&t, Self::insert_space),
            Token::Comment => self.insert_comment(),
            Token::Start(t) if t.tag == Tag::Html => return self.in_body(Token::Start(t)),
            Token::Start(t) if t.tag == Tag::Noframes => return self.in_head(Token::Start(t)),
            Token::End(t) if t.tag == Tag::Html => self.mode = Mode::AfterAfterFrameset,
            _ => {}
        }
        Flow::Done
    }

    pub(super) fn after_after_frameset(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(t) => self.only_space(&t, Self::space_in_body),
            Token::Comment => {
                let root = self.b.root();
                self.append_comment_to(root);
            }
            Token::Start(t) if t.tag == Tag::Html => return self.in_body(Token::Start(t)),
            Token::Start(t) if t.tag == Tag::Noframes => return self.in_head(Token::Start(t)),
            _ => {}
        }
        Flow::Done
    }
}
