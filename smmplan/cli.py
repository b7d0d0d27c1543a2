"""``smmplan`` command line: validate | schema | new | build | track | lab."""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import BriefError, BuildError, SmmplanError, UsageError


def _allow(args: argparse.Namespace) -> None:
    """Folders given with --allow-dir, added to SMMPLAN_ALLOWED_DIRS (kernels inherit it)."""
    from .safety import allow_dirs

    for folder in args.allow_dir or []:
        if not Path(folder).is_dir():
            raise UsageError(f"--allow-dir {folder}: no such folder")
    allow_dirs(args.allow_dir or [])


def _scenario(args: argparse.Namespace) -> Path | None:
    """The ``--scenario`` file, checked to exist."""
    scenario = Path(args.scenario) if getattr(args, "scenario", None) else None
    if scenario and not scenario.is_file():
        raise UsageError(f"{scenario}: scenario file not found")
    return scenario


def _checked_brief(path: str, scenario: Path | None = None):
    """The brief (scenario applied) if the build would accept it, else BriefError listing
    every problem: the brief's own checks, then the build's preflight (smmplan.preflight)."""
    from . import preflight
    from .validation import load_brief

    brief = load_brief(path, scenario=scenario)
    problems = preflight.problems(brief, preflight.label(path, scenario))
    if scenario is not None:  # the named scenarios a comparison would compute
        problems += preflight.named_problems(path, scenario)
    if problems:
        raise BriefError(problems)
    return brief


def _validate(args: argparse.Namespace) -> int:
    _allow(args)
    scenario = _scenario(args)
    problems: list[str] = []
    for path in args.briefs:
        try:
            _checked_brief(path, scenario)
        except BriefError as exc:
            problems += exc.lines()
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 2
    for path in args.briefs:
        print(f"{path}: valid")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .brief import json_schema

    print(json_schema())
    return 0


def _new(args: argparse.Namespace) -> int:
    from .brief import slugify
    from .paths import BRIEF_TEMPLATE

    out = Path(args.output) if args.output else Path(slugify(args.name)) / "brief.yaml"
    if out.exists():
        raise UsageError(f"{out}: already exists; choose another path with -o")
    text = BRIEF_TEMPLATE.read_text(encoding="utf-8")
    name = args.name.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace('name: "Client name"', f'name: "{name}"', 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: new brief written; fill it in, then run: smmplan validate {out}")
    return 0


def _check_one(path: str, scenario: Path | None) -> tuple[str | None, list[str]]:
    """A brief's slug if the build would accept it, else None and its problems."""
    try:
        return _checked_brief(path, scenario).slug, []
    except BriefError as exc:
        return None, exc.lines()


def _build(args: argparse.Namespace) -> int:
    from .shared_checks import checks_started

    _allow(args)
    scenario = _scenario(args)
    # a brief path that is no file is said at once, without starting the batch's workers
    jobs = args.jobs if all(Path(p).is_file() for p in args.briefs) else 1
    # Every brief is checked before any kernel starts. With -j N the checks start now, in
    # a process forked before the build's libraries are imported and warmed; the batch's
    # workers take the briefs left once they are forked (``shared_checks``).
    with checks_started(partial(_check_one, scenario=scenario), args.briefs, jobs) as checks:
        from .build import batch_workers

        with batch_workers(jobs, len(args.briefs)) as pool:
            try:
                checked = checks.results(pool, min(jobs, len(args.briefs)))
            except BrokenProcessPool as exc:  # a worker killed (out of memory, a signal)
                raise BuildError(f"a worker process stopped while checking the briefs "
                                 f"({exc}); run the build again, or with -j 1") from None
            problems = _batch_problems(args.briefs, checked, Path(args.output))
            if problems:
                for line in problems:
                    print(line, file=sys.stderr)
                return 2
            results = _build_plans(args, scenario, pool)
    _print_summary(results, Path(args.output))
    return 1 if any(not r.ok for r in results) else 0


def _batch_problems(briefs: list[str], checked: list[tuple[str | None, list[str]]],
                    out: Path) -> list[str]:
    """Each brief's problems, and the briefs whose plans would write to one folder."""
    problems: list[str] = []
    folders: dict[Path, str] = {}
    for path, (slug, found) in zip(briefs, checked, strict=True):
        problems += found
        if slug is None:
            continue
        folder = out.resolve() / slug
        if folder in folders:  # one plan would overwrite the other
            problems.append(f"{path}: writes to the same folder as {folders[folder]} "
                            f"({folder}): give one of the clients another name, or "
                            "build them with different -o folders")
        folders.setdefault(folder, path)
    return problems


def _build_plans(args: argparse.Namespace, scenario: Path | None, pool) -> list:
    """The checked briefs' plans, built in the batch's workers (``pool``) or here."""
    from .build import BuildOptions, build_many

    options = BuildOptions(cell_timeout=args.timeout, scenario=scenario)
    if args.notebooks:
        options.notebooks_dir = Path(args.notebooks).resolve()
    return build_many([Path(p) for p in args.briefs], Path(args.output), jobs=args.jobs,
                      options=options, progress=not args.quiet, pool=pool)


def _print_summary(results: list, out: Path) -> None:
    """The batch's table: each plan's status, seconds, output and failed checks."""
    width = max(len(r.client) for r in results)
    print()
    print(f"{'client':<{width}}  status  seconds  output")
    for r in results:
        where = str(Path(r.out_dir) / ("plan.html" if r.ok else "failed.ipynb"))
        status = "ok" if r.ok else "FAILED"
        print(f"{r.client:<{width}}  {status:<6}  {r.seconds:>7.1f}  {where}")
        if not r.ok:
            print(f"{'':<{width}}  error: {r.message}")
        else:
            for check in _failed_checks(Path(r.out_dir)):
                print(f"{'':<{width}}  check failed: {check}")
    failed = sum(not r.ok for r in results)
    print(f"\n{len(results) - failed} built, {failed} failed, in {out.resolve()}")


def _track(args: argparse.Namespace) -> int:
    from .build import BuildOptions, build_one, output_folder
    from .tracking import check_actuals

    _allow(args)
    try:  # the same checks as build, then the period's exports, before any kernel starts
        brief = _checked_brief(args.brief)
        problems = check_actuals(brief, args.actuals)
    except BriefError as exc:
        problems = exc.lines()
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 2
    actuals = Path(args.actuals)
    output_folder(args.output, brief, tracking=True)  # never a plan's folder
    result = build_one(args.brief, Path(args.output),
                       BuildOptions(cell_timeout=args.timeout, actuals=actuals))
    if not result.ok:
        print(f"{result.client}: FAILED: {result.message}", file=sys.stderr)
        return 1
    print(f"{result.client}: report written to {Path(result.out_dir) / 'report.html'}")
    return 0


def _lab(args: argparse.Namespace) -> int:
    from .workspace import create_workspace, start_lab

    _allow(args)
    _checked_brief(args.brief)  # a brief the build would refuse: say so now, exit 2
    folder = create_workspace(args.brief)
    print(f"{args.brief}: workspace {folder} (chapter notebooks on this brief; "
          f"Keep writes {folder.parent / 'scenario.yaml'})")
    if args.no_start:
        return 0
    return start_lab(folder)


def _allow_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-dir", action="append", metavar="DIR",
                   help="a folder outside the brief's own that its files (logo, data) may "
                   "be in; repeatable (also: SMMPLAN_ALLOWED_DIRS, separated by "
                   f"{os.pathsep!r})")


