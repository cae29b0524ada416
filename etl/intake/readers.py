"""Read a plan document as text: one function, ``read_text(path)``, dispatching on the suffix.

Tables come out as pipe rows, ``| cell | cell | cell |``, one line per row: ``etl.layout`` reads
cells that end with ``|`` and closes a row at an empty cell, so the leading ``|`` starts a new row
and an empty cell is written ``-`` (the extractor skips it) to keep the columns in place.

Text files are decoded in a fixed order, never by guessing: a byte-order mark (UTF-8, UTF-16),
then UTF-16 without a mark when NUL bytes show it (else the file is binary), then UTF-8, then
GB18030 (a superset of GBK and GB2312). Charset detection misreads short GBK files.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from etl.intake.errors import DocumentError

MAX_BYTES = 20 * 1024 * 1024  # documents over 20 MB are refused before they are read
SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
# What a file that is not text usually is, by its first bytes (for the error message).
MAGIC = [(b"%PDF", "a PDF"), (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .zip)"),
         (b"\xd0\xcf\x11\xe0", "an old Office file (.doc, .xls, .wps)"), (b"\x89PNG", "a PNG image"),
         (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"{\\rtf", "an RTF file")]
OTHER_FORMATS = {".doc": "save it as .docx", ".wps": "save it as .docx", ".rtf": "save it as .docx",
                 ".xls": "save it as .xlsx and copy the text", ".ofd": "print it to PDF",
                 ".jpg": "OCR it first", ".jpeg": "OCR it first", ".png": "OCR it first",
                 ".tif": "OCR it first", ".tiff": "OCR it first"}
OTHER_FORMATS_ZH = {".doc": "请另存为 .docx", ".wps": "请另存为 .docx", ".rtf": "请另存为 .docx",
                    ".xls": "请另存为 .xlsx 并复制文字", ".ofd": "请打印为 PDF",
                    ".jpg": "请先做文字识别（OCR）", ".jpeg": "请先做文字识别（OCR）", ".png": "请先做文字识别（OCR）",
                    ".tif": "请先做文字识别（OCR）", ".tiff": "请先做文字识别（OCR）"}
BAD_SHARE = 0.01  # more than 1 % control, private-use or unassigned characters: not text
SCANNED_CHARS_PER_PAGE = 10  # a PDF with less text than this per page has no real text layer


def read_text(path: Path) -> str:
    """The text of a plan document; raises DocumentError with a message a person can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = OTHER_FORMATS.get(suffix, "give a .txt, .docx, .pdf or .html file")
        raise DocumentError(f"{path.name}: cannot read {suffix or 'a file without a suffix'} "
                            f"documents; {hint}",
                            f"{path.name}：不能读取{suffix or '无扩展名的'}文件；"
                            f"{OTHER_FORMATS_ZH.get(suffix, '请提供 .txt、.docx、.pdf 或 .html 文件')}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"{path.name}: {size / 2**20:.1f} MB is over the "
                            f"{MAX_BYTES // 2**20} MB limit for one document",
                            f"{path.name}：{size / 2**20:.1f} MB，超过单个文件 {MAX_BYTES // 2**20} MB 的上限")
    if size == 0:
        raise DocumentError(f"{path.name}: the file is empty", f"{path.name}：文件是空的")
    if suffix == ".txt":
        text, _ = decode_text(path.read_bytes(), path.name)
    elif suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    else:
        from etl.intake.html_reader import html_to_text

        text = html_to_text(path.read_bytes(), path.name)
    if not any(ch.isalnum() for ch in text):
        raise DocumentError(f"{path.name}: no text in the document", f"{path.name}：文件中没有文字")
    return without_pinyin(text)


