"""Concrete post ideas: for each pillar x offer line x key moment, a topic, a hook, a call
to action and the platform adaptation of the slot's format, written from the brief
(offer lines, differentiators, personas' needs, tone examples, events) and the sector
playbook's templates, then given to the calendar's posts."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from .brief import Brief
from .catalogue import content_facts
from .i18n import Translator, apply_register
from .idea_model import (  # noqa: F401  (re-exported: the ideas' model)
    MOMENT_POSTS_PER_PLATFORM,
    Idea,
    copy_register,
    diff_fills,
    product_fits,
    reply_register,
    supply_of,
    template_fields,
    template_fits,
)
from .idea_repeats import cadence_period, deadline_text
from .idea_turns import interleave, numbered, turn_ideas
from .new_shops import new_shop_ideas
from .persona_topics import persona_fills
from .season_steps import season_ideas
from .sectors import playbook, sector_dates
from .staples import gift_moments, staple_moments, to_morning, with_shop_staples
from .webinars import event_planned, webinar_ideas

if TYPE_CHECKING:
    from .targets import Targets

def _clean(text: str) -> str:
    """A brief phrase ready to sit inside a sentence: no final full stop or outer quotes."""
    return text.strip().strip("«»\"“”").strip().rstrip(".")


def _brief_text(brief: Brief) -> str:
    """What the brief says it sells and does: offer lines, brand, strengths,
    opportunities and events, lower case (for ``confirmed``)."""
    b = brief.brand
    parts = [b.mission, b.value_proposition, *b.differentiators,
             *(f"{o.name} {o.description} {' '.join(o.audience_values)}" for o in brief.offer),
             *brief.situation.strengths, *brief.situation.opportunities,
             *(e.name for e in brief.calendar.events)]
    return " ".join(parts).casefold().replace("'", "’")


def confirmed(brief: Brief, entry: dict) -> bool:
    """Whether every offer a template or a dated moment ``assumes`` (a pre-order, a gift
    box, a voucher, an open day, a donation: data/content.yaml ``offer_assumptions``) is
    named in the brief, as whole words; an idea that is not is marked to confirm."""
    words = content_facts().get("offer_assumptions", {})
    text = _brief_text(brief)
    def said(word: str) -> bool:
        word = re.escape(word.casefold().replace("'", "’"))
        return re.search(rf"(?<!\w){word}(?!\w)", text) is not None

    return all(any(said(w) for w in words.get(key, [])) for key in entry.get("assumes", []))


def _without_detail(hook: dict) -> dict:
    """A hook's text without its ``{detail}`` clause, for an offer line the brief does not
    describe (never the value proposition in its place): "..., no queue: {detail}." ->
    "..., no queue."."""
    def cut(text: str) -> str:
        text = re.sub(r"\s*[:,—–]\s*\{detail\}", "", text)
        text = re.sub(r"^\{detail\}\s*[:,—–]\s*", "", text)
        return text[:1].upper() + text[1:]
    return {k: cut(v) for k, v in hook.items()}


def _focuses(brief: Brief, tpl: dict, fill: dict) -> list[list[dict]]:
    """The facts one template's idea is told through (``ideas.focus.*``; ``[]``: as filled):
    each product of its offer line (``audience_values``) that takes it, the line itself only
    when it is one of them or none takes it ("Womenswear: how to care for it" beside
    "Dresses: how to care for it" was one post twice); never a differentiator or persona."""
    line = next((o for o in brief.offer if o.name == fill.get("offer")), None)
    own = [[{"focus": "offer", "offer": v}] for v in (line.audience_values if line else [])
           if v.lower() != line.name.lower()  # an offer line's idea on each product
           and product_fits(tpl, v)]  # that takes it: no size guide for accessories
    return [[]] * (line is None or not own or line.name.lower() in {
        v.lower() for v in line.audience_values}) + own


def _told(hook: str, focus: list[dict], tr: Translator, reg: str) -> str:
    """A hook told through the facts of ``focus`` (``ideas.focus.*``), one after the other."""
    for part in focus:
        ended = hook if hook.rstrip()[-1:] in ".!?…" else f"{hook}."
        hook = apply_register(tr.t(f"ideas.focus.{part['focus']}", hook=ended,
                                   **{k: v for k, v in part.items() if k != "focus"}), reg)
    return hook


def evergreen_ideas(brief: Brief, tr: Translator,
                    no_show: frozenset[str] = frozenset()) -> list[Idea]:
    """Undated ideas: the playbook's templates filled with every offer line, differentiator
    and declared persona, an offer line's idea also told on each of its products
    (``_focuses``), plus the brief's strengths (an opportunity is the market's: the SWOT
    only). ``no_show``: the days a dated occurrence it sells does not take place."""
    book = playbook(brief.client.sector_kind)
    reg = copy_register(brief)
    name = brief.client.name
    out: list[Idea] = []
    ranged = {o.name for o in brief.offer if o.audience_values}  # lines with products
    for tpl in book["ideas"]:
        if not event_planned(tpl, brief) or tpl.get("rotate"):  # no meet-up, no report
            continue
        mark = "" if confirmed(brief, tpl) else tr.t("ideas.to_confirm")
        if tpl["per"] == "offer":  # the line's description, else its products, never the
            # value proposition pasted in ("à commander : Du pain ... au prix d'une ...")
            fills = [{"offer": o.name, "detail": _clean(o.description)
                      or tr.join([_clean(v) for v in o.audience_values])}
                     for o in brief.offer if template_fits(tpl, o)]
        elif tpl["per"] == "diff":  # "the night in numbers" is not about a workshop
            fills = diff_fills(tpl, brief.brand.differentiators, tr.language)
        elif tpl["per"] == "persona":
            fills = persona_fills(brief, tpl, tr)
        else:
            fills = [{}]
        for f in fills:
            values = {"brand": name, "offer": "", "detail": "", "diff": "", "persona": "",
                      "need": "", **{k: v for k, v in f.items() if k not in ("short", "hook")}}
            topic = tr.text(f.get("short") or tpl["topic"], reg,
                            **values) + mark
            hook = tr.text(f.get("hook", tpl["hook"]) if values["detail"]
                           else _without_detail(f.get("hook", tpl["hook"])), reg, **values)
            for focus in _focuses(brief, tpl, f):
                told, shown = _told(hook, focus, tr, reg), topic
                if focus and "{offer}" in tpl["topic"].get(tr.language, ""):
                    # the product takes the line's place in the topic, said once, rather
                    # than "Shown on ..." added to every post's hook; the line's detail
                    # ("Dresses, workwear, outerwear") is not the product's: left out
                    told = tr.text(_without_detail(tpl["hook"]), reg, **values)
                    shown = tr.text(tpl["topic"], reg,
                                                **{**values, "offer": focus[0]["offer"]}) + mark
                out.append(numbered(tpl, Idea(tpl["pillar"], shown, told, tpl["cta"],
                                offer=f.get("offer", ""), persona=f.get("persona", ""),
                                product=focus[0]["offer"] if focus else f.get("offer", "")
                                if f.get("offer") in ranged else "",
                                **template_fields(tpl, book, no_show),
                                series=f"{tpl['topic'].get('en', '')}|{f.get('offer', '')}"
                                f"|{f.get('diff', '')}|{f.get('persona', '')}"), tr))
    # the brief's tone-of-voice lines are examples of the voice, never posts themselves
    for key, items in (("strength_hook", brief.situation.strengths),):  # no opportunity:
        for item in items:
            hook = apply_register(tr.t(f"ideas.{key}", brand=name, item=_clean(item)), reg)
            for focus in _focuses(brief, {"per": "once"}, {}):
                out.append(Idea("values", tr.t("ideas.strength_topic", brand=name),
                                _told(hook, focus, tr, reg), "follow"))
    return with_shop_staples(brief, tr, interleave(
        out + turn_ideas(brief, tr, book, no_show, lambda t: confirmed(brief, t))))


# The pillar an idea for a data-driven target goes to, by the target's message
# (targets.message.<key>): keep the best, win back the lapsed, make ambassadors, be found,
# build preference.
TARGET_PILLARS = {"premium": "care", "winback": "care", "loyal": "community",
                  "discovery": "showcase", "nurture": "education"}


def _favourites(brief: Brief, persona) -> list[str]:
    """What a target buys more than the rest: its over-represented category values that
    name an offer line's products (the brief's ``audience_values``), most distinctive
    first."""
    products = {v.lower() for o in brief.offer for v in o.audience_values}
    found = [t.value for t in sorted(persona.traits, key=lambda t: -(t.lift or 0))
             if t.kind == "category" and t.value and (t.lift or 0) > 1
             and t.value.lower() in products]
    return list(dict.fromkeys(found))[:2]


def target_ideas(brief: Brief, targets: Targets, tr: Translator) -> list[Idea]:
    """One idea per target computed from the client's data (when the brief declares no
    persona): written from the target's message, its share of customers and of value, its
    offer line and the products it buys more than the rest, with the sector's call to
    action for that pillar."""
    if targets.declared:
        return []
    book = playbook(brief.client.sector_kind)
    reg = copy_register(brief)
    offers = {o.name: o for o in brief.offer}
    out = []
    for p in targets.personas:
        pillar = TARGET_PILLARS.get(p.message, "education")
        offer = offers.get(p.offer or "")
        favourites = _favourites(brief, p) or [
            _clean(offer.description) if offer and offer.description else
            (offer.name if offer else _clean(brief.brand.differentiators[0]))]
        values = {"brand": brief.client.name,  # the copy names no target code or share
                  "offer": offer.name if offer else brief.client.name,
                  "favourites": tr.join(favourites)}
        message = p.message if tr.has(f"ideas.target.{p.message}.topic") else "nurture"
        key = f"ideas.target.{message}"
        cta = next((t["cta"] for t in book["ideas"] if t["pillar"] == pillar), "follow")
        idea = Idea(pillar, apply_register(tr.t(f"{key}.topic", **values), reg),
                    apply_register(tr.t(f"{key}.hook", **values), reg), cta,
                    offer=offer.name if offer else "", launch=message == "premium")
        if all(i.text != idea.text for i in out):  # two targets may want the same post
            out.append(idea)
    return out


def moment_ideas(brief: Brief, tr: Translator) -> list[Idea]:
    """Dated ideas: the sector's moments in the client's country and the brief's events."""
    reg = copy_register(brief)
    c = brief.client
    out = []
    for d in sector_dates(c.sector_kind, c.country, c.period.start, c.period.end):
        e = d["entry"]
        values = {"brand": c.name, "deadline": deadline_text(d["date"], e, tr)}
        mark = "" if confirmed(brief, e) else tr.t("ideas.to_confirm")
        if e.get("season_days"):  # a season: its sequence of distinct posts
            out += season_ideas(e, d["date"], values, mark, tr, reg)
            continue
        out.append(Idea("showcase", tr.text(e["topic"], reg, **values) + mark,
                        tr.text(e["hook"], reg, **values), e["cta"],
                        moment=tr.text(e["name"], reg), date=d["date"].isoformat(),
                        lead_days=int(e["lead_days"]), when=e.get("when", ""),
                        order_by_days=e.get("order_by_days"),
                        weekdays=list(e.get("weekdays", [])),
                        season_days=int(e.get("season_days", 0)), opens=bool(e.get("opens"))))
    book = playbook(c.sector_kind)
    event_cta = next((t["cta"] for t in book["ideas"] if t["pillar"] == "showcase"), "follow")
    for event in brief.calendar.events:
        if c.period.start <= event.date <= c.period.end:
            out.append(Idea("showcase", event.name,
                            apply_register(tr.t("ideas.event_hook", brand=c.name), reg),
                            event_cta, moment=event.name, date=event.date.isoformat(),
                            lead_days=14))
    out += session_ideas(brief, tr)
    out += webinar_ideas(brief, tr) + new_shop_ideas(brief, tr)
    ever = evergreen_ideas(brief, tr, frozenset())
    out += staple_moments(brief, ever) + gift_moments(brief, ever)
    return sorted(out, key=lambda i: i.date)


