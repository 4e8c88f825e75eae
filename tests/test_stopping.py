"""Stopping a command: SIGTERM unwinds as Ctrl-C does (one line, exit 2, no temporary file left), the processes an
audit forks never outlive it, and a write killed outright leaves nothing the next one keeps (checker.stopping)."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.pipeline import MIN_DOCUMENTS_PER_JOB
from checker.stopping import Terminated, check, ctrl_c_held, interruptible, stop_on_terminate, stopping
from tests import benchmark_modules

PROJECT = Path(__file__).resolve().parent.parent
DOCUMENTS = 2 * MIN_DOCUMENTS_PER_JOB + 20   # enough for a pool of two and the processes beside the audit


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return benchmark_modules.generated_corpus(tmp_path_factory.mktemp("generated"), DOCUMENTS, 5)


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie is not)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _kill(pids: set[int]) -> None:
    """End whatever of `pids` a failing test left running."""
    for pid in _alive(pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _audit_with_children(corpus: Path, facts: Path, out: Path, least: int) -> tuple[subprocess.Popen, set[int]]:
    """`checker audit` started, once it has forked at least `least` processes: (it, their pids)."""
    process = subprocess.Popen([sys.executable, "-m", "checker", "audit", str(corpus), "--facts", str(facts),
                                "--out", str(out), "--no-cache", "--quiet"], cwd=PROJECT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    seen: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        seen |= _children(process.pid)
        if len(_alive(seen)) >= least:
            return process, seen
        time.sleep(0.02)
    process.kill()
    pytest.fail("the audit ended before it forked its processes")


def _gone(pids: set[int], seconds: float = 10.0) -> set[int]:
    """Those of `pids` still running after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _alive(pids)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_stopping_sigterm_ends_an_audit_in_one_line_leaving_no_process_or_temporary_file(generated, tmp_path):
    corpus, facts = generated
    out = tmp_path / "out"
    process, children = _audit_with_children(corpus, facts, out, least=3)
    try:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
        assert (process.returncode, stderr) == (2, "checker: error: terminated\n")
        assert not _gone(children | _children(process.pid))
        assert not (out.exists() and list(out.glob(".*.tmp")))
    finally:
        _kill(children)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_stopping_an_audit_killed_outright_takes_its_processes_with_it(generated, tmp_path):
    corpus, facts = generated
    process, children = _audit_with_children(corpus, facts, tmp_path / "out", least=3)
    try:
        process.kill()   # SIGKILL: nothing of the audit runs after it
        process.communicate(timeout=60)
        assert not _gone(children)
    finally:
        _kill(children)


@pytest.fixture
def other_thread():
    """Another thread alive, as a progress bar's: the kernel may hand it the signal; the handler still runs in the
    main thread."""
    import threading

    other = threading.Event()
    threading.Thread(target=other.wait, args=(30,), daemon=True).start()
    yield
    other.set()


def test_stopping_sigterm_in_a_wait_raises_terminated_at_once_and_is_told_after_the_block(other_thread):
    before = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    with pytest.raises(Terminated):
        with stop_on_terminate() as watch, interruptible():
            assert stopping() == ""
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)   # the handler raises here, at once: a wait
    assert time.monotonic() - started < 4
    assert (watch.reason, stopping()) == ("terminated", "")   # told, and nothing stopping after the block
    assert signal.getsignal(signal.SIGTERM) is before   # restored


def test_stopping_sigterm_outside_a_wait_stops_at_the_next_step(other_thread):
    """Raised where the process stands, the stop could land in a hook Python runs after a fork, be swallowed there
    and leave a lock taken: it is raised at the next step (check), or at once within a wait (interruptible)."""
    done = []
    with pytest.raises(Terminated):
        with stop_on_terminate():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)
            done.append("the step it came in")   # not raised here
            check()
            done.append("never")
    assert done == ["the step it came in"]


@contextlib.contextmanager
def _ctrl_c(handler):
    """Ctrl-C's handler set to `handler` within the block, whatever this test run started with (one started in the
    background of a shell script inherits Ctrl-C ignored, and Python then installs none of its own)."""
    started = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, started)


