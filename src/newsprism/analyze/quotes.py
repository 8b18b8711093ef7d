"""Who said what: direct quotes and reported (indirect) speech in one parsed article.

Two layers over the one spaCy parse of the article:

- direct quotes: text between quotation marks (straight, curly, and single marks where they
  open a quote rather than form an apostrophe), across sentences and across paragraphs in the
  news convention where a quoted paragraph leaves its closing mark off and the next paragraph
  reopens the quote;
- indirect speech: a reporting verb ("said", "told", "warned", "believes", ...) with a clausal
  complement, "according to X", and "X said:" introductions.

Each quote gets its cue (the reporting word), the speaker as written, and the speaker's
canonical name and key, resolved through the article's entities: a surname or title mention
is already an entity; a pronoun goes to the nearest preceding compatible entity; a role ("the
ministry") to the nearest preceding organisation or person that fits, else the role itself.
A direct quote that sits inside reported speech is folded into that reported speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsprism.analyze.entities import paragraph_of, paragraph_starts, word_set
from newsprism.analyze.speakers import Resolver, subject_span
from newsprism.analyze.speakers import subject as _subject
from newsprism.model import Entity, Quote, Span

# Reporting verbs (lemmas) that introduce speech or thought. Written for newsprism from
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
    advise agree appear seem
    """
)

# Verbs whose prepositional object is what was said ("called for a ban").
PREP_VERBS = word_set(
    """
    call ask push argue press talk testify write tweet post complain
    warn campaign refer
    """
)

# Verbs whose direct object is what was said, praised or attacked ("criticized the ruling").
# "noted the dichotomy", "reported earnings of ...": PolNeAR train +26 matched of +38 quotes.
OBJECT_VERBS = word_set(
    """
    announce criticize criticise praise defend endorse oppose reject deny
    propose cite describe accuse blame unveil dismiss question acknowledge
    admit condemn applaud attack slam blast mock back predict estimate
    recommend demand request promise pledge threaten suggest urge mention reveal
    confirm disclose dispute challenge concede tout hail laud decry lament ask want
    note report
    """
)

# Verbs whose direct object is what was said only with what it is called or seen as
# ("called the law "a disgrace"", "sees the piece as a return to ..."); "saw him" is nothing.
# With "accused X of ...", "described X as ..." and "the poll shows X with ...", on PolNeAR
# train: +337 quotes, +276 matched, F1@0.3 0.6543 -> 0.6634, F1@0.8 0.5614 -> 0.5744.
NAMING_VERBS = word_set("call see view regard consider deem label dub brand term")

# Every verb that can introduce reported content, by one of the patterns above.
_CUE_VERBS = SPEECH_VERBS | XCOMP_VERBS | PREP_VERBS | OBJECT_VERBS | NAMING_VERBS

# Closing quotation marks: kept at the edge of a reported clause, unlike other punctuation.
_CLOSING_MARKS = frozenset({"”", '"', "’", "''"})

_FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})
_SAY_VERBS = frozenset({"say", "tell", "add", "write", "ask", "tweet", "explain", "continue"})

# Quotation marks: curly, straight, guillemets, and the doubled apostrophes and backticks
# of some wire and newspaper archives (''like this''). A plain ' is too often an
# apostrophe to count. Marks of one family pair with each other, whichever way they curl,
# because scraped text often mixes straight openers with curly closers.
_QUOTE_MARKS = re.compile(r"''|``|[“”\"‘’«»]")
_FAMILY = {"“": 2, "”": 2, '"': 2, "''": 2, "``": 2, "‘": 1, "’": 1, "«": 3, "»": 3}
_LEADING_MARKS = frozenset('"“”‘«')
_TRAILING_MARKS = frozenset('"”»')
_OPEN_ONLY = frozenset({"“", "``", "‘", "«"})
_CLOSE_ONLY = frozenset({"”", "’", "»"})

