"""Views of chapter 1, brand identity and diagnosis."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel.dates import format_date

from .. import charts
from ..paid_start import first_conversion_ad
from ..plan import Plan
from ..report import Column, Html, render
from .base import (
    Section,
    after_colon,
    chapter_opening,
    day,
    platform_label,
    section_heading,
)
from .severe_steps import severe_outside, steps_of


def unmeasured_aside(plan: Plan, keys: list[str]) -> list[str]:
    """Problems to fix first that none of the client's goals needs (no objective at a
    goal's funnel stage) and its data does not measure (no objective with a baseline): a
    showcase site's traffic for a bakery whose goals are its workshops and new shops."""
    obs = plan.objectives.objectives
    goal_stages = {o.stage for o in obs if o.from_brief}
    mine = {k: [o for o in obs if o.problem == k or k in o.problems] for k in keys}
    return [k for k in keys if not any(o.baseline.value is not None or o.stage in goal_stages
                                       for o in mine[k])]


def fix_order(plan: Plan) -> tuple[list[str], list[str]]:
    """The one ranking of the problems to fix first, for the diagnosis chapter and the
    executive summary alike: the diagnosis's order (priority), except that the problems
    none of the client's goals needs and its data does not measure (``unmeasured_aside``)
    come after the others, once measured; a problem the client rates severe is always
    fixed first (``severe_outside``: infrastructure, say). Returns (first, later)."""
    diag = plan.identity.diagnosis
    by_key = diag.by_key()
    later = unmeasured_aside(plan, diag.fix_first) \
        if any(by_key[k].score >= 2 for k in diag.fix_first) else []
    if len(later) >= len(diag.fix_first):  # nothing measured: the diagnosis's order
        later = []
    return [k for k in diag.fix_first if k not in later] + severe_outside(diag), later


def problem_ranks(plan: Plan) -> dict[str, int]:
    """Each problem's rank in the one ranking (``fix_order``), then the others by the
    diagnosis's priority."""
    first, later = fix_order(plan)
    rest = [p.key for p in sorted(plan.identity.diagnosis.problems, key=lambda p: p.rank)
            if p.key not in first + later]
    return {k: i for i, k in enumerate(first + later + rest, start=1)}


def rank_exceptions(plan: Plan) -> list[tuple[str, str]]:
    """The problems the one ranking (``problem_ranks``) puts out of their priority's order,
    each with why: ``severe`` (the client rates it severe: fixed first whatever its
    priority), ``later`` (no goal needs it and no data measures it yet: after, once
    measured) or ``minor`` (rated minor: after the problems to fix first)."""
    diag, ranks = plan.identity.diagnosis, problem_ranks(plan)
    first, later = fix_order(plan)
    out = []
    for p in sorted(diag.problems, key=lambda p: ranks[p.key]):
        up = any(q.priority > p.priority and ranks[q.key] > ranks[p.key] for q in diag.problems)
        down = any(q.priority < p.priority and ranks[q.key] < ranks[p.key]
                   for q in diag.problems)
        why = ("severe" if up and p.key in severe_outside(diag) else
               "later" if down and p.key in later else
               "minor" if down and p.key not in first and p.score < 2 else None)
        if why:
            out.append((p.key, why))
    return out


def identity_decisions(plan: Plan) -> list[str]:
    """The identity chapter's decisions in words (executive summary)."""
    tr, ident = plan.tr, plan.identity
    diag, mat, bench = ident.diagnosis, ident.maturity, ident.competitors
    out = []
    first, aside = fix_order(plan)  # the diagnosis chapter's own order
    said = lambda k: after_colon(tr, tr.t(f"problem.{k}.name"))  # noqa: E731 after a colon
    names = [said(k) for k in first + aside]
    severe = [p for p in diag.problems if p.key in first + aside and p.score >= 2]
    later = [said(k) for k in aside]
    if severe and later:  # what no goal needs and no data measures comes after, once measured
        out.append(tr.t("summary.identity.fix_first",
                        problems=tr.join([said(k) for k in first])))
        out.append(tr.t("summary.identity.fix_later", problems=tr.join(later)))
    elif severe:
        out.append(tr.t("summary.identity.fix_first", problems=tr.join(names)))
    elif names:
        out.append(tr.t("summary.identity.nothing_severe", problem=names[0]))
    out.append(tr.t(
        "summary.identity.maturity" if mat.rollout_months["crawl"] else
        "summary.identity.maturity_no_crawl", level=tr.t(f"maturity.level.{mat.level}"),
        score=tr.number(mat.score), crawl=mat.rollout_months["crawl"],
        walk=mat.rollout_months["walk"], run=mat.rollout_months["run"],
    ))
    if bench is None:
        out.append(tr.t("summary.identity.no_competitors"))
    else:
        me = next(e for e in bench.entities if e.is_client)
        if bench.client_rank == 1:
            out.append(tr.t("summary.identity.competition_leader", client=me.name,
                            n=len(bench.entities) - 1, sov=tr.percent(me.share_of_voice)))
        else:
            leader = next(e for e in bench.entities if e.name == bench.leader)
            out.append(tr.t("summary.identity.competition", rank=bench.client_rank,
                            n=len(bench.entities), leader=leader.name,
                            sov=tr.percent(leader.share_of_voice)))
    return out


