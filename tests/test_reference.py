import pandas as pd
import pytest

from etl.reference import read_indicators, read_regions, read_units


class TestResolveRegion:
    @pytest.mark.parametrize("name, expected", [
        ("吉首市", "433101"), ("吉首", "433101"), ("吉首市人民政府", "433101"),
        ("泸溪县", "433122"), ("瀘溪縣", "433122"), ("泸溪", "433122"),
        ("湘西州", "433100"), ("湘西土家族苗族自治州", "433100"),
        ("湘西高新区", "433101Z1"), ("湘西高新区管委会", "433101Z1"),
        ("岳阳县", "430621"), ("岳陽縣", "430621"), ("岳阳", "430600"),
        ("江华县", "431129"), ("433101", "433101"),
    ])
    def test_names_codes_and_forms(self, ref, name, expected):
        assert ref.resolve_region(name) == expected

    def test_department_is_not_a_region(self, ref):
        assert ref.resolve_region("州科技局") is None

    def test_local_alias_only_inside_its_host(self, ref):
        assert ref.resolve_region("高新园区管委会", within="430621") == "430621Z1"
        assert ref.resolve_region("高新园区管委会") is None

    def test_typo_gets_suggestions_not_a_guess(self, ref):
        assert ref.resolve_region("泸西县") is None
        assert "泸溪县" in ref.suggest_region("泸西县")


class TestRegionsTable:
    def test_covers_all_of_hunan(self):
        regions = read_regions()
        assert (regions["level"] == "prefecture").sum() == 14
        county_levels = regions["level"].isin(["county", "county_city", "district"])
        assert county_levels.sum() == 122
        assert regions["region_id"].is_unique

    def test_every_region_has_names_and_a_known_parent(self):
        regions = read_regions()
        assert regions["name_en"].str.len().gt(0).all()
        parents = regions.loc[regions["parent_id"] != "", "parent_id"]
        assert parents.isin(regions["region_id"]).all()

    def test_zones_have_a_host(self):
        zones = read_regions().query("level == 'zone'")
        assert len(zones) >= 1 and zones["host_id"].str.len().gt(0).all()


class TestIndicatorsTable:
    def test_every_indicator_has_unit_direction_and_both_names(self):
        table = read_indicators()
        units = set(read_units()["unit"]) | {""}
        assert table["indicator_id"].is_unique
        assert table["name_zh"].str.len().gt(0).all() and table["name_en"].str.len().gt(0).all()
        assert table["direction"].isin(["higher", "lower"]).all()
        assert table["unit"].isin(units).all(), set(table["unit"]) - units
        numerators = table.loc[table["numerator_id"] != "", "numerator_id"]
        assert numerators.isin(table["indicator_id"]).all()

    def test_lower_is_better_indicators(self):
        table = read_indicators().set_index("indicator_id")
        assert table.loc["energy_intensity", "direction"] == "lower"
        assert table.loc["urban_rural_income_ratio", "direction"] == "lower"

    def test_no_alias_names_two_indicators(self):
        aliases = read_indicators()["aliases"].str.split("|").explode()
        assert not aliases[aliases.duplicated()].tolist()

    @pytest.mark.parametrize("name, expected", [
        ("全社会研发经费投入", "rd_expenditure"), ("R&D經費支出", "rd_expenditure"),
        ("研发经费投入", "rd_expenditure"), ("全社會R&D 經費支出占GDP 比重", "rd_intensity"),
        ("高新技术企业数", "hightech_enterprises"), ("單位地區生產總值能耗", "energy_intensity"),
        ("hightech_enterprises", "hightech_enterprises"),
    ])
    def test_resolve(self, ref, name, expected):
        assert ref.resolve_indicator(name) == expected


class TestUnits:
    @pytest.mark.parametrize("unit, factor, canonical", [
        ("亿元", 10000, "万元"), ("億元", 10000, "万元"), ("万元", 1, "万元"), ("元", 0.0001, "万元"),
        ("％", 1, "%"), ("萬元/人", 1, "万元/人"), ("人/年", 1, "人/年"),
    ])
    def test_conversion_to_canonical(self, ref, unit, factor, canonical):
        found = ref.unit(unit)
        assert found.factor == pytest.approx(factor) and found.canonical == canonical

    def test_unknown_unit(self, ref):
        assert ref.unit("斤") is None
