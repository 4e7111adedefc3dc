package cn.scenext.core.poll;

/** {@link ProgressListener#none()}. */
enum NoProgress implements ProgressListener {
    INSTANCE;

    @Override
    public String toString() {
        return "ProgressListener.none()";
    }
}
