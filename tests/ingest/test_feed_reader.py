"""RSS 2.0 and Atom feeds through feedparser, broken feeds, XML that is not a feed."""

from __future__ import annotations

from datetime import date

from helpers_ingest import FIXTURES, read_all


def test_rss_entries_become_articles_numbered_by_entry() -> None:
    articles, skipped = read_all([FIXTURES / "feed.rss"])
    where = str(FIXTURES / "feed.rss")
    ferry, potholes = articles
    assert ferry.source == f"{where}#1"
    assert ferry.title == "Ferry timetable cut as crew shortage bites"
    assert ferry.published == date(2024, 5, 10)
    assert ferry.author == "Owen Marsh"
    assert ferry.outlet == "harbourcourier.co.uk"
    # The full content:encoded text wins over the one-line description.
    assert "cannot find enough qualified crew" in ferry.body
    assert "Share this article" not in ferry.body
    assert "share: Share this article" in ferry.removed
    # A description with <br/> breaks is split into paragraphs.
    assert potholes.paragraphs == (
        "Residents reported 3,412 potholes in April, up from 2,106 a year earlier, council "
        "data show.",
        "The council blamed a wet winter.",
    )
    assert [(s.where, s.reason.split(":")[0]) for s in skipped] == [(f"{where}#3", "no body")]


def test_atom_entries_use_published_then_updated() -> None:
    (reservoir, lane), skipped = read_all([FIXTURES / "feed.atom"])
    assert skipped == []
    assert reservoir.published == date(2024, 6, 3)
    assert reservoir.author == "Hannah Lindqvist"
    assert reservoir.paragraphs[1] == (
        "The board asked households to avoid using hosepipes in the evening."
    )
    assert lane.published == date(2024, 5, 30)
    assert lane.outlet == "valleyledger.net"


def test_truncated_feed_keeps_what_can_be_recovered_and_never_raises() -> None:
    articles, skipped = read_all([FIXTURES / "broken.rss"])
    assert len(articles) + len(skipped) >= 1
    for article in articles:
        assert article.title == "Ferry timetable cut as crew shortage bites"


def test_xml_that_is_not_a_feed_is_skipped_with_a_clear_reason() -> None:
    articles, skipped = read_all([FIXTURES / "sitemap.xml"])
    assert articles == []
    assert skipped[0].reason.startswith("not a feed")


def test_feed_title_is_the_outlet_when_entries_have_no_link(tmp_path) -> None:
    path = tmp_path / "linkless.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ashcombe Parish News</title>'
        "<item><title>Fete moved indoors</title><description>The summer fete will be held in "
        "the village hall because of the forecast.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (article,), _ = read_all([path])
    assert article.outlet == "Ashcombe Parish News"
    assert article.url is None
