"""Every post of six real sites: the same text as its original engine renders, or a precise error.

For each site of ../shared/corpus (hugo-basic-example, hugo-docs-content,
hugo-theme-zzo-exampleSite, nubificus-bold-ember, unikraft-hugo, unikraft-next), the
posts are built once by the engine the site was written for and once by Podium with the
shipped Markdown extensions (see tests/realworld/fidelity.py for the set-up: missing
images get placeholder files, typography and whitespace are normalised).  The engine is
/usr/bin/hugo for five; unikraft-next is the Unikraft website's Next.js era, whose
``.mdx`` posts MDX compiled (JSX components such as ``<Image …/>`` and ``<Info>`` are
React calls there, which Hugo would print as raw HTML no reader ever saw), so its posts
are rendered by the real MDX compiler in Node (tests/realworld/mdx/, installed by
``make test``).  A post is "same" (its article text equals the engine's), "precise"
(Podium reports a file:line error, or a file:line warning about its body) or "silently
wrong" (neither), and the test fails on any silently wrong post.  The counts are printed.

A site whose engine is missing is skipped, saying how to install it; under CI (``CI``
set) a missing MDX install fails instead, since ``make test`` installs it.
"""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import CORPUS
from tests.realworld.fidelity import (
    HUGO,
    SITES,
    CorpusSite,
    Outcome,
    compare_site,
    mdx_unavailable,
)

MESSAGE = re.compile(r"^content/blog/\S.*?\.md:\d+(:\d+)?: (error|warning): .+")
SAME_SHARE = 0.9
"""Of the posts Podium builds (no precise error), at least this share has the engine's text."""
SAME_AT_LEAST = 72
"""Posts with the engine's text today: 72 of 80, the 90% issue 14 asks for (the README says
which 8 are not).  Fewer is a regression."""
TOTAL_AT_LEAST = 75


def _unavailable(site: CorpusSite) -> str | None:
    """Why the site's engine cannot run here, or None."""
    if site.engine == "mdx":
        return mdx_unavailable()
    if not HUGO.is_file():
        return f"{HUGO} is absent: the comparison needs Hugo (apt-get install hugo)"
    return None


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The sites whose engine is here, compared; the others are left out (see _skip)."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (../shared/corpus is not beside the repository)")
    return {
        site.name: compare_site(site, tmp_path_factory.mktemp(site.name))
        for site in SITES
        if _unavailable(site) is None
    }


def _skip(site: CorpusSite, reason: str) -> None:
    """Skip, saying why; under CI (any non-empty $CI but 0/false/no) a missing MDX fails."""
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    if site.engine == "mdx" and ci:
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(f"{site.name}: {reason}")


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_no_post_is_silently_wrong(outcomes: dict[str, Outcome], site: CorpusSite, capsys) -> None:  # type: ignore[no-untyped-def]
    if site.name not in outcomes:
        _skip(site, _unavailable(site) or "not compared")
    outcome = outcomes[site.name]
    engine = "MDX" if site.engine == "mdx" else "Hugo"
    with capsys.disabled():
        print(
            f"\n{site.name}: {outcome.total} posts: {len(outcome.same)} same text as {engine}, "
            f"{len(outcome.flagged)} precise errors, {len(outcome.wrong)} silently wrong"
        )
    assert outcome.total > 0
    assert outcome.wrong == {}, "\n".join(f"{k}\n  {v}" for k, v in outcome.wrong.items())
    for src, messages in outcome.flagged.items():
        assert messages, src
        for message in messages:
            assert MESSAGE.match(message), message


def test_most_posts_have_the_original_engines_text(outcomes: dict[str, Outcome], capsys) -> None:  # type: ignore[no-untyped-def]
    if not outcomes:
        pytest.skip("no site's engine is here (see the skipped per-site tests)")
    same = sum(len(o.same) for o in outcomes.values())
    flagged = sum(len(o.flagged) for o in outcomes.values())
    wrong = sum(len(o.wrong) for o in outcomes.values())
    total = same + flagged + wrong
    every = len(outcomes) == len(SITES)
    ran = "all six sites" if every else f"{len(outcomes)} of {len(SITES)} sites"
    with capsys.disabled():
        print(
            f"\n{ran}: {total} posts: {same} same text as the original engine, "
            f"{flagged} precise errors, {wrong} silently wrong ({same / total:.0%} same)"
        )
    assert same >= SAME_SHARE * (same + wrong)
    if every:  # the floors count every site's posts
        assert total >= TOTAL_AT_LEAST
        assert same >= SAME_AT_LEAST
