"""What the calendar's sponsored posts carry, read from the calendar itself: on the
platforms whose paid budget buys conversions, a sponsored post (in the feed or as an ad
only) either sells what a conversion buys (its idea's call to action is one of
``sponsored_ideas.selling_ctas``) or buys reach (a neighbourhood ad around new shops: its
call to action asks for a visit, a follow or a share). One kind: one sentence as before;
two: each kind with its count, its calls to action and its formats."""

from __future__ import annotations

from ..new_shops import new_shops_phrase
from ..plan import Plan
from ..sponsored_ideas import selling_ctas


def kinds(plan: Plan) -> dict[str, list]:
    """The sponsored slots of the conversion platforms (all platforms when not known), split
    into {"sell": [...], "reach": [...]} by their idea's call to action."""
    ch = plan.channels
    cta = {i["text"]: i.get("cta", "") for i in ch.ideas}
    sells = selling_ctas(ch.conversion)
    out: dict[str, list] = {"sell": [], "reach": []}
    for s in ch.slots:
        if s.sponsored and not s.test and (ch.selling is None or s.platform in ch.selling):
            out["sell" if cta.get(s.base_idea, "") in sells or s.base_idea not in cta
                else "reach"].append(s)
    return out


def sponsored_sentence(plan: Plan) -> str:
    """The sentence on what sponsored posts carry (module docstring)."""
    tr, ch = plan.tr, plan.channels
    books = plan.brief.budget.paid.books

    def formats(slots: list) -> str:
        return tr.join([tr.t(f"format.{f}") for f in sorted({s.format for s in slots})])

    split = kinds(plan)
    if split["sell"] and split["reach"]:
        sell, reach = split["sell"], split["reach"]
        goal = {i["text"] for i in ch.ideas if i.get("goal")}  # new_shops.new_shop_ideas
        return tr.t("channels.calendar_sponsored_kinds", sell=tr.plural(
            "channels.sponsored_sell" + ("_books" if books else ""), len(sell),
            offer=books or "", formats=formats(sell)), reach=tr.plural(
            "channels.sponsored_reach", len(reach), formats=formats(reach),
            what=tr.t("channels.sponsored_reach_shops") if new_shops_phrase(plan.brief)
            and all(s.base_idea in goal for s in reach) else "",
            ctas=tr.join(sorted({tr.t("channels.sponsored_cta", cta=s.cta) for s in reach}))))
    names = formats([s for s in ch.slots if s.sponsored and not s.test])  # not the test's
    return tr.t("channels.calendar_sponsored_books", offer=books, formats=names) \
        if books else tr.t("channels.calendar_sponsored_offer", formats=names)


def recut_note(plan: Plan) -> list[str]:
    """How many ad-only creatives recut a post of the same day in a format the paid chapter
    sponsors (a story or a photo boosted as a reel: ``boost_ads``), read from the calendar:
    an ad-only slot whose idea goes out that day on its platform only in other formats."""
    tr, slots = plan.tr, plan.channels.slots
    posted: dict[tuple, set[str]] = {}
    for s in slots:
        if not s.ad_only:
            posted.setdefault((s.date, s.platform, s.base_idea), set()).add(s.format)
    recut = [(s, posted[key]) for s in slots if s.ad_only
             and (key := (s.date, s.platform, s.base_idea)) in posted
             and s.format not in posted[key]]
    if not recut:
        return []
    names = lambda fmts: tr.join([tr.t(f"format.{f}") for f in sorted(fmts)])  # noqa: E731
    return [tr.plural("channels.calendar_ad_only_recut", len(recut),
                      to=names({s.format for s, _ in recut}),
                      source=names(set().union(*(f for _, f in recut))))]
