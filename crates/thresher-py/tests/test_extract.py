"""Tests of the Python bindings, on small fixtures in tests/fixtures/.

Run them with `cargo test -p thresher-py` (which builds a venv and the
package first) or, in a venv where the package is installed, with
`python -m pytest crates/thresher-py/tests`.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import thresher

FIXTURES = Path(__file__).parent / "fixtures"
STUB = Path(thresher.__file__).parent / "_native.pyi"
JOB = Path(__file__).resolve().parents[3] / "examples" / "spark" / "extract_warc.py"

# The JSON document's fields, as the README lists them.
JSON_FIELDS = {
    "schema",
    "source",
    "url",
    "title",
    "authors",
    "date_published",
    "date_modified",
    "site_name",
    "language",
    "description",
    "canonical_url",
    "image",
    "categories",
    "tags",
    "page_type",
    "text",
    "markdown",
    "confidence",
    "encoding",
    "removed",
}


@pytest.fixture(scope="module")
def article() -> bytes:
    return (FIXTURES / "article.html").read_bytes()


@pytest.fixture(scope="module")
def captured() -> str:
    return (FIXTURES / "captured.txt").read_text(encoding="utf-8")


# --- extract ---------------------------------------------------------------


def test_article_keeps_the_story_and_drops_nav_footer_and_newsletter(article: bytes) -> None:
    text = thresher.extract(article)
    assert isinstance(text, str)
    assert "twelve thousand books" in text
    assert "local history archive" in text
    for boilerplate in ("Contact us", "Sign up for our newsletter", "All rights reserved"):
        assert boilerplate not in text


def test_removed_blocks_are_labelled(article: bytes) -> None:
    doc = thresher.extract(article, format="json")
    labels = {r["label"] for r in doc["removed"]}
    assert {"navigation", "newsletter", "footer"} <= labels
    for r in doc["removed"]:
        assert set(r) == {"label", "rule", "text", "start", "end"}


def test_json_has_every_field_of_the_cli_document(article: bytes) -> None:
    doc = thresher.extract(article, url="https://courier.example/news/library", format="json")
    assert isinstance(doc, dict)
    assert set(doc) == JSON_FIELDS
    assert doc["schema"] == thresher.SCHEMA == "thresher/1"
    assert doc["source"] is None
    assert doc["url"] == "https://courier.example/news/library"
    assert doc["title"] == "Library reopens after flood repairs"
    assert doc["authors"] == ["Maria Lopes"]
    assert doc["page_type"] == "article"
    assert doc["encoding"] == "UTF-8"
    assert 0.0 <= doc["confidence"] <= 1.0
    assert doc["text"] == thresher.extract(article)
    assert doc["markdown"] == thresher.extract(article, format="markdown")


@pytest.mark.skipif(not os.environ.get("THRESHER_BIN"), reason="THRESHER_BIN (the CLI) not given")
def test_json_is_the_document_of_thresher_extract_f_json(article: bytes) -> None:
    path = FIXTURES / "article.html"
    url = "https://courier.example/news/library"
    cli = subprocess.run(
        [os.environ["THRESHER_BIN"], "extract", "-f", "json", "--url", url, str(path)],
        check=True,
        capture_output=True,
    )
    expected = json.loads(cli.stdout)
    expected["source"] = None  # the CLI names its input file; Python has none
    assert thresher.extract(article, url=url, format="json") == expected


def test_markdown_and_html_formats(article: bytes) -> None:
    md = thresher.extract(article, format="markdown")
    assert "twelve thousand books" in md
    html = thresher.extract(article, format="html")
    assert "<p>" in html and "twelve thousand books" in html
    assert "newsletter" not in html.lower()


def test_bytes_in_windows_1252_are_decoded_by_their_meta() -> None:
    raw = (FIXTURES / "windows-1252.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = thresher.extract(raw, format="json")
    assert doc["encoding"] == "windows-1252"
    for word in ("naïve", "“quick fix”", "reöpened", "Renée", "crème brûlée", "€5", "–"):
        assert word in doc["text"]


def test_str_is_unicode_whatever_its_meta_says() -> None:
    text = (FIXTURES / "windows-1252.html").read_bytes().decode("cp1252")
    doc = thresher.extract(text, format="json")
    assert doc["encoding"] == "UTF-8"
    assert "crème brûlée" in doc["text"]


def test_empty_input_raises_extraction_error() -> None:
    for empty in (b"", "", b"  \n\t"):
        with pytest.raises(thresher.ExtractionError) as caught:
            thresher.extract(empty)
        assert caught.value.kind == "empty"
        assert str(caught.value) == "empty input"
    assert issubclass(thresher.ExtractionError, ValueError)


def test_input_over_the_size_limit_raises_too_large(article: bytes) -> None:
    with pytest.raises(thresher.ExtractionError) as caught:
        thresher.extract(article, max_input_bytes=100)
    assert caught.value.kind == "too_large"


def test_binary_input_raises_not_text() -> None:
    with pytest.raises(thresher.ExtractionError) as caught:
        thresher.extract(bytes(range(32)) * 8)
    assert caught.value.kind == "not_text"


def test_unknown_option_is_a_type_error(article: bytes) -> None:
    with pytest.raises(TypeError, match="unknown option \"include_footers\""):
        thresher.extract(article, include_footers=True)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="include_tables"):
        thresher.Extractor(colour="blue")  # type: ignore[call-arg]


def test_options_are_checked(article: bytes) -> None:
    with pytest.raises(TypeError, match="True or False"):
        thresher.extract(article, include_links="no")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="time_budget"):
        thresher.extract(article, time_budget=-1)
    with pytest.raises(ValueError, match="unknown format"):
        thresher.extract(article, format="pdf")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="str or bytes"):
        thresher.extract(42)  # type: ignore[call-overload]


def test_options_reach_the_engine(article: bytes) -> None:
    linked = article.replace(b"twelve thousand books", b'<a href="/books">twelve thousand books</a>')
    url = "https://courier.example/news/library"
    assert "](https://courier.example/books)" in thresher.extract(linked, url, "markdown")
    without = thresher.extract(linked, url, "markdown", include_links=False)
    assert "twelve thousand books" in without and "](https://courier.example/books)" not in without
    # max_input_bytes is checked by the engine: see the too_large test above.
    assert thresher.extract(article, time_budget=None) == thresher.extract(article)
    with pytest.raises(thresher.ExtractionError) as caught:
        thresher.extract(article, time_budget=0.0)
    assert caught.value.kind == "time_budget"


def test_include_comments_keeps_readers_comments() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(
        here, "..", "..", "thresher", "tests", "fixtures", "extract", "blog-wordpress-comments", "input.html"
    )
    with open(path, "rb") as f:
        page = f.read()
    comment = "The oven light trick saved my starter"
    assert comment not in thresher.extract(page)
    assert comment in thresher.extract(page, include_comments=True)
    assert thresher.Extractor(include_comments=True).options["include_comments"] is True


# --- Extractor -------------------------------------------------------------


def test_extractor_is_reusable_and_keeps_its_options(article: bytes, captured: str) -> None:
    ex = thresher.Extractor(include_images=False, time_budget=2.5)
    assert ex.options["include_images"] is False
    assert ex.options["time_budget"] == 2.5
    assert "include_images=False" in repr(ex)
    first = ex.extract(article)
    assert ex.extract(article) == first == thresher.extract(article)
    assert ex.extract(article, "https://courier.example/a", "json")["url"] == "https://courier.example/a"
    assert ex.clean(captured) == thresher.clean(captured)


# --- clean (text mode) -----------------------------------------------------


def test_clean_keeps_the_story_of_captured_text(captured: str) -> None:
    text = thresher.clean(captured)
    assert "twelve thousand books" in text
    for boilerplate in ("Contact us", "Sign up for our newsletter", "All rights reserved"):
        assert boilerplate not in text


def test_clean_json_lists_removed_lines(captured: str) -> None:
    doc = thresher.clean(captured, format="json")
    assert set(doc) == JSON_FIELDS
    assert doc["text"] == thresher.clean(captured)
    labels = {r["label"] for r in doc["removed"]}
    assert {"newsletter", "footer"} <= labels
    removed = [r["text"] for r in doc["removed"]]
    assert "Sign up for our newsletter" in removed


def test_clean_takes_utf8_bytes_and_refuses_empty_text(captured: str) -> None:
    assert thresher.clean(captured.encode("utf-8")) == thresher.clean(captured)
    with pytest.raises(thresher.ExtractionError) as caught:
        thresher.clean("   ")
    assert caught.value.kind == "empty"


# --- threads ---------------------------------------------------------------

def test_python_threads_run_while_a_page_is_extracted() -> None:
    # A page big enough to take a while; while it is extracted, a Python
    # loop in this thread must keep running, which it cannot if the
    # extraction holds the GIL.
    para = b"<p>Paragraph %d of a long story that goes on with many more words.</p>"
    big = b"<html><body><article>" + b"".join(para % i for i in range(20000)) + b"</article></body></html>"
    ex = thresher.Extractor(time_budget=None)
    done = threading.Event()
    ticks_during = 0

    def work() -> None:
        ex.extract(big)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks_during += 1
    worker.join()
    print(f"GIL: the main thread counted {ticks_during} while a page was extracted")
    assert ticks_during > 10_000


# Pages per timed batch: about a second of work for one thread.
BATCH_PAGES = 2000
# Two threads must beat one by at least this much; 2.0 is the ideal, and the
# machine is shared.
MIN_SPEEDUP = 1.3
ATTEMPTS = 5


def _batch_seconds(ex: thresher.Extractor, pages: list[bytes], threads: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(ex.extract, pages))
    elapsed = time.perf_counter() - start
    assert len(results) == len(pages) and all(results)
    return elapsed


def test_two_threads_extract_faster_than_one(article: bytes) -> None:
    cpus = os.cpu_count() or 1
    ex = thresher.Extractor()
    pages = [article] * BATCH_PAGES
    _batch_seconds(ex, pages[:50], 2)  # warm up
    ratios = []
    for _ in range(ATTEMPTS):
        one = _batch_seconds(ex, pages, 1)
        two = _batch_seconds(ex, pages, 2)
        ratios.append(one / two)
        print(f"GIL: 1 thread {one:.3f}s, 2 threads {two:.3f}s, speed-up {one / two:.2f}x")
        if ratios[-1] > MIN_SPEEDUP:
            break
    best = max(ratios)
    if cpus < 2:
        pytest.skip(f"one CPU: speed-up {best:.2f}x not checked")
    # Other work on the machine takes the second core away; then the ratio
    # says nothing about the GIL (the test above shows it released).
    load = os.getloadavg()[0]
    if best <= MIN_SPEEDUP and load > cpus - 0.5:
        pytest.skip(f"machine busy (load {load:.1f} on {cpus} CPUs): speed-up {best:.2f}x not checked")
    assert best > MIN_SPEEDUP, f"2 threads ran only {best:.2f}x faster than 1"


# --- stubs -----------------------------------------------------------------


def _stub_names() -> set[str]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def test_stub_is_shipped_with_py_typed() -> None:
    assert STUB.is_file()
    assert (STUB.parent / "py.typed").is_file()


def test_every_public_name_in_the_stub_exists_at_runtime() -> None:
    names = _stub_names()
    assert names == set(thresher.__all__)
    for name in names:
        assert hasattr(thresher, name), name
    for method in ("extract", "clean", "options"):
        assert hasattr(thresher.Extractor, method), method


def _stub_literal(alias: str) -> list[str]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == alias for t in node.targets):
            assert isinstance(node.value, ast.Subscript), alias
            items = node.value.slice
            elts = items.elts if isinstance(items, ast.Tuple) else [items]
            return [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    raise AssertionError(f"{alias} is not in the stub")


def test_the_stub_lists_the_engines_formats() -> None:
    # FORMATS comes from the engine's one list (Format::ALL); the stub's
    # literals, a static copy, must name the same formats in its order.
    assert _stub_literal("_TextFormat") + _stub_literal("_JsonFormat") == thresher.FORMATS
    assert _stub_literal("_JsonFormat") == ["json"]


def test_labels_and_page_types_are_the_engines() -> None:
    # Both come from the engine's one list (Label::ALL, PageType::ALL).
    assert "content" in thresher.LABELS and "hidden" in thresher.LABELS
    assert len(set(thresher.LABELS)) == len(thresher.LABELS)
    assert thresher.PAGE_TYPES[0] == "article" and "forum" in thresher.PAGE_TYPES
    doc = thresher.extract(
        "<html><body><nav><a href='/'>Home</a></nav><p hidden>Hidden text of the page.</p>"
        "<article><p>" + "The council voted to rebuild the bridge. " * 5 + "</p></article></body></html>",
        format="json",
    )
    assert doc["page_type"] in thresher.PAGE_TYPES
    assert {r["label"] for r in doc["removed"]} <= set(thresher.LABELS)


def test_stubtest_finds_the_stub_true_to_the_runtime() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "thresher", "--allowlist", "stubtest_allowlist.txt"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tests_type_check_against_the_stub() -> None:
    # mypy --strict over these tests and the Spark job: the stub's
    # overloads give str for text formats and dict for json, and the wrong
    # calls above are caught (each carries its `type: ignore`).
    pytest.importorskip("mypy")
    here = Path(__file__).parent
    files = [p for p in sorted(here.glob("*.py")) if p.name != "test_spark.py"]
    if importlib.util.find_spec("pyspark"):
        files += [here / "test_spark.py", JOB]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--warn-unused-ignores", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=here,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_can_open_with_front_matter_and_the_title() -> None:
    html = (FIXTURES / "article.html").read_bytes()
    md = thresher.extract(html, "https://courier.example/library", "markdown", title_heading=True, front_matter=True)
    assert md.startswith('---\ntitle: "Library reopens after flood repairs"\n'), md
    assert 'date: "2026-03-14T09:30:00Z"' in md
    assert "\n---\n\n# Library reopens after flood repairs\n\n" in md
    assert not thresher.extract(html, format="markdown").startswith("#")
    assert thresher.Extractor(title_heading=True).options["title_heading"] is True
