"""Each platform's own value per conversion and cost per conversion against its ads
history, like with like: the value sentence's per-platform values (prospecting is worth
what the history measured on each platform: ``target_spend``) and why a platform's
conversion campaigns cost more or less than in its history (``paid_value.cost_reason``)."""

from __future__ import annotations

from ..plan import Plan
from ..report import Html, render
from .base import day, platform_label
from .targets import persona_name


def platform_values(plan: Plan) -> str:
    """' By platform, …': each planned platform's value per conversion (its revenue over its
    conversions: its own ads history's, else the history's overall) when one differs from
    the plan's value; '' otherwise."""
    tr, paid = plan.tr, plan.paid
    each = [(c.platform, c.revenue / c.conversions) for c in paid.channels
            if c.conversions and c.revenue]
    if len(each) < 2 or all(round(v, 2) == round(paid.aov, 2) for _, v in each):
        return ""
    return " " + tr.t("budget.aov_platforms", list=tr.join([
        tr.t("budget.value_on", value=tr.price(v), platform=platform_label(p))
        for p, v in each]))


def cpa_note(plan: Plan, note: dict) -> str:
    """Why a platform's conversion campaigns cost a conversion more or less than in its ads
    history (``Paid.cpa_notes``), both without awareness spend."""
    tr = plan.tr
    above = note["forecast_cpa"] > note["history_cpa"]
    names = {p.id: persona_name(plan, p) for p in plan.targets.personas}
    reason = note["reason"] + ("_above" if above and note["reason"] == "season" else "")
    ratio = tr.number(note.get("ratio", 1.0), 2)
    return tr.t("budget.cpa_above" if above else "budget.cpa_below",
                platform=platform_label(note["platform"]),
                forecast=tr.money(note["forecast_cpa"], 2),
                history=tr.money(note["history_cpa"], 2), ratio=ratio,
                reason=tr.t(f"budget.cpa_reason.{reason}", ratio=ratio, targets=tr.join(
                    [names.get(k, str(k)) for k in note.get("targets", [])])))


def _smallest_basket(plan: Plan) -> dict | None:
    """The figures of ``own_basket``: each funded target's basket, and the funded target
    with the smallest one, its rows, margin a conversion and the platforms where a
    conversion costs more than that margin; None without a customer file's order value or
    targets'."""
    paid = plan.paid
    cv = paid.customer_value or {}
    people = {p.id: p for p in plan.targets.personas if p.order_value_index is not None}
    rows = [r for r in paid.by_target or [] if r["spend"] > 0 and r["conversions"] > 0
            and r["target"] in people]
    if not rows or not cv.get("order_value") or not paid.aov or not paid.margin:
        return None
    basket = {t: cv["order_value"] * p.order_value_index for t, p in people.items()}
    funded = sorted({r["target"] for r in rows})
    low = min(funded, key=lambda t: basket[t])
    mine = [r for r in rows if r["target"] == low]
    margin = basket[low] * paid.margin / 100
    cost = {c.platform: (c.cpa, c.conversion_spend / c.spend if c.spend else 0.0)
            for c in paid.channels}
    # the plan's cost per conversion (conversion spend over conversions: a target's share
    # of a platform is the same share of both spends), and the value where it is the margin
    mine = [dict(r, cpa=cost[r["platform"]][0],
                 conversion_spend=r["spend"] * cost[r["platform"]][1],
                 breaks_at=cost[r["platform"]][0] / (paid.margin / 100)) for r in mine]
    return {"rows": rows, "basket": basket, "funded": funded, "low": low, "mine": mine,
            "margin": margin, "people": people,
            "over": [r for r in mine if r["cpa"] > margin]}


def _thresholds(plan: Plan, over: list[dict]) -> str:
    """Each platform's conversion value a purchase under which costs more than its margin
    (its cost per conversion over the margin rate), in words."""
    tr = plan.tr
    return tr.join([tr.t("budget.value_on", value=tr.money(r["breaks_at"], 2),
                         platform=platform_label(r["platform"])) for r in over])


def own_basket(plan: Plan) -> list[str]:
    """Beside the split by target (valued at each platform's value per conversion): the
    same split at each target's own basket in the customer file (its order value index
    times the file's order value), the revenue it would bring, and for the funded target
    with the smallest basket, its share of the spend, its cost per conversion on each
    platform against its own basket's margin, why the split keeps the platform's value and
    what the first month reads; [] without a customer file's order value or targets'."""
    tr, f = plan.tr, _smallest_basket(plan)
    if f is None:
        return []
    rows, basket, low, mine = f["rows"], f["basket"], f["low"], f["mine"]
    names = {t: persona_name(plan, p) for t, p in f["people"].items()}
    spend = sum(r["spend"] for r in mine)
    return [tr.t("budget.own_basket" if f["over"] else "budget.own_basket_holds",
                 baskets=tr.join([tr.t("budget.basket_of", value=tr.price(basket[t]),
                                       name=names[t]) for t in f["funded"]]),
                 own=tr.money(sum(r["conversions"] * basket[r["target"]] for r in rows)),
                 platform=tr.money(sum(r["revenue"] for r in rows)), target=names[low],
                 share=tr.percent(spend / sum(r["spend"] for r in rows) * 100, 0),
                 spend=tr.money(spend), basket=tr.price(basket[low]),
                 margin=tr.money(f["margin"], 2), costs=tr.join([tr.t(
                     "budget.value_on", value=tr.money(r["cpa"], 2),
                     platform=platform_label(r["platform"])) for r in mine]),
                 over=tr.join([platform_label(r["platform"]) for r in f["over"]]),
                 thresholds=_thresholds(plan, f["over"]))]


def basket_steps(plan: Plan) -> list[tuple]:
    """Next steps: the dated decision ``own_basket`` leaves to the first month, with its
    threshold and the money it moves: (date, text), [] when every platform of the
    smallest-basket target costs less than its margin."""
    from .fill_budget import checkpoint_date

    tr, f = plan.tr, _smallest_basket(plan)
    if f is None or not f["over"] or not plan.paid.paid_months:
        return []
    when = checkpoint_date(plan)
    if when is None:
        return []
    target = persona_name(plan, f["people"][f["low"]])
    return [(when, tr.t(
        "agency.step_basket", date=day(tr, when), target=target,
        platforms=tr.join([platform_label(r["platform"]) for r in f["over"]]),
        basket=tr.price(f["basket"][f["low"]]), margin=tr.money(f["margin"], 2),
        costs=tr.join([tr.t("budget.value_on", value=tr.money(r["cpa"], 2),
                            platform=platform_label(r["platform"])) for r in f["over"]]),
        thresholds=_thresholds(plan, f["over"]),
        spend=tr.money(sum(r["conversion_spend"] for r in f["over"]))))]


def basket_notes(plan: Plan) -> list[Html]:
    """``own_basket`` as the paid chapter's notes."""
    return [Html(render("paragraph.html.j2", css="smm-note", text=t)) for t in own_basket(plan)]
