"""The `cables` command line: parses arguments, calls one pipeline stage, prints.

Exit status: 0 success, 1 invalid content, 2 usage or environment problems.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cables.completion import SHELLS, complete_with
from cables.config import CONFIG_NAME, ConfigError, load_edition
from cables.diagnostics import (
    ERROR,
    Diagnostic,
    aggregate,
    display_path,
    summary_line,
    to_json,
    to_junit,
)
from cables.errors import EXIT_INVALID, EXIT_USAGE, CablesError, internal_error
from cables.progress import NORMAL, QUIET, VERBOSE, Reporter, for_task, show_warnings
from cables.versions import generator

if TYPE_CHECKING:
    from cables.check import CheckResult
    from cables.config import Edition

MAIN_EXAMPLES = """\
examples:
  cables check                      check the whole edition
  cables build                      check, then build every output into build/
  cables deposit                    write the packages for library repositories
  cables new --date 1963-11-14 --title "Cable on trade talks" --from org-prc-fm
  cables serve                      preview the web edition, rebuilt whenever a file is saved
  cables init ~/my-edition          start a new edition project
  cables check tei/documents/1963-05-09-cc-notification.xml
  cables --project ~/my-edition check --format json
  cables check --quiet              only the errors; --verbose shows every step

--quiet and --verbose work before or after the command name.
"""

CHECK_EXAMPLES = """\
examples:
  cables check                      check every file of the edition
  cables check tei/documents        check one folder against the rest of the corpus
  cables check --format json > findings.json
  cables check --format junit > cables-check.xml    for CI systems (one test case per file)
  cables check --tei-all ../shared/external/schemas/tei_all.rng

Each finding is printed as  path:line:col: error|warning: message [rule-id]
followed by a hint where one helps, then a one-line summary.
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or environment problem,
or an edition.toml with errors (shown as findings [config]; the corpus is then not checked).
"""


BUILD_EXAMPLES = """\
examples:
  cables build                      check the corpus, then build every output
  cables build html                 only the web edition, into build/site/
  cables build pdf                  only the print edition, into build/pdf/
  cables build epub                 only the ebook, into build/epub/edition.epub
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

NEW_EXAMPLES = """\
examples:
  cables new --date 1963-11-14 --title "Cable on trade talks"
  cables new --date 1963-11-14 --title "Cable on trade talks" --from org-prc-fm \\
             --to "Chinese Embassy in Romania" --place pl-beijing --type telegram
  cables new --date 1963-11-14 --title "会谈记录" --slug talks-record

Writes tei/documents/YYYY-MM-DD-slug.xml (the slug made from the title) with the id
doc-YYYY-MM-DD-slug, the header filled in from edition.toml and the options, and a summary
still to be written; never overwrites a file. --from, --to and --place take the xml:id or
the name of an entry in tei/authority/. The new file passes cables check with a warning
[summary-to-write] until the summary is written.
"""

SERVE_EXAMPLES = """\
examples:
  cables serve                      http://127.0.0.1:8000/ (or a free port if 8000 is taken)
  cables serve --port 8765
  cables --project ~/my-edition serve --verbose

Builds the web edition, serves build/site/ on this machine only, and rebuilds it whenever a
file under tei/, schema/ or xslt/ or edition.toml is saved; open pages reload themselves.
While the files have errors, every page shows the findings of cables check instead, and
build/site/ keeps the last good build. Ctrl-C stops the server.
"""

INIT_EXAMPLES = """\
examples:
  cables init my-edition            a new project in ./my-edition
  cables init my-edition --example  the same, with an example document and register entries
  cables init ~/editions/letters --title "The letters of Ada Example"
  cables init --from ~/letters      a project around the TEI files already in ~/letters
  cables init . --from corpus       the project here, around the TEI files in ./corpus

Creates edition.toml, tei/documents/ (with one document to fill in, or with --example an
example document), tei/authority/ (empty, or with --example the entries the example names) and
tei/front/, a README and a .gitignore; no copy of the schema or the stylesheets: the ones
cables ships are the default (edition.toml says how to customise them). The folder must be
new or empty. Then: cd my-edition && cables build

With --from, no file of the corpus is copied or changed: edition.toml is written beside it,
[corpus] naming its folders and the registers found in them (TEI files of listPerson,
listPlace, listOrg, listBibl or standOff only), with validation = "lenient".
"""

