package io.cocoatly.installer;

/** What a batch download does when one artifact fails. */
public enum OnFailure {
    /**
     * Stop at the first failure: cancel downloads in flight and start no more. The right choice for an
     * install, which needs all artifacts or none.
     */
    STOP,
    /** Download everything that can be downloaded and report every failure, e.g. to warm a cache. */
    CONTINUE
}