# Pinyin a web page prints after each character (申報(bào)市級(jí)), as reading aids: not the text.
# A syllable: a tone mark, or two letters at least (a lone "(a)" may be a list marker).
PINYIN_AFTER_CHARACTER = re.compile(
    r"(?<=[\u4e00-\u9fff?])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[a-zü]{2})"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def without_pinyin(text: str) -> str:
    """The text without pinyin printed in brackets after its characters."""
    return PINYIN_AFTER_CHARACTER.sub("", text)


# -- plain text ------------------------------------------------------------------------------------

def decode_text(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) for the bytes of a text file; ``declared`` (an HTML charset) goes first."""
    for bom, encoding in [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")]:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name, encoding), encoding
            except UnicodeDecodeError as error:
                raise DocumentError(f"{name}: starts with a {encoding} byte-order mark but is not "
                                    f"valid {encoding} ({error.reason} at byte {error.start})",
                                    f"{name}：文件以 {encoding} 标记开头，但第 {error.start} 字节起"
                                    "不是有效的该编码文本") from error
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, name)
    candidates = ([declared] if declared else []) + ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return _checked(text, name, encoding), encoding
    raise DocumentError(f"{name}: not text in UTF-8, GB18030/GBK or UTF-16; "
                        f"{_what_it_is(data) or 'save it as UTF-8 text'}",
                        f"{name}：不是 UTF-8、GB18030/GBK 或 UTF-16 编码的文本；请另存为 UTF-8 文本")


def _decode_utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """NUL bytes: UTF-16 text saved without a byte-order mark, or not text at all."""
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _bad_share(text)
        if best is None or share < best[0]:
            best = (share, text, encoding)
    if best is not None and best[0] <= BAD_SHARE:
        return best[1], best[2]
    kind = _what_it_is(data)
    raise DocumentError(f"{name}: a binary file, not text (it has NUL bytes"
                        f"{'; it looks like ' + kind if kind else ''}); "
                        "give the document itself or save it as UTF-8 text",
                        f"{name}：这是二进制文件，不是文本；请提供文件本身或另存为 UTF-8 文本")


def _checked(text: str, name: str, encoding: str) -> str:
    if _bad_share(text) > BAD_SHARE:
        raise DocumentError(f"{name}: decodes as {encoding} but is mostly not text (control "
                            "characters); is it a binary file renamed .txt?",
                            f"{name}：按 {encoding} 解码后大多是控制字符，不像文本；是否把二进制文件改名成了 .txt？")
    return text


def _bad_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or (ch not in "\t\n\r\f\v"
              and unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs")))
    return bad / len(text)


def _what_it_is(data: bytes) -> str:
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), "")


# -- Word ------------------------------------------------------------------------------------------

def _read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        kind = _what_it_is(path.read_bytes()[:8])
        raise DocumentError(f"{path.name}: not a readable .docx file ({error}"
                            f"{'; it looks like ' + kind if kind else ''})",
                            f"{path.name}：无法读取的 .docx 文件") from error
    except Exception as error:  # a zip that is no Word document: zipfile and lxml errors
        raise DocumentError(f"{path.name}: not a readable .docx file ({error})",
                            f"{path.name}：无法读取的 .docx 文件") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _docx_table_rows(block)
        else:
            lines.append(prose_line(block.text))
    return tidy(lines)


def _docx_table_rows(table) -> list[str]:
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # the lower part of a vertically merged cell
                text = ""
            else:
                cell = _Cell(tc, table)
                parts = [p.text for p in cell.paragraphs]
                parts += [" ".join(c.text for r in nested.rows for c in r.cells)
                          for nested in cell.tables]
                text = " ".join(parts)
            cells += [text] + [""] * (tc.grid_span - 1)
        if any(c.strip() for c in cells):
            rows.append(pipe_row(cells))
    return rows


# -- PDF -------------------------------------------------------------------------------------------

def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{path.name}: the PDF is protected by a password; "
                                "save an unprotected copy", f"{path.name}：PDF 有密码保护，请另存一份不加密的副本")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(f"{path.name}: not a readable PDF ({error})",
                            f"{path.name}：无法读取的 PDF 文件") from error
    text = fold_compatibility("\n".join(pages))
    chars = sum(1 for ch in text if ch.isalnum())
    if chars < SCANNED_CHARS_PER_PAGE * max(1, len(pages)):
        raise DocumentError(f"{path.name}: scanned PDF without a text layer; OCR it first "
                            f"({chars} characters of text on {len(pages)} pages)",
                            f"{path.name}：扫描版 PDF，没有文字层（{len(pages)} 页只有 {chars} 个字符），"
                            "请先做文字识别（OCR）")
    return tidy(prose_line(line) for line in text.splitlines())


def fold_compatibility(text: str) -> str:
    """PDF fonts often map 一 to the Kangxi radical ⼀ (U+2F00) or to a compatibility ideograph."""
    return "".join(unicodedata.normalize("NFKC", ch)
                   if "\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" else ch
                   for ch in text)


# -- shared by the readers of formatted documents --------------------------------------------------

def pipe_row(cells: list[str]) -> str:
    """One table row for ``etl.layout``: an empty cell is ``-`` so it does not end the row."""
    clean = [re.sub(r"\s+", " ", c.replace("|", "｜")).strip() or "-" for c in cells]
    return "| " + " | ".join(clean) + " |"


def prose_line(line: str) -> str:
    """A paragraph as one line that ``etl.layout`` reads as prose (no leading tab, no final |)."""
    line = re.sub(r"[\t\r\n\v\f]+", " ", line).strip()
    return line[:-1] + "｜" if line.endswith("|") else line


def tidy(lines) -> str:
    """Join lines, at most one blank line in a row, no blank lines at either end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""
