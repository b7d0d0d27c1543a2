"""Views of chapter 5, community and crisis."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..catalogue import kpi_catalogue
from ..community import NEGATIVE_SHARE
from ..i18n import reply_registers
from ..peak_delivery import delivers
from ..plan import Plan
from ..report import Column, Html, render
from ..sectors import playbook
from .base import (
    Section,
    chapter_opening,
    month_year,
    platform_label,
    role_name,
    section_heading,
)


def community_decisions(plan: Plan) -> list[str]:
    """The community chapter's decisions in words (executive summary)."""
    tr, cm = plan.tr, plan.community
    hours = tr.join([tr.t("community.hours", n=h) for h in sorted(set(cm.response_hours.values()))])
    if cm.negative_per_day is None:
        return [tr.t("summary_community.crisis_none", hours=hours)]
    triggers = tr.join([tr.t("summary_community.trigger", level=lv["level"],
                             value=tr.number(lv["trigger"])) for lv in cm.levels])
    out = tr.t("summary_community.crisis", triggers=triggers, hours=hours,
               per=tr.t(f"community.per.{cm.trigger_unit}"),
               today=tr.number(cm.negative_per_unit, 1))
    if cm.peak:  # the months of highest demand: thresholds scaled with it
        out += tr.t("summary_community.peak", months=tr.t("common.semicolon").join([tr.t(
            "summary_community.peak_month", month=_month(plan, p["month"]),
            **_levels(plan, p["triggers"])) for p in cm.peak]))
    return [out]


def _month(plan: Plan, iso: str) -> str:
    """A month in full, with its year ("November 2027")."""
    return month_year(plan.tr, dt.date.fromisoformat(iso))


def _levels(plan: Plan, triggers: list[int]) -> dict[str, str]:
    return {f"l{i}": plan.tr.number(n) for i, n in enumerate(triggers, start=1)}


def peak_text(plan: Plan) -> list[Html]:
    """The crisis thresholds of the months of highest demand (``community.peak_levels``)
    and, when the brief names review sites, the review rota through those months; [] when
    no month is a peak."""
    tr, cm = plan.tr, plan.community
    if not cm.peak:
        return []
    within = tr.t(f"community.within_unit.{cm.trigger_unit}")
    items = [tr.t("community.peak_item", month=_month(plan, p["month"]),
                  index=tr.number(p["index"], 2), within=within,
                  **_levels(plan, p["triggers"])) for p in cm.peak]
    out = [Html(render("list.html.j2", title=tr.t(
        "community.peak", basis=tr.t(f"community.peak_basis_{cm.peak[0]['basis']}")),
        items=items))]
    if cm.review_sites:
        text = tr.t("community.rota", months=tr.join([_month(plan, p["month"])
                                                      for p in cm.peak]),
                    sites=tr.join(cm.review_sites), complaint=tr.t(
                        "community.complaint_delivery" if delivers(plan.brief)
                        else "community.complaint_service"))
        if any(o.kpi == "review_reply_share" for o in plan.objectives.objectives):
            text += " " + tr.t("community.rota_kpi", kpi=tr.t("kpi.review_reply_share"))
        else:  # the reply standard is a service rule, whatever the objective's KPI
            rule = kpi_catalogue()["review_reply_share"]["standard_target"]
            text += " " + tr.t("community.rota_rule", share=tr.percent(rule, 0),
                               kpi=tr.t("kpi.review_reply_share"))
        out.append(Html(render("paragraph.html.j2", text=text)))
    return out


