"""Where the data lives: data/ beside book/, found from this file, never from the working directory."""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def data_dir(override=None) -> Path:
    """The data folder to read: ``override`` if given (tests use a copy), else the project's."""
    return Path(override) if override is not None else DATA_DIR
