"""Stage 1: a folder (or one file) of articles -> the DOCUMENTS table (checker/columns.py).

What a document's `text` is, since every offset downstream counts its characters:
- .txt: the file decoded as UTF-8, byte-order mark dropped, newlines normalised to "\\n".
- .md / .markdown: the same, minus a YAML front matter block (``---`` ... ``---`` at the very
  top); `text` starts with the first non-blank line after it. Markdown markup is kept as is.
- .html / .htm: the visible text (checker/htmltext.py): head, scripts and styles dropped,
  block elements as line breaks, entities decoded.

Metadata (id, title, outlet, published) comes from `manifest.json` at the corpus root
(``{"documents": [{"id", "file", "title", "outlet", "published", ...}]}``), else from the
front matter, else (title only) from the HTML <title>; the id defaults to the file stem.
Files are read in order of their relative path, so the table is deterministic.
Hidden files and folders (".git", ".checker-cache") are skipped.
"""
from __future__ import annotations

import calendar
import datetime as dt
import errno
import functools
import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.stopping import check

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MANIFEST = "manifest.json"
METADATA_FIELDS = ("id", "title", "outlet", "published")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


DEMO = Path(__file__).parent / "demo"


class _Default:
    """The value of a --facts or --expectations that was not given (see `default_inputs`)."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()


def demo_corpus_path() -> Path:
    """The corpus shipped inside the package (a plain folder in both editable and wheel installs)."""
    return DEMO / "corpus"


def is_demo(path: str | Path | None) -> bool:
    """Whether PATH is the embedded demo corpus: no path at all, or the demo's own folder."""
    if path is None:
        return True
    try:
        return Path(path).resolve() == demo_corpus_path().resolve()
    except OSError:
        return False


def default_inputs(corpus: str | Path | None, facts=DEFAULT, expectations=DEFAULT) -> tuple:
    """The catalog and the suites to audit `corpus` with, where either is DEFAULT (not given).

    For the demo corpus they are the demo's own, shipped beside it in the package, so the demo shows
    what checker does wherever it runs; for any other corpus, facts/ and expectations/ of the current
    folder. A value given (a path, or None for none) is kept as it is.
    """
    demo = is_demo(corpus)
    if facts is DEFAULT:
        facts = DEMO / "facts" if demo else Path("facts")
    if expectations is DEFAULT:
        expectations = DEMO / "expectations" if demo else Path("expectations")
    elif expectations is not None and not Path(expectations).exists():
        # Only the default may be missing (no suites: the built-in rules run); a folder named and missing
        # is a typo that would otherwise run without the suites it meant.
        raise CheckerError("no such expectations folder or suite file", path=expectations,
                           hint="give --expectations a folder of Great Expectations suites (JSON)")
    return facts, expectations


def load_corpus(path: str | Path | None = None, listed: tuple | None = None):
    """Load a folder, one document file, a document table (checker.doctable) or (None) the embedded demo
    corpus as a DOCUMENTS DataFrame. `listed`: corpus_files(path), where the caller listed them first."""
    from checker.doctable import load_table, table_format

    if listed is None and table_format(path) is not None:
        return load_table(path)
    root, files, manifest = listed or corpus_files(path)
    return documents_frame((load_document(root, relative, manifest) for relative in files), files, manifest, root)


def corpus_files(path: str | Path | None, located: tuple | None = None) -> tuple[Path, list[str], dict[str, dict]]:
    """The corpus root, its documents' relative paths in load order, and their manifest entries by path.
    `located`: located(path), where the caller found the files first."""
    path = Path(path) if path is not None else demo_corpus_path()
    root, files = located or _locate(path)
    return root, files, _read_manifest(root, only=files if path.is_file() and path.name != MANIFEST else None,
                                       found=files)


def located(path: str | Path | None) -> tuple[Path, list[str]]:
    """(the corpus root, its documents' relative paths in load order): corpus_files without the manifest."""
    return _locate(Path(path) if path is not None else demo_corpus_path())