def identity_canvas(plan: Plan) -> Section:
    """Chapter heading, introduction and the identity canvas."""
    b, tr = plan.brief, plan.tr
    brand = b.brand
    cards = [
        (tr.t("identity.mission"), [brand.mission]),
        (tr.t("identity.value_proposition"), [brand.value_proposition]),
        (tr.t("identity.differentiators"), brand.differentiators),
        (tr.t("identity.personality"), brand.personality),
        (tr.t("identity.offer"), [
            f"{o.name}{tr.t('common.colon')}{o.description}" if o.description else o.name
            for o in b.offer
        ]),
    ]
    return Section(
        *chapter_opening(plan, "identity", identity_decisions(plan)),
        Html(render("paragraph.html.j2",
                    text=tr.t("identity.intro", client=b.client.name), lead=True)),
        section_heading(plan, "identity.canvas", "identity-canvas"),
        Html(render("cards.html.j2", cards=cards)),
    )


def tone_of_voice(plan: Plan) -> Section:
    """Tone-of-voice guide: adjectives, do and don't examples."""
    tr, tone = plan.tr, plan.brief.brand.tone_of_voice
    return Section(
        section_heading(plan, "identity.tone", "identity-tone"),
        Html(render("tone.html.j2", intro=tr.t("tone_of_voice.intro",
                                                adjectives=tr.join(tone.adjectives)),
                    do_title=tr.t("identity.do"), dont_title=tr.t("identity.dont"),
                    do=tone.do, dont=tone.dont)),
    )


def diagnosis(plan: Plan) -> Section:
    """The seven problems: table, chart, and what the plan fixes first."""
    tr, diag = plan.tr, plan.identity.diagnosis
    ranks = problem_ranks(plan)  # one ranking, the executive summary's too
    frame = pd.DataFrame([{
        "rank": ranks[p.key], "problem": p.key, "problem_name": tr.t(f"problem.{p.key}.name"),
        "score": p.score, "severity": tr.t(f"severity.{p.severity}"),
        "stage": tr.t(f"stage.{p.stage}"), "priority": p.priority, "evidence": p.evidence,
    } for p in sorted(diag.problems, key=lambda p: ranks[p.key])])
    table = plan.record.table(
        "diagnosis", "identity", tr.t("identity.diagnosis"), frame,
        [Column("rank", tr.t("table.rank")), Column("problem_name", tr.t("table.problem")),
         Column("score", tr.t("table.score")), Column("severity", tr.t("table.severity")),
         Column("stage", tr.t("table.stage")), Column("priority", tr.t("table.priority")),
         Column("evidence", tr.t("table.evidence"))],
    )
    by_key = diag.by_key()
    extra = severe_outside(diag)  # its dated first steps, not the generic advice
    if any(by_key[k].score >= 2 for k in diag.fix_first + extra):
        first, later = fix_order(plan)
        items = [tr.t("identity.fix_later_item" if k in later else "identity.fix_first_item",
                      problem=tr.t(f"problem.{k}.name"),
                      action=(k in extra and steps_of(plan, k)) or tr.t(f"problem.{k}.action"),
                      chapter=tr.t(f"chapter.{by_key[k].chapter}")) for k in first + later]
        fix = Html(render("list.html.j2", title=tr.t("identity.fix_first_title"), items=items,
                          ordered=True, css="smm-decision"))
    else:
        first = diag.fix_first[0] if diag.fix_first else diag.problems[0].key
        fix = Html(render("paragraph.html.j2", text=tr.t(
            "identity.nothing_severe", problem=after_colon(tr, tr.t(f"problem.{first}.name")))))
    moved = [tr.t(f"identity.rank_{why}", problem=tr.t(f"problem.{k}.name"),
                  score=diag.by_key()[k].score) for k, why in rank_exceptions(plan)]
    # the rank column is not the priority column's order: said under the table
    why = [Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
        "identity.rank_note", exceptions=tr.t("common.semicolon").join(moved))))] if moved else []
    return Section(
        section_heading(plan, "identity.diagnosis", "identity-diagnosis"),
        Html(render("paragraph.html.j2", text=tr.t("identity.diagnosis_intro"))),
        plan.record.figure("problems", "identity",
                           charts.problems_chart(diag, tr, plan.theme, ranks)),
        fix,
        table,
        *why,
        *sector_levers(plan),
    )


