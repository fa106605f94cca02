#!/usr/bin/env bash
# Installs what Steward needs on Debian 12, idempotently: every package already present is skipped,
# and apt is not touched at all when nothing is missing.
set -euo pipefail

missing=()
have_package() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { have_package "$1" || missing+=("$1"); }

# PostgreSQL server binaries (the local platform runs private servers from /usr/lib/postgresql/<major>/bin).
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then want postgresql; fi
# Engine servers the local platform runs as private instances (tests start their own; the system
# services of these packages are never used or modified).
command -v mariadbd >/dev/null 2>&1 || want mariadb-server
command -v mariadb >/dev/null 2>&1 || want mariadb-client
# mariabackup and mbstream: the xtrabackup strategy's MariaDB flavour (physical, incremental backups).
{ command -v mariabackup && command -v mbstream; } >/dev/null 2>&1 || want mariadb-backup
command -v redis-server >/dev/null 2>&1 || want redis-server
command -v redis-cli >/dev/null 2>&1 || want redis-tools
# etcd: the engine of examples/plugin, the third-party datastore built against the SPI only.
command -v etcd >/dev/null 2>&1 || want etcd-server
command -v etcdctl >/dev/null 2>&1 || want etcd-client
# setpriv and setsid (run engines as an unprivileged user, detached from the control plane).
command -v setpriv >/dev/null 2>&1 || want util-linux
command -v setsid >/dev/null 2>&1 || want util-linux
command -v useradd >/dev/null 2>&1 || want passwd
command -v mvn >/dev/null 2>&1 || want maven
# The real OpenStack clients and Keystone: the reference server's client test suites drive
# `openstack database ...` and `trove` against it, with the built-in identity and a real Keystone
# (started by the tests on loopback under uwsgi; the system's keystone service is never used).
command -v openstack >/dev/null 2>&1 || want python3-openstackclient
have_package python3-troveclient || want python3-troveclient
command -v keystone-manage >/dev/null 2>&1 || want keystone
command -v uwsgi >/dev/null 2>&1 || want uwsgi
have_package uwsgi-plugin-python3 || want uwsgi-plugin-python3
command -v python3 >/dev/null 2>&1 || want python3

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "steward: missing packages ${missing[*]}; run this script as root (or install them)" >&2
    exit 1
  fi
  echo "steward: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"
else
  echo "steward: all required packages are present"
fi
