package dev.chatbot.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.desired.PodTemplateBuilder;
import dev.chatbot.operator.desired.RenderFacts;
import dev.chatbot.operator.testing.CrYaml;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand edits of the live pod template -> what the operator calls foreign and reverts. */
class PodTemplateDriftTest {

  static PodTemplateSpec desired() {
    var cr = CrYaml.minimal("chat", CrYaml.DIGEST_A);
    return PodTemplateBuilder.build(cr, RenderFacts.forEmptyCluster(cr)).template();
  }

  static Arguments edit(String name, UnaryOperator<PodTemplateSpecBuilder> edit, String found) {
    return Arguments.of(name, edit, found);
  }

  static Stream<Arguments> edits() {
    return Stream.of(
        edit("no edit", b -> b, ""),
        edit(
            "a container added",
            b ->
                b.editSpec()
                    .addToContainers(
                        new ContainerBuilder().withName("debug").withImage("x").build())
                    .endSpec(),
            "extra container debug"),
        edit("hostNetwork", b -> b.editSpec().withHostNetwork(true).endSpec(), "hostNetwork: true"),
        edit(
            "a hostPath volume",
            b ->
                b.editSpec()
                    .addToVolumes(
                        new VolumeBuilder()
                            .withName("host")
                            .withNewHostPath()
                            .withPath("/")
                            .endHostPath()
                            .build())
                    .endSpec(),
            "extra volume host"),
        edit(
            "privileged",
            b ->
                b.editSpec()
                    .editFirstContainer()
                    .editSecurityContext()
                    .withPrivileged(true)
                    .endSecurityContext()
                    .endContainer()
                    .endSpec(),
            "privileged container chatbot"),
        edit(
            "capabilities added",
            b ->
                b.editSpec()
                    .editFirstContainer()
                    .editSecurityContext()
                    .editCapabilities()
                    .withAdd("NET_ADMIN")
                    .endCapabilities()
                    .endSecurityContext()
                    .endContainer()
                    .endSpec(),
            "capabilities.add [NET_ADMIN] in container chatbot"),
        edit(
            "an image tag is not foreign (server-side apply reverts it)",
            b -> b.editSpec().editFirstContainer().withImage("app:latest").endContainer().endSpec(),
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void findsForeignFields(String name, UnaryOperator<PodTemplateSpecBuilder> edit, String found) {
    PodTemplateSpec live = edit.apply(new PodTemplateSpecBuilder(desired())).build();

    assertThat(String.join(", ", PodTemplateDrift.foreign(desired(), live))).isEqualTo(found);
  }
}
