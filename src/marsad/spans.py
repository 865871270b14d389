"""A set of non-overlapping ``[start, end)`` spans with O(log n) overlap checks."""
from __future__ import annotations

from bisect import bisect_left, insort


class SpanSet:
    """Keeps disjoint spans sorted by start; ``overlaps`` and ``add`` are logarithmic."""

    __slots__ = ("_starts", "_ends")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: dict[int, int] = {}

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` intersects a stored span."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[self._starts[i]] > start

    def add(self, start: int, end: int) -> None:
        """Store a span (callers check ``overlaps`` first; spans stay disjoint)."""
        if start not in self._ends:
            insort(self._starts, start)
        self._ends[start] = max(end, self._ends.get(start, end))
