from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from kommun.core.sites import user_site

from .models import ArticlePage
from .sharing import partners_of, share_view, shared_with


@hooks.register("register_admin_urls")
def sharing_urls():
    return [path("news/share/<int:page_id>/", share_view, name="news_share")]


@hooks.register("register_page_header_buttons")
def share_button(page, user, view_name, next_url=None):
    if isinstance(page.specific, ArticlePage) and partners_of(page).exists():
        yield Button(
            _("Share with a partner"),
            reverse("news_share", args=[page.pk]),
            icon_name="site",
            priority=40,
        )


@hooks.register("register_log_actions")
def sharing_log_actions(actions):
    actions.register_action(
        "kommun.news.shared", _("Shared by a partner"), _("Shared by a partner")
    )


class SharedWithYouPanel(Component):
    """On the dashboard: partners' articles waiting for this municipality's review."""

    name = "shared_with_you"
    template_name = "news/admin/shared_with_you.html"
    order = 150

    def __init__(self, articles):
        self.articles = articles

    def get_context_data(self, parent_context=None):
        return {"articles": self.articles}


@hooks.register("construct_homepage_panels")
def shared_with_you(request, panels):
    articles = list(shared_with(user_site(request.user)))
    if articles:
        panels.append(SharedWithYouPanel(articles))
