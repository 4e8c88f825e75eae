"""When Python's cyclic garbage collector runs during an audit.

An audit makes millions of short-lived containers (discovery's candidate rows, the records) and holds
millions more for a stage or longer (the mentions frame's texts, a family's rows). Each collection walks
the objects of its generations, so the collector's default thresholds turn a linear stage into more than
linear: at 30,000 articles a single collection of the middle generation walked every row discovery held
(1.5 s), where 10,000 articles never reached one. What reference counting frees is freed at once whatever
the collector does; only cyclic garbage waits for it, and the stages below make little or none.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def fewer_collections(young: int = 100_000):
    """The collector run less often while an audit builds its tables: every collection walks the young
    objects, and an audit makes hundreds of thousands of dicts, lists and sets that live for a stage (discovery's
    candidate rows, the records): with the default threshold of 700 allocations, collections were some 40% of
    discovery's time. An audit makes little cyclic garbage (peak memory of 2,000 articles unchanged, 391 MB).
    The process's thresholds are restored after; a pool's workers, forked inside, inherit the setting."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], young), max(before[1], 50), max(before[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def paused_collections():
    """No collection at all inside: for a stage whose objects form no cycles and are let go by reference counting
    when it ends (discovery's grouping: rows, term vectors and groups, one family at a time). The collections it
    made were all in vain and grew with the rows held: 2.9 s of 17.6 s at 30,000 articles, 0.5 s of 5.4 s at
    10,000. Whatever cycles there are wait for the first collection after it. Nested use keeps the outer pause."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
