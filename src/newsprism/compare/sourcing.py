"""Who each outlet relies on: every attribution's source, classified.

An attribution's source is what its speaker span says ("Ukraine's Foreign Ministry", "a readout
of the conversation released by Ukraine's Foreign Ministry", "state broadcaster CCTV", "two
people familier with the talks", "Orvann Lines spokeswoman Lene Dahl"), read with the words that
follow it in the text. It is one of seven kinds:

- person: a named person, with the role the text gives (official, spokesperson, expert,
  witness) and the body they speak for when the text names it;
- government: a government body (a ministry, a police force, a court, a country speaking);
- institution: an international or public institution (the UN, a central bank);
- organisation: a company, union, party or other organisation;
- outlet: a news outlet or agency (AP, Reuters, Bloomberg, CCTV, "state media");
- document: a readout, statement, report, filing, poll or data, with the body that issued it;
- anonymous: sources the text does not name ("two sources", "officials who spoke on condition
  of anonymity", "a person familiar with").

A body's name is normalised so that one outlet's "Ukraine's Foreign Ministry" and another's "the
Ukrainian foreign ministry" are one source; a document counts for the body that issued it
("the Ministry of Foreign Affairs website", in a paragraph about Beijing, is China's foreign
ministry). Vocabulary written for this project from general news usage.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from newsprism.compare.align import APPOSITIVE as _APPOSITIVE
from newsprism.compare.records import Citation, SourceRow
from newsprism.compare.text import sentence_at, words
from newsprism.ingest.outlets import known_outlet_name
from newsprism.model import Analysis, Article, Quote

# A people ("Palestinians") is not an organisation another outlet could have asked.
_ORG_LABELS = frozenset({"ORG", "FAC"})
KINDS = ("person", "government", "institution", "organisation", "outlet", "document", "anonymous")

_ANONYMOUS = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|several|some|many|other)\s+(?:\w+\s+){0,2}"
    r"(?:sources?|insiders?|people|persons?|officials?|aides?|diplomats?)\b"
    r"|sources?\s+(?:close|familiar)|familiar with|on condition of anonymity|"
    r"(?:asked|declined)\s+not\s+to\s+be\s+(?:named|identified)|not authori[sz]ed to speak|"
    r"anonymous|unnamed|^sources?$|^officials$|^aides$|^insiders$)",
    re.I,
)
_STATE_MEDIA = re.compile(
    r"\bstate(?:-run|-owned)?\s+(?:media|broadcaster|television|tv|news)", re.I
)
_OUTLET_WORDS = re.compile(
    r"\b(?:newspaper|broadcaster|news agency|agency reported|magazine|tabloid|television|"
    r"network|wire service|news site|radio)\b",
    re.I,
)
_DOCUMENTS = {
    "readout": "readout",
    "statement": "statement",
    "report": "report",
    "filing": "filing",
    "filings": "filing",
    "poll": "poll",
    "survey": "poll",
    "data": "data",
    "figures": "data",
    "records": "records",
    "register": "records",
    "documents": "documents",
    "document": "documents",
    "study": "report",
    "transcript": "transcript",
    "release": "statement",
    "memo": "documents",
    "letter": "letter",
    "website": "website",
    "court papers": "filing",
    "indictment": "filing",
    "complaint": "filing",
    "estimate": "data",
    "estimates": "data",
    "findings": "report",
    "readings": "data",
    "inspection": "report",
}
_GOVERNMENT = re.compile(
    r"\b(?:ministry|ministries|minister|government|department|office|police|army|military|"
    r"forces|court|prosecutors?|commission|council|parliament|congress|senate|white house|"
    r"kremlin|downing street|cabinet|administration|embassy|authorities|authority|"
    r"coastguard|coast guard|fire service|agency|regulator|electoral|state department|"
    r"pentagon|mayor's office|city hall|fbi|cia|nsa|justice department|doj|dhs|irs|epa|fda)\b",
    re.I,
)
_INSTITUTIONS = re.compile(
    r"\b(?:un|united nations|unicef|unhcr|who|world health organization|imf|world bank|eu|"
    r"european union|european commission|nato|red cross|central bank|reserve bank|"
    r"federal reserve|bank of \w+|international criminal court|icc|osce|wto|oecd|"
    r"meteorological (?:institute|office|service)|statistics office|university)\b",
    re.I,
)
_ROLES = {
    "spokesperson": r"spokesm[ae]n|spokeswom[ae]n|spokesperson|press secretary|representative",
    "official": (
        r"minister|president|premier|chancellor|mayor|governor|senator|official|ambassador|"
        r"secretary|chief|director|commissioner|officer|judge|prosecutor|lawmaker|mp|"
        r"councillor|leader|chairman|chairwoman|ceo|executive|king|queen|general|diplomat|"
        r"inspector|investigator|regulator"
    ),
    "expert": (
        r"economist|analyst|professor|expert|researcher|scientist|strategist|lecturer|"
        r"forecaster|meteorologist"
    ),
    "witness": (
        r"witness|eyewitness|resident|survivor|neighbou?r|passenger|bystander|shop owner|"
        r"operator|owner|worker|employee|parent|mother|father|relative"
    ),
}
_ROLE_PATTERNS = {role: re.compile(r"\b(?:" + p + r")s?\b", re.I) for role, p in _ROLES.items()}
# Demonyms and capitals to the country they stand for ("the Chinese foreign ministry",
# "Beijing's readout"). A small table of the countries most in the news; extend as needed.
_COUNTRY_OF = {
    **dict.fromkeys(["chinese", "china", "beijing", "china's", "beijing's"], "China"),
    **dict.fromkeys(["ukrainian", "ukraine", "kyiv", "kiev", "ukraine's", "kyiv's"], "Ukraine"),
    **dict.fromkeys(["russian", "russia", "moscow", "kremlin", "russia's", "moscow's"], "Russia"),
    **dict.fromkeys(["american", "us", "u.s.", "washington", "america"], "United States"),
    **dict.fromkeys(["british", "uk", "britain", "london", "britain's"], "United Kingdom"),
    **dict.fromkeys(["french", "france", "paris"], "France"),
    **dict.fromkeys(["german", "germany", "berlin"], "Germany"),
    **dict.fromkeys(["japanese", "japan", "tokyo"], "Japan"),
    **dict.fromkeys(["indian", "india", "delhi", "new delhi"], "India"),
    **dict.fromkeys(["israeli", "israel", "jerusalem"], "Israel"),
    **dict.fromkeys(["iranian", "iran", "tehran"], "Iran"),
    **dict.fromkeys(["turkish", "turkey", "ankara"], "Turkey"),
    **dict.fromkeys(["polish", "poland", "warsaw"], "Poland"),
    **dict.fromkeys(["canadian", "canada", "ottawa"], "Canada"),
    **dict.fromkeys(["mexican", "mexico"], "Mexico"),
    **dict.fromkeys(["italian", "italy", "rome"], "Italy"),
    **dict.fromkeys(["spanish", "spain", "madrid"], "Spain"),
    **dict.fromkeys(["australian", "australia", "canberra"], "Australia"),
    **dict.fromkeys(["korean", "seoul", "pyongyang"], "Korea"),
    **dict.fromkeys(["saudi", "riyadh"], "Saudi Arabia"),
    **dict.fromkeys(["palestinian", "gaza"], "Palestine"),
    **dict.fromkeys(["syrian", "syria", "damascus"], "Syria"),
}
_BODY_NOUNS = re.compile(
    r"\b(?:foreign ministry|ministry of foreign affairs|foreign office|defen[cs]e ministry|"
    r"ministry of defen[cs]e|interior ministry|health ministry|finance ministry|"
    r"ministry of \w+(?: \w+)?|government|embassy|police|army|military|state media|"
    r"white house|kremlin|pentagon|state department)\b",
    re.I,
)
# Words after a speaker that belong to it: "a readout of the conversation released by
# Ukraine's Foreign Ministry", "a report on the Ministry of Foreign Affairs website".
_TAIL = re.compile(
    r"^(?:,?\s+(?:of|on|by|from|released by|published by|issued by|posted on|in|at|for|"
    r"familiar with|close to|with knowledge of|who spoke|who asked|who declined)"
    r"\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,6}?)(?=[,.;:]|\s+(?:said|says|that|which|and)\b|$)",
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One attribution's source as classified."""

    name: str
    """The source as one name across outlets ("China foreign ministry", "CCTV", "Lene Dahl")."""
    kind: str
    """One of KINDS."""
    role: str = ""
    """A person's role (official, spokesperson, expert, witness) or a document's kind."""
    body: str = ""
    """The body a person speaks for or a document comes from, when the text names it."""
    written: str = ""
    """The attribution as written ("a readout of the conversation released by ...")."""


