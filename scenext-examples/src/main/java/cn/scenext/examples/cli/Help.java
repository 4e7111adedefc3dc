package cn.scenext.examples.cli;

/** The usage of each command, shown by {@code scenext COMMAND --help} (or {@code -h}, or {@code help COMMAND}). */
final class Help {
    private static final String DURATION = "DURATION is 500ms, 30s, 5m, 1h or ISO-8601 (PT30S).";
    private static final String GLOBAL = "Global options (--api-key, --base-url, --transport, --verbose) go before "
            + "the command.";

    private Help() {
    }

    /**
     * The usage of a command.
     *
     * @param command e.g. {@code generate} or {@code webhook listen}
     * @return its usage, or {@code null} for an unknown command
     */
    static String of(String command) {
        switch (command) {
            case "generate":
                return String.join("\n",
                        "Usage: scenext generate --question TEXT [OPTIONS]",
                        "",
                        "Create a video task. Prints its id (with --json: {\"task_id\": \"...\"}); with --wait follows it",
                        "to the end, progress on stderr, and prints the final status.",
                        "",
                        "  --question TEXT           the question (or give question images)",
                        "  --answer TEXT             a reference answer: makes the explanation accurate",
                        "  --question-image URL|FILE an image of the question (repeatable); files are sent inline",
                        "  --answer-image URL|FILE   an image of the answer (repeatable)",
                        "  --max-image-size SIZE     largest image file, default 10MiB",
                        "  --max-images-size SIZE    all inline images of the request together, default 20MiB",
                        "  --quality l|m|h           video quality, default m",
                        "  --notify-url URL          the service POSTs a signed webhook there when the task ends",
                        "  --wait                    wait for the task to end",
                        "  --out FILE                with --wait: save the video (checked before the task is created)",
                        "  --force                   replace FILE if it exists",
                        "  --poll-interval DURATION  with --wait: how often to read the status",
                        "  --wait-timeout DURATION   with --wait: give up waiting after this (the task goes on)",
                        "  --json                    print JSON",
                        "",
                        "SIZE is bytes or 500KiB, 10MiB (also KB, MB). " + DURATION,
                        GLOBAL);
            case "status":
                return String.join("\n",
                        "Usage: scenext status TASK_ID [--json]",
                        "",
                        "Read a task's status. Exit code 1 when the task FAILED.",
                        "",
                        "  --json                    print the API's own JSON",
                        "",
                        GLOBAL);
            case "wait":
                return String.join("\n",
                        "Usage: scenext wait TASK_ID [--out FILE [--force]] [--poll-interval DURATION]",
                        "                   [--wait-timeout DURATION] [--json]",
                        "",
                        "Wait for a task to end, with progress on stderr; prints the final status.",
                        "",
                        "  --out FILE                save the video once the task completed",
                        "  --force                   replace FILE if it exists",
                        "  --poll-interval DURATION  how often to read the status",
                        "  --wait-timeout DURATION   give up waiting after this (the task goes on)",
                        "  --json                    print the API's own JSON",
                        "",
                        DURATION,
                        GLOBAL);
            case "download":
                return String.join("\n",
                        "Usage: scenext download TASK_ID --out FILE [--force]",
                        "",
                        "Save the video of a completed task. Exit code 2 when the task has not completed yet",
                        "(`scenext wait TASK_ID --out FILE` waits for it), 1 when it FAILED.",
                        "",
                        "  --out FILE                where to save it, or a directory to save it in",
                        "  --force                   replace FILE if it exists",
                        "",
                        GLOBAL);
            case "webhook":
                return String.join("\n",
                        "Usage: scenext webhook verify --secret KEY --signature HEX [--tolerance DURATION] [FILE]",
                        "       scenext webhook listen --port N --secret KEY [--host HOST] [--path /webhook]",
                        "                              [--tolerance DURATION]",
                        "",
                        "Run `scenext webhook verify --help` or `scenext webhook listen --help` for details.");
            case "webhook verify":
                return String.join("\n",
                        "Usage: scenext webhook verify --secret KEY --signature HEX [--tolerance DURATION] [FILE]",
                        "",
                        "Verify a webhook body read from FILE (or stdin) and print its event as one JSON line.",
                        "Exit code 1 when the signature or the timestamp is not valid.",
                        "",
                        "  --secret KEY              the secret the service signs with (your API key)",
                        "  --signature HEX           the X-Signature header of the delivery",
                        "  --tolerance DURATION      how old or new a timestamp may be, default 5m",
                        "",
                        DURATION);
            case "webhook listen":
                return String.join("\n",
                        "Usage: scenext webhook listen --port N --secret KEY [--host HOST] [--path /webhook]",
                        "                              [--tolerance DURATION]",
                        "",
                        "Receive webhooks: print one JSON line per new event on stdout, respond 200 (also for a",
                        "repeat, not printed again), 400 or 401 as the handler decides. Deliveries are served",
                        "concurrently. Ctrl-C stops.",
                        "",
                        "  --port N                  the port, 0 for any free one",
                        "  --host HOST               the address to bind, default 127.0.0.1 (this machine only);",
                        "                            0.0.0.0 listens on every interface",
                        "  --secret KEY              the secret the service signs with (your API key)",
                        "  --path PATH               the path deliveries are POSTed to, default /webhook",
                        "  --tolerance DURATION      how old or new a timestamp may be, default 5m",
                        "",
                        "Exit code 7 when the port is in use. " + DURATION);
            case "batch":
                return String.join("\n",
                        "Usage: scenext batch FILE --out-dir DIR [--journal FILE] [--concurrency N]",
                        "                    [--poll-interval DURATION] [--wait-timeout DURATION] [--quality l|m|h]",
                        "                    [--creations-per-second R] [--recreate-unknown]",
                        "",
                        "Make a video of every request in FILE and save it in DIR as LINE-TASKID.mp4; write",
                        "DIR/report.jsonl (one object per row: line, task_id, status, file, sha256, credits, detail).",
                        "Every step is recorded in a journal first: the same command run again, after a crash, a",
                        "kill or a timeout, resumes and never creates a row's task twice.",
                        "",
                        "FILE is JSON Lines when its first non-blank line starts with {: one object a line with the",
                        "API's fields question, questionImages, answer, answerImages, quality, notify_url (images:",
                        "URLs or files, relative to FILE's folder). Otherwise each line is one question. Blank",
                        "lines are skipped; a row is named by its line number. Every bad line is reported, with its",
                        "number, before anything is sent (exit code 2). Do not edit FILE between runs: a changed row",
                        "is refused.",
                        "",
                        "  --out-dir DIR             where the videos and report.jsonl go (created if missing)",
                        "  --journal FILE            the journal, default DIR/.scenext/journal",
                        "  --concurrency N           rows in flight at most, default 4",
                        "  --creations-per-second R  tasks created a second at most, default 1",
                        "  --poll-interval DURATION  how often to read a task's status",
                        "  --wait-timeout DURATION   give up waiting for a row after this (it stays INCOMPLETE)",
                        "  --quality l|m|h           the quality of rows that do not give one, default m",
                        "  --max-image-size SIZE     largest image file, default 10MiB",
                        "  --recreate-unknown        create again the rows whose creation outcome is unknown",
                        "                            (the first creation may exist: it may cost credits twice)",
                        "",
                        "Exit codes: 0 every row COMPLETED and saved; 1 rows FAILED; 8 rows INCOMPLETE (run again);",
                        "9 rows UNKNOWN (see --recreate-unknown); the rows concerned are named on stderr.",
                        DURATION,
                        GLOBAL);
            case "demo":
                return String.join("\n",
                        "Usage: scenext demo [--out FILE [--force]] [--task-duration DURATION]",
                        "",
                        "The whole flow against the embedded simulator: no key, no network. Without --out the",
                        "video goes to a temporary folder, removed at the end.",
                        "",
                        "  --out FILE                keep the video there",
                        "  --force                   replace FILE if it exists",
                        "  --task-duration DURATION  how long the simulated task runs, default 6s");
            case "help":
                return "Usage: scenext help [COMMAND]\n\nShow the commands, or one command's usage.";
            case "version":
                return "Usage: scenext version\n\nShow the version.";
            default:
                return null;
        }
    }
}
