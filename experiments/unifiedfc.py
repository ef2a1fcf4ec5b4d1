"""Reading UnifiedFC (Baly et al., NAACL 2018) from a path the user gives.

The data are never copied into this project: scripts and tests take the
folder ``unifiedfc/`` (with ``dataset/`` and ``train_test_splits.txt``) as an
argument, and annotations of it are stand-off (ids, offsets, labels).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from stance.corpus import source_from_url
from stance.records import Document


def folds(root: Path) -> dict[str, list[str]]:
    """Claim ids per fold: ``{"Fold_1": [...], ...}``."""
    out = {}
    for line in (Path(root) / "train_test_splits.txt").read_text(encoding="utf-8").splitlines():
        if ":" in line:
            name, ids = line.split(":", 1)
            out[name.strip()] = ids.split()
    return out


def claim(root: Path, claim_id: str) -> dict:
    return json.loads((Path(root) / "dataset" / f"{claim_id}.json").read_text(encoding="utf-8"))


def documents(root: Path, claim_ids: list[str]) -> Iterator[tuple[Document, str]]:
    """Every article of the given claims as a Document (id ``unifiedfc:<claim>:<n>``), with its gold stance."""
    for cid in claim_ids:
        c = claim(root, cid)
        for n, (text, url, stance) in enumerate(zip(c["article"], c["url"], c["stance"])):
            doc = Document(
                id=f"unifiedfc:{cid}:{n}", source=source_from_url(url) or "unknown", text=text,
                url=url, story=cid, origin=f"{root}/dataset/{cid}.json#{n}",
            )
            yield doc, stance
