"""Annual gross pay of a role in the plan's country and currency, and on what basis
(``data/roles.yaml``): the brief's figure, else (a large company's in-house team and team
budget) the published figure at the level the team budget pays, else the country's
published figure for the role, else the country's anchor figure scaled by the U.S. ratio
between the two roles, else the U.S. pay at the country's wage level (OECD ratio), else the
U.S. pay converted."""

from __future__ import annotations

from dataclasses import dataclass

from .brief import Brief
from .catalogue import role_facts
from .currency import usd_rate

# What each basis means, in the order they are tried.
BASES = ("brief", "team_line", "country_survey", "country_scaled", "benchmark",
         "country_ratio", "us_benchmark")


@dataclass(frozen=True)
class Pay:
    """One role's annual gross pay in the plan currency and where it comes from."""

    annual: float
    basis: str  # one of BASES
    source: str = ""  # the figure's source title ("" for the brief and the fallbacks)
    url: str = ""
    date: str = ""
    verified: bool | None = None


def country_figures(country: str) -> dict | None:
    """The published pay figures for ``country`` ({currency, figures}), or None."""
    return role_facts().get("salaries", {}).get(country)


def _in_plan_currency(amount: float, currency: str, brief: Brief, rate: float) -> float:
    """``amount`` of ``currency`` in the plan currency (``rate``: plan units per USD)."""
    if currency == brief.client.currency:
        return float(amount)
    if currency == "USD":
        return float(amount) * rate
    return float(amount) / usd_rate(currency)[0] * rate


def role_pay(brief: Brief, role: str, rate: float) -> Pay:
    """Annual gross pay of ``role`` for the brief's country in the plan currency (``rate``:
    units of the plan currency per US dollar), and its basis (see the module docstring).
    A large company whose brief gives its in-house roles and a team budget: that budget
    pays them, so the published figure is scaled to the level at which it does
    (``team_line_factor``, basis ``team_line``), for its own staff and the hires alike."""
    if role in brief.budget.salaries:
        return Pay(float(brief.budget.salaries[role]), "brief")
    market = _market_pay(brief, role, rate)
    factor = team_line_factor(brief, rate)
    if factor is None:
        return market
    return Pay(round(market.annual * factor, 2), "team_line", market.source, market.url,
               market.date, market.verified)


def team_line_factor(brief: Brief, rate: float) -> float | None:
    """How far above (or below) the published pay figures the brief's team budget pays
    its in-house staff: the team budget less the staff it gives pay for
    (``budget.salaries``), over what the others cost at the published figures over the
    plan period, employer costs included, within ``data/roles.yaml`` team_line_factor (a line
    far above the staff's pay leaves room for hires). None for a small business, or without
    in-house roles, a team budget, or a role left to the published figures."""
    b = brief.budget
    if brief.client.size == "sme" or not b.in_house or not b.team:
        return None
    facts = role_facts()
    load = facts["employer_cost_factor"] * brief.client.period.months / 12
    given = sum(f * b.salaries[r] * load for r, f in b.in_house.items() if r in b.salaries)
    market = sum(f * _market_pay(brief, r, rate).annual * load
                 for r, f in b.in_house.items() if r not in b.salaries)
    if market <= 0 or b.team <= given:
        return None
    bounds = facts["team_line_factor"]
    return min(bounds["max"], max(bounds["min"], (b.team - given) / market))


def _market_pay(brief: Brief, role: str, rate: float) -> Pay:
    """The role's published pay (the module docstring's order after the brief's figure)."""
    facts = role_facts()
    country = brief.client.country
    local = country_figures(country)
    usd = facts["roles"][role]["pay_usd"]
    if local:
        figures = local["figures"]
        own = next((f for f in figures if f["role"] == role), None)
        basis = "country_survey"
        if own is None:  # the anchor scaled by the U.S. ratio between the two roles
            own = figures[0]
            basis = "country_scaled"
        annual = own["annual"] * (usd / facts["roles"][own["role"]]["pay_usd"]
                                  if basis == "country_scaled" else 1.0)
        if country == "US" and basis == "country_scaled":
            annual, basis = float(usd), "benchmark"  # the U.S.: each role's own BLS figure
        return Pay(round(_in_plan_currency(annual, local["currency"], brief, rate), 2), basis,
                   own["source"], own.get("url", ""), str(own.get("date", "")),
                   bool(own.get("verified")))
    ratio = facts["pay_ratio"].get(country)
    if ratio is None:
        return Pay(round(usd * rate, 2), "us_benchmark", facts["source"])
    return Pay(round(usd * ratio * rate, 2), "country_ratio", facts["pay_ratio_source"])
