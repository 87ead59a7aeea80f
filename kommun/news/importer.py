"""
Importing a news article from a JSON file:

    {"title": str, "published": "YYYY-MM-DD", "lead": str, "body": [str, ...],
     "images": [{"path": str, "caption": str, "alt": str}]}

Everything is checked before anything is written, and the writing happens in one
transaction, so bad input never leaves half an article behind.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from anyascii import anyascii
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from kommun.core.pages import free_slug
from kommun.core.sites import site_collection
from kommun.core.text import first_unprintable

from .models import ArticleGalleryImage, ArticlePage

IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
TITLE_MAX_LENGTH = 255


class ArticleImportError(Exception):
    """Bad input, described in one line that names the problem."""


@dataclass(frozen=True)
class ImageData:
    path: Path
    caption: str
    alt: str


@dataclass(frozen=True)
class ArticleData:
    title: str
    published: date
    lead: str
    body: list[str]
    images: list[ImageData]


def read_article_file(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArticleImportError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ArticleImportError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ArticleImportError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleImportError(
            f"{path}: malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    return parse_article(raw, base_dir=path.parent)


def parse_article(raw, base_dir):
    if not isinstance(raw, dict):
        raise ArticleImportError("the file must hold a JSON object")
    title = _text(raw, "title", required=True)
    if len(title) > TITLE_MAX_LENGTH:
        raise ArticleImportError(f"field 'title' is longer than {TITLE_MAX_LENGTH} characters")
    return ArticleData(
        title=title,
        published=_date(raw, "published"),
        lead=_text(raw, "lead", required=True),
        body=_paragraphs(raw),
        images=_images(raw, Path(base_dir)),
    )


def _field(raw, name):
    if name not in raw:
        raise ArticleImportError(f"missing field '{name}'")
    return raw[name]


def _text(raw, name, required=False, where=""):
    value = _field(raw, name)
    if not isinstance(value, str):
        raise ArticleImportError(f"field '{where}{name}' must be a string")
    value = value.strip()
    if required and not value:
        raise ArticleImportError(f"field '{where}{name}' is empty")
    _check_printable(value, f"{where}{name}")
    return value


def _check_printable(value, name):
    character = first_unprintable(value)
    if character:
        raise ArticleImportError(
            f"field '{name}' contains the control character {character}, which feeds cannot carry"
        )


def _date(raw, name):
    value = _field(raw, name)
    if not isinstance(value, str):
        raise ArticleImportError(f"field '{name}' must be a date as YYYY-MM-DD")
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ArticleImportError(
            f"field '{name}' is not a valid date as YYYY-MM-DD: {value!r}"
        ) from None


def _paragraphs(raw):
    body = _field(raw, "body")
    if not isinstance(body, list) or not all(isinstance(p, str) for p in body):
        raise ArticleImportError("field 'body' must be a list of strings")
    paragraphs = [paragraph.strip() for paragraph in body if paragraph.strip()]
    for number, paragraph in enumerate(paragraphs):
        _check_printable(paragraph, f"body[{number}]")
    return paragraphs


def _images(raw, base_dir):
    images = _field(raw, "images")
    if not isinstance(images, list):
        raise ArticleImportError("field 'images' must be a list")
    result = []
    for number, item in enumerate(images):
        where = f"images[{number}]."
        if not isinstance(item, dict):
            raise ArticleImportError(
                f"images[{number}] must be an object with path, caption and alt"
            )
        image = ImageData(
            path=_inside(base_dir, _text(item, "path", required=True, where=where), where),
            caption=_text(item, "caption", required=True, where=where),
            alt=_text(item, "alt", required=True, where=where),
        )
        _check_image_file(image.path, where)
        result.append(image)
    return result


def _inside(base_dir, relative, where):
    """
    The image's path, which must lie in the JSON file's folder or below it, reached
    without symbolic links: a file handed to us must not make us publish another file of
    the server (../../etc/..., /home/...).
    """
    if Path(relative).is_absolute():
        raise ArticleImportError(f"{where}path: must be relative to the JSON file: {relative}")
    if ".." in Path(relative).parts:
        raise ArticleImportError(f"{where}path: leaves the JSON file's folder: {relative}")
    path = base_dir
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            raise ArticleImportError(f"{where}path: is a symbolic link, not a file: {relative}")
    if not path.resolve().is_relative_to(base_dir.resolve()):
        raise ArticleImportError(f"{where}path: leaves the JSON file's folder: {relative}")
    return path


def _check_image_file(path, where):
    if not path.is_file():
        raise ArticleImportError(f"{where}path: image file not found: {path}")
    try:
        with PILImage.open(path) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ArticleImportError(f"{where}path: not an image file: {path}") from None
    if image_format not in IMAGE_FORMATS:
        raise ArticleImportError(
            f"{where}path: unsupported image format {image_format} "
            f"(use {', '.join(sorted(IMAGE_FORMATS))}): {path}"
        )


def create_article(article, news_index):
    """Creates and publishes the article with its images; all or nothing."""
    Image = get_image_model()
    # The images go to the municipality's own collection, where its editors can reuse them.
    collection = site_collection(news_index.get_site())
    in_collection = {"collection": collection} if collection else {}
    saved_images = []
    try:
        with transaction.atomic():
            page = ArticlePage(
                title=article.title,
                slug=article_slug(news_index, article.title),
                published=article.published,
                lead=article.lead,
                body=[("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in article.body],
            )
            for image_data in article.images:
                with image_data.path.open("rb") as file:
                    image = Image(
                        title=image_data.caption[:255],
                        description=image_data.alt,
                        file=ImageFile(file, name=image_data.path.name),
                        **in_collection,
                    )
                    image.save()
                saved_images.append(image)
                page.gallery_images.add(
                    ArticleGalleryImage(
                        image=image, caption=image_data.caption, alt_text=image_data.alt
                    )
                )
            news_index.add_child(instance=page)
            page.save_revision().publish()
    except Exception:
        # The rows are rolled back; the image files on disk must go too.
        for image in saved_images:
            image.file.delete(save=False)
        raise
    return page


def article_slug(news_index, title):
    """A free slug from the title, in ASCII: Swedish and Ukrainian titles alike."""
    return free_slug(news_index, slugify(anyascii(title))[:240] or "artikel")
