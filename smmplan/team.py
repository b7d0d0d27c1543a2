"""Team and cost: the source document's roles sized in FTE, their cost in-house, with an
agency or with freelancers, the plan's total cost, ROI including the team, and a monthly
P&L. Sizing rules and pay figures are in data/roles.yaml with their sources."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import workload as wl
from .brief import Brief
from .budget import Paid
from .catalogue import role_facts  # noqa: F401 (re-exported)
from .jsondata import as_data
from .own_cost import (  # noqa: F401 (re-exported: the team's costs of the client's own)
    _loaded,
    budget_hours,
    existing_team_cost,
    hour_a_week,
    own_team,
    own_team_estimated,
    owner_hours_used,
    owner_time_cost,
    pay,
)
from .salaries import role_pay
from .sectors import playbook
from .team_offer import offered

# Roles whose time produces content (posting capacity, channels chapter).
CONTENT_ROLES = ("content_manager", "social_media_manager")
# Options staffed lean (below the plan's posting, or at it): the strategist writes the report.
LEAN_KINDS = ("minimal", "within_budget", "plan_lean")
# A brand team's desk roles: its people's time beyond their own role's work covers another
# of these roles' work the team already does today (``shared_cover``); production (the
# designers' shooting and editing) is not covered by other roles.
SHARED_ROLES = ("strategist", "content_manager", "community_manager", "analyst",
                "campaign_manager")


@dataclass
class RolePlan:
    role: str
    fte: float
    annual_pay: float  # plan currency
    pay_basis: str  # salaries.BASES: "brief", "country_survey", "country_scaled",
    #                 "benchmark" (U.S.), "country_ratio" or "us_benchmark"
    cost: float  # in-house: loaded cost over the plan period, FTE rounded up to a half
    freelance: float  # exact FTE in days x loaded day cost x freelance premium
    agency: float  # exact FTE x loaded cost x agency multiplier
    best: str  # cheapest of in_house / freelance / agency for this role
    existing: float = 0.0  # FTE the client already has for the role (all of it, paid
    #                        from the team budget), a small business's owner time in FTE
    hire: float = 0.0  # FTE to add (what the costs are for)
    moved: float = 0.0  # own FTE moved in (+) or out (-) of the role (``shared_cover``)
    spare: float = 0.0  # own FTE beyond what the role's work needs (large companies): time
    #                     the client's team line pays that this posting level leaves free


@dataclass
class Team:
    roles: list[RolePlan]
    fte: float  # the team: the client's own FTE (all paid) plus those to add, 2 decimals
    in_house: float
    agency: float
    freelancers: float
    mixed: float  # each role from its cheapest source
    cheapest: str
    posts_per_week: float
    channels: int
    total_cost: dict  # team (the recommended option's hires), ads, production, tools, total
    revenue: float | None
    roi: float | None  # (revenue x margin - total cost) / total cost, percent
    monthly: list[dict]
    notes: list[str] = field(default_factory=list)
    hours: dict | None = None  # small business: hours a week needed, existing, bought
    budget_gap: float | None = None  # staffing_cost above the brief's team budget
    staffing_cost: float = 0.0  # the plan as sized, own team included: what the gap is on
    existing_fte: float = 0.0  # the client's own team counted first (all of it)
    hire_fte: float = 0.0  # FTE to add on top of it
    pay_sources: list[dict] = field(default_factory=list)  # published figures used
    options: list[dict] = field(default_factory=list)  # good / better / best (team_options)
    withdrawn: list[dict] = field(default_factory=list)  # not offered: cost no less, carry
    #                                                       fewer posts (team_offer.offered)
    workload: list[dict] = field(default_factory=list)  # hours a week by format family
    costed_on: str = "plan"  # the option kind the total cost (and the ROI) is on

    @property
    def recommended(self) -> dict | None:
        """The option the plan recommends (``team_options``)."""
        return next((o for o in self.options if o["recommended"]), None)

    def to_json(self) -> dict:
        return as_data(self)

    @property
    def content_fte(self) -> float:
        """FTE that produce content (content manager and social media manager): what the
        channels chapter sizes posting capacity from."""
        return sum(r.fte for r in self.roles if r.role in CONTENT_ROLES)


@dataclass
class Capacity:
    """Posts a week the plan's team can produce, and from what."""

    posts: float
    basis: str  # "hours" (a small business's hours a week) or "fte" (content roles)
    hours: float | None = None  # hours a week available (small business)
    existing_hours: float | None = None  # the client's own (owner, staff, today's posting)
    bought_hours: float | None = None  # what the team budget buys at the freelance rate
    content_fte: float | None = None  # content roles (large companies)
    per_post: float | None = None  # content hours a post takes (large companies)
    production_fte: float | None = None  # in-house designers / video makers (large)
    production_per_post: float | None = None  # production hours a post takes (large)
    bound: str | None = None  # large: "content" or "production", the hours that run out first
    existing_basis: str | None = None  # small business: "brief" (hours it gave), "share"
    #   (its share of a week), "today" (estimated from today's posting), "default"


