"""Views of chapter 2, targets and sub-targets."""

from __future__ import annotations

import pandas as pd

from .. import charts
from ..ads_targeting import age_band, gender_of
from ..audience import CATEGORY_TOTAL, MAIN_CATEGORY, human_label
from ..brief import platforms
from ..plan import Plan
from ..privacy import min_group
from ..report import Column, Html, render
from ..target_channels import rarely, reach_them
from .base import (
    Section,
    appendix_chapter,
    chapter_opening,
    section_heading,
)


def _lower(label: str) -> str:
    """A label inside a sentence: capitalised words lowered ("Orders Count" -> "orders
    count"), acronyms and mixed-case words kept ("LTV", "iPhone")."""
    return " ".join(w.lower() if w[:1].isupper() and (len(w) == 1 or w[1:].islower())
                    else w for w in label.split(" "))


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _feature(plan: Plan, name: str) -> str:
    """A feature's label inside a sentence (humanised, translated for derived ones)."""
    if name == "age" or name == plan.targets.roles.get("age"):
        return plan.tr.t("targets.feature_age")
    if name.startswith("days since "):
        return plan.tr.t("targets.feature_days_since",
                         column=_lower(human_label(name[len("days since "):])))
    if name in (MAIN_CATEGORY, CATEGORY_TOTAL):
        return plan.tr.t(f"targets.feature_{name.replace(' ', '_')}")
    category = plan.targets.roles.get("categories", {}).get(name)
    if category:
        return plan.tr.t("targets.feature_category", category=_lower(category))
    return _lower(human_label(name))


def _value(plan: Plan, trait) -> str:
    """A category value as the client reads it: a gender code as words ("F" -> women)."""
    if trait.feature == plan.targets.roles.get("gender") and gender_of(trait.value):
        return plan.tr.t(f"targets.name.{gender_of(trait.value)}")
    return str(trait.value)


def _trait_phrase(plan: Plan, trait) -> tuple[str, str]:
    """A trait in a few words for a target's name, with its place in the name: "head" (a
    group: "Accessories buyers", "Newsletter customers", "women"), "adj" (before the head in
    English: "older") or "clause" ("who order often")."""
    tr, roles = plan.tr, plan.targets.roles
    if trait.kind == "category":
        if trait.feature == roles.get("gender") and gender_of(trait.value):
            return "head", _value(plan, trait)
        if trait.feature == roles.get("product"):
            return "head", tr.t("targets.name.product", value=trait.value)
        return "head", tr.t("targets.name.category", value=trait.value,
                            feature=_feature(plan, trait.feature))
    side = "high" if trait.z > 0 else "low"
    if trait.feature in roles.get("booleans", []):
        return "clause", tr.t("targets.name.boolean", feature=_feature(plan, trait.feature),
                              share=tr.percent(trait.mean * 100, 0))
    if roles.get("age") and trait.feature == roles["age"]:
        return "adj", tr.t(f"targets.name.age_{side}")
    for role in ("value", "orders", "last_order"):
        if roles.get(role) and trait.feature == roles[role]:
            return "clause", tr.t(f"targets.name.{role}_{side}")
    category = roles.get("categories", {}).get(trait.feature)
    if category:
        return "clause", tr.t(f"targets.name.category_spend_{side}", category=_lower(category))
    return "clause", tr.t(f"targets.name.numeric_{side}", feature=_feature(plan, trait.feature))


def persona_name(plan: Plan, persona, label: str | None = None) -> str:
    """A persona's name: declared, or its label (T1, L2.S1...) and a readable phrase from its
    two most distinctive traits ("T1 Newsletter customers who order often")."""
    if persona.declared:
        return persona.declared_name
    tr = plan.tr
    parts = [_trait_phrase(plan, t) for t in persona.name_traits]
    heads = [t for k, t in parts if k == "head"]
    head = heads[0] if heads else tr.t("targets.name.customers")
    if len(heads) > 1:
        head = tr.t("targets.name.two_heads", first=head, second=heads[1])
    for adj in (t for k, t in parts if k == "adj"):
        head = tr.t("targets.name.with_adj", head=head, adj=adj)
    clauses = [t for k, t in parts if k == "clause"]
    base = tr.t("targets.name.with_clauses", head=head, clauses=tr.join(clauses)) \
        if clauses else head
    base = _upper(base if parts else tr.t("targets.name.average"))
    return f"{label or f'T{persona.id + 1}'} {base}"


