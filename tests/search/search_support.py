"""Shared by the brute-force search tests: what a term may be."""

from __future__ import annotations

import re

from hypothesis import strategies as st

CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def substrings(texts: list[str], *, longest: int) -> st.SearchStrategy[str]:
    """Runs of 2..`longest` Chinese characters cut from the texts: terms that do occur."""
    runs = sorted({m.group() for t in texts for m in CJK_RUN.finditer(t)})

    @st.composite
    def pick(draw) -> str:
        run = draw(st.sampled_from(runs))
        size = draw(st.integers(2, min(longest, len(run))))
        start = draw(st.integers(0, len(run) - size))
        return run[start : start + size]

    return pick()
