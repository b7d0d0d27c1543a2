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


def role_facts() -> dict:
    """data/roles.yaml: roles, pay and sourcing factors."""
    return data_yaml("roles.yaml")


def tracking_rules() -> dict:
    """data/tracking.yaml: the tracking report's rules and thresholds."""
    return data_yaml("tracking.yaml")
