"""compare_story on a written three-outlet story with planted conflicts and agreements."""

from __future__ import annotations

from datetime import date

import pytest
from story_builders import HERALD_DAY, METRO_INFERRED, Builder, dam_story, make_article

from newsprism.compare import Comparison, compare_story
from newsprism.model import Story


@pytest.fixture(scope="module")
def dam() -> Comparison:
    articles, analyses, story = dam_story()
    return compare_story(articles, analyses, story)


def test_every_planted_conflict_is_found_with_evidence_from_both_sides(dam: Comparison) -> None:
    kinds = {k.kind: k for k in dam.conflicts}
    assert set(kinds) == {"speaker", "figure", "date", "headline"}
    speakers = {side.speaker for side in kinds["speaker"].sides}
    assert speakers == {"Ruth Alvarez", "Lena Hart"}
    figures = {(side.outlet, side.text) for side in kinds["figure"].sides}
    assert figures == {("Valley Herald", "Three people"), ("State Wire", "Five people")}
    days = {side.day for side in kinds["date"].sides}
    assert days == {date(2024, 5, 11), date(2024, 5, 12)}
    assert "Hart" in kinds["headline"].description
    assert any(side.speaker == "Ruth Alvarez" for side in kinds["headline"].sides)


def test_no_conflict_where_figures_are_compatible(dam: Comparison) -> None:
    contested = {k.topic for k in dam.conflicts if k.kind == "figure"}
    assert "residents forced from homes" not in contested  # more than 1,200 / about 1,200
    assert "homes damaged" not in contested  # hundreds / about 300
    assert len([k for k in dam.conflicts if k.kind == "figure"]) == 1


def test_a_later_higher_death_toll_is_an_update_not_a_conflict(dam: Comparison) -> None:
    (figure,) = [k for k in dam.conflicts if k.kind == "figure"]
    assert "seven people" not in {side.text for side in figure.sides}


def test_shared_quote_lists_each_outlet_and_one_speaker(dam: Comparison) -> None:
    berg = next(q for q in dam.quotes if "water rose faster" in q.text)
    assert set(berg.outlets) == {"Valley Herald", "Metro Daily"}
    assert berg.speaker == "Tomas Berg"  # "Berg" in one outlet, the full name in the other


@pytest.mark.parametrize(
    ("kind", "outlet", "text"),
    [
        ("quote", "State Wire", "Our teams reached the lower town"),
        ("figure", "Valley Herald", "85 people"),
        ("person", "State Wire", "Karl Osei"),
    ],
)
def test_unique_facts(dam: Comparison, kind: str, outlet: str, text: str) -> None:
    assert any(u.kind == kind and u.outlet == outlet and text in u.text for u in dam.unique), (
        dam.unique
    )


def test_shared_facts_are_not_unique(dam: Comparison) -> None:
    texts = " ".join(u.text for u in dam.unique)
    assert "40 percent" not in texts
    assert "Tomas Berg" not in texts


def test_speaker_matrix_counts_quotes_per_outlet(dam: Comparison) -> None:
    rows = {row.speaker: dict(zip(dam.outlets, row.counts, strict=True)) for row in dam.speakers}
    assert rows["Tomas Berg"] == {"Valley Herald": 1, "State Wire": 0, "Metro Daily": 1}
    assert rows["Karl Osei"]["State Wire"] == 1


def test_timeline_is_ordered_and_marks_inferred_dates(dam: Comparison) -> None:
    days = [event.start for event in dam.timeline]
    assert days == sorted(days)
    monday = next(e for e in dam.timeline if "shelters" in e.description)
    assert monday.inferred
    assert monday.start == date(2024, 5, 13)  # the Monday before the story's 15 May
    sunday = next(e for e in dam.timeline if e.start == date(2024, 5, 12))
    assert not sunday.inferred


def test_undated_article_shows_its_inferred_date(dam: Comparison) -> None:
    metro = next(view for view in dam.articles if view.outlet == "Metro Daily")
    assert metro.published is None and metro.inferred_date == METRO_INFERRED
    herald = next(view for view in dam.articles if view.outlet == "Valley Herald")
    assert herald.published == HERALD_DAY


def test_brief_is_cited_and_not_redundant(dam: Comparison) -> None:
    brief = dam.brief.sentences
    assert 5 <= len(brief) <= 8
    assert len({s.text for s in brief}) == len(brief)
    berg = next(s for s in brief if "water rose faster" in s.text)
    assert set(berg.outlets) == {"Valley Herald", "Metro Daily"}
    # the words are given to someone else by the State Wire: it does not report this sentence
    alvarez = [s for s in brief if "rebuild every street" in s.text]
    assert all("State Wire" not in s.outlets for s in alvarez)
    assert "Tomas Berg" in dam.brief.key_people


