#!/usr/bin/env python3
"""Structure score: how well an extraction's Markdown keeps the page's structure.

Word-F1 (``../shared/bench/score.py``) asks whether the right words came out;
this asks whether they came out as the right *things*. Each Markdown document
is parsed into a multiset of structural elements ``(type, position, key)``:

==============  ==========================================================
type            key (position)
==============  ==========================================================
heading         text; the level is ignored (``heading_level``, a secondary
                figure kept out of the averages, also requires the level)
(any_block)     secondary: the text of every heading, paragraph, list item,
                table cell, code block and quote, matched whatever its type
paragraph       text
list_item       text of the item's first paragraph, ordered or not, at any
                depth (a nested list's items are elements of their own; a
                later paragraph of the item, after a blank line, is a
                paragraph: forums render comment threads as nested lists)
table_cell      text, at (row, column) within its table; the header row is
                row 0, so a dropped row shifts every later cell off its place
code_block      content of a fenced (``` or ~~~) or indented code block
quote           text of each paragraph inside a ``>`` blockquote
image           last path segment of the URL, or the alt text without a URL
link            anchor text (the URL is ignored)
formula         ``$$ … $$`` display maths, and ``$…$`` inline maths whose
                content looks like TeX (a backslash, ^, _, {, } or =), so
                prices such as "$20 or $30" are not formulas
==============  ==========================================================

Text is normalised to its lower-cased alphanumeric tokens joined by one space:
emphasis, inline-code backticks, escapes, HTML tags, soft hyphens,
zero-width characters and link/image syntax disappear (a link leaves its anchor text in the surrounding text; an image
leaves nothing), and so do punctuation and underscores. CJK characters are
one token each. An element whose text has no token keeps its lower-cased,
whitespace-collapsed text; an element with no text at all is dropped.

Matching is per type (and per position for table cells and heading levels):
identical keys match first, one to one; the leftovers then match fuzzily when
the token-level F1 of the two texts is >= 0.8, greedily from the best pair
down, each element used once. Precision = matched / predicted elements,
recall = matched / reference elements. A page's figure is the micro average
over its elements of all types; both sides empty scores 1.0, one side empty
0.0. The corpus figure is the mean of the per-page micro F1; also printed are
the pooled micro P/R/F1 (all pages' elements together), each type's pooled
P/R/F1, and the macro average of the per-type F1 over the types present.

The parser is a small line parser, lenient where real Markdown is rough:
ATX headings (a space after the #s is required, so "#4 SAS" is text) and
setext headings (underline of at least 3 = or -; shorter lines are left to
the paragraph, since code pasted as text gives lines such as "="); lists
(-, *, +, 1. and 1) markers, nesting by indentation, lazy continuation);
GFM pipe tables with the |---| row, and also runs of lines that begin and end
with | without that row; fenced and indented code (indented only after a
blank line and outside lists); > quotes with lazy continuation; lines that
are only an HTML tag or comment are skipped, inline tags are dropped.

Usage:
  python3 bench/structure.py fixtures [--root crates/thresher/tests/fixtures/extract]
  python3 bench/structure.py wcxb [--data ../shared/bench/wcxb-dev] [--pred FILE.jsonl]
                                  [--per-type] [--worst N] [--self] [--ignore image]
  python3 bench/structure.py --selftest
Every mode takes --json (one JSON object on stdout) and --bin (the engine,
default target/release/thresher). ``wcxb`` runs the engine over the split
(``thresher extract DATA/html -j 2 -o TMP.jsonl``) unless --pred gives its
JSON Lines (objects with "markdown", or else "text", and "id" or "source",
whose file name's leading number is the page id); --self scores the reference
Markdown against itself (1.0 by construction). --ignore TYPE,... leaves types
out of the score; in wcxb mode it defaults to ``image``, since that reference
keeps no images at all (a few "#![allow(unused)]" lines of Rust aside).
--split-lines ends a paragraph at every line break on both sides: strict
Markdown joins lines into one paragraph, but the WCXB reference often writes
separate blocks (paragraphs, bylines, product fields) on consecutive lines.

The WCXB reference Markdown is rough: read its figures for trends, not as
targets.
"""
import argparse
import json
import math
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BIN = REPO / "target" / "release" / "thresher"
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "wcxb-dev"
DEFAULT_FIXTURES = REPO / "crates" / "thresher" / "tests" / "fixtures" / "extract"

