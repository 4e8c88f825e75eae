"""Stage 1: loading documents. Real files in tmp_path."""
from __future__ import annotations

import json

import pytest

from checker.columns import DOCUMENT_FLAGS, DOCUMENTS
from checker.corpus import load_corpus, parse_period
from checker.errors import CheckerError


def write(folder, name, content):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def manifest(folder, *entries):
    write(folder, "manifest.json", json.dumps({"documents": list(entries)}, indent=2))


def test_corpus_folder_with_manifest_gives_documents_in_path_order(tmp_path):
    write(tmp_path, "b.txt", "The ferry carried 40 cars.\n")
    write(tmp_path, "sub/a.txt", "Twelve lamps were lit.\n")
    write(tmp_path, "notes.json", "{}")
    manifest(tmp_path, {"id": "ferry", "file": "b.txt", "title": "Ferry", "outlet": "Gazette", "published": "2020-02"})

    documents = load_corpus(tmp_path)

    assert list(documents.columns) == [*DOCUMENTS, *DOCUMENT_FLAGS]
    assert list(documents.path) == ["b.txt", "sub/a.txt"]
    ferry, lamps = documents.to_dict("records")
    assert (ferry["source"], ferry["title"], ferry["outlet"]) == ("ferry", "Ferry", "Gazette")
    assert (ferry["published"], ferry["published_low"], ferry["published_high"]) == ("2020-02", "2020-02-01",
                                                                                      "2020-02-29")
    assert (lamps["source"], lamps["title"], lamps["published"], lamps["published_low"]) == ("a", None, None, None)
    assert ferry["format"] == "txt" and len(ferry["sha256"]) == 64


@pytest.mark.parametrize("written", ["sub/a.txt", "./sub/a.txt", "sub//a.txt", "sub/./a.txt", "sub/x/../a.txt"])
def test_corpus_manifest_names_a_file_in_any_spelling_of_its_path(tmp_path, written):
    # The entry's name is normalised as the folder's own listing names the file: metadata reaches it
    write(tmp_path, "sub/a.txt", "Twelve lamps were lit.\n")
    manifest(tmp_path, {"id": "lamps", "file": written, "outlet": "Gazette"})
    [lamps] = load_corpus(tmp_path).to_dict("records")
    assert (lamps["source"], lamps["path"], lamps["outlet"]) == ("lamps", "sub/a.txt", "Gazette")


def test_corpus_repeated_outlets_and_dates_are_one_object_each(tmp_path):
    # a large corpus's outlets and dates repeat: each text held once, whichever document (or front matter) said it
    for number in range(3):
        write(tmp_path, f"{number}.txt", f"The ferry carried {number} cars.\n")
    write(tmp_path, "3.md", "---\noutlet: Gazette\npublished: 2020-02-03\n---\nTwelve lamps were lit.\n")
    manifest(tmp_path, *[{"id": f"d{number}", "file": f"{number}.txt", "title": f"Item {number}", "outlet": "Gazette",
                          "published": "2020-02-03"} for number in range(3)])
    documents = load_corpus(tmp_path)
    for field in ("outlet", "published", "published_low", "published_high"):
        values = documents[field].tolist()
        assert values[0] == values[3] and all(value is values[0] for value in values), field
    assert documents["title"].tolist()[:3] == ["Item 0", "Item 1", "Item 2"]


def test_corpus_is_deterministic(tmp_path):
    for name in ("c.txt", "a.md", "b.html"):
        write(tmp_path, name, f"<p>Text of {name} with 3 words.</p>")
    assert load_corpus(tmp_path).equals(load_corpus(tmp_path))


