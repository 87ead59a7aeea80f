from django.contrib import messages
from django.utils.translation import gettext as _

from .rounds import forget_outcome, last_outcome


class SnapshotReportMiddleware:
    """
    Tells whoever made a change whether the status snapshots were written: a message in
    the admin, and a header on any other response (the write API's, for one).
    """

    HEADER = "Kommun-Snapshot"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forget_outcome()
        response = self.get_response(request)
        outcome = last_outcome()
        if outcome is None:
            return response
        forget_outcome()
        if outcome.ok:
            response[self.HEADER] = f"written {outcome.generated_at.isoformat()}"
            return response
        response[self.HEADER] = f"failed {outcome.generated_at.isoformat()}"
        if request.path.startswith("/admin/") and hasattr(request, "_messages"):
            messages.error(
                request,
                _(
                    "The change is saved, but the pre-rendered status files could not be "
                    "updated (%(error)s): visitors may see the previous status until they are. "
                    "The scheduler tries again every 30 seconds."
                )
                % {"error": outcome.error},
            )
        return response
