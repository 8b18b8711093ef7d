"""Direct quotes: the text between quotation marks, and who said it.

Quotation marks pair within their family (curly, straight, guillemets, doubled apostrophes and
backticks), across paragraphs in the news convention where a quoted paragraph leaves its closing
mark off and the next reopens the quote. The attribution of a quote is found among the unquoted
words of its sentence, then the sentences around it ("He said:" before, "she added." after), a
"Name:" before it, a "- Name." signature under it, or the verb the quotation hangs on.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsprism.analyze.cues import (
    CLOSE_ONLY,
    DIRECT_ONLY_VERBS,
    FAMILY,
    FIRST_SECOND_PERSON,
    LEADING_MARKS,
    OPEN_ONLY,
    QUOTE_MARKS,
    SAY_VERBS,
    SPEECH_VERBS,
    cue_lemma,
)
from newsprism.analyze.speakers import subject as subject_of

# Shortest direct quote kept, in characters: single quoted words are titles and scare
# quotes more often than speech.
_MIN_DIRECT_CHARS = 3


# Longest following sentence, in tokens, read as the attribution of a quote before it
# ("She added in an interview."). Tuned on PolNeAR train: 12 gave speaker accuracy 0.825,
# 25 gave 0.825 too (F1 unchanged); the shorter limit risks fewer wrong attributions. Also
# taking longer sentences whose cue is among their first six tokens cost 0.004 (0.870 ->
# 0.866): the next sentence often opens a new speaker's quote.
_MAX_TRAILING_ATTRIBUTION = 12

# Longest "- Name, occasion." signature line under a quoted paragraph, in characters.
_MAX_SIGNATURE_CHARS = 80


def direct_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks."""
    spans: list[tuple[int, int]] = []
    marks = [(m.start(), m.group()) for m in QUOTE_MARKS.finditer(text)]
    i = 0
    while i < len(marks):
        pos, mark = marks[i]
        if not _opens(text, pos, mark):
            i += 1
            continue
        family = FAMILY[mark]
        j = i + 1
        end = None
        while j < len(marks):
            p2, m2 = marks[j]
            if FAMILY[m2] == family:
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
    if mark in CLOSE_ONLY:
        return False
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark in OPEN_ONLY:
        return not after.isspace() or mark == "“"
    # A mark that can open or close opens after a space, bracket or dash, before text.
    return not before.isalnum() and not after.isspace()


def _closes(text: str, pos: int, mark: str) -> bool:
    if mark in OPEN_ONLY:
        return False
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark == "’":
        # An apostrophe sits between letters ("don’t") or ends a plural possessive
        # ("voters’ "); a closing single quote follows text and precedes a non-letter.
        return not after.isalnum() and not before.isspace() and before != "s"
    if mark in CLOSE_ONLY:
        return True
    return not before.isspace() and not after.isalnum()


