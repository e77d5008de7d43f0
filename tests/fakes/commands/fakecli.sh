#!/bin/sh
# A fake gcloud/aws for the command runner's tests (tests/services/command*_test.cpp, gui too).
# Invoked by the `gcloud` and `aws` wrappers as: fakecli.sh NAME ARG...
# FAKECLI_RECORD=FILE    write the argv (after NAME), one element per NUL-terminated record,
#                        FILE.cmdline and FILE.environ (copies of /proc/self's), FILE.data (the
#                        secret read from --data-file=PATH / file://PATH / stdin) + FILE.datamode
# FAKECLI_MODE=hang      start a grandchild that ignores SIGTERM (pid in FILE.grandchild), then wait
# FAKECLI_MODE=flood     print FAKECLI_FLOOD_BYTES (default 100 MiB) of "y" lines, exit 0
# FAKECLI_MODE=fail      print an error on stderr and exit 1
# FAKECLI_MODE=signal    kill itself with SIGKILL
# FAKECLI_REVISIONS      the lines printed by `run revisions list` (default: three dreamnet ones)
name=$1
shift
rec=${FAKECLI_RECORD:-}
if [ -n "$rec" ]; then
    : > "$rec"
    for arg in "$@"; do
        printf '%s\0' "$arg" >> "$rec"
    done
    cat /proc/$$/cmdline > "$rec.cmdline"
    cat /proc/$$/environ > "$rec.environ"
    for arg in "$@"; do
        data=
        case "$arg" in
            --data-file=-) cat > "$rec.data" ; data=stdin ;;
            --data-file=*) data=${arg#--data-file=} ;;
            file://*) data=${arg#file://} ;;
        esac
        if [ -n "$data" ] && [ "$data" != stdin ]; then
            cat "$data" > "$rec.data"
            stat -c %a "$data" > "$rec.datamode"
        fi
    done
fi

case "${FAKECLI_MODE:-}" in
    hang)
        (trap '' TERM; exec sleep 600) &
        [ -n "$rec" ] && echo $! > "$rec.grandchild"
        echo "waiting for the operation to finish..."
        wait
        exit 0 ;;
    flood)
        yes | head -c "${FAKECLI_FLOOD_BYTES:-104857600}"
        exit 0 ;;
    fail)
        echo "ERROR: ($name) PERMISSION_DENIED: the caller does not have permission" >&2
        exit 1 ;;
    signal)
        echo "about to crash"
        kill -KILL $$ ;;
esac

case "$name $*" in
    "gcloud run revisions list"*)
        if [ -n "${FAKECLI_REVISIONS:-}" ]; then
            printf '%s\n' "$FAKECLI_REVISIONS"
        else
            printf 'dreamnet-00042-abc\ndreamnet-00041-xyz\ndreamnet-00040-k3p\n'
        fi ;;
    "aws apprunner list-operations"*)
        printf '{"OperationSummaryList": [{"Id": "1", "Type": "START_DEPLOYMENT", "Status": "SUCCEEDED"}]}\n' ;;
    *)
        echo "Updating... done." >&2
        echo "ok: $name $1 $2" ;;
esac
exit 0
