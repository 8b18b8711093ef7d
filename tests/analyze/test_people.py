"""People across the corpus through the CLI: one row per person, any alias finds them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore

_ARTICLES = [
    Article.create(
        title="Joe Biden visits flooded towns",
        paragraphs=(
            "Vice President Joe Biden toured the flooded towns of the valley on Monday.",
            "Joe Biden said the federal government would pay for new levees this year.",
        ),
        outlet="Valley Post",
        published=date(2016, 5, 2),
    ),
    Article.create(
        title="Levee money promised",
        paragraphs=(
            "Biden promised money for the levees during a stop in the valley on Monday.",
            "Biden said the work would start before the autumn rains.",
        ),
        outlet="River Daily",
        published=date(2016, 5, 3),
    ),
    Article.create(
        title="Senators meet on the budget",
        paragraphs=(
            "Senator Ana Ruiz met the budget committee on Tuesday.",
            "Ruiz said the committee had agreed on nothing yet.",
        ),
        outlet="Capitol Wire",
        published=date(2016, 5, 4),
    ),
]


def _db(tmp_path: Path) -> list[str]:
    db = tmp_path / "people.db"
    with SQLiteStore(db) as store:
        store.add_articles(_ARTICLES)
    analysed = CliRunner().invoke(app, ["--db", str(db), "analyze", "--json"])
    assert analysed.exit_code == 0, analysed.output
    return ["--db", str(db)]


def test_one_row_per_person_with_the_names_merged_into_it(tmp_path: Path) -> None:
    db = _db(tmp_path)
    people = CliRunner().invoke(app, [*db, "people", "--json"])
    assert people.exit_code == 0, people.output
    rows = {p["name"]: p for p in json.loads(people.stdout)["people"]}
    assert "Biden" not in rows
    assert rows["Joe Biden"]["articles"] == 2
    assert "Biden" in rows["Joe Biden"]["aliases"]
    assert rows["Ana Ruiz"]["articles"] == 1


def test_person_finds_any_alias_and_says_what_it_merged(tmp_path: Path) -> None:
    db = _db(tmp_path)
    by_surname = CliRunner().invoke(app, [*db, "person", "Biden"])
    assert by_surname.exit_code == 0, by_surname.output
    assert "Joe Biden" in by_surname.output
    assert "also written: Biden" in by_surname.output
    report = json.loads(CliRunner().invoke(app, [*db, "person", "Biden", "--json"]).stdout)
    assert len(report["articles"]) == 2
    assert any("before the autumn rains" in q["text"] for q in report["quotes"])
    assert any("new levees" in q["text"] for q in report["quotes"])


def test_stories_by_person_are_the_same_for_every_alias(tmp_path: Path) -> None:
    db = _db(tmp_path)
    CliRunner().invoke(app, [*db, "recluster"])
    stories = {}
    for name in ("Biden", "Joe Biden"):
        result = CliRunner().invoke(app, [*db, "stories", "--person", name, "--json"])
        assert result.exit_code == 0, result.output
        stories[name] = sorted(s["id"] for s in json.loads(result.stdout)["stories"])
    assert stories["Biden"] == stories["Joe Biden"]
    assert stories["Biden"]


# Two stories in the same week, each about one of two brothers, each with an article that
# writes only "Bush".
_BUSHES = [
    Article.create(
        title="Jeb Bush courts Iowa farmers",
        paragraphs=(
            "Jeb Bush spent Monday on farms outside Des Moines, asking corn growers for caucus"
            " votes.",
            "Jeb Bush said ethanol subsidies would stay if he were elected.",
        ),
        outlet="Prairie Post",
        published=date(2016, 1, 11),
    ),
    Article.create(
        title="Bush makes his pitch to Iowa corn growers",
        paragraphs=(
            "Bush toured farms outside Des Moines on Monday, asking corn growers for caucus votes.",
            "Bush said the ethanol subsidies the growers rely on were safe with him.",
        ),
        outlet="Heartland Daily",
        published=date(2016, 1, 11),
    ),
    Article.create(
        title="George W. Bush opens veterans hospital wing in Dallas",
        paragraphs=(
            "Former President George W. Bush opened a new wing of the veterans hospital in Dallas"
            " on Tuesday.",
            "George W. Bush told the nurses that the wounded deserved the best care in the land.",
        ),
        outlet="Lone Star Ledger",
        published=date(2016, 1, 12),
    ),
    Article.create(
        title="Former president opens hospital wing for veterans",
        paragraphs=(
            "Bush opened a new wing of the veterans hospital in Dallas on Tuesday, cutting a"
            " ribbon with the nurses.",
            "Bush told the nurses the wounded veterans deserved the best care in the land.",
        ),
        outlet="Gulf Courier",
        published=date(2016, 1, 12),
    ),
]


def _bush_db(tmp_path: Path) -> list[str]:
    db = tmp_path / "bushes.db"
    with SQLiteStore(db) as store:
        store.add_articles(_BUSHES)
    ingested = CliRunner().invoke(app, ["--db", str(db), "analyze", "--json"])
    assert ingested.exit_code == 0, ingested.output
    clustered = CliRunner().invoke(app, ["--db", str(db), "recluster", "--json"])
    assert clustered.exit_code == 0, clustered.output
    assert json.loads(clustered.stdout)["stories"] == 2
    return ["--db", str(db)]


def test_a_surname_two_people_share_goes_to_the_one_its_story_is_about(tmp_path: Path) -> None:
    db = _bush_db(tmp_path)
    people = CliRunner().invoke(app, [*db, "people", "--json"])
    rows = {p["name"]: p for p in json.loads(people.stdout)["people"]}
    assert "Bush" not in rows
    assert rows["Jeb Bush"]["articles"] == 2
    assert rows["George W. Bush"]["articles"] == 2
    assert "Heartland Daily" in rows["Jeb Bush"]["outlets"]
    assert "Gulf Courier" in rows["George W. Bush"]["outlets"]

    jeb = json.loads(CliRunner().invoke(app, [*db, "person", "Jeb Bush", "--json"]).stdout)
    assert any("safe with him" in q["text"] for q in jeb["quotes"])
    assert not any("nurses" in q["text"] for q in jeb["quotes"])
    assert "Bush" in jeb["aliases"]

    # A bare "Bush" finds one of them and names the other.
    both = CliRunner().invoke(app, [*db, "person", "Bush"])
    assert both.exit_code == 0, both.output
    assert "George W. Bush" in both.output and "Jeb Bush" in both.output

    stories = CliRunner().invoke(app, [*db, "stories", "--person", "George W. Bush", "--json"])
    [story] = json.loads(stories.stdout)["stories"]
    assert "hospital" in story["label"].lower()
