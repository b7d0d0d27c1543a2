"""The lab's scenario file and Keep: ``scenario.yaml`` beside the brief, each chapter's
Keep merging its choices into it after the build's checks, earlier versions in
``scenario.history/`` for Undo; and what every panel shares (the preview brief, the Keep
and Undo buttons). See docs/scenario.md."""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml

from .brief import Brief, parse_brief, platforms
from .errors import BriefError, SmmplanError
from .scenario import (
    COMPARE,
    NAMED,
    apply_scenario,
    apply_scenario_data,
    own_sections,
    read_yaml,
)

SCENARIO_NAME = "scenario.yaml"
HISTORY_DIR = "scenario.history"
# What each chapter's Keep writes: the scenario fields it owns.
CHAPTER_FIELDS = {"targets": ("targets", "k"), "objectives": ("goals", "kpi_targets"),
                  "budget": ("budget", None)}


# ---- the scenario file -------------------------------------------------------------

def scenario_file(brief_path: str | Path) -> Path:
    """Where the lab keeps a brief's scenario: ``scenario.yaml`` beside it."""
    return Path(brief_path).resolve().parent / SCENARIO_NAME


def read_scenario(path: Path) -> dict:
    """A scenario file's mapping ({} when the file does not exist)."""
    if not path.is_file():
        return {}
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise BriefError([f"{path}: (top level): a scenario must be a YAML mapping"])
    return data


def merge_choices(kept: dict, chapter: str, choices: dict) -> dict:
    """The kept scenario with one chapter's choices in: ``targets`` sets ``targets.k``,
    ``objectives`` sets the KPI targets it names (others stay), ``budget`` replaces the
    budget section. Other chapters' choices are kept as they are (a new dict)."""
    section, field = CHAPTER_FIELDS[chapter]
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in kept.items()}
    part = dict(merged.get(section) or {})
    if field is None:
        part = dict(choices)
    elif field == "kpi_targets":
        part[field] = {**(part.get(field) or {}), **choices}
    else:
        part[field] = choices[field]
    merged[section] = part
    return merged


def check_scenario(brief_path: Path, data: dict) -> None:
    """BriefError (nothing written) if the build would refuse the brief with ``data``
    as its scenario: the brief's validation, then the build's preflight."""
    from . import preflight
    from .validation import load_brief

    folder = Path(brief_path).resolve().parent
    handle, name = tempfile.mkstemp(prefix=".scenario-check-", suffix=".yaml", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False)
        brief = load_brief(brief_path, check_files=False, scenario=tmp)
        lines = preflight.problems(brief, preflight.label(brief_path, SCENARIO_NAME))
        lines += [line.replace(str(tmp), SCENARIO_NAME)  # each as compared: alone
                  for line in preflight.named_problems(brief_path, tmp)]
    except BriefError as exc:
        lines = [line.replace(str(tmp), SCENARIO_NAME) for line in exc.lines()]
    finally:
        tmp.unlink(missing_ok=True)
    if lines:
        raise BriefError(lines)


def keep(brief_path: str | Path, chapter: str, choices: dict,
         path: str | Path | None = None) -> Path:
    """Merge one chapter's choices into the scenario file (``path``, default beside the
    brief) after checking them as the build would; the file as it was goes to
    ``scenario.history/``. Raises BriefError and writes nothing when refused."""
    path = Path(path) if path else scenario_file(brief_path)
    return write_scenario(brief_path, merge_choices(read_scenario(path), chapter, choices),
                          path)


def name_scenario(brief_path: str | Path, name: str, path: str | Path | None = None
                  ) -> Path:
    """Keep the scenario file's current choices (its ``targets``, ``budget`` and ``goals``:
    the brief alone when it has none) under ``name`` in its ``scenarios``, replacing a
    scenario of that name; written like a Keep (checked, history, Undo)."""
    name = str(name).strip()
    if not name:
        raise BriefError([f"{SCENARIO_NAME}: {NAMED}: give the scenario a name"])
    path = Path(path) if path else scenario_file(brief_path)
    kept = read_scenario(path)
    named = {**(kept.get(NAMED) or {}), name: copy.deepcopy(own_sections(kept))}
    return write_scenario(brief_path, {**kept, NAMED: named}, path)


def keep_comparison(brief_path: str | Path, names: list[str],
                    path: str | Path | None = None) -> Path:
    """Keep the comparison of these named scenarios for the plan (``compare``; none: the
    plan shows no comparison); written like a Keep (checked, history, Undo)."""
    path = Path(path) if path else scenario_file(brief_path)
    kept = read_scenario(path)
    data = {k: v for k, v in kept.items() if k != COMPARE}
    if names:
        data[COMPARE] = list(names)
    return write_scenario(brief_path, data, path)


