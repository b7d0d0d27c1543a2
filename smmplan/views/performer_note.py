"""Chapter 3's note when the client's own post history names no best performer: its
platforms' engagement rates, post counts and the rule (``channel_choice.history_lead``,
data/content.yaml ``channel_rules.performer_lead_z``) that reads their gap as a tie."""

from __future__ import annotations

from ..channel_choice import best_performers, history_rates, performer_basis, rules
from ..exports.posts import read_posts
from ..plan import Plan
from .base import platform_label


def performer_tie_note(plan: Plan) -> list[str]:
    """One sentence when the history covers two or more of the client's channels and the
    top rate does not lead the others by the rule's standard errors; else none."""
    brief, tr = plan.brief, plan.tr
    if performer_basis(brief) != "history" or best_performers(brief):
        return []
    rates = history_rates(brief)
    runs = [c.platform for c in brief.situation.channels
            if c.posts_per_week and c.platform in rates]
    history = read_posts(brief)
    if len(runs) < 2 or history is None:
        return []
    counts = history.groupby("platform").size()
    ranked = sorted(runs, key=lambda p: -rates[p])
    return [tr.t("channels.performer_tie", rates=tr.join([tr.t(
        "channels.performer_rate", platform=platform_label(p), rate=tr.percent(rates[p], 2),
        posts=tr.number(int(counts.get(p, 0)))) for p in ranked]),
        z=tr.number(rules()["performer_lead_z"], 2))]