COMPLETION_EXAMPLES = """\
examples:
  cables completion bash > ~/.local/share/bash-completion/completions/cables
  eval "$(cables completion zsh)"                      in ~/.zshrc
  cables completion fish > ~/.config/fish/completions/cables.fish
"""


REFERENCE_EXAMPLES = """\
examples:
  cables reference                        the page in build/reference.html
  cables reference -o ~/cables-api.html   anywhere, also outside a project
"""


@dataclass(frozen=True)
class Subcommand:
    """One `cables` command: what --help says of it, its arguments, and what runs it."""

    name: str
    #: Its line in `cables --help`.
    summary: str
    description: str
    #: The end of its --help, kept as written.
    examples: str
    run: Callable[[argparse.Namespace], int]
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    #: Whether it may run long in native code (Saxon, WeasyPrint): then it runs supervised,
    #: so that Ctrl-C stops it at once (supervise.py).
    supervised: bool = False


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the global options and a subparser for each of COMMANDS."""
    parser = argparse.ArgumentParser(
        prog="cables",
        description="Validate, publish and deposit a TEI-XML digital edition.",
        epilog=MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=generator(),
        help="show the versions of cables, saxonche, WeasyPrint and lxml, and exit",
    )
    parser.add_argument(
        "--project",
        metavar="DIR",
        type=Path,
        help="the edition folder (default: the nearest folder with edition.toml, "
        "searching upwards from here)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for command in COMMANDS:
        subparser = commands.add_parser(
            command.name,
            help=command.summary,
            description=command.description,
            epilog=command.examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if command.arguments is not None:
            command.arguments(subparser)
        subparser.set_defaults(handler=command.run)
        add_output_options(subparser, at_top=False)
    add_output_options(parser, at_top=True)
    return parser


def add_output_options(parser: argparse.ArgumentParser, *, at_top: bool) -> None:
    """--quiet and --verbose, accepted before and after the command name alike."""
    # After the command name they must not reset what was given before it.
    default = False if at_top else argparse.SUPPRESS
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="print only errors: no progress, warnings or summaries",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="print every step, with timings",
    )


def port_number(value: str) -> int:
    """--port: a TCP port a server can listen on (0 would mean "any", which --port is not)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use 1 to 65535")
    return port


def _check_arguments(check: argparse.ArgumentParser) -> None:
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
        choices=("text", "json", "junit"),
        default="text",
        help="output format: text, json, or junit (JUnit XML for CI systems; default: text)",
    )


def _build_arguments(build: argparse.ArgumentParser) -> None:
    outputs = build.add_argument(
        "outputs",
        nargs="*",
        metavar="OUTPUT",
        help="what to build: pdf, epub, html (default: all)",
    )
    # cables.build.OUTPUTS, not imported here (it loads the PDF engine, which would slow
    # down every command).
    complete_with(outputs, ("pdf", "epub", "html"))


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("--date", required=True, help="the date of the document, YYYY-MM-DD")
    new.add_argument("--title", required=True, help="the main title of the document")
    new.add_argument(
        "--from", dest="sender", metavar="WHO", help="the sender: an authority id or name"
    )
    new.add_argument(
        "--to", dest="addressee", metavar="WHO", help="the addressee: an authority id or name"
    )
    new.add_argument("--place", metavar="WHERE", help="where it was sent from: id or name")
    new.add_argument(
        "--type",
        metavar="TYPE",
        help="the document type (default: the first type the schema lists)",
    )
    new.add_argument("--slug", help="the file name after the date (default: from the title)")


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--port",
        type=port_number,
        metavar="N",
        help="the port, 1 to 65535 (default: 8000, else a free one)",
    )


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument(
        "directory",
        type=Path,
        metavar="DIR",
        nargs="?",
        help="the folder to create (with --from: the project folder, which holds CORPUS; "
        "default: CORPUS)",
    )
    init.add_argument("--title", help="the title of the edition (default: from DIR)")
    init.add_argument(
        "--from",
        dest="corpus",
        type=Path,
        metavar="CORPUS",
        help="start the project around the TEI files in this folder, changing none of them",
    )
    init.add_argument(
        "--example",
        action="store_true",
        help="fill the new project with an example document and the register entries it names",
    )


def _reference_arguments(reference: argparse.ArgumentParser) -> None:
    reference.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the page to write (default: reference.html in the project's build folder)",
    )


def _completion_arguments(completion: argparse.ArgumentParser) -> None:
    completion.add_argument("shell", choices=SHELLS)


