"""Where the client's own web conversions came from, platform by platform: the channel
choice's "where results come from" when the client has no customer table saying through
which platform each customer came.

The conversions are those the leads goal counts in the web analytics export (its own
event, "demo requests", when it names one: ``client_web.web_export``), from organic social
visits only: a paid visit's conversion was bought by an ad, not brought by the posts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .brief import Brief
from .catalogue import content_facts, paid_facts
from .client_web import web_export
from .paid_value import _platform_of, is_paid_source


@dataclass(frozen=True)
class WebResults:
    """Share (%) of the counted organic social conversions per platform."""

    shares: dict[str, float]
    conversions: float  # organic social conversions counted, over the export's period
    event: str | None  # the goal's event ("demo"), None when every key event counts
    file: str


def web_results(brief: Brief) -> WebResults | None:
    """The organic social conversions of the web export by platform, as shares; None
    without an export, or with fewer conversions than ``channel_rules.min_web_results``
    (too few to say where results come from)."""
    web, name, counted = web_export(brief)
    if web is None or web.empty:
        return None
    facts = paid_facts()["web_sources"]
    by: dict[str, float] = {}
    total = 0.0
    for source, social, conversions in zip(web["source"], web["social"], web["conversions"],
                                           strict=True):
        if not social or is_paid_source(source, facts["paid_mediums"]) or conversions <= 0:
            continue
        total += float(conversions)
        platform = _platform_of(source, facts["aliases"])
        if platform:
            by[platform] = by.get(platform, 0.0) + float(conversions)
    if total < content_facts()["channel_rules"]["min_web_results"] or not by:
        return None
    return WebResults({p: round(v / total * 100, 1) for p, v in by.items()}, total,
                      (counted or {}).get("event"), name)
