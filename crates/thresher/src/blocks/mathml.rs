//! MathML -> LaTeX, for formulas that carry no TeX of their own.
//!
//! KaTeX and Wikipedia write the TeX beside the MathML (an annotation, an
//! `alttext`), and [`super::formula`] takes it from there. MathJax 3's
//! assistive MathML carries none, so its formulas are converted here: the
//! token elements (`mi`, `mn`, `mo`, `mtext`), rows, scripts, fractions,
//! roots, accents, limits, fences and tables, enough for the formulas of
//! prose. Elements with no rule give their children's TeX in a row, so an
//! unknown element loses its meaning, never its symbols.

use crate::dom::{Document, NodeId};

/// Nesting past this many elements is read as a flat row of its text: a
/// real formula nests a few levels, and a page must not drive the
/// conversion as deep as the parser's own limit.
const MAX_DEPTH: usize = 64;

/// The TeX of the `math` element `math`, trimmed (empty when it holds
/// nothing to write).
pub(super) fn to_latex(doc: &Document, math: NodeId) -> String {
    let tex = row(doc, math, 0);
    tex.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element children of `n`.
fn args(doc: &Document, n: NodeId) -> Vec<NodeId> {
    doc.children(n)
        .filter(|&c| doc.element(c).is_some())
        .collect()
}

/// The TeX of `n`'s children, one after another.
fn row(doc: &Document, n: NodeId, depth: usize) -> String {
    let mut out = String::new();
    for c in args(doc, n) {
        append(&mut out, &convert(doc, c, depth + 1));
    }
    out
}

/// The TeX of element `n`.
fn convert(doc: &Document, n: NodeId, depth: usize) -> String {
    let Some(e) = doc.element(n) else {
        return String::new();
    };
    if depth > MAX_DEPTH {
        return symbols(doc.text_content(n).trim());
    }
    let a = || args(doc, n);
    let arg = |i: usize| {
        a().get(i)
            .map_or(String::new(), |&c| convert(doc, c, depth + 1))
    };
    match &*e.name {
        "mi" => identifier(doc.text_content(n).trim()),
        "mn" => symbols(doc.text_content(n).trim()),
        "mo" => operator(doc.text_content(n).trim()),
        "mtext" | "ms" => {
            let text = doc.text_content(n);
            let text = text.trim();
            if text.is_empty() {
                String::new()
            } else {
                format!("\\text{{{}}}", escape_text(text))
            }
        }
        "msup" => format!("{}^{}", base(&arg(0)), group(&arg(1))),
        "msub" => format!("{}_{}", base(&arg(0)), group(&arg(1))),
        "msubsup" => format!("{}_{}^{}", base(&arg(0)), group(&arg(1)), group(&arg(2))),
        "mfrac" => format!("\\frac{{{}}}{{{}}}", arg(0), arg(1)),
        "msqrt" => format!("\\sqrt{{{}}}", row(doc, n, depth)),
        "mroot" => format!("\\sqrt[{}]{{{}}}", arg(1), arg(0)),
        "mover" => over(&arg(0), &token_text(doc, a().get(1).copied())),
        "munder" => under(&arg(0), &token_text(doc, a().get(1).copied()), &arg(1)),
        "munderover" => format!("{}_{}^{}", base(&arg(0)), group(&arg(1)), group(&arg(2))),
        "mfenced" => {
            let open = e.attr("open").unwrap_or("(");
            let close = e.attr("close").unwrap_or(")");
            let separator = e
                .attr("separators")
                .and_then(|s| s.trim().chars().next())
                .unwrap_or(',');
            let parts: Vec<String> = a()
                .into_iter()
                .map(|c| convert(doc, c, depth + 1))
                .collect();
            format!(
                "{}{}{}",
                operator(open.trim()),
                parts.join(&separator.to_string()),
                operator(close.trim())
            )
        }
        "mtable" => {
            let rows: Vec<String> = a()
                .into_iter()
                .map(|r| {
                    args(doc, r)
                        .into_iter()
                        .map(|c| convert(doc, c, depth + 2))
                        .collect::<Vec<_>>()
                        .join(" & ")
                })
                .collect();
            format!("\\begin{{matrix}} {} \\end{{matrix}}", rows.join(" \\\\ "))
        }
        "semantics" => arg(0),
        "annotation" | "annotation-xml" | "mphantom" | "mprescripts" | "none" => String::new(),
        _ => row(doc, n, depth),
    }
}

/// The raw text of a token element, for accents and limits named by their
/// symbol.
fn token_text(doc: &Document, n: Option<NodeId>) -> String {
    n.map_or(String::new(), |n| doc.text_content(n).trim().to_owned())
}

/// Appends `part` to `out`, with a space where a command would otherwise
/// run into the letters after it (`\alpha x`, not `\alphax`), or a bare
/// script into the symbol after it (`x^n a`, not `x^na`).
fn append(out: &mut String, part: &str) {
    let spaced = (ends_with_command(out) && part.starts_with(|c: char| c.is_ascii_alphabetic()))
        || (ends_with_bare_script(out) && part.starts_with(char::is_alphanumeric));
    if spaced {
        out.push(' ');
    }
    out.push_str(part);
}

fn ends_with_bare_script(s: &str) -> bool {
    let mut tail = s.chars().rev();
    tail.next().is_some_and(char::is_alphanumeric) && matches!(tail.next(), Some('^' | '_'))
}

fn ends_with_command(s: &str) -> bool {
    let letters = s.len() - s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    letters > 0 && s[..s.len() - letters].ends_with('\\')
}

/// `s` as one TeX argument: bare when it is one character or one command,
/// in braces otherwise.
fn group(s: &str) -> String {
    let single = s.chars().count() == 1
        || (s.starts_with('\\') && s.len() > 1 && s[1..].chars().all(|c| c.is_ascii_alphabetic()));
    if single {
        s.to_owned()
    } else {
        format!("{{{s}}}")
    }
}

/// The base of a script: a row in braces, so its script covers all of it.
fn base(s: &str) -> String {
    if s.is_empty() {
        "{}".to_owned()
    } else {
        group(s)
    }
}

/// Operators whose limits sit under them in display style, written as
/// subscripts.
const BIG_OPERATORS: &[&str] = &[
    "\\sum", "\\prod", "\\coprod", "\\int", "\\oint", "\\bigcup", "\\bigcap", "\\lim", "\\max",
    "\\min", "\\sup", "\\inf", "\\limsup", "\\liminf", "\\det", "\\gcd",
];

fn over(base_tex: &str, over: &str) -> String {
    let accent = match over {
        "^" | "\u{2c6}" | "\u{302}" => Some("\\hat"),
        "\u{af}" | "\u{203e}" | "_" | "\u{305}" => Some(if base_tex.chars().count() == 1 {
            "\\bar"
        } else {
            "\\overline"
        }),
        "~" | "\u{2dc}" | "\u{303}" => Some("\\tilde"),
        "\u{2192}" | "\u{20d7}" => Some("\\vec"),
        "\u{2d9}" | "." | "\u{307}" => Some("\\dot"),
        "\u{a8}" | "\u{308}" => Some("\\ddot"),
        "\u{23de}" => Some("\\overbrace"),
        _ => None,
    };
    match accent {
        Some(cmd) => format!("{cmd}{{{base_tex}}}"),
        None if BIG_OPERATORS.contains(&base_tex) => {
            format!("{base_tex}^{}", group(&symbols(over)))
        }
        None => format!("\\overset{{{}}}{{{base_tex}}}", symbols(over)),
    }
}

fn under(base_tex: &str, under_text: &str, under_tex: &str) -> String {
    match under_text {
        "_" | "\u{af}" | "\u{203e}" | "\u{332}" => format!("\\underline{{{base_tex}}}"),
        "\u{23df}" => format!("\\underbrace{{{base_tex}}}"),
        _ if BIG_OPERATORS.contains(&base_tex) => format!("{base_tex}_{}", group(under_tex)),
        _ => format!("\\underset{{{under_tex}}}{{{base_tex}}}"),
    }
}

/// Names written as commands when a multi-letter `mi` holds them.
const FUNCTIONS: &[&str] = &[
    "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "det", "dim",
    "exp", "gcd", "hom", "inf", "ker", "lg", "lim", "liminf", "limsup", "ln", "log", "max", "min",
    "Pr", "sec", "sin", "sinh", "sup", "tan", "tanh",
];

/// An identifier: a letter or symbol, a function name (`\sin`), or a
/// longer name in upright type.
fn identifier(text: &str) -> String {
    if text.chars().count() <= 1 {
        return symbols(text);
    }
    if FUNCTIONS.contains(&text) {
        return format!("\\{text}");
    }
    format!("\\mathrm{{{}}}", escape_text(text))
}

/// Relations and the binary operators written with a space on each side,
/// as people type them (`E = mc^2`).
const SPACED: &[&str] = &[
    "=",
    "+",
    "-",
    "<",
    ">",
    "\\leq",
    "\\geq",
    "\\neq",
    "\\approx",
    "\\equiv",
    "\\to",
    "\\in",
    "\\pm",
    "\\times",
    "\\cdot",
    "\\Rightarrow",
    "\\Leftrightarrow",
    "\\sim",
    "\\propto",
];

fn operator(text: &str) -> String {
    if FUNCTIONS.contains(&text) {
        return format!("\\{text}");
    }
    let tex = symbols(text);
    if SPACED.contains(&tex.as_str()) {
        format!(" {tex} ")
    } else {
        tex
    }
}

/// `text` with each character as TeX writes it.
fn symbols(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match symbol(c) {
            Some(cmd) => append(&mut out, cmd),
            None => append(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    out
}

/// Text for `\text{…}`: the characters TeX reads as markup escaped.
fn escape_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '{' | '}' | '%' | '#' | '&' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash "),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The TeX command for a character MathML writes as itself.
fn symbol(c: char) -> Option<&'static str> {
    Some(match c {
        // Invisible operators: function application, times, separator, plus.
        '\u{2061}'..='\u{2064}' => "",
        '{' => "\\{",
        '}' => "\\}",
        '%' => "\\%",
        '#' => "\\#",
        '&' => "\\&",
        '$' => "\\$",
        '\u{2212}' => "-",
        '\u{2032}' => "'",
        'α' => "\\alpha",
        'β' => "\\beta",
        'γ' => "\\gamma",
        'δ' => "\\delta",
        'ε' => "\\varepsilon",
        'ϵ' => "\\epsilon",
        'ζ' => "\\zeta",
        'η' => "\\eta",
        'θ' => "\\theta",
        'ι' => "\\iota",
        'κ' => "\\kappa",
        'λ' => "\\lambda",
        'μ' => "\\mu",
        'ν' => "\\nu",
        'ξ' => "\\xi",
        'π' => "\\pi",
        'ρ' => "\\rho",
        'σ' => "\\sigma",
        'τ' => "\\tau",
        'υ' => "\\upsilon",
        'φ' => "\\varphi",
        'ϕ' => "\\phi",
        'χ' => "\\chi",
        'ψ' => "\\psi",
        'ω' => "\\omega",
        'Γ' => "\\Gamma",
        'Δ' => "\\Delta",
        'Θ' => "\\Theta",
        'Λ' => "\\Lambda",
        'Ξ' => "\\Xi",
        'Π' => "\\Pi",
        'Σ' => "\\Sigma",
        'Φ' => "\\Phi",
        'Ψ' => "\\Psi",
        'Ω' => "\\Omega",
        '∑' => "\\sum",
        '∏' => "\\prod",
        '∐' => "\\coprod",
        '∫' => "\\int",
        '∮' => "\\oint",
        '⋃' => "\\bigcup",
        '⋂' => "\\bigcap",
        '∞' => "\\infty",
        '∂' => "\\partial",
        '∇' => "\\nabla",
        '±' => "\\pm",
        '∓' => "\\mp",
        '×' => "\\times",
        '÷' => "\\div",
        '·' | '⋅' => "\\cdot",
        '∘' => "\\circ",
        '≤' => "\\leq",
        '≥' => "\\geq",
        '≠' => "\\neq",
        '≈' => "\\approx",
        '≡' => "\\equiv",
        '∼' => "\\sim",
        '≃' => "\\simeq",
        '∝' => "\\propto",
        '∈' => "\\in",
        '∉' => "\\notin",
        '∋' => "\\ni",
        '⊂' => "\\subset",
        '⊆' => "\\subseteq",
        '⊃' => "\\supset",
        '⊇' => "\\supseteq",
        '∪' => "\\cup",
        '∩' => "\\cap",
        '∅' => "\\emptyset",
        '∀' => "\\forall",
        '∃' => "\\exists",
        '¬' => "\\neg",
        '∧' => "\\wedge",
        '∨' => "\\vee",
        '→' => "\\to",
        '←' => "\\leftarrow",
        '↦' => "\\mapsto",
        '⇒' => "\\Rightarrow",
        '⇐' => "\\Leftarrow",
        '⇔' => "\\Leftrightarrow",
        '…' => "\\ldots",
        '⋯' => "\\cdots",
        '∣' => "\\mid",
        '‖' => "\\|",
        '⟨' => "\\langle",
        '⟩' => "\\rangle",
        '⌊' => "\\lfloor",
        '⌋' => "\\rfloor",
        '⌈' => "\\lceil",
        '⌉' => "\\rceil",
        '∖' => "\\setminus",
        '⊕' => "\\oplus",
        '⊗' => "\\otimes",
        'ℓ' => "\\ell",
        'ℝ' => "\\mathbb{R}",
        'ℕ' => "\\mathbb{N}",
        'ℤ' => "\\mathbb{Z}",
        'ℚ' => "\\mathbb{Q}",
        'ℂ' => "\\mathbb{C}",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{parse, Tag};

    fn tex(mathml: &str) -> String {
        let doc = parse(&format!("<p>{mathml}</p>"), None).expect("parses");
        to_latex(&doc, doc.find(Tag::Math).expect("a math element"))
    }

    #[test]
    fn tokens_and_rows_with_spaced_relations() {
        assert_eq!(
            tex("<math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>"),
            "E = mc^2"
        );
        assert_eq!(
            tex("<math><mrow><mi>a</mi><mo>+</mo><mn>10</mn></mrow></math>"),
            "a + 10"
        );
    }

    #[test]
    fn scripts_group_what_is_longer_than_one_symbol() {
        assert_eq!(
            tex("<math><msub><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub></math>"),
            "x_{ij}"
        );
        assert_eq!(
            tex("<math><msubsup><mi>σ</mi><mi>i</mi><mn>2</mn></msubsup></math>"),
            "\\sigma_i^2"
        );
        assert_eq!(
            tex("<math><msup><mrow><mo>(</mo><mi>a</mi><mo>+</mo><mi>b</mi><mo>)</mo></mrow><mn>2</mn></msup></math>"),
            "{(a + b)}^2"
        );
    }

    #[test]
    fn fractions_roots_and_limits() {
        assert_eq!(
            tex("<math><mfrac><mn>1</mn><mrow><mn>2</mn><mi>N</mi></mrow></mfrac></math>"),
            "\\frac{1}{2N}"
        );
        assert_eq!(
            tex("<math><msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt><mroot><mi>y</mi><mn>3</mn></mroot></math>"),
            "\\sqrt{x + 1}\\sqrt[3]{y}"
        );
        assert_eq!(
            tex("<math><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>a</mi><mi>k</mi></msub></math>"),
            "\\sum_{k = 1}^n a_k"
        );
        assert_eq!(
            tex("<math><munder><mo>lim</mo><mrow><mi>x</mi><mo>→</mo><mn>0</mn></mrow></munder></math>"),
            "\\lim_{x \\to 0}"
        );
        assert_eq!(
            tex("<math><munder><mi>x</mi><mo>*</mo></munder></math>"),
            "\\underset{*}{x}"
        );
    }

    #[test]
    fn accents_functions_and_symbols() {
        assert_eq!(
            tex("<math><mover><mi>x</mi><mo>¯</mo></mover></math>"),
            "\\bar{x}"
        );
        assert_eq!(
            tex("<math><mover><mi>v</mi><mo>→</mo></mover></math>"),
            "\\vec{v}"
        );
        assert_eq!(
            tex("<math><mi>sin</mi><mo>\u{2061}</mo><mi>θ</mi><mo>≤</mo><mn>1</mn></math>"),
            "\\sin\\theta \\leq 1"
        );
        assert_eq!(
            tex("<math><mi>α</mi><mi>x</mi><mtext>if x&gt;0</mtext></math>"),
            "\\alpha x\\text{if x>0}"
        );
    }

    #[test]
    fn fences_and_tables() {
        assert_eq!(
            tex("<math><mfenced><mi>a</mi><mi>b</mi></mfenced></math>"),
            "(a,b)"
        );
        assert_eq!(
            tex("<math><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable></math>"),
            "\\begin{matrix} 1 & 0 \\\\ 0 & 1 \\end{matrix}"
        );
    }

    #[test]
    fn annotations_are_not_read_as_formula() {
        assert_eq!(
            tex("<math><semantics><mi>x</mi><annotation encoding='application/x-tex'>y</annotation></semantics></math>"),
            "x"
        );
    }

    #[test]
    fn deep_nesting_is_read_flat() {
        let deep = "<mrow>".repeat(200) + "<mi>z</mi>" + &"</mrow>".repeat(200);
        assert_eq!(tex(&format!("<math>{deep}</math>")), "z");
    }
}