def test_near_duplicate_copy_counts_once() -> None:
    articles, analyses, story = dam_story()
    herald = articles[0]
    copy = type(herald).create(
        title=herald.title,
        paragraphs=[*herald.paragraphs, "Copyright Valley Herald syndication."],
        outlet="Syndicated Times",
        published=herald.published,
    )
    copy_analysis = type(analyses[0])(
        article_id=copy.id,
        quotes=analyses[0].quotes,
        figures=analyses[0].figures,
        entities=analyses[0].entities,
    )
    story = Story(
        id=story.id,
        label=story.label,
        article_ids=(*story.article_ids, copy.id),
        duplicates=((copy.id, herald.id),),
        inferred_dates=story.inferred_dates,
    )
    result = compare_story([*articles, copy], [*analyses, copy_analysis], story)
    assert "Syndicated Times" not in result.outlets
    berg = next(q for q in result.quotes if "water rose faster" in q.text)
    assert len(berg.citations) == 2
    view = next(v for v in result.articles if v.article_id == copy.id)
    assert view.duplicate_of == herald.id


def test_single_outlet_story_has_no_unique_facts_or_conflicts() -> None:
    articles, analyses, _ = dam_story()
    result = compare_story(articles[:1], analyses[:1])
    assert result.unique == ()
    assert result.conflicts == ()
    assert result.outlets == ("Valley Herald",)


def _two_outlets(
    first: list[str], second: list[str], days: tuple[date, date] = (HERALD_DAY, HERALD_DAY)
) -> tuple[Builder, Builder]:
    a = make_article("Valley Herald", "Poll news", first, days[0])
    b = make_article("State Wire", "Poll news", second, days[1])
    return Builder(a), Builder(b)


def _compare(*builders: Builder) -> Comparison:
    return compare_story([b.article for b in builders], [b.analysis() for b in builders])


def _conflict_kinds(*builders: Builder) -> list[str]:
    return [k.kind for k in _compare(*builders).conflicts]


def test_several_polls_in_one_article_are_not_one_figure_to_contradict() -> None:
    a, b = _two_outlets(
        ["Senator Ames leads by 5 points in the Tribune poll and by 7 points in the Ledger poll."],
        ["Senator Ames leads by 3 points in the latest poll."],
    )
    a.figure("5 points", 5, "points", "Ames lead").figure("7 points", 7, "points", "Ames lead")
    b.figure("3 points", 3, "points", "Ames lead")
    assert _conflict_kinds(a, b) == []


def test_reports_days_apart_may_give_different_figures() -> None:
    a, b = _two_outlets(
        ["Senator Ames leads Governor Reyes by 5 points among likely voters."],
        ["Senator Ames leads Governor Reyes by 3 points among likely voters."],
        (date(2024, 5, 1), date(2024, 5, 20)),
    )
    a.figure("5 points", 5, "points", "Ames lead")
    b.figure("3 points", 3, "points", "Ames lead")
    assert _conflict_kinds(a, b) == []
    # the same two reports on the same day do conflict
    c, d = _two_outlets(list(a.article.paragraphs), list(b.article.paragraphs))
    c.figure("5 points", 5, "points", "Ames lead")
    d.figure("3 points", 3, "points", "Ames lead")
    assert _conflict_kinds(c, d) == ["figure"]
    # ... and the figures table says which is which, never "agree" for different values:
    # weeks apart they are two measurements, each one outlet's
    assert [f.status for f in _compare(a, b).figures] == ["one outlet", "one outlet"]
    assert [f.status for f in _compare(c, d).figures] == ["conflict"]


def test_figure_status_names_agreement_and_single_reports() -> None:
    a, b = _two_outlets(
        ["Senator Ames leads Governor Reyes by 5 points; 1,200 people came to the rally."],
        ["Senator Ames leads Governor Reyes by about 5 points among likely voters."],
    )
    a.figure("5 points", 5, "points", "Ames lead").figure("1,200 people", 1200, "people", "rally")
    b.figure("about 5 points", 5, "points", "Ames lead", qualifier="about")
    # 5 and "about 5" can both be right without being the same wording: compatible
    assert sorted(f.status for f in _compare(a, b).figures) == ["compatible", "one outlet"]


