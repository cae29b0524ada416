"""The extraction benchmark's scorer: matching, recall, precision, results exported as targets."""

from __future__ import annotations

from bench.score import Row, match, years_agree

PLAN = (2023, 2025)


def row(status, value, year=2025, region="430524", document="d"):
    return Row(document, status, region, year, value, PLAN)


class TestMatch:
    def test_same_document_region_value_and_year(self):
        score = match([row("target", 10)], [row("target", 10)])
        assert score.recall("target") == (1, 1) and score.precision("target") == (1, 1)

    def test_other_region_or_value_does_not_match(self):
        score = match([row("target", 10)], [row("target", 10, region="430000"), row("target", 11)])
        assert score.recall("target") == (0, 1) and score.precision("target") == (0, 2)

    def test_one_to_one(self):
        score = match([row("target", 10)], [row("target", 10), row("target", 10)])
        assert score.precision("target") == (1, 2)

    def test_same_status_is_paired_first(self):
        labels = [row("actual", 10), row("target", 10)]
        found = [row("target", 10)]
        score = match(labels, found)
        assert score.recall("target") == (1, 1) and score.results_as_targets() == 0

    def test_a_result_exported_as_a_target_is_counted_even_with_another_year(self):
        score = match([row("actual", 8075, year=2022)], [row("target", 8075, year=2023)])
        assert score.precision("target") == (0, 1) and score.results_as_targets() == 1

    def test_every_year_agrees_with_a_year_of_the_plan(self):
        assert years_agree(None, 2024, PLAN) and years_agree(2024, None, PLAN)
        assert not years_agree(None, 2030, PLAN) and not years_agree(2023, 2024, PLAN)
