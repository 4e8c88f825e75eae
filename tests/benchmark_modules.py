"""The benchmark scripts the tests borrow (benchmarks/ is no package): cache_speed.py's generated local news."""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


@functools.cache
def cache_speed():
    """benchmarks/cache_speed.py as a module, loaded once."""
    spec = importlib.util.spec_from_file_location("cache_speed", PROJECT / "benchmarks" / "cache_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_corpus(folder: Path, documents: int, seed: int, catalog: bool = True) -> tuple[Path, Path]:
    """(corpus, facts): cache_speed.py's generated local news in folder/corpus, and folder/facts holding its small
    catalog (marlow.yaml), or nothing without `catalog`."""
    module = cache_speed()
    corpus, facts = Path(folder) / "corpus", Path(folder) / "facts"
    module.make_corpus(corpus, documents, seed)
    facts.mkdir()
    if catalog:
        (facts / "marlow.yaml").write_text(module.CATALOG, encoding="utf-8")
    return corpus, facts