def sme_hours(posts: float, channels: int, work: list[dict] | None = None) -> float:
    """Hours a week a small business's social media takes (``data/roles.yaml`` hours): its
    posts by format and the sector levers (``work``: ``workload.rows``; without them, an
    average post's hours), community time on each channel, planning and the report."""
    h = role_facts()["hours"]
    made = wl.totals(work)["sme"] if work is not None else posts * h["per_post"]
    return made + channels * h["per_channel"] + h["base"]


def owner_hours(brief: Brief) -> tuple[float, str]:
    """Hours a week a small business's owner (or current staff) gives to social media and
    their basis: the brief's hours (``brief``), else its share of a full-time week
    (``share``), else an estimate of what today's posting takes (``today``: its posts a
    week at the hours of its platforms' formats, ``workload.today_mix``, community time
    and planning; no sector lever, which the plan adds), else the catalogue's
    assumption (``default``). The plan never schedules more of the owner's hours."""
    h = role_facts()["hours"]
    if brief.budget.owner_hours is not None:
        return brief.budget.owner_hours, "brief"
    if brief.budget.owner_share is not None:
        return brief.budget.owner_share / 100 * h["per_fte_week"], "share"
    current = sum(c.posts_per_week or 0 for c in brief.situation.channels)
    if current:  # today's posts at the hours of their feed formats, as the calendar's are
        mix = wl.today_mix(brief, feed=True)
        return sme_hours(current, max(1, len(brief.situation.channels)),
                         wl.rows(mix, current, {}) if mix else None), "today"
    return h["default_owner"], "default"


def content_capacity(brief: Brief, rate: float) -> Capacity:
    """Posts a week the plan can count on. A small business: the hours it already gives
    (``budget.owner_hours``, else what today's posting takes, plus in-house staff) and the
    hours its team budget buys at the freelance rate, less the channels' community time and
    the sector levers' weekly hours (a Google profile post and review replies per shop), at
    the hours a post of its platforms' formats takes (``workload.expected_sme_per_post``:
    the calendar is not built yet).
    A large company: the fewer of what its content managers can write and what its
    in-house designers and video makers can produce (``own_team``: the brief's, else those
    today's posting takes, each at least half an FTE), at the content and production hours
    a post of its platforms' formats takes (today's posting's formats,
    ``workload.today_mix``, else ``workload.expected_per_post``), the same hours by format
    the team is sized from: a reel needs an editor's hours, not only a writer's."""
    facts = role_facts()
    channels = max(1, len(brief.situation.channels))
    if brief.client.size == "sme":
        h = facts["hours"]
        existing, basis = owner_hours(brief)
        existing += brief.budget.in_house.get("social_media_manager", 0) * h["per_fte_week"]
        bought = budget_hours(brief, rate)
        hours = existing + bought
        levers = wl.totals(wl.rows({}, 0.0, wl.lever_units(brief)))["sme"]
        posts = max(0.0, (hours - h["base"] - channels * h["per_channel"] - levers)
                    / (wl.expected_sme_per_post(brief) or h["per_post"]))
        return Capacity(round(posts, 2), "hours", round(hours, 2), round(existing, 2),
                        round(bought, 2), existing_basis=basis)
    own = own_team(brief)
    fte = max(0.5, own.get("content_manager", 0.0))
    made = max(0.5, own.get("designer", 0.0))
    mix = wl.today_mix(brief)  # today's formats weighted by today's posting, else even
    today = sum(mix.values())
    week = facts["hours"]["per_fte_week"]

    def per(key: str) -> float | None:
        return (wl.totals(wl.rows(mix, today, {}))[key] / today if mix else None) or \
            wl.expected_per_post(brief, key)
    per_post = per("content") or facts["hours"]["per_post"]
    made_per_post = per("production")
    posts = {"content": fte * week / per_post}
    if made_per_post:
        posts["production"] = made * week / made_per_post
    bound = min(posts, key=posts.get)
    return Capacity(round(posts[bound], 2), "fte", content_fte=fte, per_post=round(per_post, 2),
                    production_fte=made, bound=bound,
                    production_per_post=round(made_per_post, 2) if made_per_post else None)


