"""Room on CPython's stack of Python frames for deep calls that go up and down many times.

CPython (3.11 on) keeps the frames of Python calls in chunks of memory, 16 KiB at first. A call that finds no room
left in the chunk maps a new one, and its return to the chunk before unmaps it again: a call tree that goes deep
many times across such a border maps and unmaps a chunk (and faults its pages in) every time. Great Expectations'
import is such a tree, thousands of nested imports: imported where an audit's rules' process imports it, it mapped
and unmapped a chunk 60,000 times (81,000 page faults, half a second of system time in a 1.2 s import; at 10,000
articles that process is the re-audit's longest path). Where the border falls depends on how deep the caller
already is, so any process of checker could meet it anywhere.

`with_room(function)` calls `function` from a frame that asks for ROOM_SLOTS slots it never uses: too large for
the chunk in use, it gets a chunk of its own about twice its size, and every call beneath it (up to about as much
again) fits in what is left. Processes forked beneath it start inside that chunk too. The cost: one mapping of a
quarter of a megabyte, its pages touched only as deep as calls go. Nothing changes but where frames are kept.
"""
from __future__ import annotations

import types
from typing import Callable, TypeVar

ROOM_SLOTS = 16_384   # 128 KiB of 8-byte slots: its chunk is 256 KiB, 120 of them free below it

Result = TypeVar("Result")


def _call(function, args, kwargs):
    return function(*args, **kwargs)


# _call with a value stack ROOM_SLOTS deeper than it needs: a frame is its locals and that stack, and a callee's
# frame goes after the whole of it, so the chunk made for this frame keeps what is left after it for the callees
_roomy = types.FunctionType(_call.__code__.replace(co_stacksize=_call.__code__.co_stacksize + ROOM_SLOTS),
                            _call.__globals__, "_roomy")


def with_room(function: Callable[..., Result], *args, **kwargs) -> Result:
    """function(*args, **kwargs), called with room for deep calls on the frame stack (see the module)."""
    return _roomy(function, args, kwargs)
