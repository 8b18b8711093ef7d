"""Attributions told by a phrase rather than a reporting verb: "according to X", a poll or a
person's view as the source of a clause ("in the new poll", "in his view"), and "Speaker: ..."
lines (headlines, interview transcripts).

`reported` calls the first two on the tokens that open them; `quotes` runs `colon_lines` over
the article.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsprism.analyze.cues import LEADING_MARKS, Found, clip_to_paragraph, subtree_without
from newsprism.analyze.entities import word_set
from newsprism.analyze.speakers import subject_span


def according_to(doc: Doc, text: str, according: Token) -> Found | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    speaker = objects[0] if objects else None
    sent = according.sent
    phrase = list(according.subtree)
    p_start = min(t.i for t in phrase + [to] + ([*speaker.subtree] if speaker else []))
    p_end = max(t.i for t in phrase + [to] + ([*speaker.subtree] if speaker else []))
    # The content is the rest of the sentence, on the larger side of the phrase.
    left = (sent.start, p_start)
    right = (p_end + 1, sent.end)
    lo, hi = left if left[1] - left[0] >= right[1] - right[0] else right
    tokens = [t for t in doc[lo:hi] if not (t.is_punct and t.text not in {"”", '"'})]
    if len(tokens) < 3:
        return None
    s, e = clip_to_paragraph(
        text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), according.idx
    )
    if e - s < 8:
        return None
    return Found(s, e, "indirect", according, speaker, subject_span(speaker) if speaker else None)


# "Rubio: I Still Believe ...", "Q: Did you ...?": a paragraph opened by a short name and a
# colon is that speaker's words, in headlines and interview transcripts alike. On PolNeAR
# train: +103 quotes, +63 matched, F1@0.3 0.6426 -> 0.6443, F1@0.8 0.5496 -> 0.5526; speaker
# accuracy 0.8804 -> 0.8792, as a transcript answer now takes the match of the "I think ..."
# nested in it.
_COLON_LINE = re.compile(r"^([^\n:]{1,40}):[ \t]+(?=\S)", re.MULTILINE)

# Heads of "Head: ..." lines that label the line rather than name its speaker.
_LABELS = word_set(
    """
    note notice update updated correction contributing breaking revealed latest byline
    email twitter follow daily related watch look video photo photos editor editors
    warning exclusive live
    """
)

# Common nouns that head a colon line as its source ("Poll: ...", "Report: ...").
_SOURCE_NOUNS = word_set("poll polls report survey study insiders sources q a")

# Fewest words after the colon: "Carson: A miracle." lists a verdict, not speech.
_MIN_COLON_WORDS = 4


def colon_lines(doc: Doc, text: str) -> list[Found]:
    """Paragraphs of the form "Speaker: what was said" (not a quotation: that is direct)."""
    found: list[Found] = []
    for match in _COLON_LINE.finditer(text):
        if text[match.end()] in LEADING_MARKS or text[match.end()] == "'":
            continue
        head = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if head is None or not _names_a_speaker(head):
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        s, e = clip_to_paragraph(text, match.end(), line_end, match.end())
        e = s + len(text[s:e].rstrip(". "))
        if len(text[s:e].split()) < _MIN_COLON_WORDS:
            continue
        colon = doc.char_span(match.end(1), match.end(1) + 1, alignment_mode="expand")
        speaker = head.root
        found.append(
            Found(
                s,
                e,
                "indirect",
                colon[0] if colon is not None else None,
                speaker,
                (head.start_char, head.end_char),
            )
        )
    return found


def _names_a_speaker(head: SpacySpan) -> bool:
    """Whether "Head:" names someone: a few capitalised words with a name among them."""
    words = [t for t in head if not t.is_punct]
    if not 1 <= len(words) <= 4:
        return False
    if any(t.lower_ in _LABELS or not t.text[:1].isupper() for t in words):
        return False
    if any(t.ent_type_ in {"GPE", "DATE", "TIME", "CARDINAL"} for t in words):
        return False
    if any(t.pos_ == "PROPN" for t in words) or head.root.lower_ in _SOURCE_NOUNS:
        return True
    # A headline's "Trump: My plans aren't set in stone", where the model tags the first word
    # of the text a noun: a name the article gives a person elsewhere is still a name.
    # PolNeAR train: +10 matched of +10 quotes, F1@0.3 0.7141 -> 0.7145.
    return len(words) == 1 and any(
        e.label_ == "PERSON" and words[0].text in e.text.split() for e in head.doc.ents
    )


# "In the new poll, 40 percent back Sanders", "a growing lead in the latest poll": a poll
# is the source of the clause it stands in; so is a person "in his view". PolNeAR train:
# "in" was the cue of 67 attributions, 54 of them missed, most of them polls. Taking them:
# +35 matched of +68 quotes, F1@0.3 0.6700 -> 0.6707; plural "polls" too gave +26 matched
# of +98 more, and lower speaker accuracy ("leads in the polls" is nobody's claim).
_POLL_NOUNS = word_set("poll survey")
_VIEW_NOUNS = word_set("view opinion words estimation")


def in_source(text: str, prep: Token) -> Found | None:
    """The clause a poll ("in the poll") or a person ("in his view") is the source of."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    if obj.lower_ in _POLL_NOUNS:
        speaker = obj
    elif obj.lower_ in _VIEW_NOUNS:
        owners = [c for c in obj.children if c.dep_ == "poss"]
        if not owners:
            return None
        speaker = owners[0]
    else:
        return None
    clause: Token | None = prep.head
    while clause is not None and clause.pos_ not in {"VERB", "AUX"}:
        clause = None if clause.head.i == clause.i else clause.head
    if clause is None:
        return None
    found = subtree_without(clause, range(prep.left_edge.i, prep.right_edge.i + 1))
    if found is None:
        return None
    s, e = clip_to_paragraph(text, *found, prep.idx)
    if e - s < 8:
        return None
    return Found(s, e, "indirect", prep, speaker, subject_span(speaker))
