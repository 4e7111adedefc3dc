package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Core's tests cannot depend on the testkit (it depends on core), so they keep a copy of {@link VirtualScheduler}
 * (docs/DESIGN.md, "Decisions"). This keeps the copy the same code: only its package and imports may differ.
 */
class VirtualSchedulerCopyTest {
    private static final Path PUBLISHED = Paths.get("src/main/java/cn/scenext/testkit/VirtualScheduler.java");
    private static final Path CORE_COPY =
            Paths.get("../scenext-core/src/test/java/cn/scenext/core/schedule/VirtualScheduler.java");

    @Test
    void coresTestCopyIsTheSameCodeAsThePublishedClass() throws IOException {
        assertThat(code(CORE_COPY))
                .as("%s must stay the same as %s except for its package and imports; copy the change over",
                        CORE_COPY, PUBLISHED)
                .isEqualTo(code(PUBLISHED));
    }

    private static String code(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.startsWith("package ") && !line.startsWith("import "))
                .collect(Collectors.joining("\n"));
    }
}
