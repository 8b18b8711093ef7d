"""The compare stage: one story seen through every outlet (alignment, conflicts, unique facts,
timeline, brief). See `compare_story` and `compare_stored_story`."""

from __future__ import annotations

from newsprism.compare.records import (
    AlignedFigure,
    AlignedQuote,
    ArticleView,
    Brief,
    BriefSentence,
    Citation,
    Comparison,
    Conflict,
    SourceRow,
    SpeakerRow,
    TimelineEvent,
    UniqueFact,
)
from newsprism.compare.story import compare_stored_story, compare_story

__all__ = [
    "AlignedFigure",
    "AlignedQuote",
    "ArticleView",
    "Brief",
    "BriefSentence",
    "Citation",
    "Comparison",
    "Conflict",
    "SourceRow",
    "SpeakerRow",
    "TimelineEvent",
    "UniqueFact",
    "compare_stored_story",
    "compare_story",
]
