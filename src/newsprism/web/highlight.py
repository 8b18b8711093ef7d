"""An article's text cut into marked pieces: quotes, speakers, cues, figures, dates, and the
sentence a link points at.

The analysis gives character offsets into `Article.body`; this module turns them into, per
paragraph, a list of `Piece`s, each plain text with the marks that cover it. The template
renders each piece as an escaped `<span>`: article text never becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from newsprism.compare.text import sentences
from newsprism.model import PARAGRAPH_SEPARATOR, Analysis, Article


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text and the marks over all of it ("quote", "speaker", "figure", ...)."""

    text: str
    marks: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What the marks mean here ("quote by Wang Yi", "figure: 700000 Ukrainians flee")."""
    target: bool = False
    """True for the piece a link asked to highlight (the first such piece gets the anchor)."""


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str
    note: str


def _marks(analysis: Analysis | None) -> list[_Mark]:
    if analysis is None:
        return []
    found: list[_Mark] = []
    for quote in analysis.quotes:
        who = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
        note = f"{quote.kind} quote" + (f" by {who}" if who else ", speaker unknown")
        found.append(_Mark(quote.content.start, quote.content.end, "quote", note))
        if quote.speaker:
            found.append(
                _Mark(quote.speaker.start, quote.speaker.end, "speaker", f"speaker: {who}")
            )
        if quote.cue:
            found.append(_Mark(quote.cue.start, quote.cue.end, "cue", f"cue: {quote.cue.text}"))
    for figure in analysis.figures:
        value = f"{figure.value:g}" + (f"–{figure.upper:g}" if figure.upper is not None else "")
        note = f"figure: {figure.qualifier + ' ' if figure.qualifier else ''}{value} {figure.unit}"
        found.append(_Mark(figure.text.start, figure.text.end, "figure", note.strip()))
    for time in analysis.times:
        when = "unresolved" if time.start is None else str(time.start)
        if time.end is not None and time.end != time.start:
            when += f" – {time.end}"
        found.append(_Mark(time.text.start, time.text.end, "date", f"date: {when}"))
    return found


def target_sentence(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole sentence(s) around body[start:end], or None when the offsets are off."""
    if not 0 <= start < end <= len(body):
        return None
    spans = [(s, e) for s, e in sentences(body) if s < end and start < e]
    return (spans[0][0], spans[-1][1]) if spans else (start, end)


def marked_paragraphs(
    article: Article, analysis: Analysis | None, target: tuple[int, int] | None = None
) -> list[list[Piece]]:
    """Each paragraph of the article as marked pieces (see the module docstring)."""
    marks = _marks(analysis)
    paragraphs: list[list[Piece]] = []
    offset = 0
    for paragraph in article.paragraphs:
        start, end = offset, offset + len(paragraph)
        mine = [m for m in marks if m.start < end and start < m.end]
        cuts = {start, end}
        for m in mine:
            cuts.update((max(m.start, start), min(m.end, end)))
        if target and target[0] < end and start < target[1]:
            cuts.update((max(target[0], start), min(target[1], end)))
        points = sorted(cuts)
        pieces = []
        for left, right in pairwise(points):
            over = [m for m in mine if m.start <= left and right <= m.end]
            pieces.append(
                Piece(
                    text=article.body[left:right],
                    marks=tuple(dict.fromkeys(m.kind for m in over)),
                    notes=tuple(dict.fromkeys(m.note for m in over)),
                    target=bool(target and target[0] <= left and right <= target[1]),
                )
            )
        paragraphs.append(pieces)
        offset = end + len(PARAGRAPH_SEPARATOR)
    return paragraphs
