from django.conf import settings
from django.core.management.base import BaseCommand

from kommun.demo.content import create_demo_admin, database_is_empty, load_demo_content


class Command(BaseCommand):
    help = (
        "Loads the demo municipality (notices, news, an admin login) into an empty database. "
        "Does nothing when the database already has notices or articles."
    )

    def handle(self, *args, **options):
        login_file = settings.VAR_DIR / "demo-login.txt"
        if not database_is_empty():
            self.stdout.write("The database has content already; the demo was not loaded.")
            return
        load_demo_content()
        create_demo_admin(login_file)
        self.stdout.write(f"Demo content loaded. The admin login is in {login_file}.")
