#!/bin/sh
# Run one libFuzzer harness for a bounded time (called by `make fuzz`).
#   tests/fuzz/run.sh BINARY SEEDS WORKDIR SECONDS MAX_LEN
# The committed seeds are copied into WORKDIR/corpus, which the fuzzer
# grows (and keeps between runs); crash, leak and timeout inputs go to
# WORKDIR/artifacts (kept until removed); the whole log is WORKDIR/log. Prints one line with the
# number of executions; on a finding prints the log's tail and exits 1.
set -u
bin=$1 seeds=$2 work=$3 secs=$4 maxlen=$5
name=$(basename "$bin")

mkdir -p "$work/corpus" "$work/artifacts" || exit 1
cp "$seeds"/* "$work/corpus/" || exit 1

ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$bin" -max_total_time="$secs" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" \
	>"$work/log" 2>&1
rc=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
if [ "$rc" -ne 0 ]; then
	found=$(ls -t "$work/artifacts" 2>/dev/null | head -n 1)
	echo "$name: FAILED (exit $rc) after ${runs:-?} runs; input $work/artifacts/$found"
	echo "---- last lines of $work/log ----"
	tail -n 60 "$work/log"
	echo "---- reproduce: $bin $work/artifacts/$found"
	exit 1
fi
echo "$name: ${runs:-?} runs in $secs s, corpus $(ls "$work/corpus" | wc -l) inputs, no findings"