@pytest.mark.parametrize(
    ("first", "second", "days", "kinds"),
    [
        # PolNeAR: "As of Wednesday, Clinton had 90% of the delegates" (27 April) and "As of
        # Wednesday, Clinton had 2,205 delegates" (5 May) are two tallies, not one event.
        (
            "As of Wednesday, Mayor Ames had 90 percent of the delegates she needs.",
            "As of Wednesday, Mayor Ames had 2,205 of the delegates she needs.",
            (("Wednesday", date(2024, 5, 1)), ("Wednesday", date(2024, 5, 8))),
            [],
        ),
        # Both say "Wednesday": they agree on the day; the weeks differ only because the
        # reports are a week apart (PolNeAR: Iowa's caucuses "Monday", before and after).
        (
            "The mayor resigned on Wednesday after a tense council meeting.",
            "The mayor resigned on Wednesday after a tense council meeting, aides said.",
            (("Wednesday", date(2024, 5, 1)), ("Wednesday", date(2024, 5, 8))),
            [],
        ),
        # Different days named for the same event are compared
        (
            "The mayor resigned on Wednesday after a tense council meeting.",
            "The mayor resigned on Tuesday after a tense council meeting, aides said.",
            (("Wednesday", date(2024, 5, 1)), ("Tuesday", date(2024, 5, 7))),
            ["date"],
        ),
    ],
)
def test_which_dated_reports_are_date_conflicts(
    first: str,
    second: str,
    days: tuple[tuple[str, date], tuple[str, date]],
    kinds: list[str],
) -> None:
    a, b = _two_outlets([first], [second], (date(2024, 5, 2), date(2024, 5, 9)))
    a.time(*days[0])
    b.time(*days[1])
    assert _conflict_kinds(a, b) == kinds


def test_dates_inside_quotations_and_one_outlets_own_articles_are_no_date_conflicts() -> None:
    a, b = _two_outlets(
        ["The pier closed on Monday after the storm."],
        ['"The pier closed on Tuesday after the storm," the harbour master told reporters.'],
    )
    a.time("Monday", date(2024, 5, 13))
    b.time("Tuesday", date(2024, 5, 14)).quote(
        "The pier closed on Tuesday after the storm,", "Harbour master"
    )
    assert _conflict_kinds(a, b) == []
    same = make_article("Valley Herald", "Pier", ["The pier closed on Tuesday after the storm."])
    c = Builder(same).time("Tuesday", date(2024, 5, 14))
    assert _conflict_kinds(a, c) == []


def test_conditional_figures_are_not_facts_to_contradict() -> None:
    a, b = _two_outlets(
        ["To win, Ames has to take 60 percent of the remaining delegates."],
        ["Ames would need 52 percent of the remaining delegates if the count holds."],
    )
    a.figure("60 percent", 60, "%", "share of remaining delegates")
    b.figure("52 percent", 52, "%", "share of remaining delegates")
    assert _conflict_kinds(a, b) == []


def test_a_name_after_the_headline_quote_is_not_its_speaker() -> None:
    a = make_article(
        "Valley Herald",
        "Party issues 'deep and sincere apology' to Senator Ruth Ames",
        ['The party offered "a deep and sincere apology" to Ruth Ames, its chair Karl Osei said.'],
        HERALD_DAY,
    )
    built = Builder(a).quote("a deep and sincere apology", "Karl Osei")
    built.person("Ruth Ames").person("Karl Osei")
    assert _conflict_kinds(built) == []


def test_scare_quotes_are_not_unique_facts() -> None:
    a, b = _two_outlets(
        ['Voters in the "closed" primary backed Ames, who said "we will keep going to the end."'],
        ["Ames won the primary with a clear margin among registered members."],
    )
    a.quote("closed", None, kind="indirect").quote("we will keep going to the end.", "Ruth Ames")
    texts = [u.text for u in _compare(a, b).unique if u.kind == "quote"]
    assert texts == ["Ruth Ames: we will keep going to the end."]


def test_key_figures_skip_figures_about_nothing_named() -> None:
    a, b = _two_outlets(
        ["It reached 90 percent on Monday, and 1,200 people came to the rally."],
        ["About 1,200 people came to the rally in the square."],
    )
    a.figure("90 percent", 90, "%", "it").figure("1,200 people", 1200, "people", "rally")
    b.figure("About 1,200 people", 1200, "people", "rally", qualifier="about")
    key = _compare(a, b).brief.key_figures
    assert len(key) == 1
    assert key[0].startswith("rally: ")


@pytest.mark.parametrize(("outlet", "kinds"), [("State Wire", ["figure"]), ("Valley Herald", [])])
def test_one_outlets_articles_do_not_conflict_with_each_other(
    outlet: str, kinds: list[str]
) -> None:
    first = make_article("Valley Herald", "Flood", ["Floodwater reached 14 villages on Monday."])
    later = make_article(outlet, "Flood", ["Floodwater reached 19 villages, officials said."])
    a = Builder(first).figure("14 villages", 14, "villages", "villages floodwater reached")
    b = Builder(later).figure("19 villages", 19, "villages", "villages floodwater reached")
    assert _conflict_kinds(a, b) == kinds
