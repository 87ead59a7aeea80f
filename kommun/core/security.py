"""
The Content-Security-Policy, through django-csp.

settings.CONTENT_SECURITY_POLICY is the strict policy of the public site: everything from
this origin only, map tiles from their host, no inline script or style, and no framing by
any other site. Two kinds of address differ, chosen here by path so that an answer from
the snapshots during an outage (kommun/snapshots/outage.py) gets the same policy as the view's:

- the embeddable banner (/embed/…) exists to be framed by other sites: frame-ancestors *;
- the Wagtail admin runs inline scripts (the page editor's StreamField and Draftail set
  themselves up from <script> elements in the page) and inline styles, shows editors'
  avatars from Gravatar and checks releases.wagtail.org for a new version: under the strict
  policy the page editor does not start (kommun/site/tests/test_csp_in_browser.py sees
  it). So the admin allows inline script and style and those two hosts, and keeps
  frame-ancestors 'none': it is never to be framed, since clickjacking an editor's session
  is its risk. The one exception is Wagtail's own: its preview, which the editor shows in
  a frame beside the form, says X-Frame-Options: SAMEORIGIN, and gets frame-ancestors 'self'.
  Every admin user is a logged-in editor, and what the public writes (problem reports,
  subscriptions) is shown escaped by Wagtail's templates.

deploy/nginx.conf sends the same policies for the snapshot files it serves itself;
kommun/site/tests/test_security_headers.py checks that the two agree.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

EMBEDDABLE_PREFIXES = ("/embed/",)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

EMBED_POLICY = {"frame-ancestors": ["*"]}


def admin_policy():
    public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # The map tiles, avatars, and previews of images being uploaded, before they are saved.
        "img-src": [*public["img-src"], "data:", "blob:", "www.gravatar.com"],
        "connect-src": [SELF, "releases.wagtail.org"],
        "frame-ancestors": [NONE],
    }


def policy_exceptions(path, response):
    """The directives that replace the settings' for this answer, or None."""
    if path.startswith(EMBEDDABLE_PREFIXES):
        return EMBED_POLICY
    if path.startswith(ADMIN_PREFIXES):
        policy = admin_policy()
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            policy["frame-ancestors"] = [SELF]
        return policy
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        exceptions = policy_exceptions(request.path_info, response)
        if exceptions and not report_only:
            # A view's own csp_replace still wins over the address's rule.
            parts.replace = exceptions | (parts.replace or {})
        return parts
