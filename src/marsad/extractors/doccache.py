"""A per-document cache for what a later pipeline step reads again (one text's scan, its sentences).

``lru_cache(maxsize=N)`` keeps N documents whatever their size: too few for
``pipeline.extract_documents``, which runs each step over a batch of articles before the next
step, and too many for a stream of huge documents. ``held(max_chars)`` keeps the results for the
most recent texts up to ``max_chars`` characters in all, and for the last two whatever their size.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Callable


def held(max_chars: int) -> Callable:
    """Decorate ``fn(text, *args)`` (hashable arguments, ``text`` a str): results kept for the most
    recent texts up to ``max_chars`` characters (the last two always). ``fn.__wrapped__`` is the
    function itself; ``fn.cache_clear()`` empties the cache."""

    def wrap(fn: Callable) -> Callable:
        kept: OrderedDict = OrderedDict()
        size = [0]
        lock = threading.Lock()

        @functools.wraps(fn)
        def cached(text: str, *args):
            key = (text, *args)
            with lock:
                if key in kept:
                    kept.move_to_end(key)
                    return kept[key]
            out = fn(text, *args)
            with lock:
                if key not in kept:
                    kept[key] = out
                    size[0] += len(text)
                    while len(kept) > 2 and size[0] > cached.max_chars:
                        (old, *_), _ = kept.popitem(last=False)
                        size[0] -= len(old)
            return out

        def cache_clear() -> None:
            with lock:
                kept.clear()
                size[0] = 0

        cached.max_chars = max_chars
        cached.cache_clear = cache_clear
        cached.held_chars = lambda: size[0]
        cached.held_count = lambda: len(kept)
        return cached

    return wrap
