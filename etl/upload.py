"""Parse an actuals spreadsheet: bytes in, (rows, problems) out. Used by the upload page and by
``python -m etl ingest-actuals``; nothing here writes anywhere.

Accepted: CSV in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; Excel .xlsx (a named sheet
or the first that holds data; formulas by the values Excel cached). Headers in Chinese or English;
a long layout (one row per region, indicator, year) or the wide one analysts keep in Excel (one
column per year).
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import numpy as np
import openpyxl
import pandas as pd

from etl import paths
from etl.normalize import normalise_name
from etl.reference import Reference, names_denominator

# A national file (every county, 40 indicators, ten years: about 1.2 M rows, 70 MB with names
# and codes) goes in as one CSV. Excel is read cell by cell (thousands of rows a second, not
# hundreds of thousands), so it has lower limits.
MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 1_500_000
MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_XLSX_ROWS = 50_000
# An XLSX is a zip: its parts are checked before anything is opened, so that a small file that
# unpacks to gigabytes (1 M rows in 0.56 MB) is refused in milliseconds, not parsed for minutes.
MAX_XLSX_UNPACKED = 60 * 1024 * 1024
MAX_XLSX_RATIO = 150
YEAR_RANGE = (1990, 2100)
MONEY_OR_COUNT = ("money", "count", "person_years", "money_per_person")

# Header spellings, normalised (simplified, no spaces, lower case).
HEADERS = {
    "region": ["地区", "地区名称", "区域", "行政区", "行政区划", "县市区", "县市", "单位名称", "region",
               "regionname", "region_name", "region_name_zh"],
    "region_code": ["区划代码", "地区代码", "行政区划代码", "regioncode", "region_code", "region_id"],
    "indicator": ["指标", "指标名称", "indicator", "indicatorname", "indicator_name", "indicator_name_zh"],
    "indicator_code": ["指标代码", "indicatorcode", "indicator_code", "indicator_id"],
    "year": ["年份", "年度", "年", "year"],
    "value": ["数值", "值", "实际值", "完成值", "实绩", "value", "actual", "actualvalue"],
    "unit": ["单位", "计量单位", "unit"],
    "scope": ["口径", "统计口径", "scope"],
    "source": ["来源", "数据来源", "source"],
    "note": ["备注", "说明", "note", "notes", "remark"],
}
# Each required field may be given by name or by code.
REQUIRED = {"region": ("region", "region_code"), "indicator": ("indicator", "indicator_code")}
EMPTY_MARKS = {"", "—", "－", "-", "--", "——", "/", "n/a", "na", "null", "none", "无", "空"}
EXCEL_ERRORS = {"#div/0!", "#n/a", "#value!", "#ref!", "#name?", "#num!", "#null!"}
WIDE_YEAR = re.compile(r"^((?:19|20)\d\d)(?:年)?(?:实际|实际值|完成|完成值|数值)?$")


@dataclass
class Problem:
    row: int  # line in the file (header = 1); 0 for the whole file
    column: str
    message_zh: str
    message_en: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        column = f", {self.column}" if self.column else ""
        return f"{where}{column}: {self.message_zh} / {self.message_en}"


@dataclass
class ParseResult:
    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    layout: str = ""
    # Values that are possible but unusual (1,000,000 firms in a county): kept, and saved only
    # once a person confirms them.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def file_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.row == 0]

    @property
    def rejected_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.row}

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame([asdict(p) for p in self.problems],
                            columns=["row", "column", "message_zh", "message_en"])


ROW_COLUMNS = ["source_row", "region_id", "indicator_id", "year", "value", "unit", "value_raw",
               "unit_raw", "scope", "source", "note"]


def parse_actuals(content: bytes, file_name: str, ref: Reference,
                  sheet: str | None = None) -> ParseResult:
    empty = pd.DataFrame(columns=ROW_COLUMNS)
    excel = _is_xlsx(content, file_name)
    limit = MAX_XLSX_BYTES if excel else MAX_BYTES
    if len(content) > limit:
        return _reject(empty, f"文件超过 {limit // 1024 // 1024} MB 上限" + ("（Excel；更大的文件请存为 CSV）" if excel else ""),
                       f"the file is larger than the {limit // 1024 // 1024} MB limit"
                       + (" for Excel (save a larger one as CSV)" if excel else ""))
    if not content.strip():
        return _reject(empty, "文件是空的", "the file is empty")
    try:
        table, encoding = _read_table(content, file_name, sheet)
    except ValueError as error:
        zh, _, en = str(error).partition(" / ")
        return _reject(empty, zh, en or zh)
    if table.empty or len(table.columns) == 0:
        return _reject(empty, "文件没有数据行", "the file has no data rows", encoding)
    table.columns = [str(c) for c in table.columns]
    mapping, wide_years, problems = _map_headers(list(table.columns))
    if problems:
        return ParseResult(empty, problems, encoding)
    long, layout = _to_long(table, mapping, wide_years)
    rows_limit = MAX_XLSX_ROWS if excel else MAX_ROWS
    if len(long) > rows_limit:
        return _reject(empty, f"数据超过 {rows_limit} 行上限", f"more than {rows_limit} rows", encoding)
    rows, problems = _validate(long, ref)
    rows, impossible, unusual = plausible(rows, ref)
    problems = sorted(problems + impossible, key=lambda p: p.row)
    return ParseResult(rows, problems, encoding, layout, unusual)


@lru_cache(maxsize=1)
def plausible_ranges() -> dict[str, tuple[float, float]]:
    """dimension -> (impossible above, unusual above), in canonical units (plausible_ranges.csv)."""
    table = pd.read_csv(paths.REFERENCE_DIR / "plausible_ranges.csv")
    return {r.dimension: (float(r.impossible_above), float(r.unusual_above)) for r in table.itertuples()}


def plausible(rows: pd.DataFrame, ref: Reference) -> tuple[pd.DataFrame, list[Problem], list[Problem]]:
    """Rows whose size is possible; problems for impossible ones (dropped), warnings for unusual
    ones (kept), checked in the indicator's own unit after conversion."""
    if rows.empty:
        return rows, [], []
    ranges = plausible_ranges()
    limits = {i: ranges.get(ref.dimension_of_indicator(i), (math.inf, math.inf))
              for i in rows["indicator_id"].unique()}  # each indicator once
    impossible_above = rows["indicator_id"].map({i: v[0] for i, v in limits.items()}).astype(float)
    unusual_above = rows["indicator_id"].map({i: v[1] for i, v in limits.items()}).astype(float)
    size = rows["value"].abs()
    impossible = size > impossible_above
    unusual = ~impossible & (size > unusual_above)
    problems = [Problem(int(r.source_row), "value",
                        f"数值不可能：{r.value:,.6g} {r.unit} 超过上限 {limit:,.6g}",
                        f"impossible value: {r.value:,.6g} {r.unit} is above {limit:,.6g}")
                for r, limit in zip(rows[impossible].itertuples(), impossible_above[impossible])]
    warnings = [Problem(int(r.source_row), "value",
                        f"数值异常：{r.value:,.6g} {r.unit} 超过通常的 {limit:,.6g}，请确认",
                        f"unusual value: {r.value:,.6g} {r.unit} is above the usual {limit:,.6g}: confirm it")
                for r, limit in zip(rows[unusual].itertuples(), unusual_above[unusual])]
    return rows[~impossible].reset_index(drop=True), problems, warnings


