#!/usr/bin/python3
"""A slow link for real (make bench-link; needs root, not run in CI).

sshd runs in a network namespace behind a veth pair shaped to 64 kbit/s
each way with tc tbf. The kernels here have no netem, so the 300 ms round
trip comes from a relay in this script that holds every chunk 150 ms in
each direction (with netem, `tc qdisc ... netem delay 150ms` would do it;
the relay then forwards at once: LINK_NETEM=1). The scripted task of
session.py (the ИОМ list, a card, its roadmap, mark a row, save, back) is
replayed over `ssh -tt` through the relay, then over loopback to a plain
sshd, and the wall time and the bytes on the wire both ways are compared.

    link.py BUILD DB RESULTS
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import session  # noqa: E402

NS, VH, VN = "mrlink", "mrl0", "mrl1"
HOST_IP, NS_IP = "10.231.0.1", "10.231.0.2"
RATE = "64kbit"
ONE_WAY = 0.150


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


class Relay:
    """TCP relay 127.0.0.1:port -> target, each chunk delayed one_way
    seconds per direction; counts the bytes each way."""

    def __init__(self, target, one_way):
        self.target, self.one_way = target, one_way
        self.up = self.down = 0
        self.ls = socket.socket()
        self.ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.ls.bind(("127.0.0.1", 0))
        self.ls.listen(1)
        self.port = self.ls.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            c, _ = self.ls.accept()
            s = socket.create_connection(self.target)
            for a, b, way in ((c, s, "up"), (s, c, "down")):
                threading.Thread(target=self.pump, args=(a, b, way), daemon=True).start()

    def pump(self, a, b, way):
        # Chunks are released in order, each one_way after it arrived.
        import collections
        q = collections.deque()
        cv = threading.Condition()
        done = [False]

        def sender():
            while True:
                with cv:
                    while not q and not done[0]:
                        cv.wait()
                    if not q and done[0]:
                        break
                    t, data = q.popleft()
                delay = t + self.one_way - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                try:
                    b.sendall(data)
                except OSError:
                    break
            try:
                b.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        threading.Thread(target=sender, daemon=True).start()
        while True:
            try:
                data = a.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            if way == "up":
                self.up += len(data)
            else:
                self.down += len(data)
            with cv:
                q.append((time.monotonic(), data))
                cv.notify()
        with cv:
            done[0] = True
            cv.notify()


def sshd_config(work, port, addr, db, build):
    key = os.path.join(work, "host_key")
    if not os.path.exists(key):
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
    cmd = "%s -c %s --db %s --as regional" % (os.path.join(session.TOP, build, "marshrut"), session.CONF,
                                              os.path.abspath(db))
    cfg = os.path.join(work, "sshd_%d.conf" % port)
    with open(cfg, "w") as f:
        f.write("Port %d\nListenAddress %s\nHostKey %s\nPidFile %s/sshd_%d.pid\n"
                "AuthorizedKeysFile %s/client.pub\nPermitRootLogin yes\nPasswordAuthentication no\n"
                "UsePAM no\nStrictModes no\nPermitTTY yes\nAcceptEnv LANG\nForceCommand %s\n"
                % (port, addr, key, work, port, work, cmd))
    return cfg


def run_task_over(port, work, db):
    number, act = session.task_setup(db)
    argv = ["ssh", "-tt", "-p", str(port), "-i", os.path.join(work, "client"),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "SendEnv=LANG", "root@127.0.0.1"]
    t0 = time.monotonic()
    s = session.Session(argv)
    s.wait_text("главное меню", limit=120)
    t_first = time.monotonic() - t0
    t1 = time.monotonic()
    screen_bytes, _ = session.run_task(s, number)
    t_task = time.monotonic() - t1
    saved = session.sql(db, "SELECT done FROM iom_activity WHERE id = %s" % act) == "1"
    s.send("F10")
    time.sleep(0.5)
    s.close()
    return t_first, t_task, screen_bytes, saved


def main():
    if os.geteuid() != 0:
        sys.exit("link.py: нужен root (сетевое пространство имён, tc)")
    build, db, results = sys.argv[1], sys.argv[2], sys.argv[3]
    session.use_build(build)
    netem = os.environ.get("LINK_NETEM") == "1"
    work = tempfile.mkdtemp(prefix="marshrut-link-")
    os.chmod(work, 0o755)
    sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(work, "client"))
    procs = []
    try:
        sh("ip", "netns", "add", NS)
        sh("ip", "link", "add", VH, "type", "veth", "peer", "name", VN)
        sh("ip", "link", "set", VN, "netns", NS)
        sh("ip", "addr", "add", HOST_IP + "/24", "dev", VH)
        sh("ip", "link", "set", VH, "up")
        sh("ip", "netns", "exec", NS, "ip", "addr", "add", NS_IP + "/24", "dev", VN)
        sh("ip", "netns", "exec", NS, "ip", "link", "set", VN, "up")
        sh("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up")
        for pre, dev in (([], VH), (["ip", "netns", "exec", NS], VN)):
            qd = ["tc", "qdisc", "add", "dev", dev, "root"]
            if netem:
                sh(*pre, *qd, "netem", "delay", "%dms" % int(ONE_WAY * 1000), "rate", RATE)
            else:
                sh(*pre, *qd, "tbf", "rate", RATE, "burst", "4kb", "latency", "2s")
        os.makedirs("/run/sshd", exist_ok=True)
        slow = sshd_config(work, 2232, NS_IP, db, build)
        procs.append(subprocess.Popen(["ip", "netns", "exec", NS, "/usr/sbin/sshd", "-D", "-f", slow]))
        fast = sshd_config(work, 2233, "127.0.0.1", db, build)
        procs.append(subprocess.Popen(["/usr/sbin/sshd", "-D", "-f", fast]))
        time.sleep(1.0)
        relay = Relay((NS_IP, 2232), 0 if netem else ONE_WAY)
        loop_relay = Relay(("127.0.0.1", 2233), 0)

        lf, lt, lscreen, lsaved = run_task_over(loop_relay.port, work, db)
        sf, st, sscreen, ssaved = run_task_over(relay.port, work, db)
        lines = [
            "The scripted task over ssh -tt (80x24, TERM=xterm): loopback against a link of %s" % RATE,
            "each way with a %d ms round trip (%s)." % (ONE_WAY * 2000, "netem" if netem else "tbf + a delaying relay"),
            "",
            "| %-40s | %12s | %12s |" % ("", "loopback", "slow link"),
            "|" + "-" * 42 + "|" + "-" * 14 + "|" + "-" * 14 + "|",
            "| %-40s | %12.1f | %12.1f |" % ("seconds to the first screen (login)", lf, sf),
            "| %-40s | %12.1f | %12.1f |" % ("seconds for the task", lt, st),
            "| %-40s | %12d | %12d |" % ("bytes on the wire, server to client", loop_relay.down, relay.down),
            "| %-40s | %12d | %12d |" % ("bytes on the wire, client to server", loop_relay.up, relay.up),
            "| %-40s | %12d | %12d |" % ("bytes the program wrote in the task", lscreen, sscreen),
            "| %-40s | %12s | %12s |" % ("the mark was saved", "yes" if lsaved else "NO", "yes" if ssaved else "NO"),
        ]
        text = "\n".join(lines) + "\n"
        sys.stdout.write(text)
        with open(results, "w") as f:
            f.write(text)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
        sh("ip", "link", "del", VH, check=False)
        sh("ip", "netns", "del", NS, check=False)
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
