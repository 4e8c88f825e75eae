"""How a command stops when it is told to: SIGTERM (a CI job cancelled, `timeout`, a container or service stopped)
ends it as Ctrl-C does, and no process it forked outlives it.

Before, SIGTERM ended the command's own process where it stood. The report folder kept the temporary files of the
reports being written (at 3,000 articles 74 hidden files, 10 MB), and the processes it had forked (the rules',
the consensus's, the pool's workers, the pages') stayed behind for good, each blocked on a pipe to a process that
was gone (at 3,000 articles four of them, 290 MB).

Now SIGTERM stops the command at its next step (`check`: between batches, stages, documents and the blocks of a
file written), or at once where it waits for another process (`interruptible`), by raising Terminated: it
unwinds as from Ctrl-C, each temporary file removed where it was made and each forked process told to stop, and
the command says so in one line (exit 2). It is never raised where the process stands otherwise: a first handler
that raised anywhere raised inside a hook Python runs after a fork (logging's, which releases its lock), where
the exception is swallowed ("Exception ignored in") and what the hook had to do is left undone; of twelve audits
stopped so, one never ended. Every forked process is also bound to die with the process that forked it,
however that one ends (SIGKILL, out of memory): Linux's parent-death signal; elsewhere a process forked is left to
its pipes, as before.
"""
from __future__ import annotations

import contextlib
import os
import signal

PR_SET_PDEATHSIG = 1   # linux/prctl.h

_stopping = ""      # "terminated" once SIGTERM came, within stop_on_terminate's block
_waiting = False    # within interruptible(): SIGTERM raises at once


class Terminated(KeyboardInterrupt):
    """Raised in a process told to stop by SIGTERM. A KeyboardInterrupt, so that it unwinds wherever Ctrl-C does
    (never caught by `except Exception`)."""


class Watch:
    """What stop_on_terminate's block was told: `reason`, "terminated" or "", set as it ends."""

    reason = ""


@contextlib.contextmanager
def stop_on_terminate():
    """Within the block, in a command's process: SIGTERM stops the command at its next step (see the module), and
    marks the process as stopping (`stopping`) until the block ends; the Watch it yields says so after. A second
    SIGTERM while it unwinds is ignored, so the unwinding (temporary files removed) runs to its end. The handler
    before is restored after (a command called in a test's process); off the main thread, where no handler can
    be set, nothing changes."""
    global _stopping
    watch = Watch()
    _stopping = ""
    before = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _terminated)
    except ValueError:   # not the main thread
        before = None
    try:
        yield watch
    finally:
        watch.reason, _stopping = _stopping, ""
        if before is not None:
            signal.signal(signal.SIGTERM, before)


def check() -> None:
    """Between two steps of the work (never while it unwinds): raise Terminated if SIGTERM came."""
    if _stopping:
        raise Terminated()


@contextlib.contextmanager
def interruptible():
    """Within the block, a wait for another process (a pipe, a pool's batch), SIGTERM raises at once, as Ctrl-C
    does there; one that came before raises as the block starts."""
    global _waiting
    before, _waiting = _waiting, True
    try:
        check()
        yield
    finally:
        _waiting = before


@contextlib.contextmanager
def ctrl_c_held():
    """Within the block, Ctrl-C is held and raised as it ends (KeyboardInterrupt): for a step that must be done
    whole, the replacing of a write's files (SIGTERM never comes within one: `check`). Python's own handler raises
    where the process stands: within the replacing, the ledger would vouch for none of the files replaced, and
    every later write would take them for edits by hand. Where the handler is not Python's own (ignored, a
    caller's) or off the main thread, nothing changes."""
    held: list = []
    swapped = False
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
            swapped = True
    except ValueError:   # not the main thread
        pass
    try:
        yield
    finally:
        if swapped:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    if held:
        raise KeyboardInterrupt()


def stopping() -> str:
    """"terminated" once SIGTERM came within stop_on_terminate's block, else "": a forked process that left
    without its answer (one ended by the same signal) is not stood in for then (checker.processes makes such a
    call itself otherwise), and a child about to be waited for is told to stop."""
    return _stopping


def _terminated(signum, frame) -> None:
    global _stopping
    _stopping = "terminated"
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if _waiting:
        raise Terminated()


def bound_to(parent: int) -> None:
    """In a process just forked from `parent`: die (SIGKILL) when `parent` does. If `parent` is gone already (it
    died between the fork and now), leave at once."""
    import ctypes

    from checker.allocator import glibc

    prctl = glibc("prctl", (ctypes.c_int, ctypes.c_ulong), ctypes.c_int)
    if prctl is None:   # not Linux: the process is left to its pipes
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def pool_worker(parent: int) -> None:
    """A pool's worker (concurrent.futures' initializer): bound to the process that forked it, and deaf to SIGTERM
    and Ctrl-C, which stop the process that runs the pool: that one ends the pool (checker.pipeline). A worker
    that took them itself would print a traceback where it waits for work (multiprocessing's own)."""
    bound_to(parent)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
