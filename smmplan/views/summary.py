"""The cover, the executive summary (every chapter's decisions, recorded for plan.json) and
the footer."""

from __future__ import annotations

import base64
import datetime as dt

from ..catalogue import content_facts, kpi_catalogue
from ..fill_range import rate_words
from ..goal_gap import held_by_cap
from ..new_shops import new_shops, new_shops_goal, new_shops_phrase
from ..objectives import Objective
from ..plan import CHAPTERS, Plan
from ..report import Html, render
from ..safety import logo_bytes
from .base import (
    TOC_MARKER,
    Section,
    after_colon,
    chapter_heading,
    day,
    kpi_value,
    month_year,
    platform_label,
    text_on,
)
from .budget import budget_decisions
from .budget_notes import break_even_each, leads_suffix
from .channels import channels_decisions
from .client_needs import client_needs
from .committed_range import organic_points, range_values
from .community import community_decisions
from .growth_track import growth_steps
from .growth_track import summary_note as growth_summary
from .held_back import cap_values, held_break_even
from .identity import identity_decisions
from .lead_gate import form_risks, form_steps
from .low_month import low_month_line
from .objectives import committed, kpi_label, objectives_decisions
from .paid_tests import test_step
from .posts_words import posts_words
from .reserve import reserve_summary
from .retention import step as retention_step
from .retention import summary_values as retention_values
from .stop_basis import scale_basis, stop_basis, stop_multiple
from .target_stops import stop_clause
from .targets import targets_decisions
from .team import recommended_posting, team_decisions
from .trial_share import trial_steps


def logo_data_uri(plan: Plan) -> str | None:
    """The brief's logo as a data URI (embedded: the plan loads nothing)."""
    logo = plan.brief.brand.visual_identity.logo
    if not logo:
        return None
    # the type comes from the content, and an SVG is sanitised (smmplan/safety.py)
    mime, data = logo_bytes(plan.brief.resolve(logo))
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def cover(plan: Plan) -> Section:
    """Cover page: client, logo, period, agency, date; brand colours; contents placeholder."""
    b, tr = plan.brief, plan.tr
    c = b.client
    vi = b.brand.visual_identity
    period = tr.t(
        "cover.period_value", start=day(tr, c.period.start), end=day(tr, c.period.end),
        months=c.period.months,
    )
    return Section(Html(render(
        "cover.html.j2",
        primary=vi.primary_color, secondary=vi.secondary_color,
        on_primary=text_on(vi.primary_color), on_secondary=text_on(vi.secondary_color),
        title=tr.t("cover.title"), client=c.name, sector=c.sector, logo=logo_data_uri(plan),
        labels={k: tr.t(f"cover.{k}") for k in ("prepared_for", "period", "prepared_by", "date")},
        period=period, author=c.author, date=day(tr, plan.date),
        toc_title=tr.t("toc.title"), toc_marker=TOC_MARKER, lang=c.language,
    )))


def chapter_decisions(plan: Plan) -> list[dict]:
    """The decisions of each chapter, in words, for the executive summary."""
    deciders = {"identity": identity_decisions, "targets": targets_decisions,
                "objectives": objectives_decisions, "channels": channels_decisions,
                "community": community_decisions, "budget": budget_decisions,
                "team": team_decisions}
    return [{"chapter": ch, "title": plan.tr.t(f"chapter.{ch}"),
             "decisions": deciders[ch](plan)} for ch in CHAPTERS]


def executive_summary(plan: Plan) -> Section:
    """The decisions of every chapter, at the top of the plan; recorded, so that plan.json
    carries the same words."""
    tr = plan.tr
    chapters = chapter_decisions(plan)
    plan.record.summary = chapters
    recs, needs, steps = recommendations(plan), client_needs(plan), next_steps(plan)
    return Section(
        Html(render("summary.html.j2", title=tr.t("summary.title"),
                    intro=tr.t("summary.intro", client=plan.brief.client.name), chapters=[])),
        Html(render("list.html.j2", title=tr.t("agency.recommendations"), items=recs,
                    ordered=True, css="smm-decision")),
        Html(render("list.html.j2", title=tr.t("agency.needs"), items=needs)),
        Html(render("list.html.j2", title=tr.t("agency.next_steps"), items=steps,
                    ordered=True)),
        Html(render("summary.html.j2", title="", intro="", chapters=chapters)),
    )


