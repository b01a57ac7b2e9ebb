"""peacefacts: dated, sourced, comparable UN peacekeeping figures from news text.

The public API::

    import peacefacts
    result = peacefacts.extract(text, published="2024-06-08")    # one text
    extractor = peacefacts.Extractor()                            # load once, share
    for r in extractor.extract_many(peacefacts.read_inputs(["corpus.jsonl"])): ...
    rec = peacefacts.reconcile(results)                            # where sources disagree
    report = peacefacts.verify(results)                            # against the UN's own tables

Heavy modules (spaCy, dateparser) load on first use, so ``import peacefacts`` stays cheap.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Callable

from peacefacts import records as _records
from peacefacts.errors import (
    InputError,
    JSONLError,
    MissingDependencyError,
    ModelNotFoundError,
    OutputError,
    PeacefactsError,
    SchemaError,
)
from peacefacts.records import (
    AsOfSource,
    Block,
    Category,
    Document,
    ErrorRecord,
    ExtractionResult,
    Fact,
    Figure,
    Metric,
    PartialDate,
    Person,
    PublishedSource,
    Qualifier,
    WarningRecord,
)

__version__ = "0.1.0"

# name → module that defines it; imported on first attribute access
_LAZY = {
    "Extractor": "peacefacts.extractor",
    "extract": "peacefacts.extractor",
    "extract_dicts": "peacefacts.extractor",
    "read_inputs": "peacefacts.ingest",
    "document_from_text": "peacefacts.ingest",
    "document_from_html": "peacefacts.ingest",
    "reconcile": "peacefacts.reconciler",
    "verify": "peacefacts.official",
    "Reconciliation": "peacefacts.reconciler",
    "build_people_index": "peacefacts.people_index",
    "to_record": "peacefacts.io.convert",
    "from_record": "peacefacts.io.convert",
    "read_records": "peacefacts.io.jsonl",
    "write_jsonl": "peacefacts.io.jsonl",
}

__all__ = [
    "AsOfSource", "Block", "Category", "Document", "ErrorRecord", "ExtractionResult", "Extractor", "Fact",
    "Figure", "InputError", "JSONLError", "Metric", "MissingDependencyError", "ModelNotFoundError", "PartialDate", "PeacefactsError",
    "OutputError", "Person", "PublishedSource", "Qualifier", "Reconciliation", "SchemaError", "WarningRecord",
    "__version__",
    "build_people_index", "document_from_html", "document_from_text", "extract", "extract_dicts",
    "from_record", "read_inputs", "read_records", "reconcile", "to_record", "verify", "write_jsonl",
]

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.extractor import Extractor, extract, extract_dicts
    from peacefacts.ingest import document_from_html, document_from_text, read_inputs
    from peacefacts.io.convert import from_record, to_record
    from peacefacts.io.jsonl import read_records, write_jsonl
    from peacefacts.official import verify
    from peacefacts.people_index import build_people_index
    from peacefacts.reconciler import Reconciliation, reconcile


def _display_renderer(name: str) -> Callable[[Any], str]:
    def render(obj: Any) -> str:
        renderer: Callable[[Any], str] = getattr(importlib.import_module("peacefacts.display"), name)
        return renderer(obj)

    return render


# Notebook HTML for results and reconciliations: the records layer holds the hook, the output
# layer the renderers; the package face joins them (display loads on first use).
_records.HTML_RENDERERS.setdefault("result", _display_renderer("result_html"))
_records.HTML_RENDERERS.setdefault("reconciliation", _display_renderer("reconciliation_html"))


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'peacefacts' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
