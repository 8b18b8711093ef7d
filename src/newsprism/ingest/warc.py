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
from newsprism.ingest.decode import prefixed
from newsprism.ingest.html import read_html
from newsprism.model import Article, Skipped

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: IO[bytes], where: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The articles of one WARC file, streamed record by record."""
    from warcio.archiveiterator import ArchiveIterator

    head = stream.read(8)
    if not head.startswith((b"WARC/", b"\x1f\x8b")):
        yield Skipped(where, "not a WARC file: it does not start with a WARC header or gzip data")
        return
    seen = 0  # records read so far
    at = 1  # the record being read, for the message if reading fails
    pages = 0
    previous: Any = None
    try:
        iterator = ArchiveIterator(prefixed(head, stream), arc2warc=False)
        _watch_for_truncation(iterator)
        records = iter(iterator)
        while True:
            at = seen + 1
            record = next(records, None)
            # Advancing read the previous record to its end: only now is a short one known.
            if previous is not None and _cut_short(previous):
                at = seen
                raise _Truncated("the record ends before its Content-Length (truncated file)")
            if record is None:
                break
            previous = record
            seen = at
            page = _html_payload(record, settings)
            if page is None:
                continue
            if _cut_short(record):
                raise _Truncated("the record ends before its Content-Length (truncated file)")
            here = f"{where}#{seen}"
            pages += 1
            if isinstance(page, Skipped):
                yield Skipped(here, page.reason)
            else:
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield read_html(page, here, settings, url=url)
    except Exception as exc:  # warcio, gzip and zlib raise assorted errors on damaged files
        log.debug("%s: WARC reading stopped", where, exc_info=True)
        if seen == 0 and not isinstance(exc, _Truncated):
            yield Skipped(where, f"not a WARC file: {_describe(exc)}")
        else:
            yield Skipped(
                f"{where}#{at}",
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


class _Truncated(Exception):
    """A record or gzip member that the file ends in the middle of."""


def _cut_short(record: Any) -> bool:
    """True when a record, read to its end here, holds fewer bytes than its Content-Length."""
    from warcio.limitreader import LimitReader

    raw = getattr(record, "raw_stream", None)
    if not isinstance(raw, LimitReader):
        return False
    # Drain what the payload decoders left (a chunked body's trailer, an oversized page).
    while raw.limit > 0 and raw.read(1 << 16):
        pass
    return raw.limit > 0


def _watch_for_truncation(iterator: Any) -> None:
    """Make the iterator raise where warcio would stop quietly at a cut-off gzip member.

    warcio treats running out of data while looking for the next record as the normal end of
    the file. That is only true when the last gzip member was complete; a file cut inside a
    member's header ends the same way, silently dropping that record. Checked here: an end
    of data while the decompressor has not reached the end of its member is a truncation.
    """
    read_record = iterator._next_record

    def next_record(next_line: Any) -> Any:
        try:
            return read_record(next_line)
        except EOFError:
            reader = iterator.reader
            decompressor = getattr(reader, "decompressor", None) if reader else None
            if decompressor is not None and not getattr(decompressor, "eof", True):
                raise _Truncated("the file ends inside a gzip member (truncated file)") from None
            raise

    iterator._next_record = next_record


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
    if isinstance(exc, _Truncated):
        return str(exc)
    text = str(exc).strip() or "unexpected end of data"
    if isinstance(exc, EOFError):
        text = "the file ends in the middle of a record (truncated)"
    return f"{type(exc).__name__}: {text}"
