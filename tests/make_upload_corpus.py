"""Write the upload test corpus (tests/bad_files, tests/good_files). Run once; the files are kept.

    .venv/bin/python tests/make_upload_corpus.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
HEADER = "地区,指标,年份,数值,单位,备注\n"
GOOD_ROW = "吉首市,高新技术企业数,2023,40,家,\n"

# file name -> (bytes, part of the expected message)
BAD: dict[str, tuple[bytes, str]] = {
    "empty.csv": (b"", "the file is empty"),
    "blank_lines.csv": (b"\n\n  \n", "the file is empty"),
    "only_header.csv": (HEADER.encode(), "no data rows"),
    "unknown_encoding.csv": (b"\xff\xfe\x00"[:0] + "地区,指标,年份,数值\n".encode() + b"caf\xe9\xff\x80,x,2023,1\n",
                             "neither UTF-8 nor GBK"),
    "binary.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "neither a text (CSV) nor an Excel file"),
    "old_format.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old .xls files are not supported"),
    "broken.xlsx": (b"PK\x03\x04" + b"not really a zip" * 4, "cannot read the Excel file"),
    "missing_region_column.csv": ("指标,年份,数值,单位\n高新技术企业数,2023,40,家\n".encode(), "missing required column: 地区"),
    "missing_value_column.csv": ("地区,指标,年份,单位\n吉首市,高新技术企业数,2023,家\n".encode(), "missing required column: 数值"),
    "missing_year.csv": ("地区,指标,数值,单位\n吉首市,高新技术企业数,40,家\n".encode(), "missing year"),
    "unknown_region.csv": ((HEADER + "火星县,高新技术企业数,2023,40,家,\n").encode(), "unknown region '火星县'"),
    "typo_region.csv": ((HEADER + "泸溪市,高新技术企业数,2023,40,家,\n").encode(), "did you mean 泸溪县"),
    "typo_region_gbk.csv": ((HEADER + "泸溪市,高新技术企业数,2023,40,家,\n").encode("gbk"), "did you mean 泸溪县"),
    "empty_region.csv": ((HEADER + ",高新技术企业数,2023,40,家,\n").encode(), "region is empty"),
    "unknown_indicator.csv": ((HEADER + "吉首市,幸福指数,2023,40,家,\n").encode(), "unknown indicator '幸福指数'"),
    "typo_indicator.csv": ((HEADER + "吉首市,高新技木企业数,2023,40,家,\n").encode(), "did you mean 高新技术企业数"),
    "wrong_unit.csv": ((HEADER + "吉首市,高新技术企业数,2023,40,万元,\n").encode(), "unit '万元' is not possible"),
    "percent_for_count.csv": ((HEADER + "吉首市,高新技术企业数,2023,15%,,\n").encode(), "unit '%' is not possible"),
    "unknown_unit.csv": ((HEADER + "吉首市,全社会研发经费投入,2023,40,斤,\n").encode(), "unknown unit '斤'"),
    "text_value.csv": ((HEADER + "吉首市,高新技术企业数,2023,约四十家,家,\n").encode(), "value is not a number"),
    "dash_value.csv": ((HEADER + "吉首市,高新技术企业数,2023,—,家,\n").encode(), "value is empty"),
    "negative_count.csv": ((HEADER + "吉首市,高新技术企业数,2023,-3,家,\n").encode(), "cannot be negative"),
    "duplicate_rows.csv": ((HEADER + GOOD_ROW + "吉首市,高新技术企业数,2023,41,家,\n").encode(), "duplicate of row 2"),
    "chinese_numeral_year.csv": ((HEADER + "吉首市,高新技术企业数,二〇二三,40,家,\n").encode(), "invalid year"),
    "year_out_of_range.csv": ((HEADER + "吉首市,高新技术企业数,1890,40,家,\n").encode(), "invalid year"),
    "formula_value.csv": ((HEADER + "吉首市,高新技术企业数,2023,=SUM(A1:A2),家,\n").encode(), "value is a formula"),
    "excel_error_value.csv": ((HEADER + "吉首市,高新技术企业数,2023,#DIV/0!,家,\n").encode(), "Excel error"),
    "html_note.csv": ((HEADER + "吉首市,高新技术企业数,2023,40,家,<script>alert(1)</script>\n").encode(), "contains HTML markup"),
    "wide_stray_column.csv": ("地区,指标,单位,2022,2023,负责人\n吉首市,高新技术企业数,家,35,40,张三\n".encode(), "unrecognised column '负责人'"),
    "wide_and_value_column.csv": ("地区,指标,单位,数值,2023\n吉首市,高新技术企业数,家,40,40\n".encode(), "use one layout"),
}


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD["formula_cell.xlsx"] = (xlsx([["地区", "指标", "年份", "数值", "单位"],
                                  ["吉首市", "高新技术企业数", 2023, "=38+2", "家"]]), "value is a formula")

# The same four figures in every accepted encoding and layout.
LONG_ROWS = [["地区", "指标", "年份", "数值", "单位"],
             ["吉首市", "高新技术企业数", "2023", "40", "家"],
             ["泸溪县", "高新技术企业数", "2023", "30", "家"],
             ["吉首市", "全社会研发经费投入", "2023", "1.2", "亿元"],
             ["泸溪县", "全社会研发经费投入", "2023", "21,500", "万元"]]
VARIANT_ROWS = [["区域", "指标名称", "年度", "实际值", "计量单位", "备注"],
                ["吉首", "高新技术企业", "2023年", "４０", "家", "统计局快报"],
                ["瀘溪縣", "高新技術企業數", "2023", "30", "家", ""],
                ["433101", "rd_expenditure", "2023", "12,000", "万元", ""],
                ["泸溪县", "R&D经费投入", "2023", "2.15", "亿元", ""]]
WIDE_ROWS = [["地区", "指标", "单位", "2023年"],
             ["吉首市", "高新技术企业数", "家", "40"], ["泸溪县", "高新技术企业数", "家", "30"],
             ["吉首市", "全社会研发经费投入", "万元", "12000"], ["泸溪县", "全社会研发经费投入", "万元", "21500"]]


def to_csv(rows: list[list], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


GOOD = {
    "long_utf8.csv": to_csv(LONG_ROWS).encode("utf-8"),
    "long_utf8_bom.csv": to_csv(LONG_ROWS).encode("utf-8-sig"),
    "long_gbk.csv": to_csv(LONG_ROWS).encode("gbk"),
    "long_utf16_tabs.csv": to_csv(LONG_ROWS, "\t").encode("utf-16"),
    "variant_headers_gbk.csv": to_csv(VARIANT_ROWS).encode("gbk"),
    "wide_utf8.csv": to_csv(WIDE_ROWS).encode("utf-8-sig"),
    "long.xlsx": xlsx(LONG_ROWS),
    "wide.xlsx": xlsx(WIDE_ROWS),
}


def main() -> None:
    for name, (content, _) in BAD.items():
        (HERE / "bad_files" / name).write_bytes(content)
    with (HERE / "bad_files" / "expected.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "message"])
        writer.writerows([name, message] for name, (_, message) in BAD.items())
    for name, content in GOOD.items():
        (HERE / "good_files" / name).write_bytes(content)
    print(f"{len(BAD)} bad files, {len(GOOD)} good files")


if __name__ == "__main__":
    main()
