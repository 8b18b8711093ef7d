"""Numeric facts in an article body: value, unit, qualifier, what is counted, and about what.

This module owns turning "nearly 700,000 Ukrainians have fled", "15.4 percent of its imports",
"$2.5 billion in aid", "more than 500 civilian casualties, including 13 children" and "between
10 and 20 soldiers" into `Figure` records. Numbers are found token by token (spaCy's NER
splits or mislabels many of them: "£40m", "Between 10 and 20" as a DATE), normalised here, and
then read against the dependency parse: the noun a number modifies is what is counted; the
verb it is the subject or object of, the "of" phrase of a percentage, the possessor (pronouns
resolved to the nearest fitting entity) and the noun a part belongs to ("children" among
"casualties") make up its subject, so that two outlets' figures about the same thing can be
lined up.

Not figures: years and other dates, ordinals, times, ages, numbers that are part of a name
("Article 5", "Covid-19", "Boeing 737") and "one" used as a pronoun ("one of three").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.analyze.frames import duration_at, figure_frame
from newsprism.analyze.nlp import text_of
from newsprism.model import DURATION_UNITS, PARAGRAPH_SEPARATOR, Entity, Figure, Span

_UNITS = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "half": 0.5,
}
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
# "hundreds of civilians": an indefinite amount, kept as its lower bound.
_VAGUE = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_SYMBOLS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "sterling": "GBP",
    "hryvnia": "UAH",
}
# Longest first, so "more than" wins over "more".
_QUALIFIERS = sorted(
    [
        "nearly",
        "almost",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "over",
        "under",
        "above",
        "below",
        "more than",
        "fewer than",
        "less than",
        "at least",
        "at most",
        "up to",
        "as many as",
        "as much as",
        "as few as",
        "an estimated",
        "estimated",
        "close to",
        "just over",
        "just under",
        "well over",
        "upwards of",
        "in excess of",
        "no more than",
        "no fewer than",
        "nearly half",
        "only",
        "just",
        "barely",
        "a further",
        "another",
    ],
    key=lambda q: -len(q.split()),
)
_RANGE_WORDS = {"to", "and", "-", "–", "—"}
_NUMERIC = re.compile(
    r"^(?P<cur>us\$|[$£€¥₹₽])?(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suf>k|m|mn|mln|bn|b|tn|trn|%)?$",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"^(1[5-9]|20)\d\d$")
# DATE/TIME entities whose numbers are dates, not amounts (spaCy also calls "between 10 and
# 20" a DATE; such an entity has none of these words and stays a figure).
_DATE_WORDS = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"|\b(?:day|week|month|year|decade|centur|hour|minute|second|night|old|ago|am|pm|a\.m|p\.m)"
    r"|:|\b(?:1[5-9]|20)\d\d\b|'\d\d|’\d\d"
)
# Words after a number that make it a clock time.
_CLOCK_WORDS = frozenset({"am", "pm", "a.m", "p.m", "o'clock", "gmt", "bst", "utc", "cet", "hrs"})
# Nouns that a hyphenated number makes an attribute of something else, not a count.
_ATTRIBUTE_NOUNS = frozenset(
    {"way", "lane", "storey", "story", "bedroom", "room", "door", "man", "member", "time"}
    | {"star", "part", "step", "page", "game", "seat", "person", "nation", "party"}
)
_SKIP_VERBS = frozenset({"be", "have", "include", "estimate", "say", "report", "show"})
_POSSESSIVE_PRONOUNS = {
    "its": {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"},
    "their": {"ORG", "GPE", "NORP", "PERSON"},
    "his": {"PERSON"},
    "her": {"PERSON", "GPE"},
}
# Amounts of trade or production, which news qualifies with the goods named elsewhere in the
# sentence ("the largest supplier of crude oil, accounting for 15% of its imports").
_TRADE_NOUNS = frozenset(
    {
        "import",
        "export",
        "purchase",
        "sale",
        "supply",
        "production",
        "output",
        "consumption",
        "demand",
        "reserve",
        "shipment",
        "stockpile",
        "market",
    }
)
# Verbs whose subject holds a share of what a percentage is "of".
_SHARE_VERBS = frozenset(
    {"account", "make", "represent", "comprise", "constitute", "hold", "control", "own", "win"}
)
_PART_PREPS = frozenset({"including", "among", "include", "of"})


@dataclass(frozen=True, slots=True)
class _Amount:
    """A number as written: token positions and its normalised parts."""

    first: int
    last: int
    value: float
    upper: float | None
    unit: str
    qualifier: str | None
    anchor: int
    """The token that carries the amount in the parse (the last number, or %/percent)."""


def extract_figures(
    doc: Doc, entities: tuple[Entity, ...], names: dict[int, tuple[str, str]] | None = None
) -> tuple[Figure, ...]:
    """Numeric facts of `doc` in text order, each with what it counts and what it is about.
    `names` is `entity_names(doc, entities)`, when the caller has it already."""
    names = entity_names(doc, entities) if names is None else names
    text = text_of(doc)
    figures: list[Figure] = []
    i = 0
    while i < len(doc):
        amount = _amount_at(doc, i)
        if amount is None:
            i += 1
            continue
        i = amount.last + 1
        if not _is_figure(doc, amount):
            continue
        figures.append(_figure(doc, text, amount, names))
    return tuple(figures)


# --- finding and normalising amounts ---------------------------------------------------------


def _number_value(token: Token) -> tuple[float, str] | None:
    """The value of one number token and any currency or scale fused to it ("£40m", "5%")."""
    match = _NUMERIC.match(token.text)
    if match:
        value = float(match.group("num").replace(",", ""))
        suffix = (match.group("suf") or "").lower()
        cur = (match.group("cur") or "").lower()
        unit = "%" if suffix == "%" else _SYMBOLS.get(cur, "")
        if suffix and suffix != "%":
            value *= _SCALES[suffix]
        return value, unit
    if token.lower_ in _UNITS and (token.tag_ == "CD" or token.lower_ in {"dozen", "half"}):
        return float(_UNITS[token.lower_]), ""
    return None


def _amount_at(doc: Doc, i: int) -> _Amount | None:
    token = doc[i]
    if token.lower_ in _VAGUE and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
        return _Amount(i, i, _VAGUE[token.lower_], None, "", token.lower_, i)
    first_value = _number_value(token)
    if first_value is None or token.ent_type_ == "ORDINAL":
        return None
    start = i
    value, unit, end = _read_number(doc, i)
    anchor = end
    upper: float | None = None
    # A range: "10 to 20", "10-20", "between 10 and 20".
    if end + 2 < len(doc) and doc[end + 1].lower_ in _RANGE_WORDS:
        second = _number_value(doc[end + 2])
        if second is not None and (doc[end + 1].lower_ != "and" or _preceded_by(doc, i, "between")):
            high, high_unit, high_end = _read_number(doc, end + 2)
            if high > value or (high_end > end + 2 and high * 1 > value):
                upper = high
                unit = unit or high_unit
                end = anchor = high_end
    # A share written as a ratio or a fraction: "7 in 10", "nine out of 10", "two-thirds".
    if upper is None and not unit:
        share = _share_of(doc, end, value)
        if share is not None:
            value, end = share
            unit = "%"
            anchor = end
    # Currency or scale before the number: "$", "US$", "€".
    if start > 0 and doc[start - 1].lower_ in _SYMBOLS:
        unit = _SYMBOLS[doc[start - 1].lower_]
        start -= 1
    # Units after: "%", "percent", "per cent", "percentage points", "dollars", "yuan".
    after = end + 1
    if after < len(doc):
        word = doc[after].lower_
        if word in {"%", "percent", "pct"}:
            unit, end, anchor = "%", after, after
        elif word == "per" and after + 1 < len(doc) and doc[after + 1].lower_ == "cent":
            unit, end, anchor = "%", after + 1, after + 1
        elif word == "percentage" and after + 1 < len(doc) and doc[after + 1].lower_ == "points":
            unit, end, anchor = "percentage points", after + 1, after + 1
        elif word in _CURRENCY_WORDS:
            unit, end, anchor = _CURRENCY_WORDS[word], after, after
        elif word == "pounds" and unit == "":
            # Pounds are money in British news and weight in American; the verb rarely says.
            unit, end, anchor = "pounds", after, after
    if not unit:
        duration = duration_at(doc, end)
        if duration is not None:
            unit, end = duration
            anchor = end
    start, qualifier = _qualifier(doc, start)
    if _preceded_by(doc, i, "between") and upper is not None:
        start = min(start, i - 1)
    return _Amount(start, end, value, upper, unit, qualifier, anchor)


_FRACTIONS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}


def _share_of(doc: Doc, end: int, value: float) -> tuple[float, int] | None:
    """(percentage, last token) when the number ending at `end` starts "N in M", "N out of M"
    or "N-thirds"; PolNeAR's exit polls ("nearly 8 in 10") read as the count 8 before."""
    k = end + 1
    hyphen = k + 1 < len(doc) and doc[k].lower_ == "-" and doc[k + 1].lower_ in _FRACTIONS
    k += hyphen
    if k < len(doc) and doc[k].lower_ in _FRACTIONS:
        parts = _FRACTIONS[doc[k].lower_]
        # "two quarters" is more often half a year than half of something.
        if value >= parts or (parts == 4 and value != 3 and not hyphen):
            return None
        return round(100 * value / parts, 1), k
    if k < len(doc) and doc[k].lower_ == "out" and k + 1 < len(doc) and doc[k + 1].lower_ == "of":
        k += 1
    elif not (k < len(doc) and doc[k].lower_ == "in"):
        return None
    if k + 1 >= len(doc) or _number_value(doc[k + 1]) is None:
        return None
    of, _, of_end = _read_number(doc, k + 1)
    if not value < of <= 1000:
        return None
    return round(100 * value / of, 1), of_end


