"""Sector playbooks (``data/sectors/<kind>.yaml``): the levers, KPIs, pillars, formats,
demand by month, dated moments per country, post ideas, reply templates and compliance
topics of a sector. The brief names its playbook in ``client.sector_kind``.

Text fields are ``{en: ..., fr: ...}`` mappings read through ``i18n.Translator.text``;
French text may hold ``[[vous form|tu form]]`` alternatives (``i18n.apply_register``).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from dateutil.easter import easter

from .catalogue import content_facts
from .errors import DataError
from .paths import DATA_DIR, parse_yaml

SECTORS_DIR = DATA_DIR / "sectors"
PILLARS = ("showcase", "values", "education", "community", "care")
SITUATIONS = ("question", "complaint", "praise", "troll", "review")
IDEA_SCOPES = ("offer", "diff", "persona", "once")
LANGS = ("en", "fr")
REQUIRED = ("kind", "name", "sources", "demand_by_month", "demand_source", "kpis", "formats",
            "pillar_weights", "pillar_names", "tone", "levers", "dates", "ideas", "replies",
            "answer", "compliance")


@cache
def sector_kinds() -> tuple[str, ...]:
    """The playbooks shipped in ``data/sectors`` (file names without ``.yaml``)."""
    return tuple(sorted(p.stem for p in SECTORS_DIR.glob("*.yaml")))


def _text_problems(value: object, where: str) -> list[str]:
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or
                                          not value.get(lang).strip() for lang in LANGS):
        return [f"{where}: needs non-empty 'en' and 'fr' texts"]
    return []


TIMINGS = ("morning", "evening")  # data/content.yaml calendar: the hours of each


def timing_problems(entry: dict, where: str) -> list[str]:
    """Problems of an idea's or a moment's timing: ``when`` (morning or evening),
    ``weekdays`` (0 = Monday to 6), ``occurs`` (the weekday of the dated occurrence an
    idea sells, ``side`` next or last), ``formats`` (an idea's format families,
    data/content.yaml ``calendar.format_families``), ``order_by_days`` (a whole number of
    days, 0 or more, below ``lead_days``), ``voice`` (brand or person)."""
    problems = []
    if entry.get("when", "") not in ("", *TIMINGS):
        problems.append(f"{where}: when must be one of {TIMINGS}, not {entry['when']!r}")
    days = entry.get("weekdays", [])
    if not isinstance(days, list) or any(not isinstance(d, int) or not 0 <= d <= 6
                                         for d in days):
        problems.append(f"{where}: weekdays must be a list of 0 (Monday) to 6 (Sunday)")
    occurs = entry.get("occurs", {})
    if occurs and (not isinstance(occurs, dict) or occurs.get("weekday") not in range(7)
                   or occurs.get("side", "next") not in ("next", "last")):
        problems.append(f"{where}: occurs must be {{weekday: 0-6, side: next or last}}")
    fams = content_facts()["calendar"]["format_families"]  # a family, or one format of it
    families = set(fams.values())
    if set(entry.get("formats", []) if "per" in entry else []) - families - set(fams):
        problems.append(f"{where}: formats must be format families among {sorted(families)}"
                        " or formats among their members")
    quiet = entry.get("quiet_days")
    if quiet is not None and (not isinstance(quiet, int) or not 1 <= quiet <= 14):
        problems.append(f"{where}: quiet_days must be a whole number of days from 1 to 14")
    off = entry.get("off_days")
    if off is not None and (not isinstance(off, dict) or any(
            not isinstance(v, list) or any(not isinstance(k, int) or not 0 <= k < (quiet or 0)
                                           for k in v) for v in off.values())):
        problems.append(f"{where}: off_days must map countries to days of the quiet "
                        f"stretch (0 to quiet_days - 1)")
    if entry.get("voice", "brand") not in ("brand", "person"):
        problems.append(f"{where}: voice must be brand (the company page) or person (a "
                        f"founder's or employee's own profile, never sponsored)")
    order_by = entry.get("order_by_days")
    if order_by is not None and (not isinstance(order_by, int) or order_by < 0
                                 or order_by >= int(entry.get("lead_days", 0))):
        problems.append(f"{where}: order_by_days must be a whole number of days from 0 to "
                        f"lead_days - 1 (the posts go out before the orders close)")
    return problems


def check_playbook(data: dict, name: str) -> list[str]:
    """Every problem of one playbook (empty when valid): required fields, both languages,
    demand indices for 12 months averaging 1.0, known pillars, date rules and CTAs."""
    from .i18n import catalogue

    problems = [f"{name}: missing field {k!r}" for k in REQUIRED if k not in data]
    if problems:
        return problems
    if data["kind"] != name:
        problems.append(f"{name}: kind {data['kind']!r} differs from the file name")
    problems += _text_problems(data["name"], f"{name}: name")
    problems += _text_problems(data["tone"], f"{name}: tone")
    problems += _text_problems(data["answer"], f"{name}: answer")
    if "assets" in data:
        problems += _text_problems(data["assets"], f"{name}: assets")
    if not data["sources"] or not data["demand_source"]:
        problems.append(f"{name}: sources and demand_source are required")
    demand = data["demand_by_month"]
    if sorted(demand) != list(range(1, 13)):
        problems.append(f"{name}: demand_by_month needs months 1 to 12")
    elif abs(sum(demand.values()) / 12 - 1) > 0.01 or min(demand.values()) <= 0:
        problems.append(f"{name}: demand_by_month must be positive and average 1.0 "
                        f"(it averages {sum(demand.values()) / 12:.3f})")
    values = data.get("order_value_by_month")
    if values is not None and (sorted(values) != list(range(1, 13)) or min(values.values()) <= 0
                               or abs(sum(values.values()) / 12 - 1) > 0.01
                               or not data.get("order_value_source")):
        problems.append(f"{name}: order_value_by_month needs months 1 to 12, positive, "
                        "averaging 1.0, and an order_value_source")
    if set(data["pillar_weights"]) != set(PILLARS) or set(data["pillar_names"]) != set(PILLARS):
        problems.append(f"{name}: pillar_weights and pillar_names need exactly {PILLARS}")
    for key, text in data["pillar_names"].items():
        problems += _text_problems(text, f"{name}: pillar_names.{key}")
    ctas = {k.split(".")[1] for k in catalogue("en") if k.startswith("cta.")}
    kpis = set(parse_yaml((DATA_DIR / "kpis.yaml").read_text(encoding="utf-8")))
    problems += [f"{name}: unknown KPI {k!r}" for k in data["kpis"] if k not in kpis]
    compliance = {k.split(".")[1] for k in catalogue("en") if k.startswith("compliance.")}
    problems += [f"{name}: unknown compliance topic {k!r}" for k in data["compliance"]
                 if k not in compliance]
    if len(data["levers"]) < 3:
        problems.append(f"{name}: at least three levers")
    for i, lever in enumerate(data["levers"]):
        for f in ("name", "how", "measure"):
            problems += _text_problems(lever.get(f), f"{name}: levers[{i}].{f}")
        cost = lever.get("cost")
        if cost is not None and (not cost.get("currency") or not cost.get("per_post")
                                 or any(not cost.get(f"{k}_source")
                                        for k in ("per_post", "other", "rights")
                                        if cost.get(k) is not None)):
            problems.append(f"{name}: levers[{i}].cost needs a currency, per_post fees and "
                            "a source for each figure")
    keys = {lever.get("key") for lever in data["levers"]}
    problems += [f"{name}: ideas[{i}]: unknown lever {idea['lever']!r}"
                 for i, idea in enumerate(data["ideas"]) if idea.get("lever", "") and
                 idea["lever"] not in keys]
    supplies = data.get("supplies") or {}
    problems += [f"{name}: supplies.{k} needs a whole per_month and a source"
                 for k, v in supplies.items() if not isinstance(v, dict)
                 or not isinstance(v.get("per_month"), int) or not v.get("source")]
    problems += [f"{name}: ideas[{i}]: supply {k!r} must be one of supplies, a whole number"
                 f" a post uses" for i, idea in enumerate(data["ideas"])
                 for k, n in (idea.get("supply") or {}).items()
                 if k not in supplies or not isinstance(n, int) or n < 1]
    offers = content_facts().get("offer_assumptions", {})
    problems += [f"{name}: {part}[{i}]: unknown offer in assumes {a!r}"
                 for part in ("ideas", "dates") for i, e in enumerate(data[part])
                 for a in e.get("assumes", []) if a not in offers]
    for i, d in enumerate(data["dates"]):
        where = f"{name}: dates[{i}]"
        for f in ("name", "topic", "hook"):
            problems += _text_problems(d.get(f), f"{where}.{f}")
        if d.get("cta") not in ctas:
            problems.append(f"{where}: unknown cta {d.get('cta')!r}")
        for key, step in d.get("steps", {}).items():  # a season's own words per step
            for f in ("topic", "hook"):
                problems += _text_problems(step.get(f), f"{where}.steps.{key}.{f}")
            if step.get("cta", d.get("cta")) not in ctas:
                problems.append(f"{where}.steps.{key}: unknown cta {step.get('cta')!r}")
        if not d.get("countries"):
            problems.append(f"{where}: countries missing")
        after = d.get("closed_after")  # smmplan/order_cutoff.py
        if after is not None and (len(after.get("until") or []) != 2 or set(
                after.get("ctas") or ["?"]) - set(ctas)):
            problems.append(f"{where}: closed_after must be {{until: [month, day], ctas: "
                            f"[known calls to action]}}")
        problems += timing_problems(d, where)
        try:
            date_for(d["rule"], 2027)
            for rule in d.get("rule_by_country", {}).values():
                date_for(rule, 2027)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{where}: bad rule ({exc})")
    covered = set()
    for i, idea in enumerate(data["ideas"]):
        where = f"{name}: ideas[{i}]"
        for f in ("topic", "hook", *(("rotate",) if "rotate" in idea else ())):
            problems += _text_problems(idea.get(f), f"{where}.{f}")  # rotate: idea_turns
        if idea.get("pillar") not in PILLARS or idea.get("per") not in IDEA_SCOPES:
            problems.append(f"{where}: pillar must be one of {PILLARS}, per one of {IDEA_SCOPES}")
        if idea.get("cta") not in ctas:
            problems.append(f"{where}: unknown cta {idea.get('cta')!r}")
        if set(idea.get("paths", [])) - {"self_serve", "sales_led"}:
            problems.append(f"{where}: paths must be self_serve or sales_led")
        problems += timing_problems(idea, where)
        if idea.get("cadence", "week") not in ("week", "month", "quarter"):
            problems.append(f"{where}: cadence must be week, month or quarter")
        if "per_year" in idea and not (isinstance(idea["per_year"], int)
                                       and idea["per_year"] >= 1):
            problems.append(f"{where}: per_year must be a whole number of posts, at least 1")
        covered.add(idea.get("pillar"))
    if covered != set(PILLARS):
        problems.append(f"{name}: ideas must cover every pillar (missing "
                        f"{sorted(set(PILLARS) - covered)})")
    for s in SITUATIONS:
        problems += _text_problems(data["replies"].get(s), f"{name}: replies.{s}")
    return problems


@cache
def playbook(kind: str) -> dict:
    """One sector's playbook, checked."""
    if kind not in sector_kinds():
        raise DataError(f"unknown sector kind {kind!r} (known: {', '.join(sector_kinds())})")
    path = SECTORS_DIR / f"{kind}.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8"))
    problems = check_playbook(data, kind)
    if problems:
        raise DataError("; ".join(problems))
    return data


