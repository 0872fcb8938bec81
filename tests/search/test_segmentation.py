from __future__ import annotations

from lawreports.search import segmentation


def test_normalize_is_one_to_one():
    text = "茂名市政府辦公室\x00ＡＢＣ１\u3000法治"
    out = segmentation.normalize(text)
    assert len(out) == len(text)
    assert out == "茂名市政府办公室 abc1 法治"


def test_tokens_use_domain_words_and_drop_punctuation():
    toks = segmentation.tokens("深化放管服改革，落实三项制度、重大行政决策程序。")
    assert {"放管服", "三项制度", "重大行政决策"} <= set(toks)
    assert not any(t in {"，", "、", "。"} for t in toks)


def test_grams_cover_every_substring():
    text = segmentation.compact("昭通市人民政府 2020年")
    grams = segmentation.grams(text)
    for i in range(len(text) - 1):
        assert text[i : i + 2] in grams
