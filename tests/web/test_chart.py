"""Articles per day per outlet as SVG geometry."""

from __future__ import annotations

from datetime import date

from newsprism.web.chart import COLOURS, per_day_chart


def test_bars_stack_per_day_with_one_colour_per_outlet() -> None:
    chart = per_day_chart(
        [
            (date(2025, 3, 11), "Herald", 2),
            (date(2025, 3, 11), "Wire", 1),
            (date(2025, 3, 13), "Wire", 3),
        ]
    )
    assert chart is not None and chart.grain == "day"
    assert len(chart.bars) == 3
    assert [label for label, _ in chart.legend] == ["Wire", "Herald"]
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert "2025-03-13" in tallest.title and "Wire: 3" in tallest.title
    # the empty 12th keeps its place, so time runs evenly
    assert [tick.label for tick in chart.x_ticks] == ["2025-03-11", "2025-03-12", "2025-03-13"]


def test_a_long_span_is_drawn_by_week_and_extra_outlets_grouped() -> None:
    rows = [(date(2024, 1, 1 + i % 28), f"outlet {i}", 1) for i in range(9)]
    rows.append((date(2024, 9, 1), "outlet 0", 1))
    chart = per_day_chart(rows, outlets_shown=3)
    assert chart is not None and chart.grain == "week"
    assert chart.legend[-1] == ("other outlets", COLOURS[-1])
    assert per_day_chart([]) is None
