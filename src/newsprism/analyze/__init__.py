"""The analyze stage: one spaCy pass per article, then the rule layers on the parsed document.

`analyze_articles` streams articles through one `nlp.pipe` call (bodies and headlines
interleaved, so both share its batching and its worker processes), in order, and yields one
`Analysis` per article: entities with canonical names, quotes with speakers, figures, dates
resolved against the publication date, and headline signals. Storing is the caller's job
(`SQLiteStore.save_analyses`; `newsprism.pipeline.analyze_stored` does both).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.figures import entity_names, extract_figures
from newsprism.analyze.frames import with_events
from newsprism.analyze.headline import headline_signals
from newsprism.analyze.nlp import load_model
from newsprism.analyze.quotes import extract_quotes
from newsprism.analyze.timex import extract_times
from newsprism.config import Settings
from newsprism.model import Analysis, Article

__all__ = [
    "analyze_article",
    "analyze_articles",
    "analyze_doc",
    "model_version",
]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


def analyze_articles(
    articles: Iterable[Article],
    settings: Settings | None = None,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Analysis]:
    """One Analysis per article, in input order, streaming (articles are read as needed).

    A rule layer that fails on one article raises, unless `on_error` is given: then the
    failure is handed to it, that article gets no analysis, and the others go on.
    """
    settings = settings or Settings()
    nlp = load_model(settings.model)
    version = model_version(nlp)
    limit = nlp.max_length

    def texts() -> Iterator[tuple[str, Article]]:
        # Body then headline of each article, in one stream: one pipe, one set of workers.
        for article in articles:
            body = article.body
            if len(body) > limit:
                log.warning(
                    "article %s: body of %d characters cut to spaCy's max_length %d",
                    article.id,
                    len(body),
                    limit,
                )
                body = body[:limit]
            yield body, article
            yield article.title[:limit], article

    stream = nlp.pipe(
        texts(), as_tuples=True, batch_size=settings.batch_size, n_process=settings.n_process
    )
    for body_doc, article in stream:
        title_doc, _ = next(stream)
        try:
            analysis = analyze_doc(article, body_doc, title_doc, version)
        except Exception as exc:
            if on_error is None:
                raise
            log.error("article %s (%s): analysis failed: %r", article.id, article.source, exc)
            on_error(article, exc)
            continue
        yield analysis


def analyze_article(article: Article, settings: Settings | None = None) -> Analysis:
    """The Analysis of one article (for many, `analyze_articles` batches the parsing)."""
    return next(analyze_articles([article], settings))


def analyze_doc(article: Article, body_doc: Doc, title_doc: Doc, model: str = "") -> Analysis:
    """The rule layers over an already parsed body and headline."""
    entities = extract_entities(body_doc)
    quotes = extract_quotes(body_doc, entities)
    names = entity_names(body_doc, entities)
    return Analysis(
        article_id=article.id,
        entities=entities,
        quotes=quotes,
        figures=extract_figures(body_doc, entities, names),
        times=with_events(body_doc, extract_times(body_doc, article.published), names),
        headline=headline_signals(article.title, title_doc, body_doc, entities, quotes),
        model=model,
    )


def model_version(nlp: Language) -> str:
    """The model's name and version as recorded with each analysis ("en_core_web_sm-3.8.0")."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
