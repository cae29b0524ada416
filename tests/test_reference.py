import pytest

from etl.reference import read_indicators, read_region_text_stopwords, read_regions, read_units

# (region_id, name_zh, level, parent_id) of Hunan rows the seed documents and tests rely on.
HUNAN_ROWS = [
    ("430000", "湖南省", "province", ""), ("430100", "长沙市", "prefecture", "430000"),
    ("430621", "岳阳县", "county", "430600"), ("430781", "津市市", "county_city", "430700"),
    ("430802", "永定区", "district", "430800"), ("431129", "江华瑶族自治县", "county", "431100"),
    ("433100", "湘西土家族苗族自治州", "prefecture", "430000"),
    ("433101", "吉首市", "county_city", "433100"), ("433122", "泸溪县", "county", "433100"),
]
COUNTY_LEVELS = ["county", "county_city", "district"]


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

    def test_short_alias_of_common_word_is_dropped(self, ref):
        assert ref.resolve_region("会同县") == "431225"
        assert ref.resolve_region("会同") is None and ref.resolve_region("通道") is None

    def test_typo_gets_suggestions_not_a_guess(self, ref):
        # 泸西县 is a real county of 云南 now that the table covers China: use a name nobody has
        assert ref.resolve_region("泸溪市") is None
        assert "泸溪县" in ref.suggest_region("泸溪市")


class TestRepeatedNames:
    def test_every_candidate_is_listed(self, ref):
        assert len(ref.region_candidates("鼓楼区")) >= 4
        assert "350102" in ref.region_candidates("鼓楼区")
        assert ref.region_candidates("没有这个地方") == []

    def test_no_within_means_no_guess(self, ref):
        for name in ["鼓楼区", "朝阳区", "西湖区", "永定区", "新华区"]:
            assert ref.resolve_region(name) is None, name

    @pytest.mark.parametrize("within", ["350100", "350000", "350102", "350104"])
    def test_document_region_chooses(self, ref, within):
        # the prefecture, the province, the district itself, a sibling district of 福州
        assert ref.resolve_region("鼓楼区", within=within) == "350102"

    def test_zone_documents_choose_through_their_prefecture(self, ref):
        assert ref.resolve_region("永定区", within="433101Z1") == "430802"
        assert ref.resolve_region("永定区", within="350800") == "350803"

    def test_still_ambiguous_inside_one_province(self, ref):
        # 南京 and 徐州 both have a 鼓楼区: a document about 江苏 as a whole cannot choose
        assert ref.resolve_region("鼓楼区", within="320000") is None
        assert ref.resolve_region("鼓楼区", within="320100") == "320106"

    def test_unknown_within_is_no_guess(self, ref):
        assert ref.resolve_region("鼓楼区", within="999999") is None

    def test_unique_name_needs_no_within(self, ref):
        assert ref.resolve_region("吉首市", within="110000") == "433101"


class TestFindRegions:
    SENTENCE = "湘西州指导吉首市、泸溪县和湘西高新区加快中心城区和科技示范县建设，培育朝阳产业。"

    def test_names_in_a_sentence(self, ref):
        found = ref.find_regions(self.SENTENCE)
        assert [name for _, _, name in found] == ["湘西州", "吉首市", "泸溪县", "湘西高新区"]
        start, end, name = found[1]
        assert self.SENTENCE[start:end] == name

    def test_ordinary_words_are_not_regions(self, ref):
        names = {name for _, _, name in ref.find_regions(self.SENTENCE)}
        assert not names & {"城区", "范县", "朝阳", "湘西"}
        assert "城区" not in ref.region_names() and "城区" in read_region_text_stopwords()

    def test_leftmost_longest(self, ref):
        assert ref.find_regions("湘西土家族苗族自治州") == [(0, 10, "湘西土家族苗族自治州")]
        assert [n for _, _, n in ref.find_regions("岳阳县岳阳")] == ["岳阳县", "岳阳"]

    def test_agrees_with_region_names(self, ref):
        text = "长沙市、株洲市、湘潭市联合；鼓楼区和福州市"
        scanned = {name for name in ref.region_names() if name in text}
        assert {name for _, _, name in ref.find_regions(text)} <= scanned

    def test_fast_on_a_long_document(self, ref):
        import time
        text = self.SENTENCE * 2000
        started = time.perf_counter()
        assert len(ref.find_regions(text)) == 4 * 2000
        assert time.perf_counter() - started < 2


