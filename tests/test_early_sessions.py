"""A booked session right at the plan's start cannot be sold by the calendar, which starts
that day: the client is asked to announce it before the plan starts (review 16: Fournil's
2 January session was announced on 1 January at 18:00)."""

from __future__ import annotations

from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.client_needs import client_needs

from .conftest import example_raw, standalone, write_brief


def _bakery(tmp_path, start: str) -> Plan:
    raw = standalone(example_raw("bakery"))
    raw["client"]["period"]["start"] = start
    return Plan(load_brief(write_brief(tmp_path, raw)))


def _asks(plan: Plan) -> list[str]:
    return [n for n in client_needs(plan) if "annoncez vous-même" in n]


def test_a_session_the_day_after_the_start_is_asked_to_be_announced_before(tmp_path):
    plan = _bakery(tmp_path, "2027-01-01")  # a Friday: the first session is Saturday 2
    (ask,) = _asks(plan)
    assert "la séance du 2 janvier 2027" in ask and "dès le 25 décembre 2026" in ask


def test_a_first_session_days_after_the_start_is_sold_by_the_calendar(tmp_path):
    plan = _bakery(tmp_path, "2027-01-03")  # a Sunday: the first session is Saturday 9
    assert _asks(plan) == []
