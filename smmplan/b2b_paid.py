"""Paid rates and lead values for a B2B lead-generation goal (data/paid.yaml ``b2b_lead``).

A B2B company whose paid conversion is a lead: a platform's conversion rate comes from its
ads history, else from the client's web analytics (the rule every platform follows,
``paid_value.paid_click_cvr``), else from a B2B lead-generation benchmark; a platform
whose cost rates rest only on consumer-definition benchmarks is ranked on its pessimistic
rates; and a lead is worth, on each platform, the offer lines of the
personas that platform reaches (their share there, their line's order value, the close
rate), not the mean of all lines.
"""

from __future__ import annotations

from statistics import median

from .benchmarks import Range, benchmark_rows
from .brief import Brief
from .catalogue import paid_facts
from .offer_paths import event_lines


def applies(brief: Brief, kind: str) -> bool:
    """A B2B brief whose paid conversion is a lead."""
    return brief.client.sector_kind == "b2b" and kind == "lead"


def lead_cvr(platform: str) -> Range | None:
    """The platform's B2B lead-generation conversion rate (%), from its benchmark rows."""
    kinds = paid_facts()["b2b_lead"]["cvr_objectives"]
    found = [(r["value"], r["source"]) for r in benchmark_rows()
             if r["platform"] == platform and r["metric"] == "cvr" and r["objective"] in kinds]
    if not found:
        return None
    values = [v for v, _ in found]
    return Range(min(values), float(median(values)), max(values),
                 sorted({s for _, s in found}), "b2b_benchmark")


def lead_form_rates(platform: str, rates: dict[str, Range], season: float,
                    per_usd: float) -> dict[str, Range] | None:
    """The cost rates at which a platform's lead gen forms bring a lead at the published
    cost per lead (data/paid.yaml ``b2b_lead.lead_form_objectives``), the only uncertain
    figure on that path: CPM and CTR held at their middle in every scenario, and the
    conversion rate per click the forecast's own middle cost per click (``rates`` CPM x
    ``season`` over the CTR) over the published cost per lead in the plan currency
    (``per_usd``), the highest cost pessimistic, the median middle, the lowest optimistic,
    so each scenario's cost per lead at low spend is that published figure and the rates
    stay in order. {cpm, ctr, cvr}; None without published costs per lead for the
    platform, or without a CPM and a CTR."""
    costs = published_cpl(platform, per_usd)
    cpm, ctr = rates.get("cpm"), rates.get("ctr")
    if costs is None or cpm is None or ctr is None or ctr.mid <= 0:
        return None
    click = cpm.mid * season / 1000 / (ctr.mid / 100)
    held = lambda r: Range(r.mid, r.mid, r.mid, r.sources, r.basis)  # noqa: E731
    return {"cpm": held(cpm), "ctr": held(ctr), "cvr": Range(
        click / costs["high"] * 100, click / costs["mid"] * 100, click / costs["low"] * 100,
        costs["sources"], "lead_form_benchmark")}


def published_cpl(platform: str, per_usd: float) -> dict | None:
    """{low, mid, high, sources} of the platform's published costs per lead of lead gen
    forms in the plan currency (the lowest, the median, the highest), None without them."""
    kinds = paid_facts()["b2b_lead"].get("lead_form_objectives") or []
    found = [(r["value"] * (per_usd if r["currency"] == "USD" else 1.0), r["source"])
             for r in benchmark_rows() if r["platform"] == platform
             and r["metric"] == "cpl" and r["objective"] in kinds]
    if not found:
        return None
    costs = sorted(v for v, _ in found)
    return {"low": costs[0], "mid": float(median(costs)), "high": costs[-1],
            "sources": sorted({s for _, s in found})}


def form_qualification() -> dict | None:
    """{rate, form, site, source, verified} of a lead gen form lead against a site demo
    request (data/paid.yaml ``b2b_lead.form_qualification``): ``rate`` the median share of
    form leads sales qualifies over the median share of site demo requests it qualifies
    (0.27: a form lead is worth about a quarter of a site demo request); None without."""
    facts = paid_facts()["b2b_lead"].get("form_qualification")
    if not facts:
        return None
    form, site = float(facts["form"][1]), float(facts["site"][1])
    return {"rate": form / site, "form": form, "site": site, "source": facts["source"],
            "verified": bool(facts.get("verified"))}


