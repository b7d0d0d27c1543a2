"""An idea placed on several posts: each repeat written from a new angle (said in the
post's adaptation note), and the calendar's idea counts (distinct ideas, distinct texts,
the most posts one idea fills)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from .i18n import Translator


def vary_repeats(slots: list, tr: Translator, ideas: list | None = None) -> None:
    """An idea used again (outside a key moment's teaser and reminder), on any platform,
    takes the next of the locale's angles, said in the post's adaptation note (the brief
    for its writer), so no two posts of the calendar are written the same until every
    angle has been used. An idea of ``ideas`` told in turns (``Idea.turns``,
    ``idea_turns``) names its next product on each post; a product told again takes the
    next angle."""
    angles = [tr.t(f"ideas.angle.{k}") for k in ANGLES]
    turns = {i.text: i.turns for i in ideas or [] if i.turns}
    seen: dict[str, int] = {}
    for s in sorted(slots, key=lambda s: (s.date, s.time, s.platform)):
        if not s.base_idea or s.moment:
            continue
        if s.angle:  # a second pass (target ideas): the earlier angle's note comes off
            note = tr.t("ideas.angle_note", angle=s.angle)
            if s.adaptation.startswith(note):
                s.adaptation = s.adaptation[len(note):].lstrip()
            s.angle = ""
        n = seen.get(s.base_idea, 0)
        seen[s.base_idea] = n + 1
        told = turns.get(s.base_idea)
        s.idea = told[n % len(told)] if told else s.base_idea
        n = n // len(told) if told else n  # the rounds of its products
        if n:  # the angle is a brief for whoever writes the post, not part of its text
            s.angle = angles[(n - 1) % len(angles)]
            s.adaptation = " ".join(filter(None, (
                tr.t("ideas.angle_note", angle=s.angle), s.adaptation)))


ANGLES = ("question", "behind", "figure", "before_after", "team", "customer")


def idea_counts(slots: list) -> dict[str, int]:
    """The calendar's ideas: the distinct ideas its posts carry, the distinct post texts
    (with their angles) and the most posts one idea fills."""
    base: dict[str, int] = {}
    for s in slots:
        if s.base_idea:
            base[s.base_idea] = base.get(s.base_idea, 0) + 1
    return {"ideas": len(base), "texts": len({(s.idea, s.angle) for s in slots if s.idea}),
            "most": max(base.values(), default=0)}


def told_once(slots: list, ideas: list[dict]) -> list[str]:
    """The topics of the stories told once a year (``per_year: 1``: a retro, an origin
    story) the calendar carries, in date order, for the plan to say they run once."""
    once = {i["text"]: i["topic"] for i in ideas  # a dated post runs on its day, once
            if i.get("per_year") == 1 and not i.get("date")}
    runs = Counter(s.base_idea for s in slots if not getattr(s, "ad_only", False))
    out: list[str] = []
    for s in sorted(slots, key=lambda s: (s.date, s.time)):
        topic = once.get(s.base_idea)
        if topic and topic not in out and runs[s.base_idea] == 1:  # said of one post only
            out.append(topic)
    return out


CADENCES = ("week", "month", "quarter")


def cadence_period(cadence: str, date: str) -> str:
    """The period of ``date`` a series with ``cadence`` (an idea template's ``cadence``:
    week, month or quarter) has one post in: "2027-W05", "2027-03", "2027-Q1"; "" when
    the idea has no cadence (no limit of this kind)."""
    if cadence == "month":
        return date[:7]
    if cadence == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    if cadence == "week":
        year, week, _ = dt.date.fromisoformat(date).isocalendar()
        return f"{year}-W{week:02d}"
    return ""


def deadline_text(day: dt.date, entry: dict, tr: Translator) -> str:
    """A key date's last day to order (``order_by_days`` before it; the day itself
    without), as the plan writes dates ("Friday 18 December"), for a hook's ``{deadline}``."""
    last = day - dt.timedelta(days=int(entry.get("order_by_days") or 0))
    return tr.weekday_date(last)


def tease_before_the_day(slots: list, moments: list, tr: Translator, register: str) -> None:
    """A post of a moment whose offer opens on its day (``Idea.opens``: Black Friday, Boxing
    Day) dated before that day is a teaser: its text says the date (``ideas.teaser``) and
    it asks to save the post, never the day's call to action before the day opens."""
    from .i18n import apply_register

    by_text = {m.text: m for m in moments if m.opens}
    for s in slots:
        idea = by_text.get(s.base_idea)
        if idea is None or s.date >= idea.date:
            continue
        day = dt.date.fromisoformat(idea.date)
        s.idea = tr.t("ideas.teaser", topic=idea.topic, hook=idea.hook,
                      date=deadline_text(day, {}, tr))
        s.cta = apply_register(tr.t("cta.save"), register)


def sponsored_repeats(slots: list, days: int, keep: str = "first",
                      skip: Callable[[object], bool] | None = None) -> set[int]:
    """The sponsored feed posts (ids; ads only and posts without an idea aside, and those
    ``skip`` says) whose idea another sponsored feed post of their platform carries within
    ``days``: all of such a run but its first (``keep="first"``, the later posts repeat
    it) or but its last (``keep="last"``: a key moment's teaser gives way to its
    reminder). Each post is measured from the last one kept."""
    kept: dict[tuple[str, str], dt.date] = {}
    out = set()
    for s in sorted(slots, key=lambda s: (s.date, s.time), reverse=keep == "last"):
        if not s.sponsored or getattr(s, "ad_only", False) or not s.base_idea or (
                skip is not None and skip(s)):
            continue
        day, key = dt.date.fromisoformat(s.date), (s.platform, s.base_idea)
        if key in kept and abs((day - kept[key]).days) <= days:
            out.add(id(s))
        else:
            kept[key] = day
    return out
