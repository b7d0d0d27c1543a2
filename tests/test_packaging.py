"""pyproject.toml and environment.yml list the same dependencies."""

from __future__ import annotations

import re
import tomllib

import yaml

from smmplan.paths import ROOT


def _norm(spec: str) -> str:
    return re.sub(r"\s+", "", spec).lower()


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_norm(d) for d in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_norm(d) for d in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = {_norm(d) for d in env["dependencies"] if isinstance(d, str)}
    listed -= {"pip"} | {d for d in listed if d.startswith("python")}
    assert listed == wanted, listed ^ wanted


def test_console_script():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["smmplan"] == "smmplan.cli:main"


def test_generated_field_reference_is_current():
    from smmplan.docs import FIELDS_DOC, brief_fields_markdown

    assert FIELDS_DOC.read_text(encoding="utf-8") == brief_fields_markdown(), (
        "run: python -m smmplan.docs"
    )


def test_readme_quick_start_has_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.splitlines()
                if line.startswith("make ")]
    assert commands == ["make demo", "make test"]
