"""The processes an audit may use: the cores available, `--jobs` resolved against them, and `Beside`, one
piece of work forked off to run beside the audit's own process (checker.pipeline runs the per-document stages
in a pool of its own), and `Prepared`, a forked process that gets ready for a call (a slow import) while this
one works towards it."""
from __future__ import annotations

import io
import os
import pickle

from checker.stopping import bound_to, check, interruptible, stopping


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
            reader, writer = _pipe()
            pid = _forked()
            if pid == 0:
                _send_result(function, reader, writer)   # never returns
            os.close(writer)
            self.pid, self.reader = pid, reader

    def result(self):
        if self.pid is None:
            return self.function()
        try:
            with interruptible():
                answer = _read_all(self.reader)
        finally:
            os.close(self.reader)
            _stop_if_stopping(self.pid)
            _, status = os.waitpid(self.pid, 0)
        return _outcome(answer, status, self.function)


LOCK_WAIT = 10.0   # seconds: how long Shared waits for its counter's lock before it stops taking items


class Shared:
    """Items of work done by this process and a forked one together, each once: whichever is free takes the
    next (a counter in shared memory, under a lock). The forked one starts at once; this one joins when
    `results()` is called, after work of its own, so neither waits while the other still has items to do (a
    re-audit after one edit renders three or four pages of a few tenths of a second each beside audit.json:
    handed all to the second process, this one waited a second for it). `do(item)` makes an item's result;
    `undo(result)` takes back one made in vain (a temp file), where the other failed.

    Without fork, or without shared memory for the counter, the items are done as Beside does them: all in the
    second process (or here, where the platform cannot fork). A child that leaves without its answer leaves
    this process every item it did not make itself."""

    def __init__(self, items, do, undo=None) -> None:
        self.items, self.do, self.undo = list(items), do, undo
        self.here: dict[int, object] = {}
        self.parent = os.getpid()
        try:
            import multiprocessing

            self.lock, self.taken = multiprocessing.Lock(), multiprocessing.RawValue("i", 0)
        except (ImportError, OSError):   # no shared semaphores here (a sandbox without /dev/shm)
            self.lock = self.taken = None
        self.side = Beside(self._there, fork=True)

    def _take(self) -> int | None:
        # held for a few instructions: a lock not had within seconds is one the other process held when it was
        # killed, and this one then stops taking (the child's items are made here when it has no answer)
        if not self.lock.acquire(timeout=LOCK_WAIT):
            return None
        try:
            taken = self.taken.value
            if taken >= len(self.items):
                return None
            self.taken.value = taken + 1
            return taken
        finally:
            self.lock.release()

    def _make(self, indexes, made: dict) -> dict:
        try:
            for index in indexes:
                check()   # SIGTERM, here or in the other process (checker.stopping)
                made[index] = self.do(self.items[index])
        except BaseException:
            self._undo(made.values())
            made.clear()
            raise
        return made

    def _there(self) -> dict:
        """In the forked process: items taken one by one until none is left. Here (never forked, or the child
        left without its answer): every item not made here."""
        if os.getpid() != self.parent and self.lock is not None:
            return self._make(iter(self._take, None), {})
        return self._make([index for index in range(len(self.items)) if index not in self.here], {})

    def results(self) -> list:
        """Every item's result, in the items' order: this process takes items until none is left, then
        gathers the other's."""
        try:
            if self.lock is not None and self.side.pid is not None:
                self._make(iter(self._take, None), self.here)
        except BaseException:
            self.discard()
            raise
        try:
            there = self.side.result()
        except BaseException:   # it took back its own
            self._undo(self.here.values())
            self.here = {}
            raise
        return [self.here[index] if index in self.here else there[index] for index in range(len(self.items))]

    def discard(self) -> None:
        """After a failure: wait for the other process and take back what either made."""
        try:
            there = self.side.result()
        except BaseException:   # noqa: BLE001  it took back its own; the first failure is the one reported
            there = {}
        self._undo([*self.here.values(), *there.values()])
        self.here = {}

    def _undo(self, made) -> None:
        if self.undo is not None:
            for result in made:
                self.undo(result)


