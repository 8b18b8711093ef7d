"""People, organisations, places and groups in one parsed article, with canonical names.

spaCy's named entities are the raw mentions. Each mention is cleaned (titles such as "Mr" or
"President" and possessive endings are stripped), then partial mentions are resolved to the
fullest name in the article that contains them as a token: "Kuleba" -> "Dmytro Kuleba",
"Mr Wang" -> "Wang Yi" (family-name-first names match on their first token just as
Western names match on their last). The key of an entity depends only on its normalised
canonical name and its kind, so the same person has the same key in every article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsprism.analyze.kinds import glued_end, person_kind
from newsprism.analyze.namecues import name_cue
from newsprism.analyze.nlp import text_of
from newsprism.model import Entity, Span


def word_set(words: str) -> frozenset[str]:
    """A set of words written as whitespace-separated text (easier to read and extend)."""
    return frozenset(words.split())


# spaCy labels kept, and the kind each one belongs to in an entity key.
KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

# Words that precede a name without being part of it. Lowercase, without a final full stop.
TITLES = word_set(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister
    president vice prime minister secretary chancellor premier governor gov senator sen
    rep representative congressman congresswoman speaker leader chairman chairwoman chair
    mayor judge justice general gen colonel col lieutenant lt captain capt sergeant sgt
    major admiral adm commander king queen prince princess pope cardinal bishop rabbi imam
    sheikh ambassador envoy spokesman spokeswoman spokesperson officer detective chief
    former late candidate nominee deputy foreign state defense defence acting first lady
    attorney ceo founder director
    """
)

# Titles only a person carries: "Ms Holt" is a person whatever label the tagger gave it.
_HONORIFICS = word_set("mr mrs ms miss mx dr sir dame")

# Nouns that make a surname before them a family ("the Koch brothers", "the Bush family").
_FAMILY = word_set("brothers sisters siblings twins family families clan dynasty")

# Parts of speech that never open a person's name.
_NOT_NAME_POS = frozenset({"ADP", "DET", "ADV", "CCONJ", "SCONJ", "PRON", "PUNCT", "AUX", "VERB"})

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def entity_key(name: str, label: str) -> str:
    """Corpus-wide key of an entity: its kind and its folded name, e.g. "person:wang-yi"."""
    kind = KINDS.get(label, label.lower() or "thing")
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("’", "'").replace("'", "")
    if folded.startswith("the "):
        folded = folded[4:]
    slug = _NON_WORD.sub("-", folded).strip("-")
    return f"{kind}:{slug or 'unknown'}"


@dataclass(frozen=True, slots=True)
class _Mention:
    text: str
    start: int
    end: int
    label: str
    tokens: tuple[str, ...]
    """Name tokens, casefolded, used to match partial mentions to full names."""
    plural: bool = False
    """Tagged as a plural proper noun ("Latinos")."""
    cue: str | None = None
    """The label the words around a "person" give it ("Boko Haram militants": ORG), if any."""
    titled: bool = False
    """Written with a personal title ("Mr Quillby", "President Quillby"): a person."""


def extract_entities(doc: Doc) -> tuple[Entity, ...]:
    """The people, organisations, places and groups of `doc`, one Entity per canonical name.

    Offsets of mentions are character offsets into `doc.text`; entities come in order of
    their first mention.
    """
    text = text_of(doc)
    mentions = [m for m in (_clean(ent, text) for ent in doc.ents if ent.label_ in KINDS) if m]
    mentions = _apply_cues(mentions)
    starts = paragraph_starts(text)
    # The headline and lede may use a surname before the body names the person in full.
    lede_end = starts[2] if len(starts) > 2 else len(text)
    # Capitalised words used as something other than a person's name ("Latino voters").
    words = {t.lower_ for t in doc if t.ent_type_ != "PERSON" and t.text[:1].isupper()}
    canonical = _resolve(mentions, lede_end, words)

    grouped: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for mention, (name, label) in zip(mentions, canonical, strict=True):
        grouped[(name, label)].append(mention)
    entities = [
        Entity(
            key=entity_key(name, label),
            name=name,
            label=label,
            mentions=tuple(
                Span(m.text, m.start, m.end, paragraph_of(m.start, starts)) for m in group
            ),
        )
        for (name, label), group in grouped.items()
    ]
    entities.sort(key=lambda e: e.mentions[0].start)
    return tuple(entities)


def paragraph_starts(text: str) -> list[int]:
    """Character offsets at which each paragraph ("\\n\\n"-separated) of `text` begins."""
    starts = [0]
    position = text.find("\n\n")
    while position != -1:
        starts.append(position + 2)
        position = text.find("\n\n", position + 2)
    return starts


