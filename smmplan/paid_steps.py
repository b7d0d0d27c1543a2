"""How the held-back envelope is scaled after its test passes (``paid_tests.held_back_test``):
in steps of the test's length, each at most ``data/paid.yaml`` ``held_back_test.step_factor``
times the last step's spend and at most what the plan's biggest paid platform gets over the
same weeks, each read against the break-even before the next starts, up to the plan's last
month. What the steps cannot reach stays held back."""

from __future__ import annotations

import datetime as dt

from .catalogue import paid_facts
from .dates import month_end


def scale_steps(paid, decide: dt.date, test_budget: float, rest: float) -> dict:
    """{steps: [{start, end (ISO), budget}], factor, cap (a step's most: the biggest paid
    platform's spend over the same weeks), biggest (that platform), reached (what the steps
    spend in all), kept (the rest they do not reach, still held back)}."""
    facts = paid_facts()["held_back_test"]
    weeks, factor = int(facts["weeks"]), float(facts["step_factor"])
    top = max(paid.channels, key=lambda c: c.spend) if paid.channels else None
    cap = top.spend * 7 * weeks / 365 if top and top.spend > 0 else 0.0
    end = month_end(dt.date.fromisoformat(paid.paid_months[-1]))  # the plan's last day
    steps, last, left, start = [], test_budget, rest, decide
    while left > 0.5 and cap > 0 and start + dt.timedelta(weeks=weeks) <= end + dt.timedelta(1):
        budget = min(factor * last, cap, left)
        stop = start + dt.timedelta(weeks=weeks)
        steps.append({"start": start.isoformat(), "end": stop.isoformat(),
                      "budget": round(float(budget), 2)})
        last, left, start = budget, left - budget, stop
    reached = round(float(sum(s["budget"] for s in steps)), 2)
    return {"steps": steps, "factor": factor, "cap": round(float(cap), 2),
            "biggest": top.platform if top else None, "reached": reached,
            "kept": round(max(rest - reached, 0.0), 2)}
