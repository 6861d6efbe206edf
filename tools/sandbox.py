"""Run a program out of reach of the machine: inside bubblewrap where it works, else as a plain process with the
protections that can be had, and say which are missing.

With bubblewrap (Debian's ``bubblewrap``) the program sees only what it needs, each bound read-only: the system's
programs and libraries (``/usr`` and its links ``/bin``, ``/lib``, ...), the few files of ``/etc`` that programs read
(``SYSTEM_FILES``), the Python installation and environment it runs with, and the run's own kit and job; plus a
private ``/tmp``, ``/dev`` and ``/proc``, its ``/tmp``, ``/dev/shm`` and home folder each of a limited size (bwrap's
``--size``, bubblewrap 0.7 or later; an older one is used without sizes, and the grader says so). Nothing else of the
machine is there: not ``/work`` or any other folder of data, no home folder, not the repository, the other
submissions or earlier results. It has no network (its own loopback only), its own processes (killing the run kills
everything it started, detached or not), and only the environment variables it is given.

Everywhere the program gets its own process group, which is killed when the run ends or its time is up. Its resource
limits (memory, CPU time, file size; processes for a user other than root) are set by the program itself, before it
runs anything else, from ``limits(...)``. For root, a ``pids`` cgroup (v1 or v2) caps the number of processes and
threads, since the kernel does not apply that limit to root, and lets every process of the run be killed; and a
``memory`` cgroup caps the memory of the whole run (all its processes, and the files of its in-memory folders).
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
INSIDE = Path("/home")  # in the sandbox, its folders kit and job (read-only) and student (private, the home)
CGROUP_ROOT = Path("/sys/fs/cgroup")  # v1: a folder per controller in it; v2: the controllers in the folder itself
LIMIT_FILES = {"pids": ("pids.max",), "memory": ("memory.max", "memory.limit_in_bytes")}  # v2 name, v1 name


@dataclass(frozen=True)
class Limits:
    seconds: int  # wall clock of a whole run: it is killed after that
    memory: int = 2 * 1024**3  # bytes of address space, per process
    run_memory: int = 2 * 1024**3  # bytes of memory of the whole run, in-memory files included (a memory cgroup)
    file_size: int = 64 * 1024**2  # bytes, per file written
    processes: int = 128  # processes and threads at once
    disk: int = 256 * 1024**2  # bytes of the private home folder (bubblewrap only)
    temporary: int = 128 * 1024**2  # bytes of /tmp and of /dev/shm, each (bubblewrap only)


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
        self.sized = self.bubblewrap and bubblewrap_sizes_work()
        prefixes = [Path(sys.base_prefix), Path(sys.prefix)]  # the Python installation and the venv, by both names
        self.needed = sorted({*prefixes, *(p.resolve() for p in prefixes)}, key=lambda p: len(p.parts))
        self.cgroups = cgroup_folders() if os.geteuid() == 0 else {}
        self.running: set[subprocess.Popen] = set()

    def protections(self) -> tuple[list[str], list[str]]:
        """What each run has, and what it lacks, in words."""
        limits = self.limits
        have = [f"its own process group, killed after {limits.seconds} s",
                f"at most {mb(limits.memory)} MB of memory per process, {mb(limits.file_size)} MB "
                "per file written, and CPU time no longer than its wall clock"]
        missing = []
        if "memory" in self.cgroups:
            have.append(f"at most {mb(limits.run_memory)} MB of memory for the whole run, its in-memory folders "
                        "included (a memory cgroup)")
        else:
            missing.append(f"a memory limit for the whole run (no memory cgroup could be made): each process may take "
                           f"{mb(limits.memory)} MB, and a run may start up to {limits.processes} of them")
        if "pids" in self.cgroups:
            have.append(f"at most {limits.processes} processes and threads (a pids cgroup), all killed when it ends")
        elif os.geteuid() != 0:
            have.append(f"at most {limits.processes} more processes and threads than this user has")
        else:
            missing.append("a limit on processes (root is exempt from RLIMIT_NPROC and no pids cgroup could be made)")
        if self.bubblewrap:
            have.append("bubblewrap: only the system's programs and libraries and the Python environment, "
                        "read-only (not the repository, the submissions, the results, /work or any home folder); "
                        "no network; a private home" + (
                            f" of {mb(limits.disk)} MB, /tmp and /dev/shm of {mb(limits.temporary)} MB each" if
                            self.sized else ", /tmp and /dev/shm") + "; only the environment variables it needs; "
                        "everything it started killed when it ends")
            if not self.sized:
                missing.append("sizes for the run's home, /tmp and /dev/shm (this bubblewrap has no --size; 0.7 or "
                               "later has): one run can fill the machine's memory with files")
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
        groups = self.new_cgroups()
        if groups:
            join = 'for group in $0; do echo $$ > "$group/cgroup.procs" || exit 125; done; exec "$@"'
            command = ["sh", "-c", join, " ".join(map(str, groups)), *command]
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
                end(process, groups)
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
        command += ["--dev", "/dev", *self.sized_tmpfs(self.limits.temporary, "/dev/shm"), "--proc", "/proc",
                    *self.sized_tmpfs(self.limits.temporary, "/tmp")]
        for folder in self.needed:
            command += ["--ro-bind", str(folder), str(folder)]
        command += ["--ro-bind", str(kit), str(INSIDE / "kit"), "--ro-bind", str(job), str(INSIDE / "job"),
                    *self.sized_tmpfs(self.limits.disk, INSIDE / "student"),
                    "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
                    "--chdir", str(INSIDE / "student")]
        for name, value in environment.items():
            command += ["--setenv", name, value]
        return command

    def sized_tmpfs(self, size: int, folder) -> list[str]:
        """bwrap's arguments for an in-memory folder of at most ``size`` bytes (``--size`` applies to the next
        ``--tmpfs``)."""
        return ["--size", str(size), "--tmpfs", str(folder)] if self.sized else ["--tmpfs", str(folder)]

    def new_cgroups(self) -> list[Path]:
        """A new cgroup in each hierarchy found (one for both controllers in v2), with the run's limits."""
        name = f"grade-{os.getpid()}-{time.monotonic_ns()}"
        limits = {"pids": self.limits.processes, "memory": self.limits.run_memory}
        groups = {}
        for controller, folder in self.cgroups.items():
            group = groups.setdefault(folder / name, [])
            group.append(controller)
        made = []
        try:
            for group, controllers in groups.items():
                group.mkdir()
                made.append(group)
                for controller in controllers:
                    limit_file = next(group / file for file in LIMIT_FILES[controller] if (group / file).exists())
                    limit_file.write_text(str(limits[controller]))
        except (OSError, StopIteration):
            for group in made:
                group.rmdir()
            return []
        return made

    def resource_limits(self) -> dict[str, int]:
        """The limits the program sets on itself (names of run_submission.LIMITS)."""
        limits = {"memory": self.limits.memory, "cpu": self.limits.seconds, "file_size": self.limits.file_size}
        if os.geteuid() != 0:
            limits["processes"] = tasks_of(os.getuid()) + self.limits.processes
        return limits


def end(process: subprocess.Popen, groups: list[Path]) -> None:
    """Kill the run's process group and every process left in its cgroups, then remove the cgroups."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for group in groups:
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


def bubblewrap_sizes_work() -> bool:
    """True if this bubblewrap takes ``--size`` for a tmpfs (0.7 or later)."""
    probe = ["bwrap", "--ro-bind", "/", "/", "--size", str(1024**2), "--tmpfs", "/tmp", "--unshare-all",
             "--die-with-parent", "true"]
    return subprocess.run(probe, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def cgroup_folders() -> dict[str, Path]:
    """For each controller (pids, memory), a cgroup folder where a new group can use it: v1's hierarchy of that
    controller, or v2's root with the controller enabled."""
    found = {}
    for controller in LIMIT_FILES:
        v1 = CGROUP_ROOT / controller
        v2_enabled = controller in read(CGROUP_ROOT / "cgroup.subtree_control").split()
        for folder, usable in ((v1, (v1 / "cgroup.procs").exists()), (CGROUP_ROOT, v2_enabled)):
            if usable and os.access(folder, os.W_OK):
                found[controller] = folder
                break
    return found


def mb(size: int) -> int:
    return size // 1024**2


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