def session_ideas(brief: Brief, tr: Translator) -> list[Idea]:
    """The sessions of the offer line paid books when it has seats (a workshop,
    ``sessions.sessions``): one dated organic announcement a month, in the ten days before
    it (the plan's first month: its first week, or before a session in it), naming the
    month's session dates, so the goal of filling them has posts of its own from the first
    month; and a reminder story before the month's last session (``reminded``). One post
    a month on one platform, not half the feed."""
    from babel.dates import format_date

    from .sessions import booked_line, session_photos, sessions

    line = booked_line(brief)
    if line is None:
        return []
    held, reg, c, out = sessions(brief), copy_register(brief), brief.client, []
    for first in c.period.month_starts:  # announced in the week before the month starts
        day, lead = first - dt.timedelta(days=1), 10
        if day - dt.timedelta(days=10) < c.period.start:  # the plan's first month: first week
            day = min(first + dt.timedelta(days=6), c.period.end)
            early = [d for d in (held.dates if held else []) if c.period.start < d <= day]
            day = early[0] - dt.timedelta(days=1) if early else day  # every session sold
            lead = (day - c.period.start).days
        month = format_date(first, "MMMM", locale=tr.locale)  # "janvier", not "janv. 2027"
        dates = [d for d in (held.dates if held else []) if d.month == first.month
                 and d.year == first.year and d > day]  # not a session gone by the post
        hook = apply_register(tr.t("ideas.sessions_hook", line=line.name), reg)
        if dates:
            hook = apply_register(tr.t("ideas.sessions_hook_dates", line=line.name, dates=tr.join(
                [format_date(d, "EEEE d", locale=tr.locale) for d in dates])), reg)
        out.append(Idea("showcase", tr.t("ideas.sessions_topic", line=line.name, month=month),
                        hook, "reserve", offer=line.name,
                        moment=tr.t("ideas.sessions_moment", line=line.name, month=month),
                        date=day.isoformat(), lead_days=lead, posts=1,
                        once=True, sells=first.isoformat()[:7]))
    for d in held.reminded() if held else []:
        when = format_date(d, "EEEE d MMMM", locale=tr.locale)
        out.append(Idea("showcase", tr.t("ideas.session_reminder_topic", line=line.name,
                                         date=when),
                        apply_register(tr.t("ideas.session_reminder_hook"), reg), "reserve",
                        offer=line.name, formats=["story"], posts=1,
                        moment=tr.t("ideas.session_reminder_moment", line=line.name, date=when),
                        date=(d - dt.timedelta(days=1)).isoformat(), lead_days=2))
    return out + session_photos(brief, tr)


