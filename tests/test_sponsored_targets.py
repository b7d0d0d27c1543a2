"""Sponsored posts show the products the targets of the platform's paid budget favour
(sponsored_targets): Lune's Facebook money all goes to the outerwear and workwear target."""

from __future__ import annotations

from types import SimpleNamespace

from smmplan.paths import EXAMPLES_DIR
from smmplan.sponsored_targets import favoured_products
from smmplan.validation import load_brief

BRIEF = EXAMPLES_DIR / "fashion" / "brief.yaml"


def _persona(pid: int, favourites: dict[str, float]) -> SimpleNamespace:
    traits = [SimpleNamespace(kind="category", value=v, lift=lift)
              for v, lift in favourites.items()]
    return SimpleNamespace(id=pid, traits=traits)


def test_each_platform_favours_the_products_of_the_targets_it_pays_for():
    brief = load_brief(BRIEF)
    personas = [_persona(0, {"Sportswear": 2.3, "Dresses": 2.0, "Newsletter": 2.1}),
                _persona(1, {"Outerwear": 4.3, "Workwear": 2.1, "Facebook": 4.4})]
    rows = [{"platform": "facebook", "target": 0, "spend": 0.0},
            {"platform": "facebook", "target": 1, "spend": 24_000.0},
            {"platform": "instagram", "target": 0, "spend": 60_000.0},
            {"platform": "instagram", "target": 1, "spend": 10_000.0}]
    found = favoured_products(brief, personas, rows)
    assert found["facebook"] == ["Outerwear", "Workwear"]  # not a channel, not T0's
    assert found["instagram"] == ["Sportswear", "Dresses", "Outerwear", "Workwear"]


def test_a_product_sells_in_its_season_and_one_no_rule_names_all_year():
    from smmplan.sectors import playbook
    from smmplan.sponsored_targets import in_season

    seasons = playbook("retail_fashion")["product_seasons"]
    assert in_season("Outerwear", 10, seasons) and in_season("Outerwear", 1, seasons)
    assert not in_season("Outerwear", 6, seasons)
    assert in_season("Workwear", 6, seasons) and in_season("Workwear", 11, seasons)
    assert not in_season("Swimwear", 12, seasons)
