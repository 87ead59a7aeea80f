"""Helpers for data migrations that give existing rows their municipality."""


def to_default_site(app_label, model_name):
    """A RunPython function: rows without a site belong to the default site."""

    def forwards(apps, schema_editor):
        Site = apps.get_model("wagtailcore", "Site")
        model = apps.get_model(app_label, model_name)
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is not None:
            model.objects.filter(site__isnull=True).update(site=site)

    return forwards
