"""Record files: JSON Lines, JSON (an array of objects, or one object), CSV and TSV.

Files are streamed: JSON Lines and CSV one line or record at a time, a JSON array one element
at a time with an incremental decoder, so a file of a million articles never sits in memory.
A record that cannot be read yields one Skipped naming `file:line` (JSON Lines, CSV) or
`file#N` (the Nth element of a JSON array) and reading goes on; damage that makes the rest of
the file unreadable (an unclosed CSV quote, a broken JSON array) ends that file with one
Skipped saying where.

Which key holds which Article field: `fields` maps Article field names (title, body, url,
published, outlet, author, language) to the record's keys; a dotted key ("source.name") looks
inside nested objects. Without a mapping, common names are tried in order (DEFAULT_FIELDS),
case-insensitively.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections import deque
from collections.abc import Iterator, Mapping
from typing import IO, Any

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.ingest.build import make_article, split_paragraphs
from newsprism.ingest.dates import parse_date
from newsprism.ingest.decode import decode_line, prefixed
from newsprism.ingest.html import html_to_paragraphs, is_full_page, looks_like_html, read_html
from newsprism.ingest.page_meta import page_meta
from newsprism.model import Article, Skipped

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading"),
    # "articleBody", "datePublished": schema.org's NewsArticle names (JSON-LD, FNC-1's CSV)
    "body": ("text", "body", "content", "article", "maintext", "paragraphs", "articleBody"),
    "url": ("url", "link", "uri"),
    "published": (
        "date",
        "published",
        "pubdate",
        "publish_date",
        "date_publish",
        "timestamp",
        "published_at",
        "publishedAt",
        "date_published",
        "datePublished",
    ),
    "outlet": ("source", "outlet", "publisher", "site", "source_domain", "domain"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
"""Article field -> record keys tried in order when no mapping names the key."""

_FIELD_ALIASES = {"text": "body", "date": "published", "source": "outlet", "link": "url"}

# Consecutive unreadable lines, with nothing read before them, after which a file is taken
# not to be JSON Lines at all (one Skipped for the file instead of one per line).
_GIVE_UP_AFTER = 20
_CHUNK_BYTES = 1 << 20


def check_fields(fields: Mapping[str, str] | None) -> dict[str, tuple[str, ...]]:
    """The keys to try for each Article field, with `fields` overriding the defaults.

    Raises ConfigError for a field name Article does not have.
    """
    keys = dict(DEFAULT_FIELDS)
    for name, key in (fields or {}).items():
        field_name = _FIELD_ALIASES.get(name.strip().lower(), name.strip().lower())
        if field_name not in DEFAULT_FIELDS:
            raise ConfigError(
                f"Unknown article field '{name}' in the field mapping. "
                f"Fields that can be mapped: {', '.join(DEFAULT_FIELDS)}."
            )
        if not key.strip():
            raise ConfigError(f"The field mapping for '{name}' names no key.")
        keys[field_name] = (key.strip(),)
    return keys


def read_jsonl(
    stream: IO[bytes], where: str, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Iterator[Article | Skipped]:
    """Articles from JSON Lines, one object a line; blank lines are ignored."""
    yield from _jsonl_lines(_lines(stream, settings), where, settings, keys)


def read_json(
    stream: IO[bytes], where: str, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Iterator[Article | Skipped]:
    """Articles from a .json file: an array of objects (streamed), one object (possibly
    wrapping a list of articles, as {"articles": [...]}), or JSON Lines under a .json name."""
    head = stream.read(_CHUNK_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    first = head.lstrip()[:1]
    if first == b"[":
        yield from _json_array(head, stream, where, settings, keys)
        return
    if first != b"{":
        yield Skipped(where, "not JSON: a .json file must hold an object or an array of objects")
        return
    cut = head.find(b"\n")
    try:
        first_line = json.loads(head[: cut if cut >= 0 else len(head)])
    except (ValueError, RecursionError):
        first_line = None  # one object over many lines
    if first_line is None or _wrapped_list(first_line, keys) is not None:
        # A whole document (one object over many lines, or a one-line export wrapping its
        # articles in a list), read whole within the file limit.
        data = head + stream.read(max(settings.max_file_bytes + 1 - len(head), 0))
        yield from _json_document(data, where, settings, keys)
        return
    yield from _jsonl_lines(_lines(prefixed(head, stream), settings), where, settings, keys)


def read_csv(
    stream: IO[bytes],
    where: str,
    settings: Settings,
    keys: dict[str, tuple[str, ...]],
    delimiter: str | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from CSV/TSV with a header row; quoted fields may span lines.

    The delimiter is `delimiter`, else whichever of comma, tab or semicolon the header
    line uses most.
    """
    # The csv module's field limit is process-wide; raising it to a few times the article
    # limit lets long bodies through while an unclosed quote still fails fast, not at EOF.
    csv.field_size_limit(max(4 * settings.max_article_bytes, 1 << 20))
    text_lines = (decode_line(raw) for raw in _raw_lines(stream))
    header_line = next(text_lines, None)
    if header_line is None or not header_line.strip():
        yield Skipped(where, "empty file: no CSV header row")
        return
    header_line = header_line.lstrip("\ufeff")
    if delimiter is None:
        delimiter = max(",\t;", key=header_line.count)
    try:
        header = [name.strip() for name in next(csv.reader([header_line], delimiter=delimiter))]
    except (csv.Error, StopIteration) as exc:
        yield Skipped(f"{where}:1", f"malformed CSV header: {exc}")
        return
    if _find_key(header, keys["body"]) is None:
        yield Skipped(
            where,
            f"no body column: the header has none of {', '.join(keys['body'])}; map one with "
            f"a field mapping such as body=COLUMN (header: {', '.join(header)[:200]})",
        )
        return
    for start, row in _csv_rows(text_lines, delimiter, 2):
        if isinstance(row, str):
            yield Skipped(f"{where}:{start}", row)
        elif any(cell.strip() for cell in row):
            record = dict(zip(header, row, strict=False))
            yield _from_record(record, f"{where}:{start}", settings, keys)


