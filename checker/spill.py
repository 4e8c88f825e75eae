"""A large corpus's texts, kept in an unnamed temporary file instead of the audit's memory.

The texts are the largest thing an audit holds (about 2 KB an article: 58 MB at 30,000 articles), and after the
per-document stages only a few steps read them: the catalog warnings (one pass), the reports' texts sidecars (one
pass) and the few words around each statement's value its table row shows. Held in memory, they were a third of
the audit's peak, carried into every process it forks. So once the per-document stages and discovery are done, a
corpus with more text than a report keeps in audit.json (checker.report.split.SPLIT_TEXT_CHARS: the reports are
split, and the texts go to their sidecars anyway) has its texts written to a temporary file, read back one at a
time when asked for: `SpilledTexts`, a read-only mapping from document id to text.

Reads use the file's descriptor with an offset of their own (os.pread), so processes forked later (the reports'
page writers) read it at the same time without moving each other's position. Where os.pread is missing
(Windows), the texts stay in memory. The file has no name: it goes when the last process holding it ends.
"""
from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Mapping

# texts joined into a write of about this many bytes
_WRITE_BYTES = 1 << 20


def can_spill() -> bool:
    return hasattr(os, "pread")


class SpilledTexts(Mapping):
    """{document id: text} of `ids` and `texts` (in that order, which iteration keeps), held in a temporary file."""

    def __init__(self, ids, texts) -> None:
        self._ids = list(ids)
        self._at = {source: index for index, source in enumerate(self._ids)}
        self._offsets, self._sizes, self._chars = array("q"), array("q"), 0
        try:
            self._file = tempfile.TemporaryFile(prefix="checker-texts-")
            self._write(texts)
        except OSError as error:   # a full disk, a temporary folder that cannot be written: said in a line
            from checker.errors import CheckerError

            raise CheckerError(f"cannot hold the corpus's texts in a temporary file: {error.strerror or error}",
                               path=tempfile.gettempdir(), hint="set TMPDIR to a folder with room") from None
        if len(self._sizes) != len(self._ids):
            raise ValueError(f"{len(self._ids)} ids for {len(self._sizes)} texts")

    def _write(self, texts) -> None:
        pending, size, offset = [], 0, 0
        for text in texts:
            encoded = str(text or "").encode("utf-8")
            self._offsets.append(offset)
            self._sizes.append(len(encoded))
            self._chars += len(text or "")
            offset += len(encoded)
            pending.append(encoded)
            size += len(encoded)
            if size >= _WRITE_BYTES:
                self._file.write(b"".join(pending))
                pending, size = [], 0
        self._file.write(b"".join(pending))
        self._file.flush()

    def __getitem__(self, source: str) -> str:
        index = self._at[source]
        return os.pread(self._file.fileno(), self._sizes[index], self._offsets[index]).decode("utf-8")

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, source) -> bool:
        return source in self._at

    def chars(self) -> int:
        """The characters of every text together (what len() of each adds up to), without reading them."""
        return self._chars

    def column(self, sources) -> list[str]:
        """The texts of `sources` (ids of this mapping), in that order."""
        return [self[source] for source in sources]

    def __reduce__(self):
        # a process started other than by fork gets the texts themselves (a file descriptor does not travel)
        return dict, (list(self.items()),)


def with_texts(documents, texts):
    """A DOCUMENTS frame without its text column (the documents of `texts`) with it again, as the last column, of
    the type it had (object: pandas would make a new column of strings a column of its string type)."""
    import pandas as pd

    # (indexed, not texts.column: a pickled SpilledTexts arrives as a dict)
    column = pd.Series([texts[source] for source in documents["source"].tolist()], index=documents.index,
                       dtype=object)
    return documents.assign(text=column)
