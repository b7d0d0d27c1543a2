"""What the client reads: every built example plan is scanned for tool internals (data
folder files, brief field names, sourcing jargon, Python reprs, locale keys), and the
French example for English words."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from smmplan.brief import Brief
from smmplan.i18n import catalogue
from smmplan.paths import DATA_DIR

from .plantext import plan_text

# Data sets whose words are the client's own (file names in the plan's sources list).
CLIENT_FILES = {"posts.csv", "ads.csv", "audience.csv", "web_analytics.csv", "logo.svg",
                "brief.yaml", "comments.csv", "competitors.csv"}
DELIVERED = {"calendar.csv", "calendar.ics", "audience_segments.csv", "plan.json"}
JARGON = ["as relayed", "source unclear", "verified: false", "verified: true",
          "converted from US dollars at 1.0000", "depuis le dollar américain à 1,0000",
          # operator instructions: the client does not edit a brief file
          "in the brief", "dans le brief", "set a minimum spend", "give your own figures",
          "depuis le dollar américain", "a taken window",
          "TODO", "FIXME", "Traceback", "<NA>", "NaT", "Timestamp(", "dtype", "self."]
REPRS = [re.compile(p) for p in (r"\bNone\b", r"\bnan\b", r"\bNaN\b", r"\bTrue\b",
                                 r"\bFalse\b", r"\{[a-z_]*\}", r"\{'", r"\[\[", r"\]\]",
                                 r"\['", r"\binf\b")]


@cache
def brief_field_paths() -> frozenset[str]:
    """Every dotted field path of the brief's JSON Schema with at least two parts
    (``budget.paid.channels``, ``client.sector_kind``), and every snake_case field name."""
    schema = Brief.model_json_schema()
    defs = schema.get("$defs", {})
    out: set[str] = set()

    def walk(node: dict, prefix: str, depth: int) -> None:
        if depth > 8 or not isinstance(node, dict):
            return
        if "$ref" in node:
            walk(defs[node["$ref"].split("/")[-1]], prefix, depth + 1)
        for key in ("anyOf", "allOf", "oneOf"):
            for sub in node.get(key, []):
                walk(sub, prefix, depth + 1)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                walk(node[key], prefix, depth + 1)
        for name, sub in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            if "." in path:
                out.add(path)
            if "_" in name:
                out.add(name)
            walk(sub, path, depth + 1)

    walk(schema, "", 0)
    return frozenset(out)


@cache
def data_folder_files() -> frozenset[str]:
    """File names of the tool's own data folder (``kpis.yaml``, ``benchmarks.csv``...)."""
    return frozenset(p.name for p in DATA_DIR.iterdir() if p.is_file())


def internals(text: str, language: str = "en") -> list[str]:
    """Every tool internal in a plan's text: data folder paths and files, the client's file
    names in a sentence, file hashes, the tool's name, brief field paths, sourcing jargon,
    Python reprs and untranslated locale keys."""
    found = [m.group(0) for m in re.finditer(r"\bdata/[\w./-]+", text)]
    found += [m.group(0) for m in re.finditer(r"\b[\w-]+\.(?:ya?ml|py|ipynb)\b", text)
              if m.group(0) not in CLIENT_FILES]
    found += [m.group(0) for m in re.finditer(r"\b[\w-]+\.(?:csv|xlsx|ics|json)\b", text)
              if m.group(0) not in CLIENT_FILES | DELIVERED]
    # the client's own file names only as a source cited in a table, never in a sentence
    # ("Cost per result in ads.csv"); and no file hashes or tool version (plan.json's)
    prose = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("|"))
    found += [m.group(0) for m in re.finditer(r"\b[\w-]+\.(?:csv|xlsx|ya?ml|svg)\b", prose)
              if m.group(0) in CLIENT_FILES]
    found += [m.group(0) for m in re.finditer(r"\b[0-9a-f]{40,64}\b", text)]
    found += [m.group(0) for m in re.finditer(r"\bsmmplan\b", text)]
    found += [f for f in data_folder_files() if f in text]
    for path in brief_field_paths():
        if re.search(rf"(?<![\w.]){re.escape(path)}(?!\w|\.\w)", text):
            found.append(path)
    found += [m.group(0) for m in re.finditer(r"(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?!\w|\.\w)",
                                              text)]
    found += [j for j in JARGON if j in text]
    found += [m.group(0) for p in REPRS for m in p.finditer(text)]
    keys = {k for k in catalogue(language) if "." in k}
    found += [m.group(0) for m in re.finditer(r"\b[a-z_]+(?:\.[a-z_]+)+\b", text)
              if m.group(0) in keys]
    return sorted(set(found))


