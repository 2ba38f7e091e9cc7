#!/usr/bin/env python3
"""Blind replay: how today's search does on questions it was never tuned for.

Every blind batch of real questions (dev7 .. dev55; a dev27 round was collected and dropped unmeasured, its answers
not checkable in their threads) was collected by a helper that saw neither the knowledge nor the search, measured,
and only then used to improve both. Its questions are unseen for the knowledge of the commit before the batch
arrived, so scoring them against that knowledge with today's code measures how the search generalises, which the
development set (tuned to) cannot and the held-out set (small, and its knowledge grew with the
development set's) only partly can.

For each batch this script exports knowledge/ as it was in the parent of the commit that added the batch
(`git archive`), writes the batch's questions from the development and held-out sets of the working tree to a set
file, runs `cnibot eval --json` on the pair, and adds the results up per language group: covered (the facts are in
that knowledge), right first, right in the top three, the naive baseline right first, and off-topic declined.

    dotnet build CniBot.sln -c Release
    python3 benchmarks/blind-replay.py [--cli path/to/cnibot.dll] [--json out.json] [--jobs 2] [--features out.tsv]

With --features (after `dotnet build -c Release benchmarks/CniBot.Benchmarks`) it also writes each batch's
re-ranking candidates and features over its own knowledge, the input of benchmarks/fit-rerank.py.

Run it from the repository root of a clone with its history. The fitted re-ranking's weights were fitted on the
development set, which holds most of these questions, so the replay still flatters the re-ranking a little; the
knowledge is the part it keeps honest.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

# Batch prefix -> the commit that added it to the sets (its parent holds the knowledge the batch was measured on).
# A new blind batch belongs here once committed, before any knowledge is written for it.
BATCHES = [
    ("dev7", "2e9c8f0"), ("dev8", "bb0f885"), ("dev9", "d76f057"), ("dev10", "3aefa3f"), ("dev11", "b118f0b"),
    ("dev12", "025688e"), ("dev13", "251dc85"), ("dev14", "1db4609"), ("dev15", "cb66b15"), ("dev16", "ea2c92b"),
    ("dev17", "9b7044c"), ("dev18", "2fdaab3"), ("dev19", "4d6716a"), ("dev20", "13e0977"), ("dev21", "9695f52"),
    ("dev22", "16601f4"), ("dev23", "6faf9b3"), ("dev24", "7c6b8a5"), ("dev25", "ed638e8"), ("dev26", "f97746a"),
    ("dev28", "dc35178"), ("dev29", "1a892a1"), ("dev30", "23dab4b"), ("dev31", "5afb4f7"),
    ("dev32", "09c473b"),  # measured and kept aside in benchmarks/pending; joined the sets later, its knowledge unchanged
    ("dev33", "8a8dd61"), ("dev34", "b31aac5"), ("dev35", "d2410ce"), ("dev36", "49caecd"),
    ("dev37", "4e50245"), ("dev38", "e1e957e"), ("dev39", "6f950de"),
    ("dev40", "7d728f6"), ("dev41", "e016576"), ("dev42", "4a27f07"), ("dev43", "d676634"), ("dev44", "9e5ce68"),
    ("dev45", "3c1e777"), ("dev46", "88980fd"), ("dev47", "061b634"), ("dev48", "79b42e3"),
    ("dev49", "8368a1a"), ("dev50", "9aa6ed3"), ("dev51", "d2c7197"), ("dev52", "9eaa647"), ("dev53", "8a015e8"),
    ("dev54", "ecdcaff"), ("dev55", "c2cab42"),
]
SETS = ["tests/CniBot.Core.Tests/TestData/Evaluation/real.yaml", "tests/CniBot.Core.Tests/TestData/Evaluation/heldout.yaml"]


def question_blocks(path):
    """The set file's question entries as text blocks, each starting with its '- id:' line."""
    text = open(path, encoding="utf-8").read()
    starts = [m.start() for m in re.finditer(r"^- id: ", text, re.M)]
    return [text[a:b].rstrip() + "\n" for a, b in zip(starts, starts[1:] + [len(text)])]


def block_id(block):
    return block.split("\n", 1)[0][len("- id: "):].strip()


