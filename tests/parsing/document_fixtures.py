"""Build the seeds as governments publish them: a printed PDF, a Word file and portal pages.

Used by the document tests (generated per test session, nothing committed) and by
bench/html_extractors.py. The portal pages imitate the three layouts Chinese government
sites use most: an old table/div layout with a publication bar (TRS-style CMS), a
信息公开 page with a metadata table, and an HTML5 page with semantic tags and Open Graph
metadata. Each wraps the seed text in navigation, breadcrumb, publication bar, share
buttons, related links and footer.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from parsing_support import SEEDS, headlines, load_expected

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass
class Seed:
    file: str
    text: str
    expected: dict

    @property
    def title(self) -> str:
        return self.expected["title"]

    @property
    def site(self) -> str:
        agency = self.expected["agency"]
        return agency.replace("办公室", "").replace("科工信局", "人民政府")

    @property
    def published(self) -> str:
        """The page's publication stamp: the text's own date, else a week after signing."""
        return self.expected["published_on"] or _later(self.expected["report_date"])

    @property
    def source(self) -> str:
        return self.expected["source"] or self.expected["agency"]

    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


def _later(iso: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(iso) + dt.timedelta(days=7)).isoformat()


def seeds() -> list[Seed]:
    return [Seed(e["file"], (SEEDS / e["file"]).read_text("utf-8"), e) for e in load_expected()]


def _paragraphs(seed: Seed) -> str:
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in seed.lines())


# --- portal pages ------------------------------------------------------------------------

_NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进本市", "专题专栏"]
_RELATED = [
    "关于印发2023年法治政府建设工作要点的通知",
    "市司法局召开法治政府建设推进会",
    "2022年度行政执法统计年报",
]
# Side lists name other reports: a page's title must not be taken from them.
_HOT = [
    "市发展改革局2022年法治政府建设情况报告",
    "市自然资源局2022年度法治政府建设工作报告",
    "关于2022年度政府信息公开工作年度报告",
]


def _hot_list() -> str:
    items = "".join(
        f'<li><a href="/h{i}.html">{t}</a><span>03-2{i}</span></li>' for i, t in enumerate(_HOT)
    )
    return f'<div class="hot"><div class="hd">热点信息</div><ul>{items}</ul></div>'


def portal_trs(seed: Seed) -> str:
    """An old div/table layout: no semantic tags, the text in div#zoom (TRS-style)."""
    nav = " | ".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(_NAV))
    related = "".join(f'<li><a href="/t{i}.html">{t}</a></li>' for i, t in enumerate(_RELATED))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(seed.title)}_{seed.site}</title>
<meta name="SiteName" content="{seed.site}门户网站">
<meta name="ColumnName" content="法治政府建设">
<meta name="ArticleTitle" content="{html.escape(seed.title)}">
<meta name="PubDate" content="{seed.published} 09:30">
<meta name="ContentSource" content="{html.escape(seed.source)}">
<script type="text/javascript">var _hmt = _hmt || [];</script>
<style>.zoom p{{text-indent:2em}}</style></head>
<body><div class="top"><div class="logo">{seed.site}</div>
<div class="search"><input type="text" value="请输入关键字"><a href="/search">搜索</a></div></div>
<div class="nav">{nav}</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/fzzf/">法治政府建设</a></div>
<table width="100%" class="main"><tr><td width="260" valign="top">{_hot_list()}</td><td valign="top">
<div class="article"><div class="title">{html.escape(seed.title)}</div>
<div class="info">发布时间：{seed.published} 09:30 &nbsp; 来源：{html.escape(seed.source)} &nbsp; 浏览次数：1268 &nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom" class="zoom">
{_paragraphs(seed)}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="prevnext"><p>上一篇：<a href="/t1.html">{_RELATED[1]}</a></p><p>下一篇：<a href="/t2.html">{_RELATED[2]}</a></p></div>
</div></td></tr></table>
<div class="related"><div class="hd">相关文章</div><ul>{related}</ul></div>
<div class="foot"><p><a href="/lxwm">联系我们</a> | <a href="/wzdt">网站地图</a></p>
<p>主办：{seed.site}办公室 承办：{seed.site}信息中心</p>
<p>网站标识码：5325030001 滇ICP备05001234号-1 滇公网安备53250302000123号</p>
<p>扫一扫在手机打开当前页</p></div></body></html>"""


def portal_xxgk(seed: Seed) -> str:
    """A 政府信息公开 page: a metadata table above the title, attachments below."""
    nav = "".join(f'<li><a href="/{i}/">{n}</a></li>' for i, n in enumerate(_NAV))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{seed.site}政府信息公开平台</title>
<meta name="keywords" content="法治政府,年度报告">
<meta name="publishdate" content="{seed.published}">
<link rel="stylesheet" href="/css/xxgk.css"></head>
<body><div class="header"><div class="wrap"><h2>{seed.site}政府信息公开</h2><ul class="menu">{nav}</ul></div></div>
<div class="crumb">您的位置：<a href="/">首页</a> » <a href="/xxgk/">政府信息公开</a> » <a href="/xxgk/fdzdgknr/">法定主动公开内容</a></div>
<div class="container"><div class="left"><ul><li>机构职能</li><li>政策文件</li><li>规划计划</li><li>法治政府建设</li></ul></div>
<div class="right">
<table class="xxgk-meta">
<tr><td>索 引 号：</td><td>11532503MB1234567X/{seed.published[:4]}-00042</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>{html.escape(seed.source)}</td><td>生成日期：</td><td>{seed.published}</td></tr>
</table>
<h1 class="xxgk-title">{html.escape(seed.title)}</h1>
<div class="TRS_Editor">
{_paragraphs(seed)}
</div>
<div class="attach">附件：无</div>
<div class="bdsharebuttonbox">分享：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
</div></div>
<div class="footer">版权所有：{seed.site} &nbsp; 地址：人民路1号 &nbsp; 电话：0873-1234567<br>
ICP备案号：京ICP备12345678号 网站标识码：1100000001 &nbsp; 技术支持：某某网络科技有限公司</div>
</body></html>"""


