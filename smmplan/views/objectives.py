"""Views of chapter 3, objectives and KPIs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import charts
from ..fill_range import rate_words
from ..goal_gap import GoalGap, forecast_based, forecast_total, goal_gaps, held_by_cap
from ..goals import GENERIC, evidence_for
from ..history_target import rule as target_rule
from ..lever_goals import programme_based
from ..objectives import Objective, kpi_catalogue
from ..plan import Plan
from ..report import Column, Html, render
from .base import (
    Section,
    after_colon,
    chapter_opening,
    day,
    kpi_value,
    platform_label,
    role_name,
    section_heading,
)
from .baseline_figures import ads_rows_note, brief_figure_note, computed_note
from .committed_range import committed, committed_shown, organic_words, range_values
from .fill_budget import fill_miss
from .follower_note import follower_notes
from .held_back import cap_values
from .history_note import history_sentence
from .kpi_source import kpi_source
from .owned_steps import gap_text
from .posts_words import feed_and_stories, posts_words
from .rate_lever import held_rate_note
from .retention import lever, lever_count


def _on_post_history(plan: Plan) -> bool:
    """Whether an objective's baseline is read on the client's post history, where the
    history rule of targets applies (``history_target``); else only the pace rule."""
    cat = kpi_catalogue()
    return any(o.baseline.basis == "data" and cat[o.kpi]["source"] == "posts"
               for o in plan.objectives.objectives)


def kpi_label(plan: Plan, o: Objective) -> str:
    """What an objective is measured by, as the client reads it: the KPI's name (with the
    platform a goal names), or the client's own words for a measure of its own."""
    tr = plan.tr
    if o.kpi == GENERIC:
        return o.metric or o.goal
    name = tr.t(f"kpi.{o.kpi}")
    return f"{name} ({platform_label(o.platform)})" if o.platform else name


def objectives_decisions(plan: Plan) -> list[str]:
    """The objectives chapter's decisions in words (executive summary): every objective
    counted and listed once, and each unrealistic target with what is realistic instead."""
    tr, ob = plan.tr, plan.objectives
    # the client's goals first, then what its data measures, what cannot be measured yet last
    shown = sorted(ob.objectives, key=lambda o: (not o.from_brief, o.baseline.value is None))
    items = [tr.t("summary_objectives.no_target", kpi=kpi_label(plan, o)) if o.target is None
             else tr.t("summary_objectives.no_baseline", kpi=kpi_label(plan, o),
                       target=kpi_value(plan, o.kpi, o.target)) if o.baseline.value is None
             else f"{kpi_label(plan, o)} {kpi_value(plan, o.kpi, o.baseline.value)} → "
                  f"{committed_shown(plan, o)}" + (tr.t(
                      "summary_objectives.stretch", target=kpi_value(plan, o.kpi, o.target))
                      if committed(o) != o.target else "") for o in shown]
    out = [tr.t("summary_objectives.headline", n=len(items),
                measured=sum(o.baseline.basis == "data" for o in ob.objectives),
                list=tr.join([after_colon(tr, i) for i in items]))]
    flagged = [tr.t("summary_objectives.flagged_item",
                    goal=o.goal or tr.t(f"objective.{o.objective}"),
                    target=kpi_value(plan, o.kpi, o.target),
                    realistic=committed_shown(plan, o))
               for o in ob.objectives if not o.realistic]
    if flagged:
        out.append(tr.t("summary_objectives.flagged", goals=tr.join(flagged)))
    if ob.setup:
        out.append(tr.t("summary_objectives.setup",
                        list=tr.join([after_colon(tr, kpi_label(plan, o)) for o in ob.setup])))
    return out


def setup_notes(plan: Plan) -> list[str]:
    """Each set-up task (``Objectives.setup``): what to put in place in the first month,
    with a local business's Google Business Profiles for its web sessions."""
    tr, out = plan.tr, []
    for o in plan.objectives.setup:
        how = tr.t(f"objectives.setup_how.{o.kpi}") if tr.has(f"objectives.setup_how.{o.kpi}") \
            else tr.t(f"objectives.how.{o.kpi}") if tr.has(f"objectives.how.{o.kpi}") \
            else tr.t("objectives.how.business_kpi")
        if o.source == "web" and (plan.brief.client.locations or
                                  plan.brief.client.market_population):
            how = tr.t("objectives.setup_local", how=how)
        out.append(tr.t("objectives.setup", kpi=after_colon(tr, kpi_label(plan, o)), how=how))
    return out


