"""Screenshots of every public page type at phone and desktop widths, in var/screenshots/."""

import pytest

from .browser import DESKTOP, PHONE, SCREENSHOTS, open_page, public_pages, screenshot


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_screenshot_of_every_public_page_type(screen, public_content, live_server, reader):
    viewport = PHONE if screen == "phone" else DESKTOP
    page = reader("sv", viewport=viewport).new_page()
    for name, path in public_pages(public_content, "sv").items():
        open_page(page, live_server, path)
        page.wait_for_load_state("networkidle")
        screenshot(page, f"{name}-{screen}")
        assert (SCREENSHOTS / f"{name}-{screen}.png").stat().st_size > 0
