"""Write a story's report: a notebook that runs the book's comparisons (``analysis``), executed with nbclient, and
a standalone HTML page exported with nbconvert (figures embedded, no script or style loaded from anywhere).

The notebook runs in the story folder, reads the story from ``.`` and finds ``newsreader`` through PYTHONPATH, so no
path of this machine is written into it.
"""
import os
import re
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from traitlets.config import Config

from ..files import Written
from .contract import REPORT_FOLDER, WRITTEN
from .folder import load_story

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds newsreader/
NOTEBOOK, PAGE = "report.ipynb", "report.html"

SECTIONS = [
    ("md", "# Report on a story\n\nThe book's comparisons, run on this folder's articles and coding tables by "
           "`python3 tasks.py report`. Each section says whether it rests on rows that are still only *proposed*: "
           "a proposal is a machine's guess until you have checked it against the article and the codebook."),
    ("code", "from pathlib import Path\n\nfrom IPython.display import Markdown\n\n"
             "from newsreader.story import analysis\nfrom newsreader.story.folder import load_story\n\n"
             "analysis.setup()\nstory = load_story(Path(\".\"))"),
    ("code", "Markdown(analysis.warnings(story))"),
    ("md", "## What has been verified\n\nHow many rows of each coding table are still proposed, and how many you "
           "checked (right as proposed), corrected, rejected (not a fact of that kind) or added (missed by the "
           "proposer). The corrected and rejected rows measure how often the proposer was wrong."),
    ("code", "analysis.status_counts(story)"),
    ("md", "## The articles\n\nWho published each article, when, and how long it is."),
    ("code", "analysis.measures(story)"),
    ("md", "## The numbers\n\nEvery number but the dates (claims.csv holds them too), grouped by what it measures, "
           "with the interval its hedge implies (data/codebooks/claims.md). Check what each figure counts before "
           "comparing two of them."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"claims\"))"),
    ("code", "analysis.short(analysis.numbers_side_by_side(story), name=\"numbers\")"),
    ("md", "Figures of the same quantity, unit and **scope** (what exactly each covers: the `scope` column of "
           "claims.csv) that cannot both be true, in the same article or in two: their intervals do not overlap. "
           "Only figures with a scope are compared; the toolkit proposes one only where the text states it plainly "
           "(\"58 people dead\"). Write the same words in `scope` for figures that cover the same thing."),
    ("code", "analysis.short(analysis.number_disagreements(story), name=\"cannot_both_be_true\")"),
    ("md", "Figures that share a quantity and a unit but have no scope yet, so they are not compared: check what each "
           "covers before you compare two of them."),
    ("code", "analysis.short(analysis.unscoped_figures(story), name=\"figures_without_scope\")"),
    ("code", "analysis.plot_number_intervals(story)"),
    ("md", "## Who speaks\n\nAttributions per article: named speakers, anonymous sources, phrases with no speaker "
           "(\"is believed\"), and the kinds of attribution (data/codebooks/sources.md)."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"sources\"))"),
    ("code", "analysis.short(analysis.who_speaks(story), name=\"who_speaks\")"),
    ("md", "Who is given words, most often first. The table counts rows by `speaker_id` (a person's last name, an "
           "institution's whole name): when you correct a speaker in `speaker_as_written`, correct `speaker_id` too, "
           "or the row is counted under the machine's guess."),
    ("code", "analysis.short(analysis.speakers(story), name=\"speakers\")"),
    ("md", "## Labels\n\nThe words each article uses for the people and places of the story. The toolkit looks for the "
           "terms of `label_terms.csv` in the story folder, or, without that file, for the book's terms (about CECOT). "
           "**To add a term**, add a row to `label_terms.csv` (columns `term, refers_to`; for example "
           "`evacuees, people`), run `propose` again and merge the new rows of `labels.proposed.csv` into "
           "`labels.csv`."),
    ("code", "Markdown(analysis.label_terms_used(story))"),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"labels\"))"),
    ("code", "analysis.short(analysis.labels_by_article(story), name=\"labels\")"),
    ("md", "## Frames\n\nThe frame of each sentence (data/codebooks/frames.md): the share of each article's "
           "sentences in each frame, its leading frame and the frame of its lede. A proposed frame comes from the "
           "book's keyword dictionary, whose words were chosen for the CECOT story: until you code the frames of your "
           "story yourself, an article's \"leading frame\" counts CECOT keywords, not what the article is about."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"frames\"))"),
    ("code", "analysis.short(analysis.frame_shares(story), name=\"frame_shares\")"),
    ("code", "analysis.plot_frame_shares(story)"),
    ("md", "## Coverage\n\nWhich frames (and, if you wrote a topics.csv, which topics) each article covers at all. "
           "What an article leaves out is part of how it frames the story."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"frames\"))"),
    ("code", "analysis.coverage(story)"),
    ("md", "## Text reuse\n\nHow much of one article's five-word sequences another contains "
           "(`newsreader.methods.reuse`), and the longest passages the most similar pairs share. This section uses "
           "only the texts, so it rests on no proposal."),
    ("code", "pairs = analysis.reuse_pairs(story)\nanalysis.short(pairs, name=\"text_reuse\")"),
    ("code", "analysis.short(analysis.shared_passages_of_top_pairs(story, pairs), name=\"shared_passages\")"),
]


