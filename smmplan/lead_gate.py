"""A gated test for a platform whose leads cannot yet be tied to the buyers a lead is
valued on (data/paid.yaml ``b2b_lead.gate_weeks``): in a B2B lead plan, a platform where no
persona buys a line a lead buys (``b2b_paid.lead_values``: not ``tied``, its lead valued at
what its personas buy, a self-serve sale), or that no persona names, gets no share of the
year's conversion budget, only a dated test: the spend that buys
``test_share.min_read_conversions`` leads at its forecast cost, within
``test_share.percent`` of the conversion budget, over ``gate_weeks`` (its conversion spend
only: the awareness it carries is placed as on any platform). After it, the platform
keeps a budget only if the client's CRM shows its leads from the sales-led line's buyers
at a cost per such lead under that line's break-even."""

from __future__ import annotations

from .brief import Brief
from .catalogue import paid_facts


def gated_platforms(brief: Brief, lead_values: dict, wanted: dict) -> list[str]:
    """The planned platforms (``wanted``: platform -> the brief's bounds, or None) whose lead
    value is not tied to a line a lead buys (no persona there buys one, or no persona
    names the platform at all: nothing ties its leads to a buyer), the brief setting no
    bound for them, while another platform's is (a test needs one to fall back on)."""
    if not any(v.get("tied") for p, v in lead_values.items() if p in wanted):
        return []
    return [p for p, spec in wanted.items()
            if not (lead_values.get(p) or {}).get("tied") and not _bounded(spec)]


def _bounded(spec) -> bool:
    return spec is not None and any(getattr(spec, k, None) is not None
                                    for k in ("min", "max", "fixed"))


def weeks() -> int:
    """How long a gated test runs (data/paid.yaml ``b2b_lead.gate_weeks``)."""
    return int(paid_facts()["b2b_lead"]["gate_weeks"])


def reading_spend(model) -> float:
    """The spend that buys ``test_share.min_read_conversions`` leads at the platform's cost
    per lead at low spend (its middle rates): enough to read the test."""
    cpm, ctr, cvr = model.rates("mid")
    per_lead = cpm * model.season / 1000 / (ctr * model.lift) / (cvr * model.demand)
    return float(paid_facts()["test_share"]["min_read_conversions"]) * per_lead


def gate_budget(model, conversion_budget: float) -> float:
    """The test's conversion spend: its ``reading_spend``, at most ``test_share.percent`` of
    the conversion budget (then too little to read: ``capped``). Awareness spend on the
    platform is apart, placed as on any other."""
    share = conversion_budget * float(paid_facts()["test_share"]["percent"]) / 100
    return round(min(share, reading_spend(model)), 2)


def capped(model) -> bool:
    """Whether the test share cut a gated test below its ``reading_spend``."""
    return model.gate is not None and model.gate < reading_spend(model) - 0.5


def held(models, bounds: list) -> list:
    """Conversion-spend bounds (lower, upper or fixed, one per model) with each gated
    platform's held at its test spend (``ChannelModel.gate``): the gate bounds conversion
    spend only, never the awareness the platform may also carry."""
    return [m.gate if m.gate is not None else b for m, b in zip(models, bounds, strict=True)]
