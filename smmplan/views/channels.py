"""Views of chapter 4, channels and content."""

from __future__ import annotations

import pandas as pd

from ..ad_only import repeated_ads
from ..awareness_message import target_message
from ..calendar_slots import calendar_rules, outside_windows
from ..channels import GOAL_BONUS
from ..confirm_marks import split_mark
from ..i18n import apply_register
from ..idea_repeats import idea_counts, told_once
from ..ideas import copy_register, idea_caps
from ..plan import Plan
from ..posting_days import listed_dates
from ..report import Column, Html, render
from ..sectors import playbook
from ..team import posts_within_budget
from .base import (
    Section,
    appendix_chapter,
    chapter_opening,
    clock,
    day,
    platform_label,
    role_name,
    section_heading,
    weekday_name,
)
from .channel_results import acquired_clause, acquired_header, acquired_measures, results_of
from .market_notes import regional_notes, usage_notes
from .peak_note import promise_note
from .performer_note import performer_tie_note
from .pillar_note import pillar_gap_notes, pillar_name
from .posting_change import posting_change, recorded_note
from .posts_words import posts_words
from .sponsored_kinds import recut_note, sponsored_sentence
from .team import owner_basis, recommended_posting


def channels_decisions(plan: Plan) -> list[str]:
    """The channels chapter's decisions in words (executive summary)."""
    tr, ch = plan.tr, plan.channels
    kept = [f"{platform_label(c.platform)} ({tr.t(f'channels.role.{c.role}')})"
            for c in ch.choices if c.kept]
    pick, team = recommended_posting(plan), plan.team
    if pick is not None:  # the recommended team option posts less than the calendar
        return [tr.t("summary_channels.kept_within", channels=tr.join(kept),
                     posts=tr.plural("plural.posts", pick["posts_per_week"]),
                     option=tr.t(f"team.option_key.{pick['key']}"),
                     planned=tr.number(round(ch.planned_posts, 1), 1),
                     gap=tr.money(team.budget_gap or 0))]
    return [tr.t("summary_channels.kept", channels=tr.join(kept),
                 posts=posts_words(plan, ch.planned_posts))]


def _paid_role(plan: Plan, kept: list) -> list[str]:
    """Why a platform has the conversion role: it carries most of the paid conversion
    spend (``channels.paid_conversion_lead``), in one sentence with the budget's figure."""
    from ..channels import paid_conversion_lead

    spend = {c.platform: c.conversion_spend for c in plan.paid.channels}
    lead = paid_conversion_lead(kept, spend)
    if lead is None:
        return []
    return [plan.tr.t("channels.paid_role", platform=platform_label(lead.platform),
                      share=plan.tr.percent(spend[lead.platform] / sum(spend.values()) * 100,
                                            0))]


