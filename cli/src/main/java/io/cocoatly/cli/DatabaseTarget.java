package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.db.DatabaseUrl;
import java.util.List;

/** What {@code --db} names: the embedded PostgreSQL under the home, or a database by its URL. */
sealed interface DatabaseTarget {

    /** The value of {@code --db} that means the embedded database. */
    String EMBEDDED = "embedded";

    /** {@code --db embedded}: PostgreSQL 15 started by this process, its data under {@code <home>/registry-db/}. */
    record Embedded() implements DatabaseTarget {
    }

    /**
     * {@code --db postgresql://…}: a database someone runs.
     *
     * @param url where it is and who logs in
     */
    record Url(DatabaseUrl url) implements DatabaseTarget {
    }

    /**
     * Reads {@code text}, the value of {@code option} ({@code --db}).
     *
     * @throws CocoatlyException {@code invalid-database-url} (exit 2) naming the option and what is wrong with the URL
     */
    static DatabaseTarget parse(String option, String text) {
        if (EMBEDDED.equals(text)) {
            return new Embedded();
        }
        try {
            return new Url(DatabaseUrl.parse(text));
        } catch (CocoatlyException e) {
            // The model's message names the problem; the flag it came from is ours to add.
            throw new CocoatlyException(e.kind(), e.code(), "`" + option + "`: " + e.getMessage(),
                    List.of("use postgresql://user:password@host:5432/dbname, or `embedded` for a database under the home"));
        }
    }
}
