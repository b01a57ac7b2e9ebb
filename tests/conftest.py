"""Shared fixtures: one spaCy pipeline and one Extractor for the whole session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from peacefacts.nlp.model import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from peacefacts.extractor import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def seed_results(extractor):
    """Extraction results of the five seed articles, keyed by file name."""
    from peacefacts.ingest import read_inputs

    return {Path(r.document.id).name: r for r in extractor.extract_many(read_inputs([str(SEEDS)]))}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- analysts' and services' outputs (frames, display, plot, known figures, schema, docs) -------


@pytest.fixture(scope="session")
def seed_reconciliation(seed_results):
    """The seeds' extraction results, reconciled (latest policy)."""
    from peacefacts.reconciler import reconcile

    return reconcile(list(seed_results.values()))


@pytest.fixture()
def shared_model(monkeypatch, nlp):
    """Every Extractor built during the test (CLI, docs, the default one) uses the session pipeline."""
    import peacefacts.extractor  # noqa: F401 - imported before the patch, or it would import the patched name
    import peacefacts.nlp.model as model

    monkeypatch.setattr(model, "load_pipeline", lambda spec=None: nlp)
    monkeypatch.setattr("peacefacts.extractor.load_pipeline", lambda spec=None: nlp)
    monkeypatch.setattr("peacefacts.extractor._default", None)
    return nlp
