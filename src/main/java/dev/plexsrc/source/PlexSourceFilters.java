package dev.plexsrc.source;

import jakarta.ws.rs.QueryParam;

import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.QueryFilters;

/** The exact-match filters of the source list, as authentik's filterset names them. */
public class PlexSourceFilters {

    @QueryParam("pbm_uuid")
    String pbmUuid;

    @QueryParam("name")
    String name;

    @QueryParam("slug")
    String slug;

    @QueryParam("enabled")
    String enabled;

    @QueryParam("authentication_flow")
    String authenticationFlow;

    @QueryParam("enrollment_flow")
    String enrollmentFlow;

    @QueryParam("policy_engine_mode")
    String policyEngineMode;

    @QueryParam("user_matching_mode")
    String userMatchingMode;

    @QueryParam("group_matching_mode")
    String groupMatchingMode;

    @QueryParam("client_id")
    String clientId;

    @QueryParam("allow_friends")
    String allowFriends;

    /** Columns are qualified by the alias {@code s} of the list query. */
    Criteria criteria() {
        return new QueryFilters()
                .uuid("pbm_uuid", pbmUuid, "s.id")
                .text("name", name, "s.name")
                .text("slug", slug, "s.slug")
                .bool("enabled", enabled, "s.enabled")
                .uuid("authentication_flow", authenticationFlow, "s.authentication_flow")
                .uuid("enrollment_flow", enrollmentFlow, "s.enrollment_flow")
                .choice("policy_engine_mode", policyEngineMode, "s.policy_engine_mode", Choices.POLICY_ENGINE_MODES)
                .choice("user_matching_mode", userMatchingMode, "s.user_matching_mode", Choices.USER_MATCHING_MODES)
                .choice("group_matching_mode", groupMatchingMode, "s.group_matching_mode", Choices.GROUP_MATCHING_MODES)
                .text("client_id", clientId, "s.client_id")
                .bool("allow_friends", allowFriends, "s.allow_friends")
                .criteria();
    }
}
