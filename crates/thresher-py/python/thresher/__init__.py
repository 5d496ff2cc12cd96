"""Thresher separates a web page's main content from its boilerplate.

>>> import thresher
>>> html = b"<html><body><nav><a href='/'>Home</a></nav><article><p>The article's first paragraph, long enough to count as prose.</p></article></body></html>"
>>> "first paragraph" in thresher.extract(html)
True

``extract(html, url=None, format="text", **options)`` returns the main content
as ``str`` in any of the ``FORMATS`` (``"text"``, ``"markdown"`` …), or the
JSON document of ``thresher extract -f json`` as a ``dict`` (``format="json"``).
``clean(text, format="text", **options)`` does the same for text a crawler
already stripped of its tags. ``Extractor(**options)`` keeps the options for
many calls. The options are the engine's ``Config``: ``max_input_bytes``,
``time_budget`` (seconds, or ``None``), ``include_tables``, ``include_images``,
``include_links``, ``include_comments`` (readers' comments are removed by
default except on forum and Q&A threads), and for Markdown ``title_heading``
(the title as a ``#`` heading first) and ``front_matter`` (YAML front matter
with title, authors, date, url and site). Extraction releases the GIL, so threads run in
parallel. A page that cannot be extracted raises ``ExtractionError``, whose
``kind`` says why. ``iter_warc(path, include_skipped=False, **options)``
yields the pages of a WARC archive as dicts and counts every record in its
``stats``.
"""

from thresher._native import (
    FORMATS,
    LABELS,
    OPTIONS,
    PAGE_TYPES,
    SCHEMA,
    WARC_FIELDS,
    ExtractionError,
    Extractor,
    WarcRecords,
    __version__,
    clean,
    extract,
    iter_warc,
)

__all__ = [
    "FORMATS",
    "LABELS",
    "OPTIONS",
    "PAGE_TYPES",
    "SCHEMA",
    "WARC_FIELDS",
    "ExtractionError",
    "Extractor",
    "WarcRecords",
    "__version__",
    "clean",
    "extract",
    "iter_warc",
]
