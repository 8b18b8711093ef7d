"""From the sources a user names to readers: paths, directories, globs, stdin, URLs.

A source is a file, a directory (read recursively: files with a known extension, hidden files
and folders skipped, symlinks that lead outside it not followed unless the setting
follow_symlinks says so), a glob pattern, "-" for standard input, or an http(s) URL (the only
case that touches the network).

The kind of a file comes from its extension (see KINDS; ".gz" of any of them is decompressed
as it streams), else from sniffing its first bytes. Single-document kinds (text, HTML, feeds)
are read whole up to settings.max_file_bytes; record kinds (JSON Lines, JSON arrays, CSV, WARC)
are streamed.

Nothing raises out of `iter_source_items`: every failure becomes one Skipped naming the file
and saying what was wrong, and reading goes on with the next source.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import logging
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from newsprism.config import Settings
from newsprism.errors import InputError
from newsprism.ingest.decode import SNIFF_BYTES, binary_reason, bom_encoding, decode_bytes, prefixed
from newsprism.ingest.feeds import looks_like_feed, read_feed
from newsprism.ingest.html import read_html
from newsprism.ingest.records import read_csv, read_json, read_jsonl
from newsprism.ingest.text import read_text
from newsprism.ingest.warc import read_warc
from newsprism.model import Article, Skipped

log = logging.getLogger(__name__)

KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
    ".warc": "warc",
}
"""File extension -> kind of source."""

STDIN = "<stdin>"
FETCH_TIMEOUT_S = 30
_USER_AGENT = "newsprism/0.1 (+https://github.com/newsprism)"
_GLOB_CHARS = frozenset("*?[")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class _Input:
    """One thing to read: a file, standard input, or a URL."""

    where: str
    path: Path | None = None
    url: str | None = None


def kind_of(name: str) -> tuple[str | None, bool]:
    """(kind by extension or None, whether the file is gzip-compressed) for a file name."""
    lowered = name.lower()
    if lowered.endswith(".warc.gz"):
        return "warc", False  # warcio reads gzip WARC member by member itself
    compressed = lowered.endswith(".gz")
    if compressed:
        lowered = lowered[:-3]
    return KINDS.get(os.path.splitext(lowered)[1]), compressed


def iter_source_items(
    sources: Iterable[str], settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Iterator[Article | Skipped]:
    """Articles and Skipped records from every source, in order."""
    for item in _inputs(sources, settings):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield from _read_input(item, settings, keys)
        except InputError as exc:
            yield Skipped(exc.where, exc.reason)
        except PermissionError:
            yield Skipped(item.where, "unreadable file: permission denied")
        except OSError as exc:
            yield Skipped(item.where, f"unreadable file: {exc.strerror or exc}")
        except Exception as exc:  # a reader bug must not end a long ingest: report and go on
            log.warning("unexpected error reading %s", item.where, exc_info=True)
            yield Skipped(item.where, f"unreadable: {type(exc).__name__}: {exc}")


# --- expanding sources ----------------------------------------------------------------------


def _inputs(sources: Iterable[str], settings: Settings) -> Iterator[_Input | Skipped]:
    for source in sources:
        if source == "-":
            yield _Input(STDIN)
        elif source.lower().startswith(("http://", "https://")):
            yield _Input(source, url=source)
        else:
            yield from _path_inputs(source, settings)


def _path_inputs(source: str, settings: Settings) -> Iterator[_Input | Skipped]:
    path = Path(source).expanduser()
    if path.is_dir():
        said = False  # anything to read, or a word on what was passed over
        for item in _walk(path, settings):
            said = True
            yield item
        if not said:
            kinds = " ".join(sorted(KINDS))
            yield Skipped(source, f"no articles: the folder has no {kinds} files (or .gz of them)")
    elif path.is_file():
        yield _Input(source, path=path)
    elif path.is_symlink():
        yield Skipped(source, "broken symlink: it points to a file that does not exist")
    elif path.exists():
        yield Skipped(source, "not a regular file (a device, socket or pipe)")
    elif _GLOB_CHARS & set(source):
        matches = sorted(glob.glob(os.path.expanduser(source), recursive=True))
        if not matches:
            yield Skipped(source, "no match: no files match the pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(Path(match), settings)
            elif os.path.isfile(match):
                yield _Input(match, path=Path(match))
    else:
        yield Skipped(source, "not found: no such file or directory")


def _walk(root: Path, settings: Settings) -> Iterator[_Input | Skipped]:
    """Files of known kinds under `root`, sorted, recursively."""
    real_root = root.resolve()
    seen: set[Path] = {real_root}
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            yield Skipped(str(folder), f"unreadable folder: {exc.strerror or exc}")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(folder) / entry.name
            if entry.is_symlink():
                target = path.resolve()
                outside = not target.is_relative_to(real_root)
                if outside and not settings.follow_symlinks:
                    if entry.is_dir() or kind_of(entry.name)[0] is not None:
                        yield Skipped(
                            str(path),
                            "symlink not followed: it leads outside the folder "
                            "(setting follow_symlinks)",
                        )
                    continue
                if entry.is_dir():
                    # Inside the folder it is walked anyway; outside, once (loops end here).
                    if outside and target not in seen:
                        seen.add(target)
                        subfolders.append(path)
                    continue
            if entry.is_dir():
                seen.add(path.resolve())
                subfolders.append(path)
            elif entry.is_file() and kind_of(entry.name)[0] is not None:
                yield _Input(str(path), path=path)
        pending.extend(reversed(subfolders))


# --- reading one input ----------------------------------------------------------------------


def _read_input(
    item: _Input, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Iterator[Article | Skipped]:
    if item.url is not None:
        yield from _read_url(item.url, settings, keys)
        return
    if item.path is None:
        stdin = sys.stdin.buffer if sys.stdin is not None else None
        if stdin is None:
            yield Skipped(STDIN, "no standard input to read")
            return
        yield from _read_stream(stdin, item.where, None, False, settings, keys)
        return
    kind, compressed = kind_of(item.path.name)
    with open(item.path, "rb") as raw:
        yield from _read_stream(raw, item.where, kind, compressed, settings, keys)


def _read_stream(
    raw: IO[bytes],
    where: str,
    kind: str | None,
    compressed: bool,
    settings: Settings,
    keys: dict[str, tuple[str, ...]],
) -> Iterator[Article | Skipped]:
    stream: IO[bytes] = raw
    head = _read_head(stream, where)
    if kind is None and head.startswith(_GZIP_MAGIC) and not compressed:
        compressed = True  # gzip on standard input, or a .gz-less name
    if compressed:
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=prefixed(head, raw), mode="rb"))
        head = _read_head(stream, where)
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        yield Skipped(where, "empty file: nothing to read")
        return
    kind = kind or sniff_kind(head)
    if kind != "warc":
        reason = binary_reason(head, records=kind in ("jsonl", "csv", "tsv"))
        if reason is not None:
            yield Skipped(where, reason)
            return
    stream = prefixed(head, stream)
    if kind in ("jsonl", "json", "csv", "tsv") and bom_encoding(head) in ("utf-16", "utf-32"):
        stream = _to_utf8(stream, where, settings)
    if kind == "jsonl":
        yield from read_jsonl(stream, where, settings, keys)
    elif kind == "json":
        yield from read_json(stream, where, settings, keys)
    elif kind in ("csv", "tsv"):
        yield from read_csv(stream, where, settings, keys, "\t" if kind == "tsv" else None)
    elif kind == "warc":
        yield from read_warc(stream, where, settings)
    else:
        data = _read_whole(stream, where, settings)
        if kind == "html":
            yield read_html(data, where, settings)
        elif kind in ("feed", "xml"):
            if not looks_like_feed(head):
                yield Skipped(where, "not a feed: an XML file without an RSS or Atom channel")
                return
            yield from read_feed(data, where, settings)
        else:
            yield read_text(decode_bytes(data, where), where, settings)


def sniff_kind(head: bytes) -> str:
    """The kind of a file from its first bytes, for files whose name says nothing."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            if bom != codecs.BOM_UTF8:
                return "text"
            head = head[len(bom) :]
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"<"):
        if looks_like_feed(head) and b"<html" not in start:
            return "feed"
        if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and b"<html" not in start:
            return "xml"
        return "html"
    if start.startswith((b"{", b"[")):
        return "json"
    first_line = start.split(b"\n", 1)[0]
    cells = {c.strip(b" \"'\r").decode("ascii", "ignore") for c in first_line.split(b",")}
    if len(cells) > 1 and cells & {"text", "body", "content", "title", "headline", "url"}:
        return "csv"
    return "text"


