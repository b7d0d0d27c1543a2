"""Chapter 6's note on a conversion rate taken from a benchmark row of the client's sector
(``benchmarks.sector_cvr_rows``): which row (its industry and source), that it is
borrowed, and what it replaces (the all-industry average)."""

from __future__ import annotations

import datetime as dt

from ..benchmarks import sector_cvr_rows
from ..fill_range import free_forms_for_paid
from ..i18n import Translator
from ..plan import Plan
from .base import platform_label


def sector_cvr_note(plan: Plan, models: list[dict], shown: list[str]) -> str | None:
    """The note for the benchmark-rated ``models`` (their rates ``shown``) when their rate
    comes from the sector's rows; None otherwise (the all-industry note applies)."""
    tr = plan.tr
    rows = sector_cvr_rows(plan.brief.client.sector_kind, plan.paid.conversion)
    sources = {r["source"] for r in rows}
    if not rows or any(not set(m["cvr"]["sources"]) <= sources for m in models):
        return None
    lent = [m for m in models if m["cvr"]["basis"] == "borrowed"]
    if all(m["cvr"].get("ceiling") for m in models):  # the published rate, not the central
        shown = list(dict.fromkeys(tr.percent(m["cvr"]["ceiling"], 2) for m in models))
    return tr.t(
        "budget.cvr_benchmark_sector", rate=tr.join(shown),
        platforms=tr.join([platform_label(m["platform"]) for m in models]),
        industry=tr.join(list(dict.fromkeys(
            tr.t(f"budget.cvr_industry.{r['industry']}") for r in rows))),
        sources=tr.join(sorted(sources)),
        lent=tr.t("budget.cvr_lent", platforms=tr.join(
            [platform_label(m["platform"]) for m in lent])) if lent else "") \
        + _bound(plan, rows, models)


def _bound(plan: Plan, rows: list[dict], models: list[dict]) -> str:
    """A rate measured on free lead forms standing for a paid booking or purchase: a
    ceiling, which only the high scenario keeps, the central forecast resting on the rate
    below it (``benchmarks.below_ceiling``), until the first conversion month measures the
    client's own rate ("" otherwise)."""
    paid, tr = plan.paid, plan.tr
    if not free_forms_for_paid(paid, rows):
        return ""
    values = {"price": tr.price(paid.aov),
              "month": tr.month(dt.date.fromisoformat(paid.paid_months[0]))}
    bound = [m for m in models if m["cvr"].get("ceiling")]
    if not bound:
        return " " + tr.t("budget.cvr_upper_bound", **values)

    def on(key: str) -> str:
        return tr.join([tr.t("budget.rate_on", rate=tr.percent(m["cvr"][key], 2),
                             platform=platform_label(m["platform"])) for m in bound])
    return " " + tr.t("budget.cvr_ceiling", central=on("mid"), low=on("low"), **values)


def rate_basis(tr: Translator, rate: dict) -> str:
    """A paid rate's basis in the sources table; a rate borrowed from Facebook under a
    ceiling (``benchmarks.below_ceiling``) names the published figure it borrows, the
    same ceiling as Facebook's, with its low and central values below it."""
    if rate["basis"] == "borrowed" and rate.get("ceiling"):
        return tr.t("budget.rate_basis_borrowed_ceiling", ceiling=tr.percent(rate["ceiling"], 2))
    return tr.t(f"budget.rate_basis.{rate['basis']}")
