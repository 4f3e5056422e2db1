package dev.foresight.app;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "development". */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Foresight.class.getPackage().getImplementationVersion();
    return new String[] {"foresight " + (version == null ? "development" : version)};
  }
}