# English words and phrases a French plan must not hold (whole words; case-insensitive
# except the short ones in CASE_SENSITIVE, whose lowercase twins are French). Brand and
# platform names are removed before the scan; words French uses as is are not listed
# (budget, test, story, reel, post, web, benchmark, source, audience, engagement,
# impressions, total, KPI, ROI, ROAS, CPM, CTR), nor the job titles "social media manager"
# and "community manager", which are removed before the scan.
ENGLISH = [
    "See", "Think", "Do", "Care", "the", "and", "with", "for", "from", "per", "of", "to",
    "by", "your", "our", "this", "that", "which", "when", "where", "not", "yes",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Wed", "Thu", "Fri", "Sat", "Sun",
    "January", "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Oct", "Nov", "Dec",
    "week", "weeks", "month", "months", "year", "years", "day", "days", "hours",
    "followers", "reach", "engagement rate", "share of voice", "awareness",
    "consideration", "conversion rate", "loyalty", "spend", "revenue", "cost", "costs",
    "sponsored", "organic", "paid", "low", "high", "mid", "median", "baseline", "target",
    "targets", "goal", "goals", "scenario", "forecast", "unclear", "relayed", "as relayed",
    "borrowed", "fitted", "measured", "declared", "kept", "dropped", "role", "roles",
    "staffer", "staffing", "freelancer", "in-house", "agency", "team", "hire", "content",
    "pillar", "pillars", "hook", "call to action", "swipe", "save", "share", "book",
    "order", "shop", "visit", "follow", "link in bio", "learn more", "sign up",
    "back to school", "Mother's Day", "Black Friday", "Christmas", "Easter",
    "Valentine's Day", "New Year", "bank holiday", "holiday", "weekday", "weekend",
    "per post", "click", "clicks", "rate", "rates", "monthly", "weekly", "quarterly",
    "daily", "review", "reviews", "owner", "approve", "draft", "publish", "reply",
    "replies", "crisis", "level", "trigger", "holding statement", "escalate", "FTE", "n/a",
    "overall", "other", "unknown", "social media", "community management", "insights",
    "lead", "leads", "staff", "feedback", "brand", "growth", "retention", "UGC",
]
CASE_SENSITIVE = {"See", "Think", "Do", "Care", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan",
                  "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
ALLOWED = ("social media manager", "Social media manager", "community manager",
           "Community manager")


def english_words(text: str) -> list[str]:
    """English words and phrases of ``ENGLISH`` found in a French plan's text."""
    for phrase in ALLOWED:
        text = text.replace(phrase, "")
    found = []
    for word in ENGLISH:
        flags = 0 if word in CASE_SENSITIVE else re.IGNORECASE
        if re.search(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", text, flags):
            found.append(word)
    return found


def _plan_html(built: dict, name: str) -> Path:
    return built["plans"][name] / "plan.html"


def test_no_tool_internals_in_any_plan(built):
    from .conftest import plan_json

    for name, folder in built["plans"].items():
        text = plan_text(folder / "plan.html")
        assert internals(text, plan_json(folder)["client"]["language"]) == [], name
        # nor the tool's name anywhere in the files the client receives (markup included)
        for delivered in ("plan.html", "calendar.ics", "calendar.csv"):
            assert b"smmplan" not in (folder / delivered).read_bytes().lower(), \
                (name, delivered)


def test_the_scan_catches_what_it_looks_for():
    text = ("Facebook CPM (source unclear), as relayed; see data/kpis.yaml and "
            "budget.paid.channels; client.sector_kind; nan; None; {'a': 1}; "
            "identity.maturity_intro")
    found = internals(text)
    for expected in ("data/kpis.yaml", "kpis.yaml", "budget.paid.channels",
                     "client.sector_kind", "source unclear", "as relayed", "nan", "None",
                     "{'", "identity.maturity_intro"):
        assert expected in found, expected
    for phrase in ("set a minimum spend for it in the brief", "déclaré dans le brief",
                   "posts moved off a public holiday or a taken window"):
        assert internals(phrase), phrase
    assert internals("Le calendrier est livré en calendar.csv et calendar.ics") == []
    assert internals(" | Instagram | CPM | 11.53 | your ads history | ads.csv") == []
    assert internals(" | LinkedIn | CVR | 2.00 | b2b_benchmark | DiGGrowth") == ["b2b_benchmark"]
    sha = "9f832352528b013d0dbaf94a167702258643eb73de2809e174d84e3b322fe009"
    assert set(internals(f"Cost per result in ads.csv by segment. Plan generated by smmplan "
                         f"0.1.0. Brief | brief.yaml\n | Data file | posts.csv | {sha}")) == {
        "ads.csv", "brief.yaml", "smmplan", sha}
    assert english_words("Voir / Considérer / Agir / Fidéliser, le lundi") == []
    assert set(english_words("See (notoriété), Monday, Reach per post")) == {
        "See", "Monday", "reach", "per", "per post"}


def citations() -> list[str]:
    """The published sources' names (data/benchmarks.csv; the neighbourhood campaign's
    frequency rule, data/paid.yaml), cited as they are titled."""
    import csv

    from smmplan.catalogue import paid_facts

    with (DATA_DIR / "benchmarks.csv").open(encoding="utf-8", newline="") as f:
        names = {row["source"] for row in csv.DictReader(f)}
    names.add(paid_facts()["opening_campaign"]["min_frequency_source"])
    return sorted(names, key=len, reverse=True)


def test_no_english_in_the_french_plan(built):
    text = plan_text(_plan_html(built, "maison-fournil"))
    for name in ("Maison Fournil", "Le Pain Quotidien", "Google", "Trustpilot", "G2",
                 "Americans' Social Media Use", *citations()):  # cited by their titles
        text = text.replace(name, "")
    assert english_words(text) == []


def test_french_typography_in_the_catalogue_and_playbooks():
    from smmplan.sectors import playbook, sector_kinds

    def french(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for k, v in node.items()
                    for s in ([v] if k == "fr" and isinstance(v, str) else french(v))]
        if isinstance(node, list):
            return [s for v in node for s in french(v)]
        return []

    texts = list(catalogue("fr").values())
    texts += [s for kind in sector_kinds() for s in french(playbook(kind))]
    bad = [t for t in texts if re.search(r" [;:!?»]|« ", t)]
    assert bad == []


def test_french_dates_and_times_as_the_french_write_them():
    import datetime as dt

    from smmplan.i18n import Translator
    from smmplan.views.base import clock, day

    fr, en = Translator("fr", "fr_FR", "EUR"), Translator("en", "en_GB", "GBP")
    assert day(fr, dt.date(2027, 1, 1)) == "1er janvier 2027"
    assert day(fr, dt.date(2027, 1, 11)) == "11 janvier 2027"
    assert day(en, dt.date(2027, 1, 1)) == "1 January 2027"
    assert clock(fr, "17:00") == "17\u00a0h" and clock(fr, "08:30") == "8\u00a0h\u00a030"
    assert clock(en, "17:00") == "17:00"


def test_the_forecast_counts_conversions_in_the_clients_word(built):
    # review 15, Fournil 6: "Prévision : 72 conversions à 25,05 € chacune" while the plan
    # says "Une conversion est une réservation"
    text = plan_text(_plan_html(built, "maison-fournil"))
    assert "Une conversion est une réservation." in text
    assert re.search(r"Prévision\s:\s\d+\sréservations\sà\s[\d,]+\s€\schacune", text)
    assert not re.search(r"\d\sconversions\s(?:à|\(fourchette)", text)
    assert not re.search(r"(?i:valeur|ici)[^.]*\d,00\s€", text)  # "45 €", not "45,00 €"


def test_a_french_label_after_a_colon_is_in_lower_case(built):
    # review 15, Fournil 6: "Juger le plan sur « … » : Taux de remplissage …", "Commencer par
    # ce levier : Ateliers vendus …"
    text = plan_text(_plan_html(built, "maison-fournil"))
    assert re.search(r"Juger le plan sur «[^»]+»\s:\staux de remplissage", text)
    assert re.search(r"Commencer par ce levier\s:\sateliers vendus", text)
    assert re.search(r"valeur de départ mesurée\s:\staux de remplissage", text)
