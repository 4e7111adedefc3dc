package cn.scenext.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.scenext.api.TaskStatus;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /videos?question=...}: creates a video and responds once it ended (its webhook ends the wait),
 * with the task's id, state and video URL. Blocks the request's thread for the wait, as a sample may.
 */
@RestController
public class VideoController {
    private final Videos videos;

    /**
     * Creates the controller.
     *
     * @param videos the service that creates videos and waits for them
     */
    public VideoController(Videos videos) {
        this.videos = videos;
    }

    /**
     * Creates a video and waits for it.
     *
     * @param question what the video explains
     * @return the task's id, its final state and, when completed, its video's URL
     */
    @PostMapping("/videos")
    public Map<String, String> explain(@RequestParam("question") String question) {
        TaskStatus status = videos.explain(question);
        Map<String, String> response = new LinkedHashMap<>();
        response.put("taskId", status.taskId().value());
        response.put("state", status.state().name());
        status.videoUrl().ifPresent(url -> response.put("video", url));
        return response;
    }
}
