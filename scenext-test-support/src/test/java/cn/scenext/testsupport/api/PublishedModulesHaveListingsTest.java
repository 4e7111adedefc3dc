package cn.scenext.testsupport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The parent pom checks a listing in every module with an {@code api/} folder; this keeps that set equal to the
 * published modules (those the BOM names), so a new published module cannot skip the check.
 */
class PublishedModulesHaveListingsTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();

    @Test
    void everyModuleInTheBomHasACheckedInListing() throws IOException {
        List<String> published = bomModules();
        assertThat(published).contains("scenext-api", "scenext-core", "scenext-testkit");
        for (String module : published) {
            assertThat(ROOT.resolve(module).resolve("api").resolve(module + ".api"))
                    .as("published module %s needs its API listing; %s", module,
                            ApiListingCheck.howToRegenerate(module))
                    .isRegularFile();
        }
    }

    @Test
    void onlyPublishedModulesHaveAnApiFolder() throws IOException {
        List<String> published = bomModules();
        try (var modules = Files.list(ROOT)) {
            List<String> withListing = modules.filter(m -> Files.isDirectory(m.resolve("api"))
                            && Files.isRegularFile(m.resolve("pom.xml")))
                    .map(m -> m.getFileName().toString()).sorted().collect(Collectors.toList());
            assertThat(withListing).containsExactlyInAnyOrderElementsOf(published);
        }
    }

    private static List<String> bomModules() throws IOException {
        String bom = Files.readString(ROOT.resolve("scenext-bom/pom.xml"));
        Matcher m = Pattern.compile("<artifactId>(scenext-[a-z-]+)</artifactId>").matcher(bom);
        List<String> modules = new java.util.ArrayList<>();
        while (m.find()) {
            if (!m.group(1).equals("scenext-bom") && !m.group(1).equals("scenext-parent")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }
}
