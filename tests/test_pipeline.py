"""The runner: ingest -> analyse -> stories, resumable; one bad article does not stop the rest."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

import newsprism.analyze as analyze_module
from newsprism.config import Settings
from newsprism.pipeline import analyze_stored, ingest
from newsprism.store.sqlite import SQLiteStore


def test_ingest_analyses_and_clusters_the_bundled_samples(store: SQLiteStore) -> None:
    report = ingest([str(SAMPLES)], store, Settings())
    assert len(report.new) == 18 and not report.skipped
    assert report.analyzed == 18 and store.unanalyzed_ids() == []
    assert store.unclustered_ids() == []
    again = ingest([str(SAMPLES)], store, Settings())
    assert not again.new and len(again.duplicate) == 18 and again.analyzed == 0


def test_a_failing_rule_layer_costs_one_article_not_the_run(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: an exception in one article's analysis ended the whole analysis run."""
    ingest([str(SAMPLES)], store, Settings(), analyze=False, cluster=False)
    real = analyze_module.extract_figures
    victim = store.unanalyzed_ids()[3]
    victim_body = store.get_article(victim).body

    def fails_on_one(doc, entities, names=None):  # type: ignore[no-untyped-def]
        if doc.text == victim_body:
            raise ValueError("rule layer bug")
        return real(doc, entities, names)

    monkeypatch.setattr(analyze_module, "extract_figures", fails_on_one)
    failed: list = []
    done = analyze_stored(store, Settings(), failed=failed)
    assert done == 17 and len(failed) == 1
    assert all("analysis failed" in item.reason for item in failed)
    assert victim in store.unanalyzed_ids()  # retried by the next run
