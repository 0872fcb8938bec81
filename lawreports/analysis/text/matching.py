"""Pair a year's plans with the next year's measures: shared themes first, then shared
character bigrams (no segmentation needed, robust to rewording)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def overlap(a: str, b: str) -> float:
    """Share of `a`'s bigrams found in `b` (how much of a plan reappears)."""
    left, right = bigrams(a), bigrams(b)
    return len(left & right) / len(left) if left else 0.0


@dataclass(frozen=True)
class Candidate:
    key: int  # the caller's id for the candidate
    text: str
    themes: frozenset[str]


def best_matches(
    text: str, themes: Sequence[str], candidates: Sequence[Candidate], *, limit: int = 2
) -> list[tuple[int, float]]:
    """(key, score) of the candidates most like `text`; score 0..2 (themes + text overlap)."""
    wanted = set(themes)
    scored = []
    for candidate in candidates:
        shared = len(wanted & candidate.themes) / len(wanted) if wanted else 0.0
        score = shared + overlap(text, candidate.text)
        if score >= 0.3:
            scored.append((candidate.key, round(score, 2)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]
