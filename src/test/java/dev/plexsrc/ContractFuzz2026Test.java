package dev.plexsrc;

import dev.plexsrc.contract.Authentik2026Profile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same seeded fuzzing of the whole contract, against a 2026.8 deployment. */
@QuarkusTest
@TestProfile(Authentik2026Profile.class)
class ContractFuzz2026Test extends ContractFuzzTest {
}
