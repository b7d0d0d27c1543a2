"""Which scored platforms the plan keeps and how often each posts (rules in
data/content.yaml ``channel_rules``, planning conventions stated in the plan).

A platform that fewer than ``min_target_reach`` % of the targets use is never kept unless
the brief runs it and says ``keep: true``. A platform the client already runs is kept from
``keep_score``; one it does not run is added only from ``add_score``: spare capacity is not
a reason to add channels, it goes into the kept channels' frequency, best score first. The
sector's fit (``sector_fit``) weighs on the score. The client's best-performing channel
(engagement rate at or above its competitors' median there, else its highest rate) never
posts less than it does today unless the team's capacity forces it.
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING

from .brief import Brief
from .catalogue import content_facts

if TYPE_CHECKING:
    from .channels import ChannelChoice


def rules() -> dict:
    """The channel-choice conventions (data/content.yaml ``channel_rules``)."""
    return content_facts()["channel_rules"]


def sector_fit(sector_kind: str, platform: str) -> float:
    """The multiplier on a platform's score for the client's kind of sector (1 unless
    ``channel_rules.sector_fit`` lists it)."""
    return float(rules()["sector_fit"].get(sector_kind, {}).get(platform, 1.0))


def choose(choices: list[ChannelChoice], brief: Brief, max_channels: int) -> None:
    """Mark the kept platforms among ``choices`` (best score first) and give every dropped
    one its reason: ``no_targets``, ``no_role``, ``low_fit``, ``not_added`` (a new platform
    below the bar for adding one) or ``capacity``."""
    r = rules()
    current = {c.platform: c for c in brief.situation.channels}
    kept = 0
    for c in sorted(choices, key=lambda c: -c.score):
        runs = c.platform in current
        forced = runs and current[c.platform].keep
        if forced:
            reason = "kept_brief"
        elif c.objective_fit == 0:
            reason = "no_role"
        elif c.audience_basis == "targets" and c.audience_fit * 100 < r["min_target_reach"]:
            reason = "no_targets"
        elif c.score < r["keep_score"]:
            reason = "low_fit"
        elif not runs and c.score < r["add_score"]:
            reason = "not_added"
        elif kept >= max_channels:
            reason = "capacity"
        else:
            reason = "kept"
        c.kept, c.reason = reason in ("kept", "kept_brief"), reason
        kept += c.kept
        if not c.kept:
            c.role = None


def best_performers(brief: Brief) -> dict[str, float]:
    """The client's channels that perform best, with today's posts a week: those whose
    engagement rate is at or above the competitors' median on the same platform; without
    any competitor figure to compare with, the channel with the highest rate."""
    rates: dict[str, list[float]] = {}
    for comp in brief.situation.competitors:
        for ch in comp.channels:
            if ch.engagement_rate is not None:
                rates.setdefault(ch.platform, []).append(ch.engagement_rate)
    mine = [c for c in brief.situation.channels
            if c.engagement_rate is not None and c.posts_per_week]
    best = {c.platform: c.posts_per_week for c in mine
            if c.platform in rates and c.engagement_rate >= median(rates[c.platform])}
    if not best and mine and not any(c.platform in rates for c in mine):
        top = max(mine, key=lambda c: c.engagement_rate)
        best = {top.platform: top.posts_per_week}
    return best
