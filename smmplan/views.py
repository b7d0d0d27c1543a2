"""What each notebook cell shows: sections of the plan built from the Plan's results.

Every view returns a ``Section`` (HTML fragments and figures) and records the figures and
tables it shows in ``plan.record``. Words go through ``plan.tr``; HTML is escaped Jinja.
"""

from __future__ import annotations

import base64

import pandas as pd

from . import charts
from .brief import platforms
from .plan import Plan
from .privacy import min_group
from .report import Column, FigureBlock, Html, render, static_output
from .safety import logo_bytes

TOC_MARKER = "<!--smm-toc-->"


class Section:
    """Blocks shown one after the other: in JupyterLab each is displayed on its own (figures
    with plotly's MIME type, interactive); in batch builds the section is one HTML output,
    the same markup, sent and recorded once instead of once per block."""

    def __init__(self, *blocks: Html | FigureBlock):
        self.blocks = list(blocks)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if static_output():
            display(Html(self.html()))
            return
        for block in self.blocks:
            display(block)

    def html(self) -> str:
        """The section as one HTML string (figures as their HTML form)."""
        parts = []
        for b in self.blocks:
            parts.append(b._repr_html_() if isinstance(b, Html) else b.html())
        return "\n".join(parts)


def _text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if luminance > 0.4 else "#FFFFFF"


def _logo_data_uri(plan: Plan) -> str | None:
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
        "cover.period_value", start=tr.date(c.period.start), end=tr.date(c.period.end),
        months=c.period.months,
    )
    return Section(Html(render(
        "cover.html.j2",
        primary=vi.primary_color, secondary=vi.secondary_color,
        on_primary=_text_on(vi.primary_color), on_secondary=_text_on(vi.secondary_color),
        title=tr.t("cover.title"), client=c.name, sector=c.sector, logo=_logo_data_uri(plan),
        labels={k: tr.t(f"cover.{k}") for k in ("prepared_for", "period", "prepared_by", "date")},
        period=period, author=c.author, date=tr.date(plan.date),
        toc_title=tr.t("toc.title"), toc_marker=TOC_MARKER, lang=c.language,
    )))


def executive_summary(plan: Plan) -> Section:
    """The decisions of every chapter, at the top of the plan."""
    tr = plan.tr
    return Section(Html(render(
        "summary.html.j2", title=tr.t("summary.title"),
        intro=tr.t("summary.intro", client=plan.brief.client.name), chapters=plan.summary(),
    )))


def chapter_heading(plan: Plan, chapter: str) -> Html:
    """A chapter's title (``<h2>``), anchored for the table of contents."""
    return Html(render("heading.html.j2", level=2, id=chapter,
                       text=plan.tr.t(f"chapter.{chapter}")))


def _section_heading(plan: Plan, key: str, id_: str) -> Html:
    return Html(render("heading.html.j2", level=3, id=id_, text=plan.tr.t(key)))


def _platform(key: str) -> str:
    return platforms()[key]["label"]


# --- Chapter 1: identity -------------------------------------------------------------

def identity_decisions(plan: Plan) -> list[str]:
    """The identity chapter's decisions in words (executive summary)."""
    tr, ident = plan.tr, plan.identity
    diag, mat, bench = ident.diagnosis, ident.maturity, ident.competitors
    out = []
    names = [tr.t(f"problem.{k}.name") for k in diag.fix_first]
    severe = [p for p in diag.problems if p.key in diag.fix_first and p.score >= 2]
    if severe:
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
            f"{o.name}: {o.description}" if o.description else o.name for o in b.offer
        ]),
    ]
    return Section(
        chapter_heading(plan, "identity"),
        Html(render("paragraph.html.j2",
                    text=tr.t("identity.intro", client=b.client.name), lead=True)),
        _section_heading(plan, "identity.canvas", "identity-canvas"),
        Html(render("cards.html.j2", cards=cards)),
    )


def tone_of_voice(plan: Plan) -> Section:
    """Tone-of-voice guide: adjectives, do and don't examples."""
    tr, tone = plan.tr, plan.brief.brand.tone_of_voice
    return Section(
        _section_heading(plan, "identity.tone", "identity-tone"),
        Html(render("tone.html.j2", intro=tr.t("identity.tone_intro",
                                                adjectives=tr.join(tone.adjectives)),
                    do_title=tr.t("identity.do"), dont_title=tr.t("identity.dont"),
                    do=tone.do, dont=tone.dont)),
    )


def diagnosis(plan: Plan) -> Section:
    """The seven problems: table, chart, and what the plan fixes first."""
    tr, diag = plan.tr, plan.identity.diagnosis
    frame = pd.DataFrame([{
        "rank": p.rank, "problem": p.key, "problem_name": tr.t(f"problem.{p.key}.name"),
        "score": p.score, "severity": tr.t(f"severity.{p.severity}"),
        "stage": tr.t(f"stage.{p.stage}"), "priority": p.priority, "evidence": p.evidence,
    } for p in sorted(diag.problems, key=lambda p: p.rank)])
    table = plan.record.table(
        "diagnosis", "identity", tr.t("identity.diagnosis"), frame,
        [Column("rank", tr.t("table.rank")), Column("problem_name", tr.t("table.problem")),
         Column("score", tr.t("table.score")), Column("severity", tr.t("table.severity")),
         Column("stage", tr.t("table.stage")), Column("priority", tr.t("table.priority")),
         Column("evidence", tr.t("table.evidence"))],
    )
    by_key = diag.by_key()
    if any(by_key[k].score >= 2 for k in diag.fix_first):
        items = [tr.t("identity.fix_first_item", problem=tr.t(f"problem.{k}.name"),
                      action=tr.t(f"problem.{k}.action"),
                      chapter=tr.t(f"chapter.{by_key[k].chapter}")) for k in diag.fix_first]
        fix = Html(render("list.html.j2", title=tr.t("identity.fix_first_title"), items=items,
                          ordered=True, css="smm-decision"))
    else:
        first = diag.fix_first[0] if diag.fix_first else diag.problems[0].key
        fix = Html(render("paragraph.html.j2", text=tr.t(
            "identity.nothing_severe", problem=tr.t(f"problem.{first}.name"))))
    return Section(
        _section_heading(plan, "identity.diagnosis", "identity-diagnosis"),
        Html(render("paragraph.html.j2", text=tr.t("identity.diagnosis_intro"))),
        plan.record.figure("problems", "identity",
                           charts.problems_chart(diag, tr, plan.theme)),
        fix,
        table,
    )


def maturity(plan: Plan) -> Section:
    """Digital maturity, its consequence and the roll-out phases."""
    tr, m = plan.tr, plan.identity.maturity
    channels = len(plan.brief.situation.channels)
    phases = pd.DataFrame([{
        "phase": phase, "phase_name": tr.t(f"maturity.phase.{phase}"), "months": months,
        "focus": tr.t(f"maturity.focus.{phase}"),
    } for phase, months in m.rollout_months.items() if months > 0])
    return Section(
        _section_heading(plan, "identity.maturity", "identity-maturity"),
        Html(render("paragraph.html.j2", text=tr.t(
            "identity.maturity_intro", infra=tr.number(m.infrastructure),
            culture=tr.number(m.culture), active=m.channels_active, channels=channels,
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
        values["platform"] = _platform(values["platform"])
    for k in ("mine", "median"):
        if k in values:
            values[k] = tr.percent(values[k], 2)
    if values.get("ratio") is not None:
        values["ratio"] = tr.number(values["ratio"], 1)
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
        _section_heading(plan, "identity.swot", "identity-swot"),
        Html(render("swot.html.j2", quadrants=quadrants, computed=tr.t("common.computed"))),
    )


def competitors(plan: Plan) -> Section:
    """Competitor benchmark: table and four charts, or a note when none are given."""
    tr, bench = plan.tr, plan.identity.competitors
    head = _section_heading(plan, "identity.competitors", "identity-competitors")
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
            n=len(bench.entities) - 1))),
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