def appendix_heading(plan: Plan) -> Section:
    """The appendix's title and what it is for (the method and detail cells of every chapter
    follow it, gathered there by ``build.stitch``)."""
    return Section(chapter_heading(plan, "appendix"),
                   Html(render("paragraph.html.j2", lead=True, text=plan.tr.t("appendix.intro"))))


def footer(plan: Plan) -> Section:
    """A discreet closing line with the plan's date; the provenance (smmplan version,
    SHA-256 of the brief and each data file) is kept in plan.json, not shown."""
    tr = plan.tr
    return Section(Html(render("footer.html.j2",
                               generated=tr.t("footer.generated", date=day(tr, plan.date)))))


def _brief_total(plan: Plan) -> float:
    b = plan.brief.budget
    return sum(v or 0 for v in (b.paid_media, b.team, b.production, b.tools))


def headline_objective(plan: Plan) -> Objective | None:
    """The objective the plan is judged on: the client's first business goal (the brief's
    order), else the first objective with a target."""
    obs = plan.objectives.objectives
    return next((o for o in obs if o.from_brief), None) or next(
        (o for o in obs if o.target is not None), None)


def organic_summary(plan: Plan, o: Objective) -> str:
    """The headline range's clause on the bookings credited to the organic posts by
    convention: how many points of the range they are, and the range without them."""
    points = organic_points(plan, o)
    if points is None:
        return ""
    tr = plan.tr
    return tr.t("objectives.organic_summary", n=tr.number(o.organic_bookings or 0),
                points=tr.number(points["points"]),
                low_without=kpi_value(plan, o.kpi, points["low_without"]),
                without=kpi_value(plan, o.kpi, points["without"]))


def headline_kpi(plan: Plan, o: Objective) -> str:
    """The sentence that names the KPI the plan is judged on: baseline (and where it comes
    from) to target by the deadline; without a baseline or a target, how it is measured."""
    tr = plan.tr
    kpi, deadline = after_colon(tr, kpi_label(plan, o)), day(tr, dt.date.fromisoformat(o.deadline))
    goal = o.goal or tr.t(f"objective.{o.objective}")
    how = tr.t(f"objectives.how.{o.kpi}") if tr.has(f"objectives.how.{o.kpi}") else ""
    if o.target is None:
        return tr.t("agency.rec_goal_measure", goal=goal, kpi=kpi,
                    how=how or tr.t("objectives.how.business_kpi"))
    target = kpi_value(plan, o.kpi, o.target)
    if o.baseline.value is None:
        return tr.t("agency.rec_goal_nobase", goal=goal, kpi=kpi, target=target,
                    deadline=deadline, how=how or tr.t("objectives.how.business_kpi"))
    if o.committed_low is not None:  # a range: the forecast is an upper bound (fill_range)
        mean = "_mean" if o.kpi == "leads_per_month" else ""  # the forecast's year mean
        return tr.t(f"agency.rec_goal_committed_range{mean}", goal=goal, kpi=kpi, target=target,
                    deadline=deadline, committed=kpi_value(plan, o.kpi, committed(o)),
                    baseline=kpi_value(plan, o.kpi, o.baseline.value),
                    basis=tr.t(f"objectives.basis.{o.baseline.basis}"),
                    organic=organic_summary(plan, o),
                    **{k: v for k, v in range_values(plan, o).items()
                       if k in ("low", "month")}, **rate_words(tr, plan.paid))
    if committed(o) != o.target:  # flagged: the realistic value first, the client's after
        mean = "_mean" if o.kpi == "leads_per_month" else ""  # the forecast's year mean
        return tr.t(f"agency.rec_goal_committed{mean}", goal=goal, kpi=kpi, target=target,
                    deadline=deadline, committed=kpi_value(plan, o.kpi, committed(o)),
                    baseline=kpi_value(plan, o.kpi, o.baseline.value),
                    basis=tr.t(f"objectives.basis.{o.baseline.basis}"))
    return tr.t("agency.rec_goal", goal=goal, kpi=kpi, target=target, deadline=deadline,
                baseline=kpi_value(plan, o.kpi, o.baseline.value),
                basis=tr.t(f"objectives.basis.{o.baseline.basis}"))


