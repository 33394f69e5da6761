"""Run the command line interface with `python -m cables`."""

from cables.cli import entry

raise SystemExit(entry())