def _csv_rows(
    lines: Iterator[str], delimiter: str, first: int
) -> Iterator[tuple[int, list[str] | str]]:
    """(line number, cells) per CSV record, or (line number, reason) for a damaged record.

    Records are parsed strictly, so that a stray or unclosed quote is noticed where it is
    instead of silently swallowing the records after it into one field. A damaged record that
    spans lines is reported, and parsing resumes on the line after its first; one that is a
    single line (a sloppy inner quote, `"He said "no""`) is read leniently as before.
    """
    tape = _Tape(lines)
    number = first
    while True:
        tape.taken = []
        try:
            row = next(csv.reader(tape, delimiter=delimiter, strict=True))
        except StopIteration:
            return
        except csv.Error as exc:
            if len(tape.taken) == 1:
                try:
                    yield number, next(csv.reader(tape.taken, delimiter=delimiter))
                except csv.Error as lenient:  # a bare carriage return inside a field
                    yield number, f"malformed CSV: {lenient}"
                number += 1
                continue
            yield (
                number,
                (
                    f"malformed CSV: {exc} in a record that starts here (an unclosed quote?); "
                    "the records after it are read"
                ),
            )
            tape.replay.extendleft(reversed(tape.taken[1:]))
            number += 1
            continue
        yield number, row
        number += len(tape.taken)