def channel_choice(plan: Plan) -> Section:
    """Chapter heading, scores, roles and the reason for every platform dropped."""
    tr, ch = plan.tr, plan.channels
    kept = [c for c in ch.choices if c.kept]
    dropped = [c for c in ch.choices if not c.kept]
    text = tr.t("channels.decision", kept=tr.join([platform_label(c.platform) for c in kept]),
                dropped=tr.join([platform_label(c.platform) for c in dropped])) if dropped else \
        tr.t("channels.decision_all", kept=tr.join([platform_label(c.platform) for c in kept]))
    frame = pd.DataFrame([{
        "platform": c.platform, "platform_name": platform_label(c.platform), "score": c.score,
        "audience_fit": c.audience_fit * 100, "objective_fit": c.objective_fit * 100,
        "acquired": c.acquired,
        "presence": c.presence * 100,
        "role": tr.t(f"channels.role.{c.role}") if c.role else "",
        "posts_per_week": c.posts_per_week if c.kept else None,
        "reason": choice_reason(plan, c, len(kept)),
    } for c in ch.choices])
    pct = lambda v: tr.percent(v, 0)  # noqa: E731
    acquired = [c for c in ch.choices if c.acquired is not None]
    header = acquired_header(plan)
    measures = [acquired_measures(plan, header, platform_label(max(
        acquired, key=lambda c: c.acquired).platform))] if acquired else []
    return Section(
        *chapter_opening(plan, "channels", channels_decisions(plan)),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "channels.intro", client=plan.brief.client.name))),
        section_heading(plan, "channels.choice", "channels-choice"),
        Html(render("paragraph.html.j2", css="smm-decision", text=text)),
        *[Html(render("paragraph.html.j2", text=t)) for t in _paid_role(plan, kept)],
        plan.record.table(
            "channels", "channels", tr.t("channels.choice"), frame,
            [Column("platform_name", tr.t("table.platform")),
             Column("score", tr.t("table.score_100"), lambda v: tr.number(v, 1)),
             Column("audience_fit", tr.t("table.audience_fit"), pct),
             *([Column("acquired", header,
                       lambda v: "" if v is None or pd.isna(v) else tr.percent(v, 1))]
               if acquired else []),
             Column("role", tr.t("table.role")),
             Column("posts_per_week", tr.t("table.posts_per_week"), lambda v: tr.number(v, 1)),
             Column("reason", tr.t("table.detail"))]),
        *[Html(render("paragraph.html.j2", css="smm-note", text=t)) for t in measures],
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "channels.score_method", bonus=tr.percent(GOAL_BONUS, 0)))),
        Html(render("paragraph.html.j2", css="smm-note", text=_choice_rules(plan))),
        *[Html(render("paragraph.html.j2", css="smm-note", text=t))
          for t in performer_tie_note(plan)],
        *[Html(render("paragraph.html.j2", css="smm-note", text=t))
          for t in usage_notes(plan) + regional_notes(plan)],
    )


def _choice_rules(plan: Plan) -> str:
    """The channel-choice conventions with their thresholds (``channel_choice.rules``)."""
    from ..channel_choice import rules

    r = rules()
    return plan.tr.t("channels.choice_rules", threshold=plan.tr.percent(r["min_target_reach"], 0),
                     keep=plan.tr.number(r["keep_score"]), bar=plan.tr.number(r["add_score"]))


def choice_reason(plan: Plan, c, kept: int) -> str:
    """Why a platform is kept or dropped, with the rule's figure (``channel_choice``)."""
    from ..channel_choice import rules
    from ..frequency import lead_choice

    tr, r = plan.tr, rules()
    lead = lead_choice([k for k in plan.channels.choices if k.kept])
    key = c.reason
    if c.kept and c.maintenance:
        return _maintenance_reason(plan, c)
    if c.kept and c.held:
        return _held_reason(plan, c)
    if c.kept and c.cut:
        key = "kept_cut"
    elif c.kept and c.protected:  # the lead kept at today's: the others share what it leaves
        key = "kept_best_lead" if lead.floor == "lead_today" else "kept_best"
    elif c.kept and c is not lead and c.platform == plan.channels.results_leader:
        key = "kept_results"  # not held to its score: it brings the most results
    if key == "kept_home":  # the number capacity allows, before the home platforms
        kept -= sum(1 for k in plan.channels.choices if k.reason == "kept_home")
    text = tr.t(f"channels.reason.{key}", n=kept, channels=tr.plural("plural.channels", kept),
                threshold=tr.percent(r["min_target_reach"], 0),
                bar=tr.number(r["add_score"]), keep=tr.number(r["keep_score"]),
                current=tr.number(c.current_posts_per_week or 0, 1),
                posts=tr.number(c.posts_per_week, 1), share=tr.percent(c.acquired or 0, 1),
                results=results_of(plan) if key == "kept_results" else "",
                lead=platform_label(lead.platform))
    if c.sector_fit < 1:
        text += tr.t("channels.reason.sector", sector=tr.percent(c.sector_fit * 100, 0))
    if c.kept and c.profiles:  # the brand page's figure (the floor's) and the profiles'
        text += tr.t("channels.reason.profiles", page=tr.number(c.posts_per_week - c.profiles, 1),
                     profiles=tr.number(c.profiles, 1))
    if c.kept and c.reminders:  # what the count holds: feed posts and stories, no ad only
        weeks = plan.brief.client.period.weeks
        ads = sum(s.platform == c.platform and s.ad_only for s in plan.channels.slots) / weeks
        text += tr.t("channels.reason.reminders", stories=tr.number(c.reminders, 1),
                     reminded=tr.number(c.reminded, 1),
                     feed=tr.number(c.posts_per_week - c.reminders, 1),
                     ads=tr.t("channels.reason.reminders_ads", ads=tr.number(ads, 1))
                     if ads >= 0.05 else "")
    return text


