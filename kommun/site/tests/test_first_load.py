"""
The status page is read on phones with a weak signal: its first load (HTML, CSS, scripts,
fonts; not map tiles or photos) must stay within 60 KB as a server sends it, gzipped.
"""

import gzip

from .browser import open_page, public_pages

BUDGET = 60 * 1024


def test_the_status_page_first_load_is_at_most_60_kb_compressed(
    public_content, live_server, reader
):
    page = reader("sv").new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    open_page(page, live_server, public_pages(public_content, "sv")["status"])
    page.wait_for_load_state("networkidle")

    sizes = {}
    for request in loaded:
        if request.resource_type == "image" and "/media/" in request.url:
            continue  # photos
        body = request.response().body()
        sizes[request.url.removeprefix(live_server.url)] = len(gzip.compress(body, 6))
    # The page really did load its styles and, with the map, Leaflet.
    assert any(url.endswith(".css") for url in sizes), sizes
    assert any("leaflet" in url and url.endswith(".js") for url in sizes), sizes
    total = sum(sizes.values())
    breakdown = "\n".join(f"{size:>7} {url}" for url, size in sorted(sizes.items()))
    assert total <= BUDGET, f"{total} bytes gzipped, over {BUDGET}:\n{breakdown}"
