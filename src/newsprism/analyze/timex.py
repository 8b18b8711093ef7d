"""Temporal expressions in an article body, resolved to calendar dates.

This module owns finding "Tuesday", "last Thursday", "seven days ago", "February 24", "last
month", "today", "in 2014", "March 1, 2022" and the like, and turning each into an inclusive
date range with a grain (day, week, month, year) against the article's publication date.

Candidates come from one regular-expression scan of the body (fast, and it catches weekdays and
deictic words that spaCy's NER often leaves out) plus spaCy's DATE entities that the scan did
not cover (bare years, "the 1990s", odd absolute forms). Relative expressions stay unresolved
(start/end None) when the article has no date; absolute dates with a year resolve regardless.

News conventions this follows: a bare weekday means the most recent such day on or before
publication unless its verb is future ("will meet on Friday"); a possessive weekday ("Tuesday's
primaries") is the nearest such day, whatever the verb; a month and day without a year
is the occurrence nearest the publication date (past or future as the verb says).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Token

from newsprism.analyze.nlp import text_of
from newsprism.model import PARAGRAPH_SEPARATOR, Span, TimeRef

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBREV = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}

# Month names are matched capitalised only: "may", "march" and "august" are ordinary words.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?:day|week|month|year)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_POSS = r"(?:['’]s)?"

# One alternation, longest forms first; the group name says how to resolve the match.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<iso_y>" + _YEAR + r")-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b"),
    (
        "mdy",
        r"\b(?P<mdy_m>" + _MONTH + r")\s+(?P<mdy_d>" + _DAY + r"),?\s+(?P<mdy_y>" + _YEAR + r")\b",
    ),
    (
        "dmy",
        r"\b(?P<dmy_d>" + _DAY + r")\s+(?:of\s+)?(?P<dmy_m>" + _MONTH + r"),?\s+(?P<dmy_y>"
        r"" + _YEAR + r")\b",
    ),
    ("slash", r"\b(?P<sl_a>[01]?\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>" + _YEAR + r")\b"),
    (
        "md",
        r"\b(?:(?P<md_wd>" + _WEEKDAY + r"),?\s+)?(?P<md_m>" + _MONTH + r")\s+(?P<md_d>"
        r"" + _DAY + r")\b(?!\s*[,:]?\d)",
    ),
    # Not followed by a word or by ".word" ("5 May.com"); a sentence's full stop may follow.
    ("dm", r"\b(?P<dm_d>" + _DAY + r")\s+(?:of\s+)?(?P<dm_m>" + _MONTH + r")(?!\w|\.\w)"),
    ("my", r"\b(?P<my_m>" + _MONTH + r"),?\s+(?P<my_y>" + _YEAR + r")\b"),
    (
        "part_month",
        r"(?i:\b(?P<pm_part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)"
        r"[\s-]+)(?P<pm_m>" + _MONTH + r")(?:\s+(?P<pm_y>" + _YEAR + r"))?\b",
    ),
    (
        "rel_month",
        r"\b(?i:(?P<rm_mod>in|since|until|by|during|last|next|this|from|before|after))\s+"
        r"(?P<rm_m>" + _MONTH + r")(?![\w.])(?!\s+\d)",
    ),
    (
        "prep_year",
        r"\b(?i:(?P<py_mod>in|since|until|by|during|from|before|after|early|late|mid-?))\s*"
        r"(?P<py_y>" + _YEAR + r")\b(?!\s*(?:%|percent|per\s+cent))",
    ),
    (
        "ago",
        r"(?i:\b(?P<ago_n>" + _NUM + r")\s+(?P<ago_u>" + _UNIT + r")\s+(?:ago|earlier|before))\b",
    ),
    (
        "past_n",
        r"(?i:\bthe\s+(?:past|last|previous)\s+(?:(?P<pn_n>"
        r"" + _NUM + r")\s+)?(?P<pn_u>" + _UNIT + r"))\b",
    ),
    (
        "edge",
        r"(?i:\b(?P<edge_w>earlier|later)\s+this\s+(?P<edge_u>week|month|year))\b",
    ),
    (
        "rel_weekday",
        r"(?i:\b(?P<rw_mod>last|next|this|past)\s+)(?P<rw_wd>" + _WEEKDAY + r")" + _POSS + _PART,
    ),
    (
        "rel_unit",
        r"(?i:\b(?P<ru_mod>last|next|this|past|coming)\s+(?P<ru_u>week|month|year|weekend|night"
        r"|morning|afternoon|evening))\b",
    ),
    ("weekend", r"(?i:\b(?:at|over|on)\s+the\s+weekend)\b"),
    (
        "deictic",
        r"(?i:\b(?P<dx_w>today|tonight|yesterday|tomorrow)(?P<dx_poss>['’]s)?)\b"
        r"(?:\s*\((?P<dx_wd>" + _WEEKDAY + r")\))?",
    ),
    (
        "weekday",
        r"\b(?:(?i:on)\s+)?(?P<wd_wd>" + _WEEKDAY + r")" + _POSS + _PART + r"\b",
    ),
]
_SCAN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS))

_SPACY_KEEP = re.compile(
    r"\b" + _YEAR + r"\b|\b(?:1[89]|20)\d0s\b|" + _MONTH + r"|" + _WEEKDAY,
)
# Whether the expression's verb is future; a thunk, because it walks the parse only when asked.
_FutureTest = Callable[[], bool]
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_ONWARD = frozenset({"from", "until", "till", "starting", "beginning"})
_PRESENT_MODALS = frozenset({"can", "may", "must", "should"})


@dataclass(frozen=True, slots=True)
class _Resolved:
    start: date | None
    end: date | None
    grain: str


def extract_times(doc: Doc, published: date | None) -> tuple[TimeRef, ...]:
    """Temporal expressions of `doc` (an article body), in text order, resolved against
    `published` where they are relative; relative ones stay unresolved without a date."""
    text = text_of(doc)
    found: list[tuple[int, int, _Resolved]] = []
    for match in _SCAN.finditer(text):
        start, end = match.span()
        # "on Tuesday" keeps the weekday as the expression; the preposition is only a cue.
        lead = re.match(r"(?i)(?:on|at|over)\s+", match.group())
        if lead and match.lastgroup in {"weekday", "weekend"}:
            start += lead.end() if match.lastgroup == "weekday" else 0
        resolved = _within_calendar(
            _resolve_match, match, published, functools.partial(_is_future, doc, start, end)
        )
        if resolved is not None:
            found.append((start, end, resolved))
    found.extend(_spacy_dates(doc, found, published))
    found.sort(key=lambda item: (item[0], -item[1]))
    refs: list[TimeRef] = []
    last_end = -1
    for start, end, resolved in found:
        if start < last_end:
            continue
        last_end = end
        refs.append(
            TimeRef(
                text=Span(
                    text=text[start:end],
                    start=start,
                    end=end,
                    paragraph=text.count(PARAGRAPH_SEPARATOR, 0, start),
                ),
                start=resolved.start,
                end=resolved.end,
                grain=resolved.grain,
                sentence=_sentence(doc, start, end),
            )
        )
    return tuple(refs)


# --- resolution ------------------------------------------------------------------------------


def _within_calendar(resolve: Callable[..., _Resolved | None], *args: Any) -> _Resolved | None:
    """`resolve(*args)`, or an unresolved reference when the date it names falls outside what
    `datetime.date` can hold ("99999 days ago", "last Tuesday" in an article dated 1 Jan 0001)."""
    try:
        return resolve(*args)
    except (OverflowError, ValueError):
        return _Resolved(None, None, "day")


def _resolve_match(
    match: re.Match[str], published: date | None, future: _FutureTest
) -> _Resolved | None:
    g = match.groupdict()
    kind = match.lastgroup
    if kind == "iso":
        return _day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if kind == "mdy":
        return _day(int(g["mdy_y"]), _month(g["mdy_m"]), _day_number(g["mdy_d"]))
    if kind == "dmy":
        return _day(int(g["dmy_y"]), _month(g["dmy_m"]), _day_number(g["dmy_d"]))
    if kind == "slash":
        first, second = int(g["sl_a"]), int(g["sl_b"])
        # US order unless the first number cannot be a month.
        month, day = (second, first) if first > 12 else (first, second)
        return _day(int(g["sl_y"]), month, day)
    if kind in {"md", "dm"}:
        prefix = "md" if kind == "md" else "dm"
        return _month_day(
            _month(g[f"{prefix}_m"]), _day_number(g[f"{prefix}_d"]), published, future
        )
    if kind == "my":
        return _month_range(int(g["my_y"]), _month(g["my_m"]))
    if kind == "part_month":
        month = _month(g["pm_m"])
        if g["pm_y"]:
            year = int(g["pm_y"])
        elif published is None:
            return _Resolved(None, None, "month")
        else:
            year = _nearest_month_year(month, published, future)
        return _part_of_month(year, month, g["pm_part"].lower())
    if kind == "rel_month":
        return _relative_month(g["rm_mod"].lower(), _month(g["rm_m"]), published, future)
    if kind == "prep_year":
        year = int(g["py_y"])
        return _Resolved(date(year, 1, 1), date(year, 12, 31), "year")
    if published is None:
        return _Resolved(None, None, _grain_of(kind, g))
    return _resolve_relative(kind, g, published, future)


def _resolve_relative(
    kind: str | None, g: dict[str, str | None], published: date, future: _FutureTest
) -> _Resolved | None:
    if kind == "ago":
        return _shift(published, -_number(g["ago_n"]), _unit(g["ago_u"]))
    if kind == "past_n":
        unit = _unit(g["pn_u"])
        count = _number(g["pn_n"]) if g["pn_n"] else 1
        begin = _shift(published, -count, unit).start or published
        return _Resolved(begin, published, "day" if unit == "day" else unit)
    if kind == "edge":
        unit = (g["edge_u"] or "").lower()
        whole = _period(published, unit, 0)
        if (g["edge_w"] or "").lower() == "earlier":
            return _Resolved(whole.start, published, unit)
        return _Resolved(published, whole.end, unit)
    if kind == "rel_weekday":
        mod = (g["rw_mod"] or "").lower()
        weekday = _WEEKDAYS[(g["rw_wd"] or "").lower()]
        if mod == "next":
            return _one_day(_weekday_after(published, weekday, strict=True))
        if mod == "this":
            after = future()
            day = (
                _weekday_after(published, weekday, strict=False)
                if after
                else _weekday_before(published, weekday, strict=False)
            )
            return _one_day(day)
        return _one_day(_weekday_before(published, weekday, strict=True))
    if kind == "rel_unit":
        mod = (g["ru_mod"] or "").lower()
        unit = (g["ru_u"] or "").lower()
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(mod, 0)
        if unit == "weekend":
            return _weekend(published, offset)
        if unit in {"night", "morning", "afternoon", "evening"}:
            # "last night" is the night before publication; "this morning" is the day itself.
            return _one_day(published - timedelta(days=1) if mod == "last" else published)
        return _period(published, unit, offset)
    if kind == "weekend":
        return _weekend(published, 0 if published.weekday() >= 5 else -1)
    if kind == "deictic":
        word = (g["dx_w"] or "").lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return _one_day(published + timedelta(days=shift))
    if kind == "weekday":
        weekday = _WEEKDAYS[(g["wd_wd"] or "").lower()]
        if re.search(r"['’]s\b", g["weekday"] or ""):
            # "Tuesday's primaries": the verb's tense is not the day's ("the results of
            # Tuesday's primaries will force ..."); the nearest such day is meant.
            earlier = _weekday_before(published, weekday, strict=False)
            later = _weekday_after(published, weekday, strict=False)
            return _one_day(earlier if published - earlier <= later - published else later)
        if future():
            return _one_day(_weekday_after(published, weekday, strict=False))
        return _one_day(_weekday_before(published, weekday, strict=False))
    return None


def _grain_of(kind: str | None, g: dict[str, str | None]) -> str:
    """The grain an unresolved relative expression would have."""
    unit = g.get("ago_u") or g.get("pn_u") or g.get("edge_u") or g.get("ru_u") or "day"
    unit = _unit(unit) if kind in {"ago", "past_n"} else unit.lower()
    return unit if unit in {"day", "week", "month", "year"} else "day"


# --- spaCy's own DATE entities ---------------------------------------------------------------


def _spacy_dates(
    doc: Doc, found: list[tuple[int, int, _Resolved]], published: date | None
) -> Iterator[tuple[int, int, _Resolved]]:
    """DATE entities the scan did not cover that name a calendar time (a year, a decade, a
    month); durations ("30 years", "months") are not references to a date and are skipped."""
    covered = [(start, end) for start, end, _ in found]
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start_char, ent.end_char
        if any(s < end and start < e for s, e in covered):
            continue
        text = ent.text
        if not _SPACY_KEEP.search(text):
            continue
        resolved = _within_calendar(_resolve_entity_text, text, published)
        if resolved is not None:
            yield start, end, resolved


def _resolve_entity_text(text: str, published: date | None) -> _Resolved | None:
    stripped = re.sub(r"^(?i:the|this|that|a|an)\s+", "", text.strip())
    year = re.fullmatch(r"(?:(?i:fiscal|calendar)\s+)?(" + _YEAR + r")(?:['’]s)?", stripped)
    if year:
        value = int(year.group(1))
        return _Resolved(date(value, 1, 1), date(value, 12, 31), "year")
    decade = re.fullmatch(r"((?:1[89]|20)\d)0s", stripped)
    if decade:
        first = int(decade.group(1)) * 10
        return _Resolved(date(first, 1, 1), date(first + 9, 12, 31), "year")
    month_only = re.fullmatch(_MONTH, stripped)
    if month_only:
        return _relative_month("in", _month(stripped), published, lambda: False)
    years = re.findall(_YEAR, text)
    if len(years) == 1 and re.search(_MONTH, text):
        return _dateparser_absolute(text, int(years[0]))
    if years:
        # A year with words around it ("the summer of 2015", "2015-16 season"): the year.
        value = int(years[0])
        return _Resolved(date(value, 1, 1), date(value, 12, 31), "year")
    return _Resolved(None, None, "day")


@functools.lru_cache(maxsize=4096)
def _dateparser_absolute(text: str, year: int) -> _Resolved | None:
    """Absolute forms the scan does not know, through dateparser (slow, so rare and cached)."""
    data = _date_data_parser().get_date_data(text)
    when = data.date_obj
    if when is None or when.year != year:
        return _Resolved(date(year, 1, 1), date(year, 12, 31), "year")
    if data.period == "month":
        return _month_range(when.year, when.month)
    if data.period == "year":
        return _Resolved(date(year, 1, 1), date(year, 12, 31), "year")
    return _one_day(when.date())


@functools.lru_cache(maxsize=1)
def _date_data_parser() -> Any:
    # Imported here: dateparser is slow to import and rarely needed.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"})


# --- calendar helpers ------------------------------------------------------------------------


def _is_future(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token: Token = span.root
    # "from Monday", "until Friday", "starting Monday" in the present ("Families can apply
    # from Monday", "The exhibition runs until Friday") look forward; in the past they do not.
    # The marker hangs on a verb ("apply from", "starting"); "aside from", "apart from" mean
    # "except".
    marker = token.head if token.dep_ in {"pobj", "npadvmod"} else None
    onward = (
        marker is not None
        and marker.lower_ in _ONWARD
        and (marker.pos_ == "VERB" or marker.head.pos_ in {"VERB", "AUX"})
        and not (marker.i > 0 and doc[marker.i - 1].lower_ in {"aside", "apart"})
    )
    for _ in range(4):
        if token.pos_ in {"VERB", "AUX"}:
            break
        if token.head.i == token.i:
            break
        token = token.head
    # Up the chain of verbs that share one tense: "will be able to apply from Monday"
    # (apply <- able <- be + will), "will close on Friday and reopen on Monday", "is going to".
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children):
            return True
        if token.lower_ == "going" and any(c.dep_ == "xcomp" for c in token.children):
            return True
        if onward and (
            token.tag_ in {"VBZ", "VBP"}
            or any(c.dep_ == "aux" and c.lower_ in _PRESENT_MODALS for c in token.children)
        ):
            return True
        # "is due to / set to / scheduled to / expected to" + verb
        head = token.head
        if head.i != token.i and head.lemma_ in {"due", "set", "schedule", "expect", "plan"}:
            return True
        if token.dep_ not in {"xcomp", "acomp", "conj"} or head.i == token.i:
            break
        # A finite verb has its own tense ('"We will achieve justice," the chief said Monday');
        # only base forms, participles and adjectives take the tense of the verb they hang on.
        if token.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
            c.dep_ in {"nsubj", "nsubjpass"} or (c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO")
            for c in token.children
        ):
            break
        token = head
    return token.lower_ in {"will", "shall"}


def _day(year: int, month: int, day: int) -> _Resolved | None:
    try:
        return _one_day(date(year, month, day))
    except ValueError:
        return None


def _one_day(day: date) -> _Resolved:
    return _Resolved(day, day, "day")


def _month(name: str | None) -> int:
    key = (name or "").lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_ABBREV[key]


def _day_number(text: str | None) -> int:
    return int(re.sub(r"\D", "", text or "0"))


def _number(text: str | None) -> int:
    key = (text or "").lower()
    return int(key) if key.isdigit() else _NUMBER_WORDS[key]


def _unit(text: str | None) -> str:
    return (text or "day").lower().rstrip("s")


def _month_range(year: int, month: int) -> _Resolved:
    last = calendar.monthrange(year, month)[1]
    return _Resolved(date(year, month, 1), date(year, month, last), "month")


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift(published: date, amount: int, unit: str) -> _Resolved:
    """The day, week, month or year `amount` units from `published` (negative: before)."""
    if unit == "day":
        return _one_day(published + timedelta(days=amount))
    if unit == "week":
        day = published + timedelta(weeks=amount)
        return _Resolved(
            day - timedelta(days=day.weekday()), day + timedelta(6 - day.weekday()), "week"
        )
    if unit == "month":
        year, month = _add_months(published.year, published.month, amount)
        return _month_range(year, month)
    year = published.year + amount
    return _Resolved(date(year, 1, 1), date(year, 12, 31), "year")


def _period(published: date, unit: str, offset: int) -> _Resolved:
    """The whole calendar week (Monday to Sunday), month or year `offset` periods away."""
    return _shift(published, offset, unit if unit in {"week", "month", "year"} else "day")


def _weekend(published: date, offset: int) -> _Resolved:
    saturday = published + timedelta(days=5 - published.weekday() + 7 * offset)
    return _Resolved(saturday, saturday + timedelta(days=1), "day")


def _weekday_before(published: date, weekday: int, strict: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return published - timedelta(days=back)


def _weekday_after(published: date, weekday: int, strict: bool) -> date:
    ahead = (weekday - published.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return published + timedelta(days=ahead)


def _month_day(
    month: int, day: int, published: date | None, future: _FutureTest
) -> _Resolved | None:
    if published is None:
        return _Resolved(None, None, "day")
    # The occurrence nearest publication; the verb's tense breaks the tie towards one side.
    candidates: list[date] = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if future():
        ahead = [c for c in candidates if c >= published]
        candidates = ahead or candidates
    else:
        behind = [c for c in candidates if c <= published]
        # A date within two months ahead is still a likely reference ("the vote on March 15").
        near_ahead = [c for c in candidates if published < c <= published + timedelta(days=61)]
        candidates = behind + near_ahead or candidates
    return _one_day(min(candidates, key=lambda c: abs((c - published).days)))


def _nearest_month_year(month: int, published: date, future: _FutureTest) -> int:
    if future():
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _relative_month(
    mod: str, month: int, published: date | None, future: _FutureTest
) -> _Resolved | None:
    if published is None:
        return _Resolved(None, None, "month")
    if mod == "last":
        year = published.year if month < published.month else published.year - 1
    elif mod == "next":
        year = published.year if month > published.month else published.year + 1
    elif mod == "this":
        year = published.year
    elif mod in {"until", "by"} or future():
        year = published.year if month >= published.month else published.year + 1
    elif mod in {"since", "after", "from"}:
        year = published.year if month <= published.month else published.year - 1
    else:
        # "in November": the occurrence nearest publication, the past one on a tie.
        behind = published.year if month <= published.month else published.year - 1
        ahead = published.year if month > published.month else published.year + 1
        gap_behind = (published.year - behind) * 12 + published.month - month
        gap_ahead = (ahead - published.year) * 12 + month - published.month
        year = ahead if gap_ahead < gap_behind else behind
    return _month_range(year, month)


def _part_of_month(year: int, month: int, part: str) -> _Resolved:
    whole = _month_range(year, month)
    assert whole.start is not None and whole.end is not None
    if part == "early" or "beginning" in part or "start" in part:
        return _Resolved(whole.start, whole.start.replace(day=10), "month")
    if part == "mid":
        return _Resolved(whole.start.replace(day=11), whole.start.replace(day=20), "month")
    return _Resolved(whole.start.replace(day=21), whole.end, "month")


def _sentence(doc: Doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or not doc.has_annotation("SENT_START"):
        return ""
    return span.sent.text
