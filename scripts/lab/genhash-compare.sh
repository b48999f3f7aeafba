#!/usr/bin/env bash
# Lab test: Calpe's genhash (scripts/genhash) against keepalived 2.2.7's genhash, byte for byte (standard output,
# standard error, exit code) on the same pages: nginx (plain, TLS, a virtual host) and a small Python server on
# loopback (responses captured from nginx and replayed, chunked, no/short/long/lower-case Content-Length, a head
# split over two writes or larger than genhash's buffer, the request echoed back, SNI reflected, IPv6, silent,
# stalled, reset, full accept queue), plain and -v, plus bad command lines. As root, also "network unreachable"
# from a fresh network namespace. Only what varies per run is normalised (see norm.py below): the response time
# and how the body was split into reads. -m (fwmark) cannot be honoured by the JDK: Calpe must refuse it (exit 2).
# Writes JUnit XML to $LAB_REPORT_DIR; exit 77 when a tool is missing. GENHASH_CASES=REGEX runs only the matching
# cases (of the list below; the -m and namespace checks always run).
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
reports=${LAB_REPORT_DIR:-${CALPE_LAB_REPORTS:-$here/target/lab-reports}}
for tool in genhash nginx python3 openssl java; do
    command -v "$tool" >/dev/null || { echo "genhash-compare: $tool is not installed" >&2; exit 77; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/calpe-genhash-cmp.XXXXXX")
nginx_pid="" server_pid="" ns=""
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=()
p=$((20000 + ($$ % 20000)))
while [ "${#ports[@]}" -lt 8 ]; do port_free "$p" && ports+=("$p"); p=$((p + 1)); done
HTTP=${ports[0]} HTTPS=${ports[1]} RAW=${ports[2]} RAW6=${ports[3]} RAWTLS=${ports[4]} SILENTTLS=${ports[5]} FULL=${ports[6]} CLOSED=${ports[7]}

# --- pages, certificate, nginx --------------------------------------------------------------------------
mkdir -p "$work/www/vh" "$work/logs" "$work/tmp" "$work/raw"
echo "hello world" >"$work/www/small.html"
: >"$work/www/empty.html"
head -c 3000000 /dev/urandom >"$work/www/large.bin"
head -c 70000 /dev/urandom >"$work/www/binary.dat"
echo "the virtual host" >"$work/www/vh/index.html"
echo "index" >"$work/www/index.html"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 -subj /CN=genhash.test >/dev/null 2>&1 ||
    { echo "genhash-compare: openssl cannot make a certificate" >&2; exit 77; }
cat >"$work/nginx.conf" <<NGX
daemon off; worker_processes 1; pid $work/nginx.pid; error_log $work/logs/error.log;
events { worker_connections 64; }
http {
  access_log off; client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp; default_type application/octet-stream;
  server { listen 127.0.0.1:$HTTP; listen 127.0.0.1:$HTTPS ssl; server_name default;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem; root $work/www;
    location = /redirect { return 302 /small.html; } }
  server { listen 127.0.0.1:$HTTP; listen 127.0.0.1:$HTTPS ssl; server_name vh.test;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem; root $work/www/vh; }
}
NGX
nginx -p "$work" -c "$work/nginx.conf" >"$work/logs/nginx.out" 2>&1 &
nginx_pid=$!

# --- the Python server (serves $work/raw/*) and the normaliser ------------------------------------------
cat >"$work/server.py" <<'PY'
import os, socket, ssl, sys, threading, time
root, port4, port6, portt, portts, portfull, cert, key = sys.argv[1:9]
def read_head(c):
    d = b''
    c.settimeout(5)
    try:
        while b'\r\n\r\n' not in d:
            x = c.recv(4096)
            if not x:
                break
            d += x
    except Exception:
        pass
    return d
def serve(c, sni=None):
    try:
        req = read_head(c)
        path = req.split(b' ')[1].decode('latin-1') if req.count(b' ') >= 2 else '/'
        if path in ('/echo', '/sni'):
            body = (b'sni=' + repr(sni).encode() + b'\n' if path == '/sni' else b'') + req
            c.sendall(b'HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n' % len(body) + body)
        elif path.startswith('/raw/'):
            c.sendall(open(os.path.join(root, path[5:]), 'rb').read())
        elif path.startswith('/split/'):
            data = open(os.path.join(root, path[7:]), 'rb').read()
            c.sendall(data[:10]); time.sleep(0.3); c.sendall(data[10:])
        elif path == '/silent':
            time.sleep(4)
        elif path == '/stall':
            c.sendall(b'HTTP/1.0 200 OK\r\n\r\nabc'); time.sleep(4)
        elif path == '/reset':
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
            c.close(); return
        if isinstance(c, ssl.SSLSocket):
            try:
                c.unwrap()
            except Exception:
                pass
        else:
            try:
                c.shutdown(socket.SHUT_WR)
            except Exception:
                pass
            time.sleep(0.05)
    finally:
        c.close()
def loop(s, tls=False):
    while True:
        c, _ = s.accept()
        def handle(c=c):
            if not tls:
                return serve(c)
            seen = []
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(cert, key)
            ctx.sni_callback = lambda so, name, cx: seen.append(name)
            try:
                t = ctx.wrap_socket(c, server_side=True)
            except Exception:
                c.close(); return
            serve(t, seen[0] if seen else None)
        threading.Thread(target=handle, daemon=True).start()
def listen(fam, addr, port, backlog=16):
    s = socket.socket(fam); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(port))); s.listen(backlog); return s
