"""Summarise the last mutmut run per module (used by `make mutation`; results in tests/MUTATION.md).

Reads ``mutmut results --all true`` and prints a Markdown table: mutants caught (killed, or timed out),
surviving (survived, or not covered by any test), and the score. Pass ``--survivors`` to list them too.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

CAUGHT = {"killed", "timeout"}
MISSED = {"survived", "no tests"}


def results(mutmut: str) -> dict[str, str]:
    out = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    status = {}
    for line in out.splitlines():
        name, sep, state = line.strip().rpartition(": ")
        if sep and name.startswith("cchc_data."):
            status[name] = state
    return status


def main(argv: list[str]) -> int:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    status = results(mutmut)
    per_module: dict[str, Counter] = defaultdict(Counter)
    for name, state in status.items():
        module = name.rsplit(".", 1)[0]
        per_module[module][state] += 1
    print("| module | caught | survived | total | % caught | not run |")
    print("|---|---:|---:|---:|---:|---:|")
    for module, counts in sorted(per_module.items()):
        caught = sum(counts[s] for s in CAUGHT)
        missed = sum(counts[s] for s in MISSED)
        done = caught + missed
        pct = f"{100 * caught / done:.1f}" if done else "–"
        print(f"| {module} | {caught} | {missed} | {done} | {pct} | {counts['not checked']} |")
    if "--survivors" in argv:
        print()
        for name, state in sorted(status.items()):
            if state in MISSED:
                print(f"- `{name}` ({state})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
