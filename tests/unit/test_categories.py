"""Categories: one identity per slug, named as categories_allowed or most posts spell them."""

from __future__ import annotations

from podium.categories import build_categories, category_slugs


def test_one_category_per_slug_named_by_the_most_used_spelling() -> None:
    posts = [("p1", ["news"]), ("p2", ["News", "Release notes"]), ("p3", ["News", "NEWS"])]
    found = build_categories(posts)
    assert list(found) == ["news", "release-notes"]
    assert found["news"].name == "News"
    assert found["news"].posts == ("p1", "p2", "p3")  # once each, in the given order
    assert found["release-notes"].count == 1


def test_categories_allowed_gives_the_display_name() -> None:
    found = build_categories([("p1", ["news"])], allowed=["NEWS", "Other"])
    assert [(c.slug, c.name) for c in found.values()] == [("news", "NEWS")]


def test_slugs_are_unique_and_names_without_letters_have_none() -> None:
    assert category_slugs(["News", "news", "!!!", "Rust & C"]) == ("news", "rust-c")
