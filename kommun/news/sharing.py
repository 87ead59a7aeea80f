"""
Partner municipalities share news. Sharing makes a linked draft copy under the partner's
news index, in the partner's default language, which the partner's editors review and
publish like any other draft. Both articles then show that they are linked.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from kommun.core.pages import find_page
from kommun.core.sites import default_locale, municipality

from .importer import article_slug
from .models import ArticlePage, NewsIndexPage


class ShareMode(models.TextChoices):
    TRANSLATE = "translate", gettext_lazy("For translation: the partner translates it first")
    AS_IS = "as_is", gettext_lazy("As it is, in its own language, with a note saying so")


class SharingError(Exception):
    pass


def partners_of(page):
    return municipality(page.get_site()).partner_sites.all()


@transaction.atomic
def share_article(article, partner, mode, user=None):
    """The partner's draft copy of article; SharingError names why there can be none."""
    source_site = article.get_site()
    if partner == source_site or partner not in partners_of(article):
        raise SharingError(_("%(site)s is not a partner municipality.") % {"site": partner})
    if ArticlePage.objects.filter(shared_from=article).of_site(partner).exists():
        raise SharingError(
            _("This article has already been shared with %(site)s.") % {"site": partner}
        )
    news_index = find_page(partner, NewsIndexPage)
    if news_index is None:
        raise SharingError(_("%(site)s has no news index.") % {"site": partner})
    copy = article.copy(
        to=news_index,
        update_attrs={
            "slug": article_slug(news_index, article.title),
            "locale": default_locale(partner),
            "shared_from": article,
            "text_language": article.content_language if mode == ShareMode.AS_IS else "",
        },
        keep_live=False,
        copy_revisions=False,
        reset_translation_key=True,
        user=user,
        log_action=None,
    )
    log(copy, "kommun.news.shared", user=user, data={"from": article.pk, "mode": mode})
    return copy


class ShareForm(forms.Form):
    partner = forms.ModelChoiceField(label=gettext_lazy("Partner municipality"), queryset=None)
    mode = forms.ChoiceField(
        label=gettext_lazy("How"),
        choices=ShareMode.choices,
        widget=forms.RadioSelect,
        initial=ShareMode.TRANSLATE,
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_of(article)
        self.fields["partner"].label_from_instance = lambda site: site.site_name


def share_view(request, page_id):
    """The admin screen behind "Share with a partner"."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = ShareForm(request.POST or None, article=article)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data["partner"]
        try:
            share_article(article, partner, form.cleaned_data["mode"], request.user)
        except SharingError as error:
            form.add_error("partner", str(error))
        else:
            messages.success(
                request,
                _("A draft copy is waiting for %(site)s's editors to review and publish.")
                % {"site": partner.site_name},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    return TemplateResponse(request, "news/admin/share.html", {"article": article, "form": form})


def shared_with(site):
    """Partners' articles waiting for this site's editors: unpublished shared copies."""
    if site is None:
        return ArticlePage.objects.none()
    return (
        ArticlePage.objects.filter(shared_from__isnull=False, live=False)
        .of_site(site)
        .select_related("shared_from")
    )
