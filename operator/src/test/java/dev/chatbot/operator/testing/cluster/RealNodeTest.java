package dev.chatbot.operator.testing.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM-wide {@link RealCluster} with real nodes (kubelet, containerd,
 * runc; see test-infra/real-nodes.sh). Only the node tier's Failsafe execution starts one ({@code
 * -Dchatbot.realNodes=1}); {@code *NodeIT} classes are run there. On a machine that cannot run a
 * real node the class is skipped with one line naming what is missing, or fails when {@code CI} is
 * set.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("real-node")
@ExtendWith(RealNodeExtension.class)
@RealClusterTest
public @interface RealNodeTest {}
