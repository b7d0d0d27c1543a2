"""Shared presentation helpers of the views: the Section block, headings, labels and
value formats that several chapters show."""

from __future__ import annotations

import datetime as dt

from ..brief import platforms
from ..i18n import Translator
from ..owner_title import owner_words
from ..plan import Plan
from ..report import FigureBlock, Html, render, static_output

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


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if luminance > 0.4 else "#FFFFFF"


def chapter_heading(plan: Plan, chapter: str) -> Html:
    """A chapter's title (``<h2>``), anchored for the table of contents."""
    return Html(render("heading.html.j2", level=2, id=chapter,
                       text=plan.tr.t(f"chapter.{chapter}")))


def chapter_opening(plan: Plan, chapter: str, decisions: list[str]) -> list[Html]:
    """A chapter's title, then what the client should do, in the executive summary's words
    (the same sentences, from the chapter's ``*_decisions``): decisions first, the why and
    the detail after, the method in the appendix."""
    return [chapter_heading(plan, chapter),
            Html(render("list.html.j2", title=plan.tr.t("chapter_short"), items=decisions,
                        css="smm-decision smm-in-short"))]


def appendix_chapter(plan: Plan, chapter: str) -> Html:
    """A chapter's title inside the appendix (``<h3>``, listed in the contents)."""
    return Html(render("heading.html.j2", level=3, id=f"appendix-{chapter}",
                       text=plan.tr.t(f"chapter.{chapter}")))


def section_heading(plan: Plan, key: str, id_: str, level: int = 3) -> Html:
    """A section's title (``<h3>``, listed in the contents; ``<h4>`` in the appendix)."""
    return Html(render("heading.html.j2", level=level, id=id_, text=plan.tr.t(key)))


def platform_label(key: str) -> str:
    return platforms()[key]["label"]


def after_colon(tr: Translator, text: str) -> str:
    """A label set after a colon in running text: French lower-cases its first letter
    ("Commencer par ce levier : ateliers vendus…"), unless its first word is a name (a
    platform, or a word with another capital or a digit: "LinkedIn", "B2B"); English keeps
    it as written."""
    first = text.split(" ", 1)[0] if text else ""
    labels = {p["label"] for p in platforms().values()}
    if tr.language != "fr" or not first or first in labels \
            or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def kpi_value(plan: Plan, kpi: str, value: float | None) -> str:
    from ..objectives import kpi_catalogue

    tr = plan.tr
    if value is None:
        return tr.t("common.na")
    unit = kpi_catalogue()[kpi]["unit"]
    if unit == "percent":  # no useless decimals: a 50% target reads "50%", not "50.00%"
        return tr.percent(value, 0 if round(value, 2) == round(value) else 2)
    if unit == "money":  # cents only where they matter (a cost per result, not a revenue)
        return tr.money(value, 2 if abs(value) < 100 else 0)
    if unit in ("ratio", "per_post"):
        return tr.number(value, 2 if abs(value) < 10 else 1)
    if unit == "per_week":  # posts a week, as the channel chapter gives them
        return tr.number(value, 1)
    return tr.number(value)


def role_name(plan: Plan, role: str) -> str:
    """A role's name: the owner's title when the brief gives one ("gérante"), else the
    approval-flow wording, else the team chapter's."""
    owner = owner_words(plan.brief, plan.tr) if role == "owner" else None
    if owner:
        return owner["title"]
    key = f"approval_role.{role}"
    return plan.tr.t(key) if plan.tr.has(key) else plan.tr.t(f"team.role.{role}")


def option_kind(plan: Plan, kind: str) -> str:
    """A team option's kind; the owner-run option says whose hours ("heures de la
    gérante") when the brief gives the owner's title."""
    owner = owner_words(plan.brief, plan.tr) if kind == "owner_run" else None
    if owner:
        return plan.tr.t("team.option_kind_owner_named", of=owner["of"])
    return plan.tr.t(f"team.option_kind.{kind}")


def weekday_name(plan: Plan, n: int) -> str:
    from babel.dates import get_day_names

    return get_day_names("wide", locale=plan.brief.locale)[n]



def month_year(tr: Translator, value: dt.date) -> str:
    """A month in words with its year ("February 2027", "février 2027")."""
    from babel.dates import format_date

    return format_date(value, format="MMMM y", locale=tr.locale)


def day(tr: Translator, value: dt.date, style: str = "long") -> str:
    """A date as the plan's readers write it: the locale's style, and in French the first
    of the month as "1er" ("1er janvier 2027")."""
    text = tr.date(value, style)
    if tr.language == "fr" and value.day == 1:
        text = text.replace("1 ", "1er ", 1) if text.startswith("1 ") else text
    return text


def clock(tr: Translator, hhmm: str) -> str:
    """A time of day: "17:00" in English, "17 h" (or "17 h 30") in French."""
    if tr.language != "fr" or ":" not in hhmm:
        return hhmm
    hours, minutes = hhmm.split(":")[:2]
    return f"{int(hours)}\u00a0h" + ("" if minutes == "00" else f"\u00a0{minutes}")
