"""What the gate compares against: a previous audit.json, or the same corpus at a git revision."""
from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from checker.errors import CheckerError


def load_baseline_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckerError("baseline file not found", path=path) from None
    except (OSError, ValueError) as error:
        raise CheckerError(f"baseline is not a readable audit.json: {error}", path=path) from None
    if not isinstance(records, dict) or not isinstance(records.get("findings"), list):
        raise CheckerError("baseline is not an audit.json (no 'findings' list)", path=path,
                           hint="pass the audit.json that `checker audit` wrote")
    return records


def _git(args: list[str], cwd: Path, what: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise CheckerError("git is not installed; --base needs it", hint="use --baseline audit.json") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CheckerError(f"{what}: {message[-1] if message else 'git failed'}", path=cwd)
    return done.stdout


@contextmanager
def corpus_at_revision(corpus: str | Path, revision: str) -> Iterator[Path]:
    """Yield a temporary copy of `corpus` as it was at `revision` (committed content only)."""
    corpus = Path(corpus).resolve()
    folder = corpus if corpus.is_dir() else corpus.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder, "--base needs the corpus in a git repository")
               .decode().strip())
    relative = corpus.relative_to(top.resolve()).as_posix() or "."
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top, f"unknown revision {revision!r}")
    archive = _git(["archive", "--format=tar", revision, "--", relative], top,
                   f"{relative!r} does not exist at {revision}")
    with tempfile.TemporaryDirectory(prefix="checker-base-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        yield Path(temporary) / relative
