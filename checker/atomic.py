"""Atomic report writing that never clobbers a file a person edited by hand.

Each output folder keeps a ledger, `.checker-written.json`, mapping a file name to the
sha256 of the bytes checker last wrote there. An existing file is overwritten only when
its current hash matches the ledger: anything else was edited by hand (or was never ours).
A set of files is checked as a whole before the first byte is written, so a run either
writes all of its reports or none of them: each is written to a temporary file first, and only
when all of them (and the new ledger) are on disk are they renamed into place.

Two runs writing to one folder at once take turns: an exclusive lock on the folder is held from
the check of the ledger to its update, so neither mistakes the other's fresh reports for a hand
edit (without it, one in about fifteen simultaneous audits failed that way).

A file given as `Derived(inputs, make)` names a digest of everything its bytes are made from. The ledger
keeps that digest beside the file's own (under ".inputs"), and when a later run asks for the same inputs
while the file still holds what was written, the file is kept without being made again: a re-audit after
one edit of a large corpus renders only the sidecar files of the sources that changed. Its inputs may be given
as a function, worked out only where the file is made: a large report's page asks for a view of the whole audit,
which the process that makes its pages (checker.processes.Shared) works out for itself, not this one before it.

The ledger also keeps each file's status (size, times, inode: _Seen) when it was last found holding what checker
wrote, unchanged for SETTLED_NS by then; a file whose status is still that one is not read again to be checked.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from checker.allocator import give_back
from checker.errors import CheckerError
from checker.stopping import check, ctrl_c_held

LEDGER_NAME = ".checker-written.json"
INPUTS_KEY = ".inputs"   # in the ledger: file name -> the digest of the inputs a Derived file was made from
# in the ledger: file name -> the file's status (size, times, inode) when it was last found holding what checker wrote
# there, its last change SETTLED_NS old by then (_Seen)
SEEN_KEY = ".seen"
# A change to a file sets its status-change time (ctime) from a clock that may tick only every few milliseconds: a
# file found unchanged for this long is vouched for by its status alone, since any later edit gives it a later ctime
SETTLED_NS = 2_000_000_000


@dataclass(frozen=True)
class Derived:
    """A file's content, made by `make()` (an iterable of bytes blocks) only when needed: `inputs` is a digest of
    everything the bytes depend on (the caller's to get right: any input left out would keep a stale file), or a
    function that returns it, called where the file is made (once: made and kept alike)."""
    inputs: "str | Callable[[], str]"
    make: Callable[[], Iterable[bytes]]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_ledger(folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, list]]:
    """(file name -> sha256 of what checker wrote there, file name -> digest of a Derived file's inputs,
    file name -> its status when last found holding that: _Seen)."""
    try:
        ledger = json.loads((folder / LEDGER_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, {}, {}
    except (OSError, ValueError):
        # A damaged ledger vouches for nothing: every existing file is then treated as foreign.
        return {}, {}, {}
    if not isinstance(ledger, dict):
        return {}, {}, {}
    inputs = ledger.pop(INPUTS_KEY, None)
    inputs = {str(name): str(digest) for name, digest in inputs.items()} if isinstance(inputs, dict) else {}
    seen = ledger.pop(SEEN_KEY, None)
    seen = {str(name): status for name, status in seen.items() if isinstance(status, list)} \
        if isinstance(seen, dict) else {}
    return {str(name): str(digest) for name, digest in ledger.items()}, inputs, seen


class _Seen:
    """The status of the files checker wrote, as the ledger keeps it (SEEN_KEY): a file whose status (size,
    modification and status-change times to the nanosecond, inode, device) is the one it had when it was last found
    holding what checker wrote there is taken to hold it still, without being read. A re-audit after one edit of a
    large corpus read every page and sidecar of its report (160 MB at 10,000 articles) to hash it, and kept most.
    A status is kept only for a file found unchanged for SETTLED_NS by then: an edit by hand gives it a later
    status-change time, which no program can set back. `found`: each file's status as found now, when it held
    checker's bytes and had settled; what the ledger keeps next (for the files this write leaves as they were)."""

    def __init__(self, known: Mapping[str, list] | None = None) -> None:
        self.known = dict(known or {})
        self.found: dict[str, list] = {}

    def digest(self, path: Path, ledger: Mapping[str, str]) -> tuple[str | None, list | None]:
        """(sha256 of the file at `path` (None: no file), its status as found now: None unless settled). The
        file is read only when its status is not the one the ledger keeps."""
        try:
            status = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None, None
        now = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]
        if path.name in ledger and self.known.get(path.name) == now:
            return ledger[path.name], now
        digest = _file_digest(path)
        settled = time.time_ns() - status.st_ctime_ns >= SETTLED_NS
        return digest, now if settled and digest is not None and digest == ledger.get(path.name) else None

    def check(self, path: Path, ledger: Mapping[str, str]) -> tuple[str | None, list | None]:
        """(sha256 of the file at `path`, None when there is none; its status as found: digest's), or CheckerError
        when the file is not exactly what checker last wrote there. The file is read (a block at a time: a large
        corpus's report is hundreds of megabytes) only when its status moved; its status is kept in `found`."""
        digest, status = self.digest(path, ledger)
        if digest is not None and ledger.get(path.name) != digest:
            raise CheckerError(f"{path} was edited by hand (or not written by checker); "
                               "move it away or choose another --out")
        if status is not None:
            self.found[path.name] = status
        return digest, status


