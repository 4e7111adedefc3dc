package cn.scenext.sample;

import cn.scenext.core.webhook.WebhookEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs each new webhook event, once. */
@Component
public class VideoEvents {
    private static final Logger LOG = LoggerFactory.getLogger(VideoEvents.class);

    /**
     * Called once per new event: repeats of a delivery are dropped before it.
     *
     * @param event the verified event
     */
    @EventListener
    public void on(WebhookEvent event) {
        LOG.info("Task {} is {}", event.taskId(), event.state());
    }
}
