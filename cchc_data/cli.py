"""The ``cchc`` command line: check, summarise and export the data, run the report suite, curate new facts.

Commands (``cchc COMMAND --help`` for each one's options; docs/command-line.md for the whole reference):

- ``validate [DATA_DIR] [--sources DIR] [--engine fast|frictionless]``: the data contract and the cross-row
  rules, with the evidence checked against the source texts when ``--sources`` is given;
- ``summary``: facts per province, domain and source;
- ``export PATH.xlsx``: the facts as an Excel workbook (:func:`cchc_data.export.export_excel`);
- ``report``: validate, then run every notebook for every province and language, and publish
  ``reports/latest`` (:mod:`cchc_data.report`), locally or on a Dask cluster (``--scheduler``);
- ``extract TEXT_FILE --province P --source-id S``: candidate facts of a report's text, to review;
- ``curate check REVIEW.csv [--apply]``: check the reviewed rows, and add them to the data.

Exit codes: 0 success; 1 the data breaks the contract (``validate`` lists every problem; ``summary`` and
``export`` name the first) or a report run failed; 2 something cannot be read or written at all (no
data folder, an unreadable ``datapackage.json``, a folder that does not exist); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from .datadir import ContractError, DataError
from .i18n import LANGS

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

    from .datadir import DataWarning
    from .export import ExportWarning, export_excel
    from .indicators import load_indicators
    from .validation import validate

    filters = {"province": args.province, "domain": args.domain}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)  # the validator's own report follows
        frame = load_indicators(province=args.province, domain=args.domain, data_dir=args.data_dir)
    report = validate(args.data_dir)  # what `cchc report` refuses is not exported either
    if not report.ok:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        print(
            f"cchc export: error: {report.data_dir} does not validate ({len(report.errors)} errors; the first: "
            f"{report.errors[0]}); nothing was written; `cchc validate {report.data_dir}` lists every problem",
            file=sys.stderr,
        )
        return 1
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


SCHEDULER_TIMEOUT = 10
"""Seconds ``--scheduler`` waits for the Dask scheduler to answer."""


def _executor(address, *, timeout: float = SCHEDULER_TIMEOUT):
    """A Dask cluster's executor for ``--scheduler ADDRESS`` (the optional extra ``cchc-analysis[dask]``).

    Dask's client waits for ever on a server that accepts the connection and says nothing (not a Dask
    scheduler): it is started in a thread and given up after ``timeout`` seconds, with a message.
    """
    import threading

    try:
        from distributed import Client
    except ImportError:
        raise ValueError(
            "--scheduler needs Dask's distributed package; install it with `pip install 'cchc-analysis[dask]'`"
        ) from None
    box: dict = {}

    def connect():
        try:
            box["client"] = Client(address, timeout=f"{timeout}s")
        except BaseException as exc:  # reported below, in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=connect, name="cchc-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 5)
    if thread.is_alive():
        raise ValueError(
            f"--scheduler: the server at {address!r} did not answer within {timeout + 5:.0f} s as a Dask "
            "scheduler would; check the address, or start one with `dask scheduler`"
        )
    if "error" in box:
        exc = box["error"]
        raise ValueError(
            f"--scheduler: cannot reach the Dask scheduler at {address!r} ({type(exc).__name__}: {exc}); "
            "check the address, or start one with `dask scheduler`"
        ) from None
    client = box["client"]
    return client, client.get_executor()


def _check_report_options(args) -> None:
    """Refuse bad ``cchc report`` options before anything is read, run or written."""
    from .datadir import data_dir

    if args.lang is not None and not args.lang.replace(",", "").strip():
        raise ValueError(
            f"--lang {args.lang!r}: no language given; use --lang vi,en (or one of them), or leave --lang out for both"
        )
    if args.figures is not None:
        figures = Path(args.figures).expanduser()
        if figures.exists() and not figures.is_dir():
            raise ValueError(f"--figures {args.figures}: not a folder; give a folder (created if needed)")
    output = Path(args.output).expanduser().resolve()
    data = data_dir(args.data_dir).resolve()
    if output == data or data in output.parents:
        raise ValueError(
            f"--output {args.output}: inside the data folder {data}; every suite would change the data it reads; "
            "choose a folder outside it (default: reports)"
        )


def _refused(exc) -> int:
    """Print why the data was refused: every validation issue (file, row, field, what), then the verdict."""
    if exc.report is not None:
        for issue in exc.report.errors + exc.report.warnings:
            print(issue, file=sys.stderr)
    print(f"cchc report: error: {exc}", file=sys.stderr)
    return 1


def _cmd_report(args) -> int:
    from .report import (
        DataInvalid,
        SuiteFailed,
        SuiteLocked,
        parse_langs,
        plan_runs,
        run_matches,
        run_suite,
        select_runs,
        validate_data,
    )

    _check_report_options(args)
    if not args.list:  # the kernel's environment, asked while the data is validated
        from .report._cache import start_probe
        from .report._execute import KERNEL, kernel_variables

        start_probe(KERNEL, extra_env=kernel_variables(data_dir=None, marker=None))
    langs = parse_langs(args.lang if args.lang is not None else ",".join(LANGS))
    try:
        validate_data(args.data_dir)  # before the grid is read from the data (run_suite checks it again)
    except DataInvalid as exc:
        return _refused(exc)
    plan = plan_runs(args.notebooks, langs=langs, data_dir=args.data_dir)
    runs, left_out = plan.runs, plan.left_out
    if args.only:
        runs = select_runs(runs, args.only)
        left_out = [(r, why) for r, why in left_out if run_matches(r, args.only)]
    if args.list:
        lines = [f"{run.label}  ->  {run.folder}/" for run in runs]
        lines += [f"{run.label}  left out: {why}" for run, why in left_out]
        lines.append(f"{len(runs)} runs" + (f", {len(left_out)} left out" if left_out else ""))
        try:
            print("\n".join(lines), flush=True)
        except BrokenPipeError:  # `cchc report --list | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    client, executor = _executor(args.scheduler) if args.scheduler else (None, None)
    try:
        result = run_suite(
            runs, output_root=args.output, jobs=args.jobs, keep=args.keep, force=args.force, executor=executor,
            data_dir=args.data_dir, figures_root=args.figures,
        )  # fmt: skip
    except DataInvalid as exc:
        return _refused(exc)
    except SuiteFailed as exc:
        print(f"cchc report: FAILED: {exc}", file=sys.stderr)
        return 1
    except SuiteLocked as exc:
        print(f"cchc report: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # latest is not a symlink, permission denied, disk full...
        print(f"cchc report: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if client is not None:
            client.close()
    if args.pdf:
        from .report.pdf import write_pdfs

        try:
            pdfs = write_pdfs(result.path)
        except RuntimeError as exc:
            print(f"cchc report: error: {exc}", file=sys.stderr)
            return 2
        print(f"printed {len(pdfs)} pages as A4 PDF (beside each page)")
    if result.latest is None:
        print(f"published {result.path} beside the fuller {Path(args.output) / 'latest'} (left as it was); "
              f"open {result.path / 'index.html'}")  # fmt: skip
    else:
        print(f"published {result.path}; open {result.latest / 'index.html'}")
    return 0


def _cmd_extract(args) -> int:
    from pathlib import Path

    from .curation.extract import extract, write_review
    from .curation.reading import read_report

    out = Path(args.output)
    if out.exists() and not args.force:
        print(
            f"cchc extract: error: {out} exists (a review in progress?); choose another -o or add --force",
            file=sys.stderr,
        )
        return 2
    text = read_report(args.text_file)
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
    from .curation.curate import check

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
    p.add_argument("--lang", type=str.lower, choices=LANGS, default="vi", help="language of sheet names and headers")
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
    p.add_argument("--list", action="store_true", help="print the runs it would do (and those left out, why), and stop")
    p.add_argument("--force", action="store_true", help="execute every run, even unchanged ones (no reuse)")
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="run on a Dask cluster (tcp://host:8786); needs cchc-analysis[dask]"
    )
    p.add_argument("--data-dir", default=None, help="data folder (default: the bundled data or $CCHC_DATA_DIR)")
    p.add_argument(
        "--figures", default=None, metavar="DIR", help="where charts are copied (default: figures/ beside --notebooks)"
    )
    p.add_argument("--pdf", action="store_true", help="also print each page as an A4 PDF (needs Chromium)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("extract", help="candidate facts of a report's text, written to a review file (CSV)")
    p.add_argument(
        "text_file", metavar="REPORT", help="the report: .txt (UTF-8), .html, .docx or .pdf with a text layer"
    )
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
    """Entry point of the ``cchc`` command: run one command and return its exit code.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``cchc`` (``["validate", "data"]``). Default ``None``: ``sys.argv[1:]``.

    Returns
    -------
    int
        0 success; 1 the data breaks the contract or a report run failed; 2 something cannot be read or
        written at all; 130 interrupted. Errors are printed to stderr as ``cchc COMMAND: error: …``, never
        as a traceback.

    Examples
    --------
    >>> main(["validate", "/no/such/folder"])
    2
    """
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