def portal_html5(seed: Seed) -> str:
    """An HTML5 page: header/nav/main/article/footer, Open Graph tags, a <time> stamp."""
    nav = "".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(_NAV))
    related = "".join(f'<li><a href="/t{i}.html">{t}</a></li>' for i, t in enumerate(_RELATED))
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{seed.site} - {html.escape(seed.title)}</title>
<meta property="og:title" content="{html.escape(seed.title)}">
<meta property="og:site_name" content="{seed.site}">
<meta property="article:published_time" content="{seed.published}T10:00:00+08:00">
</head><body>
<header class="site-header"><div class="brand">{seed.site}</div><nav>{nav}</nav></header>
<nav class="breadcrumb" aria-label="breadcrumb"><a href="/">首页</a> / <a href="/zwgk/">政务公开</a> / <a href="/zwgk/fzzf/">法治政府建设年度报告</a></nav>
<main><article>
<h1>{html.escape(seed.title)}</h1>
<div class="meta"><time datetime="{seed.published}">{seed.published}</time> <span>来源：{html.escape(seed.source)}</span> <span>阅读次数：892</span> <span class="fontsize">字号：<a>大</a><a>中</a><a>小</a></span></div>
<div class="content">
{_paragraphs(seed)}
</div>
<div class="share">分享到：<button>微信</button><button>微博</button><button>复制链接</button></div>
</article>
<aside><h3>相关链接</h3><ul>{related}</ul>{_hot_list()}</aside></main>
<footer><p>主办单位：{seed.site}办公室</p><p>网站标识码：4409000001 粤ICP备05085994号-1</p><p>扫一扫在手机打开当前页</p></footer>
</body></html>"""


PORTALS = {"trs": portal_trs, "xxgk": portal_xxgk, "html5": portal_html5}


# --- print page, PDF, Word ---------------------------------------------------------------


def print_page(seed: Seed) -> str:
    """The page a curator prints: the report alone, its title as the document title (the
    browser prints it in the header of every page, with the date, the URL and n/N)."""
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{html.escape(seed.title)}</title>
<style>body{{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:16pt;line-height:1.6}}
p{{margin:0 0 .3em;text-indent:2em;text-align:justify}}</style></head>
<body>{_paragraphs(seed)}</body></html>"""


