"""Paid spend by target: each platform's reachable audience is split across the targets
(a target's share of the audience times its reach index on the platform), and a target
whose conversions cost more than they are worth at break-even gets no spend on that
platform: the platform then reaches only the targets that pay, and its money goes to them.

A target's value per conversion on a platform depends on who its ads reach. Ads to people
who have not bought yet (prospecting: look-alikes of the target, its interests) are worth
what the client's ads history measured on that platform (else the history's value over all
platforms, else the offer's), until a month of the plan measures it: the customer file's
value index describes the target's own customers, not strangers who look like them. Only an
audience made of the target's existing customers (``CUSTOMERS``: a customer list, retention,
win-back) is valued at the platform's value times the target's value index. So every
prospecting target on a platform has one value, the platform's.

A platform the plan calls the client's best performer (``channel_choice.best_performers``)
that the paid target uses (the personas whose offer the conversion books) gets a test
share of the conversion budget as its minimum (``trial_min``, data/paid.yaml ``test_share``)
when it has no ads history and the brief sets no bounds for it: the published rates alone
would otherwise give it nothing, and the first months measure its own.
"""

from __future__ import annotations

from dataclasses import replace

from .awareness_target import awareness_share
from .brief import Brief
from .catalogue import paid_facts
from .channel_choice import best_performers
from .trial_test import capped_budget


def trial_platforms(brief: Brief, ads_history: set[str] | frozenset = frozenset()) -> list[str]:
    """The platforms ``trial_min`` gives a test share (module docstring), in brief order."""
    paid = brief.budget.paid
    if not paid_facts()["test_share"]["percent"] or not paid.books:
        return []
    target = {p for persona in brief.targets.personas if persona.offer == paid.books
              for p in persona.channels}
    wanted = dict(paid.channels) or {c.platform: None for c in brief.situation.channels}
    best = best_performers(brief)
    return [p for p, spec in wanted.items() if spec is None and p in best and p in target
            and p not in ads_history and len(wanted) > 1]


def trial_share(brief: Brief, envelope: float) -> float:
    """The test share before the stop rule's cap: data/paid.yaml ``test_share`` percent of
    the envelope's conversion part (the awareness share as ``budget.py`` sets it)."""
    share = awareness_share(brief)
    return round(envelope * (1 - share / 100) * paid_facts()["test_share"]["percent"] / 100, 2)


def trial_min(brief: Brief, platform: str, envelope: float, trial: list[str],
             break_even: float | None = None) -> float | None:
    """A test platform's minimum spend: its ``trial_share``, capped at the stop rule's
    reading spend (``trial_test.capped_budget``); None for a platform not in ``trial``
    (``trial_platforms``, computed once by the caller): no minimum."""
    if platform not in trial:
        return None
    return capped_budget(trial_share(brief, envelope), break_even)


def channel_verdicts(targets: list[dict] | None, platforms: list[str]) -> dict:
    """The targets each platform spends nothing on because their card rules it out (few of
    them came through it: ``target_channels.few_came``), as {platform: {target: {"channel":
    True}}}; never all of a platform's targets (then the verdict cannot choose among them)."""
    out: dict = {}
    for p in platforms:
        gone = {t["id"]: {"channel": True} for t in targets or []
                if p in t.get("ruled_out", ())}
        if gone and len(gone) < len(targets or []):
            out[p] = gone
    return out


def parts(platform: str, targets: list[dict]) -> dict:
    """Each target's part of a platform's reachable audience (summing to 1)."""
    weights = {t["id"]: t["share"] * t["index"].get(platform, 1.0) for t in targets}
    total = sum(weights.values()) or 1.0
    return {k: w / total for k, w in weights.items()}


CUSTOMERS = "customers"  # a target's ``audience`` made of its own customers (customer list)
PROSPECTING = "prospecting"  # people who have not bought yet (look-alikes): the default


