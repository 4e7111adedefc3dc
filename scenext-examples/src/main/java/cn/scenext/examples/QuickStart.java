package cn.scenext.examples;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import java.io.PrintStream;

/**
 * The quick start: create a video task and read its status once, with a client configured from the
 * environment ({@code SCENEXT_API_KEY}, and {@code SCENEXT_BASE_URL} to point it at a simulator).
 *
 * <pre>
 * SCENEXT_API_KEY=sk-... java -cp scenext.jar cn.scenext.examples.QuickStart "What is a Fourier series?"
 * </pre>
 *
 * <p>Creating a task on the real service costs credits.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Creates a task for the question given as the first argument (or a default one) and prints its status.
     *
     * @param args an optional question
     */
    public static void main(String[] args) {
        String question = args.length > 0 ? args[0] : "What is a Fourier series?";
        try (ScenextClient client = ScenextClient.fromEnv()) {          // reads SCENEXT_API_KEY
            run(client, System.out, question);
        }
    }

    /**
     * Creates a task and reads its status once.
     *
     * @param client the client
     * @param out where to print what happens
     * @param question what to make a video of
     * @return the task's status just after its creation
     */
    public static TaskStatus run(ScenextClient client, PrintStream out, String question) {
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion(question));
        TaskStatus status = client.getStatus(id);
        out.println(id + ": " + status.state() + ", " + status.frames().size() + " frames so far");
        return status;
    }
}
