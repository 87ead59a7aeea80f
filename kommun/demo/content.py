"""
Demo content for the fictional municipality of Sjövik: its notices (sjovik_notices.py),
news articles with generated pictures, and an admin login. All text is written for this
project. Times are relative to now, so the demo always shows ongoing, planned and
resolved notices.
"""

import random
import secrets
import tempfile
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import shapely
from anyascii import anyascii
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from wagtail.models import Site

from kommun.areas.geometry import to_geojson
from kommun.areas.models import Area
from kommun.areas.register import import_register
from kommun.core.models import MunicipalitySettings
from kommun.core.pages import find_page
from kommun.core.sites import municipality
from kommun.demo.addresses import generate_addresses, swedish, ukrainian
from kommun.disruptions.localize import translate_notice
from kommun.disruptions.models import Notice, NoticeStreet, NoticeUpdate, Service
from kommun.news.importer import ArticleData, ImageData, create_article
from kommun.news.models import NewsIndexPage
from kommun.site.site_structure import ensure_site_structure

from . import partner as demo_partner
from .sjovik_notices import NOTICES

SITE_NAME = "Sjöviks kommun"
ADMIN_USERNAME = "admin"

ARTICLES = [
    {
        "title": "Nu börjar arbetet med den nya vattenledningen till Norrby",
        "days_ago": 2,
        "lead": (
            "Under våren lägger kommunen en ny vattenledning mellan vattenverket och Norrby. "
            "Den gör vattenförsörjningen säkrare för tusen hushåll."
        ),
        "body": [
            "Ledningen blir fyra kilometer lång och ersätter en ledning från sextiotalet.",
            "Arbetet sker i etapper så att så få som möjligt berörs samtidigt. Avstängningar "
            "meddelas alltid i förväg under Driftinformation.",
            "Har du frågor om arbetet kan du ringa kundservice vatten.",
        ],
        "images": [("Grävmaskin vid den blivande ledningssträckan", "En grävmaskin på en åker")],
        "palette": ((135, 190, 230), (88, 140, 70), (230, 180, 40)),
    },
    {
        "title": "Så förbereder du ditt hushåll för ett längre avbrott",
        "days_ago": 9,
        "lead": (
            "Vatten, värme och el kan försvinna samtidigt. Med lite förberedelser klarar "
            "hushållet sig en vecka på egen hand."
        ),
        "body": [
            "Ha dricksvatten hemma, minst tre liter per person och dygn, och kärl att hämta mer i.",
            "Filtar, varma kläder och ett sätt att laga mat utan el gör stor skillnad när "
            "det är kallt.",
            "En batteriradio gör att du kan ta emot viktigt meddelande till allmänheten "
            "även när mobilnätet inte fungerar.",
        ],
        "images": [
            ("Vattendunkar och en ficklampa", "Två blå vattendunkar bredvid en ficklampa"),
            ("En batteriradio i köket", "En liten radio på en köksbänk"),
        ],
        "palette": ((250, 220, 170), (60, 90, 140), (200, 60, 50)),
    },
    {
        "title": "Vänortssamarbetet med vår ukrainska partnerkommun fördjupas",
        "days_ago": 16,
        "lead": (
            "Kommunerna ska dela erfarenheter av att informera invånare vid avbrott i "
            "vatten, värme och el."
        ),
        "body": [
            "Samarbetet har pågått i två år och omfattar bland annat utbyte av reservdelar "
            "och utbildning av driftpersonal.",
            "Nu ska kommunerna också använda samma plattform för driftinformation.",
        ],
        "images": [("Flaggor vid kommunhuset", "Två flaggor på stänger framför en byggnad")],
        "palette": ((90, 150, 220), (250, 210, 30), (240, 240, 240)),
    },
    {
        "title": "Återvinningscentralen får en ny station för farligt avfall",
        "days_ago": 30,
        "lead": "Nu kan du lämna färgburkar, batterier och kemikalier på ett och samma ställe.",
        "body": [
            "Stationen är bemannad under centralens öppettider.",
            "Farligt avfall får aldrig läggas i soppåsen eller hällas ut i avloppet.",
        ],
        "images": [],
        "palette": ((200, 230, 200), (40, 120, 80), (240, 140, 30)),
    },
]


