"""Every launch button opens the student edition, never the book's answered notebooks: the deploy workflow publishes
the edition on the branch that _config.yml names, and each launch address of the built site (Binder; a JupyterHub
through nbgitpuller, when an instructor sets jupyterhub_url) opens a notebook of that branch that holds no answer."""
import os
import re
import subprocess
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from jupyter_book.config import yaml_to_sphinx
from sphinx_book_theme.header_buttons import update_context_with_repository_info
from sphinx_book_theme.header_buttons.launch import add_launch_buttons

from conftest import ROOT
from test_site import CHAPTERS, solutions_in

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BRANCH, REPOSITORY = CONFIG["repository"]["branch"], CONFIG["repository"]["url"]
WORKFLOW = ROOT / ".github" / "workflows" / "deploy-book.yml"
pytestmark = pytest.mark.xdist_group("launch")  # one publication of the edition


def publish(remote) -> None:
    """Run the deploy workflow's publishing step as it is written, in the project folder after the book's build, its
    fetches and pushes sent to the local repository ``remote`` by git's url.insteadOf."""
    step = next(step for step in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["deploy-book"]["steps"]
                if "git push" in step.get("run", ""))
    owner_and_name = urlparse(REPOSITORY).path.strip("/")
    environment = {**os.environ, "TOKEN": "token", "REPOSITORY": owner_and_name, "GITHUB_SHA": "0" * 40,
                   "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{remote}.insteadOf",
                   "GIT_CONFIG_VALUE_0": f"https://x-access-token:token@github.com/{owner_and_name}.git"}
    subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env=environment, check=True, capture_output=True)


def git(folder, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", folder, "-c", "user.name=student", "-c", "user.email=student@example.org",
                           *arguments], capture_output=True, text=True)


@pytest.fixture(scope="module")
def published(site, tmp_path_factory):
    """What the deploy workflow's publishing step pushes (to a new repository), as a checkout of the branch."""
    folder = tmp_path_factory.mktemp("launch")
    remote, checkout = folder / "repository.git", folder / "checkout"
    subprocess.run(["git", "init", "--quiet", "--bare", remote], check=True)
    publish(remote)
    subprocess.run(["git", "clone", "--quiet", "--branch", BRANCH, remote, checkout], check=True)
    return checkout


def test_a_redeploy_reaches_a_student_who_pulled_before_as_nbgitpuller_merges(published, tmp_path):
    """An earlier edition is on the branch; a student pulled it and worked in a chapter; the workflow publishes the
    new edition; nbgitpuller's update (fetch, commit the student's work, merge -Xours) then succeeds and brings it."""
    remote, student = tmp_path / "repository.git", tmp_path / "student"
    git(tmp_path, "clone", "--quiet", "--bare", published, remote)
    git(published, "push", "--quiet", remote, f"HEAD:refs/heads/{BRANCH}")
    earlier = tmp_path / "earlier"
    git(tmp_path, "clone", "--quiet", "--branch", BRANCH, remote, earlier)
    (earlier / "README.md").write_text("An earlier edition.\n", encoding="utf-8")
    git(earlier, "commit", "--quiet", "-am", "An earlier edition")
    git(earlier, "push", "--quiet", "origin", BRANCH)
    git(tmp_path, "clone", "--quiet", "--branch", BRANCH, remote, student)
    chapter = next((student / "book").glob("01-*.ipynb"))
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("= ...", "= 'my answer'", 1), encoding="utf-8")
    publish(remote)
    git(student, "fetch", "--quiet")
    git(student, "commit", "--quiet", "-am", "WIP", "--allow-empty")
    merged = git(student, "merge", "-Xours", f"origin/{BRANCH}")
    assert merged.returncode == 0, merged.stderr
    assert (student / "README.md").read_text(encoding="utf-8") == (published / "README.md").read_text(encoding="utf-8")
    assert "= 'my answer'" in chapter.read_text(encoding="utf-8")
    assert git(remote, "rev-list", "--count", BRANCH).stdout.strip() == "3"  # on top of the history, not replacing it


def test_the_launch_branch_is_not_the_book_s_own():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert BRANCH not in workflow[True]["push"]["branches"]  # YAML reads the key "on" as True