def _maintenance_reason(plan: Plan, c) -> str:
    """Why a kept platform posts at a maintenance cadence, with its figures
    (``frequency.weak_platforms``)."""
    from ..frequency import against_best, rules

    tr, r = plan.tr, rules()["maintenance"]
    rate, best = against_best(plan.brief)[c.platform]
    acquired = acquired_clause(plan, c.acquired)
    return tr.t("channels.reason.kept_maintenance", rate=tr.percent(rate, 1),
                best=tr.percent(best, 1), weak=tr.percent(r["weak_engagement"] * 100, 0),
                acquired=acquired, cadence=_cadence(tr, r["posts_per_week"]))


def frequency_rules(plan: Plan) -> str:
    """The frequency conventions with their figures (``frequency.rules``)."""
    from ..frequency import lead_choice, rules

    tr, r = plan.tr, rules()["maintenance"]
    kept = [c for c in plan.channels.choices if c.kept]
    lead = lead_choice(kept)
    text = tr.t("channels.frequency_rules", lead=platform_label(lead.platform),
                weak=tr.percent(r["weak_engagement"] * 100, 0),
                acquisition=tr.percent(r["weak_acquisition"], 0), results=results_of(plan),
                cadence=_cadence(tr, r["posts_per_week"]))
    from ..catalogue import content_facts

    leader = plan.channels.results_leader
    if leader and leader != lead.platform and any(c.platform == leader for c in kept):
        text += " " + tr.t("channels.frequency_results", platform=platform_label(leader),
                           results=results_of(plan))
    facts = content_facts()["platforms"]
    for c in kept:
        if c.stretched:
            text += " " + tr.t("channels.frequency_stretch", platform=platform_label(c.platform),
                               usual=_cadence(tr, facts[c.platform]["posts_per_week"][1]),
                               top=_cadence(tr, rules()["stretch_max"][c.platform]))
    return text + feed_gap(plan) + posting_change(plan, _maintenance_reason) \
        + recorded_note(plan)


def feed_gap(plan: Plan) -> str:
    """A small business's platform that carries reminder stories before booked sessions and
    whose own feed posts (neither stories nor ads only) fall below today's posting, said
    with what keeping today's posting would take: the hours a week of its feed formats
    (``team.work_rows``) and their cost over the plan at the bought hour's rate."""
    from .. import workload as wl
    from ..team import hour_a_week, work_rows

    brief, tr = plan.brief, plan.tr
    if brief.client.size != "sme" or \
            plan.channels.planned_posts < plan.channels.capacity_posts - 0.05:
        return ""  # only where the hours, all used, are what holds the feed back
    period = brief.client.period
    weeks = period.weeks
    text = ""
    for c in plan.channels.choices:
        today = c.current_posts_per_week or 0.0
        feed = [s.format for s in plan.channels.slots
                if s.platform == c.platform and not s.ad_only and s.format != "story"]
        if not (c.kept and c.reminders and feed) or len(feed) / weeks >= today - 0.05:
            continue
        mix = wl.calendar_mix(feed, period.start, period.end)
        per_post = sum(r["sme_hours"] for r in work_rows(brief, 1.0, mix) if not r["lever"])
        hours = (today - len(feed) / weeks) * per_post
        text += " " + tr.t("channels.feed_gap", platform=platform_label(c.platform),
                           feed=tr.number(len(feed) / weeks, 1), today=tr.number(today, 1),
                           hours=tr.number(hours, 1),
                           cost=tr.money(hours * hour_a_week(brief, plan.paid.rate)))
    return text


