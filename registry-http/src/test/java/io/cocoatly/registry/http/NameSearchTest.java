package io.cocoatly.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.TestData;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Search over a registry's names, without an API: the matching rule and the sample registry. */
class NameSearchTest {

    private static List<PackageName> names(String... names) {
        return java.util.Arrays.stream(names).map(PackageName::of).toList();
    }

    @Test
    void substringsMatchIgnoringCaseTheExactNameFirstThenByName() {
        List<PackageName> all = names("base64", "http", "http-client", "json", "old-http", "rand");
        assertEquals(names("http", "http-client", "old-http"), NameSearch.matching("HTTP ", all));
        assertEquals(names("json"), NameSearch.matching("json", all));
        assertEquals(List.of(), NameSearch.matching("ftp", all));
        assertEquals(all, NameSearch.matching("", all), "a blank term matches every name");
    }

    @Test
    void theSampleRegistryIsSearchedWithNewestVersionsAndATotal() {
        FileRegistry sample = FileRegistry.open(TestData.path("testdata/registry"));
        SearchResults r = NameSearch.search(sample, sample.packageNames(), "r", 3);
        List<PackageName> all = NameSearch.matching("r", sample.packageNames());
        assertEquals(all.size(), r.total());
        assertEquals(all.subList(0, 3), r.packages().stream().map(SearchHit::name).toList());
        SearchHit first = r.packages().get(0);
        assertEquals(sample.find(first.name()).map(PackageInfo::of).flatMap(PackageInfo::newest)
                .map(VersionInfo::version), first.newestVersion());
        assertEquals(Optional.empty(), first.description());
        SearchResults http = NameSearch.search(sample, sample.packageNames(), "http", 10);
        assertEquals(PackageName.of("http"), http.packages().get(0).name());
        assertEquals(Optional.of(Version.parse("1.3.0")), http.packages().get(0).newestVersion());
    }
}