class TestRegionsTable:
    def test_covers_all_of_china(self):
        regions = read_regions()
        counts = regions["level"].value_counts()
        assert counts["province"] == 34  # incl. 台湾, 香港, 澳门, as in the source
        assert 320 <= counts["prefecture"] <= 345
        assert regions["level"].isin(COUNTY_LEVELS).sum() >= 2800
        assert regions["region_id"].is_unique
        generated = regions[regions["level"] != "zone"]
        assert generated["adcode"].is_unique and generated["adcode"].str.fullmatch(r"\d{6}").all()

    def test_hunan_unchanged(self):
        regions = read_regions().query("level != 'zone'")
        hunan = regions[regions["region_id"].str.startswith("43")]
        assert (hunan["level"] == "prefecture").sum() == 14
        assert hunan["level"].isin(COUNTY_LEVELS).sum() == 122
        rows = set(hunan[["region_id", "name_zh", "level", "parent_id"]].itertuples(index=False,
                                                                                   name=None))
        assert set(HUNAN_ROWS) <= rows
        counties = hunan[hunan["level"].isin(COUNTY_LEVELS)]
        assert (counties["parent_id"] == counties["region_id"].str[:4] + "00").all()

    @pytest.mark.parametrize("region_id, level, parent_id", [
        ("110105", "district", "110000"),   # municipality: districts under the province-level unit
        ("500229", "county", "500000"),     # 重庆 城口县
        ("429004", "county_city", "420000"),  # 仙桃: administered by the province
        ("419001", "county_city", "410000"),  # 济源
        ("469021", "county", "460000"),     # 海南 定安县
        ("441900", "prefecture", "440000"),  # 东莞: no counties
        ("620200", "prefecture", "620000"),  # 嘉峪关
        ("810003", "district", "810000"),   # 香港 东区
        ("710000", "province", ""),
    ])
    def test_special_units(self, region_id, level, parent_id):
        row = read_regions().set_index("region_id").loc[region_id]
        assert (row["level"], row["parent_id"]) == (level, parent_id)

    def test_no_municipality_twice(self):
        regions = read_regions()
        assert (regions["name_zh"] == "北京市").sum() == 1
        assert "110100" not in set(regions["region_id"])

    def test_aliases_are_never_one_character(self):
        aliases = read_regions()["aliases"].str.split("|").explode()
        assert not aliases[aliases.str.len() == 1].tolist()

    def test_every_region_has_names_and_a_known_parent(self):
        regions = read_regions()
        assert regions["name_en"].str.len().gt(0).all()
        parents = regions.loc[regions["parent_id"] != "", "parent_id"]
        assert parents.isin(regions["region_id"]).all()

    def test_zones_have_a_host(self):
        zones = read_regions().query("level == 'zone'")
        assert len(zones) >= 1 and zones["host_id"].str.len().gt(0).all()

    def test_national_high_tech_zones(self):
        regions = read_regions()
        zones = regions[regions["level"] == "zone"]
        national = zones[zones["source"].str.startswith("national high-tech zone")]
        assert len(national) >= 150 and national["name_zh"].is_unique
        known = set(regions["region_id"])
        assert national["parent_id"].isin(known).all() and national["host_id"].isin(known).all()
        assert (national["region_id"].str.split("Z").str[0] == national["host_id"]).all()
        # a zone's host lies in its parent (or is it)
        hosts = regions.set_index("region_id")["parent_id"]
        for row in national.itertuples():
            assert row.host_id == row.parent_id or hosts[row.host_id] == row.parent_id, row.name_zh

    def test_no_zone_alias_is_a_region_name(self):
        regions = read_regions()
        names = set(regions.loc[regions["level"] != "zone", "name_zh"])
        aliases = regions.loc[regions["level"] == "zone", "aliases"].str.split("|").explode()
        assert not set(aliases) & names

    @pytest.mark.parametrize("name, zone, host", [
        ("青岛高新区", "370200Z1", "370200"), ("深圳国家高新区", "440300Z1", "440300"),
        ("长沙高新区管委会", "430100Z1", "430100"), ("宁乡高新区", "430182Z1", "430182"),
        ("东湖高新区", "420100Z1", "420100"), ("湘潭高新区", "430300Z1", "430300"),
        ("湘潭国家高新区", "430300Z1", "430300"), ("湘潭国家级高新区", "430300Z1", "430300"),
    ])
    def test_national_zone_short_names_resolve(self, ref, name, zone, host):
        assert ref.resolve_region(name) == zone
        assert read_regions().set_index("region_id").loc[zone, "host_id"] == host


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
