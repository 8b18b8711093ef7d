"""The Markdown report of a comparison: brief, conflicts, shared and unique facts, speakers,
timeline, and the articles compared.

Article text is escaped for Markdown tables and for the HTML that Markdown viewers pass through,
so text from an article cannot become markup in a rendered report.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from newsprism.compare.records import Citation, Comparison
from newsprism.model import date_label

_KINDS = {
    "figure": "Different figures",
    "speaker": "Same words, different speakers",
    "headline": "Headline contradicted",
    "date": "Different dates",
}


def md_text(text: str) -> str:
    """Article text made inert in Markdown: HTML escaped, table pipes and newlines removed."""
    cleaned = html.escape(" ".join(text.split()), quote=False)
    for mark in ("\\", "|", "*", "_", "`", "[", "]"):
        cleaned = cleaned.replace(mark, "\\" + mark)
    return cleaned


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _cite(citation: Citation) -> str:
    who = f" ({md_text(citation.speaker)})" if citation.speaker else ""
    text = f"**{citation.outlet}**{who}: {md_text(citation.text)}"
    if citation.context and citation.context != citation.text:
        text += f" — “{md_text(citation.context)}”"
    return text


def render_markdown(c: Comparison) -> str:
    """The whole comparison as one Markdown document."""
    out: list[str] = [f"# {md_text(c.label) or 'Story ' + c.story_id}", ""]
    out.append(
        f"Story `{c.story_id}` · {len(c.articles)} article(s) · outlets: "
        + ", ".join(md_text(o) for o in c.outlets)
    )
    out.append("")

    out += ["## Brief", ""]
    for sentence in c.brief.sentences:
        out.append(f"- {md_text(sentence.text)} [{', '.join(map(md_text, sentence.outlets))}]")
    if c.brief.key_people:
        out += ["", "**Key people:** " + ", ".join(md_text(p) for p in c.brief.key_people)]
    if c.brief.key_figures:
        out += ["", "**Key figures:**", ""]
        out += [f"- {md_text(f)}" for f in c.brief.key_figures]
    if c.brief.key_quotes:
        out += ["", "**Key quotes:**", ""]
        out += [f"- {md_text(q)}" for q in c.brief.key_quotes]
    out.append("")

    out += ["## Conflicts", ""]
    if not c.conflicts:
        out += ["No conflicts found.", ""]
    for conflict in c.conflicts:
        out.append(f"### {_KINDS.get(conflict.kind, conflict.kind)}: {md_text(conflict.topic)}")
        out += ["", md_text(conflict.description), ""]
        out += [f"- {_cite(side)}" for side in conflict.sides]
        out.append("")

    shared = [q for q in c.quotes if len(q.outlets) > 1]
    out += ["## Quotes reported by several outlets", ""]
    if shared:
        out += _table(
            ("quote", "speaker", "outlets"),
            (
                (md_text(q.text), md_text(q.speaker or "?"), ", ".join(map(md_text, q.outlets)))
                for q in shared
            ),
        )
    else:
        out.append("None.")
    out.append("")

    out += ["## Figures", ""]
    if c.figures:
        out += _table(
            ("about", "as reported", "outlets", "status"),
            (
                (
                    md_text(f.subject),
                    "; ".join(f"{md_text(x.outlet)}: {md_text(x.text)}" for x in f.citations),
                    ", ".join(map(md_text, f.outlets)),
                    "**conflict**" if f.status == "conflict" else f.status,
                )
                for f in c.figures
            ),
        )
    else:
        out.append("None.")
    out.append("")

    out += ["## Reported by one outlet only", ""]
    if c.unique:
        out += _table(
            ("outlet", "kind", "fact"),
            ((md_text(u.outlet), u.kind, md_text(u.text)) for u in c.unique),
        )
    else:
        out.append("Nothing (or only one outlet).")
    out.append("")

    out += ["## Who is quoted by whom", ""]
    if c.speakers:
        out += _table(
            ("speaker", *map(md_text, c.outlets)),
            ((md_text(r.speaker), *map(str, r.counts)) for r in c.speakers),
        )
    else:
        out.append("No attributed quotes.")
    out.append("")

    out += ["## Who each outlet relies on", ""]
    if c.sources:
        out += _table(
            ("source", "kind", *map(md_text, c.outlets)),
            (
                (md_text(_copied(r.name, r.copied_by)), r.kind, *map(str, r.counts))
                for r in c.sources
            ),
        )
        if len(c.outlets) > 1:
            everyone = ", ".join(md_text(r.name) for r in c.shared_sources) or "none"
            single = ", ".join(
                f"{md_text(r.name)} ({md_text(r.citations[0].outlet)})"
                for r in c.single_outlet_sources
            )
            out += [
                "",
                f"Cited by every outlet: {everyone}.",
                "",
                f"Cited by one outlet only: {single or 'none'}.",
            ]
    else:
        out.append("No attributed sources.")
    out.append("")

    out += ["## Timeline", ""]
    for event in c.timeline:
        day = date_label(event.start, event.end, event.grain)
        flag = " *(date inferred)*" if event.inferred else ""
        sources = ", ".join(map(md_text, event.outlets))
        out.append(f"- **{day}**{flag}: {md_text(event.description)} [{sources}]")
    if not c.timeline:
        out.append("No dated events.")
    out.append("")

    out += ["## Articles", ""]
    out += _table(
        ("outlet", "date", "headline", "id"),
        (
            (
                md_text(a.outlet),
                str(a.published or (f"{a.inferred_date} (inferred)" if a.inferred_date else "-")),
                md_text(a.title) + (f" (copy of `{a.duplicate_of}`)" if a.duplicate_of else ""),
                f"`{a.article_id}`",
            )
            for a in c.articles
        ),
    )
    out.append("")
    return "\n".join(out)


def _copied(name: str, copied_by: tuple[str, ...]) -> str:
    return f"{name} (copied by {', '.join(copied_by)})" if copied_by else name
