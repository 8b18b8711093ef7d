"""Facts: every figure of every article of a story as one record the compare stage can align.

A `FigureFact` is a figure with what it counts in words a reader understands ("people killed",
"jobs cut", "homes without power"), its kind of number (a count, a share, a sum of money, a
duration, a measure), the party and places it belongs to, whether it is a reported fact at all
(not a request, a threshold or a difference), its time frame, and the sentence it stands in with
the number masked, which is what sentence embeddings compare. Which facts are the same fact is
decided in `align`; how their values stand, in `judge`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsprism.compare.sources import Source
from newsprism.compare.text import sentence_of, stem, words
from newsprism.model import DURATION_UNITS, PERSONAL_PRONOUNS, Figure

# What happened to what is counted, folded to one concept: news writes the same count with
# many verbs ("17 passengers drowned", "23 people died", "the death toll rose to 23"). Each
# concept is named as a reader would name the count. Written for this project from general news
# vocabulary (disasters, conflict, labour, courts, elections, utilities), not from one story.
_PREDICATE_CONCEPTS: dict[str, tuple[str, ...]] = {
    "killed": (
        "kill",
        "die",
        "drown",
        "dead",
        "death",
        "perish",
        "fatality",
        "lose life",
        "claim life",
        "toll",
    ),
    "injured": ("injure", "wound", "hurt", "injury", "hospitalise", "hospitalize"),
    "missing": ("miss", "missing", "unaccounted", "remain unaccounted", "remain missing"),
    "displaced": (
        "flee",
        "evacuate",
        "displace",
        "evacuee",
        "homeless",
        "uproot",
        "force from home",
        "drive from home",
        "order out",
    ),
    "arrested": ("arrest", "detain", "detention", "charge"),
    "rescued": ("rescue", "pull", "save", "recover alive"),
    "jobs cut": (
        "cut",
        "eliminate",
        "shed",
        "axe",
        "slash",
        "lay off",
        "lose job",
        "go",
        "redundant",
        "scrap",
    ),
    "employed": ("employ", "staff", "workforce"),
    "without power": (
        "lose power",
        "without power",
        "without electricity",
        "lose electricity",
        "cut off",
        "outage",
        "blackout",
    ),
    "sentenced": ("sentence", "jail", "imprison", "hand sentence", "give sentence"),
    "turnout": ("turnout", "cast ballot", "cast vote"),
    "won": ("win", "secure", "take", "gain", "capture", "claim", "get", "come", "finish"),
}
# Concepts that hold only for some things counted ("took 48 seats" is a result; "took 300
# hostages" is not).
_CONCEPT_CLASSES = {"won": {"seats", "vote", "delegat"}, "jobs cut": {"jobs", "people"}}
_CONCEPT_OF = {phrase: concept for concept, ps in _PREDICATE_CONCEPTS.items() for phrase in ps}
# Classes of what is counted: passengers and residents are people, positions are jobs,
# households are homes. Written for this project.
_COUNTED_CLASSES: dict[str, list[str]] = {
    "people": [
        "people",
        "person",
        "passenger",
        "worker",
        "employee",
        "staff",
        "resident",
        "civilian",
        "victim",
        "survivor",
        "child",
        "adult",
        "man",
        "woman",
        "soldier",
        "student",
        "voter",
        "migrant",
        "refugee",
        "patient",
        "crew",
        "member",
        "pupil",
        "citizen",
        "inhabitant",
        "villager",
        "local",
        "customer",
    ],
    "jobs": ["job", "position", "post", "role"],
    "homes": ["home", "household", "house", "property", "customer", "premise", "dwelling"],
    "seats": ["seat"],
    "prison term": ["prison", "sentence", "jail", "term", "imprisonment"],
}
_CLASS_OF = {stem(w): c for c, ws in _COUNTED_CLASSES.items() for w in ws if c != "people"}
_PEOPLE = frozenset(stem(w) for w in _COUNTED_CLASSES["people"])
# Counts that only grow as a story develops: a later report may give more, never fewer.
CUMULATIVE = frozenset({"killed", "injured", "displaced", "arrested", "rescued"})
# Counts that move either way (people found, power restored).
DEVELOPING = CUMULATIVE | {"missing", "without power"}
# Words that mark a figure as a count at a later moment than the event ("still", "rose to").
_UPDATE_WORDS = re.compile(
    r"\b(?:still|remain(?:s|ed)?|now|so far|rose|risen|rises|climbed|raising|increased|"
    r"up to now|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
_MEASURE_UNITS = frozenset({"km", "kilometres", "kilometers", "miles", "metres", "meters"})


@dataclass(frozen=True, slots=True)
class FigureFact:
    """One article's figure, ready to be aligned with other outlets' figures."""

    source: Source
    figure: Figure
    kind: str
    """"count", "%", "percentage points", a currency code, a duration unit or a measure unit."""
    concept: str
    """What happened to what is counted, folded ("killed", "jobs cut"), or "" when unknown."""
    counted_class: str
    """The class of what is counted ("people", "jobs", "homes", "seats") or its stem."""
    what: str
    """What the figure counts, in a reader's words ("passengers drowned", "jobs cut")."""
    holder: str
    places: frozenset[str]
    modality: str
    sentence: str
    masked: str
    """The sentence with the figure's number replaced, for embedding."""
    update: bool
    """The sentence marks a later count ("still", "rose to")."""
    contestable: bool = True
    """False when another outlet's different value would not contradict it: a poll's figure
    (polls differ), or one of two figures of a kind side by side with no party named ("61
    percent to 30 percent")."""

    @property
    def outlet(self) -> str:
        return self.source.outlet

    @property
    def day(self) -> date | None:
        return self.source.day


