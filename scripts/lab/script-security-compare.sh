#!/usr/bin/env bash
# Lab test: keepalived's script security (keepalived -t exit 6, and the 5s it causes) depends on the machine:
# users, file owners and permissions. Git keeps no owners or modes, so this script builds the cases live: a
# temporary directory of scripts with chosen modes/owners (existing users root/nobody and group nogroup only,
# no account is created), one config per case, then runs the real `keepalived -t` and Calpe's config test in
# one private network namespace (holding an eth0 veth) and compares exit codes.
# keepalived 2.2.7 kills itself with SIGTERM (exit 143) in -t mode when a script runs as a non-root user
# (a bug: check_script_secure's parent-death check); those cases expect 143 from keepalived and the intended
# verdict from Calpe.
# Writes a JUnit XML report to $LAB_REPORT_DIR (default target/lab-reports), prints "N passed, N failed".
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
reports=${LAB_REPORT_DIR:-$here/target/lab-reports}
[ "$(id -u)" = 0 ] || { echo "script-security-compare: needs root" >&2; exit 2; }
command -v keepalived >/dev/null || { echo "script-security-compare: keepalived is not installed" >&2; exit 2; }
getent passwd nobody >/dev/null && getent group nogroup >/dev/null \
  || { echo "script-security-compare: needs user nobody and group nogroup" >&2; exit 2; }
if getent passwd keepalived_script >/dev/null; then
  echo "script-security-compare: user keepalived_script exists; the cases assume it does not" >&2; exit 2
fi
cp_file=$here/appliance-image/target/configtest/classpath
if [ -f "$cp_file" ]; then cp=$(cat "$cp_file"); else
  cp=$here/bundles/org.calpe.config.api/target/classes:$here/bundles/org.calpe.exec.api/target/classes:$here/bundles/org.calpe.config.keepalived/target/classes
  [ -d "$here/bundles/org.calpe.config.keepalived/target/classes" ] \
    || { echo "script-security-compare: build first (no $cp_file, no target/classes)" >&2; exit 2; }
fi
ns=calpe-ss-$$
w=$(mktemp -d /tmp/calpe-ss.XXXXXX)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$w"; }
trap cleanup EXIT
chmod 755 "$w"
ip netns add "$ns"
ip netns exec "$ns" ip link add eth0 type veth peer name p-eth0
ip netns exec "$ns" ip link set lo up
# an address, so that Java's interface lookup (which lists addressed interfaces) sees eth0 too
ip netns exec "$ns" ip addr add 198.18.0.254/24 dev eth0
ip netns exec "$ns" ip link set p-eth0 up
ip netns exec "$ns" ip link set eth0 up

# --- the files ---------------------------------------------------------------------------------------------
mk() { mkdir -p "$(dirname "$w/$1")"; printf '#!/bin/sh\nexit 0\n' > "$w/$1"; chmod "$2" "$w/$1"; }
mk ok.sh 755; mk bad.sh 777; mk f644.sh 644
mk fg775.sh 775; chgrp nogroup "$w/fg775.sh"
mk fr775.sh 775
mk fnobody.sh 755; chown nobody "$w/fnobody.sh"
mk suid.sh 4755
mkdir -p "$w/d777" "$w/d1777" "$w/dg775" "$w/adir"
mk d777/ok.sh 755; chmod 777 "$w/d777"
mk d1777/ok.sh 755; chmod 1777 "$w/d1777"
mk dg775/ok.sh 755; chmod 775 "$w/dg775"; chgrp nogroup "$w/dg775"
ln -s ok.sh "$w/link.sh"
ln -s ok.sh "$w/nlink.sh"; chown -h nobody "$w/nlink.sh"
ln -s d777 "$w/dlink"
mkdir -p "$w/other"; ln -s ../ok.sh "$w/other/ok.sh"

# --- the configs -------------------------------------------------------------------------------------------
SEC='enable_script_security
  script_user root'
# vrrp CASE GLOBALS SCRIPT_BODY [INSTANCE_EXTRA] [MORE]
vrrp() {
  cat > "$w/$1.conf" <<EOC
global_defs {
  $2
}
vrrp_script chk {
  $3
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  priority 100
  virtual_ipaddress {
    198.18.0.1
  }
  track_script {
    chk
  }
  ${4:-}
}
${5:-}
EOC
}
# lvs CASE GLOBALS MISC_BODY [REAL_SERVER_EXTRA]
lvs() {
  cat > "$w/$1.conf" <<EOC
global_defs {
  $2
}
virtual_server 198.18.0.10 80 {
  lb_algo rr
  lb_kind NAT
  protocol TCP
  real_server 198.18.0.20 80 {
    ${4:-}
    MISC_CHECK {
      $3
    }
  }
}
EOC
}
raw() { cat > "$w/$1.conf"; }
bug=()   # "case calpe-expected" for keepalived 2.2.7's self-SIGTERM cases

