"""Views of chapter 7, team and cost."""

from __future__ import annotations

import pandas as pd

from .. import charts
from .. import workload as wl
from ..catalogue import role_facts
from ..plan import Plan
from ..report import Column, Html, render
from ..salaries import team_line_factor
from ..team import LEAN_KINDS, community_hours, own_team_estimated, owner_hours_used
from ..team_offer import same_cost_share
from .base import (
    Section,
    chapter_opening,
    option_kind,
    section_heading,
)
from .creators import creator_lines
from .lifetime import return_line as lifetime_return
from .posts_words import feed_and_stories, posts_words
from .roi_scope import booked_leaves_out, roi_key
from .trial_value import trial_return


def team_decisions(plan: Plan) -> list[str]:
    """The team chapter's decisions in words (executive summary): the team in FTE (own and
    to add, as in the chapter), its cost and, when it costs more than the brief's team
    budget, by how much and what fits the budget (``plan.team`` figures, not recomputed)."""
    tr, team = plan.tr, plan.team
    cost = {"in_house": team.in_house, "agency": team.agency, "freelancers": team.freelancers,
            "mixed": team.mixed}[team.cheapest]
    existing = team.total_cost.get("existing_team", 0)
    key = "summary_team.staffing_existing" if existing else "summary_team.staffing"
    sized = team.costed_on != "plan"  # the cost is on the recommended option, not this team
    if existing and not sized and round(team.hire_fte, 2) == 0:  # no "0.00 FTE to add"
        key = "summary_team.staffing_existing_covered"
    text = tr.t(key + ("_sized" if sized else ""),
                fte=fte(plan, team.fte), own=fte(plan, team.existing_fte),
                hire=fte(plan, team.hire_fte), existing=tr.money(existing),
                option=tr.t(f"team.option.{team.cheapest}"), cost=tr.money(cost),
                total=tr.money(team.total_cost["total"]))
    if team.total_cost.get("owner_time"):  # a small business's own hours, in that total
        text += " " + tr.t("summary_team.owner_time", owner=tr.money(
            team.total_cost["owner_time"]), hours=tr.number(owner_hours_used(
                plan.brief, team.hours), 1))
    rec = team.recommended
    if sized and existing and rec and rec.get("fte"):  # lead with what the client staffs
        text = tr.t("summary_team.staffing_recommended",
                    option=tr.t(f"team.option_key.{rec['key']}"), fte=fte(plan, rec["fte"]),
                    own=fte(plan, team.existing_fte), hire=fte(plan, rec["hire_fte"]),
                    cost=tr.money(rec["cost"]), sized=fte(plan, team.fte))
    total = [tr.t("summary_team.total_on", option=tr.t(
        f"team.option_key.{team.recommended['key']}"),
        total=tr.money(team.total_cost["total"]))] if sized and team.recommended else []
    return [text] + ([over_budget(plan)] if team.budget_gap else []) + total + \
        team_return_line(plan)


def team_return_line(plan: Plan) -> list[str]:
    """The whole effort's return in one sentence for the executive summary, the same
    figures as the chapter's "Total cost and return" (``team.roi``), never left to page
    30: paid social's margin against everything the plan costs."""
    tr, team, paid = plan.tr, plan.team, plan.paid
    if team.roi is None:
        return []
    margin = (team.revenue or 0) * ((paid.margin or 100) / 100)
    return [tr.t(roi_key(plan, "summary_team.return", "summary"),
                 total=tr.money(team.total_cost["total"]), margin=tr.money(margin),
                 roi=tr.percent(team.roi, 0)) + booked_leaves_out(plan)
            ] + lifetime_return(plan)


