package edu.studentrecords.store.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Enables a {@link RealMongoDB} test class only where Testcontainers reaches a Docker engine (as
 * {@code @Testcontainers(disabledWithoutDocker = true)} does), and says so in the skip message.
 */
public final class DockerEngineCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine is reachable: running against a real MongoDB replica set");
        }
        return ConditionEvaluationResult.disabled("No Docker engine is reachable (Testcontainers found none): the tests"
                + " against a real three-member MongoDB replica set are skipped here. The store's contract runs against"
                + " the embedded store in every build (RecordStoreIT, PurgeRequestsIT, CorrectionRequestIT,"
                + " ConcurrentPatchIT).");
    }
}