# Shortest direct quote kept, in characters: single quoted words are titles and scare
# quotes more often than speech.
_MIN_DIRECT_CHARS = 3

# Longest attribution between the halves of a split quote, in characters: "," said Sen.
# Elizabeth Warren, a Democrat from Massachusetts, "' fits; a full sentence does not.
_MAX_ATTRIBUTION_GAP = 120

# Longest following sentence, in tokens, read as the attribution of a quote before it
# ("She added in an interview."). Tuned on PolNeAR train: 12 gave speaker accuracy 0.825,
# 25 gave 0.825 too (F1 unchanged); the shorter limit risks fewer wrong attributions. Also
# taking longer sentences whose cue is among their first six tokens cost 0.004 (0.870 ->
# 0.866): the next sentence often opens a new speaker's quote.
_MAX_TRAILING_ATTRIBUTION = 12

# Longest "- Name, occasion." signature line under a quoted paragraph, in characters.
_MAX_SIGNATURE_CHARS = 80


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: str
    cue: Token | None
    speaker: Token | None
    speaker_span: tuple[int, int] | None


def extract_quotes(doc: Doc, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Quotes and reported speech of `doc`, with speakers resolved through `entities`.

    `entities` are `extract_entities(doc)`; offsets are character offsets into `doc.text`.
    Quotes come in order of their content's start.
    """
    text = doc.text  # built from the tokens on every access: read it once
    starts = paragraph_starts(text)
    resolver = Resolver(doc, entities)

    direct = _direct_spans(text, starts)
    indirect = _indirect(doc, text) + _colon_lines(doc, text)

    found: list[_Found] = list(indirect)
    quoted: list[_Found] = []
    for start, end in direct:
        cue, speaker = _direct_attribution(doc, text, start, end, direct)
        quoted.append(
            _Found(start, end, "direct", cue, speaker, subject_span(speaker) if speaker else None)
        )
    for joined in _join_split(quoted, text):
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
    # Reported speech that lies inside a direct quote is the quoted speaker's own
    # reporting ("We said we would win"): the direct quote stands for it.
    direct_found = [f for f in found if f.kind == "direct"]
    found = [
        f
        for f in found
        if f.kind == "direct"
        or not any(d.start <= f.start and f.end <= d.end for d in direct_found)
    ]
    found.sort(key=lambda f: (f.start, f.end))

    quotes: list[Quote] = []
    previous: Quote | None = None
    for f in found:
        content = Span(text[f.start : f.end], f.start, f.end, paragraph_of(f.start, starts))
        cue_span = _token_span(f.cue, starts) if f.cue is not None else None
        speaker_span = None
        name = key = None
        if f.speaker is not None and f.speaker_span is not None:
            s, e = f.speaker_span
            speaker_span = Span(text[s:e], s, e, paragraph_of(s, starts))
            name, key = resolver.resolve(f.speaker, speaker_span)
        elif (
            f.kind == "direct"
            and previous is not None
            and previous.kind == "direct"
            and previous.speaker is not None
            and content.paragraph - previous.content.paragraph <= 1
        ):
            # A quote paragraph with no attribution continues the previous speaker.
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


def _join_split(quoted: list[_Found], text: str) -> list[_Found]:
    """Quotes interrupted by their attribution ("...," she said, "...") joined into one."""
    out: list[_Found] = []
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
                out[-1] = _Found(last.start, quote.end, "direct", cue, speaker, span)
                continue
        out.append(quote)
    return out


def _folds_into(start: int, end: int, cue: Token | None, outer: _Found) -> bool:
    if not (outer.start <= start and end <= outer.end):
        return False
    return cue is None or cue == outer.cue or not (outer.start <= cue.idx < outer.end)


# --- direct quotes ---------------------------------------------------------------------------


def _direct_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks."""
    spans: list[tuple[int, int]] = []
    marks = [(m.start(), m.group()) for m in _QUOTE_MARKS.finditer(text)]
    i = 0
    while i < len(marks):
        pos, mark = marks[i]
        if not _opens(text, pos, mark):
            i += 1
            continue
        family = _FAMILY[mark]
        j = i + 1
        end = None
        while j < len(marks):
            p2, m2 = marks[j]
            if _FAMILY[m2] == family:
                if _closes(text, p2, m2):
                    end = p2
                    break
                # Reopened without closing: the news convention for a quote that runs on
                # into the next paragraph; it continues if a paragraph break lies between,
                # otherwise the first mark was unpaired.
                if _opens(text, p2, m2) and "\n\n" not in text[pos:p2]:
                    break
            j += 1
        if end is None:
            i += 1
            continue
        start = pos + len(mark)
        if end - start >= _MIN_DIRECT_CHARS:
            spans.append((start, end))
        i = j + 1
    return spans


def _opens(text: str, pos: int, mark: str) -> bool:
    if mark in _CLOSE_ONLY:
        return False
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark in _OPEN_ONLY:
        return not after.isspace() or mark == "“"
    # A mark that can open or close opens after a space, bracket or dash, before text.
    return not before.isalnum() and not after.isspace()


def _closes(text: str, pos: int, mark: str) -> bool:
    if mark in _OPEN_ONLY:
        return False
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark == "’":
        # An apostrophe sits between letters ("don’t") or ends a plural possessive
        # ("voters’ "); a closing single quote follows text and precedes a non-letter.
        return not after.isalnum() and not before.isspace() and before != "s"
    if mark in _CLOSE_ONLY:
        return True
    return not before.isspace() and not after.isalnum()


def _direct_attribution(
    doc: Doc, text: str, start: int, end: int, quoted: list[tuple[int, int]]
) -> tuple[Token | None, Token | None]:
    """The cue verb and speaker of a direct quote, from its sentence or the neighbouring one."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None, None
    sents = [first[0].sent]
    if first[-1].sent != sents[0]:
        sents.append(first[-1].sent)
    # Outside-the-quote tokens of the sentences the quote starts and ends in.
    for sent in sents:
        cue, speaker = _cue_outside(text, sent, start, end, quoted)
        if cue is not None:
            # A cue whose subject the parse lost: whoever the quotation hangs on.
            return cue, speaker or _governing_subject(text, first, start, end)
    # "He said:" in the sentence before; "Sanders delivered a snappy retort:" too.
    before = _neighbour_sentence(doc, text, first[0].sent, -1)
    if before is not None and before.text.rstrip().endswith(":"):
        cue, speaker = _cue_outside(text, before, start, end, quoted)
        if cue is not None and speaker is not None:
            return cue, speaker
        subject = _subject(before.root) if before.root.pos_ in {"VERB", "AUX"} else None
        if subject is not None and subject.lower_ not in _FIRST_SECOND_PERSON:
            return cue, subject
    # A quotation set inside a sentence of the writer's ("Trump blasted Disney for its
    # "outrageous practices""): whoever does the verb it hangs on is its source.
    speaker = _governing_subject(text, first, start, end)
    if speaker is not None:
        return None, speaker
    # "she added." right after (not "She added that ...", which reports something else),
    # or "..., Mr. McCain recalled." earlier in the paragraph.
    after = _neighbour_sentence(doc, text, first[-1].sent, 1)
    if after is not None:
        cue, speaker = _cue_outside(text, after, start, end, quoted)
        if (
            cue is not None
            and len(after) <= _MAX_TRAILING_ATTRIBUTION
            and not any(c.dep_ == "ccomp" for c in cue.children)
        ):
            return cue, speaker
    # "Former secretary of state Hillary Clinton: "We learned ..."": a name and a colon.
    named = _name_before_colon(doc, text, start)
    if named is not None:
        return None, named
    # A signature line under a quoted paragraph: "- Bernie Sanders."
    signed = _signature_after(doc, text, end)
    if signed is not None:
        return None, signed
    if before is not None:
        cue, speaker = _cue_outside(text, before, start, end, quoted)
        if cue is not None and speaker is not None:
            return None, speaker
    return None, None


def _same_paragraph(text: str, offset: int, start: int, end: int) -> bool:
    """Whether `offset` lies in the paragraph of the quote [start, end)."""
    gap = (offset, start) if offset < start else (end, offset)
    return "\n" not in text[gap[0] : gap[1]]


def _governing_subject(text: str, quote: SpacySpan, start: int, end: int) -> Token | None:
    """The subject of the nearest verb outside the quote that the quote's words hang on,
    within the quote's paragraph (a parse can run a sentence over a paragraph break)."""
    for token in quote:
        head = token.head
        if head.i == token.i or start <= head.idx < end:
            continue
        current: Token | None = head
        for _ in range(6):
            if current is None:
                break
            if not _same_paragraph(text, current.idx, start, end):
                return None
            if current.pos_ in {"VERB", "AUX"}:
                # "labelled a "witch hunt" by Democrats": the agent of a passive verb.
                for child in current.children:
                    if child.dep_ == "agent":
                        objects = [c for c in child.children if c.dep_ == "pobj"]
                        if objects:
                            return objects[0]
                subject = _subject(current)
                if subject is not None and not (start <= subject.idx < end):
                    return subject
            if current.head.i == current.i:
                break
            current = current.head
        return None
    return None


def _name_before_colon(doc: Doc, text: str, start: int) -> Token | None:
    """The name in "Name: "quote"", where a colon and nothing else precedes the quote."""
    i = start - 1
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    # text[i] is the opening mark; text[i - 1] should be the colon.
    if i < 2 or text[i - 1] != ":":
        return None
    colon = doc.char_span(i - 1, i, alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    name = doc[colon.start - 1]
    if name.pos_ != "PROPN" or "\n" in name.whitespace_:
        return None
    return name


def _signature_after(doc: Doc, text: str, end: int) -> Token | None:
    """The name on a short "- Name." line in the paragraph right after the quote."""
    gap = text[end : end + 8]
    nl = gap.find("\n\n")
    if nl == -1 or gap[:nl].strip(" \t.\"”'’") != "":
        return None
    line_start = end + nl + 2
    if text[line_start : line_start + 1] not in {"-", "—", "–"}:
        return None
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end == -1 else line_end
    if line_end - line_start > _MAX_SIGNATURE_CHARS:
        return None
    line = doc.char_span(line_start, line_end, alignment_mode="expand")
    if line is None:
        return None
    names = [t for t in line if t.pos_ == "PROPN"]
    return names[-1] if names else None


def _neighbour_sentence(doc: Doc, text: str, sent: SpacySpan, step: int) -> SpacySpan | None:
    index = sent.start - 1 if step < 0 else sent.end
    if index < 0 or index >= len(doc):
        return None
    other = doc[index].sent
    # Attribution does not cross a paragraph break.
    lo, hi = (other.end_char, sent.start_char) if step < 0 else (sent.end_char, other.start_char)
    if "\n\n" in text[lo : hi + 1]:
        return None
    return other


def _cue_outside(
    text: str, sent: SpacySpan, start: int, end: int, quoted: list[tuple[int, int]]
) -> tuple[Token | None, Token | None]:
    """The reporting verb of the quote [start, end) among the sentence's unquoted words.

    Verbs inside any quotation are the quoted speaker's own words, and a verb whose subject
    is "I"/"we"/"you" is too; of the rest, "say"-like verbs beat others, then the one
    nearest the quote wins ("...," said Cruz, who has proposed ...: "said", not "proposed").
    """
    best: tuple[int, int, Token] | None = None
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ not in {"VERB", "AUX"} or (
            lemma not in SPEECH_VERBS and lemma not in DIRECT_ONLY_VERBS
        ):
            continue
        if any(s <= token.idx < e for s, e in quoted):
            continue
        # A parse can run a sentence over a paragraph break: another paragraph's verb is not
        # this quote's cue.
        if not _same_paragraph(text, token.idx, start, end):
            continue
        subject = _subject(token)
        if subject is not None and subject.lower_ in _FIRST_SECOND_PERSON:
            continue
        distance = start - token.idx if token.idx < start else token.idx - end
        rank = (0 if lemma in _SAY_VERBS else 1, distance, token)
        if best is None or rank[:2] < best[:2]:
            best = rank
    if best is None:
        return None, None
    return best[2], _subject(best[2])


# --- indirect speech -------------------------------------------------------------------------


def _is_that_said(subject: Token, verb: Token) -> bool:
    """ "That said, ..." is a discourse marker ("even so"), not anyone saying anything."""
    return (
        subject.lower_ == "that"
        and verb.lower_ == "said"
        and subject.i + 1 == verb.i
        and verb.i + 1 < len(verb.doc)
        and verb.doc[verb.i + 1].text == ","
    )


# Adverbs that mark their clause as reported by someone unnamed. PolNeAR train: "reportedly"
# +16 matched of +20 quotes; "allegedly", "supposedly" mostly mark a charge, and took
# matches (with their speakers) from the attributions around them.
_HEARSAY_ADVERBS = frozenset({"reportedly"})

# A "content" that ends in its own reporting verb ("... tests had shown [Okafor said]" when
# the parser hangs the attribution under another verb) is an attribution, not what was said.
_ENDS_IN_ATTRIBUTION = re.compile(r"\b(?:said|says|told|added|stated|noted)\W*$", re.IGNORECASE)
# Nor is a "content" that runs over a quotation's own attribution ('grumpy," she said, but'):
# the parser hung the quotation and its attribution under a later verb.
_CROSSES_ATTRIBUTION = re.compile(
    r"[,?!][\"”]\s+(?:[\w.’'-]+\s+){1,3}(?:said|says|added|asked|stated|noted|declared)\b",
    re.IGNORECASE,
)


def _indirect(doc: Doc, text: str) -> list[_Found]:
    found: list[_Found] = []
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in _CUE_VERBS:
            bounds = _reported_content(token)
            if bounds is None:
                continue
            s, e = _clip_to_paragraph(text, *bounds, token.idx)
            if (
                e - s < 8
                or _ENDS_IN_ATTRIBUTION.search(text, s, e)
                or _CROSSES_ATTRIBUTION.search(text, s, e)
            ):
                continue
            speaker = _subject(token)
            if speaker is not None and _is_that_said(speaker, token):
                continue
            found.append(
                _Found(s, e, "indirect", token, speaker, subject_span(speaker) if speaker else None)
            )
        elif (
            token.lower_ in _HEARSAY_ADVERBS
            and token.dep_ == "advmod"
            and token.head.lemma_.lower() not in _CUE_VERBS
        ):
            # "The group is reportedly spending $1.5 million": the clause, from no one named
            # ("reportedly said" is the saying's own attribution).
            s, e = _clause_span(token.head, token)
            s, e = _clip_to_paragraph(text, s, e, token.idx)
            if e - s >= 8:
                found.append(_Found(s, e, "indirect", token, None, None))
        elif token.lower_ == "in" and token.dep_ == "prep":
            hit = _in_source(text, token)
            if hit is not None:
                found.append(hit)
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            hit = _according_to(doc, text, token)
            if hit is not None:
                found.append(hit)
    return found


def _reported_content(verb: Token) -> tuple[int, int] | None:
    """Character span of what a reporting verb reports, or None if it reports nothing."""
    children = list(verb.children)
    lemma = verb.lemma_.lower()
    # "we saw that ...", "see what happens": only the object and what it is seen as report.
    naming_only = lemma in NAMING_VERBS and lemma not in SPEECH_VERBS | OBJECT_VERBS
    if naming_only:
        children = [c for c in children if c.dep_ == "dobj"]
    for dep in ("ccomp", "parataxis"):
        for child in children:
            if child.dep_ == dep and child.pos_ in {"VERB", "AUX"}:
                return _clause_span(child, verb)
    for child in children:
        if child.dep_ == "ccomp":
            return _clause_span(child, verb)
    # "..., the senator said." parsed with the reported clause as the head of "said".
    # Not when the head is itself a cue: "Sanders told a crowd that he expects ..." has
    # "expects" as what was told, not as the attribution of the main clause.
    if (
        verb.dep_ in {"parataxis", "ccomp"}
        and verb.head.i < verb.i
        and not naming_only
        and verb.head.lemma_.lower() not in _CUE_VERBS
    ):
        found = _subtree_without(verb.head, range(verb.left_edge.i, len(verb.doc)))
        if found is not None:
            return found
    # "Pivoting too soon, economists say, limited the recovery" and "..., as the Times
    # reported": an aside inside or after the clause it reports. PolNeAR train: +185
    # quotes, +151 matched, F1@0.3 0.6651 -> 0.6700, speaker accuracy 0.8800 -> 0.8821.
    if not naming_only and _is_aside(verb):
        found = _subtree_without(verb.head, range(verb.left_edge.i, verb.right_edge.i + 1))
        if found is not None:
            return found
    # "urged Congress to act", "promised to cut taxes": the infinitive and its object.
    if lemma in XCOMP_VERBS:
        for child in children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                objects = [c for c in children if c.dep_ == "dobj" and c.i < child.i]
                first = objects[0].left_edge if objects else child.left_edge
                return first.idx, child.right_edge.idx + len(child.right_edge.text)
    # "called for a ban", "asked about the emails", "referring to the wall": the object of
    # the preposition. PolNeAR train, "to" for "refer" alone: +28 matched of +60 quotes; for
    # every verb here it cost precision for nothing (F1@0.8 0.5764 -> 0.5763).
    prepositions = {"for", "about", "on", "to"} if lemma == "refer" else {"for", "about", "on"}
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in prepositions:
            if lemma not in PREP_VERBS:
                break
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                obj = objects[0]
                return obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
    # "announced a plan", "criticized the ruling": the direct object is the content, with
    # what it is called, seen as or accused of ("accused Cruz of lying").
    if lemma in OBJECT_VERBS or lemma in NAMING_VERBS or lemma == "show":
        for child in children:
            if child.dep_ == "dobj" and child.i > verb.i:
                last = _complement_end(verb, child)
                if lemma in NAMING_VERBS and last is None:
                    break
                if lemma == "show":
                    # "the poll shows Sanders with 47 percent ...": the rest of the clause.
                    rest = [c for c in verb.rights if c.dep_ not in {"punct", "cc", "conj"}]
                    last = rest[-1].right_edge
                end = last if last is not None else child.right_edge
                return child.left_edge.idx, end.idx + len(end.text)
    return None


def _subtree_without(head: Token, skip: range) -> tuple[int, int] | None:
    """Character span of `head`'s subtree without the tokens in `skip` (the attribution) and
    without punctuation at its edges (closing quotation marks kept); None under 3 tokens."""
    tokens = [
        t
        for t in head.subtree
        if t.i not in skip and not (t.is_punct and t.text not in _CLOSING_MARKS)
    ]
    if len(tokens) < 3:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _is_aside(verb: Token) -> bool:
    """Whether `verb` is set off inside the clause it reports, between commas ("the plan,
    aides say, is dead") or after "as" ("as the Times reported"), with no content of its own."""
    if verb.lemma_.lower() not in SPEECH_VERBS or any(
        c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children
    ):
        return False
    # An aside names its own source: not "you know", "as opposed to", "as he was known".
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].lower_ in _FIRST_SECOND_PERSON:
        return False
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if verb.dep_ != "parataxis" or verb.head.i < verb.i:
        return False
    doc = verb.doc
    words = [t.i for t in verb.subtree if not t.is_punct]
    before, after = words[0] - 1, words[-1] + 1
    return before >= 0 and doc[before].text == "," and after < len(doc) and doc[after].text == ","


def _complement_end(verb: Token, obj: Token) -> Token | None:
    """The last token of what the object of `verb` is called, seen as or charged with
    ("called the law "a disgrace"", "sees the piece as a return", "accused Cruz of lying")."""
    last: Token | None = None
    for child in verb.rights:
        if child.i <= obj.i:
            continue
        if child.dep_ in {"oprd", "xcomp", "ccomp"} or (
            child.dep_ == "prep" and child.lower_ in {"as", "of"}
        ):
            last = child.right_edge
    for child in obj.rights:
        if child.dep_ == "prep" and child.lower_ in {"as", "of"} and last is None:
            last = child.right_edge
    return last


def _clause_span(head: Token, verb: Token) -> tuple[int, int]:
    """Character span of the clause under `head`, trimmed of edge punctuation."""
    tokens = [t for t in head.subtree if t.i != verb.i]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in {"that"}):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in _CLOSING_MARKS:
        tokens = tokens[:-1]
    if not tokens:
        return head.idx, head.idx
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _clip_to_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """[start, end) cut to the line holding `anchor` (a parse can run over a line break),
    without the spaces and loose quotation marks at its edges (so that reported speech made
    of a quotation is recognised as that quotation)."""
    line_start = text.rfind("\n", 0, anchor) + 1
    line_end = text.find("\n", anchor)
    if line_end == -1:
        line_end = len(text)
    start, end = max(start, line_start), min(end, line_end)
    while start < end and (text[start].isspace() or text[start] in _LEADING_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_MARKS):
        end -= 1
    return start, end


