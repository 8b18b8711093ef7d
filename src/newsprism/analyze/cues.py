"""The words of attribution: reporting verbs by the pattern they report with, quotation marks,
and the record a finder returns for one stretch of reported text.

Shared by `quotemarks` (direct quotes) and `reported` (indirect speech); `quotes` puts their
findings together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsprism.analyze.entities import word_set

# English grammar references; PolNeAR counts reported thoughts and beliefs too.
SPEECH_VERBS = word_set(
    """
    say tell add note warn insist claim argue stress announce reiterate acknowledge deny
    believe think explain state declare write tweet post report suggest assert contend
    maintain admit concede confirm predict promise vow pledge reply respond answer
    recall remark observe comment emphasize emphasise caution complain lament boast
    allege charge accuse testify tell indicate reveal disclose estimate calculate
    conclude agree disagree hope fear worry feel know recognize recognise realize
    realise understand expect ask demand urge call question wonder speculate guess
    assume suspect doubt imply hint signal mention point joke quip grumble concede
    counter retort shout yell whisper murmur sigh cry exclaim proclaim advise
    recommend propose suggest threaten vow swear guarantee assure reassure inform
    show find remind
    """
)

# Further verbs that introduce a direct quotation though they rarely report speech otherwise
# ("She continued: ...", "the statement read", "protesters chanted ...").
DIRECT_ONLY_VERBS = word_set(
    """
    continue begin start read chant sing scream shriek plead beg retaliate interject
    recount quote summarize summarise put echo thunder fire snap muse
    describe characterize characterise label dub term brand
    bark exhort roar gush crow scoff chime interrupt chide opine
    """
)

# Verbs whose infinitive complement is what was said ("urged voters to turn out").
XCOMP_VERBS = word_set(
    """
    urge ask call promise vow pledge threaten want plan refuse decline seek offer
    propose hope expect intend tell warn encourage push press demand invite order
    advise agree appear seem decide like
    """
)

# Verbs whose prepositional object is what was said ("called for a ban").
PREP_VERBS = word_set(
    """
    call ask push argue press talk testify write tweet post complain
    warn campaign refer focus
    """
)

# Verbs whose object after their own prepositions is what was said: "referring to the wall",
# "pointed to his record", "spoke about the need for", "responded to the charge", "railed
# against the deal". Read from the missed gold cues of PolNeAR train that end in a
# preposition (speak about/of 38, point to 25, respond to 21, say about 15, comment on 9 ...);
# "refer" alone, "to" only: +28 matched of +60 quotes, and "to" for every verb cost precision
# for nothing. The rest together: +207 quotes, +160 matched, F1@0.3 0.7581 -> 0.7627, F1@0.8
# 0.6966 -> 0.7015, speaker accuracy 0.9065 -> 0.9060. "agree with", "vote for", "look to",
# "worry about" are not speech: left out.
PREP_OTHER: dict[str, frozenset[str]] = {
    "refer": frozenset({"for", "about", "on", "to"}),
    "point": frozenset({"to"}),
    "respond": frozenset({"to"}),
    "comment": frozenset({"on"}),
    "boast": frozenset({"of", "about"}),
    "brag": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "talk": frozenset({"about", "of", "for", "on"}),
    "warn": frozenset({"against", "about", "of", "for", "on"}),
    "say": frozenset({"about"}),
    "rail": frozenset({"against"}),
    "advocate": frozenset({"for"}),
    "vouch": frozenset({"for"}),
    "hint": frozenset({"at"}),
}

# Verbs whose direct object is what was said, praised or attacked ("criticized the ruling").
# "noted the dichotomy", "reported earnings of ...": PolNeAR train +26 matched of +38 quotes.
# "supports a ban" (a stance PolNeAR annotates): +82 matched of +148, F1@0.3 0.7078 -> 0.7095.
# The line "express ... learn", with "decide", "like" (to) and "focus" (on) below: each of
# the verbs PolNeAR train's gold uses most as a cue that newsprism did not know, tried one at
# a time (+0.0004 to +0.0015 F1@0.3 each); "raise", "try", "need", "continue", "speak"
# lowered F1 or left it unchanged and stay out. The verbs of saying on the line after it
# ("tweeted a photograph", "stressed the need for", "recalled the time", "claimed the
# nomination", "reiterated his belief that"), read from the missed gold whose verb had only a
# direct object: PolNeAR train +240 quotes, +150 matched, F1@0.3 0.7547 -> 0.7581, F1@0.8
# 0.6931 -> 0.6966, speaker accuracy 0.9061 -> 0.9065; "tell" with them gained 0.0001 for 51
# quotes more, 30 wrong, and thought verbs ("know", "understand", "expect": +0.0002 each) are
# not speech: left out.
OBJECT_VERBS = word_set(
    """
    announce criticize criticise praise defend endorse oppose reject deny
    propose cite describe accuse blame unveil dismiss question acknowledge
    admit condemn applaud attack slam blast mock back predict estimate
    recommend demand request promise pledge threaten suggest urge mention reveal
    confirm disclose dispute challenge concede tout hail laud decry lament ask want support
    note report
    express discuss denounce list highlight repeat portray offer identify learn
    tweet post write stress emphasize emphasise recall explain claim answer remind declare
    reiterate assert
    """
)

# Verbs whose direct object is what was said only with what it is called or seen as
# ("called the law "a disgrace"", "sees the piece as a return to ..."); "saw him" is nothing.
# With "accused X of ...", "described X as ..." and "the poll shows X with ...", on PolNeAR
# train: +337 quotes, +276 matched, F1@0.3 0.6543 -> 0.6634, F1@0.8 0.5614 -> 0.5744.
NAMING_VERBS = word_set("call see view regard consider deem label dub brand term")

# Every verb that can introduce reported content, by one of the patterns above.
CUE_VERBS = (
    SPEECH_VERBS | XCOMP_VERBS | PREP_VERBS | OBJECT_VERBS | NAMING_VERBS | frozenset(PREP_OTHER)
)

# Closing quotation marks: kept at the edge of a reported clause, unlike other punctuation.
CLOSING_MARKS = frozenset({"”", '"', "’", "''"})

FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})
SAY_VERBS = frozenset({"say", "tell", "add", "write", "ask", "tweet", "explain", "continue"})

# Quotation marks: curly, straight, guillemets, and the doubled apostrophes and backticks
# of some wire and newspaper archives (''like this''). A plain ' is too often an
# apostrophe to count. Marks of one family pair with each other, whichever way they curl,
# because scraped text often mixes straight openers with curly closers.
QUOTE_MARKS = re.compile(r"''|``|[“”\"‘’«»]")
FAMILY = {"“": 2, "”": 2, '"': 2, "''": 2, "``": 2, "‘": 1, "’": 1, "«": 3, "»": 3}
LEADING_MARKS = frozenset('"“”‘«')
TRAILING_MARKS = frozenset('"”»')
OPEN_ONLY = frozenset({"“", "``", "‘", "«"})
CLOSE_ONLY = frozenset({"”", "’", "»"})


def cue_lemma(token: Token) -> str:
    """The lemma of a possible cue word, mended where en_core_web_sm's lemmatizer cuts a verb
    too short or leaves it inflected ("hopes", "hoping" -> "hop"; "seemed" -> "seemed").
    PolNeAR train: "hope" was the cue of 61 attributions, 59 missed for this; mended, +47
    matched of +58 quotes, F1@0.3 0.7126 -> 0.7141, F1@0.8 0.6284 -> 0.6295."""
    lemma = token.lemma_.lower()
    if lemma in CUE_VERBS:
        return lemma
    word = token.lower_
    if lemma + "e" in CUE_VERBS and word in {lemma + "es", lemma + "ed", lemma + "ing"}:
        return lemma + "e"
    if lemma == word:
        for ending in ("ed", "s"):
            if word.endswith(ending) and word[: -len(ending)] in CUE_VERBS:
                return word[: -len(ending)]
    return lemma


@dataclass(frozen=True, slots=True)
class Found:
    """One stretch of reported text [start, end) with its cue and speaker tokens."""

    start: int
    end: int
    kind: str
    cue: Token | None
    speaker: Token | None
    speaker_span: tuple[int, int] | None


def clip_to_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """[start, end) cut to the line holding `anchor` (a parse can run over a line break),
    without the spaces and loose quotation marks at its edges (so that reported speech made
    of a quotation is recognised as that quotation)."""
    line_start = text.rfind("\n", 0, anchor) + 1
    line_end = text.find("\n", anchor)
    if line_end == -1:
        line_end = len(text)
    start, end = max(start, line_start), min(end, line_end)
    while start < end and (text[start].isspace() or text[start] in LEADING_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_MARKS):
        end -= 1
    return start, end


def subtree_without(head: Token, skip: range) -> tuple[int, int] | None:
    """Character span of `head`'s subtree without the tokens in `skip` (the attribution) and
    without punctuation at its edges (closing quotation marks kept); None under 3 tokens."""
    tokens = [
        t
        for t in head.subtree
        if t.i not in skip and not (t.is_punct and t.text not in CLOSING_MARKS)
    ]
    if len(tokens) < 3:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
