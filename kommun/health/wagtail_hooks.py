"""A line on the admin's dashboard when the status files are stale or the queue is stuck."""

from datetime import timedelta

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import checks


def faults():
    """What staff should know about, in their language: [] when all is well."""
    now = timezone.now()
    found = []
    snapshots = checks.snapshots(now)
    if not snapshots["ok"] and "age_seconds" in snapshots:
        made = now - timedelta(seconds=snapshots["age_seconds"])
        text = _(
            "The pre-rendered status files were last written %(age)s ago: visitors may see "
            "an old status. Is the scheduler running?"
        ) % {"age": timesince(made, now)}
        if snapshots.get("error"):
            text += " " + _("The last write failed: %(error)s") % {"error": snapshots["error"]}
        found.append(text)
    queue = checks.notifier_queue(now)
    if not queue["ok"] and queue.get("age_seconds"):
        waited = now - timedelta(seconds=queue["age_seconds"])
        found.append(
            _(
                "Notifications are stuck: the oldest has waited %(age)s to be sent. Is the "
                "notifier running, and can it reach the mail server?"
            )
            % {"age": timesince(waited, now)}
        )
    return found


class FaultsPanel(Component):
    name = "kommun_faults"
    template_name = "health/admin/faults.html"
    order = 10  # first: it is why the status may be wrong

    def __init__(self, found):
        self.found = found

    def get_context_data(self, parent_context=None):
        return {"faults": self.found}


@hooks.register("construct_homepage_panels")
def faults_panel(request, panels):
    found = faults()
    if found:
        panels.append(FaultsPanel(found))