def database_is_empty():
    from kommun.news.models import ArticlePage

    return not Notice.objects.exists() and not ArticlePage.objects.exists()


@transaction.atomic
def load_demo_content(image_dir=None):
    # Whole quarter hours read better than the second the demo happened to load at.
    now = timezone.now().replace(second=0, microsecond=0)
    now -= timedelta(minutes=now.minute % 15)
    with tempfile.TemporaryDirectory() as tmp:
        images = Path(image_dir or tmp)
        sjovik = _load_sjovik(now, images)
        lisohirsk = _load_partner(now, images)
    for site, partner in ((sjovik, lisohirsk), (lisohirsk, sjovik)):
        MunicipalitySettings.for_site(site).partner_sites.add(partner)


def _load_sjovik(now, images):
    home = ensure_site_structure(site_name=SITE_NAME)
    home.title = SITE_NAME
    home.intro = (
        "Välkommen till Sjöviks kommun. Här ser du alltid om något är stört just nu. "
        "Sjövik är en påhittad kommun: allt innehåll här är demoinnehåll."
    )
    home.save_revision().publish()
    site = Site.objects.get(root_page=home)
    Site.objects.filter(pk=site.pk).update(site_name=SITE_NAME)
    MunicipalitySettings.objects.update_or_create(
        site=site,
        defaults={
            "municipality_code": "9999",  # not a real kommunkod: Sjövik does not exist
            "cap_sender": "driftinfo@sjovik.example",
            "default_contact": "Sjöviks kommun, kontaktcenter 0123-456 00",
            "address_register_note": (
                "Adresserna i demot är genererade: de finns inte på riktigt."
            ),
        },
    )
    _create_register_and_areas(site, tuple(settings.MUNICIPALITY_BBOX), swedish())
    for spec in NOTICES:
        _create_notice(spec, now, site, demo_partner.SJOVIK_TRANSLATIONS.get(spec["headline"]))
    _create_articles(ARTICLES, find_page(site, NewsIndexPage), now, images, "sjovik")
    return site


def _load_partner(now, images):
    home = ensure_site_structure(
        site_name=demo_partner.SITE_NAME,
        hostname=demo_partner.HOSTNAME,
        language="uk",
        time_zone="Europe/Kyiv",
        is_default_site=False,
    )
    home.intro = (
        "Ласкаво просимо на сайт Лісогірської громади. Тут завжди видно, що зараз не "
        "працює. Громада вигадана: увесь вміст є демонстраційним."
    )
    home.save_revision().publish()
    site = Site.objects.get(root_page=home)
    MunicipalitySettings.objects.filter(site=site).update(
        bbox=demo_partner.BBOX,
        municipality_code="UA00000000000000000",  # made up, in the form of a KATOTTH code
        geocode_name="UA-KATOTTH",
        cap_sender="info@lisohirsk.example",
        default_contact="Лісогірська громада, 0 800 000 000",
        address_register_note="Адреси в демо згенеровані: насправді їх не існує.",
    )
    bounds = tuple(float(value) for value in demo_partner.BBOX.split(","))
    _create_register_and_areas(site, bounds, ukrainian())
    for spec in demo_partner.NOTICES:
        _create_notice(spec, now, site, spec.get("translations"))
    _create_articles(
        demo_partner.ARTICLES, find_page(site, NewsIndexPage), now, images, "lisohirsk"
    )
    return site


def _create_notice(spec, now, site, translations=None):
    notice = Notice(
        headline=spec["headline"],
        service=Service.objects.get(site=site, slug=spec["service"]),
        kind=spec["kind"],
        severity=spec["severity"],
        affected_area=spec["affected_area"],
        starts_at=now + spec["starts"],
        expected_end_at=now + spec["expected_end"] if "expected_end" in spec else None,
        ended_at=now + spec["ended"] if "ended" in spec else None,
        what_happened=spec["what_happened"],
        what_is_being_done=spec["what_is_being_done"],
        what_to_do=spec["what_to_do"],
        contact=spec["contact"],
    )
    for offset, text in spec["updates"]:
        notice.updates.add(NoticeUpdate(posted_at=now + offset, text=text))
    for street, first, last in spec.get("streets", []):
        notice.streets.add(NoticeStreet(street=street, from_number=first, to_number=last))
    notice.areas.set(Area.objects.filter(site=site, name__in=spec.get("areas", [])))
    notice.save()
    notice.save_revision().publish()
    for language, text in (translations or {}).items():
        translate_notice(notice, language, text)


