import datetime as dt

from smmplan.dates import monday_on_or_after, month_end


def test_monday_on_or_after():
    assert monday_on_or_after(dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)  # a Monday
    assert monday_on_or_after(dt.date(2026, 12, 1)) == dt.date(2026, 12, 7)
    assert monday_on_or_after(dt.date(2026, 12, 6)) == dt.date(2026, 12, 7)  # a Sunday


def test_month_end():
    assert month_end(dt.date(2028, 2, 3)) == dt.date(2028, 2, 29)
    assert month_end(dt.date(2026, 12, 1)) == dt.date(2026, 12, 31)
    assert month_end(dt.date(2026, 4, 30)) == dt.date(2026, 4, 30)
