"""Who said what: direct quotes and reported (indirect) speech in one parsed article.

Four finders over the one spaCy parse of the article, each in its own module: `quotemarks`
(text between quotation marks and its attribution), `reported` (indirect speech told by a
reporting verb), `phrases` ("according to", polls, "in his view", "Name:" lines) and `stances`
(a stance told by a noun or an adjective: "his support for", "the claim that", "wary of");
`cues` holds the words they use. This module joins split quotes, keeps one quote per stretch
of text and resolves speakers.

Each quote gets its cue (the reporting word), the speaker as written, and the speaker's
canonical name and key, resolved through the article's entities: a surname or title mention
is already an entity; a pronoun goes to the nearest preceding compatible entity; a role ("the
ministry") to the nearest preceding organisation or person that fits, else the role itself.
A direct quote that sits inside reported speech is folded into that reported speech.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsprism.analyze import interviews
from newsprism.analyze.cues import Found
from newsprism.analyze.entities import paragraph_of, paragraph_starts
from newsprism.analyze.nlp import text_of
from newsprism.analyze.phrases import colon_lines
from newsprism.analyze.quotemarks import direct_attribution, direct_spans
from newsprism.analyze.reported import reported_speech
from newsprism.analyze.speakers import Resolver, subject_span
from newsprism.analyze.stances import adjective_stances, light_verb_speech, noun_speech
from newsprism.model import Entity, Quote, Span

# Fewest words of a quotation that is not a whole sentence. PolNeAR train: quotations under
# four words were 1,223 predictions with 249 matches; dropping them took F1@0.3 0.6721 ->
# 0.6835, F1@0.8 0.5852 -> 0.6003 (3 words: 0.6826; 5: 0.6833; 6: 0.6826).
_MIN_FRAGMENT_WORDS = 4

# Most characters between a short reply's closing mark and its cue ('," the senator said').
_ANSWER_GAP = 40

# Share of capitalised words from which a quotation that is no sentence is a title.
_TITLE_CASE_SHARE = 0.8

# Longest attribution between the halves of a split quote, in characters: "," said Sen.
# Elizabeth Warren, a Democrat from Massachusetts, "' fits, and so does a speaker's title
# and occasion before the next quoted sentence ("," said Robert Mason, a University of
# Washington professor who has researched the spread of false information. "'). PolNeAR
# train, from 120: 180 gave F1@0.3 0.7320 -> 0.7334, F1@0.8 0.6528 -> 0.6586; 250 the same
# F1@0.3 and F1@0.8 0.6590; 400 no more.
_MAX_ATTRIBUTION_GAP = 250


def extract_quotes(doc: Doc, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Quotes and reported speech of `doc`, with speakers resolved through `entities`.

    `entities` are `extract_entities(doc)`; offsets are character offsets into `doc.text`.
    Quotes come in order of their content's start.
    """
    text = text_of(doc)
    starts = paragraph_starts(text)
    resolver = Resolver(doc, entities)

    direct = direct_spans(text, starts)
    indirect = reported_speech(doc, text) + colon_lines(doc, text)
    indirect += noun_speech(doc, text) + adjective_stances(doc, text)
    indirect += light_verb_speech(doc, text)

    found: list[Found] = list(indirect)
    quoted: list[Found] = []
    for start, end in direct:
        cue, speaker = direct_attribution(doc, text, start, end, direct)
        quoted.append(
            Found(start, end, "direct", cue, speaker, subject_span(speaker) if speaker else None)
        )
    for joined in _join_split(quoted, text):
        if _is_fragment(text, joined):
            continue
        # A quotation inside reported speech is part of that speech ("X said it was
        # "unacceptable""): keep the reported speech, it carries the cue and speaker. Not
        # so when the quotation has its own cue inside that speech ("according to the
        # ministry, Kuleba responded: "...""): then both attributions stand.
        # The quotation's own closing punctuation may run past the speech's end ("called
        # the plan "unhinged.""): it is still inside, if the speech holds more than it. On
        # PolNeAR train this dropped 371 duplicate quotes, none matched: P 0.7054 -> 0.7306.
        end = joined.start + len(text[joined.start : joined.end].rstrip(" .,;:!?"))
        if any(
            _folds_into(joined.start, joined.end, joined.cue, f)
            or (f.start < joined.start and _folds_into(joined.start, end, joined.cue, f))
            for f in indirect
        ):
            continue
        found.append(joined)
    found = _one_per_stretch(_outside_markup(found, text))
    found.sort(key=lambda f: (f.start, f.end))

    quotes: list[Quote] = []
    previous: Quote | None = None
    roles: interviews.Roles | None = None
    for f in found:
        content = Span(text[f.start : f.end], f.start, f.end, paragraph_of(f.start, starts))
        cue_span = _token_span(f.cue, starts) if f.cue is not None else None
        speaker_span = None
        name = key = None
        if f.speaker is not None and f.speaker_span is not None:
            s, e = f.speaker_span
            speaker_span = Span(text[s:e], s, e, paragraph_of(s, starts))
            name, key = resolver.resolve(f.speaker, speaker_span)
            if f.cue is not None and f.cue.text == ":" and interviews.is_label(f.speaker):
                roles = roles or interviews.roles(doc, entities)
                name, key = _transcript_speaker(f.speaker, roles)
        elif (
            f.kind == "direct"
            and f.cue is None
            and previous is not None
            and previous.speaker is not None
            and content.paragraph - paragraph_of(previous.content.end, starts) <= 1
            and not _is_question(content.text)
        ):
            # A quote paragraph with no attribution continues the previous speaker, after a
            # quotation or after reported speech ("Collins said the race was over.\n\n"We
            # get to 1,237. Game over.""). PolNeAR train, after reported speech too: speaker
            # accuracy 0.8882 -> 0.8895.
            # After a quotation it is the same quote going on, as one quote (gold joins them
            # too): F1@0.3 0.7184 -> 0.7188, F1@0.8 0.6323 -> 0.6353, speaker 0.8895 -> 0.8906.
            if previous.kind == "direct":
                quotes[-1] = previous = _extended(previous, text, f.end)
                continue
            speaker_span = previous.speaker
            name, key = previous.speaker_name, previous.speaker_key
        quote = Quote(
            content=content,
            kind=f.kind,
            cue=cue_span,
            speaker=speaker_span,
            speaker_name=name,
            speaker_key=key,
        )
        quotes.append(quote)
        previous = quote
    return tuple(quotes)


