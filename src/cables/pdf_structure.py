"""The print edition's structure tree: repairs the tags WeasyPrint writes, before the PDF is saved.

WeasyPrint 70 tags each page on its own (a section or paragraph crossing a page becomes two
elements), leaves the running heads and folios as marked content outside the tree, and maps
HTML elements one by one (footnotes as Span, the contents as nested lists of links, each
record term and value as its own list item, a table's head again on each page it crosses).
`repair_structure` is the `finisher` of `Document.write_pdf`: it sees the laid-out boxes
beside the tags made from them, so it knows which HTML element each structure element
stands for, and rewrites the tree from that.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("cables")

#: Text set below this size (CSS px) is no reading matter: the 1 pt edition title that only
#: feeds the running heads. Its marked content becomes an artifact.
HIDDEN_TEXT_SIZE = 2.0
#: Class of a footnote body in the print HTML (xslt/print/book.xsl).
FOOTNOTE_CLASS = "footnote"
#: Class of the contents (nav) in the print HTML.
CONTENTS_CLASS = "toc"


class StructureMismatch(Exception):
    """The tags do not line up with the boxes as WeasyPrint 70 makes them."""


@dataclass
class _Tree:
    """The PDF's objects, and each structure element beside the box it was made from."""

    objects: list[Any]
    pairs: list[tuple[Any, Any]] = field(default_factory=list)
    leaves: list[tuple[Any, Any]] = field(default_factory=list)
    #: The parent of each HTML element (by id): WeasyPrint's ElementTree elements know none.
    parents: dict[int, Any] = field(default_factory=dict)
    #: Elements merged into another, for the parent tree: reference → new reference.
    replaced: dict[bytes, bytes] = field(default_factory=dict)
    #: The pydyf PDF, to add new structure elements to.
    pdf: Any = None
    #: The LI WeasyPrint wraps around the LBody of a dt, dd or bullet-less li, by the
    #: LBody's number.
    wrappers: dict[int, Any] = field(default_factory=dict)
    #: The HTML link (a) each Reference made for a contents entry holds, by its number.
    references: dict[int, Any] = field(default_factory=dict)

    def get(self, reference: Any) -> Any:
        return self.objects[int(reference.split()[0])]

    def ancestors(self, element: Any) -> Iterator[Any]:
        while (element := self.parents.get(id(element))) is not None:
            yield element

    def language(self, element: Any) -> str | None:
        for candidate in (element, *self.ancestors(element)):
            if (lang := candidate.get("lang")) is not None:
                return lang
        return None

    def kids(self, element: Any) -> list[Any]:
        return [
            kid
            for entry in element.get("K", [])
            if isinstance(entry, bytes) and (kid := self.get(entry)).get("Type") == "/StructElem"
        ]