def fill_sentence(plan: Plan, g: GoalGap) -> str:
    """A fill-rate goal in seats: capacity, booked today, what the paid bookings bring and
    the gap to the target (or the excess)."""
    tr, s = plan.tr, g.seats
    assert s is not None
    values = {"line": s.line, "capacity": tr.number(s.capacity), "months": s.months,
              "per_month": seats_detail(plan, s), "paid": tr.number(g.paid),
              "target": kpi_value(plan, "fill_rate", g.target),
              "needed": tr.number(s.needed),
              "organic": organic_words(plan, g.organic_plan, "objectives.organic_fill"),
              "beyond": organic_words(plan, g.organic_plan, "objectives.organic_beyond")
              or tr.t("objectives.unforecast"),
              "beyond_short": organic_words(plan, g.organic_plan,
                                            "objectives.organic_beyond_short")}
    if s.booked is None:
        return tr.t("goal_gap.fill_no_today", **values)
    values |= {"base": kpi_value(plan, "fill_rate", g.baseline), "booked": tr.number(s.booked),
               "after": tr.percent(s.fill_after or 0, 0)}
    if g.overshoots:
        return tr.t("goal_gap.fill_over", excess=tr.number(-g.gap), **values)
    return fill_miss(plan, g, values)  # with the budget that reaches it, when it pays


def seats_detail(plan: Plan, s) -> str:
    """How the places over the months are counted: the dated sessions times a session's
    places, said against the brief's places a month (a year of 52 Saturdays less its public
    holidays is not 12 times a month of 4), else the brief's figure a month."""
    tr, dated = plan.tr, plan.paid.seats or {}
    if dated.get("line") != s.line or not dated.get("sessions"):
        return tr.t("goal_gap.seats_month", per_month=tr.number(s.per_month))
    values = {"sessions": dated["sessions"], "per": tr.number(dated["per_session"]),
              "capacity": tr.number(dated["capacity"]),
              "usual": round(dated["capacity"] / dated["per_session"]),
              "per_month": tr.number(s.per_month)}
    # sessions lost to holidays over the period: a month's fifth session day stands in for
    # a holiday where the month has one (``sessions.sessions``)
    lost = values["usual"] * plan.brief.client.period.months - dated["sessions"]
    if not dated.get("skipped") or lost <= 0:
        return tr.t("goal_gap.seats_sessions", **values)
    return tr.plural("goal_gap.seats_sessions_off", lost, **values)


def revenue_split(plan: Plan, g: GoalGap) -> str:
    """The part of a revenue goal paid does not bring, split into what the client's data
    supports and what nothing explains, with the realism verdict it leads to."""
    tr = plan.tr
    months = plan.brief.client.period.months
    verdict = tr.t("goal_gap.split_unrealistic_organic" if g.organic >= 0.5
                   else "goal_gap.split_unrealistic" if (g.repeat or 0) >= 0.5
                   else "goal_gap.split_unrealistic_paid", realistic=tr.money(g.realistic_target)) \
        if not g.realistic and g.realistic_target is not None \
        else tr.t("goal_gap.split_realistic")
    held = g.repeat_in_paid or 0.0
    key = "goal_gap.revenue_split" if held < 0.5 else "goal_gap.revenue_split_net" \
        if (g.repeat or 0) >= 0.5 else "goal_gap.revenue_split_all_in_paid"  # nothing added
    return tr.t(key,
                paid=tr.money(g.paid), target=tr.money(g.target),
                share=tr.percent(g.share, 0), gap=tr.money(g.gap),
                repeat=tr.money(g.repeat or 0), months=months, in_paid=tr.money(held),
                repeat_all=tr.money((g.repeat or 0) + held),
                unexplained=tr.money(g.unexplained or 0), verdict=verdict) + revenue_today(plan, g)


