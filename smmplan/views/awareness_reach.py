"""What the awareness part of the paid budget reaches, said once (review 19: Maison
Fournil's opening campaign reached "10 929" people three times while the cost note said
"540 € pour 53 219 personnes touchées"; Cloudline's LinkedIn awareness ran at "1.0" an
impression a person a month, with no word on what that can do). The opening campaign's
platform says the campaign's own reach (``openings_paid.campaign``); any other platform
with awareness spend below the exposures an ad needs to be remembered (data/paid.yaml
``opening_campaign.min_frequency``, the one rule), in a plan with an awareness goal, says
what that does not do and how many people the same impressions would reach that often,
concentrated on them."""

from __future__ import annotations

from ..catalogue import paid_facts
from ..openings_paid import campaign, rule
from ..plan import Plan
from .base import platform_label


def awareness_impressions(plan: Plan, c) -> float:
    """The impressions ``c``'s awareness spend buys, as the forecast computed them
    (``ChannelPlan.awareness_impressions``)."""
    return c.awareness_impressions if c.awareness_reach > 0 else 0.0


def cost_reach(plan: Plan, c) -> str:
    """A platform's awareness spend and what it reaches, for the cost note: the opening
    campaign's people reached (its platform), else the people and the cost per 1,000."""
    tr = plan.tr
    camp = campaign(plan.brief, plan.paid)
    if camp is not None and camp["platform"] == c.platform and camp["focus"]["people"]:
        return tr.t("budget.cost_note_reach_opening", platform=platform_label(c.platform),
                    spend=tr.money(c.awareness_spend), people=tr.number(camp["focus"]["people"]),
                    min=tr.number(camp["focus"]["minimum"]))
    return tr.t("budget.cost_note_reach", platform=platform_label(c.platform),
                spend=tr.money(c.awareness_spend), people=tr.number(c.awareness_reach),
                cost=tr.money(c.awareness_spend / c.awareness_reach * 1000, 2))


def thin_reach(plan: Plan) -> list[str]:
    """For a plan with an awareness goal (data/paid.yaml ``awareness_target.kpis``), each
    platform with awareness spend, other than the opening campaign's, whose awareness
    impressions reach each person reached fewer times over the plan than the minimum: what
    that does and does not do, and the people the same impressions would reach that often
    if concentrated on them."""
    tr, low = plan.tr, float(rule()["min_frequency"])
    kpis = (paid_facts().get("awareness_target") or {}).get("kpis") or []
    if not any(o.kpi in kpis for o in plan.objectives.objectives):
        return []
    camp = campaign(plan.brief, plan.paid)
    out = []
    for c in plan.paid.channels:
        if c.awareness_spend < 0.5 or c.awareness_reach < 1 \
                or (camp and camp["platform"] == c.platform):
            continue
        seen = awareness_impressions(plan, c)
        if seen / c.awareness_reach >= low:
            continue
        out.append(tr.t("budget.frequency_thin", platform=platform_label(c.platform),
                        each=tr.number(seen / c.awareness_reach, 1), min=tr.number(low),
                        source=rule()["min_frequency_source"],
                        spend=tr.money(c.awareness_spend), impressions=tr.number(round(seen, -2)),
                        reached=tr.number(round(c.awareness_reach, -2)),
                        people=tr.number(round(seen / low, -2))))
    return out
