"""`newsprism export` writes every row of the corpus, or of a filter, as CSV or JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from story_builders import dam_db
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.export import COLUMNS
from newsprism.store.sqlite import SQLiteStore


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return dam_db(tmp_path / "export.db")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_quote_of_the_corpus_as_csv(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("--db", str(db), "export", "quotes"))))
    with SQLiteStore(db) as store:
        analyses = [store.get_analysis(a.id) for a in store.iter_articles()]
    assert len(rows) == sum(len(a.quotes) for a in analyses if a) > 0
    assert list(rows[0]) == list(COLUMNS["quotes"])
    quotes = {(r["outlet"], r["speaker"]) for r in rows}
    assert ("Valley Herald", "Ruth Alvarez") in quotes or (
        "Valley Herald",
        "Mayor Ruth Alvarez",
    ) in quotes
    assert any("rebuild every street" in r["quote"] for r in rows)


@pytest.mark.parametrize("kind", ["articles", "people", "figures", "dates", "stories"])
def test_each_kind_as_json_lines(db: Path, kind: str) -> None:
    lines = run("--db", str(db), "export", kind, "--format", "jsonl").splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows, f"no {kind} exported"
    assert set(rows[0]) == set(COLUMNS[kind])


def test_a_filter_keeps_only_its_outlet_and_the_file_is_named(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "figures.jsonl"
    result = CliRunner().invoke(
        app, ["export", "figures", "--outlet", "state wire", "--out", str(out), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["outlet"] for r in rows} == {"State Wire"}
    assert f"wrote {len(rows)} figures row(s)" in result.output


def test_an_unknown_kind_names_the_choices(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "export", "tweets"])
    assert result.exit_code == 2
    assert "articles, quotes, people, figures, dates, stories" in result.output
