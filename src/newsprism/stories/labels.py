"""Story labels: a short name for a story from its headlines and key terms.

The label is the headline that best covers the story's key terms (the heaviest words of its
centroid), preferring shorter headlines on ties, cut at a word boundary. A story whose
articles have no headlines is named by its key terms.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.stories.features import tokens

MAX_LABEL_CHARS = 90


def story_label(
    headlines: Sequence[str], key_terms: Sequence[str], max_chars: int = MAX_LABEL_CHARS
) -> str:
    """A short label for a story with these headlines and key terms (heaviest first)."""
    keys = {term: len(key_terms) - rank for rank, term in enumerate(key_terms)}
    best: tuple[float, int, str] | None = None
    for headline in headlines:
        text = " ".join(headline.split())
        if not text:
            continue
        words = set(tokens(text))
        coverage = float(sum(weight for term, weight in keys.items() if term in words))
        candidate = (coverage, -len(text), text)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is not None:
        return _shorten(best[2], max_chars)
    if key_terms:
        return _shorten(" · ".join(key_terms[:4]), max_chars)
    return "(untitled story)"


def _shorten(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"
