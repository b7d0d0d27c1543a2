"""The paid chapter's appendix: the forecast by platform and target, what the ads history
bought against the model, order value by month, the reachable audience, how the ads export
was read, and the source of every rate (with the exchange rate's)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..currency import ECB_SOURCE
from ..i18n import Translator
from ..plan import Plan
from ..report import Column, Html, render
from .base import Section, appendix_chapter, day, platform_label, section_heading
from .order_value_table import order_value_table
from .platform_values import basket_notes
from .sector_cvr import rate_basis
from .target_stops import stop_notes
from .targets import persona_name

IMPLIED_CPM = " (CPM implied by CPC x CTR)"  # benchmarks.platform_benchmarks' marker
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def source_label(tr: Translator, source: str, files: dict[str, str] | None = None) -> str:
    """A benchmark source as the client reads it: the brief named in words, one of the
    client's own exports named by what it is (``files``: file name -> data kind), a CPM
    worked out from a source's CPC and CTR said so in the plan's language."""
    if source == "brief":
        return tr.t("budget.source_brief")
    if files and source in files:
        return tr.t(f"budget.source_file.{files[source]}")
    if source.endswith(IMPLIED_CPM):
        return tr.t("budget.implied_cpm", source=source[:-len(IMPLIED_CPM)])
    return source


def rate_note(tr: Translator, rate: float, source: str) -> str:
    """Where the exchange rate from US dollars comes from ("" when nothing is converted):
    the brief's rate, or the central bank's reference rate of a day, in the plan's
    language."""
    if not source:
        return ""
    if source == "brief":
        return tr.t("budget.rate_brief", rate=tr.number(rate, 4))
    found = ISO_DATE.search(source)
    if source.startswith(ECB_SOURCE) and found:
        when = day(tr, dt.date(*(int(g) for g in found.groups())))
        return tr.t("budget.rate_ecb", rate=tr.number(rate, 4), date=when)
    return tr.t("budget.rate_source", rate=tr.number(rate, 4), source=source)


def budget_appendix(plan: Plan) -> Section:
    """Appendix: the forecast by platform and target, what the history bought against the
    model, order value by month, the reachable audience and how the ads export was read,
    and the source of every rate."""
    tr, paid = plan.tr, plan.paid
    blocks = [appendix_chapter(plan, "budget"), *_by_target(plan), *_calibration(plan),
              *order_value_table(plan), *_market(plan),
              section_heading(plan, "budget.sources", "budget-sources", level=4),
              Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                  "budget.method", frequency=tr.number(paid.effective_frequency),
                  min_useful=tr.money(paid.min_useful_spend))))]
    rate = lambda v: tr.number(v, 2)  # noqa: E731
    rates = _rates(plan)
    note = rate_note(tr, paid.rate, paid.rate_source)
    if note:
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=note)))
    if paid.history:
        rows = sum(p.get("rows", 0) for p in paid.history["platforms"].values())
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.history", rows=rows, file=paid.history["file"]))))
    blocks.append(plan.record.table(
        "benchmarks", "budget", tr.t("budget.sources"), rates,
        [Column("platform_name", tr.t("table.platform")), Column("metric", tr.t("table.metric")),
         Column("low", tr.t("table.low"), rate),
         Column("mid", tr.t("table.mid"), rate),
         Column("high", tr.t("table.high"), rate),
         Column("basis", tr.t("table.basis")), Column("sources", tr.t("table.sources"))]))
    return Section(*blocks)


def _rates(plan: Plan) -> pd.DataFrame:
    """Every rate of the paid model (CPM, CTR, conversion rate; on lead gen forms, the
    published cost per lead it rests on) with its basis and sources."""
    tr, paid = plan.tr, plan.paid
    files = {Path(spec.path).name: kind for kind, spec in plan.brief.data_files().items()}
    rates = []
    for m in paid.models:
        for metric in ("cpm", "ctr", "cvr"):
            form = m[metric]["basis"] == "lead_form_benchmark"  # its published cost per lead
            r = {**m[metric], **paid.lead_forms[m["platform"]]["cpl"]} if form else m[metric]
            rates.append({"platform": m["platform"], "platform_name": platform_label(m["platform"]),
                          "metric": "CPL" if form else metric.upper(), "low": r["low"],
                          "mid": r["mid"], "high": r["high"], "basis": rate_basis(tr, r),
                          "sources": tr.t("common.semicolon").join(
                              source_label(tr, s, files) for s in r["sources"]),
                          "audience": m["audience"]})
    return pd.DataFrame(rates)


def _by_target(plan: Plan) -> list:
    """The paid forecast by platform and target (each pair on its part of the audience)."""
    tr, paid = plan.tr, plan.paid
    blocks: list = []
    if paid.by_target:
        names = {p.id: persona_name(plan, p) for p in plan.targets.personas}
        split = pd.DataFrame(paid.by_target)
        split["platform_name"] = [platform_label(p) for p in split["platform"]]
        split["target_name"] = [names.get(t, f"T{t + 1}") for t in split["target"]]
        split_cols = [Column("platform_name", tr.t("table.platform")),
                      Column("target_name", tr.t("table.target")),
                      Column("audience", tr.t("table.audience"), lambda v: tr.number(v)),
                      Column("spend", tr.t("table.spend"), lambda v: tr.money(v)),
                      Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v))]
        if paid.aov:
            split_cols.append(Column("revenue", tr.t("table.revenue"), lambda v: tr.money(v)))
        blocks += [section_heading(plan, "budget.by_target_heading", "budget-by-target", level=4)]
        cards = [r for r in paid.left_out if r.get("channel")]  # the target cards' verdict
        for t in sorted({r["target"] for r in cards}):
            blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                "budget.left_out_channel", target=names.get(t, f"T{t + 1}"),
                platforms=tr.join([platform_label(r["platform"]) for r in cards
                                   if r["target"] == t])))))
        priced = [r for r in paid.left_out if not r.get("channel")]
        for t in sorted({r["target"] for r in priced}):
            rows = [r for r in priced if r["target"] == t]
            blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                "budget.left_out", target=names.get(t, f"T{t + 1}"),
                platforms=tr.join([platform_label(r["platform"]) for r in rows]),
                cost=tr.money(max(r["cost"] for r in rows)),
                worth=tr.money(max(r["break_even"] for r in rows))))))
        blocks.append(plan.record.table("budget_by_target", "budget",
                                        tr.t("budget.by_target"), split, split_cols))
        blocks += basket_notes(plan) + stop_notes(plan)  # each target's stop, message
    return blocks


def _calibration(plan: Plan) -> list:
    """The history each platform's curve passes through, beside the model at that spend."""
    tr, paid = plan.tr, plan.paid
    if not paid.calibration:
        return []
    frame = pd.DataFrame([{
        "platform_name": platform_label(p), "months": c["months"], "spend": c["spend"],
        "conversions": c["conversions"],
        "interval": f"{tr.number(c['conversions_interval'][0])}–"
                    f"{tr.number(c['conversions_interval'][1])}",
        "model_conversions": c["model_conversions"]} for p, c in paid.calibration.items()])
    return [section_heading(plan, "budget.calibration", "budget-calibration", level=4),
            Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                "budget.calibration_note"))),
            plan.record.table("calibration", "budget", tr.t("budget.calibration"), frame, [
                Column("platform_name", tr.t("table.platform")),
                Column("months", tr.t("table.months"), lambda v: tr.number(v, 1)),
                Column("spend", tr.t("table.spend"), lambda v: tr.money(v)),
                Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v)),
                Column("interval", tr.t("table.range")),
                Column("model_conversions", tr.t("table.model"), lambda v: tr.number(v))])]


