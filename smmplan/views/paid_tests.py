"""The test plan for the paid budget held back (``paid_tests.held_back_test``, computed once as
``Plan.held_back_test``): a paragraph for the paid chapter and one dated line for the
summary's next steps."""

from __future__ import annotations

import datetime as dt

from ..plan import Plan
from .base import day, platform_label
from .held_back import cap_values


def _scale(plan: Plan, test: dict) -> str:
    """How the rest moves after a pass: the staged steps, and what they leave held back."""
    tr, sc = plan.tr, test["scale"]
    if not sc["steps"]:
        return ""
    end = day(tr, dt.date.fromisoformat(sc["steps"][-1]["end"]))
    tail = tr.t("budget.test_scale_kept" if sc["kept"] >= 1 else "budget.test_scale_all",
                end=end, reached=tr.money(sc["reached"]), rest=tr.money(test["rest"]),
                kept=tr.money(sc["kept"]))
    return tr.t("budget.test_scale", platform=platform_label(test["platform"]),
                weeks=tr.number(test["weeks"]), factor=tr.number(sc["factor"]),
                cap=tr.money(sc["cap"]), biggest=platform_label(sc["biggest"]),
                first=tr.money(sc["steps"][0]["budget"]),
                threshold=tr.money(test["threshold"], 2), tail=tail)


def _values(plan: Plan, test: dict) -> dict:
    tr = plan.tr
    return {"scale": _scale(plan, test), "platform": platform_label(test["platform"]),
            "budget": tr.money(test["budget"]),
            "n": tr.number(test["conversions"]), "threshold": tr.money(test["threshold"], 2),
            "start": day(tr, dt.date.fromisoformat(test["start"])),
            "decide": day(tr, dt.date.fromisoformat(test["decide"])),
            "weeks": tr.number(test["weeks"]), "rest": tr.money(test["rest"]),
            "held": tr.money(plan.paid.held_back["budget"]),
            "check": day(tr, dt.date.fromisoformat(test["check"])) if test.get("check") else "",
            "most": cap_values(plan)["most"]}


def test_plan_text(plan: Plan) -> str | None:
    """The held-back envelope's test: platform, budget, threshold, dates, and what the rest
    does if it passes or fails; None without one."""
    test = plan.held_back_test
    if test is None:
        return None
    tr = plan.tr
    if test["kind"] == "bound":
        values = _values(plan, test)
        cond = tr.t("budget.test_bound_if", **values) if test.get("check") else ""
        return tr.t("budget.test_bound", cond=cond, **values)
    why = tr.t("budget.test_why_no_benchmark") if test["excluded"] == "no_benchmark" else ""
    bench = tr.t("budget.test_bench", cost=tr.money(test["benchmark"], 2)) \
        if test["benchmark"] else ""
    pins = sum(s.test for s in plan.channels.slots)  # paid_tests.test_pins
    return tr.t("budget.test_new_platform", why=why, bench=bench, **_values(plan, test)) + (
        " " + tr.t("budget.test_pins", posts=tr.plural("plural.posts", pins),
                   platform=platform_label(test["platform"])) if pins else "")


def test_step(plan: Plan) -> tuple[dt.date, str] | None:
    """The test as one dated next step for the summary (its start date, the line; a bound
    test's, spent only if its condition holds: the date its condition is read); None
    without one."""
    test = plan.held_back_test
    if test is None:
        return None
    bound = "_bound" if test["kind"] == "bound" else ""
    if bound and test.get("check"):
        return (dt.date.fromisoformat(test["check"]),
                plan.tr.t("agency.step_paid_test_check", **_values(plan, test)))
    return (dt.date.fromisoformat(test["start"]),
            plan.tr.t(f"agency.step_paid_test{bound}", **_values(plan, test)))
