"""WARC archives (plain or gzip, such as Common Crawl's CC-NEWS): HTML responses to articles.

Each `response` (or `resource`) record whose payload is HTML with a 2xx status goes through
the HTML reader, with the record's WARC-Target-URI as the page URL. Every other record
(warcinfo, request, metadata, images, redirects) is passed over quietly; only when a file
yields no HTML page at all does one Skipped line say so, with the count of records seen.
A damaged archive (a truncated gzip member, a broken record header) ends the file with one
Skipped naming the record where reading stopped; the articles before it are kept.

The WARC-Date is when the page was crawled, not when it was published, so it is never used as
the publication date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO, Any

from newsprism.config import Settings
from newsprism.ingest.html import read_html
from newsprism.model import Article, Skipped

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: IO[bytes], where: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The articles of one WARC file, streamed record by record."""
    from warcio.archiveiterator import ArchiveIterator

    seen = 0
    pages = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            seen += 1
            page = _html_payload(record, settings)
            if page is None:
                continue
            here = f"{where}#{seen}"
            pages += 1
            if isinstance(page, Skipped):
                yield Skipped(here, page.reason)
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield read_html(page, here, settings, url=url)
    except Exception as exc:  # warcio, gzip and zlib raise assorted errors on damaged files
        log.debug("%s: WARC reading stopped", where, exc_info=True)
        if seen == 0:
            yield Skipped(where, f"not a WARC file: {_describe(exc)}")
        else:
            yield Skipped(
                f"{where}#{seen + 1}",
                f"damaged WARC: {_describe(exc)}; the rest of the file is not read "
                f"({pages} page(s) before the damage were read)",
            )
        return
    if seen == 0:
        yield Skipped(where, "empty WARC: the file has no records")
    elif pages == 0:
        yield Skipped(
            where, f"no HTML pages: {seen} WARC record(s), none an HTML response with content"
        )


def _html_payload(record: Any, settings: Settings) -> bytes | Skipped | None:
    """The HTML bytes of a record; Skipped if too large; None if it is not an HTML page."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else None
    if record.rec_type == "response":
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.lower().split(";")[0].strip() not in _HTML_TYPES:
        return None
    payload: bytes = record.content_stream().read(settings.max_file_bytes + 1)
    if len(payload) > settings.max_file_bytes:
        return Skipped(
            "",
            f"page too large: over {settings.max_file_bytes:,} bytes (setting max_file_bytes)",
        )
    return payload if payload.strip() else None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or "unexpected end of data"
    if isinstance(exc, EOFError):
        text = "the file ends in the middle of a record (truncated)"
    return f"{type(exc).__name__}: {text}"
