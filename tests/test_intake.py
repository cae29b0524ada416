"""Document intake: readers for every format, metadata inference, set-aside documents, add-document."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import docx
import duckdb
import pytest

from etl import __main__ as cli
from etl import build, paths
from etl.documents import DocumentError, read_documents
from etl.intake import Given, infer_metadata, read_text
from etl.intake.metadata import period_from_title
from etl.intake.readers import MAX_BYTES
from conftest import RAW

PLAN = """\
隆回县2024年科技创新工作要点
一、主要目标
全年净增高新技术企业12家以上，技术合同成交额达到3.5亿元。
"""
NO_REGION = """\
科技创新工作要点（2024年）
一、主要目标
全县净增高新技术企业12家以上，技术合同成交额达到3.5亿元。
"""
HTML = """<!DOCTYPE html><html><head><meta charset="gbk"><title>门户网站</title>
<style>p { color: red }</style><script>var x = "2019年";</script></head>
<body><nav><a href="/">首页</a> <a href="/zwgk">政务公开</a></nav>
<h1>隆回县2024年科技创新
  工作要点</h1>
<p>全年净增高新技术企业12家以上。</p>
<table><tr><th>指标</th><th>2024年目标</th><th>备注</th></tr>
<tr><td>技术合同成交额（亿元）</td><td>3.5</td><td></td></tr></table>
<p style="display:none">隐藏的文字</p>
</body></html>"""


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines``: a CID font with a ToUnicode map, as
    Chinese PDFs have; no page content at all when ``lines`` is empty (a scan without OCR)."""
    chars = sorted({ch for line in lines for ch in line})
    content = ["BT /F1 12 Tf 14 TL 50 800 Td"]
    content += ["<" + "".join(f"{ord(ch):04X}" for ch in line) + "> Tj T*" for line in lines]
    stream = ("\n".join(content + ["ET"]) if lines else "0 0 595 842 re S").encode("ascii")
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo "
            "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName "
            "/Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> "
            "endcodespacerange\n")
    for i in range(0, len(chars), 100):
        block = chars[i:i + 100]
        cmap += f"{len(block)} beginbfchar\n" + "".join(
            f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in block) + "endbfchar\n"
    cmap_bytes = (cmap + "endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap_bytes) + cmap_bytes + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def make_docx(path) -> None:
    document = docx.Document()
    document.add_paragraph("隆回县2024年科技创新工作要点")
    document.add_paragraph("\t一、主要目标")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("指标", "2023年", "2024年目标"),
                                        ("技术合同成交额（亿元）", "3.0", "3.5"),
                                        ("高新技术企业（家）", "", "60")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    merged = document.add_table(rows=2, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格"
    merged.cell(0, 2).text = "甲"
    merged.cell(1, 2).text = "乙|丙"
    document.add_paragraph("全年净增高新技术企业12家以上。")
    document.save(str(path))


def write(path, data: bytes | str, encoding: str = "utf-8"):
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def targets(database) -> set[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return set(connection.execute(
            "select document_id, indicator_id, year, value, quote_start from targets").fetchall())


@pytest.fixture
def raw(tmp_path):
    """A private copy of the seed documents."""
    directory = tmp_path / "raw"
    shutil.copytree(RAW, directory)
    return directory


@pytest.fixture
def project(raw, tmp_path, session_db_dir, monkeypatch):
    """data/raw and the database in tmp_path, the seed build in place as the previous database."""
    shutil.copy(session_db_dir / "targets.duckdb", tmp_path / "targets.duckdb")
    monkeypatch.setattr(paths, "RAW_DIR", raw)
    monkeypatch.setattr(paths, "DB_DIR", tmp_path)
    return tmp_path


class TestReadText:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16",
                                          "utf-16-le", "utf-16-be"])
    def test_text_in_every_encoding(self, tmp_path, encoding):
        path = write(tmp_path / "plan.txt", PLAN, encoding)
        assert read_text(path) == PLAN

    def test_short_gbk_is_not_misread(self, tmp_path):
        assert read_text(write(tmp_path / "a.txt", "隆回县", "gbk")) == "隆回县"

    def test_docx_keeps_paragraphs_and_tables_as_pipe_rows(self, tmp_path):
        make_docx(tmp_path / "plan.docx")
        lines = read_text(tmp_path / "plan.docx").splitlines()
        assert lines[:2] == ["隆回县2024年科技创新工作要点", "一、主要目标"]  # no leading tab
        assert lines[2:5] == ["| 指标 | 2023年 | 2024年目标 |",
                              "| 技术合同成交额（亿元） | 3.0 | 3.5 |",
                              "| 高新技术企业（家） | - | 60 |"]
        assert lines[5:7] == ["| 合并单元格 | - | 甲 |", "| - | - | 乙｜丙 |"]
        assert lines[7] == "全年净增高新技术企业12家以上。"

    def test_docx_table_is_read_by_the_layout_as_one_row_per_line(self, tmp_path):
        from etl.layout import split_rows

        make_docx(tmp_path / "plan.docx")
        rows = split_rows(read_text(tmp_path / "plan.docx"))
        pipe = [[c.text for c in row.cells] for row in rows if row.layout == "pipe"]
        assert pipe[:3] == [["指标", "2023年", "2024年目标"], ["技术合同成交额（亿元）", "3.0", "3.5"],
                            ["高新技术企业（家）", "-", "60"]]

    def test_pdf_with_a_text_layer(self, tmp_path):
        path = write(tmp_path / "plan.pdf", make_pdf(PLAN.splitlines()))
        assert read_text(path) == PLAN

    def test_pdf_compatibility_radicals_are_folded(self, tmp_path):
        path = write(tmp_path / "plan.pdf", make_pdf(["\u2f00年科技创新工作要点，目标\u2f00项"]))
        assert read_text(path).startswith("一年科技创新工作要点，目标一项")

    def test_html_drops_scripts_and_menus_and_keeps_tables(self, tmp_path):
        path = write(tmp_path / "page.html", HTML, "gbk")
        lines = read_text(path).splitlines()
        assert lines == ["隆回县2024年科技创新工作要点", "全年净增高新技术企业12家以上。",
                         "| 指标 | 2024年目标 | 备注 |", "| 技术合同成交额（亿元） | 3.5 | - |"]

    def test_html_layout_tables_are_read_as_paragraphs(self, tmp_path):
        page = ("<table><tr><td><p>标题一</p><table><tr><td>甲</td><td>1</td></tr></table></td>"
                "<td>侧栏</td></tr></table>")
        lines = read_text(write(tmp_path / "p.htm", page)).splitlines()
        assert lines == ["标题一", "| 甲 | 1 |", "侧栏"]

    @pytest.mark.parametrize("name, data, message", [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"\r\n  \n", "no text in the document"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
         "a binary file, not text"),
        ("word.txt", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "looks like a ZIP archive"),
        ("control.txt", bytes(range(1, 32)) * 40, "mostly not text"),
        ("scan.pdf", make_pdf([]), "scanned PDF without a text layer; OCR it first"),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "not a readable PDF"),
        ("fake.docx", "隆回县".encode(), "not a readable .docx file"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
    ])
    def test_unreadable_documents_get_a_clear_message(self, tmp_path, name, data, message):
        with pytest.raises(DocumentError, match=message):
            read_text(write(tmp_path / name, data))

    def test_files_over_the_limit_are_refused_before_reading(self, tmp_path, monkeypatch):
        path = tmp_path / "huge.txt"
        with path.open("wb") as handle:
            handle.truncate(MAX_BYTES + 1)  # sparse: the size without the bytes
        monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("read it"))
        with pytest.raises(DocumentError, match="over the 20 MB limit"):
            read_text(path)


