"""Who is looking, and what they may do.

Two modes, chosen when the server starts (``./dev run --team``, README "Serving to a team"):

* **local** (the default, served on 127.0.0.1): the person at this machine may do everything, as
  its login name; a visitor from any other address must sign in like in team mode.
* **team** (``KJ_TEAM=1``): viewing stays open unless ``KJ_VIEW=signed-in``; uploading, undoing,
  adding documents and reviewing need a signed-in analyst, undoing someone else's batch and the
  audit trail an admin. People sign in with the organisation's OpenID Connect provider
  (Streamlit's ``st.login``, configured in ``.streamlit/secrets.toml`` ``[auth]``) or with a local
  account (``python -m etl account add``).
"""

from __future__ import annotations

import getpass
import os
import threading
import time
from dataclasses import dataclass

import streamlit as st

from dashboard.i18n import one_language, t
from etl import accounts, audit

FAILURES_BEFORE_PAUSE = 5
PAUSE_SECONDS = 60
_failures: dict[str, list[float]] = {}
_failures_lock = threading.Lock()
VIA_KEYS = {"this machine": "via_machine", "local account": "via_local", "oidc": "via_oidc"}


@dataclass(frozen=True)
class User:
    name: str
    role: str
    via: str  # "this machine", "local account" or "oidc:<provider>"

    def may(self, role: str) -> bool:
        return accounts.at_least(self.role, role)


def team_mode() -> bool:
    return os.environ.get("KJ_TEAM", "").lower() in ("1", "true", "yes")


def viewing_open() -> bool:
    return not team_mode() or os.environ.get("KJ_VIEW", "open") != "signed-in"


def address() -> str:
    """The visitor's address as the server saw it (Streamlit gives none for localhost)."""
    try:
        found = st.context.ip_address
    except Exception:  # outside a running page
        return "localhost"
    return found if isinstance(found, str) and found else "localhost"


def providers() -> list[str]:
    """The OpenID Connect providers configured in secrets.toml [auth] ("" for a single unnamed one)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file at all
        return []
    if not section:
        return []
    named = [name for name, value in section.items() if hasattr(value, "keys")]
    return named or ([""] if "client_id" in section else [])


def current_user() -> User | None:
    signed_in = st.session_state.get("local_user")
    if isinstance(signed_in, User):
        return signed_in
    if providers() and st.user.is_logged_in:
        email, subject = st.user.get("email"), st.user.get("sub")
        role = accounts.role_for_oidc(email, subject) or "viewer"
        user = User(str(email or subject), role, f"oidc:{st.user.get('provider') or ''}".rstrip(":"))
        if st.session_state.get("oidc_recorded") != user.name:  # once per visit, not per rerun
            st.session_state["oidc_recorded"] = user.name
            audit.record(actor(user), "sign_in", user.name, {"provider": st.user.get("provider")})
        return user
    if not team_mode() and address() == "localhost":
        return User(getpass.getuser(), "admin", "this machine")
    return None


def actor(user: User) -> audit.Actor:
    return audit.Actor(user.name, user.role, user.via, address())


def allowed(role: str) -> User | None:
    """The current user when they may act as ``role``, else None."""
    user = current_user()
    return user if user is not None and user.may(role) else None


def explain_refusal(role: str, lang: str) -> None:
    """Say why this part of the page is closed, and how to open it."""
    user = current_user()
    if user is None:
        st.info(t("sign_in_needed", lang).format(role=t("role_" + role, lang)))
    else:
        st.info(t("role_too_low", lang).format(name=user.name, have=t("role_" + user.role, lang),
                                               role=t("role_" + role, lang)))


def sign_in_box(lang: str) -> None:
    """The sidebar's sign-in or signed-in block."""
    user = current_user()
    with st.sidebar:
        if user is not None:
            st.caption(t("signed_in_as", lang).format(name=user.name, role=t("role_" + user.role, lang),
                                                      via=t(VIA_KEYS[user.via.split(":")[0]], lang)))
            if user.via != "this machine" and st.button(t("sign_out", lang), key="sign_out"):
                sign_out(user)
            return
        if not (team_mode() or address() != "localhost"):
            return
        for provider in providers():
            label = t("sign_in_with", lang).format(provider=provider or "SSO")
            st.button(label, key=f"sign_in_{provider}", on_click=st.login,
                      args=(provider,) if provider else ())
        if any(account.kind == "local" for account in accounts.load().values()):
            with st.form("local_sign_in"):
                name = st.text_input(t("account_name", lang), max_chars=80, key="sign_in_name")
                password = st.text_input(t("password", lang), type="password",
                                         max_chars=accounts.MAX_PASSWORD_CHARS, key="sign_in_password")
                if st.form_submit_button(t("sign_in", lang)):
                    message = sign_in_locally(name, password)
                    if message:
                        st.error(one_language(message, lang))
                    else:
                        st.rerun()


def sign_in_locally(name: str, password: str) -> str | None:
    """Sign in with a local account; None on success, else the message to show."""
    name = name.strip()[:80]
    now = time.monotonic()
    with _failures_lock:
        recent = [moment for moment in _failures.get(name, []) if now - moment < PAUSE_SECONDS]
        _failures[name] = recent
        if len(recent) >= FAILURES_BEFORE_PAUSE:
            return (f"连续输错密码，请 {PAUSE_SECONDS} 秒后再试 / too many wrong passwords: try again in "
                    f"{PAUSE_SECONDS} s")
    account = accounts.verify(name, password)
    visitor = audit.Actor(name, account.role if account else "", "local account", address())
    if account is None:
        with _failures_lock:
            _failures.setdefault(name, []).append(now)
        audit.record(visitor, "sign_in_failed", name, {})
        return "账户名或密码不对 / wrong account name or password"
    with _failures_lock:
        _failures.pop(name, None)
    st.session_state["local_user"] = User(account.name, account.role, "local account")
    audit.record(visitor, "sign_in", name, {})
    return None


def sign_out(user: User) -> None:
    st.session_state.pop("local_user", None)
    if user.via.startswith("oidc"):
        st.logout()
    st.rerun()