def _focus(plan: Plan) -> list[str]:
    """Each roll-out phase's focus; when the first conversion ad (``paid_start``) runs in
    the set-up phase, that phase says its day and the next one widens the tests instead of
    starting them."""
    tr, rollout = plan.tr, plan.identity.maturity.rollout_months
    ad = first_conversion_ad(plan)
    start = plan.brief.client.period.month_starts[0]
    crawl_end = (pd.Timestamp(start) + pd.DateOffset(months=rollout["crawl"])).date()
    early = ad is not None and rollout["crawl"] > 0 \
        and dt.date.fromisoformat(ad["day"]) < crawl_end
    return [tr.t("maturity.focus.crawl_paid", day=day(tr, dt.date.fromisoformat(ad["day"])))
            if early and phase == "crawl" else tr.t("maturity.focus.walk_after_paid")
            if early and phase == "walk" else tr.t(f"maturity.focus.{phase}")
            for phase in rollout]


def maturity(plan: Plan) -> Section:
    """Digital maturity, its consequence and the roll-out phases."""
    tr, m = plan.tr, plan.identity.maturity
    channels = len(plan.brief.situation.channels)
    phases = pd.DataFrame([{
        "phase": phase, "phase_name": tr.t(f"maturity.phase.{phase}"), "months": months,
        "focus": focus,
    } for (phase, months), focus in zip(m.rollout_months.items(), _focus(plan), strict=True)
        if months > 0])
    return Section(
        section_heading(plan, "identity.maturity", "identity-maturity"),
        Html(render("paragraph.html.j2", text=tr.t(
            "identity.maturity_intro", infra=tr.number(m.infrastructure),
            culture=tr.number(m.culture),
            active=tr.plural("plural.channels", m.channels_active), channels=tr.number(channels),
            score=tr.number(m.score), level=tr.t(f"maturity.level.{m.level}")))),
        Html(render("paragraph.html.j2", text=tr.t(f"maturity.consequence.{m.level}"),
                    css="smm-decision")),
        plan.record.figure("maturity", "identity", charts.maturity_chart(m, tr, plan.theme)),
        plan.record.table(
            "rollout", "identity", tr.t("identity.rollout"), phases,
            [Column("phase_name", tr.t("table.phase")), Column("months", tr.t("table.months")),
             Column("focus", tr.t("table.focus"))],
        ),
    )


def _swot_text(plan: Plan, item) -> str:
    if not item.text_key:
        return item.text
    tr = plan.tr
    values = dict(item.values)
    if "platform" in values:
        values["platform"] = platform_label(values["platform"])
    for k in ("mine", "median"):
        if k in values:
            values[k] = tr.percent(values[k], 2)
    if values.get("ratio") is not None:
        values["ratio"] = tr.number(values["ratio"], 1)
    if "n" in values:  # competitors present on a platform
        values["competitors"] = (tr.plural("plural.competitors", values["n"]) if values["n"]
                                 else tr.t("swot.no_competitor"))
    return tr.t(item.text_key, **values)


def swot(plan: Plan) -> Section:
    """The SWOT grid; computed items are marked as such."""
    tr, s = plan.tr, plan.identity.swot
    quadrants = []
    for name in ("strengths", "weaknesses", "opportunities", "threats"):
        items = [{"text": _swot_text(plan, i), "computed": i.source == "computed"}
                 for i in getattr(s, name)]
        quadrants.append({"key": name, "title": tr.t(f"swot.{name}"), "items": items})
    return Section(
        section_heading(plan, "identity.swot", "identity-swot"),
        Html(render("swot.html.j2", quadrants=quadrants, computed=tr.t("common.computed"))),
    )


