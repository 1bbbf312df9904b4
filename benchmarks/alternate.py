#!/usr/bin/env python3
"""Times commands alternating run by run, so a busier moment of a shared machine hits them alike.

Usage: benchmarks/alternate.py ROUNDS SPEC.json, where SPEC.json is a list of [name, [argv...]]
pairs (say, one launcher's command under several JVM flags, or two checkouts' launchers). Each
command runs once untimed, then ROUNDS times, in order on even rounds and reversed on odd ones.
Prints each one's median wall time and median/mean CPU time (user + system of the process, from
wait4), with the load average before and after: how docs/performance-startup.md measured the
launcher's JVM flags.
"""
import os, sys, time, statistics, subprocess, shlex, json
rounds = int(sys.argv[1]); spec = json.load(open(sys.argv[2]))
res = {n: ([], []) for n, _ in spec}
devnull = os.open(os.devnull, os.O_WRONLY)
for c in [c for _, c in spec]:
    subprocess.run(c, shell=False, stdout=devnull, stderr=devnull)
load0 = open('/proc/loadavg').read().split()[:3]
for i in range(rounds):
    order = spec if i % 2 == 0 else spec[::-1]
    for n, c in order:
        t = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.dup2(devnull, 1); os.dup2(devnull, 2)
            os.execvp(c[0], c)
        _, status, ru = os.wait4(pid, 0)
        w = time.monotonic() - t
        if status != 0: print("failed", n, status); sys.exit(1)
        res[n][0].append(w * 1000); res[n][1].append((ru.ru_utime + ru.ru_stime) * 1000)
load1 = open('/proc/loadavg').read().split()[:3]
print("load average before %s, after %s; %d alternating rounds" % (" ".join(load0), " ".join(load1), rounds))
for n, _ in spec:
    w, c = res[n]
    print("%-24s wall median %5.0f ms   CPU median %5.0f ms  mean %5.0f ms  (q1 %4.0f q3 %4.0f)" % (n, statistics.median(w), statistics.median(c), statistics.mean(c), *statistics.quantiles(c, n=4)[0::2]))
