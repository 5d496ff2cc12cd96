//! Characters that print as nothing: a soft hyphen (a place where a word
//! may break) and a zero-width space. Sites put them inside words
//! ("Baro\u{AD}lo"), where they survive copying and split the word for
//! anyone matching or tokenising the text; the plain text, Markdown and
//! the title leave them out. The blocks keep them: the block model's
//! features were computed on the text as parsed.

/// The characters left out.
const INVISIBLE: &[char] = &['\u{AD}', '\u{200B}'];

/// `text` without invisible characters (unchanged, and not copied, when it
/// holds none).
pub(crate) fn without_invisible(text: String) -> String {
    if text.contains(INVISIBLE) {
        text.replace(INVISIBLE, "")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_hyphens_and_zero_width_spaces_go() {
        assert_eq!(
            without_invisible("Baro\u{AD}lo und Bar\u{200B}baresco".into()),
            "Barolo und Barbaresco"
        );
        assert_eq!(without_invisible("plain".into()), "plain");
    }
}
