"""The talks catalog at conference size, in a real Chromium: day, room, text and speaker
filters, the shared link surviving a reload, the keyboard, "Show all matching talks", axe,
and the time a change takes with the CPU slowed down four times.

The catalog is the whole FOSDEM 2026 schedule imported with `podium import schedule` when
../shared/corpus is here, else a generated conference of the same size (tests/bigevent.py).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.bigevent import write_big_event
from tests.browser.harness import (
    DESKTOP,
    HOST,
    PHONE,
    PREFIX,
    free_port,
    serious_violations,
    serve,
)
from tests.build.test_import_builds import fresh_site
from tests.conftest import CORPUS, build_site

FOSDEM = CORPUS / "fosdem-schedule-xml" / "2026.xml"
BUDGET_MS = 100
"""Issue 13's budget for one filter change, at 4x CPU slowdown on the 883-talk catalog: from
the input event to the next frame of the list being painted (requestAnimationFrame, then the
task after that frame), in the page. The list then holds a screenful of matching rows; up to
40 follow once the page is idle, the rest as the reader scrolls or asks for them all
(podium.js), and the address follows once the page is idle."""


@pytest.fixture(scope="module")
def big_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, site_url: str
) -> Iterator[str]:
    # site_url: only for its check that Chromium and Playwright exist (skip otherwise).
    if FOSDEM.is_file():  # the session's one FOSDEM 2026 build, served (tests/conftest.py)
        yield request.getfixturevalue("fosdem_2026_served").url
        return
    root = fresh_site(tmp_path_factory.mktemp("catalog") / "site")
    write_big_event(root, 883)
    port = free_port()
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "site_url: https://example.org/" in text
    config.write_text(
        text.replace("https://example.org/", f"http://{HOST}:{port}{PREFIX}"), "utf-8"
    )
    built = build_site(root, strict=True)
    assert built.warnings == []
    with serve(built.site, port) as base:
        yield base


def count(page: Any) -> int:
    """How many talks match, as the count line says ("Talks: 12 of 883")."""
    text = page.locator("[data-podium-count]").inner_text()
    return int(re.findall(r"\d[\d,]*", text)[0].replace(",", ""))


ROWS = "ul[data-podium-talks] > li.podium-talk"
"""The rows of the list shown. A list a filter change replaced stays in the document, hidden
(content-visibility: hidden, aria-hidden), until the page is idle long enough to empty it."""


def shown(page: Any) -> int:
    """The talks the reader is shown: as many as the count line says, and scrolling to the end
    of the list brings exactly that many rows (the rows come a chunk at a time as it nears)."""
    idle(page)  # the rows due to leave (the load's trim, a replaced list) have left
    matching = count(page)
    page.wait_for_function(
        f"""n => {{ window.scrollTo(0, document.documentElement.scrollHeight);
                  return document.querySelectorAll('{ROWS}').length >= n; }}""",
        arg=matching,
    )
    assert page.locator(ROWS).count() == matching
    return matching


def shown_rows(page: Any, attribute: str) -> list[str]:
    """One ``attribute`` of every row shown, the list scrolled to its end."""
    shown(page)
    return list(
        page.eval_on_selector_all(ROWS, f"els => els.map(e => e.getAttribute('{attribute}'))")
    )


def idle(page: Any) -> None:
    """Wait until the page has been idle once and the rows that are to leave the document
    have left (podium.js takes them out a few at a time while idle): the catalog then keeps
    a screenful of rows or two."""
    page.evaluate("() => new Promise(done => requestIdleCallback(() => done()))")
    page.wait_for_function(
        "!document.querySelector('[data-podium-filters]').podiumCatalog.sweeping", polling=50
    )


def query(page: Any) -> dict[str, list[str]]:
    """The filters in the address, which follows them once the page is idle (podium.js)."""
    idle(page)
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def first_option(page: Any, name: str) -> tuple[str, str]:
    option = page.locator(f"select[name={name}] option:not([value=''])").first
    return str(option.get_attribute("value")), option.inner_text()


def test_day_room_text_and_speaker_filters_and_the_shared_link(big_site: str, visit: Any) -> None:
    v = visit(viewport=DESKTOP)
    page = v.page
    page.goto(big_site + "talks/")
    total = shown(page)
    assert total >= 883
    day, day_label = first_option(page, "day")
    page.select_option("select[name=day]", day)
    assert 0 < shown(page) < total
    assert set(shown_rows(page, "data-day")) == {day}
    assert day_label.split()[0] in ("Saturday", "Sunday")
    room, room_name = first_option(page, "room")
    page.select_option("select[name=room]", room)
    assert set(shown_rows(page, "data-room")) == {room}
    rows = page.locator(ROWS)
    assert room_name in rows.first.locator(".podium-talk__room").inner_text()
    in_room = shown(page)
    assert in_room > 0
    # The text box: every word must be in the title, subtitle or a speaker's name.
    title = rows.first.locator(".podium-talk__title a").inner_text()
    word = max(title.split(), key=len)
    page.fill("input[name=text]", word.upper())
    assert 0 < shown(page) <= in_room
    assert all(word.casefold() in t for t in shown_rows(page, "data-text"))
    assert query(page) == {"text": [word.upper()], "day": [day], "room": [room]}
    shared = page.url
    # A fresh tab on the shared link, and a reload, show the same view.
    fresh = visit(viewport=DESKTOP).page
    fresh.goto(shared)
    assert shown(fresh) == shown(page)
    assert fresh.locator("input[name=text]").input_value() == word.upper()
    assert not fresh.locator("input#__search").is_checked()  # Material's search stays closed
    assert fresh.locator("select[name=room]").input_value() == room
    page.reload()
    assert shown(page) == shown(fresh)
    assert page.locator("select[name=day]").input_value() == day
    page.get_by_role("button", name="Clear filters").press("Enter")
    page.wait_for_function("!location.search")
    assert shown(page) == total


def test_the_speaker_box_finds_a_name_from_part_of_it(big_site: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(big_site + "talks/")
    options = page.eval_on_selector_all(
        "#podium-speakers option", "os => os.map(o => [o.value, o.dataset.key])"
    )
    assert len(options) > 500  # a list to type into, not 935 options to scroll
    assert page.locator("select[name=speaker]").count() == 0
    name, key = next((n, k) for n, k in options if len(n.split()) >= 2)
    page.fill("input[name=speaker]", name)  # a whole name from the list: that person
    assert shown(page) >= 1
    assert all(key in keys.split() for keys in shown_rows(page, "data-speaker"))
    assert query(page) == {"speaker": [key]}
    page.reload()
    assert page.locator("input[name=speaker]").input_value() == name
    assert all(key in keys.split() for keys in shown_rows(page, "data-speaker"))
    part = name.split()[-1][:4].lower()
    page.fill("input[name=speaker]", part)  # part of a name: every speaker whose name has it
    shown(page)
    names = page.eval_on_selector_all(
        f"{ROWS} .podium-talk__speakers", "els => els.map(e => e.textContent)"
    )
    assert names and all(part in n.lower() for n in names)
    assert query(page) == {"speaker": [part]}
    page.fill("input[name=speaker]", "zzzz-nobody-qq")
    assert shown(page) == 0
    assert page.locator("[data-podium-empty]").is_visible()


def test_filters_work_from_the_keyboard(big_site: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(big_site + "talks/")
    idle(page)
    # Tabbing down the list: a row near its end brings the next rows, so Tab goes on to them.
    rows = page.locator(ROWS)
    before = rows.count()
    assert before < count(page)
    rows.last.locator(".podium-talk__title a").focus()
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length > {before}")
    for _ in range(3):  # past the row's event link and star: on to the next row
        page.keyboard.press("Tab")
    reached = page.evaluate(
        f"[...document.querySelectorAll('{ROWS}')]"
        ".indexOf(document.activeElement.closest('li.podium-talk'))"
    )
    assert reached >= before, (reached, before)
    # Find in page sees only the document: Ctrl+F first puts every matching row in.
    page.keyboard.press("Control+f")
    assert rows.count() == count(page)
    page.evaluate("window.scrollTo(0, 0)")
    total = shown(page)
    page.locator("input[name=text]").focus()
    page.keyboard.type("the")
    assert 0 < shown(page) < total
    page.keyboard.press("Tab")  # on to the next filter, in the page's order
    assert page.evaluate("document.activeElement.name") == "event"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    assert shown(page) == total
    page.locator("select[name=room]").focus()
    page.keyboard.press("ArrowDown")  # the first room after "All"
    assert 0 < shown(page) < total
    assert "room" in query(page)
    for name in ("text", "speaker"):
        assert page.locator(f"label:has(input[name={name}])").count() == 1
    for name in ("day", "room", "event", "year", "track", "tag"):
        assert page.locator(f"label:has(select[name={name}])").count() == 1


def test_show_all_brings_every_matching_row_and_the_keyboard_to_the_first_new_one(
    big_site: str, visit: Any
) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(big_site + "talks/?day=2026-01-31", wait_until="load")
    idle(page)
    button = page.get_by_role("button", name="Show all matching talks")
    assert button.is_visible()
    # The keyboard on the last thing in the list, the window left where it is, then Tab.
    page.evaluate(
        f"""() => {{ const row = [...document.querySelectorAll('{ROWS}')].pop();
                    const all = row.querySelectorAll('a[href], button');
                    all[all.length - 1].focus({{preventScroll: true}}); }}"""
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show all matching talks"
    # Coming into view, the button may have brought the next chunk: count the rows the moment
    # Enter goes down.
    page.evaluate(
        f"""() => document.activeElement.addEventListener('keydown', () => {{
              window.rowsBefore = document.querySelectorAll('{ROWS}').length; }})"""
    )
    page.keyboard.press("Enter")
    before = page.evaluate("window.rowsBefore")
    matching = count(page)
    assert 0 < before < matching < 883
    assert page.locator(ROWS).count() == matching
    assert page.evaluate(
        f"document.activeElement === document.querySelectorAll('{ROWS}')[{before}]"
        ".querySelector('.podium-talk__title a')"
    )
    assert button.is_hidden()  # nothing left to show
    assert serious_violations(page) == []


def test_every_filter_change_stays_within_the_budget_on_a_4x_slower_cpu(
    big_site: str, visit: Any
) -> None:
    v = visit(viewport=DESKTOP)
    page = v.page
    page.goto(big_site + "talks/", wait_until="load")
    idle(page)
    assert page.locator(ROWS).count() < 200  # the rest wait in memory
    cdp = v.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    # From the input event to the next frame being painted, measured inside the page.
    measure = """async ([selector, value]) => {
      const control = document.querySelector(selector);
      const start = performance.now();
      control.value = value;
      control.dispatchEvent(new Event("input", {bubbles: true}));
      await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - start;
    }"""
    day, _ = first_option(page, "day")
    room, _ = first_option(page, "room")
    track, _ = first_option(page, "track")
    speaker = page.locator("#podium-speakers option").nth(3).get_attribute("value")
    changes = [
        ("select[name=day]", day),
        ("select[name=room]", room),
        ("select[name=room]", ""),
        ("select[name=day]", ""),  # every row back
        ("select[name=track]", track),
        ("select[name=track]", ""),
        ("input[name=text]", "o"),
        ("input[name=text]", "op"),
        ("input[name=text]", "ope"),
        ("input[name=text]", "open source"),
        ("input[name=text]", ""),
        ("input[name=speaker]", "a"),
        ("input[name=speaker]", speaker),
        ("input[name=speaker]", ""),
    ]
    # The sequence ends where it starts (no filter), so it runs five times over; each
    # change keeps its fastest run: other work on a shared machine only ever adds time.
    runs = []
    for _ in range(5):
        runs.append([page.evaluate(measure, change) for change in changes])
        assert count(page) >= 883
    # A reader who scrolled through the whole list, or asked for all of it, has every row in
    # the document; the next change takes them out of sight (a new list, the old one hidden
    # and emptied while idle), within the same budget. Each way in, five times over.
    for n in range(5):
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        if n % 2:
            assert shown(page) >= 883
        else:
            page.get_by_role("button", name="Show all matching talks").click()
            assert page.locator(ROWS).count() >= 883
        page.evaluate("window.scrollTo(0, 0)")
        idle(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        runs.append([page.evaluate(measure, change) for change in changes])
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    times = [min(each) for each in zip(*runs[:5], strict=True)]
    after_all = [min(each) for each in zip(*runs[5:], strict=True)]
    slow = [(c, round(t)) for c, t in zip(changes, times, strict=True) if t > BUDGET_MS]
    slow += [
        (("after every row", *c), round(t))
        for c, t in zip(changes, after_all, strict=True)
        if t > BUDGET_MS
    ]
    print(
        f"filter changes at 4x CPU: median {statistics.median(times):.0f} ms,"
        f" max {max(times):.0f} ms; the first after every row was in: {after_all[0]:.0f} ms"
    )
    assert slow == [], f"over {BUDGET_MS} ms: {slow}"


def test_the_catalog_is_axe_clean_and_fits_a_phone(big_site: str, visit: Any) -> None:
    for size in (DESKTOP, PHONE):
        page = visit(viewport=size).page
        page.goto(big_site + "talks/?day=2026-01-31&text=a", wait_until="load")
        assert 0 < shown(page) < 883
        # Material's own search box says "Initializing search" in a paler grey while the
        # index of ~900 talks loads: wait for it, the catalog is what is checked here.
        page.wait_for_function(
            "!/Initializing/.test(document.querySelector('.md-search-result__meta')"
            "?.textContent || '')",
            timeout=30_000,
        )
        assert serious_violations(page) == []
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0


def test_without_javascript_the_catalog_is_the_complete_list(
    big_site: str, browser: Any, tmp_path: Path
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(big_site + "talks/?room=janson&text=rust")
        assert page.locator("[data-podium-filters]").is_hidden()
        visible = page.locator("li.podium-talk:visible").count()
        assert visible == page.locator("li.podium-talk").count() >= 883
    finally:
        context.close()


def room_talks(page: Any, word: str) -> set[str]:
    """The talk ids of the catalog's rows whose room slug has ``word``."""
    shown(page)  # every row in the document
    ids = page.eval_on_selector_all(
        ROWS,
        """(rows, word) => rows.filter(r => (r.dataset.room || '').split('-').includes(word))
            .map(r => r.querySelector('.podium-talk__title a').getAttribute('href'))""",
        word,
    )
    return {href.strip("/").split("/")[-1] for href in ids}


@pytest.mark.parametrize(("query", "word"), [("Henriot", "henriot"), ("K.1.105", "105")])
def test_material_search_finds_the_talks_in_a_room(
    big_site: str, visit: Any, query: str, word: str
) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(big_site + "talks/")
    expected = room_talks(page, word)
    assert len(expected) >= 3
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=40)  # Material listens to key events
    links = page.locator(".md-search-result__link")
    links.first.wait_for(timeout=30_000)
    found = {
        href.split("#")[0].strip("/").split("/")[-1]
        for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    }
    assert found and found <= expected
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d+ matching documents?", meta), meta
