package io.cocoatly.project;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Manifest;
import io.cocoatly.solver.Resolution;
import java.util.List;
import java.util.Objects;

/**
 * No selection satisfies a project's requirements while locking or relocking. It carries the
 * solver's answer, explanation included, so that the caller renders it; this module never does.
 */
public final class UnsatisfiableException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    private final transient Manifest root;
    private final transient Resolution.Unsatisfiable resolution;

    /**
     * @param root       the manifest whose requirements could not be met
     * @param resolution the solver's answer, with its explanation when one was asked for
     */
    public UnsatisfiableException(Manifest root, Resolution.Unsatisfiable resolution) {
        super(ErrorKind.NEGATIVE, "unsatisfiable", "no selection of versions satisfies the requirements of `" + root.id() + "`",
                List.of("run `cocoatly resolve --explain` for the conflict and suggested fixes"));
        this.root = Objects.requireNonNull(root, "root");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
    }

    /** The manifest whose requirements could not be met. */
    public Manifest root() {
        return root;
    }

    /** The solver's answer, with the explanation of the conflict. */
    public Resolution.Unsatisfiable resolution() {
        return resolution;
    }
}