def fits(idea: Idea, slot) -> bool:
    """Whether a post suits an idea: its format is of a family the idea is written for
    (data/content.yaml ``calendar.format_families``) or one of its formats
    (``fits_format``); its day and hour suit the idea's timing: a "morning" or "evening"
    idea only at those hours, a weekday-bound idea only on its days, an idea about a dated
    occurrence only when that occurrence takes place (``occurrence``), a moment's idea only
    from its lead time to its last day (``Idea.last_day``), never where ``Idea.closed``."""
    if (idea.formats and not fits_format(idea, slot.format)) or idea.closed(slot):
        return False
    if not (idea.when or idea.weekdays or idea.date or idea.occurs or idea.window):
        return True  # most ideas: any post
    if idea.window and not idea.window[0] <= slot.date[5:] <= idea.window[1]:
        return False
    if idea.occurs and occurrence(idea, slot.date) in idea.no_show:
        return False
    if idea.when:
        low, high = _hours(idea.when)
        if not low <= int(slot.time[:2]) <= high:
            return False
    if idea.weekdays and _weekday(slot.date) not in idea.weekdays:
        return False
    if idea.date:
        return idea.first_day <= slot.date <= idea.last_day
    return True


def occurrence(idea: Idea, date: str) -> str:
    """The day of the occurrence a post of ``date`` points to: the next one on the
    idea's weekday (that day itself included) or the last one before it."""
    day, weekday = dt.date.fromisoformat(date), int(idea.occurs["weekday"])
    if idea.occurs.get("side") == "last":
        return (day - dt.timedelta(days=(day.weekday() - weekday) % 7 or 7)).isoformat()
    return (day + dt.timedelta(days=(weekday - day.weekday()) % 7)).isoformat()