def competitors(plan: Plan) -> Section:
    """Competitor benchmark: table and four charts, or a note when none are given."""
    tr, bench = plan.tr, plan.identity.competitors
    head = section_heading(plan, "identity.competitors", "identity-competitors")
    if bench is None:
        return Section(head, Html(render("paragraph.html.j2",
                                         text=tr.t("identity.no_competitors"))))
    frame = pd.DataFrame([{
        "brand": e.name + (f" {tr.t('common.client_marker')}" if e.is_client else ""),
        "followers": e.followers, "engagement_rate": e.engagement_rate,
        "posts_per_week": e.posts_per_week, "mentions": e.mentions,
        "share_of_voice": e.share_of_voice,
    } for e in bench.entities])
    cols = [Column("brand", tr.t("table.brand")),
            Column("followers", tr.t("table.followers"), lambda v: tr.number(v)),
            Column("engagement_rate", tr.t("table.engagement_rate"),
                   lambda v: tr.percent(v, 2)),
            Column("posts_per_week", tr.t("table.posts_per_week"), lambda v: tr.number(v, 1))]
    if bench.sov_method == "mentions":
        cols.append(Column("mentions", tr.t("table.mentions"), lambda v: tr.number(v)))
    cols.append(Column("share_of_voice", tr.t("table.share_of_voice"),
                       lambda v: tr.percent(v)))
    th = plan.theme
    return Section(
        head,
        Html(render("paragraph.html.j2", text=tr.t(
            "identity.competitors_intro", client=plan.brief.client.name,
            n=len(bench.entities) - 1,
            competitors=tr.plural("plural.competitors", len(bench.entities) - 1)))),
        plan.record.table("competitors", "identity", tr.t("identity.competitors"), frame, cols),
        Html(render("paragraph.html.j2", text=tr.t(f"identity.sov_{bench.sov_method}"),
                    css="smm-note")),
        plan.record.figure("share_of_voice", "identity",
                           charts.share_of_voice_chart(bench, tr, th)),
        plan.record.figure("followers", "identity", charts.followers_chart(bench, tr, th)),
        plan.record.figure("engagement", "identity", charts.engagement_chart(bench, tr, th)),
        plan.record.figure("frequency", "identity", charts.frequency_chart(bench, tr, th)),
        plan.record.figure("positioning", "identity", charts.positioning_chart(bench, tr, th)),
    )



def sector_levers(plan: Plan) -> list:
    """The sector playbook's levers, those answering the brief's worst-rated problems first,
    with the sector's formats, tone conventions and demand by month."""
    from ..profile_posts import lever_how
    from ..sectors import playbook
    from .channels import sector_name

    tr = plan.tr
    book = playbook(plan.brief.client.sector_kind)
    score = {p.key: p.score for p in plan.identity.diagnosis.problems}
    levers = sorted(book["levers"], key=lambda lv: -max(score.get(k, 0) for k in lv["problems"]))
    frame = pd.DataFrame([{
        "lever": tr.text(lv["name"]), "how": lever_how(lv, tr),
        "answers": tr.join([tr.t(f"problem.{k}.name") for k in lv["problems"]]),
        "measure": tr.text(lv["measure"])} for lv in levers])
    demand = {int(k): float(v) for k, v in book["demand_by_month"].items()}
    ranked = sorted(demand, key=lambda m: -demand[m])
    month = lambda m: format_date(dt.date(2000, m, 1), "MMMM", locale=tr.locale)  # noqa: E731
    sector = sector_name(plan)
    notes = [tr.t("levers.formats", formats=tr.join([tr.t(f"format.{f}") for f in
                                                        book["formats"]])),
             tr.t("levers.tone", tone=tr.text(book["tone"])),
             tr.t("levers.seasonality", peaks=tr.join([month(m) for m in ranked[:2]]),
                  troughs=tr.join([month(m) for m in ranked[-2:]]),
                  source=book["demand_source"] if tr.language == "en" else "").strip()]
    if len(set(demand.values())) == 1:
        notes.pop()
    return [Html(render("heading.html.j2", level=3, id="identity-levers",
                        text=tr.t("levers.title", sector=sector))),
            Html(render("paragraph.html.j2", text=tr.t(
                "levers.intro", sector=sector, client=plan.brief.client.name))),
            plan.record.table("levers", "identity", tr.t("levers.title", sector=sector), frame,
                              [Column("lever", tr.t("levers.lever")),
                               Column("how", tr.t("levers.how")),
                               Column("answers", tr.t("levers.answers")),
                               Column("measure", tr.t("levers.measure"))]),
            Html(render("list.html.j2", items=notes, css="smm-note"))]