def _cadence(tr, value: float) -> str:
    """Posts a week as said in a sentence: "1", "1.5"."""
    return tr.number(value, 0 if float(value).is_integer() else 1)


def _held_reason(plan: Plan, c) -> str:
    """Why a kept platform posts less than the best-scored one: its score against the
    lead's (``frequency.allocate_frequency``)."""
    from ..frequency import lead_choice

    tr = plan.tr
    lead = lead_choice([k for k in plan.channels.choices if k.kept])
    feed = lead.posts_per_week - (lead.reminders or 0)  # the ratio is of its feed posts
    return tr.t("channels.reason.kept_score_feed" if lead.reminders else
                "channels.reason.kept_score", ratio=tr.percent(c.score / lead.score * 100, 0),
                lead=platform_label(lead.platform), feed=tr.number(feed, 1))


def content_plan(plan: Plan) -> Section:
    """Frequency and capacity, pillars, formats per channel, one message adapted."""
    tr, ch = plan.tr, plan.channels
    cap = plan.capacity
    hours = plan.team.hours if cap.basis == "hours" else None
    if hours:  # the team chapter's hours for the plan's posting, shown the same way there
        within = posts_within_budget(plan.brief, plan.team, plan.paid.rate)
        capacity = tr.t("channels.capacity_hours", capacity=tr.number(
            within if within is not None else ch.capacity_posts, 1),
                        needed=tr.number(hours["needed"], 1),
                        existing=tr.number(hours["existing"], 1),
                        bought=tr.number(hours["bought"], 1),
                        planned=posts_words(plan, ch.planned_posts), basis=owner_basis(plan))
    elif cap.bound == "production":  # the designers' hours run out before the writers'
        capacity = tr.t("channels.capacity_production",
                        capacity=tr.number(ch.capacity_posts, 1),
                        made_fte=tr.number(cap.production_fte or 0, 2),
                        made_hours=tr.number(cap.production_per_post or 0, 1),
                        fte=tr.number(cap.content_fte, 2),
                        hours=tr.number(cap.per_post or 0, 1),
                        planned=tr.number(ch.planned_posts, 1))
    else:
        capacity = tr.t("channels.capacity", capacity=tr.number(ch.capacity_posts, 1),
                        fte=tr.number(cap.content_fte, 2),
                        hours=tr.number(cap.per_post or 0, 1),
                        planned=tr.number(ch.planned_posts, 1))
    if ch.budget_posts is not None and plan.team.recommended:  # the team budget cut it
        capacity += " " + tr.t("channels.capacity_budget", posts=tr.number(ch.budget_posts, 1),
                               option=tr.t(f"team.option_key.{plan.team.recommended['key']}"))
    if ch.filler:  # posts only a product's idea told again would have filled
        capacity += " " + tr.t("channels.filler", count=tr.number(ch.filler),
                               repeats=tr.number(idea_caps()["repeats"]),
                               planned=tr.number(ch.planned_posts, 1))
    blocks = [section_heading(plan, "channels.frequency", "channels-frequency"),
              Html(render("paragraph.html.j2", text=capacity)),
              Html(render("paragraph.html.j2", css="smm-note", text=frequency_rules(plan)))]
    blocks += profile_note(plan)
    live = [p for p, formats in ch.mix.items() if "live" in formats]
    if ch.live_commerce and live:
        blocks.append(Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "channels.live_commerce", client=plan.brief.client.name,
            platforms=tr.join([platform_label(p) for p in live])))))
    if ch.overloaded:
        current = sum(c.posts_per_week or 0 for c in plan.brief.situation.channels)
        blocks.append(Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "channels.overloaded", current=tr.number(current, 1),
            capacity=tr.number(ch.capacity_posts, 1)))))
    pillars = pd.DataFrame([{"pillar": p["key"], "name": pillar_name(plan, p["key"]),
                             "role": tr.t(f"channels.role.{p['role']}"),
                             "weight": p["weight"],
                             "calendar": sum(s.pillar == p["key"] for s in ch.slots)
                             / max(1, len(ch.slots)) * 100} for p in ch.pillars])
    first = {}  # a goal's dated post: the day its first feed post goes out (one date)
    for s in sorted((s for s in ch.slots if not s.ad_only), key=lambda s: s.date):
        first.setdefault(s.base_idea, s.date)
    ideas = pd.DataFrame([{  # an offer to confirm: its own column, not the title
        "pillar": pillar_name(plan, i["pillar"]), "text": split_mark(i["text"], tr)[0],
        "confirm": tr.t("ideas.confirm_cell") if split_mark(i["text"], tr)[1] else "",
        "moment": (day(tr, pd.Timestamp(first.get(i["text"], i["date"])  # its one post's
                                        if i["goal"] or i["once"] else i["date"]).date(),
                       "medium") + (" · " + i["moment"] if i["moment"] else ""))
        if i["date"] else "",
        "cta": apply_register(tr.t(f"cta.{i['cta']}"), copy_register(plan.brief))}
        for i in ch.ideas]).drop_duplicates()  # a dated series' rows told once
    if len(ideas):  # an idea with a dated row is not listed again undated
        dated = set(ideas.loc[ideas["moment"] != "", "text"])
        ideas = ideas[(ideas["moment"] != "") | ~ideas["text"].isin(dated)]
    blocks += [
        section_heading(plan, "channels.pillars", "channels-pillars"),
        Html(render("paragraph.html.j2", text=tr.t("channels.pillars_intro"))),
        plan.record.table("pillars", "channels", tr.t("channels.pillars"), pillars,
                          [Column("name", tr.t("channels.pillars")),
                           Column("role", tr.t("table.role")),
                           Column("weight", tr.t("table.share"), lambda v: tr.percent(v)),
                           Column("calendar", tr.t("table.calendar_share"),
                                  lambda v: tr.percent(v))]),
        *[Html(render("paragraph.html.j2", css="smm-note", text=t))
          for t in pillar_gap_notes(plan)],  # a dated series' pillar, in the client's terms
        section_heading(plan, "ideas.title", "channels-ideas"),
        Html(render("paragraph.html.j2", text=tr.t(
            "ideas.intro", n=tr.number(len(ideas)), client=plan.brief.client.name,
            sector=sector_name(plan)) + (" " + tr.plural(
                "ideas.unplaced", len(ch.unplaced), ideas=tr.join(
                    [tr.t("common.quoted", text=u.split(" — ")[0]) for u in ch.unplaced]))
                if ch.unplaced else ""))),
        plan.record.table("ideas", "channels", tr.t("ideas.title"), ideas,
                          [Column("pillar", tr.t("ideas.pillar")),
                           Column("text", tr.t("ideas.topic")),
                           Column("moment", tr.t("ideas.moment")),
                           Column("cta", tr.t("ideas.cta"))]
                          + [Column("confirm", tr.t("ideas.confirm"))]
                          * bool(len(ideas) and ideas["confirm"].any())),
    ]
    return Section(*blocks)


