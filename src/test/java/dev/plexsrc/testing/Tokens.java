package dev.plexsrc.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints real signed tokens for tests, with the test key the application trusts. */
public final class Tokens {

    public static final String ISSUER = "plexsrc-test";
    private static final String KEY = "jwt/privateKey.pem";

    private Tokens() {
    }

    /** A caller holding the admin role. */
    public static String admin() {
        return user(1, "admin");
    }

    /** User {@code id} holding the given groups (permission codenames or roles). */
    public static String user(int id, String... groups) {
        return claims(id, groups).sign(KEY);
    }

    /** Same as {@link #user} but with no user id claim that is an integer. */
    public static String withSubject(String subject, String... groups) {
        return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(groups)).expiresIn(300).sign(KEY);
    }

    public static String expired() {
        return Jwt.issuer(ISSUER).subject("1").groups(Set.of("admin"))
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600)
                .sign(KEY);
    }

    /** An admin-like token of user 1 with the given groups that expires at {@code exp} (epoch seconds). */
    public static String expiringAt(long exp, String... groups) {
        return Jwt.issuer(ISSUER).subject("1").groups(Set.of(groups)).expiresAt(exp).sign(KEY);
    }

    /** An admin token of user 1 issued at {@code iat} and expiring at {@code exp} (epoch seconds). */
    public static String issuedAt(long iat, long exp) {
        return Jwt.issuer(ISSUER).subject("1").groups(Set.of("admin")).issuedAt(iat).expiresAt(exp).sign(KEY);
    }

    /** An admin token of user 1 for the audience {@code aud}. */
    public static String forAudience(String aud) {
        return claims(1, "admin").audience(aud).sign(KEY);
    }

    public static String wrongIssuer() {
        return Jwt.issuer("someone-else").subject("1").groups(Set.of("admin")).expiresIn(300).sign(KEY);
    }

    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(1, "admin").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) that would be admin if it were trusted. */
    public static String algNone() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = encoder.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"1\",\"groups\":[\"admin\"],\"iat\":"
                + now + ",\"exp\":" + (now + 300) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    private static JwtClaimsBuilder claims(int id, String... groups) {
        return Jwt.issuer(ISSUER).subject(Integer.toString(id)).groups(Set.of(groups)).expiresIn(300);
    }
}
