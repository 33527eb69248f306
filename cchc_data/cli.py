"""The ``cchc`` command line: validate, summarise and export the data; run the report suite.

Exit codes: 0 success; 1 the data breaks the contract (``validate`` lists every problem; ``summary`` and
``export`` name the first) or a report run failed; 2 something cannot be read or written at all (no
data folder, an unreadable ``datapackage.json``, a folder that does not exist); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from .datadir import ContractError, DataError

__all__ = ["main"]


def _cmd_validate(args) -> int:
    from .validation import validate, verify_evidence

    report = validate(args.data_dir, engine=args.engine)
    issues = list(report.issues)
    if args.sources and report.ok:
        issues += verify_evidence(args.sources, data_dir=args.data_dir)
    elif args.sources:
        print("evidence not checked against the source texts: fix the errors first", file=sys.stderr)
    for issue in issues:
        print(issue, file=sys.stderr if issue.level == "error" else sys.stdout)
    errors = sum(1 for i in issues if i.level == "error")
    warnings = len(issues) - errors
    print(f"{report.data_dir}: {'valid' if not errors else 'INVALID'} ({errors} errors, {warnings} warnings)")
    return 1 if errors else 0


def _cmd_summary(args) -> int:
    from .analysis import summary

    table = summary(data_dir=args.data_dir)
    print(table.to_string(index=False))
    return 0


def _cmd_export(args) -> int:
    from openpyxl.reader.excel import load_workbook

    from .export import ExportWarning, export_excel
    from .indicators import load_indicators

    filters = {"province": args.province, "domain": args.domain}
    frame = load_indicators(province=args.province, domain=args.domain, data_dir=args.data_dir)
    group_by = None if args.group_by == "none" else args.group_by
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ExportWarning)
            out = export_excel(
                args.path, frame, group_by=group_by, lang=args.lang, filters=filters, data_dir=args.data_dir
            )
    except OSError as exc:  # permission denied, disk full, file locked by Excel...
        message = f"cannot write {args.path}: {exc.strerror}" if exc.strerror else str(exc)
        print(f"cchc export: error: {message}", file=sys.stderr)
        return 2
    for w in caught:
        print(f"cchc export: warning: {w.message}", file=sys.stderr)
    book = load_workbook(out, read_only=True)
    sheets = len(book.sheetnames)
    book.close()
    print(f"{out}: {len(frame)} facts, {sheets} sheets")
    return 0


def _cmd_report(args) -> int:
    from .report import LANGS, SuiteFailed, SuiteLocked, default_runs, parse_langs, run_suite, select_runs

    runs = default_runs(args.notebooks, langs=parse_langs(args.lang or ",".join(LANGS)))
    if args.only:
        runs = select_runs(runs, args.only)
    if args.list:
        for run in runs:
            print(f"{run.label}  ->  {run.folder}/")
        print(f"{len(runs)} runs")
        return 0
    try:
        result = run_suite(runs, output_root=args.output, jobs=args.jobs, keep=args.keep)
    except SuiteFailed as exc:
        print(f"cchc report: FAILED: {exc}", file=sys.stderr)
        return 1
    except SuiteLocked as exc:
        print(f"cchc report: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # latest is not a symlink, permission denied, disk full...
        print(f"cchc report: error: {exc}", file=sys.stderr)
        return 2
    print(f"published {result.path}; open {result.latest / 'index.html'}")
    return 0


def _cmd_extract(args) -> int:
    from pathlib import Path

    from .extract import extract, write_review

    out = Path(args.output)
    if out.exists() and not args.force:
        print(
            f"cchc extract: error: {out} exists (a review in progress?); choose another -o or add --force",
            file=sys.stderr,
        )
        return 2
    try:
        text = Path(args.text_file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{args.text_file} is not UTF-8 text ({exc.reason} at byte {exc.start}); convert it first"
        ) from None
    frame = extract(text, province=args.province, source_id=args.source_id, period=args.period, data_dir=args.data_dir)
    try:
        write_review(frame, out)
    except OSError as exc:
        print(f"cchc extract: error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    suggested = int((frame["indicator"] != "").sum())
    print(f"{len(frame)} candidates ({suggested} with a suggested indicator) written to {out}")
    no_period = int((frame["period"] == "").sum())
    if no_period:
        print(f"{no_period} candidates have no period: give --period, or add the source to sources.csv first")
    print(f"next: mark keep = yes/no in {out}, correct the rows, then `cchc curate check {out}`")
    return 0


def _cmd_curate_check(args) -> int:
    from .curate import check

    report = check(args.review, data_dir=args.data_dir, apply=args.apply)
    for issue in report.issues:
        print(issue, file=sys.stderr if issue.level == "error" else sys.stdout)
    print(report.summary())
    if args.apply and not report.ok:
        print("nothing written", file=sys.stderr)
    return 0 if report.ok else 1


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
    p.add_argument(
        "--engine", choices=["fast", "frictionless"], default="fast", help="Table Schema checker (default: fast)"
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("summary", help="facts per province, domain and source")
    p.add_argument("--data-dir", default=None)
    p.set_defaults(func=_cmd_summary)

    p = sub.add_parser("export", help="write the facts to an Excel workbook (.xlsx)")
    p.add_argument("path", metavar="PATH.xlsx", help="the workbook to write (its folder must exist)")
    p.add_argument("--province", action="extend", nargs="+", metavar="P", help="only these provinces")
    p.add_argument("--domain", action="extend", nargs="+", metavar="D", help="only these domains (code or label)")
    p.add_argument(
        "--group-by",
        choices=["domain", "province", "source_id", "none"],
        default="domain",
        help="one sheet per domain (default), province, source, or none for a single sheet",
    )
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of sheet names and headers")
    p.add_argument("--data-dir", default=None)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("report", help="run the notebooks for every province and language; publish reports/latest")
    p.add_argument("--lang", default=None, metavar="vi,en", help="languages, comma-separated (default: vi,en)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="parallel runs (default: number of CPUs)")
    p.add_argument("--output", default="reports", metavar="DIR", help="folder of the suites (default: reports)")
    p.add_argument(
        "--notebooks", default="notebooks", metavar="DIR", help="folder of the notebooks (default: notebooks)"
    )
    p.add_argument(
        "--only", metavar="PATTERN", help="only runs matching PATTERN (substring or glob: 01_*, khanh-hoa, lang=en)"
    )
    p.add_argument("--keep", type=int, default=5, metavar="N", help="published suites to keep (default: 5)")
    p.add_argument("--list", action="store_true", help="print the runs it would do, and stop")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("extract", help="candidate facts of a report's text, written to a review file (CSV)")
    p.add_argument("text_file", metavar="TEXT_FILE", help="the report as plain UTF-8 text")
    p.add_argument("--province", required=True, metavar="P", help="the province (name, slug or code)")
    p.add_argument("--source-id", required=True, metavar="S", help="the source's id in sources.csv (kh-2019-article)")
    p.add_argument("--period", default=None, metavar="P", help="the report's period (2019, 2021-Q1, 2021-2030)")
    p.add_argument("-o", "--output", default="review.csv", metavar="REVIEW.csv", help="default: review.csv")
    p.add_argument("--force", action="store_true", help="overwrite the review file if it exists")
    p.add_argument("--data-dir", default=None)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("curate", help="check a reviewed file and add its rows to the data")
    curate_sub = p.add_subparsers(dest="curate_command", required=True, metavar="ACTION")
    c = curate_sub.add_parser("check", help="validate the rows marked keep=yes; --apply adds them to data/")
    c.add_argument("review", metavar="REVIEW.csv", help="the review file written by `cchc extract`")
    c.add_argument("--apply", action="store_true", help="append the kept rows to the data (only if all are valid)")
    c.add_argument("--data-dir", default=None)
    c.set_defaults(func=_cmd_curate_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cchc`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContractError as exc:
        print(f"cchc {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except (DataError, ValueError, FileNotFoundError) as exc:
        print(f"cchc {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `cchc summary | head`: the reader has gone; not an error of ours
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"cchc {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