def owner_basis(plan: Plan) -> str:
    """Where a small business's own hours come from, in words (``team.owner_hours``): the
    brief's hours or share of a week, else an estimate from today's posting with its
    planning hours, else the plan's assumption, with a request for the real figure."""
    tr, brief = plan.tr, plan.brief
    basis = (plan.team.hours or {}).get("basis") or "default"
    h = role_facts()["hours"]
    current = sum(c.posts_per_week or 0 for c in brief.situation.channels)
    channels = max(1, len(brief.situation.channels))
    per_post = (plan.team.hours["existing"] - channels * h["per_channel"] - h["base"]) \
        / current if basis == "today" and current else h["per_post"]
    return tr.t(f"team.owner_basis.{basis}",
                share=tr.percent(brief.budget.owner_share or 0, 0),
                current=tr.number(current, 1),
                channels=tr.plural("plural.channels", max(1, len(brief.situation.channels))),
                per_post=tr.number(per_post, 1), per_channel=tr.number(h["per_channel"], 0),
                base=tr.number(h["base"], 0))


def fte(plan: Plan, value: float) -> str:
    """FTE as every chapter shows them: 2 decimals (``Team`` rounds them once)."""
    return plan.tr.number(value, 2)


def recommended_posting(plan: Plan) -> dict | None:
    """The recommended team option when it posts less than the calendar (the plan as sized
    is above the team budget), else None: the summary states its posting."""
    pick, team = plan.team.recommended, plan.team
    if pick is None or not team.budget_gap or \
            pick["posts_per_week"] >= round(plan.channels.planned_posts, 1) - 0.05:
        return None
    return pick


def over_budget(plan: Plan) -> str:
    """How far the plan's team is above the brief's team budget, and the option that fits
    it (the recommended one), else the cheapest when none does (``team_options``)."""
    tr, team = plan.tr, plan.team
    pick = team.recommended
    fits = pick is not None and pick["within_budget"]
    if pick is None:
        pick = min(team.options, key=lambda o: o["cost"]) if team.options else None
    values = {"gap": tr.money(team.budget_gap), "budget": tr.money(plan.brief.budget.team)}
    if pick is None:
        return tr.t("team.note.team_budget_gap", cost=tr.money(team.staffing_cost), **values)
    return tr.t("summary_team.over_fits" if fits else "summary_team.over_none",
                option=tr.t(f"team.option_key.{pick['key']}"),
                kind=option_kind(plan, pick["kind"]),
                posts=tr.number(pick["posts_per_week"], 1), cost=tr.money(pick["cost"]),
                staffing=tr.money(team.staffing_cost), **values)


