"""Builders of records from text written for these tests, and a small written story.

Each span is found in the article's own body, so offsets are the ones the analysis gives. The
story is fiction written for the project: three outlets report a dam failure with one shared
quote, one quote given to two speakers, figures that agree, differ, or are only vague.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsprism.compare.text import sentence_at
from newsprism.model import Analysis, Article, Entity, Figure, Quote, Span, Story, TimeRef
from newsprism.store.sqlite import SQLiteStore


def span_of(article: Article, text: str, occurrence: int = 0) -> Span:
    body = article.body
    at = -1
    for _ in range(occurrence + 1):
        at = body.find(text, at + 1)
    assert at >= 0, f"{text!r} is not in the article"
    return Span(text, at, at + len(text), body.count("\n\n", 0, at))


@dataclass
class Builder:
    """Collects an article's quotes, figures, dates and people, then gives its Analysis."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def quote(self, text: str, speaker: str | None, kind: str = "direct") -> Builder:
        key = speaker.casefold().replace(" ", "_") if speaker else None
        self.quotes.append(
            Quote(span_of(self.article, text), kind, speaker_name=speaker, speaker_key=key)
        )
        return self

    def figure(
        self,
        text: str,
        value: float,
        unit: str,
        subject: str,
        qualifier: str | None = None,
    ) -> Builder:
        span = span_of(self.article, text)
        sentence = sentence_at(self.article.body, span.start)
        self.figures.append(
            Figure(value, unit, span, sentence, counted=unit, subject=subject, qualifier=qualifier)
        )
        return self

    def time(self, text: str, day: date | None, grain: str = "day") -> Builder:
        span = span_of(self.article, text)
        sentence = sentence_at(self.article.body, span.start)
        self.times.append(TimeRef(span, day, day, grain, sentence))
        return self

    def person(self, name: str, *mentions: str, label: str = "PERSON") -> Builder:
        spans = tuple(span_of(self.article, m) for m in mentions or (name,))
        key = name.casefold().replace(" ", "_")
        self.entities.append(Entity(key, name, label, spans))
        return self

    def analysis(self) -> Analysis:
        return Analysis(
            article_id=self.article.id,
            entities=tuple(self.entities),
            quotes=tuple(self.quotes),
            figures=tuple(self.figures),
            times=tuple(self.times),
        )


def make_article(
    outlet: str, title: str, paragraphs: list[str], published: date | None = None
) -> Article:
    return Article.create(title=title, paragraphs=paragraphs, outlet=outlet, published=published)


HERALD_DAY = date(2024, 5, 14)
METRO_INFERRED = date(2024, 5, 15)


