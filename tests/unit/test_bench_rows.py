"""The benchmark suite's target verdicts (bench/_rows.py): the table's met/missed column."""

import pytest

from bench._rows import Row, TargetError, target_met


def row(samples, target=None, unit="ms", baseline=None):
    return Row("g", "variant", unit, samples, baseline=baseline, target=target)


@pytest.mark.parametrize(
    ("samples", "target", "met"),
    [
        ([1.0, 1.1, 5.0], "<= 1.10x", True),  # median 1.1 against a floor of 1.0
        ([1.2, 1.2, 1.2], "<= 1.10x", False),
        ([0.79], ">= 0.8x", False),
        ([0.8], ">= 0.8x", True),
        ([0.8], "> 0.8x", False),
        ([1.0], "< 1.0x", False),
    ],
)
def test_ratio_targets_compare_medians_with_the_baseline_row(samples, target, met):
    floor = row([1.0, 1.0, 0.5])
    assert target_met(row(samples, target, baseline="floor"), floor) is met


def test_absolute_targets_need_the_rows_own_unit():
    assert target_met(row([49.0, 51.0, 50.0], "<= 50 ms"), None) is True
    assert target_met(row([19.9], "< 20 MB", unit="MB"), None) is True
    assert target_met(row([20.0], "< 20 MB", unit="MB"), None) is False
    with pytest.raises(TargetError, match="is in 'MB' but the samples are in 'ms'"):
        target_met(row([1.0], "< 20 MB"), None)


def test_no_target_or_no_baseline_gives_no_verdict_and_nonsense_is_refused():
    assert target_met(row([1.0]), None) is None
    assert target_met(row([1.0], "<= 1.1x"), None) is None
    with pytest.raises(TargetError, match="not understood"):
        target_met(row([1.0], "about 2x"), None)