def _outside_notes(plan: Plan) -> list[str]:
    """What the calendar posts outside each platform's best windows, and at what hours."""
    tr, ch = plan.tr, plan.channels
    weeks = plan.brief.client.period.weeks
    out = []
    for row in outside_windows(ch.slots, ch.windows, weeks):
        name = platform_label(row["platform"])
        wins = len(ch.windows[row["platform"]][:calendar_rules()["windows"]])
        if row["per_week"] > wins + 0.05:
            out.append(tr.t("channels.windows_outside", platform=name,
                            per_week=tr.number(row["per_week"], 1),
                            outside=tr.number(row["outside_per_week"], 1),
                            total=tr.plural("plural.posts", row["outside"]),
                            hours=tr.join([clock(tr, h) for h in row["hours"]])))
        else:
            # a calendar without a closed day (open on public holidays) moves posts for
            # clashes only
            out.append(tr.plural("channels.windows_moved" + (
                "" if ch.closed else "_clash"), row["outside"], platform=name))
    return out


def _calendar_notes(plan: Plan) -> list[str]:
    """What sponsored posts carry and how many distinct ideas the calendar's posts carry."""
    tr, ch = plan.tr, plan.channels
    out = []
    if any(s.sponsored for s in ch.slots):
        out.append(sponsored_sentence(plan))  # sponsored_kinds.py: read from the calendar
        aware = sorted({s.platform for s in ch.slots if s.sponsored and not s.test}
                       - set(ch.selling or []))  # the held-back test's posts: its own
        if ch.selling is not None and aware:  # awareness budget only: reach, not sales
            speaks = {i["text"] for i in ch.ideas if i.get("speaks")}  # awareness_message
            said = any(s.sponsored and s.platform in aware and s.base_idea in speaks
                       for s in ch.slots) and target_message(plan.brief)
            out.append(tr.t("channels.calendar_sponsored_" + (
                "message" if said else "awareness"), **(said or {}), platforms=tr.join(
                [platform_label(p) for p in aware])))
    ads = sum(s.ad_only for s in ch.slots)
    if ads:  # paid creatives off the feed (ad_only.py)
        out.append(tr.plural("channels.calendar_ad_only", ads, share=tr.percent(
            100 * float(calendar_rules()["sponsored_feed_share"]), 0)))
        out += recut_note(plan)  # sponsored_kinds.py: a story or photo recut for its ad
        again = repeated_ads(ch.slots)
        if again:  # a post sponsored in the feed once, its extra weight as ads
            out.append(tr.plural("channels.calendar_ad_only_repeat", again, days=tr.number(
                int(calendar_rules()["sponsored_repeat_days"]))))
    counts = idea_counts(ch.slots)
    if counts["ideas"]:
        out.append(tr.t("channels.calendar_ideas", ideas=tr.number(counts["ideas"]),
                        most=tr.plural("plural.posts", counts["most"])))
    once = told_once(ch.slots, ch.ideas)
    if once:  # a retro or an origin story is not repeated all year
        out.append(tr.t("channels.calendar_told_once", stories=tr.join(
            [tr.t("channels.told_once_item", text=split_mark(t, tr)[0]) for t in once])))
    return out + promise_note(plan)  # the peak's pinned delivery promise (peak_note.py)


