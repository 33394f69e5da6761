"""The editor's loop: `cables new`, `cables init`, JUnit output, the pre-commit hook, --quiet and
--verbose, progress reporting and shell completion."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from cables import data
from cables.cli import build_parser
from cables.config import load_edition
from cables.corpus import corpus_files, output_stem
from cables.progress import NORMAL, QUIET, VERBOSE, Reporter, for_task
from cables.scaffold import slugify
from cables.xmlio import parse_xml
from conftest import (
    FIXTURE_DOCUMENT,
    REPOSITORY,
    build_html,
    digest,
    init_project,
    replace_in,
    run_cables,
)

EPOCH = {"SOURCE_DATE_EPOCH": "1764201600"}  # 2025-11-27
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
NEW_DOCUMENT = "tei/documents/1963-11-14-cable-on-trade-talks.xml"


def new(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return run_cables(
        "new", "--date", "1963-11-14", "--title", "Cable on trade talks", *arguments,
        cwd=project, env=EPOCH,
    )  # fmt: skip


def tei_digest(project: Path) -> dict[str, str]:
    # Only the sources: `cables check` keeps a cache under build/.
    return digest(project / "tei")


# ---------------------------------------------------------------------------------------
# cables new


@pytest.mark.slow
def test_new_writes_a_filled_in_document_that_passes_check(edition_project: Path) -> None:
    result = new(
        edition_project,
        "--from",
        "org-embassy-bucharest",
        "--to",
        "Ministry of Foreign Affairs of the People's Republic of China",
        "--place",
        "Bucharest",
        "--type",
        "report",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"created {NEW_DOCUMENT}\n"
    # What is still to be written is shown at once.
    assert "[summary-to-write]" in result.stderr

    tree = parse_xml(edition_project / NEW_DOCUMENT).tree
    root = tree.getroot()

    def text(path: str) -> str:
        return " ".join(tree.xpath(f"string({path})", namespaces=NS).split())

    assert (
        root.get("{http://www.w3.org/XML/1998/namespace}id")
        == "doc-1963-11-14-cable-on-trade-talks"
    )
    assert text("//tei:titleStmt/tei:title[@type='main']") == "Cable on trade talks"
    # The header comes from the fixture's edition.toml.
    assert text("//tei:titleStmt/tei:editor") == "Test Editors"
    assert text("//tei:publicationStmt/tei:publisher") == "Test Editors"
    assert text("//tei:publicationStmt/tei:idno[@type='edition']") == "fixture"
    assert text("//tei:licence/@target") == "https://creativecommons.org/licenses/by/4.0/"
    sent = "//tei:correspAction[@type='sent']"
    assert (
        text(f"{sent}/tei:orgName/@ref") == "../authority/organisations.xml#org-embassy-bucharest"
    )
    assert text(f"{sent}/tei:orgName") == "Chinese Embassy in Romania"
    assert text(f"{sent}/tei:placeName/@ref") == "../authority/places.xml#pl-bucharest"
    assert text(f"{sent}/tei:date/@when") == "1963-11-14"
    assert text(f"{sent}/tei:date") == "14 November 1963"
    received = "//tei:correspAction[@type='received']/tei:orgName/@ref"
    assert text(received) == "../authority/organisations.xml#org-foreign-ministry"
    assert text("//tei:revisionDesc/@status") == "not-examined"
    assert text("//tei:revisionDesc/tei:change/@when") == "2025-11-27"
    assert "cables new" in text("//tei:revisionDesc/tei:change")
    assert text("//tei:text/@type") == "report"
    assert tree.xpath("//tei:div[@type='summary']/tei:gap", namespaces=NS)
    assert "To do" in text("//tei:div[@type='summary']/tei:gap/tei:desc")
    models = [node.get("href") for node in root.itersiblings(preceding=True)]
    assert sorted(models) == ["../../schema/cables.sch", "../../schema/cables.xsd"]
    # One line per <?xml-model?>, as in the edition's own files.
    lines = (edition_project / NEW_DOCUMENT).read_text(encoding="utf-8").splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert lines[1].startswith('<?xml-model href="../../schema/cables.xsd"')
    assert lines[2].startswith('<?xml-model href="../../schema/cables.sch"')

    checked = run_cables("check", "--format", "json", cwd=edition_project)
    assert checked.returncode == 0, checked.stdout
    findings = json.loads(checked.stdout)["diagnostics"]
    assert [(f["path"], f["rule"], f["severity"]) for f in findings] == [
        (NEW_DOCUMENT, "summary-to-write", "warning")
    ]


@pytest.mark.slow
def test_new_without_options_uses_the_first_document_type(edition_project: Path) -> None:
    result = new(edition_project)
    assert result.returncode == 0, result.stderr
    tree = parse_xml(edition_project / NEW_DOCUMENT).tree
    assert tree.xpath("string(//tei:text/@type)", namespaces=NS) == "telegram"
    assert not tree.xpath("//tei:correspAction[@type='received']", namespaces=NS)
    assert run_cables("check", cwd=edition_project).returncode == 0


@pytest.mark.slow
def test_new_never_overwrites_a_file(edition_project: Path) -> None:
    assert new(edition_project).returncode == 0
    (edition_project / NEW_DOCUMENT).write_text("edited by hand", encoding="utf-8")
    before = tei_digest(edition_project)
    again = new(edition_project, "--type", "report")
    assert again.returncode == 2
    assert f"{NEW_DOCUMENT}: error: the file exists already" in again.stderr
    assert "--slug" in again.stderr
    assert tei_digest(edition_project) == before


@pytest.mark.slow
def test_new_refuses_an_id_that_is_in_use(edition_project: Path) -> None:
    replace_in(
        edition_project / "tei/authority/persons.xml",
        "    </listPerson>",
        '      <person xml:id="doc-1963-11-14-talks"><persName>X</persName></person>\n'
        "    </listPerson>",
    )
    before = tei_digest(edition_project)
    result = new(edition_project, "--slug", "talks")
    assert result.returncode == 2
    assert 'xml:id "doc-1963-11-14-talks" is already used' in result.stderr
    assert tei_digest(edition_project) == before


@pytest.mark.slow
@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--from", "org-embassy-bucarest", "did you mean `org-embassy-bucharest`?"),
        ("--to", "Foreign Ministri", "did you mean `org-foreign-ministry`?"),
        ("--from", "pl-bucharest", "is a place entry, not a person or org entry"),
        ("--place", "per-peng-zhen", "is a person entry, not a place entry"),
        ("--type", "repot", "did you mean `report`?"),
        ("--date", "1963-02-30", "--date must be a real day written YYYY-MM-DD"),
        ("--title", "会谈记录", "gives no file name in Latin letters"),
    ],
)
def test_new_explains_what_it_cannot_use(
    edition_project: Path, option: str, value: str, message: str
) -> None:
    before = tei_digest(edition_project)
    result = run_cables(
        "new", "--date", "1963-11-14", "--title", "Cable on trade talks", option, value,
        cwd=edition_project,
    )  # fmt: skip
    assert result.returncode == 2
    assert message in result.stderr
    assert tei_digest(edition_project) == before


@pytest.mark.parametrize(
    "title, slug",
    [
        ("What to Say About Maurer’s Article", "what-to-say-about-maurers-article"),
        ("Ünïcödé façade: a  test!", "unicode-facade-a-test"),
        ("会谈记录", ""),
        ("word " * 30, "-".join(["word"] * 12)),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


# ---------------------------------------------------------------------------------------
# cables init


@pytest.mark.slow
def test_init_makes_a_project_that_checks_and_builds_at_once(tmp_path: Path) -> None:
    project = init_project(tmp_path / "my-edition")
    for expected in (
        "edition.toml",
        ".gitignore",
        "README.md",
        "tei/authority/persons.xml",
        "tei/front/introduction.xml",
    ):
        assert (project / expected).is_file(), expected
    documents = sorted((project / "tei/documents").glob("*.xml"))
    assert len(documents) == 1
    # No copy of the schema or the stylesheets: the packaged ones are the default, and
    # nothing in the project names a path into the installation.
    assert not (project / "schema").exists() and not (project / "xslt").exists()
    installation = str(data.packaged_xslt().parent)
    for path in project.rglob("*"):
        if path.is_file():
            assert installation not in path.read_text(encoding="utf-8"), path
    # The TEI files name the packaged schema by its stable name, for XML editors.
    for path in (project / "tei").rglob("*.xml"):
        assert '<?xml-model href="cables:schema/cables.xsd"' in path.read_text("utf-8"), path
    assert "build/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    config = (project / "edition.toml").read_text(encoding="utf-8")
    assert 'title = "My edition"' in config and 'id = "my-edition"' in config
    assert "xslt =" not in config and "xsd =" not in config

    checked = run_cables("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[-1] == "9 files checked: 0 errors, 0 warnings"

    built = run_cables("build", cwd=project, env=EPOCH)
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.splitlines()[:3] == [
        "built build/pdf",
        "built build/epub",
        "built build/site",
    ]
    site = project / "build" / "site"
    page = (site / f"{documents[0].stem}.html").read_text(encoding="utf-8")
    assert "Ada Example" in page and "Example Office" in page
    for linked in ("introduction.html", "principles.html", "abbreviations.html", "persons.html"):
        assert (site / linked).is_file(), linked
    assert (project / "build/pdf/edition.pdf").stat().st_size > 10_000

    # The authority entries of the example serve `cables new` at once.
    result = run_cables(
        "new", "--date", "1900-02-01", "--title", "A second report",
        "--from", "Example Office", "--to", "per-ada-example", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    checked = run_cables("check", cwd=project)
    assert checked.returncode == 0
    assert checked.stdout.splitlines()[-1] == "10 files checked: 0 errors, 1 warning"


@pytest.mark.slow
def test_init_with_a_title_writes_valid_toml(tmp_path: Path) -> None:
    title = 'The "letters" of A. Example \\ 1900'
    result = run_cables("init", "letters", "--title", title, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    import tomllib

    config = tomllib.loads((tmp_path / "letters/edition.toml").read_text(encoding="utf-8"))
    assert config["edition"]["title"] == title
    assert config["check"]["validation"] == "strict"


@pytest.mark.slow
def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cables("init", str(folder), cwd=tmp_path)
    assert result.returncode == 2
    assert "the folder is not empty" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.slow
@pytest.mark.parametrize("title", ["bad\x07title", "colour\x1b[31m", "del\x7f", "nel\x85"])
def test_init_refuses_a_title_with_a_control_character(tmp_path: Path, title: str) -> None:
    result = run_cables("init", "letters", "--title", title, cwd=tmp_path)
    assert result.returncode == 2
    assert "--title holds the control character U+" in result.stderr
    assert not (tmp_path / "letters").exists()


@pytest.mark.slow
def test_init_refuses_a_folder_name_with_a_control_character(tmp_path: Path) -> None:
    result = run_cables("init", "let\x01ters", cwd=tmp_path)
    assert result.returncode == 2
    assert "the folder name DIR holds the control character U+0001" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--title", "Cable\x1b[2J"),
        ("--title", "Cable\x08"),
        ("--from", "org\x07"),
        ("--slug", "a\x1bb"),
    ],
)
def test_new_refuses_a_control_character(edition_project: Path, option: str, value: str) -> None:
    before = digest(edition_project / "tei")
    arguments = ["--title", "Cable on trade talks"] if option != "--title" else []
    result = run_cables(
        "new", "--date", "1963-11-14", *arguments, option, value, cwd=edition_project
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{option} holds the control character U+" in result.stderr
    assert digest(edition_project / "tei") == before


@pytest.mark.slow
def test_new_takes_line_breaks_in_a_title_as_spaces(edition_project: Path) -> None:
    result = run_cables(
        "new", "--date", "1963-11-14", "--title", "Cable on\ntrade\ttalks", cwd=edition_project
    )
    assert result.returncode == 0, result.stdout + result.stderr
    document = parse_xml(edition_project / NEW_DOCUMENT).root
    title = document.find(".//tei:titleStmt/tei:title[@type='main']", NS)
    assert title.text == "Cable on trade talks"


@pytest.mark.slow
def test_the_packaged_schema_and_stylesheets_are_found_by_their_package(tmp_path: Path) -> None:
    # An editable install reads the repository's folders; a wheel its package data.
    assert data.packaged_xslt() == REPOSITORY / "xslt"
    assert data.packaged_schema() == REPOSITORY / "schema"
    assert data.candidates("xslt")[-1] == REPOSITORY / "xslt"
    edition = load_edition(init_project(tmp_path / "ed", example=False))
    assert edition.xslt_dir == REPOSITORY / "xslt"
    assert edition.xsd_path == REPOSITORY / "schema" / "cables.xsd"
    assert edition.odd_path == REPOSITORY / "schema" / "cables.odd"


# ---------------------------------------------------------------------------------------
# cables check --format junit, and the pre-commit hook


@pytest.mark.slow
def test_junit_output_has_one_test_case_per_file_and_a_failure_per_error(
    edition_project: Path,
) -> None:
    replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-peng-zen")
    replace_in(
        edition_project / FIXTURE_DOCUMENT, '<date when="1962-02-22">', '<date when="1962-02-30">'
    )
    as_json = json.loads(run_cables("check", "--format", "json", cwd=edition_project).stdout)
    result = run_cables("check", "--format", "junit", cwd=edition_project)
    assert result.returncode == 1
    suites = etree.fromstring(result.stdout.encode("utf-8"))
    assert suites.tag == "testsuites"
    (suite,) = suites
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert len(cases) == as_json["files_checked"] == 5
    assert all(set(case.attrib) == {"classname", "name", "file"} for case in cases)
    assert {case.get("name") for case in cases} >= {FIXTURE_DOCUMENT, "tei/authority/persons.xml"}
    failures = suite.findall("testcase/failure")
    assert len(failures) == as_json["errors"] == 2
    for element in (suites, suite):
        assert element.get("tests") == "5"
        assert element.get("failures") == "2"
        assert element.get("errors") == "0"
    (document_case,) = [case for case in cases if case.get("name") == FIXTURE_DOCUMENT]
    assert document_case.get("classname") == "tei.documents"
    assert sorted(f.get("type") for f in document_case.findall("failure")) == [
        "date-invalid",
        "pointer-unresolved",
    ]
    for failure in document_case.findall("failure"):
        assert failure.get("message") and failure.text.startswith(f"{FIXTURE_DOCUMENT}:")
    # A warning does not fail its file: it goes to the test case's output.
    (persons,) = [case for case in cases if case.get("name") == "tei/authority/persons.xml"]
    assert persons.find("failure") is None
    assert "[authority-unused]" in persons.findtext("system-out")
    # Only the JUnit elements, nothing a CI parser would stumble over.
    allowed = {"testsuites", "testsuite", "testcase", "failure", "system-out"}
    assert {element.tag for element in suites.iter()} <= allowed


@pytest.mark.slow
def test_junit_output_of_a_clean_corpus_passes(edition_project: Path) -> None:
    result = run_cables("check", "--format", "junit", cwd=edition_project)
    assert result.returncode == 0
    suite = etree.fromstring(result.stdout.encode("utf-8")).find("testsuite")
    assert suite.get("failures") == "0" and len(suite.findall("testcase")) == 5


def pre_commit_hooks() -> list[dict[str, str]]:
    """The hooks of .pre-commit-hooks.yaml (a list of flat mappings: no YAML library needed)."""
    hooks: list[dict[str, str]] = []
    for line in (REPOSITORY / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.fullmatch(r"(- |  )(\w+): (.+)", line)
        assert item, f"unexpected line in .pre-commit-hooks.yaml: {line!r}"
        if item.group(1) == "- ":
            hooks.append({})
        hooks[-1][item.group(2)] = item.group(3)
    return hooks


def test_pre_commit_hook_runs_cables_check_on_xml_files() -> None:
    (hook,) = pre_commit_hooks()
    assert hook["id"] == "cables-check"
    assert hook["entry"] == "cables check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] == "true"
    files = re.compile(hook["files"])
    assert files.search("tei/documents/1963-05-09-cc-notification.xml")
    assert not files.search("xslt/html/site.xsl") and not files.search("edition.toml")
    # pre-commit installs the repository and runs its `cables` script.
    assert 'cables = "cables.cli:entry"' in (REPOSITORY / "pyproject.toml").read_text("utf-8")


@pytest.mark.slow
def test_check_takes_the_file_names_pre_commit_passes(edition_project: Path) -> None:
    result = run_cables("check", FIXTURE_DOCUMENT, "tei/authority/persons.xml", cwd=edition_project)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "2 files checked: 0 errors, 0 warnings"


# ---------------------------------------------------------------------------------------
# --quiet, --verbose and progress


@pytest.mark.slow
def test_quiet_shows_only_errors_before_or_after_the_command(edition_project: Path) -> None:
    replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-peng-zen")
    normal = run_cables("check", cwd=edition_project)
    assert "[authority-unused]" in normal.stdout  # a warning, besides the error
    for arguments in (["--quiet", "check"], ["check", "-q"]):
        result = run_cables(*arguments, cwd=edition_project)
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert lines[0].endswith("[pointer-unresolved]")
        assert lines[1].startswith("  hint:")
        assert len(lines) == 2  # no warning, no summary
        assert result.stderr == ""


@pytest.mark.slow
def test_quiet_build_says_nothing_when_all_is_well(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    result = run_cables("build", "html", "--quiet", cwd=edition_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert (edition_project / "build/site/index.html").is_file()


@pytest.mark.slow
def test_progress_without_a_terminal_is_plain_lines(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "build: 0/1 html" in lines
    assert any(re.fullmatch(r"check: 5/5 done in \d+\.\d s", line) for line in lines), lines
    assert any(re.fullmatch(r"build: 1/1 done in \d+\.\d s", line) for line in lines), lines
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    assert result.stdout.splitlines() == ["built build/site"]

    verbose = run_cables("--verbose", "check", cwd=edition_project)
    assert re.search(r"^check: 5/5 done in", verbose.stderr, re.M)
    quiet_check = run_cables("check", cwd=edition_project)
    assert quiet_check.stderr == ""  # a check is quick: no progress lines unless asked


def test_progress_on_a_terminal_is_a_bar() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    reporter = Reporter(terminal, NORMAL)
    assert reporter.interactive
    report = for_task(reporter, "check")
    for done in (0, 2, 2, 4):
        report(done, 4)
    output = terminal.getvalue()
    assert "\rcheck [" in output and "4/4 done in" in output
    assert output.count("done in") == 1  # the same count reported twice is shown once
    assert output.endswith("\n")
    assert re.search(r"\[#{24}\] 4/4", output)

    quiet = Terminal()
    for_task(Reporter(quiet, QUIET), "check")(1, 2)
    assert quiet.getvalue() == ""


def test_progress_without_a_terminal_shows_every_step_only_when_verbose() -> None:
    normal, verbose = io.StringIO(), io.StringIO()
    for stream, verbosity in ((normal, NORMAL), (verbose, VERBOSE)):
        reporter = Reporter(stream, verbosity)
        for done in range(4):
            reporter("build", done, 3, f"step {done}" if done < 3 else "")
    assert normal.getvalue().splitlines()[0] == "build: 0/3 step 0"
    assert len(normal.getvalue().splitlines()) == 2  # the start and the end
    assert len(verbose.getvalue().splitlines()) == 4
    assert verbose.getvalue().splitlines()[1] == "build: 1/3 step 1"


REQUIRED_ARGUMENTS = {
    "check": [],
    "build": [],
    "deposit": [],
    "new": ["--date", "1963-11-14", "--title", "T"],
    "serve": [],
    "init": ["folder"],
    "completion": ["bash"],
    "reference": [],
}


@pytest.mark.slow
def test_quiet_and_verbose_work_with_every_subcommand() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert set(commands) == set(REQUIRED_ARGUMENTS)  # a new command must be listed here
    for name, required in REQUIRED_ARGUMENTS.items():
        for flag, quiet, verbose in (("-q", True, False), ("--verbose", False, True)):
            before = parser.parse_args([flag, name, *required])
            after = parser.parse_args([name, *required, flag])
            for parsed in (before, after):
                assert (parsed.quiet, parsed.verbose) == (quiet, verbose), (name, flag)
        plain = parser.parse_args([name, *required])
        assert (plain.quiet, plain.verbose) == (False, False)


# ---------------------------------------------------------------------------------------
# Shell completion


def bash_complete(script: str, *words: str) -> list[str]:
    """What the completion function offers for the command line `words` (last one typed)."""
    line = " ".join(f'"{word}"' for word in words)
    program = (
        f"{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _cables; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return [word for word in result.stdout.splitlines() if word]


@pytest.mark.slow
def test_bash_completion_completes_commands_options_and_values(tmp_path: Path) -> None:
    result = run_cables("completion", "bash", cwd=tmp_path)
    assert result.returncode == 0
    script = result.stdout
    assert "complete -o filenames -F _cables cables" in script
    assert bash_complete(script, "cables", "se") == ["serve"]
    assert set(bash_complete(script, "cables", "")) >= {
        "check", "build", "deposit", "new", "serve", "init", "completion", "--project", "--quiet",
    }  # fmt: skip
    assert bash_complete(script, "cables", "--quiet", "ch") == ["check"]
    assert bash_complete(script, "cables", "check", "--form") == ["--format"]
    assert bash_complete(script, "cables", "check", "--format", "") == ["text", "json", "junit"]
    assert bash_complete(script, "cables", "build", "") == ["pdf", "epub", "html"]
    assert bash_complete(script, "cables", "--project", "x", "build", "p") == ["pdf"]
    assert bash_complete(script, "cables", "completion", "") == ["bash", "zsh", "fish"]
    assert "--from" in bash_complete(script, "cables", "new", "--")
    assert {"--from", "--example"} <= set(bash_complete(script, "cables", "init", "--"))
    # --from takes a folder after init, a name after new.
    (tmp_path / "letters").mkdir()
    assert bash_complete(script, "cables", "init", "--from", str(tmp_path / "let")) == [
        str(tmp_path / "letters")
    ]
    assert bash_complete(script, "cables", "new", "--from", str(tmp_path / "let")) == []


@pytest.mark.slow
def test_build_completion_offers_the_outputs_that_build_knows() -> None:
    from cables.build import OUTPUTS

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    (outputs,) = [a for a in commands["build"]._actions if a.dest == "outputs"]
    assert set(outputs.completer) == set(OUTPUTS)


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_scripts(shell: str, tmp_path: Path) -> None:
    result = run_cables("completion", shell, cwd=tmp_path)
    assert result.returncode == 0
    script = result.stdout
    if shell == "zsh":
        assert script.startswith("#compdef cables\n") and "bashcompinit" in script
        assert "complete -o filenames -F _cables cables" in script
    else:
        assert "complete -c cables -n __fish_use_subcommand -a serve" in script
        assert re.search(
            r"complete -c cables -n '__fish_seen_subcommand_from check' -l format -x "
            r"-a 'text json junit'",
            script,
        )
    if shutil.which(shell):  # a syntax check where the shell is installed
        checked = subprocess.run([shell, "-n"], input=script, text=True, capture_output=True)
        assert checked.returncode == 0, checked.stderr


@pytest.mark.slow
def test_the_readme_vs_code_task_reads_the_findings(edition_project: Path) -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(\{\n  \"version\": \"2.0.0\".*?)```", readme, re.S)
    pattern = json.loads(block)["tasks"][0]["problemMatcher"]["pattern"]
    matcher = re.compile(pattern["regexp"])
    replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-peng-zen")
    lines = run_cables("check", cwd=edition_project).stdout.splitlines()
    matched = [matcher.match(line) for line in lines]
    found = [(m[pattern["file"]], m[pattern["severity"]]) for m in matched if m]
    assert found == [
        ("tei/authority/persons.xml", "warning"),
        (FIXTURE_DOCUMENT, "error"),
    ]


@pytest.mark.slow
def test_init_without_example_makes_no_register_entries(tmp_path: Path) -> None:
    project = init_project(tmp_path / "plain", example=False)
    assert list((project / "tei" / "authority").iterdir()) == []
    (document,) = (project / "tei" / "documents").glob("*.xml")
    assert document.name.endswith("-first-document.xml")
    checked = run_cables("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    # Only what is still to be written: the first document's summary.
    assert checked.stdout.splitlines()[-1] == "4 files checked: 0 errors, 1 warning"
    assert "[summary-to-write]" in checked.stdout

    built = run_cables("build", cwd=project, env=EPOCH)
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "build" / "site"
    assert (project / "build" / "pdf" / f"doc-{document.stem}.pdf").is_file()
    for page in (
        "index.html", "persons.html", "places.html", "organisations.html", "events.html",
        "bibliography.html", "chronology.html", f"{document.stem}.html",
    ):  # fmt: skip
        text = (site / page).read_text(encoding="utf-8")
        assert "Example" not in text and "example" not in text.replace("examples", ""), page


@pytest.mark.slow
def test_init_with_example_fills_the_registers(tmp_path: Path) -> None:
    project = init_project(tmp_path / "shown", example=True)
    persons = (project / "tei" / "authority" / "persons.xml").read_text(encoding="utf-8")
    assert "Ada Example" in persons
    assert [p.name for p in (project / "tei" / "documents").iterdir()] == [
        "1900-01-15-example-report.xml"
    ]


# ---------------------------------------------------------------------------------------
# cables init --from: a project around a corpus as it is

FOREIGN_HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Published elsewhere.</p></publicationStmt>
<sourceDesc><p>A letter.</p></sourceDesc></fileDesc></teiHeader>"""


