package cn.scenext.examples.cli;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.internal.download.DownloadTarget;
import cn.scenext.core.download.OverwritePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code scenext} command line: create tasks, read and wait for them, download videos, verify and receive
 * webhooks, and run the whole flow against the embedded simulator ({@code demo}). Run
 * {@code java -jar scenext.jar help} for the commands.
 *
 * <p>Exit codes: 0 success; 1 the task failed or a webhook signature is invalid; 2 usage or validation error
 * (nothing was sent); 3 authentication failed; 4 task not found; 5 wait timed out; 6 network, server or
 * protocol error after retries; 7 a local problem (a file that cannot be read or written, a port in use); 8 a
 * batch's rows not finished in this run; 9 a batch's rows whose creation outcome is unknown. The API key never
 * appears in any output.
 */
public final class ScenextCli {
    static final String USAGE = String.join("\n",
            "Usage: scenext [--api-key KEY] [--base-url URL] [--transport NAME] [--verbose] COMMAND [OPTIONS]",
            "",
            "Commands:",
            "  generate --question TEXT [--answer TEXT] [--question-image URL|FILE]... [--answer-image URL|FILE]...",
            "           [--quality l|m|h] [--notify-url URL] [--wait] [--out FILE [--force]] [--poll-interval DURATION]",
            "           [--wait-timeout DURATION] [--json]",
            "                          create a video task; prints its id, or with --wait follows it to the end",
            "  status TASK_ID [--json] read a task's status",
            "  wait TASK_ID [--out FILE [--force]] [--poll-interval DURATION] [--wait-timeout DURATION] [--json]",
            "                          wait for a task to end, with progress on stderr",
            "  download TASK_ID --out FILE [--force]",
            "                          save the video of a completed task",
            "  webhook verify --secret KEY --signature HEX [--tolerance DURATION] [FILE]",
            "                          verify a webhook body (from FILE or stdin)",
            "  webhook listen --port N --secret KEY [--host HOST] [--path /webhook] [--tolerance DURATION]",
            "                          receive webhooks on HOST (default 127.0.0.1: this machine only);",
            "                          prints one JSON line per new event",
            "  batch FILE --out-dir DIR [--journal FILE] [--concurrency N] [--poll-interval DURATION]",
            "        [--wait-timeout DURATION] [--quality l|m|h] [--recreate-unknown]",
            "                          a video for every line of FILE (JSON Lines or one question a line),",
            "                          saved in DIR with DIR/report.jsonl; run again to resume",
            "  demo [--out FILE [--force]]",
            "                          the whole flow against the embedded simulator: no key, no network",
            "  help [COMMAND] | version",
            "Run `scenext COMMAND --help` for a command's options. --out never replaces a file without --force.",
            "",
            "Global options (before the command):",
            "  --api-key KEY       default: env SCENEXT_API_KEY",
            "  --base-url URL      default: env SCENEXT_BASE_URL, else https://api.scenext.cn",
            "  --transport NAME    okhttp, apache, retrofit or jdk; default: automatic",
            "  --verbose           show stack traces and SDK logs",
            "",
            "DURATION: 500ms, 30s, 5m, 1h or ISO-8601 (PT30S).",
            "Exit codes: 0 ok, 1 task failed or bad signature, 2 usage, 3 authentication, 4 not found,",
            "            5 wait timed out, 6 network/server/protocol error, 7 local problem (a file, a port),",
            "            8 batch rows INCOMPLETE (run again), 9 batch rows UNKNOWN (see --recreate-unknown).");

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private boolean verbose;
    private String apiKey;
    private String baseUrl;
    private String transport;
    private String extraHint;
    /** The command being run, for the usage hint. */
    private String command;
    /** Whether {@code --force} allows {@code --out} to replace an existing file. */
    private boolean force;

