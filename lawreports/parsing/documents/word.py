"""A Word (.docx) file's text: body paragraphs and tables in document order (python-docx).

Page headers and footers live outside the body and are left out; a table row becomes one
line, its cells separated by a space (so "索引号 | 000014348/2023-00211" reads as metadata).
"""

from __future__ import annotations

import io

from lawreports.parsing.model import ParseError


def docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ParseError(f"cannot read Word file: {exc}") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell is returned once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        lines.append(" ".join(cells))
    return lines
