package cn.scenext.testkit;

/** The parts of the simulated service a fault can be aimed at. */
public enum Endpoint {
    /** {@code POST /api/gen_video}. */
    GEN_VIDEO,
    /** {@code GET /api/get_status/{task_id}}. */
    GET_STATUS,
    /** The object store serving frames and videos over signed URLs. */
    FILES;

    static Endpoint ofApiPath(String path) {
        return path.endsWith("/gen_video") ? GEN_VIDEO : GET_STATUS;
    }
}