def team_roles(plan: Plan) -> Section:
    """Chapter heading, roles with FTE and cost per sourcing option, the decision."""
    tr, team = plan.tr, plan.team
    cost = {"in_house": team.in_house, "agency": team.agency, "freelancers": team.freelancers,
            "mixed": team.mixed}[team.cheapest]
    frame = pd.DataFrame([{
        "role": r.role, "role_name": tr.t(f"team.role.{r.role}"), "fte": r.fte,
        "existing": r.existing, "hire": r.hire,
        "annual_pay": r.annual_pay, "in_house": r.cost, "freelance": r.freelance,
        "agency": r.agency, "best": r.best, "best_name": tr.t(f"team.best.{r.best}"),
    } for r in team.roles])
    money = lambda v: tr.money(v)  # noqa: E731
    notes = []
    afford = plan.brief.budget.team / cost if cost else 1.0
    sources = tr.join([f"{p['source']} ({p['date']})" for p in team.pay_sources])
    existing = team.total_cost.get("existing_team", 0.0)
    for note in team.notes:  # the own team at the team budget it states, else at a bound
        if note == "team_line_pay" and abs(existing - plan.brief.budget.team) > 1:
            note = "team_line_capped"
        notes.append(tr.t(f"team.note.{note}", budget=tr.money(plan.brief.budget.team),
                          existing=tr.money(existing),
                          cost=tr.money(team.staffing_cost if note == "team_budget_gap"
                                        else cost),
                          gap=tr.money(team.budget_gap or 0),
                          posts=tr.number(team.posts_per_week * min(1.0, afford), 1),
                          planned=tr.number(team.posts_per_week, 1), sources=sources,
                          own=tr.number(team.existing_fte, 2), factor=tr.number(
                              team_line_factor(plan.brief, plan.paid.rate if plan.paid
                                               else 1.0) or 1.0, 2)))
    if team.hours:
        notes.insert(0, tr.t("team.hours" if team.hours["bought"] else "team.hours_within",
                             needed=tr.number(team.hours["needed"], 1),
                             existing=tr.number(team.hours["existing"], 1),
                             bought=tr.number(team.hours["bought"], 1),
                             basis=owner_basis(plan)))
        ch = plan.channels  # no team budget, and the calendar within half a post of the
        # posts the owner's hours carry: they are what limits it
        if not team.hours["bought"] and not plan.brief.budget.team \
                and ch.planned_posts >= ch.capacity_posts - 0.5:
            notes.insert(1, tr.t("team.hours_cut", capacity=tr.number(ch.planned_posts, 1)))
    elif team.existing_fte:
        notes.insert(0, _existing_note(plan))
        notes[1:1] = _shared_note(plan)
    return Section(
        *chapter_opening(plan, "team", team_decisions(plan)),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "team.intro", fte=fte(plan, team.fte),
            channels=tr.plural("plural.channels", team.channels),
            posts=posts_words(plan, team.posts_per_week)))),
        section_heading(plan, "team.roles", "team-roles"),
        Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "team.decision", option=tr.t(f"team.option.{team.cheapest}"),
            cost=tr.money(cost)))),
        plan.record.table(
            "team", "team", tr.t("team.roles"), frame,
            [Column("role_name", tr.t("table.role")),
             Column("fte", tr.t("table.fte"), lambda v: tr.number(v, 2)),
             Column("existing", tr.t("table.existing_fte"), lambda v: tr.number(v, 2)),
             Column("hire", tr.t("table.hire_fte"), lambda v: tr.number(v, 2)),
             Column("annual_pay", tr.t("table.pay"), money),
             Column("in_house", tr.t("table.in_house"), money),
             Column("freelance", tr.t("table.freelance"), money),
             Column("agency", tr.t("table.agency"), money),
             Column("best_name", tr.t("table.best"))]),
        *[Html(render("paragraph.html.j2", css="smm-note", text=n)) for n in notes],
        *team_workload(plan),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "team.sizing_sme" if plan.brief.client.size == "sme" else "team.sizing_large",
            hours=tr.number(community_hours(plan.brief),
                            0 if community_hours(plan.brief).is_integer() else 1)))),
        *team_option_blocks(plan),
    )


def _family(family: str, pins: bool) -> str:
    """A workload family's label key: photos name pins only when Pinterest is kept."""
    return "photo_pins" if family == "photo" and pins else family


def _existing_note(plan: Plan) -> str:
    """The client's own team: counted first, and when the brief gives none, how it was
    estimated from today's posting (``team.own_team``)."""
    tr, team = plan.tr, plan.team
    values = {"existing": fte(plan, team.existing_fte), "hire": fte(plan, team.hire_fte),
              "fte": fte(plan, team.fte)}
    if not own_team_estimated(plan.brief):
        return tr.t("team.existing_covered" if round(team.hire_fte, 2) == 0 else
                    "team.existing", **values)
    mix = wl.today_mix(plan.brief)
    hours = wl.totals(wl.rows(mix, sum(mix.values()), {}))
    return tr.t("team.existing_estimated", posts=tr.number(sum(mix.values()), 1),
                content=tr.number(hours["content"], 1),
                production=tr.number(hours["production"], 1), **values)


