"""Type stubs for thresher._native, the compiled module the package re-exports."""

from typing import Any, Final, Literal, final, overload

__all__ = [
    "FORMATS",
    "OPTIONS",
    "SCHEMA",
    "ExtractionError",
    "Extractor",
    "__version__",
    "clean",
    "extract",
]

__version__: Final[str]
SCHEMA: Final[str]
"""Version of the JSON document's layout, ``"thresher/1"``."""
OPTIONS: Final[list[str]]
"""The keyword options, each a field of the engine's ``Config``."""
FORMATS: Final[list[str]]
"""The format names: ``text``, ``markdown``, ``html``, ``json``."""

_TextFormat = Literal["text", "markdown", "html"]

class ExtractionError(ValueError):
    """A page or text that could not be extracted.

    ``kind`` names why: ``"empty"``, ``"too_large"``, ``"not_text"``,
    ``"time_budget_exceeded"``, ``"too_deep"``, ``"too_many_attributes"``, or
    ``"other"`` for a kind newer than these bindings.
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
        self, html: str | bytes, url: str | None = None, *, format: Literal["json"]
    ) -> dict[str, Any]: ...
    @overload
    def extract(
        self, html: str | bytes, url: str | None, format: Literal["json"]
    ) -> dict[str, Any]: ...
    @overload
    def clean(self, text: str | bytes, format: _TextFormat = "text") -> str: ...
    @overload
    def clean(self, text: str | bytes, format: Literal["json"]) -> dict[str, Any]: ...

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
) -> str:
    """Extracts one page: its main content, or with ``format="json"`` the
    JSON document of ``thresher extract -f json`` as a dict."""

@overload
def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    format: Literal["json"],
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
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
) -> str:
    """Cleans captured text (text mode)."""

@overload
def clean(
    text: str | bytes,
    format: Literal["json"],
    *,
    max_input_bytes: int = ...,
    time_budget: float | None = ...,
    include_tables: bool = ...,
    include_images: bool = ...,
    include_links: bool = ...,
) -> dict[str, Any]: ...