def date_for(rule: dict, year: int) -> dt.date:
    """The day a date rule gives in ``year``: ``fixed: [month, day]``, ``weekday: [month,
    weekday (0 = Monday), n (-1 = last)]`` with an optional ``offset`` in days and
    ``unless_easter: k`` (moved a week later when it falls k days after Easter, as the French
    Mother's Day on Whit Sunday), ``easter: offset``, or ``first_after: [month, day, weekday]``
    (the first such weekday strictly after that day, as the French Epiphany: the Sunday
    between 2 and 8 January)."""
    if "fixed" in rule:
        month, day = rule["fixed"]
        out = dt.date(year, month, day)
    elif "first_after" in rule:
        month, day, weekday = rule["first_after"]
        after = dt.date(year, month, day)
        out = after + dt.timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)
    elif "easter" in rule:
        out = easter(year) + dt.timedelta(days=int(rule["easter"]))
    elif "weekday" in rule:
        month, weekday, n = rule["weekday"]
        if n > 0:
            first = dt.date(year, month, 1)
            out = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        else:
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            last = nxt - dt.timedelta(days=1)
            out = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        if "unless_easter" in rule and out == easter(year) + dt.timedelta(
                days=int(rule["unless_easter"])):
            out += dt.timedelta(days=7)
    else:
        raise ValueError(f"unknown date rule {rule!r}")
    return out + dt.timedelta(days=int(rule.get("offset", 0)))


