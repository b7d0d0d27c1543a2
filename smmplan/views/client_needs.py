"""What the agency needs from the client (executive summary): only what the brief lacks and
the client can supply, and what its goals need to be tracked. A file is not asked for when
the brief shows there is none to send (walk-in customers leave no customer file; a client
starting from scratch has no ads history), and a booked offer's records are asked for."""

from __future__ import annotations

import datetime as dt
import re

from ..catalogue import content_facts, conversion_tags
from ..confirm_marks import to_confirm
from ..customer_refs import reference_needs
from ..new_shops import new_shops, new_shops_phrase
from ..owner_title import owner_words
from ..paid_start import first_conversion_ad
from ..plan import Plan
from ..sectors import playbook
from .base import day, platform_label, role_name
from .fill_ins import fill_in_needs
from .owned_steps import owned_needs
from .severe_steps import shoot_date


def client_needs(plan: Plan) -> list[str]:
    """The 'what we need from you' list, in the order the kick-off needs them."""
    tr, brief = plan.tr, plan.brief
    files = brief.data_files()
    book = playbook(brief.client.sector_kind)
    kept = [platform_label(c.platform) for c in plan.channels.choices if c.kept]
    approver = next((a["approve"] for a in plan.channels.approval if a["content"] == "organic"),
                    "owner")
    due = day(tr, brief.client.period.start - dt.timedelta(days=7))
    owner = owner_words(brief, tr) if approver == "owner" else None
    out = [tr.t("agency.need_access", channels=tr.join(kept)),
           tr.t("agency.need_approver_named", the=owner["the"][:1].upper() + owner["the"][1:],
                date=due) if owner else
           tr.t("agency.need_approver", role=role_name(plan, approver), date=due)]
    if "posts" not in files:
        out.append(tr.t("agency.need_posts"))
    if "audience" not in files and book.get("customer_file", True):
        out.append(tr.t("agency.need_audience"))
    if "web_analytics" not in files:
        out.append(tr.t("agency.need_web"))
    starting = plan.identity.maturity.level == "nascent"  # no ads history to export yet
    if "ads" not in files and (brief.budget.paid_media or 0) > 0 and not starting:
        out.append(tr.t("agency.need_ads"))
    out += _tracking_needs(plan) + _tag_needs(plan)
    if new_shops_phrase(brief):  # the brief dates no opening: the plan assumes them open
        out.append(tr.plural("agency.need_new_shops", new_shops(brief),
                             shops=new_shops_phrase(brief)))
    assumed = [tr.plural("agency.need_confirm_item", n, topic=topic, date=day(
        tr, dt.date.fromisoformat(first))) for topic, first, n in to_confirm(
        plan.channels.slots, tr)]  # offers the brief never names: not in the posts' text
    if assumed:
        out.append(tr.t("agency.need_confirm", items=tr.join(assumed)))
    unmeasured = list(dict.fromkeys(tr.t(f"kpi.{o.kpi}") for o in
                                    plan.objectives.objectives
                                    if o.baseline.basis == "not_measurable"))
    if unmeasured:
        out.append(tr.t("agency.need_measure", kpis=tr.join(unmeasured)))
    out += _early_sessions(plan)
    out += _growth_needs(plan) + owned_needs(plan, _ask_lead())
    out += reference_needs(brief, tr, plan.channels.slots, plan.channels.ideas,
                           day(tr, brief.client.period.start - _ask_lead()))
    out += fill_in_needs(plan, _ask_lead())
    shoot = shoot_date(plan)  # a severe infrastructure's shoot takes over after its date
    if shoot and "assets" in book:
        out.append(tr.t("agency.need_assets_until", assets=tr.text(book["assets"]),
                        date=day(tr, shoot)))
    else:
        out.append(tr.t("agency.need_assets_sector", assets=tr.text(book["assets"]))
                   if "assets" in book else tr.t("agency.need_assets"))
    return out


def _ask_lead() -> dt.timedelta:
    """How long before the work it serves a client's input is due (data/content.yaml
    ``calendar.ask_lead_days``)."""
    return dt.timedelta(days=int(content_facts()["calendar"]["ask_lead_days"]))


def _tracking_needs(plan: Plan) -> list[str]:
    """Records the goals and the paid forecast are tracked on: a booked offer's bookings
    (lines with a monthly capacity, or the line paid conversions book), and the leads and
    deals of a lead-based forecast."""
    tr, brief = plan.tr, plan.brief
    booked = [o.name for o in brief.offer if o.capacity_per_month]
    books = brief.budget.paid.books
    if books and books not in booked:
        booked.append(books)
    lines = tr.join([tr.t("agency.need_booked_line", line=line) for line in booked])
    out = [tr.t("agency.need_bookings", lines=lines)] if booked else []
    if plan.paid.conversion == "lead":
        out.append(tr.t("agency.need_leads"))
    return out