#: Element types that make up the score, in report order.
TYPES = ("heading", "paragraph", "list_item", "table_cell", "code_block",
         "quote", "image", "link", "formula")
#: Reported beside the score but kept out of every average: headings that
#: also agree on level, and every block's text whatever its type (so that a
#: list flattened into paragraphs shows as a type disagreement, not a loss).
SECONDARY = ("heading_level", "any_block")
#: The types whose text `any_block` pools.
BLOCK_TYPES = ("heading", "paragraph", "list_item", "table_cell", "code_block", "quote")
#: Two texts match when the F1 of their token multisets reaches this.
FUZZY_F1 = 0.8
#: F1 >= FUZZY_F1 needs overlap >= FUZZY_F1/2 * (a+b) <= min(a, b), so the
#: shorter text has at least this share of the longer one's tokens.
LEN_RATIO = FUZZY_F1 / (2 - FUZZY_F1)

# ---------------------------------------------------------------- text --

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
TEXISH = re.compile(r"[\\^_{}=]")
HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?|!--.*?--)>")
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
INLINE_MATH = re.compile(r"\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?![\w$])")
ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


#: Soft hyphens and zero-width characters, dropped before tokenising
#: (the WCXB reference keeps soft hyphens inside words on some pages).
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def tokens(text):
    return TOKEN.findall(text.translate(INVISIBLE).lower())


def norm(text):
    """The key of a text: its tokens, or failing that its collapsed text."""
    toks = tokens(text)
    if toks:
        return " ".join(toks)
    text = text.translate(INVISIBLE).lower().replace("*", " ").replace("_", " ")
    return " ".join(text.split())


def image_key(url, alt):
    path = urlsplit(url).path if url else ""
    seg = unquote(path.rstrip("/").rsplit("/", 1)[-1]).lower()
    return seg or norm(alt)


