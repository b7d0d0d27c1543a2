"""The test share of a best-performing platform without ads history
(``target_spend.trial_min``) as a dated, capped test: its budget is at most the stop rule's
reading spend (data/paid.yaml ``test_share.stop_multiple`` x the break-even cost per
conversion), it runs ``test_share.weeks`` weeks from the first Monday of the first
conversion month, and it is read against the stop rule on its end date. A platform the
split funds at no more than its test budget (its published rates alone earn it nothing
more) is a test: the forecast spends its money in the test's weeks only, and the rest of
the conversion budget stays with the other platforms."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import lead_gate
from .catalogue import paid_facts
from .dates import monday_on_or_after


def capped_budget(share_amount: float, break_even: float | None) -> float:
    """The test's budget: the test share's amount, at most the stop rule's reading spend
    (``stop_multiple`` x break-even) when there is a break-even."""
    rule = paid_facts()["test_share"]
    if not break_even:
        return share_amount
    return round(min(share_amount, float(rule["stop_multiple"]) * break_even), 2)


def weeks() -> int:
    """How long a test runs (data/paid.yaml ``test_share.weeks``)."""
    return int(paid_facts()["test_share"]["weeks"])


def window(first_month: dt.date, runs: int | None = None) -> tuple[dt.date, dt.date]:
    """The test's first and last day: ``runs`` weeks (default ``weeks``) from the first
    Monday of the month."""
    start = monday_on_or_after(first_month)
    return start, start + dt.timedelta(weeks=weeks() if runs is None else runs, days=-1)


def dated_tests(trial: list[str], models, conversion_spend, aware_spend,
                months: list[pd.Timestamp], break_even: float | None,
                share: float, gated: dict[str, int] | None = None) -> list[dict]:
    """{platform, budget (its conversion spend), start, end (ISO), weeks, threshold (the
    stop rule's break-even), share (the test share before the cap,
    ``target_spend.trial_share``), capped (whether the cap cut it: the stop rule's reading
    spend, ``capped_budget``; for a gated test the test share, below the spend that reads
    it, ``lead_gate.capped``), gate (a ``lead_gate`` test)} for each ``trial`` platform the
    split funds at its test budget (its minimum) and no more, without awareness spend, and
    each ``gated`` platform (``ChannelModel.gate``, its conversion spend held there whatever
    awareness it carries), which runs its own weeks; [] when none or no conversion month."""
    if not months:
        return []
    gated = gated or {}
    out = []
    for m, spend, aware in zip(models, conversion_spend, aware_spend, strict=True):
        gate = getattr(m, "gate", None)
        test = spend <= gate + 0.5 if gate is not None else bool(
            m.min and spend <= m.min + 0.5 and aware < 0.5)
        if m.platform in trial and test:
            runs = gated.get(m.platform, weeks())
            start, end = window(months[0].date(), runs)
            out.append({"platform": m.platform, "budget": round(float(spend), 2),
                        "start": start.isoformat(), "end": end.isoformat(), "weeks": runs,
                        "threshold": round(break_even, 2) if break_even else None,
                        "share": share, "capped": lead_gate.capped(m) if gate is not None
                        else capped_budget(share, break_even) < share,
                        "gate": m.platform in gated})
    return out


def windows(found: list[dict], all_months: list[pd.Timestamp]) -> dict[str, np.ndarray]:
    """Each test platform's active months (those its weeks touch), as a mask over
    ``all_months``."""
    out = {}
    for t in found:
        first = dt.date.fromisoformat(t["start"]).replace(day=1)
        last = dt.date.fromisoformat(t["end"]).replace(day=1)
        out[t["platform"]] = np.array([first <= m.date() <= last for m in all_months])
    return out
