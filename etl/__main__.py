"""Command line: ``python -m etl`` builds the targets database; see ``--help`` for the rest."""

from __future__ import annotations

import argparse
import sys

from pathlib import Path

from etl import accounts, actuals, audit, build, export, paths, queries, review
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
    ingest.add_argument("--sheet", help="the Excel sheet to read (default: the first that holds data)")
    ingest.add_argument("--confirm-unusual", action="store_true",
                        help="store values above the usual size for their indicator (they are listed)")
    ingest.add_argument("--again", action="store_true",
                        help="store the file even though the same file is already a live batch")
    restorer = commands.add_parser("restore-actuals", help="rebuild the actuals database from the batch "
                                   "journal (the old file is kept beside it, renamed)")
    restorer.add_argument("--from-backup", nargs="?", const="newest", metavar="FILE",
                          help="copy a backup from data/backups/ instead (the newest when no FILE); "
                          "batches after it are lost unless restored from the journal")
    auditor = commands.add_parser("audit", help="print the audit trail (newest first) as CSV")
    auditor.add_argument("--action", choices=audit.ACTIONS)
    auditor.add_argument("--who")
    auditor.add_argument("--since", help="YYYY-MM-DD (UTC)")
    auditor.add_argument("--until", help="YYYY-MM-DD (UTC), inclusive")
    account = commands.add_parser("account", help="local accounts and the roles of single-sign-on users")
    account.add_argument("what", choices=["list", "add", "role", "password", "remove"])
    account.add_argument("name", nargs="?", help="account name (for --oidc: the e-mail or subject)")
    account.add_argument("--role", choices=accounts.ROLES, default="viewer")
    account.add_argument("--oidc", action="store_true",
                         help="a role for someone who signs in with the organisation's provider")
    account.add_argument("--password-stdin", action="store_true",
                         help="read the password from standard input (else asked twice)")
    adder = commands.add_parser(
        "add-document", help="check a plan document (.txt, .docx, .pdf, .html), store it in "
        "data/raw/ with its metadata and rebuild")
    adder.add_argument("file")
    adder.add_argument("--region", help="region name, alias or six-digit code (else inferred "
                       "from the title, issuer or opening lines)")
    adder.add_argument("--year", help="plan year or period, 2023 or 2022-2024 (else inferred "
                       "from the title or the issue date)")
    adder.add_argument("--title", help="the document's title (else its first title-like line)")
    corrections = commands.add_parser("corrections", help="list the review decisions and what "
                                      "the last build did with each")
    corrections.add_argument("what", choices=["list"])
    correct = commands.add_parser("correct", help="correct one field of an extracted number, "
                                  "kept in data/review/corrections.jsonl, and rebuild")
    correct.add_argument("target", help="target_id (this build) or target_key (stable)")
    correct.add_argument("field", choices=review.FIELDS)
    correct.add_argument("value")
    for name, text in [("accept", "mark an extracted number as checked and right"),
                       ("reject", "reject an extracted number (it goes to the unplaced table)")]:
        command = commands.add_parser(name, help=f"{text}, and rebuild")
        command.add_argument("target", help="target_id (this build) or target_key (stable)")
    for command in (correct, commands.choices["accept"], commands.choices["reject"]):
        command.add_argument("--reason", default="", help="why (required to correct or reject)")
        command.add_argument("--who", default="", help="who decides (default: the login name)")
    args = parser.parse_args(argv)
    try:
        if args.command == "corrections":
            return list_corrections()
        if args.command in ("correct", "accept", "reject"):
            return record(args)
        if args.command == "add-document":
            stored = add_document(Path(args.file), paths.RAW_DIR, load_reference(), args.region,
                                  args.year, args.title)
            print(stored)
            print(build.run())
            return 0
        if args.command == "restore-actuals":
            return restore_actuals(args.from_backup)
        if args.command == "audit":
            events = audit.events(args.action, args.who, args.since, args.until)
            sys.stdout.write(export.to_bytes(events, "csv").decode("utf-8-sig"))
            return 0
        if args.command == "account":
            return manage_account(args)
        if args.command == "ingest-actuals":
            queries.ensure_database()
            try:
                outcome = ingest_module.ingest(Path(args.file), args.good_rows, args.note, args.sheet,
                                               args.confirm_unusual, args.again)
            except (ValueError, actuals.ActualsUnavailable) as error:
                print(f"nothing was written: {error}")
                return 1
            print(outcome.report())
            return 1 if outcome.rejected_anything else 0
        if args.command == "export":
            return export.main(args.table, args.format, args.output)
        print(build.run())
        return 0
    except (build.BuildError, DocumentError, export.ExportError, actuals.ActualsBusy,
            actuals.AlreadyStored, accounts.AccountError,
            queries.DataMissing, review.ReviewError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def restore_actuals(from_backup: str | None) -> int:
    from etl import backups, journal

    actor = audit.Actor.command_line()
    if from_backup:
        used = backups.restore(None if from_backup == "newest" else Path(from_backup))
        print(f"restored the actuals database from {used}")
        audit.record(actor, "actuals_restored", str(used), {"from": "backup"})
        return 0
    counts = journal.restore()
    print(f"restored {counts['batches']} batches ({counts['rows']} rows), "
          f"{counts['undone']} undone, from {journal.folder()}")
    audit.record(actor, "actuals_restored", str(journal.folder()), {"from": "journal", **counts})
    return 0


def manage_account(args) -> int:
    import getpass

    actor = audit.Actor.command_line()
    if args.what == "list":
        for account in accounts.load().values():
            print(f"{account.name}\t{account.role}\t{account.kind}\tchanged {account.updated_at}")
        return 0
    if not args.name:
        raise accounts.AccountError("name the account / 请给出账户名")

    def password() -> str:
        if args.password_stdin:
            return sys.stdin.readline().rstrip("\n")
        first, second = getpass.getpass("password: "), getpass.getpass("again: ")
        if first != second:
            raise accounts.AccountError("两次输入的密码不同 / the two passwords differ")
        return first

    if args.what == "add":
        accounts.add(args.name, args.role, "oidc" if args.oidc else "local",
                     None if args.oidc else password(), actor)
    elif args.what == "role":
        accounts.set_role(args.name, args.role, actor)
    elif args.what == "password":
        accounts.set_password(args.name, password(), actor)
    else:
        accounts.remove(args.name, actor)
    print(f"{args.what}: {args.name} (recorded in the audit trail)")
    return 0


def record(args) -> int:
    """One decision on one extracted number: checked, appended to the corrections file, rebuilt."""
    queries.ensure_database()
    row = queries.target_row(args.target)
    if row is None:
        raise review.ReviewError(f"no extracted number {args.target!r} in the current database")
    action = "set" if args.command == "correct" else args.command
    decision = review.decide(row, action, load_reference(), getattr(args, "field", ""),
                             getattr(args, "value", ""), args.reason, args.who)
    review.append_decision(decision)
    change = f" {decision.field}: {decision.old!r} -> {decision.new!r}" if action == "set" else ""
    print(f"recorded: {action}{change} on {decision.key} by {decision.who}"
          f"{': ' + decision.why if decision.why else ''}")
    print(build.run())
    return 0


def list_corrections() -> int:
    queries.ensure_database()
    log = queries.review_log()
    if log.empty:
        print(f"no review decisions ({paths.corrections_file()} is empty or missing)")
        return 0
    for row in log.itertuples():
        change = f" {row.field}: {row.old!r} -> {row.new!r}" if row.action == "set" else ""
        print(f"{row.when}  {row.who}  {row.action}{change}  {row.key}\n    why: {row.why or '-'}"
              f"\n    {row.outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