    /**
     * A command line over given streams and environment.
     *
     * @param env the environment variables
     * @param in standard input
     * @param out standard output: results only
     * @param err standard error: progress and errors
     * @param interactive whether stderr is a terminal (progress redraws one line)
     */
    public ScenextCli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = new ScenextCli(System.getenv(), System.in, out, err, System.console() != null).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command.
     *
     * @param args global options, the command and its options
     * @return the exit code
     */
    public int run(String... args) {
        try {
            return dispatch(new ArrayList<>(Arrays.asList(args)));
        } catch (CommandLine.HelpRequested h) {
            out.println(Help.of(h.command));
            return 0;
        } catch (Throwable e) {
            return fail(e);
        }
    }

    private int dispatch(List<String> args) throws Exception {
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String option = args.remove(0);
            String value = null;
            int eq = option.indexOf('=');
            if (eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            switch (option) {
                case "--verbose":
                    verbose = true;
                    // The SDK's own loggers only: HTTP libraries' header and wire loggers print the API key.
                    System.setProperty("org.slf4j.simpleLogger.log.cn.scenext", "debug");
                    break;
                case "-h":
                case "--help":
                    out.println(USAGE);
                    return 0;
                case "--version":
                    out.println("scenext " + ScenextClient.version());
                    return 0;
                case "--api-key":
                    apiKey = value != null ? value : take(args, option);
                    break;
                case "--base-url":
                    baseUrl = value != null ? value : take(args, option);
                    break;
                case "--transport":
                    transport = value != null ? value : take(args, option);
                    break;
                default:
                    throw new UsageException("Unknown global option " + option);
            }
        }
        if (args.isEmpty()) {
            throw new UsageException("No command given");
        }
        String command = args.remove(0);
        this.command = command;
        switch (command) {
            case "generate":
                return generate(args);
            case "status":
                return status(args);
            case "wait":
                return await(args);
            case "download":
                return download(args);
            case "webhook":
                return WebhookCommands.run(args, in, out, err);
            case "batch":
                return new BatchCommand(out, err, interactive).run(CommandLine.parse("batch", args,
                        BatchCommand.spec()), this::clientBuilder);
            case "demo":
                return new DemoCommand(out, err, interactive).run(CommandLine.parse("demo", args,
                        new CommandLine.Spec().value("--out", "--task-duration").flag("--force")), transport);
            case "help":
                CommandLine.parse("help", args, new CommandLine.Spec().positionals(2));
                if (!args.isEmpty()) {
                    throw new CommandLine.HelpRequested(helpTopic(args));
                }
                out.println(USAGE);
                return 0;
            case "version":
                CommandLine.parse("version", args, new CommandLine.Spec());
                out.println("scenext " + ScenextClient.version());
                return 0;
            default:
                throw new UsageException("Unknown command \"" + command + "\"");
        }
    }

    private static String helpTopic(List<String> args) {
        String topic = String.join(" ", args);
        if (Help.of(topic) == null) {
            throw new UsageException("No command \"" + topic + "\"");
        }
        return topic;
    }

