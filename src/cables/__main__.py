"""Run the command line interface with `python -m cables`."""

from cables.cli import main

raise SystemExit(main())
