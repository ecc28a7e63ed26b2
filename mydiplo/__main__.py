"""``python -m mydiplo`` runs the command line."""

from .cli import run

run()
