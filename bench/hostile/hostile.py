#!/usr/bin/env python3
"""bench/hostile/hostile.py <ps port> <seconds>: the hostile mix of issue 9 against ps, until the time is up.

Threads, each in a loop: $var$ expansion bombs, 60 MB static downloads, overflowing numbers in every command,
a JSONP handler with script, oversized request heads, and 200 slow clients that never finish their headers.
Prints one line: how many of each were sent and the statuses seen (5xx other than 503 means a defect).
"""
import collections, socket, sys, threading, time, urllib.error, urllib.request

port, seconds = int(sys.argv[1]), float(sys.argv[2])
base = "http://127.0.0.1:%d" % port
end = time.time() + seconds
seen = collections.Counter()
lock = threading.Lock()

def note(kind, status):
    with lock:
        seen["%s %s" % (kind, status)] += 1

def get(kind, path, read=True):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            while read and r.read(65536):
                pass
            note(kind, r.status)
    except urllib.error.HTTPError as e:
        note(kind, e.code)
    except Exception as e:  # a refused or reset connection counts too
        note(kind, type(e).__name__)

bomb = "/is/image/demo/photo?$a=" + "a" * 3500 + "&x=" + "$a$" * 1000 + "&req=resolve"
numbers = ["wid=99999999999999999999", "hei=-1e400", "scl=1e309", "rotate=1e400", "qlt=99999999999", "crop=1e400,1,1,1",
           "op_usm=1e400", "bgc=-1e400", "align=1e400,1", "fmt=png,,jpeg", "qlt=80,1,1", "cache=validate,on", "wid="]

def loop(kind, fn):
    while time.time() < end:
        fn()

def slow_clients():
    socks = []
    for _ in range(200):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /is/image/demo/photo?wid=10 HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            socks.append(s)
        except OSError:
            note("slow", "refused")
    while time.time() < end:
        time.sleep(1)
    for s in socks:
        s.close()
    note("slow", "%d held" % len(socks))

def big_head():
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\nConnection: close\r\n\r\n")
        note("bighead", s.recv(12)[9:12].decode() or "closed")
        s.close()
    except OSError as e:
        note("bighead", type(e).__name__)

counter = [0]
def overflow():
    counter[0] += 1
    get("overflow", "/is/image/demo/photo?" + numbers[counter[0] % len(numbers)])

threads = [threading.Thread(target=slow_clients)]
threads += [threading.Thread(target=loop, args=("bomb", lambda: get("bomb", bomb))) for _ in range(2)]
threads += [threading.Thread(target=loop, args=("big", lambda: get("big", "/is/content/hostile-big.bin"))) for _ in range(3)]
threads += [threading.Thread(target=loop, args=("overflow", overflow))]
threads += [threading.Thread(target=loop, args=("jsonp", lambda: get("jsonp", "/is/image/demo/photo?req=props,json&handler=alert(1)%3B//")))]
threads += [threading.Thread(target=loop, args=("bighead", big_head))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("hostile mix: " + ", ".join("%s: %d" % kv for kv in sorted(seen.items())))
