"""Where the client's own web conversions came from, platform by platform: the channel
choice's "where results come from" when the client has no customer table saying through
which platform each customer came.

The conversions are those the leads goal counts in the web analytics export (its own
event, "demo requests", when it names one: ``goals.counted_frame``, whatever paid buys;
every key event without a leads goal), from unpaid social visits of a known platform
only: a paid visit's conversion was bought by an ad, not brought by the posts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .brief import Brief
from .catalogue import content_facts, paid_facts
from .errors import DataError
from .exports.web import read_web
from .goals import counted_frame, lead_event, match_kpi
from .paid_value import _platform_of, is_paid_source


@dataclass(frozen=True)
class WebResults:
    """Share (%) of the counted organic social conversions per platform."""

    shares: dict[str, float]
    conversions: float  # unpaid social conversions of a known platform, over the period
    event: str | None  # the goal's event ("demo"), None when every key event counts
    file: str


def web_results(brief: Brief) -> WebResults | None:
    """The organic social conversions of the web export by platform, as shares of those a
    platform is known for; None without an export, or with fewer of them than
    ``channel_rules.min_web_results`` (too few to say where results come from)."""
    try:
        web = read_web(brief)
    except DataError:  # the objectives chapter says the file is unusable
        return None
    if web is None or web.empty:
        return None
    event = next((lead_event(g) for g in brief.goals.business_goals
                  if match_kpi(g) == "leads_per_month"), None)
    counted = None
    if event is not None:  # the leads goal's own event, whatever paid buys
        web, counted = counted_frame(web, event)
    facts = paid_facts()["web_sources"]
    by: dict[str, float] = {}
    for source, social, conversions in zip(web["source"], web["social"], web["conversions"],
                                           strict=True):
        if not social or is_paid_source(source, facts["paid_mediums"]) or conversions <= 0:
            continue
        platform = _platform_of(source, facts["aliases"])
        if platform:
            by[platform] = by.get(platform, 0.0) + float(conversions)
    total = sum(by.values())
    if total < content_facts()["channel_rules"]["min_web_results"]:
        return None
    name = brief.resolve(brief.data.web_analytics.path).name
    kind = None if counted is None or counted["fallback"] else counted["event"]
    return WebResults({p: round(v / total * 100, 1) for p, v in by.items()}, total, kind,
                      name)