_PARTICLES = frozenset(["down", "up", "out", "off", "over", "in", "on", "away", "back", "through"])
# How a concept is named when it names a group of figures.
CONCEPT_NAMES = {
    "killed": "people killed",
    "injured": "people injured",
    "missing": "people missing",
    "displaced": "people displaced",
    "arrested": "people arrested",
    "rescued": "people rescued",
    "jobs cut": "jobs cut",
    "employed": "workforce",
    "without power": "homes without power",
    "sentenced": "prison sentence",
    "turnout": "turnout",
    "won": "seats won",
}


# Verbs that say a count changed or stood, not what it counts: "the number of people killed
# rose to 19", "the death toll reached 23". The concept is then in the words before.
CHANGE_VERBS = frozenset(
    {"rise", "climb", "increase", "reach", "fall", "drop", "stand", "hit", "grow", "jump"}
    | {"raise", "double", "top", "exceed", "ease", "slow", "edge", "dip", "surge", "slip"}
    | {"accelerate", "decline", "soar", "plunge", "remain"}
)


def _concept_before(figure: Figure, sentence: str) -> str:
    at = _find(sentence, figure.text.text)
    clause = re.split(r"[,;:]", sentence[: max(at, 0)])[-1]
    for word in reversed(words(clause)):
        concept = _CONCEPT_OF_STEM.get(stem(word), "")
        if concept in DEVELOPING:
            return concept
    return ""


def _concept(figure: Figure) -> str:
    """The concept of a figure's predicate: the whole predicate, a phrase inside it ("leave
    without power"), or its verb alone when no particle changes its meaning ("go down")."""
    predicate = figure.predicate.casefold().split()
    found = _CONCEPT_OF.get(" ".join(predicate), "")
    if not found:
        phrases = [p for p in _CONCEPT_OF if " " in p and f" {p} " in f" {' '.join(predicate)} "]
        if phrases:
            found = _CONCEPT_OF[max(phrases, key=len)]
    if not found and predicate and (len(predicate) == 1 or predicate[1] not in _PARTICLES):
        found = _CONCEPT_OF.get(predicate[0], "")
    # "go" and "cut" say jobs were lost only about jobs or workers; "took" a result only
    # of seats, votes or delegates.
    if found in _CONCEPT_CLASSES and _counted_class(figure) not in _CONCEPT_CLASSES[found]:
        return ""
    if found:
        return found
    # The subject or counted words may carry it ("the death toll", "turnout"); an analysis
    # made before predicates were kept has only its subject ("people killed").
    for word in words(f"{figure.counted} {figure.subject}"):
        concept = _CONCEPT_OF_STEM.get(stem(word), "")
        if concept and (not predicate or concept in {"killed", "turnout", "injured"}):
            return concept
    return ""


