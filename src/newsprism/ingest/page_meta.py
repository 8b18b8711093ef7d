"""What a page says about itself in its <head>: site name, canonical URL, headline.

trafilatura finds the text and a date well, but its other metadata falls back to guesses: the
host name as the site name ("chron.com" on a page whose JSON-LD publisher is the Houston
Chronicle), the first part of a <title> as the headline ("SFGATE" from "SFGATE | Storm ..."),
and a <title> suffix left on the headline ("... | Autoracing | F1"). A wrong outlet or title is
worse than none, so the page's own declarations are read here first: `og:site_name`,
`application-name` and a JSON-LD publisher for the site name (never the title, whose parts
are sections as often as sites); `og:url` and `<link rel="canonical">` for the URL, made
absolute; `og:title` / `twitter:title` for the headline. Only the head is scanned, with
regular expressions: no second parse of the page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

_HEAD_CHARS = 200_000
_TAG = re.compile(r"<(meta|link)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_JSON_LD = re.compile(
    r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)
# Separators between a headline and the site or section names a <title> appends to it.
_PIPE = re.compile(r"\s+[|•·»]\s+")
_DASH = re.compile(r"\s+[-–—:]{1,2}\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """The page's own metadata; None where the page does not declare it."""

    site_name: str | None = None
    url: str | None = None
    title: str | None = None
    head_title: str | None = None


def page_meta(page: str | bytes, base_url: str | None = None) -> PageMeta:
    """Site name, absolute canonical URL and headline as declared in the page's head."""
    text = page[:_HEAD_CHARS]
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    end = text.lower().find("</head>")
    head = text if end < 0 else text[:end]
    meta: dict[str, str] = {}
    canonical = None
    for tag, attributes in _TAG.findall(head):
        values = {
            name.lower(): html.unescape(a or b or c).strip()
            for name, a, b, c in _ATTRIBUTE.findall(attributes)
        }
        if tag.lower() == "link":
            if "canonical" in values.get("rel", "").lower().split() and values.get("href"):
                canonical = canonical or values["href"]
            continue
        key = (values.get("property") or values.get("name") or "").lower()
        if key and values.get("content"):
            meta.setdefault(key, values["content"])
    site = meta.get("og:site_name") or meta.get("application-name") or _publisher(text)
    # The canonical link names the article itself (some sites point og:url at their home
    # page); a relative one is resolved against og:url or the address the page came from.
    og_url = _absolute(meta.get("og:url"), base_url)
    url = _absolute(canonical, og_url or base_url) or og_url
    title = meta.get("og:title") or meta.get("twitter:title")
    found = _TITLE.search(head)
    head_title = " ".join(html.unescape(found.group(1)).split()) if found else None
    return PageMeta(site or None, url, title or None, head_title or None)


def headline(candidates: list[str | None], site_names: list[str | None]) -> str | None:
    """The article's headline: the first candidate (declared headline, trafilatura's title,
    the <title>) that is more than a site name, without the site and section names appended
    to it; None when every candidate is only a site name."""
    sites = {_compact(name) for name in site_names if name}
    for candidate in candidates:
        if not candidate or _compact(candidate) in sites:
            continue
        parts = [p for p in _PIPE.split(candidate) if _compact(p) not in sites]
        if not parts:
            continue
        # Of "Headline | Section | Site", the headline is the longest part.
        best = max(parts, key=len)
        dashed = _DASH.split(best)
        if len(dashed) > 1 and _compact(dashed[-1]) in sites:
            best = best[: best.rfind(dashed[-1])].rstrip(" -–—:")
        return best.strip() or None
    return None


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _absolute(url: str | None, base: str | None) -> str | None:
    """An http(s) URL, resolving a relative or scheme-relative one against `base`."""
    if not url:
        return None
    if url.startswith("//"):
        url = "https:" + url
    elif base and not re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
        url = urljoin(base, url)
    return url if url.lower().startswith(("http://", "https://")) else None


def _publisher(text: str) -> str | None:
    """The name of the publisher a JSON-LD block declares, if any."""
    for block in _JSON_LD.findall(text):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            graph = item.get("@graph", [item]) if isinstance(item, dict) else []
            for node in graph if isinstance(graph, list) else []:
                publisher = node.get("publisher") if isinstance(node, dict) else None
                if isinstance(publisher, list) and publisher:
                    publisher = publisher[0]
                name = publisher.get("name") if isinstance(publisher, dict) else publisher
                if isinstance(name, str) and name.strip():
                    return name.strip()
    return None
