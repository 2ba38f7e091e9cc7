#!/usr/bin/env python3
"""Fits the re-ranking weights (RerankFeatures.Weights in src/CniBot.Core/Search/SectionRanker.cs).

Input: the feature dump of the development set, and optionally of other sets to report on:

    B="dotnet run -c Release --project benchmarks/CniBot.Benchmarks --"
    E=tests/CniBot.Core.Tests/TestData/Evaluation
    $B rerank-features $E/real.yaml > /tmp/real.tsv; $B rerank-features $E/heldout.yaml > /tmp/heldout.tsv
    python3 benchmarks/fit-rerank.py /tmp/real.tsv /tmp/heldout.tsv

The model is linear: a candidate's score is the weighted sum of its features. It is fitted by gradient descent on
a listwise softmax loss (each on-topic question's candidates compete; the right ones share the target), with L2
regularisation. It prints the weights, the top-1 of the fitted and of the current weights on every set given
(ranking only: the answer threshold is `cnibot eval`'s business), and five-fold cross-validation on the first set,
each fifth ranked by weights fitted on the other four, which is the figure to trust. Standard library only.
"""
import math
import random
import sys


def load(path):
    """Questions with their candidates: [(id, [(label, features)])], in file order."""
    questions, order = {}, []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            qid = cells[0]
            if qid not in questions:
                questions[qid] = []
                order.append(qid)
            questions[qid].append((int(cells[2]), [float(x) for x in cells[4:]]))
    return header[4:], [(q, questions[q]) for q in order]


def answerable(questions):
    return [(q, c) for q, c in questions if any(label == 1 for label, _ in c)]


def on_topic(questions):
    return [(q, c) for q, c in questions if c and c[0][0] >= 0]


def fit(questions, l2=1e-3, epochs=1000, rate=1.0):
    data = answerable(questions)
    width = len(data[0][1][0][1])
    w = [0.0] * width
    for _ in range(epochs):
        grad = [0.0] * width
        for _, candidates in data:
            scores = [sum(a * b for a, b in zip(w, x)) for _, x in candidates]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            right = sum(1 for label, _ in candidates if label == 1)
            for (label, x), e in zip(candidates, exps):
                share = e / total - (1.0 / right if label == 1 else 0.0)
                for k in range(width):
                    grad[k] += share * x[k]
        for k in range(width):
            w[k] -= rate * (grad[k] / len(data) + l2 * w[k])
    return w


def top1(w, questions):
    """On-topic questions whose best-scoring candidate is right (ties: the earlier, as the ranker orders them)."""
    right = 0
    for _, candidates in on_topic(questions):
        scores = [sum(a * b for a, b in zip(w, x)) for _, x in candidates]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        right += candidates[best][0] == 1
    return right


def main(paths, current):
    names, dev = load(paths[0])
    sets = [(p, load(p)[1]) for p in paths]
    w = fit(dev)
    print("weights: " + ", ".join(f"{n} {v:.2f}" for n, v in zip(names, w)))
    for path, questions in sets:
        print(f"{path}: top-1 {top1(w, questions)} fitted, {top1(current, questions) if current else '-'} current,"
              f" of {len(on_topic(questions))} on topic ({len(answerable(questions))} with a right candidate)")
    random.seed(1)
    order = list(range(len(dev)))
    random.shuffle(order)
    fitted = now = 0
    for fold in range(5):
        test = [dev[i] for j, i in enumerate(order) if j % 5 == fold]
        train = [dev[i] for j, i in enumerate(order) if j % 5 != fold]
        fitted += top1(fit(train), test)
        now += top1(current, test) if current else 0
    print(f"five-fold cross-validation on {paths[0]}: top-1 {fitted} fitted, {now if current else '-'} current")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--current=")]
    weights = [a for a in sys.argv[1:] if a.startswith("--current=")]
    if not args:
        sys.exit("usage: fit-rerank.py DEV.tsv [OTHER.tsv ...] [--current=w1,w2,...]")
    main(args, [float(x) for x in weights[0].split("=", 1)[1].split(",")] if weights else None)
