"""Sign-in, roles, the audit trail and backups: who may write, and that every write is recorded."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access
from dashboard.serve import team_arguments
from etl import accounts, actuals, audit, backups, ingest, paths

APP = str(paths.PROJECT_DIR / "app.py")
GOOD = paths.PROJECT_DIR / "tests" / "good_files"
ADMIN = audit.Actor("wang", "admin", "local account", "10.1.2.3")
ANALYST = audit.Actor("li", "analyst", "oidc:corp", "10.9.8.7")
OTHER_ANALYST = audit.Actor("zhao", "analyst", "local account", "10.9.8.6")
VIEWER = audit.Actor("chen", "viewer", "local account", "10.9.8.5")


# -- accounts ---------------------------------------------------------------------------------

def test_a_local_password_is_stored_as_an_argon2_hash_and_checked(fresh_db_dir):
    accounts.add("li", "analyst", "local", "correct horse battery", ADMIN)
    stored = accounts.accounts_file().read_text(encoding="utf-8")
    assert "correct horse battery" not in stored and "$argon2id$" in stored
    assert stat.S_IMODE(os.stat(accounts.accounts_file()).st_mode) == 0o600
    assert accounts.verify("li", "correct horse battery").role == "analyst"
    assert accounts.verify("li", "wrong horse battery") is None
    assert accounts.verify("nobody", "correct horse battery") is None


def test_account_rules_refuse_bad_changes(fresh_db_dir):
    with pytest.raises(accounts.AccountError, match="10"):
        accounts.add("li", "analyst", "local", "short", ADMIN)
    with pytest.raises(accounts.AccountError, match="role"):
        accounts.add("li", "owner", "local", "long enough password", ADMIN)
    with pytest.raises(accounts.AccountError, match="account name"):
        accounts.add("<script>", "viewer", "local", "long enough password", ADMIN)
    accounts.add("li", "analyst", "local", "long enough password", ADMIN)
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.add("li", "viewer", "local", "long enough password", ADMIN)
    with pytest.raises(accounts.AccountError, match="no account"):
        accounts.set_role("nobody", "admin", ADMIN)


def test_every_account_change_is_in_the_audit_trail(fresh_db_dir):
    accounts.add("li", "analyst", "local", "long enough password", ADMIN)
    accounts.add("alice@example.org", "analyst", "oidc", None, ADMIN)
    accounts.set_role("li", "admin", ADMIN)
    accounts.set_password("li", "another long password", ADMIN)
    accounts.remove("li", ADMIN)
    trail = audit.events().iloc[::-1]
    assert list(trail["action"]) == ["account_added", "account_added", "account_role_changed",
                                     "account_password_changed", "account_removed"]
    assert set(trail["who"]) == {"wang"} and set(trail["address"]) == {"10.1.2.3"}
    assert json.loads(trail.iloc[2]["detail"]) == {"from": "analyst", "to": "admin"}
    assert "another long password" not in audit.log_file().read_text(encoding="utf-8")
    assert accounts.role_for_oidc("alice@example.org", "sub-1") == "analyst"
    assert accounts.role_for_oidc("bob@example.org", "sub-2") is None


def test_roles_rank():
    assert accounts.at_least("admin", "analyst") and accounts.at_least("analyst", "analyst")
    assert not accounts.at_least("viewer", "analyst") and not accounts.at_least("", "viewer")


# -- the audit trail ----------------------------------------------------------------------------

def _append_many(db_dir: str, worker: int) -> None:
    paths.DB_DIR = type(paths.DB_DIR)(db_dir)
    for n in range(50):
        audit.record(audit.Actor(f"w{worker}", "analyst", "test", "localhost"), "sign_in", str(n),
                     {"padding": "长" * 300})


def test_writers_in_several_processes_never_interleave_lines(fresh_db_dir):
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_append_many, args=(str(fresh_db_dir), w)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    lines = audit.log_file().read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200 and all(json.loads(line)["action"] == "sign_in" for line in lines)


def test_the_trail_filters_by_action_person_and_day(fresh_db_dir):
    audit.record(ADMIN, "sign_in", "wang")
    audit.record(ANALYST, "sign_in", "li")
    assert list(audit.events(who="li")["who"]) == ["li"]
    assert len(audit.events(action="sign_in")) == 2 and audit.events(action="batch_stored").empty
    today = pd.Timestamp.now(tz="UTC").date().isoformat()
    assert len(audit.events(since=today, until=today)) == 2
    assert audit.events(until="2000-01-01").empty
    with pytest.raises(ValueError):
        audit.record(ADMIN, "drop_everything", "x")


# -- who may write actuals ----------------------------------------------------------------------

def test_an_analysts_upload_and_an_admins_undo_are_in_the_trail_with_user_and_address(fresh_db_dir):
    stored = ingest.ingest(GOOD / "long_utf8.csv", actor=ANALYST)
    assert stored.batch_id
    with pytest.raises(actuals.NotAllowed):  # another analyst may not undo li's batch
        actuals.undo_batch(stored.batch_id, OTHER_ANALYST)
    assert actuals.undo_batch(stored.batch_id, ADMIN)
    trail = audit.events()
    undone, saved = trail.iloc[0], trail.iloc[1]
    assert (saved["action"], saved["who"], saved["role"], saved["via"], saved["address"], saved["subject"]) == \
        ("batch_stored", "li", "analyst", "oidc:corp", "10.9.8.7", stored.batch_id)
    assert json.loads(saved["detail"])["file"] == "long_utf8.csv"
    assert (undone["action"], undone["who"], undone["address"]) == ("batch_undone", "wang", "10.1.2.3")
    batch = actuals.batches().iloc[0]
    assert (batch["uploaded_by"], batch["uploaded_from"], batch["undone_by"]) == ("li", "10.9.8.7", "wang")


def test_an_analyst_undoes_their_own_batch_and_a_viewer_writes_nothing(fresh_db_dir):
    stored = ingest.ingest(GOOD / "long_utf8.csv", actor=ANALYST)
    assert actuals.undo_batch(stored.batch_id, ANALYST)
    with pytest.raises(actuals.NotAllowed):
        ingest.ingest(GOOD / "long_gbk.csv", actor=VIEWER)
    assert len(actuals.batches()) == 1


def test_counts_say_added_replaced_and_unchanged(fresh_db_dir, tmp_path):
    ingest.ingest(GOOD / "long_utf8.csv")
    lines = (GOOD / "long_utf8.csv").read_text(encoding="utf-8").splitlines()
    rows = lines[1:]
    path = tmp_path / "changed.csv"  # the first value 40 becomes 41; the other rows as they were
    path.write_text("\n".join([lines[0], rows[0].replace(",40,", ",41,"), *rows[1:]]) + "\n", encoding="utf-8")
    outcome = ingest.ingest(path)
    batch = actuals.batches().set_index("batch_id").loc[outcome.batch_id]
    assert (batch["rows_added"], batch["rows_replaced"], batch["rows_unchanged"]) == (0, 1, len(rows) - 1)


def test_a_backup_is_taken_after_each_write_and_the_newest_ten_are_kept(fresh_db_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "KEEP", 3)
    for n in range(4):
        path = tmp_path / f"b{n}.csv"
        path.write_text(f"地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,{40 + n},家\n", encoding="utf-8")
        ingest.ingest(path)
    assert len(backups.existing()) == 3
    current = actuals.current_actuals()
    paths.actuals_db().write_bytes(b"\x00damaged" * 4000)
    assert actuals.health().kind == "corrupt"
    backups.restore()
    pd.testing.assert_frame_equal(actuals.current_actuals(), current)
    assert list(fresh_db_dir.glob("actuals.duckdb.replaced-*"))


def test_a_store_written_before_sign_in_gains_the_new_columns(fresh_db_dir):
    import duckdb

    with duckdb.connect(str(paths.actuals_db())) as old:  # the schema as it was
        old.execute("create table batches (batch_id varchar primary key, file_name varchar, sha256 varchar, "
                    "uploaded_at timestamp, note varchar, rows_added integer, rows_replaced integer, "
                    "rows_rejected integer)")
        old.execute("create table undone_batches (batch_id varchar primary key, undone_at timestamp)")
        old.execute("insert into batches values ('old', 'old.csv', 'x', now(), '', 1, 0, 0)")
    assert actuals.batches().empty  # an old store cannot answer today's query ...
    actuals.upgrade()
    assert list(actuals.batches()["batch_id"]) == ["old"]  # ... until it is upgraded


# -- the server's mode --------------------------------------------------------------------------

def test_team_serves_every_interface_with_sign_in_and_local_stays_local(monkeypatch):
    monkeypatch.setenv("KJ_TEAM", "")  # restored (removed) after the test: team_arguments sets it
    monkeypatch.delenv("KJ_TEAM")
    assert team_arguments(["--server.port", "9"]) == ["--server.port", "9"]
    assert "KJ_TEAM" not in os.environ
    assert team_arguments(["--team"]) == ["--server.address", "0.0.0.0"] and os.environ["KJ_TEAM"] == "1"
    assert team_arguments(["--team", "--server.address", "10.0.0.2"]) == ["--server.address", "10.0.0.2"]


def test_a_wrong_password_is_refused_and_repeated_tries_pause(fresh_db_dir, monkeypatch):
    monkeypatch.setattr(access, "_failures", {})
    accounts.add("li", "analyst", "local", "long enough password", ADMIN)
    at = AppTest.from_function(_try_passwords, default_timeout=60)
    at.run()
    said = [m.value for m in at.markdown]
    assert said[:5] == ["wrong account name or password"] * 5
    assert said[5].startswith("too many wrong passwords")
    assert said[6] == "too many wrong passwords: try again in 60 s"  # even the right one, for now
    assert list(audit.events(action="sign_in_failed")["who"]) == ["li"] * 5


def _try_passwords():
    import streamlit as st

    from dashboard import access
    from dashboard.i18n import one_language

    for password in ["guess one!", "guess two!", "guess three", "guess four", "guess five", "guess six!",
                     "long enough password"]:
        st.markdown(one_language(access.sign_in_locally("li", password) or "signed in", "en"))


# -- pages --------------------------------------------------------------------------------------

def open_page(page: str, user: access.User | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if user is not None:
        at.session_state["local_user"] = user
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_in_team_mode_a_visitor_who_has_not_signed_in_cannot_upload_undo_or_review(fresh_db_dir, monkeypatch):
    monkeypatch.setenv("KJ_TEAM", "1")
    ingest.ingest(GOOD / "long_utf8.csv")
    at = open_page("upload", lang="en")
    assert not at.get("file_uploader") and not [b for b in at.button if b.key == "undo"]
    assert any("Sign in" in i.value for i in at.info)
    documents = open_page("documents", lang="en")
    assert not [b for b in documents.button if b.key and "decision_save" in b.key]
    assert any("Sign in" in i.value for i in documents.info)


def test_an_analyst_may_upload_and_undo_only_their_own_batch(fresh_db_dir, monkeypatch):
    monkeypatch.setenv("KJ_TEAM", "1")
    theirs = ingest.ingest(GOOD / "long_utf8.csv", actor=OTHER_ANALYST)
    at = open_page("upload", access.User("li", "analyst", "local account"), lang="en")
    assert at.get("file_uploader")
    assert not [s for s in at.selectbox if s.key == "undo_choice"]  # zhao's batch is not li's to undo
    assert any("only your own" in c.value for c in at.caption)
    admin = open_page("upload", access.User("wang", "admin", "local account"), lang="en")
    assert [s for s in admin.selectbox if s.key == "undo_choice"][0].options == [
        f"{theirs.batch_id} · long_utf8.csv"]


def test_the_audit_page_is_for_admins_and_exports_the_trail(fresh_db_dir, monkeypatch):
    monkeypatch.setenv("KJ_TEAM", "1")
    ingest.ingest(GOOD / "long_utf8.csv", actor=ANALYST)
    refused = open_page("audit", access.User("li", "analyst", "local account"), lang="en")
    assert not refused.dataframe and any("admin" in i.value for i in refused.info)
    at = open_page("audit", access.User("wang", "admin", "local account"), lang="en")
    table = at.dataframe[0].value
    assert list(table["Person"]) == ["li"] and list(table["Action"]) == ["batch stored"]
    assert list(table["Role"]) == ["analyst"] and list(table["Signed in via"]) == ["single sign-on:corp"]
    assert list(table["Address"]) == ["10.9.8.7"]
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Excel"]


def test_the_server_listens_only_on_this_machine_by_default(tmp_path, session_db_dir):
    """Started as ./dev run starts it (no address given): reachable on 127.0.0.1, refused on the
    machine's network address; and the project config hides error details."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import tomllib
    import urllib.request

    from etl.upload import MAX_BYTES

    config = tomllib.loads((paths.PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1" and config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] == MAX_BYTES // 2**20
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        network_address = probe.getsockname()[0]
    if network_address.startswith("127."):
        pytest.skip("this machine has no network address other than loopback")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    shutil.copy(session_db_dir / "targets.duckdb", tmp_path / "targets.duckdb")
    process = subprocess.Popen([sys.executable, "-m", "dashboard.serve", "--server.port", str(port),
                                "--server.fileWatcherType", "none"], cwd=paths.PROJECT_DIR,
                               env={**os.environ, "KJ_DB_DIR": str(tmp_path)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                assert urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok"
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        with pytest.raises(OSError):
            socket.create_connection((network_address, port), timeout=2).close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_free_text_has_length_limits_at_every_door(project, tmp_path):
    from etl import catalogue, review
    from etl.documents import DocumentError
    from etl.intake.store import add_document
    from etl.reference import load_reference

    with pytest.raises(review.ReviewError, match="at most 500"):
        review.append_decision(review.Decision(key="001@1-2#1", action="reject", why="长" * 501))
    with pytest.raises(review.ReviewError, match="at most 500"):
        catalogue.map_label("新增孵化器", "hightech_enterprises", "理" * 501)
    document = tmp_path / "plan.txt"
    document.write_text("吉首市2024年科技工作要点\n高新技术企业达到50家。", encoding="utf-8")
    with pytest.raises(DocumentError, match="at most 200"):
        add_document(document, paths.RAW_DIR, load_reference(), title="题" * 201)
    assert audit.events().empty  # nothing refused was recorded as done


def test_viewing_can_be_closed_to_people_who_have_not_signed_in(fresh_db_dir, monkeypatch):
    monkeypatch.setenv("KJ_TEAM", "1")
    monkeypatch.setenv("KJ_VIEW", "signed-in")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert [i.value for i in at.info] == ["This dashboard is open to signed-in people only: sign in in the sidebar."]
    assert not at.get("plotly_chart") and not at.dataframe
    viewer = AppTest.from_file(APP, default_timeout=60)
    viewer.session_state["local_user"] = access.User("chen", "viewer", "local account")
    viewer.run()
    assert not viewer.exception and not viewer.info and viewer.dataframe  # the overview's tables
