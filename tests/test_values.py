"""One reading of a value, two styles: prose for findings, compact for report cells."""
import pytest

from checker.values import compact_interval, date_period, prose_interval

# low, high, kind, unit, prose, compact
CASES = [
    (10.0, 10.0, "count", "meeting", "10 meetings", "10"),
    (1.0, 1.0, "count", "ferry", "1 ferry", "1"),
    (4000.0, None, "count", "volunteer", "at least 4,000 volunteers", "≥ 4,000"),
    (None, 5.0, "count", "branch", "at most 5 branches", "≤ 5"),
    (20000.0, 99999.0, "count", "city", "20,000 to 99,999 cities", "20,000–99,999"),
    (85e6, 85e6, "money", "EUR", "EUR 85,000,000", "85 million"),
    (2.5, 2.5, "percent", None, "2.5%", "2.5%"),
    (3.0, 3.0, "quantity", "km", "3 km", "3"),
    (None, None, "count", "stop", "unknown", "any"),
    ("2019-07-01", "2019-07-31", "date", None, "July 2019", "2019-07"),
    ("2019-01-01", "2019-12-31", "date", None, "2019", "2019"),
    ("2016-01-01", "2019-12-31", "date", None, "2016 to 2019", "2016–2019"),
    ("2019-03-01", "2019-05-31", "date", None, "2019-03-01 to 2019-05-31", "2019-03 – 2019-05"),
    ("2019-04-14", "2019-10-14", "date", None, "2019-04-14 to 2019-10-14", "2019-04-14 – 2019-10-14"),
    ("2022-01-12", "2022-01-12", "date", None, "2022-01-12", "2022-01-12"),
    (None, "2020-01-13", "date", None, "by 2020-01-13", "≤ 2020-01-13"),
    ("2016-01-01", None, "date", None, "from 2016-01-01", "≥ 2016-01-01"),
]


@pytest.mark.parametrize("low, high, kind, unit, prose, compact", CASES,
                         ids=[f"{c[2]}:{c[4]}" for c in CASES])
def test_values_two_styles_read_the_same_value(low, high, kind, unit, prose, compact):
    assert prose_interval(low, high, kind, unit) == prose
    assert compact_interval(low, high, kind) == compact


@pytest.mark.parametrize("low, high, expected", [
    ("2020-02-01", "2020-02-29", "month"),   # leap February is a whole month
    ("2021-02-01", "2021-02-28", "month"),
    ("2021-02-01", "2021-02-27", "days"),
    ("2020-12-01", "2021-01-31", "months"),  # across a year end
    ("2020-01-01", "2020-12-31", "years"),
])
def test_values_date_period_kind(low, high, expected):
    assert date_period(low, high)[0] == expected
