"""Who is speaking: the subject of a reporting verb and the entity it stands for.

`subject` finds the grammatical subject of a cue through conjunctions, participles and
prepositional gerunds; `subject_span` widens it to the written noun phrase; `Resolver` maps
a speaker token to the article's entity: a name directly, a pronoun to the nearest preceding
compatible entity (a person of the pronoun's gender where the text tells it: an honorific, or
a first name in gender-guesser's list), a bare role ("the ministry") to the nearest preceding
organisation of that kind, else the role text itself.
"""

from __future__ import annotations

import bisect
import functools
import re

from spacy.tokens import Doc, Token

from newsprism.analyze.nlp import text_of
from newsprism.model import Entity, Span

_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_GROUP = frozenset({"they", "them", "we"})
_PRONOUNS_THING = frozenset({"it"})
# People who speak for someone else.
_AGENTS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "lawyer",
        "lawyers",
        "attorney",
        "attorneys",
        "representative",
        "representatives",
    ]
)
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

# An honorific right before a mention ("Mr. Wang", "Ms Lopez") tells the person's gender.
_HONORIFIC = re.compile(r"\b(?:(Mr|Sir|Lord)|(Mrs|Ms|Miss|Madam|Dame|Lady))\.?\s+$")


@functools.lru_cache(maxsize=1)
def _first_names() -> object:
    """gender-guesser's detector (a list of first names by country and gender; offline)."""
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def _name_gender(first: str) -> str | None:
    guess = _first_names().get_gender(first)  # type: ignore[attr-defined]
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(guess)


# --- subjects --------------------------------------------------------------------------------


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, through conjunctions and participles.

    A parse can run a sentence over a paragraph break ("... a plan.”\n\nPruitt, for example,
    said he's hopeful"): a subject found in another paragraph is not this verb's; the name the
    parse left hanging on the verb's own line before it is. PolNeAR train: speaker accuracy
    0.8887 -> 0.8897."""
    found = _passive_agent(verb) or _subject(verb)
    if found is None and verb.dep_ == "conj":
        found = _earlier_subject(verb)
    if found is None:
        found = _noun_ahead(verb)
    if found is None:
        found = _noun_right_before(verb)
    if found is not None:
        found = _poll_of_share(found) or found
        found = _named_in_apposition(found)
        found = _issuer(found) or found
    if found is None or same_line(found, verb):
        return found
    # A second subject on the verb's own line ("...in Milwaukee.\n\nSen. Bernie Sanders
    # supports the proposal"). PolNeAR train: speaker accuracy 0.8921 -> 0.8933.
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and same_line(child, verb):
            return child
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and same_line(doc[i], verb):
        i -= 1
    for token in doc[i + 1 : verb.i]:
        if token.pos_ in {"PROPN", "NOUN", "PRON"} and not same_line(token, token.head):
            return token
    return None


_POLLS = frozenset({"poll", "survey"})


def _poll_of_share(share: Token) -> Token | None:
    """The poll that measured a share ("Some 20 percent of people in a recent CNN/ORC poll
    said ...", "Sixty-seven percent of Americans said ... in a Post-ABC poll"): the poll
    is the source of what its respondents said. PolNeAR train: speaker accuracy 0.9069 ->
    0.9071 (4 right, 1 lost: a second share after the poll's); any poll of the sentence,
    "polls" too, gave 0.9070 (5 right, 3 lost)."""
    if share.lower_ not in {"percent", "%"}:
        return None
    # Only a poll of the share's own clause, one poll (not "leads in the polls").
    polls = [t for t in share.head.subtree if t.lower_ in _POLLS and t.tag_ == "NN"]
    return polls[0] if polls else None


def _passive_agent(verb: Token) -> Token | None:
    """Who asked, told or did what a passive verb reports, when the text names them ("Rubio
    was asked by moderator Gerard Baker whether ..."): the agent, not the one asked. PolNeAR
    train: speaker accuracy 0.9065 -> 0.9069 (4 right, none lost), F1 unchanged."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _noun_ahead(verb: Token) -> Token | None:
    """ "Jeffrey Salkin, a rabbi helping to organize the boycott, said he ...", parsed with the
    speaker as a clause of "said": the name that opens the noun phrase the parse hung on the
    verb ahead of it."""
    reports_after = any(c.dep_ == "ccomp" for c in verb.rights)
    for child in verb.lefts:
        if child.dep_ in {"ccomp", "dep", "npadvmod"} and child.pos_ in {"NOUN", "PROPN"}:
            names = [t for t in child.subtree if t.pos_ == "PROPN" and t.i < child.i]
            return names[0] if names and names[0].i == child.left_edge.i else child
        if child.dep_ == "ccomp" and reports_after:
            # ... or tagged the title a verb whose subject is the name ("Salkin ... rabbi").
            names = [c for c in child.lefts if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
            if names:
                return names[0]
    return None


def _issuer(pronoun: Token) -> Token | None:
    """Who issued the thing a relative "that"/"which" stands for ("House Republicans issued a
    report that cited ...", "Sanders is releasing an ad that urges ..."), as "issued a
    statement saying" does: the subject of the verb whose object the thing is. PolNeAR
    train: speaker accuracy 0.9050 -> 0.9061, F1 unchanged."""
    if pronoun.tag_ != "WDT" or pronoun.head.dep_ != "relcl":
        return None
    thing = pronoun.head.head
    if thing.dep_ != "dobj" or thing.pos_ != "NOUN" or thing.head.pos_ not in {"VERB", "AUX"}:
        return None
    return subject(thing.head)


def _named_in_apposition(noun: Token) -> Token:
    """The name a role subject is given in apposition ("The head of the super PAC, Mike
    Murphy, praised ...", "One of the men, Jessie Elkins, 70, said"): the name speaks.
    PolNeAR train: speaker accuracy 0.9046 -> 0.9050, F1@0.3 0.7518 -> 0.7519."""
    if noun.pos_ not in {"NOUN", "NUM"}:
        return noun
    for child in noun.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return noun


def _noun_right_before(verb: Token) -> Token | None:
    """The noun phrase that ends right before a verb whose subject the parse hung on an opening
    phrase ("Alarmed by the unrest, Senator Harry Reid, the minority leader, said ...", "In an
    interview with hosts X and Y, the candidate stated ..."). After a closing comma the phrase
    is "Name, title,": the name speaks. PolNeAR train: speaker accuracy 0.9015 -> 0.9034, F1
    unchanged."""
    doc = verb.doc
    i = verb.i - 1
    closed = i >= 0 and doc[i].text == ","
    if closed:
        i -= 1
    if i < 0 or doc[i].pos_ not in {"NOUN", "PROPN"} or not same_line(doc[i], verb):
        return None
    noun = doc[i]
    while noun.dep_ in {"compound", "flat"} and noun.head.i > noun.i and noun.head.i < verb.i:
        noun = noun.head
    if closed and noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return noun.head
    return _outside_relative(noun, verb) if closed else noun


def _outside_relative(noun: Token, verb: Token) -> Token:
    """The noun a relative clause describes, when the noun before the verb's comma ends that
    clause ("Donald Trump, who is vying to be the next president, tweeted", "Sanders,
    meanwhile, who sits at zero such endorsements, said"): the one described speaks. PolNeAR
    train: speaker accuracy 0.9062 -> 0.9064 (3 right, none lost), F1 unchanged."""
    start = verb.sent.start
    for token in reversed(verb.doc[start : noun.i]):
        if token.text == ",":
            return noun
        if token.tag_ != "WP" or token.lower_ != "who":
            continue
        before = token.i - 1
        if before <= start or verb.doc[before].text != ",":
            return noun
        # Skip an adverb set off by commas (", meanwhile,") between the name and "who".
        while before > start and verb.doc[before].text == ",":
            before -= 1
            if verb.doc[before].pos_ == "ADV" and before > start:
                before -= 1
        described = verb.doc[before]
        if described.pos_ in {"PROPN", "NOUN"} and same_line(described, verb):
            while described.dep_ in {"compound", "flat"} and described.head.i == described.i + 1:
                described = described.head
            return described
        return noun
    return noun


def _earlier_subject(verb: Token) -> Token | None:
    """ "Trump summed up Clinton as "terrible," denounced her record and said ...", parsed
    with the first verb under the second: the nearest subject before the verb in its
    sentence. PolNeAR train: speaker accuracy 0.8933 -> 0.8941."""
    sentence_start = verb.sent.start
    for token in reversed(verb.doc[sentence_start : verb.i]):
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"PROPN", "NOUN", "PRON"}:
            return token
    return None


def same_line(a: Token, b: Token) -> bool:
    """Whether no line break lies between tokens `a` and `b`."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def _subject(verb: Token) -> Token | None:
    current: Token | None = verb
    for _ in range(5):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        # "..., saying ..." / "and added ...": the subject of the verb it hangs on.
        if current.dep_ in {"conj", "advcl", "xcomp", "acl", "relcl"} and current.head != current:
            nominal = current.head.pos_ in {"PROPN", "NOUN", "PRON"}
            # "Cruz, who said ...", "a staffer alleging ...": the noun is the speaker.
            if nominal and current.dep_ == "relcl":
                return current.head
            if nominal and current.dep_ == "acl" and current.tag_ == "VBG":
                # ... unless the noun is what someone issued ("McConnell issued a statement
                # saying ..."): then the one who issued it speaks.
                if current.head.dep_ != "dobj":
                    return current.head
                current = current.head.head
                continue
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            # "rebuked Trump for suggesting ...", "after hinting ...": the subject of the
            # verb the preposition belongs to.
            holder = current.head.head
            if holder.pos_ not in {"VERB", "AUX"}:
                return None
            current = holder
        else:
            return None
    return None


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Cruz, who said ...": Cruz), else the token."""
    if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def subject_span(token: Token) -> tuple[int, int]:
    """The speaker noun phrase: the head with its compounds, titles and modifiers. A relative
    pronoun stays itself (PolNeAR marks "who" as the source); `Resolver` names whom it means."""
    left = token
    if token.dep_ == "appos" and token.head.pos_ == "NOUN" and token.head.i < token.i:
        # "The driver, Tomasz Wrona, told police": the role stays in the speaker as written.
        left = token.head.left_edge
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "det", "poss", "nmod", "case"}:
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = token
    for child in token.rights:
        if child.dep_ in {"compound", "flat"}:
            right = max(right, child.right_edge, key=lambda t: t.i)
        elif child.dep_ == "prep" and child.lower_ == "of" and _counts_others(token):
            # "Two of the seven members of the board wanted ...": a number says nothing alone.
            right = max(right, child.right_edge, key=lambda t: t.i)
    return left.idx, right.idx + len(right.text)


_QUANTIFIERS = frozenset(
    {"some", "many", "most", "several", "half", "none", "all", "each", "one", "few", "both"}
)


def _counts_others(token: Token) -> bool:
    """Whether the speaker is a count of a group named after it ("Two of", "Most of")."""
    return token.like_num or token.lower_ in _QUANTIFIERS


class Resolver:
    """Maps a speaker token to the canonical name and key of an entity of the article."""

    def __init__(self, doc: Doc, entities: tuple[Entity, ...]) -> None:
        self.doc = doc
        spans: list[tuple[int, int, Entity]] = []
        for entity in entities:
            for m in entity.mentions:
                spans.append((m.start, m.end, entity))
        spans.sort(key=lambda x: x[0])
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self._genders: dict[str, str | None] = {}
        self._text: str | None = None

    def gender(self, entity: Entity) -> str | None:
        """ "m" or "f" where the text tells (an honorific before a mention, else a first name
        in gender-guesser's list), else None."""
        if entity.key not in self._genders:
            if self._text is None:
                self._text = text_of(self.doc)
            text = self._text
            found: str | None = None
            for m in entity.mentions:
                hit = _HONORIFIC.search(text, max(0, m.start - 8), m.start)
                if hit:
                    found = "m" if hit.group(1) else "f"
                    break
            if found is None and " " in entity.name:
                found = _name_gender(entity.name.split()[0])
            self._genders[entity.key] = found
        return self._genders[entity.key]

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring people."""
        i = bisect.bisect_right(self.starts, end) - 1
        best: Entity | None = None
        while i >= 0 and self.spans[i][0] >= start - 60:
            s, e, entity = self.spans[i]
            if s < end and e > start and (best is None or entity.label == "PERSON"):
                best = entity
            i -= 1
        return best

    def before(self, offset: int, labels: set[str], word: str | None = None) -> Entity | None:
        """The nearest entity mentioned before `offset` with one of `labels`."""
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0:
            _, _, entity = self.spans[i]
            if entity.label in labels and (word is None or word in entity.name.lower()):
                return entity
            i -= 1
        return None

    def resolve(self, token: Token, span: Span) -> tuple[str | None, str | None]:
        if antecedent(token) is not token:
            token = antecedent(token)
            span = Span(token.text, token.idx, token.idx + len(token.text), span.paragraph)
        entity = self.at(token.idx, token.idx + len(token.text))
        if entity is not None:
            return entity.name, entity.key
        lower = token.lower_
        if lower in _PRONOUNS_PERSON and any(c.lower_ == "also" for c in token.head.children):
            found = self._passage_subject(token) or self._person_before(token)
        elif lower in _PRONOUNS_PERSON:
            found = self._person_before(token)
        elif lower in _PRONOUNS_GROUP:
            found = self.before(token.idx, {"ORG", "NORP", "PERSON"})
        elif lower in _PRONOUNS_THING:
            found = self.before(token.idx, {"ORG", "GPE"})
        elif token.pos_ == "NOUN" and lower in _AGENTS:
            # "a spokesman for Acme", "Acme's lawyers": they speak for the organisation; for a
            # person ("Trump's lawyers") they are the role, not that person.
            principal = self._principal(token)
            if principal is not None and principal.label in {"ORG", "GPE", "NORP"}:
                return principal.name, principal.key
            return span.text, None
        elif token.pos_ == "NOUN":
            # A bare role ("the ministry") is the nearest organisation of that kind; a
            # qualified one ("the Chinese foreign ministry") names itself better than a guess.
            qualified = any(c.dep_ in {"amod", "compound", "poss"} for c in token.lefts)
            found = None if qualified else self.before(token.idx, {"ORG"}, lower)
            if found is None:
                found = self._person_named(token)
            if found is None:
                return span.text, None
        elif token.pos_ == "PROPN":
            person = self._person_named(token)
            return (person.name, person.key) if person is not None else (span.text, None)
        else:
            return None, None
        if found is None:
            return None, None
        return found.name, found.key

    def _principal(self, agent: Token) -> Entity | None:
        """Whom a spokesperson or lawyer speaks for: "Acme's", "Acme" before it, "for Acme"."""
        owners = [c for c in agent.lefts if c.dep_ in {"poss", "compound"}]
        for prep in agent.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}:
                owners += [c for c in prep.children if c.dep_ == "pobj"]
        for owner in owners:
            entity = self.at(owner.left_edge.idx, owner.idx + len(owner.text))
            if entity is not None:
                return entity
            if owner.pos_ == "NOUN":
                # "The company's lawyers", "a company spokeswoman": the organisation the
                # article named before, not a person of the same name (its owner).
                return self.before(owner.idx, {"ORG"})
        return None

    def _person_named(self, token: Token) -> Entity | None:
        """The one person of the article whose name holds the capitalised word that opens a
        "Name:" line: a surname the entity finder missed ("Ellery: Will you run again?",
        tagged a noun). Only there: elsewhere a surname it did not link may be another
        person's than the one person it found ("Fiorina" beside a husband, Frank Fiorina)."""
        if not token.text[:1].isupper() or token.i + 1 >= len(self.doc):
            return None
        if self.doc[token.i + 1].text != ":":
            return None
        named = {
            e.key: e
            for _, _, e in self.spans
            if e.label == "PERSON" and token.text in e.name.split()
        }
        return next(iter(named.values())) if len(named) == 1 else None

    def _passage_subject(self, token: Token) -> Entity | None:
        """Whom "He also said ..." continues: the person the passage is about, the one most
        often the subject in the pronoun's own paragraph before it (the first of them on a
        tie), else in the paragraph before, else the one before that; not the last person
        named in between (often someone quoted in passing)."""
        text = self._text if self._text is not None else text_of(self.doc)
        self._text = text
        end = token.idx
        for _ in range(3):
            # A line is a paragraph (scraped text often breaks paragraphs with one newline).
            start = text.rfind("\n", 0, max(0, end - 1))
            start = 0 if start == -1 else start
            found = self._most_subject(start, end, _PRONOUN_GENDER.get(token.lower_))
            if found is not None or start == 0:
                return found
            end = start
        return None

    def _most_subject(self, start: int, end: int, wanted: str | None) -> Entity | None:
        """The person of `wanted` gender most often a subject between two offsets."""
        counts: dict[str, int] = {}
        people: dict[str, Entity] = {}
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        for s, e, entity in self.spans[lo:hi]:
            if entity.label != "PERSON" or self.gender(entity) not in {None, wanted}:
                continue
            mention = self.doc.char_span(s, e, alignment_mode="expand")
            if mention is None:
                continue
            root = mention.root
            # "Sanders's campaign manager, Jeff Weaver, appeared": the name of a subject role.
            if root.dep_ == "appos" and root.head.i < root.i:
                root = root.head
            if root.dep_ in {"nsubj", "nsubjpass"}:
                counts[entity.key] = counts.get(entity.key, 0) + 1
                people.setdefault(entity.key, entity)
        if not counts:
            return None
        best = max(counts.values())
        return next(people[k] for k in counts if counts[k] == best)

    def _person_before(self, token: Token) -> Entity | None:
        """The person a "he"/"she" refers to: the nearest preceding person who was a
        subject, else the nearest preceding person, within the last few paragraphs."""
        i = bisect.bisect_left(self.starts, token.idx) - 1
        nearest: Entity | None = None
        limit = token.idx - 1500
        wanted = _PRONOUN_GENDER.get(token.lower_)
        while i >= 0 and self.spans[i][0] >= limit:
            start, _, entity = self.spans[i]
            if entity.label == "PERSON" and (
                wanted is None or self.gender(entity) in {None, wanted}
            ):
                head = self.doc.char_span(start, self.spans[i][1], alignment_mode="expand")
                if head is not None and head.root.dep_ in {"nsubj", "nsubjpass"}:
                    return entity
                nearest = nearest or entity
            i -= 1
        return nearest or self.before(token.idx, {"PERSON"})
