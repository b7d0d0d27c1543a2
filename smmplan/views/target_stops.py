"""Each target's stop threshold and the message its prospecting carries
(``target_stops``): the paragraphs beside the paid split by target, and the clause the
summary's stop rule adds."""

from __future__ import annotations

from ..plan import Plan
from ..report import Html, render
from ..target_stops import PROSPECTING, prospecting_swaps, target_stops
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


def stop_clause(plan: Plan) -> str:
    """The summary's stop rule, by target: '' when the targets share one threshold."""
    if not target_stops(plan.paid):
        return ""
    return " " + plan.tr.t("agency.stop_targets", list=_list(plan))


def stop_notes(plan: Plan) -> list:
    """The paid split's paragraphs: each target's threshold, then the discovery message of
    the prospecting aimed at a target whose card speaks to customers."""
    tr, paid = plan.tr, plan.paid
    out = []
    if target_stops(paid):
        out.append(tr.t("budget.target_stops", list=_list(plan), multiple=stop_multiple(tr),
                        break_even=tr.money(paid.break_even_cpa, 2)))
    people = {p.id: p for p in plan.targets.personas}
    for s in prospecting_swaps(paid, plan.targets.personas):
        p = people[s["target"]]
        out.append(tr.t("budget.prospecting_message", target=persona_name(plan, p),
                        platforms=tr.join([platform_label(x) for x in s["platforms"]]),
                        discovery=message_text(plan, p, PROSPECTING),
                        card=message_text(plan, p)))
    return [Html(render("paragraph.html.j2", css="smm-note", text=t)) for t in out]
