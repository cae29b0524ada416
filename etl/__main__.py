"""Command line: ``python -m etl`` builds the targets database; see ``--help`` for the rest."""

from __future__ import annotations

import argparse
import sys

from etl import build, export
from etl.documents import DocumentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build the targets database (the default)")
    exporter = commands.add_parser("export", help="write targets or actuals as CSV or XLSX")
    exporter.add_argument("table", choices=sorted(export.EXPORTS))
    exporter.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    exporter.add_argument("--output", help="file to write (standard output when left out)")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            return export.main(args.table, args.format, args.output)
        print(build.run())
        return 0
    except (build.BuildError, DocumentError, export.ExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