def goal_next(plan: Plan, o: Objective) -> str:
    """What follows the headline goal in the summary, kept short (the figure's make-up and
    the gap sentences live in the objectives chapter): the decision the first campaign
    month's checkpoint takes on a fill-rate gap, else a pointer to that chapter."""
    from ..goal_gap import goal_gaps
    from .fill_budget import checkpoint_decides, checkpoint_values

    tr, chapter = plan.tr, plan.tr.t("chapter.objectives")
    gaps = goal_gaps([o], plan.paid, plan.brief.client.period.months, plan.brief.offer) \
        if o.target is not None and (plan.brief.budget.paid_media or 0) > 0 else []
    g = next(iter(gaps), None)
    if g is not None and checkpoint_decides(plan, g):
        return tr.t("agency.rec_goal_checkpoint", chapter=chapter, gap=tr.number(g.gap),
                    target=kpi_value(plan, o.kpi, o.target), **checkpoint_values(plan))
    stretch = o.target is not None and committed(o) != o.target
    return tr.t("agency.rec_goal_detail_stretch" if stretch else "agency.rec_goal_detail",
                chapter=chapter, target=kpi_value(plan, o.kpi, o.target) if stretch else "")


def recommendations(plan: Plan) -> list[str]:
    """Three to five recommendations in plain words, each computed from a chapter."""
    from ..profile_posts import lever_how
    from ..sectors import playbook
    from .channels import sector_name

    tr, ch, brief = plan.tr, plan.channels, plan.brief
    out = []
    goal = headline_objective(plan)
    if goal is not None and goal.from_brief:  # the client's own goal leads the summary
        out.append(" ".join([headline_kpi(plan, goal), goal_next(plan, goal)]))
    kept = [platform_label(c.platform) for c in ch.choices if c.kept]
    within = recommended_posting(plan)  # the recommended team's posting, when lower
    out.append(tr.t("agency.rec_channels" if len(kept) <= 3 else "agency.rec_channels_many",
                    n=len(kept), channels=tr.join(kept), posts=posts_words(
                        plan, within["posts_per_week"] if within else ch.planned_posts)))
    book = playbook(brief.client.sector_kind)
    score = {p.key: p.score for p in plan.identity.diagnosis.problems}
    # the lever that moves the client's own goal first (a playbook lever's ``kpis``), else
    # the one for the diagnosis' worst problem
    lever = next((lv for lv in book["levers"] if goal is not None and goal.from_brief
                  and goal.kpi in lv.get("kpis", [])), None) or max(
        book["levers"], key=lambda lv: max(score.get(k, 0) for k in lv["problems"]))
    out.append(tr.t("agency.rec_lever", lever=after_colon(tr, tr.text(lever["name"])),
                    how=lever_how(lever, tr)))
    paid = plan.paid
    spent = [c for c in paid.channels if c.spend > 0]
    if spent and paid.total > 0:
        top = max(spent, key=lambda c: c.spend)
        out.append(tr.t("agency.rec_paid", amount=tr.money(paid.total),
                        share=tr.percent(top.spend / paid.total * 100, 0),
                        platform=platform_label(top.platform)))
        out[-1] = " ".join([out[-1], *paid_cuts(plan)])
    if goal is not None and not goal.from_brief:
        out.append(" ".join([headline_kpi(plan, goal), goal_next(plan, goal)]))
    demand = {int(k): float(v) for k, v in book["demand_by_month"].items()}
    rule = content_facts()["calendar"]["summary_moments"]
    named = peak_moments(ch.key_dates, demand, rule["count"], rule["strong_demand"])
    if named:
        # paid money that books one offer line does not fund these moments: organic posts
        books = plan.brief.budget.paid.books if paid.total > 0 else None
        aware = sum(c.awareness_spend for c in paid.channels) if books else 0.0
        out.append(tr.t("agency.rec_moments_organic_aware" if aware >= 0.5 else
                        "agency.rec_moments_organic" if books else "agency.rec_moments",
                        moments=tr.join(named), sector=sector_name(plan), offer=books or "",
                        aware=tr.money(aware), share=tr.percent(aware / paid.total * 100, 0)
                        if aware >= 0.5 else "", purpose=awareness_purpose(plan)
                        if aware >= 0.5 else ""))
        low = low_month_line(plan, {int(d["date"][5:7]) for d in ch.key_dates
                                    if d["kind"] == "sector" and d["name"] in named})
        out[-1] = " ".join(filter(None, [out[-1], low]))
    return out[:5]


