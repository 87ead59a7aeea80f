from django.dispatch import Signal

# Sent when a visitor's problem report is stored, with report= and statement= (the page
# it was sent from). tasks.py mails it to the editors; the page need not know how.
problem_reported = Signal()
