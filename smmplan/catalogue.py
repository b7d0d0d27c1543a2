"""The catalogues of ``data/``: platforms, KPIs, the objective tree, content, paid and role
facts, each read once per process (``paths.data_yaml``). Every chapter reads them here."""

from __future__ import annotations

from .paths import data_yaml


def platform_catalogue() -> dict:
    """The whole platform catalogue (``data/platforms.yaml``), with its source."""
    return data_yaml("platforms.yaml")


def platforms() -> dict[str, dict]:
    """Platforms by key: label and audience facts."""
    return platform_catalogue()["platforms"]


def check_platform(value: str) -> str:
    """A platform key of the catalogue, lower-cased; ValueError naming the known ones."""
    value = value.lower()
    if value not in platforms():
        known = ", ".join(sorted(platforms()))
        raise ValueError(f"unknown platform {value!r} (known: {known})")
    return value




def kpi_catalogue() -> dict[str, dict]:
    """data/kpis.yaml: every KPI with its formula, unit, direction, source and definition."""
    return data_yaml("kpis.yaml")


def objective_tree() -> dict[str, dict]:
    """data/objective_tree.yaml: problem -> objective, stage and KPIs."""
    return data_yaml("objective_tree.yaml")


def content_facts() -> dict:
    """data/content.yaml: platform roles, formats and content rules."""
    return data_yaml("content.yaml")


def paid_facts() -> dict:
    """data/paid.yaml: currency rates, seasonality, audience and paid planning rules."""
    return data_yaml("paid.yaml")


def conversion_tags() -> dict:
    """data/conversion_tags.yaml: the site tag each ads platform measures conversions with."""
    return data_yaml("conversion_tags.yaml")["tags"]


def role_facts() -> dict:
    """data/roles.yaml: roles, pay and sourcing factors."""
    return data_yaml("roles.yaml")


def tracking_rules() -> dict:
    """data/tracking.yaml: the tracking report's rules and thresholds."""
    return data_yaml("tracking.yaml")


def measurement_items() -> list:
    """data/measurement.yaml: the source document's eight measures."""
    return data_yaml("measurement.yaml")


def sentiment_lexicon() -> dict:
    """data/sentiment.yaml: the positive and negative words (English, French)."""
    return data_yaml("sentiment.yaml")


def goal_metrics() -> list:
    """data/goal_metrics.yaml: business-goal words -> KPI patterns."""
    return data_yaml("goal_metrics.yaml")


def problems_catalogue() -> dict:
    """data/problems.yaml: the seven problems' weights and stages."""
    return data_yaml("problems.yaml")


def privacy_rules() -> dict:
    """data/privacy.yaml: personal-data column names and the disclosure minimum."""
    return data_yaml("privacy.yaml")


def column_aliases() -> dict:
    """data/columns.yaml: column aliases of every export kind, social sources."""
    return data_yaml("columns.yaml")


def platform_use_facts() -> dict:
    """data/platform_use.yaml: platform usage by country or region."""
    return data_yaml("platform_use.yaml")


def population_source() -> dict:
    """data/population.source.yaml: where the population table comes from."""
    return data_yaml("population.source.yaml")


def currency_table() -> dict:
    """data/currency_rates.yaml: dated rates for currencies the ECB omits."""
    return data_yaml("currency_rates.yaml")


def holiday_names() -> dict:
    """data/holiday_names.yaml: English holiday names in the plan languages the ``holidays``
    package lacks for a country."""
    return data_yaml("holiday_names.yaml")