def peak_moments(key_dates: list[dict], demand: dict[int, float], count: int,
                 strong: float) -> list[str]:
    """The sector's key moments the summary names: those in months of strong demand (at
    least ``strong`` times the average), the ``count`` in the strongest months (earlier
    first on a tie), said in date order. The first ``count`` by date would leave out a
    year's peak that comes late (a December of year-end budgets)."""
    first: dict[str, str] = {}
    for d in key_dates:
        if d["kind"] == "sector" and demand.get(int(d["date"][5:7]), 0) >= strong:
            first.setdefault(d["name"], d["date"])
    ranked = sorted(first, key=lambda n: (-demand[int(first[n][5:7])], first[n]))[:count]
    return sorted(ranked, key=first.__getitem__)


def awareness_purpose(plan: Plan) -> str:
    """What the paid budget's awareness part funds, in the client's terms: the opening
    campaign's neighbourhood ads around the new shops (``openings_paid``) for the goal that
    names them, else the awareness goal's target (``awareness_target``), else the brand."""
    from ..awareness_target import awareness_target
    from ..openings_paid import campaign

    tr, brief = plan.tr, plan.brief
    goal = new_shops_goal(brief)
    if goal and campaign(brief, plan.paid) is not None:
        return tr.t("agency.aware_for_shops", goal=goal)
    target = awareness_target(brief)
    if target:
        return tr.t("agency.aware_for_goal", persona=target["persona"], goal=target["goal"])
    return tr.t("agency.aware_for_brand")


def paid_cuts(plan: Plan) -> list[str]:
    """What the paid recommendation leaves out, with the reason: the envelope's part left
    unspent past break-even, the platforms planned beyond twice their history's best month
    (extrapolation, to reach in steps) and the platforms cut because their next conversion
    costs more than it earns (the paid chapter's figures)."""
    tr, paid = plan.tr, plan.paid
    out = []
    held = paid.held_back or {}
    cap = held_by_cap(paid)
    if held.get("budget", 0) >= 0.5 and paid.break_even_cpa:
        values = cap_values(plan)  # the bound's rule, said here only (the goal's: figure, date)
        out.append(tr.t(f"agency.rec_paid_held{'_' + cap if cap else ''}",
                        envelope=tr.money(paid.envelope),
                        spent=tr.money(paid.total), rest=tr.money(held["budget"]),
                        cpa=tr.money(held_break_even(plan), 2),
                        **values))
        if paid.retention:  # the programme's budget came out of the held-back part
            out[-1] += " " + tr.t("retention.summary_note", **retention_values(plan))
        out[-1] = " ".join(filter(None, [out[-1], growth_summary(plan), reserve_summary(plan)]))
    history = (paid.history or {}).get("platforms", {})
    months = plan.brief.client.period.months
    for c in paid.channels:  # beyond the budget chapter's extrapolation threshold
        best = (history.get(c.platform) or {}).get("max_monthly_spend")
        if c.extrapolated and best:
            out.append(tr.t("agency.rec_paid_scale", platform=platform_label(c.platform),
                            monthly=tr.money(c.spend / months), max=tr.money(best),
                            ratio=tr.number(c.spend / months / best, 1)))
    for u in paid.unearned:
        out.append(tr.t("agency.rec_paid_cut", platform=platform_label(u["platform"]),
                        cost=tr.money(u["marginal_cpa"], 2),
                        cpa=tr.money(paid.break_even_cpa, 2)))
    return out


def next_steps(plan: Plan) -> list[str]:
    """Kick-off to first quarterly review, dated from the plan's start."""
    from ..brief import add_months

    tr, start = plan.tr, plan.brief.client.period.start
    review = add_months(start, 3)
    # the held-back budget's test and programme, and the capped tests' reading, by date
    from .fill_budget import checkpoint_steps
    from .owned_steps import dated_steps
    from .platform_values import basket_steps

    dated = sorted([*filter(None, [test_step(plan), retention_step(plan)]),
                    *trial_steps(plan), *form_steps(plan), *growth_steps(plan),
                    *dated_steps(plan), *checkpoint_steps(plan), *basket_steps(plan)],
                   key=lambda d: d[0])
    early = [text for when, text in dated if when < review]
    late = [text for when, text in dated if when >= review]
    return [tr.t("agency.step_kickoff"), tr.t("agency.step_calendar"),
            tr.t("agency.step_launch", date=day(tr, start)), *early,
            tr.t("agency.step_review", date=day(tr, review)), *late]