@cache
def _family(fmt: str) -> str:
    return content_facts()["calendar"]["format_families"].get(fmt, fmt)


def fits_format(idea: Idea, fmt: str) -> bool:
    """Whether a post's format is one an idea is written for: its family (``video``) or
    the format itself (``short_video``: a 60-second tour is no long video)."""
    return fmt in idea.formats or _family(fmt) in idea.formats


@cache
def _hours(when: str) -> tuple[int, int]:
    low, high = content_facts()["calendar"][when]
    return int(low), int(high)


@cache
def _weekday(date: str) -> int:
    return dt.date.fromisoformat(date).weekday()


def _bring_in(idea: Idea, posts: list, taken: set[int], closed: set[str] | frozenset,
              period: tuple[str, str], after: bool = True) -> None:
    """A platform without a post in a moment's days: its nearest free post (within a week
    of them, only before them when not ``after``: a later moment may need those after, or
    in them on a weekday the idea does not take; never a live: its event's day) moves in,
    on the same weekday when the days include it, else on the last day, at its own hour
    (never onto a closed day, a weekday the idea does not take or a time taken)."""
    first = dt.date.fromisoformat(idea.first_day)
    last = dt.date.fromisoformat(idea.last_day)
    if last < first:
        return
    busy = {(s.date, s.time) for s in posts}
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    days = [d for d in days if d.isoformat() not in closed
            and period[0] <= d.isoformat() <= period[1]
            and (not idea.weekdays or d.weekday() in idea.weekdays)]

    def distance(s) -> int:
        d = dt.date.fromisoformat(s.date)
        return (first - d).days if d < first else (d - last).days

    near = sorted((s for s in posts if id(s) not in taken and s.format != "live" and (
        0 < distance(s) <= 7 and (after or s.date < idea.first_day) or (
        idea.weekdays and distance(s) <= 0 and _weekday(s.date) not in idea.weekdays))),
                  key=lambda s: (max(0, distance(s)), s.date))  # its days' wrong weekdays first
    for s in near:
        weekday = dt.date.fromisoformat(s.date).weekday()
        order = [d for d in days if d.weekday() == weekday] + days[::-1]
        target = next((d for d in order if (d.isoformat(), s.time) not in busy), None)
        if target is not None:
            s.date = target.isoformat()
            return