def run_check(arguments: argparse.Namespace) -> int:
    """`cables check`: the findings in the format asked for; 1 if any is an error."""
    from cables.check import check

    reporter = arguments.reporter
    edition = load_edition(arguments.project)
    # A check is quick: a bar on a terminal, but plain progress lines only when asked for.
    progress = reporter if reporter.interactive or reporter.verbose else None
    result = check(
        edition,
        arguments.paths or None,
        tei_all=arguments.tei_all,
        progress=for_task(progress, "check"),
    )
    # Many findings of one rule in one file come as one, with their count; --verbose: all.
    shown = result.diagnostics if reporter.verbose else aggregate(result.diagnostics)
    if arguments.format == "json":
        print(to_json(shown, result.files_checked))
    elif arguments.format == "junit":
        print(to_junit(shown, result.files))
    else:
        print_findings(result.diagnostics, result.files_checked, reporter=reporter)
    return EXIT_INVALID if result.errors else 0


def print_findings(
    diagnostics: Sequence[Diagnostic],
    files_checked: int,
    *,
    stream: TextIO | None = None,
    reporter: Reporter | None = None,
) -> None:
    """The findings and the summary line; only the errors when --quiet."""
    quiet = reporter is not None and reporter.quiet
    if reporter is None or not reporter.verbose:
        diagnostics = aggregate(diagnostics)
    for diagnostic in diagnostics:
        if not quiet or diagnostic.severity == ERROR:
            print(diagnostic.format_text(), file=stream)
    if not quiet:
        print(summary_line(diagnostics, files_checked), file=stream)


def run_build(arguments: argparse.Namespace) -> int:
    """`cables build`: what was built, or the findings that stopped it."""
    from cables.build import OUTPUTS, build

    edition = load_edition(arguments.project)
    outputs = tuple(arguments.outputs) or OUTPUTS
    unknown = [name for name in outputs if name not in OUTPUTS]
    if unknown:
        raise CablesError(
            f"unknown output {unknown[0]!r}", hint=f"choose from: {', '.join(OUTPUTS)}"
        )
    result = build(edition, outputs, progress=arguments.reporter)
    status = report_outputs(
        edition, result.check, result.built, "nothing was built", reporter=arguments.reporter
    )
    status = report_problems(result.problems, "the print edition is incomplete", status)
    if result.generic_rendering and not arguments.reporter.quiet:
        counts = result.generic_rendering.items()
        print("generic rendering: " + ", ".join(f"{name} ({count})" for name, count in counts))
        print(
            "  hint: these elements have no rule of their own in xslt/; add templates in "
            "mode m:text (see the generic rules at the end of xslt/common/text.xsl)"
        )
    return status


def report_outputs(
    edition: Edition,
    checked: CheckResult,
    built: Iterable[Path],
    refusal: str,
    reporter: Reporter | None = None,
) -> int:
    """Print what a build wrote, or why it wrote nothing (findings and exit status 1)."""
    if checked.errors:
        print_findings(checked.diagnostics, checked.files_checked, reporter=reporter)
        print(f"cables: {refusal} because the corpus has errors", file=sys.stderr)
        return EXIT_INVALID
    if reporter is not None and reporter.quiet:
        return 0
    if checked.diagnostics:
        print_findings(checked.diagnostics, checked.files_checked, stream=sys.stderr)
    for path in built:
        print(f"built {display_path(path, edition.root)}")
    return 0


def report_problems(problems: Sequence[Diagnostic], incomplete: str, status: int) -> int:
    """Print the findings about outputs that could not be made; exit status 1 if any."""
    if not problems:
        return status
    for problem in problems:
        print(problem.format_text(), file=sys.stderr)
    print(f"cables: {incomplete}: the findings above say what was not made", file=sys.stderr)
    return EXIT_INVALID


def run_deposit(arguments: argparse.Namespace) -> int:
    """`cables deposit`: the packages written, or the findings that stopped it."""
    from cables.deposit import deposit

    edition = load_edition(arguments.project)
    result = deposit(edition)
    # No deposit (None) when the corpus has errors: report_outputs then prints them.
    written = () if result.deposit is None else (*result.built, result.deposit)
    status = report_outputs(
        edition, result.check, written, "no package was written", reporter=arguments.reporter
    )
    return report_problems(
        result.problems, "the deposit was written without the PDFs the findings name", status
    )