def _trait_line(plan: Plan, trait) -> str:
    tr, roles = plan.tr, plan.targets.roles
    feature = _upper(_feature(plan, trait.feature))
    if trait.kind == "category" and trait.feature == roles.get("gender") and \
            gender_of(trait.value):  # "Women: 62% against 48% on average"
        return tr.t("targets.trait_share", label=_upper(_value(plan, trait)),
                    share=tr.percent(trait.share), overall=tr.percent(trait.overall))
    if trait.kind == "category":
        return tr.t("targets.trait_category", feature=feature, value=_value(plan, trait),
                    share=tr.percent(trait.share), overall=tr.percent(trait.overall))
    if trait.feature in roles.get("booleans", []):
        mean, overall = tr.percent(trait.mean * 100), tr.percent(trait.overall * 100)
    elif trait.feature == roles.get("value") or trait.feature in roles.get("categories", {}):
        mean, overall = tr.money(trait.mean), tr.money(trait.overall)
    else:
        mean, overall = tr.number(trait.mean, 1), tr.number(trait.overall, 1)
    return tr.t("targets.trait_numeric", feature=feature, mean=mean, overall=overall)


def _buys(plan: Plan, p) -> list[str]:
    """What a target buys: its largest shares of spend by category."""
    tr = plan.tr
    return [tr.t("targets.buy_item", category=b["category"], share=tr.percent(b["share"], 0),
                 overall=tr.percent(b["overall"], 0)) for b in p.buys]


def message_text(plan: Plan, persona, key: str | None = None) -> str:
    """A target's card message (its approach, then what and where for this target: see
    ``message_focus``), or the approach ``key`` worded for it (its brand's differentiator
    and value proposition)."""
    if persona.declared and key is None:
        return persona.declared_message
    brand = plan.brief.brand
    text = plan.tr.t(f"targets.message.{key or persona.message}",
                     differentiator=brand.differentiators[0],
                     value_proposition=brand.value_proposition.rstrip(". "))
    focus = message_focus(plan, persona) if key is None else ""
    return f"{text} {focus}" if focus else text


def message_focus(plan: Plan, persona) -> str:
    """What makes a target's message its own, from its card: the product it buys more
    than average (its strongest product trait within its card's offer line, with its
    share against the average's; else that offer line) and the kept platforms most of it
    came through (at most two); empty when it has neither."""
    tr, product = plan.tr, plan.targets.roles.get("product")
    line = next((ln for ln in plan.brief.offer if ln.name == persona.offer), None)
    within = {v.strip().lower() for v in line.audience_values} if line and \
        line.audience_values else None  # a product of the card's own offer, if it has one
    over = [t for t in persona.traits if t.kind == "category" and t.feature == product
            and (t.lift or 0) > 1 and (within is None or str(t.value).strip().lower()
                                       in within)]
    what = ""
    if over:
        top = max(over, key=lambda t: t.lift)
        what = tr.t("targets.message_focus_product", product=top.value,
                    share=tr.percent(top.share), overall=tr.percent(top.overall))
    elif persona.offer:
        what = persona.offer
    kept = [c.platform for c in plan.channels.choices if c.kept]
    where = tr.join([platforms()[r.platform]["label"] for r in reach_them(persona, kept)[0][:2]])
    if what and where:
        return tr.t("targets.message_focus_both", what=what, where=where)
    if what or where:
        return tr.t("targets.message_focus_what" if what else "targets.message_focus_where",
                    what=what, where=where)
    return ""


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
    found = [tr.t("summary_targets.found", k=tg.k, rows=tr.number(tg.rows), names=names)]
    # one verdict, the weak-structure rule's, in plain words: the method's figures
    # (silhouette, adjusted Rand index) stay in the targets chapter
    key = "stability" if not tg.weak else "weak" if "stability" in tg.weak else \
        "weak_but_stable"
    return [*found, tr.t(f"summary_targets.{key}", chapter=tr.t("chapter.targets"))]


