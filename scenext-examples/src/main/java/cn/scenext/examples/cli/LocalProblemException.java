package cn.scenext.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A problem on this machine, not with the service or the command line's use: a file that cannot be read or
 * written, a port in use. Exit code 7. The message says it plainly, without exception class names.
 */
final class LocalProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalProblemException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A problem with a local file, e.g. {@code Cannot read body.json: no such file}.
     *
     * @param what what was being done, e.g. {@code "Cannot read body.json"}
     * @param e the failure
     * @return the exception
     */
    static LocalProblemException of(String what, IOException e) {
        return new LocalProblemException(what + ": " + describe(e) + ".", e);
    }

    /** An I/O failure in words, with the file concerned: {@code body.json: no such file}. */
    static String message(IOException e) {
        String file = e instanceof FileSystemException ? ((FileSystemException) e).getFile() : null;
        return (file == null ? "" : file + ": ") + describe(e);
    }

    /** An I/O failure in words: {@code no such file}, {@code permission denied}, the system's reason. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it exists already";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