class Prepared:
    """A forked process that runs `prepare()` (an import of seconds) while this one goes on, then the one call
    `send(function, *args)` asks of it while this one goes on again (`result()` waits for it; `run` does both).
    The arguments go to it pickled, the result comes back pickled, an exception raised there is raised here.
    Without `fork` (or where the platform cannot fork), `result()` makes the call here. A child
    that dies without a word (killed, out of memory) leaves the call to this process. Used as a context
    manager: a child never asked is told to leave, and every child is waited for.

    Like Beside's, the child is a bare os.fork that leaves with os._exit. It may print (an import's warnings),
    so its standard streams are new ones on the null device: another thread of this process (a progress bar's
    monitor) may have held the locks of the inherited ones at the fork."""

    def __init__(self, prepare, fork: bool, hold: bool = False) -> None:
        """With `hold`, the child waits for `go()` (or the request) before it prepares: forked now, while this
        process is small (a child forked later counts all this process then holds as its own resident memory),
        it prepares when a core is free (after a pool of workers that needed both)."""
        # The request is framed by its length, not by the end of the pipe: every process forked from this one
        # later (a pool's workers, a Beside) holds a copy of the pipe's writing end, so the end of the pipe
        # would reach the child only when they had all left.
        self.pid, self.call, self.held = None, None, False
        if fork and hasattr(os, "fork"):
            asked, ask = _pipe()
            answer, answered = _pipe()
            pid = _forked()
            if pid == 0:
                os.close(ask)
                os.close(answer)
                _serve(prepare, asked, answered, hold)   # never returns
            os.close(asked)
            os.close(answered)
            self.pid, self.ask, self.answer, self.held = pid, ask, answer, hold

    def go(self) -> None:
        """Let a held child prepare now; nothing otherwise."""
        if self.held and self.pid is not None:
            self.held = False
            try:
                _write_all(self.ask, _GO)
            except OSError:   # gone already: result() calls here
                pass

    def leave(self) -> None:
        """End the child unasked: later calls are made here. A held child is told to leave unprepared; one let go
        is stopped where it is (it holds nothing but its pipes), not waited for through its import."""
        if self.pid is not None and not self.held and self.ask is not None:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:   # gone already
                pass
        self._end()

    def run(self, function, *args):
        """`function(*args)`, called in the child."""
        self.send(function, *args)
        return self.result()

    def send(self, function, *args) -> None:
        """Ask the child for `function(*args)` and go on; `result()` waits for it."""
        self.call = (function, args)
        if self.pid is None:
            return
        self.go()
        # Pickled straight into the pipe, a frame at a time: pickled whole first, the request (the observations:
        # 30 MB at 30,000 articles) was a copy held at the audit's peak, once per process asked
        frames = _Frames(self.ask)
        try:
            pickle.Pickler(frames, protocol=pickle.HIGHEST_PROTOCOL).dump(self.call)
            frames.end()
        except (pickle.PicklingError, TypeError, AttributeError):   # a function or argument that cannot travel
            frames.abort()
            os.close(self.ask)
            self.ask = None
            self._end()   # the child leaves unasked; result() calls here
            return
        except OSError:   # the child is gone (a broken pipe): nothing will answer, result() calls here
            pass
        os.close(self.ask)
        self.ask = None

    def wait(self) -> None:
        """Wait until the child's answer is there to read (or the child is gone), without reading it: the caller can
        do work of its own before it takes the answer (result), without holding it meanwhile."""
        if self.pid is not None and self.call is not None:
            import select

            with interruptible():
                select.select([self.answer], [], [])

    def result(self):
        """What the call sent returned (raised): made here when there is no child to make it."""
        # let go of here: the arguments (a discovery's candidate store, and through it the corpus's texts) were held
        # to the end of the audit
        (function, args), self.call = self.call, None
        if self.pid is None:
            return function(*args)
        try:
            with interruptible():
                answer = _read_all(self.answer)
        finally:
            status = self._end()
        return _outcome(answer, status, lambda: function(*args))

    def _end(self) -> int:
        """Both pipes closed, the child waited for: its exit status (0 for one that left as it should)."""
        if self.pid is None:
            return 0
        if self.ask is not None:   # never asked: the child is told to leave (a held one, before it prepares)
            try:
                _write_all(self.ask, _LEAVE if self.held else _END)   # else an empty request
            except OSError:   # gone already
                pass
            os.close(self.ask)
        os.close(self.answer)
        _stop_if_stopping(self.pid)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return status

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._end()


_GO, _LEAVE = b"g", b"l"   # what a held child reads first: prepare, or leave unprepared


def _serve(prepare, asked: int, answered: int, hold: bool) -> None:
    """In a Prepared's child: (held: wait for the word to) prepare, read the one request (an empty one: leave),
    answer it, leave."""
    def work():
        import sys

        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")
        import threading

        if hold and _read_exactly(asked, 1) != _GO:
            return
        # The request is read while this thread prepares: the parent's write of it (the observations, megabytes)
        # would otherwise wait, its pipe full, until the import was done (0.6 s of a re-audit at 10,000 articles)
        received: list = []
        reader = threading.Thread(target=lambda: received.append(_read_frames(asked)), daemon=True)
        reader.start()
        try:
            prepare()
        except BaseException:   # noqa: BLE001  an unready child still answers: the call will say what fails
            pass
        reader.join()
        request = received[0] if received else b""
        if request:
            def call():
                function, args = pickle.loads(request)
                return function(*args)

            _answer(answered, call)

    _leave_after(work)


def _send_result(function, reader: int, writer: int) -> None:
    """In a Beside's child: run `function`, answer with its outcome, leave."""
    def work():
        os.close(reader)
        _answer(writer, function)

    _leave_after(work)