def chromium_pdf(page: Path, out: Path, *, header_footer: bool = True) -> Path:
    """Print a page with headless Chromium (Debian's prints header and footer by default)."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}"]
    if not header_footer:
        cmd.append("--no-pdf-header-footer")
    subprocess.run([*cmd, page.as_uri()], check=True, capture_output=True, timeout=120)
    return out


def chromium_screenshot(page: Path, out: Path) -> Path:
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={out}"]
    subprocess.run([*cmd, "--window-size=900,1200", page.as_uri()], check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    return out


def word_file(seed: Seed, out: Path) -> Path:
    """The report as a .docx: the metadata header as a table (as 信息公开 forms are), the
    rest one paragraph per line, headings in a heading style, and the page header and footer
    a word processor prints ("第 N 页 共 M 页", "- N -")."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Microsoft Word - 附件1"  # typical junk metadata
    section = document.sections[0]
    _field_paragraph(section.header.paragraphs[0], ["第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"])
    _field_paragraph(section.footer.paragraphs[0], ["- ", "PAGE", " -"])
    lines = seed.lines()
    meta, rest = _metadata_rows(lines)
    if meta:
        table = document.add_table(rows=len(meta), cols=2)
        for row, (key, value) in zip(table.rows, meta, strict=True):
            row.cells[0].text, row.cells[1].text = key, value
    for line in rest:
        if line[:2] in ("一、", "二、", "三、", "四、", "五、"):
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    document.save(out)
    return out


def _field_paragraph(paragraph, parts: list[str]) -> None:
    """Text with PAGE / NUMPAGES fields, centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), part)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)
        else:
            paragraph.add_run(part)


_META_KEYS = ("索引号", "发布机构", "文号", "发布日期", "时效性")


def _metadata_rows(lines: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Seed 000 opens with a 索引号/发布机构… block ('-' separators): rows of a table."""
    rows: list[tuple[str, str]] = []
    i = 0
    while i < len(lines) and (lines[i] == "-" or lines[i].startswith(_META_KEYS)):
        if lines[i] != "-":
            key = next(k for k in _META_KEYS if lines[i].startswith(k))
            rows.append((key, lines[i][len(key) :]))
        i += 1
    return rows, lines[i:]


def libreoffice_convert(source: Path, fmt: str, outdir: Path) -> Path:
    if SOFFICE is None:
        raise RuntimeError("LibreOffice is not installed")
    profile = outdir / ".lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", fmt, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return outdir / f"{source.stem}.{fmt.split(':')[0]}"


def build_all(outdir: Path, *, pdf: bool = True) -> dict[str, dict[str, Path]]:
    """Every form of every seed in `outdir`: {seed file: {form: path}}. The PDFs are printed
    by Chromium processes running side by side."""
    outdir.mkdir(parents=True, exist_ok=True)
    made: dict[str, dict[str, Path]] = {}
    printing: list[tuple[subprocess.Popen, Path]] = []
    for seed in seeds():
        stem = seed.file.removesuffix(".txt")
        forms: dict[str, Path] = {}
        for name, render in PORTALS.items():
            path = outdir / f"{stem}.{name}.html"
            path.write_text(render(seed), "utf-8")
            forms[f"html-{name}"] = path
        forms["docx"] = word_file(seed, outdir / f"{stem}.docx")
        if pdf:
            page = outdir / "print" / f"{stem}.htm"
            page.parent.mkdir(exist_ok=True)
            page.write_text(print_page(seed), "utf-8")
            forms["pdf"] = outdir / f"{stem}.pdf"
            printing.append((_print_process(page, forms["pdf"]), forms["pdf"]))
        made[seed.file] = forms
    for process, out in printing:
        if process.wait(timeout=180) != 0 or not out.exists():
            raise RuntimeError(f"chromium could not print {out.name}")
    return made


def _print_process(page: Path, out: Path, *, header_footer: bool = True) -> subprocess.Popen:
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed")
    profile = out.parent / f".chromium-{out.stem}"  # side by side: one profile each
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
           f"--user-data-dir={profile}", f"--print-to-pdf={out}"]  # fmt: skip
    if not header_footer:
        cmd.append("--no-pdf-header-footer")
    return subprocess.Popen(
        [*cmd, page.as_uri()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def scanned_pdf(seed: Seed, outdir: Path) -> Path:
    """A PDF holding only a picture of the report (what a scanner makes): no text layer."""
    page = outdir / "scan.htm"
    page.write_text(print_page(seed), "utf-8")
    image = chromium_screenshot(page, outdir / "scan.png")
    holder = outdir / "scan-holder.htm"
    holder.write_text(
        f'<!doctype html><html><body style="margin:0"><img src="{image.name}" '
        'style="width:100%"></body></html>',
        "utf-8",
    )
    return chromium_pdf(holder, outdir / "scan.pdf", header_footer=False)


def furniture_pdf(seed: Seed, outdir: Path, *, chars_per_page: int = 1300) -> Path:
    """A PDF laid out as an official document is: "- N -" and "第N页 共M页" at the foot of
    each page, a printed date and address at its head (placed by hand, no browser header)."""
    chunks: list[list[str]] = [[]]
    for line in seed.lines():  # whole paragraphs per page, as many as fit
        if chunks[-1] and sum(map(len, chunks[-1])) + len(line) > chars_per_page:
            chunks.append([])
        chunks[-1].append(line)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        body = "".join(f"<p>{html.escape(line)}</p>" for line in chunk)
        pages.append(
            f'<div class="page"><div class="head">2023-02-07 15:32 '
            f"http://www.example.gov.cn/zwgk/{number}.html</div>{body}"
            f'<div class="foot">- {number} -<br>第{number}页 共{len(chunks)}页</div></div>'
        )
    page = outdir / "furniture.htm"
    page.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0 }}