def _closing(s, i, open_ch, close_ch):
    """Index of the bracket closing the one at s[i], or -1."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def inline(s):
    """Markdown inline text -> (plain text, link texts, image keys, formulas)."""
    out, links, images, formulas = [], [], [], []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n and s[i + 1] in ESCAPABLE:
            out.append(s[i + 1])
            i += 2
            continue
        if c == "`":
            run = len(s[i:]) - len(s[i:].lstrip("`"))
            end = s.find("`" * run, i + run)
            while end != -1 and end + run < n and s[end + run] == "`":
                end = s.find("`" * run, end + run + 1)
            if end != -1:
                out.append(" " + s[i + run:end] + " ")
                i = end + run
                continue
            out.append(s[i:i + run])
            i += run
            continue
        if c == "[" or (c == "!" and s.startswith("[", i + 1)):
            start = i + 1 if c == "!" else i
            close = _closing(s, start, "[", "]")
            if close != -1 and s.startswith("(", close + 1):
                pclose = _closing(s, close + 1, "(", ")")
                if pclose != -1:
                    label = s[start + 1:close]
                    dest = s[close + 2:pclose].strip()
                    url = dest.split()[0].strip("<>") if dest else ""
                    if c == "!":
                        images.append(image_key(url, inline(label)[0]))
                    else:
                        text, l2, i2, f2 = inline(label)
                        links.append(text)
                        links.extend(l2)
                        images.extend(i2)
                        formulas.extend(f2)
                        out.append(text)
                    i = pclose + 1
                    continue
        if c == "<":
            m = AUTOLINK.match(s, i)
            if m:
                links.append(m.group(1))
                out.append(m.group(1))
                i = m.end()
                continue
            m = HTML_TAG.match(s, i)
            if m:
                out.append(" ")
                i = m.end()
                continue
        if c == "$":
            if s.startswith("$$", i):
                end = s.find("$$", i + 2)
                if end != -1 and TEXISH.search(s[i + 2:end]):
                    formulas.append(s[i + 2:end])
                    out.append(" " + s[i + 2:end] + " ")
                    i = end + 2
                    continue
            elif i == 0 or not (s[i - 1].isalnum() or s[i - 1] == "$"):
                m = INLINE_MATH.match(s, i)
                if m and TEXISH.search(m.group(1)):
                    formulas.append(m.group(1))
                    out.append(" " + m.group(1) + " ")
                    i = m.end()
                    continue
        out.append(c)
        i += 1
    return "".join(out), links, images, formulas


# ------------------------------------------------------------- parsing --

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(={3,}|-{3,})[ \t]*$")
HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
QUOTE = re.compile(r"^ {0,3}> ?")
LIST = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$")
HTML_LINE = re.compile(r"^\s*(<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>)+\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def indent(line):
    return len(line) - len(line.lstrip(" "))


def is_pipe_row(line):
    s = line.strip()
    return len(s) > 1 and s.startswith("|") and s.endswith("|")


def is_table_start(lines, i):
    line = lines[i]
    if "|" not in line or TABLE_SEP.match(line):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if "|" in nxt and TABLE_SEP.match(nxt):
        return True
    return is_pipe_row(line)


def starts_block(line):
    """Whether a line opens a block, so it cannot continue a paragraph."""
    return bool(FENCE.match(line) or ATX.match(line) or QUOTE.match(line)
                or HR.match(line) or is_pipe_row(line)
                or (LIST.match(line) and (LIST.match(line).group(4) or "").strip()))


def split_row(line):
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return CELL_SPLIT.split(s)


class Parser:
    """Markdown -> list of (type, position, key) elements."""

    def __init__(self, split_lines=False):
        self.out = []
        self.split_lines = split_lines

    def text(self, kind, raw, pos=None):
        plain, links, images, formulas = inline(raw)
        key = norm(plain)
        if key:
            self.out.append((kind, pos, key))
        for t in links:
            if norm(t):
                self.out.append(("link", None, norm(t)))
        for k in images:
            if k:
                self.out.append(("image", None, k))
        for f in formulas:
            if norm(f):
                self.out.append(("formula", None, norm(f)))
        return key

    def code(self, kind, body):
        key = norm(body)
        if key:
            self.out.append((kind, None, key))

    def blocks(self, lines, para_kind="paragraph"):
        """Parses lines; paragraphs become `para_kind` elements, except in a
        list item, whose first paragraph is the `list_item` and whose later
        paragraphs (after a blank line, indented) are paragraphs."""
        item_started = False
        para = []

        def flush():
            nonlocal item_started
            if para:
                raw = " ".join(x.strip() for x in para)
                if para_kind == "list_item" and not item_started:
                    item_started = True
                    self.text("list_item", raw)
                elif para_kind == "list_item":
                    self.text("paragraph", raw)
                elif self.split_lines:
                    for x in para:
                        self.text(para_kind, x.strip().rstrip("\\"))
                else:
                    self.text(para_kind, raw)
                para.clear()

        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            s = line.strip()
            ind = indent(line)
            if not s:
                flush()
                i += 1
                continue
            m = FENCE.match(line)
            if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                flush()
                fence = m.group(2)
                body = []
                i += 1
                while i < n:
                    t = lines[i].strip()
                    if t.startswith(fence[0] * len(fence)) and not t.strip(fence[0]):
                        i += 1
                        break
                    body.append(lines[i])
                    i += 1
                self.code("code_block", "\n".join(body))
                continue
            if s.startswith("$$"):
                if s == "$$":
                    flush()
                    body = []
                    i += 1
                    while i < n and not lines[i].strip().endswith("$$"):
                        body.append(lines[i])
                        i += 1
                    if i < n:
                        body.append(lines[i].strip()[:-2])
                        i += 1
                    self.code("formula", "\n".join(body))
                    continue
                if s.endswith("$$") and len(s) > 4 and "$$" not in s[2:-2] \
                        and TEXISH.search(s[2:-2]) and not para:
                    self.code("formula", s[2:-2])
                    i += 1
                    continue
            if ind >= 4 and not para and para_kind != "list_item":
                body = []
                while i < n and (not lines[i].strip() or indent(lines[i]) >= 4):
                    body.append(lines[i][4:])
                    i += 1
                self.code("code_block", "\n".join(body))
                continue
            m = ATX.match(line)
            if m:
                flush()
                raw = m.group(2) or ""
                key = self.text("heading", raw)
                if key:
                    self.out.append(("heading_level", len(m.group(1)), key))
                i += 1
                continue
            m = SETEXT.match(line)
            if m and para:
                if self.split_lines and para_kind != "list_item":
                    last = para.pop()
                    flush()
                    para.append(last)
                raw = " ".join(x.strip() for x in para)
                para.clear()
                key = self.text("heading", raw)
                if key:
                    self.out.append(("heading_level", 1 if m.group(1)[0] == "=" else 2, key))
                i += 1
                continue
            if HR.match(line):
                flush()
                i += 1
                continue
            if is_table_start(lines, i):
                flush()
                rows = [split_row(line)]
                i += 1
                if i < n and "|" in lines[i] and TABLE_SEP.match(lines[i]):
                    i += 1
                while i < n and lines[i].strip() and "|" in lines[i] \
                        and not TABLE_SEP.match(lines[i]):
                    rows.append(split_row(lines[i]))
                    i += 1
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        self.text("table_cell", cell, (r, c))
                continue
            if QUOTE.match(line):
                flush()
                inner = []
                while i < n:
                    t = lines[i]
                    q = QUOTE.match(t)
                    if q:
                        inner.append(t[q.end():])
                    elif t.strip() and inner and inner[-1].strip() and not starts_block(t):
                        inner.append(t)
                    else:
                        break
                    i += 1
                self.blocks(inner, "quote")
                continue
            m = LIST.match(line)
            if m and (m.group(4) is not None or not para):
                flush()
                first = m.group(4) or ""
                content = len(m.group(1)) + len(m.group(2)) + len(m.group(3) or " ")
                if len(m.group(3) or "") > 4:   # "-     code": content starts after one space
                    content = len(m.group(1)) + len(m.group(2)) + 1
                    first = (m.group(3) or "")[1:] + first
                item = [first]
                i += 1
                while i < n:
                    t = lines[i]
                    if not t.strip():
                        j = i
                        while j < n and not lines[j].strip():
                            j += 1
                        if j < n and indent(lines[j]) >= min(content, ind + 2) \
                                and not LIST.match(lines[j]):
                            item.extend([""] * (j - i))
                            i = j
                            continue
                        break
                    if LIST.match(t):
                        break
                    ti = indent(t)
                    if ti >= content or (item[-1].strip() and not starts_block(t)):
                        item.append(t[min(ti, content):])
                        i += 1
                        continue
                    break
                self.blocks(item, "list_item")
                continue
            if HTML_LINE.match(line):
                flush()
                i += 1
                continue
            para.append(line)
            i += 1
        flush()


def parse(markdown, split_lines=False):
    lines = (markdown or "").replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    # YAML front matter (`--front-matter`) is metadata, not structure.
    if lines and lines[0] == "---" and "---" in lines[1:]:
        lines = lines[lines.index("---", 1) + 1:]
    p = Parser(split_lines)
    p.blocks(lines)
    return p.out + [("any_block", None, k) for t, _, k in p.out if t in BLOCK_TYPES]


# ------------------------------------------------------------ matching --

def _as_set(toks):
    seen = Counter()
    out = []
    for t in toks:
        out.append((t, seen[t]))
        seen[t] += 1
    return out


def fuzzy_matches(pred_keys, ref_keys):
    """Greedy one-to-one count of pairs whose token F1 >= FUZZY_F1.

    Candidates come from prefix filtering: a valid pair shares at least
    ceil(LEN_RATIO * len) tokens of each side, so, with tokens in one global
    order (rarest first), each side's first len - that + 1 tokens meet."""
    psets = [_as_set(k.split()) for k in pred_keys]
    rsets = [_as_set(k.split()) for k in ref_keys]
    freq = Counter(x for s in psets + rsets for x in s)

    def prefix(s):
        need = math.ceil(LEN_RATIO * len(s) - 1e-9)
        return sorted(s, key=lambda x: (freq[x], x))[:len(s) - need + 1]

    index = defaultdict(list)
    for j, s in enumerate(rsets):
        for x in prefix(s):
            index[x].append(j)
    rfs = [frozenset(s) for s in rsets]
    pairs = []
    for i, s in enumerate(psets):
        cands = set()
        for x in prefix(s):
            cands.update(index.get(x, ()))
        if not cands:
            continue
        a = len(s)
        ps = frozenset(s)
        for j in cands:
            b = len(rsets[j])
            if min(a, b) < LEN_RATIO * max(a, b) - 1e-9:
                continue
            f = 2 * len(ps & rfs[j]) / (a + b)
            if f >= FUZZY_F1 - 1e-9:
                pairs.append((-f, i, j))
    pairs.sort()
    used_p, used_r = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_r:
            used_p.add(i)
            used_r.add(j)
    return len(used_p)


