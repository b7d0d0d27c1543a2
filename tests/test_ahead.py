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
    assert {0, 1, 4, 5, 9} <= set(started) <= set(items)  # skipped ones may not run


def test_no_more_than_the_window_is_started_ahead():
    ahead = Ahead(lambda x: x, list(range(100)), window=2)
    assert ahead.get(0) == 0
    assert ahead._next == 3  # the asked item and the two after it
    ahead.close()


def test_an_item_not_started_is_worked_out_by_the_asking_thread():
    release = threading.Event()
    where = {}

    def work(x):
        if x == 0:
            release.wait(5)
        where[x] = threading.current_thread()
        return x + 100

    ahead = Ahead(work, [0, 1, 2], window=2, workers=1)  # its one worker stuck on item 0
    assert ahead.get(1) == 101  # skips 0; 1 was queued, not started
    assert where[1] is threading.current_thread()
    release.set()
    ahead.close()
