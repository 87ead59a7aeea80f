from django.core.management import call_command


def test_hashed_static_files_keep_references_inside_inline_svg(tmp_path, settings):
    source = tmp_path / "source"
    (source / "images").mkdir(parents=True)
    (source / "images" / "icon.png").write_bytes(b"\x89PNG fake")
    # Shaped like Leaflet-Geoman's icons: an SVG in a data URI, masks referring inside it.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg">%0A  <defs>%0A    <path id="mask-a" d="M1,1"/>'
        '%0A  </defs>%0A  <g fill="none" transform="translate(1 1)"><mask id="mask-b" fill="white">'
        '<use xlink:href="%23mask-a"/></mask><g mask="url(%23mask-b)"></g></g>%0A</svg>'
    )
    css = (
        ".a{background:url(images/icon.png)}\n"
        f".b{{background-image:url('data:image/svg+xml,{svg}')}}\n"
    )
    (source / "icons.css").write_text(css)
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "kommun.core.storage.StaticStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    [collected] = (tmp_path / "collected").glob("icons.*.css")
    text = collected.read_text()
    assert "url(%23mask-b)" in text, "the reference inside the SVG is left as it was"
    assert 'url("images/icon.' in text and "icon.png" not in text.split("\n")[0], (
        "ordinary references are still hashed"
    )