def test_the_workflow_publishes_the_edition_with_binder_s_runtime(published):
    chapters = sorted(path.name for path in (published / "book").glob("[0-9][0-9]-*.ipynb"))
    assert chapters == [f"{page.removeprefix('book/').removesuffix('.html')}.ipynb" for page in CHAPTERS]
    assert (published / "runtime.txt").read_text().strip() == "python-3.11"
    assert re.search(r"^jupyterlab_myst==", (published / "requirements.txt").read_text(), re.M)
    assert (published / "data" / "articles.csv").is_file() and not (published / ".edition-manifest.json").exists()


def launch_addresses(site) -> dict[str, list[str]]:
    """Each page's launch addresses, as the built site links them."""
    return {page: [link["href"] for link in BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
                   .select(".dropdown-launch-buttons a[href]")] for page in CHAPTERS}


def opened_notebook(published, path: str) -> nbformat.NotebookNode:
    """The notebook of the published edition at this path (relative to the repository), which must exist."""
    assert (published / path).is_file(), f"{path} is not in the published edition"
    return nbformat.read(published / path, as_version=4)


def test_no_page_launches_a_notebook_the_edition_lacks(site, published):
    """The instructors' pages (and any page whose notebook is not in the edition) have no launch button."""
    for page in site.rglob("*.html"):
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
                ".dropdown-launch-buttons a[href]"):
            path = parse_qs(urlparse(link["href"]).query)["urlpath"][0].removeprefix("lab/tree/")
            assert (published / path).is_file(), (page.relative_to(site), link["href"])


def test_every_launch_button_opens_a_student_notebook_of_the_published_edition(site, published):
    addresses = launch_addresses(site)
    assert all(addresses.values()), "a chapter without a launch button"
    binder = re.compile(rf"{re.escape(CONFIG['launch_buttons']['binderhub_url'])}/v2/gh/"
                        rf"{re.escape(urlparse(REPOSITORY).path.strip('/'))}/(?P<branch>[^?]+)\?urlpath=lab/tree/(?P<path>.+)")
    for page, links in addresses.items():
        for link in links:
            opened = binder.fullmatch(link)
            assert opened and opened["branch"] == BRANCH, link
            assert solutions_in(opened_notebook(published, opened["path"])) == [], link


class Config(SimpleNamespace):
    def __getitem__(self, key):  # Sphinx's configuration answers both config.key and config["key"]
        return getattr(self, key)


def test_a_jupyterhub_button_pulls_the_published_edition(published):
    """With a hub's address in jupyterhub_url, sphinx-book-theme's launch button is an nbgitpuller link that pulls the
    edition's branch and opens the chapter in it (run here on the book's configuration, for one chapter)."""
    config = {**CONFIG, "launch_buttons": {**CONFIG["launch_buttons"], "jupyterhub_url": "https://hub.example.org"}}
    theme = yaml_to_sphinx(config)[0]["html_theme_options"]  # Jupyter Book's own reading of _config.yml
    page = CHAPTERS[1].removesuffix(".html")
    app = SimpleNamespace(  # what of a Sphinx application the two functions read
        builder=SimpleNamespace(theme_options=theme), config=Config(html_context={}, html_theme_options=theme),
        env=SimpleNamespace(doc2path=lambda name: ROOT / f"{name}.ipynb", metadata={page: {"kernelspec": {}}}))
    update_context_with_repository_info(app)
    context = {**app.config.html_context, "header_buttons": [], "pagename": page, "sourcename": f"{page}.ipynb"}
    add_launch_buttons(app, page, "page.html", context, None)
    hub = next(button["url"] for group in context["header_buttons"] for button in group["buttons"]
               if button["text"] == "JupyterHub")
    pull = parse_qs(urlparse(hub).query)
    assert hub.startswith("https://hub.example.org/hub/user-redirect/git-pull?")
    assert pull["repo"] == [REPOSITORY] and pull["branch"] == [BRANCH]
    folder, path = re.fullmatch(r"lab/tree/([^/]+)/(.+)", pull["urlpath"][0]).groups()
    assert folder == urlparse(REPOSITORY).path.rsplit("/", 1)[-1]  # nbgitpuller clones into a folder of the repo's name
    assert solutions_in(opened_notebook(published, path)) == []
