//! Whether a doctype puts the page in quirks mode. For tree construction the
//! mode matters in one place only: in quirks mode a `<table>` does not close
//! an open `<p>`. The lists are the standard's (§13.2.6.4.1), as html5ever
//! keeps them in `tree_builder/data.rs`; "limited quirks" builds the same
//! tree as no quirks and is not told apart.

use crate::dom::tokenizer::Doctype;

/// Public identifiers (lower-cased) that start a quirks-mode doctype.
const QUIRKY_PUBLIC_PREFIXES: &[&str] = &[
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//",
    "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//",
    "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//",
    "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//",
    "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//",
    "-//w3c//dtd html 3.2 final//",
    "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//",
];

/// Public identifiers (lower-cased) that are quirky when whole.
const QUIRKY_PUBLIC_IDS: &[&str] = &[
    "-//w3o//dtd w3 html strict 3.0//en//",
    "-/w3c/dtd html 4.0 transitional/en",
    "html",
];

/// System identifiers (lower-cased) that are quirky when whole.
const QUIRKY_SYSTEM_IDS: &[&str] = &["http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"];

/// HTML 4.01 public identifiers that are quirky without a system identifier.
const HTML4_PUBLIC_PREFIXES: &[&str] = &[
    "-//w3c//dtd html 4.01 frameset//",
    "-//w3c//dtd html 4.01 transitional//",
];

/// True when `doctype` selects quirks mode.
pub(super) fn is_quirky(doctype: &Doctype) -> bool {
    if doctype.force_quirks || doctype.name.as_deref() != Some("html") {
        return true;
    }
    let public = doctype.public_id.as_deref().map(str::to_ascii_lowercase);
    let system = doctype.system_id.as_deref().map(str::to_ascii_lowercase);
    if let Some(p) = &public {
        if QUIRKY_PUBLIC_IDS.contains(&p.as_str())
            || QUIRKY_PUBLIC_PREFIXES.iter().any(|x| p.starts_with(x))
            || (system.is_none() && HTML4_PUBLIC_PREFIXES.iter().any(|x| p.starts_with(x)))
        {
            return true;
        }
    }
    system
        .as_deref()
        .is_some_and(|s| QUIRKY_SYSTEM_IDS.contains(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doctype(name: &str, public: Option<&str>, system: Option<&str>) -> Doctype {
        Doctype {
            name: Some(name.into()),
            public_id: public.map(Into::into),
            system_id: system.map(Into::into),
            force_quirks: false,
        }
    }

    #[test]
    fn html5_and_strict_doctypes_are_not_quirky() {
        assert!(!is_quirky(&doctype("html", None, None)));
        assert!(!is_quirky(&doctype(
            "html",
            Some("-//W3C//DTD HTML 4.01 Transitional//EN"),
            Some("http://www.w3.org/TR/html4/loose.dtd")
        )));
    }

    #[test]
    fn old_and_broken_doctypes_are_quirky() {
        assert!(is_quirky(&doctype(
            "html",
            Some("-//W3C//DTD HTML 4.01 Transitional//EN"),
            None
        )));
        assert!(is_quirky(&doctype(
            "html",
            Some("-//W3C//DTD HTML 3.2 Final//EN"),
            None
        )));
        assert!(is_quirky(&doctype("svg", None, None)));
    }
}
