package dev.marcus.core.model;

/** How badly a blocker stops work. */
public enum BlockerSeverity implements WireEnum {
    LOW, MEDIUM, HIGH;

    public static BlockerSeverity parse(String field, String raw) {
        return WireEnum.parse(BlockerSeverity.class, field, raw);
    }
}