    private static String take(List<String> args, String option) {
        if (args.isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return args.remove(0);
    }

    // ---- commands -------------------------------------------------------------------------------------

    private int generate(List<String> args) {
        CommandLine cl = CommandLine.parse("generate", args, new CommandLine.Spec()
                .value("--question", "--answer", "--quality", "--notify-url", "--out", "--poll-interval",
                        "--wait-timeout", "--max-image-size", "--max-images-size")
                .repeatable("--question-image", "--answer-image")
                .flag("--wait", "--json", "--force"));
        long maxImageBytes = cl.value("--max-image-size") == null ? Image.DEFAULT_MAX_FILE_BYTES
                : Sizes.parse("--max-image-size", cl.value("--max-image-size"));
        if (maxImageBytes > Integer.MAX_VALUE - 8) {
            throw new UsageException("--max-image-size can be at most 2GiB less 8 bytes: an image is held in memory");
        }
        GenerateVideoRequest.Builder request = GenerateVideoRequest.builder()
                .question(cl.value("--question"))
                .answer(cl.value("--answer"));
        for (String image : cl.all("--question-image")) {
            request.addQuestionImage(image(image, maxImageBytes));
        }
        for (String image : cl.all("--answer-image")) {
            request.addAnswerImage(image(image, maxImageBytes));
        }
        if (cl.value("--quality") != null) {
            request.quality(cl.value("--quality"));
        }
        request.notifyUrl(cl.value("--notify-url"));
        if (cl.value("--max-images-size") != null) {
            request.maxInlineImageBytes(Sizes.parse("--max-images-size", cl.value("--max-images-size")));
        }
        GenerateVideoRequest built = request.build();
        boolean wait = cl.flag("--wait");
        if (!wait && (cl.value("--out") != null || cl.value("--poll-interval") != null
                || cl.value("--wait-timeout") != null)) {
            throw new UsageException("--out, --poll-interval and --wait-timeout go with --wait");
        }
        WaitOptions.Builder waitOptions = wait ? waitOptions(cl) : null;
        Path target = cl.value("--out") == null ? null : Paths.get(cl.value("--out"));
        checkTarget(cl, target);
        try (ScenextClient client = client()) {
            TaskId id;
            try {
                id = client.generateVideo(built);
            } catch (ScenextException e) {
                if (e.taskMayHaveBeenCreated()) {
                    extraHint = "The task may have been created although this command failed (the service may "
                            + "have written it before responding with an error): check before creating it again "
                            + "(it would cost credits twice).";
                }
                throw e;
            }
            if (!wait) {
                out.println(cl.flag("--json") ? taskIdJson(id) : id.value());
                return 0;
            }
            err.println("Created task " + id + "; waiting for it (Ctrl-C stops waiting; the task goes on).");
            return followToTheEnd(client, id, waitOptions, target, cl.flag("--json"));
        }
    }

    private int status(List<String> args) {
        CommandLine cl = CommandLine.parse("status", args, new CommandLine.Spec().flag("--json").positionals(1));
        TaskId id = TaskId.of(cl.positional(0, "TASK_ID"));
        try (ScenextClient client = client()) {
            TaskStatus status = client.getStatus(id);
            printStatus(status, null, cl.flag("--json"));
            return status.isFailed() ? ExitCode.FAILED.code : 0;
        }
    }

    private int await(List<String> args) {
        CommandLine cl = CommandLine.parse("wait", args, new CommandLine.Spec()
                .value("--out", "--poll-interval", "--wait-timeout").flag("--json", "--force").positionals(1));
        TaskId id = TaskId.of(cl.positional(0, "TASK_ID"));
        WaitOptions.Builder options = waitOptions(cl);
        Path target = cl.value("--out") == null ? null : Paths.get(cl.value("--out"));
        checkTarget(cl, target);
        try (ScenextClient client = client()) {
            return followToTheEnd(client, id, options, target, cl.flag("--json"));
        }
    }

    private int download(List<String> args) {
        CommandLine cl = CommandLine.parse("download", args, new CommandLine.Spec().value("--out").flag("--force")
                .positionals(1));
        TaskId id = TaskId.of(cl.positional(0, "TASK_ID"));
        Path target = Paths.get(cl.required("--out"));
        checkTarget(cl, target);
        try (ScenextClient client = client()) {
            TaskStatus status = client.getStatus(id);
            if (status.state() == TaskState.FAILED) {
                err.println("Task " + id + " FAILED: " + status.failureMessage().orElse("no reason given")
                        + "; there is no video.");
                return ExitCode.FAILED.code;
            }
            if (!status.isCompleted()) {
                throw new UsageException("Task " + id + " is " + status.rawStatus() + ": no video yet. Run `scenext wait "
                        + id + " --out " + target + "` to wait for it and save it.");
            }
            Path saved = save(client, status, target);
            out.println(saved);
            return 0;
        }
    }

    // ---- shared pieces ----------------------------------------------------------------------------------

    private int followToTheEnd(ScenextClient client, TaskId id, WaitOptions.Builder options, Path target, boolean json) {
        ProgressBar bar = new ProgressBar(err, interactive, System::nanoTime);
        TaskStatus status = client.waitForCompletion(id, options
                .progressListener(bar.andThen(new PollFailureNotes(err, interactive))).throwOnTaskFailure(false).build());
        Path saved = null;
        if (status.isCompleted() && target != null) {
            saved = save(client, status, target);
        }
        printStatus(status, saved, json);
        if (!json) {
            err.println((status.isCompleted() ? "Done" : "Ended") + " in " + Durations.format(bar.elapsed()) + ".");
        }
        return status.isFailed() ? ExitCode.FAILED.code : 0;
    }

    private Path save(ScenextClient client, TaskStatus status, Path target) {
        ProgressBar bar = new ProgressBar(err, interactive, System::nanoTime);
        try (DownloadCleanup cleanup = DownloadCleanup.register(target)) {
            return client.download(status, target, downloadOptions().progressListener(bar).build());
        }
    }

    private DownloadOptions.Builder downloadOptions() {
        return DownloadOptions.builder().overwrite(force ? OverwritePolicy.REPLACE : OverwritePolicy.FAIL);
    }

    /** Refuses {@code --out} onto an existing file without {@code --force}, before anything is created or sent. */
    private void checkTarget(CommandLine cl, Path target) {
        force = cl.flag("--force");
        checkOut(target, force);
    }

    /**
     * Refuses {@code --out} onto an existing file (or one that cannot be written) unless {@code force}.
     *
     * @param target the {@code --out} file, or {@code null}
     * @param force whether {@code --force} was given
     */
    static void checkOut(Path target, boolean force) {
        if (target == null) {
            if (force) {
                throw new UsageException("--force goes with --out");
            }
            return;
        }
        try {
            DownloadTarget.check(target, DownloadOptions.builder()
                    .overwrite(force ? OverwritePolicy.REPLACE : OverwritePolicy.FAIL).build());
        } catch (DownloadException e) {
            if (e.reason() == DownloadException.Reason.TARGET_EXISTS) {
                throw new UsageException("--out " + target + ": " + (Files.isSymbolicLink(target)
                        ? "a symbolic link is there" : "the file exists") + ". Choose another file, or add --force "
                        + "to replace it.");
            }
            if (e.reason() == DownloadException.Reason.BAD_TARGET) {
                throw new UsageException("--out " + target + ": a symbolic link is there, to a file that does not "
                        + "exist. Remove the link or choose another file.");
            }
            throw new LocalProblemException(e.getMessage(), e);
        }
    }

    private static String taskIdJson(TaskId id) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64);
        try (com.fasterxml.jackson.core.JsonGenerator g = ApiJson.factory().createGenerator(bytes,
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("task_id", id.value());
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    static WaitOptions.Builder waitOptions(CommandLine cl) {
        WaitOptions.Builder b = WaitOptions.builder();
        if (cl.value("--poll-interval") != null) {
            Duration interval = Durations.parse("--poll-interval", cl.value("--poll-interval"));
            if (interval.isZero()) {
                throw new UsageException("--poll-interval must be more than zero");
            }
            PollPolicy policy = PollPolicy.fixed(interval);
            // Asked for explicitly on the command line (e.g. against a simulator): allow it below the floor.
            b.pollPolicy(interval.compareTo(policy.floor()) < 0 ? policy.withFloor(interval) : policy);
        }
        if (cl.value("--wait-timeout") != null) {
            b.timeout(Durations.parse("--wait-timeout", cl.value("--wait-timeout")));
        }
        return b;
    }

    private static Image image(String value, long maxBytes) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:")) {
            return Image.url(value);
        }
        Path file = Paths.get(value);
        if (!Files.exists(file)) {
            throw new LocalProblemException("Cannot read image file " + file + ": no such file.", null);
        }
        if (!Files.isDirectory(file) && !Files.isReadable(file)) {
            throw new LocalProblemException("Cannot read image file " + file + ": permission denied.", null);
        }
        return Image.file(file, maxBytes);
    }

