"""Each target's stop threshold and the message its prospecting carries
(``target_stops``): the paragraphs beside the paid split by target, and the clause the
summary's stop rule adds."""

from __future__ import annotations

from ..plan import Plan
from ..report import Html, render
from ..target_stops import PROSPECTING, platform_stops, prospecting_swaps, target_stops
from .base import platform_label
from .stop_basis import stop_multiple
from .targets import message_text, persona_name


def _list(plan: Plan) -> str:
    tr = plan.tr
    names = {p.id: persona_name(plan, p) for p in plan.targets.personas}
    rows = target_stops(plan.paid)
    items = []
    for t in dict.fromkeys(r["target"] for r in rows):
        mine = [tr.t("budget.break_even_on", cpa=tr.money(r["stop"], 2),
                     platform=platform_label(r["platform"])) for r in rows if r["target"] == t]
        items.append(f"{names[t]} {tr.join(mine)}")
    return tr.join(items)


def _held(plan: Plan) -> dict:
    """{platform: [rows]} of the platforms whose thresholds are held to the ads history's
    value per conversion (``target_stops.history_held``)."""
    out: dict = {}
    for r in target_stops(plan.paid):
        if "history_value" in r:
            out.setdefault(r["platform"], []).append(r)
    return out


def held_notes(plan: Plan) -> list[str]:
    """Per held platform: the history's value it is held to, and the targets' own threshold
    it moves up to once the first month measures it."""
    tr = plan.tr
    names = {p.id: persona_name(plan, p) for p in plan.targets.personas}
    out = []
    for platform, rows in _held(plan).items():
        value, planned = rows[0]["history_value"], rows[0]["planned_value"]
        out.append(tr.t("budget.history_held", platform=platform_label(platform),
                        history=tr.money(value, 2),
                        stop=tr.money(value * plan.paid.margin / 100, 2),
                        planned=tr.money(planned, 2),
                        targets=tr.join([names[r["target"]] for r in rows]),
                        planned_stop=tr.join([tr.money(r["planned_stop"], 2) for r in rows])))
    return out


def _platform_list(plan: Plan) -> str:
    """Each platform's threshold (``target_stops.platform_stops``), in the split's order."""
    tr = plan.tr
    return tr.join([tr.t("budget.break_even_on", cpa=tr.money(r["stop"], 2),
                         platform=platform_label(r["platform"]))
                    for r in platform_stops(plan.paid)])


def stop_clause(plan: Plan) -> str:
    """The summary's stop rule, by platform or by target: '' when they share one
    threshold."""
    if platform_stops(plan.paid):
        return " " + plan.tr.t("agency.stop_platforms", list=_platform_list(plan))
    if not target_stops(plan.paid):
        return ""
    tr, held = plan.tr, _held(plan)
    extra = tr.t("agency.stop_held", platforms=tr.join([platform_label(p) for p in held]),
                 values=tr.join([tr.money(rows[0]["history_value"], 2)
                                 for rows in held.values()])) if held else ""
    return " " + tr.t("agency.stop_targets", list=_list(plan)) + extra


def stop_notes(plan: Plan) -> list:
    """The paid split's paragraphs: each platform's or target's threshold, then the
    discovery message of
    the prospecting aimed at a target whose card speaks to customers."""
    tr, paid = plan.tr, plan.paid
    out = []
    if platform_stops(paid):
        out.append(tr.t("budget.platform_stops", list=_platform_list(plan),
                        multiple=stop_multiple(tr), break_even=tr.money(paid.break_even_cpa, 2),
                        value=tr.price(paid.aov)))
    if target_stops(paid):
        out.append(tr.t("budget.target_stops", list=_list(plan), multiple=stop_multiple(tr),
                        break_even=tr.money(paid.break_even_cpa, 2)))
        out += held_notes(plan)
    people = {p.id: p for p in plan.targets.personas}
    for s in prospecting_swaps(paid, plan.targets.personas):
        p = people[s["target"]]
        out.append(tr.t("budget.prospecting_message", target=persona_name(plan, p),
                        platforms=tr.join([platform_label(x) for x in s["platforms"]]),
                        discovery=message_text(plan, p, PROSPECTING),
                        card=message_text(plan, p)))
    return [Html(render("paragraph.html.j2", css="smm-note", text=t)) for t in out]


def low_notes(plan: Plan) -> list[str]:
    """Under the scenarios: the platforms whose conversions the low scenario values at the
    ads history's value (``target_stops.low_values``), with both values; [] without."""
    tr = plan.tr
    held = (plan.paid.scenarios.get("low") or {}).get("history_values") or {}
    if not held:
        return []
    return [tr.t("budget.low_history", platforms=tr.join([platform_label(p) for p in held]),
                 values=tr.join([tr.money(v["value"], 2) for v in held.values()]),
                 planned=tr.join([tr.money(v["planned"], 2) for v in held.values()]))]
