"""Boilerplate removal and text normalisation for article bodies.

`clean_paragraphs` keeps the paragraphs of an article and sets aside the lines a site wraps
around it: consent and cookie blurbs, newsletter sign-ups, "Source: Read Full Article"
trailers, teaser links ending in a bracketed ALL-CAPS tag ("... [INSIGHT]"), section labels,
share/follow/subscribe lines, "Advertisement", "Read more: ..." links, copyright lines and
photo credits.

Precision matters more than recall: a real paragraph must never be dropped. Every rule is
therefore anchored (the whole line, or its start or end, must match) and limited to short
lines, and the one rule that looks inside a line (consent blurbs) needs the reader addressed
as "you" plus several consent words at once. A long line is only ever removed by a phrase no
news paragraph uses ("We use your sign-up to provide content...").

Removed lines are returned as "<kind>: <line>" (kinds: consent, newsletter, trailer, teaser,
section, share, advert, readmore, copyright, credit) so that what was removed, and why, can
be inspected on the Article (`Article.removed`) and nothing is lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import ftfy

# Invisible characters that only get in the way of matching and hashing. The soft hyphen is
# among them: it is a line-breaking hint, not text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085\x0b\x0c]")
# Control characters (Unicode category Cc) other than tab and line feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# For single lines: invisible and control characters dropped, every kind of space or line
# break made a plain space (str.split then collapses them).
_LINE_TABLE: dict[int, str | None] = {
    **dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], " "),
    **dict.fromkeys(map(ord, "\u00a0\u1680\u202f\u205f\u3000\u2028\u2029"), " "),
    **dict.fromkeys(range(0x2000, 0x200B), " "),
    **{code: None for code in _INVISIBLE},
}
for _code in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)):
    _LINE_TABLE[_code] = None  # control characters vanish; tab, breaks and NEL become spaces
_WORD = re.compile(r"[\w'’.&-]+")


# UTF-8 read as Latin-1 or Windows-1252 ("PeÃ±a", "itâ€™s"): a lead byte's character followed
# by a continuation byte's. Only text with such a pair is handed to ftfy, which repairs it
# when it is sure; 13 of PolNeAR's articles and one of its titles carry such text.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df\u00e0-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
    "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Text that was UTF-8 decoded as Latin-1 or Windows-1252, decoded again as it should be."""
    return ftfy.fix_encoding(text) if _MOJIBAKE.search(text) else text


def normalise_text(text: str) -> str:
    """Whole-document normalisation that keeps line breaks: mojibake repaired, NFC, no
    invisible or control characters, non-breaking and other odd spaces as plain spaces, runs
    of spaces collapsed, every line stripped. Curly quotes and dashes are kept as they are."""
    text = repair_mojibake(text)
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text)).translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def normalise_line(text: str) -> str:
    """One line or paragraph normalised as `normalise_text` does, line breaks made spaces."""
    # One translate pass does what normalise_text does in several (it runs on every line).
    text = repair_mojibake(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.translate(_LINE_TABLE).split())


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _key(line: str) -> str:
    """The line reduced for whole-line matching: lower case, no edge punctuation."""
    return line.casefold().strip(" .:;,!|-–—•·>»«*_()[]")


# --- the rules --------------------------------------------------------------------------------
# Each rule: (kind, pattern, longest line in words it may remove). Patterns are searched in the
# casefolded line; most are anchored with ^ and $.

# A teaser link is a headline-like line (no closing full stop) with a tag in capitals. A whole
# sentence followed by a tag ("... leads in Indiana. [NYT]") cites a source and is content.
_TEASER = re.compile(r"[^.!?\s\"”’']\s*\[[A-Z][A-Z0-9 &'’/-]{1,24}\]\s*$")

