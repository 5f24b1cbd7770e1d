"""Does an extracted package work? Load it and translate one sentence, in a child process.

A damaged model.bin or SentencePiece model makes CTranslate2 or SentencePiece raise, hang or
crash the whole process; in a child, the install command survives to say so in one line.
The child translates through the workbench's own engine (its token layout and prefixes),
so a package that passes is one `translate` can use.

The child runs `main(STAGING_DIR, INTRA_THREADS)`, where STAGING_DIR/models holds the one
extracted package.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workbench.errors import UserError

CHECK_SENTENCE = "The weather was fine today."
# Loading is what takes time: NLLB-200 600M int8 loads in seconds, 3.3B int8 in about a
# minute from a slow disk; a child still busy after this is stuck.
CHECK_TIMEOUT_SECONDS = 300
MARKER = "package-check: "  # starts the child's one line saying what failed
# Isolated (-I): neither the current folder nor PYTHONPATH can put another `workbench` first;
# the parent's own copy is added instead, unless the interpreter finds it there already.
_CHILD_CODE = ("import sys; root = sys.argv.pop(1); root in sys.path or sys.path.insert(0, root); "
               "from workbench.mt.package_check import main; sys.exit(main(sys.argv[1:]))")


class _Failed(Exception):
    """What the child reports: the part of the package that failed, and why."""


def check_in_child(staging: Path, archive: Path, intra_threads: int,
                   timeout: float = CHECK_TIMEOUT_SECONDS) -> None:
    """Raise UserError unless the package in `staging`/models loads and translates a sentence."""
    command = [sys.executable, "-I", "-c", _CHILD_CODE, _source_root(), str(staging), str(intra_threads)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise UserError(f"{archive} is refused: its model did not load and translate a test sentence within "
                        f"{timeout:g} s; nothing was installed") from None
    except OSError as error:
        raise UserError(f"cannot start the check of {archive} ({error.strerror or error}); nothing was installed") from None
    if done.returncode != 0:
        raise UserError(f"{archive} is refused: {_reason(done, staging)}; nothing was installed: "
                        "rebuild the package (`workbench models pack`) or download it again")


def _source_root() -> str:
    """The folder holding the `workbench` package this process runs."""
    import workbench

    return str(Path(workbench.__file__).resolve().parent.parent)


def _reason(done: subprocess.CompletedProcess, staging: Path) -> str:
    lines = [line for line in done.stderr.splitlines() if line.startswith(MARKER)]
    if lines:
        reason = lines[-1].removeprefix(MARKER)
    elif done.returncode < 0:
        reason = f"loading it crashed the loader (signal {-done.returncode})"
    else:
        last = next((line for line in reversed(done.stderr.splitlines()) if line.strip()), "no message")
        reason = f"loading it failed ({last.strip()})"
    return reason.replace(f"{staging / 'models'}{os.sep}", "")  # name files as they are inside the archive


def unusable_installed_package(name: str, error: BaseException) -> UserError:
    """What translating with an installed package that no longer loads tells the user."""
    reason = " ".join(str(error).split()) or type(error).__name__
    return UserError(f"the installed package {name} cannot be loaded ({reason}); remove it with "
                     f"`workbench models remove {name}` and install it again")


def main(argv: list[str]) -> int:
    staging, intra_threads = Path(argv[0]), int(argv[1])
    try:
        _check(staging, intra_threads)
    except _Failed as failed:
        print(MARKER + " ".join(str(failed).split()), file=sys.stderr)
        return 1
    return 0


def _check(staging: Path, intra_threads: int) -> None:
    from workbench.mt.argos import ArgosEngine
    from workbench.mt.packages import installed_packages

    found = installed_packages(staging)
    if len(found) != 1:
        raise _Failed("its metadata.json does not describe one translation package")
    package = found[0]
    _check_tokenizer(staging, package.path)
    engine = ArgosEngine(staging, intra_threads=intra_threads)
    try:
        [output] = engine.translate([CHECK_SENTENCE], package.from_code, package.to_code)
    except Exception as error:  # noqa: BLE001 - any failure of the model is the package's, reported in one line
        raise _Failed(f"its CTranslate2 model {package.name}/model/model.bin does not load or translate "
                      f"({error or type(error).__name__})") from None
    if not isinstance(output, str):
        raise _Failed(f"its CTranslate2 model {package.name}/model/model.bin gave no translation")


def _check_tokenizer(staging: Path, path: Path) -> None:
    """SentencePiece loads lazily, so it is made to load (and encode) here, apart from the model."""
    from workbench.mt.argos_env import argos_package_module

    name = next((f"{path.name}/{file}" for file in ("sentencepiece.model", "bpe.model") if (path / file).exists()),
                f"{path.name}/sentencepiece.model")
    try:
        tokenizer = argos_package_module(staging).Package(path).tokenizer
        tokenizer.encode(CHECK_SENTENCE)
    except Exception as error:  # noqa: BLE001 - as above: SentencePiece raises RuntimeError, OSError and others
        raise _Failed(f"its tokenizer {name} does not load ({error or type(error).__name__})") from None
