"""The owned-channel steps' forecast (``retention.owned_steps``): how many of the past buyers
the repeat-rate target still needs each e-mail step brings back, what the steps cost, and
what is still missing, so the target is reached by named steps that add up or the plan says
what is short.

The client's data first: the customer file says which past buyers (those not counted as
repeat buyers, as ``goals._repeat_rate`` counts them) accept marketing e-mails and how many
have had no order for longer than the win-back flow's trigger; its shares apply to the
programme's pool (its past buyers, less those the paid programme brings back). Borrowed:
the share of a flow e-mail's recipients who order (data/retention.yaml ``owned.forecast``,
Klaviyo's published median). Each recipient of ``m`` e-mails orders again with
probability 1 - (1 - rate)^m; the win-back reaches the lapsed, the reminder the recent.

Cost: the e-mail tool's subscription is the client's own when the brief names the tool (it
already pays for it, in its tools budget); the e-mails' writing and set-up, in hours.

When steps and programme fall short, the larger customer-list campaign the budget held back
could fund is sized too: the spend on the same list that would bring the rest back at the
programme's cost per impression, and the frequency it would take against the cap."""

from __future__ import annotations

import math

import pandas as pd

from .exports.columns import find_column
from .goals import repeat_buyers
from .paths import data_yaml


def file_shares(brief, trigger_months: float, window_months: int) -> dict | None:
    """Among the customer file's customers not counted as repeat buyers (2+ orders with the
    last one in the ``window_months`` up to the file's latest order): how many, the share
    whose last order is older than ``trigger_months`` (None without last-order dates) and
    the share who accept marketing e-mails (None without a consent column). None without
    the file or its order counts."""
    found = repeat_buyers(brief, window_months)  # the repeat rate's own definition
    if found is None:
        return None
    table, columns, orders, repeat = (found[k] for k in ("table", "columns", "orders",
                                                         "repeat"))
    old = None
    if found["last"] is not None:
        old = found["last"] < found["end"] - pd.DateOffset(days=round(trigger_months * 30.44))
    pool = orders.notna() & ~repeat
    if not pool.any():
        return None
    consent = None
    col = find_column(table.columns, "audience", "email_consent", columns)
    if col is not None and col in table.columns:
        yes = {str(v).lower()
               for v in data_yaml("retention.yaml")["owned"]["forecast"]["consent_yes"]}
        consent = table[col].astype(str).str.strip().str.lower().isin(yes)
    return {"past_buyers": int(pool.sum()),
            "old_share": round(float(old[pool].mean()), 4) if old is not None else None,
            "consent_share": round(float(consent[pool].mean()), 4)
            if consent is not None else None}


def step_forecast(pool: float, shares: dict | None, rules: dict) -> dict:
    """{step key: {recipients, messages, probability, back}} for a pool of past buyers (the
    module docstring's rule): the win-back gets the lapsed share, the reminder the rest,
    early access none (it keeps repeat buyers counted). Recipients and buyers back are whole
    people, so the steps' printed figures add up."""
    consent = (shares or {}).get("consent_share")
    old = (shares or {}).get("old_share")
    reachable = pool * (1.0 if consent is None else consent)
    parts = {"win_back": 1.0 if old is None else old,
             "reminder": 0.0 if old is None else 1 - old, "early_access": 0.0}
    rate = rules["order_rate"] / 100
    out = {}
    for key, part in parts.items():
        m = int(rules["messages"].get(key, 0))
        p = 1 - (1 - rate) ** m if m else 0.0
        recipients = reachable * part if m else 0.0
        out[key] = {"recipients": round(recipients), "messages": m,
                    "probability": round(p * 100, 2), "back": round(recipients * p)}
    return out


def list_extension(prog: dict, missing: float) -> dict | None:
    """The customer-list campaign that would bring ``missing`` more past buyers back on the
    programme's matched list at its cost per impression (the programme's saturating rule):
    {budget (more), frequency (impressions a person a month), times (the cap's multiple),
    cost_per_order (that extra spend's, on average)}; None when the list cannot (the
    matched audience is smaller than the orders wanted)."""
    audience, orders = prog.get("audience") or 0, prog.get("orders") or 0.0
    months = round(prog["budget"] / prog["monthly"]) if prog.get("monthly") else 0
    want = orders + missing
    if missing <= 0 or audience <= want or not prog.get("warm_cpa") or not months:
        return None
    x = -math.log(1 - want / audience)  # impressions per person x orders per impression
    budget = x * audience * prog["warm_cpa"]  # spend = impressions x cpm / 1000
    impressions = budget / prog["cpm"] * 1000
    freq = impressions / audience / months
    more = max(0.0, budget - prog["budget"])
    return {"budget": round(more, -2) if more >= 1000 else round(more, 2),
            "frequency": round(freq, 1),
            "times": round(freq / prog["monthly_frequency"], 1),
            "cost_per_order": round(more / missing, 2) if missing else None}


def forecast(brief, prog: dict, trigger_months: float, window_months: int,
             rules: dict, tool: str | None) -> dict:
    """The steps' forecast, cost and what is missing (module docstring), for the programme
    ``prog`` (``retention.size_programme``'s figures), sent with ``tool`` (the brief's
    e-mail tool, ``retention.email_tool``; None: none named)."""
    shares = file_shares(brief, trigger_months, window_months)
    pool = max(0.0, prog["lapsed"] - prog["orders"])  # the programme's buyers are back
    steps = step_forecast(pool, shares, rules)
    back = sum(s["back"] for s in steps.values())
    # whole past buyers throughout: the rest the programme leaves, those the steps bring
    # back and those still missing add up as printed (rest = back + missing)
    rest = max(0, round(prog["needed"] - prog["orders"]))
    missing = max(0, rest - back)
    committed = round(prog["orders"]) + min(back, rest)  # the programme's orders, the steps'
    rate = prog["baseline"] + committed / prog["customers"] * 100
    emails = sum(int(rules["emails"].get(k, 0)) for k in steps)
    return {"rest": rest, "steps_back": steps, "back": back, "missing": missing,
            "rate": round(min(rate, prog["target"]), 2),
            "reaches": missing == 0, "order_rate": rules["order_rate"],
            "consent_share": (shares or {}).get("consent_share"),
            "file_past_buyers": (shares or {}).get("past_buyers"),
            "emails": emails, "hours": emails * rules["hours_per_email"],
            "tool_owned": tool is not None,
            "tools_budget": float(brief.budget.tools or 0),
            "extension": list_extension(prog, missing)}
