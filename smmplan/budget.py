"""Paid campaigns: benchmarks, response curves (or rates fitted from an ads export),
the optimal split of the budget, scenarios, forecasts and what to sponsor.

Chain (no history): impressions = spend / CPM x 1000; clicks = impressions x CTR;
conversions = clicks x CVR. Returns diminish because a platform's reachable audience is
finite: useful impressions = A_f x (1 - exp(-impressions / A_f)), where A_f is the
reachable audience times an effective frequency (data/paid.yaml). So at low spend the
curve follows the benchmark chain exactly, and it flattens as the audience saturates.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial
from statistics import median

import numpy as np
import pandas as pd

from .brief import Brief
from .errors import DataError
from .exports.ads import read_ads
from .exports.posts import read_posts
from .metrics import RANKING_KPI, by_group, frame_metric
from .optimiser import Allocation, AllocationError, allocate, saturation
from .paths import DATA_DIR, data_yaml

SCENARIOS = ("low", "mid", "high")
SWEEP = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


def paid_facts() -> dict:
    """data/paid.yaml."""
    return data_yaml("paid.yaml")


@lru_cache(maxsize=1)
def benchmark_rows() -> list[dict]:
    """data/benchmarks.csv, one figure per row with its source."""
    with (DATA_DIR / "benchmarks.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["value"] = float(row["value"])
        row["verified"] = row["verified"].lower() == "true"
    return rows


@dataclass
class Range:
    low: float
    mid: float
    high: float
    sources: list[str]
    basis: str  # "benchmark", "borrowed", "history", "brief"


def _range(values: list[float], sources: list[str], basis: str) -> Range:
    return Range(min(values), float(median(values)), max(values), sorted(set(sources)), basis)


def platform_benchmarks(platform: str, rate: float) -> dict[str, Range]:
    """CPM (plan currency), CTR and CVR (%) ranges for a platform from data/benchmarks.csv.
    CPMs implied by a source's CPC and CTR count as CPM figures; a platform without a CVR
    borrows Facebook's (marked "borrowed")."""
    rows = [r for r in benchmark_rows() if r["platform"] == platform]
    out: dict[str, Range] = {}
    cpm = [(r["value"] * rate, r["source"]) for r in rows if r["metric"] == "cpm"]
    by_source: dict[tuple, dict] = {}
    for r in rows:
        by_source.setdefault((r["source"], r["year"], r["objective"], r["industry"]),
                             {})[r["metric"]] = r["value"]
    for (source, *_), metrics in by_source.items():
        if "cpc" in metrics and "ctr" in metrics and "cpm" not in metrics:
            cpm.append((metrics["cpc"] * metrics["ctr"] / 100 * 1000 * rate,
                        source + " (CPM implied by CPC x CTR)"))
    if cpm:
        out["cpm"] = _range([v for v, _ in cpm], [s for _, s in cpm], "benchmark")
    for metric in ("ctr", "cvr"):
        found = [(r["value"], r["source"]) for r in rows if r["metric"] == metric]
        if found:
            out[metric] = _range([v for v, _ in found], [s for _, s in found], "benchmark")
    if "cvr" not in out:
        fb = [(r["value"], r["source"]) for r in benchmark_rows()
              if r["platform"] == "facebook" and r["metric"] == "cvr"]
        out["cvr"] = _range([v for v, _ in fb], [s for _, s in fb], "borrowed")
    return out


def usd_rate(brief: Brief) -> tuple[float, str]:
    """Units of the plan currency per US dollar, and where the rate comes from."""
    paid = brief.budget.paid
    if paid.usd_rate:
        return paid.usd_rate, "brief"
    facts = paid_facts()["currency_rates"]
    currency = brief.client.currency
    if currency not in facts["per_usd"]:
        raise DataError(
            f"{brief.source}: budget.paid.usd_rate: no dated rate for {currency} in "
            f"data/paid.yaml; give the number of {currency} per US dollar")
    return facts["per_usd"][currency], f"{facts['source']} ({facts['date']})"