def footer(plan: Plan) -> Section:
    """Provenance footer: smmplan version, date, SHA-256 of the brief and each data file."""
    tr, prov = plan.tr, plan.provenance()
    rows = [(tr.t("footer.brief"), prov["brief"]["name"], prov["brief"]["sha256"])]
    rows += [(tr.t("footer.data_file"), f["name"], f["sha256"]) for f in prov["data_files"]]
    return Section(Html(render(
        "footer.html.j2", generated=tr.t("footer.generated", version=prov["smmplan_version"],
                                         date=tr.date(plan.date)),
        sha_label=tr.t("footer.sha256"), rows=rows,
    )))


# --- Chapter 2: targets ----------------------------------------------------------------

def _feature(plan: Plan, name: str) -> str:
    if name == "age":
        return plan.tr.t("targets.feature_age")
    if name.startswith("days since "):
        return plan.tr.t("targets.feature_days_since", column=name[len("days since "):])
    return name


def _trait_phrase(plan: Plan, trait) -> str:
    if trait.kind == "category":
        return trait.value
    key = "targets.trait_high" if trait.z > 0 else "targets.trait_low"
    return plan.tr.t(key, feature=_feature(plan, trait.feature))


def persona_name(plan: Plan, persona, label: str | None = None) -> str:
    """A persona's name: declared, or its label (T1, L2.S1...) and two most distinctive
    traits."""
    if persona.declared:
        return persona.declared_name
    phrases = [_trait_phrase(plan, t) for t in persona.name_traits]
    base = " · ".join(phrases) if phrases else plan.tr.t("table.target")
    return f"{label or f'T{persona.id + 1}'} {base}"


def _trait_line(plan: Plan, trait) -> str:
    tr = plan.tr
    if trait.kind == "category":
        return tr.t("targets.trait_category", feature=trait.feature, value=trait.value,
                    share=tr.percent(trait.share), overall=tr.percent(trait.overall))
    return tr.t("targets.trait_numeric", feature=_feature(plan, trait.feature),
                mean=tr.number(trait.mean, 1), overall=tr.number(trait.overall, 1))


def _message(plan: Plan, persona) -> str:
    if persona.declared:
        return persona.declared_message
    brand = plan.brief.brand
    return plan.tr.t(f"targets.message.{persona.message}",
                     differentiator=brand.differentiators[0],
                     value_proposition=brand.value_proposition)


def targets_decisions(plan: Plan) -> list[str]:
    """The targets chapter's decisions in words (executive summary)."""
    tr, tg = plan.tr, plan.targets
    names = tr.join([f"{persona_name(plan, p)} ({tr.percent(p.share)})" if p.share else
                     persona_name(plan, p) for p in tg.personas])
    if tg.reason == "too_small":
        return [tr.t("summary_targets.too_small", rows=tr.number(tg.rows),
                     min=tr.number(tg.min_group))]
    if tg.declared:
        if not tg.personas:
            return [tr.t("summary_targets.none")]
        return [tr.t("summary_targets.declared", k=len(tg.personas), names=names)]
    return [tr.t("summary_targets.found", k=tg.k, rows=tr.number(tg.rows), names=names),
            tr.t("summary_targets.stability", ari=tr.number(tg.stability["ari_mean"], 2))]


def targets_intro(plan: Plan) -> Section:
    """Chapter heading and what the targets are based on."""
    tr, tg = plan.tr, plan.targets
    if tg.reason == "too_small":  # an audience too small to show groups of it
        text = tr.t("targets.intro_too_small", rows=tr.number(tg.rows),
                    min=tr.number(tg.min_group))
    elif tg.declared:
        text = tr.t("targets.intro_declared") if tg.personas else tr.t("targets.intro_none")
    else:
        text = tr.t("targets.intro", client=plan.brief.client.name, rows=tr.number(tg.rows))
    return Section(chapter_heading(plan, "targets"),
                   Html(render("paragraph.html.j2", text=text, lead=True)))


def target_selection(plan: Plan) -> Section:
    """How k was chosen: the sentence, the diagnostic chart, stability, method, columns."""
    tr, tg = plan.tr, plan.targets
    if tg.declared:
        return Section()
    chosen = next(r for r in tg.selection if r["k"] == tg.k)
    why = tr.t(f"targets.why_{tg.reason}", k=tg.k, silhouette=tr.number(chosen["silhouette"], 2),
               min_share=tr.percent(plan.brief.targets.min_share, 0))
    check = tr.t("targets.db_agrees") if tg.davies_bouldin_agrees else tr.t(
        "targets.db_disagrees", k_db=tg.davies_bouldin_k)
    stab = tr.t("targets.stability", n=tg.stability["bootstraps"],
                mean=tr.number(tg.stability["ari_mean"], 2),
                min=tr.number(tg.stability["ari_min"], 2))
    sel = pd.DataFrame(tg.selection)
    sel["min_share_pct"] = sel["min_share"] * 100
    yes_no = {True: tr.t("common_yes_no.true"), False: tr.t("common_yes_no.false")}
    cols = pd.DataFrame(tg.columns)
    cols["action_name"] = [tr.t(f"column.action.{a}") for a in cols["action"]]
    cols["kind_name"] = [tr.t(f"column.kind.{k}") for k in cols["kind"]]
    return Section(
        _section_heading(plan, "targets.selection", "targets-selection"),
        Html(render("paragraph.html.j2", text=f"{why} {check}", css="smm-decision")),
        plan.record.figure("k_selection", "targets", charts.k_selection_chart(
            tg.selection, tg.k, tr, plan.theme)),
        Html(render("paragraph.html.j2", text=stab)),
        plan.record.table(
            "k_selection", "targets", tr.t("targets.selection"), sel,
            [Column("k", tr.t("table.k")),
             Column("silhouette", tr.t("table.silhouette"), lambda v: tr.number(v, 3)),
             Column("davies_bouldin", tr.t("table.davies_bouldin"), lambda v: tr.number(v, 3)),
             Column("min_share_pct", tr.t("table.smallest"), lambda v: tr.percent(v)),
             Column("admissible", tr.t("table.admissible"), yes_no.get),
             Column("chosen", tr.t("table.chosen"), yes_no.get)]),
        Html(render("paragraph.html.j2", text=tr.t("targets.method"), css="smm-note")),
        plan.record.table(
            "audience_columns", "targets", tr.t("targets.data_notes"), cols,
            [Column("column", tr.t("table.column")),
             Column("action_name", tr.t("table.action")),
             Column("kind_name", tr.t("table.kind")),
             Column("coerced", tr.t("table.coerced"), lambda v: tr.number(v))]),
    )


def _persona_card(plan: Plan, p, label: str | None = None) -> dict:
    tr = plan.tr
    labels = platforms()
    if p.declared:
        channels = [tr.t("targets.channel_declared", platform=labels[c.platform]["label"])
                    for c in p.channels]
    else:
        channels = [tr.t("targets.channel_item", platform=labels[c.platform]["label"],
                         reach=tr.percent(c.reach, 0), index=tr.number(c.index or 0, 2))
                    for c in p.channels]
    value = None
    if p.value_mean is not None:
        value = tr.t("targets.persona_value", value=tr.money(p.value_mean),
                     index=tr.number(p.value_index or 0, 2),
                     share=tr.percent(p.value_share or 0))
    return {
        "name": persona_name(plan, p, label),
        "declared": tr.t("targets.declared") if p.declared else "",
        "description": p.declared_description,
        "size": tr.t("targets.persona_size", count=tr.number(p.size),
                     share=tr.percent(p.share)) if p.size else (
            tr.percent(p.share) if p.share else ""),
        "value": value,
        "traits": [_trait_line(plan, t) for t in p.traits],
        "channels": channels or [tr.t("targets.channels_none")],
        "message": _message(plan, p),
        "offer": p.offer or "",
        "labels": {"traits": tr.t("targets.traits"), "channels": tr.t("targets.channels"),
                   "message": tr.t("targets.message_title"), "offer": tr.t("targets.offer")},
    }