def _country(text: str, context: str) -> str:
    for word in words(text):
        if word in _COUNTRY_OF:
            return _COUNTRY_OF[word]
    for word in reversed(words(context)):
        if word in _COUNTRY_OF:
            return _COUNTRY_OF[word]
    return ""


_THE_MINISTRY = re.compile(r"\bthe (?:ministry|government|department)(?:'s|’s)?\b", re.I)


def _body_name(text: str, context: str) -> str:
    """A government body named in `text`, as one name ("China foreign ministry"); "the
    ministry's statement" is the ministry the text last named."""
    found = _BODY_NOUNS.search(text)
    if found is None and _THE_MINISTRY.search(text):
        earlier = list(_BODY_NOUNS.finditer(context))
        if earlier:
            last = earlier[-1]
            return _body_name(context[max(0, last.start() - 40) : last.end()], "")
    if found is None:
        return ""
    noun = found.group(0).casefold()
    noun = "foreign ministry" if noun in {"ministry of foreign affairs", "foreign office"} else noun
    if noun == "state media":
        return ""
    country = _country(text, context)
    return f"{country} {noun}" if country else ""


# Words before a speaker that say how many or which: "Two people", "Several senior officials".
_LEAD = re.compile(
    r"\b(?:(?:\d+|one|two|three|four|five|six|several|some|many|few|other|senior|top|"
    r"current|former|unnamed|anonymous)\s+){1,3}$",
    re.I,
)


