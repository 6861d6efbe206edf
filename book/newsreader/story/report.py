"""Write a story's report: a notebook that runs the book's comparisons (``analysis``), executed with nbclient, and
a standalone HTML page exported with nbconvert (figures embedded, no script or style loaded from anywhere).

The notebook reads the story from its parent folder (``..``) and finds ``newsreader`` through PYTHONPATH, so no
path of this machine is written into it.
"""
import hashlib
import json
import os
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from .folder import load_story

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds newsreader/
REPORT_FOLDER, NOTEBOOK, PAGE = "report", "report.ipynb", "report.html"
WRITTEN = ".written.json"  # what the toolkit wrote in report/, so that it never replaces a file someone changed

SECTIONS = [
    ("md", "# Report on a story\n\nThe book's comparisons, run on this folder's articles and coding tables by "
           "`python3 tasks.py report`. Each section says whether it rests on rows that are still only *proposed*: "
           "a proposal is a machine's guess until you have checked it against the article and the codebook."),
    ("code", "from pathlib import Path\n\nfrom IPython.display import Markdown\n\n"
             "from newsreader.story import analysis\nfrom newsreader.story.folder import load_story\n\n"
             "analysis.setup()\nstory = load_story(Path(\"..\"))"),
    ("md", "## What has been verified\n\nHow many rows of each coding table are still proposed, and how many you "
           "checked (right as proposed), corrected, rejected (not a fact of that kind) or added (missed by the "
           "proposer). The corrected and rejected rows measure how often the proposer was wrong."),
    ("code", "analysis.status_counts(story)"),
    ("md", "## The articles\n\nWho published each article, when, and how long it is."),
    ("code", "analysis.measures(story)"),
    ("md", "## The numbers\n\nEvery number, grouped by what it measures, with the interval its hedge implies "
           "(data/codebooks/claims.md). Check what each figure counts before comparing two of them."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"claims\"))"),
    ("code", "analysis.short(analysis.numbers_side_by_side(story))"),
    ("md", "Figures that measure the same quantity in the same unit but cannot both be true (their intervals do not "
           "overlap):"),
    ("code", "analysis.short(analysis.number_disagreements(story))"),
    ("code", "analysis.plot_number_intervals(story)"),
    ("md", "## Who speaks\n\nAttributions per article: named speakers, anonymous sources, phrases with no speaker "
           "(\"is believed\"), and the kinds of attribution (data/codebooks/sources.md)."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"sources\"))"),
    ("code", "analysis.short(analysis.who_speaks(story))"),
    ("code", "analysis.short(analysis.speakers(story))"),
    ("md", "## Labels\n\nThe words each article uses for the people and places of the story."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"labels\"))"),
    ("code", "analysis.short(analysis.labels_by_article(story))"),
    ("md", "## Frames\n\nThe frame of each sentence (data/codebooks/frames.md): the share of each article's "
           "sentences in each frame, its leading frame and the frame of its lede."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"frames\"))"),
    ("code", "analysis.short(analysis.frame_shares(story))"),
    ("code", "analysis.plot_frame_shares(story)"),
    ("md", "## Coverage\n\nWhich frames (and, if you wrote a topics.csv, which topics) each article covers at all. "
           "What an article leaves out is part of how it frames the story."),
    ("code", "Markdown(analysis.rests_on_proposals(story, \"frames\"))"),
    ("code", "analysis.short(analysis.coverage(story))"),
    ("md", "## Text reuse\n\nHow much of one article's five-word sequences another contains "
           "(`newsreader.methods.reuse`), and the longest passages the most similar pairs share. This section uses "
           "only the texts, so it rests on no proposal."),
    ("code", "pairs = analysis.reuse_pairs(story)\nanalysis.short(pairs)"),
    ("code", "analysis.short(analysis.shared_passages_of_top_pairs(story, pairs))"),
]


def report_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
                      for kind, text in SECTIONS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def execute(notebook, folder: Path, timeout: int = 120) -> None:
    """Run ``notebook`` in ``folder`` with newsreader importable (PYTHONPATH), without writing any path into it."""
    path = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")]))
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", coalesce_streams=True,
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
    ``report/report.ipynb`` (executed) and ``report/report.html``. Returns one line per file written."""
    folder = Path(folder)
    load_story(folder)
    output = folder / REPORT_FOLDER
    output.mkdir(exist_ok=True)
    notebook = report_notebook()
    execute(notebook, output)
    written = read_written(output)
    notebook_path = free_path(output, NOTEBOOK, written)
    nbformat.write(notebook, notebook_path)
    page_path = free_path(output, PAGE, written)
    page_path.write_text(standalone_html(notebook), encoding="utf-8")
    written.update({path.name: sha256(path) for path in (notebook_path, page_path)})
    (output / WRITTEN).write_text(json.dumps(written, indent=1), encoding="utf-8")
    kept = [name for name in (NOTEBOOK, PAGE) if (output / name).exists() and name not in (notebook_path.name, page_path.name)]
    return ([f"{REPORT_FOLDER}/{notebook_path.name}: the report notebook, executed",
             f"{REPORT_FOLDER}/{page_path.name}: the same report as one web page (open it in any browser; it needs no connection)"]
            + [f"{REPORT_FOLDER}/{name}: changed since the toolkit wrote it, so kept as it is" for name in kept])


def read_written(output: Path) -> dict:
    """The report files this toolkit wrote, with their fingerprints (none if the record is missing or damaged)."""
    try:
        return json.loads((output / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def free_path(output: Path, name: str, written: dict) -> Path:
    """``name`` if the file is new or is the toolkit's own and unchanged; else ``name`` with the first free -2, -3 ..."""
    path, stem, suffix, n = output / name, Path(name).stem, Path(name).suffix, 2
    while path.exists() and written.get(path.name) != sha256(path):
        path, n = output / f"{stem}-{n}{suffix}", n + 1
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
