#!/usr/bin/env python3
"""Where extraction spends its time: CPU seconds by stage of one cold run over a corpus.

Usage:
    python benchmarks/stages.py [CORPUS] [--repeats 3] [--warm CORPUS[,CORPUS...]]

CORPUS is anything ``peacefacts extract`` reads (default: the seed articles in fixtures/). Each
run is a fresh process that loads the pipeline, extracts the first document (start-up and
first-call costs, as ``scale.py`` does), then extracts every document of CORPUS once with
``Extractor.extract_many`` while the stages are timed; the median of ``--repeats`` runs is
printed, stage by stage (a stage's time excludes the stages it calls). With ``--warm``, each run
first extracts other pages (untimed, sharing no sentence with CORPUS), as a long run would have
done: the memos of words, names, dates and cue-pattern sets are warm, and what is left is the
per-page cost of a long run.

* planning: the model-free pass (``plan_document``: sentences, figures, dates, missions, tables);
* parse of candidate sentences: tokenizer, tok2vec, tagger and parser on the sentences the
  planner chose; token attributes: the memoised attribute ruler and lemmatizer on them;
* fact rules: ``facts_from_sentence`` and ``facts_from_table_row``;
* which sentences need NER: the people prefilter and title layer; NER: the model on those;
* people, fingerprint: the people layer and the document fingerprint; serialise: the JSON check.

The stages are timed by wrapping the functions in this process only; the wrappers cost a few
percent. CPU time (``time.process_time``) is what is summed: on a shared machine it moves far
less than wall-clock time.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

STAGES = (
    "planning",
    "parse of candidate sentences",
    "token attributes",
    "fact rules",
    "which sentences need NER",
    "NER",
    "people, fingerprint",
    "serialise",
    "the rest",
)


class _Clock:
    """Exclusive CPU time per stage: a stage's time excludes the stages it calls."""

    def __init__(self) -> None:
        self.seconds: collections.Counter[str] = collections.Counter()
        self._stack: list[str] = []

    def _enter(self, name: str) -> float:
        self._stack.append(name)
        return time.process_time()

    def _leave(self, started: float) -> None:
        spent = time.process_time() - started
        name = self._stack.pop()
        self.seconds[name] += spent
        if self._stack:
            self.seconds[self._stack[-1]] -= spent

    def call(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = self._enter(name)
            try:
                return function(*args, **kwargs)
            finally:
                self._leave(started)

        return timed

    def generator(self, name: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = function(*args, **kwargs)
            while True:
                started = self._enter(name)
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self._leave(started)
                yield item

        return timed


def child(corpus: str, warm: str = "") -> dict[str, float]:
    import peacefacts.extractor as extractor_module
    import peacefacts.nlp.model as model_module
    import peacefacts.nlp.parsing as parsing_module
    import peacefacts.nlp.people as people_package
    import peacefacts.nlp.people.document as people_document
    from peacefacts.ingest import read_inputs
    from peacefacts.records import Document

    clock = _Clock()
    ex = extractor_module
    ex.plan_document = clock.call("planning", ex.plan_document)  # type: ignore[assignment]
    ex.facts_from_sentence = clock.call("fact rules", ex.facts_from_sentence)  # type: ignore[assignment]
    ex.facts_from_table_row = clock.call("fact rules", ex.facts_from_table_row)  # type: ignore[assignment]
    ex.Extractor._people = clock.call("people, fingerprint", ex.Extractor._people)  # type: ignore[method-assign]
    ex._with_fingerprint = clock.call("people, fingerprint", ex._with_fingerprint)  # type: ignore[assignment]
    ex._check_serialisable = clock.call("serialise", ex._check_serialisable)  # type: ignore[assignment]
    people_document.person_sentences = clock.call("which sentences need NER", people_document.person_sentences)  # type: ignore[assignment]
    people_package.person_sentences = people_document.person_sentences  # type: ignore[attr-defined]
    model_module.TokenAttributes.apply = clock.call("token attributes", model_module.TokenAttributes.apply)  # type: ignore[method-assign]
    parse = parsing_module._parse
    facts_parse = clock.generator("parse of candidate sentences", parse)
    ner_parse = clock.generator("NER", parse)

    def route(nlp: Any, texts: Any, disable: Any, finish: Any, batch_size: int) -> Iterator[Any]:
        # NER runs with the tagger disabled; the fact parse keeps it
        return (ner_parse if "tagger" in disable else facts_parse)(nlp, texts, disable, finish, batch_size)

    parsing_module._parse = route  # type: ignore[assignment]

    def documents() -> list[Document]:
        return [d for d in read_inputs([corpus]) if isinstance(d, Document)]

    extractor = ex.Extractor()
    list(extractor.extract_many(documents()[:1]))  # start-up and first-call caches
    for other in filter(None, warm.split(",")):
        for _ in extractor.extract_many([d for d in read_inputs([other]) if isinstance(d, Document)]):
            pass
    fresh = documents()
    clock.seconds.clear()
    started = time.process_time()
    run = clock.call("the rest", lambda: sum(len(getattr(r, "facts", ())) for r in extractor.extract_many(fresh)))
    facts = run()
    out = {name: clock.seconds.get(name, 0.0) for name in STAGES}
    out["total"] = time.process_time() - started
    out["facts"] = facts
    out["chars"] = sum(len(d.text) for d in fresh)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "fixtures" / "seeds"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--warm", default="", help="corpora each run extracts, untimed, before CORPUS")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.corpus, args.warm)))
        return 0
    load = os.getloadavg()[0]
    runs = []
    for _ in range(args.repeats):
        cmd = [sys.executable, __file__, args.corpus, "--child", "--warm", args.warm]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    warmed = f"; warmed on {args.warm}" if args.warm else ""
    print(f"stages ({args.corpus}, {runs[0]['chars']:,} chars, {runs[0]['facts']} facts{warmed}; CPU seconds, median of "
          f"{args.repeats}; load {load:.1f} at start, {os.getloadavg()[0]:.1f} at the end)")
    for name in (*STAGES, "total"):
        values = [r[name] for r in runs]
        print(f"  {name:<30} {statistics.median(values):6.3f}   (runs: {', '.join(f'{v:.3f}' for v in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
