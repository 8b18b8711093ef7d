"""A merge or a move in the web app re-decides whom the names of the articles it touches mean,
at once: a bare surname two people of the corpus share goes to the one its new story names."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsprism.analyze import analyze_articles
from newsprism.config import Settings
from newsprism.model import Article
from newsprism.pipeline import resolve_people
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import update_stories
from newsprism.web import create_app

BASE = "http://127.0.0.1"

# Two people called Marsh: an engineer in a dam story and a chess player in another. Months
# later an outlet writes only "Marsh" about the dam; alone in its story and its weeks, nothing
# tells which Marsh it is, until an editor puts it in the dam story.
_DAM = [
    Article.create(
        title="Engineer Ann Marsh inspects the Calder dam",
        paragraphs=(
            "Ann Marsh, the chief engineer of the Calder dam, said on Monday that the spillway"
            " had cracked after the spring floods.",
            "Ann Marsh said repairs to the spillway would take a month.",
        ),
        outlet="Valley Herald",
        published=date(2025, 3, 10),
    ),
    Article.create(
        title="Calder dam spillway cracked, engineer says",
        paragraphs=(
            "The cracked spillway of the Calder dam needs a month of repairs, its chief engineer"
            " Ann Marsh said on Monday after the spring floods.",
        ),
        outlet="State Wire",
        published=date(2025, 3, 11),
    ),
]
_CHESS = [
    Article.create(
        title="Peter Marsh wins the Riga chess open",
        paragraphs=(
            "Peter Marsh won the Riga chess open on Sunday, beating two grandmasters.",
            '"It was the hardest game of my life," Peter Marsh said.',
        ),
        outlet="Northern Ledger",
        published=date(2025, 3, 9),
    ),
    Article.create(
        title="Chess open goes to Peter Marsh",
        paragraphs=("Peter Marsh took the Riga chess open title on Sunday after a long final.",),
        outlet="Coastline Wire",
        published=date(2025, 3, 10),
    ),
]
_LATER = Article.create(
    title="Repaired Calder spillway passes inspection",
    paragraphs=(
        "The repaired spillway of the Calder dam has passed its first inspection, Marsh told"
        " reporters on Monday.",
        '"The reservoir can be filled again by the end of the month," Marsh said on Monday.',
    ),
    outlet="River Daily",
    published=date(2025, 9, 1),
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "marsh.db"
    articles = [*_DAM, *_CHESS, _LATER]
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_analyses(list(analyze_articles(articles, Settings())))
        update_stories(store, [a.id for a in articles])
        resolve_people(store)
    return path


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def _marsh_articles(client: TestClient) -> dict[str, int]:
    people = client.get("/people.json").json()
    return {p["name"]: p["articles"] for p in people if "Marsh" in p["name"]}


def _stories(db: Path) -> tuple[str, str]:
    with SQLiteStore(db) as store:
        dam = store.story_of(_DAM[0].id)
        later = store.story_of(_LATER.id)
    assert dam and later and dam != later, "the later article is alone in its story"
    return dam, later


def test_a_merge_gives_a_shared_surname_to_the_person_of_its_new_story(db: Path) -> None:
    client = TestClient(create_app(db), base_url=BASE)
    # Alone, the later article's "Marsh" is either of them: left as written.
    assert _marsh_articles(client) == {"Ann Marsh": 2, "Peter Marsh": 2, "Marsh": 1}
    dam, later = _stories(db)
    token = _csrf(client.get(f"/stories/{dam}").text)
    merged = client.post(f"/stories/{dam}/merge", data={"other_id": later, "csrf": token})
    assert merged.status_code == 200 and "Stories merged." in merged.text
    # At once, not at the next ingest: the engineer's page lists the later article.
    assert _marsh_articles(client) == {"Ann Marsh": 3, "Peter Marsh": 2}
    page = client.get("/people/person:ann-marsh.json").json()
    assert _LATER.id in {a["article_id"] for a in page["articles"]}


def test_a_move_gives_the_surname_to_the_person_of_the_story_it_moves_to(db: Path) -> None:
    client = TestClient(create_app(db), base_url=BASE)
    dam, later = _stories(db)
    token = _csrf(client.get(f"/stories/{dam}").text)
    merged = client.post(f"/stories/{dam}/merge", data={"other_id": later, "csrf": token})
    dam = merged.url.path.rsplit("/", 1)[-1]
    assert _marsh_articles(client) == {"Ann Marsh": 3, "Peter Marsh": 2}
    stories = client.get("/stories.json").json()["stories"]
    chess = next(s["id"] for s in stories if _CHESS[0].id in s["article_ids"])
    token = _csrf(client.get(f"/stories/{dam}").text)
    moved = client.post(
        f"/stories/{dam}/move", data={"article": _LATER.id, "target": chess, "csrf": token}
    )
    assert moved.status_code == 200 and "Article moved." in moved.text
    # Now in the chess story, whose other articles name Peter Marsh.
    assert _marsh_articles(client) == {"Ann Marsh": 2, "Peter Marsh": 3}
