package cn.scenext.core.download;

/** What a download to a file does when the target file already exists. */
public enum OverwritePolicy {
    /** Refuse: the download fails with {@code DownloadException} reason {@code TARGET_EXISTS} before any transfer. */
    FAIL,
    /** Replace the existing file, atomically, once the new one is complete. */
    REPLACE
}
