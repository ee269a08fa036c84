"""Relevance of `katalog suche` and `katalog ideen-check` on hand-judged queries (bench/relevance/queries.yaml).

    .venv/bin/python bench/relevance/evaluate.py [--details] [--katalog PFAD] [--json DATEI]

For each engine it prints recall@10 (per query: relevant records among the first 10 hits divided
by the number of relevant records, at most 10; averaged over queries), MRR (mean of 1 / rank of the
first relevant hit, 0 when none is among the hits) and the number of queries without any hit.
The Ideen-Check lists projects only, so it is measured on the relevant projects of each query
(queries without a relevant project are left out for it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

QUERIES = Path(__file__).resolve().parent / "queries.yaml"
BUILD_DATE = dt.date.today()  # records reviewed today must not lie in the future
K = 10


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def measure(rankings: list[list[str]], relevant: list[set]) -> dict:
    """recall@K, MRR and the number of empty rankings over parallel lists of rankings and relevant sets."""
    recall = mrr = 0.0
    zero = 0
    for ranked, wanted in zip(rankings, relevant):
        if not ranked:
            zero += 1
        recall += len(set(ranked[:K]) & wanted) / min(len(wanted), K)
        mrr += next((1 / rank for rank, rid in enumerate(ranked, 1) if rid in wanted), 0.0)
    n = len(rankings) or 1
    return {"queries": len(rankings), "recall@10": round(recall / n, 3), "mrr": round(mrr / n, 3), "zero": zero}


def engines(catalogue_dir: Path):
    """(suche, ideen_check): functions from query text to a ranked list of record ids – the library functions
    behind `katalog suche` and `katalog ideen-check` (no filters, no Kommune)."""
    from generator import ideas
    from generator.enrich import retrieval
    from generator.catalogue import load_catalogue
    from generator.retrieval import index as core_index

    catalogue, run = load_catalogue(catalogue_dir, build_date=BUILD_DATE)
    if catalogue is None:
        raise SystemExit("Katalog ungültig: " + "; ".join(f.message for f in run.errors[:3]))
    core = retrieval.build(catalogue)

    def suche(query: str) -> list[str]:
        return [core.search.docs[doc][1] for doc, _rank, _score in core_index.search(core.search, query).ranked]

    def ideen(query: str) -> list[str]:
        idea = ideas.idea_doc(query, core.projects, ideas.asker_for(), core.lexicon, core.thesaurus)
        return [hit.id for hit in ideas.similar_projects(core.projects, idea)][:ideas.TOP_PROJECTS]

    return suche, ideen


def evaluate(catalogue_dir: Path, queries: list[dict]) -> dict:
    suche, ideen = engines(catalogue_dir)
    projects = set(p.stem for p in (catalogue_dir / "projects").glob("*.yaml"))
    out, details = {}, {}
    for name, engine, keep in (("suche", suche, None), ("ideen-check", ideen, projects)):
        rankings, relevant, rows = [], [], []
        for item in queries:
            wanted = set(item["relevant"]) if keep is None else set(item["relevant"]) & keep
            if not wanted:
                continue
            ranked = engine(item["q"])
            rankings.append(ranked)
            relevant.append(wanted)
            found = sorted(wanted & set(ranked[:K]))
            rows.append({"q": item["q"], "art": item.get("art", ""), "hits": len(ranked),
                         "missed": sorted(wanted - set(found)), "top": ranked[:3]})
        out[name] = measure(rankings, relevant)
        details[name] = rows
    return {"figures": out, "details": details}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="je Anfrage: verpasste Einträge")
    parser.add_argument("--katalog", default=str(REPO / "catalogue"))
    parser.add_argument("--anfragen", default=str(QUERIES), help="Datei mit den Anfragen (Standard: queries.yaml daneben)")
    parser.add_argument("--json", metavar="DATEI", help="Ergebnis zusätzlich als JSON schreiben")
    args = parser.parse_args(argv)
    result = evaluate(Path(args.katalog), load_queries(Path(args.anfragen)))
    if args.details:
        for engine, rows in result["details"].items():
            print(f"\n### {engine}")
            for row in rows:
                if row["missed"] or not row["hits"]:
                    print(f"- [{row['art']}] {row['q'][:70]!r}: {row['hits']} Treffer, verpasst: {', '.join(row['missed'])}")
    print("\n| Suchmaschine | Anfragen | recall@10 | MRR | ohne Treffer |\n|---|---:|---:|---:|---:|")
    for engine, f in result["figures"].items():
        print(f"| {engine} | {f['queries']} | {f['recall@10']:.3f} | {f['mrr']:.3f} | {f['zero']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
