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