def calendar_view(plan: Plan) -> Section:
    """Best windows, the calendar (first month as a grid, counts per month), key dates,
    approval flow."""
    tr, ch = plan.tr, plan.channels
    rows = []
    for platform, wins in ch.windows.items():
        measured = any(w.basis != "default" for w in wins)  # its own posts gave windows
        for w in wins:
            basis = "default_fill" if w.basis == "default" and measured else w.basis
            rows.append({"platform": platform, "platform_name": platform_label(platform),
                         "weekday": w.weekday, "weekday_name": weekday_name(plan, w.weekday),
                         "hour": w.hour, "rate": w.rate, "posts": w.posts,
                         "basis": w.basis,
                         "basis_name": tr.t(f"channels.window_basis.{basis}")})
    windows = pd.DataFrame(rows)
    rules = calendar_rules()
    shares = [rules["rank_weights"][min(i, len(rules["rank_weights"]) - 1)]
              for i in range(rules["windows"])]
    slots = pd.DataFrame([vars(s) for s in ch.slots if not s.ad_only])  # the feed's posts
    sponsored = int(slots["sponsored"].sum()) if len(slots) else 0
    counts = pd.DataFrame()
    if len(slots):
        slots["month"] = slots["date"].str[:7]
        counts = slots.pivot_table(index="month", columns="platform", values="date",
                                   aggfunc="count", fill_value=0).reset_index()
        counts["month_name"] = [tr.month(pd.Timestamp(m + "-01").date()) for m in
                                counts["month"]]
    first = plan.brief.client.period.start
    grid = _month_grid(plan, first)
    dates = pd.DataFrame(listed_dates(ch.key_dates, ch.closed, plan.brief.client.sector_kind)
                         or [{"date": "", "name": "", "kind": ""}])
    approval = pd.DataFrame([{
        "content": tr.t(f"approval_content.{a['content']}"),
        "draft": role_name(plan, a["draft"]),
        "approve": role_name(plan, a["approve"]),
        "publish": role_name(plan, a["publish"])} for a in ch.approval])
    blocks = [
        section_heading(plan, "channels.windows", "channels-windows"),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            f"channels.windows_{ch.windows_basis}"))),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "channels.windows_spread", n=tr.number(rules["windows"]),
            top=tr.percent(100 * shares[0] / sum(shares), 0),
            last=tr.percent(100 * shares[-1] / sum(shares), 0)))),
        *[Html(render("paragraph.html.j2", css="smm-note", text=t))
          for t in _outside_notes(plan)],
        plan.record.table(
            "windows", "channels", tr.t("channels.windows"), windows,
            [Column("platform_name", tr.t("table.platform")),
             Column("weekday_name", tr.t("channels.weekday")),
             Column("hour", tr.t("channels.hour"), lambda v: clock(tr, f"{int(v):02d}:00")),
             Column("rate", tr.t("table.engagement_rate"), lambda v: tr.percent(v, 2)),
             Column("posts", tr.t("table.posts"), lambda v: tr.number(v) if v else ""),
             Column("basis_name", tr.t("table.basis"))]),
        section_heading(plan, "channels.calendar", "channels-calendar"),
        Html(render("paragraph.html.j2", text=tr.t(
            _intro_key(plan), posts=tr.plural("plural.posts", len(slots)),
            sponsored=tr.plural("plural.sponsored", sponsored) if sponsored
            else tr.t("plural.sponsored.zero"), closed=tr.join(list(dict.fromkeys(
                d["name"].split(" (")[0] for d in ch.key_dates
                if d["kind"] == "holiday" and d["date"] in ch.closed)))))),
        *[Html(render("paragraph.html.j2", text=t)) for t in _calendar_notes(plan)],
        Html(render("month.html.j2", title=tr.t("channels.month_view") + " · " +
                    tr.month(first), weekdays=[weekday_name(plan, i)[:3] for i in range(7)],
                    weeks=grid)),
    ]
    if len(counts):
        cols = [Column("month_name", tr.t("table.month"))] + [
            Column(p, platform_label(p), lambda v: tr.number(v)) for p in counts.columns
            if p not in ("month", "month_name")]
        blocks.append(plan.record.table("calendar_months", "channels",
                                        tr.t("channels.count_by_month"), counts, cols))
    if any(True for _ in _first_slots(plan)):
        blocks.append(Html(render("paragraph.html.j2", css="smm-note",
                                  text=tr.t("channels.calendar_appendix"))))
    blocks += [
        plan.record.table("key_dates", "channels", tr.t("channels.key_dates"), dates,
                          [Column("date", tr.t("table.date"),
                                  lambda v: day(tr, pd.Timestamp(v).date()) if v else ""),
                           Column("name", tr.t("channels.key_dates"))]),
        section_heading(plan, "channels.approval", "channels-approval"),
        plan.record.table("approval", "channels", tr.t("channels.approval"), approval,
                          [Column("content", tr.t("table.content_type")),
                           Column("draft", tr.t("table.draft")),
                           Column("approve", tr.t("table.approve")),
                           Column("publish", tr.t("table.publish"))]),
    ]
    return Section(*blocks)


