"""Shared fixtures: one spaCy pipeline and one Extractor for the whole session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The fuzz suite (tests/test_fuzz_*.py) runs hypothesis' default hundred examples per test in CI;
# `pytest --hypothesis-profile=deep` runs 10,000 per test (docs/testing.md).
settings.register_profile(
    "deep",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

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


_VALIDATORS: dict = {}


def schema_validators() -> dict:
    """JSON Schema validators of docs/schema, by record type (``fact``, ``record``, ...)."""
    if not _VALIDATORS:
        import jsonschema
        import referencing

        schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs" / "schema").glob("*.schema.json"))]
        registry = referencing.Registry().with_resources(
            [(s["$id"], referencing.Resource.from_contents(s)) for s in schemas]
        )
        _VALIDATORS.update(
            {s["$id"].rsplit(":", 1)[1]: jsonschema.Draft202012Validator(s, registry=registry) for s in schemas}
        )
    return _VALIDATORS


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

    def load(spec=None):  # a Language passed in is used as it is, as load_pipeline does
        return spec if spec is not None and not isinstance(spec, str) else nlp

    monkeypatch.setattr(model, "load_pipeline", load)
    monkeypatch.setattr("peacefacts.extractor.load_pipeline", load)
    monkeypatch.setattr("peacefacts.extractor._default", None)
    return nlp