def target_personas(plan: Plan) -> Section:
    """One card per target, the sizes chart, and the targets table (tables/segments.csv)."""
    tr, tg = plan.tr, plan.targets
    if not tg.personas:
        return Section()
    names = [persona_name(plan, p) for p in tg.personas]
    frame = pd.DataFrame([{
        "target": f"T{p.id + 1}", "name": n, "people": p.size, "share": p.share,
        "value_mean": p.value_mean, "value_share": p.value_share, "value_index": p.value_index,
        "channels": ", ".join(platforms()[c.platform]["label"] for c in p.channels),
        "message": p.message if not p.declared else "declared", "offer": p.offer,
    } for p, n in zip(tg.personas, names, strict=True)])
    cols = [Column("name", tr.t("table.target")),
            Column("people", tr.t("table.people"), lambda v: tr.number(v)),
            Column("share", tr.t("table.share"), lambda v: tr.percent(v))]
    if any(p.value_mean is not None for p in tg.personas):
        cols += [Column("value_mean", tr.t("table.value_mean"), lambda v: tr.money(v)),
                 Column("value_share", tr.t("table.value_share"), lambda v: tr.percent(v)),
                 Column("value_index", tr.t("table.value_index"), lambda v: tr.number(v, 2))]
    cols += [Column("channels", tr.t("table.channels")), Column("offer", tr.t("table.offer"))]
    blocks = [_section_heading(plan, "targets.personas", "targets-personas"),
              Html(render("personas.html.j2",
                          cards=[_persona_card(plan, p) for p in tg.personas]))]
    if not tg.declared:
        blocks.append(plan.record.figure("segment_sizes", "targets", charts.segment_sizes_chart(
            names, [p.share for p in tg.personas], tr, plan.theme)))
    blocks.append(plan.record.table("segments", "targets", tr.t("targets.personas"), frame,
                                    cols))
    return Section(*blocks)


def target_map(plan: Plan) -> Section:
    """The profile heatmap and the 2-D map of a sample of the audience."""
    tr, tg = plan.tr, plan.targets
    if tg.declared:
        return Section()
    names = [persona_name(plan, p) for p in tg.personas]
    features = [_feature(plan, f) for f in tg.heatmap["features"]]
    return Section(
        plan.record.figure("segment_profiles", "targets", charts.profile_heatmap(
            names, features, tg.heatmap["z"], tr, plan.theme)),
        plan.record.figure("segment_map", "targets", charts.segment_map(
            tg.map_points, names, tg.explained, tr, plan.theme)),
    )


def sub_targets(plan: Plan) -> Section:
    """Per offer line: the targets it serves and its sub-targets."""
    tr, tg = plan.tr, plan.targets
    if tg.declared or not tg.lines:
        return Section()
    names = {p.id: persona_name(plan, p) for p in tg.personas}
    blocks = [_section_heading(plan, "targets.sub_targets", "targets-sub-targets")]
    if all(lt.method == "rule" for lt in tg.lines):
        blocks.append(Html(render("paragraph.html.j2", text=tr.t("targets.line_rule"),
                                  css="smm-note")))
    rows = []
    for number, lt in enumerate(tg.lines, start=1):
        served = [f"{names[s['target']]} ({tr.percent(s['share'])})" for s in lt.served
                  if s["share"] >= 10] or [names[s["target"]] for s in lt.served[:1]]
        notes = [tr.t("targets.line_served", targets=tr.join(served))] if lt.served else []
        if lt.method == "too_few_rows":
            notes.append(tr.t("targets.line_too_few", rows=lt.rows,
                              min=2 * min_group(lt.rows)))
        if lt.other:
            notes.append(tr.t("targets.line_other", n=lt.other, min=min_group(lt.rows)))
        cards = [_persona_card(plan, p, f"L{number}.S{p.id + 1}") for p in lt.sub_targets]
        blocks.append(Html(render("line.html.j2", title=lt.line, notes=notes, cards=cards)))
        rows += [{"line": lt.line, "sub_target": f"L{number}.S{p.id + 1}",
                  "name": persona_name(plan, p, f"L{number}.S{p.id + 1}"), "people": p.size,
                  "share": p.share,
                  "offer": p.offer} for p in lt.sub_targets]
    if rows:
        blocks.append(plan.record.table(
            "sub_targets", "targets", tr.t("targets.sub_targets"), pd.DataFrame(rows),
            [Column("line", tr.t("table.line")), Column("sub_target", tr.t("table.sub_target")),
             Column("name", tr.t("table.target")),
             Column("people", tr.t("table.people"), lambda v: tr.number(v)),
             Column("share", tr.t("table.share"), lambda v: tr.percent(v))]))
    blocks.append(Html(render("paragraph.html.j2", text=tr.t("targets.export_note"),
                              css="smm-note")))
    return Section(*blocks)


# --- Chapters 6 and 7: paid campaigns and budget, team and cost -------------------------

def _label(platform: str) -> str:
    return platforms()[platform]["label"]


def _gain(plan: Plan, value: float, reference: float) -> str:
    if not reference:
        return plan.tr.t("common.na")
    change = (value / reference - 1) * 100
    sign = "+" if change >= 0 else ""
    return sign + plan.tr.percent(change)


def budget_decisions(plan: Plan) -> list[str]:
    """The budget chapter's decisions in words (executive summary)."""
    tr, paid = plan.tr, plan.paid
    tot = paid.totals
    split = tr.join([f"{_label(c.platform)} {tr.money(c.spend)} "
                     f"({tr.percent(c.spend / paid.total * 100, 0)})"
                     for c in sorted(paid.channels, key=lambda c: -c.spend) if c.spend > 0])
    return [tr.t("summary_budget.split", split=split),
            tr.t("summary_budget.forecast", conversions=tr.number(tot["conversions"]),
                 cpa=tr.money(tot["cpa"], 2) if tot["cpa"] else tr.t("common.na"),
                 gain=_gain(plan, sum(c.conversions for c in paid.channels),
                            paid.equal_split_conversions))]


def team_decisions(plan: Plan) -> list[str]:
    """The team chapter's decisions in words (executive summary)."""
    tr, team = plan.tr, plan.team
    cost = {"in_house": team.in_house, "agency": team.agency, "freelancers": team.freelancers,
            "mixed": team.mixed}[team.cheapest]
    return [tr.t("summary_team.staffing", fte=tr.number(team.fte, 1),
                 option=tr.t(f"team.option.{team.cheapest}"), cost=tr.money(cost),
                 total=tr.money(team.total_cost["total"]))]


