"""The story page's adapter: a Comparison of the written dam story turned into grid rows."""

from __future__ import annotations

from story_builders import dam_story

from newsprism.compare import compare_story
from newsprism.web.story_view import Cell, FactRow, StoryView, story_view


def _view() -> StoryView:
    articles, analyses, story = dam_story()
    return story_view(compare_story(articles, analyses, story))


def _row(rows: tuple[FactRow, ...], kind: str, words: str) -> FactRow:
    return next(row for row in rows if row.kind == kind and words in row.about)


def _cell(view: StoryView, row: FactRow, outlet: str) -> Cell:
    return row.cells[view.outlets.index(outlet)]


def test_the_death_toll_row_is_a_conflict_with_each_outlet_s_own_words() -> None:
    view = _view()
    row = next(
        r
        for r in view.facts
        if r.kind == "figure"
        and any(c.text == "Five people" for cell in r.cells for c in cell.cites)
    )
    assert row.status == "conflict"
    assert _cell(view, row, "State Wire").status == "conflict"
    assert [c.text for c in _cell(view, row, "State Wire").cites] == ["Five people"]
    assert _cell(view, row, "Metro Daily").status == "absent"


def test_a_quote_two_outlets_give_the_same_speaker_agrees_and_links_to_its_sentence() -> None:
    view = _view()
    row = _row(view.facts, "quote", "water rose faster")
    assert _cell(view, row, "Valley Herald").status == "agree"
    assert _cell(view, row, "Metro Daily").status == "agree"
    assert _cell(view, row, "State Wire").status == "absent"
    cite = _cell(view, row, "Valley Herald").cites[0]
    assert cite.link.startswith(f"/articles/{cite.article_id}?hl=") and cite.link.endswith("#hl")


def test_the_words_given_to_two_speakers_are_marked_conflict() -> None:
    view = _view()
    row = _row(view.facts, "quote", "rebuild every street")
    assert {cell.status for cell in row.cells} >= {"conflict"}


def test_a_fact_one_outlet_reports_is_only_there_and_absent_elsewhere() -> None:
    view = _view()
    row = _row(view.facts, "figure", "flooded cars")
    assert [cell.status for cell in row.cells].count("only") == 1
    assert row.status == "only"


def test_rows_put_conflicts_first_and_every_conflict_keeps_both_sides() -> None:
    view = _view()
    assert view.facts[0].status == "conflict"
    assert {c.kind for c in view.conflicts} == {"speaker", "figure", "date", "headline"}
    assert all(len({side.outlet for side in c.sides}) >= 1 for c in view.conflicts)
    assert [h.outlet for h in view.headlines].count("Valley Herald") == 2
    assert view.speakers and len(view.speakers[0][1]) == len(view.outlets)
