"""Type stubs for thresher._native, the compiled module the package re-exports."""

import os
from collections.abc import Iterator
from typing import Any, Final, Literal, TypedDict, final, overload

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

__version__: Final[str]
SCHEMA: Final[str]
"""Version of the JSON document's layout, ``"thresher/1"``."""
OPTIONS: Final[list[str]]
"""The keyword options, each a field of the engine's ``Config``."""
FORMATS: Final[list[str]]
"""The format names ``format=`` takes, as ``thresher extract -f`` spells them."""

LABELS: Final[list[str]]
"""Every label a block can get (``removed[].label``), as the engine names them."""
PAGE_TYPES: Final[list[str]]
"""Every page type (``page_type``), as the engine names them."""

WARC_FIELDS: Final[list[str]]
"""The fields every row of ``iter_warc`` starts with."""

# The formats, rendered as ``str`` and as a ``dict``: together, FORMATS in its
# order (a test checks them against the engine's list).
_TextFormat = Literal["text", "markdown", "html"]
_JsonFormat = Literal["json"]

class ExtractionError(ValueError):
    """A page or text that could not be extracted.

    ``kind`` names why, as the engine's ``ErrorKind::name`` does: ``"empty"``,
    ``"too_large"``, ``"not_text"``, ``"time_budget"`` (and for WARC input ``"truncated"``,
    ``"bad_gzip"``, ``"malformed_warc"``, ``"malformed_http"``,
    ``"bad_content_encoding"``, ``"io"``).
    """

    kind: str

@final
class Extractor:
    """Extracts pages with the options it was built with; reusable and safe
    to share between threads."""

    def __new__(
        cls,
        *,
        max_input_bytes: int = ...,
        time_budget: float | None = ...,
        include_tables: bool = ...,
        include_images: bool = ...,
        include_links: bool = ...,
        include_comments: bool = ...,
        title_heading: bool = ...,
        front_matter: bool = ...,
    ) -> Extractor: ...
    @property
    def options(self) -> dict[str, Any]:
        """The options this extractor was built with."""
    @overload
    def extract(
        self, html: str | bytes, url: str | None = None, format: _TextFormat = "text"
    ) -> str: ...
    @overload
    def extract(
        self, html: str | bytes, url: str | None = None, *, format: _JsonFormat
    ) -> dict[str, Any]: ...
    @overload
    def extract(
        self, html: str | bytes, url: str | None, format: _JsonFormat
    ) -> dict[str, Any]: ...
    @overload
    def clean(self, text: str | bytes, format: _TextFormat = "text") -> str: ...
    @overload
    def clean(self, text: str | bytes, format: _JsonFormat) -> dict[str, Any]: ...

@overload
def extract(
    html: str | bytes,
    url: str | None = None,
    format: _TextFormat = "text",
    *,
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
    include_comments: bool = ...,
    title_heading: bool = ...,
    front_matter: bool = ...,
) -> str:
    """Extracts one page: its main content, or with ``format="json"`` the
    JSON document of ``thresher extract -f json`` as a dict."""

@overload
def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    format: _JsonFormat,
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
    include_comments: bool = ...,
    title_heading: bool = ...,
    front_matter: bool = ...,
) -> dict[str, Any]: ...
@overload
def clean(
    text: str | bytes,
    format: _TextFormat = "text",
    *,
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
    include_comments: bool = ...,
    title_heading: bool = ...,
    front_matter: bool = ...,
) -> str:
    """Cleans captured text (text mode)."""

@overload
def clean(
    text: str | bytes,
    format: _JsonFormat,
    *,
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
    include_comments: bool = ...,
    title_heading: bool = ...,
    front_matter: bool = ...,
) -> dict[str, Any]: ...

class _WarcStats(TypedDict):
    records: int
    extracted: int
    skipped: dict[str, int]
    failed: dict[str, int]

@final
class WarcRecords(Iterator[dict[str, Any]]):
    """The records of one WARC archive, extracted one at a time (the GIL
    released while a record is read and extracted).

    Each row is the one ``thresher warc`` writes: the ``WARC_FIELDS``
    (``warc_record_id``, ``target_uri``, ``warc_date``, ``http_status``,
    ``content_type``, ``encoding_source``), then, for an extracted page,
    every field of the JSON document (``text``, ``title``, ``encoding`` …,
    with ``source`` the archive's path). ``skipped`` (the reason), ``error`` (the
    message) and ``error_kind`` are in every row, ``None`` when they do not
    apply.
    """

    def __iter__(self) -> WarcRecords: ...
    def __next__(self) -> dict[str, Any]: ...
    @property
    def stats(self) -> _WarcStats:
        """Every record read so far: ``records``, ``extracted``, ``skipped``
        (reason -> count: ``not_response``, ``not_http``, ``http_status``,
        ``not_html``, ``too_large``, ``empty``) and ``failed`` (error kind ->
        count)."""

def iter_warc(
    path: str | os.PathLike[str],
    *,
    include_skipped: bool = False,
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
    include_comments: bool = ...,
    title_heading: bool = ...,
    front_matter: bool = ...,
) -> WarcRecords:
    """The pages of the WARC archive at ``path`` (plain or gzipped), as dicts.

    Only extracted pages are yielded unless ``include_skipped`` is true, in
    which case every record is, skipped and failed ones with ``skipped`` or
    ``error`` set. Either way ``stats`` counts them all.
    """
