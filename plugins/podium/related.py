"""Related posts: the few posts sharing most with a post, computed once per build.

Each post has weighted keys (an event it is about, its categories, its tags).
An inverted index maps each key to the posts that have it; a post's score
against another is the sum of the weights of the keys they share.  Only posts
sharing at least one key are ever looked at, and the counting runs in C
(:class:`collections.Counter`).  A key shared by more than :data:`WINDOW`
posts (a tag on every tenth post) counts only for the :data:`WINDOW` posts
nearest in date that have it: a common tag says little on its own, and
the work per post stays bounded, so 4000 posts take a fraction of a second
instead of the 16 million pairs a comparison of every pair would make (and
a build's cost stays linear in its posts).  Equal scores go to the newer post.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

WEIGHTS = {"event": 3, "category": 2, "tag": 1}
"""How much sharing one key of each kind counts: an event says most, a tag least."""
WINDOW = 120
"""How many of a common key's posts, nearest in date, a post is compared with."""


def related_indices(
    keys: Sequence[Sequence[tuple[str, Hashable]]], limit: int = 3
) -> list[tuple[int, ...]]:
    """For each post (by index, newest first) the indices of its ``limit`` best matches.

    ``keys[i]`` lists post ``i``'s ``(kind, value)`` pairs, ``kind`` one of :data:`WEIGHTS`.
    """
    postings: dict[tuple[str, Hashable], list[int]] = {}
    for index, own in enumerate(keys):
        for key in dict.fromkeys(own):
            postings.setdefault(key, []).append(index)
    out: list[tuple[int, ...]] = []
    for index, own in enumerate(keys):
        counts: Counter[int] = Counter()
        for key in dict.fromkeys(own):
            members = postings[key]
            if len(members) > WINDOW:
                at = bisect_left(members, index)
                members = members[max(0, at - WINDOW // 2) : at + WINDOW // 2 + 1]
            if len(members) > 1:
                for _ in range(WEIGHTS[key[0]]):
                    counts.update(members)
        counts.pop(index, None)
        if not counts:
            out.append(())
            continue
        # Newest first among equals: ascending index, then a stable sort by score.
        best = sorted(sorted(counts), key=counts.__getitem__, reverse=True)
        out.append(tuple(best[:limit]))
    return out
