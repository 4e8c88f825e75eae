"""Where the seeds corpus is: beside the project (../shared/seeds), or where CHECKER_SEEDS says."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def seeds_path() -> Path | None:
    """The seeds corpus (a folder with its manifest.json), or None where it is not here."""
    for candidate in (os.environ.get("CHECKER_SEEDS"), PROJECT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if candidate and (Path(candidate) / "manifest.json").exists():
            return Path(candidate)
    return None