def _read_head(stream: IO[bytes], where: str) -> bytes:
    try:
        return stream.read(SNIFF_BYTES)
    except (gzip.BadGzipFile, EOFError, OSError) as exc:
        raise InputError(where, f"damaged gzip data: {exc}") from exc


def _read_whole(stream: IO[bytes], where: str, settings: Settings) -> bytes:
    try:
        data = stream.read(settings.max_file_bytes + 1)
    except (gzip.BadGzipFile, EOFError) as exc:
        raise InputError(where, f"damaged gzip data: {exc}") from exc
    if len(data) > settings.max_file_bytes:
        raise InputError(
            where,
            f"file too large: over {settings.max_file_bytes:,} bytes (setting max_file_bytes)",
        )
    return data


def _to_utf8(stream: IO[bytes], where: str, settings: Settings) -> IO[bytes]:
    """A UTF-16/32 record file re-encoded as UTF-8 (read whole: such files are rare)."""
    text = decode_bytes(_read_whole(stream, where, settings), where)
    return io.BytesIO(text.encode("utf-8"))


def _read_url(
    url: str, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Iterator[Article | Skipped]:
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
            data = response.read(settings.max_file_bytes + 1)
            final_url = response.geturl() or url
            content_type = (response.headers.get("Content-Type") or "").lower()
    except urllib.error.HTTPError as exc:
        yield Skipped(url, f"could not fetch: HTTP {exc.code} {exc.reason}")
        return
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        yield Skipped(url, f"could not fetch: {reason}")
        return
    if len(data) > settings.max_file_bytes:
        yield Skipped(url, f"page too large: over {settings.max_file_bytes:,} bytes")
        return
    if not data.strip():
        yield Skipped(url, "empty response: the server sent nothing")
        return
    head = data[:SNIFF_BYTES]
    is_feed = any(t in content_type for t in ("rss", "atom")) or (
        "xml" in content_type and looks_like_feed(head)
    )
    if is_feed or (sniff_kind(head) == "feed"):
        yield from read_feed(data, url, settings)
    elif "html" in content_type or sniff_kind(head) == "html":
        yield read_html(data, url, settings, url=final_url)
    else:
        yield from _read_stream(io.BytesIO(data), url, None, False, settings, keys)
