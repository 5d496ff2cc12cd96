//! Link and image addresses in output: resolved against the page's address
//! and allowed only when following or loading them cannot run script.

use url::{ParseError, Url};

/// Schemes written to output. Everything else — `javascript:`, `data:`,
/// `vbscript:`, `file:` and whatever a browser may invent — is dropped.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp"];

/// Resolves addresses against the page's base URL, and answers for the
/// links and images the caller chose to leave out.
#[derive(Clone, Debug)]
pub struct Resolver {
    base: Option<Url>,
    links: bool,
    images: bool,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver {
            base: None,
            links: true,
            images: true,
        }
    }
}

impl Resolver {
    /// A resolver for a page at `base`; relative addresses stay relative
    /// when the base is unknown or not an absolute URL.
    pub fn new(base: Option<&str>) -> Self {
        Resolver {
            base: base.and_then(|b| Url::parse(b.trim()).ok()),
            ..Resolver::default()
        }
    }

    /// A resolver that writes links and images only where `options` keeps
    /// them.
    pub fn with_options(mut self, options: super::RenderOptions) -> Self {
        self.links = options.links;
        self.images = options.images;
        self
    }

    /// The address to link `href` to, or `None` when the link is shown as
    /// its text alone.
    pub fn link(&self, href: &str) -> Option<String> {
        self.links.then(|| self.resolve(href)).flatten()
    }

    /// The address to load the image `src` from, or `None` when the image
    /// is left out: images are not shown, or this one is decorative (a
    /// tracking pixel, a spacer).
    pub fn image(&self, src: &str, decorative: bool) -> Option<String> {
        (self.images && !decorative)
            .then(|| self.resolve(src))
            .flatten()
    }

    /// The address to write for `href`, or `None` when it is empty, a bare
    /// `#`, or could run script.
    pub fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href == "#" {
            return None;
        }
        let parsed = match &self.base {
            Some(base) => base.join(href),
            None => Url::parse(href),
        };
        match parsed {
            Ok(url) => SAFE_SCHEMES
                .contains(&url.scheme())
                .then(|| url.to_string()),
            Err(ParseError::RelativeUrlWithoutBase) => {
                // What is written must still read as relative: an address
                // that only failed to parse for a character inside its
                // scheme (`jav\u{18}ascript:`) must not become one.
                let relative = encode_relative(href);
                match Url::parse(&relative) {
                    Ok(url) if !SAFE_SCHEMES.contains(&url.scheme()) => None,
                    _ => Some(relative),
                }
            }
            Err(_) => None,
        }
    }
}

/// A relative address as written, with the characters that would end a
/// Markdown destination or an HTML attribute percent-encoded.
fn encode_relative(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            // Percent-encoded, not dropped: dropping one could join a
            // scheme a browser reads as relative (`jav\u{18}ascript:`).
            c if c.is_control() => {
                let mut utf8 = [0u8; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// True for addresses that cannot run script when followed or loaded,
/// whatever base they are resolved against.
pub fn is_safe(href: &str) -> bool {
    Resolver::default().resolve(href).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_data_urls_are_dropped() {
        let r = Resolver::new(Some("https://example.com/a/b.html"));
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "",
            "#",
        ] {
            assert_eq!(r.resolve(bad), None, "{bad:?}");
            assert!(!is_safe(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_control_character_inside_a_scheme_stays_relative() {
        // Found by the render fuzz target: the character was dropped and
        // the relative address became `javascript:`. A browser reads it as
        // relative, and so must what is written.
        let href = "jav\u{18}ascript:alert(1)";
        let relative = Resolver::default().resolve(href).expect("relative");
        assert_eq!(relative, "jav%18ascript:alert%281%29");
        let based = Resolver::new(Some("https://example.com/a/b.html"));
        assert_eq!(
            based.resolve(href).as_deref(),
            Some("https://example.com/a/jav%18ascript:alert(1)")
        );
    }

    #[test]
    fn relative_addresses_resolve_against_the_base() {
        let r = Resolver::new(Some("https://example.com/a/b.html"));
        assert_eq!(
            r.resolve("c.html").as_deref(),
            Some("https://example.com/a/c.html")
        );
        assert_eq!(
            r.resolve("/x?y=1#z").as_deref(),
            Some("https://example.com/x?y=1#z")
        );
        assert_eq!(
            r.resolve("//cdn.example.org/i.png").as_deref(),
            Some("https://cdn.example.org/i.png")
        );
        assert_eq!(
            r.resolve("mailto:a@example.com").as_deref(),
            Some("mailto:a@example.com")
        );
    }

    #[test]
    fn without_a_base_relative_addresses_stay_relative() {
        let r = Resolver::new(None);
        assert_eq!(r.resolve("/a b(1)").as_deref(), Some("/a%20b%281%29"));
        assert_eq!(
            r.resolve("https://example.com/").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(
            Resolver::new(Some("not a url"))
                .resolve("x.html")
                .as_deref(),
            Some("x.html")
        );
    }
}
