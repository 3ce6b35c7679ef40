"""A SLURM cluster of one node, this machine, for the tests: munged, slurmctld and slurmd.

Needs only the Python standard library, and Debian's slurm-wlm and munge; runs as root
(slurmd starts the jobs). Everything the cluster writes (its configuration, key, state,
spool, logs and sockets) is in one folder, and the daemons listen on free ports of the
loopback interface, so the cluster neither needs nor touches /etc/slurm, /etc/munge or a
running SLURM:

    with OneNodeCluster(folder) as cluster:
        subprocess.run(["sbatch", "--wait", script], env=cluster.environment)

cluster.environment is os.environ with SLURM_CONF set, for sbatch, scancel, squeue and
sinfo. The node has this machine's cores and one partition, 'debug' (the default). The
daemons are stopped when the block ends; start() raises ClusterError, with the daemons'
logs, when they do not come up within a minute.
"""

import os
import shutil
import socket
import subprocess
import time

PROGRAMS = ("munged", "slurmctld", "slurmd", "sbatch", "scancel", "squeue", "sinfo")
PARTITION = "debug"


class ClusterError(Exception):
    pass


def missing_programs():
    """The programs the cluster needs that are not on PATH (or in /usr/sbin)."""
    path = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/sbin"
    return [name for name in PROGRAMS if shutil.which(name, path=path) is None]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OneNodeCluster:
    def __init__(self, folder):
        self.folder = os.path.abspath(folder)
        self.node = socket.gethostname().split(".")[0]
        self.conf = os.path.join(self.folder, "slurm.conf")
        self.environment = dict(os.environ, SLURM_CONF=self.conf)
        self.environment["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
        self.processes = []

    def path(self, name):
        return os.path.join(self.folder, name)

    def write_configuration(self):
        for name in ("state", "spool"):
            os.makedirs(self.path(name), exist_ok=True)
        key = self.path("munge.key")
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
        os.chmod(key, 0o400)
        lines = [
            "# A one-node SLURM cluster for bendsim's tests (tests/studies/one_node_cluster.py)",
            "ClusterName=bendsimtest",
            f"SlurmctldHost={self.node}(127.0.0.1)",
            f"SlurmctldPort={free_port()}",
            f"SlurmdPort={free_port()}",
            "AuthType=auth/munge",
            f"AuthInfo=socket={self.path('munge.socket')}",
            "CredType=cred/munge",
            "SlurmUser=root",
            "SlurmdUser=root",
            f"StateSaveLocation={self.path('state')}",
            f"SlurmdSpoolDir={self.path('spool')}",
            f"SlurmctldPidFile={self.path('slurmctld.pid')}",
            f"SlurmdPidFile={self.path('slurmd.pid')}",
            f"SlurmctldLogFile={self.path('slurmctld.log')}",
            f"SlurmdLogFile={self.path('slurmd.log')}",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_CPU",
            "ReturnToService=2",
            "MpiDefault=none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            f"NodeName={self.node} NodeAddr=127.0.0.1 CPUs={os.cpu_count() or 1} State=UNKNOWN",
            f"PartitionName={PARTITION} Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        ]
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    def start_daemon(self, command):
        log = open(self.path(os.path.basename(command[0]) + ".out"), "w")
        self.processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                               env=self.environment))

    def logs(self):
        text = ""
        for name in ("munged.log", "munged.out", "slurmctld.log", "slurmctld.out",
                     "slurmd.log", "slurmd.out"):
            if os.path.isfile(self.path(name)):
                with open(self.path(name), errors="replace") as f:
                    text += f"---- {name} ----\n" + "".join(f.readlines()[-20:])
        return text

    def node_state(self):
        result = subprocess.run(["sinfo", "--noheader", "--format=%T"], env=self.environment,
                                capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    def start(self):
        os.makedirs(self.folder, exist_ok=True)
        self.write_configuration()
        self.start_daemon(["munged", "--foreground", "--force",
                           f"--socket={self.path('munge.socket')}",
                           f"--key-file={self.path('munge.key')}",
                           f"--log-file={self.path('munged.log')}",
                           f"--pid-file={self.path('munged.pid')}",
                           f"--seed-file={self.path('munged.seed')}"])
        for _ in range(100):
            if os.path.exists(self.path("munge.socket")):
                break
            time.sleep(0.1)
        self.start_daemon(["slurmctld", "-D", "-f", self.conf])
        self.start_daemon(["slurmd", "-D", "-N", self.node, "-f", self.conf])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.node_state() == "idle":
                return self
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(0.5)
        self.stop()
        raise ClusterError("the one-node SLURM cluster did not come up (node state "
                           f"'{self.node_state()}'):\n" + self.logs())

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exception):
        self.stop()
        return False
