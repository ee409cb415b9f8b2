"""``python -m grantparse`` runs the command line."""

from grantparse.cli import app

app()
