"""``curator bench pages DIR``: the parser's accuracy on annotated real pages, and its calibration.

DIR is laid out like ``../shared/realpages`` (``index.tsv``, ``pages/``, ``blocks/``) and is
read in place. Prints, for all pages as one corpus, each half (odd / even page numbers, each
its own corpus: a check that rules found on one half hold on the other), every page
parsed alone and each half's pages alone: title, date and start accuracy, invented Articles, line class, label in
Article, speaker recall and false speakers (the measures of ``score-pages``); then the
calibration table of Article confidence (bin -> count, share right) and whether the Articles
at 0.9 or more are right at least 95 % of the time. ``--misses`` lists what each page got wrong.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="curator bench pages", description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path, metavar="DIR", help="folder with index.tsv, pages/ and blocks/")
    p.add_argument("--misses", action="store_true", help="list every page's misses")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)

    from curator.core.review.calibration import high_accuracy, render_table
    from curator.core.review.pages import evaluate, halves, read_index

    if not (args.folder / "index.tsv").is_file():
        print(f"curator bench pages: {args.folder}: no index.tsv here", flush=True)
        return 2
    ids = [r.id for r in read_index(args.folder)]
    runs = {"all": evaluate(args.folder)}
    for name, part in halves(ids).items():
        runs[name] = evaluate(args.folder, ids=part)
    runs["alone"] = evaluate(args.folder, alone=True)
    for name, part in halves(ids).items():
        runs[f"{name} alone"] = evaluate(args.folder, ids=part, alone=True)
    if args.json:
        out = {name: rep.summary() for name, rep in runs.items()}
        n, acc = high_accuracy(runs["all"].calibration)
        out["calibration"] = {"high_n": n, "high_accuracy": acc,
                              "pairs": [[c, r] for c, r in runs["all"].calibration]}
        print(json.dumps(out, indent=2, sort_keys=True))
        return 0
    for name, rep in runs.items():
        label = {"all": "all pages, one corpus", "odd": "odd pages (own corpus)",
                 "even": "even pages (own corpus)", "alone": "each page alone",
                 "odd alone": "odd pages, each alone", "even alone": "even pages, each alone"}[name]
        print(f"{label:<24} {rep.line()}")
        if args.misses and rep.misses:
            for doc, errs in sorted(rep.misses.items()):
                print(f"    {doc}: {' '.join(errs)}")
    print()
    print("calibration (all pages, one corpus, and each page alone):")
    print(render_table(runs["all"].calibration + runs["alone"].calibration), end="")
    return 0
