import pandas as pd
import pytest

from dashboard.rollup import double_counted, implied_growth, index_to_base, prefecture_rollup, rollup_rows

REGIONS = pd.DataFrame([
    ("P", "州", "prefecture", "430000"), ("A", "吉首市", "county_city", "P"),
    ("Z", "湘西高新技术产业开发区", "zone", "P"), ("B", "泸溪县", "county", "P"),
], columns=["region_id", "name_zh", "level", "parent_id"])


def facts(rows):
    return pd.DataFrame(rows, columns=["region_id", "region_name_zh", "region_name_en", "indicator_id",
                                       "year", "value", "kind", "scope_note"])


STAFF = facts([
    ("A", "吉首市", "Jishou", "rd_staff", 2022, 300, "level", "含湘西高新区"),
    ("A", "吉首市", "Jishou", "rd_staff", 2024, 400, "level", "含湘西高新区"),
    ("Z", "湘西高新技术产业开发区", "Zone", "rd_staff", 2022, 300, "level", "含吉首市"),
    ("Z", "湘西高新技术产业开发区", "Zone", "rd_staff", 2024, 400, "level", "含吉首市"),
    ("B", "泸溪县", "Luxi", "rd_staff", 2022, 390, "level", ""),
    ("B", "泸溪县", "Luxi", "rd_staff", 2024, 490, "level", ""),
    ("P", "州", "Prefecture", "rd_staff", 2022, 2200, "level", ""),
    ("P", "州", "Prefecture", "rd_staff", 2024, 3000, "level", ""),
])


def test_mutual_inclusion_counts_once():
    assert double_counted(STAFF[STAFF["region_id"] != "P"]) == {"Z": "A"}


def test_rollup_difference():
    table, left_out = prefecture_rollup(STAFF, REGIONS, "P", "rd_staff")
    row = table.set_index("year").loc[2022]
    assert left_out == {"Z": "A"}
    assert row["sum_of_parts"] == 690 and row["parts"] == 2
    assert row["difference"] == -1510


def test_implied_growth():
    growth = implied_growth(STAFF[STAFF["region_id"] == "B"]).iloc[0]
    assert growth["annual_growth_pct"] == pytest.approx(((490 / 390) ** 0.5 - 1) * 100)


def test_index_to_base():
    indexed = index_to_base(STAFF, 2022)
    assert indexed.query("region_id == 'B' and year == 2024")["value"].iloc[0] == pytest.approx(490 / 390 * 100)


def test_rollup_rows_are_the_prefecture_and_its_counted_parts_only():
    other = facts([("Q", "市", "City", "rd_staff", 2022, 830, "level", "")]).assign(document_id="001")
    staff = pd.concat([STAFF.assign(document_id="000"), other], ignore_index=True)
    rows = rollup_rows(staff, REGIONS, "P", "rd_staff")
    assert set(rows["region_id"]) == {"P", "A", "B"}  # Q is not P's; Z is inside A
    assert set(rows["document_id"]) == {"000"}
