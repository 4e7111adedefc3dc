package cn.scenext.core.batch;

import cn.scenext.api.TaskId;

/**
 * Names the file a batch row's video is saved to, inside {@link BatchOptions#outputDirectory()}. The default
 * is {@code <reference>-<task id>.mp4}.
 */
@FunctionalInterface
public interface BatchFileNamer {
    /**
     * The file name of a row's video.
     *
     * @param row the row
     * @param taskId the row's task
     * @return a plain file name (no directory part), e.g. {@code 3-8f2c.mp4}
     */
    String fileName(BatchRow row, TaskId taskId);

    /**
     * The default: {@code <reference>-<task id>.mp4}, with characters that a file name cannot hold on common
     * systems ({@code / \ : * ? " < > |} and spaces) replaced by {@code _}.
     *
     * @return the namer
     */
    static BatchFileNamer defaults() {
        return (row, taskId) -> (row.reference() + "-" + taskId.value() + ".mp4").replaceAll("[/\\\\:*?\"<>| ]", "_");
    }
}
