"""The catalogue grows from the data: a label mapped to an indicator, a new indicator added."""

from __future__ import annotations

import duckdb
import pytest

from etl import build, catalogue, paths
from etl.reference import load_reference
from etl.review import ReviewError


def labelled(label: str):
    with duckdb.connect(str(paths.targets_db()), read_only=True) as connection:
        return connection.execute("select indicator_id, indicator_match from targets "
                                  "where indicator_label = ?", [label]).df()


def test_a_new_indicator_and_a_label_mapped_to_it_survive_a_rebuild(project):
    label = "所有科技型中小企业拥有发明专利"
    assert labelled(label)["indicator_id"].isna().all()
    new_id = catalogue.add_indicator(
        {"name_zh": "每家科技型中小企业拥有发明专利", "name_en": "SMEs with an invention patent",
         "unit": "项", "direction": "higher"}, "各县都有这一目标", "li")
    assert new_id == "smes_with_an_invention_patent"
    catalogue.map_label(label, new_id, "同一件事", "li")
    build.run()
    mapped = labelled(label)
    assert (mapped["indicator_id"] == new_id).all() and len(mapped) > 0
    assert load_reference().indicator(new_id)["direction"] == "higher"
    assert paths.label_map_file().read_text(encoding="utf-8").count(label) == 1


@pytest.mark.parametrize("fields, message", [
    ({"name_zh": "x", "name_en": "Gross R&D expenditure", "unit": "万元", "direction": "higher",
      "indicator_id": "rd_expenditure"}, "already in the catalogue"),
    ({"name_zh": "x", "name_en": "y z", "unit": "斤两", "direction": "higher"}, "unknown unit"),
    ({"name_zh": "x", "name_en": "y z", "unit": "家", "direction": "up"}, "higher or lower"),
    ({"name_zh": "", "name_en": "y z", "unit": "家", "direction": "higher"}, "needs name_zh"),
])
def test_a_bad_new_indicator_is_refused_and_nothing_is_written(project, fields, message):
    with pytest.raises(ReviewError, match=message):
        catalogue.add_indicator(fields, "why")
    assert not paths.added_indicators_file().exists()


def test_a_label_cannot_be_mapped_twice_or_to_nothing(project):
    catalogue.map_label("科技型企业", "rd_intensity_tech_firms", "份额")
    with pytest.raises(ReviewError, match="already mapped"):
        catalogue.map_label("科技型企业", "hightech_enterprises", "again")
    with pytest.raises(ReviewError, match="no catalogue indicator"):
        catalogue.map_label("新品种", "nonsense", "why")


def test_a_label_whose_numbers_do_not_fit_the_indicator_is_refused(project):
    with pytest.raises(ReviewError, match="the label's numbers are in 项"):
        catalogue.map_label("所有科技型中小企业拥有发明专利", "rd_intensity", "why", units=["项"])
    assert not paths.label_map_file().exists()
