package dev.chatbot.operator.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's version from its manifest (unknown when run from classes). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"chatbot-operator " + (version == null ? "dev" : version)};
  }
}
