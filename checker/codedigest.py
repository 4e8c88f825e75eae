"""One digest of checker's code, for what is kept across runs and must never outlive the code that made it."""
from __future__ import annotations

import functools


@functools.cache
def package_digest() -> str:
    """sha256 over every file of checker's package: each module (the grammar's among them), the grammar's data
    (mentions/*.yaml) and the report's templates, stylesheet and script; read once a process. Keys a report's
    pages (checker.report.split), the stages' block snapshots (checker.snapshot) and the per-fact memos
    (checker.factmemo): any change to the code is a miss by construction, never a version someone must remember
    to bump."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()