def _read_number(doc: Doc, i: int) -> tuple[float, str, int]:
    """The value of the number starting at token i ("1.2 million", "twenty-five", "£40 m"),
    its currency or % unit, and the index of its last token."""
    total = 0.0
    current = 0.0
    unit = ""
    end = i
    j = i
    while j < len(doc):
        token = doc[j]
        lower = token.lower_
        parsed = _number_value(token)
        if lower in _SCALES and j > i and (len(lower) > 2 or token.whitespace_ == "" or j > i):
            scale = _SCALES[lower]
            if lower in {"m", "b", "k"} and doc[j - 1].whitespace_:
                break  # "5 m" is five metres more often than five million
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            end = j
        elif parsed is not None and (j == i or _joins(doc, j)):
            number, fused = parsed
            unit = fused or unit
            if j > i and number < 100 and current and current % 100 == 0:
                current += number  # "two hundred fifty"
            elif j > i and number < 10 and current >= 20 and current % 10 == 0:
                current += number  # "twenty-five"
            elif j > i:
                break
            else:
                current = number
            end = j
        elif lower in {"-", "and"} and j > i and j + 1 < len(doc) and _is_word_number(doc[j + 1]):
            if lower == "and" and not (current and current % 100 == 0):
                break
            j += 1
            continue
        elif lower == "a" and j == i:
            current = 1
        else:
            break
        j += 1
    return total + current, unit, end