servers = [(listen(socket.AF_INET, '127.0.0.1', port4), False), (listen(socket.AF_INET6, '::1', port6), False),
           (listen(socket.AF_INET, '127.0.0.1', portt), True)]
silent_tls = listen(socket.AF_INET, '127.0.0.1', portts)   # accepts TCP, never speaks TLS
full = listen(socket.AF_INET, '127.0.0.1', portfull, 0)     # never accepts: once the queue is full SYNs are dropped
fillers = []
for _ in range(3):
    f = socket.socket(); f.setblocking(False)
    try:
        f.connect(('127.0.0.1', int(portfull)))
    except BlockingIOError:
        pass
    fillers.append(f)
for s, tls in servers:
    threading.Thread(target=loop, args=(s, tls), daemon=True).start()
print('ready', flush=True)
held = []
while True:
    c, _ = silent_tls.accept(); held.append(c)
PY
cat >"$work/norm.py" <<'PY'
# Normalises genhash output: exactly what varies per run, nothing else.
#  1. "Global response time for [URL] = N usecs": N.
#  2. How the response was split into read(2)s (TCP segments, TLS records): with -v every read's body bytes are
#     dumped separately (offsets from 0000 each time) and the "HTML Buffer" title appears only when the first
#     read held body bytes; the body dumps are joined into one dump of the same bytes. A head that arrived in
#     several reads repeats the "HTTP Header Buffer" title: repeats are folded.
#  3. The server's clock: nginx's "Date:" header field (value only, in the head's dump and text), because the
#     two tools' requests may fall in different seconds.
import re, sys
HH = '-----------------------[    HTTP Header Buffer    ]-----------------------'
HA = '-----------------------[ HTTP Header Ascii Buffer ]-----------------------'
HB = '-----------------------[        HTML Buffer        ]-----------------------'
DUMP = re.compile(r'^\d{4,5} ((?: [0-9a-f]{2}| {3}){8}) -((?: [0-9a-f]{2}| {3}){8})   .{16}$')
def dump(b):
    out = []
    for i in range(0, len(b), 16):
        row = b[i:i + 16]
        h = ''.join(' %02x' % x for x in row[:8]).ljust(24) + ' -' + ''.join(' %02x' % x for x in row[8:]).ljust(24)
        out.append('%04d %s   %s' % (i & 0xffff, h, ''.join(chr(x) if 0x20 <= x <= 0x7e else '.' for x in row).ljust(16)))
    return out