def load_document(root: Path, relative: str, manifest: dict[str, dict]) -> dict:
    """One document's DOCUMENTS row (raises CheckerError for bad input); the Spark engine calls it on executors."""
    return _load_document(root, relative, manifest.get(relative, {}))


def documents_frame(loaded, files: list[str], manifest: dict[str, dict], root: Path):
    """The DOCUMENTS DataFrame of the rows loaded for `files`, in order. A CheckerError among them (the Spark
    engine hands its executors' errors back as values) is raised where it stands, as a repeated id is."""
    rows, seen_ids = [], {}
    for relative, row in zip(files, loaded):
        check()   # SIGTERM stops the reading of many files between two (checker.stopping)
        if isinstance(row, CheckerError):
            raise row
        if row["source"] in seen_ids:
            listed = manifest.get(relative, {})
            where = listed["_where"].where() if "id" in listed else (root / relative, None)
            raise CheckerError(f"duplicate document id {row['source']!r} ({relative} and {seen_ids[row['source']]})",
                               *where, hint="give each document its own id in manifest.json")
        seen_ids[row["source"]] = relative
        rows.append(row)
    return frame_of_rows(rows)


def frame_of_rows(rows: list[dict]):
    """The DOCUMENTS DataFrame of documents' rows (a folder's, or a table's: checker.doctable), each repeated text of
    _SHARED_FIELDS one object: the rows' own values, shared as they are put in."""
    import pandas as pd

    from checker.columns import DOCUMENT_FLAGS, DOCUMENTS

    shared: dict = {}
    for row in rows:
        for field in _SHARED_FIELDS:
            if type(row[field]) is str:
                row[field] = shared.setdefault(row[field], row[field])
    # object dtype keeps missing metadata as None (pandas would turn it into NaN in a string column).
    return pd.DataFrame(rows, columns=[*DOCUMENTS, *DOCUMENT_FLAGS], dtype=object)