def test_corpus_front_matter_gives_metadata_and_is_not_text(tmp_path):
    write(tmp_path, "story.md", "---\nid: harbour\ntitle: Harbour news\noutlet: Tide\npublished: 2019-07-04\n---\n\n"
                                "# Harbour\n\nNine boats left.\n")
    (document,) = load_corpus(tmp_path).to_dict("records")
    assert (document["source"], document["title"], document["outlet"]) == ("harbour", "Harbour news", "Tide")
    assert document["published"] == "2019-07-04" and document["format"] == "md"
    assert document["text"] == "# Harbour\n\nNine boats left.\n"


def test_corpus_front_matter_values_yaml_reads_as_numbers_or_dates(tmp_path):
    write(tmp_path, "a.md", "---\nid: 17\npublished: 2018\n---\nA.\n")
    write(tmp_path, "b.md", "---\npublished: 2018-04-09 08:30:00\n---\nB.\n")
    documents = load_corpus(tmp_path).to_dict("records")
    assert [(d["source"], d["published"], d["published_high"]) for d in documents] == [
        ("17", "2018", "2018-12-31"), ("b", "2018-04-09", "2018-04-09")]


def test_corpus_manifest_wins_over_front_matter(tmp_path):
    write(tmp_path, "story.md", "---\ntitle: From front matter\npublished: 2019\n---\nBody.\n")
    manifest(tmp_path, {"file": "story.md", "title": "From manifest"})
    (document,) = load_corpus(tmp_path).to_dict("records")
    assert (document["title"], document["published"], document["published_high"]) == ("From manifest", "2019",
                                                                                       "2019-12-31")


def test_corpus_html_reduced_to_visible_text(tmp_path):
    write(tmp_path, "page.html", "<html><head><title>Quay  report</title><script>var x = 99;</script>"
                                 "<style>p { margin: 7px }</style></head><body><h1>Quay</h1>"
                                 "<p>Cost: &euro;5&nbsp;million &amp; rising</p><div>Line one<br>Line two</div>"
                                 "<script>track(42)</script></body></html>")
    (document,) = load_corpus(tmp_path).to_dict("records")
    text = document["text"]
    assert "99" not in text and "margin" not in text and "42" not in text and "Quay  report" not in text
    assert "Cost: €5 million & rising" in text
    assert text.splitlines()[-2:] == ["Line one", "Line two"]
    assert document["title"] == "Quay report" and document["format"] == "html"
    start = text.index("€5")
    assert text[start:start + 2] == "€5"


def test_corpus_bom_dropped_and_newlines_normalised(tmp_path):
    write(tmp_path, "bom.txt", "\ufeffFirst line\r\nSecond line\r\n".encode("utf-8"))
    (document,) = load_corpus(tmp_path).to_dict("records")
    assert document["text"] == "First line\nSecond line\n"


def test_corpus_single_file_uses_manifest_beside_it(tmp_path):
    write(tmp_path, "one.txt", "One text.")
    write(tmp_path, "two.txt", "Two text.")
    manifest(tmp_path, {"id": "first", "file": "one.txt", "published": "2021-01-05"},
             {"id": "gone", "file": "missing.txt"})
    (document,) = load_corpus(tmp_path / "one.txt").to_dict("records")
    assert (document["source"], document["path"], document["published"]) == ("first", "one.txt", "2021-01-05")


@pytest.mark.parametrize("value, expected", [
    ("2024", ("2024", "2024-01-01", "2024-12-31")),
    ("2023-02", ("2023-02", "2023-02-01", "2023-02-28")),
    ("2024-03-05", ("2024-03-05", "2024-03-05", "2024-03-05")),
    ("2024-03-05T23:10:00+02:00", ("2024-03-05", "2024-03-05", "2024-03-05")),
    ("2024-13", None),
    ("March 2024", None),
])
def test_corpus_published_periods(value, expected):
    assert parse_period(value) == expected


