"""Which scored platforms the plan keeps and how often each posts (rules in
data/content.yaml ``channel_rules``, planning conventions stated in the plan).

A platform that fewer than ``min_target_reach`` % of the targets use is never kept unless
the brief runs it and says ``keep: true``. A platform the client already runs is kept from
``keep_score``; one it does not run is added only from ``add_score``: spare capacity is not
a reason to add channels, it goes into the kept channels' frequency, best score first. The
sector's fit (``sector_fit``) weighs on the score, which stays on its 0-100 scale
(``scaled_score``). The client's best-performing channel (``best_performers``: the highest
engagement rate in its own post history when that history covers two or more of its
channels; else, from the rates the brief declares, the highest against its competitors'
median there, else its highest rate; among the platforms the targets use) never posts less
than it does today unless the team's capacity forces it.
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


def audience_term(use: float, platform: str, acquired: dict[str, float] | None,
                  runs: bool) -> float:
    """The audience part of a platform's score (0-1): the share of the targets who use it
    (``use``), and, when the client's own customer data says through which platform each
    customer came (``acquired``: % per platform) and the client runs this one, half of it
    is that platform's acquisition against the client's leading acquisition platform: a
    platform most targets use but few customers came through weighs less than one that
    brings them. Platforms the client does not run have no acquisition to read."""
    top = max((acquired or {}).values(), default=0.0)
    if not runs or top <= 0:
        return use
    return 0.5 * use + 0.5 * (acquired or {}).get(platform, 0.0) / top


def sector_fit(sector_kind: str, platform: str) -> float:
    """The multiplier on a platform's score for the client's kind of sector (1 unless
    ``channel_rules.sector_fit`` lists it)."""
    return float(rules()["sector_fit"].get(sector_kind, {}).get(platform, 1.0))


def scaled_score(base: float, goal_bonus: float, named: bool, fit: float) -> float:
    """A platform's score on its 0-100 scale: ``base`` (0-100) and, for a platform a
    business goal names, ``goal_bonus`` % of the way left to 100; then times the sector's
    fit (at most 1), never above 100."""
    score = base + goal_bonus / 100 * (100 - base) if named else base
    return max(0.0, min(100.0, score * fit))


def home_platforms(targets: list[tuple[float, str | None]], brief: Brief) -> set[str]:
    """The platforms the client runs that are a large target's home: the best channel
    (``target_channels.reach_them``) of a target holding at least ``home_target_share`` % of
    the audience. ``targets``: (share %, best platform) per target."""
    runs = {c.platform for c in brief.situation.channels}
    floor = rules()["home_target_share"]
    return {best for share, best in targets if best in runs and (share or 0) >= floor}


def choose(choices: list[ChannelChoice], brief: Brief, max_channels: int,
           home: set[str] | None = None) -> None:
    """Mark the kept platforms among ``choices`` (best score first) and give every dropped
    one its reason: ``no_targets``, ``no_role``, ``low_fit``, ``not_added`` (a new platform
    below the bar for adding one) or ``capacity``. A ``home`` platform (a large target's
    best channel that the client runs, ``home_platforms``) is not dropped for capacity
    (``kept_home``): the kept channels share the capacity instead."""
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
        elif kept >= max_channels and c.platform in (home or set()):
            reason = "kept_home"
        elif kept >= max_channels:
            reason = "capacity"
        else:
            reason = "kept"
        c.kept, c.reason = reason in ("kept", "kept_brief", "kept_home"), reason
        kept += c.kept
        if not c.kept:
            c.role = None


MIN_HISTORY_POSTS = 5  # a platform's rate from fewer posts of its own is noise


def history_rates(brief: Brief) -> dict[str, float]:
    """The mean engagement rate (engagements / reach per post, %) of each platform in the
    client's post history with at least ``MIN_HISTORY_POSTS`` posts; empty without one."""
    from .exports.posts import read_posts

    history = read_posts(brief)
    if history is None or "rate" not in history or "platform" not in history:
        return {}
    grouped = history[history["platform"] != ""].groupby("platform")["rate"].agg(
        ["mean", "size"])
    return {str(p): round(float(r["mean"]), 3) for p, r in grouped.iterrows()
            if r["size"] >= MIN_HISTORY_POSTS}


