"""The text of a web page: paragraphs as lines, data tables as pipe rows, no menus or scripts.

Parsed with lxml.html (libxml2's forgiving HTML parser), which python-docx already brings in.
A table that holds other tables is page layout, not data: its cells are read as paragraphs and
only the innermost tables become pipe rows.
"""

from __future__ import annotations

import re

from etl.intake.errors import DocumentError
from etl.intake.readers import decode_text, pipe_row, prose_line, tidy

SKIP = {"script", "style", "nav", "noscript", "template", "head", "iframe", "svg", "object",
        "button", "select", "textarea", "map"}
BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
          "section", "article", "header", "footer", "aside", "main", "blockquote", "pre", "hr",
          "center", "figure", "figcaption", "address", "caption", "table", "tr", "td", "th",
          "form", "fieldset", "body", "html"}
CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]"
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


def html_to_text(data: bytes, name: str) -> str:
    from lxml import etree, html

    text, _ = decode_text(data, name, declared=_declared_charset(data))
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an XML declaration
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(f"{name}: not a readable HTML page ({error})",
                            f"{name}：无法读取的网页文件（{error}）") from error
    renderer = _Renderer()
    renderer.walk(root)
    renderer.flush()
    return tidy(renderer.lines)


def _declared_charset(data: bytes) -> str | None:
    match = CHARSET.search(data[:4096])
    if not match:
        return None
    charset = match.group(1).decode("ascii").lower()
    return "gb18030" if charset in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else charset


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        line = prose_line(inline("".join(self.buffer)))
        self.buffer = []
        if line:
            self.lines.append(line)

    def walk(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag and tag not in SKIP and not _hidden(element):
            is_block = tag in BLOCKS
            if is_block:
                self.flush()
            if tag == "table" and not element.xpath(".//table"):
                self.lines += table_rows(element)
            else:
                self.buffer.append(element.text or "")
                for child in element:
                    self.walk(child)
            if is_block:
                self.flush()
        self.buffer.append(element.tail or "")


def table_rows(table) -> list[str]:
    rows = []
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        cells: list[str] = []
        for cell in tr.xpath("./td | ./th"):
            renderer = _Renderer()
            renderer.buffer.append(cell.text or "")
            for child in cell:
                renderer.walk(child)
            renderer.flush()
            span = int(cell.get("colspan", "1")) if cell.get("colspan", "1").isdigit() else 1
            cells += [" ".join(renderer.lines)] + [""] * (min(span, 50) - 1)
        if any(c.strip() for c in cells):
            rows.append(pipe_row(cells))
    return rows


def inline(text: str) -> str:
    """Collapse whitespace as a browser does, but drop it between two Chinese characters."""
    text = re.sub(r"[ \t\r\n\f\u00a0\u3000]+", " ", text)
    return re.sub(rf"(?<={CJK}) (?={CJK})", "", text).strip()


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return ("display:none" in style or element.get("hidden") is not None
            or element.get("role") == "navigation")
