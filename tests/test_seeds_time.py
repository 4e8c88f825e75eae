"""The seeds' findings rest on when each statement speaks, not on a tuned window: with no `window_days` in
facts/nrc.yaml, and with the Heritage article published three months later, the meetings conflict holds
("10 meetings between 2016 and 2019, the last in July 2019" speaks from July 2019 through publication).

The seeds live beside the project (../shared/seeds); CHECKER_SEEDS overrides. Without them these tests skip."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.audit import run_audit
from tests.seeds import seeds_path

ROOT = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.skipif(seeds_path() is None, reason="the seeds corpus (../shared/seeds) is not here")


def statuses(corpus: Path) -> dict[str, list[str]]:
    result = run_audit(corpus, ROOT / "facts" / "nrc.yaml", ROOT / "expectations", discover=False)
    found: dict[str, list[str]] = {}
    for row in result.findings.itertuples():
        found.setdefault(row.fact, []).append(row.status)
    return found


def test_seeds_findings_need_no_window():
    assert "window_days" not in (ROOT / "facts" / "nrc.yaml").read_text(encoding="utf-8").replace(
        "# No window_days", "")
    found = statuses(seeds_path())
    assert found["council_meetings_since_2016"] == ["conflict"]
    assert "conflict" not in found["alliance_members"] and "conflict" not in found["troops_near_border"]


def test_seeds_conflict_holds_when_heritage_is_published_three_months_later(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(seeds_path(), copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    for document in manifest["documents"]:
        if document["id"].startswith("heritage"):
            document["published"] = "2022-03-22"
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before, after = statuses(seeds_path()), statuses(copy)
    assert after["council_meetings_since_2016"] == ["conflict"]
    assert after == before
