"""Near-duplicate detection: word shingles, MinHash signatures and LSH band keys.

A document becomes the set of its word ``K``-grams (after ``normalize.fold``, so
Arabic letter variants and case do not matter). ``signature`` is a MinHash of
that set with ``NUM_PERM`` universal hash functions ((a·x + b) mod 2^61−1, the
construction datasketch uses); the share of equal positions of two signatures
estimates the Jaccard similarity of the two sets. ``bands`` cuts a signature into
``BANDS`` bands of ``ROWS`` values and hashes each to one 63-bit bucket key
(band number included): two documents whose Jaccard similarity is s share at
least one bucket with probability 1 − (1 − s^ROWS)^BANDS (≈ 0.5 at s = 0.7,
> 0.99 at s = 0.85), so the store finds candidates with one indexed look-up.

Everything is deterministic (fixed seed, no Python ``hash``): workers, Spark
executors and later runs compute the same signatures.
"""
from __future__ import annotations

import hashlib

import numpy as np
import regex

from marsad.normalize import fold

K = 5
NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8          # estimated Jaccard at or above which a document is marked

_PRIME = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(1)
_A = _rng.randint(1, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_MULT = np.uint64(0x100000001B3)   # FNV prime: mixes K token hashes into one shingle hash
_WORD = regex.compile(r"\w+")


def _token_hash(tok: str) -> int:
    return int.from_bytes(hashlib.blake2b(tok.encode("utf-8"), digest_size=8).digest(), "little")


# Token hashes, kept across documents (news reuses its vocabulary): most tokens of a new
# document are looked up, not hashed. Cleared when full, so memory stays bounded.
_TOKEN_CACHE: dict[str, int] = {}
TOKEN_CACHE_SIZE = 200_000


def _token_hashes(toks: list[str]) -> np.ndarray:
    cache = _TOKEN_CACHE
    missing = set(toks).difference(cache)
    if missing:
        if len(cache) + len(missing) > TOKEN_CACHE_SIZE:
            cache.clear()
            missing = set(toks)
        for t in missing:
            cache[t] = _token_hash(t)
    return np.fromiter(map(cache.__getitem__, toks), dtype=np.uint64, count=len(toks))


def shingles(text: str, k: int = K) -> np.ndarray:
    """Distinct 32-bit hashes of the word ``k``-grams of ``text`` (one shingle if shorter)."""
    toks = _WORD.findall(fold(text))
    if not toks:
        return np.zeros(0, dtype=np.uint64)
    th = _token_hashes(toks)
    n = max(1, len(th) - k + 1)
    width = min(k, len(th))
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(width):
            h *= _MULT
            h += th[j:j + n]
    h ^= h >> np.uint64(29)
    return np.unique(h & _MAX32)


_SHIFT61 = np.uint64(61)


def signature(text: str) -> np.ndarray:
    """The MinHash signature of ``text``: ``NUM_PERM`` uint32 values.

    All ``NUM_PERM`` hash functions over all shingles at once (one ``NUM_PERM × shingles``
    array); ``mod 2^61−1`` is computed with shifts and masks instead of a division.
    """
    return signature_of(shingles(text))


def signature_of(sh: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of shingle hashes (see ``shingles``)."""
    if sh.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        x = np.multiply.outer(_A, sh)          # a·x mod 2^64, as before
        x += _B[:, None]
        y = x & _PRIME                         # (x mod 2^61) + (x div 2^61) ≡ x (mod 2^61−1)
        x >>= _SHIFT61
        y += x
        np.subtract(y, _PRIME, out=x)          # y − p wraps around when y < p: keep the smaller
        np.minimum(y, x, out=y)
    y &= _MAX32
    return y.min(axis=1).astype(np.uint32)


def bands(sig: np.ndarray) -> list[int]:
    """One signed 63-bit bucket key per band (the band number is part of the key)."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].astype("<u4").tobytes()
        d = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(d, "little") >> 1)
    return out


def similarity(a: np.ndarray | bytes, b: np.ndarray | bytes) -> float:
    """Estimated Jaccard similarity of two signatures (arrays or their bytes)."""
    a, b = to_array(a), to_array(b)
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def to_array(sig: np.ndarray | bytes | memoryview) -> np.ndarray:
    if isinstance(sig, np.ndarray):
        return sig
    return np.frombuffer(bytes(sig), dtype="<u4")
