"""Timing helpers for the benchmark scripts (not tests): medians of repeated runs."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def median_seconds(action: Callable[[], object], repeats: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
