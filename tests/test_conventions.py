"""The README's commands are the ones CI runs; every page file is registered in app.py."""

from __future__ import annotations

import re

from etl.paths import PROJECT_DIR


def readme_commands() -> list[str]:
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", text, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_two_commands():
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert text.index("```") < 400, "the commands come first"
    assert readme_commands() == ["./dev run", "./dev test"]


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.startswith(readme_commands()[1]) for line in ci.splitlines())


def test_every_page_is_registered():
    app = (PROJECT_DIR / "app.py").read_text(encoding="utf-8")
    for page in (PROJECT_DIR / "pages").glob("*.py"):
        assert f"pages/{page.name}" in app, page.name


def pins(path) -> dict[str, str]:
    """name -> version of every ``name==version`` line (names lower-cased, _ as -)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_the_lock_file_pins_every_requirement_with_hashes_and_dev_installs_from_it():
    wanted, locked = pins(PROJECT_DIR / "requirements.txt"), pins(PROJECT_DIR / "requirements.lock")
    assert wanted and all(locked.get(name) == version for name, version in wanted.items()), \
        "requirements.txt and requirements.lock disagree: regenerate the lock (README, Dependencies)"
    text = (PROJECT_DIR / "requirements.lock").read_text(encoding="utf-8")
    packages = re.findall(r"^[A-Za-z0-9_.\-]+==.*?(?=^[A-Za-z0-9_.\-]+==|\Z)", text, re.M | re.S)
    assert len(packages) == len(locked) and all("--hash=sha256:" in p for p in packages)
    assert "--require-hashes -r requirements.lock" in (PROJECT_DIR / "dev").read_text(encoding="utf-8")
