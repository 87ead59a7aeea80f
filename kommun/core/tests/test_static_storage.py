from django.core.management import call_command


def test_hashed_static_files_keep_references_inside_inline_svg(tmp_path, settings):
    source = tmp_path / "source"
    (source / "images").mkdir(parents=True)
    (source / "images" / "icon.png").write_bytes(b"\x89PNG fake")
    css = (
        ".a{background:url(images/icon.png)}\n"
        """.b{background:url('data:image/svg+xml,<svg><g mask="url(%23mask-b)"/></svg>')}\n"""
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