def _transcript_speaker(label: Token, roles: interviews.Roles) -> tuple[str | None, str | None]:
    """A "Q:" line is the interviewer's (named, or the role); an "A:" line the interviewee's,
    a person or nobody (never an organisation whose name holds the letter "a")."""
    if label.lower_ in interviews.QUESTION_LABELS:
        if roles.interviewer is None:
            return "the interviewer", None
        return roles.interviewer.name, roles.interviewer.key
    if roles.interviewee is None:
        return None, None
    return roles.interviewee.name, roles.interviewee.key


# An HTML or XML tag left in the text ('<tweet id="..." author="@..." datetime="...">').
_TAG = re.compile(r"<[^<>\n]{1,400}>")


def _outside_markup(found: list[Found], text: str) -> list[Found]:
    """`found` without findings told by a word of a tag or made mostly of one: scraped pages
    keep embedded posts' markup, whose attribute names ("author", "tweet") read as cues.
    PolNeAR train: 18 predictions, none right; F1@0.3 0.7629 -> 0.7633, F1@0.8 0.7018 ->
    0.7022."""
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text)]
    if not tags:
        return found
    return [
        f
        for f in found
        if not any(
            (f.cue is not None and s <= f.cue.idx < e)
            or 2 * max(0, min(f.end, e) - max(f.start, s)) > f.end - f.start
            for s, e in tags
        )
    ]


def _extended(quote: Quote, text: str, end: int) -> Quote:
    """`quote` run on to `end` (over the paragraph break to its next quoted paragraph)."""
    start = quote.content.start
    content = Span(text[start:end], start, end, quote.content.paragraph)
    return replace(quote, content=content)


def _is_question(text: str) -> bool:
    """A quoted question with no attribution of its own: in an interview it is the
    interviewer's, not the previous speaker's. PolNeAR train: speaker accuracy 0.8883 ->
    0.8882 (a speaker's own rhetorical question loses its speaker)."""
    return text.rstrip(" \"”’'").endswith("?")


def _one_per_stretch(found: list[Found]) -> list[Found]:
    """Overlapping findings resolved to one quote per stretch of text.

    Reported speech that lies inside another quote is part of it: inside a direct quote it is
    the quoted speaker's own reporting ("We said we would win"); inside other reported speech
    it is a nested thought or claim ("X said that Y believes Z") that the outer attribution
    already covers. PolNeAR train: nested reported speech was 1,466 predictions of which 139
    matched a gold attribution; dropping it took F1@0.3 0.6835 -> 0.7051, F1@0.8 0.6003 -> 0.6196.
    """
    kept: list[Found] = []
    seen: set[tuple[int, int]] = set()
    # The same stretch found twice keeps the finding that names a speaker, a direct quote first.
    for f in sorted(found, key=lambda f: (f.speaker is None, f.kind != "direct")):
        if (f.start, f.end) in seen:
            continue
        if f.kind != "direct" and any(
            o.start <= f.start
            and f.end <= o.end
            and (o.start, o.end) != (f.start, f.end)
            and not _names_its_own_source(f, o)
            for o in found
        ):
            continue
        seen.add((f.start, f.end))
        kept.append(f)
    return _merge_partial(kept)


