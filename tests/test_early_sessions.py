"""A booked session in the plan's first week cannot be sold by the calendar, which starts
that week: the client is asked to announce it before the plan starts (review 16: Fournil's
2 January session was announced on 1 January at 18:00)."""

from __future__ import annotations

import datetime as dt

from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.sessions import sessions
from smmplan.validation import load_brief
from smmplan.views.client_needs import client_needs


def _plan(name: str) -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == name)))


def test_fournils_first_week_session_is_asked_to_be_announced_before_the_plan():
    plan = _plan("bakery")
    start = plan.brief.client.period.start
    early = [d for d in sessions(plan.brief).dates if d < start + dt.timedelta(days=7)]
    assert early == [dt.date(2027, 1, 2)]
    asks = [n for n in client_needs(plan) if "annoncez vous-même" in n]
    assert len(asks) == 1 and "la séance du 2 janvier 2027" in asks[0]
    assert "25 décembre 2026" in asks[0]


def test_no_ask_without_sessions_in_the_first_week():
    plan = _plan("fashion")
    assert not any("announce the session" in n for n in client_needs(plan))
