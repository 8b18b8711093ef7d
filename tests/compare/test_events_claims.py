"""Dated events and headline claims by meaning, on real parses of text written for these tests."""

from __future__ import annotations

from datetime import date

from newsprism.analyze import analyze_articles
from newsprism.compare import Comparison, compare_story
from newsprism.compare.claims import headline_claim
from newsprism.config import Settings
from newsprism.model import Article

SUNDAY = date(2025, 8, 17)
MONDAY = date(2025, 8, 18)


def _article(outlet: str, title: str, paragraphs: list[str], day: date = SUNDAY) -> Article:
    return Article.create(title=title, paragraphs=paragraphs, outlet=outlet, published=day)


def _compare(*articles: Article) -> Comparison:
    analyses = list(analyze_articles(list(articles), Settings()))
    return compare_story(list(articles), analyses)


def _kinds(comparison: Comparison) -> list[str]:
    return sorted(c.kind for c in comparison.conflicts)


def test_one_event_in_other_verbs_on_two_days_is_a_date_conflict() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Barge sinks",
            [
                "The barge Kestrel sank in heavy seas off Dunmore on Saturday night, "
                "the coastguard said."
            ],
        ),
        _article(
            "Coast Radio",
            "Barge lost",
            ["The Kestrel went down off Dunmore on Friday night with six crew aboard."],
            MONDAY,
        ),
    )
    (conflict,) = [c for c in comparison.conflicts if c.kind == "date"]
    assert {side.text for side in conflict.sides} == {"Saturday night", "Friday night"}


def test_the_day_of_a_statement_and_a_next_meeting_date_no_event() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Council",
            [
                "The council met last Wednesday to discuss the harbour budget, "
                "officials said on Friday."
            ],
        ),
        _article(
            "Coast Radio",
            "Council",
            [
                "The council will meet again on Monday to vote on the harbour budget, "
                "officials said on Sunday."
            ],
            MONDAY,
        ),
    )
    assert "date" not in _kinds(comparison)


def test_headline_claim_shape() -> None:
    claim = headline_claim("Bus driver admits brakes had failed as inquiry opens")
    assert claim is not None
    assert (claim.who, claim.verb, claim.claim) == ("Bus driver", "admits", "brakes had failed")
    assert headline_claim("Storm batters the west coast") is None


def test_a_headline_giving_a_paraphrased_claim_to_the_wrong_person_is_caught() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Bus driver admits brakes had failed as inquiry opens",
            [
                "Eleven passengers were hurt when a bus left the road near Carrow on Saturday.",
                "Transit authority spokesman Ivo Grebe said the brakes on the bus may have stopped "
                "working before the crash.",
                "The driver, Tomasz Wrona, has not spoken to reporters.",
            ],
        )
    )
    (conflict,) = [c for c in comparison.conflicts if c.kind == "headline"]
    shown = " ".join(f"{s.text} {s.context}" for s in conflict.sides)
    assert "brakes had failed" in shown and "Ivo Grebe" in shown


def test_a_headline_whose_speaker_the_body_quotes_is_not_flagged() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Bus driver admits brakes had failed as inquiry opens",
            [
                "Eleven passengers were hurt when a bus left the road near Carrow on Saturday.",
                "The driver, Tomasz Wrona, told police the brakes had stopped working on the hill.",
                "Transit authority spokesman Ivo Grebe said the brakes may have failed.",
            ],
        )
    )
    assert "headline" not in _kinds(comparison)


def test_the_same_words_given_to_a_named_role_and_another_person_conflict() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Mill to close",
            [
                "The Harlow mill will close in the spring, its owner said.",
                'Managing director Sofia Brandt called it a hard day. "We cannot sell paper '
                'that nobody wants to buy any more," she said.',
            ],
        ),
        _article(
            "Coast Radio",
            "Mill closure",
            [
                '"We cannot sell paper that nobody wants to buy any more," the mill\'s finance '
                "chief, Anders Holm, told staff on Sunday.",
            ],
        ),
    )
    (conflict,) = [c for c in comparison.conflicts if c.kind == "speaker"]
    speakers = {side.speaker or "" for side in conflict.sides}
    assert "Sofia Brandt" in speakers and any("Holm" in s for s in speakers)