def work_rows(brief: Brief, posts: float, mix: dict[str, float] | None,
              extra: dict[str, float] | None = None) -> list[dict]:
    """Hours a week by format family for ``posts`` a week in the calendar's proportions
    (``mix``, else the sector's formats) plus the sector levers and ``extra``, creatives a
    week that do not follow the posting (the ads-only creatives the paid budget runs,
    ``calendar_load``), in rows of their own (``ads_only``) (``workload.rows``)."""
    made = [{**r, "ads_only": True} for r in wl.rows({}, 0.0, extra or {})]
    return wl.rows(mix or wl.default_mix(brief), posts, wl.lever_units(brief)) + made


def calendar_load(slots: list, start, end) -> tuple[dict[str, float], dict[str, float]]:
    """A calendar's load a week by format family: its feed posts (the posting the team
    options scale) and its ads-only creatives (made as well, but run by the paid budget,
    not the posting), each ``workload.calendar_mix``."""
    return (wl.calendar_mix([s.format for s in slots if not s.ad_only], start, end),
            wl.calendar_mix([s.format for s in slots if s.ad_only], start, end))


def hours_over(brief: Brief, capacity: Capacity, posts: float, channels: int,
               mix: dict[str, float], extra: dict[str, float]) -> float:
    """Hours a week a small business's calendar (``posts`` a week in the proportions
    ``mix``, plus ``extra``) takes beyond the hours it has (``capacity.hours``: its own
    and those its team budget buys); 0 for a large company or within them."""
    if brief.client.size != "sme" or capacity.hours is None:
        return 0.0
    return max(0.0, sme_hours(posts, channels, work_rows(brief, posts, mix, extra))
               - capacity.hours)


def size_roles(brief: Brief, paid_total: float, posts: float, channels: int,
               mix: dict[str, float] | None = None, lean: bool = False,
               extra: dict[str, float] | None = None) -> dict[str, float]:
    """FTE per role for the plan's posting (``posts`` a week on ``channels`` platforms, in
    the calendar's format proportions ``mix``). SME: one social media manager for the hours
    it takes (``sme_hours``). Large: a strategist (0.5, 1 above 4 channels), content
    managers (content hours of the formats and levers / 37.5), community managers
    (channels / 4, plus review replies' hours), an analyst (0.5), campaign managers (paid
    budget a year / 1M, at least 0.3 when there is paid media) and designers (production
    hours of the formats / 37.5), each at least 0.5. ``lean`` (the options below the plan's
    posting): no analyst, the strategist writes the monthly report."""
    facts = role_facts()
    rules = facts["sizing"]
    week = facts["hours"]["per_fte_week"]
    months = brief.client.period.months
    work = work_rows(brief, posts, mix, extra)
    if brief.client.size == "sme":
        return {"social_media_manager": round(sme_hours(posts, channels, work) / week, 2)}
    hours = wl.totals(work)
    yearly_paid = paid_total * 12 / months
    return {
        "strategist": 1.0 if channels > 4 else 0.5,
        "content_manager": round(max(0.5, hours["content"] / week), 2),
        "community_manager": round(max(0.5, channels * community_hours(brief) / week
                                       + hours["community"] / week), 2),
        "analyst": 0.0 if lean else 0.5,
        "campaign_manager": round(max(0.3 if yearly_paid else 0.0,
                                      yearly_paid / rules["paid_per_campaign_fte"]), 2),
        "designer": round(max(0.5, hours["production"] / week), 2),
    }


