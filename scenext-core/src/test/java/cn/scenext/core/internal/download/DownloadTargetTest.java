package cn.scenext.core.internal.download;

import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.DownloadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check a download target gets before anything is created or transferred. */
class DownloadTargetTest {
    private static final DownloadOptions FAIL = DownloadOptions.defaults();
    private static final DownloadOptions REPLACE = DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).build();

    @TempDir
    Path dir;

    private static DownloadException refused(Path target, DownloadOptions options) {
        return catchThrowableOfType(DownloadException.class, () -> DownloadTarget.check(target, options));
    }

    @Test
    void acceptsANewFileInAnExistingOrCreatableDirectory() {
        DownloadTarget.check(dir.resolve("v.mp4"), FAIL);
        DownloadTarget.check(dir.resolve("a/b/v.mp4"), FAIL);
        DownloadTarget.check(dir, FAIL);                  // saved in it under the URL's name
        assertThat(dir.resolve("a")).doesNotExist();       // a check creates nothing
    }

    @Test
    void refusesAnExistingFileUnlessItIsToBeReplaced() throws Exception {
        Path existing = Files.write(dir.resolve("v.mp4"), new byte[] {1});

        DownloadException e = refused(existing, FAIL);

        assertThat(e.reason()).isEqualTo(DownloadException.Reason.TARGET_EXISTS);
        assertThat(e.getMessage()).contains("Not replacing " + existing).contains("OverwritePolicy.REPLACE");
        DownloadTarget.check(existing, REPLACE);
    }

    @Test
    void refusesADanglingSymbolicLinkWhateverTheOverwritePolicy() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("v.mp4"), dir.resolve("gone.mp4"));

        for (DownloadOptions options : new DownloadOptions[] {FAIL, REPLACE}) {
            DownloadException e = refused(link, options);

            assertThat(e.reason()).isEqualTo(DownloadException.Reason.BAD_TARGET);
            assertThat(e.getMessage()).contains("symbolic link to " + dir.resolve("gone.mp4"))
                    .contains("does not exist");
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void refusesADirectoryThatIsAFile() throws Exception {
        Path file = Files.write(dir.resolve("file"), new byte[] {1});

        DownloadException e = refused(file.resolve("sub/v.mp4"), REPLACE);

        assertThat(e.reason()).isEqualTo(DownloadException.Reason.WRITE_FAILED);
        assertThat(e.getMessage()).contains(file + " is not a directory");
    }
}
