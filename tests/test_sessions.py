"""A booked workshop's sessions are dated from the brief: the weekday it names, less the
country's public holidays, and each month has the seats of its own sessions."""

from __future__ import annotations

from pathlib import Path

from smmplan.brief import parse_brief
from smmplan.sessions import sessions

from .conftest import example_raw, standalone


def bakery(description: str, country: str = "FR", language: str = "fr"):
    raw = standalone(example_raw("bakery"))
    raw["client"].update(country=country, language=language)
    for o in raw["offer"]:
        if o["name"] == "Ateliers pain":
            o["description"] = description
    return parse_brief(raw, Path("b.yaml"))


def test_sessions_fall_on_the_named_day_less_public_holidays():
    held = sessions(bakery("Ateliers du samedi, 2 h, 6 à 10 personnes"))
    assert held.weekday == 5 and held.per_session == 8  # 32 a month over 4 Saturdays
    months = held.by_month()
    # May: 1 and 8 May off, the fifth Saturday (29 May) takes one back; December has four
    assert (months["2027-01"], months["2027-05"], months["2027-12"]) == (4, 3, 3)
    assert [d.isoformat() for d in held.skipped] == ["2027-05-01", "2027-05-08", "2027-12-25"]
    assert held.seats_by_month()["2027-07"] == 32 and len(held.dates) == 46


def test_a_fifth_session_day_is_not_listed_the_sessions_hold_the_clients_capacity():
    """A month of five Saturdays lists its first four open ones: the sessions and their
    seats add up to the brief's 32 places a month, never more; a fifth Saturday stands in
    for a holiday (May), a month with no fifth (December) has one session less."""
    held = sessions(bakery("Ateliers du samedi, 2 h, 6 à 10 personnes"))
    jan = [d.isoformat() for d in held.dates if d.month == 1]
    assert jan == ["2027-01-02", "2027-01-09", "2027-01-16", "2027-01-23"]  # not the 30th
    assert "2027-07-31" not in {d.isoformat() for d in held.dates}
    seats = held.seats_by_month()
    assert max(seats.values()) == 32
    may = [d.isoformat() for d in held.dates if d.month == 5]
    assert may == ["2027-05-15", "2027-05-22", "2027-05-29"]
    assert sum(seats.values()) == 12 * 32 - 2 * held.per_session == 368


def test_the_named_day_is_read_in_english_too_and_a_uk_calendar_has_its_own_holidays():
    held = sessions(bakery("Wednesday bread classes", country="GB", language="en"))
    assert held.weekday == 2
    assert "2027-05-01" not in {d.isoformat() for d in held.skipped}  # not a UK holiday
    # without a day in the brief: the sector playbook's session day (Saturday)
    assert sessions(bakery("Deux heures, 6 à 10 personnes")).weekday == 5