_CONCEPT_OF_STEM = {stem(p): c for p, c in _CONCEPT_OF.items() if " " not in p and p != "go"}
_CONCEPT_OF_STEM[stem("died")] = "killed"
# Wording that makes a figure no fact to compare, for analyses made before modality was kept:
# a condition ("has to take 60 percent"), a request ("had asked for 15 years").
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|needs? to|has to|have to|would need|in order to)\b", re.I
)
_REQUESTED = re.compile(r"\b(?:asked for|sought|seeks?|demanded|called for|wants?)\b", re.I)


def _modality(figure: Figure, sentence: str) -> str:
    if _MARGIN.search(sentence) and figure.unit in {"%", "percentage points"}:
        return "margin"  # a poll's margin of error says how precise, not how many
    if figure.modality:
        return figure.modality
    if (figure.qualifier or "").casefold() in {"a further", "another"}:
        return "additional"  # "a further 300 jobs will go": on top of another count
    if figure.predicate:
        return ""
    if _CONDITIONAL.search(sentence):
        return "conditional"
    at = _find(sentence, figure.text.text)
    return "requested" if at > 0 and _REQUESTED.search(sentence[:at]) else ""


def _counted_class(figure: Figure) -> str:
    nouns = words(figure.counted or (figure.unit if _kind(figure) == "count" else ""))
    if not nouns:
        return ""
    head = stem(nouns[-1])
    if head in _CLASS_OF:
        return _CLASS_OF[head]
    return "people" if head in _PEOPLE else head


def _kind(figure: Figure) -> str:
    unit = figure.unit.strip()
    if unit in {"%", "percent", "per cent", "percentage"}:
        return "%"
    if unit == "percentage points" or unit in DURATION_UNITS:
        return unit
    if re.fullmatch(r"[A-Z]{3}|[$€£¥]", unit) or unit in {"crowns", "pounds"}:
        return unit
    if unit.casefold() in _MEASURE_UNITS:
        return unit.casefold()
    return "count"


_IRREGULAR = {
    "cut": "cut",
    "lose": "lost",
    "leave": "left",
    "take": "taken",
    "win": "won",
    "hold": "held",
    "go": "gone",
    "give": "given",
    "hand": "handed",
    "shed": "shed",
    "find": "found",
    "flee": "fled",
    "pay": "paid",
    "spend": "spent",
    "sell": "sold",
    "build": "built",
    "have": "had",
    "get": "got",
    "put": "put",
    "set": "set",
    "hit": "hit",
    "come": "come",
    "raise": "raised",
    "seek": "sought",
    "bring": "brought",
    "keep": "kept",
    "send": "sent",
}


def _participle(lemma: str) -> str:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def readable_what(figure: Figure, concept: str) -> str:
    """What a figure counts as a reader would say it: "passengers drowned", "jobs cut",
    "homes without power", "seats (Unity)"."""
    counted = figure.counted.strip() or (figure.unit if _kind(figure) == "count" else "")
    predicate = figure.predicate.split()
    if _kind(figure) in DURATION_UNITS:
        noun = figure.counted or ("sentence" if concept == "sentenced" else "")
        base = f"{noun} ({figure.unit})".strip() if noun else figure.unit
    elif _kind(figure) in {"%", "percentage points"}:
        base = figure.subject or counted or "share"
    elif " among " in figure.subject:
        base = figure.subject  # "children among civilian casualties": a part of a whole
    elif predicate and predicate[0] not in {"have", "be", "come"} and counted:
        rest = " ".join(predicate[1:])
        if "without" in predicate:
            base = f"{counted} {' '.join(predicate[predicate.index('without') :])}"
        elif predicate[0] in {"remain", "miss"} or concept == "missing":
            base = f"{counted} missing" if concept == "missing" else f"{counted} {rest}".strip()
        else:
            base = f"{counted} {_participle(predicate[0])} {rest}".strip()
    elif figure.subject and not figure.predicate:
        base = figure.subject  # an analysis made before predicates were kept
    elif counted:
        base = counted
    else:
        base = figure.subject or CONCEPT_NAMES.get(concept, "")
    if figure.holder and figure.holder not in PERSONAL_PRONOUNS and figure.holder not in base:
        base = f"{base} ({figure.holder})"
    if figure.modality == "requested":
        base = f"{base}, asked for"
    return base