def budget_allocation(plan: Plan) -> Section:
    """Chapter heading, the split, the forecast per platform and why."""
    tr, paid = plan.tr, plan.paid
    tot = paid.totals
    conv = sum(c.conversions for c in paid.channels)
    low = sum(c.conversions_low for c in paid.channels)
    high = sum(c.conversions_high for c in paid.channels)
    blocks = [
        chapter_heading(plan, "budget"),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "budget.intro", total=tr.money(paid.total), aware=tr.percent(paid.awareness_share, 0),
            objective=tr.t(f"budget.objective.{paid.objective}")))),
        _section_heading(plan, "budget.allocation", "budget-allocation"),
        Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "budget.decision", conversions=tr.number(conv), low=tr.number(low),
            high=tr.number(high), cpa=tr.money(tot["cpa"], 2) if tot["cpa"] else
            tr.t("common.na"), equal=tr.number(paid.equal_split_conversions),
            gain=_gain(plan, conv, paid.equal_split_conversions)))),
    ]
    if paid.aov:
        blocks.append(Html(render("paragraph.html.j2", text=tr.t(
            "budget.roas", revenue=tr.money(tot["revenue"]), roas=tr.number(tot["roas"], 2)))))
    for ex in paid.excluded:
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.excluded", platform=_label(ex["platform"]),
            missing=", ".join(m.upper() for m in ex["missing"])))))
    frame = pd.DataFrame([{
        "platform": c.platform, "platform_name": _label(c.platform), "spend": c.spend,
        "awareness_spend": c.awareness_spend, "conversion_spend": c.conversion_spend,
        "impressions": c.impressions, "reach": c.reach, "clicks": c.clicks,
        "conversions": c.conversions, "conversions_low": c.conversions_low,
        "conversions_high": c.conversions_high, "cpa": c.cpa, "revenue": c.revenue,
        "roas": c.roas,
    } for c in paid.channels])
    frame["range"] = [f"{tr.number(lo)}–{tr.number(hi)}" for lo, hi in
                      zip(frame["conversions_low"], frame["conversions_high"], strict=True)]
    money, num = (lambda v: tr.money(v)), (lambda v: tr.number(v))
    cols = [Column("platform_name", tr.t("table.platform")),
            Column("spend", tr.t("table.spend"), money),
            Column("awareness_spend", tr.t("table.awareness"), money),
            Column("impressions", tr.t("table.impressions"), num),
            Column("reach", tr.t("table.reach"), num),
            Column("clicks", tr.t("table.clicks"), num),
            Column("conversions", tr.t("table.conversions"), num),
            Column("range", tr.t("table.range")),
            Column("cpa", tr.t("table.cpa"), lambda v: tr.money(v, 2))]
    if paid.aov:
        cols += [Column("revenue", tr.t("table.revenue"), money),
                 Column("roas", tr.t("table.roas"), lambda v: tr.number(v, 2))]
    if paid.by_target:
        names = {p.id: persona_name(plan, p) for p in plan.targets.personas}
        split = pd.DataFrame(paid.by_target)
        split["platform_name"] = [_label(p) for p in split["platform"]]
        split["target_name"] = [names.get(t, f"T{t + 1}") for t in split["target"]]
        split_cols = [Column("platform_name", tr.t("table.platform")),
                      Column("target_name", tr.t("table.target")),
                      Column("audience", tr.t("table.audience"), lambda v: tr.number(v)),
                      Column("spend", tr.t("table.spend"), lambda v: tr.money(v)),
                      Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v))]
        if paid.aov:
            split_cols.append(Column("revenue", tr.t("table.revenue"), lambda v: tr.money(v)))
        blocks.append(plan.record.table("budget_by_target", "budget",
                                        tr.t("budget.by_target"), split, split_cols))
    settings = plan.brief.budget.paid
    min_useful = settings.min_useful_spend if settings.min_useful_spend is not None else \
        0.05 * paid.total * (1 - paid.awareness_share / 100)
    blocks += [
        plan.record.figure("allocation", "budget", charts.allocation_chart(
            list(frame["platform"]), list(frame["awareness_spend"]),
            list(frame["conversion_spend"]), tr, plan.theme)),
        plan.record.table("budget", "budget", tr.t("budget.allocation"), frame, cols),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.method", frequency=tr.number(3), min_useful=tr.money(min_useful)))),
    ]
    return Section(*blocks)


def budget_scenarios(plan: Plan) -> Section:
    """Budget sweep with marginal cost and break-even, and low / mid / high scenarios."""
    tr, paid = plan.tr, plan.paid
    conv_budget = paid.total * (1 - paid.awareness_share / 100)
    if paid.break_even_cpa is None:
        text = tr.t("budget.break_even_unknown")
    elif paid.break_even_budget is None:
        text = tr.t("budget.break_even_none", cpa=tr.money(paid.break_even_cpa, 2))
    else:
        text = tr.t("budget.break_even", cpa=tr.money(paid.break_even_cpa, 2),
                    budget=tr.money(paid.break_even_budget))
    scen = pd.DataFrame([{"scenario": k, "scenario_name": tr.t(f"budget.scenario.{k}"), **v}
                         for k, v in paid.scenarios.items()])
    cols = [Column("scenario_name", tr.t("table.scenario")),
            Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v)),
            Column("cpa", tr.t("table.cpa"), lambda v: tr.money(v, 2))]
    if paid.aov:
        cols += [Column("revenue", tr.t("table.revenue"), lambda v: tr.money(v)),
                 Column("roas", tr.t("table.roas"), lambda v: tr.number(v, 2))]
    sweep = pd.DataFrame(paid.sweep)
    funded = [c for c in paid.channels if c.conversion_spend > 0]
    by_scenario = {"low": [c.conversions_low for c in funded],
                   "mid": [c.conversions for c in funded],
                   "high": [c.conversions_high for c in funded]}
    return Section(
        _section_heading(plan, "budget.scenarios", "budget-scenarios"),
        Html(render("paragraph.html.j2", css="smm-decision", text=text)),
        plan.record.figure("budget_scenarios", "budget", charts.scenario_chart(
            [c.platform for c in funded], by_scenario,
            {k: tr.t(f"budget.scenario.{k}") for k in by_scenario}, tr, plan.theme)),
        plan.record.figure("budget_sweep", "budget", charts.sweep_chart(
            paid.sweep, paid.break_even_cpa, conv_budget, tr, plan.theme)),
        plan.record.table("budget_scenarios", "budget", tr.t("budget.scenarios"), scen, cols),
        plan.record.table(
            "budget_sweep", "budget", tr.t("chart.sweep_title"), sweep,
            [Column("budget", tr.t("table.budget"), lambda v: tr.money(v)),
             Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v)),
             Column("marginal_cpa", tr.t("table.marginal_cpa"), lambda v: tr.money(v, 2))]),
    )


def budget_forecast(plan: Plan) -> Section:
    """Monthly phasing, what to sponsor, and the sources of every rate."""
    tr, paid = plan.tr, plan.paid
    monthly = pd.DataFrame(paid.monthly)
    monthly["platform_name"] = [_label(p) for p in monthly["platform"]]
    monthly["month_name"] = [tr.month(pd.Timestamp(m).date()) for m in monthly["month"]]
    sponsor = pd.DataFrame(paid.sponsor)
    sponsor["name"] = [tr.t(f"budget.content.{c}") if r == "rule" else c
                       for c, r in zip(sponsor["content_type"], sponsor["basis"], strict=True)]
    yes_no = {True: tr.t("common_yes_no.true"), False: tr.t("common_yes_no.false")}
    basis = "history" if (sponsor["basis"] == "history").any() else "rule"
    rates = []
    for m in paid.models:
        for metric in ("cpm", "ctr", "cvr"):
            r = m[metric]
            rates.append({"platform": m["platform"], "platform_name": _label(m["platform"]),
                          "metric": metric.upper(), "low": r["low"], "mid": r["mid"],
                          "high": r["high"], "basis": r["basis"],
                          "sources": "; ".join(r["sources"]), "audience": m["audience"]})
    rates = pd.DataFrame(rates)
    rate = lambda v: tr.number(v, 2)  # noqa: E731
    blocks = [
        _section_heading(plan, "budget.forecast", "budget-forecast"),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t("budget.forecast_note"))),
        plan.record.figure("monthly_forecast", "budget",
                           charts.monthly_chart(paid.monthly, tr, plan.theme)),
        plan.record.table(
            "budget_monthly", "budget", tr.t("budget.forecast"), monthly,
            [Column("month_name", tr.t("table.month")),
             Column("platform_name", tr.t("table.platform")),
             Column("spend", tr.t("table.spend"), lambda v: tr.money(v)),
             Column("impressions", tr.t("table.impressions"), lambda v: tr.number(v)),
             Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v, 1))]),
        _section_heading(plan, "budget.sponsor", "budget-sponsor"),
        Html(render("paragraph.html.j2", text=tr.t(f"budget.sponsor_{basis}"))),
        plan.record.table(
            "sponsor", "budget", tr.t("budget.sponsor"), sponsor,
            [Column("name", tr.t("table.content_type")),
             Column("posts", tr.t("table.posts"), lambda v: tr.number(v)),
             Column("engagement_rate", tr.t("table.engagement_rate"),
                    lambda v: tr.percent(v, 2)),
             Column("sponsor", tr.t("table.sponsor"), yes_no.get)]),
        _section_heading(plan, "budget.sources", "budget-sources"),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.rate_source", rate=tr.number(paid.rate, 4), source=paid.rate_source))),
    ]
    if paid.history:
        rows = sum(p.get("rows", 0) for p in paid.history["platforms"].values())
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.history", rows=rows, file=paid.history["file"]))))
    blocks.append(plan.record.table(
        "benchmarks", "budget", tr.t("budget.sources"), rates,
        [Column("platform_name", tr.t("table.platform")), Column("metric", tr.t("table.metric")),
         Column("low", tr.t("table.low"), rate),
         Column("mid", tr.t("table.mid"), rate),
         Column("high", tr.t("table.high"), rate),
         Column("basis", tr.t("table.basis")), Column("sources", tr.t("table.sources"))]))
    return Section(*blocks)


