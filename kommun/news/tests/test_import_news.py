import io
import json
from contextlib import redirect_stderr
from unittest import mock

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from PIL import Image as PILImage
from wagtail.images import get_image_model

from kommun.news.models import ArticlePage


def write_png(path, size=(40, 30)):
    PILImage.new("RGB", size, (20, 120, 200)).save(path, format="PNG")
    return path


@pytest.fixture
def article_file(tmp_path):
    """A valid article with two images beside it; tests break one thing at a time."""
    (tmp_path / "bilder").mkdir()
    write_png(tmp_path / "bilder" / "grav.png")
    write_png(tmp_path / "torg.png")
    data = {
        "title": "Ny vattenledning till Norrby",
        "published": "2023-10-04",
        "lead": "Kommunen lägger en ny ledning.",
        "body": ["Första stycket.", "Andra stycket med <b>tecken</b> & sånt."],
        "images": [
            {"path": "bilder/grav.png", "caption": "Grävmaskinen", "alt": "En gul grävmaskin"},
            {"path": "torg.png", "caption": "Torget", "alt": "Ett torg med en tankbil"},
        ],
    }

    def write(**changes):
        content = {**data, **changes}
        path = tmp_path / "artikel.json"
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def run_import(path):
    out = io.StringIO()
    call_command("import_news", str(path), stdout=out)
    return out.getvalue().splitlines()


def nothing_created():
    return not ArticlePage.objects.exists() and not get_image_model().objects.exists()


def test_it_creates_and_publishes_the_article_and_prints_its_path_last(
    rita, news_index, article_file
):
    lines = run_import(article_file())

    article = ArticlePage.objects.get()
    assert article.live
    assert lines[-1] == "/sv/nyheter/ny-vattenledning-till-norrby/"
    assert article.title == "Ny vattenledning till Norrby"
    assert article.published.isoformat() == "2023-10-04"
    assert [block.value.source for block in article.body] == [
        "<p>Första stycket.</p>",
        "<p>Andra stycket med &lt;b&gt;tecken&lt;/b&gt; &amp; sånt.</p>",
    ]
    gallery = [(item.caption, item.alt_text) for item in article.gallery_images.all()]
    assert gallery == [("Grävmaskinen", "En gul grävmaskin"), ("Torget", "Ett torg med en tankbil")]
    assert rita.get(lines[-1]).status_code == 200


def test_a_second_article_with_the_same_title_gets_its_own_address(news_index, article_file):
    first = run_import(article_file())[-1]
    second = run_import(article_file())[-1]
    assert first != second
    assert second == "/sv/nyheter/ny-vattenledning-till-norrby-2/"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": None}, "field 'title' must be a string"),
        ({"title": "  "}, "field 'title' is empty"),
        ({"published": "2023-02-30"}, "field 'published' is not a valid date as YYYY-MM-DD"),
        ({"published": "4 oktober 2023"}, "field 'published' is not a valid date"),
        ({"body": "one string"}, "field 'body' must be a list of strings"),
        ({"lead": "Bra\u000bnyheter"}, "field 'lead' contains the control character U\\+000B"),
        ({"body": ["Ett.", "Två\u0000"]}, "field 'body\\[1\\]' contains the control character"),
        ({"images": [{"path": "saknas.png", "caption": "x", "alt": "y"}]}, "image file not found"),
        ({"images": [{"path": "torg.png", "caption": "x"}]}, "missing field 'alt'"),
        ({"images": [{"path": "artikel.json", "caption": "x", "alt": "y"}]}, "not an image file"),
    ],
)
def test_bad_input_names_the_problem_and_creates_nothing(
    news_index, article_file, changes, message
):
    with pytest.raises(CommandError, match=message):
        run_import(article_file(**changes))
    assert nothing_created()


def test_a_missing_field_is_named(news_index, article_file, tmp_path):
    path = article_file()
    data = json.loads(path.read_text())
    del data["lead"]
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="missing field 'lead'"):
        run_import(path)
    assert nothing_created()


def test_malformed_json_is_named_with_its_position(news_index, tmp_path):
    path = tmp_path / "trasig.json"
    path.write_text('{"title": "Halv artikel",\n "lead": ')
    with pytest.raises(CommandError, match=r"malformed JSON at line 2, column"):
        run_import(path)
    assert nothing_created()


def test_a_file_that_is_not_an_image_but_named_like_one_is_refused(
    news_index, article_file, tmp_path
):
    (tmp_path / "falsk.png").write_text("det här är text")
    with pytest.raises(CommandError, match=r"images\[0\]\.path: not an image file"):
        run_import(article_file(images=[{"path": "falsk.png", "caption": "x", "alt": "y"}]))
    assert nothing_created()


def test_bad_input_exits_non_zero_with_one_line_on_stderr(news_index, tmp_path):
    path = tmp_path / "trasig.json"
    path.write_text("[1, 2")
    stderr = io.StringIO()
    with redirect_stderr(stderr), pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_news", str(path)])
    assert exit_info.value.code == 1
    lines = stderr.getvalue().strip().splitlines()
    assert len(lines) == 1 and "malformed JSON" in lines[0]


def test_a_failure_while_saving_rolls_back_the_page_and_removes_the_image_files(
    news_index, article_file
):
    Image = get_image_model()
    stored = []
    original_save = Image.save

    def remember(image, *args, **kwargs):
        original_save(image, *args, **kwargs)
        stored.append(image.file.name)

    with (
        mock.patch.object(Image, "save", remember),
        mock.patch.object(ArticlePage, "save_revision", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        run_import(article_file())

    assert len(stored) == 2
    assert nothing_created()
    storage = Image._meta.get_field("file").storage
    assert not any(storage.exists(name) for name in stored)


def test_importing_without_a_news_index_is_an_error(db, article_file):
    with pytest.raises(CommandError, match="no published news index"):
        run_import(article_file())


@pytest.mark.parametrize(
    ("image_path", "message"),
    [
        ("../hemlig.png", "leaves the JSON file's folder"),
        ("bilder/../../hemlig.png", "leaves the JSON file's folder"),
        ("/etc/hemlig.png", "must be relative to the JSON file"),
        ("lank.png", "is a symbolic link"),
        ("lankmapp/grav.png", "is a symbolic link"),
    ],
)
def test_an_image_outside_the_files_folder_is_refused_and_nothing_is_created(
    news_index, tmp_path, image_path, message
):
    # Mallory hands an editor a JSON file that points at another file of the server.
    folder = tmp_path / "import"
    (folder / "bilder").mkdir(parents=True)
    secret = write_png(tmp_path / "hemlig.png")
    (folder / "lank.png").symlink_to(secret)
    (folder / "lankmapp").symlink_to(folder / "bilder")
    write_png(folder / "bilder" / "grav.png")
    if image_path.startswith("/"):
        image_path = str(secret)
    path = folder / "artikel.json"
    data = {
        "title": "Läckan",
        "published": "2023-10-04",
        "lead": "Ingress.",
        "body": ["Text."],
        "images": [{"path": image_path, "caption": "Bild", "alt": "En bild"}],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    # A CommandError: one line on stderr and exit status 1, as the test above shows.
    with pytest.raises(CommandError) as error:
        run_import(path)
    [line] = str(error.value).splitlines()
    assert line.startswith("images[0].path") and message in line
    assert nothing_created()
