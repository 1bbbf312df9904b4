package io.cocoatly.registry.db;

import java.util.Objects;
import java.util.UUID;

/**
 * Whom a transaction acts for, which decides the role it takes and the claims the row-level
 * security policies read (V1__registry_schema.sql).
 */
sealed interface Access {

    /** The PostgreSQL role the transaction sets with {@code SET LOCAL ROLE}. */
    String role();

    /** The {@code request.jwt.claims} JSON, as Supabase's gateway would set it. */
    String claims();

    /** Anyone: reads the public tables, writes nothing. */
    record Anonymous() implements Access {
        @Override
        public String role() {
            return "anon";
        }

        @Override
        public String claims() {
            return "{\"role\":\"anon\"}";
        }
    }

    /** A publisher authenticated by one of its tokens: writes only to packages it owns. */
    record Publisher(UUID userId, String tokenId) implements Access {
        public Publisher {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(tokenId, "tokenId");
        }

        @Override
        public String role() {
            return "authenticated";
        }

        @Override
        public String claims() {
            // Both values are ours (a UUID, a token id of [A-Za-z0-9_-]), so nothing needs escaping.
            return "{\"role\":\"authenticated\",\"sub\":\"" + userId + "\",\"token_id\":\"" + tokenId + "\"}";
        }
    }

    /** The server itself: authenticating tokens, counting downloads, the admin commands. */
    record Service() implements Access {
        @Override
        public String role() {
            return "service_role";
        }

        @Override
        public String claims() {
            return "{\"role\":\"service_role\"}";
        }
    }

    /** The one anonymous access. */
    Access ANONYMOUS = new Anonymous();

    /** The one service access. */
    Access SERVICE = new Service();
}