def _market(plan: Plan) -> list:
    """Where each platform's reachable audience comes from (population, platform usage by
    country, region or stand-in) and how the ads export was read (platform, rows without
    spend, currency)."""
    from babel import Locale

    from .reach import audience_notes

    tr, paid, brief = plan.tr, plan.paid, plan.brief
    country = brief.client.country
    name = Locale.parse(tr.locale).territories.get(country, country)
    given = {p for p, spec in brief.budget.paid.channels.items() if spec and spec.audience}
    estimated = [m["platform"] for m in paid.models if m["platform"] not in given]
    notes = audience_notes(tr, brief, estimated, name)
    history = paid.history or {}
    if history.get("platform_source") in ("brief", "only_paid_platform"):
        shown = set(history.get("platforms", {}))
        notes.append(tr.t(f"paid_market.platform_{history['platform_source']}",
                          file=history["file"],
                          platform=", ".join(platform_label(p) for p in sorted(shown))))
    if history.get("zero_spend"):
        notes.append(tr.plural("paid_market.zero_spend", history["zero_spend"],
                               file=history["file"]))
    if history.get("currency"):
        c = history["currency"]
        notes.append(tr.t("paid_market.currency", source=c["from"], target=c["to"],
                          rate=tr.number(c["rate"], 4), origin=c["source"], date=c["date"]))
    if not notes:
        return []
    return [section_heading(plan, "paid_market.heading", "budget-market", level=4),
            *[Html(render("paragraph.html.j2", css="smm-note", text=n)) for n in notes]]