def roadmap(plan: Plan) -> list[dict]:
    """The first three months: roll-out phase, posts planned, key moments, focus (with the
    sector's levers in the diagnosis' order, and the dated actions against each problem the
    client rates severe in their month)."""
    from ..brief import add_months
    from .owned_steps import dated_steps
    from .severe_steps import roadmap_levers, severe_steps

    tr, ch, brief = plan.tr, plan.channels, plan.brief
    phases = [p for p, n in plan.identity.maturity.rollout_months.items() for _ in range(n)]
    levers = roadmap_levers(plan)
    rows = []
    severe = severe_steps(plan)
    for i in range(min(3, brief.client.period.months)):
        first = add_months(brief.client.period.start, i).isoformat()
        last = add_months(brief.client.period.start, i + 1).isoformat()
        # the feed's posts, as the calendar's month table counts them (no ad-only creative)
        posts = sum(1 for s in ch.slots if first <= s.date < last and not s.ad_only)
        moments = [d["name"] for d in ch.key_dates if first <= d["date"] < last
                   and d["kind"] != "holiday"]
        rows.append({"month": tr.month(dt.date.fromisoformat(first)),
                     "phase": tr.t(f"agency.phase_{phases[i] if i < len(phases) else 'run'}"),
                     "posts": posts, "moments": tr.join(moments),
                     "focus": tr.t(f"agency.focus_{i + 1}",
                                   lever=tr.text(levers[i % len(levers)]["name"]))})
        for _, when, text in [*severe, *((None, w, t) for w, t in dated_steps(plan))]:
            if first <= when.isoformat() < last:  # one clause each: commas stay readable
                rows[-1]["focus"] = tr.t("agency.severe_focus", focus=rows[-1]["focus"],
                                         steps=text)
    return rows


def organic_risk(plan: Plan) -> list[tuple[str, dict]]:
    """A committed fill rate that counts bookings credited to the sessions' organic posts by
    convention (``organic_bookings``): how many, and the rate without them."""
    tr, dated = plan.tr, plan.paid.seats or {}
    out = []
    for o in plan.objectives.objectives:
        points = organic_points(plan, o)  # the summary's headline says the same figures
        if points is None:
            continue
        out.append(("risk_organic", {
            "n": tr.number(o.organic_bookings), "line": dated.get("line", ""),
            "with": kpi_value(plan, o.kpi, o.realistic_target),
            "without": kpi_value(plan, o.kpi, points["without"])}))
    return out