def direct_attribution(
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
            return cue, speaker or _governingsubject(text, first, start, end)
    # "He said:" in the sentence before; "Sanders delivered a snappy retort:" too.
    before = _neighbour_sentence(doc, text, first[0].sent, -1)
    if before is not None and before.text.rstrip().endswith(":"):
        cue, speaker = _cue_outside(text, before, start, end, quoted)
        if cue is not None and speaker is not None:
            return cue, speaker
        subject = subject_of(before.root) if before.root.pos_ in {"VERB", "AUX"} else None
        if subject is not None and subject.lower_ not in FIRST_SECOND_PERSON:
            return cue, subject
    elif (introducer := _colon_line_subject(doc, text, start)) is not None:
        return None, introducer
    # A quotation set inside a sentence of the writer's ("Trump blasted Disney for its
    # "outrageous practices""): whoever does the verb it hangs on is its source.
    speaker = _governingsubject(text, first, start, end)
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
    """Whether `offset` lies in the paragraph of the quote [start, end), or in the paragraph
    right before that ends in a colon and opens the quote ("He told the crowd:\n\n"I can
    say ..."). PolNeAR train: speaker accuracy 0.8897 -> 0.8907."""
    gap = (offset, start) if offset < start else (end, offset)
    between = text[gap[0] : gap[1]]
    if "\n" not in between:
        return True
    return offset < start and _introduces(text, between.find("\n") + gap[0], start)


def _introduces(text: str, newline: int, start: int) -> bool:
    """Whether the line ending at `newline` ends in a colon and the next paragraph opens
    with the quote that starts at `start`."""
    opening = text[newline:start].strip()
    return text[:newline].rstrip().endswith(":") and (opening == "" or opening in LEADING_MARKS)


def _governingsubject(text: str, quote: SpacySpan, start: int, end: int) -> Token | None:
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
                subject = subject_of(current)
                if subject is not None and not (start <= subject.idx < end):
                    return subject
            if current.head.i == current.i:
                break
            current = current.head
        return None
    return None


def _colon_line_subject(doc: Doc, text: str, start: int) -> Token | None:
    """The subject of the line that ends in a colon right above a quoted paragraph ("Donald
    Trump issued the following statement:\\n\\n"Our prayers ..."), when the parse ran that
    line and the quotation into one sentence, so that no sentence before ends in the colon.
    PolNeAR train: speaker accuracy 0.9064 -> 0.9065 (2 right, none lost), F1 unchanged."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() not in LEADING_MARKS | {""}:
        return None
    above = text[:line_start].rstrip()
    if not above.endswith(":"):
        return None
    line = doc.char_span(above.rfind("\n") + 1, len(above), alignment_mode="expand")
    if line is None:
        return None
    for verb in reversed(line):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = subject_of(verb)
        if subject is not None and line.start <= subject.i < line.end:
            return None if subject.lower_ in FIRST_SECOND_PERSON else subject
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
    # Attribution does not cross a paragraph break, but for a paragraph ending in a colon.
    lo, hi = (other.end_char, sent.start_char) if step < 0 else (sent.end_char, other.start_char)
    if "\n\n" in text[lo : hi + 1] and not (step < 0 and other.text.rstrip().endswith(":")):
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
        lemma = cue_lemma(token)
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
        subject = subject_of(token)
        if subject is not None and subject.lower_ in FIRST_SECOND_PERSON:
            continue
        distance = start - token.idx if token.idx < start else token.idx - end
        rank = (0 if lemma in SAY_VERBS else 1, distance, token)
        if best is None or rank[:2] < best[:2]:
            best = rank
    if best is None:
        return None, None
    cue = best[2]
    speaker = subject_of(cue)
    if speaker is None and cue.idx > end:
        # "..., added a New Hampshire Democrat": the parse finds no subject after the cue.
        speaker = _named_after(cue, quoted)
    elif speaker is not None and any(s <= speaker.idx < e for s, e in quoted):
        # The parse took a word of the quotation for the subject (""Anybody who attacks him,
        # it's like buyer beware," said Louise Sunshine"): the name after the cue speaks,
        # else the one right before it.
        speaker = _named_after(cue, quoted) or _named_before(cue, quoted) or speaker
    return cue, speaker


def _named_before(cue: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The name or pronoun right before `cue`, after the quotation ("“My apologies, I'm
    sorry,” Quick said"). PolNeAR train: speaker accuracy 0.9003 -> 0.9017."""
    for token in reversed(cue.doc[max(0, cue.i - 4) : cue.i]):
        if any(s <= token.idx < e for s, e in quoted) or "\n" in token.whitespace_:
            return None
        if token.pos_ in {"PROPN", "NOUN", "PRON"}:
            return token
    return None


def _named_after(cue: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The first name or noun right after `cue`, outside any quotation ("said Louise
    Sunshine"). PolNeAR train: speaker accuracy 0.8941 -> 0.8947."""
    for token in cue.doc[cue.i + 1 : cue.i + 4]:
        if any(s <= token.idx < e for s, e in quoted) or "\n" in token.text:
            return None
        if token.pos_ in {"PROPN", "NOUN"}:
            while token.dep_ == "compound" and token.head.i > token.i:
                token = token.head
            return token
    return None