def _stage(path: Path, data) -> tuple[str, str]:
    """Write `data` (bytes, or an iterable of bytes blocks: a large report made as it is written) to a temp
    file beside `path` (same file system) and fsync it; return the temp's name and the data's sha256."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a report gets the usual mode a new file would get.
        os.chmod(temp_name, new_file_mode())
        digest = hashlib.sha256()
        with os.fdopen(handle, "wb") as temp:
            for block in [data] if isinstance(data, (bytes, bytearray, str)) else data:
                check()   # SIGTERM: a large report stops between two blocks (checker.stopping)
                temp.write(block)
                digest.update(block)
            temp.flush()
            os.fsync(temp.fileno())
    except BaseException:
        _unlink(temp_name)
        raise
    return temp_name, digest.hexdigest()


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


@contextlib.contextmanager
def _folder_lock(folder: Path):
    """Hold an exclusive lock on `folder` (flock on the folder itself: no lock file is left behind). Where
    there is no flock, or the folder cannot be opened, runs are not serialised (as before)."""
    try:
        import fcntl
        descriptor = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)   # closing releases the lock


def new_file_mode() -> int:
    """The mode a new file gets under this process's umask: what mkstemp's private 0600 is changed to for a
    file meant to be shared (a report, a cache's pack)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def replace_cache_file(path: Path, data: bytes) -> bool:
    """A file of a cache folder (a block snapshot, a memo) written whole or not at all: a temporary file beside it,
    with a new file's usual mode, replaces it. Never an error (a read-only folder, a full disk: a cache only saves
    work): False when it could not be written. No ledger and no fsync: a cache file lost is a miss."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.chmod(temp, new_file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
        return True
    except BaseException as error:   # an error, or a stop (SIGTERM, Ctrl-C: checker.stopping) while it was written
        if temp is not None:
            _unlink(temp)
        if isinstance(error, OSError):
            return False
        raise


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _file_digest(path: Path) -> str | None:
    """The sha256 of the file at `path`, read a block at a time (None: no file)."""
    try:
        with path.open("rb") as current:
            return hashlib.file_digest(current, "sha256").hexdigest()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise CheckerError("is a folder, not a report file; choose another --out", path=path) from None


CHUNK = 1 << 20


def _holds(path: Path, ledger: Mapping[str, str], data: bytes) -> bool:
    """Whether `path` already holds exactly `data`; CheckerError as _Seen.check when it exists and is
    not what checker last wrote there. The file is read a chunk at a time, hashed and compared as it goes: a
    large corpus's reports are hundreds of megabytes, and holding them as read beside the new ones doubled the
    peak memory of writing them."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise CheckerError("is a folder, not a report file; choose another --out", path=path) from None
    digest, equal, offset = hashlib.sha256(), True, 0
    with handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            equal = equal and data[offset:offset + len(chunk)] == chunk
            offset += len(chunk)
    if ledger.get(path.name) != digest.hexdigest():
        raise CheckerError(f"{path} was edited by hand (or not written by checker); "
                           "move it away or choose another --out")
    return equal and offset == len(data)


def write_files_atomic(folder: str | Path, files: Mapping, beside: Callable[[str], bool] | None = None,
                       replaces: Callable[[str], bool] | None = None, first: Callable[[str], bool] | None = None,
                       ready: Callable[[], None] | None = None) -> list[Path]:
    """Write every file of `files` (name -> bytes, an iterable of bytes blocks, or a Derived) into `folder`, or
    none. The files whose names `beside` accepts are shared with a second process (checker.processes.Shared),
    which starts on them while this one makes the others and then joins in: a large corpus's pages and
    sidecars beside its main reports. Those `first` accepts too are shared with a process of their own, forked
    before `ready()` is called here (what the others read, worked out meanwhile: a large report's view, while
    audit.json and the sidecars, which do not read it, are made), the rest with one forked after it. The files
    checker wrote before whose names `replaces` accepts and `files` lacks (the pages and sidecars of a larger
    corpus) are removed once the new ones are in place, if they still hold what checker wrote; one edited by
    hand stays.

    All targets are checked for hand edits first; only then is each file written to a temporary file (an
    iterable is read only then, one block at a time: a large report made as it is written), and when all
    are, each replaces its target atomically and the ledger is updated. A file that already holds exactly
    its new bytes is not written again (its modification time stays); a Derived file made from the same
    inputs as the one there is not even made. Returns the paths of all `files` in the order given.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CheckerError(f"cannot create the output folder: {error.strerror}", path=folder) from None
    with _folder_lock(folder):
        ledger, inputs, seen = _read_ledger(folder)
        seen = _Seen(seen)
        _remove_leftovers(folder, lambda name: name in files or name in ledger or name == LEDGER_NAME
                          or replaces is not None and replaces(name))
        targets = [folder / name for name in files]
        # For bytes, whether the file holds them already; for an iterable, the digest of the file there; for a
        # Derived file, True when the file there was made from the same inputs and still holds those bytes. A
        # Derived file with lazy inputs is checked where it is made (_made: by a second process, for those
        # `beside` accepts): a large report's pages and sidecars are a hundred megabytes to read.
        found = [_holds(target, ledger, data) if isinstance(data, (bytes, bytearray))
                 else _UNCHECKED if isinstance(data, Derived) and callable(data.inputs)
                 else _kept(target, ledger, inputs, data, seen) if isinstance(data, Derived)
                 else seen.check(target, ledger)[0] for target, data in zip(targets, files.values())]
        known = dict(inputs)   # what the files there were made from, as the ledger says (a Derived's lazy inputs)
        if (folder / LEDGER_NAME).is_dir():
            raise CheckerError("is a folder, not checker's ledger of written files; choose another --out",
                               path=folder / LEDGER_NAME)
        # A file that already holds these very bytes (and the ledger vouches for them) is left as it is: a
        # re-audit after one edit renders a large corpus's pages of sources mostly unchanged, and writing and
        # syncing each again was most of writing its reports.
        staged: list[tuple[str, Path]] = []
        target = folder
        made_beside: dict = {}   # name -> _made's tuple (temp file, digest...), once the second process is done
        # (a Shared, the names of its files): one started before ready(), on the files it does not read, and one after
        sides = [_stage_beside(targets, files, found, first, known, ledger, seen)] if first is not None else []
        try:
            if ready is not None:
                ready()
            rest = beside if first is None or beside is None else lambda name: beside(name) and not first(name)
            sides.append(_stage_beside(targets, files, found, rest, known, ledger, seen))
        except BaseException:
            _discard([], sides, {})
            raise
        shared = {name for _, names in sides for name in names}

        def settle(target: Path, temp_name: str | None, digest: str | None, made_from, there: str | None,
                   status: list | None) -> None:
            if status is not None:   # as found where it was made (by another process, maybe)
                seen.found[target.name] = status
            if made_from:
                inputs[target.name] = made_from
            else:
                inputs.pop(target.name, None)   # no longer vouched for by inputs
            if temp_name is None:   # a Derived file with lazy inputs, kept: made from the same as the one there
                return
            if digest == there:   # made as it was written, and the very bytes the file holds
                _unlink(temp_name)
                return
            staged.append((temp_name, target))
            ledger[target.name] = digest
            seen.found.pop(target.name, None)   # replaced: its new status is seen by the next write

        try:
            later = []
            for target, data, there in zip(targets, files.values(), found):
                if not isinstance(data, Derived):
                    inputs.pop(target.name, None)   # bytes, even those the file holds, are vouched for by no inputs
                if there is True:   # the very bytes there, or a Derived file kept (its inputs as the ledger has them)
                    continue
                if target.name in shared:
                    later.append(target)
                    continue
                check()   # SIGTERM stops the write between two files (checker.stopping)
                settle(target, *_made(target, data, there, known, ledger, seen))
            while sides:   # each joined in order, and let go once its files are in (a later failure leaves it be)
                side, names = sides[0]
                if side is not None:
                    made_beside.update(zip(names, side.results()))
                sides.pop(0)
            for target in later:
                settle(target, *made_beside.pop(target.name))
            stale = _stale(folder, ledger, files, replaces)
            for name in stale:
                ledger.pop(name)
            for name in [name for name in inputs if name not in files]:
                inputs.pop(name)   # what a file not written now was made from vouches for nothing (one edited by hand)
            target = folder / LEDGER_NAME
            written = dict(sorted(ledger.items()))
            if inputs:
                written[INPUTS_KEY] = dict(sorted(inputs.items()))
            kept = {name: status for name, status in seen.found.items() if name in ledger}
            if kept:
                written[SEEN_KEY] = dict(sorted(kept.items()))
            ledger_bytes = (json.dumps(written, indent=2) + "\n").encode("utf-8")
            if _read_bytes(target) != ledger_bytes:
                staged.append((_stage(target, ledger_bytes)[0], target))
            # SIGTERM comes no later than here (checker.stopping: never while the files are replaced, or the ledger
            # would vouch for none of those replaced, and the next write take them for edits)
            check()
            with ctrl_c_held():
                for temp_name, target in staged:
                    os.replace(temp_name, target)
                for name in stale:
                    _unlink(str(folder / name))   # best effort: one left behind is vouched for by nothing, never reused
        except OSError as error:
            _discard(staged, sides, made_beside)
            reason = error.strerror or type(error).__name__
            raise CheckerError(f"cannot write {target.name}: {reason}", path=folder,
                               hint="choose another --out, or make this folder writable") from None
        except BaseException:
            _discard(staged, sides, made_beside)
            raise
        if staged:
            _fsync_folder(folder)
    return targets


# A temporary file beside a report, as _stage names it (tempfile.mkstemp: eight of these characters between)
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def _remove_leftovers(folder: Path, ours: Callable[[str], bool]) -> None:
    """Remove the temporary files left in `folder` by a write of files named as `ours` accepts, whose process was
    killed (SIGKILL, out of memory, the machine's power: a stop it could not unwind from, checker.stopping).
    Called under the folder's lock, so no other write is making them; best effort. They are hidden, and were never
    taken back: at 3,000 articles, an audit stopped while it wrote left 74 of them, 10 MB."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _TEMPORARY.fullmatch(entry.name)
        if found and ours(found["name"]) and entry.is_file(follow_symlinks=False):
            _unlink(entry.path)


def _stale(folder: Path, ledger: Mapping[str, str], files: Mapping, replaces) -> list[str]:
    """The files of the ledger that `replaces` accepts, `files` lacks, and that still hold what checker wrote
    (or are gone): a file edited by hand is never among them."""
    if replaces is None:
        return []
    stale = []
    for name in sorted(ledger):
        if name in files or not replaces(name) or Path(name).name != name:
            continue
        try:
            digest = _file_digest(folder / name)
        except (OSError, CheckerError):
            continue
        if digest is None or digest == ledger[name]:   # gone, or as checker wrote it
            stale.append(name)
    return stale


def _discard(staged: list, sides: list, made_beside: dict) -> None:
    """Remove every temp file of a failed write: this process's, and those made of the shared files by the
    processes that share them (`sides`: _stage_beside's pairs, each waited for)."""
    for side, _ in sides:
        if side is not None:
            side.discard()
    for temp_name, *_ in [*staged, *made_beside.values()]:
        if temp_name is not None:
            _unlink(temp_name)


def _stage_beside(targets: list[Path], files: Mapping, found: list, beside, known: Mapping[str, str],
                  ledger: Mapping[str, str], seen: _Seen) -> tuple:
    """(a checker.processes.Shared staging the files `beside` accepts, its second process started now, and
    their names), or (None, no names) when there are none. Its results: _made's per file. This process stages
    the rest meanwhile, then joins in with what is left of these."""
    chosen = [(target, data, there) for target, data, there in zip(targets, files.values(), found)
              if there is not True and not isinstance(data, (bytes, bytearray)) and beside(target.name)] \
        if beside is not None else []
    if not chosen:
        return None, []
    from checker.processes import Shared

    return Shared(chosen, lambda item: _made(*item, known, ledger, seen),
                  undo=lambda made: made[0] is not None and _unlink(made[0])), [item[0].name for item in chosen]


_UNCHECKED = object()   # found: a file there not read yet (a Derived file with lazy inputs: _made checks it)


def _made(target: Path, data, there, known: Mapping[str, str], ledger: Mapping[str, str], seen: _Seen) -> tuple:
    """(temp file, sha256, the inputs it was made from: None but for a Derived, the digest of the file there, its
    status as found: _Seen) of a file to write, staged beside `target`; (None, None, inputs, digest, status) for a
    Derived file whose lazy inputs (worked out now) are those the ledger (`known`) says the file there was made
    from, and that still holds what was written, so it is kept unmade. A file there _UNCHECKED is checked now:
    CheckerError when edited by hand (the write then fails whole, as when checked first)."""
    status = None
    if there is _UNCHECKED:
        there, status = seen.check(target, ledger)
    made_from = None
    if isinstance(data, Derived):
        lazy = callable(data.inputs)
        made_from = data.inputs() if lazy else data.inputs
        if lazy and _vouched(target, there, made_from, known):
            return None, None, made_from, there, status
    staged = _stage(target, _content(data))
    # A file's pieces are mid-sized blocks of malloc's heap, freed once staged, among blocks that live on: left
    # there, the writing of a large report's hundreds of files grew the process that made them (at 30,000
    # articles by 80 MB, while what it held grew by 1); given back after each (checker.allocator): at 10,000
    # articles 45 ms for 167 files
    give_back()
    return (*staged, made_from, there, status)


def _content(data):
    """What _stage writes: bytes or blocks, a Derived file's made now."""
    return data.make() if isinstance(data, Derived) else data


def _kept(path: Path, ledger: Mapping[str, str], inputs: Mapping[str, str], data: Derived, seen: _Seen):
    """True when `path` was made from `data.inputs` and still holds what checker wrote there (so it is kept
    unmade); otherwise the digest of the file there (None: no file), checked (_Seen.check)."""
    there = seen.check(path, ledger)[0]
    return True if _vouched(path, there, data.inputs, inputs) else there


def _vouched(path: Path, there: str | None, made_from: str, inputs: Mapping[str, str]) -> bool:
    """Whether the file at `path` (its digest `there`, vouched for by the ledger; None: no file) was made from
    `made_from`, as the ledger's `inputs` say: a Derived file then kept unmade ("" vouches for nothing)."""
    return there is not None and bool(made_from) and inputs.get(path.name) == made_from


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Atomically write one file, refusing to overwrite a hand-edited one."""
    path = Path(path)
    return write_files_atomic(path.parent, {path.name: data})[0]


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Atomically write one UTF-8 text file, refusing to overwrite a hand-edited one."""
    return write_bytes_atomic(path, text.encode("utf-8"))