class TestPeriodFromTitle:
    @pytest.mark.parametrize("title, period", [
        ("隆回县2023年工作要点", (2023, 2023)),
        ("加快科技创新推动经济高质量发展三年行动计划（2022－2024年）任务分解表", (2022, 2024)),
        ("隆回县“十四五”科技创新规划", (2021, 2025)),
        ("湖南省“十五五”科技创新规划", (2026, 2030)),
        ("關于印發《湘潭市推進國家創新型城市建設 2023年工作實施方案》的通知", (2023, 2023)),
        ("关于印发《三年行动计划（2022—2024年）》2023年工作要点的通知", (2023, 2023)),
        ("二〇二三年科技创新工作要点", (2023, 2023)),
        ("2021-2025年科技创新规划", (2021, 2025)),
        ("双牌县打好科技创新攻坚仗工作方案", None),
    ])
    def test_period(self, title, period):
        found = period_from_title(title)
        assert (found[:2] if found else None) == period

    def test_by_a_year_starts_in_the_year_of_issue(self):
        assert period_from_title("到2025年科技创新主要目标", 2022)[:2] == (2022, 2025)
        assert period_from_title("到2025年科技创新主要目标")[:2] == (2025, 2025)


class TestInferMetadata:
    def test_a_stray_year_in_the_opening_lines_is_not_the_period(self, ref):
        text = "攸县2019年科技工作要点\n根据《2018年全省科技工作会议》精神，制定本要点。\n一、目标\n"
        meta = infer_metadata(text, ref)
        assert (meta["period_start"], meta["period_end"]) == (2019, 2019)
        assert meta["inferred"]["period_start"]["how"].startswith("title: 2019年")

    def test_without_a_year_in_the_title_the_issue_date_gives_it(self, ref):
        text = ("攸县科技创新工作方案\n2018年以来，我县科技工作取得新进展。\n一、目标\n全年新增专利30件。\n"
                "攸县人民政府\n2019年3月1日\n")
        meta = infer_metadata(text, ref)
        assert (meta["period_start"], meta["period_end"]) == (2019, 2019)
        assert meta["published"] == "2019-03-01" and meta["issuer"] == "攸县人民政府"
        assert "issued 2019-03-01" in meta["inferred"]["period_start"]["how"]

    def test_a_stray_year_alone_gives_no_period(self, ref):
        meta = infer_metadata("攸县科技创新工作方案\n2018年以来，我县科技工作取得新进展。\n", ref)
        assert (meta["period_start"], meta["period_end"]) == (0, 0)

    def test_the_issue_year_in_chinese_numerals_and_a_document_number(self, ref):
        text = "攸政办发〔2021〕3号\n攸县科技创新工作方案\n一、目标\n攸县人民政府办公室\n二〇二一年三月五日\n"
        meta = infer_metadata(text, ref)
        assert meta["doc_number"] == "攸政办发〔2021〕3号" and meta["published"] == "2021-03-05"
        assert (meta["period_start"], meta["period_end"]) == (2021, 2021)

    def test_region_from_the_title_the_most_specific_one(self, ref):
        meta = infer_metadata("湖南省隆回县2024年科技创新工作要点\n", ref)
        assert meta["region_id"] == "430524"
        assert meta["inferred"]["region_id"]["how"] == "title names 隆回县"

    def test_region_from_the_issuer_when_the_title_has_none(self, ref):
        meta = infer_metadata("科技创新工作要点（2024年）\n攸县人民政府\n一、目标\n", ref)
        assert meta["region_id"] == "430223"
        assert meta["inferred"]["region_id"]["how"] == "issuer names 攸县"

    def test_only_quanxian_gives_no_region_and_does_not_crash(self, ref):
        meta = infer_metadata(NO_REGION, ref)
        assert meta["region_id"] == "" and (meta["period_start"], meta["period_end"]) == (2024, 2024)

    def test_given_values_win_and_are_recorded(self, ref):
        given = Given(region_id="430524", region_input="隆回县", period=(2023, 2023),
                      year_input="2023", title="隆回县科技创新工作要点")
        meta = infer_metadata(PLAN, ref, given)
        assert (meta["region_id"], meta["period_start"], meta["title"]) == \
            ("430524", 2023, "隆回县科技创新工作要点")
        assert meta["given"]["region_id"] == {"value": "430524", "how": "given --region 隆回县"}
        assert "region_id" not in meta["inferred"] and "period_start" not in meta["inferred"]


