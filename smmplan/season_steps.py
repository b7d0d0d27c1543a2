"""A product season (a sector date with ``season_days``: the galette des rois all January)
told as a sequence of distinct posts, never one idea repeated: announced before the key
date (its ``lead_days``), the day itself, behind the scenes, the product's detail, a last
call before the season ends. The steps and their windows are data/content.yaml
``calendar.season_steps``; a step's words are the sector date's own ``steps.<key>`` when it
gives them (the fève of the galette), else the locale's ``ideas.season.<key>`` around the
date's topic, so any sector's season gets its sequence."""

from __future__ import annotations

import datetime as dt

from .catalogue import content_facts
from .i18n import Translator, apply_register
from .idea_model import Idea


def season_steps() -> list[dict]:
    """data/content.yaml ``calendar.season_steps``."""
    return list(content_facts()["calendar"]["season_steps"])


def step_window(step: dict, lead_days: int, season_days: int) -> tuple[int, int]:
    """A step's first and last day, in days from the key date: ``days`` (``lead``: the
    date's lead time before it) or ``season`` (shares of the season's length)."""
    if "days" in step:
        low, high = step["days"]
        return (-lead_days if low == "lead" else int(low)), int(high)
    low, high = step["season"]
    return round(float(low) * season_days), round(float(high) * season_days)


def season_ideas(entry: dict, day: dt.date, values: dict, mark: str, tr: Translator,
                 reg: str) -> list[Idea]:
    """The season's steps (module docstring) as dated ideas, one post each (the platforms
    take turns: a sparse calendar still tells the whole season);
    ``values`` fill the texts' placeholders ({brand}, {deadline}), ``mark`` is the "to
    confirm" mark of an offer the brief does not state."""
    season = int(entry.get("season_days", 0))
    own = entry.get("steps", {})
    topic = tr.text(entry["topic"], reg, **values)
    out = []
    for step in season_steps():
        key = step["key"]
        low, high = step_window(step, int(entry["lead_days"]), season)
        end = day + dt.timedelta(days=high)
        words = values | {"topic": topic, "end": tr.weekday_date(day + dt.timedelta(
            days=season))}
        mine = own.get(key, {})
        if key == "day" and not mine:  # the day itself: the date's own topic and hook
            mine = {"topic": entry["topic"], "hook": entry["hook"]}
        if mine:
            text = {f: tr.text(mine[f], reg, **words) for f in ("topic", "hook")}
        else:
            text = {f: apply_register(tr.t(f"ideas.season.{key}.{f}", **words), reg)
                    for f in ("topic", "hook")}
        out.append(Idea(step.get("pillar", "showcase"), text["topic"] + mark, text["hook"],
                        mine.get("cta") or step.get("cta") or entry["cta"],
                        moment=tr.text(entry["name"], reg), date=end.isoformat(),
                        lead_days=high - low, when=entry.get("when", ""),
                        weekdays=list(entry.get("weekdays", [])), posts=1,
                        first=bool(step.get("first")), once=True))
    return out


def placed(moments: list[Idea], slots: list) -> list[Idea]:
    """The dated ideas the plan lists: those a post carries (a calendar with few posts
    tells a season in fewer steps; a moment it has no post for is not promised, the
    channels chapter says how many)."""
    carried = {s.base_idea for s in slots}
    return [m for m in moments if m.text in carried]
