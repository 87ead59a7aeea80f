from django.core.management.base import BaseCommand, CommandError

from kommun.snapshots.rounds import write_snapshots


class Command(BaseCommand):
    help = (
        "Renders the status snapshots (status JSON, banner, embed, status page) of every site "
        "and language and writes them to SNAPSHOT_DIR. Publishing and the scheduler do this "
        "by themselves; run it after a deploy or a restore."
    )

    def handle(self, *args, **options):
        outcome = write_snapshots()
        if not outcome.ok:
            raise CommandError(f"The snapshots could not be written: {outcome.error}")
        for name in outcome.files:
            self.stdout.write(name)
