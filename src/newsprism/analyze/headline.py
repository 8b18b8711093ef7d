"""Headline signals: how sensational a headline is, and whether its body backs its claims.

This module owns two checks on an article's headline.

1. Sensationalism, a score from 0 to 1 with the words and marks that drove it: shouted
   ALL-CAPS words (acronyms such as NATO or BBC do not count: they are short, known, or
   written the same way in the body), loaded and hyperbolic words from our own list
   (lexicon/headline_words.txt), exclamation marks, question bait ("You won't believe",
   "Here's why", a closing "?", second person), listicle openings and superlatives.
2. Attribution: a person the headline credits with words or a stance ("Xi admits ‘regret’",
   "Johnson slams ...") is checked against the body. Where the body gives those words (matched
   by lemma: "regret" ~ "regrets") only to someone else, that is a `HeadlineConflict` naming
   both; where the body gives them to the same person, nothing is flagged.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from newsprism.analyze.nlp import text_of
from newsprism.compare.text import colon_speaker
from newsprism.model import Entity, HeadlineConflict, HeadlineSignals, Quote


def _words(text: str) -> list[str]:
    """Words written as whitespace-separated text (easier to read and extend than a list)."""
    return text.split()


# Weights of each driver in the score, set by judgement before measuring (bench/headlines.py
# measures the score's AUC on the Stop Clickbait headlines; nothing here was fitted to them).
_WEIGHTS = {
    "caps": 0.6,
    "loaded": 0.45,
    "exclamation": 0.6,
    "bait": 0.8,
    "question": 0.35,
    "second_person": 0.4,
    "listicle": 0.7,
    "superlative": 0.3,
}

# Capitalised abbreviations that are names, not shouting. Words also written in capitals in
# the body count as such too, and words of three letters or fewer always do.
_ACRONYMS = frozenset(
    _words(
        """
    NATO USSR OPEC NASA FIFA UEFA UNESCO UNICEF UNHCR IAEA ASEAN BRICS ISIS ISIL LGBT LGBTQ
    COVID SARS MERS AIDS CCTV ICBC HSBC NYPD LAPD SWAT MSNBC NPR OFCOM DEFRA NHS BBC CNN FBI
    CIA GCHQ MI5 MI6 IPCC OECD WHO CEO CFO NAACP ACLU AARP NCAA NASDAQ FTSE DAX NIKKEI
    EURO USMCA NAFTA HMRC DVLA TSA FEMA NOAA EPA IRS DOJ DHS NSA ICE
    """
    )
)
_STANCE_VERBS = frozenset(
    _words(
        """
    admit concede confess say tell vow pledge promise warn threaten slam blast attack accuse
    blame condemn denounce criticise criticize praise hail back support endorse reject deny
    dismiss refuse insist claim declare announce reveal urge demand call brand regret
    apologise apologize express voice signal hint suggest agree acknowledge lament mourn fume
    rage mock boast brag defend question doubt fear predict
    """
    )
)
_STANCE_NOUNS = frozenset(
    _words(
        """
    regret apology admission confession warning vow pledge promise threat demand ultimatum
    plea call praise criticism condemnation denial support backing endorsement fear doubt
    sorrow condolence anger fury outrage
    """
    )
)
# Verbs that carry no claim of their own: only quoted words make "X says ..." checkable.
_NEUTRAL_VERBS = frozenset({"say", "tell", "call", "express", "voice", "announce", "declare"})
_REPORTING_VERBS = frozenset(
    _words(
        """
    say tell add note state remark acknowledge admit express voice declare announce insist
    claim stress reiterate write tweet explain argue warn urge confirm reply respond answer
    """
    )
)
_HEADLINE_QUOTE = re.compile(r"[‘'\"“]([^‘’'\"“”]{2,80})[’'\"”]")
_BAIT = re.compile(
    r"(?i)\b(?:you\s+won['’]?t\s+believe|you['’]ll\s+never\s+guess|here['’]?s\s+(?:why|what|how)"
    r"|here\s+is\s+(?:why|what|how)|this\s+is\s+(?:why|what|how)|what\s+happen(?:s|ed)\s+next"
    r"|the\s+reason\s+why|reasons\s+why|you\s+need\s+to\s+(?:know|see)|will\s+make\s+you"
    r"|blow\s+your\s+mind|can\s+you\s+guess|guess\s+what|wait\s+(?:till|until)\s+you"
    r"|find\s+out|need\s+to\s+know|is\s+all\s+of\s+us|things\s+(?:you|only|that)"
    r"|the\s+internet\s+is|people\s+are\s+(?:freaking|losing))\b"
)
_LISTICLE = re.compile(
    r"^\s*(?:\d{1,3}|ten|five|seven|nine|twelve)\s+(?:\w+\s+){0,2}"
    r"(?:things|reasons|ways|times|signs|facts|photos|pictures|people|tips|tricks|secrets"
    r"|questions|moments|celebrities|struggles|problems|words|foods|places|songs|movies|shows"
    r"|dogs|cats|tweets|gifs|memes)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = frozenset({"you", "your", "you're", "yours", "yourself"})
_LETTERS = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=1)
def loaded_words() -> frozenset[str]:
    """Our list of loaded and hyperbolic headline words (lowercase)."""
    text = (
        resources.files("newsprism.analyze")
        .joinpath("lexicon", "headline_words.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def headline_signals(
    title: str,
    title_doc: Doc,
    body_doc: Doc,
    entities: tuple[Entity, ...],
    quotes: tuple[Quote, ...],
) -> HeadlineSignals:
    """The headline's sensationalism score with its drivers, and its conflicts with the body."""
    score, drivers = sensationalism(title, title_doc, text_of(body_doc))
    conflicts = headline_conflicts(title, title_doc, body_doc, entities, quotes)
    return HeadlineSignals(score=score, drivers=drivers, conflicts=conflicts)


