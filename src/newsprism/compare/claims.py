"""Headlines as claims: who the headline says said what, checked against its own body by meaning.

"Ferry captain admits vessel was overloaded" credits the captain with a claim. When the body
quotes the captain nowhere, and gives the same claim in other words to someone else ("Orvann
Lines spokeswoman Lene Dahl said the ferry may have been carrying more people than its licence
allowed"), the headline moved the claim to the wrong person. Quoted headline words are checked
in `conflicts`; this module checks paraphrase.

Precision first: the headline's speaker must be named or given a role the body mentions, the
body must quote that speaker nowhere, the closest statement by a named person must be close
enough in meaning (sentence embeddings) and clearly closer than any other named person's, and
no statement whose speaker could be the headline's ("he said", an unnamed "captain") may be
closer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.compare.align import QuoteItem, quote_citation
from newsprism.compare.embed import VectorCache, embed_by_article
from newsprism.compare.records import Citation, Conflict
from newsprism.compare.sources import People, Source
from newsprism.compare.text import same_person

# Verbs by which a headline gives a claim to a speaker. Written for this project.
_CLAIM_VERBS = (
    "admits|admitted|says|said|claims|denies|concedes|confirms|insists|warns|reveals|"
    "acknowledges|accepts|blames|accuses|vows|pledges|promises|tells|argues|suggests|believes"
)
_HEADLINE_CLAIM = re.compile(
    r"^(?P<who>[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}?)\s+(?P<verb>" + _CLAIM_VERBS + r")\s+"
    r"(?:that\s+)?(?P<claim>.+?)(?:\s+(?:as|amid|after|while|before|despite)\s+.*)?$"
)
# Words a headline uses for who speaks when it gives a role, not a name. Written for this
# project; any of them names a role the body must mention for the check to run.
_ROLE_WORDS = frozenset(
    [
        "captain",
        "pilot",
        "driver",
        "mayor",
        "minister",
        "president",
        "governor",
        "chancellor",
        "premier",
        "senator",
        "councillor",
        "ceo",
        "chief",
        "boss",
        "chairman",
        "chairwoman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "judge",
        "prosecutor",
        "lawyer",
        "coach",
        "manager",
        "owner",
        "founder",
        "director",
        "officer",
        "commander",
        "general",
        "secretary",
        "king",
        "queen",
        "pope",
        "police",
        "doctor",
        "teacher",
        "official",
        "operator",
    ]
)
# Cosine (all-MiniLM-L6-v2) above which a body statement may be the headline's claim in other
# words. Low on purpose: a headline compresses a statement into a few words (0.41 for the
# conflicts set's "vessel was overloaded" against "may have been carrying more people than its
# licence allowed"); the other conditions above carry the precision.
CLAIM_SIMILARITY = 0.4
# How much closer in meaning than any other named person's statement the chosen one must be.
CLAIM_MARGIN = 0.1


@dataclass(frozen=True, slots=True)
class HeadlineClaim:
    who: str
    verb: str
    claim: str


def headline_claim(title: str) -> HeadlineClaim | None:
    """The headline's who-says-what, when it has that shape."""
    found = _HEADLINE_CLAIM.match(title.strip())
    if found is None:
        return None
    claim = re.split(r"[;:|]", found.group("claim"))[0].strip(" .'\"‘’“”")
    if len(claim.split()) < 2:
        return None
    return HeadlineClaim(found.group("who").strip(), found.group("verb"), claim)


def _speaker_is(item: QuoteItem, who: str, person: str | None, role: str | None) -> bool:
    if person and item.speaker and same_person(item.speaker, person):
        return True
    if role is None:
        return False
    shown = f"{item.quote.speaker.text if item.quote.speaker else ''} {item.speaker or ''}"
    return role in shown.casefold() or who.casefold() in shown.casefold()


_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _could_be(item: QuoteItem, role: str | None) -> bool:
    """Whether an unnamed speaker may be the headline's: a pronoun, nobody, or the role."""
    shown = (item.quote.speaker.text if item.quote.speaker else "").strip().casefold()
    return not shown or shown in _PRONOUNS or bool(role and role in shown)


def _who(claim: HeadlineClaim, source: Source, people: People) -> tuple[str | None, str | None]:
    """(person, role) the headline's speaker stands for; (None, None) when unknown."""
    words = claim.who.split()
    for entity in source.analysis.entities:
        if entity.label == "PERSON" and entity.name.split()[-1] in words:
            return people.name(entity.key, entity.name), None
    role = next((w.casefold() for w in reversed(words) if w.casefold() in _ROLE_WORDS), None)
    if role and re.search(r"\b" + re.escape(role) + r"\b", source.article.body, re.I):
        return None, role
    return None, None


def headline_paraphrase_conflicts(
    sources: Sequence[Source], quotes: Sequence[QuoteItem], people: People, cache: VectorCache
) -> list[Conflict]:
    """Headlines that give a claim to someone their own body never quotes, where the body gives
    the claim in other words to another named person."""
    conflicts = []
    for source in sources:
        claim = headline_claim(source.article.title)
        if claim is None:
            continue
        person, role = _who(claim, source, people)
        if person is None and role is None:
            continue
        own = [item for item in quotes if item.source.id == source.id]
        if not own or any(_speaker_is(item, claim.who, person, role) for item in own):
            continue
        texts = [claim.claim, *(item.quote.content.text for item in own)]
        vectors = embed_by_article([(source.id, text) for text in texts], cache)
        scores = [float(x) for x in vectors[1:] @ vectors[0]]
        ranked = sorted(range(len(own)), key=lambda i: -scores[i])
        named = [i for i in ranked if own[i].person]
        if not named or scores[named[0]] < CLAIM_SIMILARITY:
            continue
        # A closer statement whose speaker could be the headline's ("he said") leaves it open.
        if any(_could_be(own[i], role) for i in ranked[: ranked.index(named[0])]):
            continue
        runner_up = scores[named[1]] if len(named) > 1 else 0.0
        if scores[named[0]] - runner_up < CLAIM_MARGIN:
            continue
        other = own[named[0]]
        headline = Citation(
            article_id=source.id,
            outlet=source.outlet,
            text=claim.claim,
            context=source.article.title,
            speaker=person or claim.who,
        )
        conflicts.append(
            Conflict(
                kind="headline",
                topic=claim.claim,
                description=(
                    f"The headline says {claim.who} {claim.verb} '{claim.claim}'; the body quotes "
                    f"{person or 'the ' + (role or claim.who)} nowhere and gives this in other "
                    f"words to {other.speaker}."
                ),
                sides=(headline, quote_citation(other)),
            )
        )
    return conflicts
