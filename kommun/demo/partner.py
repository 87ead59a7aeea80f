"""
Demo content for Lisohirsk (Лісогірськ), Sjövik's fictional Ukrainian partner community,
and the translations the demo shows. All text is written for this project; the places,
streets, numbers and people do not exist.
"""

from datetime import timedelta

from kommun.disruptions.models import Notice

SITE_NAME = "Лісогірська громада"
HOSTNAME = "lisohirsk.localhost"
# A box in the east of Ukraine; the community and its streets are made up.
BBOX = "36.0,49.3,36.6,49.6"

NOTICES = [
    {
        "headline": "Відключення електроенергії за графіком у Ставках",
        "service": "el",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.CRITICAL,
        "affected_area": "Ставки та Нова Балка, усі вулиці.",
        "areas": ["Ставки", "Нова Балка"],
        "starts": -timedelta(hours=1),
        "expected_end": timedelta(hours=3),
        "what_happened": (
            "Після пошкодження підстанції енергетики вводять погодинні відключення, щоб "
            "мережа витримала навантаження."
        ),
        "what_is_being_done": "Ремонтна бригада працює на підстанції.",
        "what_to_do": (
            "Зарядіть телефони та павербанки, коли є світло. Пункт незламності працює в "
            "школі на вулиці Шкільній."
        ),
        "contact": "Диспетчерська служба громади, 0 800 000 000, цілодобово.",
        "updates": [
            (-timedelta(hours=1), "Відключення почалося за графіком."),
            (-timedelta(minutes=20), "Пункт незламності в школі відкритий."),
        ],
        "translations": {
            "sv": {
                "headline": "Planerade strömavbrott enligt schema i Stavky",
                "affected_area": "Stavky och Nova Balka, alla gator.",
                "what_happened": (
                    "Efter skador på ett ställverk stänger elbolaget av strömmen timvis så att "
                    "nätet klarar belastningen."
                ),
                "what_is_being_done": "En reparationsgrupp arbetar vid ställverket.",
                "what_to_do": (
                    "Ladda telefoner och powerbanks när det finns ström. Värmestugan i skolan "
                    "på Sjkilna-gatan är öppen."
                ),
                "contact": "Kommunens jour, 0 800 000 000, dygnet runt.",
                "updates": ["Avbrotten började enligt schemat.", "Värmestugan i skolan är öppen."],
            },
            "en": {
                "headline": "Scheduled power cuts in Stavky",
                "affected_area": "Stavky and Nova Balka, every street.",
                "what_happened": (
                    "After damage to a substation, power is cut hour by hour so that the grid "
                    "can carry the load."
                ),
                "what_is_being_done": "A repair crew is at the substation.",
                "what_to_do": (
                    "Charge phones and power banks while there is power. The warming and "
                    "charging point at the school on Shkilna Street is open."
                ),
                "contact": "The community's duty desk, 0 800 000 000, day and night.",
                "updates": [
                    "The cuts began on schedule.",
                    "The charging point at the school is open.",
                ],
            },
        },
    },
    {
        "headline": "Немає холодної води на вулиці Садовій",
        "service": "vatten-och-avlopp",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.MAJOR,
        "affected_area": "вулиця Садова та провулок Садова у Лісогірську.",
        "streets": [("вулиця Садова", None, None), ("провулок Садова", None, None)],
        "starts": -timedelta(hours=3),
        "expected_end": timedelta(hours=5),
        "what_happened": "Пошкоджено водогін під час ремонту дороги.",
        "what_is_being_done": "Водоканал замінює ділянку труби.",
        "what_to_do": "Питну воду роздають біля будинку культури з 10:00 до 18:00.",
        "contact": "Водоканал, 0 800 000 001.",
        "updates": [(-timedelta(hours=2), "Аварійна бригада на місці.")],
    },
    {
        "headline": "Планове відключення опалення в Кленовому",
        "service": "fjarrvarme",
        "kind": Notice.Kind.PLANNED,
        "severity": Notice.Severity.MAJOR,
        "affected_area": "Кленове, багатоквартирні будинки.",
        "areas": ["Кленове"],
        "starts": timedelta(hours=20),
        "expected_end": timedelta(hours=28),
        "what_happened": "Котельня переходить на резервне обладнання.",
        "what_is_being_done": "Роботи заплановані, обладнання на місці.",
        "what_to_do": "Зачиніть вікна, підготуйте теплий одяг і ковдри.",
        "contact": "Теплопостачання, 0 800 000 002.",
        "updates": [],
    },
    {
        "headline": "Сервіс електронних звернень відновлено",
        "service": "it-och-e-tjanster",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.MINOR,
        "affected_area": "Усі користувачі порталу громади.",
        "starts": -timedelta(days=3),
        "ended": -timedelta(days=2, hours=20),
        "what_happened": "Портал не приймав звернення через збій сервера.",
        "what_is_being_done": "Сервер відновлено.",
        "what_to_do": "Якщо ваше звернення не надійшло, надішліть його ще раз.",
        "contact": "Центр надання адміністративних послуг.",
        "updates": [],
    },
]

