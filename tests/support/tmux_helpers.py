"""Run the real `workbench` in a detached tmux session and read the real screen.

Each ``TmuxSession`` runs its own tmux server on a unique socket (``tmux -L``),
so a test never touches the user's tmux server, and the server is started from
an explicit, minimal environment.  The app itself is started with ``env -i`` so
it sees exactly the variables given here (UTF-8 locale, xterm-256color, the
test's workspace) and nothing else.  Textual draws on the terminal through
stderr, so nothing of the app's output is redirected.

The server's configuration turns the status bar off (the pane is the whole
``width`` x ``height`` screen) and keeps dead panes (``remain-on-exit``), so a
test can see how the app ended and read a traceback if it crashed.  The pane's
shell records the app's exit status in a file (``exit_status()``).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TMUX = shutil.which("tmux")

TMUX_CONFIG = """\
set -g status off
set -g default-shell /bin/sh
set -g remain-on-exit on
set -g history-limit 100
set -s escape-time 0
"""

# Box-drawing and block characters that Textual uses for borders, scrollbars and bars.
_DECORATION = re.compile(r"[\u2500-\u259f]")


class TmuxError(AssertionError):
    pass


def reflow(screen: str) -> str:
    """The screen's words as one line: borders dropped, runs of whitespace (incl. line ends) as one space.

    Textual wraps long status lines inside their widget; this lets a test find a
    phrase whatever the wrapping, e.g. "`workbench models install FILE.argosmodel`".
    """
    return " ".join(_DECORATION.sub(" ", screen).split())


def app_environment(data_dir: Path | str, **extra: str) -> dict[str, str]:
    """Exactly the variables the app gets: nothing else leaks in from the test process."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(Path(data_dir).parent)),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "WORKBENCH_DATA_DIR": str(data_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra)
    return env


def workbench_argv(*args: str, python: str | None = None) -> list[str]:
    """The app as a user starts it, with the test run's (the venv's) python."""
    return [python or sys.executable, "-m", "workbench", *args]