# -- reading ---------------------------------------------------------------------------------------

def decode(content: bytes) -> tuple[str, str]:
    """Decide the encoding deterministically: BOMs first, then strict UTF-8, then GB18030."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError("无法识别文件编码，请另存为 UTF-8 或 GBK 的 CSV / "
                     "the encoding is neither UTF-8 nor GBK: save the file as CSV UTF-8 or CSV (GBK)")


def _is_xlsx(content: bytes, file_name: str) -> bool:
    return content[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


def _read_table(content: bytes, file_name: str, sheet: str | None) -> tuple[pd.DataFrame, str]:
    if _is_xlsx(content, file_name):
        return _read_xlsx(content, sheet), "xlsx"
    if file_name.lower().endswith(".xls"):
        raise ValueError("不支持旧版 .xls，请另存为 .xlsx 或 CSV / old .xls files are not supported: "
                         "save as .xlsx or CSV")
    if b"\x00" in content[:1024] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("这不是文本或 Excel 文件 / this is neither a text (CSV) nor an Excel file")
    text, encoding = decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        # UTF-8 bytes are parsed faster than a str; other encodings are decoded once above
        data = content if encoding == "utf-8" else text.encode("utf-8")
        table = pd.read_csv(io.BytesIO(data), encoding="utf-8", dtype=str, keep_default_na=False,
                            sep=delimiter, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValueError(f"CSV 格式错误 / the CSV cannot be read ({str(error)[:120]})") from error
    return table, encoding


def _check_unpacked_size(content: bytes) -> None:
    """Refuse an XLSX whose parts unpack to more than MAX_XLSX_UNPACKED bytes or that is
    compressed more than MAX_XLSX_RATIO times (the sizes come from the zip's own directory)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f"无法读取 Excel 文件 / cannot read the Excel file ({type(error).__name__})") from error
    if unpacked > MAX_XLSX_UNPACKED or unpacked > MAX_XLSX_RATIO * max(len(content), 1):
        raise ValueError(f"Excel 文件解压后有 {unpacked / 2**20:.0f} MB，超过上限，请另存为 CSV / "
                         f"the Excel file unpacks to {unpacked / 2**20:.0f} MB, more than an actuals "
                         "file may hold: save it as CSV")


def _read_xlsx(content: bytes, sheet: str | None) -> pd.DataFrame:
    """Cells as text. A formula counts by the value Excel cached when it last saved the file; a
    formula with no cached value (a file written by a program, never opened in Excel) stays as its
    formula text, so that it is reported, not guessed. Without a named sheet, the first sheet that
    holds data rows is read (a cover sheet or an empty first sheet is skipped)."""
    _check_unpacked_size(content)
    try:
        cached = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # The formulas' own text is needed only where a formula has no cached value; a workbook
        # without formulas (most are) is read once, not twice.
        formulas = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False) \
            if _has_formulas(content) else None
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ValueError(f"无法读取 Excel 文件 / cannot read the Excel file ({type(error).__name__})") from error
    try:
        names = [sheet] if sheet in cached.sheetnames else cached.sheetnames
        for name in names:
            values = _sheet_rows(cached[name], formulas[name] if formulas is not None else None)
            if len(values) > 1 or name == names[-1]:
                break
    finally:
        cached.close()
        if formulas is not None:
            formulas.close()
    if not values:
        return pd.DataFrame()
    header, body = values[0], values[1:]
    width = len(header)
    return pd.DataFrame([(row + [""] * width)[:width] for row in body], columns=header, dtype=str)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(content: bytes) -> bool:
    """Whether any worksheet holds a formula element (<f>), from the zip's sheet parts (their
    unpacked size is checked before)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return any(_FORMULA_TAG.search(archive.read(item))
                   for item in archive.namelist() if item.startswith("xl/worksheets/") and item.endswith(".xml"))


def _sheet_rows(cached_sheet, formula_sheet) -> list[list[str]]:
    rows = []
    formula_rows = formula_sheet.iter_rows(values_only=True) if formula_sheet is not None else itertools.repeat(())
    for cached_row, formula_row in zip(cached_sheet.iter_rows(values_only=True), formula_rows):
        formula_row = formula_row or (None,) * len(cached_row)
        row = [_cell_text(value, formula) for value, formula in zip(cached_row, formula_row)]
        if any(cell.strip() for cell in row):
            rows.append(row)
            if len(rows) > MAX_XLSX_ROWS + 1:  # header and one row past the limit: enough to refuse
                break
    return rows


def _cell_text(cached, formula) -> str:
    if cached is not None:
        return str(cached)
    return "" if formula is None else str(formula)


def sheet_names(content: bytes) -> list[str]:
    try:
        _check_unpacked_size(content)
        return list(pd.ExcelFile(io.BytesIO(content)).sheet_names)
    except Exception:
        return []


def first_sheet_with_data(content: bytes) -> str | None:
    """The sheet read when none is named, so that the page can preselect it."""
    try:
        _check_unpacked_size(content)
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except Exception:
        return None
    try:
        for worksheet in book.worksheets:
            filled = 0
            for row in worksheet.iter_rows(values_only=True):
                filled += any(str(v).strip() for v in row if v is not None)
                if filled > 1:
                    return worksheet.title
        return None
    finally:
        book.close()


# -- headers and layout ----------------------------------------------------------------------------

def _header_key(name: str) -> str:
    return re.sub(r"[\s_()（）]", "", normalise_name(name).lower())


def _map_headers(columns: list[str]) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    lookup = {_header_key(alias): field_name for field_name, aliases in HEADERS.items()
              for alias in aliases}
    mapping: dict[str, str] = {}
    wide: dict[str, int] = {}
    problems: list[Problem] = []
    for column in columns:
        key = _header_key(column)
        year = WIDE_YEAR.match(key)
        if key in lookup and lookup[key] not in mapping:
            mapping[lookup[key]] = column
        elif year:
            wide[column] = int(year.group(1))
        elif key.startswith("unnamed") and not column.strip():
            continue
        else:
            problems.append(Problem(0, column, f"未识别的列“{column}”：请改名为标准列名或删除",
                                    f"unrecognised column '{column}': rename it to a known header or delete it"))
    for name, options in REQUIRED.items():
        if not any(option in mapping for option in options):
            problems.append(Problem(0, name, f"缺少必需的列：{HEADERS[name][0]} / {name}",
                                    f"missing required column: {HEADERS[name][0]} / {name}"))
    if "value" not in mapping and not wide:
        problems.append(Problem(0, "value", "缺少必需的列：数值 / value", "missing required column: 数值 / value"))
    if "year" not in mapping and not wide:
        problems.append(Problem(0, "year", "缺少年份：需要“年份”列或每年一列（如 2023）",
                                "missing year: add a 年份/year column or one column per year (e.g. 2023)"))
    if wide and "value" in mapping:
        problems.append(Problem(0, mapping["value"], "同时有“数值”列和年份列，无法判断布局",
                                "both a value column and year columns: use one layout"))
    return mapping, wide, problems


def _to_long(table: pd.DataFrame, mapping: dict[str, str], wide: dict[str, int]) -> tuple[pd.DataFrame, str]:
    table = table.copy()
    table["source_row"] = range(2, len(table) + 2)  # the header is line 1, as Excel numbers rows
    renamed = table.rename(columns={v: k for k, v in mapping.items()})
    keep = ["source_row", *[c for c in HEADERS if c in renamed.columns and c not in ("year", "value")]]
    if not wide:
        return renamed[[*keep, "year", "value"]].assign(value_column=mapping["value"]), "long"
    long = renamed.melt(id_vars=keep, value_vars=list(wide), var_name="value_column", value_name="value")
    long["year"] = long["value_column"].map(lambda c: str(wide[c]))
    # Empty cells in a wide sheet are years without a figure, not errors.
    long = long[~long["value"].map(lambda v: str(v).strip().lower() in EMPTY_MARKS)]
    return long.sort_values(["source_row", "year"]).reset_index(drop=True), "wide"


# -- rows ------------------------------------------------------------------------------------------

def parse_number(raw: str) -> tuple[float | None, bool, str]:
    """(value, had a percent sign, reason when not a number)."""
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "")
    if text.lower() in EMPTY_MARKS:
        return None, False, "empty"
    if text.lower() in EXCEL_ERRORS:
        return None, False, "excel_error"
    if text.startswith(("=", "+", "@")) and not re.fullmatch(r"\+?\d[\d,]*(\.\d+)?%?", text):
        return None, False, "formula"
    percent = text.endswith("%")
    text = text.rstrip("%").replace(",", "").replace("，", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", text):
        return None, percent, "text"
    value = float(text)
    if not math.isfinite(value):
        return None, percent, "not_finite"  # 1e309 would be stored as infinity
    if value == 0 and re.search(r"[1-9]", text.split("e")[0].split("E")[0]):
        return None, percent, "underflow"  # 1e-400 would be stored as 0
    return value, percent, ""


PLAIN_NUMBER = r"-?\d+(?:\.\d+)?"
PLAIN_YEAR = r"\d{4}(?:\.0)?"
HTML_TAG = r"<\s*/?\s*[a-zA-Z][^>]*>"


def _validate(long: pd.DataFrame, ref: Reference) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every row; the good ones become rows, the others problems (none is stored).

    Most rows of a real file are plain: a known name or code, a four-digit year, a plain number,
    a unit that fits. Those are checked column by column, each distinct name, code and unit once;
    every other row takes the row-by-row path that words its problems (_check_row), so both give
    the same rows and messages.
    """
    long = long.reset_index(drop=True)
    text = {name: _column(long, name, folded=name in ("year", "value", "unit"))
            for name in ("region", "region_code", "indicator", "indicator_code", "year", "value",
                         "unit", "scope", "source", "note")}
    region_raw = text["region_code"].where(text["region_code"] != "", text["region"])
    indicator_raw = text["indicator_code"].where(text["indicator_code"] != "", text["indicator"])
    region_id = _lookup(region_raw, ref.resolve_region)
    indicator_id = _lookup(indicator_raw, ref.resolve_indicator)
    year_ok = text["year"].str.fullmatch(PLAIN_YEAR).fillna(False).astype(bool)
    year = text["year"].where(year_ok, "0").astype(float)
    year_ok &= year.between(*YEAR_RANGE)
    value_ok = text["value"].str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
    value = text["value"].where(value_ok, "0").astype(float)
    clean_text = ~(_has_markup(text["scope"]) | _has_markup(text["source"]) | _has_markup(text["note"]))
    unit_raw = text["unit"]
    # each distinct indicator and unit once: (factor to the canonical unit, canonical unit, is a
    # count or amount), or None when the unit does not fit
    pair = indicator_id.fillna("").astype(str) + "\x1f" + unit_raw
    codes, conversions = _per_distinct(pair, lambda key: _plain_conversion(*key.split("\x1f", 1), ref))
    factor = _spread([c[0] if c else np.nan for c in conversions], codes, long.index, float)
    canonical = _spread([c[1] if c else None for c in conversions], codes, long.index, object)
    never_negative = _spread([bool(c and c[2]) for c in conversions], codes, long.index, bool)
    fast = (region_id.notna() & indicator_id.notna() & year_ok & value_ok & value.notna()
            & clean_text & factor.notna() & ~((value < 0) & never_negative))
    good = pd.DataFrame({
        "source_row": long["source_row"].astype(int), "region_id": region_id, "indicator_id": indicator_id,
        "year": year.astype("Int64"), "value": (value * factor).round(9),
        "unit": canonical, "value_raw": _column(long, "value", folded=False),  # as written
        "unit_raw": unit_raw, "scope": text["scope"], "source": text["source"], "note": text["note"],
    })[fast]
    problems: list[tuple[int, Problem]] = []
    checked = {}
    for position in long.index[~fast]:
        record = long.loc[position].to_dict()
        found_problems: list[Problem] = []
        found = _check_row(record, int(record["source_row"]), record.get("value_column", "value"), ref,
                           found_problems)
        problems += [(position, p) for p in found_problems]
        if found is not None:
            checked[position] = found
    if checked:
        rows = pd.concat([good, pd.DataFrame.from_dict(checked, orient="index", columns=ROW_COLUMNS)])
        rows = rows.sort_index()
    else:
        rows = good
    rows["year"] = rows["year"].astype(int)
    # The same region, indicator and year twice: the first is kept, the later ones are refused.
    key = ["region_id", "indicator_id", "year"]
    repeated = rows.duplicated(key, keep="first")
    if repeated.any():
        first_line = rows[~repeated].set_index(key)["source_row"]
        columns = long["value_column"] if "value_column" in long else pd.Series("value", index=long.index)
        for position, row in rows[repeated].iterrows():
            seen = int(first_line.loc[(row["region_id"], row["indicator_id"], row["year"])])
            problems.append((position, Problem(int(row["source_row"]), columns[position],
                                               f"与第 {seen} 行重复（同一地区、指标、年份）",
                                               f"duplicate of row {seen} (same region, indicator and year)")))
        rows = rows[~repeated]
    problems.sort(key=lambda item: item[0])
    return rows.reset_index(drop=True)[ROW_COLUMNS], [p for _, p in problems]


