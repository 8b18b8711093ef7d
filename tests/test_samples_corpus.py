"""The bundled sample corpus holds what samples/README.md says it holds.

These tests read the corpus with the standard library only (json, csv, xml, html.parser), not
with newsprism's readers, so that they check the corpus itself: the README's article table
matches the files and records, every phrase the README lists for an article occurs in it, the
formats, outlets and sizes are as promised, and the dates it states are consistent.
"""

from __future__ import annotations

import csv
import difflib
import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from conftest import SAMPLES

README = SAMPLES / "README.md"

_CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
_EVIDENCE = re.compile(r"\b([FBDS]\d+): `((?:[^`\\]|\\.)+)`")
_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the README's article table."""

    id: str
    file: str
    record: str
    format: str
    outlet: str
    domain: str
    published: str
    story: str


@dataclass(frozen=True, slots=True)
class Text:
    """One article as found in its file: title, body, URL and raw date, format-independent."""

    title: str
    body: str
    url: str | None
    date: str | None


def _section(name: str) -> str:
    """The README text under the heading `## name`, up to the next `## ` heading."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {name}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _table(name: str) -> list[list[str]]:
    """The data rows of the first Markdown table under a heading, cells stripped."""
    rows = []
    for line in _section(name).splitlines():
        if not line.startswith("|") or set(line) <= {"|", "-", " "}:
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append(cells)
    return rows[1:]  # drop the header row


def _articles() -> list[Row]:
    return [Row(*cells) for cells in _table("Articles")]


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML page, with script and style contents left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "h1", "title", "li", "div", "aside"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    return "".join(parser.parts)


def _record_number(record: str) -> int:
    return int(record.split()[1]) - 1


def _read(row: Row) -> Text:
    path = SAMPLES / row.file
    raw = path.read_text(encoding="utf-8")
    if row.format == "txt-header":
        lines = raw.splitlines()
        return Text(lines[0], "\n".join(lines[3:]), lines[2], lines[1])
    if row.format == "txt-loose":
        blocks = raw.split("\n\n")
        return Text(blocks[1], "\n\n".join(blocks[2:]), None, None)
    if row.format == "jsonl":
        rec = json.loads(raw.splitlines()[_record_number(row.record)])
        return Text(rec["title"], rec["text"], rec["url"], rec["date"])
    if row.format == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            rec = list(csv.DictReader(f))[_record_number(row.record)]
        return Text(rec["headline"], rec["body"], rec["link"], rec["published"])
    if row.format == "rss":
        item = list(ET.parse(path).getroot().iter("item"))[_record_number(row.record)]
        body = _html_text(item.findtext(_CONTENT_NS) or "")
        return Text(
            item.findtext("title") or "", body, item.findtext("link"), item.findtext("pubDate")
        )
    if row.format == "html":
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', raw)
        published = re.search(r'property="article:published_time" content="([^"]+)"', raw)
        title = re.search(r"<h1>(.*?)</h1>", raw)
        article = raw[raw.index("<article") : raw.index("</article>")]
        return Text(
            html.unescape(title.group(1)) if title else "",
            _html_text(article),
            canonical.group(1) if canonical else None,
            published.group(1) if published else None,
        )
    raise AssertionError(f"unknown format {row.format!r} in samples/README.md")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _full_text(article_id: str) -> str:
    row = next(r for r in _articles() if r.id == article_id)
    if row.format == "txt-loose":
        # The section label is part of the file but neither title nor body.
        return _flat((SAMPLES / row.file).read_text(encoding="utf-8"))
    text = _read(row)
    return _flat(text.title + "\n" + text.body)


def _evidence() -> list[tuple[str, str, str]]:
    """Every `ID: `phrase`` pair in the README, with the section it was found in."""
    found = []
    section = ""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:]
        for article_id, phrase in _EVIDENCE.findall(line):
            found.append((section, article_id, phrase.replace("\\|", "|")))
    return found


def test_readme_lists_every_sample_file_and_no_missing_one() -> None:
    listed = {r.file for r in _articles()}
    on_disk = {p.name for p in SAMPLES.iterdir() if p.name != "README.md"}
    assert listed == on_disk


@pytest.mark.parametrize(
    ("fmt", "count_records"),
    [
        ("jsonl", lambda p: len(p.read_text(encoding="utf-8").splitlines())),
        ("csv", lambda p: len(list(csv.DictReader(p.open(encoding="utf-8", newline=""))))),
        ("rss", lambda p: len(list(ET.parse(p).getroot().iter("item")))),
    ],
)
def test_multi_record_files_hold_exactly_the_listed_records(fmt, count_records) -> None:
    by_file: dict[str, int] = {}
    for row in _articles():
        if row.format == fmt:
            by_file[row.file] = by_file.get(row.file, 0) + 1
    assert by_file, f"no {fmt} file in the README"
    for name, listed in by_file.items():
        assert count_records(SAMPLES / name) == listed, name


def test_corpus_meets_the_size_promised_in_the_brief() -> None:
    rows = _articles()
    events = [r for r in rows if r.story in ("fire", "bank", "dam")]
    assert len(events) >= 15
    assert len({r.story for r in rows}) >= 5
    assert len({r.outlet for r in rows}) >= 6
    assert {r.format for r in rows} == {"txt-header", "txt-loose", "jsonl", "csv", "html", "rss"}


@pytest.mark.parametrize("row", _articles(), ids=lambda r: r.id)
def test_article_is_a_realistic_length(row: Row) -> None:
    words = len(_read(row).body.split())
    assert 250 <= words <= 600, f"{row.id} has {words} words"


@pytest.mark.parametrize("row", _articles(), ids=lambda r: r.id)
def test_url_date_and_outlet_match_the_readme(row: Row) -> None:
    text = _read(row)
    if row.format == "txt-loose":
        # The loose layout carries neither URL nor date: its date must come from its story.
        assert text.url is None
        assert not re.search(r"https?://|\b20\d{6}\b", (SAMPLES / row.file).read_text())
        return
    assert text.url is not None
    assert urlparse(text.url).hostname == f"www.{row.domain}"
    assert text.date is not None
    published = date.fromisoformat(row.published)
    assert published.strftime("%Y%m%d") in text.date.replace("-", "") or (
        published.strftime("%d %b %Y") in text.date
    )


def test_every_url_in_the_corpus_is_on_a_reserved_domain() -> None:
    for path in SAMPLES.iterdir():
        for url in re.findall(r"https?://([^/\"'\s<>]+)", path.read_text(encoding="utf-8")):
            host = url.lower()
            assert host.endswith(".example") or host in ("purl.org", "www.w3.org"), (path, url)


@pytest.mark.parametrize(
    ("section", "article_id", "phrase"), _evidence(), ids=lambda v: str(v)[:40]
)
def test_every_phrase_the_readme_lists_is_in_its_article(section, article_id, phrase) -> None:
    assert _flat(phrase) in _full_text(article_id), f"{section}: {article_id} lacks {phrase!r}"


def test_readme_lists_six_conflicts_of_the_four_kinds() -> None:
    kinds = [cells[1] for cells in _table("Planted conflicts")]
    assert kinds.count("figure") in (2, 3)
    assert kinds.count("quote speaker") == 1
    assert kinds.count("headline vs own body") == 1
    assert kinds.count("date") == 1
    assert len(kinds) == 6


def test_quote_speaker_conflict_gives_the_same_words_to_two_people() -> None:
    row = next(c for c in _table("Planted conflicts") if c[1] == "quote speaker")
    quotes = [re.search(r'"([^"]+)"', cell).group(1) for cell in row[3:5]]  # type: ignore[union-attr]
    assert quotes[0] == quotes[1]


def test_syndicated_copy_is_a_near_duplicate_with_a_new_headline_and_a_trimmed_end() -> None:
    (original_id, copy_id, _) = _table("Syndicated near-duplicate")[0]
    rows = {r.id: r for r in _articles()}
    original, copy = _read(rows[original_id]), _read(rows[copy_id])
    ratio = difflib.SequenceMatcher(None, _flat(original.body), _flat(copy.body)).ratio()
    assert ratio > 0.85
    assert _flat(copy.body) != _flat(original.body)
    assert copy.title != original.title
    assert len(copy.body) < len(original.body)
    assert rows[original_id].outlet != rows[copy_id].outlet
    assert rows[original_id].format != rows[copy_id].format


def test_stories_cover_every_article_once() -> None:
    members = [
        a.strip() for cells in _table("Stories the corpus must form") for a in cells[1].split(",")
    ]
    assert sorted(members) == sorted(r.id for r in _articles())
    story_of = {r.id: r.story for r in _articles()}
    for cells in _table("Stories the corpus must form"):
        assert {story_of[a.strip()] for a in cells[1].split(",")} == {cells[0]}


@pytest.mark.parametrize("cells", _table("Relative dates"), ids=lambda c: f"{c[0]}-{c[2][:30]}")
def test_relative_date_resolves_consistently_with_the_calendar(cells: list[str]) -> None:
    _, published, phrase, resolves_to = cells
    words = phrase.lower()
    if published == "inferred" or len(resolves_to) != 10:
        return  # months and years are checked by the phrase test alone
    target = date.fromisoformat(resolves_to)
    base = date.fromisoformat(published)
    if "yesterday" in words:
        assert target == base - timedelta(days=1)
    elif "tomorrow" in words:
        assert target == base + timedelta(days=1)
    ago = re.search(r"\b(\w+) days ago\b", words)
    if ago:
        assert target == base - timedelta(days=_NUMBERS.index(ago.group(1)))
    day = next((d for d in _WEEKDAYS if d in words), None)
    if day is not None:
        assert target.strftime("%A").lower() == day
        assert abs((target - base).days) <= 7