# --- sensationalism --------------------------------------------------------------------------


def sensationalism(title: str, title_doc: Doc, body: str = "") -> tuple[float, tuple[str, ...]]:
    """Score in [0, 1] and the drivers behind it, from the headline alone (the body only
    tells acronyms from shouting)."""
    drivers: list[str] = []
    total = 0.0
    words = [t for t in title_doc if _LETTERS.search(t.text)]
    caps = [t for t in words if _shouted(t, body)]
    # A headline set wholly in capitals is a house style, not one shouted word.
    if words and len(caps) > 0.6 * len(words) and len(words) > 2:
        caps = caps[:1]
    loaded = loaded_words()
    seen: set[str] = set()
    for token in caps[:3]:
        total += _WEIGHTS["caps"]
        drivers.append(token.text)
        seen.add(token.lower_)
    for token in words:
        lower = token.lower_
        if lower in seen:
            # A shouted loaded word counts as both, once each ("CRUMBLING").
            if lower in loaded or token.lemma_.lower() in loaded:
                total += _WEIGHTS["loaded"]
            continue
        if lower in loaded or (token.lemma_.lower() in loaded and token.pos_ != "PROPN"):
            total += _WEIGHTS["loaded"]
            drivers.append(token.text)
            seen.add(lower)
    for phrase in _multiword_loaded(title.lower(), loaded):
        total += _WEIGHTS["loaded"]
        drivers.append(phrase)
    exclamations = title.count("!")
    if exclamations:
        total += _WEIGHTS["exclamation"] * min(exclamations, 2)
        drivers.append("!")
    bait = _BAIT.search(title)
    if bait:
        total += _WEIGHTS["bait"]
        drivers.append(bait.group(0))
    if title.rstrip().endswith("?"):
        total += _WEIGHTS["question"]
        drivers.append("?")
    if any(t.lower_ in _SECOND_PERSON for t in words):
        total += _WEIGHTS["second_person"]
        drivers.append("you")
    listicle = _LISTICLE.search(title)
    if listicle:
        total += _WEIGHTS["listicle"]
        drivers.append(listicle.group(0).strip())
    for token in words:
        if token.tag_ in {"JJS", "RBS"} and token.lower_ not in seen and token.lower_ != "most":
            total += _WEIGHTS["superlative"]
            drivers.append(token.text)
            seen.add(token.lower_)
    # Saturating: each further driver adds less; two strong drivers give about 0.7.
    score = 1.0 - math.exp(-total)
    return round(score, 3), tuple(drivers)


def _shouted(token: Token, body: str) -> bool:
    text = token.text
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return False
    if text in _ACRONYMS or text.rstrip("S") in _ACRONYMS:
        return False
    # Written in capitals in the body too: an acronym or a name (ICBC, CCTV), not shouting.
    return not (body and re.search(r"\b" + re.escape(text) + r"\b", body))


