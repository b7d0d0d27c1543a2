"""What the client's own people cost, counted before anything is hired: a role's pay and
its loaded cost over the plan period, a large client's own team (``own_team``), a small
business's own hours the plan counts on (``owner_hours_used``), and an hour a week bought.
Pay figures and employer costs are in data/roles.yaml with their sources (``salaries``)."""

from __future__ import annotations

from . import workload as wl
from .brief import Brief
from .catalogue import role_facts
from .salaries import role_pay


def pay(brief: Brief, role: str, rate: float) -> tuple[float, str]:
    """Annual gross pay of a role in the plan currency and its basis (``salaries.role_pay``:
    the brief's figure, the country's published figure or its anchor scaled, else the U.S.
    median at the country's wage level, else the U.S. median converted)."""
    p = role_pay(brief, role, rate)
    return p.annual, p.basis


def _loaded(brief: Brief, role: str, rate: float) -> float:
    """One FTE of a role over the plan period, employer costs included."""
    facts = role_facts()
    return pay(brief, role, rate)[0] * facts["employer_cost_factor"] * \
        brief.client.period.months / 12


def own_team(brief: Brief) -> dict[str, float]:
    """The client's own social media staff in FTE per role, counted before anything is
    hired: the brief's ``budget.in_house`` when it gives it. A large company that gives none
    but posts today has people doing that work: the content and production hours of today's
    posting (``workload.today_mix``, hours by format of ``data/roles.yaml``) in content
    managers and designers, 2 decimals. A small business's own time is in hours
    (``content_capacity``), not here."""
    if brief.budget.in_house or brief.client.size == "sme":
        return dict(brief.budget.in_house)
    mix = wl.today_mix(brief)
    if not mix:
        return {}
    hours = wl.totals(wl.rows(mix, sum(mix.values()), {}))
    week = role_facts()["hours"]["per_fte_week"]
    out = {"content_manager": round(hours["content"] / week, 2),
           "designer": round(hours["production"] / week, 2)}
    return {r: f for r, f in out.items() if f > 0}


def own_team_estimated(brief: Brief) -> bool:
    """Whether the own team is estimated from today's posting (the brief gives none)."""
    return not brief.budget.in_house and bool(own_team(brief))


def existing_team_cost(brief: Brief, rate: float) -> float:
    """What the client's own staff (``own_team`` FTE) cost over the plan period,
    employer costs included: part of the social effort's cost, paid from the team budget."""
    return sum(fte * _loaded(brief, role, rate) for role, fte in own_team(brief).items())


def owner_hours_used(brief: Brief, hours: dict | None) -> float:
    """The hours a week of a small business's owner (or current staff: ``owner_hours``) the
    plan counts on: those it needs less those it buys, at most those given, in-house staff
    (costed in ``existing_team_cost``) aside; 0 for a larger client."""
    if brief.client.size != "sme" or not hours or hours.get("existing") is None:
        return 0.0
    staff = brief.budget.in_house.get("social_media_manager", 0) \
        * role_facts()["hours"]["per_fte_week"]
    return max(0.0, min(hours["existing"], hours["needed"] - hours["bought"]) - staff)


def owner_time_cost(brief: Brief, rate: float, hours: dict | None) -> float:
    """What the owner's hours the plan counts on (``owner_hours_used``) cost over the plan
    period, valued as a larger client's own team is: pro rata of a social media manager's
    loaded pay."""
    return owner_hours_used(brief, hours) / role_facts()["hours"]["per_fte_week"] \
        * _loaded(brief, "social_media_manager", rate)


def hour_a_week(brief: Brief, rate: float) -> float:
    """What one hour a week of a social media manager costs over the plan period when
    bought (SMEs buy hours): its share of a loaded FTE at the cheaper exact source,
    freelance or agency, as the team's hires are costed (``_staff``)."""
    facts = role_facts()
    return _loaded(brief, "social_media_manager", rate) * min(
        facts["freelance_premium"], facts["agency_multiplier"]) / facts["hours"]["per_fte_week"]


def budget_hours(brief: Brief, rate: float) -> float:
    """The hours a week the brief's team budget buys over the plan period, at the bought
    hour's cost (``hour_a_week``); 0 without a team budget."""
    return brief.budget.team / hour_a_week(brief, rate) if brief.budget.team else 0.0