def match(pred, ref):
    """Elements of both sides -> (matched, predicted, reference) Counters by type."""
    pc, rc = Counter(pred), Counter(ref)
    exact = pc & rc
    matched = Counter()
    for (t, _, _), c in exact.items():
        matched[t] += c
    gp, gr = defaultdict(list), defaultdict(list)
    for (t, pos, k), c in (pc - exact).items():
        gp[(t, pos)].extend([k] * c)
    for (t, pos, k), c in (rc - exact).items():
        gr[(t, pos)].extend([k] * c)
    for g in gp.keys() & gr.keys():
        matched[g[0]] += fuzzy_matches(gp[g], gr[g])
    return matched, Counter(t for t, _, _ in pred), Counter(t for t, _, _ in ref)


def prf(tp, np_, nr):
    if np_ == 0 and nr == 0:
        return 1.0, 1.0, 1.0
    if np_ == 0 or nr == 0:
        return 0.0, 0.0, 0.0
    p, r = tp / np_, tp / nr
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


def score_page(pred_md, ref_md, types, split_lines=False):
    m, p, r = match(parse(pred_md, split_lines), parse(ref_md, split_lines))
    tp = sum(m[t] for t in types)
    np_ = sum(p[t] for t in types)
    nr = sum(r[t] for t in types)
    pp, rr, f = prf(tp, np_, nr)
    return {"p": pp, "r": rr, "f1": f, "matched": dict(m), "pred": dict(p), "ref": dict(r)}


