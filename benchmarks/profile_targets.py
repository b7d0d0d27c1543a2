"""The targets step's CPU seconds per step, and a fingerprint of its results.

Runs ``prepare_audience`` + ``find_targets`` on the bench's generated table
(``bench_segments.generate``: 1,000,000 rows by default) with the fashion brief, as
``bench_segments.py --part ours`` does, and prints:
- each step's CPU seconds in the thread that ran it (``time.thread_time``; a step that
  calls another one counts it too, shown indented), so that the figures hold on a loaded
  machine where wall times do not;
- the wall and process CPU seconds of the whole step;
- a SHA-256 of the results (``Targets.to_json``, every row's target and sub-target): equal
  before and after a change that must not change them.
Figures only, no timed assertion. Usage:
python benchmarks/profile_targets.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_segments import generate  # noqa: E402

STEPS = [  # (module, owner, function, label): the steps timed
    ("audience", None, "prepare_audience", "typing (prepare_audience)"),
    ("audience", "_Column", "of", "text columns factorised (any thread)"),
    ("segments", None, "prepare_matrix", "matrix fitted (prepare_matrix)"),
    ("segments", "MatrixRows", "rows", "matrix rows written (any thread)"),
    ("segments", "AudienceSegmenter", "select", "k selection (select)"),
    ("segments", None, "in_worker", "k selection's candidates (workers)"),
    ("segments", "AudienceSegmenter", "fit_final", "final fit"),
    ("segments", "AudienceSegmenter", "refit_labels", "stability refits"),
    ("segments", "AudienceSegmenter", "stability_from", "stability ARI"),
    ("targets", None, "_sub_targets", "sub-targets (per line)"),
    ("targets", None, "_profiles", "profiles"),
    ("targets", None, "_persona", "personas"),
    ("targets", None, "platform_reach", "platform reach"),
    ("targets", None, "ads_advice", "ads advice"),
]


def instrument(totals: dict, depth: threading.local) -> None:
    import importlib

    for module, owner, name, label in STEPS:
        mod = importlib.import_module(f"smmplan.{module}")
        holder = getattr(mod, owner) if owner else mod
        original = getattr(holder, name)

        def timed(*args, _original=original, _label=label, **kwargs):
            level = getattr(depth, "level", 0)
            depth.level = level + 1
            start, wall = time.thread_time(), time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                depth.level = level
                totals[(_label, level > 0)] += time.thread_time() - start
                if threading.current_thread() is threading.main_thread() and not level:
                    totals[(_label + " [wall, main thread]", False)] += \
                        time.perf_counter() - wall

        setattr(holder, name, timed)


def run(rows: int) -> dict:
    import yaml

    from smmplan import audience, targets
    from smmplan.brief import parse_brief
    from smmplan.paths import EXAMPLES_DIR

    totals: dict = defaultdict(float)
    instrument(totals, threading.local())
    table = generate(rows)
    raw = yaml.safe_load((EXAMPLES_DIR / "fashion" / "brief.yaml").read_text())
    raw["data"] = {}
    brief = parse_brief(raw, EXAMPLES_DIR / "fashion" / "brief.yaml")
    t0, c0 = time.perf_counter(), sum(os.times()[:2])
    aud = audience.prepare_audience(table, "generated.csv",
                                    {"id": "Customer ID", "product": "Favourite Category"})
    result = targets.find_targets(brief, aud)
    wall, cpu = time.perf_counter() - t0, sum(os.times()[:2]) - c0
    digest = hashlib.sha256(json.dumps(result.to_json(), sort_keys=True, default=str)
                            .encode())
    digest.update(result.labels.tobytes())
    digest.update("\n".join(result.sub_labels).encode())
    return {"wall": wall, "cpu": cpu, "steps": dict(totals), "sha": digest.hexdigest()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--part", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        out = run(args.rows)
        out["steps"] = [[label, nested, s] for (label, nested), s in out["steps"].items()]
        print(json.dumps(out))
        return
    import subprocess

    runs = []
    for _ in range(args.repeat):  # each in a fresh process, as the bench does
        done = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--part"],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
        print(f"  run {len(runs)}: wall {runs[-1]['wall']:5.2f} s, CPU {runs[-1]['cpu']:5.2f} s,"
              f" results {runs[-1]['sha'][:16]}", flush=True)
    print(f"rows: {args.rows:,}; CPU seconds per step (thread time, median of {args.repeat}):")
    for label in [lab for _, _, _, step in STEPS for lab in (step, step + " [wall, main thread]")]:
        for nested in (False, True):
            seen = [s for r in runs for lab, nest, s in r["steps"]
                    if lab == label and nest == nested]
            if seen:
                median = statistics.median(seen) if len(seen) == len(runs) else sum(seen) / len(
                    runs)
                print(f"  {'  within others: ' if nested else ''}{label:32s} {median:6.3f}")
    print(f"whole step, median: wall {statistics.median(r['wall'] for r in runs):5.2f} s, "
          f"CPU {statistics.median(r['cpu'] for r in runs):5.2f} s")
    shas = {r["sha"] for r in runs}
    print(f"results sha256: {' '.join(sorted(shas))}"
          + ("" if len(shas) == 1 else "   (differ between runs!)"))


if __name__ == "__main__":
    main()
