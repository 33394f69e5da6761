"""The `cables` command line: parses arguments, calls one pipeline stage, prints.

Exit status: 0 success, 1 invalid content, 2 usage or environment problems.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cables import __version__
from cables.config import load_edition
from cables.diagnostics import summary_line, to_json
from cables.errors import EXIT_INVALID, EXIT_USAGE, CablesError

MAIN_EXAMPLES = """\
examples:
  cables check                      check the whole edition
  cables build                      check, then build every output into build/
  cables deposit                    write the packages for library repositories
  cables check tei/documents/1963-05-09-cc-notification.xml
  cables --project ~/my-edition check --format json
"""

CHECK_EXAMPLES = """\
examples:
  cables check                      check every file of the edition
  cables check tei/documents        check one folder against the rest of the corpus
  cables check --format json > findings.json
  cables check --tei-all ../shared/external/schemas/tei_all.rng

Each finding is printed as  path:line:col: error|warning: message [rule-id]
followed by a hint where one helps, then a one-line summary.
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or environment problem.
"""


BUILD_EXAMPLES = """\
examples:
  cables build                      check the corpus, then build every output
  cables build html                 only the web edition, into build/site/
  cables build pdf                  only the print edition, into build/pdf/
  SOURCE_DATE_EPOCH=1764201600 cables build    fix the build date (reproducible builds)

Nothing is built when the corpus has errors: the findings are printed as by cables check.
Each output is built in a staging folder and replaces the previous one only when complete.
"""

DEPOSIT_EXAMPLES = """\
examples:
  cables deposit                    write every deposit package into build/deposit/
  SOURCE_DATE_EPOCH=1764201600 cables deposit    fix the dates (byte-identical packages)
  cables --project ~/my-edition deposit

Writes into build/deposit/: bag/ (BagIt, with the TEI, schema, PDFs, site and mets.xml),
mets.xml, mods/ and dc/ (one record for the edition and one per document), cmif.xml
(correspSearch) and dspace-saf.zip (DSpace Simple Archive Format, one item per document).
The PDF and web editions are built first when they are missing or older than the sources.
Nothing is written when the corpus has errors: the findings are printed as by cables check.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cables",
        description="Validate, publish and deposit a TEI-XML digital edition.",
        epilog=MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cables {__version__}")
    parser.add_argument(
        "--project",
        metavar="DIR",
        type=Path,
        help="the edition folder (default: the nearest folder with edition.toml, "
        "searching upwards from here)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check = commands.add_parser(
        "check",
        help="validate the TEI files against the schema and the editorial rules",
        description="Check well-formedness, the XSD, the Schematron rules and the corpus-wide "
        "rules (pointers, ids, dates, authority files). Never changes the files it checks.",
        epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to check (default: the whole corpus)",
    )
    check.add_argument(
        "--tei-all",
        metavar="RNG",
        type=Path,
        help="also validate against the official TEI schema (tei_all.rng) with Jing",
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    check.set_defaults(handler=run_check)

    build = commands.add_parser(
        "build",
        help="build the web and print editions into build/",
        description="Check the corpus, then build the outputs from tei/ into build/.",
        epilog=BUILD_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "outputs",
        nargs="*",
        metavar="OUTPUT",
        help="what to build: pdf, html (default: both)",
    )
    build.set_defaults(handler=run_build)

    deposit = commands.add_parser(
        "deposit",
        help="write the packages for library repositories into build/deposit/",
        description="Build the deposit packages (BagIt, METS, MODS, Dublin Core, DSpace, CMIF) "
        "from the TEI headers, after building the PDF and web editions when they are stale.",
        epilog=DEPOSIT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    deposit.set_defaults(handler=run_deposit)
    return parser


def run_check(arguments: argparse.Namespace) -> int:
    from cables.check import check

    edition = load_edition(arguments.project)
    result = check(edition, arguments.paths or None, tei_all=arguments.tei_all)
    if arguments.format == "json":
        print(to_json(result.diagnostics, result.files_checked))
    else:
        print_findings(result.diagnostics, result.files_checked)
    return EXIT_INVALID if result.errors else 0


def print_findings(diagnostics, files_checked: int, *, stream=None) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=stream)
    print(summary_line(diagnostics, files_checked), file=stream)


def run_build(arguments: argparse.Namespace) -> int:
    from cables.build import OUTPUTS, build

    edition = load_edition(arguments.project)
    outputs = tuple(arguments.outputs) or OUTPUTS
    unknown = [name for name in outputs if name not in OUTPUTS]
    if unknown:
        raise CablesError(
            f"unknown output {unknown[0]!r}", hint=f"choose from: {', '.join(OUTPUTS)}"
        )
    result = build(edition, outputs)
    return report_outputs(edition, result.check, result.built, "nothing was built")


def report_outputs(edition, checked, built, refusal: str) -> int:
    """Print what a build wrote, or why it wrote nothing (findings and exit status 1)."""
    if checked.errors:
        print_findings(checked.diagnostics, checked.files_checked)
        print(f"cables: {refusal} because the corpus has errors", file=sys.stderr)
        return EXIT_INVALID
    if checked.diagnostics:
        print_findings(checked.diagnostics, checked.files_checked, stream=sys.stderr)
    for path in built:
        shown = path.relative_to(edition.root) if path.is_relative_to(edition.root) else path
        print(f"built {shown}")
    return 0


def run_deposit(arguments: argparse.Namespace) -> int:
    from cables.deposit import deposit

    edition = load_edition(arguments.project)
    result = deposit(edition)
    written = (*result.built, result.deposit) if not result.check.errors else ()
    return report_outputs(edition, result.check, written, "no package was written")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        return arguments.handler(arguments)
    except CablesError as error:
        print(f"cables: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("cables: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