def community_hours(brief: Brief) -> float:
    """Community work a week on one platform: the sector playbook's
    ``community_hours_per_channel`` (a B2B account gets few comments and messages), else a
    full-time week over ``data/roles.yaml`` sizing ``channels_per_community_fte``."""
    facts = role_facts()
    own = playbook(brief.client.sector_kind).get("community_hours_per_channel")
    return float(own) if own is not None else \
        facts["hours"]["per_fte_week"] / facts["sizing"]["channels_per_community_fte"]


def runs_ads_in_house(brief: Brief) -> bool:
    """Whether the client's own team runs its ads today: its ads export is in the brief's
    data (the brief has no agency line for them)."""
    return brief.data.ads is not None


def shared_cover(brief: Brief, need: dict[str, float], own: dict[str, float]
                 ) -> dict[str, float]:
    """Own FTE moved between desk roles (``SHARED_ROLES``), + into a role, - out of one: a
    role whose own people have time beyond its work (own FTE above ``need``) gives it, the
    largest spare first, to the roles the plan needs more of for work the team already
    does today (posting, community, reporting, and running ads when it runs them in house,
    ``runs_ads_in_house``). The own team's FTE and cost stay as they are; only work beyond
    what its time covers is hired."""
    covered = [r for r in SHARED_ROLES
               if r != "campaign_manager" or runs_ads_in_house(brief)]
    short = {r: need.get(r, 0.0) - own.get(r, 0.0) for r in covered
             if need.get(r, 0.0) > own.get(r, 0.0)}
    spare = sorted(((own[r] - need.get(r, 0.0), r) for r in SHARED_ROLES
                    if own.get(r, 0.0) > need.get(r, 0.0)), key=lambda x: (-x[0], x[1]))
    moved: dict[str, float] = {}
    for role, lack in short.items():
        for i, (free, donor) in enumerate(spare):
            take = round(min(free, lack), 2)
            if take <= 0:
                continue
            moved[role] = round(moved.get(role, 0.0) + take, 2)
            moved[donor] = round(moved.get(donor, 0.0) - take, 2)
            spare[i] = (free - take, donor)
            lack -= take
    return {r: f for r, f in moved.items() if f}