text = sys.stdin.buffer.read().decode('latin-1')
text = re.sub(r'(\nGlobal response time for \[.*\] = )\d+( usecs\n)', r'\1N\2', text)
lines = text.split('\n')
res, i = [], 0
while i < len(lines):
    l = lines[i]
    if l == HH and res and res[-1] == HH:
        i += 1
        continue
    res.append(l)
    i += 1
    if l == HH:
        head = b''
        while i < len(lines) and DUMP.match(lines[i]):
            m = DUMP.match(lines[i])
            head += bytes(int(x, 16) for x in (m.group(1) + m.group(2)).split())
            i += 1
        res.extend(dump(re.sub(rb'\r\nDate: [^\r]*\r\n', b'\r\nDate: (server time)\r\n', head)))
        continue
    if l != HA:
        continue
    while i < len(lines):          # the head as text: ends with its empty CRLF line, then printf's newline
        res.append(re.sub(r'^Date: [^\r]*\r$', 'Date: (server time)\r', lines[i]))
        i += 1
        if lines[i - 1] == '\r' and i < len(lines) and lines[i] == '':
            res.append(lines[i])
            i += 1
            break
    body, n = b'', 0
    while i < len(lines) and (lines[i] == HB or DUMP.match(lines[i])):
        m = DUMP.match(lines[i])
        if m:
            body += bytes(int(x, 16) for x in (m.group(1) + m.group(2)).split())
        i += 1
        n += 1
    if n:
        res.append('<body: %d bytes>' % len(body))
        res.extend(dump(body))
sys.stdout.write('\n'.join(res))
PY
python3 -u "$work/server.py" "$work/raw" "$RAW" "$RAW6" "$RAWTLS" "$SILENTTLS" "$FULL" "$work/cert.pem" "$work/key.pem" \
    >"$work/logs/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q ready "$work/logs/server.out" 2>/dev/null && ! port_free "$HTTP" && break
    sleep 0.1
done
grep -q ready "$work/logs/server.out" && ! port_free "$HTTP" ||
    { echo "genhash-compare: the servers did not start" >&2; cat "$work/logs/"* >&2; exit 1; }

# Responses captured from nginx (the request genhash sends), replayed byte for byte by the Python server
capture() { # name path [vhost]
    python3 - "$HTTP" "$2" "${3:-}" >"$work/raw/$1" <<'PY'
import socket, sys
port, path, vhost = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.create_connection(('127.0.0.1', int(port)))
host = vhost or '127.0.0.1:' + port
s.sendall(('GET %s HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: %s\r\n\r\n' % (path, host)).encode())
d = b''
while True:
    x = s.recv(65536)
    if not x:
        break
    d += x
sys.stdout.buffer.write(d)
PY
}
capture small /small.html; capture empty /empty.html; capture large /large.bin; capture binary /binary.dat
capture notfound /nope.html; capture redirect /redirect; capture vhost / vh.test
printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n' >"$work/raw/chunked"
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nno content-length, ends at close\n' >"$work/raw/nolength"
printf 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nonly the first four bytes count' >"$work/raw/shortlength"
printf 'HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\nfewer bytes than announced' >"$work/raw/longlength"
printf 'HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nlower-case field: not recognised' >"$work/raw/lowercase"
printf 'HTTP/1.1 200 OK\r\nContent-Length:   -3\r\n\r\nnegative length: no limit' >"$work/raw/negative"
printf 'this is not HTTP and has no blank line' >"$work/raw/garbage"
printf 'HTTP/1.1 200 OK\nContent-Length: 3\n\nLF only' >"$work/raw/lfonly"
{ printf 'HTTP/1.1 200 OK\r\nX-Big: '; head -c 5000 /dev/zero | tr '\0' 'a'; printf '\r\n\r\nbody'; } >"$work/raw/bighead"
{ printf 'HTTP/1.1 200 OK\r\nX-Fill: '; head -c 4060 /dev/zero | tr '\0' 'b'; printf '\r\n\r\nbody after a 4 KB head'; } >"$work/raw/edgehead"
head -c 200000 /dev/urandom >"$work/rand"; { printf 'HTTP/1.0 200 OK\r\n\r\n'; cat "$work/rand"; } >"$work/raw/bigstream"

