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
    assert project["scripts"]["smmplan"] == "smmplan.cli:run"


def test_console_script_exits_with_the_commands_code(tmp_path):
    """``run`` (the script) exits with ``main``'s code and its message, as ``main`` would."""
    import subprocess
    import sys

    missing = tmp_path / "no-brief.yaml"
    code = ("import sys; from smmplan.cli import main, run; "
            f"sys.argv = ['smmplan', 'validate', {str(missing)!r}]; run()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "no-brief.yaml" in done.stderr and "Traceback" not in done.stderr


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


def test_no_import_cycle_and_modules_stay_small():
    """Imports go one way (docs/architecture.md): no cycle among smmplan's modules, lazy
    imports inside functions included; no module over about 600 lines."""
    import ast

    root = ROOT / "smmplan"
    modules = {}
    for path in root.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                       and getattr(block.test, "id", "") == "TYPE_CHECKING"
                       for n in ast.walk(block)}  # annotations only: no import at run time
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and id(node) not in typing_only:
                base = package.split(".")[: len(package.split(".")) - node.level + 1] \
                    if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for found in [target] + [f"{target}.{a.name}" for a in node.names]:
                    if found in modules and found != name:
                        graph[name].add(found)
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in graph[node]:
            assert seen.get(nxt) != 1, " -> ".join(stack + [node, nxt])
            if nxt not in seen:
                visit(nxt, stack + [node])
        seen[node] = 2

    for module in graph:
        if module not in seen:
            visit(module, [])
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in modules.items()}
    assert max(sizes.values()) <= 650, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
