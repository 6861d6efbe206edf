"""The student edition's markdown, for JupyterLab (tools/edition_markdown.py): every cross-reference of the book becomes
a link that resolves in the edition or in the online book, and the chapters number their exercises as the book does.
(tests/browser/test_jupyterlab.py opens the edition in JupyterLab.)"""
import ast
import posixpath
import re

import nbformat
import pytest

import edition_markdown
import student_edition

LINK = re.compile(r"\]\(([^)\s#]+)\.ipynb(?:#cell-id=([^)\s]+))?\)")
ROLES_JUPYTERLAB_CANNOT_FOLLOW = re.compile(r"\{(?:term|cite:p|ref|doc)\}`[^`]+`")


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    """The notebooks of a freshly written edition, by name."""
    folder = tmp_path_factory.mktemp("edition")
    student_edition.write_edition(folder)
    book = folder / "book"
    return {path.relative_to(book).with_suffix("").as_posix(): nbformat.read(path, as_version=4)
            for path in sorted(book.rglob("*.ipynb")) if "newsreader" not in path.parts}


def markdown(notebook) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def test_every_link_into_the_edition_resolves(edition):
    """Each link to a notebook (relative to the linking notebook's folder) finds it, and the cell it names in it."""
    cells = {name: {cell.id for cell in notebook.cells} for name, notebook in edition.items()}
    links = [(name, posixpath.normpath(posixpath.join(posixpath.dirname(name), target)), cell)
             for name, notebook in edition.items() for text in markdown(notebook) for target, cell in LINK.findall(text)]
    assert links and [link for link in links if link[1] not in cells or link[2] and link[2] not in cells[link[1]]] == []


def test_no_cross_reference_is_left_for_jupyterlab_to_miss(edition):
    left = {name: found for name, notebook in edition.items()
            if (found := [role for text in markdown(notebook) for role in ROLES_JUPYTERLAB_CANNOT_FOLLOW.findall(text)])}
    assert left == {}


def test_glued_values_are_written_as_their_text(edition):
    """The edition has no outputs, so no glued value: each glue role is written as the value the book shows, taken
    from the book's executed notebook (not as names such as `n_claims`, which tell a reader nothing); a value
    that is an exercise's answer, or states one in words, stays a name in code, which the notebook's first cell
    explains."""
    keys = student_edition.book_keys(student_edition.ROOT / "data", student_edition.data_stamp(student_edition.ROOT / "data"))
    stating = edition_markdown.answer_stating_values()
    for chapter in student_edition.chapters():
        values = edition_markdown.glued_values(chapter)
        glued = set(re.findall(r"\{glue:text\}`([^`:]+)`", "".join(markdown(nbformat.read(chapter, as_version=4)))))
        answers = {name for name in glued if name in stating or edition_markdown.answers_an_exercise(values[name], keys)}
        text = "".join(markdown(edition[chapter.stem]))
        assert "{glue" not in text
        assert all(str(ast.literal_eval(values[name])) in text for name in glued - answers)
        assert all(f"`{name}`" in text for name in answers)
        assert ("stands for a value that an exercise asks you to find" in edition[chapter.stem].cells[0].source) == bool(answers)


def test_a_glued_value_is_its_text_as_the_book_formats_it(tmp_path):
    """A small executed notebook that glues a string and a number: the roles become the text MyST-NB would paste,
    and a withheld value its name in code."""
    glue = [nbformat.v4.new_output("display_data", data={"application/papermill.record/text/plain": text},
                                   metadata={"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}})
            for name, text in [("outlets", "'AP, CNN'"), ("share", "0.4567")]]
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("glue(...)", outputs=glue)]),
                   tmp_path / "small.ipynb")
    values = edition_markdown.glued_values(tmp_path / "small.ipynb")
    written = edition_markdown.with_glued_values(
        "Only {glue:text}`outlets` agree, {glue:text}`share:.1%` of claims.", values, "small")
    assert written == "Only AP, CNN agree, 45.7% of claims."
    assert edition_markdown.with_glued_values("{glue:text}`share`", values, "small", ["share"]) == "`share`"
    with pytest.raises(ValueError, match="glues no value named 'missing'"):
        edition_markdown.with_glued_values("{glue:text}`missing`", values, "small")


def test_every_term_links_to_its_glossary_cell(edition):
    """In each chapter, the glossary cells that the links go to are the terms that the book's {term} roles name."""
    headings = {cell.id: cell.source.splitlines()[0].removeprefix("### ") for cell in edition["reference/glossary"].cells}
    for chapter in student_edition.chapters():
        book = nbformat.read(chapter, as_version=4)
        named = [target or text for source in markdown(book)
                 for text, target in re.findall(r"\{term\}`([^`<]+?)\s*(?:<([^>]+)>)?`", source)]
        linked = [headings[cell] for source in markdown(edition[chapter.stem])
                  for cell in re.findall(r"\]\(reference/glossary\.ipynb#cell-id=([^)]+)\)", source)]
        assert [term.lower() for term in linked] == [term.lower() for term in named], chapter.name