def _free(idea: Idea, posts: list, taken: set[int], days: set[str]) -> list:
    """A platform's posts that can still carry a moment's idea, in date order (a staple's:
    only its pillar's, the pillar mix stays as planned; a monthly one's any, without)."""
    free = [s for s in posts if id(s) not in taken and s.date not in days and fits(idea, s)]
    mine = [s for s in free if s.pillar == idea.pillar]
    return (mine or (free if idea.staple == "month" else [])) if idea.staple else free


def assign_ideas(slots: list, evergreen: list[Idea], moments: list[Idea],
                 tr: Translator, register: str = "vous", platforms: set[str] | None = None,
                 closed: set[str] | frozenset = frozenset(),
                 prefer: Callable[[Idea, object], bool] | None = None) -> list:
    """Give every calendar post an idea, a call to action and its format's adaptation.

    A key moment's idea goes on every platform of ``platforms`` (all when None): to its
    first and last post between the moment's lead time and its last day (the day before
    the order deadline when orders close earlier), at an hour its timing allows, never two
    posts of one moment on a day; a platform without a free post in those days gets its
    nearest one moved in (``_bring_in``; never onto a ``closed`` day); among its free posts,
    those ``prefer`` allows when there are any (a selling moment on a platform with
    conversion spend: a format the budget sponsors, never a live). Then each post
    takes the least used of its pillar's ideas (``IdeaUses.pick``: within the caps of
    data/content.yaml ``calendar.idea_caps`` while any idea is), only where the post's day
    and hour fit the idea (``fits``), skipping one a day's posts already carry."""
    by_platform: dict[str, list] = {}
    for s in slots:
        by_platform.setdefault(s.platform, []).append(s)
    taken: set[int] = set()
    chosen: dict[int, Idea] = {}
    period = (min((s.date for s in slots), default=""), max((s.date for s in slots), default=""))
    # one format's first (fewer posts fit), then those that sell an offer line, carry out a
    # goal (a new shop's opening) or open a season (a few days only), weekly staples last
    for idea in sorted(moments, key=lambda i: (not i.formats, bool(i.staple),
                                               not (i.offer or i.goal or i.first))):
        days: set[str] = set()  # one post of a moment a day, whatever the platform
        order = list(by_platform.items())
        if idea.once:  # one post: a platform with a free post in its days, then the one
            order.sort(key=lambda kv: (not _free(idea, kv[1], taken, days), sum(  # with the
                chosen[id(s)].moment == idea.moment for s in kv[1] if id(s) in chosen)))
        for platform, posts in order:  # fewest of its moment's posts (they take turns)
            if platforms is not None and platform not in platforms:
                continue
            if idea.formats and not any(fits_format(idea, s.format) for s in posts):
                continue  # a story reminder: only on a platform that posts stories
            window = _free(idea, posts, taken, days)
            if not window and idea.staple:  # a weekly staple: a free post moved to morning
                window = to_morning(idea, posts, taken, days, fits)
            elif not window:  # a season's later steps move in an earlier post only (a
                _bring_in(idea, posts, taken, set(closed) | days, period,  # later one may
                          idea.first or not idea.once)  # be a later moment's: Valentine's)
                posts.sort(key=lambda s: (s.date, s.time))
                window = _free(idea, posts, taken, days)
            if prefer is not None:
                window = [s for s in window if prefer(idea, s)] or window
            free = window
            window = [s for s in window if s.pillar == idea.pillar] or window  # its pillar's
            # an order deadline's reminder: the last free post up to it, whatever its pillar
            late = window if idea.order_by_days is None else free
            picks = window[:1] + [s for s in late if window and s.date != window[0].date][-1:]
            picks = picks[:idea.posts]  # the teaser early, the reminder late
            picks += [s for s in posts if idea.opens and s.date == idea.date  # the day itself
                      and id(s) not in taken and fits(idea, s)][:all(p.date < idea.date
                                                                    for p in picks)]
            if idea.season_days:  # a season: a post a week on each platform, all through it
                weeks: dict = {}  # each week's first post, of the idea's pillar when it has one
                for s in free:  # (a platform posting less has few posts of one pillar)
                    week = dt.date.fromisoformat(s.date).isocalendar()[:2]
                    if week not in weeks or (s.pillar == idea.pillar != weeks[week].pillar):
                        weeks[week] = s
                picks = sorted(weeks.values(), key=lambda s: s.date)
            for s in picks:
                taken.add(id(s))
                chosen[id(s)] = idea
                days.add(s.date)
            if idea.once and picks:
                break
    slots.sort(key=lambda s: (s.date, s.time, s.platform))
    return fill(slots, evergreen, moments, chosen, tr, register, True)  # the posts left short


