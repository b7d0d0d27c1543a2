"""The stop rule on the forecast's own basis: the break-even it stops an ad at is a cost per
conversion of conversion campaigns, so the forecast's conversion-only cost
(``conversion_cost.conversion_only``) is shown beside it whenever a figure the plan shows
(the all-in average, a platform's cost) sits above the rule, and a platform (or the whole
forecast) already above it on the conversion-only basis is named, not called profitable."""

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
    shown = [v > limit[p] for p, v in costs["all_in"].items()]
    if one and (paid.totals.get("cpa") or 0) > paid.break_even_cpa:
        shown.append(True)
    if not any(shown):
        return []
    each = tr.join([f"{platform_label(p)} {tr.money(v, 2)}"
                    for p, v in costs["platforms"].items()])
    key = "agency.stop_basis" if costs["with_awareness"] else "agency.stop_basis_plain"
    mixed = tr.join([f"{platform_label(p)} {tr.money(costs['all_in'][p], 2)}"
                     for p in costs["with_awareness"]])
    out = [tr.t(key, cpa=tr.money(costs["average"], 2), platforms=each, mixed=mixed,
                forecast=tr.money(paid.totals["cpa"], 2),
                awareness=tr.money(costs["awareness"]))]
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
    """After "more budget would still pay" (the sweep's marginal cost under break-even): the
    conversion campaigns' own average cost per conversion, and, when it is above break-even,
    that the planned budget does not pay as it stands ("" without conversions)."""
    tr, paid = plan.tr, plan.paid
    costs = plan.conversion_only
    if not costs or not paid.break_even_cpa:
        return ""
    key = "budget.conversion_only_over" if costs["average"] > paid.break_even_cpa \
        else "budget.conversion_only"
    return " " + tr.t(key, cpa=tr.money(costs["average"], 2),
                      break_even=tr.money(paid.break_even_cpa, 2))


def scale_basis(plan: Plan) -> tuple[float | None, str | None]:
    """The forecast's cost per conversion the scale rule compares a month or a platform
    with, on the stop rule's basis: the conversion campaigns' own cost (said so when the
    forecast's all-in cost also carries awareness spend, on a converting platform or on
    one that buys awareness only), else the all-in cost; with its text (None, None without
    conversions)."""
    tr, paid = plan.tr, plan.paid
    costs = plan.conversion_only
    if not costs or not (costs["with_awareness"] or costs["awareness"]):
        cpa = paid.totals.get("cpa")
        return cpa, tr.money(cpa, 2) if cpa else None
    return costs["average"], tr.t("agency.conversion_only_cpa",
                                  cpa=tr.money(costs["average"], 2))