def parser() -> argparse.ArgumentParser:
    """The argument parser (documented in the README)."""
    p = argparse.ArgumentParser(prog="smmplan", description=__doc__)
    p.add_argument("--version", action="version", version=f"smmplan {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check briefs and the files they name")
    v.add_argument("briefs", nargs="+")
    v.add_argument("--scenario", help="check the briefs with this scenario file applied, "
                   "as `build --scenario` would (docs/scenario.md)")
    _allow_option(v)
    v.set_defaults(func=_validate)
    s = sub.add_parser("schema", help="print the brief's JSON Schema")
    s.set_defaults(func=_schema)
    n = sub.add_parser("new", help="write a new brief from the commented template")
    n.add_argument("name", help="the client's name")
    n.add_argument("-o", "--output", help="path of the new brief (default: <slug>/brief.yaml)")
    n.set_defaults(func=_new)
    b = sub.add_parser("build", help="build plans into OUT/<client-slug>/")
    b.add_argument("briefs", nargs="+")
    b.add_argument("-o", "--output", required=True, help="output folder")
    b.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    b.add_argument("--timeout", type=int, default=600, help="seconds one cell may run")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    b.add_argument("--notebooks", help="folder of chapter notebooks to use instead of notebooks/")
    b.add_argument("--scenario", help="scenario file kept in the lab (docs/scenario.md)")
    _allow_option(b)
    b.set_defaults(func=_build)
    t = sub.add_parser("track", help="progress report from actual exports of a period")
    t.add_argument("brief")
    t.add_argument("--actuals", required=True, help="folder with the period's exports")
    t.add_argument("-o", "--output", required=True, help="output folder")
    t.add_argument("--timeout", type=int, default=600, help="seconds one cell may run")
    _allow_option(t)
    t.set_defaults(func=_track)
    lab = sub.add_parser("lab", help="create or reopen a client's workspace beside the brief "
                         "and start JupyterLab on it")
    lab.add_argument("brief")
    lab.add_argument("--no-start", action="store_true",
                     help="create or reopen the workspace without starting JupyterLab")
    _allow_option(lab)
    lab.set_defaults(func=_lab)
    return p


def _skip_slow_optional_imports() -> None:
    """nbformat imports jsonschema, which imports the optional ``rfc3987_syntax`` (pulled
    in by jupyter-events) if present; that package compiles ~40 grammars at import, 2-3 s
    of every command on this machine (python-jsonschema/jsonschema#1392, #1521). We never
    validate IRI formats, so this process treats it as absent: jsonschema then skips
    only its "iri" format check."""
    sys.modules.setdefault("rfc3987_syntax", None)


def _failed_checks(folder: Path) -> list[str]:
    """The plan's consistency checks that failed (plan.json ``checks``), in words."""
    import json

    try:
        checks = json.loads((folder / "plan.json").read_text(encoding="utf-8"))["checks"]
    except (OSError, ValueError, KeyError):
        return []
    return [f"{c['name']} ({c['detail']})" for c in checks if not c["ok"]]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``smmplan`` console script."""
    _skip_slow_optional_imports()
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except SmmplanError as exc:
        for line in exc.lines():
            print(f"smmplan: {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return _interrupted()


def run() -> NoReturn:
    """The ``smmplan`` console script: ``main``, then exit without the collector's passes
    over every object a build imported and made (``gc.freeze``). Those passes took about
    0.5 s of a batch's wall time here, after the last plan was written; handlers registered
    with ``atexit``, threads and buffered output are finished as in any exit."""
    import gc

    code = main()
    gc.freeze()
    sys.exit(code)


def _interrupted() -> NoReturn:
    """Ctrl-C: one line and exit 130, now. The build's own cleanup (staging folders) has
    run on the way out; the interpreter's shutdown is skipped, where the event loop of an
    interrupted kernel client would print "Task exception was never retrieved" and the
    kernel's death as a traceback (ipykernel stops when its parent is gone)."""
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    print("smmplan: interrupted", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


if __name__ == "__main__":
    sys.exit(main())