def _shared_note(plan: Plan) -> list[str]:
    """Own time moved between desk roles (``team.shared_cover``): from which roles, to
    which, and that nothing is hired for it."""
    tr, team = plan.tr, plan.team

    def name(role: str) -> str:
        text = tr.t(f"team.role.{role}")
        return text[:1].lower() + text[1:]
    given = [r for r in team.roles if r.moved < 0]
    taken = [r for r in team.roles if r.moved > 0]
    if not taken:
        return []
    return [tr.t("team.shared", own=fte(plan, team.existing_fte), given=tr.join([
        tr.t("team.staff_hire", role=name(r.role), fte=tr.number(-r.moved, 2))
        for r in given]), taken=tr.join([tr.t(
            "team.shared_ads" if r.role == "campaign_manager" else "team.staff_hire",
            role=name(r.role), fte=tr.number(r.moved, 2)) for r in taken]))]


def team_workload(plan: Plan) -> list:
    """Hours a week by format family (the calendar's posts and the sector's levers): a
    small business's hours with its community and planning time, adding up to the hours the
    plan takes; a large company's content and production hours, the content managers' and
    designers' FTE at 37.5 hours a week. Each total is the sum of the rows shown."""
    tr, team = plan.tr, plan.team
    if not team.workload:
        return []
    sme = plan.brief.client.size == "sme"
    locations = plan.brief.client.locations or 1
    pins = any(c.kept and c.platform == "pinterest" for c in plan.channels.choices)
    rows = [{"name": (tr.t("team.ads_only_row", family=tr.t(f"team.family.{w['family']}"))
                      if w.get("ads_only") else tr.t(f"team.family.{_family(w['family'], pins)}"))
             + (" " + tr.t("team.per_location", n=locations) if w["lever"] and locations > 1
                and w["family"] in ("google_post", "review_replies") else ""),
             "posts": None if w["family"] == "review_replies" else w["posts_per_week"],
             "sme": w["sme_hours"],
             "content": w["content_hours"], "production": w["production_hours"]}
            for w in team.workload  # a row of 0.0 hours everywhere says nothing: dropped
            if any(w[k] for k in ("sme_hours", "content_hours", "production_hours"))]
    if sme and team.hours:
        facts = role_facts()["hours"]
        rows.append({"name": tr.t("team.family.community", channels=tr.plural(
            "plural.channels", team.channels)), "posts": None,
            "sme": round(team.channels * facts["per_channel"], 1), "content": 0.0,
            "production": 0.0})
        rows.append({"name": tr.t("team.family.planning"), "posts": None,
                     "sme": float(facts["base"]), "content": 0.0, "production": 0.0})
    total = {"name": tr.t("table.total"), "posts": None,
             **{k: round(sum(r[k] for r in rows), 1) for k in ("sme", "content",
                                                               "production")}}
    frame = pd.DataFrame(rows + [total])
    one = lambda v: tr.number(v, 1) if v is not None and not pd.isna(v) else ""  # noqa: E731
    columns = [Column("name", tr.t("table.format_task")),
               Column("posts", tr.t("table.posts_week"), one)]
    columns += [Column("sme", tr.t("table.hours_week"), one)] if sme else [
        Column("content", tr.t("table.content_hours"), one),
        Column("production", tr.t("table.production_hours"), one)]
    intro = tr.t("team.workload_sme", hours=tr.number(total["sme"], 1)) if sme else tr.t(
        "team.workload_large", content=tr.number(total["content"], 1),
        production=tr.number(total["production"], 1))
    return [Html(render("paragraph.html.j2", text=intro)),
            plan.record.table("team_workload", "team", tr.t("team.workload"), frame, columns),
            Html(render("paragraph.html.j2", css="smm-note", text=tr.t("team.workload_basis")))]