def _multiword_loaded(title: str, loaded: frozenset[str]) -> list[str]:
    return [p for p in loaded if " " in p and re.search(r"\b" + re.escape(p) + r"\b", title)]


# --- attribution against the body ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Claim:
    person: str
    """The person as the headline names them (canonical name when the body has it)."""
    person_entity: Entity | None
    words: str
    lemmas: frozenset[str]


def headline_conflicts(
    title: str,
    title_doc: Doc,
    body_doc: Doc,
    entities: tuple[Entity, ...],
    quotes: tuple[Quote, ...],
) -> tuple[HeadlineConflict, ...]:
    """Claims the headline credits to a person that the body gives only to someone else."""
    conflicts: list[HeadlineConflict] = []
    for claim in _claims(title, title_doc, entities):
        conflict = _check_claim(claim, body_doc, entities, quotes)
        if conflict is not None:
            conflicts.append(conflict)
    return tuple(conflicts)


def _claims(title: str, title_doc: Doc, entities: tuple[Entity, ...]) -> list[_Claim]:
    """Who the headline credits with what: quoted words after a person, the stance noun a
    stance verb takes ("admits regret"), or a charged stance verb itself ("slams")."""
    people = _headline_people(title_doc, entities)
    quoted = [
        (m.start(1), m.group(1)) for m in _HEADLINE_QUOTE.finditer(title) if m.group(1).strip()
    ]
    # "Khans: Trump stirs 'ugliness'": what follows a speaker's colon is that speaker's
    # claim, so nobody named after the colon is credited with anything (PolNeAR, USA Today).
    if colon_speaker(title) is not None:
        colon = title.find(":")
        people = [p for p in people if title_doc[p[0]].idx < colon]
    claims: list[_Claim] = []
    for token_index, name, entity in people:
        person_token = title_doc[token_index]
        stance = _stance_for(person_token)
        if stance is None:
            continue
        # Quoted words after the stance word and within its phrase, or else the stance noun
        # or verb. "Justice vows to be 'more circumspect'" after "Ginsburg apologizes for
        # Trump comments;" does not put the words in Trump's mouth (PolNeAR headlines).
        phrase_end = stance.right_edge.idx + len(stance.right_edge.text)
        after = [
            (start, text)
            for start, text in quoted
            if stance.idx < start < phrase_end and ";" not in title[stance.idx : start]
        ]
        if after:
            words = after[0][1]
            doc_span = title_doc.char_span(
                after[0][0], after[0][0] + len(words), alignment_mode="expand"
            )
            lemmas = frozenset(
                t.lemma_.lower() for t in (doc_span or []) if t.is_alpha and not t.is_stop
            )
        else:
            noun = next(
                (c for c in stance.children if c.lemma_.lower() in _STANCE_NOUNS),
                None,
            )
            if noun is not None:
                words, lemmas = noun.text, frozenset({noun.lemma_.lower()})
            elif stance.lemma_.lower() in _NEUTRAL_VERBS or stance.pos_ != "VERB":
                continue
            else:
                words, lemmas = stance.text, frozenset({stance.lemma_.lower()})
        if lemmas:
            claims.append(_Claim(name, entity, words, lemmas))
    return claims


def _headline_people(
    title_doc: Doc, entities: tuple[Entity, ...]
) -> list[tuple[int, str, Entity | None]]:
    """(token index, name, body entity) of each person named in the headline; a body person
    whose name shares a word with the headline mention gives the canonical name."""
    people: list[tuple[int, str, Entity | None]] = []
    body_people = [e for e in entities if e.label == "PERSON"]
    seen: set[int] = set()
    for token in title_doc:
        if token.pos_ != "PROPN" or token.i in seen:
            continue
        match = _body_person(token.text, body_people)
        is_person = token.ent_type_ == "PERSON"
        if match is None and not is_person:
            continue
        # The last token of the name is the one the verb attaches to.
        end = token.i
        while (
            end + 1 < len(title_doc)
            and title_doc[end + 1].pos_ == "PROPN"
            and (title_doc[end + 1].ent_type_ == "PERSON")
        ):
            end += 1
        for k in range(token.i, end + 1):
            seen.add(k)
        name = title_doc[token.i : end + 1].text if match is None else match.name
        if match is None:
            for k in range(token.i, end + 1):
                match = match or _body_person(title_doc[k].text, body_people)
            name = match.name if match else name
        people.append((end, name, match))
    return people


