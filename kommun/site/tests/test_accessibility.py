"""
Every public page type, in every language, in Chromium: no axe-core violations of the
WCAG 2.1 A and AA rules, the status in words and not only in colour, visible focus in a
sensible order, a named banner landmark that announces changes politely, and no sideways
scrolling on a 320 px phone or at 200% zoom.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from kommun.disruptions.models import Notice, State

from .browser import (
    AXE_SCRIPT,
    LANGUAGES,
    ZOOMED,
    axe_violations,
    open_page,
    public_pages,
    widest_elements,
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_has_no_wcag_violations(
    language, public_content, live_server, reader
):
    if not AXE_SCRIPT.exists():
        pytest.skip(f"axe-core is missing at {AXE_SCRIPT}: `make setup` installs it with npm")
    page = reader(language).new_page()
    found = {}
    for name, path in public_pages(public_content, language).items():
        open_page(page, live_server, path)
        assert page.locator("html").get_attribute("lang") == language, path
        if violations := axe_violations(page):
            found[f"{name} {path}"] = violations
    assert found == {}, "\n".join(
        f"{where}:\n  " + "\n  ".join(violations) for where, violations in found.items()
    )


def test_the_axe_check_reports_a_planted_violation(chromium):
    page = chromium.new_page()
    page.set_content('<html><body><main><img src="bild.png"></main></body></html>')
    violations = axe_violations(page)
    page.close()
    assert any(line.startswith("image-alt:") for line in violations), violations
    assert any(line.startswith("html-has-lang:") for line in violations), violations


def labels(language):
    """What each state and severity modifier class must also say in words."""
    with translation.override(language):
        words = {choice.value: str(choice.label) for choice in [*Notice.Severity, *State]}
        words["disrupted"] = ngettext(
            "Right now we have %(count)d ongoing disruption",
            "Right now we have %(count)d ongoing disruptions",
            1,
        ) % {"count": 1}
        words["clear"] = gettext("Right now we have no ongoing disruptions")
    return words


# Every element whose colour follows a state or a severity, with its modifier and its text.
COLOURED = """() => [...document.querySelectorAll('[class*="--"]')].flatMap(element =>
    [...element.classList].filter(name => /^(banner|tag|notice-card|notice)--/.test(name))
        .map(name => ({name, modifier: name.split('--')[1], text: element.innerText})))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_state_and_severity_are_written_out_not_only_coloured(
    language, public_content, live_server, reader
):
    page = reader(language).new_page()
    words = labels(language)
    pages = public_pages(public_content, language)
    checked = set()
    for name in ["home", "status", "notice", "archive", "lookup-result"]:
        open_page(page, live_server, pages[name])
        for element in page.evaluate(COLOURED):
            if element["modifier"] in words:
                expected = words[element["modifier"]].lower()
                assert expected in element["text"].lower(), (name, element)
                checked.add(element["modifier"])
    # The fixture has a critical ongoing, a minor planned and a major resolved notice.
    assert {"disrupted", "critical", "minor", "major"} <= checked


FOCUSED = """() => {
    const element = document.activeElement, style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        tag: element.tagName, text: (element.innerText || element.name || '').trim().slice(0, 40),
        outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
        shadow: style.boxShadow, visible: box.width > 0 && box.height > 0 && box.left >= 0,
        index: [...document.querySelectorAll('*')].indexOf(element),
    };
}"""


@pytest.mark.parametrize("name", ["home", "notice", "lookup", "subscribe", "accessibility"])
def test_keyboard_focus_is_visible_and_follows_the_reading_order(
    name, public_content, live_server, reader
):
    page = reader("sv").new_page()
    open_page(page, live_server, public_pages(public_content, "sv")[name])
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["tag"] == "BODY" or (stops and stop["index"] <= stops[-1]["index"]):
            break  # past the last control: focus went back to the browser or the top
        stops.append(stop)
    assert stops[0]["text"] == "Hoppa till innehållet", stops[0]
    for stop in stops:
        assert stop["visible"], stop
        assert stop["outline"] >= 2 or stop["shadow"] != "none", f"no focus indicator: {stop}"
    assert len(stops) >= 8, stops  # the header, the banner, main and the footer all took part
    texts = [stop["text"] for stop in stops]
    assert texts.index("Driftinformation") < texts.index("Tillgänglighetsredogörelse")

    # The skip link takes keyboard users past the header and the banner.
    open_page(page, live_server, public_pages(public_content, "sv")[name])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_banner_is_a_named_landmark_whose_changes_are_announced_politely(
    language, public_content, live_server, reader
):
    page = reader(language).new_page()
    open_page(page, live_server, "/")
    with translation.override(language):
        name = gettext("Disruption status")
    banner = page.get_by_role("region", name=name)
    expect(banner).to_have_count(1)
    expect(banner).to_contain_text(labels(language)["disrupted"])
    live = banner.locator("[aria-live]")
    expect(live).to_have_attribute("aria-live", "polite")
    # banner.js swaps the inside of the live region, never the region itself.
    expect(live.locator(".banner__text")).to_have_count(1)


# A phone held upright, and a 1280 px wide window zoomed to 200%.
NARROW = {"phone": {"viewport": {"width": 320, "height": 640}}, "zoom": ZOOMED}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", NARROW)
def test_every_page_fits_the_screen_without_scrolling_sideways(
    screen, language, public_content, live_server, reader
):
    page = reader(language, **NARROW[screen]).new_page()
    too_wide = {}
    for name, path in public_pages(public_content, language).items():
        open_page(page, live_server, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:
            too_wide[name] = (width, widest_elements(page))
    assert too_wide == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_showing_their_errors_have_no_wcag_violations(
    language, public_content, live_server, reader
):
    if not AXE_SCRIPT.exists():
        pytest.skip(f"axe-core is missing at {AXE_SCRIPT}: `make setup` installs it with npm")
    page = reader(language).new_page()
    pages = public_pages(public_content, language)
    found = {}
    for name in ["subscribe", "accessibility"]:
        open_page(page, live_server, pages[name])
        page.locator("main form button[type=submit]").last.click()
        expect(page.locator("main .errors").first).to_be_visible()
        if violations := axe_violations(page):
            found[name] = violations
    assert found == {}, found