# --- the cases: name|args (@H@ nginx http, @S@ nginx https, @R@ raw, @6@ raw IPv6, @T@ raw TLS, ...) ---------
cases=()
add() { cases+=("$1|$2"); }
for v in "" "-v"; do
    sfx=${v:+-v}
    for page in small.html empty.html large.bin binary.dat nope.html redirect; do
        add "nginx-$page$sfx" "$v -s 127.0.0.1 -p @H@ -u /$page"
    done
    add "nginx-vhost$sfx" "$v -s 127.0.0.1 -p @H@ -u / -V vh.test"
    for proto in 1.0 1.0c 1.0C 1.1; do add "nginx-P$proto$sfx" "$v -s 127.0.0.1 -p @H@ -u /small.html -P $proto"; done
    add "nginx-tls$sfx" "$v -S -s 127.0.0.1 -p @S@ -u /small.html"
    add "nginx-tls-large$sfx" "$v -S -s 127.0.0.1 -p @S@ -u /large.bin"
    add "nginx-tls-sni$sfx" "$v -S -I -V vh.test -s 127.0.0.1 -p @S@ -u /"
    for r in small empty large binary notfound redirect vhost chunked nolength shortlength longlength lowercase negative \
        garbage lfonly bighead edgehead bigstream; do
        add "raw-$r$sfx" "$v -s 127.0.0.1 -p @R@ -u /raw/$r"
    done
    add "raw-split-head$sfx" "$v -s 127.0.0.1 -p @R@ -u /split/small"
    add "raw-split-chunked$sfx" "$v -s 127.0.0.1 -p @R@ -u /split/chunked"
    for proto in 1.0 1.0c 1.1; do add "echo-P$proto$sfx" "$v -s 127.0.0.1 -p @R@ -u /echo -P $proto"; done
    add "echo-vhost$sfx" "$v -s 127.0.0.1 -p @R@ -u /echo -V www.example.test:8080"
    add "echo-ipv6$sfx" "$v -s ::1 -p @6@ -u /echo"
    add "echo-ipv6-long$sfx" "$v -s 0:0:0:0:0:0:0:1 -p @6@ -u /echo"
    add "echo-mapped$sfx" "$v -s ::ffff:127.0.0.1 -p @R@ -u /echo"
    add "echo-url-query$sfx" "$v -s 127.0.0.1 -p @R@ -u /echo?a=1&b=%20"
    add "tls-raw$sfx" "$v -S -s 127.0.0.1 -p @T@ -u /raw/small"
    add "tls-raw-large$sfx" "$v -S -s 127.0.0.1 -p @T@ -u /raw/bigstream"
    add "tls-no-sni$sfx" "$v -S -s 127.0.0.1 -p @T@ -u /sni -V sni.example.test"
    add "tls-sni$sfx" "$v -S -I -s 127.0.0.1 -p @T@ -u /sni -V sni.example.test"
    add "tls-sni-without-vhost$sfx" "$v -S -I -s 127.0.0.1 -p @T@ -u /sni"
    add "tls-sni-ip$sfx" "$v -S -I -s 127.0.0.1 -p @T@ -u /sni -V 127.0.0.1"
    add "tls-sni-ignored-without-S$sfx" "$v -I -s 127.0.0.1 -p @R@ -u /echo -V vh.test"
    # network errors
    add "refused$sfx" "$v -s 127.0.0.1 -p @C@ -u /"
    add "refused-ipv6$sfx" "$v -s ::1 -p @C@ -u /"
    add "timeout-connect$sfx" "$v -s 127.0.0.1 -p @F@ -u / -t 1"
    add "timeout-web-read$sfx" "$v -s 127.0.0.1 -p @R@ -u /silent -t 1"
    add "timeout-http-read$sfx" "$v -s 127.0.0.1 -p @R@ -u /stall -t 1"
    add "reset$sfx" "$v -s 127.0.0.1 -p @R@ -u /reset"
    add "timeout-zero$sfx" "$v -s 127.0.0.1 -p @R@ -u /raw/small -t 0"
    add "tls-timeout-zero$sfx" "$v -S -s 127.0.0.1 -p @T@ -u /raw/small -t 0"
    add "tls-to-plain-port$sfx" "$v -S -s 127.0.0.1 -p @H@ -u /small.html"
    add "tls-timeout-handshake$sfx" "$v -S -s 127.0.0.1 -p @Q@ -u / -t 1"
    add "tls-timeout-web-read$sfx" "$v -S -s 127.0.0.1 -p @T@ -u /silent -t 1"
    add "tls-timeout-ssl-read$sfx" "$v -S -s 127.0.0.1 -p @T@ -u /stall -t 1"
    add "plain-to-tls-port$sfx" "$v -s 127.0.0.1 -p @S@ -u /small.html"
