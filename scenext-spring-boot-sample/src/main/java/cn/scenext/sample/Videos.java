package cn.scenext.sample;

import java.net.URI;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.WaitOptions;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/** Creates explanation videos and waits for them. */
@Service
public class Videos {
    private final ScenextClient client;
    private final WaitOptions waitOptions;
    private final Environment environment;

    /**
     * Creates the service.
     *
     * @param client the starter's client
     * @param waitOptions the starter's wait options ({@code scenext.poll.*}, {@code scenext.wait.*})
     * @param environment where the webhook's public URL is read
     */
    public Videos(ScenextClient client, WaitOptions waitOptions, Environment environment) {
        this.client = client;
        this.waitOptions = waitOptions;
        this.environment = environment;
    }

    /**
     * Creates a video and waits for it: the wait ends the moment its webhook arrives.
     *
     * @param question what the video explains
     * @return the task's final status
     */
    public TaskStatus explain(String question) {
        // app.webhook-url is ${app.public-url}${scenext.webhook.path}, read when used (the port may be random).
        URI webhookUrl = URI.create(environment.getRequiredProperty("app.webhook-url"));
        TaskId id = client.generateVideo(GenerateVideoRequest.builder().question(question)
                .notifyUrl(webhookUrl).build());
        return client.waitForCompletion(id, waitOptions);
    }
}
