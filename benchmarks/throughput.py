#!/usr/bin/env python3
"""Extraction throughput against the naive approach, and peak memory.

Usage:
    python benchmarks/throughput.py CORPUS [--repeat 3] [--naive-docs N] [--docs 1000] [--n-process 1]

CORPUS is anything ``peacefacts extract`` reads (a directory, text/HTML files, a JSONL corpus).

What it measures, each in a fresh process so model caches and peak memory do not mix:

* **tiered**: ``Extractor.extract_many`` (plan, parse of the candidate sentences, fact rules,
  people, fingerprints) on the corpus's documents, each once;
* **naive**: the full en_core_web_sm pipeline + quantulum3 + ``dateparser.search_dates`` over
  every whole document, on the same documents;
* both after the same warm-up (the first document: model loading and first-call costs are
  start-up, not throughput), ``--repeat`` times, interleaved (tiered, naive, tiered, ...), so a
  burst of load on the shared machine hits both; the speed-up quoted is the median of the
  per-round ratios, in wall-clock time and in CPU time of the process (CPU time hardly moves
  when other processes share the cores, so it is the figure to compare across runs);
* **memory**: peak RSS of a fresh process extracting ``--docs`` documents (the corpus cycled
  with fresh ids; cycling is fine for memory, not for speed: repeated pages hit warm caches).

It also prints the machine's load average, and how much of the corpus the tiered pipeline
parses (candidate sentences) and runs NER on (person sentences): the speed-up is bounded by
that share.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def _load(corpus: str, n: int | None):
    import attrs

    from peacefacts.ingest import read_inputs
    from peacefacts.records import Document

    base = [d for d in read_inputs([corpus]) if isinstance(d, Document)]
    if not base:
        raise SystemExit(f"no readable documents in {corpus}")
    if n is None:
        return base
    docs = []
    i = 0
    while len(docs) < n:
        d = base[i % len(base)]
        docs.append(attrs.evolve(d, id=f"{d.id}#{i}"))
        i += 1
    return docs


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _tiered(docs: list, n_process: int, shares: bool) -> dict:
    from peacefacts.extractor import Extractor

    extractor = Extractor()
    list(extractor.extract_many(docs[:1]))  # warm-up: model load and first-call costs, as for naive
    wall0, cpu0 = _clocks()
    n_facts = n_people = 0
    for result in extractor.extract_many(docs, n_process=n_process):
        n_facts += len(getattr(result, "facts", ()))
        n_people += len(getattr(result, "people", ()))
    wall1, cpu1 = _clocks()
    out = {"wall": wall1 - wall0, "cpu": cpu1 - cpu0, "facts": n_facts, "people": n_people}
    if shares:  # outside the timing
        from peacefacts.nlp.people import person_sentences
        from peacefacts.nlp.plan import plan_document

        out["parsed_chars"] = sum(
            c.sentence.end - c.sentence.start for d in docs for p in plan_document(d) for c in p.candidates
        )
        out["ner_chars"] = sum(e - s for d in docs for s, e, _ in person_sentences(d))
    return out


def _naive(docs: list) -> dict:
    from naive import naive_pipeline

    read = naive_pipeline(docs[0].text)
    wall0, cpu0 = _clocks()
    for d in docs:
        read(d.text)
    wall1, cpu1 = _clocks()
    return {"wall": wall1 - wall0, "cpu": cpu1 - cpu0}


def _child(mode: str, args: argparse.Namespace, docs: int | None, shares: bool = False) -> dict:
    cmd = [sys.executable, __file__, args.corpus, "--child", mode, "--n-process", str(args.n_process),
           "--child-docs", str(docs or 0)]
    if shares:
        cmd += ["--shares"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of (tiered, naive); the median is quoted")
    ap.add_argument("--naive-docs", type=int, default=None,
                    help="documents for the speed comparison (default: every document of the corpus, once)")
    ap.add_argument("--docs", type=int, default=1000, help="documents for the memory run (0: skip it)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--child", choices=["tiered", "naive"], help=argparse.SUPPRESS)
    ap.add_argument("--child-docs", type=int, default=0, help=argparse.SUPPRESS)  # 0: the corpus once
    ap.add_argument("--shares", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        docs = _load(args.corpus, args.child_docs or None)
        result = _tiered(docs, args.n_process, args.shares) if args.child == "tiered" else _naive(docs)
        result["docs"] = len(docs)
        result["chars"] = sum(len(d.text) for d in docs)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(json.dumps(result))
        return 0

    unique = len(_load(args.corpus, None))
    n = args.naive_docs
    print(f"corpus: {args.corpus} ({unique} documents)")
    if n is not None and n > unique:
        print(f"  note: {n} documents from {unique}: pages repeat, so caches are warm and the tiered "
              "figure is flattered; leave --naive-docs out to read each page once")
    print(f"load average before: {_load_average()} (1, 5, 15 min; the machine has {os.cpu_count()} cores)")
    rounds = []
    for r in range(args.repeat):
        tiered = _child("tiered", args, n, shares=(r == 0))
        naive = _child("naive", args, n)
        rounds.append((tiered, naive))
        print(
            f"round {r + 1}: tiered {tiered['wall']:.2f} s wall / {tiered['cpu']:.2f} s CPU, "
            f"naive {naive['wall']:.2f} s / {naive['cpu']:.2f} s -> "
            f"{naive['wall'] / tiered['wall']:.1f}x wall, {naive['cpu'] / tiered['cpu']:.1f}x CPU"
        )
    tiered0 = rounds[0][0]
    chars, docs = tiered0["chars"], tiered0["docs"]

    def median(key: str, side: int) -> float:
        return statistics.median(r[side][key] for r in rounds)

    print(f"load average after: {_load_average()}")
    print(f"documents: {docs}, {chars:,} chars; tiered parses {tiered0['parsed_chars']:,} chars of candidate "
          f"sentences ({tiered0['parsed_chars'] / chars:.0%}) and runs NER on {tiered0['ner_chars']:,} "
          f"({tiered0['ner_chars'] / chars:.0%}); {tiered0['facts']} facts, {tiered0['people']} people")
    for label, side in (("tiered (Extractor.extract_many, n_process=%d)" % args.n_process, 0),
                        ("naive  (full sm pipeline + quantulum3 + search_dates per document)", 1)):
        wall, cpu = median("wall", side), median("cpu", side)
        print(f"{label}: median {chars / wall:,.0f} chars/s wall ({docs / wall:,.1f} docs/s), "
              f"{chars / cpu:,.0f} chars/s CPU")
    wall_ratio = statistics.median(n["wall"] / t["wall"] for t, n in rounds)
    cpu_ratio = statistics.median(n["cpu"] / t["cpu"] for t, n in rounds)
    print(f"speed-up, median of {args.repeat} rounds: {wall_ratio:.1f}x wall-clock, {cpu_ratio:.1f}x CPU time")
    if args.docs:
        memory = _child("tiered", args, args.docs)
        print(f"memory run: {memory['docs']} docs in {memory['wall']:.1f} s "
              f"({memory['chars'] / memory['wall']:,.0f} chars/s, pages repeat); "
              f"peak RSS {memory['peak_rss_mb']:.0f} MB (target < 600 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
