"""The Extractor API: single texts, streams, error records, worker processes."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from peacefacts.errors import InputError
from peacefacts.ingest import read_inputs
from peacefacts.records import Document, ErrorRecord, ExtractionResult


def test_extract_text_with_published_and_id(extractor):
    result = extractor.extract(
        "Last month, Nepal had 5,800 personnel serving in UN peacekeeping missions.",
        published="2024-06-08",
        doc_id="n1",
    )
    assert [(f.doc, f.subject, f.value, str(f.as_of)) for f in result.facts] == [("n1", "Nepal", 5800, "2024-05")]


def test_extract_empty_text_raises_input_error(extractor):
    with pytest.raises(InputError):
        extractor.extract("   ", doc_id="blank")


def test_extract_many_keeps_order_and_passes_errors_through(extractor):
    docs = [
        Document(id="a", text="UN peacekeeping: Ghana has 2,700 troops deployed in UN missions.", published="2020-01-01"),
        ErrorRecord(doc="broken", error="empty file"),
        "Kenya has 400 police officers serving with UN peacekeeping missions.",
    ]
    out = list(extractor.extract_many(docs, batch_size=2))
    assert [type(r).__name__ for r in out] == ["ExtractionResult", "ErrorRecord", "ExtractionResult"]
    assert [f.value for f in out[0].facts] == [2700]
    assert out[1].doc == "broken"
    assert [(f.subject, f.value) for f in out[2].facts] == [("Kenya", 400)]


def test_extract_many_names_plain_texts_by_stream_position(extractor):
    """Regression: ids counted within each batch, so three texts with batch_size=2 were text-0,
    text-1, text-0 and the reconciler merged the first and the third."""
    texts = [
        "Ghana has 2,700 troops deployed in UN peacekeeping missions.",
        "Kenya has 400 police officers serving with UN peacekeeping missions.",
        "Nepal has 5,800 peacekeepers serving in UN missions.",
        "   ",
    ]
    out = list(extractor.extract_many(texts, batch_size=2))
    assert [r.doc if isinstance(r, ErrorRecord) else r.doc_id for r in out] == ["text-0", "text-1", "text-2", "text-3"]
    assert [[(f.doc, f.subject) for f in r.facts] for r in out[:3]] == [
        [("text-0", "Ghana")], [("text-1", "Kenya")], [("text-2", "Nepal")],
    ]
    assert isinstance(out[3], ErrorRecord) and out[3].kind == "InputError"
    from peacefacts.reconciler import reconcile

    assert sorted(g.subject for g in reconcile(out[:3]).groups) == ["Ghana", "Kenya", "Nepal"]


def test_module_level_extract_matches_extractor(extractor):
    import peacefacts

    text = "Since 1990, China has dispatched more than 50,000 peacekeepers to UN missions."
    a = peacefacts.extract(text, published="2021-05-29", doc_id="c")
    b = extractor.extract(text, published="2021-05-29", doc_id="c")
    assert a.facts == b.facts
    assert [(f.metric.value, f.value, str(f.since)) for f in a.facts] == [("personnel_served_total", 50000, "1990")]


def test_two_processes_give_the_serial_results(extractor):
    serial = [r for r in extractor.extract_many(read_inputs([str(SEEDS)]))]
    from peacefacts.extractor import Extractor

    parallel = list(Extractor().extract_many(read_inputs([str(SEEDS)]), n_process=2, batch_size=2))
    assert all(isinstance(r, ExtractionResult) for r in parallel)
    assert [r.facts for r in parallel] == [r.facts for r in serial]
    assert [r.people for r in parallel] == [r.people for r in serial]


def test_worker_processes_read_the_stream_as_it_is_consumed(nlp):
    from peacefacts.extractor import Extractor

    base = [d for d in read_inputs([str(SEEDS)])]
    pulled = []

    def stream():
        for k in range(40):
            pulled.append(k)
            yield base[k % len(base)]

    # a loaded pipeline object is fine where workers are forked: they inherit it
    results = Extractor(nlp).extract_many(stream(), n_process=2, batch_size=2)
    first = next(results)
    assert first.document.id == base[0].id
    # two batches in flight per worker, and the one being filled: not the whole stream
    assert len(pulled) <= (2 * 2 + 1) * 2
    rest = list(results)
    assert len(rest) == 39 and len(pulled) == 40


def test_spawned_workers_get_the_extractors_settings(monkeypatch):
    import peacefacts.extractor as extractor_module
    from peacefacts.extractor import Extractor

    monkeypatch.setattr(extractor_module, "_can_fork", lambda: False)
    docs = [d for d in read_inputs([str(SEEDS)])][:2]
    serial = list(Extractor(people=False, disabled_rules={"death"}).extract_many(docs))
    spawned = list(Extractor(people=False, disabled_rules={"death"}).extract_many(docs, n_process=2, batch_size=1))
    assert [r.facts for r in spawned] == [r.facts for r in serial]
    assert [r.facts for r in spawned] != [r.facts for r in Extractor(people=False).extract_many(docs)]
    assert all(r.people == () for r in spawned)


def test_a_worker_that_cannot_start_stops_the_run_with_its_error(monkeypatch, nlp):
    import signal

    import peacefacts.extractor as extractor_module

    def broken() -> None:
        raise ImportError("threadpoolctl is not installed")

    monkeypatch.setattr(extractor_module, "_one_thread_per_worker", broken)
    signal.alarm(120)  # the old behaviour was a pool restarting dead workers for ever
    try:
        with pytest.raises(RuntimeError, match="could not start.*threadpoolctl"):
            list(
                extractor_module.Extractor(nlp, people=False).extract_many(
                    ["Nepal has 5,000 peacekeepers deployed."] * 4, n_process=2, batch_size=1
                )
            )
    finally:
        signal.alarm(0)
