package dev.chatbot.operator.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and a server certificate for 127.0.0.1/localhost signed by it, made with openssl for
 * one test: the registry serves the server pair, the operator trusts ca.crt as its bundle.
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey) {

  public static TestCertificates create(Path dir) throws Exception {
    Path ca = dir.resolve("ca.crt");
    Path caKey = dir.resolve("ca.key");
    Path key = dir.resolve("server.key");
    Path csr = dir.resolve("server.csr");
    Path cert = dir.resolve("server.crt");
    Path ext = dir.resolve("server.ext");
    selfSigned(dir, "chatbot test CA", caKey, ca);
    Files.writeString(
        ext,
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
            + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString());
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        ext.toString(),
        "-out",
        cert.toString());
    return new TestCertificates(ca, cert, key);
  }

  /** A self-signed key pair (the token server's signing key), PKCS#8 key and certificate. */
  public static TestCertificates selfSigned(Path dir, String name) throws Exception {
    Path key = dir.resolve(name + ".key");
    Path cert = dir.resolve(name + ".crt");
    selfSigned(dir, name, key, cert);
    return new TestCertificates(cert, cert, key);
  }

  private static void selfSigned(Path dir, String cn, Path key, Path cert) throws Exception {
    Files.createDirectories(dir);
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + cn,
        "-keyout",
        key.toString(),
        "-out",
        cert.toString());
  }

  static void openssl(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "openssl "
              + String.join(" ", args)
              + " failed: "
              + Files.readString(dir.resolve("openssl.log")));
    }
  }
}
