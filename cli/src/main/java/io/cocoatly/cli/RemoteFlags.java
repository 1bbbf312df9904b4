package io.cocoatly.cli;

import picocli.CommandLine.Option;

/** {@code --offline} and {@code --refresh}, for every command that reads a registry. */
final class RemoteFlags {

    /** As errors and the configuration's origins name it. */
    static final String OFFLINE_FLAG = "--offline";

    @Option(names = OFFLINE_FLAG, description = "Read an http(s) registry from the cache only; send no request"
            + " (sets network.offline).")
    boolean offline;

    @Option(names = "--refresh", description = "Revalidate every cached file of an http(s) registry once, fresh or not.")
    boolean refresh;
}
