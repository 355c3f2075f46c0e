package dev.plexsrc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static final String[] SHARED_ROOMS = {"dev.plexsrc.http..", "dev.plexsrc.error..", "dev.plexsrc.input..",
        "dev.plexsrc.list..", "dev.plexsrc.database..", "dev.plexsrc.security..", "dev.plexsrc.encryption..",
        "dev.plexsrc.openapi.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void noPackageImportsBackIntoOneThatImportsIt() {
        slices().matching("dev.plexsrc.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void sharedRoomsKnowNoFeature() {
        noClasses().that().resideInAnyPackage(SHARED_ROOMS)
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.plexsrc.source..", "dev.plexsrc.connection..", "dev.plexsrc.change..",
                        "dev.plexsrc.plextv..")
                .check(main);
    }

    @Test
    void theChangeStreamKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.plexsrc.change..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.plexsrc.source..", "dev.plexsrc.connection..", "dev.plexsrc.plextv..")
                .check(main);
    }

    @Test
    void sourcesKnowNoConnection() {
        noClasses().that().resideInAPackage("dev.plexsrc.source..")
                .should().dependOnClassesThat().resideInAPackage("dev.plexsrc.connection..")
                .check(main);
    }

    @Test
    void vertxInternalsAreUsedInOnePlace() {
        noClasses().that().haveNameNotMatching("dev\\.plexsrc\\.http\\.(HttpConnections|RequestFraming)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.net.impl..",
                        "io.vertx.core.http.impl..", "io.vertx.core.impl..")
                .check(main);
    }

    @Test
    void theDeprecatedPgPoolIsUsedInOnePlace() {
        noClasses().that().haveNameNotMatching("dev\\.plexsrc\\.database\\.DatabasePool(\\$.*)?")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.pgclient.PgPool")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.mutiny.pgclient.PgPool")
                .check(main);
    }
}
