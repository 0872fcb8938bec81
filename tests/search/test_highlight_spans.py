"""find_spans maps matches back through whitespace without a per-character index: same
spans as the straightforward version it replaced (kept here as the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawreports.search import segmentation
from lawreports.search.highlight import find_spans


def reference_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    normalised = segmentation.normalize(text)
    index = [i for i, ch in enumerate(normalised) if not ch.isspace()]
    squeezed = "".join(normalised[i] for i in index)
    spans = []
    for needle in needles:
        if not needle:
            continue
        start = squeezed.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((index[start], index[end - 1] + 1))
            start = squeezed.find(needle, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


CHARS = st.sampled_from(list("法治政府建設设行政执法 \n\t\u3000\u00a0ab1"))


@settings(max_examples=400, deadline=None)
@given(st.text(CHARS, max_size=60), st.lists(st.text(CHARS, min_size=0, max_size=4), max_size=3))
def test_spans_equal_the_reference(text, needles):
    needles = [segmentation.compact(n) for n in needles]
    assert find_spans(text, needles) == reference_spans(text, needles)


def test_a_phrase_wrapped_over_a_line_is_marked_whole():
    assert find_spans("推进法治\n  政府建设", ["法治政府"]) == [(2, 9)]
