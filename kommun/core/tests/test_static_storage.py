import gzip

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


def test_text_files_are_collected_with_a_gzipped_copy_for_nginx_to_serve(tmp_path, settings):
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text(".banner { color: #1b1f24; }\n" * 50)
    (source / "banner.js").write_text("document.querySelector('.banner');\n" * 50)
    (source / "icon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">' + "<g/>" * 50 + "</svg>"
    )
    (source / "photo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 8)
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "kommun.core.storage.StaticStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    collected = tmp_path / "collected"
    compressed = sorted(path.name for path in collected.glob("*.gz"))
    hashed = [path.name for path in collected.glob("*.*.*") if not path.name.endswith(".gz")]
    assert len(compressed) == 6, compressed  # the three text files, by both their names
    for gz in collected.glob("*.gz"):
        original = gz.with_name(gz.name.removesuffix(".gz"))
        assert gzip.decompress(gz.read_bytes()) == original.read_bytes(), gz.name
        assert gz.stat().st_size < original.stat().st_size
    assert not list(collected.glob("photo*.gz")), "a PNG is compressed already"
    assert {f"{name}.gz" for name in hashed if not name.startswith("photo")} <= set(compressed)
