"""Chapter 6's note on a platform given a test share of the conversion budget
(``target_spend.trial_min``): why (the plan's best performer, used by the paid target), how
much, and what its forecast costs against the other platforms' (conversion campaigns only,
``conversion_cost.conversion_only``: the stop rule's basis)."""

from __future__ import annotations

from ..catalogue import paid_facts
from ..conversion_cost import conversion_only, stop_thresholds
from ..plan import Plan
from ..target_spend import trial_platforms
from .base import platform_label


def trial_share_notes(plan: Plan) -> list[str]:
    """One sentence per test platform the plan funds (module docstring)."""
    tr, paid, brief = plan.tr, plan.paid, plan.brief
    history = set((paid.history or {}).get("platforms") or {})
    tested = trial_platforms(brief, history)
    if not tested:
        return []
    personas = [p.name for p in brief.targets.personas if p.offer == paid.books]
    by = {c.platform: c for c in paid.channels}
    out = []
    for platform in tested:
        c = by.get(platform)
        if c is None or c.conversion_spend <= 0:
            continue
        own = (conversion_only(paid) or {}).get("platforms", {})  # without awareness, as
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
        be = stop_thresholds(paid).get(platform)
        if platform in own and be and own[platform] > be:  # the stop rule's own basis
            out[-1] += tr.t("budget.test_share_above", cpa=tr.money(own[platform], 2),
                            break_even=tr.money(be, 2))
    return out