_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (kind, re.compile(pattern), limit)
    for kind, pattern, limit in (
        # Phrases no news paragraph uses: the site speaking to its reader about their data.
        (
            "consent",
            r"we use your sign-?up|we use cookies|this (web)?site uses cookies|"
            r"you can unsubscribe at any time|you('ve| have) consented to|"
            r"by (clicking|continuing to use|signing up|subscribing)[^.]{0,80}"
            r"you (agree|accept|consent)",
            90,
        ),
        (
            "consent",
            r"^(more info|privacy (policy|notice)|(accept|reject|manage) (all )?cookies|"
            r"cookie (policy|settings|preferences)|manage (consent|preferences))$",
            4,
        ),
        (
            "newsletter",
            r"(^|[.!?] )(sign up|subscribe|register)( now| today| here| free)? (to|for) "
            r"(our|the|a|my) [\w ’'-]{0,40}(newsletter|bulletin|briefing|email|alerts?)\b|"
            r"newsletters?\b.{0,80}\b(straight to|in|into) your inbox|"
            r"^(sign up|subscribe|register)( now| here| today)?$|"
            r"(^|[.!?] )enter your email( address)?",
            40,
        ),
        (
            "trailer",
            r"^((source|via)\s*:\s*)?read (the )?(full|original|complete|entire) "
            r"(article|story|report)\b|^continue reading\b|^click here to read\b|"
            r"^(this|the) (article|story) (was )?(originally|first) (appeared|published)\b",
            25,
        ),
        ("trailer", r"^(source|sources|via)\s*:", 10),
        (
            "share",
            r"^(share|share this( article| story| page| post)?|share on [\w ]+|tweet|email|"
            r"e-mail|print|copy link|copy url|comments?|\d+ comments?|save|save article|"
            r"gift (this )?article|listen to (this )?article|click to share.*)$|"
            r"^follow (us|me|@\w+|[\w .’'-]+ on (twitter|x|facebook|instagram|tiktok|"
            r"threads|bluesky|linkedin|youtube))\b|^like us on facebook\b|"
            r"^subscribe to (our|the) [\w ]*(channel|podcast|feed)\b",
            15,
        ),
        (
            "advert",
            r"^(advertisement|advertisements|advert|ad|sponsored( content)?|"
            r"paid (content|post|partnership)|(story|article) continues below"
            r"( this)?( advertisement| ad)?|scroll to continue( with content)?|"
            r"advertisement\W+scroll to continue( with content)?|skip advert(isement)?)$",
            8,
        ),
        (
            "readmore",
            r"^(read more|read also|also read|more reading|related( articles?| stories| "
            r"content| coverage| links?)?|see also|more from [\w ’'-]+|more on this story|"
            r"recommended( reading)?|you may also like|you might also like|most read|"
            r"most popular|trending( now)?|don['’]t miss|watch|listen|pictured|latest)"
            r"\s*(:|\||–|—|>|»)",
            35,
        ),
        (
            "readmore",
            r"^(read more|related( articles| stories)?|see also|more stories|"
            r"more on this story|you may also like|most read|recommended)$",
            5,
        ),
        (
            "copyright",
            r"^(©|\(c\)|copyright\b|all rights reserved)|all rights reserved\W*$",
            30,
        ),
        (
            "credit",
            r"^(photo|photograph|image|picture|video|illustration|graphic|footage)s?"
            r"( credit)?\s*(:|/|by\b)|^(credit|credits|source image)\s*:|"
            r"^\((photo|image|picture|credit)\b[^)]*\)$",
            25,
        ),
        # A credit at the end of a line ("... (Getty Images)", "Name / Reuters") marks a
        # caption only on a short line: scraped prose sometimes has a credit glued to its
        # last sentence, and that paragraph must stay.
        (
            "credit",
            r"(\(|/|\bvia |\bcredit: )\s*(getty images|afp|reuters|ap photo|ap|pa|"
            r"pa images|pa wire|epa|shutterstock|alamy|bloomberg|anadolu)[^.]{0,40}\)?$",
            12,
        ),
    )
)

# No rule removes a line longer than this (in words): long paragraphs skip the rules at once.
_LONGEST_RULE = max(limit for _, _, limit in _RULES)

# Section labels: short lines made only of section-name words ("World News", "UK | Politics").
_SECTION_VOCABULARY = """
    news world uk us u.s. usa politics business economy markets money finance sport sports
    football opinion opinions comment commentary analysis entertainment culture arts lifestyle
    life style travel health science tech technology environment climate education local
    national international breaking latest top stories home europe asia africa americas middle
    east australia live video videos features feature editorial editorials investigations
    weather crime law royals royal celebrity celebrities tv showbiz media personal property
    motoring food fashion gaming podcasts global region regional city metro nation politics
    elections election & and | > / - – — • ·"""
_SECTION_WORDS = frozenset(_SECTION_VOCABULARY.split())


def boilerplate_kind(line: str) -> str | None:
    """The kind of boilerplate this (normalised) line is, or None for an article line."""
    text = line.strip()
    if not text:
        return None
    words = _words(text)
    if words <= 30 and text.endswith("]") and _TEASER.search(text):
        return "teaser"
    if is_section_label(text):
        return "section"
    if words > _LONGEST_RULE:
        return None
    folded = text.casefold()
    key = _key(text)
    for kind, pattern, limit in _RULES:
        if words <= limit and (pattern.search(folded) or (key != folded and pattern.search(key))):
            return kind
    return None


def is_section_label(line: str) -> bool:
    """True for a short line made only of section names: "World News", "Politics | UK"."""
    text = line.strip()
    if not text or len(text) > 40 or text[-1] in ".?!\"”’'":
        return False
    tokens = text.casefold().replace("|", " | ").split()
    if not 1 <= len(tokens) <= 5:
        return False
    return all(token in _SECTION_WORDS for token in tokens) and any(
        token.isalpha() for token in tokens
    )


def clean_paragraphs(lines: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split paragraphs into (kept, removed): article text, and boilerplate as "kind: line".

    Every line is normalised (`normalise_line`) first; empty lines are dropped from both.
    """
    kept: list[str] = []
    removed: list[str] = []
    for raw in lines:
        line = normalise_line(raw)
        if not line:
            continue
        kind = boilerplate_kind(line)
        if kind is None:
            kept.append(line)
        else:
            removed.append(f"{kind}: {line}")
    return tuple(kept), tuple(removed)