def foreign_tei(title: str, inside: str, xml_id: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{NS["tei"]}" xml:id="{xml_id}">'
        + FOREIGN_HEADER.format(title=title)
        + inside
        + "</TEI>\n"
    )


def foreign_corpus(folder: Path) -> Path:
    """A corpus as another project keeps it: letters in a folder per volume with names
    that repeat, a register of persons as a text of lists, one of places in a standOff,
    XML that is not TEI and a hidden folder."""
    letter = (
        '<text><body><p>Dear <persName ref="../../indices/listperson.xml#anna">Anna</persName>,'
        " the {what} has arrived.</p></body></text>"
    )
    files = {
        "letters/03/001.xml": foreign_tei("Letter 3.1", letter.format(what="parcel"), "l3-1"),
        "letters/04/001.xml": foreign_tei("Letter 4.1", letter.format(what="book"), "l4-1"),
        "indices/listperson.xml": foreign_tei(
            "Persons",
            "<text><body><div><head>Persons</head><listPerson><person xml:id='anna'>"
            "<persName>Anna Brenner</persName></person></listPerson></div></body></text>",
            "persons",
        ),
        "places.xml": foreign_tei(
            "Places",
            "<standOff><listPlace><place xml:id='vienna'><placeName>Vienna</placeName>"
            "</place></listPlace></standOff>",
            "places",
        ),
        "notes/catalogue.xml": "<catalogue><entry>not TEI</entry></catalogue>\n",
        ".git/description.xml": "<hidden/>\n",
        "README.txt": "The letters of Anna Brenner.\n",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_init_from_starts_a_project_around_a_corpus_and_changes_no_file(tmp_path: Path) -> None:
    corpus = foreign_corpus(tmp_path / "brenner")
    before = digest(corpus)
    result = run_cables("init", "--from", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 documents and 2 registers" in result.stdout
    assert "left out (not TEI): notes/catalogue.xml" in result.stdout
    import tomllib

    config = tomllib.loads((corpus / "edition.toml").read_text(encoding="utf-8"))
    assert config["corpus"]["documents"] == ["letters"]
    assert config["corpus"]["authority"] == ["places.xml", "indices"]
    assert config["corpus"]["front"] == []
    assert config["check"]["validation"] == "lenient"
    after = digest(corpus)
    assert {name: after[name] for name in before} == before  # no file changed
    added = {name.split("/")[0] for name in set(after) - set(before)}
    assert added == {"edition.toml", ".gitignore"}  # no copy of the schema or stylesheets

    checked = run_cables("check", cwd=corpus)
    assert checked.returncode == 0, checked.stdout
    assert "error" not in checked.stdout.replace("0 errors", "")
    site = build_html(corpus)
    for volume, what in (("03", "parcel"), ("04", "book")):
        page = (site / f"{volume}-001.html").read_text(encoding="utf-8")
        assert f"the {what} has arrived" in page
        assert 'href="persons/anna.html"' in page  # the person's own page
    assert "Anna Brenner" in (site / "persons.html").read_text(encoding="utf-8")
    assert "Anna Brenner" in (site / "persons" / "anna.html").read_text(encoding="utf-8")
    assert (site / "indices" / "listperson.xml").is_file()  # at its place in the project
    assert not (site / "catalogue.html").exists() and not (site / "description.html").exists()
    after_build = digest(corpus)
    assert {name: after_build[name] for name in before} == before

    # A second init never overwrites what the first wrote.
    again = run_cables("init", "--from", str(corpus), cwd=tmp_path)
    assert again.returncode == 2
    assert "has edition.toml already" in again.stderr


@pytest.mark.slow
def test_init_from_may_name_a_project_that_holds_the_corpus(tmp_path: Path) -> None:
    project = tmp_path / "project"
    foreign_corpus(project / "corpus")
    (project / "notes.txt").write_text("the editor's own", encoding="utf-8")
    result = run_cables("init", ".", "--from", "corpus", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "edition.toml").read_text(encoding="utf-8")
    assert 'documents = ["corpus/letters"]' in text
    assert run_cables("check", cwd=project).returncode == 0

    outside = run_cables("init", str(tmp_path / "elsewhere"), "--from", "corpus", cwd=project)
    assert outside.returncode == 2
    assert "the project folder must hold the corpus" in outside.stderr


@pytest.mark.slow
def test_init_from_names_the_folder_that_holds_every_document(tmp_path: Path) -> None:
    """Dispatches kept as tei/03/001.xml, tei/04/001.xml: the documents folder is tei/,
    not the corpus's top, so their outputs are 03-001.html, as a reader would name them."""
    corpus = tmp_path / "suriano"
    shutil.copytree(REPOSITORY / "tests" / "data" / "corpora" / "suriano", corpus)
    result = run_cables("init", "--from", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    import tomllib

    config = tomllib.loads((corpus / "edition.toml").read_text(encoding="utf-8"))
    assert config["corpus"]["documents"] == ["tei"]
    edition = load_edition(corpus)
    names = sorted(output_stem(path, edition) for path, _ in corpus_files(edition))
    assert names[:2] == ["03-001", "03-018"]
