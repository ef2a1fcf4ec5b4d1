"""Render a :class:`~stance.compare.Comparison` as tables, markdown, csv or json.

Every format is derived from :meth:`Comparison.to_dict`, so they cannot drift apart:
the table and markdown formats print its sections as tabulate tables, csv prints
them as one long table (section, a, b, key, value, low, high, n).
"""

from __future__ import annotations

import csv
import enum
import json
import textwrap
from typing import IO, Any

from tabulate import tabulate

__all__ = ["CompareFormat", "write_comparison"]

MATRIX_MAX = 12  # more sources than this: matrices are printed as lists of pairs
_SCALE_NAMES = {2: "asserted", 1: "endorse", 0: "neutral", -1: "distance", -2: "deny"}


class CompareFormat(str, enum.Enum):
    """Output formats of ``stance compare``."""

    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


def write_comparison(data: dict, stream: IO[str], fmt: CompareFormat) -> None:
    """Write the comparison object (``Comparison.to_dict()``) in one format."""
    fmt = CompareFormat(fmt)
    if fmt is CompareFormat.json:
        json.dump(data, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    elif fmt is CompareFormat.csv:
        w = csv.writer(stream, lineterminator="\n")
        w.writerow(["section", "a", "b", "key", "value", "low", "high", "n"])
        for row in _long_rows(data):
            w.writerow(["" if v is None else v for v in row])
    else:
        style = "simple" if fmt is CompareFormat.table else "github"
        for title, headers, rows, note in _sections(data):
            stream.write(f"## {title}\n" if fmt is CompareFormat.markdown else f"{title}\n{'=' * len(title)}\n")
            if note:
                stream.write(f"{note}\n")
            stream.write("\n")
            if rows:
                stream.write(tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True) + "\n\n")
            else:
                stream.write("(none)\n\n")


def _f(x: Any, digits: int = 2) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _ci(mean: Any, low: Any, high: Any) -> str:
    if mean is None:
        return "-"
    if low is None or high is None:
        return _f(mean)
    return f"{_f(mean)} [{_f(low)}, {_f(high)}]"


def _wrap(text: str, width: int = 60) -> str:
    return "\n".join(textwrap.wrap(text.replace("\n", " "), width)) or text


