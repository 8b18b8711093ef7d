"""From what a reader found to one Article (or Skipped): cleaning, limits, title, outlet.

Every reader ends here, so every source kind gets the same treatment: paragraphs are
normalised and cleaned of boilerplate (what was removed is kept on `Article.removed`), a body
that is empty after cleaning or larger than `settings.max_article_bytes` is skipped with the
reason, a missing title is made from the body, and the outlet is resolved through the outlet
table. The id is `Article.create`'s hash of the cleaned body, so the same text read from two
files is one article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from newsprism.config import Settings
from newsprism.ingest.clean import clean_paragraphs, normalise_line
from newsprism.ingest.outlets import resolve_outlet, user_outlets
from newsprism.model import PARAGRAPH_SEPARATOR, Article, Skipped

TITLE_MAX_CHARS = 120
"""A title made from the body is cut to this many characters, at a word boundary."""

# The end of a sentence: terminal punctuation (and any closing quote or bracket), then a space
# and something that can start a sentence. A full stop after an initial ("Mary J. Blige") or
# a common abbreviation ("Sen.", "U.S.") does not end one.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Z]\.)+[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|"
    r"Capt|Rev|Hon|Jr|Sr|Inc|Ltd|Co|Corp|No|Vol|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    r"Nov|Dec|Ill|Fla|Calif|Mass|Penn|Va|Wash))$"
)
_BLANK_LINES = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body given as one string: blocks between blank lines, or, when the
    text has no blank lines, one paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    blocks = _BLANK_LINES.split(text) if _BLANK_LINES.search(text) else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def title_from_body(paragraphs: Sequence[str]) -> str:
    """A title for an article that has none: the first sentence of the first paragraph, cut
    at a word boundary to TITLE_MAX_CHARS characters with an ellipsis when longer."""
    if not paragraphs:
        return ""
    first = paragraphs[0]
    sentence = first
    for match in _SENTENCE_END.finditer(first):
        if first[match.start()] == "." and _ABBREVIATION.search(first[: match.start()]):
            continue
        sentence = first[: match.end()].rstrip()
        break
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence.strip()
    cut = sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def make_article(
    *,
    where: str,
    settings: Settings,
    paragraphs: Iterable[str],
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
    declared_outlet: str | None = None,
    site_name: str | None = None,
    author: str | None = None,
    language: str | None = None,
    removed: Iterable[str] = (),
) -> Article | Skipped:
    """An Article from raw paragraphs and metadata, or Skipped saying why there is none.

    `removed` holds lines a reader already set aside (a section label, a sub-headline); they
    come first in `Article.removed`, before what cleaning removes.
    """
    kept, cleaned_away = clean_paragraphs(paragraphs)
    if not kept:
        if cleaned_away:
            return Skipped(where, "no body text: every line was boilerplate")
        return Skipped(where, "no body text: the article is empty")
    size = sum(len(p.encode("utf-8")) for p in kept) + len(PARAGRAPH_SEPARATOR) * (len(kept) - 1)
    if size > settings.max_article_bytes:
        return Skipped(
            where,
            f"article too large: body is {size:,} bytes, over the limit of "
            f"{settings.max_article_bytes:,} (setting max_article_bytes)",
        )
    clean_title = normalise_line(title or "") or title_from_body(kept)
    # A body that opens by repeating its headline (PolNeAR's texts, many CMS exports): the
    # headline is the title, not the first paragraph, or its quoted words would be quoted
    # again by "someone" in the body.
    if title and len(kept) > 1 and _same_words(kept[0], clean_title):
        cleaned_away = (f"title: {kept[0]}", *cleaned_away)
        kept = kept[1:]
    clean_url = (url or "").strip() or None
    return Article.create(
        title=clean_title,
        paragraphs=kept,
        url=clean_url,
        outlet=resolve_outlet(
            clean_url,
            declared_outlet,
            site_name,
            user_outlets(settings.outlets_file) if settings.outlets_file else None,
        ),
        published=published,
        language=_language(language) or settings.language,
        source=where,
        author=normalise_line(author or "") or None,
        removed=(*removed, *cleaned_away),
    )


def _same_words(a: str, b: str) -> bool:
    return _WORDS.findall(a.casefold()) == _WORDS.findall(b.casefold())


_WORDS = re.compile(r"\w+")


def _language(value: str | None) -> str | None:
    """A language tag reduced to its primary subtag ("en-GB" -> "en"), or None if unusable."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
