"""The one normalisation and segmentation used for documents and queries alike.

Normalisation maps every character to exactly one character (OpenCC t2s applied per
character, full-width ASCII folded, lower case), so offsets in the normalised copy are offsets
in the original: highlighting needs that. Per-character conversion is also context-free, so a
substring converts the same way alone (a query) as inside a report.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import opencc
import rjieba

WORDS_FILE = Path(__file__).with_name("words.txt")
MAX_TOKEN_CHARS = 64  # longer "words" are URLs or junk; keep them out of the index

_t2s = opencc.OpenCC("t2s")
_words_lock = threading.Lock()
_words_loaded = False
_WHITESPACE = re.compile(r"\s+")
_WORDY = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum, without the underscore)
_RUNS = re.compile(r"[^\W_]{2,}")


class _CharMap(dict):
    """A str.translate table filled lazily: one character in, one character out."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if 0xFF01 <= code <= 0xFF5E:
            out = chr(code - 0xFEE0)
        elif code == 0x3000 or (code < 0x20 and ch not in "\t\n\r") or code == 0x7F:
            out = " "  # NUL and other controls become spaces, which are dropped later
        else:
            converted = _t2s.convert(ch)
            out = converted if len(converted) == 1 else ch
        lowered = out.lower()
        out = lowered if len(lowered) == 1 else out
        self[code] = out
        return out


_CHAR_MAP = _CharMap()


def normalize(text: str) -> str:
    """Simplified, folded, lower-case; same length as `text`, position for position."""
    return text.translate(_CHAR_MAP)


def compact(text: str) -> str:
    """Normalised with all whitespace removed: the text phrases are verified against."""
    return _WHITESPACE.sub("", normalize(text))


def is_wordy(token: str) -> bool:
    return _WORDY.search(token) is not None


def load_words() -> None:
    """Add the domain word list to rjieba once per process."""
    global _words_loaded
    if _words_loaded:
        return
    with _words_lock:
        if _words_loaded:
            return
        for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            for part in re.split(r"[^\w]+", normalize(line)):
                if len(part) >= 2:
                    rjieba.add_word(part, None, None)  # freq None: suggested
        _words_loaded = True


def tokens(text: str) -> list[str]:
    """Search-mode words of `text` (normalised here), punctuation and whitespace dropped."""
    load_words()
    wordy = _WORDY.search
    return [
        tok
        for tok in rjieba.cut_for_search(normalize(text))
        if wordy(tok) and len(tok) <= MAX_TOKEN_CHARS and not tok[0].isspace()
    ]


def grams(compact_text: str) -> set[str]:
    """Character bigrams inside runs of letters and digits: every substring of two or more
    such characters has all its bigrams here, which makes phrase retrieval exact."""
    out: set[str] = set()
    for run in _RUNS.findall(compact_text):
        out.update(map(str.__add__, run, run[1:]))
    return out
