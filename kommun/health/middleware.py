"""
/healthz and /readyz, answered before any other middleware: no language prefix, no site
lookup, no session, and so no database for /healthz. Both say no-store, so that no
shared cache answers for a process that has stopped.

- /healthz: 200 "ok" while this web process can answer at all (for a load balancer or
  systemd's watchdog: restart it when this fails).
- /readyz: JSON with the state of each dependency (kommun/health/checks.py), 200 when all
  are well and 503 when one is not (for monitoring: alert when this fails; do not take
  the web out of a load balancer on it, as the status page is served without them).
"""

from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from . import checks


def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request):
    ready, states = checks.readiness()
    answer = {"ready": ready, "checked_at": timezone.now().isoformat(), "checks": states}
    return JsonResponse(answer, status=200 if ready else 503)


ROUTES = {"/healthz": healthz, "/readyz": readyz}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = ROUTES.get(request.path_info.rstrip("/"))
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = view(request)
        response["Cache-Control"] = "no-store"
        return response