def _staff(brief: Brief, ads: float, posts: float, channels: int, rate: float,
           capacity: Capacity | None, mix: dict[str, float] | None = None,
           lean: bool = False, extra: dict[str, float] | None = None
           ) -> tuple[dict[str, float], list[RolePlan], dict | None]:
    """Roles sized for ``posts`` a week on ``channels`` platforms (formats in the
    calendar's proportions ``mix``), the client's own team counted first and the rest
    costed per source; a small business's hours a week. A large company's own staff above
    what the sizing needs stay in the role's FTE (all paid from the team budget), so each
    role's FTE is its own plus those to add."""
    facts = role_facts()
    ftes = size_roles(brief, ads, posts, channels, mix, lean, extra)
    hours, moved, need = None, {}, {}
    if brief.client.size == "sme":  # the hours the client gives are its own
        capacity = capacity or content_capacity(brief, rate)
        needed = sme_hours(posts, channels, work_rows(brief, posts, mix, extra))
        bought = max(0.0, needed - (capacity.existing_hours or 0.0))
        hours = {"needed": round(needed, 2), "existing": capacity.existing_hours,
                 "bought": round(bought, 2), "basis": capacity.existing_basis}
        hire = {"social_media_manager": bought / facts["hours"]["per_fte_week"]}
    else:
        own = own_team(brief)
        moved = shared_cover(brief, ftes, own)  # own time beyond a role's work, shared
        own = {r: round(own.get(r, 0.0) + moved.get(r, 0.0), 2) for r in {*own, *moved}}
        ftes = {**ftes, **{r: f for r, f in own.items() if r not in ftes}}
        need = dict(ftes)
        ftes = {r: round(max(f, own.get(r, 0.0)), 2) for r, f in ftes.items()}
        hire = {r: max(0.0, f - own.get(r, 0.0)) for r, f in ftes.items()}
    roles = []
    for role, fte in ftes.items():
        annual, basis = pay(brief, role, rate)
        loaded = _loaded(brief, role, rate)
        new = hire[role]
        hired = np.ceil(new * 2) / 2  # nobody is hired for less than a half-time post
        costs = {"in_house": hired * loaded,
                 "freelance": new * loaded * facts["freelance_premium"],
                 "agency": new * loaded * facts["agency_multiplier"]}
        mine = fte - new if brief.client.size == "sme" else own.get(role, 0.0)
        roles.append(RolePlan(role, fte, round(annual, 2), basis,
                              round(costs["in_house"], 2), round(costs["freelance"], 2),
                              round(costs["agency"], 2), min(costs, key=costs.get),
                              existing=round(mine, 2), hire=round(new, 2),
                              moved=moved.get(role, 0.0), spare=0.0 if hours else
                              round(max(0.0, own.get(role, 0.0) - need.get(role, 0.0)), 2)))
    return ftes, roles, hours


def _sourcing(roles: list[RolePlan]) -> dict[str, float]:
    """The team's cost per sourcing option: all in house, agency, freelancers, or each role
    from its cheapest source."""
    return {"in_house": sum(r.cost for r in roles), "agency": sum(r.agency for r in roles),
            "freelancers": sum(r.freelance for r in roles),
            "mixed": sum(min(r.cost, r.freelance, r.agency) for r in roles)}