def _sections(d: dict):
    corpus = d["corpus"]
    sources = d["sources"]
    yield ("Corpus", ["documents", "analysed", "rejected", "sources", "stories"],
           [[corpus["documents"], corpus["analysed"], len(corpus["rejected"]), len(sources),
             len(corpus["stories"])]],
           "; ".join(f"rejected {r['id']}: {r['reason']}" for r in corpus["rejected"])
           + ("; left out (fewer documents than --min-documents): "
              + ", ".join(f"{s} ({n})" for s, n in d["excluded_sources"].items()) if d["excluded_sources"] else ""))

    parties = sorted({p for cells in d["credence"].values() for p in cells if p != "*"}, key=lambda p: (p == "-", p))
    rows = []
    for s in sources:
        cells = d["credence"].get(s, {})
        row = [s]
        for p in ["*"] + parties:
            c = cells.get(p)
            row.append(f"{_ci(c['mean'], c['low'], c['high'])} n={c['n']}" if c else "")
        rows.append(row)
    yield ("Credence by source and party", ["source", "all"] + parties, rows,
           "Mean credence of the attributions to each party: endorse +1, neutral 0, distance -1, deny 0; "
           "negated cues left out; [95% bootstrap CI]; party '-' = speakers of no known party.")

    classes = d["divergence"]["classes"]
    rows = []
    for s in sources:
        p = d["profiles"][s]
        total = sum(p[c] for c in classes)
        a = d["assertions"][s]
        rows.append([s, total] + [f"{p[c]} ({p[c] / total:.0%})" if total else "0" for c in classes]
                    + [p["negated"], p["hedged"], f"{a['assertions']}/{a['sentences']}"])
    yield ("Cue classes by source", ["source", "attributions"] + classes + ["negated", "hedged", "own voice"], rows,
           "Own voice: sentences the writer asserts without attribution / all story sentences.")

    fparties = sorted({p for cells in d["framing"].values() for p in cells})
    rows = [[s] + [f"{_ci(c['mean'], c['low'], c['high'])} n={c['n']}" if (c := d["framing"][s].get(p)) else ""
                   for p in fparties] for s in sources if d["framing"].get(s)]
    yield ("Framing: valence of the terms each source attaches to each party", ["source"] + fparties, rows,
           "Mean valence (-2 .. +2) of the framing terms attached to the party (codebook framing-0.1), "
           "quoted terms left out; [95% bootstrap CI].")
    rows = []
    for t in d["naming"]:
        for s, names in t["counts"].items():
            rows.append([t["referent"], s, ", ".join(f"{n} ({c})" for n, c in names.items())])
    yield ("Naming: what each source calls the events and parties", ["referent", "source", "names (count)"], rows,
           "")

    rel = d["reliability"]
    ov = rel["overall"]
    if len(sources) <= MATRIX_MAX:
        headers = ["source"] + sources
        rows = []
        for i, s in enumerate(sources):
            rows.append([s] + [f"{_ci(rel['alpha'][i][j], rel['low'][i][j], rel['high'][i][j])} "
                               f"(o {_f(rel['alpha_ordinal'][i][j])}, n={rel['n_shared'][i][j]})" if i != j
                               else f"n={rel['n_shared'][i][j]}" for j in range(len(sources))])
    else:  # too many sources for a readable matrix: the pairs that share claims, most shared first
        headers = ["a", "b", "shared claims", "alpha nominal [95% CI]", "alpha ordinal"]
        pairs = [(i, j) for i in range(len(sources)) for j in range(i + 1, len(sources)) if rel["n_shared"][i][j]]
        pairs.sort(key=lambda p: (-rel["n_shared"][p[0]][p[1]], sources[p[0]], sources[p[1]]))
        rows = [[sources[i], sources[j], rel["n_shared"][i][j],
                 _ci(rel["alpha"][i][j], rel["low"][i][j], rel["high"][i][j]), _f(rel["alpha_ordinal"][i][j])]
                for i, j in pairs]
    yield ("Reliability: agreement on shared claims", headers, rows,
           f"Krippendorff's alpha, nominal [95% CI] (o: ordinal) over the aligned claims two sources both carry "
           f"(n), credence scale asserted > endorse > neutral > distance > deny. All sources: nominal "
           f"{_ci(ov['nominal'], ov['low'], ov['high'])}, ordinal "
           f"{_ci(ov['ordinal'], ov['ordinal_low'], ov['ordinal_high'])} over {ov['units']} claims.")

    rows = []
    for c in d["claims"]:
        values = ", ".join(f"{s}: {_SCALE_NAMES.get(v, v)}" for s, v in c["values"].items())
        copies = ", ".join(f"{s} ({n})" for s, n in c["copies"].items())
        rows.append([c["story"], _wrap(c["claim"]), _wrap(values, 40), _wrap(copies, 24)])
    yield ("Aligned claims", ["story", "claim", "how each source carries it", "syndicated copies"], rows,
           "Propositions stated by two or more sources; copies of another source's sentence are not counted.")

    rows = [[r["story"], r["unit"],
             _wrap(", ".join(f"{s}: " + "/".join(("~" if v in r["approximate"][s] else "") + _num(v) for v in vs)
                             for s, vs in r["figures"].items()), 60), "yes" if r["consistent"] else "no"]
            for r in d["numbers"]]
    yield ("Numbers", ["story", "unit", "figures (~ approximate)", "consistent"], rows,
           "Each source's figures for the same kind of quantity in a story (the JSON lists the sentences).")

    rows = [[p["a"], p["b"], f"{p['share']:.0%}", p["sentences"], ", ".join(p["credits"]),
             "; ".join(f"{x['a']} ~ {x['b']} ({x['share']:.0%})" for x in p["documents"][:3])]
            for p in d["syndication"]]
    yield ("Syndication", ["a", "b", "share", "copied sentences", "shared credits", "documents"], rows,
           "Near-duplicate sentences across sources (word-trigram shingles) and agencies both credit.")

    js = d["divergence"]["jensen_shannon"]
    note = "Jensen-Shannon divergence (base 2) between the sources' distributions over cue classes."
    if len(sources) <= MATRIX_MAX:
        yield ("Divergence of cue-class profiles", ["source"] + sources,
               [[s] + [_f(js[i][j], 3) for j in range(len(sources))] for i, s in enumerate(sources)], note)
    else:
        pairs = sorted(((js[i][j], sources[i], sources[j]) for i in range(len(sources))
                        for j in range(i + 1, len(sources)) if js[i][j] is not None), key=lambda p: (-p[0], p[1], p[2]))
        yield ("Divergence of cue-class profiles", ["a", "b", "JSD"], [[a, b, _f(x, 3)] for x, a, b in pairs[:50]],
               note + f" The 50 most divergent of {len(pairs)} pairs; every pair is in the json and csv formats.")

    chi = d["tests"]["chi_square"]
    rows = [[t["a"], t["b"], _f(t["jensen_shannon"], 3), _f(t["p_value"], 4), _f(t["q_value"], 4)]
            for t in d["tests"]["pairwise"]]
    yield ("Tests", ["a", "b", "JSD", "p (permutation)", "q (Benjamini-Hochberg)"], rows,
           f"Chi-square test of independence, source x cue class: chi2 = {_f(chi.get('statistic'))}, "
           f"dof = {chi.get('dof')}, p = {_f(chi.get('p_value'), 4)}, Cramer's V = {_f(chi.get('cramers_v'), 3)}, "
           f"n = {chi.get('n')}.")


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def _long_rows(d: dict):
    c = d["corpus"]
    yield ("corpus", "", "", "documents", c["documents"], None, None, None)
    yield ("corpus", "", "", "analysed", c["analysed"], None, None, None)
    for r in c["rejected"]:
        yield ("rejected", r["id"], "", "reason", r["reason"], None, None, None)
    for s, cells in d["credence"].items():
        for p, x in cells.items():
            yield ("credence", s, p, "mean", x["mean"], x["low"], x["high"], x["n"])
    for s, prof in d["profiles"].items():
        for k, v in prof.items():
            yield ("profile", s, "", k, v, None, None, None)
    for s, cells in d["framing"].items():
        for p, x in cells.items():
            yield ("framing", s, p, "valence", x["mean"], x["low"], x["high"], x["n"])
    for t in d["naming"]:
        for s, names in t["counts"].items():
            for name, c in names.items():
                yield ("naming", s, t["referent"], name, c, None, None, None)
    for s, a in d["assertions"].items():
        yield ("assertions", s, "", "share", a["share"], None, None, a["sentences"])
    rel = d["reliability"]
    for i, a in enumerate(rel["sources"]):
        for j, b in enumerate(rel["sources"]):
            if j > i:
                yield ("reliability", a, b, "alpha_nominal", rel["alpha"][i][j], rel["low"][i][j], rel["high"][i][j],
                       rel["n_shared"][i][j])
                yield ("reliability", a, b, "alpha_ordinal", rel["alpha_ordinal"][i][j], None, None,
                       rel["n_shared"][i][j])
    ov = rel["overall"]
    yield ("reliability", "*", "*", "alpha_nominal", ov["nominal"], ov["low"], ov["high"], ov["units"])
    yield ("reliability", "*", "*", "alpha_ordinal", ov["ordinal"], ov["ordinal_low"], ov["ordinal_high"], ov["units"])
    js = d["divergence"]["jensen_shannon"]
    for i, a in enumerate(d["divergence"]["sources"]):
        for j, b in enumerate(d["divergence"]["sources"]):
            if j > i:
                yield ("divergence", a, b, "jensen_shannon", js[i][j], None, None, None)
    for p in d["syndication"]:
        yield ("syndication", p["a"], p["b"], "share", p["share"], None, None, p["sentences"])
    for r in d["numbers"]:
        for s, vs in r["figures"].items():
            yield ("numbers", s, r["story"], r["unit"], "/".join(_num(v) for v in vs), None, None, len(vs))
    chi = d["tests"]["chi_square"]
    yield ("tests", "*", "*", "chi_square", chi.get("statistic"), None, None, chi.get("n"))
    yield ("tests", "*", "*", "chi_square_p", chi.get("p_value"), None, None, chi.get("n"))
    yield ("tests", "*", "*", "cramers_v", chi.get("cramers_v"), None, None, chi.get("n"))
    for t in d["tests"]["pairwise"]:
        yield ("tests", t["a"], t["b"], "permutation_p", t["p_value"], None, None, None)
        yield ("tests", t["a"], t["b"], "bh_q", t["q_value"], None, None, None)