def _leave_after(work) -> None:
    """The end of a forked child: `work()`, then os._exit (status 1 if anything escaped it)."""
    from checker.framestack import with_room

    status = 0
    try:
        with_room(work)   # (an import of Great Expectations, deep and many times over, is most of some children's work)
    except BaseException:   # noqa: BLE001  nothing may escape into the parent's code
        status = 1
    finally:
        os._exit(status)


def _answer(writer: int, call) -> None:
    """Write (succeeded, what `call()` returned or raised) pickled to `writer`."""
    try:
        payload = (True, call())
    except BaseException as error:   # noqa: BLE001  every failure is the parent's to raise
        payload = (False, error)
    _write_all(writer, _pickled(payload))


def _forked() -> int:
    """os.fork(), the child bound never to outlive this process (checker.stopping.bound_to)."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        bound_to(parent)
    return pid


def _stop_if_stopping(pid: int) -> None:
    """Once this process was told to stop (checker.stopping), pass SIGTERM on to a child about to be waited for: it
    unwinds (its temporary files taken back) instead of finishing its work first, which the wait would have
    waited for. Nothing otherwise; a child gone already is no error."""
    if stopping():
        import signal

        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass


def _outcome(answer: list[bytes], status: int, call):
    """In the parent: the child's answer as a value (or its error raised). A child that left without its whole
    answer (killed, out of memory) leaves the work to this process: `call()`, but for a process told to stop
    (checker.stopping), whose children the same signal may have ended: Terminated then."""
    if answer and status == 0:
        succeeded, value = pickle.load(io.BufferedReader(_Consumed(answer)))
    else:
        check()
        succeeded, value = True, call()
    if not succeeded:
        raise value
    return value


PIPE_BYTES = 1 << 20   # Linux's default limit for an unprivileged process (/proc/sys/fs/pipe-max-size)


def _pipe() -> tuple[int, int]:
    """os.pipe(), its buffer a megabyte where the platform allows (Linux; 64 KB by default): megabytes go
    through these pipes (the observations to the rules' process, the results back), and a reading thread that
    shares its process with an import takes the interpreter's lock back once for each read (up to 5 ms each)."""
    reader, writer = os.pipe()
    try:
        import fcntl

        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):   # not Linux, or a lower limit set here: the default buffer
        pass
    return reader, writer


def _read_all(descriptor: int) -> list[bytes]:
    """The pipe's bytes to its end, as the chunks read: an answer unpickled from them (_Consumed) lets each go once
    read, where joined first it was held twice, and whole beside what it unpickles to."""
    chunks = []
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
    return chunks


class _Consumed(io.RawIOBase):
    """The bytes of `chunks` as a stream, each chunk taken out of the list (and let go of) as it is read."""

    def __init__(self, chunks: list[bytes]) -> None:
        chunks.reverse()
        self.chunks, self.left = chunks, memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not len(self.left) and self.chunks:
            self.left = memoryview(self.chunks.pop())
        count = min(len(buffer), len(self.left))
        buffer[:count] = self.left[:count]
        self.left = self.left[count:]
        return count


def _read_exactly(descriptor: int, count: int) -> bytes:
    """`count` bytes from the pipe, or b"" if it ends before (the parent left or never asked)."""
    chunks, wanted = [], count
    while wanted:
        chunk = os.read(descriptor, min(wanted, 1 << 20))
        if not chunk:
            return b""
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


class _Frames:
    """A request written to a pipe as the pickler makes it: frames of (8-byte length, bytes), ended by a frame of
    length 0 (_END), or by _ABORT where the pickler failed midway (the child then reads no request)."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor

    def write(self, data) -> int:
        view = memoryview(data).cast("B")   # as bytes: a partial write resumes at a byte, not at an item
        if view:
            _write_all(self.descriptor, len(view).to_bytes(8, "big"))
            _write_all(self.descriptor, view)
        return len(view)

    def end(self) -> None:
        _write_all(self.descriptor, _END)

    def abort(self) -> None:
        try:
            _write_all(self.descriptor, _ABORT)
        except OSError:   # gone already
            pass


_END, _ABORT = bytes(8), b"\xff" * 8


def _read_frames(descriptor: int) -> bytes:
    """The request _Frames wrote, or b"" when there is none (an empty one, an aborted one, or a parent that left
    before its end)."""
    chunks = []
    while head := _read_exactly(descriptor, 8):
        if head == _END:
            return b"".join(chunks)
        if head == _ABORT:
            break
        chunk = _read_exactly(descriptor, int.from_bytes(head, "big"))
        if not chunk:
            break
        chunks.append(chunk)
    return b""


def _pickled(payload) -> bytes:
    try:
        return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:   # an unpicklable result or error: said plainly
        return pickle.dumps((False, RuntimeError(f"work beside the audit failed: {error}")))


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]
