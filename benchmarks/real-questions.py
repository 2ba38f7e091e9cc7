#!/usr/bin/env python3
"""Writes the development set's real questions (long, symptom-first, both languages) as a JSON array to argv[1]."""
import json, re, sys
text = open("tests/CniBot.Core.Tests/TestData/Evaluation/real.yaml", encoding="utf-8").read()
# Question blocks: "  question: |-" followed by lines indented by four spaces, or a one-line "  question: ...".
found = re.findall(r"^  question: \|-\n((?:    .*\n|\n)+)|^  question: (?!\|)(.+)$", text, re.M)
qs = [re.sub(r"^    ", "", block, flags=re.M).strip() if block else line.strip().strip("'\"") for block, line in found]
json.dump(qs, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
