"""Who asks and who answers in an interview transcript ("Q: ... A: ..." lines).

A transcript labels its lines "Q:" and "A:" (or "Question:", "Answer:") instead of naming
anyone, so the label itself says nothing a reader can use. The article names both people in
its introduction: "Governor Lena Marsh sat down with the Ledger's Tom Ellery", "In an interview
with Tom Ellery, Marsh said ...", "Ellery asked Marsh ...". The questions are the
interviewer's; the answers are the interviewee's, a person and never an organisation (a
one-letter "A" is not a role to be matched against organisation names). Where the article
does not say who asked, the questions stay the interviewer's, unnamed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsprism.model import Entity

QUESTION_LABELS = frozenset({"q", "question", "questions"})
ANSWER_LABELS = frozenset({"a", "answer", "answers"})

# Verbs whose subject asks the questions ("Ellery asked Marsh", "Ellery interviewed Marsh").
_ASKING_VERBS = frozenset({"ask", "interview", "question", "press"})


@dataclass(frozen=True, slots=True)
class Roles:
    """The two people of an interview, where the article names them."""

    interviewer: Entity | None
    interviewee: Entity | None


def is_label(speaker: Token) -> bool:
    """Whether a colon line's speaker is a transcript label ("Q", "A") rather than a name."""
    return speaker.lower_ in QUESTION_LABELS | ANSWER_LABELS


def roles(doc: Doc, entities: tuple[Entity, ...]) -> Roles:
    """The interviewer and the interviewee, from the first sentence that pairs two people
    with an interview ("X sat down with Y", "in an interview with Y, X said", "Y asked X"),
    else the person the article names most often as the interviewee."""
    people = [e for e in entities if e.label == "PERSON"]
    by_mention: dict[tuple[int, int], Entity] = {}
    for person in people:
        for m in person.mentions:
            by_mention[(m.start, m.end)] = person
    for sent in doc.sents:
        pair = _pair_in(sent, by_mention)
        if pair is not None:
            return Roles(*pair)
    # No sentence says who asked: the answers are the most-mentioned person's.
    if not people:
        return Roles(None, None)
    most = max(people, key=lambda e: len(e.mentions))
    return Roles(None, most)


def _person_at(token: Token, by_mention: dict[tuple[int, int], Entity]) -> Entity | None:
    for (start, end), person in by_mention.items():
        if start <= token.idx < end:
            return person
    return None


def _pair_in(sent: Span, by_mention: dict[tuple[int, int], Entity]) -> tuple[Entity, Entity] | None:
    """(interviewer, interviewee) if this sentence pairs two people with an interview."""
    for token in sent:
        if token.pos_ != "PROPN":
            continue
        person = _person_at(token, by_mention)
        if person is None:
            continue
        head = token.head
        asker = head.lemma_.lower() in _ASKING_VERBS and token.dep_ == "nsubj"
        # "with Tom Ellery", "with the Ledger's Tom Ellery": the one the subject talks with.
        talked_with = token.dep_ == "pobj" and head.lower_ == "with"
        if not (asker or talked_with):
            continue
        if asker:
            others = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
        else:
            verb = head.head
            while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                verb = verb.head
            others = [c for c in verb.children if c.dep_ == "nsubj"]
        for other in others:
            answering = _person_at(other, by_mention)
            if answering is not None and answering.key != person.key:
                return person, answering
    return None
