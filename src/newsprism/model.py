"""The records that flow through the pipeline: Article, Analysis and its parts, Story.

Every record is a frozen, slotted dataclass. Collections are tuples so that records stay
immutable and hashable where their contents are. `to_dict` / `from_dict` turn any record into
plain JSON-ready data and back; the store keeps analyses and stories in that form.

Offsets: every `start`/`end` pair in an analysis is a character offset into `Article.body`
(the paragraphs joined by a blank line), and `paragraph` is the index into
`Article.paragraphs`. Offsets into the headline are offsets into `Article.title`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

PARAGRAPH_SEPARATOR = "\n\n"

_WORDS = re.compile(r"\w+")


def normalise_for_id(text: str) -> str:
    """Text reduced to what makes two copies the same article: NFKC, casefolded words only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORDS.findall(folded))


def article_id(body: str) -> str:
    """Stable id of an article: a hash of its normalised body text (16 hex digits)."""
    return hashlib.sha256(normalise_for_id(body).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested: cleaned text plus where it came from."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    url: str | None = None
    outlet: str = "unknown"
    published: date | None = None
    language: str = "en"
    source: str = ""
    """Where it came from: a path (with `:line` or `#record` for multi-record files) or URL."""
    author: str | None = None
    removed: tuple[str, ...] = ()
    """Boilerplate lines removed from the body by cleaning, kept for inspection."""

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @classmethod
    def create(
        cls,
        *,
        title: str,
        paragraphs: tuple[str, ...] | list[str],
        **fields: Any,
    ) -> Article:
        """An Article whose id is derived from its body text."""
        paras = tuple(paragraphs)
        return cls(
            id=article_id(PARAGRAPH_SEPARATOR.join(paras)), title=title, paragraphs=paras, **fields
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A located piece of text: offsets into `Article.body` (or the headline, where said)."""

    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or group, with one canonical name in its article."""

    key: str
    """Corpus-wide key: the same person has the same key in every article."""
    name: str
    """Canonical (fullest) name in this article."""
    label: str
    """PERSON, ORG, GPE, NORP, LOC, ..."""
    mentions: tuple[Span, ...] = ()

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class Quote:
    """Something a speaker said or is reported to have said."""

    content: Span
    kind: str
    """"direct" (inside quotation marks) or "indirect" (reported speech)."""
    cue: Span | None = None
    speaker: Span | None = None
    """The speaker as written where the quote is ("he", "Mr Wang", "the ministry")."""
    speaker_name: str | None = None
    """Canonical name of the speaker in this article, or None when unknown."""
    speaker_key: str | None = None


DURATION_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
"""The units of a Figure that is an amount of time ("12 years in prison")."""

PERSONAL_PRONOUNS = frozenset({"he", "she"})
"""Holders of a Figure that name a person the parse leaves unnamed: kept as the holder so that
the figure never passes for another person's."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A numeric fact: a normalised value, what it counts, and what it is about."""

    value: float
    unit: str
    """"%", a currency code, or the counted noun ("children", "countries", "people")."""
    text: Span
    """The figure as written ("nearly 700,000")."""
    sentence: str
    counted: str = ""
    """What is counted, as a noun phrase ("civilian casualties", "Ukrainians")."""
    subject: str = ""
    """What the figure is about, for comparison across articles (normalised noun phrase)."""
    qualifier: str | None = None
    """"nearly", "more than", "at least", "about", ... or None for an exact figure."""
    upper: float | None = None
    """The upper bound of a range ("between 10 and 20": value 10, upper 20), else None."""
    predicate: str = ""
    """What happened to what is counted, as lemmas ("drown", "cut", "lose power", "win")."""
    holder: str = ""
    """The named party the figure belongs to, when the text names one ("Unity" in "Unity came
    second with 31 seats", "Korval Motors" in "Korval Motors will cut 1,200 jobs")."""
    places: tuple[str, ...] = ()
    """Places named in the figure's clause ("Osby" in "300 jobs will go ... in Osby")."""
    modality: str = ""
    """"" for a figure reported as fact; "requested" (asked for, sought, demanded),
    "conditional" (if ..., needs to), "needed" (a threshold: "61 needed for a majority") or
    "difference" ("13 short of a majority", "up from eight") or "total" (the 120 of "48 of
    the 120 seats")."""


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A temporal expression and, where the publication date allows, its calendar dates."""

    text: Span
    start: date | None = None
    end: date | None = None
    """Inclusive range; start == end for a single day. None when unresolved."""
    grain: str = "day"
    """"day", "week", "month" or "year"."""
    sentence: str = ""
    predicate: str = ""
    """What happened on that date, as lemmas ("capsize", "begin", "hand sentence", "say")."""
    about: tuple[str, ...] = ()
    """What it happened to: the event's subject and object ("Margit", "talk")."""
    tense: str = ""
    """"past", "future" (scheduled or expected) or "" when the verb does not say."""

    @property
    def resolved(self) -> bool:
        return self.start is not None


def date_label(start: date | None, end: date | None, grain: str) -> str:
    """A resolved date as precise as it is: "1987" for a year, "2022-02" for a month, "week of
    2025-03-10", a day, or a range; never a first-of-the-month day the text did not say."""
    if start is None:
        return "unresolved"
    end = end or start
    if grain == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if grain == "month":
        first, last = f"{start:%Y-%m}", f"{end:%Y-%m}"
        return first if first == last else f"{first} – {last}"
    if grain == "week" and (end - start).days == 6:
        return f"week of {start.isoformat()}"
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


@dataclass(frozen=True, slots=True)
class HeadlineConflict:
    """A headline that credits a statement to someone the body does not."""

    claim: str
    """The words or stance in the headline ("regret")."""
    headline_person: str
    body_speaker: str | None
    evidence: str
    """The body sentence that gives the words to someone else."""


@dataclass(frozen=True, slots=True)
class HeadlineSignals:
    """How sensational a headline is, and whether its body supports it."""

    score: float = 0.0
    """0 (plain) to 1 (extremely sensational)."""
    drivers: tuple[str, ...] = ()
    """The words and marks that drove the score ("CRUMBLING", "nightmarish", "!")."""
    conflicts: tuple[HeadlineConflict, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyze stage found in one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeRef, ...] = ()
    headline: HeadlineSignals = field(default_factory=HeadlineSignals)
    model: str = ""


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event."""

    id: str
    label: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    first: date | None = None
    last: date | None = None
    duplicates: tuple[tuple[str, str], ...] = ()
    """(copy article id, original article id) pairs: syndicated copies, counted once."""
    inferred_dates: tuple[tuple[str, date], ...] = ()
    """(article id, date) for undated articles dated from their story."""

    @property
    def size(self) -> int:
        return len(self.article_ids)


# --- plain-data conversion -------------------------------------------------------------------

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """A record as JSON-ready data: dates as ISO strings, tuples as lists."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    if isinstance(record, (date, datetime)):
        return record.isoformat()
    return record


def from_dict(cls: type[T], data: Any) -> T:
    """The record of type `cls` that `to_dict` turned into `data`."""
    convert: Convert = _converter(typing.cast(Any, cls))
    return typing.cast(T, convert(data))


Convert = Callable[[Any], Any]


def _same(data: Any) -> Any:
    return data


@functools.cache
def _converter(tp: Any) -> Convert:
    """A function turning `to_dict` data back into a `tp`, built once per type (reading type
    hints costs far more than converting; a saved comparison holds thousands of records).
    Every converter passes None through."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _converter(options[0]) if len(options) == 1 else _same
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            if item is _same:
                return lambda data: None if data is None else tuple(data)
            return lambda data: None if data is None else tuple(item(x) for x in data)
        items = [_converter(arg) for arg in args]
        return lambda data: (
            None if data is None else tuple(c(x) for c, x in zip(items, data, strict=False))
        )
    if origin is dict:
        key, value = (_converter(arg) for arg in typing.get_args(tp))
        return lambda data: None if data is None else {key(k): value(v) for k, v in data.items()}
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(tp)}
        record = tp

        def convert(data: Any) -> Any:
            if data is None:
                return None
            return record(**{k: fields[k](v) for k, v in data.items() if k in fields})

        return convert
    if tp is date:
        return lambda data: None if data is None else date.fromisoformat(data)
    if tp is datetime:
        return lambda data: None if data is None else datetime.fromisoformat(data)
    if tp is float:
        return lambda data: float(data) if isinstance(data, int) else data
    return _same


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source or record that could not be read as an article, and why."""

    where: str
    """The file, with `:line` or `#record` where the file holds many records."""
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
