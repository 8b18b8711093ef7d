"""`newsprism export` writes every row of the corpus, or of a filter, as CSV or JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from story_builders import dam_db
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.export import COLUMNS
from newsprism.model import Article
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


# Two outlets name one senator; the second never writes her first name, so only the corpus
# (once the articles are analysed together) says "Whitfield" there is Grace Whitfield.
_SENATOR = [
    Article.create(
        title="Senator Grace Whitfield tours the flooded valley",
        paragraphs=(
            "Senator Grace Whitfield toured the flooded towns of the valley on Monday.",
            '"We will rebuild the levees before the rains," Grace Whitfield said.',
        ),
        outlet="Valley Post",
        published=date(2016, 5, 2),
    ),
    Article.create(
        title="Levee money promised",
        paragraphs=(
            "Whitfield promised money for the levees during a stop in the valley on Monday.",
            '"The work starts in June," Whitfield said at the town hall.',
        ),
        outlet="River Daily",
        published=date(2016, 5, 3),
    ),
]


@pytest.fixture
def senator_db(tmp_path: Path) -> Path:
    db = tmp_path / "senator.db"
    with SQLiteStore(db) as store:
        store.add_articles(_SENATOR)
    run("--db", str(db), "analyze")
    return db


def test_people_and_quotes_carry_the_person_the_corpus_resolved(senator_db: Path) -> None:
    people = [
        json.loads(line)
        for line in run("--db", str(senator_db), "export", "people", "-f", "jsonl").splitlines()
    ]
    surname = next(r for r in people if r["outlet"] == "River Daily" and r["name"] == "Whitfield")
    # The article's own key stays; the person is the one the other article names in full.
    assert surname["key"] == "person:whitfield"
    resolved = (surname["person_key"], surname["person"])
    assert resolved == ("person:grace-whitfield", "Grace Whitfield")
    quotes = list(csv.DictReader(io.StringIO(run("--db", str(senator_db), "export", "quotes"))))
    june = next(q for q in quotes if "The work starts in June" in q["quote"])
    assert june["speaker_key"] == "person:whitfield"
    assert june["person_key"] == "person:grace-whitfield"
    assert {q["person"] for q in quotes if q["speaker_key"]} == {"Grace Whitfield"}


def test_parquet_people_join_quotes_to_one_row_per_person(senator_db: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "corpus.parquet"
    run("--db", str(senator_db), "export", "--format", "parquet", "--out", str(out))
    quotes = pd.read_parquet(out / "quotes")
    keys = pd.read_parquet(out / "person_keys")
    people = pd.read_parquet(out / "people")
    said = quotes.merge(
        keys, left_on=["article_id", "speaker_key"], right_on=["article_id", "key"]
    ).merge(people, on="person_key")
    assert len(said) == len(quotes.dropna(subset=["speaker_key"])) >= 2
    by_person = said.groupby("name").size()
    assert list(by_person.index) == ["Grace Whitfield"]
    senator = people.set_index("person_key").loc["person:grace-whitfield"]
    assert senator["articles"] == 2 and "Whitfield" in list(senator["aliases"])
    assert "person:whitfield" not in set(people["person_key"])
