"""Errors raised by peacefacts.

Every error is a :class:`PeacefactsError` and also the builtin that fits, so callers can catch
either::

    PeacefactsError
    ├── InputError (ValueError)            bad document: empty, binary, undecodable, too large
    │   └── JSONLError                     a JSONL line that is not a JSON object with "text"
    ├── ModelNotFoundError (LookupError)   no spaCy pipeline could be loaded
    ├── MissingDependencyError (ImportError) an optional extra (pandas, pyarrow, matplotlib) is missing
    ├── SchemaError (ValueError)           a record that does not follow the output contract
    ├── OutputError (OSError)              an output that cannot be written (disk full, ...)
    ├── OfficialDataError (ValueError)     an official table (UN fatalities, IPI contributions) that cannot be read
    ├── DatasetError (ValueError)          a Parquet dataset directory that cannot be written, resumed or read
    └── KnownFiguresError (ValueError)     a known-figures TOML file that cannot be used

Batches never raise these for one bad document: they yield an error record and go on.
"""

from __future__ import annotations


class PeacefactsError(Exception):
    """Base class of every peacefacts error."""


class InputError(PeacefactsError, ValueError):
    """A document cannot be read as text (empty, binary, undecodable, too large, unreadable)."""


class JSONLError(InputError):
    """A line of a JSONL corpus is not a JSON object with a string ``text``."""


class ModelNotFoundError(PeacefactsError, LookupError):
    """No spaCy pipeline could be loaded under any of the names tried."""


class MissingDependencyError(PeacefactsError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class SchemaError(PeacefactsError, ValueError):
    """A record does not follow the peacefacts output contract."""


class OutputError(PeacefactsError, OSError):
    """An output cannot be written (a full disk, a closed file); nothing more can be written."""


class OfficialDataError(PeacefactsError, ValueError):
    """An official table is missing, or is not in the format of the UN's or IPI's published tables."""


class DatasetError(PeacefactsError, ValueError):
    """An output dataset directory cannot be written, resumed or read (not a peacefacts dataset,
    or a dataset already there and no ``resume``)."""


class KnownFiguresError(PeacefactsError, ValueError):
    """A known-figures file is malformed."""