_NUMBER_WORDS = re.compile(
    r"\d[\d,.]*\d|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)"
    r"(?:-\w+)?\b",
    re.I,
)
# Words either side of a figure that its embedding sees: the clause that says what the number
# is, not the rest of a long sentence that may give other figures.
MASK_WINDOW = 12


def _find(sentence: str, written: str) -> int:
    """Where the figure stands in its sentence: "14" is not the start of "140-metre"."""
    if not written:
        return -1
    found = re.search(r"(?<![\w.,])" + re.escape(written) + r"(?![\w]|[.,]\d)", sentence)
    return found.start() if found else sentence.find(written)


def _masked(sentence: str, written: str) -> str:
    """The words around the figure with its number replaced by "N"."""
    at = _find(sentence, written)
    if at < 0:
        return sentence
    before = sentence[:at].split()[-MASK_WINDOW:]
    after = sentence[at + len(written) :].split()[:MASK_WINDOW]
    return " ".join([*before, _NUMBER_WORDS.sub("N", written), *after])


# Figures of a poll or survey: another outlet's poll is another measurement, not a correction.
_POLL = re.compile(r"\b(?:polls?|polling|survey(?:s|ed)?|surveyed|respondents)\b", re.I)
_MARGIN = re.compile(r"\bmargin of (?:sampling )?error\b|\bplus or minus\b", re.I)


# Two figures of one kind this close ("61 percent to 30 percent", "45 to 40") compare parties.
PAIRED_CHARS = 25


def _paired(figures: Sequence[Figure]) -> set[int]:
    """Ids of figures that stand next to another of their kind and counted thing."""
    found = set()
    for a, b in itertools.pairwise(figures):
        close = 0 <= b.text.start - a.text.end <= PAIRED_CHARS
        if close and _kind(a) == _kind(b) and _counted_class(a) == _counted_class(b):
            found |= {id(a), id(b)}
    return found


def _contestable(figure: Figure, sentence: str, paired: bool) -> bool:
    if _POLL.search(sentence):
        return False
    return not (paired and not figure.holder)


def figure_facts(sources: Sequence[Source]) -> list[FigureFact]:
    """Every figure of every article as a fact (figures with no counted thing, subject or
    unit left out: a bare number is nothing a reader can compare)."""
    facts = []
    for source in sources:
        body = source.article.body
        paired = _paired(source.analysis.figures)
        for figure in source.analysis.figures:
            sentence = _sentence(body, figure)
            concept = _concept(figure)
            if (
                not concept
                and figure.predicate.split()[:1]
                and (figure.predicate.split()[0] in CHANGE_VERBS)
            ):
                concept = _concept_before(figure, sentence)
            facts.append(
                FigureFact(
                    source=source,
                    figure=figure,
                    kind=_kind(figure),
                    concept=concept,
                    counted_class=_counted_class(figure),
                    what=readable_what(figure, concept),
                    holder=figure.holder,
                    places=frozenset(figure.places),
                    modality=_modality(figure, sentence),
                    sentence=sentence,
                    masked=_masked(sentence, figure.text.text),
                    update=_marks_update(sentence, figure.text.text),
                    contestable=_contestable(figure, sentence, id(figure) in paired),
                )
            )
    return facts


def _marks_update(sentence: str, written: str) -> bool:
    """Whether the figure's own clause marks its count as a later one ("were still without
    electricity", "rose to five"); a "still" after the next comma is about something else."""
    at = _find(sentence, written)
    if at < 0:
        return False
    before = re.split(r"[,;:]", sentence[:at])[-1]
    after = re.split(r"[,;:]", sentence[at + len(written) :])[0]
    return bool(_UPDATE_WORDS.search(before) or _UPDATE_WORDS.search(after))


def _sentence(body: str, figure: Figure) -> str:
    return sentence_of(body, figure.text.start, figure.text.text) or figure.sentence.strip()
