"""Gap maths on given/expected cases."""

import math

import pandas as pd
import pytest

from dashboard.gap import (absolute_target, assess, attainment, gap_table, growth_required,
                           region_summary)


class TestAbsoluteTarget:
    @pytest.mark.parametrize("kind, value, baseline, expected", [
        ("level", 50, None, 50), ("share_pct", 3.0, 2.5, 3.0),
        ("growth_pct", 15, 1000, 1150), ("growth_pct", 15, None, None),
        ("net_increase", 10, 40, 50), ("net_increase", 10, None, None),
        ("growth_pct", 15, 0, 0)])
    def test_cases(self, kind, value, baseline, expected):
        assert absolute_target(kind, value, baseline) == (pytest.approx(expected) if expected is not None else None)


class TestAssess:
    def test_higher_is_better_met(self):
        result = assess("level", 830, "unspecified", "higher", actual=850, baseline=776)
        assert result.status == "met" and result.attainment == pytest.approx(850 / 830)
        assert result.gap == pytest.approx(20)

    def test_attainment_is_not_capped(self):
        assert assess("level", 10, "at_least", "higher", 25, None).attainment == pytest.approx(2.5)

    def test_higher_is_better_behind_at_year_end(self):
        result = assess("level", 830, "at_least", "higher", actual=800, baseline=776)
        assert result.status == "behind" and result.gap == pytest.approx(-30)

    def test_lower_is_better(self):
        met = assess("ratio", 0.5195, "unspecified", "lower", actual=0.51, baseline=0.5379)
        behind = assess("ratio", 0.5195, "unspecified", "lower", actual=0.53, baseline=0.5379)
        assert met.status == "met" and met.attainment == pytest.approx(0.5195 / 0.51)
        assert behind.status == "behind" and behind.attainment < 1

    def test_at_most_comparator_makes_lower_better(self):
        assert assess("ratio", 1.73, "at_most", "higher", 1.70, None).status == "met"

    def test_growth_with_baseline(self):
        result = assess("growth_pct", 15, "at_least", "higher", actual=1200, baseline=1000)
        assert result.target == pytest.approx(1150) and result.status == "met"

    def test_growth_without_baseline_says_so(self):
        result = assess("growth_pct", 15, "at_least", "higher", actual=1200, baseline=None)
        assert result.status == "needs_baseline" and result.target is None and result.attainment is None

    def test_net_increase_with_and_without_baseline(self):
        assert assess("net_increase", 10, "at_least", "higher", 48, 40).status == "behind"
        assert assess("net_increase", 10, "at_least", "higher", 48, None).status == "needs_baseline"

    def test_no_actual(self):
        result = assess("level", 50, "at_least", "higher", None, None)
        assert result.status == "no_actual" and result.target == 50

    def test_nan_counts_as_missing(self):
        assert assess("level", 50, "at_least", "higher", math.nan, None).status == "no_actual"

    def test_on_track_during_the_year(self):
        # baseline 100, target 200: by mid-year 150 is expected
        on_track = assess("level", 200, "at_least", "higher", 160, 100, elapsed=0.5)
        behind = assess("level", 200, "at_least", "higher", 140, 100, elapsed=0.5)
        assert on_track.status == "on_track" and on_track.expected_by_now == pytest.approx(150)
        assert behind.status == "behind"

    def test_about_tolerance(self):
        assert assess("growth_pct", 15, "about", "higher", 1140, 1000).status == "met"
        assert assess("growth_pct", 15, "at_least", "higher", 1140, 1000).status == "behind"

    def test_zero_actual_for_lower_is_better(self):
        assert attainment(0, 1.0, "lower") is None
        assert assess("ratio", 1.0, "at_most", "lower", 0.0, None).status == "met"

    def test_zero_target(self):
        assert attainment(5, 0, "higher") is None


class TestGrowthRequired:
    def test_cases(self):
        assert growth_required(100, 120) == pytest.approx(20)
        assert growth_required(None, 120) is None
        assert growth_required(0, 120) is None


TARGETS = pd.DataFrame([
    # region, indicator, year, value, kind, comparator, direction, scope, period
    ("A", "甲", "hightech", 2023, 38.0, "level", "at_least", "higher", "year", 2022),
    ("A", "甲", "hightech", 2024, 43.0, "level", "at_least", "higher", "year", 2022),
    ("B", "乙", "hightech", 2023, 10.0, "net_increase", "at_least", "higher", "year", 2023),
    ("C", "丙", "rd", 2023, 15.0, "growth_pct", "unspecified", "higher", "year", 2023),
    ("D", "丁", "energy", 2023, 0.52, "ratio", "unspecified", "lower", "year", 2023),
], columns=["region_id", "region_name_zh", "indicator_id", "year", "value", "kind", "comparator",
            "direction", "year_scope", "period_start"])
ACTUALS = pd.DataFrame([
    ("A", "hightech", 2022, 35.0), ("A", "hightech", 2023, 40.0),
    ("B", "hightech", 2022, 20.0), ("B", "hightech", 2023, 28.0),
    ("D", "energy", 2023, 0.55),
], columns=["region_id", "indicator_id", "year", "value"]).assign(
    source_kind="upload", source_file="actuals.csv", source_row=[2, 3, 4, 5, 6], batch_id="b1",
    source_detail="")


class TestGapTable:
    def test_statuses_and_next_growth(self):
        table = gap_table(TARGETS, ACTUALS, 2023).set_index("region_id")
        assert table.loc["A", "status"] == "met"
        assert table.loc["A", "growth_required_pct"] == pytest.approx((43 / 40 - 1) * 100)
        assert table.loc["B", "target"] == pytest.approx(30) and table.loc["B", "status"] == "behind"
        assert table.loc["C", "status"] == "needs_baseline"
        assert table.loc["D", "status"] == "behind" and table.loc["D", "better"] == "lower"
        assert "actuals.csv" in table.loc["A", "actual_source"] and "row 3" in table.loc["A", "actual_source"]

    def test_summary_per_region(self):
        summary = region_summary(gap_table(TARGETS, ACTUALS, 2023)).set_index("region_id")
        assert summary.loc["A", "met"] == 1 and summary.loc["C", "needs_baseline"] == 1
        assert summary["total"].sum() == 4