def fill(slots: list, evergreen: list[Idea], moments: list[Idea], chosen: dict[int, Idea],
         tr: Translator, register: str = "vous", drop: bool = False) -> list:
    """Give every post not in ``chosen`` (counted first) the idea ``IdeaUses.pick`` finds
    for it, in date order. Returns the posts left short of their pillar's ideas (``spent``).
    ``drop``: a post only a product's idea beyond ``repeats`` fits (grid filler) leaves."""
    pools: dict[str, list[Idea]] = {}
    for idea in evergreen:
        pools.setdefault(idea.pillar, []).append(idea)
    every = evergreen or moments
    uses = IdeaUses(len(slots))
    on_day: dict[str, set[str]] = {}  # ideas already given to a day's posts
    for s in slots:
        if id(s) in chosen:
            on_day.setdefault(s.date, set()).add(chosen[id(s)].text)
            uses.add(chosen[id(s)], s)
    short, over = [], set()
    for s in slots:
        idea = chosen.get(id(s))
        if idea is None and getattr(s, "profile", ""):
            continue  # a person's post keeps its idea (profile_posts)
        if idea is None:
            used = on_day.setdefault(s.date, set())
            idea = uses.pick([pools.get(s.pillar) or every, every], s, used)
            if drop and idea is not None and idea.product and not getattr(s, "keep", False) \
                    and uses.total.get(idea.text, 0) >= uses.repeats:  # a product's, at its cap
                over.add(id(s))
                continue
            if idea is None or (idea.pillar != s.pillar and uses.spent(pools.get(s.pillar), s)) \
                    or uses.total.get(idea.text, 0) >= uses.ceiling:
                short.append(s)
            if idea is None:
                continue
            used.add(idea.text)
            uses.add(idea, s)
        give(s, idea, tr, register)
    slots[:] = [s for s in slots if id(s) not in over]
    return short


