package cn.scenext.testkit;

/**
 * Which form of the Scenext API a {@link ScenextSimulator} speaks: the one its public server code really
 * responds with (the default), or the one its documentation shows. A client should cope with both; test it
 * against both.
 *
 * <table>
 * <caption>How the two styles differ</caption>
 * <tr><th>situation</th><th>{@link #REAL_SERVER}</th><th>{@link #DOCUMENTED}</th></tr>
 * <tr><td>no or malformed {@code Authorization}</td><td>403 {@code {"detail":"Not authenticated"}}; another
 *     scheme: 403 {@code {"detail":"Invalid authentication credentials"}}</td>
 *     <td>401 envelope {@code Unauthorized: Invalid API key}</td></tr>
 * <tr><td>{@code Bearer} with a wrong key</td><td colspan="2">401 envelope {@code Unauthorized: Invalid API key}
 *     in both (the server code's key check is a placeholder; production may check keys as documented)</td></tr>
 * <tr><td>unknown task</td><td>200 envelope {@code Server error:list index out of range}; an id that is not a
 *     UUID: 200 envelope with PostgreSQL's {@code invalid input syntax for type uuid} text</td>
 *     <td>envelope {@code Server error: Task not found} at {@link ScenextSimulator.Builder#taskNotFoundStatus(int)}
 *     (500 by default)</td></tr>
 * <tr><td>a body that is not JSON, a field of the wrong type</td><td>422
 *     {@code {"detail":[{"loc":["body",...],"msg":...,"type":...}]}} (pydantic 1 form)</td>
 *     <td>400 envelope {@code Invalid request: ...}</td></tr>
 * <tr><td>no question and no question images; any quality or {@code notify_url}</td><td>accepted: the task
 *     fails when its time is up ({@code 任务执行失败，不消耗积分}); an unknown quality is recorded as
 *     {@code MEDIUM}, a {@code notify_url} that is not an absolute URL as none (no webhook)</td>
 *     <td>400 envelope</td></tr>
 * <tr><td>unknown path, wrong method</td><td>404 {@code {"detail":"Not Found"}}, 405
 *     {@code {"detail":"Method Not Allowed"}}; the path is percent-decoded before routing, so an id holding
 *     {@code %2F} is split and not found</td><td>404 / 405 envelopes</td></tr>
 * <tr><td>status fields</td><td>IN_PROGRESS: {@code task_id, status, progress}; COMPLETED adds
 *     {@code consumption, result, title, created_at, finish_at}; FAILED: {@code task_id, status, consumption}
 *     (empty){@code , result} (with extra {@code score}, {@code scoreDetail} fields), no {@code progress}</td>
 *     <td>FAILED keeps {@code progress} and a zero {@code consumption}</td></tr>
 * <tr><td>frame ids; times</td><td>numbers ({@code 1, 2, ...}); UTC with microseconds
 *     ({@code 2026-01-01T00:00:05.000000+00:00})</td><td>strings ({@code "frame1"}); {@code +08:00}, whole
 *     seconds</td></tr>
 * <tr><td>task id</td><td>echoed as asked: an upper-case id finds the task and comes back upper-case</td>
 *     <td>exactly as created</td></tr>
 * <tr><td>signed URLs</td><td>signed once when the file is produced (its expiry counted from then) and stored:
 *     every status read gives the same URL, which expires</td><td>signed afresh for every status read</td></tr>
 * <tr><td>webhooks</td><td colspan="2">the body as Python's {@code json.dumps(data)} writes it, sent once per
 *     task; {@link #REAL_SERVER} sends no retry (the server ignores the receiver's response),
 *     {@link #DOCUMENTED} retries a delivery not taken 3 times; see
 *     {@link ScenextSimulator.Builder#webhookRetries(int, java.time.Duration)} and
 *     {@link ScenextSimulator.Builder#webhooksOnFailureOnly(boolean)}</td></tr>
 * </table>
 */
public enum ResponseStyle {
    /**
     * As the service's public server code (FastAPI in front of a PostgreSQL task table) responds: application
     * errors as envelopes with HTTP 200, the framework's own {@code {"detail": ...}} bodies, stored URLs that
     * expire. The default.
     */
    REAL_SERVER,
    /** As the service's documentation shows it: error envelopes with error statuses, fresh URLs on every read. */
    DOCUMENTED
}
