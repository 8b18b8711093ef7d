"""What the terminal shows: untrusted text as text, and analyses as tables (rich).

Every string printed through `console` or `err_console`, and every table cell, passes through
`TextConsole.render_str`, which never reads rich markup (an article's "[/red]" or
"[caption]" is shown as typed, not parsed) and drops what a terminal would obey instead of
show: ANSI escape sequences, other control characters and bidirectional overrides. This is
the one place that does it; styled output is built with `styled`, whose parts are cleaned the
same way. Stored text is never changed: only what reaches the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

from newsprism.model import Analysis, date_label

# ESC-introduced sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL or ESC \", and the
# two-character ones) and their 8-bit forms (CSI U+009B, OSC U+009D).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 and C1 controls except tab and newline, DEL, and the bidirectional embeddings, overrides
# and isolates that reorder how the text around them is drawn (U+202A-E, U+2066-9), with the
# marks (U+200E, U+200F, U+061C): a terminal line must read in the order it is stored.
_INVISIBLE = dict.fromkeys(
    [
        *(c for c in range(0x20) if c not in (0x09, 0x0A)),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200E,
        0x200F,
        0x061C,
    ]
)


def clean(text: str) -> str:
    """Text as a terminal should show it: escape sequences and control characters removed."""
    return _ESCAPES.sub("", text).translate(_INVISIBLE)


class TextConsole(Console):
    """A rich Console that prints every string as text: no markup, no emoji codes, cleaned."""

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: Any = None,
        overflow: Any = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: Any = None,
    ) -> Text:
        return Text(clean(text), style=style, justify=justify, overflow=overflow)


console = TextConsole(highlight=False, markup=False, emoji=False)
err_console = TextConsole(stderr=True, highlight=False, markup=False, emoji=False)


def styled(*parts: str | tuple[str, str]) -> Text:
    """One line of text with styled parts: `styled(("error:", "red"), " ", message)`."""
    text = Text()
    for part in parts:
        words, style = (part, "") if isinstance(part, str) else part
        text.append(clean(words), style=style)
    return text


def id_column(header: str = "id") -> Column:
    """A table column for ids: never wrapped or cut, so an id can be copied into a command."""
    return Column(header, no_wrap=True, overflow="ignore", min_width=len(header))


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
            table.add_row(ref.text.text, date_label(ref.start, ref.end, ref.grain), ref.grain)
        console.print(table)
    signals = analysis.headline
    console.print(
        f"headline sensationalism {signals.score:.2f}"
        + (f" ({', '.join(signals.drivers)})" if signals.drivers else "")
    )
    for conflict in signals.conflicts:
        console.print(
            styled(
                ("headline conflict:", "yellow"),
                f" headline gives '{conflict.claim}' to {conflict.headline_person}; body gives"
                f" it to {conflict.body_speaker or 'someone else'}: {conflict.evidence}",
            )
        )
