#!/usr/bin/env python3
"""Guest-wide stall probe.

  chrt -f 99 stall-probe.py OUT SECONDS   probe for at most SECONDS: one process per CPU this may run on, pinned
                                          to it, sleeps 1 ms at a time and appends "<wall clock, s> <how late,
                                          ms> <cpu>" to OUT for each wake-up more than 5 ms after its previous one
                                          (OUT starts with "# cpus 0,1,..."). SIGTERM ends every prober; so
                                          does any end of this process.
  stall-probe.py --guest OUT              print the whole guest's standstills found in OUT, one "<end, s> <ms>"
                                          line each: the times when every CPU's prober was late at once.
  stall-probe.py --guest OUT FROM TO      print how long (ms) the guest stood still between two wall-clock times.

Nothing in the guest outranks a SCHED_FIFO 99 prober, so when the probers of all CPUs are late together the guest
itself did not run (the host paused the VM or its vCPUs; steal time does not always show it) and no process in it
could have sent anything. One CPU's prober alone can also be held up inside the guest (interrupt and softirq work,
a long non-preemptible kernel section on that CPU), which says nothing about the other CPUs.
"""
import os
import signal
import sys
import time


def probe(out_path, seconds):
    cpus = sorted(os.sched_getaffinity(0))
    with open(out_path, "w") as out:
        out.write("# cpus %s\n" % ",".join(str(c) for c in cpus))
    children = []
    for cpu in cpus:
        pid = os.fork()
        if pid == 0:
            try:
                os.sched_setaffinity(0, {cpu})
                run(out_path, seconds, cpu, os.getppid())
            finally:
                os._exit(0)
        children.append(pid)

    def stop(signum, frame):
        for c in children:
            try:
                os.kill(c, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for c in children:
            try:
                os.waitpid(c, 0)
            except ChildProcessError:
                pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for c in children:
        os.waitpid(c, 0)


def run(out_path, seconds, cpu, parent):
    out = open(out_path, "a")  # O_APPEND: the probers' lines never overwrite each other
    end = time.monotonic() + seconds
    prev = time.monotonic()
    while prev < end and os.getppid() == parent:  # a prober ends with its parent, also when that was killed
        time.sleep(0.001)
        now = time.monotonic()
        if now - prev > 0.005:
            out.write("%.6f %.3f %d\n" % (time.time(), (now - prev) * 1000, cpu))
            out.flush()
        prev = now


def standstills(out_path):
    """The whole guest's standstills in OUT, as (start, end) wall-clock times."""
    cpus = None
    events = []  # (time, +1 start / -1 end)
    with open(out_path) as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == "#":
                if len(w) >= 3 and w[1] == "cpus":
                    cpus = len(w[2].split(","))
                continue
            if len(w) < 3:
                continue
            end = float(w[0])
            start = end - float(w[1]) / 1000
            events.append((start, 1))
            events.append((end, -1))
    found = []
    if not cpus:
        return found
    # one CPU's late intervals never overlap each other, so a count of all CPUs means all were late at once
    events.sort(key=lambda e: (e[0], e[1]))
    count = 0
    since = None
    for t, d in events:
        count += d
        if d > 0 and count == cpus:
            since = t
        elif d < 0 and since is not None and count == cpus - 1:
            found.append((since, t))
            since = None
    return found


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--guest":
        for start, end in standstills(sys.argv[2]):
            print("%.6f %.3f" % (end, (end - start) * 1000))
    elif len(sys.argv) == 5 and sys.argv[1] == "--guest":
        lo, hi = float(sys.argv[3]), float(sys.argv[4])
        within = sum(max(0.0, min(end, hi) - max(start, lo)) for start, end in standstills(sys.argv[2]))
        print("%.1f" % (within * 1000))
    elif len(sys.argv) == 3:
        probe(sys.argv[1], float(sys.argv[2]))
    else:
        sys.exit(__doc__)