vrrp nosec_ok "" "script $w/ok.sh"
vrrp nosec_world_writable "" "script $w/bad.sh"
vrrp sec_no_user enable_script_security "script $w/ok.sh"
vrrp sec_root_ok "$SEC" "script $w/ok.sh"
vrrp sec_root_world_writable "$SEC" "script $w/bad.sh"
vrrp sec_dir_777 "$SEC" "script $w/d777/ok.sh"
vrrp nosec_dir_777 "" "script $w/d777/ok.sh"
vrrp sec_dir_sticky "$SEC" "script $w/d1777/ok.sh"
vrrp sec_dir_group_nogroup "$SEC" "script $w/dg775/ok.sh"
vrrp sec_file_group_nogroup "$SEC" "script $w/fg775.sh"
vrrp sec_file_group_root "$SEC" "script $w/fr775.sh"
vrrp sec_owner_nobody "$SEC" "script $w/fnobody.sh"
vrrp sec_not_executable "$SEC" "script $w/f644.sh"
vrrp nosec_not_executable "" "script $w/f644.sh"
vrrp sec_setuid "$SEC" "script $w/suid.sh"
vrrp sec_symlink "$SEC" "script $w/link.sh"
vrrp sec_symlink_owned_by_nobody "$SEC" "script $w/nlink.sh"
vrrp sec_symlinked_dir_777 "$SEC" "script $w/dlink/ok.sh"
vrrp sec_symlink_same_name "$SEC" "script $w/other/ok.sh"
vrrp sec_directory_as_script "$SEC" "script $w/adir"
vrrp nosec_directory_as_script "" "script $w/adir"
vrrp sec_missing "$SEC" "script $w/missing.sh"
vrrp nosec_missing "" "script $w/missing.sh"
vrrp nosec_path_search "" "script true"
vrrp nosec_path_missing "" "script calpe-no-such-program"
vrrp sec_path_missing "$SEC" "script calpe-no-such-program"
vrrp nosec_redirection "" 'script "</dev/null"'
vrrp nosec_redirection_split "" 'script "<  /dev/null"'
vrrp sec_quoted_args "$SEC" "script \"$w/ok.sh arg1 'arg 2'\""
vrrp nosec_sh_c "" 'script "/bin/sh -c '\''exit 0'\''"'
vrrp sec_sh_c "$SEC" 'script "/bin/sh -c '\''exit 0'\''"'
vrrp nosec_script_user_unknown "script_user calpe-no-such-user" "script $w/ok.sh"
vrrp sec_script_user_unknown "enable_script_security
  script_user calpe-no-such-user" "script $w/ok.sh"
vrrp nosec_script_group_unknown "script_user root calpe-no-such-group" "script $w/ok.sh"
vrrp sec_own_user_unknown "$SEC" "script $w/ok.sh
  user calpe-no-such-user"
vrrp sec_own_user_root_no_script_user enable_script_security "script $w/ok.sh
  user root"
vrrp sec_notify_insecure "$SEC" "script $w/ok.sh" "notify_master $w/bad.sh"
vrrp sec_notify_missing "$SEC" "script $w/ok.sh" "notify_master $w/missing.sh"
vrrp sec_notify_without_user enable_script_security "script $w/ok.sh
  user root" "notify_master $w/ok.sh"
