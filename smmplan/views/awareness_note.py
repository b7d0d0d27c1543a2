"""Why the awareness spend sits where it does when an awareness goal names a target
(``awareness_target``): the goal, the target, its platforms, and the planned platforms that
get no awareness money because the target is not there."""

from __future__ import annotations

from ..awareness_target import awareness_target
from ..plan import Plan
from .base import platform_label


def awareness_note(plan: Plan) -> list[str]:
    """One sentence, or none when no awareness goal names a target or every planned
    platform is one the target uses."""
    tr, paid = plan.tr, plan.paid
    target = awareness_target(plan.brief)
    if target is None or not paid.channels:
        return []
    others = [c.platform for c in paid.channels if c.platform not in target["platforms"]]
    spend = sum(c.awareness_spend for c in paid.channels)
    if not others or spend <= 0:
        return []
    return [tr.t("budget.awareness_target", spend=tr.money(spend), goal=target["goal"],
                 persona=target["persona"],
                 platforms=tr.join([platform_label(p) for p in target["platforms"]]),
                 others=tr.join([platform_label(p) for p in others]))]