def _is_word_number(token: Token) -> bool:
    return token.lower_ in _UNITS and token.tag_ == "CD"


def _joins(doc: Doc, j: int) -> bool:
    """Whether a number word at j continues the number before it ("twenty-five", "two
    hundred fifty") rather than starting a new one ("in 2014 3,000 ...")."""
    before = doc[j - 1]
    joined = _is_word_number(before) or before.lower_ in {"hundred", "-"}
    return _is_word_number(doc[j]) and joined


def _preceded_by(doc: Doc, i: int, word: str) -> bool:
    return i > 0 and doc[i - 1].lower_ == word


def _qualifier(doc: Doc, start: int) -> tuple[int, str | None]:
    """Hedge words just before a number ("nearly", "more than"): new start and the qualifier."""
    for qualifier in _QUALIFIERS:
        words = qualifier.split()
        begin = start - len(words)
        if begin < 0:
            continue
        if [t.lower_ for t in doc[begin:start]] == words:
            return begin, qualifier
    return start, None


def _is_figure(doc: Doc, amount: _Amount) -> bool:
    """False for dates, years, ordinals, ages, clock times, name parts, attributes ("two-way
    street") and pronoun "one"."""
    token = doc[amount.anchor]
    number = doc[amount.first] if doc[amount.first].like_num else token
    after = doc[amount.last + 1] if amount.last + 1 < len(doc) else None
    if after is not None and after.lower_.rstrip(".") in _CLOCK_WORDS:
        return False  # "by 4am", "at 11 pm", "10.30 GMT"
    if (
        after is not None
        and after.text in {"-", "–"}
        and amount.last + 2 < len(doc)
        and doc[amount.last + 2].lower_ in _ATTRIBUTE_NOUNS
    ):
        return False  # "a two-way street", "the 120-member parliament"
    if amount.unit in DURATION_UNITS:
        return not _YEARISH.match(number.text)
    for index in range(amount.first, amount.last + 1):
        t = doc[index]
        if t.ent_type_ in {"DATE", "TIME"} and _DATE_WORDS.search(_ent_text(t)):
            return False
        if t.ent_type_ == "ORDINAL":
            return False
    if amount.unit == "" and amount.qualifier is None and _YEARISH.match(number.text):
        counted = _counted_noun(doc, amount)
        if counted is None or counted.tag_ not in {"NNS", "NNPS"}:
            return False
    # A number after the noun it belongs to is a label: "Article 5", "Flight 370", "Covid-19".
    if (
        token.dep_ in {"nummod", "appos", "compound", "npadvmod"}
        and token.head.i < token.i
        and token.head.pos_ in {"PROPN", "NOUN"}
        and amount.unit == ""
    ):
        return False
    if amount.first > 0 and doc[amount.first - 1].text in {"-", "#", "No.", "no."}:
        return False
    # "one way", "one of them": spelled-out one is an article or a pronoun far more often than
    # a count; a hedged one ("only one candidate") is kept.
    if token.lower_ == "one" and amount.unit == "" and amount.qualifier is None:
        return False
    return not (amount.unit == "" and token.dep_ == "nummod" and token.head.lower_ == "year")