vrrp nosec_notify_user_unknown "" 'script "</dev/null"' "notify_master $w/ok.sh calpe-no-such-user"
raw no_instance <<EOC
vrrp_script chk {
  script $w/bad.sh
}
EOC
raw global_defs_last <<EOC
vrrp_script chk {
  script $w/ok.sh
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
    198.18.0.1
  }
  track_script {
    chk
  }
}
global_defs {
  enable_script_security
}
EOC
raw nosec_sync_group_notify <<EOC
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
    198.18.0.1
  }
}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 2
  virtual_ipaddress {
    198.18.0.2
  }
}
vrrp_sync_group G {
  group {
    VI_1
    VI_2
  }
  notify_master $w/bad.sh
}
EOC
raw nosec_fifo_script <<EOC
global_defs {
  notify_fifo $w/fifo
  notify_fifo_script $w/ok.sh
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
    198.18.0.1
  }
}
EOC
raw nosec_shutdown_script <<EOC
global_defs {
  shutdown_script $w/ok.sh
}
EOC
raw nosec_startup_script <<EOC
global_defs {
  startup_script $w/ok.sh
}
EOC
raw sec_shutdown_no_user <<EOC
global_defs {
  enable_script_security
  shutdown_script $w/ok.sh
}
EOC
raw sec_shutdown_insecure <<EOC
global_defs {
  enable_script_security
  script_user root
  shutdown_script $w/bad.sh
}
EOC
lvs misc_nosec "" "misc_path $w/ok.sh"
lvs misc_sec "$SEC" "misc_path $w/ok.sh"
lvs misc_sec_no_user enable_script_security "misc_path $w/ok.sh"
lvs misc_sec_own_user_root enable_script_security "misc_path $w/ok.sh
      user root"
lvs misc_nosec_insecure "" "misc_path $w/bad.sh"
lvs misc_sec_insecure "$SEC" "misc_path $w/bad.sh"
lvs misc_nosec_missing "" "misc_path $w/missing.sh"
lvs misc_own_user_unknown "$SEC" "misc_path $w/ok.sh
      user calpe-no-such-user"
lvs notify_up_nosec "" 'misc_path "</dev/null"' "notify_up $w/ok.sh"
lvs notify_up_sec_no_user enable_script_security 'misc_path "</dev/null"' "notify_up $w/ok.sh"
# keepalived 2.2.7 -t SIGTERMs itself for scripts run as another user: expect 143 there, Calpe's intended code
vrrp bug_nosec_user_nobody "" "script $w/ok.sh
  user nobody"
bug+=("bug_nosec_user_nobody 6")
vrrp bug_sec_user_nobody_world_writable enable_script_security "script $w/bad.sh
  user nobody"
bug+=("bug_sec_user_nobody_world_writable 0")

# --- compare -----------------------------------------------------------------------------------------------
mapfile -t files < <(find "$w" -maxdepth 1 -name '*.conf' | sort)
printf '%s\n' "${files[@]}" > "$w/batch"
(cd "$w" && PATH=$PATH ip netns exec "$ns" java -cp "$cp" org.calpe.config.keepalived.ConfigTest --batch \
  < "$w/batch" > "$w/calpe.out" 2>&1) || true
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'; }
pass=0; fail=0; cases=""
for f in "${files[@]}"; do
  name=$(basename "$f" .conf)
  kout=$(cd "$w" && timeout 20 ip netns exec "$ns" keepalived -t -f "$(basename "$f")" 2>&1) && krc=0 || krc=$?
  crc=$(awk -F'\t' -v f="$f" '$2==f {print $1}' "$w/calpe.out")
  cout=$(awk -v f="$f" '$0 ~ /^[0-9]+\t/ {on = ($2==f)} on && /^\t/' FS='\t' "$w/calpe.out")
  want_k=$krc; want_c=$krc; note=""
  for b in "${bug[@]}"; do
    set -- $b
    if [ "$1" = "$name" ]; then want_k=143; want_c=$2; note=" (keepalived 2.2.7 self-SIGTERM case)"; fi
  done
  if [ "$krc" = "$want_k" ] && [ "${crc:-none}" = "$want_c" ]; then
    pass=$((pass+1)); cases+="<testcase classname=\"lab.script-security\" name=\"$name\"/>"
  else
    fail=$((fail+1))
    msg=$(printf 'keepalived -t exit %s (expected %s), calpe exit %s (expected %s)%s\nkeepalived said:\n%s\ncalpe said:\n%s' \
      "$krc" "$want_k" "${crc:-none}" "$want_c" "$note" "$kout" "$cout" | esc)
    cases+="<testcase classname=\"lab.script-security\" name=\"$name\"><failure message=\"exit code differs\">$msg</failure></testcase>"
    echo "DIFFERS: $name: keepalived $krc, calpe ${crc:-none}$note" >&2
  fi
done
mkdir -p "$reports"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="lab.script-security-compare" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
  $((pass+fail)) "$fail" "$cases" > "$reports/TEST-lab.script-security-compare.xml"
echo "script-security-compare: $pass passed, $fail failed"
[ "$fail" = 0 ]
