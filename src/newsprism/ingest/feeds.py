"""RSS and Atom feeds: each entry is an article, read with feedparser.

An entry's text is its full content when the feed carries it (content:encoded, Atom
<content>), else its summary/description; HTML in it is split into paragraphs. Title, link,
publication date (published, else updated) and author come from the entry. The outlet is the
link's outlet (outlet table, else its domain); the feed's own title is the fallback for entries
without a link. Entry N that cannot be used yields Skipped("file#N", reason).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from newsprism.config import Settings
from newsprism.ingest.build import make_article, split_paragraphs
from newsprism.ingest.dates import parse_date
from newsprism.ingest.html import html_to_paragraphs, looks_like_html
from newsprism.ingest.outlets import outlet_from_url
from newsprism.model import Article, Skipped

log = logging.getLogger(__name__)

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
"""Tags whose presence near the top of an XML file marks it as a feed."""


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file are those of an RSS, Atom or RDF feed."""
    lowered = head[:4096].lower()
    return any(marker in lowered for marker in FEED_MARKERS)


def read_feed(data: bytes, where: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The articles of one RSS/Atom feed document."""
    import feedparser

    if not data.strip():
        yield Skipped(where, "empty file: the feed has no content")
        return
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser is tolerant, but its XML back ends are not always
        yield Skipped(where, f"unreadable feed: {type(exc).__name__}: {exc}")
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        if not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            detail = f" ({problem})" if problem else ""
            yield Skipped(where, f"not a feed: no RSS or Atom channel found{detail}")
        else:
            yield Skipped(where, "empty feed: it has no entries")
        return
    feed = parsed.get("feed") or {}
    feed_title = _clean_title(feed.get("title"))
    feed_link = feed.get("link")
    if parsed.get("bozo") and parsed.get("bozo_exception"):
        # feedparser recovers what it can from broken XML; say so, but keep the entries.
        log.info(
            "%s: feed is not well-formed (%s); read what could be recovered",
            where,
            parsed.get("bozo_exception"),
        )
    for number, entry in enumerate(entries, 1):
        yield _entry_article(entry, f"{where}#{number}", settings, feed_title, feed_link)


def _entry_article(
    entry: Any, where: str, settings: Settings, feed_title: str | None, feed_link: Any
) -> Article | Skipped:
    paragraphs = _entry_paragraphs(entry)
    if not paragraphs:
        return Skipped(where, "no body: the feed entry has no content or summary")
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        published = parse_date(entry.get(key))
        if published is not None:
            break
    if published is None:
        published = parse_date(entry.get("published") or entry.get("updated"))
    return make_article(
        where=where,
        settings=settings,
        paragraphs=paragraphs,
        title=_clean_title(entry.get("title")),
        url=link,
        published=published,
        # Without an entry link, the feed's own link names the outlet before its title does.
        site_name=(outlet_from_url(feed_link) if isinstance(feed_link, str) else None)
        or feed_title,
        author=entry.get("author") if isinstance(entry.get("author"), str) else None,
        language=_language(entry),
    )


def _entry_paragraphs(entry: Any) -> list[str]:
    candidates: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") if hasattr(content, "get") else None
        if isinstance(value, str) and value.strip():
            candidates.append(value)
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        candidates.append(summary)
    if not candidates:
        return []
    # The fullest text wins: content:encoded usually holds the article, description a teaser.
    text = max(candidates, key=len)
    return html_to_paragraphs(text) if looks_like_html(text) else split_paragraphs(text)


def _clean_title(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    # Titles may carry markup (<b>, &amp; already decoded by feedparser).
    parts = html_to_paragraphs(value) if looks_like_html(value) else [value]
    title = " ".join(" ".join(parts).split())
    return title or None


def _language(entry: Any) -> str | None:
    detail = entry.get("title_detail") or entry.get("summary_detail") or {}
    language = detail.get("language") if hasattr(detail, "get") else None
    return language if isinstance(language, str) else None
