"""Plan checks fire on the seed examples and on written cases, and stay silent on consistent ones."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from etl import build, paths, queries, review
from etl.checks import plan_checks

BASE = {"document_id": "t.txt", "indicator_label": "", "unit": "家", "year_scope": "year",
        "status": "target", "kind": "level", "quote": "", "scope_note": ""}


def frame(*rows) -> pd.DataFrame:
    table = pd.DataFrame([{**BASE, **row} for row in rows])
    table["target_key"] = [f"t.txt@{i}-{i + 1}#1" for i in range(len(table))]
    return table


def kinds(targets: pd.DataFrame, ref) -> list[str]:
    return sorted(plan_checks(targets, ref.regions, ref.indicators)["check_kind"])


@pytest.fixture(scope="module")
def seed_checks(session_db_dir):
    with duckdb.connect(str(session_db_dir / "targets.duckdb"), read_only=True) as connection:
        return connection.execute("select * from plan_checks").df()


def test_seed_target_below_the_reported_result(seed_checks):
    found = seed_checks[(seed_checks["check_kind"] == "below_actual") &
                        seed_checks["message_zh"].str.contains("34个低于 2022年已实现的 44个")]
    assert len(found) == 1 and found["region_id"].iloc[0] == "430300"


def test_seed_counties_do_not_add_up_to_the_prefecture(seed_checks):
    found = seed_checks[(seed_checks["check_kind"] == "parts_vs_whole") &
                        (seed_checks["indicator_id"] == "hightech_enterprises") &
                        (seed_checks["year"] == 2024)]
    assert found["message_zh"].str.contains("目标之和 242家，少于本级目标 280家").all()
    assert len(found) == 1


def test_seed_two_values_for_one_region_indicator_and_year(seed_checks):
    found = seed_checks[(seed_checks["check_kind"] == "two_values") &
                        (seed_checks["region_id"] == "433125")]
    assert found["message_zh"].str.contains("40%、60%").any()


def test_seed_zone_and_host_overlap(seed_checks):
    found = seed_checks[(seed_checks["check_kind"] == "overlap") &
                        (seed_checks["indicator_id"] == "rd_staff")]
    assert list(found["region_id"]) == ["433101"]


@pytest.mark.parametrize("rows, expected", [
    # a target below last year's result, and one above it
    ([{"region_id": "430300", "indicator_id": "hightech_enterprises", "year": 2023, "value": 30},
      {"region_id": "430300", "indicator_id": "hightech_enterprises", "year": 2022, "value": 44,
       "status": "actual"}], ["below_actual"]),
    ([{"region_id": "430300", "indicator_id": "hightech_enterprises", "year": 2023, "value": 50},
      {"region_id": "430300", "indicator_id": "hightech_enterprises", "year": 2022, "value": 44,
       "status": "actual"}], []),
    # counties adding up to their prefecture, and not
    ([{"region_id": "433100", "indicator_id": "hightech_enterprises", "year": 2024, "value": 30},
      {"region_id": "433122", "indicator_id": "hightech_enterprises", "year": 2024, "value": 10},
      {"region_id": "433123", "indicator_id": "hightech_enterprises", "year": 2024, "value": 20}], []),
    ([{"region_id": "433100", "indicator_id": "hightech_enterprises", "year": 2024, "value": 40},
      {"region_id": "433122", "indicator_id": "hightech_enterprises", "year": 2024, "value": 10},
      {"region_id": "433123", "indicator_id": "hightech_enterprises", "year": 2024, "value": 20}],
     ["parts_vs_whole"]),
    # the same target stated twice is consistent; two values are not
    ([{"region_id": "433122", "indicator_id": "hightech_enterprises", "year": 2024, "value": 10},
      {"region_id": "433122", "indicator_id": "hightech_enterprises", "year": 2024, "value": 10}], []),
    ([{"region_id": "433122", "indicator_id": "hightech_enterprises", "year": 2024, "value": 10},
      {"region_id": "433122", "indicator_id": "hightech_enterprises", "year": 2024, "value": 12}],
     ["two_values"]),
    # growth of 10% between levels 100 and 110 is consistent; 20% is not
    ([{"region_id": "433122", "indicator_id": "rd_expenditure", "year": 2023, "value": 100, "unit": "万元"},
      {"region_id": "433122", "indicator_id": "rd_expenditure", "year": 2024, "value": 110, "unit": "万元"},
      {"region_id": "433122", "indicator_id": "rd_expenditure", "year": 2024, "value": 10,
       "unit": "%", "kind": "growth_pct"}], []),
    ([{"region_id": "433122", "indicator_id": "rd_expenditure", "year": 2023, "value": 100, "unit": "万元"},
      {"region_id": "433122", "indicator_id": "rd_expenditure", "year": 2024, "value": 110, "unit": "万元"},
      {"region_id": "433122", "indicator_id": "rd_expenditure", "year": 2024, "value": 20,
       "unit": "%", "kind": "growth_pct"}], ["growth_vs_levels"]),
])
def test_checks_on_written_cases(ref, rows, expected):
    assert kinds(frame(*rows), ref) == expected


def test_an_explained_check_stays_explained_after_a_rebuild(project):
    checks = queries.frame("plan_checks", {"document_id": None, "region_id": None})
    chosen = checks[checks["check_kind"] == "parts_vs_whole"]["check_id"].iloc[0]
    review.append_decision(review.explain_check(chosen, "州本级目标含州直单位", "li"))
    report = build.run()
    after = queries.frame("plan_checks", {"document_id": None, "region_id": None}).set_index("check_id")
    assert after.loc[chosen, "explained"] and "州本级目标含州直单位" in after.loc[chosen, "explanation"]
    assert f"plan checks to look at: {len(after) - 1}" in str(report)
    assert paths.corrections_file().exists()


@pytest.mark.parametrize("body, expected", [
    ("2023年，全县高新技术企业达到50家。\n二、2024年目标\n2024年，全县高新技术企业达到40家。"
     "全县高新技术企业力争达到45家。", ["below_actual", "below_actual", "two_values"]),
    ("2023年，全县高新技术企业达到30家。\n二、2024年目标\n2024年，全县高新技术企业达到40家。", []),
])
def test_checks_on_a_document_the_test_writes(project, ref, tmp_path, body, expected):
    from etl.intake.store import add_document

    plan = tmp_path / "plan.txt"
    plan.write_text("新化县2024年科技创新工作要点\n一、工作回顾\n" + body + "\n", encoding="utf-8")
    add_document(plan, paths.RAW_DIR, ref, "新化县", "2024")
    build.run()
    fired = queries.plan_checks(region_id="431322")
    assert sorted(fired["check_kind"]) == expected