def option_recommendation(plan: Plan) -> str:
    """The one-line recommendation among the good / better / best options."""
    tr, options = plan.tr, plan.team.options
    pick = next(o for o in options if o["recommended"])
    name = tr.t(f"team.option_key.{pick['key']}")
    if pick["within_budget"]:
        return tr.t("team.recommend", option=name, kind=option_kind(plan, pick["kind"]),
                    posts=posts_words(plan, pick["posts_per_week"]), cost=tr.money(pick["cost"]),
                    gap=tr.money(-pick["gap"]))
    over = tr.t("team.recommend_over", option=name, budget=tr.money(pick["budget"]),
                cost=tr.money(pick["cost"]), gap=tr.money(pick["gap"]),
                posts=posts_words(plan, pick["posts_per_week"]))
    own = pick["cost"] - pick["hire_cost"]  # the client's own team, all of it paid
    if not pick["hire"]:
        return over
    names = {r: tr.t(f"team.role.{r}") for r in pick["hire"]}
    hires = tr.join([tr.t("team.staff_hire", role=names[r][:1].lower() + names[r][1:],
                          fte=tr.number(f, 2)) for r, f in pick["hire"].items()])
    return over + " " + tr.t("team.over_why", own=tr.money(own), hires=hires,
                             added=tr.money(pick["hire_cost"]))


def team_option_blocks(plan: Plan) -> list:
    """Good / better / best as a table (staffing, posts a week, hours, cost a year and over
    the plan, gap to the team budget) with the one-line recommendation."""
    tr, team = plan.tr, plan.team
    if not team.options:
        return []

    def staffing(o: dict) -> str:
        parts = [tr.t("team.staff_role", role=tr.t(f"team.role.{r}"), fte=tr.number(f, 2),
                      hire=tr.number(o["hire"].get(r, 0.0), 2))
                 for r, f in o["roles"].items() if f]
        return tr.join(parts) if parts else tr.t("common.na")

    frame = pd.DataFrame([{
        "option": o["key"], "option_name": tr.t(f"team.option_key.{o['key']}"),
        "kind": o["kind"], "kind_name": option_kind(plan, o["kind"]),
        "staffing": staffing(o), "posts_per_week": o["posts_per_week"],
        "hours_per_week": o["hours_per_week"], "fte": o["fte"], "hire_fte": o["hire_fte"],
        "annual_cost": o["annual_cost"], "cost": o["cost"], "gap": o["gap"],
        "recommended": o["recommended"]} for o in team.options])
    money = lambda v: tr.money(v)  # noqa: E731
    columns = [Column("option_name", tr.t("table.option")),
               Column("kind_name", tr.t("table.what")),
               Column("staffing", tr.t("table.staffing")),
               Column("posts_per_week", tr.t("table.posts_stories_week" if feed_and_stories(plan)
                                             else "table.posts_week"), lambda v: tr.number(v, 1))]
    if plan.brief.client.size == "sme":
        columns.append(Column("hours_per_week", tr.t("table.hours_week"),
                              lambda v: tr.number(v, 1)))
    columns += [Column("annual_cost", tr.t("table.cost_year"), money),
                Column("cost", tr.t("table.cost_plan"), money),
                Column("gap", tr.t("table.gap_budget"),  # cents of pay scaling: no "-£0"
                       lambda v: tr.money(0.0 if abs(v) < 0.5 else v))]
    title = "team.options" if len(team.options) == 3 else "team.options_fewer"
    note = " ".join([tr.t("team.options_note")] + [tr.t("team.options_roles")] * (
        len(team.options) == 3))
    return [
        section_heading(plan, title, "team-options"),
        Html(render("paragraph.html.j2", css="smm-decision", text=option_recommendation(plan))),
        *[Html(render("paragraph.html.j2", css="smm-decision", text=t))
          for t in withdrawn_notes(plan)],
        plan.record.table("team_options", "team", tr.t(title), frame, columns),
        *_owner_option_note(plan),
        *own_time_notes(plan),
        Html(render("paragraph.html.j2", css="smm-note", text=note)),
        *([Html(render("paragraph.html.j2", css="smm-note", text=tr.t("team.lean_note")))]
          if plan.brief.client.size != "sme"
          and any(o["kind"] in LEAN_KINDS and not o["roles"].get("analyst")
                  for o in team.options) else []),
    ]


