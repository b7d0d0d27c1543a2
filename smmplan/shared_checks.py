"""A batch's briefs checked by whichever of its processes is free.

With ``-j N`` (N > 1) a process is forked at once, before this one imports and warms the
build's libraries (``build.warm_up``, about a third of a short batch, on one core): it
checks briefs while that happens. The batch's workers, forked once warm, take the briefs
left. Each brief is claimed once through a counter the processes share, so a long batch
is checked by every worker, as before, and a short one is checked before the warm-up
ends. No kernel starts before every brief is checked (``cli``).

Imports only the standard library: the fork happens before anything heavy is loaded.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# the batch's checks, inherited by the workers forked after them (``_claim_in_worker``)
_CURRENT: SharedChecks | None = None


def folder_bytes(brief: str | Path, limit: int = 1000) -> int:
    """Bytes of the files in a brief's folder and its sub-folders (at most ``limit``
    entries): a proxy for the cost of checking it that needs no parsing. The largest
    briefs are claimed first, so that the processes finish together."""
    total, seen = 0, 0
    for root, dirs, files in os.walk(Path(brief).parent):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            seen += 1
            if seen > limit:
                return total
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


class SharedChecks:
    """``fn`` of each item, computed by a forked checker and by the batch's workers.

    ``fn`` must not raise: it returns its item's answer (errors included), as
    ``cli._check_one`` does. ``results`` returns the answers in the items' order.
    """

    def __init__(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> None:
        global _CURRENT
        self.fn, self.items = fn, list(items)
        self.order = sorted(range(len(self.items)),
                            key=lambda i: folder_bytes(self.items[i]), reverse=True)
        ctx = multiprocessing.get_context("fork")
        self._next = ctx.Value("i", 0)
        self._answers, sender = ctx.Pipe(duplex=False)
        self._checker = ctx.Process(target=self._check_here_and_send, args=(sender,),
                                    name="smmplan-checks", daemon=True)
        self._checker.start()
        sender.close()
        _CURRENT = self

    def claim_all(self) -> dict[int, Any]:
        """Check items claimed one at a time until none is left; their answers by index."""
        done: dict[int, Any] = {}
        while True:
            with self._next.get_lock():
                k = self._next.value
                self._next.value = k + 1
            if k >= len(self.order):
                return done
            i = self.order[k]
            done[i] = self.fn(self.items[i])

    def _check_here_and_send(self, sender: Any) -> None:
        """The forked checker's work. Interrupted or failing, it sends nothing: the items
        it claimed are checked again by ``results``."""
        try:
            sender.send(self.claim_all())
        except BaseException:  # noqa: BLE001 - Ctrl-C included: the parent says it
            pass
        finally:
            sender.close()

    def results(self, pool: Any = None, workers: int = 0) -> list[Any]:
        """Every item's answer, in the items' order: the ``workers`` processes of ``pool``
        (a ``ProcessPoolExecutor`` forked after this object was made) claim what is left;
        what the checker claimed but did not answer is checked here."""
        futures = [pool.submit(_claim_in_worker) for _ in range(workers)] \
            if pool is not None else []
        answers: dict[int, Any] = {}
        for future in futures:
            answers.update(future.result())
        try:
            answers.update(self._answers.recv())
        except EOFError:  # the checker stopped (killed): its claims are checked below
            pass
        self.close()
        for i in range(len(self.items)):
            if i not in answers:
                answers[i] = self.fn(self.items[i])
        return [answers[i] for i in range(len(self.items))]

    def close(self) -> None:
        """Stop the checker if it still runs (the batch was interrupted)."""
        global _CURRENT
        if self._checker.is_alive():
            self._checker.join(0.2)
        if self._checker.is_alive():
            self._checker.terminate()
            self._checker.join()
        self._answers.close()
        if _CURRENT is self:
            _CURRENT = None


def _claim_in_worker() -> dict[int, Any]:
    """In a batch's worker: claim and check what the checker has not taken."""
    return _CURRENT.claim_all() if _CURRENT is not None else {}


class _Serial:
    """``-j 1``: each item checked in turn, in this process."""

    def __init__(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> None:
        self.fn, self.items = fn, list(items)

    def results(self, pool: Any = None, workers: int = 0) -> list[Any]:
        return [self.fn(item) for item in self.items]

    def close(self) -> None:
        pass


@contextmanager
def checks_started(fn: Callable[[Any], Any], items: Sequence[Any],
                   jobs: int) -> Iterator[SharedChecks | _Serial]:
    """The checks of a batch of ``items`` at ``jobs``, started now when ``jobs`` > 1 and
    there is more than one item; the checker is stopped on the way out."""
    checks: SharedChecks | _Serial = _Serial(fn, items)
    if min(jobs, len(items)) > 1:
        try:
            checks = SharedChecks(fn, items)
        except OSError:  # no process can be forked now (memory, process limit): in turn
            pass
    try:
        yield checks
    finally:
        checks.close()
