#!/usr/bin/env python3
"""Size of the bundled official tables, the time to load them, and the time to verify.

Usage:
    python benchmarks/official_load.py [--repeat 7] [--facts FACTS.jsonl]

Printed:
* size: bytes of each bundled file and the total (the target is at most 2 MB);
* load: wall time of ``load_official()`` in a fresh process (no cache), median of ``--repeat``
  runs, next to the time of ``import peacefacts`` in the same processes, so the figure can be
  read as a ratio on a noisy, shared machine (the target is under 0.5 s);
* verify: with ``--facts`` (an extract JSONL), facts checked per second, median of the runs.

Each load runs in its own process: the tables are cached once loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from importlib import resources

_CHILD = r"""
import json, time
t0 = time.perf_counter()
import peacefacts
t1 = time.perf_counter()
from peacefacts.official import load_official
t2 = time.perf_counter()
tables = load_official()
t3 = time.perf_counter()
print(json.dumps({"import_peacefacts": t1 - t0, "import_official": t2 - t1, "load": t3 - t2,
                  "rows": len(tables.fatalities.rows)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--facts", default=None, help="an extract JSONL file to time verify() on")
    args = parser.parse_args()

    data = resources.files("peacefacts.official").joinpath("data")
    sizes = {p.name: len(p.read_bytes()) for p in sorted(data.iterdir(), key=lambda p: p.name) if p.is_file()}
    for name, size in sizes.items():
        print(f"size  {name:<28} {size:>9,} bytes")
    print(f"size  {'total':<28} {sum(sizes.values()):>9,} bytes ({sum(sizes.values()) / 1e6:.3f} MB; target <= 2 MB)")

    runs = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out))
    load = statistics.median(r["load"] for r in runs)
    imp = statistics.median(r["import_peacefacts"] + r["import_official"] for r in runs)
    print(f"load  load_official() in a fresh process: median {load * 1000:.0f} ms over {args.repeat} runs "
          f"(min {min(r['load'] for r in runs) * 1000:.0f}, max {max(r['load'] for r in runs) * 1000:.0f}); "
          f"target < 500 ms")
    print(f"load  importing peacefacts + peacefacts.official: median {imp * 1000:.0f} ms; "
          f"load / import = {load / imp:.2f}")

    if args.facts:
        import time

        from peacefacts.io.jsonl import read_records
        from peacefacts.official import load_official, verify

        records = read_records(args.facts)
        load_official()
        n_facts = sum(1 for r in records if type(r).__name__ == "Fact")
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            verify(records)
            times.append(time.perf_counter() - start)
        t = statistics.median(times)
        print(f"verify {n_facts} facts: median {t * 1000:.0f} ms ({n_facts / t:,.0f} facts/s)")


if __name__ == "__main__":
    main()
