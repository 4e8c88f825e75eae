"""The processes an audit may use: the cores available, `--jobs` resolved against them, and `Beside`, one
piece of work forked off to run beside the audit's own process (checker.pipeline runs the per-document stages
in a pool of its own)."""
from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_count(jobs: int | None) -> int:
    """The processes `--jobs` asks for: None is the cores available."""
    return available_cores() if jobs is None else max(1, int(jobs))


class Beside:
    """`function()` run in a forked process while this one goes on (`fork`, where the platform forks), or here
    when `result()` asks for it. The child reads what this process holds as it was at the fork (nothing is
    pickled to it) and sends its result back pickled, so the result is the one a call here would return; an
    exception raised there is raised here by `result()`.

    The child is a bare os.fork that leaves with os._exit: it runs none of this process's exit handlers and
    never flushes the standard streams, whose locks another thread (a progress bar's monitor) may have held at
    the fork; it writes only to its pipe."""

    def __init__(self, function, fork: bool) -> None:
        self.function, self.pid, self.reader = function, None, None
        if fork and hasattr(os, "fork"):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:
                _send_result(function, reader, writer)   # never returns
            os.close(writer)
            self.pid, self.reader = pid, reader

    def result(self):
        if self.pid is None:
            return self.function()
        import pickle

        chunks = []
        try:
            while chunk := os.read(self.reader, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(self.reader)
            os.waitpid(self.pid, 0)
        # A child that died without a word (killed, out of memory): the work is done here instead
        succeeded, value = pickle.loads(b"".join(chunks)) if chunks else (True, self.function())
        if not succeeded:
            raise value
        return value


def _send_result(function, reader: int, writer: int) -> None:
    """In the child: run `function`, write (succeeded, result or error) pickled to `writer`, leave."""
    import pickle

    status = 0
    try:
        os.close(reader)
        try:
            payload = (True, function())
        except BaseException as error:   # noqa: BLE001  every failure is the parent's to raise
            payload = (False, error)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:   # an unpicklable result or error: said plainly
            data = pickle.dumps((False, RuntimeError(f"work beside the audit failed: {error}")))
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view):]
    except BaseException:   # noqa: BLE001  nothing may escape into the parent's code
        status = 1
    finally:
        os._exit(status)