def repair_structure(document: Any, pdf: Any, name: str = "the PDF") -> None:
    """Rewrite the structure tree of a tagged PDF laid out from the print HTML; `name`
    is the PDF's, for the warning given when its layout is one this code does not know
    (its tags then stay as WeasyPrint wrote them)."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    # A book joined from several layouts (pdf_book.py) has pages of several HTML trees.
    trees = getattr(document, "html_trees", None) or [document._html.etree_element]
    parents = {id(kid): parent for html in trees for parent in html.iter() for kid in parent}
    tree = _Tree(pdf.objects, parents=parents, pdf=pdf)
    root = tree.get(pdf.catalog["StructTreeRoot"])
    top = tree.get(root["K"][0])
    try:
        _walk_pages(tree, document, top)
    except StructureMismatch as mismatch:
        log.warning(
            "%s: the structure tree is left as WeasyPrint wrote it (not repaired): %s",
            name,
            mismatch,
        )
        return
    _retag_notes(tree)
    _drop_repeated_row_groups(tree)
    _merge_continuations(tree)
    _flatten_anonymous_boxes(tree)
    _drop_hidden_text(tree)
    _retag_contents(tree)
    _merge_nested_links(tree)
    _pair_terms_and_values(tree)
    _set_languages(tree)
    _mark_artifacts(tree, pdf, root)


# The walk mirrors weasyprint.pdf.tags._build_box_tree (WeasyPrint 70.0), element by element.


def _walk_pages(tree: _Tree, document: Any, top: Any) -> None:
    for number, page in enumerate(document.pages):
        page_reference = tree.pdf.page_references[number]
        elements = iter([kid for kid in tree.kids(top) if kid.get("Pg") == page_reference])
        try:
            _walk(tree, page._page_box, elements, "/Document")
        except StructureMismatch as mismatch:
            raise StructureMismatch(f"page {number + 1}: {mismatch}") from None


def _walk(tree: _Tree, box: Any, elements: Iterator[Any], parent_tag: str) -> None:
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    tag = None if box.element is None else box.element_tag
    if tag in ("html", "body") or isinstance(box, boxes.PageBox):
        for child in box.children:
            _walk(tree, child, elements, parent_tag)
        return
    if isinstance(box, boxes.MarginBox):
        return
    element = _element_of(tree, box, tag, next(elements, None), parent_tag)
    tree.pairs.append((box, element))
    _walk_children(tree, box, element, elements)


def _element_of(tree: _Tree, box: Any, tag: str | None, element: Any, parent_tag: str) -> Any:
    """The element WeasyPrint made for a box, from the next one in its parent."""
    if element is None:
        raise StructureMismatch(f"a {tag or 'anonymous'} box has no element")
    if not _wrapped_in_list_item(box, tag, parent_tag):
        return element
    # WeasyPrint wraps a dt, dd or bullet-less li in an LI holding its LBody.
    kids = tree.kids(element)
    if len(kids) != 1:
        raise StructureMismatch(f"the {element['S']} around a {tag} holds {len(kids)} elements")
    tree.wrappers[kids[0].number] = element
    return kids[0]


def _wrapped_in_list_item(box: Any, tag: str | None, parent_tag: str) -> bool:
    if tag not in ("li", "dt", "dd") or parent_tag in ("/LI", "/LBody"):
        return False
    return tag != "li" or (
        "list-item" not in box.style["display"] or box.style["list_style_type"] == "none"
    )


def _walk_children(tree: _Tree, box: Any, element: Any, parent_elements: Iterator[Any]) -> None:
    from weasyprint.formatting_structure import boxes

    own = iter(tree.kids(element))
    tag = element["S"]
    for child in _tagged_children(box):
        for grandchild in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(grandchild, boxes.TextBox):
                if tag != "/Link":
                    tree.leaves.append((grandchild, _next_leaf(own, tag)))
            elif grandchild.element_tag in ("ul", "ol") and tag == "/LI":
                # A list nested in a list item is tagged beside the item, in its parent.
                _walk(tree, grandchild, parent_elements, "/L")
            else:
                _walk(tree, grandchild, own, tag)
    if next(own, None) is not None:
        raise StructureMismatch(f"{tag} has more elements than boxes")


def _tagged_children(box: Any) -> list[Any]:
    """The boxes WeasyPrint tags as a box's children. A table's wrapper box is its Table,
    which holds the wrapper's other children (the caption) and the table's own (the row
    groups) in their place."""
    children = list(getattr(box, "children", ()))
    if box.element is None or box.element_tag != "table" or not box.is_table_wrapper:
        return children
    table = box.get_wrapped_table()
    if table is None:
        return children
    return [kid for child in children for kid in (child.children if child is table else [child])]


def _next_leaf(own: Iterator[Any], tag: str) -> Any:
    leaf = next(own, None)
    if leaf is None:
        raise StructureMismatch(f"{tag} has more text boxes than elements")
    return leaf


# The repairs.


def _page_of(element: Any) -> Any:
    return element.get("Pg")


def _detach(tree: _Tree, element: Any) -> None:
    parent = tree.get(element["P"])
    parent["K"].remove(element.reference)


def _adopt(tree: _Tree, parent: Any, entries: list[Any]) -> None:
    for entry in entries:
        if isinstance(entry, bytes) and (kid := tree.get(entry)).get("Type") == "/StructElem":
            kid["P"] = parent.reference
    parent["K"].extend(entries)


def _drop_repeated_row_groups(tree: _Tree) -> None:
    """A table crossing pages has its head (thead) drawn again at the top of each page, and
    its foot (tfoot) at the bottom: the head is read once, first, the foot once, last; the
    repeats leave the tree (they become artifacts), and the cells that named the repeated
    header cells name the ones kept."""
    groups: dict[int, list[Any]] = {}
    for box, element in tree.pairs:
        if box.element is not None and box.element_tag in ("thead", "tfoot"):
            groups.setdefault(id(box.element), []).append(element)
    repeats = set()
    for pieces in groups.values():
        kept = pieces[0] if pieces[0]["S"] == "/THead" else pieces[-1]
        for piece in pieces:
            if piece is not kept:
                _detach(tree, piece)
                repeats.add(piece.number)
    if repeats:
        _name_kept_headers(tree, repeats)


def _name_kept_headers(tree: _Tree, repeats: set[int]) -> None:
    """Point the cells' Headers at the header cells kept, not at their repeats."""
    kept: dict[int, Any] = {}
    repeated: list[tuple[int, str]] = []
    for box, element in tree.pairs:
        if box.element_tag != "th" or "ID" not in element:
            continue
        if tree.get(tree.get(element["P"])["P"]).number in repeats:
            repeated.append((id(box.element), element["ID"].string))
        else:
            kept.setdefault(id(box.element), element["ID"])
    _rename_headers(tree, {name: kept[cell] for cell, name in repeated if cell in kept})


