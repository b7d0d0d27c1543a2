"""Workload by format: the hours the plan's calendar takes, format family by format family
(a 20-minute live is not a story), plus the sector levers that take hours every week (a
Google Business Profile post per shop, review replies). Hours per family and their basis are
in ``data/roles.yaml`` ``workload``; the team chapter sizes its roles from these rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .brief import Brief
from .catalogue import content_facts, role_facts
from .sectors import playbook

FALLBACK_FAMILY = "photo"  # a format the catalogue does not list: one visual and a caption


def families() -> dict[str, dict]:
    """``data/roles.yaml`` ``workload.families``: formats, sme, content, production, basis."""
    return role_facts()["workload"]["families"]


def family_of(fmt: str) -> str:
    """The family a calendar format belongs to (``FALLBACK_FAMILY`` when none lists it)."""
    return next((k for k, f in families().items() if fmt in f["formats"]), FALLBACK_FAMILY)


def calendar_mix(formats: Iterable[str], start: dt.date, end: dt.date) -> dict[str, float]:
    """Posts a week of each format family in a calendar (its posts' formats between
    ``start`` and ``end``), in the catalogue's family order."""
    weeks = max(1.0, ((end - start).days + 1) / 7)
    counts: dict[str, int] = {}
    for fmt in formats:
        fam = family_of(fmt)
        counts[fam] = counts.get(fam, 0) + 1
    return {k: counts[k] / weeks for k in families() if k in counts}


def default_mix(brief: Brief) -> dict[str, float]:
    """Without a calendar: the sector playbook's formats in equal shares (one post a week
    each; ``rows`` scales them to the posting)."""
    mix: dict[str, float] = {}
    for fmt in playbook(brief.client.sector_kind)["formats"]:
        fam = family_of(fmt)
        mix[fam] = mix.get(fam, 0.0) + 1.0
    return mix


def _today_formats(brief: Brief) -> list[str]:
    """The formats the client's platforms put in rotation today (the first three of each,
    as the calendar does), else the sector's formats."""
    platforms = content_facts()["platforms"]
    formats = [f for c in brief.situation.channels if c.platform in platforms
               for f in platforms[c.platform]["formats"][:3]]
    return formats or list(playbook(brief.client.sector_kind)["formats"])


def expected_per_post(brief: Brief, key: str = "sme") -> float | None:
    """Hours per post before the calendar is built (``key``: ``sme``, ``content`` or
    ``production`` hours of ``data/roles.yaml`` workload): the average over the formats its
    platforms today put in rotation, else over the sector's formats; None when neither has
    a format."""
    formats = _today_formats(brief)
    if not formats:
        return None
    fams = families()
    return sum(fams[family_of(f)][key] for f in formats) / len(formats)


def expected_sme_per_post(brief: Brief) -> float | None:
    """A small business's hours per post before the calendar is built
    (``expected_per_post``)."""
    return expected_per_post(brief, "sme")


def today_mix(brief: Brief, feed: bool = False) -> dict[str, float]:
    """Posts a week per format family of the client's posting today: each platform's
    posts a week (``situation.channels``) spread over the formats it puts in rotation (the
    first three, as the calendar does); with ``feed``, over those of its feed only (a
    client's "posts a week" are the posts its profile shows: no story); empty when the
    brief gives no posting."""
    platforms = content_facts()["platforms"]
    mix: dict[str, float] = {}
    for c in brief.situation.channels:
        formats = platforms.get(c.platform, {}).get("formats", [])[:3] or [FALLBACK_FAMILY]
        formats = [f for f in formats if not feed or family_of(f) != "story"] or formats
        for f in formats:
            fam = family_of(f)
            mix[fam] = mix.get(fam, 0.0) + (c.posts_per_week or 0) / len(formats)
    return {k: v for k, v in mix.items() if v > 0}


def lever_units(brief: Brief) -> dict[str, float]:
    """Units a week of the sector levers that take hours (``workload.levers``): the family
    and how many a week, per location when the lever is (``client.locations``, else 1; with
    the locations given, ``per_location_week`` each when the rule has it: a shop's few
    reviews are not a whole unit)."""
    rules = role_facts()["workload"]["levers"]
    locations = brief.client.locations
    out: dict[str, float] = {}
    for lever in playbook(brief.client.sector_kind)["levers"]:
        rule = rules.get(lever["key"])
        if rule:
            n = rule.get("per_location_week", rule["per_week"]) * locations \
                if rule["per_location"] and locations else rule["per_week"]
            out[rule["family"]] = out.get(rule["family"], 0.0) + n
    return out


def rows(mix: dict[str, float], posts: float, levers: dict[str, float]) -> list[dict]:
    """Hours a week by format family for ``posts`` a week in the calendar's proportions
    (``mix``: posts a week per family) plus the levers' weekly units: per family, posts or
    units a week, hours for a small business (sme) and for a brand team's content and
    production roles, each rounded once to 1 decimal (what the team chapter shows and
    adds up). A calendar without posts has only the levers."""
    fams = families()
    total = sum(mix.values())
    scale = posts / total if total else 0.0
    out = []
    for key in fams:
        n = mix.get(key, 0.0) * scale + levers.get(key, 0.0)
        if n <= 0:
            continue
        f = fams[key]
        out.append({"family": key, "posts_per_week": round(n, 2),
                    "lever": key in levers,
                    "sme_hours": round(n * f["sme"], 1),
                    "content_hours": round(n * f["content"], 1),
                    "production_hours": round(n * f["production"], 1)})
    return out


def totals(table: list[dict]) -> dict[str, float]:
    """The rows' hours a week added up: sme, content, production, and the community share
    of content hours (review replies, which the community manager answers)."""
    return {"sme": round(sum(r["sme_hours"] for r in table), 1),
            "content": round(sum(r["content_hours"] for r in table
                                 if r["family"] != "review_replies"), 1),
            "community": round(sum(r["content_hours"] for r in table
                                   if r["family"] == "review_replies"), 1),
            "production": round(sum(r["production_hours"] for r in table), 1)}
