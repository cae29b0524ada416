"""Command line: ``python -m etl`` builds the targets database; see ``--help`` for the rest."""

from __future__ import annotations

import argparse
import sys

from pathlib import Path

from etl import actuals, build, export, paths, queries
from etl import ingest as ingest_module
from etl.documents import DocumentError
from etl.intake.store import add_document
from etl.reference import load_reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build the targets database (the default)")
    exporter = commands.add_parser("export", help="write targets or actuals as CSV or XLSX")
    exporter.add_argument("table", choices=sorted(export.EXPORTS))
    exporter.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    exporter.add_argument("--output", help="file to write (standard output when left out)")
    ingest = commands.add_parser("ingest-actuals", help="check an actuals CSV/XLSX and store it")
    ingest.add_argument("file")
    ingest.add_argument("--good-rows", action="store_true",
                        help="store the rows that pass even when others are rejected")
    ingest.add_argument("--note", default="", help="a note kept with the batch")
    ingest.add_argument("--sheet", help="the Excel sheet to read (default: the first)")
    adder = commands.add_parser(
        "add-document", help="check a plan document (.txt, .docx, .pdf, .html), store it in "
        "data/raw/ with its metadata and rebuild")
    adder.add_argument("file")
    adder.add_argument("--region", help="region name, alias or six-digit code (else inferred "
                       "from the title, issuer or opening lines)")
    adder.add_argument("--year", help="plan year or period, 2023 or 2022-2024 (else inferred "
                       "from the title or the issue date)")
    adder.add_argument("--title", help="the document's title (else its first title-like line)")
    args = parser.parse_args(argv)
    try:
        if args.command == "add-document":
            stored = add_document(Path(args.file), paths.RAW_DIR, load_reference(), args.region,
                                  args.year, args.title)
            print(stored)
            print(build.run())
            return 0
        if args.command == "ingest-actuals":
            queries.ensure_database()
            outcome = ingest_module.ingest(Path(args.file), args.good_rows, args.note, args.sheet)
            print(outcome.report())
            return 1 if outcome.rejected_anything else 0
        if args.command == "export":
            return export.main(args.table, args.format, args.output)
        print(build.run())
        return 0
    except (build.BuildError, DocumentError, export.ExportError, actuals.ActualsBusy,
            queries.DataMissing, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
