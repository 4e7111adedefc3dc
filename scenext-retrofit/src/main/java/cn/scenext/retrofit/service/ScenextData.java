package cn.scenext.retrofit.service;

import java.util.Optional;

/** What every answer's {@code data} may carry: on an error answer, the service's message. */
public interface ScenextData {
    /**
     * The service's message on an error answer ({@code data.messages}, plural on the wire).
     *
     * @return the message, empty on success
     */
    Optional<String> messages();
}
