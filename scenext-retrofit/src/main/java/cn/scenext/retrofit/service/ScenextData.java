package cn.scenext.retrofit.service;

import java.util.Optional;

/** What every response's {@code data} may carry: on an error response, the service's message. */
public interface ScenextData {
    /**
     * The service's message on an error response ({@code data.messages}, plural on the wire).
     *
     * @return the message, empty on success
     */
    Optional<String> messages();
}
