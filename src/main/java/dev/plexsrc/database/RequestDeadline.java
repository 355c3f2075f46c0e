package dev.plexsrc.database;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Every API call of the annotated resource answers within {@code plexsrc.request-timeout}: past
 * it, the call fails as the database being unavailable (503), instead of waiting on a database
 * that accepts packets but never answers.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target(TYPE)
public @interface RequestDeadline {

    /**
     * A duration setting added to the deadline, for calls that also wait on another service which
     * bounds its own wait by that setting: its timeout then answers as that service's, not as a 503.
     */
    @Nonbinding
    String extendedBy() default "";
}