def run_new(arguments: argparse.Namespace) -> int:
    """`cables new`: the document created, and what is still to write in it."""
    from cables.scaffold import new_document

    edition = load_edition(arguments.project)
    created = new_document(
        edition,
        day=arguments.date,
        title=arguments.title,
        sender=arguments.sender,
        addressee=arguments.addressee,
        place=arguments.place,
        document_type=arguments.type,
        slug=arguments.slug,
    )
    if not arguments.reporter.quiet:
        print(f"created {display_path(created.path, edition.root)}")
        if created.diagnostics:
            print_findings(created.diagnostics, 1, stream=sys.stderr)
    return 0


def run_init(arguments: argparse.Namespace) -> int:
    """`cables init`: a new project, empty or around an existing corpus (--from)."""
    from cables.scaffold import init_from, init_project

    if arguments.corpus is not None:
        if arguments.example:
            raise CablesError("--example and --from exclude each other")
        found = init_from(arguments.corpus, arguments.directory, title=arguments.title)
        project = found.project
        if not arguments.reporter.quiet:
            print(
                f"created the edition project {project} around {found.documents} documents "
                f"and {found.registers} registers in {arguments.corpus} (no file changed)"
            )
            for key, paths in found.corpus.items():
                if paths:
                    print(f"  [corpus] {key}: {', '.join(paths)}")
            for path in found.left_out:
                print(f"  left out (not TEI): {display_path(path, project)}")
            print(f"next: cd {project} && cables check   (validation is lenient: see edition.toml)")
    else:
        if arguments.directory is None:
            raise CablesError(
                "cables init needs the folder to create, or --from CORPUS",
                hint="for example: cables init my-edition",
            )
        project = init_project(
            arguments.directory, title=arguments.title, example=arguments.example
        )
        if not arguments.reporter.quiet:
            print(f"created the edition project {arguments.directory}")
            print(f"next: cd {arguments.directory} && cables build   (or: cables serve)")
    arguments.reporter.detail(f"project folder: {project}")
    return 0


def run_serve(arguments: argparse.Namespace) -> int:
    """`cables serve`: the live preview, until Ctrl-C."""
    from cables.serve import serve

    edition = load_edition(arguments.project)
    return serve(edition.root, arguments.port, arguments.reporter)


def run_reference(arguments: argparse.Namespace) -> int:
    """`cables reference`: the page of the stylesheets' public interface."""
    from cables.reference import REFERENCE_PAGE, write_reference

    output = arguments.output
    if output is None:
        output = load_edition(arguments.project).build_dir / REFERENCE_PAGE
    written = write_reference(output)
    if not arguments.reporter.quiet:
        print(f"wrote {written}")
    return 0


def run_completion(arguments: argparse.Namespace) -> int:
    """`cables completion SHELL`: the completion script, on standard output."""
    from cables.completion import completion_script

    print(completion_script(build_parser(), arguments.shell), end="")
    return 0


#: The subcommands, in the order `cables --help` lists them.
COMMANDS = (
    Subcommand(
        "check",
        summary="validate the TEI files against the schema and the editorial rules",
        description="Check well-formedness, the XSD, the Schematron rules and the corpus-wide "
        "rules (pointers, ids, dates, authority files). Never changes the files it checks.",
        examples=CHECK_EXAMPLES,
        run=run_check,
        arguments=_check_arguments,
        supervised=True,
    ),
    Subcommand(
        "build",
        summary="build the web and print editions into build/",
        description="Check the corpus, then build the outputs from tei/ into build/.",
        examples=BUILD_EXAMPLES,
        run=run_build,
        arguments=_build_arguments,
        supervised=True,
    ),
    Subcommand(
        "deposit",
        summary="write the packages for library repositories into build/deposit/",
        description="Build the deposit packages (BagIt, METS, MODS, Dublin Core, DSpace, CMIF) "
        "from the TEI headers, after building the PDF and web editions when they are stale.",
        examples=DEPOSIT_EXAMPLES,
        run=run_deposit,
        supervised=True,
    ),
    # The editor's daily loop: new documents, a live preview, new projects, completion.
    Subcommand(
        "new",
        summary="start a new TEI document in tei/documents/ from the template",
        description="Write a new document with a fresh id, its header filled in from "
        "edition.toml and the options, and an empty summary to write.",
        examples=NEW_EXAMPLES,
        run=run_new,
        arguments=_new_arguments,
    ),
    Subcommand(
        "serve",
        summary="preview the web edition locally, rebuilt whenever a file is saved",
        description="Serve build/site/ on 127.0.0.1, rebuild it when a source changes and "
        "reload the open pages; show the findings while the files have errors.",
        examples=SERVE_EXAMPLES,
        run=run_serve,
        arguments=_serve_arguments,
    ),
    Subcommand(
        "init",
        summary="create a new edition project that builds at once",
        description="Create a new edition project in DIR (new or empty): configuration, "
        "folders, a first document, and the schema and stylesheets to customise; or, with "
        "--from, a project around an existing corpus.",
        examples=INIT_EXAMPLES,
        run=run_init,
        arguments=_init_arguments,
    ),
    Subcommand(
        "reference",
        summary="write the reference page of the stylesheets' public interface",
        description="List the modes, named templates, functions, parameters and label keys "
        "a customisation stylesheet may rely on, from the packaged stylesheets' declarations "
        "and their comments, on one HTML page (default: build/reference.html).",
        examples=REFERENCE_EXAMPLES,
        run=run_reference,
        arguments=_reference_arguments,
    ),
    Subcommand(
        "completion",
        summary="print the shell completion script for bash, zsh or fish",
        description="Print a script that makes the shell complete cables commands and options.",
        examples=COMPLETION_EXAMPLES,
        run=run_completion,
        arguments=_completion_arguments,
    ),
)
SUPERVISED = frozenset(command.name for command in COMMANDS if command.supervised)


