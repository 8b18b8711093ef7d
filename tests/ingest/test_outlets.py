"""Outlet names from URLs through the built-in table, registered domains, declared outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ingest.outlets import (
    UNKNOWN,
    outlet_from_url,
    outlet_table,
    registered_domain,
    resolve_outlet,
)


def test_the_table_has_at_least_100_outlets_with_name_domain_country() -> None:
    table = outlet_table()
    assert len({entry.name for entry in table}) >= 100
    for entry in table:
        assert entry.name and "." in entry.domain and len(entry.country) == 2
    assert len({entry.domain for entry in table}) == len(table)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://edition.cnn.com/2024/01/01/world/x", "CNN"),
        ("https://amp.cnn.com/x", "CNN"),
        ("https://www.bbc.co.uk/news/world-1", "BBC"),
        ("https://m.bbc.com/news", "BBC"),
        ("https://www.newsweek.com/ukraine-speaks-1684009", "Newsweek"),
        ("https://www.theguardian.com/world/2022/mar/01/x", "The Guardian"),
        ("https://www.smh.com.au/world/x", "The Sydney Morning Herald"),
        ("https://www.nzherald.co.nz/nz/x", "The New Zealand Herald"),
        ("https://www.abc.net.au/news/x", "ABC News (Australia)"),
        ("https://abcnews.go.com/Politics/x", "ABC News"),
        ("https://uk.news.yahoo.com/x", "Yahoo News"),
        ("https://timesofindia.indiatimes.com/india/x", "The Times of India"),
        ("https://news.sky.com/story/x", "Sky News"),
        ("http://WWW.EXPRESS.CO.UK:443/news/world/1", "Daily Express"),
        # Not in the table: the bare registered domain.
        ("https://finance.yahoo.com/x", "yahoo.com"),
        ("https://www.harbourcourier.co.uk/news/x", "harbourcourier.co.uk"),
        ("https://news.localpaper.com.au/x", "localpaper.com.au"),
    ],
)
def test_outlet_from_url(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("value", "domain"),
    [
        ("https://www.bbc.co.uk/news", "bbc.co.uk"),
        ("edition.cnn.com", "cnn.com"),
        ("http://127.0.0.1:8000/page", "127.0.0.1"),
        ("localhost", "localhost"),
        ("https://www.harbourgazette.example/world/x", "harbourgazette.example"),
        ("http://news.intranet.local/a", "intranet.local"),
        ("not a url at all", None),
        ("", None),
    ],
)
def test_registered_domain(value: str, domain: str | None) -> None:
    assert registered_domain(value) == domain


@pytest.mark.parametrize(
    ("url", "declared", "site_name", "outlet"),
    [
        (None, None, None, UNKNOWN),
        ("https://www.reuters.com/x", None, None, "Reuters"),
        ("https://www.reuters.com/x", "Eastvale Times", None, "Eastvale Times"),
        (None, "nytimes.com", None, "The New York Times"),
        (None, "https://www.washingtonpost.com", None, "The Washington Post"),
        (None, "the guardian", None, "The Guardian"),
        # dataset spellings (PolNeAR's publisher column) by their letters alone
        (None, "huff-post", None, "HuffPost"),
        (None, "usa-today", None, "USA Today"),
        (None, "USA TODAY", None, "USA Today"),
        (None, "wash-post", None, "wash-post"),  # no such letters in the table: kept as given
        (None, None, "Valley Ledger", "Valley Ledger"),
        # the site name a page declares names an outlet the table does not know...
        ("https://valleyledger.net/a", None, "Valley Ledger", "Valley Ledger"),
        ("https://www.ctpost.com/news/a", None, "Connecticut Post", "Connecticut Post"),
        # ...while the table's name wins over a page's variant of it
        ("https://www.reuters.com/x", None, "Reuters UK", "Reuters"),
        ("https://hosted.ap.org/article/x", None, None, "Associated Press"),
        ("https://valleyledger.net/a", None, None, "valleyledger.net"),
    ],
)
def test_resolve_outlet_precedence(
    url: str | None, declared: str | None, site_name: str | None, outlet: str
) -> None:
    assert resolve_outlet(url, declared, site_name) == outlet


def test_users_outlets_file_names_their_domains(tmp_path: Path) -> None:
    """The setting outlets_file names outlets the built-in table does not know."""
    from newsprism.config import Settings
    from newsprism.ingest import read_sources

    table = tmp_path / "mine.csv"
    table.write_text("name,domain,country\nHarbour Gazette,harbourgazette.example,VL\n")
    page = tmp_path / "a.txt"
    page.write_text(
        "Fire at the docks\n20250311\nhttps://www.harbourgazette.example/news/fire\n"
        "A fire broke out at the docks on Monday night, the fire service said.\n"
    )
    [plain] = read_sources([str(page)], Settings())
    [named] = read_sources([str(page)], Settings(outlets_file=str(table)))
    assert plain.outlet == "harbourgazette.example"
    assert named.outlet == "Harbour Gazette"


def test_outlets_file_without_header_is_a_clear_error(tmp_path: Path) -> None:
    from newsprism.errors import ConfigError
    from newsprism.ingest.outlets import user_outlets

    table = tmp_path / "bad.csv"
    table.write_text("Harbour Gazette;harbourgazette.example\n")
    with pytest.raises(ConfigError, match="name,domain"):
        user_outlets(str(table))
