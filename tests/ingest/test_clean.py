"""Boilerplate removal: junk lines go, with their kind; real paragraphs, short ones too, stay."""

from __future__ import annotations

import pytest

from newsprism.ingest.clean import (
    boilerplate_kind,
    clean_paragraphs,
    is_section_label,
    normalise_line,
    normalise_text,
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            "We use your sign-up to provide content in ways you’ve consented to. More info",
            "consent",
        ),
        ("This website uses cookies to give you the best experience.", "consent"),
        ("Accept all cookies", "consent"),
        ("Sign up to our Morning Briefing newsletter", "newsletter"),
        ("Get the headlines newsletter straight to your inbox every weekday.", "newsletter"),
        ("Subscribe now", "newsletter"),
        ("Source: Read Full Article", "trailer"),
        ("Read the full story at the Valley Ledger", "trailer"),
        ("Continue reading the main story", "trailer"),
        ("This article originally appeared in the Northgate Post.", "trailer"),
        ("Crews vow to fight on as row deepens [ANALYSIS]", "teaser"),
        ("‘We’re finished’ – skipper’s despair\u00a0[REACTION]", "teaser"),
        ("World News", "section"),
        ("Politics | UK", "section"),
        ("Share this article", "share"),
        ("Share on Facebook", "share"),
        ("Follow Jenna Polworth on Twitter @jpolworth", "share"),
        ("Follow us on Instagram", "share"),
        ("Advertisement", "advert"),
        ("ADVERTISEMENT - SCROLL TO CONTINUE WITH CONTENT", "advert"),
        ("Story continues below advertisement", "advert"),
        ("Read more: Council approves £4m repair plan", "readmore"),
        ("READ MORE: Ferry timetable cut as crew shortage bites", "readmore"),
        ("Related stories", "readmore"),
        ("© 2024 Harbour Courier Media Ltd. All rights reserved.", "copyright"),
        ("Copyright 2023 Eastvale Times", "copyright"),
        ("Photograph: Tom Avery/Harbour Courier", "credit"),
        ("(Photo by Sam Ilves/Getty Images)", "credit"),
        ("Harbour workers at dawn. Lena Ortiz / Reuters", "credit"),
    ],
)
def test_boilerplate_lines_are_recognised(line: str, kind: str) -> None:
    assert boilerplate_kind(normalise_line(line)) == kind


# Real paragraphs that share words with boilerplate; every one must survive.
REAL_PARAGRAPHS = [
    "Share prices fell 3% after the announcement.",
    "Follow-up talks are planned for next week, the ministry said.",
    "The regulator said sites must let users reject all cookies with one click by June.",
    "Readers who subscribe to the paper's newsletter were told about the change on Friday.",
    "Source: a senior official, speaking on condition of anonymity, confirmed the figure.",
    "Advertising revenue rose by 12 percent in the first quarter.",
    "The photographer said the image was taken minutes before the collapse.",
    "He added that he had lived there for three years. Carl Hewitt / Getty Images",
    "One poll shows the mayor 16 points ahead. [NYT]",
    "“We have no choice,” said skipper Jenna Polworth.",
    "It starts in June.",
    "Yes.",
    "Politics, she said, had nothing to do with it.",
    "World leaders met in Geneva on Tuesday.",
    "Read more than 40 pages of the report and you find the same warning.",
    "Copyrighted material was removed from the archive, the court heard.",
]


@pytest.mark.parametrize("paragraph", REAL_PARAGRAPHS)
def test_real_paragraphs_are_never_dropped(paragraph: str) -> None:
    kept, removed = clean_paragraphs([paragraph])
    assert kept == (paragraph,)
    assert removed == ()


def test_clean_paragraphs_keeps_order_and_says_what_it_removed() -> None:
    kept, removed = clean_paragraphs(
        ["First real paragraph.", "Advertisement", "", "Second real paragraph.", "Share"]
    )
    assert kept == ("First real paragraph.", "Second real paragraph.")
    assert removed == ("advert: Advertisement", "share: Share")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("caf\u0065\u0301 opens", "café opens"),  # NFC
        ("zero\u200bwidth\u200d and\ufeff soft\u00adhyphen", "zerowidth and softhyphen"),
        ("non\u00a0breaking\u202fspaces", "non breaking spaces"),
        ("bell\x07 and\x00 nul", "bell and nul"),
        ("  runs   of \t spaces  ", "runs of spaces"),
        ("“curly” ‘quotes’ – and — dashes", "“curly” ‘quotes’ – and — dashes"),
        # UTF-8 decoded as Windows-1252 somewhere upstream (PolNeAR has "PeÃ±a Nieto")
        ("talks with PeÃ±a Nieto", "talks with Peña Nieto"),
        ("Itâ€™s a â€œdealâ€\x9d", "It’s a “deal”"),
        # accented text that is right as it is stays so
        ("Peña, café, «très» bien, Ærø", "Peña, café, «très» bien, Ærø"),
    ],
)
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


def test_normalise_text_keeps_line_breaks_and_unifies_them() -> None:
    assert normalise_text("one\r\ntwo\rthree\u2028four ") == "one\ntwo\nthree\nfour"


@pytest.mark.parametrize(
    ("line", "is_label"),
    [
        ("World News", True),
        ("Business", True),
        ("UK | Politics", True),
        ("World News.", False),
        ("Ministers split over deal", False),
        ("Kuleba responded", False),
    ],
)
def test_section_labels(line: str, is_label: bool) -> None:
    assert is_section_label(line) is is_label
