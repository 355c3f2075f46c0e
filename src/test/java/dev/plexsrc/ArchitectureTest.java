package dev.plexsrc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static final String[] SHARED_ROOMS = {"dev.plexsrc.http..", "dev.plexsrc.error..", "dev.plexsrc.input..",
        "dev.plexsrc.list..", "dev.plexsrc.database..", "dev.plexsrc.security..", "dev.plexsrc.encryption..",
        "dev.plexsrc.openapi..", "dev.plexsrc.contract.."};

    private static final Set<String> PANACHE_QUERY_METHODS = Set.of("find", "list", "stream", "count", "delete",
            "update", "exists");
    private static final Set<String> SESSION_QUERY_METHODS = Set.of("createQuery", "createSelectionQuery",
            "createMutationQuery");

    /** Panache's query-string methods ({@code find("slug", slug)}) and the sessions' HQL factories. */
    private static final DescribedPredicate<JavaMethodCall> HQL_QUERY = new DescribedPredicate<>("an HQL query") {
        @Override
        public boolean test(JavaMethodCall call) {
            MethodCallTarget target = call.getTarget();
            JavaClass owner = target.getOwner();
            // A repository's own delete(String) is no query; its find(String, ...) is Panache's, inherited.
            boolean own = target.resolveMember().map(method -> method.getOwner().getPackageName())
                    .filter(declaredIn -> declaredIn.startsWith("dev.plexsrc")).isPresent();
            List<JavaClass> parameters = target.getRawParameterTypes();
            boolean panache = !own && (owner.getPackageName().startsWith("io.quarkus.hibernate.reactive.panache")
                    || owner.isAssignableTo("io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase")
                    || owner.isAssignableTo("io.quarkus.hibernate.reactive.panache.PanacheEntityBase"));
            boolean session = owner.getPackageName().startsWith("org.hibernate");
            return panache && PANACHE_QUERY_METHODS.contains(target.getName()) && !parameters.isEmpty()
                    && parameters.get(0).isEquivalentTo(String.class)
                    || session && SESSION_QUERY_METHODS.contains(target.getName());
        }
    };

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

    /** A process translates its first HQL query on the event loop, blocking it (0.7 s on an idle machine). */
    @Test
    void noHqlInMainCode() {
        noClasses().should().callMethodWhere(HQL_QUERY).check(main);
    }

    @Test
    void theDeprecatedPgPoolIsUsedInOnePlace() {
        noClasses().that().haveNameNotMatching("dev\\.plexsrc\\.database\\.DatabasePool(\\$.*)?")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.pgclient.PgPool")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.mutiny.pgclient.PgPool")
                .check(main);
    }
}