body {{ margin: 0; font-family: "WenQuanYi Micro Hei"; font-size: 11pt; line-height: 1.5 }}
.page {{ position: relative; height: 297mm; padding: 28mm 25mm; box-sizing: border-box;
  overflow: hidden; page-break-after: always }}
.head {{ position: absolute; top: 8mm; left: 25mm; font-size: 8pt }}
.foot {{ position: absolute; bottom: 6mm; width: 160mm; text-align: center; font-size: 9pt }}
p {{ margin: 0; text-indent: 2em; text-align: justify }}
</style></head><body>{"".join(pages)}</body></html>""",
        "utf-8",
    )
    return chromium_pdf(page, outdir / "furniture.pdf", header_footer=False)


# --- what the tests share ------------------------------------------------------------------

_BUILT: dict[str, dict[str, Path]] | None = None


def require(program: str | None, name: str, install: str) -> None:
    """Skip without a program, except in CI, which installs it and must run these tests."""
    import os

    import pytest

    if program is None:
        reason = f"{name} is not installed ({install})"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must have it")
        pytest.skip(reason)


def built() -> dict[str, dict[str, Path]]:
    """Every seed's forms, made once per test run (Chromium prints the PDFs)."""
    global _BUILT
    require(CHROMIUM, "chromium", "apt-get install chromium fonts-wqy-microhei")
    if _BUILT is None:
        import atexit
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="lawreports-documents-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _BUILT = build_all(folder)
    return _BUILT


def assert_truth(report, expected: dict) -> None:
    """The fields the issue names: title, agency, level, region code, year, outline,
    issues, plans."""
    for key in ("title", "agency", "level", "region_code", "year"):
        assert getattr(report, key) == expected[key], key
    assert [s.heading for s in report.sections] == expected["top_sections"]
    assert [len(s.children) for s in report.sections] == expected["subsection_counts"]
    assert headlines(report.issues) == ["".join(h.split()) for h in expected["issues"]]
    assert headlines(report.plans) == ["".join(h.split()) for h in expected["plans"]]


# --- a local web site ----------------------------------------------------------------------

CONTENT_TYPES = {
    ".pdf": "application/octet-stream",  # as many portals serve attachments
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
NOT_A_REPORT = (
    "<!doctype html><html><head><meta charset='utf-8'><title>某市人民政府门户网站</title></head>"
    "<body><div class='nav'>首页 政务公开 政务服务</div><div>欢迎访问！</div></body></html>"
).encode()


class LocalSite:
    """A web server on 127.0.0.1 (a thread of the test process) serving documents by name.

    /docs/NAME the files; /old/NAME redirects there; /private/ is barred by robots.txt;
    /missing is 404; /slow answers after `slow_seconds`; /home is a page that is no report.
    Every request's path and User-Agent is logged."""

    def __init__(self, files: dict[str, Path], *, slow_seconds: float = 3.0) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        site = self
        self.files = files
        self.log: list[tuple[str, str]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.log.append((self.path, self.headers.get("User-Agent", "")))
                status, headers, body = site.answer(self.path, slow_seconds)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, name: str, folder: str = "docs") -> str:
        return f"{self.base}/{folder}/{name}"

    def answer(self, path: str, slow_seconds: float) -> tuple[int, dict[str, str], bytes]:
        import time

        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path.startswith("/old/"):
            return 301, {"Location": "/docs/" + path.removeprefix("/old/")}, b""
        if path == "/slow":
            time.sleep(slow_seconds)
            return 200, {"Content-Type": "text/plain"}, b"late"
        if path == "/home":
            return 200, {"Content-Type": "text/html"}, NOT_A_REPORT
        name = path.rsplit("/", 1)[-1]
        if path.startswith(("/docs/", "/private/")) and name in self.files:
            file = self.files[name]
            kind = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
            return 200, {"Content-Type": kind}, file.read_bytes()
        return 404, {"Content-Type": "text/html"}, b"<html><body>404 Not Found</body></html>"

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