def team_roles(plan: Plan) -> Section:
    """Chapter heading, roles with FTE and cost per sourcing option, the decision."""
    tr, team = plan.tr, plan.team
    cost = {"in_house": team.in_house, "agency": team.agency, "freelancers": team.freelancers,
            "mixed": team.mixed}[team.cheapest]
    frame = pd.DataFrame([{
        "role": r.role, "role_name": tr.t(f"team.role.{r.role}"), "fte": r.fte,
        "annual_pay": r.annual_pay, "in_house": r.cost, "freelance": r.freelance,
        "agency": r.agency, "best": r.best, "best_name": tr.t(f"team.best.{r.best}"),
    } for r in team.roles])
    money = lambda v: tr.money(v)  # noqa: E731
    notes = []
    for note in team.notes:
        notes.append(tr.t(f"team.note.{note}", budget=tr.money(plan.brief.budget.team),
                          cost=tr.money(cost)))
    return Section(
        chapter_heading(plan, "team"),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "team.intro", fte=tr.number(team.fte, 1), channels=team.channels,
            posts=tr.number(team.posts_per_week, 1)))),
        _section_heading(plan, "team.roles", "team-roles"),
        Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "team.decision", option=tr.t(f"team.option.{team.cheapest}"),
            cost=tr.money(cost)))),
        plan.record.table(
            "team", "team", tr.t("team.roles"), frame,
            [Column("role_name", tr.t("table.role")),
             Column("fte", tr.t("table.fte"), lambda v: tr.number(v, 2)),
             Column("annual_pay", tr.t("table.pay"), money),
             Column("in_house", tr.t("table.in_house"), money),
             Column("freelance", tr.t("table.freelance"), money),
             Column("agency", tr.t("table.agency"), money),
             Column("best_name", tr.t("table.best"))]),
        *[Html(render("paragraph.html.j2", css="smm-note", text=n)) for n in notes],
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t("team.sizing"))),
    )


def team_costs(plan: Plan) -> Section:
    """The plan's total cost, ROI including the team, and the monthly P&L."""
    tr, team = plan.tr, plan.team
    c = team.total_cost
    paid = plan.paid
    margin_value = (team.revenue or 0) * ((paid.margin or 100) / 100)
    roi = tr.t("team.roi", margin=tr.money(margin_value), total=tr.money(c["total"]),
               roi=tr.percent(team.roi, 0)) if team.roi is not None else tr.t(
        "team.roi_unknown")
    items = pd.DataFrame([{"item": k, "item_name": tr.t(f"team.cost.{k}"), "amount": c[k]}
                          for k in ("team", "ads", "production", "tools")])
    pnl = pd.DataFrame(team.monthly)
    pnl["month_name"] = [tr.month(pd.Timestamp(m).date()) for m in pnl["month"]]
    money = lambda v: tr.money(v)  # noqa: E731
    return Section(
        _section_heading(plan, "team.costs", "team-costs"),
        Html(render("paragraph.html.j2", text=tr.t(
            "team.total", total=tr.money(c["total"]), team=tr.money(c["team"]),
            ads=tr.money(c["ads"]), production=tr.money(c["production"]),
            tools=tr.money(c["tools"])))),
        Html(render("paragraph.html.j2", css="smm-decision", text=roi)),
        plan.record.figure("plan_cost", "team", charts.cost_chart(c, tr, plan.theme)),
        plan.record.table("plan_cost", "team", tr.t("team.costs"), items,
                          [Column("item_name", tr.t("table.item")),
                           Column("amount", tr.t("table.amount"), money)]),
        _section_heading(plan, "team.pnl", "team-pnl"),
        plan.record.figure("pnl", "team", charts.pnl_chart(team.monthly, tr, plan.theme)),
        plan.record.table(
            "pnl", "team", tr.t("team.pnl"), pnl,
            [Column("month_name", tr.t("table.month")),
             Column("revenue", tr.t("table.revenue"), money),
             Column("gross_margin", tr.t("chart.gross_margin"), money),
             Column("result", tr.t("table.result"), money),
             Column("cumulative", tr.t("table.cumulative"), money)]),
    )


# --- Chapters 4 and 5: channels and content, community and crisis ------------------------

def _weekday(plan: Plan, n: int) -> str:
    from babel.dates import get_day_names

    return get_day_names("wide", locale=plan.brief.locale)[n]


def channels_decisions(plan: Plan) -> list[str]:
    """The channels chapter's decisions in words (executive summary)."""
    tr, ch = plan.tr, plan.channels
    kept = [f"{_label(c.platform)} ({tr.t(f'channels.role.{c.role}')})"
            for c in ch.choices if c.kept]
    return [tr.t("summary_channels.kept", channels=tr.join(kept),
                 posts=tr.number(ch.planned_posts, 1))]


def community_decisions(plan: Plan) -> list[str]:
    """The community chapter's decisions in words (executive summary)."""
    tr, cm = plan.tr, plan.community
    if cm.negative_per_day is not None:
        triggers = tr.join([tr.t("community.level", n=lv["level"]) + " > " +
                            tr.number(lv["trigger_per_day"], 1) for lv in cm.levels])
    else:
        triggers = tr.t("community.baseline_none").split(":")[0]
    hours = tr.join(sorted({tr.t("community.hours", n=h) for h in cm.response_hours.values()}))
    return [tr.t("summary_community.crisis", triggers=triggers, hours=hours)]


def channel_choice(plan: Plan) -> Section:
    """Chapter heading, scores, roles and the reason for every platform dropped."""
    tr, ch = plan.tr, plan.channels
    kept = [c for c in ch.choices if c.kept]
    dropped = [c for c in ch.choices if not c.kept]
    text = tr.t("channels.decision", kept=tr.join([_label(c.platform) for c in kept]),
                dropped=tr.join([_label(c.platform) for c in dropped])) if dropped else \
        tr.t("channels.decision_all", kept=tr.join([_label(c.platform) for c in kept]))
    frame = pd.DataFrame([{
        "platform": c.platform, "platform_name": _label(c.platform), "score": c.score,
        "audience_fit": c.audience_fit * 100, "objective_fit": c.objective_fit * 100,
        "presence": c.presence * 100,
        "role": tr.t(f"channels.role.{c.role}") if c.role else "",
        "posts_per_week": c.posts_per_week if c.kept else None,
        "reason": tr.t(f"channels.reason.{c.reason}", n=len(kept)),
    } for c in ch.choices])
    pct = lambda v: tr.percent(v, 0)  # noqa: E731
    return Section(
        chapter_heading(plan, "channels"),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "channels.intro", client=plan.brief.client.name))),
        _section_heading(plan, "channels.choice", "channels-choice"),
        Html(render("paragraph.html.j2", css="smm-decision", text=text)),
        plan.record.table(
            "channels", "channels", tr.t("channels.choice"), frame,
            [Column("platform_name", tr.t("table.platform")),
             Column("score", tr.t("table.score_100"), lambda v: tr.number(v, 1)),
             Column("audience_fit", tr.t("table.audience_fit"), pct),
             Column("role", tr.t("table.role")),
             Column("posts_per_week", tr.t("table.posts_per_week"), lambda v: tr.number(v, 1)),
             Column("reason", tr.t("table.detail"))]),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t("channels.score_method"))),
    )