def history_lead(brief: Brief, ranked: dict[str, float]) -> bool:
    """Whether the top rate of ``ranked`` (platform: mean engagement rate of its posts)
    leads every other by ``channel_rules.performer_lead_z`` standard errors of the
    difference (Welch: each platform's variance over its post count): a lead the sample
    can tell from noise. Without a spread (one post, equal rates) no lead."""
    from .exports.posts import read_posts

    history = read_posts(brief)
    if history is None or len(ranked) < 2:
        return True
    stats = history[history["platform"].isin(list(ranked))].groupby("platform")["rate"].agg(
        ["mean", "var", "size"])
    top = max(ranked, key=ranked.get)
    z = rules()["performer_lead_z"]
    for p in ranked:
        if p == top:
            continue
        se = (stats.loc[top, "var"] / stats.loc[top, "size"]
              + stats.loc[p, "var"] / stats.loc[p, "size"]) ** 0.5
        if not se > 0 or (ranked[top] - ranked[p]) / se < z:
            return False
    return True


def performer_basis(brief: Brief) -> str:
    """What ``best_performers`` ranks the client's channels on: ``history`` (its own post
    history covers two or more of its channels) or ``brief`` (the declared rates)."""
    runs = {c.platform for c in brief.situation.channels if c.posts_per_week}
    return "history" if len(runs & set(history_rates(brief))) >= 2 else "brief"


def best_performers(brief: Brief, target_reach: dict[str, float] | None = None
                    ) -> dict[str, float]:
    """The client's best-performing channel(s), with today's posts a week: among its
    channels with an engagement rate and posting today (and, when the targets are known,
    used by at least ``min_target_reach`` % of them), the one whose rate is highest against
    its competitors' median on the same platform, provided it is at or above that median;
    without any competitor figure for these channels, the one with the highest rate; the
    rates of the client's own post history instead when it covers two or more of its
    channels (``performer_basis``), where the top one must lead every other by
    ``channel_rules.performer_lead_z`` standard errors (``history_lead``), else none is the
    best performer. Ties share the label; every other channel is not the best
    performer."""
    rates: dict[str, list[float]] = {}
    for comp in brief.situation.competitors:
        for ch in comp.channels:
            if ch.engagement_rate is not None:
                rates.setdefault(ch.platform, []).append(ch.engagement_rate)
    floor = rules()["min_target_reach"]
    facts = content_facts()["platforms"]

    def used(platform: str) -> bool:  # the targets use it (TikTok Shop: TikTok's reach)
        source = facts.get(platform, {}).get("audience_of", platform)
        return target_reach is None or source not in target_reach \
            or target_reach[source] >= floor

    if performer_basis(brief) == "history":  # the client's own posts first
        own = history_rates(brief)
        ranked = {c.platform: own[c.platform] for c in brief.situation.channels
                  if c.platform in own and c.posts_per_week and used(c.platform)}
        if ranked:
            if not history_lead(brief, ranked):  # a lead within the noise: a tie, and
                return {}  # no platform is called the best performer
            top = max(ranked.values())
            return {c.platform: c.posts_per_week for c in brief.situation.channels
                    if ranked.get(c.platform) == top}
    mine = [c for c in brief.situation.channels
            if c.engagement_rate is not None and c.posts_per_week and used(c.platform)]
    compared = {c.platform: c.engagement_rate / median(rates[c.platform]) for c in mine
                if c.platform in rates and median(rates[c.platform]) > 0}
    if compared:
        top = max(compared.values())
        if top < 1:
            return {}
        return {c.platform: c.posts_per_week for c in mine
                if compared.get(c.platform) == top}
    if not mine:
        return {}
    top = max(c.engagement_rate for c in mine)
    return {c.platform: c.posts_per_week for c in mine if c.engagement_rate == top}


def results_leader(acquired: dict[str, float] | None) -> str | None:
    """The platform that brings the largest share of the client's own results
    (``acquired``: its customers, or its web conversions, by platform); None without such
    data. Its posts are not held to its score (``frequency.allocate_frequency``): its
    engagement may be low, what it brings is what posting less there would lose."""
    if not acquired:
        return None
    top = max(acquired.values())
    return next(p for p, v in acquired.items() if v == top) if top > 0 else None
