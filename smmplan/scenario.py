"""Scenarios: the strategist's choices kept from the lab (``scenario.yaml``, see
docs/scenario.md) merged into a brief before it is validated."""

from __future__ import annotations

from pathlib import Path

import yaml

from .brief import Brief, parse_brief
from .errors import BriefError
from .paths import parse_yaml


def read_yaml(path: Path) -> object:
    """Read a YAML file; syntax errors become BriefError with line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BriefError([f"{path}: file not found"]) from None
    except (UnicodeDecodeError, IsADirectoryError, PermissionError) as exc:
        raise BriefError(
            [f"{path}: cannot be read as UTF-8 text ({exc.__class__.__name__})"]
        ) from None
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark else "(top level)"
        problem = getattr(exc, "problem", None) or str(exc)
        raise BriefError([f"{path}: {where}: YAML syntax error: {problem}"]) from None


def example_briefs_for_picker(current: Brief) -> list[Path]:
    """Briefs to offer in the lab: the examples and the current brief."""
    from .paths import example_briefs

    found = list(example_briefs())
    if current.source and current.source.resolve() not in {p.resolve() for p in found}:
        found.append(current.source)
    return found


# Besides its own choices, a scenario file may hold named scenarios (``scenarios``: name ->
# a scenario's sections, each applied to the brief alone when compared) and the comparison
# kept for the plan (``compare``: names of those scenarios); ``brief`` and ``note`` are
# informational. None of these changes the brief the file applies.
META = ("brief", "note")
NAMED, COMPARE = "scenarios", "compare"

SCENARIO_FIELDS = {
    "targets": {"k"},
    # budget.paid: bounds and rates per platform (channels.<p>.min/max/fixed/cpm/ctr/cvr,
    # a platform set to null is removed), awareness_share, seasonality, sale_rate, ...;
    # budget.order_values: offer line name -> average order value (the offer lines')
    "budget": {"paid_media", "paid", "order_values"},
    "goals": {"kpi_targets"},
}


def _order_values(raw: dict, values: object, where: str) -> list:
    """The brief's offer lines with ``budget.order_values`` (line name -> average order
    value) applied; BriefError naming the field for a line the brief does not have."""
    lines = [dict(line) if isinstance(line, dict) else line for line in raw.get("offer") or []]
    if not isinstance(values, dict):
        raise BriefError([f"{where}: budget.order_values: a mapping of offer line name to "
                          "average order value"])
    names = {line.get("name"): line for line in lines if isinstance(line, dict)}
    unknown = [str(n) for n in values if n not in names]
    if unknown:
        raise BriefError([f"{where}: budget.order_values.{n}: no offer line of that name "
                          f"(the brief's: {', '.join(map(str, names))})" for n in unknown])
    for name, value in values.items():
        names[name]["average_order_value"] = value
    return lines


def apply_scenario_data(raw: dict, scenario: dict, where: str = "scenario") -> dict:
    """``raw`` with the sections of a scenario mapping merged in: a platform set to null in
    ``budget.paid.channels`` is removed, ``budget.order_values`` goes to the offer lines
    (only an unknown offer line is refused here; the brief's validation checks the rest)."""
    merged = {**raw}
    for section, values in scenario.items():
        if section not in SCENARIO_FIELDS or not isinstance(values, dict):
            continue  # informational, named scenarios, the comparison
        values = dict(values)
        if section == "budget" and "order_values" in values:
            merged["offer"] = _order_values(raw, values.pop("order_values"), where)
        merged[section] = deep_merge(dict(merged.get(section) or {}), values)
    budget = merged.get("budget")
    paid = budget.get("paid") if isinstance(budget, dict) else None
    if isinstance(paid, dict) and isinstance(paid.get("channels"), dict):  # copies: raw kept
        merged["budget"] = {**budget, "paid": {**paid, "channels": {
            p: v for p, v in paid["channels"].items() if v is not None}}}
    return merged


def apply_scenario(raw: dict, scenario_path: Path) -> dict:
    """The brief's raw data with a scenario file's choices applied (see docs/scenario.md).

    A scenario may set ``targets.k``, ``budget.paid_media``, ``budget.paid.channels.<p>``
    bounds and ``goals.kpi_targets``; anything else is an error naming the field."""
    scenario = read_yaml(scenario_path)
    if not isinstance(scenario, dict):
        raise BriefError([f"{scenario_path}: (top level): a scenario must be a YAML mapping"])
    problems = _field_problems(scenario, f"{scenario_path}: ", top=True)
    if problems:
        raise BriefError(problems)
    return apply_scenario_data(raw, scenario, str(scenario_path))


def _field_problems(scenario: dict, where: str, top: bool = False) -> list[str]:
    """Sections and fields a scenario may not have (``top``: the file itself, which may
    also name scenarios and keep a comparison of them)."""
    problems = []
    for section, values in scenario.items():
        if section == NAMED and top:
            problems += _named_problems(values, where)
        elif section == COMPARE and top:
            named = scenario.get(NAMED) if isinstance(scenario.get(NAMED), dict) else {}
            if not isinstance(values, list):
                problems.append(f"{where}{COMPARE}: a list of named scenarios")
                continue
            problems += [f"{where}{COMPARE}: no named scenario {name!r} (under "
                         f"{NAMED}: {', '.join(map(str, named)) or 'none'})"
                         for name in values if name not in named]
        elif section in META:
            continue
        elif section not in SCENARIO_FIELDS or not isinstance(values, dict):
            problems.append(f"{where}{section}: not a scenario section "
                            f"(use {', '.join(sorted(SCENARIO_FIELDS))}"
                            f"{f', {NAMED}, {COMPARE}' if top else ''})")
        else:
            problems += [f"{where}{section}.{key}: not a scenario field" for key in values
                         if key not in SCENARIO_FIELDS[section]]
    return problems


def _named_problems(named: object, where: str) -> list[str]:
    if not isinstance(named, dict):
        return [f"{where}{NAMED}: a mapping of scenario name to its choices"]
    problems = []
    for name, sections in named.items():
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}{NAMED}: a scenario name must be a non-empty text")
        elif not isinstance(sections, dict):
            problems.append(f"{where}{NAMED}.{name}: a mapping of scenario sections")
        else:
            problems += _field_problems(sections, f"{where}{NAMED}.{name}.")
    return problems


