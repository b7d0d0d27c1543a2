"""Why a site conversion-rate goal is held at today's rather than grown: a social plan's
levers bring visits and leads, none works on the pages where a visit becomes the goal's
event. The sentence names, from the client's own web analytics, the pages that work would
go to: the goal's counted pages (``goals.counted_rows``) and the pages where a visitor
compares (data/paid.yaml ``trial_value.pages``), with their social visits and rates."""

from __future__ import annotations

from ..catalogue import paid_facts
from ..plan import Plan


def _pages(rows: list[dict], prefixes) -> list[dict]:
    return [r for r in rows if any(str(r["landing_page"]).startswith(p) for p in prefixes)]


def held_rate_note(plan: Plan, o, event: str) -> list[str]:
    """The note for a rate goal from the brief, linked to the leads goal, whose realistic
    value is today's (held or equal once rounded) under a higher target; [] otherwise or
    without the landing-page rows."""
    tr, b = plan.tr, o.baseline
    linked, counted = b.covers.get("linked"), (b.covers.get("counted") or {}).get("pages")
    if not (o.from_brief and linked and counted and o.target and b.value) \
            or o.kpi != "social_conversion_rate" or o.realistic or o.realistic_target is None \
            or round(o.realistic_target, 2) > round(b.value, 2) or o.target <= b.value:
        return []
    rows = plan.objectives.landing_pages or []
    total = sum(r["sessions"] for r in rows)
    mine = _pages(rows, counted)
    compare = [r for r in _pages(rows, paid_facts()["trial_value"]["pages"]) if r not in mine]
    if not mine or not compare or not total:
        return []

    def rate(part: list[dict]) -> str:
        seen = sum(r["sessions"] for r in part)
        return tr.percent(sum(r["sessions"] * r["conversion_rate"] for r in part) / seen, 2)

    seen = sum(r["sessions"] for r in compare)
    return [tr.t("objectives.rate_held_why", goal=o.goal, today=tr.percent(b.value, 2),
                 event=event, counted=tr.join([r["landing_page"] for r in mine]),
                 counted_sessions=tr.number(sum(r["sessions"] for r in mine)),
                 counted_rate=rate(mine),
                 compare=tr.join([r["landing_page"] for r in compare]),
                 compare_sessions=tr.number(seen), compare_share=tr.percent(
                     seen / total * 100, 0), compare_rate=rate(compare),
                 target=tr.percent(o.target, 2))]
