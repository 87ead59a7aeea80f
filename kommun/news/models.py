from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from kommun.core.text import refuse_control_characters

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


class ArticleQuerySet(PageQuerySet):
    def of_site(self, site):
        """The site's articles in every language: its home page has one tree per language."""
        within = models.Q()
        for home in [site.root_page, *site.root_page.get_translations()]:
            within |= models.Q(path__startswith=home.path)
        return self.filter(within)

    def for_reader(self, page, language=None):
        """
        The live articles of `page`'s site, each once: in the reader's language where it has
        been translated, otherwise in its original language.
        """
        from kommun.core.sites import default_language

        language = language or translation.get_language()
        site = page.get_site()
        preference = {language: 0, default_language(site): 1}
        chosen = {}
        rows = (
            self.live().of_site(site).values_list("pk", "translation_key", "locale__language_code")
        )
        for pk, key, code in rows:
            rank = preference.get(code, 2)
            if key not in chosen or rank < chosen[key][0]:
                chosen[key] = (rank, pk)
        return self.filter(pk__in=[pk for _rank, pk in chosen.values()]).order_by(
            "-published", "-pk"
        )


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["site.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.for_reader(self)
        context["articles"] = Paginator(articles, ARTICLES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
        # An article not yet translated into this index's language is read in its original
        # language at this address, under this language's interface.
        for other in self.get_translations().order_by("pk"):
            article = ArticlePage.objects.live().child_of(other).filter(slug=path_components[0])
            if article.exists():
                return article.get().route(request, path_components[1:])
        raise Http404


class ArticlePage(Page):
    published = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Shown to readers as the date the article was published."),
    )
    lead = models.TextField(_("lead paragraph"), validators=[refuse_control_characters])
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    # Set on a copy shared by a partner municipality (see sharing.py).
    shared_from = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("shared by a partner from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shared_copies",
    )
    text_language = models.CharField(
        _("language of the text"),
        max_length=5,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_(
            "Only when the text is not in this page's language, e.g. an article shared by a "
            "partner and published as it is."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("published"),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading=_("Image gallery"), label=_("image")),
    ]
    settings_panels = Page.settings_panels + [
        FieldPanel("text_language"),
        FieldPanel("shared_from", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ArticleQuerySet)()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        # The title is Wagtail's field; it reaches the news feeds as the lead does.
        try:
            refuse_control_characters(self.title)
        except ValidationError as error:
            raise ValidationError({"title": error}) from None

    @property
    def content_language(self):
        return self.text_language or self.locale.language_code

    def partner_copies(self):
        """The live copies partner municipalities made of this article."""
        return ArticlePage.objects.live().filter(shared_from=self)

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