class TestSetAside:
    def test_bad_documents_are_set_aside_and_the_rest_is_built(self, raw, tmp_path, ref):
        write(raw / "900_no_region.txt", NO_REGION)
        write(raw / "901_empty.txt", b"")
        write(raw / "902_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        write(raw / "903_scan.pdf", make_pdf([]))
        documents, set_aside = read_documents(raw, ref)
        assert len(documents) == 5
        reasons = dict(set_aside)
        assert "no region" in reasons["900_no_region.txt"] and "全县" in reasons["900_no_region.txt"]
        assert reasons["901_empty.txt"] == "the file is empty"
        assert "binary" in reasons["902_binary.txt"]
        assert reasons["903_scan.pdf"].startswith("scanned PDF without a text layer; OCR it first")

    def test_a_region_not_in_the_table_and_a_changed_text(self, raw, ref):
        meta = raw / "002_a0aa2766bb8c39c1.meta.json"
        data = json.loads(meta.read_text(encoding="utf-8"))
        meta.write_text(json.dumps(data | {"region_id": "000000"}, ensure_ascii=False), "utf-8")
        path = raw / "003_e388266448963a87.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        documents, set_aside = read_documents(raw, ref)
        assert len(documents) == 3
        assert "'000000' is not in the regions table" in dict(set_aside)["002_a0aa2766bb8c39c1.txt"]
        assert "checksum differs" in dict(set_aside)["003_e388266448963a87.txt"]

    def test_a_document_without_metadata_in_another_format_is_read_directly(self, raw, ref):
        make_docx(raw / "905_plan.docx")
        documents, set_aside = read_documents(raw, ref)
        added = [d for d in documents if d.document_id == "905_plan.docx"][0]
        assert (added.meta["region_id"], added.period) == ("430524", (2024, 2024))
        assert added.meta["is_metadata_inferred"] and not set_aside

    def test_command_line_exits_0_lists_the_set_aside_and_keeps_every_target(self, project, raw):
        before = targets(project / "targets.duckdb")
        write(raw / "900_no_region.txt", NO_REGION)
        write(raw / "901_empty.txt", b"")
        write(raw / "902_binary.txt", b"PK\x03\x04\x14\x00\x06\x00" + bytes(300))
        write(raw / "903_scan.pdf", make_pdf([]))
        env = os.environ | {"KJ_RAW_DIR": str(raw), "KJ_DB_DIR": str(project)}
        result = subprocess.run([sys.executable, "-m", "etl"], env=env, capture_output=True,
                                text=True, cwd=paths.PROJECT_DIR)
        assert result.returncode == 0, result.stderr
        assert "5 documents" in result.stdout and "set aside 4 documents" in result.stdout
        for line in ["900_no_region.txt: no region", "901_empty.txt: the file is empty",
                     "902_binary.txt: a binary file, not text",
                     "903_scan.pdf: scanned PDF without a text layer; OCR it first"]:
            assert line in result.stdout
        assert targets(project / "targets.duckdb") == before

    def test_when_every_document_is_set_aside_the_previous_database_stays(self, project, raw,
                                                                          capsys):
        database = project / "targets.duckdb"
        before = database.read_bytes()
        for path in raw.glob("*.txt"):
            write(path, b"")
        assert cli.main([]) == 1
        error = capsys.readouterr().err
        assert "nothing to build: all 5 documents" in error and "kept the previous database" in error
        assert "000_b4e6f78e32eb3b31.txt: the file is empty" in error
        assert database.read_bytes() == before
        with pytest.raises(build.NothingToBuild):
            build.run(raw, database)


class TestAddDocument:
    def test_docx_with_a_given_region_is_stored_and_built(self, project, raw, tmp_path, capsys):
        make_docx(tmp_path / "plan.docx")
        before = set(raw.iterdir())
        assert cli.main(["add-document", str(tmp_path / "plan.docx"), "--region", "430524"]) == 0
        out = capsys.readouterr().out
        new = sorted(p.name for p in set(raw.iterdir()) - before)
        assert len(new) == 3 and new[0].startswith("005_")
        base = new[0].split(".")[0]
        assert new == [f"{base}.meta.json", f"{base}.orig.docx", f"{base}.txt"]
        assert (raw / f"{base}.orig.docx").read_bytes() == (tmp_path / "plan.docx").read_bytes()
        meta = json.loads((raw / f"{base}.meta.json").read_text(encoding="utf-8"))
        assert meta["given"]["region_id"] == {"value": "430524", "how": "given --region 430524"}
        assert meta["inferred"]["period_start"]["value"] == 2024
        assert meta["original"]["name"] == "plan.docx" and meta["title"].startswith("隆回县2024年")
        assert f"added plan.docx as {base}.txt" in out and "6 documents" in out
        with duckdb.connect(str(project / "targets.duckdb"), read_only=True) as connection:
            assert connection.execute("select count(*) from targets where document_id = ?",
                                      [f"{base}.txt"]).fetchone()[0] > 0

    def test_gbk_text_gets_a_utf8_copy_and_keeps_its_original(self, project, raw, tmp_path,
                                                              capsys):
        source = write(tmp_path / "plan.txt", PLAN, "gbk")
        assert cli.main(["add-document", str(source), "--year", "2024"]) == 0
        text = next(raw.glob("005_*.txt"))
        assert text.read_text(encoding="utf-8") == PLAN
        assert next(raw.glob("005_*.orig.txt")).read_bytes() == source.read_bytes()
        meta = json.loads(next(raw.glob("005_*.meta.json")).read_text(encoding="utf-8"))
        assert meta["original"]["encoding"] == "gb18030"
        assert meta["inferred"]["region_id"] == {"value": "430524", "how": "title names 隆回县"}
        assert meta["given"]["period_start"] == {"value": 2024, "how": "given --year 2024"}

    @pytest.mark.parametrize("name, data, args, message", [
        ("plan.txt", NO_REGION.encode(), [], "no region"),
        ("empty.txt", b"", [], "the file is empty"),
        ("scan.pdf", make_pdf([]), ["--region", "隆回县"], "scanned PDF without a text layer"),
        ("plan.txt", PLAN.encode(), ["--region", "不存在县"], "no such region"),
        ("plan.txt", PLAN.encode(), ["--year", "去年"], "give a year"),
        ("plan.txt", PLAN.replace("2024年", "").encode(), [], "no plan year"),
    ])
    def test_a_document_that_cannot_be_placed_changes_nothing(self, project, raw, tmp_path,
                                                              capsys, name, data, args, message):
        before = {p.name: p.read_bytes() for p in raw.iterdir()}
        database = (project / "targets.duckdb").read_bytes()
        assert cli.main(["add-document", str(write(tmp_path / name, data)), *args]) == 1
        assert message in capsys.readouterr().err
        assert {p.name: p.read_bytes() for p in raw.iterdir()} == before
        assert (project / "targets.duckdb").read_bytes() == database

    def test_an_ambiguous_region_names_its_candidates(self, project, raw, tmp_path, capsys, ref):
        if not hasattr(ref, "region_candidates") or len(ref.region_candidates("鼓楼区")) < 2:
            pytest.skip("the regions table has no name shared by two regions")
        source = write(tmp_path / "plan.txt", PLAN)
        assert cli.main(["add-document", str(source), "--region", "鼓楼区"]) == 1
        error = capsys.readouterr().err
        assert "ambiguous" in error and "320106" in error and "350102" in error

    def test_the_same_document_twice_is_refused(self, project, raw, tmp_path, capsys):
        source = write(tmp_path / "page.html", HTML, "gbk")
        assert cli.main(["add-document", str(source)]) == 0
        assert cli.main(["add-document", str(source)]) == 1
        assert "already in" in capsys.readouterr().err
        assert len(list(raw.glob("*.meta.json"))) == 6


def test_pinyin_printed_after_characters_is_not_the_text():
    from etl.intake.readers import without_pinyin
    assert without_pinyin("申報(bào)市級(jí)以上創(chuàng)新平臺(tái)2家以上") == "申報市級以上創新平臺2家以上"
    assert without_pinyin("研发经费(万元)达到(含)5000") == "研发经费(万元)达到(含)5000"  # not pinyin
    assert without_pinyin("平台(a)和 GDP(gdp)") == "平台(a)和 GDP(gdp)"  # a list marker; after Latin
    assert without_pinyin("目的(de)") == "目的"
