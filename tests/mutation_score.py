"""Summarise the last mutmut run per module (used by `make mutation`; results in tests/MUTATION.md).

``python tests/mutation_score.py`` reads ``mutmut results --all true`` and prints a Markdown table:
mutants caught (killed, or timed out), surviving (survived, or covered by no test), and the score.
``--survivors`` lists the survivors too. ``--sample N MODULE...`` prints a seeded random sample of N
mutant names per module, for ``mutmut run`` on modules too large to run whole.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

CAUGHT = {"killed", "timeout"}
MISSED = {"survived", "no tests"}


def results() -> dict[str, str]:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    out = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    status = {}
    for line in out.splitlines():
        name, sep, state = line.strip().rpartition(": ")
        if sep and name.startswith("cchc_data."):
            status[name] = state
    return status


def unmutated(status: dict[str, str], pyproject: Path = Path("pyproject.toml")) -> list[str]:
    """Modules of ``[tool.mutmut] only_mutate`` with no mutant at all (mutmut 3 skips decorated functions).

    >>> toml = Path(__file__).resolve().parent.parent / "pyproject.toml"
    >>> unmutated({"cchc_data.numbers.x_f__mutmut_1": "killed"}, toml)[:2]
    ['cchc_data.province_registry', 'cchc_data.vocabularies']
    """
    if not pyproject.exists():
        return []
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["mutmut"]
    modules = [path.removesuffix(".py").replace("/", ".") for path in config.get("only_mutate", [])]
    have = {name.rsplit(".", 1)[0] for name in status}
    return [m for m in modules if m not in have]


def table(status: dict[str, str]) -> list[str]:
    per_module: dict[str, Counter] = defaultdict(Counter)
    for name, state in status.items():
        per_module[name.rsplit(".", 1)[0]][state] += 1
    lines = ["| module | caught | survived | total run | % caught | not run |", "|---|---:|---:|---:|---:|---:|"]
    for module, counts in sorted(per_module.items()):
        caught = sum(counts[s] for s in CAUGHT)
        missed = sum(counts[s] for s in MISSED)
        done = caught + missed
        pct = f"{100 * caught / done:.1f}" if done else "–"
        lines.append(f"| {module} | {caught} | {missed} | {done} | {pct} | {counts['not checked']} |")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--sample", type=int, metavar="N", help="print N mutant names per module given")
    parser.add_argument("--seed", type=int, default=14, help="seed of --sample (default: 14)")
    parser.add_argument("modules", nargs="*", help="modules to sample, e.g. analysis validation")
    args = parser.parse_args(argv)
    status = results()
    if args.sample:
        rng = random.Random(args.seed)
        for module in args.modules:
            pool = sorted(n for n in status if n.rsplit(".", 1)[0] == f"cchc_data.{module}")
            if not pool:
                parser.error(f"no mutants of cchc_data.{module}; run `mutmut run` once to generate them")
            print("\n".join(rng.sample(pool, min(args.sample, len(pool)))))
        return 0
    print("\n".join(table(status)))
    for module in unmutated(status):
        print(f"warning: no mutant of {module}: mutmut 3 does not mutate decorated functions (see tests/MUTATION.md)")
    if args.survivors:
        print()
        print("\n".join(f"- `{name}` ({state})" for name, state in sorted(status.items()) if state in MISSED))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