def test_the_glossary_has_a_cell_for_each_term_of_the_book(edition):
    source = (student_edition.ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    terms = re.findall(r"^(\S[^\n]*)\n  ", source.split("```{glossary}", 1)[1], re.M)
    assert [cell.source.splitlines()[0] for cell in edition["reference/glossary"].cells[1:]] == [
        f"### {term}" for term in terms]


def test_the_references_have_a_cell_for_each_work_of_the_bibliography(edition):
    keys = re.findall(r"^@\w+\{([^,]+),", (student_edition.ROOT / "book" / "references.bib").read_text(encoding="utf-8"),
                      re.M)
    assert sorted(cell.id for cell in edition["reference/references"].cells[1:]) == sorted(keys)


def test_each_chapter_numbers_its_exercises_as_the_book(edition):
    """Chapter N (its file name) numbers its exercises N.1, N.2 ...; chapter 0 and the pages, 1, 2, ..."""
    numbering = {name: re.match(r'---\nnumbering:\n  enumerator: "(\d+)\.%s"\n---\n', notebook.cells[0].source)
                 for name, notebook in edition.items()}
    assert {name: int(found.group(1)) for name, found in numbering.items() if found} == {
        name: int(name[:2]) for name in edition if name[:2].isdigit() and int(name[:2]) > 0}


@pytest.fixture
def links() -> edition_markdown.Links:
    """The links of a small book: a glossary term, a work, a section label, and pages in and out of the edition."""
    return edition_markdown.Links(
        terms={"boolean mask": "term-boolean-mask"}, citations={"cohen1960coefficient": "Cohen, 1960"},
        labels={"basics-filtering": edition_markdown.Target("Filtering", "00-python-basics.ipynb#cell-id=a1")},
        titles={"01-meet-the-articles": "Meet the articles", "instructors/lesson-plans": "Lesson plans",
                "glossary": "Glossary"},
        notebooks={"00-python-basics", "01-meet-the-articles", "reference/glossary"}, site="https://example.org/cecot/")


@pytest.mark.parametrize("role, link", [
    ("{term}`boolean masks <boolean mask>`", "[boolean masks](reference/glossary.ipynb#cell-id=term-boolean-mask)"),
    ("{term}`Boolean mask`", "[Boolean mask](reference/glossary.ipynb#cell-id=term-boolean-mask)"),
    ("{cite:p}`cohen1960coefficient`", r"\[[Cohen, 1960](reference/references.ipynb#cell-id=cohen1960coefficient)\]"),
    ("{ref}`basics-filtering`", "[Filtering](00-python-basics.ipynb#cell-id=a1)"),
    ("{ref}`a mask <basics-filtering>`", "[a mask](00-python-basics.ipynb#cell-id=a1)"),
    ("{doc}`01-meet-the-articles`", "[Meet the articles](01-meet-the-articles.ipynb)"),
    ("{doc}`glossary`", "[Glossary](reference/glossary.ipynb)"),
    ("{doc}`instructors/lesson-plans`", "[Lesson plans](https://example.org/cecot/book/instructors/lesson-plans.html)"),
    ("{term}`no such term`", "{term}`no such term`"),  # left as it is: the book's strict build refuses it first
    ("{glue:text}`n_claims`", "{glue:text}`n_claims`"),  # not a cross-reference
])
def test_a_role_becomes_a_link(links, role, link):
    assert links.rewrite(f"See {role}.") == f"See {link}."


def test_a_link_from_the_reference_folder_climbs_out_of_it(links):
    assert links.rewrite("{ref}`basics-filtering` and {term}`boolean mask`", "reference") == (
        "[Filtering](../00-python-basics.ipynb#cell-id=a1) and [boolean mask](glossary.ipynb#cell-id=term-boolean-mask)")


def test_a_page_outside_the_edition_is_named_when_the_book_has_no_address(links):
    links.site = ""
    assert links.rewrite("{doc}`instructors/lesson-plans`") == "Lesson plans"


def test_every_notebook_names_its_kernel_as_jupyterlab_will(edition):
    """Each notebook's kernelspec is ipykernel's (JupyterLab writes it as the kernel starts: a different one made
    every notebook open as modified), and it has the book's language_info."""
    from ipykernel.kernelspec import get_kernel_dict

    assert {notebook.metadata.kernelspec.display_name for notebook in edition.values()} == {get_kernel_dict()["display_name"]}
    assert all("language_info" in notebook.metadata for notebook in edition.values())