def sector_dates(kind: str, country: str, start: dt.date, end: dt.date) -> list[dict]:
    """The sector's moments for ``country`` between ``start`` and ``end``: {date, key, rule
    entry} sorted by date."""
    out = []
    for d in playbook(kind)["dates"]:
        if country not in d["countries"]:
            continue
        rule = d.get("rule_by_country", {}).get(country, d["rule"])
        for year in range(start.year, end.year + 1):
            day = date_for(rule, year)
            if start <= day <= end:
                out.append({"date": day, "key": d["key"], "entry": d})
    return sorted(out, key=lambda x: (x["date"], x["key"]))


def demand_by_month(kind: str) -> dict[int, float]:
    """Demand index per calendar month (1-12, averaging 1.0) with its source in the
    playbook's ``demand_source``: for the paid forecast's demand seasonality."""
    return {int(m): float(v) for m, v in playbook(kind)["demand_by_month"].items()}


def order_value_by_month(kind: str) -> dict[int, float]:
    """Order-value (average basket) index per calendar month (1-12, averaging 1.0) with its
    source in the playbook's ``order_value_source``; flat (1.0) when the playbook has none."""
    values = playbook(kind).get("order_value_by_month") or {m: 1.0 for m in range(1, 13)}
    return {int(m): float(v) for m, v in values.items()}
