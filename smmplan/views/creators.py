"""The creator lever's cost line in the cost chapter: the calendar's paid creator posts, the
fee per post and usage rights, and what that takes from the production budget (or what the
lever still needs when the brief gives it no money)."""

from __future__ import annotations

import datetime as dt

from ..creator_posts import creator_lever, creator_target
from ..plan import Plan
from ..report import Html, render
from .base import platform_label


def creator_lines(plan: Plan) -> list:
    """The creator lever's cost and its sources, or nothing when no lever is costed."""
    c = plan.creators
    if c is None:
        return []
    tr = plan.tr
    platforms = tr.join([tr.t("creators.platform", count=tr.number(n),
                              platform=platform_label(p), fee=tr.money(c.fees[p]))
                         for p, n in sorted(c.posts.items(), key=lambda x: -x[1])
                         if p in c.fees])
    values = {"lever": tr.text(c.name), "posts": tr.number(sum(c.posts.values())),
              "platforms": platforms, "rights": tr.percent(c.rights, 0),
              "total": tr.money(c.total), "production": tr.money(c.production),
              "rest": tr.money(c.production - c.total), "short": tr.money(c.shortfall)}
    key = "creators.cost_none" if c.production <= 0 else \
        "creators.cost_short" if c.shortfall else "creators.cost"
    lines = [Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(key, **values)))]
    lever = creator_lever(plan.brief.client.sector_kind)
    if lever and lever["key"] == c.lever:
        on = sorted(p for p in c.posts if p in lever["cost"]["per_post"]) or sorted(c.posts)
        target = creator_target(plan.brief, lever, on)
        lines.append(Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "creators.programme", low=tr.number(target["low"]), high=tr.number(target["high"]),
            posts=tr.number(sum(c.posts.values())), share=tr.percent(target["ads_share"], 0),
            ads=tr.number(sum(c.ads.values())), platforms=tr.join(
                [f"{platform_label(p)} {tr.number(n)}" for p, n in sorted(
                    c.ads.items(), key=lambda x: -x[1])]) or tr.t("common.na")))))
    sources = tr.t("creators.sources", sources=" ".join(
        _source(tr, v) for v in c.sources.values()))
    if c.rate:
        try:
            day = tr.date(dt.date.fromisoformat(c.rate[0]))
        except ValueError:
            day = c.rate[0]
        sources = " ".join([sources, tr.t("creators.rate", date=day, source=c.rate[1])])
    return [*lines, Html(render("paragraph.html.j2", css="smm-note", text=sources))]


RELAYED = "Relayed, verified: false."


def _source(tr, value: str | dict) -> str:
    """A fee's source in the plan's language: a relayed figure's data-file status
    ("Relayed, verified: false.") said in words, a bilingual note ({en, fr}) in the plan's
    language; the citation itself is kept as published."""
    text = tr.text(value) if isinstance(value, dict) else value
    if text.startswith(RELAYED):
        text = f"{tr.t('creators.relayed')} {text[len(RELAYED):].strip()}"
    return text if text.rstrip().endswith(".") else f"{text}."
