package cn.scenext.testsupport.api;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The build's check of a published module's API listing. The parent pom runs this test in every module that has
 * an {@code api/} folder (surefire's {@code dependenciesToScan}), telling it through system properties which
 * module it checks ({@code scenext.api.module}), where its compiled classes are ({@code scenext.api.classes}) and
 * where its listing is ({@code scenext.api.listing}); {@code -Dscenext.api.update=true} rewrites the listing.
 */
public class PublishedApiTest {
    /** Created by JUnit. */
    public PublishedApiTest() {
    }

    /**
     * Fails when the module's compiled public API differs from its checked-in listing.
     *
     * @throws IOException when the classes or the listing cannot be read
     */
    @Test
    public void compiledPublicApiMatchesTheCheckedInListing() throws IOException {
        String module = required("scenext.api.module");
        Path classes = Paths.get(required("scenext.api.classes"));
        Path listing = Paths.get(required("scenext.api.listing"));
        String computed = ApiListing.of(classes, PublishedApiTest.class.getClassLoader());
        System.out.println(ApiListingCheck.verify(module, listing, computed,
                Boolean.getBoolean(ApiListingCheck.UPDATE_PROPERTY)));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + property + " is not set: this test runs from the"
                    + " parent pom's api-listing profile, in a module with an api/ folder");
        }
        return value;
    }
}
