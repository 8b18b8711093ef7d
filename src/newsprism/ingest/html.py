"""HTML pages: trafilatura finds the article text and its metadata; clean.py finishes it.

trafilatura's `bare_extraction` gives the main text (paragraphs one a line), title, author
and publication date in one pass; the site name, canonical URL and headline the page declares
come first from page_meta.py, because trafilatura falls back to guesses for them. Its date
search is restricted to the page's own metadata and markup (`extensive_search` off), because
the extensive search guesses from any date-like string on the page (a copyright year, a
related link), and a wrong date is worse than none. Comments and tables are left out: neither
is the article's prose.

`html_to_paragraphs` turns an HTML fragment (a feed entry's content, a record's HTML body)
into paragraphs without trafilatura, which needs a whole page to find the main text.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from newsprism.config import Settings
from newsprism.ingest.build import make_article
from newsprism.ingest.dates import parse_date
from newsprism.ingest.outlets import outlet_from_url, registered_domain
from newsprism.ingest.page_meta import headline, page_meta
from newsprism.model import Article, Skipped

log = logging.getLogger(__name__)

# The options newsprism extracts with; bench/html_ingest.py gives trafilatura's own `extract`
# the same ones so that the comparison measures newsprism's cost, not different work.
EXTRACT_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_HEAD_BYTES = 4096
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "table",
    "tr",
    "hr",
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button")
_FULL_PAGE = re.compile(r"<(?:html|head)\b", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<(p|br|div|span|a|b|i|em|strong|li|h\d|img|blockquote)\b", re.I)


def read_html(
    page: bytes | str, where: str, settings: Settings, url: str | None = None
) -> Article | Skipped:
    """One article from an HTML page, or Skipped when the page holds no article text.

    `url` is where the page was fetched from (a WARC record's target, a URL the user gave);
    the page's own canonical URL is preferred when it has one.
    """
    import trafilatura

    if not page.strip():
        return Skipped(where, "empty file: the HTML page has no content")
    try:
        doc = trafilatura.bare_extraction(page, url=url, **EXTRACT_OPTIONS)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        log.debug("trafilatura failed on %s", where, exc_info=True)
        return Skipped(where, f"unreadable HTML: {type(exc).__name__}: {exc}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return Skipped(where, "no article text: trafilatura found no main text in the page")
    meta = page_meta(page, _absolute(url))
    page_url = meta.url or _absolute(getattr(doc, "url", None)) or _absolute(url)
    domain = registered_domain(page_url) if page_url else None
    sites = [meta.site_name, outlet_from_url(page_url), domain, domain and domain.split(".")[0]]
    extracted = (getattr(doc, "title", None) or "").strip()
    title = headline([meta.title, extracted, meta.head_title], sites)
    lines = [line for line in text.split("\n") if line.strip()]
    # trafilatura repeats the <h1> headline as the first line of the text.
    if lines and lines[0].strip().casefold() in {(title or "").casefold(), extracted.casefold()}:
        lines = lines[1:]
    return make_article(
        where=where,
        settings=settings,
        paragraphs=lines,
        title=title,
        url=page_url,
        published=parse_date(getattr(doc, "date", None)),
        # trafilatura's own site name falls back to the host name: only the page's says more.
        site_name=meta.site_name,
        author=getattr(doc, "author", None),
        language=_page_language(page),
    )


def is_full_page(text: str) -> bool:
    """True when a body string is a whole HTML page (a <head> or <html>), not a fragment."""
    return bool(_FULL_PAGE.search(text[:_HEAD_BYTES]))


def looks_like_html(text: str) -> bool:
    """True when a body string carries HTML markup (a feed's or an export's HTML body)."""
    return bool(_LOOKS_LIKE_HTML.search(text[:2000]))


def html_to_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment: block elements and <br> split, markup dropped."""
    import lxml.etree
    import lxml.html

    if not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return [" ".join(fragment.split())]
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
    text = root.text_content()
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _absolute(url: str | None) -> str | None:
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _page_language(page: bytes | str) -> str | None:
    head = page[:_HEAD_BYTES]
    data = head.encode("utf-8", errors="ignore") if isinstance(head, str) else head
    match = _HTML_LANG.search(data)
    return match.group(1).decode("ascii").lower() if match else None