DEMO_ADDRESSES = 3000


def _create_register_and_areas(site, bbox, naming):
    """A generated register, and one area per generated locality around its addresses."""
    rows = generate_addresses(DEMO_ADDRESSES, bbox, naming=naming)
    import_register([(f"row {number}", row) for number, row in enumerate(rows, start=1)], site)
    points = defaultdict(list)
    for row in rows:
        points[row["locality"]].append((float(row["lon"]), float(row["lat"])))
    for locality, coordinates in points.items():
        outline = shapely.MultiPoint(coordinates).convex_hull.buffer(0.003, quad_segs=2)
        Area.objects.create(
            site=site, name=locality, kind=Area.Kind.VILLAGE, geometry=to_geojson(outline)
        )


def _create_articles(specs, news_index, now, image_dir, prefix):
    # The day on the municipality's own calendar: a command has no active time zone.
    today = timezone.localdate(now, timezone=municipality(news_index.get_site()).zone)
    for number, spec in enumerate(reversed(specs)):
        images = []
        for image_number, (caption, alt) in enumerate(spec["images"]):
            path = image_dir / f"{prefix}-{number}-{image_number}.png"
            draw_landscape(path, spec["palette"], seed=number * 10 + image_number)
            images.append(ImageData(path=path, caption=caption, alt=alt))
        article = ArticleData(
            title=spec["title"],
            published=today - timedelta(days=spec["days_ago"]),
            lead=spec["lead"],
            body=spec["body"],
            images=images,
        )
        create_article(article, news_index)


def draw_landscape(path, palette, seed, size=(960, 540)):
    """A simple generated picture (sky, hills, sun) so the demo needs no photographs."""
    sky, land, sun = palette
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for row in range(height // 2):
        shade = tuple(min(255, channel + row // 6) for channel in sky)
        draw.line([(0, row), (width, row)], fill=shade)
    sun_x, sun_y = rng.randint(100, width - 100), rng.randint(60, height // 3)
    draw.ellipse([sun_x - 50, sun_y - 50, sun_x + 50, sun_y + 50], fill=sun)
    for layer in range(3):
        base = height // 2 + layer * 60
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.randint(-40, 40)))
        points.append((width, height))
        colour = tuple(max(0, channel - layer * 25) for channel in land)
        draw.polygon(points, fill=colour)
    image.save(path)
    return path


def create_demo_admin(login_file):
    """Creates the demo admin with a random password and writes the login to login_file."""
    User = get_user_model()
    if User.objects.filter(username=ADMIN_USERNAME).exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(ADMIN_USERNAME, "admin@example.invalid", password)
    # A superuser must use a second factor (kommun/core/two_factor.py): say so up front.
    lines = [
        f"user: {ADMIN_USERNAME}  password: {password}  (every municipality; "
        "sets up two-factor sign-in with an authenticator app at the first sign-in)"
    ]
    # One editor per municipality, who sees and edits that municipality's content only.
    for site in Site.objects.exclude(root_page__depth=1).order_by("-is_default_site", "pk"):
        username = f"redaktor-{slugify(anyascii(site.site_name).split()[0])}"
        editor_password = secrets.token_urlsafe(12)
        editor = User.objects.create_user(
            username, f"{username}@example.invalid", editor_password, is_staff=False
        )
        editor.groups.set(MunicipalitySettings.for_site(site).editor_groups.all())
        lines.append(f"user: {username}  password: {editor_password}  ({site.site_name})")
    login_file.write_text("\n".join(lines) + "\n")
    login_file.chmod(0o600)
    return password
