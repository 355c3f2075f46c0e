package dev.plexsrc.http;

import dev.plexsrc.error.GenericError;
import dev.plexsrc.list.Pagination;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Bodies that Jackson writes without a resource method declaring them (error answers built by
 * the exception mappers, records nested in others) are registered for the native image here.
 */
@RegisterForReflection(targets = {GenericError.class, Pagination.class, UsedBy.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
