"""Stances told by a noun or an adjective: "his support for a ban", "Sanders's attacks on Wall
Street", "her decision to run", "Pence's call for a special prosecutor", "the claim that the
vote was rigged"; "Ryan is eager to move on", "Democrats are wary of a contested convention",
"she was critical of the deal"; and nouns of speech carried by a light verb ("made the case
that", "took aim at", "made no mention of").

PolNeAR annotates these as attributions (the noun or adjective is the cue, its owner or the
subject the source, what it is about the content); the verb finders in `reported` miss them, as
no verb says anything.
A noun counts only with an owner who holds the stance ("his", "Trump's", "the party's"): "support
for Sanders" among voters in a poll is a count, not someone's claim.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsprism.analyze.cues import Found, clip_to_paragraph
from newsprism.analyze.entities import word_set
from newsprism.analyze.speakers import subject, subject_span

# Nouns of stance and speech with the prepositions that introduce what they are about. Read
# from the noun cues PolNeAR train's gold missed most (support for, attacks on, criticism of,
# call for, decision to ...). With the infinitives below, on PolNeAR train: +130 matched of
# +197 quotes, F1@0.3 0.7150 -> 0.7184, F1@0.8 0.6309 -> 0.6323, speaker accuracy 0.8902 ->
# 0.8882 (an owner is harder to name than a subject). "view", "position", "stance", "comment"
# and "remark" were tried and dropped: under half of their findings matched.
_NOUN_PREPOSITIONS: dict[str, frozenset[str]] = {
    "support": frozenset({"for", "of"}),
    "attack": frozenset({"on", "against"}),
    "criticism": frozenset({"of"}),
    "call": frozenset({"for"}),
    "opposition": frozenset({"to"}),
    "endorsement": frozenset({"of"}),
    "praise": frozenset({"for", "of"}),
    "demand": frozenset({"for"}),
    "push": frozenset({"for"}),
    "plea": frozenset({"for"}),
    "defense": frozenset({"of"}),
    "embrace": frozenset({"of"}),
    "rejection": frozenset({"of"}),
    "denunciation": frozenset({"of"}),
    "claim": frozenset({"of"}),
}

# Nouns whose infinitive is what was decided, promised or planned ("her decision to run").
_NOUN_INFINITIVES = frozenset(
    {"decision", "pledge", "promise", "vow", "plan", "threat", "refusal", "call", "push", "bid"}
)

# Fewest characters of a stance's content.
_MIN_CHARS = 3


def noun_speech(doc: Doc, text: str) -> list[Found]:
    """Every owned noun of stance or speech in `doc` and what it is about."""
    found: list[Found] = []
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        lemma = token.lemma_.lower()
        if lemma in _THAT_NOUNS:
            hit = _that_clause(token, text)
            if hit is not None:
                found.append(hit)
            continue
        prepositions = _NOUN_PREPOSITIONS.get(lemma)
        if prepositions is None and lemma not in _NOUN_INFINITIVES:
            continue
        owner = _owner(token)
        if owner is None:
            continue
        content = _about(token, prepositions or frozenset(), lemma in _NOUN_INFINITIVES)
        if content is None:
            continue
        s, e = clip_to_paragraph(text, content[0], content[1], token.idx)
        if e - s < _MIN_CHARS:
            continue
        found.append(Found(s, e, "indirect", token, owner, subject_span(owner)))
    return found


# Nouns of speech and belief whose "that" clause is what was said or held ("the claim that
# ...", "his assertion that ...", "the belief that ..."). Read from PolNeAR train's missed gold
# cues. PolNeAR train: +93 quotes, +84 matched, F1@0.3 0.7458 -> 0.7486, F1@0.8 0.6827 ->
# 0.6857, speaker accuracy 0.9031 -> 0.9003 (the one who holds a claim is often unnamed).
_THAT_NOUNS = word_set(
    """
    claim assertion complaint suggestion idea belief hope doubt argument warning insistence
    allegation accusation charge statement contention notion promise fear concern view
    """
)


def _that_clause(noun: Token, text: str) -> Found | None:
    """ "the claim that the bridge was unsafe": the clause from its "that", with the noun's
    owner as the source."""
    for child in noun.rights:
        if child.dep_ in {"acl", "ccomp", "relcl"} and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            tokens = sorted((t for t in child.subtree if not t.is_punct), key=lambda t: t.i)
            s, e = clip_to_paragraph(
                text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), noun.idx
            )
            if e - s < _MIN_CHARS:
                return None
            owner = _owner(noun) or _maker(noun)
            return Found(s, e, "indirect", noun, owner, subject_span(owner) if owner else None)
    return None


def _maker(noun: Token) -> Token | None:
    """Who made the claim: the subject of the verb it hangs on ("Trump made the claim that",
    "she voiced the fear that"). PolNeAR train, the verbs of making only ("make", "voice",
    "repeat" ...): speaker accuracy 0.8992 -> 0.8995; any verb: 0.9003."""
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        return None
    verb = noun.head
    # "stirred controversy with an assertion that", "bristled at the suggestion that": the
    # verb the preposition hangs on. PolNeAR train: speaker accuracy 0.9034 -> 0.9046, F1 unchanged.
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return subject(verb)


def _owner(noun: Token) -> Token | None:
    """Who holds the stance: "Trump's", "the party's" before the noun; for "his" or "their",
    the subject of the clause when it names them ("The GOP leaders signaled their support")."""
    for child in noun.lefts:
        if child.dep_ == "poss":
            if child.pos_ == "PRON":
                return _clause_subject(noun) or child
            return child
    return None


def _clause_subject(noun: Token) -> Token | None:
    """The non-pronoun subject of the verb that `noun` belongs to, if any."""
    current = noun
    while current.head.i != current.i and current.pos_ not in {"VERB", "AUX"}:
        current = current.head
    if current.pos_ not in {"VERB", "AUX"}:
        return None
    found = subject(current)
    if found is None or found.pos_ == "PRON" or found.i >= noun.left_edge.i:
        return None
    return found


def _about(noun: Token, prepositions: frozenset[str], infinitive: bool) -> tuple[int, int] | None:
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                obj = objects[0]
                return obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
        if (
            infinitive
            and child.dep_ in {"acl", "relcl", "xcomp"}
            and child.pos_ in {"VERB", "AUX"}
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            # "not to participate" is what was decided: the negation stays.
            tokens = sorted((t for t in child.subtree if not t.is_punct), key=lambda t: t.i)
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


# Adjectives of stance and feeling whose complement is what is felt or held ("eager to",
# "wary of", "critical of", "confident that"). Read from PolNeAR train's missed gold cues
# ("is eager", "am glad", "are concerned", "was critical of", "are wary of", "were adamant").
# PolNeAR train: +72 matched of +98 quotes, F1@0.3 0.7278 -> 0.7299, F1@0.8 0.6431 -> 0.6456,
# speaker accuracy 0.8907 -> 0.8921.
_STANCE_ADJECTIVES = word_set(
    """
    eager glad happy concerned worried critical wary proud confident optimistic pessimistic
    sure certain adamant convinced hopeful skeptical sceptical supportive opposed afraid
    unhappy frustrated upset grateful thankful determined uncertain unsure doubtful
    insistent keen reluctant fearful dismissive appreciative tired
    aware willing interested angry enthusiastic pleased enamored desperate
    """
)

# Verbs that link a subject to such an adjective.
_LINKING = frozenset({"be", "seem", "appear", "remain", "sound", "become", "feel"})

# Prepositions that introduce what the stance is about.
_ABOUT = frozenset({"of", "about", "to", "with", "on", "that"})


def adjective_stances(doc: Doc, text: str) -> list[Found]:
    """ "Ryan is eager to move on": what a subject is said to feel or hold, with its subject."""
    found: list[Found] = []
    for token in doc:
        if (
            token.dep_ != "acomp"
            or token.lower_ not in _STANCE_ADJECTIVES
            or token.head.lemma_.lower() not in _LINKING
        ):
            continue
        holder = subject(token.head)
        if holder is None:
            continue
        content = _complement(token)
        if content is None:
            continue
        s, e = clip_to_paragraph(text, content[0], content[1], token.idx)
        if e - s < _MIN_CHARS:
            continue
        found.append(Found(s, e, "indirect", token, holder, subject_span(holder)))
    return found


def _complement(adjective: Token) -> tuple[int, int] | None:
    """What the adjective is about: its clause, infinitive or prepositional object."""
    for child in adjective.rights:
        if child.dep_ in {"ccomp", "xcomp"}:
            tokens = sorted((t for t in child.subtree if not t.is_punct), key=lambda t: t.i)
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if child.dep_ == "prep" and child.lower_ in _ABOUT:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                obj = objects[0]
                return obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
    return None


# A verb that does little but carry a noun of speech: "made the case for", "took aim at",
# "made no mention of", "has made several statements on". Read from the multi-word cues of
# PolNeAR train's missed gold (case 17, criticism 27, comments 11, mention 10, attacks 14 ...).
# PolNeAR train: +63 quotes, +48 matched, F1@0.3 0.7533 -> 0.7544, F1@0.8 0.6918 -> 0.6927,
# speaker accuracy 0.9061 -> 0.9060.
_LIGHT_VERBS = word_set("make take offer deliver issue voice launch level lodge")

# Nouns of speech such a verb carries, with the prepositions that introduce what was said;
# "that" stands for a clause and "to" also for an infinitive ("made a pledge to cut taxes").
_LIGHT_NOUNS: dict[str, frozenset[str]] = {
    "case": frozenset({"for", "against", "that"}),
    "mention": frozenset({"of"}),
    "swipe": frozenset({"at"}),
    "shot": frozenset({"at"}),
    "jab": frozenset({"at"}),
    "aim": frozenset({"at"}),
    "statement": frozenset({"on", "about", "that"}),
    "comment": frozenset({"on", "about", "that"}),
    "remark": frozenset({"on", "about", "that"}),
    "argument": frozenset({"for", "against", "that"}),
    "point": frozenset({"that"}),
    "pitch": frozenset({"for", "to"}),
    "appeal": frozenset({"for", "to"}),
    "plea": frozenset({"for", "to"}),
    "attack": frozenset({"on", "against"}),
    "promise": frozenset({"to", "that"}),
    "pledge": frozenset({"to", "that"}),
    "vow": frozenset({"to", "that"}),
    "accusation": frozenset({"against", "that"}),
    "criticism": frozenset({"of"}),
    "defense": frozenset({"of"}),
}


def light_verb_speech(doc: Doc, text: str) -> list[Found]:
    """What a light verb and its noun of speech say ("Ashby made the case that the levy
    would pass", "took aim at the harbour board"), by the verb's subject."""
    found: list[Found] = []
    for noun in doc:
        if noun.dep_ != "dobj" or noun.pos_ != "NOUN":
            continue
        prepositions = _LIGHT_NOUNS.get(noun.lemma_.lower())
        verb = noun.head
        if prepositions is None or verb.lemma_.lower() not in _LIGHT_VERBS:
            continue
        content = _light_content(verb, noun, prepositions)
        if content is None:
            continue
        s, e = clip_to_paragraph(text, content[0], content[1], noun.idx)
        if e - s < _MIN_CHARS:
            continue
        holder = subject(verb)
        found.append(
            Found(s, e, "indirect", noun, holder, subject_span(holder) if holder else None)
        )
    return found


def _light_content(
    verb: Token, noun: Token, prepositions: frozenset[str]
) -> tuple[int, int] | None:
    """What the noun of speech is about: its prepositional object, "that" clause or
    infinitive, hung on the noun or on the verb after it."""
    for child in [*noun.rights, *(c for c in verb.rights if c.i > noun.i)]:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                obj = objects[0]
                return obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
        if child.dep_ in {"acl", "ccomp", "relcl", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
            marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "aux"}}
            if marks & prepositions & {"that", "to"}:
                tokens = sorted((t for t in child.subtree if not t.is_punct), key=lambda t: t.i)
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None
