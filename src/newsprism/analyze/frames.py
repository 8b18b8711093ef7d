"""The frame of a figure: what happened to what it counts, whose it is, where, and whether it is
a reported fact at all.

Two outlets' figures are the same fact only when they count the same thing done to the same
party in the same place: "Unity came second with 31 seats" is not the Social Democrats' 48 seats,
"300 jobs will go at the parts unit in Osby" is not the 1,200 jobs cut at the plant in Brannvik,
and what a prosecutor "asked for" is not the sentence the court gave. This module reads those
parts off the dependency parse; `newsprism.compare.facts` compares them.

Durations ("12 years in prison", "a 14-year sentence") are figures too; spaCy tags them DATE,
so `duration_at` tells them from dates ("three years ago", "in 2030", "61-year-old").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from newsprism.model import PERSONAL_PRONOUNS, TimeRef

# Time units a duration counts; the figure's unit is the plural.
_TIME_UNITS = {
    "year": "years",
    "month": "months",
    "week": "weeks",
    "day": "days",
    "hour": "hours",
    "minute": "minutes",
}
# Words after a duration that make it a point in time or an age, not an amount of time.
_NOT_DURATION_AFTER = frozenset({"ago", "old", "later", "earlier", "before", "after", "since"})
# Words before that make the unit a date ("next year", "last month", "this week").
_NOT_DURATION_BEFORE = frozenset({"next", "last", "this", "past", "every", "per"})

# Verbs whose object is a request, not a fact: "had asked for 15 years", "sought 15 years".
# Written for this project from general news usage.
_REQUEST_VERBS = frozenset(
    {"ask", "seek", "demand", "request", "want", "propose", "urge", "call", "recommend", "push"}
)
_THRESHOLD_WORDS = frozenset({"need", "require", "necessary", "needed", "required"})
# Verbs that say nothing of the counted thing: the predicate is the one they govern or none.
_LIGHT_VERBS = frozenset({"be", "say", "tell", "report", "add", "note", "state", "announce"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def duration_at(doc: Doc, last: int) -> tuple[str, int] | None:
    """(unit, last token) when the number ending at token `last` counts time ("12 years in
    prison", "14-year sentence", "two weeks"); None for dates and ages."""
    k = last + 1
    if k < len(doc) and doc[k].text in {"-", "–"}:
        k += 1
    if k >= len(doc):
        return None
    unit = _TIME_UNITS.get(doc[k].lemma_.lower()) or _TIME_UNITS.get(doc[k].lower_.rstrip("s"))
    if unit is None:
        return None
    after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    if after in _NOT_DURATION_AFTER or (after in {"-", "–"} and k + 2 < len(doc)):
        return None  # "three years ago", "61-year-old"
    first = doc[last]
    while first.i > 0 and doc[first.i - 1].like_num:
        first = doc[first.i - 1]
    if first.i > 0 and doc[first.i - 1].lower_ in _NOT_DURATION_BEFORE:
        return None
    return unit, k


def _verb_of(token: Token) -> Token | None:
    """The nearest verb (or predicative adjective) above `token` in the parse."""
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"} or (current.pos_ == "ADJ" and current.dep_ == "ROOT"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _lemma(token: Token) -> str:
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return " ".join([token.lemma_.lower(), *particles])


def _predicate(verb: Token, anchor: Token, noun: Token | None) -> str:
    """The verb's lemma with what completes it for the counted thing: "lose power" (the
    figure counts who lost it), "without power" ("left 65,000 homes without power")."""
    parts = [_lemma(verb)]
    target = noun if noun is not None else anchor
    inside = {t.i for t in target.subtree}
    for child in verb.children:
        if child.i in inside:
            continue
        noun_object = child.dep_ == "dobj" and child.pos_ == "NOUN" and not child.like_num
        if noun_object or (child.dep_ in {"acomp", "oprd"} and child.pos_ == "ADJ"):
            parts.append(child.lemma_.lower())
        elif child.dep_ == "prep" and child.lower_ in {"without", "from"}:
            objects = [c.lemma_.lower() for c in child.children if c.dep_ == "pobj"]
            parts += [child.lower_, *objects]  # "without power", "forced from home"
    if noun is not None:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "without":
                objects = [c.lemma_.lower() for c in child.children if c.dep_ == "pobj"]
                parts += ["without", *objects]
    return " ".join(dict.fromkeys(parts))


def _name(token: Token, names: dict[int, tuple[str, str]], labels: frozenset[str]) -> str:
    """The named party `token` stands for: its entity, an entity in its modifiers, or the
    proper nouns of its phrase when the entity layer missed them ("the Unity party")."""
    entry = names.get(token.i)
    # "Turnout in Sunday's election ...": a common noun the NER took for a name by its capital
    common_first = token.i == token.sent.start and token.pos_ != "PROPN"
    if entry and entry[1] in labels and not common_first:
        return entry[0]
    modifiers = [c for c in token.children if c.dep_ in {"compound", "poss", "amod", "nmod"}]
    for child in modifiers:
        entry = names.get(child.i)
        if entry and entry[1] in labels:
            return entry[0]
    # A capitalised first word may be a common noun ("Turnout in Sunday's election ...").
    proper = [t for t in (*modifiers, token) if t.pos_ == "PROPN" and t.i != t.sent.start]
    return " ".join(t.text for t in sorted(proper, key=lambda t: t.i))


def _holder(
    verb: Token, anchor: Token, noun: Token | None, names: dict[int, tuple[str, str]]
) -> str:
    """The named party a figure belongs to: the clause's subject when the figure is not the
    subject itself, else the possessor of the counted noun ("Korval's 300 jobs")."""
    target = noun if noun is not None else anchor
    if noun is not None:
        for child in noun.children:
            if child.dep_ == "poss":
                found = _name(child, names, _PARTY_LABELS)
                if found:
                    return found
    inside = {t.i for t in target.subtree}
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in inside:
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return _name(verb.head, names, _PARTY_LABELS)
            if child.lower_ in PERSONAL_PRONOUNS:
                # "he raised $5.7 million": someone's figure, though the parse cannot say whose
                return child.lower_
            return _name(child, names, _PARTY_LABELS)
    return ""


def _places(verb: Token, noun: Token | None, names: dict[int, tuple[str, str]]) -> tuple[str, ...]:
    """Places named in the figure's clause, leaving out clauses of their own (an attribution
    "police in Kessby said" or a "when ..." clause says where something else happened); a
    relative clause takes its noun's places ("its parts unit in Osby, which employs 300")."""
    found: list[str] = []
    roots = [verb] + ([noun] if noun is not None else [])
    if verb.dep_ == "relcl":
        roots += [c for c in verb.head.children if c.dep_ == "prep"]
    seen: set[int] = set()
    for root in roots:
        stack = [root]
        while stack:
            token = stack.pop()
            if token.i in seen:
                continue
            seen.add(token.i)
            entry = names.get(token.i)
            if entry and entry[1] in _PLACE_LABELS:
                found.append(entry[0])
            for child in token.children:
                if child.dep_ in {"advcl", "ccomp", "relcl", "conj", "parataxis"}:
                    continue
                stack.append(child)
    return tuple(dict.fromkeys(found))


def _modality(verb: Token, anchor: Token) -> str:
    """Whether the figure is a request, a condition, a threshold or a difference."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            break
        if current.lemma_.lower() in _REQUEST_VERBS:
            return "requested"
        if current.lemma_.lower() in _THRESHOLD_WORDS:
            return "needed"
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in current.children):
            return "conditional"
        current = current.head if current.dep_ == "xcomp" else None
    # "48 of the 120 seats": the 120 is the whole the other number is part of.
    counted = anchor.head if anchor.dep_ == "nummod" else anchor
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.like_num:
        return "total"
    # "13 short of a majority", "61 needed for a majority", "up from eight"
    right = anchor.doc[anchor.i + 1 : anchor.i + 3]
    if any(t.lower_ in {"short", "shy"} for t in right):
        return "difference"
    if any(t.lower_ in _THRESHOLD_WORDS for t in right):
        return "needed"
    if anchor.i >= 2 and anchor.doc[anchor.i - 2].lower_ in {"up", "down"}:
        return "difference" if anchor.doc[anchor.i - 1].lower_ == "from" else ""
    return ""


def figure_frame(
    anchor: Token, noun: Token | None, names: dict[int, tuple[str, str]]
) -> tuple[str, str, tuple[str, ...], str]:
    """(predicate, holder, places, modality) of the figure whose number is `anchor` and whose
    counted noun (if any) is `noun`."""
    verb = _verb_of(noun if noun is not None else anchor)
    if verb is None:
        return "", "", (), _modality(anchor, anchor)
    # "officials said 23 people died": the light verb's complement holds the figure's verb;
    # a light verb governing the figure directly has no predicate to give.
    predicate = _predicate(verb, anchor, noun)
    if verb.lemma_.lower() in _LIGHT_VERBS:
        predicate = predicate.partition(" ")[2]  # "were still without electricity"
    holder = _holder(verb, anchor, noun, names)
    places = _places(verb, noun, names)
    labels = {name: label for name, label in names.values()}
    if labels.get(holder) in _PLACE_LABELS:
        # "the unit in Osby, which employs 300": a place, not a party
        places, holder = tuple(dict.fromkeys((*places, holder))), ""
    return predicate, holder, places, _modality(verb, anchor)


# --- dated events ------------------------------------------------------------------------------

_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "going", "plan", "expect", "set", "due"})


def _tense(verb: Token) -> str:
    """ "future" for what is to happen ("will meet", "would begin", "is due to"), "past" for
    what happened ("met", "has met"), "" when the verb does not say."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_AUX:
        return "future"
    if verb.tag_ in {"VBD", "VBN"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} and not any(c.dep_ == "aux" for c in verb.children):
        return "future"  # "talks begin on Wednesday": a schedule
    return ""


def _about(verb: Token, names: dict[int, tuple[str, str]], skip: set[int]) -> tuple[str, ...]:
    """What the event happened to: its subject and object nouns (entity names where known)."""
    found = []
    for child in verb.children:
        if child.i in skip:
            continue
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} or (
            child.dep_ == "prep" and child.lower_ in {"with", "on", "of"}
        ):
            heads = [child] if child.dep_ != "prep" else list(child.children)
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                heads = [verb.head]  # "the fire that broke out": the fire
            # "talks with the Greens", "the ferry Margit": what the noun is about, too
            heads += [
                g
                for h in list(heads)
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in {"with", "of", "on", "against"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
            heads += [c for h in list(heads) for c in h.children if c.dep_ in {"compound", "appos"}]
            for head in (h for h in heads if h.i not in skip):
                if head.i in names:
                    found.append(names[head.i][0])
                elif head.pos_ in {"NOUN", "PROPN"}:
                    found.append(head.lemma_.lower())
    return tuple(dict.fromkeys(found))


def event_frame(
    first: Token, last: Token, names: dict[int, tuple[str, str]]
) -> tuple[str, tuple[str, ...], str]:
    """(predicate, about, tense) of the event a date expression (tokens first..last) dates:
    "capsized in a squall on Saturday evening" -> ("capsize", ("ferry", "Margit"), "past")."""
    inside = set(range(first.i, last.i + 1))
    head = max((first.doc[i] for i in inside), key=lambda t: t.head.i not in inside)
    verb = _verb_of(head.head if head.head.i not in inside else head)
    if verb is None:
        return "", (), ""
    predicate = _lemma(verb)
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and child.i not in inside:
            predicate = f"{predicate} {child.lemma_.lower()}"  # "hand sentence", "hold talks"
            break
    return predicate, _about(verb, names, inside), _tense(verb)


def with_events(
    doc: Doc, times: tuple[TimeRef, ...], names: dict[int, tuple[str, str]]
) -> tuple[TimeRef, ...]:
    """The date expressions of `doc` with the event each one dates."""
    out = []
    for ref in times:
        span = doc.char_span(ref.text.start, ref.text.end, alignment_mode="expand")
        if span is None or not len(span):
            out.append(ref)
            continue
        predicate, about, tense = event_frame(span[0], span[-1], names)
        out.append(dataclasses.replace(ref, predicate=predicate, about=about, tense=tense))
    return tuple(out)