    private void printStatus(TaskStatus status, Path saved, boolean json) {
        if (json) {
            // The service's own JSON when the status was read from it; the SDK's rendering of it otherwise.
            out.println(status.rawJson().orElseGet(() -> new String(ApiJson.writeTaskStatus(status),
                    StandardCharsets.UTF_8)));
            return;
        }
        out.println("Task " + status.taskId() + ": " + status.rawStatus());
        status.title().ifPresent(t -> out.println("  Title:    " + t));
        out.println("  Frames:   " + status.frames().size());
        if (status.isTerminal()) {
            out.println("  Credits:  " + status.creditsConsumed().toPlainString());
        }
        status.failureMessage().ifPresent(m -> out.println("  Reason:   " + m));
        if (saved != null) {
            out.println("  Saved:    " + saved + " (" + Sizes.format(sizeOf(saved)) + ")");
        } else {
            status.videoUrl().ifPresent(u -> out.println("  Video:    " + u));
        }
        status.finishAt().ifPresent(t -> out.println("  Finished: " + t));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    ScenextClient client() {
        return clientBuilder().build();
    }

    /** A client builder with the global options applied; the API key is checked here. */
    ScenextClient.Builder clientBuilder() {
        String key = apiKey != null ? apiKey : env.get("SCENEXT_API_KEY");
        if (key == null || key.trim().isEmpty()) {
            throw new ConfigurationException("No API key: pass --api-key KEY or set SCENEXT_API_KEY.");
        }
        ScenextClient.Builder b = ScenextClient.builder().apiKey(key.trim()).userAgentSuffix("scenext-cli");
        if (baseUrl != null && baseUrl.trim().isEmpty()) {
            throw new UsageException("--base-url needs a URL, got an empty one (leave it out for "
                    + "https://api.scenext.cn)");
        }
        String url = baseUrl != null ? baseUrl : env.get("SCENEXT_BASE_URL");
        if (url != null && !url.trim().isEmpty()) {
            b.baseUrl(url.trim());
        }
        String name = transport != null ? transport : env.get("SCENEXT_TRANSPORT");
        if (name != null && !name.trim().isEmpty()) {
            b.transport(name.trim());
        }
        return b;
    }

    // ---- failures -----------------------------------------------------------------------------------------

    private int fail(Throwable e) {
        ExitCode code = ExitCode.of(e);
        err.println("error: " + (e instanceof IOException ? LocalProblemException.message((IOException) e)
                : e.getMessage()));
        String hint = hint(e);
        if (hint != null) {
            err.println(hint);
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code.code;
    }

    private String hint(Throwable e) {
        if (extraHint != null) {
            return extraHint;
        }
        if (e instanceof UsageException) {
            return command != null && Help.of(command) != null
                    ? "Run `scenext " + command + " --help` for its options."
                    : "Run `scenext help` for the commands and their options.";
        }
        if (e instanceof AuthenticationException) {
            return "Check the key given with --api-key or SCENEXT_API_KEY.";
        }
        if (e instanceof TaskNotFoundException) {
            return "Check the task id; a task is visible only with the key that created it.";
        }
        if (e instanceof WaitTimeoutException) {
            return "The task may still be running: `scenext wait " + ((WaitTimeoutException) e).taskId()
                    + "` picks it up again.";
        }
        if (e instanceof RateLimitException) {
            return "The service is rate limiting: try again in a while.";
        }
        if (e instanceof DownloadException) {
            return "The download was not saved; run the command again to retry.";
        }
        if (ExitCode.of(e) == ExitCode.LOCAL) {
            return null;
        }
        if (!(e instanceof ScenextException) && !(e instanceof InvalidValueException)) {
            return "This is a bug in scenext; run with --verbose and report the stack trace.";
        }
        return null;
    }
}