def paragraph_of(offset: int, starts: list[int]) -> int:
    """Index of the paragraph that holds character `offset`, given `paragraph_starts`."""
    low, high = 0, len(starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low


def _clean(ent: SpacySpan, doc_text: str) -> _Mention | None:
    """The mention without leading titles/articles or a possessive ending, or None if empty."""
    tokens = list(ent)
    # Titles and "the" at the front are not part of the name ("Mr Wang", "President Xi").
    # Only people carry titles: "Foreign Ministry" must keep its "Foreign".
    honorific = len(ent) > 1 and ent[0].lower_.rstrip(".") in _HONORIFICS
    is_person = ent.label_ == "PERSON" or honorific
    while len(tokens) > 1 and (
        (is_person and tokens[0].lower_.rstrip(".") in TITLES)
        or tokens[0].lower_ in {"the", "'s", "’s"}
        # "Among Latinos", "pro-Clinton": a preposition or a prefix the tagger took in.
        or (is_person and (tokens[0].pos_ in _NOT_NAME_POS or tokens[0].text in {"-", "–"}))
        or (is_person and tokens[0].is_lower and tokens[1].text == "-")
    ):
        tokens = tokens[1:]
    # A name holds no verb: in a title-case headline the tagger runs on into one
    # ("Bernie Sanders Suffered A Big Blow" gives the person "Bernie Sanders Suffered").
    if is_person:
        for i, token in enumerate(tokens[1:], start=1):
            if token.pos_ in {"VERB", "AUX"}:
                tokens = tokens[:i]
                break
    # A mention never runs over a line break (a headline followed by a date line).
    for i, token in enumerate(tokens):
        if "\n" in token.text or (i and "\n" in tokens[i - 1].whitespace_):
            tokens = tokens[:i]
            break
    while tokens and (
        tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in {"'s", "’s", "'", "’"}
    ):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    if is_person:
        # A name glued to the next by a scraped link ("Kristi NoemKristi Lynn Noem").
        end = start + glued_end(doc_text[start:end])
    # "-Donald Trump": a dash glued to a name in a signature line.
    while start < end and doc_text[start] in "-–—":
        start += 1
    # "the Koch brothers" are two people, not one called Koch: a group, with its noun.
    label, doc, after = "PERSON" if is_person else ent.label_, tokens[-1].doc, tokens[-1].i + 1
    if is_person and len(tokens) > 1 and tokens[-1].lower_ in _FAMILY:
        label = "NORP"
    elif is_person and after < len(doc) and doc[after].lower_ in _FAMILY:
        end, label = doc[after].idx + len(doc[after].text), "NORP"
    text = doc_text[start:end]
    stripped = _POSSESSIVE.sub("", text)
    end -= len(text) - len(stripped)
    text = _SPACES.sub(" ", stripped).strip()
    # Names are capitalised somewhere; "us" tagged as a country is the pronoun.
    if not text or not any(ch.isupper() for ch in text):
        return None
    words = tuple(w.casefold() for w in re.findall(r"[\w.\-’']+", text))
    plural = len(tokens) == 1 and tokens[0].tag_ == "NNPS"
    # "Ms Holt" is a person whatever the words around say. An ORG mention's cue counts too:
    # "Tal Warsa militants" tagged ORG says what the article's other "Tal Warsa"s are.
    cue = name_cue(tokens) if label in {"PERSON", "ORG"} and not honorific else None
    # A title just before the name, inside the entity or not ("Mr Quillby", "Sen. Quillby").
    first = tokens[0].i
    titled = is_person and first > 0 and doc[first - 1].lower_.rstrip(".") in TITLES
    return _Mention(
        text=text,
        start=start,
        end=end,
        label=label,
        tokens=words,
        plural=plural,
        cue=cue,
        titled=titled,
    )


def _apply_cues(mentions: list[_Mention]) -> list[_Mention]:
    """Every "person" mention of a text that one of its mentions says is no person takes that
    label (`namecues`): "Boko Haram" once written "Boko Haram militants" is the group
    throughout the article. Not a text whose words are all in a person's full name there
    ("the Trump movement" beside "Donald Trump"), nor one written with a personal title."""
    cued = {m.text: m.cue for m in mentions if m.cue}
    if not cued:
        return mentions
    for m in mentions:
        if m.titled:  # "Mr Quillby" is a person, whatever "Quillby reported" suggests
            cued.pop(m.text, None)
    named = {
        token
        for m in mentions
        if m.label == "PERSON" and len(m.tokens) > 1 and m.text not in cued
        for token in m.tokens
    }
    return [
        replace(m, label=label)
        if m.label == "PERSON" and (label := cued.get(m.text)) and not set(m.tokens) <= named
        else m
        for m in mentions
    ]


def _resolve(
    mentions: list[_Mention], lede_end: int, other_words: set[str]
) -> list[tuple[str, str]]:
    """(canonical name, label) for each mention; `lede_end` is where the body proper starts;
    `other_words` are the article's capitalised words used as something else than a name."""
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        counts[m.text] += 1
    # The label a name gets most often wins, so "Kuleba" tagged ORG once is still a person.
    label_votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in mentions:
        label_votes[m.text][m.label] += 1

    # Full names: multi-token person names. A partial mention resolves to one of them.
    # Not "Trump Tower" or "Fox News", which would otherwise take every bare "Trump".
    persons = [
        m
        for m in mentions
        if m.label == "PERSON" and len(m.tokens) > 1 and person_kind(m.text) == "PERSON"
    ]
    # Token -> full names containing it, in order of first mention.
    by_token: dict[str, list[_Mention]] = defaultdict(list)
    for full in persons:
        for token in full.tokens:
            by_token[token].append(full)

    person_texts = {m.text for m in mentions if m.label == "PERSON"}
    result: list[tuple[str, str]] = []
    for m in mentions:
        name, label = m.text, m.label
        if len(m.tokens) == 1 or (m.label == "PERSON" and len(m.tokens) < 3):
            candidates = _candidates(m, by_token, person_texts)
            if len(m.tokens) > 1:
                # A full name is itself a candidate: a longer one mentioned less often is a
                # variant ("Hillary Rodham Clinton" once) or a tagging slip, not the name.
                candidates = [c for c in candidates if counts[c.text] >= counts[m.text]]
            elif m.start >= lede_end:
                # Past the headline and lede, a writer names a person in full before using
                # the surname alone: "Trump said" before "Ivanka Trump" is first named is
                # another Trump.
                named_before = {c.text for c in candidates if c.start < m.start}
                candidates = [c for c in candidates if c.text in named_before]
            if candidates:
                best = _choose(m, candidates, counts)
                name, label = best.text, "PERSON"
        if name == m.text:
            # Unresolved: the label this text gets most often in the article wins, and a
            # "person" that is a place, platform or publication is that ("Kyiv", "Twitter").
            votes = label_votes[name]
            label = max(votes, key=lambda lab: (votes[lab], lab != "PERSON", lab == m.label))
            if label == "PERSON":
                label = person_kind(name)
            # "the Clintons" (a family), "Latinos" (a plural proper noun, or the plural of a
            # word the article uses otherwise, "Latino voters"): a group.
            word = m.tokens[0]
            if (
                label == "PERSON"
                and len(m.tokens) == 1
                and word[-1:] == "s"
                and (word[:-1] in by_token or m.plural or word[:-1] in other_words)
            ):
                label = "NORP"
        result.append((name, label))
    return result


def _candidates(
    mention: _Mention, by_token: dict[str, list[_Mention]], person_texts: set[str]
) -> list[_Mention]:
    """Full person names that contain every token of `mention` and are longer than it."""
    if not mention.tokens:
        return []
    pools = [by_token.get(token, []) for token in mention.tokens]
    first = pools[0]
    if not first:
        return []
    wanted = set(mention.tokens)
    seen: set[str] = set()
    out: list[_Mention] = []
    for full in first:
        if full.text in seen or len(full.tokens) <= len(mention.tokens):
            continue
        if wanted <= set(full.tokens):
            seen.add(full.text)
            out.append(full)
    # Only a person-like mention may take a person's name: "Washington" the place must not
    # become "George Washington" unless spaCy also thought it was a person.
    # "Kuleba" tagged as a place here and as a person elsewhere in the article is the person.
    if mention.label in {"GPE", "LOC", "FAC", "NORP"} and mention.text not in person_texts:
        return []
    return out


def _choose(mention: _Mention, candidates: list[_Mention], counts: dict[str, int]) -> _Mention:
    """The full name a partial mention refers to: most mentioned, then nearest preceding."""
    texts: dict[str, list[_Mention]] = defaultdict(list)
    for c in candidates:
        texts[c.text].append(c)

    def rank(text: str) -> tuple[int, int]:
        preceding = [c.start for c in texts[text] if c.start <= mention.start]
        return (counts[text], max(preceding) if preceding else -1)

    best = max(texts, key=rank)
    return texts[best][0]