def withdrawn_notes(plan: Plan) -> list[str]:
    """Why no cheaper option is offered (``team_offer.offered``): the one below costs no
    less than the next for fewer posts, because the team budget pays the client's own team
    whatever it posts, or because the roles it adds sit at a floor the posting does not
    move; and, when the next adds nobody, what the table then compares."""
    tr, team = plan.tr, plan.team
    week = role_facts()["hours"]["per_fte_week"]
    names = lambda rs: tr.join([tr.t(f"team.role.{r}") for r in rs])  # noqa: E731
    out = []
    for o in team.withdrawn:
        n = next((x for x in team.options if x["key"] == o["instead"]), None)
        if n is None:
            continue
        pick = tr.t(f"team.option_key.{n['key']}")
        cost = tr.t("team.withdrawn_same", cost=tr.money(o["cost"]), pick=pick) \
            if abs(o["cost"] - n["cost"]) <= 1 else tr.t(
            "team.withdrawn_close", cost=tr.money(o["cost"]), pick=pick,
            share=tr.percent(same_cost_share() * 100, 0), pick_cost=tr.money(n["cost"]))
        same = [r for r, f in o["hire"].items() if abs(f - n["hire"].get(r, 0.0)) < 0.005]
        own = [r for r, f in o["roles"].items() if f and not o["hire"].get(r)]
        freed = o.get("spare_fte", 0.0) - n.get("spare_fte", 0.0)
        if same and own:
            why = tr.t("team.withdrawn_floor", same=names(same), own=names(own), pick=pick)
        elif not o["hire"] and freed >= 0.05:
            why = tr.t("team.withdrawn_own", own=tr.number(team.existing_fte, 2),
                       hours=tr.number(freed * week, 0), fte=tr.number(freed, 2))
        else:
            why = tr.t("team.withdrawn_plain")
        text = tr.t("team.withdrawn", kind=option_kind(plan, o["kind"]), cost=cost, why=why,
                    posts=tr.number(o["posts_per_week"], 1),
                    pick_posts=tr.number(n["posts_per_week"], 1))
        if not n["hire"] and any(x["hire"] for x in team.options):
            text += " " + tr.t("team.withdrawn_rest")
        out.append(text)
    return out


def _costed_on(plan: Plan) -> list:
    """When the plan recommends another option than the plan as sized, the total cost's team
    line is that option's hires (``Team.costed_on``): say so, with the sized team's cost."""
    tr, team = plan.tr, plan.team
    pick = team.recommended
    if team.costed_on == "plan" or pick is None:
        return []
    sized = next((o for o in team.options if o["kind"] == "plan"), None)
    return [Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
        "team.total_on", option=tr.t(f"team.option_key.{pick['key']}"),
        cost=tr.money(pick["hire_cost"]),
        sized=tr.money(sized["hire_cost"] if sized else team.staffing_cost))))]


def own_time_notes(plan: Plan) -> list:
    """What another option does with the client's own team than the recommended one (large
    companies): less posting at the same cost (the team line pays the own team either
    way) only leaves more of its time free (``spare_fte``, in hours a week); own time that
    lower posting frees covering another role (``moved_in``) is why it adds less of it."""
    tr, team = plan.tr, plan.team
    pick = team.recommended
    if pick is None:
        return []
    week = role_facts()["hours"]["per_fte_week"]
    out, label = [], tr.t(f"team.option_key.{pick['key']}")
    for o in team.options:
        name = tr.t(f"team.option_key.{o['key']}")
        if o is pick or o["posts_per_week"] >= pick["posts_per_week"]:
            continue
        freed = o.get("spare_fte", 0) - pick.get("spare_fte", 0)
        if abs(o["cost"] - pick["cost"]) <= 1 and freed >= 0.05:
            out.append(tr.t("team.spare_note", option=name, pick=label,
                            fte=tr.number(freed, 2), hours=tr.number(freed * week, 0)))
        out += _close_cost(plan, o, pick)
        mine, theirs = o.get("moved_in") or {}, pick.get("moved_in") or {}
        more = {r: round(f - theirs.get(r, 0.0), 2) for r, f in mine.items()
                if f - theirs.get(r, 0.0) >= 0.01}
        if more:
            roles = tr.join([tr.t("team.staff_hire", role=tr.t(f"team.role.{r}"),
                                  fte=tr.number(f, 2)) for r, f in more.items()])
            out.append(tr.t("team.shared_note", option=name, roles=roles, pick=label))
    return [Html(render("paragraph.html.j2", css="smm-note", text=t)) for t in out]