def dam_story() -> tuple[list[Article], list[Analysis], Story]:
    """Four articles from three outlets about a (fictional) dam failure.

    Planted: the "rebuild every street" words given to Mayor Alvarez by the Herald and to
    Governor Hart by the State Wire (speaker conflict); 3 deaths (Herald) against 5 (Wire) on
    the same day (figure conflict); the dam failing on Sunday (Herald) or Saturday (Wire)
    (date conflict); the Metro headline giving 'failure' to Hart while its body gives the word
    to Alvarez (headline conflict). Not conflicts: "more than 1,200" and "about 1,200"
    residents; "hundreds of homes" and "about 300 homes"; the Herald's later death toll of 7.
    """
    herald = make_article(
        "Valley Herald",
        "Mayor vows full inquiry after Kessel dam breach",
        [
            "The Kessel dam gave way on Sunday, flooding the lower town and forcing more than "
            "1,200 residents from their homes.",
            'Mayor Ruth Alvarez said the city would "rebuild every street the water took from '
            'us, and we will not wait for the state to pay for it."',
            "Engineers said the spillway had been rated at 40 percent of its design capacity in "
            "an inspection two years ago.",
            "Three people were killed, according to the county coroner. Hundreds of homes were "
            "damaged.",
            "Fire chief Tomas Berg said crews had pulled 85 people from flooded cars overnight. "
            '"The water rose faster than any of us had ever seen," Mr Berg said.',
        ],
        HERALD_DAY,
    )
    wire = make_article(
        "State Wire",
        "Dam failure floods lower Kessel",
        [
            "The Kessel dam gave way on Saturday, flooding the lower town.",
            "About 1,200 residents have been forced from their homes since the breach.",
            '"We will rebuild every street the water took from us," said Governor Lena Hart at '
            "a briefing.",
            "Five people died in the flood, the state emergency office said. About 300 homes "
            "were damaged.",
            '"Our teams reached the lower town within the hour," said Karl Osei, who leads the '
            "state emergency office.",
        ],
        HERALD_DAY,
    )
    metro = make_article(
        "Metro Daily",
        "Governor Hart admits 'failure' over Kessel dam",
        [
            'Mayor Ruth Alvarez called the breach "a failure of every inspection since 2022" '
            "and promised a full inquiry.",
            "Metro Daily understands that the spillway was rated at 40 percent of its design "
            "capacity.",
            "Governor Lena Hart visited the shelters on Monday.",
            'Fire chief Tomas Berg said "the water rose faster than any of us had ever seen".',
        ],
    )
    later = make_article(
        "Valley Herald",
        "Kessel flood death toll rises",
        [
            "The death toll from the Kessel flood rose to seven people killed, the county "
            "coroner said on Thursday.",
            "Divers were still searching the reservoir.",
        ],
        date(2024, 5, 16),
    )
    b_herald = (
        Builder(herald)
        .quote(
            "rebuild every street the water took from us, and we will not wait for the state "
            "to pay for it.",
            "Ruth Alvarez",
        )
        .quote("The water rose faster than any of us had ever seen,", "Tomas Berg")
        .figure(
            "more than 1,200 residents",
            1200,
            "residents",
            "residents forced from homes",
            "more than",
        )
        .figure("40 percent", 40, "%", "spillway design capacity")
        .figure("Three people", 3, "people", "people killed")
        .figure("Hundreds of homes", 100, "homes", "homes damaged", "hundreds")
        .figure("85 people", 85, "people", "people pulled from flooded cars")
        .time("on Sunday", date(2024, 5, 12))
        .person("Ruth Alvarez")
        .person("Tomas Berg", "Tomas Berg", "Mr Berg")
    )
    b_wire = (
        Builder(wire)
        .quote("We will rebuild every street the water took from us,", "Lena Hart")
        .quote("Our teams reached the lower town within the hour,", "Karl Osei")
        .figure("About 1,200 residents", 1200, "residents", "residents forced from homes", "about")
        .figure("Five people", 5, "people", "people died")
        .figure("About 300 homes", 300, "homes", "homes damaged", "about")
        .time("on Saturday", date(2024, 5, 11))
        .person("Lena Hart")
        .person("Karl Osei")
    )
    b_metro = (
        Builder(metro)
        .quote("a failure of every inspection since 2022", "Ruth Alvarez")
        .quote("the water rose faster than any of us had ever seen", "Berg")
        .figure("40 percent", 40, "%", "spillway design capacity")
        .time("on Monday", None)
        .person("Ruth Alvarez")
        .person("Lena Hart")
        .person("Tomas Berg")
    )
    b_later = (
        Builder(later)
        .figure("seven people", 7, "people", "people killed")
        .time("on Thursday", date(2024, 5, 16))
    )
    articles = [herald, wire, metro, later]
    analyses = [b.analysis() for b in (b_herald, b_wire, b_metro, b_later)]
    story = Story(
        id="dam",
        label="Kessel dam failure",
        article_ids=tuple(a.id for a in articles),
        outlets=("Valley Herald", "State Wire", "Metro Daily"),
        inferred_dates=((metro.id, METRO_INFERRED),),
    )
    return articles, analyses, story


def dam_db(path: Path) -> Path:
    """A database at `path` holding the dam story: its articles, analyses and story."""
    articles, analyses, story = dam_story()
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_analyses(analyses)
        store.save_stories([story])
    return path
