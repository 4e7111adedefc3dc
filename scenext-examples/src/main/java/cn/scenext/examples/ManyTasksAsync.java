package cn.scenext.examples;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Many tasks at once, without a thread per task: create several tasks and wait for all of them with the
 * asynchronous API ({@code generateVideoAsync}, {@code waitForCompletionAsync}, {@code CompletableFuture.allOf}),
 * on one shared client whose polls are capped client-wide by {@code maxStatusRequestsPerSecond}. Each task is
 * reported as it ends, completed or failed.
 *
 * <pre>
 * SCENEXT_API_KEY=sk-... java -cp scenext.jar cn.scenext.examples.ManyTasksAsync "What is 1 + 1?" "What is pi?"
 * </pre>
 *
 * <p>All waits share the client's one timer thread, so a thousand tasks cost no more threads than three.
 * Creating tasks on the real service costs credits.
 */
public final class ManyTasksAsync {
    /** The most status requests per second of all the client's waits together. */
    public static final double MAX_STATUS_REQUESTS_PER_SECOND = 5;

    private ManyTasksAsync() {
    }

    /**
     * Creates a task per argument (or three default questions) and waits for all of them.
     *
     * @param args the questions
     */
    public static void main(String[] args) {
        List<String> questions = args.length > 0 ? List.of(args)
                : List.of("What is 1 + 1?", "Why is the sky blue?", "What is a prime number?");
        try (ScenextClient client = ScenextClient.builder()
                .fromEnv()                                              // SCENEXT_API_KEY, SCENEXT_BASE_URL
                .maxStatusRequestsPerSecond(MAX_STATUS_REQUESTS_PER_SECOND)
                .build()) {
            run(client, System.out, questions, PollPolicy.defaults());
        }
    }

    /**
     * Creates a task per question and waits for all of them at once, reporting each as it ends.
     *
     * @param client the one client all tasks share
     * @param out where to print what happens
     * @param questions one task per question
     * @param pollPolicy when each wait polls: {@link PollPolicy#defaults()} for the service
     * @return the terminal status of each task, in the order of the questions
     * @throws CompletionException when a task could not be created or waited for (after each was reported)
     */
    public static List<TaskStatus> run(ScenextClient client, PrintStream out, List<String> questions,
            PollPolicy pollPolicy) {
        WaitOptions options = WaitOptions.builder()
                .pollPolicy(pollPolicy)
                .throwOnTaskFailure(false)                              // a failed task is a result, not an error
                .build();
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>();
        for (String question : questions) {
            waits.add(client.generateVideoAsync(GenerateVideoRequest.ofQuestion(question))
                    .thenCompose(id -> {
                        out.println("Created " + id + " for \"" + question + "\"");
                        return client.waitForCompletionAsync(id, options);
                    })
                    .whenComplete((status, failure) -> report(out, question, status, failure)));
        }
        out.println("Waiting for " + waits.size() + " tasks; the JVM has "
                + ManagementFactory.getThreadMXBean().getThreadCount() + " threads");

        CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0])).join();
        return waits.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    private static void report(PrintStream out, String question, TaskStatus status, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            out.println("Gave up on \"" + question + "\": " + cause.getMessage());
        } else if (status.isCompleted()) {
            out.println(status.taskId() + " COMPLETED: \"" + status.title().orElse(question) + "\", "
                    + status.creditsConsumed() + " credits");
        } else {
            out.println(status.taskId() + " " + status.state() + ": " + status.failureMessage().orElse("no reason"));
        }
    }
}
