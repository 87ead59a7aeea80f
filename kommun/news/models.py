from datetime import timedelta

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

ARTICLES_PER_PAGE = 10

# Saving the same publish twice (say, a scheduled publish) is not an edit a reader cares about.
EDIT_GRACE = timedelta(minutes=5)


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("Paragraph"),
        icon="pilcrow",
    )
    heading = blocks.CharBlock(
        label=_("Subheading"),
        icon="title",
        template="news/blocks/heading.html",
        help_text=_("A subheading within the article (shown as h2)."),
    )


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().child_of(self).order_by("-published", "-pk")
        context["articles"] = Paginator(articles, ARTICLES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


class ArticlePage(Page):
    published = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Shown to readers as the date the article was published."),
    )
    lead = models.TextField(_("lead paragraph"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("published"),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading=_("Image gallery"), label=_("image")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def updated_at(self):
        """When the article was last republished, if it was edited after its first publication."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and last - first > EDIT_GRACE:
            return last
        return None


class ArticleGalleryImage(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("Describes the image for readers who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
