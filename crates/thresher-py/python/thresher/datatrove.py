"""A datatrove extractor step: Thresher where datatrove's ``Trafilatura`` step
stands.

>>> from datatrove.pipeline.readers import WarcReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from thresher.datatrove import ThresherExtractor
>>> pipeline = [WarcReader("crawl/"), ThresherExtractor(format="markdown"), JsonlWriter("out/")]

Each document's HTML (``doc.text``) becomes its main content in ``format``
(``"text"``, ``"markdown"`` or ``"html"``), and the page's title, authors,
publication date, language, page type and the engine's confidence go into
``doc.metadata``. A page with no content is dropped; one the engine cannot
extract is dropped and counted by its error kind (``error_time_budget`` …) in
the step's stats.

Unlike the ``Trafilatura`` step, no extraction runs in a separate process
with a timeout: the engine's own time budget (``time_budget``, seconds)
bounds each page, and the engine neither hangs nor grows without bound on
bad input.

Needs datatrove: ``pip install "thresher[datatrove]"``.
"""

from __future__ import annotations

from typing import Any, Iterator, Literal, cast

try:
    from datatrove.data import Document  # type: ignore[import-untyped]
    from datatrove.pipeline.extractors.base import BaseExtractor  # type: ignore[import-untyped]
    from datatrove.utils.typeshelper import StatHints  # type: ignore[import-untyped]
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError('thresher.datatrove needs datatrove: pip install "thresher[datatrove]"') from e

from thresher._native import ExtractionError, Extractor

TextFormat = Literal["text", "markdown", "html"]

#: The formats the step can write into ``doc.text``.
TEXT_FORMATS: tuple[TextFormat, ...] = ("text", "markdown", "html")

#: Fields of the engine's JSON document copied into ``doc.metadata`` when
#: the page has them.
METADATA_FIELDS = ("title", "authors", "date_published", "language", "page_type", "confidence")


class ThresherExtractor(BaseExtractor):  # type: ignore[misc]
    """Extracts each document's main content and metadata with Thresher.

    Args:
        format: what ``doc.text`` becomes: ``"text"`` (default),
            ``"markdown"`` or ``"html"``.
        comments: keep readers' comments (removed by default, except on
            forum and Q&A threads).
        time_budget: seconds the engine may spend on one page (``None``: no
            limit).
        **options: any other option of ``thresher.Extractor``
            (``include_tables``, ``include_images``, ``include_links``,
            ``max_input_bytes``).
    """

    name = "🌾 Thresher"

    def __init__(
        self,
        format: str = "text",
        comments: bool = False,
        time_budget: float | None = 10.0,
        **options: Any,
    ) -> None:
        super().__init__(timeout=time_budget or 0.0)
        if format not in TEXT_FORMATS:
            raise ValueError(f"format must be one of {TEXT_FORMATS}, not {format!r}")
        self.format: TextFormat = cast(TextFormat, format)
        self.options: dict[str, Any] = {"include_comments": comments, "time_budget": time_budget, **options}
        # Built where the step runs: datatrove pickles steps to its workers,
        # and the native extractor is not picklable.
        self._extractor: Extractor | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_extractor"] = None
        return state

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(**self.options)
        return self._extractor

    def extract(self, text: str) -> str:
        """The main content of one page in the step's format (datatrove's
        ``BaseExtractor`` interface)."""
        return self.extractor.extract(text, None, self.format)

    def run(self, data: Iterator[Document], rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    page = self.extractor.extract(doc.text, doc.metadata.get("url"), format="json")
                    if self.format == "text":
                        content = page["text"]
                    elif self.format == "markdown":
                        content = page["markdown"]
                    else:
                        content = self.extract(doc.text)
                except ExtractionError as e:
                    self.stat_update(f"error_{e.kind}")
                    continue
            if not content.strip():
                self.stat_update(StatHints.dropped)
                continue
            doc.text = content
            for field in METADATA_FIELDS:
                value = page.get(field)
                if value not in (None, "", []):
                    doc.metadata[field] = value
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