done
# command lines (no network unless valid)
add "args-none" ""
add "args-one" "-v"
add "args-help" "-h"
add "args-help-long" "--help -s 127.0.0.1"
add "args-help-with-valid" "-s 127.0.0.1 -p @H@ -u /small.html -h"
add "args-unknown" "-x -s 127.0.0.1"
add "args-unknown-cluster" "-vxy -s 1"
add "args-unknown-then-invalid" "-x -p 0 -u /"
add "args-unknown-long" "--hash md5 -s 127.0.0.1"
add "args-long-with-value" "--verbose=1 -s 127.0.0.1"
add "args-ambiguous" "--use -s 127.0.0.1 -p 1 -u /"
add "args-abbreviated" "--se 127.0.0.1 --po @H@ --ur /small.html --verb"
add "args-long-equals" "--server=127.0.0.1 --port=@H@ --url=/small.html"
add "args-attached" "-s127.0.0.1 -p@H@ -u/small.html"
add "args-missing-server" "-p 80 -u /"
add "args-missing-port" "-s 127.0.0.1 -u /"
add "args-missing-url" "-s 127.0.0.1 -p 80"
add "args-missing-value" "-s 127.0.0.1 -p 80 -u"
add "args-unexpected" "-s 127.0.0.1 -p @H@ -u /small.html extra words"
add "args-unexpected-after-dashdash" "-s 127.0.0.1 -p @H@ -u /small.html -- -v"
add "args-unexpected-dash" "-s 127.0.0.1 -p @H@ -u /small.html -"
add "args-unknown-and-unexpected" "-x word -s 1"
add "args-server-name" "-s localhost -p 80 -u /"
add "args-server-short-ipv4" "-s 127.1 -p 80 -u /"
add "args-server-leading-zero" "-s 127.0.0.01 -p 80 -u /"
add "args-server-scope" "-s fe80::1%lo -p 80 -u /"
add "args-server-brackets" "-s [::1] -p 80 -u /"
add "args-server-with-port" "-s 127.0.0.1:80 -p 80 -u /"
add "args-port-zero" "-s 127.0.0.1 -p 0 -u /"
add "args-port-big" "-s 127.0.0.1 -p 65536 -u /"
add "args-port-hex" "-s 127.0.0.1 -p 0x50 -u /"
add "args-port-trailing" "-s 127.0.0.1 -p 80x -u /"
add "args-port-plus" "-s 127.0.0.1 -p +@H@ -u /small.html"
add "args-protocol-bad" "-s 127.0.0.1 -p 80 -u / -P 2.0"
add "args-protocol-1.1k" "-s 127.0.0.1 -p 80 -u / -P 1.1k"
add "args-timeout-bad" "-s 127.0.0.1 -p 80 -u / -t abc"
add "args-timeout-negative" "-s 127.0.0.1 -p 80 -u / -t -1"
add "args-timeout-empty" "-s 127.0.0.1 -p 80 -u / -t @EMPTY@"
add "args-fwmark-bad" "-s 127.0.0.1 -p 80 -u / -m x"
add "args-fwmark-negative" "-s 127.0.0.1 -p 80 -u / -m -1"
add "args-repeated-server" "-s 10.0.0.1 -s 127.0.0.1 -p @H@ -u /small.html"
add "args-genhash-long" "--genhash -s 127.0.0.1"

