"""The one normalisation and segmentation used for documents and queries alike.

Normalisation maps every character to exactly one character (OpenCC t2s applied per
character, full-width ASCII folded, lower case), so offsets in the normalised copy are offsets
in the original: highlighting needs that. Per-character conversion is also context-free, so a
substring converts the same way alone (a query) as inside a report.
"""

from __future__ import annotations

import re
import threading
from array import array
from pathlib import Path

import opencc
import rjieba

WORDS_FILE = Path(__file__).with_name("words.txt")
MAX_TOKEN_CHARS = 64  # longer "words" are URLs or junk; keep them out of the index

_t2s = opencc.OpenCC("t2s")
_words_lock = threading.Lock()
_words_loaded = False
_WORDY = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum, without the underscore)
_KEEP_CACHE_MAX = 200_000
# Code points as 4-byte items: grams() interleaves them as UTF-32.
_CODE = next(code for code in "IL" if array(code).itemsize == 4)


def _map_char(code: int, converted: str) -> str:
    """What normalize() makes of one character; `converted` is its OpenCC t2s conversion
    (asked for only when needed: it is the costly part)."""
    ch = chr(code)
    if 0xFF01 <= code <= 0xFF5E:
        out = chr(code - 0xFEE0)
    elif code == 0x3000 or (code < 0x20 and ch not in "\t\n\r") or code == 0x7F:
        out = " "  # NUL and other controls become spaces, which are dropped later
    else:
        out = converted if len(converted) == 1 else ch
    lowered = out.lower()
    return lowered if len(lowered) == 1 else out


class _CharMap(dict):
    """A str.translate table filled lazily: one character in, one character out."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _map_char(code, _t2s.convert(chr(code)))
        return out


_CHAR_MAP = _CharMap()
# Shorter texts (queries, titles) are translated character by character; longer ones only
# where a character changes, found by _changing() (most of a report's characters stay).
_SHORT = 256
_changing_lock = threading.Lock()
_changing_re: re.Pattern[str] | None = None


def _changing() -> re.Pattern[str]:
    """Runs of characters that normalize() may change: every BMP character it changes (all
    of the BMP converted in one OpenCC call, a character per line: a line converts as it
    would alone), lone surrogates and everything beyond the BMP (looked up one by one).
    Built once per process, ~0.1 s."""
    global _changing_re
    if _changing_re is None:
        with _changing_lock:
            if _changing_re is None:
                codes = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and c != 0x0A]
                converted = _t2s.convert("\n".join(map(chr, codes))).split("\n")
                if len(converted) != len(codes):  # never seen; stay exact regardless
                    converted = [_t2s.convert(chr(c)) for c in codes]
                changing = [
                    chr(c)
                    for c, out in zip(codes, converted, strict=True)
                    if _map_char(c, out) != chr(c)
                ]
                if _CHAR_MAP[0x0A] != "\n":
                    changing.append("\n")
                members = "".join(map(re.escape, changing))
                _changing_re = re.compile(f"[{members}\ud800-\udfff\U00010000-\U0010ffff]+")
    return _changing_re


def changing_pattern() -> re.Pattern[str]:
    """Runs of characters normalize() may change (see _changing)."""
    return _changing()


def t2s_lines(chars: list[str]) -> list[str]:
    """OpenCC t2s of each character alone, in one call (a line converts as it would alone)."""
    converted = _t2s.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; stay exact regardless
        converted = [_t2s.convert(ch) for ch in chars]
    return converted


def map_char(code: int, converted: str) -> str:
    """What normalize() makes of one character, given its t2s conversion."""
    return _map_char(code, converted)


def _translated(match: re.Match[str]) -> str:
    return match[0].translate(_CHAR_MAP)


def normalize(text: str) -> str:
    """Simplified, folded, lower-case; same length as `text`, position for position."""
    if len(text) < _SHORT:
        return text.translate(_CHAR_MAP)
    return _changing().sub(_translated, text)


def compact(text: str) -> str:
    """Normalised with all whitespace removed: the text phrases are verified against."""
    return squeeze(normalize(text))


def squeeze(text: str) -> str:
    """`text` without whitespace; str.split's whitespace is exactly the regex `\\s`."""
    return "".join(text.split())


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


class _KeepCache(dict):
    """Token → kept by tokens()? Tokens repeat heavily, so the regex runs once per distinct
    token; tokens too long to keep are answered without being stored."""

    def __missing__(self, tok: str) -> bool:
        if len(tok) > MAX_TOKEN_CHARS:
            return False
        keep = _WORDY.search(tok) is not None and not tok[0].isspace()
        self[tok] = keep
        return keep


_KEEP = _KeepCache()


def tokens(text: str) -> list[str]:
    """Search-mode words of `text` (normalised here), punctuation and whitespace dropped."""
    return normalized_tokens(normalize(text))


def normalized_tokens(normalized: str) -> list[str]:
    """tokens() of text that is already normalize()d."""
    load_words()
    if len(_KEEP) > _KEEP_CACHE_MAX:
        _KEEP.clear()  # bound the memory of a long load
    return list(filter(_KEEP.__getitem__, rjieba.cut_for_search(normalized)))


def normalized_tokens_of(texts: list[str]) -> list[str]:
    """normalized_tokens of each text, concatenated, from one segmenter call: rjieba cuts
    runs of letters and digits on their own and a line break ends a run, so cutting the texts
    joined by line breaks gives the same words (the breaks themselves are dropped)."""
    return normalized_tokens("\n".join(texts))


def grams(compact_text: str) -> set[str]:
    """Character bigrams inside runs of letters and digits: every substring of two or more
    such characters has all its bigrams here, which makes phrase retrieval exact."""
    n = len(compact_text)
    if n < 2:
        return set()
    # Building ~4000 two-character strings one by one dominated; instead lay every pair out
    # as UTF-32 "ab\0bc\0cd\0…" with array slicing and let str.split make them in C. A NUL in
    # the text would split a pair; any other non-letter drops the pair the same way.
    text = compact_text.replace("\0", " ") if "\0" in compact_text else compact_text
    codes = array(_CODE)
    codes.frombytes(text.encode("utf-32-le", "surrogatepass"))
    pairs = array(_CODE, bytes(12 * (n - 1)))  # zeros: the separators
    pairs[0::3] = codes[:-1]
    pairs[1::3] = codes[1:]
    laid_out = pairs.tobytes().decode("utf-32-le", "surrogatepass")
    # isalnum: both characters match [^\W_] (the same class, checked over all code points).
    return set(filter(str.isalnum, set(laid_out.split("\0"))))