def idea_caps() -> dict:
    """data/content.yaml ``calendar.idea_caps``: how often one idea may be used."""
    return content_facts()["calendar"]["idea_caps"]


class IdeaUses:
    """How often each idea is on the calendar, in all and per platform and month, and
    which idea a post takes next: the least used of those that fit it, within the caps of
    ``idea_caps`` while any idea is within them. The ideas are kept in buckets by their
    number of posts, so a pick looks at the least used first and stops at the first that
    fits (not at every idea for every post)."""

    def __init__(self, posts: int) -> None:
        caps = idea_caps()
        self.per_month = int(caps["per_platform_month"])
        self.limit = max(1, math.ceil(posts * caps["max_share"] / 100))
        self.ceiling = int(caps.get("per_year") or 0) or math.inf  # never beyond, cadence or not
        self.repeats = int(caps.get("repeats") or 0) or math.inf  # a product's idea
        self.total: dict[str, int] = {}
        self.month: dict[tuple[str, str, str], int] = {}
        self.buckets: dict[int, dict[str, Idea]] = {}  # posts so far -> ideas with as many
        self.names: dict[int, tuple[list[Idea], set[str]]] = {}  # a tier's idea texts
        self.series: set[tuple[str, str]] = set()  # (series, period) with its one post
        self.supplied: dict[tuple[str, str], int] = {}  # (supply, month) -> used so far

    def _known(self, tier: list[Idea]) -> set[str]:
        """The texts of a tier's ideas, each idea put in its bucket the first time."""
        cached = self.names.get(id(tier))
        if cached is not None and cached[0] is tier:
            return cached[1]
        for i in tier:
            if i.text not in self.total:
                self.total[i.text] = 0
                self.buckets.setdefault(0, {})[i.text] = i
        names = {i.text for i in tier}
        self.names[id(tier)] = (tier, names)
        return names

    def add(self, idea: Idea, slot) -> None:
        """Count one more post of ``idea`` on ``slot``."""
        n = self.total.get(idea.text)
        if n is not None:
            self.buckets.get(n, {}).pop(idea.text, None)
        n = (n or 0) + 1
        self.total[idea.text] = n
        self.buckets.setdefault(n, {})[idea.text] = idea
        key = (idea.text, slot.platform, slot.date[:7])
        self.month[key] = self.month.get(key, 0) + 1
        if idea.cadence:
            self.series.add((idea.series, cadence_period(idea.cadence, slot.date)))
        for name, n, _ in idea.supply:
            key = (name, slot.date[:7])
            self.supplied[key] = self.supplied.get(key, 0) + n

    def supplied_enough(self, idea: Idea, slot) -> bool:
        """Whether the month of ``slot`` has enough left of what ``idea`` draws on (its
        ``supply``: customer photos collected with permission) for one more post."""
        return all(self.supplied.get((name, slot.date[:7]), 0) + n <= most
                   for name, n, most in idea.supply)

    def spent(self, pool: list[Idea] | None, slot) -> bool:
        """Whether ideas of ``pool`` fit ``slot`` but reached their cadence or ceiling."""
        return any(fits(i, slot) and not (self.total.get(i.text, 0) < min(
            self.ceiling, self.yearly(i)) and self.in_cadence(i, slot)) for i in pool or [])

    @staticmethod
    def yearly(idea: Idea) -> float:
        """The most posts ``idea`` fills in the year by its own ``per_year`` (a story told
        once: the retro, the origin story), never lifted when the pool runs short."""
        return math.inf if idea.per_year is None else idea.per_year

    def in_cadence(self, idea: Idea, slot) -> bool:
        """Whether the series of ``idea`` has no post yet in the period of ``slot`` (an
        idea without a cadence: always)."""
        return not idea.cadence or \
            (idea.series, cadence_period(idea.cadence, slot.date)) not in self.series

    def within(self, idea: Idea, slot) -> bool:
        """Whether one more post of ``idea`` on ``slot`` stays within every cap."""
        return (self.month.get((idea.text, slot.platform, slot.date[:7]), 0) < self.per_month
                and self.total.get(idea.text, 0) < self.limit)

    def pick(self, tiers: list[list[Idea]], slot, used: set[str]) -> Idea | None:
        """The idea a post takes: the least used (on the post's platform and month, then in
        all) that fits it (``fits``), is not on the day's posts and is within the caps (a
        series told in turns: up to the ceiling), its pillar's, then its pillar's beyond,
        then another's; else the least used of all that fit. Never beyond an idea's
        ``cap``, its cadence nor its month's supply."""
        def ok(i: Idea, most: float = self.ceiling) -> bool:  # never beyond its cadence
            return fits(i, slot) and self.total.get(i.text, 0) < min(
                most, math.inf if i.cap is None else i.cap, self.yearly(i)) \
                and self.in_cadence(i, slot) and self.supplied_enough(i, slot)

        def month(i: Idea) -> int:
            return self.month.get((i.text, slot.platform, slot.date[:7]), 0)

        def top(i: Idea, limit: float) -> float:  # in turns or numbered: up to the ceiling
            return self.ceiling if i.turns else limit if i.cadence else \
                min(limit, self.repeats) if i.product else limit

        def scan(tier: list[Idea], limit: float) -> Idea | None:
            names, best, few = self._known(tier), None, limit < math.inf  # within the caps
            for n in sorted(self.buckets):
                if n >= (self.ceiling if few else limit):  # a series in turns: the ceiling
                    break
                for text, i in self.buckets[n].items():
                    if text in names and text not in used and ok(i) and month(i) < \
                            self.per_month and (not few or n < top(i, limit)) \
                            and (best is None or month(i) < month(best)):
                        best = i
                        if not month(i):
                            return i  # nothing ranks before a month's first in its bucket
            return best

        # its pillar's ideas within the caps, then beyond the yearly cap (the pillar's
        # share comes before the repeat cap), then the next tiers' within the caps
        for tier, limit in [(tiers[0], self.limit), (tiers[0], math.inf),
                            *((t, self.limit) for t in tiers[1:])]:
            found = scan(tier, limit)
            if found is not None:
                return found
        first = {i.text for i in tiers[0]}
        found = [i for tier in tiers for i in tier if ok(i, math.inf)]  # beyond the ceiling
        return min(found, key=lambda i: (i.text in used, month(i), self.total.get(i.text, 0),
                                         i.text not in first)) if found else None


