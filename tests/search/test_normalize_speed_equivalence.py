"""normalize() of long texts (only changing characters looked up) and one segmenter call for
many texts give exactly what the per-character translation and per-text cuts gave.

The old implementations are kept here verbatim (bar names) as the reference.
"""

from __future__ import annotations

import opencc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lawreports.search import segmentation
from lawreports.search.indexing import build_document

# --- the old implementations ---------------------------------------------------------------

_old_t2s = opencc.OpenCC("t2s")


class _OldCharMap(dict):
    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if 0xFF01 <= code <= 0xFF5E:
            out = chr(code - 0xFEE0)
        elif code == 0x3000 or (code < 0x20 and ch not in "\t\n\r") or code == 0x7F:
            out = " "
        else:
            converted = _old_t2s.convert(ch)
            out = converted if len(converted) == 1 else ch
        lowered = out.lower()
        out = lowered if len(lowered) == 1 else out
        self[code] = out
        return out


_OLD_MAP = _OldCharMap()


def old_normalize(text: str) -> str:
    return text.translate(_OLD_MAP)


def old_tokens_of(texts: list[str]) -> list[str]:
    return [tok for text in texts for tok in segmentation.normalized_tokens(text)]


# --- comparisons ---------------------------------------------------------------------------


def test_every_bmp_character():
    """Each BMP character (lone surrogates aside: OpenCC refuses them, before and after) in
    the long-text path, alone between neighbours that never change and in one long run."""
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(chars)
    assert len(text) > segmentation._SHORT
    assert segmentation.normalize(text) == old_normalize(text)
    spaced = "法".join(chars)
    assert segmentation.normalize(spaced) == old_normalize(spaced)


def test_characters_beyond_the_bmp():
    planes = [0x10000, 0x1D400, 0x1F600, 0x20000, 0x2A700, 0x2F800, 0x30000, 0xE0001, 0x10FFFF]
    sample = [chr(c) for start in planes for c in range(start, min(start + 600, 0x110000))]
    text = "".join(sample)
    assert segmentation.normalize(text) == old_normalize(text)


def test_lone_surrogates_still_refused():
    text = "法治" * 200 + "\ud800"
    with pytest.raises(UnicodeEncodeError):
        old_normalize(text)
    with pytest.raises(UnicodeEncodeError):
        segmentation.normalize(text)


CJK = "法治政府建设年度报告依法行政深化放管服改革县市區縣機關辦公室發展規劃條例國務院乾隆後"
OTHER = "abcXYZ019_ÀÉÎΣΩДЖⅠⅫⒶ，。、；：！？（）《》“”【】—…\u3000\xa0\x00\x01\x7f\t\n\r ＡＢＣａｂｃ１２３"
mixed = st.text(alphabet=st.sampled_from(CJK + OTHER))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed, repeat=st.integers(min_value=1, max_value=40))
@example(text="", repeat=1)
@example(text="乾隆年間ＡＢＣ\x00", repeat=40)
def test_long_mixed_text(text, repeat):
    long = text * repeat  # past _SHORT for most examples: the changing-run path
    assert segmentation.normalize(long) == old_normalize(long)
    assert segmentation.normalize(text) == old_normalize(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(mixed, max_size=6))
@example(texts=[])
@example(texts=["", ""])
@example(texts=["法治\r", "\n政府", "a", "b\r\n", "\r"])
@example(texts=["行政", "执法", "依法", "行政"])
def test_one_cut_for_many_texts(texts):
    normalized = [old_normalize(t) for t in texts]
    assert segmentation.normalized_tokens_of(normalized) == old_tokens_of(normalized)


def test_seed_document_parts(seeds_dir):
    """Whole reports: one cut of all section bodies equals a cut per body."""
    from lawreports.parsing import parse_file

    for path in sorted(seeds_dir.glob("*")):
        parsed = parse_file(path)
        bodies = [old_normalize(s.body) for s in parsed.sections]
        assert segmentation.normalized_tokens_of(bodies) == old_tokens_of(bodies)
        doc = build_document(1, parsed.title, parsed.preamble, [], parsed.body_text)
        assert doc.body == old_tokens_of(
            [old_normalize(parsed.preamble), old_normalize(parsed.body_text)]
        )
