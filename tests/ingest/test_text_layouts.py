"""Plain-text articles: header, loose and bare layouts, and how paragraphs are found."""

from __future__ import annotations

from datetime import date

import pytest
from helpers_ingest import FIXTURES, read_all

from newsprism.ingest.text import parse_layout


def test_header_layout_gives_title_date_url_and_outlet() -> None:
    (article,), skipped = read_all([FIXTURES / "header.txt"])
    assert skipped == []
    assert article.title == "Coastal path reopens after landslip"
    assert article.published == date(2024, 4, 2)
    assert article.url == "https://www.harbourcourier.co.uk/news/2024/apr/02/coastal-path"
    assert article.outlet == "harbourcourier.co.uk"
    assert len(article.paragraphs) == 3
    assert "said ranger Callum Doyle" in article.paragraphs[2]


def test_loose_layout_sets_aside_label_subheadline_and_boilerplate() -> None:
    (article,), _ = read_all([FIXTURES / "loose.txt"])
    assert article.title == "Fishermen DEFY ban: Crews vow to keep sailing as quota row erupts"
    assert article.published is None
    assert article.outlet == "unknown"
    assert article.paragraphs[0].startswith("Small fishing crews")
    assert article.paragraphs[-1] == "Officials said the limits followed scientific advice."
    for junk in ("UK News", "sign-up", "[ANALYSIS]", "[LATEST]", "Read Full Article", "wipe out"):
        assert junk not in article.body
    assert "section: UK News" in article.removed
    assert "subheadline: Industry says rules will 'wipe out' small boats" in article.removed


def test_bare_body_takes_its_first_sentence_as_title() -> None:
    (article,), _ = read_all([FIXTURES / "bare.txt"])
    assert article.title == (
        "Volunteers planted 2,000 trees along the river on Saturday as part of a plan to cut "
        "flooding in the lower valley."
    )
    assert article.paragraphs[0].startswith("Volunteers planted 2,000 trees")
    assert article.removed == ()


@pytest.mark.parametrize(
    ("text", "layout", "title", "published", "url"),
    [
        ("T\n2022-03-02\nB one.\nB two.", "header", "T", date(2022, 3, 2), None),
        (
            "T\nhttps://a.example.org/x\n20220302\nBody.",
            "header",
            "T",
            date(2022, 3, 2),
            "https://a.example.org/x",
        ),
        ("T\nhttps://a.example.org/x\nBody.", "header", "T", None, "https://a.example.org/x"),
        ("Headline here\n\nBody one.\n\nBody two.", "loose", "Headline here", None, None),
        ("Body only, a full sentence.\n\nAnother.", "bare", None, None, None),
        ("Score 3\nThe game went on.", "loose", "Score 3", None, None),
    ],
)
def test_layout_detection(
    text: str, layout: str, title: str | None, published: date | None, url: str | None
) -> None:
    found = parse_layout(text)
    assert (found.layout, found.title, found.published, found.url) == (
        layout,
        title,
        published,
        url,
    )


def test_hard_wrapped_blocks_are_joined_but_line_per_item_blocks_are_not() -> None:
    wrapped = (
        "Headline\n\n"
        "The council said on Monday that the bridge would stay closed for at\n"
        "least six weeks while engineers examine cracks found in two of the\n"
        "piers that carry the main span.\n\n"
        "Crews vow to fight on as row deepens [ANALYSIS]\n"
        "Ministers split over fishing deal [LATEST]\n"
    )
    found = parse_layout(wrapped)
    assert found.paragraphs[0].startswith("The council said on Monday")
    assert found.paragraphs[0].endswith("carry the main span.")
    assert found.paragraphs[1:] == (
        "Crews vow to fight on as row deepens [ANALYSIS]",
        "Ministers split over fishing deal [LATEST]",
    )


def test_a_file_with_only_a_header_is_skipped(tmp_path) -> None:
    path = tmp_path / "header_only.txt"
    path.write_text("Title\n20240101\nhttps://example.org/a\n", encoding="utf-8")
    articles, skipped = read_all([path])
    assert articles == []
    assert skipped[0].where == str(path)
    assert "no body text" in skipped[0].reason


def test_a_section_label_outside_the_usual_words_is_found_by_its_place() -> None:
    found = parse_layout(
        "Valdoria News\n\nFire at the docks forces families to flee\n\n"
        "Blaze sparks fury on the quay\n\nCrews fought the fire through the night."
    )
    assert found.title == "Fire at the docks forces families to flee"
    assert found.removed == (
        "section: Valdoria News",
        "subheadline: Blaze sparks fury on the quay",
    )