def _intro_key(plan: Plan) -> str:
    """The calendar's opening words: posting on public holidays (the sector's customers shop
    then), skipping only the ones offices close on, or skipping them all."""
    ch = plan.channels
    if open_on_holidays(plan):
        return "channels.calendar_intro_open"
    holidays = {d["date"] for d in ch.key_dates if d["kind"] == "holiday"}
    return "channels.calendar_intro_offices" if ch.closed and set(ch.closed) < holidays \
        else "channels.calendar_intro"


def open_on_holidays(plan: Plan) -> bool:
    """Whether the calendar posts on public holidays (the sector's shops are open)."""
    return plan.brief.client.sector_kind in calendar_rules()["post_on_holidays"]


def _month_grid(plan: Plan, first) -> list[list[dict]]:
    """Weeks of the first plan month, each day with its posts and key dates."""
    import calendar as cal

    tr, ch = plan.tr, plan.channels
    by_day: dict[str, list[str]] = {}
    for s in ch.slots:
        if s.date[:7] == first.isoformat()[:7]:
            mark = f" · {tr.t(_sponsored_key(s))}" if s.sponsored else ""
            topic = s.idea.split(" — ")[0] or pillar_name(plan, s.pillar)
            by_day.setdefault(s.date, []).append(
                f"{clock(tr, s.time)} {platform_label(s.platform)}{tr.t('common.colon')}"
                f"{topic}{mark}")
    dates = {d["date"]: d["name"] for d in ch.key_dates}
    weeks = []
    for week in cal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([{"day": d.day, "in_month": d.month == first.month,
                       "items": by_day.get(d.isoformat(), []),
                       "key_date": dates.get(d.isoformat(), "")} for d in week])
    return weeks



