"""One loader that validates every lexicon file and reports ``file:line: message``."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

from stance.errors import LexiconError
from stance.text.normalise import Normaliser

__all__ = ["Entry", "Table", "Lexicons", "default_lexicon_dir", "load_lexicons"]

# Steps whose effect a lexicon form must already show: a form written with
# diacritics, tatweel, control characters or presentation forms is a typo
# waiting to happen, so the loader refuses it instead of silently fixing it.
_INVARIANT = Normaliser(("presentation_forms", "letter_variants", "controls", "diacritics", "tatweel"))


@dataclass(frozen=True)
class Entry:
    """One row of a lexicon file.

    ``values`` holds the cells as written; ``norm`` holds the normalised value of
    each form column (the text the matcher compares against).  ``where`` is
    ``file:line`` for messages.
    """

    values: Mapping[str, str]
    norm: Mapping[str, str]
    where: str

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass(frozen=True)
class Table:
    """All entries of one lexicon file, in file order."""

    name: str
    path: Path
    columns: tuple[str, ...]
    entries: tuple[Entry, ...]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Lexicons:
    """The loaded lexicons, the normaliser their forms went through, and their version."""

    root: Path
    version: str
    normaliser: Normaliser = field(repr=False)
    tables: Mapping[str, Table] = field(repr=False)

    def __getitem__(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise LexiconError([f"{self.root}: no lexicon named {name!r}; known: {', '.join(self.tables)}"]) from None


def default_lexicon_dir() -> Path:
    """Where the bundled lexicons are: inside an installed wheel, or the source tree's ``lexicons/``."""
    packaged = resources.files("stance") / "_lexicons"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "lexicons"


def _read_meta(root: Path) -> dict:
    meta_path = root / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError([f"{meta_path}: not found; a lexicon folder needs meta.json beside its TSV files"]) from None
    except json.JSONDecodeError as e:
        raise LexiconError([f"{meta_path}:{e.lineno}: invalid JSON ({e.msg})"]) from None
    missing = [k for k in ("version", "files") if k not in meta]
    if missing:
        raise LexiconError([f"{meta_path}: missing key(s) {', '.join(missing)}"])
    return meta


def _load_table(name: str, path: Path, spec: Mapping, normaliser: Normaliser) -> Table:
    columns = tuple(spec["columns"])
    allowed = {k: set(v) for k, v in spec.get("values", {}).items()}
    form_cols = tuple(spec.get("forms", ()))
    key_cols = tuple(spec.get("key", columns[:1]))
    problems: list[str] = []
    entries: list[Entry] = []
    seen: dict[tuple, int] = {}
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise LexiconError([f"{path}: lexicon {name!r} not found"]) from None
    with handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None:
            raise LexiconError([f"{path}:1: empty file; expected a header row: {' '.join(columns)}"])
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        if tuple(header) != columns:
            raise LexiconError(
                [f"{path}:1: header is {header!r}; expected the columns {list(columns)!r} in that order"]
            )
        for lineno, row in enumerate(rows, start=2):
            where = f"{path}:{lineno}"
            if not row or all(not c.strip() for c in row):
                problems.append(f"{where}: empty line; remove it")
                continue
            if len(row) != len(columns):
                problems.append(f"{where}: {len(row)} fields; expected {len(columns)} ({', '.join(columns)})")
                continue
            values = dict(zip(columns, row))
            bad = False
            for col, cell in values.items():
                if not cell.strip():
                    problems.append(f"{where}: empty {col!r}; every cell needs a value")
                    bad = True
                elif cell != cell.strip():
                    problems.append(f"{where}: {col!r} has leading or trailing spaces")
                    bad = True
            for col, ok in allowed.items():
                if values.get(col) and values[col] not in ok:
                    problems.append(f"{where}: unknown {col} {values[col]!r}; expected one of {', '.join(sorted(ok))}")
                    bad = True
            norm = {}
            for col in form_cols:
                form = values[col]
                clean = _INVARIANT(form)
                if clean != form:
                    problems.append(f"{where}: form {form!r} has diacritics, tatweel or control characters; write {clean!r}")
                    bad = True
                if "  " in form:
                    problems.append(f"{where}: form {form!r} has a double space")
                    bad = True
                norm[col] = normaliser(form)
            if bad:
                continue
            key = tuple(norm.get(c, values[c]) for c in key_cols)
            if key in seen:
                problems.append(
                    f"{where}: duplicate of line {seen[key]} (same {'/'.join(key_cols)} after normalisation: {key!r})"
                )
                continue
            seen[key] = lineno
            entries.append(Entry(MappingProxyType(values), MappingProxyType(norm), where))
    if problems:
        raise LexiconError(problems)
    return Table(name, path, columns, tuple(entries))


def load_lexicons(
    root: str | Path | None = None,
    *,
    normaliser: Normaliser | None = None,
    files: Mapping[str, str | Path] | None = None,
) -> Lexicons:
    """Load and validate every lexicon described in ``meta.json``.

    Parameters
    ----------
    root : path, optional
        A lexicon folder with ``meta.json``; defaults to the bundled lexicons.
    normaliser : Normaliser, optional
        The pipeline the forms go through; it must be the one applied to texts.
    files : mapping of lexicon name to path, optional
        Replace a bundled file by the user's own (same columns and classes).

    Raises
    ------
    LexiconError
        With every problem found, each as ``file:line: message``.
    """
    root = Path(root) if root is not None else default_lexicon_dir()
    normaliser = normaliser or Normaliser()
    meta = _read_meta(root)
    files = dict(files or {})
    unknown = sorted(set(files) - set(meta["files"]))
    if unknown:
        raise LexiconError([f"unknown lexicon name(s) {', '.join(unknown)}; known: {', '.join(meta['files'])}"])
    tables = {}
    problems: list[str] = []
    for name, spec in meta["files"].items():
        path = Path(files[name]) if name in files else root / spec["file"]
        try:
            tables[name] = _load_table(name, path, spec, normaliser)
        except LexiconError as e:
            problems.extend(e.problems)
    if problems:
        raise LexiconError(problems)
    return Lexicons(root, str(meta["version"]), normaliser, MappingProxyType(tables))
