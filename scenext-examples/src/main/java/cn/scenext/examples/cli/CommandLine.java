package cn.scenext.examples.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict parser: options with a value ({@code --out FILE} or {@code --out=FILE}, repeatable where
 * declared), flags ({@code --json}), and positional arguments. Anything undeclared is a usage error.
 */
final class CommandLine {
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    /** What a command accepts. */
    static final class Spec {
        private final Set<String> valued = new HashSet<>();
        private final Set<String> repeatable = new HashSet<>();
        private final Set<String> flagNames = new HashSet<>();
        private int maxPositionals;

        Spec value(String... names) {
            Collections.addAll(valued, names);
            return this;
        }

        Spec repeatable(String... names) {
            Collections.addAll(valued, names);
            Collections.addAll(repeatable, names);
            return this;
        }

        Spec flag(String... names) {
            Collections.addAll(flagNames, names);
            return this;
        }

        Spec positionals(int max) {
            this.maxPositionals = max;
            return this;
        }
    }

    /** The options that go before the command, each with what it takes (nothing for a flag). */
    private static final Map<String, String> GLOBAL_OPTIONS = new HashMap<>();

    static {
        GLOBAL_OPTIONS.put("--api-key", " KEY");
        GLOBAL_OPTIONS.put("--base-url", " URL");
        GLOBAL_OPTIONS.put("--transport", " NAME");
        GLOBAL_OPTIONS.put("--verbose", "");
    }

    /** {@code --help} or {@code -h} was given to a command: show its usage instead of running it. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String command;

        HelpRequested(String command) {
            super("help for " + command, null, false, false);
            this.command = command;
        }
    }

    static CommandLine parse(String command, List<String> args, Spec spec) {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested(command);
            }
            if (a.startsWith("--") && a.length() > 2) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (spec.flagNames.contains(name) && value == null) {
                    cl.flags.add(name);
                } else if (spec.valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    List<String> list = cl.values.computeIfAbsent(name, k -> new ArrayList<>());
                    if (!list.isEmpty() && !spec.repeatable.contains(name)) {
                        throw new UsageException(name + " may be given once");
                    }
                    list.add(value);
                } else if (GLOBAL_OPTIONS.containsKey(name)) {
                    throw new UsageException(name + " is a global option: give it before the command, as in `scenext "
                            + name + GLOBAL_OPTIONS.get(name) + " " + command + " ...`");
                } else {
                    throw new UsageException("Unknown option " + name + " for " + command);
                }
            } else {
                cl.positionals.add(a);
            }
        }
        if (cl.positionals.size() > spec.maxPositionals) {
            throw new UsageException("Unexpected argument \"" + cl.positionals.get(spec.maxPositionals) + "\" for "
                    + command);
        }
        return cl;
    }

    String value(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.get(0);
    }

    String required(String name) {
        String v = value(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? Collections.<String>emptyList() : list;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String positional(int index, String what) {
        if (index >= positionals.size()) {
            throw new UsageException(what + " is required");
        }
        return positionals.get(index);
    }

    String optionalPositional(int index) {
        return index < positionals.size() ? positionals.get(index) : null;
    }
}
