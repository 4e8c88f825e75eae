"""checker: a fact-consistency checker across sources."""

__version__ = "0.1.0"
