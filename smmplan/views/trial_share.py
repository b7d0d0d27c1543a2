"""Chapter 6's note on a platform given a test share of the conversion budget
(``target_spend.trial_min``): why (the plan's best performer, used by the paid target), how
much, and what its forecast costs against the other platforms' (conversion campaigns only,
``conversion_cost.conversion_only``: the stop rule's basis)."""

from __future__ import annotations

import datetime as dt

from ..catalogue import paid_facts
from ..conversion_cost import stop_thresholds
from ..offer_paths import event_lines
from ..plan import Plan
from ..target_spend import trial_platforms
from .base import day, platform_label
from .lead_gate import lead_words
from .stop_basis import stop_multiple


def trial_share_notes(plan: Plan) -> list[str]:
    """One sentence per test platform the plan funds (module docstring)."""
    tr, paid, brief = plan.tr, plan.paid, plan.brief
    history = set((paid.history or {}).get("platforms") or {})
    tested = trial_platforms(brief, history)
    if not tested:
        return []
    personas = [p.name for p in brief.targets.personas if p.offer == paid.books]
    by = {c.platform: c for c in paid.channels}
    own = (plan.conversion_only or {}).get("platforms", {})  # without awareness, as the
    limits = stop_thresholds(paid)  # stop rule's basis and break-even
    out = []
    for platform in tested:
        c = by.get(platform)
        if c is None or c.conversion_spend <= 0:
            continue
        others = [o for o in paid.channels if o.platform != platform and o.platform in own]
        out.append(tr.t(
            "budget.test_share", platform=platform_label(platform),
            amount=tr.money(c.conversion_spend),
            percent=tr.percent(paid_facts()["test_share"]["percent"], 0),
            personas=tr.join([tr.t("budget.test_share_persona", name=n) for n in personas]),
            conversions=tr.number(c.conversions),
            cpa=tr.money(own[platform], 2) if platform in own else tr.t("common.na"),
            others=tr.join([f"{platform_label(o.platform)} {tr.money(own[o.platform], 2)}"
                            for o in others]) or tr.t("common.na")))
        be = limits.get(platform)
        test = next((t for t in paid.tests if t["platform"] == platform), None)
        if test is not None:  # a dated, capped test (trial_test): said so, not a share
            out[-1] = _capped(plan, test, own, others, personas, c)
        elif platform in own and be and own[platform] > be:  # the stop rule's own basis
            out[-1] += tr.t("budget.test_share_above", cpa=tr.money(own[platform], 2),
                            break_even=tr.money(be, 2))
    return out


def _capped(plan: Plan, test: dict, own: dict, others: list, personas: list[str], c) -> str:
    """The test platform's note when the split funds only its dated, capped test (its
    pre-cap share and whether the stop rule capped it: the ``Paid.tests`` row's own)."""
    tr = plan.tr
    when = lambda key: day(tr, dt.date.fromisoformat(test[key]))  # noqa: E731
    be = test["threshold"]
    rest = tr.join([platform_label(o.platform) for o in others]) or tr.t("common.na")
    cpa = own.get(test["platform"])
    return tr.t(
        "budget.test_capped", platform=platform_label(test["platform"]),
        amount=tr.money(test["budget"]), weeks=tr.number(test["weeks"]),
        start=when("start"), end=when("end"),
        why=tr.t("budget.test_capped_stop", break_even=tr.money(be, 2),
                 multiple=stop_multiple(tr),
                 percent=tr.percent(paid_facts()["test_share"]["percent"], 0),
                 share=tr.money(test["share"])) if test["capped"] and not test.get("gate") else
        tr.t("budget.test_capped_share",
             percent=tr.percent(paid_facts()["test_share"]["percent"], 0)),
        personas=tr.join([tr.t("budget.test_share_persona", name=n) for n in personas]),
        cpa=tr.money(cpa, 2) if cpa else tr.t("common.na"),
        conversions=tr.number(c.conversions),
        others=tr.join([f"{platform_label(o.platform)} {tr.money(own[o.platform], 2)}"
                        for o in others]) or tr.t("common.na"),
        above=tr.t("budget.test_capped_above", break_even=tr.money(be, 2), rest=rest)
        if cpa and be and cpa > be else "",
        reading=_reading(plan, test, c, rest))


def _reading(plan: Plan, test: dict, c, rest: str) -> str:
    """How the test is read on its end date: on its cost per conversion against the stop
    rule, or, when it is forecast to bring fewer conversions than ``test_share.
    min_read_conversions`` (too few to read a cost), on its cost per click to the booking
    page, at the break-even times the forecast's click-to-conversion rate."""
    tr, be = plan.tr, test["threshold"]
    end = day(tr, dt.date.fromisoformat(test["end"]))
    least = paid_facts()["test_share"]["min_read_conversions"]
    if be and c.clicks > 0 and 0 < c.conversions < least:
        rate = c.conversions / c.clicks
        return tr.t("budget.test_read_clicks", conversions=tr.number(c.conversions),
                    swing=tr.percent(100 / max(1, round(c.conversions)), 0),
                    clicks=tr.number(c.clicks), end=end, cpc=tr.money(be * rate, 2),
                    threshold=tr.money(be, 2), rate=tr.percent(rate * 100, 2), rest=rest)
    return tr.t("budget.test_read_cpa", end=end, rest=rest,
                threshold=tr.money(be, 2) if be else tr.t("common.na"))


def trial_steps(plan: Plan) -> list[tuple[dt.date, str]]:
    """Each dated, capped test's reading as a next step for the summary (its end date, the
    line)."""
    tr, paid = plan.tr, plan.paid
    rest = [platform_label(c.platform) for c in paid.channels if c.conversion_spend > 0
            and c.platform not in {t["platform"] for t in paid.tests}]
    kept = tr.join([o.name for o in event_lines(plan.brief, "lead")])
    return [(dt.date.fromisoformat(t["end"]), tr.t(
        "agency.step_gate_test" if t.get("gate") else "agency.step_trial_test",
        end=day(tr, dt.date.fromisoformat(t["end"])), kept=kept,
        platform=platform_label(t["platform"]), budget=tr.money(t["budget"]),
        weeks=tr.number(t["weeks"]), events=lead_words(plan)["events"],
        threshold=tr.money(t["threshold"], 2)
        if t["threshold"] else tr.t("common.na"), rest=tr.join(rest) or tr.t("common.na")))
        for t in paid.tests]