def give(slot, idea: Idea, tr: Translator, register: str) -> None:
    """Put ``idea`` on a calendar post with its call to action and format's adaptation;
    the post's pillar is the idea's own. A link post whose idea sends nobody to a page goes
    out in the fallback format; a format's call to action is one it can carry
    (data/content.yaml ``calendar.format_ctas``, ``link_ctas``)."""
    rules = content_facts()["calendar"]
    if slot.format == "link" and idea.cta not in rules["link_ctas"]:
        slot.format = rules["link_fallback"]
    slot.idea = slot.base_idea = idea.text
    slot.pillar = idea.pillar
    slot.cta = idea_cta(tr, idea, register, slot.format)
    slot.angle = ""  # vary_repeats gives a repeat its angle
    slot.adaptation = tr.t(f"idea_format.{slot.format}") \
        if tr.has(f"idea_format.{slot.format}") else ""
    slot.moment = idea.moment
    slot.lever = idea.lever


def idea_cta(tr: Translator, idea: Idea, register: str = "vous", fmt: str = "") -> str:
    """The call to action of an idea in the plan's language and register, the one the post's
    format carries instead when it cannot carry the idea's (``calendar.format_ctas``)."""
    key = content_facts()["calendar"]["format_ctas"].get(fmt, {}).get(idea.cta, idea.cta)
    return apply_register(tr.t(f"cta.{key}"), register)
