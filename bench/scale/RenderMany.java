// The raw baseline of bench/scale_ready.py: `chatbot-operator.jar render -f <cr> -n <namespace>`
// for each CR file given, in one JVM (1000 JVM starts would cost ~20 min of CPU here), every
// printed object written as one JSON array (the Python side has no YAML parser). The objects are
// exactly what the render command prints: its code path is called through picocli.
//
//   java -cp operator/target/chatbot-operator.jar bench/scale/RenderMany.java <namespace> <out.json> <cr.yaml>...
import dev.chatbot.operator.cli.Main;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

public class RenderMany {
  public static void main(String[] args) throws Exception {
    System.setProperty("CHATBOT_OPERATOR_LOG_LEVEL", "OFF");
    String namespace = args[0];
    KubernetesSerialization json = new KubernetesSerialization();
    try (KubernetesClient offline = new KubernetesClientBuilder().build();
        PrintWriter out = new PrintWriter(new FileWriter(args[1]))) {
      out.println("[");
      boolean first = true;
      for (int i = 2; i < args.length; i++) {
        StringWriter yaml = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(yaml));
        int rc = cli.execute("render", "-f", args[i], "-n", namespace);
        if (rc != 0) {
          System.err.println("render of " + args[i] + " failed with exit code " + rc);
          System.exit(rc);
        }
        var in = new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8));
        for (HasMetadata object : offline.load(in).items()) {
          out.println((first ? "" : ",") + json.asJson(object));
          first = false;
        }
      }
      out.println("]");
    }
  }
}
