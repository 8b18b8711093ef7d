"""A date is shown as precise as the text made it, in the terminal and in every report
(regression: "since 1987" shown as 1987-01-01, "last month" as the first of the month)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from story_builders import Builder, make_article, span_of
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.model import Story, TimeRef
from newsprism.store.sqlite import SQLiteStore

DAY = date(2025, 3, 13)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    a = Builder(
        make_article("Valley Herald", "Plant to close", ["The plant has run since 1987."], DAY)
    )
    b = Builder(make_article("State Wire", "Plant closing", ["Output fell last month."], DAY))
    for builder, text, start, end, grain in (
        (a, "1987", date(1987, 1, 1), date(1987, 12, 31), "year"),
        (b, "last month", date(2025, 2, 1), date(2025, 2, 28), "month"),
    ):
        span = span_of(builder.article, text)
        builder.times.append(TimeRef(span, start, end, grain, builder.article.paragraphs[0]))
    path = tmp_path / "dates.db"
    with SQLiteStore(path) as store:
        store.add_articles([a.article, b.article])
        store.save_analyses([a.analysis(), b.analysis()])
        ids = (a.article.id, b.article.id)
        store.save_stories([Story(id="plant", label="Plant", article_ids=ids)])
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "plant"],
        ["report", "plant", "--format", "md"],
        ["report", "plant", "--format", "html"],
        ["article", "ARTICLE"],
    ],
)
def test_year_and_month_dates_keep_their_precision(db: Path, args: list[str]) -> None:
    if "ARTICLE" in args:
        with SQLiteStore(db) as store:
            args = ["article", next(store.iter_articles(outlets=["Valley Herald"])).id]
    result = CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "1987" in result.output
    assert "1987-01-01" not in result.output and "2025-02-01" not in result.output
    if args[0] != "article":
        assert "2025-02" in result.output
