"""Chapter 4's note under the content pillars table: a pillar whose share of the calendar
passes its stated share (data/content.yaml ``calendar.pillar_gap_points``) is named with
the dated parts of the plan that belong to it, in the client's terms: a lever's series (a
monthly webinar and its reminders, replay and clips), posts from people's own profiles,
the dated posts of a brief's goal or of a booked offer line, the year's key moments. The
stated mix applies to the posts the plan places freely; these come with their dates."""

from __future__ import annotations

from collections import Counter

from ..catalogue import content_facts
from ..new_shops import new_shops_goal
from ..plan import Plan
from ..sectors import playbook


def pillar_name(plan: Plan, key: str) -> str:
    """A pillar's name in the client's sector (the playbook's), else the catalogue's."""
    return plan.channels.pillar_names.get(key) or plan.tr.t(f"pillar.{key}")


def series_label(plan: Plan, s, ideas: dict[str, dict], levers: dict[str, dict]) -> str:
    """The dated part of the plan a calendar post belongs to, in the client's words; ""
    for a post the plan places freely (an undated idea)."""
    tr = plan.tr
    if getattr(s, "profile", ""):
        return tr.t(f"channels.series.profile_{s.profile}")
    if s.lever and s.lever in levers:
        return tr.t("channels.series.lever", lever=tr.text(levers[s.lever]["name"]))
    if not s.moment:
        return ""
    idea = ideas.get(s.base_idea) or {}
    if idea.get("goal"):
        goal = new_shops_goal(plan.brief)
        return tr.t("channels.series.goal", goal=goal) if goal else \
            tr.t("channels.series.goals")
    if idea.get("offer"):
        return tr.t("channels.series.offer", offer=idea["offer"])
    return tr.t("channels.series.moments")


def pillar_gap_notes(plan: Plan) -> list[str]:
    """One sentence per pillar the calendar holds well above its stated share (its share
    counted as the table counts it, over every calendar post), naming the dated parts of
    the plan that lift it, most posts first; [] when the calendar follows the mix."""
    tr, ch = plan.tr, plan.channels
    gap = float(content_facts()["calendar"]["pillar_gap_points"])
    total = max(1, len(ch.slots))
    ideas = {i["text"]: i for i in ch.ideas}
    levers = {lv["key"]: lv for lv in playbook(plan.brief.client.sector_kind)["levers"]}
    out = []
    for p in ch.pillars:
        mine = [s for s in ch.slots if s.pillar == p["key"]]
        share = len(mine) / total * 100
        if share - p["weight"] < gap:
            continue
        groups = Counter(label for s in mine if (label := series_label(plan, s, ideas, levers)))
        if not groups:
            continue
        out.append(tr.t("channels.pillar_gap", pillar=pillar_name(plan, p["key"]),
                        calendar=tr.percent(share), share=tr.percent(p["weight"]),
                        dated=tr.number(sum(groups.values())), posts=tr.number(len(mine)),
                        series=tr.join([tr.t("channels.series.count", name=name,
                                             n=tr.number(n)) for name, n in groups.most_common()])))
    return out
