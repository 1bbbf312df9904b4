package io.cocoatly.artifact;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The public keys whose signatures are accepted ({@code security.trusted_keys}), by key id. */
public final class TrustedKeys {

    private final Map<String, Ed25519PublicKey> byId;

    private TrustedKeys(Map<String, Ed25519PublicKey> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** No trusted keys: every signature is from an unknown key. */
    public static TrustedKeys none() {
        return new TrustedKeys(new TreeMap<>());
    }

    /** The given keys; duplicates are harmless. */
    public static TrustedKeys of(Collection<Ed25519PublicKey> keys) {
        Map<String, Ed25519PublicKey> map = new TreeMap<>();
        for (Ed25519PublicKey k : keys) {
            map.put(k.keyId(), k);
        }
        return new TrustedKeys(map);
    }

    /** The trusted key with this id, if any. */
    public Optional<Ed25519PublicKey> find(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** The ids of all trusted keys, sorted. */
    public Set<String> keyIds() {
        return byId.keySet();
    }

    @Override
    public String toString() {
        return "TrustedKeys" + byId.keySet();
    }
}
