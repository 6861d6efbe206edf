"""Read one file from data/ safely: every failure becomes a DataError naming the file."""
import csv
import io
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
