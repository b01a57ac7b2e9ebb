#!/usr/bin/env python3
"""Long pages against normal ones: chars/s, the ratio, peak memory; and hostile inputs.

Usage:
    python benchmarks/long_pages.py [CORPUS] [--one-line-mb 2] [--paragraphs-mb 20] [--repeat 3]

CORPUS is anything ``peacefacts extract`` reads (default: the bundled seed articles). From it:

* **one line**: each page's lines joined into one line (normal pages), and all of them repeated
  into one line of ``--one-line-mb`` MB (a page whose sentences nothing but punctuation splits);
* **paragraphs**: the pages as they are (normal pages), and all of them repeated, a blank line
  apart, into one page of ``--paragraphs-mb`` MB.

Long and normal pages hold the same text, so the ratio measures length alone. Time runs from the
text to the extraction result (article blocks, datelines, planning, parse, facts, people). Each
case runs in its own process (peak memory is its own); within it the normal pages and the long
page are timed back to back, ``--repeat`` times, and the median ratio is printed. The target:
a long page is at most 2x slower per character than normal pages.

**hostile**: the model-free pass (blocks, datelines, sentences, numbers, dates: everything before
the parser) over 0.5 and 1 MB of text built to defeat regexes (a run of digits, of dots, of
initials, of number words, of single-character lines...), median of ``--repeat`` alternating
runs; linear means the second takes about twice the first.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def _pages(corpus: str) -> list[str]:
    from peacefacts.ingest import read_inputs
    from peacefacts.records import Document

    pages = [d.text for d in read_inputs([corpus]) if isinstance(d, Document)]
    if not pages:
        raise SystemExit(f"no readable documents in {corpus}")
    return pages


def _one_line(page: str) -> str:
    return " ".join(line.strip() for line in page.splitlines() if line.strip())


def _extract(extractor, pages: list[str]) -> tuple[float, int, int]:
    """Seconds to go from the texts to results, with the facts and people found."""
    from peacefacts.ingest import document_from_text

    t0 = time.perf_counter()
    docs = [document_from_text(p, doc_id=f"p{i}", published="2024-06-08") for i, p in enumerate(pages)]
    results = list(extractor.extract_many(docs))
    seconds = time.perf_counter() - t0
    facts = sum(len(getattr(r, "facts", ())) for r in results)
    people = sum(len(getattr(r, "people", ())) for r in results)
    if any(not hasattr(r, "facts") for r in results):
        raise SystemExit(f"a page failed: {[r for r in results if not hasattr(r, 'facts')]}")
    return seconds, facts, people


def _case(corpus: str, shape: str, size: int, repeat: int) -> dict:
    from peacefacts.extractor import Extractor

    pages = _pages(corpus)
    normal = [_one_line(p) for p in pages] if shape == "one-line" else pages
    sep = " " if shape == "one-line" else "\n\n"
    unit = sep.join(normal) + sep
    long_page = (unit * (size // len(unit) + 1))[:size]
    # normal pages, repeated to about 200 kB, so their timing is not dominated by noise
    copies = max(1, 200_000 // len(unit))
    normal = normal * copies
    extractor = Extractor()
    _extract(extractor, normal[:2])  # warm-up: model load, first-call caches
    runs = []
    for _ in range(repeat):
        t_normal, f_normal, _ = _extract(extractor, normal)
        t_long, f_long, p_long = _extract(extractor, [long_page])
        n_chars = sum(map(len, normal))
        runs.append({
            "normal_chars_s": n_chars / t_normal, "long_chars_s": len(long_page) / t_long,
            "ratio": (n_chars / t_normal) / (len(long_page) / t_long), "long_seconds": t_long,
            "long_facts": f_long, "long_people": p_long, "normal_facts": f_normal,
        })  # fmt: skip
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return {
        "shape": shape, "chars": len(long_page), "normal_chars": sum(map(len, normal)), "repeat": repeat,
        "ratios": [round(r["ratio"], 2) for r in runs], **median,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


HOSTILE = {
    "digits": "7",
    "dots": ".",
    "initials": "A. ",
    "number words": "one ",
    "digit-space": "1 ",
    "apostrophes": "1'",
    "dashes": "-",
    "one-char lines": "a\n",
    "abbreviations": "Mr. ",
    "zero-width": "\u200b",
    "emoji": "\U0001F54A\ufe0f ",
    "capitals": "UN ",
    "sentences": "Pakistan sent 500 troops to the UN mission. ",
}


def _hostile(repeat: int) -> list[dict]:
    from peacefacts.ingest import document_from_text
    from peacefacts.nlp.plan import plan_document

    out = []
    for name, unit in HOSTILE.items():
        times: dict[int, list[float]] = {MB // 2: [], MB: []}
        for _ in range(repeat):  # the two sizes alternate, so a busy moment hits both alike
            for size in times:
                text = "Pakistan " + unit * (size // len(unit)) + " troops."
                t0 = time.perf_counter()
                plan_document(document_from_text(text, doc_id="h", published="2024-06-08"))
                times[size].append(time.perf_counter() - t0)
        half, full = statistics.median(times[MB // 2]), statistics.median(times[MB])
        out.append({"input": name, "half_mb_s": half, "mb_s": full, "chars_s": MB / full, "growth": full / half})
    return out


def _in_process(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "fixtures" / "seeds"))
    parser.add_argument("--one-line-mb", type=float, default=2.0)
    parser.add_argument("--paragraphs-mb", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--only-hostile", action="store_true")
    parser.add_argument("--_case", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._case:
        shape, size = args._case
        print(json.dumps(_case(args.corpus, shape, int(float(size)), args.repeat)))
        return
    print(f"corpus: {args.corpus}; median of {args.repeat} run(s); ratio = normal chars/s / long chars/s")
    worst = 0.0
    for shape, mb in [] if args.only_hostile else (("one-line", args.one_line_mb), ("paragraphs", args.paragraphs_mb)):
        r = _in_process([args.corpus, "--repeat", str(args.repeat), "--_case", shape, str(mb * MB)])
        worst = max(worst, r["ratio"])
        print(
            f"{shape:10s} long page {r['chars'] / MB:5.1f} MB: {r['long_chars_s']:9,.0f} chars/s "
            f"({r['long_seconds']:6.1f} s, {r['long_facts']} facts, {r['long_people']} people) | "
            f"normal pages {r['normal_chars'] / 1000:4.0f} kB: {r['normal_chars_s']:9,.0f} chars/s | "
            f"ratio {r['ratio']:.2f} (runs {r['ratios']}) | peak {r['peak_rss_mb']:,.0f} MB"
        )
    if not args.only_hostile:
        print(f"worst ratio {worst:.2f}: {'within' if worst <= 2 else 'OVER'} the 2x target")
    if not args.skip_hostile:
        print("hostile input, model-free pass (blocks, datelines, sentences, numbers, dates):")
        for h in _hostile(args.repeat):
            print(
                f"  {h['input']:15s} 0.5 MB {h['half_mb_s']:6.2f} s, 1 MB {h['mb_s']:6.2f} s "
                f"({h['chars_s']:11,.0f} chars/s, x{h['growth']:.2f} for twice the text)"
            )


if __name__ == "__main__":
    main()
