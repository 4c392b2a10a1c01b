package dev.chatbot.operator.api.crd;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.File;
import java.util.Comparator;
import java.util.List;

/**
 * Build step (run by the operator module's pom at process-classes): generates the CRD from the Java
 * model with the fabric8 crd-generator. It exists instead of the crd-generator Maven plugin only to
 * fix the printer-column order, which the generator sorts by JSON path, while kubectl shows columns
 * in CRD order and users expect Phase, Ready, Digest, Revision, Age.
 */
public final class CrdWriter {

  static final List<String> COLUMN_ORDER = List.of("Phase", "Ready", "Digest", "Revision", "Age");

  private CrdWriter() {}

  public static void main(String[] args) {
    File outputDir = new File(args.length > 0 ? args[0] : "target/classes/META-INF/fabric8");
    if (!outputDir.isDirectory() && !outputDir.mkdirs()) {
      throw new IllegalStateException("cannot create " + outputDir);
    }
    int written =
        new CRDGenerator()
            .customResourceClasses(ChatbotDeployment.class)
            .forCRDVersions("v1")
            .withPostProcessor(new ColumnOrder())
            .inOutputDir(outputDir)
            .generate();
    if (written != 1) {
      throw new IllegalStateException("expected one CRD, generated " + written);
    }
  }

  /** Puts the printer columns in {@link #COLUMN_ORDER}; unknown columns go last. */
  static final class ColumnOrder implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      if (crd instanceof CustomResourceDefinition definition) {
        definition
            .getSpec()
            .getVersions()
            .forEach(
                v -> {
                  if (v.getAdditionalPrinterColumns() != null) {
                    v.getAdditionalPrinterColumns()
                        .sort(Comparator.comparingInt(ColumnOrder::rank));
                  }
                });
      }
      return crd;
    }

    private static int rank(CustomResourceColumnDefinition column) {
      int index = COLUMN_ORDER.indexOf(column.getName());
      return index < 0 ? COLUMN_ORDER.size() : index;
    }
  }
}