def risks(plan: Plan) -> list[dict]:
    """The assumptions the plan actually used: borrowed paid rates, KPIs without a measured
    baseline, default posting times, estimated event dates, the sector's demand curve, and
    a plan costing more than the brief's budget."""
    from ..sectors import playbook

    tr, name = plan.tr, plan.brief.client.name
    out = []
    spent = {c.platform for c in plan.paid.channels if c.spend > 0}
    for m in plan.paid.models:
        if m["platform"] not in spent:  # a platform with no paid budget risks nothing
            continue
        borrowed = [("CPL" if m[k].get("basis") == "lead_form_benchmark" else k.upper())
                    for k in ("cpm", "ctr", "cvr")  # lead gen forms: the cost per lead
                    if isinstance(m.get(k), dict) and m[k].get("basis") in (
                        "benchmark", "borrowed", "lead_form_benchmark")]
        if borrowed:  # read by its dated test when it has one, else by its first month
            test = next((t for t in plan.paid.tests or [] if t["platform"] == m["platform"]),
                        None)
            first = test["start"] if test else (plan.paid.paid_months or [None])[0]
            out.append(("risk_benchmark", {
                "platform": platform_label(m["platform"]), "metrics": tr.join(borrowed),
                "client": name, **_cost_range(plan, m["platform"]),
                "read": tr.t("agency.risk_read_test", weeks=tr.number(test["weeks"]),
                             end=day(tr, dt.date.fromisoformat(test["end"]))) if test
                else tr.t("agency.risk_read_month", month=month_year(
                    tr, dt.date.fromisoformat(first))) if first else tr.t("agency.risk_read_any")}))
    out += form_risks(plan)  # a lead gen form lead valued below a site lead
    seen = set()
    for o in plan.objectives.objectives:
        basis = o.baseline.basis
        if basis in ("benchmark", "not_measurable") and o.kpi not in seen:
            seen.add(o.kpi)
            # a service standard (data/kpis.yaml standard_target) is a rule, not a guess
            standard = kpi_catalogue().get(o.kpi, {}).get("standard_target") is not None
            out.append(("risk_baseline_standard" if standard else "risk_baseline"
                        if o.target is not None else "risk_baseline_untargeted",
                        {"kpi": tr.t(f"kpi.{o.kpi}"), "client": name,
                         "basis": tr.t(f"agency.basis.{basis}"),
                         "target": kpi_value(plan, o.kpi, o.target)}))
    out += organic_risk(plan)
    r = plan.paid.retention or {}
    if r.get("budget") and r.get("match_rate"):  # a customer list's borrowed match rate
        out.append(("risk_match", {"rate": tr.percent(r["match_rate"], 0),
                                   "platform": platform_label(r["platform"]),
                                   "audience": tr.number(r.get("audience") or 0)}))
    if plan.channels.windows_basis == "default":
        out.append(("risk_windows", {"client": name}))
    estimated = [d["name"] for d in plan.channels.key_dates  # the sector file's own flag
                 if d["kind"] == "sector" and d.get("estimated")]  # (an organiser's date)
    if estimated:
        out.append(("risk_dates", {"dates": tr.join(estimated)}))
    if new_shops_phrase(plan.brief):  # the brief dates no opening (new_shops.opening_date)
        out.append(("risk_new_shops" if new_shops(plan.brief) > 1 else "risk_new_shop",
                    {"shops": new_shops_phrase(plan.brief)}))
    book = playbook(plan.brief.client.sector_kind)
    if len(set(book["demand_by_month"].values())) > 1:
        demand = plan.paid.demand  # the client's ads history weighed in, or the sector alone
        first, last = (dt.date.fromisoformat(demand.first + "-01"),
                       dt.date.fromisoformat(demand.last + "-01")) \
            if demand.basis == "history" else (None, None)
        out.append(("risk_demand_history", {
            "client": name, "first": month_year(tr, first), "last": month_year(tr, last),
            "months": tr.number((last.year - first.year) * 12 + last.month - first.month + 1)})
            if first else ("risk_demand", {"client": name}))
    cost = plan.team.total_cost  # the owner's own hours are no budget line of the brief
    total, brief_total = cost.get("total", 0) - cost.get("owner_time", 0), _brief_total(plan)
    if brief_total and total > brief_total * 1.1:
        out.append(("risk_budget", {"plan": tr.money(total), "brief": tr.money(brief_total)}))
    return [{"risk": tr.t(f"agency.{k}", **v),
             "impact": tr.t(f"agency.{k}_impact_range", **v) if "low" in v
             else tr.t(f"agency.{k}_impact", **v), "check": tr.t(f"agency.{k}_check", **v)}
            for k, v in out]


def _cost_range(plan: Plan, platform: str) -> dict:
    """A funded platform's cost per result in the forecast's pessimistic and optimistic
    scenarios (the budget chapter's low-high range), for the risk its borrowed rates carry,
    and the spread a single published figure is given (only that when it is not funded)."""
    from ..catalogue import paid_facts

    factor = {"factor": plan.tr.number(paid_facts()["single_figure_spread"]["factor"])}
    c = next((c for c in plan.paid.channels if c.platform == platform), None)
    if c is None or not c.spend or not c.conversions_low or not c.conversions_high:
        return factor
    spent = c.conversion_spend  # the plan's one cost per result: conversion spend
    return factor | {"low": plan.tr.money(spent / c.conversions_high, 2),
            "high": plan.tr.money(spent / c.conversions_low, 2),
            "mid": plan.tr.money(spent / c.conversions, 2) if c.conversions else ""}


