"""Posts from people's own profiles, as the sector's advocacy lever states them (the
playbook's ``levers[].profiles``: the platform, the founders' posts a week, the volunteers
and their waves a month), so the lever's text and the calendar carry the same numbers.

- Founders post every week (``founders_per_week``), from their own profile: one calendar
  entry each, on the platform's best window day of the week (the next open working day
  when it is closed), at an hour the brand page does not use; each takes one of the
  playbook's ideas a person posts (``voice: person``), the least used first.
- The volunteers post in waves (``waves_per_month``): one calendar entry per wave, not one
  per volunteer, on the month's first working day and then evenly through the month; it
  carries the lever's own idea (``ideas[].lever``) and says how many volunteers post it.

Neither is ever sponsored (a company cannot boost a person's post) and neither takes a post
of the brand page: they come on top of its posts. They take the team's time (drafts, the
kit, a visual), so they come first out of the team's capacity (``profile_per_week``) and count in
its hours as posts of their format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .sectors import playbook

FORMAT = "photo"  # a person's post: one picture and the text (idea templates: formats [image])


def profile_lever(kind: str) -> dict | None:
    """The sector's lever that states posts from people's own profiles, else None."""
    return next((x for x in playbook(kind)["levers"] if x.get("profiles")), None)


def profile_per_week(brief, platforms: list[str], weeks: float) -> float:
    """Profile posts a week the plan holds (founders' and waves), 0 when the lever's
    platform is not among ``platforms``."""
    lever = profile_lever(brief.client.sector_kind)
    if lever is None or lever["profiles"]["platform"] not in platforms:
        return 0.0
    p = lever["profiles"]
    return float(p["founders_per_week"]) + p["waves_per_month"] * brief.client.period.months \
        / weeks


def lever_values(lever: dict, tr) -> dict[str, str]:
    """The numbers of the lever's ``how`` text, from its ``profiles``, in the plan's
    language: "10 to 15" volunteers, "twice a month", "every week"."""
    p = lever.get("profiles")
    if not p:
        return {}
    low, high = p["volunteers"]

    def rate(key: str, n: int) -> str:
        return tr.t(f"{key}.n{n}") if tr.has(f"{key}.n{n}") else tr.plural(key, n)

    return {"volunteers": tr.t("profiles.volunteers", low=tr.number(low), high=tr.number(high)),
            "waves": rate("profiles.a_month", int(p["waves_per_month"])),
            "founders": rate("profiles.a_week", int(p["founders_per_week"]))}


def lever_how(lever: dict, tr) -> str:
    """A lever's ``how`` in the plan's language, its numbers filled from its data."""
    values = lever_values(lever, tr)
    return tr.text(lever["how"], **values) if values else tr.text(lever["how"])


def _mine(lever: dict, idea) -> str:
    """"wave" for the lever's own idea, "founder" for another a person posts, else ""."""
    if idea.lever == lever["key"]:
        return "wave"
    return "founder" if idea.voice == "person" else ""


def held_for_profiles(brief, evergreen: list) -> list:
    """The ideas with those a person posts capped at 0 posts of the brand page (``Idea.cap``)
    when the lever states its profile posts: ``add_profile_posts`` places them."""
    lever = profile_lever(brief.client.sector_kind)
    if lever is None:
        return evergreen
    return [replace(i, cap=0) if _mine(lever, i) else i for i in evergreen]


def _by_urgency(pool: list) -> list[list]:
    """The founders' themes in the order a week takes them: a theme of the month (or the
    week) and a story told a set number of times a year (``per_year``) first, each the least
    used, then a theme of the quarter, then the rest; so a month's themes are not left
    unused while the quarter's take its weeks, and the weeks of the year are all filled."""
    first = [i for i in pool if i.cadence in ("week", "month") or i.per_year is not None]
    then = [i for i in pool if i.cadence == "quarter" and i.per_year is None]
    rest = [i for i in pool if i not in first and i not in then]
    return [t for t in (first, then, rest) if t]


def _open_day(day: dt.date, closed: set[str], start: dt.date, end: dt.date,
              last: dt.date) -> dt.date | None:
    """``day`` or the next working day up to ``last`` that is not closed, in the period."""
    while day <= min(last, end):
        if day >= start and day.weekday() < 5 and day.isoformat() not in closed:
            return day
        day += dt.timedelta(days=1)
    return None


def add_profile_posts(slots: list, brief, windows: dict, closed: set[str], evergreen: list,
                      tr, register: str) -> dict[str, int]:
    """Add the founders' weekly posts and the volunteers' waves to ``slots`` (see the module
    doc); returns the entries added per platform."""
    from .calendar_slots import Slot
    from .ideas import IdeaUses, give

    lever = profile_lever(brief.client.sector_kind)
    if lever is None:
        return {}
    p = lever["profiles"]
    platform = p["platform"]
    wins = [w for w in windows.get(platform) or [] if w.weekday < 5]
    if not wins:
        return {}
    start, end = brief.client.period.start, brief.client.period.end
    busy = {(s.date, s.time) for s in slots if s.platform == platform}

    def slot(day: dt.date, hour: int) -> Slot:
        h = next(h for h in range(hour, hour + 24) if (day.isoformat(), f"{h:02d}:00")
                 not in busy) % 24
        busy.add((day.isoformat(), f"{h:02d}:00"))
        return Slot(day.isoformat(), f"{h:02d}:00", platform, "values", FORMAT, False)

    founders: list = []
    week = start - dt.timedelta(days=start.weekday())
    while week <= end:
        for k in range(int(p["founders_per_week"])):
            w = wins[k % len(wins)]
            day = _open_day(week + dt.timedelta(days=w.weekday), closed, start, end,
                            week + dt.timedelta(days=4)) \
                or _open_day(week, closed, start, end, week + dt.timedelta(days=4))
            if day is not None:
                founders.append(slot(day, w.hour))
        week += dt.timedelta(days=7)
    waves: list = []
    for first in brief.client.period.month_starts:
        length = ((first + dt.timedelta(days=32)).replace(day=1) - first).days
        for k in range(int(p["waves_per_month"])):
            day = _open_day(first + dt.timedelta(days=k * length // int(p["waves_per_month"])),
                            closed, start, end, first + dt.timedelta(days=length - 1))
            if day is not None:
                waves.append(slot(day, wins[0].hour))
    ideas = [replace(i, cap=None) for i in evergreen if _mine(lever, i)]
    uses = IdeaUses(len(slots) + len(founders) + len(waves))
    low, high = p["volunteers"]
    note = tr.t("profiles.wave_note", volunteers=tr.t(
        "profiles.volunteers", low=tr.number(low), high=tr.number(high)))
    for kind, added in (("founder", founders), ("wave", waves)):
        pool = [i for i in ideas if _mine(lever, i) == kind]
        for s in added:
            idea = uses.pick(_by_urgency(pool), s, set()) if pool else None
            if idea is None:
                continue
            uses.add(idea, s)
            give(s, idea, tr, register)
            s.profile = kind
            if kind == "wave":
                s.adaptation = " ".join(filter(None, (note, s.adaptation)))
            slots.append(s)
    slots.sort(key=lambda s: (s.date, s.time, s.platform, s.ad_only))
    return {platform: sum(1 for s in slots if s.profile)}
