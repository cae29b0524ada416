"""Who may write, in which role: local accounts with Argon2id password hashes, and the roles of
people who sign in with the organisation's OpenID Connect provider (matched by e-mail or subject).

Roles, each able to do what the one before can:
  viewer   reads every page;
  analyst  uploads actuals and undoes their own batches, adds documents, reviews numbers;
  admin    also undoes anyone's batch and reads the audit trail.

Kept in ``data/accounts.json`` (mode 600), replaced whole under a lock; every change goes to the
audit trail. ``python -m etl account --help`` manages them.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from etl import audit, paths

ROLES = ("viewer", "analyst", "admin")
KINDS = ("local", "oidc")
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200
NAME_PATTERN = re.compile(r"^[\w.@+\-\u4e00-\u9fff]{2,80}$")
_HASHER = PasswordHasher()  # Argon2id with the library's current parameters
# Checked against when a name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone's")


class AccountError(ValueError):
    """A change that cannot be made; the message says why, in Chinese and English."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    kind: str
    password_hash: str
    created_at: str
    updated_at: str


def accounts_file() -> Path:
    return paths.DB_DIR / "accounts.json"


def at_least(role: str, wanted: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(wanted)


def load() -> dict[str, Account]:
    path = accounts_file()
    if not path.exists():
        return {}
    return {row["name"]: Account(**row) for row in json.loads(path.read_text(encoding="utf-8"))}


def verify(name: str, password: str) -> Account | None:
    """The local account when the password is right, else None (same cost either way)."""
    account = load().get(name.strip())
    if account is None or account.kind != "local" or len(password) > MAX_PASSWORD_CHARS:
        _check(_DUMMY_HASH, password[:MAX_PASSWORD_CHARS])
        return None
    return account if _check(account.password_hash, password) else None


def _check(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def role_for_oidc(email: str | None, subject: str | None) -> str | None:
    """The role granted to someone signed in with the provider, or None when nobody granted one."""
    found = load()
    for key in (email, subject):
        account = found.get(key or "")
        if account is not None and account.kind == "oidc":
            return account.role
    return None


def add(name: str, role: str, kind: str, password: str | None, actor: audit.Actor) -> Account:
    name = name.strip()
    _check_name(name)
    _check_role(role)
    if kind not in KINDS:
        raise AccountError(f"账户类型只能是 {'/'.join(KINDS)} / an account is {' or '.join(KINDS)}")
    if kind == "local":
        _check_password(password or "")
    now = _now()
    account = Account(name, role, kind, _HASHER.hash(password) if kind == "local" else "", now, now)
    with _changing() as found:
        if name in found:
            raise AccountError(f"账户已存在：{name} / the account {name} exists already")
        found[name] = account
    audit.record(actor, "account_added", name, {"role": role, "kind": kind})
    return account


def set_role(name: str, role: str, actor: audit.Actor) -> None:
    _check_role(role)
    with _changing() as found:
        old = _existing(found, name)
        found[name] = Account(**{**asdict(old), "role": role, "updated_at": _now()})
    audit.record(actor, "account_role_changed", name, {"from": old.role, "to": role})


def set_password(name: str, password: str, actor: audit.Actor) -> None:
    _check_password(password)
    with _changing() as found:
        old = _existing(found, name)
        if old.kind != "local":
            raise AccountError(f"{name} 通过单点登录登录，没有本地密码 / {name} signs in with the "
                               "organisation's provider and has no password here")
        found[name] = Account(**{**asdict(old), "password_hash": _HASHER.hash(password),
                                 "updated_at": _now()})
    audit.record(actor, "account_password_changed", name, {})


def remove(name: str, actor: audit.Actor) -> None:
    with _changing() as found:
        old = _existing(found, name)
        del found[name]
    audit.record(actor, "account_removed", name, {"role": old.role, "kind": old.kind})


def _existing(found: dict[str, Account], name: str) -> Account:
    if name not in found:
        raise AccountError(f"没有账户 {name} / there is no account {name}")
    return found[name]


def _check_name(name: str) -> None:
    if not NAME_PATTERN.match(name):
        raise AccountError("账户名为 2 到 80 个字母、数字、汉字或 . @ + - _ / an account name is 2 to 80 "
                           "letters, digits, Chinese characters or . @ + - _")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"角色只能是 {'/'.join(ROLES)} / a role is one of {', '.join(ROLES)}")


def _check_password(password: str) -> None:
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise AccountError(f"密码需 {MIN_PASSWORD_CHARS} 到 {MAX_PASSWORD_CHARS} 个字符 / a password has "
                           f"{MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _changing() -> Iterator[dict[str, Account]]:
    """The accounts, to change in place; written back whole (mode 600) under a lock, or not at all."""
    path = accounts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(".accounts.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        found = load()
        yield found
        scratch = path.with_name(f".accounts.{os.getpid()}.json")
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump([asdict(account) for account in found.values()], handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(scratch, path)