def _written(article: Article, quote: Quote) -> str:
    """The speaker span with the words that complete it in the text."""
    span = quote.speaker
    if span is None:
        return quote.speaker_name or ""
    body = article.body
    if not body.startswith(span.text, span.start):
        return span.text
    tail = _TAIL.match(body[span.end : span.end + 160])
    # "Two people", "Several senior officials": the words before the head that say how many.
    lead = _LEAD.search(body[max(0, span.start - 40) : span.start])
    head = lead.group(0) if lead else ""
    return head + span.text + (tail.group(0) if tail else "")


def _role(text: str) -> str:
    for role, pattern in _ROLE_PATTERNS.items():
        if pattern.search(text):
            return role
    return ""


_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady)\.?\s+[A-Z]", re.I)
_PROPER = re.compile(r"(?<!^)\b[A-Z][a-z]")


# Officials in the plural, with no name of their own.
_UNNAMED_OFFICIALS = re.compile(
    r"^(?:\W*(?:but|and|the|a|an|one|some|many|several|other|current|former|senior|top|u\.s\.|"
    r"according to|"
    r"administration|government|campaign|party|white house|\w+ and|[\w.]+(?:'s|’s))\s+)*"
    r"(?:officials?|ministers|aides|advisers|advisors|diplomats|executives|insiders|lawmakers|"
    r"confidants|allies|associates)\b(?!\s+(?-i:[A-Z]))",
    re.I,
)


