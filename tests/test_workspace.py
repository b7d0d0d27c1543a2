"""The lab's plumbing without a browser: the plan cache, scenario checks, the merged
scenario file, the panels' starting values, and client workspaces."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan

FASHION = EXAMPLES_DIR / "fashion"


@pytest.fixture
def client(tmp_path):
    """A copy of the fashion example's folder (brief and data files)."""
    folder = tmp_path / "client"
    shutil.copytree(FASHION, folder, ignore=shutil.ignore_patterns("actuals"))
    return folder


def test_plan_is_computed_again_when_a_data_file_changes(client):
    brief = client / "brief.yaml"
    first = load_plan(brief)
    assert load_plan(brief) is first  # unchanged files: the same plan
    before = first.objectives.baselines
    posts = pd.read_csv(client / "posts.csv")
    posts["Comments"] *= 3
    posts.to_csv(client / "posts.csv", index=False)
    second = load_plan(brief)
    assert second is not first
    after = second.objectives.baselines
    assert after["conversation_rate"].value == pytest.approx(
        before["conversation_rate"].value * 3, rel=0.01)


def test_plan_is_computed_again_when_the_scenario_changes(client):
    brief, scenario = client / "brief.yaml", client / "scenario.yaml"
    scenario.write_text("budget: {paid_media: 500000}\n", encoding="utf-8")
    first = load_plan(brief, scenario)
    assert first.brief.budget.paid_media == 500000 and first.scenario == scenario
    scenario.write_text("budget: {paid_media: 650000}\n", encoding="utf-8")
    assert load_plan(brief, scenario).brief.budget.paid_media == 650000