def test_stopping_ctrl_c_is_held_while_a_write_replaces_its_files():
    done = []
    with _ctrl_c(signal.default_int_handler):   # Python's own, as a terminal's `checker` has it
        with pytest.raises(KeyboardInterrupt):
            with ctrl_c_held():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.2)
                done.append("all of the block")   # not raised inside
        assert done == ["all of the block"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        with ctrl_c_held():   # nothing held: nothing raised
            done.append("again")
        assert done == ["all of the block", "again"]


def test_stopping_ctrl_c_ignored_stays_ignored_while_a_write_replaces_its_files():
    with _ctrl_c(signal.SIG_IGN):   # a `checker` started in the background of a shell script: the block leaves it so
        with ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.2)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


@pytest.mark.parametrize("beside", [False, True])
def test_stopping_a_write_stopped_while_it_makes_a_file_leaves_the_folder_as_it_was(tmp_path, beside):
    """SIGTERM while the files are made (here, or by the second process that makes a large report's pages):
    no temporary file stays, and the files and ledger there are the ones written before."""
    from checker.atomic import Derived, write_files_atomic

    folder = tmp_path / "out"
    write_files_atomic(folder, {"a.txt": b"first a\n", "b.txt": b"first b\n"})
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    parent = os.getpid()

    def make(name):
        def blocks():
            yield f"new {name}, first block\n".encode()
            os.kill(parent, signal.SIGTERM)
            time.sleep(0.3)   # the parent is stopped meanwhile; a second process's block is taken back
            yield b"never written\n"
        return Derived(f"inputs of {name}", blocks)

    files = {"a.txt": make("a"), "b.txt": make("b"), "c.txt": make("c")}
    with pytest.raises(Terminated):
        with stop_on_terminate():
            write_files_atomic(folder, files, beside=(lambda name: name != "a.txt") if beside else None)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_stopping_leftovers_of_a_killed_write_are_removed_by_the_next(tmp_path):
    """Temporary files named after the reports (a write killed outright, SIGKILL) go with the next write into the
    folder; files of the same look named after anything else stay."""
    from checker.report import write_reports
    from checker.audit import run_audit

    out = tmp_path / "out"
    out.mkdir()
    leftovers = [".audit.json.k3x9_q0a.tmp", ".audit.html.abcdefgh.tmp", ".audit-fact-000.html.0123abcd.tmp",
                 ".audit.mentions-004.jsonl.zz99yy88.tmp", "..checker-written.json.aaaaaaaa.tmp"]
    kept = [".notes.abcdefgh.tmp", ".audit.json.bak", ".audit.json.short.tmp", "audit.json.abcdefgh.tmp"]
    for name in leftovers + kept:
        (out / name).write_text("x", encoding="utf-8")
    write_reports(run_audit(None), out)   # the demo corpus: audit.json, audit.md, audit.html
    names = {path.name for path in out.iterdir()}
    assert not names & set(leftovers)
    assert set(kept) <= names


def _started_batch(documents, catalog, cache_dir=None, candidates=False, marks=None, parent=None):
    """A pool's task (module level: it travels by name): marks that it started; the second batch stops the audit."""
    index = int(documents.index[0])
    Path(marks, f"{index}").write_text("", encoding="utf-8")
    if index == 1:
        os.kill(parent, signal.SIGTERM)
    time.sleep(0.3)
    raise AssertionError("never joined: the audit stopped")


def test_stopping_a_pool_stopped_drops_its_batches_and_kills_its_workers(tmp_path):
    import multiprocessing

    import pandas as pd

    from checker.pipeline import _in_pool

    marks = tmp_path / "marks"
    marks.mkdir()
    documents = pd.DataFrame({"source": [f"d{index}" for index in range(40)]})
    tasks = [(index, index + 1, {"marks": str(marks), "parent": os.getpid()}) for index in range(40)]
    others = set(multiprocessing.active_children())   # another test's, not yet reaped
    with pytest.raises(Terminated):
        with stop_on_terminate():
            _in_pool(documents, None, None, 2, None, task=_started_batch, tasks=tasks)
    assert not set(multiprocessing.active_children()) - others   # the pool's workers are gone
    assert len(list(marks.iterdir())) < 10   # of 40: those begun or queued when it stopped, never all
