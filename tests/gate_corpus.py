"""A small fictional corpus for gate tests: two papers disagree on how often a harbour board met."""
from __future__ import annotations

import json
from pathlib import Path

CATALOG = """\
story: varn-harbour
title: Lake Varn harbour board
applies_when: [harbour board]
facts:
  - key: board_meetings_since_2015
    label: Harbour board meetings held since 2015
    kind: count
    unit: meeting
    context: [board]
    changes: none
    range: [0, 100]
"""

DOCUMENTS = {
    "000_almanac.txt": ("almanac", "Varn Almanac", "2021-03-02", """\
The Varn Almanac: a short history of the harbour board

The harbour board of Lake Varn was founded by the fishing families in 1921.
For decades it met every spring in the old customs house by the pier.

After a long pause, harbour board meetings resumed in 2015, with 9 meetings held since then.
The almanac keeps the minutes of each of them in its reading room.
"""),
    "001_gazette.txt": ("gazette", "Varn Gazette", "2021-03-01", """\
Ferry fares to stay the same, harbour board says

The harbour board announced on Tuesday that fares on the Varn ferries will not rise this year.
Despite a quarrel over the new jetty, the harbour board has kept talking, and six board meetings have taken place since 2015.
The next meeting is planned for the autumn.
"""),
    "002_weather.txt": ("weather", "Varn Gazette", "2021-03-05", """\
Fog delays the morning ferry

Thick fog on Lake Varn held the morning ferry in port for two hours on Friday.
Passengers waited in the cafe by the harbour until the fog lifted.
"""),
}


def write_manifest(corpus: Path) -> None:
    entries = [{"id": doc_id, "file": name, "title": f"{outlet} article", "outlet": outlet, "published": published}
               for name, (doc_id, outlet, published, _) in DOCUMENTS.items() if (corpus / name).exists()]
    (corpus / "manifest.json").write_text(json.dumps({"documents": entries}, indent=1) + "\n", encoding="utf-8")


def write_corpus(corpus: Path) -> Path:
    corpus.mkdir(parents=True, exist_ok=True)
    for name, (_, _, _, text) in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    write_manifest(corpus)
    return corpus


def write_catalog(folder: Path) -> tuple[Path, Path]:
    """The facts folder and an empty expectations folder (the built-in default suite applies)."""
    facts, expectations = folder / "facts", folder / "expectations"
    facts.mkdir(parents=True, exist_ok=True)
    expectations.mkdir(parents=True, exist_ok=True)
    (facts / "harbour.yaml").write_text(CATALOG, encoding="utf-8")
    return facts, expectations


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
