"""A large corpus's texts, kept in an unnamed temporary file instead of the audit's memory.

The texts are the largest thing an audit holds (about 2 KB an article: 58 MB at 30,000 articles), and after the
per-document stages only a few steps read them: the catalog warnings (one pass), the reports' texts sidecars (one
pass) and the few words around each statement's value its table row shows. Held in memory, they were a third of
the audit's peak, carried into every process it forks. So once the per-document stages and discovery are done, a
corpus with more text than a report keeps in audit.json (checker.report.split.SPLIT_TEXT_CHARS: the reports are
split, and the texts go to their sidecars anyway) has its texts written to a temporary file, read back one at a
time when asked for: `SpilledTexts`, a read-only mapping from document id to text. A first audit whose pool's
workers are forked before the documents are read (checker.pipeline.Workers) spills them as soon as they are read,
into a file opened before the fork (`reserved_file`): each worker reads its batches' texts from it (`TextsPart`),
and the audit's process holds none through the per-document stages and discovery (at 30,000 articles its peak
there fell from 247 to 210 MB). The statements' frame of such an audit goes to a file of its own once the records are
made of it (`SpilledFrame`: checker.audit), made again only if the API asks for it.

Reads use the file's descriptor with an offset of their own (os.pread), so processes forked later (the reports'
page writers) read it at the same time without moving each other's position. Where os.pread is missing
(Windows), the texts stay in memory. The file has no name: it goes when the last process holding it ends.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Mapping

# texts joined into a write of about this many bytes
_WRITE_BYTES = 1 << 20


_NOTHING = object()   # no text read yet


def can_spill() -> bool:
    return hasattr(os, "pread")


def reserved_file():
    """The temporary file a SpilledTexts made later is to write to, opened now: a process forked between the two
    (a pool's worker) reads the texts from it too (TextsPart). None where the texts are not spilled (can_spill)."""
    if not can_spill():
        return None
    try:
        return tempfile.TemporaryFile(prefix="checker-texts-")
    except OSError as error:
        raise _unwritable(error) from None


def _unwritable(error: OSError, what: str = "the corpus's texts"):
    """A full disk, a temporary folder that cannot be written: said in a line."""
    from checker.errors import CheckerError

    return CheckerError(f"cannot hold {what} in a temporary file: {error.strerror or error}",
                        path=tempfile.gettempdir(), hint="set TMPDIR to a folder with room")


class SpilledTexts(Mapping):
    """{document id: text} of `ids` and `texts` (in that order, which iteration keeps), held in a temporary file
    (`file`: an empty one, reserved_file's; else one made now). `columns`: the DOCUMENTS frame's columns, in order,
    where its text column was taken out (with_texts puts it back in its place)."""

    def __init__(self, ids, texts, file=None, columns=None) -> None:
        self.columns = tuple(columns) if columns is not None else None
        self._ids = list(ids)
        self._at = {source: index for index, source in enumerate(self._ids)}
        self._offsets, self._sizes, self._chars = array("q"), array("q"), 0
        self._last: tuple = (_NOTHING, "")
        try:
            self._file = file if file is not None else tempfile.TemporaryFile(prefix="checker-texts-")
            self._write(texts)
        except OSError as error:
            raise _unwritable(error) from None
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
        if source == self._last[0]:
            return self._last[1]
        index = self._at[source]
        text = _read(self._file.fileno(), self._sizes[index], self._offsets[index]).decode("utf-8")
        # the text read last, kept: a fact's statements of one source come one after another (its page reads each
        # one's quote around its value: at 10,000 articles 17,000 reads of 2 KB for a page of 8,600 statements)
        self._last = (source, text)
        return text

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

    def part(self, sources) -> "TextsPart":
        """The texts of `sources` as a TextsPart: where they are in this file, for a process forked once the file
        was open to read them itself."""
        places = [self._at[source] for source in sources]
        return TextsPart(self._file.fileno(), list(sources), [self._offsets[at] for at in places],
                         [self._sizes[at] for at in places], self.columns)

    def __reduce__(self):
        # a process started other than by fork gets the texts themselves (a file descriptor does not travel)
        return dict, (list(self.items()),)


def with_texts(documents, texts, columns=None):
    """A DOCUMENTS frame without its text column (the documents of `texts`) with it again, of the type it had
    (object: pandas would make a new column of strings a column of its string type): the frame's columns in the
    order of `columns` (else `texts.columns`, where it has them), else as the last column. With no `texts` (none
    spilled), `documents` as they are."""
    import pandas as pd

    if texts is None:
        return documents
    # (indexed, not texts.column: a pickled SpilledTexts arrives as a dict)
    column = pd.Series([texts[source] for source in documents["source"].tolist()], index=documents.index,
                       dtype=object)
    made = documents.assign(text=column)
    columns = columns if columns is not None else getattr(texts, "columns", None)
    return made if columns is None else made[list(columns)]


class TextsPart:
    """Some texts of a SpilledTexts by where they are in its file (its descriptor, their offsets and sizes): sent to
    a pool's worker forked while the file was open, which reads them itself (`texts`) instead of being sent them."""

    def __init__(self, descriptor: int, sources: list, offsets: list, sizes: list, columns=None) -> None:
        self.descriptor, self.sources, self.offsets, self.sizes = descriptor, sources, offsets, sizes
        self.columns = columns   # (as SpilledTexts.columns)

    def texts(self) -> dict:
        """{document id: text} of the part, read from the file."""
        return {source: _read(self.descriptor, size, offset).decode("utf-8")
                for source, offset, size in zip(self.sources, self.offsets, self.sizes)}


class SpilledFrame:
    """A DataFrame pickled to an unnamed temporary file, made again by `frame()`: a large audit's statements once its
    records are made of them (checker.audit). Read with os.pread, as the texts are, by whichever process asks."""

    def __init__(self, frame) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="checker-frame-")
            pickle.Pickler(self._file, protocol=pickle.HIGHEST_PROTOCOL).dump(frame)
            self._file.flush()
            self._size = self._file.tell()
        except OSError as error:
            raise _unwritable(error, "the audit's statements") from None

    def frame(self):
        """The frame, made anew from the file."""
        return pickle.loads(_read(self._file.fileno(), self._size, 0))

    def __reduce__(self):
        # a process started other than by fork gets the frame itself (a file descriptor does not travel)
        return _identity, (self.frame(),)


def _identity(value):
    return value


def _read(descriptor: int, size: int, offset: int) -> bytes:
    """`size` bytes of the file at `offset`, read with os.pread (which may read less at once: a pickled frame is
    tens of megabytes)."""
    chunks = []
    while size > 0:
        data = os.pread(descriptor, size, offset)
        if not data:
            break
        chunks.append(data)
        size, offset = size - len(data), offset + len(data)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