def revenue_today(plan: Plan, g: GoalGap) -> str:
    """What today's revenue baseline does beside the paid forecast: its organic part
    continues and counts (``goal_gap.organic_today``), its ads part is replaced."""
    tr = plan.tr
    if g.baseline is None or g.baseline < 0.5:
        return ""
    if g.organic >= 0.5:
        return tr.t("goal_gap.revenue_organic", organic=tr.money(g.organic),
                    base=tr.money(g.baseline), ads=tr.money(g.from_ads))
    return tr.t("goal_gap.revenue_ads_only", base=tr.money(g.baseline))


def leads_today(plan: Plan, g: GoalGap) -> str:
    """Today's leads beside the paid forecast: the organic part continues at the posting
    the plan keeps (``organic_posting``), the ads part is replaced."""
    tr = plan.tr
    if g.baseline is None:
        return tr.t("goal_gap.organic_unknown")
    posting = next((o.baseline.covers.get("posting") for o in plan.objectives.objectives
                    if o.goal == g.goal and o.baseline.covers.get("posting")), None)
    if g.from_ads < 0.005 and posting:  # today's organic part, at the posting kept
        cuts = [tr.t("goal_gap.organic_posting_cut", platform=platform_label(p),
                     share=tr.percent(r["share"], 1), before=tr.number(r["today"], 1),
                     after=tr.number(r["plan"], 1))
                for p, r in sorted(posting["platforms"].items(), key=lambda i: -i[1]["share"])
                if r["kept"] < 1 - 1e-9]
        return tr.t("goal_gap.organic_posting", today=tr.number(g.baseline),
                    organic=tr.number(g.organic), cuts=tr.join(cuts))
    if g.from_ads < 0.005:
        return tr.t("goal_gap.organic_all", organic=tr.number(g.organic))
    if g.organic < 0.005:
        return tr.t("goal_gap.organic_none")
    return tr.t("goal_gap.organic_net", organic=tr.number(g.organic),
                ads=tr.number(g.from_ads))


def goal_gap_sentences(plan: Plan) -> list[str]:
    """One sentence per business goal the paid forecast can be measured against: the paid
    share, the gap and what closes it, or the overshoot (the budget chapter's figures)."""
    tr, ob = plan.tr, plan.objectives
    out: list[str] = []
    if (plan.brief.budget.paid_media or 0) <= 0:  # no paid forecast to measure
        return out
    for g in goal_gaps(ob.objectives, plan.paid, plan.brief.client.period.months,
                       plan.brief.offer):
        if g.seats is not None:
            out.append(fill_sentence(plan, g))
            continue
        money = g.kpi == "social_revenue"
        fmt = (lambda v: tr.money(v)) if money else (lambda v: tr.number(v))  # noqa: E731
        today = tr.t("goal_gap.today", value=fmt(g.baseline)) if g.baseline is not None \
            else tr.t("goal_gap.no_today")
        kind = "revenue" if money else "leads"
        if g.overshoots:
            out.append(tr.t(f"goal_gap.{kind}_over", paid=fmt(g.paid), target=fmt(g.target),
                            share=tr.percent(g.share, 0), today=today))
            continue
        if g.gap <= 0:  # today's organic part and the paid forecast reach it together
            out.append(tr.t("goal_gap.met", paid=fmt(g.paid), target=fmt(g.target),
                            organic=fmt(g.organic), total=fmt(forecast_total(g) or 0)))
            continue
        if money and g.unexplained is not None:
            out.append(revenue_split(plan, g))
            continue
        closers = []
        retention = next((o for o in ob.objectives if o.kpi == "repeat_purchase_rate"
                          and o.target is not None), None)
        if money and retention is not None:
            closers.append(tr.t("goal_gap.retention", base=kpi_value(
                plan, retention.kpi, retention.baseline.value), target=kpi_value(
                plan, retention.kpi, retention.target)))
        if g.held_back:
            cap = held_by_cap(plan.paid)
            closers.append(tr.t(f"goal_gap.held_back{'_' + cap if cap else ''}",
                                budget=tr.money(g.held_back),
                                n=tr.number(g.held_back_conversions or 0),
                                **cap_values(plan)))
        extra = {"organic": leads_today(plan, g), "total": fmt(forecast_total(g) or 0)} \
            if not money else {}
        stretch = "_stretch" if not money and not g.realistic \
            and g.realistic_target is not None else ""
        low = next((o.committed_low for o in ob.objectives if o.goal == g.goal
                    and o.committed_low is not None), None) if stretch else None
        if low is not None:  # a committed range (fill_range): its bottom said here too
            stretch, extra = "_stretch_range", {**extra, "low": fmt(low)}
        out.append(tr.t(f"goal_gap.{kind}_miss{stretch}", paid=fmt(g.paid),
                        target=fmt(g.target),
                        share=tr.percent(g.share, 0), gap=fmt(g.gap), today=today,
                        closers="".join(closers), **extra)
                   + (revenue_today(plan, g) if money else ""))
    return out


