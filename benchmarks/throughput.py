#!/usr/bin/env python3
"""Throughput and memory of ``Extractor.extract_many`` against the naive approach.

Usage:
    python benchmarks/throughput.py CORPUS [--docs 1000] [--naive-docs 100] [--n-process 1]

CORPUS is anything ``peacefacts extract`` reads (a directory, text/HTML files, a JSONL corpus).
Its documents are cycled (with fresh ids) to make the sample sizes.

Printed:
* tiered: ``Extractor.extract_many`` docs/s and chars/s on the first ``--naive-docs`` documents;
* naive: the full en_core_web_sm pipeline + quantulum3 + ``dateparser.search_dates`` over every
  whole document, on the same documents, and the speed ratio;
* memory: peak RSS of a fresh process extracting ``--docs`` documents with ``extract_many``.

Each measurement runs in its own process so model caches and peak memory do not mix.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time


def _load(corpus: str, n: int):
    import attrs

    from peacefacts.ingest import read_inputs
    from peacefacts.records import Document

    base = [d for d in read_inputs([corpus]) if isinstance(d, Document)]
    if not base:
        raise SystemExit(f"no readable documents in {corpus}")
    docs = []
    i = 0
    while len(docs) < n:
        d = base[i % len(base)]
        docs.append(attrs.evolve(d, id=f"{d.id}#{i}"))
        i += 1
    return docs


def _tiered(corpus: str, n: int, n_process: int) -> dict:
    from peacefacts.extractor import Extractor

    docs = _load(corpus, n)
    extractor = Extractor()
    list(extractor.extract_many(docs[:1]))  # warm-up: model load and first-call caches, as for naive
    chars = sum(len(d.text) for d in docs)
    t0 = time.perf_counter()
    n_facts = 0
    for result in extractor.extract_many(docs, n_process=n_process):
        n_facts += len(getattr(result, "facts", ()))
    elapsed = time.perf_counter() - t0
    return {"docs": len(docs), "chars": chars, "seconds": elapsed, "facts": n_facts}


def _naive(corpus: str, n: int) -> dict:
    import dateparser.search
    import spacy
    from quantulum3 import parser as qparser

    from peacefacts.nlp.model import DEFAULT_MODELS

    docs = _load(corpus, n)
    nlp = None
    for name in DEFAULT_MODELS:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    chars = sum(len(d.text) for d in docs)
    nlp(docs[0].text)  # warm-up, as for the tiered run
    qparser.parse(docs[0].text)
    dateparser.search.search_dates(docs[0].text, languages=["en"])
    t0 = time.perf_counter()
    for d in docs:
        nlp(d.text)
        qparser.parse(d.text)
        dateparser.search.search_dates(d.text, languages=["en"])
    elapsed = time.perf_counter() - t0
    return {"docs": len(docs), "chars": chars, "seconds": elapsed}


def _child(mode: str, corpus: str, n: int, n_process: int) -> dict:
    cmd = [sys.executable, __file__, corpus, "--child", mode, "--docs", str(n), "--n-process", str(n_process)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--docs", type=int, default=1000, help="documents for the memory run")
    ap.add_argument("--naive-docs", type=int, default=100, help="documents for the speed comparison")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--child", choices=["tiered", "naive"], help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        result = _tiered(args.corpus, args.docs, args.n_process) if args.child == "tiered" else _naive(args.corpus, args.docs)
        # ru_maxrss is in KiB on Linux
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0

    tiered = _child("tiered", args.corpus, args.naive_docs, args.n_process)
    naive = _child("naive", args.corpus, args.naive_docs, 1)
    memory = _child("tiered", args.corpus, args.docs, args.n_process)

    def rate(r: dict) -> tuple[float, float]:
        return r["docs"] / r["seconds"], r["chars"] / r["seconds"]

    t_docs, t_chars = rate(tiered)
    n_docs, n_chars = rate(naive)
    print(f"corpus: {args.corpus}")
    print(f"tiered (Extractor.extract_many, n_process={args.n_process}): {tiered['docs']} docs, "
          f"{t_docs:,.1f} docs/s, {t_chars:,.0f} chars/s, {tiered['facts']} facts")
    print(f"naive  (full sm pipeline + quantulum3 + search_dates per document): {naive['docs']} docs, "
          f"{n_docs:,.1f} docs/s, {n_chars:,.0f} chars/s")
    print(f"speed-up: {t_chars / n_chars:.1f}x")
    m_docs, m_chars = rate(memory)
    print(f"memory run: {memory['docs']} docs in {memory['seconds']:.1f} s ({m_docs:,.1f} docs/s, "
          f"{m_chars:,.0f} chars/s); peak RSS {memory['peak_rss_mb']:.0f} MB (target < 600 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