def plan_team(brief: Brief, paid: Paid | None, posts: float | None = None,
              channels: int | None = None, capacity: Capacity | None = None,
              mix: dict[str, float] | None = None, extra: dict[str, float] | None = None
              ) -> Team:
    """The team chapter's results, sized for the plan's own posting (``posts`` a week on
    ``channels`` platforms, from the channels chapter). The client's existing team is
    counted first; only the rest is costed (in-house, freelance, agency, or each role from
    its cheapest source). A small business buys hours beyond those it already gives. Hours
    follow the calendar's formats (``mix``: posts a week per format family,
    ``workload.calendar_mix``) and the sector's levers. The good / better / best options
    (``team_options``) come with it."""
    months = brief.client.period.months
    rate = paid.rate if paid else 1.0
    ads = paid.total if paid else brief.budget.paid_media  # what the plan spends on ads
    loyal = ((paid.retention or {}).get("budget") or 0.0) if paid else 0.0  # past buyers
    posts = posts if posts is not None else sum(c.posts_per_week or 0
                                                for c in brief.situation.channels)
    channels = channels if channels is not None else len(brief.situation.channels)
    if brief.client.size == "sme":
        capacity = capacity or content_capacity(brief, rate)
    ftes, roles, hours = _staff(brief, ads, posts, channels, rate, capacity, mix,
                                extra=extra)
    options = _sourcing(roles)
    in_house, agency = options["in_house"], options["agency"]
    freelancers, mixed = options["freelancers"], options["mixed"]
    team_cost = options[min(options, key=options.get)]
    existing = existing_team_cost(brief, rate)
    levels, withdrawn = offered(team_levels(brief, ads, posts, channels, rate, capacity, mix,
                                            extra))
    pick = next((o for o in levels if o["recommended"]), None)
    # one cost for the plan: the recommended option's (the plan as sized is the gap's basis)
    hired = pick["hire_cost"] if pick else team_cost
    owner = owner_time_cost(brief, rate, hours)  # a small business's own hours, as a team's
    total = {"existing_team": round(existing, 2), **({"owner_time": round(owner, 2)}
                                                     if owner >= 0.005 else {}),
             "team": round(hired, 2), "ads": ads + loyal,
             "production": brief.budget.production, "tools": brief.budget.tools}
    total["total"] = round(sum(total.values()), 2)
    revenue = paid.totals["revenue"] if paid and paid.aov else None
    if revenue and paid.deal:  # deals that close after the plan's last month are not in it
        revenue -= paid.deal["after_plan"]
    margin = (paid.margin or 100) / 100 if paid else 1.0
    roi = (revenue * margin - total["total"]) / total["total"] * 100 if revenue else None
    monthly, cumulative = [], 0.0
    per_month_revenue: dict[str, float] = {}
    per_month_ads: dict[str, float] = {}  # the paid chapter's phased spend
    if paid:
        for row in paid.monthly:
            per_month_revenue[row["month"]] = per_month_revenue.get(row["month"], 0) + (
                row["revenue"] or 0)
            per_month_ads[row["month"]] = per_month_ads.get(row["month"], 0) + row["spend"]
        for month in paid.paid_months if loyal else []:  # the programme, evenly
            per_month_ads[month] = per_month_ads.get(month, 0) + loyal / len(paid.paid_months)
    for month in brief.client.period.month_starts:
        key = month.isoformat()
        rev = per_month_revenue.get(key, 0.0)
        spent = per_month_ads.get(key, ads / months) if per_month_ads else ads / months
        cost = (total["total"] - ads - loyal) / months + spent
        gross = rev * margin
        cumulative += gross - cost
        monthly.append({"month": key, "team": round((hired + existing + owner) / months, 2),
                        "ads": round(spent, 2),
                        "production": round(brief.budget.production / months, 2),
                        "tools": round(brief.budget.tools / months, 2),
                        "revenue": round(rev, 2), "gross_margin": round(gross, 2),
                        "result": round(gross - cost, 2), "cumulative": round(cumulative, 2)})
    notes = []
    if any(r.pay_basis == "us_benchmark" for r in roles) and brief.client.country != "US":
        notes.append("us_pay_converted")
    if any(r.pay_basis == "country_ratio" for r in roles):
        notes.append("country_pay")
    if any(r.pay_basis in ("country_survey", "country_scaled") for r in roles):
        notes.append("survey_pay")
    if any(r.pay_basis == "benchmark" for r in roles):
        notes.append("bls_pay")
    if any(r.pay_basis == "brief" for r in roles):
        notes.append("brief_pay")
    if any(r.pay_basis == "team_line" for r in roles):
        notes = [n for n in notes if n not in ("survey_pay", "bls_pay", "country_pay")]
        notes.append("team_line_pay")
    staffing = round(team_cost + existing, 2)  # one figure: the gap is measured on it
    gap = round(staffing - brief.budget.team, 2) if staffing > brief.budget.team + 1 else None
    if gap:
        notes.append("team_budget_gap")
    own, hire = team_fte(brief, roles)
    return Team(roles, round(own + hire, 2), round(in_house, 2), round(agency, 2),
                round(freelancers, 2), round(mixed, 2), min(options, key=options.get),
                posts, channels, total,
                round(revenue, 2) if revenue else None, round(roi, 1) if roi else None,
                monthly, notes, hours=hours, budget_gap=gap, staffing_cost=staffing,
                existing_fte=own, hire_fte=hire,
                pay_sources=pay_sources(brief, [r.role for r in roles], rate),
                options=levels, withdrawn=withdrawn,
                workload=work_rows(brief, posts, mix, extra),
                costed_on=pick["kind"] if pick else "plan")


def posts_within_budget(brief: Brief, team: Team, rate: float) -> float | None:
    """The most posts a week a small business's own hours and its team budget carry, at the
    hours a post of the plan's calendar takes (``Team.workload``: the hours the team
    table's options are costed on, not the estimate made before the calendar): what the
    channels chapter says the team budget would pay for; None outside hours."""
    hours, posts = team.hours, [w for w in team.workload if not w.get("lever")]
    made = sum(w["posts_per_week"] for w in posts)
    if not hours or hours.get("existing") is None or made <= 0:
        return None
    per_post = sum(w["sme_hours"] for w in posts) / made
    fixed = hours["needed"] - per_post * made  # planning, community time, the levers
    given = hours["existing"] + budget_hours(brief, rate)
    return max(0.0, (given - fixed) / per_post)


