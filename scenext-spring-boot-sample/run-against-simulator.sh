#!/usr/bin/env bash
# Runs the Spring Boot sample against the simulator (two JVMs on loopback), has the simulator deliver a real
# signed webhook to it, and reads the metrics it exposes. Prints each command, then its output; the two
# processes' logs stay in $LOGS. Build first (from the repository root):
#   ./mvnw -B package dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
#       -pl scenext-spring-boot-sample,scenext-examples -am -DskipTests
set -u
cd "$(dirname "$0")/.."
LOGS=${LOGS:-$(mktemp -d)}
SIM_PORT=${SIM_PORT:-18765}
APP_PORT=${APP_PORT:-18080}
run() { echo; echo "\$ $*"; eval "$@"; echo; }
pretty() { python3 -m json.tool --indent 1; }
alive() { kill -0 "$1" 2>/dev/null || { echo "A process stopped; its log:"; cat "$2"; kill "${SIM_PID:-}" 2>/dev/null; exit 1; }; }

echo "# Built with: ./mvnw -B -o package dependency:build-classpath -Dmdep.outputFile=target/cp.txt \\"
echo "#     -pl scenext-spring-boot-sample,scenext-examples -am -DskipTests"
echo "# The simulator's key is masked below as <simulator-key>."
echo
echo "\$ java -cp scenext-examples/target/scenext.jar cn.scenext.examples.RunSimulator $SIM_PORT PT15S &"
java -cp scenext-examples/target/scenext.jar cn.scenext.examples.RunSimulator "$SIM_PORT" PT15S > "$LOGS"/sim.log 2>&1 &
SIM_PID=$!
until grep -q SCENEXT_API_KEY "$LOGS"/sim.log; do alive "$SIM_PID" "$LOGS"/sim.log; sleep 1; done
sed -E 's/(SCENEXT_API_KEY=)[^ ]+/\1<simulator-key>/' "$LOGS"/sim.log
eval "$(grep -o 'export SCENEXT_[A-Z_]*=[^ ]*' "$LOGS"/sim.log)"

APP_CP="scenext-spring-boot-sample/target/classes:$(cat scenext-spring-boot-sample/target/cp.txt)"
echo
echo "\$ java -cp \"scenext-spring-boot-sample/target/classes:\$(cat scenext-spring-boot-sample/target/cp.txt)\" \\"
echo "    cn.scenext.sample.SampleApplication --server.port=$APP_PORT --server.address=127.0.0.1 \\"
echo "    --scenext.base-url=\$SCENEXT_BASE_URL --app.public-url=http://127.0.0.1:$APP_PORT &   # SCENEXT_API_KEY from the simulator"
java -cp "$APP_CP" cn.scenext.sample.SampleApplication --server.port="$APP_PORT" --server.address=127.0.0.1 \
    --scenext.base-url="$SCENEXT_BASE_URL" --app.public-url="http://127.0.0.1:$APP_PORT" > "$LOGS"/app.log 2>&1 &
APP_PID=$!
until curl -sf "http://127.0.0.1:$APP_PORT/actuator/health" > /dev/null; do alive "$APP_PID" "$LOGS"/app.log; sleep 1; done
grep -E "Started SampleApplication" "$LOGS"/app.log | sed -E 's/^.*(Started)/\1/'

run "curl -s -X POST 'http://127.0.0.1:$APP_PORT/videos?question=What+is+Fourier+series' | pretty"
echo "# The application's log: the verified webhook event, published once as a Spring event"
grep -E "VideoEvents|WARN|ERROR" "$LOGS"/app.log | sed -E 's/^[^ ]+ +//'
for m in scenext.task.wait scenext.task.wait.polls scenext.task.wait.frames scenext.task.wait.webhook.lag \
         scenext.webhook.deliveries scenext.client.call scenext.client.attempt \
         scenext.client.calls.in.flight scenext.client.downloads.in.flight scenext.task.waits.in.flight; do
  run "curl -s http://127.0.0.1:$APP_PORT/actuator/metrics/$m | pretty"
done
run "curl -s 'http://127.0.0.1:$APP_PORT/actuator/metrics/scenext.client.call?tag=operation:status' | pretty"
run "curl -s http://127.0.0.1:$APP_PORT/actuator/health | pretty"
echo "# The key in any output of the application? (count of lines)"
grep -c "$SCENEXT_API_KEY" "$LOGS"/app.log
kill "$APP_PID" "$SIM_PID"
wait 2>/dev/null