def _growth_needs(plan: Plan) -> list[str]:
    """What the growth option's gates need from the client (``growth_track``), due two
    weeks before each step may start: the creators' paid-usage rights, the shop's new /
    returning customer flag in the ads account."""
    tr = plan.tr
    growth = (plan.paid.held_back or {}).get("growth") or {}
    out = []
    for step in growth.get("steps", []):
        if step["kind"] not in ("creator", "new_customer"):
            continue
        start = dt.date.fromisoformat(step["start"])
        out.append(tr.t(f"agency.need_growth_{step['kind']}", start=day(tr, start),
                        date=day(tr, start - _ask_lead()),
                        platform=platform_label(step.get("platform", ""))
                        if step.get("platform") else ""))
    return out


def _tag_needs(plan: Plan) -> list[str]:
    """The conversion tag (data/conversion_tags.yaml) of each platform the plan buys
    conversions on (its platforms with conversion spend, from their first conversion ad,
    ``paid_start``; the held-back budget's test, from its start): one ask per tag (Facebook
    and Instagram share the Meta pixel), dated two weeks before its first paid day, unless
    the client's ads export records conversions on a platform it serves or the brief's
    infrastructure evidence names it as there (``named``). A platform the file has no tag
    for is asked for as "its conversion tag"."""
    tr, paid, tags = plan.tr, plan.paid, conversion_tags()
    said = plan.brief.situation.problems.infrastructure.evidence.lower()
    first: dict[str, str] = {c.platform: first_conversion_ad(plan, c.platform)["day"]
                             for c in paid.channels
                             if c.conversion_spend > 0 and paid.paid_months}
    test = plan.held_back_test
    if test and test.get("platform"):
        first.setdefault(test["platform"], test["start"])
    by_tag: dict[str, list[str]] = {}  # tag (its name, or the platform's) -> platforms
    for platform in first:
        tag = tags.get(platform)
        by_tag.setdefault(tr.text(tag["name"]) if tag else platform, []).append(platform)
    out = []
    for name, served in by_tag.items():
        words = tags.get(served[0], {}).get("named_by", [])
        if any(((paid.calibration or {}).get(p) or {}).get("conversions") for p in served) \
                or any(named(said, w) for w in words):
            continue
        start = dt.date.fromisoformat(min(first[p] for p in served)[:10])
        label = tr.join([platform_label(p) for p in served])
        name = name if served[0] in tags else tr.t("agency.need_tag_any", platform=label)
        forms = all(p in (paid.lead_forms or {}) for p in served)  # leads counted on-platform
        out.append(tr.t("agency.need_tag_form" if forms else "agency.need_tag",
                        tag=name[:1].upper() + name[1:], platform=label,
                        start=day(tr, start), date=day(tr, start - _ask_lead())))
    return out


NEGATION = r"\b(?:no|not|without|missing|yet|pas|sans|aucun|aucune|manque|à installer)\b"


def named(said: str, vendor: str) -> bool:
    """Whether ``said`` (the brief's infrastructure evidence, lower case) names ``vendor``'s
    tag as installed: the vendor within three words of "pixel", "tag" or "balise" ("meta
    and tiktok pixels", "pixel meta"; a vendor word that is a tag itself, "gtag", on its
    own), with no negation in that phrase ("no pinterest tag yet", "pas de pixel meta")."""
    v, near = re.escape(vendor), r"(?:\W+\w+){0,3}\W+"
    tag = r"(?:pixels?|tags?|balises?)"
    pattern = rf"\b{v}\b" if re.search(tag, vendor) else \
        rf"\b{v}{near}{tag}\b|\b{tag}{near}{v}\b|\b{v}\W+{tag}\b"
    for found in re.finditer(pattern, said):
        around = said[max(0, found.start() - 25):found.end() + 15]
        if not re.search(NEGATION, around):
            return True
    return False


def _early_sessions(plan: Plan) -> list[str]:
    """Booked sessions fewer than ``calendar.session_notice_days`` after the plan's first
    day (data/content.yaml): the calendar can only announce them a day or two ahead, too
    late to sell them, so the client announces them itself from a week before the plan."""
    from ..sessions import sessions

    held, tr = sessions(plan.brief), plan.tr
    start = plan.brief.client.period.start
    notice = dt.timedelta(days=int(content_facts()["calendar"]["session_notice_days"]))
    early = [d for d in (held.dates if held else []) if d < start + notice]
    if not early:
        return []
    return [tr.plural("agency.need_early_sessions", len(early), line=held.line,
                      dates=tr.join([day(tr, d) for d in early]), start=day(tr, start),
                      date=day(tr, start - dt.timedelta(days=7)))]
