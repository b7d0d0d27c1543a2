"""Where and when the calendar posts around dates: the kept platforms a key moment goes
on, and the days it does not post on (public holidays, unless the sector's shops open;
only the office closures where offices stay open on some)."""

from __future__ import annotations

import datetime as dt

from .brief import Brief
from .catalogue import content_facts


def moment_platforms(kept: list[str]) -> set[str]:
    """The kept platforms a key moment goes on: those whose catalogue score for the
    moments' role (the showcase pillar's) or for awareness reaches ``moment_min_role``
    (data/content.yaml)."""
    facts = content_facts()
    role = facts["pillars"]["showcase"]
    least = facts["calendar"]["moment_min_role"]
    return {p for p in kept
            if max(facts["platforms"][p]["roles"][r] for r in (role, "awareness")) >= least}


def closed_days(sector_kind: str, key_dates: list[dict], country: str | None = None
                ) -> set[str]:
    """The days the calendar does not post on: the public holidays, unless the sector's
    shops are open on them (data/content.yaml ``calendar.post_on_holidays``); in a country
    where offices stay open on some of them (``calendar.office_closures``), only the ones
    they close on."""
    rules = content_facts()["calendar"]
    if sector_kind in rules["post_on_holidays"]:
        return set()
    days = {d["date"] for d in key_dates if d["kind"] == "holiday"}
    closes = rules.get("office_closures", {}).get(country or "")
    if not closes or not days:
        return days
    import holidays

    years = sorted({int(d[:4]) for d in days})
    english = holidays.country_holidays(country, years=years)  # the package's own names
    return {d for d in days
            if any(part.strip().startswith(tuple(closes))
                   for part in english.get(dt.date.fromisoformat(d), "").split(";"))}


def listed_dates(key_dates: list[dict], closed: list[str], sector_kind: str) -> list[dict]:
    """The key dates the plan lists: every moment and event, and the public holidays that
    matter to the calendar: all of them where the sector's shops trade on holidays, else
    those it does not post on (``closed_days``: in the U.S., the six days offices close,
    not Columbus Day or Veterans Day, working days for buyers)."""
    if sector_kind in content_facts()["calendar"]["post_on_holidays"]:
        return key_dates
    shut = set(closed)
    return [d for d in key_dates if d["kind"] != "holiday" or d["date"] in shut]


def public_holidays(brief: Brief) -> set[dt.date]:
    """The public holidays of the client's country in the plan period (no session or
    webinar on them)."""
    import holidays

    p = brief.client.period
    days = holidays.country_holidays(brief.client.country,
                                     years=range(p.start.year, p.end.year + 1))
    return {d for d in days if p.start <= d <= p.end}
