package cn.scenext.core.internal.download;

import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.transport.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The failures of one download, each a {@link DownloadException} that names the file, never the signature of
 * its URL, and keeps the start of the object store's response body (its reason, often) in the details.
 */
final class DownloadFailures {
    private static final int MAX_ERROR_SNIPPET = 300;

    private final RemoteFile file;

    DownloadFailures(RemoteFile file) {
        this.file = file;
    }

    /**
     * The failure for a signed URL that stays expired: refused (or past its {@code Expires}) and given back the
     * same by a fresh status.
     *
     * @param refused the object store's 403, or {@code null} when the URL's {@code Expires} said it expired
     */
    DownloadException sameExpiredUrl(URI stale, HttpResponse refused) {
        long expires = SignedUrl.expiresEpochSecond(stale);
        String expiry = expires >= 0 ? " (Expires " + Instant.ofEpochSecond(expires) + ")" : "";
        String what = refused != null ? "the object store refused its signed URL" + expiry + " with HTTP 403"
                : "its signed URL expired" + expiry + " by this machine's clock";
        return new DownloadException(DownloadException.Reason.SAME_EXPIRED_URL, "Cannot download "
                + file.describe() + ": " + what + ", and a fresh status from the service returned the same expired "
                + "URL. The service stores a task's file URLs when the task ends and does not sign them again, so "
                + "reading the status again cannot help: this file can no longer be fetched with its URL. Download "
                + "a task's files promptly after it completes, before their URLs expire.", null,
                refused != null ? details(refused) : ErrorDetails.none());
    }

    /** The failure for a status the download cannot go on from, or for a temporary one it retried enough. */
    DownloadException httpError(HttpResponse r, URI url) {
        return new DownloadException(DownloadException.Reason.HTTP_ERROR, "The object store answered HTTP "
                + r.statusCode() + " for " + file.describe() + " (" + withoutQuery(url) + ").", null, details(r));
    }

    /** The failure for a redirect the download does not follow. */
    DownloadException badRedirect(String what, HttpResponse r) {
        return new DownloadException(DownloadException.Reason.BAD_REDIRECT, "Downloading " + file.describe()
                + " met " + what + "; not followed.", null, ErrorDetails.of(r.statusCode(), null, null));
    }

    /** A response's status and the start of its body, for a failure's details. */
    static ErrorDetails details(HttpResponse r) {
        return ErrorDetails.of(r.statusCode(), null, snippet(r));
    }

    private static String snippet(HttpResponse r) {
        try {
            InputStream in = r.body().stream();
            byte[] b = new byte[MAX_ERROR_SNIPPET];
            int len = 0;
            int n;
            while (len < b.length && (n = in.read(b, len, b.length - len)) > 0) {
                len += n;
            }
            return len == 0 ? null : new String(b, 0, len, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A signed URL without its query, which holds the signature: safe for messages and logs. */
    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