def _chosen_silhouette(tg) -> float:
    return next(r["silhouette"] for r in tg.selection if r["k"] == tg.k)


def _weak_words(plan: Plan) -> str:
    """Why the grouping is weak, in words (silhouette and/or stability)."""
    tr, tg = plan.tr, plan.targets
    reasons = {
        "silhouette": tr.t("targets.weak.silhouette", k=tg.k,
                           silhouette=tr.number(_chosen_silhouette(tg), 2),
                           threshold=tr.number(tg.rule["weak_silhouette"], 2)),
        "stability": tr.t("targets.weak.stability", ari=tr.number(tg.stability["ari_mean"], 2),
                          threshold=tr.number(tg.rule["weak_stability"], 1))}
    return tr.join([reasons[w] for w in tg.weak])


def targets_intro(plan: Plan) -> Section:
    """Chapter heading and what the targets are based on."""
    tr, tg = plan.tr, plan.targets
    if tg.reason == "too_small":  # an audience too small to show groups of it
        text = tr.t("targets.intro_too_small", rows=tr.number(tg.rows),
                    min=tr.number(tg.min_group))
    elif tg.declared:
        text = tr.t("targets.intro_declared") if tg.personas else tr.t("targets.intro_none")
    elif tg.weak:
        text = tr.t("targets.intro_weak", client=plan.brief.client.name,
                    rows=tr.number(tg.rows), k=tg.k, reasons=_weak_words(plan))
    else:
        text = tr.t("targets.intro", client=plan.brief.client.name, rows=tr.number(tg.rows))
    blocks = [*chapter_opening(plan, "targets", targets_decisions(plan)),
              Html(render("paragraph.html.j2", text=text, lead=True))]
    if tg.weak:
        blocks.append(Html(render("paragraph.html.j2", css="smm-decision",
                                  text=tr.t("targets.hypotheses_test", k=tg.k))))
    return Section(*blocks)


def targets_appendix(plan: Plan) -> Section:
    """Appendix: how the number of targets was chosen, the columns of the audience file, the
    targets' profiles and the audience map (nothing for declared personas)."""
    if plan.targets.declared:
        return Section()
    return Section(appendix_chapter(plan, "targets"),
                   *target_selection(plan, level=4).blocks, *target_map(plan).blocks)


def target_selection(plan: Plan, level: int = 3) -> Section:
    """How k was chosen: the sentence, the diagnostic chart, stability, method, columns."""
    tr, tg = plan.tr, plan.targets
    if tg.declared:
        return Section()
    scores = {r["k"]: r["silhouette"] for r in tg.selection}
    lo, hi = tg.rule["actionable"]
    why = tr.t(f"targets.why_{tg.reason}", k=tg.k, silhouette=tr.number(scores[tg.k], 2),
               min_share=tr.percent(plan.brief.targets.min_share, 0), lo=lo, hi=hi,
               best=tg.best_k, best_silhouette=tr.number(scores.get(tg.best_k, 0), 2),
               margin=tr.number(tg.rule["margin"], 2))
    if tg.davies_bouldin_agrees:
        check = tr.t("targets.db_agrees")
    elif tg.reason == "actionable" and not lo <= tg.davies_bouldin_k <= hi:
        check = tr.t("targets.db_outside", k_db=tg.davies_bouldin_k, lo=lo, hi=hi)
    else:
        check = tr.t("targets.db_disagrees", k_db=tg.davies_bouldin_k)
    stab = tr.t("targets.stability", n=tg.stability["bootstraps"],
                mean=tr.number(tg.stability["ari_mean"], 2),
                min=tr.number(tg.stability["ari_min"], 2))
    sel = pd.DataFrame(tg.selection)
    sel["min_share_pct"] = sel["min_share"] * 100
    yes_no = {True: tr.t("common_yes_no.true"), False: tr.t("common_yes_no.false")}
    cols = pd.DataFrame(tg.columns)
    cols["action_name"] = [tr.t(f"column.action.{a}") for a in cols["action"]]
    cols["kind_name"] = [tr.t(f"column.kind.{k}") for k in cols["kind"]]
    cols["flag_name"] = [tr.t(f"column.rule.{r}", n=tr.number(n)) if r else ""
                         for r, n in zip(cols.get("rule", [""] * len(cols)),
                                         cols.get("flagged", [0] * len(cols)), strict=True)]
    return Section(
        section_heading(plan, "targets.selection", "targets-selection", level=level),
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
        Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "targets.rule", lo=lo, hi=hi, margin=tr.number(tg.rule["margin"], 2),
            weak_silhouette=tr.number(tg.rule["weak_silhouette"], 2),
            weak_stability=tr.number(tg.rule["weak_stability"], 1)))),
        plan.record.table(
            "audience_columns", "targets", tr.t("targets.data_notes"), cols,
            [Column("column", tr.t("table.column")),
             Column("action_name", tr.t("table.action")),
             Column("kind_name", tr.t("table.kind")),
             Column("coerced", tr.t("table.coerced"), lambda v: tr.number(v)),
             Column("missing", tr.t("column.missing"), lambda v: tr.number(v)),
             Column("flag_name", tr.t("column.flagged"))]),
    )