def _rename_headers(tree: _Tree, renamed: dict[str, Any]) -> None:
    for box, element in tree.pairs:
        headers = element.get("A", {}).get("Headers") if box.element_tag == "td" else None
        if headers:
            headers[:] = [renamed.get(header.string, header) for header in headers]


def _merge_continuations(tree: _Tree) -> None:
    """One element for an HTML element split over pages: the pieces after the first page
    join the first piece, which holds their content in reading order. A dt, dd or
    bullet-less li is one LI around its LBody on each page: the later LI goes, its LBody's
    content joins the first LBody."""
    first: dict[tuple[int, int, str], tuple[Any, Any]] = {}
    for box, element in tree.pairs:
        if box.element is None:
            continue
        unit = tree.wrappers.get(element.number, element)
        # A pseudo-element (a footnote's call) has the element's box.element: the tag
        # tells them apart.
        key = (int(unit["P"].split()[0]), id(box.element), box.element_tag)
        earlier_unit, earlier = first.get(key, (None, None))
        if element.number in tree.wrappers and _empty_repeat(earlier, element):
            # A piece holding nothing on a later page (a dt drawn again beside the rest of
            # its dd) is no part of the reading.
            _detach(tree, unit)
            continue
        if earlier is None or earlier is element or not _continues(tree, earlier_unit, unit):
            first[key] = (unit, element)
            continue
        if any(isinstance(entry, int) for entry in element["K"]):
            # Marked content held directly (a link, a figure) names its page through the
            # element: such a piece stays apart rather than point at the wrong page.
            continue
        _detach(tree, unit)
        _adopt(tree, earlier, list(element["K"]))
        element["K"] = type(element["K"])()
        unit["K"] = type(unit["K"])()


def _empty_repeat(earlier: Any, element: Any) -> bool:
    return (
        earlier is not None
        and earlier is not element
        and not element["K"]
        and _page_of(earlier) != _page_of(element)
    )


def _continues(tree: _Tree, earlier: Any, unit: Any) -> bool:
    """Whether `unit` comes right after `earlier` in their parent, on a later page."""
    siblings = tree.kids(tree.get(unit["P"]))
    position = next(index for index, kid in enumerate(siblings) if kid is unit)
    follows = position > 0 and siblings[position - 1] is earlier
    return follows and _page_of(earlier) != _page_of(unit)


def _flatten_anonymous_boxes(tree: _Tree) -> None:
    """An anonymous block WeasyPrint puts inside an element carries that element's tag: a
    section in a section of its own. Its content goes to the element itself."""
    boxes_of = {element.number: box for box, element in tree.pairs}
    for box, element in tree.pairs:
        parent = tree.get(element["P"])
        parent_box = boxes_of.get(parent.number)
        if _anonymous_child(box, parent_box) and element.reference in parent["K"]:
            _splice(tree, parent, element)


def _anonymous_child(box: Any, parent_box: Any) -> bool:
    return (
        parent_box is not None
        and box.element is not None
        and parent_box.element is box.element
        and box.element_tag == parent_box.element_tag
    )


def _splice(tree: _Tree, parent: Any, element: Any) -> None:
    """Put the element's children in its place in its parent."""
    position = parent["K"].index(element.reference)
    kids = list(element["K"])
    for entry in kids:
        if isinstance(entry, bytes) and tree.get(entry).get("Type") == "/StructElem":
            tree.get(entry)["P"] = parent.reference
    parent["K"][position : position + 1] = kids
    element["K"] = type(element["K"])()
    tree.replaced[element.reference] = parent.reference


