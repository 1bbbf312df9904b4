package io.cocoatly.artifact;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.util.List;

/**
 * An artifact that failed a check before anything of it was used: a digest or the size differs, a
 * required digest or signature is missing, or the signature is bad or from an unknown key. The
 * message names the package and the check; {@link #code()} is one of {@code checksum-mismatch},
 * {@code size-mismatch}, {@code missing-checksum}, {@code unsupported-checksum}, {@code invalid-checksum},
 * {@code missing-signature}, {@code unknown-signing-key}, {@code bad-signature}.
 */
public final class VerificationException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    private final transient PackageId packageId;

    VerificationException(String code, PackageId packageId, String problem, List<String> hints) {
        super(ErrorKind.FAILED, code, "`" + packageId + "` failed verification: " + problem, hints);
        this.packageId = packageId;
    }

    /** The package whose artifact failed. */
    public PackageId packageId() {
        return packageId;
    }
}
