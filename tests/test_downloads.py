"""The downloads of the web edition: the TEI copies with the files they point to and the
schema they name, the whole-edition ZIP, the home page's downloads and the sitemap.

Every published file must work as it is, inside the site or the ZIP alone: its pointers
and its <?xml-model?> resolve there, and it validates there against the published schema,
offline. The sites are built in process (cables.site.build_site), once per module.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html, isoschematron

from cables.config import load_edition
from cables.copies import EDITION_ZIP, ZIP_README, Published, copy_sources
from cables.errors import CablesError
from cables.site import build_site
from cables.state import Fingerprints, SiteState, save_site_state
from cables.transform import Stylesheets
from conftest import FIXTURES, REPOSITORY, copy_edition, init_project, replace_in

BUILD_DATE = "2026-11-27"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
#: The attributes of the encoding that hold pointers (README, rule pointer-unresolved).
POINTERS = ("ref", "target", "source", "corresp", "facs", "who", "resp", "where", "url")
#: A parser that never reads anything but the file it is given.
OFFLINE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def make_site(project: Path, name: str, pdf_dir: Path | None = None) -> Path:
    """Build the web edition of `project` into build/`name`, as `cables build html` does
    into build/site: its keys are saved, so a next build reuses what it may."""
    edition = load_edition(project)
    output = edition.build_dir / name
    output.mkdir(parents=True)
    result = build_site(edition, Stylesheets(edition.xslt_dir), output, BUILD_DATE, pdf_dir)
    if name == "site":
        save_site_state(edition, result.state)
    return output


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition(tmp_path_factory.mktemp("downloads") / "edition")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return make_site(project, "site")


@pytest.fixture(scope="module")
def unpacked(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ZIP unpacked alone, far from the site and the project."""
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(site / EDITION_ZIP) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.fixture(scope="module")
def site_alone(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site copied away from the project, so that nothing can resolve into it."""
    target = tmp_path_factory.mktemp("alone") / "site"
    shutil.copytree(site, target)
    return target


def tei_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*.xml")
        if etree.parse(str(path), OFFLINE).getroot().tag == f"{TEI}TEI"
    )


def xml_models(tree: etree._ElementTree) -> list[etree._ProcessingInstruction]:
    root = tree.getroot()
    return [
        node
        for node in root.itersiblings(preceding=True)
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"
    ]


def prefixes(tree: etree._ElementTree) -> set[str]:
    return {p.get("ident", "") for p in tree.iter(f"{TEI}prefixDef")}


def relative_pointers(path: Path) -> list[tuple[str, str]]:
    """(where, pointer) for every relative pointer of a TEI file: its attributes' values
    that name no scheme (nor a prefixDef prefix), and its xml-model hrefs."""
    tree = etree.parse(str(path), OFFLINE)
    known = prefixes(tree)
    found = [("xml-model", str(pi.get("href"))) for pi in xml_models(tree)]
    for element in tree.iter(etree.Element):
        for name in POINTERS:
            for token in (element.get(name) or "").split():
                scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", token)
                if scheme is None or scheme.group(1) not in ({"http", "https", "mailto"} | known):
                    found.append((f"{element.tag}/@{name}", token))
    return found


def unresolved(root: Path) -> tuple[list[str], int]:
    """The relative pointers of the TEI files under `root` that lead to no file inside
    `root`, or to no such id in it; and how many pointers there were."""
    problems, count = [], 0
    for path in tei_files(root):
        for where, pointer in relative_pointers(path):
            count += 1
            address, _, fragment = pointer.partition("#")
            target = (path.parent / unquote(address)).resolve() if address else path
            shown = f"{path.relative_to(root)} {where}={pointer}"
            if not target.is_relative_to(root.resolve()) or not target.is_file():
                problems.append(f"{shown}: no file {target}")
            elif fragment and not etree.parse(str(target), OFFLINE).xpath(
                "//*[@xml:id = $id]", id=fragment
            ):
                problems.append(f"{shown}: no xml:id {fragment!r}")
    return problems, count


def invalid(root: Path) -> tuple[list[str], int]:
    """Validate each TEI file under `root` against the XSD and the Schematron its
    xml-model names, from the files under `root` alone; the failures and the count."""
    problems, schemas = [], 0
    for path in tei_files(root):
        tree = etree.parse(str(path), OFFLINE)
        models = {str(pi.get("schematypens")): str(pi.get("href")) for pi in xml_models(tree)}
        assert set(models) == {XSD_NS, SCHEMATRON_NS}, path
        xsd = etree.XMLSchema(etree.parse(str(path.parent / models[XSD_NS]), OFFLINE))
        if not xsd.validate(tree):
            problems.append(f"{path}: {xsd.error_log.last_error}")
        sch = etree.parse(str(path.parent / models[SCHEMATRON_NS]), OFFLINE)
        schematron = isoschematron.Schematron(sch, store_report=True)
        schematron.validate(tree)
        failed = schematron.validation_report.iter(f"{SVRL}failed-assert")
        errors = [f for f in failed if f.get("role") != "warning"]
        problems += [f"{path}: {f.get('id')}" for f in errors]
        schemas += 2
    return problems, schemas


# -- the TEI in the site ------------------------------------------------------------------


def test_the_published_tei_keeps_its_place_and_its_bytes(project: Path, site: Path) -> None:
    for folder in ("documents", "authority", "front"):
        sources = sorted((project / "tei" / folder).glob("*.xml"))
        assert sources
        for source in sources:
            published = site / "tei" / folder / source.name
            assert published.read_bytes() == source.read_bytes(), published
    for name in ("cables.xsd", "xml.xsd", "cables.sch"):
        assert (site / "schema" / name).read_bytes() == (project / "schema" / name).read_bytes()
    assert not list((site / "tei").glob("*.xml")), "no flat copy with broken pointers is left"


def test_every_pointer_of_the_published_tei_resolves_inside_the_site(site_alone: Path) -> None:
    problems, count = unresolved(site_alone)
    assert count > 500, "the corpus's pointers were not found"
    assert not problems, "\n".join(problems[:20])


def test_the_published_tei_validates_against_the_published_schema(site_alone: Path) -> None:
    problems, schemas = invalid(site_alone)
    assert schemas == 2 * 17
    assert not problems, "\n".join(problems[:20])


def test_the_check_for_unresolved_pointers_sees_one(site_alone: Path, tmp_path: Path) -> None:
    # What the two tests above rely on: a pointer that leaves the site is found.
    copy = tmp_path / "site"
    shutil.copytree(site_alone / "tei", copy / "tei")
    (copy / "tei" / "authority" / "persons.xml").unlink()
    problems, _ = unresolved(copy)
    assert any("persons.xml#per-" in problem for problem in problems)
    assert any("xml-model=../../schema/cables.xsd" in problem for problem in problems)


@pytest.fixture(scope="module")
def init_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A project made by `cables init` (its TEI names the packaged schema by
    cables:schema/...), and its site copied away from it."""
    project = init_project(tmp_path_factory.mktemp("init") / "edition")
    site = make_site(project, "site")
    alone = tmp_path_factory.mktemp("init-alone") / "site"
    shutil.copytree(site, alone)
    return project, alone


@pytest.mark.slow
def test_the_tei_of_an_init_project_names_the_published_schema_inside_the_site(
    init_site: tuple[Path, Path],
) -> None:
    project, site = init_site
    sources = sorted((project / "tei").rglob("*.xml"))
    assert sources and all(b'href="cables:schema/' in path.read_bytes() for path in sources)
    for source in sources:
        published = (site / source.relative_to(project)).read_bytes()
        depth = "../" * (len(source.relative_to(project).parts) - 1)
        # Only the href of each xml-model differs: the TEI stays as encoded.
        assert published == source.read_bytes().replace(
            b'href="cables:schema/', f'href="{depth}schema/'.encode()
        ), source
    problems, count = unresolved(site)
    assert count >= 2 * len(sources)
    assert not problems, "\n".join(problems[:20])
    problems, schemas = invalid(site)
    assert schemas == 2 * len(sources)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.slow
def test_the_zip_of_an_init_project_names_the_schema_it_holds(
    init_site: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = init_site
    with zipfile.ZipFile(site / EDITION_ZIP) as archive:
        archive.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    assert not unresolved(folder)[0]
    problems, schemas = invalid(folder)
    assert schemas > 0 and not problems, "\n".join(problems[:20])


@pytest.mark.parametrize(
    "names",
    [["tei/a/b.xml", "TEI/A/B.xml"], ["assets/b.xml"], ["sitemap.xml"], ["pdf/b.xml"]],
    ids=["case-folded", "assets", "sitemap", "pdf"],
)
def test_a_file_published_over_another_or_the_sites_own_is_refused(
    project: Path, tmp_path: Path, names: list[str]
) -> None:
    edition = load_edition(project)
    fingerprints = Fingerprints.of(edition, Stylesheets(edition.xslt_dir))
    state = SiteState(edition, fingerprints, tmp_path, trusted=False)
    source = str(project / "tei" / "front" / "introduction.xml")
    files = [Published(name, source, "digest") for name in names]
    with pytest.raises(CablesError, match="which another file or the site itself takes"):
        copy_sources(state, tmp_path / "site", files)


def test_each_document_page_links_its_published_tei(site: Path) -> None:
    pages = sorted(site.glob("19*.html"))
    assert len(pages) == 9
    for page in pages:
        links = [a.get("href") for a in html.parse(str(page)).iter("a") if a.get("download") == ""]
        assert f"tei/documents/{page.stem}.xml" in links, page
        assert all((site / link).is_file() for link in links), page


def test_the_link_to_a_published_tei_file_is_uri_encoded(tmp_path: Path) -> None:
    project = tmp_path / "edition"
    shutil.copytree(FIXTURES / "edition", project)
    shutil.copytree(REPOSITORY / "schema", project / "schema")
    documents = project / "tei" / "documents"
    (document,) = documents.glob("*.xml")
    document.rename(documents / "attitude report ș.xml")
    site = make_site(project, "site")
    page = html.parse(str(site / "attitude report ș.html"))
    links = [a.get("href") for a in page.iter("a") if a.get("download") == ""]
    (link,) = [link for link in links if link.startswith("tei/")]
    assert link == "tei/documents/attitude%20report%20%C8%99.xml"
    assert (site / unquote(link)).is_file()


# -- the ZIP ------------------------------------------------------------------------------


def test_the_zip_holds_the_edition_and_its_schema(site: Path) -> None:
    with zipfile.ZipFile(site / EDITION_ZIP) as archive:
        entries = archive.infolist()
        names = [entry.filename for entry in entries]
        readme = archive.read(names[0]).decode("utf-8")
    assert names[0] == f"cables-0.1.0/{ZIP_README}"
    assert names[1:] == sorted(names[1:]), "the entries are in a fixed order"
    published = sorted(
        path.relative_to(site).as_posix()
        for folder in ("tei", "schema")
        for path in (site / folder).rglob("*")
        if path.is_file()
    )
    assert [name.removeprefix("cables-0.1.0/") for name in names[1:]] == published
    assert len(published) == 17 + 4  # the TEI files; XSD, xml.xsd, Schematron, ODD
    assert {entry.date_time for entry in entries} == {(2026, 11, 27, 0, 0, 0)}
    assert "China and Romania, 1961–1963" in readme
    assert "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)" in readme
    assert "not covered" in readme  # what the licence does not cover
    assert "Version 0.1.0, built 27 November 2026." in readme


def test_the_files_of_the_zip_work_as_they_are(unpacked: Path) -> None:
    problems, count = unresolved(unpacked)
    assert count > 500
    assert not problems, "\n".join(problems[:20])
    problems, schemas = invalid(unpacked)
    assert schemas == 2 * 17
    assert not problems, "\n".join(problems[:20])


def test_the_zip_is_reproducible_and_rewritten_only_when_the_corpus_changes(
    project: Path, site: Path, tmp_path: Path
) -> None:
    zip_path = site / EDITION_ZIP
    # Another copy of the project, elsewhere, built afresh: the same bytes.
    other = make_site(copy_edition(tmp_path / "other"), "site")
    assert (other / EDITION_ZIP).read_bytes() == zip_path.read_bytes()
    # The same corpus again: the previous build's file is linked, not written.
    again = make_site(project, "again")
    assert (again / EDITION_ZIP).stat().st_ino == zip_path.stat().st_ino
    # An edited document: a new ZIP holding it.
    document = project / "tei" / "documents" / "1962-04-13-approval-work-plan.xml"
    original = document.read_bytes()
    try:
        replace_in(document, "<p>", "<p>Amended. ")
        edited = make_site(project, "edited")
    finally:
        document.write_bytes(original)
    assert (edited / EDITION_ZIP).stat().st_ino != zip_path.stat().st_ino
    with zipfile.ZipFile(edited / EDITION_ZIP) as archive:
        inside = archive.read(f"cables-0.1.0/tei/documents/{document.name}")
    assert inside == original.replace(b"<p>", b"<p>Amended. ", 1)


# -- the home page's downloads ------------------------------------------------------------


def downloads_of(page: Path) -> list[str]:
    tree = html.parse(str(page))
    sections = tree.xpath("//section[@aria-labelledby = 'edition-downloads-heading']")
    assert len(sections) == 1
    return [a.get("href") for a in sections[0].iter("a")]


def test_the_home_page_links_the_zip_and_the_schema_and_no_pdf_before_one_is_built(
    site: Path,
) -> None:
    links = downloads_of(site / "index.html")
    assert links == [EDITION_ZIP, "schema/cables.xsd"]
    assert all((site / link).is_file() for link in links)


def test_the_home_page_links_the_books_the_site_holds(project: Path, tmp_path: Path) -> None:
    # The PDFs as `cables build pdf` leaves them; the accessible book is missing here.
    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    for document in sorted((project / "tei" / "documents").glob("*.xml")):
        (pdf_dir / f"doc-{document.stem}.pdf").write_bytes(b"%PDF-1.7\n")
    (pdf_dir / "edition.pdf").write_bytes(b"%PDF-1.7\n")
    site = make_site(project, "with-pdf", pdf_dir)
    links = downloads_of(site / "index.html")
    assert links == [EDITION_ZIP, "pdf/edition.pdf", "schema/cables.xsd"]
    assert all((site / link).is_file() for link in links)
    (pdf_dir / "edition-ua.pdf").write_bytes(b"%PDF-1.7\n")
    site = make_site(project, "with-both", pdf_dir)
    assert "pdf/edition-ua.pdf" in downloads_of(site / "index.html")


# -- the sitemap --------------------------------------------------------------------------


def test_without_an_address_there_is_no_sitemap_and_no_link_to_one(site: Path) -> None:
    assert not (site / "sitemap.xml").exists()
    for page in site.glob("*.html"):
        assert "sitemap.xml" not in page.read_text(encoding="utf-8"), page


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_edition(tmp_path_factory.mktemp("addressed") / "edition")
    replace_in(project / "edition.toml", 'base_url = ""', 'base_url = "https://example.org/cables"')
    return make_site(project, "site")


def test_with_an_address_the_sitemap_follows_the_protocol(addressed_site: Path) -> None:
    sitemap = etree.parse(str(addressed_site / "sitemap.xml"), OFFLINE).getroot()
    assert sitemap.tag == f"{SITEMAP}urlset"
    urls = list(sitemap)
    assert 0 < len(urls) <= 50_000
    # The pages at the top and the entity pages in their folders (persons/...).
    pages = {path.relative_to(addressed_site).as_posix() for path in addressed_site.rglob("*.html")}
    listed = []
    for url in urls:
        assert url.tag == f"{SITEMAP}url"
        assert [child.tag for child in url] == [f"{SITEMAP}loc", f"{SITEMAP}lastmod"]
        loc, lastmod = (child.text or "" for child in url)
        # The protocol: a full URL with its scheme, at most 2,048 characters, escaped.
        parts = urlsplit(loc)
        assert parts.scheme == "https" and parts.netloc == "example.org", loc
        assert len(loc) < 2048 and re.fullmatch(r"[A-Za-z0-9:/._~%-]+", loc), loc
        assert loc.startswith("https://example.org/cables/"), "under the edition's address"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod) and lastmod == BUILD_DATE
        listed.append(loc.removeprefix("https://example.org/cables/"))
    assert sorted(listed) == sorted(pages), "every page, once"
    assert (addressed_site / "sitemap.xml").stat().st_size < 50 * 1024 * 1024
    home = (addressed_site / "index.html").read_text(encoding="utf-8")
    assert 'href="sitemap.xml"' in home


def test_the_zip_is_unzipped_with_the_unix_permissions_it_records(site: Path) -> None:
    with zipfile.ZipFile(site / EDITION_ZIP) as archive:
        modes = {entry.external_attr >> 16 for entry in archive.infolist()}
        systems = {entry.create_system for entry in archive.infolist()}
    assert modes == {0o100644} and systems == {3}
