"""Command-line interface: data on stdout, progress and messages on stderr.

Each sub-command lives in its own module under :mod:`peacefacts.cli` and registers itself on
:data:`peacefacts.cli.app.app`. :func:`main` turns every error into one line on stderr and a
non-zero exit status, never a traceback (set ``PEACEFACTS_DEBUG=1`` to see one).
"""
from __future__ import annotations

import importlib
import os
import sys

from peacefacts.cli import console
from peacefacts.cli.app import app
from peacefacts.errors import OutputError, PeacefactsError, SchemaError

__all__ = ["app", "main"]

_COMMAND_MODULES = ("extract", "reconcile", "people", "check", "plot", "verify")
for _name in _COMMAND_MODULES:
    importlib.import_module(f"peacefacts.cli.{_name}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (also used by the console script).

    Exit status: 0 all read; 1 some documents (or saved records) failed, or the output could not
    be written; 2 a usage error (bad option, unknown model, missing dependency); 70 a bug.
    """
    console.configure(0)  # the app callback sets the verbosity asked for
    try:
        # standalone_mode=False: click returns a command's exit code instead of exiting
        code = app(args=argv, prog_name="peacefacts", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except SystemExit as exc:  # typer/click exits
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except PeacefactsError as exc:
        print(f"peacefacts: error: {exc}", file=sys.stderr)
        # bad data (saved records, a full disk) is a failure of the run; the rest is usage
        return 1 if isinstance(exc, (SchemaError, OutputError)) else 2
    except KeyboardInterrupt:
        print("peacefacts: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a bare traceback
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):  # click's usage and parameter errors
            show()
            return int(exc.exit_code)
        if type(exc).__name__ == "Abort":
            print("peacefacts: aborted", file=sys.stderr)
            return 1
        if os.environ.get("PEACEFACTS_DEBUG"):
            raise
        print(f"peacefacts: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 70


def _console_main() -> None:  # pragma: no cover - console script entry
    # The model's matrix products run on blis, not on numpy's OpenBLAS, whose thread pool (started
    # when numpy is imported) only makes the process multi-threaded: spaCy's parser and NER take
    # the GIL for every parser state, and glibc's locks are cheaper in a process that never had a
    # second thread (15-20% off NER, docs/performance.md). A value the user set is kept; -j N
    # workers are processes.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())