def _ent_text(token: Token) -> str:
    """The text of the entity holding `token`, found from the IOB tags (Doc.ents is rebuilt
    on every access, too slow to scan per token)."""
    doc = token.doc
    if token.ent_iob_ not in {"B", "I"}:
        return ""
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


# --- what is counted and what the figure is about --------------------------------------------


def _counted_noun(doc: Doc, amount: _Amount) -> Token | None:
    """The noun the amount counts: its head when it modifies a noun ("13 children"), the
    object of "of" when it is the head itself ("hundreds of civilians", "15% of imports")."""
    anchor = doc[amount.anchor]
    if amount.unit in {"", "pounds"}:
        # Any number of the amount may carry the link ("between 10 and 20 soldiers": the 10).
        for token in doc[amount.first : amount.last + 1]:
            if (
                token.dep_ in {"nummod", "quantmod", "compound", "amod"}
                and token.head.pos_ in {"NOUN", "PROPN"}
                and token.head.i > amount.last
            ):
                return token.head
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "for"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in {"NOUN", "PROPN", "PRON"}:
                return objects[0]
    return None


def _figure(doc: Doc, text: str, amount: _Amount, names: dict[int, tuple[str, str]]) -> Figure:
    span = doc[amount.first : amount.last + 1]
    noun = _counted_noun(doc, amount)
    counted = _noun_phrase(noun, names, with_possessor=False) if noun is not None else ""
    unit = amount.unit
    if not unit and noun is not None:
        unit = noun.lower_ if noun.pos_ != "PROPN" else noun.text
    subject = _subject(doc, amount, noun, names)
    predicate, holder, places, modality = figure_frame(doc[amount.anchor], noun, names)
    start, end = span.start_char, span.end_char
    return Figure(
        value=amount.value,
        unit=unit,
        text=Span(
            text=text[start:end],
            start=start,
            end=end,
            paragraph=text.count(PARAGRAPH_SEPARATOR, 0, start),
        ),
        sentence=span.sent.text if doc.has_annotation("SENT_START") else "",
        counted=counted,
        subject=subject,
        qualifier=amount.qualifier,
        upper=amount.upper,
        predicate=predicate,
        holder=holder,
        places=places,
        modality=modality,
    )


