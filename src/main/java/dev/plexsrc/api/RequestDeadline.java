package dev.plexsrc.api;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

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
}
