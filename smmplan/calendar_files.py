"""The calendar files delivered beside the plan: calendar.csv (one row per post, then one
per key date) and calendar.ics (one event per post, all-day key dates), titles in the
plan's language."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .brief import platforms
from .calendar_slots import Slot
from .i18n import Translator

if TYPE_CHECKING:
    from .channels import Channels


def calendar_files(channels: Channels, client: str, tr: Translator) -> dict[str, bytes]:
    """calendar.csv and calendar.ics, delivered beside the plan (titles in the plan's
    language)."""
    titles = {"calendar": tr.t("channels.calendar"), "sponsored": tr.t("channels.sponsored"),
              "ad_only": tr.t("channels.ad_only"),
              "cta": tr.t("ideas.cta"), "cta_line": tr.t("ideas.cta_line", cta="{cta}")}
    titles.update({p["key"]: channels.pillar_names.get(p["key"]) or tr.t(f"pillar.{p['key']}")
                   for p in channels.pillars})
    titles.update({f: tr.t(f"format.{f}") for formats in channels.mix.values() for f in formats})
    words = {k: tr.t(f"channels.csv_{k}") for k in ("yes", "no")} | {
        "ad_only": titles["ad_only"]}
    return {"calendar.csv": to_csv(channels.slots, channels.key_dates, words).encode("utf-8"),
            "calendar.ics": to_ics(channels.slots, channels.key_dates, channels.timezone,
                                   client, titles)}


def to_csv(slots: list[Slot], key_dates_: list[dict], words: dict[str, str] | None = None
           ) -> str:
    """calendar.csv: one row per post, then one per key date (formula-like text cells,
    e.g. an event named ``=HYPERLINK(...)``, neutralised). ``words``: the ``sponsored``
    column's values in the plan's language (keys yes, no, ad_only; English without)."""
    from .safety import csv_text

    words = {"yes": "yes", "no": "no", "ad_only": "ad only"} | (words or {})

    rows = [["date", "time", "platform", "pillar", "format", "sponsored", "kind", "idea", "cta",
             "adaptation"]]
    rows += [[s.date, s.time, s.platform, s.pillar, s.format,
              words["ad_only" if s.ad_only else "yes"] if s.sponsored else words["no"], "post",
              s.idea,
              s.cta, s.adaptation]
             for s in slots]
    rows += [[d["date"], "", "", "", d["name"], "", d["kind"], "", "", ""] for d in key_dates_]
    return csv_text(rows)


def to_ics(slots: list[Slot], key_dates_: list[dict], timezone: str, client: str,
           titles: dict[str, str]) -> bytes:
    """calendar.ics: one 30-minute event per post (local time zone), all-day key dates.

    Property values are built once where posts share them (time stamp, summary,
    categories) and added without icalendar's type inference: same bytes, less time."""
    from icalendar import Calendar, Event
    from icalendar.prop import vCategory, vDDDTypes, vText

    cal = Calendar()
    slug = re.sub(r"[^a-z0-9]+", "-", client.lower()).strip("-") or "client"
    cal.add("prodid", f"-//{client}//{titles['calendar']}//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{client} – {titles['calendar']}")
    cal.add("x-wr-timezone", timezone)
    tz = ZoneInfo(timezone)
    stamp = vDDDTypes(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    half_hour = dt.timedelta(minutes=30)
    labels = {key: facts["label"] for key, facts in platforms().items()}
    summaries: dict[tuple, vText] = {}
    categories: dict[tuple, vCategory] = {}
    for i, s in enumerate(slots):
        start = dt.datetime.fromisoformat(f"{s.date}T{s.time}").replace(tzinfo=tz)
        kind = (s.platform, s.pillar, s.format, s.sponsored, s.ad_only)
        if kind not in summaries:
            sponsored = f" · {titles['ad_only' if s.ad_only else 'sponsored']}" \
                if s.sponsored else ""
            summaries[kind] = vText(f"{labels[s.platform]}: {titles[s.pillar]} "
                                    f"({titles[s.format]}){sponsored}")
            categories[kind] = vCategory([s.platform, s.pillar])
        ev = Event()
        ev.add("uid", vText(f"post-{i}-{s.date}-{s.platform}@{slug}.calendar"), encode=False)
        ev.add("dtstamp", stamp, encode=False)
        ev.add("dtstart", vDDDTypes(start), encode=False)
        ev.add("dtend", vDDDTypes(start + half_hour), encode=False)
        ev.add("summary", summaries[kind], encode=False)
        if s.idea:
            ev.add("description", vText(f"{s.idea}\n{titles['cta_line'].format(cta=s.cta)}\n"
                                        f"{s.adaptation}".strip()), encode=False)
        ev.add("categories", categories[kind], encode=False)
        cal.add_component(ev)
    for i, d in enumerate(key_dates_):
        ev = Event()
        ev.add("uid", f"date-{i}-{d['date']}@{slug}.calendar")
        ev.add("dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        ev.add("dtstart", dt.date.fromisoformat(d["date"]))
        ev.add("summary", d["name"])
        ev.add("categories", [d["kind"]])
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
