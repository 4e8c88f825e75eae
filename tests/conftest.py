"""Shared fixtures: a small story written for these tests (a fictional island ferry service)."""
import json
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

FERRY_DOCS = {
    "tide-2022-04": ("tide.txt", "2022-04-06", "Island Tide",
                     "The Orla Island ferry cooperative met on Tuesday.\n\n"
                     "Its 12 member villages voted on the timetable. Since 2018, nine ferry strikes have "
                     "disrupted the crossing, the last in March 2021. About 400 islanders signed the petition."),
    "gazette-2022-04": ("gazette.md", "2022-04-08", "Harbour Gazette",
                        "---\ntitle: Ferry vote\n---\n"
                        "The Orla Island cooperative, whose all 12 member villages were present, heard that "
                        "14 ferry strikes took place between 2018 and 2021. More than 350 islanders signed. "
                        "The fare could rise to 40 euros next year."),
    "post-2024-05": ("post.html", "2024-05", "Orla Post",
                     "<html><head><title>Orla ferry</title><script>var tracker = 1;</script></head><body>"
                     "<p>The Orla Island cooperative now has 15 member villages.</p>"
                     "<p>The crossing has not seen a strike since 2023.</p></body></html>"),
}

FERRY_CATALOG = """\
story: orla-ferry
title: Orla Island ferry
applies_when: [Orla]
facts:
  - key: ferry_strikes
    label: Ferry strikes since 2018
    kind: count
    unit: strike
    context: [ferry]
    changes: increasing
  - key: member_villages
    label: Member villages of the cooperative
    kind: count
    unit: village
    context: [member]
    context_scope: phrase
    scope: total
    changes: any
  - key: petition_signatures
    label: Islanders who signed the petition
    kind: count
    unit: islander
    context: [petition, signed]
    context_scope: paragraph
    changes: any
  - key: last_strike
    label: Date of the latest ferry strike
    kind: date
    cues: ["the last in {value}", "not seen a strike since {value}"]
    changes: increasing
"""


@pytest.fixture
def ferry_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    manifest = []
    for doc_id, (name, published, outlet, text) in FERRY_DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
        manifest.append({"id": doc_id, "file": name, "outlet": outlet, "published": published})
    (corpus / "manifest.json").write_text(json.dumps({"documents": manifest}, indent=1), encoding="utf-8")
    return corpus


@pytest.fixture
def ferry_facts(tmp_path) -> Path:
    path = tmp_path / "facts" / "ferry.yaml"
    path.parent.mkdir()
    path.write_text(FERRY_CATALOG, encoding="utf-8")
    return path


@pytest.fixture
def no_suites(tmp_path) -> Path:
    """An expectations folder with no suite in it (a missing folder is an error: issue 12)."""
    folder = tmp_path / "no-suites"
    folder.mkdir(exist_ok=True)
    return folder
