package dev.oddshop.drill;

/**
 * What a drill run concluded, and the summary it printed (the scenario table, or the matrix table
 * with its seed), so a failing test shows why and how to replay it.
 */
record DrillVerdict(boolean passed, String summary) {}
