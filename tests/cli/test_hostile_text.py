"""Article and user text is printed as text by every command: never as rich markup, never as
terminal control sequences (regression: one title holding "[/red]" crashed every listing)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from story_builders import Builder, make_article
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.cli.render import clean
from newsprism.model import Story
from newsprism.store.sqlite import SQLiteStore

DAY = date(2025, 3, 13)
TITLE = "Council vote [/red] on [bold]budget[/bold] \x1b[31mred\x1b[0m \u202eevil\u202c"
BODY = [
    "Mayor Ann Holt opened the session [caption id=1]Photo: the hall[/caption] at noon.",
    'The plan could now take "a careful first step [/dim] toward repair", Holt said.',
    "Bell \x07 and backspace \x08 and escape \x1b]0;title\x07 end :smile: [link=x]y[/link].",
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    first = Builder(make_article("Gazette [/red]", TITLE, BODY, DAY))
    first.quote("a careful first step [/dim] toward repair", "Ann Holt [bold]")
    first.person("Ann Holt [bold]", "Ann Holt")
    first.time("at noon", DAY)
    second = Builder(make_article("Wire \x1b[2J", "Holt [i]speaks[/i]", BODY[1:], DAY))
    second.quote("a careful first step [/dim] toward repair", "Ann Holt [bold]")
    with SQLiteStore(path) as store:
        store.add_articles([first.article, second.article])
        store.save_analyses([first.analysis(), second.analysis()])
        ids = (first.article.id, second.article.id)
        outlets = ("Gazette [/red]", "Wire \x1b[2J")
        store.save_stories([Story(id="s1hostile", label=TITLE, article_ids=ids, outlets=outlets)])
    return path


def _article_id(db: Path) -> str:
    with SQLiteStore(db) as store:
        return next(store.iter_articles()).id


COMMANDS = [
    ["articles"],
    ["outlets"],
    ["article", "ARTICLE"],
    ["search", "careful first step"],
    ["people"],
    ["person", "Ann Holt"],
    ["stories"],
    ["stories", "--outlet", "gazette [/red]"],
    ["story", "s1hostile"],
    ["compare", "s1hostile"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_prints_hostile_text_as_text(db: Path, command: list[str]) -> None:
    args = [_article_id(db) if a == "ARTICLE" else a for a in command]
    result = CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    out = result.output
    # Brackets are shown as typed, not taken as markup.
    expected = {
        "articles": "[/red]",
        "article": "[caption id=1]Photo: the hall[/caption]",
        "search": "careful first step [/dim]",
        "people": "Ann Holt [bold]",
        "person": "[/dim] toward repair",
        "stories": "on [bold]budget[/bold]",
        "story": "on [bold]budget[/bold]",
        "compare": "on [bold]budget[/bold]",
        "outlets": "Gazette [/red]",
    }[args[0]]
    assert expected in out
    # Nothing a terminal would obey: no escape, bell, backspace or bidi override.
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", out)


def test_article_shows_every_hostile_paragraph_as_written(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "article", _article_id(db)])
    assert result.exit_code == 0, result.output
    assert "[link=x]y[/link]" in result.output and ":smile:" in result.output
    assert "a careful first step [/dim] toward repair" in result.output


def test_search_snippet_keeps_the_matched_words(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "search", "careful first step", "--json"])
    assert result.exit_code == 0, result.output
    assert '"careful first step [/dim] toward repair"' not in result.output  # not the quote key
    assert "a careful first step [/dim] toward repair" in result.output
    assert '"careful"' in result.output and '"step"' in result.output


def test_errors_naming_user_text_are_text(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "story", "[/red]nope"])
    assert result.exit_code == 4
    assert "[/red]nope" in result.output


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("red \x1b[31mtext\x1b[0m", "red text"),
        ("title \x1b]0;owned\x07 here", "title  here"),
        ("8-bit \x9b31m csi", "8-bit  csi"),
        ("rtl \u202eevil\u202c and \u2067iso\u2069", "rtl evil and iso"),
        ("keeps\ttabs\nand lines", "keeps\ttabs\nand lines"),
        ("[bold]brackets[/bold]", "[bold]brackets[/bold]"),
    ],
)
def test_clean_removes_what_a_terminal_obeys(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_ingest_analyze_and_export_show_hostile_input_as_text(tmp_path: Path) -> None:
    good = tmp_path / "feed [bold]x.jsonl"
    record = {
        "title": TITLE,
        "text": "\n\n".join(BODY),
        "url": "https://www.example.org/[/red]",
        "source": "Gazette [/red]",
    }
    good.write_text(json.dumps(record) + "\n", encoding="utf-8")
    bad = tmp_path / "[red]broken.jsonl"
    bad.write_text('{"title": "[bold]cut\n', encoding="utf-8")
    db = str(tmp_path / "ingested.db")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "ingest", str(good), str(bad)])
    assert result.exit_code == 0, result.output
    assert "[red]broken.jsonl" in result.output
    # export writes the stored text as data, exactly as stored
    exported = runner.invoke(app, ["--db", db, "export", "articles", "--format", "jsonl"])
    assert json.loads(exported.stdout)["title"].startswith("Council vote [/red] on [bold]")
    for args in (["analyze", "--all"], ["recluster"], ["articles"]):
        result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", result.output)
    assert "[/red] on [bold]budget" in result.output


@pytest.mark.parametrize("command", [["articles"], ["stories"], ["search", "careful"]])
def test_json_escapes_what_a_terminal_obeys_and_keeps_the_data(
    db: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), *command, "--json"])
    assert result.exit_code == 0, result.output
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e]", result.stdout.replace("\n", ""))
    # the data read back is the stored text, override and all
    assert "\u202eevil\u202c" in json.dumps(json.loads(result.stdout), ensure_ascii=False)