def team_fte(brief: Brief, roles: list[RolePlan]) -> tuple[float, float]:
    """The team's FTE, each rounded once to 2 decimals: the client's own (a large company:
    every in-house FTE of the brief, all paid from the team budget; a small business: the
    owner's time the plan uses) and those to add (the roles' hires)."""
    own = sum(own_team(brief).values()) if brief.client.size != "sme" \
        else sum(r.existing for r in roles)
    return round(own, 2), round(sum(r.hire for r in roles), 2)


def pay_sources(brief: Brief, roles: list[str], rate: float) -> list[dict]:
    """The published pay figures the roles' pay rests on, each once: basis, source, URL,
    date and whether it was read at its publisher (``data/roles.yaml`` salaries)."""
    out: list[dict] = []
    for role in roles:
        p = role_pay(brief, role, rate)
        if p.basis in ("brief",) or any(o["source"] == p.source for o in out):
            continue
        out.append({"basis": p.basis, "source": p.source, "url": p.url, "date": p.date,
                    "verified": p.verified})
    return out


def _owner_option(brief: Brief, posts: float, channels: int, rate: float,
                  capacity: Capacity | None, mix: dict[str, float] | None = None,
                  extra: dict[str, float] | None = None) -> dict:
    """A small business run by its own people, nothing hired: the posts a week the hours it
    already gives carry (``content_capacity``) once the weekly work that does not follow
    the posting is taken (the sector levers and the ads-only creatives, ``extra``; replies
    and planning), at the calendar's hours per post (its formats), sized in owner hours.
    When that leaves fewer posts than today, the option keeps posting without the weekly
    work the plan adds (``plan_work`` False): the hours cannot carry both."""
    h = role_facts()["hours"]
    capacity = capacity or content_capacity(brief, rate)
    have = capacity.existing_hours or 0.0
    today = sum(c.posts_per_week or 0 for c in brief.situation.channels)

    def fit(work: bool) -> tuple[float, float, float]:
        def rows(p: float) -> list[dict]:
            return work_rows(brief, p, mix, extra) if work else \
                wl.rows(mix or wl.default_mix(brief), p, {})
        added = wl.totals(rows(0.0))["sme"]
        per_post = wl.totals(rows(1.0))["sme"] - added
        own = max(0.0, (have - h["base"] - added - channels * h["per_channel"])
                  / (per_post or h["per_post"]))
        own = min(own, posts) if posts else own
        hours = sme_hours(own, channels, rows(own)) if own else 0.0
        while own and hours > have:  # never more than the owner has
            own = max(0.0, round(own - 0.1, 1))
            hours = sme_hours(own, channels, rows(own)) if own else 0.0
        return own, hours, added
    own, hours, added = fit(True)
    plan_work = not (today and own < today - 0.05)
    if not plan_work:
        own, hours, _ = fit(False)
    return {"kind": "owner_run", "posts_per_week": round(own, 1),
            "hours_per_week": round(hours, 1), "plan_work": plan_work,
            "added_hours": round(added, 1),  # the plan's weekly work beside the posting
            "roles": {"social_media_manager": round(hours / h["per_fte_week"], 2)},
            "hire": {}, "sourcing": None, "hire_cost": 0.0,
            "cost": round(existing_team_cost(brief, rate), 2)}


