"""The grammar's version: part of every cached table's key that the grammar made or read (the mentions, the clause
readings, the bindings, discovery's candidates). Raised whenever the grammar's output changes. Apart from the
grammar (checker.mentions.scan), so that a cache key is made without importing it."""

GRAMMAR_VERSION = "g55"
