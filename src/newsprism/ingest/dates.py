"""Publication dates from whatever a source gives: ISO, RFC 822, YYYYMMDD, epoch, free text.

`parse_date` returns the calendar day as the source wrote it. A timestamp with a time zone is
NOT converted to UTC first: "2022-03-02T01:30+09:00" is 2 March where it was published, and
that is the day the outlet's readers saw on the page.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

log = logging.getLogger(__name__)

_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2100

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EPOCH = re.compile(r"^-?\d{9,13}(?:\.\d+)?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")
_SLASHED_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
# Something dateparser could read as a date: a digit, or a month name. Free text without
# either ("unknown", "n/a") is not worth the slow call.
_DATEISH = re.compile(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.IGNORECASE)


def parse_date(value: Any) -> date | None:
    """The calendar day in `value`, or None when it holds no plausible date.

    Accepts date/datetime objects, epoch seconds or milliseconds (int, float or digits),
    YYYYMMDD, ISO 8601, RFC 822 ("Wed, 02 Mar 2022 10:00:00 GMT"), YYYY/MM/DD, and as a last
    resort free text that dateparser understands ("March 2, 2022", "2 Mar 2022").
    A struct_time (as feedparser gives) works too.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if hasattr(value, "tm_year") and hasattr(value, "tm_mon") and hasattr(value, "tm_mday"):
        return _make(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    return _parse_text(text)


def _parse_text(text: str) -> date | None:
    match = _COMPACT.match(text)
    if match:
        return _make(*(int(part) for part in match.groups()))
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    match = _ISO_DAY.match(text)
    if match:
        return _make(*(int(part) for part in match.groups()))
    match = _SLASHED_YMD.match(text)
    if match:
        return _make(*(int(part) for part in match.groups()))
    rfc = _rfc822(text)
    if rfc is not None:
        return rfc
    if not _DATEISH.search(text):
        return None
    return _dateparser(text)


def _rfc822(text: str) -> date | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:  # pragma: no cover - older Pythons returned None
        return None
    return _plausible(parsed.date())


def _dateparser(text: str) -> date | None:
    # Imported late: dateparser takes about a second to import and most sources never
    # need it (feeds and HTML give ISO or RFC 822 dates).
    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
                # A bare "Tuesday" or "3 days ago" is relative to an unknown "now": not a
                # publication date.
                "REQUIRE_PARTS": ["day", "month", "year"],
            },
        )
    except Exception as exc:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    return None if parsed is None else _plausible(parsed.date())


def _from_epoch(seconds: float) -> date | None:
    # Values this large are milliseconds (seconds would be past the year 5000).
    if abs(seconds) >= 1e11:
        seconds /= 1000.0
    try:
        return _plausible(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return _plausible(date(year, month, day))
    except ValueError:
        return None


def _plausible(day: date) -> date | None:
    return day if _EARLIEST_YEAR <= day.year <= _LATEST_YEAR else None