def qualified(entry: dict, rate: float) -> dict:
    """A platform's ``plan_lead_values`` entry for leads collected on its lead gen forms:
    its value and break-even x ``rate`` (``form_qualification``), the site demo request's
    value kept as ``site_value``."""
    return {**entry, "site_value": entry["value"], "qualified": round(rate, 4),
            "value": round(entry["value"] * rate, 2),
            "break_even": round(entry["break_even"] * rate, 2)
            if entry.get("break_even") is not None else None}


def _b2b_sources() -> set[str]:
    return {r["source"] for r in benchmark_rows() if r["industry"] == "b2b"}


def consumer_rated(rates: dict[str, Range]) -> bool:
    """True when the platform's CPM or CTR is a published figure none of whose sources
    measures B2B campaigns (no ads history, no brief figure)."""
    b2b = _b2b_sources()
    return any(r.basis in ("benchmark", "borrowed") and not set(r.sources) & b2b
               for k, r in rates.items() if k in ("cpm", "ctr"))


def consumer_cvr(rate: Range | None) -> bool:
    """True when a conversion rate is a published (or borrowed) figure of a consumer
    definition: it does not rank platforms for a B2B lead goal."""
    return rate is not None and rate.basis in ("benchmark", "borrowed") \
        and not set(rate.sources) & _b2b_sources()


def pessimistic(rates: dict[str, Range]) -> dict[str, Range]:
    """Cost rates moved to their pessimistic end: the CPM's middle becomes its high (the
    optimistic end the old middle), the CTR's middle its low."""
    out = dict(rates)
    if "cpm" in rates and rates["cpm"].basis in ("benchmark", "borrowed"):
        r = rates["cpm"]
        out["cpm"] = Range(r.mid, r.high, r.high, r.sources, r.basis)
    if "ctr" in rates and rates["ctr"].basis in ("benchmark", "borrowed"):
        r = rates["ctr"]
        out["ctr"] = Range(r.low, r.low, r.mid, r.sources, r.basis)
    return out


def lead_values(brief: Brief) -> dict[str, dict]:
    """Per platform, a lead's value from the declared personas on it: their shares there
    weigh their offer line's order value, times the close rate (``budget.paid.sale_rate``).
    {platform: {value, lines: {line: weight}, tied (whether a line a lead buys is among
    them)}}; empty without personas naming priced lines. Only the lines a lead can buy
    count (``offer_paths.event_lines``: a demo request never buys a self-serve line) where
    a persona buying one is on the platform; a platform none of whose personas buys one
    values its lead at what its personas buy (a demo request from the self-serve line's
    buyers is worth that line's sale, not a sales-led one), until the client's own
    pipeline ties its leads to the other lines (``lead_gate``)."""
    bought = {o.name for o in event_lines(brief, "lead") if o.average_order_value}
    prices = {o.name: o.average_order_value for o in brief.offer if o.average_order_value}
    rate = brief.budget.paid.sale_rate / 100
    weights: dict[str, dict[str, float]] = {}
    for p in brief.targets.personas:
        if p.offer not in prices or not p.share:
            continue
        for platform in p.channels:
            line = weights.setdefault(platform, {})
            line[p.offer] = line.get(p.offer, 0.0) + float(p.share)
    out = {}
    for platform, lines in weights.items():
        tied = {k: w for k, w in lines.items() if k in bought}
        lines = tied or lines  # the lines a lead buys, else what the platform's buyers buy
        total = sum(lines.values())
        value = sum(prices[k] * w for k, w in lines.items()) / total * rate
        out[platform] = {"value": round(value, 2), "tied": bool(tied),
                         "lines": {k: round(w / total * 100, 1) for k, w in lines.items()}}
    return out


def plan_lead_values(brief: Brief, factor: float, margin: float | None) -> dict[str, dict]:
    """``lead_values`` at the plan months' mean order value (``factor``: the months'
    order-value index), each with its break-even (value x ``margin``, None without one)."""
    return {k: {**v, "value": round(v["value"] * factor, 2),
                "break_even": round(v["value"] * factor * margin / 100, 2) if margin else None}
            for k, v in lead_values(brief).items()}
