package cn.scenext.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on the Scenext starter: the client bean, the webhook endpoint at
 * {@code /scenext/webhook}, a service that creates videos and waits for them, and a listener of webhook events.
 * Run it with {@code SCENEXT_API_KEY} set and {@code app.public-url} the address the service can reach it at.
 */
@SpringBootApplication
public class SampleApplication {
    /**
     * Starts the application.
     *
     * @param args Spring Boot's command-line arguments, e.g. {@code --server.port=8080}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
