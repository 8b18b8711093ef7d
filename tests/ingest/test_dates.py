"""Publication dates from the formats sources use."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from newsprism.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20220302", date(2022, 3, 2)),
        ("2022-03-02", date(2022, 3, 2)),
        ("2022-03-02T23:30:00-05:00", date(2022, 3, 2)),  # the day where it was published
        ("2022-03-02 08:00", date(2022, 3, 2)),
        ("Wed, 02 Mar 2022 10:00:00 GMT", date(2022, 3, 2)),
        ("2022/03/02", date(2022, 3, 2)),
        ("March 2, 2022", date(2022, 3, 2)),
        ("2 March 2022", date(2022, 3, 2)),
        (1646179200, date(2022, 3, 2)),
        ("1646179200", date(2022, 3, 2)),
        (1646179200000, date(2022, 3, 2)),  # milliseconds
        (datetime(2022, 3, 2, 12, 0), date(2022, 3, 2)),
        (time.strptime("2022-03-02", "%Y-%m-%d"), date(2022, 3, 2)),
        ("20221302", None),  # no month 13
        ("Tuesday", None),  # relative: not a publication date
        ("unknown", None),
        ("", None),
        (None, None),
        (True, None),
        ("18000101", None),  # implausible
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected
