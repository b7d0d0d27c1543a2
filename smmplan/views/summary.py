"""The cover, the executive summary (every chapter's decisions, recorded for plan.json) and
the footer."""

from __future__ import annotations

import base64

from ..plan import CHAPTERS, Plan
from ..report import Html, render
from ..safety import logo_bytes
from .base import (
    TOC_MARKER,
    Section,
    text_on,
)
from .budget import budget_decisions
from .channels import channels_decisions
from .community import community_decisions
from .identity import identity_decisions
from .objectives import objectives_decisions
from .targets import targets_decisions
from .team import team_decisions


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
        "cover.period_value", start=tr.date(c.period.start), end=tr.date(c.period.end),
        months=c.period.months,
    )
    return Section(Html(render(
        "cover.html.j2",
        primary=vi.primary_color, secondary=vi.secondary_color,
        on_primary=text_on(vi.primary_color), on_secondary=text_on(vi.secondary_color),
        title=tr.t("cover.title"), client=c.name, sector=c.sector, logo=logo_data_uri(plan),
        labels={k: tr.t(f"cover.{k}") for k in ("prepared_for", "period", "prepared_by", "date")},
        period=period, author=c.author, date=tr.date(plan.date),
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
    return Section(Html(render(
        "summary.html.j2", title=tr.t("summary.title"),
        intro=tr.t("summary.intro", client=plan.brief.client.name), chapters=chapters,
    )))


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