BAD_INPUTS = {
    "binary": ({"doc.txt": b"GIF89a\x00\x01\x02"}, "doc.txt", None, "not a text file"),
    "invalid utf-8": ({"doc.txt": b"fine\nstill fine\nbad \xff byte\n"}, "doc.txt", 3, "invalid UTF-8"),
    "empty": ({"doc.md": "   \n\n"}, "doc.md", None, "empty document"),
    "empty html": ({"doc.html": "<html><head><title>T</title></head><body> </body></html>"}, "doc.html", None,
                   "empty document"),
    "missing manifest file": ({"a.txt": "A.", "manifest.json": '{"documents": [\n  {"id": "a", "file": "a.txt"},\n'
                                                              '  {"id": "b", "file": "b.txt"}\n]}'},
                              "manifest.json", 3, "b.txt"),
    "duplicate id": ({"a.txt": "A.", "b.txt": "B.", "manifest.json": '{"documents": [\n  {"id": "x", "file": "a.txt"},'
                                                                     '\n  {"id": "x", "file": "b.txt"}\n]}'},
                     "manifest.json", 3, "duplicate document id 'x'"),
    "duplicate stem": ({"a/n.txt": "A.", "b/n.md": "B."}, "n.md", None, "duplicate document id 'n'"),
    "bad published": ({"a.txt": "A.", "manifest.json": '{"documents": [\n{"file": "a.txt", "published": "2021-02-30"}]}'},
                      "manifest.json", 2, "invalid published date"),
    "bad front matter date": ({"a.md": "---\npublished: soon\n---\nA."}, "a.md", 2, "invalid published date"),
    "bad front matter yaml": ({"a.md": "---\ntitle: [unclosed\n---\nA."}, "a.md", 3, "front matter"),
    "bad manifest json": ({"a.txt": "A.", "manifest.json": '{"documents": [\n  {"file": "a.txt",}\n]}'},
                          "manifest.json", 2, "invalid JSON"),
    "manifest entry without file": ({"a.txt": "A.", "manifest.json": '{"documents": [\n  {"id": "a"}\n]}'},
                                    "manifest.json", 2, 'entry 1 has no "file"'),
    "manifest names unsupported file": ({"a.txt": "A.", "b.pdf": "%PDF", "manifest.json": '{"documents": [\n'
                                         '  {"file": "b.pdf"}]}'}, "manifest.json", 2, "not a supported document"),
    "no documents": ({"notes.json": "{}"}, "", None, "no documents found"),
}


@pytest.mark.parametrize("files, named, line, message", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_corpus_bad_input_names_the_file(tmp_path, files, named, line, message):
    for name, content in files.items():
        write(tmp_path, name, content)
    with pytest.raises(CheckerError) as caught:
        load_corpus(tmp_path)
    error = caught.value
    assert message in error.message
    assert error.path.endswith(named) if named else error.path == str(tmp_path)
    assert error.line == line
    assert error.one_line().startswith(error.path)


def test_corpus_missing_path(tmp_path):
    with pytest.raises(CheckerError, match="no such file or folder") as caught:
        load_corpus(tmp_path / "nowhere")
    assert caught.value.path == str(tmp_path / "nowhere")


def test_corpus_unsupported_single_file(tmp_path):
    with pytest.raises(CheckerError, match="not a supported document"):
        load_corpus(write(tmp_path, "data.csv", "a,b\n"))


def test_corpus_demo_loads_with_every_format():
    documents = load_corpus(None)
    assert len(documents) >= 5 and documents.source.is_unique
    assert set(documents.format) == {"txt", "md", "html"}
    assert documents.published.notna().all() and "2024-03" in set(documents.published)
    html = documents[documents.format == "html"].iloc[0]
    assert "analyticsQueue" not in html.text and "font-family" not in html.text


@pytest.mark.parametrize("size", [1, 4095, 4096, 4097, 3_000_001])
def test_corpus_reads_a_document_whole_whatever_its_size(tmp_path, size):
    import hashlib

    text = ("Twelve ferries sail. " * (size // 21 + 1))[:size]
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    [row] = load_corpus(tmp_path).to_dict("records")
    assert row["text"] == text and row["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
