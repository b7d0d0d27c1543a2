"""The webinars of a sector playbook's webinar lever (a lever with a ``schedule``: the B2B
playbook's "Monthly webinar or live demo"), dated and announced like the bakery's workshop
sessions (``sessions.py``):

- one a month, on a weekday of the schedule's ``weekdays`` nearest its ``near_day`` (mid
  month), never on a public holiday, a day the calendar keeps closed or a quiet stretch
  of the sector's moments (Thanksgiving week);
- each with its registration sequence: an announcement ``announce_days`` before, a
  reminder the day before, the live itself on the platform that hosts lives (the first
  kept platform whose mix has a live: LinkedIn Live or a YouTube live), a replay clip in
  the ``replay_days`` after;
- a topic from the brief, in turn: the playbook's webinar theme that answers a persona's
  need (its ``themes``' ``match`` words in the persona's message or description; the
  persona's own note and name are never a public title), with the offer line it buys, a
  differentiator's theme (never a second webinar on a persona's theme), an offer line
  shown by a customer; a topic told again in the year is its next part, with another
  customer, so no title repeats word for word;
- the calendar's lives are those webinars: a month's live moves onto its webinar's day,
  a live of a month without one becomes the platform's next format.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from .brief import Brief
from .i18n import Translator, apply_register
from .posting_days import public_holidays
from .sectors import playbook


def webinar_rule(brief: Brief) -> dict | None:
    """The ``schedule`` of the sector playbook's webinar lever, None without one."""
    return next((lever["schedule"] for lever in playbook(brief.client.sector_kind)["levers"]
                 if lever.get("schedule")), None)


def webinar_dates(brief: Brief, closed: set[str] | frozenset = frozenset()) -> list[dt.date]:
    """One webinar a month of the plan period (module docstring), None for a month whose
    schedule's weekdays are all closed."""
    from .quiet_days import quiet_windows

    rule = webinar_rule(brief)
    if rule is None:
        return []
    p = brief.client.period
    off = {d.isoformat() for d in public_holidays(brief)} | set(closed)
    quiet = quiet_windows(brief)
    out = []
    for first in p.month_starts:
        days = [first + dt.timedelta(days=k) for k in range(31)]
        days = [d for d in days if d.month == first.month and p.start <= d <= p.end
                and d.weekday() in rule["weekdays"] and d.isoformat() not in off
                and not any(a <= d.isoformat() <= b for a, b in quiet)]
        if days:
            out.append(min(days, key=lambda d: (abs(d.day - int(rule["near_day"])), d)))
    return out


def webinar_subjects(brief: Brief, tr: Translator) -> list[tuple[str, str]]:
    """The webinars' subjects, in turn: each persona's theme (with the offer line it buys),
    each differentiator's (``diff_subjects``), each offer line (module docstring); each
    with the offer line it is about ("" for none), so its calls to action follow that
    line's buying path."""
    personas = persona_themes(brief, tr)
    diffs = [(title, "") for title in diff_subjects(brief, tr, {t for t, _ in personas})]
    offers = [(tr.t("ideas.webinar_subject_offer", offer=o.name), o.name) for o in brief.offer]
    mixed = [s for group in itertools.zip_longest(personas, diffs, offers) for s in group if s]
    return mixed or [(tr.t("ideas.webinar_subject_brand", brand=brief.client.name), "")]


def diff_subjects(brief: Brief, tr: Translator, taken: set[str]) -> list[str]:
    """A webinar subject per differentiator: the first playbook theme not yet ``taken``
    whose ``match`` words it uses (a price model: "What it costs: a customer's bill, line
    by line"); none when only a taken theme matches it (a certification the persona's
    security review already covers: no second security webinar); else the differentiator
    with the buyers' questions answered live (never "shown live": a price model or a
    certification cannot be shown)."""
    from .idea_model import copy_register

    themes = (webinar_rule(brief) or {}).get("themes", [])
    taken, out = set(taken), []
    for d in brief.brand.differentiators:
        text = d.casefold()
        titles = [tr.text(t["title"], copy_register(brief)) for t in themes
                  if any(w in text for w in t["match"])]
        free = [t for t in titles if t not in taken]
        if free:
            taken.add(free[0])
            out.append(free[0])
        elif not titles:
            out.append(tr.t("ideas.webinar_subject_diff", diff=d.strip().rstrip(".")))
    return out


def persona_themes(brief: Brief, tr: Translator) -> list[tuple[str, str]]:
    """Per persona with a message or description, the first playbook webinar theme not yet
    taken whose ``match`` words it uses, with the persona's offer line; a persona no theme
    answers gets none."""
    from .persona_topics import matched_themes

    themes = (webinar_rule(brief) or {}).get("themes", [])
    return [(title, p.offer or "") for p, title in matched_themes(brief, themes, tr)]


