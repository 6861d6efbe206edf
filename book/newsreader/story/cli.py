"""The toolkit's command line: ``main(["new-story", DIR])``, ``main(["propose", DIR])``, ``main(["report", DIR])``.

Each command prints one line per file it created or kept; a folder that breaks its contract gets the list of every
problem (file, row, what to do) and exit code 1, and nothing is written.
"""
import argparse
import sys

from ..files import WriteRefused
from .folder import StoryError
from .new import new_story
from .propose import propose
from .report import report

COMMANDS = {
    "new-story": (new_story, "create a story folder: articles/, articles.csv and a README of the steps"),
    "propose": (propose, "propose claims.csv, sources.csv, labels.csv and frames.csv for you to check"),
    "report": (report, "validate the folder and write report/report.ipynb and report/report.html"),
}


def parser() -> argparse.ArgumentParser:
    commands = argparse.ArgumentParser(prog="tasks.py", description="Bring your own story: the book's methods on "
                                       "any folder of articles.")
    subcommands = commands.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        subcommands.add_parser(name, help=summary, description=summary).add_argument("folder", metavar="DIR")
    return commands


def main(argv: list[str]) -> int:
    """Run one command; return its exit code (0 done, 1 the folder has problems, 2 a usage error)."""
    try:
        arguments = parser().parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2): argparse has printed why
        return int(exit_.code or 0)
    command, _ = COMMANDS[arguments.command]
    try:
        messages = command(arguments.folder)
    except StoryError as error:
        print(f"{arguments.folder}: the story folder has {len(error.problems)} problem(s); nothing was written.\n"
              f"{error}", file=sys.stderr)
        return 1
    except (WriteRefused, OSError) as error:  # a link in the way, a full disk, no permission: one line, no traceback
        print(f"{arguments.folder}: nothing more was written: {error}", file=sys.stderr)
        return 1
    for message in messages:
        if message.startswith("warning: "):
            print(f"{arguments.folder}: {message}", file=sys.stderr)
        else:
            print(f"{arguments.folder}/{message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
