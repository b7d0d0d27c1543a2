"""The channels chapter's lines on how the plan's posting differs from today's: when the
calendar posts less a week than the client does today, where the cut comes from (each
platform today → planned, the reason a platform falls) and what the team's capacity left
over becomes; and, for a platform whose long videos are the webinars' recordings
(``webinars.recorded_long_videos``), that no long video is produced apart."""

from __future__ import annotations

from ..catalogue import content_facts
from ..plan import Plan
from .base import platform_label


def _number(tr, value: float) -> str:
    return tr.number(value, 0 if float(value).is_integer() else 1)


def posting_change(plan: Plan, maintenance_reason) -> str:
    """" The plan posts N a week against today's M: ..." when N < M and every platform
    that falls is at a maintenance cadence or dropped, else "";
    ``maintenance_reason(plan, choice)`` says why a platform posts at a maintenance cadence
    (the channel table's words)."""
    tr, ch = plan.tr, plan.channels
    today = {c.platform: float(c.posts_per_week or 0) for c in plan.brief.situation.channels}
    total = sum(today.values())
    if not total or ch.planned_posts >= total - 0.05:
        return ""
    kept = {c.platform: c for c in ch.choices if c.kept}
    items, cuts = [], []
    for p in dict.fromkeys([*kept, *today]):
        before, after = today.get(p, 0.0), kept[p].posts_per_week if p in kept else 0.0
        if abs(before - after) < 0.05:
            continue
        items.append(tr.t("channels.change_item", platform=platform_label(p),
                          before=_number(tr, before), after=_number(tr, after)))
        if after < before - 0.05:
            c = kept.get(p)
            if c is not None and not c.maintenance:
                return ""  # a cut the maintenance cadence or the channel choice does not
                # explain (capacity, the team budget): said where that is decided
            why = maintenance_reason(plan, c) if c is not None else \
                tr.t("channels.change_dropped")
            cuts.append(tr.t("channels.change_cut", platform=platform_label(p), why=why))
    text = tr.t("channels.change", planned=_number(tr, ch.planned_posts),
                today=_number(tr, total), items=tr.join(items), cuts=" ".join(cuts))
    spare = ch.capacity_posts - ch.planned_posts
    top = content_facts()["frequency_rules"].get("stretch_max") or {}
    weeks = plan.brief.client.period.weeks
    page = {p: sum(s.platform == p and not s.ad_only and not s.profile for s in ch.slots)
            / weeks for p in top}  # the brand page's own posts, people's profiles aside
    full = [c for c in kept.values() if c.platform in top and c.stretched
            and page[c.platform] >= top[c.platform] - 0.25]
    if spare >= 0.5 and full:
        text += " " + tr.t("channels.change_spare", spare=_number(tr, round(spare, 1)),
                           platform=platform_label(full[0].platform),
                           top=_number(tr, top[full[0].platform]))
    return " " + text


def recorded_note(plan: Plan) -> str:
    """" On YouTube, the long videos are the webinars' recordings ..." for each platform
    whose formats lost ``long_video`` to the webinars (``recorded_long_videos``)."""
    tr, ch = plan.tr, plan.channels
    facts = content_facts()["platforms"]
    out = ""
    for c in ch.choices:
        mix = ch.mix.get(c.platform)
        if not c.kept or mix is None or "long_video" in mix \
                or "long_video" not in facts[c.platform]["formats"][:3]:
            continue
        lives = sum(s.platform == c.platform and s.format == "live" for s in ch.slots)
        if lives:
            out += " " + tr.t("channels.recorded", platform=platform_label(c.platform),
                              n=tr.number(lives))
    return out