class _Tape:
    """Lines for csv.reader, remembering those taken for the record being parsed, so that a
    damaged record's lines can be replayed after its first."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.taken: list[str] = []
        self.replay: deque[str] = deque()

    def __iter__(self) -> _Tape:
        return self

    def __next__(self) -> str:
        line = self.replay.popleft() if self.replay else next(self._lines)
        self.taken.append(line)
        return line


# --- JSON helpers ------------------------------------------------------------------------------


def _jsonl_lines(
    lines: Iterator[tuple[int, str]],
    where: str,
    settings: Settings,
    keys: dict[str, tuple[str, ...]],
) -> Iterator[Article | Skipped]:
    read_any = False
    failures = 0
    blank = True
    for number, line in lines:
        here = f"{where}:{number}"
        if line is _TOO_LONG:
            yield Skipped(here, _too_long(settings))
            blank = False
            continue
        if not line.strip():
            continue
        blank = False
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            failures += 1
            if not read_any and failures >= _GIVE_UP_AFTER:
                yield Skipped(
                    where, f"not JSON Lines: the first {failures} lines are not JSON; stopped"
                )
                return
            yield Skipped(here, f"not valid JSON: {_json_error(exc)}")
            continue
        read_any = True
        yield _from_value(record, here, settings, keys)
    if blank:  # only blank lines (unicode spaces, line separators): say so, not silence
        yield Skipped(where, "empty file: no records, only blank lines")


def _json_document(
    data: bytes, where: str, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Iterator[Article | Skipped]:
    if len(data) > settings.max_file_bytes:
        yield Skipped(
            where,
            f"file too large: a single JSON object over {settings.max_file_bytes:,} bytes "
            "(setting max_file_bytes); use JSON Lines for many articles",
        )
        return
    try:
        value = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        yield Skipped(where, f"not valid JSON: {_json_error(exc)}")
        return
    wrapped = _wrapped_list(value, keys)
    if wrapped is not None:
        key, inner = wrapped
        for index, item in enumerate(inner, 1):
            yield _from_value(item, f"{where}#{key}.{index}", settings, keys)
        return
    yield _from_value(value, where, settings, keys)


def _wrapped_list(value: Any, keys: dict[str, tuple[str, ...]]) -> tuple[str, list[Any]] | None:
    """(key, items) of an export that wraps its articles: {"status": "ok", "articles": [...]}.

    A few damaged items (null, a number) do not stop a list being the articles: they are
    skipped one by one, so most items must be objects.
    """
    if not isinstance(value, dict) or _find_key(list(value), keys["body"]) is not None:
        return None
    for key, inner in value.items():
        if isinstance(inner, list) and 2 * sum(isinstance(i, dict) for i in inner) > len(inner):
            return str(key), inner
    return None


def _json_array(
    head: bytes,
    stream: IO[bytes],
    where: str,
    settings: Settings,
    keys: dict[str, tuple[str, ...]],
) -> Iterator[Article | Skipped]:
    """Elements of a top-level JSON array, decoded one at a time as the bytes arrive."""
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    limit = max(4 * settings.max_article_bytes, _CHUNK_BYTES)
    try:
        buffer = utf8.decode(head)
    except UnicodeDecodeError as exc:
        yield Skipped(where, f"wrong encoding: JSON must be UTF-8 ({exc.reason})")
        return
    pos = buffer.index("[") + 1
    index = 0
    done = False
    while True:
        pos = _skip_space(buffer, pos)
        if pos < len(buffer) and buffer[pos] == "]":
            if index == 0:
                yield Skipped(where, "empty JSON array: the file holds no articles")
            return
        if index and pos < len(buffer) and buffer[pos] == ",":
            pos = _skip_space(buffer, pos + 1)
        try:
            value, end = decoder.raw_decode(buffer, pos)
        except RecursionError:
            yield Skipped(
                f"{where}#{index + 1}",
                "not valid JSON: nested too deeply; the rest of the file is not read",
            )
            return
        except ValueError as exc:
            if done or len(buffer) - pos > limit:
                reason = "not valid JSON" if done else "JSON element too large"
                yield Skipped(
                    f"{where}#{index + 1}",
                    f"{reason}: {_json_error(exc)}; the rest of the file is not read",
                )
                return
            chunk = stream.read(_CHUNK_BYTES)
            try:
                buffer = buffer[pos:] + utf8.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                yield Skipped(where, f"wrong encoding: JSON must be UTF-8 ({error.reason})")
                return
            pos = 0
            done = not chunk
            continue
        index += 1
        yield _from_value(value, f"{where}#{index}", settings, keys)
        pos = end


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _json_error(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        # Some messages end with the position's own "at" ("Unterminated string starting at").
        return f"{exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


# --- records to articles ----------------------------------------------------------------------


def _from_value(
    value: Any, where: str, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Article | Skipped:
    if not isinstance(value, dict):
        return Skipped(where, f"not an article: a JSON {type(value).__name__}, not an object")
    return _from_record(value, where, settings, keys)


def _from_record(
    record: Mapping[str, Any], where: str, settings: Settings, keys: dict[str, tuple[str, ...]]
) -> Article | Skipped:
    body = _get(record, keys["body"])
    title = _text(_get(record, keys["title"]))
    url = _text(_get(record, keys["url"]))
    published = parse_date(_get(record, keys["published"]))
    site_name = None
    if isinstance(body, str) and is_full_page(body):
        # A crawler's export of whole pages: the page's text and metadata, as for an HTML
        # file, under what the record itself says.
        page = read_html(body, where, settings, url=url)
        if isinstance(page, Skipped):
            return page
        paragraphs = list(page.paragraphs)
        title, url = title or page.title, url or page.url
        published = published or page.published
        site_name = page_meta(body).site_name
    else:
        paragraphs = _paragraphs(body)
    if not paragraphs:
        return Skipped(where, f"no body: the record has no text in {' / '.join(keys['body'])}")
    return make_article(
        where=where,
        settings=settings,
        paragraphs=paragraphs,
        title=title,
        url=url,
        published=published,
        declared_outlet=_name(_get(record, keys["outlet"])),
        site_name=site_name,
        author=_names(_get(record, keys["author"])),
        language=_text(_get(record, keys["language"])),
    )


def _get(record: Mapping[str, Any], candidates: tuple[str, ...]) -> Any:
    """The first non-empty value under one of the candidate keys (case-insensitive, dotted)."""
    for candidate in candidates:
        value: Any = record
        for part in candidate.split(".") if candidate not in record else (candidate,):
            if not isinstance(value, Mapping):
                value = None
                break
            key = part if part in value else _find_key(list(value), (part,))
            value = value.get(key) if key is not None else None
        if value not in (None, "", [], {}):
            return value
    return None


def _find_key(names: list[str], candidates: tuple[str, ...]) -> str | None:
    folded = {str(name).strip().casefold(): name for name in names}
    for candidate in candidates:
        found = folded.get(candidate.casefold())
        if found is not None:
            return found
    return None


def _paragraphs(body: Any) -> list[str]:
    if isinstance(body, str):
        return html_to_paragraphs(body) if looks_like_html(body) else split_paragraphs(body)
    if isinstance(body, list):
        return [p for item in body if isinstance(item, str) for p in split_paragraphs(item)]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return " ".join(v for v in value if isinstance(v, str)) or None
    return None


def _name(value: Any) -> str | None:
    """A name given as text or as an object with a name ({"id": "bbc-news", "name": "BBC"})."""
    if isinstance(value, Mapping):
        for key in ("name", "title", "domain", "url"):
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key])
        return None
    return _text(value)


def _names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(item) for item in value) if n]
        return "; ".join(names) or None
    return _name(value)


# --- streaming lines ----------------------------------------------------------------------------

_TOO_LONG = "\x00too long\x00"


def _too_long(settings: Settings) -> str:
    return (
        f"record too large: the line is over {4 * settings.max_article_bytes:,} bytes "
        "(four times the setting max_article_bytes)"
    )


def _raw_lines(stream: IO[bytes]) -> Iterator[bytes]:
    while True:
        line = stream.readline()
        if not line:
            return
        yield line


def _lines(stream: IO[bytes], settings: Settings) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, reading at most a bounded amount per line."""
    limit = max(4 * settings.max_article_bytes, _CHUNK_BYTES)
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK_BYTES)
            yield number, _TOO_LONG
            continue
        text = decode_line(line)
        yield number, text.lstrip("\ufeff") if number == 1 else text