def season_factors(platform: str, months: list[pd.Timestamp],
                   overrides: dict[str, float] | None = None) -> np.ndarray:
    """CPM factor of each month (Q1 = 1, Q4 = the platform's Q4/Q1 ratio; the brief's
    ``budget.paid.seasonality`` replaces data/paid.yaml)."""
    ratios = {**paid_facts()["seasonality"]["q4_over_q1"], **(overrides or {})}
    q4 = ratios.get(platform, ratios["facebook"])
    by_quarter = {1: 1.0, 2: 1 + (q4 - 1) / 3, 3: 1 + 2 * (q4 - 1) / 3, 4: q4}
    return np.array([by_quarter[(m.month - 1) // 3 + 1] for m in months])


@dataclass
class ChannelModel:
    """One platform's rates, audience and response curve."""

    platform: str
    cpm: Range
    ctr: Range
    cvr: Range
    audience: float  # reachable people
    frequency: float
    season: float  # spend-weighted mean CPM factor over the plan period
    min: float | None = None
    max: float | None = None
    fixed: float | None = None

    def rates(self, scenario: str = "mid") -> tuple[float, float, float]:
        """(CPM, CTR, CVR) of a scenario: low = pessimistic (high CPM, low CTR and CVR)."""
        if scenario == "low":
            return self.cpm.high, self.ctr.low / 100, self.cvr.low / 100
        if scenario == "high":
            return self.cpm.low, self.ctr.high / 100, self.cvr.high / 100
        return self.cpm.mid, self.ctr.mid / 100, self.cvr.mid / 100

    def chain(self, spend: np.ndarray | float, scenario: str = "mid") -> dict[str, np.ndarray]:
        """Impressions, reach, clicks and conversions for a spend."""
        cpm, ctr, cvr = self.rates(scenario)
        spend = np.asarray(spend, dtype=float)
        impressions = spend / (cpm * self.season) * 1000
        reach = self.audience * -np.expm1(-impressions / self.audience)
        capacity = self.audience * self.frequency
        useful = capacity * -np.expm1(-impressions / capacity)
        clicks = useful * ctr
        return {"impressions": impressions, "reach": reach, "clicks": clicks,
                "conversions": clicks * cvr}

    def curve(self, scenario: str = "mid"):
        """Conversions as a function of spend (a saturation curve, see the module doc)."""
        cpm, ctr, cvr = self.rates(scenario)
        capacity = self.audience * self.frequency
        return partial(saturation, top=capacity * ctr * cvr,
                       scale=capacity * cpm * self.season / 1000)

    def reach_curve(self, scenario: str = "mid"):
        cpm, _, _ = self.rates(scenario)
        return partial(saturation, top=self.audience, scale=self.audience * cpm * self.season
                       / 1000)


@dataclass
class ChannelPlan:
    platform: str
    spend: float
    awareness_spend: float
    conversion_spend: float
    impressions: float
    reach: float
    clicks: float
    conversions: float
    revenue: float
    cpa: float | None
    roas: float | None
    conversions_low: float
    conversions_high: float


@dataclass
class Paid:
    objective: str
    total: float
    awareness_share: float  # percent
    aov: float | None  # value of one conversion: average order value x sale rate
    margin: float | None  # percent
    break_even_cpa: float | None
    rate: float
    rate_source: str
    channels: list[ChannelPlan]
    excluded: list[dict]  # {platform, reason}
    models: list[dict]  # rates, audience and their sources, per platform
    equal_split_conversions: float
    sweep: list[dict]  # {factor, budget (total), conversion_budget, conversions, revenue,
    #                    marginal_cpa}
    break_even_budget: float | None
    scenarios: dict[str, dict]  # low / mid / high totals
    monthly: list[dict]
    sponsor: list[dict]
    history: dict | None = None
    by_target: list[dict] = field(default_factory=list)  # per platform and target
    min_useful_spend: float = 0.0  # below it a platform gets nothing (optimiser)
    effective_frequency: float = 0.0  # exposures per person the reach curve assumes

    @property
    def conversion_budget(self) -> float:
        """The part of the paid budget that buys conversions (the rest buys awareness)."""
        return self.total * (1 - self.awareness_share / 100)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def totals(self) -> dict:
        conv = sum(c.conversions for c in self.channels)
        rev = sum(c.revenue for c in self.channels)
        return {"spend": self.total, "conversions": conv, "revenue": rev,
                "cpa": self.total / conv if conv else None,
                "roas": rev / self.total if self.total else None}


def _audience(brief: Brief, platform: str, override: int | None) -> float:
    if override:
        return float(override)
    facts = paid_facts()["audience"]
    population = facts["population_15_plus"].get(brief.client.country)
    if population is None:
        raise DataError(
            f"{brief.source}: budget.paid.channels.{platform}.audience: no population figure "
            f"for {brief.client.country} in data/paid.yaml; give the reachable audience")
    share = brief.budget.paid.addressable_share
    if share is None:
        share = facts["default_addressable_share"][brief.client.size]
    use = facts["platform_use"].get(platform, 30) / 100
    return max(1000.0, population * use * share / 100)


def _rates(totals: np.ndarray) -> np.ndarray:
    """CPM, CTR (%) and CVR (%) from summed spend, impressions, clicks, conversions (the
    first axis; more axes are resamples)."""
    spend, impressions, clicks, conversions = totals
    return np.array([spend / impressions * 1000, clicks / impressions * 100,
                     conversions / clicks * 100])


def _fit_history(brief: Brief, rate_note: str) -> dict | None:
    """Rates per platform fitted from the ads export, with 90 % bootstrap intervals."""
    spec = brief.data.ads
    if spec is None:
        return None
    path = brief.resolve(spec.path)
    frame = read_ads(brief)
    cols = frame.attrs["columns"]
    rng = np.random.default_rng(brief.random_seed() % 2**31)
    fitted = {}
    for platform, rows in frame.groupby("platform"):
        if rows["impressions"].sum() <= 0 or rows["spend"].sum() <= 0:
            continue
        if rows["clicks"].sum() <= 0:
            fitted[platform] = {"rows": len(rows), "note": "zero clicks: CTR and CVR kept "
                                "from benchmarks"}
            continue
        sums = rows[["spend", "impressions", "clicks", "conversions"]].to_numpy(float)
        point = _rates(sums.sum(axis=0))
        # 200 bootstrap resamples of the rows at once: (200, rows) indices -> summed columns
        picks = rng.integers(0, len(rows), (200, len(rows)))
        with np.errstate(divide="ignore", invalid="ignore"):
            boots = _rates(sums[picks].sum(axis=1).T).T
        lo, hi = np.nanpercentile(boots, 5, axis=0), np.nanpercentile(boots, 95, axis=0)
        fitted[platform] = {
            "rows": len(rows), "spend": float(rows["spend"].sum()),
            "cpm": Range(lo[0], point[0], hi[0], [path.name], "history"),
            "ctr": Range(lo[1], point[1], hi[1], [path.name], "history"),
            "cvr": Range(lo[2], point[2], hi[2], [path.name], "history"),
        }
    return {"file": path.name, "columns": cols, "platforms": fitted,
            "currency_note": rate_note}


def _sponsor(brief: Brief) -> list[dict]:
    """Content types to put paid support behind: the post history's best engagement rate
    by content type (when a post export is given), else by objective rules."""
    out = []
    posts = read_posts(brief)
    if posts is not None and (posts["content_type"] != "").any():
        overall = frame_metric(posts, RANKING_KPI)
        for _, row in by_group(posts, "content_type", RANKING_KPI).iterrows():
            out.append({"content_type": str(row["content_type"]), "posts": int(row["posts"]),
                        "engagement_rate": round(float(row["rate"]), 2),
                        "index": round(float(row["rate"] / overall), 2),
                        "sponsor": bool(row["rate"] >= overall and row["posts"] >= 5),
                        "basis": "history"})
    if not out:
        out = [{"content_type": kind, "posts": 0, "engagement_rate": None, "index": None,
                "sponsor": True, "basis": "rule"} for kind in ("short_video", "carousel",
                                                                "offer")]
    return out


def target_split(channels: list[ChannelPlan], models: list[ChannelModel],
                 targets: list[dict], aov: float | None) -> list[dict]:
    """Each platform's forecast split across the targets. A target's part of a platform's
    reachable audience is its share of the audience times its reach index on the platform
    (targets chapter); each (platform, target) pair has its own saturation curve on that
    audience, fed in proportion to it, and revenue weighted by the target's value index."""
    rows = []
    for c, m in zip(channels, models, strict=True):
        weights = [t["share"] * t["index"].get(c.platform, 1.0) for t in targets]
        total = sum(weights) or 1.0
        for t, w in zip(targets, weights, strict=True):
            part = w / total
            sub = ChannelModel(m.platform, m.cpm, m.ctr, m.cvr, m.audience * part,
                               m.frequency, m.season)
            chain = sub.chain(c.conversion_spend * part)
            conv = float(chain["conversions"])
            rows.append({"platform": c.platform, "target": t["id"],
                         "audience": round(m.audience * part),
                         "spend": round(c.spend * part, 2), "conversions": round(conv, 2),
                         "revenue": round(conv * aov * (t["value_index"] or 1.0), 2)
                         if aov else None})
    return rows


def plan_paid(brief: Brief, targets: list[dict] | None = None) -> Paid:
    """The paid-media chapter's results. ``targets`` (id, share, per-platform reach index,
    value index) splits each platform's forecast across the targets."""
    settings = brief.budget.paid
    total = brief.budget.paid_media
    if total <= 0:
        raise DataError(f"{brief.source}: budget.paid_media: must be positive to plan paid "
                        "campaigns (got 0)")
    rate, rate_source = usd_rate(brief)
    history = _fit_history(brief, rate_source)
    lines = brief.offer
    aovs = [o.average_order_value for o in lines if o.average_order_value]
    margins = [o.gross_margin for o in lines if o.gross_margin]
    aov = float(np.mean(aovs)) * settings.sale_rate / 100 if aovs else None
    margin = float(np.mean(margins)) if margins else None
    if settings.objective in ("revenue", "profit") and aov is None:
        raise DataError(f"{brief.source}: offer[].average_order_value: needed for the "
                        f"{settings.objective} objective (budget.paid.objective)")
    if settings.objective == "profit" and margin is None:
        raise DataError(f"{brief.source}: offer[].gross_margin: needed for the profit "
                        "objective")
    months = [pd.Timestamp(m) for m in brief.client.period.month_starts]
    wanted = dict(settings.channels) or {c.platform: None for c in brief.situation.channels}
    facts = paid_facts()["audience"]
    models, excluded = [], []
    for platform, spec in wanted.items():
        bench = platform_benchmarks(platform, rate)
        fitted = (history or {}).get("platforms", {}).get(platform, {})
        rates = {}
        for metric in ("cpm", "ctr", "cvr"):
            override = getattr(spec, metric, None) if spec else None
            if override is not None:
                rates[metric] = Range(override, override, override, ["brief"], "brief")
            elif isinstance(fitted.get(metric), Range):
                rates[metric] = fitted[metric]
            elif metric in bench:
                rates[metric] = bench[metric]
        missing = [m for m in ("cpm", "ctr", "cvr") if m not in rates]
        if missing:
            excluded.append({"platform": platform, "reason": "no_benchmark",
                             "missing": missing})
            continue
        model = ChannelModel(
            platform, rates["cpm"], rates["ctr"], rates["cvr"],
            _audience(brief, platform, spec.audience if spec else None),
            facts["effective_frequency"],
            float(np.mean(season_factors(platform, months, settings.seasonality))),
            min=spec.min if spec else None, max=spec.max if spec else None,
            fixed=spec.fixed if spec else None)
        models.append(model)
    if not models:
        raise DataError(f"{brief.source}: budget.paid.channels: no platform has benchmarks "
                        "(add cpm, ctr and cvr for one)")
    # Awareness / conversion split from the diagnosis (or the brief).
    share = settings.awareness_share
    if share is None:
        score = brief.situation.problems.brand_awareness.score
        share = paid_facts()["awareness_share"]["by_awareness_score"][score]
    aware_budget = total * share / 100
    conv_budget = total - aware_budget
    min_useful = settings.min_useful_spend if settings.min_useful_spend is not None else \
        0.05 * conv_budget
    names = [m.platform for m in models]
    value = _value_fn(settings.objective, aov, margin)

    def solve(budget: float, scenario: str = "mid") -> Allocation:
        curves = [(lambda c: (lambda x: value(c(x), x)))(m.curve(scenario)) for m in models]
        return allocate(curves, budget, lower=[m.min or 0 for m in models],
                        upper=[m.max if m.max is not None else budget for m in models],
                        min_spend=[min_useful] * len(models),
                        fixed=[m.fixed for m in models], names=names)

    try:
        conv_alloc = solve(conv_budget)
        reach_alloc = allocate([m.reach_curve() for m in models], aware_budget,
                               upper=[m.max if m.max is not None else aware_budget
                                      for m in models], names=names) \
            if aware_budget > 0 else None
    except AllocationError as exc:
        raise DataError(f"{brief.source}: budget.paid: {exc}") from None
    channels = []
    for i, m in enumerate(models):
        cs = conv_alloc.spend[i]
        aw = reach_alloc.spend[i] if reach_alloc else 0.0
        chain = m.chain(cs)
        aware = m.chain(aw)
        conv = float(chain["conversions"])
        revenue = conv * aov if aov else 0.0
        channels.append(ChannelPlan(
            m.platform, cs + aw, aw, cs,
            float(chain["impressions"] + aware["impressions"]),
            float(m.audience * -np.expm1(-(chain["impressions"] + aware["impressions"])
                                         / m.audience)),
            float(chain["clicks"] + aware["clicks"]),
            conv, revenue,
            (cs + aw) / conv if conv else None,
            revenue / (cs + aw) if (cs + aw) and aov else None,
            float(m.chain(cs, "low")["conversions"]),
            float(m.chain(cs, "high")["conversions"]),
        ))
    equal = sum(float(m.chain(conv_budget / len(models))["conversions"]) for m in models)
    # Budget sweep: re-optimised conversions at each level, marginal cost per conversion.
    sweep, prev = [], None
    for factor in SWEEP:
        b = conv_budget * factor
        try:
            alloc = solve(b)
        except AllocationError:
            continue
        conv = sum(float(m.chain(s)["conversions"]) for m, s in zip(models, alloc.spend,
                                                                      strict=True))
        marginal = None
        if prev and conv > prev[1]:
            marginal = (b - prev[0]) / (conv - prev[1])
        # ``budget`` is the whole paid budget (the awareness part stays as planned), on the
        # same basis as the headline total and the break-even budget.
        sweep.append({"factor": factor, "budget": round(b + aware_budget, 2),
                      "conversion_budget": round(b, 2), "conversions": round(conv, 2),
                      "revenue": round(conv * aov, 2) if aov else None,
                      "marginal_cpa": round(marginal, 2) if marginal else None})
        prev = (b, conv)
    break_even = aov * margin / 100 if aov and margin else None
    be_budget = None
    if break_even:
        for a, b in itertools.pairwise(sweep):
            if b["marginal_cpa"] and b["marginal_cpa"] >= break_even:
                lo_cpa = a["marginal_cpa"] or 0
                t = (break_even - lo_cpa) / (b["marginal_cpa"] - lo_cpa) if \
                    b["marginal_cpa"] != lo_cpa else 0
                be_budget = round(a["budget"] + max(0, min(1, t)) * (b["budget"] - a["budget"]),
                                  2)
                break
    scenarios = {}
    for sc in SCENARIOS:
        conv = sum(float(m.chain(c.conversion_spend, sc)["conversions"])
                   for m, c in zip(models, channels, strict=True))
        scenarios[sc] = {"conversions": round(conv, 1),
                         "revenue": round(conv * aov, 2) if aov else None,
                         "cpa": round(total / conv, 2) if conv else None,
                         "roas": round(conv * aov / total, 2) if aov and total else None}
    monthly = _phase(models, channels, months, aov, settings.seasonality)
    return Paid(
        objective=settings.objective, total=total, awareness_share=share, aov=aov,
        margin=margin, break_even_cpa=break_even, rate=rate, rate_source=rate_source,
        channels=channels, excluded=excluded,
        models=[{"platform": m.platform, "cpm": asdict(m.cpm), "ctr": asdict(m.ctr),
                 "cvr": asdict(m.cvr), "audience": round(m.audience),
                 "season_factor": round(m.season, 3)} for m in models],
        equal_split_conversions=round(equal, 2), sweep=sweep, break_even_budget=be_budget,
        scenarios=scenarios, monthly=monthly,
        sponsor=_sponsor(brief), min_useful_spend=min_useful,
        effective_frequency=paid_facts()["audience"]["effective_frequency"],
        by_target=target_split(channels, models, targets, aov) if targets else [],
        history={k: v for k, v in history.items() if k != "platforms"} | {
            "platforms": {p: {k: (asdict(v) if isinstance(v, Range) else v)
                              for k, v in d.items()} for p, d in history["platforms"].items()}}
        if history else None,
    )


def _value_fn(objective: str, aov: float | None, margin: float | None):
    if objective == "revenue":
        return lambda conv, spend: conv * aov
    if objective == "profit":
        return lambda conv, spend: conv * aov * margin / 100 - spend
    return lambda conv, spend: conv


def _phase(models, channels, months, aov, overrides) -> list[dict]:
    """Even monthly spend; results per month scaled by that month's CPM factor."""
    rows = []
    n = len(months)
    for m, c in zip(models, channels, strict=True):
        if c.spend <= 0:
            continue
        factors = season_factors(m.platform, months, overrides)
        weights = (1 / factors) / (1 / factors).sum()
        for month, w in zip(months, weights, strict=True):
            rows.append({"month": month.date().isoformat(), "platform": m.platform,
                         "spend": round(c.spend / n, 2),
                         "impressions": round(c.impressions * w, 1),
                         "conversions": round(c.conversions * w, 2),
                         "revenue": round(c.conversions * w * aov, 2) if aov else None})
    return rows
