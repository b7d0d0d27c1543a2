"""A function of each item of a sequence, worked out a few items ahead in worker threads.

``Ahead(fn, items)``: ``get(item)`` returns ``fn(item)``, the items being asked for in the
order of ``items`` (any of them may be skipped); asking for one starts the next ``window``
items in the background, so that at most ``window + 1`` results are held at a time
(the audience's text columns factorised while the columns before them are typed, without
holding every column's codes at once on a wide table). An item whose work has not
started when it is asked for is worked out in the asking thread, not waited for. For
work that runs without the GIL (NumPy, pandas' string hashing); the results are the
function's own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor


class Ahead:
    def __init__(self, fn: Callable, items: Sequence[Hashable], window: int = 2,
                 workers: int = 2):
        self._fn, self._items, self._window = fn, list(items), window
        self._at = {item: i for i, item in enumerate(self._items)}
        self._pool = ThreadPoolExecutor(max_workers=workers)
        self._running: dict[Hashable, Future] = {}
        self._next = 0  # the first item not started yet
        self._start(window)

    def _start(self, upto: int) -> None:
        while self._next < min(upto, len(self._items)):
            item = self._items[self._next]
            self._running[item] = self._pool.submit(self._fn, item)
            self._next += 1

    def __contains__(self, item: Hashable) -> bool:
        return item in self._at

    def get(self, item: Hashable):
        """``fn(item)``; the items before it are dropped (their work cancelled when it
        has not started)."""
        at = self._at[item]
        self._start(at + 1 + self._window)
        for skipped in self._items[:at]:  # not asked for: dropped, or not started at all
            dropped = self._running.pop(skipped, None)
            if dropped:
                dropped.cancel()
        running = self._running.pop(item)
        # not started yet (its worker not scheduled: a loaded machine): worked out here
        # rather than waited for
        return self._fn(item) if running.cancel() else running.result()

    def close(self) -> None:
        """Drop what is left (running work finishes in the background)."""
        self._running.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