def _close_cost(plan: Plan, o: dict, pick: dict) -> list[str]:
    """Why an option with less posting costs almost what the recommended one does (a
    saving under 5%, or none): the roles it adds are the same in both (each at least half-time, the
    campaign manager sized on the paid budget), and the work that shrinks with posting is
    the client's own team's, paid either way."""
    tr, saving = plan.tr, pick["cost"] - o["cost"]
    if not -1 <= saving < 0.05 * pick["cost"]:
        return []
    same = [r for r, f in o["hire"].items() if abs(f - pick["hire"].get(r, 0.0)) < 0.005]
    own = [r for r, f in o["roles"].items() if f and not o["hire"].get(r)]
    if not same or not own:
        return []
    name = lambda rs: tr.join([tr.t(f"team.role.{r}") for r in rs])  # noqa: E731
    names = {"option": tr.t(f"team.option_key.{o['key']}"),
             "pick": tr.t(f"team.option_key.{pick['key']}")}
    head = tr.t("team.close_cost_less", saving=tr.money(saving), **names) if saving > 1 \
        else tr.t("team.close_cost_same", **names)
    return [tr.t("team.close_cost", head=head,
                 posts=tr.number(o["posts_per_week"], 1),
                 pick_posts=tr.number(pick["posts_per_week"], 1), same=name(same),
                 own=name(own))]


def _owner_option_note(plan: Plan) -> list:
    """Where the owner-run option's hours go: with the plan's weekly work, that work first
    and the rest to posts; without it (the hours cannot carry both), the posting alone and
    the hours the plan's weekly work would add (``team._owner_option``)."""
    tr, team = plan.tr, plan.team
    own = next((o for o in team.options if o["kind"] == "owner_run"), None)
    if own is None or "plan_work" not in own:
        return []
    values = {"option": tr.t(f"team.option_key.{own['key']}"),
              "hours": tr.number(own["hours_per_week"], 1),
              "channels": tr.plural("plural.channels", team.channels),
              "posts": tr.number(own["posts_per_week"], 1)}
    h = role_facts()["hours"]
    text = tr.t("team.owner_option", fixed=tr.number(
        own["added_hours"] + team.channels * h["per_channel"] + h["base"], 1), **values) \
        if own["plan_work"] else tr.t(
        "team.owner_option_basic", have=tr.number((team.hours or {}).get("existing") or 0, 1),
        added=tr.number(own["added_hours"], 1), **values)
    return [Html(render("paragraph.html.j2", css="smm-note", text=text))]


