package cn.scenext.examples.readme;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one compiled README snippet in its own JVM (its working directory and environment chosen by
 * {@link ReadmeSnippetsTest}): {@code ClassName} runs a {@link ReadmeContext} snippet, {@code --junit ClassName}
 * runs a JUnit test class through the JUnit Platform launcher. Exits 0 when the snippet completed.
 */
public final class ReadmeSnippetRunner {
    private ReadmeSnippetRunner() {
    }

    /**
     * Runs the snippet named by the arguments.
     *
     * @param args {@code ClassName} or {@code --junit ClassName}
     * @throws Exception when the snippet's class cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        int code;
        if (args[0].equals("--junit")) {
            code = junit(Class.forName(args[1]));
        } else {
            java.lang.reflect.Constructor<?> make = Class.forName(args[0]).getDeclaredConstructor();
            make.setAccessible(true);                      // the generated class is package-private, as a reader's would be
            try (ReadmeContext snippet = (ReadmeContext) make.newInstance()) {
                snippet.run();
                code = 0;
            } catch (Throwable e) {
                e.printStackTrace();
                code = 1;
            }
        }
        System.out.flush();
        System.exit(code);
    }

    private static int junit(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
        System.out.println(summary.getTestsSucceededCount() + " of " + summary.getTestsFoundCount() + " tests passed");
        return summary.getTestsFoundCount() > 0 && summary.getTotalFailureCount() == 0 ? 0 : 1;
    }
}