def _level_option(brief: Brief, ads: float, posts: float, channels: int, rate: float,
                  capacity: Capacity | None, kind: str,
                  mix: dict[str, float] | None = None,
                  extra: dict[str, float] | None = None) -> dict:
    """One posting level staffed the plan's way (own team first, the rest from the
    cheapest source): roles, hires, hours and cost over the plan period. Below the plan's
    posting (``LEAN_KINDS``) the strategist writes the monthly report (no analyst)."""
    ftes, roles, hours = _staff(brief, ads, posts, channels, rate, capacity, mix,
                                kind in LEAN_KINDS, extra)
    sources = _sourcing(roles)
    cheapest = min(sources, key=sources.get)
    return {"kind": kind, "posts_per_week": round(posts, 1),
            "hours_per_week": hours["needed"] if hours else None, "roles": ftes,
            "hire": {r.role: r.hire for r in roles if r.hire}, "sourcing": cheapest,
            "spare_fte": round(sum(r.spare for r in roles), 2),  # own time left free
            "moved_in": {r.role: r.moved for r in roles if r.moved > 0},  # own time shared
            "hire_cost": round(float(sources[cheapest]), 2),
            "cost": round(float(sources[cheapest]) + existing_team_cost(brief, rate), 2)}


def team_options(brief: Brief, ads: float, posts: float, channels: int, rate: float,
                 capacity: Capacity | None = None, mix: dict[str, float] | None = None,
                 extra: dict[str, float] | None = None) -> list[dict]:
    """The options the plan offers (``team_levels``), none costing no less than another
    for fewer posts (``team_offer.offered``)."""
    return offered(team_levels(brief, ads, posts, channels, rate, capacity, mix, extra))[0]


def team_levels(brief: Brief, ads: float, posts: float, channels: int, rate: float,
                capacity: Capacity | None = None, mix: dict[str, float] | None = None,
                extra: dict[str, float] | None = None) -> list[dict]:
    """Good / better / best, each staffed the plan's way (the client's own team first, the
    rest from the cheapest source). Good: a small business run by its owner, nothing hired
    (sized in owner hours), or a large company's minimal team (half the plan's posting).
    Better: the plan's posting when its team fits the brief's team budget, else the most
    posting that fits. Best: the plan's posting when better had to be cut, else half as much
    posting again. Each has roles, hires, posts a week, cost over the plan and a year, and
    its gap to the team budget (positive: above). Better is recommended when it fits the
    budget, else good when it fits, else the cheaper of the two, its gap stated."""
    budget = brief.budget.team
    months = brief.client.period.months

    def level(p: float, kind: str) -> dict:
        return _level_option(brief, ads, p, channels, rate, capacity, kind, mix, extra)

    def more(p: float) -> dict:
        return level(max(p * 1.5, p + 1), "more")

    good = _owner_option(brief, posts, channels, rate, capacity, mix, extra) \
        if brief.client.size == "sme" else level(posts / 2, "minimal")
    floor = good["posts_per_week"]
    plan = level(posts, "plan")
    steps = [plan, more(posts)]
    if plan["cost"] > budget + 1:
        lo, hi = floor, posts  # the most posting the budget pays for
        for _ in range(25):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if level(mid, "within_budget")["cost"] <= budget + 1 \
                else (lo, mid)
        # at the plan's own posting, what lean staffing saves is the analyst alone: said so
        fit = level(lo, "plan_lean" if round(lo, 1) >= round(posts, 1) - 0.05
                    else "within_budget")
        if lo > floor + 0.25 and fit["cost"] <= budget + 1:
            steps = [fit, plan]
    # better must add something to good: posts, or the plan's weekly work that an owner-run
    # good leaves out when the owner's hours cannot carry it beside today's posting
    if good.get("plan_work", True) and steps[0]["posts_per_week"] < floor + 0.5:
        steps = [more(floor), more(max(floor * 1.5, floor + 1))]
    out = []
    for key, o in zip(("good", "better", "best"), [good, *steps], strict=True):
        gap = round(o["cost"] - budget, 2)
        out.append({"key": key, **o, "fte": round(sum(o["roles"].values()), 2),
                    "hire_fte": round(sum(o["hire"].values()), 2),
                    "annual_cost": round(o["cost"] * 12 / months, 2), "budget": budget,
                    "gap": gap, "within_budget": gap <= 1, "recommended": False})
    pick = next((o for o in out[1::-1] if o["within_budget"]),
                min(out[:2], key=lambda o: o["cost"]))
    pick["recommended"] = True
    return out
