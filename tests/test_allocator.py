"""A large block an audit frees goes back to the system (checker.allocator), in a new process each time: the
setting is per process and cannot be undone."""
import platform
import subprocess
import sys

import pytest

# Frees a 16 MB block (which raises glibc's threshold for mapping blocks, unless it is kept), then makes and frees
# another of the same size, and prints how much of it the process still holds.
SCRIPT = """
import sys
from pathlib import Path

def resident():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024

if sys.argv[1] == "set":
    from checker.allocator import keep_large_blocks_mapped
    assert keep_large_blocks_mapped()
elif sys.argv[1] == "audit":
    from checker.audit import run_audit
    run_audit(None)
block = bytearray(16 << 20)
del block
before = resident()
block = bytearray(16 << 20)
del block
print(resident() - before)
"""

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="only glibc has malloc's mapping threshold")


def _held_after_free(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


@pytest.mark.parametrize("mode, held_at_least, held_below", [
    ("default", 12 << 20, 1 << 40),   # glibc's own: the second block came from the heap, and stays resident
    ("set", 0, 4 << 20),
    ("audit", 0, 4 << 20),            # an audit sets it for its process (and those it forks)
])
def test_a_freed_large_block_is_given_back_once_the_threshold_is_kept(mode, held_at_least, held_below):
    held = _held_after_free(mode)
    assert held_at_least <= held < held_below
