"""The report's "Sources in full": each document's text cut into segments, its statements marked.

A segment is plain text, or a mark (a statement's value, linked from the quotes), and may be part of a
heading. A Markdown source is shown as plain text: its markup is left out (checker.report.markdown_text),
except where it would touch a marked value, so every offset still points at the words it names.
"""
from __future__ import annotations

from checker.report.markdown_text import markup
from checker.report.model import status_rank


def _regions(text: str, observations: list[dict]) -> list[dict]:
    """The marked regions of a text: statements whose span matches it, overlapping ones sharing a region."""
    spans = sorted((o for o in observations if 0 <= o["start"] < o["end"] <= len(text)
                    and text[o["start"]:o["end"]] == o["value_text"]), key=lambda o: (o["start"], o["end"], o["id"]))
    regions: list[dict] = []
    for observation in spans:
        if regions and observation["start"] < regions[-1]["end"]:
            regions[-1]["end"] = max(regions[-1]["end"], observation["end"])
            regions[-1]["observations"].append(observation)
        else:
            regions.append({"start": observation["start"], "end": observation["end"], "observations": [observation]})
    return regions


def _markup(text: str, regions: list[dict]) -> tuple[list, list]:
    """Markdown's markup spans that touch no marked region, and its heading lines."""
    spans, headings = markup(text)
    starts = [region["start"] for region in regions]
    ends = [region["end"] for region in regions]

    def touches(span) -> bool:
        return any(start < span.end and span.start < end for start, end in zip(starts, ends))

    return [span for span in spans if not touches(span)], headings


def _plain_segments(text: str, start: int, end: int, hidden: list, headings: list) -> list[dict]:
    """Unmarked text from start to end: markup replaced by what stands for it, heading lines flagged.

    No markup span crosses `start` or `end` (those that touch a mark were left out)."""
    if not hidden and not headings:  # plain text (any source but Markdown): the text as it is, or nothing
        piece = text[start:end]
        return [{"text": piece, "mark": False, "heading": False}] if piece else []
    inside = [span for span in hidden if start <= span.start and span.end <= end]
    cuts = {start, end, *(point for span in inside for point in (span.start, span.end))}
    cuts.update(point for low, high in headings if start < high and low < end
                for point in (max(start, low), min(end, high)))
    replaced = {span.start: span for span in inside}
    segments: list[dict] = []
    points = sorted(cuts)
    skip_until = start
    for low, high in zip(points, points[1:]):
        if low < skip_until:
            continue
        span = replaced.get(low)
        piece = text[low:high] if span is None else span.shown
        if span is not None:
            skip_until = span.end
        if not piece:
            continue
        heading = any(a <= low < b for a, b in headings)
        if segments and segments[-1]["heading"] == heading:
            segments[-1]["text"] += piece
        else:
            segments.append({"text": piece, "mark": False, "heading": heading})
    return segments


def source_segments(source_index: int, text: str, observations: list[dict], statuses: dict,
                    markdown: bool = False) -> tuple[list[dict], dict[str, str]]:
    """Split a document into plain and marked segments; map each observation to its mark's anchor.

    Overlapping spans (two facts read from the same words) share one mark. With `markdown`, the text is
    shown as plain text (markup left out) and heading lines are flagged.
    """
    regions = _regions(text, observations)
    hidden, headings = _markup(text, regions) if markdown else ([], [])
    segments, anchors, cursor = [], {}, 0
    for region in regions:
        anchor = _anchor(source_index, region)
        segments += _plain_segments(text, cursor, region["start"], hidden, headings)
        status = min((statuses.get(o["id"], "none") for o in region["observations"]), key=status_rank)
        segments.append({"text": text[region["start"]:region["end"]], "mark": True, "id": anchor, "status": status,
                         "heading": any(a <= region["start"] and region["end"] <= b for a, b in headings),
                         "title": "; ".join(f"{o['fact']}: {o['value_text']}" for o in region["observations"])})
        for observation in region["observations"]:
            anchors[observation["id"]] = anchor
        cursor = region["end"]
    segments += _plain_segments(text, cursor, len(text), hidden, headings)
    return segments, anchors


def _anchor(source_index: int, region: dict) -> str:
    return f"src{source_index}-{region['start']}-{region['end']}"


def source_anchors(source_index: int, text: str, observations: list[dict]) -> dict[str, str]:
    """source_segments's anchors alone: each observation whose span matches the text -> its mark's anchor."""
    return {observation["id"]: _anchor(source_index, region) for region in _regions(text, observations)
            for observation in region["observations"]}


class Segments:
    """source_segments's segments of one source, made each time they are walked: a source shown on a page of
    its own (a large corpus's report) is made only when that page is written, and its segments are never held
    for every source at once (at 10,000 articles 62,600 segments, 46 MB, held from the first page to the last).
    Pickled (a page's digest of what it shows: checker.report.split) as what they are made from."""

    def __init__(self, source_index: int, text, observations: list[dict], statuses: dict,
                 markdown: bool = False, identity: list | None = None) -> None:
        # `text`: the source's text, or what reads it when asked (a corpus's texts spilled to a file: checker.spill)
        self.source_index, self._text, self.observations, self.markdown = source_index, text, observations, markdown
        self.identity = identity   # text_identity of the source: what its text is made from (None: unknown)
        self.every_status = statuses   # the corpus's, shared: a dict of its own a source held 6 MB at 30,000 articles

    @property
    def text(self) -> str:
        return self._text() if callable(self._text) else self._text

    @property
    def statuses(self) -> dict:
        """This source's statuses alone: the page's digest reads what the segments show, not the whole corpus's."""
        every = self.every_status
        return {observation["id"]: every[observation["id"]] for observation in self.observations
                if observation["id"] in every}

    def __iter__(self):
        return iter(source_segments(self.source_index, self.text, self.observations, self.statuses,
                                    markdown=self.markdown)[0])

    def __reduce__(self):
        return Segments, (self.source_index, self.text, self.observations, self.statuses, self.markdown,
                          self.identity)

    def digested(self) -> tuple:
        """What a page's digest reads of these segments (checker.report.split): the text by its identity when the
        source has one (pickling and hashing every source's text was most of the digests of the pages a re-audit
        keeps, 40 MB at 10,000 articles), the text itself otherwise."""
        text = ("identity", self.identity) if self.identity is not None else self.text
        return self.source_index, text, self.observations, self.statuses, self.markdown


def text_identity(source: dict) -> list | None:
    """What a source's text is made from, or None when it has no content hash: a text is a function of its
    document's bytes (sha256), file (its format), id and publication date, read by this code (a digest that
    holds the identity holds checker's package digest too)."""
    if not source or not source.get("sha256"):
        return None
    return [source.get(name) for name in ("id", "path", "format", "sha256", "published")]