# ----------------------------------------------------------- reporting --

def aggregate(rows, types):
    """Mean per-page figures, pooled micro figures, per-type pooled, macro."""
    if not rows:
        return {"pages": 0}
    n = len(rows)
    out = {"pages": n}
    for k in ("f1", "p", "r"):
        out[k] = sum(x[k] for x in rows) / n
    per = {}
    for t in types + SECONDARY:
        tp = sum(x["matched"].get(t, 0) for x in rows)
        np_ = sum(x["pred"].get(t, 0) for x in rows)
        nr = sum(x["ref"].get(t, 0) for x in rows)
        if np_ or nr:
            p, r, f = prf(tp, np_, nr)
            per[t] = {"p": p, "r": r, "f1": f, "matched": tp, "pred": np_, "ref": nr}
    tp = sum(v["matched"] for t, v in per.items() if t in types)
    np_ = sum(v["pred"] for t, v in per.items() if t in types)
    nr = sum(v["ref"] for t, v in per.items() if t in types)
    out["pooled"] = dict(zip(("p", "r", "f1"), prf(tp, np_, nr)))
    prim = [v["f1"] for t, v in per.items() if t in types]
    out["macro_f1"] = sum(prim) / len(prim) if prim else 1.0
    out["types"] = per
    return out


def rounded(o):
    if isinstance(o, float):
        return round(o, 4)
    if isinstance(o, dict):
        return {k: rounded(v) for k, v in o.items()}
    if isinstance(o, list):
        return [rounded(v) for v in o]
    return o