def content_plan(plan: Plan) -> Section:
    """Frequency and capacity, pillars, formats per channel, one message adapted."""
    tr, ch, brand = plan.tr, plan.channels, plan.brief.brand
    content_fte = sum(r.fte for r in plan.team.roles
                      if r.role in ("content_manager", "social_media_manager"))
    blocks = [_section_heading(plan, "channels.frequency", "channels-frequency"),
              Html(render("paragraph.html.j2", text=tr.t(
                  "channels.capacity", capacity=tr.number(ch.capacity_posts, 1),
                  fte=tr.number(content_fte, 2), planned=tr.number(ch.planned_posts, 1))))]
    if ch.overloaded:
        current = sum(c.posts_per_week or 0 for c in plan.brief.situation.channels)
        blocks.append(Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "channels.overloaded", current=tr.number(current, 1),
            capacity=tr.number(ch.capacity_posts, 1)))))
    pillars = pd.DataFrame([{"pillar": p["key"], "name": tr.t(f"pillar.{p['key']}"),
                             "role": tr.t(f"channels.role.{p['role']}"),
                             "weight": p["weight"]} for p in ch.pillars])
    diff = brand.differentiators[0]
    cards = [(f"{_label(platform)} · " + ", ".join(tr.t(f"format.{f}") for f in formats),
              [tr.t(f"adapt.{platform}", brand=plan.brief.client.name, differentiator=diff,
                    differentiator_lower=diff[:1].lower() + diff[1:])])
             for platform, formats in ch.mix.items()]
    blocks += [
        _section_heading(plan, "channels.pillars", "channels-pillars"),
        Html(render("paragraph.html.j2", text=tr.t("channels.pillars_intro"))),
        plan.record.table("pillars", "channels", tr.t("channels.pillars"), pillars,
                          [Column("name", tr.t("channels.pillars")),
                           Column("role", tr.t("table.role")),
                           Column("weight", tr.t("table.share"), lambda v: tr.percent(v))]),
        _section_heading(plan, "channels.adapted", "channels-adapted"),
        Html(render("cards.html.j2", cards=cards)),
    ]
    return Section(*blocks)


def calendar_view(plan: Plan) -> Section:
    """Best windows, the calendar (first month as a grid, counts per month), key dates,
    approval flow."""
    tr, ch = plan.tr, plan.channels
    rows = []
    for platform, wins in ch.windows.items():
        for w in wins:
            rows.append({"platform": platform, "platform_name": _label(platform),
                         "weekday": w.weekday, "weekday_name": _weekday(plan, w.weekday),
                         "hour": w.hour, "rate": w.rate, "posts": w.posts})
    windows = pd.DataFrame(rows)
    slots = pd.DataFrame([vars(s) for s in ch.slots])
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
    dates = pd.DataFrame(ch.key_dates or [{"date": "", "name": "", "kind": ""}])
    approval = pd.DataFrame([{
        "content": tr.t(f"approval_content.{a['content']}"),
        "draft": tr.t(f"approval_role.{a['draft']}"),
        "approve": tr.t(f"approval_role.{a['approve']}"),
        "publish": tr.t(f"approval_role.{a['publish']}")} for a in ch.approval])
    blocks = [
        _section_heading(plan, "channels.windows", "channels-windows"),
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            f"channels.windows_{ch.windows_basis}"))),
        plan.record.table(
            "windows", "channels", tr.t("channels.windows"), windows,
            [Column("platform_name", tr.t("table.platform")),
             Column("weekday_name", tr.t("channels.weekday")),
             Column("hour", tr.t("channels.hour"), lambda v: f"{int(v):02d}:00"),
             Column("rate", tr.t("table.engagement_rate"), lambda v: tr.percent(v, 2)),
             Column("posts", tr.t("table.posts"), lambda v: tr.number(v) if v else "")]),
        _section_heading(plan, "channels.calendar", "channels-calendar"),
        Html(render("paragraph.html.j2", text=tr.t(
            "channels.calendar_intro", posts=tr.number(len(ch.slots)),
            sponsored=tr.number(sponsored)))),
        Html(render("month.html.j2", title=tr.t("channels.month_view") + " · " +
                    tr.month(first), weekdays=[_weekday(plan, i)[:3] for i in range(7)],
                    weeks=grid)),
    ]
    if len(counts):
        cols = [Column("month_name", tr.t("table.month"))] + [
            Column(p, _label(p), lambda v: tr.number(v)) for p in counts.columns
            if p not in ("month", "month_name")]
        blocks.append(plan.record.table("calendar_months", "channels",
                                        tr.t("channels.count_by_month"), counts, cols))
    blocks += [
        plan.record.table("key_dates", "channels", tr.t("channels.key_dates"), dates,
                          [Column("date", tr.t("table.date"),
                                  lambda v: tr.date(pd.Timestamp(v).date()) if v else ""),
                           Column("name", tr.t("channels.key_dates"))]),
        _section_heading(plan, "channels.approval", "channels-approval"),
        plan.record.table("approval", "channels", tr.t("channels.approval"), approval,
                          [Column("content", tr.t("table.content_type")),
                           Column("draft", tr.t("table.draft")),
                           Column("approve", tr.t("table.approve")),
                           Column("publish", tr.t("table.publish"))]),
    ]
    return Section(*blocks)


def _month_grid(plan: Plan, first) -> list[list[dict]]:
    """Weeks of the first plan month, each day with its posts and key dates."""
    import calendar as cal

    tr, ch = plan.tr, plan.channels
    by_day: dict[str, list[str]] = {}
    for s in ch.slots:
        if s.date[:7] == first.isoformat()[:7]:
            mark = f" · {tr.t('channels.sponsored')}" if s.sponsored else ""
            by_day.setdefault(s.date, []).append(
                f"{s.time} {_label(s.platform)}: {tr.t(f'pillar.{s.pillar}')}{mark}")
    dates = {d["date"]: d["name"] for d in ch.key_dates}
    weeks = []
    for week in cal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([{"day": d.day, "in_month": d.month == first.month,
                       "items": by_day.get(d.isoformat(), []),
                       "key_date": dates.get(d.isoformat(), "")} for d in week])
    return weeks


def calendar_files(plan: Plan) -> dict[str, bytes]:
    """calendar.csv and calendar.ics, delivered beside the plan."""
    from .content import to_csv, to_ics

    tr, ch = plan.tr, plan.channels
    titles = {"calendar": tr.t("channels.calendar"), "sponsored": tr.t("channels.sponsored")}
    titles.update({p["key"]: tr.t(f"pillar.{p['key']}") for p in ch.pillars})
    titles.update({f: tr.t(f"format.{f}") for formats in ch.mix.values() for f in formats})
    return {"calendar.csv": to_csv(ch.slots, ch.key_dates).encode("utf-8"),
            "calendar.ics": to_ics(ch.slots, ch.key_dates, ch.timezone,
                                   plan.brief.client.name, titles)}


def community_playbook(plan: Plan) -> Section:
    """Situations with guideline, action and example reply; response times; rules."""
    tr, cm, name = plan.tr, plan.community, plan.brief.client.name
    rows = [{"situation": s["situation"],
             "name": tr.t(f"community.situation.{s['situation']}"),
             "action": tr.t(f"community.action.{s['action']}"),
             "guideline": tr.t(f"community.guideline.{s['situation']}"),
             "example": tr.t(f"community.example.{s['situation']}",
                             answer_hint=tr.t("community.answer_hint"),
                             signature=tr.t("community.signature", brand=name))}
            for s in cm.situations]
    response = [tr.t("community.response_item", platform=_label(p), hours=h)
                for p, h in cm.response_hours.items()]
    rules = [tr.t(f"community.rule.{k}") for k in ("answer", "hide", "delete", "escalate")]
    return Section(
        chapter_heading(plan, "community"),
        Html(render("paragraph.html.j2", lead=True, text=tr.t("community.intro",
                                                              client=name))),
        _section_heading(plan, "community.playbook", "community-playbook"),
        plan.record.table(
            "playbook", "community", tr.t("community.playbook"), pd.DataFrame(rows),
            [Column("name", tr.t("table.situation")),
             Column("action", tr.t("table.action")),
             Column("guideline", tr.t("table.guideline")),
             Column("example", tr.t("table.example"))]),
        Html(render("list.html.j2", title=tr.t("community.response"), items=response)),
        Html(render("list.html.j2", title=tr.t("community.rules"), items=rules)),
    )