def named_scenarios(scenario: dict) -> dict[str, dict]:
    """A scenario file's named scenarios: name -> its sections (``targets``, ``budget``,
    ``goals``), in the file's order."""
    named = scenario.get(NAMED) or {}
    return {name: own_sections(s) for name, s in named.items()} if isinstance(
        named, dict) else {}


def own_sections(scenario: dict) -> dict:
    """The choices a scenario applies (its ``targets``, ``budget`` and ``goals``
    sections), without its note, named scenarios or comparison."""
    return {k: v for k, v in (scenario or {}).items() if k in SCENARIO_FIELDS}


def deep_merge(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` merged in, nested mappings merged key by key (a new dict;
    neither argument is changed)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = deep_merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) else value
    return out


def read_brief(path: str | Path, scenario: str | Path | None = None) -> Brief:
    """Load and validate a brief (with a scenario file's choices applied, if given),
    without looking at the files it names (``validation.load_brief`` does both)."""
    path = Path(path)
    raw = read_yaml(path)
    if scenario is not None and isinstance(raw, dict):
        applied = apply_scenario(raw, Path(scenario))
        lines = []
        for name, sections in named_scenarios(read_yaml(Path(scenario))).items():
            try:  # each named scenario alone, as the comparison applies it
                parse_brief(apply_scenario_data(raw, sections, str(scenario)), path)
            except BriefError as exc:
                lines += [line.replace(f"{path}: ", f"{path} (with {scenario}, "
                                       f"{NAMED}.{name}): ", 1) for line in exc.lines()]
        try:
            brief = parse_brief(applied, path)
        except BriefError as exc:  # name both files: the value may come from either
            lines = [line.replace(f"{path}: ", f"{path} (with {scenario}): ", 1)
                     for line in exc.lines()] + lines
        if lines:
            raise BriefError(lines)
        return brief
    return parse_brief(raw, path)
