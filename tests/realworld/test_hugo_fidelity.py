"""Every post of six real Hugo sites: the same text as Hugo's own rendering, or a precise error.

For each site of ../shared/corpus (hugo-basic-example, hugo-docs-content,
hugo-theme-zzo-exampleSite, nubificus-bold-ember, unikraft-hugo, unikraft-next), the
posts are built once by /usr/bin/hugo and once by Podium with the shipped Markdown
extensions (see tests/realworld/fidelity.py for the set-up: missing images get
placeholder files, typography and whitespace are normalised).  A post is "same"
(its article text equals Hugo's), "precise" (Podium reports a file:line error, or a
file:line warning about its body) or "silently wrong" (neither), and the test fails on
any silently wrong post.  The counts are printed.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import CORPUS
from tests.realworld.fidelity import HUGO, SITES, CorpusSite, Outcome, compare_site

MESSAGE = re.compile(r"^content/blog/\S.*?\.md:\d+(:\d+)?: (error|warning): .+")
SAME_SHARE = 0.9
"""Of the posts Podium builds (no precise error), at least this share has Hugo's text."""
SAME_AT_LEAST = 67
"""Posts with Hugo's text today (of 80; the README says which 13 are not): fewer is a
regression.  Issue 14 asks for 90% (72)."""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (../shared/corpus is not beside the repository)")
    if not HUGO.is_file():
        pytest.skip(f"{HUGO} is absent: the comparison needs Hugo (apt-get install hugo)")
    return {site.name: compare_site(site, tmp_path_factory.mktemp(site.name)) for site in SITES}


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_no_post_is_silently_wrong(outcomes: dict[str, Outcome], site: CorpusSite, capsys) -> None:  # type: ignore[no-untyped-def]
    outcome = outcomes[site.name]
    with capsys.disabled():
        print(
            f"\n{site.name}: {outcome.total} posts: {len(outcome.same)} same text as Hugo, "
            f"{len(outcome.flagged)} precise errors, {len(outcome.wrong)} silently wrong"
        )
    assert outcome.total > 0
    assert outcome.wrong == {}, "\n".join(f"{k}\n  {v}" for k, v in outcome.wrong.items())
    for src, messages in outcome.flagged.items():
        assert messages, src
        for message in messages:
            assert MESSAGE.match(message), message


def test_most_posts_have_hugos_text(outcomes: dict[str, Outcome], capsys) -> None:  # type: ignore[no-untyped-def]
    same = sum(len(o.same) for o in outcomes.values())
    flagged = sum(len(o.flagged) for o in outcomes.values())
    wrong = sum(len(o.wrong) for o in outcomes.values())
    total = same + flagged + wrong
    with capsys.disabled():
        print(
            f"\nall six sites: {total} posts: {same} same text as Hugo, "
            f"{flagged} precise errors, {wrong} silently wrong ({same / total:.0%} same)"
        )
    assert total >= 75
    assert same >= SAME_SHARE * (same + wrong)
    assert same >= SAME_AT_LEAST
