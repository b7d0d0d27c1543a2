"""Brand identity and situation diagnosis: the seven problems, digital maturity,
SWOT and the competitor benchmark, all computed from the brief."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from .brief import PROBLEM_KEYS, Brief, Channel, Competitor
from .catalogue import problems_catalogue
from .exports.competitors import read_competitors
from .jsondata import as_data

SEVERITY = ("none", "minor", "significant", "severe")


@lru_cache(maxsize=1)
def problem_facts() -> dict[str, dict]:
    """Weights, funnel stage, kind and answering chapter of the seven problems."""
    facts = problems_catalogue()
    assert tuple(facts) == PROBLEM_KEYS, "data/problems.yaml must list the seven problems in order"
    return facts


@dataclass
class ProblemScore:
    key: str
    score: int
    severity: str
    evidence: str
    weight: int
    priority: int
    stage: str
    kind: str
    chapter: str
    rank: int = 0
    fix_first: bool = False


@dataclass
class Diagnosis:
    problems: list[ProblemScore]
    fix_first: list[str]
    overall_score: float  # mean severity 0-3 over the seven problems

    def by_key(self) -> dict[str, ProblemScore]:
        return {p.key: p for p in self.problems}


def diagnose(brief: Brief, max_fix_first: int = 3) -> Diagnosis:
    """Score the seven problems and pick what the plan must fix first.

    Priority = severity (0-3) x weight (1-3, data/problems.yaml). Market problems with
    severity >= 2 are ranked by priority (ties: higher severity, then the source order);
    the first ``max_fix_first`` are what the plan fixes first. Maturity problems are handled
    by the maturity assessment, which changes how fast the plan rolls out.
    """
    facts = problem_facts()
    rows = []
    for key in PROBLEM_KEYS:
        p = getattr(brief.situation.problems, key)
        f = facts[key]
        rows.append(
            ProblemScore(
                key=key,
                score=p.score,
                severity=SEVERITY[p.score],
                evidence=p.evidence,
                weight=f["weight"],
                priority=p.score * f["weight"],
                stage=f["stage"],
                kind=f["kind"],
                chapter=f["chapter"],
            )
        )
    order = sorted(
        rows, key=lambda r: (-r.priority, -r.score, PROBLEM_KEYS.index(r.key))
    )
    for rank, row in enumerate(order, start=1):
        row.rank = rank
    candidates = [r for r in order if r.kind == "market" and r.score >= 2]
    if not candidates:  # nothing serious: the least healthy market problem still leads
        candidates = [r for r in order if r.kind == "market" and r.score >= 1][:1]
    for row in candidates[:max_fix_first]:
        row.fix_first = True
    overall = sum(r.score for r in rows) / len(rows)
    return Diagnosis(
        problems=rows,
        fix_first=[r.key for r in candidates[:max_fix_first]],
        overall_score=round(overall, 2),
    )


MATURITY_LEVELS = ("nascent", "developing", "established", "advanced")


@dataclass
class Maturity:
    infrastructure: float  # 0-100, higher is readier
    culture: float
    channels_active: int  # channels posting at least weekly
    score: float  # 0-100
    level: str
    rollout_months: dict[str, int]  # crawl / walk / run phase lengths over the plan


def assess_maturity(brief: Brief) -> Maturity:
    """Digital maturity from the infrastructure and culture problems and channel activity.

    Each dimension is ``(3 - severity) / 3 x 100``. The score averages the two dimensions
    (weight 0.4 each) with channel activity (0.2: share of listed channels posting at least
    weekly). Levels split the score at 25 / 50 / 75. The less mature the company, the longer
    the plan's "crawl" phase (few channels, training, tools) before it scales.
    """
    probs = brief.situation.problems
    infra = (3 - probs.infrastructure.score) / 3 * 100
    culture = (3 - probs.digital_culture.score) / 3 * 100
    channels = brief.situation.channels
    active = sum(1 for c in channels if (c.posts_per_week or 0) >= 1)
    activity = active / len(channels) * 100 if channels else 0.0
    score = 0.4 * infra + 0.4 * culture + 0.2 * activity
    level = MATURITY_LEVELS[min(3, int(score // 25))]
    months = brief.client.period.months
    crawl_share = {"nascent": 0.34, "developing": 0.25, "established": 0.17, "advanced": 0.0}
    walk_share = {"nascent": 0.33, "developing": 0.33, "established": 0.25, "advanced": 0.25}
    crawl = round(months * crawl_share[level])
    walk = round(months * walk_share[level])
    return Maturity(
        infrastructure=round(infra, 1),
        culture=round(culture, 1),
        channels_active=active,
        score=round(score, 1),
        level=level,
        rollout_months={"crawl": crawl, "walk": walk, "run": months - crawl - walk},
    )


@dataclass
class Entity:
    """The client or a competitor in the benchmark."""

    name: str
    is_client: bool
    followers: int
    followers_by_platform: dict[str, int]
    engagement_rate: float | None  # follower-weighted mean, percent
    posts_per_week: float
    weekly_engagements: float  # followers x ER x posts per week, summed over channels
    mentions: int | None
    share_of_voice: float = 0.0  # percent


@dataclass
class CompetitorBenchmark:
    entities: list[Entity]
    sov_method: str  # "mentions" or "engagement"
    client_rank: int  # by share of voice, 1 = leader
    leader: str


def _entity(name: str, channels: list[Channel], mentions: int | None, is_client: bool) -> Entity:
    by_platform = {c.platform: int(c.followers or 0) for c in channels}
    followers = sum(by_platform.values())
    rated = [c for c in channels if c.engagement_rate is not None and c.followers]
    weight = sum(c.followers for c in rated)
    er = sum(c.followers * c.engagement_rate for c in rated) / weight if weight else None
    weekly = sum(
        (c.followers or 0) * (c.engagement_rate or 0) / 100 * (c.posts_per_week or 0)
        for c in channels
    )
    return Entity(
        name=name,
        is_client=is_client,
        followers=followers,
        followers_by_platform=by_platform,
        engagement_rate=round(er, 2) if er is not None else None,
        posts_per_week=round(sum(c.posts_per_week or 0 for c in channels), 1),
        weekly_engagements=round(weekly, 1),
        mentions=mentions,
    )


def competitors_of(brief: Brief) -> list[Competitor]:
    """The brief's competitors, with the competitors export's latest figures (when the
    brief names one) taking precedence over typed ones, platform by platform; brands only
    in the export are added. Rows named like the client are not competitors: left out."""
    frame = read_competitors(brief)
    if frame is None:
        return list(brief.situation.competitors)
    frame = frame[frame["brand"].str.casefold() != brief.client.name.casefold()]
    typed = {c.name.casefold(): c for c in brief.situation.competitors}
    out = []
    names = [c.name for c in brief.situation.competitors] + [
        b for b in dict.fromkeys(frame["brand"]) if b.casefold() not in typed]
    for name in names:
        known = typed.get(name.casefold())
        channels = {c.platform: c for c in known.channels} if known else {}
        mentions = known.mentions if known else None
        rows = frame[frame["brand"].str.casefold() == name.casefold()]
        if rows["mentions"].notna().any():
            mentions = int(rows["mentions"].sum())
        for row in rows.itertuples():
            base = channels.get(row.platform)
            values = base.model_dump() if base else {"platform": row.platform}
            for key in ("followers", "posts_per_week", "engagement_rate"):
                value = getattr(row, key)
                if value == value:  # not NaN
                    values[key] = int(value) if key == "followers" else float(value)
            channels[row.platform] = Channel(**values)
        out.append(Competitor(name=name, channels=list(channels.values()), mentions=mentions))
    return out


def benchmark_competitors(brief: Brief) -> CompetitorBenchmark | None:
    """Client against competitors: audience, engagement, frequency, share of voice.

    Share of voice uses mentions when the client and every competitor have them (Sprout
    Social's definition); otherwise it is the share of estimated weekly engagements
    (followers x engagement rate x posts per week), stated as such in the plan.
    """
    situation = brief.situation
    competitors = competitors_of(brief)
    if not competitors:
        return None
    entities = [_entity(brief.client.name, situation.channels, situation.mentions, True)]
    entities += [_entity(c.name, c.channels, c.mentions, False) for c in competitors]
    if all(e.mentions is not None for e in entities) and sum(e.mentions for e in entities):
        method, values = "mentions", [float(e.mentions) for e in entities]
    else:
        method, values = "engagement", [e.weekly_engagements for e in entities]
    total = sum(values)
    for entity, value in zip(entities, values, strict=True):
        entity.share_of_voice = round(value / total * 100, 1) if total else 0.0
    ranked = sorted(entities, key=lambda e: -e.share_of_voice)
    rank = next(i for i, e in enumerate(ranked, start=1) if e.is_client)
    return CompetitorBenchmark(entities, method, rank, ranked[0].name)


@dataclass
class SwotItem:
    text_key: str  # i18n key, or "" for text written in the brief
    values: dict = field(default_factory=dict)
    text: str = ""  # brief's own words (shown as written)
    source: str = "brief"  # "brief" or "computed"


@dataclass
class Swot:
    strengths: list[SwotItem]
    weaknesses: list[SwotItem]
    opportunities: list[SwotItem]
    threats: list[SwotItem]


def _from_brief(texts: list[str]) -> list[SwotItem]:
    return [SwotItem(text_key="", text=t) for t in texts]


def build_swot(brief: Brief, diagnosis: Diagnosis, bench: CompetitorBenchmark | None) -> Swot:
    """SWOT from the brief's own lists plus what the diagnosis and benchmark show.

    Computed items: differentiators and problems rated 0 are strengths; problems rated 2-3
    are weaknesses; a channel whose engagement beats the competitors' median on the same
    platform is a strength, one below is a weakness; a platform the client uses where at
    most one competitor is present is an opportunity (when there is none: a platform where
    every competitor engages less, else a sentence saying the data shows none); a platform
    most competitors use and
    the client does not is a threat, as is each competitor with a larger share of voice.
    """
    sit = brief.situation
    s = _from_brief(sit.strengths) + _from_brief(brief.brand.differentiators)
    w = _from_brief(sit.weaknesses)
    o = _from_brief(sit.opportunities)
    t = _from_brief(sit.threats)
    for p in diagnosis.problems:
        if p.score == 0:
            s.append(SwotItem(f"swot.no_problem.{p.key}", source="computed"))
        elif p.score >= 2:
            w.append(SwotItem(f"swot.problem.{p.key}", source="computed"))
    comp = competitors_of(brief)
    if comp:
        mine = {c.platform: c for c in sit.channels}
        for platform, ch in mine.items():
            rates = [
                c.engagement_rate
                for k in comp
                for c in k.channels
                if c.platform == platform and c.engagement_rate is not None
            ]
            if ch.engagement_rate is not None and rates:
                med = median(rates)
                values = {"platform": platform, "mine": ch.engagement_rate, "median": med}
                if ch.engagement_rate > med:
                    s.append(SwotItem("swot.er_above", values, source="computed"))
                elif ch.engagement_rate < med:
                    w.append(SwotItem("swot.er_below", values, source="computed"))
            present = sum(1 for k in comp if any(c.platform == platform for c in k.channels))
            if present <= 1:
                o.append(
                    SwotItem("swot.open_platform", {"platform": platform, "n": present}, "",
                             "computed")
                )
        used: dict[str, int] = {}
        for k in comp:
            for c in {c.platform for c in k.channels}:
                used[c] = used.get(c, 0) + 1
        for platform, n in sorted(used.items()):
            if platform not in mine and n > len(comp) / 2:
                t.append(
                    SwotItem("swot.missing_platform", {"platform": platform, "n": n}, "",
                             "computed")
                )
    if not o:
        o = _open_ground(brief)
    if bench:
        me = next(e for e in bench.entities if e.is_client)
        for e in bench.entities:
            if not e.is_client and e.share_of_voice > me.share_of_voice:
                ratio = e.share_of_voice / me.share_of_voice if me.share_of_voice else None
                t.append(
                    SwotItem(
                        "swot.sov_ahead" if ratio else "swot.sov_ahead_nozero",
                        {"name": e.name, "ratio": ratio},
                        "",
                        "computed",
                    )
                )
    return Swot(s, w, o, t)


def _open_ground(brief: Brief) -> list[SwotItem]:
    """Computed opportunities when the brief lists none and no platform is open: each
    platform the client uses where every competitor present engages less (weak
    competition), else one item saying the data shows none."""
    comp = competitors_of(brief)
    out = []
    for ch in brief.situation.channels:
        rates = [c.engagement_rate for k in comp for c in k.channels
                 if c.platform == ch.platform and c.engagement_rate is not None]
        if ch.engagement_rate is not None and rates and ch.engagement_rate > max(rates):
            out.append(SwotItem("swot.weak_competitors",
                                {"platform": ch.platform, "mine": ch.engagement_rate},
                                "", "computed"))
    return out or [SwotItem("swot.no_opportunity", source="computed")]


@dataclass
class Identity:
    """The first chapter's results: canvas, tone, diagnosis, maturity, SWOT, competitors."""

    diagnosis: Diagnosis
    maturity: Maturity
    swot: Swot
    competitors: CompetitorBenchmark | None

    def to_json(self, brief: Brief) -> dict:
        """Stable JSON form (documented in docs/plan-json.md)."""
        b = brief.brand
        return {
            "canvas": {
                "mission": b.mission,
                "value_proposition": b.value_proposition,
                "differentiators": b.differentiators,
                "personality": b.personality,
            },
            "tone_of_voice": b.tone_of_voice.model_dump(),
            "diagnosis": as_data(self.diagnosis),
            "maturity": as_data(self.maturity),
            "swot": as_data(self.swot),
            "competitors": as_data(self.competitors) if self.competitors else None,
        }


def analyse_identity(brief: Brief) -> Identity:
    """Run the whole first chapter."""
    diagnosis = diagnose(brief)
    bench = benchmark_competitors(brief)
    return Identity(
        diagnosis=diagnosis,
        maturity=assess_maturity(brief),
        swot=build_swot(brief, diagnosis, bench),
        competitors=bench,
    )
