#!/usr/bin/env bash
# Profiles ClientOverheadBenchmark's SDK and raw sides with async-profiler, per transport and event, and compares
# the collapsed stacks (SDK minus raw) of the benchmark thread. See docs/performance.md, "Where the time goes, by
# profile".
#
# Usage: scenext-benchmarks/profile/profile-getstatus.sh OUT_DIR [TRANSPORTS] [EVENTS]
#   TRANSPORTS  comma-separated, default okhttp,apache,retrofit,jdk
#   EVENTS      comma-separated async-profiler events, default cpu,wall,alloc (cpu falls back to itimer when
#               perf events are not allowed, e.g. in a container)
# Environment: AP_LIB (libasyncProfiler.so; default: extracted from tools.profiler:async-profiler:4.2 in ~/.m2),
#   JAR (default scenext-benchmarks/target/benchmarks.jar), JMH_OPTS (default "-f 1 -wi 8 -w 2 -i 4 -r 2": C2 must have compiled both sides before the profile starts),
#   PIN (default "taskset -c 0" when taskset exists; set PIN= to run unpinned).
set -euo pipefail

out=${1:?usage: $0 OUT_DIR [TRANSPORTS] [EVENTS]}
transports=${2:-okhttp,apache,retrofit,jdk}
events=${3:-cpu,wall,alloc}
here=$(cd "$(dirname "$0")" && pwd)
jar=${JAR:-$here/../target/benchmarks.jar}
jmh_opts=${JMH_OPTS:--f 1 -wi 8 -w 2 -i 4 -r 2}
if [[ -z ${PIN+x} ]]; then
  if command -v taskset > /dev/null; then PIN="taskset -c 0"; else PIN=""; fi
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

lib=${AP_LIB:-}
if [[ -z $lib ]]; then
  apjar=$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar
  if [[ ! -f $apjar ]]; then
    echo "No async-profiler: run ./mvnw -B dependency:get -Dartifact=tools.profiler:async-profiler:4.2 -Dtransitive=false, or set AP_LIB" >&2
    exit 2
  fi
  arch=$(uname -m); case $arch in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
  mkdir -p "$out/lib"
  (cd "$out/lib" && unzip -o -q "$apjar" "linux-$arch/libasyncProfiler.so")
  lib=$out/lib/linux-$arch/libasyncProfiler.so
fi

# perf events may be refused (perf_event_paranoid, seccomp): then CPU time is sampled with itimer
cpu_event=cpu
probe=$(java -agentpath:"$lib"=start,event=cpu,file=/dev/null -version 2>&1 || true)
if grep -qi "perf_event\|No access to perf\|not supported" <<< "$probe"; then cpu_event=itimer; fi

# sampling intervals: 1 ms of CPU, 2 ms of wall time, 256 KiB allocated (a call allocates 15-35 KB); allocation
# samples are counted (JMH's async profiler has no option for bytes), each standing for about one interval
interval() {
  case $1 in
    cpu | itimer) echo "interval=1000000;" ;;
    wall) echo "interval=2000000;" ;;
    alloc) echo "interval=262144;" ;;
  esac
}

IFS=, read -ra ts <<< "$transports"
IFS=, read -ra es <<< "$events"
for t in "${ts[@]}"; do
  for e in "${es[@]}"; do
    [[ $e == cpu ]] && e=$cpu_event
    for side in sdk raw; do
      dir=$out/$t/$e/$side
      mkdir -p "$dir"
      # threads: the first frame names the thread, so that the benchmark thread's own stacks can be picked
      $PIN java -jar "$jar" "ClientOverheadBenchmark.${side}GetStatus" -p transport="$t" $jmh_opts \
        -rf json -rff "$dir/jmh.json" \
        -prof "async:libPath=$lib;event=$e;$(interval "$e")output=collapsed;threads=true;dir=$dir" > "$dir/jmh.log" 2>&1 || echo "failed: $dir/jmh.log" >&2
      echo "$t $e $side: $(grep -h 'GetStatus ' "$dir/jmh.log" | grep avgt | tail -1 || true)" >&2
    done
  done
done

# per transport and event: the benchmark thread's stacks, SDK minus raw, per call
for t in "${ts[@]}"; do
  for e in "${es[@]}"; do
    [[ $e == cpu ]] && e=$cpu_event
    s=$(find "$out/$t/$e/sdk" -name 'collapsed*' | head -1)
    r=$(find "$out/$t/$e/raw" -name 'collapsed*' | head -1)
    calls() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[0]; m=d["measurementIterations"]*float(d["measurementTime"].split()[0]); print(m*1e6/d["primaryMetric"]["score"])' "$1"; }
    cs=$(calls "$out/$t/$e/sdk/jmh.json"); cr=$(calls "$out/$t/$e/raw/jmh.json")
    thread=jmh-worker
    python3 "$here/collapsed_diff.py" "$s" "$r" --thread "$thread" --calls-sdk "$cs" --calls-raw "$cr" \
      > "$out/$t/$e/diff.txt" || true
    python3 "$here/collapsed_diff.py" "$s" "$r" --calls-sdk "$cs" --calls-raw "$cr" > "$out/$t/$e/diff-all-threads.txt" || true
    echo "== $t $e: $out/$t/$e/diff.txt" >&2
    head -1 "$out/$t/$e/diff.txt" >&2 || true
  done
done