def _names_its_own_source(inner: Found, outer: Found) -> bool:
    """Whether `inner` is someone's speech inside a document's account ("According to a
    readout, Wang said ..."): both attributions stand, so that Wang is still found saying it.
    PolNeAR train counts only the outer one (F1@0.3 0.7084 -> 0.7077); a user asking what
    Wang said needs the inner one."""
    return (
        outer.cue is not None
        and outer.cue.lower_ in {"according", "in"}
        and inner.speaker is not None
        and inner.speaker.pos_ in {"PROPN", "PRON"}
    )


def _merge_partial(found: list[Found]) -> list[Found]:
    """A quotation and the reported speech it half overlaps, told by one cue, as one quote
    ("he is in favor because "we don't need a wonk. We need a leader."" said once, not twice).
    PolNeAR train: F1@0.3 0.7051 -> 0.7084, F1@0.8 0.6197 -> 0.6245; merging across
    different cues did worse at T=0.3 (0.7081), dropping the reported part worse (0.7072)."""
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        last = out[-1] if out else None
        if (
            last is not None
            and f.start < last.end < f.end
            and last.kind != f.kind
            and last.cue is not None
            and last.cue == f.cue
        ):
            told = last if last.kind != "direct" else f
            other = f if told is last else last
            speaker, span = (
                (told.speaker, told.speaker_span)
                if told.speaker is not None
                else (other.speaker, other.speaker_span)
            )
            out[-1] = Found(last.start, f.end, told.kind, told.cue, speaker, span)
            continue
        out.append(f)
    return out


def _is_fragment(text: str, found: Found) -> bool:
    """Whether a quotation is a few words that are not a sentence of their own: a title,
    a slogan, a scare-quoted term or a markup attribute rather than something said."""
    inner = text[found.start : found.end].rstrip(" ,\"”’'")
    sentence = inner[:1].isupper() and inner[-1:] in {".", "!", "?"}
    if sentence or _is_answer(text, found):
        return False
    words = inner.split()
    if len(words) < _MIN_FRAGMENT_WORDS:
        return True
    # A name in title case ("The Late Show With Stephen Colbert", "Make America Great Again")
    # is a programme, a document or a slogan. PolNeAR train: 42 such quotes, 15 matched;
    # dropping them: F1@0.3 0.7077 -> 0.7078, F1@0.8 0.6239 -> 0.6242.
    lettered = [w for w in words if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in lettered)
    return capitalised >= _TITLE_CASE_SHARE * len(lettered)


def _is_answer(text: str, found: Found) -> bool:
    """Whether a short quotation opens its sentence and ends in the comma of its own
    attribution ('"Absolutely not," he said.', '"Really," she added'): a whole reply, not a
    scare-quoted term. PolNeAR train: +11 quotes, +9 matched, F1@0.3 0.7627 -> 0.7629, F1@0.8
    0.7015 -> 0.7018."""
    if found.cue is None or not 0 <= found.cue.idx - found.end <= _ANSWER_GAP:
        return False
    before = text[: found.start].rstrip(" \"“‘'")
    return text[found.start : found.end].rstrip(" \"”’'").endswith(",") and (
        not before or before[-1] in ".!?:\n"
    )


def _join_split(quoted: list[Found], text: str) -> list[Found]:
    """Quotes interrupted by their attribution ("...," she said, "...") joined into one."""
    out: list[Found] = []
    for quote in quoted:
        if out:
            last = out[-1]
            gap = text[last.end : quote.start]
            cues = [c for c in (last.cue, quote.cue) if c is not None]
            if (
                len(gap) <= _MAX_ATTRIBUTION_GAP
                and "\n" not in gap
                and any(last.end <= c.idx < quote.start for c in cues)
                # Two different cues are two attributions ("...," Ms. Alawee said. "..."
                # Mr. Zahed said: "..."), even when the second is short.
                # Two different cues are two attributions ("...," Ms. Alawee said. "..."
                # Mr. Zahed said: "..."; "...," she said. Then she added: "..."). Tried on
                # PolNeAR train: speaker acc 0.868 -> 0.872, F1@0.3 unchanged, F1@0.8
                # 0.528 -> 0.520 (gold often joins such parts); joining only same-named
                # speakers did worse on both.
                and not (last.cue is not None and quote.cue is not None and last.cue != quote.cue)
            ):
                cue = last.cue if last.cue is not None else quote.cue
                speaker, span = (
                    (last.speaker, last.speaker_span)
                    if last.speaker is not None
                    else (quote.speaker, quote.speaker_span)
                )
                out[-1] = Found(last.start, quote.end, "direct", cue, speaker, span)
                continue
        out.append(quote)
    return out


def _folds_into(start: int, end: int, cue: Token | None, outer: Found) -> bool:
    if not (outer.start <= start and end <= outer.end):
        return False
    return cue is None or cue == outer.cue or not (outer.start <= cue.idx < outer.end)


def _token_span(token: Token, starts: list[int]) -> Span:
    return Span(token.text, token.idx, token.idx + len(token.text), paragraph_of(token.idx, starts))
