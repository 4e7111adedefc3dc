package cn.scenext.examples;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.DownloadProgressListener;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.ProgressListener;
import cn.scenext.core.poll.WaitOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.OptionalLong;

/**
 * Create a task, follow it to its end, and save its video — blocking, with progress: each storyboard frame
 * as it arrives and each change of the task's state while waiting, then the bytes while saving.
 *
 * <pre>
 * SCENEXT_API_KEY=sk-... java -cp scenext.jar cn.scenext.examples.CreateAndWait "What is a Fourier series?" fourier.mp4
 * </pre>
 *
 * <p>Against the real service a task takes minutes; the wait polls as the service advises (at once, then
 * every 30 seconds). Creating a task costs credits.
 */
public final class CreateAndWait {
    private CreateAndWait() {
    }

    /**
     * Creates a task for the question in the first argument, waits for it and saves its video to the file in
     * the second argument (default {@code scenext-video.mp4}).
     *
     * @param args an optional question, then an optional file
     */
    public static void main(String[] args) {
        String question = args.length > 0 ? args[0] : "What is a Fourier series?";
        Path target = Paths.get(args.length > 1 ? args[1] : "scenext-video.mp4");
        try (ScenextClient client = ScenextClient.fromEnv()) {
            run(client, System.out, GenerateVideoRequest.ofQuestion(question), PollPolicy.defaults(), target);
        }
    }

    /**
     * Creates a task, waits for it with a progress display, and saves its video.
     *
     * @param client the client
     * @param out where to print the progress
     * @param request what to make a video of
     * @param pollPolicy when to poll: {@link PollPolicy#defaults()} for the service
     * @param target the file to save the video to; replaced if it exists
     * @return the file written
     * @throws cn.scenext.api.exception.TaskFailedException when the task failed, with the service's reason
     */
    public static Path run(ScenextClient client, PrintStream out, GenerateVideoRequest request,
            PollPolicy pollPolicy, Path target) {
        WaitOptions waitOptions = WaitOptions.builder()
                .pollPolicy(pollPolicy)
                .progressListener(new ProgressListener() {
                    @Override
                    public void onStateChanged(TaskStatus status) {
                        out.println(status.taskId() + " is " + status.state());
                    }

                    @Override
                    public void onFrame(TaskStatus status, Frame frame, int number) {
                        out.println("  frame " + number + ": " + frame.id());
                    }
                })
                .build();
        TaskStatus done = client.generateVideoAndWait(request, waitOptions);
        out.println("\"" + done.title().orElse("(untitled)") + "\", " + done.creditsConsumed() + " credits");

        DownloadOptions downloadOptions = DownloadOptions.builder()
                .overwrite(OverwritePolicy.REPLACE)
                .progressListener(new PercentPrinter(out))
                .build();
        Path saved = client.download(done, target, downloadOptions);
        out.println("Saved " + saved);
        return saved;
    }

    /** Prints the share of the file saved so far, each time it passes another tenth. */
    private static final class PercentPrinter implements DownloadProgressListener {
        private final PrintStream out;
        private long lastTenth = -1;

        PercentPrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onProgress(long bytesDone, OptionalLong totalBytes) {
            if (totalBytes.isEmpty() || totalBytes.getAsLong() == 0) {
                out.println("  saved " + bytesDone + " bytes");
                return;
            }
            long percent = 100 * bytesDone / totalBytes.getAsLong();
            if (percent / 10 != lastTenth) {
                lastTenth = percent / 10;
                out.println("  saved " + percent + "% of " + totalBytes.getAsLong() + " bytes");
            }
        }
    }
}