def write_scenario(brief_path: str | Path, data: dict, path: Path) -> Path:
    """Write a scenario file's new content after the build's checks (BriefError, nothing
    written, when refused), stamped with the brief and the time; the file as it was goes
    to ``scenario.history/``."""
    brief_path = Path(brief_path)
    merged = dict(data)
    merged["brief"] = os.path.relpath(brief_path.resolve(), path.resolve().parent)
    merged["note"] = f"kept in the lab on {dt.datetime.now():%Y-%m-%d %H:%M}"
    order = ["brief", "note", "targets", "budget", "goals", NAMED, COMPARE]
    merged = dict(sorted(merged.items(), key=lambda kv: order.index(kv[0])
                         if kv[0] in order else len(order)))
    check_scenario(brief_path, merged)
    if path.is_file():
        history = path.parent / HISTORY_DIR
        history.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        (history / f"{path.stem}-{stamp}.yaml").write_bytes(path.read_bytes())
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


def history(path: str | Path) -> list[Path]:
    """Earlier versions of a scenario file, oldest first."""
    path = Path(path)
    folder = path.parent / HISTORY_DIR
    return sorted(folder.glob(f"{path.stem}-*.yaml")) if folder.is_dir() else []


def undo(path: str | Path) -> Path | None:
    """Put back the scenario file as it was before its last Keep (the first Keep: remove
    the file). Returns the version restored, or None when there is nothing to undo."""
    path = Path(path)
    earlier = history(path)
    if earlier:
        os.replace(earlier[-1], path)
        return earlier[-1]
    if path.is_file():  # kept once: undoing it leaves no scenario
        path.unlink()
        return path
    return None


# ---- panels: starting values and previews (no widgets, unit-tested) ----------------

def preview_brief(plan, extra: dict) -> Brief:
    """The plan's brief with its scenario and ``extra`` (a scenario mapping) applied."""
    source = Path(plan.brief.source)
    raw = read_yaml(source)
    if getattr(plan, "scenario", None):
        raw = apply_scenario(raw, Path(plan.scenario))
    return parse_brief(apply_scenario_data(raw, extra), source)


def platform_label(platform: str) -> str:
    """The platform's name as written (Instagram, LinkedIn, X)."""
    return platforms().get(platform, {}).get("label", platform)


# ---- widgets ---------------------------------------------------------------------

class _Keeper:
    """One panel's Keep and Undo buttons: saves the panel's current choices, or nothing
    (and says so) while the values on screen are refused."""

    def __init__(self, plan, chapter: str, out, keep=None, label: str = "Keep this scenario"):
        import ipywidgets as w

        self.plan, self.chapter, self.out = plan, chapter, out
        self.choices: dict | None = None
        self.error: str | None = None
        self.message = w.HTML("")
        layout = w.Layout(width="auto")
        self.keep_button = w.Button(description=label, icon="save",
                                    button_style="success", layout=layout)
        self.undo_button = w.Button(description="Undo last Keep", icon="undo", layout=layout)
        self.keep_button.on_click(lambda _: (keep or self.keep)())
        self.undo_button.on_click(lambda _: self.undo())
        self.box = w.VBox([w.HBox([self.keep_button, self.undo_button]), self.message])

    @property
    def path(self) -> Path:
        return Path(self.plan.scenario) if getattr(self.plan, "scenario", None) else \
            scenario_file(self.plan.brief.source)

    def keep(self) -> Path | None:
        """Save the panel's choices; None (nothing written) when they are refused."""
        if self.error or self.choices is None:
            self.message.value = ("<b>Nothing saved</b>: the values on screen are refused ("
                                  f"{escape(self.error or 'no choice yet')}).")
            return None
        try:
            path = keep(self.plan.brief.source, self.chapter, self.choices, self.path)
        except SmmplanError as exc:
            self.message.value = "<b>Nothing saved</b>: " + escape("; ".join(exc.lines()))
            return None
        self.message.value = (f"Kept in <code>{escape(str(path))}</code>. Build with: "
                              f"<code>smmplan build {escape(str(self.plan.brief.source))} "
                              f"--scenario {escape(str(path))} -o out</code>")
        return path

    def undo(self) -> None:
        restored = undo(self.path)
        self.message.value = "Nothing to undo." if restored is None else \
            f"Undone: <code>{escape(str(self.path))}</code> is as before its last Keep."


def escape(text: str) -> str:
    """Text made safe for an HTML widget."""
    import html

    return html.escape(text)
