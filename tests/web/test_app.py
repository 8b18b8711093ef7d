"""Every route of the web app through Starlette's TestClient: status, JSON equal to the
library's output, CSV headers, safety (hosts, CSRF, escaping), and merge/move kept on disk."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_corpus import HOSTILE_OUTLET, HOSTILE_TITLE, hostile_article

from newsprism.analyze.people import person_report
from newsprism.compare import compare_stored_story
from newsprism.compare.saved import saved_comparison
from newsprism.model import to_dict
from newsprism.report.data import CSV_TABLES
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import find_stories
from newsprism.web import create_app
from newsprism.web.pages import STORY_COLUMNS

BASE = "http://127.0.0.1"


@pytest.fixture
def client(web_db: Path) -> TestClient:
    return TestClient(create_app(web_db), base_url=BASE)


def _largest(db: Path) -> str:
    with SQLiteStore(db) as store:
        return next(store.iter_stories("size")).id


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no CSRF field"
    return found.group(1)


@pytest.mark.parametrize(
    "path", ["/", "/stories", "/search", "/search?q=dam", "/people", "/people?label=ALL"]
)
def test_every_listing_page_answers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


def test_story_list_json_is_the_library_s_stories(client: TestClient, web_db: Path) -> None:
    data = client.get("/stories.json?sort=recent").json()
    with SQLiteStore(web_db) as store:
        expected = find_stories(store, sort="recent", limit=25)
    assert data["stories"] == to_dict(expected)
    assert data["total"] == len(expected)
    assert {f["outlet"] for f in data["facets"]["outlet"]} >= {"Valley Herald", "State Wire"}


def test_story_list_filters_by_outlet_text_and_dates(client: TestClient, web_db: Path) -> None:
    chess = client.get("/stories.json?q=prodigy").json()["stories"]
    assert len(chess) == 1 and "chess" in chess[0]["label"].lower()
    wire = client.get("/stories.json?outlet=state%20wire").json()["stories"]
    assert wire and all("State Wire" in s["outlets"] for s in wire)
    assert client.get("/stories.json?until=2000-01-01").json()["stories"] == []
    page = client.get("/?outlet=State+Wire").text
    assert 'class="on"' in page and "State Wire" in page


def test_story_list_csv_has_its_header_and_one_row_per_story(client: TestClient) -> None:
    rows = _csv(client.get("/stories.csv").text)
    assert tuple(rows[0]) == STORY_COLUMNS
    assert len(rows) - 1 == client.get("/stories.json").json()["total"]


def test_story_list_chart_is_server_rendered_svg(client: TestClient) -> None:
    page = client.get("/").text
    assert "<svg" in page and "Articles per day and outlet" in page
    assert "Valley Herald" in page


def test_a_bad_filter_is_a_clear_400(client: TestClient) -> None:
    response = client.get("/?since=yesterday")
    assert response.status_code == 400
    assert "'since' takes a date as YYYY-MM-DD, got 'yesterday'" in html.unescape(response.text)
    assert client.get("/stories.json?sort=size&page=0").status_code == 400


def test_story_page_shows_every_outlet_conflicts_and_grid(client: TestClient, web_db: Path) -> None:
    story_id = _largest(web_db)
    page = html.unescape(client.get(f"/stories/{story_id}").text)
    with SQLiteStore(web_db) as store:
        comparison = compare_stored_story(store, story_id)
    for outlet in comparison.outlets:
        assert outlet in page
    for article in comparison.articles:
        assert f"/articles/{article.article_id}" in page
    assert 'id="conflicts"' in page and 'id="facts"' in page and 'id="timeline"' in page
    for conflict in comparison.conflicts:
        assert conflict.topic in page
    assert "?hl=" in page  # cells link to the highlighted sentence


def test_story_json_is_the_library_s_comparison(client: TestClient, web_db: Path) -> None:
    story_id = _largest(web_db)
    with SQLiteStore(web_db) as store:
        expected = to_dict(compare_stored_story(store, story_id))
    assert client.get(f"/stories/{story_id}.json").json() == expected


@pytest.mark.parametrize("table", list(CSV_TABLES))
def test_story_tables_as_csv(client: TestClient, web_db: Path, table: str) -> None:
    response = client.get(f"/stories/{_largest(web_db)}/{table}.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    header = _csv(response.text)[0]
    assert header[0] in {"kind", "group", "start", "outlet", "speaker", "source"}


def test_unknown_story_article_person_outlet_are_404(client: TestClient) -> None:
    for path in ("/stories/zzzz", "/articles/zzzz", "/people/nobody-at-all", "/outlets/nowhere"):
        assert client.get(path).status_code == 404, path
    missing = client.get("/stories/zzzz.json")
    assert missing.json()["status"] == 404 and "No story" in missing.json()["error"]
    assert client.get("/stories/zzzz/nope.csv").status_code == 404


def test_article_page_highlights_the_linked_sentence(client: TestClient, web_db: Path) -> None:
    with SQLiteStore(web_db) as store:
        article = next(a for a in store.iter_articles() if a.title.startswith("Dam failure"))
    start = article.body.index("Five people")
    page = client.get(f"/articles/{article.id}?hl={start}-{start + 11}").text
    highlighted = re.search(r'<span class="m [^"]* hl" id="hl"[^>]*>([^<]*)</span>', page)
    assert highlighted and "Five people" in highlighted.group(1)
    assert 'class="m quote"' in page and "figure" in page


def test_article_json_is_the_stored_article_and_analysis(client: TestClient, web_db: Path) -> None:
    with SQLiteStore(web_db) as store:
        article = next(a for a in store.iter_articles() if a.outlet == "State Wire")
        analysis = store.get_analysis(article.id)
        story_id = store.story_of(article.id)
    data = client.get(f"/articles/{article.id}.json").json()
    assert data == {"article": to_dict(article), "analysis": to_dict(analysis), "story": story_id}


def test_person_page_json_and_quotes_csv(client: TestClient, web_db: Path) -> None:
    with SQLiteStore(web_db) as store:
        report = person_report(store, "Tomas Berg")
    assert client.get(f"/people/{report.key}.json").json() == to_dict(report)
    page = client.get(f"/people/{report.key}").text
    assert "Mr Berg" in page  # every alias
    assert "The water rose faster than any of us had ever seen" in page
    rows = _csv(client.get(f"/people/{report.key}/quotes.csv").text)
    assert rows[0] == ["article_id", "outlet", "published", "story", "kind", "cue", "text"]
    assert len(rows) - 1 == len(report.quotes)


def test_outlet_page_lists_its_stories_and_whom_it_quotes(client: TestClient) -> None:
    data = client.get("/outlets/State Wire.json").json()
    assert data["articles"] == 1 and data["stories"]
    assert {s["name"] for s in data["sources"]} == {"Lena Hart", "Karl Osei"}
    assert "Lena Hart" in client.get("/outlets/State%20Wire").text


def test_search_gives_snippets_and_explains_bad_syntax(client: TestClient) -> None:
    data = client.get("/search.json?q=spillway").json()
    assert data["hits"] and all("[spillway]" in h["snippet"].lower() for h in data["hits"])
    assert data["note"] is None
    page = client.get("/search?q=spillway").text
    assert "<mark>spillway</mark>" in page
    bad = client.get('/search?q="unclosed phrase').text
    assert 'id="query-note"' in bad and "exact phrase" in bad
    rows = _csv(client.get("/search.csv?q=spillway").text)
    assert rows[0][:3] == ["id", "title", "outlet"]


def test_hostile_text_is_shown_as_text_everywhere(client: TestClient, web_db: Path) -> None:
    article = hostile_article()
    pages = [
        client.get(f"/articles/{article.id}").text,
        client.get("/?sort=recent").text,
        client.get(
            f"/stories/{client.get('/stories.json?q=recount').json()['stories'][0]['id']}"
        ).text,
        client.get("/search?q=recount").text,
        client.get("/outlets/" + HOSTILE_OUTLET).text,
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<b>Evil</b>" not in page
    article_page = pages[0]
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in article_page
    assert 'href="javascript:' not in article_page and "javascript:alert(3)" in article_page
    assert "Subscribe now" in article_page  # removed boilerplate shown apart, as text
    assert HOSTILE_TITLE not in article_page


def test_every_page_forbids_scripts_and_framing(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert "<script" not in client.get("/").text


def test_requests_for_other_hosts_are_refused(web_db: Path) -> None:
    client = TestClient(create_app(web_db), base_url="http://attacker.example")
    assert client.get("/").status_code == 400
    assert TestClient(create_app(web_db), base_url="http://localhost:8001").get("/").is_success


def test_merge_needs_the_csrf_token_and_the_same_origin(client: TestClient, web_db: Path) -> None:
    story_id = _largest(web_db)
    others = [s["id"] for s in client.get("/stories.json").json()["stories"] if s["id"] != story_id]
    url = f"/stories/{story_id}/merge"
    assert client.post(url, data={"other": others[0]}).status_code == 403
    assert client.post(url, data={"other": others[0], "csrf": "guess"}).status_code == 403
    token = _csrf(client.get(f"/stories/{story_id}").text)
    foreign = client.post(
        url, data={"other": others[0], "csrf": token}, headers={"origin": "http://evil.example"}
    )
    assert foreign.status_code == 403
    assert client.get("/stories.json").json()["total"] == len(others) + 1  # nothing changed


def test_merge_persists_and_redirects_to_the_merged_story(client: TestClient, web_db: Path) -> None:
    before = client.get("/stories.json").json()
    story_id = _largest(web_db)
    other = next(s for s in before["stories"] if s["id"] != story_id)
    token = _csrf(client.get(f"/stories/{story_id}").text)
    response = client.post(
        f"/stories/{story_id}/merge",
        data={"other_id": other["id"], "csrf": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    merged = client.get(response.headers["location"])
    assert "Stories merged." in merged.text
    assert other["label"] in merged.text or all(o in merged.text for o in other["outlets"])
    fresh = TestClient(create_app(web_db), base_url=BASE)  # a new process reading the file
    assert fresh.get("/stories.json").json()["total"] == before["total"] - 1
    # The merge saved the merged story's comparison, so its page opens without comparing.
    with SQLiteStore(web_db) as store:
        assert saved_comparison(store, response.headers["location"].split("/")[-1].split("?")[0])


def test_move_puts_the_article_in_the_chosen_story(client: TestClient, web_db: Path) -> None:
    stories = client.get("/stories.json").json()["stories"]
    source, target = stories[0], stories[1]
    article = source["article_ids"][-1]
    token = _csrf(client.get(f"/stories/{source['id']}").text)
    response = client.post(
        f"/stories/{source['id']}/move",
        data={"article": article, "target": target["id"], "csrf": token},
    )
    assert response.status_code == 200 and "Article moved." in response.text
    assert client.get(f"/articles/{article}.json").json()["story"] != source["id"]
    with SQLiteStore(web_db) as store:
        assert article in store.get_story(store.story_of(article) or "").article_ids


def test_merging_a_story_with_itself_is_refused_with_a_message(
    client: TestClient, web_db: Path
) -> None:
    story_id = _largest(web_db)
    token = _csrf(client.get(f"/stories/{story_id}").text)
    response = client.post(f"/stories/{story_id}/merge", data={"other_id": story_id, "csrf": token})
    assert response.status_code == 400 and "with itself" in response.text


def test_pages_use_a_read_only_connection(web_db: Path) -> None:
    with SQLiteStore.read_only(web_db) as store, pytest.raises(Exception, match="readonly"):
        store.add_articles([hostile_article().__class__.create(title="x", paragraphs=["y z"])])


def test_people_json_is_the_store_s_people(client: TestClient, web_db: Path) -> None:
    with SQLiteStore(web_db) as store:
        expected = to_dict(store.people(label="PERSON", limit=200))
    assert client.get("/people.json").json() == expected
    assert client.get("/people.json?label=ALL&name=kessel").status_code == 200
