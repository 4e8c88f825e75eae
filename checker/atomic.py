"""Atomic report writing that never clobbers a file a person edited by hand.

Each output folder keeps a ledger, `.checker-written.json`, mapping a file name to the
sha256 of the bytes checker last wrote there. An existing file is overwritten only when
its current hash matches the ledger: anything else was edited by hand (or was never ours).
A set of files is checked as a whole before the first byte is written, so a run either
writes all of its reports or none of them.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Mapping

from checker.errors import CheckerError

LEDGER_NAME = ".checker-written.json"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_ledger(folder: Path) -> dict[str, str]:
    try:
        ledger = json.loads((folder / LEDGER_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # A damaged ledger vouches for nothing: every existing file is then treated as foreign.
        return {}
    if not isinstance(ledger, dict):
        return {}
    return {str(name): str(digest) for name, digest in ledger.items()}


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder (same file system), fsync, then rename over `path`."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a report gets the usual mode a new file would get.
        os.chmod(temp_name, 0o666 & ~_current_umask())
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(path.parent)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


def check_not_hand_edited(path: Path, ledger: Mapping[str, str]) -> bytes | None:
    """Raise CheckerError when `path` exists and is not exactly what checker last wrote there.

    Returns the bytes found (None when there is no file), which the ledger's digest now vouches for.
    """
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise CheckerError("is a folder, not a report file; choose another --out", path=path) from None
    if ledger.get(path.name) != _sha256(current):
        raise CheckerError(f"{path} was edited by hand (or not written by checker); "
                           "move it away or choose another --out")
    return current


def write_files_atomic(folder: str | Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file of `files` (name -> bytes) into `folder`, or none of them.

    All targets are checked for hand edits first; only then is each file replaced atomically
    and the ledger updated. Returns the written paths in the order given.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CheckerError(f"cannot create the output folder: {error.strerror}", path=folder) from None
    ledger = _read_ledger(folder)
    targets = [folder / name for name in files]
    found = [check_not_hand_edited(target, ledger) for target in targets]
    for target, data, current in zip(targets, files.values(), found):
        _replace_atomically(target, data)
        if current != data:  # same bytes again: the digest just checked is theirs, no need to hash twice
            ledger[target.name] = _sha256(data)
    ledger_text = json.dumps(dict(sorted(ledger.items())), indent=2) + "\n"
    _replace_atomically(folder / LEDGER_NAME, ledger_text.encode("utf-8"))
    return targets


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Atomically write one file, refusing to overwrite a hand-edited one."""
    path = Path(path)
    return write_files_atomic(path.parent, {path.name: data})[0]


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Atomically write one UTF-8 text file, refusing to overwrite a hand-edited one."""
    return write_bytes_atomic(path, text.encode("utf-8"))
