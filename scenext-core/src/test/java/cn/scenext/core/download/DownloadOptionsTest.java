package cn.scenext.core.download;

import static cn.scenext.core.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DownloadOptionsTest {

    @Test
    void everySettingIsCheckedWhereItIsSet() {
        assertRefused(() -> DownloadOptions.builder().maxRedirects(-1), "maxRedirects");
        assertRefused(() -> DownloadOptions.builder().maxRedirects(21), "maxRedirects");
        assertRefused(() -> DownloadOptions.builder().maxResumes(-1), "maxResumes");
        assertRefused(() -> DownloadOptions.builder().maxResumes(101), "maxResumes");
        assertRefused(() -> DownloadOptions.builder().maxBytes(0), "maxBytes");
        assertRefused(() -> DownloadOptions.builder().minSpeed(-1, Duration.ofSeconds(1)), "minSpeed");
        assertRefused(() -> DownloadOptions.builder().minSpeed(1, Duration.ofSeconds(-1)), "minSpeed");
        assertThatThrownBy(() -> DownloadOptions.builder().overwrite(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DownloadOptions.builder().progressListener(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        DownloadOptions o = DownloadOptions.builder().maxRedirects(20).maxResumes(100).maxBytes(1).build();

        assertThat(o.maxRedirects()).isEqualTo(20);
        assertThat(o.maxResumes()).isEqualTo(100);
        assertThat(o.maxBytes()).hasValue(1);
        assertThat(DownloadOptions.builder().maxRedirects(0).maxResumes(0).build().maxRedirects()).isZero();
    }

    @Test
    void toBuilderRoundTripsEverySetting() {
        DownloadProgressListener listener = (done, total) -> { };
        DownloadOptions o = DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).maxRedirects(2)
                .maxResumes(9).syncToDisk(false).maxBytes(4096).minSpeed(10, Duration.ofSeconds(5))
                .progressListener(listener).build();

        DownloadOptions copy = o.toBuilder().build();

        assertThat(copy.overwrite()).isEqualTo(OverwritePolicy.REPLACE);
        assertThat(copy.maxRedirects()).isEqualTo(2);
        assertThat(copy.maxResumes()).isEqualTo(9);
        assertThat(copy.syncToDisk()).isFalse();
        assertThat(copy.maxBytes()).hasValue(4096);
        assertThat(copy.minBytesPerSecond()).isEqualTo(10);
        assertThat(copy.minSpeedWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(copy.progressListener()).containsSame(listener);
        assertThat(copy).hasToString(o.toString());
    }

    @Test
    void toBuilderOfTheDefaultsKeepsTheirUnsetValuesUnsetAndLeavesTheOriginalAlone() {
        DownloadOptions changed = DownloadOptions.defaults().toBuilder().overwrite(OverwritePolicy.REPLACE).build();

        assertThat(changed.overwrite()).isEqualTo(OverwritePolicy.REPLACE);
        assertThat(changed.maxBytes()).isEmpty();
        assertThat(changed.progressListener()).isEmpty();
        assertThat(DownloadOptions.defaults().overwrite()).isEqualTo(OverwritePolicy.FAIL);
    }
}