def _column(long: pd.DataFrame, name: str, folded: bool) -> pd.Series:
    """A column as stripped text ('' when the file has no such column); ``folded``: full-width
    digits and signs made plain (NFKC), as the row-by-row checks read them."""
    if name not in long:
        return pd.Series("", index=long.index, dtype="str")
    column = long[name].astype(str).str.strip()
    if not folded:
        return column
    ascii_only = column.str.isascii()
    if not ascii_only.all():
        others = column[~ascii_only]
        folded = {v: unicodedata.normalize("NFKC", v).strip() for v in pd.unique(others)}
        if any(k != v for k, v in folded.items()):  # most often nothing to fold (家, 万元)
            column = column.where(ascii_only, others.map(folded))
    return column


def _has_markup(column: pd.Series) -> pd.Series:
    """HTML tags in a free-text column (the regular expression only where there is a '<')."""
    maybe = column.str.contains("<", regex=False)
    if not maybe.any():
        return maybe
    return maybe & column.where(maybe, "").str.contains(HTML_TAG)


def _per_distinct(values: pd.Series, function) -> tuple[np.ndarray, list]:
    """``function`` of each distinct value, computed once: (codes, results), results[codes[i]]
    being the value of row i."""
    codes, uniques = pd.factorize(values)
    return codes, [function(value) for value in uniques]