def _subject(
    doc: Doc, amount: _Amount, noun: Token | None, names: dict[int, tuple[str, str]]
) -> str:
    anchor = doc[amount.anchor]
    if noun is not None:
        core = _noun_phrase(noun, names, with_possessor=True)
        whole = _whole_of(noun, names)
        if whole:
            core = f"{core} among {whole}"
        if amount.unit in {"%", "percentage points"}:
            holder = _share_holder(anchor, names)
            if holder:
                return f"{holder}'s share of {core}"
            return f"share of {core}"
        place = _place_of(noun, names)
        if place:
            core = f"{core} {place}"
        # "$2.5 billion in aid": the amount, not the noun, is what the verb acts on.
        role = anchor if noun.head.head.i == anchor.i and amount.unit else noun
        return _with_verb(core, role)
    # No counted noun: the figure is a measure of something else ("inflation rose 5%",
    # "an unemployment rate of 4.9%", "a deal worth $2 billion").
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in {"NOUN", "PROPN"}:
        return _noun_phrase(head.head, names, with_possessor=True)
    verb = _governing_verb(anchor)
    if verb is not None:
        subj = _clause_subject(verb, names)
        if verb.lemma_ in _SKIP_VERBS:
            return subj
        return f"{subj} {verb.lemma_}".strip()
    return ""


def _with_verb(core: str, noun: Token) -> str:
    """ "Ukrainians flee" for a counted subject; "pledge aid" for an object; else the noun."""
    head = noun.head
    if (
        noun.dep_ in {"nsubj", "nsubjpass"}
        and head.pos_ == "VERB"
        and head.lemma_ not in _SKIP_VERBS
    ):
        return f"{core} {head.lemma_}"
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_ not in _SKIP_VERBS:
        return f"{head.lemma_} {core}"
    # "13 children killed" / "500 people who fled": a participle or relative clause on the noun.
    for child in noun.children:
        if (
            child.dep_ in {"acl", "relcl"}
            and child.pos_ == "VERB"
            and child.lemma_ not in _SKIP_VERBS
        ):
            return f"{core} {child.lemma_}"
    return core


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(6):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _clause_subject(verb: Token, names: dict[int, tuple[str, str]]) -> str:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                # "the fund, which raised $8m": the relative pronoun stands for the noun.
                return _noun_phrase(verb.head, names, with_possessor=True)
            return _noun_phrase(child, names, with_possessor=True)
    if verb.dep_ in {"advcl", "xcomp", "conj"} and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return _noun_phrase(child, names, with_possessor=True)
    return ""


def _share_holder(anchor: Token, names: dict[int, tuple[str, str]]) -> str:
    """Who holds a share: "Russia" in "Russia ..., accounting for 15.4 percent of ..."."""
    verb = _governing_verb(anchor)
    if verb is None or verb.lemma_ not in _SHARE_VERBS:
        return ""
    return _clause_subject(verb, names)


