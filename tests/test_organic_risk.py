"""A fill rate that counts bookings credited to organic posts by convention says so in the
risks, with the rate without them (Maison Fournil)."""

from __future__ import annotations

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.summary import risks


def test_the_organic_convention_is_a_risk_with_the_rate_without_it():
    plan = load_plan(EXAMPLES_DIR / "bakery" / "brief.yaml")
    o = next(o for o in plan.objectives.objectives if o.organic_bookings)
    seats = plan.paid.seats
    places = seats["sessions"] * seats["per_session"]
    without = round(o.realistic_target - o.organic_bookings / places * 100)
    assert without < o.realistic_target - 5  # the convention carries a real part of it
    rows = [r for r in risks(plan) if "convention de planification" in r["risk"]
            and "réservations" in r["risk"]]
    assert len(rows) == 1
    assert rows[0]["risk"].startswith(f"{plan.tr.number(o.organic_bookings)} des réservations")
    assert plan.tr.percent(without, 0) in rows[0]["impact"]
    # a plan without such a convention has no such row
    lune = load_plan(EXAMPLES_DIR / "fashion" / "brief.yaml")
    assert not any("organic posts by a planning convention" in r["risk"] for r in risks(lune))


def test_a_loyalty_programme_on_a_customer_list_states_its_borrowed_match_rate():
    """Lune's programme sizes its audience on a borrowed 40 % match rate: a risk row with
    its check; Fournil, with no programme, has none."""
    lune = load_plan(EXAMPLES_DIR / "fashion" / "brief.yaml")
    r = lune.paid.retention
    rows = [x for x in risks(lune) if "match" in x["risk"] and "customer list" in x["risk"]]
    assert len(rows) == 1 and lune.tr.percent(r["match_rate"], 0) in rows[0]["risk"]
    assert lune.tr.number(r["audience"]) in rows[0]["risk"] and "upload" in rows[0]["check"]
    fournil = load_plan(EXAMPLES_DIR / "bakery" / "brief.yaml")
    assert not any("fichier clients est reconnu" in x["risk"] for x in risks(fournil))


def test_a_borrowed_rate_is_read_by_the_plans_own_test_or_first_month():
    """The risks table's check says how each platform's borrowed rates are measured in this
    plan: by its dated test (Cloudline's X: 6 weeks, read on its end date), else by its first
    month of campaigns; never a fixed "4-week test" the plan does not run."""
    import datetime as dt

    from smmplan.views.base import day

    plan = load_plan(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    tr, rows = plan.tr, risks(plan)
    assert not any("4-week" in r["check"] for r in rows)
    for t in plan.paid.tests:
        label = {"x": "X (Twitter)", "linkedin": "LinkedIn"}[t["platform"]]
        [row] = [r for r in rows if r["risk"].startswith(label) or f" {label} " in r["risk"]
                 and "borrowed" in r["risk"]] or [None]
        if row is None:
            continue
        assert f"{t['weeks']}-week test, read on {day(tr, dt.date.fromisoformat(t['end']))}" \
            in row["check"]


def test_a_demand_read_from_the_ads_history_is_not_called_a_sector_assumption():
    """Lune's demand by month is its ads history weighed against the sector's pattern: the
    risk says so, with the history's months; Fournil, with no ads history, keeps the
    sector's assumption."""
    lune = load_plan(EXAMPLES_DIR / "fashion" / "brief.yaml")
    assert lune.paid.demand.basis == "history"
    rows = [r for r in risks(lune) if r["risk"].startswith("Demand by month")]
    assert len(rows) == 1 and "ads history" in rows[0]["risk"] \
        and "assumption for the sector" not in rows[0]["risk"]
    first, last = lune.paid.demand.first, lune.paid.demand.last
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    assert f"{span} months" in rows[0]["risk"]
    fournil = load_plan(EXAMPLES_DIR / "bakery" / "brief.yaml")
    assert any("hypothèse propre au secteur" in r["risk"] for r in risks(fournil))
