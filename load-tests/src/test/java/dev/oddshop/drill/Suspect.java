package dev.oddshop.drill;

/** A hypothesis: this service, this kind of fault, with how strongly the telemetry points at it and why. */
record Suspect(String service, String kind, double score, String evidence) {

    boolean is(String service, String kind) {
        return this.service.equals(service) && this.kind.equals(kind);
    }
}
