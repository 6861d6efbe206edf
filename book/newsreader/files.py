"""Read one file safely (every failure becomes a DataError naming the file), and write one by the project's rule."""
import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from .errors import DataError


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path``; a clear DataError if it is missing, not UTF-8 or empty."""
    return decode(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path.name}: file not found (looked in {path.parent})") from None
    except OSError as error:
        raise DataError(f"{path.name}: cannot be read ({error.strerror})") from None


def decode(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            f"{path.name}: is not UTF-8 text (byte {raw[error.start]:#04x} at position {error.start}); "
            "save it again as UTF-8"
        ) from None
    if not text.strip():
        raise DataError(f"{path.name}: is empty")
    return text


def read_csv(path: Path, columns, key=None) -> pd.DataFrame:
    """A CSV table with at least ``columns``; ``key``, if given, must be filled and unique.

    Empty text cells are read as "" (not NaN), so string methods work on every cell.
    """
    text = read_text(path)  # existence, encoding and emptiness, with clear messages
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, csv.Error) as error:
        raise DataError(f"{path.name}: is not a well-formed CSV table ({error})") from None
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise DataError(f"{path.name}: missing column(s) {', '.join(missing)}")
    if table.empty:
        raise DataError(f"{path.name}: has a header but no rows")
    if key is not None:
        require_unique_key(table, key, path)
    return table


def require_unique_key(table: pd.DataFrame, key: str, path: Path) -> None:
    blank_rows = table.index[table[key].str.strip() == ""]
    if len(blank_rows):
        raise DataError(f"{path.name}: empty {key} in row(s) {', '.join(str(i + 2) for i in blank_rows)}")
    repeated = sorted(table.loc[table[key].duplicated(), key].unique())
    if repeated:
        raise DataError(f"{path.name}: duplicate {key} {', '.join(repeated)}")


# --- Writing: one rule for every command ------------------------------------------------------------------------
# Never overwrite a file someone else made, never follow a link out of the folder, write atomically.

class WriteRefused(Exception):
    """A file cannot be written without breaking the rule (a link on the way, a folder in the way, no free name)."""


def numbered(name: str) -> Iterator[str]:
    """NAME-2.EXT, NAME-3.EXT, ...: the names tried, in order, when NAME.EXT is taken."""
    stem, suffix = split_name(name)
    return (f"{stem}-{n}{suffix}" for n in range(2, 1000))


def split_name(name: str) -> tuple[str, str]:
    """("claims", ".csv") for "claims.csv"; a double extension stays whole ("story", ".tar.gz"); folders stay put."""
    folder, slash, last = name.rpartition("/")
    stem, dot, extension = last.partition(".")
    return folder + slash + stem, dot + extension


def target(folder: Path, name: str) -> Path:
    """``folder/name`` (``name`` may hold subfolders) if it stays below ``folder`` with no linked folder on the way. A
    link is refused even when it points inside, so that what is written is always where the user looks."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise WriteRefused(f"{name}: not a name inside {folder}")
    path = Path(folder)
    for part in relative.parts[:-1]:
        path = path / part
        if path.is_symlink():
            raise WriteRefused(f"{path}: is a link; only real files and folders inside {folder} are written")
    return path / relative.name


def write_file(folder: Path, name: str, content: str | bytes, *, fallbacks: Callable[[str], Iterable[str]] = numbered,
               replaceable: Callable[[Path], bool] = lambda path: False) -> Path:
    """Write ``content`` into ``folder/name`` and return the path written.

    If that name is taken (by a file, a folder or a link, never followed) and ``replaceable(path)`` is not true, the
    first free name of ``fallbacks(name)`` is used instead. The content goes to a temporary file first and is then moved in one step,
    so that a reader never sees half a file; a new name is claimed without replacing anything that appeared
    meanwhile.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    for candidate in [name, *fallbacks(name)]:
        path = target(folder, candidate)
        taken = path.exists() or path.is_symlink()
        if taken and not (path.is_file() and not path.is_symlink() and replaceable(path)):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if place(path, data, replace=taken):
            return path
    raise WriteRefused(f"{name}: every name tried in {folder} is taken; move some files away and try again")


def place(path: Path, data: bytes, replace: bool) -> bool:
    """Move ``data`` into ``path`` through a temporary file beside it; False if a new name was taken meanwhile."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        os.chmod(temporary, 0o666 & ~current_umask())  # mkstemp makes a file only its owner can read
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        if replace:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)  # fails if the name exists: nothing is replaced
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: check, then move
            if path.exists() or path.is_symlink():
                return False
            os.replace(temporary, path)
        return True
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def current_umask() -> int:
    """The process's umask (the permissions a new file does not get), read without changing it for long."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes Excel or LibreOffice read a cell as a formula


def spreadsheet_cell(value):
    """``value`` as a CSV cell that a spreadsheet shows as text, never runs (OWASP's rule for CSV injection: a text
    that begins like a formula gets a leading ``'``); numbers are left as they are."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_table(rows: Iterable[Iterable]) -> str:
    """The rows as CSV text (a header first, if it has one), every cell made safe to open in a spreadsheet."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Written:
    """The record a command keeps in a folder of the files it wrote there, with their fingerprints, so that a rerun
    may replace its own unchanged files and keeps every file someone changed."""

    def __init__(self, folder: Path, record: str):
        self.folder, self.record = Path(folder), record
        try:
            loaded = json.loads((self.folder / record).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        valid = isinstance(loaded, dict) and all(isinstance(v, str) for v in loaded.values())
        self.files: dict[str, str] = loaded if valid else {}

    def unchanged(self, path: Path) -> bool:
        """True if ``path`` was written by the command and nobody changed it since."""
        name = Path(path).relative_to(self.folder).as_posix()
        return name in self.files and Path(path).is_file() and sha256(path) == self.files[name]

    def write(self, name: str, content: str | bytes, fallbacks=numbered) -> Path:
        """Write like ``write_file``, replacing the command's own unchanged file; remember what was written."""
        path = write_file(self.folder, name, content, fallbacks=fallbacks, replaceable=self.unchanged)
        self.files[path.relative_to(self.folder).as_posix()] = sha256(path)
        return path

    def save(self) -> None:
        write_file(self.folder, self.record, json.dumps(self.files, indent=1, sort_keys=True),
                   replaceable=lambda path: True)
