"""The two real articles in ../shared/samples read as the issue says they must be."""

from __future__ import annotations

from datetime import date

from conftest import require_shared
from helpers_ingest import read_all

from newsprism.ingest.clean import normalise_line


def test_shared_samples_give_exactly_the_two_articles() -> None:
    samples = require_shared("samples")
    articles, skipped = read_all([samples])
    assert skipped == []
    assert len(articles) == 2
    by_outlet = {a.outlet: a for a in articles}
    newsweek = by_outlet["Newsweek"]
    assert newsweek.published == date(2022, 3, 2)
    assert newsweek.url == (
        "https://www.newsweek.com/ukraine-speaks-china-about-reining-vladimir-putin-1684009"
    )
    assert newsweek.title == "Ukraine Speaks With China About Reining In Vladimir Putin"

    express = by_outlet["unknown"]
    assert express.title == (
        "China support for Russia CRUMBLING: Xi admits ‘regret’ over Putin’s nightmarish war"
    )
    assert express.published is None
    assert express.url is None
    body = express.body
    for boilerplate in (
        "We use your sign-up",
        "[INSIGHT]",
        "[REPORT]",
        "[REACTION]",
        "Source: Read Full Article",
        "World News",
    ):
        assert boilerplate not in body
    # Nothing is lost: what was taken out is on the record, with why.
    removed = "\n".join(express.removed)
    assert "section: World News" in removed
    assert "subheadline: Russia's alliance with China a 'turning point in security'" in removed
    assert "Source: Read Full Article" in removed
    assert "[INSIGHT]" in removed


def test_every_real_paragraph_of_the_samples_survives_cleaning() -> None:
    samples = require_shared("samples")
    articles, _ = read_all([samples])
    boilerplate = ("We use your sign-up", "[INSIGHT]", "[REPORT]", "[REACTION]", "Source: Read")
    for article in articles:
        raw = (samples / article.source.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        lines = [normalise_line(line) for line in raw.splitlines() if line.strip()]
        header = {article.title, article.url or "", "20220302", "World News"}
        header |= {r.split(": ", 1)[1] for r in article.removed if r.startswith("subheadline")}
        real = [
            line for line in lines if line not in header and not any(b in line for b in boilerplate)
        ]
        assert real, article.source
        # Short paragraphs too ("China has been toeing a fine line ..." is 11 words).
        assert set(real) == set(article.paragraphs)


def test_same_text_in_two_files_is_one_article(tmp_path) -> None:
    samples = require_shared("samples")
    original = next(p for p in sorted(samples.iterdir()) if p.suffix == ".txt")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(original.read_bytes())
    first, _ = read_all([original])
    second, _ = read_all([copy])
    assert first[0].id == second[0].id
    assert first[0].source != second[0].source