def classify(
    written: str,
    name: str | None,
    person: bool,
    context: str = "",
    outlets: Collection[str] = (),
    organisation: bool = True,
    country_named: bool = False,
) -> SourceRef | None:
    """The source an attribution names; None for pronouns and what names no source.
    `outlets` are outlet names the corpus knows beyond the built-in table; `organisation`
    and `country_named` say whether the analysis found the speaker as a named organisation
    or as a country or city (GPE)."""
    text = " ".join(written.split())
    lowered = text.casefold()
    if lowered in {"he", "she", "i"} and person and name and name.casefold() != lowered:
        return SourceRef(_without_title(name), "person", "", "", text)  # "he said": resolved
    if not text or lowered in {"he", "she", "it", "they", "we", "i", "you", "that", "this"}:
        return None
    if re.match(r"^[A-Z]{3,}\b(?:\s*[-–—(]|$)", text):
        return None  # a dateline ("ALDERMERE", "LESK - Valdoria"), not a speaker
    for outlet in outlets:
        if outlet and outlet != "unknown" and outlet.casefold() in lowered:
            return SourceRef(outlet, "outlet", "", "", text)
    # "Mr Wang" is a person; "Mrs. Clinton's confidants" are not.
    person = person or any(
        bool(_HONORIFIC.match(x)) and "'" not in x and "’" not in x for x in (name or "", text)
    )
    if lowered.split()[-1:] == ["who"] and not person:
        return None  # "citizens, who ...": a relative clause, no one the text cites
    if person and name:
        body = _body_name(text, "")
        employer = _affiliation(text, name)
        return SourceRef(_without_title(name), "person", _role(text), body or employer, text)
    if _UNNAMED_OFFICIALS.search(text) and not person:
        # "a senior administration official", "Mrs. Clinton's confidants"
        return SourceRef("anonymous officials", "anonymous", "official", "", text)
    if _ANONYMOUS.search(text) and not (name and name[:1].isupper() and " " in name):
        role = _role(text)
        return SourceRef(f"anonymous {role or 'source'}s", "anonymous", role, "", text)
    if _STATE_MEDIA.search(text):
        named = name and name[:1].isupper() and not _STATE_MEDIA.search(name)
        if named and name:
            return SourceRef(_clean(name), "outlet", "state media", _country(text, ""), text)
        country = _country(text, context)
        return SourceRef(f"{country} state media".strip(), "outlet", "state media", country, text)
    outlet = _outlet(text, name)
    if outlet:
        return SourceRef(outlet, "outlet", "", "", text)
    for noun, kind in _DOCUMENTS.items():
        if re.search(r"\b" + re.escape(noun) + r"\b", lowered):
            issuer = _body_name(text, context) or _issuer(text, name)
            # A document counts for the body that issued it: its readout is the ministry's word.
            return SourceRef(issuer or f"unattributed {kind}", "document", kind, issuer, text)
    if _INSTITUTIONS.search(text):
        return SourceRef(_clean(name or text), "institution", "", "", text)
    if _GOVERNMENT.search(text):
        return SourceRef(
            _body_name(text, context) or _clean(name or text), "government", "", "", text
        )
    speaking = _COUNTRY_OF.get(lowered.removeprefix("the ")) or (country_named and name)
    if speaking:  # "Beijing stressed", "China refused", "Marrenland says": its government
        return SourceRef(f"{speaking} government", "government", "", "", text)
    role = _role(text)
    if role:  # "survivors", "a spokeswoman", "Osby's mayor": people the text does not name
        if role == "official" and _UNNAMED_OFFICIALS.search(text):
            # "Ministers", "current and former officials in the FBI": officials, unnamed
            return SourceRef("anonymous officials", "anonymous", role, _body_name(text, ""), text)
        return SourceRef(_clean(text), "person", role, _affiliation(text, text), text)
    if name and name[:1].isupper() and organisation:
        return SourceRef(_clean(name), "organisation", "", "", text)
    return None  # "Commercial banks", "two others": no source the text names


def _without_title(name: str) -> str:
    """ "Prosecutor Emil Rask" -> "Emil Rask": the role is kept apart, the name is the name."""
    parts = name.split()
    while len(parts) > 2 and any(p.fullmatch(parts[0]) for p in _ROLE_PATTERNS.values()):
        parts = parts[1:]
    return " ".join(parts)


def _clean(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(name.split()), flags=re.I)


def _outlet(text: str, name: str | None) -> str:
    for candidate in (name or "", text):
        found = known_outlet_name(_clean(candidate))
        if found:
            return found
    if _OUTLET_WORDS.search(text):
        proper = re.findall(r"\b[A-Z][\w&'’.-]+(?:\s+[A-Z][\w&'’.-]+)*", text)
        if proper:
            return proper[-1]
    return ""


_NOT_ISSUERS = frozenset({"the", "its", "their", "his", "her", "a", "an", "this", "that"})


def _issuer(text: str, name: str | None) -> str:
    """The named body a document comes from ("the Tolmar Dam Authority's report")."""
    proper = re.findall(r"(?<!^)\b[A-Z][\w'’.-]+(?:\s+(?:of\s+)?[A-Z][\w'’.-]+)*", text)
    proper = [p for p in proper if p.casefold() not in _NOT_ISSUERS and len(p) > 2]
    return _clean(proper[-1]).removesuffix("'s").removesuffix("’s") if proper else ""


