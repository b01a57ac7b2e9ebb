"""The planner's cheap pre-checks only skip date scans that could find nothing it keeps: with every
pre-check switched off (its regex made to let everything through), the plans are the same."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import FIXTURES, SEEDS
from peacefacts.ingest import document_from_text, read_inputs
from peacefacts.nlp import page_dates, plan, story_days
from peacefacts.records import Document


class _LetsAllThrough:
    """A stand-in for a pre-check regex: ``search`` always finds something, ``match`` is the
    real pattern's (page_dates uses the same regex for the pre-check and for the real test)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern

    def search(self, *args: Any) -> re.Match[str] | None:
        return re.match("", "")

    def match(self, *args: Any) -> re.Match[str] | None:
        return self._pattern.match(*args)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    docs = [d for d in read_inputs([str(SEEDS)]) if isinstance(d, Document)]
    for table in sorted((FIXTURES / "patterns").glob("*.jsonl")):
        for n, line in enumerate(table.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line) if line.strip() else {}
            if "text" in row:
                docs.append(document_from_text(row["text"], doc_id=f"{table.stem}-{n}", published=row.get("published")))
    return docs


def test_plans_are_the_same_without_the_prechecks(documents, monkeypatch):
    with_checks = [plan.plan_document(d) for d in documents]
    monkeypatch.setattr(plan, "_MAY_REFER", _LetsAllThrough(plan._MAY_REFER))
    monkeypatch.setattr(story_days, "_MAY_NAME_WEEKDAY", _LetsAllThrough(story_days._MAY_NAME_WEEKDAY))
    monkeypatch.setattr(page_dates, "_DATA_AS_OF", _LetsAllThrough(page_dates._DATA_AS_OF))
    monkeypatch.setattr(plan, "_DATA_AS_OF", _LetsAllThrough(plan._DATA_AS_OF))
    without = [plan.plan_document(d) for d in documents]
    assert without == with_checks
    # the texts exercise what the checks guard: statement days, lead references, stale page dates
    assert sum(p.statement_day is not None for plans in with_checks for p in plans) >= 3
    assert sum(bool(p.candidates) and p.candidates[0].reference is not None for plans in with_checks for p in plans) >= 10
    assert len(documents) > 900
