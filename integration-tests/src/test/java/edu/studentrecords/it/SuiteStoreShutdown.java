package edu.studentrecords.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the suite's store when the test run ends. The launcher session closes after the test engine has finished,
 * so after the test framework has stopped Keycloak: the server never loses its store while it is still running.
 */
public final class SuiteStoreShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SuiteStore.stop();
    }
}
