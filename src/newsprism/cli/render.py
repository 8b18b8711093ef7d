"""Terminal rendering of analyses (rich)."""

from __future__ import annotations

from rich.table import Table

from newsprism.cli.app import console
from newsprism.model import Analysis


def print_analysis(analysis: Analysis) -> None:
    """The analysis of one article as tables: people, quotes, figures, dates, headline."""
    if analysis.entities:
        table = Table("entity", "kind", "mentions", title="People, organisations, places")
        for entity in sorted(analysis.entities, key=lambda e: -e.count):
            table.add_row(entity.name, entity.label, str(entity.count))
        console.print(table)
    if analysis.quotes:
        table = Table("speaker", "cue", "kind", "quote", title="Quotes")
        for quote in analysis.quotes:
            table.add_row(
                quote.speaker_name or (quote.speaker.text if quote.speaker else "?"),
                quote.cue.text if quote.cue else "",
                quote.kind,
                quote.content.text,
            )
        console.print(table)
    if analysis.figures:
        table = Table("value", "unit", "qualifier", "subject", "as written", title="Figures")
        for figure in analysis.figures:
            table.add_row(
                f"{figure.value:g}",
                figure.unit,
                figure.qualifier or "",
                figure.subject,
                figure.text.text,
            )
        console.print(table)
    if analysis.times:
        table = Table("as written", "date", "grain", title="Dates")
        for ref in analysis.times:
            when = "unresolved"
            if ref.start is not None:
                when = str(ref.start) if ref.start == ref.end else f"{ref.start} – {ref.end}"
            table.add_row(ref.text.text, when, ref.grain)
        console.print(table)
    signals = analysis.headline
    console.print(
        f"headline sensationalism {signals.score:.2f}"
        + (f" ({', '.join(signals.drivers)})" if signals.drivers else "")
    )
    for conflict in signals.conflicts:
        console.print(
            f"[yellow]headline conflict:[/yellow] headline gives '{conflict.claim}' to "
            f"{conflict.headline_person}; body gives it to "
            f"{conflict.body_speaker or 'someone else'}"
            f": {conflict.evidence}",
            markup=True,
        )
