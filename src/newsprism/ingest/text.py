"""Plain-text article files, in the three layouts news text comes in.

1. Header layout: the title on the first line, then a date line (YYYYMMDD, ISO, RFC 822,
   "2 March 2022") and/or a URL line, in either order, then the body.
2. Loose layout: an optional section label ("World News"), a headline, an optional
   sub-headline, then the body; blank lines between paragraphs. The title is the headline.
   The section label and the sub-headline are not body text: they go to `Article.removed` as
   "section: ..." and "subheadline: ..." so that nothing is lost.
3. A bare body: no heading line at all. The title is made from the first sentence
   (`build.title_from_body`).

Paragraphs: where the body has blank lines, each block between them is a paragraph, unless
its lines are separate units (each ends a sentence, a quote or a bracketed tag), in which case
each line is one; a block whose lines mostly break mid-sentence is hard-wrapped text and is
joined. Where the body has no blank lines, each line is a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsprism.config import Settings
from newsprism.ingest.build import make_article
from newsprism.ingest.clean import boilerplate_kind, is_section_label, normalise_text
from newsprism.ingest.dates import parse_date
from newsprism.model import Article, Skipped

_URL_LINE = re.compile(r"^(?:url:\s*)?(https?://\S+)$", re.IGNORECASE)
_DATE_LINE_MAX = 40
_UNIT_END = ".!?:;\"”’')]…"
_HEADING_MAX_WORDS = 30
_LABEL_MAX_WORDS = 4
_HEADING_MAX_CHARS = 250
# A heading does not end like a sentence or a clause (a full stop, comma or colon, perhaps
# inside a closing quote); headlines may end in ? or ! or a quoted phrase.
_HEADING_BAD_END = re.compile(r"[.,;:][\"'”’)\]]*$")
# Hard-wrapped lines are long: a block of short lines is a list, not wrapped prose.
_WRAPPED_MIN_CHARS = 30


@dataclass(frozen=True, slots=True)
class TextLayout:
    """What the layout parser found in a text file, before cleaning."""

    layout: str
    """"header", "loose" or "bare"."""
    title: str | None
    paragraphs: tuple[str, ...]
    url: str | None = None
    published: date | None = None
    removed: tuple[str, ...] = ()


def read_text(text: str, where: str, settings: Settings) -> Article | Skipped:
    """One article from the text of a .txt file (any of the three layouts)."""
    layout = parse_layout(text)
    if not layout.paragraphs:
        return Skipped(where, "no body text: the file has no paragraphs after its header")
    return make_article(
        where=where,
        settings=settings,
        paragraphs=layout.paragraphs,
        title=layout.title,
        url=layout.url,
        published=layout.published,
        removed=layout.removed,
    )


def parse_layout(text: str) -> TextLayout:
    """Split a text article into title, date, URL, set-aside header lines and paragraphs."""
    lines = normalise_text(text).split("\n")
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return TextLayout("bare", None, ())
    header = _header(lines)
    if header is not None:
        return header
    paragraphs = _paragraphs(lines)
    return _loose(paragraphs)


def _header(lines: list[str]) -> TextLayout | None:
    """The header layout, if the line(s) after the first are a date and/or a URL."""
    title = lines[0]
    url: str | None = None
    published: date | None = None
    index = 1
    while index < len(lines) and index <= 2:
        line = lines[index]
        url_match = _URL_LINE.match(line)
        if url_match and url is None:
            url = url_match.group(1)
        elif published is None and len(line) <= _DATE_LINE_MAX and _is_date_line(line):
            published = parse_date(line)
        else:
            break
        index += 1
    if url is None and published is None:
        return None
    return TextLayout("header", title, tuple(_paragraphs(lines[index:])), url, published)


def _is_date_line(line: str) -> bool:
    # Only a line that is nothing but a date: a short body line with a digit in it (a score,
    # "Chapter 3") must not be taken for one, so the whole line has to parse.
    return any(ch.isdigit() for ch in line) and parse_date(line) is not None


def _paragraphs(lines: list[str]) -> list[str]:
    if not any(not line for line in lines):
        return [line for line in lines if line]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
            continue
        if block:
            paragraphs.extend([" ".join(block)] if _is_wrapped(block) else block)
            block = []
    return paragraphs


def _is_wrapped(block: list[str]) -> bool:
    """True when a block's lines are one paragraph broken at a fixed width."""
    if len(block) < 2:
        return False
    inner = block[:-1]
    if any(len(line) < _WRAPPED_MIN_CHARS for line in inner):
        return False
    open_ended = sum(1 for line in inner if line[-1] not in _UNIT_END)
    return open_ended * 2 > len(inner)


def _is_heading(paragraph: str) -> bool:
    return (
        len(paragraph) <= _HEADING_MAX_CHARS
        and len(paragraph.split()) <= _HEADING_MAX_WORDS
        and not _HEADING_BAD_END.search(paragraph)
        and boilerplate_kind(paragraph) in (None, "section")
    )


def _is_label(first: str, second: str, third: str) -> bool:
    """A section label: section words ("World News"), or a few words ("Valdoria News")
    above a longer headline that itself has a sub-headline below it."""
    if is_section_label(first):
        return True
    short = len(first.split()) <= _LABEL_MAX_WORDS and len(first) < len(second)
    return short and _is_heading(third) and not _HEADING_BAD_END.search(first)


def _loose(paragraphs: list[str]) -> TextLayout:
    """Loose layout (section label, headline, sub-headline) or, with no heading, a bare body."""
    removed: list[str] = []
    rest = list(paragraphs)
    # A heading needs body text after it: a file of one short line is a (tiny) bare body.
    if len(rest) >= 3 and _is_heading(rest[1]) and _is_label(rest[0], rest[1], rest[2]):
        removed.append(f"section: {rest.pop(0)}")
    if len(rest) < 2 or not _is_heading(rest[0]):
        return TextLayout("bare", None, tuple(rest), removed=tuple(removed))
    title = rest.pop(0)
    if len(rest) >= 2 and _is_heading(rest[0]) and not is_section_label(rest[0]):
        removed.append(f"subheadline: {rest.pop(0)}")
    return TextLayout("loose", title, tuple(rest), removed=tuple(removed))