def _spread(results: list, codes: np.ndarray, index: pd.Index, dtype) -> pd.Series:
    return pd.Series(np.asarray(results, dtype=dtype)[codes] if len(results) else
                     np.empty(len(codes), dtype=dtype), index=index)


def _lookup(values: pd.Series, function) -> pd.Series:
    """``function`` of every value (an id or None), computed once per distinct value; an empty
    value is None."""
    codes, results = _per_distinct(values, lambda v: function(v) if v else None)
    return _spread(results, codes, values.index, object)


def _plain_conversion(indicator_id: str | None, unit_raw: str, ref: Reference) -> tuple | None:
    """(factor, canonical unit, cannot be negative) for a unit that fits the indicator, or None
    (the row then takes the path that words the problem)."""
    if not indicator_id:
        return None
    problems: list[Problem] = []
    converted = _convert(1.0, False, unit_raw, indicator_id, 0, ref, problems)
    if converted is None or problems:
        return None
    dimension = ref.unit(unit_raw).dimension if unit_raw and ref.unit(unit_raw) else "none"
    return converted[0], converted[1], dimension in MONEY_OR_COUNT


def _resolve(record: dict, field_name: str, line: int, resolve, suggest, problems: list[Problem],
             words: tuple[str, str]) -> str | None:
    """A region or indicator id from its code column or its name column; never a guess."""
    raw = str(record.get(f"{field_name}_code", "") or record.get(field_name, "")).strip()
    zh, en = words
    if not raw:
        problems.append(Problem(line, field_name, f"{zh}为空", f"{en} is empty"))
        return None
    found = resolve(raw)
    if found is None:
        hint = suggest(raw)
        problems.append(Problem(
            line, field_name, f"未知{zh}“{raw}”" + (f"，是否是：{'、'.join(hint)}？" if hint else ""),
            f"unknown {en} '{raw}'" + (f"; did you mean {', '.join(hint)}?" if hint else "")))
    return found


