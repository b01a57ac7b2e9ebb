#!/usr/bin/env python3
"""Time of the people layer per page: the shipped path against NER on every sentence.

Usage:
    python benchmarks/people.py CORPUS [--repeat 3]

CORPUS is anything ``peacefacts extract`` reads (e.g. ``../shared/dev/corpus.jsonl``). In one
process, with the model loaded and warmed once, each round times on every document:

* ``all sentences``: NER on every sentence of the peacekeeping blocks (batched, NER alone),
  then the rule layer (:func:`peacefacts.nlp.people.find_people` on those parses);
* ``candidates``: NER on every sentence that can name a person (a title word near a name-like
  word, or two name-like capitalised words), then the rules: the policy before the title layer
  was asked first;
* ``shipped``: what :class:`peacefacts.Extractor` does: NER only on the candidates the title
  layer cannot explain alone (:func:`~peacefacts.nlp.people.person_sentences`), then the rules.

Printed: milliseconds per page for each (median of the rounds, and each round), the share of
sentences and characters that reach NER, the ratios, and whether the people found agree (they
must, for the narrower paths to be free). The machine is shared and noisy: compare ratios
within one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import attrs

    from peacefacts.ingest import read_inputs
    from peacefacts.nlp.model import load_pipeline
    from peacefacts.nlp.people import find_people, ner_only_disable, person_sentences
    from peacefacts.nlp.people.prefilter import candidate_sentences, regions
    from peacefacts.nlp.segment import split_sentences
    from peacefacts.records import Document

    docs = [d for d in read_inputs([args.corpus]) if isinstance(d, Document)]
    if not docs:
        raise SystemExit(f"no readable documents in {args.corpus}")
    nlp = load_pipeline()
    disable = ner_only_disable(nlp)
    list(nlp.pipe([docs[0].text[:2000]], disable=disable))  # warm-up: first-call caches

    def timed(sentences: object, fresh: int) -> tuple[float, list[object], int, int]:
        # fresh ids each time: nothing a previous round read (or cached) is reused
        docs_now = [attrs.evolve(d, id=f"{d.id}#{fresh}") for d in docs]
        t0 = time.perf_counter()
        spans = [sentences(d) for d in docs_now]  # type: ignore[operator]
        texts = [d.text[s:e] for d, doc_spans in zip(docs_now, spans, strict=True) for s, e in doc_spans]
        parses = iter(nlp.pipe(texts, batch_size=256, disable=disable))
        parsed = [{span: next(parses) for span in doc_spans} for doc_spans in spans]
        people = [find_people(d, nlp, parsed=p) for d, p in zip(docs_now, parsed, strict=True)]
        found = [[attrs.evolve(p, doc="") for p in doc_people] for doc_people in people]
        return time.perf_counter() - t0, found, len(texts), sum(map(len, texts))

    paths = {
        "all sentences": lambda d: [(s, e) for rs, re_ in regions(d) for s, e in split_sentences(d.text, rs, re_)],
        "candidates": lambda d: [(s, e) for s, e, _ in candidate_sentences(d)],
        "shipped": lambda d: [(s, e) for s, e, _ in person_sentences(d)],
    }
    rounds: dict[str, list[float]] = {name: [] for name in paths}
    found: dict[str, list[object]] = {}
    reach: dict[str, tuple[int, int]] = {}
    fresh = 0
    for _ in range(args.repeat):
        for name, sentences in paths.items():
            fresh += 1
            seconds, people, n_sentences, n_chars = timed(sentences, fresh)
            rounds[name].append(1000 * seconds / len(docs))
            found[name] = people
            reach[name] = (n_sentences, n_chars)

    chars = sum(len(d.text) for d in docs)
    print(f"corpus: {args.corpus} ({len(docs)} pages, {chars:,} chars), {args.repeat} rounds")
    for name, times in rounds.items():
        n_sentences, n_chars = reach[name]
        print(f"{name:>13}: {statistics.median(times):6.1f} ms/page (rounds: "
              f"{', '.join(f'{t:.1f}' for t in times)}); NER on {n_sentences} sentences, "
              f"{n_chars:,} chars ({n_chars / chars:.0%} of the text)")
    for name in ("all sentences", "candidates"):
        ratio = statistics.median(a / b for a, b in zip(rounds[name], rounds["shipped"], strict=True))
        same = found[name] == found["shipped"]
        print(f"shipped vs {name}: {ratio:.2f}x faster (median of per-round ratios); same people: {same}")
    print(f"people found: {sum(len(p) for p in found['shipped'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