def _drop_hidden_text(tree: _Tree) -> None:
    for box, element in tree.pairs:
        if box.style["font_size"] < HIDDEN_TEXT_SIZE and element.get("P"):
            parent = tree.get(element["P"])
            if element.reference in parent["K"]:
                parent["K"].remove(element.reference)


def _has_class(box: Any, name: str) -> bool:
    return box.element is not None and name in (box.element.get("class") or "").split()


def _retag_notes(tree: _Tree) -> None:
    """Each footnote a Note with an ID, read right after its call (a Reference; its number
    in the note a Lbl): WeasyPrint leaves the note in the footnote area of its page, an
    element between the pieces of the text it belongs to."""
    calls = _retag_calls_and_markers(tree)
    areas = []
    for number, (box, element) in enumerate(tree.pairs, start=1):
        if not (_has_class(box, FOOTNOTE_CLASS) and box.element_tag == box.element.tag):
            continue
        element["S"] = "/Note"
        element["ID"] = _string(box.element.get("id") or f"note-{number}")
        call = calls.get(id(box.element))
        if call is not None:
            areas.append(tree.get(element["P"]))
            _move_after(tree, element, call)
    for area in areas:
        if not tree.kids(area) and area.reference in tree.get(area["P"])["K"]:
            _detach(tree, area)


def _retag_calls_and_markers(tree: _Tree) -> dict[int, Any]:
    """Footnote calls become Reference, footnote numbers Lbl; the calls by footnote."""
    calls = {}
    for box, element in tree.pairs:
        if box.element is None:
            continue
        if box.element_tag.endswith("::footnote-call"):
            element["S"] = "/Reference"
            calls[id(box.element)] = element
        elif box.element_tag.endswith("::footnote-marker"):
            element["S"] = "/Lbl"
    return calls


def _move_after(tree: _Tree, element: Any, sibling: Any) -> None:
    _detach(tree, element)
    parent = tree.get(sibling["P"])
    parent["K"].insert(parent["K"].index(sibling.reference) + 1, element.reference)
    element["P"] = parent.reference


def _retag_contents(tree: _Tree) -> None:
    """The contents as TOC and TOCI: each list a TOC, each item a TOCI holding its link in
    a Reference (a TOCI holds no Link of its own)."""
    contents = {id(box.element) for box, _ in tree.pairs if _has_class(box, CONTENTS_CLASS)}
    for box, element in tree.pairs:
        if box.element is not None and _inside(tree, box.element, contents):
            _retag_contents_element(tree, box, element, id(box.element) in contents)


def _retag_contents_element(tree: _Tree, box: Any, element: Any, is_contents: bool) -> None:
    tag = box.element_tag
    if is_contents:
        # The contents is a part of the book with a heading; its list is the TOC.
        element["S"] = "/Sect"
    elif tag in ("ol", "ul"):
        element["S"] = "/TOC"
    elif tag == "li":
        _make_entry(tree, element)
    elif tag == "a" and tree.get(element["P"])["S"] == "/TOCI":
        _reference(tree, box, element)


def _make_entry(tree: _Tree, element: Any) -> None:
    element["S"] = "/TOCI"
    parent = tree.get(element["P"])
    if parent["S"] == "/LI":
        # The LI WeasyPrint wrapped around the item goes: the TOCI takes its place.
        grandparent = tree.get(parent["P"])
        if parent.reference not in grandparent["K"]:
            # A later piece of an entry crossing a page, joined to the first one.
            return
        position = grandparent["K"].index(parent.reference)
        grandparent["K"][position] = element.reference
        element["P"] = grandparent.reference


def _reference(tree: _Tree, box: Any, element: Any) -> None:
    """An entry's link in a Reference; a link broken over two lines is two Links of one
    Reference."""
    kids = tree.kids(tree.get(element["P"]))
    position = next(index for index, kid in enumerate(kids) if kid is element)
    previous = kids[position - 1] if position else None
    if previous is not None and tree.references.get(previous.number) is box.element:
        _detach(tree, element)
        _adopt(tree, previous, [element.reference])
        return
    tree.references[_wrap(tree, element, "/Reference").number] = box.element


def _wrap(tree: _Tree, element: Any, tag: str) -> Any:
    """Put a new element of type `tag` in the element's place, holding it."""
    import pydyf

    parent = tree.get(element["P"])
    wrapper = pydyf.Dictionary(
        {
            "Type": "/StructElem",
            "S": tag,
            "K": pydyf.Array([element.reference]),
            "Pg": element["Pg"],
            "P": parent.reference,
        }
    )
    tree.pdf.add_object(wrapper)
    parent["K"][parent["K"].index(element.reference)] = wrapper.reference
    element["P"] = wrapper.reference
    return wrapper


