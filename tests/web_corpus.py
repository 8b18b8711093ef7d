"""The web tests' database, from text written for them: the dam story (three outlets,
planted conflicts), a chess story, and an article whose title, body, outlet and URL are hostile
markup. Stories come from the real clusterer, so merges and moves work on them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from story_builders import dam_story

from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import update_stories

HOSTILE_TITLE = '<script>alert("title")</script> Harbour <img src=x onerror=alert(1)> vote'
HOSTILE_BODY = (
    'The harbour board vote was delayed, <script>alert("body")</script> officials said, and '
    "<img src=x onerror=alert(2)> a recount was ordered for the harbour board."
)
HOSTILE_OUTLET = "<b>Evil</b> Gazette"
HOSTILE_URL = "javascript:alert(3)"

CHESS = [
    Article.create(
        title="Chess prodigy wins national title at fourteen",
        paragraphs=[
            "A fourteen-year-old chess prodigy from Riga won the Latvian national chess "
            "championship on Sunday, beating three grandmasters in the final rounds."
        ],
        outlet="Northern Ledger",
    ),
    Article.create(
        title="Riga teenager takes Latvian chess crown",
        paragraphs=[
            "A Riga teenager of fourteen is the new Latvian chess champion after beating three "
            "grandmasters; the prodigy called the final game the hardest of the championship."
        ],
        outlet="Coastline Wire",
    ),
]


def hostile_article() -> Article:
    return Article.create(
        title=HOSTILE_TITLE,
        paragraphs=[HOSTILE_BODY],
        outlet=HOSTILE_OUTLET,
        url=HOSTILE_URL,
        removed=("<script>alert('removed')</script> Subscribe now",),
    )


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    articles, analyses, _ = dam_story()
    everything = [*articles, *CHESS, hostile_article()]
    with SQLiteStore(path) as store:
        store.add_articles(everything)
        store.save_analyses(analyses)
        update_stories(store, [a.id for a in everything])
    return path


@pytest.fixture
def web_db(built_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built database for one test (tests may merge and move)."""
    path = tmp_path / "web.db"
    shutil.copy(built_db, path)
    return path