def webinar_ideas(brief: Brief, tr: Translator) -> list:
    """The dated ideas of each webinar's registration sequence (module docstring): the
    announcement, the reminder, the live and the replay, as key moments of the calendar,
    then the recording's ``clips`` short clips, one every ``clip_days`` after the replay,
    each named as a clip of that webinar (the webinars lever: the recording cut into
    clips)."""

    from .idea_model import Idea, copy_register

    rule = webinar_rule(brief)
    if rule is None:
        return []
    reg = copy_register(brief)
    subjects = webinar_subjects(brief, tr)
    out = []
    for n, day in enumerate(webinar_dates(brief)):
        subject, offer = subjects[n % len(subjects)]
        if n >= len(subjects):  # a topic told again: its next part, with another customer
            subject = tr.t("ideas.webinar_subject_again", subject=subject,
                           n=n // len(subjects) + 1)
        when = tr.weekday_date(day)
        moment = tr.t("ideas.webinar_moment", date=when)
        announce = int(rule["announce_days"])
        replay = int(rule["replay_days"])

        def idea(key: str, date: dt.date, lead: int, formats: list[str], cta: str,
                 subject: str = subject, when: str = when, moment: str = moment,
                 offer: str = offer) -> Idea:
            return Idea("community", tr.t(f"ideas.webinar_{key}_topic", subject=subject,
                                          date=when),
                        apply_register(tr.t(f"ideas.webinar_{key}_hook", date=when), reg), cta,
                        offer=offer, moment=moment, date=date.isoformat(), lead_days=lead, posts=1,
                        formats=formats, lever="webinars")

        out += [idea("announce", day - dt.timedelta(days=announce - 3), 3,
                     ["text", "image", "event"], "webinar"),
                idea("reminder", day - dt.timedelta(days=1), 0, ["text", "image", "story"],
                     "webinar"),
                idea("live", day, 0, ["live"], "comment"),  # questions asked live
                idea("replay", day + dt.timedelta(days=replay), replay - 1, ["video"],
                     "demo")]
        gap, count = int(rule.get("clip_days", 0)), int(rule.get("clips", 0))
        for k in range(1, count + 1 if gap else 1):  # the recording cut into short clips,
            clip = idea("replay", day + dt.timedelta(days=replay + k * gap), gap - 1,  # after
                        ["short_video"], "demo")
            out.append(replace(clip, topic=tr.t("ideas.webinar_clip_topic", subject=subject,
                                                date=when, n=k, count=count),
                               hook=apply_register(tr.t("ideas.webinar_clip_hook"), reg)))
    return out


def recorded_long_videos(mix: dict[str, list[str]], kept: list, brief: Brief,
                         paid_spend: dict[str, float] | None) -> None:
    """The platforms whose long videos are the webinars' recordings (data/content.yaml
    ``calendar.recorded_long_video``): with a webinar lever, a platform that hosts lives,
    has no paid spend and not the conversion role drops ``long_video`` from its formats (its
    lives stay on the channel as the recordings, its other posts are short cut-downs);
    ``mix`` is changed in place (``views.posting_change.recorded_note`` reads it there)."""
    from .catalogue import content_facts

    if not content_facts()["calendar"].get("recorded_long_video") or webinar_rule(brief) is None:
        return
    for c in kept:
        formats = mix.get(c.platform, [])
        if "live" in formats and "long_video" in formats and c.role != "conversion" \
                and (paid_spend or {}).get(c.platform, 0.0) <= 0:
            mix[c.platform] = [f for f in formats if f != "long_video"]


def webinar_lives(slots: list, brief: Brief, mix: dict[str, list[str]],
                  closed: set[str] | frozenset = frozenset()) -> list[dt.date]:
    """The calendar's lives are the webinars (module docstring): on the host platform, a
    month's first live moves onto its webinar's day (at its own hour) and a new one is cut
    from the month's post nearest that day when the month has none; every other live
    becomes the platform's first format that is not a live. Returns the webinars' days."""
    days = webinar_dates(brief, closed)
    if not days:
        return []
    host = next((p for p in dict.fromkeys(s.platform for s in slots)
                 if "live" in mix.get(p, [])), None)
    by_month = {d.isoformat()[:7]: d for d in days}
    placed: set[str] = set()
    for s in sorted(slots, key=lambda s: (s.platform != host, s.format != "live", s.date)):
        month = s.date[:7]
        if s.platform == host and month in by_month and month not in placed \
                and (s.format == "live" or not any(
                    o.platform == host and o.format == "live" and o.date[:7] == month
                    for o in slots)):
            day = by_month[month].isoformat()
            for o in slots:  # a post at that hour that day takes the live's old day
                if o is not s and (o.platform, o.date, o.time) == (host, day, s.time):
                    o.date = s.date
            s.date, s.format = day, "live"
            placed.add(month)
        elif s.format == "live":
            s.format = next(f for f in mix[s.platform] + ["post"] if f != "live")
    slots.sort(key=lambda s: (s.date, s.time, s.platform))
    return days


def event_planned(template: dict, brief: Brief) -> bool:
    """Whether the brief plans the event a playbook idea refers to (its ``event`` words,
    e.g. a users' meet-up): one of the brief's calendar events is named with one of them.
    An idea without ``event`` words refers to none."""
    words = [w.casefold() for w in template.get("event", [])]
    return not words or any(w in e.name.casefold() for e in brief.calendar.events
                            for w in words)