def sector_name(plan: Plan) -> str:
    """The sector playbook's name, ready to sit inside a sentence ("food and local shops")."""
    name = plan.tr.text(playbook(plan.brief.client.sector_kind)["name"])
    first = name.split()[0]
    keep = any(ch.isupper() or ch.isdigit() for ch in first[1:])  # an acronym: B2B
    return name if keep else name[:1].lower() + name[1:]


def _first_slots(plan: Plan, months: int = 2):
    """The calendar's posts of the first ``months`` months."""
    last = pd.Timestamp(plan.brief.client.period.start) + pd.DateOffset(months=months)
    return (s for s in plan.channels.slots if pd.Timestamp(s.date) < last)


def _sponsored_key(s) -> str:
    """How a sponsored post is marked: run in the feed, or as an ad only (ad_only.py)."""
    return "channels.ad_only" if s.ad_only else "channels.sponsored_test" \
        if getattr(s, "test", False) else "channels.sponsored"


def channels_appendix(plan: Plan, months: int = 2) -> Section:
    """Appendix: every post of the first ``months`` months with its idea and call to
    action (the rest of the year is in the calendar files)."""
    tr = plan.tr
    rows = [{"when": day(tr, pd.Timestamp(s.date).date(), "medium") + " " + clock(tr, s.time),
             "platform": platform_label(s.platform) + " · " + tr.t(f"format.{s.format}") +
             (f" · {tr.t(_sponsored_key(s))}" if s.sponsored else ""),
             "idea": s.idea, "cta": s.cta}
            for s in _first_slots(plan, months)]
    if not rows:
        return Section()
    return Section(
        appendix_chapter(plan, "channels"),
        section_heading(plan, "ideas.first_months", "channels-first-months", level=4),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t("ideas.first_months_intro"))),
        plan.record.table("calendar_first_months", "channels", tr.t("ideas.first_months"),
                          pd.DataFrame(rows),
                          [Column("when", tr.t("ideas.when")),
                           Column("platform", tr.t("table.platform")),
                           Column("idea", tr.t("ideas.topic")),
                           Column("cta", tr.t("ideas.cta"))]))


def profile_note(plan: Plan) -> list:
    """The posts from people's own profiles the advocacy lever puts in the calendar
    (``profile_posts``): how many, and that they are never sponsored and take team time."""
    from ..profile_posts import lever_values, profile_lever

    ch, tr = plan.channels, plan.tr
    lever = profile_lever(plan.brief.client.sector_kind)
    founders = sum(s.profile == "founder" for s in ch.slots)
    waves = sum(s.profile == "wave" for s in ch.slots)
    if lever is None or not founders + waves:
        return []
    rates = lever_values(lever, tr)
    c = next(c for c in ch.choices if c.platform == lever["profiles"]["platform"])
    return [Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
        "channels.profile_posts", platform=platform_label(c.platform),
        total=tr.number(c.posts_per_week, 1), page=tr.number(c.posts_per_week - c.profiles, 1),
        profiles=tr.number(c.profiles, 1),
        lever=tr.text(lever["name"]), founders=tr.plural("plural.posts", founders),
        founder_rate=rates["founders"], waves=tr.number(waves), wave_rate=rates["waves"],
        volunteers=rates["volunteers"])))]