def baseline_notes(plan: Plan, o: Objective) -> list[str]:
    """Where a business goal's baseline comes from, when the table's basis is not enough:
    the period a rate was measured over, a figure declared in the brief, or what is missing."""
    tr, b = plan.tr, o.baseline
    kpi = kpi_label(plan, o)
    if b.basis == "data" and b.covers.get("total") is not None:
        return [tr.t("objectives.measured_period", kpi=kpi, file=b.detail,
                     baseline=kpi_value(plan, o.kpi, b.value),
                     total=tr.number(b.covers["total"]),
                     start=day(tr, pd.Timestamp(b.covers["start"]).date()),
                     end=day(tr, pd.Timestamp(b.covers["end"]).date()),
                     months=tr.number(b.covers["months"], 1)),
                *counted_note(plan, b.covers.get("counted"))]
    if b.basis == "brief" and o.from_brief:
        return [tr.t("objectives.declared", kpi=kpi, goal=o.goal,
                     baseline=kpi_value(plan, o.kpi, b.value),
                     how=tr.t(f"objectives.how.{o.kpi}") if tr.has(f"objectives.how.{o.kpi}")
                     else tr.t("objectives.how.business_kpi"))]
    if b.basis == "data" and b.covers.get("counted"):  # a rate of the goal's own event
        event = tr.t(f"objectives.lead_event.{b.covers['counted']['event']}")
        return [tr.t("objectives.measured_rate", kpi=kpi, event=event,
                     baseline=kpi_value(plan, o.kpi, b.value),
                     events=tr.number(b.covers["events"]),
                     sessions=tr.number(b.covers["sessions"])),
                *counted_note(plan, b.covers["counted"]), *floor_note(plan, o)]
    if b.detail == "web_no_period":
        return [tr.t("objectives.no_period", kpi=kpi, file=b.covers.get("file", ""))]
    return []


def floor_note(plan: Plan, o: Objective) -> list[str]:
    """A rate of the goal's event counted by landing page is a floor (a web analytics
    landing-page report credits a key event to the page the visit landed on), every social
    key event's rate a ceiling: both said, and the target judged between them."""
    tr, b = plan.tr, o.baseline
    ceiling = b.covers.get("ceiling")
    if not ceiling or not b.covers.get("all_events"):
        return []
    pages, event = tr.join(b.covers["counted"]["pages"]), lead_event_name(plan, b.covers)
    return [tr.t("objectives.counted_floor", pages=pages, floor=tr.percent(b.value, 2),
                 event=event,
                 events=tr.number(b.covers["all_events"]), ceiling=tr.percent(ceiling["rate"], 2),
                 sessions=tr.number(b.covers["sessions"]))]


def lead_event_name(plan: Plan, covers: dict) -> str:
    """The goal's counted event as the client reads it ("demo request")."""
    return plan.tr.t(f"objectives.lead_event.{covers['counted']['event']}")