def reporting(plan: Plan) -> list[str]:
    """Weekly, monthly and quarterly reviews, with scale and stop rules from the paid
    chapter's break-even cost per result."""
    tr, name = plan.tr, plan.brief.client.name
    out = [tr.t("agency.weekly"), tr.t("agency.monthly"),
           tr.t("agency.quarterly", client=name)]
    cpa = plan.paid.break_even_cpa
    forecast, shown = scale_basis(plan)  # conversion campaigns' cost, the stop rule's basis
    each = (plan.conversion_only or {}).get("platforms", {})
    own = tr.t("agency.scale_each", costs=tr.join(  # a platform against its own forecast
        [f"{platform_label(p)} {tr.money(v, 2)}" for p, v in each.items()])) \
        if len(each) > 1 else tr.t("agency.scale_one", cpa=shown)
    if cpa:
        # scale only what beats the forecast; when the envelope stops at break-even the last
        # sale already costs about that, so an average below break-even is not a reason to add
        at = next((r for r in plan.paid.sweep if r["factor"] == 1.0), {})
        last = at.get("marginal_cpa")  # what the last conversion of the envelope costs
        if plan.paid.seats:  # bookings are capped by the free seats: scale only into them
            out.append(tr.t("agency.scale_seats" + leads_suffix(plan.paid),
                            cpa=shown or tr.money(cpa, 2),
                            seats=tr.number(plan.paid.seats["free"]),
                            line=plan.paid.seats["line"]))
        elif forecast and forecast < cpa and last and last < 0.9 * cpa:
            out.append(tr.t("agency.scale_headroom", cpa=own,
                            last=tr.money(last, 2), break_even=tr.money(cpa, 2)
                            + (f" ({each})" if (each := break_even_each(plan)) else "")))
        elif forecast and forecast < cpa:
            out.append(tr.t("agency.scale_forecast", cpa=own,
                            break_even=tr.money(cpa, 2)))
        else:
            out.append(tr.t("agency.scale", cpa=tr.money(cpa, 2)))
        out.append(tr.t("agency.stop", cpa=break_even_each(plan) or tr.money(cpa, 2),
                        multiple=stop_multiple(tr))
                   + stop_clause(plan))  # an ad set on one target: its own threshold
        out += stop_basis(plan)  # the forecast's conversion-only cost beside the rule
    out.append(tr.t("agency.scale_content"))
    return out


def compliance(plan: Plan) -> list[str]:
    """The compliance notes that apply to what the plan does (``compliance.topics``): a
    topic of data/compliance.yaml in the client country's words and laws (creators' and
    employees' disclosure, customer-list audiences), the sector's other topics with the
    country's advertising rules."""
    from ..compliance import note, topics

    tr, c = plan.tr, plan.brief.client
    def by_country(key: str) -> str:  # the brief's country's laws, else the generic words
        found = f"compliance.{key}.{c.country}"
        return tr.t(found) if tr.has(found) else tr.t(f"compliance.{key}.other")

    out = []
    for k in topics(plan.brief):
        found = note(plan.brief, k)
        out.append(tr.text(found["text"]) if found else tr.t(
            f"compliance.{k}", rules=by_country("rules"), privacy=by_country("privacy")))
    return out


def plan_closing(plan: Plan) -> Section:
    """The agency sections after the summary: 90-day roadmap, risks and assumptions,
    reporting rhythm with scale / stop rules, compliance notes."""
    import pandas as pd

    from ..report import Column

    tr = plan.tr
    road = pd.DataFrame(roadmap(plan))
    register = pd.DataFrame(risks(plan) or [{"risk": "", "impact": "", "check": ""}])
    return Section(
        Html(render("heading.html.j2", level=3, id="summary-roadmap",
                    text=tr.t("agency.roadmap"))),
        Html(render("paragraph.html.j2", text=tr.t("agency.roadmap_intro"))),
        plan.record.table("roadmap", "summary", tr.t("agency.roadmap"), road,
                          [Column("month", tr.t("agency.month")),
                           Column("phase", tr.t("agency.phase")),
                           Column("posts", tr.t("agency.posts"), lambda v: tr.number(v)),
                           Column("moments", tr.t("agency.moments")),
                           Column("focus", tr.t("agency.focus"))]),
        Html(render("heading.html.j2", level=3, id="summary-risks", text=tr.t("agency.risks"))),
        Html(render("paragraph.html.j2", text=tr.t("agency.risks_intro",
                                                   client=plan.brief.client.name))),
        plan.record.table("risks", "summary", tr.t("agency.risks"), register,
                          [Column("risk", tr.t("agency.risk")),
                           Column("impact", tr.t("agency.impact")),
                           Column("check", tr.t("agency.check"))]),
        Html(render("heading.html.j2", level=3, id="summary-reporting",
                    text=tr.t("agency.reporting"))),
        Html(render("list.html.j2", items=reporting(plan))),
        Html(render("heading.html.j2", level=3, id="summary-compliance",
                    text=tr.t("compliance.title"))),
        Html(render("list.html.j2", items=compliance(plan))),
    )
