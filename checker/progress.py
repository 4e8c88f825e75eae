"""A progress bar for long audits that stays silent where nobody watches (CI, pipes, --quiet).

    with progress_bar(enabled=True) as tick:
        tick.total = len(documents)   # optional: the total is often unknown up front
        for document in documents:
            ...
            tick()                    # or tick(n)
"""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator


class Tick:
    """The callable a stage calls once per unit of work; without a bar it does nothing."""

    def __init__(self, bar=None) -> None:
        self._bar = bar

    def __call__(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    @property
    def shown(self) -> bool:
        return self._bar is not None

    @property
    def total(self) -> int | None:
        return self._bar.total if self._bar is not None else None

    @total.setter
    def total(self, total: int | None) -> None:
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()


def should_show(enabled: bool, stream=None) -> bool:
    """A bar only helps a person at a terminal: not in CI, not when stderr is piped or captured."""
    stream = sys.stderr if stream is None else stream
    if not enabled or os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextlib.contextmanager
def progress_bar(enabled: bool, description: str = "documents") -> Iterator[Tick]:
    """Yield a `tick(n=1)` callable; it drives a tqdm bar on stderr only when `should_show`."""
    if not should_show(enabled):
        yield Tick()
        return
    from tqdm import tqdm  # lazy: only a person at a terminal pays for it

    bar = tqdm(total=None, desc=description, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)
    try:
        yield Tick(bar)
    finally:
        bar.close()
