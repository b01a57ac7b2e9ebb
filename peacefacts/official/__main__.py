"""``python -m peacefacts.official``: build the compact official tables, or show where they come from.

::

    python -m peacefacts.official build --fatalities un_fatalities.csv --contributions ipi_contributions/ \\
        --contributions-last-update 2014-03-24 --out DIR \\
        [--contribution-totals ipi_monthly_totals.csv] [--fatalities-from TEXT] [--contributions-from TEXT]
    python -m peacefacts.official info [--official-dir DIR]

``build`` writes the bundle into ``--out``, which is required: a directory you then pass as
``--official-dir`` (rebuilding the bundled tables means ``--out peacefacts/official/data`` in a
checkout; nothing writes into an installed package by default). ``--contributions-last-update``
is required too: the IPI files carry no date of their own, and a bundle without one could not say
how current its contributions are (the fatalities table's ``last_update`` is read from its rows).
Errors are one line on stderr, exit status 2.
The bundled tables were built from two public files, not shipped with the package: the UN
fatalities table ``DPPADPOSS-FATALITIES.csv`` (the public GitHub copy
iv-div/my-jupyter-portfolio, ``peacekeeping-fatalities/DPPADPOSS-FATALITIES.csv``) as
``--fatalities``, and IPI's monthly contribution files (the public GitHub copy
IPIDataLab/TCC-DataScraper, ``tcc_files/`` at commit 936f28e) as ``--contributions``, with
``--contributions-last-update 2014-03-24`` and each source named in ``--fatalities-from`` /
``--contributions-from``. ``info`` shows what the bundled tables record about their sources.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from peacefacts.errors import PeacefactsError

#: Where the bundled tables live (written only when asked to: ``--out`` is required).
BUNDLED_DIR = Path(__file__).resolve().parent / "data"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m peacefacts.official", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="compact the published tables into a bundle")
    build.add_argument("--fatalities", type=Path, required=True, help="the UN fatalities CSV (DPPADPOSS-FATALITIES)")
    build.add_argument("--contributions", type=Path, required=True, help="the IPI ipi_contributions/ directory")
    build.add_argument("--contribution-totals", type=Path, default=None,
                       help="ipi_monthly_totals.csv (default: in or beside --contributions)")
    build.add_argument("--contributions-last-update", required=True, metavar="YYYY-MM-DD",
                       help="required: when the IPI snapshot was taken (its files carry no date; the "
                            "fatalities table's last_update is read from its rows)")
    build.add_argument("--fatalities-from", default=None, metavar="TEXT",
                       help="where the fatalities file was taken from (recorded in the provenance)")
    build.add_argument("--contributions-from", default=None, metavar="TEXT",
                       help="where the IPI files were taken from (recorded in the provenance)")
    build.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="required: the directory to write the bundle to (pass it as --official-dir; "
                            f"the bundled tables are in {BUNDLED_DIR})")
    info = commands.add_parser("info", help="print the provenance of the official tables")
    info.add_argument("--official-dir", type=Path, default=None, help="a bundle or a download instead of the bundled tables")
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    """Run the command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            import datetime

            import attrs

            from peacefacts.official.build import read_contributions, read_fatalities_csv, write_bundle
            from peacefacts.official.tables import OfficialTables

            try:
                datetime.date.fromisoformat(args.contributions_last_update)
            except ValueError:
                raise PeacefactsError(
                    f"--contributions-last-update {args.contributions_last_update!r} is not a date (YYYY-MM-DD)"
                ) from None
            fatalities = read_fatalities_csv(args.fatalities)
            contributions = read_contributions(args.contributions, args.contribution_totals,
                                               args.contributions_last_update)
            if args.fatalities_from:
                fatalities.provenance = attrs.evolve(
                    fatalities.provenance, notes=(f"taken from {args.fatalities_from}", *fatalities.provenance.notes))
            if args.contributions_from:
                for name in ("provenance", "totals_provenance"):
                    prov = getattr(contributions, name)
                    setattr(contributions, name,
                            attrs.evolve(prov, notes=(f"taken from {args.contributions_from}", *prov.notes)))
            tables = OfficialTables(fatalities=fatalities, contributions=contributions, origin=str(args.out))
            sizes = write_bundle(tables, args.out)
            print(tables.describe())
            for name, size in sizes.items():
                print(f"wrote {args.out / name} ({size:,} bytes)")
            print(f"total {sum(sizes.values()):,} bytes")
        else:
            from peacefacts.official.build import load_official

            print(load_official(args.official_dir).describe())
    except PeacefactsError as exc:
        print(f"peacefacts.official: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
