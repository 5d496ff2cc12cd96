//! Clean article HTML, safe to show: it is generated from blocks, never
//! copied from the source, so no script, style, event handler or iframe can
//! survive; only http(s), mailto and relative URLs are written.

use super::Extraction;
use crate::blocks::{BlockKind, Inline};

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
            _ => out.push(c),
        }
    }
    out
}

/// True for URLs that cannot run script when followed or loaded.
pub fn is_safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    match u.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Renders the kept blocks as HTML.
pub fn render(e: &Extraction) -> String {
    let mut out = String::from("<article>\n");
    for b in e.kept_blocks() {
        let tag = match b.kind {
            BlockKind::Heading(1) => "h1",
            BlockKind::Heading(2) => "h2",
            BlockKind::Heading(3) => "h3",
            BlockKind::Heading(_) => "h4",
            BlockKind::ListItem => "li",
            BlockKind::Preformatted => "pre",
            BlockKind::Caption => "figcaption",
            _ if b.quoted => "blockquote",
            _ => "p",
        };
        out.push_str(&format!("<{tag}>"));
        for i in &b.inlines {
            match i {
                Inline::Text { text, href, .. } => match href {
                    Some(h) if is_safe_url(h) => {
                        out.push_str(&format!("<a href=\"{}\">{}</a>", escape(h), escape(text)))
                    }
                    _ => out.push_str(&escape(text)),
                },
                Inline::Image { src, alt } if is_safe_url(src) => {
                    out.push_str(&format!("<img src=\"{}\" alt=\"{}\">", escape(src), escape(alt)))
                }
                Inline::Image { .. } => {}
                Inline::LineBreak => out.push_str("<br>"),
            }
        }
        out.push_str(&format!("</{tag}>\n"));
    }
    out.push_str("</article>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_not_safe() {
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JavaScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
        assert!(is_safe_url("https://example.com/a"));
        assert!(is_safe_url("/relative/path"));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<b onclick=\"x\">"), "&lt;b onclick=&quot;x&quot;&gt;");
    }
}
