"""Run a program out of reach of the machine: inside bubblewrap where it works, else as a plain process with the
protections that can be had, and say which are missing.

With bubblewrap (Debian's ``bubblewrap``) the program sees only what it needs, each bound read-only: the system's
programs and libraries (``/usr`` and its links ``/bin``, ``/lib``, ...), the few files of ``/etc`` that programs read
(``SYSTEM_FILES``), the Python installation and environment it runs with, and the run's own kit and job; plus a
private ``/tmp``, ``/dev`` and ``/proc``. Nothing else of the machine is there: not ``/work`` or any other folder of
data, no home folder, not the repository, the other submissions or earlier results. It has no network (its own loopback only), its own processes (killing the run kills everything it
started, detached or not), a private home of limited size, and only the environment variables it is given.

Everywhere the program gets its own process group, which is killed when the run ends or its time is up. Its resource
limits (memory, CPU time, file size; processes for a user other than root) are set by the program itself, before it
runs anything else, from ``limits(...)``. For root, a ``pids`` cgroup (v1 or v2) caps the number of processes and
threads, since the kernel does not apply that limit to root, and lets every process of the run be killed.
"""
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")  # programs and libraries (folders or links)
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/passwd",
                "/etc/group", "/etc/nsswitch.conf", "/etc/fonts", "/etc/mime.types")  # what programs read of /etc
INSIDE = Path("/home")  # in the sandbox: /home/kit (read-only), /home/job (read-only), /home/student (private)
CGROUP_FOLDERS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))  # v1, then v2


@dataclass(frozen=True)
class Limits:
    seconds: int  # wall clock of a whole run: it is killed after that
    memory: int = 2 * 1024**3  # bytes of address space, per process
    file_size: int = 64 * 1024**2  # bytes, per file written
    processes: int = 128  # processes and threads at once
    disk: int = 256 * 1024**2  # bytes of the private writable folder (bubblewrap only)


@dataclass(frozen=True)
class View:
    """Where a run finds things: the same paths seen from inside the sandbox, or the real ones without it."""

    kit: Path  # read-only: the program and what it copies
    job: Path  # read-only: this run's job
    home: Path  # writable and private: the home folder, and where the program makes its copy


@dataclass(frozen=True)
class Ended:
    status: int | None  # the exit status, or None if it was killed when its time was up
    output: bytes  # what the program left in its standard output, at most the file size limit