def _according_to(doc: Doc, text: str, according: Token) -> _Found | None:
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
    s, e = _clip_to_paragraph(
        text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), according.idx
    )
    if e - s < 8:
        return None
    return _Found(s, e, "indirect", according, speaker, subject_span(speaker) if speaker else None)


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


def _colon_lines(doc: Doc, text: str) -> list[_Found]:
    """Paragraphs of the form "Speaker: what was said" (not a quotation: that is direct)."""
    found: list[_Found] = []
    for match in _COLON_LINE.finditer(text):
        if text[match.end()] in _LEADING_MARKS or text[match.end()] == "'":
            continue
        head = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if head is None or not _names_a_speaker(head):
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        s, e = _clip_to_paragraph(text, match.end(), line_end, match.end())
        e = s + len(text[s:e].rstrip(". "))
        if len(text[s:e].split()) < _MIN_COLON_WORDS:
            continue
        colon = doc.char_span(match.end(1), match.end(1) + 1, alignment_mode="expand")
        speaker = head.root
        found.append(
            _Found(
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
    return any(t.pos_ == "PROPN" for t in words) or head.root.lower_ in _SOURCE_NOUNS


# "In the new poll, 40 percent back Sanders", "a growing lead in the latest poll": a poll
# is the source of the clause it stands in; so is a person "in his view". PolNeAR train:
# "in" was the cue of 67 attributions, 54 of them missed, most of them polls. Taking them:
# +35 matched of +68 quotes, F1@0.3 0.6700 -> 0.6707; plural "polls" too gave +26 matched
# of +98 more, and lower speaker accuracy ("leads in the polls" is nobody's claim).
_POLL_NOUNS = word_set("poll survey")
_VIEW_NOUNS = word_set("view opinion words estimation")


def _in_source(text: str, prep: Token) -> _Found | None:
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
    found = _subtree_without(clause, range(prep.left_edge.i, prep.right_edge.i + 1))
    if found is None:
        return None
    s, e = _clip_to_paragraph(text, *found, prep.idx)
    if e - s < 8:
        return None
    return _Found(s, e, "indirect", prep, speaker, subject_span(speaker))


def _token_span(token: Token, starts: list[int]) -> Span:
    return Span(token.text, token.idx, token.idx + len(token.text), paragraph_of(token.idx, starts))
