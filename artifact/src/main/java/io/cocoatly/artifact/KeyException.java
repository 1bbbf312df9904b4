package io.cocoatly.artifact;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.util.List;

/**
 * A key file that cannot be created or used: it already exists, is malformed, or a private key is
 * readable by others than its owner.
 */
public final class KeyException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    KeyException(ErrorKind kind, String code, String message, List<String> hints) {
        super(kind, code, message, hints);
    }

    KeyException(ErrorKind kind, String code, String message, List<String> hints, Throwable cause) {
        super(kind, code, message, hints, cause);
    }
}
