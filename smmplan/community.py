"""Community management and crisis playbooks, computed from the channels kept, the team
and, when a post export gives comment counts, the brand's own baseline. Through the months
of highest demand the crisis thresholds scale with the month's demand (``peak_levels``,
data/community.yaml), and the review sites the brief names get a daily reply rota."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .brief import Brief
from .exports.posts import read_posts
from .jsondata import as_data
from .paths import data_yaml
from .sector_defaults import sector_response_hours

SITUATIONS = {  # situation -> moderation action
    "question": "answer",
    "complaint": "answer_then_private",
    "praise": "thank",
    "troll": "hide_or_ignore",
    "spam": "delete",
    "review": "answer",
}
NEGATIVE_SHARE = 10.0  # % of comments assumed negative when no measure exists (convention)
LEVELS = (  # level, multiple of the negative-comment baseline, who acts, hours to act
    (1, 2, "community_manager", 4),
    (2, 5, "strategist", 2),
    (3, 10, "management", 1),
)


@dataclass
class Community:
    situations: list[dict]  # {situation, action}
    response_hours: dict[str, int]
    baseline_comments_per_day: float | None
    negative_per_day: float | None
    baseline_basis: str  # "history" or "none"
    levels: list[dict]  # {level, trigger, multiple, owner, hours}
    approval_owner: str
    trigger_unit: str = "day"  # "day", or "week" when fewer than one negative comment a day
    negative_per_unit: float | None = None  # the baseline in the triggers' unit
    peak: list[dict] = field(default_factory=list)  # {month, index, triggers} (peak_levels)
    review_sites: list[str] = field(default_factory=list)  # the brief's, for the peak rota

    def to_json(self) -> dict:
        return as_data(self)


def baseline_comments(brief: Brief) -> float | None:
    """Average comments per day over the post export's dated span (when it has comments)."""
    posts = read_posts(brief)
    if posts is None or "comments" not in posts or "date" not in posts:
        return None
    days = posts["date"].dropna()
    if days.empty:
        return None
    span = max(1, (days.max() - days.min()).days + 1)
    return float(posts["comments"].fillna(0).sum() / span)


def crisis_triggers(negative_per_day: float) -> tuple[str, float, list[tuple[int, float]]]:
    """Whole-number triggers, one per level: the unit ("day", or "week" when the brand gets
    fewer than one negative comment a day), the baseline in that unit, and per level the
    count of negative comments above which it starts with the multiple of the baseline
    that count really is, against the baseline as the plan shows it (one decimal), so that
    the sentence's figures multiply out. Each trigger is the level's multiple of the
    baseline rounded up, and at least one more than the level below's, so levels never
    share a threshold."""
    unit = "day" if negative_per_day >= 1 else "week"
    base = negative_per_day * (1 if unit == "day" else 7)
    shown = round(base, 1) or base  # the baseline the sentence says
    return unit, base, [(count, round(count / shown, 1) if shown > 0 else 0.0)
                        for count in _counts(base)]


def _counts(base: float) -> list[int]:
    """Each level's whole threshold for a baseline of ``base`` negative comments a unit: the
    level's multiple of it rounded up, and at least one more than the level below's."""
    out: list[int] = []
    below = 0
    for _, multiple, _, _ in LEVELS:
        below = max(math.ceil(round(base * multiple, 6)), below + 1)
        out.append(below)
    return out


def facts() -> dict:
    """data/community.yaml."""
    return data_yaml("community.yaml")


def scaled_triggers(per_unit: float, factor: float) -> list[int]:
    """Each level's threshold for a baseline of ``per_unit`` negative comments scaled by
    ``factor`` (a month's demand index), in the baseline's own unit, with the same rules
    as ``crisis_triggers`` (``_counts``)."""
    return _counts(per_unit * factor)


def peak_levels(brief: Brief, per_unit: float | None) -> list[dict]:
    """The plan's months whose demand index (``paid_demand.demand_index``, the one the paid
    budget is phased on) is at least ``peak_min_index``: {month (first day, ISO), index,
    basis (the index's), triggers (``scaled_triggers``)}; [] without a baseline."""
    if per_unit is None:
        return []
    from .paid_demand import demand_index  # reads the ads export: only with a baseline

    demand = demand_index(brief)
    index, least = demand.index, float(facts()["peak_min_index"])
    return [{"month": m.isoformat(), "index": round(index[m.month], 2), "basis": demand.basis,
             "triggers": scaled_triggers(per_unit, index[m.month])}
            for m in brief.client.period.month_starts if index[m.month] >= least]


def review_sites(brief: Brief) -> list[str]:
    """The review sites of data/community.yaml the brief names as review sites (each site's
    own ``pattern``, as whole words, in its problems, weaknesses, threats, strengths), in
    that list's order, by their ``name``."""
    s = brief.situation
    text = " ".join([*s.weaknesses, *s.threats, *s.strengths,
                     *(p.evidence for _, p in s.problems if p.evidence)])
    return [site["name"] for site in facts()["review_sites"]
            if re.search(rf"(?<!\w)(?:{site['pattern']})(?!\w)", text, re.I)]


def plan_community(brief: Brief, kept_platforms: list[str]) -> Community:
    """The community and crisis chapter's results."""
    hours_by_platform = sector_response_hours(brief.client.sector_kind)
    base = baseline_comments(brief)
    negative = base * NEGATIVE_SHARE / 100 if base is not None else None
    unit, per_unit, triggers = ("day", None, [(None, None)] * len(LEVELS))
    if negative is not None:
        unit, per_unit, triggers = crisis_triggers(negative)
    levels = []
    for (level, _, owner, hours), (count, multiple) in zip(LEVELS, triggers, strict=True):
        if brief.client.size == "sme":
            owner = {"community_manager": "social_media_manager",
                     "strategist": "owner", "management": "owner"}[owner]
        levels.append({"level": level, "multiple": multiple, "trigger": count,
                       "owner": owner, "hours": hours})
    return Community(
        situations=[{"situation": k, "action": v} for k, v in SITUATIONS.items()],
        response_hours={p: hours_by_platform[p] for p in kept_platforms},
        baseline_comments_per_day=round(base, 2) if base is not None else None,
        negative_per_day=round(negative, 2) if negative is not None else None,
        baseline_basis="history" if base is not None else "none",
        levels=levels,
        approval_owner="owner" if brief.client.size == "sme" else "strategist",
        trigger_unit=unit,
        negative_per_unit=round(per_unit, 2) if per_unit is not None else None,
        peak=[p for p in peak_levels(brief, per_unit)  # only where a threshold moves
              if p["triggers"] != [count for count, _ in triggers]],
        review_sites=review_sites(brief),
    )