def _merge_nested_links(tree: _Tree) -> None:
    """A link's generated text (a::after: the leader and page number of a contents or index
    entry) is tagged as a link inside the link: its content and annotation join the outer."""
    for _, element in tree.pairs:
        if element["S"] != "/Link" or (outer := tree.get(element["P"]))["S"] != "/Link":
            continue
        if _page_of(outer) == _page_of(element) and element.reference in outer["K"]:
            tree.replaced[element.reference] = outer.reference
            outer["K"].remove(element.reference)
            _adopt(tree, outer, list(element["K"]))
            element["K"] = type(element["K"])()


def _inside(tree: _Tree, element: Any, ids: set[int]) -> bool:
    return any(id(ancestor) in ids for ancestor in (element, *tree.ancestors(element)))


def _pair_terms_and_values(tree: _Tree) -> None:
    """A term and its value in one list item: the dt as its label (Lbl), the dd as its body."""
    previous_term: Any = None
    for box, element in tree.pairs:
        tag = box.element_tag
        wrapper = tree.get(element["P"]) if element.get("P") else None
        if wrapper is None or wrapper["S"] != "/LI" or tag not in ("dt", "dd"):
            continue
        if wrapper.reference not in tree.get(wrapper["P"])["K"]:
            # The LI of a piece joined to an earlier one, out of the tree.
            continue
        if tag == "dt":
            element["S"] = "/Lbl"
            previous_term = wrapper
        elif previous_term is not None and tree.get(wrapper["P"]) is tree.get(previous_term["P"]):
            _detach(tree, wrapper)
            wrapper["K"] = type(wrapper["K"])()
            _adopt(tree, previous_term, [element.reference])
            previous_term = None


def _set_languages(tree: _Tree) -> None:
    """Lang on each element whose language differs from its parent's (the document's is
    the catalogue's /Lang)."""
    for box, element in (*tree.pairs, *tree.leaves):
        if box.element is None or box.element.get("lang") is None:
            continue
        parent = tree.parents.get(id(box.element))
        inherited = None if parent is None else tree.language(parent)
        if box.element.get("lang") != inherited:
            element["Lang"] = _string(box.element.get("lang"))


def _string(text: str) -> Any:
    import pydyf

    return pydyf.String(text)


def _reachable(tree: _Tree, root: Any) -> set[int]:
    seen: set[int] = set()
    pending = [root]
    while pending:
        element = pending.pop()
        for kid in tree.kids(element):
            if kid.number not in seen:
                seen.add(kid.number)
                pending.append(kid)
    return seen


def _mark_artifacts(tree: _Tree, pdf: Any, root: Any) -> None:
    """Marked content whose element is not in the tree (running heads, folios, hidden
    text) becomes an Artifact, and leaves the parent tree."""
    reachable = _reachable(tree, root)
    nums = tree.get(root["ParentTree"])["Nums"]
    _follow_replacements(nums, tree.replaced)
    for page_number in range(len(pdf.page_references)):
        mapping = nums[2 * page_number + 1]
        orphans = {
            mcid
            for mcid, reference in enumerate(mapping)
            if reference != b"null" and tree.get(reference).number not in reachable
        }
        for mcid in orphans:
            mapping[mcid] = b"null"
        if orphans:
            page = tree.get(pdf.page_references[page_number])
            _artifact_content(tree.get(page["Contents"]).stream, orphans)


def _follow_replacements(nums: list[Any], replaced: dict[bytes, bytes]) -> None:
    """The parent tree names the element that took in a merged one."""
    for index, entry in enumerate(nums):
        if isinstance(entry, bytes) and entry in replaced:
            nums[index] = replaced[entry]
        elif isinstance(entry, list):
            entry[:] = [replaced.get(item, item) for item in entry]


def _artifact_content(stream: list[Any], mcids: set[int]) -> None:
    index = 0
    while index < len(stream):
        item = stream[index]
        if (
            isinstance(item, dict)
            and item.get("MCID") in mcids
            and index + 1 < len(stream)
            and stream[index + 1] == b"BDC"
        ):
            stream[index - 1] = "/Artifact"
            stream[index + 1] = b"BMC"
            del stream[index]
            continue
        index += 1
