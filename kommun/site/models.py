from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from kommun.news.models import ArticlePage


class HomePage(Page):
    """The municipality's front page: the banner, the current notices and the latest news."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "disruptions.StatusPage",
        "news.NewsIndexPage",
        "accessibility.AccessibilityStatementPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = ArticlePage.objects.for_reader(self)[:3]
        return context
