"""A dated test for the paid budget the plan leaves unspent (``Paid.held_back``), sized by
``data/paid.yaml`` ``held_back_test``: which platform, its budget (``min_conversions`` at
the break-even cost per conversion, the success threshold), when it starts and is read,
and where the rest of the envelope goes if it passes or fails.

- ``new_platform``: the best-scored platform the plan posts on without any paid history
  or paid budget (the channels chapter's choices);
- ``bound``: when the lead bound holds the budget (``goal_gap.held_by_cap``), the plan's
  biggest paid platform, spent above the bound to see whether leads pass it;
- none when free seats hold the budget (more sessions come first) or nothing is held."""

from __future__ import annotations

import datetime as dt
import math

from .benchmarks import benchmark_cpa
from .catalogue import paid_facts
from .conversion_cost import stop_thresholds
from .dates import monday_on_or_after, month_end
from .goal_gap import held_by_cap
from .paid_steps import scale_steps


def held_back_test(plan, choices=None) -> dict | None:
    """{kind (new_platform / bound), platform, budget, conversions, threshold (break-even
    cost per conversion), start, decide, check (ISO dates; check: when a bound test's
    condition is read, None for a new platform), weeks, rest (the envelope after the
    test), benchmark (the platform's benchmark cost per conversion, when it has rates),
    excluded (why the plan gave it no budget, when it did), scale (``paid_steps.scale_steps``:
    how the rest is moved after a pass)}; None without a held envelope,
    a break-even, or a platform to test. ``choices``: the channels chapter's (``plan.
    channels.choices`` when None; given while the channels are built)."""
    paid = plan.paid
    held = (paid.held_back or {}).get("budget") or 0.0
    threshold = paid.break_even_cpa
    if held <= 0 or not threshold or not paid.paid_months:
        return None
    cap = held_by_cap(paid)
    if cap == "seats":
        return None
    facts = paid_facts()["held_back_test"]
    spent = {c.platform for c in paid.channels if c.spend > 0}
    if cap == "bound":
        kind = "bound"
        platform = max(paid.channels, key=lambda c: c.spend).platform if spent else None
    else:
        kind = "new_platform"
        tried = set(paid.calibration) | spent
        choices = plan.channels.choices if choices is None else choices
        ranked = sorted((c for c in choices if c.kept and c.platform not in tried),
                        key=lambda c: -c.score)
        platform = ranked[0].platform if ranked else None
    if platform is None:
        return None
    threshold = stop_thresholds(paid).get(platform, threshold)  # the stop rule's break-even
    n = int(facts["min_conversions"])
    n = min(n, math.floor(held / threshold))
    if n < 1:
        return None
    budget = round(n * threshold, 2)
    months = paid.paid_months
    first = dt.date.fromisoformat(months[min(int(facts["bound_start_months"]), len(months) - 1)]
                                  if kind == "bound" else months[0])
    start = monday_on_or_after(first if kind == "bound" else
                               first + dt.timedelta(weeks=int(facts["start_weeks"])))
    decide = start + dt.timedelta(weeks=int(facts["weeks"]))
    # a bound test is spent only if the leads a month measured up to it pass the bound:
    # checked at the end of the last paid month before it (the step's date, not a spend)
    check = month_end(first - dt.timedelta(days=1)) if kind == "bound" \
        and first > dt.date.fromisoformat(months[0]) else None
    model = next((m for m in paid.models if m.get("platform") == platform), None)
    bench = benchmark_cpa(model) if model else None
    bench = round(bench, 2) if bench is not None else None
    excluded = next((e.get("reason") for e in paid.excluded if e.get("platform") == platform),
                    None)
    rest = round(held - budget, 2)
    return {"kind": kind, "platform": platform, "budget": budget, "conversions": n,
            "threshold": round(threshold, 2), "start": start.isoformat(),
            "decide": decide.isoformat(), "weeks": int(facts["weeks"]),
            "check": check.isoformat() if check else None,
            "rest": rest, "benchmark": bench, "excluded": excluded,
            "scale": scale_steps(paid, decide, budget, rest)}


def test_pins(slots: list, test: dict | None, selling: set[str] = frozenset()) -> list:
    """A new platform's test in the calendar: its posts on the platform from the test's
    start to its reading whose idea asks for the sale (``selling``: those ideas' texts), all
    of them when none does, else the first one after the start, sponsored by the test
    (``Slot.test``: paid from the budget held back, outside the plan's spend); a bound
    test, on a platform the plan already sponsors, adds none. Returns the posts marked."""
    if not test or test["kind"] != "new_platform":
        return []
    mine = sorted((s for s in slots if s.platform == test["platform"] and not s.sponsored
                   and s.format != "story" and s.date >= test["start"]),
                  key=lambda s: (s.date, s.time))
    window = [s for s in mine if s.date < test["decide"]]
    marked = [s for s in window if s.base_idea in selling] or window or mine[:1]
    for s in marked:
        s.sponsored = s.test = True
    return marked
