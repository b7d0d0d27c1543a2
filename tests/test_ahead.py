"""Ahead: a function of each item worked out a few items ahead in worker threads."""

import threading

from smmplan.ahead import Ahead


def test_results_are_the_functions_and_few_are_held():
    started = []
    lock = threading.Lock()

    def square(x):
        with lock:
            started.append(x)
        return x * x

    items = list(range(10))
    ahead = Ahead(square, items, window=2)
    assert 3 in ahead and 10 not in ahead
    got = {x: ahead.get(x) for x in (0, 1, 4, 5, 9)}  # some items skipped
    assert got == {x: x * x for x in (0, 1, 4, 5, 9)}
    assert len(ahead._running) <= 2  # the results before an asked item are dropped
    ahead.close()
    assert sorted(started) == items  # every item up to the last asked was started


def test_no_more_than_the_window_is_started_ahead():
    ahead = Ahead(lambda x: x, list(range(100)), window=2)
    assert ahead.get(0) == 0
    assert ahead._next == 3  # the asked item and the two after it
    ahead.close()
