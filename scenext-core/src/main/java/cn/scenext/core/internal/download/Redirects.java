package cn.scenext.core.internal.download;

import cn.scenext.api.transport.HttpResponse;
import java.net.URI;
import java.util.Locale;

/**
 * Which redirects a download follows: at most {@link cn.scenext.core.download.DownloadOptions#maxRedirects()},
 * with a {@code Location}, to an http(s) URL, and never from HTTPS down to plain HTTP. Stateless.
 */
final class Redirects {
    private Redirects() {
    }

    /** Whether a status is a redirect the download follows: 301, 302, 303, 307 or 308. */
    static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /**
     * Where a redirect leads.
     *
     * @param from the URL that was redirected
     * @param r the redirect
     * @param hop how many redirects were followed before this one
     * @param maxRedirects the most redirects to follow
     * @param failures makes the failure for one not followed
     * @return the absolute URL to request next
     * @throws cn.scenext.api.exception.DownloadException with reason {@code BAD_REDIRECT} for one not followed
     */
    static URI target(URI from, HttpResponse r, int hop, int maxRedirects, DownloadFailures failures) {
        String location = r.headers().firstValue("Location").orElse(null);
        if (hop >= maxRedirects || location == null) {
            throw failures.badRedirect(location == null ? "a redirect (HTTP " + r.statusCode() + ") without a Location"
                    : "more than " + maxRedirects + " redirects", r);
        }
        URI to;
        try {
            to = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw failures.badRedirect("a redirect to an invalid URL", r);
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (to.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw failures.badRedirect("a redirect to a non-http(s) URL", r);
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            throw failures.badRedirect("a redirect from HTTPS to plain HTTP", r);
        }
        return to;
    }
}
