//! GitHub-flavoured Markdown.

use super::Extraction;
use crate::blocks::{Block, BlockKind, Inline};

fn inline_markdown(b: &Block, out: &mut String) {
    for i in &b.inlines {
        match i {
            Inline::Text { text, marks, href } => {
                let mut t = text.clone();
                if marks.code {
                    t = format!("`{t}`");
                } else {
                    if marks.strong && !t.trim().is_empty() {
                        t = format!("**{}**", t.trim());
                    }
                    if marks.emphasis && !t.trim().is_empty() {
                        t = format!("*{}*", t.trim());
                    }
                }
                match href {
                    Some(h) if !h.is_empty() && !h.starts_with("javascript:") => {
                        out.push_str(&format!("[{}]({h})", t.trim()))
                    }
                    _ => out.push_str(&t),
                }
            }
            Inline::Image { src, alt } => out.push_str(&format!("![{alt}]({src})")),
            Inline::LineBreak => out.push_str("  \n"),
        }
    }
}

/// Renders the kept blocks as Markdown.
pub fn render(e: &Extraction) -> String {
    let mut out = String::new();
    let mut prev: Option<&Block> = None;
    for b in e.kept_blocks() {
        if let Some(p) = prev {
            out.push_str(if super::text::same_group(p, b) { "\n" } else { "\n\n" });
        }
        match b.kind {
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(level as usize));
                out.push(' ');
            }
            BlockKind::ListItem => {
                out.push_str(&"  ".repeat(b.list_depth.saturating_sub(1) as usize));
                out.push_str(if b.ordered { "1. " } else { "- " });
            }
            _ if b.quoted => out.push_str("> "),
            _ => {}
        }
        if b.kind == BlockKind::Preformatted {
            out.push_str("```\n");
            out.push_str(&b.text);
            out.push_str("\n```");
        } else {
            let mut line = String::new();
            inline_markdown(b, &mut line);
            out.push_str(line.trim());
        }
        prev = Some(b);
    }
    out
}