class TmuxSession:
    """One detached tmux session, on its own server (socket), running one command."""

    def __init__(self, workdir: Path, width: int = 120, height: int = 40, name: str = "workbench"):
        if TMUX is None:
            raise TmuxError("tmux is not installed")
        self.socket = f"wbtest-{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self.name = name
        self.width, self.height = width, height
        self.workdir = Path(workdir)
        self.config = self.workdir / f"{self.socket}.conf"
        self.config.write_text(TMUX_CONFIG, encoding="utf-8")
        self.exit_file = self.workdir / f"{self.socket}.exit"
        self.started = False
        self.last_screen = ""

    # -- tmux itself -------------------------------------------------------------
    def _client_env(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(self.workdir)),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        }
        if os.environ.get("TMUX_TMPDIR"):
            env["TMUX_TMPDIR"] = os.environ["TMUX_TMPDIR"]
        return env  # no TMUX / TMUX_PANE: never talk to an enclosing tmux

    def tmux(self, *args: str, check: bool = True, timeout: float = 10) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [TMUX, "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True, text=True, env=self._client_env(), timeout=timeout,
            stdin=subprocess.DEVNULL, encoding="utf-8", errors="replace",
        )
        if check and result.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)!r} failed ({result.returncode}): {result.stderr.strip()}")
        return result

    def start(self, argv: list[str], env: dict[str, str], cwd: Path | str = ROOT) -> TmuxSession:
        """Run ``env -i <env> <argv>`` in a new detached session.

        The pane's shell waits for the command and writes its exit status to
        ``exit_file`` (tmux itself may reap a dead pane's process late and then
        report no status).
        """
        inner = shlex.join(["env", "-i", *(f"{key}={value}" for key, value in env.items()), *argv])
        command = f"{inner}; echo $? > {shlex.quote(str(self.exit_file))}"
        self.tmux("new-session", "-d", "-x", str(self.width), "-y", str(self.height),
                  "-s", self.name, "-c", str(cwd), command)
        self.started = True
        return self

    def kill_server(self) -> None:
        """End the server, the session and whatever still runs in it (nothing is left behind)."""
        if self.started:
            leftovers = self._pane_processes()
            self.tmux("kill-server", check=False)
            self.started = False
            _reap(leftovers)
        self.socket_path().unlink(missing_ok=True)  # tmux does not always remove it
        self.config.unlink(missing_ok=True)
        self.exit_file.unlink(missing_ok=True)

    def socket_path(self) -> Path:
        folder = os.environ.get("TMUX_TMPDIR") or "/tmp"
        return Path(folder) / f"tmux-{os.getuid()}" / self.socket

    def _pane_processes(self) -> list:
        import psutil

        try:
            root = psutil.Process(self.pane_pid())
            return [root, *root.children(recursive=True)]
        except (TmuxError, ValueError, psutil.Error):
            return []

    # -- input -------------------------------------------------------------------
    def send_keys(self, *keys: str) -> None:
        """tmux key names: "Enter", "Down", "Escape", "C-q", "e" ..."""
        self.tmux("send-keys", "-t", self.name, *keys)

    def type_text(self, text: str) -> None:
        """Literal text (send-keys -l), e.g. Burmese, as if pasted key by key."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    # -- output ------------------------------------------------------------------
    def capture(self) -> str:
        self.last_screen = self.tmux("capture-pane", "-p", "-t", self.name).stdout
        return self.last_screen

    def lines(self) -> list[str]:
        return self.capture().splitlines()

    def pane(self, field: str) -> str:
        return self.tmux("display-message", "-p", "-t", self.name, f"#{{{field}}}").stdout.strip()

    def pane_pid(self) -> int:
        return int(self.pane("pane_pid"))

    def pane_dead(self) -> bool:
        return self.pane("pane_dead") == "1"

    def exit_status(self) -> int | None:
        """The command's exit status (128 + N when killed by signal N), None while it runs."""
        try:
            text = self.exit_file.read_text(encoding="ascii")
        except FileNotFoundError:
            return None
        return int(text) if text.endswith("\n") else None

    def describe(self) -> str:
        try:
            state = f"dead (exit status {self.exit_status()!r})" if self.pane_dead() else "running"
        except TmuxError as error:
            state = f"unknown ({error})"
        return f"pane {state}; last screen:\n{self.last_screen}"

    def wait_until(self, predicate, what: str, timeout: float = 10, interval: float = 0.05) -> str:
        """Poll the screen until predicate(screen) is true; returns that screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.capture()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise TmuxError(f"timed out after {timeout}s waiting for {what}; {self.describe()}")
            time.sleep(interval)

    def wait_for(self, text: str, timeout: float = 10, wrapped: bool = False) -> str:
        """Wait until ``text`` is on screen (``wrapped``: anywhere in the reflowed screen)."""
        if wrapped:
            return self.wait_until(lambda s: text in reflow(s), f"{text!r} (reflowed)", timeout)
        return self.wait_until(lambda s: text in s, repr(text), timeout)

    def wait_for_exit(self, timeout: float = 10) -> int:
        """Wait until the command has ended and the pane is dead; returns the exit status."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None or not self.pane_dead():
            if time.monotonic() > deadline:
                self.capture()
                raise TmuxError(f"the command did not end within {timeout}s; {self.describe()}")
            time.sleep(0.05)
        self.capture()
        return status

    # -- the process -------------------------------------------------------------
    def app_process(self, marker: tuple[str, ...] = ("-m", "workbench")):
        """The python process running the app: the pane's process or one of its descendants."""
        import psutil

        root = psutil.Process(self.pane_pid())
        for process in [root, *root.children(recursive=True)]:
            try:
                cmdline = process.cmdline()
            except psutil.NoSuchProcess:
                continue
            if "python" in Path(cmdline[0]).name and _contains(cmdline, marker):
                return process
        raise TmuxError(f"no python {' '.join(marker)} process under pane pid {root.pid}: {root.cmdline()}")

    def kill_app(self, sig: int = signal.SIGKILL, timeout: float = 10) -> int:
        """Send ``sig`` to the app's python process itself and wait until it has died.

        A zombie counts as dead: it runs no more code and has closed its files;
        tmux may take a while to reap it.
        """
        import psutil

        process = self.app_process()
        pid = process.pid
        os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while True:
            try:
                state = process.status()
            except psutil.NoSuchProcess:
                return pid
            if state == psutil.STATUS_ZOMBIE:
                return pid
            if time.monotonic() > deadline:
                raise TmuxError(f"pid {pid} still {state} {timeout}s after signal {sig}; {self.describe()}")
            time.sleep(0.02)


def _reap(processes: list, timeout: float = 3) -> None:
    """Wait for the processes a session started to end (tmux hangs them up); SIGKILL any left."""
    import psutil

    deadline = time.monotonic() + timeout
    alive = [p for p in processes if not has_ended(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if not has_ended(p)]
    for process in alive:
        try:
            process.kill()
        except psutil.Error:
            pass


def has_ended(process) -> bool:
    """True once a psutil.Process has exited (a zombie waiting to be reaped has exited)."""
    import psutil

    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _contains(sequence: list[str], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(tuple(sequence[i:i + n]) == part for i in range(len(sequence) - n + 1))
