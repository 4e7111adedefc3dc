package cn.scenext.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command lines of the benchmark programs: {@code --name value} options and {@code --flag}s. */
final class Arguments {
    private Arguments() {
    }

    /**
     * Reads the arguments.
     *
     * @return each option's value by name (without the dashes); a flag maps to {@code "true"}
     * @throws IllegalArgumentException for an argument that is not an option
     */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || args[i].length() == 2) {
                throw new IllegalArgumentException("Not an option: " + args[i] + " (options look like --name value)");
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }
}
