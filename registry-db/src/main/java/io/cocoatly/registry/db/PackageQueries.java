package io.cocoatly.registry.db;

import io.cocoatly.model.PackageName;
import io.cocoatly.registry.server.PackageInfo;
import io.cocoatly.registry.server.SearchPage;

/** Package information and search over the database. (Skeleton: the read branch of issue 12 fills it in.) */
final class PackageQueries {

    private PackageQueries() {
    }

    static PackageInfo info(Database database, PackageName name) {
        throw new UnsupportedOperationException("issue 12: read branch");
    }

    static SearchPage search(Database database, String query, int page, int perPage) {
        throw new UnsupportedOperationException("issue 12: read branch");
    }
}