def _whole_of(noun: Token, names: dict[int, tuple[str, str]]) -> str:
    """The larger group a counted noun is part of: "casualties" for "including 13 children"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in _PART_PREPS and head.lower_ != "of":
        whole = head.head
        if whole.pos_ in {"NOUN", "PROPN"} and whole.i != noun.i:
            return _noun_phrase(whole, names, with_possessor=False)
    return ""


def _noun_phrase(noun: Token, names: dict[int, tuple[str, str]], with_possessor: bool) -> str:
    """The noun with its compound and adjective modifiers, determiners and numbers left out;
    a possessive pronoun resolved to the entity it stands for; trade amounts ("imports")
    qualified by the goods the sentence names."""
    if noun.i in names:
        return names[noun.i][0]
    words: list[tuple[int, str]] = []
    possessor = ""
    for child in noun.lefts:
        if child.dep_ == "poss":
            if with_possessor:
                possessor = _possessor(child, names)
            continue
        if child.dep_ in {"compound", "amod", "nmod"} and not child.like_num:
            if child.tag_ in {"JJS", "JJR"} or child.lower_ in {"other", "such", "many", "several"}:
                continue
            words.extend(
                (t.i, t.text if t.pos_ == "PROPN" else t.lower_)
                for t in child.subtree
                if _content(t) or t.text in {"-", "–"}
            )
    words.append((noun.i, noun.text if noun.pos_ == "PROPN" else noun.lower_))
    phrase = _join(noun.doc, words)
    if noun.lemma_.lower() in _TRADE_NOUNS and len(words) == 1:
        goods = _goods_in_sentence(noun)
        if goods:
            phrase = f"{goods} {phrase}"
    if possessor:
        phrase = f"{possessor}'s {phrase}"
    return phrase


def _join(doc: Doc, words: list[tuple[int, str]]) -> str:
    """Words in text order, glued where the text glues them ("state-owned")."""
    ordered = sorted(set(words))
    kept = {index for index, _ in ordered}
    # A hyphen only joins two kept words ("one-time" loses its number, so loses its hyphen).
    ordered = [
        (index, word)
        for index, word in ordered
        if word not in {"-", "–"} or (index - 1 in kept and index + 1 in kept)
    ]
    parts: list[str] = []
    previous = -2
    for index, word in ordered:
        if parts and not (index == previous + 1 and not doc[previous].whitespace_):
            parts.append(" ")
        parts.append(word)
        previous = index
    return "".join(parts)


def _place_of(noun: Token, names: dict[int, tuple[str, str]]) -> str:
    """A prepositional phrase that narrows a counted noun: "on the UN Security Council"."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"on", "in", "from", "at", "across", "inside"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in {"NOUN", "PROPN"}:
                return f"{child.lower_} {_noun_phrase(objects[0], names, with_possessor=True)}"
    return ""


def _content(token: Token) -> bool:
    return (
        token.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}
        and not token.like_num
        and token.text[:1].isalnum()
        and token.lower_ not in _SCALES
    )


def _possessor(token: Token, names: dict[int, tuple[str, str]]) -> str:
    if token.pos_ != "PRON":
        return names[token.i][0] if token.i in names else token.text
    allowed = _POSSESSIVE_PRONOUNS.get(token.lower_)
    if not allowed:
        return ""
    # The nearest preceding entity that such a pronoun can stand for, in this or the
    # previous sentence.
    sent = token.sent
    floor = sent.start
    if sent.start > 0:
        floor = token.doc[sent.start - 1].sent.start
    for i in range(token.i - 1, floor - 1, -1):
        entry = names.get(i)
        if entry and entry[1] in allowed:
            return entry[0]
    return ""


def _goods_in_sentence(noun: Token) -> str:
    """The object of "of" after a supplier-like noun in the same sentence ("crude oil")."""
    for token in noun.sent:
        if token.dep_ != "pobj" or token.head.lower_ != "of" or token.i == noun.i:
            continue
        owner = token.head.head
        if owner.pos_ == "NOUN" and owner.lemma_.endswith(("er", "or", "source")):
            words = [t.lower_ for t in token.lefts if t.dep_ in {"amod", "compound"}]
            return " ".join([*words, token.lower_])
    return ""


def entity_names(doc: Doc, entities: tuple[Entity, ...]) -> dict[int, tuple[str, str]]:
    """Token index -> (canonical name, label) for every entity mention; spaCy's own entities
    fill in where the entity layer gave none."""
    names: dict[int, tuple[str, str]] = {}
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"}:
            for token in ent:
                names[token.i] = (_strip_article(ent.text), ent.label_)
    for entity in entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                names[token.i] = (entity.name, entity.label)
    return names


def _strip_article(name: str) -> str:
    return re.sub(r"['’]s$", "", re.sub(r"^(?:the|The)\s+", "", name))
