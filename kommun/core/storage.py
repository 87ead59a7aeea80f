import gzip
from pathlib import Path

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

# Text formats, which gzip shrinks to a fraction; images and fonts are compressed already.
COMPRESSIBLE = (".css", ".js", ".mjs", ".map", ".svg", ".json", ".txt", ".xml", ".html", ".ico")


class StaticStorage(ManifestStaticFilesStorage):
    """
    Django's hashed static files, each text file with a gzipped copy beside it (site.css.gz)
    that nginx serves as it is (gzip_static), instead of compressing it for every request.

    It leaves alone url(%23…) references. They point into an SVG inside a data URI
    (Leaflet-Geoman's icons); Django's pattern ends a url( at the first ")", so after a
    "translate(…)" in such an SVG it takes the references that follow for files and
    rewrites them, which breaks the icons.
    """

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            if matchobj["url"].startswith("%23"):
                return matchobj["matched"]
            return convert(matchobj)

        return converter

    def post_process(self, paths, dry_run=False, **options):
        written = set()
        for name, hashed_name, processed in super().post_process(paths, dry_run, **options):
            written.update({name, hashed_name} if isinstance(hashed_name, str) else {name})
            yield name, hashed_name, processed
        if not dry_run:
            # After every pass: a CSS file's final text has its references hashed.
            for name in sorted(written):
                if name.endswith(COMPRESSIBLE):
                    self._write_gzipped(name)

    def _write_gzipped(self, name):
        source = Path(self.path(name))
        data = source.read_bytes()
        # mtime=0: the same file gives the same bytes, whenever it is collected.
        compressed = gzip.compress(data, compresslevel=9, mtime=0)
        target = source.with_name(source.name + ".gz")
        if len(compressed) < len(data):
            target.write_bytes(compressed)
        else:
            target.unlink(missing_ok=True)