def crisis_playbook(plan: Plan) -> Section:
    """Severity levels with measurable triggers, escalation, holding statements, follow-up."""
    tr, cm = plan.tr, plan.community
    if cm.negative_per_day is not None:
        base = tr.t("community.baseline", comments=tr.number(cm.baseline_comments_per_day, 1),
                    negative=tr.number(cm.negative_per_day, 1), share=tr.percent(10, 0))
    else:
        base = tr.t("community.baseline_none")
    rows = []
    for lv in cm.levels:
        trigger = tr.t(f"community.trigger_qualitative.{lv['level']}")
        if lv["trigger_per_day"] is not None:
            trigger = tr.t("community.trigger_value", count=tr.number(lv["trigger_per_day"], 1),
                           multiple=lv["multiple"]) + "; " + trigger
        rows.append({"level": lv["level"], "name": tr.t("community.level", n=lv["level"]),
                     "trigger": trigger, "owner": tr.t(f"approval_role.{lv['owner']}"),
                     "hours": tr.t("community.hours", n=lv["hours"])})
    holding = [tr.t(f"community.holding_{n}", topic="[…]", time="[…]", facts="[…]",
                    action="[…]") for n in (1, 2, 3)]
    monitor = [tr.t(f"community.monitor.m{i}") for i in range(1, 6)]
    return Section(
        _section_heading(plan, "community.crisis", "community-crisis"),
        Html(render("paragraph.html.j2", css="smm-decision", text=base)),
        plan.record.table(
            "crisis_levels", "community", tr.t("community.crisis"), pd.DataFrame(rows),
            [Column("name", tr.t("community.level", n="").strip()),
             Column("trigger", tr.t("community.trigger")),
             Column("owner", tr.t("community.owner")),
             Column("hours", tr.t("community.within"))]),
        Html(render("list.html.j2", title=tr.t("community.holding"), items=holding,
                    ordered=True)),
        Html(render("list.html.j2", title=tr.t("community.after"), items=monitor)),
    )


# --- Chapter 3: objectives and KPIs ---------------------------------------------------------

def _kpi_value(plan: Plan, kpi: str, value: float | None) -> str:
    from .objectives import kpi_catalogue

    tr = plan.tr
    if value is None:
        return tr.t("common.na")
    unit = kpi_catalogue()[kpi]["unit"]
    if unit == "percent":
        return tr.percent(value, 2)
    if unit == "money":
        return tr.money(value, 2)
    if unit in ("ratio", "per_post"):
        return tr.number(value, 2)
    return tr.number(value)


def _role_name(plan: Plan, role: str) -> str:
    """A role's name: the approval-flow wording, else the team chapter's."""
    key = f"approval_role.{role}"
    return plan.tr.t(key) if plan.tr.has(key) else plan.tr.t(f"team.role.{role}")


def objectives_decisions(plan: Plan) -> list[str]:
    """The objectives chapter's decisions in words (executive summary)."""
    tr, ob = plan.tr, plan.objectives
    items = [f"{tr.t(f'kpi.{o.kpi}')} {_kpi_value(plan, o.kpi, o.baseline.value)} → "
             f"{_kpi_value(plan, o.kpi, o.target)}" for o in ob.objectives
             if o.target is not None and not o.from_brief]
    out = [tr.t("summary_objectives.headline", n=len(ob.objectives),
                measured=sum(o.baseline.basis == "data" for o in ob.objectives),
                list=tr.join(items))]
    flagged = [o.goal or tr.t(f"objective.{o.objective}") for o in ob.objectives
               if not o.realistic]
    if flagged:
        out.append(tr.t("summary_objectives.flagged", goals=tr.join(flagged)))
    return out


def objectives_smart(plan: Plan) -> Section:
    """Heading, the problem -> objective -> KPI tree, SMART objectives, realism flags."""
    tr, ob = plan.tr, plan.objectives
    tree_items = []
    for o in ob.objectives:
        head = (tr.t(f"problem.{o.problem}.name") if o.problem else o.goal)
        kpis = ", ".join(tr.t(f"kpi.{k}") for k in o.kpis)
        tree_items.append(f"{head} → {tr.t(f'objective.{o.objective}')} "
                          f"({tr.t(f'stage.{o.stage}')}) → {kpis}")
    frame = pd.DataFrame([{
        "objective": tr.t(f"objective.{o.objective}") if not o.from_brief else o.goal,
        "kpi": tr.t(f"kpi.{o.kpi}"),
        "baseline": _kpi_value(plan, o.kpi, o.baseline.value),
        "basis": tr.t(f"objectives.basis.{o.baseline.basis}"),
        "target": _kpi_value(plan, o.kpi, o.target),
        "deadline": tr.date(pd.Timestamp(o.deadline).date()),
        "owner": _role_name(plan, o.owner),
        "source": tr.t(f"objectives.source.{o.source}"),
        "review": tr.t(f"objectives.frequency.{o.review}"),
        "kpi_id": o.kpi, "baseline_value": o.baseline.value, "target_value": o.target,
    } for o in ob.objectives])
    notes = []
    for o in ob.objectives:
        if o.baseline.basis == "not_measurable":
            notes.append(tr.t("objectives.not_measurable", kpi=tr.t(f"kpi.{o.kpi}"),
                              needs=o.baseline.detail))
        if o.required_monthly is not None:
            key = "objectives.realistic" if o.realistic else "objectives.unrealistic"
            name = o.goal or tr.t(f"objective.{o.objective}")
            notes.append(tr.t(key, goal=name, target=_kpi_value(plan, o.kpi, o.target),
                              required=tr.percent(o.required_monthly, 1),
                              months=plan.brief.goals.horizon_months,
                              max=tr.percent(o.max_monthly, 1)))
    series = [(tr.t(f"kpi.{o.kpi}"), o.trajectory, o.baseline.value) for o in ob.objectives
              if o.trajectory and o.baseline.value]
    blocks = [
        chapter_heading(plan, "objectives"),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "objectives.intro", client=plan.brief.client.name))),
        _section_heading(plan, "objectives.tree", "objectives-tree"),
        Html(render("list.html.j2", items=tree_items, css="smm-decision")),
        _section_heading(plan, "objectives.smart", "objectives-smart"),
        plan.record.table("objectives", "objectives", tr.t("objectives.smart"), frame,
                          [Column("objective", tr.t("table.objective")),
                           Column("kpi", tr.t("table.kpi")),
                           Column("baseline", tr.t("table.baseline")),
                           Column("basis", tr.t("table.basis")),
                           Column("target", tr.t("table.target")),
                           Column("deadline", tr.t("table.deadline")),
                           Column("owner", tr.t("table.owner")),
                           Column("review", tr.t("table.review"))]),
        *[Html(render("paragraph.html.j2", css="smm-decision", text=n)) for n in notes],
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t("objectives.target_rule"))),
    ]
    if series:
        blocks += [_section_heading(plan, "objectives.trajectory", "objectives-trajectory"),
                   plan.record.figure("trajectory", "objectives", charts.trajectory_chart(
                       [tr.month(pd.Timestamp(m).date()) for m in ob.months], series, tr,
                       plan.theme))]
    return Section(*blocks)


