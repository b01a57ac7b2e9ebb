#!/usr/bin/env python3
"""Scale benchmark (issue 10): extraction speed, worker processes, reconciliation, copies.

Usage:
    python benchmarks/scale.py [CORPUS] [--pages 1000] [--repeats 3]
        [--facts 10000,100000,1000000] [--group 100000] [--copies 5000,50000] [--only SECTIONS]
        [--baseline CHECKOUT] [--no-people] [--warm CORPUS[,CORPUS...]]

CORPUS is anything ``peacefacts extract`` reads (default: the seed articles in fixtures/).

Printed side by side, from one run:

* extract: chars/s of ``Extractor.extract_many`` (tiered) and of the naive pipeline (the full
  small model + quantulum3 + ``search_dates`` over every whole document) on CORPUS, and the ratio,
  in wall-clock and in CPU time; with ``--baseline CHECKOUT`` (another checkout of peacefacts, e.g.
  a ``git worktree`` of an older commit), its tiered pipeline too, alternated with the others in
  the same rounds, so a speed change is measured against its "before" under the same load; with
  ``--no-people``, the tiered pipelines run as ``Extractor(people=False)`` (no NER, no people:
  what the ratio is without that layer); with ``--warm``, every side first reads other pages (not
  timed, and sharing no sentence with CORPUS), so the run measures the per-page cost of a long
  run, whose memos of words, names and patterns are warm, instead of a cold start;
* processes: ``extract_many`` over ``--pages`` documents (CORPUS cycled, fresh ids) with
  ``n_process=1`` and ``n_process=2``, and the speed-up (the parse memo off: the cycled pages
  repeat every sentence);
* reconcile: ``peacefacts.reconcile`` time and peak memory on synthetic facts spread over subjects
  and metrics, and on one subject and metric (``--group`` observations), plus the streamed JSON;
* copies: ``find_copies`` (LSH) on synthetic documents with planted copies, against comparing
  every pair where that is affordable.

The machine is shared: every measurement runs in its own process, speed comparisons alternate
their two sides ``--repeats`` times and report the median ratio, and the load average is printed
next to each figure.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _load() -> float:
    return os.getloadavg()[0]


def _documents(corpus: str, n: int | None = None) -> list:
    import attrs

    from peacefacts.ingest import read_inputs
    from peacefacts.records import Document

    base = [d for d in read_inputs([corpus]) if isinstance(d, Document)]
    if n is None:
        return base
    return [attrs.evolve(base[i % len(base)], id=f"{base[i % len(base)].id}#{i}") for i in range(n)]


# -- children: each prints one JSON line --------------------------------------------------------


def _warm_documents(warm: str) -> list:
    return [d for corpus in warm.split(",") if corpus for d in _documents(corpus)]


def child_tiered(corpus: str, people: bool = True, warm: str = "") -> dict:
    from peacefacts.extractor import Extractor

    docs = _documents(corpus)
    extractor = Extractor(people=people)
    list(extractor.extract_many(docs[:1]))  # model load and first-call caches, as for naive
    for _ in extractor.extract_many(_warm_documents(warm)):
        pass
    fresh = _documents(corpus)  # new objects: no cache from the warm-up flatters the run
    t0, c0 = time.perf_counter(), time.process_time()
    facts = sum(len(getattr(r, "facts", ())) for r in extractor.extract_many(fresh))
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "chars": sum(len(d.text) for d in fresh),
        "facts": facts,
    }


def child_naive(corpus: str, warm: str = "") -> dict:
    from naive import naive_pipeline

    docs = _documents(corpus)
    read = naive_pipeline(docs[0].text)
    for d in _warm_documents(warm):
        read(d.text)
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        read(d.text)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "chars": sum(len(d.text) for d in docs)}


def child_processes(corpus: str, pages: int, n_process: int) -> dict:
    from peacefacts.extractor import Extractor

    docs = _documents(corpus, pages)
    # the pages are the corpus cycled: with the parse memo, all but the first copy of each
    # sentence would be reused, and this would measure the memo, not the workers
    extractor = Extractor(parse_memo=0)
    list(extractor.extract_many(docs[:2]))  # the model is loaded before the clock starts, both ways
    load = _load()
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    t0 = time.perf_counter()
    n = sum(1 for _ in extractor.extract_many(docs, n_process=n_process))
    seconds = time.perf_counter() - t0
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    # CPU seconds of this process and its (finished) workers: what the work cost, whatever the
    # other users of the machine left us
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
    return {"seconds": seconds, "cpu": cpu, "docs": n, "load": load}


def child_reconcile(n: int, one_group: bool, write_json: bool) -> dict:
    from synthetic import synthetic_facts

    from peacefacts.reconciler import reconcile

    facts = synthetic_facts(n, one_group=one_group)
    input_rss = _rss_mb()
    load = _load()
    t0 = time.perf_counter()
    rec = reconcile(facts)
    seconds = time.perf_counter() - t0
    peak = _rss_mb()
    out = {
        "seconds": seconds,
        "input_rss_mb": input_rss,
        "peak_rss_mb": peak,
        "groups": len(rec.groups),
        "pairs": sum(rec.verdict_counts().values()),
        "largest_group": max(len(g.observations) for g in rec.groups),
        "load": load,
    }
    if write_json:
        t0 = time.perf_counter()
        with open(os.devnull, "w", encoding="utf-8") as sink:
            rec.write_json(sink)
        out["json_seconds"] = time.perf_counter() - t0
        out["json_peak_rss_mb"] = _rss_mb()
    return out


def child_copies(n: int, exhaustive: bool) -> dict:
    from synthetic import synthetic_texts

    from peacefacts.ingest.fingerprint import fingerprint_text
    from peacefacts.reconciler.copies import find_copies

    t0 = time.perf_counter()
    texts, planted = synthetic_texts(n)
    fingerprints = {doc: fingerprint_text(text) for doc, text in texts}
    prepare = time.perf_counter() - t0
    load = _load()
    t0 = time.perf_counter()
    lsh = find_copies(fingerprints)
    seconds = time.perf_counter() - t0
    found = {frozenset((c.a, c.b)) for c in lsh}
    out = {
        "seconds": seconds,
        "prepare_seconds": prepare,
        "copies": len(lsh),
        "planted": len(planted),
        "planted_found": len(found & planted),
        "peak_rss_mb": _rss_mb(),
        "load": load,
    }
    if exhaustive:
        t0 = time.perf_counter()
        every = {frozenset((c.a, c.b)) for c in find_copies(fingerprints, exhaustive=True)}
        out["exhaustive_seconds"] = time.perf_counter() - t0
        out["recall_vs_exhaustive"] = len(found & every) / len(every) if every else 1.0
        out["extra_vs_exhaustive"] = len(found - every)
    return out


# -- the parent ----------------------------------------------------------------------------------


def run_child(*args: str, checkout: str | None = None) -> dict:
    """One measurement in a fresh process; ``checkout``: import peacefacts from there instead."""
    cmd = [sys.executable, __file__, "--child", *args]
    env = None
    if checkout is not None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(Path(checkout).resolve()), os.environ.get("PYTHONPATH")])))
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def section_extract(corpus: str, repeats: int, baseline: str | None = None, people: bool = True, warm: str = "") -> None:
    tiered_args = ("tiered", corpus, "1" if people else "0", warm)
    ratios, cpu_ratios, tiered_rates, naive_rates, loads = [], [], [], [], []
    tiered_cpu, naive_cpu = [], []
    base_ratios, base_cpu_ratios, base_cpu, base_facts = [], [], [], None
    for _ in range(repeats):
        loads.append(_load())
        tiered = run_child(*tiered_args)
        if baseline is not None:
            before = run_child(*tiered_args, checkout=baseline)
            base_ratios.append(before["seconds"] / tiered["seconds"])
            base_cpu_ratios.append(before["cpu"] / tiered["cpu"])
            base_cpu.append(before["cpu"])
            base_facts = before["facts"]
        naive = run_child("naive", corpus, warm)
        t_rate, n_rate = tiered["chars"] / tiered["seconds"], naive["chars"] / naive["seconds"]
        tiered_rates.append(t_rate)
        naive_rates.append(n_rate)
        ratios.append(t_rate / n_rate)
        cpu_ratios.append(naive["cpu"] / tiered["cpu"])
        tiered_cpu.append(tiered["cpu"])
        naive_cpu.append(naive["cpu"])
    print(f"extract ({corpus}, {tiered['chars']:,} chars, {tiered['facts']} facts{'' if people else '; no people'}{f'; warmed on {warm}' if warm else ''}; median of {repeats}, "
          f"load {min(loads):.1f}-{max(loads):.1f})")
    print(f"  tiered {statistics.median(tiered_rates):>10,.0f} chars/s | naive {statistics.median(naive_rates):>9,.0f} "
          f"chars/s | ratio {statistics.median(ratios):.1f}x (runs: {', '.join(f'{r:.1f}' for r in ratios)})")
    # on a shared machine the two sides, measured minutes apart, get different shares of a core:
    # their CPU time is the steadier comparison
    print(f"  CPU time: ratio {statistics.median(cpu_ratios):.1f}x (runs: {', '.join(f'{r:.1f}' for r in cpu_ratios)}); "
          f"tiered {statistics.median(tiered_cpu):.2f} s, naive {statistics.median(naive_cpu):.2f} s (medians)")
    if baseline is not None:
        print(f"  against {baseline} ({base_facts} facts): {statistics.median(base_ratios):.2f}x its chars/s "
              f"(runs: {', '.join(f'{r:.2f}' for r in base_ratios)}), CPU time {statistics.median(base_cpu_ratios):.2f}x less "
              f"(runs: {', '.join(f'{r:.2f}' for r in base_cpu_ratios)}; its CPU {statistics.median(base_cpu):.2f} s)")


def section_processes(corpus: str, pages: int, repeats: int) -> None:
    one, two, ratios = [], [], []
    for _ in range(repeats):
        a = run_child("processes", corpus, str(pages), "1")
        b = run_child("processes", corpus, str(pages), "2")
        one.append(a)
        two.append(b)
        ratios.append(a["seconds"] / b["seconds"])
    loads = ", ".join("{:.1f}/{:.1f}".format(x["load"], y["load"]) for x, y in zip(one, two, strict=True))
    print(f"processes ({pages} pages of {corpus}; {os.cpu_count()} cores; median of {repeats})")
    cpu_one = statistics.median(r["cpu"] for r in one)
    cpu_two = statistics.median(r["cpu"] for r in two)
    print(f"  -j 1 {statistics.median(r['seconds'] for r in one):6.1f} s | -j 2 "
          f"{statistics.median(r['seconds'] for r in two):6.1f} s | speed-up {statistics.median(ratios):.2f}x "
          f"(runs: {', '.join(f'{r:.2f}' for r in ratios)}; load at start -j1/-j2: {loads})")
    print(f"  CPU time: -j 1 {cpu_one:.1f} s, -j 2 {cpu_two:.1f} s in all processes "
          f"(the workers cost {cpu_two / cpu_one - 1:+.0%}; if -j 1 keeps one core busy, two free cores "
          f"would give {2 * cpu_one / cpu_two:.2f}x)")


def section_reconcile(sizes: list[int], group: int) -> None:
    print("reconcile (synthetic facts over subjects and metrics; one process each)")
    cases = [(n, False) for n in sizes] + ([(group, True)] if group else [])
    for n, one_group in cases:
        write = n <= 100_000
        r = run_child("reconcile", str(n), "1" if one_group else "0", "1" if write else "0")
        label = f"{n:>9,} facts" + (" in 1 group " if one_group else f" ({r['groups']:,} groups)")
        line = (f"  {label:<32} {r['seconds']:7.1f} s | peak RSS {r['peak_rss_mb']:6,.0f} MB "
                f"(facts alone {r['input_rss_mb']:5,.0f} MB) | {r['pairs']:>10,} pairs, largest group "
                f"{r['largest_group']:,} | load {r['load']:.1f}")
        if write:
            line += f" | JSON streamed {r['json_seconds']:.1f} s, peak {r['json_peak_rss_mb']:,.0f} MB"
        print(line)


def section_copies(sizes: list[int]) -> None:
    print("copies (synthetic news-like documents, about 10% planted copies; LSH bands + exact check)")
    for n in sizes:
        r = run_child("copies", str(n), "1" if n <= 5000 else "0")
        line = (f"  {n:>7,} documents {r['seconds']:6.1f} s | {r['copies']:,} copy pairs, planted found "
                f"{r['planted_found']}/{r['planted']} | peak RSS {r['peak_rss_mb']:,.0f} MB | load {r['load']:.1f}")
        if "exhaustive_seconds" in r:
            line += (f" | every pair {r['exhaustive_seconds']:.1f} s, LSH recall {r['recall_vs_exhaustive']:.4f}, "
                     f"extra {r['extra_vs_exhaustive']}")
        print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "fixtures" / "seeds"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--facts", default="10000,100000,1000000")
    ap.add_argument("--group", type=int, default=100_000)
    ap.add_argument("--copies", default="5000,50000")
    ap.add_argument("--only", default="extract,processes,reconcile,copies")
    ap.add_argument("--baseline", help="another checkout whose tiered pipeline is measured in the same rounds")
    ap.add_argument("--no-people", action="store_true", help="tiered pipelines without NER and people (Extractor(people=False))")
    ap.add_argument("--warm", default="", help="corpora every side reads before the timed run (a long run's warm memos)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        kind, *rest = args.child
        if kind == "tiered":
            result = child_tiered(rest[0], people=rest[1:2] != ["0"], warm=rest[2] if len(rest) > 2 else "")
        elif kind == "naive":
            result = child_naive(rest[0], warm=rest[1] if len(rest) > 1 else "")
        elif kind == "processes":
            result = child_processes(rest[0], int(rest[1]), int(rest[2]))
        elif kind == "reconcile":
            result = child_reconcile(int(rest[0]), rest[1] == "1", rest[2] == "1")
        else:
            result = child_copies(int(rest[0]), rest[1] == "1")
        print(json.dumps(result))
        return 0

    only = set(args.only.split(","))
    print(f"peacefacts scale benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    if "extract" in only:
        section_extract(args.corpus, args.repeats, args.baseline, people=not args.no_people, warm=args.warm)
    if "processes" in only:
        section_processes(args.corpus, args.pages, args.repeats)
    if "reconcile" in only:
        section_reconcile([int(x) for x in args.facts.split(",") if x], args.group)
    if "copies" in only:
        section_copies([int(x) for x in args.copies.split(",") if x])
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
