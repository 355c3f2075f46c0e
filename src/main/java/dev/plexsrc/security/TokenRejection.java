package dev.plexsrc.security;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.InvalidJwtSignatureException;
import org.jose4j.lang.InvalidAlgorithmException;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Why a bearer token was refused, told from the verifier's exception by its error codes and
 * classes only: its messages hold the token and its claims, so they are never logged.
 */
enum TokenRejection {

    EXPIRED("expired", "its exp plus the clock skew has passed, or it is older than the token age allows"),
    NOT_YET_VALID("not_yet_valid", "its nbf or iat lies further ahead of this server's clock than the clock skew"),
    SIGNATURE("signature", "it is not signed by the verification key with the configured algorithm"
            + " (another key, another algorithm, or alg none)"),
    ISSUER("issuer", "its iss is missing or not the configured issuer (MP_JWT_VERIFY_ISSUER)"),
    AUDIENCE("audience", "its aud is missing or names none of the configured audiences (MP_JWT_VERIFY_AUDIENCES)"),
    MALFORMED("malformed", "it is not a signed JWT with the claims a token needs (exp), or a claim is of the wrong type");

    /** SmallRye's message code for a token older than mp.jwt.verify.token.age, its only sign of that failure. */
    private static final String TOKEN_AGE_EXCEEDED = "SRJWT07018";

    private final String label;
    private final String meaning;

    TokenRejection(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The metric's {@code reason} label. */
    String label() {
        return label;
    }

    /** What it means, in words an operator can act on, without anything of the token. */
    String meaning() {
        return meaning;
    }

    /** A failure of this kind found by our own checks, which SmallRye's verifier does not make. */
    ParseException failure(String message) {
        return new Found(this, message);
    }

    /** Why the verification failed with {@code failure}. */
    static TokenRejection of(ParseException failure) {
        if (failure instanceof Found found) {
            return found.reason;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                return of(invalid);
            }
            if (cause.getMessage() != null && cause.getMessage().startsWith(TOKEN_AGE_EXCEEDED)) {
                return EXPIRED;
            }
        }
        return MALFORMED;
    }

    /** A token can fail several checks at once: the one that says most about where it came from wins. */
    private static TokenRejection of(InvalidJwtException invalid) {
        if (invalid instanceof InvalidJwtSignatureException || invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
                || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)
                || causedBy(invalid, InvalidAlgorithmException.class)) {
            return SIGNATURE;
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return ISSUER;
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return AUDIENCE;
        }
        if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return NOT_YET_VALID;
        }
        if (invalid.hasExpired() || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return EXPIRED;
        }
        return MALFORMED;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The failure of one of our own checks, carrying its reason. */
    private static final class Found extends ParseException {

        private final TokenRejection reason;

        Found(TokenRejection reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
