"""The ``cchc`` command line: validate the data, summarise it (more subcommands join in later layers)."""

from __future__ import annotations

import argparse
import sys

from .datadir import DataError

__all__ = ["main"]


def _cmd_validate(args) -> int:
    from .validation import validate, verify_evidence

    report = validate(args.data_dir)
    issues = list(report.issues)
    if args.sources:
        issues += verify_evidence(args.sources, data_dir=args.data_dir)
    for issue in issues:
        print(issue, file=sys.stderr if issue.level == "error" else sys.stdout)
    errors = sum(1 for i in issues if i.level == "error")
    warnings = len(issues) - errors
    print(f"{report.data_dir}: {'valid' if not errors else 'INVALID'} ({errors} errors, {warnings} warnings)")
    return 1 if errors else 0


def _cmd_summary(args) -> int:
    from .analysis import summary

    table = summary(data_dir=args.data_dir)
    print(table.to_string())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="Curated CCHC indicators of Vietnamese provinces.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check the data package (schema and cross-row rules)")
    p.add_argument(
        "data_dir", nargs="?", default=None, help="data folder (default: the bundled data or $CCHC_DATA_DIR)"
    )
    p.add_argument(
        "--sources", metavar="DIR", help="also check every evidence fragment against the source texts in DIR"
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("summary", help="facts per province, domain and source")
    p.add_argument("--data-dir", default=None)
    p.set_defaults(func=_cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cchc`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (DataError, ValueError, FileNotFoundError) as exc:
        print(f"cchc {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"cchc {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
