"""Who each outlet relies on: attributions classified, the story's source x outlet table and the
outlets' profiles. Text written for these tests, and the two real sample articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES, require_shared

from newsprism.compare import Comparison, compare_stored_story
from newsprism.compare.sourcing import classify
from newsprism.config import Settings
from newsprism.pipeline import ingest
from newsprism.store.sqlite import SQLiteStore


@pytest.mark.parametrize(
    ("written", "name", "person", "kind", "source"),
    [
        (
            "Ukraine's Foreign Ministry",
            "Foreign Ministry",
            False,
            "government",
            "Ukraine foreign ministry",
        ),
        ("the Ukrainian foreign ministry", None, False, "government", "Ukraine foreign ministry"),
        (
            "a readout of the conversation released by Ukraine's Foreign Ministry",
            "a readout",
            False,
            "document",
            "Ukraine foreign ministry",
        ),
        ("state broadcaster CCTV", "CCTV", False, "outlet", "CCTV"),
        ("Reuters", "Reuters", False, "outlet", "Reuters"),
        ("the Associated Press", None, False, "outlet", "Associated Press"),
        ("two people familiar with the talks", None, False, "anonymous", "anonymous sources"),
        (
            "officials who spoke on condition of anonymity",
            None,
            False,
            "anonymous",
            "anonymous officials",
        ),
        ("The UN", "UN", False, "institution", "UN"),
        ("Harbour police", None, False, "government", "Harbour police"),
        ("Transit spokesman Ivo Grebe", "Ivo Grebe", True, "person", "Ivo Grebe"),
        ("Beijing", "Beijing", False, "government", "China government"),
    ],
)
def test_attributions_are_classified(
    written: str, name: str | None, person: bool, kind: str, source: str
) -> None:
    found = classify(written, name, person)
    assert found is not None
    assert (found.kind, found.name) == (kind, source)


def test_a_person_keeps_the_role_and_body_the_text_gives() -> None:
    found = classify("Orvann Lines spokeswoman Lene Dahl", "Lene Dahl", True)
    assert found is not None
    assert (found.role, found.body) == ("spokesperson", "Orvann Lines")


@pytest.mark.parametrize("written", ["he", "it", "Commercial banks", "two others"])
def test_what_names_no_source_is_no_source(written: str) -> None:
    assert classify(written, written, False, organisation=False) is None


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    db = tmp_path_factory.mktemp("real") / "real.db"
    with SQLiteStore(db) as store:
        ingest([str(require_shared("samples"))], store, Settings(db=str(db)))
        (story,) = [s for s in store.iter_stories() if s.size == 2]
        return compare_stored_story(store, story.id)


@pytest.mark.slow
def test_the_real_samples_sources(real: Comparison) -> None:
    newsweek, express = (real.outlets.index(o) for o in ("Newsweek", "unknown"))
    cited = {row.name: row for row in real.sources}
    for name in ("Ukraine foreign ministry", "China foreign ministry"):
        assert cited[name].counts[newsweek] and cited[name].counts[express], name
    assert cited["UN"].counts[newsweek]
    for name in ("Bloomberg", "CCTV"):
        assert cited[name].kind == "outlet"
        assert cited[name].counts[express] and not cited[name].counts[newsweek], name
    shared = {row.name for row in real.shared_sources}
    assert {"Ukraine foreign ministry", "China foreign ministry"} <= shared
    only = {row.name for row in real.single_outlet_sources}
    assert {"Bloomberg", "CCTV"} <= only
    # every citation shows the attribution as the article wrote it
    readout = [c.text for c in cited["Ukraine foreign ministry"].citations]
    assert any("readout of the conversation" in text for text in readout)


def test_sources_command_gives_each_outlets_profile(tmp_path: Path) -> None:
    body = (
        "Harbour police said the road would stay closed overnight. "
        "Two people familiar with the inquiry said the driver had been questioned. "
        "Reuters reported that the company had suspended its service."
    )
    source = tmp_path / "a.jsonl"
    source.write_text(
        json.dumps({"title": "Road closed", "text": body, "outlet": "Tidewater Gazette"}) + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "n.db")
    run = [sys.executable, "-m", "newsprism", "--db", db]
    assert subprocess.run([*run, "ingest", str(source)], capture_output=True).returncode == 0
    shown = subprocess.run([*run, "sources", "--json"], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    (profile,) = json.loads(shown.stdout)
    shares = dict(profile["shares"])
    assert profile["outlet"] == "Tidewater Gazette"
    assert shares["anonymous"] > 0 and shares["outlet"] > 0 and shares["government"] > 0
    csv_out = subprocess.run([*run, "sources", "--csv"], capture_output=True, text=True)
    assert csv_out.stdout.splitlines()[0].startswith("outlet,articles,attributions,person")


# samples/README.md, "Sources of the dam story": (outlet, source name, kind).
DAM_SOURCES = [
    ("Valley Observer", "Ilona Varga", "person"),
    ("Valley Observer", "Dario Kestel", "person"),
    ("Valley Observer", "Milos Hart", "person"),
    ("Coastline Wire", "Ilona Varga", "person"),
    ("Coastline Wire", "Dario Kestel", "person"),
    ("Coastline Wire", "Anton Greiss", "person"),
    ("Coastline Wire", "anonymous officials", "anonymous"),
    ("Northern Ledger", "Ilona Varga", "person"),
    ("Northern Ledger", "Dario Kestel", "person"),
    ("Northern Ledger", "Ines Falk", "person"),
    ("Meridian Daily Post", "Ilona Varga", "person"),
    ("Meridian Daily Post", "Dario Kestel", "person"),
    ("Meridian Daily Post", "Viktor Sandor", "person"),
    ("Meridian Daily Post", "anonymous officials", "anonymous"),
    ("Harbour Gazette", "Ilona Varga", "person"),
    ("Harbour Gazette", "anonymous officials", "anonymous"),
]


@pytest.fixture(scope="module")
def dam(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    db = tmp_path_factory.mktemp("dam") / "dam.db"
    settings = Settings(db=str(db), outlets_file=str(SAMPLES.parent / "demo" / "outlets.csv"))
    with SQLiteStore(db) as store:
        ingest([str(SAMPLES)], store, settings)
        for story in store.iter_stories():
            comparison = compare_stored_story(store, story.id)
            if "Coastline Wire" in comparison.outlets and any(
                "Lesk" in a.title for a in comparison.articles
            ):
                return comparison
    raise AssertionError("the dam story was not formed")


@pytest.mark.slow
@pytest.mark.parametrize(("outlet", "name", "kind"), DAM_SOURCES)
def test_the_dam_storys_sources(dam: Comparison, outlet: str, name: str, kind: str) -> None:
    rows = {row.name: row for row in dam.sources}
    assert name in rows, sorted(rows)
    assert rows[name].kind == kind
    assert rows[name].counts[dam.outlets.index(outlet)] > 0, (outlet, name)


@pytest.mark.slow
def test_the_dam_storys_sources_are_named_in_the_text(dam: Comparison) -> None:
    text = " ".join(" ".join(a.paragraphs) for a in dam.articles)
    for row in dam.sources:
        if row.kind in {"person", "organisation", "outlet"}:
            assert all(word in text for word in row.name.split()), row.name
    shared = {row.name for row in dam.shared_sources}
    assert shared == {"Ilona Varga"}


@pytest.mark.slow
def test_a_syndicated_copy_relies_on_the_outlet_it_copies(tmp_path: Path) -> None:
    db = tmp_path / "bank.db"
    settings = Settings(db=str(db), outlets_file=str(SAMPLES.parent / "demo" / "outlets.csv"))
    with SQLiteStore(db) as store:
        ingest([str(SAMPLES)], store, settings)
        (story,) = [s for s in store.iter_stories() if s.duplicates]
        comparison = compare_stored_story(store, story.id)
    rows = {row.name: row for row in comparison.sources}
    # samples/README.md: the Harbour Gazette ran Coastline Wire's rate-cut report (B4 of B3)
    assert rows["Coastline Wire"].copied_by == ("Harbour Gazette",)
    assert rows["Coastline Wire"].kind == "outlet"
