"""The brief's paid budget line by line, once: what the plan spends, the past-buyer
programme (``Paid.retention``), the growth option (``Paid.held_back["growth"]``), the
held-back test and the steps a pass would fund (``Plan.held_back_test``), and what is left;
each amount counted in one row only, so the rows add up to the brief's budget. Shown in the
paid chapter (in place of the sums in one sentence) and said once in the summary."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..plan import Plan
from ..report import Column
from .base import day, platform_label
from .held_back import cap_values


def reserve_rows(plan: Plan) -> list[dict]:
    """[{line, amount, when}] adding up to the envelope (the last row, the total); [] when
    nothing is held back or nothing comes out of the held-back budget (no programme, no
    growth option, no test)."""
    paid, tr = plan.paid, plan.tr
    held = paid.held_back or {}
    loyal = (paid.retention or {}).get("budget") or 0.0
    growth = (held.get("growth") or {}).get("budget") or 0.0
    test = plan.held_back_test
    if held.get("budget", 0) < 0.5 or not (loyal or growth or test):
        return []
    rows = [{"line": tr.t("reserve.planned"), "amount": paid.total,
             "when": tr.t("reserve.planned_when")}]
    if loyal:
        r = paid.retention
        rows.append({"line": tr.t("reserve.programme"), "amount": loyal,
                     "when": tr.t("reserve.programme_when",
                                  start=day(tr, dt.date.fromisoformat(r["start"])),
                                  review=day(tr, dt.date.fromisoformat(r["review"])))})
    if growth:
        rows.append({"line": tr.t("reserve.growth"), "amount": growth,
                     "when": tr.t("reserve.growth_when")})
    left = held["budget"]
    if test:
        v = {"platform": platform_label(test["platform"]),
             "start": day(tr, dt.date.fromisoformat(test["start"])),
             "decide": day(tr, dt.date.fromisoformat(test["decide"])),
             "weeks": tr.number(test["weeks"])}
        cond = tr.t("reserve.test_if", most=cap_values(plan)["most"], check=day(
            tr, dt.date.fromisoformat(test["check"]))) if test.get("check") else ""
        rows.append({"line": tr.t("reserve.test", **v), "amount": test["budget"],
                     "when": tr.t("reserve.test_when", cond=cond, **v)})
        reached = test["scale"]["reached"] if test["scale"]["steps"] else 0.0
        if reached >= 0.5:
            end = day(tr, dt.date.fromisoformat(test["scale"]["steps"][-1]["end"]))
            rows.append({"line": tr.t("reserve.steps", **v), "amount": reached,
                         "when": tr.t("reserve.steps_when", end=end, **v)})
        left = round(max(0.0, test["rest"] - reached), 2)
        gate = tr.t("reserve.left_if", held=tr.money(held["budget"])) \
            if test.get("check") else ""  # a bound test's condition may keep all of it
        rows.append({"line": tr.t("reserve.left"), "amount": left, "when": tr.t(
            "reserve.left_when" if left >= 0.5 else "reserve.left_when_all",
            fail=tr.money(test["rest"]), gate=gate)})
    else:
        rows.append({"line": tr.t("reserve.left"), "amount": left, "when": ""})
    rows.append({"line": tr.t("reserve.total"), "amount": paid.envelope, "when": ""})
    return rows


def reserve_table(plan: Plan) -> list:
    """The paid chapter's table of ``reserve_rows`` (recorded as "reserve"); [] without."""
    rows = reserve_rows(plan)
    if not rows:
        return []
    tr = plan.tr
    return [plan.record.table("reserve", "budget", tr.t("reserve.title"), pd.DataFrame(rows), [
        Column("line", tr.t("reserve.col.line")),
        Column("amount", tr.t("reserve.col.amount"), lambda v: tr.money(float(v))),
        Column("when", tr.t("reserve.col.when"))])]


def reserve_summary(plan: Plan) -> str:
    """The summary's sentence on the held-back test: what it and a pass would spend out of
    the budget held back, and what is left whatever happens; "" without a test."""
    test, rows = plan.held_back_test, reserve_rows(plan)
    if not test or not rows:
        return ""
    tr = plan.tr
    reached = test["scale"]["reached"] if test["scale"]["steps"] else 0.0
    left = rows[-2]["amount"]
    key = "summary_test" if reached < 0.5 else "summary" if left >= 0.5 else "summary_all"
    return tr.t(f"reserve.{key}",
                held=tr.money(plan.paid.held_back["budget"]), budget=tr.money(test["budget"]),
                platform=platform_label(test["platform"]), steps=tr.money(reached),
                left=tr.money(left))
