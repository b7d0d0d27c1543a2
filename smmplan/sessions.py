"""The sessions of the offer line the paid budget books when it has seats (a workshop):

- the weekday they run on: the one the brief names in the line's name or description, in
  the plan's language or in English ("Ateliers du samedi"), else the sector playbook's
  session weekday (its ideas' ``occurs``); no sessions without either;
- their dates in the plan period, never on a public holiday of the client's country (no
  session on 1 or 8 May, or on Christmas Day);
- the seats a session holds: the line's ``capacity_per_month`` over the usual number of
  sessions in a month (the median month of the period, holidays aside: 4 Saturdays);
- the sessions of a month: its first ``usual`` session days that are not holidays, so that
  its sessions hold the client's own capacity a month and no more (a fifth Saturday is
  listed only in place of a holiday: 1 and 8 May off, the sessions are on 15, 22 and 29
  May); a month without enough open session days has fewer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from dataclasses import dataclass

from .brief import Brief, OfferLine
from .i18n import Translator
from .idea_model import template_fits
from .posting_days import public_holidays


@dataclass
class Sessions:
    line: str
    weekday: int  # 0 = Monday
    per_session: float  # seats a session holds
    dates: list[dt.date]  # the sessions held in the plan period
    skipped: list[dt.date]  # session days lost to a public holiday

    def by_month(self) -> dict[str, int]:
        """Sessions held each month ("YYYY-MM"), 0 for a month without any."""
        out: dict[str, int] = {}
        for d in self.dates + self.skipped:
            out.setdefault(d.isoformat()[:7], 0)
        for d in self.dates:
            out[d.isoformat()[:7]] += 1
        return dict(sorted(out.items()))

    def reminded(self) -> list[dt.date]:
        """The sessions a reminder story sells: the last ``session_reminders`` of each month
        (data/content.yaml ``calendar``). The month's first ones are sold by the post naming
        the month's dates the week before; a story before every session was the same
        reminder each week (49 in a year), where the month's last session is the one whose
        places are still unsold."""
        from .catalogue import content_facts

        per_month = int(content_facts()["calendar"]["session_reminders"])
        months: dict[str, list[dt.date]] = {}
        for d in self.dates:
            months.setdefault(d.isoformat()[:7], []).append(d)
        return sorted(d for ds in months.values() for d in ds[-per_month:])

    def seats_by_month(self) -> dict[str, float]:
        """Seats of each month: its sessions times a session's seats."""
        return {m: n * self.per_session for m, n in self.by_month().items()}


def booked_line(brief: Brief) -> OfferLine | None:
    """The offer line paid books when it has seats (``capacity_per_month``)."""
    books = brief.budget.paid.books
    return next((o for o in brief.offer if o.capacity_per_month and books
                 and o.name.casefold() == books.casefold()), None)


def session_weekday(brief: Brief, line: OfferLine) -> int | None:
    """The weekday the line's sessions run on (module docstring), None when unknown."""
    from babel.dates import get_day_names

    from .sectors import playbook

    text = f"{line.name} {line.description or ''}".casefold()
    for locale in dict.fromkeys((brief.locale, "en")):
        names = get_day_names("wide", locale=locale)
        found = [i for i in range(7) if str(names[i]).casefold() in text]
        if len(found) == 1:
            return found[0]
    return next((int(t["occurs"]["weekday"]) for t in playbook(brief.client.sector_kind)["ideas"]
                 if t.get("occurs") and template_fits(t, text)), None)


def sessions(brief: Brief) -> Sessions | None:
    """The booked line's sessions in the plan period (module docstring); None without a
    booked line with seats or a session weekday."""
    line = booked_line(brief)
    weekday = session_weekday(brief, line) if line else None
    if line is None or weekday is None:
        return None
    p = brief.client.period
    closed = public_holidays(brief)
    day = p.start + dt.timedelta(days=(weekday - p.start.weekday()) % 7)
    every: list[dt.date] = []
    while day <= p.end:
        every.append(day)
        day += dt.timedelta(days=7)
    months: dict[str, list[dt.date]] = {}
    for d in every:
        months.setdefault(d.isoformat()[:7], []).append(d)
    usual = max(1, statistics.median_low(len(ds) for ds in months.values())) if months else 1
    held, skipped = [], []
    for ds in months.values():  # the capacity's sessions: the first usual open days
        held += [d for d in ds if d not in closed][:usual]
        skipped += [d for d in ds[:usual] if d in closed]
    return Sessions(line.name, weekday, float(line.capacity_per_month) / usual, held, skipped)