ARTICLES = [
    {
        "title": "Громада отримала нові генератори для шкіл",
        "days_ago": 3,
        "lead": "Три школи зможуть працювати й обігрівати класи під час відключень.",
        "body": [
            "Генератори встановлено в школах Лісогірська, Ставків і Кленового.",
            "Під час відключень у школах працюють пункти незламності для мешканців.",
        ],
        "images": [("Генератор біля школи", "Зелений генератор на подвір'ї школи")],
        "palette": ((170, 200, 230), (90, 120, 60), (250, 200, 50)),
    },
    {
        "title": "Як підготувати дім до зими без світла і тепла",
        "days_ago": 12,
        "lead": "Кілька простих кроків допоможуть пережити довгі відключення.",
        "body": [
            "Зробіть запас питної води, щонайменше три літри на людину на добу.",
            "Тримайте вдома ліхтарик, батарейки, павербанк і теплі ковдри.",
        ],
        "images": [],
        "palette": ((220, 220, 240), (60, 80, 120), (230, 120, 40)),
    },
]

# Translations of Sjövik's notices, by headline. The district heating work is left
# untranslated into Ukrainian on purpose: the demo shows how a missing translation looks.
SJOVIK_TRANSLATIONS = {
    "Vattenläcka på Storvägen – vattnet är avstängt": {
        "uk": {
            "headline": "Прорив водогону на Стурвеген – воду перекрито",
            "affected_area": "Стурвеген 1–40 і Б'єрквеген у центрі Шевіка.",
            "what_happened": (
                "Під Стурвеген пошкоджено магістральний водогін. Воду перекрито, щоб "
                "полагодити трубу."
            ),
            "what_is_being_done": (
                "Ремонтники розкопують трубу. Цистерна з питною водою стоїть на площі."
            ),
            "what_to_do": (
                "Беріть питну воду з цистерни на площі у власний посуд. Коли воду дадуть, "
                "вона може бути мутною: спускайте холодну воду, доки вона не стане чистою."
            ),
            "contact": "Служба водопостачання, 0123-456 70, у робочі дні 7–16.",
            "updates": ["Прорив виявлено, воду перекрито.", "Цистерна з водою вже на площі."],
        },
        "en": {
            "headline": "Water main burst on Storvägen – the water is off",
            "affected_area": "Storvägen 1–40 and Björkvägen in central Sjövik.",
            "what_happened": (
                "A main has burst under Storvägen. The water is off so that it can be repaired."
            ),
            "what_is_being_done": (
                "The repair crew is digging down to the main. A water tanker stands in the square."
            ),
            "what_to_do": (
                "Fetch drinking water from the tanker in the square in your own containers. "
                "When the water returns it may be discoloured: run the cold tap until it is clear."
            ),
            "contact": "Water customer service, 0123-456 70, weekdays 7–16.",
            "updates": [
                "The leak has been found and the water is off.",
                "A water tanker now stands in the square.",
            ],
        },
    },
    "Fjärrvärmen stängs av i Norrby för ledningsbyte": {
        "en": {
            "headline": "District heating off in Norrby while a pipe is replaced",
            "affected_area": "All of Norrby.",
            "what_happened": (
                "An old district heating pipe is replaced. Heating and hot water are off."
            ),
            "what_is_being_done": "The work is planned and the material is in place.",
            "what_to_do": (
                "Keep windows and doors shut to keep the warmth in. Have extra blankets at hand."
            ),
            "contact": "District heating on call, 0123-456 80.",
            "updates": [],
        },
    },
}