def team_costs(plan: Plan) -> Section:
    """The plan's total cost, ROI including the team, and the monthly P&L."""
    tr, team = plan.tr, plan.team
    c = team.total_cost
    paid = plan.paid
    margin_value = (team.revenue or 0) * ((paid.margin or 100) / 100)
    roi = " ".join([tr.t(roi_key(plan, "team.roi", "team"),
                         margin=tr.money(margin_value), total=tr.money(c["total"]),
                         roi=tr.percent(team.roi, 0)) + booked_leaves_out(plan),
                    *lifetime_return(plan)]) \
        if team.roi is not None else tr.t("team.roi_unknown")
    returns = []
    if paid.aov and paid.total:  # three returns, each named: paid, the goal, the whole effort
        forecast = paid.totals["revenue"]  # the budget chapter's revenue and ROAS, one value
        returns.append(tr.t("team.return_paid", revenue=tr.money(forecast),
                            spend=tr.money(paid.totals["conversion_spend"]),
                            roas=tr.number(paid.totals["roas"], 2)))
        if paid.deal and team.revenue is not None:
            returns.append(tr.t("team.return_paid_booked", booked=tr.money(team.revenue),
                                months=paid.deal["months"],
                                after=tr.money(paid.deal["after_plan"])))
    goal = next((o for o in plan.objectives.objectives if o.kpi == "social_revenue"
                 and o.target), None)
    if goal is not None and team.revenue is not None:
        returns.append(tr.t("team.return_goal", goal=tr.money(goal.target),
                            paid=tr.money(team.revenue),
                            share=tr.percent(team.revenue / goal.target * 100, 0)))
    items = pd.DataFrame([{"item": k, "item_name": tr.t(f"team.cost.{k}"), "amount": c[k]}
                          for k in ("existing_team", "owner_time", "team", "ads", "production",
                                    "tools") if k not in ("existing_team", "owner_time")
                          or c.get(k)])
    pnl = pd.DataFrame(team.monthly)
    pnl["month_name"] = [tr.month(pd.Timestamp(m).date()) for m in pnl["month"]]
    money = lambda v: tr.money(v)  # noqa: E731
    tv = plan.trial_value if "roi_with" in (plan.trial_value or {}) else None
    if tv and len(tv["monthly_margin"]) == len(pnl):  # its own column, beside the result
        pnl["trial_margin"] = tv["monthly_margin"]
    return Section(
        section_heading(plan, "team.costs", "team-costs"),
        Html(render("paragraph.html.j2", text=tr.t(
            "team.total" + "_existing" * bool(c.get("existing_team"))
            + "_owner" * bool(c.get("owner_time")),
            existing=tr.money(c.get("existing_team", 0)), owner=tr.money(c.get("owner_time", 0)),
            hours=tr.number(owner_hours_used(plan.brief, plan.team.hours), 1),
            total=tr.money(c["total"]), team=tr.money(c["team"]),
            ads=paid_media_text(plan, c["ads"]), production=tr.money(c["production"]),
            tools=tr.money(c["tools"])))),
        *_costed_on(plan),
        *[Html(render("paragraph.html.j2", text=t)) for t in returns],
        Html(render("paragraph.html.j2", css="smm-decision", text=roi)),
        *[Html(render("paragraph.html.j2", css="smm-decision", text=t))
          for t in filter(None, [trial_return(plan)])],  # a separate line, not in the ROI
        *creator_lines(plan),  # the creator lever's cost, from the production budget
        plan.record.figure("plan_cost", "team", charts.cost_chart(c, tr, plan.theme)),
        plan.record.table("plan_cost", "team", tr.t("team.costs"), items,
                          [Column("item_name", tr.t("table.item")),
                           Column("amount", tr.t("table.amount"), money)]),
        section_heading(plan, "team.pnl", "team-pnl"),
        plan.record.figure("pnl", "team", charts.pnl_chart(team.monthly, tr, plan.theme)),
        plan.record.table(
            "pnl", "team", tr.t("team.pnl"), pnl,
            [Column("month_name", tr.t("table.month")),
             Column("revenue", tr.t("table.revenue"), money),
             Column("gross_margin", tr.t("chart.gross_margin"), money),
             Column("result", tr.t("table.result"), money),
             Column("cumulative", tr.t("table.cumulative"), money)]
            + ([Column("trial_margin", tr.t("trial_value.column", line=tv["line"]), money)]
               if "trial_margin" in pnl else [])),
    )


def paid_media_text(plan: Plan, ads: float) -> str:
    """The paid media line of the plan's cost: the campaigns and, when the budget funds a
    past-buyer programme beside them, the two parts that make the total (one figure)."""
    tr = plan.tr
    programme = (plan.paid.retention or {}).get("budget") or 0.0  # team.plan_cost's
    if programme < 0.5:
        return tr.money(ads)
    return tr.t("team.paid_media_parts", total=tr.money(ads), campaigns=tr.money(
        ads - programme), programme=tr.money(programme))
