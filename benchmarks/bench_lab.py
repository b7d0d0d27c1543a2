"""Lab panels: seconds per answer on the examples (goal: under 0.5 s each, issue 17).

Run: .venv/bin/python benchmarks/bench_lab.py. Prints the median of 5 answers per panel
(a change of k, of the paid budget, of a platform's CTR, of a KPI target), widgets built
outside a kernel.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time

from smmplan import lab
from smmplan.paths import example_briefs
from smmplan.plan import load_plan


def _median(action, values) -> float:
    times = []
    for value in values:
        with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, panels print
            t0 = time.perf_counter()
            action(value)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    for brief in sorted(example_briefs()):
        print(_measure(brief))


def _measure(brief) -> str:
    """One example's line of figures."""
    plan = load_plan(brief)
    with contextlib.redirect_stdout(io.StringIO()):
        budget, objectives = lab.BudgetPanel(plan), lab.ObjectivesPanel(plan)
        box = None if plan.targets.declared else lab.targets_widget(plan)
    total = budget.total.value
    paid = _median(lambda f: setattr(budget.total, "value", total * f),
                   (1.1, 1.2, 1.3, 1.4, 1.5))
    ctr = next(iter(budget.rates.values()))["ctr"]
    start = ctr.value
    rates = _median(lambda f: setattr(ctr, "value", start * f), (1.1, 1.2, 1.3, 1.4, 1.5))
    field = next(iter(objectives.fields.values()), None)
    kpi = _median(lambda f: setattr(field, "value", field.value * f),
                  (1.1, 1.2, 1.3, 1.4, 1.5)) if field else float("nan")
    line = (f"{brief.parent.name:<14} budget {paid:.3f} s  CTR {rates:.3f} s  "
            f"objectives {kpi:.4f} s")
    if box is not None:
        slider = box.children[0]
        ks = [k for k in range(slider.min, slider.max + 1) if k != slider.value][:5]
        line += f"  targets {_median(lambda k: setattr(slider, 'value', k), ks):.3f} s"
    return line


if __name__ == "__main__":
    main()