def by_index(target: dict) -> bool:
    """Whether a target's value index (customer file) values its conversions: only for an
    audience of its existing customers (``audience`` = ``CUSTOMERS``), never prospecting."""
    return target.get("audience", PROSPECTING) == CUSTOMERS


def relative_values(platform: str, targets: list[dict]) -> dict:
    """Each target's value per conversion on a platform over the platform's own value (its
    ads history's there, module doc): 1.0 for prospecting, the target's value index for an
    audience of its customers (``by_index``)."""
    return {t["id"]: (t["value_index"] or 1.0) if by_index(t) else 1.0
            for t in targets if t["id"] in parts(platform, targets)}


def kept_share(platform: str, targets: list[dict], left_out) -> tuple[float, float]:
    """The part of a platform's audience in the targets it keeps (all but ``left_out``) and
    their mean relative value (``relative_values``) weighed by that part (1.0 when the
    part is empty)."""
    share = parts(platform, targets)
    rel = relative_values(platform, targets)
    kept = [k for k in share if k not in left_out]
    part = sum(share[k] for k in kept)
    return part, (sum(share[k] * rel[k] for k in kept) / part if part > 0 else 1.0)


def restrict(model, targets: list[dict], left_out, value: float | None):
    """The platform's model on the targets it keeps: audience and capacity cut to their
    part, value per conversion the platform's ``value`` x their mean relative value (1.0
    when all are prospecting: the platform's own value)."""
    if not left_out and not any(by_index(t) for t in targets or []):
        return model
    part, mean = kept_share(model.platform, targets, left_out)
    if part <= 0:
        return replace(model, max=0.0)
    return replace(model, audience=model.audience * part,
                   monthly_capacity=model.monthly_capacity * part
                   if model.monthly_capacity else None,
                   value=value * mean if value else model.value)


def unearning(models, spends, targets: list[dict], break_even: float | None,
              left_out: dict) -> dict:
    """Targets to leave out, by platform, beyond ``left_out``: those whose break-even cost
    per conversion (break-even x their relative value) is below what a conversion costs on
    the platform at its planned conversion spend (their return below break-even); never a
    platform's last target. Each as {target: {cost, break_even}}: what a conversion costs
    on the platform and what one from the target is worth at break-even."""
    if not break_even or not targets:
        return {}
    more = {}
    for m, spend in zip(models, spends, strict=True):
        conv = float(m.chain(float(spend))["conversions"]) if spend > 0 else 0.0
        if conv <= 0:
            continue
        cost = float(spend) / conv
        rel = relative_values(m.platform, targets)
        gone = left_out.get(m.platform, {})
        drop = {k: {"cost": round(cost, 2), "break_even": round(float(break_even * r), 2)}
                for k, r in rel.items() if k not in gone and break_even * r < cost}
        if drop and len(gone) + len(drop) < len(rel):
            more[m.platform] = drop
    return more


def target_split(channels, models, targets: list[dict], values: list, left_out: dict
                 ) -> list[dict]:
    """Each platform's forecast split across the targets: the targets it keeps share its
    spend, audience-bound curve and conversions in proportion to their part of the
    audience; revenue at each target's value (``relative_values`` x ``values``, the
    platform's value over its kept targets' mean: ``history_fit.split_values``). Adds up to
    the platform's totals."""
    rows = []
    for c, m, value in zip(channels, models, values, strict=True):
        share = parts(c.platform, targets)
        rel = relative_values(c.platform, targets)
        gone = left_out.get(c.platform, {})
        kept = sum(w for k, w in share.items() if k not in gone) or 1.0
        for t in targets:
            k = t["id"]
            q = 0.0 if k in gone else share[k] / kept
            conv = c.conversions * q
            rows.append({"platform": c.platform, "target": k,
                         "audience": round(m.audience / kept * share[k]),
                         "spend": round(c.spend * q, 2), "conversions": round(conv, 2),
                         "revenue": round(conv * value * rel[k], 2) if value else None,
                         "funded": k not in gone})
    return rows