def counted_note(plan: Plan, counted: dict | None) -> list[str]:
    """Which web-export rows a leads baseline counts: the goal's own event's landing pages,
    or every social key event, said (``goals.counted_rows``)."""
    if not counted:
        return []
    tr = plan.tr
    if counted.get("event") is None:
        return [tr.t("objectives.counted_all")]
    event = tr.t(f"objectives.lead_event.{counted['event']}")
    if counted.get("fallback"):
        return [tr.t("objectives.counted_fallback", event=event)]
    return [tr.t("objectives.counted_pages", event=event, pages=tr.join(counted["pages"]))]


def survey_sentence(plan: Plan, o: Objective) -> str:
    """A survey KPI's realism on its quarterly readings (``objectives.survey_check``)."""
    tr, sv = plan.tr, o.baseline.covers["survey"]
    key = "objectives.survey_realistic" if sv["within_pace"] else \
        "objectives.survey_margin" if sv["realistic"] else "objectives.survey_unrealistic"
    return tr.t(key, goal=o.goal or tr.t(f"objective.{o.objective}"),
                target=kpi_value(plan, o.kpi, o.target), required=tr.percent(sv["required"], 1),
                max=tr.percent(sv["pace"], 1), readings=sv["readings"],
                alternative=kpi_value(plan, o.kpi, sv["reachable"]),
                gap=tr.plural("objectives.points", round(sv["gap"], 1)),
                margin=tr.plural("objectives.points", round(sv["margin"], 1)),
                n=tr.number(sv["respondents"]))


def _linked_args(plan: Plan, linked: dict | None) -> dict:
    """The figures of a rate flagged by the count goal it produces (``linked_rates``)."""
    if not linked:
        return {}
    tr, key = plan.tr, f"objectives.lead_event_count.{linked['event']}"
    dated = linked.get("months") or {}
    when = [dt.date.fromisoformat(m + "-01") for m in dated]
    paid = tr.number(linked.get("paid", 0))
    clicks = tr.t("objectives.linked_paid_clicks_dated", clicks=tr.number(sum(dated.values())),
                  by_month=tr.join([tr.t("objectives.linked_paid_clicks_month", month=tr.month(
                      m), clicks=tr.number(v)) for m, v in zip(when, dated.values(),
                                                               strict=True)]),
                  paid=paid) if 0 < len(dated) < len(plan.paid.paid_months or []) \
        else tr.t("objectives.linked_paid_clicks", paid=paid)
    today = linked.get("today", linked["sessions"])  # kept: at the posting the plan keeps
    kept = "_kept" * (today != linked["sessions"])
    return {"sessions": tr.number(linked["sessions"]), "paid": paid, "paid_clicks": clicks,
            **{f"sessions_{k}": tr.t(f"objectives.linked_sessions_{k}{kept}",
                                     kept=tr.number(linked["sessions"]),
                                     sessions=tr.number(today)) for k in ("month", "part")},
            "total": tr.number(linked.get("total", linked["sessions"])),
            "implied": tr.plural(key, linked["implied"]) if tr.has(f"{key}.other")
            else tr.number(linked["implied"]),
            "count": tr.number(linked["count"]), "count_goal": linked["goal"]}


def passed_over_note(plan: Plan, o) -> list[str]:
    """Why a problem's KPI, measured today, was chosen over better-fitting ones no data
    measures (``Objective.passed_over``, empty when the chosen KPI is not measured either);
    [] when none was passed over."""
    if not o.passed_over:
        return []
    tr = plan.tr
    return [tr.t("objectives.passed_over", objective=tr.t(f"objective.{o.objective}"),
                 kpi=kpi_label(plan, o), passed=tr.join([tr.t(f"kpi.{k}") for k in o.passed_over]),
                 needs=tr.join(sorted({tr.t("objectives.needs." + kpi_catalogue()[k]["source"])
                                       for k in o.passed_over})))]


