package edu.studentrecords.store.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against a real MongoDB replica set in containers ({@link ReplicaSetStore}): it runs where a
 * Docker engine is reachable and is skipped, with a message saying why, where none is. Such a test is never the only
 * proof of a behaviour: the contract it runs also runs against the embedded store in every build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-mongodb")
@ExtendWith(DockerEngineCondition.class)
public @interface RealMongoDB {
}
