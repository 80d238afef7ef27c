"""What WeasyPrint may read: ``data:`` URIs and local files under allowed folders; never the network."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname


class FetchRefused(PermissionError):
    """A URL the PDF renderer will not read."""


@dataclass
class FetchPolicy:
    """What WeasyPrint may read: ``data:`` URIs and local files under ``roots``; never the network.

    Kept free of WeasyPrint so it can be reasoned about and tested alone;
    :func:`weasy_fetcher` adapts it to WeasyPrint's fetcher interface.
    """

    roots: tuple[Path, ...]
    files: tuple[Path, ...] = ()
    requested: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.roots = tuple(p.resolve() for p in self.roots)
        self.files = tuple(p.resolve() for p in self.files)

    def open(self, url: str) -> tuple[bytes, str]:
        """The bytes and media type behind ``url``, or :class:`FetchRefused`."""
        self.requested.append(url)
        try:
            return self._open(url)
        except FetchRefused as exc:
            self.refused.append((url, str(exc)))
            raise

    def _open(self, url: str) -> tuple[bytes, str]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            from urllib.request import DataHandler, Request

            with DataHandler().data_open(Request(url)) as resp:
                return resp.read(), resp.headers.get_content_type()
        if scheme != "file":
            raise FetchRefused(f"'{url}': the PDF renderer never uses the network; "
                               "put the file next to the map and use a relative path")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"'{url}': only local files can be read")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if path not in self.files and not any(path == r or r in path.parents for r in self.roots):
            raise FetchRefused(f"'{path}' is outside the map's folder and the package; it was not read")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FetchRefused(f"'{path}': {exc.strerror or exc}") from None
        return data, mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def weasy_fetcher(policy: FetchPolicy) -> Any:
    """Wrap ``policy`` in the fetcher type the installed WeasyPrint expects."""
    from weasyprint import urls

    base = getattr(urls, "URLFetcher", None)
    if base is None:  # WeasyPrint < 66: a plain function returning a dict
        def fetch(url: str) -> dict[str, Any]:
            data, mime = policy.open(url)
            return {"string": data, "mime_type": mime, "redirected_url": url}
        return fetch

    class _PolicyFetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            data, mime = policy.open(url)
            return urls.URLFetcherResponse(url, data, {"Content-Type": mime})

    return _PolicyFetcher()
