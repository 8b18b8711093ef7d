"""Readers: every common source of news text to `Article` records, cleaned.

`read_sources` is the one entry point: files, directories, glob patterns, standard input and
URLs in; Articles (and a Skipped line for whatever could not be read, with the reason) out.
The modules behind it, one per concept:

- sources.py: expanding sources, telling kinds apart, streaming and decompressing
- text.py: plain-text articles (header, loose and bare layouts)
- records.py: JSON Lines, JSON and CSV/TSV, with a field mapping
- html.py: HTML pages through trafilatura
- feeds.py: RSS/Atom through feedparser
- warc.py: WARC archives through warcio
- clean.py: boilerplate removal and unicode/whitespace normalisation
- outlets.py: outlet names from URLs (built-in table in outlets.csv)
- dates.py: publication dates from many formats
- decode.py: bytes to text, binary detection
- build.py: the common last step, raw fields to one Article
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from newsprism.config import Settings
from newsprism.ingest.build import make_article, split_paragraphs, title_from_body
from newsprism.ingest.clean import (
    boilerplate_kind,
    clean_paragraphs,
    normalise_line,
    normalise_text,
)
from newsprism.ingest.dates import parse_date
from newsprism.ingest.html import read_html
from newsprism.ingest.outlets import (
    OutletEntry,
    outlet_from_url,
    outlet_table,
    registered_domain,
    resolve_outlet,
    user_outlets,
)
from newsprism.ingest.records import DEFAULT_FIELDS, check_fields
from newsprism.ingest.sources import KINDS, iter_source_items
from newsprism.ingest.text import parse_layout, read_text
from newsprism.model import Article, Skipped

__all__ = [
    "DEFAULT_FIELDS",
    "KINDS",
    "OutletEntry",
    "boilerplate_kind",
    "clean_paragraphs",
    "make_article",
    "normalise_line",
    "normalise_text",
    "outlet_from_url",
    "outlet_table",
    "parse_date",
    "parse_layout",
    "read_html",
    "read_sources",
    "read_text",
    "registered_domain",
    "resolve_outlet",
    "split_paragraphs",
    "title_from_body",
    "user_outlets",
]


def read_sources(
    sources: Iterable[str],
    settings: Settings | None = None,
    fields: Mapping[str, str] | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from files, directories, glob patterns, "-" (stdin) and http(s) URLs.

    Yields one Article per article read and one Skipped(where, reason) per file or record
    that could not be read; bad input never raises. `fields` maps Article fields (title,
    body, url, published, outlet, author, language) to the keys of JSON/CSV records.
    Raises ConfigError at once (before reading) for a field mapping naming an unknown field,
    or an outlets file (setting outlets_file) that cannot be read.
    """
    keys = check_fields(fields)
    chosen = settings if settings is not None else Settings()
    if chosen.outlets_file:
        user_outlets(chosen.outlets_file)
    names = [sources] if isinstance(sources, str) else list(sources)
    return iter_source_items(names, chosen, keys)
