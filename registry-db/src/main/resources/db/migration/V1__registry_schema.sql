-- Cocoatly registry schema, version 1 (docs/registry-server.md).
--
-- Runs as the owner role that owns every object here. The server never connects as that role: it
-- logs in as ${server_role} (NOINHERIT, owns nothing) and, per request, does SET LOCAL ROLE anon,
-- authenticated or service_role with set_config('request.jwt.claims', …, true), as Supabase does.
-- Every table has row-level security enabled AND forced, so even the owner's sessions obey it.
-- The same file runs unchanged on Supabase, where the roles, the auth schema and auth.uid() exist.

-- ── Roles ────────────────────────────────────────────────────────────────────────────────────────
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anon') THEN
        CREATE ROLE anon NOLOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN
        CREATE ROLE authenticated NOLOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN
        -- Not BYPASSRLS (only a superuser may grant that): policies below let it do everything instead.
        CREATE ROLE service_role NOLOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${server_role}') THEN
        -- No password here: whoever runs the server gives the login role one (ALTER ROLE … LOGIN PASSWORD).
        CREATE ROLE "${server_role}" NOLOGIN NOINHERIT;
    END IF;
END
$$;
GRANT anon, authenticated, service_role TO "${server_role}";

-- ── Who is calling: Supabase's auth.uid(), defined only where it does not exist yet ─────────────
-- On Supabase the auth schema belongs to supabase_auth_admin and is already usable by the three
-- roles: it is left alone there (granting on it would be refused).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'auth') THEN
        CREATE SCHEMA auth;
        GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'auth' AND p.proname = 'uid') THEN
        -- uid() = claims.sub, or NULL without claims (after COMMIT, or as anon).
        CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $f$
            SELECT nullif(coalesce(current_setting('request.jwt.claim.sub', true),
                                   (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')), '')::uuid
        $f$;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;

-- ── Registry description (registry.json), one row ───────────────────────────────────────────────
CREATE TABLE registry_settings (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    name          text    NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    -- The bytes of registry.json as served (canonical JSON), so a round trip through the database keeps them.
    description   text    NOT NULL CHECK (length(description) <= 65536),
    schema_note   text
);

-- ── Publishers ──────────────────────────────────────────────────────────────────────────────────
CREATE TABLE users (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    login      text        NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9_-]{0,38}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_keys (
    user_id    uuid        NOT NULL REFERENCES users (id),
    key_id     text        NOT NULL CHECK (key_id ~ '^ed25519:[0-9a-f]{16}$'),
    public_key text        NOT NULL CHECK (public_key ~ '^[A-Za-z0-9+/]{43}=$'),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key_id)
);

-- Only the SHA-256 of a token is stored; the text is shown once, at creation.
CREATE TABLE api_tokens (
    id         text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    user_id    uuid        NOT NULL REFERENCES users (id),
    prefix     text        NOT NULL CHECK (length(prefix) BETWEEN 1 AND 32),
    sha256     text        NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    scopes     text[]      NOT NULL CHECK (cardinality(scopes) > 0
                                           AND scopes <@ ARRAY['publish-new', 'publish-update', 'yank', 'change-owners']),
    globs      text[]      NOT NULL CHECK (cardinality(globs) > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- ── Packages ────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE packages (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    -- Names that only '-' versus '_' tell apart are one name: refused by the database itself.
    similarity_key text        GENERATED ALWAYS AS (replace(name, '_', '-')) STORED UNIQUE,
    description    text        CHECK (length(description) <= 1000),
    -- Bumped by every change to the package's index file; ETags and cache invalidation follow it.
    revision       bigint      NOT NULL DEFAULT 1 CHECK (revision > 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    search         tsvector    NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX packages_search ON packages USING gin (search);

CREATE TABLE package_owners (
    package_id bigint      NOT NULL REFERENCES packages (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (package_id, user_id)
);
CREATE INDEX package_owners_user ON package_owners (user_id);

CREATE TABLE package_versions (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    package_id      bigint      NOT NULL REFERENCES packages (id),
    -- The canonical SemVer text, build metadata included, exactly as the index shows it.
    version         text        NOT NULL CHECK (length(version) <= 128 AND version ~
        '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'),
    -- The version without build metadata: two versions differing only in build metadata are one.
    version_core    text        GENERATED ALWAYS AS (split_part(version, '+', 1)) STORED,
    -- SemVer precedence as bytes (io.cocoatly.registry.db VersionKey): ORDER BY sort_key is version order,
    -- so the newest version is an index lookup.
    sort_key        bytea       NOT NULL,
    prerelease      boolean     NOT NULL,
    yanked          boolean     NOT NULL DEFAULT false,
    artifact_url    text        CHECK (length(artifact_url) <= 2048),
    artifact_size   bigint      CHECK (artifact_size >= 0),
    checksums       jsonb       CHECK (jsonb_typeof(checksums) = 'object'),
    signature_key   text,
    signature       text,
    license         text        CHECK (length(license) <= 256),
    repository      text        CHECK (length(repository) <= 2048),
    published_by    uuid        REFERENCES users (id),
    published_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (package_id, version_core),
    -- An artifact is all there or not at all; a signature names its key.
    CHECK ((artifact_url IS NULL) = (artifact_size IS NULL) AND (artifact_url IS NULL) = (checksums IS NULL)),
    CHECK ((signature IS NULL) = (signature_key IS NULL) AND (signature IS NULL OR artifact_url IS NOT NULL))
);
CREATE INDEX package_versions_order ON package_versions (package_id, sort_key);

CREATE TABLE dependencies (
    version_id  bigint NOT NULL REFERENCES package_versions (id),
    -- The target by name, as the index has it: a dependency may name a package this registry lacks.
    name        text   NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    requirement text   NOT NULL CHECK (length(requirement) BETWEEN 1 AND 1024),
    PRIMARY KEY (version_id, name)
);
-- Reverse dependencies ("who depends on x").
CREATE INDEX dependencies_name ON dependencies (name);

-- Authors are metadata of a version, in the order given; owners (above) decide who may publish.
CREATE TABLE package_authors (
    version_id bigint NOT NULL REFERENCES package_versions (id),
    position   int    NOT NULL CHECK (position >= 0),
    name       text   NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
    PRIMARY KEY (version_id, position)
);

CREATE TABLE package_keywords (
    package_id bigint NOT NULL REFERENCES packages (id),
    keyword    text   NOT NULL CHECK (keyword ~ '^[a-z0-9][a-z0-9_+-]{0,31}$'),
    PRIMARY KEY (package_id, keyword)
);
CREATE INDEX package_keywords_keyword ON package_keywords (keyword);

CREATE TABLE package_categories (
    package_id bigint NOT NULL REFERENCES packages (id),
    category   text   NOT NULL CHECK (category ~ '^[a-z0-9][a-z0-9:_ -]{0,63}$'),
    PRIMARY KEY (package_id, category)
);
CREATE INDEX package_categories_category ON package_categories (category);

-- ── Downloads ───────────────────────────────────────────────────────────────────────────────────
-- Counters per version per day, upserted in batches by the server under service_role.
CREATE TABLE download_stats (
    version_id bigint NOT NULL REFERENCES package_versions (id),
    day        date   NOT NULL,
    downloads  bigint NOT NULL CHECK (downloads >= 0),
    PRIMARY KEY (version_id, day)
);
CREATE INDEX download_stats_day ON download_stats (day);

-- The audit trail of downloads (IP address, user agent): append-only, one partition per day, old
-- partitions dropped after registry.download_events_days. Never readable by anon or authenticated.
CREATE TABLE download_events (
    day        date        NOT NULL,
    at         timestamptz NOT NULL,
    version_id bigint      NOT NULL,
    ip         inet,
    user_agent text        CHECK (length(user_agent) <= 512)
) PARTITION BY RANGE (day);

-- ── Audit of publish, yank and owner changes: append-only ───────────────────────────────────────
CREATE TABLE audit_log (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    uuid        NOT NULL REFERENCES users (id),
    token_id text,
    action   text        NOT NULL CHECK (action IN ('publish', 'yank', 'unyank', 'add-owners', 'remove-owners')),
    package  text        NOT NULL,
    detail   text        NOT NULL CHECK (length(detail) <= 4096)
);
CREATE INDEX audit_log_package ON audit_log (package, at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER download_events_append_only BEFORE UPDATE OR DELETE ON download_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- ── Index revisions: any change to a package's versions is a new revision, announced ─────────────
-- A version inserted or updated ⇒ packages.revision + 1 in the same transaction, and a NOTIFY on
-- channel cocoatly_index with the package's name, delivered at COMMIT to every server listening,
-- so each drops its rendered copy of that index file (docs/registry-server.md).
-- Once per statement over its transition table (one UPDATE of each package touched, by the number
-- of its versions touched), not once per row: the same revisions, and a bulk import of 180,000
-- versions spends 11 s in these triggers instead of 80 s.
CREATE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE packages p SET revision = p.revision + n.versions, updated_at = now()
    FROM (SELECT package_id, count(*) AS versions FROM changed_versions GROUP BY package_id) n
    WHERE p.id = n.package_id;
    RETURN NULL;
END
$$;
-- A trigger with a transition table takes one event, hence two.
CREATE TRIGGER package_versions_revision AFTER INSERT ON package_versions
    REFERENCING NEW TABLE AS changed_versions FOR EACH STATEMENT EXECUTE FUNCTION bump_revision();
CREATE TRIGGER package_versions_revision_update AFTER UPDATE ON package_versions
    REFERENCING NEW TABLE AS changed_versions FOR EACH STATEMENT EXECUTE FUNCTION bump_revision();

CREATE FUNCTION announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cocoatly_index', NEW.name);
    RETURN NULL;
END
$$;
CREATE TRIGGER packages_announce AFTER INSERT OR UPDATE ON packages
    FOR EACH ROW EXECUTE FUNCTION announce_change();

-- Day partitions of download_events, created and dropped by the server's service role, which may
-- not create tables itself: these two run with the owner's rights and do nothing else.
CREATE FUNCTION ensure_download_partition(d date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF download_events FOR VALUES FROM (%L) TO (%L)',
                   'download_events_' || to_char(d, 'YYYYMMDD'), d, d + 1);
    -- A partition is a table of its own: read directly it would skip the parent's policies, and on
    -- Supabase new tables are granted to anon and authenticated by default. Nobody but the owner
    -- touches it except through download_events.
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', 'download_events_' || to_char(d, 'YYYYMMDD'));
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', 'download_events_' || to_char(d, 'YYYYMMDD'));
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, anon, authenticated, service_role', 'download_events_' || to_char(d, 'YYYYMMDD'));
END
$$;
CREATE FUNCTION drop_download_partitions_before(d date) RETURNS int LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    part record;
    dropped int := 0;
BEGIN
    FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'download_events'::regclass
                  AND c.relname ~ '^download_events_[0-9]{8}$'
                  AND to_date(substr(c.relname, 17), 'YYYYMMDD') < d LOOP
        EXECUTE format('DROP TABLE %I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;
-- Supabase grants EXECUTE on new functions to anon and authenticated by default: taken back here.
REVOKE ALL ON FUNCTION ensure_download_partition(date), drop_download_partitions_before(date) FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION ensure_download_partition(date), drop_download_partitions_before(date) TO service_role;

-- ── The caller, as the policies see it ──────────────────────────────────────────────────────────
-- publisher() = auth.uid() if the claims' token_id names a token of that user that is neither
-- revoked nor expired, else NULL: a revoked token writes nothing even if its claims are replayed.
CREATE FUNCTION publisher() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT t.user_id FROM api_tokens t
    WHERE t.user_id = auth.uid()
      AND t.id = (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'token_id')
      AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now())
$$;

-- owns(p) ⇔ ∃ o ∈ package_owners: o.package_id = p ∧ o.user_id = publisher()
CREATE FUNCTION owns(p bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM package_owners o WHERE o.package_id = p AND o.user_id = publisher())
$$;

-- ── Row-level security: enabled and forced everywhere ───────────────────────────────────────────
ALTER TABLE registry_settings  ENABLE ROW LEVEL SECURITY; ALTER TABLE registry_settings  FORCE ROW LEVEL SECURITY;
ALTER TABLE users              ENABLE ROW LEVEL SECURITY; ALTER TABLE users              FORCE ROW LEVEL SECURITY;
ALTER TABLE user_keys          ENABLE ROW LEVEL SECURITY; ALTER TABLE user_keys          FORCE ROW LEVEL SECURITY;
ALTER TABLE api_tokens         ENABLE ROW LEVEL SECURITY; ALTER TABLE api_tokens         FORCE ROW LEVEL SECURITY;
ALTER TABLE packages           ENABLE ROW LEVEL SECURITY; ALTER TABLE packages           FORCE ROW LEVEL SECURITY;
ALTER TABLE package_owners     ENABLE ROW LEVEL SECURITY; ALTER TABLE package_owners     FORCE ROW LEVEL SECURITY;
ALTER TABLE package_versions   ENABLE ROW LEVEL SECURITY; ALTER TABLE package_versions   FORCE ROW LEVEL SECURITY;
ALTER TABLE dependencies       ENABLE ROW LEVEL SECURITY; ALTER TABLE dependencies       FORCE ROW LEVEL SECURITY;
ALTER TABLE package_authors    ENABLE ROW LEVEL SECURITY; ALTER TABLE package_authors    FORCE ROW LEVEL SECURITY;
ALTER TABLE package_keywords   ENABLE ROW LEVEL SECURITY; ALTER TABLE package_keywords   FORCE ROW LEVEL SECURITY;
ALTER TABLE package_categories ENABLE ROW LEVEL SECURITY; ALTER TABLE package_categories FORCE ROW LEVEL SECURITY;
ALTER TABLE download_stats     ENABLE ROW LEVEL SECURITY; ALTER TABLE download_stats     FORCE ROW LEVEL SECURITY;
ALTER TABLE download_events    ENABLE ROW LEVEL SECURITY; ALTER TABLE download_events    FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log          ENABLE ROW LEVEL SECURITY; ALTER TABLE audit_log          FORCE ROW LEVEL SECURITY;

-- Anyone reads the public tables.
CREATE POLICY read_all ON registry_settings  FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON users              FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON user_keys          FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON packages           FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON package_owners     FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON package_versions   FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON dependencies       FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON package_authors    FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON package_keywords   FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON package_categories FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY read_all ON download_stats     FOR SELECT TO anon, authenticated USING (true);

-- A publisher sees its own tokens (publisher() reads them) and its own audit entries.
CREATE POLICY own_tokens ON api_tokens FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE POLICY own_audit  ON audit_log  FOR SELECT TO authenticated USING (actor = publisher());
-- An entry is about a package the actor owns: another publisher cannot put words in an owner's log.
--   insert(a) ⇐ a.actor = publisher() ∧ owns(the package named a.package)
CREATE POLICY add_audit  ON audit_log  FOR INSERT TO authenticated WITH CHECK (
    actor = publisher() AND owns((SELECT p.id FROM packages p WHERE p.name = audit_log.package)));

-- Packages: any live publisher may create one (publish-new); only owners change one.
CREATE POLICY create_package ON packages FOR INSERT TO authenticated WITH CHECK (publisher() IS NOT NULL);
CREATE POLICY change_package ON packages FOR UPDATE TO authenticated USING (owns(id)) WITH CHECK (owns(id));

-- Owners: an owner adds and removes owners; the first owner of a package is its creator, in the
-- transaction that created it (created_at = now(), the transaction's start; authenticated cannot
-- set created_at), so an ownerless package (an import without owners) cannot be claimed.
--   insert(o) ⇐ owns(o.package_id) ∨ (o.user_id = publisher() ∧ created_now(o.package_id) ∧ ¬∃ owner of o.package_id)
CREATE POLICY add_owner ON package_owners FOR INSERT TO authenticated WITH CHECK (
    owns(package_id)
    OR (user_id = publisher()
        AND EXISTS (SELECT 1 FROM packages p WHERE p.id = package_owners.package_id AND p.created_at = now())
        AND NOT EXISTS (SELECT 1 FROM package_owners o WHERE o.package_id = package_owners.package_id)));
CREATE POLICY remove_owner ON package_owners FOR DELETE TO authenticated USING (owns(package_id));

-- Versions and what hangs off them: owners only.
CREATE POLICY add_version  ON package_versions FOR INSERT TO authenticated WITH CHECK (owns(package_id) AND published_by = publisher());
CREATE POLICY yank_version ON package_versions FOR UPDATE TO authenticated USING (owns(package_id)) WITH CHECK (owns(package_id));
-- A published version never changes: its dependencies and authors are added only in the transaction
-- that publishes it (published_at = now(); authenticated cannot set published_at).
CREATE POLICY add_dependency ON dependencies FOR INSERT TO authenticated WITH CHECK (
    EXISTS (SELECT 1 FROM package_versions v WHERE v.id = version_id AND v.published_at = now() AND owns(v.package_id)));
CREATE POLICY add_author ON package_authors FOR INSERT TO authenticated WITH CHECK (
    EXISTS (SELECT 1 FROM package_versions v WHERE v.id = version_id AND v.published_at = now() AND owns(v.package_id)));
CREATE POLICY add_keyword    ON package_keywords FOR INSERT TO authenticated WITH CHECK (owns(package_id));
CREATE POLICY remove_keyword ON package_keywords FOR DELETE TO authenticated USING (owns(package_id));
CREATE POLICY add_category    ON package_categories FOR INSERT TO authenticated WITH CHECK (owns(package_id));
CREATE POLICY remove_category ON package_categories FOR DELETE TO authenticated USING (owns(package_id));

-- The service role counts downloads, authenticates tokens and runs the admin commands: every row.
-- (On Supabase it also has BYPASSRLS; these policies are then redundant, not wrong.)
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['registry_settings', 'users', 'user_keys', 'api_tokens', 'packages', 'package_owners',
                             'package_versions', 'dependencies', 'package_authors', 'package_keywords',
                             'package_categories', 'download_stats', 'download_events', 'audit_log'] LOOP
        EXECUTE format('CREATE POLICY service_all ON %I TO service_role USING (true) WITH CHECK (true)', t);
    END LOOP;
END
$$;

-- ── Grants: which roles may touch a table at all (policies then decide which rows) ──────────────
-- Supabase's default privileges grant anon and authenticated everything on new tables in public:
-- taken back first, so that the grants below are all they have, on Supabase as elsewhere.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM anon, authenticated;
GRANT SELECT ON registry_settings, users, user_keys, packages, package_owners, package_versions, dependencies,
    package_authors, package_keywords, package_categories, download_stats TO anon, authenticated;
GRANT SELECT ON api_tokens TO authenticated;
-- Column grants: a publisher sets what a publish and a yank set, never the times, ids, revisions or a
-- published version's name, checksums or artifact (an owner's token cannot rewrite history).
GRANT SELECT ON audit_log TO authenticated;
GRANT INSERT (actor, token_id, action, package, detail) ON audit_log TO authenticated;
GRANT INSERT (name, description) ON packages TO authenticated;
GRANT UPDATE (description, search, revision, updated_at) ON packages TO authenticated;
GRANT INSERT (package_id, version, sort_key, prerelease, yanked, artifact_url, artifact_size, checksums, signature_key,
              signature, license, repository, published_by) ON package_versions TO authenticated;
GRANT UPDATE (yanked) ON package_versions TO authenticated;
GRANT INSERT (package_id, user_id) ON package_owners TO authenticated;
GRANT DELETE ON package_owners TO authenticated;
GRANT INSERT, DELETE ON package_keywords, package_categories TO authenticated;
GRANT INSERT ON dependencies, package_authors TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO service_role;
GRANT EXECUTE ON FUNCTION publisher(), owns(bigint) TO anon, authenticated, service_role;

-- ── Search (read branch of issue 12) ─────────────────────────────────────────────────────────────
-- The one definition of what search looks at, used by publish and by import alike:
--   document(p) = name(p) weighted A ‖ description(p) weighted B ‖ keywords(p) weighted B
-- with the 'simple' configuration (no stemming: package names and keywords are not English words).
CREATE FUNCTION package_search_document(p bigint) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('simple', pk.name), 'A')
           || setweight(to_tsvector('simple', coalesce(pk.description, '')), 'B')
           || setweight(to_tsvector('simple', coalesce((SELECT string_agg(k.keyword, ' ' ORDER BY k.keyword)
                                                          FROM package_keywords k WHERE k.package_id = pk.id), '')), 'B')
    FROM packages pk WHERE pk.id = p
$$;
GRANT EXECUTE ON FUNCTION package_search_document(bigint) TO authenticated, service_role;

-- Typos in a name are found by trigram similarity where pg_trgm can be had (a trusted extension
-- since PostgreSQL 13, so the database's owner may create it; Supabase has it). Where it cannot, the
-- migration still succeeds and the server falls back to prefix matching (PackageQueries says how).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXECUTE 'CREATE INDEX packages_name_trgm ON packages USING gin (name gin_trgm_ops)';
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported OR undefined_object THEN
    RAISE NOTICE 'pg_trgm is not available (%): search falls back to prefix matching', SQLERRM;
END
$$;

-- registry.json changes are announced too, with a payload no package name can have (':' is not
-- allowed in one), so every server drops its copy.
CREATE FUNCTION announce_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cocoatly_index', ':registry');
    RETURN NULL;
END
$$;
CREATE TRIGGER registry_settings_announce AFTER INSERT OR UPDATE ON registry_settings
    FOR EACH ROW EXECUTE FUNCTION announce_settings();
