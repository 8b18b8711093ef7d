"""The story's timeline: dated events from every outlet, in order, each with its sources.

An event is a resolved temporal expression and the words around it in its sentence. The same
date with overlapping words in two articles is one event with two sources. An undated article
whose date the story inferred (Story.inferred_dates) has its relative expressions ("Tuesday",
"yesterday") resolved against that date here, and every such event is marked inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.compare.records import Citation, TimelineEvent
from newsprism.compare.sources import Source
from newsprism.compare.text import STOP_WORDS, jaccard, sentence_of, stem, stems, words
from newsprism.model import TimeRef

# Two events on the same dates are one when the words around their dates overlap this much
# (Jaccard of stemmed content words). Set by hand on the sample articles: their two reports of
# the 1 March call share "call" and the two ministers' names.
SAME_EVENT_OVERLAP = 0.15
# Words on either side of a date expression that say what happened on that date.
EVENT_WINDOW = 10

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
_RELATIVE_WORDS = (
    *("today", "tonight", "yesterday", "tomorrow", "last", "next", "this", "ago"),
    *("week", "month", "year", "day", "weekend", "earlier", "later", "late", "early"),
    *("morning", "afternoon", "evening", "night", "midnight", "noon"),
)
_TIME_WORDS = frozenset(stem(w) for w in (*WEEKDAYS, *_MONTHS, *_RELATIVE_WORDS))
# Content words just before a date expression that name the event it dates ("the fire broke
# out | on Monday night"); the words after it are used when it opens the sentence.
EVENT_KEY_WORDS = 3


@dataclass(frozen=True, slots=True)
class EventItem:
    source: Source
    start: date
    end: date
    grain: str
    text: str
    sentence: str
    offset: int
    window: frozenset[str]
    key: frozenset[str]
    """The few content words right before the expression: what happened on that date."""
    inferred: bool
    ref: TimeRef


def _locate(tokens: list[str], target: list[str]) -> int:
    for i in range(len(tokens)):
        if target and tokens[i : i + len(target)] == target:
            return i
    return 0


def event_window(sentence: str, expression: str) -> frozenset[str]:
    """Stemmed content words within EVENT_WINDOW words of `expression` in `sentence`."""
    tokens = words(sentence)
    target = words(expression)
    at = _locate(tokens, target)
    near = tokens[max(0, at - EVENT_WINDOW) : at + len(target) + EVENT_WINDOW]
    return frozenset(stems(" ".join(near)) - _TIME_WORDS)


def event_key(sentence: str, expression: str) -> frozenset[str]:
    """The EVENT_KEY_WORDS content words before `expression` (after it, if it comes first)."""
    tokens = words(sentence)
    target = words(expression)
    at = _locate(tokens, target)

    def content(seq: list[str]) -> list[str]:
        return [
            stem(w)
            for w in seq
            if w not in STOP_WORDS and not w.isdigit() and stem(w) not in _TIME_WORDS
        ]

    before = content(tokens[:at])[-EVENT_KEY_WORDS:]
    if len(before) >= 2:
        return frozenset(before)
    return frozenset(content(tokens[at + len(target) :])[:EVENT_KEY_WORDS])


def _absolute(expression: str) -> bool:
    """Whether a date expression names its date without needing the publication date."""
    return bool(re.search(r"\b(1[89]|20)\d\d\b", expression))


def _sentence(body: str, ref: TimeRef) -> str:
    return sentence_of(body, ref.text.start, ref.text.text) or ref.sentence


def resolve_relative(expression: str, anchor: date) -> tuple[date, date, str] | None:
    """A relative day expression resolved against `anchor` (an inferred publication date).

    Only the plain day forms news uses are resolved ("today", "yesterday", "on Tuesday",
    "last Friday", "last week"); anything else stays unresolved rather than guessed.
    """
    text = " ".join(words(expression))
    if text in {"today", "tonight", "this morning", "this evening"}:
        return anchor, anchor, "day"
    if text in {"yesterday", "last night"}:
        day = anchor - timedelta(days=1)
        return day, day, "day"
    if text == "tomorrow":
        day = anchor + timedelta(days=1)
        return day, day, "day"
    match = re.fullmatch(r"(?:on |last |this past )?(\w+day)", text)
    if match and match.group(1) in WEEKDAYS:
        back = (anchor.weekday() - WEEKDAYS.index(match.group(1))) % 7
        if back == 0 and text.startswith("last"):
            back = 7
        day = anchor - timedelta(days=back)
        return day, day, "day"
    if text == "last week":
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return monday, monday + timedelta(days=6), "week"
    return None


def event_items(sources: Sequence[Source]) -> list[EventItem]:
    """Every dated expression of the story's articles, with the words that say what happened."""
    items = []
    for source in sources:
        body = source.article.body
        for ref in source.analysis.times:
            sentence = _sentence(body, ref)
            if ref.start is not None:
                start, end, grain = ref.start, ref.end or ref.start, ref.grain
                inferred = source.inferred and not _absolute(ref.text.text)
            elif source.inferred and source.day is not None:
                resolved = resolve_relative(ref.text.text, source.day)
                if resolved is None:
                    continue
                start, end, grain = resolved
                inferred = True
            else:
                continue
            items.append(
                EventItem(
                    source=source,
                    start=start,
                    end=end,
                    grain=grain,
                    text=ref.text.text,
                    sentence=sentence.strip() or ref.text.text,
                    offset=ref.text.start,
                    window=event_window(sentence, ref.text.text),
                    key=event_key(sentence, ref.text.text),
                    inferred=inferred,
                    ref=ref,
                )
            )
    return items


def same_event(a: EventItem, b: EventItem) -> bool:
    """Whether two dated expressions report one event (same dates, overlapping words)."""
    if (a.start, a.end) != (b.start, b.end):
        return False
    if a.source.id == b.source.id and a.offset == b.offset:
        return True
    return jaccard(set(a.window), set(b.window)) >= SAME_EVENT_OVERLAP


def event_citation(item: EventItem) -> Citation:
    return Citation(
        article_id=item.source.id,
        outlet=item.source.outlet,
        text=item.text,
        context=item.sentence,
        start=item.offset,
        end=item.offset + len(item.text),
        day=item.start,
        inferred=item.inferred,
    )


def build_timeline(items: Sequence[EventItem]) -> list[TimelineEvent]:
    """The story's events in date order, each with every article that dates it."""
    events: list[list[EventItem]] = []
    for item in sorted(items, key=lambda i: (i.start, i.end, i.inferred)):
        for members in events:
            if any(same_event(item, other) for other in members):
                members.append(item)
                break
        else:
            events.append([item])
    timeline = []
    for members in events:
        citations = tuple(event_citation(m) for m in members)
        first = next((m for m in members if not m.inferred), members[0])
        timeline.append(
            TimelineEvent(
                start=first.start,
                end=first.end,
                grain=first.grain,
                description=first.sentence,
                citations=citations,
                outlets=tuple(dict.fromkeys(c.outlet for c in citations)),
                inferred=all(m.inferred for m in members),
            )
        )
    timeline.sort(key=lambda e: (e.start, e.end, e.inferred))
    return timeline