def _check_row(record: dict, line: int, column: str, ref: Reference,
               problems: list[Problem]) -> dict | None:
    before = len(problems)
    region_id = _resolve(record, "region", line, ref.resolve_region, ref.suggest_region, problems,
                         ("地区", "region"))
    indicator_id = _resolve(record, "indicator", line, ref.resolve_indicator, ref.suggest_indicator,
                            problems, ("指标", "indicator"))
    year_text = unicodedata.normalize("NFKC", str(record.get("year", ""))).strip().rstrip("年")
    year = int(float(year_text)) if re.fullmatch(r"\d{4}(\.0)?", year_text) else None
    if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        problems.append(Problem(line, "year", f"年份无效“{record.get('year', '')}”",
                                f"invalid year '{record.get('year', '')}'"))
    value_raw = str(record.get("value", ""))
    value, percent, reason = parse_number(value_raw)
    if reason:
        zh, en = {
            "empty": ("数值为空", "value is empty"),
            "excel_error": (f"数值是 Excel 错误“{value_raw}”", f"value is an Excel error '{value_raw}'"),
            "formula": (f"数值是公式“{value_raw[:30]}”，请粘贴为数值", f"value is a formula '{value_raw[:30]}': paste values only"),
            "text": (f"数值不是数字“{value_raw[:30]}”", f"value is not a number '{value_raw[:30]}'"),
            "not_finite": (f"数值过大，超出可存储的范围“{value_raw[:30]}”",
                           f"value is too large to be stored '{value_raw[:30]}'"),
            "underflow": (f"数值过小，会被存为 0“{value_raw[:30]}”",
                          f"value is too small: it would be stored as 0 '{value_raw[:30]}'"),
        }[reason]
        problems.append(Problem(line, column, zh, en))
    for text_field in ("note", "source", "scope"):
        text = str(record.get(text_field, ""))
        if re.search(r"<\s*/?\s*[a-zA-Z][^>]*>", text):
            problems.append(Problem(line, text_field, "含有 HTML 标签，请删除", "contains HTML markup: remove it"))
    unit_raw = unicodedata.normalize("NFKC", str(record.get("unit", ""))).strip()
    converted = None
    if indicator_id and value is not None:
        converted = _convert(value, percent, unit_raw, indicator_id, line, ref, problems)
    if len(problems) > before:
        return None
    return {"source_row": line, "region_id": region_id, "indicator_id": indicator_id, "year": year,
            "value": converted[0], "unit": converted[1], "value_raw": value_raw.strip(),
            "unit_raw": unit_raw or ("%" if percent else ""),
            "scope": str(record.get("scope", "")).strip(), "source": str(record.get("source", "")).strip(),
            "note": str(record.get("note", "")).strip()}


