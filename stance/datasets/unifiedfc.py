"""UnifiedFC (Baly et al., NAACL 2018): 422 claims about the Syrian war, 3,042 articles with stance labels.

The folder the user gives holds ``dataset/<claim id>.json`` (fields ``id``,
``claim``, ``article``, ``url``, ``stance``, ...) and ``train_test_splits.txt``
(the claim ids of the five cross-validation folds). Nothing is copied.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from stance.corpus.readers import unifiedfc_article
from stance.errors import InputError
from stance.records import Document, Rejected

__all__ = ["Claim", "UnifiedFC", "read_unifiedfc", "STANCES"]

STANCES = ("agree", "disagree", "discuss", "unrelated")


@dataclass(frozen=True)
class Claim:
    """A claim, its articles (as documents whose ``story`` is the claim id) and their gold stances."""

    id: str
    text: str
    articles: tuple[Document, ...]
    stances: tuple[str, ...]


@dataclass(frozen=True)
class UnifiedFC:
    claims: dict[str, Claim]
    folds: dict[str, tuple[str, ...]]  # fold name -> claim ids, in train_test_splits.txt order


def read_unifiedfc(root: str | Path, folds: tuple[str, ...] | None = None) -> UnifiedFC:
    """Read the claims of the given folds (all five by default); one clear error for a wrong folder."""
    root = Path(root)
    splits = root / "train_test_splits.txt"
    if not splits.is_file() or not (root / "dataset").is_dir():
        raise InputError(f"{root}: not a UnifiedFC folder (expected dataset/ and train_test_splits.txt); "
                         "pass the folder that holds them")
    fold_ids: dict[str, tuple[str, ...]] = {}
    for line in splits.read_text(encoding="utf-8").splitlines():
        if ":" in line:
            name, ids = line.split(":", 1)
            fold_ids[name.strip()] = tuple(ids.split())
    wanted = folds or tuple(fold_ids)
    unknown = [f for f in wanted if f not in fold_ids]
    if unknown:
        raise InputError(f"{splits}: no fold {', '.join(unknown)}; it has {', '.join(fold_ids)}")
    claims = {}
    for name in wanted:
        for cid in fold_ids[name]:
            path = root / "dataset" / f"{cid}.json"
            try:
                c = json.loads(path.read_text(encoding="utf-8"))
                arts = tuple(unifiedfc_article(path, n, text, url)
                             for n, (text, url) in enumerate(zip(c["article"], c["url"])))
                stances = tuple(c["stance"])
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise InputError(f"{path}: cannot read the claim ({e}); check the UnifiedFC download") from None
            bad = next((a for a in arts if isinstance(a, Rejected)), None)
            if bad is not None:
                raise InputError(f"{bad.origin}: {bad.reason}; check the UnifiedFC download")
            if len(stances) != len(arts) or any(s not in STANCES for s in stances):
                raise InputError(f"{path}: stances do not match the articles; check the UnifiedFC download")
            claims[cid] = Claim(cid, c["claim"], arts, stances)
    return UnifiedFC(claims, {k: v for k, v in fold_ids.items() if k in wanted})
