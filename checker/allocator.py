"""How an audit's processes give back the memory they free.

glibc's malloc serves a request of 128 KiB or more with a mapping of its own, returned to the system when the
block is freed. But each time such a block is freed it raises that threshold to the block's size (up to 32 MiB):
from then on, buffers of that size come from the heap, and freed there they stay the process's resident memory.
Python's small objects never reuse that space (its allocator maps its arenas apart), so the memory an audit frees
in large blocks (a stage's columns and frames, the observations pickled for the rules' process, a report's
chunks) stayed counted in every process until it ended, and in every process forked from it later.

Keeping the threshold where glibc starts it, large blocks go back to the system when freed. Measured on
benchmarks/scale.py's generated news, cold: the largest process of 30,000 articles 484 MB before, 446 after; of
10,000, 223 before, 214 after; CPU time within the noise of the machine.
"""
from __future__ import annotations

import functools
import sys

M_MMAP_THRESHOLD = -3          # glibc's malloc.h
MAPPED_FROM = 128 * 1024       # bytes: glibc's own starting threshold, kept from rising


@functools.cache
def keep_large_blocks_mapped() -> bool:
    """Fix malloc's threshold for mapping a block at MAPPED_FROM bytes, for this process and those it forks
    after. Whether it was set: only glibc has the setting (elsewhere nothing changes). Once per process: the
    setting cannot be read back, and is the same every time."""
    import ctypes

    mallopt = glibc("mallopt", (ctypes.c_int, ctypes.c_int), ctypes.c_int)
    return mallopt is not None and mallopt(M_MMAP_THRESHOLD, MAPPED_FROM) == 1


def give_back() -> bool:
    """Return to the system the free memory inside malloc's heap (glibc's malloc_trim), after a stage that freed
    many mid-sized blocks there: below the threshold for a mapping of their own and above Python's small objects,
    such as the texts a pool's workers send back, they leave holes that only other such blocks reuse, counted in
    this process and in every process forked from it. Whether it was done: only glibc has it. A few milliseconds."""
    import ctypes

    trim = glibc("malloc_trim", (ctypes.c_size_t,), ctypes.c_int)
    if trim is None:
        return False
    trim(0)
    return True


def glibc(name: str, argtypes: tuple, restype):
    """The C library's function `name`, typed; None off Linux or where the library lacks it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):   # a C library without it
        return None
    function.argtypes, function.restype = argtypes, restype
    return function
