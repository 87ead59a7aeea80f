from django.core.management.base import BaseCommand, CommandError

from kommun.core.pages import find_page
from kommun.core.sites import site_by_hostname
from kommun.news.importer import (
    ArticleImportError,
    create_article,
    read_article_file,
)
from kommun.news.models import NewsIndexPage


class Command(BaseCommand):
    help = (
        "Creates and publishes a news article from a JSON file under the site's news index "
        "and prints its URL path as the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the article as JSON; image paths are relative to it")
        parser.add_argument(
            "--site", help="the municipality's host name (default: the default site)"
        )

    def handle(self, *args, file, site=None, **options):
        municipality = site_by_hostname(site)
        try:
            article = read_article_file(file)
        except ArticleImportError as error:
            raise CommandError(str(error)) from None
        news_index = find_page(municipality, NewsIndexPage)
        if news_index is None:
            raise CommandError("the site has no published news index to import into")
        page = create_article(article, news_index)
        self.stdout.write(page.get_url_parts()[2])
