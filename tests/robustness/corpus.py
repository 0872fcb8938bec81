"""Bad and awkward report files, generated (never committed): name → bytes."""

from __future__ import annotations

import html
import random
from pathlib import Path

from tests.robustness.support import SEEDS

BIG_BYTES = 50 * 1024 * 1024


def seed_text(index: int) -> str:
    return SEEDS[index].read_text(encoding="utf-8")


def web_page(text: str) -> str:
    """A report as a government site serves it: head, scripts, styles, navigation, footer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>法治政府建设报告</title>"
        "<style>body{color:red} .t::before{content:'一、样式里的标题'}</style>"
        "<script>var s = '二、脚本里的标题'; document.write('<p>三、写入</p>');</script>"
        "</head><body><nav><a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a></nav>"
        f"<div class='article'>\n{paragraphs}</div>"
        "<footer>主办单位：昭通市人民政府办公室 网站标识码5306000001</footer>"
        "<script>_hmt.push(['_trackPageview']);</script></body></html>"
    )


def pdf_text(text: str, width: int = 33) -> str:
    """Text as PDF extraction gives it: hard breaks mid-sentence, page numbers, a header."""
    out: list[str] = []
    for i, line in enumerate(text.splitlines()):
        out += [line[j : j + width] for j in range(0, len(line), width)] or [""]
        if i % 12 == 11:
            out += [f"- {i // 12 + 1} -", "", "昭通市人民政府文件"]
    return "\n".join(out)


def without_headings(text: str) -> str:
    return "\n".join(line.lstrip("一二三四五六七八九十、()（）") for line in text.splitlines())


def write_corpus(folder: Path) -> dict[str, Path]:
    """Every case as a file; the 50 MB one is sparse so it costs no disk or time to make."""
    rnd = random.Random(7)
    traditional = seed_text(4)
    cases: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b" \r\n\t\n",
        "binary.txt": bytes(rnd.randrange(256) for _ in range(4096)),
        "scan.pdf.txt": b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(2048)),
        "page.html": web_page(seed_text(2)).encode("utf-8"),
        "pdf_extract.txt": pdf_text(seed_text(1)).encode("utf-8"),
        "gb18030.txt": seed_text(0).encode("gb18030"),
        "big5.txt": traditional.encode("big5", "ignore"),
        "utf16.txt": seed_text(3).encode("utf-16"),
        "utf8sig.txt": seed_text(2).replace("2020年度", "2021年度").encode("utf-8-sig"),
        "same_as_gb18030.txt": seed_text(0).encode("gb18030"),
        "no_headings.txt": without_headings(seed_text(0).replace("2022", "2019")).encode(),
        "only_metadata.txt": (
            "索引号000014348/2023-00211\n发布机构蒙自市政府办公室\n发布日期2023-02-07\n"
            "蒙自市人民政府办公室2022年法治政府建设情况报告\n"
        ).encode(),
        "mojibake.txt": seed_text(3).encode().decode("latin-1").encode("utf-8"),
    }
    paths = {}
    for name, data in cases.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    paths["huge.txt"] = folder / "huge.txt"
    with paths["huge.txt"].open("wb") as f:
        f.write(seed_text(0).encode())
        f.truncate(BIG_BYTES)
    return paths
