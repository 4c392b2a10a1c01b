package dev.chatbot.operator.testing.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM-wide {@link RealCluster} (started on first use).
 *
 * <p>Test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach} methods can declare
 * parameters of type {@link RealCluster} or {@link io.fabric8.kubernetes.client.KubernetesClient}
 * (the shared admin client). Without the binaries the class is skipped, or fails when the {@code
 * CI} environment variable is set.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("real-cluster")
@ExtendWith(RealClusterExtension.class)
public @interface RealClusterTest {}
