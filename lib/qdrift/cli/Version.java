package qdrift.cli;

import picocli.CommandLine.IVersionProvider;

/** The one version source: --version of every script, the manifest and the reports read it from here. */
public final class Version implements IVersionProvider {
    public static final String NUMBER = "0.1.0";
    public static final String TOOL = "qualytics-drift " + NUMBER;

    @Override
    public String[] getVersion() {
        return new String[] {TOOL};
    }
}
