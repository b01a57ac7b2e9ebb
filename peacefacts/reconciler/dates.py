"""When two observations are "at the same time": the date arithmetic of the verdict rules.

Dates are partial (``2014``, ``2024-05``, ``2021-10-26``) and so are spans of days. The
development corpus's convention: two dates are at the same time when they overlap, or when
both are known to the day and at most :data:`SAME_TIME_DAYS` apart; a date known only to the
month or year is within 31 days of another only when their spans overlap.
"""

from __future__ import annotations

from peacefacts.records import PartialDate

__all__ = ["SAME_TIME_DAYS", "gap_days", "spans_at_same_time", "at_same_time"]

#: Two observations dated to the day at most this many days apart are "at the same time"; a
#: date known only to the month or year is at the same time as another only when they overlap.
SAME_TIME_DAYS = 31


def gap_days(a: PartialDate | None, b: PartialDate | None) -> int | None:
    """Days between two partial dates as intervals: 0 when they overlap, ``None`` if undated.

    ``2013-10-01`` and ``2014`` are 92 days apart (to 2014-01-01), ``2014`` and ``2018-08-31``
    1339 days (from 2014-12-31): the closest days the two dates can mean.

    >>> gap_days(PartialDate(2013, 10, 1), PartialDate(2014))
    92
    """
    if a is None or b is None:
        return None
    if a.last_day < b.first_day:
        return (b.first_day - a.last_day).days
    if b.last_day < a.first_day:
        return (a.first_day - b.last_day).days
    return 0


def spans_at_same_time(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether two dates, as ``(first, last, ...)`` day ordinals, are "at the same time".

    Overlapping dates always are; otherwise only two dates known to the day at most
    :data:`SAME_TIME_DAYS` apart. A month or a year is within 31 days of another date only when
    they overlap: ``2023`` and ``2022-12-16`` are not at the same time, nor are ``2024-01`` and
    ``2023-12-20`` (the closest days are close, but the figure may be from any day of the span).
    """
    if a[1] < b[0]:
        gap = b[0] - a[1]
    elif b[1] < a[0]:
        gap = a[0] - b[1]
    else:
        return True
    return gap <= SAME_TIME_DAYS and a[0] == a[1] and b[0] == b[1]


def at_same_time(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Whether two partial dates are "at the same time" (see :func:`spans_at_same_time`).

    >>> at_same_time(PartialDate(2022, 12, 16), PartialDate(2023)), at_same_time(PartialDate(2023, 6, 10), PartialDate(2023))
    (False, True)
    >>> at_same_time(PartialDate(2024, 5, 1), PartialDate(2024, 5, 31)), at_same_time(PartialDate(2024, 5, 1), None)
    (True, False)
    """
    if a is None or b is None:
        return False
    return spans_at_same_time(
        (a.first_day.toordinal(), a.last_day.toordinal()), (b.first_day.toordinal(), b.last_day.toordinal())
    )
