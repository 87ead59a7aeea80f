"""
The demo's notices for Sjövik, across services and states. Times are relative to the
moment the demo loads, so it always shows ongoing, planned and resolved notices. All text
is written for this project; the places, streets and numbers do not exist.
"""

from datetime import timedelta

from kommun.disruptions.models import Notice

NOTICES = [
    {
        "headline": "Vattenläcka på Storvägen – vattnet är avstängt",
        "service": "vatten-och-avlopp",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.CRITICAL,
        "affected_area": "Storvägen 1–40 och Björkvägen i centrala Sjövik.",
        "streets": [("Storvägen", 1, 40), ("Björkvägen", None, None)],
        "starts": -timedelta(hours=2),
        "expected_end": timedelta(hours=4),
        "what_happened": (
            "En huvudledning har gått sönder under Storvägen. Vattnet är avstängt för att "
            "läckan ska kunna lagas."
        ),
        "what_is_being_done": (
            "Våra reparatörer gräver fram ledningen. En tankbil med dricksvatten står vid torget."
        ),
        "what_to_do": (
            "Hämta dricksvatten vid tankbilen på torget och ta med egna kärl. När vattnet "
            "kommer tillbaka kan det vara missfärgat: spola kallvatten tills det är klart."
        ),
        "contact": "Kundservice vatten, 0123-456 70, vardagar 7–16. Felanmälan dygnet runt.",
        "updates": [
            (-timedelta(hours=2), "Läckan är upptäckt och vattnet är avstängt."),
            (-timedelta(minutes=40), "En tankbil med dricksvatten står nu vid torget."),
        ],
    },
    {
        "headline": "E-tjänsten för bygglov går långsamt",
        "service": "it-och-e-tjanster",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.MINOR,
        "affected_area": "Alla som använder e-tjänsten för bygglov.",
        "starts": -timedelta(hours=5),
        "expected_end": timedelta(hours=20),
        "what_happened": "E-tjänsten för bygglov svarar långsamt och kan avbryta uppladdningar.",
        "what_is_being_done": "Leverantören felsöker tjänsten.",
        "what_to_do": "Försök igen senare, eller skicka din ansökan med e-post.",
        "contact": "Kontaktcenter, 0123-456 00.",
        "updates": [(-timedelta(hours=4), "Felet är anmält till leverantören.")],
    },
    {
        "headline": "Fjärrvärmen stängs av i Norrby för ledningsbyte",
        "service": "fjarrvarme",
        "kind": Notice.Kind.PLANNED,
        "severity": Notice.Severity.MAJOR,
        "affected_area": "Hela Norrby.",
        "areas": ["Norrby"],
        "starts": timedelta(hours=16),
        "expected_end": timedelta(hours=24),
        "what_happened": "En gammal fjärrvärmeledning byts ut. Värme och varmvatten stängs av.",
        "what_is_being_done": "Arbetet är planerat och materialet finns på plats.",
        "what_to_do": (
            "Stäng fönster och dörrar för att hålla värmen inne. Ha extra filtar till hands."
        ),
        "contact": "Fjärrvärmejouren, 0123-456 80.",
        "updates": [],
    },
    {
        "headline": "Gatuarbete på Tallvägen – en fil stängd",
        "service": "gator-och-vagar",
        "kind": Notice.Kind.PLANNED,
        "severity": Notice.Severity.MINOR,
        "affected_area": "Tallvägen mellan rondellen och skolan.",
        "streets": [("Tallvägen", None, None)],
        "starts": timedelta(days=6),
        "expected_end": timedelta(days=20),
        "what_happened": "Tallvägen får ny beläggning. Trafiken leds förbi i en fil.",
        "what_is_being_done": "Arbetet sker dagtid 7–17.",
        "what_to_do": "Räkna med längre restid och följ skyltningen.",
        "contact": "Gatuenheten, 0123-456 50.",
        "updates": [],
    },
    {
        "headline": "Strömavbrott i Södra Sjövik",
        "service": "el",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.MAJOR,
        "affected_area": "Södra Sjövik, runt 300 hushåll.",
        "areas": ["Södra Sjövik"],
        "starts": -timedelta(days=2, hours=6),
        "expected_end": -timedelta(days=2, hours=2),
        "ended": -timedelta(days=2, hours=3),
        "what_happened": "En transformator slogs ut av åska.",
        "what_is_being_done": "Transformatorn är utbytt och strömmen är tillbaka.",
        "what_to_do": "Kontrollera att frysar och larm fungerar som de ska.",
        "contact": "Elnätets felanmälan, 0123-456 90.",
        "updates": [
            (-timedelta(days=2, hours=6), "Strömavbrott i Södra Sjövik. Felet söks."),
            (-timedelta(days=2, hours=3), "Strömmen är tillbaka i hela området."),
        ],
    },
    {
        "headline": "Sophämtningen försenad i Västerby",
        "service": "avfallshamtning",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.MINOR,
        "affected_area": "Västerby och Åsen.",
        "areas": ["Västerby", "Åsen"],
        "starts": -timedelta(days=4),
        "ended": -timedelta(days=3),
        "what_happened": "En sopbil gick sönder och hämtningen blev en dag sen.",
        "what_is_being_done": "Hämtningen är ikapp.",
        "what_to_do": "Låt kärlet stå kvar ute tills det har tömts.",
        "contact": "Avfallsservice, 0123-456 60.",
        "updates": [],
    },
    {
        "headline": "Återvinningscentralen i Sjövik var stängd",
        "service": "atervinningscentraler",
        "kind": Notice.Kind.UNPLANNED,
        "severity": Notice.Severity.MINOR,
        "affected_area": "Återvinningscentralen vid Industrivägen.",
        "starts": -timedelta(days=21),
        "ended": -timedelta(days=20),
        "what_happened": "Centralen var stängd en dag på grund av ett fel på vågen.",
        "what_is_being_done": "Vågen är lagad.",
        "what_to_do": "",
        "contact": "Avfallsservice, 0123-456 60.",
        "updates": [],
    },
    {
        "headline": "Nya öppettider på återvinningscentralen",
        "service": "atervinningscentraler",
        "kind": Notice.Kind.INFORMATION,
        "severity": Notice.Severity.MINOR,
        "affected_area": "Återvinningscentralen vid Industrivägen.",
        "starts": -timedelta(days=1),
        "expected_end": timedelta(days=30),
        "what_happened": "Från och med i vår har centralen öppet till 19 på torsdagar.",
        "what_is_being_done": "",
        "what_to_do": "Se de nya tiderna innan du åker.",
        "contact": "Avfallsservice, 0123-456 60.",
        "updates": [],
    },
]