def kpi_choice_notes(plan: Plan, o) -> list[str]:
    """Where an ads KPI's or posts a week's baseline and target come from: an ads KPI's the
    history's and the paid forecast's conversion campaigns (``goal_gap.with_ads_forecast``),
    posts a week the post export's and the calendar's."""
    tr, b, out = plan.tr, o.baseline, []
    label = kpi_label(plan, o)
    f = b.covers.get("forecast")
    if f is not None:
        ads = b.covers.get("ads") or {}  # the figures the baseline is computed on
        out.append(tr.t(f"objectives.ads_forecast.{o.kpi}", kpi=label,
                        today=kpi_value(plan, o.kpi, b.value),
                        spend_today=tr.money(ads.get("spend") or 0, 0),
                        revenue_today=tr.money(ads.get("revenue") or 0, 0),
                        conversions_today=tr.number(ads.get("conversions") or 0),
                        forecast=kpi_value(plan, o.kpi, f["value"]),
                        spend=tr.money(f["spend"], 0), revenue=tr.money(f["revenue"], 0),
                        conversions=tr.number(f["conversions"])))
        worse = b.covers.get("worse")
        if worse:  # the forecast's own figure is the target; why it is worse than today
            amount = tr.money if o.kpi == "roas" else tr.number
            out[-1] += " " + tr.t(
                f"objectives.ads_{'lower' if worse['more'] else 'lower_flat'}.{o.kpi}",
                today=kpi_value(plan, o.kpi, b.value),
                forecast=kpi_value(plan, o.kpi, f["value"]),
                monthly_today=amount(worse["monthly_today"]), monthly=amount(worse["monthly"]))
    elif o.kpi == "posts_per_week" and b.value is not None:
        history = plan.objectives.history or {}
        posts = history.get("posts") or 0
        counted = tr.t("objectives.posts_week_counted." + (
            "stories" if (history.get("calendar_posts") or {}).get("stories") else "no_stories"
            + ("_split" if feed_and_stories(plan) else "")),  # the chapters' one wording
            planned=tr.number(plan.channels.planned_posts, 1),
            posts=posts_words(plan, plan.channels.planned_posts))
        out.append(tr.t("objectives.posts_week_basis", kpi=label,
                        today=kpi_value(plan, o.kpi, b.value), posts=tr.number(posts),
                        weeks=tr.number(posts / b.value if b.value else 0),
                        target=kpi_value(plan, o.kpi, o.target), counted=counted))
        said = sum(c.posts_per_week or 0 for c in plan.brief.situation.channels)
        if said and kpi_value(plan, o.kpi, said) != kpi_value(plan, o.kpi, b.value):
            out[-1] += " " + tr.t("objectives.posts_week_brief", said=kpi_value(
                plan, o.kpi, said), today=kpi_value(plan, o.kpi, b.value))
    return out


