"""Where things are: the one place that knows the project's folders."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
EXAMPLES_DIR = DATA_DIR / "examples"
LOCALES_DIR = DATA_DIR / "locales"
TEMPLATES_DIR = ROOT / "templates"
NOTEBOOKS_DIR = ROOT / "notebooks"
BRIEF_TEMPLATE = TEMPLATES_DIR / "brief.yaml"
DEFAULT_BRIEF = EXAMPLES_DIR / "fashion" / "brief.yaml"
# Set by a build for its kernel: where the build process leaves the plan it computed while
# the kernel was starting (``plan.compute_ahead``); ``plan.load_plan`` takes it from there.
PLAN_FILE_ENV = "SMMPLAN_PLAN_FILE"


def example_briefs() -> list[Path]:
    """The example briefs shipped in ``data/examples``, sorted by folder name."""
    return sorted(EXAMPLES_DIR.glob("*/brief.yaml"))


# libyaml's loader when PyYAML was built with it (about 10 x faster than the pure-Python one)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> object:
    """Parse YAML text with the safe loader (the C one when available)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


@cache
def data_yaml(name: str) -> dict:
    """A YAML file of ``data/`` (read once per process)."""
    return parse_yaml((DATA_DIR / name).read_text(encoding="utf-8"))