def reach_lines(plan: Plan, p) -> list[str]:
    """Where to reach a target: the plan's kept platforms only, ranked by the target's own
    acquisition channel when there is one (``target_channels.reach_them``), then its best
    platform when the plan does not keep it, and why."""
    from .channels import choice_reason

    tr, labels = plan.tr, platforms()
    choices = {c.platform: c for c in plan.channels.choices}
    kept = [c.platform for c in plan.channels.choices if c.kept]
    fits = {c.platform: c for c in p.channels}
    reach, best = reach_them(p, kept)
    lines = []
    for r in reach:
        label = labels[r.platform]["label"]
        if r.basis == "acquisition":
            lines.append(tr.t("targets.channel_acquired", platform=label,
                              share=tr.percent(r.share or 0, 1)))
        elif r.share is None:
            lines.append(tr.t("targets.channel_declared", platform=label))
        else:
            lines.append(tr.t("targets.channel_item", platform=label,
                              reach=tr.percent(r.share, 0),
                              index=tr.number(fits[r.platform].index or 0, 2)))
    low = rarely(p, kept)
    if low:
        lines.append(tr.plural("targets.channel_rarely", len(low), platforms=tr.join(
            [tr.t("targets.channel_share", platform=labels[r.platform]["label"],
                  share=tr.percent(r.share or 0, 1)) for r in low])))
    if best:
        why = choice_reason(plan, choices[best], len(kept)) if best in choices else ""
        lines.append(tr.t("targets.channel_not_kept", platform=labels[best]["label"],
                          share=tr.percent(p.acquisition.get(best, 0), 1), why=why)
                     if p.acquisition.get(best) else
                     tr.t("targets.channel_best_not_kept", platform=labels[best]["label"],
                          why=why))
    return lines