def objectives_smart(plan: Plan) -> Section:
    """Heading, the problem -> objective -> KPI tree, SMART objectives, realism flags."""
    tr, ob = plan.tr, plan.objectives
    tree_items = []
    for o in ob.objectives:
        problems = [tr.t(f"problem.{p}.name") for p in o.problems]
        if o.from_brief:
            head = tr.t("objectives.goal_serves", goal=o.goal, problems=tr.join(problems)) \
                if problems else o.goal
            name = tr.t("objective.business_goal")
        else:
            head, name = tr.join(problems), tr.t(f"objective.{o.objective}")
        kpis = ", ".join([kpi_label(plan, o)] + [tr.t(f"kpi.{k}") for k in o.kpis
                                                  if k != o.kpi])
        tree_items.append(f"{head} → {name} ({tr.t(f'stage.{o.stage}')}) → {kpis}")
    frame = pd.DataFrame([{
        "objective": tr.t(f"objective.{o.objective}") if not o.from_brief else o.goal,
        "kpi": kpi_label(plan, o),
        "baseline": kpi_value(plan, o.kpi, o.baseline.value),
        "basis": tr.t(f"objectives.basis.{o.baseline.basis}"),
        "target": committed_shown(plan, o),  # a range's bottom too (fill_range)
        "stretch": kpi_value(plan, o.kpi, o.target) if committed(o) != o.target else "",
        "deadline": day(tr, pd.Timestamp(o.deadline).date()),
        "owner": role_name(plan, o.owner),
        "source": kpi_source(plan, o.kpi, o.source),
        "review": tr.t(f"objectives.frequency.{o.review}"),
        "kpi_id": o.kpi, "baseline_value": o.baseline.value, "target_value": committed(o),
        "stretch_value": o.target if committed(o) != o.target else None,
    } for o in ob.objectives])
    stretch = frame["stretch"].astype(bool).any() if len(frame) else False
    notes = []
    for o in ob.objectives:
        if o.baseline.basis == "not_measurable":
            notes.append(tr.t("objectives.not_measurable", kpi=kpi_label(plan, o),
                              needs=tr.t(f"objectives.needs.{o.source}")))
        notes += [n for n in baseline_notes(plan, o) if n not in notes]  # said once
        if o.baseline.basis == "to_measure" and o.baseline.detail != "web_no_period":
            quoted = evidence_for(plan.brief, o.kpi) if o.from_brief else None
            notes.append(tr.t("objectives.to_measure_quoted", kpi=kpi_label(plan, o),
                              evidence=quoted, how=tr.t(f"objectives.how.{o.kpi}"))
                         if quoted else tr.t("objectives.to_measure", kpi=kpi_label(plan, o),
                                             how=tr.t(f"objectives.how.{o.kpi}")))
        if o.baseline.detail == "paid_social":
            notes.append(tr.t("objectives.paid_only",
                              months=plan.brief.goals.horizon_months))
        notes += brief_figure_note(plan, o) + computed_note(plan, o) + ads_rows_note(plan, o)
        notes += passed_over_note(plan, o)
        said = history_sentence(plan, o, o.goal or kpi_label(plan, o)) \
            if not (o.from_brief and o.realistic) else None
        if said:  # a post KPI's target set on its own flat or falling history
            notes.append(said)
        elif o.baseline.covers.get("survey"):
            notes.append(survey_sentence(plan, o))
        elif o.baseline.covers.get("forecast") or o.kpi == "posts_per_week":
            notes += kpi_choice_notes(plan, o)
        elif o.required_monthly is not None:
            key = "objectives.realistic" if o.realistic else "objectives.unrealistic"
            linked = o.baseline.covers.get("linked") if not o.realistic else None
            if linked:  # the rate a flagged count goal gives (``goal_gap.linked_rates``)
                key = "objectives.unrealistic_linked" + ("_paid" if linked.get("paid") else "")
            elif (o.baseline.covers.get("ceiling") or {}).get("realistic"):
                key = "objectives.realistic_ceiling"  # reachable from the ceiling, not floor
            elif programme_based(o, plan.paid):
                key = "objectives.unrealistic_lever" + (  # the programme's (and steps') rate
                    "s" if (plan.paid.retention.get("owned") or {}).get("back") is not None
                    else "")
            elif forecast_based(o, plan.paid, plan.brief.client.period.months, plan.brief.offer):
                key = "objectives.unrealistic_forecast"  # the plan's forecasts, one value
                if o.committed_low is not None:  # their paid part an upper bound: a range
                    key = "objectives.unrealistic_forecast_range" + (
                        "_leads" if o.kpi == "leads_per_month" else "")
            elif o.realistic and o.max_monthly is not None \
                    and round(abs(o.required_monthly), 1) > o.max_monthly + 1e-9:
                key = "objectives.realistic_forecast"  # above the pace, the forecasts reach it
            name = o.goal or tr.t(f"objective.{o.objective}")
            below = o.baseline.covers.get("below_today")  # goal_gap.held_at_today
            if below is not None and linked:  # the rate its count gives is below today's
                key += "_held"
            elif below is not None:  # one realistic goal, today's: the forecast is named so
                key = "objectives.unrealistic_held"
            notes.append(tr.t(key, goal=name, target=kpi_value(plan, o.kpi, o.target),
                              today=kpi_value(plan, o.kpi, o.baseline.value),
                              required=tr.percent(o.required_monthly, 1),
                              months=plan.brief.goals.horizon_months,
                              max=tr.percent(o.max_monthly, 1),
                              alternative=kpi_value(plan, o.kpi, o.realistic_target
                                                    if below is None else below),
                              event=lead_event_name(plan, o.baseline.covers)
                              if o.baseline.covers.get("ceiling") or linked else "",
                              closer=lever_count(plan), **_linked_args(plan, linked),
                              **(range_values(plan, o) | rate_words(tr, plan.paid)
                                 if o.committed_low is not None else {})))
            if below is not None and linked:  # the forecasts give less than today's
                notes[-1] += " " + tr.t(
                    "objectives.linked_below_today" if linked and linked.get("paid")
                    else "objectives.below_today", today=kpi_value(
                        plan, o.kpi, o.baseline.value), alternative=kpi_value(
                        plan, o.kpi, below), **_linked_args(plan, linked))
            notes += held_rate_note(plan, o, lead_event_name(plan, o.baseline.covers)
                                    if linked else "")  # why it is held, not grown
            if key == "objectives.unrealistic_forecast" and o.organic_bookings:
                notes.append(organic_words(plan, o.organic_bookings, "objectives.organic_note"))
            notes += follower_notes(plan, o)  # what the plan buys, not only a pace
        notes += lever(plan, o.kpi)  # the repeat rate's paid lever (views/retention.py)
        if o.kpi == "repeat_purchase_rate":  # what it leaves to the owned channels
            notes += gap_text(plan)
    notes += goal_gap_sentences(plan) + setup_notes(plan)
    for kind in ob.unusable:
        notes.append(tr.t("objectives.unusable", kind=tr.t(f"objectives.export.{kind}")))
    series, paths = trajectory_series(plan)
    blocks = [
        *chapter_opening(plan, "objectives", objectives_decisions(plan)),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "objectives.intro", client=plan.brief.client.name))),
        section_heading(plan, "objectives.tree", "objectives-tree"),
        Html(render("list.html.j2", items=tree_items, css="smm-decision")),
        section_heading(plan, "objectives.smart", "objectives-smart"),
        plan.record.table("objectives", "objectives", tr.t("objectives.smart"), frame,
                          [Column("objective", tr.t("table.objective")),
                           Column("kpi", tr.t("table.kpi")),
                           Column("baseline", tr.t("table.baseline")),
                           Column("basis", tr.t("table.basis")),
                           Column("target", tr.t("table.target")),
                           *([Column("stretch", tr.t("table.stretch"))] if stretch else []),
                           Column("deadline", tr.t("table.deadline")),
                           Column("owner", tr.t("table.owner")),
                           Column("review", tr.t("table.review"))]),
        *[Html(render("paragraph.html.j2", css="smm-decision", text=n)) for n in notes],
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "objectives.target_rule" if _on_post_history(plan) else
            "objectives.target_rule_pace", percentile=target_rule()["percentile"]))),
    ]
    if series:
        blocks += [section_heading(plan, "objectives.trajectory", "objectives-trajectory"),
                   plan.record.figure("trajectory", "objectives", charts.trajectory_chart(
                       [tr.month(pd.Timestamp(m).date()) for m in ob.months], series, tr,
                       plan.theme)),
                   *[Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                       f"objectives.trajectory_{basis}", kpis=tr.join(names))))
                     for basis, names in paths.items() if names]]
    return Section(*blocks)


def trajectory_series(plan: Plan) -> tuple[list[tuple[str, list[float], float]],
                                           dict[str, list[str]]]:
    """The trajectory chart's lines: every objective with a path and a figure today, each
    as its path (``objective_paths``) against today's value (a total's months against
    today's monthly average), and the lines' names by what the path is (the plan's monthly
    forecast, or a smooth curve where it has none)."""
    series, paths = [], {"forecast": [], "forecast_month": [], "forecast_ads": [], "curve": []}
    for o in plan.objectives.objectives:
        if not o.trajectory or not o.baseline.value:
            continue
        name = kpi_label(plan, o)
        base = o.baseline.value
        if o.path_basis == "forecast_month":  # a total: its months against today's month
            name = plan.tr.t("objectives.trajectory_month", kpi=name)
            base = base / len(o.trajectory)
        series.append((name, o.trajectory, base))
        paths.setdefault(o.path_basis or "curve", []).append(name)
    return series, paths
