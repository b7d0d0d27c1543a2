"""The plan's conversion campaigns against today's (``Paid.today``), as increments: how much
more (or less) they spend and what that changes in forecast sales, so a client reads the
difference in money and not only two returns on ad spend."""

from __future__ import annotations

from ..plan import Plan


def increment(plan: Plan) -> dict | None:
    """{spend, revenue (the plan's conversion spend and forecast sales), spend_today,
    revenue_today, spend_delta, revenue_delta}; None without an ads history's figures."""
    paid, today = plan.paid, plan.paid.today
    if not today or not today.get("spend_today") or not paid.aov:
        return None
    spend = sum(c.conversion_spend for c in paid.channels)
    revenue = paid.totals["revenue"]
    return {"spend": spend, "revenue": revenue, "spend_today": today["spend_today"],
            "revenue_today": today["revenue_today"],
            "spend_delta": spend - today["spend_today"],
            "revenue_delta": revenue - today["revenue_today"]}


def increment_note(plan: Plan) -> str | None:
    """One sentence: the conversion campaigns' spend and forecast sales against today's,
    each difference signed in words; when the plan spends more for less, said plainly with
    what decides whether the extra spend stays; then what the forecast gives at today's
    spend and split (``fit_note``)."""
    inc = increment(plan)
    if inc is None:
        return None
    tr = plan.tr

    def delta(value: float) -> str:
        return tr.t("budget.today_delta_more" if value >= 0 else "budget.today_delta_less",
                    amount=tr.money(abs(value)))

    more_for_less = inc["spend_delta"] > 0 and inc["revenue_delta"] <= 0
    text = tr.t("budget.today_increment_less" if more_for_less else "budget.today_increment",
                spend=tr.money(inc["spend"]), spend_today=tr.money(inc["spend_today"]),
                revenue=tr.money(inc["revenue"]), revenue_today=tr.money(inc["revenue_today"]),
                spend_delta=delta(inc["spend_delta"]), revenue_delta=delta(inc["revenue_delta"]))
    return " ".join(filter(None, [text, fit_note(plan)]))


def fit_note(plan: Plan) -> str | None:
    """The forecast at today's spend and platform split against today's result
    (``history_fit.fit``), and whether the plan keeps today's split; None without it."""
    today, tr = plan.paid.today or {}, plan.tr
    fit = today.get("fit")
    if not fit or not fit["revenue_today"]:
        return None
    return " ".join(filter(None, [
        tr.t("budget.today_fit", revenue=tr.money(fit["revenue"]),
             revenue_today=tr.money(fit["revenue_today"])),
        tr.t("budget.today_split_kept") if today.get("today_split_kept") else None]))


def revenue_up(plan: Plan) -> bool:
    """Whether the forecast sells more than today (else a lower return buys no more sales)."""
    inc = increment(plan)
    return inc is None or inc["revenue_delta"] > 0
