"""Listings say how many they show of how many, `--db` goes anywhere, and a mistyped database
path or outlet is an error that names it (regressions: "50 article(s)" of 302, `stories --db x`
refused, a mistyped path silently making an empty database)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.cli.app import globals_first
from newsprism.ingest.outlets import match_outlets
from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore

OUTLETS = ["CNN (Online News)", "The Washington Post", "harbourgazette.example"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "many.db"
    articles = [
        Article.create(
            title=f"Council meeting number {n}",
            paragraphs=[f"The council met for the {n}th time and approved budget line {n}."],
            outlet=OUTLETS[n % 3],
            published=date(2025, 1, 1) + timedelta(days=n),
        )
        for n in range(60)
    ]
    with SQLiteStore(path) as store:
        store.add_articles(articles)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_a_cut_listing_says_so_and_how_to_see_more(db: Path) -> None:
    code, out = run("--db", str(db), "articles")
    assert code == 0, out
    assert "showing 50 of 60 article(s); --limit N or --all to see more" in out
    code, out = run("--db", str(db), "articles", "--all")
    assert "60 article(s)" in out and "showing" not in out


def test_listing_json_carries_the_total(db: Path) -> None:
    _, out = run("--db", str(db), "articles", "--limit", "5", "--json")
    data = json.loads(out)
    assert (data["total"], data["shown"], len(data["articles"])) == (60, 5, 5)
    data = json.loads(run("--db", str(db), "search", "council", "--limit", "3", "--json")[1])
    assert (data["total"], data["shown"]) == (60, 3)


def test_limit_zero_is_refused_not_an_empty_answer(db: Path) -> None:
    code, out = run("--db", str(db), "articles", "--limit", "0", "--json")
    assert code == 2
    assert "--all" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "DB", "articles", "--json"],
        ["articles", "--db", "DB", "--json"],
        ["articles", "--json", "--db=DB"],
    ],
)
def test_db_goes_before_or_after_the_command(db: Path, args: list[str]) -> None:
    code, out = run(*[str(db) if a == "DB" else a.replace("=DB", f"={db}") for a in args])
    assert code == 0, out
    assert json.loads(out)["total"] == 60


def test_globals_first_leaves_words_after_double_dash() -> None:
    assert globals_first(["search", "--", "--db"]) == ["search", "--", "--db"]
    assert globals_first(["stories", "--db", "x.db", "--all"]) == [
        "--db",
        "x.db",
        "stories",
        "--all",
    ]


@pytest.mark.parametrize("command", ["articles", "stories", "search", "people", "compare"])
def test_a_missing_database_is_named_not_created(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "typo.db"
    args = [command, "x"] if command in {"search", "compare"} else [command]
    code, out = run(*args, "--db", str(missing))
    assert code == 4
    assert str(missing) in out.replace("\n", "")
    assert not missing.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CNN", "CNN (Online News)"),
        ("cnn", "CNN (Online News)"),
        ("cnn.com", "CNN (Online News)"),
        ("washington post", "The Washington Post"),
        ("Harbourgazette", "harbourgazette.example"),
    ],
)
def test_outlets_match_by_name_alias_or_domain(db: Path, query: str, expected: str) -> None:
    assert match_outlets(query, OUTLETS) == [expected]
    code, out = run("--db", str(db), "articles", "--outlet", query, "--all", "--json")
    assert code == 0, out
    assert {a["outlet"] for a in json.loads(out)["articles"]} == {expected}


def test_an_unknown_outlet_suggests_the_nearest(db: Path) -> None:
    code, out = run("--db", str(db), "stories", "--outlet", "Washingtn Post")
    assert code == 4
    assert "Did you mean: The Washington Post?" in out


def test_outlets_lists_names_and_counts(db: Path) -> None:
    _, out = run("--db", str(db), "outlets", "--json")
    rows = json.loads(out)["outlets"]
    assert {r["outlet"]: r["articles"] for r in rows}["CNN (Online News)"] == 20


@pytest.mark.parametrize("command", [["articles"], ["search", "council", "--all"]])
def test_ids_are_whole_in_narrow_or_piped_output(db: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), *command], env={"COLUMNS": "50"})
    assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        ids = [a.id for a in store.iter_articles(limit=5)]
    for article_id in ids:
        assert article_id in result.output