def seats_sentence(seats: dict, tr: Translator, day=None) -> str:
    """How the budget chapter caps paid bookings (``paid_months.free_seats``): each month's
    own free seats when the sessions are dated (the days without a session written by
    ``day``, the views' date style), else the line's monthly figure."""
    day = day or tr.date
    if seats.get("by_month"):
        free = [seats["by_month"][m] for m in sorted(seats["by_month"])]
        return tr.t("budget.seats_cap_sessions", line=seats["line"],
                    per=tr.number(seats["per_session"]), sessions=seats["sessions"],
                    off=tr.join([day(dt.date.fromisoformat(d)) for d in seats["skipped"]])
                    or "0", low=tr.number(min(free)), high=tr.number(max(free)),
                    fill=tr.percent(seats["fill"], 0))
    return tr.t("budget.seats_cap", free=tr.number(seats["free"]), line=seats["line"],
                capacity=tr.number(seats["capacity"]), fill=tr.percent(seats["fill"], 0))


def session_photos(brief: Brief, tr: Translator) -> list:
    """The proof of the sessions held: each month with sessions, one post of the sector's
    idea that reports a session held (its ``occurs`` side ``last``: the participants'
    photos, shared with their consent, the workshop lever's "after"), on the month's best
    session, in the week after the month's last one (Sunday to Friday); instead of the idea
    told once in the year (``held_to_sessions``)."""
    from babel.dates import format_date

    from .idea_model import Idea, copy_register
    from .sectors import playbook

    held, line = sessions(brief), booked_line(brief)
    if held is None or line is None:
        return []
    tpl = next((t for t in playbook(brief.client.sector_kind)["ideas"]
                if t.get("occurs", {}).get("side") == "last" and template_fits(t, line)), None)
    if tpl is None:
        return []
    reg, last = copy_register(brief), {}
    for d in held.dates:
        last[d.isoformat()[:7]] = d
    out = []
    for d in last.values():
        month = format_date(d, "MMMM", locale=tr.locale)
        day = min(d + dt.timedelta(days=6), brief.client.period.end)
        out.append(Idea(tpl["pillar"], tr.text(tpl["topic"], reg, offer=line.name),
                        tr.t("ideas.session_photos_hook", month=month), tpl["cta"],
                        offer=line.name, moment=tr.t("ideas.session_photos_moment",
                                                     line=line.name, month=month),
                        date=day.isoformat(), lead_days=(day - d).days - 1, posts=1,
                        once=True, per_year=1))  # organic: the paid posts sell the dates
    return out


def held_to_sessions(brief: Brief, ideas: list) -> list:
    """The undated ideas with the booked line's own held back when its sessions are dated
    (``sessions``): those sessions already have a post a month naming their dates and a
    reminder story before each, so each of the line's other ideas is told once in the year
    (``per_year`` 1) and none sells the coming session (``occurs`` next: the reminder
    story does), and the one that shows a session held (``occurs`` last: the
    participants' photos) is dated each month instead (``session_photos``). The line
    keeps about a feed post a month; the rest of the feed goes to
    the other lines (the daily bake, the sourcing, the regulars)."""
    held = sessions(brief)
    if held is None or not held.dates:
        return ideas
    out = []
    for idea in ideas:
        if idea.offer != held.line or idea.date:
            out.append(idea)
        elif idea.occurs.get("side") == "last":  # a session held: dated each month
            continue  # (``session_photos``)
        elif idea.occurs.get("side") != "next":
            out.append(dataclasses.replace(idea, per_year=min(idea.per_year or 1, 1)))
    return out