def _body_person(word: str, people: list[Entity]) -> Entity | None:
    """The body's person whose canonical name has `word` as one of its words (most mentioned
    first), so "Xi" in a headline finds "Xi Jinping"."""
    folded = word.casefold().rstrip("’'s") if word.endswith(("'s", "’s")) else word.casefold()
    candidates = [e for e in people if folded in {w.casefold() for w in e.name.split()}]
    return max(candidates, key=lambda e: e.count, default=None)


def _stance_for(person: Token) -> Token | None:
    """The stance verb or noun the headline ties to this person: the verb the name is the
    subject of, the noun it possesses, or (for poorly parsed headlines) a stance word just
    after the name."""
    head = person.head
    if person.dep_ in {"nsubj", "nsubjpass"} and _is_stance(head):
        return head
    if person.dep_ == "poss" and head.lemma_.lower() in _STANCE_NOUNS:
        return head
    doc = person.doc
    for k in range(person.i + 1, min(person.i + 3, len(doc))):
        if _is_stance(doc[k]):
            return doc[k]
    return None


def _is_stance(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in _STANCE_VERBS or lemma in _STANCE_NOUNS or token.lower_ in _STANCE_VERBS


def _check_claim(
    claim: _Claim, body: Doc, entities: tuple[Entity, ...], quotes: tuple[Quote, ...]
) -> HeadlineConflict | None:
    """A conflict when the body has the claim's words and gives them to someone other than
    the headline's person, and never to that person."""
    others: list[tuple[str, str]] = []
    for sentence in body.sents:
        hits = [t for t in sentence if t.lemma_.lower() in claim.lemmas]
        if not hits or len({t.lemma_.lower() for t in hits}) < max(1, len(claim.lemmas) // 2):
            continue
        for token in hits:
            speaker = _speaker_of(token, entities, quotes)
            if speaker is None:
                continue
            name, key = speaker
            if _same_person(claim, name, key):
                return None
            # Only a named person contradicts the headline: "the former secretary" may be
            # the headline's person under another name.
            if key is not None and key.startswith("person:"):
                others.append((name, sentence.text.strip()))
    # Words the body gives to several people are a phrase in circulation ("New York
    # values"), not one person's words the headline moved to another.
    if not others or len({name for name, _ in others}) > 1:
        return None
    name, evidence = others[0]
    return HeadlineConflict(
        claim=claim.words, headline_person=claim.person, body_speaker=name, evidence=evidence
    )


def _speaker_of(
    token: Token, entities: tuple[Entity, ...], quotes: tuple[Quote, ...]
) -> tuple[str, str | None] | None:
    """Who the body gives the words at `token` to: the speaker of the quote around it, else
    the subject of the reporting verb above it, else the subject of the word itself."""
    offset = token.idx
    for quote in quotes:
        if quote.content.start <= offset < quote.content.end and quote.speaker_name:
            return quote.speaker_name, quote.speaker_key
    current = token
    for _ in range(6):
        if current.lemma_.lower() in _REPORTING_VERBS or current.i == token.i:
            subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and (
                current.i != token.i or current.lemma_.lower() in _STANCE_VERBS
            ):
                entity = _entity_at(subject, entities)
                if entity is not None and entity.label == "PERSON":
                    return entity.name, entity.key
                if current.i != token.i and subject.pos_ == "PROPN":
                    return subject.text, None
        if current.head.i == current.i:
            break
        current = current.head
    return None


def _entity_at(token: Token, entities: tuple[Entity, ...]) -> Entity | None:
    start, end = token.idx, token.idx + len(token.text)
    for entity in entities:
        for mention in entity.mentions:
            if mention.start < end and start < mention.end:
                return entity
    return None


def _same_person(claim: _Claim, name: str, key: str | None) -> bool:
    if claim.person_entity is not None and key is not None:
        return claim.person_entity.key == key
    mine = {w.casefold() for w in claim.person.split()}
    theirs = {w.casefold() for w in name.split()}
    return bool(mine & theirs)
