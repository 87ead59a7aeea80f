from django.contrib.staticfiles.storage import ManifestStaticFilesStorage


class StaticStorage(ManifestStaticFilesStorage):
    """
    Django's hashed static files, leaving alone url(%23…) references. They point into an
    SVG inside a data URI (Leaflet-Geoman's icons); Django's pattern ends a url( at the
    first ")", so after a "translate(…)" in such an SVG it takes the references that follow
    for files and rewrites them, which breaks the icons.
    """

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            if matchobj["url"].startswith("%23"):
                return matchobj["matched"]
            return convert(matchobj)

        return converter
