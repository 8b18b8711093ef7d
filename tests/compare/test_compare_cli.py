"""`newsprism compare` and `newsprism report` through the real entry point on a stored story."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from story_builders import Builder, dam_db, make_article
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.model import Story
from newsprism.store.sqlite import SQLiteStore


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return dam_db(tmp_path / "cli.db")


def test_compare_prints_conflicts_and_timeline(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "compare", "dam"])
    assert result.exit_code == 0, result.output
    assert "Conflicts" in result.output and "Timeline" in result.output
    assert "Five people" in result.output


def test_compare_json(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "compare", "dam", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k["kind"] for k in data["conflicts"]} == {"speaker", "figure", "date", "headline"}


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("md", "## Conflicts"), ("html", "<svg"), ("json", '"conflicts"'), ("csv", "kind,topic")],
)
def test_report_writes_each_format(db: Path, tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(
        app, ["--db", str(db), "report", "dam", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert marker in out.read_text(encoding="utf-8")
    assert str(out.resolve()) in result.output.replace("\n", "")


def test_unknown_story_and_format_are_clear_errors(db: Path) -> None:
    missing = CliRunner().invoke(app, ["--db", str(db), "report", "nope"])
    assert missing.exit_code == 4
    assert "No story" in missing.output
    bad = CliRunner().invoke(app, ["--db", str(db), "report", "dam", "--format", "pdf"])
    assert bad.exit_code == 2
    assert "md, html, json, csv" in bad.output


@pytest.mark.parametrize("command", ["compare", "report", "story"])
def test_largest_names_the_biggest_story(db: Path, command: str) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), command, "largest"])
    assert result.exit_code == 0, result.output
    assert "dam" in result.output.lower()


def test_largest_in_an_empty_database_says_what_to_do(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "empty.db").close()
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "empty.db"), "compare", "largest"])
    assert result.exit_code == 4
    assert "ingest some articles first" in result.output


def test_compare_says_so_when_no_quote_is_shared(tmp_path: Path) -> None:
    day = date(2024, 5, 14)
    a = Builder(make_article("Valley Herald", "Rates", ["Rates rose by a quarter point."], day))
    b = Builder(make_article("State Wire", "Rates", ["The bank raised its rate again."], day))
    path = tmp_path / "plain.db"
    with SQLiteStore(path) as store:
        store.add_articles([a.article, b.article])
        store.save_analyses([a.analysis(), b.analysis()])
        ids = (a.article.id, b.article.id)
        store.save_stories([Story(id="rates", label="Rates", article_ids=ids)])
    result = CliRunner().invoke(app, ["--db", str(path), "compare", "largest"])
    assert result.exit_code == 0, result.output
    assert "No quote is reported by more than one outlet." in result.output


def test_compare_says_when_a_table_is_cut_and_where_the_rest_is(tmp_path: Path) -> None:
    day = date(2024, 5, 14)
    # 45 different things counted, so that no two figures are one group
    lines = [f"Depot {n} stored {100 + n} sacks of grade{n} grain." for n in range(45)]
    a = Builder(make_article("Valley Herald", "Grain stores", lines, day))
    for n in range(45):
        a.figure(f"{100 + n} sacks of grade{n}", 100 + n, f"grade{n}", f"grade{n} grain")
    b = Builder(make_article("State Wire", "Grain", ["The depots are full."], day))
    path = tmp_path / "many.db"
    with SQLiteStore(path) as store:
        store.add_articles([a.article, b.article])
        store.save_analyses([a.analysis(), b.analysis()])
        ids = (a.article.id, b.article.id)
        store.save_stories([Story(id="grain", label="Grain", article_ids=ids)])
    result = CliRunner().invoke(app, ["--db", str(path), "compare", "grain"])
    assert result.exit_code == 0, result.output
    assert "showing 40 of 45" in result.output
    assert "--format csv --table" in result.output
