"""The stop rule on the forecast's own basis: the break-even it stops an ad at is a cost per
conversion of conversion campaigns, the plan's one cost per conversion
(``conversion_cost.conversion_only``), shown beside it whenever the forecast or a
platform's cost sits above the rule; a platform (or the whole forecast) above it is named,
not called profitable."""

from __future__ import annotations

import datetime as dt

from ..catalogue import paid_facts
from ..conversion_cost import stop_thresholds
from ..plan import Plan
from .base import day, platform_label


def stop_multiple(tr) -> str:
    """The spend the stop rule reads an ad after, as a multiple of its threshold in words
    ("three times", data/paid.yaml ``test_share.stop_multiple``): the locale's word for
    that multiple (``common.times``), else the figure."""
    n = paid_facts()["test_share"]["stop_multiple"]
    key = f"common.times.{n:g}"
    return tr.t(key) if tr.has(key) else tr.t(
        "common.times.other", n=tr.number(n, 0 if float(n).is_integer() else 1))


def stop_basis(plan: Plan) -> list[str]:
    """The sentences that follow the stop rule (none when nothing the plan shows is above
    it)."""
    tr, paid = plan.tr, plan.paid
    costs, limit = plan.conversion_only, stop_thresholds(paid)
    if not costs or not paid.break_even_cpa:
        return []
    one = len(set(limit.values())) == 1
    shown = [v > limit[p] for p, v in costs["platforms"].items()]
    if one and costs["average"] > paid.break_even_cpa:
        shown.append(True)
    if not any(shown):
        return []
    each = tr.join([f"{platform_label(p)} {tr.money(v, 2)}"
                    for p, v in costs["platforms"].items()])
    out = [tr.t("agency.stop_basis_plain", cpa=tr.money(costs["average"], 2), platforms=each)]
    if one and costs["average"] > paid.break_even_cpa:
        out.append(tr.t("agency.stop_over", cpa=tr.money(costs["average"], 2)))
        return out
    tests = {t["platform"]: t for t in paid.tests}  # trial_test
    above = [f"{platform_label(p)} ({tr.money(v, 2)})" for p, v in costs["platforms"].items()
             if v > limit[p] and p not in tests]
    if above:
        out.append(tr.plural("agency.stop_above", len(above), platforms=tr.join(above)))
    for p, v in costs["platforms"].items():
        if v > limit[p] and p in tests:  # funded for its test only: read on its end date
            out.append(tr.t("agency.stop_above_test", platform=platform_label(p),
                            cpa=tr.money(v, 2), weeks=tr.number(tests[p]["weeks"]),
                            end=day(tr, dt.date.fromisoformat(tests[p]["end"])),
                            rest=tr.join([platform_label(o) for o in costs["platforms"]
                                          if o not in tests]) or tr.t("common.na")))
    return out


def conversion_only_note(plan: Plan) -> str:
    """After "more budget would still pay" (the sweep's marginal cost under break-even): when
    the plan's cost per conversion (conversion spend over conversions, the one shown above)
    is itself above break-even, that the planned budget does not pay as it stands; "" when
    it is not, or without conversions."""
    tr, paid = plan.tr, plan.paid
    costs = plan.conversion_only
    if not costs or not paid.break_even_cpa or costs["average"] <= paid.break_even_cpa:
        return ""
    return " " + tr.t("budget.conversion_only_over", cpa=tr.money(costs["average"], 2),
                      break_even=tr.money(paid.break_even_cpa, 2))


def scale_basis(plan: Plan) -> tuple[float | None, str | None]:
    """The forecast's cost per conversion the scale rule compares a month or a platform
    with: the plan's one cost per conversion, the stop rule's basis (conversion spend over
    conversions); with its text (None, None without conversions)."""
    cpa = plan.paid.totals.get("cpa")
    return cpa, plan.tr.money(cpa, 2) if cpa else None
