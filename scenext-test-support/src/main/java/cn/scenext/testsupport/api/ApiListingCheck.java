package cn.scenext.testsupport.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a module's computed API listing with its checked-in file, or rewrites the file when asked to.
 */
public final class ApiListingCheck {
    /** The system property that, set to {@code true}, rewrites the listings instead of checking them. */
    public static final String UPDATE_PROPERTY = "scenext.api.update";

    private static final int MAX_DIFF_LINES = 200;

    private ApiListingCheck() {
    }

    /**
     * Checks a listing against its file, or writes the file.
     *
     * @param module the module's name, for messages
     * @param listingFile the checked-in listing
     * @param computed the listing just computed from the compiled classes
     * @param update {@code true} to write {@code computed} to the file instead of comparing
     * @return what was done, for the build log
     * @throws AssertionError when the file is missing or differs, naming the differing lines and the command that
     *     regenerates the file
     * @throws IOException when the file cannot be read or written
     */
    public static String verify(String module, Path listingFile, String computed, boolean update) throws IOException {
        if (update) {
            if (listingFile.getParent() != null) {
                Files.createDirectories(listingFile.getParent());
            }
            if (Files.exists(listingFile) && read(listingFile).equals(computed)) {
                return "API listing of " + module + " unchanged: " + listingFile;
            }
            Files.write(listingFile, computed.getBytes(StandardCharsets.UTF_8));
            return "Wrote the API listing of " + module + ": " + listingFile
                    + " (review the change and name it in CHANGELOG.md)";
        }
        if (!Files.exists(listingFile)) {
            throw new AssertionError("The public API of " + module + " has no checked-in listing at " + listingFile
                    + ".\n" + howToRegenerate(module));
        }
        String expected = read(listingFile);
        if (expected.equals(computed)) {
            return "API listing of " + module + " matches " + listingFile;
        }
        String diff = LineDiff.between(lines(expected), lines(computed), MAX_DIFF_LINES);
        throw new AssertionError("The public API of " + module + " differs from its checked-in listing "
                + listingFile + " ('-' only in the listing, '+' only in the compiled classes):\n" + diff
                + howToRegenerate(module));
    }

    /**
     * The instructions printed with every failure.
     *
     * @param module the module's name
     * @return the command that rewrites the listing, and what to do next
     */
    public static String howToRegenerate(String module) {
        return "If the change is deliberate, regenerate the listing with\n"
                + "    ./mvnw -B verify -pl " + module + " -am -D" + UPDATE_PROPERTY + "=true"
                + " -Dtest=PublishedApiTest -Dsurefire.failIfNoSpecifiedTests=false\n"
                + "(or every module's: ./mvnw -B verify -D" + UPDATE_PROPERTY + "=true), review the diff of "
                + module + "/api/" + module + ".api, commit it, and name the change in CHANGELOG.md.";
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }
}