expand() {
    local a=$1
    a=${a//@H@/$HTTP}; a=${a//@S@/$HTTPS}; a=${a//@R@/$RAW}; a=${a//@6@/$RAW6}; a=${a//@T@/$RAWTLS}
    a=${a//@Q@/$SILENTTLS}; a=${a//@F@/$FULL}; a=${a//@C@/$CLOSED}
    printf '%s' "$a"
}

export CALPE_GENHASH_ARGV0=genhash
"$here/scripts/genhash" -h >/dev/null 2>&1   # builds the bundle and the CDS archive if needed
pass=0 fail=0 xml=""
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g' | tr -d '\000-\010\013\014\016-\037'; }
prefix=()   # a command that run_case puts before both tools (ip netns exec NS)
run_case() { # name argv...
    local name=$1
    shift
    local d=$work/case
    rm -rf "$d"; mkdir -p "$d"
    (cd "$d" && timeout 30 "${prefix[@]}" genhash "$@" >k.out 2>k.err; echo $? >k.rc)
    (cd "$d" && timeout 30 "${prefix[@]}" "$here/scripts/genhash" "$@" >c.out 2>c.err; echo $? >c.rc)
    python3 "$work/norm.py" <"$d/k.out" >"$d/k.norm"
    python3 "$work/norm.py" <"$d/c.out" >"$d/c.norm"
    if cmp -s "$d/k.norm" "$d/c.norm" && cmp -s "$d/k.err" "$d/c.err" && cmp -s "$d/k.rc" "$d/c.rc"; then
        pass=$((pass + 1))
        xml+="<testcase classname=\"lab.genhash\" name=\"$name\"/>"
    else
        fail=$((fail + 1))
        local msg
        msg=$({ echo "genhash $*"; echo "exit: keepalived $(cat "$d/k.rc"), calpe $(cat "$d/c.rc")"
            diff <(cat -A "$d/k.norm") <(cat -A "$d/c.norm") | head -20
            diff <(cat -A "$d/k.err") <(cat -A "$d/c.err") | head -10; } | esc)
        xml+="<testcase classname=\"lab.genhash\" name=\"$name\"><failure message=\"output differs\">$msg</failure></testcase>"
        echo "DIFFERS: $name (genhash $*)" >&2
        printf '%s\n' "$msg" | head -30 >&2
    fi
}
for c in "${cases[@]}"; do
    name=${c%%|*}
    [[ "$name" =~ ${GENHASH_CASES:-.} ]] || continue
    # shellcheck disable=SC2046
    read -r -a argv <<<"$(expand "${c#*|}")"
    for k in "${!argv[@]}"; do [ "${argv[$k]}" = @EMPTY@ ] && argv[$k]=""; done
    run_case "$name" "${argv[@]}"
done

# -m: keepalived sets SO_MARK; the JDK cannot, so Calpe must refuse clearly (stderr, exit 2, nothing on stdout)
d=$work/case; rm -rf "$d"; mkdir -p "$d"
"$here/scripts/genhash" -s 127.0.0.1 -p "$HTTP" -u /small.html -m 5 >"$d/c.out" 2>"$d/c.err"; rc=$?
if [ "$rc" = 2 ] && [ ! -s "$d/c.out" ] && grep -q 'fwmark.*not supported' "$d/c.err"; then
    pass=$((pass + 1)); xml+="<testcase classname=\"lab.genhash\" name=\"fwmark-refused\"/>"
else
    fail=$((fail + 1)); echo "DIFFERS: fwmark-refused (exit $rc)" >&2
    xml+="<testcase classname=\"lab.genhash\" name=\"fwmark-refused\"><failure message=\"-m not refused\">exit $rc: $(esc <"$d/c.err")</failure></testcase>"
fi

# ENETUNREACH: a fresh network namespace has no route at all (root only; otherwise reported as skipped)
skipped=0
if [ "$(id -u)" = 0 ] && ip netns add "calpe-gh-$$" 2>/dev/null; then
    ns=calpe-gh-$$
    ip netns exec "$ns" ip link set lo up
    prefix=(ip netns exec "$ns")
    run_case network-unreachable -s 198.18.0.1 -p 80 -u /
    run_case network-unreachable-v -v -s 198.18.0.1 -p 80 -u /
    run_case network-unreachable-ipv6 -s 2001:db8::1 -p 80 -u /
    prefix=()
else
    skipped=1
    xml+="<testcase classname=\"lab.genhash\" name=\"network-unreachable\"><skipped message=\"needs root (network namespace)\"/></testcase>"
fi

mkdir -p "$reports"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="lab.genhash-compare" tests="%d" failures="%d" errors="0" skipped="%d">%s</testsuite>\n' \
    $((pass + fail + skipped)) "$fail" "$skipped" "$xml" >"$reports/TEST-lab.genhash-compare.xml"
echo "genhash-compare: $pass passed, $fail failed, $skipped skipped"
[ "$fail" = 0 ]