def _persona_card(plan: Plan, p, label: str | None = None) -> dict:
    tr = plan.tr
    channels = reach_lines(plan, p)
    value = None
    if p.value_mean is not None:
        value = tr.t("targets.persona_value", value=tr.money(p.value_mean),
                     index=tr.number(p.value_index or 0, 2),
                     share=tr.percent(p.value_share or 0))
    return {
        "name": persona_name(plan, p, label),
        "declared": tr.t("targets.declared") if p.declared else "",
        "description": p.declared_description,
        "size": tr.t("targets.persona_size_line" if label and "." in label else
                     "targets.persona_size", count=tr.number(p.size),
                     share=tr.percent(p.share)) if p.size else (
            tr.percent(p.share) if p.share else ""),
        "value": value,
        "traits": [_trait_line(plan, t) for t in p.traits],
        "buys": _buys(plan, p),
        "channels": channels or [tr.t("targets.channels_none")],
        "message": message_text(plan, p),
        "offer": p.offer or "",
        "labels": {"traits": tr.t("targets.traits"), "channels": tr.t("targets.channels"),
                   "buys": tr.t("targets.buys"),
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
        "channels": ", ".join(platforms()[r.platform]["label"] for r in reach_them(
            p, [c.platform for c in plan.channels.choices if c.kept])[0]),
        "message": p.message if not p.declared else "declared", "offer": p.offer,
    } for p, n in zip(tg.personas, names, strict=True)])
    cols = [Column("name", tr.t("table.target")),
            Column("people", tr.t("table.people"), lambda v: tr.number(v)),
            Column("share", tr.t("table.share"), lambda v: tr.percent(v))]
    if tg.declared:  # declared personas have a share, not a count of people
        cols = [c for c in cols if c.key != "people"]
    if any(p.value_mean is not None for p in tg.personas):
        cols += [Column("value_mean", tr.t("table.value_mean"), lambda v: tr.money(v)),
                 Column("value_share", tr.t("table.value_share"), lambda v: tr.percent(v)),
                 Column("value_index", tr.t("table.value_index"), lambda v: tr.number(v, 2))]
    cols += [Column("channels", tr.t("table.channels")), Column("offer", tr.t("table.offer"))]
    blocks = [section_heading(plan, "targets.personas", "targets-personas"),
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
    blocks = [section_heading(plan, "targets.sub_targets", "targets-sub-targets")]
    if tg.roles.get("product_source") == "categories":
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "targets.line_categories", categories=tr.join(tg.categories)))))
    if all(lt.method == "rule" for lt in tg.lines):
        key = "targets.line_rule_unmatched" if tg.roles.get("product") else \
            "targets.line_rule"
        blocks.append(Html(render("paragraph.html.j2", text=tr.t(key), css="smm-note")))
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



def _segment_words(plan: Plan, key: str, value: str) -> str:
    """An ads segment as the client reads it: "people aged 25–34", "women", "London"."""
    tr = plan.tr
    if key == "age" and age_band(value):
        lo, hi = age_band(value)
        if hi == float("inf"):
            return tr.t("targets.ads.age_plus", band=int(lo))
        return tr.t("targets.ads.age", band=f"{int(lo)}–{int(hi) - 1}")
    if key == "gender" and gender_of(value):
        return tr.t(f"targets.ads.{gender_of(value)}")
    return value


def target_ads_advice(plan: Plan) -> Section:
    """What the ads history says about who to target: per people breakdown (age, gender,
    region, interest) its cheapest and dearest segment, with the same figures as the paid
    chapter, and the targets each matches; nothing without such breakdowns."""
    tr, tg = plan.tr, plan.targets
    items = (tg.ads or {}).get("breakdowns") or []
    if not items:
        return Section()
    names = {p.id: persona_name(plan, p) for p in tg.personas}
    blocks = [section_heading(plan, "targets.ads.title", "targets-ads"),
              Html(render("paragraph.html.j2", css="smm-note", text=tr.t("targets.ads.intro")))]
    for item in items:
        key, low, high = item["breakdown"], item["cheapest"], item["dearest"]
        words = [tr.t(
            "targets.ads.pair", breakdown=_lower(tr.t(f"paid_market.breakdown.{key}")),
            cheap=_segment_words(plan, key, low["value"]),
            cheap_cost=tr.money(low["cost_per_result"], 2),
            cheap_range=f"{tr.money(low['low'], 2)}–{tr.money(low['high'], 2)}",
            dear=_segment_words(plan, key, high["value"]),
            dear_cost=tr.money(high["cost_per_result"], 2),
            dear_range=f"{tr.money(high['low'], 2)}–{tr.money(high['high'], 2)}")]
        cheap = [names[m["target"]] for m in item["cheapest_targets"] if m["target"] in names]
        dear = [names[m["target"]] for m in item["dearest_targets"] if m["target"] in names]
        if cheap:
            words.append(tr.t("targets.ads.aim", targets=tr.join(cheap[:2]),
                              segment=_segment_words(plan, key, low["value"])))
        if dear:
            words.append(tr.t("targets.ads.dear", targets=tr.join(dear[:2]),
                              segment=_segment_words(plan, key, high["value"])))
        if not item["clear"]:
            words.append(tr.t("targets.ads.unclear"))
        blocks.append(Html(render("paragraph.html.j2", text=" ".join(words))))
    return Section(*blocks)
