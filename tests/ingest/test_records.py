"""JSON Lines, JSON and CSV/TSV: field names, mappings, broken records, streaming."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from helpers_ingest import FIXTURES, read_all

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.ingest import read_sources
from newsprism.ingest.records import check_fields, read_jsonl
from newsprism.model import Article


def test_jsonl_reads_good_lines_and_names_the_bad_ones() -> None:
    articles, skipped = read_all([FIXTURES / "articles.jsonl"])
    where = str(FIXTURES / "articles.jsonl")
    assert [a.source for a in articles] == [f"{where}:1", f"{where}:3", f"{where}:7"]
    meals, marathon, night_bus = articles
    assert meals.outlet == "Eastvale Times"
    assert meals.author == "Ruth Adeyemi; Tom Bell"
    assert meals.published == date(2024, 4, 19)
    assert meals.language == "en"
    assert len(meals.paragraphs) == 2
    assert marathon.outlet == "BBC"  # from www.bbc.co.uk
    assert marathon.published == date(2024, 4, 21)  # RFC 822
    assert marathon.paragraphs[1] == "About 4,500 runners are expected on Sunday."
    assert night_bus.outlet == "CNN"  # amp.cnn.com
    assert night_bus.published == date(2024, 5, 1)  # epoch seconds
    assert night_bus.paragraphs == (
        "The night bus service will be extended to 3am on Fridays and Saturdays.",
        "It starts in June.",
    )
    reasons = {s.where: s.reason for s in skipped}
    assert reasons[f"{where}:2"].startswith("not valid JSON")
    assert reasons[f"{where}:5"].startswith("no body")
    assert reasons[f"{where}:6"].startswith("not an article")


def test_json_array_elements_are_numbered() -> None:
    articles, skipped = read_all([FIXTURES / "articles.json"])
    where = str(FIXTURES / "articles.json")
    assert [a.source for a in articles] == [f"{where}#1", f"{where}#2"]
    assert articles[0].outlet == "CNN"  # edition.cnn.com
    assert articles[0].published == date(2024, 3, 12)  # "March 12, 2024"
    assert articles[1].outlet == "The Sydney Morning Herald"  # site given as a domain
    assert [s.where for s in skipped] == [f"{where}#3"]


def test_csv_needs_a_mapping_for_unusual_column_names_and_says_so() -> None:
    articles, skipped = read_all([FIXTURES / "articles.csv"])
    assert articles == []
    assert "no body column" in skipped[0].reason
    assert "story_text" in skipped[0].reason


def test_csv_with_mapping_reads_quoted_multiline_bodies() -> None:
    fields = {"body": "story_text", "published": "pubdate", "outlet": "publisher"}
    articles, skipped = read_all([FIXTURES / "articles.csv"], fields=fields)
    where = str(FIXTURES / "articles.csv")
    library, fares = articles
    assert library.source == f"{where}:2"
    assert library.title == "Library reopens after flood repairs"
    assert library.published == date(2024, 3, 9)
    assert library.outlet == "Northgate Post"
    assert library.author == "Daniel Reyes"
    assert len(library.paragraphs) == 2
    assert '"We lost some newspapers from the 1930s' in library.paragraphs[1]
    # The first record spans lines 2-4, so the second starts on line 5.
    assert fares.source == f"{where}:5"
    assert fares.outlet == "The Guardian"  # no publisher: from the URL
    assert fares.published == date(2024, 2, 28)
    assert [s.where for s in skipped] == [f"{where}:6"]
    assert skipped[0].reason.startswith("no body")


def test_tsv_by_extension() -> None:
    (article,), _ = read_all([FIXTURES / "articles.tsv"])
    assert article.title == "Harbour wall repairs begin"
    assert article.published == date(2024, 4, 8)
    assert article.outlet == "harbourcourier.co.uk"


def test_unclosed_csv_quote_is_one_skip_and_later_records_are_read(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(
        'title,text\nGood,"A complete body."\nBad,"This quote never closes\n'
        'Later,"Another complete body."\nLast,A body without quotes.\n',
        encoding="utf-8",
    )
    articles, skipped = read_all([path])
    assert [a.title for a in articles] == ["Good", "Later", "Last"]
    assert len(skipped) == 1
    assert skipped[0].where == f"{path}:3"
    assert "malformed CSV" in skipped[0].reason


def test_json_object_wrapping_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(
            {
                "status": "ok",
                "articles": [
                    {
                        "title": "Pier reopens",
                        "content": "The pier reopened on Friday.",
                        "source": {"id": None, "name": "Valley Ledger"},
                        "publishedAt": "2024-06-07T09:00:00Z",
                    }
                ],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    (article,), skipped = read_all([path])
    assert skipped == []
    assert article.outlet == "Valley Ledger"
    assert article.published == date(2024, 6, 7)
    assert article.source == f"{path}#articles.1"


def test_schema_org_field_names_need_no_mapping(tmp_path: Path) -> None:
    """JSON-LD NewsArticle names (and FNC-1's "articleBody" column) are read by default."""
    path = tmp_path / "jsonld.jsonl"
    record = {
        "@type": "NewsArticle",
        "headline": "Ferry service resumes",
        "articleBody": "The ferry to Marrow Island resumed on Monday after repairs.",
        "datePublished": "2024-06-04T08:00:00+02:00",
        "url": "https://www.reuters.com/world/ferry",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,), skipped = read_all([path])
    assert skipped == []
    assert article.title == "Ferry service resumes"
    assert article.published == date(2024, 6, 4)
    assert article.outlet == "Reuters"


def test_a_body_opening_with_its_headline_loses_that_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    record = {
        "title": "Mayor Ames: ‘We Will Rebuild’ After Floods",
        "text": "Mayor Ames: ‘We Will Rebuild’ After Floods.\n\nThe mayor spoke on Monday.",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,), _ = read_all([path])
    assert article.paragraphs == ("The mayor spoke on Monday.",)
    assert article.removed == ("title: Mayor Ames: ‘We Will Rebuild’ After Floods.",)


def test_dotted_mapping_reaches_into_nested_objects(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    record = {"meta": {"headline": "Dam inspected"}, "payload": {"story": "Divers inspected it."}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,), _ = read_all([path], fields={"title": "meta.headline", "body": "payload.story"})
    assert article.title == "Dam inspected"
    assert article.paragraphs == ("Divers inspected it.",)


def test_a_file_that_is_not_json_lines_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("just some words\n" * 100, encoding="utf-8")
    articles, skipped = read_all([path])
    assert articles == []
    assert skipped[-1].where == str(path)
    assert "not JSON Lines" in skipped[-1].reason
    assert len(skipped) <= 20


@pytest.mark.parametrize("bad", [{"bodyy": "text"}, {"": "x"}])
def test_a_mapping_naming_no_article_field_is_a_config_error(bad: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        read_sources([str(FIXTURES / "articles.csv")], fields=bad)


def test_mapping_aliases_are_accepted() -> None:
    assert check_fields({"text": "story_text"})["body"] == ("story_text",)


class _CountingStream(io.BytesIO):
    """A byte stream that records how far it has been read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.high_water = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(-1 if size is None else size)
        self.high_water = max(self.high_water, self.tell())
        return line


def test_jsonl_is_streamed_not_read_whole() -> None:
    line = json.dumps({"title": "Tide tables", "text": "High tide is at 06:14 on Monday."})
    data = ((line + "\n") * 20_000).encode("utf-8")
    stream = _CountingStream(data)
    items = read_jsonl(stream, "big.jsonl", Settings(), check_fields(None))
    first = next(items)
    assert isinstance(first, Article)
    assert stream.high_water < len(data) / 100


def test_an_unterminated_string_is_reported_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text('{"title": "Cut", "text": "The record ends mid-stri', encoding="utf-8")
    _, (skipped,) = read_all([path])
    assert "Unterminated string starting at line 1 column" in skipped.reason
    assert "at at" not in skipped.reason