def objectives_measurement(plan: Plan) -> Section:
    """Measurement plan, post-history analysis and landing pages."""
    tr, ob = plan.tr, plan.objectives
    frame = pd.DataFrame([{
        "kpi": tr.t(f"kpi.{m['kpi']}"), "source": tr.t(f"objectives.source.{m['source']}"),
        "frequency": tr.t(f"objectives.frequency.{m['frequency']}"),
        "owner": _role_name(plan, m["owner"]),
        "alert": tr.t("objectives.alert", n=tr.percent(m["alert"], 0))} for m in ob.measurement])
    blocks = [_section_heading(plan, "objectives.measurement", "objectives-measurement"),
              plan.record.table("measurement", "objectives", tr.t("objectives.measurement"),
                                frame, [Column("kpi", tr.t("table.kpi")),
                                        Column("source", tr.t("table.source")),
                                        Column("frequency", tr.t("table.frequency")),
                                        Column("owner", tr.t("table.owner")),
                                        Column("alert", tr.t("table.alert"))])]
    h = ob.history
    if h:
        blocks.append(_section_heading(plan, "objectives.history", "objectives-history"))
        found = {k: v for k, v in h.get("issues", {}).items() if v}
        if found:
            blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                "objectives.issues", items=tr.join([tr.t(f"objectives.issue.{k}", n=v)
                                                    for k, v in found.items()])))))
        by_type = pd.DataFrame(h["by_type"])
        blocks.append(plan.record.table(
            "engagement_by_type", "objectives", tr.t("objectives.history"), by_type,
            [Column("content_type", tr.t("table.content_type")),
             Column("posts", tr.t("table.posts"), lambda v: tr.number(v)),
             Column("rate", tr.t("table.engagement_rate"), lambda v: tr.percent(v, 2)),
             Column("reach", tr.t("table.reach"), lambda v: tr.number(v))]))
        if "paid_vs_organic" in h and {"paid", "organic"} <= set(h["paid_vs_organic"]):
            pv = h["paid_vs_organic"]
            blocks.append(Html(render("paragraph.html.j2", text=tr.t(
                "objectives.paid_vs_organic", paid=tr.percent(pv["paid"]["rate"], 2),
                organic=tr.percent(pv["organic"]["rate"], 2)))))
        names = [_weekday(plan, i) for i in range(7)]
        blocks.append(plan.record.figure("posting_heatmap", "objectives",
                                         charts.posting_heatmap(h["heatmap"], names, tr,
                                                                plan.theme)))
    if ob.landing_pages:
        pages = pd.DataFrame(ob.landing_pages)
        blocks += [_section_heading(plan, "objectives.web", "objectives-web"),
                   plan.record.table(
                       "landing_pages", "objectives", tr.t("objectives.web"), pages,
                       [Column("landing_page", tr.t("table.landing_page")),
                        Column("sessions", tr.t("table.sessions"), lambda v: tr.number(v)),
                        Column("conversion_rate", tr.t("table.conversion_rate"),
                               lambda v: tr.percent(v, 2)),
                        Column("bounce_rate", tr.t("table.bounce_rate"),
                               lambda v: tr.percent(v, 1))])]
    return Section(*blocks)


# --- Tracking report --------------------------------------------------------------------------

_FIX = {"engagement_rate_reach": "engagement", "engagement_rate_followers": "engagement",
        "engagement_rate_impressions": "engagement", "conversation_rate": "engagement",
        "applause_rate": "engagement", "reach_per_post": "reach",
        "amplification_rate": "reach", "virality_rate": "reach",
        "audience_growth_rate": "reach", "social_sessions": "traffic",
        "bounce_rate": "conversion", "social_conversion_rate": "conversion", "cpa": "conversion",
        "roas": "conversion", "cvr": "conversion", "negative_comment_ratio": "reputation",
        "net_sentiment": "reputation"}


def tracking_report(plan: Plan, report) -> Section:
    """Cover-like heading, scorecard with RAG status, variances and what to change."""
    tr = plan.tr
    name = plan.brief.client.name
    intro = tr.t("tracking.intro", client=name,
                 start=tr.date(pd.Timestamp(report.period_start).date()),
                 end=tr.date(pd.Timestamp(report.period_end).date()),
                 month=report.month_index + 1) if report.period_start else tr.t(
        "tracking.intro_nodates", client=name, month=report.month_index + 1)
    rows = [{
        "objective": tr.t(f"objective.{r.objective}") if tr.has(f"objective.{r.objective}")
        else r.objective, "kpi": tr.t(f"kpi.{r.kpi}"), "kpi_id": r.kpi,
        "expected": _kpi_value(plan, r.kpi, r.expected),
        "actual": _kpi_value(plan, r.kpi, r.actual),
        "target": _kpi_value(plan, r.kpi, r.target),
        "to_goal": r.to_goal, "status": r.status,
        "status_name": tr.t(f"tracking.status.{r.status}")} for r in report.scorecard]
    changes = [tr.t(f"tracking.fix.{_FIX.get(r.kpi, 'generic')}", kpi=tr.t(f"kpi.{r.kpi}"))
               for r in report.scorecard if r.status in ("red", "amber")]
    blocks = [
        Html(render("cover.html.j2", primary=plan.theme.primary,
                    secondary=plan.theme.secondary,
                    on_primary=_text_on(plan.theme.primary),
                    on_secondary=_text_on(plan.theme.secondary),
                    title=tr.t("tracking.title"), client=name, sector=plan.brief.client.sector,
                    logo=_logo_data_uri(plan),
                    labels={k: tr.t(f"cover.{k}") for k in ("prepared_for", "period",
                                                            "prepared_by", "date")},
                    period=intro, author=plan.brief.client.author, date=tr.date(plan.date),
                    toc_title=tr.t("toc.title"), toc_marker=TOC_MARKER,
                    lang=plan.brief.client.language)),
        Html(render("heading.html.j2", level=2, id="scorecard",
                    text=tr.t("tracking.scorecard"))),
        Html(render("scorecard.html.j2", rows=rows, headers=[
            tr.t("table.objective"), tr.t("table.kpi"), tr.t("tracking.expected"),
            tr.t("tracking.actual"), tr.t("table.target"), tr.t("tracking.to_goal"),
            tr.t("tracking.status_title")], to_goal=[tr.percent(r["to_goal"], 0)
                                                     if r["to_goal"] is not None else
                                                     tr.t("common.na") for r in rows])),
    ]
    plan.record.tables["scorecard"] = {"chapter": "tracking", "title": tr.t(
        "tracking.scorecard"), "columns": [], "rows": [
        {k: v for k, v in r.items() if k not in ("kpi", "objective", "status_name")}
        for r in rows]}
    plan.record.frames["scorecard"] = pd.DataFrame(rows).drop(
        columns=["kpi", "status_name"])
    blocks += [Html(render("heading.html.j2", level=2, id="change",
                           text=tr.t("tracking.change"))),
               Html(render("list.html.j2", items=changes or [tr.t("tracking.all_on_track")],
                           css="smm-decision"))]
    if report.by_channel:
        frame = pd.DataFrame(report.by_channel)
        frame["platform_name"] = [_label(p) if p in platforms() else p
                                  for p in frame["platform"]]
        blocks += [Html(render("heading.html.j2", level=2, id="by-channel",
                               text=tr.t("tracking.by_channel"))),
                   plan.record.table("variance_by_channel", "tracking",
                                     tr.t("tracking.by_channel"), frame,
                                     [Column("platform_name", tr.t("table.platform")),
                                      Column("posts", tr.t("table.posts"),
                                             lambda v: tr.number(v)),
                                      Column("rate", tr.t("table.engagement_rate"),
                                             lambda v: tr.percent(v, 2)),
                                      Column("variance", tr.t("tracking.variance"),
                                             lambda v: tr.number(v, 2))])]
    if report.by_type:
        frame = pd.DataFrame(report.by_type)
        blocks += [Html(render("heading.html.j2", level=2, id="by-type",
                               text=tr.t("tracking.by_type"))),
                   plan.record.table("variance_by_type", "tracking", tr.t("tracking.by_type"),
                                     frame,
                                     [Column("content_type", tr.t("table.content_type")),
                                      Column("posts", tr.t("table.posts"),
                                             lambda v: tr.number(v)),
                                      Column("rate", tr.t("table.engagement_rate"),
                                             lambda v: tr.percent(v, 2)),
                                      Column("baseline", tr.t("table.baseline"),
                                             lambda v: tr.percent(v, 2)),
                                      Column("variance", tr.t("tracking.variance"),
                                             lambda v: tr.number(v, 2))])]
    blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
        "tracking.files", files=", ".join(report.files)))))
    return Section(*blocks)
