//! Pages built to break a parser, generated (none is stored): each must
//! give exit 0 and its content. `tests/adversarial.rs` checks the content;
//! `bench/adversarial.py` times each page and measures its peak memory in
//! a process of its own.

/// A prose paragraph every page carries somewhere in its trap, so that
/// keeping the content can be checked by one phrase.
pub const PROSE: &str = "The committee met on Tuesday to review the plan, and after a long \
    discussion of costs, timing and risks, it agreed to go ahead with the first stage.";

/// The phrase each page's extraction must hold.
pub const MARKER: &str = "go ahead with the first stage";

/// One adversarial page.
pub struct Adversarial {
    /// A short name, for file names and reports.
    pub name: &'static str,
    /// What the page does.
    pub what: &'static str,
    /// The page's bytes.
    pub bytes: Vec<u8>,
}

fn page(body: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html><head><title>Adversarial</title></head><body>{body}</body></html>"
    )
    .into_bytes()
}

fn paragraph() -> String {
    format!("<p>{PROSE}</p>")
}

/// Every adversarial page the robustness issue lists, at its full size.
pub fn pages() -> Vec<Adversarial> {
    let p = paragraph();
    let mut out = vec![
        Adversarial {
            name: "nested-divs",
            what: "200,000 nested div",
            bytes: page(&format!(
                "{}{p}{}",
                "<div>".repeat(200_000),
                "</div>".repeat(200_000)
            )),
        },
        Adversarial {
            name: "unclosed-div-span-font",
            what: "60,000 unclosed div/span/font",
            bytes: page(&format!("{}{p}", "<div><span><font>".repeat(60_000))),
        },
        Adversarial {
            name: "nested-tables",
            what: "50,000 nested tables",
            bytes: page(&format!(
                "{}{p}{}",
                "<table><tr><td>".repeat(50_000),
                "</td></tr></table>".repeat(50_000)
            )),
        },
        Adversarial {
            name: "misnested-formatting",
            what: "30,000 misnested <a><p><b><i><u>",
            bytes: page(&format!(
                "{}{p}",
                "<a href=\"/x\"><p><b><i><u>word ".repeat(30_000)
            )),
        },
        Adversarial {
            name: "million-attributes",
            what: "1,000,000 attributes on one element",
            bytes: {
                let attrs: String = (0..1_000_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
                page(&format!("<div{attrs}>{p}</div>"))
            },
        },
        Adversarial {
            name: "nul-bytes",
            what: "NUL bytes in text",
            bytes: page(&format!(
                "<article><p>{}</p>{p}</article>",
                PROSE.replace(' ', "\0 ")
            )),
        },
        Adversarial {
            name: "ten-megabyte-text-node",
            what: "a 10 MB text node",
            bytes: {
                // One text node of 10 MB with the prose in its middle.
                let half = "lorem ipsum dolor sit amet ".repeat(5_000_000 / 27);
                page(&format!("<article><p>{half}{PROSE} {half}</p></article>"))
            },
        },
        Adversarial {
            name: "million-tiny-elements",
            what: "1,000,000 tiny elements (each word of an article in a span)",
            bytes: {
                let mut body = String::from("<article>");
                let words: Vec<&str> = PROSE.split(' ').collect();
                let mut elements = 0;
                let mut n = 0;
                while elements < 1_000_000 {
                    body.push_str(&format!("<p><span>Paragraph </span><span>{n}: </span>"));
                    for w in &words {
                        body.push_str("<span>");
                        body.push_str(w);
                        body.push_str(" </span>");
                    }
                    body.push_str("</p>");
                    elements += words.len() + 3;
                    n += 1;
                }
                body.push_str("</article>");
                page(&body)
            },
        },
        Adversarial {
            name: "million-paragraphs",
            what: "1,000,000 tiny paragraphs (a word and a number each), the prose last",
            bytes: {
                let words: Vec<&str> = PROSE.split(' ').collect();
                let mut body = String::from("<article>");
                for n in 0..1_000_000 {
                    body.push_str(&format!("<p>{} {n}</p>", words[n % words.len()]));
                }
                body.push_str(&p);
                body.push_str("</article>");
                page(&body)
            },
        },
        Adversarial {
            name: "formula-thicket",
            what: "10,000 formulas in one span beside 50,000 empty elements, and MathML 500 deep",
            bytes: page(&format!(
                "<article><p><span><span>{}</span>{}</span></p>{p}<p><math>{}<mi>x</mi>{}</math></p></article>",
                "<i></i>".repeat(50_000),
                "<math alttext='x'><mi>x</mi></math>".repeat(10_000),
                "<mrow>".repeat(500),
                "</mrow>".repeat(500)
            )),
        },
        Adversarial {
            name: "invalid-utf8",
            what: "invalid UTF-8 everywhere",
            bytes: {
                // Every seventh byte of the markup, prose left whole, is a
                // byte no UTF-8 sequence starts or continues this way.
                let mut bytes =
                    page(&"<div class=\"x\"><span>filler text here</span></div>".repeat(200));
                for (i, b) in bytes.iter_mut().enumerate() {
                    if i % 7 == 3 {
                        *b = [0x80, 0xff, 0xc3, 0xfe][i % 4];
                    }
                }
                let mut out = page(&format!("<article>{p}</article>"));
                out.extend_from_slice(&bytes);
                out
            },
        },
    ];
    for (name, what, tail) in [
        (
            "cut-in-tag",
            "a page cut off inside a tag",
            "<div class=\"x\" id",
        ),
        (
            "cut-in-comment",
            "a page cut off inside a comment",
            "<!-- never closed",
        ),
        (
            "cut-in-script",
            "a page cut off inside a script",
            "<script>var a = 1; if (a <",
        ),
        (
            "cut-in-attribute",
            "a page cut off inside an attribute value",
            "<a href=\"https://example.com/",
        ),
    ] {
        let mut bytes = format!(
            "<!doctype html><html><head><title>Cut</title></head><body><article>{p}</article>"
        )
        .into_bytes();
        bytes.extend_from_slice(tail.as_bytes());
        out.push(Adversarial { name, what, bytes });
    }
    out
}
