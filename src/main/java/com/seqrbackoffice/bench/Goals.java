package com.seqrbackoffice.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The goals a run was judged by: for each, what it asks ({@code goal}) and whether the run met it ({@code met}). */
final class Goals {

    private final Map<String, Map<String, Object>> results = new LinkedHashMap<>();

    void check(String name, String goal, boolean met) {
        results.put(name, Map.of("goal", goal, "met", met));
    }

    Map<String, Map<String, Object>> results() {
        return results;
    }

    /** Whether every goal in the figures ({@code goals}) was met; false when there are none. */
    static boolean allMet(Map<String, Object> figures) {
        return figures.get("goals") instanceof Map<?, ?> goals && !goals.isEmpty()
                && goals.values().stream().allMatch(goal -> goal instanceof Map<?, ?> result
                && Boolean.TRUE.equals(result.get("met")));
    }
}
