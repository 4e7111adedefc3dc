package cn.scenext.apache;

import java.nio.channels.ClosedSelectorException;
import org.apache.hc.core5.function.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports failures of the async client's I/O reactor as HttpClient does by default, except the
 * {@link ClosedSelectorException} its threads may meet while an immediate close tears the reactor down, which
 * is the close itself and not a failure.
 */
final class ReactorFailures implements Callback<Exception> {
    private static final Logger LOG = LoggerFactory.getLogger("org.apache.hc.client5.http.impl.async");

    @Override
    public void execute(Exception e) {
        if (!(e instanceof ClosedSelectorException)) {
            LOG.error("I/O reactor failure in the apache transport", e);
        }
    }
}
