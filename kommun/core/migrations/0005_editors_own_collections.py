"""
Editors see their own municipality only. Wagtail's default "Editors" and "Moderators"
groups hold permissions on every municipality's pages and collections, so they go; each
municipality gets its own collection of images and documents, on which its editor groups
(and only they) get permissions. New sites get the same from setup_site (site_structure.py).
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
# django-treebeard's materialised path, as Wagtail's collections use it.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number):
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, "0")


def _add_child(Collection, parent, name):
    children = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=parent.path + _encode(number), depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=children.count())
    return child


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    MunicipalitySettings = apps.get_model("core", "MunicipalitySettings")

    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    permissions = [
        permission
        for app_label, codename in COLLECTION_PERMISSIONS
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    root = Collection.objects.filter(depth=1).first()
    if root is None or not permissions:
        return  # a fresh database: setup_site makes the collections
    for profile in MunicipalitySettings.objects.select_related("site"):
        groups = list(profile.editor_groups.all())
        if not groups or GroupCollectionPermission.objects.filter(group__in=groups).exists():
            continue
        site = profile.site
        collection = _add_child(Collection, root, f"{site.site_name} ({site.hostname})")
        for group in groups:
            for permission in permissions:
                GroupCollectionPermission.objects.create(
                    group=group, collection=collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipalitysettings_bbox_and_more"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
