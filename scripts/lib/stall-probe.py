#!/usr/bin/env python3
"""Guest-wide stall probe: run as SCHED_FIFO 99 (chrt -f 99), it sleeps 1 ms at a time and appends a line
"<wall clock, s> <how late, ms>" to OUT for each wake-up more than 5 ms after the previous one, for at most
SECONDS. Nothing in the guest outranks it, so when it is late the guest itself did not run (the host paused the
VM or its vCPUs; steal time does not always show it) and no process in it could have sent anything.

usage: chrt -f 99 stall-probe.py OUT SECONDS
"""
import sys
import time

out = open(sys.argv[1], "w")
end = time.monotonic() + float(sys.argv[2])
prev = time.monotonic()
while prev < end:
    time.sleep(0.001)
    now = time.monotonic()
    if now - prev > 0.005:
        out.write("%.6f %.3f\n" % (time.time(), (now - prev) * 1000))
        out.flush()
    prev = now