def _locate(path: Path) -> tuple[Path, list[str]]:
    """The corpus root and the documents' POSIX paths relative to it, sorted."""
    if not path.exists():
        raise CheckerError("no such file or folder", path=path)
    if path.is_file():
        if path.name == MANIFEST:
            return _locate(path.parent)
        if path.suffix.lower() not in FORMATS:
            raise CheckerError(f"not a supported document type (use {', '.join(FORMATS)})", path=path)
        return path.parent, [path.name]
    files = []
    real_root = os.path.realpath(path)
    # Each folder's entries as os.scandir lists them: whether one is a folder or a link is known from the listing
    # (an os.walk and a link check per file asked the file system again for each of 10,000 documents). Folders are
    # read in name order, as are their entries: of two bad links, the same one is named every time.
    # String joins, not a Path per file: pathlib's parsing was a third of loading a large corpus.
    pending = [(os.fspath(path), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:   # a folder that cannot be listed is passed over, as os.walk passes it
            continue
        subfolders, documents = [], []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                subfolders.append((entry.path, prefix + name + "/"))
            elif entry.is_symlink() and os.path.isdir(entry.path):
                raise CheckerError("a symbolic link to a folder, which checker does not follow",
                                   path=Path(entry.path),
                                   hint="audit the folder it points to, or copy its documents in")
            elif os.path.splitext(name)[1].lower() in FORMATS:
                documents.append(entry)
        for entry in documents:   # (a folder's links to folders named before its links to files, as os.walk did)
            if entry.is_symlink():
                _check_link(Path(entry.path), real_root)
            files.append(prefix + entry.name)
        pending += reversed(subfolders)
    if not files:
        raise CheckerError(f"no documents found (looked for {', '.join(FORMATS)} files)", path=path)
    return path, sorted(files)


def _check_link(link: Path, real_root: str) -> None:
    """A document that is a symbolic link must lead to a file inside the corpus folder."""
    try:
        os.stat(link)
    except OSError as error:
        what = "a loop of symbolic links" if error.errno == errno.ELOOP else "a symbolic link to a missing file"
        raise CheckerError(what, path=link, hint="remove the link or restore the file it points to") from None
    target = os.path.realpath(link)
    if os.path.commonpath([real_root, target]) != real_root:
        raise CheckerError(f"a symbolic link to a file outside the corpus folder ({target})", path=link,
                           hint="checker reads only files inside the corpus: copy the file in")


# The documents' fields whose texts repeat across a corpus (an outlet, a date): each read or made a new string per
# document (json.loads keeps no two values one object; nor does a table's reader), held to the end of the audit and
# in every process forked from it: at 30,000 articles 120,000 strings, 7 MB, for a few hundred texts
_SHARED_FIELDS = ("outlet", "published", "published_low", "published_high")


def _read_manifest(root: Path, only: list[str] | None, found: list[str] = ()) -> dict[str, dict]:
    """Manifest entries by relative file path; `only`: a single-file load ignores the other entries. `found`: the
    documents the folder's walk found (_locate): files already, not asked of the file system again (a stat per
    entry was a third of reading a 10,000-entry manifest)."""
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        return {}
    raw = _decode_manifest(manifest_path)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CheckerError(f"invalid JSON: {error.msg}", path=manifest_path, line=error.lineno) from None
    except RecursionError:
        raise CheckerError("JSON nested too deeply", path=manifest_path) from None
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CheckerError('expected {"documents": [...]}', path=manifest_path)
    by_file: dict[str, dict] = {}
    found = set(found)
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            named = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else None
            raise CheckerError(f"document entry {number} has no \"file\"", path=manifest_path,
                               line=_line_of(raw, json.dumps(named) if named else None))
        # On POSIX the name is already in POSIX form: a Path per entry only to write it so again was a quarter
        # of reading a 10,000-entry manifest (normpath collapses what the Path would)
        file = posixpath.normpath(entry["file"] if os.sep == "/" else Path(entry["file"]).as_posix())
        place = _Place(manifest_path, raw, entry["file"])
        if os.path.isabs(entry["file"]) or file == ".." or file.startswith("../") or "\x00" in file:
            raise CheckerError(f"document entry {number} names {entry['file']!r}, outside the corpus folder",
                               *place.where(), hint="name files relative to the folder manifest.json is in")
        if any(part.startswith(".") for part in file.split("/")):
            raise CheckerError(f"document entry {number} names a hidden file {file!r}, which checker does not read",
                               *place.where())
        if only is not None and file not in only:
            continue
        if file not in found and not os.path.isfile(os.path.join(root, file)):
            raise CheckerError(f"document entry {number} names a missing file {file!r}", *place.where())
        if os.path.splitext(file)[1].lower() not in FORMATS:
            raise CheckerError(f"{file!r} is not a supported document type (use {', '.join(FORMATS)})",
                               *place.where())
        if file in by_file:
            raise CheckerError(f"file {file!r} is listed twice", *place.where())
        for field in METADATA_FIELDS:
            if entry.get(field) is not None and not isinstance(entry[field], str):
                raise CheckerError(f"{field!r} of {file!r} must be a string", *place.where())
        by_file[file] = {field: entry[field] for field in METADATA_FIELDS if entry.get(field) is not None}
        by_file[file]["_where"] = place
        if "authority" in entry:   # the document is the reference for the facts it states (checker.references)
            if not isinstance(entry["authority"], bool):
                raise CheckerError(f"'authority' of {file!r} must be true or false", *place.where())
            by_file[file]["_authority"] = entry["authority"]
    return by_file


def _decode_manifest(manifest_path: Path) -> str:
    try:
        data = manifest_path.read_bytes()
    except OSError as error:
        raise CheckerError(f"cannot read: {error.strerror}", path=manifest_path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CheckerError(f"invalid UTF-8 (byte 0x{data[error.start]:02x})", path=manifest_path,
                           line=data.count(b"\n", 0, error.start) + 1, hint="save the file as UTF-8") from None


@dataclass(frozen=True)
class _Place:
    """A manifest entry's place. Its line is counted only when an error names it: counting it for every
    entry searched the manifest from the top once per entry, quadratic in the number of documents."""
    path: Path
    raw: str
    file: str      # the entry's "file", looked for as its JSON text

    def where(self) -> tuple[Path, int | None]:
        return self.path, _line_of(self.raw, json.dumps(self.file))


def _line_of(raw: str, needle: str | None) -> int | None:
    """Cheap line lookup for a manifest entry: the first line where its JSON text appears."""
    if not needle:
        return None
    at = raw.find(needle)
    return raw.count("\n", 0, at) + 1 if at >= 0 else None


@dataclass
class _Body:
    text: str
    metadata: dict


def _load_document(root: Path, relative: str, listed: dict) -> dict:
    # the file's path as a string, which an error names as it would the Path (a Path per document was a tenth of
    # loading 10,000)
    base = os.fspath(root)
    file = relative if base == "." else os.path.join(base, relative)   # (as Path(".") / relative writes it)
    name, extension = os.path.splitext(os.path.basename(relative))
    fmt = FORMATS[extension.lower()]
    try:
        raw = _read_bytes(file)
    except OSError as error:
        raise CheckerError(f"cannot read: {error.strerror or error}", path=file) from None
    body = _read_body(file, fmt, _decode(file, raw))
    if not body.text.strip():
        raise CheckerError("empty document (no visible text)", path=file)
    metadata = {**body.metadata, **{k: v for k, v in listed.items() if not k.startswith("_")}}
    published, low, high = _published(metadata.get("published"), listed, file, body.metadata.get("_published_line"))
    return {
        "source": str(metadata.get("id") or name),
        "path": relative,
        "title": metadata.get("title"),
        "outlet": metadata.get("outlet"),
        "published": published,
        "published_low": low,
        "published_high": high,
        "format": fmt,
        "text": body.text,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "authority": listed.get("_authority", False),
    }


def _read_bytes(path: str) -> bytes:
    """The file's bytes, as Path.read_bytes reads them, with a descriptor instead of a file object: at 10,000
    documents the file objects were half the time of reading them (0.05 s of a re-audit after one edit). It asks
    for one byte more than the file's size, and reads on to the end if it gets that byte or fewer than the size (a
    file that grew or shrank meanwhile)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(descriptor).st_size
        data = os.read(descriptor, size + 1)
        if len(data) == size:
            return data
        chunks = [data]
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _published(value: str | None, listed: dict, file: Path | str,
               line: int | None = None) -> tuple[str | None, str | None, str | None]:
    """The publication period; an invalid date is reported where it was written (manifest entry or file)."""
    if "published" not in listed:
        return published_period(value, file, line)
    try:
        return published_period(value)
    except CheckerError:
        return published_period(value, *listed["_where"].where())  # raises again, now naming the line


def _decode(file: Path | str, raw: bytes) -> str:
    if b"\x00" in raw:
        raise CheckerError("not a text file", path=file, hint="documents must be UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CheckerError(f"invalid UTF-8 (byte 0x{raw[error.start]:02x})", path=file, line=line,
                           hint="save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_body(file: Path | str, fmt: str, text: str) -> _Body:
    if fmt == "html":
        from checker.htmltext import html_to_text

        reduced = html_to_text(text)
        return _Body(reduced.text, {"title": reduced.title} if reduced.title else {})
    if fmt == "md":
        match = _FRONT_MATTER.match(text)
        if match:
            return _Body(text[match.end():].lstrip("\n"), _front_matter(file, match.group(1) or ""))
    return _Body(text, {})


def _front_matter(file: Path | str, block: str) -> dict:
    import yaml

    try:
        data = yaml.load(block, Loader=_front_matter_loader())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CheckerError(f"front matter is not valid YAML: {getattr(error, 'problem', error)}", path=file,
                           line=mark.line + 2 if mark else None) from None  # +1 for 1-based, +1 for the '---'
    except RecursionError:
        raise CheckerError("front matter nested too deeply", path=file, line=2) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CheckerError("front matter must be a mapping (key: value lines)", path=file, line=2)
    metadata = {}
    for field in METADATA_FIELDS:
        value = data.get(field)
        if isinstance(value, dt.date) and field == "published":  # YAML reads 2024-03-05 as a date
            value = value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool) and field in ("id", "published"):
            value = str(value)  # "published: 2024", "id: 17"
        if value is not None and not isinstance(value, str):
            raise CheckerError(f"front matter {field!r} must be text", path=file)
        if value is not None:
            metadata[field] = value
    written = re.search(r"(?m)^published[ \t]*:", block)
    if written:
        metadata["_published_line"] = block.count("\n", 0, written.start()) + 2
    return metadata


@functools.lru_cache(maxsize=1)
def _front_matter_loader():
    """YAML's safe loader, with dates kept as written: PyYAML raises a bare ValueError on 2024-13-45, and the
    date is checked (and an error placed) by published_period like any other."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        pass

    FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                      lambda loader, node: loader.construct_scalar(node))
    return FrontMatterLoader


def published_period(value: str | None, path: Path | str | None = None,
                     line: int | None = None) -> tuple[str | None, str | None, str | None]:
    """Normalise a publication date and give the first and last day it can be.

    '2024' -> ('2024', '2024-01-01', '2024-12-31'); '2024-03' -> month; '2024-03-05' -> day;
    an ISO datetime ('2024-03-05T10:00:00Z') -> its date. None -> (None, None, None).
    """
    if value is None or not str(value).strip():
        return None, None, None
    period = parse_period(str(value).strip())
    if period is None:
        raise CheckerError(f"invalid published date {value!r}", path=path, line=line,
                           hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    return period


@functools.lru_cache(maxsize=4096)   # a corpus's documents share a few hundred dates
def parse_period(value: str) -> tuple[str, str, str] | None:
    """('as written', first day, last day) of YYYY, YYYY-MM, YYYY-MM-DD or an ISO datetime; None if invalid."""
    match = _PERIOD.fullmatch(value)
    if match is None:
        try:
            day = dt.datetime.fromisoformat(value).date()
        except ValueError:
            return None
        return day.isoformat(), day.isoformat(), day.isoformat()
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return value, dt.date(year, 1, 1).isoformat(), dt.date(year, 12, 31).isoformat()
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return value, dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat()
        return value, dt.date(year, month, day).isoformat(), dt.date(year, month, day).isoformat()
    except ValueError:
        return None


MAX_DOCUMENT_SIZE = 200_000_000   # bytes: the default of --max-document-size (200 MB)


def check_document_sizes(path: str | Path | None, limit: int | None = MAX_DOCUMENT_SIZE) -> tuple[int, int]:
    """(documents, bytes) of the corpus at PATH (None: the demo), found as load_corpus finds them, so a bad path
    is refused the same way; a document file larger than `limit` bytes is refused before any is read (an
    audit holds a document's text and its values in memory). A table of documents (checker.doctable) is
    (0, 0): its rows are checked where they are read."""
    from checker.doctable import table_format

    if table_format(path) is not None:
        return 0, 0
    root, files = _locate(Path(path) if path is not None else demo_corpus_path())
    total = 0
    for relative in files:
        try:   # a string path: a Path per file was most of this walk (0.1 s at 10,000 documents, before every audit)
            size = os.stat(os.path.join(root, relative)).st_size
        except OSError as error:
            raise CheckerError(f"cannot read: {error.strerror or error}", path=root / relative) from None
        if limit and size > limit:
            raise CheckerError(f"{size / 1e6:,.1f} MB, more than --max-document-size ({limit / 1e6:,.1f} MB)",
                               path=root / relative, hint="split the file, or raise --max-document-size")
        total += size
    return len(files), total
