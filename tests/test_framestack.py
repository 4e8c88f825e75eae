"""Deep calls made with room on the frame stack (checker.framestack) keep to one chunk of it: no chunk mapped and
unmapped each time they cross its border, which is what page faults count."""
import resource
import sys

import pytest

from checker.framestack import with_room

DEPTH = 400     # frames of `_down`, about 35 KB of frame stack: more than one 16 KiB chunk, wherever it starts
SWEEPS = 200    # each goes down to DEPTH and back


def _down(depth: int) -> int:
    return _down(depth - 1) + 1 if depth else 0


def _sweep() -> int:
    """Minor page faults while going down DEPTH frames and back, SWEEPS times."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(SWEEPS):
        assert _down(DEPTH) == DEPTH
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info < (3, 11),
                    reason="CPython 3.11 on keeps its frames in chunks")
def test_deep_calls_with_room_fault_no_new_pages_where_without_they_fault_each_time():
    without = _sweep()
    if without < SWEEPS:
        pytest.skip(f"this Python faulted {without} pages for {SWEEPS} sweeps: it keeps its chunks, nothing to show")
    with_it = with_room(_sweep)
    assert with_it < SWEEPS // 10 < without


def test_with_room_calls_the_function_with_its_arguments_and_raises_what_it_raises():
    assert with_room(lambda a, b=0: (a, b), 1, b=2) == (1, 2)
    with pytest.raises(ZeroDivisionError):
        with_room(lambda: 1 / 0)
    assert with_room(with_room, _down, 30) == 30   # one room within another
