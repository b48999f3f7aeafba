#!/usr/bin/env python3
"""Generate a keepalived.conf with N vrrp_instances (10 lines each) for the configtest benchmark.

Instances are spread over interfaces bench0..bench{K-1} (255 VRIDs per interface, keepalived rejects a
duplicate VRID on one interface), with lab addresses from 198.18.0.0/15 only.
Usage: gen-instances.py N OUT  -> prints the number of interfaces the file names.
"""
import sys

n = int(sys.argv[1])
out = sys.argv[2]
per_if = 255
with open(out, "w") as f:
    f.write("global_defs {\n    router_id calpe_bench\n}\n")
    for i in range(n):
        ifn = i // per_if
        vrid = i % per_if + 1
        a = 0x12 << 16 | i  # 198.18.0.0/15 holds 131072 addresses
        ip = "198.%d.%d.%d" % (18 + (a >> 16) - 0x12, (a >> 8) & 255, a & 255)
        f.write(
            "vrrp_instance VI_%d {\n"
            "    state BACKUP\n"
            "    interface bench%d\n"
            "    virtual_router_id %d\n"
            "    priority %d\n"
            "    advert_int 1\n"
            "    virtual_ipaddress {\n"
            "        %s/32\n"
            "    }\n"
            "}\n" % (i, ifn, vrid, 100 + i % 100, ip)
        )
print((n + per_if - 1) // per_if)