class Sandbox:
    """How each run is isolated on this machine, found once."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.bubblewrap = bubblewrap_works()
        prefixes = [Path(sys.base_prefix), Path(sys.prefix)]  # the Python installation and the venv, by both names
        self.needed = sorted({*prefixes, *(p.resolve() for p in prefixes)}, key=lambda p: len(p.parts))
        self.cgroups = pids_cgroups() if os.geteuid() == 0 else None
        self.running: set[subprocess.Popen] = set()

    def protections(self) -> tuple[list[str], list[str]]:
        """What each run has, and what it lacks, in words."""
        limits = self.limits
        have = [f"its own process group, killed after {limits.seconds} s",
                f"at most {limits.memory // 1024**2} MB of memory per process, {limits.file_size // 1024**2} MB "
                "per file written, and CPU time no longer than its wall clock"]
        missing = []
        if self.cgroups:
            have.append(f"at most {limits.processes} processes and threads (a pids cgroup), all killed when it ends")
        elif os.geteuid() != 0:
            have.append(f"at most {limits.processes} more processes and threads than this user has")
        else:
            missing.append("a limit on processes (root is exempt from RLIMIT_NPROC and no pids cgroup could be made)")
        if self.bubblewrap:
            have.append("bubblewrap: only the system's programs and libraries and the Python environment, "
                        "read-only (not the repository, the submissions, the results, /work or any home folder); "
                        f"no network; a private home of {limits.disk // 1024**2} MB; only the "
                        "environment variables it needs; everything it started killed when it ends")
        else:
            missing.append("bubblewrap (apt-get install bubblewrap): without it a submission can read and write "
                           "whatever your account can (the repository, other submissions, the results, your files), "
                           "use the network and fill the disk" + ("" if self.cgroups else
                                                                   ", and a process it detaches may outlive the run"))
        return have, missing

    def view(self, kit: Path, job: Path) -> View:
        if self.bubblewrap:
            return View(INSIDE / "kit", INSIDE / "job", INSIDE / "student")
        return View(kit, job, job / "home")

    def run(self, program: list[str], kit: Path, job: Path, environment: dict[str, str]) -> Ended:
        """Run ``program`` (paths as ``view`` gives them) with ``kit`` and ``job`` in view, its standard output going to
        ``job/output``; wait at most the time limit, then kill everything it started."""
        view = self.view(kit, job)
        environment = {**environment, "HOME": str(view.home), "TMPDIR": str(view.home)}
        if self.bubblewrap:
            command = [*self.bubblewrap_command(kit, job, environment), *program]
        else:
            view.home.mkdir()
            command = program
        group = self.new_cgroup()
        if group:
            command = ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(group), *command]
        output = job / "output"
        with output.open("w+b") as out, (job / "errors").open("wb") as errors:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=errors,
                                       env=environment, cwd=job, start_new_session=True)
            self.running.add(process)
            try:
                status = process.wait(timeout=self.limits.seconds)
            except subprocess.TimeoutExpired:
                status = None
            finally:
                end(process, group)
                self.running.discard(process)
        return Ended(status, output.read_bytes()[:self.limits.file_size])

    def stop_all(self) -> None:
        """Kill every run still going (their own threads then clean up)."""
        for process in list(self.running):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

    def bubblewrap_command(self, kit: Path, job: Path, environment: dict[str, str]) -> list[str]:
        command = ["bwrap"]
        for path in map(Path, SYSTEM):
            if path.is_symlink():
                command += ["--symlink", os.readlink(path), str(path)]
            elif path.is_dir():
                command += ["--ro-bind", str(path), str(path)]
        for path in SYSTEM_FILES:
            command += ["--ro-bind-try", path, path]
        command += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
        for folder in self.needed:
            command += ["--ro-bind", str(folder), str(folder)]
        command += ["--ro-bind", str(kit), str(INSIDE / "kit"), "--ro-bind", str(job), str(INSIDE / "job"),
                    "--size", str(self.limits.disk), "--tmpfs", str(INSIDE / "student"),
                    "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
                    "--chdir", str(INSIDE / "student")]
        for name, value in environment.items():
            command += ["--setenv", name, value]
        return command

    def new_cgroup(self) -> Path | None:
        if not self.cgroups:
            return None
        group = self.cgroups / f"grade-{os.getpid()}-{time.monotonic_ns()}"
        try:
            group.mkdir()
            (group / "pids.max").write_text(str(self.limits.processes))
        except OSError:
            return None
        return group

    def resource_limits(self) -> dict[str, int]:
        """The limits the program sets on itself (names of run_submission.LIMITS)."""
        limits = {"memory": self.limits.memory, "cpu": self.limits.seconds, "file_size": self.limits.file_size}
        if os.geteuid() != 0:
            limits["processes"] = tasks_of(os.getuid()) + self.limits.processes
        return limits


def end(process: subprocess.Popen, group: Path | None) -> None:
    """Kill the run's process group and every process left in its cgroup, then remove the cgroup."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    if group:
        for _ in range(100):
            pids = (group / "cgroup.procs").read_text().split()
            if not pids:
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
            time.sleep(0.01)
        group.rmdir()


def bubblewrap_works() -> bool:
    """True if bubblewrap is installed and can make its namespaces here (some systems forbid them)."""
    if not shutil.which("bwrap"):
        return False
    probe = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent",
             "true"]
    return subprocess.run(probe, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def pids_cgroups() -> Path | None:
    """A cgroup folder where a new group can limit its processes (v1 ``pids`` hierarchy, or v2 with pids enabled)."""
    for folder in CGROUP_FOLDERS:
        v1 = folder.name == "pids" and (folder / "cgroup.procs").exists()
        v2 = "pids" in read(folder / "cgroup.subtree_control").split()
        if (v1 or v2) and os.access(folder, os.W_OK):
            return folder
    return None


def read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def tasks_of(uid: int) -> int:
    """How many processes and threads the user has now (RLIMIT_NPROC counts them all)."""
    count = 0
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                count += len(os.listdir(entry / "task"))
        except OSError:
            continue
    return count
