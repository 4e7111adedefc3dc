package cn.scenext.spring;

import java.io.IOException;

import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook route on Spring MVC: the servlet request's own input stream goes to the handler, which reads at
 * most one byte more than the verifier accepts (a {@code Content-Length} over it is answered 413 unread), so
 * the bytes verified are exactly the bytes sent.
 */
final class WebMvcWebhookEndpoint {
    private final WebhookHandler handler;

    private WebMvcWebhookEndpoint(WebhookHandler handler) {
        this.handler = handler;
    }

    static RouterFunction<ServerResponse> route(String path, WebhookHandler handler) {
        WebMvcWebhookEndpoint endpoint = new WebMvcWebhookEndpoint(handler);
        return RouterFunctions.route().POST(WebhookPaths.check(path), endpoint::receive).build();
    }

    private ServerResponse receive(ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        WebhookResponse response = handler.handle(servlet::getHeader, servlet.getInputStream());
        return ServerResponse.status(response.statusCode()).contentType(MediaType.TEXT_PLAIN)
                .body(response.message());
    }
}