def print_summary(agg, label):
    if agg.get("ignored") or agg.get("split_lines"):
        notes = []
        if agg.get("ignored"):
            notes.append("ignored types: " + ", ".join(agg["ignored"]))
        if agg.get("split_lines"):
            notes.append("every line break ends a paragraph (--split-lines)")
        print("; ".join(notes))
    print(f"{label}: {agg['pages']}  structure F1 (mean per page) {agg['f1']:.4f}  "
          f"P {agg['p']:.4f}  R {agg['r']:.4f}")
    po = agg["pooled"]
    print(f"pooled micro  P {po['p']:.4f}  R {po['r']:.4f}  F1 {po['f1']:.4f}   "
          f"macro over types F1 {agg['macro_f1']:.4f}")
    print()
    print("| type | P | R | F1 | matched | predicted | reference |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t, v in agg["types"].items():
        name = f"({t})" if t in SECONDARY else t
        print(f"| {name} | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | "
              f"{v['matched']} | {v['pred']} | {v['ref']} |")


def brief_counts(row, types):
    """'heading 3/5' style: predicted/reference per type with a difference."""
    parts = []
    for t in types:
        p, r, m = row["pred"].get(t, 0), row["ref"].get(t, 0), row["matched"].get(t, 0)
        if p or r:
            parts.append(f"{t} {m}/{p}/{r}")
    return "  ".join(parts)


# --------------------------------------------------------------- modes --

def settings(args, types):
    return {"ignored": [t for t in TYPES if t not in types], "split_lines": args.split_lines,
            "self": args.self}


def need_bin(path):
    if not Path(path).is_file():
        sys.exit(f"structure.py: engine binary {path} not found; "
                 "build it with `cargo build --release -p thresher-cli`")


def run_fixtures(args, types):
    root = Path(args.root)
    if not root.is_dir():
        print(f"structure.py: no fixture folder {root}", file=sys.stderr)
        sys.exit(2)
    need_bin(args.bin)
    rows = []
    for case in sorted(p for p in root.iterdir() if (p / "expected.md").is_file()):
        cmd = [str(args.bin), "extract", "--format", "markdown"]
        url = case / "input.url"
        if url.is_file() and url.read_text(encoding="utf-8").strip():
            cmd += ["--url", url.read_text(encoding="utf-8").strip()]
        # The options the fixture is extracted with (tests/fixtures/README.md).
        options = case / "input.options"
        if options.is_file():
            flags = {"title_heading": "--title-heading", "front_matter": "--front-matter",
                     "include_comments": "--comments"}
            cmd += [flags[o] for o in options.read_text(encoding="utf-8").split() if o in flags]
        cmd.append(str(case / "input.html"))
        res = subprocess.run(cmd, capture_output=True, text=True)
        pred = res.stdout if res.returncode == 0 else ""
        ref = (case / "expected.md").read_text(encoding="utf-8")
        row = score_page(ref if args.self else pred, ref, types, args.split_lines)
        row["id"] = case.name
        row["exit"] = res.returncode
        rows.append(row)
    agg = aggregate(rows, types)
    agg.update(settings(args, types))
    if args.json:
        agg["cases"] = [{k: x[k] for k in ("id", "p", "r", "f1", "matched", "pred", "ref", "exit")}
                        for x in rows]
        print(json.dumps(rounded(agg)))
        return
    print("| case | P | R | F1 | per type: matched/predicted/reference |")
    print("| --- | ---: | ---: | ---: | --- |")
    for x in rows:
        note = "" if x["exit"] == 0 else f" (engine exit {x['exit']})"
        print(f"| {x['id']}{note} | {x['p']:.3f} | {x['r']:.3f} | {x['f1']:.3f} | "
              f"{brief_counts(x, types)} |")
    print()
    print_summary(agg, "cases")


def page_type(gt):
    pt = (gt.get("_internal") or {}).get("page_type", "article")
    if isinstance(pt, dict):
        pt = pt.get("primary", "article")
    return "collection" if pt == "category" else (pt or "article")


def page_id(obj):
    if obj.get("id") is not None:
        return str(obj["id"])
    m = re.match(r"\d+", Path(str(obj.get("source") or "")).name)
    return m.group(0) if m else None


def read_pred(path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                sys.exit(f"{path}:{n}: not JSON ({e})")
            pid = page_id(obj)
            if pid is None:
                sys.exit(f"{path}:{n}: neither an id nor a source with a page number")
            md = obj.get("markdown")
            preds[pid] = md if md is not None else (obj.get("text") or "")
    return preds


def run_wcxb(args, types):
    data = Path(args.data)
    gt_dir = data / "ground-truth"
    if not gt_dir.is_dir():
        print(f"structure.py: no WCXB split at {data} (expected {gt_dir}); "
              "it lives in ../shared beside the repository, or give --data", file=sys.stderr)
        sys.exit(2)
    timing = {}
    if args.self:
        preds = None
    elif args.pred:
        preds = read_pred(args.pred)
    else:
        need_bin(args.bin)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "thresher.jsonl"
            t0 = time.monotonic()
            res = subprocess.run([str(args.bin), "extract", str(data / "html"),
                                  "-j", str(args.jobs), "-o", str(out)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            timing["engine_seconds"] = time.monotonic() - t0
            if res.returncode != 0 and not out.is_file():
                sys.exit(f"structure.py: the engine failed ({res.returncode}): {res.stderr[-2000:]}")
            preds = read_pred(out)
    t0 = time.monotonic()
    rows = []
    for path in sorted(gt_dir.glob("*.json")):
        gt = json.loads(path.read_text(encoding="utf-8"))
        ref = gt["ground_truth"].get("main_content_markdown") or ""
        pred = ref if preds is None else preds.get(path.stem, "")
        row = score_page(pred, ref, types, args.split_lines)
        row["id"] = path.stem
        row["type"] = page_type(gt)
        row["missing"] = preds is not None and path.stem not in preds
        rows.append(row)
    timing["score_seconds"] = time.monotonic() - t0
    if not rows:
        sys.exit(f"structure.py: no ground truth under {gt_dir}")
    agg = aggregate(rows, types)
    agg.update(settings(args, types))
    agg["missing"] = sum(x["missing"] for x in rows)
    by_type = defaultdict(list)
    for x in rows:
        by_type[x["type"]].append(x)
    agg["page_types"] = {t: aggregate(rs, types) for t, rs in sorted(by_type.items())}
    # Among equal scores, the pages with most reference elements say most.
    worst = sorted(rows, key=lambda x: (x["f1"], -sum(x["ref"].get(t, 0) for t in types),
                                        x["id"]))[:args.worst]
    if args.json:
        agg["timing"] = timing
        agg["worst"] = [{k: x[k] for k in ("id", "type", "p", "r", "f1", "matched", "pred", "ref")}
                        for x in worst]
        if not args.per_type:
            agg["page_types"] = {t: {k: v[k] for k in ("pages", "f1", "p", "r", "pooled", "macro_f1")}
                                 for t, v in agg["page_types"].items()}
        print(json.dumps(rounded(agg)))
        return
    print_summary(agg, f"pages (missing {agg['missing']})")
    if args.per_type:
        shown = [t for t in types if t in agg["types"]]
        print()
        print("| page type | pages | F1 | pooled F1 | " + " | ".join(shown) + " |")
        print("| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in shown) + " |")
        for t, v in agg["page_types"].items():
            cells = [f"{v['types'][s]['f1']:.3f}" if s in v["types"] else "-" for s in shown]
            print(f"| {t} | {v['pages']} | {v['f1']:.3f} | {v['pooled']['f1']:.3f} | "
                  + " | ".join(cells) + " |")
    if worst:
        print()
        print("lowest pages (per type: matched/predicted/reference)")
        for x in worst:
            print(f"  {x['id']} {x['type']:<13} F1 {x['f1']:.3f} P {x['p']:.3f} R {x['r']:.3f}  "
                  f"{brief_counts(x, types)}")
    print()
    parts = [f"{k.replace('_seconds', '')} {v:.1f}s" for k, v in timing.items()]
    print("time: " + ", ".join(parts))


# ------------------------------------------------------------ selftest --

def selftest():
    def f1(pred, ref):
        return score_page(pred, ref, TYPES)

    def kinds(md):
        return Counter(t for t, _, _ in parse(md))

    doc = ("# Title\n\nSome *text* with a [link](http://x/y) and `code`.\n\n"
           "- one\n- two\n  - nested **three**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
           "> quoted words here\n\n```\nprint(1)\n```\n\n![alt](http://h/p/pic.png?x=1)\n")
    assert f1(doc, doc)["f1"] == 1.0
    k = kinds(doc)
    assert k["heading"] == 1 and k["paragraph"] == 1 and k["list_item"] == 3, k
    assert k["table_cell"] == 4 and k["quote"] == 1 and k["code_block"] == 1, k
    assert k["image"] == 1 and k["link"] == 1, k
    assert ("image", None, "pic.png") in parse(doc)
    assert ("list_item", None, "nested three") in parse(doc)
    item = parse("- first para\n  lazy line\n\n  second para\n")
    assert ("list_item", None, "first para lazy line") in item
    assert ("paragraph", None, "second para") in item
    assert ("paragraph", None, "assistance program") in parse("Assis\u00adtance pro\u200bgram")
    assert ("paragraph", None, "some text with a link and code") in parse(doc)

    # A missing second row loses its cells and shifts the third row's.
    full = "| h1 | h2 |\n| --- | --- |\n| a | b |\n| c | d |\n"
    cut = "| h1 | h2 |\n| --- | --- |\n| c | d |\n"
    s = f1(cut, full)
    assert s["matched"]["table_cell"] == 2 and s["ref"]["table_cell"] == 6, s
    # Identical documents score 1.0; two empty ones too; one empty side 0.0.
    assert f1(full, full)["f1"] == 1.0 and f1("", "")["f1"] == 1.0
    assert f1("", full)["f1"] == 0.0 and f1(full, "")["f1"] == 0.0
    # A missing heading lowers heading recall only.
    ref = "## Alpha\n\nbody text here\n\n## Beta\n\nmore body text\n"
    pred = "## Alpha\n\nbody text here\n\nmore body text\n"
    s = f1(pred, ref)
    assert s["matched"]["heading"] == 1 and s["ref"]["heading"] == 2 and s["pred"]["heading"] == 1
    assert s["p"] == 1.0 and s["r"] == 0.75, s
    # Fuzzy: a slightly different cut of the same paragraph still matches.
    a = "The quick brown fox jumps over the lazy dog near the river bank today."
    b = "The quick brown fox jumps over the lazy dog near the river bank."
    assert f1(a, b)["f1"] == 1.0
    assert f1("Completely different words entirely.", b)["f1"] == 0.0
    # Setext headings, "#4" is not a heading, a single "=" underline is text.
    assert kinds("Title\n=====\n\ntext")["heading"] == 1
    assert kinds("#4 SAS")["heading"] == 0 and kinds("x\n=\n")["heading"] == 0
    # Pipe rows without the |---| line are still a table.
    assert kinds("| a | b |\n| c | d |\n")["table_cell"] == 4
    # Prices are not formulas; TeX is.
    assert kinds("From $20 to $30, or $$ for premium.")["formula"] == 0
    assert kinds("Let $x^2 = y$ hold.\n\n$$\n\\int f\n$$\n")["formula"] == 2
    # Quotes keep one element per paragraph; lazy continuation joins.
    assert kinds("> one\n>\n> two\nlazy\n")["quote"] == 2
    # Ordered lists with nesting, and HTML-only lines ignored.
    assert kinds("1. a\n2. b\n   1. c\n<div>\n</div>\n")["list_item"] == 3
    assert kinds("<div class='x'>\n</div>\n") == Counter()
    # --split-lines: each line of a paragraph is a paragraph, on both sides.
    two = "first line of text\nsecond line of text\n"
    assert kinds(two)["paragraph"] == 1
    assert Counter(t for t, _, _ in parse(two, split_lines=True))["paragraph"] == 2
    # Level-aware heading match is secondary.
    s = f1("# Alpha", "## Alpha")
    assert s["f1"] == 1.0 and s["matched"].get("heading_level", 0) == 0
    s = f1("- alpha beta\n- gamma delta\n", "alpha beta\n\ngamma delta\n")
    assert s["f1"] == 0.0 and s["matched"]["any_block"] == 2
    print("selftest: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", nargs="?", choices=("fixtures", "wcxb"))
    ap.add_argument("--root", default=str(DEFAULT_FIXTURES), help="fixture folder (fixtures)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="WCXB split (wcxb)")
    ap.add_argument("--pred", help="JSON Lines of predictions instead of running the engine (wcxb)")
    ap.add_argument("--bin", default=str(DEFAULT_BIN), help="the thresher binary")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="engine worker threads (wcxb)")
    ap.add_argument("--per-type", action="store_true", help="figures per page type (wcxb)")
    ap.add_argument("--worst", type=int, default=0, help="list the N lowest pages (wcxb)")
    ap.add_argument("--self", action="store_true", help="score the reference against itself")
    ap.add_argument("--ignore", help="element types left out, comma-separated "
                    "(default: none for fixtures; image for wcxb, whose reference keeps no images)")
    ap.add_argument("--split-lines", action="store_true",
                    help="end a paragraph at every line break, on both sides")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--selftest", action="store_true", help="run the built-in checks")
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if args.selftest:
        selftest()
        return
    if not args.mode:
        ap.error("give a mode (fixtures or wcxb) or --selftest")
    if args.ignore is None:
        args.ignore = "image" if args.mode == "wcxb" else ""
    ignore = {t for t in args.ignore.split(",") if t}
    unknown = ignore - set(TYPES)
    if unknown:
        ap.error(f"unknown element types: {', '.join(sorted(unknown))}")
    types = tuple(t for t in TYPES if t not in ignore)
    if args.mode == "fixtures":
        run_fixtures(args, types)
    else:
        run_wcxb(args, types)


if __name__ == "__main__":
    main()