def entry() -> int:
    """The `cables` command: `main`, with long commands stoppable at once (supervise.py)."""
    return main(supervise=True)


def main(argv: Sequence[str] | None = None, supervise: bool = False) -> int:
    """Run the command line `argv` (default: the process's) and return its exit status."""
    # A finding quotes the documents, which may be in any script: on a terminal or pipe
    # that is not UTF-8 (LANG=C, PYTHONIOENCODING=ascii) what it cannot show is printed
    # as \u escapes instead of ending the run with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    arguments = parser.parse_args(argv)
    verbosity = VERBOSE if arguments.verbose else QUIET if arguments.quiet else NORMAL
    arguments.reporter = Reporter(sys.stderr, verbosity)
    show_warnings(arguments.reporter)
    if supervise and arguments.command in SUPERVISED:
        from cables.supervise import run_supervised

        def build_dir() -> Path:
            return load_edition(arguments.project).build_dir

        return run_supervised(lambda: _run(arguments), build_dir, lambda: _sandbox(arguments))
    return _run(arguments)


def _sandbox(arguments: argparse.Namespace) -> Callable[[], None] | None:
    """In the supervised child: limit what the stylesheets can read and write (sandbox.py).
    Returns what to do when the work is done: remove the sandbox's temporary folder."""
    import shutil

    from cables.sandbox import sandbox_edition

    try:
        edition = load_edition(arguments.project)
    except CablesError:
        return None  # the command itself reports it
    # What the command line names may be read too (--tei-all's schema, say).
    named = [getattr(arguments, "tei_all", None), *(getattr(arguments, "paths", None) or ())]
    temporary = sandbox_edition(edition, [path for path in named if path is not None])
    if temporary is None or not temporary.is_relative_to(edition.build_dir):
        return None
    return lambda: shutil.rmtree(temporary, ignore_errors=True)


def report_config(arguments: argparse.Namespace, error: ConfigError) -> None:
    """The problems of edition.toml as findings (`edition.toml:LINE:COL: error: … [config]`),
    then why nothing was done; the corpus is not read. On standard error, as every problem
    of exit status 2, except in the report `cables check --format json|junit` writes."""
    findings = error.diagnostics()
    form = getattr(arguments, "format", "text") if arguments.command == "check" else "text"
    if form == "json":
        print(to_json(findings, 0))
    elif form == "junit":
        print(to_junit(findings, [CONFIG_NAME]))
    else:
        for finding in findings:
            print(finding.format_text(), file=sys.stderr)
    count = f"{len(findings)} error{'' if len(findings) == 1 else 's'}"
    print(
        f"cables: {CONFIG_NAME} has {count}: cables {arguments.command} did nothing",
        file=sys.stderr,
    )


def _run(arguments: argparse.Namespace) -> int:
    try:
        return arguments.handler(arguments)
    except ConfigError as error:
        report_config(arguments, error)
        return error.exit_status
    except CablesError as error:
        print(f"cables: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("cables: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - a bug: one clear line, never a traceback
        print(internal_error(error), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(entry())