def _affiliation(text: str, name: str) -> str:
    """The organisation a person is given in their attribution ("Orvann Lines spokeswoman Lene
    Dahl" -> "Orvann Lines")."""
    before = text.split(name.split()[0])[0] if name.split() else ""
    for role in _ROLE_PATTERNS.values():
        found = role.search(before)
        if found:
            owner = re.sub(r"(?:'s|’s)?[\s,]*$", "", before[: found.start()])
            proper = re.findall(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*", owner)
            if proper:
                return _clean(proper[-1]).removesuffix("'s").removesuffix("’s")
    return ""


def article_sources(
    article: Article,
    analysis: Analysis,
    is_person: Sequence[bool] | None = None,
    outlets: Collection[str] = (),
) -> list[tuple[Quote, SourceRef]]:
    """Every attribution of an article with its classified source; a speaker is a person when
    `is_person` says so, else when the analysis found them as a person."""
    found = []
    body = article.body
    persons = [e for e in analysis.entities if e.label == "PERSON"]
    people = {e.key for e in persons} | {e.name for e in persons}
    # "Ms Holt", "Okafor": the article's full name for a surname it also gives in full.
    by_surname: dict[str, set[str]] = {}
    for entity in persons:
        by_surname.setdefault(entity.name.split()[-1], set()).add(_without_title(entity.name))
    organisations = {e.name for e in analysis.entities if e.label in _ORG_LABELS}
    countries = {e.name for e in analysis.entities if e.label == "GPE"}
    for index, quote in enumerate(analysis.quotes):
        written = _written(article, quote)
        start = quote.speaker.start if quote.speaker else quote.content.start
        context = body[:start]  # what the article said before: "the ministry" it last named
        if is_person is not None:
            person = bool(is_person[index])
        else:
            person = quote.speaker_key in people or quote.speaker_name in people
        name = quote.speaker_name
        after = body[quote.speaker.end : quote.speaker.end + 120] if quote.speaker else ""
        named = _APPOSITIVE.match(after)
        if named and named.group(1).split()[-1] in by_surname:
            name, person = named.group(1).strip(), True  # "the minister, Dario Kestel, said"
        full = by_surname.get(name.split()[-1], set()) if name else set()
        if name and len(full) == 1 and name not in full:
            name, person = next(iter(full)), True
        named_org = bool(name) and (
            name in organisations or any(o in written for o in organisations)
        )
        is_country = name in countries and written.strip().casefold() == name.casefold()
        # An outlet's own name in its dateline ("LESK (Coastline Wire) -") is not a source.
        others = [o for o in outlets if o != article.outlet]
        ref = classify(written, name, person, context, others, named_org, is_country)
        if ref is not None:
            found.append((quote, ref))
    return found


def source_rows(
    per_article: Sequence[tuple[str, str, Article, list[tuple[Quote, SourceRef]]]],
    outlets: Sequence[str],
    copies: Sequence[tuple[str, str, str]] = (),
    canonical: Callable[[str], str] = str,
) -> list[SourceRow]:
    """The story's source x outlet table: one row per source, a count per outlet, and every
    sentence that cites it. `per_article` is (outlet, article id, article, attributions);
    `copies` is (copy's article id, copying outlet, outlet copied) for syndicated copies: the
    copying outlet relies on the outlet (agency) it copies; `canonical` gives a person's
    story-wide name ("Varga" -> "Ilona Varga")."""
    rows: dict[str, dict[str, object]] = {}
    for outlet, article_id, article, found in per_article:
        for quote, ref in found:
            name = canonical(ref.name) if ref.kind == "person" else ref.name
            row = rows.setdefault(name.casefold(), {"name": name, "kinds": [], "cites": []})
            row["kinds"].append(ref.kind)  # type: ignore[attr-defined]
            start = quote.speaker.start if quote.speaker else quote.content.start
            row["cites"].append(  # type: ignore[attr-defined]
                Citation(
                    article_id=article_id,
                    outlet=outlet,
                    text=ref.written,
                    context=sentence_at(article.body, start) or ref.written,
                    start=start,
                    end=start + len(ref.written),
                    speaker=ref.role or None,
                )
            )
    wire: dict[str, list[str]] = {}
    for copy_id, copier, copied in copies:
        row = rows.setdefault(copied.casefold(), {"name": copied, "kinds": [], "cites": []})
        row["kinds"].append("outlet")  # type: ignore[attr-defined]
        row["cites"].append(  # type: ignore[attr-defined]
            Citation(
                article_id=copy_id, outlet=copier, text=f"a syndicated copy of {copied}'s report"
            )
        )
        wire.setdefault(copied.casefold(), []).append(copier)
    out = []
    for row in rows.values():
        cites: list[Citation] = row["cites"]  # type: ignore[assignment]
        kinds: list[str] = row["kinds"]  # type: ignore[assignment]
        # A body cited both directly and through its documents is a body.
        kind = Counter(k for k in kinds if k != "document").most_common(1)
        out.append(
            SourceRow(
                name=str(row["name"]),
                kind=kind[0][0] if kind else "document",
                counts=tuple(sum(c.outlet == o for c in cites) for o in outlets),
                citations=tuple(cites),
                copied_by=tuple(dict.fromkeys(wire.get(str(row["name"]).casefold(), []))),
            )
        )
    out.sort(key=lambda r: (-sum(1 for n in r.counts if n), -sum(r.counts), r.name))
    return out