def report_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
                      for kind, text in SECTIONS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def execute(notebook, folder: Path, timeout: int = 120) -> None:
    """Run ``notebook`` in ``folder`` with newsreader importable (PYTHONPATH), without writing any path into it. The
    kernel talks over local sockets in a temporary folder (IPC), not over TCP, so nothing is sent in plain text on the
    network and the kernel has no warning to print."""
    path = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory() as sockets:
        ipc = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        client = NotebookClient(notebook, config=ipc, kernel_name="python3", timeout=timeout, coalesce_streams=True,
                                resources={"metadata": {"path": str(folder)}})
        client.execute(env={**os.environ, "PYTHONPATH": path, "MPLBACKEND": "agg"})


def standalone_html(notebook) -> str:
    """The executed notebook as one HTML page without code cells; any <script> the template adds is removed, so the
    page makes no request and runs no code."""
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    page, _ = exporter.from_notebook_node(notebook)
    return re.sub(r"<script\b.*?</script>", "", page, flags=re.DOTALL)


def report(folder) -> list[str]:
    """Validate the story in ``folder`` (StoryError lists every problem; nothing is written then) and write
    ``report/report.ipynb`` (executed) and ``report/report.html``, by the project's rule for writing files
    (``newsreader.files``): a report someone changed is kept, and the new one goes beside it (``report-2.html``).
    Returns one line per file written."""
    folder = Path(folder)
    load_story(folder)
    notebook = report_notebook()
    execute(notebook, folder)
    written = Written(folder, f"{REPORT_FOLDER}/{WRITTEN}")
    names = {NOTEBOOK: nbformat.writes(notebook), PAGE: standalone_html(notebook)}
    paths = {name: written.write(f"{REPORT_FOLDER}/{name}", content) for name, content in names.items()}
    written.save()
    kept = [name for name, path in paths.items() if path.name != name]
    tables = sorted(name for name in written.files if name.endswith(".csv"))  # the tables the report shows cut
    return ([f"{REPORT_FOLDER}/{paths[NOTEBOOK].name}: the report notebook, executed",
             f"{REPORT_FOLDER}/{paths[PAGE].name}: the same report as one web page (open it in any browser; it needs "
             "no connection)"]
            + [f"{name}: the whole of a table the report shows cut" for name in tables]
            + [f"{REPORT_FOLDER}/{name}: changed since the toolkit wrote it, so kept as it is" for name in kept])
