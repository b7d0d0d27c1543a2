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


#: calendar.csv's columns, in order: the header row carries their names in the plan's
#: language, so a program reads the file by position (``read_calendar``).
COLUMNS = ("date", "time", "platform", "pillar", "format", "sponsored", "kind", "idea", "cta",
           "adaptation")
KINDS = ("post", "holiday", "event", "sector")  # the column kind's values (locale csv_kinds)


def calendar_files(channels: Channels, client: str, tr: Translator) -> dict[str, bytes]:
    """calendar.csv and calendar.ics, delivered beside the plan: every word a client reads
    (headers, pillars, formats, platforms, kinds) in the plan's language, no code key."""
    titles = {"calendar": tr.t("channels.calendar"), "sponsored": tr.t("channels.sponsored"),
              "ad_only": tr.t("channels.ad_only"), "test": tr.t("channels.sponsored_test"),
              "cta": tr.t("ideas.cta"), "cta_line": tr.t("ideas.cta_line", cta="{cta}"),
              "summary": tr.t("channels.ics_summary", platform="{platform}", title="{title}",
                              format="{format}")}
    pillars = {p["key"]: channels.pillar_names.get(p["key"]) or tr.t(f"pillar.{p['key']}")
               for p in channels.pillars}
    formats = {s.format for s in channels.slots} | {
        f for fs in channels.mix.values() for f in fs}
    labels = {"pillar": pillars | {s.pillar: channels.pillar_names.get(s.pillar)
                                   or tr.t(f"pillar.{s.pillar}")
                                   for s in channels.slots if s.pillar not in pillars},
              "format": {f: tr.t(f"format.{f}") for f in formats},
              "platform": {k: facts["label"] for k, facts in platforms().items()},
              "kind": {k: tr.t(f"channels.csv_kinds.{k}") for k in KINDS},
              "column": {k: tr.t(f"channels.csv_columns.{k}") for k in COLUMNS}}
    words = {k: tr.t(f"channels.csv_{k}") for k in ("yes", "no")} | {
        "ad_only": titles["ad_only"], "test": titles["test"]}
    return {"calendar.csv": to_csv(channels.slots, channels.key_dates, words,
                                   labels).encode("utf-8"),
            "calendar.ics": to_ics(channels.slots, channels.key_dates, channels.timezone,
                                   client, titles, labels)}


def post_title(slot: Slot) -> str:
    """A post's title: its idea's topic (the idea is "topic — hook")."""
    return slot.idea.split(" — ")[0].strip()


def _kind(s: Slot, sponsored: str = "yes") -> str:
    """How a sponsored post is marked: an ad only, the held-back test's, else ``sponsored``."""
    return "ad_only" if s.ad_only else "test" if s.test else sponsored


def to_csv(slots: list[Slot], key_dates_: list[dict], words: dict[str, str] | None = None,
           labels: dict[str, dict[str, str]] | None = None) -> str:
    """calendar.csv: one row per post, then one per key date (formula-like text cells,
    e.g. an event named ``=HYPERLINK(...)``, neutralised). ``words``: the ``sponsored``
    column's values in the plan's language (keys yes, no, ad_only); ``labels``: by field
    (column, platform, pillar, format, kind), each key's label in the plan's language
    (the keys themselves without)."""
    from .safety import csv_text

    words = {"yes": "yes", "no": "no", "ad_only": "ad only", "test": "test"} | (words or {})
    labels = labels or {}

    def say(field: str, key: str) -> str:
        return labels.get(field, {}).get(key, key)

    rows = [[say("column", c) for c in COLUMNS]]
    rows += [[s.date, s.time, say("platform", s.platform), say("pillar", s.pillar),
              say("format", s.format),
              words[_kind(s)] if s.sponsored else words["no"],
              say("kind", "post"), s.idea, s.cta, s.adaptation]
             for s in slots]
    rows += [[d["date"], "", "", "", d["name"], "", say("kind", d["kind"]), "", "", ""]
             for d in key_dates_]
    return csv_text(rows)


def read_calendar(data: bytes | str) -> list[dict[str, str]]:
    """calendar.csv read back by position (its header is in the plan's language): one
    dict a row keyed by ``COLUMNS``, the kind column as its key (post, holiday, event,
    sector) whatever the language; the other cells as written."""
    import csv
    import io

    from .i18n import LANGUAGES, catalogue

    text = data.decode("utf-8") if isinstance(data, bytes) else data
    kinds = {catalogue(lang)[f"channels.csv_kinds.{k}"]: k for lang in LANGUAGES
             for k in KINDS} | {k: k for k in KINDS}
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return [dict(zip(COLUMNS, r, strict=True)) | {"kind": kinds.get(r[6], r[6])} for r in rows]


def to_ics(slots: list[Slot], key_dates_: list[dict], timezone: str, client: str,
           titles: dict[str, str], labels: dict[str, dict[str, str]]) -> bytes:
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
    summaries: dict[tuple, vText] = {}
    categories: dict[tuple, vCategory] = {}
    for i, s in enumerate(slots):
        start = dt.datetime.fromisoformat(f"{s.date}T{s.time}").replace(tzinfo=tz)
        platform = labels["platform"][s.platform]
        pillar = labels["pillar"][s.pillar]
        kind = (platform, post_title(s) or pillar, s.format, s.sponsored, s.ad_only, s.test)
        if kind not in summaries:
            sponsored = f" · {titles[_kind(s, 'sponsored')]}" if s.sponsored else ""
            summaries[kind] = vText(titles["summary"].format(
                platform=platform, title=kind[1], format=labels["format"][s.format])
                + sponsored)
        if (platform, pillar) not in categories:
            categories[(platform, pillar)] = vCategory([platform, pillar])
        ev = Event()
        ev.add("uid", vText(f"post-{i}-{s.date}-{s.platform}@{slug}.calendar"), encode=False)
        ev.add("dtstamp", stamp, encode=False)
        ev.add("dtstart", vDDDTypes(start), encode=False)
        ev.add("dtend", vDDDTypes(start + half_hour), encode=False)
        ev.add("summary", summaries[kind], encode=False)
        if s.idea:
            ev.add("description", vText(f"{s.idea}\n{titles['cta_line'].format(cta=s.cta)}\n"
                                        f"{s.adaptation}".strip()), encode=False)
        ev.add("categories", categories[(platform, pillar)], encode=False)
        cal.add_component(ev)
    for i, d in enumerate(key_dates_):
        ev = Event()
        ev.add("uid", f"date-{i}-{d['date']}@{slug}.calendar")
        ev.add("dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        ev.add("dtstart", dt.date.fromisoformat(d["date"]))
        ev.add("summary", d["name"])
        ev.add("categories", [labels["kind"][d["kind"]]])
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
