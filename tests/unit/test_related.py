"""Related posts from the inverted index: the same answer as comparing every pair, bounded work."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable

from pytest import MonkeyPatch

import podium.related
from podium.related import WEIGHTS, WINDOW, related_indices


def brute_force(keys: list[list[tuple[str, str]]], limit: int = 3) -> list[tuple[int, ...]]:
    out = []
    for i, own in enumerate(keys):
        scores = []
        for j, other in enumerate(keys):
            if i == j:
                continue
            score = sum(WEIGHTS[k[0]] for k in set(own) & set(other))
            if score:
                scores.append((-score, j))
        out.append(tuple(j for _score, j in sorted(scores)[:limit]))
    return out


def random_keys(n: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(seed)
    keys = []
    for i in range(n):
        own = [("tag", f"t{t}") for t in rng.sample(range(12), rng.randint(0, 3))]
        own += [("category", f"c{c}") for c in rng.sample(range(4), rng.randint(0, 1))]
        if rng.random() < 0.3:
            own.append(("event", f"e{i // 7}"))
        keys.append(own)
    return keys


def test_the_index_gives_what_comparing_every_pair_gives() -> None:
    for seed in range(5):
        keys = random_keys(WINDOW - 20, seed)  # every key's posts fit in the window
        assert related_indices(keys) == brute_force(keys)


def test_best_first_with_newer_posts_winning_ties() -> None:
    keys = [
        [("tag", "a")],  # 0, the newest
        [("tag", "a"), ("category", "c")],  # 1
        [("event", "e"), ("tag", "a")],  # 2
        [("category", "c"), ("event", "e"), ("tag", "a")],  # 3
        [],  # 4 shares nothing
        [("tag", "a")],  # 5
    ]
    assert related_indices(keys) == [(1, 2, 3), (3, 0, 2), (3, 0, 1), (2, 1, 0), (), (0, 1, 2)]
    assert related_indices(keys, limit=1)[3] == (2,)


def test_work_per_post_is_bounded_so_4000_posts_stay_linear(monkeypatch: MonkeyPatch) -> None:
    counted: list[int] = []

    class Counting(Counter[int]):
        def update(self, items: Iterable[int] | None = None, /, **kwargs: int) -> None:  # type: ignore[override]
            if items is not None:
                items = list(items)
                counted.append(len(items))
            super().update(items, **kwargs)

    monkeypatch.setattr(podium.related, "Counter", Counting)
    rng = random.Random(1)
    keys = [[("tag", f"t{t}") for t in rng.sample(range(30), 3)] for _ in range(4000)]
    found = related_indices(keys)
    assert all(len(f) == 3 for f in found)
    # Every pair would be 16 million comparisons; each of the 3 keys of a post is looked up
    # among at most WINDOW + 1 posts, whatever the number of posts.
    assert max(counted) <= WINDOW + 1
    assert sum(counted) <= 4000 * 3 * (WINDOW + 1)


def test_a_common_key_counts_for_the_posts_nearest_in_date() -> None:
    keys = [[("tag", "everywhere")] for _ in range(1000)]
    for index in (0, 500, 999):
        for other in related_indices(keys)[index]:
            assert abs(other - index) <= WINDOW // 2