def run_batch(prefix, commit, cli, work, features):
    directory = os.path.join(work, prefix)
    os.makedirs(directory, exist_ok=True)
    archive = subprocess.run(["git", "archive", commit + "^", "knowledge"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", directory], input=archive, check=True)
    sourced = [(path, b) for path in SETS for b in question_blocks(path) if block_id(b).startswith(prefix + "-")]
    blocks = [b for _, b in sourced]
    held = {block_id(b) for path, b in sourced if path == SETS[1]}
    off = {block_id(b) for b in blocks if re.search(r"^  lang: offtopic$", b, re.M)}
    set_file = os.path.join(directory, "set.yaml")
    with open(set_file, "w", encoding="utf-8") as f:
        f.write("\n".join(blocks))
    out = subprocess.run(["dotnet", cli, "eval", "--set", set_file, "--knowledge", os.path.join(directory, "knowledge"),
                          "--json"], check=True, capture_output=True, text=True).stdout
    dump = None
    if features:
        dump = subprocess.run(["dotnet", features, "rerank-features", set_file, os.path.join(directory, "knowledge")],
                              check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    # The batch split the way the sets split it: the part in the development set, which may be tuned on, and the
    # part in the held-out set, which may not.
    wrong = {m["id"] for m in result["misses"]}
    uncovered = {u["id"] for u in result["uncovered"]}
    parts = {}
    for part, ids in (("development", {block_id(b) for b in blocks} - held), ("held-out", held)):
        on = ids - off - uncovered
        parts[part] = {"covered": len(on), "top1": len(on - wrong), "offTopic": len(ids & off),
                       "declined": len((ids & off) - wrong)}
    result["parts"] = parts
    return prefix, len(blocks), result, dump


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default="src/CniBot.Cli/bin/Release/net10.0/cnibot.dll")
    parser.add_argument("--json", help="write the per-batch and total figures here")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--features", help="also write every batch's re-ranking features (fit-rerank.py's input) here")
    parser.add_argument("--bench", default="benchmarks/CniBot.Benchmarks/bin/Release/net10.0/CniBot.Benchmarks.dll",
                        help="the built benchmarks, which dump the features")
    args = parser.parse_args()
    groups = ["en", "zh", "mixed"]
    total = {g: {"covered": 0, "top1": 0, "top3": 0, "baselineTop1": 0} for g in groups + ["all"]}
    off = {"questions": 0, "declined": 0}
    parts = {p: {"covered": 0, "top1": 0, "offTopic": 0, "declined": 0} for p in ("development", "held-out")}
    rows = []
    with tempfile.TemporaryDirectory(prefix="blind-replay-") as work, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_batch, prefix, commit, args.cli, work, args.bench if args.features else None)
                   for prefix, commit in BATCHES]
        dumps = []
        for future in futures:
            prefix, count, result, dump = future.result()
            if dump:
                dumps.append(dump if not dumps else dump.split("\n", 1)[1])
            by_group = {g["group"]: g for g in result["groups"]}
            for g in groups + ["all"]:
                for key in total[g]:
                    total[g][key] += by_group.get(g, {}).get(key, 0)
            off["questions"] += result["offTopic"]["questions"]
            off["declined"] += result["offTopic"]["declined"]
            for part, figures in result["parts"].items():
                for key in figures:
                    parts[part][key] += figures[key]
            a = by_group["all"]
            rows.append({"batch": prefix, "questions": count, **{k: a[k] for k in total["all"]},
                         "offTopic": result["offTopic"], "misses": result["misses"]})
            print(f"{prefix:6} {count:3} questions: covered {a['covered']:3}, right first {a['top1']:3}, "
                  f"top-3 {a['top3']:3}, baseline {a['baselineTop1']:3}; off-topic declined "
                  f"{result['offTopic']['declined']}/{result['offTopic']['questions']}")
    a = total["all"]
    print(f"all    covered {a['covered']}, right first {a['top1']} = {100 * a['top1'] / max(a['covered'], 1):.1f} %, "
          f"top-3 {a['top3']}, baseline {a['baselineTop1']} = {100 * a['baselineTop1'] / max(a['covered'], 1):.1f} %; "
          f"off-topic declined {off['declined']}/{off['questions']}")
    print("       " + ", ".join(f"{g} {total[g]['top1']}/{total[g]['top3']}/{total[g]['covered']} "
                                 f"(baseline {total[g]['baselineTop1']})" for g in groups))
    print("       " + "; ".join(f"{p} part: right first {v['top1']}/{v['covered']}, off-topic declined "
                                 f"{v['declined']}/{v['offTopic']}" for p, v in parts.items()))
    if args.features:
        with open(args.features, "w", encoding="utf-8") as f:
            f.write("".join(dumps))
    if args.json:
        json.dump({"batches": rows, "total": total, "offTopic": off, "parts": parts}, open(args.json, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