def community_playbook(plan: Plan) -> Section:
    """Situations with guideline, action and example reply; response times; rules."""
    tr, cm, name = plan.tr, plan.community, plan.brief.client.name
    book = playbook(plan.brief.client.sector_kind)
    address = plan.brief.brand.tone_of_voice.address
    register = "tu" if address == "tu" else "vous"  # the brand's default register
    signature = tr.t("community.signature", brand=name)

    def reply(situation: str, reg: str) -> str:
        if situation in book["replies"]:
            return tr.text(book["replies"][situation], reg, signature=signature,
                           answer=tr.text(book["answer"], reg))
        return tr.t(f"community.example.{situation}")

    def example(situation: str) -> str:
        regs = reply_registers(address, situation) if tr.language == "fr" else ("vous",)
        shown = [reply(situation, regs[0])]
        shown += [tr.t("community_extra.example_tu", text=reply(situation, reg))
                  for reg in regs[1:] if reply(situation, reg) != shown[0]]
        return " ".join(shown)

    def label(kind: str, situation: str) -> str:
        if situation == "review" and kind != "situation":
            return tr.t("community_extra.review_guideline")
        if situation == "review":  # the sector's review sites, not every site there is
            sites = book.get("review_sites", [])
            return tr.t("community_extra.review", sites=tr.join(sites)) if sites else \
                tr.t("community_extra.review_any")
        return tr.t(f"community.{kind}.{situation}")

    rows = [{"situation": s["situation"], "name": label("situation", s["situation"]),
             "action": tr.t(f"community.action.{s['action']}"),
             "guideline": label("guideline", s["situation"]),
             "example": example(s["situation"])}
            for s in cm.situations]
    response = [tr.t("community.response_item", platform=platform_label(p), hours=h)
                for p, h in cm.response_hours.items()]
    rules = [tr.t(f"community.rule.{k}") for k in ("answer", "hide", "delete", "escalate")]
    rules.append(tr.t("community_extra.sector_tone", tone=tr.text(book["tone"], register)))
    if tr.language == "fr" and plan.brief.brand.tone_of_voice.address == "mirror":
        rules.append(tr.t("community_extra.register_mirror"))
    return Section(
        *chapter_opening(plan, "community", community_decisions(plan)),
        Html(render("paragraph.html.j2", lead=True, text=tr.t("community.intro",
                                                              client=name))),
        section_heading(plan, "community.playbook", "community-playbook"),
        plan.record.table(
            "playbook", "community", tr.t("community.playbook"), pd.DataFrame(rows),
            [Column("name", tr.t("table.situation")),
             Column("action", tr.t("table.action")),
             Column("guideline", tr.t("table.guideline")),
             Column("example", tr.t("table.example"))]),
        Html(render("list.html.j2", title=tr.t("community.response"), items=response)),
        Html(render("list.html.j2", title=tr.t("community.rules"), items=rules)),
    )


def crisis_playbook(plan: Plan) -> Section:
    """Severity levels with measurable triggers, escalation, holding statements, follow-up."""
    tr, cm = plan.tr, plan.community
    if cm.negative_per_day is not None:
        base = tr.t("community.baseline",
                    comments=tr.plural("plural.comments", round(cm.baseline_comments_per_day, 1)),
                    negative=tr.plural("plural.negative", round(cm.negative_per_day, 1)),
                    share=tr.percent(NEGATIVE_SHARE, 0))
        if cm.trigger_unit == "week":
            base += " " + tr.t("community.baseline_week", weekly=tr.plural(
                "plural.negative_comments", round(cm.negative_per_unit, 1)))
    else:
        base = tr.t("community.baseline_none")
    rows = []
    for lv in cm.levels:
        trigger = tr.t(f"community.trigger_qualitative.{lv['level']}")
        if lv["trigger"] is not None:
            trigger = tr.t(
                "community.trigger_value",
                count=tr.plural("plural.negative_comments", lv["trigger"]),
                within=tr.t(f"community.within_unit.{cm.trigger_unit}"),
                multiple=tr.number(lv["multiple"], 1),
                base=tr.number(cm.negative_per_unit, 1),
            ) + tr.t("common.semicolon") + trigger
        rows.append({"level": lv["level"], "name": tr.t("community.level", n=lv["level"]),
                     "trigger": trigger, "owner": role_name(plan, lv["owner"]),
                     "hours": tr.t("community.hours", n=lv["hours"])})
    holding = [tr.t(f"community.holding_{n}", topic="[…]", time="[…]", facts="[…]",
                    action="[…]") for n in (1, 2, 3)]
    monitor = [tr.t(f"community.monitor.m{i}") for i in range(1, 6)]
    return Section(
        section_heading(plan, "community.crisis", "community-crisis"),
        Html(render("paragraph.html.j2", css="smm-decision", text=base)),
        plan.record.table(
            "crisis_levels", "community", tr.t("community.crisis"), pd.DataFrame(rows),
            [Column("name", tr.t("community.level", n="").strip()),
             Column("trigger", tr.t("community.trigger")),
             Column("owner", tr.t("community.owner")),
             Column("hours", tr.t("community.within"))]),
        *peak_text(plan),
        Html(render("list.html.j2", title=tr.t("community.holding"), items=holding,
                    ordered=True)),
        Html(render("list.html.j2", title=tr.t("community.after"), items=monitor)),
    )

