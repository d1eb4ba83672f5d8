#!/usr/bin/env bash
# The official rabbitmq image's entrypoint, in substance: drop to the rabbitmq user (setpriv from
# util-linux in place of gosu), refuse the variables the official image refuses, and use long node
# names where the container's hostname is a fully qualified one.
set -euo pipefail

if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = '0' ]; then
	if [ "$1" = 'rabbitmq-server' ]; then
		find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq '{}' +
	fi
	exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$BASH_SOURCE" "$@"
fi

deprecated=(
	RABBITMQ_DEFAULT_PASS_FILE RABBITMQ_DEFAULT_USER_FILE
	RABBITMQ_MANAGEMENT_SSL_CACERTFILE RABBITMQ_MANAGEMENT_SSL_CERTFILE RABBITMQ_MANAGEMENT_SSL_DEPTH
	RABBITMQ_MANAGEMENT_SSL_FAIL_IF_NO_PEER_CERT RABBITMQ_MANAGEMENT_SSL_KEYFILE RABBITMQ_MANAGEMENT_SSL_VERIFY
	RABBITMQ_SSL_CACERTFILE RABBITMQ_SSL_CERTFILE RABBITMQ_SSL_DEPTH RABBITMQ_SSL_FAIL_IF_NO_PEER_CERT
	RABBITMQ_SSL_KEYFILE RABBITMQ_SSL_VERIFY RABBITMQ_VM_MEMORY_HIGH_WATERMARK
)
refused=
for name in "${deprecated[@]}"; do
	if [ -n "${!name:-}" ]; then
		echo >&2 "error: $name is set but deprecated"
		refused=1
	fi
done
if [ -n "$refused" ]; then
	echo >&2 'error: deprecated environment variables detected; use a configuration file in /etc/rabbitmq/conf.d/'
	exit 1
fi

if [ -z "${RABBITMQ_USE_LONGNAME:-}" ] && [ "$(hostname)" != "$(hostname -s)" ]; then
	export RABBITMQ_USE_LONGNAME=true
fi

exec "$@"
