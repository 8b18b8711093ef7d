"""The analyze runner (one spaCy pass per article, in order) and the analysis CLI commands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import require_shared
from typer.testing import CliRunner

from newsprism.analyze import analyze_article, analyze_articles
from newsprism.cli import app
from newsprism.config import Settings
from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore

_WRITTEN = Article.create(
    title="Council approves £40m flood plan",
    paragraphs=(
        "The city council approved a £40m flood defence plan on Monday.",
        "Council leader Maria Lopez said the plan would protect 3,000 homes.",
    ),
    outlet="Local Herald",
    published=date(2023, 5, 10),
)


def _samples() -> list[Article]:
    dated = require_shared("samples", "000_e63656aad12f7183.txt")
    undated = require_shared("samples", "003_7962d71c0f30091b.txt")
    first = [x for x in dated.read_text(encoding="utf-8").splitlines() if x.strip()]
    second = [x for x in undated.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [
        Article.create(
            title=first[0], paragraphs=first[3:], outlet="Newsweek", published=date(2022, 3, 2)
        ),
        Article.create(title=second[1], paragraphs=second[3:], outlet="Express"),
    ]


def test_one_analysis_per_article_in_order_from_a_stream() -> None:
    articles = [*_samples(), _WRITTEN]

    def lazily() -> Iterator[Article]:
        yield from articles

    analyses = list(analyze_articles(lazily(), Settings(batch_size=2)))
    assert [a.article_id for a in analyses] == [a.id for a in articles]
    assert all("core_web_sm" in a.model for a in analyses)
    newsweek, express, written = analyses
    assert "Dmytro Kuleba" in {q.speaker_name for q in newsweek.quotes}
    assert any(t.text.text == "Tuesday" and t.start == date(2022, 3, 1) for t in newsweek.times)
    assert express.headline.conflicts and express.headline.score > newsweek.headline.score
    assert {(f.value, f.unit) for f in written.figures} >= {(40e6, "GBP"), (3000, "homes")}
    assert any(t.start == date(2023, 5, 8) for t in written.times)  # Monday before publication


def test_single_article_and_empty_title() -> None:
    untitled = Article.create(title="", paragraphs=("Nearly 50 people were rescued on Sunday.",))
    analysis = analyze_article(untitled)
    assert analysis.article_id == untitled.id
    assert analysis.headline.score == 0.0
    assert analysis.figures[0].value == 50
    assert not analysis.times[0].resolved


@pytest.mark.slow
def test_several_processes_give_the_same_analyses_in_order() -> None:
    articles = [*_samples(), _WRITTEN] * 2
    one = list(analyze_articles(articles, Settings(n_process=1, batch_size=2)))
    two = list(analyze_articles(articles, Settings(n_process=2, batch_size=2)))
    assert one == two


def test_cli_analyze_people_and_person(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    with SQLiteStore(db) as store:
        store.add_articles([*_samples(), _WRITTEN])
    runner = CliRunner()

    result = runner.invoke(app, ["--db", str(db), "analyze", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["analyzed"] == 3
    again = runner.invoke(app, ["--db", str(db), "analyze", "--json"])
    assert json.loads(again.stdout)["analyzed"] == 0
    redo = runner.invoke(app, ["--db", str(db), "analyze", "--all", "--json"])
    assert json.loads(redo.stdout)["analyzed"] == 3

    people = runner.invoke(app, ["--db", str(db), "people", "--json"])
    assert people.exit_code == 0, people.output
    by_name = {p["name"]: p for p in json.loads(people.stdout)["people"]}
    assert by_name["Wang Yi"]["articles"] == 2
    assert by_name["Wang Yi"]["outlets"] == ["Express", "Newsweek"]
    assert by_name["Wang Yi"]["quotes"] >= 2

    orgs = runner.invoke(app, ["--db", str(db), "people", "--label", "GPE", "--json"])
    assert "China" in {p["name"] for p in json.loads(orgs.stdout)["people"]}

    person = runner.invoke(app, ["--db", str(db), "person", "Kuleba", "--json"])
    assert person.exit_code == 0, person.output
    report = json.loads(person.stdout)
    assert report["name"] == "Dmytro Kuleba"
    assert len(report["articles"]) == 2
    assert any("armed aggression" in q["text"] for q in report["quotes"])

    missing = runner.invoke(app, ["--db", str(db), "person", "Nobody Atall"])
    assert missing.exit_code == 4
    assert "newsprism people" in missing.output


def test_cli_commands_have_help() -> None:
    runner = CliRunner()
    for command in ("analyze", "people", "person"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "--json" in result.output