def _convert(value: float, percent: bool, unit_raw: str, indicator_id: str, line: int,
             ref: Reference, problems: list[Problem]) -> tuple[float, str] | None:
    indicator = ref.indicator(indicator_id)
    canonical = indicator["unit"]
    wanted = ref.dimension_of_indicator(indicator_id)
    unit_name = unit_raw or ("%" if percent else canonical)
    unit = ref.unit(unit_name) if unit_name else None
    if unit_name and unit is None:
        problems.append(Problem(line, "unit", f"未知单位“{unit_raw}”", f"unknown unit '{unit_raw}'"))
        return None
    dimension = unit.dimension if unit else "none"
    fits = dimension == wanted or bool(unit and names_denominator(canonical, unit.unit))
    if not fits or (percent and dimension != "percent"):
        problems.append(Problem(line, "unit", f"单位“{unit_name}”不适用于指标“{indicator['name_zh']}”（应为 {canonical or '无单位'}）",
                                f"unit '{unit_name}' is not possible for {indicator['name_en']} (expected {canonical or 'no unit'})"))
        return None
    if value < 0 and dimension in MONEY_OR_COUNT:
        problems.append(Problem(line, "value", f"数值不能为负：{value:g}", f"a count or amount cannot be negative: {value:g}"))
        return None
    factor = unit.factor if unit else 1.0
    return round(value * factor, 9), canonical


