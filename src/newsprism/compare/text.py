"""Text helpers shared by the compare stage: normalising for fuzzy matching, content words,
sentence splitting, and matching names of the same person across articles.

Everything here is plain string work so that comparing a stored story needs no parser.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator

# Quotation marks and apostrophes as scraped text spells them, folded to ASCII so that
# "China’s" and "China's" compare equal.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

# Function words that say nothing about which fact a sentence reports. Written for this
# project (a short list of English closed-class words, not copied from any lexicon).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "as",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "done",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "also",
        "just",
        "only",
        "very",
        "more",
        "most",
        "much",
        "many",
        "some",
        "any",
        "all",
        "each",
        "both",
        "such",
        "own",
        "same",
        "other",
        "another",
        "again",
        "further",
        "once",
        "up",
        "down",
        "out",
        "off",
        "if",
        "while",
        "because",
        "until",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tell",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
        "s",
    ]
)


def fold(text: str) -> str:
    """NFKC text with typographic quotes and dashes folded to ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def words(text: str) -> list[str]:
    """Casefolded words of `text`, apostrophes kept inside words."""
    return list(_words(text))


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    # A story's comparison asks for the words of the same passages many times over.
    return tuple(_WORD.findall(fold(text).casefold()))


def normalise(text: str) -> str:
    """Text reduced to what fuzzy matching should see: casefolded words, single spaces."""
    return " ".join(words(text))


def content_words(text: str) -> list[str]:
    """Words of `text` that carry meaning: no stop words, no bare numbers."""
    return [w for w in _words(text) if w not in STOP_WORDS and not w.isdigit()]


def stem(word: str) -> str:
    """A light suffix strip, enough to match "injured" with "injure", "casualties" with
    "casualty" and "flooded" with "floods" (not a full stemmer: short words are left alone)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


def stems(text: str) -> set[str]:
    """Stemmed content words of `text`, as a set."""
    return {stem(w) for w in content_words(text)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# Titles and abbreviations that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
    ]
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, paragraph breaks always ending one."""
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        cut = 0
        for match in _SENTENCE_END.finditer(chunk):
            before = chunk[cut : match.start() + 1].split()
            last = before[-1].rstrip(".").casefold() if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            end = match.end()
            piece = chunk[cut:end].rstrip()
            if piece:
                yield start + cut, start + cut + len(piece)
            cut = end
        tail = chunk[cut:].rstrip()
        if tail.strip():
            yield start + cut, start + cut + len(tail)


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that contains character `offset` ("" when out of range)."""
    spans = _sentence_spans(text)
    at = bisect.bisect_right(spans, (offset, math.inf)) - 1
    if at >= 0 and spans[at][0] <= offset < spans[at][1]:
        return text[spans[at][0] : spans[at][1]]
    return ""


def sentence_of(body: str, start: int, written: str) -> str:
    """The sentence of `body` in which `written` stands at `start`, cut at paragraph breaks
    (the parser's sentences may run across them); "" when the offsets do not fit the body."""
    if 0 <= start < len(body) and body.startswith(written, start):
        return sentence_at(body, start)
    return ""


@functools.lru_cache(maxsize=256)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentences(text))


@functools.lru_cache(maxsize=16384)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a person's name without titles ("Mr Wang" -> ("wang",))."""
    return tuple(w for w in words(name) if w not in {"mr", "mrs", "ms", "dr", "president"})


@functools.lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Whether two names can be the same person: equal, or one's words end the other's.

    "Wang" and "Wang Yi" match (a surname, or a Chinese family name first); "Wang Yi" and
    "Xi Jinping" do not. Only used when no corpus-wide entity key decides it.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    return set(short) <= set(long) and (short[-1] == long[-1] or short[0] == long[0])


def merge_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the fullest name of the same person among `names`.

    A short name ("Wang") joins a longer one ("Wang Yi") only when exactly one longer name
    fits, so that "Smith" is left alone when both "John Smith" and "Anna Smith" appear.
    """
    unique = sorted(set(names), key=lambda n: (-len(name_tokens(n)), n))
    # Only names sharing a word can be one person: look among those.
    by_word: dict[str, list[str]] = {}
    for name in unique:
        for word in set(name_tokens(name)):
            by_word.setdefault(word, []).append(name)
    position = {name: i for i, name in enumerate(unique)}
    mapping: dict[str, str] = {}
    for name in unique:
        size = len(name_tokens(name))
        near = {other for word in set(name_tokens(name)) for other in by_word[word]}
        fuller = [
            other
            for other in sorted(near, key=position.__getitem__)
            if len(name_tokens(other)) > size and same_person(name, other)
        ]
        targets = {mapping.get(other, other) for other in fuller}
        mapping[name] = targets.pop() if len(targets) == 1 else name
    return mapping


# Headline prefixes before a colon that label the story rather than name a speaker.
_LABEL_PREFIXES = frozenset(
    {
        *("breaking", "the latest", "latest", "watch", "update", "exclusive", "analysis"),
        *("opinion", "live", "video", "fact check", "explainer"),
    }
)


def colon_speaker(headline: str) -> str | None:
    """Who speaks in a "Speaker: claim" headline ("Khans: Trump stirs 'ugliness'", "CNN
    President On Trump: '...'" -> "CNN President"), or None when the part before the colon
    is a label or a topic ("Breaking:", "Port Calder fire:", "China support for Russia
    CRUMBLING:"): a speaker is one to three capitalised words. Used by the analysis'
    headline check and by compare."""
    before, colon, _ = headline.partition(":")
    if not colon or before.strip().casefold() in _LABEL_PREFIXES:
        return None
    speaker = re.split(r"(?i)\s+on\s+", before.strip(), maxsplit=1)[0]
    names = speaker.split()
    if not 1 <= len(names) <= 3 or not all(w[:1].isupper() for w in names):
        return None
    if any(w.isupper() and len(w) > 3 for w in names):
        return None  # a shouted word ("CRUMBLING") is a topic line
    return speaker