def _reject(empty: pd.DataFrame, zh: str, en: str, encoding: str = "") -> ParseResult:
    return ParseResult(empty, [Problem(0, "", zh, en)], encoding)


# -- preview ---------------------------------------------------------------------------------------

def preview(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """What confirming would do to each good row: add, replace (with the old value) or same."""
    if rows.empty:
        return rows.assign(action=[], previous_value=[], previous_source=[])
    if current.empty:
        return rows.assign(action="add", previous_value=float("nan"), previous_source="")
    old = current.rename(columns={"value": "previous_value"})
    old["previous_source"] = old["source_file"].astype(str) + " " + old["source_detail"].astype(str).str[:30]
    merged = rows.merge(old[["region_id", "indicator_id", "year", "previous_value", "previous_source"]],
                        on=["region_id", "indicator_id", "year"], how="left")
    merged["action"] = "add"
    known = merged["previous_value"].notna()
    merged.loc[known, "action"] = "replace"
    merged.loc[known & (merged["previous_value"] - merged["value"]).abs().lt(1e-9), "action"] = "same"
    return merged


def template(keys: pd.DataFrame) -> pd.DataFrame:
    """Every region, indicator and year that has a target (queries: upload_template), value left
    empty, Chinese headers."""
    return pd.DataFrame({
        "地区": keys["region_name_zh"], "区划代码": keys["region_id"], "指标": keys["indicator_name_zh"],
        "指标代码": keys["indicator_id"], "年份": keys["year"].astype(int), "数值": "",
        "单位": keys["unit"], "口径": "", "来源": "", "备注": ""}).reset_index(drop=True)
